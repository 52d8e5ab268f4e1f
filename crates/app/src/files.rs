//! Files people attach to an order's conversation: which kinds are accepted (by name and by
//! content: a `.pdf` must start like a PDF), and where the bytes are kept. The store is a
//! trait so that an S3-compatible one can replace the local disk without touching the routes.

use std::path::{Path, PathBuf};

/// The largest file accepted, in bytes (10 MiB).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The largest logo accepted (1 MiB): it is shown on every page of a website.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// Keeps and returns bytes by key. Keys are made by the server (`<order>/<uuid>`), never
/// taken from a request.
pub trait FileStore: Send + Sync {
    fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()>;
    fn get(&self, key: &str) -> std::io::Result<Vec<u8>>;
}

/// The default store: one file per key under a folder.
pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    pub fn open(root: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(root)?;
        Ok(Self { root: root.to_path_buf() })
    }

    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key
                .split('/')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        if safe {
            Ok(self.root.join(key))
        } else {
            Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("not a file key: {key:?}")))
        }
    }
}

impl FileStore for LocalDisk {
    fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // Written aside and renamed: a reader never sees half a file.
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(partial, path)
    }

    fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path(key)?)
    }
}

/// The kinds of file accepted: (extension, content type, how the content must start).
const KINDS: &[(&str, &str, Signature)] = &[
    ("pdf", "application/pdf", Signature::Prefix(b"%PDF-")),
    ("png", "image/png", Signature::Prefix(b"\x89PNG\r\n\x1a\n")),
    ("jpg", "image/jpeg", Signature::Prefix(b"\xff\xd8\xff")),
    ("jpeg", "image/jpeg", Signature::Prefix(b"\xff\xd8\xff")),
    ("webp", "image/webp", Signature::Webp),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Signature::Prefix(b"PK\x03\x04"),
    ),
    ("txt", "text/plain; charset=utf-8", Signature::Utf8),
    ("md", "text/markdown; charset=utf-8", Signature::Utf8),
    ("csv", "text/csv; charset=utf-8", Signature::Utf8),
];

#[derive(Clone, Copy)]
enum Signature {
    Prefix(&'static [u8]),
    Webp,
    Utf8,
}

impl Signature {
    fn matches(self, bytes: &[u8]) -> bool {
        match self {
            Signature::Prefix(p) => bytes.starts_with(p),
            Signature::Webp => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
            Signature::Utf8 => std::str::from_utf8(bytes).is_ok(),
        }
    }
}

/// The extensions accepted, for error messages.
pub fn accepted_extensions() -> String {
    KINDS.iter().map(|k| k.0).filter(|e| *e != "jpeg").collect::<Vec<_>>().join(", ")
}

/// Why a file is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    /// Not a kind we take.
    Kind,
    /// Named as one kind, but its content is not of that kind.
    Mismatch,
}

/// The content type of an accepted file, from its name, once its content agrees.
pub fn classify(name: &str, bytes: &[u8]) -> Result<&'static str, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).ok_or(Refusal::Kind)?;
    let (_, content_type, signature) = KINDS.iter().find(|k| k.0 == extension).ok_or(Refusal::Kind)?;
    if signature.matches(bytes) { Ok(content_type) } else { Err(Refusal::Mismatch) }
}

/// A logo: PNG, JPEG or WebP whose content agrees with its name, at most 1 MiB. Returns
/// the content type and the extension to store it under.
pub fn classify_logo(name: &str, bytes: &[u8]) -> Result<(&'static str, &'static str), Refusal> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(Refusal::TooLarge);
    }
    let content_type = classify(name, bytes)?;
    match content_type {
        "image/png" => Ok((content_type, "png")),
        "image/jpeg" => Ok((content_type, "jpg")),
        "image/webp" => Ok((content_type, "webp")),
        _ => Err(Refusal::Kind),
    }
}

/// The content type of a stored logo, from the extension its key ends with.
pub fn logo_content_type(key: &str) -> &'static str {
    match key.rsplit('-').next() {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

/// A file name safe to show and to send back in `Content-Disposition`: the last path part,
/// without control characters or quotes, at most 200 characters.
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    last.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_taken_by_its_name_only_when_its_content_agrees() {
        assert_eq!(classify("Brief.PDF", b"%PDF-1.7 ..."), Ok("application/pdf"));
        assert_eq!(classify("notes.md", "# Café".as_bytes()), Ok("text/markdown; charset=utf-8"));
        assert_eq!(classify("photo.png", b"%PDF-1.7"), Err(Refusal::Mismatch));
        assert_eq!(classify("notes.txt", &[0xff, 0xfe, 0x00]), Err(Refusal::Mismatch));
        assert_eq!(classify("run.exe", b"MZ"), Err(Refusal::Kind));
        assert_eq!(classify("noextension", b"text"), Err(Refusal::Kind));
        assert_eq!(classify("a.txt", b""), Err(Refusal::Empty));
        assert_eq!(classify("a.txt", &vec![b'a'; MAX_FILE_BYTES + 1]), Err(Refusal::TooLarge));
    }

    #[test]
    fn names_lose_their_folders_and_quotes_and_keys_cannot_leave_the_store() {
        assert_eq!(clean_name("../../etc/pass\"wd.txt"), "passwd.txt");
        assert_eq!(clean_name("C:\\Users\\me\\brief.pdf"), "brief.pdf");
        let store = LocalDisk::open(&std::env::temp_dir().join("atelier-files-unit")).unwrap();
        assert!(store.put("../escape", b"x").is_err());
        assert!(store.get("a//b").is_err());
        store.put("order-1/abc", b"hello").unwrap();
        assert_eq!(store.get("order-1/abc").unwrap(), b"hello");
    }
}

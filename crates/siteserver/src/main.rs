//! `atelier-siteserver --dir <site> --port <n> [--bind <ip>] [--build <content hash>]`
//!
//! Serves one rendered site: `GET`/`HEAD` of files under `--dir`, `/` and `/about/` as their
//! `index.html`, `/about` redirected to `/about/`, anything else the site's `404.html` with
//! status 404. Every answer says which build it is (`X-Atelier-Build`), so a deployer can tell
//! the new version from the old one, and its tag (`ETag`) is the build: a visitor asking again
//! with `If-None-Match` gets `304 Not Modified` and no body. Connections are kept alive (HTTP/1.1
//! unless `Connection: close`; at most 100 requests, 5 s idle). A file's gzip twin (`x.html.gz`,
//! written when the build is packaged) is sent to clients that accept gzip. One line per
//! request on standard output (a deployment's log). Standard library only: it builds as one
//! static binary for a FROM-scratch image.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use std::{env, fs, thread};

/// Connections served at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 256;
/// Requests one connection may make before it is closed (a kept connection holds a thread).
const MAX_REQUESTS_PER_CONNECTION: usize = 100;
/// How long a kept connection may wait for its next request.
const IDLE: Duration = Duration::from_secs(5);

struct Config {
    dir: PathBuf,
    bind: String,
    port: u16,
    build: String,
}

fn parse_args() -> Result<Config, String> {
    let mut args = env::args().skip(1);
    let (mut dir, mut port, mut bind, mut build) = (None, None, "127.0.0.1".to_owned(), String::new());
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--dir" => dir = Some(PathBuf::from(value)),
            "--port" => port = Some(value.parse::<u16>().map_err(|_| format!("--port {value}: not a port"))?),
            "--bind" => bind = value,
            "--build" => build = value,
            other => return Err(format!("unknown option {other}")),
        }
    }
    let dir = dir.ok_or("--dir is required")?;
    if !dir.join("index.html").is_file() {
        return Err(format!("{} has no index.html", dir.display()));
    }
    Ok(Config { dir, bind, port: port.ok_or("--port is required")?, build })
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// `%xx` decoding of a request path; `None` for malformed escapes or non-UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

enum Answer {
    File(PathBuf, u16),
    Redirect(String),
    BadRequest,
}

/// Where a request path leads inside `root`, never outside it.
fn resolve(root: &Path, target: &str) -> Answer {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let Some(decoded) = percent_decode(path) else { return Answer::BadRequest };
    if !decoded.starts_with('/') || decoded.contains('\0') {
        return Answer::BadRequest;
    }
    let mut file = root.to_path_buf();
    for component in Path::new(&decoded[1..]).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            // `..`, a root or a prefix: nothing outside the site is served.
            _ => return Answer::BadRequest,
        }
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Answer::Redirect(format!("{decoded}/"));
        }
        file.push("index.html");
    }
    if file.is_file() { Answer::File(file, 200) } else { Answer::File(root.join("404.html"), 404) }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    }
}

/// `SystemTime` as an HTTP date (`Wed, 02 Dec 2026 06:20:42 GMT`).
fn http_date(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (proleptic Gregorian, in 400-year eras).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// What a request asked for, as far as a static site cares.
struct Request {
    method: String,
    target: String,
    /// The client wants the connection kept (HTTP/1.1 without `Connection: close`, or 1.0
    /// with `Connection: keep-alive`) and sent no body we would have to skip.
    keep_alive: bool,
    if_none_match: Option<String>,
    gzip: bool,
}

/// Reads one request's line and headers; `None` when the client closed, went quiet or sent
/// something too large to be a request.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut request_line = String::new();
    match reader.by_ref().take(8192).read_line(&mut request_line) {
        Ok(0) | Err(_) => return None,
        Ok(_) => {}
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next().unwrap_or_default().to_owned());
    let version = parts.next().unwrap_or("HTTP/1.0");
    let mut keep_alive = version == "HTTP/1.1";
    let (mut if_none_match, mut gzip, mut has_body) = (None, false, false);
    let mut line = String::new();
    for _ in 0..100 {
        line.clear();
        match reader.by_ref().take(8192).read_line(&mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) if line == "\r\n" || line == "\n" => {
                return Some(Request { method, target, keep_alive: keep_alive && !has_body, if_none_match, gzip });
            }
            Ok(_) => {}
        }
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" => {
                let has = |wanted: &str| value.split(',').any(|t| t.trim().eq_ignore_ascii_case(wanted));
                if has("close") {
                    keep_alive = false;
                } else if has("keep-alive") {
                    keep_alive = true;
                }
            }
            "if-none-match" => if_none_match = Some(value.to_owned()),
            "accept-encoding" => gzip = accepts_gzip(value),
            "content-length" => has_body |= value != "0",
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    None
}

/// Whether an `Accept-Encoding` value accepts gzip: an explicit `gzip` entry decides (its
/// `q=0` refuses), else `*` does.
fn accepts_gzip(value: &str) -> bool {
    let mut star = None;
    for coding in value.split(',') {
        let mut fields = coding.split(';');
        let name = fields.next().unwrap_or_default().trim();
        let refused = fields.any(|q| matches!(q.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
        if name.eq_ignore_ascii_case("gzip") {
            return !refused;
        }
        if name == "*" {
            star = Some(!refused);
        }
    }
    star.unwrap_or(false)
}

/// Whether `If-None-Match` names this build (`*`, or the tag, weak or strong, in a list).
fn matches_tag(header: &str, tag: &str) -> bool {
    header.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == tag)
}

fn respond(
    stream: &mut TcpStream,
    config: &Config,
    status: u16,
    headers: &[(&str, String)],
    body: &[u8],
    head: bool,
    keep_alive: bool,
) -> bool {
    let mut out = format!("HTTP/1.1 {status} {}\r\nDate: {}\r\n", reason(status), http_date(SystemTime::now()));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    // A 304 has no body, and says nothing of the length of the one it stands for.
    if status != 304 {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str(&format!(
        "X-Atelier-Build: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
        config.build,
        if keep_alive { "keep-alive" } else { "close" }
    ));
    let mut written = stream.write_all(out.as_bytes()).is_ok();
    if !head && status != 304 {
        written &= stream.write_all(body).is_ok();
    }
    written && stream.flush().is_ok()
}

/// Whether a file is worth sending compressed (its gzip twin may exist).
fn compressible(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "css" | "js" | "xml" | "txt" | "json" | "svg"))
}

/// Answers one request; returns its status and whether the connection may serve another.
fn answer(stream: &mut TcpStream, config: &Config, request: &Request) -> (u16, bool) {
    let head = request.method == "HEAD";
    let keep = request.keep_alive;
    if request.method != "GET" && !head {
        // A body we did not read may follow: this connection ends here.
        respond(stream, config, 405, &[("Allow", "GET, HEAD".into())], b"", false, false);
        return (405, false);
    }
    let (status, ok) = match resolve(&config.dir, &request.target) {
        Answer::BadRequest => (400, respond(stream, config, 400, &[], b"bad request", head, keep)),
        Answer::Redirect(to) => (301, respond(stream, config, 301, &[("Location", to)], b"", head, keep)),
        Answer::File(path, status) => {
            let cache = if path.extension().is_some_and(|e| e == "html") { "no-cache" } else { "public, max-age=300" };
            let mut headers =
                vec![("Content-Type", content_type(&path).to_owned()), ("Cache-Control", cache.to_owned())];
            if compressible(&path) {
                headers.push(("Vary", "Accept-Encoding".to_owned()));
            }
            let twin = {
                let mut name = path.as_os_str().to_owned();
                name.push(".gz");
                PathBuf::from(name)
            };
            let zipped = request.gzip && compressible(&path) && twin.is_file();
            // The build names every file's content: a page of this build is this page. Each
            // encoding is its own representation, with its own tag.
            let tag = format!("\"{}{}\"", config.build, if zipped { "-gz" } else { "" });
            let tagged = status == 200 && !config.build.is_empty();
            if tagged {
                headers.push(("ETag", tag.clone()));
            }
            if zipped {
                headers.push(("Content-Encoding", "gzip".to_owned()));
            }
            if tagged && request.if_none_match.as_deref().is_some_and(|h| matches_tag(h, &tag)) {
                (304, respond(stream, config, 304, &headers, b"", head, keep))
            } else {
                let body = fs::read(if zipped { &twin } else { &path }).unwrap_or_default();
                (status, respond(stream, config, status, &headers, &body, head, keep))
            }
        }
    };
    (status, ok && keep)
}

fn handle(stream: TcpStream, config: &Config, active: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let mut writer = match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    for served in 0..MAX_REQUESTS_PER_CONNECTION {
        if served > 0 {
            let _ = reader.get_ref().set_read_timeout(Some(IDLE));
        }
        let Some(mut request) = read_request(&mut reader) else { return };
        // Near the connection limit, kept connections would keep new visitors waiting.
        let crowded = active.load(Ordering::Acquire) * 4 >= MAX_CONNECTIONS * 3;
        request.keep_alive &= served + 1 < MAX_REQUESTS_PER_CONNECTION && !crowded;
        let (status, again) = answer(&mut writer, config, &request);
        println!("{} {} {status}", request.method, request.target);
        if !again {
            return;
        }
    }
}

fn main() -> std::process::ExitCode {
    let config = match parse_args() {
        Ok(c) => Arc::new(c),
        Err(e) => {
            eprintln!("atelier-siteserver: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind((config.bind.as_str(), config.port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("atelier-siteserver: cannot listen on {}:{}: {e}", config.bind, config.port);
            return std::process::ExitCode::from(1);
        }
    };
    println!("serving {} on {}:{} (build {})", config.dir.display(), config.bind, config.port, config.build);
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        while active.load(Ordering::Acquire) >= MAX_CONNECTIONS {
            thread::sleep(Duration::from_millis(5));
        }
        active.fetch_add(1, Ordering::AcqRel);
        let (config, active) = (Arc::clone(&config), Arc::clone(&active));
        thread::spawn(move || {
            handle(stream, &config, &active);
            active.fetch_sub(1, Ordering::AcqRel);
        });
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_inside_the_site_and_never_outside() {
        let root = env::temp_dir().join(format!("siteserver-test-{}", std::process::id()));
        fs::create_dir_all(root.join("about")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("404.html"), "missing").unwrap();
        fs::write(root.join("about/index.html"), "about").unwrap();
        let file = |target| match resolve(&root, target) {
            Answer::File(p, s) => format!("{}:{s}", p.strip_prefix(&root).unwrap().display()),
            Answer::Redirect(to) => format!("-> {to}"),
            Answer::BadRequest => "400".into(),
        };
        assert_eq!(file("/"), "index.html:200");
        assert_eq!(file("/about/"), "about/index.html:200");
        assert_eq!(file("/about"), "-> /about/");
        assert_eq!(file("/about/?x=1"), "about/index.html:200");
        assert_eq!(file("/nope"), "404.html:404");
        for evil in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/about/../../x", "/%zz", "relative"] {
            assert_eq!(file(evil), "400", "{evil}");
        }
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn dates_are_http_dates() {
        let at = |secs| http_date(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        // A leap day of a leap century, a day of the platform's life, a century not leap.
        assert_eq!(at(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(at(1_796_192_149), "Wed, 02 Dec 2026 06:15:49 GMT");
        assert_eq!(at(4_102_444_800), "Fri, 01 Jan 2100 00:00:00 GMT");
    }

    #[test]
    fn gzip_is_sent_only_where_accepted() {
        assert!(accepts_gzip("gzip, deflate, br"));
        assert!(accepts_gzip("br;q=1.0, gzip;q=0.8"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip("gzip;q=0, *"), "an explicit refusal wins over `*`");
        assert!(!accepts_gzip("br"));
        assert!(!accepts_gzip("identity"));
    }

    #[test]
    fn only_this_build_is_not_modified() {
        assert!(matches_tag("\"abc\"", "\"abc\""));
        assert!(matches_tag("W/\"abc\"", "\"abc\""));
        assert!(matches_tag("\"old\", \"abc\"", "\"abc\""));
        assert!(matches_tag("*", "\"abc\""));
        assert!(!matches_tag("\"abcd\"", "\"abc\""));
        assert!(!matches_tag("abc", "\"abc\""));
    }
}

//! `atelier-siteserver --dir <site> --port <n> [--bind <ip>] [--build <content hash>]`
//!
//! Serves one rendered site: `GET`/`HEAD` of files under `--dir`, `/` and `/about/` as their
//! `index.html`, `/about` redirected to `/about/`, anything else the site's `404.html` with
//! status 404. Every answer says which build it is (`X-Atelier-Build`), so a deployer can tell
//! the new version from the old one. One line per request on standard output (a deployment's
//! log). Standard library only: it builds as one static binary for a FROM-scratch image.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use std::{env, fs, thread};

/// Connections served at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 256;

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
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    }
}

fn respond(stream: &mut TcpStream, config: &Config, status: u16, headers: &[(&str, String)], body: &[u8], head: bool) {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nX-Atelier-Build: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len(),
        config.build
    ));
    let _ = stream.write_all(out.as_bytes());
    if !head {
        let _ = stream.write_all(body);
    }
    let _ = stream.flush();
}

fn handle(mut stream: TcpStream, config: &Config) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.by_ref().take(8192).read_line(&mut request_line).is_err() {
        return;
    }
    // Drain the headers (a static site needs none of them).
    let mut line = String::new();
    loop {
        line.clear();
        match reader.by_ref().take(8192).read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let head = method == "HEAD";
    let status = if method != "GET" && !head {
        respond(&mut stream, config, 405, &[("Allow", "GET, HEAD".into())], b"", false);
        405
    } else {
        match resolve(&config.dir, target) {
            Answer::BadRequest => {
                respond(&mut stream, config, 400, &[], b"bad request", head);
                400
            }
            Answer::Redirect(to) => {
                respond(&mut stream, config, 301, &[("Location", to)], b"", head);
                301
            }
            Answer::File(path, status) => {
                let body = fs::read(&path).unwrap_or_default();
                let cache =
                    if path.extension().is_some_and(|e| e == "html") { "no-cache" } else { "public, max-age=300" };
                let headers = [("Content-Type", content_type(&path).to_owned()), ("Cache-Control", cache.to_owned())];
                respond(&mut stream, config, status, &headers, &body, head);
                status
            }
        }
    };
    println!("{method} {target} {status}");
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
            handle(stream, &config);
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
}

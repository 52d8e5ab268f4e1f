//! The Docker engine for the docker runtime's tests: Debian's `docker.io`, started in the
//! background when no engine answers, and `atelier-siteserver` linked statically for the
//! FROM-scratch images (no registry is reachable).

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::services::ensure_packages;
use crate::{run, target_dir};

const SOCKET: &str = "/var/run/docker.sock";

/// `GET /_ping` on the engine's socket answers `OK`.
fn engine_answers() -> bool {
    let Ok(mut socket) = UnixStream::connect(SOCKET) else { return false };
    let _ = socket.set_read_timeout(Some(Duration::from_secs(2)));
    if socket.write_all(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = socket.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.") && answer.contains(" 200 ") && answer.trim_end().ends_with("OK")
}

/// Installs docker.io when missing and starts `dockerd` when no engine answers (it keeps
/// running after this command, like a system service would).
pub fn ensure_engine(data: &Path) -> anyhow::Result<()> {
    if engine_answers() {
        return Ok(());
    }
    ensure_packages(&[("dockerd", "docker.io")])?;
    std::fs::create_dir_all(data)?;
    let log = std::fs::File::create(data.join("dockerd.log"))?;
    println!("==> starting dockerd (log: {})", data.join("dockerd.log").display());
    Command::new("dockerd")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("starting dockerd")?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while !engine_answers() {
        anyhow::ensure!(
            Instant::now() < deadline,
            "dockerd did not answer within 60 s; see {}",
            data.join("dockerd.log").display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(())
}

/// Builds `atelier-siteserver` linked statically (glibc, `+crt-static`; there is no musl
/// target here) and returns its path.
pub fn static_siteserver(root: &Path) -> anyhow::Result<PathBuf> {
    let dir = target_dir().join("static");
    run(Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--release", "-p", "atelier-siteserver", "--target", "x86_64-unknown-linux-gnu"])
        .env("RUSTFLAGS", "-C target-feature=+crt-static")
        .env("CARGO_TARGET_DIR", &dir)
        .current_dir(root))?;
    Ok(dir.join("x86_64-unknown-linux-gnu/release/atelier-siteserver"))
}

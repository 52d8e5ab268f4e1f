//! The WASM toolchain and the three web apps.
//!
//! rustup's toolchain here has no wasm32 standard library and cannot fetch one, so the apps
//! are built with Debian's `rustc-web` (linked into rustup as `web`) and `-Zbuild-std`, by
//! Trunk and wasm-bindgen-cli at pinned versions. Everything is installed when missing;
//! nothing is downloaded at build time (Trunk finds the tools on PATH, wasm-opt is off).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::services::ensure_packages;
use crate::{run, succeeds, target_dir};

/// The apps' builds. `wizard` is the clients app's site wizard and `billing` its billing
/// page, `money` the staff app's money pages: each is loaded on its own (their pages would
/// not fit their app's budget), built with their app's feature too and served from a folder
/// of their own on their app's hosts (see crates/api/src/web.rs).
pub const APPS: [&str; 6] = ["clients", "wizard", "billing", "writers", "staff", "money"];

/// The Cargo features and the public URL of an app's build.
fn build_of(app: &str) -> (&'static str, &'static str) {
    match app {
        "wizard" => ("clients,wizard", "/wizard/"),
        "billing" => ("clients,billing", "/billing-app/"),
        "money" => ("staff,money", "/money-app/"),
        "writers" => ("writers", "/"),
        "staff" => ("staff", "/"),
        _ => ("clients", "/"),
    }
}

/// The Cargo features that build `app`, for its native tests.
pub fn features_of(app: &str) -> &'static str {
    build_of(app).0
}
const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` pin in frontend/Cargo.toml and Trunk.toml.
const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// `PATH` with cargo's own bin folder first, where `cargo install` puts trunk and
/// wasm-bindgen, so they are found even when the caller's PATH lacks it (Trunk looks
/// wasm-bindgen up on PATH too).
/// npm's binaryen (Debian's is too old for these modules): wasm-opt halves the apps.
const BINARYEN_VERSION: &str = "132.0.0";

fn binaryen_dir() -> PathBuf {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    home.join(".cache/atelier-tools").join(format!("binaryen-{BINARYEN_VERSION}"))
}

fn path_with_cargo_bin() -> std::ffi::OsString {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    // Trunk runs the wasm-opt it finds first on PATH.
    let mut dirs: Vec<PathBuf> = vec![binaryen_dir().join("node_modules/.bin")];
    dirs.extend(cargo_home.map(|home| home.join("bin")));
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).unwrap_or_default()
}

fn version_of(tool: &str) -> String {
    Command::new(tool)
        .env("PATH", path_with_cargo_bin())
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// A `cargo install` with the machine's own (rustup) toolchain, whatever the caller set.
fn cargo_install(args: &[&str]) -> anyhow::Result<()> {
    run(Command::new("cargo").arg("install").args(args).env_remove("RUSTUP_TOOLCHAIN").env_remove("CARGO_TARGET_DIR"))
}

pub fn ensure_toolchain() -> anyhow::Result<()> {
    ensure_packages(&[
        ("/usr/bin/rustc", "rustc-web"),
        ("/usr/bin/cargo", "cargo-web"),
        ("/usr/lib/rustlib/src/rust/library/Cargo.lock", "rust-web-src"),
        ("/usr/bin/rust-lld", "lld-22"),
        ("/usr/bin/rust-lld", "rust-web-llvm"),
        ("/usr/bin/node", "nodejs"),
        ("/usr/bin/npm", "npm"),
    ])?;
    if !binaryen_dir().join("node_modules/.bin/wasm-opt").exists() {
        println!("==> installing wasm-opt (npm binaryen {BINARYEN_VERSION}, once)");
        std::fs::create_dir_all(binaryen_dir())?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
            .arg(binaryen_dir())
            .arg(format!("binaryen@{BINARYEN_VERSION}")))?;
    }
    let toolchains = Command::new("rustup")
        .env("PATH", path_with_cargo_bin())
        .args(["toolchain", "list"])
        .output()
        .context("running rustup")?;
    if !String::from_utf8_lossy(&toolchains.stdout).lines().any(|l| l.split_whitespace().next() == Some("web")) {
        println!("==> linking Debian's rustc-web into rustup as `web`");
        run(Command::new("rustup").args(["toolchain", "link", "web", "/usr"]))?;
    }
    if version_of("trunk") != format!("trunk {TRUNK_VERSION}") {
        println!("==> installing trunk {TRUNK_VERSION} (a few minutes, once)");
        cargo_install(&["--locked", "trunk", "--version", TRUNK_VERSION])?;
    }
    if version_of("wasm-bindgen") != format!("wasm-bindgen {WASM_BINDGEN_VERSION}") {
        println!("==> installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (a few minutes, once)");
        // Not --locked: its lock file names a crate version the index no longer has.
        cargo_install(&["wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION])?;
    }
    Ok(())
}

/// The wire-types crate is shared with the browser: it must not pull in server crates.
pub fn check_types_crate_is_server_free(root: &Path) -> anyhow::Result<()> {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "-p", "atelier-types", "--edges", "normal", "--prefix", "none", "--format", "{p}"])
        .current_dir(root)
        .output()
        .context("running cargo tree")?;
    let tree = String::from_utf8_lossy(&out.stdout);
    let forbidden = ["tokio", "sqlx", "actix", "redis", "mio", "hyper", "utoipa"];
    let found: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| forbidden.iter().any(|f| name.starts_with(f)))
        .collect();
    if !found.is_empty() {
        bail!("atelier-types must stay server-free (it compiles for wasm32), but depends on {found:?}");
    }
    Ok(())
}

pub fn dist_dir(root: &Path) -> PathBuf {
    root.join("dist")
}

/// Builds the three apps in release into `dist/<app>`.
pub fn build_apps(root: &Path) -> anyhow::Result<()> {
    check_types_crate_is_server_free(root)?;
    // Trunk stages wasm-bindgen's output inside the shared target folder: two builds at once
    // (two clones, two runs) would delete each other's files mid-build.
    let _one_at_a_time = crate::runs::machine_lock("web-build", "another run to finish building its web apps")?;
    let wasm_target = target_dir().join("wasm");
    for app in APPS {
        println!("==> building the {app} app (release, wasm32)");
        let (features, public_url) = build_of(app);
        run(Command::new("trunk")
            .env("PATH", path_with_cargo_bin())
            .args(["build", "--release", "--cargo-profile", "wasm-release", "--features", features])
            .args(["--public-url", public_url, "--dist"])
            .arg(dist_dir(root).join(app))
            .current_dir(root)
            .env("RUSTUP_TOOLCHAIN", "web")
            // Smaller apps, same pages (clients app, gzipped, measured: 495 KB → 434 KB by the
            // first, → 392 KB with the rest of this session's trimming and the second):
            // - Leptos erases each component's view type (an AnyView at component boundaries);
            // - a panic stops the app at once, without formatting a message (std is built
            //   here anyway; the apps handle their errors and do not panic by design).
            .env("RUSTFLAGS", "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort")
            .env("RUSTC_BOOTSTRAP", "1")
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            .env("CARGO_TARGET_DIR", &wasm_target))
        .with_context(|| format!("building the {app} app"))?;
    }
    Ok(())
}

fn gzipped_len(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// Each app's `.wasm`, raw and gzipped (what the browser downloads). Target: ≤ 400 KB gzipped.
pub fn report_sizes(root: &Path) -> anyhow::Result<bool> {
    const BUDGET: usize = 400 * 1024;
    println!("{:<10} {:>12} {:>12}  budget 400 KB gzipped", "app", "wasm raw", "gzipped");
    let mut within = true;
    for app in APPS {
        let dir = dist_dir(root).join(app);
        let wasm = std::fs::read_dir(&dir)
            .with_context(|| format!("{} is missing: build the apps first", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "wasm"))
            .with_context(|| format!("no .wasm in {}", dir.display()))?;
        let bytes = std::fs::read(&wasm)?;
        let gz = gzipped_len(&bytes)?;
        within &= gz <= BUDGET;
        println!(
            "{app:<10} {:>9.1} KB {:>9.1} KB  {}",
            bytes.len() as f64 / 1024.0,
            gz as f64 / 1024.0,
            if gz <= BUDGET { "ok" } else { "OVER BUDGET" }
        );
    }
    Ok(within)
}

/// axe-core from npm: the browser tests run it in every page they visit.
const AXE_VERSION: &str = "4.14.1";

/// Where `axe.min.js` is once [`ensure_browser`] ran.
pub fn axe_script() -> PathBuf {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    home.join(".cache/atelier-tools").join(format!("axe-core-{AXE_VERSION}")).join("node_modules/axe-core/axe.min.js")
}

/// Whether the browser-test tools are installed (installing them when missing).
pub fn ensure_browser() -> anyhow::Result<()> {
    ensure_packages(&[("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("/usr/bin/npm", "npm")])?;
    if !succeeds(Command::new("chromedriver").arg("--version")) {
        bail!("chromedriver does not run");
    }
    if !axe_script().exists() {
        println!("==> installing axe-core {AXE_VERSION} (npm, once)");
        let prefix = axe_script().ancestors().nth(3).map(Path::to_path_buf).context("axe-core's folder")?;
        std::fs::create_dir_all(&prefix)?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
            .arg(&prefix)
            .arg(format!("axe-core@{AXE_VERSION}")))?;
    }
    Ok(())
}

/// aiosmtpd from PyPI: the real SMTP server the mail tests deliver to.
const AIOSMTPD_VERSION: &str = "1.4.6";

/// The Python of aiosmtpd's own virtual environment (installed once, under the tools cache).
pub fn ensure_mail_server() -> anyhow::Result<PathBuf> {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    let venv = home.join(".cache/atelier-tools").join(format!("aiosmtpd-{AIOSMTPD_VERSION}"));
    let python = venv.join("bin/python");
    if succeeds(Command::new(&python).args(["-c", "import aiosmtpd"])) {
        return Ok(python);
    }
    ensure_packages(&[("/usr/bin/python3", "python3"), ("/usr/share/doc/python3-venv", "python3-venv")])?;
    println!("==> installing aiosmtpd {AIOSMTPD_VERSION} (PyPI, once)");
    let _ = std::fs::remove_dir_all(&venv);
    run(Command::new("/usr/bin/python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("aiosmtpd=={AIOSMTPD_VERSION}")))?;
    Ok(python)
}

//! One `cargo xtask test` run's own things: a run id, a folder (`<tmp>/atelier-runs/<id>`)
//! holding every folder its tests make, and the databases named after it. At its end a run
//! ends the site servers its tests left (by the pid files beside their builds), drops its
//! databases and removes its folder; nothing of another run is touched, so two runs on one
//! machine (two clones, or CI beside a developer) pass side by side. What an interrupted
//! run left is cleaned by the next run, once the interrupted run's process is gone.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::services::Services;

/// A lock of the whole machine named `name`, held until the file is dropped; `waiting_for`
/// says what the wait is for when another command holds it.
pub fn machine_lock(name: &str, waiting_for: &str) -> anyhow::Result<std::fs::File> {
    std::fs::create_dir_all(root())?;
    let file = std::fs::File::create(root().join(format!("{name}.lock")))?;
    if file.try_lock().is_err() {
        println!("==> waiting for {waiting_for}");
        file.lock()?;
    }
    Ok(file)
}

/// Held while a run installs tools and starts services: two runs on a fresh machine would
/// otherwise run apt and `cargo install` at once (and one of them fail).
pub fn setup_lock() -> anyhow::Result<std::fs::File> {
    machine_lock("setup", "another run to finish installing and starting services")
}

pub struct Run {
    pub id: String,
    pub dir: PathBuf,
}

fn root() -> PathBuf {
    std::env::temp_dir().join("atelier-runs")
}

/// Whether the process that owns a run folder still runs.
fn alive(dir: &Path) -> bool {
    let Ok(pid) = std::fs::read_to_string(dir.join("owner")) else { return false };
    let pid = pid.trim();
    !pid.is_empty()
        && std::fs::read(format!("/proc/{pid}/cmdline"))
            .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains("xtask"))
}

impl Run {
    /// A new run, its folder appearing whole (with its owner) or not at all. Call it under
    /// [`setup_lock`], before starting services, so that no other run sees services without
    /// the run that uses them.
    pub fn begin() -> anyhow::Result<Run> {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs();
        let id = format!("r{}t{secs}", std::process::id());
        let dir = root().join(&id);
        let making = root().join(format!(".{id}"));
        std::fs::create_dir_all(&making)?;
        std::fs::write(making.join("owner"), std::process::id().to_string())?;
        std::fs::rename(&making, &dir)?;
        Ok(Run { id, dir })
    }

    /// Other runs still going on this machine.
    pub fn others(&self) -> Vec<String> {
        runs().into_iter().filter(|(id, dir)| *id != self.id && alive(dir)).map(|(id, _)| id).collect()
    }

    /// What runs that no longer live left: their site servers, databases and folders.
    /// Call it under [`setup_lock`] (no run begins meanwhile).
    pub fn clean_abandoned(&self, services: &Services) -> anyhow::Result<()> {
        let mut live = Vec::new();
        for (id, dir) in runs() {
            if id == self.id || alive(&dir) {
                live.push(id);
            } else {
                end_site_servers(&dir);
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
        let names = services.psql("postgres", "select datname from pg_database where datname like 'atelier_test_%'")?;
        for name in names.lines().map(str::trim).filter(|n| !n.is_empty()) {
            // `atelier_test_<run>_<id>`; the older `atelier_test_<uuid>` had no run. A hand-run
            // `cargo test` (`adhoc`) is left to whoever runs it.
            let run = name.trim_start_matches("atelier_test_").split_once('_').map(|(run, _)| run);
            let abandoned = match run {
                Some("adhoc") => false,
                Some(run) => !live.iter().any(|l| l == run),
                None => true,
            };
            if abandoned {
                drop_database(services, name)?;
            }
        }
        Ok(())
    }

    /// Ends what this run's tests left running, drops its databases, removes its folder.
    pub fn end(&self, services: &Services) -> anyhow::Result<()> {
        end_site_servers(&self.dir);
        let pattern = format!("atelier\\_test\\_{}\\_%", self.id);
        let names =
            services.psql("postgres", &format!("select datname from pg_database where datname like '{pattern}'"))?;
        for name in names.lines().map(str::trim).filter(|n| !n.is_empty()) {
            drop_database(services, name)?;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

fn drop_database(services: &Services, name: &str) -> anyhow::Result<()> {
    services.psql("postgres", &format!("drop database if exists \"{name}\" with (force)"))?;
    Ok(())
}

fn runs() -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(root()) else { return Vec::new() };
    entries
        .flatten()
        .filter(|e| e.path().is_dir() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect()
}

/// Ends each site server started under `dir`: the pid files the process runtime writes
/// beside each build, each checked against the process's own `--dir` (a pid may have been
/// reused by an unrelated process since).
pub fn end_site_servers(dir: &Path) {
    for pid_file in files_named(dir, "pid") {
        let Ok(pid) = std::fs::read_to_string(&pid_file) else { continue };
        let pid = pid.trim();
        // `<build>.<port>.pid`
        let name = pid_file.to_string_lossy().into_owned();
        let Some((build, port)) = name.strip_suffix(".pid").and_then(|n| n.rsplit_once('.')) else { continue };
        let ours = std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|cmdline| {
            let args: Vec<String> =
                cmdline.split(|b| *b == 0).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
            let has = |flag: &str, value: &str| args.windows(2).any(|w| w[0] == flag && w[1] == value);
            let same_dir = |arg: &str| {
                arg == build
                    || std::fs::canonicalize(arg).ok().is_some_and(|a| std::fs::canonicalize(build).ok() == Some(a))
            };
            args.windows(2).any(|w| w[0] == "--dir" && same_dir(&w[1])) && has("--port", port)
        });
        if ours {
            let _ = Command::new("kill").arg(pid).status();
        }
        let _ = std::fs::remove_file(&pid_file);
    }
}

/// Files under `dir` (at any depth) whose extension is `ext`.
fn files_named(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == ext) => found.push(path),
                _ => {}
            }
        }
    }
    found
}

/// Stops the services this run started, or hands them to the runs still going: the last
/// run to end stops what any run started (services that were running before stay up).
pub fn stop_services(run: &Run, services: &Services) {
    // Under the set-up lock: no run is between seeing the services up and registering.
    let _setup = setup_lock();
    let handover = root().join("services-started");
    let (pg, redis) = services.started();
    let others = run.others();
    if !others.is_empty() {
        if pg || redis {
            let previous = std::fs::read_to_string(&handover).unwrap_or_default();
            let pg_line = if pg { format!("pg {}\n", services.data.display()) } else { String::new() };
            let text = format!("{previous}{pg_line}{}", if redis { "redis\n" } else { "" });
            let _ = std::fs::write(&handover, text);
        }
        println!("==> PostgreSQL and Redis stay up for the run(s) still going: {}", others.join(", "));
        return;
    }
    let handed = std::fs::read_to_string(&handover).unwrap_or_default();
    let _ = std::fs::remove_file(&handover);
    if redis || handed.lines().any(|l| l == "redis") {
        crate::services::stop_redis();
    }
    // The cluster's own data folder: the clone that started it may not be this one.
    let mut clusters: Vec<PathBuf> = handed.lines().filter_map(|l| l.strip_prefix("pg ")).map(PathBuf::from).collect();
    if pg {
        clusters.push(services.data.clone());
    }
    clusters.dedup();
    for data in clusters {
        crate::services::stop_postgres(&data);
    }
}

//! Where an instance runs. `process` (the default, no Docker needed): one
//! `atelier-siteserver` per deployment, in its own process group so that restarting the API
//! or the worker leaves published sites serving. `docker` comes through bollard.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeKind {
    Process,
    Docker,
}

impl RuntimeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuntimeKind::Process => "process",
            RuntimeKind::Docker => "docker",
        }
    }
}

/// What to run: a rendered site on a leased port.
#[derive(Debug, Clone)]
pub struct InstanceSpec<'a> {
    pub deployment_id: Uuid,
    pub site_id: Uuid,
    pub tenant_id: Uuid,
    pub dir: &'a Path,
    pub port: u16,
    /// The build's content hash, which the instance announces (`X-Atelier-Build`).
    pub build: &'a str,
}

pub enum Runtime {
    Process(ProcessRuntime),
    Docker(crate::docker::DockerRuntime),
}

impl Runtime {
    pub fn kind(&self) -> RuntimeKind {
        match self {
            Runtime::Process(_) => RuntimeKind::Process,
            Runtime::Docker(_) => RuntimeKind::Docker,
        }
    }

    /// Starts the instance; returns the runtime's handle on it (a process or container id).
    pub async fn start(&self, spec: &InstanceSpec<'_>) -> anyhow::Result<String> {
        match self {
            Runtime::Process(p) => p.start(spec),
            Runtime::Docker(d) => d.start(spec).await,
        }
    }

    /// Stops the instance (gracefully, then by force) and frees what it held (a container
    /// and its image); stopping a stopped one is fine.
    pub async fn stop(&self, instance_ref: &str) -> anyhow::Result<()> {
        match self {
            Runtime::Process(p) => p.stop(instance_ref).await,
            Runtime::Docker(d) => d.stop(instance_ref).await,
        }
    }

    /// Whether the runtime can start instances now: the site server binary is there (process),
    /// the engine answers (docker).
    pub async fn check(&self) -> anyhow::Result<()> {
        match self {
            Runtime::Process(p) => {
                anyhow::ensure!(p.binary.is_file(), "the site server {} is missing", p.binary.display());
                Ok(())
            }
            Runtime::Docker(d) => d.ping().await,
        }
    }

    /// Whether the instance still runs.
    pub async fn running(&self, instance_ref: &str) -> bool {
        match self {
            Runtime::Process(p) => p.running(instance_ref),
            Runtime::Docker(d) => d.running(instance_ref).await,
        }
    }

    /// The instance's last output lines (for the log, and a failed health check's reason).
    pub async fn recent_output(&self, spec: &InstanceSpec<'_>, lines: usize) -> Vec<String> {
        match self {
            Runtime::Process(_) => tail(&ProcessRuntime::log_file(spec.dir), lines),
            Runtime::Docker(d) => d.recent_output(spec, lines).await,
        }
    }
}

pub struct ProcessRuntime {
    binary: PathBuf,
}

impl ProcessRuntime {
    /// `binary`: the `atelier-siteserver` executable; see [`ProcessRuntime::locate`].
    pub fn new(binary: PathBuf) -> anyhow::Result<ProcessRuntime> {
        anyhow::ensure!(
            binary.is_file(),
            "the site server {} does not exist (build atelier-siteserver)",
            binary.display()
        );
        Ok(ProcessRuntime { binary })
    }

    /// `ATELIER_SITESERVER_BIN`, else `atelier-siteserver` next to the running executable
    /// (or one folder up, for test binaries in `target/*/deps`).
    pub fn locate(configured: Option<&Path>) -> anyhow::Result<PathBuf> {
        if let Some(path) = configured {
            return Ok(path.to_path_buf());
        }
        let exe = std::env::current_exe().context("locating the running executable")?;
        let candidates = exe.ancestors().skip(1).take(2).map(|dir| dir.join("atelier-siteserver"));
        candidates
            .clone()
            .find(|p| p.is_file())
            .with_context(|| format!("no atelier-siteserver next to {} (set ATELIER_SITESERVER_BIN)", exe.display()))
    }

    /// The instance's output, beside (not inside) the build folder.
    fn log_file(dir: &Path) -> PathBuf {
        dir.with_extension("log")
    }

    /// The instance's process id, beside the build folder while it runs: whoever cleans up
    /// after this data folder (an operator, `cargo xtask test` after a test that failed)
    /// ends exactly the processes started for it, not every site server of the machine.
    /// `<build>.<port>.pid`: two instances may serve one build for a moment (a switch).
    pub fn pid_file(dir: &Path, port: u16) -> PathBuf {
        let mut name = dir.as_os_str().to_owned();
        name.push(format!(".{port}.pid"));
        PathBuf::from(name)
    }

    /// The `--dir` a running site server was started with.
    fn dir_of(pid: Pid) -> Option<PathBuf> {
        let cmdline = fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        let at = args.iter().position(|a| *a == b"--dir")?;
        args.get(at + 1).map(|dir| PathBuf::from(String::from_utf8_lossy(dir).into_owned()))
    }

    fn start(&self, spec: &InstanceSpec<'_>) -> anyhow::Result<String> {
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(Self::log_file(spec.dir))
            .context("opening the instance's log file")?;
        let mut child = Command::new(&self.binary)
            .arg("--dir")
            .arg(spec.dir)
            .args(["--port", &spec.port.to_string(), "--build", spec.build])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            // Its own process group: Ctrl-C on the worker or the API leaves sites serving.
            .process_group(0)
            .spawn()
            .with_context(|| format!("starting {}", self.binary.display()))?;
        let pid = child.id();
        if let Err(e) = fs::write(Self::pid_file(spec.dir, spec.port), format!("{pid}\n")) {
            tracing::warn!(error = %e, "could not write the site server's pid file");
        }
        // Reap it when it exits while we live; after we exit, init does.
        std::thread::spawn(move || child.wait());
        // `<pid>:<port>`: after a reboot a pid may be another process's, even another site
        // server's; the port tells ours apart.
        Ok(format!("{pid}:{}", spec.port))
    }

    fn pid(instance_ref: &str) -> anyhow::Result<Pid> {
        let pid = instance_ref.split(':').next().unwrap_or_default();
        Ok(Pid::from_raw(pid.parse().with_context(|| format!("`{instance_ref}` is not a process id"))?))
    }

    /// True when the process is this instance's site server (not one that reused the pid).
    fn is_site_server(pid: Pid, instance_ref: &str) -> bool {
        let Ok(cmdline) = fs::read(format!("/proc/{pid}/cmdline")) else { return false };
        let args: Vec<String> = cmdline.split(|b| *b == 0).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
        let ours = args.iter().any(|a| a.contains("atelier-siteserver"));
        match instance_ref.split_once(':') {
            Some((_, port)) => ours && args.windows(2).any(|w| w[0] == "--port" && w[1] == port),
            None => ours,
        }
    }

    fn running(&self, instance_ref: &str) -> bool {
        Self::pid(instance_ref).is_ok_and(|pid| kill(pid, None).is_ok() && Self::is_site_server(pid, instance_ref))
    }

    async fn stop(&self, instance_ref: &str) -> anyhow::Result<()> {
        let pid = Self::pid(instance_ref)?;
        if !self.running(instance_ref) {
            return Ok(());
        }
        let port = instance_ref.split_once(':').and_then(|(_, port)| port.parse().ok());
        // The pid file goes once the process has: one that would not stop stays findable.
        let pid_file = Self::dir_of(pid).zip(port).map(|(dir, port)| Self::pid_file(&dir, port));
        let _ = kill(pid, Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(3);
        while self.running(instance_ref) {
            if Instant::now() > deadline {
                let _ = kill(pid, Signal::SIGKILL);
                tokio::time::sleep(Duration::from_millis(100)).await;
                if self.running(instance_ref) {
                    bail!("process {pid} did not stop");
                }
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if let Some(pid_file) = pid_file {
            let _ = fs::remove_file(pid_file);
        }
        Ok(())
    }
}

/// The last `n` lines of a file (at most its last 64 KB are read).
pub fn tail(path: &Path, n: usize) -> Vec<String> {
    let Ok(mut file) = File::open(path) else { return Vec::new() };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let _ = file.seek(SeekFrom::Start(len.saturating_sub(64 * 1024)));
    let mut text = String::new();
    let _ = file.read_to_string(&mut text);
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[lines.len().saturating_sub(n)..].to_vec()
}

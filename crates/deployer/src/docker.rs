//! The `docker` runtime (bollard): each deployment is an image built FROM scratch from an
//! in-memory tar (the statically linked `atelier-siteserver` and the rendered site — no
//! registry is needed) and a container with its port published on 127.0.0.1, labels naming
//! the site, tenant and deployment, memory and CPU limits, and `unless-stopped` restarts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use bollard::Docker;
use bollard::container::LogOutput;
use bollard::models::{ContainerCreateBody, HostConfig, PortBinding, RestartPolicy, RestartPolicyNameEnum};
use bollard::query_parameters::{
    BuildImageOptionsBuilder, CreateContainerOptionsBuilder, LogsOptionsBuilder, RemoveContainerOptionsBuilder,
    RemoveImageOptionsBuilder, StopContainerOptionsBuilder,
};
use futures_util::StreamExt;

use crate::runtime::InstanceSpec;

/// Per container: what a static site needs, with room to spare.
const MEMORY_BYTES: i64 = 128 * 1024 * 1024;
/// Half a CPU.
const NANO_CPUS: i64 = 500_000_000;
const SOCKET: &str = "/var/run/docker.sock";

pub struct DockerRuntime {
    docker: Docker,
    server: Vec<u8>,
}

fn container_name(spec: &InstanceSpec<'_>) -> String {
    format!("atelier-{}", spec.deployment_id)
}

fn image_tag(spec: &InstanceSpec<'_>) -> String {
    format!("atelier-site:{}", spec.deployment_id)
}

fn add_file(tar: &mut tar::Builder<Vec<u8>>, path: &str, mode: u32, data: &[u8]) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(data.len() as u64);
    header.set_mode(mode);
    header.set_mtime(0);
    tar.append_data(&mut header, path, data)
}

/// The build context: Dockerfile, the server, and the site under `site/`.
fn context(server: &[u8], site: &Path, build: &str) -> std::io::Result<Vec<u8>> {
    let dockerfile = format!(
        "FROM scratch\nCOPY siteserver /siteserver\nCOPY site /site\nEXPOSE 8080\n\
         ENTRYPOINT [\"/siteserver\",\"--dir\",\"/site\",\"--port\",\"8080\",\"--bind\",\"0.0.0.0\",\"--build\",\"{build}\"]\n"
    );
    let mut tar = tar::Builder::new(Vec::new());
    add_file(&mut tar, "Dockerfile", 0o644, dockerfile.as_bytes())?;
    add_file(&mut tar, "siteserver", 0o755, server)?;
    tar.append_dir_all("site", site)?;
    tar.into_inner()
}

impl DockerRuntime {
    /// Connects to the local engine. `server`: `atelier-siteserver` linked statically
    /// (`ATELIER_SITESERVER_STATIC_BIN`).
    pub async fn connect(server: &Path) -> anyhow::Result<DockerRuntime> {
        let server = std::fs::read(server).with_context(|| {
            format!("reading the static site server {} (ATELIER_SITESERVER_STATIC_BIN)", server.display())
        })?;
        let docker = Docker::connect_with_unix(SOCKET, 120, bollard::API_DEFAULT_VERSION)
            .context("connecting to the Docker engine")?
            // The engine may speak an older API than bollard's default (Debian's: 1.41).
            .negotiate_version()
            .await
            .context("reaching the Docker engine at /var/run/docker.sock (is dockerd running?)")?;
        docker.ping().await.context("pinging the Docker engine")?;
        Ok(DockerRuntime { docker, server })
    }

    /// Whether the engine answers.
    pub async fn ping(&self) -> anyhow::Result<()> {
        self.docker.ping().await.context("pinging the Docker engine")?;
        Ok(())
    }

    pub async fn start(&self, spec: &InstanceSpec<'_>) -> anyhow::Result<String> {
        let tag = image_tag(spec);
        let (server, site, build) = (self.server.clone(), PathBuf::from(spec.dir), spec.build.to_owned());
        let body = tokio::task::spawn_blocking(move || context(&server, &site, &build)).await??;
        let options =
            BuildImageOptionsBuilder::default().dockerfile("Dockerfile").t(&tag).rm(true).forcerm(true).build();
        let mut stream = self.docker.build_image(options, None, Some(bollard::body_full(body.into())));
        // Build errors arrive inside the stream: read it to the end.
        while let Some(item) = stream.next().await {
            item.context("building the site's image")?;
        }
        let labels = HashMap::from([
            ("atelier.site".to_owned(), spec.site_id.to_string()),
            ("atelier.tenant".to_owned(), spec.tenant_id.to_string()),
            ("atelier.deployment".to_owned(), spec.deployment_id.to_string()),
        ]);
        let body = ContainerCreateBody {
            image: Some(tag.clone()),
            labels: Some(labels),
            exposed_ports: Some(vec!["8080/tcp".into()]),
            host_config: Some(HostConfig {
                port_bindings: Some(HashMap::from([(
                    "8080/tcp".to_owned(),
                    Some(vec![PortBinding {
                        host_ip: Some("127.0.0.1".into()),
                        host_port: Some(spec.port.to_string()),
                    }]),
                )])),
                // docker-init as PID 1: a stop reaches the server at once instead of after the timeout.
                init: Some(true),
                memory: Some(MEMORY_BYTES),
                nano_cpus: Some(NANO_CPUS),
                restart_policy: Some(RestartPolicy {
                    name: Some(RestartPolicyNameEnum::UNLESS_STOPPED),
                    maximum_retry_count: None,
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let name = container_name(spec);
        let created = match self
            .docker
            .create_container(Some(CreateContainerOptionsBuilder::default().name(&name).build()), body)
            .await
        {
            Ok(created) => created,
            Err(e) => {
                self.remove_image(&tag).await;
                return Err(anyhow::Error::new(e).context("creating the site's container"));
            }
        };
        if let Err(e) = self.docker.start_container(&created.id, None).await {
            let _ = self.remove(&created.id).await;
            self.remove_image(&tag).await;
            return Err(anyhow::Error::new(e).context("starting the site's container"));
        }
        Ok(created.id)
    }

    /// Stops and removes the container, then its image.
    pub async fn stop(&self, container: &str) -> anyhow::Result<()> {
        let image = match self.docker.inspect_container(container, None).await {
            Ok(found) => found.config.and_then(|c| c.image),
            // Already gone.
            Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. }) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let _ = self.docker.stop_container(container, Some(StopContainerOptionsBuilder::default().t(3).build())).await;
        self.remove(container).await?;
        if let Some(image) = image {
            let _ = self
                .docker
                .remove_image(&image, Some(RemoveImageOptionsBuilder::default().force(true).build()), None)
                .await;
        }
        Ok(())
    }

    async fn remove(&self, container: &str) -> anyhow::Result<()> {
        match self
            .docker
            .remove_container(container, Some(RemoveContainerOptionsBuilder::default().force(true).v(true).build()))
            .await
        {
            Ok(()) | Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    async fn remove_image(&self, image: &str) {
        let options = RemoveImageOptionsBuilder::default().force(true).build();
        let _ = self.docker.remove_image(image, Some(options), None).await;
    }

    pub async fn running(&self, container: &str) -> bool {
        self.docker
            .inspect_container(container, None)
            .await
            .ok()
            .and_then(|c| c.state)
            .and_then(|s| s.running)
            .unwrap_or(false)
    }

    /// The container's last `n` output lines.
    pub async fn recent_output(&self, spec: &InstanceSpec<'_>, n: usize) -> Vec<String> {
        let options = LogsOptionsBuilder::default().stdout(true).stderr(true).tail(&n.to_string()).build();
        let mut logs = self.docker.logs(&container_name(spec), Some(options));
        let mut lines = Vec::new();
        while let Some(Ok(item)) = logs.next().await {
            let message = match item {
                LogOutput::StdOut { message } | LogOutput::StdErr { message } | LogOutput::Console { message } => {
                    message
                }
                LogOutput::StdIn { .. } => continue,
            };
            lines.extend(String::from_utf8_lossy(&message).lines().map(str::to_owned));
        }
        lines
    }
}

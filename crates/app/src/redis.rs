//! The Redis pool and the key namespace of this instance.

use std::time::Duration;

use deadpool_redis::{Config, Pool, PoolConfig, Runtime, Timeouts};

/// A pool whose operations give up after a couple of seconds instead of hanging a request
/// when Redis stops answering.
pub fn pool(url: &str) -> anyhow::Result<Pool> {
    let mut config = Config::from_url(url);
    let timeout = Some(Duration::from_secs(2));
    config.pool = Some(PoolConfig {
        max_size: 32,
        timeouts: Timeouts { wait: timeout, create: timeout, recycle: timeout },
        ..PoolConfig::default()
    });
    Ok(config.create_pool(Some(Runtime::Tokio1))?)
}

/// Builds keys under the configured prefix.
#[derive(Debug, Clone)]
pub struct Keys {
    prefix: String,
}

impl Keys {
    pub fn new(prefix: impl Into<String>) -> Self {
        Self { prefix: prefix.into() }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn tenant_by_host(&self, host: &str) -> String {
        format!("{}tenant:host:{host}", self.prefix)
    }

    pub fn login_ip(&self, ip: &str) -> String {
        format!("{}login:ip:{ip}", self.prefix)
    }

    pub fn login_account(&self, audience: &str, email: &str) -> String {
        format!("{}login:account:{audience}:{email}", self.prefix)
    }

    /// Reset links asked for from one IP, and for one address (each mail is someone's inbox).
    pub fn reset_ip(&self, ip: &str) -> String {
        format!("{}reset:ip:{ip}", self.prefix)
    }

    pub fn reset_confirm_ip(&self, ip: &str) -> String {
        format!("{}reset:confirm:ip:{ip}", self.prefix)
    }

    pub fn verify_confirm_ip(&self, ip: &str) -> String {
        format!("{}verify:confirm:ip:{ip}", self.prefix)
    }

    pub fn reset_account(&self, audience: &str, email: &str) -> String {
        format!("{}reset:account:{audience}:{email}", self.prefix)
    }

    /// Registrations from one IP, on one tenant, and the "already has an account" mails one
    /// address gets.
    pub fn register_ip(&self, ip: &str) -> String {
        format!("{}register:ip:{ip}", self.prefix)
    }

    pub fn register_tenant(&self, tenant: uuid::Uuid) -> String {
        format!("{}register:tenant:{tenant}", self.prefix)
    }

    pub fn register_address(&self, audience: &str, email: &str) -> String {
        format!("{}register:address:{audience}:{email}", self.prefix)
    }

    /// Changes an account asks for that mail someone or check its password (verification
    /// mails sent again, e-mail and password changes).
    pub fn account_changes(&self, user: uuid::Uuid) -> String {
        format!("{}account:changes:{user}", self.prefix)
    }
}

//! argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane). Hashing takes
//! tens of milliseconds of CPU, so it runs on the blocking pool, never on the executor.

use std::sync::OnceLock;
use std::time::Duration;

use anyhow::Context;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::{App, AppError, AppResult, Kind};

fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &SecretString) -> anyhow::Result<String> {
    let hash = hasher()?
        .hash_password(password.expose_secret().as_bytes())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
    Ok(hash.to_string())
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub async fn hash(password: SecretString) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.context("password hashing task")?
}

/// A fixed hash to verify against when the account does not exist, so that a wrong e-mail
/// costs as much time as a wrong password and timing reveals nothing.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        hash_now(&SecretString::from("decoy password that never matches"))
            .unwrap_or_else(|_| "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$invalid".to_owned())
    })
}

/// Whether `password` matches `stored`; with `stored == None` it spends the same effort
/// and answers `false`. On the blocking pool, within the bounds of [`Work`]:
/// [`App::verify_password`].
fn verify_now(password: &SecretString, stored: Option<String>) -> anyhow::Result<bool> {
    let exists = stored.is_some();
    let stored = stored.unwrap_or_else(|| decoy_hash().to_owned());
    let matches = hasher()?.verify_password(password.expose_secret().as_bytes(), stored.as_str()).is_ok();
    Ok(exists && matches)
}

/// How long a password check waits for a free slot before it answers 503.
const WAIT_FOR_WORK: Duration = Duration::from_secs(2);

/// Bounds on password work: at most `all` hashes at once (their memory and the cores they
/// take), of which registrations may hold half. A registration that finds its half full is
/// refused at once (a flood queues nothing); anything else waits up to [`WAIT_FOR_WORK`].
/// A permit is held by the blocking task that hashes, not by the request: a client that hangs
/// up does not free its slot while its hash still runs.
#[derive(Debug)]
pub struct Work {
    all: Arc<Semaphore>,
    registration: Arc<Semaphore>,
}

impl Work {
    /// `permits`: hashes at once (by default, the cores).
    pub fn new(permits: Option<usize>) -> Self {
        let all = permits.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from)).max(1);
        Self { all: Arc::new(Semaphore::new(all)), registration: Arc::new(Semaphore::new(all.div_ceil(2))) }
    }
}

fn busy() -> AppError {
    AppError {
        retry_after_secs: Some(1),
        ..AppError::new(
            Kind::Unavailable,
            "busy",
            "The server is busy checking passwords. Please try again in a moment.",
        )
    }
}

/// Permits a hash holds until it is done.
type Slots = (OwnedSemaphorePermit, Option<OwnedSemaphorePermit>);

impl App {
    async fn password_slot(&self) -> AppResult<OwnedSemaphorePermit> {
        match tokio::time::timeout(WAIT_FOR_WORK, self.password_work.all.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(busy()),
        }
    }

    async fn hash_holding(&self, password: SecretString, slots: Slots) -> AppResult<String> {
        let hashed = tokio::task::spawn_blocking(move || {
            let _held = slots;
            hash_now(&password)
        })
        .await
        .context("password hashing task")?;
        Ok(hashed?)
    }

    /// Hashes a new password within the bounds of [`Work`].
    pub async fn hash_password(&self, password: SecretString) -> AppResult<String> {
        let slot = self.password_slot().await?;
        self.hash_holding(password, (slot, None)).await
    }

    /// Hashes a registration's password: refused at once (503 `busy`) while registrations
    /// already use their share.
    pub async fn hash_registration_password(&self, password: SecretString) -> AppResult<String> {
        let Ok(share) = self.password_work.registration.clone().try_acquire_owned() else {
            tracing::warn!("registrations are using all their password work; one was refused");
            return Err(busy());
        };
        let slot = self.password_slot().await?;
        self.hash_holding(password, (slot, Some(share))).await
    }

    /// Checks a password within the bounds of [`Work`] (see [`verify_now`]).
    pub async fn verify_password(&self, password: SecretString, stored: Option<String>) -> AppResult<bool> {
        let slot = self.password_slot().await?;
        let matches = tokio::task::spawn_blocking(move || {
            let _held = slot;
            verify_now(&password, stored)
        })
        .await
        .context("password verification task")?;
        Ok(matches?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash(SecretString::from("correct horse battery")).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify_now(&SecretString::from("correct horse battery"), Some(stored.clone())).unwrap());
        assert!(!verify_now(&SecretString::from("correct horse battery!"), Some(stored)).unwrap());
        assert!(!verify_now(&SecretString::from("decoy password that never matches"), None).unwrap());
    }
}

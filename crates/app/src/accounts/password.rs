//! argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane). Hashing takes
//! tens of milliseconds of CPU, so it runs on the blocking pool, never on the executor.

use std::sync::OnceLock;

use anyhow::Context;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};

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
/// and answers `false`.
pub async fn verify(password: SecretString, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let exists = stored.is_some();
        let stored = stored.unwrap_or_else(|| decoy_hash().to_owned());
        let matches = hasher()?.verify_password(password.expose_secret().as_bytes(), stored.as_str()).is_ok();
        Ok(exists && matches)
    })
    .await
    .context("password verification task")?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash(SecretString::from("correct horse battery")).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify(SecretString::from("correct horse battery"), Some(stored.clone())).await.unwrap());
        assert!(!verify(SecretString::from("correct horse battery!"), Some(stored)).await.unwrap());
        assert!(!verify(SecretString::from("decoy password that never matches"), None).await.unwrap());
    }
}

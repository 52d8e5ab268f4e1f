//! Sign-in rate limiting in Redis: a fixed window per client IP (every attempt counts) and
//! per account (failures count; a success clears them). Over the limit → 429 with
//! `Retry-After` set to the seconds left in the window.

use std::sync::LazyLock;

use redis::{AsyncCommands, Script};

use crate::App;
use crate::error::AppError;

/// INCR and start the window on the first hit, atomically; returns (count, seconds left).
const HIT: &str = r"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
";

/// Built once: `Script::new` hashes the source, which every attempt would otherwise redo.
static HIT_SCRIPT: LazyLock<Script> = LazyLock::new(|| Script::new(HIT));

fn unavailable(e: impl Into<anyhow::Error>) -> AppError {
    AppError::unavailable("Sign-in", e)
}

impl App {
    /// Counts this sign-in attempt against the IP; refuses past its limit. Fails closed:
    /// without Redis there is no sign-in.
    pub async fn admit_login_ip(&self, ip: &str) -> Result<(), AppError> {
        let settings = &self.settings;
        self.admit(&self.keys.login_ip(ip), settings.login_max_attempts_per_ip, settings.login_window_secs)
            .await
            .inspect_err(|_| tracing::warn!(client.ip = ip, "sign-in rate limit reached for an IP address"))
    }

    /// Seconds left in the pause that failed attempts put on an account, if they did.
    pub async fn login_paused(&self, account_key: &str) -> Result<Option<u64>, AppError> {
        let mut conn = self.redis.get().await.map_err(unavailable)?;
        let failures: Option<u32> = conn.get(account_key).await.map_err(unavailable)?;
        if failures.unwrap_or(0) < self.settings.login_max_failures_per_account {
            return Ok(None);
        }
        let ttl: i64 = conn.ttl(account_key).await.map_err(unavailable)?;
        Ok(Some(u64::try_from(ttl).unwrap_or(1).max(1)))
    }

    /// Counts one more hit of `key` in a window of `window_secs`; refuses past `max`.
    pub async fn admit(&self, key: &str, max: u32, window_secs: u64) -> Result<(), AppError> {
        let mut conn = self.redis.get().await.map_err(unavailable)?;
        let (hits, ttl): (u32, u64) =
            HIT_SCRIPT.key(key).arg(window_secs).invoke_async(&mut conn).await.map_err(unavailable)?;
        if hits > max {
            return Err(AppError::rate_limited(ttl.max(1)));
        }
        Ok(())
    }

    pub async fn record_login_failure(&self, account_key: &str) -> Result<(), AppError> {
        let mut conn = self.redis.get().await.map_err(unavailable)?;
        let _: (u32, u64) = HIT_SCRIPT
            .key(account_key)
            .arg(self.settings.login_window_secs)
            .invoke_async(&mut conn)
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    pub async fn clear_login_failures(&self, account_key: &str) -> Result<(), AppError> {
        let mut conn = self.redis.get().await.map_err(unavailable)?;
        let _: () = conn.del(account_key).await.map_err(unavailable)?;
        Ok(())
    }
}

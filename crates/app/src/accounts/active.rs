//! Whether an account may still act, asked on every signed-in request: a suspension, a
//! deactivation or a password change ends access at the next request, not when the access
//! token expires. The
//! answer is cached in this process for at most [`FRESH_FOR`]; a change made through this
//! process clears its entry after its commit, a change made elsewhere (or read by a request
//! racing the commit) is seen within `FRESH_FOR`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use atelier_db::{Scope, users};
use uuid::Uuid;

use crate::{App, AppResult};

/// How stale a cached answer may be.
pub const FRESH_FOR: Duration = Duration::from_secs(1);
/// Past this many accounts the cache starts over (a bound on its memory, ~50 bytes each).
const MAX_ENTRIES: usize = 100_000;

/// An account's standing: active or not, the first millisecond its access tokens count
/// from, and its sessions ended recently (signed out one by one).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Standing {
    active: bool,
    valid_from: Option<i64>,
    ended: Vec<Uuid>,
}

#[derive(Debug, Default)]
pub struct ActiveCache {
    entries: Mutex<HashMap<Uuid, (Standing, Instant)>>,
}

impl ActiveCache {
    fn fresh(&self, id: Uuid) -> Option<Standing> {
        let entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.get(&id).filter(|(_, at)| at.elapsed() < FRESH_FOR).map(|(standing, _)| standing.clone())
    }

    fn put(&self, id: Uuid, standing: Standing) {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(id, (standing, Instant::now()));
    }

    /// Forgets what is known of `id` (its account was just switched on or off here).
    pub fn forget(&self, id: Uuid) {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&id);
    }
}

impl App {
    async fn standing(&self, id: Uuid) -> AppResult<Standing> {
        if let Some(standing) = self.active.fresh(id) {
            return Ok(standing);
        }
        // One row by its id: whichever tenant or platform scope it belongs to.
        let mut tx = self.db.begin(&Scope::everything()).await?;
        // Sessions ended longer ago than an access token lives have none left.
        let found = users::standing(&mut tx, id, self.settings.access_token_ttl_secs + 60).await?;
        tx.commit().await?;
        let standing = match found {
            Some(s) => Standing {
                active: s.active,
                valid_from: s.sessions_valid_after.map(|t| t.timestamp_millis()),
                ended: s.ended_sessions,
            },
            None => Standing { active: false, valid_from: None, ended: Vec::new() },
        };
        self.active.put(id, standing.clone());
        Ok(standing)
    }

    /// Whether the account `id` exists and is active, at most [`FRESH_FOR`] old.
    pub async fn account_is_active(&self, id: Uuid) -> AppResult<bool> {
        Ok(self.standing(id).await?.active)
    }

    /// Whether an access token of `id` issued at `issued_at` (milliseconds) for `session`
    /// still opens anything: the account is active, its sessions were not all ended after the
    /// token was issued, and its own session was not signed out.
    pub async fn session_counts(&self, id: Uuid, issued_at: i64, session: Option<Uuid>) -> AppResult<bool> {
        let standing = self.standing(id).await?;
        Ok(standing.active
            && standing.valid_from.is_none_or(|from| issued_at >= from)
            && session.is_none_or(|s| !standing.ended.contains(&s)))
    }
}

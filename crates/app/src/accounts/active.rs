//! Whether an account may still act, asked on every signed-in request: a suspension or a
//! deactivation ends access at the next request, not when the access token expires. The
//! answer is cached in this process for at most [`FRESH_FOR`]; a change made through this
//! process clears its entry at once, a change made elsewhere is seen within `FRESH_FOR`.

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

#[derive(Debug, Default)]
pub struct ActiveCache {
    entries: Mutex<HashMap<Uuid, (bool, Instant)>>,
}

impl ActiveCache {
    fn fresh(&self, id: Uuid) -> Option<bool> {
        let entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.get(&id).filter(|(_, at)| at.elapsed() < FRESH_FOR).map(|(active, _)| *active)
    }

    fn put(&self, id: Uuid, active: bool) {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(id, (active, Instant::now()));
    }

    /// Forgets what is known of `id` (its account was just switched on or off here).
    pub fn forget(&self, id: Uuid) {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&id);
    }
}

impl App {
    /// Whether the account `id` exists and is active, at most [`FRESH_FOR`] old.
    pub async fn account_is_active(&self, id: Uuid) -> AppResult<bool> {
        if let Some(active) = self.active.fresh(id) {
            return Ok(active);
        }
        // One row by its id: whichever tenant or platform scope it belongs to.
        let mut tx = self.db.begin(&Scope::everything()).await?;
        let active = users::is_active(&mut tx, id).await?.unwrap_or(false);
        tx.commit().await?;
        self.active.put(id, active);
        Ok(active)
    }
}

//! What the clients app's billing page and the staff console's money pages share: the
//! names of a plan's limits, and running an action whose failure the page shows.

use atelier_types::billing::Quota;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, Call};
use crate::i18n::Msg;

pub fn quota_label(quota: Quota) -> Msg {
    match quota {
        Quota::Sites => Msg::QuotaSites,
        Quota::LiveSites => Msg::QuotaLiveSites,
        Quota::DeploymentsPerMonth => Msg::QuotaDeployments,
        Quota::StorageBytes => Msg::QuotaStorage,
        Quota::CustomDomains => Msg::QuotaDomains,
        Quota::GeneratedPerMonth => Msg::QuotaGenerated,
    }
}

/// Runs an action; on success `then` with its answer, on failure the page says why.
pub fn act<T: serde::de::DeserializeOwned + 'static>(
    call: Call<T>,
    failure: RwSignal<Option<ApiError>>,
    then: impl FnOnce(T) + 'static,
) {
    spawn_local(async move {
        match call.await {
            Ok(value) => {
                failure.set(None);
                then(value);
            }
            Err(e) => failure.set(Some(e)),
        }
    });
}

//! The staff console's pages, one per sidebar entry, and the helpers several of them share.

pub mod analytics;
pub mod audit;
pub mod catalogue;
pub mod customer;
pub mod customers;
pub mod home;
#[cfg(feature = "money")]
pub mod money;
pub mod order;
pub mod orders;
pub mod overview;
#[cfg(feature = "money")]
pub mod payouts;
pub mod review;
pub mod sites;
pub mod team;
pub mod websites;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::i18n::{I18n, Msg};

/// A text field of a form held in one signal.
fn text_field<F: Clone + Send + Sync + 'static>(
    form: RwSignal<F>,
    failure: RwSignal<Option<ApiError>>,
    label: Msg,
    name: &'static str,
    get: fn(&F) -> String,
    set: fn(&mut F, String),
) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <input data-test=name prop:value=move || form.with(get) on:input=move |ev| {
                let v = event_target_value(&ev);
                form.update(|f| set(f, v));
            }/>
            {move || failure.get().and_then(|e| e.field(name).map(|f| f.message.clone())).map(|m| view! { <span class="error" role="alert">{m}</span> })}
        </label>
    }
}

/// The reason typed in a page's reason box, if any.
fn typed_reason(reason: RwSignal<String>) -> Option<String> {
    Some(reason.get_untracked()).filter(|r| !r.trim().is_empty())
}

/// Sends an approve-or-reject answer; on success the reason box empties and the list
/// reloads, on failure the page says why (the reason typed stays).
fn answer_with_reason(
    answer: impl Future<Output = Result<(), ApiError>> + 'static,
    reason: RwSignal<String>,
    failure: RwSignal<Option<ApiError>>,
    reload: impl Fn() + 'static,
) {
    spawn_local(async move {
        match answer.await {
            Ok(_) => {
                failure.set(None);
                reason.set(String::new());
                reload();
            }
            Err(e) => failure.set(Some(e)),
        }
    });
}

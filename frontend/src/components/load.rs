//! Loading data into signals and showing it: a skeleton while waiting, the failure with a retry,
//! and the small formatters (money, dates) the lists use.

use chrono::{DateTime, Datelike, Timelike, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::api::{ApiError, Call};
use crate::components::{Skeleton, error_text};
use crate::i18n::{I18n, Msg};

/// What a page loads: nothing yet, the answer, or the failure.
pub type Loaded<T> = RwSignal<Option<Result<T, ApiError>>>;

/// Runs an API call (a `crate::api` function) and puts its answer into `into`.
pub fn fetch<T: DeserializeOwned + Send + Sync + 'static>(into: Loaded<T>, call: Call<T>) {
    spawn_local(async move { into.set(Some(call.await)) });
}

/// `1234` EUR → `12.34 EUR`.
pub fn money(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}.{:02} {currency}", minor.abs() / 100, minor.abs() % 100)
}

/// `2026-11-22 09:05` (UTC). Written out by hand: chrono's `format` would bring its whole
/// pattern interpreter into every app.
pub fn when(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02} {:02}:{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute())
}

/// Shows a loaded value, a skeleton while loading, or the failure with a retry. Only the
/// `Ok` arm is made per type; the waiting and failure views exist once.
pub fn loaded<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    data: Loaded<T>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let retry = Callback::new(move |()| retry());
    move || match data.get() {
        Some(Ok(value)) => show(value).into_any(),
        other => waiting_or_failed(other.and_then(Result::err), retry),
    }
}

fn waiting_or_failed(failure: Option<ApiError>, retry: Callback<()>) -> AnyView {
    let i18n = I18n::get();
    match failure {
        None => view! { <Skeleton/> }.into_any(),
        Some(e) => view! {
            <div class="alert" role="alert">{error_text(i18n, &e)} " "
                <button class="btn btn-secondary" on:click=move |_| retry.run(())>{i18n.t(Msg::Retry)}</button>
            </div>
        }
        .into_any(),
    }
}

/// The last failure of a page's action, if any, in words (a field's own message first).
#[component]
pub fn FailureAlert(failure: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = I18n::get();
    move || {
        failure.get().map(|e| {
            let text = e.fields.first().map(|f| f.message.clone()).unwrap_or_else(|| error_text(i18n, &e));
            view! { <div class="alert" role="alert" data-test="failure">{text}</div> }
        })
    }
}

use atelier_types::staff::AuditEntry;
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded, when};
use crate::i18n::{I18n, Msg};
use atelier_types::queries::AuditQuery;

/// Staff actions, newest first: who, what, when, before → after.
#[component]
pub(crate) fn AuditList(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = I18n::get();
    if entries.is_empty() {
        return view! { <div class="empty">{i18n.t(Msg::NoActivity)}</div> }.into_any();
    }
    view! {
        <table class="table" data-test="audit">
            <tbody>
                {entries.into_iter().map(|e| {
                    let change = match (&e.before, &e.after) {
                        (Some(b), Some(a)) => format!("{b} → {a}"),
                        (None, Some(a)) => a.to_string(),
                        (Some(b), None) => b.to_string(),
                        (None, None) => String::new(),
                    };
                    view! {
                        <tr data-test="audit-entry">
                            <td>{when(e.at)}</td>
                            <td>{e.actor_name.clone()} <div class="muted">{e.actor_role.clone()}</div></td>
                            <td><code>{e.action.clone()}</code> <div class="muted">{e.website_name.clone()}</div></td>
                            <td class="change">{change}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = I18n::get();
    let entries: Loaded<Vec<AuditEntry>> = RwSignal::new(None);
    let load = move || fetch(entries, api::list_audit_entries(AuditQuery::default()));
    load();
    view! {
        <h1>{i18n.t(Msg::AuditLog)}</h1>
        {loaded(entries, load, |list| view! { <AuditList entries=list/> })}
    }
}

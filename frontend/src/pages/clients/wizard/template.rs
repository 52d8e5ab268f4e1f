use atelier_types::site::Template;
use leptos::prelude::*;

use crate::i18n::{I18n, Lang, labels};
use crate::pages::clients::wizard::Wizard;

pub(crate) fn template_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="templates" role="radiogroup">
            {Template::ALL.into_iter().map(|t| view! {
                <button type="button" class="template card" role="radio" data-test=format!("template-{}", t.as_str())
                    aria-checked=move || (w.config.with(|c| c.template) == t).to_string()
                    on:click=move |_| w.config.update(|c| c.template = t)>
                    <span class=format!("swatch swatch-{}", t.as_str()) aria-hidden="true"></span>
                    <strong>{labels::template(t, Lang::En).0}</strong>
                    <span class="muted">{move || labels::template(t, i18n.lang()).1}</span>
                </button>
            }).collect_view()}
        </div>
    }
}

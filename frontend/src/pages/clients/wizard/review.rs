use atelier_types::sites::WizardStep;
use leptos::prelude::*;

use crate::components::sites::field_message;
use crate::i18n::{I18n, Lang, Msg, labels};
use crate::pages::clients::wizard::Wizard;

pub(crate) fn review_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    move || {
        let errors = w.errors.get();
        if errors.is_empty() {
            let c = w.config.get();
            return view! {
                <p data-test="review-ready">{i18n.t(Msg::ReviewReady)}</p>
                <dl class="facts">
                    <dt>{i18n.t(Msg::BusinessName)}</dt><dd>{c.business.name.clone()}</dd>
                    <dt>{i18n.t(Msg::Template)}</dt><dd>{labels::template(c.template, Lang::En).0}</dd>
                    <dt>{i18n.t(Msg::Page)}</dt><dd>{c.pages.iter().map(|p| p.title.clone()).collect::<Vec<_>>().join(" · ")}</dd>
                </dl>
            }
            .into_any();
        }
        view! {
            <p>{i18n.t(Msg::ReviewProblems)}</p>
            <ul data-test="review-problems">
                {errors.into_iter().map(|e| {
                    let step = WizardStep::of_field(&e.field);
                    view! {
                        <li>
                            <button type="button" class="link-btn" on:click=move |_| w.step.set(step)>{move || labels::step(step, i18n.lang())}</button>
                            " — " <code>{e.field.clone()}</code> " " {field_message(i18n, &e)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

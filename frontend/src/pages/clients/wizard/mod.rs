//! The 8-step site wizard: one file per step, the shared state and autosave here.

mod branding;
mod business;
mod contact;
mod content;
mod media;
mod pages;
mod review;
mod template;

use std::time::Duration;

use atelier_types::FieldError;
use atelier_types::site::SiteConfig;
use atelier_types::sites::{FieldChange, Site, StepDraft, WizardStep};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::components::sites::{PreviewFrame, WithSite, page_picker};
use crate::i18n::{I18n, Msg, labels};
use crate::pages::clients::wizard::branding::branding_step;
use crate::pages::clients::wizard::business::business_step;
use crate::pages::clients::wizard::contact::contact_step;
use crate::pages::clients::wizard::content::content_step;
use crate::pages::clients::wizard::media::media_step;
use crate::pages::clients::wizard::pages::pages_step;
use crate::pages::clients::wizard::review::review_step;
use crate::pages::clients::wizard::template::template_step;

// ---------------------------------------------------------------------------------------
// The wizard.

#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    Saved,
    Pending,
    Saving,
    Invalid,
    Failed(ApiError),
}

/// Everything the steps share; all signals, so it is `Copy`.
#[derive(Clone, Copy)]
struct Wizard {
    id: Uuid,
    config: RwSignal<SiteConfig>,
    /// What the server holds.
    saved: RwSignal<SiteConfig>,
    step: RwSignal<WizardStep>,
    state: RwSignal<SaveState>,
    errors: Memo<Vec<FieldError>>,
    /// Bumped after each save, to refresh the preview.
    version: RwSignal<u32>,
    edits: RwSignal<u32>,
    /// The last regeneration: (section id, queue entry, what changed).
    regenerated: RwSignal<Option<(String, Uuid, Vec<FieldChange>)>>,
    busy_section: RwSignal<Option<String>>,
}

impl Wizard {
    fn step_errors(self, step: WizardStep) -> usize {
        self.errors
            .with(|e| e.iter().filter(|x| step == WizardStep::Review || WizardStep::of_field(&x.field) == step).count())
    }

    fn dirty(self, step: WizardStep) -> bool {
        let now = self.config.with(|c| StepDraft::from_config(step, c));
        let then = self.saved.with(|c| StepDraft::from_config(step, c));
        now != then
    }

    /// Saves `step` now; `then` runs after a successful save.
    fn save(self, step: WizardStep, then: impl FnOnce(Site) + 'static) {
        let draft = self.config.with_untracked(|c| StepDraft::from_config(step, c));
        self.state.set(SaveState::Saving);
        let id = self.id;
        spawn_local(async move {
            match api::save_wizard_step(id, step, &draft).await {
                Ok(site) => {
                    // The pages step may have added written sections: take the server's config
                    // when this step's part is all that differs.
                    if step == WizardStep::Pages {
                        self.config.set(site.config.clone());
                    }
                    self.saved.set(site.config.clone());
                    self.state.set(SaveState::Saved);
                    self.version.update(|v| *v += 1);
                    then(site);
                }
                Err(e) => self.state.set(SaveState::Failed(e)),
            }
        });
    }

    /// Saves the current step if it changed and is valid, then moves to `to` and records
    /// it as where the wizard resumes (the review step is reached, not saved, until Finish).
    fn go(self, to: WizardStep) {
        let current = self.step.get_untracked();
        let arrive = move || {
            self.step.set(to);
            if to != WizardStep::Review && !self.dirty(to) {
                self.save(to, |_| ());
            }
        };
        if current != WizardStep::Review && self.dirty(current) {
            if self.step_errors(current) > 0 {
                self.state.set(SaveState::Invalid);
                return;
            }
            self.save(current, move |_| arrive());
            return;
        }
        arrive();
    }
}

#[component]
pub fn WizardPage() -> impl IntoView {
    view! { <WithSite ready=|site| view! { <WizardLoaded site=site/> }.into_any()/> }
}

#[component]
fn WizardLoaded(site: Site) -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let config = RwSignal::new(site.config.clone());
    let w = Wizard {
        id: site.summary.id,
        config,
        saved: RwSignal::new(site.config.clone()),
        step: RwSignal::new(WizardStep::from_number(site.summary.wizard_step).unwrap_or(WizardStep::Business)),
        state: RwSignal::new(SaveState::Saved),
        errors: Memo::new(move |_| config.with(|c| c.validate())),
        version: RwSignal::new(0),
        edits: RwSignal::new(0),
        regenerated: RwSignal::new(None),
        busy_section: RwSignal::new(None),
    };

    // Autosave: shortly after the last change, when the step is valid. The pages step
    // saves when the client moves on (a half-typed page would be written for).
    Effect::new(move |_| {
        let step = w.step.get();
        w.config.track();
        if !w.dirty(step) || step == WizardStep::Review {
            return;
        }
        if w.step_errors(step) > 0 {
            w.state.set(SaveState::Invalid);
            return;
        }
        w.state.set(SaveState::Pending);
        if step == WizardStep::Pages {
            return;
        }
        let edit = w.edits.get_untracked() + 1;
        w.edits.set(edit);
        set_timeout(
            move || {
                if w.edits.get_untracked() == edit && w.step.get_untracked() == step && w.dirty(step) {
                    w.save(step, |_| ());
                }
            },
            Duration::from_millis(600),
        );
    });

    let preview_page = RwSignal::new(String::new());
    let pages =
        Signal::derive(move || w.saved.with(|c| c.pages.iter().map(|p| (p.slug.clone(), p.title.clone())).collect()));
    // Step 8 is "review and deploy": the reviewed site is published, and the client watches
    // it happen on the site's page.
    let finish = move |_: leptos::ev::MouseEvent| {
        let navigate = navigate.clone();
        w.save(WizardStep::Review, move |site| {
            let id = site.summary.id;
            spawn_local(async move {
                let deployed = api::create_deployment(id).await;
                if let Err(e) = deployed {
                    w.state.set(SaveState::Failed(e));
                    return;
                }
                navigate(&format!("/sites/{id}"), NavigateOptions::default());
            });
        });
    };

    view! {
        <h1 data-test="wizard-title">{move || w.config.with(|c| c.business.name.clone())}</h1>
        <ol class="steps" data-test="steps">
            {WizardStep::ALL.into_iter().map(|s| view! {
                <li>
                    <button type="button" class="step" data-test=format!("step-{}", s.number())
                        aria-current=move || (w.step.get() == s).then_some("step")
                        on:click=move |_| w.go(s)>
                        <span class="num">{s.number()}</span>
                        <span>{move || labels::step(s, i18n.lang())}</span>
                        {move || (s != WizardStep::Review && w.step_errors(s) > 0).then(|| view! { <span class="dot" title="!"></span> })}
                    </button>
                </li>
            }).collect_view()}
        </ol>
        <div class="wizard">
            <section class="card wizard-form" data-test=move || format!("wizard-step-{}", w.step.get().number())>
                <h2>{i18n.t(Msg::Step)} " " {move || w.step.get().number()} " · " {move || labels::step(w.step.get(), i18n.lang())}</h2>
                {move || match w.step.get() {
                    WizardStep::Business => business_step(w).into_any(),
                    WizardStep::Template => template_step(w).into_any(),
                    WizardStep::Branding => branding_step(w).into_any(),
                    WizardStep::Pages => pages_step(w).into_any(),
                    WizardStep::Content => content_step(w).into_any(),
                    WizardStep::Media => media_step(w).into_any(),
                    WizardStep::ContactSeo => contact_step(w).into_any(),
                    WizardStep::Review => review_step(w).into_any(),
                }}
                <div class="wizard-nav">
                    <button type="button" class="btn btn-secondary" data-test="back"
                        disabled=move || w.step.get() == WizardStep::Business
                        on:click=move |_| if let Some(prev) = WizardStep::from_number(w.step.get().number() - 1) { w.go(prev) }>
                        {i18n.t(Msg::Back)}
                    </button>
                    <span class="save-state" data-test="save-state" role="status">
                        {move || match w.state.get() {
                            SaveState::Saved => i18n.t(Msg::Saved)().to_owned(),
                            SaveState::Pending | SaveState::Saving => i18n.t(Msg::Saving)().to_owned(),
                            SaveState::Invalid => i18n.t(Msg::FixToSave)().to_owned(),
                            SaveState::Failed(e) => format!("{} {}", i18n.t(Msg::SaveFailed)(), error_text(i18n, &e)),
                        }}
                    </span>
                    {move || if w.step.get() == WizardStep::Review {
                        view! {
                            <button type="button" class="btn btn-primary narrow-btn" data-test="finish"
                                disabled=move || { w.step_errors(WizardStep::Review) > 0 } on:click=finish.clone()>{i18n.t(Msg::Finish)}</button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="btn btn-primary narrow-btn" data-test="next"
                                on:click=move |_| if let Some(next) = WizardStep::from_number(w.step.get().number() + 1) { w.go(next) }>
                                {i18n.t(Msg::Next)}
                            </button>
                        }.into_any()
                    }}
                </div>
            </section>
            <aside class="wizard-preview">
                <div class="preview-bar"><strong>{i18n.t(Msg::Preview)}</strong> {page_picker(pages, preview_page)}</div>
                <PreviewFrame site_id=w.id page=preview_page.into() version=w.version.into()/>
            </aside>
        </div>
    }
}

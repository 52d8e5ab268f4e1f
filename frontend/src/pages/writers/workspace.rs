use atelier_types::markdown::{to_html, word_count};
use atelier_types::orders::{Order, OrderEvent, SaveText};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::load::{FailureAlert, loaded};
use crate::components::orders::{ActionBar, OrderFacts, OrderRecord, RoutedOrder, StatusBadge, send_event};
use crate::i18n::{I18n, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveState {
    Clean,
    Dirty,
    Saving,
    Done,
    Failed,
}

/// The workspace: the brief, the Markdown editor with its preview and word count (saved
/// 800 ms after the last keystroke), hand-in, earlier versions, timeline and messages.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let i18n = I18n::get();
    let routed = RoutedOrder::from_route();
    let RoutedOrder { order, version, .. } = routed;
    let text = RwSignal::new(String::new());
    let saved = RwSignal::new(SaveState::Clean);
    let edits = RwSignal::new(0u32);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    // The draft as last saved (or the latest handed-in text), once.
    spawn_local(async move {
        if let Ok(texts) = api::list_order_texts(routed.id_now()).await
            && let Some(t) = texts.iter().find(|t| t.kind == "draft").or(texts.last())
        {
            text.set(t.body.clone());
        }
    });
    let save = move || async move {
        saved.set(SaveState::Saving);
        let body = SaveText { body: text.get_untracked() };
        match api::save_order_text(routed.id_now(), &body).done().await {
            Ok(()) => {
                saved.set(SaveState::Done);
                Ok(())
            }
            Err(e) => {
                saved.set(SaveState::Failed);
                failure.set(Some(e.clone()));
                Err(e)
            }
        }
    };
    // Autosave: 800 ms after the last keystroke.
    let on_input = move |ev: leptos::ev::Event| {
        text.set(event_target_value(&ev));
        saved.set(SaveState::Dirty);
        edits.update(|n| *n += 1);
        let mine = edits.get_untracked();
        set_timeout(
            move || {
                if edits.get_untracked() == mine && saved.get_untracked() == SaveState::Dirty {
                    spawn_local(async move {
                        let _ = save().await;
                    });
                }
            },
            std::time::Duration::from_millis(800),
        );
    };
    let moved = routed.moved();
    let submit = move |_| {
        spawn_local(async move {
            failure.set(None);
            if save().await.is_err() {
                return;
            }
            match send_event(routed.id.get_untracked(), OrderEvent::SubmitText, None).await {
                Ok(next) => moved.run(next),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let save_state = move || match saved.get() {
        SaveState::Clean => "",
        SaveState::Dirty => i18n.t(Msg::Unsaved)(),
        SaveState::Saving => i18n.t(Msg::Saving)(),
        SaveState::Done => i18n.t(Msg::SavedState)(),
        SaveState::Failed => i18n.t(Msg::SaveFailed)(),
    };
    view! {
        {loaded(order, move || routed.reload(), move |o: Order| {
            let writing = matches!(o.status, atelier_types::orders::OrderStatus::Assigned | atelier_types::orders::OrderStatus::RevisionRequested);
            let target = o.words;
            view! {
                <div class="site-head">
                    <h1 data-test="order-title">{o.title.clone()}</h1>
                    <StatusBadge status=o.status late=o.late/>
                </div>
                <div class="card">
                    <OrderFacts order=o.clone()/>
                    <ActionBar order=o.clone() on_moved=moved except=vec![OrderEvent::SubmitText]/>
                </div>
                {writing.then(|| view! {
                    <section class="editor" data-test="editor">
                        <div class="field">
                            <label for="draft">{i18n.t(Msg::YourText)}</label>
                            <textarea id="draft" rows="18" data-test="draft" prop:value=move || text.get() on:input=on_input></textarea>
                        </div>
                        <div class="prose card" data-test="preview" inner_html=move || to_html(&text.get())></div>
                    </section>
                    <div class="wizard-nav">
                        <span data-test="word-count">{move || word_count(&text.get())} " / " {target} " " {i18n.t(Msg::Words)}</span>
                        <span class="save-state" data-test="save-state" role="status">{save_state}</span>
                        <button type="button" class="btn btn-primary narrow-btn" data-test="submit-text" on:click=submit>{i18n.t(Msg::EvSubmit)}</button>
                    </div>
                })}
                <FailureAlert failure=failure/>
                <OrderRecord order=o.id version=version/>
            }
        })}
    }
}

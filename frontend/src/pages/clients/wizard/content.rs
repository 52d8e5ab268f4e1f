use atelier_types::site::{SectionContent, SiteConfig};
use atelier_types::sites::{DiffOp, FieldChange, section_texts, section_texts_mut};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api;
use crate::components::sites::{TextInput, error_at};
use crate::i18n::{I18n, Msg, labels};
use crate::pages::clients::wizard::{SaveState, Wizard};

fn section_text(c: &SiteConfig, p: usize, s: usize, field: &str) -> String {
    c.pages
        .get(p)
        .and_then(|page| page.sections.get(s))
        .and_then(|sec| section_texts(&sec.content).into_iter().find(|(f, _)| f == field))
        .map(|(_, text)| text)
        .unwrap_or_default()
}

fn set_section_text(c: &mut SiteConfig, p: usize, s: usize, field: &str, text: String) {
    let Some(section) = c.pages.get_mut(p).and_then(|page| page.sections.get_mut(s)) else { return };
    if let Some((_, slot)) = section_texts_mut(&mut section.content).into_iter().find(|(f, _)| f == field) {
        *slot = text;
    }
}

fn is_long(field: &str) -> bool {
    ["body", "intro", "subheading", "description", "quote", "answer"].iter().any(|f| field.ends_with(f))
}

fn regenerate(w: Wizard, section_id: String) {
    if w.busy_section.get_untracked().is_some() {
        return;
    }
    w.busy_section.set(Some(section_id.clone()));
    let id = w.id;
    spawn_local(async move {
        match api::regenerate_section(id, &section_id).await {
            Ok(r) => {
                let put = |c: &mut SiteConfig| {
                    for page in &mut c.pages {
                        for s in &mut page.sections {
                            if s.id == section_id {
                                s.content = r.entry.content.clone();
                            }
                        }
                    }
                };
                w.saved.update(put);
                w.config.update(put);
                w.regenerated.set(Some((section_id, r.entry.id, r.changes)));
                w.version.update(|v| *v += 1);
            }
            Err(e) => w.state.set(SaveState::Failed(e)),
        }
        w.busy_section.set(None);
    });
}

fn revert(w: Wizard, entry: Uuid) {
    let id = w.id;
    spawn_local(async move {
        match api::revert_ai_content(id, entry).await {
            Ok(site) => {
                w.saved.set(site.config.clone());
                w.config.set(site.config);
                w.regenerated.set(None);
                w.version.update(|v| *v += 1);
            }
            Err(e) => w.state.set(SaveState::Failed(e)),
        }
    });
}

fn diff_view(changes: Vec<FieldChange>) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="diff" data-test="diff">
            <strong>{i18n.t(Msg::WhatChanged)}</strong>
            {if changes.is_empty() { Some(view! { <p class="muted">{i18n.t(Msg::NoChange)}</p> }) } else { None }}
            {changes.into_iter().map(|change| {
                let label = labels::content_field(&change.field, i18n.lang());
                view! {
                    <p><span class="muted">{label} ": "</span>
                        {change.diff.into_iter().map(|span| match span.op {
                            DiffOp::Same => view! { <span>{span.text}</span> }.into_any(),
                            DiffOp::Removed => view! { <del>{span.text}</del> }.into_any(),
                            DiffOp::Added => view! { <ins>{span.text}</ins> }.into_any(),
                        }).collect_view()}
                    </p>
                }
            }).collect_view()}
        </div>
    }
}

pub(crate) fn content_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    // The structure (pages, sections, their fields) changes rarely; texts change as you type.
    let shape = Memo::new(move |_| {
        c.with(|c| {
            c.pages
                .iter()
                .map(|p| {
                    let sections: Vec<(String, bool, Vec<String>)> = p
                        .sections
                        .iter()
                        .map(|s| {
                            let writable = !matches!(s.content, SectionContent::Gallery { .. });
                            (s.id.clone(), writable, section_texts(&s.content).into_iter().map(|(f, _)| f).collect())
                        })
                        .collect();
                    (p.title.clone(), sections)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        shape
            .get()
            .into_iter()
            .enumerate()
            .map(|(p, (title, sections))| {
                view! {
                    <h3>{title}</h3>
                    {sections.into_iter().enumerate().map(|(s, (id, writable, fields))| {
                        let sid = id.clone();
                        let busy = { let sid = sid.clone(); Memo::new(move |_| w.busy_section.get().as_deref() == Some(sid.as_str())) };
                        let last = { let sid = sid.clone(); move || w.regenerated.get().filter(|(x, _, _)| *x == sid) };
                        view! {
                            <div class="section-edit" data-test=format!("section-{id}")>
                                {fields.into_iter().map(|field| {
                                    let path = format!("pages[{p}].sections[{s}].{field}");
                                    let (f1, f2) = (field.clone(), field.clone());
                                    let label = Signal::derive(move || labels::content_field(&f1, i18n.lang()));
                                    view! {
                                        <TextInput label=label multiline=is_long(&field) test="section-field"
                                            value=Signal::derive(move || c.with(|c| section_text(c, p, s, &f2)))
                                            on_input=Callback::new(move |v| c.update(|c| set_section_text(c, p, s, &field, v)))
                                            error=error_at(i18n, w.errors, path)/>
                                    }
                                }).collect_view()}
                                {writable.then(|| {
                                    let sid = sid.clone();
                                    view! {
                                        <button type="button" class="btn btn-secondary" data-test="regenerate"
                                            aria-busy=move || busy.get().to_string() on:click=move |_| regenerate(w, sid.clone())>
                                            {move || if busy.get() { i18n.t(Msg::Regenerating)() } else { i18n.t(Msg::Regenerate)() }}
                                        </button>
                                    }
                                })}
                                {move || last().map(|(_, entry, changes)| view! {
                                    {diff_view(changes)}
                                    <button type="button" class="btn btn-secondary" data-test="undo" on:click=move |_| revert(w, entry)>
                                        {i18n.t(Msg::UndoRegenerate)}
                                    </button>
                                })}
                            </div>
                        }
                    }).collect_view()}
                }
            })
            .collect_view()
    }
}

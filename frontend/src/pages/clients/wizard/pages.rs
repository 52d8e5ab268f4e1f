use atelier_types::site::{Page, PageKind, Seo};
use atelier_types::sites::slugify;
use leptos::prelude::*;

use crate::components::sites::{TextInput, error_at, msg};
use crate::i18n::{I18n, Msg, labels};
use crate::pages::clients::wizard::Wizard;

pub(crate) fn pages_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    // Re-render the rows only when pages come or go, never while typing in them.
    let count = Memo::new(move |_| c.with(|c| c.pages.iter().map(|p| p.kind).collect::<Vec<_>>()));
    let add = move |_| {
        c.update(|c| {
            let title = labels::new_page_title(c.language).to_owned();
            let base = slugify(&title);
            let mut slug = base.clone();
            let mut n = 2;
            while c.pages.iter().any(|p| p.slug == slug) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            c.pages.push(Page { kind: PageKind::Custom, slug, title, seo: Seo::default(), sections: Vec::new() });
        })
    };
    view! {
        <ul class="rows">
            {move || count.get().into_iter().enumerate().map(|(i, kind)| {
                let home = kind == PageKind::Home;
                view! {
                    <li class="row-item" data-test="page-row">
                        <span class="badge">{move || labels::page_kind(kind, i18n.lang())}</span>
                        <TextInput label=msg(i18n, Msg::PageTitle) test="page-title"
                            value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.title.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.title = v }))
                            error=error_at(i18n, w.errors, format!("pages[{i}].title"))/>
                        <TextInput label=msg(i18n, Msg::PageSlug) test="page-slug" disabled=home
                            value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.slug.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.slug = v }))
                            error=error_at(i18n, w.errors, format!("pages[{i}].slug"))/>
                        {(!home).then(|| view! {
                            <button type="button" class="btn btn-secondary" data-test="remove-page"
                                on:click=move |_| c.update(|c| { if i < c.pages.len() { c.pages.remove(i); } })>{i18n.t(Msg::Remove)}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <button type="button" class="btn btn-secondary" data-test="add-page" on:click=add>{i18n.t(Msg::AddPage)}</button>
    }
}

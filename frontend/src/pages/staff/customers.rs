use atelier_types::staff::Customer;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded};
use crate::i18n::{I18n, Msg};
use atelier_types::queries::CustomerQuery;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = I18n::get();
    let customers: Loaded<Vec<Customer>> = RwSignal::new(None);
    let query = RwSignal::new(String::new());
    let load = move || {
        fetch(customers, api::list_customers(CustomerQuery { q: query.get_untracked(), website: None }));
    };
    load();
    view! {
        <h1>{i18n.t(Msg::Customers)}</h1>
        <form class="filters" on:submit=move |ev| { ev.prevent_default(); load(); }>
            <label>{i18n.t(Msg::Search)} " "
                <input type="search" data-test="customer-search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </label>
            <button type="submit" class="btn btn-secondary">{i18n.t(Msg::Search)}</button>
        </form>
        {loaded(customers, load, move |list: Vec<Customer>| {
            if list.is_empty() {
                return view! { <div class="empty" data-test="no-customers">{i18n.t(Msg::NoCustomers)}</div> }.into_any();
            }
            view! {
                <table class="table" data-test="customers">
                    <thead><tr>
                        <th>{i18n.t(Msg::EntryName)}</th><th>{i18n.t(Msg::Website)}</th><th>{i18n.t(Msg::SitesCount)}</th>
                        <th>{i18n.t(Msg::Orders)}</th><th>{i18n.t(Msg::Status)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|c| view! {
                            <tr data-test="customer">
                                <td><A href=format!("/customers/{}", c.id)>{c.display_name.clone()}</A> <div class="muted">{c.email.clone()}</div></td>
                                <td>{c.website_name.clone()}</td>
                                <td>{c.sites}</td>
                                <td>{c.orders}</td>
                                <td><span class="badge">{i18n.t(if c.active { Msg::StatusActive } else { Msg::StatusSuspended })}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })}
    }
}

use atelier_types::orders::{Earnings, NewPayout};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, money, when};
use crate::components::orders::payout_status;
use crate::i18n::{I18n, Msg};

#[component]
pub fn EarningsPage() -> impl IntoView {
    let i18n = I18n::get();
    let earnings: Loaded<Earnings> = RwSignal::new(None);
    let load = move || fetch(earnings, api::get_earnings());
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let request = move |website_id: Uuid| {
        spawn_local(async move {
            match api::request_payout(&NewPayout { website_id }).await {
                Ok(_) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{i18n.t(Msg::Earnings)}</h1>
        <FailureAlert failure=failure/>
        {loaded(earnings, load, move |e: Earnings| {
            let threshold = e.payout_threshold_minor;
            view! {
                <div class="card">
                    <table class="table" data-test="balances">
                        <thead><tr>
                            <th>{i18n.t(Msg::Website)}</th><th>{i18n.t(Msg::Earned)}</th><th>{i18n.t(Msg::Paid)}</th>
                            <th>{i18n.t(Msg::Pending)}</th><th>{i18n.t(Msg::Available)}</th><th>{i18n.t(Msg::EarnedThisMonth)}</th><th></th>
                        </tr></thead>
                        <tbody>
                            {e.balances.into_iter().map(|b| {
                                let can = b.available_minor >= threshold && b.pending_minor == 0;
                                // How much of what was earned is paid: the bar fills as payouts arrive.
                                let share = b.paid_minor * 100 / b.earned_minor.max(1);
                                view! {
                                    <tr data-test="balance">
                                        <td>{b.website_name.clone()}
                                            <div class="bar" role="img" aria-label=format!("{} / {}", money(b.paid_minor, &b.currency), money(b.earned_minor, &b.currency))><span style=format!("width: {share}%")></span></div>
                                        </td>
                                        <td data-test="earned">{money(b.earned_minor, &b.currency)}</td>
                                        <td>{money(b.paid_minor, &b.currency)}</td>
                                        <td>{money(b.pending_minor, &b.currency)}</td>
                                        <td data-test="available">{money(b.available_minor, &b.currency)}</td>
                                        <td>{money(b.this_month_minor, &b.currency)}</td>
                                        <td>{if can {
                                            view! { <button type="button" class="btn btn-primary narrow-btn" data-test="request-payout" on:click=move |_| request(b.website_id)>{i18n.t(Msg::RequestPayout)}</button> }.into_any()
                                        } else {
                                            view! { <span class="muted">{i18n.t(Msg::PayoutFrom)} " " {money(threshold, &b.currency)}</span> }.into_any()
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h2>{i18n.t(Msg::Payouts)}</h2>
                <ul class="site-list" data-test="payouts">
                    {e.payouts.into_iter().map(|p| view! {
                        <li class="card site-row" data-test="payout">
                            <div><strong>{money(p.amount_minor, &p.currency)}</strong> <div class="muted">{p.website_name.clone()} " · " {when(p.created_at)}</div></div>
                            <span class="badge" data-test="payout-status">{i18n.t(payout_status(&p.status))}</span>
                            {p.reason.clone().map(|r| view! { <span class="muted">{r}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
                <h2>{i18n.t(Msg::Ledger)}</h2>
                <table class="table" data-test="ledger">
                    <tbody>
                        {e.entries.into_iter().map(|l| view! {
                            <tr>
                                <td>{when(l.at)}</td>
                                <td>{match l.order_title.clone() { Some(title) => title, None => i18n.t(Msg::PayoutLine)().to_owned() }}</td>
                                <td>{l.website_name.clone()}</td>
                                <td>{if l.kind == "payout" { money(-l.amount_minor, &l.currency) } else { money(l.amount_minor, &l.currency) }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })}
    }
}

//! The writers and staff apps: one shell with a sidebar, built twice.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::browser;
#[cfg(not(feature = "money"))]
use crate::components::NotFound;
use crate::components::notifications::{Bell, Inbox};
use crate::components::{LangSwitch, Protected};
use crate::i18n::{I18n, Msg};
#[cfg(not(feature = "money"))]
use crate::pages::{
    forgot_password::ForgotPasswordPage,
    notifications::NotificationsPage,
    profile::ProfilePage,
    reset_password::{ResetPasswordPage, VerifyEmailPage},
    sign_in::LoginPage,
};
use crate::session::Session;

#[cfg(feature = "writers")]
const TITLE: Msg = Msg::WritersTitle;
#[cfg(feature = "staff")]
const TITLE: Msg = Msg::StaffTitle;
#[cfg(feature = "writers")]
const HOME: Msg = Msg::Dashboard;
#[cfg(feature = "staff")]
const HOME: Msg = Msg::Overview;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let session = Session::provide();
    Inbox::provide();
    let collapsed = RwSignal::new(true);
    Effect::new(move || browser::set_title(&format!("Atelier · {}", i18n.t(TITLE)())));
    view! {
        <Router>
            <div class="shell">
                <aside class=move || if collapsed.get() { "sidebar collapsed" } else { "sidebar" }>
                    <div class="brand">
                        <span data-test="app-title">{i18n.t(TITLE)}</span>
                        {move || session.me.get().is_some().then(|| view! { <Bell/> })}
                        <button type="button" class="lang menu-toggle" aria-expanded=move || (!collapsed.get()).to_string()
                            on:click=move |_| collapsed.update(|c| *c = !*c)>{i18n.t(Msg::Menu)}</button>
                    </div>
                    {move || session.me.get().is_some().then(|| view! {
                        <A href="/" exact=true>{i18n.t(HOME)}</A>
                        <Nav/>
                        <A href="/profile">{i18n.t(Msg::Profile)}</A>
                    })}
                    <div class="bottom">
                        <LangSwitch/>
                        {move || session.me.get().map(|me| view! {
                            <span class="muted">{me.display_name}</span>
                            <button class="lang" data-test="sign-out" on:click=move |_| session.sign_out()>{i18n.t(Msg::SignOut)}</button>
                        })}
                    </div>
                </aside>
                <main class="content">
                    {pages()}
                </main>
            </div>
        </Router>
    }
}

/// The app's own sections in the sidebar.
#[component]
fn Nav() -> impl IntoView {
    let i18n = I18n::get();
    #[cfg(feature = "writers")]
    return view! {
        <A href="/available" attr:data-test="nav-available">{i18n.t(Msg::AvailableOrders)}</A>
        <A href="/orders" attr:data-test="nav-orders">{i18n.t(Msg::MyOrders)}</A>
        <A href="/earnings" attr:data-test="nav-earnings">{i18n.t(Msg::Earnings)}</A>
    };
    // Only what the role may use (the API refuses the rest anyway).
    #[cfg(feature = "staff")]
    return move || {
        use atelier_types::permissions::Permission::*;
        let is = |permission| Session::get().may(permission);
        view! {
            {is(Review).then(|| view! { <A href="/review" attr:data-test="nav-review">{i18n.t(Msg::ReviewQueue)}</A> })}
            {is(Review).then(|| view! { <A href="/orders" attr:data-test="nav-orders">{i18n.t(Msg::Orders)}</A> })}
            {is(LookAfterCustomers).then(|| view! { <A href="/customers" attr:data-test="nav-customers">{i18n.t(Msg::Customers)}</A> })}
            {is(Operate).then(|| view! { <A href="/sites" attr:data-test="nav-sites">{i18n.t(Msg::SitesAndQueue)}</A> })}
            {is(ManageMoney).then(|| view! { <A href="/money/payouts" attr:data-test="nav-payouts">{i18n.t(Msg::Payouts)}</A> })}
            {is(ManageMoney).then(|| view! { <A href="/money" attr:data-test="nav-billing">{i18n.t(Msg::Billing)}</A> })}
            {is(ReadCatalogue).then(|| view! { <A href="/catalogue" attr:data-test="nav-catalogue">{i18n.t(Msg::Catalogue)}</A> })}
            {is(Operate).then(|| view! { <A href="/websites" attr:data-test="nav-websites">{i18n.t(Msg::Websites)}</A> })}
            {is(Operate).then(|| view! { <A href="/analytics" attr:data-test="nav-analytics">{i18n.t(Msg::Analytics)}</A> })}
            {is(ManageWebsite).then(|| view! { <A href="/team" attr:data-test="nav-team">{i18n.t(Msg::Team)}</A> })}
            {is(ManageWebsite).then(|| view! { <A href="/audit" attr:data-test="nav-audit">{i18n.t(Msg::AuditLog)}</A> })}
        }
    };
}

/// The app's pages: sign-in and profile are shared, the rest is the app's own.
#[cfg(feature = "writers")]
fn pages() -> impl IntoView {
    use crate::pages::writers::available::AvailablePage;
    use crate::pages::writers::dashboard::WriterDashboard;
    use crate::pages::writers::earnings::EarningsPage;
    use crate::pages::writers::my_orders::MyOrdersPage;
    use crate::pages::writers::workspace::WorkspacePage;
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/login") view=|| view! { <LoginPage title=TITLE credentials_hint=Msg::HintClientsElsewhere/> }/>
            <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
            <Route path=path!("/reset-password") view=ResetPasswordPage/>
            <Route path=path!("/verify-email") view=VerifyEmailPage/>
            <Route path=path!("/") view=|| view! { <Protected><WriterDashboard/></Protected> }/>
            <Route path=path!("/available") view=|| view! { <Protected><AvailablePage/></Protected> }/>
            <Route path=path!("/orders") view=|| view! { <Protected><MyOrdersPage/></Protected> }/>
            <Route path=path!("/orders/:id") view=|| view! { <Protected><WorkspacePage/></Protected> }/>
            <Route path=path!("/earnings") view=|| view! { <Protected><EarningsPage/></Protected> }/>
            <Route path=path!("/profile") view=|| view! { <Protected><ProfilePage/></Protected> }/>
            <Route path=path!("/notifications") view=|| view! { <Protected><NotificationsPage/></Protected> }/>
        </Routes>
    }
}

#[cfg(all(feature = "staff", not(feature = "money")))]
fn pages() -> impl IntoView {
    use crate::components::Elsewhere;
    use crate::pages::staff::analytics::AnalyticsPage;
    use crate::pages::staff::audit::AuditPage;
    use crate::pages::staff::catalogue::CataloguePage;
    use crate::pages::staff::customer::CustomerPage;
    use crate::pages::staff::customers::CustomersPage;
    use crate::pages::staff::home::Home;
    use crate::pages::staff::order::StaffOrderPage;
    use crate::pages::staff::orders::StaffOrdersPage;
    use crate::pages::staff::review::ReviewPage;
    use crate::pages::staff::sites::SitesQueuePage;
    use crate::pages::staff::team::TeamPage;
    use crate::pages::staff::websites::WebsitesPage;
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/login") view=|| view! { <LoginPage title=TITLE credentials_hint=Msg::HintClientsElsewhere/> }/>
            <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
            <Route path=path!("/reset-password") view=ResetPasswordPage/>
            <Route path=path!("/verify-email") view=VerifyEmailPage/>
            <Route path=path!("/") view=|| view! { <Protected><Home/></Protected> }/>
            <Route path=path!("/orders") view=|| view! { <Protected><StaffOrdersPage/></Protected> }/>
            <Route path=path!("/orders/:id") view=|| view! { <Protected><StaffOrderPage/></Protected> }/>
            <Route path=path!("/catalogue") view=|| view! { <Protected><CataloguePage/></Protected> }/>
            <Route path=path!("/websites") view=|| view! { <Protected><WebsitesPage/></Protected> }/>
            <Route path=path!("/customers") view=|| view! { <Protected><CustomersPage/></Protected> }/>
            <Route path=path!("/customers/:id") view=|| view! { <Protected><CustomerPage/></Protected> }/>
            <Route path=path!("/audit") view=|| view! { <Protected><AuditPage/></Protected> }/>
            <Route path=path!("/analytics") view=|| view! { <Protected><AnalyticsPage/></Protected> }/>
            <Route path=path!("/team") view=|| view! { <Protected><TeamPage/></Protected> }/>
            <Route path=path!("/sites") view=|| view! { <Protected><SitesQueuePage/></Protected> }/>
            <Route path=path!("/review") view=|| view! { <Protected><ReviewPage/></Protected> }/>
            // The money pages are a build of their own: the server serves them there.
            <Route path=path!("/money") view=Elsewhere/>
            <Route path=path!("/money/*any") view=Elsewhere/>
            <Route path=path!("/profile") view=|| view! { <Protected><ProfilePage/></Protected> }/>
            <Route path=path!("/notifications") view=|| view! { <Protected><NotificationsPage/></Protected> }/>
        </Routes>
    }
}

/// The money pages' build: revenue, invoices and transfers, promo codes, plans, settings,
/// writers' payouts;
/// every other address is loaded from the server (the staff app's).
#[cfg(feature = "money")]
fn pages() -> impl IntoView {
    use crate::components::Elsewhere;
    use crate::pages::staff::money::{InvoicesPage, PlansPage, PromoCodesPage, RevenuePage, SettingsPage};
    use crate::pages::staff::payouts::PayoutsPage;
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/money") view=|| view! { <Protected><RevenuePage/></Protected> }/>
            <Route path=path!("/money/invoices") view=|| view! { <Protected><InvoicesPage/></Protected> }/>
            <Route path=path!("/money/promo-codes") view=|| view! { <Protected><PromoCodesPage/></Protected> }/>
            <Route path=path!("/money/plans") view=|| view! { <Protected><PlansPage/></Protected> }/>
            <Route path=path!("/money/settings") view=|| view! { <Protected><SettingsPage/></Protected> }/>
            // Writers' payout requests: money too, and the staff app's budget is full.
            <Route path=path!("/money/payouts") view=|| view! { <Protected><PayoutsPage/></Protected> }/>
        </Routes>
    }
}

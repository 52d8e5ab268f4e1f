//! The clients app, on each tenant's own domain: the tenant's branding first, then sign-in,
//! registration and the client's pages.

use atelier_types::color::{readable_as_text, readable_text_on};
use atelier_types::tenant::TenantBranding;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::notifications::{Bell, Inbox};
use crate::components::{Elsewhere, LangSwitch, Protected, Skeleton, error_text};
use crate::i18n::{I18n, Msg};
use crate::pages::profile::SendAgain;
use crate::session::Session;

#[derive(Debug, Clone)]
enum TenantState {
    Loading,
    Ready(TenantBranding),
    Failed(ApiError),
}

fn apply_branding(tenant: &TenantBranding) {
    browser::set_css_var("--accent", &tenant.theme_color);
    browser::set_css_var("--on-accent", readable_text_on(&tenant.theme_color));
    // Links in the accent colour, readable on the light and the dark page.
    browser::set_css_var("--accent-text-light", &readable_as_text(&tenant.theme_color, "#f7f7f9"));
    browser::set_css_var("--accent-text-dark", &readable_as_text(&tenant.theme_color, "#1b1b20"));
    browser::set_title(&tenant.name);
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    Session::provide();
    Inbox::provide();
    let tenant = RwSignal::new(TenantState::Loading);
    spawn_local(async move {
        match api::get_tenant().await {
            Ok(branding) => {
                apply_branding(&branding);
                tenant.set(TenantState::Ready(branding));
            }
            Err(e) => tenant.set(TenantState::Failed(e)),
        }
    });
    view! {
        <Router>
            {move || match tenant.get() {
                TenantState::Loading => view! { <div class="page"><Skeleton/></div> }.into_any(),
                TenantState::Failed(e) => view! {
                    <div class="page">
                        <div class="card" data-test="site-unavailable">
                            <h1>{error_text(i18n, &e)}</h1>
                            <button class="btn btn-secondary" on:click=|_| browser::reload()>{i18n.t(Msg::Retry)}</button>
                        </div>
                    </div>
                }
                .into_any(),
                TenantState::Ready(branding) => view! { <Branded tenant=branding/> }.into_any(),
            }}
        </Router>
    }
}

#[component]
fn Branded(tenant: TenantBranding) -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let initial = tenant.name.chars().next().unwrap_or('·').to_string();
    let logo = match tenant.logo_url.clone() {
        Some(url) => view! { <img class="logo" src=url alt=""/> }.into_any(),
        None => view! { <span class="logo" aria-hidden="true">{initial}</span> }.into_any(),
    };
    let contact = tenant.contact_email.clone();
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand" attr:data-test="brand">{logo}<span data-test="tenant-name">{tenant.name.clone()}</span></A>
            <nav>
                {move || session.me.get().is_some().then(|| view! {
                    <A href="/">{i18n.t(Msg::Home)}</A>
                    <A href="/orders" attr:data-test="nav-orders">{i18n.t(Msg::Orders)}</A>
                    <A href="/billing" attr:data-test="nav-billing">{i18n.t(Msg::Billing)}</A>
                    <A href="/profile">{i18n.t(Msg::Profile)}</A>
                })}
            </nav>
            <span class="spacer"></span>
            {move || session.me.get().is_some().then(|| view! { <Bell/> })}
            <LangSwitch/>
            {move || match session.me.get() {
                Some(_) => view! {
                    <button class="lang" data-test="sign-out" on:click=move |_| session.sign_out()>{i18n.t(Msg::SignOut)}</button>
                }.into_any(),
                None => view! { <A href="/login" attr:class="link">{i18n.t(Msg::SignIn)}</A> }.into_any(),
            }}
        </header>
        <main class="page">
            {move || session.me.get().filter(|me| !me.email_verified).map(|_| view! {
                <div class="alert alert-warn" data-test="confirm-email-banner">
                    <p>{i18n.t(Msg::ConfirmEmailBanner)}</p>
                    <SendAgain/>
                </div>
            })}
            {routes()}
        </main>
        <footer class="footer" data-test="contact">
            {i18n.t(Msg::Questions)} " " <a href=format!("mailto:{contact}")>{contact.clone()}</a>
        </footer>
    }
}

/// The clients app's pages.
#[cfg(not(any(feature = "wizard", feature = "billing")))]
fn routes() -> impl IntoView {
    use crate::components::NotFound;
    use crate::pages::clients::home::Home;
    use crate::pages::clients::new_order::NewOrderPage;
    use crate::pages::clients::new_site::NewSitePage;
    use crate::pages::clients::order::OrderPage;
    use crate::pages::clients::orders::OrdersPage;
    use crate::pages::clients::rapide::RapidePage;
    use crate::pages::clients::site::SitePage;
    use crate::pages::forgot_password::ForgotPasswordPage;
    use crate::pages::notifications::NotificationsPage;
    use crate::pages::profile::ProfilePage;
    use crate::pages::register::RegisterPage;
    use crate::pages::reset_password::{ResetPasswordPage, VerifyEmailPage};
    use crate::pages::sign_in::LoginPage;
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/login") view=|| view! {
                <LoginPage title=Msg::SignInTitle credentials_hint=Msg::HintTeamElsewhere offer_registration=true/>
            }/>
            <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
            <Route path=path!("/reset-password") view=ResetPasswordPage/>
            <Route path=path!("/verify-email") view=VerifyEmailPage/>
            <Route path=path!("/register") view=RegisterPage/>
            <Route path=path!("/") view=|| view! { <Protected><Home/></Protected> }/>
            <Route path=path!("/sites/new") view=|| view! { <Protected><NewSitePage/></Protected> }/>
            <Route path=path!("/rapide") view=|| view! { <Protected><RapidePage/></Protected> }/>
            <Route path=path!("/sites/:id") view=|| view! { <Protected><SitePage/></Protected> }/>
            // The wizard is a build of its own: the server serves it at this address.
            <Route path=path!("/sites/:id/wizard") view=Elsewhere/>
            <Route path=path!("/orders") view=|| view! { <Protected><OrdersPage/></Protected> }/>
            <Route path=path!("/orders/new") view=|| view! { <Protected><NewOrderPage/></Protected> }/>
            <Route path=path!("/orders/:id") view=|| view! { <Protected><OrderPage/></Protected> }/>
            // So is the billing page.
            <Route path=path!("/billing") view=Elsewhere/>
            <Route path=path!("/profile") view=|| view! { <Protected><ProfilePage/></Protected> }/>
            <Route path=path!("/notifications") view=|| view! { <Protected><NotificationsPage/></Protected> }/>
        </Routes>
    }
}

/// The wizard's build: the wizard, and every other address loaded from the server (the
/// clients app's).
#[cfg(feature = "wizard")]
fn routes() -> impl IntoView {
    use crate::pages::clients::wizard::WizardPage;
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/sites/:id/wizard") view=|| view! { <Protected><WizardPage/></Protected> }/>
        </Routes>
    }
}

/// The billing page's build, the same way.
#[cfg(feature = "billing")]
fn routes() -> impl IntoView {
    use crate::pages::clients::billing::BillingPage;
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/billing") view=|| view! { <Protected><BillingPage/></Protected> }/>
        </Routes>
    }
}

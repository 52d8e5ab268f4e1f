//! The card provider, speaking Stripe Checkout's protocol: a checkout session is created
//! with the secret key (form-encoded `POST /v1/checkout/sessions`), the client pays on the
//! provider's page, and the provider tells us with a signed webhook
//! (`Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`). Off unless
//! `ATELIER_CARD_SECRET_KEY` and `ATELIER_CARD_WEBHOOK_SECRET` are set.

use atelier_db::billing as db;
use atelier_db::{Scope, sites::Owner};
use atelier_types::billing::{InvoiceStatus, PaymentProvider, PaymentStarted, PaymentStatus};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::Sha256;
use uuid::Uuid;

use super::invoices::{Provider, present, settle};
use crate::config::Settings;
use crate::{App, AppError, AppResult, Kind};

/// How far a webhook's signed time may be from ours.
pub const TOLERANCE_SECS: i64 = 300;

pub struct Card {
    secret_key: SecretString,
    api_base: String,
    /// Where the client comes back to (`https://<their website>`).
    origin: String,
}

impl Card {
    /// The card provider, when it is configured; `host` is the client's website.
    pub fn configured(settings: &Settings, host: &str) -> Option<Card> {
        let key = settings.card_secret_key.as_ref()?;
        settings.card_webhook_secret.as_ref()?;
        Some(Card {
            secret_key: key.clone(),
            api_base: settings.card_api_base.trim_end_matches('/').to_owned(),
            origin: settings.app_origin(host),
        })
    }
}

#[derive(Deserialize)]
struct Session {
    id: String,
    url: String,
}

/// `application/x-www-form-urlencoded`, by hand (two dozen bytes do not need a crate).
fn form(pairs: &[(&str, String)]) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    pairs.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

impl Provider for Card {
    const KIND: PaymentProvider = PaymentProvider::Card;

    async fn start(&self, app: &App, owner: Owner, id: Uuid) -> AppResult<PaymentStarted> {
        let scope = Scope::tenant(owner.website_id).with_user(owner.user_id);
        // Read first, call the provider outside any transaction, then record.
        let mut tx = app.db.begin(&scope).await?;
        let invoice = db::invoice(&mut tx, id, false)
            .await?
            .filter(|i| i.customer_id == owner.user_id)
            .ok_or_else(super::invoices::invoice_not_found)?;
        tx.commit().await?;
        if invoice.status != InvoiceStatus::Open {
            return Err(AppError::conflict("invoice_not_open", format!("Invoice {} is not open.", invoice.reference)));
        }
        let body = form(&[
            ("mode", "payment".into()),
            ("client_reference_id", invoice.id.to_string()),
            ("metadata[invoice_id]", invoice.id.to_string()),
            ("customer_email", invoice.customer_email.clone()),
            ("line_items[0][quantity]", "1".into()),
            ("line_items[0][price_data][currency]", invoice.currency.to_lowercase()),
            ("line_items[0][price_data][unit_amount]", invoice.total_minor.to_string()),
            ("line_items[0][price_data][product_data][name]", invoice.reference.clone()),
            ("success_url", format!("{}/billing?paid={}", self.origin, invoice.id)),
            ("cancel_url", format!("{}/billing", self.origin)),
        ]);
        let unavailable = |e: String| AppError {
            cause: Some(anyhow::anyhow!(e)),
            ..AppError::new(
                Kind::Upstream,
                "card_provider_unavailable",
                "The card provider did not answer; try again in a moment, or pay by transfer.",
            )
        };
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .map_err(|e| unavailable(e.to_string()))?;
        let answer = client
            .post(format!("{}/v1/checkout/sessions", self.api_base))
            .bearer_auth(self.secret_key.expose_secret())
            .header("content-type", "application/x-www-form-urlencoded")
            // One session per invoice and attempt: a retried request makes no second session.
            .header("idempotency-key", format!("invoice-{}-{}", invoice.id, invoice.total_minor))
            .body(body)
            .send()
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        if !answer.status().is_success() {
            let status = answer.status();
            let text = answer.text().await.unwrap_or_default();
            return Err(unavailable(format!("{status}: {}", text.chars().take(300).collect::<String>())));
        }
        let session: Session = answer.json().await.map_err(|e| unavailable(e.to_string()))?;
        let mut tx = app.db.begin(&scope).await?;
        let invoice = db::invoice(&mut tx, id, true).await?.ok_or_else(super::invoices::invoice_not_found)?;
        let payment = match db::payment_by_external(&mut tx, Self::KIND, &session.id).await? {
            Some(p) => p,
            None => {
                db::insert_payment(
                    &mut tx,
                    &invoice,
                    Self::KIND,
                    PaymentStatus::Pending,
                    Some(&session.id),
                    Some(&session.url),
                )
                .await?
            }
        };
        let shown = present(&mut tx, id).await?;
        tx.commit().await?;
        Ok(PaymentStarted {
            payment: super::invoices::payment_view(&payment),
            invoice: shown,
            instructions: None,
            checkout_url: Some(session.url),
        })
    }
}

/// Checks a `Stripe-Signature` header against the body: a `t` within [`TOLERANCE_SECS`] of
/// `now` and one `v1` that is the HMAC-SHA256 of `"<t>.<body>"` under `secret`.
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> bool {
    let mut t = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let Some(t) = t else { return false };
    if (now - t).abs() > TOLERANCE_SECS {
        return false;
    }
    signatures.iter().any(|sig| {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else { return false };
        mac.update(t.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.verify_slice(sig).is_ok()
    })
}

/// The header a provider would send for `body` at `t` (tests and the local checkout).
pub fn sign(secret: &str, body: &[u8], t: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!("HMAC takes any key"));
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

#[derive(Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    object: SessionObject,
}

#[derive(Deserialize)]
struct SessionObject {
    id: String,
    #[serde(default)]
    payment_status: Option<String>,
    #[serde(default)]
    amount_total: Option<i64>,
}

fn bad_signature() -> AppError {
    AppError::new(Kind::Malformed, "invalid_signature", "The webhook's signature does not match its body.")
}

/// What a webhook did.
#[derive(Debug, PartialEq, Eq)]
pub enum Handled {
    /// An invoice was paid.
    Paid,
    /// Seen before: nothing changed.
    Replay,
    /// Not an event that changes anything here.
    Ignored,
}

/// The card provider's webhook: signature checked first (a bad one changes nothing:
/// `400 invalid_signature`), each event applied once (a replay is recorded as seen and
/// changes nothing), `checkout.session.completed` with `payment_status: paid` settles the
/// session's invoice.
pub async fn webhook(app: &App, signature: Option<&str>, body: &[u8]) -> AppResult<Handled> {
    let Some(secret) = app.settings.card_webhook_secret.as_ref() else {
        return Err(AppError::not_found("card_unavailable", "Card payments are not set up here."));
    };
    let now = chrono::Utc::now().timestamp();
    if !signature.is_some_and(|s| verify(secret.expose_secret(), s, body, now)) {
        return Err(bad_signature());
    }
    let event: Event = serde_json::from_slice(body).map_err(|e| {
        AppError::new(
            Kind::Malformed,
            "invalid_event",
            format!("The webhook's body is not an event this server reads: {e}."),
        )
    })?;
    let mut tx = app.db.begin(&Scope::everything()).await?;
    if !db::first_webhook_event(&mut tx, "card", &event.id, &event.kind).await? {
        tx.commit().await?;
        return Ok(Handled::Replay);
    }
    let paid =
        event.kind == "checkout.session.completed" && event.data.object.payment_status.as_deref() == Some("paid");
    if !paid {
        tx.commit().await?;
        return Ok(Handled::Ignored);
    }
    let Some(payment) = db::payment_by_external(&mut tx, PaymentProvider::Card, &event.data.object.id).await? else {
        tracing::warn!(session = %event.data.object.id, "card webhook for a session we did not start");
        tx.commit().await?;
        return Ok(Handled::Ignored);
    };
    let invoice =
        db::invoice(&mut tx, payment.invoice_id, true).await?.ok_or_else(super::invoices::invoice_not_found)?;
    if event.data.object.amount_total.is_some_and(|a| a != payment.amount_minor) {
        tracing::error!(payment.id = %payment.id, "card webhook paid another amount than the invoice's; left for staff");
        tx.commit().await?;
        return Ok(Handled::Ignored);
    }
    if payment.status != PaymentStatus::Pending || invoice.status != InvoiceStatus::Open {
        // Paid another way meanwhile: the money is refunded by staff (docs/billing.md).
        tracing::warn!(payment.id = %payment.id, invoice = %invoice.reference, "card payment for an invoice no longer open");
        db::settle_payment(&mut tx, payment.id, PaymentStatus::Succeeded, None).await?;
        tx.commit().await?;
        return Ok(Handled::Ignored);
    }
    db::settle_payment(&mut tx, payment.id, PaymentStatus::Succeeded, None).await?;
    settle(&mut tx, &invoice).await?;
    tx.commit().await?;
    let owner = Owner { website_id: invoice.website_id, user_id: invoice.customer_id };
    super::cycle::restore_if_settled(app, owner).await?;
    Ok(Handled::Paid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_checked() {
        let body = br#"{"id":"evt_1"}"#;
        let header = sign("whsec_test", body, 1_000_000);
        assert!(verify("whsec_test", &header, body, 1_000_100));
        // Another secret, another body, too old, no signature.
        assert!(!verify("whsec_other", &header, body, 1_000_100));
        assert!(!verify("whsec_test", &header, br#"{"id":"evt_2"}"#, 1_000_100));
        assert!(!verify("whsec_test", &header, body, 1_000_000 + TOLERANCE_SECS + 1));
        assert!(!verify("whsec_test", "t=1000000", body, 1_000_000));
        assert_eq!(form(&[("a[b]", "x y&z".into())]), "a%5Bb%5D=x+y%26z");
    }
}

//! E-mail. A use case renders its mail (`templates`) and adds it to the outbox in its own
//! transaction ([`enqueue`]); the worker delivers due mails through a [`Mailer`]
//! ([`deliver_due`]): retried with backoff, kept as a dead letter after the last attempt.
//! Mailers: a local mail folder by default (`.eml` files a person can open), SMTP when
//! `ATELIER_SMTP_URL` is set.

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};

use atelier_db::mail::{MailRow, NewMail};
use atelier_db::{Db, Scope, Tx};
use chrono::{DateTime, Duration, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub mod templates;

pub use templates::{Brand, Rendered};

/// Attempts before a mail becomes a dead letter.
pub const MAX_ATTEMPTS: i32 = 6;

/// Sends one mail. Implementations: [`MailFolder`] (default), [`Smtp`].
pub trait Mailer: Send + Sync {
    fn send<'a>(&'a self, mail: &'a MailRow) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;
}

/// The mail as RFC 5322 (what SMTP carries and what an `.eml` file holds): text and HTML
/// alternatives, UTF-8.
pub fn message(mail: &MailRow) -> anyhow::Result<Message> {
    let from = Mailbox::new(Some(mail.from_name.clone()), mail.from_address.parse()?);
    Ok(Message::builder()
        .from(from)
        .to(mail.to_address.parse()?)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}@atelier>", mail.id)))
        .multipart(MultiPart::alternative_plain_html(mail.text_body.clone(), mail.html_body.clone()))?)
}

/// Writes each mail as an `.eml` file in a folder:
/// `20261201T141503.123456Z-0001-password_reset-jane@acme.example.eml` (UTC to the
/// microsecond, then a counter), so the newest sorts last and a person finds theirs by address.
pub struct MailFolder {
    dir: PathBuf,
    sequence: AtomicU64,
}

impl MailFolder {
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Self { dir: dir.to_owned(), sequence: AtomicU64::new(0) })
    }

    fn file_name(&self, mail: &MailRow) -> String {
        let n = self.sequence.fetch_add(1, Ordering::Relaxed) % 10_000;
        let to: String = mail
            .to_address
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || "@.-_+".contains(c) { c } else { '_' })
            .collect();
        format!("{}-{n:04}-{}-{to}.eml", Utc::now().format("%Y%m%dT%H%M%S%.6fZ"), mail.kind)
    }
}

impl Mailer for MailFolder {
    fn send<'a>(&'a self, mail: &'a MailRow) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
        Box::pin(async move {
            let bytes = message(mail)?.formatted();
            let path = self.dir.join(self.file_name(mail));
            // Written whole, then renamed: a reader never sees half a mail.
            let partial = path.with_extension("eml.part");
            tokio::fs::write(&partial, bytes).await?;
            tokio::fs::rename(&partial, &path).await?;
            Ok(())
        })
    }
}

/// SMTP through lettre. The URL says how: `smtp://host:25` (plain, for a local relay),
/// `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://user:pass@host:465` (TLS).
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Smtp {
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("ATELIER_SMTP_URL is not a usable SMTP address: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Self { transport })
    }
}

impl Mailer for Smtp {
    fn send<'a>(&'a self, mail: &'a MailRow) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
        Box::pin(async move {
            self.transport.send(message(mail)?).await?;
            Ok(())
        })
    }
}

/// The mailer the settings ask for: SMTP when `smtp_url` is set, the mail folder otherwise.
pub fn from_settings(settings: &crate::config::Settings) -> anyhow::Result<Box<dyn Mailer>> {
    use secrecy::ExposeSecret;
    Ok(match &settings.smtp_url {
        Some(url) => Box::new(Smtp::from_url(url.expose_secret())?),
        None => Box::new(MailFolder::open(&settings.mail_dir)?),
    })
}

/// Adds a rendered mail to the outbox, in the caller's transaction.
pub async fn enqueue(tx: &mut Tx, brand: &Brand, kind: &str, to: &str, rendered: &Rendered) -> anyhow::Result<()> {
    atelier_db::mail::enqueue(
        tx,
        &NewMail {
            website_id: brand.website_id,
            kind,
            to_address: to,
            from_name: &brand.sender_name,
            from_address: &brand.sender_address,
            subject: &rendered.subject,
            text_body: &rendered.text,
            html_body: &rendered.html,
        },
    )
    .await?;
    Ok(())
}

/// When a mail that failed `attempts` times is tried again: 30 s, 1, 2, 4, 8 min…; `None`
/// once it has had its last attempt.
pub fn retry_at(attempts: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (attempts < MAX_ATTEMPTS).then(|| now + Duration::seconds(30 << (attempts - 1).clamp(0, 10)))
}

/// What one delivery pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    pub failed: usize,
}

/// How long a claimed mail is left to the worker sending it before another may try it.
pub const LEASE: Duration = Duration::minutes(5);

/// Sends up to `limit` due mails, one at a time. Each is claimed in a short transaction
/// (nothing stays locked while a server answers), sent, then marked in another: a worker that
/// dies mid-way re-sends at most the one mail it was sending, after [`LEASE`].
pub async fn deliver_due(db: &Db, mailer: &dyn Mailer, limit: i64) -> anyhow::Result<Delivered> {
    let mut outcome = Delivered::default();
    for _ in 0..limit {
        let mut tx = db.begin(&Scope::everything()).await?;
        let claimed = atelier_db::mail::claim_due(&mut tx, Utc::now(), Utc::now() + LEASE).await?;
        tx.commit().await?;
        let Some(mail) = claimed else { break };
        let sent = mailer.send(&mail).await;
        let mut tx = db.begin(&Scope::everything()).await?;
        match sent {
            Ok(()) => {
                atelier_db::mail::mark_sent(&mut tx, mail.id).await?;
                outcome.sent += 1;
            }
            Err(e) => {
                let attempts = mail.attempts + 1;
                let retry = retry_at(attempts, Utc::now());
                let error = format!("{e:#}");
                if retry.is_none() {
                    tracing::error!(mail.id = %mail.id, mail.kind = %mail.kind, attempts, error, "mail given up (dead letter)");
                } else {
                    tracing::warn!(mail.id = %mail.id, mail.kind = %mail.kind, attempts, error, "mail not sent; will retry");
                }
                atelier_db::mail::mark_failed(&mut tx, mail.id, &error, retry).await?;
                outcome.failed += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop_after_the_last_attempt() {
        let now = Utc::now();
        let waits: Vec<i64> = (1..MAX_ATTEMPTS).map(|n| (retry_at(n, now).unwrap() - now).num_seconds()).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480]);
        assert_eq!(retry_at(MAX_ATTEMPTS, now), None);
    }
}

//! The mails, in English and French, as plain text and HTML, in their brand's colours. Every
//! value that comes from a person (names, addresses, links) is escaped in the HTML.

use atelier_types::Language;
use atelier_types::color::readable_text_on;
use uuid::Uuid;

/// Whose mail it is: a tenant's (its name, logo and colour, for its clients) or the
/// platform's (writers and staff).
#[derive(Debug, Clone)]
pub struct Brand {
    pub website_id: Option<Uuid>,
    pub name: String,
    /// `#1d4ed8`.
    pub color: String,
    /// An absolute address, or none.
    pub logo_url: Option<String>,
    pub sender_name: String,
    pub sender_address: String,
}

impl Brand {
    /// A tenant's brand. `origin` (`https://acme.example`) makes its logo's address absolute.
    pub fn tenant(tenant: &atelier_db::tenants::Tenant, origin: &str, sender_address: &str) -> Brand {
        Brand {
            website_id: Some(tenant.id),
            name: tenant.name.clone(),
            color: tenant.theme_color.clone(),
            logo_url: tenant
                .logo_url
                .as_ref()
                .map(|u| if u.starts_with('/') { format!("{origin}{u}") } else { u.clone() }),
            sender_name: tenant.name.clone(),
            sender_address: sender_address.to_owned(),
        }
    }

    /// The platform's own brand, for writers and staff.
    pub fn platform(sender_address: &str) -> Brand {
        Brand {
            website_id: None,
            name: "Atelier".into(),
            color: "#1f2937".into(),
            logo_url: None,
            sender_name: "Atelier".into(),
            sender_address: sender_address.to_owned(),
        }
    }
}

/// A mail ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// `<`, `>`, `&`, `"` and `'` as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn pick(lang: Language, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Language::En => en,
        Language::Fr => fr,
    }
}

/// One mail: a greeting, paragraphs, an optional button, a closing line. Paragraphs and the
/// button label are plain text; they are escaped here.
struct Body<'a> {
    greeting: String,
    paragraphs: Vec<String>,
    button: Option<(&'a str, &'a str)>,
    footer: String,
}

fn render(brand: &Brand, lang: Language, subject: String, body: Body<'_>) -> Rendered {
    let mut text = format!("{}\n\n", body.greeting);
    for p in &body.paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    if let Some((label, link)) = body.button {
        text.push_str(&format!("{label}: {link}\n\n"));
    }
    text.push_str(&format!("— {}\n{}\n", brand.name, body.footer));

    let on_brand = readable_text_on(&brand.color);
    let head = match &brand.logo_url {
        Some(logo) => format!(
            r#"<img src="{}" alt="{}" height="40" style="height:40px;vertical-align:middle">"#,
            escape(logo),
            escape(&brand.name)
        ),
        None => format!(r#"<strong style="font-size:20px">{}</strong>"#, escape(&brand.name)),
    };
    let mut html = format!(
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="margin:0;background:#f3f4f6;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#111827">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="background:{color};color:{on_brand};padding:16px 24px">{head}</td></tr>
<tr><td style="padding:24px;font-size:16px;line-height:1.5">
<p>{greeting}</p>
"#,
        lang = lang.as_str(),
        title = escape(&subject),
        color = escape(&brand.color),
        greeting = escape(&body.greeting),
    );
    for p in &body.paragraphs {
        html.push_str(&format!("<p>{}</p>\n", escape(p)));
    }
    if let Some((label, link)) = body.button {
        html.push_str(&format!(
            r#"<p><a href="{link}" style="display:inline-block;background:{color};color:{on_brand};padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">{label}</a></p>
<p style="font-size:13px;color:#4b5563">{or}<br><a href="{link}" style="color:#1d4ed8;word-break:break-all">{link}</a></p>
"#,
            link = escape(link),
            color = escape(&brand.color),
            label = escape(label),
            or = escape(pick(lang, "Or open this address:", "Ou ouvrez cette adresse :")),
        ));
    }
    html.push_str(&format!(
        r#"</td></tr>
<tr><td style="padding:16px 24px;font-size:13px;color:#4b5563;border-top:1px solid #e5e7eb">{footer}</td></tr>
</table></td></tr></table></body></html>
"#,
        footer = escape(&body.footer)
    ));
    Rendered { subject, text, html }
}

fn hello(lang: Language, name: &str) -> String {
    let hello = pick(lang, "Hello", "Bonjour");
    if name.is_empty() { format!("{hello},") } else { format!("{hello} {name},") }
}

/// The reset link, valid for an hour, once.
pub fn password_reset(brand: &Brand, lang: Language, name: &str, link: &str) -> Rendered {
    let subject = format!("{} — {}", pick(lang, "Reset your password", "Réinitialisez votre mot de passe"), brand.name);
    render(
        brand,
        lang,
        subject,
        Body {
            greeting: hello(lang, name),
            paragraphs: vec![
                pick(
                    lang,
                    "Someone asked to reset the password of your account. If it was you, choose a new password with the button below. The link works once, for one hour.",
                    "Quelqu'un a demandé à réinitialiser le mot de passe de votre compte. Si c'est vous, choisissez-en un nouveau avec le bouton ci-dessous. Le lien fonctionne une fois, pendant une heure.",
                )
                .to_owned(),
                pick(
                    lang,
                    "If it was not you, ignore this mail: your password stays as it is.",
                    "Si ce n'est pas vous, ignorez ce message : votre mot de passe reste inchangé.",
                )
                .to_owned(),
            ],
            button: Some((pick(lang, "Choose a new password", "Choisir un nouveau mot de passe"), link)),
            footer: pick(lang, "You receive this mail because a password reset was asked for this address.", "Vous recevez ce message parce qu'une réinitialisation a été demandée pour cette adresse.").to_owned(),
        },
    )
}

/// A new client's welcome (the demo sends one to each of its clients).
pub fn welcome(brand: &Brand, lang: Language, name: &str) -> Rendered {
    let subject = match lang {
        Language::En => format!("Welcome to {}", brand.name),
        Language::Fr => format!("Bienvenue chez {}", brand.name),
    };
    render(
        brand,
        lang,
        subject,
        Body {
            greeting: hello(lang, name),
            paragraphs: vec![
                pick(
                    lang,
                    "Your account is ready. Sign in on our website with this address to build your site, publish it and order texts for it.",
                    "Votre compte est prêt. Connectez-vous sur notre site avec cette adresse pour créer votre site, le publier et y commander des textes.",
                )
                .to_owned(),
            ],
            button: None,
            footer: pick(lang, "You receive this mail because an account was opened with this address.", "Vous recevez ce message parce qu'un compte a été ouvert avec cette adresse.").to_owned(),
        },
    )
}

/// After a reset: the password changed and every session ended.
pub fn password_changed(brand: &Brand, lang: Language, name: &str) -> Rendered {
    let subject =
        format!("{} — {}", pick(lang, "Your password was changed", "Votre mot de passe a été changé"), brand.name);
    render(
        brand,
        lang,
        subject,
        Body {
            greeting: hello(lang, name),
            paragraphs: vec![
                pick(
                    lang,
                    "The password of your account was just changed, and every device signed in to it was signed out.",
                    "Le mot de passe de votre compte vient d'être changé, et chaque appareil connecté a été déconnecté.",
                )
                .to_owned(),
                pick(
                    lang,
                    "If you did not do this, reset your password at once and tell us.",
                    "Si ce n'est pas vous, réinitialisez votre mot de passe tout de suite et prévenez-nous.",
                )
                .to_owned(),
            ],
            button: None,
            footer: pick(lang, "A security notice about your account.", "Un avis de sécurité concernant votre compte.").to_owned(),
        },
    )
}

/// A notice without a button: the subject's words, then its paragraphs (EN, FR pairs).
fn notice(
    brand: &Brand,
    lang: Language,
    name: &str,
    subject: (&str, &str),
    paragraphs: &[(&str, &str)],
    button: Option<(&str, &str)>,
    footer: (&str, &str),
) -> Rendered {
    let pick_owned = |(en, fr): (&str, &str)| match lang {
        Language::En => en.to_owned(),
        Language::Fr => fr.to_owned(),
    };
    render(
        brand,
        lang,
        format!("{} — {}", pick_owned(subject), brand.name),
        Body {
            greeting: hello(lang, name),
            paragraphs: paragraphs.iter().map(|p| pick_owned(*p)).collect(),
            button,
            footer: pick_owned(footer),
        },
    )
}

const SECURITY_FOOTER: (&str, &str) =
    ("A security notice about your account.", "Un avis de sécurité concernant votre compte.");

/// The link that confirms an address (a new account's, or the one an account moves to).
pub fn verify_email(brand: &Brand, lang: Language, name: &str, link: &str) -> Rendered {
    notice(
        brand,
        lang,
        name,
        ("Confirm your e-mail address", "Confirmez votre adresse e-mail"),
        &[
            (
                "Please confirm that this address is yours with the button below. Until then you can build your sites, but not publish them or order texts. The link works once, for one day.",
                "Confirmez que cette adresse est la vôtre avec le bouton ci-dessous. D'ici là, vous pouvez construire vos sites, mais pas les publier ni commander de textes. Le lien fonctionne une fois, pendant un jour.",
            ),
            (
                "If you did not ask for this, ignore this mail.",
                "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
            ),
        ],
        Some((pick(lang, "Confirm my address", "Confirmer mon adresse"), link)),
        (
            "You receive this mail because this address was given for an account.",
            "Vous recevez ce message parce que cette adresse a été donnée pour un compte.",
        ),
    )
}

/// To the owner of an address someone tried to register (or move an account to) again: it
/// already has an account. `sign_in` is the app's sign-in page.
pub fn address_in_use(brand: &Brand, lang: Language, sign_in: &str) -> Rendered {
    notice(
        brand,
        lang,
        "",
        ("This address already has an account", "Cette adresse a déjà un compte"),
        &[
            (
                "Someone tried to create an account with this address (or move one to it), but it already has one. If it was you, sign in with the button below; if you forgot your password, choose \"Forgot password\" there.",
                "Quelqu'un a essayé de créer un compte avec cette adresse (ou d'y déplacer un compte), mais elle en a déjà un. Si c'est vous, connectez-vous avec le bouton ci-dessous ; si vous avez oublié votre mot de passe, choisissez « Mot de passe oublié ».",
            ),
            (
                "If it was not you, ignore this mail: nothing changed.",
                "Si ce n'est pas vous, ignorez ce message : rien n'a changé.",
            ),
        ],
        Some((pick(lang, "Sign in", "Se connecter"), sign_in)),
        SECURITY_FOOTER,
    )
}

/// To the current address of an account that asked to move to `new_email`.
pub fn email_change_asked(brand: &Brand, lang: Language, name: &str, new_email: &str) -> Rendered {
    let (en, fr) = (
        format!(
            "Your account asked to use {new_email} from now on. It keeps this address until the link sent there is opened."
        ),
        format!(
            "Votre compte a demandé à utiliser {new_email} désormais. Il garde cette adresse tant que le lien envoyé là-bas n'est pas ouvert."
        ),
    );
    notice(
        brand,
        lang,
        name,
        ("Your e-mail address is about to change", "Votre adresse e-mail va changer"),
        &[
            (&en, &fr),
            (
                "If you did not ask for this, change your password at once: someone else knows it.",
                "Si ce n'est pas vous, changez votre mot de passe tout de suite : quelqu'un d'autre le connaît.",
            ),
        ],
        None,
        SECURITY_FOOTER,
    )
}

/// A sign-in from a device the account had not used before.
pub fn new_sign_in(brand: &Brand, lang: Language, name: &str, device: &str) -> Rendered {
    let (en, fr) = (
        format!("Your account was just signed in to from a new device: {device}."),
        format!("Votre compte vient d'être utilisé depuis un nouvel appareil : {device}."),
    );
    notice(
        brand,
        lang,
        name,
        ("New sign-in to your account", "Nouvelle connexion à votre compte"),
        &[
            (&en, &fr),
            (
                "If it was you, there is nothing to do. If not, reset your password at once: every device will be signed out.",
                "Si c'est vous, il n'y a rien à faire. Sinon, réinitialisez votre mot de passe tout de suite : chaque appareil sera déconnecté.",
            ),
        ],
        None,
        SECURITY_FOOTER,
    )
}

/// A notification by mail: its title and text (already in the recipient's language, with what
/// a person typed in them escaped here), and a button to the page it is about.
pub fn notification(
    brand: &Brand,
    lang: Language,
    name: &str,
    title: &str,
    text: &str,
    link: Option<&str>,
) -> Rendered {
    render(
        brand,
        lang,
        format!("{title} — {}", brand.name),
        Body {
            greeting: hello(lang, name),
            paragraphs: vec![title.to_owned(), text.to_owned()],
            button: link.map(|l| (pick(lang, "Open", "Ouvrir"), l)),
            footer: pick(
                lang,
                "You receive this mail because of your notification settings; change them on the Notifications page.",
                "Vous recevez ce message selon vos réglages de notifications ; modifiez-les sur la page Notifications.",
            )
            .to_owned(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brand() -> Brand {
        Brand {
            website_id: None,
            name: "Acme <Bakery>".into(),
            color: "#1d4ed8".into(),
            logo_url: None,
            sender_name: "Acme".into(),
            sender_address: "no-reply@acme.example".into(),
        }
    }

    #[test]
    fn what_a_person_typed_is_escaped_in_html_and_kept_in_text() {
        let mail = password_reset(&brand(), Language::En, "<script>alert(1)</script>", "https://acme.example/r?t=a&b");
        assert!(!mail.html.contains("<script>"), "{}", mail.html);
        assert!(mail.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(mail.html.contains("Acme &lt;Bakery&gt;"));
        assert!(mail.html.contains("href=\"https://acme.example/r?t=a&amp;b\""));
        assert!(mail.text.contains("Hello <script>alert(1)</script>,"));
        assert!(mail.text.contains("https://acme.example/r?t=a&b"));
    }

    #[test]
    fn the_mail_is_in_the_recipients_language() {
        let en = password_reset(&brand(), Language::En, "Jane", "https://x/y");
        let fr = password_reset(&brand(), Language::Fr, "Jeanne", "https://x/y");
        assert!(en.subject.starts_with("Reset your password"));
        assert!(fr.subject.starts_with("Réinitialisez votre mot de passe"));
        assert!(fr.html.contains("lang=\"fr\"") && fr.text.contains("Bonjour Jeanne,"));
    }
}

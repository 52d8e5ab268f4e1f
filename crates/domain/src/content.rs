//! Content generation: a brief (name, industry, a sentence or two) → a complete site config,
//! or one section again. [`OfflineGenerator`] needs no network: it is industry-aware,
//! writes English and French, and is deterministic for a given seed (each section draws from
//! its own stream, so regenerating one section never changes another).

use atelier_types::site::limits;
use atelier_types::site::{
    Address, Branding, Business, Contact, Font, Industry, Item, Link, Offer, Page, PageKind, Question,
    SITE_CONFIG_VERSION, Section, SectionContent, Seo, SiteConfig, SiteLanguage, Template, Testimonial, is_hex_color,
};
use atelier_types::validation::is_valid_email;

use crate::vocabulary::{Vocabulary, vocabulary};

/// What the client tells us (Mode Rapide's form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    pub business_name: String,
    pub industry: Industry,
    /// A sentence or two in the client's words; may be empty.
    pub description: String,
    pub language: SiteLanguage,
    pub primary_color: Option<String>,
    pub email: Option<String>,
}

/// The kinds of section a generator can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    Hero,
    Text,
    Features,
    Services,
    Testimonials,
    Faq,
    CallToAction,
    ContactDetails,
}

impl SectionKind {
    pub const ALL: [SectionKind; 8] = [
        SectionKind::Hero,
        SectionKind::Text,
        SectionKind::Features,
        SectionKind::Services,
        SectionKind::Testimonials,
        SectionKind::Faq,
        SectionKind::CallToAction,
        SectionKind::ContactDetails,
    ];

    /// The kind of an existing section (galleries hold the client's own images: none).
    pub fn of(content: &SectionContent) -> Option<SectionKind> {
        Some(match content {
            SectionContent::Hero { .. } => SectionKind::Hero,
            SectionContent::Text { .. } => SectionKind::Text,
            SectionContent::Features { .. } => SectionKind::Features,
            SectionContent::Services { .. } => SectionKind::Services,
            SectionContent::Testimonials { .. } => SectionKind::Testimonials,
            SectionContent::Faq { .. } => SectionKind::Faq,
            SectionContent::CallToAction { .. } => SectionKind::CallToAction,
            SectionContent::ContactDetails { .. } => SectionKind::ContactDetails,
            SectionContent::Gallery { .. } => return None,
        })
    }

    fn salt(self) -> u64 {
        // Distinct constants: each kind draws from its own stream for a given seed.
        0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(self as u64 + 1)
    }
}

impl Brief {
    /// The brief a site's config implies (to write more sections for it).
    pub fn of_site(config: &SiteConfig) -> Brief {
        Brief {
            business_name: config.business.name.clone(),
            industry: config.business.industry,
            description: config.business.description.clone(),
            language: config.language,
            primary_color: Some(config.branding.primary_color.clone()),
            email: Some(config.contact.email.clone()).filter(|e| !e.is_empty()),
        }
    }
}

/// Why a generator wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError(pub String);

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GenerateError {}

/// Writes sections. The offline generator is the default; an LLM-backed one (in the API,
/// which owns the network) implements the same trait. A site's layout — pages, section
/// ids and kinds, template, palette — always comes from [`OfflineGenerator::site`]; a
/// generator writes the words of each section.
pub trait ContentGenerator: Send + Sync {
    /// What the AI content queue records as the author: `offline`, `openai:<model>`.
    fn label(&self) -> String;

    fn section(
        &self,
        brief: &Brief,
        kind: SectionKind,
        seed: u64,
    ) -> impl std::future::Future<Output = Result<SectionContent, GenerateError>> + Send;
}

/// The sections a page of `kind` starts with: (id, kind). Ids are unique across the site
/// when the page is the site's only one of its kind; [`sections_for_new_page`] prefixes
/// them otherwise.
pub fn page_layout(kind: PageKind) -> &'static [(&'static str, SectionKind)] {
    match kind {
        PageKind::Home => &[
            ("hero", SectionKind::Hero),
            ("highlights", SectionKind::Features),
            ("reviews", SectionKind::Testimonials),
            ("call", SectionKind::CallToAction),
        ],
        PageKind::About => &[("story", SectionKind::Text)],
        PageKind::Services => &[("offers", SectionKind::Services), ("questions", SectionKind::Faq)],
        PageKind::Contact => &[("visit", SectionKind::ContactDetails)],
        PageKind::Blog => &[("news", SectionKind::Text), ("follow", SectionKind::CallToAction)],
        PageKind::Custom => &[("intro", SectionKind::Text)],
    }
}

/// Ids and kinds for a page the client adds: the layout of its kind, each id made unique
/// in `config` (`team-intro`, `team-intro-2`, …).
pub fn sections_for_new_page(config: &SiteConfig, kind: PageKind, slug: &str) -> Vec<(String, SectionKind)> {
    let mut taken: std::collections::HashSet<String> =
        config.pages.iter().flat_map(|p| p.sections.iter().map(|s| s.id.clone())).collect();
    let prefix: String = if slug.is_empty() { "home".into() } else { slug.chars().take(30).collect() };
    page_layout(kind)
        .iter()
        .map(|&(base, section_kind)| {
            let stem = format!("{}-{base}", prefix.trim_end_matches('-'));
            let mut id = stem.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{stem}-{n}");
                n += 1;
            }
            taken.insert(id.clone());
            (id, section_kind)
        })
        .collect()
}

/// splitmix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// One of `items`, which are never empty here (every list is a literal with entries;
    /// an empty one would be a defect caught by the tests).
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// `text` within `max` characters: as it is when it fits, else cut at the last word boundary
/// in its second half (or mid-word when there is none) with an ellipsis. What the generator
/// writes around a client's words (their business name, their description) must fit the
/// limits `SiteConfig::validate` enforces, whatever they typed.
pub fn fit(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let keep: String = text.chars().take(max.saturating_sub(1)).collect();
    let half = keep.len() / 2;
    let cut = match keep.rfind(char::is_whitespace) {
        Some(i) if i >= half => &keep[..i],
        _ => keep.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '·' | '-' | '—'));
    format!("{cut}…")
}

/// Every text of a written section within its field's limit (see [`fit`]); applied to what
/// any generator writes.
pub fn fit_section(content: SectionContent) -> SectionContent {
    use limits::*;
    let link = |l: Link| Link { label: fit(l.label, LINK_LABEL), href: l.href };
    let heading = |h: String| fit(h, SHORT_TEXT);
    match content {
        SectionContent::Hero { heading: h, subheading, button } => SectionContent::Hero {
            heading: heading(h),
            subheading: fit(subheading, SUBHEADING),
            button: button.map(link),
        },
        SectionContent::Text { heading: h, body } => {
            SectionContent::Text { heading: heading(h), body: fit(body, LONG_TEXT) }
        }
        SectionContent::Features { heading: h, items } => SectionContent::Features {
            heading: heading(h),
            items: items
                .into_iter()
                .map(|i| Item { title: fit(i.title, NAME), body: fit(i.body, PARAGRAPH) })
                .collect(),
        },
        SectionContent::Services { heading: h, items } => SectionContent::Services {
            heading: heading(h),
            items: items
                .into_iter()
                .map(|o| Offer {
                    name: fit(o.name, NAME),
                    description: fit(o.description, PARAGRAPH),
                    price: fit(o.price, PRICE),
                })
                .collect(),
        },
        SectionContent::Testimonials { heading: h, items } => SectionContent::Testimonials {
            heading: heading(h),
            items: items
                .into_iter()
                .map(|t| Testimonial { quote: fit(t.quote, PARAGRAPH), author: fit(t.author, NAME) })
                .collect(),
        },
        SectionContent::Faq { heading: h, items } => SectionContent::Faq {
            heading: heading(h),
            items: items
                .into_iter()
                .map(|q| Question { question: fit(q.question, QUESTION), answer: fit(q.answer, ANSWER) })
                .collect(),
        },
        SectionContent::Gallery { heading: h, images } => SectionContent::Gallery { heading: heading(h), images },
        SectionContent::CallToAction { heading: h, body, button } => {
            SectionContent::CallToAction { heading: heading(h), body: fit(body, PARAGRAPH), button: link(button) }
        }
        SectionContent::ContactDetails { heading: h, intro } => {
            SectionContent::ContactDetails { heading: heading(h), intro: fit(intro, PARAGRAPH) }
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Fills `{name}`, `{trade}`, `{customers}`, `{action}`, `{promise}`… in a pattern.
fn fill(pattern: &str, brief: &Brief, words: &Vocabulary, extra: &[(&str, &str)]) -> String {
    let mut out = pattern
        .replace("{name}", brief.business_name.trim())
        .replace("{trade}", words.trade)
        .replace("{customers}", words.customers)
        .replace("{action_lower}", &lower_first(words.action))
        .replace("{action}", words.action);
    for (key, value) in extra {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

fn template_for(industry: Industry) -> Template {
    match industry {
        Industry::Restaurant | Industry::Bakery | Industry::Law | Industry::Beauty => Template::Classic,
        Industry::Fitness | Industry::Construction | Industry::Retail | Industry::Education => Template::Bold,
        Industry::Consulting | Industry::Technology | Industry::Photography | Industry::Health => Template::Minimal,
    }
}

/// (primary, accent, font) that suit the trade.
fn palette(industry: Industry) -> (&'static str, &'static str, Font) {
    match industry {
        Industry::Restaurant => ("#7f1d1d", "#d97706", Font::Serif),
        Industry::Bakery => ("#7c2d12", "#f59e0b", Font::Serif),
        Industry::Consulting => ("#1e3a8a", "#0ea5e9", Font::Sans),
        Industry::Law => ("#1f2937", "#b45309", Font::Serif),
        Industry::Health => ("#0f766e", "#22c55e", Font::Sans),
        Industry::Fitness => ("#111827", "#ef4444", Font::Sans),
        Industry::Construction => ("#78350f", "#facc15", Font::Sans),
        Industry::Photography => ("#18181b", "#a1a1aa", Font::Sans),
        Industry::Retail => ("#831843", "#f472b6", Font::Rounded),
        Industry::Technology => ("#312e81", "#6366f1", Font::Mono),
        Industry::Beauty => ("#701a75", "#f0abfc", Font::Serif),
        Industry::Education => ("#14532d", "#84cc16", Font::Rounded),
    }
}

pub struct OfflineGenerator;

impl OfflineGenerator {
    fn write(brief: &Brief, kind: SectionKind, seed: u64) -> SectionContent {
        fit_section(Self::draft(brief, kind, seed))
    }

    fn draft(brief: &Brief, kind: SectionKind, seed: u64) -> SectionContent {
        let words = vocabulary(brief.industry, brief.language);
        let en = brief.language == SiteLanguage::En;
        let mut rng = Rng::new(seed ^ kind.salt());
        let f = |pattern: &str, extra: &[(&str, &str)]| fill(pattern, brief, &words, extra);
        let promise = rng.pick(&words.promises);
        let offer = rng.pick(&words.offers).0;
        match kind {
            SectionKind::Hero => {
                let headings: &[&str] = if en {
                    &["{Promise}.", "{name}: {promise}.", "{Promise}, right here."]
                } else {
                    &["{Promise}.", "{name} : {promise}.", "{Promise}, tout près de chez vous."]
                };
                let subheading = if brief.description.trim().is_empty() {
                    let pattern = if en {
                        "{name} is a {trade} for {customers} who want {offer_lower}, {offer2_lower} and more."
                    } else {
                        "{name} : {offer_lower}, {offer2_lower} et bien plus, pour nos {customers}."
                    };
                    let second = words.offers.iter().map(|o| o.0).find(|o| *o != offer).unwrap_or(offer);
                    f(pattern, &[("offer_lower", &lower_first(offer)), ("offer2_lower", &lower_first(second))])
                } else {
                    brief.description.trim().chars().take(280).collect()
                };
                SectionContent::Hero {
                    heading: f(rng.pick(headings), &[("Promise", &capitalize(promise)), ("promise", promise)]),
                    subheading,
                    button: Some(Link { label: words.action.into(), href: "/contact/".into() }),
                }
            }
            SectionKind::Text => {
                let others: Vec<&str> = words.promises.iter().copied().filter(|p| *p != promise).collect();
                let opening = if en {
                    "{name} is a {trade} built around one idea: {promise}."
                } else {
                    "{name} s'est construit autour d'une idée : {promise}."
                };
                let middle = if brief.description.trim().is_empty() {
                    f(
                        if en {
                            "Every day we put that idea to work for our {customers}."
                        } else {
                            "Chaque jour, nous mettons cette idée au service de nos {customers}."
                        },
                        &[],
                    )
                } else {
                    brief.description.trim().to_owned()
                };
                let closing = if en {
                    "We work with {customers} who value {a} and {b}, and we would be glad to count you among them."
                } else {
                    "Nous travaillons avec des {customers} qui apprécient {a} et {b}, et serions heureux de vous compter parmi eux."
                };
                let a = others.first().copied().unwrap_or(promise);
                let b = others.get(1).copied().unwrap_or(promise);
                SectionContent::Text {
                    heading: (rng.pick(if en {
                        &["Our story", "Who we are", "About us"][..]
                    } else {
                        &["Notre histoire", "Qui sommes-nous", "À propos de nous"][..]
                    }))
                    .into(),
                    body: format!(
                        "{}\n\n{}\n\n{}",
                        f(opening, &[("promise", promise)]),
                        middle,
                        f(closing, &[("a", a), ("b", b)])
                    ),
                }
            }
            SectionKind::Features => {
                let headings: &[&str] = if en {
                    &["Why {customers} choose us", "What makes {name} different", "Our promise"]
                } else {
                    &["Pourquoi on nous choisit", "Ce qui distingue {name}", "Notre promesse"]
                };
                let bodies: &[&str] = if en {
                    &[
                        "It is how we have always worked, and what our {customers} tell us they value most.",
                        "No shortcuts: it is the standard we hold ourselves to, every single day.",
                        "Ask any of our {customers}: it is the first thing they mention.",
                    ]
                } else {
                    &[
                        "C'est notre façon de travailler depuis toujours, et ce que nos {customers} apprécient le plus.",
                        "Aucun raccourci : c'est l'exigence que nous nous fixons chaque jour.",
                        "Demandez à nos {customers} : c'est la première chose qu'ils citent.",
                    ]
                };
                SectionContent::Features {
                    heading: f(rng.pick(headings), &[]),
                    items: words
                        .promises
                        .iter()
                        .map(|p| Item { title: capitalize(p), body: f(rng.pick(bodies), &[]) })
                        .collect(),
                }
            }
            SectionKind::Services => SectionContent::Services {
                heading: (rng.pick(if en {
                    &["What we offer", "Our services", "How we can help"][..]
                } else {
                    &["Ce que nous proposons", "Nos services", "Comment nous pouvons vous aider"][..]
                }))
                .into(),
                items: words
                    .offers
                    .iter()
                    .map(|(name, description)| Offer {
                        name: (*name).into(),
                        description: (*description).into(),
                        price: String::new(),
                    })
                    .collect(),
            },
            SectionKind::Testimonials => {
                let quotes: &[&str] = if en {
                    &[
                        "{name} did exactly what they promised, and more. I recommend them without hesitation.",
                        "Friendly, precise and reliable: we will be back.",
                        "The {offer_lower} was the highlight for us. Thank you to the whole team.",
                        "You can tell they care. It shows in every detail.",
                    ]
                } else {
                    &[
                        "{name} a fait exactement ce qui était promis, et même plus. Je recommande sans hésiter.",
                        "Accueillants, précis et fiables : nous reviendrons.",
                        "{offer_cap} : un vrai coup de cœur. Merci à toute l'équipe.",
                        "On sent qu'ils aiment ce qu'ils font, jusque dans les détails.",
                    ]
                };
                let authors: &[&str] = if en {
                    &["Sarah M.", "David K.", "Amélie R.", "Tom B.", "Priya S."]
                } else {
                    &["Sophie L.", "Karim B.", "Julie M.", "Pierre D.", "Inès F."]
                };
                let first = rng.pick(quotes);
                let second = quotes.iter().copied().find(|q| *q != first).unwrap_or(first);
                let offer_vars = [("offer_lower", lower_first(offer)), ("offer_cap", capitalize(offer))];
                let extra: Vec<(&str, &str)> = offer_vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let author_a = rng.pick(authors);
                let author_b = authors.iter().copied().find(|a| *a != author_a).unwrap_or(author_a);
                SectionContent::Testimonials {
                    heading: f(
                        rng.pick(if en {
                            &["What our {customers} say", "Kind words"][..]
                        } else {
                            &["Ils parlent de nous", "Quelques mots de nos {customers}"][..]
                        }),
                        &[],
                    ),
                    items: vec![
                        Testimonial { quote: f(first, &extra), author: author_a.into() },
                        Testimonial { quote: f(second, &extra), author: author_b.into() },
                    ],
                }
            }
            SectionKind::Faq => {
                let pairs: &[(&str, &str)] = if en {
                    &[
                        (
                            "How do I get started?",
                            "The simplest way is to {action_lower}: we answer within one working day.",
                        ),
                        (
                            "Where can I find you?",
                            "Our address and hours are on the contact page, and we are glad to meet in person.",
                        ),
                        (
                            "How much does it cost?",
                            "It depends on what you need. Ask us and you will get a clear price before anything starts.",
                        ),
                    ]
                } else {
                    &[
                        ("Comment commencer ?", "Le plus simple : {action_lower}. Nous répondons sous un jour ouvré."),
                        (
                            "Où vous trouver ?",
                            "Notre adresse et nos horaires sont sur la page contact, et nous serons ravis de vous rencontrer.",
                        ),
                        (
                            "Combien cela coûte-t-il ?",
                            "Cela dépend de vos besoins. Demandez-nous : vous aurez un prix clair avant de commencer.",
                        ),
                    ]
                };
                SectionContent::Faq {
                    heading: (rng.pick(if en {
                        &["Questions", "Good to know"][..]
                    } else {
                        &["Questions fréquentes", "Bon à savoir"][..]
                    }))
                    .into(),
                    items: pairs.iter().map(|(q, a)| Question { question: (*q).into(), answer: f(a, &[]) }).collect(),
                }
            }
            SectionKind::CallToAction => {
                let href = match &brief.email {
                    Some(email) if is_valid_email(email) => format!("mailto:{}", email.trim()),
                    _ => "/contact/".to_owned(),
                };
                SectionContent::CallToAction {
                    heading: (rng.pick(if en {
                        &["Ready when you are", "Let's talk", "Come and see us"][..]
                    } else {
                        &["Quand vous voulez", "Parlons-en", "Venez nous voir"][..]
                    }))
                    .into(),
                    body: f(
                        if en {
                            "{action} today: {name} will get back to you quickly."
                        } else {
                            "{action} dès aujourd'hui : {name} vous répond rapidement."
                        },
                        &[],
                    ),
                    button: Link { label: words.action.into(), href },
                }
            }
            SectionKind::ContactDetails => SectionContent::ContactDetails {
                heading: (if en { "Get in touch" } else { "Nous contacter" }).into(),
                intro: f(
                    if en {
                        "Write to us or call: we answer within one working day."
                    } else {
                        "Écrivez-nous ou appelez-nous : nous répondons sous un jour ouvré."
                    },
                    &[],
                ),
            },
        }
    }
}

impl ContentGenerator for OfflineGenerator {
    fn label(&self) -> String {
        "offline".to_owned()
    }

    async fn section(&self, brief: &Brief, kind: SectionKind, seed: u64) -> Result<SectionContent, GenerateError> {
        Ok(Self::write(brief, kind, seed))
    }
}

impl OfflineGenerator {
    /// One section's words; depends only on (brief, kind, seed).
    pub fn section(&self, brief: &Brief, kind: SectionKind, seed: u64) -> SectionContent {
        Self::write(brief, kind, seed)
    }

    /// A complete site: layout, template and palette for the industry, every section written.
    pub fn site(&self, brief: &Brief, seed: u64) -> SiteConfig {
        let en = brief.language == SiteLanguage::En;
        let words = vocabulary(brief.industry, brief.language);
        let (primary, accent, font) = palette(brief.industry);
        // "Name · Trade", or a long name alone (not cut in the middle of the trade).
        let full = format!("{} · {}", brief.business_name.trim(), capitalize(words.trade));
        let home_title = if full.chars().count() <= limits::SEO_TITLE {
            full
        } else {
            fit(brief.business_name.trim().to_owned(), limits::SEO_TITLE)
        };
        let page = |kind, slug: &str, title: &str| Page {
            kind,
            slug: slug.into(),
            title: title.into(),
            seo: Seo {
                title: if kind == PageKind::Home { home_title.clone() } else { String::new() },
                description: fit(capitalize(words.promises[0]), limits::SEO_DESCRIPTION),
            },
            sections: page_layout(kind)
                .iter()
                .map(|&(id, section)| Section { id: id.into(), content: Self::write(brief, section, seed) })
                .collect(),
        };
        let name = brief.business_name.trim().to_owned();
        SiteConfig {
            version: SITE_CONFIG_VERSION,
            business: Business {
                name: name.clone(),
                industry: brief.industry,
                tagline: fit(capitalize(words.promises[0]), limits::SHORT_TEXT),
                description: fit(brief.description.trim().to_owned(), limits::PARAGRAPH),
            },
            template: template_for(brief.industry),
            language: brief.language,
            branding: Branding {
                primary_color: brief
                    .primary_color
                    .clone()
                    .filter(|c| is_hex_color(c))
                    .unwrap_or_else(|| primary.into()),
                accent_color: accent.into(),
                font,
                logo_url: None,
            },
            pages: vec![
                page(PageKind::Home, "", if en { "Home" } else { "Accueil" }),
                page(PageKind::About, if en { "about" } else { "a-propos" }, if en { "About" } else { "À propos" }),
                page(PageKind::Services, "services", "Services"),
                page(PageKind::Contact, "contact", "Contact"),
            ],
            contact: Contact {
                email: brief
                    .email
                    .clone()
                    .filter(|e| is_valid_email(e))
                    .map(|e| e.trim().to_lowercase())
                    .unwrap_or_default(),
                phone: String::new(),
                address: Address::default(),
                social: Vec::new(),
            },
            custom_domains: Vec::new(),
            media: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(industry: Industry, language: SiteLanguage) -> Brief {
        Brief {
            business_name: "Maison Test".into(),
            industry,
            description: String::new(),
            language,
            primary_color: None,
            email: Some("hello@maison.example".into()),
        }
    }

    fn texts(content: &SectionContent) -> Vec<String> {
        let json = serde_json::to_value(content).unwrap();
        let mut out = Vec::new();
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                serde_json::Value::Object(m) => m.values().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        walk(&json, &mut out);
        out
    }

    #[test]
    fn every_industry_and_language_gives_a_valid_complete_site() {
        for industry in Industry::ALL {
            for language in [SiteLanguage::En, SiteLanguage::Fr] {
                for seed in [0, 1, 42, u64::MAX] {
                    let site = OfflineGenerator.site(&brief(industry, language), seed);
                    assert_eq!(site.validate(), vec![], "{industry:?} {language:?} seed {seed}");
                    assert_eq!(site.pages.len(), 4);
                    assert!(serde_json::to_string(&site).unwrap().contains("Maison Test"));
                }
            }
        }
    }

    #[test]
    fn every_section_kind_has_text_in_both_languages_for_every_industry() {
        for industry in Industry::ALL {
            for kind in SectionKind::ALL {
                let en = OfflineGenerator.section(&brief(industry, SiteLanguage::En), kind, 7);
                let fr = OfflineGenerator.section(&brief(industry, SiteLanguage::Fr), kind, 7);
                for (language, content) in [("en", &en), ("fr", &fr)] {
                    let strings = texts(content);
                    assert!(
                        strings.iter().any(|s| s.chars().count() > 8),
                        "{industry:?} {kind:?} {language}: {strings:?}"
                    );
                    assert!(
                        strings.iter().all(|s| !s.contains('{')),
                        "{industry:?} {kind:?} {language}: unfilled {strings:?}"
                    );
                }
                assert_ne!(en, fr, "{industry:?} {kind:?}: French must not be English");
            }
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_site_and_other_seeds_vary() {
        let b = brief(Industry::Bakery, SiteLanguage::En);
        assert_eq!(OfflineGenerator.site(&b, 9), OfflineGenerator.site(&b, 9));
        let variants: std::collections::HashSet<String> =
            (0..20).map(|seed| serde_json::to_string(&OfflineGenerator.site(&b, seed)).unwrap()).collect();
        assert!(variants.len() > 3, "only {} distinct sites from 20 seeds", variants.len());
    }

    #[test]
    fn regenerating_one_section_leaves_the_others_alone() {
        let b = brief(Industry::Technology, SiteLanguage::Fr);
        for kind in SectionKind::ALL {
            // A section's text depends only on (brief, kind, seed).
            assert_eq!(OfflineGenerator.section(&b, kind, 3), OfflineGenerator.section(&b, kind, 3));
        }
        let site = OfflineGenerator.site(&b, 3);
        assert_eq!(site.pages[0].sections[0].content, OfflineGenerator.section(&b, SectionKind::Hero, 3));
    }

    #[test]
    fn pages_added_later_get_ids_no_other_section_has() {
        let site = OfflineGenerator.site(&brief(Industry::Law, SiteLanguage::En), 1);
        let first = sections_for_new_page(&site, PageKind::Home, "");
        assert_eq!(first[0].0, "home-hero");
        let mut grown = site.clone();
        grown.pages.push(Page {
            kind: PageKind::Custom,
            slug: "team".into(),
            title: "Team".into(),
            seo: Seo::default(),
            sections: vec![Section {
                id: "team-intro".into(),
                content: OfflineGenerator.section(&brief(Industry::Law, SiteLanguage::En), SectionKind::Text, 1),
            }],
        });
        let again = sections_for_new_page(&grown, PageKind::Custom, "team");
        assert_eq!(again, vec![("team-intro-2".to_owned(), SectionKind::Text)]);
        for kind in
            [PageKind::Home, PageKind::About, PageKind::Services, PageKind::Contact, PageKind::Blog, PageKind::Custom]
        {
            assert!(!page_layout(kind).is_empty(), "{kind:?} pages start with something to read");
        }
    }

    #[test]
    fn the_brief_shapes_the_site() {
        let mut b = brief(Industry::Fitness, SiteLanguage::En);
        b.primary_color = Some("#123456".into());
        b.description = "Strength training for people over fifty.".into();
        let site = OfflineGenerator.site(&b, 1);
        assert_eq!(site.template, Template::Bold);
        assert_eq!(site.branding.primary_color, "#123456");
        assert_eq!(site.contact.email, "hello@maison.example");
        let SectionContent::Hero { subheading, .. } = &site.pages[0].sections[0].content else { panic!("hero first") };
        assert_eq!(subheading, "Strength training for people over fifty.");
        b.primary_color = Some("red".into());
        assert_eq!(OfflineGenerator.site(&b, 1).branding.primary_color, "#111827", "an invalid colour falls back");
    }
}

//! The site config: everything a generated website is made of, one versioned serde type
//! shared by the server (which stores it as JSONB and renders it) and the wizard in the
//! browser (which validates it as the client types, with these same rules).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::validation::is_valid_email;

/// Bumped when the shape changes; stored next to the JSON, and older shapes are upgraded
/// on read by [`upgrade`]. History: 1 → 2 added the media library (`media`).
pub const SITE_CONFIG_VERSION: u32 = 2;

pub const MAX_PAGES: usize = 12;
pub const MAX_SECTIONS_PER_PAGE: usize = 20;
pub const MAX_ITEMS_PER_SECTION: usize = 12;
pub const MAX_MEDIA: usize = 40;
/// The longest text each field takes, in characters: what `validate` enforces and what the
/// content generator fits what it writes to.
pub mod limits {
    /// A heading, a tagline, a street.
    pub const SHORT_TEXT: usize = 120;
    /// A text section's body.
    pub const LONG_TEXT: usize = 4_000;
    /// A name, an item's title, a city.
    pub const NAME: usize = 80;
    pub const SEO_TITLE: usize = 70;
    pub const SEO_DESCRIPTION: usize = 160;
    pub const SUBHEADING: usize = 300;
    /// An item's body, a quote, a call to action, a description.
    pub const PARAGRAPH: usize = 600;
    pub const PRICE: usize = 40;
    pub const LINK_LABEL: usize = 40;
    pub const QUESTION: usize = 200;
    pub const ANSWER: usize = 1_200;
    pub const PAGE_TITLE: usize = 60;
}

use limits::{
    ANSWER, LINK_LABEL, LONG_TEXT, NAME, PAGE_TITLE, PARAGRAPH, PRICE, QUESTION, SEO_DESCRIPTION, SEO_TITLE,
    SHORT_TEXT, SUBHEADING,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteConfig {
    pub version: u32,
    pub business: Business,
    pub template: Template,
    /// The language of the site's own text.
    pub language: SiteLanguage,
    pub branding: Branding,
    pub pages: Vec<Page>,
    pub contact: Contact,
    /// Domains the client owns and points at the site, besides `<slug>.sites.<platform>`.
    #[serde(default)]
    pub custom_domains: Vec<String>,
    /// The client's images (wizard step 6), from which the logo and galleries are chosen.
    /// Only what a page places is published.
    #[serde(default)]
    pub media: Vec<Image>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Business {
    pub name: String,
    pub industry: Industry,
    #[serde(default)]
    pub tagline: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    Restaurant,
    Bakery,
    Consulting,
    Law,
    Health,
    Fitness,
    Construction,
    Photography,
    Retail,
    Technology,
    Beauty,
    Education,
}

impl Industry {
    pub const ALL: [Industry; 12] = [
        Industry::Restaurant,
        Industry::Bakery,
        Industry::Consulting,
        Industry::Law,
        Industry::Health,
        Industry::Fitness,
        Industry::Construction,
        Industry::Photography,
        Industry::Retail,
        Industry::Technology,
        Industry::Beauty,
        Industry::Education,
    ];
}

/// The three looks a site can take. Each is a complete design (layout, type, spacing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// Serif headings, centred, warm paper tones: restaurants, law, bakeries.
    Classic,
    /// Full-bleed colour hero, heavy sans headings: fitness, construction, retail.
    Bold,
    /// Monochrome, left-aligned, generous white space: consulting, technology, photography.
    Minimal,
}

impl Template {
    pub const ALL: [Template; 3] = [Template::Classic, Template::Bold, Template::Minimal];

    pub fn as_str(self) -> &'static str {
        match self {
            Template::Classic => "classic",
            Template::Bold => "bold",
            Template::Minimal => "minimal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SiteLanguage {
    En,
    Fr,
}

impl SiteLanguage {
    pub fn code(self) -> &'static str {
        match self {
            SiteLanguage::En => "en",
            SiteLanguage::Fr => "fr",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    /// `#rrggbb`
    pub primary_color: String,
    /// `#rrggbb`
    pub accent_color: String,
    pub font: Font,
    #[serde(default)]
    pub logo_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Font {
    /// The system's sans-serif.
    Sans,
    Serif,
    Rounded,
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Home,
    About,
    Services,
    Contact,
    Blog,
    Custom,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page {
    pub kind: PageKind,
    /// The path segment: `about` → `/about/`; the home page's is empty.
    pub slug: String,
    /// The title in the navigation and the page's heading.
    pub title: String,
    pub seo: Seo,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seo {
    /// `<title>`; the page title when empty.
    #[serde(default)]
    pub title: String,
    /// `<meta name="description">`.
    #[serde(default)]
    pub description: String,
}

/// One block of a page. `id` is stable: content generation and writers' orders target it.
// Read by hand (`RawSection`, below), written by serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    pub id: String,
    #[serde(flatten)]
    pub content: SectionContent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SectionContent {
    Hero { heading: String, subheading: String, button: Option<Link> },
    Text { heading: String, body: String },
    Features { heading: String, items: Vec<Item> },
    Services { heading: String, items: Vec<Offer> },
    Testimonials { heading: String, items: Vec<Testimonial> },
    Faq { heading: String, items: Vec<Question> },
    Gallery { heading: String, images: Vec<Image> },
    CallToAction { heading: String, body: String, button: Link },
    ContactDetails { heading: String, intro: String },
}

/// Sections are read in one pass through the fields any kind may have, then checked for
/// the kind's own. Serde's derive for an internally tagged enum (and for `flatten`) buffers
/// the whole value first, and that machinery alone weighed ~35 KB in each WASM app; the JSON
/// accepted and the errors (`missing field …`, `unknown variant …`) are the same.
#[derive(Deserialize)]
struct RawSection {
    #[serde(default)]
    id: Option<String>,
    #[serde(rename = "type")]
    kind: SectionKind,
    heading: Option<String>,
    subheading: Option<String>,
    button: Option<Link>,
    body: Option<String>,
    intro: Option<String>,
    items: Option<Vec<RawItem>>,
    images: Option<Vec<Image>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum SectionKind {
    Hero,
    Text,
    Features,
    Services,
    Testimonials,
    Faq,
    Gallery,
    CallToAction,
    ContactDetails,
}

/// The fields of any list item (feature, offer, testimonial, question).
#[derive(Deserialize)]
struct RawItem {
    title: Option<String>,
    body: Option<String>,
    name: Option<String>,
    description: Option<String>,
    price: Option<String>,
    quote: Option<String>,
    author: Option<String>,
    question: Option<String>,
    answer: Option<String>,
}

fn need<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

fn list<T, E: serde::de::Error>(
    items: Option<Vec<RawItem>>,
    one: impl Fn(RawItem) -> Result<T, E>,
) -> Result<Vec<T>, E> {
    need(items, "items")?.into_iter().map(one).collect()
}

impl RawSection {
    fn content<E: serde::de::Error>(self) -> Result<SectionContent, E> {
        let heading = need(self.heading, "heading")?;
        Ok(match self.kind {
            SectionKind::Hero => {
                SectionContent::Hero { heading, subheading: need(self.subheading, "subheading")?, button: self.button }
            }
            SectionKind::Text => SectionContent::Text { heading, body: need(self.body, "body")? },
            SectionKind::Features => SectionContent::Features {
                heading,
                items: list(self.items, |i| Ok(Item { title: need(i.title, "title")?, body: need(i.body, "body")? }))?,
            },
            SectionKind::Services => SectionContent::Services {
                heading,
                items: list(self.items, |i| {
                    Ok(Offer {
                        name: need(i.name, "name")?,
                        description: need(i.description, "description")?,
                        price: i.price.unwrap_or_default(),
                    })
                })?,
            },
            SectionKind::Testimonials => SectionContent::Testimonials {
                heading,
                items: list(self.items, |i| {
                    Ok(Testimonial { quote: need(i.quote, "quote")?, author: need(i.author, "author")? })
                })?,
            },
            SectionKind::Faq => SectionContent::Faq {
                heading,
                items: list(self.items, |i| {
                    Ok(Question { question: need(i.question, "question")?, answer: need(i.answer, "answer")? })
                })?,
            },
            SectionKind::Gallery => SectionContent::Gallery { heading, images: need(self.images, "images")? },
            SectionKind::CallToAction => SectionContent::CallToAction {
                heading,
                body: need(self.body, "body")?,
                button: need(self.button, "button")?,
            },
            SectionKind::ContactDetails => {
                SectionContent::ContactDetails { heading, intro: need(self.intro, "intro")? }
            }
        })
    }
}

impl<'de> Deserialize<'de> for SectionContent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawSection::deserialize(deserializer)?.content()
    }
}

impl<'de> Deserialize<'de> for Section {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut raw = RawSection::deserialize(deserializer)?;
        let id = need(raw.id.take(), "id")?;
        Ok(Section { id, content: raw.content()? })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Link {
    pub label: String,
    /// `https://…`, `http://…`, `mailto:…`, `tel:…` or a site path `/…`.
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offer {
    pub name: String,
    pub description: String,
    /// Free text (`from €40`, `on quote`).
    #[serde(default)]
    pub price: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Testimonial {
    pub quote: String,
    pub author: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Image {
    pub url: String,
    pub alt: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: Address,
    #[serde(default)]
    pub social: Vec<Link>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
}

// ---------------------------------------------------------------------------------------
// Validation: the same rules in the wizard (as the client types) and on the server.

pub fn is_hex_color(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Lower-case letters, digits and single hyphens, 1–48 characters, no leading/trailing hyphen.
pub fn is_valid_slug(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 48
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Links a visitor may follow: web, mail, phone, or a path on the site. Never `javascript:`,
/// `data:` or anything else a browser would execute.
pub fn is_safe_href(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && v.len() > 8
        || lower.starts_with("mailto:") && is_valid_email(&v[7..])
        || lower.starts_with("tel:") && v[4..].chars().all(|c| c.is_ascii_digit() || "+-().".contains(c))
        || v.starts_with('/') && !v.starts_with("//")
}

/// An image source: `https://…` or a site path.
pub fn is_safe_image_url(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with('/') && !lower.starts_with("//")) && is_safe_href(value)
}

/// A host name the client may point at the site: `shop.example.com`.
pub fn is_valid_domain(value: &str) -> bool {
    let labels: Vec<&str> = value.split('.').collect();
    value.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn text(&mut self, field: String, value: &str, required: bool, max: usize) {
        let chars = value.trim().chars().count();
        if required && chars == 0 {
            self.errors.push(FieldError::new(field, "required", "This field is required."));
        } else if value.chars().count() > max {
            self.errors.push(FieldError::new(field, "too_long", format!("Use at most {max} characters.")));
        }
    }

    fn href(&mut self, field: String, value: &str) {
        if !is_safe_href(value) {
            self.errors.push(FieldError::new(
                field,
                "invalid_link",
                "Use a web address (https://…), mailto:, tel: or a page of the site (/about).",
            ));
        }
    }

    fn color(&mut self, field: String, value: &str) {
        if !is_hex_color(value) {
            self.errors.push(FieldError::new(field, "invalid_color", "Use a colour in #rrggbb form, like #4f46e5."));
        }
    }

    fn count(&mut self, field: String, n: usize, max: usize) {
        if n > max {
            self.errors.push(FieldError::new(field, "too_many", format!("Keep it to {max} at most.")));
        }
    }

    fn image(&mut self, field: &str, image: &Image) {
        if !is_safe_image_url(&image.url) {
            self.errors.push(FieldError::new(
                format!("{field}.url"),
                "invalid_image",
                "Use an https:// image address.",
            ));
        }
        self.text(format!("{field}.alt"), &image.alt, true, 160);
    }

    fn link(&mut self, field: &str, link: &Link) {
        self.text(format!("{field}.label"), &link.label, true, LINK_LABEL);
        self.href(format!("{field}.href"), &link.href);
    }
}

impl SiteConfig {
    /// Every problem, with the field's path (`pages[1].sections[0].heading`), so the wizard
    /// can mark each one where it is.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut c = Checker { errors: Vec::new() };
        if self.version != SITE_CONFIG_VERSION {
            c.errors.push(FieldError::new(
                "version",
                "unsupported_version",
                format!("This editor writes version {SITE_CONFIG_VERSION} configs."),
            ));
        }
        c.text("business.name".into(), &self.business.name, true, NAME);
        c.text("business.tagline".into(), &self.business.tagline, false, SHORT_TEXT);
        c.text("business.description".into(), &self.business.description, false, PARAGRAPH);
        c.color("branding.primary_color".into(), &self.branding.primary_color);
        c.color("branding.accent_color".into(), &self.branding.accent_color);
        if let Some(logo) = &self.branding.logo_url
            && !is_safe_image_url(logo)
        {
            c.errors.push(FieldError::new("branding.logo_url", "invalid_image", "Use an https:// image address."));
        }

        if self.pages.is_empty() {
            c.errors.push(FieldError::new("pages", "required", "A site needs at least its home page."));
        }
        c.count("pages".into(), self.pages.len(), MAX_PAGES);
        let homes = self.pages.iter().filter(|p| p.kind == PageKind::Home).count();
        if homes != 1 && !self.pages.is_empty() {
            c.errors.push(FieldError::new("pages", "one_home_page", "A site has exactly one home page."));
        }
        let mut slugs = HashSet::new();
        // Section ids are unique across the site: generation, orders and the API address a
        // section by its id alone.
        let mut ids = HashSet::new();
        for (i, page) in self.pages.iter().enumerate() {
            let at = format!("pages[{i}]");
            if page.kind == PageKind::Home {
                if !page.slug.is_empty() {
                    c.errors.push(FieldError::new(format!("{at}.slug"), "home_slug", "The home page has no slug."));
                }
            } else if !is_valid_slug(&page.slug) {
                c.errors.push(FieldError::new(
                    format!("{at}.slug"),
                    "invalid_slug",
                    "Use lower-case letters, digits and hyphens, like our-team.",
                ));
            }
            if !slugs.insert(page.slug.as_str()) {
                c.errors.push(FieldError::new(format!("{at}.slug"), "duplicate_slug", "Another page already uses it."));
            }
            c.text(format!("{at}.title"), &page.title, true, PAGE_TITLE);
            c.text(format!("{at}.seo.title"), &page.seo.title, false, SEO_TITLE);
            c.text(format!("{at}.seo.description"), &page.seo.description, false, SEO_DESCRIPTION);
            c.count(format!("{at}.sections"), page.sections.len(), MAX_SECTIONS_PER_PAGE);
            for (j, section) in page.sections.iter().enumerate() {
                let at = format!("{at}.sections[{j}]");
                if !is_valid_slug(&section.id) || !ids.insert(section.id.as_str()) {
                    c.errors.push(FieldError::new(
                        format!("{at}.id"),
                        "invalid_id",
                        "Each section needs its own id (lower-case letters, digits, hyphens).",
                    ));
                }
                check_section(&mut c, &at, &section.content);
            }
        }

        let contact = &self.contact;
        if !contact.email.is_empty() && !is_valid_email(&contact.email) {
            c.errors.push(FieldError::new("contact.email", "invalid_email", "Enter a valid e-mail address."));
        }
        c.text("contact.phone".into(), &contact.phone, false, 30);
        c.text("contact.address.street".into(), &contact.address.street, false, SHORT_TEXT);
        c.text("contact.address.city".into(), &contact.address.city, false, NAME);
        c.count("contact.social".into(), contact.social.len(), 8);
        for (i, link) in contact.social.iter().enumerate() {
            c.link(&format!("contact.social[{i}]"), link);
        }
        c.count("media".into(), self.media.len(), MAX_MEDIA);
        for (i, image) in self.media.iter().enumerate() {
            c.image(&format!("media[{i}]"), image);
        }
        c.count("custom_domains".into(), self.custom_domains.len(), 5);
        for (i, domain) in self.custom_domains.iter().enumerate() {
            if !is_valid_domain(domain) {
                c.errors.push(FieldError::new(
                    format!("custom_domains[{i}]"),
                    "invalid_domain",
                    "Use a domain in lower case, like shop.example.com.",
                ));
            }
        }
        c.errors
    }
}

fn check_section(c: &mut Checker, at: &str, content: &SectionContent) {
    let heading = |c: &mut Checker, h: &str| c.text(format!("{at}.heading"), h, true, SHORT_TEXT);
    match content {
        SectionContent::Hero { heading: h, subheading, button } => {
            heading(c, h);
            c.text(format!("{at}.subheading"), subheading, false, SUBHEADING);
            if let Some(button) = button {
                c.link(&format!("{at}.button"), button);
            }
        }
        SectionContent::Text { heading: h, body } => {
            heading(c, h);
            c.text(format!("{at}.body"), body, true, LONG_TEXT);
        }
        SectionContent::Features { heading: h, items } => {
            heading(c, h);
            c.count(format!("{at}.items"), items.len(), MAX_ITEMS_PER_SECTION);
            for (k, item) in items.iter().enumerate() {
                c.text(format!("{at}.items[{k}].title"), &item.title, true, NAME);
                c.text(format!("{at}.items[{k}].body"), &item.body, false, PARAGRAPH);
            }
        }
        SectionContent::Services { heading: h, items } => {
            heading(c, h);
            c.count(format!("{at}.items"), items.len(), MAX_ITEMS_PER_SECTION);
            for (k, item) in items.iter().enumerate() {
                c.text(format!("{at}.items[{k}].name"), &item.name, true, NAME);
                c.text(format!("{at}.items[{k}].description"), &item.description, false, PARAGRAPH);
                c.text(format!("{at}.items[{k}].price"), &item.price, false, PRICE);
            }
        }
        SectionContent::Testimonials { heading: h, items } => {
            heading(c, h);
            c.count(format!("{at}.items"), items.len(), MAX_ITEMS_PER_SECTION);
            for (k, item) in items.iter().enumerate() {
                c.text(format!("{at}.items[{k}].quote"), &item.quote, true, PARAGRAPH);
                c.text(format!("{at}.items[{k}].author"), &item.author, true, NAME);
            }
        }
        SectionContent::Faq { heading: h, items } => {
            heading(c, h);
            c.count(format!("{at}.items"), items.len(), MAX_ITEMS_PER_SECTION);
            for (k, item) in items.iter().enumerate() {
                c.text(format!("{at}.items[{k}].question"), &item.question, true, QUESTION);
                c.text(format!("{at}.items[{k}].answer"), &item.answer, true, ANSWER);
            }
        }
        SectionContent::Gallery { heading: h, images } => {
            heading(c, h);
            c.count(format!("{at}.images"), images.len(), MAX_ITEMS_PER_SECTION);
            for (k, image) in images.iter().enumerate() {
                c.image(&format!("{at}.images[{k}]"), image);
            }
        }
        SectionContent::CallToAction { heading: h, body, button } => {
            heading(c, h);
            c.text(format!("{at}.body"), body, false, PARAGRAPH);
            c.link(&format!("{at}.button"), button);
        }
        SectionContent::ContactDetails { heading: h, intro } => {
            heading(c, h);
            c.text(format!("{at}.intro"), intro, false, PARAGRAPH);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Stored configs of older versions.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpgradeError {
    /// Written by a newer Atelier than this one.
    FromTheFuture(u64),
    /// Not a site config of any version we know.
    Malformed(String),
}

impl std::fmt::Display for UpgradeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpgradeError::FromTheFuture(v) => {
                write!(f, "site config version {v} is newer than this server ({SITE_CONFIG_VERSION})")
            }
            UpgradeError::Malformed(why) => write!(f, "not a site config: {why}"),
        }
    }
}

impl std::error::Error for UpgradeError {}

/// A stored config of any known version → the current [`SiteConfig`]. Each step upgrades
/// one version to the next, so a version-1 config walks 1 → 2 → … → current.
pub fn upgrade(mut value: serde_json::Value) -> Result<SiteConfig, UpgradeError> {
    loop {
        let version = value.get("version").and_then(serde_json::Value::as_u64).unwrap_or(1);
        match version {
            v if v == u64::from(SITE_CONFIG_VERSION) => break,
            1 => upgrade_1_to_2(&mut value),
            v if v > u64::from(SITE_CONFIG_VERSION) => return Err(UpgradeError::FromTheFuture(v)),
            v => return Err(UpgradeError::Malformed(format!("unknown version {v}"))),
        }
    }
    serde_json::from_value(value).map_err(|e| UpgradeError::Malformed(e.to_string()))
}

/// Version 2 added the media library: it starts with the images the site already used
/// (the logo, then every gallery image), each once.
fn upgrade_1_to_2(value: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let mut media: Vec<Value> = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |url: &str, alt: &str| {
        if seen.insert(url.to_owned()) {
            media.push(json!({ "url": url, "alt": alt }));
        }
    };
    if let Some(logo) = value.pointer("/branding/logo_url").and_then(Value::as_str) {
        let name = value.pointer("/business/name").and_then(Value::as_str).unwrap_or("Logo");
        add(logo, name);
    }
    let pages = value.get("pages").and_then(Value::as_array).cloned().unwrap_or_default();
    for section in pages.iter().filter_map(|p| p.get("sections").and_then(Value::as_array)).flatten() {
        for image in section.get("images").and_then(Value::as_array).into_iter().flatten() {
            if let Some(url) = image.get("url").and_then(Value::as_str) {
                add(url, image.get("alt").and_then(Value::as_str).unwrap_or_default());
            }
        }
    }
    if let Some(object) = value.as_object_mut() {
        object.insert("media".into(), Value::Array(media));
        object.insert("version".into(), json!(2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_section_reads_back_what_was_written_and_bad_ones_name_the_problem() {
        let link = Link { label: "Call".into(), href: "tel:+331".into() };
        let kinds = vec![
            SectionContent::Hero { heading: "H".into(), subheading: "S".into(), button: Some(link.clone()) },
            SectionContent::Hero { heading: "H".into(), subheading: "S".into(), button: None },
            SectionContent::Text { heading: "H".into(), body: "B".into() },
            SectionContent::Features { heading: "H".into(), items: vec![Item { title: "T".into(), body: "B".into() }] },
            SectionContent::Services {
                heading: "H".into(),
                items: vec![Offer { name: "N".into(), description: "D".into(), price: "from 40".into() }],
            },
            SectionContent::Testimonials {
                heading: "H".into(),
                items: vec![Testimonial { quote: "Q".into(), author: "A".into() }],
            },
            SectionContent::Faq {
                heading: "H".into(),
                items: vec![Question { question: "Q".into(), answer: "A".into() }],
            },
            SectionContent::Gallery {
                heading: "H".into(),
                images: vec![Image { url: "/m/a.jpg".into(), alt: "A".into() }],
            },
            SectionContent::CallToAction { heading: "H".into(), body: "B".into(), button: link },
            SectionContent::ContactDetails { heading: "H".into(), intro: "I".into() },
        ];
        for content in kinds {
            let section = Section { id: "s1".into(), content: content.clone() };
            let json = serde_json::to_value(&section).unwrap();
            assert_eq!(serde_json::from_value::<Section>(json.clone()).unwrap(), section, "{json}");
            assert_eq!(serde_json::from_value::<SectionContent>(json).unwrap(), content);
        }
        // An offer's price may be left out.
        let offer = serde_json::json!({ "id": "s", "type": "services", "heading": "H", "items": [{ "name": "N", "description": "D" }] });
        assert!(serde_json::from_value::<Section>(offer).is_ok());
        let error = |v: serde_json::Value| serde_json::from_value::<Section>(v).unwrap_err().to_string();
        assert!(
            error(serde_json::json!({ "id": "s", "type": "text", "heading": "H" })).contains("missing field `body`")
        );
        assert!(
            error(serde_json::json!({ "type": "text", "heading": "H", "body": "B" })).contains("missing field `id`")
        );
        assert!(
            error(serde_json::json!({ "id": "s", "type": "video", "heading": "H" }))
                .contains("unknown variant `video`")
        );
        assert!(
            error(serde_json::json!({ "id": "s", "type": "faq", "heading": "H", "items": [{ "question": "Q" }] }))
                .contains("missing field `answer`")
        );
    }

    #[test]
    fn only_links_a_browser_cannot_execute_are_safe() {
        for ok in
            ["https://example.com", "http://a.example/x?y=1", "mailto:hi@example.com", "tel:+33123456789", "/about"]
        {
            assert!(is_safe_href(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//evil.example",
            "https://",
            "mailto:not-an-email",
            "",
        ] {
            assert!(!is_safe_href(bad), "{bad:?} must be refused");
        }
    }

    #[test]
    fn a_version_1_config_reads_as_the_current_version_with_its_images_in_the_library() {
        let v1 = serde_json::json!({
            "version": 1,
            "business": { "name": "Chez Lou", "industry": "bakery" },
            "template": "classic",
            "language": "fr",
            "branding": { "primary_color": "#aa5500", "accent_color": "#113355", "font": "serif",
                          "logo_url": "https://img.example/logo.png" },
            "pages": [{ "kind": "home", "slug": "", "title": "Accueil", "seo": {}, "sections": [
                { "id": "pics", "type": "gallery", "heading": "Nos pains", "images": [
                    { "url": "https://img.example/a.jpg", "alt": "Baguette" },
                    { "url": "https://img.example/logo.png", "alt": "again" }
                ] }
            ] }],
            "contact": {}
        });
        let config = upgrade(v1).expect("v1 upgrades");
        assert_eq!(config.version, SITE_CONFIG_VERSION);
        let urls: Vec<&str> = config.media.iter().map(|m| m.url.as_str()).collect();
        assert_eq!(urls, ["https://img.example/logo.png", "https://img.example/a.jpg"]);
        assert_eq!(config.media[0].alt, "Chez Lou");
        assert!(config.validate().is_empty(), "{:?}", config.validate());
    }

    #[test]
    fn configs_from_a_newer_server_or_of_another_shape_are_refused() {
        assert_eq!(upgrade(serde_json::json!({ "version": 99 })), Err(UpgradeError::FromTheFuture(99)));
        assert!(matches!(upgrade(serde_json::json!({ "version": 2, "pages": 3 })), Err(UpgradeError::Malformed(_))));
    }

    #[test]
    fn slugs_colours_and_domains_follow_their_rules() {
        assert!(is_valid_slug("our-team-2"));
        for bad in ["", "-a", "a-", "a--b", "Caps", "é", "a b", &"x".repeat(49)] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
        assert!(is_hex_color("#A1b2C3"));
        assert!(!is_hex_color("#abc") && !is_hex_color("red") && !is_hex_color("#ggg000"));
        assert!(is_valid_domain("shop.example.com"));
        assert!(!is_valid_domain("localhost") && !is_valid_domain("Shop.Example.com") && !is_valid_domain("-a.com"));
    }
}

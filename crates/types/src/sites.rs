//! The sites API on the wire: sites and their lists, the wizard's eight steps (each saved
//! as a draft of its own part of the config), Mode Rapide, and the AI content queue.
//!
//! [`StepDraft::apply`] and [`WizardStep::of_field`] run in the wizard and on the server
//! alike, so both agree on what a step owns and which errors belong to it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::site::{
    Branding, Business, Contact, Image, Industry, Page, PageKind, Section, SectionContent, Seo, SiteConfig,
    SiteLanguage, Template, is_hex_color, is_valid_slug,
};
use crate::validation::{Validate, is_valid_email};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum SiteStatus {
    Draft,
    Queued,
    Deploying,
    Live,
    Failed,
    Stopped,
}

impl SiteStatus {
    pub const ALL: [SiteStatus; 6] = [
        SiteStatus::Draft,
        SiteStatus::Queued,
        SiteStatus::Deploying,
        SiteStatus::Live,
        SiteStatus::Failed,
        SiteStatus::Stopped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SiteStatus::Draft => "draft",
            SiteStatus::Queued => "queued",
            SiteStatus::Deploying => "deploying",
            SiteStatus::Live => "live",
            SiteStatus::Failed => "failed",
            SiteStatus::Stopped => "stopped",
        }
    }
}

/// A site in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteSummary {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub status: SiteStatus,
    pub industry: Industry,
    pub template: Template,
    /// Where the wizard resumes (1–8).
    pub wizard_step: u8,
    /// `http://<slug>.sites.<platform>/` once deployed.
    pub url: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A site with its whole config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Site {
    #[serde(flatten)]
    pub summary: SiteSummary,
    pub config: SiteConfig,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteList {
    pub items: Vec<SiteSummary>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

/// Starts the wizard: step 1's answers. The site begins with generated content for its
/// industry, which the client then shapes step by step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSite {
    pub name: String,
    pub industry: Industry,
    #[serde(default = "default_language")]
    pub language: SiteLanguage,
    #[serde(default)]
    pub description: String,
    /// The address `<slug>.sites.<platform>`; derived from the name when absent.
    #[serde(default)]
    pub slug: Option<String>,
}

fn default_language() -> SiteLanguage {
    SiteLanguage::En
}

fn check_name(errors: &mut Vec<FieldError>, field: &str, name: &str) {
    let n = name.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new(field, "required", "This field is required."));
    } else if n > 80 {
        errors.push(FieldError::new(field, "too_long", "Use at most 80 characters."));
    }
}

fn check_description(errors: &mut Vec<FieldError>, description: &str) {
    if description.chars().count() > 600 {
        errors.push(FieldError::new("description", "too_long", "Use at most 600 characters."));
    }
}

impl Validate for NewSite {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_name(&mut errors, "name", &self.name);
        check_description(&mut errors, &self.description);
        if let Some(slug) = &self.slug
            && !is_valid_slug(slug)
        {
            errors.push(FieldError::new(
                "slug",
                "invalid_slug",
                "Use lower-case letters, digits and hyphens, like my-bakery.",
            ));
        }
        errors
    }
}

/// Mode Rapide: one form → a complete site, saved (and, once deployments exist, deployed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RapideRequest {
    pub business_name: String,
    pub industry: Industry,
    /// A sentence or two about the business.
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: SiteLanguage,
    /// `#rrggbb`; the industry's palette when absent.
    #[serde(default)]
    pub primary_color: Option<String>,
    /// Shown on the contact page.
    #[serde(default)]
    pub email: Option<String>,
}

impl Validate for RapideRequest {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_name(&mut errors, "business_name", &self.business_name);
        check_description(&mut errors, &self.description);
        if let Some(color) = self.primary_color.as_deref().filter(|c| !c.is_empty())
            && !is_hex_color(color)
        {
            errors.push(FieldError::new(
                "primary_color",
                "invalid_color",
                "Use a colour in #rrggbb form, like #4f46e5.",
            ));
        }
        if let Some(email) = self.email.as_deref().filter(|e| !e.trim().is_empty())
            && !is_valid_email(email.trim())
        {
            errors.push(FieldError::new("email", "invalid_email", "Enter a valid e-mail address."));
        }
        errors
    }
}

/// The wizard's steps, in order (`1` … `8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WizardStep {
    Business = 1,
    Template = 2,
    Branding = 3,
    Pages = 4,
    Content = 5,
    Media = 6,
    ContactSeo = 7,
    Review = 8,
}

impl WizardStep {
    pub const ALL: [WizardStep; 8] = [
        WizardStep::Business,
        WizardStep::Template,
        WizardStep::Branding,
        WizardStep::Pages,
        WizardStep::Content,
        WizardStep::Media,
        WizardStep::ContactSeo,
        WizardStep::Review,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<WizardStep> {
        WizardStep::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// The step that owns a field of the config (a path from `SiteConfig::validate`):
    /// where the wizard shows the error, and which errors block saving that step.
    pub fn of_field(path: &str) -> WizardStep {
        let in_page = |rest: &str| {
            // `pages[3].sections[0].heading` → `sections[0].heading`
            rest.split_once("].").map(|(_, tail)| tail).unwrap_or_default().to_owned()
        };
        if path == "name" || path == "slug" || path.starts_with("business.") || path == "language" {
            WizardStep::Business
        } else if path == "template" {
            WizardStep::Template
        } else if path == "branding.logo_url" || path.starts_with("media") {
            WizardStep::Media
        } else if path.starts_with("branding.") {
            WizardStep::Branding
        } else if let Some(rest) = path.strip_prefix("pages[") {
            let tail = in_page(rest);
            if tail.starts_with("sections") {
                WizardStep::Content
            } else if tail.starts_with("seo") {
                WizardStep::ContactSeo
            } else {
                WizardStep::Pages
            }
        } else if path == "pages" {
            WizardStep::Pages
        } else if path.starts_with("contact") || path.starts_with("custom_domains") {
            WizardStep::ContactSeo
        } else {
            WizardStep::Review
        }
    }
}

/// A page in the pages step: which pages the site has, in order. Sections of a page that
/// stays are kept; a new page is filled with generated content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PagePlan {
    pub kind: PageKind,
    pub slug: String,
    pub title: String,
}

/// The sections of one page (content step), by page slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageSections {
    pub slug: String,
    pub sections: Vec<Section>,
}

/// SEO of one page (contact and SEO step), by page slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageSeo {
    pub slug: String,
    pub seo: Seo,
}

/// One step's part of the config: `PATCH /sites/{id}/steps/{step}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepDraft {
    Business {
        business: Business,
        language: SiteLanguage,
    },
    Template {
        template: Template,
    },
    Branding {
        primary_color: String,
        accent_color: String,
        font: crate::site::Font,
    },
    Pages {
        pages: Vec<PagePlan>,
    },
    Content {
        pages: Vec<PageSections>,
    },
    Media {
        media: Vec<Image>,
        #[serde(default)]
        logo_url: Option<String>,
    },
    ContactSeo {
        contact: Contact,
        pages: Vec<PageSeo>,
        #[serde(default)]
        custom_domains: Vec<String>,
    },
    /// Nothing to change: the client has reviewed the whole site.
    Review {},
}

impl StepDraft {
    pub fn step(&self) -> WizardStep {
        match self {
            StepDraft::Business { .. } => WizardStep::Business,
            StepDraft::Template { .. } => WizardStep::Template,
            StepDraft::Branding { .. } => WizardStep::Branding,
            StepDraft::Pages { .. } => WizardStep::Pages,
            StepDraft::Content { .. } => WizardStep::Content,
            StepDraft::Media { .. } => WizardStep::Media,
            StepDraft::ContactSeo { .. } => WizardStep::ContactSeo,
            StepDraft::Review {} => WizardStep::Review,
        }
    }

    /// This step's part of `config`: what the wizard sends when it autosaves.
    pub fn from_config(step: WizardStep, config: &SiteConfig) -> StepDraft {
        match step {
            WizardStep::Business => {
                StepDraft::Business { business: config.business.clone(), language: config.language }
            }
            WizardStep::Template => StepDraft::Template { template: config.template },
            WizardStep::Branding => StepDraft::Branding {
                primary_color: config.branding.primary_color.clone(),
                accent_color: config.branding.accent_color.clone(),
                font: config.branding.font,
            },
            WizardStep::Pages => StepDraft::Pages {
                pages: config
                    .pages
                    .iter()
                    .map(|p| PagePlan { kind: p.kind, slug: p.slug.clone(), title: p.title.clone() })
                    .collect(),
            },
            WizardStep::Content => StepDraft::Content {
                pages: config
                    .pages
                    .iter()
                    .map(|p| PageSections { slug: p.slug.clone(), sections: p.sections.clone() })
                    .collect(),
            },
            WizardStep::Media => {
                StepDraft::Media { media: config.media.clone(), logo_url: config.branding.logo_url.clone() }
            }
            WizardStep::ContactSeo => StepDraft::ContactSeo {
                contact: config.contact.clone(),
                pages: config.pages.iter().map(|p| PageSeo { slug: p.slug.clone(), seo: p.seo.clone() }).collect(),
                custom_domains: config.custom_domains.clone(),
            },
            WizardStep::Review => StepDraft::Review {},
        }
    }

    /// Writes this step into `config`. Pages the pages step adds come with no sections
    /// (the server fills them); pages named by the content or SEO step that the site does
    /// not have are reported as errors on that entry.
    pub fn apply(self, config: &mut SiteConfig) -> Vec<FieldError> {
        let mut errors = Vec::new();
        match self {
            StepDraft::Business { business, language } => {
                config.business = business;
                config.language = language;
            }
            StepDraft::Template { template } => config.template = template,
            StepDraft::Branding { primary_color, accent_color, font } => {
                config.branding =
                    Branding { primary_color, accent_color, font, logo_url: config.branding.logo_url.take() };
            }
            StepDraft::Pages { pages } => {
                let mut old = std::mem::take(&mut config.pages);
                config.pages = pages
                    .into_iter()
                    .map(|plan| {
                        let kept = old.iter().position(|p| p.slug == plan.slug).map(|i| old.remove(i));
                        match kept {
                            Some(page) => Page { kind: plan.kind, title: plan.title, ..page },
                            None => Page {
                                kind: plan.kind,
                                slug: plan.slug,
                                title: plan.title,
                                seo: Seo::default(),
                                sections: Vec::new(),
                            },
                        }
                    })
                    .collect();
            }
            StepDraft::Content { pages } => {
                for (i, entry) in pages.into_iter().enumerate() {
                    match config.pages.iter_mut().find(|p| p.slug == entry.slug) {
                        Some(page) => page.sections = entry.sections,
                        None => errors.push(unknown_page(format!("pages[{i}].slug"))),
                    }
                }
            }
            StepDraft::Media { media, logo_url } => {
                config.media = media;
                config.branding.logo_url = logo_url.filter(|l| !l.trim().is_empty());
            }
            StepDraft::ContactSeo { contact, pages, custom_domains } => {
                config.contact = contact;
                config.custom_domains = custom_domains;
                for (i, entry) in pages.into_iter().enumerate() {
                    match config.pages.iter_mut().find(|p| p.slug == entry.slug) {
                        Some(page) => page.seo = entry.seo,
                        None => errors.push(unknown_page(format!("pages[{i}].slug"))),
                    }
                }
            }
            StepDraft::Review {} => {}
        }
        errors
    }
}

fn unknown_page(field: String) -> FieldError {
    FieldError::new(field, "unknown_page", "The site has no page with this slug; save the pages step first.")
}

/// The errors of `config` that block saving `step` (the review step needs them all gone).
pub fn errors_for_step(config: &SiteConfig, step: WizardStep) -> Vec<FieldError> {
    config
        .validate()
        .into_iter()
        .filter(|e| step == WizardStep::Review || WizardStep::of_field(&e.field) == step)
        .collect()
}

/// `POST /sites/{id}/sections/{section_id}/regenerate`: the section before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Regenerated {
    pub entry: AiContent,
    pub changes: Vec<FieldChange>,
    /// The site as it is now (only this section differs).
    pub site: Site,
}

/// One text of a section that changed, word by word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// `heading`, `items[2].body`, …
    pub field: String,
    pub before: String,
    pub after: String,
    pub diff: Vec<DiffSpan>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiffOp {
    Same,
    Removed,
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiffSpan {
    pub op: DiffOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum AiContentStatus {
    /// Waiting for an editor; the client already sees it on the site.
    Pending,
    Approved,
    Rejected,
    /// The client put the previous text back.
    Reverted,
    /// Newer text replaced it before anyone reviewed it.
    Superseded,
}

impl AiContentStatus {
    pub const ALL: [AiContentStatus; 5] = [
        AiContentStatus::Pending,
        AiContentStatus::Approved,
        AiContentStatus::Rejected,
        AiContentStatus::Reverted,
        AiContentStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AiContentStatus::Pending => "pending",
            AiContentStatus::Approved => "approved",
            AiContentStatus::Rejected => "rejected",
            AiContentStatus::Reverted => "reverted",
            AiContentStatus::Superseded => "superseded",
        }
    }
}

/// One generated text in the AI content queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AiContent {
    pub id: Uuid,
    pub site_id: Uuid,
    pub page_slug: String,
    pub section_id: String,
    /// `offline` or `openai:<model>`.
    pub generator: String,
    pub status: AiContentStatus,
    pub content: SectionContent,
    /// What the section held before; `None` when the text came with a new site or page.
    pub previous: Option<SectionContent>,
    pub created_at: DateTime<Utc>,
    /// Why an editor rejected it.
    #[serde(default)]
    pub review_note: Option<String>,
}

/// Every text of a section with its field name, in display order (for diffs and reviews).
pub fn section_texts(content: &SectionContent) -> Vec<(String, String)> {
    let mut copy = content.clone();
    section_texts_mut(&mut copy).into_iter().map(|(field, text)| (field, text.clone())).collect()
}

/// The same texts, to change one in place (the wizard's content editor).
pub fn section_texts_mut(content: &mut SectionContent) -> Vec<(String, &mut String)> {
    let mut out: Vec<(String, &mut String)> = Vec::new();
    match content {
        SectionContent::Hero { heading, subheading, button } => {
            out.push(("heading".into(), heading));
            out.push(("subheading".into(), subheading));
            if let Some(b) = button {
                out.push(("button.label".into(), &mut b.label));
            }
        }
        SectionContent::Text { heading, body } => {
            out.push(("heading".into(), heading));
            out.push(("body".into(), body));
        }
        SectionContent::Features { heading, items } => {
            out.push(("heading".into(), heading));
            for (i, item) in items.iter_mut().enumerate() {
                out.push((format!("items[{i}].title"), &mut item.title));
                out.push((format!("items[{i}].body"), &mut item.body));
            }
        }
        SectionContent::Services { heading, items } => {
            out.push(("heading".into(), heading));
            for (i, item) in items.iter_mut().enumerate() {
                out.push((format!("items[{i}].name"), &mut item.name));
                out.push((format!("items[{i}].description"), &mut item.description));
                out.push((format!("items[{i}].price"), &mut item.price));
            }
        }
        SectionContent::Testimonials { heading, items } => {
            out.push(("heading".into(), heading));
            for (i, item) in items.iter_mut().enumerate() {
                out.push((format!("items[{i}].quote"), &mut item.quote));
                out.push((format!("items[{i}].author"), &mut item.author));
            }
        }
        SectionContent::Faq { heading, items } => {
            out.push(("heading".into(), heading));
            for (i, item) in items.iter_mut().enumerate() {
                out.push((format!("items[{i}].question"), &mut item.question));
                out.push((format!("items[{i}].answer"), &mut item.answer));
            }
        }
        SectionContent::Gallery { heading, images } => {
            out.push(("heading".into(), heading));
            for (i, image) in images.iter_mut().enumerate() {
                out.push((format!("images[{i}].alt"), &mut image.alt));
            }
        }
        SectionContent::CallToAction { heading, body, button } => {
            out.push(("heading".into(), heading));
            out.push(("body".into(), body));
            out.push(("button.label".into(), &mut button.label));
        }
        SectionContent::ContactDetails { heading, intro } => {
            out.push(("heading".into(), heading));
            out.push(("intro".into(), intro));
        }
    }
    out
}

/// The texts that differ between two versions of a section, each with a word diff.
pub fn section_changes(before: &SectionContent, after: &SectionContent) -> Vec<FieldChange> {
    let old = section_texts(before);
    let new = section_texts(after);
    let mut fields: Vec<&String> = old.iter().map(|(f, _)| f).collect();
    for (f, _) in &new {
        if !fields.contains(&f) {
            fields.push(f);
        }
    }
    let find = |list: &[(String, String)], field: &str| {
        list.iter().find(|(f, _)| f == field).map(|(_, t)| t.clone()).unwrap_or_default()
    };
    fields
        .into_iter()
        .filter_map(|field| {
            let (b, a) = (find(&old, field), find(&new, field));
            (b != a).then(|| FieldChange { field: field.clone(), diff: word_diff(&b, &a), before: b, after: a })
        })
        .collect()
}

/// A word-level diff (longest common subsequence over words, spaces kept with the word
/// before them), merged into runs.
pub fn word_diff(before: &str, after: &str) -> Vec<DiffSpan> {
    fn words(text: &str) -> Vec<&str> {
        text.split_inclusive(char::is_whitespace).collect()
    }
    let (a, b) = (words(before), words(after));
    // lcs[i][j] = LCS length of a[i..], b[j..]
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut spans: Vec<DiffSpan> = Vec::new();
    let mut push = |op: DiffOp, text: &str| match spans.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => spans.push(DiffSpan { op, text: text.to_owned() }),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(DiffOp::Same, a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            push(DiffOp::Added, b[j]);
            j += 1;
        } else {
            push(DiffOp::Removed, a[i]);
            i += 1;
        }
    }
    spans
}

/// Finds a section anywhere in the site: (page index, section index).
pub fn find_section(config: &SiteConfig, section_id: &str) -> Option<(usize, usize)> {
    config
        .pages
        .iter()
        .enumerate()
        .find_map(|(p, page)| page.sections.iter().position(|s| s.id == section_id).map(|s| (p, s)))
}

/// A slug made from a name: `Boulangerie Saint-Honoré` → `boulangerie-saint-honore`.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut slug: String = out.trim_matches('-').chars().take(40).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() { "site".to_owned() } else { slug }
}

fn fold_accent(c: char) -> Vec<char> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Î' | 'Ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ô' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ÿ' => 'y',
        'œ' | 'Œ' => return vec!['o', 'e'],
        'æ' | 'Æ' => return vec!['a', 'e'],
        'ß' => return vec!['s', 's'],
        other => other,
    };
    vec![folded]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_written_by_hand_are_the_ones_serde_writes() {
        for status in SiteStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), serde_json::Value::from(status.as_str()));
        }
        for status in AiContentStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), serde_json::Value::from(status.as_str()));
        }
    }

    #[test]
    fn every_field_belongs_to_the_step_that_edits_it() {
        let cases = [
            ("business.name", WizardStep::Business),
            ("template", WizardStep::Template),
            ("branding.primary_color", WizardStep::Branding),
            ("branding.logo_url", WizardStep::Media),
            ("media[3].url", WizardStep::Media),
            ("pages", WizardStep::Pages),
            ("pages[2].slug", WizardStep::Pages),
            ("pages[2].sections[0].items[1].title", WizardStep::Content),
            ("pages[0].seo.title", WizardStep::ContactSeo),
            ("contact.email", WizardStep::ContactSeo),
            ("custom_domains[0]", WizardStep::ContactSeo),
            ("version", WizardStep::Review),
        ];
        for (path, step) in cases {
            assert_eq!(WizardStep::of_field(path), step, "{path}");
        }
        for step in WizardStep::ALL {
            assert_eq!(WizardStep::from_number(step.number()), Some(step));
        }
        assert_eq!(WizardStep::from_number(0), None);
        assert_eq!(WizardStep::from_number(9), None);
    }

    #[test]
    fn the_word_diff_keeps_common_words_and_marks_the_rest() {
        let spans = word_diff("Fresh bread every morning", "Warm bread every single morning");
        let text = |op| spans.iter().filter(|s| s.op == op).map(|s| s.text.as_str()).collect::<String>();
        assert_eq!(text(DiffOp::Removed), "Fresh ");
        assert_eq!(text(DiffOp::Added), "Warm single ");
        assert_eq!(text(DiffOp::Same), "bread every morning");
        assert!(word_diff("same", "same").iter().all(|s| s.op == DiffOp::Same));
    }

    #[test]
    fn slugs_from_names_are_valid_addresses() {
        assert_eq!(slugify("Boulangerie Saint-Honoré"), "boulangerie-saint-honore");
        assert_eq!(slugify("  Œuf & Co!! "), "oeuf-co");
        assert_eq!(slugify("日本"), "site");
        for name in ["A", "--x--", &"long name ".repeat(20)] {
            assert!(is_valid_slug(&slugify(name)), "{name} → {}", slugify(name));
        }
    }
}

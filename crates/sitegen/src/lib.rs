//! Site config → a folder of static files: one HTML page per page, `style.css` from the
//! template and the brand, `sitemap.xml`, `robots.txt` and `404.html`.
//!
//! Templates are compiled into the binary. Every piece of user text is HTML-escaped by the
//! template engine, and every link passes `safe_href` (anything a browser could execute
//! becomes `#`), on top of the config's own validation. Nothing time- or machine-dependent
//! enters the output: the same config renders byte-identical files, and the SHA-256 over
//! them (`Build::content_hash`) identifies a build.

use std::collections::BTreeMap;

use atelier_types::FieldError;
use atelier_types::color::readable_text_on;
use atelier_types::site::{
    Business, Contact, Font, Page, PageKind, SectionContent, SiteConfig, SiteLanguage, is_safe_href,
};
use minijinja::Environment;
use minijinja::value::Serde;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub mod sample;

/// The rendered files, by path (`index.html`, `about/index.html`, `style.css`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Hex SHA-256 over every path and its bytes, in path order.
    pub content_hash: String,
}

impl Build {
    /// Writes the files under `dir` (creating folders as needed).
    pub fn write_to(&self, dir: &std::path::Path) -> std::io::Result<()> {
        for (path, bytes) in &self.files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, bytes)?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the site config is not valid ({} problems, the first at `{}`)", .0.len(), .0.first().map_or("", |f| f.field.as_str()))]
    Invalid(Vec<FieldError>),
    #[error("the site has no page `{0}`")]
    NoSuchPage(String),
    #[error("rendering failed: {0}")]
    Template(#[from] minijinja::Error),
}

/// Why a config cannot be published, for the person who can fix it: the first problem in
/// words (which field of which page, what is wrong), how many more, and the wizard step where
/// it is edited — never an internal path alone.
pub fn explain(config: &SiteConfig, errors: &[FieldError]) -> String {
    let Some(first) = errors.first() else { return "the site cannot be published as it is".to_owned() };
    let path = first.field.as_str();
    let (page, rest) = match path.strip_prefix("pages[").and_then(|r| r.split_once(']')) {
        Some((index, rest)) => {
            (index.parse::<usize>().ok().and_then(|i| config.pages.get(i)), rest.trim_start_matches('.'))
        }
        None => (None, path),
    };
    let what = match rest {
        "seo.title" => "SEO title".to_owned(),
        "seo.description" => "SEO description".to_owned(),
        "" => "page".to_owned(),
        other => {
            let last = other.rsplit('.').next().unwrap_or(other);
            let last = last.split('[').next().unwrap_or(last);
            last.replace('_', " ")
        }
    };
    let place = match page {
        Some(p) => format!("the {what} of the page \u{201c}{}\u{201d}", p.title),
        None => format!("the {what}"),
    };
    let step = atelier_types::sites::WizardStep::of_field(path);
    let step_name = match step {
        atelier_types::sites::WizardStep::Business => "Business",
        atelier_types::sites::WizardStep::Template => "Template",
        atelier_types::sites::WizardStep::Branding => "Branding",
        atelier_types::sites::WizardStep::Pages => "Pages",
        atelier_types::sites::WizardStep::Content => "Content",
        atelier_types::sites::WizardStep::Media => "Media",
        atelier_types::sites::WizardStep::ContactSeo => "Contact & SEO",
        atelier_types::sites::WizardStep::Review => "Review",
    };
    let more = match errors.len() {
        1 => String::new(),
        n => format!(" ({} more problems)", n - 1),
    };
    format!(
        "the site cannot be published as it is: {place}: {}{more} Fix it in the wizard, step {} ({step_name}).",
        first.message,
        step.number()
    )
}

#[derive(Serialize)]
struct Labels {
    menu: &'static str,
    email: &'static str,
    phone: &'static str,
    address: &'static str,
    not_found: &'static str,
    back_home: &'static str,
}

fn labels(language: SiteLanguage) -> Labels {
    match language {
        SiteLanguage::En => Labels {
            menu: "Main menu",
            email: "E-mail",
            phone: "Phone",
            address: "Address",
            not_found: "This page does not exist.",
            back_home: "Back to the home page",
        },
        SiteLanguage::Fr => Labels {
            menu: "Menu principal",
            email: "E-mail",
            phone: "Téléphone",
            address: "Adresse",
            not_found: "Cette page n'existe pas.",
            back_home: "Retour à l'accueil",
        },
    }
}

#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct PageContext<'a> {
    lang: &'static str,
    template: &'static str,
    title: String,
    description: &'a str,
    canonical: String,
    logo: Option<&'a str>,
    business: &'a Business,
    contact: &'a Contact,
    nav: Vec<NavItem<'a>>,
    page: Option<&'a Page>,
    page_starts_with_hero: bool,
    labels: Labels,
    /// The stylesheet itself, for a preview shown where `/style.css` does not exist.
    inline_css: Option<String>,
}

/// `/` for the home page, `/<slug>/` for the others.
pub fn page_path(page: &Page) -> String {
    if page.kind == PageKind::Home || page.slug.is_empty() { "/".to_owned() } else { format!("/{}/", page.slug) }
}

fn font_stack(font: Font) -> &'static str {
    match font {
        Font::Sans => r#"system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif"#,
        Font::Serif => r#"Georgia,Cambria,"Times New Roman",serif"#,
        Font::Rounded => r#"ui-rounded,"SF Pro Rounded","Nunito","Varela Round",system-ui,sans-serif"#,
        Font::Mono => r#"ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace"#,
    }
}

fn safe_href(value: String) -> String {
    if is_safe_href(&value) { value } else { "#".to_owned() }
}

/// Blank-line separated paragraphs.
fn paragraphs(value: String) -> Vec<String> {
    value.split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

fn xml_escape(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

pub struct Renderer {
    env: Environment<'static>,
}

impl Renderer {
    pub fn new() -> Result<Renderer, RenderError> {
        let mut env = Environment::new();
        // `.html` names switch HTML auto-escaping on for every template.
        let templates = [
            ("base.html", include_str!("../templates/base.html")),
            ("page.html", include_str!("../templates/page.html")),
            ("not_found.html", include_str!("../templates/not_found.html")),
        ];
        for (name, source) in templates {
            env.add_template(name, source)?;
        }
        env.add_filter("safe_href", safe_href);
        env.add_filter("paragraphs", paragraphs);
        Ok(Renderer { env })
    }

    fn context<'a>(&self, config: &'a SiteConfig, base_url: &str, page: Option<&'a Page>) -> PageContext<'a> {
        let business = &config.business;
        let title = match page {
            Some(p) if !p.seo.title.trim().is_empty() => p.seo.title.clone(),
            Some(p) if p.kind == PageKind::Home => business.name.clone(),
            Some(p) => format!("{} · {}", p.title, business.name),
            None => business.name.clone(),
        };
        let current = page.map(page_path);
        PageContext {
            lang: config.language.code(),
            template: config.template.as_str(),
            title,
            description: page.map_or(business.description.as_str(), |p| {
                if p.seo.description.is_empty() { business.description.as_str() } else { p.seo.description.as_str() }
            }),
            canonical: format!("{}{}", base_url.trim_end_matches('/'), current.clone().unwrap_or_else(|| "/".into())),
            logo: config.branding.logo_url.as_deref(),
            business,
            contact: &config.contact,
            nav: config
                .pages
                .iter()
                .map(|p| NavItem {
                    title: &p.title,
                    href: page_path(p),
                    current: current.as_deref() == Some(&page_path(p)),
                })
                .collect(),
            page,
            page_starts_with_hero: page
                .and_then(|p| p.sections.first())
                .is_some_and(|s| matches!(s.content, SectionContent::Hero { .. })),
            labels: labels(config.language),
            inline_css: None,
        }
    }

    fn render_template(&self, name: &str, context: &PageContext<'_>) -> Result<String, RenderError> {
        Ok(self.env.get_template(name)?.render(Serde(context))?)
    }

    /// One page as HTML with its stylesheet inside it: the wizard's live preview, shown in
    /// a sandboxed frame before the site exists anywhere. `slug` is empty for the home page.
    pub fn render_page(&self, config: &SiteConfig, base_url: &str, slug: &str) -> Result<String, RenderError> {
        let errors = config.validate();
        if !errors.is_empty() {
            return Err(RenderError::Invalid(errors));
        }
        let page = config.pages.iter().find(|p| p.slug == slug).ok_or_else(|| RenderError::NoSuchPage(slug.into()))?;
        let context =
            PageContext { inline_css: Some(stylesheet(config)), ..self.context(config, base_url, Some(page)) };
        self.render_template("page.html", &context)
    }

    /// The whole site. `base_url` is where it will be served (`https://bakery.sites.example`).
    pub fn render_site(&self, config: &SiteConfig, base_url: &str) -> Result<Build, RenderError> {
        let errors = config.validate();
        if !errors.is_empty() {
            return Err(RenderError::Invalid(errors));
        }
        let mut files = BTreeMap::new();
        for page in &config.pages {
            let html = self.render_template("page.html", &self.context(config, base_url, Some(page)))?;
            let path = match page_path(page).as_str() {
                "/" => "index.html".to_owned(),
                other => format!("{}index.html", other.trim_start_matches('/')),
            };
            files.insert(path, html.into_bytes());
        }
        let not_found = self.render_template("not_found.html", &self.context(config, base_url, None))?;
        files.insert("404.html".into(), not_found.into_bytes());
        files.insert("style.css".into(), stylesheet(config).into_bytes());
        files.insert("sitemap.xml".into(), sitemap(config, base_url).into_bytes());
        let base = base_url.trim_end_matches('/');
        files.insert(
            "robots.txt".into(),
            format!("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n").into_bytes(),
        );
        let content_hash = content_hash(&files);
        Ok(Build { files, content_hash })
    }
}

/// The brand's variables (validated `#rrggbb` colours, a fixed font stack) over the
/// shared base and the template's own sheet.
pub fn stylesheet(config: &SiteConfig) -> String {
    let branding = &config.branding;
    let template_css = match config.template {
        atelier_types::site::Template::Classic => include_str!("../templates/classic.css"),
        atelier_types::site::Template::Bold => include_str!("../templates/bold.css"),
        atelier_types::site::Template::Minimal => include_str!("../templates/minimal.css"),
    };
    format!(
        ":root{{--primary:{primary};--on-primary:{on_primary};--accent:{accent};--on-accent:{on_accent};--font:{font}}}\n{base}{template}",
        primary = branding.primary_color,
        on_primary = readable_text_on(&branding.primary_color),
        accent = branding.accent_color,
        on_accent = readable_text_on(&branding.accent_color),
        font = font_stack(branding.font),
        base = include_str!("../templates/base.css"),
        template = template_css,
    )
}

fn sitemap(config: &SiteConfig, base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    let urls: String = config
        .pages
        .iter()
        .map(|p| format!("  <url><loc>{}</loc></url>\n", xml_escape(&format!("{base}{}", page_path(p)))))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{urls}</urlset>\n"
    )
}

/// SHA-256 over (path, length, bytes) of every file, in path order.
pub fn content_hash(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in files {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    }
    hex::encode(hasher.finalize())
}

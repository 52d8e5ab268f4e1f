// In tests a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use atelier_sitegen::sample::{bakery, ten_pages};
use atelier_sitegen::{RenderError, Renderer};
use atelier_types::site::{SiteConfig, Template};
use serde_json::Value;

const BASE: &str = "https://le-petit-four.sites.localhost";

fn render(config: &SiteConfig) -> atelier_sitegen::Build {
    Renderer::new().unwrap().render_site(config, BASE).unwrap()
}

fn text(build: &atelier_sitegen::Build, path: &str) -> String {
    String::from_utf8(build.files[path].clone()).unwrap()
}

/// The HTML with `&#x2f;` shown as `/` (the escaper encodes slashes; browsers decode them).
fn readable(build: &atelier_sitegen::Build, path: &str) -> String {
    text(build, path).replace("&#x2f;", "/")
}

#[test]
fn a_site_is_a_folder_of_pages_styles_sitemap_robots_and_404() {
    let build = render(&bakery(Template::Classic));
    let paths: Vec<&str> = build.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "404.html",
            "about/index.html",
            "contact/index.html",
            "index.html",
            "robots.txt",
            "services/index.html",
            "sitemap.xml",
            "style.css"
        ]
    );
    let home = readable(&build, "index.html");
    assert!(home.contains("<title>Le Petit Four</title>"));
    assert!(home.contains("Baked this morning, a few steps from you"));
    assert!(home.contains(r#"<a href="/services/">Our bakes</a>"#));
    assert!(home.contains(r#"<a href="/" aria-current="page">Home</a>"#));
    assert!(home.contains(r#"<link rel="canonical" href="https://le-petit-four.sites.localhost/">"#));
    let about = readable(&build, "about/index.html");
    assert!(about.contains("<title>About · Le Petit Four</title>"));
    assert!(about.contains("<p>Today a team of six"), "paragraphs are split on blank lines");
    assert!(text(&build, "sitemap.xml").contains("<loc>https://le-petit-four.sites.localhost/contact/</loc>"));
    assert_eq!(
        text(&build, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://le-petit-four.sites.localhost/sitemap.xml\n"
    );
    let css = text(&build, "style.css");
    assert!(css.starts_with(":root{--primary:#7c2d12;--on-primary:#ffffff;--accent:#f59e0b;--on-accent:#111111;"));
    assert!(text(&build, "404.html").contains("This page does not exist."));
}

#[test]
fn the_ten_page_benchmark_site_is_valid_and_renders_every_page() {
    // The render benchmark's input: broken, the benchmark would measure an error path.
    for template in Template::ALL {
        let build = render(&ten_pages(template));
        assert_eq!(build.files.keys().filter(|p| p.ends_with("index.html")).count(), 10);
    }
}

#[test]
fn the_same_config_renders_byte_identical_files_and_hash() {
    let renderer = Renderer::new().unwrap();
    let config = bakery(Template::Bold);
    let first = renderer.render_site(&config, BASE).unwrap();
    let second = Renderer::new().unwrap().render_site(&config.clone(), BASE).unwrap();
    assert_eq!(first, second);
    assert_eq!(first.content_hash.len(), 64);

    let mut changed = config.clone();
    changed.business.tagline.push('!');
    assert_ne!(renderer.render_site(&changed, BASE).unwrap().content_hash, first.content_hash);
    let other_template = renderer.render_site(&bakery(Template::Minimal), BASE).unwrap();
    assert_ne!(other_template.content_hash, first.content_hash);
}

#[test]
fn the_three_templates_match_their_snapshots() {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("tests/snapshots");
    // Asked to, the test rewrites what changed and still fails: an update is reviewed
    // (`git diff`) and the test run again. CI never rewrites.
    let rewrite = std::env::var_os("UPDATE_SNAPSHOTS").is_some() && std::env::var_os("CI").is_none();
    let mut changed = Vec::new();
    for template in Template::ALL {
        let build = render(&bakery(template));
        for file in ["index.html", "style.css"] {
            let path = dir.join(format!("{}-{}", template.as_str(), file));
            let rendered = text(&build, file);
            let pinned = std::fs::read_to_string(&path).unwrap_or_default();
            if pinned != rendered {
                if rewrite {
                    std::fs::write(&path, &rendered).unwrap();
                }
                changed.push(path.display().to_string());
            }
        }
    }
    assert!(
        changed.is_empty(),
        "{} changed; {}",
        changed.join(", "),
        if rewrite {
            "rewritten: review `git diff` and run the tests again"
        } else {
            "review and rewrite with UPDATE_SNAPSHOTS=1 cargo xtask test"
        }
    );
}

#[test]
fn the_preview_renders_one_page_and_refuses_bad_input() {
    let renderer = Renderer::new().unwrap();
    let config = bakery(Template::Minimal);
    let services = renderer.render_page(&config, BASE, "services").unwrap();
    assert!(services.contains("Country sourdough") && services.contains("€6.50"));
    // The preview has nowhere to fetch /style.css from: the brand's sheet is inside it.
    assert!(services.contains("<style>") && services.contains(&config.branding.primary_color));
    assert!(!services.contains("href=\"/style.css\""));
    assert!(matches!(renderer.render_page(&config, BASE, "nope"), Err(RenderError::NoSuchPage(_))));

    let mut invalid = config;
    invalid.branding.primary_color = "red".into();
    invalid.pages[0].title.clear();
    match renderer.render_page(&invalid, BASE, "") {
        Err(RenderError::Invalid(fields)) => {
            let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(names, ["branding.primary_color", "pages[0].title"]);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "'><iframe src=javascript:alert(1)>",
    "</title><script>alert(document.cookie)</script>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "{{ 7*7 }}{% raw %}",
    "<body onload=alert(1)>",
];

/// Keys whose values are free text a client types (ids, slugs, links, colours and enum
/// values have their own validation and are covered separately).
const TEXT_KEYS: &[&str] = &[
    "name",
    "tagline",
    "description",
    "title",
    "heading",
    "subheading",
    "body",
    "label",
    "quote",
    "author",
    "question",
    "answer",
    "alt",
    "intro",
    "price",
    "street",
    "postal_code",
    "city",
    "phone",
];

fn poison(value: &mut Value, counter: &mut usize) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if let Value::String(s) = v
                    && TEXT_KEYS.contains(&key.as_str())
                {
                    *s = XSS[*counter % XSS.len()].to_owned();
                    *counter += 1;
                } else {
                    poison(v, counter);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| poison(v, counter)),
        _ => {}
    }
}

/// The attributes of a tag's inside (`a href="x" class='y' hidden`), quotes respected.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut chars = tag.chars().skip_while(|c| !c.is_whitespace()).peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if name.is_empty() {
            return found;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.peek().copied() {
                Some(quote @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next_if(|c| *c != quote)).collect();
                    chars.next();
                }
                _ => value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect(),
            }
        }
        found.push((name, value));
    }
}

/// Every tag of the output: no script-capable element, no event handler, no `javascript:`
/// link. (User text is escaped, so it never contains a raw `<`.)
fn assert_no_executable_markup(path: &str, html: &str) {
    let lower = html.to_lowercase();
    for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or_default()) {
        let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or_default();
        assert!(!["script", "svg", "iframe", "object", "embed"].contains(&name), "{path}: executable element <{tag}>");
        for (attribute, value) in attributes(tag) {
            assert!(!attribute.starts_with("on"), "{path}: event handler in <{tag}>");
            let value = value.replace("&#x2f;", "/");
            assert!(!value.trim_start().starts_with("javascript:"), "{path}: javascript: link in <{tag}>");
        }
    }
    assert!(!html.contains("49"), "{path}: template syntax in user text was evaluated");
}

#[test]
fn hostile_text_in_every_field_renders_as_harmless_text() {
    for template in Template::ALL {
        let mut json = serde_json::to_value(bakery(template)).unwrap();
        let mut poisoned = 0;
        poison(&mut json, &mut poisoned);
        assert!(poisoned > 40, "only {poisoned} fields poisoned");
        let config: SiteConfig = serde_json::from_value(json).unwrap();
        assert_eq!(config.validate(), vec![], "the payloads are valid text");
        let build = render(&config);
        for (path, bytes) in &build.files {
            if path.ends_with(".html") {
                assert_no_executable_markup(path, &String::from_utf8(bytes.clone()).unwrap());
            }
        }
        // The hostile text is still shown to visitors, as text.
        let home = readable(&build, "index.html");
        assert!(home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{home}");
    }
}

#[test]
fn executable_links_are_refused_by_validation() {
    for href in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>x</script>", "//evil.example"] {
        let mut config = bakery(Template::Classic);
        config.contact.social[0].href = href.into();
        let err = Renderer::new().unwrap().render_site(&config, BASE).unwrap_err();
        let RenderError::Invalid(fields) = err else { panic!("{href}: expected Invalid") };
        assert_eq!(fields[0].field, "contact.social[0].href");
        assert_eq!(fields[0].code, "invalid_link");
    }
}

//! Whatever a client types into a valid Mode Rapide form, the site generated from it passes
//! `SiteConfig::validate` and renders: the property over names and descriptions of every
//! allowed length and script (accents, emoji, right-to-left, punctuation, control
//! characters), every industry, both languages, any colour and e-mail the form accepts; and
//! the same for a section written again and for a page added later. A fixed seed and a few
//! thousand cases; what it found is kept below as regression cases.

use atelier_domain::content::{Brief, OfflineGenerator, sections_for_new_page};
use atelier_sitegen::Renderer;
use atelier_types::site::{Industry, Page, PageKind, Section, Seo, SiteConfig, SiteLanguage};
use atelier_types::sites::RapideRequest;
use atelier_types::validation::Validate;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Characters from every corner the form lets through.
fn character() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        2 => Just(' '),
        1 => prop::sample::select(vec!['é', 'ß', 'ç', 'Å', 'ø', 'œ', 'İ', 'ﬁ']),
        1 => prop::sample::select(vec!['🥐', '🏋', '👩', '🇫', '✨']),
        1 => proptest::char::range('\u{05d0}', '\u{05ea}'),
        1 => proptest::char::range('\u{0627}', '\u{064a}'),
        1 => prop::sample::select(vec!['&', '<', '>', '"', '\'', '·', '—', '{', '}', '\\', '%', '#', '/']),
        1 => prop::sample::select(vec!['\n', '\t', '\u{200f}', '\u{0301}']),
        1 => any::<char>(),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(character(), 0..=max).prop_map(|chars| chars.into_iter().collect())
}

fn request() -> impl Strategy<Value = RapideRequest> {
    (
        // Up to the form's 80 characters, and a little over to see them refused.
        text(84),
        prop::sample::select(Industry::ALL.to_vec()),
        prop_oneof![Just(String::new()), text(620)],
        prop::bool::ANY,
        prop::option::of(prop_oneof![Just("#4f46e5".to_owned()), "#[0-9a-f]{6}", text(8)]),
        prop::option::of(prop_oneof![
            Just("hello@shop.example".to_owned()),
            "[a-z]{1,20}@[a-z]{1,20}\\.[a-z]{2,6}",
            text(12)
        ]),
    )
        .prop_map(|(business_name, industry, description, french, primary_color, email)| RapideRequest {
            business_name,
            industry,
            description,
            language: if french { SiteLanguage::Fr } else { SiteLanguage::En },
            primary_color,
            email,
        })
}

/// The brief the API makes of a valid request (as `app::sites::rapide`).
fn brief_of(body: &RapideRequest) -> Brief {
    Brief {
        business_name: body.business_name.trim().to_owned(),
        industry: body.industry,
        description: body.description.trim().to_owned(),
        language: body.language,
        primary_color: body.primary_color.clone().filter(|c| !c.is_empty()),
        email: body.email.clone().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()),
    }
}

/// The site of `body`, then every section written again and a page of each kind added, each
/// step valid and rendered.
fn publishes(renderer: &Renderer, body: &RapideRequest, seed: u64) -> Result<(), String> {
    let brief = brief_of(body);
    let mut site: SiteConfig = OfflineGenerator.site(&brief, seed);
    let check = |site: &SiteConfig, what: &str| -> Result<(), String> {
        let errors = site.validate();
        if !errors.is_empty() {
            return Err(format!("{what}: {errors:?}"));
        }
        renderer.render_site(site, "https://shop.sites.example").map(drop).map_err(|e| format!("{what}: {e}"))
    };
    check(&site, "the new site")?;
    // "Regenerate this section", with another seed.
    for page in &mut site.pages {
        for section in &mut page.sections {
            if let Some(kind) = atelier_domain::content::SectionKind::of(&section.content) {
                section.content = OfflineGenerator.section(&brief, kind, seed.wrapping_add(1));
            }
        }
    }
    check(&site, "every section written again")?;
    // "Add a page" of each kind.
    for (kind, slug) in [(PageKind::Blog, "news"), (PageKind::Custom, "our-team"), (PageKind::About, "story")] {
        let sections = sections_for_new_page(&site, kind, slug)
            .into_iter()
            .map(|(id, section)| Section { id, content: OfflineGenerator.section(&brief, section, seed) })
            .collect();
        site.pages.push(Page { kind, slug: slug.into(), title: "New page".into(), seo: Seo::default(), sections });
    }
    check(&site, "pages added")
}

/// Forms tried (about two thirds of them valid).
const CASES: u32 = 2500;

#[test]
fn every_valid_form_gives_a_site_that_publishes() {
    let renderer = Renderer::new().unwrap();
    let config = Config { cases: CASES, failure_persistence: None, ..Config::default() };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let valid = std::cell::Cell::new(0u32);
    let result = runner.run(&(request(), any::<u64>()), |(body, seed)| {
        if !body.validate().is_empty() {
            // The API refuses it with the field named; nothing is generated.
            return Ok(());
        }
        valid.set(valid.get() + 1);
        publishes(&renderer, &body, seed).map_err(TestCaseError::fail)
    });
    println!("{CASES} cases, {} of them forms the API accepts", valid.get());
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(valid.get() > 1000, "too few valid forms were tried: {}", valid.get());
}

/// Found by hand and by the property: each once made a site whose deployment failed.
#[test]
fn the_names_that_broke_publishing_publish() {
    let renderer = Renderer::new().unwrap();
    let names = [
        // 64 characters: its SEO title ("name · Bakery") was over 70.
        "Boulangerie Pâtisserie Traditionnelle du Vieux Port de Marseille",
        // 80 characters, no space to cut at.
        &"x".repeat(80),
        // 80 characters of emoji.
        &"🥐".repeat(80),
    ];
    for name in names {
        for industry in Industry::ALL {
            for language in [SiteLanguage::En, SiteLanguage::Fr] {
                let body = RapideRequest {
                    business_name: name.to_owned(),
                    industry,
                    description: "é ".repeat(300),
                    language,
                    primary_color: None,
                    email: None,
                };
                assert!(body.validate().is_empty(), "{name}");
                publishes(&renderer, &body, 2026).unwrap_or_else(|e| panic!("{name} {industry:?} {language:?}: {e}"));
            }
        }
    }
}

#[test]
fn a_site_that_cannot_publish_says_what_to_fix_and_where() {
    let brief = brief_of(&RapideRequest {
        business_name: "Maison Test".into(),
        industry: Industry::Bakery,
        description: String::new(),
        language: SiteLanguage::En,
        primary_color: None,
        email: None,
    });
    let mut site = OfflineGenerator.site(&brief, 1);
    site.pages[0].seo.title = "x".repeat(71);
    let errors = site.validate();
    let told = atelier_sitegen::explain(&site, &errors);
    assert!(told.contains("the SEO title of the page \u{201c}Home\u{201d}: Use at most 70 characters."), "{told}");
    assert!(told.contains("step 7 (Contact & SEO)"), "{told}");
    assert!(!told.contains("pages[0]"), "no internal path: {told}");
}

//! A complete example site (a bakery), for tests, benchmarks and the demo.

use atelier_types::site::{
    Address, Branding, Business, Contact, Font, Image, Industry, Item, Link, Offer, Page, PageKind, Question,
    SITE_CONFIG_VERSION, Section, SectionContent, Seo, SiteConfig, SiteLanguage, Template, Testimonial,
};

fn section(id: &str, content: SectionContent) -> Section {
    Section { id: id.to_owned(), content }
}

fn page(kind: PageKind, slug: &str, title: &str, sections: Vec<Section>) -> Page {
    Page { kind, slug: slug.to_owned(), title: title.to_owned(), seo: Seo::default(), sections }
}

pub fn bakery(template: Template) -> SiteConfig {
    SiteConfig {
        version: SITE_CONFIG_VERSION,
        business: Business {
            name: "Le Petit Four".into(),
            industry: Industry::Bakery,
            tagline: "Bread and pastries baked before dawn".into(),
            description: "A neighbourhood bakery baking sourdough, viennoiseries and celebration cakes every morning."
                .into(),
        },
        template,
        language: SiteLanguage::En,
        branding: Branding {
            primary_color: "#7c2d12".into(),
            accent_color: "#f59e0b".into(),
            font: Font::Serif,
            logo_url: None,
        },
        pages: vec![
            page(
                PageKind::Home,
                "",
                "Home",
                vec![
                    section(
                        "hero",
                        SectionContent::Hero {
                            heading: "Baked this morning, a few steps from you".into(),
                            subheading: "Sourdough loaves, croissants and cakes made by hand since 1998.".into(),
                            button: Some(Link { label: "See what we bake".into(), href: "/services/".into() }),
                        },
                    ),
                    section(
                        "highlights",
                        SectionContent::Features {
                            heading: "Why neighbours come back".into(),
                            items: vec![
                                Item { title: "Slow sourdough".into(), body: "Forty-eight hours of fermentation for a crust that sings.".into() },
                                Item { title: "Local flour".into(), body: "Stone-milled wheat from farms within 60 km.".into() },
                                Item { title: "Open at 6:30".into(), body: "Warm bread on your way to work, every day but Monday.".into() },
                            ],
                        },
                    ),
                    section(
                        "reviews",
                        SectionContent::Testimonials {
                            heading: "What customers say".into(),
                            items: vec![
                                Testimonial { quote: "The best croissant in town, and I have tried them all.".into(), author: "Claire, regular".into() },
                                Testimonial { quote: "They made our wedding cake: everyone still talks about it.".into(), author: "Marc & Léa".into() },
                            ],
                        },
                    ),
                    section(
                        "order",
                        SectionContent::CallToAction {
                            heading: "Ordering a cake?".into(),
                            body: "Tell us the date and the number of guests; we answer within a day.".into(),
                            button: Link { label: "Write to us".into(), href: "mailto:bonjour@petitfour.example".into() },
                        },
                    ),
                ],
            ),
            page(
                PageKind::About,
                "about",
                "About",
                vec![section(
                    "story",
                    SectionContent::Text {
                        heading: "Our story".into(),
                        body: "Anne and Paul opened the bakery in 1998 with one oven and a starter from Anne's grandmother.\n\nToday a team of six bakes through the night so the shelves are full when the doors open.".into(),
                    },
                )],
            ),
            page(
                PageKind::Services,
                "services",
                "Our bakes",
                vec![
                    section(
                        "menu",
                        SectionContent::Services {
                            heading: "Every day".into(),
                            items: vec![
                                Offer { name: "Country sourdough".into(), description: "1 kg, wholemeal and rye".into(), price: "€6.50".into() },
                                Offer { name: "Butter croissant".into(), description: "Laminated with AOP butter".into(), price: "€1.40".into() },
                                Offer { name: "Celebration cakes".into(), description: "Made to order, from 6 guests".into(), price: "from €28".into() },
                            ],
                        },
                    ),
                    section(
                        "questions",
                        SectionContent::Faq {
                            heading: "Questions".into(),
                            items: vec![Question {
                                question: "Do you bake gluten-free?".into(),
                                answer: "Not yet: our bakehouse is full of flour, so we cannot promise it.".into(),
                            }],
                        },
                    ),
                    section(
                        "photos",
                        SectionContent::Gallery {
                            heading: "From the oven".into(),
                            images: vec![Image { url: "/images/loaves.jpg".into(), alt: "Sourdough loaves cooling on a rack".into() }],
                        },
                    ),
                ],
            ),
            page(
                PageKind::Contact,
                "contact",
                "Contact",
                vec![section(
                    "visit",
                    SectionContent::ContactDetails {
                        heading: "Visit us".into(),
                        intro: "Tuesday to Sunday, 6:30 to 19:30.".into(),
                    },
                )],
            ),
        ],
        contact: Contact {
            email: "bonjour@petitfour.example".into(),
            phone: "+33 1 23 45 67 89".into(),
            address: Address {
                street: "12 rue des Boulangers".into(),
                postal_code: "75005".into(),
                city: "Paris".into(),
                country: "FR".into(),
            },
            social: vec![Link { label: "Instagram".into(), href: "https://instagram.example/petitfour".into() }],
        },
        custom_domains: vec![],
        media: vec![],
    }
}

/// The bakery with six more text pages: ten pages in all (the render benchmark's site).
pub fn ten_pages(template: Template) -> SiteConfig {
    let mut config = bakery(template);
    for i in 1..=6 {
        config.pages.push(page(
            PageKind::Custom,
            &format!("journal-{i}"),
            &format!("Journal {i}"),
            vec![section(
                &format!("entry-{i}"),
                SectionContent::Text {
                    heading: format!("Notes from the bakehouse, week {i}"),
                    body: "We tried a new rye blend this week.\n\nThe starter is happier in the cold months.".repeat(4),
                },
            )],
        ));
    }
    config
}

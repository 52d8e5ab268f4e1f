//! A site written by the offline generator and rendered, to look at:
//! `cargo run -p atelier-sitegen --example generated_site -- /tmp/gen photography fr`

use atelier_domain::content::{Brief, OfflineGenerator};
use atelier_types::site::{Industry, SiteLanguage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "generated".into());
    let industry: Industry =
        serde_json::from_value(serde_json::Value::String(args.next().unwrap_or_else(|| "bakery".into())))?;
    let language = if args.next().as_deref() == Some("fr") { SiteLanguage::Fr } else { SiteLanguage::En };
    let brief = Brief {
        business_name: "Atelier Lumière".into(),
        industry,
        description: String::new(),
        language,
        primary_color: None,
        email: Some("bonjour@lumiere.example".into()),
    };
    let config = OfflineGenerator.site(&brief, 2026);
    let build = atelier_sitegen::Renderer::new()?.render_site(&config, "http://localhost")?;
    build.write_to(std::path::Path::new(&out))?;
    println!("{} files in {out} ({})", build.files.len(), &build.content_hash[..12]);
    Ok(())
}

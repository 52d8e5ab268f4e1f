//! Writes the sample bakery site in every template, to look at it in a browser:
//! `cargo run -p atelier-sitegen --example render_sample -- /tmp/sites`
//! then serve `/tmp/sites/<template>/` with any static file server.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "sites".into());
    let renderer = atelier_sitegen::Renderer::new()?;
    for template in atelier_types::site::Template::ALL {
        let dir = std::path::Path::new(&out).join(template.as_str());
        let build = renderer.render_site(&atelier_sitegen::sample::bakery(template), "http://localhost")?;
        build.write_to(&dir)?;
        println!("{} → {} ({})", template.as_str(), dir.display(), &build.content_hash[..12]);
    }
    Ok(())
}

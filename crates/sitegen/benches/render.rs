//! Render time of a 10-page site, median of many runs, per template; the 4-page sample is
//! measured in the same run as the baseline, so the ratio shows how the cost scales with pages.
//! Run with `cargo xtask bench render`.

#![allow(clippy::unwrap_used)] // a benchmark: failing loudly is right

use std::time::{Duration, Instant};

use atelier_sitegen::Renderer;
use atelier_sitegen::sample::{bakery, ten_pages};
use atelier_types::site::{SiteConfig, Template};

const RUNS: usize = 400;

fn median_render(renderer: &Renderer, config: &SiteConfig) -> (Duration, usize, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut shape = (0, 0);
    for _ in 0..RUNS {
        let started = Instant::now();
        let build = renderer.render_site(config, "https://bench.sites.localhost").unwrap();
        times.push(started.elapsed());
        shape = (build.files.len(), build.files.values().map(Vec::len).sum());
    }
    times.sort();
    (times[RUNS / 2], shape.0, shape.1)
}

fn main() {
    let renderer = Renderer::new().unwrap();
    println!("render bench: median of {RUNS} renders (validation, every page, CSS, sitemap, hash)");
    for template in Template::ALL {
        let (ten, files, bytes) = median_render(&renderer, &ten_pages(template));
        let (four, _, _) = median_render(&renderer, &bakery(template));
        println!(
            "  {:<8} 10 pages: {:>7.1} µs ({files} files, {:.1} KB)   4 pages: {:>7.1} µs   ratio {:.2}",
            template.as_str(),
            ten.as_secs_f64() * 1e6,
            bytes as f64 / 1024.0,
            four.as_secs_f64() * 1e6,
            ten.as_secs_f64() / four.as_secs_f64()
        );
    }
}

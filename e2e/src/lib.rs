//! Browser tests live in `tests/browser.rs`; this crate has no library code.
//!
//! They start the real server on a fresh database with the real release builds of the three
//! apps (`dist/`, built by `cargo xtask test`), drive Debian's Chromium through chromedriver,
//! and save a screenshot of every test, passing or failing, to `e2e/screenshots/`.

//! The three apps in a real browser. Each test saves `screenshots/<test>.png` (or
//! `<test>-FAILED.png`), so a failure can be looked at.

// In tests a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod apps;
mod billing;
mod console;
mod notifications;
mod orders;
mod sites;

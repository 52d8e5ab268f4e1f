//! Business rules with no I/O.

pub mod access;
pub mod billing;
pub mod content;
pub mod orders;
pub mod tokens;
mod vocabulary;

pub use access::{HostScope, may_sign_in};

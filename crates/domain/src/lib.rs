//! Business rules with no I/O.

pub mod access;
pub mod content;
pub mod orders;
mod vocabulary;

pub use access::{HostScope, may_sign_in};

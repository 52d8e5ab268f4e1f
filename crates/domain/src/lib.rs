//! Business rules with no I/O.

pub mod access;

pub use access::{HostScope, may_sign_in};

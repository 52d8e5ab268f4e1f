//! One file per page (one folder for a large area such as the wizard), grouped by app. Pages
//! call `crate::api` for data and `crate::i18n` for every word they show.

pub mod forgot_password;
pub mod notifications;
pub mod profile;
#[cfg(feature = "clients")]
pub mod register;
pub mod reset_password;
pub mod sign_in;

#[cfg(feature = "clients")]
pub mod clients;
#[cfg(feature = "staff")]
pub mod staff;
#[cfg(feature = "writers")]
pub mod writers;

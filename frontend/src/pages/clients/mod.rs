//! The clients app's pages: sites (list, new, Mode Rapide, site, deployments, the wizard) and
//! content orders.

#[cfg(feature = "billing")]
pub mod billing;
pub mod deploy;
pub mod home;
pub mod new_order;
pub mod new_site;
pub mod order;
pub mod orders;
pub mod rapide;
pub mod site;
pub mod sites;
#[cfg(feature = "wizard")]
pub mod wizard;

//! The writers app's pages: dashboard, open orders, my orders, the workspace and earnings.

pub mod available;
pub mod dashboard;
pub mod earnings;
pub mod my_orders;
pub mod workspace;

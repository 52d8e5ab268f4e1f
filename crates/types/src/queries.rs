//! Query strings of the API's endpoints, shared by the server (which documents them) and
//! the apps (which send them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct CustomerQuery {
    /// Part of a name or e-mail address.
    #[serde(default)]
    pub q: String,
    /// Only this website's customers.
    #[serde(default)]
    pub website: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AuditQuery {
    /// Only this website's entries.
    #[serde(default)]
    pub website: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct SitesQuery {
    /// Only sites in this state (`live`, `failed`, `stopped`, …).
    #[serde(default)]
    pub status: String,
    /// Only this website's sites.
    #[serde(default)]
    pub website: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct LogoQuery {
    /// The file's name, with its extension: `logo.png`, `logo.jpg`, `logo.webp`.
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct Period {
    /// First day (UTC), `2026-11-01`; 29 days before `to` when left out.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day (UTC), included; today when left out.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Only this website.
    #[serde(default)]
    pub website: Option<Uuid>,
}

/// A page of a list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListQuery {
    /// 1-based; default 1.
    pub page: Option<u32>,
    /// 1–100; default 20.
    pub per_page: Option<u32>,
}

/// Which page of a site to preview.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PreviewQuery {
    /// The page's slug; the home page when absent.
    #[serde(default)]
    pub page: String,
}

/// Which lines of a deployment's log.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct LogQuery {
    /// Lines after this sequence number (0: from the start).
    #[serde(default)]
    pub after: i32,
    /// At most this many lines (1–1000, default 500).
    pub limit: Option<i64>,
}

/// A file attached to an order's conversation (the body is the file).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct UploadQuery {
    /// The file's name, with its extension (it decides the accepted type).
    pub name: String,
    /// A line to send with the file.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct NotificationsQuery {
    /// Older than this notification (the last page's `next_before`); none: the newest.
    #[serde(default)]
    pub before: Option<i64>,
    /// How many, 1 to 50 (20 by default).
    #[serde(default)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct InvoicesQuery {
    /// Only this website's invoices.
    #[serde(default)]
    pub website: Option<Uuid>,
    /// Only invoices in this state.
    #[serde(default)]
    pub status: Option<crate::billing::InvoiceStatus>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DocumentQuery {
    /// `html` (the default: a page to print) or `pdf`.
    #[serde(default)]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct RevenueQuery {
    /// Only this website's figures.
    #[serde(default)]
    pub website: Option<Uuid>,
}

//! Tenants (websites/brands) as the public sees them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the clients app shows before anyone logs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantBranding {
    pub id: Uuid,
    #[cfg_attr(feature = "openapi", schema(example = "acme"))]
    pub slug: String,
    #[cfg_attr(feature = "openapi", schema(example = "Acme Sites"))]
    pub name: String,
    /// Absolute or root-relative URL of the logo, if one was uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `#rrggbb`.
    #[cfg_attr(feature = "openapi", schema(example = "#e11d48"))]
    pub theme_color: String,
    pub contact_email: String,
    /// ISO 4217 code.
    #[cfg_attr(feature = "openapi", schema(example = "EUR"))]
    pub currency: String,
    /// The domain links and e-mails should use.
    #[cfg_attr(feature = "openapi", schema(example = "acme.localhost"))]
    pub primary_domain: String,
}

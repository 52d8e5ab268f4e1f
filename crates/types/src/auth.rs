//! Accounts, roles and the auth endpoints' bodies.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::tenant::TenantBranding;

/// What a user is allowed to be. Clients belong to exactly one tenant; everyone else is
/// platform-wide and reaches tenants through assignments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum Role {
    Client,
    Writer,
    Editor,
    Support,
    Admin,
    Superadmin,
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Client, Role::Writer, Role::Editor, Role::Support, Role::Admin, Role::Superadmin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Writer => "writer",
            Role::Editor => "editor",
            Role::Support => "support",
            Role::Admin => "admin",
            Role::Superadmin => "superadmin",
        }
    }

    /// Roles that use the staff app.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Editor | Role::Support | Role::Admin | Role::Superadmin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRole(pub String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown role `{}`", self.0)
    }
}

impl std::error::Error for UnknownRole {}

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// Which of the three apps (or the bare API) a host serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppKind {
    /// A tenant's own domain: the branded clients app.
    Clients,
    Writers,
    Staff,
    /// The API-only platform host.
    Api,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    #[cfg_attr(feature = "openapi", schema(example = "jane@example.com"))]
    pub email: String,
    /// At least 10 characters.
    #[cfg_attr(feature = "openapi", schema(example = "correct horse battery"))]
    pub password: String,
    #[cfg_attr(feature = "openapi", schema(example = "Jane Doe"))]
    pub display_name: String,
    /// A client's referral code (from their link): they are credited after this account's
    /// first payment. An unknown code is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "client@acme.example"))]
    pub email: String,
    pub password: String,
}

/// The language mail is written in for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Fr];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }
}

/// Asks for a password reset link. The answer is the same whether or not the address has an
/// account on this host; the link goes to the address only if it has.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    #[cfg_attr(feature = "openapi", schema(example = "client@acme.example"))]
    pub email: String,
}

/// Sets a new password with the secret from a reset link (once, within an hour). Every
/// session of the account ends; the answer is a new one, on this host.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetConfirm {
    pub token: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoutRequest {
    pub refresh_token: String,
}

/// A fresh pair of tokens. The access token goes in `Authorization: Bearer …`; the refresh
/// token is single-use: each refresh returns a new one and retires the old.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub refresh_token: String,
    /// Seconds until the refresh token expires.
    pub refresh_expires_in: i64,
    pub user: Me,
}

/// The signed-in user, as `GET /api/v1/me` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The app this session belongs to (decided by the host it was opened on).
    pub app: AppKind,
    /// The client's tenant; absent for platform users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<TenantBranding>,
    /// Tenants a writer or staff member is assigned to (empty for clients; a superadmin
    /// reaches every tenant whatever this lists).
    #[serde(default)]
    pub assigned_tenants: Vec<Uuid>,
    /// The language the apps and mail speak to this person in.
    #[serde(default)]
    pub language: Language,
    /// Whether the account's address is confirmed. An unconfirmed client can build sites
    /// but cannot deploy or order (`email_unverified`) until they open the link mailed to them.
    #[serde(default = "verified_by_default")]
    pub email_verified: bool,
    /// An address the account asked to move to, waiting for its confirmation link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_email: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn verified_by_default() -> bool {
    true
}

/// The answer to a registration: the same whether or not the address already had an account
/// here (its owner is told by mail instead). A new account can sign in at once with the
/// password it chose; it confirms its address with the link mailed to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationAccepted {
    /// The address (normalised) the mail went to.
    pub email: String,
}

/// Confirms an address with the secret from a verification link (once, within a day) and the
/// account's password: only the person who made the account (or changed its address) can.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerificationConfirm {
    pub token: String,
    pub password: String,
}

/// Changes what a person is called and which language the apps and mail use. Absent fields
/// stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}

/// Changes the password; the current one is needed. Every session ends, this one included;
/// the answer is a new session.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Asks to move the account to another address; the current password is needed. The account
/// keeps its address until the link mailed to the new one is opened.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailChange {
    #[cfg_attr(feature = "openapi", schema(example = "new.address@example.com"))]
    pub new_email: String,
    pub current_password: String,
}

/// One signed-in session (one sign-in, on one device).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub id: Uuid,
    pub app: AppKind,
    /// The browser and system, read from the user agent at sign-in ("Firefox on Linux").
    pub device: String,
    pub signed_in_at: DateTime<Utc>,
    /// Its last refresh (or its sign-in).
    pub last_used_at: DateTime<Utc>,
    /// The session this request is made with.
    pub current: bool,
}

/// What a personal access token may do: read or change one area. A token used outside its
/// scopes is refused with `403 insufficient_scope`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TokenScope {
    #[serde(rename = "sites:read")]
    SitesRead,
    #[serde(rename = "sites:write")]
    SitesWrite,
    #[serde(rename = "deployments:read")]
    DeploymentsRead,
    #[serde(rename = "deployments:write")]
    DeploymentsWrite,
    #[serde(rename = "orders:read")]
    OrdersRead,
    #[serde(rename = "orders:write")]
    OrdersWrite,
}

impl TokenScope {
    pub const ALL: [TokenScope; 6] = [
        TokenScope::SitesRead,
        TokenScope::SitesWrite,
        TokenScope::DeploymentsRead,
        TokenScope::DeploymentsWrite,
        TokenScope::OrdersRead,
        TokenScope::OrdersWrite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::SitesRead => "sites:read",
            TokenScope::SitesWrite => "sites:write",
            TokenScope::DeploymentsRead => "deployments:read",
            TokenScope::DeploymentsWrite => "deployments:write",
            TokenScope::OrdersRead => "orders:read",
            TokenScope::OrdersWrite => "orders:write",
        }
    }

    pub fn parse(text: &str) -> Option<TokenScope> {
        TokenScope::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// A write scope also reads its area.
    pub fn covers(self, needed: TokenScope) -> bool {
        self == needed
            || matches!(
                (self, needed),
                (TokenScope::SitesWrite, TokenScope::SitesRead)
                    | (TokenScope::DeploymentsWrite, TokenScope::DeploymentsRead)
                    | (TokenScope::OrdersWrite, TokenScope::OrdersRead)
            )
    }
}

/// A new personal access token for a third party.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAccessToken {
    /// What it is for ("CI deploys").
    #[cfg_attr(feature = "openapi", schema(example = "CI deploys"))]
    pub name: String,
    /// At least one.
    pub scopes: Vec<TokenScope>,
    /// Days until it stops working (1–365); absent: it works until revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_days: Option<u32>,
}

/// A personal access token as its owner sees it (never its secret again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessTokenInfo {
    pub id: Uuid,
    pub name: String,
    /// The token's first characters (`atl_3f9a1c2b`), to recognise it.
    pub prefix: String,
    pub scopes: Vec<TokenScope>,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token just made: `token` is shown this once; only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedAccessToken {
    /// `Authorization: Bearer <token>`.
    pub token: String,
    #[serde(flatten)]
    pub info: AccessTokenInfo,
}

//! The signed-in user as an extractor: `Authorization: Bearer <access token>`, checked
//! against the audience of the host the request arrived on.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use atelier_types::Role;
use futures_util::future::LocalBoxFuture;
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_app::accounts::access_tokens;
use atelier_app::accounts::tokens::AccessTokenError;
use atelier_app::{AppError, Caller, Kind};
use atelier_domain::tokens::{TokenNeed, token_need};

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: Uuid,
    pub role: Role,
    /// The client's tenant.
    pub tenant_id: Option<Uuid>,
    /// When the access token was issued (milliseconds since the epoch).
    pub issued_at: i64,
    /// The session (sign-in) it belongs to.
    pub session: Option<Uuid>,
}

impl AuthUser {
    /// The caller of a use case: this account on the request's host.
    pub fn at(self, host: HostContext) -> Caller {
        Caller { id: self.id, role: self.role, tenant_id: self.tenant_id, host: host.0, session: self.session }
    }
}

fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| ApiError::unauthorized("unauthenticated", "Sign in to continue."))
}

/// A session's access token (a JWT for this host's audience).
fn from_access_token(state: &AppState, token: &str, scope: atelier_domain::HostScope) -> Result<AuthUser, ApiError> {
    let claims = state.tokens.verify(token, scope).map_err(|e| match e {
        AccessTokenError::Expired => {
            ApiError::unauthorized("token_expired", "Your session has expired. Refresh it or sign in again.")
        }
        AccessTokenError::Invalid => {
            ApiError::unauthorized("invalid_token", "Your session is not valid on this site. Sign in again.")
        }
    })?;
    Ok(AuthUser {
        id: claims.sub,
        role: claims.role,
        tenant_id: claims.tid,
        issued_at: claims.iat_ms,
        session: claims.sid,
    })
}

/// A personal access token (`atl_…`): live, made on this host, of an active account, and with
/// a scope that covers this operation.
async fn from_personal_token(
    state: &AppState,
    host: &HostContext,
    token: &str,
    method: &str,
    path: &str,
) -> Result<AuthUser, ApiError> {
    let holder = access_tokens::holder(state, host, token).await?.ok_or_else(|| {
        ApiError::unauthorized(
            "invalid_token",
            "This access token was revoked, has expired, or was made on another site. Make a new one.",
        )
    })?;
    let refused = |message: String| ApiError::from(AppError::new(Kind::Forbidden, "insufficient_scope", message));
    match token_need(method, path) {
        TokenNeed::SessionOnly => {
            return Err(refused(
                "Access tokens cannot do this: sign in to the app (your account, sessions and tokens are yours alone)."
                    .to_owned(),
            ));
        }
        TokenNeed::Scope(needed) if !holder.scopes.iter().any(|s| s.covers(needed)) => {
            return Err(refused(format!("This access token lacks the `{}` scope.", needed.as_str())));
        }
        _ => {}
    }
    Ok(AuthUser {
        id: holder.user_id,
        role: holder.role,
        tenant_id: holder.tenant_id,
        issued_at: i64::MAX,
        session: None,
    })
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    /// A valid token of an account that is still active: a suspended or deactivated account
    /// is refused at its next request (as of a second ago at most), whatever its token says.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<Data<AppState>>().cloned();
        let host = req.extensions().get::<HostContext>().cloned();
        let token = bearer(req);
        let (method, path) = (req.method().as_str().to_owned(), req.path().to_owned());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
            let host =
                host.ok_or_else(|| ApiError::internal(anyhow::anyhow!("host not resolved before authentication")))?;
            let token = token?;
            if token.starts_with(access_tokens::TOKEN_PREFIX) {
                return from_personal_token(&state, &host, &token, &method, &path).await;
            }
            let user = from_access_token(&state, &token, host.scope)?;
            if !state.session_counts(user.id, user.issued_at, user.session).await? {
                return Err(atelier_app::accounts::account_gone().into());
            }
            Ok(user)
        })
    }
}

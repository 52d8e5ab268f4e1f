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
use atelier_app::Caller;
use atelier_app::accounts::tokens::AccessTokenError;

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

fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    let state =
        req.app_data::<Data<AppState>>().ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
    let scope = req
        .extensions()
        .get::<HostContext>()
        .map(|c| c.scope)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("host not resolved before authentication")))?;
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("unauthenticated", "Sign in to continue."))?;
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

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    /// A valid token of an account that is still active: a suspended or deactivated account
    /// is refused at its next request (as of a second ago at most), whatever its token says.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = authenticate(req);
        let state = req.app_data::<Data<AppState>>().cloned();
        Box::pin(async move {
            let user = user?;
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
            if !state.session_counts(user.id, user.issued_at, user.session).await? {
                return Err(ApiError::unauthorized(
                    "unauthenticated",
                    "Your account is no longer available. Sign in again.",
                ));
            }
            Ok(user)
        })
    }
}

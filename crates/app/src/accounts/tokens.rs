//! Access tokens (short-lived JWTs bound to the host's audience) and opaque refresh tokens
//! (random, stored as SHA-256 digests).

use atelier_domain::HostScope;
use atelier_types::Role;
use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub role: Role,
    /// The client's tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<Uuid>,
    /// The host scope the session was opened on (see `HostScope::audience`).
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// When it was issued, in milliseconds: a password change ends the sessions opened before
    /// it to the millisecond (the new session opened right after still counts).
    #[serde(default)]
    pub iat_ms: i64,
    /// The session (refresh-token family) it belongs to: signing that session out stops it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Uuid>,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub access_ttl_secs: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum AccessTokenError {
    Expired,
    Invalid,
}

impl TokenKeys {
    pub fn new(secret: &SecretString, access_ttl_secs: i64) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        Self { encoding: EncodingKey::from_secret(bytes), decoding: DecodingKey::from_secret(bytes), access_ttl_secs }
    }

    pub fn issue(
        &self,
        user: Uuid,
        role: Role,
        tenant: Option<Uuid>,
        scope: HostScope,
        session: Option<Uuid>,
    ) -> anyhow::Result<String> {
        let issued = Utc::now();
        let now = issued.timestamp();
        let claims = Claims {
            sub: user,
            role,
            tid: tenant,
            aud: scope.audience(),
            iat: now,
            exp: now + self.access_ttl_secs,
            iat_ms: issued.timestamp_millis(),
            sid: session,
        };
        Ok(jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?)
    }

    /// Checks signature, expiry (5 s of leeway for clock skew) and that the token was issued
    /// for this host's audience.
    pub fn verify(&self, token: &str, scope: HostScope) -> Result<Claims, AccessTokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_audience(&[scope.audience()]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).map(|data| data.claims).map_err(|e| match e
            .kind()
        {
            ErrorKind::ExpiredSignature => AccessTokenError::Expired,
            _ => AccessTokenError::Invalid,
        })
    }
}

/// A new opaque refresh token (256 random bits, hex) and the digest stored for it.
pub fn new_refresh_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let digest = refresh_digest(&token);
    (token, digest)
}

pub fn refresh_digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ttl: i64) -> TokenKeys {
        TokenKeys::new(&SecretString::from("k".repeat(32)), ttl)
    }

    #[test]
    fn a_token_is_accepted_only_on_its_own_audience() {
        let tenant = Uuid::new_v4();
        let token =
            keys(60).issue(Uuid::new_v4(), Role::Client, Some(tenant), HostScope::Tenant(tenant), None).unwrap();
        assert!(keys(60).verify(&token, HostScope::Tenant(tenant)).is_ok());
        assert_eq!(keys(60).verify(&token, HostScope::Tenant(Uuid::new_v4())).unwrap_err(), AccessTokenError::Invalid);
        assert_eq!(keys(60).verify(&token, HostScope::Staff).unwrap_err(), AccessTokenError::Invalid);
    }

    #[test]
    fn expired_and_forged_tokens_are_told_apart() {
        let expired = keys(-60).issue(Uuid::new_v4(), Role::Writer, None, HostScope::Writers, None).unwrap();
        assert_eq!(keys(60).verify(&expired, HostScope::Writers).unwrap_err(), AccessTokenError::Expired);
        let other_key = TokenKeys::new(&SecretString::from("x".repeat(32)), 60);
        let forged = other_key.issue(Uuid::new_v4(), Role::Superadmin, None, HostScope::Staff, None).unwrap();
        assert_eq!(keys(60).verify(&forged, HostScope::Staff).unwrap_err(), AccessTokenError::Invalid);
    }

    #[test]
    fn refresh_tokens_are_unique_and_stored_as_digests() {
        let (a, digest_a) = new_refresh_token();
        let (b, _) = new_refresh_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(digest_a, refresh_digest(&a));
        assert_ne!(digest_a, a.as_bytes());
    }
}

//! The one error type handlers return, and the hooks that route actix's own failures
//! (bad JSON, bad query strings, unknown routes) into the same JSON envelope.

use std::fmt;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use atelier_app::{AppError, Kind};
use atelier_db::{DbError, ViolationKind};
use atelier_types::{ErrorBody, ErrorDetails, FieldError};

/// An API failure: what the user sees (`status`, `code`, `message`, field details) and,
/// for unexpected failures, the cause that is logged but never shown.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<FieldError>,
    retry_after_secs: Option<u64>,
    cause: Option<anyhow::Error>,
}

pub type ApiResult<T> = Result<T, ApiError>;

/// `Ok` when the body passes its shared validation rules, else 422 with every field.
pub fn validated<T: atelier_types::validation::Validate>(body: &T) -> ApiResult<()> {
    let errors = body.validate();
    if errors.is_empty() { Ok(()) } else { Err(ApiError::validation(errors)) }
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), fields: Vec::new(), retry_after_secs: None, cause: None }
    }

    /// 422 with one entry per invalid field.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = match fields.len() {
            1 => fields[0].message.clone(),
            _ => "Some fields need attention.".to_owned(),
        };
        Self { fields, ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", message) }
    }

    /// Adds field details (for a 409 that names the state it met, say).
    pub fn with_fields(mut self, fields: Vec<FieldError>) -> Self {
        self.fields = fields;
        self
    }

    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }

    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// The one answer for every failed sign-in, whatever the reason, so nobody can learn
    /// from it whether an account exists or where it may sign in.
    pub fn invalid_credentials() -> Self {
        Self::unauthorized("invalid_credentials", "The e-mail address or password is incorrect.")
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let minutes = retry_after_secs.div_ceil(60).max(1);
        Self {
            retry_after_secs: Some(retry_after_secs),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                format!(
                    "Too many sign-in attempts. Try again in {minutes} minute{}.",
                    if minutes == 1 { "" } else { "s" }
                ),
            )
        }
    }

    /// A dependency (Redis, PostgreSQL) is down: 503, cause logged.
    pub fn unavailable(what: &str, cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                format!("{what} is temporarily unavailable. Please try again in a moment."),
            )
        }
    }

    /// Anything we did not foresee: logged with its cause chain, shown as an opaque 500.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our side. It has been logged; please try again.",
            )
        }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code.to_owned(),
            message: self.message.clone(),
            details: (!self.fields.is_empty()).then(|| ErrorDetails { fields: self.fields.clone() }),
        }
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status.as_u16())
            .field("code", &self.code)
            .field("cause", &self.cause)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Some(cause) => write!(f, "{}: {cause:#}", self.code),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        if let Some(cause) = &self.cause {
            // `{:#}` prints the whole context chain on one line.
            tracing::error!(error.code = self.code, error.cause = format!("{cause:#}"), "request failed");
        }
        let mut response = HttpResponse::build(self.status);
        if let Some(secs) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        response.json(self.body())
    }
}

impl From<AppError> for ApiError {
    /// A use case's failure, as HTTP says it: its kind decides the status.
    fn from(err: AppError) -> Self {
        let status = match err.kind {
            Kind::Malformed => StatusCode::BAD_REQUEST,
            Kind::Unauthenticated => StatusCode::UNAUTHORIZED,
            Kind::Forbidden => StatusCode::FORBIDDEN,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::Conflict => StatusCode::CONFLICT,
            Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::UnsupportedContent => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Kind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            Kind::TooMany => StatusCode::TOO_MANY_REQUESTS,
            Kind::Upstream => StatusCode::BAD_GATEWAY,
            Kind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self {
            status,
            code: err.code,
            message: err.message,
            fields: err.fields,
            retry_after_secs: err.retry_after_secs,
            cause: err.cause,
        }
    }
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Violation(v) => {
                let status = match v.kind {
                    ViolationKind::Conflict => StatusCode::CONFLICT,
                    ViolationKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
                };
                Self {
                    fields: vec![FieldError::new(v.field, v.code, v.message)],
                    ..Self::new(status, v.code, v.message)
                }
            }
            DbError::Sqlx(e @ (sqlx::Error::PoolTimedOut | sqlx::Error::Io(_))) => Self::unavailable("The database", e),
            DbError::Sqlx(e) => Self::internal(e),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        Self::internal(err)
    }
}

/// `serde_json` says "missing field `email`"; turn that into a field error the form can show.
fn missing_field(message: &str) -> Option<FieldError> {
    let rest = message.strip_prefix("missing field `")?;
    let name = &rest[..rest.find('`')?];
    Some(FieldError::new(name, "required", format!("`{name}` is required.")))
}

pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::ContentType => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as JSON with the header `Content-Type: application/json`.",
        ),
        JsonPayloadError::Overflow { limit } | JsonPayloadError::OverflowKnownLength { limit, .. } => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("The request body is larger than the {limit} bytes this endpoint accepts."),
        ),
        JsonPayloadError::Deserialize(de) if de.is_data() => {
            let message = de.to_string();
            let fields = missing_field(&message).into_iter().collect();
            ApiError {
                fields,
                ..ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_body",
                    format!("The JSON body does not have the expected shape: {message}."),
                )
            }
        }
        JsonPayloadError::Deserialize(de) => ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            format!("The request body is not valid JSON: {de}."),
        ),
        other => ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("The request body could not be read: {other}."),
        ),
    };
    api.into()
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", format!("The query string is not valid: {err}.")).into()
}

pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("No resource matches this path: {err}.")).into()
}

/// The response for requests no route matches.
pub async fn no_route(req: HttpRequest) -> ApiResult<HttpResponse> {
    Err(ApiError::not_found("not_found", format!("No route matches {} {}.", req.method(), req.path())))
}

/// Last line of defence: any error response that is not already our JSON (a timeout from
/// the server, a panic caught by actix, a 405 from a guard) is rewritten into the envelope.
pub fn envelope_non_json_errors<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    // A published site's own answer (its 404 page), passed through by the local proxy.
    let from_a_site = res.headers().contains_key(crate::proxy::BUILD_HEADER);
    if is_json || from_a_site {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "Nothing is here.".to_owned()),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "This method is not allowed here.".to_owned()),
        StatusCode::REQUEST_TIMEOUT => ("request_timeout", "The request took too long to arrive.".to_owned()),
        s if s.is_server_error() => {
            ("internal_error", "Something went wrong on our side. It has been logged; please try again.".to_owned())
        }
        s => {
            ("bad_request", format!("The request could not be handled ({}).", s.canonical_reason().unwrap_or("error")))
        }
    };
    let body = ErrorBody { code: code.to_owned(), message, details: None };
    let (req, res) = res.into_parts();
    let mut rebuilt = HttpResponse::build(status);
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rebuilt.append_header((name.clone(), value.clone()));
        }
    }
    rebuilt.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/json")));
    let response = rebuilt.json(body);
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, response).map_into_right_body()))
}

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
use atelier_db::DbError;
use atelier_types::{ErrorBody, ErrorDetails, FieldError};

/// An API failure: a use case's [`AppError`] (what the user sees and, for unexpected
/// failures, the cause that is logged but never shown), answered with the HTTP status its
/// kind maps to. The constructors are the application's; this type only adds HTTP.
pub struct ApiError(AppError);

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(kind: Kind, code: &'static str, message: impl Into<String>) -> Self {
        Self(AppError::new(kind, code, message))
    }

    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self(AppError::not_found(code, message))
    }

    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> Self {
        Self(AppError::unauthorized(code, message))
    }

    /// A dependency (Redis, PostgreSQL) is down: 503, cause logged.
    pub fn unavailable(what: &str, cause: impl Into<anyhow::Error>) -> Self {
        Self(AppError::unavailable(what, cause))
    }

    /// Anything we did not foresee: logged with its cause chain, shown as an opaque 500.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self(AppError::internal(cause))
    }

    /// Adds field details.
    pub fn with_fields(self, fields: Vec<FieldError>) -> Self {
        Self(self.0.with_fields(fields))
    }

    fn body(&self) -> ErrorBody {
        let e = &self.0;
        ErrorBody {
            code: e.code.to_owned(),
            message: e.message.clone(),
            details: (!e.fields.is_empty() || e.quota.is_some())
                .then(|| ErrorDetails { fields: e.fields.clone(), quota: e.quota }),
        }
    }
}

/// The status that says a failure of this kind.
fn status_of(kind: Kind) -> StatusCode {
    match kind {
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
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &status_of(self.0.kind).as_u16())
            .field("code", &self.0.code)
            .field("cause", &self.0.cause)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        status_of(self.0.kind)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        if let Some(cause) = &self.0.cause {
            // `{:#}` prints the whole context chain on one line.
            tracing::error!(error.code = self.0.code, error.cause = format!("{cause:#}"), "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let Some(secs) = self.0.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        response.json(self.body())
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        Self(AppError::from(err))
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        Self(AppError::internal(err))
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
            Kind::UnsupportedContent,
            "unsupported_media_type",
            "Send the body as JSON with the header `Content-Type: application/json`.",
        ),
        JsonPayloadError::Overflow { limit } | JsonPayloadError::OverflowKnownLength { limit, .. } => ApiError::new(
            Kind::TooLarge,
            "payload_too_large",
            format!("The request body is larger than the {limit} bytes this endpoint accepts."),
        ),
        JsonPayloadError::Deserialize(de) if de.is_data() => {
            let message = de.to_string();
            let fields = missing_field(&message).into_iter().collect();
            ApiError::new(
                Kind::Invalid,
                "invalid_body",
                format!("The JSON body does not have the expected shape: {message}."),
            )
            .with_fields(fields)
        }
        JsonPayloadError::Deserialize(de) => {
            ApiError::new(Kind::Malformed, "malformed_json", format!("The request body is not valid JSON: {de}."))
        }
        other => ApiError::new(Kind::Malformed, "bad_request", format!("The request body could not be read: {other}.")),
    };
    api.into()
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(Kind::Malformed, "invalid_query", format!("The query string is not valid: {err}.")).into()
}

pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(Kind::NotFound, "not_found", format!("No resource matches this path: {err}.")).into()
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

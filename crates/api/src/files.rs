//! Reading an uploaded file from the request body, refused with a clean 413 as soon as it is
//! too large. Which files are accepted and where they are kept: `atelier_app::files`.

/// A request body, refused with a clean 413 as soon as it exceeds `limit` bytes.
pub async fn read_body(mut payload: actix_web::web::Payload, limit: usize) -> crate::error::ApiResult<Vec<u8>> {
    use atelier_app::Kind;
    use futures_util::StreamExt;
    let mut body = actix_web::web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            crate::error::ApiError::new(
                Kind::Malformed,
                "upload_interrupted",
                format!("The upload did not arrive whole: {e}"),
            )
        })?;
        if body.len() + chunk.len() > limit {
            return Err(crate::error::ApiError::new(
                Kind::TooLarge,
                "file_too_large",
                format!("Send at most {} MB.", limit / (1024 * 1024)),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.to_vec())
}

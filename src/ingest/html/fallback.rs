//! The second reading of a page in which the fast reader found nothing but
//! chrome: html2text (html5ever's error-recovering parser), whole page, no
//! chrome removal.

use super::flat::max_depth;

/// Nesting depth up to which [`fallback_text`] may run (html2text's renderer recurses).
const FALLBACK_MAX_DEPTH: usize = 256;
/// Words a line needs to count as prose in [`fallback_text`].
const FALLBACK_MIN_WORDS: usize = 8;

/// The whole page as text through html2text, with no chrome removal. Too slow
/// to be the first reading (11-14 MB/s), and it recurses, so deeply nested pages
/// are not given to it. A page with no line of prose (only menus, link lists, a
/// copyright line) gives `None`: such a page is all chrome and stays unindexed.
pub fn fallback_text(html: &str) -> Option<String> {
    if max_depth(html.as_bytes()) > FALLBACK_MAX_DEPTH {
        return None;
    }
    let text = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .string_from_read(html.as_bytes(), 100_000)
        .ok()?;
    let prose = |line: &str| line.split_whitespace().count() >= FALLBACK_MIN_WORDS;
    text.lines().any(prose).then_some(text)
}

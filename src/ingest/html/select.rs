//! Block selection: which blocks of a page are its article. Chrome elements are
//! dropped unless they hold the content; the longest `<article>`, else the
//! `<main>`, is the root when it holds enough of what is left; link lists go;
//! the title and a date found only in metadata are added.
//!
//! Two rules read the shape of the text rather than the markup:
//!
//! - **Prose decides over class names.** When dropping the chrome elements would
//!   drop almost all of the page's prose (blocks that read as sentences, with
//!   little link text), a class or role name was wrong (a blog engine's
//!   `widget` wrapper, a `modal-enabled` article box): the chrome element holding
//!   most of the prose is kept, then the next, until the prose is back.
//! - **The header zone and the tail.** Between the headline and the first block
//!   that reads as a sentence stand the kicker, byline, date line and share
//!   labels; after the last such block stand labels and teasers ("Top video",
//!   "Read more"). Both are dropped, the `<h1>` kept. A date is not lost by it:
//!   the metadata date (or the content's first `<time datetime>`) becomes the
//!   "Published:" line, and when the page has neither, header lines that name a
//!   year stay.
//!
//! A heading that is the site's name (`og:site_name`, or the " | Site name"
//! suffix of the `<title>`) is chrome: it is neither the title nor text.

use super::blocks::{Page, Span};
use super::hints::has_year;

/// Text and title of an HTML page.
#[derive(Debug, Default)]
pub struct HtmlText {
    pub text: String,
    pub title: Option<String>,
}

/// Whether the header zone and the tail are trimmed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Edges {
    Trim,
    #[cfg_attr(not(test), allow(dead_code))]
    Keep,
}

/// The article of a page read into blocks.
pub(super) fn select(mut page: Page, edges: Edges) -> HtmlText {
    let n = page.blocks.len();
    let dropped = dropped_blocks(&page);
    let (lo, hi) = root(&page, &dropped).map_or((0, n), |s| (s.start, s.end));
    let keep: Vec<usize> = (lo..hi)
        .filter(|&i| !dropped[i])
        .filter(|&i| {
            let b = &page.blocks[i];
            // Link lists: a block that is mostly link text.
            b.heading == 1 || b.link_chars * 10 < b.chars * 6
        })
        .collect();
    // The first `<time>` of the content, a date if the header zone goes.
    let time_date = page
        .time_blocks
        .iter()
        .zip(&page.time_dates)
        .find(|(b, _)| keep.binary_search(b).is_ok())
        .map(|(_, d)| d.clone());
    // A heading that is the site's name (a blog's `<h1>` masthead) is chrome.
    let keep: Vec<usize> = keep
        .into_iter()
        .filter(|&i| page.blocks[i].heading == 0 || !page.hints.is_site_name(page.block_text(i)))
        .collect();
    let date_known = page.hints.date.is_some() || time_date.is_some();
    let keep = match edges {
        Edges::Trim => trim_edges(&page, keep, date_known),
        Edges::Keep => keep,
    };
    let title_h1 = keep
        .iter()
        .find(|&&i| page.blocks[i].heading == 1)
        .map(|&i| page.block_text(i).to_string());
    let hints = std::mem::take(&mut page.hints);
    let date = hints.date.clone().or(time_date);
    let title = hints.title(title_h1);
    // A date only in metadata goes into the text for the date extractor.
    let mut kept = vec![false; n];
    for &i in &keep {
        kept[i] = true;
    }
    let has_time = page.time_blocks.iter().any(|&b| b < n && kept[b]);
    let published = match (date, has_time) {
        (Some(d), false) => Some(format!("Published: {d}")),
        _ => None,
    };
    HtmlText {
        text: assemble(&page, &keep, published.as_deref()),
        title,
    }
}

/// Dropping chrome is taken to have dropped the article itself when it keeps
/// less than this share of the page's prose (in %) and less than
/// [`MIN_KEPT_PROSE`] bytes of it (a couple of sentences).
const MIN_KEPT_PROSE_PCT: usize = 15;
const MIN_KEPT_PROSE: usize = 500;
/// How many chrome elements may be kept back for holding the prose.
const MAX_RESCUES: usize = 8;

/// Blocks inside chrome elements that do not hold the content; chrome elements
/// that hold the page's prose are kept when dropping them would leave almost
/// none of it.
fn dropped_blocks(page: &Page) -> Vec<bool> {
    let prose: Vec<usize> = (0..page.blocks.len())
        .map(|i| {
            if is_prose(page, i) {
                page.blocks[i].chars
            } else {
                0
            }
        })
        .collect();
    let total_prose: usize = prose.iter().sum();
    let mut rescued = vec![false; page.chrome.len()];
    let mut dropped = dropped_by_chrome(page, &rescued);
    for _ in 0..MAX_RESCUES {
        let kept: usize = (0..prose.len())
            .filter(|&i| !dropped[i])
            .map(|i| prose[i])
            .sum();
        if total_prose == 0
            || kept >= MIN_KEPT_PROSE
            || kept * 100 >= total_prose * MIN_KEPT_PROSE_PCT
        {
            break;
        }
        // The chrome element holding the most of the dropped prose (the outer
        // one of equals: spans are in document order, outer first), if it
        // holds half the page's prose (one comment among many does not).
        let best = page
            .chrome
            .iter()
            .enumerate()
            .filter(|(c, _)| !rescued[*c])
            .map(|(c, s)| {
                let held: usize = (s.start.min(s.end)..s.end)
                    .filter(|&i| dropped[i])
                    .map(|i| prose[i])
                    .sum();
                (held, c)
            })
            .filter(|(held, _)| *held > 0 && *held * 2 >= total_prose)
            .max_by_key(|&(held, c)| (held, std::cmp::Reverse(c)));
        let Some((_, c)) = best else { break };
        rescued[c] = true;
        dropped = dropped_by_chrome(page, &rescued);
    }
    dropped
}

/// A block that reads as running text: a sentence (six words or more, ending
/// in terminal punctuation) or twenty words, outside headings, and not mostly
/// link text.
fn is_prose(page: &Page, i: usize) -> bool {
    let b = &page.blocks[i];
    b.heading == 0 && b.link_chars * 10 < b.chars * 3 && is_sentence(page.block_text(i))
}

/// Text that reads as a sentence: six words or more ending in terminal
/// punctuation, or twenty words.
fn is_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let mut words = 0;
    let mut in_word = false;
    for c in t.chars() {
        let w = c.is_alphanumeric() || c == '_';
        if w && !in_word {
            words += 1;
            if words >= 20 {
                return true;
            }
        }
        in_word = w;
    }
    words >= 6 && t.ends_with(['.', '!', '?', '"', '\u{201d}', '\u{2019}', ')', '\u{2026}'])
}

/// The kept blocks without the header zone before the first sentence (the
/// `<h1>` stays, and so do lines naming a year when the page has no date) and
/// without the labels and teasers after the last one. Unchanged when no block
/// reads as a sentence.
fn trim_edges(page: &Page, keep: Vec<usize>, date_known: bool) -> Vec<usize> {
    let sentence = |i: usize| page.blocks[i].heading == 0 && is_sentence(page.block_text(i));
    let Some(first) = keep.iter().position(|&i| sentence(i)) else {
        return keep;
    };
    let last = keep.iter().rposition(|&i| sentence(i)).unwrap_or(first);
    keep.iter()
        .enumerate()
        .filter(|&(k, &i)| {
            (first..=last).contains(&k)
                || k < first
                    && (page.blocks[i].heading == 1 || !date_known && has_year(page.block_text(i)))
        })
        .map(|(_, &i)| i)
        .collect()
}

/// Blocks inside chrome elements that do not hold the content, the `rescued`
/// chrome elements apart.
fn dropped_by_chrome(page: &Page, rescued: &[bool]) -> Vec<bool> {
    let n = page.blocks.len();
    // Prefix sums of block sizes.
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0usize);
    for b in &page.blocks {
        prefix.push(prefix.last().copied().unwrap_or(0) + b.chars);
    }
    let total = prefix[n];
    let size = |s: &Span| prefix[s.end] - prefix[s.start.min(s.end)];
    let content_spans: Vec<Span> = page
        .articles
        .iter()
        .chain(page.main_spans.iter())
        .copied()
        .filter(|s| size(s) * 4 >= total)
        .collect();
    let mut dropped = vec![false; n];
    let mut dropped_until = 0;
    for (ci, c) in page.chrome.iter().enumerate() {
        if rescued[ci] {
            continue;
        }
        let holds_content = content_spans
            .iter()
            .any(|s| c.start <= s.start && s.end <= c.end);
        let holds_most = content_spans.is_empty() && size(c) * 10 >= total * 6 && total > 0;
        // Spans come in document order; blocks already dropped by an
        // enclosing span are not walked again (linear for nested chrome).
        if holds_content || holds_most || c.end <= dropped_until {
            continue;
        }
        for d in &mut dropped[c.start.max(dropped_until).min(c.end)..c.end] {
            *d = true;
        }
        dropped_until = dropped_until.max(c.end);
    }
    dropped
}

/// The span the article is read from: the largest `<article>`, else the largest
/// `<main>`, when it holds a quarter of the kept text or 1000 bytes.
fn root(page: &Page, dropped: &[bool]) -> Option<Span> {
    let kept_size = |s: &Span| {
        (s.start..s.end)
            .filter(|&i| !dropped[i])
            .map(|i| page.blocks[i].chars)
            .sum::<usize>()
    };
    let kept_total: usize = (0..page.blocks.len())
        .filter(|&i| !dropped[i])
        .map(|i| page.blocks[i].chars)
        .sum();
    let largest = |spans: &[Span]| {
        spans
            .iter()
            .map(|s| (kept_size(s), *s))
            .max_by_key(|(k, _)| *k)
    };
    match (largest(&page.articles), largest(&page.main_spans)) {
        (Some((k, s)), _) if k * 4 >= kept_total || k >= 1000 => Some(s),
        (_, Some((k, s))) if k * 4 >= kept_total || k >= 1000 => Some(s),
        _ => None,
    }
}

/// The kept blocks as paragraphs, with the "Published:" line after a leading
/// `<h1>` (or first).
fn assemble(page: &Page, keep: &[usize], published: Option<&str>) -> String {
    let mut text = String::with_capacity(
        keep.iter()
            .map(|&i| page.blocks[i].chars + 2)
            .sum::<usize>()
            + 32,
    );
    let mut inserted = published.is_none();
    for (k, &i) in keep.iter().enumerate() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        if !(inserted || k == 0 && page.blocks[i].heading == 1) {
            if let Some(p) = published {
                text.push_str(p);
                text.push_str("\n\n");
            }
            inserted = true;
        }
        text.push_str(page.block_text(i));
    }
    if !inserted && let Some(p) = published {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(p);
    }
    text
}

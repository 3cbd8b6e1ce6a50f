//! Block selection: which blocks of a page are its article. Chrome elements are
//! dropped unless they hold the content; the longest `<article>`, else the
//! `<main>`, is the root when it holds enough of what is left; link lists go;
//! the title and a date found only in metadata are added.

use super::blocks::{Page, Span};

/// Text and title of an HTML page.
#[derive(Debug, Default)]
pub struct HtmlText {
    pub text: String,
    pub title: Option<String>,
}

/// The article of a page read into blocks.
pub(super) fn select(mut page: Page) -> HtmlText {
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
    let title_h1 = keep
        .iter()
        .find(|&&i| page.blocks[i].heading == 1)
        .map(|&i| page.block_text(i).to_string());
    let hints = std::mem::take(&mut page.hints);
    let date = hints.date.clone();
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

/// Blocks inside chrome elements that do not hold the content.
fn dropped_blocks(page: &Page) -> Vec<bool> {
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
    for c in &page.chrome {
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

//! What the extractor hands to block selection: the page's text cut into blocks,
//! and the spans of blocks that content and chrome elements cover.

use super::hints::Hints;

/// A run of text between block boundaries (`out[start..end]`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Block {
    pub start: usize,
    pub end: usize,
    pub chars: usize,
    /// Bytes of the block inside `<a href>` elements.
    pub link_chars: usize,
    /// Level of the heading the block is in (0 outside headings).
    pub heading: u8,
}

/// An element's span of blocks `[start, end)`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span that starts at block `start` and is still open.
    pub(super) fn open(start: usize) -> Span {
        Span {
            start,
            end: usize::MAX,
        }
    }
}

/// A page read into blocks.
#[derive(Default)]
pub(super) struct Page {
    /// The text of every block, back to back.
    pub out: String,
    pub blocks: Vec<Block>,
    /// Outermost `<article>` elements.
    pub articles: Vec<Span>,
    /// Outermost `<main>` / `[role=main]` elements.
    pub main_spans: Vec<Span>,
    /// Chrome elements, in document order.
    pub chrome: Vec<Span>,
    /// Blocks holding a `<time>` element's text.
    pub time_blocks: Vec<usize>,
    /// The date of each of those `<time datetime>` elements, `YYYY-MM-DD`.
    pub time_dates: Vec<String>,
    pub hints: Hints,
}

impl Page {
    pub(super) fn block_text(&self, i: usize) -> &str {
        let b = &self.blocks[i];
        &self.out[b.start..b.end]
    }
}

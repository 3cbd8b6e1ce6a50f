//! The element stack: tokens in, blocks of text out. HTML's implied end tags for
//! `p`, `li`, `dt`/`dd`, table rows and cells keep unclosed elements from
//! swallowing the rest of the page; each block records the heading it is in and
//! its share of link text, and the spans of article, main and chrome elements
//! are recorded for block selection. No tree is built.

use super::attrs::TagAttrs;
use super::blocks::{Block, Page, Span};
use super::chrome::is_chrome_tag;
use super::collapse::push_collapsed;
use super::elements::{Kind, breaks_block, closes_p, implied_end_scope, kind_of};
use super::entities::decode_entities_into;
use super::hints::{has_year, iso_date};
use super::tokenizer::{Name, Token};

/// How far down the stack an end tag looks for its start tag.
const END_TAG_SEARCH: usize = 64;
/// Hard cap on the element stack (the depth scan normally keeps far below it).
const MAX_STACK: usize = 4096;

/// An open element.
#[derive(Clone, Copy)]
struct Open {
    name: Name,
    kind: Kind,
    hidden: bool,
    /// Index of its span in `Page::chrome`, for a chrome element.
    range: Option<u32>,
    article: bool,
    main: bool,
    link: bool,
    pre: bool,
    /// Index into `times`, for a `<time datetime>`.
    time: Option<u32>,
    prev_heading: u8,
}

impl Open {
    fn new(name: Name, kind: Kind, hidden: bool) -> Open {
        Open {
            name,
            kind,
            hidden,
            range: None,
            article: false,
            main: false,
            link: false,
            pre: false,
            time: None,
            prev_heading: 0,
        }
    }
}

#[derive(Default)]
pub(super) struct Extractor {
    page: Page,
    stack: Vec<Open>,
    /// Open hidden elements, links, `<pre>`s, mains and articles.
    hidden: u32,
    links: u32,
    pre: u32,
    mains: u32,
    article: u32,
    /// Start of the current block in `page.out`.
    block_start: usize,
    block_links: usize,
    heading: u8,
    pending_space: bool,
    /// Open `<time datetime>` elements: where their text starts, and the date.
    times: Vec<(usize, String)>,
}

impl Extractor {
    pub(super) fn token(&mut self, t: Token<'_>) {
        match t {
            Token::Text(s) => self.text(s),
            Token::Start {
                name,
                attrs,
                self_closing,
            } => self.start(name, attrs, self_closing),
            Token::End(name) => self.end(name),
            Token::Raw(name, s) => self.raw(name, s),
        }
    }

    fn raw(&mut self, name: Name, s: &str) {
        match name.as_bytes() {
            b"title" if self.hidden == 0 => self.page.hints.title_element(s),
            b"script" => self.page.hints.script(s),
            b"plaintext" => self.text(s),
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.hidden > 0 {
            return;
        }
        let out = &mut self.page.out;
        let before = out.len();
        if self.pre > 0 {
            decode_entities_into(s, out);
        } else {
            push_collapsed(out, s, &mut self.pending_space, self.block_start);
        }
        if self.links > 0 {
            self.block_links += out.len() - before;
        }
    }

    fn start(&mut self, name: Name, attrs: &str, self_closing: bool) {
        let n = name.as_bytes();
        let kind = kind_of(n);
        if self.hidden == 0 {
            self.implied_ends(n);
        }
        let a = TagAttrs::read(attrs);
        if n == b"meta" {
            self.page.hints.meta(a.property, a.content);
        }
        if kind == Kind::Void || self_closing {
            if self.hidden == 0 {
                self.void_element(n, kind);
            }
            return;
        }
        if self.stack.len() >= MAX_STACK {
            // Too deep: keep reading text, stop tracking structure.
            if kind != Kind::Inline && self.hidden == 0 {
                self.flush_block();
            }
            return;
        }
        let hidden = kind == Kind::Hidden || a.invisible;
        let in_content = self.article > 0 || self.mains > 0;
        let structural = matches!(n, b"html" | b"body" | b"main" | b"article");
        let chrome = !hidden
            && self.hidden == 0
            && !structural
            && (is_chrome_tag(n)
                || (n == b"header" && !in_content)
                || a.role_chrome
                || a.class_id_chrome);
        if self.hidden == 0 && breaks_block(kind) {
            self.flush_block();
        }
        if self.hidden == 0 && kind == Kind::Cell && self.page.out.len() > self.block_start {
            self.pending_space = true;
        }
        let mut open = Open::new(name, kind, hidden);
        if hidden {
            self.hidden += 1;
        }
        if chrome {
            open.range = Some(self.page.chrome.len() as u32);
            self.page.chrome.push(Span::open(self.page.blocks.len()));
        }
        if self.hidden == 0 {
            self.enter_visible(&mut open, &a);
        }
        self.stack.push(open);
    }

    /// A void or self-closing element outside hidden content.
    fn void_element(&mut self, n: &[u8], kind: Kind) {
        match n {
            b"br" => {
                if self.page.out.len() > self.block_start {
                    self.page.out.push('\n');
                }
                self.pending_space = false;
            }
            b"hr" => self.flush_block(),
            b"img" => self.pending_space = true,
            _ if kind != Kind::Void && kind != Kind::Inline => self.flush_block(),
            _ => {}
        }
    }

    /// Record what a visible element opens: an article, main content, a link,
    /// preformatted text, a heading level, a `<time>` date.
    fn enter_visible(&mut self, open: &mut Open, a: &TagAttrs<'_>) {
        let name = open.name;
        let n = name.as_bytes();
        if n == b"article" {
            open.article = true;
            if self.article == 0 {
                self.page.articles.push(Span::open(self.page.blocks.len()));
            }
            self.article += 1;
        }
        if n == b"main" || a.role_main {
            open.main = true;
            if self.mains == 0 {
                self.page
                    .main_spans
                    .push(Span::open(self.page.blocks.len()));
            }
            self.mains += 1;
        }
        if n == b"a" && a.href {
            open.link = true;
            self.links += 1;
        }
        if n == b"pre" {
            open.pre = true;
            self.pre += 1;
        }
        if let Kind::Heading(h) = open.kind {
            open.prev_heading = self.heading;
            self.heading = h;
        }
        if n == b"time"
            && let Some(iso) = a.datetime.and_then(iso_date)
        {
            open.time = Some(self.times.len() as u32);
            self.times.push((self.page.out.len(), iso));
        }
    }

    /// HTML's implied end tags for the start tag `n`.
    fn implied_ends(&mut self, n: &[u8]) {
        if matches!(kind_of(n), Kind::Heading(_)) {
            if let Some(top) = self.stack.last()
                && matches!(top.kind, Kind::Heading(_))
            {
                self.pop_to(self.stack.len() - 1);
            }
        } else if let Some((targets, stops)) = implied_end_scope(n) {
            for i in (0..self.stack.len()).rev().take(END_TAG_SEARCH) {
                let name = self.stack[i].name;
                if targets.contains(&name.as_bytes()) {
                    self.pop_to(i);
                    break;
                }
                if stops.contains(&name.as_bytes()) {
                    break;
                }
            }
        }
        if closes_p(n) || matches!(n, b"li" | b"dt" | b"dd") {
            for i in (0..self.stack.len()).rev().take(END_TAG_SEARCH) {
                let open = self.stack[i];
                if open.name.as_bytes() == b"p" {
                    self.pop_to(i);
                    break;
                }
                if open.kind != Kind::Inline {
                    break;
                }
            }
        }
    }

    fn end(&mut self, name: Name) {
        let n = name.as_bytes();
        for i in (0..self.stack.len()).rev().take(END_TAG_SEARCH) {
            if self.stack[i].name == name {
                self.pop_to(i);
                return;
            }
        }
        if self.hidden == 0 && (n == b"p" || n == b"br") {
            // `</p>` without `<p>` is an empty paragraph; `</br>` is a line break.
            if n == b"br" && self.page.out.len() > self.block_start {
                self.page.out.push('\n');
            } else {
                self.flush_block();
            }
        }
    }

    /// Close the elements from the top of the stack down to index `i`.
    fn pop_to(&mut self, i: usize) {
        while self.stack.len() > i {
            let Some(open) = self.stack.pop() else { break };
            self.close(open);
        }
    }

    fn close(&mut self, open: Open) {
        if self.hidden == 0 && breaks_block(open.kind) {
            self.flush_block();
        }
        if open.hidden {
            self.hidden = self.hidden.saturating_sub(1);
        }
        if let Some(r) = open.range {
            self.flush_block();
            self.page.chrome[r as usize].end = self.page.blocks.len();
        }
        if open.article {
            self.flush_block();
            self.article = self.article.saturating_sub(1);
            if self.article == 0
                && let Some(span) = self.page.articles.last_mut()
            {
                span.end = self.page.blocks.len();
            }
        }
        if open.main {
            self.flush_block();
            self.mains = self.mains.saturating_sub(1);
            if self.mains == 0
                && let Some(span) = self.page.main_spans.last_mut()
            {
                span.end = self.page.blocks.len();
            }
        }
        if open.link {
            self.links = self.links.saturating_sub(1);
        }
        if open.pre {
            self.pre = self.pre.saturating_sub(1);
        }
        if let Some(t) = open.time {
            self.close_time(t as usize);
        }
        if matches!(open.kind, Kind::Heading(_)) {
            self.flush_block();
            self.heading = open.prev_heading;
        }
    }

    /// A `<time datetime>` whose text names no year gets the date after it.
    fn close_time(&mut self, t: usize) {
        let out = &mut self.page.out;
        let (at, iso) = &self.times[t];
        // The element's text: from its start, or from the current block's
        // start if blocks were flushed (or emptied) in between.
        let at = if *at <= out.len() && out.is_char_boundary(*at) {
            (*at).max(self.block_start)
        } else {
            self.block_start
        };
        if !has_year(&out[at..]) {
            if out.len() > self.block_start {
                out.push(' ');
            }
            out.push_str(iso);
        }
        self.page.time_blocks.push(self.page.blocks.len());
        self.page.time_dates.push(iso.clone());
    }

    fn flush_block(&mut self) {
        let start = self.block_start;
        let end = self.page.out.len();
        if end > start {
            let text = &self.page.out[start..end];
            if text.bytes().any(|b| b.is_ascii_alphanumeric())
                || text.chars().any(char::is_alphanumeric)
            {
                let chars = text.len();
                self.page.blocks.push(Block {
                    start,
                    end,
                    chars,
                    link_chars: self.block_links.min(chars),
                    heading: self.heading,
                });
            } else {
                self.page.out.truncate(start);
            }
        }
        self.block_start = self.page.out.len();
        self.block_links = 0;
        self.pending_space = false;
    }

    /// Close what is still open and hand the blocks on.
    pub(super) fn finish(mut self) -> Page {
        let open = std::mem::take(&mut self.stack);
        for o in open.into_iter().rev() {
            self.close(o);
        }
        self.flush_block();
        let mut page = self.page;
        let n = page.blocks.len();
        for s in page
            .articles
            .iter_mut()
            .chain(page.main_spans.iter_mut())
            .chain(page.chrome.iter_mut())
        {
            s.end = s.end.min(n);
        }
        page
    }
}

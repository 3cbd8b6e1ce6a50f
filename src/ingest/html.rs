//! HTML to text.
//!
//! A small streaming tokenizer (raw-text elements, comments, entities, quoted
//! attributes) feeds an element stack with HTML's implied-end-tag rules for `p`,
//! `li`, `dt`/`dd`, table rows and cells, so unclosed elements do not swallow the
//! rest of the page. No tree is built: text is collected into blocks, each tagged
//! with the article / main element it belongs to and its share of link text, and
//! the page's chrome is dropped afterwards:
//!
//! - never visible: `script`, `style`, `noscript`, `template`, `svg`, `iframe`,
//!   `button`, `select`, JSON-LD, `hidden` and `display: none` elements;
//! - site chrome: `nav`, `aside`, `form`, `footer`, `figcaption`, `header` outside
//!   the article, ARIA landmarks (`navigation`, `banner`, `contentinfo`, ...),
//!   `aria-hidden` elements and elements whose class or id names a chrome widget (cookie
//!   banners, comments, share bars, related / most-read lists, job widgets,
//!   newsletters), unless the element holds the article itself;
//! - the `<article>` (the longest one) or `<main>` / `[role=main]` content is
//!   preferred when present;
//! - blocks that are mostly link text (link lists) are dropped.
//!
//! The title comes from the `<h1>` of the content, else `og:title`, else the
//! `<title>` minus a " | Site name" suffix. A publication date found only in
//! metadata (`<time datetime>` outside the content, `article:published_time`,
//! JSON-LD `datePublished`) is added as a "Published: YYYY-MM-DD" line.
//!
//! Pages nested deeper than [`MAX_DEPTH`] (found by a cheap byte scan first) are
//! read by a flat pass that only strips tags, so nothing is recursive or quadratic.
//!
//! A page in which this reader finds only chrome is read again by [`fallback_text`]
//! (html2text) when it holds prose.
//!
//! Why not an HTML crate first: on the generated news pages (one core) html2text ran at
//! 11-14 MB/s, scraper (html5ever) at 62 MB/s, html5ever's tokenizer alone at
//! 79 MB/s and lol_html at 64-114 MB/s, far from the 100+ MB/s this stage needs;
//! tl parsed at 715 MB/s but nests unclosed `<li>` / `<p>` and does not treat
//! `<script>` as raw text, so one unclosed list item in a `<nav>` or a `"</div>"`
//! string in a script swallows the rest of the page. This reader runs at
//! 100-120 MB/s for the whole ingest of those pages. Named character references
//! come from the HTML standard's table (`web_atoms`, as used by html5ever).

use std::sync::LazyLock;

use regex::Regex;

use super::decode::windows_1252;

/// Nesting depth above which the flat tag-stripping pass is used.
pub const MAX_DEPTH: usize = 1500;
/// How far down the stack an end tag looks for its start tag.
const END_TAG_SEARCH: usize = 64;
/// Hard cap on the element stack (the depth scan normally keeps far below it).
const MAX_STACK: usize = 4096;

/// Nesting depth up to which [`fallback_text`] may run (html2text's renderer recurses).
const FALLBACK_MAX_DEPTH: usize = 256;
/// Words a line needs to count as prose in [`fallback_text`].
const FALLBACK_MIN_WORDS: usize = 8;

/// The whole page as text through html2text (html5ever's error-recovering parser),
/// with no chrome removal: the second reading of a page in which [`to_text`] found
/// nothing but chrome. Too slow to be the first reading (11-14 MB/s), and it
/// recurses, so deeply nested pages are not given to it. A page with no line of
/// prose (only menus, link lists, a copyright line) gives `None`: such a page is
/// all chrome and stays unindexed.
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

/// Text and title of an HTML page.
#[derive(Debug, Default)]
pub struct HtmlText {
    pub text: String,
    pub title: Option<String>,
}

/// Convert an HTML page to text with its chrome removed.
pub fn to_text(html: &str) -> HtmlText {
    if max_depth(html.as_bytes()) > MAX_DEPTH {
        return flat(html);
    }
    let mut ex = Extractor::default();
    let mut tok = Tokenizer::new(html);
    while let Some(t) = tok.next_token() {
        ex.token(t);
    }
    ex.finish()
}

// ------------------------------------------------------------------ tokenizer

/// A lower-cased tag name (truncated to 16 bytes; longer names are custom
/// elements that only need to match themselves).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct Name {
    buf: [u8; 16],
    len: u8,
}

impl Name {
    fn new(raw: &[u8]) -> Name {
        let mut n = Name::default();
        for (i, b) in raw.iter().take(16).enumerate() {
            n.buf[i] = b.to_ascii_lowercase();
        }
        n.len = raw.len().min(16) as u8;
        n
    }
    fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from_utf8_lossy(self.as_bytes()))
    }
}

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    Start {
        name: Name,
        attrs: &'a str,
        self_closing: bool,
    },
    End(Name),
    /// Content of a raw-text element (`script`, `style`, `title`, ...).
    Raw(Name, &'a str),
}

struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// A raw-text element was just opened: its content comes next.
    raw: Option<Name>,
}

fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"title"
            | b"textarea"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            src,
            pos: 0,
            raw: None,
        }
    }

    fn next_token(&mut self) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        if let Some(name) = self.raw.take() {
            let start = self.pos;
            let end = if name.as_bytes() == b"plaintext" {
                bytes.len()
            } else {
                find_end_tag(bytes, start, name.as_bytes())
            };
            self.pos = end;
            return Some(Token::Raw(name, &self.src[start..end]));
        }
        while self.pos < bytes.len() {
            let start = self.pos;
            if bytes[start] != b'<' {
                let end = memchr::memchr(b'<', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                self.pos = end;
                return Some(Token::Text(&self.src[start..end]));
            }
            let next = bytes.get(start + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                let name_end = scan_name(bytes, start + 1);
                let name = Name::new(&bytes[start + 1..name_end]);
                let (attrs_end, tag_end) = scan_tag_end(bytes, name_end);
                let self_closing = attrs_end > name_end && bytes[attrs_end - 1] == b'/';
                self.pos = tag_end;
                if !self_closing && is_raw_text(name.as_bytes()) {
                    self.raw = Some(name);
                }
                return Some(Token::Start {
                    name,
                    attrs: &self.src[name_end..attrs_end],
                    self_closing,
                });
            }
            if next == b'/' && bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
                let name_end = scan_name(bytes, start + 2);
                let name = Name::new(&bytes[start + 2..name_end]);
                self.pos = memchr::memchr(b'>', &bytes[name_end..])
                    .map_or(bytes.len(), |i| name_end + i + 1);
                return Some(Token::End(name));
            }
            if bytes[start..].starts_with(b"<!--") {
                self.pos = memchr::memmem::find(&bytes[start + 4..], b"-->")
                    .map_or(bytes.len(), |i| start + 4 + i + 3);
                continue;
            }
            if bytes[start..].starts_with(b"<![CDATA[") {
                let body = start + 9;
                let end =
                    memchr::memmem::find(&bytes[body..], b"]]>").map_or(bytes.len(), |i| body + i);
                self.pos = (end + 3).min(bytes.len());
                return Some(Token::Text(&self.src[body..end]));
            }
            if next == b'!' || next == b'?' || next == b'/' {
                // Doctype, processing instruction, bogus comment.
                self.pos =
                    memchr::memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
                continue;
            }
            // A lone '<' is text.
            let end =
                memchr::memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
            self.pos = end;
            return Some(Token::Text(&self.src[start..end]));
        }
        None
    }
}

fn scan_name(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'>')
    {
        i += 1;
    }
    i
}

/// From just after a tag name: (end of the attribute text, index after `>`).
/// Quoted values may contain `>`; an unterminated quote ends at the next `>`.
fn scan_tag_end(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut i = start;
    while let Some(off) = memchr::memchr3(b'>', b'"', b'\'', &bytes[i..]) {
        let at = i + off;
        if bytes[at] == b'>' {
            return (at, at + 1);
        }
        if !is_after_eq(bytes, start, at) {
            i = at + 1;
            continue;
        }
        match memchr::memchr(bytes[at], &bytes[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => {
                let gt = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |o| at + o);
                return (gt, (gt + 1).min(bytes.len()));
            }
        }
    }
    (bytes.len(), bytes.len())
}

/// True when the quote at `i` opens an attribute value (`=` before it, maybe
/// with spaces between).
fn is_after_eq(bytes: &[u8], start: usize, i: usize) -> bool {
    let mut j = i;
    while j > start {
        j -= 1;
        match bytes[j] {
            b' ' | b'\t' | b'\n' | b'\r' => continue,
            b'=' => return true,
            _ => return false,
        }
    }
    false
}

/// Index of `</name` (case-insensitive) at or after `from`, or the end.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + off;
        let after = at + 2;
        if bytes.len() >= after + name.len()
            && bytes[after..after + name.len()].eq_ignore_ascii_case(name)
            && bytes
                .get(after + name.len())
                .is_none_or(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
        {
            return at;
        }
        i = after;
    }
    bytes.len()
}

/// Iterate `(name, value)` over an attribute string (names lower-cased by the
/// caller's comparison; values still entity-encoded).
fn attributes(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/')
            {
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            let ns = i;
            while i < bytes.len()
                && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'=')
            {
                i += 1;
            }
            let name = &raw[ns..i];
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                let value = if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                    let q = bytes[i];
                    let vs = i + 1;
                    let ve = memchr::memchr(q, &bytes[vs..]).map_or(bytes.len(), |o| vs + o);
                    i = (ve + 1).min(bytes.len());
                    &raw[vs..ve]
                } else {
                    let vs = i;
                    while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                        i += 1;
                    }
                    &raw[vs..i]
                };
                if !name.is_empty() {
                    return Some((name, value));
                }
            } else if !name.is_empty() {
                return Some((name, ""));
            }
        }
    })
}

// ------------------------------------------------------------------ entities

/// Append `text` to `out` with character references decoded.
pub fn decode_entities_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + off;
        i = amp + 1;
        if let Some((c, len)) = entity_at(&text[amp + 1..]) {
            out.push_str(&text[last..amp]);
            out.push_str(c.as_str());
            last = amp + 1 + len;
            i = last;
        }
    }
    out.push_str(&text[last..]);
}

/// Decoded characters of one reference (at most two chars).
struct EntityChars {
    buf: [u8; 8],
    len: usize,
}

impl EntityChars {
    fn new(a: char, b: Option<char>) -> EntityChars {
        let mut buf = [0u8; 8];
        let mut len = a.encode_utf8(&mut buf).len();
        if let Some(b) = b {
            len += b.encode_utf8(&mut buf[len..]).len();
        }
        EntityChars { buf, len }
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Decode a reference starting after `&`: the characters and the bytes consumed.
fn entity_at(s: &str) -> Option<(EntityChars, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut j = start;
        while j < b.len()
            && j - start < 8
            && (if hex {
                b[j].is_ascii_hexdigit()
            } else {
                b[j].is_ascii_digit()
            })
        {
            j += 1;
        }
        if j == start {
            return None;
        }
        let n = u32::from_str_radix(&s[start..j], if hex { 16 } else { 10 }).ok()?;
        let len = if b.get(j) == Some(&b';') { j + 1 } else { j };
        return Some((EntityChars::new(numeric_char(n), None), len));
    }
    let mut j = 0;
    while j < b.len() && j < 32 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 0 {
        return None;
    }
    let (key, len) = if b.get(j) == Some(&b';') {
        (&s[..=j], j + 1)
    } else {
        (&s[..j], j)
    };
    let &(a, c) = web_atoms::NAMED_ENTITIES.get(key)?;
    let a = char::from_u32(a)?;
    let c = if c == 0 { None } else { char::from_u32(c) };
    Some((EntityChars::new(a, c), len))
}

/// A numeric reference's character, with HTML's Windows-1252 remapping of 0x80-0x9F
/// (the five bytes Windows-1252 leaves undefined stay C1 controls).
fn numeric_char(n: u32) -> char {
    match n {
        0 => '\u{fffd}',
        0x80..=0x9f => {
            let b = n as u8;
            windows_1252(b).unwrap_or(char::from(b))
        }
        n => char::from_u32(n).unwrap_or('\u{fffd}'),
    }
}

/// Decode entities in a short string (attribute values, titles).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_entities_into(text, &mut out);
    out
}

// ------------------------------------------------------------------ element classes

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Content never shown (script, svg, template, ...).
    Hidden,
    Block,
    Heading(u8),
    ListItem,
    Row,
    Cell,
    Inline,
    Void,
}

fn kind_of(name: &[u8]) -> Kind {
    match name {
        b"script" | b"style" | b"noscript" | b"template" | b"svg" | b"math" | b"iframe"
        | b"object" | b"embed" | b"canvas" | b"audio" | b"video" | b"select" | b"button"
        | b"textarea" | b"noembed" | b"noframes" | b"datalist" | b"dialog" | b"map" => Kind::Hidden,
        b"h1" => Kind::Heading(1),
        b"h2" => Kind::Heading(2),
        b"h3" => Kind::Heading(3),
        b"h4" => Kind::Heading(4),
        b"h5" => Kind::Heading(5),
        b"h6" => Kind::Heading(6),
        b"li" | b"dt" | b"dd" => Kind::ListItem,
        b"tr" => Kind::Row,
        b"td" | b"th" => Kind::Cell,
        b"br" | b"img" | b"hr" | b"meta" | b"link" | b"input" | b"wbr" | b"area" | b"base"
        | b"col" | b"param" | b"source" | b"track" | b"keygen" => Kind::Void,
        b"p" | b"div" | b"section" | b"article" | b"main" | b"aside" | b"nav" | b"header"
        | b"footer" | b"ul" | b"ol" | b"dl" | b"table" | b"thead" | b"tbody" | b"tfoot"
        | b"caption" | b"blockquote" | b"pre" | b"figure" | b"figcaption" | b"address"
        | b"form" | b"fieldset" | b"legend" | b"details" | b"summary" | b"center" | b"menu"
        | b"body" | b"html" | b"hgroup" | b"option" | b"optgroup" | b"label" | b"title"
        | b"head" => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Elements whose start and end separate blocks of text.
fn breaks_block(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Block | Kind::Heading(_) | Kind::ListItem | Kind::Row
    )
}

/// Elements whose end tag may be omitted: they do not count towards nesting depth.
fn optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Append whitespace-collapsed text: runs of ASCII whitespace become one space,
/// and no space starts a block (the block starts at `block_start`).
fn push_collapsed(out: &mut String, s: &str, pending_space: &mut bool, block_start: usize) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            *pending_space = true;
            i += 1;
            continue;
        }
        // A run of words separated by single spaces.
        let start = i;
        loop {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b' ' && !b[i + 1].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            break;
        }
        if *pending_space && out.len() > block_start && !out.ends_with('\n') {
            out.push(' ');
        }
        *pending_space = false;
        decode_entities_into(&s[start..i], out);
    }
}

/// Start tags that close an open `<p>` (HTML's "close a p element" list).
fn closes_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"section"
            | b"article"
            | b"main"
            | b"aside"
            | b"nav"
            | b"header"
            | b"footer"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"table"
            | b"blockquote"
            | b"pre"
            | b"figure"
            | b"address"
            | b"form"
            | b"fieldset"
            | b"details"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"hr"
            | b"menu"
            | b"hgroup"
            | b"center"
            | b"figcaption"
    )
}

/// Class / id tokens that name page chrome.
static CHROME_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[ \t\n_-])(?:cookies?|consent|gdpr|comments?|comment-list|disqus|share|sharing|sharebar|social|newsletter|subscribe|subscription|signup|sign-up|related|recommended|recommendations|most-?read|most-?popular|popular|trending|jobs?|vacanc(?:y|ies)|careers|advert|adverts|advertisement|ads|ad-slot|promo|sponsor(?:ed)?|breadcrumbs?|sidebar|widget|banner|modal|popup|paywall|pagination|pager|skip-link|visually-hidden|sr-only|screen-reader-text|caption|credits?|outbrain|taboola|footer|masthead|navbar|nav|menu)(?:$|[ \t\n_-])",
    )
    .expect("valid regex")
});

/// Soft-dropped element kinds: dropped unless they turn out to hold the content.
fn is_chrome_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"nav" | b"aside" | b"form" | b"footer" | b"menu" | b"figcaption"
    )
}

fn is_chrome_role(role: &str) -> bool {
    let role = role.trim();
    [
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "toolbar",
        "alert",
    ]
    .iter()
    .any(|r| role.eq_ignore_ascii_case(r))
}

// ------------------------------------------------------------------ extractor

#[derive(Clone, Copy)]
struct Open {
    name: Name,
    kind: Kind,
    hidden: bool,
    range: Option<u32>,
    article: bool,
    main: bool,
    link: bool,
    pre: bool,
    time: Option<u32>,
    prev_heading: u8,
}

#[derive(Clone, Copy, Debug)]
struct Block {
    start: usize,
    end: usize,
    chars: usize,
    link_chars: usize,
    heading: u8,
}

/// An element's span of blocks `[start, end)`.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Extractor {
    out: String,
    blocks: Vec<Block>,
    stack: Vec<Open>,
    hidden: u32,
    links: u32,
    pre: u32,
    mains: u32,
    article: u32,
    articles: Vec<Span>,
    main_spans: Vec<Span>,
    chrome: Vec<Span>,
    block_start: usize,
    block_links: usize,
    heading: u8,
    pending_space: bool,
    title_tag: Option<String>,
    og_title: Option<String>,
    ld_headline: Option<String>,
    date: Option<String>,
    /// Blocks holding a `<time>` element's text.
    time_blocks: Vec<usize>,
    /// Pending `<time datetime>` values (index into `times`).
    times: Vec<(usize, String)>,
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4}-\d{2}-\d{2})").expect("valid regex"));
static LD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})"#).expect("valid regex")
});
static LD_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""headline"\s*:\s*"((?:[^"\\]|\\.){3,300})""#).expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:1[89]|20)[0-9]{2}(?-u:\b)").expect("valid regex"));

impl Extractor {
    fn token(&mut self, t: Token<'_>) {
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
            b"title" if self.title_tag.is_none() && self.hidden == 0 => {
                let t = decode_entities(s);
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    self.title_tag = Some(t);
                }
            }
            b"script" if s.contains("datePublished") || s.contains("headline") => {
                if self.date.is_none()
                    && let Some(c) = LD_DATE.captures(s)
                {
                    self.date = Some(c[1].to_string());
                }
                if self.ld_headline.is_none()
                    && let Some(c) = LD_HEADLINE.captures(s)
                {
                    self.ld_headline =
                        serde_json::from_str::<String>(&format!("\"{}\"", &c[1])).ok();
                }
            }
            b"plaintext" => self.text(s),
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.hidden > 0 {
            return;
        }
        let before = self.out.len();
        if self.pre > 0 {
            decode_entities_into(s, &mut self.out);
        } else {
            push_collapsed(&mut self.out, s, &mut self.pending_space, self.block_start);
        }
        if self.links > 0 {
            self.block_links += self.out.len() - before;
        }
    }

    fn start(&mut self, name: Name, attrs: &str, self_closing: bool) {
        let n = name.as_bytes();
        let kind = kind_of(n);
        if self.hidden == 0 {
            self.implied_ends(n);
        }
        // Attributes that matter.
        let (mut class_id_chrome, mut role_chrome, mut role_main, mut invisible) =
            (false, false, false, false);
        let mut datetime: Option<&str> = None;
        let (mut property, mut content, mut href) = (None, None, false);
        for (k, v) in attributes(attrs) {
            if k.eq_ignore_ascii_case("class") || k.eq_ignore_ascii_case("id") {
                if !v.is_empty() && CHROME_ATTR.is_match(v) {
                    class_id_chrome = true;
                }
            } else if k.eq_ignore_ascii_case("role") {
                role_main |= v.trim().eq_ignore_ascii_case("main");
                role_chrome |= is_chrome_role(v);
            } else if k.eq_ignore_ascii_case("hidden") {
                invisible = true;
            } else if k.eq_ignore_ascii_case("aria-hidden") {
                // Soft: dropped like chrome unless it turns out to hold the content.
                role_chrome |= v.trim().eq_ignore_ascii_case("true");
            } else if k.eq_ignore_ascii_case("style") {
                let v = v.to_ascii_lowercase();
                invisible |= v.contains("display:none")
                    || v.contains("display: none")
                    || v.contains("visibility:hidden")
                    || v.contains("visibility: hidden");
            } else if k.eq_ignore_ascii_case("datetime") {
                datetime = Some(v);
            } else if k.eq_ignore_ascii_case("property")
                || k.eq_ignore_ascii_case("name")
                || k.eq_ignore_ascii_case("itemprop")
            {
                if property.is_none() {
                    property = Some(v);
                }
            } else if k.eq_ignore_ascii_case("content") {
                content = Some(v);
            } else if k.eq_ignore_ascii_case("href") {
                href = true;
            }
        }
        if n == b"meta" {
            self.meta(property, content);
        }
        if kind == Kind::Void || self_closing {
            if self.hidden == 0 {
                match n {
                    b"br" => {
                        if self.out.len() > self.block_start {
                            self.out.push('\n');
                        }
                        self.pending_space = false;
                    }
                    b"hr" => self.flush_block(),
                    b"img" => self.pending_space = true,
                    _ if kind != Kind::Void && kind != Kind::Inline => self.flush_block(),
                    _ => {}
                }
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
        let hidden = kind == Kind::Hidden || invisible;
        let in_content = self.article > 0 || self.mains > 0;
        let structural = matches!(n, b"html" | b"body" | b"main" | b"article");
        let chrome = !hidden
            && self.hidden == 0
            && !structural
            && (is_chrome_tag(n)
                || (n == b"header" && !in_content)
                || role_chrome
                || class_id_chrome);
        if self.hidden == 0 && breaks_block(kind) {
            self.flush_block();
        }
        if self.hidden == 0 && kind == Kind::Cell && self.out.len() > self.block_start {
            self.pending_space = true;
        }
        let mut open = Open {
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
        };
        if hidden {
            self.hidden += 1;
        }
        if chrome {
            open.range = Some(self.chrome.len() as u32);
            self.chrome.push(Span {
                start: self.blocks.len(),
                end: usize::MAX,
            });
        }
        if self.hidden == 0 {
            if n == b"article" {
                open.article = true;
                if self.article == 0 {
                    self.articles.push(Span {
                        start: self.blocks.len(),
                        end: usize::MAX,
                    });
                }
                self.article += 1;
            }
            if n == b"main" || role_main {
                open.main = true;
                if self.mains == 0 {
                    self.main_spans.push(Span {
                        start: self.blocks.len(),
                        end: usize::MAX,
                    });
                }
                self.mains += 1;
            }
            if n == b"a" && href {
                open.link = true;
                self.links += 1;
            }
            if n == b"pre" {
                open.pre = true;
                self.pre += 1;
            }
            if let Kind::Heading(h) = kind {
                open.prev_heading = self.heading;
                self.heading = h;
            }
            if n == b"time" {
                let iso = datetime
                    .and_then(|d| ISO_DATE.captures(d))
                    .map(|c| c[1].to_string());
                if let Some(iso) = iso {
                    open.time = Some(self.times.len() as u32);
                    self.times.push((self.out.len(), iso));
                }
            }
        }
        self.stack.push(open);
    }

    fn meta(&mut self, property: Option<&str>, content: Option<&str>) {
        let (Some(p), Some(c)) = (property, content) else {
            return;
        };
        let p = p.trim();
        if (p.eq_ignore_ascii_case("og:title") || p.eq_ignore_ascii_case("twitter:title"))
            && self.og_title.is_none()
        {
            let t = decode_entities(c);
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                self.og_title = Some(t);
            }
        } else if (p.eq_ignore_ascii_case("article:published_time")
            || p.eq_ignore_ascii_case("datePublished")
            || p.eq_ignore_ascii_case("date")
            || p.eq_ignore_ascii_case("dc.date"))
            && self.date.is_none()
            && let Some(m) = ISO_DATE.captures(c)
        {
            self.date = Some(m[1].to_string());
        }
    }

    /// HTML's implied end tags for the start tag `n`.
    fn implied_ends(&mut self, n: &[u8]) {
        let stop_at = |name: &[u8], stops: &[&[u8]]| stops.contains(&name);
        type Names = &'static [&'static [u8]];
        let target: Option<(Names, Names)> = match n {
            b"li" => Some((
                &[b"li"],
                &[
                    b"ul", b"ol", b"menu", b"table", b"body", b"article", b"section", b"nav",
                    b"aside", b"main", b"div",
                ],
            )),
            b"dt" | b"dd" => Some((&[b"dt", b"dd"], &[b"dl", b"table", b"body", b"div"])),
            b"tr" => Some((&[b"tr"], &[b"table", b"tbody", b"thead", b"tfoot", b"body"])),
            b"td" | b"th" => Some((&[b"td", b"th"], &[b"tr", b"table", b"body"])),
            b"tbody" | b"thead" | b"tfoot" => {
                Some((&[b"tbody", b"thead", b"tfoot"], &[b"table", b"body"]))
            }
            b"option" => Some((&[b"option"], &[b"select", b"datalist", b"body"])),
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                if let Some(top) = self.stack.last()
                    && matches!(top.kind, Kind::Heading(_))
                {
                    self.pop_to(self.stack.len() - 1);
                }
                None
            }
            _ => None,
        };
        if let Some((targets, stops)) = target {
            for i in (0..self.stack.len()).rev().take(END_TAG_SEARCH) {
                let name = self.stack[i].name;
                if targets.contains(&name.as_bytes()) {
                    self.pop_to(i);
                    break;
                }
                if stop_at(name.as_bytes(), stops) {
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
            if n == b"br" && self.out.len() > self.block_start {
                self.out.push('\n');
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
            self.chrome[r as usize].end = self.blocks.len();
        }
        if open.article {
            self.flush_block();
            self.article = self.article.saturating_sub(1);
            if self.article == 0
                && let Some(span) = self.articles.last_mut()
            {
                span.end = self.blocks.len();
            }
        }
        if open.main {
            self.flush_block();
            self.mains = self.mains.saturating_sub(1);
            if self.mains == 0
                && let Some(span) = self.main_spans.last_mut()
            {
                span.end = self.blocks.len();
            }
        }
        if open.link {
            self.links = self.links.saturating_sub(1);
        }
        if open.pre {
            self.pre = self.pre.saturating_sub(1);
        }
        if let Some(t) = open.time {
            let (at, iso) = &self.times[t as usize];
            // The element's text: from its start, or from the current block's
            // start if blocks were flushed (or emptied) in between.
            let at = if *at <= self.out.len() && self.out.is_char_boundary(*at) {
                (*at).max(self.block_start)
            } else {
                self.block_start
            };
            if !YEAR.is_match(&self.out[at..]) {
                let iso = iso.clone();
                if self.out.len() > self.block_start {
                    self.out.push(' ');
                }
                self.out.push_str(&iso);
            }
            self.time_blocks.push(self.blocks.len());
        }
        if matches!(open.kind, Kind::Heading(_)) {
            self.flush_block();
            self.heading = open.prev_heading;
        }
    }

    fn flush_block(&mut self) {
        let start = self.block_start;
        let end = self.out.len();
        if end > start {
            let text = &self.out[start..end];
            if text.bytes().any(|b| b.is_ascii_alphanumeric())
                || text.chars().any(char::is_alphanumeric)
            {
                let chars = text.len();
                self.blocks.push(Block {
                    start,
                    end,
                    chars,
                    link_chars: self.block_links.min(chars),
                    heading: self.heading,
                });
            } else {
                self.out.truncate(start);
            }
        }
        self.block_start = self.out.len();
        self.block_links = 0;
        self.pending_space = false;
    }

    fn finish(mut self) -> HtmlText {
        let open = std::mem::take(&mut self.stack);
        for o in open.into_iter().rev() {
            self.close(o);
        }
        self.flush_block();
        let n = self.blocks.len();
        for s in self
            .articles
            .iter_mut()
            .chain(self.main_spans.iter_mut())
            .chain(self.chrome.iter_mut())
        {
            s.end = s.end.min(n);
        }
        // Prefix sums of block sizes.
        let mut prefix = Vec::with_capacity(n + 1);
        prefix.push(0usize);
        for b in &self.blocks {
            prefix.push(prefix.last().copied().unwrap_or(0) + b.chars);
        }
        let total = prefix[n];
        let size = |s: &Span| prefix[s.end] - prefix[s.start.min(s.end)];
        let content_spans: Vec<Span> = self
            .articles
            .iter()
            .chain(self.main_spans.iter())
            .copied()
            .filter(|s| size(s) * 4 >= total)
            .collect();
        // Chrome elements are dropped unless they hold the content.
        let mut dropped = vec![false; n];
        let mut dropped_until = 0;
        for c in &self.chrome {
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
        let kept_size = |s: &Span| {
            (s.start..s.end)
                .filter(|&i| !dropped[i])
                .map(|i| self.blocks[i].chars)
                .sum::<usize>()
        };
        let kept_total: usize = (0..n)
            .filter(|&i| !dropped[i])
            .map(|i| self.blocks[i].chars)
            .sum();
        let best_article = self
            .articles
            .iter()
            .map(|s| (kept_size(s), *s))
            .max_by_key(|(k, _)| *k);
        let main = self
            .main_spans
            .iter()
            .map(|s| (kept_size(s), *s))
            .max_by_key(|(k, _)| *k);
        let root = match (best_article, main) {
            (Some((k, s)), _) if k * 4 >= kept_total || k >= 1000 => Some(s),
            (_, Some((k, s))) if k * 4 >= kept_total || k >= 1000 => Some(s),
            _ => None,
        };
        let (lo, hi) = root.map_or((0, n), |s| (s.start, s.end));
        let keep: Vec<usize> = (lo..hi)
            .filter(|&i| !dropped[i])
            .filter(|&i| {
                let b = &self.blocks[i];
                // Link lists: a block that is mostly link text.
                b.heading == 1 || b.link_chars * 10 < b.chars * 6
            })
            .collect();
        let title_h1 = keep
            .iter()
            .find(|&&i| self.blocks[i].heading == 1)
            .map(|&i| self.block_text(i).to_string());
        let title = title_h1
            .or(self.og_title.take())
            .or(self.ld_headline.take())
            .or(self.title_tag.take().map(|t| strip_site_suffix(&t)))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        // A date only in metadata goes into the text for the date extractor.
        let mut kept = vec![false; n];
        for &i in &keep {
            kept[i] = true;
        }
        let has_time = self.time_blocks.iter().any(|&b| b < n && kept[b]);
        let mut text = String::with_capacity(
            keep.iter()
                .map(|&i| self.blocks[i].chars + 2)
                .sum::<usize>()
                + 32,
        );
        let published = match (&self.date, has_time) {
            (Some(d), false) => Some(format!("Published: {d}")),
            _ => None,
        };
        let mut inserted = published.is_none();
        for (k, &i) in keep.iter().enumerate() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            if !(inserted || k == 0 && self.blocks[i].heading == 1) {
                if let Some(p) = &published {
                    text.push_str(p);
                    text.push_str("\n\n");
                }
                inserted = true;
            }
            text.push_str(self.block_text(i));
        }
        if !inserted && let Some(p) = &published {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(p);
        }
        HtmlText { text, title }
    }

    fn block_text(&self, i: usize) -> &str {
        let b = &self.blocks[i];
        &self.out[b.start..b.end]
    }
}

/// "Headline | Site name" -> "Headline" (also " - ", " – ", " — ", " :: ").
pub fn strip_site_suffix(title: &str) -> String {
    let t = title.trim();
    if let Some(i) = t.find(" | ").or_else(|| t.find(" :: ")) {
        let head = t[..i].trim();
        if head.len() >= 8 {
            return head.to_string();
        }
    }
    for sep in [" - ", " \u{2013} ", " \u{2014} "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (t[..i].trim(), t[i + sep.len()..].trim());
            if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    t.to_string()
}

// ------------------------------------------------------------------ deep pages

/// Maximum element nesting depth, by a byte scan (void and self-closing tags
/// do not nest).
pub fn max_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off + 1;
        i = at;
        let (close, name_at) = match bytes.get(at) {
            Some(b'/') => (true, at + 1),
            Some(b) if b.is_ascii_alphabetic() => (false, at),
            _ => continue,
        };
        let end = scan_name(bytes, name_at);
        let name = Name::new(&bytes[name_at..end]);
        let name = name.as_bytes();
        if name.is_empty() || optional_end(name) || kind_of(name) == Kind::Void {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
            continue;
        }
        let gt = memchr::memchr(b'>', &bytes[end..]).map_or(bytes.len(), |o| end + o);
        if gt > end && bytes[gt - 1] == b'/' {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// Flat pass for pathological nesting: strip tags, drop raw-text content, break
/// lines at block tags, decode entities. Linear, no stack.
pub fn flat(html: &str) -> HtmlText {
    let mut tok = Tokenizer::new(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let mut pending = false;
    let mut line_start = 0;
    while let Some(t) = tok.next_token() {
        match t {
            Token::Text(s) => push_collapsed(&mut out, s, &mut pending, line_start),
            Token::Raw(name, s) => {
                if name.as_bytes() == b"title" && title.is_none() {
                    title = Some(strip_site_suffix(&decode_entities(s)));
                }
            }
            Token::Start { name, .. } | Token::End(name) => {
                let name = name.as_bytes();
                if name == b"br" {
                    out.push('\n');
                } else if breaks_block(kind_of(name)) && out.len() > line_start {
                    out.push_str("\n\n");
                } else {
                    continue;
                }
                line_start = out.len();
                pending = false;
            }
        }
    }
    HtmlText {
        text: out,
        title: title.filter(|t: &String| !t.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Bromley children&#8217;s services rated good | The Bromley Gazette</title>
<style>.cookie{position:fixed}</style>
<script>var a = 1 < 2 && "</div>"; </script>
<script type="application/ld+json">{"headline": "Bromley rated good", "datePublished": "2019-02-27"}</script>
</head><body>
<div class="cookie" id="cookie-banner">We use cookies. <a href="/cookies">Cookie preferences</a> <button>Accept all cookies</button></div>
<header class="site-header"><a class="logo" href="/">The Bromley Gazette</a>
<nav><ul><li><a href="/home">Home</a><li><a href="/jobs">Jobs</a></ul></nav></header>
<main><article>
<h1>Bromley children&#8217;s services rated &#8217;good&#8217;</h1>
<p class="byline">By Gemma Shackleton <time datetime="2019-02-27">27 February 2019</time></p>
<p>Children&#8217;s services at Bromley are good, Ofsted has found &amp; praised leaders.
<p>Inspectors said <a href="/r">the report</a> shows chronic neglect is tackled well.</p>
</article>
<div class="comments"><p>Comments are closed.</p></div></main>
<aside class="related"><h3>Most read</h3><ul><li><a href="/n/1">Councils struggle to tackle chronic neglect, report warns</a></li></ul></aside>
<section class="jobs-widget"><h3>Latest jobs</h3><div class="job"><a href="/jobs/1">Leisure Support Assistant</a><p>&pound;23,600 per annum</p></div></section>
<footer><p>Subscribe to our newsletter.</p><p>&copy; 2019 The Bromley Gazette.</p></footer>
</body></html>"#;

    #[test]
    fn article_only_without_chrome() {
        let h = to_text(PAGE);
        assert_eq!(
            h.title.as_deref(),
            Some("Bromley children\u{2019}s services rated \u{2019}good\u{2019}")
        );
        assert!(
            h.text.starts_with("Bromley children\u{2019}s services"),
            "{}",
            h.text
        );
        assert!(h.text.contains("By Gemma Shackleton 27 February 2019"));
        assert!(h.text.contains("found & praised leaders."));
        assert!(
            h.text
                .contains("Inspectors said the report shows chronic neglect is tackled well.")
        );
        for chrome in [
            "cookie",
            "Comments",
            "Most read",
            "Leisure",
            "Subscribe",
            "Home",
            "Gazette",
            "var a",
        ] {
            assert!(!h.text.contains(chrome), "{chrome} left in {}", h.text);
        }
        assert_eq!(h.text.matches("chronic neglect").count(), 1);
    }

    #[test]
    fn paragraphs_are_blocks_and_br_breaks_lines() {
        let h = to_text(
            "<html><body><p>One\n two</p><p>Three<br>Four</p><ul><li>a<li>b</ul></body></html>",
        );
        assert_eq!(h.text, "One two\n\nThree\nFour\n\na\n\nb");
    }

    #[test]
    fn inline_spacing_is_kept() {
        let h = to_text(
            "<p>The <b>local</b> authority<i>'s</i> plan, <a href=x>here</a> and there.</p>",
        );
        assert_eq!(h.text, "The local authority's plan, here and there.");
    }

    #[test]
    fn unclosed_list_items_do_not_swallow_the_page() {
        let h = to_text(
            "<body><nav><ul><li><a href=/>Home<li><a href=/n>News</ul></nav><p>Body text here.</p></body>",
        );
        assert_eq!(h.text, "Body text here.");
    }

    #[test]
    fn script_with_markup_is_raw_text() {
        let h = to_text(
            "<body><script>if (a<b) document.write('<div><p>x')</script><p>Kept paragraph.</p></body>",
        );
        assert_eq!(h.text, "Kept paragraph.");
    }

    #[test]
    fn title_fallbacks_and_suffixes() {
        let h = to_text(
            "<html><head><title>Council rated good - Social Work Weekly</title></head><body><p>Text body.</p></body></html>",
        );
        assert_eq!(h.title.as_deref(), Some("Council rated good"));
        let h = to_text(
            "<head><meta property=\"og:title\" content=\"Wakefield &amp; partners\"><title>x | y</title></head><p>t</p>",
        );
        assert_eq!(h.title.as_deref(), Some("Wakefield & partners"));
    }

    #[test]
    fn metadata_date_is_added_when_the_body_has_none() {
        let h = to_text(
            "<head><meta property=\"article:published_time\" content=\"2018-12-13T09:00:00Z\"></head>\
             <body><article><h1>Wakefield avoids intervention</h1><p>A commissioner has recommended it.</p></article></body>",
        );
        assert_eq!(
            h.text,
            "Wakefield avoids intervention\n\nPublished: 2018-12-13\n\nA commissioner has recommended it."
        );
        let h = to_text("<p>Posted <time datetime=\"2020-01-02\">2 days ago</time></p>");
        assert_eq!(h.text, "Posted 2 days ago 2020-01-02");
    }

    #[test]
    fn form_wrapping_the_whole_page_is_not_dropped() {
        let body = "<p>Paragraph of the article with enough words to count.</p>".repeat(5);
        let h = to_text(&format!(
            "<body><form id=aspnetForm><div class=content>{body}</div></form></body>"
        ));
        assert!(h.text.contains("Paragraph of the article"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&pound;5 &#163; &#xA3; &amp;c &nbsp;x &copy &bogus; & &#150;"),
            "\u{a3}5 \u{a3} \u{a3} &c \u{a0}x \u{a9} &bogus; & \u{2013}"
        );
    }

    #[test]
    fn deep_nesting_uses_the_flat_pass() {
        let n = 100_000;
        let page = format!(
            "<html><body>{}<p>deep text</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        assert!(max_depth(page.as_bytes()) > MAX_DEPTH);
        let t = std::time::Instant::now();
        let h = to_text(&page);
        assert_eq!(h.text.trim(), "deep text");
        assert!(t.elapsed().as_secs() < 2);
        // Unclosed nesting is linear too.
        let page = format!("<p>start</p>{}<b>end</b>", "<span><div>".repeat(n));
        let h = to_text(&page);
        assert!(h.text.contains("start") && h.text.contains("end"));
    }

    #[test]
    fn structured_parser_survives_deep_unclosed_nesting_below_threshold() {
        let page = format!(
            "<body>{}text{}</body>",
            "<div><span>".repeat(700),
            "</span>".repeat(10)
        );
        let h = to_text(&page);
        assert_eq!(h.text, "text");
    }

    #[test]
    fn hidden_elements_are_dropped() {
        let h = to_text(
            "<p>Seen.</p><div hidden>gone</div><div style=\"display: none\">gone</div><svg><text>gone</text></svg><template><p>gone</p></template>",
        );
        assert_eq!(h.text, "Seen.");
    }

    #[test]
    fn content_div_with_sidebar_and_no_landmarks() {
        let page = "<html><body><div id=\"top-menu\"><a href=/>Home</a> <a href=/n>News</a></div>\
            <div id=\"content\"><h1>Council rated good</h1><p>Inspectors found that leaders know their services well.</p>\
            <p>Children are seen regularly by their social workers.</p></div>\
            <div class=\"sidebar\"><h3>Popular</h3><p>Another story entirely about something else.</p></div>\
            <div id=\"site-footer\"><p>Registered office somewhere.</p></div></body></html>";
        let h = to_text(page);
        assert_eq!(
            h.text,
            "Council rated good\n\nInspectors found that leaders know their services well.\n\nChildren are seen regularly by their social workers."
        );
    }

    #[test]
    fn teaser_articles_do_not_hide_the_real_content() {
        let body = "<p>The council's plan for children in care has been praised by inspectors in a detailed report.</p>".repeat(4);
        let page = format!(
            "<body><div class=post-body><h1>Plan praised</h1>{body}</div>\
             <section class=teasers><article><a href=/1>Short teaser one</a></article><article><a href=/2>Short teaser two</a></article></section></body>"
        );
        let h = to_text(&page);
        assert!(
            h.text.starts_with("Plan praised\n\nThe council's plan"),
            "{}",
            h.text
        );
        assert!(!h.text.contains("teaser"));
    }

    #[test]
    fn article_header_and_comment_articles() {
        let page = "<body><article><header><h1>Rated good</h1><p class=byline>By A Writer <time datetime=2021-03-04>4 March 2021</time></p></header>\
            <p>First paragraph of the story.</p><footer>Tags: children</footer></article>\
            <section id=comments><article><p>I disagree with this entirely and at length.</p></article></section></body>";
        let h = to_text(page);
        assert_eq!(
            h.text,
            "Rated good\n\nBy A Writer 4 March 2021\n\nFirst paragraph of the story."
        );
        assert_eq!(h.title.as_deref(), Some("Rated good"));
    }

    #[test]
    fn many_nested_chrome_spans_and_times_stay_linear() {
        let n = 1400;
        let mut page = String::from("<body><article><p>Kept story text.</p></article>");
        for _ in 0..n {
            page.push_str("<aside><p>side</p>");
        }
        page.push_str(&"</aside>".repeat(n));
        page.push_str(&"<p><time datetime=\"2020-01-01\">1 Jan 2020</time></p>".repeat(20_000));
        let t = std::time::Instant::now();
        let h = to_text(&page);
        assert!(h.text.starts_with("Kept story text."));
        assert!(!h.text.contains("side"));
        assert!(t.elapsed().as_secs() < 5);
    }

    /// html2text (html5ever underneath) is the reference reader: on real-shaped news
    /// pages this reader must keep every word of the `<article>` and invent none.
    #[test]
    fn agrees_with_html2text_on_news_pages() {
        use std::collections::BTreeSet;
        fn words(s: &str) -> BTreeSet<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        }
        let render = |html: &str| {
            html2text::config::plain_no_decorate()
                .string_from_read(html.as_bytes(), 100_000)
                .expect("html2text renders the page")
        };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
        let mut pages = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let html = std::fs::read_to_string(&path).unwrap();
            let ours = to_text(&html).text;
            let whole = words(&render(&html));
            // "Published: YYYY-MM-DD" is added from the page's metadata.
            let invented: Vec<String> = words(&ours)
                .into_iter()
                .filter(|w| !whole.contains(w) && w != "published")
                .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .collect();
            assert!(invented.is_empty(), "{}: {invented:?}", path.display());
            let start = html.find("<article").unwrap();
            let end = html.rfind("</article>").unwrap() + "</article>".len();
            let kept = words(&ours);
            let lost: Vec<String> = words(&render(&html[start..end]))
                .into_iter()
                .filter(|w| !kept.contains(w))
                .collect();
            assert!(lost.is_empty(), "{}: lost {lost:?}", path.display());
            // And the chrome around the article is gone.
            for chrome in ["comments are closed", "cookie", "newsletter"] {
                assert!(
                    !ours.to_lowercase().contains(chrome),
                    "{}: {chrome}",
                    path.display()
                );
            }
            pages += 1;
        }
        assert!(pages >= 3);
    }
}

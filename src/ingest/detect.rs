//! Format detection from content as well as extension.
//!
//! Two steps: [`sniff`] looks at the raw bytes (PDF magic, binary content, UTF-16),
//! and [`text_format`] looks at the decoded text (HTML, Markdown or plain text). The
//! extension is a hint: a `.txt` file that is really an HTML page is read as HTML,
//! a binary `.txt` is skipped, and a `.pdf` that is really an HTML error page is
//! read as HTML.

use super::format::Format;

/// How many leading bytes are inspected.
const HEAD: usize = 8 * 1024;

/// What the raw bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    Pdf,
    Binary,
    /// Text in UTF-8 or a single-byte encoding.
    Text,
    /// UTF-16 (with or without a byte-order mark).
    Utf16 {
        big_endian: bool,
    },
}

/// Magic numbers of common binary formats that may hide behind a text extension.
const BINARY_MAGIC: [&[u8]; 14] = [
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"BZh",
    b"7z\xbc\xaf",
    b"\xfd7zXZ",
    b"OggS",
    b"\x00\x00\x01\x00",
    b"wOFF",
];

/// Classify raw bytes: PDF, binary, UTF-16 or byte-oriented text.
pub fn sniff(bytes: &[u8]) -> Sniff {
    let head = &bytes[..bytes.len().min(HEAD)];
    // The PDF header may follow some junk; readers accept it within the first 1 KB.
    static PDF_MAGIC: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"%PDF-"));
    if PDF_MAGIC.find(&head[..head.len().min(1024)]).is_some() {
        return Sniff::Pdf;
    }
    if head.starts_with(b"\xff\xfe") {
        return Sniff::Utf16 { big_endian: false };
    }
    if head.starts_with(b"\xfe\xff") {
        return Sniff::Utf16 { big_endian: true };
    }
    if BINARY_MAGIC.iter().any(|m| head.starts_with(m)) {
        return Sniff::Binary;
    }
    if memchr::memchr(0, head).is_some()
        && let Some(big_endian) = bom_less_utf16(head)
    {
        return Sniff::Utf16 { big_endian };
    }
    if looks_binary(head) || (head.len() >= 1024 && undecodable(head)) || binary_beyond_head(bytes)
    {
        return Sniff::Binary;
    }
    Sniff::Text
}

/// The windows [`binary_beyond_head`] reads the rest of a file in.
const WINDOW: usize = 8 * 1024;

/// Binary content anywhere after the head: each 8 KB window of the rest of the
/// file is checked (a fast, vectorised count), so text followed by megabytes of
/// random bytes is not indexed as text. A stray NUL or two in a long text file
/// is not enough there: NULs count as control characters, and a window must be
/// dense with them, or made mostly of bytes that are neither UTF-8 nor plausible
/// Windows-1252 text ([`undecodable`]). A last window shorter than 1 KB is too
/// small to judge.
fn binary_beyond_head(bytes: &[u8]) -> bool {
    bytes
        .get(HEAD..)
        .unwrap_or_default()
        .chunks(WINDOW)
        .filter(|w| w.len() >= 1024)
        .any(|w| dense_controls(control_count(w, true), w.len()) || undecodable(w))
}

/// Bytes 0x80-0xFF that are not UTF-8 make up a quarter of the window or more:
/// Windows-1252 text (English, French, German...) has a few accented letters and
/// quotes among ASCII, never such a share; a window of valid UTF-8 (any script)
/// passes.
fn undecodable(window: &[u8]) -> bool {
    let high = window
        .iter()
        .fold(0usize, |n, &b| n + usize::from(b >= 0x80));
    if high * 4 < window.len() {
        return false;
    }
    let invalid: usize = window.utf8_chunks().map(|c| c.invalid().len()).sum();
    // A character cut by the window's edges is not counted against it.
    invalid.saturating_sub(6) * 4 >= window.len()
}

/// Binary text after decoding (UTF-16): dense control characters, or many
/// replacement characters (unpaired surrogates, which random bytes are full of),
/// in any 8 KB window.
pub fn binary_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    if looks_binary(&bytes[..bytes.len().min(HEAD)]) {
        return true;
    }
    bytes.chunks(WINDOW).filter(|w| w.len() >= 1024).any(|w| {
        let replaced = memchr::memmem::find_iter(w, "\u{fffd}".as_bytes()).count();
        dense_controls(control_count(w, true), w.len()) || replaced * 3 * 50 > w.len()
    })
}

/// UTF-16 text without a byte-order mark: mostly-ASCII text has a NUL in every
/// other byte.
fn bom_less_utf16(head: &[u8]) -> Option<bool> {
    if head.len() < 16 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for p in head.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    if odd * 10 >= pairs * 7 && even * 50 <= pairs {
        Some(false)
    } else if even * 10 >= pairs * 7 && odd * 50 <= pairs {
        Some(true)
    } else {
        None
    }
}

/// NUL bytes, or too many control characters, in the first 8 KB.
pub fn looks_binary(head: &[u8]) -> bool {
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    dense_controls(control_count(head, false), head.len())
}

/// Too many control characters for text: more than 8 and over 5 %, or a third.
fn dense_controls(controls: usize, len: usize) -> bool {
    (controls > 8 && controls * 20 > len) || controls * 3 > len
}

/// C0 controls other than whitespace and ESC, and DEL (and NUL, when `nul`).
fn control_count(bytes: &[u8], nul: bool) -> usize {
    // Branch-free u8 sums over short chunks so that it vectorises.
    let mut controls = 0usize;
    for chunk in bytes.chunks(128) {
        let c = chunk.iter().fold(0u8, |acc, &b| {
            acc.wrapping_add(u8::from(
                ((b < 0x20)
                    & (nul | (b != 0))
                    & (b != b'\t')
                    & (b != b'\n')
                    & (b != b'\r')
                    & (b != 0x0c)
                    & (b != 0x1b))
                    | (b == 0x7f),
            ))
        });
        controls += usize::from(c);
    }
    controls
}

/// The lower-cased extension of `path`, if any.
pub fn extension(path: &std::path::Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Decide how decoded text is read: HTML, Markdown or plain text.
pub fn text_format(text: &str, ext: Option<&str>) -> Format {
    let head = head_str(text);
    let html = html_signals(head);
    match ext {
        Some("html" | "htm" | "xhtml") => {
            if html.strong || html.tags > 0 {
                Format::Html
            } else if markdown_kinds(head) >= 2 {
                Format::Markdown
            } else {
                Format::Text
            }
        }
        Some("md" | "markdown" | "mdown" | "mkd") => {
            if html.strong {
                Format::Html
            } else {
                Format::Markdown
            }
        }
        _ => {
            if html.strong || html.dense() {
                Format::Html
            } else if markdown_kinds(head) >= 2 {
                Format::Markdown
            } else {
                Format::Text
            }
        }
    }
}

fn head_str(text: &str) -> &str {
    if text.len() <= HEAD {
        return text;
    }
    let mut end = HEAD;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Evidence that text is HTML.
#[derive(Debug, Default)]
struct HtmlSignals {
    /// Starts with a doctype or `<html>` (after whitespace, BOM or comments).
    strong: bool,
    /// Known HTML tags seen.
    tags: usize,
    /// Known block-level tags seen (p, div, br, li, table, h1...).
    blocks: usize,
    /// Bytes inside known tags.
    tag_bytes: usize,
    len: usize,
}

impl HtmlSignals {
    /// Enough markup to call a `.txt` file HTML: many known tags, some of them
    /// block tags, and a real share of the text inside tags.
    fn dense(&self) -> bool {
        self.tags >= 8 && self.blocks >= 3 && self.tag_bytes * 10 >= self.len
    }
}

const KNOWN_TAGS: [&str; 44] = [
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "br",
    "div",
    "em",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "img",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "script",
    "section",
    "span",
    "strong",
    "style",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "u",
    "ul",
    "time",
];
const BLOCK_TAGS: [&str; 20] = [
    "article",
    "blockquote",
    "body",
    "br",
    "div",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "main",
    "nav",
    "p",
    "section",
    "table",
    "tr",
];

fn html_signals(head: &str) -> HtmlSignals {
    let bytes = head.as_bytes();
    let mut s = HtmlSignals {
        len: bytes.len(),
        ..HtmlSignals::default()
    };
    let start = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let lower: String = start
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        s.strong = true;
    } else if lower.starts_with("<?xml") || lower.starts_with("<!--") {
        // An XML prolog or a leading comment followed by an <html> element.
        s.strong = memchr::memmem::find(&bytes[..bytes.len().min(2048)], b"<html").is_some();
    }
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off + 1;
        i = at;
        let mut j = at;
        if bytes.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && bytes[j].is_ascii_alphanumeric() && j - name_start < 12 {
            j += 1;
        }
        if j == name_start || !matches!(bytes.get(j), Some(b'>' | b' ' | b'/' | b'\n' | b'\t')) {
            continue;
        }
        let name = head[name_start..j].to_ascii_lowercase();
        if KNOWN_TAGS.contains(&name.as_str()) {
            s.tags += 1;
            if BLOCK_TAGS.contains(&name.as_str()) {
                s.blocks += 1;
            }
            let end = memchr::memchr(b'>', &bytes[j..]).map_or(bytes.len(), |e| j + e + 1);
            s.tag_bytes += end - (at - 1);
            i = end;
        }
    }
    s
}

/// How many distinct kinds of Markdown syntax the text shows (front matter, ATX
/// headings, bold, links, images, two-space line breaks, fenced code).
pub fn markdown_kinds(head: &str) -> usize {
    let mut front = false;
    if let Some(rest) = head
        .strip_prefix("---\n")
        .or_else(|| head.strip_prefix("---\r\n"))
    {
        front = rest
            .lines()
            .take(40)
            .take_while(|l| l.trim_end() != "---")
            .any(|l| {
                l.split_once(':').is_some_and(|(k, _)| {
                    !k.is_empty()
                        && k.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                })
            });
    }
    let (mut heading, mut bold, mut link, mut image, mut breaks, mut fence) =
        (false, false, false, false, 0usize, false);
    for line in head.lines() {
        if line.len() > 2 && line.ends_with("  ") && line.trim_end().len() > 1 {
            breaks += 1;
        }
        if !line
            .bytes()
            .any(|b| matches!(b, b'#' | b'*' | b'[' | b'`' | b'~'))
        {
            continue;
        }
        let t = line.trim_start();
        if t.starts_with('#') {
            let hashes = t.bytes().take_while(|&b| b == b'#').count();
            if hashes <= 6 && t.as_bytes().get(hashes) == Some(&b' ') {
                heading = true;
            }
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = true;
        }
        if !bold && has_bold(line) {
            bold = true;
        }
        if !link && (line.contains("](http") || line.contains("](mailto:") || line.contains("](/"))
        {
            link = true;
        }
        if !image && line.contains("![") && line.contains("](") {
            image = true;
        }
    }
    [front, front, heading, bold, link, image, breaks >= 3, fence]
        .iter()
        .filter(|&&b| b)
        .count()
}

fn has_bold(line: &str) -> bool {
    let Some(a) = line.find("**") else {
        return false;
    };
    let rest = &line[a + 2..];
    rest.find("**")
        .is_some_and(|b| b > 0 && !rest[..b].starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_magic_wins_over_extension() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"), Sniff::Pdf);
        assert_eq!(sniff(b"\n\n%PDF-1.4 after junk"), Sniff::Pdf);
    }

    #[test]
    fn binary_by_nul_magic_or_control_ratio() {
        assert_eq!(sniff(b"hello\0world and more text here"), Sniff::Binary);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nabc"), Sniff::Binary);
        let noisy: Vec<u8> = (0..4000u32).map(|i| (i * 37 % 31) as u8 + 1).collect();
        assert_eq!(sniff(&noisy), Sniff::Binary);
        assert_eq!(
            sniff("Dear Ms Wagner\n\nThis letter\x0cnext page".as_bytes()),
            Sniff::Text
        );
    }

    #[test]
    fn binary_after_a_text_preface_is_binary() {
        let text = "Plain English text about chronic neglect and care leavers.\n".repeat(190);
        let mut state = 7u64;
        let mut random = |n: usize, low: u8| -> Vec<u8> {
            (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    low + ((state >> 33) % (256 - u64::from(low))) as u8
                })
                .collect()
        };
        for low in [0u8, 0x80] {
            let mut bytes = text.as_bytes().to_vec();
            bytes.extend(random(2 << 20, low));
            assert_eq!(sniff(&bytes), Sniff::Binary, "random bytes from {low:#x}");
        }
        // Long text with a stray NUL, Windows-1252 accents, or any UTF-8 script stays text.
        let mut long = text.repeat(20).into_bytes();
        long[30_000] = 0;
        assert_eq!(sniff(&long), Sniff::Text);
        let cp1252 = "Caf\u{e9} cr\u{e8}me, na\u{ef}ve r\u{f4}le \u{2013} \u{a3}5 ".repeat(2000);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&cp1252);
        assert_eq!(sniff(&bytes), Sniff::Text);
        let greek = "\u{3b1}\u{3b2}\u{3b3} \u{4e2d}\u{6587} ".repeat(5000);
        assert_eq!(sniff(greek.as_bytes()), Sniff::Text);
        assert!(!binary_text(&text.repeat(20)));
        assert!(binary_text(&format!(
            "{text}{}",
            "\u{4e00}\u{fffd}".repeat(5000)
        )));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        assert_eq!(
            sniff(b"\xff\xfeD\0e\0a\0r\0"),
            Sniff::Utf16 { big_endian: false }
        );
        assert_eq!(sniff(b"\xfe\xff\0D\0e"), Sniff::Utf16 { big_endian: true });
        let le: Vec<u8> = "Dear Ms Wagner, this letter"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(sniff(&le), Sniff::Utf16 { big_endian: false });
    }

    #[test]
    fn txt_that_is_html_is_html() {
        let page = "<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>";
        assert_eq!(text_format(page, Some("txt")), Format::Html);
        let fragment = "<div class=a><p>One</p><p>Two</p><ul><li>x</li><li>y</li></ul><br><span>z</span></div>";
        assert_eq!(text_format(fragment, None), Format::Html);
        // A letter that mentions a tag in passing stays text.
        let letter = "Dear Ms Wagner\n\nThe form uses <b> for emphasis in one place.\n";
        assert_eq!(text_format(letter, Some("txt")), Format::Text);
    }

    #[test]
    fn markdown_signals() {
        let md = "Ofsted  \nPiccadilly Gate  \nStore Street  \n\n### **Focused visit**\n\n[mail](mailto:a@b.c)\n";
        assert_eq!(text_format(md, Some("txt")), Format::Markdown);
        let front = "---\ntitle: \"Headline\"\ndate: \"2019-02-27\"\n---\n\n# Headline\n";
        assert_eq!(text_format(front, None), Format::Markdown);
        let plain = "Summary\n\n- one point\n- another point\n#1 priority is safety.\n";
        assert_eq!(text_format(plain, Some("txt")), Format::Text);
        assert_eq!(text_format(plain, Some("md")), Format::Markdown);
    }

    #[test]
    fn html_extension_without_markup_is_text() {
        assert_eq!(text_format("just words", Some("html")), Format::Text);
        assert_eq!(text_format("<p>words</p>", Some("htm")), Format::Html);
    }
}

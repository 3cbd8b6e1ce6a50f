//! A streaming HTML tokenizer: text, start and end tags, and the content of
//! raw-text elements (`script`, `style`, `title`, ...) as one token. Comments,
//! doctypes and processing instructions are skipped; CDATA is text. Quoted
//! attribute values may hold `>`. Linear in the input, never recursive.

use super::elements::is_raw_text;

/// A lower-cased tag name (truncated to 16 bytes; longer names are custom
/// elements that only need to match themselves).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Name {
    buf: [u8; 16],
    len: u8,
}

impl Name {
    pub(super) fn new(raw: &[u8]) -> Name {
        let mut n = Name::default();
        for (i, b) in raw.iter().take(16).enumerate() {
            n.buf[i] = b.to_ascii_lowercase();
        }
        n.len = raw.len().min(16) as u8;
        n
    }
    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from_utf8_lossy(self.as_bytes()))
    }
}

#[derive(Debug)]
pub(super) enum Token<'a> {
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

pub(super) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// A raw-text element was just opened: its content comes next.
    raw: Option<Name>,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(src: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            src,
            pos: 0,
            raw: None,
        }
    }

    pub(super) fn next_token(&mut self) -> Option<Token<'a>> {
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
            if let Some(t) = self.markup(start) {
                return Some(t);
            }
        }
        None
    }

    /// The token of the markup at `start` (a `<`), or `None` for markup that is
    /// skipped (comments, doctypes); `pos` moves past it either way.
    fn markup(&mut self, start: usize) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        let next = bytes.get(start + 1).copied().unwrap_or(0);
        if next.is_ascii_alphabetic() {
            return Some(self.start_tag(start));
        }
        if next == b'/' && bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name_end = scan_name(bytes, start + 2);
            let name = Name::new(&bytes[start + 2..name_end]);
            self.pos =
                memchr::memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |i| name_end + i + 1);
            return Some(Token::End(name));
        }
        if bytes[start..].starts_with(b"<!--") {
            self.pos = memchr::memmem::find(&bytes[start + 4..], b"-->")
                .map_or(bytes.len(), |i| start + 4 + i + 3);
            return None;
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
            self.pos = memchr::memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
            return None;
        }
        // A lone '<' is text.
        let end = memchr::memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
        self.pos = end;
        Some(Token::Text(&self.src[start..end]))
    }

    /// A start tag at `start`; a raw-text element's content is the next token.
    fn start_tag(&mut self, start: usize) -> Token<'a> {
        let bytes = self.src.as_bytes();
        let name_end = scan_name(bytes, start + 1);
        let name = Name::new(&bytes[start + 1..name_end]);
        let (attrs_end, tag_end) = scan_tag_end(bytes, name_end);
        let self_closing = attrs_end > name_end && bytes[attrs_end - 1] == b'/';
        self.pos = tag_end;
        if !self_closing && is_raw_text(name.as_bytes()) {
            self.raw = Some(name);
        }
        Token::Start {
            name,
            attrs: &self.src[name_end..attrs_end],
            self_closing,
        }
    }
}

/// End of a tag name starting at `i`.
pub(super) fn scan_name(bytes: &[u8], mut i: usize) -> usize {
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

/// Iterate `(name, value)` over an attribute string (names as written, for a
/// case-insensitive comparison by the caller; values still entity-encoded).
pub(super) fn attributes(raw: &str) -> impl Iterator<Item = (&str, &str)> {
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
            skip_spaces(bytes, &mut i);
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                skip_spaces(bytes, &mut i);
                let value = attribute_value(raw, &mut i);
                if !name.is_empty() {
                    return Some((name, value));
                }
            } else if !name.is_empty() {
                return Some((name, ""));
            }
        }
    })
}

fn skip_spaces(bytes: &[u8], i: &mut usize) {
    while *i < bytes.len() && matches!(bytes[*i], b' ' | b'\t' | b'\n' | b'\r') {
        *i += 1;
    }
}

/// A quoted or bare attribute value starting at `i`; `i` moves past it.
fn attribute_value<'a>(raw: &'a str, i: &mut usize) -> &'a str {
    let bytes = raw.as_bytes();
    if *i < bytes.len() && matches!(bytes[*i], b'"' | b'\'') {
        let q = bytes[*i];
        let vs = *i + 1;
        let ve = memchr::memchr(q, &bytes[vs..]).map_or(bytes.len(), |o| vs + o);
        *i = (ve + 1).min(bytes.len());
        &raw[vs..ve]
    } else {
        let vs = *i;
        while *i < bytes.len() && !matches!(bytes[*i], b' ' | b'\t' | b'\n' | b'\r') {
            *i += 1;
        }
        &raw[vs..*i]
    }
}

//! Character references: named ones from the HTML standard's table (`web_atoms`,
//! as used by html5ever), decimal and hexadecimal ones with HTML's Windows-1252
//! remapping of 0x80-0x9F. A `&` that starts no known reference stays as written.

use crate::ingest::decode::windows_1252;

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

/// Decode entities in a short string (attribute values, titles).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_entities_into(text, &mut out);
    out
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
    if s.as_bytes().first() == Some(&b'#') {
        return numeric_entity(s);
    }
    let b = s.as_bytes();
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

/// `#163;` / `#xA3;` (the `;` optional, at most eight digits).
fn numeric_entity(s: &str) -> Option<(EntityChars, usize)> {
    let b = s.as_bytes();
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
    Some((EntityChars::new(numeric_char(n), None), len))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&pound;5 &#163; &#xA3; &amp;c &nbsp;x &copy &bogus; & &#150;"),
            "\u{a3}5 \u{a3} \u{a3} &c \u{a0}x \u{a9} &bogus; & \u{2013}"
        );
    }
}

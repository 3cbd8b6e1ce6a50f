//! Bytes to text: UTF-8 (BOM stripped), UTF-16 with or without BOM, and a
//! Windows-1252 fallback for files that are not valid UTF-8. Lossy decoding is
//! reported as a warning, never an error. Line endings become `\n`.
//!
//! UTF-16 and Windows-1252 go through `encoding_rs` (the WHATWG tables, SIMD for
//! ASCII runs).

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decoded text and, when decoding was not clean, a one-line warning.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub warning: Option<String>,
}

/// Decode bytes that [`super::detect::sniff`] classified as text.
pub fn decode(bytes: &[u8], utf16: Option<bool>) -> Decoded<'_> {
    let mut d = match utf16 {
        Some(big_endian) => decode_utf16(bytes, big_endian),
        None => decode_8bit(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)),
    };
    if memchr::memchr(b'\r', d.text.as_bytes()).is_some() {
        d.text = Cow::Owned(d.text.replace("\r\n", "\n").replace('\r', "\n"));
    }
    d
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Decoded<'static> {
    let (body, encoding) = if big_endian {
        (bytes.strip_prefix(b"\xfe\xff").unwrap_or(bytes), UTF_16BE)
    } else {
        (bytes.strip_prefix(b"\xff\xfe").unwrap_or(bytes), UTF_16LE)
    };
    // A trailing odd byte is dropped (and counted), not decoded to U+FFFD.
    let odd = body.len() % 2;
    let body = &body[..body.len() - odd];
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let mut bad = odd;
    if had_errors {
        // Each unpaired surrogate became one U+FFFD; U+FFFD units already in the
        // input are not errors.
        const REPLACEMENT: u16 = 0xfffd;
        let given = body
            .chunks_exact(2)
            .filter(|p| {
                let unit = if big_endian {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                };
                unit == REPLACEMENT
            })
            .count();
        bad += text
            .matches(char::REPLACEMENT_CHARACTER)
            .count()
            .saturating_sub(given);
    }
    let warning = (bad > 0).then(|| format!("invalid UTF-16 ({bad} code units replaced)"));
    Decoded {
        text: Cow::Owned(text.into_owned()),
        warning,
    }
}

fn decode_8bit(bytes: &[u8]) -> Decoded<'_> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(s),
            warning: None,
        };
    }
    // Count real multi-byte UTF-8 characters and the invalid bytes between them.
    let (mut multibyte, mut invalid, mut undefined) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|b| *b >= 0xc0).count();
        invalid += chunk.invalid().len();
        undefined += chunk
            .invalid()
            .iter()
            .filter(|&&b| windows_1252(b).is_none())
            .count();
    }
    if multibyte == 0 && undefined == 0 {
        // No UTF-8 at all and every high byte is a Windows-1252 character: the
        // usual case for text saved by older Windows software.
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        return Decoded {
            text: Cow::Owned(text.into_owned()),
            warning: Some("not valid UTF-8; decoded as Windows-1252".to_string()),
        };
    }
    // Mostly UTF-8 with stray bytes: keep the UTF-8, read isolated stray bytes
    // as Windows-1252 when they are printable there, replace the rest.
    let mut text = String::with_capacity(bytes.len() + invalid * 2);
    let mut replaced = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let bad = chunk.invalid();
        if bad.len() == 1
            && let Some(c) = windows_1252(bad[0])
        {
            text.push(c);
        } else if !bad.is_empty() {
            text.push('\u{fffd}');
            replaced += bad.len();
        }
    }
    let warning = if replaced > 0 {
        format!("invalid UTF-8 ({invalid} bytes); decoded lossily")
    } else {
        format!("invalid UTF-8 ({invalid} bytes) read as Windows-1252")
    };
    Decoded {
        text: Cow::Owned(text),
        warning: Some(warning),
    }
}

/// One Windows-1252 byte as a character; `None` for the five bytes the encoding
/// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), which the WHATWG table maps
/// to the C1 control of the same number.
pub(crate) fn windows_1252(b: u8) -> Option<char> {
    if b < 0x80 {
        return Some(char::from(b));
    }
    let c = HIGH_HALF[usize::from(b - 0x80)];
    (!('\u{80}'..='\u{9f}').contains(&c)).then_some(c)
}

/// Bytes 0x80-0xFF of Windows-1252, read once from `encoding_rs`'s table (stray
/// bytes are looked up one at a time, too often to run a decoder for each).
static HIGH_HALF: LazyLock<[char; 128]> = LazyLock::new(|| {
    let bytes: Vec<u8> = (0x80..=0xff).collect();
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
    let mut table = ['\u{fffd}'; 128];
    for (slot, c) in table.iter_mut().zip(text.chars()) {
        *slot = c;
    }
    table
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped_and_borrowed() {
        let d = decode(b"\xef\xbb\xbfDear Ms Wagner", None);
        assert_eq!(d.text, "Dear Ms Wagner");
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.warning.is_none());
    }

    #[test]
    fn windows_1252_fallback() {
        // "children’s services – £5" saved as Windows-1252.
        let d = decode(b"children\x92s services \x96 \xa35", None);
        assert_eq!(d.text, "children\u{2019}s services \u{2013} \u{a3}5");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn mixed_utf8_with_stray_bytes_is_lossy() {
        let mut bytes = "caf\u{e9} ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\x81\x81 and \x92s");
        let d = decode(&bytes, None);
        assert_eq!(d.text, "caf\u{e9} \u{fffd}\u{fffd} and \u{2019}s");
        assert!(d.warning.unwrap().contains("lossily"));
    }

    #[test]
    fn utf16_both_orders_and_crlf() {
        let mut le = vec![0xff, 0xfe];
        le.extend(
            "A\u{2019}B\r\nC"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(decode(&le, Some(false)).text, "A\u{2019}B\nC");
        let mut be = vec![0xfe, 0xff];
        be.extend("Wakefield".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be, Some(true)).text, "Wakefield");
        let d = decode(&[0xff, 0xfe, 0x00, 0xd8, b'a', 0], Some(false));
        assert_eq!(d.text, "\u{fffd}a");
        assert!(d.warning.is_some());
    }

    #[test]
    fn windows_1252_undefined_bytes_are_none() {
        assert_eq!(windows_1252(0x92), Some('\u{2019}'));
        assert_eq!(windows_1252(0x80), Some('\u{20ac}'));
        assert_eq!(windows_1252(0xe9), Some('\u{e9}'));
        for b in [0x81, 0x8d, 0x8f, 0x90, 0x9d] {
            assert_eq!(windows_1252(b), None, "{b:#x}");
        }
        let d = decode(
            &[0xff, 0xfe, 0xfd, 0xff, b'a', 0, 0x00, 0xdc, b'b'],
            Some(false),
        );
        assert_eq!(d.text, "\u{fffd}a\u{fffd}");
        assert_eq!(
            d.warning.as_deref(),
            Some("invalid UTF-16 (2 code units replaced)")
        );
    }

    #[test]
    fn old_mac_line_endings() {
        assert_eq!(decode(b"one\rtwo\r\nthree", None).text, "one\ntwo\nthree");
    }
}

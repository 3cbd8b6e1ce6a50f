//! Bytes to text: UTF-8 (BOM stripped), UTF-16 with or without BOM, and a
//! Windows-1252 fallback for files that are not valid UTF-8. Lossy decoding is
//! reported as a warning, never an error. Line endings become `\n`.

use std::borrow::Cow;

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
    let body = if big_endian {
        bytes.strip_prefix(b"\xfe\xff").unwrap_or(bytes)
    } else {
        bytes.strip_prefix(b"\xff\xfe").unwrap_or(bytes)
    };
    let units = body.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut bad = usize::from(body.len() % 2 == 1);
    let mut text = String::with_capacity(body.len() / 2);
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            bad += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    let warning = (bad > 0).then(|| format!("invalid UTF-16 ({bad} code units replaced)"));
    Decoded {
        text: Cow::Owned(text),
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
            .filter(|&&b| cp1252(b).is_none())
            .count();
    }
    if multibyte == 0 && undefined == 0 {
        // No UTF-8 at all and every high byte is a Windows-1252 character: the
        // usual case for text saved by older Windows software.
        let text: String = bytes
            .iter()
            .map(|&b| cp1252(b).unwrap_or('\u{fffd}'))
            .collect();
        return Decoded {
            text: Cow::Owned(text),
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
            && let Some(c) = cp1252(bad[0])
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

/// Windows-1252 byte to char; `None` for the five undefined bytes and for C0
/// controls other than whitespace.
fn cp1252(b: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
        0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
    ];
    match b {
        0x80..=0x9f => match HIGH[usize::from(b - 0x80)] {
            0 => None,
            u => char::from_u32(u32::from(u)),
        },
        _ => Some(char::from(b)),
    }
}

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
    fn old_mac_line_endings() {
        assert_eq!(decode(b"one\rtwo\r\nthree", None).text, "one\ntwo\nthree");
    }
}

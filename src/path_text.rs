//! Paths as text. A document's id must keep every byte of its path (two files
//! whose names differ only in bytes that are not UTF-8 are two documents, with
//! the same ids on every run); what is printed must be readable and never carry
//! a control character (an escape sequence in a file name) to a terminal.

use std::borrow::Cow;
use std::path::Path;

/// The id of a path. A path that is valid UTF-8 and holds no backslash is its own
/// id (every id an older ofsearch wrote); any other has its backslashes doubled
/// and each byte that is not part of a UTF-8 character written `\xHH`. The two
/// forms cannot meet (only the second holds a backslash) and each is one-to-one,
/// so two paths never share an id. It is a prefix-preserving map: the id of a
/// folder followed by `/` starts the id of every file in it.
pub fn path_id(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.contains('\\') => s.to_string(),
        _ => escape_bytes(bytes, true),
    }
}

/// A path for people: its text, each byte that is not UTF-8 written `\xHH`
/// (where `to_string_lossy` would make two names look alike).
pub fn path_display(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => escape_bytes(bytes, false),
    }
}

fn escape_bytes(bytes: &[u8], backslashes: bool) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        if backslashes {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
        } else {
            out.push_str(chunk.valid());
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// Text for a terminal: control characters (C0, DEL, C1) and the bidirectional
/// overrides that reorder what is shown are written as `\xHH` / `\u{HHHH}`.
/// Borrowed when there is nothing to escape (the usual case).
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    escape_controls(s, false)
}

/// As [`terminal_safe`], but line breaks and tabs are kept (cells of a table
/// that may hold several lines).
pub fn terminal_safe_lines(s: &str) -> Cow<'_, str> {
    escape_controls(s, true)
}

fn escape_controls(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !(keep_lines && matches!(c, '\n' | '\r' | '\t')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.contains(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !bad(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02X}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn raw(bytes: &[u8]) -> std::path::PathBuf {
        use std::os::unix::ffi::OsStrExt;
        std::path::PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }

    #[cfg(unix)]
    #[test]
    fn ids_keep_every_byte_and_never_meet() {
        let names: [&[u8]; 7] = [
            b"/c/a\xff.txt",
            b"/c/a\xfe.txt",
            b"/c/a\\xFF.txt",
            b"/c/a\\\\xFF.txt",
            b"/c/a\xef\xbf\xbd.txt",
            b"/c/a.txt",
            b"/c/a\\.txt",
        ];
        let ids: Vec<String> = names.iter().map(|n| path_id(&raw(n))).collect();
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{ids:?}");
        // Valid names without a backslash keep the id they always had.
        assert_eq!(ids[4], "/c/a\u{fffd}.txt");
        assert_eq!(ids[5], "/c/a.txt");
        assert_eq!(ids[0], "/c/a\\xFF.txt");
        assert_eq!(ids[2], "/c/a\\\\xFF.txt");
        // Prefixes: a folder's id starts its files' ids.
        for dir in [&b"/c/d\xff"[..], b"/c/d", b"/c/d\\e"] {
            let mut file = dir.to_vec();
            file.extend_from_slice(b"/f\xfe.txt");
            let prefix = format!("{}/", path_id(&raw(dir)));
            assert!(path_id(&raw(&file)).starts_with(&prefix), "{prefix}");
        }
        assert_eq!(path_display(&raw(b"a\xff/b\\c")), "a\\xFF/b\\c");
    }

    #[test]
    fn control_characters_are_escaped_for_terminals() {
        assert!(matches!(terminal_safe("corpus/a.txt"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_safe("a\x1b[31mred\x07\u{9b}\u{202e}.txt"),
            "a\\x1B[31mred\\x07\\x9B\\u{202E}.txt"
        );
        assert_eq!(terminal_safe("a\nb"), "a\\x0Ab");
        assert_eq!(terminal_safe_lines("a\nb\x1b"), "a\nb\\x1B");
    }
}

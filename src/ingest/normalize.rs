//! Text normalisation shared by every format.
//!
//! Contract (relied on by `extract`): line structure is kept; typographic quotes
//! become ASCII quotes, dashes become `-`, non-breaking and other Unicode spaces
//! become a plain space, runs of horizontal whitespace collapse to one space,
//! lines are trimmed, form feeds become line breaks, control characters are
//! dropped, and more than one blank line collapses to a single blank line.

/// Normalise text as described in the module documentation.
pub fn normalize_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut blank_run = 0usize;
    let bytes = input.as_bytes();
    let mut start = 0;
    let breaks = memchr::memchr2_iter(b'\n', 0x0c, bytes).chain(std::iter::once(bytes.len()));
    for end in breaks {
        let raw_line = &input[start..end];
        start = end + 1;
        // Write the separator and the line; take both back if the line is empty.
        let mark = out.len();
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        let content = out.len();
        normalize_line_into(raw_line, &mut out);
        if out.len() == content {
            out.truncate(mark);
            blank_run += 1;
        } else {
            blank_run = 0;
        }
    }
    out
}

/// Printable ASCII copied as is (the backquote becomes a quote).
fn is_plain(b: u8) -> bool {
    (0x21..0x7f).contains(&b) && b != b'`'
}

/// Append one normalised line (no line breaks) to `out`.
fn normalize_line_into(line: &str, out: &mut String) {
    let start = out.len();
    let bytes = line.as_bytes();
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_plain(b) {
            // A run of printable ASCII with single spaces between words.
            let run = i;
            loop {
                while i < bytes.len() && is_plain(bytes[i]) {
                    i += 1;
                }
                if i + 1 < bytes.len() && bytes[i] == b' ' && is_plain(bytes[i + 1]) {
                    i += 2;
                    continue;
                }
                break;
            }
            if pending_space && out.len() > start {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&line[run..i]);
            continue;
        }
        let c = if b.is_ascii() {
            i += 1;
            char::from(b)
        } else {
            let Some(c) = line[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            c
        };
        let mapped = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            '\u{2026}' => {
                if pending_space && out.len() > start {
                    out.push(' ');
                }
                pending_space = false;
                out.push_str("...");
                continue;
            }
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() => {
                pending_space = true;
                continue;
            }
            c if c.is_control() => continue,
            c => c,
        };
        if pending_space && out.len() > start {
            out.push(' ');
        }
        pending_space = false;
        out.push(mapped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_and_spaces() {
        assert_eq!(
            normalize_text("  \u{201C}steady\u{00A0}progress\u{201D} \u{2013} it\u{2019}s  "),
            "\"steady progress\" - it's"
        );
    }

    #[test]
    fn controls_zero_width_and_leading_blanks() {
        assert_eq!(
            normalize_text("\n\n a\u{0}b\u{200B}c\u{7f} `x`\u{2026} \u{2026}\t\n \n"),
            "abc 'x'... ..."
        );
        assert_eq!(
            normalize_text("\u{a0}\u{2003}caf\u{e9}\u{85}ok"),
            "caf\u{e9} ok"
        );
        assert_eq!(normalize_text(""), "");
        assert_eq!(normalize_text(" \n\x0c "), "");
    }

    #[test]
    fn keeps_lines_and_collapses_blank_runs() {
        assert_eq!(normalize_text("a\n\n\n\nb\x0cc\r\n"), "a\n\nb\nc");
    }
}

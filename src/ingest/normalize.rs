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
    for raw_line in input.split(['\n', '\x0c']) {
        let line = normalize_line(raw_line);
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        blank_run = 0;
        out.push_str(&line);
    }
    out
}

fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        let mapped = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            '\u{2026}' => {
                flush_space(&mut out, &mut pending_space);
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
        flush_space(&mut out, &mut pending_space);
        out.push(mapped);
    }
    out
}

fn flush_space(out: &mut String, pending: &mut bool) {
    if *pending && !out.is_empty() {
        out.push(' ');
    }
    *pending = false;
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
    fn keeps_lines_and_collapses_blank_runs() {
        assert_eq!(normalize_text("a\n\n\n\nb\x0cc\r\n"), "a\n\nb\nc");
    }
}

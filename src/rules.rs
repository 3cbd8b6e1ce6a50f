//! Regexes for the rules of ingest and extraction, compiled with ASCII word
//! boundaries.
//!
//! The regex crate's fast engine (a lazy DFA) cannot decide a Unicode `\b` once
//! the text holds a non-ASCII character, as nearly every web page and article
//! does (curly quotes, dashes): it gives up and the search falls back to a
//! slower engine (the PikeVM), several times slower. The rules' words are
//! English, so an ASCII boundary says the same at their edges; every `\b` and
//! `\B` outside a character class is compiled as `(?-u:\b)` / `(?-u:\B)`. Found
//! by profiling the index run (issue 17): with Unicode boundaries the PikeVM was
//! the single largest cost of extraction.

use regex::{Regex, RegexSet};

/// `pattern` with its word boundaries made ASCII.
pub fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is a literal.
                let rest = chars.as_str();
                let literal = if rest.starts_with("^]") {
                    2
                } else {
                    usize::from(rest.starts_with(']'))
                };
                for _ in 0..literal {
                    if let Some(l) = chars.next() {
                        out.push(l);
                    }
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// [`Regex::new`] with ASCII word boundaries.
pub fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_boundaries(pattern))
}

/// [`RegexSet::new`] with ASCII word boundaries.
pub fn regex_set<I, S>(patterns: I) -> Result<RegexSet, regex::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    RegexSet::new(patterns.into_iter().map(|p| ascii_boundaries(p.as_ref())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_outside_classes_become_ascii() {
        assert_eq!(ascii_boundaries(r"\bsaid\b"), r"(?-u:\b)said(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\Bx"), r"(?-u:\B)x");
        // Escapes and classes are left as they are.
        assert_eq!(ascii_boundaries(r"\\b[\b]\d"), r"\\b[\b]\d");
        assert_eq!(ascii_boundaries(r"[]b]\b"), r"[]b](?-u:\b)");
        assert_eq!(ascii_boundaries(r"[^]\b]\b"), r"[^]\b](?-u:\b)");
    }

    #[test]
    fn ascii_boundaries_match_as_before_on_english_text() {
        let unicode = Regex::new(r"(?i)\b(?:said|rated)\b").unwrap();
        let ascii = regex(r"(?i)\b(?:said|rated)\b").unwrap();
        for text in [
            "The council said on Monday",
            "It was \u{201c}rated\u{201d} good \u{2013} she said.",
            "unsaid words; berated staff",
            "Caf\u{e9} said",
        ] {
            let a: Vec<_> = unicode.find_iter(text).map(|m| m.range()).collect();
            let b: Vec<_> = ascii.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(a, b, "{text}");
        }
        assert!(
            regex_set([r"\bgood\b", r"\bpoor\b"])
                .unwrap()
                .is_match("a \u{2018}good\u{2019} one")
        );
    }
}

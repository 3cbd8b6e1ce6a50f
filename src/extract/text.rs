//! Slicing helpers shared by the field extractors: the top of a document cut at
//! a character boundary, and whitespace flattening.

/// The first `n` bytes of `s`, cut back to a character boundary.
pub(crate) fn head(s: &str, n: usize) -> &str {
    &s[..floor_boundary(s, n)]
}

/// The largest character boundary of `s` at or below `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or above `i` (at most `s.len()`).
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Collapse every run of whitespace (line breaks included) to one space.
pub(crate) fn flatten(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

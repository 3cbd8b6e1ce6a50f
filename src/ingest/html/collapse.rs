//! Whitespace in text runs: HTML renders a run of ASCII whitespace as one space.

use super::entities::decode_entities_into;

/// Append whitespace-collapsed, entity-decoded text: runs of ASCII whitespace
/// become one space, and no space starts a block (the block starts at
/// `block_start`) or follows a line break.
pub(super) fn push_collapsed(
    out: &mut String,
    s: &str,
    pending_space: &mut bool,
    block_start: usize,
) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            *pending_space = true;
            i += 1;
            continue;
        }
        // A run of words separated by single spaces.
        let start = i;
        loop {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b' ' && !b[i + 1].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            break;
        }
        if *pending_space && out.len() > block_start && !out.ends_with('\n') {
            out.push(' ');
        }
        *pending_space = false;
        decode_entities_into(&s[start..i], out);
    }
}

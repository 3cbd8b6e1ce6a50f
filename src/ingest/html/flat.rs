//! Pathologically nested pages: a byte scan for the nesting depth, and a flat
//! pass that only strips tags (no stack, linear).

use super::collapse::push_collapsed;
use super::elements::{Kind, breaks_block, kind_of, optional_end};
use super::entities::decode_entities;
use super::hints::strip_site_suffix;
use super::select::HtmlText;
use super::tokenizer::{Name, Token, Tokenizer, scan_name};

/// Maximum element nesting depth, by a byte scan (void and self-closing tags
/// do not nest).
pub fn max_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off + 1;
        i = at;
        let (close, name_at) = match bytes.get(at) {
            Some(b'/') => (true, at + 1),
            Some(b) if b.is_ascii_alphabetic() => (false, at),
            _ => continue,
        };
        let end = scan_name(bytes, name_at);
        let name = Name::new(&bytes[name_at..end]);
        let name = name.as_bytes();
        if name.is_empty() || optional_end(name) || kind_of(name) == Kind::Void {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
            continue;
        }
        let gt = memchr::memchr(b'>', &bytes[end..]).map_or(bytes.len(), |o| end + o);
        if gt > end && bytes[gt - 1] == b'/' {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// Flat pass for pathological nesting: strip tags, drop raw-text content, break
/// lines at block tags, decode entities. Linear, no stack.
pub fn flat(html: &str) -> HtmlText {
    let mut tok = Tokenizer::new(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let mut pending = false;
    let mut line_start = 0;
    while let Some(t) = tok.next_token() {
        match t {
            Token::Text(s) => push_collapsed(&mut out, s, &mut pending, line_start),
            Token::Raw(name, s) => {
                if name.as_bytes() == b"title" && title.is_none() {
                    title = Some(strip_site_suffix(&decode_entities(s)));
                }
            }
            Token::Start { name, .. } | Token::End(name) => {
                let name = name.as_bytes();
                if name == b"br" {
                    out.push('\n');
                } else if breaks_block(kind_of(name)) && out.len() > line_start {
                    out.push_str("\n\n");
                } else {
                    continue;
                }
                line_start = out.len();
                pending = false;
            }
        }
    }
    HtmlText {
        text: out,
        title: title.filter(|t: &String| !t.trim().is_empty()),
    }
}

//! Markdown to text.
//!
//! YAML (`---`) or TOML (`+++`) front matter is removed; its `title` becomes the
//! title and its date (`date`, `published`, ...) stays visible as a line
//! "Published: 2018-12-13" so the date extractor sees it. In the body, heading
//! marks, emphasis, inline code marks and escapes are removed, links become their
//! text, image-only lines and reference definitions are dropped, fences and
//! table rules are removed, and list items stay one per line.

use super::front_matter::{self, FrontMatter};

/// Text and title of a Markdown document.
#[derive(Debug, Default)]
pub struct MdText {
    pub text: String,
    pub title: Option<String>,
}

/// Convert Markdown to plain text.
pub fn to_text(md: &str) -> MdText {
    let md = md.strip_prefix('\u{feff}').unwrap_or(md);
    let (front, body) = front_matter::split(md).unwrap_or((FrontMatter::default(), md));
    let title = front.title;
    let date = front.dates.first().map(|d| date_value(d));
    let mut out = String::with_capacity(body.len());
    let mut first_heading: Option<String> = None;
    let mut fence: Option<&str> = None;
    let mut previous_text = false;
    let mut published_pending = date.map(|d| format!("Published: {d}"));
    let mut body_started = false;
    let mut lines = body.split('\n').peekable();
    while let Some(raw) = lines.next() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            } else {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        if trimmed.is_empty() {
            out.push('\n');
            previous_text = false;
            continue;
        }
        // The date goes before the body, after a leading heading.
        if !body_started {
            body_started = true;
            if !is_atx_heading(trimmed)
                && let Some(p) = published_pending.take()
            {
                out.push_str(&p);
                out.push_str("\n\n");
            }
        }
        if is_rule(trimmed) {
            // A setext underline or a thematic break.
            out.push('\n');
            previous_text = false;
            continue;
        }
        if is_reference_definition(trimmed) || is_table_rule(trimmed) {
            continue;
        }
        if let Some(h) = atx_heading(trimmed) {
            let text = inline(h);
            if first_heading.is_none() && !text.is_empty() {
                first_heading = Some(text.clone());
            }
            if previous_text {
                out.push('\n');
            }
            out.push_str(&text);
            out.push_str("\n\n");
            if let Some(p) = published_pending.take() {
                out.push_str(&p);
                out.push_str("\n\n");
            }
            previous_text = false;
            continue;
        }
        // Setext heading: the next line is === or ---.
        if first_heading.is_none()
            && let Some(next) = lines.peek()
        {
            let n = next.trim();
            if n.len() >= 3 && (n.bytes().all(|b| b == b'=') || n.bytes().all(|b| b == b'-')) {
                first_heading = Some(inline(trimmed));
            }
        }
        let mut content = trimmed;
        while let Some(rest) = content.strip_prefix('>') {
            content = rest.trim_start();
        }
        let (marker, content) = list_marker(content);
        let text = if content.starts_with('|') || content.ends_with('|') && content.contains(" | ")
        {
            inline(content.trim_matches('|').trim())
        } else {
            inline(content)
        };
        let text = text.trim_end_matches('\\');
        if text.trim().is_empty() {
            // Image-only lines, empty list items.
            continue;
        }
        out.push_str(marker);
        out.push_str(text);
        out.push('\n');
        previous_text = true;
    }
    if let Some(p) = published_pending {
        out.insert_str(0, &format!("{p}\n\n"));
    }
    let title = title.or(first_heading).map(|t| inline(&t));
    MdText { text: out, title }
}

/// "2018-12-13T09:00:00Z" -> "2018-12-13"; other forms are kept as written.
fn date_value(v: &str) -> String {
    let b = v.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso {
        v[..10].to_string()
    } else {
        v.to_string()
    }
}

fn is_atx_heading(line: &str) -> bool {
    atx_heading(line).is_some()
}

/// The text of an ATX heading (`### Title ###`).
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let rest = rest.trim_end_matches('#').trim_end();
    Some(rest)
}

/// `---`, `***`, `___`, `===` (three or more, spaces allowed).
fn is_rule(line: &str) -> bool {
    let mut chars = line.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_' | '=')
        && line.chars().filter(|&c| c == first).count() >= 3
        && chars.all(|c| c == first)
}

fn is_table_rule(line: &str) -> bool {
    line.contains('-')
        && line.contains('|')
        && line
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// `[ref]: https://example.org "title"` (footnote text `[^1]: ...` is kept).
fn is_reference_definition(line: &str) -> bool {
    if !line.starts_with('[') || line.starts_with("[^") {
        return false;
    }
    let Some(i) = line.find("]:") else {
        return false;
    };
    let target = line[i + 2..].split_whitespace().next().unwrap_or("");
    i > 1
        && !line[1..i].contains(['[', ']'])
        && (target.contains("://")
            || target.starts_with(['/', '<', '#'])
            || target.starts_with("mailto:"))
}

/// A list marker and the item text: `* item` / `+ item` / `- item` -> "- ".
fn list_marker(line: &str) -> (&'static str, &str) {
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(m)
            && !is_rule(line)
        {
            return ("- ", rest.trim_start());
        }
    }
    ("", line)
}

/// Remove inline Markdown: links -> text, images dropped, emphasis, code marks,
/// escapes and inline HTML tags removed.
pub fn inline(s: &str) -> String {
    if !s
        .bytes()
        .any(|b| matches!(b, b'[' | b'!' | b'*' | b'_' | b'`' | b'\\' | b'<' | b'~'))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    inline_into(s, &mut out, 0);
    out
}

fn inline_into(s: &str, out: &mut String, depth: u8) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => {
                out.push_str(&s[last..i]);
                out.push(char::from(b[i + 1]));
                i += 2;
                last = i;
            }
            b'!' if b.get(i + 1) == Some(&b'[') => {
                if let Some((_, end)) = link_at(s, i + 1) {
                    out.push_str(&s[last..i]);
                    i = end;
                    last = i;
                } else {
                    i += 1;
                }
            }
            b'[' => {
                if let Some((text, end)) = link_at(s, i) {
                    out.push_str(&s[last..i]);
                    if depth < 4 {
                        inline_into(text, out, depth + 1);
                    } else {
                        out.push_str(text);
                    }
                    i = end;
                    last = i;
                } else {
                    i += 1;
                }
            }
            b'*' | b'_' | b'~' => {
                let run = b[i..].iter().take_while(|&&x| x == c).count();
                let prev = if i == 0 {
                    None
                } else {
                    s[..i].chars().next_back()
                };
                let next = s[i + run..].chars().next();
                let alnum = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
                let space = |ch: Option<char>| ch.is_none_or(char::is_whitespace);
                let both_space = space(prev) && space(next);
                let remove = match c {
                    b'~' => run == 2,
                    // `**` pairs, and `*` unless inside a word (2*3) or free-standing.
                    b'*' => !both_space && (run >= 2 || !(alnum(prev) && alnum(next))),
                    // `_` only at word edges (snake_case stays).
                    _ => !both_space && alnum(prev) != alnum(next),
                };
                if remove {
                    out.push_str(&s[last..i]);
                    last = i + run;
                }
                i += run;
            }
            b'`' => {
                out.push_str(&s[last..i]);
                let run = b[i..].iter().take_while(|&&x| x == b'`').count();
                i += run;
                last = i;
            }
            b'<' => {
                if let Some(end) = tag_end(b, i) {
                    out.push_str(&s[last..i]);
                    let inner = &s[i + 1..end - 1];
                    // Autolinks keep their address.
                    if let Some(addr) = inner.strip_prefix("mailto:") {
                        out.push_str(addr);
                    } else if inner.starts_with("http://") || inner.starts_with("https://") {
                        out.push_str(inner);
                    }
                    i = end;
                    last = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(&s[last..]);
}

/// `[text](url)`, `[text][ref]` or `[text]` starting at `i`: (text, end index).
fn link_at(s: &str, i: usize) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut j = i;
    let close = loop {
        match b.get(j)? {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break j;
                }
            }
            b'\\' => j += 1,
            _ => {}
        }
        j += 1;
    };
    let text = &s[i + 1..close];
    match b.get(close + 1) {
        Some(b'(') => {
            let mut depth = 0usize;
            let mut k = close + 1;
            loop {
                match b.get(k)? {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((text, k + 1));
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
        }
        Some(b'[') => {
            let end = s[close + 1..].find(']')? + close + 2;
            Some((text, end))
        }
        _ => None,
    }
}

/// End (exclusive) of an inline HTML tag or autolink starting at `i`.
fn tag_end(b: &[u8], i: usize) -> Option<usize> {
    let next = *b.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/') {
        return None;
    }
    let close = memchr::memchr(b'>', &b[i..])? + i;
    let inner = &b[i + 1..close];
    if inner.contains(&b'<') || inner.len() > 300 {
        return None;
    }
    let name_end = inner
        .iter()
        .position(|c| {
            !(c.is_ascii_alphanumeric()
                || *c == b'/'
                || *c == b':'
                || *c == b'.'
                || *c == b'@'
                || *c == b'-')
        })
        .unwrap_or(inner.len());
    if name_end == 0 {
        return None;
    }
    // A tag name then attributes, or an autolink without spaces.
    let is_link = inner.starts_with(b"http://")
        || inner.starts_with(b"https://")
        || inner.starts_with(b"mailto:");
    if is_link && inner.contains(&b' ') {
        return None;
    }
    Some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::normalize::normalize_text;

    #[test]
    fn front_matter_title_and_date() {
        let md = "---\ntitle: \"Bromley children\\u2019s services rated good\"\ndate: \"2019-02-27\"\nauthor: \"Gemma\"\n---\n\n# Bromley rated good\n\nBy Gemma Shackleton\n\nChildren's services are **good**.\n";
        let m = to_text(md);
        assert_eq!(
            m.title.as_deref(),
            Some("Bromley children\u{2019}s services rated good")
        );
        assert_eq!(
            normalize_text(&m.text),
            "Bromley rated good\n\nPublished: 2019-02-27\n\nBy Gemma Shackleton\n\nChildren's services are good."
        );
        assert!(!m.text.contains("author"));
    }

    #[test]
    fn date_without_heading_goes_first() {
        let m = to_text("---\npublished: 2018-12-13T09:00:00Z\n---\nText body.\n");
        assert_eq!(
            normalize_text(&m.text),
            "Published: 2018-12-13\n\nText body."
        );
    }

    #[test]
    fn letter_markup_like_the_seed() {
        let md = "Ofsted  \nPiccadilly Gate  \n**Textphone** 0161 618 8524  \n[enquiries@ofsted.gov.uk](mailto:enquiries@ofsted.gov.uk)  \n\n### **Focused visit to Wakefield local authority children's services**\n\n- Most children are _well_ protected.\n* Another point with snake_case kept.\n";
        let m = to_text(md);
        assert_eq!(
            m.title.as_deref(),
            Some("Focused visit to Wakefield local authority children's services")
        );
        assert!(m.text.contains("Textphone 0161 618 8524"));
        assert!(m.text.contains("\nenquiries@ofsted.gov.uk\n"));
        assert!(
            m.text
                .contains("\nFocused visit to Wakefield local authority children's services\n\n")
        );
        assert!(m.text.contains(
            "- Most children are well protected.\n- Another point with snake_case kept."
        ));
        assert!(!m.text.contains(['#', '*', '[', ']']));
    }

    #[test]
    fn images_links_and_references() {
        let m = to_text(
            "![Photo of a family](img/a.jpg)\n\nRead [the report](https://x.org/a_(b)) and [this][1].\n\n[1]: https://example.org\n\nSee <https://gov.uk> or <br> `code` and a \\*star\\*.\n",
        );
        assert_eq!(
            normalize_text(&m.text),
            "Read the report and this.\n\nSee https://gov.uk or code and a *star*."
        );
    }

    #[test]
    fn emphasis_edge_cases() {
        assert_eq!(inline("5 * 3 = 15 and 2*3"), "5 * 3 = 15 and 2*3");
        assert_eq!(
            inline("***very*** _so_ __bold__ ~~gone~~ file_name"),
            "very so bold gone file_name"
        );
    }

    #[test]
    fn rules_and_tables() {
        let m = to_text(
            "Title\n=====\n\n| Judgement | Grade |\n|---|:---:|\n| Overall | Good |\n\n***\n",
        );
        assert_eq!(m.title.as_deref(), Some("Title"));
        assert_eq!(
            normalize_text(&m.text),
            "Title\n\nJudgement | Grade\nOverall | Good"
        );
    }
}

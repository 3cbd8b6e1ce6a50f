//! Front matter: the `key: value` block some files start with, read once here.
//!
//! Two places hold one, read by their own rules:
//!
//! - a Markdown source ([`split`]): YAML between `---` lines (closed by `---` or
//!   `...`) or TOML between `+++` lines, within 300 lines. The Markdown reader
//!   removes it; its title becomes the document's title and its date a
//!   "Published:" line of the text.
//! - plain text that starts with a `---` block ([`at_top`]): the block stays in
//!   the text (it is searchable) and the extractor reads the title, dates and
//!   byline from this record instead of scanning the text again.

/// What a document's front matter says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The first non-empty `title`.
    pub title: Option<String>,
    /// Values of the date keys (`date`, `published`, ...), in order.
    pub dates: Vec<String>,
    /// A `source` or `author` key: the byline of a publication.
    pub byline: bool,
    /// Bytes the block takes at the start of its text, closing fence included.
    pub len: usize,
}

/// Date keys of a Markdown source's front matter (any case).
const DATE_KEYS: [&str; 7] = [
    "date",
    "published",
    "pubdate",
    "date_published",
    "datepublished",
    "published_at",
    "publication_date",
];

/// Date keys of a block left in plain text (as written).
const TEXT_DATE_KEYS: [&str; 3] = ["date:", "published:", "datePublished:"];

/// Lines of a Markdown source's front matter looked at for the closing fence.
const MAX_LINES: usize = 300;

/// A Markdown source's front matter and the body after it; `None` when the
/// source has none (or its block is never closed). A byte-order mark is skipped.
pub fn split(md: &str) -> Option<(FrontMatter, &str)> {
    let md = md.strip_prefix('\u{feff}').unwrap_or(md);
    let (pairs, body) = pairs(md)?;
    let mut fm = FrontMatter {
        len: md.len() - body.len(),
        ..FrontMatter::default()
    };
    for (key, value) in pairs {
        let k = key.to_ascii_lowercase();
        fm.byline |= k == "source" || k == "author";
        if value.is_empty() {
            continue;
        }
        if k == "title" {
            fm.title.get_or_insert(value);
        } else if DATE_KEYS.contains(&k.as_str()) {
            fm.dates.push(value);
        }
    }
    Some((fm, body))
}

/// The `key: value` (YAML) or `key = value` (TOML) pairs of a Markdown source's
/// front matter, and the body after it.
fn pairs(md: &str) -> Option<(Vec<(String, String)>, &str)> {
    let (fence, sep) = if md.starts_with("---") {
        ("---", ':')
    } else if md.starts_with("+++") {
        ("+++", '=')
    } else {
        return None;
    };
    let first_end = md.find('\n').unwrap_or(md.len());
    if md[..first_end].trim() != fence {
        return None;
    }
    let mut pairs = Vec::new();
    let mut pos = first_end + 1;
    for _ in 0..MAX_LINES {
        if pos >= md.len() {
            break;
        }
        let end = md[pos..].find('\n').map_or(md.len(), |i| pos + i);
        let line = md[pos..end].trim_end_matches('\r');
        let next = (end + 1).min(md.len());
        if line.trim() == fence || (fence == "---" && line.trim() == "...") {
            return Some((pairs, &md[next..]));
        }
        if let Some((k, v)) = line.split_once(sep)
            && !k.starts_with([' ', '\t', '-', '#'])
        {
            pairs.push((k.trim().to_string(), scalar(v.trim())));
        }
        pos = next;
    }
    // No closing fence: not front matter after all.
    None
}

/// A YAML / TOML scalar: JSON-style double quotes, single quotes or bare.
fn scalar(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        if let Ok(s) = serde_json::from_str::<String>(v) {
            return s;
        }
        return v[1..v.len() - 1].to_string();
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    v.to_string()
}

/// A `---` block at the top of (cleaned) text, read where it stands: it runs to
/// the first line that starts with `---`; `title:` and the date keys may be
/// indented, `source:` / `author:` start their line. A byte-order mark is
/// skipped (and not counted in `len`).
pub fn at_top(text: &str) -> Option<FrontMatter> {
    let t = text.trim_start_matches('\u{feff}');
    let rest = t.strip_prefix("---")?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    let end = rest.find("\n---")?;
    let block = &rest[..end];
    let mut fm = FrontMatter {
        len: t.len() - rest.len() + end + "\n---".len(),
        ..FrontMatter::default()
    };
    for line in block.lines() {
        fm.byline |= line.starts_with("source:") || line.starts_with("author:");
        let l = line.trim();
        if let Some(v) = l.strip_prefix("title:") {
            let v = unquote(v.trim());
            if fm.title.is_none() && !v.is_empty() {
                fm.title = Some(v.to_string());
            }
        } else if let Some(v) = TEXT_DATE_KEYS.iter().find_map(|k| l.strip_prefix(k)) {
            fm.dates.push(unquote(v.trim()).to_string());
        }
    }
    Some(fm)
}

/// A YAML scalar without its surrounding quotes.
fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].trim();
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_source_yaml_and_toml() {
        let md = "---\ntitle: \"Bromley children\\u2019s services rated good\"\nDate: '2019-02-27'\nauthor: Gemma\n---\n\n# Body\n";
        let (fm, body) = split(md).expect("front matter");
        assert_eq!(
            fm.title.as_deref(),
            Some("Bromley children\u{2019}s services rated good")
        );
        assert_eq!(fm.dates, ["2019-02-27"]);
        assert!(fm.byline);
        assert_eq!(body, "\n# Body\n");
        assert_eq!(fm.len, md.len() - body.len());
        let (fm, body) = split("+++\ntitle = \"T\"\npubdate = 2018-12-13\n+++\nText").unwrap();
        assert_eq!(
            (fm.title.as_deref(), fm.dates.as_slice()),
            (Some("T"), &["2018-12-13".to_string()][..])
        );
        assert_eq!(body, "Text");
        assert!(split("---\ntitle: never closed\n\nText").is_none());
        assert!(split("Text\n---\n").is_none());
    }

    #[test]
    fn block_left_in_plain_text() {
        let t = "---\ntitle: \"Sefton rated 'good'\"\ndate: \"2019-06-27\"\nsource: \"Sefton Council\"\n---\n\nBody";
        let fm = at_top(t).expect("front matter");
        assert_eq!(fm.title.as_deref(), Some("Sefton rated 'good'"));
        assert_eq!(fm.dates, ["2019-06-27"]);
        assert!(fm.byline);
        assert_eq!(
            &t[..fm.len],
            "---\ntitle: \"Sefton rated 'good'\"\ndate: \"2019-06-27\"\nsource: \"Sefton Council\"\n---"
        );
        let fm = at_top("\u{feff}---\r\n  title: x\n  source: y\n---").unwrap();
        assert_eq!(fm.title.as_deref(), Some("x"));
        assert!(!fm.byline, "an indented key is not the byline");
        assert_eq!(fm.len, "---\r\n  title: x\n  source: y\n---".len());
        assert!(at_top("--- \ntitle: x\n---").is_none());
        assert!(at_top("Text\n---\n").is_none());
    }
}

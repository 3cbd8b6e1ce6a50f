//! Title and date hints from a page's metadata: `<title>`, `og:title` /
//! `twitter:title`, JSON-LD `headline` and `datePublished`, publication-time
//! `<meta>` tags and `<time datetime>`.

use std::sync::LazyLock;

use regex::Regex;

use super::entities::decode_entities;

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::regex(r"^\s*(\d{4}-\d{2}-\d{2})").expect("valid regex"));
static LD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r#""datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})"#).expect("valid regex")
});
static LD_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r#""headline"\s*:\s*"((?:[^"\\]|\\.){3,300})""#).expect("valid regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?-u:\b)(?:1[89]|20)[0-9]{2}(?-u:\b)").expect("valid regex")
});

/// Title candidates and the publication date found in a page's metadata; the
/// first of each kind wins.
#[derive(Default)]
pub(super) struct Hints {
    title_tag: Option<String>,
    og_title: Option<String>,
    ld_headline: Option<String>,
    /// `og:site_name`.
    site_name: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
}

impl Hints {
    /// The text of a visible `<title>` element.
    pub(super) fn title_element(&mut self, s: &str) {
        if self.title_tag.is_none() {
            self.title_tag = one_line(&decode_entities(s));
        }
    }

    /// A `<script>`'s content: JSON-LD `datePublished` and `headline`.
    pub(super) fn script(&mut self, s: &str) {
        if !(s.contains("datePublished") || s.contains("headline")) {
            return;
        }
        if self.date.is_none()
            && let Some(c) = LD_DATE.captures(s)
        {
            self.date = Some(c[1].to_string());
        }
        if self.ld_headline.is_none()
            && let Some(c) = LD_HEADLINE.captures(s)
        {
            self.ld_headline = serde_json::from_str::<String>(&format!("\"{}\"", &c[1])).ok();
        }
    }

    /// A `<meta>` tag's `property` (or `name`, `itemprop`) and `content`.
    pub(super) fn meta(&mut self, property: Option<&str>, content: Option<&str>) {
        let (Some(p), Some(c)) = (property, content) else {
            return;
        };
        let p = p.trim();
        if (p.eq_ignore_ascii_case("og:title") || p.eq_ignore_ascii_case("twitter:title"))
            && self.og_title.is_none()
        {
            self.og_title = one_line(&decode_entities(c));
        } else if p.eq_ignore_ascii_case("og:site_name") && self.site_name.is_none() {
            self.site_name = one_line(&decode_entities(c));
        } else if (p.eq_ignore_ascii_case("article:published_time")
            || p.eq_ignore_ascii_case("datePublished")
            || p.eq_ignore_ascii_case("date")
            || p.eq_ignore_ascii_case("dc.date"))
            && self.date.is_none()
        {
            self.date = iso_date(c);
        }
    }

    /// Whether a heading is the site's name, not a headline: it is the page's
    /// `og:site_name`, or the suffix that [`strip_site_suffix`] takes off its
    /// `<title>` ("Headline | Site name"). Compared by words, case folded.
    pub(super) fn is_site_name(&self, heading: &str) -> bool {
        let h = words_key(heading);
        if h.is_empty() {
            return false;
        }
        if self.site_name.as_deref().is_some_and(|s| words_key(s) == h) {
            return true;
        }
        self.title_tag.as_deref().is_some_and(|t| {
            let head = strip_site_suffix(t);
            let whole = words_key(t);
            head.len() < t.trim().len()
                && whole.ends_with(&h)
                && whole.len() > h.len()
                && words_key(&head) != h
        })
    }

    /// The page's title: the content's `<h1>`, else `og:title`, else the JSON-LD
    /// headline, else the `<title>` without its site suffix.
    pub(super) fn title(self, h1: Option<String>) -> Option<String> {
        h1.or(self.og_title)
            .or(self.ld_headline)
            .or(self.title_tag.map(|t| strip_site_suffix(&t)))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    }
}

/// Alphanumeric words, lower-cased, one space apart.
fn words_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whitespace collapsed; `None` when nothing is left.
fn one_line(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// The `YYYY-MM-DD` a `datetime` or `content` value starts with.
pub(super) fn iso_date(v: &str) -> Option<String> {
    ISO_DATE.captures(v).map(|c| c[1].to_string())
}

/// Whether text names a year (1800-2099), i.e. already reads as a date.
pub(super) fn has_year(s: &str) -> bool {
    YEAR.is_match(s)
}

/// "Headline | Site name" -> "Headline" (also " - ", " – ", " — ", " :: ").
pub fn strip_site_suffix(title: &str) -> String {
    let t = title.trim();
    if let Some(i) = t.find(" | ").or_else(|| t.find(" :: ")) {
        let head = t[..i].trim();
        if head.len() >= 8 {
            return head.to_string();
        }
    }
    for sep in [" - ", " \u{2013} ", " \u{2014} "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (t[..i].trim(), t[i + sep.len()..].trim());
            if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    t.to_string()
}

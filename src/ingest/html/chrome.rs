//! Which elements are site chrome (navigation, banners, widgets) by their tag,
//! ARIA role, or class / id.

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::word_list::phrases;

/// Class / id tokens that name page chrome, as whole tokens.
static CHROME_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = phrases(include_str!("../../../data/html_chrome_classes.txt"))
        .map(regex::escape)
        .collect();
    crate::rules::regex(&format!(
        r"(?i)(?:^|[ \t\n_-])(?:{})(?:$|[ \t\n_-])",
        words.join("|")
    ))
    .expect("valid regex")
});

/// ARIA roles of landmarks and widgets that are not the content.
static CHROME_ROLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| phrases(include_str!("../../../data/html_chrome_roles.txt")).collect());

/// A class or id value with a token that names a chrome widget.
pub(super) fn is_chrome_class(value: &str) -> bool {
    !value.is_empty() && CHROME_ATTR.is_match(value)
}

/// Soft-dropped element kinds: dropped unless they turn out to hold the content.
pub(super) fn is_chrome_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"nav" | b"aside" | b"form" | b"footer" | b"menu" | b"figcaption"
    )
}

/// A chrome ARIA role (`navigation`, `banner`, ...).
pub(super) fn is_chrome_role(role: &str) -> bool {
    let role = role.trim();
    CHROME_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r))
}

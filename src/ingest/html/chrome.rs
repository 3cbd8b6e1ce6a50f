//! Which elements are site chrome (navigation, banners, widgets) by their tag,
//! ARIA role, or class / id.

use std::sync::LazyLock;

use regex::Regex;

/// Class / id tokens that name page chrome.
static CHROME_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[ \t\n_-])(?:cookies?|consent|gdpr|comments?|comment-list|disqus|share|sharing|sharebar|social|newsletter|subscribe|subscription|signup|sign-up|related|recommended|recommendations|most-?read|most-?popular|popular|trending|jobs?|vacanc(?:y|ies)|careers|advert|adverts|advertisement|ads|ad-slot|promo|sponsor(?:ed)?|breadcrumbs?|sidebar|widget|banner|modal|popup|paywall|pagination|pager|skip-link|visually-hidden|sr-only|screen-reader-text|caption|credits?|outbrain|taboola|footer|masthead|navbar|nav|menu)(?:$|[ \t\n_-])",
    )
    .expect("valid regex")
});

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

/// ARIA roles of landmarks and widgets that are not the content.
pub(super) fn is_chrome_role(role: &str) -> bool {
    let role = role.trim();
    [
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "toolbar",
        "alert",
    ]
    .iter()
    .any(|r| role.eq_ignore_ascii_case(r))
}

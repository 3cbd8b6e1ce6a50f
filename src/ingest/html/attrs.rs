//! The attributes of a start tag that the reader acts on.

use super::chrome::{is_chrome_class, is_chrome_role};
use super::tokenizer::attributes;

/// What a start tag's attributes say about the element.
#[derive(Default)]
pub(super) struct TagAttrs<'a> {
    /// A class or id names a chrome widget.
    pub class_id_chrome: bool,
    /// A chrome ARIA role, or `aria-hidden="true"` (soft: dropped like chrome
    /// unless it turns out to hold the content).
    pub role_chrome: bool,
    pub role_main: bool,
    /// `hidden`, `display: none` or `visibility: hidden`.
    pub invisible: bool,
    pub datetime: Option<&'a str>,
    /// The first of `property`, `name` and `itemprop` (of a `<meta>`).
    pub property: Option<&'a str>,
    pub content: Option<&'a str>,
    pub href: bool,
}

impl<'a> TagAttrs<'a> {
    pub(super) fn read(raw: &'a str) -> TagAttrs<'a> {
        let mut a = TagAttrs::default();
        for (k, v) in attributes(raw) {
            let is = |name: &str| k.eq_ignore_ascii_case(name);
            if is("class") || is("id") {
                a.class_id_chrome |= is_chrome_class(v);
            } else if is("role") {
                a.role_main |= v.trim().eq_ignore_ascii_case("main");
                a.role_chrome |= is_chrome_role(v);
            } else if is("hidden") {
                a.invisible = true;
            } else if is("aria-hidden") {
                a.role_chrome |= v.trim().eq_ignore_ascii_case("true");
            } else if is("style") {
                let v = v.to_ascii_lowercase();
                a.invisible |= v.contains("display:none")
                    || v.contains("display: none")
                    || v.contains("visibility:hidden")
                    || v.contains("visibility: hidden");
            } else if is("datetime") {
                a.datetime = Some(v);
            } else if is("property") || is("name") || is("itemprop") {
                if a.property.is_none() {
                    a.property = Some(v);
                }
            } else if is("content") {
                a.content = Some(v);
            } else if is("href") {
                a.href = true;
            }
        }
        a
    }
}

//! The reader as a whole, on pages shaped like real ones.

use super::*;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Bromley children&#8217;s services rated good | The Bromley Gazette</title>
<style>.cookie{position:fixed}</style>
<script>var a = 1 < 2 && "</div>"; </script>
<script type="application/ld+json">{"headline": "Bromley rated good", "datePublished": "2019-02-27"}</script>
</head><body>
<div class="cookie" id="cookie-banner">We use cookies. <a href="/cookies">Cookie preferences</a> <button>Accept all cookies</button></div>
<header class="site-header"><a class="logo" href="/">The Bromley Gazette</a>
<nav><ul><li><a href="/home">Home</a><li><a href="/jobs">Jobs</a></ul></nav></header>
<main><article>
<h1>Bromley children&#8217;s services rated &#8217;good&#8217;</h1>
<p class="byline">By Gemma Shackleton <time datetime="2019-02-27">27 February 2019</time></p>
<p>Children&#8217;s services at Bromley are good, Ofsted has found &amp; praised leaders.
<p>Inspectors said <a href="/r">the report</a> shows chronic neglect is tackled well.</p>
</article>
<div class="comments"><p>Comments are closed.</p></div></main>
<aside class="related"><h3>Most read</h3><ul><li><a href="/n/1">Councils struggle to tackle chronic neglect, report warns</a></li></ul></aside>
<section class="jobs-widget"><h3>Latest jobs</h3><div class="job"><a href="/jobs/1">Leisure Support Assistant</a><p>&pound;23,600 per annum</p></div></section>
<footer><p>Subscribe to our newsletter.</p><p>&copy; 2019 The Bromley Gazette.</p></footer>
</body></html>"#;

#[test]
fn article_only_without_chrome() {
    let h = to_text(PAGE);
    assert_eq!(
        h.title.as_deref(),
        Some("Bromley children\u{2019}s services rated \u{2019}good\u{2019}")
    );
    assert!(
        h.text.starts_with("Bromley children\u{2019}s services"),
        "{}",
        h.text
    );
    // The byline is the header zone: it goes, and the date comes back from
    // the metadata as the "Published:" line.
    assert!(!h.text.contains("Gemma Shackleton"), "{}", h.text);
    assert!(h.text.contains("Published: 2019-02-27"), "{}", h.text);
    assert!(h.text.contains("found & praised leaders."));
    assert!(
        h.text
            .contains("Inspectors said the report shows chronic neglect is tackled well.")
    );
    for chrome in [
        "cookie",
        "Comments",
        "Most read",
        "Leisure",
        "Subscribe",
        "Home",
        "Gazette",
        "var a",
    ] {
        assert!(!h.text.contains(chrome), "{chrome} left in {}", h.text);
    }
    assert_eq!(h.text.matches("chronic neglect").count(), 1);
}

#[test]
fn paragraphs_are_blocks_and_br_breaks_lines() {
    let h = to_text(
        "<html><body><p>One\n two</p><p>Three<br>Four</p><ul><li>a<li>b</ul></body></html>",
    );
    assert_eq!(h.text, "One two\n\nThree\nFour\n\na\n\nb");
}

#[test]
fn inline_spacing_is_kept() {
    let h =
        to_text("<p>The <b>local</b> authority<i>'s</i> plan, <a href=x>here</a> and there.</p>");
    assert_eq!(h.text, "The local authority's plan, here and there.");
}

#[test]
fn unclosed_list_items_do_not_swallow_the_page() {
    let h = to_text(
        "<body><nav><ul><li><a href=/>Home<li><a href=/n>News</ul></nav><p>Body text here.</p></body>",
    );
    assert_eq!(h.text, "Body text here.");
}

#[test]
fn script_with_markup_is_raw_text() {
    let h = to_text(
        "<body><script>if (a<b) document.write('<div><p>x')</script><p>Kept paragraph.</p></body>",
    );
    assert_eq!(h.text, "Kept paragraph.");
}

#[test]
fn title_fallbacks_and_suffixes() {
    let h = to_text(
        "<html><head><title>Council rated good - Social Work Weekly</title></head><body><p>Text body.</p></body></html>",
    );
    assert_eq!(h.title.as_deref(), Some("Council rated good"));
    let h = to_text(
        "<head><meta property=\"og:title\" content=\"Wakefield &amp; partners\"><title>x | y</title></head><p>t</p>",
    );
    assert_eq!(h.title.as_deref(), Some("Wakefield & partners"));
}

#[test]
fn metadata_date_is_added_when_the_body_has_none() {
    let h = to_text(
        "<head><meta property=\"article:published_time\" content=\"2018-12-13T09:00:00Z\"></head>\
         <body><article><h1>Wakefield avoids intervention</h1><p>A commissioner has recommended it.</p></article></body>",
    );
    assert_eq!(
        h.text,
        "Wakefield avoids intervention\n\nPublished: 2018-12-13\n\nA commissioner has recommended it."
    );
    let h = to_text("<p>Posted <time datetime=\"2020-01-02\">2 days ago</time></p>");
    assert_eq!(h.text, "Posted 2 days ago 2020-01-02");
}

#[test]
fn form_wrapping_the_whole_page_is_not_dropped() {
    let body = "<p>Paragraph of the article with enough words to count.</p>".repeat(5);
    let h = to_text(&format!(
        "<body><form id=aspnetForm><div class=content>{body}</div></form></body>"
    ));
    assert!(h.text.contains("Paragraph of the article"));
}

#[test]
fn deep_nesting_uses_the_flat_pass() {
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>deep text</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    assert!(max_depth(page.as_bytes()) > MAX_DEPTH);
    let t = std::time::Instant::now();
    let h = to_text(&page);
    assert_eq!(h.text.trim(), "deep text");
    assert!(t.elapsed().as_secs() < 2);
    // Unclosed nesting is linear too.
    let page = format!("<p>start</p>{}<b>end</b>", "<span><div>".repeat(n));
    let h = to_text(&page);
    assert!(h.text.contains("start") && h.text.contains("end"));
}

#[test]
fn structured_parser_survives_deep_unclosed_nesting_below_threshold() {
    let page = format!(
        "<body>{}text{}</body>",
        "<div><span>".repeat(700),
        "</span>".repeat(10)
    );
    let h = to_text(&page);
    assert_eq!(h.text, "text");
}

#[test]
fn hidden_elements_are_dropped() {
    let h = to_text(
        "<p>Seen.</p><div hidden>gone</div><div style=\"display: none\">gone</div><svg><text>gone</text></svg><template><p>gone</p></template>",
    );
    assert_eq!(h.text, "Seen.");
}

#[test]
fn content_div_with_sidebar_and_no_landmarks() {
    let page = "<html><body><div id=\"top-menu\"><a href=/>Home</a> <a href=/n>News</a></div>\
        <div id=\"content\"><h1>Council rated good</h1><p>Inspectors found that leaders know their services well.</p>\
        <p>Children are seen regularly by their social workers.</p></div>\
        <div class=\"sidebar\"><h3>Popular</h3><p>Another story entirely about something else.</p></div>\
        <div id=\"site-footer\"><p>Registered office somewhere.</p></div></body></html>";
    let h = to_text(page);
    assert_eq!(
        h.text,
        "Council rated good\n\nInspectors found that leaders know their services well.\n\nChildren are seen regularly by their social workers."
    );
}

#[test]
fn teaser_articles_do_not_hide_the_real_content() {
    let body = "<p>The council's plan for children in care has been praised by inspectors in a detailed report.</p>".repeat(4);
    let page = format!(
        "<body><div class=post-body><h1>Plan praised</h1>{body}</div>\
         <section class=teasers><article><a href=/1>Short teaser one</a></article><article><a href=/2>Short teaser two</a></article></section></body>"
    );
    let h = to_text(&page);
    assert!(
        h.text.starts_with("Plan praised\n\nThe council's plan"),
        "{}",
        h.text
    );
    assert!(!h.text.contains("teaser"));
}

#[test]
fn article_header_and_comment_articles() {
    let page = "<body><article><header><h1>Rated good</h1><p class=byline>By A Writer <time datetime=2021-03-04>4 March 2021</time></p></header>\
        <p>First paragraph of the story.</p><footer>Tags: children</footer></article>\
        <section id=comments><article><p>I disagree with this entirely and at length.</p></article></section></body>";
    let h = to_text(page);
    assert_eq!(
        h.text,
        "Rated good\n\nBy A Writer 4 March 2021\n\nFirst paragraph of the story."
    );
    assert_eq!(h.title.as_deref(), Some("Rated good"));
}

#[test]
fn many_nested_chrome_spans_and_times_stay_linear() {
    let n = 1400;
    let mut page = String::from("<body><article><p>Kept story text.</p></article>");
    for _ in 0..n {
        page.push_str("<aside><p>side</p>");
    }
    page.push_str(&"</aside>".repeat(n));
    page.push_str(&"<p><time datetime=\"2020-01-01\">1 Jan 2020</time></p>".repeat(20_000));
    let t = std::time::Instant::now();
    let h = to_text(&page);
    assert!(h.text.starts_with("Kept story text."));
    assert!(!h.text.contains("side"));
    assert!(t.elapsed().as_secs() < 5);
}

/// html2text (html5ever underneath) is the reference reader: on real-shaped news
/// pages this reader must keep every word of the `<article>` and invent none.
#[test]
fn agrees_with_html2text_on_news_pages() {
    use std::collections::BTreeSet;
    fn words(s: &str) -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }
    let render = |html: &str| {
        html2text::config::plain_no_decorate()
            .string_from_read(html.as_bytes(), 100_000)
            .expect("html2text renders the page")
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let html = std::fs::read_to_string(&path).unwrap();
        let ours = to_text_untrimmed(&html).text;
        let whole = words(&render(&html));
        // "Published: YYYY-MM-DD" is added from the page's metadata.
        let invented: Vec<String> = words(&ours)
            .into_iter()
            .filter(|w| !whole.contains(w) && w != "published")
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert!(invented.is_empty(), "{}: {invented:?}", path.display());
        let start = html.find("<article").unwrap();
        let end = html.rfind("</article>").unwrap() + "</article>".len();
        let kept = words(&ours);
        let lost: Vec<String> = words(&render(&html[start..end]))
            .into_iter()
            .filter(|w| !kept.contains(w))
            .collect();
        assert!(lost.is_empty(), "{}: lost {lost:?}", path.display());
        // And the chrome around the article is gone.
        for chrome in ["comments are closed", "cookie", "newsletter"] {
            assert!(
                !ours.to_lowercase().contains(chrome),
                "{}: {chrome}",
                path.display()
            );
        }
        pages += 1;
    }
    assert!(pages >= 3);
}

/// Sentences long enough to read as running text.
const PROSE: &str = "<p>The council opened three new family hubs across the borough this spring, inspectors noted.</p>\
    <p>Social workers now see most children within a day of a referral being made to the front door.</p>";

#[test]
fn article_inside_a_chrome_named_wrapper_is_kept() {
    // A blog engine wraps the post in a `widget`, a news site its article box
    // in `modal-enabled`: dropping them would drop all the prose.
    for wrapper in ["widget Blog", "box article modal-enabled"] {
        let page = format!(
            "<body><nav><a href=/>Home</a></nav><div class=\"{wrapper}\"><h1>Hubs open</h1>{PROSE}</div>\
             <aside class=\"related\"><p>Other news</p></aside></body>"
        );
        let h = to_text(&page);
        assert!(
            h.text.contains("three new family hubs"),
            "{wrapper}: {}",
            h.text
        );
        assert!(h.text.contains("within a day"), "{wrapper}: {}", h.text);
        assert!(!h.text.contains("Other news"), "{wrapper}: {}", h.text);
    }
}

#[test]
fn one_comment_among_many_is_not_kept_for_its_prose() {
    // The article keeps its own prose; a long comment section stays dropped.
    let comment = "<div class=\"comment\"><p>I have lived in this town for thirty years and never once seen the services improve like this.</p></div>";
    let page = format!(
        "<body><article><h1>Hubs open</h1>{PROSE}</article><section class=\"comments\">{}</section></body>",
        comment.repeat(20)
    );
    let h = to_text(&page);
    assert!(h.text.contains("three new family hubs"), "{}", h.text);
    assert!(!h.text.contains("thirty years"), "{}", h.text);
}

#[test]
fn header_zone_and_tail_labels_are_dropped() {
    let page = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2021-03-04T10:00:00Z\"></head>\
         <body><article><p>BREAKING NEWS</p><h1>Hubs open</h1><p>By Jo Bloggs, Staff Reporter</p>\
         <p>March 4, 2021 10:43</p>{PROSE}<p>Top Video</p><p>Don't Miss</p></article></body></html>"
    );
    let h = to_text(&page);
    assert!(
        h.text
            .starts_with("Hubs open\n\nPublished: 2021-03-04\n\nThe council"),
        "{}",
        h.text
    );
    assert!(
        h.text.ends_with("referral being made to the front door."),
        "{}",
        h.text
    );
    for label in ["BREAKING", "Jo Bloggs", "March 4", "Top Video", "Miss"] {
        assert!(!h.text.contains(label), "{label} left in {}", h.text);
    }
}

#[test]
fn a_dropped_date_line_leaves_its_time_as_the_published_date() {
    let page = format!(
        "<body><article><h1>Hubs open</h1><p>Posted <time datetime=\"2020-01-02\">2 January 2020</time></p>{PROSE}</article></body>"
    );
    let h = to_text(&page);
    assert!(h.text.contains("Published: 2020-01-02"), "{}", h.text);
    assert!(!h.text.contains("Posted"), "{}", h.text);
}

#[test]
fn a_header_date_stays_when_the_page_has_no_other() {
    let page =
        format!("<body><article><h1>Hubs open</h1><p>4 March 2021</p>{PROSE}</article></body>");
    let h = to_text(&page);
    assert!(h.text.contains("4 March 2021"), "{}", h.text);
}

#[test]
fn pages_without_a_sentence_are_not_trimmed() {
    let h = to_text("<body><p>Opening times</p><p>Monday to Friday</p></body>");
    assert_eq!(h.text, "Opening times\n\nMonday to Friday");
}

#[test]
fn a_masthead_h1_with_the_site_name_is_not_the_title() {
    for head in [
        "<title>Hubs open in the borough | Town Diary</title>",
        "<title>Hubs open in the borough</title><meta property=\"og:site_name\" content=\"Town Diary\">",
    ] {
        let page = format!(
            "<html><head>{head}</head><body><h1>Town Diary</h1><div class=\"post\"><h3>Hubs open in the borough</h3>{PROSE}</div></body></html>"
        );
        let h = to_text(&page);
        assert_eq!(
            h.title.as_deref(),
            Some("Hubs open in the borough"),
            "{head}"
        );
        assert!(!h.text.contains("Town Diary"), "{head}: {}", h.text);
    }
}

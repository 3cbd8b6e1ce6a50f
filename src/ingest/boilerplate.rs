//! Boilerplate removal on text: what is not part of the letter or article.
//!
//! Runs on every format after conversion (HTML pages have already lost their
//! structural chrome; plain-text copies of web pages have not). The rules are
//! general, by line shape and known chrome phrasing, never by site:
//!
//! 1. **Chrome lines**, dropped wherever they are: cookie notices, photo and image
//!    credits, "right click to download" captions (and the short caption line
//!    just above a bare download marker), newsletter sign-ups, share / social
//!    buttons, copyright and site-credit footers ("website design by ..."),
//!    footer link lists (privacy, terms, ...).
//! 2. **End markers**: short lines such as "Comments are closed.", "More from
//!    ...", "Most read", "Related articles", "Sign up", "Latest jobs". Such a
//!    line, and a job-advert line (salary range, "per annum", "Recruiter:",
//!    contract terms) with the title lines just above it, is a candidate cut:
//!    everything from there to the end is dropped when what follows is not prose
//!    (under 30 % of its characters in prose paragraphs: at least eight words
//!    ending in terminal punctuation, or thirty words, with no chrome or job line)
//!    and prose comes before it. Otherwise only the marker line goes.
//! 3. **Page furniture** of PDF text: page numbers ("4", "Page 4 of 12") on the
//!    line just before or after a form feed.
//!
//! A single case-insensitive Aho-Corasick pass finds the lines that contain any
//! trigger word; only those lines are examined with regular expressions, so text
//! without chrome (most letters and reports) costs one scan.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};

use super::word_list::phrases;

/// Words that may start a chrome, marker or job line (`data/boilerplate_triggers.txt`).
/// Lines without any of them are content (apart from page numbers and caption lines).
static TRIGGER_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .prefilter(false)
        .ascii_case_insensitive(true)
        .build(phrases(include_str!("../../data/boilerplate_triggers.txt")))
        .expect("valid patterns")
});

/// Short lines that end an article: what follows them is usually chrome.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?ix)^(?:
            comments?\ are\ (?:now\ )?closed
          | comments?\ \([0-9]+\) | [0-9]+\ comments? | no\ comments(?:\ yet)?
          | (?:leave|post|add|write)\ (?:a|your)\ (?:comment|reply)
          | join\ the\ (?:discussion|conversation) | (?:show|view|read)\ (?:all\ )?comments
          | more\ from(?-u:\b).* | more\ (?:news|stories|articles)(?-u:\b).*
          | most\ (?:read|popular|viewed|shared|commented)(?:\ (?:stories|articles|news|today|this\ week))?
          | related(?:\ (?:articles?|stories|news|content|posts|links|reading|topics|coverage|jobs))?
          | read\ (?:more|next) | see\ also
          | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)
          | recommended(?:\ for\ you|\ reading|\ stories|\ articles)?
          | trending(?:\ now|\ stories)? | popular(?:\ now|\ stories|\ articles)?
          | top\ stories | latest\ (?:news|stories|articles|jobs|vacancies)
          | sign\ up(?-u:\b).* | subscribe(?-u:\b).*
          | share\ (?:this|on|via)(?-u:\b).* | share
          | follow\ us(?-u:\b).* | about\ the\ author | advertisement | sponsored(?:\ content)?
          | back\ to\ top
          | (?:[0-9A-Za-z_&',-]+\ ){0,5}(?:jobs|vacancies)
        )[ \t.:!|>\u{bb}-]*$",
    )
    .expect("valid regex")
});

/// Lines that are chrome wherever they appear (checked on short lines).
static CHROME: LazyLock<RegexSet> = LazyLock::new(|| {
    crate::rules::regex_set([
        // 0: cookie notices.
        r"(?i)(?-u:\b)(?:(?:we|this(?-u:\s)+(?:web)?site|our(?-u:\s)+(?:web)?site)(?:(?-u:\s)+(?-u:\w)+){0,3}(?-u:\s)+uses?(?-u:\s)+cookies|(?:accept|reject|manage|allow|decline|disable|block)(?:(?-u:\s)+(?:all|our|optional|analytics|non-essential|additional))*(?-u:\s)+cookies|cookies?(?-u:\s)+(?:policy|preferences|settings|notice|consent|banner)|(?:about|use(?-u:\s)+of)(?-u:\s)+cookies)(?-u:\b)",
        // 1: copyright lines.
        r"(?i)^(?:\u{a9}|copyright(?-u:\s)+(?:\u{a9}|\(c\)|[0-9]{4}|crown|[(?-u:\w)&.-]+(?:(?-u:\s)+[(?-u:\w)&.-]+)?(?-u:\s)+[0-9]{4}))|(?-u:\b)all rights reserved(?-u:\b)",
        // 2: footer link lists.
        r"(?i)^(?:privacy(?:(?-u:\s)+(?:policy|notice))?|terms(?:(?-u:\s)+(?:and|&)(?-u:\s)+conditions|(?-u:\s)+of(?-u:\s)+(?:use|service))?|cookie(?-u:\s)+policy|accessibility(?:(?-u:\s)+statement)?|contact(?-u:\s)+us|about(?-u:\s)+us|sitemap|site(?-u:\s)+map|modern(?-u:\s)+slavery(?-u:\s)+statement|advertise(?:(?-u:\s)+with(?-u:\s)+us)?)(?:[ \t]*[|\u{b7}\u{2022}/,-][ \t]*.*)?$",
        // 3: site credits.
        r"(?i)(?-u:\b)(?:(?:web(?-u:\s)?site|site|web|digital)(?-u:\s)+(?:design|development|build|hosting)(?:(?-u:\s)+and(?-u:\s)+(?-u:\w)+)?|powered)(?-u:\s)+by(?-u:\b)",
        // 4: newsletter sign-ups (an imperative first, or the newsletter named first).
        r"(?i)^(?:(?:to|please)(?-u:\s)+)?(?:sign(?:(?-u:\s)|-)?up|subscribe|register|get|receive|join)(?-u:\b).*(?-u:\b)(?:newsletters?|bulletins?|e-?news|mailing(?-u:\s)+list|email(?-u:\s)+updates|briefings?)(?-u:\b)|^(?:newsletters?|bulletins?)(?-u:\b).{0,40}(?-u:\b)(?:sign(?:(?-u:\s)|-)?up|subscribe|register)(?-u:\b)|^(?:for(?-u:\s)+)?(?:your(?-u:\s)+|our(?-u:\s)+)?(?:free(?-u:\s)+)?(?:daily|weekly|monthly)(?-u:\s)+(?:(?-u:\w)+(?-u:\s)+)?(?:bulletin|briefing|newsletter)s?(?-u:\b)",
        // 5: share buttons.
        r"(?i)^(?:share(?:(?-u:\s)+(?:this|on|via|article|story|page|post))*|tweet(?:(?-u:\s)+this)?|email(?:(?-u:\s)+this)?(?:(?-u:\s)+(?:article|page|story))?|print(?:(?-u:\s)+this)?(?:(?-u:\s)+(?:article|page|story))?|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|instagram|youtube|copy(?-u:\s)+link|link(?-u:\s)+copied)(?:[ \t|\u{b7}\u{2022}/,]+(?:facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|instagram|youtube|email|print|share|copy(?-u:\s)+link))*[.:]?$",
        // 6: social network banners ("LinkedIn banner").
        r"(?i)^(?:linkedin|facebook|twitter|instagram|youtube|whatsapp)(?:(?-u:\s)+(?-u:\w)+){0,2}$",
        // 7: right-click download captions.
        r"(?i)(?-u:\b)right[- \t]?click(?:ing)?(?-u:\s)+(?:to|and)(?-u:\s)+(?:download|save)(?-u:\b)",
        // 8: download links.
        r"(?i)^(?:download|click(?-u:\s)+(?:here(?-u:\s)+)?to(?-u:\s)+download)(?-u:\b).{0,80}$|(?-u:\b)download(?-u:\s)+(?:this(?-u:\s)+|the(?-u:\s)+|a(?-u:\s)+)?(?:high[- \t]res(?:olution)?(?-u:\s)+)?(?:image|photo|picture)(?-u:\b)",
        // 9-11: photo and image credits.
        r"(?i)^\(?(?:main(?-u:\s)+|top(?-u:\s)+|header(?-u:\s)+|lead(?-u:\s)+|feature(?-u:\s)+)?(?:photo(?:graph)?|picture|pic|image|illustration)s?(?:(?-u:\s)+credit)?(?-u:\s)*(?::|by(?-u:\b)|credit(?-u:\b)|\u{a9}|courtesy(?-u:\b))",
        r"(?i)^\(?(?:credits?|image(?-u:\s)+credits?|photo(?-u:\s)+credits?|picture(?-u:\s)+credits?)(?-u:\s)*:",
        r"(?i)^[0-9A-Za-z_ .'-]{2,40}/(?-u:\s)*(?:getty(?:(?-u:\s)+images)?|pa(?:(?-u:\s)+wire)?|flickr|shutterstock|alamy|reuters|istock(?:photo)?)(?-u:\b).{0,30}$",
    ])
    .expect("valid regexes")
});
const CHROME_COOKIE: usize = 0;
const CHROME_NEWSLETTER: usize = 4;
/// The download-caption pattern: a bare marker also drops the caption above it.
const CHROME_RIGHT_CLICK: usize = 7;
const CHROME_PHOTO_FIRST: usize = 9;

/// Credits inside a line: "(Picture: Jane Smith)".
static INLINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)(?-u:\s)*\((?:photo(?:graph)?|picture|pic|image|illustration|credit|photo(?-u:\s)+credit|image(?-u:\s)+credit)s?(?:(?-u:\s)+credit)?(?-u:\s)*:[^)]{0,120}\)|(?-u:\s)*[-\u{2013}\u{2014}:|]?(?-u:\s)*(?-u:\b)right[- \t]?click(?:ing)?(?-u:\s)+(?:to|and)(?-u:\s)+(?:download|save)(?-u:\b)[^.]*")
        .expect("valid regex")
});

/// Job-advert lines: salaries, recruiter fields, contract terms.
static JOB: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?ix)
          \u{a3}(?-u:\s)?[0-9][0-9,]*(?:\.[0-9]+)?k?(?-u:\s)*(?:-|\u{2013}|\u{2014}|to)(?-u:\s)*\u{a3}?(?-u:\s)?[0-9]
        | \u{a3}(?-u:\s)?[0-9][0-9,]*(?:\.[0-9]+)?k?(?-u:\s)*(?:per|a|an)(?-u:\s)+(?:annum|year|hour)
        | (?-u:\b)per\ annum(?-u:\b) | (?-u:\b)pro[-\ ]rata(?-u:\b) | (?-u:\b)p\.a\.
        | ^(?:rec(?-u:\w){2,5}ter|employer|salary|closing\ date|contract\ type|job\ type)(?-u:\s)*:
        | (?-u:\b)closing\ date(?-u:\b) | (?-u:\b)apply\ (?:now|online|today)(?-u:\b)
        | (?-u:\b)(?:permanent|temporary|fixed[-\ ]term|part[-\ ]time|full[-\ ]time)(?-u:\b).*(?-u:\b)(?:permanent|temporary|fixed[-\ ]term|part[-\ ]time|full[-\ ]time|[0-9]+(?:\.[0-9]+)?\ hours)(?-u:\b)
        | (?-u:\b)grade\ [0-9]+(?-u:\b).*(?-u:\b)(?:[0-9]+(?:\.[0-9]+)?\ hours|permanent|temporary)(?-u:\b)
        ",
    )
    .expect("valid regex")
});

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
enum Class {
    #[default]
    Content,
    /// Drop this line.
    Chrome,
    /// Drop this line; a candidate cut point.
    Marker,
    /// A job-advert line: a candidate cut point (kept if no cut).
    Job,
}

#[derive(Clone, Copy, Default, Debug)]
struct Line {
    start: usize,
    end: usize,
    class: Class,
    /// Had a trigger word.
    hit: bool,
    /// Just before or after a form feed.
    page_edge: bool,
    /// Contains a credit to cut out of the line.
    inline_credit: bool,
}

/// Remove boilerplate lines. Returns the input unchanged (borrowed) when there
/// is nothing to remove.
pub fn strip(text: &str) -> Cow<'_, str> {
    let has_ff = memchr::memchr(0x0c, text.as_bytes()).is_some();
    let mut hits = TRIGGER_AC.find_iter(text).peekable();
    if hits.peek().is_none() && !has_ff {
        return Cow::Borrowed(text);
    }
    let mut lines = split_lines(text);
    // Mark the lines with trigger words.
    let mut li = 0;
    for m in hits {
        while li < lines.len() && lines[li].end < m.start() {
            li += 1;
        }
        if li < lines.len() {
            lines[li].hit = true;
        }
    }
    let mut changed = false;
    for i in 0..lines.len() {
        if !lines[i].hit && !lines[i].page_edge {
            continue;
        }
        let t = text[lines[i].start..lines[i].end].trim();
        if lines[i].page_edge && is_page_number(t) {
            lines[i].class = Class::Chrome;
            changed = true;
            continue;
        }
        if !lines[i].hit {
            continue;
        }
        let (class, right_click, inline) = classify(t);
        lines[i].class = class;
        lines[i].inline_credit = inline;
        changed |= class != Class::Content || inline;
        if right_click && class == Class::Chrome && words(t) <= 6 {
            // A bare "Right click to download": the caption line just above goes too.
            if let Some(p) = i.checked_sub(1) {
                let prev = text[lines[p].start..lines[p].end].trim();
                if !prev.is_empty()
                    && words(prev) <= 12
                    && !ends_terminal(prev)
                    && lines[p].class == Class::Content
                {
                    lines[p].class = Class::Chrome;
                }
            }
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    if let Some(cut) = tail_cut(text, &lines) {
        for l in &mut lines[cut..] {
            l.class = Class::Chrome;
        }
    }
    let mut out = String::with_capacity(text.len());
    for l in &lines {
        match l.class {
            Class::Chrome | Class::Marker => continue,
            Class::Content | Class::Job => {}
        }
        let line = &text[l.start..l.end];
        if l.inline_credit {
            out.push_str(&INLINE_CREDIT.replace_all(line, ""));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    Cow::Owned(out)
}

/// Split on `\n` and form feeds; mark the non-blank lines next to form feeds.
fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 60 + 1);
    let mut start = 0;
    let mut after_ff = false;
    let mut last_nonblank: Option<usize> = None;
    for pos in memchr::memchr2_iter(b'\n', 0x0c, bytes).chain(std::iter::once(bytes.len())) {
        let blank = bytes[start..pos].iter().all(u8::is_ascii_whitespace);
        if !blank {
            lines.push(Line {
                start,
                end: pos,
                page_edge: after_ff,
                ..Line::default()
            });
            last_nonblank = Some(lines.len() - 1);
            after_ff = false;
        } else {
            lines.push(Line {
                start,
                end: pos,
                ..Line::default()
            });
        }
        if bytes.get(pos) == Some(&0x0c) {
            after_ff = true;
            if let Some(l) = last_nonblank {
                lines[l].page_edge = true;
            }
        }
        start = pos + 1;
    }
    lines
}

/// "4", "Page 4", "Page 4 of 12", "4 of 12", "- 4 -".
fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let lower = t.to_ascii_lowercase();
    let t = lower
        .strip_prefix("page")
        .map_or(lower.as_str(), str::trim_start);
    let mut parts = t.split_whitespace();
    let Some(first) = parts.next() else {
        return false;
    };
    let number = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => {
            number(first)
                || first
                    .split_once('/')
                    .is_some_and(|(a, b)| number(a) && number(b))
        }
        (Some("of"), Some(total), None) => number(first) && number(total),
        _ => false,
    }
}

/// Classify a trimmed line with trigger words: (class, is a right-click
/// download caption, has an inline credit to cut).
///
/// A line that starts in lower case continues a sentence (hard-wrapped text):
/// only the unambiguous cookie and right-click rules apply to it.
fn classify(t: &str) -> (Class, bool, bool) {
    let n = words(t);
    let Some(first) = t.chars().next() else {
        return (Class::Content, false, false);
    };
    let continuation = first.is_lowercase();
    let terminal = ends_terminal(t);
    if !continuation && n <= 10 && MARKER.is_match(t) {
        return (Class::Marker, false, false);
    }
    if n <= 25 && CHROME.is_match(t) {
        let set = CHROME.matches(t);
        let right_click = set.matched(CHROME_RIGHT_CLICK);
        let chrome = set.iter().any(|i| match i {
            // A long sentence keeps its text; only the caption marker goes.
            CHROME_RIGHT_CLICK => !(n > 16 && terminal),
            CHROME_COOKIE => true,
            CHROME_NEWSLETTER => !continuation && n <= 12,
            i if i >= CHROME_PHOTO_FIRST => !continuation && n <= 15,
            _ => !continuation,
        });
        if chrome {
            return (Class::Chrome, right_click, false);
        }
    }
    if !continuation && n <= 20 && !terminal && JOB.is_match(t) {
        return (Class::Job, false, false);
    }
    let inline = (t.contains('(') || contains_ignore_case(t, "click")) && INLINE_CREDIT.is_match(t);
    (Class::Content, false, inline)
}

fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Words in a line, counted up to 64 (enough for every length rule).
fn words(t: &str) -> usize {
    t.split_ascii_whitespace().take(64).count()
}

fn ends_terminal(t: &str) -> bool {
    t.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '"' | '\'' | ')' | '\u{201d}' | '\u{2019}' | '\u{bb}'
        )
    })
}

/// The first line of a chrome tail, if any: a marker or job line after which
/// less than 30 % of the characters are prose, with prose before it.
fn tail_cut(text: &str, lines: &[Line]) -> Option<usize> {
    if !lines
        .iter()
        .any(|l| matches!(l.class, Class::Marker | Class::Job))
    {
        return None;
    }
    // Paragraphs: runs of non-blank lines.
    let n = lines.len();
    let mut prose = vec![false; n];
    let mut i = 0;
    while i < n {
        let blank = |l: &Line| text[l.start..l.end].trim().is_empty();
        if blank(&lines[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && !blank(&lines[i]) {
            i += 1;
        }
        let para = &lines[s..i];
        let clean = para.iter().all(|l| l.class == Class::Content);
        let w: usize = para.iter().map(|l| words(&text[l.start..l.end])).sum();
        let last = text[para[para.len() - 1].start..para[para.len() - 1].end].trim();
        let is_prose = clean && (w >= 30 || (w >= 8 && ends_terminal(last)));
        for p in &mut prose[s..i] {
            *p = is_prose;
        }
    }
    // Suffix sums of prose characters and all characters.
    let mut prose_after = vec![0usize; n + 1];
    let mut all_after = vec![0usize; n + 1];
    let mut jobs_after = vec![0usize; n + 1];
    for k in (0..n).rev() {
        let len = lines[k].end - lines[k].start;
        all_after[k] = all_after[k + 1] + len;
        jobs_after[k] = jobs_after[k + 1] + usize::from(lines[k].class == Class::Job);
        prose_after[k] = prose_after[k + 1] + if prose[k] { len } else { 0 };
    }
    for k in 0..n {
        let cut = match lines[k].class {
            Class::Marker => k,
            // An advert has several job lines (salary, recruiter, terms).
            Class::Job if jobs_after[k] >= 2 => job_start(text, lines, k),
            _ => continue,
        };
        let prose_before = prose_after[0] - prose_after[cut];
        if prose_before > 0 && prose_after[cut] * 10 < all_after[cut] * 3 {
            return Some(cut);
        }
    }
    None
}

/// Walk back from a job line over the advert's title lines (short, no terminal
/// punctuation, at most eight lines).
fn job_start(text: &str, lines: &[Line], k: usize) -> usize {
    let mut s = k;
    for j in (k.saturating_sub(8)..k).rev() {
        let t = text[lines[j].start..lines[j].end].trim();
        if t.is_empty() || (words(t) <= 12 && !ends_terminal(t)) {
            s = j;
        } else {
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        crate::ingest::normalize::normalize_text(&strip(s))
    }

    const BODY: &str = "Wakefield Council should retain control of its children's services, a commissioner has recommended.\n\nHe advised that the improvements being made meant that Wakefield should remain in control of its services.\n";

    #[test]
    fn nothing_to_strip_is_borrowed() {
        assert!(matches!(strip(BODY), Cow::Borrowed(_)));
    }

    #[test]
    fn comments_closed_and_more_from_tail() {
        let t = format!("{BODY}\n\nMore from Community Care\n\nComments are closed.");
        assert_eq!(clean(&t), crate::ingest::normalize::normalize_text(BODY));
    }

    #[test]
    fn job_advert_tail_after_sign_up() {
        let t = format!(
            "{BODY}\nSIGN UP\nFor your free daily news bulletin\nRoads jobs\n\nSenior Project Manager (Regeneration)\n\nNorth Council\n\u{a3}49,359 to \u{a3}56,057 per annum (pay award pending) - Grade 9\nWith ambitious goals ahead, we need dedicated individuals Leeds / Hybrid\nRecuriter: North Council\n\nPool Attendant\n\nNorth Council\n\u{a3}12,013.50 - \u{a3}12,202.00, Grade 3, 18.5 hours, Permanent\nRecruiter: North Council\nLinkedin Banner"
        );
        assert_eq!(clean(&t), crate::ingest::normalize::normalize_text(BODY));
    }

    #[test]
    fn job_tail_without_marker() {
        let t = format!(
            "{BODY}\nPool Attendant\n\nNorth Council\n\u{a3}23,600 per annum\nRecruiter: North Council\n"
        );
        assert_eq!(clean(&t), crate::ingest::normalize::normalize_text(BODY));
    }

    #[test]
    fn salary_in_a_sentence_is_content() {
        let t = format!(
            "{BODY}\nAgency social workers are paid between \u{a3}30,000 and \u{a3}40,000 per annum, the council said.\n"
        );
        assert!(clean(&t).contains("per annum, the council said."));
    }

    #[test]
    fn photo_credits_and_download_captions() {
        let t = "Headline here\n\nPhoto: Ben Sutherland/Flickr\n\nThe first paragraph of the article says something.\n\nGroup of children in a park\nRight click to download\n\nCllr Jane Smith \u{2013} right click to download\n\nThe leader (Picture: John Doe) said the plan is working well for local children.\n";
        assert_eq!(
            clean(t),
            "Headline here\n\nThe first paragraph of the article says something.\n\nThe leader said the plan is working well for local children."
        );
    }

    #[test]
    fn site_footer_credit_and_cookie_lines() {
        let t = format!(
            "{BODY}We use cookies to improve your experience. Accept all cookies\nA Northern Group collaboration - market research by Someone Research | website design by Someone\n"
        );
        assert_eq!(clean(&t), crate::ingest::normalize::normalize_text(BODY));
    }

    #[test]
    fn marker_mid_article_with_prose_after_only_drops_the_line() {
        let t = format!("{BODY}\nRelated articles\n\n{BODY}");
        let out = clean(&t);
        assert!(!out.contains("Related"));
        assert_eq!(out.matches("commissioner has recommended").count(), 2);
    }

    #[test]
    fn page_numbers_at_form_feeds() {
        let t = "Findings of the visit are set out below in some detail.\n\n                  4\n\x0cStability of leadership is bringing consistency.\nPage 5 of 12\n\x0cNext page text.\n\nJudgement  Good\n3\n";
        assert_eq!(
            clean(t),
            "Findings of the visit are set out below in some detail.\n\nStability of leadership is bringing consistency.\n\nNext page text.\n\nJudgement Good\n3"
        );
    }

    #[test]
    fn letter_headings_survive() {
        let t = "Inspection of Lambeth children's services\n\nInspection dates: 2 to 13 December 2024\n\nLead inspector: Brenda McLaughlin, His Majesty's Inspector\n\nJudgement                                  Grade\nOverall effectiveness                      Good\n\nInterested in our work? You can subscribe to our monthly newsletter for more\ninformation and updates.\n\nYours sincerely\n\nBrenda McLaughlin\nHis Majesty's Inspector\n";
        let out = clean(t);
        for keep in [
            "Inspection of Lambeth",
            "Inspection dates:",
            "Lead inspector",
            "Overall effectiveness Good",
            "subscribe to our monthly",
            "Yours sincerely\n\nBrenda McLaughlin\nHis Majesty's Inspector",
        ] {
            assert!(out.contains(keep), "{keep} missing from {out}");
        }
    }

    #[test]
    fn page_number_detection() {
        for yes in ["4", "Page 4", "page 4 of 12", "4 of 12", "- 4 -", "4/12"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["4 children", "2019", "Page 4 shows", ""] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}

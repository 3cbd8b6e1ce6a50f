//! Chrome removal for plain-text copies of web pages (the jusText family).
//!
//! A page saved as text keeps its chrome: buttons and widget labels ("Hide Ad",
//! "Skip to main content", "Image caption,"), photo captions and credits, cookie,
//! browser and paywall notices, reading times, section labels, related-story links
//! and reader comments. `boilerplate` removes what is chrome by its own words
//! wherever it stands; this pass classifies every line of a web copy by its shape
//! and then by its neighbours, as jusText does:
//!
//! 1. **Classify** each non-blank line: *bad* (a whole-line widget label from
//!    `data/web_chrome_lines.txt`; a caption, credit, cookie, browser, paywall or
//!    social line; a line doubled or repeated that is not a sentence; CMS debris;
//!    the caption after an "Image caption" marker and the alt text before it),
//!    *good* (prose: eight words or more ending in sentence punctuation with
//!    function words in it, or a long line), *meta* (a byline or dateline: kept,
//!    the date extractor reads it) or *short* (everything else: headings, labels,
//!    alt text, list items without punctuation).
//! 2. **The headline** is the first line near the top, before the body, that reads
//!    like one (3-30 words, no full stop) and whose words the body repeats
//!    ([`headline_index`]); it is always kept, and the short, non-meta lines above
//!    it (site names, menus, notices, breadcrumbs) are dropped.
//! 3. **Context**: a short line goes when the nearest non-short lines on both
//!    sides are bad (or one is bad and the other the edge of the page); a short
//!    line next to prose stays (subheadings).
//!    Next to the headline, a line over the "Published" line or dateline that is
//!    not a byline, and a line without end punctuation under it, are captions
//!    or labels; a "Name, role" line is a caption only when the prose names the
//!    person too (else it heads a quote); "Published" glued to a date after the
//!    first paragraph dates a related story.
//! 4. **Tails**: a paywall prompt ("Register now to continue reading") or the
//!    first reader comment ("Paul says:") after the body ends the article.
//!
//! A sentence of the article is never dropped: a line ending in sentence
//! punctuation goes only for a strong signal (a credit, a notice, a repeat, a
//! caption marker) or in a tail. The pass runs only on plain text that is not an
//! Ofsted document ([`is_ofsted_document`]: letters and reports have salutations,
//! inspection dates and lead inspectors near the top and are left as they are).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::normalize::normalize_text;
use super::word_list::WordSet;

static CHROME_LINES: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(include_str!("../../data/web_chrome_lines.txt")));
static STOPWORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(include_str!("../../data/stopwords_en.txt")));

/// Lines near the top of Ofsted letters and reports.
static OFSTED_MARK: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?im)^[ \t>#*_]*(?:yours\s+sincerely|inspection\s+dates?\b|lead\s+inspector\b|report\s+published\b[ \t*_]*(?::|$|[0-9])|dates?\s+of\s+(?:the\s+)?(?:inspection|visit)\b)",
    )
    .expect("valid regex")
});
/// A salutation, and an inspector's signature or Ofsted's address: a letter from Ofsted.
static SALUTATION: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::regex(r"(?m)^[ \t>#*_]*(?i:dear)\s").expect("valid regex"));
static INSPECTORATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)majesty.s\s+inspector|\bHMI\b|ofsted\.gov\.uk|piccadilly\s+gate|social\s+care\s+regulatory")
        .expect("valid regex")
});

/// Bad lines by pattern (checked on lines of at most 40 words).
static BAD: LazyLock<RegexSet> = LazyLock::new(|| {
    crate::rules::regex_set([
        // 0: reading times.
        r"(?i)^[0-9]+\s*(?:min|mins|minute|minutes)\.?\s+read\b",
        // 1: "last updated" stamps.
        r"(?i)^(?:this\s+(?:page|article|story)\s+was\s+)?(?:last\s+)?updated(?:\s+(?:on|at))?\s+\S",
        // 2: breadcrumbs.
        r"(?i)^home\s*(?:>|›|»|/|\||chevron_right)|chevron_right|\s(?:>|›|»)\s.*\s(?:>|›|»)\s",
        // 3: CMS debris ("Type=image;ImageID=...;").
        r"^(?:[A-Za-z]+=[^;\s]*;){2,}",
        // 4: captions and credits at the end of a line.
        r"(?i)(?:\b(?:photo(?:graph)?s?|pictures?|pic|credits?|image\s+source|images?)\s*(?::|,|\bby\b)\s*[^.!?:]{1,60}\.?|\((?:image|photo|picture|pic|credit)s?\s*:[^)]{1,60}\)\.?)$",
        // 5: "... . Picture Jane Smith/Agency" credits without a colon.
        r"[.!?]\s+(?i:picture|photo|pic)s?\s+(?:[A-Z][a-z]+\s+[A-Z]|[A-Z][\w./&-]*(?:\s+[A-Z][\w./&-]*)*\.?$)",
        // 6: photo licences.
        r"(?i)\bpic\s+by\b|\bcreative\s+commons\b|\bvia\s+wikimedia\b|\bvia\s+wikipedia\b|\b(?:getty|alamy|shutterstock)\s+images?\b",
        // 7: cookie and browser notices.
        r"(?i)\bcookies\b.*\b(?:enable|disabled?|consent|accept|browser|settings|turn\s+(?:them\s+)?off|on\s+your\s+(?:device|computer))\b|\b(?:we|this\s+(?:web)?site)\s+(?:use|uses|store|stores|set|sets|place|places)\s+(?:small\s+files\s+called\s+)?cookies\b|\bversion\s+of\s+this\s+(?:web)?site\b|\(requires\s+cookies\)|\b(?:enable|disabled?|consent|accept|browser|settings)\b.*\bcookies\b|\byour\s+browser\s+(?:is|appears|does)\b|\bbrowser\s+is\s+(?:no\s+longer|not)\s+supported\b|\bupgrade\s+to\s+a\s+newer\s+version\b|\bbrowser\b.*\b(?:upgrad\w*|updat\w*|switch\w*|newer|modern|supported|works\s+best)\b|\b(?:upgrad\w*|updat\w*|switch\w*|newer|modern|supported|works\s+best)\b.*\bbrowser\b",
        // 8: social and contact lines.
        r"(?i)^follow\s+(?:us|[a-z]+(?:\s+[a-z]+){0,3})\s+on\s+(?:x|twitter|facebook|instagram|linkedin|threads|bluesky)\b|\b(?:x|twitter|facebook|instagram|linkedin|threads|bluesky|youtube|tiktok)\s*,\s*external\b|\bsend\s+your\s+story\s+ideas\b|\bcall\s+us\s+on\b|\bopen\s+(?:weekdays|daily|monday)\b|\b(?:e-?mail|send)\s+this\s+to\s+a\s+friend\b|\bprintable\s+version\b|^toggle\b.*\b(?:menu|navigation|search)\b",
        // 9: related-story and "see more" links.
        r"(?i)^(?:read\s+more|see\s+more|also\s+read|read\s+next|related|watch|listen|more)\s*:\s*\S|^see\s+more\s+stories\b|\bmedia\s+playback\s+is\s+unsupported\b|^(?:image|media|video)\s+caption\S|^(?:view|see|show)\s+all(?:\b|[A-Z]).{0,60}$",
        // 10: radio schedules ("4pm - 7pm").
        r"(?i)\b[0-9]{1,2}(?::[0-9]{2})?\s*[ap]m\s*-\s*[0-9]{1,2}(?::[0-9]{2})?\s*[ap]m\b",
        // 11: site notices.
        r"(?i)^this\s+(?:web)?site\s+is\s+(?:currently\s+)?(?:under\s+review|being\s+(?:updated|redeveloped)|in\s+beta)\b|\bis\s+not\s+responsible\s+for\s+the\s+content\s+of\s+external\b",
        // 12: share and comment counters ("1 Comment", "%d bloggers like this").
        r"(?i)^[0-9]+\s+(?:comments?|shares?|replies|responses)$|\bbloggers?\s+like\s+this\b|^like\s+this:?$|^like\s+loading",
        // 13: invitations to comment and sign up.
        r"(?i)\bjoin\s+the\s+(?:debate|discussion|conversation)\b|\bsign\s+up\s+(?:to|for)\s+(?:our|the|a)\b.*\b(?:emails?|newsletters?|alerts?|bulletins?)\b|\b(?:have\s+your\s+say|what\s+do\s+you\s+think)\?",
        // 14: a link cut short ("Council rated good - but ...").
        r"\s\.\.\.$",
        // 15: video, radio and app promotions.
        r"(?i)^watch\s+(?:more\s+of\s+)?(?:our|the\s+latest)\b.*\bvideos?\b|^(?:visit|go\s+to|download|get)\b.{0,30}\bnow!?$|^now\s+playing\b|\bfreeview\s+(?:channel\s+)?[0-9]+\b|\bfreeview\s+channel\b|\bfreely\s+(?:channel\s+)?[0-9]+\b",
        // 16: links to the source: "Read the full report (opens new window)".
        r"(?i)\(opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:window|tab)\)|^(?:read|view|download|see)\s+(?:the\s+|our\s+)?(?:full\s+)?(?:press\s+release|report|letter|story|article|statement)\b[^.!?]{0,60}$",
        // 17: blog furniture: skip links, filing, trackbacks, comment forms,
        // text-size and accessibility widgets, calendars.
        r"(?i)^skip\s+(?:to\s+)?(?:main\s+)?(?:navigation|content|menu)\b|^(?:entry\s+)?(?:filed|posted)\s+(?:under|in)\s*:|^(?:tags?|categories|category)\s*:|\btrackback\b|\brss\s+feed\b|\bhtml\s+allowed\b|^required,|\btext\s+size\b|\baccessibility\s+(?:options|statement|tools)\b|^(?:[0-9]{1,2}\s+){2,}[0-9]{1,2}$",
        // 18: labelled links ("- Analysis: ...") and site furniture ("A to Z of
        // services", "Council logo").
        r"(?i)^(?:[-\u{2022}*]\s*)?(?:analysis|feature|opinion|interview|video|podcast|gallery|explainer|watch|listen|see)\s*:\s+[^.!?]{1,100}$|^a\s*(?:to|-)\s*z\b|\blogo$",
        // 19: links to files ("pdf icon PDF 331 KB") and section labels ("Local news").
        r"(?i)\bpdf\s+icon\b|\b(?:pdf|docx?|xlsx?)\s*,?\s*[0-9]+(?:\.[0-9]+)?\s*[km]b\b|^(?:general|latest|local|national|breaking|top|uk|world)\s+news$",
        // 20: a photo's caption naming a person: "Cllr Jane Smith".
        r"^(?i:cllr|councillor|coun|dr|mr|mrs|ms|miss|professor|prof|sir|dame|lord|baroness)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][\w'-]+){0,3}$",
        // 21: a photo's caption of a person in a scene: "Cllr Jane Smith marks the
        // day with staff outside the civic centre", "Dr A Jones (left) ...".
        r"^(?i:cllr|councillor|coun|dr|mr|mrs|ms|miss|professor|prof|sir|dame|lord|baroness)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s+(?:[\w'’-]+\s+){0,14}?(?i:with\s+(?:[\w'’-]+\s+){0,3}?(?:colleagues|staff|members|pupils|children|young\s+people|team|families|carers|officers)\b|on\s+the\s+steps\s+of\b|outside\s+(?:the\s+)?\w|pictured\b|\((?:left|right|centre|center)\))[^.!?]*$",
        // 22: footer invitations and comment notices: "Get in touch", "Tell us
        // which stories we should cover", "We are not accepting comments".
        r"(?i)^get\s+in\s+touch(?:\s+with\s+us)?$|^tell\s+us\s+(?:which|what)\s+stor(?:y|ies)\b|\bsend\s+(?:us\s+)?(?:your\s+)?story\s+ideas\b|\bnot\s+(?:currently\s+)?accepting\s+comments\b|\bcomments\s+(?:are|have\s+been)\s+(?:closed|disabled|turned\s+off)\b",
        // 23: campaign promotions: "Support our #Hashtag campaign today".
        r"(?i)^(?:support|back|join)\s+(?:our|the)\s+#[A-Za-z]",
        // 24: a short alt text naming itself: "editorial image" (lower case).
        r"^[a-z][\w'-]*(?:\s+[\w'-]+){0,2}\s+(?:image|photo|picture|illustration)$",
        // 25: a caption label: "Praise: Jo Bloggs" ("Word: Title Case Name").
        r"^[A-Z][a-z]+:\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,5}$",
    ])
    .expect("valid regexes")
});
/// The credit patterns (4-6): a caption; the line just above that it repeats goes too.
const BAD_CREDIT: [usize; 3] = [4, 5, 6];

/// Headings of lists of other stories (on a line's bare form).
static LIST_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"^(?:most\s+(?:read|popular|viewed|shared|commented)(?:\s+(?:stories|articles|news|today|this\s+week))?|related(?:\s+(?:articles?|stories|news|content|posts|links|reading|topics|coverage))?|more\s+(?:like\s+this|on\s+this\s+story|stories|news|articles)|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|top\s+stories|trending(?:\s+now)?|latest\s+(?:news|stories|articles)|recommended(?:\s+for\s+you)?|popular(?:\s+now)?|(?:most\s+)?recent\s+(?:posts|articles|stories|comments))$")
        .expect("valid regex")
});

/// A paywall prompt: the article ends before it.
static PAYWALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\b(?:register|subscribe|sign\s+in|log\s+in|sign\s+up)(?:\s+now|\s+today)?\s+to\s+(?:continue|keep)\s+reading\b|^already\s+(?:have\s+an\s+account|a\s+subscriber|registered)\b|\bsubscriber-only\b")
        .expect("valid regex")
});

/// The first reader comment of a numbered or bulleted list: "1. Paul says:".
static COMMENT_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^(?:[0-9]+\.|\u{2022}|\*|-)\s*[\w.' -]{1,30}\s+(?:says|wrote|replied):$",
    )
    .expect("valid regex")
});

/// Datelines and bylines (kept: dates are read from them).
static META: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:[0-9]{1,2}(?:st|nd|rd|th)?,?\s+)?(?:[0-9]{2}|[0-9]{4})\b|\b[0-9]{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)|\b[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}\b|\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b|\b[0-9]{1,2}:[0-9]{2}\b|^by\s+\S|^(?:written\s+by|author)\s*:?\s|^(?:analysis|comment|opinion|insight)\s*,\s+\w+\s+\w+\s*,")
        .expect("valid regex")
});

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Blank,
    Bad,
    Good,
    Short,
    Meta,
    /// A caption marker ("Image caption,"): bad, and so are its neighbours.
    CaptionMark,
    /// The paywall prompt or first comment: bad, and a candidate end.
    End,
}

/// Whether the text is an Ofsted letter or report (or a copy of one): inspection
/// dates, a lead inspector, "Report published" or "Yours sincerely" near the top,
/// or a salutation in a text signed by an inspector or with Ofsted's address.
pub fn is_ofsted_document(text: &str) -> bool {
    let top = &text[..floor_boundary(text, 20_000)];
    OFSTED_MARK.is_match(top) || (SALUTATION.is_match(top) && INSPECTORATE.is_match(top))
}

fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Remove the chrome of a plain-text web copy; other text is returned borrowed.
/// Front matter at the top is left as it is (extraction reads it).
pub fn strip(text: &str) -> Cow<'_, str> {
    // Web copies are pages, not books: a long text is left to `boilerplate`.
    if text.len() > 2_000_000 || is_ofsted_document(text) {
        return Cow::Borrowed(text);
    }
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let skip = super::front_matter::at_top(text).map_or(0, |fm| bom + fm.len);
    if skip == 0 || skip > text.len() || !text.is_char_boundary(skip) {
        return strip_page(text);
    }
    let (head, page) = text.split_at(skip);
    match strip_page(page) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(rest) => Cow::Owned(format!("{head}{rest}")),
    }
}

fn strip_page(text: &str) -> Cow<'_, str> {
    let raw: Vec<&str> = text.split('\n').collect();
    let lines: Vec<String> = raw
        .iter()
        .map(|l| {
            let n = normalize_text(l);
            n.replace('\n', " ")
        })
        .collect();
    let mut class: Vec<Class> = lines.iter().map(|l| classify(l)).collect();
    for (c, r) in class.iter_mut().zip(&raw) {
        if is_spaced_breadcrumb(r) {
            *c = Class::Bad;
        }
    }
    let all: Vec<&str> = lines.iter().map(String::as_str).collect();
    mark_broken_datelines(&all, &mut class);
    mark_name_captions(&lines, &mut class);
    mark_repeats(&lines, &mut class);
    mark_captions(&lines, &mut class);
    mark_link_lists(&lines, &mut class);
    let dropped: Vec<bool> = class.iter().map(|c| is_dropped(*c)).collect();
    let headline = headline_among(&all, &dropped);
    if let Some((h, _)) = headline {
        mark_second_headline(&lines, &mut class, h);
    }
    // Above a headline the body bears out: only datelines, bylines and prose stay.
    if let Some((h, sure)) = headline {
        let first_good = class.iter().position(|c| *c == Class::Good).unwrap_or(h);
        if sure {
            for c in class.iter_mut().take(h.min(first_good)) {
                if *c == Class::Short {
                    *c = Class::Bad;
                }
            }
        }
        class[h] = Class::Good;
        mark_headline_captions(&lines, &mut class, h);
    }
    mark_related_dates(&lines, &mut class, headline.map(|(h, _)| h));
    smooth(&lines, &mut class);
    cut_tail(&mut class);
    if !class
        .iter()
        .any(|c| matches!(c, Class::Bad | Class::CaptionMark | Class::End))
        && !CMS_INLINE.is_match(text)
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (l, c) in raw.iter().zip(&class) {
        if matches!(c, Class::Bad | Class::CaptionMark | Class::End) {
            continue;
        }
        out.push_str(&cms_inline(l));
        out.push('\n');
    }
    Cow::Owned(out)
}

/// A CMS's placeholder for a link or file left inside a sentence
/// ("shared its Type=file;FileID=3;Title=letter;Target=_self; on Monday").
static CMS_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"\bType=[A-Za-z]+;(?:[A-Za-z]+=[^;\n]*;)+").expect("valid regex")
});

/// The line with each CMS placeholder replaced by its title (the link's words).
fn cms_inline(line: &str) -> Cow<'_, str> {
    CMS_INLINE.replace_all(line, |c: &regex::Captures| {
        c[0].split(';')
            .find_map(|kv| kv.strip_prefix("Title="))
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

/// Words of a line, counted up to 64.
fn words(t: &str) -> usize {
    t.split_whitespace().take(64).count()
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end();
    t.chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '\'' | ')' | ']'))
        && !t.ends_with(" ...")
}

/// The line as a label: lower case, without bullets, numbering and end punctuation.
fn bare(t: &str) -> String {
    let t = t.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || matches!(c, '\u{2022}' | '\u{b7}' | '*' | '-' | '.' | ')' | '|')
            || c.is_whitespace()
    });
    t.trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | ',' | ':' | ';' | '!' | '|' | '>' | '\u{bb}' | '\u{203a}'
        ) || c.is_whitespace()
    })
    .to_lowercase()
}

/// Share of function words among a line's words.
fn stopword_density(t: &str) -> f32 {
    let mut n = 0usize;
    let mut stop = 0usize;
    for w in t.split_whitespace().take(64) {
        n += 1;
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if STOPWORDS.contains(&w) {
            stop += 1;
        }
    }
    if n == 0 { 0.0 } else { stop as f32 / n as f32 }
}

fn classify(t: &str) -> Class {
    if t.is_empty() {
        return Class::Blank;
    }
    let n = words(t);
    let b = bare(t);
    if b.is_empty() && !t.chars().any(char::is_alphanumeric) {
        return Class::Short;
    }
    if matches!(
        b.as_str(),
        "leave a comment" | "leave a reply" | "post a comment" | "add a comment"
    ) {
        return Class::End;
    }
    if CHROME_LINES.contains(&b) {
        return if matches!(
            b.as_str(),
            "image caption" | "media caption" | "video caption"
        ) {
            Class::CaptionMark
        } else {
            Class::Bad
        };
    }
    if n <= 40 && PAYWALL.is_match(t) {
        return Class::End;
    }
    if n <= 8 && COMMENT_HEADER.is_match(t) {
        return Class::End;
    }
    if n <= 40 {
        let set = BAD.matches(t);
        if set.matched_any() {
            // A long sentence that ends with a credit-like phrase is prose.
            let credit_only = set.iter().all(|i| BAD_CREDIT.contains(&i));
            if !(credit_only && n > 25 && t.ends_with('.')) {
                return Class::Bad;
            }
        }
    }
    if is_doubled(t) || is_widget_debris(t) {
        return Class::Bad;
    }
    // A newsletter's promotion ("The Daily newsletter: the news you need") or a
    // photo's caption placing people in it ("Jo Bloggs (second from left)"):
    // short, or a caption, and not a sentence.
    if !ends_sentence_strict(t)
        && ((n <= 10 && NEWSLETTER.is_match(t)) || PHOTO_POSITION.is_match(t))
    {
        return Class::Bad;
    }
    if n <= 12 && META.is_match(t) && !ends_sentence_strict(t) {
        return Class::Meta;
    }
    let terminal = ends_sentence(t);
    let density = stopword_density(t);
    if (terminal && n >= 8 && density >= 0.2) || (n >= 20 && density >= 0.25) {
        return Class::Good;
    }
    Class::Short
}

/// The word "newsletter" (a promotion when the line is short and not a sentence).
static NEWSLETTER: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::regex(r"(?i)\bnewsletters?\b").expect("valid regex"));

/// Where a person stands in a photo: "(left)", "(third from R)", "(far right)".
static PHOTO_POSITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\((?:(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|far)\s+)?(?:from\s+)?(?:left|right|l|r|centre|center|front|back)\)")
        .expect("valid regex")
});

/// A template's leftovers: a line of one to three words with a code identifier
/// in it ("Widget bodyText") or a word said twice ("Caption caption").
fn is_widget_debris(t: &str) -> bool {
    let w: Vec<&str> = t.split_whitespace().collect();
    if w.is_empty() || w.len() > 3 {
        return false;
    }
    let camel = w.iter().any(|w| {
        let mut c = w.chars();
        c.next().is_some_and(|f| f.is_ascii_lowercase())
            && w.chars().all(|c| c.is_ascii_alphabetic())
            && w.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && w.len() >= 5
    });
    let twice =
        w.len() == 2 && w[0].eq_ignore_ascii_case(w[1]) && w[0].chars().all(char::is_alphabetic);
    camel || twice
}

/// Verbs that make a "Name, role" line a sentence rather than a photo caption.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\b(?:said|says|say|told|tells|added|adds|is|was|are|were|has|have|had|will|would|can|could|did|does|do|should|may|might|must|being|been|warned|welcomed|described|praised|called|wrote|spoke|explained|stated|insisted|admitted|claimed|agreed|urged|joined|left|took|became|leads|led)\b")
        .expect("valid regex")
});

/// A photo's caption: a name (two or more capitalised words), a comma and a
/// role or place, with no verb: "Jane Smith, director of children's services."
fn is_name_caption(t: &str) -> bool {
    let n = words(t);
    if !(3..=22).contains(&n) || t.ends_with([':', '?', '!']) {
        return false;
    }
    let Some((name, rest)) = t.split_once(", ") else {
        return false;
    };
    let name_words: Vec<&str> = name.split_whitespace().collect();
    // "Anyshire Council, 2 May 2024": a dateline, not a role.
    let dated = META.find(rest).is_some_and(|m| m.start() == 0)
        || rest.starts_with(|c: char| c.is_ascii_digit());
    // "In Anyshire, inspectors praised ...": a sentence's opening phrase, not a
    // name (a name does not start with a function word).
    let opens_phrase = name_words
        .first()
        .is_some_and(|w| STOPWORDS.contains(&w.to_lowercase()));
    (2..=5).contains(&name_words.len())
        && !opens_phrase
        && name_words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !rest.is_empty()
        && !dated
        && !VERB.is_match(t)
        && !t.contains('"')
}

/// Ends with a full stop, question or exclamation mark (a dateline does not).
fn ends_sentence_strict(t: &str) -> bool {
    t.trim_end().ends_with(['.', '!', '?']) && words(t) > 6
}

/// A caption glued to itself: "...servicesJohn Fisher, ...services".
fn is_doubled(t: &str) -> bool {
    if t.len() < 30 {
        return false;
    }
    // "Agency A photo's alt textAgency": the credit printed on both sides.
    if let Some((first, _)) = t.split_once(' ')
        && first.len() >= 2
        && first.chars().next().is_some_and(char::is_uppercase)
        && let Some(stem) = t.strip_suffix(first)
        && stem.chars().next_back().is_some_and(char::is_lowercase)
    {
        return true;
    }
    let bytes = t.as_bytes();
    for (i, c) in t.char_indices().skip(1) {
        if !c.is_uppercase() {
            continue;
        }
        let prev = bytes[i - 1];
        if prev.is_ascii_whitespace() {
            continue;
        }
        let tail = &t[i..];
        if tail.len() >= 15 && t[..i].ends_with(tail) {
            return true;
        }
    }
    false
}

/// Repeated lines that are not sentences (a caption printed twice, the headline
/// repeated under "Main post content"): every copy goes but a headline-like
/// first copy above the body. A line that repeats the start of a credit line next
/// to it is that credit's caption.
fn mark_repeats(lines: &[String], class: &mut [Class]) {
    let mut seen: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, l) in lines.iter().enumerate() {
        // Bullets, rules and other marks repeat in any text.
        let letters = l.chars().filter(|c| c.is_alphabetic()).count();
        if class[i] != Class::Blank && letters >= 4 {
            seen.entry(l.as_str()).or_default().push(i);
        }
    }
    let first_good = class.iter().position(|c| *c == Class::Good);
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| class[i] != Class::Blank)
        .collect();
    let adjacent = |a: usize, b: usize| {
        nonblank
            .binary_search(&a)
            .is_ok_and(|k| nonblank.get(k + 1) == Some(&b))
    };
    for (l, idx) in &seen {
        if idx.len() < 2
            || idx
                .iter()
                .any(|&i| !matches!(class[i], Class::Short | Class::Good))
        {
            continue;
        }
        // A sentence said twice far apart is the article's; twice in a row, a caption.
        let in_a_row = idx.windows(2).any(|w| adjacent(w[0], w[1]));
        if ends_sentence_strict(l) && !in_a_row {
            continue;
        }
        // The page's title line and its heading: the headline printed twice at the
        // very top, before the story. The copy nearer the story stays.
        let title_and_heading = idx.len() == 2
            && nonblank.first() == Some(&idx[0])
            && adjacent(idx[0], idx[1])
            && first_good.is_none_or(|g| idx[1] < g)
            && !ends_sentence_strict(l);
        for (k, &i) in idx.iter().enumerate() {
            // A sentence printed again as its photo's caption: the first copy is the text.
            if k == 0 && ends_sentence_strict(l) {
                continue;
            }
            if k == 1 && title_and_heading {
                continue;
            }
            let before_body = first_good.is_none_or(|g| i < g);
            if k == 0
                && before_body
                && idx
                    .iter()
                    .skip(1)
                    .all(|&j| first_good.is_some_and(|g| j > g))
            {
                continue;
            }
            class[i] = Class::Bad;
        }
    }
    // The single copy of a caption glued to itself, and alt text that repeats the
    // headline with "image" after it.
    for (k, &i) in nonblank.iter().enumerate() {
        if !matches!(class[i], Class::Short | Class::Good) {
            continue;
        }
        let near = nonblank[k.saturating_sub(3)..(k + 4).min(nonblank.len())]
            .iter()
            .filter(|&&j| j != i);
        for &j in near {
            if is_doubled(&lines[j])
                && lines[j].ends_with(lines[i].as_str())
                && lines[i].len() >= 15
            {
                class[i] = Class::Bad;
            }
            if let Some(stem) = strip_last_word(&lines[i], &["image", "photo", "picture"])
                && j < i
                && key(stem) == key(&lines[j])
                && !key(stem).is_empty()
            {
                class[i] = Class::Bad;
            }
        }
    }
    // "Caption." followed by "Caption. - Credit: Agency".
    for w in nonblank.windows(2) {
        let (a, b) = (w[0], w[1]);
        let credit = BAD
            .matches(&lines[b])
            .iter()
            .any(|k| BAD_CREDIT.contains(&k));
        if class[b] == Class::Bad && credit && class[a] != Class::Bad && lines[a].len() >= 12 {
            let stem = lines[a].trim_end_matches(['.', ' ']);
            if lines[b].starts_with(stem) && lines[b].len() > lines[a].len() {
                class[a] = Class::Bad;
            }
        }
    }
}

/// Letters and digits of a line, lower case: "Children's services" -> "childrensservices".
fn key(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The line without its last word when that word is one of `last`.
fn strip_last_word<'a>(t: &'a str, last: &[&str]) -> Option<&'a str> {
    let (stem, w) = t.trim_end().rsplit_once(' ')?;
    last.iter()
        .any(|l| w.eq_ignore_ascii_case(l))
        .then_some(stem)
}

/// "Image caption," markers: the caption after them and the alt text or image
/// source before them go too.
fn mark_captions(lines: &[String], class: &mut [Class]) {
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| class[i] != Class::Blank)
        .collect();
    for (k, &i) in nonblank.iter().enumerate() {
        // A photo's credit, then its caption: a line without end punctuation.
        let credit = class[i] == Class::Bad
            && (is_doubled(&lines[i])
                || BAD
                    .matches(&lines[i])
                    .iter()
                    .any(|m| BAD_CREDIT.contains(&m)));
        if credit
            && let Some(&next) = nonblank.get(k + 1)
            && class[next] == Class::Short
            && (6..=25).contains(&words(&lines[next]))
            && !ends_sentence(&lines[next])
        {
            class[next] = Class::Bad;
        }
        // A photo's credit, then the bare name of the agency or publisher.
        if credit
            && let Some(&next) = nonblank.get(k + 1)
            && class[next] == Class::Short
            && is_bare_name(&lines[next])
        {
            class[next] = Class::Bad;
        }
        if class[i] != Class::CaptionMark {
            continue;
        }
        if let Some(&next) = nonblank.get(k + 1)
            && words(&lines[next]) <= 40
            && class[next] != Class::CaptionMark
        {
            class[next] = Class::Bad;
        }
        // The alt text above the marker is glued to it, or short without end
        // punctuation; a sentence a blank line above it is the article's.
        if let Some(p) = k.checked_sub(1).map(|p| nonblank[p])
            && words(&lines[p]) <= 30
            && matches!(class[p], Class::Short | Class::Good)
            && p != nonblank[0]
            && (p + 1 == i || !is_sentence_end(&lines[p]))
        {
            class[p] = Class::Bad;
        }
    }
}

/// A breadcrumb laid out with runs of spaces: "Home   Schools   News   Article".
/// Read on the raw line (normalisation closes the gaps).
fn is_spaced_breadcrumb(raw: &str) -> bool {
    let t = raw.trim();
    // Its first item is "Home": most lines end here, before being split.
    if !t.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("home")) {
        return false;
    }
    let mut parts = Vec::new();
    let mut rest = t;
    while !rest.is_empty() {
        let gap = rest
            .match_indices([' ', '\t'])
            .map(|(i, _)| i)
            .find(|&i| rest[i..].starts_with('\t') || rest[i + 1..].starts_with([' ', '\t']));
        match gap {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = rest[i..].trim_start();
            }
            None => {
                parts.push(rest);
                rest = "";
            }
        }
    }
    parts.len() >= 3
        && parts[0].eq_ignore_ascii_case("home")
        && parts
            .iter()
            .all(|p| words(p) <= 4 && !p.ends_with(['.', '!', '?', ',', ';', ':']))
}

/// Ends like a sentence: a full stop, question or exclamation mark, perhaps
/// inside closing quotes or brackets, after four words or more.
fn is_sentence_end(t: &str) -> bool {
    let t = t
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', ' ']);
    t.ends_with(['.', '!', '?']) && !t.ends_with("...") && words(t) >= 4
}

/// A single capitalised word: a publisher's or agency's name on its own.
fn is_bare_name(t: &str) -> bool {
    words(t) == 1
        && t.starts_with(|c: char| c.is_uppercase())
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '&' | '-' | '.'))
}

/// A person's name alone (two or three capitalised words, no function words or
/// digits): a byline.
fn is_name_like(t: &str, max: usize) -> bool {
    let w: Vec<&str> = t.split_whitespace().collect();
    (2..=max).contains(&w.len())
        && w.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && !w.chars().any(|c| c.is_ascii_digit())
                && !STOPWORDS.contains(&w.to_lowercase())
        })
}

/// "Name, role" lines ([`is_name_caption`]) are a photo's caption when the
/// article names that person in its prose too; a name said nowhere else heads a
/// quote (the speaker's label) and stays.
fn mark_name_captions(lines: &[String], class: &mut [Class]) {
    let prose: Vec<usize> = (0..lines.len())
        .filter(|&i| class[i] == Class::Good)
        .collect();
    for i in 0..lines.len() {
        if matches!(class[i], Class::Bad | Class::Blank) || !is_name_caption(&lines[i]) {
            continue;
        }
        let Some(surname) = lines[i]
            .split_once(", ")
            .and_then(|(name, _)| name.split_whitespace().next_back())
        else {
            continue;
        };
        let named = prose.iter().filter(|&&j| j != i).any(|&j| {
            lines[j].split_whitespace().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                let w = w
                    .strip_suffix("'s")
                    .or_else(|| w.strip_suffix("\u{2019}s"))
                    .unwrap_or(w);
                w == surname
            })
        });
        if named {
            class[i] = Class::Bad;
        }
    }
}

/// Captions and labels between the headline and the story's first paragraph:
/// a section label right under the headline over the dateline, a line there over
/// a "Published" label whose date the copy lost with the page's other non-text
/// parts (a caption there is a sentence without its full stop), and a short line
/// without end punctuation after the dateline (a photo's alt text). A byline (a
/// name alone) stays, and so does a standfirst: a longer line over a dated line,
/// or after it, is the story's own summary.
fn mark_headline_captions(lines: &[String], class: &mut [Class], h: usize) {
    let Some(first_good) = (h + 1..lines.len()).find(|&i| class[i] == Class::Good) else {
        return;
    };
    let zone: Vec<usize> = (h + 1..first_good)
        .filter(|&i| class[i] != Class::Blank)
        .collect();
    // A "Published" label whose date the copy lost.
    let bare_label: Vec<bool> = zone
        .iter()
        .map(|&i| bare(&lines[i]) == "published")
        .collect();
    let dated: Vec<bool> = zone
        .iter()
        .zip(&bare_label)
        .map(|(&i, &label)| class[i] == Class::Meta || label)
        .collect();
    let mut seen_date = false;
    for (k, &i) in zone.iter().enumerate() {
        if dated[k] {
            seen_date = true;
            continue;
        }
        if class[i] != Class::Short || is_sentence_end(&lines[i]) {
            continue;
        }
        // Over a dated line only a section label (a few words) goes; over a
        // "Published" label that lost its date, a caption sentence too.
        let above_date = k == 0
            && dated.get(1).copied().unwrap_or(false)
            && (words(&lines[i]) <= 4 || bare_label.get(1).copied().unwrap_or(false));
        if (above_date && words(&lines[i]) >= 2 && !is_name_like(&lines[i], 3))
            || (seen_date && words(&lines[i]) <= 8 && !is_name_like(&lines[i], 2))
        {
            class[i] = Class::Bad;
        }
    }
}

/// "Published" glued to a date ("- Published3 May 2024") after the story's first
/// paragraph: the date of a linked story in a list of related ones.
fn mark_related_dates(lines: &[String], class: &mut [Class], headline: Option<usize>) {
    let Some(first_good) =
        (0..class.len()).find(|&i| class[i] == Class::Good && Some(i) != headline)
    else {
        return;
    };
    for i in first_good + 1..lines.len() {
        if matches!(class[i], Class::Meta | Class::Short) && RELATED_DATE.is_match(&lines[i]) {
            class[i] = Class::Bad;
        }
    }
}

static RELATED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)^(?:[-\u{2022}*]\s*)?published[0-9]").expect("valid regex")
});

fn is_dropped(c: Class) -> bool {
    matches!(c, Class::Bad | Class::CaptionMark | Class::End)
}

/// Whether a line can be the headline of a linked story: short, or prose-like
/// but without a full stop (a headline in quotes).
fn link_like(line: &str, c: Class) -> bool {
    let quoted = line
        .strip_suffix(['"', '\''])
        .is_some_and(|l| !l.trim_end().ends_with(['.', '!', '?', ',', ';', ':']));
    c == Class::Short || c == Class::Meta || (c == Class::Good && words(line) <= 20 && quoted)
}

/// Links under a label: the story a "Read more" label stands over, and the
/// headlines and dates of a "Most read" or "Related articles" list, up to the
/// next line of prose.
fn mark_link_lists(lines: &[String], class: &mut [Class]) {
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| class[i] != Class::Blank)
        .collect();
    let mut k = 0;
    while k < nonblank.len() {
        let label = bare(&lines[nonblank[k]]);
        let one = matches!(label.as_str(), "read more" | "read next" | "see also");
        let list = LIST_HEADING.is_match(&label);
        k += 1;
        if !one && !list {
            continue;
        }
        while k < nonblank.len() && link_like(&lines[nonblank[k]], class[nonblank[k]]) {
            class[nonblank[k]] = Class::Bad;
            k += 1;
            if one {
                break;
            }
        }
    }
}

/// A second title right under the headline (the page's and the story's), in
/// other words: most of its words are the headline's.
fn mark_second_headline(lines: &[String], class: &mut [Class], h: usize) {
    let Some(next) = (h + 1..lines.len()).find(|&i| class[i] != Class::Blank) else {
        return;
    };
    if next != h + 1 || class[next] != Class::Short || !headline_shape(&lines[next]) {
        return;
    }
    let a = content_words(&lines[h]);
    let b = content_words(&lines[next]);
    let shared = b.iter().filter(|w| a.contains(w)).count();
    if !b.is_empty() && shared * 5 >= b.len().min(a.len()) * 3 {
        class[next] = Class::Bad;
    }
}

/// A short line between bad lines (or a bad line and the edge of the page) is bad.
fn smooth(lines: &[String], class: &mut [Class]) {
    let decided = |c: Class| {
        matches!(
            c,
            Class::Good | Class::Bad | Class::CaptionMark | Class::End
        )
    };
    let snapshot = class.to_vec();
    let n = class.len();
    for i in 0..n {
        if snapshot[i] != Class::Short {
            continue;
        }
        let prev_at = (0..i).rev().find(|&j| decided(snapshot[j]));
        let prev = prev_at.map(|j| snapshot[j]);
        // A byline or dateline starts what follows it (an analysis at the end).
        let after_meta = prev_at.is_some_and(|j| snapshot[j + 1..i].contains(&Class::Meta));
        let next = (i + 1..n).map(|j| snapshot[j]).find(|c| decided(*c));
        let bad = |c: Option<Class>| c.is_some_and(|c| c != Class::Good);
        let drop = match (prev, next) {
            (Some(_), Some(_)) => bad(prev) && bad(next),
            // At the top of the page a line shaped like a headline may be one.
            (None, Some(_)) => bad(next) && !headline_shape(&lines[i]),
            (Some(_), None) => bad(prev) && !after_meta,
            (None, None) => false,
        };
        if drop {
            class[i] = Class::Bad;
        }
    }
}

/// After a paywall prompt or the first reader comment that follows the body,
/// the article is over.
fn cut_tail(class: &mut [Class]) {
    let Some(end) = class.iter().position(|c| *c == Class::End) else {
        return;
    };
    let good_before = class[..end].iter().filter(|c| **c == Class::Good).count();
    let good_after = class[end..].iter().filter(|c| **c == Class::Good).count();
    if good_before > 0 && good_after <= good_before {
        for c in &mut class[end..] {
            if *c != Class::Blank {
                *c = Class::End;
            }
        }
    }
}

/// Content words of a line: lower case, three letters or more, no function
/// words, a plural or possessive "s" dropped.
fn content_words(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| {
            let w = w.trim_matches('\'').to_lowercase();
            let w = w.strip_suffix("'s").map(str::to_string).unwrap_or(w);
            if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(w))
        .collect()
}

/// Whether a (normalised, trimmed) line can be an article's headline.
fn headline_shape(t: &str) -> bool {
    let n = words(t);
    let dateline = n <= 12 && META.is_match(t);
    let label =
        CHROME_LINES.contains(&bare(t)) || BAD.is_match(t) || t.eq_ignore_ascii_case("ofsted");
    (2..=30).contains(&n)
        && !t.ends_with(['.', ',', ';', ':'])
        && !dateline
        && !label
        && !two_sentences(t)
}

/// Whether a line holds two sentences ("We're changing bin days from 1 April.
/// Find out more"): a notice or a standfirst, not a headline. An abbreviation
/// ("St. Helens") does not end a sentence.
fn two_sentences(t: &str) -> bool {
    t.match_indices(['.', '!', '?']).any(|(i, _)| {
        let (before, after) = (&t[..i], &t[i + 1..]);
        let Some(rest) = after.strip_prefix(' ') else {
            return false;
        };
        let last = before.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        let abbreviation = last.contains('.')
            || matches!(
                last.as_str(),
                "st" | "dr"
                    | "mr"
                    | "mrs"
                    | "ms"
                    | "co"
                    | "cllr"
                    | "coun"
                    | "no"
                    | "prof"
                    | "rev"
                    | "jr"
                    | "sr"
                    | "vs"
                    | "etc"
                    | "inc"
                    | "ltd"
                    | "gov"
                    | "govt"
            );
        rest.starts_with(char::is_uppercase)
            && !abbreviation
            && words(before) >= 4
            && words(rest) >= 3
    })
}

/// The index of the headline among `lines` (normalised lines of a web copy or
/// article): among the first twelve non-blank lines, up to the second line of
/// prose, the first line of headline shape at least a third of whose words
/// the following text repeats; else the one the text repeats most (when it repeats
/// any). None when no line has the shape of a headline.
pub fn headline_index(lines: &[&str]) -> Option<usize> {
    headline_among(lines, &vec![false; lines.len()]).map(|(i, _)| i)
}

/// [`headline_index`] over the lines not `dropped` (chrome found already); the
/// dropped lines still show which candidate is the site's name.
/// The flag is true when the body repeats a third of the headline's words or more.
fn headline_among(lines: &[&str], dropped: &[bool]) -> Option<(usize, bool)> {
    let top: Vec<&str> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(12)
        .map(|i| lines[i].trim())
        .collect();
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty() && !dropped[i])
        .take(40)
        .collect();
    let mut prose = 0;
    let mut candidates = Vec::new();
    for &i in nonblank.iter().take(12) {
        let t = lines[i].trim();
        let c = classify(t);
        if headline_shape(t) && c != Class::Bad && !is_doubled(t) {
            candidates.push(i);
        }
        if c == Class::Good {
            prose += 1;
            if prose == 2 {
                break;
            }
        }
    }
    let mut best: Option<(usize, f32)> = None;
    for &i in &candidates {
        // The site's name: it starts a logo or banner line near it (a breadcrumb
        // ends with the headline).
        let t = lines[i].trim();
        if top
            .iter()
            .any(|o| o.len() > t.len() && o.starts_with(t) && classify(o) == Class::Bad)
        {
            continue;
        }
        let n_words = content_words(lines[i]).len();
        if n_words == 0 {
            continue;
        }
        let share = repeated_share(i, lines, &nonblank);
        // A line of two words is a headline only when the body says both.
        if n_words < 3 && share < 1.0 {
            continue;
        }
        if share >= 0.34 {
            // A site's masthead above the story can read like a headline too: a
            // later, longer line that the body bears out as well and that stands
            // right above the dateline is the story's headline (a section label
            // there is shorter).
            let dated = |i: usize| {
                nonblank
                    .iter()
                    .find(|&&j| j > i)
                    .is_some_and(|&j| is_dateline(lines[j].trim()))
            };
            if !dated(i)
                && let Some(later) = candidates
                    .iter()
                    .copied()
                    .filter(|&j| j > i && dated(j))
                    .filter(|&j| content_words(lines[j]).len() > n_words)
                    .find(|&j| repeated_share(j, lines, &nonblank) >= share)
            {
                return Some((later, true));
            }
            return Some((i, true));
        }
        if share > 0.0 && best.is_none_or(|(_, s)| share > s) {
            best = Some((i, share));
        }
    }
    best.map(|(i, _)| (i, false))
}

/// The share of a line's content words that the lines after it repeat.
fn repeated_share(i: usize, lines: &[&str], nonblank: &[usize]) -> f32 {
    let words = content_words(lines[i]);
    if words.is_empty() {
        return 0.0;
    }
    let body: Vec<String> = nonblank
        .iter()
        .filter(|&&j| j > i)
        .flat_map(|&j| content_words(lines[j]))
        .collect();
    let hit = words.iter().filter(|w| body.contains(w)).count();
    hit as f32 / words.len() as f32
}

/// A dateline: a short line that is a date, perhaps with a weekday or time
/// ("Tuesday, 22 April 2014", "13 May 2025 10:00").
/// Runs of three or more short lines (two words and 24 bytes at most) among the
/// first 15 non-blank lines of `lines`, at most one blank line apart: a line the
/// page's layout broke up a word per line ("Anytown," / "3" / "March" / "2023" /
/// "|" / "09:10"). Each run as its line indices and its words joined as one line.
pub(crate) fn short_line_runs(lines: &[&str]) -> Vec<(Vec<usize>, String)> {
    let short = |i: usize| words(lines[i]) <= 2 && lines[i].trim().len() <= 24;
    let mut runs = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut close = |run: &mut Vec<usize>| {
        if run.len() >= 3 {
            let joined = run
                .iter()
                .map(|&i| lines[i].trim())
                .collect::<Vec<_>>()
                .join(" ");
            runs.push((std::mem::take(run), joined));
        }
        run.clear();
    };
    for i in (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .take(15)
    {
        if !(short(i) && run.last().is_none_or(|&p| i - p <= 2)) {
            close(&mut run);
        }
        if short(i) {
            run.push(i);
        }
    }
    close(&mut run);
    runs
}

/// A dateline broken a word per line near the top ([`short_line_runs`]) is kept
/// as one (the date is read from it): the run has a digit, a date or time, and
/// a place, a month, a weekday and a time zone at most for words.
fn mark_broken_datelines(lines: &[&str], class: &mut [Class]) {
    for (run, joined) in short_line_runs(lines) {
        let named = joined
            .split_whitespace()
            .filter(|w| {
                w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_ascii_digit())
            })
            .count();
        if joined.chars().any(|c| c.is_ascii_digit())
            && words(&joined) <= 10
            && named <= 4
            && META.is_match(&joined)
        {
            for i in run {
                class[i] = Class::Meta;
            }
        }
    }
}

fn is_dateline(t: &str) -> bool {
    words(t) <= 8
        && !t.ends_with('.')
        && META.is_match(t)
        && t.split_whitespace()
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .count()
            <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        normalize_text(&strip(s))
    }

    const BODY: &str = "Inspectors found that the council had made steady progress since the last visit in the spring.\n\nThe director said the service would keep working with its partners to improve further.\n";

    #[test]
    fn ofsted_letters_are_left_alone() {
        let t = "Ofsted\nPiccadilly Gate\n\nDear Ms Smith\n\nFocused visit to Anytown children's services\n\nHide Ad\n";
        assert!(matches!(strip(t), Cow::Borrowed(_)));
        let t = "Inspection of Anytown local authority children's services\n\nInspection dates: 1 to 5 May 2023\nLead inspector: Jo Bloggs\n\nRead more\n";
        assert!(matches!(strip(t), Cow::Borrowed(_)));
    }

    #[test]
    fn plain_article_is_borrowed() {
        let t = format!("Council services improve after visit\n\n{BODY}");
        assert!(matches!(strip(&t), Cow::Borrowed(_)));
    }

    #[test]
    fn widget_labels_and_top_chrome_go_headline_stays() {
        let t = format!(
            "Skip to main content\nWeekday helpline 0800 000 0000\nRegional Gazette\n\nCouncil services improve after visit\n\nPublished\n\n{BODY}\nHide Ad\nHide Ad\n\n{BODY}"
        );
        let out = clean(&t);
        assert!(
            out.starts_with("Council services improve after visit\n\nInspectors"),
            "{out}"
        );
        assert!(
            !out.contains("Hide Ad") && !out.contains("Published"),
            "{out}"
        );
    }

    #[test]
    fn browser_upgrade_notices_go_in_any_wording() {
        for notice in [
            "Please upgrade your browser to view this site properly.",
            "This site works best on an up-to-date browser, so we suggest switching to a newer one.",
            "You are using an outdated browser. Switch to a modern browser for a better experience.",
        ] {
            let t = format!("Council services improve after visit\n\n{notice}\n\n{BODY}");
            let out = clean(&t);
            assert!(!out.contains(notice), "{notice}: {out}");
            assert!(out.contains("steady progress"), "{out}");
        }
        // A sentence of the article that merely names a browser stays.
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nStaff said the case system ran slowly in the browser they were given.\n"
        );
        assert!(clean(&t).contains("ran slowly in the browser"));
    }

    #[test]
    fn image_caption_blocks_go() {
        let t = format!(
            "Council services improve after visit\n\n  \u{2022} Published\nA town hall in the rain\nImage caption,\n\nThe council leader said the report was welcome\n\n{BODY}\nImage source, Local News Agency\nImage caption,\n\nThe director spoke to staff on Monday\n\n{BODY}"
        );
        let out = clean(&t);
        for gone in [
            "town hall",
            "leader said the report",
            "Image",
            "spoke to staff",
        ] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert_eq!(out.matches("steady progress").count(), 2);
    }

    #[test]
    fn repeated_and_credited_captions_go_sentences_stay() {
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nThe civic centre at dusk - Pic by A Photographer\nThe civic centre at dusk - Pic by A Photographer\nA social worker at her desk, seen from the door\nA social worker at her desk, seen from the door\n\nThe full report can be read online.\n\n{BODY}\nThe full report can be read online.\n"
        );
        let out = clean(&t);
        assert!(
            !out.contains("civic centre") && !out.contains("at her desk"),
            "{out}"
        );
        assert_eq!(
            out.matches("The full report can be read online.").count(),
            2
        );
    }

    #[test]
    fn subheadings_between_paragraphs_stay() {
        let t =
            format!("Council services improve after visit\n\n{BODY}\n'A long journey'\n\n{BODY}");
        assert!(clean(&t).contains("'A long journey'"));
    }

    #[test]
    fn paywall_and_comments_end_the_article() {
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nRegister now to continue reading\n\nThank you for visiting our archive of many thousands of features and case studies, why not register today:\n\nFree access to four articles a month\n\nMore like this\n"
        );
        let out = clean(&t);
        assert!(out.ends_with("improve further."), "{out}");
        let t = format!(
            "Council services improve after visit\n\n{BODY}\n  1. Sam says:\n\n    I do not believe a word of this and never will, it is all for show.\n"
        );
        assert!(clean(&t).ends_with("improve further."));
    }

    #[test]
    fn most_read_list_goes_up_to_the_next_paragraph() {
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nMost Read\n\nBus route to be cut in the spring\n\n2 hours ago\n\nMan fined over fly-tipping \"disgrace\"\n\n{BODY}"
        );
        let out = clean(&t);
        for gone in ["Most Read", "Bus route", "hours ago", "fly-tipping"] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert_eq!(out.matches("steady progress").count(), 2);
    }

    #[test]
    fn datelines_and_bylines_stay() {
        let t = format!(
            "Jane Writer 3 March 2021\n\nCouncil services improve after visit\n\nBy Jane Writer\n4 mins read\n\n{BODY}"
        );
        let out = clean(&t);
        assert!(
            out.starts_with("Jane Writer 3 March 2021\n\nCouncil services"),
            "{out}"
        );
        assert!(
            out.contains("By Jane Writer") && !out.contains("mins read"),
            "{out}"
        );
    }

    #[test]
    fn doubled_caption_detection() {
        assert!(is_doubled(
            "Agency: Jo Bloggs, cabinet member for childrenJo Bloggs, cabinet member for children"
        ));
        assert!(!is_doubled(
            "Jo Bloggs said the Council had improved its services"
        ));
    }

    #[test]
    fn headline_is_the_line_the_body_repeats() {
        let lines = [
            "Aerial view of the river front",
            "",
            "Children's services inspection",
            "",
            "The council's children's services were inspected in March, and the inspection found them improving.",
        ];
        assert_eq!(headline_index(&lines), Some(2));
        assert_eq!(headline_index(&["Just one sentence of text here."]), None);
    }

    /// "Anyshire County Council, 4 June 2024 09:00" was dropped as a "Name, role"
    /// photo caption, and the article lost its date.
    #[test]
    fn a_dateline_after_a_comma_is_not_a_name_caption() {
        assert!(!is_name_caption(
            "Anyshire County Council, 4 June 2024 09:00"
        ));
        assert!(is_name_caption(
            "Jane Smith, director of children's services"
        ));
        let t = format!(
            "Council services improve after visit\n\nAnyshire County Council, 4 June 2024 09:00\n\n{BODY}"
        );
        assert!(clean(&t).contains("Anyshire County Council, 4 June 2024"));
    }

    /// A story line starting "Report published on Friday said ..." made the page
    /// look like an Ofsted report ("Report published: 3 May 2019"), so its chrome
    /// (a browser notice) was kept and became the title.
    #[test]
    fn a_sentence_starting_report_published_is_not_ofsted_layout() {
        let t = format!(
            "Your browser is no longer supported\nPlease upgrade to a newer version of your browser.\n\nCouncil makes slow progress, inspectors say\n\n\
             Report published on Monday said the council had a clear plan.\n\n{BODY}"
        );
        assert!(!is_ofsted_document(&t));
        assert!(!clean(&t).contains("browser"), "{}", clean(&t));
        assert!(is_ofsted_document(
            "Inspection of X\n\nReport published: 3 May 2019\n\nText."
        ));
        assert!(is_ofsted_document(
            "Inspection of X\nReport published\n3 May 2019\n"
        ));
    }

    /// A site notice of two sentences at the top of the page was taken for the
    /// headline.
    #[test]
    fn a_two_sentence_notice_is_not_a_headline() {
        assert!(two_sentences(
            "Our recycling centres change their hours from 2 May. See the new opening times"
        ));
        assert!(!two_sentences(
            "Children's services in St. Helens rated good"
        ));
        assert!(!two_sentences("Council rated good"));
        let lines = [
            "Our recycling centres change their hours from 2 May. See the new opening times",
            "",
            "Children's services rated good by inspectors",
            "",
            "The council's children's services have been rated good by inspectors, who praised its leaders.",
        ];
        assert_eq!(headline_index(&lines), Some(2));
    }

    /// A magazine's masthead ("Town News - your council's magazine") above the
    /// story's headline and dateline was taken for the headline; a section label
    /// between a headline and its dateline is not one.
    #[test]
    fn the_line_above_the_dateline_beats_a_masthead() {
        let lines = [
            "Anyshire Today - your county council newsletter",
            "",
            "Inspectors rate Anyshire children's services good with outstanding leadership",
            "",
            "Monday, 3 March 2014",
            "",
            "Children's services run by Anyshire County Council are good, inspectors said, and its leadership is outstanding.",
        ];
        assert_eq!(headline_index(&lines), Some(2));
        let lines = [
            "Inspectors rate Anyshire children's services good after a long wait",
            "",
            "Children and families",
            "",
            "Monday, 3 March 2014",
            "",
            "Children's services run by Anyshire County Council are good, inspectors said, after a long wait for families.",
        ];
        assert_eq!(headline_index(&lines), Some(0));
    }

    /// A CMS's link placeholder inside a sentence hid "published its report
    /// today (...)" from the date reader.
    #[test]
    fn cms_placeholders_inside_a_sentence_become_their_title() {
        assert_eq!(
            cms_inline(
                "The council shared its Type=media;MediaID=77;Title=response;Target=_blank; on Monday."
            ),
            "The council shared its response on Monday."
        );
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nThe inspectorate published its Type=file;FileID=9;Title=report;Target=_self; today (Tuesday 6 June 2017).\n"
        );
        assert!(
            clean(&t).contains("published its report today"),
            "{}",
            clean(&t)
        );
    }

    /// A photo's caption above the headline ("Cllr X marks ... with staff on the
    /// steps of ...") was taken for the headline.
    #[test]
    fn a_caption_of_a_person_in_a_scene_above_the_headline_is_not_it() {
        let lines = [
            "Cllr Jo Bloggs marks the inspection result with social work staff on the steps of the civic centre",
            "",
            "Children's services in Anytown judged good by inspectors",
            "",
            "Children's services in Anytown have been judged good by inspectors, who found the social work staff knew their children well.",
        ];
        assert_eq!(headline_index(&lines), Some(2));
        assert_ne!(
            classify("Cllr Jo Bloggs welcomes the inspection result for Anytown"),
            Class::Bad
        );
    }

    /// A quoted sentence of the story a blank line above an "Image caption,"
    /// marker was dropped as the photo's alt text; alt text is glued to the
    /// marker or has no end punctuation.
    #[test]
    fn a_sentence_above_an_image_caption_marker_stays() {
        let t = format!(
            "Council services improve after visit\n\n{BODY}\n\"We are proud of every one of our staff,\" the director said.\n\nImage caption,\n\nThe director thanked staff\n\nA view of the civic centre from the car park. It is a sunny day.\nImage caption,\n\nThe civic centre under snow\n\n{BODY}"
        );
        let out = clean(&t);
        assert!(out.contains("proud of every one of our staff"), "{out}");
        for gone in ["thanked staff", "from the car park", "under snow"] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
    }

    /// A speaker's label ("Cllr X, Deputy Leader of Y") over the quote that ends
    /// the page was dropped as a "Name, role" photo caption, and the quote with it.
    /// A sentence opening with a place and a comma ("In Anyshire, inspectors
    /// praised ...") was dropped as a "Name, role" caption.
    #[test]
    fn a_sentence_opening_with_a_place_and_a_comma_stays() {
        for line in [
            "In Anyshire Borough, inspectors praised the bond between social workers and children.",
            "For Anyshire Council, the report noted that children come first in its plans.",
        ] {
            let t = format!(
                "Council services improve after visit\n\n{BODY}\n{line}\n\nAnyshire Council said it welcomed the report and would keep improving.\n"
            );
            assert!(clean(&t).contains(line), "{line}: {}", clean(&t));
        }
    }

    /// A dateline laid out a word per line was dropped as short chrome lines,
    /// and the article lost its date.
    #[test]
    fn a_dateline_broken_into_a_word_per_line_is_kept() {
        let t = format!(
            "Townley,\n3\nMarch\n2023\n|\n09:10\n\nCouncil services improve after visit\n\n{BODY}"
        );
        let out = clean(&t);
        assert!(out.contains("March"), "{out}");
        // Short lines without a date are not a dateline.
        let t = format!("Home\nNews\nLatest\n\nCouncil services improve after visit\n\n{BODY}");
        assert!(!clean(&t).contains("Latest"), "{}", clean(&t));
    }

    /// A headline printed twice at the top (the page's title, then its heading)
    /// was dropped as a repeated caption, and the first sentence became the title.
    #[test]
    fn a_headline_printed_twice_at_the_top_is_kept_once() {
        let t = format!(
            "Inspection finds the town's services need work\n\nInspection finds the town's services need work\n\n{BODY}"
        );
        let out = clean(&t);
        assert_eq!(
            out.matches("Inspection finds the town's services need work")
                .count(),
            1,
            "{out}"
        );
        assert!(
            out.starts_with("Inspection finds the town's services need work"),
            "{out}"
        );
        // A banner printed above and below the headline is not the headline.
        let t = format!(
            "Sponsored - Visit Our Partners\n\nInspection finds the town's services need work\n\nSponsored - Visit Our Partners\n\n{BODY}"
        );
        assert!(!clean(&t).contains("Visit Our Partners"), "{}", clean(&t));
    }

    #[test]
    fn a_name_line_heading_a_quote_stays() {
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nCllr Jo Bloggs, Deputy Leader of Anytown\n\nOur staff"
        );
        let out = clean(&t);
        assert!(out.contains("Cllr Jo Bloggs, Deputy Leader"), "{out}");
        assert!(out.ends_with("Our staff"), "{out}");
        // Named in the prose too: the line is the photo's caption.
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nCllr Jo Bloggs, Deputy Leader of Anytown\n\nCouncillor Jo Bloggs said the council would keep working hard for its children.\n"
        );
        assert!(!clean(&t).contains("Deputy Leader of Anytown"));
    }

    #[test]
    fn a_footer_after_the_story_goes() {
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nGet in touch\n\nTell us which stories we should cover in Anyshire\n\nHear Radio Anyshire on the app and follow Radio Anyshire on Facebook, external, X, external, and Instagram, external.\n\n- Published3 May 2024\n\n- Published14 June 2023\n"
        );
        let out = clean(&t);
        assert!(out.ends_with("improve further."), "{out}");
        for line in [
            "Follow the Anyshire Evening News on Facebook, external, on Twitter, external, and sign up for alerts, external.",
            "We are sorry, but we are not accepting comments on this story.",
            "and on Freeview 123 or Freely 456",
        ] {
            let t = format!("Council services improve after visit\n\n{BODY}\n{line}\n");
            assert!(!clean(&t).contains(line), "{line}");
        }
        // A story's own date glued to "Published" at the top stays.
        let t = format!("Council services improve after visit\n\nPublished3 May 2024\n\n{BODY}");
        assert!(clean(&t).contains("Published3 May 2024"));
    }

    /// A standfirst right under the headline, above a dated "Published on" line,
    /// was dropped as a caption.
    #[test]
    fn a_standfirst_above_a_dated_line_stays() {
        let t = format!(
            "Council services improve after visit\n\nLeader says sorry as inspectors rate the town's services as inadequate overall\n\nPublished on 4th May 2021\n\n{BODY}"
        );
        assert!(clean(&t).contains("Leader says sorry"), "{}", clean(&t));
        let t = format!(
            "Council services improve after visit\n\nMonday, 3 March 2024\n\nThe leader says sorry as inspectors rate the town's services as inadequate overall\n\n{BODY}"
        );
        assert!(clean(&t).contains("The leader says sorry"), "{}", clean(&t));
    }

    #[test]
    fn captions_by_the_headline_go_bylines_and_standfirsts_stay() {
        // A sentence without its full stop over the "Published" line.
        let t = format!(
            "Council services improve after visit\n\nThe director praised the staff, who were said to know their children well\n- Published\n\n{BODY}"
        );
        assert!(!clean(&t).contains("director praised"), "{}", clean(&t));
        // A section label over the dateline, the alt text under it.
        let t = format!(
            "Council services improve after visit\n\nHousing and families\n\nMonday, 3 March 2024\n\nAnytown Civic Centre\n\n{BODY}"
        );
        let out = clean(&t);
        assert!(
            !out.contains("Housing and families") && !out.contains("Civic Centre"),
            "{out}"
        );
        assert!(out.contains("Monday, 3 March 2024"), "{out}");
        // A byline over the dateline and a standfirst without a full stop stay.
        let t = format!(
            "Council services improve after visit\n\nJo Writer\n\nMonday, 3 March 2024\n\n{BODY}"
        );
        assert!(clean(&t).contains("Jo Writer"));
        let t = format!(
            "Council services improve after visit\n\nThe inspectorate has rated the council good in all of its areas\n\n{BODY}"
        );
        assert!(clean(&t).contains("rated the council good in all"));
    }

    #[test]
    fn template_leftovers_and_promotions_go() {
        for line in [
            "Widget bodyText",
            "Caption caption",
            "Support our #KidsFirst campaign and stand up for the children of the county.",
            "The Anytown newsletter, the day's news in brief",
            "editorial image",
            "Praise: Anytown Council's Jo Bloggs",
            "Jo Bloggs (second from L) and Sam Smith (far right) with the staff team at the awards",
        ] {
            let t = format!("Council services improve after visit\n\n{BODY}\n{line}\n\n{BODY}");
            assert!(!clean(&t).contains(line), "{line}: {}", clean(&t));
        }
        assert!(is_widget_debris("Widget bodyText"));
        assert!(!is_widget_debris("Children in care"));
        // A publisher's name after a photo credit.
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nThe town hall. Picture: Jo Snapper\n\nGazetteco\n\n{BODY}"
        );
        assert!(!clean(&t).contains("Gazetteco"), "{}", clean(&t));
        // A one-word subheading between paragraphs stays.
        let t = format!("Council services improve after visit\n\n{BODY}\nBackground\n\n{BODY}");
        assert!(clean(&t).contains("Background"));
    }

    /// A breadcrumb laid out with runs of spaces ("Home   Anytown   News") was
    /// taken for the headline.
    #[test]
    fn a_spaced_breadcrumb_is_chrome_not_the_headline() {
        assert!(is_spaced_breadcrumb("Home   Anytown   News   Article"));
        assert!(!is_spaced_breadcrumb("Home is where the heart is"));
        let t = format!(
            "Home   Anytown   News   Article\n\nCouncil services improve after visit\n\n{BODY}"
        );
        let out = clean(&t);
        assert!(out.starts_with("Council services improve"), "{out}");
    }

    /// The text after an analysis' byline at the end of the page was dropped
    /// with the photo caption above it.
    #[test]
    fn text_after_a_closing_analysis_byline_stays() {
        let t = format!(
            "Council services improve after visit\n\n{BODY}\nImage caption,\n\nThe director with her team\n\nAnalysis, Jo Writer, Anyshire Radio\n\nEarly help"
        );
        let out = clean(&t);
        assert!(out.ends_with("Early help"), "{out}");
        assert!(!out.contains("with her team"), "{out}");
    }
}

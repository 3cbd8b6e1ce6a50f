//! Report sections: the fixed anatomy of an Ofsted report found in its clean text.
//!
//! A report is split at its headings: lines on their own (or two or three lines
//! that wrap one heading) that match a heading of `data/section_headings.txt` once
//! their numbering ("1.", "2.2", "Section 2:"), footnote marks, punctuation and
//! grade words ("requires improvement to be good", "inadequate") are taken out. A
//! heading starts a block (after a blank line, another heading or the end of a
//! sentence) and is not the start of a sentence that runs on (the next line does
//! not continue it in lower case); a line ending in a page number is a contents
//! entry, not a heading.
//!
//! Sections nest one level: a judgement *area* (`help_and_protection`,
//! `children_in_care`, `care_leavers`, `adoption`, `leadership`, `lscb`) runs from
//! its heading to the next area or `stop` heading (the inspection team, what the
//! grades mean, the Ofsted address page); a *part* (`summary`, `improve`,
//! `priority`, `strengths`, `findings`) runs to the next heading of any kind. Inside
//! an area, the area's own "Summary" and "Inspection findings" headings stay in the
//! area, while its recommendations are a part of it too: an LSCB's recommendations
//! are both `lscb` and `improve`. The unheaded headline text of an ILACS report,
//! after the grade table's "Overall effectiveness" row (or its last row, when it
//! has none), is its `summary`. A section
//! with no text is dropped (the rows of a grade table match area headings).
//!
//! Points: the `priority` and `improve` parts hold the report's improvement points,
//! one per bullet or numbered item (continuation lines joined; a lead-in sentence
//! ending in ':' keeps the bullets under it), or one per paragraph when there are
//! no bullets. Running page headers (a line repeated three times or more, page
//! number aside) are left out.
//!
//! Articles and documents with no heading of the list have no sections.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::values::Kind;
use crate::ingest::word_list::phrases;

/// The name of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionName {
    Summary,
    Priority,
    Improve,
    Strengths,
    Findings,
    HelpAndProtection,
    ChildrenInCare,
    CareLeavers,
    Adoption,
    Leadership,
    Lscb,
}

impl SectionName {
    pub const ALL: [SectionName; 11] = [
        SectionName::Summary,
        SectionName::Priority,
        SectionName::Improve,
        SectionName::Strengths,
        SectionName::Findings,
        SectionName::HelpAndProtection,
        SectionName::ChildrenInCare,
        SectionName::CareLeavers,
        SectionName::Adoption,
        SectionName::Leadership,
        SectionName::Lscb,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionName::Summary => "summary",
            SectionName::Priority => "priority",
            SectionName::Improve => "improve",
            SectionName::Strengths => "strengths",
            SectionName::Findings => "findings",
            SectionName::HelpAndProtection => "help_and_protection",
            SectionName::ChildrenInCare => "children_in_care",
            SectionName::CareLeavers => "care_leavers",
            SectionName::Adoption => "adoption",
            SectionName::Leadership => "leadership",
            SectionName::Lscb => "lscb",
        }
    }

    /// Other names users may type for the section.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            SectionName::Summary => &[
                "headline",
                "headlines",
                "headline_findings",
                "overview",
                "executive_summary",
            ],
            SectionName::Priority => &["priority_action", "priority_actions", "priorities"],
            SectionName::Improve => &[
                "improvement",
                "improvements",
                "what_needs_to_improve",
                "recommendations",
                "recommendation",
                "areas_for_improvement",
            ],
            SectionName::Strengths => &["strength", "areas_of_strength"],
            SectionName::Findings => &["main_findings", "inspection_findings"],
            SectionName::HelpAndProtection => &["help", "protection", "help_protection"],
            SectionName::ChildrenInCare => &["in_care", "cic", "looked_after", "lac"],
            SectionName::CareLeavers => &["leavers", "care_leaver"],
            SectionName::Adoption => &["adoption_performance"],
            SectionName::Leadership => &["leaders", "leadership_and_management", "management"],
            SectionName::Lscb => &["board", "safeguarding_board", "partnership"],
        }
    }

    /// A section by its name or one of its aliases (case, spaces and `-` aside).
    pub fn parse(s: &str) -> Option<SectionName> {
        let s = s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .replace("__", "_");
        SectionName::ALL
            .into_iter()
            .find(|n| n.as_str() == s || n.aliases().contains(&s.as_str()))
    }

    /// A judgement area, which holds parts (rather than a part of the report).
    pub fn is_area(self) -> bool {
        self >= SectionName::HelpAndProtection
    }
}

/// One section of a document: its name and the byte range of its text (the
/// heading left out) in the document's clean text. Areas and the parts inside
/// them overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: SectionName,
    pub start: usize,
    pub end: usize,
}

/// The sections of a document and its improvement points.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// In document order (an area before the parts inside it).
    pub spans: Vec<Section>,
    /// The distinct section names, in order of first appearance.
    pub names: Vec<String>,
    /// The points of the `priority` and `improve` parts, in document order.
    pub improvements: Vec<String>,
}

impl Sections {
    /// Build from spans (read back from the index): names follow from them.
    pub fn from_spans(mut spans: Vec<Section>, improvements: Vec<String>) -> Sections {
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut names: Vec<String> = Vec::new();
        for s in &spans {
            if !names.iter().any(|n| n == s.name.as_str()) {
                names.push(s.name.as_str().to_string());
            }
        }
        Sections {
            spans,
            names,
            improvements,
        }
    }

    /// The innermost section holding byte `at`.
    pub fn at(&self, at: usize) -> Option<SectionName> {
        self.spans
            .iter()
            .filter(|s| s.start <= at && at < s.end)
            .min_by_key(|s| s.end - s.start)
            .map(|s| s.name)
    }

    /// The byte ranges of the sections called `name`.
    pub fn ranges(&self, name: SectionName) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.spans
            .iter()
            .filter(move |s| s.name == name)
            .map(|s| (s.start, s.end))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Stop,
    /// The grade table's overall row: the headline text follows.
    Opening,
    Part(SectionName),
    Area(SectionName),
}

struct Pattern {
    class: Class,
    tokens: Vec<&'static str>,
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    phrases(include_str!("../../data/section_headings.txt"))
        .filter_map(|line| {
            let (class, pattern) = line.split_once(':')?;
            let class = match class.trim() {
                "stop" => Class::Stop,
                "opening" => Class::Opening,
                name => {
                    let n = SectionName::parse(name)?;
                    if n.is_area() {
                        Class::Area(n)
                    } else {
                        Class::Part(n)
                    }
                }
            };
            Some(Pattern {
                class,
                tokens: pattern.split_whitespace().collect(),
            })
        })
        .collect()
});

/// Lines that end the report's text proper: Ofsted's closing page (these start
/// a line; the rest of the document is not a section).
/// The most words of a [`CLOSING`] phrase.
const CLOSING_WORDS: usize = 8;
const CLOSING: [&str; 3] = [
    "the office for standards in education",
    "piccadilly gate",
    "if you are not happy with the inspection",
];

/// Words of a heading that are its grade, not its name.
const GRADE_WORDS: [&str; 4] = ["outstanding", "good", "inadequate", "improvement"];
/// Words left dangling once a grade is taken out ("... is that it requires").
const FILLERS: [&str; 11] = [
    "is",
    "are",
    "it",
    "that",
    "they",
    "to",
    "be",
    "requires",
    "require",
    "judgement",
    "grade",
];

/// Most words a heading has (grade words aside).
const MAX_HEADING_WORDS: usize = 14;
/// Most lines one heading wraps over.
const MAX_HEADING_LINES: usize = 3;

/// Words of a heading, lower-cased, numbering and footnote marks out (borrowed
/// from the line when already lower-case: this runs on every paragraph's first line).
fn heading_tokens(text: &str) -> Vec<Cow<'_, str>> {
    let mut tokens: Vec<Cow<'_, str>> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| {
            if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(t)
            } else {
                Cow::Owned(t.to_lowercase())
            }
        })
        .collect();
    // Leading numbering: "1.", "2.2", "3)".
    while tokens
        .first()
        .is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()))
    {
        tokens.remove(0);
    }
    // A footnote mark: "area2", "improve?1" (a page number, after a space, has
    // made the line a contents entry already).
    if let Some(last) = tokens.last_mut() {
        let trimmed = last.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if trimmed == 0 {
            tokens.pop();
        } else if trimmed < last.len() {
            last.to_mut().truncate(trimmed);
        }
    }
    tokens
}

/// Grade words out, then dangling fillers at the end; whether a grade was there.
fn strip_grades(tokens: &mut Vec<Cow<'_, str>>) -> bool {
    let before = tokens.len();
    // "requires improvement to be good": the whole phrase.
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_ref();
        if (t == "requires" || t == "require")
            && tokens.get(i + 1).is_some_and(|n| n == "improvement")
        {
            let mut n = 2;
            if tokens.get(i + 2).is_some_and(|t| t == "to")
                && tokens.get(i + 3).is_some_and(|t| t == "be")
                && tokens.get(i + 4).is_some_and(|t| t == "good")
            {
                n = 5;
            }
            tokens.drain(i..i + n);
        } else if GRADE_WORDS.contains(&t) && t != "improvement" {
            tokens.remove(i);
        } else {
            i += 1;
        }
    }
    let graded = tokens.len() < before;
    if graded {
        while tokens.last().is_some_and(|t| FILLERS.contains(&t.as_ref())) {
            tokens.pop();
        }
    }
    graded
}

/// Does `pattern` (with `*` for any words) cover all of `tokens`?
fn covers(pattern: &[&str], tokens: &[Cow<'_, str>]) -> bool {
    match pattern.split_first() {
        None => tokens.is_empty(),
        Some((&"*", rest)) => (0..=tokens.len()).any(|skip| covers(rest, &tokens[skip..])),
        Some((word, rest)) => tokens
            .split_first()
            .is_some_and(|(t, more)| t.as_ref() == *word && covers(rest, more)),
    }
}

/// The class of a heading candidate (one or more lines joined), if it is one.
fn classify(text: &str) -> Option<Class> {
    let text = text.trim();
    if text.len() > 160 || !text.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    // A contents entry: the heading, a space, its page number.
    if let Some((head, last)) = text.rsplit_once(' ')
        && !last.is_empty()
        && last.chars().all(|c| c.is_ascii_digit())
        && head.chars().any(char::is_alphabetic)
    {
        return None;
    }
    let first_letter = text.chars().find(|c| c.is_alphabetic())?;
    if !first_letter.is_uppercase() {
        return None;
    }
    let mut tokens = heading_tokens(text);
    let graded = strip_grades(&mut tokens);
    if tokens.is_empty() || tokens.len() > MAX_HEADING_WORDS {
        return None;
    }
    // A sentence ends with a full stop; a heading only when its grade ends it.
    if text.ends_with('.') && !graded {
        return None;
    }
    PATTERNS
        .iter()
        .find(|p| covers(&p.tokens, &tokens))
        .map(|p| p.class)
}

/// Whether a line is Ofsted's closing page starting.
fn is_closing(line: &str) -> bool {
    // Only the first words are read (this runs on every paragraph's first line,
    // which can be the whole paragraph): one more than the longest phrase, so a
    // footnote mark on the last word of a line no longer than that is still cut.
    let first: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .skip_while(|t| t.chars().all(|c| c.is_ascii_digit()))
        .take(CLOSING_WORDS + 1)
        .collect();
    let first = first.join(" ");
    let tokens = heading_tokens(&first);
    CLOSING.iter().any(|c| {
        let words: Vec<&str> = c.split(' ').collect();
        tokens.len() >= words.len() && tokens.iter().zip(&words).all(|(t, w)| t.as_ref() == *w)
    })
}

/// A line of the text: byte range without its line break.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(Line { start, end: i });
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Line {
            start,
            end: text.len(),
        });
    }
    out
}

struct Heading {
    class: Class,
    /// Whether it starts with a number ("1.", "2.2"), as rows of a grade table do.
    numbered: bool,
    /// Where the heading's first line starts.
    at: usize,
    /// Where the text under it starts.
    body: usize,
}

fn headings(text: &str, lines: &[Line]) -> Vec<Heading> {
    let line = |i: usize| text[lines[i].start..lines[i].end].trim();
    let mut out = Vec::new();
    let mut block_start = true;
    let mut i = 0;
    while i < lines.len() {
        let l = line(i);
        if l.is_empty() {
            block_start = true;
            i += 1;
            continue;
        }
        if !block_start {
            block_start = l.ends_with(['.', ':', '?', '!', ';']);
            i += 1;
            continue;
        }
        if is_closing(l) {
            out.push(Heading {
                class: Class::Stop,
                numbered: false,
                at: lines[i].start,
                body: text.len(),
            });
            break;
        }
        // The fewest lines that make a heading, then as many more as still make
        // the same heading ("Leadership, management and" / "Inadequate" /
        // "governance": a grade table's column read across).
        let mut found: Option<(Class, usize)> = None;
        let mut joined = String::new();
        for k in 1..=MAX_HEADING_LINES {
            let j = i + k - 1;
            if j >= lines.len() || line(j).is_empty() {
                break;
            }
            if k > 1 {
                // A numbered or bulleted line starts something else.
                if strip_bullet(line(j)).is_some() {
                    break;
                }
                joined.push(' ');
            }
            joined.push_str(line(j));
            let class = classify(&joined);
            if let Some((first, _)) = found
                && class != Some(first)
            {
                break;
            }
            let Some(class) = class else {
                continue;
            };
            // A sentence running on in lower case is not a heading.
            let next = (j + 1 < lines.len()).then(|| line(j + 1));
            let runs_on = next.is_some_and(|n| n.chars().next().is_some_and(|c| c.is_lowercase()));
            if runs_on {
                continue;
            }
            found = Some((class, k));
            // Go on only over a line that is no heading of its own.
            if next.is_none_or(|n| n.is_empty() || classify(n).is_some()) {
                break;
            }
        }
        match found {
            Some((class, k)) => {
                let body = lines.get(i + k).map_or(text.len(), |l| l.start);
                out.push(Heading {
                    class,
                    numbered: l.starts_with(|c: char| c.is_ascii_digit()),
                    at: lines[i].start,
                    body,
                });
                i += k;
                block_start = true;
            }
            None => {
                block_start = l.ends_with(['.', ':', '?', '!', ';']);
                i += 1;
            }
        }
    }
    out
}

/// Whether a line is only grade words ("Requires improvement to be good", "be good").
fn grade_only(line: &str) -> bool {
    let mut tokens = heading_tokens(line);
    let all = tokens.len();
    strip_grades(&mut tokens);
    all > 0 && tokens.iter().all(|t| FILLERS.contains(&t.as_ref()))
}

/// Running headers and footers: lines met three times or more (page numbers aside).
/// Counted with a fast hash (one entry per line of the text).
fn running_lines<'t>(text: &'t str, lines: &[Line]) -> std::collections::HashSet<&'t str> {
    let mut counts: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    for l in lines {
        let key = header_key(&text[l.start..l.end]);
        if !key.is_empty() {
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 3)
        .map(|(k, _)| k)
        .collect()
}

fn header_key(line: &str) -> &str {
    line.trim()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
}

/// Whether a span of text holds anything but grade words and running headers.
fn has_text(text: &str, running: &std::collections::HashSet<&str>) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        l.split_whitespace().count() >= 2 && !grade_only(l) && !running.contains(header_key(l))
    })
}

/// The sections of a document of kind `kind` (articles have none). Never panics.
pub fn sections(text: &str, kind: Kind) -> Sections {
    if kind == Kind::Article {
        return Sections::default();
    }
    let lines = lines_of(text);
    let running = running_lines(text, &lines);
    let mut spans: Vec<Section> = Vec::new();
    let mut area: Option<(SectionName, usize)> = None;
    let mut part: Option<(SectionName, usize)> = None;
    let mut close = |open: &mut Option<(SectionName, usize)>, end: usize| {
        if let Some((name, start)) = open.take()
            && start < end
            && has_text(&text[start..end], &running)
        {
            // The text without the blank lines around it.
            let inner = &text[start..end];
            let start = start + (inner.len() - inner.trim_start().len());
            let end = start + inner.trim().len();
            spans.push(Section { name, start, end });
        }
    };
    let mut found = headings(text, &lines);
    found.retain(|h| !(h.numbered && matches!(h.class, Class::Area(_))));
    // A grade table with no "Overall effectiveness" row (the 2026 report cards):
    // its last row is an area heading right after another with no text between,
    // whose area has its own heading further on. The text under it is the
    // headline summary, as after an overall row.
    let classes: Vec<Class> = found.iter().map(|h| h.class).collect();
    for i in 1..found.len() {
        let (prev, h) = (&found[i - 1], &found[i]);
        if let (Class::Area(_), Class::Area(a)) = (classes[i - 1], classes[i])
            && !has_text(&text[prev.body.min(h.at)..h.at], &running)
            && classes[i + 1..].contains(&Class::Area(a))
        {
            found[i].class = Class::Opening;
        }
    }
    for h in found {
        close(&mut part, h.at);
        match h.class {
            Class::Stop => close(&mut area, h.at),
            Class::Opening => {
                close(&mut area, h.at);
                // The grade table's last row may wrap ("... to" / "be good").
                let mut body = h.body;
                for l in lines.iter().filter(|l| l.start >= h.body) {
                    let s = text[l.start..l.end].trim();
                    if s.is_empty() || grade_only(s) {
                        body = (l.end + 1).min(text.len());
                    } else {
                        break;
                    }
                }
                part = Some((SectionName::Summary, body));
            }
            Class::Part(name) => {
                let sub_heading = matches!(name, SectionName::Summary | SectionName::Findings);
                if !(area.is_some() && sub_heading) {
                    part = Some((name, h.body));
                }
            }
            Class::Area(name) => {
                if area.is_none_or(|(a, _)| a != name) {
                    close(&mut area, h.at);
                    area = Some((name, h.body));
                }
            }
        }
    }
    close(&mut part, text.len());
    close(&mut area, text.len());
    let mut improvements = Vec::new();
    let mut sorted = spans.clone();
    sorted.sort_by_key(|s| s.start);
    for s in &sorted {
        if matches!(s.name, SectionName::Improve | SectionName::Priority) {
            improvements.extend(points(&text[s.start..s.end], &running));
        }
    }
    Sections::from_spans(spans, improvements)
}

/// A bullet or item number at the start of a line: the rest of the line.
fn strip_bullet(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    let bullet = matches!(
        first,
        '◼' | '▪'
            | '•'
            | '●'
            | '■'
            | '□'
            | '○'
            | '➢'
            | '►'
            | '✓'
            | '*'
            | '-'
            | '─'
            | '⎯'
    ) || ('\u{e000}'..='\u{f8ff}').contains(&first);
    if bullet {
        return Some(line[first.len_utf8()..].trim_start());
    }
    // "1." or "12)" followed by a space.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(['.', ')'])
            && r.starts_with(' ')
        {
            return Some(r.trim_start());
        }
    }
    None
}

/// The improvement points of a section's text (see the module doc).
fn points(text: &str, running: &std::collections::HashSet<&str>) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.is_empty() || !running.contains(header_key(l)))
        .collect();
    let bulleted = lines.iter().any(|l| strip_bullet(l).is_some());
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    // The current point is a lead-in sentence (not a bullet) ...
    let mut current_is_text = false;
    // ... and bullets are being joined to it.
    let mut joining = false;
    let mut after_blank = true;
    let mut sentence_ended = true;
    let flush = |current: &mut Option<String>, out: &mut Vec<String>| {
        if let Some(p) = current.take() {
            let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            if p.split_whitespace().count() >= 3 {
                out.push(p);
            }
        }
    };
    for l in lines {
        if l.is_empty() {
            after_blank = true;
            if !bulleted {
                // Without bullets, a paragraph is a point.
                flush(&mut current, &mut out);
            }
            continue;
        }
        if grade_only(l) {
            continue;
        }
        let bullet = if bulleted { strip_bullet(l) } else { None };
        if let Some(rest) = bullet {
            let lead = current_is_text && current.as_ref().is_some_and(|p| p.ends_with(':'));
            match current.as_mut() {
                Some(p) if joining || lead => {
                    p.push_str(if p.ends_with(':') { " " } else { "; " });
                    p.push_str(rest);
                    joining = true;
                }
                _ => {
                    flush(&mut current, &mut out);
                    current = Some(rest.to_string());
                    current_is_text = false;
                    joining = false;
                }
            }
        } else {
            let upper = l.chars().next().is_some_and(char::is_uppercase);
            let new_point =
                current.is_none() || (bulleted && (after_blank || (sentence_ended && upper)));
            if new_point {
                flush(&mut current, &mut out);
                joining = false;
                // A short label ("Within three months:") is no point.
                if l.ends_with(':') && l.split_whitespace().count() < 5 {
                    current_is_text = false;
                } else {
                    current = Some(l.to_string());
                    current_is_text = true;
                }
            } else if let Some(p) = current.as_mut() {
                p.push(' ');
                p.push_str(l);
            }
        }
        after_blank = false;
        sentence_ended = l.ends_with(['.', ';', '!', '?']);
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ILACS and SIF report of the labelled Ofsted set beside the repo has
    /// an improvement section with at least one point (but the report that has
    /// nothing to improve, and says so by having no such heading); the counts per kind are
    /// printed (`cargo test --release --lib sections -- --ignored --nocapture`;
    /// `OFSEARCH_OFSTED_DATA` names the set when it is elsewhere).
    #[test]
    #[ignore = "needs ../shared/data/ofsted (the labelled Ofsted set)"]
    fn every_ilacs_and_sif_report_of_the_shared_set_has_improvement_points() {
        let data = std::env::var_os("OFSEARCH_OFSTED_DATA").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ofsted"),
            std::path::PathBuf::from,
        );
        let Ok(labels) = std::fs::read_to_string(data.join("labels.csv")) else {
            eprintln!("skipped: no labelled data at {}", data.display());
            return;
        };
        let mut missing = Vec::new();
        let mut none_to_find = Vec::new();
        let mut per_kind: std::collections::BTreeMap<String, (u32, u32, usize)> =
            Default::default();
        let mut facet: std::collections::BTreeMap<String, u32> = Default::default();
        for row in labels.lines().skip(1) {
            let mut cells = row.split(',');
            let (Some(file), Some(kind)) = (cells.next(), cells.next()) else {
                continue;
            };
            let path = data.join("texts").join(file);
            let bytes = std::fs::read(&path).expect("labelled file");
            let doc = crate::ingest::ingest_bytes(&path, &bytes).expect("ingest");
            let meta = crate::extract::extract(&doc);
            let s = &meta.sections;
            let entry = per_kind.entry(kind.to_string()).or_default();
            entry.0 += 1;
            for n in &s.names {
                *facet.entry(n.clone()).or_default() += 1;
            }
            let improves = s
                .spans
                .iter()
                .any(|x| matches!(x.name, SectionName::Improve | SectionName::Priority));
            if improves && !s.improvements.is_empty() {
                entry.1 += 1;
                entry.2 += s.improvements.len();
            } else if kind == "ilacs" || kind == "sif" {
                // A report with nothing to improve (an outstanding one) has no such
                // heading at all: the plain words of one, anywhere at a line start.
                let heading_words = doc.text.lines().any(|l| {
                    let l = l.trim_start().to_lowercase();
                    [
                        "what needs to improve",
                        "recommendations",
                        "areas for",
                        "what does the",
                    ]
                    .iter()
                    .any(|w| l.starts_with(w))
                });
                if heading_words {
                    missing.push(format!("{file} ({kind}): sections {:?}", s.names));
                } else {
                    none_to_find.push(file.to_string());
                }
            }
        }
        for (kind, (n, with, points)) in &per_kind {
            eprintln!(
                "{kind}: {with}/{n} with improvement points, {:.1} points on average",
                *points as f64 / f64::from((*with).max(1))
            );
        }
        eprintln!("sections facet: {facet:?}");
        eprintln!("reports with no improvement heading: {none_to_find:?}");
        assert!(missing.is_empty(), "{}", missing.join("\n"));
        assert!(none_to_find.len() <= 3, "{none_to_find:?}");
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;
    use crate::extract::{Hints, extract_with};

    fn fixture(name: &str) -> (String, crate::extract::Metadata) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sections")
            .join(name);
        let bytes = std::fs::read(&path).expect("fixture");
        let doc = crate::ingest::ingest_bytes(&path, &bytes).expect("ingest");
        let meta = extract_with(&doc.text, Hints::default());
        (doc.text, meta)
    }

    /// Each section's name and its first three words, in document order.
    fn outline(text: &str, s: &Sections) -> Vec<(String, String)> {
        s.spans
            .iter()
            .map(|x| {
                let words: Vec<&str> = text[x.start..x.end].split_whitespace().take(3).collect();
                (x.name.as_str().to_string(), words.join(" "))
            })
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn an_ilacs_report_splits_into_headline_improvements_and_areas() {
        let (text, m) = fixture("ilacs_rotherham_2023.txt");
        assert_eq!(m.kind, Kind::Ilacs);
        assert_eq!(
            outline(&text, &m.sections),
            pairs(&[
                ("summary", "Leaders in Rotherham"),
                ("improve", "◼ The timeliness"),
                ("help_and_protection", "1. Families who"),
                ("children_in_care", "3. Children come"),
                ("care_leavers", "4. Personal advisers"),
                ("leadership", "5. The director"),
            ])
        );
        assert_eq!(
            m.sections.improvements,
            [
                "The timeliness of help for families where chronic neglect has lasted for years.",
                "The quality of written plans, so that families know what must change and by when.",
                "The support given to care leavers who are parents.",
            ]
        );
        // The grade table's rows are no sections; the closing line is in none.
        let last = m.sections.spans.last().unwrap();
        assert!(text[last.start..last.end].ends_with("questions of leaders."));
    }

    #[test]
    fn a_sif_report_nests_its_lscb_recommendations_and_skips_the_contents() {
        let (text, m) = fixture("sif_kent_2015.txt");
        assert_eq!(m.kind, Kind::Sif);
        assert_eq!(
            outline(&text, &m.sections),
            pairs(&[
                ("summary", "Most children are"),
                ("improve", "1. Ensure that"),
                ("summary", "◼ Most of"),
                ("help_and_protection", "Summary Children and"),
                ("children_in_care", "Summary Children become"),
                ("adoption", "20. Children who"),
                ("care_leavers", "30. Not enough"),
                ("leadership", "Summary Leaders know"),
                ("lscb", "Executive summary The"),
                ("improve", "40. Ensure that"),
            ])
        );
        assert_eq!(m.sections.improvements.len(), 3);
        assert!(m.sections.improvements[2].starts_with("Ensure that the board"));
        assert_eq!(
            m.sections.names,
            [
                "summary",
                "improve",
                "help_and_protection",
                "children_in_care",
                "adoption",
                "care_leavers",
                "leadership",
                "lscb"
            ]
        );
    }

    #[test]
    fn a_focused_visit_has_priority_actions_apart_from_what_needs_to_improve() {
        let (text, m) = fixture("focused_visit_leeds_2019.txt");
        assert_eq!(m.kind, Kind::FocusedVisit);
        assert_eq!(
            outline(&text, &m.sections),
            pairs(&[
                ("summary", "Senior leaders have"),
                ("priority", "Children who go"),
                ("improve", "◼ The recording"),
                ("findings", "◼ Social workers"),
            ])
        );
        assert_eq!(
            m.sections.improvements,
            [
                "Children who go missing from home are not always offered a return interview.",
                "The recording of management decisions on children's files.",
                "The pace at which plans move forward when chronic neglect is the main concern.",
            ]
        );
    }

    #[test]
    fn articles_have_no_sections_even_with_report_headings() {
        let (_, m) = fixture("article_bristol_2020.txt");
        assert_eq!(m.kind, Kind::Article);
        assert_eq!(m.sections, Sections::default());
        for seed in
            std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
                .unwrap()
        {
            let path = seed.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let doc = crate::ingest::ingest_bytes(&path, &bytes).unwrap();
            let m = crate::extract::extract(&doc);
            if m.kind == Kind::Article {
                assert!(m.sections.spans.is_empty(), "{}", path.display());
            }
        }
    }

    /// A grade table with no overall row: the text after its last row is the
    /// headline summary, not the last row's area.
    #[test]
    fn a_report_card_without_an_overall_row_has_its_headline_summary() {
        let text = "Inspection of Sampleton local authority children's services\n\n\
                    Judgement Grade\n\n\
                    The impact of leaders on social work Good\npractice with children and families\n\n\
                    The experiences and progress of Good\nchildren in care\n\n\
                    The experiences and progress of care Outstanding\nleavers\n\n\
                    Leaders have kept services steady since the last inspection.\n\n\
                    What needs to improve?\n\n\
                    ◼ The timeliness of reviews for children in care.\n\n\
                    The experiences and progress of children in care: good\n\n\
                    1. Children live with carers who know them well.\n\n\
                    The experiences and progress of care leavers: outstanding\n\n\
                    2. Personal advisers stay in touch with young people.\n\n\
                    The impact of leaders on social work practice with children and families: good\n\n\
                    3. Leaders know their services well.\n";
        let s = sections(text, Kind::Ilacs);
        assert_eq!(
            outline(text, &s),
            pairs(&[
                ("summary", "Leaders have kept"),
                ("improve", "◼ The timeliness"),
                ("children_in_care", "1. Children live"),
                ("care_leavers", "2. Personal advisers"),
                ("leadership", "3. Leaders know"),
            ])
        );
    }

    #[test]
    fn unknown_layouts_have_no_sections() {
        let text = "Minutes of the corporate parenting panel\n\nThe panel met on 3 May.\n\nAny other business\n\nNone.\n";
        assert_eq!(sections(text, Kind::Other), Sections::default());
    }

    #[test]
    fn closing_phrases_are_recognised_at_the_start_of_any_line() {
        assert!(
            CLOSING
                .iter()
                .all(|c| c.split(' ').count() <= CLOSING_WORDS)
        );
        assert!(is_closing("Piccadilly Gate2"));
        assert!(is_closing(
            "12 The Office for Standards in Education, Children's Services and Skills publishes this report under its own name, as it does for every inspection of its kind."
        ));
        assert!(is_closing(
            "If you are not happy with the inspection or the report, you can complain"
        ));
        assert!(!is_closing("If you are happy with the inspection"));
        assert!(!is_closing(
            "Leaders said the office for standards in education visited"
        ));
    }

    #[test]
    fn headings_are_read_whatever_their_casing_numbering_and_wrapping() {
        for (line, want) in [
            (
                "WHAT NEEDS TO IMPROVE",
                Some(Class::Part(SectionName::Improve)),
            ),
            (
                "What needs to improve?1",
                Some(Class::Part(SectionName::Improve)),
            ),
            (
                "2.1 Adoption performance Requires improvement",
                Some(Class::Area(SectionName::Adoption)),
            ),
            (
                "Section 2: The effectiveness of the Local Safeguarding Children Board",
                Some(Class::Area(SectionName::Lscb)),
            ),
            ("Recommendations 4", None),
            (
                "The experiences and progress of children who need help and protection are inadequate. Too many",
                None,
            ),
            (
                "Care leavers told inspectors that they feel supported",
                None,
            ),
        ] {
            assert_eq!(classify(line), want, "{line}");
        }
    }

    #[test]
    fn section_names_and_aliases() {
        assert_eq!(
            SectionName::parse("Recommendations"),
            Some(SectionName::Improve)
        );
        assert_eq!(
            SectionName::parse("help-and-protection"),
            Some(SectionName::HelpAndProtection)
        );
        assert_eq!(SectionName::parse("headline"), Some(SectionName::Summary));
        assert_eq!(SectionName::parse("nothing"), None);
        for n in SectionName::ALL {
            assert_eq!(SectionName::parse(n.as_str()), Some(n));
        }
    }
}

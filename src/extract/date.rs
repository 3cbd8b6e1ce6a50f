//! Dates: the document's own date (letter date, "Report published", article
//! byline, front matter) and the inspection or visit dates.

use std::sync::LazyLock;

use regex::{Captures, Regex};
use time::{Date, Month};

use super::text::{floor_boundary, head};
use super::values::Kind;
use crate::ingest::FrontMatter;
use crate::ingest::web_copy::short_line_runs;

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const ORD: &str = r"(?:st|nd|rd|th)?";
const WEEKDAY: &str = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)";

/// One date in any of the accepted spellings.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(
        r"(?i)\b{WEEKDAY}?(?:(?P<d1>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<m1>{MONTH})\.?,?\s+(?P<y1>\d{{4}})|(?P<m2>{MONTH})\.?\s+(?P<d2>\d{{1,2}}){ORD},?\s+(?P<y2>\d{{4}})|(?P<d3>\d{{1,2}})/(?P<mo3>\d{{1,2}})/(?P<y3>\d{{4}})|(?P<y4>\d{{4}})-(?P<mo4>\d{{2}})-(?P<d4>\d{{2}}))\b"
    ))
    .expect("date regex")
});

/// A date range ("12 to 23 November 2018", "28 February to 4 March 2022",
/// "29 November 2021 to 10 December 2021", "3, 4 and 5 December", "15-19 July 2013"),
/// or a single day.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(
        r"(?i)\b{WEEKDAY}?(?P<d1>\d{{1,2}}){ORD}(?:\s+(?P<m1>{MONTH})\.?(?:,?\s+(?P<y1>\d{{4}}))?)?(?:\s*,\s*\d{{1,2}}{ORD})*(?:\s*(?:-|to|and|until|till|&|through)\s*{WEEKDAY}?(?P<d2>\d{{1,2}}){ORD})?\s+(?P<m2>{MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?\b|\b(?P<n1>\d{{1,2}}/\d{{1,2}}/\d{{4}})(?:\s*(?:-|to|and|until)\s*(?P<n2>\d{{1,2}}/\d{{1,2}}/\d{{4}}))?\b|\b(?P<i1>\d{{4}}-\d{{2}}-\d{{2}})(?:\s*(?:-|to|and|until)\s*(?P<i2>\d{{4}}-\d{{2}}-\d{{2}}))?\b"
    ))
    .expect("range regex")
});

/// A label that introduces the inspection dates.
static RANGE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?im)^[\s*#_]*(?:inspection\s+dates?|dates?\s+of\s+(?:the\s+)?(?:inspection|visit)|visit\s+dates?|dates?\s+of\s+(?:the\s+)?(?:focused|monitoring)\s+visit)[*_]*\s*[:\-]?[*_]*\s*",
    )
    .expect("label regex")
});

/// Words after which the visit dates of a letter follow.
static RANGE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)\b(?:visit|inspection|inspected|visited|review)\b[^.]{0,200}?\b(?:on|between|from|during|over)\s+$",
    )
    .expect("intro regex")
});

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?im)^[\s*#_]*(?:report\s+published|published|publication\s+date|date\s+published|date\s+of\s+publication|first\s+published|posted(?:\s+on)?|date)[*_]*\s*(?:on\s+)?[:\-]?\s*[*_]*\s*",
    )
    .expect("published regex")
});

/// "... report was published (on|today)" or, in the active voice, "Ofsted
/// published its report today (Friday 31 March 2017)", right before a date.
static PUBLISHED_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)(?:\b(?:letter|report|findings|judgements?|judgments?|results?|outcomes?|ratings?|inspection|was|were|been|is),?\s+(?:was\s+|were\s+)?(?:originally\s+|first\s+)?published|\bpublished\s+(?:its|their|the|a|an|her|his)\s+(?:[\w'’-]+\s+){0,3}?(?:report|letter|findings|judgements?|judgments?|results?|outcomes?|ratings?))\s+(?:on\s+|today\s*[(,]?\s*)?$")
        .expect("published regex")
});

/// A time of day before a date in a label ("PUBLISHED: 12:00 07 July 2019",
/// "Published: 1:58 PM September 29, 2021").
static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)^\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:[,|]\s*)?")
        .expect("time regex")
});

fn month(s: &str) -> Option<Month> {
    let l = s.to_ascii_lowercase();
    let m = match l.get(..3)? {
        "jan" => Month::January,
        "feb" => Month::February,
        "mar" => Month::March,
        "apr" => Month::April,
        "may" => Month::May,
        "jun" => Month::June,
        "jul" => Month::July,
        "aug" => Month::August,
        "sep" => Month::September,
        "oct" => Month::October,
        "nov" => Month::November,
        "dec" => Month::December,
        _ => return None,
    };
    Some(m)
}

fn ymd(y: &str, m: Month, d: &str) -> Option<Date> {
    let y: i32 = y.parse().ok()?;
    let d: u8 = d.parse().ok()?;
    if !(1990..=2100).contains(&y) {
        return None;
    }
    Date::from_calendar_date(y, m, d).ok()
}

fn numeric(y: &str, m: &str, d: &str) -> Option<Date> {
    let m: u8 = m.parse().ok()?;
    ymd(y, Month::try_from(m).ok()?, d)
}

fn from_caps(c: &Captures) -> Option<Date> {
    let g = |n: &str| c.name(n).map(|m| m.as_str());
    if let (Some(d), Some(m), Some(y)) = (g("d1"), g("m1"), g("y1")) {
        return ymd(y, month(m)?, d);
    }
    if let (Some(m), Some(d), Some(y)) = (g("m2"), g("d2"), g("y2")) {
        return ymd(y, month(m)?, d);
    }
    if let (Some(d), Some(m), Some(y)) = (g("d3"), g("mo3"), g("y3")) {
        return numeric(y, m, d);
    }
    if let (Some(y), Some(m), Some(d)) = (g("y4"), g("mo4"), g("d4")) {
        return numeric(y, m, d);
    }
    None
}

/// Parse one date ("18 December 2020", "18th December 2020", "December 18, 2020",
/// "18/12/2020", "2020-12-18") at the start of `s` (leading spaces allowed).
pub fn parse_date(s: &str) -> Option<Date> {
    let c = DATE.captures(s)?;
    let m = c.get(0)?;
    if !s[..m.start()].trim().is_empty() {
        return None;
    }
    from_caps(&c)
}

/// The first valid date anywhere in `s`.
pub fn first_date(s: &str) -> Option<Date> {
    DATE.captures_iter(s).find_map(|c| from_caps(&c))
}

/// Whether a line is nothing but a date (a letter's date line).
fn date_line(line: &str) -> Option<Date> {
    let t = line.trim().trim_matches(['*', '_', '#', ' ']);
    if t.len() > 40 {
        return None;
    }
    let c = DATE.captures(t)?;
    let m = c.get(0)?;
    let rest = t[m.end()..].trim_matches(|c: char| c == '.' || c == ',' || c.is_whitespace());
    (m.start() == 0 && rest.is_empty())
        .then(|| from_caps(&c))
        .flatten()
}

/// The document's own date. `front_matter` is the block at the top of `text`, if
/// any: its first date that parses wins when the block closes within the top.
pub fn document_date(text: &str, kind: Kind, front_matter: Option<&FrontMatter>) -> Option<Date> {
    let top = head(text, 6000);
    if let Some(fm) = front_matter.filter(|fm| fm.len <= top.len())
        && let Some(d) = fm.dates.iter().find_map(|v| parse_date(v))
    {
        return Some(d);
    }
    // "Report published: 7 July 2014", "Published: 23 August 2013".
    for m in PUBLISHED.find_iter(head(top, 3000)) {
        // "Published1 October 2015": a related story's date run into its label.
        if m.as_str().ends_with(char::is_alphanumeric) {
            continue;
        }
        let rest = &top[m.end()..];
        let line = rest.lines().next().unwrap_or("");
        let line = TIME_FIRST.find(line).map_or(line, |t| &line[t.end()..]);
        if let Some(d) = parse_date(line) {
            return Some(d);
        }
    }
    // A letter's date line, before the salutation; an article's dateline.
    let mut lines_seen = 0;
    for line in top.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        lines_seen += 1;
        if lines_seen > 45 || l.starts_with("Dear ") {
            break;
        }
        if let Some(d) = date_line(l) {
            return Some(d);
        }
    }
    if matches!(kind, Kind::Sif | Kind::Other) {
        // "The sections of this report ... were originally published on 11 February 2014".
        return published_in_text(head(text, 4000));
    }
    if kind == Kind::Article {
        // A byline near the top: "Martin Ford 13 December 2018", "By J Smith | 13 Dec 2018".
        // A sentence of the story ("... their focused visit on 24 and 25 March
        // 2021.") dates what it tells, not the page.
        for line in top.lines().filter(|l| !l.trim().is_empty()).take(8) {
            let l = line.trim();
            let lower = l.to_ascii_lowercase();
            let sentence = l.ends_with(['.', '!', '?']) && l.split_whitespace().count() > 12;
            if l.len() <= 120
                && !lower.contains("inspect")
                && !lower.contains("visit")
                && !sentence
                && !related_story(l)
                && let Some(d) = dateline_date(l)
            {
                return Some(d);
            }
        }
        // A dateline the page's layout broke into a word per line ("Anytown," /
        // "26" / "October" / "2022" / "|" / "14:33").
        if let Some(d) = broken_dateline(top) {
            return Some(d);
        }
        // "Report published: 14 January 2026" inside a line of page furniture.
        for m in PUBLISHED_MID_LINE.find_iter(head(top, 3000)) {
            if let Some(d) = parse_date(&top[m.end()..]).or_else(|| short_date(&top[m.end()..])) {
                return Some(d);
            }
        }
        // A press release: "In a letter published 1 November 2019", "the
        // judgement published today (Friday, 19 February 2016)".
        return published_in_text(head(text, 4000));
    }
    None
}

/// The date of a dateline broken a word per line near the top of a page
/// ([`short_line_runs`]), each run read as one line.
fn broken_dateline(top: &str) -> Option<Date> {
    let lines: Vec<&str> = top.lines().take(60).collect();
    short_line_runs(&lines)
        .iter()
        .find_map(|(_, joined)| dateline_date(joined))
}

/// A list item of links to other stories, each a headline with its date ("- Pool
/// reopens after repairs - 03/04/2019"): the date is that story's.
fn related_story(line: &str) -> bool {
    static RELATED: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::regex(
            r"^[-–•*·]\s*(?:\S+\s+){3,}?[-–|]\s*(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4})\s*$",
        )
        .expect("related story regex")
    });
    RELATED.is_match(line)
}

/// A report's publication label anywhere in a line, followed by a separator.
static PUBLISHED_MID_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\b(?:report\s+published|date\s+published|published\s+on|publication\s+date)\s*[:\-]\s*|\b(?:report\s+published|published\s+on)\s+")
        .expect("published regex")
});

/// A day written `DD/MM/YY` ("14/01/26"), read as 20YY, at the start of `s`.
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2})\b").expect("short date regex")
});

fn short_date(s: &str) -> Option<Date> {
    let c = SHORT.captures(s)?;
    numeric(&format!("20{}", &c[3]), &c[2], &c[1])
}

/// The date of an article's dateline or byline: the first date not run into a
/// word ("Published1 October 2015" is a related story's), or a `DD/MM/YY` day
/// standing alone.
fn dateline_date(line: &str) -> Option<Date> {
    let glued = |at: usize| {
        line[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let full = DATE
        .captures_iter(line)
        .filter(|c| c.get(0).is_some_and(|m| !glued(m.start())))
        .find_map(|c| from_caps(&c));
    full.or_else(|| {
        static ANY_SHORT: LazyLock<Regex> = LazyLock::new(|| {
            crate::rules::regex(r"(?:^|[\s|,(])(\d{1,2}/\d{1,2}/\d{2})(?:$|[\s|,)])")
                .expect("short date regex")
        });
        let c = ANY_SHORT.captures(line)?;
        short_date(c.get(1)?.as_str())
    })
}

/// A date introduced by "... published (on)" in running text.
fn published_in_text(lead: &str) -> Option<Date> {
    for c in DATE.captures_iter(lead) {
        let m = c.get(0)?;
        let before = &lead[floor_boundary(lead, m.start().saturating_sub(60))..m.start()];
        if PUBLISHED_IN_TEXT.is_match(before)
            && let Some(d) = from_caps(&c)
        {
            return Some(d);
        }
    }
    None
}

/// A date range found in text.
fn range_at(s: &str, context_date: Option<Date>) -> Option<(Date, Date)> {
    let c = RANGE.captures(s)?;
    let m = c.get(0)?;
    if !s[..m.start()].trim().is_empty() {
        return None;
    }
    range_from_caps(&c, context_date)
}

fn range_from_caps(c: &Captures, context_date: Option<Date>) -> Option<(Date, Date)> {
    let g = |n: &str| c.name(n).map(|m| m.as_str());
    if let Some(n1) = g("n1") {
        let a = DATE.captures(n1).and_then(|c| from_caps(&c))?;
        let b = g("n2")
            .and_then(|n| DATE.captures(n).and_then(|c| from_caps(&c)))
            .unwrap_or(a);
        return check(a, b);
    }
    if let Some(i1) = g("i1") {
        let a = parse_date(i1)?;
        let b = g("i2").and_then(parse_date).unwrap_or(a);
        return check(a, b);
    }
    let m2 = month(g("m2")?)?;
    let y2: i32 = match g("y2") {
        Some(y) => y.parse().ok()?,
        None => {
            // "visit on 3 and 4 December": the year of the letter (or the one before).
            let cd = context_date?;
            if m2 as u8 > cd.month() as u8 {
                cd.year() - 1
            } else {
                cd.year()
            }
        }
    };
    let (d1, d2) = match g("d2") {
        Some(d2) => (g("d1")?, d2),
        None => (g("d1")?, g("d1")?),
    };
    let end = ymd(&y2.to_string(), m2, d2)?;
    let m1 = g("m1").and_then(month).unwrap_or(m2);
    let y1: i32 = match g("y1") {
        Some(y) => y.parse().ok()?,
        None if (m1 as u8) > (m2 as u8) => y2 - 1,
        None => y2,
    };
    let start = ymd(&y1.to_string(), m1, d1)?;
    check(start, end)
}

fn check(a: Date, b: Date) -> Option<(Date, Date)> {
    let days = (b - a).whole_days();
    (0..=120).contains(&days).then_some((a, b))
}

/// Inspection (or visit) start and end dates.
pub fn inspection_dates(text: &str, kind: Kind, doc_date: Option<Date>) -> Option<(Date, Date)> {
    let top = head(text, 8000);
    for m in RANGE_LABEL.find_iter(head(top, 3000)) {
        let line_start = top[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        if top[line_start..m.start()]
            .to_ascii_lowercase()
            .contains("previous")
        {
            continue;
        }
        let rest = &top[m.end()..];
        let window = &rest[..floor_boundary(rest, 120)];
        let flat = window.replace('\n', " ");
        if let Some(r) = range_at(&flat, doc_date) {
            return Some(r);
        }
    }
    if kind == Kind::Article {
        return None;
    }
    // A letter: "... focused visit to X children's services on 3 and 4 December 2020",
    // "The visit took place between 3 and 5 November".
    let start = top
        .find("Dear ")
        .or_else(|| top.find("This letter summarises"))
        .unwrap_or(0);
    let body = &top[start..floor_boundary(top, start + 3000)];
    let flat = body.replace('\n', " ");
    for c in RANGE.captures_iter(&flat) {
        let Some(m) = c.get(0) else { continue };
        let before = &flat[floor_boundary(&flat, m.start().saturating_sub(240))..m.start()];
        if !RANGE_INTRO.is_match(before) {
            continue;
        }
        let lower = before.to_ascii_lowercase();
        if lower.contains("previous") || lower.contains("last inspect") {
            continue;
        }
        if let Some(r) = range_from_caps(&c, doc_date) {
            return Some(r);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::front_matter::at_top;
    use time::macros::date;

    /// The document date as extraction asks for it: with the front matter ingest
    /// reads from the top of the text.
    fn document_date(t: &str, kind: Kind) -> Option<Date> {
        super::document_date(t, kind, at_top(t).as_ref())
    }

    #[test]
    fn parses_date_spellings() {
        let want = Some(date!(2020 - 12 - 18));
        for s in [
            "18 December 2020",
            "18th December 2020",
            "December 18, 2020",
            "18/12/2020",
            "2020-12-18",
            "Friday 18 December 2020",
            "18 Dec 2020",
            " 18 DECEMBER 2020",
        ] {
            assert_eq!(parse_date(s), want, "{s}");
        }
        assert_eq!(parse_date("31 February 2020"), None);
        assert_eq!(parse_date("on 18 December 2020"), None);
        assert_eq!(
            first_date("former (abolished 2019-04-01)"),
            Some(date!(2019 - 04 - 01))
        );
    }

    #[test]
    fn letter_date_line() {
        let t = "Ofsted\nPiccadilly Gate\nwww.gov.uk/ofsted\n\n18 December 2020\n\nBeate Wagner\n\nDear Ms Wagner\n\n\
                 Focused visit to Wakefield\n\nThis letter summarises the findings of a focused visit \
                 between 3 and 5 November 2020.";
        assert_eq!(
            document_date(t, Kind::FocusedVisit),
            Some(date!(2020 - 12 - 18))
        );
        assert_eq!(
            inspection_dates(t, Kind::FocusedVisit, Some(date!(2020 - 12 - 18))),
            Some((date!(2020 - 11 - 03), date!(2020 - 11 - 05)))
        );
    }

    #[test]
    fn report_published_and_labelled_ranges() {
        let t = "Peterborough City Council\nInspection of services\nInspection date: 13 April 2015 - 8 May 2015\nReport published: 18 September 2015\n";
        assert_eq!(document_date(t, Kind::Sif), Some(date!(2015 - 09 - 18)));
        assert_eq!(
            inspection_dates(t, Kind::Sif, None),
            Some((date!(2015 - 04 - 13), date!(2015 - 05 - 08)))
        );
        let cases = [
            (
                "Inspection dates: 12 to 23 November 2018",
                (date!(2018 - 11 - 12), date!(2018 - 11 - 23)),
            ),
            (
                "Inspection dates: 28 February to 4 March 2022",
                (date!(2022 - 02 - 28), date!(2022 - 03 - 04)),
            ),
            (
                "Inspection dates: 29 November 2021 to 10 December 2021",
                (date!(2021 - 11 - 29), date!(2021 - 12 - 10)),
            ),
            (
                "Dates of inspection: 15-19 July 2013",
                (date!(2013 - 07 - 15), date!(2013 - 07 - 19)),
            ),
            (
                "Inspection date: 12/09/2016 to 06/10/2016",
                (date!(2016 - 09 - 12), date!(2016 - 10 - 06)),
            ),
            (
                "Inspection dates: 30 December 2019 to 10 January 2020",
                (date!(2019 - 12 - 30), date!(2020 - 01 - 10)),
            ),
            (
                "Inspection dates: 29 April - 22 May 2014",
                (date!(2014 - 04 - 29), date!(2014 - 05 - 22)),
            ),
            (
                "Inspection dates: 14 January 2019 to 18 January 2019",
                (date!(2019 - 01 - 14), date!(2019 - 01 - 18)),
            ),
        ];
        for (t, want) in cases {
            assert_eq!(inspection_dates(t, Kind::Ilacs, None), Some(want), "{t}");
            assert_eq!(document_date(t, Kind::Ilacs), None, "{t}");
        }
        let t = "Area SEND inspection of X\nInspection dates: 22 to 26 April 2024\nDates of previous inspection: 1 to 3 November 2021";
        assert_eq!(
            inspection_dates(t, Kind::AreaSend, None),
            Some((date!(2024 - 04 - 22), date!(2024 - 04 - 26)))
        );
    }

    #[test]
    fn letter_visit_without_year_and_judged_month_ignored() {
        let t = "7 January 2016\n\nDear Mr X\n\nMonitoring visit to Y children's services\n\n\
                 This letter summarises the findings of the monitoring visit since the local authority \
                 was judged inadequate in March 2015. The visit was carried out on 3 and 4 December.";
        assert_eq!(
            inspection_dates(
                t,
                Kind::MonitoringVisit,
                document_date(t, Kind::MonitoringVisit)
            ),
            Some((date!(2015 - 12 - 03), date!(2015 - 12 - 04)))
        );
        let t = "3 April 2018\n\nDear Mrs B,\n\nThis letter summarises the findings of a focused visit to B \
                 children's services on 7 and 8 March 2018. The inspectors were A.";
        assert_eq!(
            inspection_dates(t, Kind::FocusedVisit, Some(date!(2018 - 04 - 03))),
            Some((date!(2018 - 03 - 07), date!(2018 - 03 - 08)))
        );
    }

    #[test]
    fn article_dates() {
        let t = "Martin Ford 13 December 2018\n\nWakefield avoids intervention over children's services\n\nText.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2018 - 12 - 13)));
        let t = "Ofsted reports \"steady progress\" by Wakefield\n\nInspectors, who visited on 9 and 10 October, \
                 found things.\n\nIn a letter published 1 November 2019, Ofsted said that things improved.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2019 - 11 - 01)));
        let t = "---\ntitle: \"X rated good\"\ndate: \"2019-06-27\"\n---\n\n# X rated good\n";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2019 - 06 - 27)));
        let t = "Council improves to 'good'\n\nFollowing a visit in November last year, inspectors said...";
        assert_eq!(document_date(t, Kind::Article), None);
        let t = "Council rated good\n\nThe council has been rated good.\n\nThe judgement published today \
                 (Friday, 19 February 2016) follows an inspection over four weeks.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2016 - 02 - 19)));
        let t = "News | 14/01/26\n\nCouncil rated good\n\nText.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2026 - 01 - 14)));
        let t =
            "Council rated good\n\nShare this | Report published: 3 March 2021 | Print\n\nText.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2021 - 03 - 03)));
    }

    /// "Ofsted published its report today (Friday 31 March, 2017)": the active
    /// voice was not read, only "the report was published".
    #[test]
    fn an_active_voice_publication_dates_the_article() {
        let t = "Council rated good\n\nThe council was rated good.\n\nThe inspectorate published its \
                 full report today (Monday 5 June, 2017) after a four-week inspection.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2017 - 06 - 05)));
        let t = "Council rated good\n\nOfsted published their findings on 9 May 2018.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2018 - 05 - 09)));
    }

    /// "PUBLISHED: 12:00 07 July 2019": a time before the date hid the label's date.
    #[test]
    fn a_time_before_the_date_of_a_publication_label() {
        let t = "Search\n\nCouncil rated good\n\nPUBLISHED: 09:30 04 March 2020 | UPDATED: 10:00 05 March 2020\n\nText.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2020 - 03 - 04)));
        let t = "Published: 1:58 PM June 3, 2021\n\nText.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2021 - 06 - 03)));
    }

    /// A first line telling of a visit "on 24 and 25 March 2021" was read as the
    /// article's dateline.
    #[test]
    fn a_sentence_with_visit_dates_is_not_a_dateline() {
        let t = "Today the inspectors published their letter after their focused visit to Anytown on 2 and 3 May 2021.\n\nText.";
        assert_eq!(document_date(t, Kind::Article), None);
        let t = "The council's services were praised by the inspectorate in a long report on 5 May 2021.\n\nText.";
        assert_eq!(document_date(t, Kind::Article), None);
        let t = "Anytown Council, 5 May 2021\n\nText.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2021 - 05 - 05)));
    }

    /// A dateline laid out a word per line was not read.
    #[test]
    fn a_dateline_broken_into_a_word_per_line() {
        let t = "Townley,\n\n3\n\nMarch\n\n2023\n\n|\n\n09:10\n\nThe headline of the release\n\nThe story starts here and says what the visit found in the town.";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2023 - 03 - 03)));
        // Short lines without a date give none.
        let t = "Home\nNews\nLatest\n\nThe headline of the release\n\nThe story.";
        assert_eq!(document_date(t, Kind::Article), None);
    }

    /// A related story's date ("Published1 October 2015") is never the article's.
    #[test]
    fn related_story_date_run_into_its_label_is_not_taken() {
        let t = "Council rated good\n\nThe council was rated good, inspectors said.\n\nRelated\nPublished1 October 2015\n";
        assert_eq!(document_date(t, Kind::Article), None);
    }

    /// Links to related stories at the top, each "- headline - DD/MM/YYYY", gave
    /// the article their date.
    #[test]
    fn a_related_story_line_with_its_date_is_not_the_dateline() {
        let t = "Town hall to review its care services\n- Bridge closed for a week of repairs - 04/11/2020\n- Market traders welcome new stalls - 2 November 2020\nThe town hall will review its services next week.\n";
        assert_eq!(document_date(t, Kind::Article), None);
        let t = "Town hall to review its care services\nTown Reporter - 04/11/20\nText.\n";
        assert_eq!(document_date(t, Kind::Article), Some(date!(2020 - 11 - 04)));
    }
}

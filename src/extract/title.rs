//! Title: the format's own title when given, else the letter subject, the report
//! title or the article headline.

use std::sync::LazyLock;

use regex::Regex;

use super::date;
use super::text::{flatten, floor_boundary, head};
use crate::ingest::FrontMatter;

/// Longest title kept (bytes, cut at a word boundary).
const MAX_TITLE: usize = 240;

/// First lines of Ofsted report titles.
pub(crate) static REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^(?:(?:re-?)?inspection\s+of\b|area\s+send\s+inspection|joint\s+(?:local\s+area|targeted\s+area)|focused\s+visit\s+to|monitoring\s+visit\s+(?:to|of)|unannounced\s+inspection|review\s+of\s+the\s+effectiveness|inspection\s+report)",
    )
    .expect("title regex")
});

/// A UK postcode ("BA14 8JN").
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s+[0-9][A-Z]{2}\b").expect("postcode regex")
});

/// Lines that end a multi-line title.
static TITLE_STOP: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^(?:and|inspection\s+dates?|dates?\s+of|lead\s+inspector|reporting\s+inspector|report\s+published|published|age\s+group|judgement|inspection\s+outcome|this\s+letter)\b",
    )
    .expect("stop regex")
});

/// Remove Markdown decoration from a line ("### **Focused visit**" -> "Focused visit").
fn clean(line: &str) -> &str {
    line.trim()
        .trim_start_matches(['#', '>'])
        .trim()
        .trim_matches(['*', '_'])
        .trim()
}

fn limit(s: String) -> String {
    if s.len() <= MAX_TITLE {
        return s;
    }
    let cut = floor_boundary(&s, MAX_TITLE);
    let cut = s[..cut].rfind(' ').unwrap_or(cut);
    format!("{}...", s[..cut].trim_end_matches([',', ';', ':', ' ']))
}

/// The document's title: `hint` (the format's own title), else the title of the
/// front matter at the top of `text`, else one read from the text.
pub fn title(text: &str, hint: Option<&str>, front_matter: Option<&FrontMatter>) -> String {
    if let Some(h) = hint {
        let h = flatten(h);
        if !h.is_empty() {
            return limit(h);
        }
    }
    let top = head(text, 6000);
    if let Some(t) = front_matter
        .filter(|fm| fm.len <= top.len())
        .and_then(|fm| fm.title.as_deref())
    {
        return limit(t.to_string());
    }
    let lines: Vec<&str> = top.lines().collect();
    let nonblank: Vec<&str> = lines
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .take(25)
        .collect();
    if let Some(subject) = letter_subject(&lines) {
        return limit(subject);
    }
    let ofsted = crate::ingest::web_copy::is_ofsted_document(text);
    let report = report_title(&lines, &nonblank);
    // A standfirst ("Inspection report highlights ...") is not a report's title.
    let standfirst = |t: &str| !ofsted && t.to_lowercase().starts_with("inspection report");
    if let Some(t) = report.as_deref().filter(|t| !standfirst(t)) {
        return limit(t.to_string());
    }
    // An article or web copy: the line near the top that reads like a headline
    // and whose words the body repeats (not a site name, label, standfirst or a
    // photo's alt text).
    if !ofsted && let Some(i) = crate::ingest::web_copy::headline_index(&nonblank) {
        return limit(flatten(unquote(strip_site_suffix(nonblank[i]))));
    }
    if let Some(t) = report {
        return limit(t);
    }
    // Else the first line, skipping a byline or dateline.
    for l in nonblank.iter().take(4) {
        let is_byline = l.len() < 80 && date::first_date(l).is_some() && !l.ends_with('.');
        let is_chrome = l.eq_ignore_ascii_case("ofsted") || l.starts_with("By ");
        if !is_byline && !is_chrome {
            return limit(flatten(l));
        }
    }
    nonblank
        .first()
        .map(|l| limit(flatten(l)))
        .unwrap_or_default()
}

/// Words that may stand in lower case inside a site's name ("Friends of the Earth").
const NAME_MINOR: [&str; 6] = ["the", "of", "and", "&", "for", "on"];

/// A headline without the site's name a page title appends to it: "Headline -
/// The Anytown Gazette", "Headline | Anytown News". The name is a short
/// title-case phrase: two to five words after " - " (a single word there may be
/// the headline's own attribution, "... - Ofsted"), one to five after " | ".
fn strip_site_suffix(t: &str) -> &str {
    for (sep, min) in [(" | ", 1), (" - ", 2)] {
        let Some((head, name)) = t.rsplit_once(sep) else {
            continue;
        };
        let w: Vec<&str> = name.split_whitespace().collect();
        let title_case = w.first().is_some_and(|f| f.starts_with(char::is_uppercase))
            && w.iter().all(|w| {
                (w.starts_with(char::is_uppercase) || NAME_MINOR.contains(w))
                    && !w.chars().any(|c| c.is_ascii_digit())
            })
            && !name.ends_with([
                '.', '!', '?', ',', ';', ':', '\'', '"', '\u{2019}', '\u{201d}',
            ]);
        if (min..=5).contains(&w.len()) && title_case && head.split_whitespace().count() >= 3 {
            return head.trim_end();
        }
    }
    t
}

/// A headline set in double quotes as a whole: the quotes frame it and are not
/// part of it. A headline that quotes part of itself ("\"Good\" for the county")
/// keeps its quotes.
fn unquote(t: &str) -> &str {
    let t = t.trim();
    for (open, close) in [('"', '"'), ('\u{201c}', '\u{201d}')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close))
            && !inner.contains(['"', '\u{201c}', '\u{201d}'])
            && inner.split_whitespace().count() >= 3
        {
            return inner.trim();
        }
    }
    t
}

/// A letter's subject: the paragraph after "Dear ...".
fn letter_subject(lines: &[&str]) -> Option<String> {
    let i = lines
        .iter()
        .take(80)
        .position(|l| clean(l).starts_with("Dear "))?;
    let para: Vec<&str> = lines[i + 1..]
        .iter()
        .map(|l| clean(l))
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty() && !l.starts_with("This letter"))
        .take(4)
        .collect();
    // A postcode from the address column can land inside the subject line.
    let joined = flatten(&para.join(" "));
    let subject = flatten(&POSTCODE.replace_all(&joined, ""));
    // A sentence is the letter's first paragraph, not a subject line (unless it is
    // a subject with a full stop: "Focused visit to Oldham children's services.").
    let titled = REPORT_TITLE.is_match(&subject) && subject.len() <= 160;
    (!subject.is_empty()
        && subject.len() <= 250
        && !subject.starts_with("This letter")
        && (!subject.ends_with('.') || titled))
        .then(|| subject.trim_end_matches('.').to_string())
}

/// A report's title: "Inspection of X local authority children's services" in
/// the first lines, continued by the lines of its paragraph.
fn report_title(lines: &[&str], nonblank: &[&str]) -> Option<String> {
    let i = nonblank
        .iter()
        .take(6)
        .position(|l| REPORT_TITLE.is_match(l))?;
    let mut parts = vec![nonblank[i]];
    let start = lines
        .iter()
        .position(|l| clean(l) == nonblank[i])
        .unwrap_or(0);
    for l in lines.iter().skip(start + 1).take(4) {
        let l = clean(l);
        if l.is_empty() || TITLE_STOP.is_match(l) || l.starts_with("and ") {
            break;
        }
        parts.push(l);
    }
    Some(flatten(&parts.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::front_matter::at_top;

    /// The title as extraction asks for it: with the front matter ingest reads
    /// from the top of the text.
    fn title(t: &str, hint: Option<&str>) -> String {
        super::title(t, hint, at_top(t).as_ref())
    }

    #[test]
    fn hint_wins() {
        assert_eq!(title("Headline\n\nBody", Some("  The  hint ")), "The hint");
        assert_eq!(title("Headline\n\nBody", Some("  ")), "Headline");
    }

    #[test]
    fn letter_subject_after_salutation() {
        let t = "Ofsted\nPiccadilly Gate\n\n18 December 2020\n\nBeate Wagner\nWakefield Council\n\nDear Ms Wagner\n\n\
                 ### **Focused visit to Wakefield local authority children's services**\n\nThis letter summarises.";
        assert_eq!(
            title(t, None),
            "Focused visit to Wakefield local authority children's services"
        );
        let t = "10 June 2022\n\nDear Ms A\n\nFocused visit to the London Borough of Barking and Dagenham children's\nservices\n\nThis letter";
        assert_eq!(
            title(t, None),
            "Focused visit to the London Borough of Barking and Dagenham children's services"
        );
    }

    #[test]
    fn subject_in_a_two_column_letter() {
        let t = "Wiltshire Council\nTrowbridge\nBA14 8JN\n\nDear Ms Townsend\n\nFocused\nBA14 8JN visit to Wiltshire children's services\n\
                 This letter summarises the findings of a focused visit.";
        assert_eq!(
            title(t, None),
            "Focused visit to Wiltshire children's services"
        );
        let t =
            "Dear Julie\n\nFocused visit to Oldham children's services.\n\nThis letter summarises";
        assert_eq!(
            title(t, None),
            "Focused visit to Oldham children's services"
        );
        let t = "Local area partnership report\n\nArea SEND inspection of Bolton Local\nArea Partnership\nInspection dates: 17 to 21 June 2024";
        assert_eq!(
            title(t, None),
            "Area SEND inspection of Bolton Local Area Partnership"
        );
    }

    #[test]
    fn report_titles() {
        let t = "Inspection of Gateshead local authority\nchildren's services\nInspection dates: 2 to 6 December 2024\n";
        assert_eq!(
            title(t, None),
            "Inspection of Gateshead local authority children's services"
        );
        let t = "Peterborough City Council\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\nand\nReview of the effectiveness";
        assert_eq!(
            title(t, None),
            "Inspection of services for children in need of help and protection, children looked after and care leavers"
        );
        let t = "Havering\nInspection of children's social care services\n\nInspection dates: 24 to 28 November 2021";
        assert_eq!(
            title(t, None),
            "Inspection of children's social care services"
        );
    }

    #[test]
    fn article_headline_skips_byline() {
        let t = "Martin Ford 13 December 2018\n\nWakefield avoids intervention over children's services\n\nBody.";
        assert_eq!(
            title(t, None),
            "Wakefield avoids intervention over children's services"
        );
        let t = "---\ntitle: \"Sefton rated 'good'\"\ndate: \"2019-06-27\"\n---\n\n# Sefton rated 'good'\n";
        assert_eq!(title(t, None), "Sefton rated 'good'");
        assert_eq!(title("", None), "");
        let long = "word ".repeat(200);
        assert!(title(&long, None).len() <= MAX_TITLE + 3);
    }

    /// A page title "Headline - The Site Name" above the story was taken whole
    /// for the headline.
    /// A headline set in quotes as a whole kept its quotes in the title.
    #[test]
    fn a_headline_quoted_whole_loses_its_quotes() {
        let body = "\n\nBy A Writer\n\nInspectors praised the town's children's services for coping with rising demand, the report said on Monday.";
        let t =
            format!("\u{201c}Inspectors praise the town's services as demand rises\u{201d}{body}");
        assert_eq!(
            title(&t, None),
            "Inspectors praise the town's services as demand rises"
        );
        let t = format!("\"Good\" for the town's children's services{body}");
        assert_eq!(
            title(&t, None),
            "\"Good\" for the town's children's services"
        );
    }

    #[test]
    fn a_site_name_after_the_headline_is_not_part_of_it() {
        assert_eq!(
            strip_site_suffix("Anytown care services judged good - The Anytown Courier"),
            "Anytown care services judged good"
        );
        assert_eq!(
            strip_site_suffix("Anytown care services judged good | Courier"),
            "Anytown care services judged good"
        );
        // An attribution of one word, a lower-case tail and a short head stay.
        for keep in [
            "Children benefit from 'strong support' - Ofsted",
            "Anytown services good - but could do better",
            "Rated good - The Courier",
        ] {
            assert_eq!(strip_site_suffix(keep), keep);
        }
        let t = "Anytown care services judged good - The Anytown Courier\n\nAnytown care services judged good\n\nCare services in Anytown were judged good by inspectors, who praised the care staff.";
        assert_eq!(title(t, None), "Anytown care services judged good");
    }
}

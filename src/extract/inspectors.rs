//! Inspectors: everyone named as an inspector of the visit or inspection, lead first.
//! Sources: labelled lines ("Lead inspector: X", a SIF "Inspection team" list),
//! sentences ("The inspectors were X, HMI, and Y", "The visit was carried out by ..."),
//! and the letter's sign-off ("Yours sincerely / X / Her Majesty's Inspector").
//! Data analysts, quality assurance managers, observers, commissioners, councillors
//! and directors are never inspectors.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::text::{flatten, floor_boundary};
use crate::ingest::word_list::WordSet;

/// Cheap anchors: only the text around these is examined.
static ANCHORS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Case-sensitive variants keep the fast (SIMD) prefilter.
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build([
            "inspector",
            "Inspector",
            "INSPECTOR",
            "carried out by",
            "led by",
            "Yours sincerely",
            "Yours Sincerely",
            "YOURS SINCERELY",
            "conducted by",
        ])
        .expect("anchors")
});

/// A labelled line: "Lead inspector: Nick Stacey", "Team inspectors: A, B and C",
/// "Reporting inspector Sarah Urding HMI".
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^[\s*#_\-]*(?P<label>(?:(?:deputy\s+|assistant\s+)?lead|team|shadow|reporting|additional|seconded|link)\s+inspectors?|inspectors|inspection\s+team)[*_]*(?:\s*[:\-\u{2013}]\s*[*_]*(?P<rest>.*)|\s+(?P<named>(?-i:\p{Lu}).*))$",
    )
    .expect("label regex")
});

/// A sentence naming the inspectors; the names follow the match.
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)(?P<lead>\blead\s+)?\binspectors?\s+(?:for\s+(?:this|the)\s+(?:visit|inspection)\s+)?(?:were|was|are|is)\s+|\b(?P<other>other)\s+inspectors?\s+(?:were|was)\s+|\b(?:visit|inspection|review)\s+was\s+(?:carried\s+out|conducted|undertaken)\s+by\s+|\b(?:visit|inspection|review)\s+was\s+(?P<led>led)\s+by\s+|\bled\s+by\s+(?:her|his)\s+majesty's\s+inspector\s+",
    )
    .expect("trigger regex")
});

/// Role words removed before names are read.
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)\b(?:senior\s+)?(?:her|his)\s+majesty'?s\s+inspectors?(?:\s+\(s?hmis?\))?(?:\s+(?:for|of|in)\s+(?:social\s+care|schools|early\s+years|further\s+education))?(?:\s+(?:social\s+care|schools|early\s+years))?|\b(?:senior\s+)?s?hmis?\b(?:\s+(?:social\s+care|schools|early\s+years))?|\b(?:ofsted\s+)?(?:social\s+care\s+)?(?:regulatory\s+)?inspectors?\b|\b(?:contracted|seconded|additional|associate|shadow)\s+inspectors?\b|(?-i:\bAIs?\b)|\ball\s+of\s+whom\s+(?:are|were)\b|\b(?:two|three|four|five|six|seven|eight|both)\s+of\b|\bfrom\s+ofsted\b|\bsocial\s+care\b|\bschools\b|\bdesignate\b|\(|\)",
    )
    .expect("role regex")
});

static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)\s*(?:,|;|&|\band\b|\balong\s+with\b|\bsupported\s+by\b|\bassisted\s+by\b)\s*",
    )
    .expect("split regex")
});

/// "Name[ HMI], Ofsted [lead] inspector" / "Name, CQC Inspector" in a team list.
static ROLE_AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?P<name>(?:\p{Lu}[\p{L}'\-]*\.?\s+){1,3}\p{Lu}[\p{L}'\-]+)(?:\s+S?HMI)?,\s+(?:Ofsted|CQC|Care\s+Quality\s+Commission)\s+(?:(?P<lead>[Ll]ead)\s+)?(?:[Ii]nspector|Children's\s+Services\s+Inspector)",
    )
    .expect("team regex")
});

/// The name at the end of a run of capitalised words ("Inspector Louise Holland" ->
/// "Louise Holland").
fn tail_name(run: &str) -> Option<String> {
    let words: Vec<&str> = run.split_whitespace().collect();
    (0..words.len().saturating_sub(1)).find_map(|i| person_name(&words[i..].join(" ")))
}

/// Particles allowed in lower case inside a name (`data/name_particles.txt`).
fn particle(w: &str) -> bool {
    static PARTICLES: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::new(include_str!("../../data/name_particles.txt")));
    PARTICLES.contains(w)
}

/// Capitalised words that are never part of an inspector's name
/// (`data/inspector_stop_words.txt`).
fn stop_word(w: &str) -> bool {
    static STOP_WORDS: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::new(include_str!("../../data/inspector_stop_words.txt")));
    STOP_WORDS.contains(w)
}

/// A courtesy title, with or without its full stop (`data/courtesy_titles.txt`).
fn title_word(w: &str) -> bool {
    static TITLES: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::new(include_str!("../../data/courtesy_titles.txt")));
    TITLES.contains(w.trim_end_matches('.'))
}

/// A person's name ("Nigel Parkes", "Máire Atherton", "Jenny-Ellen Scotland",
/// "Louise de Vries"), with any courtesy title removed.
fn person_name(piece: &str) -> Option<String> {
    let mut words: Vec<&str> = piece
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '"' | '*' | '_')))
        .filter(|w| !w.is_empty())
        .collect();
    while words
        .first()
        .is_some_and(|w| title_word(w) || *w == "and" || *w == "the")
    {
        words.remove(0);
    }
    // "Smith." at a sentence end (not an initial such as "J.").
    if let Some(last) = words.last_mut()
        && last.ends_with('.')
        && last.len() > 2
        && !last[..last.len() - 1].contains('.')
    {
        *last = last.trim_end_matches('.');
    }
    // Post-nominal letters ("Shabana Abasi OI", "Peter Dwyer CBE").
    while words.len() > 2
        && words.last().is_some_and(|w| {
            (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
        })
    {
        words.pop();
    }
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    for (i, w) in words.iter().enumerate() {
        if stop_word(w) {
            return None;
        }
        if i > 0 && i + 1 < words.len() && particle(w) {
            continue;
        }
        let mut cs = w.chars();
        let c0 = cs.next()?;
        if !c0.is_uppercase() {
            return None;
        }
        let rest: String = cs.collect();
        // An initial ("J." / "J") is fine; otherwise letters, hyphens and apostrophes.
        let initial = rest.is_empty() || rest == ".";
        if !initial
            && !rest
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'))
        {
            return None;
        }
        if !initial && rest.chars().all(|c| c.is_uppercase()) && rest.len() > 1 {
            // "HMI", "MASH": acronyms, not names.
            return None;
        }
    }
    // The surname must be a word, not an initial.
    if words
        .last()
        .is_some_and(|w| w.trim_end_matches('.').chars().count() < 2)
    {
        return None;
    }
    Some(words.join(" "))
}

/// Names in a run of text ("Nigel Parkes, Neil Penswick and Jane Spilsbury, HMI").
/// Returns the names and the index of one marked as lead, if any.
fn names_in(segment: &str) -> (Vec<String>, Option<usize>) {
    static PAREN: LazyLock<Regex> =
        LazyLock::new(|| crate::rules::regex(r"\(([^()]*)\)").expect("paren regex"));
    static WRAP: LazyLock<Regex> =
        LazyLock::new(|| crate::rules::regex(r"(\p{L})-\s+(\p{Lu})").expect("wrap regex"));
    // "Barazetti-\nScott", "Thomson- Jones": a hyphenated name wrapped at the hyphen.
    let joined = WRAP.replace_all(segment, "$1-$2");
    // "(seconded inspector)", "(HMI)": a separate piece of the list.
    let flat = PAREN.replace_all(&flatten(&joined), ", $1,").into_owned();
    let mut names: Vec<String> = Vec::new();
    let mut lead = None;
    let parts: Vec<&str> = SPLIT.split(&flat).collect();
    let mut i = 0;
    while i < parts.len() {
        let raw = parts[i].trim();
        i += 1;
        let lower = raw.to_ascii_lowercase();
        if lower.starts_with("who ") || lower.contains("observ") || lower.contains("shadowed") {
            // "X, who observed the visit": an observer, not an inspector.
            if lower.contains("observ") || lower.contains("shadow") {
                names.pop();
            }
            continue;
        }
        if lower.contains("lead inspector") && !lower.contains("deputy") {
            let stripped = ROLE.replace_all(raw, " ");
            match person_name(stripped.trim_start_matches("lead").trim()) {
                Some(n) => {
                    lead.get_or_insert(names.len());
                    names.push(n);
                }
                None if !names.is_empty() => {
                    lead.get_or_insert(names.len() - 1);
                }
                None => {}
            }
            continue;
        }
        if lower.contains("analyst")
            || lower.contains("quality assurance")
            || lower.contains("manager")
        {
            continue;
        }
        let stripped = ROLE.replace_all(raw, " ");
        let stripped = stripped.replace(" lead ", " ");
        if let Some(n) = person_name(&stripped) {
            names.push(n);
        } else if names.is_empty() && !stripped.trim().is_empty() {
            // Not a list of names ("Inspectors were informed by both the judiciary and ...").
            return (Vec::new(), None);
        } else if !names.is_empty() && stripped.split_whitespace().count() > 4 {
            // The list has ended ("... and Tracey Scott. The methodology ...").
            break;
        }
    }
    (names, lead)
}

/// End of the sentence that starts at byte 0 of `s`.
fn sentence_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'.' => {
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                let word_start = s[..i].rfind([' ', '\n']).map_or(0, |j| j + 1);
                let word = &s[word_start..i];
                let abbrev = title_word(word) || word.len() == 1 || word == "St";
                if (next == b' ' || next == b'\n') && !abbrev {
                    return i;
                }
            }
            // A blank line ends the sentence unless it cuts a list ("..., Neil\n\nMcKenna"):
            // a page break inside a paragraph.
            b'\n' if b.get(i + 1) == Some(&b'\n') => {
                let prev = s[..i].trim_end().chars().next_back().unwrap_or('.');
                let next = s[i..].trim_start().chars().next().unwrap_or('A');
                let cut = prev.is_alphanumeric() || prev == ',';
                if !(cut && (next.is_alphabetic())) {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

struct Found {
    names: Vec<String>,
    lead: Option<String>,
}

impl Found {
    fn add(&mut self, n: String) {
        let key = norm(&n);
        if !self.names.iter().any(|x| norm(x) == key) {
            self.names.push(n);
        }
    }
    fn set_lead(&mut self, n: &str) {
        if self.lead.is_none() {
            self.lead = Some(n.to_string());
        }
    }
    /// The names with the lead (the first name when none was marked) first.
    fn lead_first(mut self) -> (Vec<String>, Option<String>) {
        if self.lead.is_none() {
            self.lead = self.names.first().cloned();
        }
        if let Some(lead) = &self.lead {
            let key = norm(lead);
            if let Some(pos) = self.names.iter().position(|n| norm(n) == key) {
                let n = self.names.remove(pos);
                self.names.insert(0, n);
            }
        }
        (self.names, self.lead)
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The inspectors named in a document, lead first, and the lead inspector.
pub fn inspectors(text: &str) -> (Vec<String>, Option<String>) {
    let mut found = Found {
        names: Vec::new(),
        lead: None,
    };
    let mut signer: Option<String> = None;
    let mut last_segment_end = 0usize;
    for m in ANCHORS.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let anchor = text[s..e].to_ascii_lowercase();
        if anchor == "yours sincerely" {
            signer = sign_off(&text[e..]).or(signer);
            continue;
        }
        if s < last_segment_end {
            continue;
        }
        let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
        let line = &text[line_start..line_end];
        let inspector = anchor == "inspector";
        let labelled =
            inspector && s - line_start <= 40 && labelled_line(text, line, line_end, &mut found);
        if labelled || (inspector && team_list(line, &mut found)) {
            last_segment_end = line_end;
            continue;
        }
        // A sentence: "inspector(s) were/was/is/for ...", "carried out by", "led by".
        if inspector && !verb_follows(&text[e..]) {
            continue;
        }
        if let Some(end) = sentence(text, s, e, last_segment_end, &mut found) {
            last_segment_end = end;
        }
    }
    if let Some(sig) = signer {
        found.set_lead(&sig);
        found.add(sig);
    }
    found.lead_first()
}

/// A labelled line ("Lead inspector: X" starts the line), with a list wrapped
/// over the following lines (up to a blank line, another label or the end of
/// the sentence). Whether it named anyone.
fn labelled_line(text: &str, line: &str, line_end: usize, found: &mut Found) -> bool {
    let Some(c) = LABEL.captures(line) else {
        return false;
    };
    let label = c["label"].to_ascii_lowercase();
    let rest = c
        .name("rest")
        .or_else(|| c.name("named"))
        .map_or("", |m| m.as_str());
    let mut rest = rest[..sentence_end(rest)].to_string();
    let mut at = line_end;
    for _ in 0..3 {
        let trimmed = rest.trim_end();
        if trimmed.ends_with('.') || at >= text.len() {
            break;
        }
        let next_start = at + 1;
        let next_end = text[next_start..]
            .find('\n')
            .map_or(text.len(), |i| next_start + i);
        let next = text[next_start..next_end].trim();
        if next.is_empty() || next.contains(':') {
            break;
        }
        rest.push('\n');
        rest.push_str(next);
        at = next_end;
    }
    let (names, _) = names_in(&rest);
    if names.is_empty() || label == "inspection team" {
        return false;
    }
    let is_lead =
        (label.starts_with("lead") || label.starts_with("reporting")) && !label.contains("deputy");
    if is_lead {
        found.set_lead(&names[0]);
    }
    for n in names {
        found.add(n);
    }
    true
}

/// A team list of an area SEND report: "Alex Thorp HMI, Ofsted lead inspector
/// Claire Mason, CQC Lead Inspector". Whether the line is one.
fn team_list(line: &str, found: &mut Found) -> bool {
    if !ROLE_AFTER_NAME.is_match(line) {
        return false;
    }
    for c in ROLE_AFTER_NAME.captures_iter(line) {
        let Some(n) = tail_name(&c["name"]) else {
            continue;
        };
        if c.name("lead").is_some() {
            found.set_lead(&n);
        }
        found.add(n);
    }
    true
}

/// The names after a trigger that ends at or just after the anchor `s..e`
/// ("The inspectors were ...", "The visit was carried out by ..."), read up to
/// the end of the sentence. Returns where the sentence ends when there was a
/// trigger past `last_segment_end`.
fn sentence(
    text: &str,
    s: usize,
    e: usize,
    last_segment_end: usize,
    found: &mut Found,
) -> Option<usize> {
    let w0 = floor_boundary(text, s.saturating_sub(60));
    let w1 = floor_boundary(text, e + 60);
    let window = &text[w0..w1];
    let c = TRIGGER.captures_iter(window).find(|c| {
        let m = c.get(0).expect("whole match");
        w0 + m.start() <= s && w0 + m.end() >= e
    })?;
    let seg_start = w0 + c.get(0).expect("whole match").end();
    if seg_start < last_segment_end {
        return None;
    }
    let rest = &text[seg_start..floor_boundary(text, seg_start + 600)];
    let end = sentence_end(rest);
    let (names, lead_idx) = names_in(&rest[..end]);
    if names.is_empty() {
        return Some(seg_start + end);
    }
    let is_lead_sentence = c.name("lead").is_some() || c.name("led").is_some();
    if let Some(li) = lead_idx {
        found.set_lead(&names[li]);
    } else if is_lead_sentence {
        found.set_lead(&names[0]);
    }
    for n in names {
        found.add(n);
    }
    Some(seg_start + end)
}

/// Whether "inspector" is followed by "(s) were/was/are/is" or "(s) for this visit".
fn verb_follows(after: &str) -> bool {
    let a = after.strip_prefix('s').unwrap_or(after);
    let a = a.trim_start_matches([' ', '\n']);
    let w: String = a.chars().take(4).map(|c| c.to_ascii_lowercase()).collect();
    w.starts_with("were")
        || w.starts_with("was ")
        || w.starts_with("are ")
        || w.starts_with("is ")
        || w.starts_with("for ")
}

/// The signatory of a letter: a name line followed by an inspector's title.
fn sign_off(after: &str) -> Option<String> {
    let lines: Vec<&str> = after
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect();
    let name = lines.first()?;
    let role = lines
        .get(1)
        .map(|l| l.to_ascii_lowercase())
        .unwrap_or_default();
    let inline_role = name.to_ascii_lowercase();
    if role.contains("inspector") || role.contains("hmi") || inline_role.contains("hmi") {
        let stripped = ROLE.replace_all(name, " ");
        return person_name(&stripped);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<String> {
        inspectors(t).0
    }

    #[test]
    fn focused_visit_team_with_schools_hmi() {
        let t = "This letter summarises the findings of a focused visit to Wakefield children's services between \
                 3 and 5 November 2020. The inspectors were Nigel Parkes, Neil Penswick, Lorna Schlechte and Tracey \
                 Scott, Her Majesty's Inspectors (HMI) Social Care, and Jane Spilsbury, HMI Schools.\n\n\
                 Her Majesty's Chief Inspector of Education, Children's Services and Skills is leading work.\n\n\
                 Yours sincerely\n\nNigel Parkes\nHer Majesty's Inspector";
        let (n, lead) = inspectors(t);
        assert_eq!(
            n,
            [
                "Nigel Parkes",
                "Neil Penswick",
                "Lorna Schlechte",
                "Tracey Scott",
                "Jane Spilsbury"
            ]
        );
        assert_eq!(lead.as_deref(), Some("Nigel Parkes"));
    }

    #[test]
    fn sentence_variants() {
        assert_eq!(
            names(
                "The inspectors were Louise Warren, HMI, and John Roughton, HMI. The quality assurance manager was Sean Tarpey, SHMI."
            ),
            ["Louise Warren", "John Roughton"]
        );
        let (n, lead) = inspectors(
            "Her Majesty's Inspectors for this visit were Tracey Ledder, team inspector, Brenda McLaughlin, lead inspector, and Nhlanganiso Nyathi, who observed the visit.",
        );
        assert_eq!(n, ["Brenda McLaughlin", "Tracey Ledder"]);
        assert_eq!(lead.as_deref(), Some("Brenda McLaughlin"));
        assert_eq!(
            names(
                "His Majesty's Inspectors for this visit were Claire\nBeckingham and Anna Gravelle.\n\nInspectors looked at care leavers."
            ),
            ["Claire Beckingham", "Anna Gravelle"]
        );
        assert_eq!(
            names(
                "The visit was carried out by Kate Malleson, Louise Hocking, Caroline Walsh, Tom Anthony and Jon Bowman, all of whom are Her Majesty's Inspectors."
            ),
            [
                "Kate Malleson",
                "Louise Hocking",
                "Caroline Walsh",
                "Tom Anthony",
                "Jon Bowman"
            ]
        );
        assert_eq!(
            names(
                "The inspectors were Her Majesty's Inspectors (HMIs) Jan Edwards, Brenda McLaughlin and Matt Reed."
            ),
            ["Jan Edwards", "Brenda McLaughlin", "Matt Reed"]
        );
        assert_eq!(
            names(
                "The inspectors were Maire Atherton and Amanda Maxwell, two of Her Majesty's Inspectors. During this visit"
            ),
            ["Maire Atherton", "Amanda Maxwell"]
        );
        assert_eq!(
            names(
                "The inspectors were Tara Geere, Her Majesty's Inspector, and Máire Atherton, Her Majesty's Inspector."
            ),
            ["Tara Geere", "Máire Atherton"]
        );
        assert!(
            names("The inspectors were on site for the visit. Inspectors were primarily on site.")
                .is_empty()
        );
        assert!(names("Inspectors were informed by both the judiciary and the Children and Family Court Advisory and Support Service.").is_empty());
    }

    #[test]
    fn labelled_lines_and_led_by() {
        let (n, lead) = inspectors(
            "Havering\nInspection of children's social care services\n\nLead inspector: Rob Ellery, Her Majesty's Inspector\n\n\
             Body text.\n\nThe inspection was led by Rob Ellery, Her Majesty's Inspector. The other inspectors were Hugh Hartnell and Ann Lee.",
        );
        assert_eq!(n, ["Rob Ellery", "Hugh Hartnell", "Ann Lee"]);
        assert_eq!(lead.as_deref(), Some("Rob Ellery"));
        let (n, lead) = inspectors(
            "The inspection team\n\nLead inspector: Nick Stacey\n\nDeputy lead inspector: Janet Fraser\n\n\
             Team inspectors: Mary Candlin, Andy Whippey, Michael McCracken (seconded inspector),\nMark Shackleton\n\n\
             Shadow inspectors: Christy Wannop\n\nSenior data analyst: Donna Neill\n\nQuality assurance manager: Sean Tarpey\n\n\
             Team inspectors: Nick Stacey Contracted Inspector, Ros Walker AI, Deborah Barazetti-\nScott HMI and Shahram\nSafavi HMI\n",
        );
        assert_eq!(
            n,
            [
                "Nick Stacey",
                "Janet Fraser",
                "Mary Candlin",
                "Andy Whippey",
                "Michael McCracken",
                "Mark Shackleton",
                "Christy Wannop",
                "Ros Walker",
                "Deborah Barazetti-Scott",
                "Shahram Safavi"
            ]
        );
        assert_eq!(lead.as_deref(), Some("Nick Stacey"));
        let (n, lead) =
            inspectors("Inspection dates: 15-19 July 2013\nReporting inspector Sarah Urding HMI\n");
        assert_eq!(n, ["Sarah Urding"]);
        assert_eq!(lead.as_deref(), Some("Sarah Urding"));
    }

    #[test]
    fn area_send_team_list() {
        let t = "Inspection team\n\nOfsted Care Quality Commission\nAlex Thorp HMI, Ofsted lead inspector Claire Mason, CQC Lead Inspector\n\
                 Paula Thomson-Jones, Ofsted Inspector Louise Holland, CQC Inspector\nPatricia Head, Ofsted Inspector\n";
        let (n, lead) = inspectors(t);
        assert_eq!(
            n,
            [
                "Alex Thorp",
                "Claire Mason",
                "Paula Thomson-Jones",
                "Louise Holland",
                "Patricia Head"
            ]
        );
        assert_eq!(lead.as_deref(), Some("Alex Thorp"));
    }

    #[test]
    fn never_other_people() {
        let t = "Wakefield Council continues to work with the Independent Commissioner, Peter Dwyer CBE. \
                 Cllr Margaret Isherwood said the inspectors were thorough. Beate Wagner, Corporate Director, said: \"good\".";
        assert!(names(t).is_empty());
        assert!(
            names(
                "The lead inspector and the director of children's services agreed arrangements."
            )
            .is_empty()
        );
        assert!(names("").is_empty());
    }

    #[test]
    fn signatory_becomes_lead() {
        let t = "The inspectors were Ann Smith and Bob Jones, HMI.\n\nYours sincerely\n\nBob Jones\nHis Majesty's Inspector\n";
        let (n, lead) = inspectors(t);
        assert_eq!(n, ["Bob Jones", "Ann Smith"]);
        assert_eq!(lead.as_deref(), Some("Bob Jones"));
    }
}

#[cfg(test)]
mod page_breaks {
    #[test]
    fn list_cut_by_a_page_break() {
        let t = "The inspection was carried out on 12 to 14 December 2009. The\n\nlead inspector was Rachel Thistlethwaite. \
                 The inspectors were Rachel Thistlethwaite, Neil\n\nMcKenna and Lisa Greenhalgh, Her Majesty's Inspectors (HMI). \
                 Inspectors looked at the stability.\n\nYours sincerely\n\nRachel Thistlethwaite\nLead inspector\n";
        let (names, lead) = super::inspectors(t);
        assert_eq!(
            names,
            ["Rachel Thistlethwaite", "Neil McKenna", "Lisa Greenhalgh"]
        );
        assert_eq!(lead.as_deref(), Some("Rachel Thistlethwaite"));
    }
}

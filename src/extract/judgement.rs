//! Judgements: overall effectiveness and the sub-judgements of a full inspection
//! (ILACS or SIF judgement table, SIF summary sentence, LSCB review), or the grade a
//! news article reports (`article_grade`). Ungraded visits and area SEND reports have none.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{flatten, floor_boundary, head};
use super::values::{Judgement, Kind, SubJudgements};

/// Which row of a judgement table a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Leadership,
    Help,
    InCare,
    CareLeavers,
    Adoption,
    Overall,
}

/// Row labels of ILACS and SIF judgement tables, most specific first.
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)(?P<lead>impact\s+of\s+leaders|leadership,?\s+management\s+and\s+governance)|(?P<help>need\s+help\s+and\s+protection)|(?P<incare>children\s+in\s+care(?:\s+and\s+care\s+leavers)?|looked\s+after\s+and\s+achieving\s+permanence|children\s+looked\s+after)|(?P<leavers>care\s+leavers)|(?P<adoption>adoption\s+performance)|(?P<overall>overall\s+effectiveness)",
    )
    .expect("row regex")
});

/// Where a judgement table starts.
static TABLE_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?im)^[\s*|]*judgements?\s*\|?\s*grade|impact\s+of\s+leaders\s+on|^[\s*|]*(?:requires?\s*\n)?[\s*|]*1\.?\s+children\s+who\s+need\s+help",
    )
    .expect("table regex")
});

/// SIF summary: "Children's services in X are good", "The overall judgement is ...".
static SIF_OVERALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)(?:children's\s+services\s+(?:in|at|provided\s+by)\s+[^.]{1,80}?|children's\s+services)\s+(?:are|is|were|require|requires)\s+(?P<g>outstanding|good|inadequate|improvement\s+to\s+be\s+good|improvement)|overall\s+(?:judgement|judgment|effectiveness)\s+is\s+(?P<g2>outstanding|good|inadequate|requires\s+improvement)",
    )
    .expect("sif regex")
});

static LSCB: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?im)^[\s*#_]*(?:the\s+)?(?:effectiveness\s+of\s+the\s+)?(?:[\w'&,-]+\s+){0,6}?(?:safeguarding\s+children(?:'s)?\s+board|lscb)\s*(?:\([a-z]+\)\s*)?(?:in\s+[^\n.]{1,40}?\s+)?(?:is\s+|are\s+)?(?:judged\s+(?:to\s+be\s+)?|rated\s+)?(?P<g>outstanding|good|inadequate|requires?\s+improvement)",
    )
    .expect("lscb regex")
});

/// A grade at the start of a cell ("Requires improvement to be good").
fn grade(s: &str) -> Option<Judgement> {
    let l = flatten(s).to_ascii_lowercase();
    if l.starts_with("outstanding") {
        Some(Judgement::Outstanding)
    } else if l.starts_with("inadequate") {
        Some(Judgement::Inadequate)
    } else if l.starts_with("requires improvement")
        || l.starts_with("require improvement")
        || l.starts_with("improvement")
        || l.starts_with("requiring improvement")
    {
        Some(Judgement::RequiresImprovement)
    } else if l.starts_with("good") {
        Some(Judgement::Good)
    } else {
        None
    }
}

/// The overall judgement and sub-judgements of a document of `kind`.
pub fn judgements(text: &str, kind: Kind, title: &str) -> (Option<Judgement>, SubJudgements) {
    match kind {
        Kind::FocusedVisit | Kind::MonitoringVisit | Kind::AreaSend => {
            (None, SubJudgements::default())
        }
        Kind::Article => (
            super::article_grade::reported(text, title, None),
            SubJudgements::default(),
        ),
        Kind::Ilacs | Kind::Sif | Kind::Other => report(text, kind),
    }
}

/// Split a table's text into its grades (in order) and its label text. Copes with
/// grades laid out in a column beside labels wrapped over two lines, and with
/// "requires" and "improvement" on either side of a label.
fn table_cells(region: &str) -> (Vec<(usize, Option<Judgement>)>, String) {
    const TAIL: [&str; 3] = ["to", "be", "good"];
    let words: Vec<String> = region
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    let raw: Vec<&str> = region.split_whitespace().collect();
    let w = |k: usize| words.get(k).map(String::as_str).unwrap_or("");
    let mut grades: Vec<(usize, Option<Judgement>)> = Vec::new();
    let mut labels = String::new();
    // "requires" seen, waiting for its "improvement" below the label.
    let mut pending_requires: Option<usize> = None;
    // After "Requires improvement": how much of "to be good" has been read (the tail
    // may be wrapped around the label).
    let mut tail: Option<usize> = None;
    let mut i = 0;
    while i < words.len() {
        let pos = labels.len();
        if let Some(t) = tail
            && w(i) == TAIL[t]
        {
            tail = (t + 1 < TAIL.len()).then_some(t + 1);
            i += 1;
            continue;
        }
        match w(i) {
            "outstanding" => grades.push((pos, Some(Judgement::Outstanding))),
            "inadequate" => grades.push((pos, Some(Judgement::Inadequate))),
            // A row the inspection did not grade.
            "not" if matches!(w(i + 1), "judged" | "graded" | "applicable" | "assessed") => {
                grades.push((pos, None));
                i += 1;
            }
            // A stray tail of "Requires improvement to be good".
            "to" if w(i + 1) == "be" && w(i + 2) == "good" => i += 2,
            "good" => grades.push((pos, Some(Judgement::Good))),
            "requires" | "require" | "requiring" if w(i + 1) == "improvement" => {
                grades.push((pos, Some(Judgement::RequiresImprovement)));
                tail = Some(0);
                i += 1;
            }
            "requires" | "require" => pending_requires = Some(grades.len()),
            "improvement" if pending_requires.is_some() => {
                let at = pending_requires.take().unwrap_or(grades.len());
                grades.insert(
                    at.min(grades.len()),
                    (pos, Some(Judgement::RequiresImprovement)),
                );
                tail = Some(0);
            }
            _ => {
                labels.push_str(raw[i]);
                labels.push(' ');
            }
        }
        i += 1;
    }
    (grades, labels)
}

fn rows_in(labels: &str) -> Vec<Row> {
    ROW.captures_iter(labels)
        .map(|c| {
            if c.name("lead").is_some() {
                Row::Leadership
            } else if c.name("help").is_some() {
                Row::Help
            } else if c.name("incare").is_some() {
                Row::InCare
            } else if c.name("leavers").is_some() {
                Row::CareLeavers
            } else if c.name("adoption").is_some() {
                Row::Adoption
            } else {
                Row::Overall
            }
        })
        .fold(Vec::new(), |mut v, r| {
            if !v.contains(&r) {
                v.push(r);
            }
            v
        })
}

fn set(sub: &mut SubJudgements, overall: &mut Option<Judgement>, row: Row, g: Judgement) {
    let slot = match row {
        Row::Leadership => &mut sub.leadership,
        Row::Help => &mut sub.help_and_protection,
        Row::InCare => &mut sub.children_in_care,
        Row::CareLeavers => &mut sub.care_leavers,
        Row::Adoption => &mut sub.adoption,
        Row::Overall => overall,
    };
    if slot.is_none() {
        *slot = Some(g);
    }
}

/// Whether a line is the start of a grade cell wrapped above its label: "Requires
/// improvement to", "requires".
fn grade_fragment(line: &str) -> bool {
    let l = line.trim().to_ascii_lowercase();
    (l.starts_with("requires") || l.starts_with("require ") || l == "require")
        && l.split_whitespace().count() <= 4
}

/// The judgement table near the top of a full inspection report. Each row is one
/// paragraph of the text (a label, possibly wrapped around its grade); a row whose
/// grade landed in another paragraph is paired in order.
fn table(text: &str) -> Option<(Option<Judgement>, SubJudgements)> {
    let top = head(text, 8000);
    let start_m = TABLE_START.find(top)?;
    let mut start = top[..start_m.start()].rfind('\n').map_or(0, |i| i + 1);
    // A grade cell wrapped onto the line above the first label.
    if start > 0 {
        let prev_start = top[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if grade_fragment(&top[prev_start..start - 1]) {
            start = prev_start;
        }
    }
    let body = &top[start..floor_boundary(top, start + 3000)];
    let mut sub = SubJudgements::default();
    let mut overall = None;
    let mut pending_rows: Vec<Row> = Vec::new();
    let mut pending_grades: Vec<Option<Judgement>> = Vec::new();
    let mut started = false;
    for para in body.split("\n\n") {
        let (grades, labels) = table_cells(para);
        let rows = rows_in(&labels);
        // Prose: the table has ended (or not begun).
        if para.split_whitespace().count() > 30 + 25 * rows.len() {
            if started {
                break;
            }
            continue;
        }
        if rows.is_empty() {
            if started && (grades.is_empty() || pending_rows.is_empty()) {
                break;
            }
            if !started {
                continue;
            }
        }
        started = true;
        let grades: Vec<Option<Judgement>> = grades.into_iter().map(|(_, g)| g).collect();
        if pending_rows.is_empty() && pending_grades.is_empty() && rows.len() == grades.len() {
            for (row, g) in rows.iter().zip(grades) {
                if let Some(g) = g {
                    set(&mut sub, &mut overall, *row, g);
                }
            }
        } else {
            pending_rows.extend(rows.iter().copied());
            pending_grades.extend(grades);
            let n = pending_rows.len().min(pending_grades.len());
            for (row, g) in pending_rows.drain(..n).zip(pending_grades.drain(..n)) {
                if let Some(g) = g {
                    set(&mut sub, &mut overall, row, g);
                }
            }
        }
        if rows.contains(&Row::Overall) && pending_rows.is_empty() {
            break;
        }
    }
    (started && (overall.is_some() || sub != SubJudgements::default())).then_some((overall, sub))
}

/// Headings in the body that state a grade: "The experiences and progress of
/// children who need help and protection: requires improvement to be good".
fn body_headings(text: &str, sub: &mut SubJudgements, overall: &mut Option<Judgement>) {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::regex(
            r"(?i)(?:the\s+)?(?:experiences\s+and\s+progress\s+of\s+(?P<who>children\s+who\s+need\s+help\s+and\s+protection|children\s+in\s+care\s+and\s+care\s+leavers|children\s+in\s+care|care\s+leavers|children\s+looked\s+after\s+and\s+achieving\s+permanence)|(?P<lead>impact\s+of\s+leaders\s+on\s+social\s+work\s+practice\s+with\s+children\s+and\s+families)|(?P<lmg>leadership,?\s+management\s+and\s+governance)|graded\s+judg(?:e)?ment\s+for\s+(?P<adopt>adoption\s+performance)|(?P<overall>overall\s+effectiveness))\s*(?::|is|are|requires?)?\s+(?P<g>outstanding|good|inadequate|requires?\s+improvement|improvement)",
        )
        .expect("heading regex")
    });
    for c in HEADING.captures_iter(text) {
        let Some(g) = c.name("g").and_then(|g| grade(g.as_str())) else {
            continue;
        };
        let row = if let Some(w) = c.name("who") {
            let w = w.as_str().to_ascii_lowercase();
            if w.contains("help") {
                Row::Help
            } else if w.starts_with("care leavers") {
                Row::CareLeavers
            } else {
                Row::InCare
            }
        } else if c.name("lead").is_some() || c.name("lmg").is_some() {
            Row::Leadership
        } else if c.name("adopt").is_some() {
            Row::Adoption
        } else {
            Row::Overall
        };
        set(sub, overall, row, g);
    }
}

fn report(text: &str, kind: Kind) -> (Option<Judgement>, SubJudgements) {
    let (mut overall, mut sub) = table(text).unwrap_or_default();
    let top = head(text, 6000);
    if overall.is_none()
        && let Some(c) = SIF_OVERALL.captures(top)
    {
        overall = c
            .name("g")
            .or_else(|| c.name("g2"))
            .and_then(|g| grade(g.as_str()));
    }
    // Without a readable table, the graded section headings of the body.
    let core_missing = sub.leadership.is_none()
        || sub.help_and_protection.is_none()
        || sub.children_in_care.is_none();
    if (kind == Kind::Ilacs || kind == Kind::Sif) && (overall.is_none() || core_missing) {
        body_headings(head(text, 60_000), &mut sub, &mut overall);
    }
    if kind == Kind::Sif && sub.lscb.is_none() {
        sub.lscb = lscb(text);
    }
    (overall, sub)
}

/// The LSCB review's judgement ("The Local Safeguarding Children Board is good"),
/// read from the lines that name the board.
fn lscb(text: &str) -> Option<Judgement> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if !(line.contains("oard") || line.contains("LSCB")) {
            continue;
        }
        // The statement may wrap onto the next line.
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if let Some(c) = LSCB.captures(&text[start..end]) {
            return c.name("g").and_then(|g| grade(g.as_str()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ilacs_table_with_wrapped_labels() {
        let t = "Inspection of children's social care services\nInspection dates: 18 February to 1 March 2019\n\n\
                 Judgement Grade\n\nThe impact of leaders on social work practice with children\nGood\nand families\n\n\
                 The experiences and progress of children who need help and\nRequires improvement\nprotection\n\n\
                 The experiences and progress of children in care and care\nInadequate\nleavers\n\n\
                 Overall effectiveness Requires improvement\n\nServices for children are good.";
        let (o, s) = judgements(t, Kind::Ilacs, "");
        assert_eq!(o, Some(Judgement::RequiresImprovement));
        assert_eq!(s.leadership, Some(Judgement::Good));
        assert_eq!(s.help_and_protection, Some(Judgement::RequiresImprovement));
        assert_eq!(s.children_in_care, Some(Judgement::Inadequate));
        assert_eq!(s.care_leavers, None);
    }

    #[test]
    fn ilacs_2023_table_inline_grades() {
        let t = "Inspection of Peterborough local\nauthority children's services\n\nJudgement Grade\n\n\
                 The impact of leaders on social work Requires improvement to be good\npractice with children and families\n\n\
                 The experiences and progress of Requires improvement to be good\nchildren who need help and protection\n\n\
                 The experiences and progress of Inadequate\nchildren in care\n\n\
                 The experiences and progress of care Good\nleavers\n\n\
                 Overall effectiveness Inadequate\n\nText.";
        let (o, s) = judgements(t, Kind::Ilacs, "");
        assert_eq!(o, Some(Judgement::Inadequate));
        assert_eq!(s.leadership, Some(Judgement::RequiresImprovement));
        assert_eq!(s.help_and_protection, Some(Judgement::RequiresImprovement));
        assert_eq!(s.children_in_care, Some(Judgement::Inadequate));
        assert_eq!(s.care_leavers, Some(Judgement::Good));
    }

    #[test]
    fn sif_split_grades_and_lscb() {
        let t = "London Borough of X\nInspection of services for children in need of help and\nprotection\n\
                 and\nReview of the effectiveness of the local safeguarding children board\n\
                 Inspection date: 29 April - 22 May 2014\nReport published: 7 July 2014\n\n\
                 The overall judgement is requires improvement\nThere are no failures.\n\
                 requires\n1. Children who need help and protection\nimprovement\n\n\
                 requires\n2. Children looked after and achieving permanence\nimprovement\n\
                 good\n2.1 Adoption performance\n\n\
                 requires\n2.2 Experiences and progress of care leavers\nimprovement\n\
                 inadequate\n3. Leadership, management and governance\n\n\
                 Body.\n\nThe effectiveness of the LSCB requires improvement\n";
        let (o, s) = judgements(t, Kind::Sif, "");
        assert_eq!(o, Some(Judgement::RequiresImprovement));
        assert_eq!(s.help_and_protection, Some(Judgement::RequiresImprovement));
        assert_eq!(s.children_in_care, Some(Judgement::RequiresImprovement));
        assert_eq!(s.adoption, Some(Judgement::Good));
        assert_eq!(s.care_leavers, Some(Judgement::RequiresImprovement));
        assert_eq!(s.leadership, Some(Judgement::Inadequate));
        assert_eq!(s.lscb, Some(Judgement::RequiresImprovement));
    }

    #[test]
    fn sif_inline_table_and_summary() {
        let t = "Reading Borough Council\nInspection of services for children in need of help and protection\n\
                 Report published: 5 August 2016\n\nChildren's services in Reading are inadequate\n\
                 1. Children who need help and protection Inadequate\n\n2. Children looked after and achieving\nInadequate\npermanence\n\n\
                 2.1 Adoption performance Requires improvement\n\n2.2 Experiences and progress of care leavers Requires improvement\n\n\
                 3. Leadership, management and governance Inadequate\n\n1\nOfsted produces this report.";
        let (o, s) = judgements(t, Kind::Sif, "");
        assert_eq!(o, Some(Judgement::Inadequate));
        assert_eq!(s.help_and_protection, Some(Judgement::Inadequate));
        assert_eq!(s.children_in_care, Some(Judgement::Inadequate));
        assert_eq!(s.adoption, Some(Judgement::RequiresImprovement));
        assert_eq!(s.care_leavers, Some(Judgement::RequiresImprovement));
        assert_eq!(s.leadership, Some(Judgement::Inadequate));
    }

    #[test]
    fn ungraded_kinds() {
        let t = "Monitoring visit to X\n\nThe local authority was judged inadequate in March 2015.";
        assert_eq!(judgements(t, Kind::MonitoringVisit, "").0, None);
        assert_eq!(judgements(t, Kind::FocusedVisit, "").0, None);
        assert_eq!(
            judgements("Overall effectiveness Good", Kind::AreaSend, "").0,
            None
        );
    }

    #[test]
    fn article_grades() {
        let a = |t: &str, title: &str| judgements(t, Kind::Article, title).0;
        assert_eq!(
            a(
                "Body. An unstinting focus has led to a council being rated good by Ofsted, three years after an inadequate rating.",
                "Council improves to 'good' thanks to managers' efforts"
            ),
            Some(Judgement::Good)
        );
        assert_eq!(
            a(
                "\"Serious and widespread failures\" have been identified at Wakefield children's services by Ofsted.\n\
               Judging Wakefield as 'inadequate', Ofsted said inspectors found cases.",
                "\"Serious and widespread failures\""
            ),
            Some(Judgement::Inadequate)
        );
        assert_eq!(
            a(
                "Wakefield Council should retain control, a commissioner has recommended, following Wakefield's 'inadequate' rating by Ofsted the previous month.",
                "Wakefield avoids intervention over children's services"
            ),
            Some(Judgement::Inadequate)
        );
        assert_eq!(
            a(
                "Wakefield Council is making \"steady progress\", Ofsted has concluded after their third monitoring visit.\n\n\
               During a routine inspection in June 2018, Ofsted judged the services to be inadequate.",
                "Ofsted reports \"steady progress\" by Wakefield"
            ),
            None
        );
        assert_eq!(
            a("Body.", "Sefton children's services rated 'good' by Ofsted"),
            Some(Judgement::Good)
        );
        assert_eq!(
            a(
                "Body.",
                "Ofsted: Telford and Wrekin children's services 'requires improvement to be good' after full inspection"
            ),
            Some(Judgement::RequiresImprovement)
        );
        assert_eq!(
            a(
                "Body.",
                "Leeds council are outstanding in children's services inspection"
            ),
            Some(Judgement::Outstanding)
        );
        assert_eq!(
            a("Body.", "Ofsted reports 'good progress' by Sunderland"),
            None
        );
        assert_eq!(
            a(
                "Council leaders in Kent set out plans to recruit foster carers.",
                "Kent sets out plan"
            ),
            None
        );
    }
}

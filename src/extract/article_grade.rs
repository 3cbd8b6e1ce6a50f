//! The grade a news article reports: the outcome of the inspection the article is
//! about. Articles also give the council's past grades ("rated inadequate for the
//! past eight years", "following the inadequate rating in 2018"), the grade it
//! moved from ("from 'inadequate' to 'requires improvement'"), grades it does not
//! have ("no longer rated inadequate", "not doing enough to warrant 'good'"), aims
//! ("the goal was an 'outstanding' rating"), grades of one part of the service
//! ("adoption was rated good") and grades of Ofsted's earlier scales ("adequate",
//! "performs poorly"). Each grade found in a rating phrase is read in its sentence
//! (what comes before it, the few words after it); the headline is read first,
//! then a press release's list of graded areas ("Overall effectiveness –
//! Requires improvement"), then the opening paragraphs. The first grade that is
//! the current outcome wins; when there is none, the article reports no grade.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use time::Date;

use super::text::{floor_boundary, head};
use super::values::Judgement;
use crate::ingest::word_list::phrases;

const G: &str = r"(?P<g>outstanding|good|inadequate|(?:requires?|required)\s+improvements?(?:\s+to\s+be\s+good)?|requiring\s+improvements?)";
const Q: &str = r#"['"‘’“”]?"#;

/// Phrases by which an article states a grade. Each has the grade as `g`.
static RATING: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let q = Q;
    let any_grade = r"(?:outstanding|good|inadequate|(?:requires?|required)\s+improvement(?:\s+to\s+be\s+good)?)";
    // Words that may follow a grade stated of its subject ("services are
    // inadequate, ...", "... 'requires improvement' despite ...").
    let end = r"(?:by|after|following|in|for|ofsted|says|say|said|according|overall|across|despite|with|since|but|while|although|though|and)\b";
    let alts = [
        // "rated good", "rated children's services inadequate", "judged to be good"
        format!(
            r"\b(?:rated|rates|rating|graded|grades|judged|judges|judging|deemed|assessed|ranked|branded|labelled|found\s+to\s+be)\s+(?:[\w'’&-]+\s+){{0,5}}?(?:as\s+|to\s+be\s+)?(?:an?\s+)?{q}{G}"
        ),
        // A long object needs its "as": "rating a range of services for children
        // and young people as 'inadequate'".
        format!(
            r"\b(?:rated|rates|rating|graded|grades|judged|judges|judging|assessed|ranked|branded|labelled)\s+(?:[\w'’&-]+\s+){{6,12}}?(?:as|to\s+be)\s+(?:an?\s+)?{q}{G}"
        ),
        // "described the council's children's services as 'requiring improvement'"
        format!(
            r"\b(?:described|describes|describing)\s+(?:[\w'’&-]+\s+){{0,8}}?as\s+(?:an?\s+)?{q}{G}"
        ),
        // "a rating of 'good'", "the lowest rank of 'inadequate'"
        format!(
            r"\b(?:rating|judgement|judgment|grade|grading|verdict|rank|ranking|category|classification|mark)\s+(?:of|as)\s+{q}{G}"
        ),
        // "'Good' rating", "'good' Ofsted rating", "an 'inadequate' judgement"
        format!(
            r"{q}\b{G}{q}\s+(?:overall\s+)?(?:ofsted\s+)?(?:rating|grade|grading|judgement|judgment|verdict|ranking|mark|by\s+ofsted|after|following|from\s+ofsted|in\s+(?:an?\s+|its\s+|the\s+)?(?:latest\s+|new\s+|recent\s+)?(?:ofsted|inspection|full))"
        ),
        // A quoted grade given to the services: "'Good' for children's services in X".
        format!(
            r#"['"‘’“”]{G}['"‘’“”]\s+for\s+(?:[\w'’&-]+\s+){{0,3}}?(?:services|service|council|authority)\b"#
        ),
        // A quoted grade naming the report: "a damning, 'inadequate' report".
        format!(r#"['"‘’“”]{G}['"‘’“”]\s+(?:ofsted\s+|inspection\s+)?report\b"#),
        // "improved to 'good'", "upgraded to a 'good' rating", "moved up to good"
        format!(
            r"\b(?:improves?|improved|improving|upgraded|moves?|moved|moving|risen|rises|rose|raised|lifted|lifting|jumps?|jumped|leaps?|leapt|climbed|downgraded|falls?|fallen|fell|dropped|slips?|slipped|goes|gone|went)\s+(?:up\s+|down\s+|back\s+)?(?:[\w'’]+\s+){{0,4}}?to\s+(?:an?\s+|the\s+)?{q}{G}"
        ),
        // "from 'inadequate' to 'good'", "from requires improvement in 2019 to outstanding"
        format!(
            r"\bfrom\s+(?:an?\s+|its\s+|the\s+)?(?:(?:rating|judgement|judgment|grade)\s+of\s+)?{q}{any_grade}{q}[^.\n]{{0,60}}?\bto\s+(?:an?\s+|the\s+)?{q}{G}"
        ),
        // "still 'requires improvement'", "now outstanding"
        format!(
            r"\b(?:still|now)\s+(?:rated\s+|judged\s+)?{q}{G}{q}(?:\s*[,.:;\-–—]|\s*$|\s+{end})"
        ),
        // "services are inadequate", "children's services 'require improvement' - Ofsted"
        // "the service 'requires improvement to be good' despite ...", "found that
        // it 'requires improvement'"
        format!(
            r"(?:\b(?:services|service|council|authority|department|trust|borough)|\bthat\s+(?:it|they))\s+(?:(?:are|is|were|was|remain|remains|have\s+been|has\s+been|now)\s+(?:now\s+|still\s+|rated\s+|judged\s+|found\s+to\s+be\s+)?)?{q}{G}{q}(?:\s*[,.:;\-–—]|\s*$|\s+{end})"
        ),
        // "Children's services in Somerset require improvement"
        format!(
            r"\bservices\s+(?:in|at|across)\s+(?:[\w'’&-]+\s+){{1,4}}?(?:(?:are|is|were|was|remain|remains|now)\s+(?:now\s+|still\s+|rated\s+|judged\s+)?)?{q}{G}{q}(?:\s*[,.:;\-–—]|\s*$|\s+{end})"
        ),
        // "Overall effectiveness – Requires improvement", "overall effectiveness was judged good"
        format!(
            r"(?m)\boverall\s+(?:effectiveness|judgement|judgment|rating|grade|assessment|verdict|outcome|classification|category)\s*(?:[-–—:|]\s*|(?:is|was|are|were|as|of|remains)\s+)?(?:judged\s+(?:to\s+be\s+|as\s+)?|rated\s+(?:as\s+)?)?(?:an?\s+)?{q}{G}"
        ),
        // "judged to be 'good' overall"
        format!(r"{q}\b{G}{q}[ \t]+overall\b"),
        // A list of the aspects given a grade that names the overall one: "areas
        // requiring improvement were ... and, last, overall effectiveness"
        format!(
            r"\b(?:areas?|aspects?|elements?|judgements?|judgments?)\s+(?:(?:that\s+)?(?:were|are|was|is)\s+)?(?:judged\s+(?:to\s+be\s+|as\s+)?|rated\s+(?:as\s+)?|found\s+to\s+be\s+)?{q}{G}{q}\s+(?:included|include|includes|were|are)\b[^.\n]{{0,240}}?\boverall\s+effectiveness\b"
        ),
    ];
    alts.iter()
        .map(|p| crate::rules::regex(&format!("(?i){p}")).expect("article grade regex"))
        .collect()
});

/// Grade words, the anchors of the phrases (case variants keep the fast prefilter).
static GRADE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = ["outstanding", "good", "inadequate", "improvement"];
    let mut pats = Vec::new();
    for w in words {
        pats.push(w.to_string());
        pats.push(format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]));
        pats.push(w.to_ascii_uppercase());
    }
    AhoCorasick::new(pats).expect("grade words")
});

fn word_regex(src: &'static str) -> Regex {
    let words: Vec<String> = phrases(src)
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect();
    crate::rules::regex(&format!(r"(?i)\b(?:{})\b", words.join("|"))).expect("word list regex")
}

/// Aims and conditions (`data/article_grade_aims.txt`).
static AIM: LazyLock<Regex> =
    LazyLock::new(|| word_regex(include_str!("../../data/article_grade_aims.txt")));

/// Separately graded parts of the service (`data/article_grade_areas.txt`).
static AREA: LazyLock<Regex> =
    LazyLock::new(|| word_regex(include_str!("../../data/article_grade_areas.txt")));

/// Ofsted's earlier scales (`data/article_old_scale.txt`).
static OLD_SCALE: LazyLock<Regex> = LazyLock::new(|| {
    let res: Vec<&str> = phrases(include_str!("../../data/article_old_scale.txt")).collect();
    crate::rules::regex(&format!("(?i){}", res.join("|"))).expect("old scale regex")
});

/// Right before the grade: the grade a change started from.
static FROM: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(
        r"(?i)\bfrom\s+(?:an?\s+|its\s+|the\s+|being\s+)?(?:(?:rated|judged|graded)\s+(?:as\s+)?)?(?:(?:previous|former|earlier|old)\s+)?(?:(?:rating|judgement|grade)\s+of\s+)?{Q}$"
    ))
    .expect("from regex")
});

/// Shortly before the grade: a negation ("no longer", "not", "out of").
static NOT: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r#"(?i)\b(?:no\s+longer|not|never|nor|isn't|aren't|wasn't|weren't|out\s+of|below|short\s+of|rather\s+than|instead\s+of|fail(?:s|ed|ing)?\s+to|than|escaped?|avoid(?:s|ed)?|lost|losing|lose|removed|shed|shaken\s+off|emerged\s+from)\b(?:\s+\S+){0,6}?\s*['"‘’“”]?$"#,
    )
    .expect("not regex")
});

/// Before the grade: a change from another grade, to this one.
static TO_AFTER_FROM: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(
        r"(?i)\bfrom\s+[^.]{{0,80}}?\bto\s+(?:an?\s+|the\s+)?{Q}$"
    ))
    .expect("to regex")
});

/// After the grade: the grade it moved from ("to 'good' from requires improvement").
static FROM_GRADE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(
        r"(?i)\b(?:up\s+)?from\s+(?:an?\s+|its\s+|the\s+)?(?:previous\s+)?{Q}(?:outstanding|good|inadequate|requir)"
    ))
    .expect("from grade regex")
});

/// Right after the grade: it was taken away ("the 'inadequate' judgement being
/// lifted", "our 'inadequate' rating removed").
static NOT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r#"(?i)^['"‘’“”]?\s+(?:(?:ofsted\s+)?(?:rating|judgement|judgment|grade|label|status)\s+)?(?:being\s+|was\s+|has\s+been\s+|had\s+been\s+|is\s+|to\s+be\s+)?(?:lifted|removed|overturned|scrapped|dropped)\b"#,
    )
    .expect("not after regex")
});

/// In the sentence before the grade: a grade given in the past.
static PAST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)\b(?:previous|previously|prior|last\s+(?:full\s+|ofsted\s+|time|inspect\w*|rated|judged|visit\w*|assessed)|when\s+(?:it\s+was\s+)?last|historically|had\s+been|had\s+received|used\s+to|formerly|once\s+(?:rated|judged)|at\s+the\s+time|ago|since|in\s+the\s+past|earlier\s+inspection|then\s+rated|for\s+(?:the\s+)?(?:past|last)\s+\w+\s+years|for\s+(?:a\s+decade|years)|after\s+(?:\w+\s+)?years\s+of)\b",
    )
    .expect("past regex")
});

/// Right after the grade: when it was given, if in the past.
static PAST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^[^.;!?]{0,30}?\b(?:ago|previously|before|last\s+year|in\s+the\s+past|for\s+(?:the\s+)?(?:past|last)\b|for\s+(?:\d+|a|two|three|four|five|six|seven|eight|nine|ten|many|several)\s+(?:years|decade))|^[^.;!?,]{0,90}?\bin\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:of\s+)?last\s+year\b",
    )
    .expect("past after regex")
});

/// Right before the grade: the present ("now rated", "has been rated").
static NOW: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\b(?:now|today|has\s+been|have\s+been|has|have|is|are|latest|newly|new)\b[^,;]{0,30}$")
        .expect("now regex")
});

/// A year stated with the grade ("in 2018", "since 2015", "in March 2019"), or
/// naming the inspection ("the 2015 report", "its 2019 inspection"). The year is
/// group 1 or group 2: see [`year_of`].
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\b(?:(?:in|since|during|from|of|after|before|until)\s+(?:[a-z]+\s+)?((?:19|20)\d\d)\b|(?:the|its|their|an?)\s+((?:19|20)\d\d)\s+(?:ofsted\s+)?['‘’]?(?:report|inspection|rating|judgement|judgment|verdict|grade|visit|inadequate|good|outstanding|requires)\b)")
        .expect("year regex")
});

/// The year of a [`YEAR`] match.
fn year_of<'a>(c: &regex::Captures<'a>) -> Option<&'a str> {
    c.get(1).or_else(|| c.get(2)).map(|m| m.as_str())
}

/// A turn in the sentence ("rated inadequate in 2022, but the latest report
/// gave it ..."): what comes before it does not date the grade after it.
static CONTRAST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)\b(?:but|however|whereas|yet)\b").expect("contrast regex")
});

/// Before an old-scale word: it is compared with or set in the past ("compared
/// with an 'adequate' judgment five years previously"), so it is not the scale of
/// the grade read.
static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(
        r"(?i)\b(?:compared\s+(?:with|to)|up\s+from|from|than|previous(?:ly)?|last)\s+(?:an?\s+|the\s+|its\s+)?{Q}$"
    ))
    .expect("compared regex")
});

/// Whole sentences that mark a story about an ungraded visit.
static VISIT_STORY: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(r"(?i){VISIT_NAMES}|\bprogress\b")).expect("visit regex")
});

/// The visits named in a story about an ungraded visit (its weak cue is "progress").
const VISIT_NAMES: &str = r"monitoring\s+visit|focused\s+visit";

/// The strong cues of a visit story: a visit named.
static VISIT_NAMED: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::regex(&format!("(?i){VISIT_NAMES}")).expect("visit regex"));

static FULL_INSPECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(r"(?i)full\s+inspection|\binspection\s+report\b|\b(?:two|three|four|\d)[-\s]weeks?\s+inspection|\brated\b|\bjudged\b|\bgraded\b|rating|overall\s+(?:judgement|judgment|effectiveness|grade)")
        .expect("full regex")
});

/// The words of Ofsted's graded areas, which contain "progress" without being a
/// progress story ("the experiences and progress of children").
static PROGRESS_OF: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)experiences?\s+and\s+progress|\b(?:despite|in\s+spite\s+of)\s+(?:(?:the|some|its|recent|clear)\s+)*progress|\bprogress\s+(?:over|in|during|across)\s+(?:the\s+)?(?:past|last|previous)\s+(?:\w+\s+)?(?:years?|months)\b",
    )
    .expect("progress regex")
});

/// Settings Ofsted grades one by one (schools, children's homes, centres;
/// `data/article_grade_settings.txt`): a grade given to them is not the council's.
static SETTING: LazyLock<Regex> =
    LazyLock::new(|| word_regex(include_str!("../../data/article_grade_settings.txt")));

/// A counted share of services or settings ("most of its settings were judged",
/// "two of its centres were rated"): the grade of some of them, not the whole.
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r#"(?i)\b(?:too\s+many|many|some|several|most|few|none|a\s+(?:third|quarter|half|number|minority|majority)|half|one|two|three|four|five|six|seven|eight|nine|ten|\d+)['"‘’“”]?\s+(?:of\s+(?:the|its|their)\s+)?(?:[\w'’-]+\s+){0,2}?(?:services|settings|providers)\b"#,
    )
    .expect("counted regex")
});

/// The full title of Ofsted's inspection of a council's services (2013-2018):
/// its list of areas names the whole inspection, not one part.
static WHOLE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)help\s+and\s+protection,?\s+(?:children\s+looked\s+after|looked\s+after\s+children)(?:\s+and\s+achieving\s+permanence)?,?\s+and\s+care\s+leavers",
    )
    .expect("whole title regex")
});

/// Before "since YEAR": the grade has held since then ("still inadequate, as it
/// has been since 2019"), so it is still the current one.
static HELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)\b(?:remain|remains|remained|still|unchanged|again|stays|stayed|continues\s+to\s+be)\b",
    )
    .expect("held regex")
});

/// Before the grade: improvement made after it ("improvements to its services
/// following a 'requires improvement' rating"), so the grade is where it started.
static IMPROVED_SINCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(&format!(
        r"(?i)\b(?:improvements|progress)\b[^.,;]{{0,80}}?\b(?:following|after|since)\s+(?:an?\s+|its\s+|the\s+|their\s+|being\s+)?(?:(?:rated|judged|graded)\s+(?:as\s+)?)?(?:previous\s+|earlier\s+|last\s+)?{Q}$"
    ))
    .expect("improved since regex")
});

/// After the grade, in its sentence: the overall grade set against it ("good,
/// but overall ..."), so the grade is one part's.
static BUT_OVERALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^[^.;]{0,40}?\b(?:but|while|whereas|although|though|however|yet)\s+(?:[\w'’]+\s+){0,3}?overall\b",
    )
    .expect("but overall regex")
});

/// Whether byte `i` of `b` ends a clause: a semicolon, or a comma that is not
/// a number's ("13,500").
fn clause_mark(b: &[u8], i: usize) -> bool {
    b[i] == b';'
        || (b[i] == b','
            && !(i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
}

/// The start of the clause that ends `s`: after its last comma or semicolon.
fn clause_start(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .rev()
        .find(|&i| clause_mark(b, i))
        .map_or(0, |i| i + 1)
}

/// The end of the clause that `s` starts: its first comma or semicolon, or the end.
fn clause_end(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len()).find(|&i| clause_mark(b, i)).unwrap_or(s.len())
}

/// Whether the grade at the end of `before` (the sentence up to it) or at the
/// start of `after` is given to settings or a counted share of services: in the
/// clause before it ("none of the children's homes were judged"), in the noun a
/// relative clause hangs on ("its special schools, which are now"), or right
/// after it ("'outstanding' schools").
fn of_settings(before: &str, after: &str) -> bool {
    let cs = clause_start(before);
    let clause = &before[cs..];
    // The settings must be the subject: not followed by the council ("children
    // live in stable homes and the council was rated good").
    static COUNCIL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::regex(
            r"(?i)\b(?:council|authority|services|service|department|borough|trust|it|they)\b",
        )
        .expect("council regex")
    });
    let subject = |zone: &str| {
        SETTING
            .find_iter(zone)
            .last()
            .is_some_and(|m| !COUNCIL_AFTER.is_match(&zone[m.end()..]))
    };
    if subject(clause) || COUNTED.is_match(clause) {
        return true;
    }
    static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::regex(r"(?i)^\s*(?:which|who|that)\b").expect("relative regex")
    });
    if cs > 0 && RELATIVE.is_match(clause) {
        let head = &before[..cs - 1];
        let antecedent = &head[floor_boundary(head, head.len().saturating_sub(50))..];
        let antecedent = &antecedent[clause_start(antecedent)..];
        if subject(antecedent) {
            return true;
        }
    }
    let next = after.trim_start_matches(['\'', '"', '’', '”', ' ']);
    let next = &next[..floor_boundary(next, 30)];
    SETTING.find(next).is_some_and(|m| m.start() == 0)
}

fn grade(s: &str) -> Option<Judgement> {
    let l: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    if l.starts_with("outstanding") {
        Some(Judgement::Outstanding)
    } else if l.starts_with("inadequate") {
        Some(Judgement::Inadequate)
    } else if l.starts_with("require") || l.starts_with("requiring") {
        Some(Judgement::RequiresImprovement)
    } else if l.starts_with("good") {
        Some(Judgement::Good)
    } else {
        None
    }
}

/// How a grade found in an article reads in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// The outcome of the inspection the article is about.
    Current,
    /// Past, a starting point, negated, an aim, one part of the service, or another scale.
    Other,
}

/// Sentence bounds around byte `at`.
fn sentence(s: &str, at: usize, end: usize) -> (usize, usize) {
    let is_stop = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let start = s[..at].rfind(is_stop).map_or(0, |i| i + 1);
    let stop = s[end..].find(is_stop).map_or(s.len(), |i| end + i);
    (start, stop)
}

fn read(s: &str, g0: usize, g1: usize, ref_year: Option<i32>) -> Reading {
    let (s0, s1) = sentence(s, g0, g1);
    let before = &s[s0..g0];
    let after = &s[g1..s1];
    let near = &before[floor_boundary(before, before.len().saturating_sub(48))..];
    // The clause the grade is in, for the checks that must not reach over a comma.
    let clause = &near[clause_start(near)..];
    if FROM.is_match(before) {
        return Reading::Other;
    }
    // The grade a change led to ("from 'inadequate' in 2015 to 'good'").
    if TO_AFTER_FROM.is_match(before) {
        return Reading::Current;
    }
    if NOT.is_match(clause) || NOT_AFTER.is_match(after) {
        return Reading::Other;
    }
    if IMPROVED_SINCE.is_match(before) {
        return Reading::Other;
    }
    let overall_before = before.to_ascii_lowercase().contains("overall");
    // "rated leadership good, but overall ...": the overall grade follows.
    if BUT_OVERALL.is_match(after) && !overall_before {
        return Reading::Other;
    }
    let aim_zone = &before[floor_boundary(before, before.len().saturating_sub(80))..];
    let aim_zone = aim_zone
        .rfind([',', ';'])
        .map_or(aim_zone, |i| &aim_zone[i + 1..]);
    if AIM.is_match(aim_zone) {
        return Reading::Other;
    }
    let sentence_text = &s[s0..s1];
    let lower = sentence_text.to_ascii_lowercase();
    // "overall" before the grade, right after it ("'good' overall"), or further
    // on unless another grade follows it ("outstanding for leaders, with overall
    // effectiveness rated good").
    let after_lower = after.to_ascii_lowercase();
    let overall_here = overall_before
        || after_lower
            .match_indices("overall")
            .any(|(i, _)| i < 24 || GRADE_WORDS.find(&after_lower[i..]).is_none());
    let whole = WHOLE_TITLE.is_match(sentence_text)
        || overall_here
        || lower.contains("all areas")
        || lower.contains("every area")
        || lower.contains("across the board")
        || lower.contains("every category")
        || lower.contains("all categories");
    let area_zone = &before[floor_boundary(before, before.len().saturating_sub(100))..];
    // After the grade: its clause ("grade for the care it gives the children it
    // looks after"), at least 40 bytes of it and at most 80.
    let after_clause = clause_end(after).max(40.min(after.len()));
    let after_zone = &after[..floor_boundary(after, after_clause.min(80))];
    if !whole && (AREA.is_match(area_zone) || AREA.is_match(after_zone)) {
        return Reading::Other;
    }
    if !whole && of_settings(before, after) {
        return Reading::Other;
    }
    // Another scale in the sentence, unless it is the grade compared with.
    let old_scale = OLD_SCALE.find_iter(sentence_text).any(|m| {
        let before_old = &sentence_text[..m.start()];
        let zone = &before_old[floor_boundary(before_old, before_old.len().saturating_sub(40))..];
        let after_old = &sentence_text[m.end()..];
        !(COMPARED.is_match(zone) || PAST_AFTER.is_match(after_old))
    });
    if old_scale {
        return Reading::Other;
    }
    if PAST_AFTER.is_match(after) {
        return Reading::Other;
    }
    // Without the article's date, a year stated with a grade dates an earlier one
    // (the inspection reported on is "last month", "in March").
    let past_year = |y: &str| {
        y.parse::<i32>()
            .ok()
            .is_some_and(|y| ref_year.is_none_or(|r| y < r))
    };
    // The year after the grade, in its clause (not the next one, after a ";").
    let after_near = &after[..floor_boundary(after, 60.min(after.len()))];
    let after_near = &after_near[..after_near.find(';').unwrap_or(after_near.len())];
    // "to 'good' from requires improvement in 2015": the year is the grade moved from.
    let after_near = &after_near[..FROM_GRADE
        .find(after_near)
        .map_or(after_near.len(), |m| m.start())];
    // "remain inadequate ... since 2020": held since then, so still current.
    let held = |c: &regex::Captures| {
        c.get(0)
            .is_some_and(|m| m.as_str().to_ascii_lowercase().starts_with("since"))
            && (HELD.is_match(clause)
                || HELD.is_match(&after_near[..c.get(0).map_or(0, |m| m.start())]))
    };
    if YEAR
        .captures_iter(after_near)
        .any(|c| year_of(&c).is_some_and(past_year) && !held(&c))
    {
        return Reading::Other;
    }
    let present = NOW.is_match(clause);
    // The past is read after the sentence's last turn ("..., but ...").
    let since_turn = &before[CONTRAST.find_iter(before).last().map_or(0, |m| m.end())..];
    if !present
        && (PAST.is_match(since_turn)
            || YEAR
                .captures_iter(since_turn)
                .any(|c| year_of(&c).is_some_and(past_year)))
    {
        return Reading::Other;
    }
    Reading::Current
}

/// The current grades of a region, in text order.
fn current_grades(s: &str, ref_year: Option<i32>) -> Option<Judgement> {
    for hit in GRADE_WORDS.find_iter(s) {
        let w0 = floor_boundary(s, hit.start().saturating_sub(160));
        let w1 = floor_boundary(s, (hit.end() + 300).min(s.len()));
        let window = &s[w0..w1];
        let at = hit.start() - w0;
        let found = RATING.iter().find_map(|re| {
            re.captures_iter(window).find_map(|c| {
                let g = c.name("g")?;
                (g.start() <= at && at < g.end()).then_some((g.start() + w0, g.end() + w0))
            })
        });
        let Some((g0, g1)) = found else { continue };
        // "good progress", "'good' practice" are not grades.
        let next = s[g1..]
            .trim_start_matches(['\'', '"', '’', '”', ' '])
            .to_ascii_lowercase();
        if ["progress", "practice", "news", "quality", "work", "example"]
            .iter()
            .any(|w| next.starts_with(w))
        {
            continue;
        }
        if read(s, g0, g1, ref_year) == Reading::Current
            && let Some(j) = grade(&s[g0..g1])
        {
            return Some(j);
        }
    }
    None
}

/// A headline's bare "<Council> requires improvement", "inspection finds X
/// 'requires improvement'": in a headline the verb is the grade (in a body, "areas
/// that require improvement" are not).
fn headline_verb(title: &str, ref_year: Option<i32>) -> Option<Judgement> {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::regex(&format!(
            r"(?i)\b{Q}(?P<g>(?:requires?|required)\s+improvements?(?:\s+to\s+be\s+good)?)"
        ))
        .expect("headline verb regex")
    });
    let c = VERB.captures(title)?;
    let g = c.name("g")?;
    (read(title, g.start(), g.end(), ref_year) == Reading::Current)
        .then(|| grade(g.as_str()))
        .flatten()
}

/// The grade a news article reports about the inspection it is about, if any.
/// `date` is the article's own date, if known.
pub fn reported(text: &str, title: &str, date: Option<Date>) -> Option<Judgement> {
    let body = head(text, 3000);
    let ref_year = date.map(|d| d.year());
    if let Some(j) = current_grades(title, ref_year).or_else(|| headline_verb(title, ref_year)) {
        return Some(j);
    }
    // A story about a monitoring or focused visit reports no grade of its own.
    let opening = head(body, 700);
    // A region with a visit cue and no sign of a graded inspection ("progress"
    // in Ofsted's own area names does not count); whether it has that sign.
    let read_cues = |s: &str| {
        let s = PROGRESS_OF.replace_all(s, "");
        (VISIT_STORY.is_match(&s), FULL_INSPECTION.is_match(&s))
    };
    let (title_cue, title_full) = read_cues(title);
    let (opening_cue, opening_full) = read_cues(opening);
    // "Progress" in a headline is a visit story unless the opening reports a
    // graded inspection; a monitoring or focused visit named in it always is.
    let title_visit = title_cue && !title_full && (!opening_full || VISIT_NAMED.is_match(title));
    if title_visit || (opening_cue && !opening_full) {
        return None;
    }
    current_grades(body, ref_year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn r(text: &str, title: &str) -> Option<Judgement> {
        reported(text, title, Some(date!(2019 - 06 - 01)))
    }

    use Judgement::*;

    #[test]
    fn headline_forms() {
        assert_eq!(
            r(
                "Body.",
                "'Good' Ofsted rating for town's children's services"
            ),
            Some(Good)
        );
        assert_eq!(
            r(
                "Body.",
                "Children's services 'require improvement' - Ofsted"
            ),
            Some(RequiresImprovement)
        );
        assert_eq!(
            r("Body.", "Council services 'require improvement to be good'"),
            Some(RequiresImprovement)
        );
        assert_eq!(
            r("Body.", "Ofsted reports 'good progress' by the council"),
            None
        );
    }

    #[test]
    fn forms_of_the_outcome_in_the_body() {
        assert_eq!(
            r(
                "Inspectors rated children's services inadequate last week.",
                "Report"
            ),
            Some(Inadequate)
        );
        assert_eq!(
            r(
                "The council was given the lowest rank of 'inadequate' by inspectors.",
                "Report"
            ),
            Some(Inadequate)
        );
        let release = "The council welcomed the report.\n\nThe judgements were:\n\
                       The impact of leaders – Good\nOverall effectiveness – Requires improvement\n";
        assert_eq!(
            r(release, "Council responds to inspection"),
            Some(RequiresImprovement)
        );
        assert_eq!(
            r(
                "Inspectors judged the council to be good overall; the experiences and progress of care leavers were outstanding.",
                "Council welcomes report"
            ),
            Some(Good)
        );
    }

    /// The first grade-like phrase used to win: history, transitions, negation and
    /// aims were read as the outcome.
    #[test]
    fn history_transitions_negation_and_aims_are_not_the_outcome() {
        let t = "Having been rated inadequate for the past six years, the service now requires improvement, inspectors said.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        let t = "Following the inadequate rating in 2016, the council invested heavily. Inspectors have now rated it good.";
        assert_eq!(r(t, "Report"), Some(Good));
        let t =
            "Its rating went from 'inadequate' to 'requires improvement' after the visit in May.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        let t = "The service is no longer rated inadequate, and is now judged as requiring improvement.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        let t = "Leaders said the goal was to have an 'outstanding' rating. Ofsted rated the council good.";
        assert_eq!(r(t, "Report"), Some(Good));
        let t = "Inspectors said more work was needed before they can give the council an overall 'good' rating. \
                 The council's services require improvement, the report said.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        let t = "Most councils are not doing enough to warrant 'good' ratings, the chief inspector said.";
        assert_eq!(r(t, "Report"), None);
    }

    #[test]
    fn parts_of_the_service_and_old_scales_are_not_the_outcome() {
        let t = "Adoption was singled out and rated as 'good'. Overall the council requires improvement, Ofsted said.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        let t = "Twelve councils were found to be performing poorly and 37 adequate; Ofsted rated the rest good.";
        assert_eq!(
            reported(t, "Annual ratings", Some(date!(2010 - 12 - 09))),
            None
        );
    }

    /// "Progress" in Ofsted's category names made articles look like ungraded visit stories.
    #[test]
    fn progress_in_category_names_is_not_a_visit_story() {
        let t = "The experiences and progress of children in care were judged outstanding, and the council \
                 has been rated outstanding overall.";
        assert_eq!(r(t, "Council praised by inspectors"), Some(Outstanding));
        let t = "The council is making steady progress, inspectors found on their third monitoring visit. \
                 In 2017 it was judged inadequate.";
        assert_eq!(r(t, "Steady progress at the council"), None);
    }

    /// A rating phrase with a long object ("rating the full set of its services
    /// for families as 'inadequate'") was missed: the object was too long for it.
    #[test]
    fn a_long_object_before_as_reports_the_grade() {
        let t = "The inspectorate has today published a report rating the wide set of services for \
                 families and their children as 'inadequate', after a visit in May.";
        assert_eq!(r(t, "Council responds"), Some(Inadequate));
    }

    /// "found ... but that it 'requires improvement'": a pronoun subject was not
    /// accepted.
    #[test]
    fn a_pronoun_subject_reports_the_grade() {
        let t = "Inspectors reported no widespread failings in the care service, but said that it \
                 \"requires improvement\".";
        assert_eq!(r(t, "Report welcomed"), Some(RequiresImprovement));
        let t = "Inspectors concluded that they \"require improvement\", the director said.";
        assert_eq!(r(t, "Report welcomed"), Some(RequiresImprovement));
    }

    /// A grade said to hold since a year ("remain 'inadequate', unchanged since
    /// 2019"): the year after "since" made it a past grade, though it still holds.
    #[test]
    fn a_grade_held_since_a_year_is_current() {
        let title =
            "County's care services remain 'inadequate', with the grade unchanged since 2019";
        assert_eq!(r("Body.", title), Some(Inadequate));
        // A grade given in a past year is still a past one.
        let t = "The council has been inadequate since 2016. Inspectors have now rated it good.";
        assert_eq!(r(t, "Report"), Some(Good));
    }

    /// A story saying the overall judgement still stands while it praises the
    /// progress made: the word "progress" made it an ungraded visit story.
    #[test]
    fn an_overall_judgement_is_not_a_visit_story() {
        let t = "The inspectorate has published its report. While the overall judgement remains \
                 inadequate, the report notes the progress made by leaders.";
        assert_eq!(r(t, "Message to staff"), Some(Inadequate));
    }

    /// The full title of the 2013-2018 inspection ("services for children in need of
    /// help and protection, children looked after and care leavers") named its
    /// areas, so the grade read as one part's; and "a damning, 'inadequate' report"
    /// was no rating phrase.
    #[test]
    fn the_inspection_title_is_the_whole_service() {
        let t = "The review of the council's 'services for children in need of help and protection, \
                 children looked after and care leavers' judged them 'inadequate' overall.";
        assert_eq!(r(t, "Report"), Some(Inadequate));
        let t = "The review of the council's 'services for children in need of help and protection, \
                 children looked after and care leavers' labelled them as 'inadequate'.";
        assert_eq!(r(t, "Report"), Some(Inadequate));
        let t = "Failures were found by inspectors in a stark, 'inadequate' report into the county's services.";
        assert_eq!(r(t, "Report"), Some(Inadequate));
        // One area by itself is still a part.
        let t = "Help and protection was rated 'inadequate'. Overall the council requires improvement, inspectors said.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
    }

    /// "disappointed at 'harsh' report despite progress" read as a visit story;
    /// "the service 'requires improvement to be good' despite ..." had a singular
    /// subject and "despite" after the grade; being "closer to" a better grade is
    /// an aim.
    #[test]
    fn despite_progress_the_singular_service_and_closer_to() {
        let t = "In all areas the inspector found that the service \"requires improvement to be good\" \
                 despite recent changes.";
        assert_eq!(
            r(t, "Council unhappy with report despite progress"),
            Some(RequiresImprovement)
        );
        let t = "The council's leader hopes it is now closer to earning a 'good' rating. \
                 The service requires improvement, the report said.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        // Progress itself still marks a visit story.
        assert_eq!(
            r(
                "Leaders were praised.",
                "Council makes progress, inspectors say"
            ),
            None
        );
    }

    /// A first "outstanding" for the care of the children a council looks after
    /// was taken for the overall grade: the area came after the 40-byte
    /// look-ahead, and "looks after" was not one of the area words.
    #[test]
    fn an_area_further_along_the_clause_is_one_part() {
        let t = "It also brings the city its first 'outstanding' grade for the way it looks after \
                 children in care. The services have been rated 'good' overall by inspectors.";
        assert_eq!(r(t, "Report"), Some(Good));
    }

    /// "says the service 'requires improvement to be good'; this is better than
    /// its verdict in 2015": the year check crossed the semicolon.
    #[test]
    fn a_year_after_a_semicolon_belongs_to_the_next_clause() {
        let t = "The report published today says the service 'requires improvement to be good'; \
                 this is better than its verdict in 2015, when it was 'inadequate'.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        // In the same clause the year still dates it.
        let t = "The service was 'inadequate' in 2015, inspectors recalled.";
        assert_eq!(r(t, "Report"), None);
    }

    /// A grade before a list of the aspects given it, which ends with overall
    /// effectiveness, was missed: the grade stood before the list.
    #[test]
    fn a_list_of_aspects_naming_overall_effectiveness() {
        let t = "Aspects requiring improvement included help for families, the work of leaders and, \
                 last of all, overall effectiveness. Care leavers were found to be 'good'.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
        let t = "The areas judged good were adoption and the experiences of care leavers.";
        assert_eq!(r(t, "Report"), None);
    }

    /// An inspection of many settings ("'too many' services were judged
    /// 'inadequate'", "none of the children's homes were judged 'good'") and an
    /// old-style assessment praising "special schools, which are now
    /// 'outstanding'" gave the council a grade.
    #[test]
    fn settings_and_counted_services_are_not_the_council() {
        let t = "The inspection found 'too many' services were judged 'inadequate' across the county. \
                 None of the children's homes visited were judged 'good', and two children's centres \
                 serving 12,000 families were judged inadequate.";
        assert_eq!(r(t, "County criticised by inspectors"), None);
        let t = "Inspectors praised the city's nine special schools, which are now 'outstanding', and \
                 its nurseries, which remain 'good'.";
        assert_eq!(r(t, "City praised in annual assessment"), None);
        let t = "Two of its 'good' schools closed. The council's children's services were rated inadequate.";
        assert_eq!(r(t, "Report"), Some(Inadequate));
        // Settings named before the council, which is the subject.
        let t =
            "More children now live in stable homes and the council was rated good by inspectors.";
        assert_eq!(r(t, "Report"), Some(Good));
        // A share of services graded, with the overall grade in the sentence.
        let t = "Most of its services were rated as 'requires improvement', and the council was given \
                 that rating overall.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
    }

    /// A headline about improvement "following" an earlier grade, and a body that
    /// gives that grade as "previously", read the old grade as the outcome.
    #[test]
    fn a_past_grade_before_a_focused_visit_is_not_the_outcome() {
        let t = "Inspectors found the borough had moved forward after it was judged as 'inadequate' previously.";
        assert_eq!(
            r(
                t,
                "Borough praised for improvements to its help for families following 'inadequate' rating"
            ),
            None
        );
    }

    /// "required improvement" (past tense of reported speech) was not a grade.
    #[test]
    fn a_grade_in_the_past_tense_of_reported_speech_is_the_outcome() {
        let t = "A new report said the borough's social care services \"required improvement to be good\", external.";
        assert_eq!(r(t, "County told to do better"), Some(RequiresImprovement));
    }

    /// A grade of some parts set against the overall one ("good, but overall ...")
    /// was read as the overall grade.
    #[test]
    fn a_sub_grade_before_but_overall_is_one_part() {
        let t = "Inspectors rated the work with care leavers as good, but overall the council required improvement.";
        assert_eq!(r(t, "Report"), Some(RequiresImprovement));
    }

    /// "an overall assessment of inadequate" was not read as a grade.
    #[test]
    fn an_overall_assessment_of_a_grade_is_the_outcome() {
        let t = "The inspectorate has given an overall assessment of outstanding to the city.";
        assert_eq!(r(t, "Our response"), Some(Outstanding));
    }

    /// "progress over the past four years" in a standfirst made a full inspection
    /// a visit story with no grade.
    #[test]
    fn progress_over_past_years_is_not_a_visit_story() {
        let t = "Two-week inspection praises the city, noting progress over the past four years.\nThe city's children's services have been rated 'outstanding'.";
        assert_eq!(
            r(
                t,
                "Inspection praises the city, noting progress over the past four years"
            ),
            Some(Outstanding)
        );
    }

    /// "with an overall classification of Requires Improvement" was not read, and
    /// the grade of care leavers' services earlier in the sentence was not either.
    #[test]
    fn an_overall_classification_reports_the_grade() {
        let t = "After a fortnight's inspection, the council was found to give 'good' support to care leavers, with an overall classification of Requires Improvement.";
        assert_eq!(
            r(t, "Steady gains for children's services"),
            Some(RequiresImprovement)
        );
    }

    /// "progress" in a press release about a new inspection report made it a
    /// visit story, and its grade ("the judgement of 'requires improvement to be
    /// good'") was dropped; so was a focused visit named as history.
    #[test]
    fn an_inspection_report_with_progress_is_not_a_visit_story() {
        let t = "Services for children in the district are better, says a new Ofsted inspection report.\nThe report notes the progress made.\nThere is more to do, as the judgement of 'requires improvement to be good' shows.";
        assert_eq!(
            r(t, "Good result from our inspection"),
            Some(RequiresImprovement)
        );
        let t = "Since the inspection of 2015 and a focused visit in 2019, leaders have acted, the inspection report said.\nYet the town still requires improvement to be good.";
        assert_eq!(
            r(t, "Better practice in the town"),
            Some(RequiresImprovement)
        );
    }

    /// "the 2015 report which rated the services as 'inadequate'" was read as the
    /// outcome of today's report.
    #[test]
    fn a_year_naming_an_earlier_report_dates_its_grade() {
        let t = "The new report was published today. That was better than the 2016 report, which rated the county's services as 'inadequate'.";
        assert_eq!(reported(t, "Report out", None), None);
    }

    /// "rated 'inadequate' back in early 2022, but the latest report gave it an
    /// overall rating of 'good'": the year before the turn dated the new grade.
    #[test]
    fn a_year_before_a_turn_does_not_date_the_grade_after_it() {
        let t = "The borough's services were rated 'inadequate' in spring 2021, but the latest report gave them an overall rating of 'good'.";
        assert_eq!(reported(t, "A turnaround", None), Some(Good));
    }

    /// Headlines "'Good' for children's services in X" and "Council services
    /// 'inadequate' for children" were not read.
    #[test]
    fn a_quoted_grade_for_the_services_in_a_headline() {
        assert_eq!(
            r("Body.", "'Good' for the children's services of the shire"),
            Some(Good)
        );
        assert_eq!(
            r(
                "Body.",
                "Town's services 'inadequate' for children in need, says report"
            ),
            Some(Inadequate)
        );
    }

    /// An old-scale grade compared with ("compared with an 'adequate' judgment
    /// five years previously") voided the current grade in the same sentence.
    #[test]
    fn an_old_scale_grade_compared_with_does_not_void_the_current_one() {
        let t = "Inspectors rated the city's children's services as 'good' overall, compared with an 'adequate' judgment six years earlier.";
        assert_eq!(r(t, "Report"), Some(Good));
        let t = "The city's services were judged 'good' and its fostering 'adequate'.";
        assert_eq!(r(t, "Report"), None);
    }

    /// "after years of being deemed as 'requiring improvement'" was read as the
    /// outcome.
    #[test]
    fn after_years_of_a_grade_is_history() {
        let t = "Care in the city is still patchy, after years of its services being deemed as 'requiring improvement' by the inspectorate.";
        assert_eq!(r(t, "Still patchy"), None);
    }

    /// "moved its rating to 'Good' from requires improvement in 2015": the year
    /// of the grade moved from dated the new one.
    #[test]
    fn the_year_of_the_grade_moved_from_does_not_date_the_new_one() {
        let t = "Today's report has moved the borough's rating to 'Good' from requires improvement in 2016.";
        assert_eq!(reported(t, "Best rating yet", None), Some(Good));
    }

    /// "still 'require improvements'" and "described ... as 'requiring
    /// improvement'" were not read.
    #[test]
    fn require_improvements_and_described_as() {
        assert_eq!(
            r(
                "Body.",
                "Services in the shire still 'require improvements' after inspection"
            ),
            Some(RequiresImprovement)
        );
        let t = "A report by the watchdog has described the county council's services for children as \"requiring improvement\".";
        assert_eq!(r(t, "Report out"), Some(RequiresImprovement));
    }

    /// "care leavers and overall effectiveness are 'inadequate'" was not read.
    #[test]
    fn overall_effectiveness_are_a_grade() {
        let t = "Three areas were graded as requiring improvement. It says the experiences of care leavers and overall effectiveness are \"inadequate\".";
        assert_eq!(r(t, "Council vows to improve"), Some(Inadequate));
    }

    /// A headline's "progress" made a graded inspection a visit story.
    #[test]
    fn progress_in_a_headline_over_a_graded_opening() {
        let t = "Officers are making headway, inspectors said.\nThe council was given an overall rating of \"requires improvement to be good\" in a report published on Friday.";
        assert_eq!(
            r(t, "'Real progress' at the city's children's services"),
            Some(RequiresImprovement)
        );
        // A named visit in the headline stays a visit story.
        let t =
            "The council was rated inadequate in 2017 and has been given an overall rating since.";
        assert_eq!(r(t, "Monitoring visit finds progress in the city"), None);
    }

    /// "a rating of 'outstanding' for the impact of leaders, with the overall
    /// effectiveness rated 'good'": the later "overall" made the part's grade
    /// the whole's.
    #[test]
    fn overall_later_in_the_sentence_names_another_grade() {
        let t = "Inspectors rated the services as 'Good' overall with some parts, including leadership, rated as 'Outstanding'.";
        assert_eq!(r(t, "Praise"), Some(Good));
        let t = "The services received a rating of \"outstanding\" for the impact of leaders on practice, with the overall effectiveness of the service rated as \"good\".";
        assert_eq!(r(t, "Praise for social work"), Some(Good));
    }

    /// "has led to the 'inadequate' judgement being lifted" was read as the grade.
    #[test]
    fn a_grade_lifted_is_not_the_outcome() {
        let t = "The latest inspection has led to the 'inadequate' judgement being lifted. Overall, services in the city are now rated as requiring improvement.";
        assert_eq!(
            r(t, "Better services, says Ofsted"),
            Some(RequiresImprovement)
        );
    }

    /// "rated 'inadequate' in all four areas ... in May last year" was read as the
    /// outcome of a later visit.
    #[test]
    fn a_month_of_last_year_dates_the_grade() {
        let t = "The department was rated \"inadequate\" in all four areas of its inspection by Ofsted in June last year.";
        assert_eq!(reported(t, "Services improving - Ofsted", None), None);
    }

    /// "after 2018 inadequate rating" in a headline was read as the outcome.
    #[test]
    fn a_year_before_the_grade_dates_it() {
        assert_eq!(
            reported(
                "Body.",
                "Inspectors return to the town after 2017 inadequate rating",
                None
            ),
            None
        );
        assert_eq!(
            reported(
                "Body.",
                "Town waits on verdict after its 2017 'inadequate' rating",
                None
            ),
            None
        );
    }

    /// Headlines "<Council> requires improvement" and "Inspection finds <Council>
    /// 'requires improvement'" were not read.
    #[test]
    fn a_headline_verb_requires_improvement() {
        assert_eq!(
            r("Body.", "Anytown requires improvement"),
            Some(RequiresImprovement)
        );
        assert_eq!(
            r(
                "Body.",
                "New inspection finds Anytown 'requires improvement'"
            ),
            Some(RequiresImprovement)
        );
        assert_eq!(r("Body.", "Anytown no longer requires improvement"), None);
    }
}

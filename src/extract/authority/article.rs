//! The authorities a news article is about. An article names many councils that it
//! is not about: the former employer of a person quoted ("a former director of
//! children's services at Hampshire"), a county as the location of a borough
//! ("St Helens in Lancashire"), a broadcaster's local service in the page's chrome,
//! councils compared with the one reported on. And some articles are about several
//! councils at once or about national figures, where no one council is the
//! subject. Bodies that changed (a county abolished, its children's trust now
//! serving its successors) resolve by the article's date to the councils that
//! existed then.

use std::sync::LazyLock;

use regex::Regex;
use time::Date;

use super::detect::{self, Mention, SCAN_LIMIT, choose, mentions};
use super::gazetteer::{Authority, REFERENCE};
use super::patterns::MATCHER;
use crate::extract::text::{ceil_boundary, floor_boundary, head};
use crate::ingest::word_list::{WordSet, phrases};

/// What a document is about: its one authority, and every authority it is about
/// (the main one first). An article about several councils or national figures
/// has no main authority.
#[derive(Debug, Clone, Default)]
pub(crate) struct About {
    pub main: Option<&'static Authority>,
    pub all: Vec<&'static Authority>,
}

/// The authorities a document is about. For Ofsted's documents, the one
/// authority of [`detect::detect`]; for articles, see the module doc.
pub(crate) fn about(text: &str, title: &str, date: Option<Date>, article: bool) -> About {
    if !article {
        let main = detect::detect(text, title, date);
        return About {
            main,
            all: main.into_iter().collect(),
        };
    }
    article_about(text, title, date)
}

/// A person's role, ending in a preposition right before a name: "director of
/// children's services at", "former chief executive of the" (`data/article_role_words.txt`).
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = phrases(include_str!("../../../data/article_role_words.txt"))
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect();
    crate::rules::regex(&format!(
        r"(?i)\b(?:{})(?:\s+[\w'’&-]+){{0,6}}?\s+(?:at|of|for|from|in|with)\s+(?:the\s+)?$",
        words.join("|")
    ))
    .expect("role regex")
});

/// Headline and opening phrases of a story about several councils or national
/// figures (`data/article_national_cues.txt`).
static NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    let cues: Vec<&str> =
        phrases(include_str!("../../../data/article_national_cues.txt")).collect();
    crate::rules::regex(&format!("(?i){}", cues.join("|"))).expect("national regex")
});

fn name_prefix(w: &str) -> bool {
    static PREFIX: LazyLock<WordSet> =
        LazyLock::new(|| WordSet::new(include_str!("../../../data/article_name_prefixes.txt")));
    PREFIX.contains(w)
}

/// Bytes of an article's opening: where the councils it is about are named.
const LEAD: usize = 1500;

/// Whether the mention at `s` follows a person's role ("director at X").
fn after_role(scan: &str, s: usize) -> bool {
    let before = &scan[floor_boundary(scan, s.saturating_sub(90))..s];
    // Only the words of the same sentence or quotation.
    let cut = before
        .rfind(['.', '!', '?', ';', ':', '"', '“', '”', '(', ')'])
        .map_or(0, |i| i + 1);
    let cut = floor_boundary(before, cut.min(before.len()));
    ROLE.is_match(&before[cut..])
}

/// Before a council's name: the role of a partner that helps the council an
/// article is about ("supported by", "advice from", "working with").
static PARTNER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)(?:\b(?:supported|mentored|helped|backed|advised|partnered)\s+by|\b(?:working|partnered|partnering|paired|twinned)\s+(?:closely\s+)?with|\bin\s+partnership\s+with)\s+(?:the\s+)?$",
    )
    .expect("partner regex")
});

/// After a council's name: its role as a partner ("... to provide support",
/// "... is an experienced partner").
static PARTNER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^(?:\s+(?:county\s+|city\s+|borough\s+|metropolitan\s+|district\s+)?council)?(?:['’]s)?\s+(?:(?:has\s+been\s+|will\s+be\s+|is\s+)?(?:asked|appointed|funded|chosen|commissioned)\s+)?to\s+(?:provide|offer|give|lend)\s+(?:[\w-]+\s+){0,3}?(?:support|help|challenge|advice|mentoring)\b|^[^.;!?]{0,160}?\b(?:is|are|was|were|as|be)\s+(?:an?|our|their)\s+(?:[\w-]+\s+){0,2}?(?:improvement\s+)?partner\b",
    )
    .expect("partner regex")
});

/// Whether the mention at `s..e` names a partner or supporter of the council an
/// article is about, not that council.
fn as_partner(scan: &str, s: usize, e: usize) -> bool {
    let before = &scan[floor_boundary(scan, s.saturating_sub(90))..s];
    let cut = before
        .rfind(['.', '!', '?', ';', '"', '“', '”'])
        .map_or(0, |i| i + 1);
    let cut = floor_boundary(before, cut.min(before.len()));
    let after = &scan[e..floor_boundary(scan, (e + 200).min(scan.len()))];
    PARTNER_BEFORE.is_match(&before[cut..]) || PARTNER_AFTER.is_match(after)
}

/// Whether the mention at `s` is part of another body's name ("BBC Lancashire").
fn after_name_prefix(scan: &str, s: usize) -> bool {
    scan[..s]
        .strip_suffix(' ')
        .and_then(|b| b.rsplit(' ').next())
        .is_some_and(name_prefix)
}

/// Whether the mention ending at `e` starts the name of another body that covers
/// the area ("Anyshire and Westshire Integrated Care Board", "Anyshire
/// Constabulary", "Anyshire NHS Foundation Trust").
fn before_body_name(scan: &str, e: usize) -> bool {
    static BODY: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::regex(
            r"^(?:\s+(?:and|&)?\s*[A-Z][\w'’-]*){0,4}?\s+(?:Integrated\s+Care\s+(?:Board|System)|ICB\b|NHS\b|Police\b|Constabulary|Fire\s+and\s+Rescue|Clinical\s+Commissioning|CCG\b|Health(?:care)?\s+(?:NHS\s+)?(?:Foundation\s+)?Trust|Partnership\s+NHS)",
        )
        .expect("body regex")
    });
    BODY.is_match(&scan[e..ceil_boundary(scan, e + 90)])
}

/// Whether a mention is a section heading: its line is a short name in title
/// case ("Wokingham Borough Council") and a paragraph of prose follows it.
fn heading_mention(text: &str, x: &Mention) -> bool {
    let line_start = text[..x.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[x.end..].find('\n').map_or(text.len(), |i| x.end + i);
    let line = text[line_start..line_end].trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let title_case = words.iter().all(|w| {
        w.starts_with(char::is_uppercase) || matches!(*w, "of" | "and" | "the" | "upon" | "on")
    });
    if words.is_empty() || words.len() > 7 || !title_case || line.ends_with(['.', ':', ',']) {
        return false;
    }
    let Some(next) = text[line_end..]
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
    else {
        return false;
    };
    // (A long line is prose even when the copy stops mid-sentence.)
    let n = next.split_whitespace().count();
    n >= 15 || (n >= 8 && next.ends_with(['.', '"', '\'', '”', '’']))
}

/// The byte offset in `text` where the story's first sentence ends (after the
/// headline line, when the text starts with it).
fn first_sentence_end(text: &str, title: &str) -> usize {
    let start = text
        .trim_start()
        .strip_prefix(title.trim())
        .filter(|_| !title.trim().is_empty())
        .map_or(0, |rest| text.len() - rest.len());
    let body = &text[start..];
    let lead = body.trim_start();
    let from = start + (body.len() - lead.len());
    let end = [". ", ".\n", "\n\n"]
        .iter()
        .filter_map(|m| lead.find(m))
        .min()
        .unwrap_or(lead.len());
    from + end
}

/// One authority's weight in an article.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    score: f64,
    count: usize,
    in_title: bool,
    in_lead: bool,
    /// Named in a list with other authorities.
    listed: bool,
    first: usize,
}

fn article_about(text: &str, title: &str, date: Option<Date>) -> About {
    let r = &*REFERENCE;
    let m = &*MATCHER;
    let scan_text = head(text, SCAN_LIMIT);
    let scan = scan_text.replace(['\n', '\r'], " ");
    let in_title = mentions(title);
    // A council named as another's partner or supporter never counts.
    let all_text: Vec<Mention> = mentions(scan_text)
        .into_iter()
        .filter(|x| !as_partner(&scan, x.start, x.end))
        .collect();
    // Mentions that are roles, locations or parts of other names never decide.
    let keep = |i: usize, x: &Mention| -> bool {
        if after_role(&scan, x.start)
            || after_name_prefix(&scan, x.start)
            || before_body_name(&scan, x.end)
        {
            return false;
        }
        // "St Helens in Lancashire": a county named as another authority's place.
        let located = i > 0 && {
            let p = &all_text[i - 1];
            p.end <= x.start && scan[p.end..x.start].trim() == "in"
        };
        !located
    };
    let kept: Vec<&Mention> = all_text
        .iter()
        .enumerate()
        .filter(|(i, x)| keep(*i, x))
        .map(|(_, x)| x)
        .collect();
    // Names listed together ("Stockport, Merton and Barnet"): each is an authority,
    // whatever else the bare name could be.
    let joined = |a: &Mention, b: &Mention| {
        a.end <= b.start
            && matches!(
                scan[a.end..b.start]
                    .trim_start_matches('\'')
                    .trim_start_matches('s')
                    .trim(),
                "," | "and" | ", and" | "&" | "or"
            )
    };
    let listed: Vec<bool> = all_text
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (i > 0 && joined(&all_text[i - 1], x))
                || all_text.get(i + 1).is_some_and(|n| joined(x, n))
        })
        .collect();
    let is_listed = |x: &Mention| {
        all_text
            .iter()
            .position(|y| std::ptr::eq(x, y))
            .is_some_and(|i| listed[i])
    };
    // An article whose only mentions are roles still names its council.
    let in_text: Vec<&Mention> = if kept.is_empty() {
        all_text.iter().collect()
    } else {
        kept
    };
    let mut named = vec![false; r.list.len()];
    for x in in_title.iter().chain(in_text.iter().copied()) {
        if let Some(a) = x.resolved {
            named[a] = true;
        }
    }
    // The authorities a mention stands for on the article's date: an abolished
    // authority's name (or its children's trust) means its successors.
    let stands_for = |x: &Mention| -> Vec<usize> {
        let a = x.resolved.unwrap_or_else(|| {
            let cands = &m.pats[x.pat].auths;
            let mut it = cands.iter().copied().filter(|&a| named[a]);
            match (it.next(), it.next()) {
                (Some(a), None) => a,
                _ => choose(r, cands, date),
            }
        });
        match (r.abolished[a], date) {
            (Some(ab), Some(d)) if d >= ab => {
                let successors: Vec<usize> = (0..r.list.len())
                    .filter(|&i| r.predecessors[i].contains(&a))
                    .collect();
                if successors.is_empty() {
                    vec![a]
                } else {
                    successors
                }
            }
            _ => vec![a],
        }
    };
    let mut tallies: Vec<Tally> = vec![
        Tally {
            first: usize::MAX,
            ..Tally::default()
        };
        r.list.len()
    ];
    for x in &in_title {
        for a in stands_for(x) {
            let t = &mut tallies[a];
            if !t.in_title {
                t.score += 10.0;
            }
            t.in_title = true;
            t.first = 0;
        }
    }
    for x in &in_text {
        for a in stands_for(x) {
            let t = &mut tallies[a];
            let listed = is_listed(x);
            t.score += if listed {
                x.plain_weight.max(if x.start < LEAD { 3.0 } else { 1.0 })
            } else {
                x.plain_weight
            };
            t.listed |= listed;
            t.count += 1;
            t.in_lead |= x.start < LEAD;
            t.first = t.first.min(x.start + 1);
        }
    }
    let mut ranked: Vec<usize> = (0..tallies.len())
        .filter(|&a| tallies[a].score > 0.0)
        .collect();
    ranked.sort_by(|&a, &b| {
        tallies[b]
            .score
            .total_cmp(&tallies[a].score)
            .then(tallies[a].first.cmp(&tallies[b].first))
    });
    let Some(&best) = ranked.first() else {
        return About::default();
    };
    let bt = tallies[best];
    if bt.score < 0.5 {
        return About::default();
    }
    let to_list =
        |v: &[usize]| -> Vec<&'static Authority> { v.iter().map(|&a| &r.list[a]).collect() };
    let several = |v: Vec<usize>| About {
        main: None,
        all: to_list(&v),
    };
    let opening: Vec<usize> = ranked
        .iter()
        .copied()
        .filter(|&a| tallies[a].in_title || tallies[a].in_lead)
        .collect();
    // A round-up with a section per council, each headed by its name.
    let mut headed: Vec<usize> = Vec::new();
    for x in in_text.iter().filter(|x| heading_mention(scan_text, x)) {
        for a in stands_for(x) {
            if !headed.contains(&a) {
                headed.push(a);
            }
        }
    }
    // (Not a sidebar of job adverts headed by councils' names: the story's own
    // council, or a national cue at the top, must be among them.)
    let top = format!("{title}\n{}", head(text, 600));
    if headed.len() >= 2 && (headed.contains(&best) || NATIONAL.is_match(&top)) {
        return several(headed);
    }
    // A headline about councils in the plural, with several named at the top.
    if NATIONAL.is_match(title) && opening.len() >= 2 {
        return several(opening);
    }
    // Several councils named about as often as the first.
    let close: Vec<usize> = opening
        .iter()
        .copied()
        .filter(|&a| {
            let t = &tallies[a];
            t.score >= 0.4 * bt.score && (t.count >= 2 || t.in_title || t.listed)
        })
        .collect();
    if close.len() >= 2 {
        return several(close);
    }
    // National figures, with a council or two named in passing; not a story
    // whose first sentence names the one council it names at all.
    if NATIONAL.is_match(&top)
        && !bt.in_title
        && bt.count <= 2
        && !(ranked.len() == 1 && bt.first <= first_sentence_end(scan_text, title) + 1)
    {
        return About::default();
    }
    About {
        main: Some(&r.list[best]),
        all: vec![&r.list[best]],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn names(a: &About) -> (Option<&str>, Vec<&str>) {
        (
            a.main.map(|x| x.name.as_str()),
            a.all.iter().map(|x| x.name.as_str()).collect(),
        )
    }

    fn art(text: &str, title: &str, d: Option<Date>) -> (Option<String>, Vec<String>) {
        let a = about(text, title, d, true);
        let (m, all) = names(&a);
        (
            m.map(str::to_string),
            all.into_iter().map(str::to_string).collect(),
        )
    }

    /// The career of a person quoted never moves the story to another council.
    #[test]
    fn role_of_a_person_from_another_council_does_not_decide() {
        let t = "Children's services in the bay have improved, inspectors said.\n\n\
                 Torbay Council's cabinet member said staff had worked hard. Sam Jones, director of \
                 children's services at Devon, which supports the council, said staff were proud. \
                 A former chief executive of Devon County Council added that the help had paid off.";
        let (main, _) = art(t, "Bay children's services rated good", None);
        assert_eq!(main.as_deref(), Some("Torbay"));
    }

    #[test]
    fn several_councils_have_no_main_authority() {
        let t = "Inspectors have rated services at three councils as good.\n\n\
                 Merton, Sefton and Barnet all received the rating after visits in June. \
                 In Merton leaders were praised. Sefton's adoption work stood out. Barnet's \
                 social workers know their children well.";
        let (main, all) = art(t, "Three councils rated good by Ofsted", None);
        assert_eq!(main, None);
        assert_eq!(all.len(), 3, "{all:?}");
        let t = "Two more authorities - Barnet in London and St Helens in Lancashire - were \
                 told to improve this week.";
        let (main, all) = art(t, "Councils told to improve", None);
        assert_eq!(main, None);
        assert_eq!(all, ["St. Helens", "Barnet"]);
    }

    #[test]
    fn national_figures_have_no_authority() {
        let t = "A quarter of councils in England are now rated outstanding, figures show.\n\n\
                 Of the ten inspected this year, York improved the most.";
        assert_eq!(
            art(t, "Quarter of children's services now outstanding", None).0,
            None
        );
    }

    /// A story whose first sentence names its council, and no other council, was
    /// given none when the opening also had a plural "authorities".
    #[test]
    fn the_sole_council_of_the_first_sentence_is_the_subject() {
        let t = "Praise for staff who kept going\n\nRutland's council leader praised the social \
                 workers behind a 'good' verdict on the authorities children's services in a hard year.\n\n\
                 One survey placed Rutland lowest of all nationally for funding.";
        assert_eq!(
            art(t, "Praise for staff who kept going", None).0.as_deref(),
            Some("Rutland")
        );
        // A national story naming one council after its first sentence has none.
        let t = "Praise for staff\n\nCouncils across England were rated better this year.\n\n\
                 Rutland was among them, figures show.";
        assert_eq!(art(t, "Praise for staff", None).0, None);
    }

    /// A council's name inside a health body's name ("Anyshire and Westshire
    /// Integrated Care Board") counted as a council the story is about.
    #[test]
    fn a_county_in_a_health_body_name_is_not_a_council() {
        let t = "Joint visit praises partners in Hartlepool\n\nA joint visit found that partners in \
                 Hartlepool work well together. Staff of the County Durham and Darlington NHS \
                 Foundation Trust share what they know with the town's social workers.";
        let (main, all) = art(t, "Joint visit praises partners in Hartlepool", None);
        assert_eq!(main.as_deref(), Some("Hartlepool"));
        assert_eq!(all, ["Hartlepool"]);
    }

    #[test]
    fn a_trust_after_its_county_was_abolished_means_the_successors() {
        let t = "The Northamptonshire Children's Trust has been rated good by Ofsted.\n\n\
                 The Northamptonshire Children's Trust runs services for the county.";
        let (main, all) = art(t, "Trust rated good", Some(date!(2022 - 06 - 01)));
        assert_eq!(main, None);
        assert_eq!(all, ["North Northamptonshire", "West Northamptonshire"]);
        let (main, _) = art(t, "Trust rated good", Some(date!(2020 - 06 - 01)));
        assert_eq!(main.as_deref(), Some("Northamptonshire"));
    }

    #[test]
    fn broadcaster_names_in_chrome_do_not_count() {
        let t = "Children's services across Blackburn with Darwen have improved, inspectors found.\n\
                 Follow BBC Lancashire on Facebook and listen to BBC Radio Lancashire.";
        assert_eq!(
            art(t, "Services improve", None).0.as_deref(),
            Some("Blackburn with Darwen")
        );
    }

    /// A paragraph that ends with a link to Ofsted's site was taken for Ofsted's
    /// letterhead, and every council named above the link was skipped.
    #[test]
    fn a_link_to_ofsted_after_a_paragraph_is_not_a_letterhead() {
        let t = "Services rated good\n\nRochdale's children's services were rated \
                 good in a report published last week, and the council said it was proud of its staff. - \
                 https://files.ofsted.gov.uk/v1/file/123\n";
        assert_eq!(
            art(t, "Services rated good", None).0.as_deref(),
            Some("Rochdale")
        );
    }

    /// A round-up of visits with one section per council, each headed by the
    /// council's name, named no authority at all (a national cue in its opening).
    #[test]
    fn councils_heading_sections_are_what_a_round_up_is_about() {
        let t = "Latest visits\n\nThe inspectorate has published the outcomes of visits to local authorities in England.\n\n\
                 Rochdale Borough Council\n\nInspectors visited the borough's services on 2 and 3 May to look at the help \
                 given to children in need.\n\nCalderdale Council\n\nInspectors visited the council's services on 9 May \
                 and found that managers had improved the quality of plans.\n";
        let (main, all) = art(t, "Latest visits", None);
        assert_eq!(main, None);
        assert_eq!(all, ["Rochdale", "Calderdale"]);
        // One council's name as a heading above its story is still that story's council.
        let t = "Calderdale Council\n\nInspectors rated the council's children's services good, the director said \
                 after the report.\n";
        assert_eq!(
            art(t, "Services rated good", None).0.as_deref(),
            Some("Calderdale")
        );
    }

    /// A release about "the Council" named only the council lending it support
    /// ("funding to enable X to provide support", "X is an excellent partner"),
    /// which was read as its subject.
    #[test]
    fn a_council_named_as_a_partner_or_supporter_is_not_the_subject() {
        let t = "The Council's services rated inadequate\n\nThe Council's services for children have been rated inadequate.\n\n\
                 Funding will enable Kent to provide support and challenge. Kent County Council is rated \
                 outstanding so they are an ideal partner to learn from.\n";
        let (main, all) = art(t, "The Council's services rated inadequate", None);
        assert_eq!(main, None);
        assert!(all.is_empty(), "{all:?}");
        let t = "Anytown social care judged good\n\nSurrey County Council, supported by Kent County Council, \
                 has been judged good by inspectors. Surrey County Council said it was delighted.\n";
        let (main, _) = art(t, "Children's social care judged good", None);
        assert_eq!(main.as_deref(), Some("Surrey"));
    }
}

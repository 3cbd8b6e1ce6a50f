//! `ofsearch latest`: where each authority stands on a day (its latest graded
//! inspection as of that day), and whose standing changed between two days.
//!
//! - A *graded inspection* is a document of a graded kind with an overall
//!   judgement. By default the kinds are ILACS and SIF, the two frameworks whose
//!   overall effectiveness grade Ofsted's official tables of latest outcomes
//!   report; `other` (older types such as TLAC) is counted only when asked for,
//!   as those judged one service (children looked after), not children's
//!   services as a whole. Ungraded documents (visits, 2026 report cards) never are.
//! - A document is there *as of* a day when its day in time
//!   ([`DocRecord::when`]: its stated date, else the last day of its inspection)
//!   is on or before that day. ILACS reports print no publication date, so an
//!   ILACS counts from its inspection's last day, some weeks before Ofsted
//!   published it.
//! - The rows are the authorities of the reference list that existed on the day
//!   ([`crate::extract::existed_on`]): a council abolished by then is not a row,
//!   its successors are; one with no graded inspection in the index is a row
//!   marked not inspected.
//! - Filters select rows: a row is kept when its document matches them, so
//!   `--judgement inadequate` lists the authorities whose latest inspection is
//!   inadequate. Filters on the authority alone (`--authority`, `--region`) keep
//!   its not-inspected row too.
//!
//! Speed: the latest document of every authority is picked from fast columns
//! (kind through the query; judgement, authority, day, and the path for ties)
//! in one pass (`collector`); only the winners' stored records are read.

mod collector;

use collector::{Candidate, LatestCollector};

use std::collections::{HashMap, HashSet};

use tantivy::DocAddress;
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use time::Date;

use crate::error::{Error, Result};
use crate::extract::{self, Authority, Judgement, Kind};
use crate::fields::{self, FieldDef, Placement, Val};
use crate::filters::Filters;
use crate::query::Compiler;
use crate::record::DocRecord;
use crate::store::Opened;

/// The kinds `--kind` accepts: those whose documents carry an overall judgement.
pub const GRADED_KINDS: [Kind; 3] = [Kind::Ilacs, Kind::Sif, Kind::Other];
/// The kinds counted when none is named.
pub const DEFAULT_KINDS: [Kind; 2] = [Kind::Ilacs, Kind::Sif];
/// The registry fields that describe the authority rather than its document:
/// filled on every row, a not-inspected one too.
pub const AUTHORITY_FIELDS: [&str; 4] = ["authority", "la_code", "ons_code", "region"];
/// Filters that select authorities rather than documents.
const AUTHORITY_FILTERS: [&str; 2] = ["authority", "region"];

/// Which documents count, and which rows are shown.
#[derive(Debug, Clone)]
pub struct LatestRequest {
    pub kinds: Vec<Kind>,
    pub filters: Filters,
}

impl LatestRequest {
    /// The kinds counted for `kind` (a graded kind, or `None` for the default).
    pub fn kinds_of(kind: Option<&str>) -> std::result::Result<Vec<Kind>, String> {
        let Some(kind) = kind.map(str::trim).filter(|k| !k.is_empty()) else {
            return Ok(DEFAULT_KINDS.to_vec());
        };
        let graded = GRADED_KINDS.map(|k| k.as_str()).join(", ");
        match Kind::parse(kind) {
            Some(k) if GRADED_KINDS.contains(&k) => Ok(vec![k]),
            Some(k) => Err(format!(
                "'{}' documents carry no overall judgement (graded kinds: {graded})",
                k.as_str()
            )),
            None => Err(format!("unknown kind '{kind}' (graded kinds: {graded})")),
        }
    }
}

/// One authority on the day: its latest graded inspection, if any.
#[derive(Debug, Clone)]
pub struct AuthorityRow {
    pub authority: &'static Authority,
    /// The latest document, or (not inspected) a record with only the authority.
    record: DocRecord,
    inspected: bool,
}

impl AuthorityRow {
    /// The row of `authority` with its latest graded inspection (`None`: not inspected).
    pub fn new(authority: &'static Authority, latest: Option<DocRecord>) -> AuthorityRow {
        let inspected = latest.is_some();
        let record = latest.unwrap_or_else(|| {
            let mut r = DocRecord::empty();
            r.meta.authority = Some(authority);
            r
        });
        AuthorityRow {
            authority,
            record,
            inspected,
        }
    }

    /// The latest graded inspection.
    pub fn latest(&self) -> Option<&DocRecord> {
        self.inspected.then_some(&self.record)
    }

    pub fn judgement(&self) -> Option<Judgement> {
        self.latest().and_then(|r| r.meta.judgement)
    }

    /// The row's value of a registry field: the document's, or for a
    /// not-inspected row the authority's own fields and nulls.
    pub fn value(&self, f: &FieldDef) -> Val<'_> {
        if self.inspected || AUTHORITY_FIELDS.contains(&f.name) {
            f.value(&self.record)
        } else {
            Val::Null
        }
    }
}

/// The printed registry fields that describe a row's authority, in registry order.
pub fn authority_fields() -> impl Iterator<Item = &'static FieldDef> {
    printed_fields().filter(|f| AUTHORITY_FIELDS.contains(&f.name))
}

/// The printed registry fields of a row's document, in registry order.
pub fn document_fields() -> impl Iterator<Item = &'static FieldDef> {
    printed_fields().filter(|f| !AUTHORITY_FIELDS.contains(&f.name))
}

/// The fields shown for each side of a change, by registry name.
pub const CHANGE_FIELDS: [&str; 6] = [
    "kind",
    "date",
    "inspection_start",
    "inspection_end",
    "judgement",
    "path",
];

/// The fields of [`CHANGE_FIELDS`] from the registry, in that order.
pub fn change_fields() -> impl Iterator<Item = &'static FieldDef> {
    CHANGE_FIELDS.iter().filter_map(|name| fields::field(name))
}

fn printed_fields() -> impl Iterator<Item = &'static FieldDef> {
    fields::FIELDS
        .iter()
        .filter(|f| f.placement != Placement::StoredOnly)
}

/// Every authority's latest graded inspection as of a day.
#[derive(Debug, Clone)]
pub struct Latest {
    pub as_of: Date,
    pub kinds: Vec<Kind>,
    pub rows: Vec<AuthorityRow>,
}

/// Authorities by the grade of their latest inspection, as the official tables count them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeCounts {
    /// In the order of [`Judgement::ALL`] (best first).
    pub grades: [(Judgement, usize); 4],
    pub not_inspected: usize,
}

impl GradeCounts {
    pub fn of(judgements: impl IntoIterator<Item = Option<Judgement>>) -> GradeCounts {
        let mut counts = GradeCounts {
            grades: Judgement::ALL.map(|j| (j, 0)),
            not_inspected: 0,
        };
        for j in judgements {
            match j.and_then(|j| counts.grades.iter_mut().find(|(g, _)| *g == j)) {
                Some((_, n)) => *n += 1,
                None => counts.not_inspected += 1,
            }
        }
        counts
    }

    pub fn total(&self) -> usize {
        self.grades.iter().map(|(_, n)| n).sum::<usize>() + self.not_inspected
    }
}

impl Latest {
    pub fn counts(&self) -> GradeCounts {
        GradeCounts::of(self.rows.iter().map(AuthorityRow::judgement))
    }
}

/// How an authority's overall judgement moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Improved,
    Declined,
    /// Graded for the first time (not inspected, or not yet formed, at the start).
    Graded,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Declined => "declined",
            Direction::Graded => "graded",
        }
    }
}

/// An authority whose latest overall judgement differs between the two days.
#[derive(Debug, Clone)]
pub struct Change {
    pub authority: &'static Authority,
    /// The latest graded inspection on the first day (none, or not yet formed).
    pub from: Option<DocRecord>,
    /// The latest on the second day: a change always ends on a graded one.
    pub to: DocRecord,
}

impl Change {
    pub fn direction(&self) -> Direction {
        // `Judgement::ALL` is ordered best first.
        let rank = |r: &DocRecord| {
            r.meta
                .judgement
                .and_then(|j| Judgement::ALL.iter().position(|g| *g == j))
        };
        match (self.from.as_ref().and_then(rank), rank(&self.to)) {
            (Some(a), Some(b)) if b < a => Direction::Improved,
            (Some(_), Some(_)) => Direction::Declined,
            _ => Direction::Graded,
        }
    }
}

/// The authorities whose latest overall judgement changed between two days.
#[derive(Debug, Clone)]
pub struct Changes {
    pub from: Date,
    pub to: Date,
    pub kinds: Vec<Kind>,
    /// Authorities compared: the rows of the second day.
    pub compared: usize,
    pub changes: Vec<Change>,
}

impl Changes {
    pub fn count(&self, direction: Direction) -> usize {
        self.changes
            .iter()
            .filter(|c| c.direction() == direction)
            .count()
    }
}

/// Every authority's latest graded inspection as of `as_of`.
pub fn latest(opened: &Opened, req: &LatestRequest, as_of: Date) -> Result<Latest> {
    let picked = Picked::run(opened, req, &[as_of])?;
    let mut rows = Vec::new();
    for authority in picked.authorities(as_of) {
        let winner = picked.winners[0].get(authority.name.as_str());
        if !picked.keeps(winner) {
            continue;
        }
        let latest = winner.map(|w| picked.record(w)).transpose()?;
        rows.push(AuthorityRow::new(authority, latest));
    }
    Ok(Latest {
        as_of,
        kinds: req.kinds.clone(),
        rows,
    })
}

/// The authorities whose latest overall judgement differs between `from` and
/// `to` (the authorities of `to`'s table; one formed after `from` starts from
/// none). Filters keep a change when the document on either side matches them.
pub fn changes(opened: &Opened, req: &LatestRequest, from: Date, to: Date) -> Result<Changes> {
    if from > to {
        return Err(Error::Usage(format!(
            "the first day, {}, is after the second, {}",
            crate::record::format_date(from),
            crate::record::format_date(to)
        )));
    }
    let picked = Picked::run(opened, req, &[from, to])?;
    let mut compared = 0;
    let mut changes = Vec::new();
    for authority in picked.authorities(to) {
        compared += 1;
        let name = authority.name.as_str();
        let before = extract::existed_on(authority, from)
            .then(|| picked.winners[0].get(name))
            .flatten();
        let Some(after) = picked.winners[1].get(name) else {
            continue;
        };
        if before.map(|b| b.judgement.as_str()) == Some(after.judgement.as_str()) {
            continue;
        }
        if !picked.keeps(before) && !picked.keeps(Some(after)) {
            continue;
        }
        changes.push(Change {
            authority,
            from: before.map(|b| picked.record(b)).transpose()?,
            to: picked.record(after)?,
        });
    }
    Ok(Changes {
        from,
        to,
        kinds: req.kinds.clone(),
        compared,
        changes,
    })
}

/// The latest graded document of each authority on each of some days.
struct Picked<'a> {
    opened: &'a Opened,
    searcher: tantivy::Searcher,
    /// Per day: authority name -> its latest document.
    winners: Vec<HashMap<String, Candidate>>,
    /// The documents matching the filters that select documents, when any.
    matching: Option<HashSet<DocAddress>>,
    /// The `authority` and `region` filter values.
    authority_terms: Vec<(String, String)>,
}

impl<'a> Picked<'a> {
    fn run(opened: &'a Opened, req: &LatestRequest, days: &[Date]) -> Result<Picked<'a>> {
        let searcher = opened.reader.searcher();
        let compiler = Compiler {
            fields: &opened.fields,
            searcher: &searcher,
        };
        let (authority_terms, document_terms): (Vec<_>, Vec<_>) = req
            .filters
            .terms
            .iter()
            .cloned()
            .partition(|(f, _)| AUTHORITY_FILTERS.contains(&f.as_str()));
        let mut kinds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for k in &req.kinds {
            kinds.push((Occur::Should, compiler.field("kind", k.as_str())?));
        }
        let mut base: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(kinds)))];
        for (f, v) in &authority_terms {
            base.push((Occur::Must, compiler.field(f, v)?));
        }
        let collector = LatestCollector::new(opened, days)?;
        let winners = searcher.search(&BooleanQuery::new(base), &collector)?;
        let matching = if document_terms.is_empty() {
            None
        } else {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
            for (f, v) in &document_terms {
                clauses.push((Occur::Must, compiler.field(f, v)?));
            }
            Some(searcher.search(&BooleanQuery::new(clauses), &DocSetCollector)?)
        };
        Ok(Picked {
            opened,
            searcher,
            winners,
            matching,
            authority_terms,
        })
    }

    /// The authorities that existed on `day` and pass the authority filters, by name.
    fn authorities(&self, day: Date) -> Vec<&'static Authority> {
        let mut list: Vec<&'static Authority> = extract::authorities()
            .iter()
            .filter(|a| extract::existed_on(a, day))
            .filter(|a| {
                self.authority_terms.iter().all(|(f, v)| match f.as_str() {
                    "authority" => &a.name == v,
                    _ => &a.region == v,
                })
            })
            .collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    }

    /// Whether a row with this winner (or none) passes the document filters.
    fn keeps(&self, winner: Option<&Candidate>) -> bool {
        match (&self.matching, winner) {
            (None, _) => true,
            (Some(set), Some(w)) => set.contains(&w.addr),
            (Some(_), None) => false,
        }
    }

    fn record(&self, winner: &Candidate) -> Result<DocRecord> {
        self.opened.record_at(&self.searcher, winner.addr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn former_authorities_and_their_successors_take_turns() {
        let a = |name: &str| extract::find_authority(name).expect(name);
        let cumbria = a("909");
        let cumberland = a("Cumberland");
        assert!(extract::existed_on(cumbria, date!(2023 - 03 - 31)));
        assert!(!extract::existed_on(cumbria, date!(2023 - 04 - 01)));
        assert!(!extract::existed_on(cumberland, date!(2023 - 03 - 31)));
        assert!(extract::existed_on(cumberland, date!(2023 - 04 - 01)));
        assert!(extract::existed_on(a("Wakefield"), date!(1990 - 01 - 01)));
        let bcp = a("839");
        assert!(!extract::existed_on(bcp, date!(2019 - 03 - 31)));
        assert!(extract::existed_on(bcp, date!(2019 - 04 - 01)));
    }

    #[test]
    fn grades_are_counted_best_first_with_the_uninspected() {
        let counts = GradeCounts::of([
            Some(Judgement::Good),
            None,
            Some(Judgement::Inadequate),
            Some(Judgement::Good),
        ]);
        assert_eq!(
            counts.grades,
            [
                (Judgement::Outstanding, 0),
                (Judgement::Good, 2),
                (Judgement::RequiresImprovement, 0),
                (Judgement::Inadequate, 1)
            ]
        );
        assert_eq!(counts.not_inspected, 1);
        assert_eq!(counts.total(), 4);
    }

    #[test]
    fn only_graded_kinds_are_accepted() {
        assert_eq!(LatestRequest::kinds_of(None), Ok(DEFAULT_KINDS.to_vec()));
        assert_eq!(LatestRequest::kinds_of(Some("SIF")), Ok(vec![Kind::Sif]));
        let e = LatestRequest::kinds_of(Some("focused_visit")).unwrap_err();
        assert!(e.contains("no overall judgement"), "{e}");
        assert!(LatestRequest::kinds_of(Some("letter")).is_err());
    }
}

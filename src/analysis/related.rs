//! Which inspection an article reports on, and which articles report on an
//! inspection: the same authority, nearest in time, with a matching judgement.

use serde::Serialize;
use std::collections::HashMap;

use super::{is_article, when};
use crate::record::{DocRecord, date_days};

/// A short reference to another document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub path: String,
    pub title: String,
    pub kind: String,
    pub date: Option<String>,
    pub judgement: Option<String>,
}

impl Related {
    pub fn of(r: &DocRecord) -> Related {
        Related {
            path: r.path.clone(),
            title: r.title.clone(),
            kind: r.kind.clone(),
            date: r
                .date
                .clone()
                .or_else(|| r.inspection_end.clone())
                .or_else(|| r.inspection_start.clone()),
            judgement: r.judgement.clone(),
        }
    }
}

/// Articles appear after the document they report on; a little before is
/// allowed for press releases that trail a publication.
const BEFORE_DAYS: i64 = 14;
const AFTER_DAYS: i64 = 550;

/// How badly `article` fits `doc` (lower is better); None when it cannot be
/// about it.
fn mismatch(article: &DocRecord, doc: &DocRecord) -> Option<i64> {
    if article.authority.is_none() || article.authority != doc.authority || is_article(doc) {
        return None;
    }
    if doc.kind == "area_send" {
        // A different inspection regime: only an article that reports a
        // judgement-free SEND story could be about it, which is not knowable here.
        return None;
    }
    let judgement_penalty = match (&article.judgement, &doc.judgement) {
        (Some(a), Some(d)) if a == d => 0,
        (Some(_), Some(_)) => 400,
        (Some(_), None) => 200,
        (None, Some(_)) => 60,
        (None, None) => 0,
    };
    match (when(article), when(doc)) {
        (Some(a), Some(d)) => {
            let delta = date_days(a) - date_days(d);
            if !(-BEFORE_DAYS..=AFTER_DAYS).contains(&delta) {
                return None;
            }
            let distance = if delta < 0 { -3 * delta } else { delta };
            Some(distance + judgement_penalty)
        }
        // An undated article can still name the judgement it reports.
        (None, _) => match (&article.judgement, &doc.judgement) {
            (Some(a), Some(d)) if a == d => Some(10_000),
            _ => None,
        },
        (Some(_), None) => None,
    }
}

/// For each article, the inspection document it most likely reports on.
/// Undated articles are attached only when exactly one document fits.
pub fn attach(docs: &[DocRecord]) -> HashMap<String, String> {
    let mut by_authority: HashMap<&str, Vec<&DocRecord>> = HashMap::new();
    for d in docs.iter().filter(|d| !is_article(d)) {
        if let Some(a) = d.authority.as_deref() {
            by_authority.entry(a).or_default().push(d);
        }
    }
    let mut links = HashMap::new();
    for article in docs.iter().filter(|d| is_article(d)) {
        let Some(candidates) = article
            .authority
            .as_deref()
            .and_then(|a| by_authority.get(a))
        else {
            continue;
        };
        let mut scored: Vec<(i64, &DocRecord)> = candidates
            .iter()
            .filter_map(|d| mismatch(article, d).map(|s| (s, *d)))
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
        let undated = when(article).is_none();
        if undated && scored.len() != 1 {
            continue;
        }
        if let Some((_, best)) = scored.first() {
            links.insert(article.path.clone(), best.path.clone());
        }
    }
    links
}

/// The documents related to `record` among `docs` (its authority's documents):
/// for an article the inspection it reports on, for an inspection document the
/// articles about it.
pub fn related_to(record: &DocRecord, docs: &[DocRecord]) -> Vec<Related> {
    let links = attach(docs);
    let by_path: HashMap<&str, &DocRecord> = docs.iter().map(|d| (d.path.as_str(), d)).collect();
    if is_article(record) {
        links
            .get(&record.path)
            .and_then(|p| by_path.get(p.as_str()))
            .map(|d| vec![Related::of(d)])
            .unwrap_or_default()
    } else {
        let mut articles: Vec<&DocRecord> = links
            .iter()
            .filter(|(_, doc)| **doc == record.path)
            .filter_map(|(a, _)| by_path.get(a.as_str()).copied())
            .collect();
        articles.sort_by(|a, b| when(a).cmp(&when(b)).then_with(|| a.path.cmp(&b.path)));
        articles.into_iter().map(Related::of).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn doc(path: &str, kind: &str, date: Option<&str>, judgement: Option<&str>) -> DocRecord {
        DocRecord {
            path: path.into(),
            title: path.into(),
            kind: kind.into(),
            authority: Some("Wakefield".into()),
            la_code: Some("384".into()),
            ons_code: None,
            region: None,
            date: date.map(str::to_string),
            year: None,
            academic_year: None,
            inspection_start: None,
            inspection_end: None,
            inspectors: vec![],
            lead_inspector: None,
            judgement: judgement.map(str::to_string),
            judgements: Default::default(),
            format: "txt".into(),
            source: String::new(),
        }
    }

    fn corpus() -> Vec<DocRecord> {
        vec![
            doc(
                "sif2016",
                "sif",
                Some("2016-09-20"),
                Some("requires_improvement"),
            ),
            doc("ilacs2018", "ilacs", Some("2018-07-17"), Some("inadequate")),
            doc("fv2020", "focused_visit", Some("2020-12-18"), None),
            doc("ilacs2022", "ilacs", Some("2022-01-05"), Some("good")),
            doc(
                "art-inadequate",
                "article",
                Some("2018-07-18"),
                Some("inadequate"),
            ),
            doc(
                "art-later",
                "article",
                Some("2018-12-13"),
                Some("inadequate"),
            ),
            doc("art-good", "article", Some("2022-01-07"), Some("good")),
            doc("art-undated", "article", None, Some("inadequate")),
            doc("art-visit", "article", Some("2021-01-05"), None),
            doc("art-old", "article", Some("2010-01-01"), None),
        ]
    }

    #[test]
    fn articles_attach_to_the_inspection_they_report() {
        let links = attach(&corpus());
        let to = |a: &str| links.get(a).map(String::as_str);
        assert_eq!(to("art-inadequate"), Some("ilacs2018"));
        assert_eq!(to("art-later"), Some("ilacs2018"));
        assert_eq!(to("art-good"), Some("ilacs2022"));
        assert_eq!(to("art-undated"), Some("ilacs2018"));
        assert_eq!(to("art-visit"), Some("fv2020"));
        assert_eq!(to("art-old"), None);
    }

    #[test]
    fn related_goes_both_ways() {
        let docs = corpus();
        let letter = docs.iter().find(|d| d.path == "ilacs2018").unwrap();
        let paths: Vec<String> = related_to(letter, &docs)
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert_eq!(paths, ["art-undated", "art-inadequate", "art-later"]);
        let article = docs.iter().find(|d| d.path == "art-good").unwrap();
        assert_eq!(related_to(article, &docs)[0].path, "ilacs2022");
    }

    #[test]
    fn other_authorities_never_relate() {
        let mut docs = corpus();
        for d in docs.iter_mut().filter(|d| d.kind == "article") {
            d.authority = Some("Leeds".into());
        }
        assert!(attach(&docs).is_empty());
    }
}

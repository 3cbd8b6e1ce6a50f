//! Which inspection an article reports on, and which articles report on an
//! inspection: the same authority, nearest in time, with a matching judgement.

use std::collections::HashMap;

use crate::error::Result;
use crate::extract::Kind;
use crate::record::{DocRecord, DocRef, date_days};
use crate::search::{Filters, Hit, list};
use crate::store::Opened;

/// Articles appear after the document they report on; a little before is
/// allowed for press releases that trail a publication.
const BEFORE_DAYS: i64 = 14;
const AFTER_DAYS: i64 = 550;

/// How badly `article` fits `doc` (lower is better); None when it cannot be
/// about it.
fn mismatch(article: &DocRecord, doc: &DocRecord) -> Option<i64> {
    if article.meta.authority.is_none()
        || article.authority_name() != doc.authority_name()
        || doc.is_article()
    {
        return None;
    }
    if doc.meta.kind == Kind::AreaSend {
        // A different inspection regime: only an article that reports a
        // judgement-free SEND story could be about it, which is not knowable here.
        return None;
    }
    let judgement_penalty = match (article.meta.judgement, doc.meta.judgement) {
        (Some(a), Some(d)) if a == d => 0,
        (Some(_), Some(_)) => 400,
        (Some(_), None) => 200,
        (None, Some(_)) => 60,
        (None, None) => 0,
    };
    match (article.when(), doc.when()) {
        (Some(a), Some(d)) => {
            let delta = date_days(a) - date_days(d);
            if !(-BEFORE_DAYS..=AFTER_DAYS).contains(&delta) {
                return None;
            }
            let distance = if delta < 0 { -3 * delta } else { delta };
            Some(distance + judgement_penalty)
        }
        // An undated article can still name the judgement it reports.
        (None, _) => match (article.meta.judgement, doc.meta.judgement) {
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
    for d in docs.iter().filter(|d| !d.is_article()) {
        if let Some(a) = d.authority_name() {
            by_authority.entry(a).or_default().push(d);
        }
    }
    let mut links = HashMap::new();
    for article in docs.iter().filter(|d| d.is_article()) {
        let Some(candidates) = article.authority_name().and_then(|a| by_authority.get(a)) else {
            continue;
        };
        let mut scored: Vec<(i64, &DocRecord)> = candidates
            .iter()
            .filter_map(|d| mismatch(article, d).map(|s| (s, *d)))
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
        let undated = article.when().is_none();
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
pub fn related_to(record: &DocRecord, docs: &[DocRecord]) -> Vec<DocRef> {
    let links = attach(docs);
    let by_path: HashMap<&str, &DocRecord> = docs.iter().map(|d| (d.path.as_str(), d)).collect();
    if record.is_article() {
        links
            .get(&record.path)
            .and_then(|p| by_path.get(p.as_str()))
            .map(|d| vec![d.reference()])
            .unwrap_or_default()
    } else {
        let mut articles: Vec<&DocRecord> = links
            .iter()
            .filter(|(_, doc)| **doc == record.path)
            .filter_map(|(a, _)| by_path.get(a.as_str()).copied())
            .collect();
        articles.sort_by(|a, b| a.when().cmp(&b.when()).then_with(|| a.path.cmp(&b.path)));
        articles.into_iter().map(DocRecord::reference).collect()
    }
}

/// Fill in each hit's related documents from its authority's documents.
pub fn add_related(opened: &Opened, hits: &mut [Hit]) -> Result<()> {
    let mut cache: HashMap<String, Vec<DocRecord>> = HashMap::new();
    for hit in hits {
        let Some(authority) = hit.record.authority_name().map(str::to_string) else {
            hit.related = Some(Vec::new());
            continue;
        };
        if !cache.contains_key(&authority) {
            let filters = Filters {
                terms: vec![("authority".into(), authority.clone())],
            };
            cache.insert(authority.clone(), list(opened, &filters)?);
        }
        hit.related = Some(related_to(&hit.record, &cache[&authority]));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn doc(path: &str, kind: &str, date: Option<&str>, judgement: Option<&str>) -> DocRecord {
        let mut r = DocRecord::empty();
        r.path = path.into();
        // Copies of one document (fv.txt, fv.pdf) have the same title.
        r.meta.title = path.split('.').next().unwrap_or(path).into();
        r.meta.kind = Kind::parse(kind).expect("kind");
        r.meta.authority = crate::extract::find_authority("Wakefield");
        r.meta.date = date.map(|d| crate::record::parse_date(d).expect("date"));
        r.meta.judgement = judgement.map(|j| crate::extract::Judgement::parse(j).expect("grade"));
        r
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
        for d in docs.iter_mut().filter(|d| d.is_article()) {
            d.meta.authority = crate::extract::find_authority("Leeds");
        }
        assert!(attach(&docs).is_empty());
    }
}

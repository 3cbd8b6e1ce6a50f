//! `ofsearch timeline AUTHORITY`: every inspection and visit of a council in
//! date order, with its judgements and the articles about it.

use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

use super::related::attach;
use crate::error::Result;
use crate::extract::{Authority, Judgement, Kind};
use crate::record::{DocRecord, DocRef, day_opt};
use crate::search::{Filters, list};
use crate::store::Opened;

/// One row of a timeline: an inspection document, or an article no
/// inspection document could be found for.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub path: String,
    pub title: String,
    pub kind: Kind,
    #[serde(serialize_with = "day_opt")]
    pub date: Option<Date>,
    #[serde(serialize_with = "day_opt")]
    pub inspection_start: Option<Date>,
    #[serde(serialize_with = "day_opt")]
    pub inspection_end: Option<Date>,
    pub judgement: Option<Judgement>,
    pub judgements: BTreeMap<&'static str, Judgement>,
    pub lead_inspector: Option<String>,
    /// Other files holding the same document (same kind, dates and judgements,
    /// e.g. a letter saved twice in different formats).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    pub articles: Vec<DocRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub authority: String,
    pub la_code: String,
    pub entries: Vec<Entry>,
}

impl Timeline {
    /// Every document shown: the entries, their copies and the articles under them.
    pub fn documents(&self) -> usize {
        self.entries
            .iter()
            .map(|e| 1 + e.copies.len() + e.articles.len())
            .sum()
    }
}

impl Entry {
    /// The day the entry sits at on the time line.
    pub fn when(&self) -> Option<Date> {
        self.date.or(self.inspection_end).or(self.inspection_start)
    }
}

fn entry(r: &DocRecord) -> Entry {
    Entry {
        path: r.path.clone(),
        title: r.meta.title.clone(),
        kind: r.meta.kind,
        date: r.meta.date,
        inspection_start: r.meta.inspection_start,
        inspection_end: r.meta.inspection_end,
        judgement: r.meta.judgement,
        judgements: r.judgements(),
        lead_inspector: r.meta.lead_inspector.clone(),
        copies: Vec::new(),
        articles: Vec::new(),
    }
}

/// Build a timeline from an authority's documents.
pub fn build(authority: &Authority, docs: &[DocRecord]) -> Timeline {
    let links = attach(docs);
    let mut ordered: Vec<&DocRecord> = docs
        .iter()
        .filter(|d| !d.is_article() || !links.contains_key(&d.path))
        .collect();
    ordered.sort_by(|a, b| {
        // Undated documents go last.
        let key = |d: &DocRecord| (d.when().is_none(), d.when(), d.path.clone());
        key(a).cmp(&key(b))
    });
    // Copies of one document (`DocRecord::copy_key`) are one entry.
    let mut entries: Vec<Entry> = Vec::new();
    let mut keys: Vec<Option<u64>> = Vec::new();
    for doc in ordered {
        let key = doc.copy_key();
        match key.and_then(|k| keys.iter().position(|o| *o == Some(k))) {
            Some(i) => entries[i].copies.push(doc.path.clone()),
            None => {
                entries.push(entry(doc));
                keys.push(key);
            }
        }
    }
    let mut articles: Vec<&DocRecord> = docs
        .iter()
        .filter(|d| links.contains_key(&d.path))
        .collect();
    articles.sort_by_key(|d| (d.when().is_none(), d.when(), d.path.clone()));
    for article in articles {
        let target = &links[&article.path];
        if let Some(e) = entries
            .iter_mut()
            .find(|e| &e.path == target || e.copies.contains(target))
        {
            e.articles.push(article.reference());
        }
    }
    Timeline {
        authority: authority.name.clone(),
        la_code: authority.la_code.clone(),
        entries,
    }
}

/// The timeline of one authority from the index.
pub fn timeline(opened: &Opened, authority: &Authority) -> Result<Timeline> {
    let filters = Filters {
        terms: vec![("authority".to_string(), authority.name.clone())],
    };
    let docs = list(opened, &filters)?;
    Ok(build(authority, &docs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::related::tests::doc;

    #[test]
    fn entries_are_in_date_order_with_articles_attached() {
        let authority = Authority {
            name: "Wakefield".into(),
            la_code: "384".into(),
            ons_code: "E08000036".into(),
            region: "Yorkshire and the Humber".into(),
        };
        let docs = vec![
            doc("ilacs2022", "ilacs", Some("2022-01-05"), Some("good")),
            doc("art-good", "article", Some("2022-01-07"), Some("good")),
            doc("ilacs2018", "ilacs", Some("2018-07-17"), Some("inadequate")),
            doc("undated", "other", None, None),
            doc("fv2020", "focused_visit", Some("2020-12-18"), None),
            doc("art-old", "article", Some("2010-01-01"), None),
        ];
        let t = build(&authority, &docs);
        let order: Vec<&str> = t.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            order,
            ["art-old", "ilacs2018", "fv2020", "ilacs2022", "undated"]
        );
        let good = &t.entries[3];
        assert_eq!(good.articles.len(), 1);
        assert_eq!(good.articles[0].path, "art-good");
    }

    #[test]
    fn copies_of_one_letter_are_one_entry() {
        let authority = Authority {
            name: "Wakefield".into(),
            la_code: "384".into(),
            ons_code: "E08000036".into(),
            region: "Yorkshire and the Humber".into(),
        };
        let docs = vec![
            doc("fv.txt", "focused_visit", Some("2020-12-18"), None),
            doc("fv.pdf", "focused_visit", Some("2020-12-18"), None),
            doc("mv.txt", "monitoring_visit", Some("2020-12-18"), None),
            doc("a.txt", "article", Some("2020-12-20"), None),
            doc("b.txt", "article", Some("2020-12-20"), None),
        ];
        let t = build(&authority, &docs);
        let fv = t.entries.iter().find(|e| e.path == "fv.pdf").unwrap();
        assert_eq!(fv.copies, ["fv.txt"]);
        assert_eq!(t.entries.len(), 2, "{:#?}", t.entries);
    }
}

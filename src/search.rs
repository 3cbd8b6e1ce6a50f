//! Running a search: query and filters to tantivy, top documents, facets and
//! snippets. Returns plain data; printing is `output`'s job.

use std::time::Instant;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Order, TantivyDocument};

use crate::error::{Error, Result};
use crate::facets::{FacetCollector, FacetCounts};
use crate::query::{Compiler, parse};
use crate::record::{DocRecord, DocRef};
use crate::schema::col;
use crate::snippet::{Matcher, Snippet, snippets};
use crate::store::Opened;

/// Metadata filters (`--authority`, `--year`, ...): checked in `crate::filters`.
pub use crate::filters::Filters;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Date,
    DateDesc,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub facets: Vec<&'static str>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub count_only: bool,
    pub max_snippets: usize,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub record: DocRecord,
    pub snippets: Vec<Snippet>,
    /// Related documents, when asked for (`--related`).
    pub related: Option<Vec<DocRef>>,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    pub total_hits: u64,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCounts>,
    pub elapsed_ms: f64,
}

/// Parse, compile and run a search.
pub fn search(opened: &Opened, req: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    let node = parse(&req.query)?;
    let searcher = opened.reader.searcher();
    let compiler = Compiler {
        fields: &opened.fields,
        searcher: &searcher,
    };
    let main = compiler
        .compile(&node)?
        .ok_or_else(|| Error::Query("the query has no searchable words".into()))?;
    let query = with_filters(&compiler, main, &req.filters)?;

    let facets = FacetCollector {
        fields: req.facets.clone(),
    };
    // No page can hold more than the index: a huge --limit or --offset must not size
    // the collector's heap.
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let limit = req.limit.min(docs.max(1));
    let offset = req.offset.min(docs);
    let want_top = !req.count_only && req.limit > 0;
    let (total_hits, facets, top) = if want_top {
        let (count, facets, top) = match req.sort {
            Sort::Relevance => {
                let top = TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_score();
                let (c, f, t) = searcher.search(&*query, &(Count, facets, top))?;
                (c, f, t)
            }
            Sort::Date | Sort::DateDesc => {
                let order = if req.sort == Sort::Date {
                    Order::Asc
                } else {
                    Order::Desc
                };
                let top = TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_fast_field::<i64>(col::DATE, order);
                let (c, f, t) = searcher.search(&*query, &(Count, facets, top))?;
                let t = t.into_iter().map(|(_, addr)| (0.0, addr)).collect();
                (c, f, t)
            }
        };
        (count, facets, top)
    } else {
        let (c, f) = searcher.search(&*query, &(Count, facets))?;
        (c, f, Vec::new())
    };

    let matcher = Matcher::from_query(&node);
    let mut hits = Vec::with_capacity(top.len());
    for (i, (score, addr)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let record = opened.record_of(&doc)?;
        let snippets = match opened.text_of(&doc) {
            Some(text) if req.max_snippets > 0 => snippets(&text, &matcher, req.max_snippets, 220),
            _ => Vec::new(),
        };
        hits.push(Hit {
            rank: offset + i + 1,
            score,
            record,
            snippets,
            related: None,
        });
    }
    Ok(SearchResults {
        total_hits: total_hits as u64,
        hits,
        facets,
        elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// Every document matching the filters, ordered by path (for `list`).
pub fn list(opened: &Opened, filters: &Filters) -> Result<Vec<DocRecord>> {
    Ok(list_addressed(opened, filters)?
        .into_iter()
        .map(|(record, _)| record)
        .collect())
}

/// Like [`list`], with each document's address in `opened`'s reader, to fetch its
/// text with [`text_at`].
pub fn list_addressed(opened: &Opened, filters: &Filters) -> Result<Vec<(DocRecord, DocAddress)>> {
    let searcher = opened.reader.searcher();
    let compiler = Compiler {
        fields: &opened.fields,
        searcher: &searcher,
    };
    let query = with_filters(&compiler, Box::new(AllQuery), filters)?;
    let addrs = searcher.search(&*query, &DocSetCollector)?;
    let mut records = addrs
        .into_iter()
        .map(|addr| Ok((opened.record_at(&searcher, addr)?, addr)))
        .collect::<Result<Vec<_>>>()?;
    records.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    Ok(records)
}

/// The clean text stored for the document at `addr` (as indexed).
pub fn text_at(opened: &Opened, addr: DocAddress) -> Result<String> {
    opened.text_at(addr)
}

/// Facet counts over every document matching the filters (no query): the
/// denominators of a trend.
pub fn facet_all(
    opened: &Opened,
    filters: &Filters,
    fields: Vec<&'static str>,
) -> Result<Vec<FacetCounts>> {
    let searcher = opened.reader.searcher();
    let compiler = Compiler {
        fields: &opened.fields,
        searcher: &searcher,
    };
    let query = with_filters(&compiler, Box::new(AllQuery), filters)?;
    Ok(searcher.search(&*query, &FacetCollector { fields })?)
}

fn with_filters(
    compiler: &Compiler<'_>,
    main: Box<dyn Query>,
    filters: &Filters,
) -> Result<Box<dyn Query>> {
    if filters.terms.is_empty() {
        return Ok(main);
    }
    let mut clauses = vec![(Occur::Must, main)];
    for (field, value) in &filters.terms {
        clauses.push((Occur::Must, compiler.field(field, value)?));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

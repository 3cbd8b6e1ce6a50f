//! Running a search: query and filters to tantivy, top documents, facets and
//! snippets. Returns plain data; printing is `output`'s job.

use std::sync::Arc;
use std::time::Instant;
use tantivy::collector::{Collector, Count, DocSetCollector, SegmentCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::extract::SectionName;
use crate::facets::{FacetCollector, FacetCounts};
use crate::fields;
use crate::query::{Compiler, notes_for, parse, query_sections};
use crate::record::{DocRecord, DocRef};
use crate::schema::col;
use crate::snippet::{Matcher, Snippet, snippets_in};
use crate::store::Opened;

/// Metadata filters (`--authority`, `--year`, ...): checked in `crate::filters`.
pub use crate::filters::Filters;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
    DateDesc,
}

/// Facet values shown unless asked otherwise (`--facet-limit`).
pub const DEFAULT_FACET_LIMIT: usize = 20;

#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query; empty to browse the documents the filters select.
    pub query: String,
    pub filters: Filters,
    pub facets: Vec<&'static str>,
    /// Most values per facet (`None`: every value).
    pub facet_limit: Option<usize>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub count_only: bool,
    pub max_snippets: usize,
    /// Show and count copies of one document apart (`--all-copies`).
    pub all_copies: bool,
}

impl SearchRequest {
    /// No query: the documents the filters select, browsed.
    pub fn is_browse(&self) -> bool {
        self.query.trim().is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub record: DocRecord,
    pub snippets: Vec<Snippet>,
    /// The other files holding the same document (counted once with it).
    pub copies: Vec<String>,
    /// Related documents, when asked for (`--related`).
    pub related: Option<Vec<DocRef>>,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    pub total_hits: u64,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCounts>,
    pub elapsed_ms: f64,
    /// Words of the query no document holds, with a "did you mean" when there is
    /// one (`query::notes_for`): for stderr, JSON `note` lines and the web page.
    pub notes: Vec<String>,
}

/// Parse, compile and run a search. Copies of one document count once and show
/// as one hit with its copies listed, unless `all_copies`.
pub fn search(opened: &Opened, req: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    let searcher = opened.reader.searcher();
    let compiler = Compiler {
        fields: &opened.fields,
        searcher: &searcher,
    };
    let node = if req.is_browse() {
        if req.filters.terms.is_empty() {
            return Err(Error::Query(
                "the query is empty: give words to search for, or a filter (authority, kind, year, ...) to browse its documents".into(),
            ));
        }
        None
    } else {
        Some(parse(&req.query)?)
    };
    // `--section NAME`: the query's words are searched in that section.
    let scope: Vec<SectionName> = req
        .filters
        .terms
        .iter()
        .filter(|(f, _)| fields::field(f).is_some_and(|d| d.ty == fields::Type::Sections))
        .filter_map(|(_, v)| SectionName::parse(v))
        .collect();
    let main = match &node {
        Some(node) => compiler
            .compile_in(node, &scope)?
            .ok_or_else(|| Error::Query("the query has no searchable words".into()))?,
        None => Box::new(AllQuery),
    };
    let query = with_filters(&compiler, main, &req.filters)?;
    let groups: Arc<[u64]> = if req.all_copies {
        Arc::from(Vec::new())
    } else {
        Arc::from(opened.payload.copies.clone())
    };
    let facets = FacetCollector {
        fields: req.facets.clone(),
        limit: req.facet_limit,
        groups: groups.clone(),
    };
    let (count, facets, dups) =
        searcher.search(&*query, &(Count, facets, DupCounter(groups.clone())))?;
    // Each copy beyond a group's first is one document too many.
    let extra = dups.members - dups.groups;
    let total_hits = count as u64 - extra;

    // No page can hold more than the index: a huge --limit or --offset must not size
    // the collector's heap.
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let limit = req.limit.min(docs.max(1));
    let offset = req.offset.min(docs);
    let top = if !req.count_only && req.limit > 0 {
        // Fetch enough to fill the page once the extra copies are dropped.
        let want = (offset + limit)
            .saturating_add(extra as usize)
            .min(docs.max(1));
        let sort = match (req.sort, node.is_none()) {
            // Browsing has no relevance: newest first.
            (Sort::Relevance, true) => Sort::DateDesc,
            (sort, _) => sort,
        };
        let top = top_docs(&searcher, &*query, sort, want)?;
        first_of_each_group(&searcher, top, &groups)?
            .into_iter()
            .skip(offset)
            .take(limit)
            .collect()
    } else {
        Vec::new()
    };

    let matcher = node.as_ref().map(Matcher::from_query).unwrap_or_default();
    let mut only = scope.clone();
    if let Some(node) = &node {
        for n in query_sections(node) {
            if !only.contains(&n) {
                only.push(n);
            }
        }
    }
    let mut hits = Vec::with_capacity(top.len());
    for (i, (score, addr, key)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let record = opened.record_of(&doc)?;
        let snippets = match opened.text_head(&doc) {
            Some(text) if req.max_snippets > 0 && !matcher.is_empty() => snippets_in(
                text,
                &matcher,
                req.max_snippets,
                220,
                &record.meta.sections,
                &only,
            ),
            _ => Vec::new(),
        };
        let copies = match key {
            Some(key) => copies_of(opened, &searcher, key, addr)?,
            None => Vec::new(),
        };
        hits.push(Hit {
            rank: offset + i + 1,
            score,
            record,
            snippets,
            copies,
            related: None,
        });
    }
    let notes = match &node {
        Some(node) => notes_for(&searcher, opened.fields.body, node),
        None => Vec::new(),
    };
    Ok(SearchResults {
        total_hits,
        hits,
        facets,
        notes,
        elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The best `want` documents in the order asked for. Ties are broken by the
/// document's content hash, so the same query gives the same hits in the same
/// order on every run (tantivy's own tie order follows the segments' layout,
/// which differs from one indexing run to another).
fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    want: usize,
) -> Result<Vec<(f32, DocAddress)>> {
    let tiebreak = |segment: &tantivy::SegmentReader| {
        segment
            .fast_fields()
            .u64(col::HASH)
            .map(|c| c.first_or_default_col(0))
            .ok()
    };
    let top = TopDocs::with_limit(want);
    Ok(match sort {
        Sort::Relevance => {
            let top = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                let hashes = tiebreak(segment);
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    (score, hashes.as_ref().map_or(0, |h| h.get_val(doc)))
                }
            });
            searcher
                .search(query, &top)?
                .into_iter()
                .map(|((score, _), addr)| (score, addr))
                .collect()
        }
        Sort::Date | Sort::DateDesc => {
            let newest_first = sort == Sort::DateDesc;
            let top = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                let hashes = tiebreak(segment);
                let days = segment.fast_fields().i64(col::DATE).ok();
                move |doc: tantivy::DocId, _: tantivy::Score| {
                    // Undated documents last either way.
                    let day = days.as_ref().and_then(|d| d.first(doc));
                    let key = match day {
                        Some(d) if newest_first => d,
                        Some(d) => -d,
                        None => i64::MIN,
                    };
                    (key, hashes.as_ref().map_or(0, |h| h.get_val(doc)))
                }
            });
            searcher
                .search(query, &top)?
                .into_iter()
                .map(|(_, addr)| (0.0, addr))
                .collect()
        }
    })
}

/// The documents in order, keeping the first of each copy group; each with its
/// group's key when it has copies.
fn first_of_each_group(
    searcher: &Searcher,
    top: Vec<(f32, DocAddress)>,
    groups: &[u64],
) -> Result<Vec<(f32, DocAddress, Option<u64>)>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let key = copy_key_at(searcher, addr)?.filter(|k| groups.binary_search(k).is_ok());
        if let Some(k) = key
            && !seen.insert(k)
        {
            continue;
        }
        out.push((score, addr, key));
    }
    Ok(out)
}

fn copy_key_at(searcher: &Searcher, addr: DocAddress) -> Result<Option<u64>> {
    let column = searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .u64(col::COPY)?;
    Ok(column.first(addr.doc_id).filter(|k| *k != 0))
}

/// The paths of the other documents of a copy group, in path order.
fn copies_of(
    opened: &Opened,
    searcher: &Searcher,
    key: u64,
    except: DocAddress,
) -> Result<Vec<String>> {
    let term = tantivy::Term::from_field_u64(opened.fields.copy, key);
    let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
    let mut paths = Vec::new();
    for addr in searcher.search(&query, &DocSetCollector)? {
        if addr != except {
            paths.push(opened.record_at(searcher, addr)?.path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// How many matching documents belong to copy groups, and how many groups.
struct DupCounter(Arc<[u64]>);

#[derive(Default)]
struct Dups {
    members: u64,
    groups: u64,
}

struct DupSegment {
    groups: Arc<[u64]>,
    copy: Option<tantivy::columnar::Column<u64>>,
    keys: Vec<u64>,
}

impl Collector for DupCounter {
    type Fruit = Dups;
    type Child = DupSegment;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<DupSegment> {
        let copy = if self.0.is_empty() {
            None
        } else {
            Some(segment.fast_fields().u64(col::COPY)?)
        };
        Ok(DupSegment {
            groups: self.0.clone(),
            copy,
            keys: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Dups> {
        let mut keys: Vec<u64> = fruits.into_iter().flatten().collect();
        let members = keys.len() as u64;
        keys.sort_unstable();
        keys.dedup();
        Ok(Dups {
            members,
            groups: keys.len() as u64,
        })
    }
}

impl SegmentCollector for DupSegment {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        if let Some(key) = self.copy.as_ref().and_then(|c| c.first(doc))
            && self.groups.binary_search(&key).is_ok()
        {
            self.keys.push(key);
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.keys
    }
}

/// Every document matching the filters, ordered by path (for `list`).
pub fn list(opened: &Opened, filters: &Filters) -> Result<Vec<DocRecord>> {
    Ok(list_addressed(opened, filters)?
        .into_iter()
        .map(|(record, _)| record)
        .collect())
}

/// Like [`list`], with each document's address in `opened`'s reader, to fetch its
/// text with [`Opened::text_at`].
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
    let collector = FacetCollector {
        groups: Arc::from(opened.payload.copies.clone()),
        ..FacetCollector::all(fields)
    };
    Ok(searcher.search(&*query, &collector)?)
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

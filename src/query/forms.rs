//! A word's indexed forms scored as one term.
//!
//! An unquoted word matches every indexed word sharing its stem (`neglect`,
//! `neglected`, `neglecting`), a wildcard or fuzzy word every word it matches. A
//! union of term queries would score each form apart and add the scores, so a
//! report using three forms once each would outrank one using a single form 21
//! times (BM25 saturates per term). Here the forms are one term: a document's
//! frequency is the sum of its forms' frequencies, and the term's document
//! frequency is the largest of the forms' (as Lucene's `SynonymQuery` does), so
//! the idf is that of the commonest form.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// The forms of one word, matched and scored as one term of `field`.
#[derive(Debug, Clone)]
pub struct FormsQuery {
    field: Field,
    terms: Vec<Term>,
}

impl FormsQuery {
    pub fn new(field: Field, terms: Vec<Term>) -> FormsQuery {
        FormsQuery { field, terms }
    }
}

impl Query for FormsQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => weight_of(statistics_provider, self.field, &self.terms)?,
            EnableScoring::Disabled { .. } => Bm25Weight::for_one_term(1, 1, 1.0),
        };
        Ok(Box::new(FormsWeight {
            field: self.field,
            terms: self.terms.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.terms {
            visitor(t, false);
        }
    }
}

/// BM25 for the forms as one term: the commonest form's document frequency.
fn weight_of(
    stats: &dyn Bm25StatisticsProvider,
    field: Field,
    terms: &[Term],
) -> tantivy::Result<Bm25Weight> {
    let docs = stats.total_num_docs()?.max(1);
    let tokens = stats.total_num_tokens(field)?;
    let mut doc_freq = 0;
    for t in terms {
        doc_freq = doc_freq.max(stats.doc_freq(t)?);
    }
    Ok(Bm25Weight::for_one_term(
        doc_freq,
        docs,
        tokens as Score / docs as Score,
    ))
}

struct FormsWeight {
    field: Field,
    terms: Vec<Term>,
    bm25: Bm25Weight,
}

impl FormsWeight {
    fn forms_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<FormsScorer> {
        let inverted = reader.inverted_index(self.field)?;
        let mut postings = Vec::with_capacity(self.terms.len());
        for t in &self.terms {
            if let Some(p) = inverted.read_postings(t, IndexRecordOption::WithFreqs)? {
                postings.push(p);
            }
        }
        let fieldnorms = reader.get_fieldnorms_reader(self.field)?;
        let mut scorer = FormsScorer {
            postings,
            doc: TERMINATED,
            fieldnorms,
            bm25: self.bm25.boost_by(boost),
        };
        scorer.doc = scorer.lowest();
        Ok(scorer)
    }
}

impl Weight for FormsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.forms_scorer(reader, boost)?;
        if scorer.postings.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.forms_scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(self
            .bm25
            .explain(scorer.fieldnorms.fieldnorm_id(doc), scorer.term_freq()))
    }
}

/// The union of the forms' postings, positioned on the lowest document any holds.
struct FormsScorer {
    postings: Vec<SegmentPostings>,
    doc: DocId,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl FormsScorer {
    fn lowest(&self) -> DocId {
        self.postings
            .iter()
            .map(|p| p.doc())
            .min()
            .unwrap_or(TERMINATED)
    }

    /// The summed frequency of the forms in the current document.
    fn term_freq(&self) -> u32 {
        self.postings
            .iter()
            .filter(|p| p.doc() == self.doc)
            .map(|p| p.term_freq())
            .sum()
    }
}

impl DocSet for FormsScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        for p in &mut self.postings {
            if p.doc() == self.doc {
                p.advance();
            }
        }
        self.doc = self.lowest();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for p in &mut self.postings {
            if p.doc() < target {
                p.seek(target);
            }
        }
        self.doc = self.lowest();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings
            .iter()
            .map(|p| p.size_hint())
            .fold(0u32, u32::saturating_add)
    }
}

impl Scorer for FormsScorer {
    fn score(&mut self) -> Score {
        let norm = self.fieldnorms.fieldnorm_id(self.doc);
        self.bm25.score(norm, self.term_freq())
    }
}

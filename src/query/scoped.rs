//! Words and phrases searched inside report sections.
//!
//! A section is a range of the body's token positions (`section_positions`, see
//! `crate::schema::section_range`). [`InSections`] runs a query on the body and
//! keeps a document only when one of the query's [`Pattern`]s occurs inside one
//! of the document's ranges of the sections asked for: every word of the match
//! inside the same range, so a phrase never matches across a section's edge.
//! Matching and scoring otherwise are the body query's own.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use crate::extract::SectionName;
use crate::schema::{col, parse_section_range};

/// What a match of a query's words is: one slot per word, in order (a slot
/// holds the indexed forms of its word, any of which will do), with at most
/// `slop` positions spent on gaps and transpositions between consecutive words,
/// counted as tantivy counts a sloppy phrase's.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub slots: Vec<Vec<Term>>,
    pub slop: u32,
}

impl Pattern {
    /// One word in any of its forms.
    pub fn forms(terms: Vec<Term>) -> Pattern {
        Pattern {
            slots: vec![terms],
            slop: 0,
        }
    }

    /// Words in order, `slop` positions apart at most.
    pub fn words(terms: Vec<Term>, slop: u32) -> Pattern {
        Pattern {
            slots: terms.into_iter().map(|t| vec![t]).collect(),
            slop,
        }
    }
}

/// `inner` (a query on the body) where one of `patterns` occurs inside one of
/// `sections`.
#[derive(Debug)]
pub struct InSections {
    inner: Box<dyn Query>,
    patterns: Vec<Pattern>,
    sections: Vec<SectionName>,
}

impl InSections {
    pub fn new(inner: Box<dyn Query>, patterns: Vec<Pattern>, sections: Vec<SectionName>) -> Self {
        InSections {
            inner,
            patterns,
            sections,
        }
    }
}

impl Clone for InSections {
    fn clone(&self) -> Self {
        InSections {
            inner: self.inner.box_clone(),
            patterns: self.patterns.clone(),
            sections: self.sections.clone(),
        }
    }
}

impl Query for InSections {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(InSectionsWeight {
            inner: self.inner.weight(scoring)?,
            patterns: self.patterns.clone(),
            sections: self.sections.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct InSectionsWeight {
    inner: Box<dyn Weight>,
    patterns: Vec<Pattern>,
    sections: Vec<SectionName>,
}

impl InSectionsWeight {
    /// The postings of each slot of each pattern that can occur in this segment
    /// (a pattern with a word the segment lacks cannot).
    fn postings(&self, reader: &SegmentReader) -> tantivy::Result<Vec<PatternPostings>> {
        let mut out = Vec::with_capacity(self.patterns.len());
        'patterns: for pattern in &self.patterns {
            let mut slots = Vec::with_capacity(pattern.slots.len());
            for slot in &pattern.slots {
                let mut postings = Vec::with_capacity(slot.len());
                for term in slot {
                    let inverted = reader.inverted_index(term.field())?;
                    if let Some(p) =
                        inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
                    {
                        postings.push(p);
                    }
                }
                if postings.is_empty() {
                    continue 'patterns;
                }
                slots.push(postings);
            }
            out.push(PatternPostings {
                slots,
                slop: pattern.slop,
            });
        }
        Ok(out)
    }
}

impl Weight for InSectionsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(ranges) = reader
            .fast_fields()
            .column_opt::<u64>(col::SECTION_POSITIONS)?
        else {
            return Ok(Box::new(EmptyScorer));
        };
        let patterns = self.postings(reader)?;
        if patterns.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let mut scorer = InSectionsScorer {
            inner: self.inner.scorer(reader, boost)?,
            ranges,
            sections: self.sections.clone(),
            patterns,
            wanted: Vec::new(),
            slot_positions: Vec::new(),
            buffer: Vec::new(),
        };
        let first = scorer.inner.doc();
        if first != TERMINATED && !scorer.inside(first) {
            scorer.advance();
        }
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

struct PatternPostings {
    slots: Vec<Vec<SegmentPostings>>,
    slop: u32,
}

struct InSectionsScorer {
    inner: Box<dyn Scorer>,
    ranges: tantivy::columnar::Column<u64>,
    sections: Vec<SectionName>,
    patterns: Vec<PatternPostings>,
    /// Reused buffers: the document's ranges of the wanted sections, each slot's
    /// positions, one posting's positions.
    wanted: Vec<(u32, u32)>,
    slot_positions: Vec<Vec<u32>>,
    buffer: Vec<u32>,
}

impl InSectionsScorer {
    /// Whether a pattern occurs inside one of the document's wanted sections.
    fn inside(&mut self, doc: DocId) -> bool {
        self.wanted.clear();
        for value in self.ranges.values_for_doc(doc) {
            if let Some((name, from, to)) = parse_section_range(value)
                && self.sections.contains(&name)
            {
                self.wanted.push((from, to));
            }
        }
        if self.wanted.is_empty() {
            return false;
        }
        for pattern in &mut self.patterns {
            self.slot_positions
                .resize_with(pattern.slots.len(), Vec::new);
            for (slot, positions) in pattern.slots.iter_mut().zip(&mut self.slot_positions) {
                positions.clear();
                for postings in slot.iter_mut() {
                    if postings.doc() < doc {
                        postings.seek(doc);
                    }
                    if postings.doc() == doc {
                        postings.positions(&mut self.buffer);
                        positions.extend_from_slice(&self.buffer);
                    }
                }
                if slot.len() > 1 {
                    positions.sort_unstable();
                    positions.dedup();
                }
            }
            let slots = &self.slot_positions[..pattern.slots.len()];
            if self
                .wanted
                .iter()
                .any(|&(from, to)| occurs_within(slots, from, to, pattern.slop))
            {
                return true;
            }
        }
        false
    }
}

impl DocSet for InSectionsScorer {
    fn advance(&mut self) -> DocId {
        loop {
            let doc = self.inner.advance();
            if doc == TERMINATED || self.inside(doc) {
                return doc;
            }
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.inner.seek(target);
        if doc == TERMINATED || self.inside(doc) {
            doc
        } else {
            self.advance()
        }
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for InSectionsScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

/// Whether the words occur with every position in `from..to`: slot `i`'s
/// position less `i` is where the match "starts" by that word, and the
/// distances between consecutive words' starts, added up, are at most `slop`
/// (0: an exact phrase). Positions sorted within each slot.
fn occurs_within(slots: &[Vec<u32>], from: u32, to: u32, slop: u32) -> bool {
    let inside = |positions: &[u32]| -> Vec<i64> {
        let lo = positions.partition_point(|&p| p < from);
        let hi = positions.partition_point(|&p| p < to);
        positions[lo..hi].iter().map(|&p| i64::from(p)).collect()
    };
    let Some(first) = slots.first() else {
        return false;
    };
    // (start, slop spent so far), sorted by start.
    let mut reached: Vec<(i64, u32)> = inside(first).into_iter().map(|p| (p, 0)).collect();
    let slop = i64::from(slop);
    for (i, slot) in slots.iter().enumerate().skip(1) {
        let offset = i as i64;
        let mut next: Vec<(i64, u32)> = Vec::new();
        let mut lo = 0;
        for start in inside(slot).into_iter().map(|p| p - offset) {
            while lo < reached.len() && reached[lo].0 < start - slop {
                lo += 1;
            }
            let best = reached[lo..]
                .iter()
                .take_while(|(s, _)| *s <= start + slop)
                .map(|&(s, spent)| i64::from(spent) + (s - start).abs())
                .filter(|&total| total <= slop)
                .min();
            if let Some(total) = best {
                next.push((start, total as u32));
            }
        }
        if next.is_empty() {
            return false;
        }
        next.sort_unstable();
        reached = next;
    }
    !reached.is_empty()
}

#[cfg(test)]
mod tests {
    use super::occurs_within;

    #[test]
    fn an_exact_phrase_occurs_only_with_every_word_inside_the_range() {
        // "chronic" at 10 and 20, "neglect" at 11 and 30.
        let slots = vec![vec![10, 20], vec![11, 30]];
        assert!(occurs_within(&slots, 5, 15, 0));
        assert!(!occurs_within(&slots, 11, 40, 0), "starts before the range");
        assert!(!occurs_within(&slots, 0, 11, 0), "ends after the range");
        assert!(
            !occurs_within(&slots, 15, 40, 0),
            "20 and 30 are not a phrase"
        );
    }

    #[test]
    fn a_sloppy_phrase_spends_its_slop_on_gaps_and_transpositions() {
        let gap = vec![vec![10], vec![13]]; // two words between
        assert!(!occurs_within(&gap, 0, 100, 1));
        assert!(occurs_within(&gap, 0, 100, 2));
        let swapped = vec![vec![11], vec![10]]; // "b a"
        assert!(!occurs_within(&swapped, 0, 100, 1));
        assert!(occurs_within(&swapped, 0, 100, 2));
        // Three words: the gaps add up.
        let three = vec![vec![10], vec![12], vec![14]];
        assert!(!occurs_within(&three, 0, 100, 1));
        assert!(occurs_within(&three, 0, 100, 2));
    }

    #[test]
    fn one_word_occurs_anywhere_inside() {
        let slots = vec![vec![3, 50]];
        assert!(occurs_within(&slots, 40, 60, 0));
        assert!(!occurs_within(&slots, 4, 50, 0));
        assert!(!occurs_within(&[], 0, 10, 0));
    }
}

//! Compiling a syntax tree (and filters) into tantivy queries for one searcher.

use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::expand::{expand_stem, fuzzy_terms, inspector_names, tokenize, wildcard_terms};
use super::forms::FormsQuery;
use super::forward::ForwardOnly;
use super::scoped::{InSections, Pattern};
use super::{MAX_TERM_EXPANSIONS, Node, bad};
use crate::error::Result;
use crate::extract::SectionName;
use crate::fields::{self, FieldDef, Type, Wanted};
use crate::schema::Fields;

/// Turns syntax trees and filters into tantivy queries for one searcher.
pub struct Compiler<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
}

impl Compiler<'_> {
    /// Compile a parsed query (`None` when nothing in it is searchable) with its words and phrases searched in these
    /// sections (`--section`), or in the body when none is given. A conjunction
    /// naming sections (`section:improve "chronic neglect"`) searches its own
    /// words in them.
    pub fn compile_in(&self, node: &Node, scope: &[SectionName]) -> Result<Option<Box<dyn Query>>> {
        match node {
            Node::Word(w) => Ok(scoped(scope, self.word_leaf(self.fields.body, w))),
            Node::Phrase(p) => Ok(scoped(scope, phrase_leaf(self.fields.body, p))),
            Node::Sloppy(p, slop) => {
                let tokens = tokenize(p);
                Ok(scoped(scope, sloppy(self.fields.body, &tokens, *slop)))
            }
            Node::Near(a, b, slop) => {
                let (a, b) = (tokenize(a), tokenize(b));
                let ab: Vec<String> = a.iter().chain(&b).cloned().collect();
                let ba: Vec<String> = b.iter().chain(&a).cloned().collect();
                let leaves: Vec<Leaf> = [&ab, &ba]
                    .iter()
                    .filter_map(|words| sloppy(self.fields.body, words, *slop))
                    .collect();
                let patterns = leaves.iter().flat_map(|l| l.patterns.clone()).collect();
                let clauses: Vec<(Occur, Box<dyn Query>)> = leaves
                    .into_iter()
                    .map(|l| (Occur::Should, l.query))
                    .collect();
                Ok(scoped(
                    scope,
                    (!clauses.is_empty()).then(|| Leaf {
                        query: Box::new(BooleanQuery::new(clauses)),
                        patterns,
                    }),
                ))
            }
            Node::Wildcard(pattern) => {
                let terms = wildcard_terms(
                    self.searcher,
                    self.fields.body,
                    pattern,
                    MAX_TERM_EXPANSIONS,
                )
                .map_err(|_| too_many(pattern))?;
                Ok(scoped(scope, Some(forms_leaf(self.fields.body, terms))))
            }
            Node::Fuzzy(word, edits) => {
                let token = match tokenize(word).as_slice() {
                    [one] => one.clone(),
                    _ => {
                        return Err(bad(format!(
                            "'{word}~{edits}': a fuzzy term is one word (no spaces or punctuation)"
                        )));
                    }
                };
                let terms = fuzzy_terms(
                    self.searcher,
                    self.fields.body,
                    &token,
                    *edits,
                    MAX_TERM_EXPANSIONS,
                )
                .map_err(|_| too_many(&format!("{word}~{edits}")))?;
                let terms: Vec<String> = terms.into_keys().collect();
                Ok(scoped(scope, Some(forms_leaf(self.fields.body, terms))))
            }
            Node::Boost(inner, boost) => Ok(self
                .compile_in(inner, scope)?
                .map(|q| Box::new(BoostQuery::new(q, *boost)) as Box<dyn Query>)),
            Node::Field(f, v) => self.field(f, v).map(Some),
            Node::Not(inner) => Ok(self.compile_in(inner, scope)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, exclusion(q)),
                ])) as Box<dyn Query>
            })),
            Node::And(parts) => {
                let named = sections_named(parts)?;
                self.and(
                    &distinct(parts),
                    if named.is_empty() { scope } else { &named },
                )
            }
            Node::Or(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for part in distinct(parts) {
                    if let Some(q) = self.compile_in(part, scope)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                Ok((!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as _))
            }
        }
    }

    /// Every positive part must match and no negated one; a conjunction of
    /// negations alone matches every other document.
    fn and(&self, parts: &[&Node], scope: &[SectionName]) -> Result<Option<Box<dyn Query>>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut positive = false;
        for part in parts {
            let (occur, inner) = match part {
                Node::Not(inner) => (Occur::MustNot, inner.as_ref()),
                other => (Occur::Must, *other),
            };
            if let Some(q) = self.compile_in(inner, scope)? {
                positive |= occur == Occur::Must;
                let q = if occur == Occur::MustNot {
                    exclusion(q)
                } else {
                    q
                };
                clauses.push((occur, q));
            }
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        if !positive {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// An unquoted word: one token expands to the indexed words sharing its stem;
    /// a hyphenated word (`multi-agency`) is its joined form, which the index holds
    /// for hyphenated and closed spellings alike; any other word that splits into
    /// several tokens ("children's", "10:30", a web address) is a phrase.
    fn word_leaf(&self, field: Field, word: &str) -> Option<Leaf> {
        let tokens = tokenize(word);
        match tokens.as_slice() {
            [] => None,
            [single] => Some(forms_leaf(field, expand_stem(self.searcher, field, single))),
            _ => match crate::schema::joined_form(word) {
                Some(joined) => Some(forms_leaf(
                    field,
                    expand_stem(self.searcher, field, &joined),
                )),
                None => phrase_leaf(field, word),
            },
        }
    }

    /// A `field:value` restriction, or a filter given as an option: the value is
    /// read by the field's own reader, then matched by the field's type.
    pub fn field(&self, name: &str, value: &str) -> Result<Box<dyn Query>> {
        let def = fields::field(name)
            .filter(|f| f.query)
            .ok_or_else(|| unknown_field(name))?;
        let wanted = def.wanted(value).map_err(bad)?;
        let index = self.fields.of(def).ok_or_else(|| unknown_field(name))?;
        Ok(match (def.ty, wanted) {
            (Type::Text, Wanted::Words(text)) => if text.contains(char::is_whitespace) {
                phrase_leaf(index, &text)
            } else {
                self.word_leaf(index, &text)
            }
            .map_or_else(|| Box::new(EmptyQuery) as Box<dyn Query>, |l| l.query),
            (Type::Names, Wanted::Words(key)) => self.names(def, &key),
            (Type::Year | Type::Day, Wanted::Range(lo, hi)) => int_range(index, lo, hi),
            (_, Wanted::Exact(term)) => exact(index, &term),
            (_, other) => {
                return Err(bad(format!(
                    "'{}' cannot be matched with {other:?}",
                    def.name
                )));
            }
        })
    }

    /// Documents naming a person: every indexed name that has the words of `key`.
    fn names(&self, def: &FieldDef, key: &str) -> Box<dyn Query> {
        let Some(key_field) = self.fields.key_of(def) else {
            return Box::new(EmptyQuery);
        };
        let names = inspector_names(self.searcher, key_field, key);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = names
            .iter()
            .map(|n| (Occur::Should, exact(key_field, n)))
            .collect();
        match clauses.len() {
            0 => Box::new(EmptyQuery),
            1 => clauses.remove(0).1,
            _ => Box::new(BooleanQuery::new(clauses)),
        }
    }
}

/// A query on the body or a title with the patterns its matches are made of
/// (which a section scope checks positions against: [`InSections`]).
struct Leaf {
    query: Box<dyn Query>,
    patterns: Vec<Pattern>,
}

/// `leaf` as it is, or inside the sections of `scope` (any of them) when there
/// are any.
fn scoped(scope: &[SectionName], leaf: Option<Leaf>) -> Option<Box<dyn Query>> {
    let leaf = leaf?;
    if scope.is_empty() {
        return Some(leaf.query);
    }
    Some(Box::new(InSections::new(
        leaf.query,
        leaf.patterns,
        scope.to_vec(),
    )))
}

/// The indexed forms of one word, scored as one term (see `forms`).
fn forms_leaf(field: Field, terms: impl IntoIterator<Item = String>) -> Leaf {
    let terms: Vec<Term> = terms
        .into_iter()
        .map(|t| Term::from_field_text(field, &t))
        .collect();
    let query: Box<dyn Query> = match terms.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(TermQuery::new(
            terms[0].clone(),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(FormsQuery::new(field, terms.clone())),
    };
    Leaf {
        query,
        patterns: vec![Pattern::forms(terms)],
    }
}

/// The error for a wildcard or fuzzy word matching too many indexed words.
fn too_many(term: &str) -> crate::error::Error {
    bad(format!(
        "'{term}' matches more than {MAX_TERM_EXPANSIONS} different indexed words; \
         give more letters"
    ))
}

/// Words in order with at most `slop` other words among them.
fn sloppy(field: Field, tokens: &[String], slop: u32) -> Option<Leaf> {
    let terms: Vec<Term> = tokens
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    let query: Box<dyn Query> = match terms.len() {
        0 => return None,
        1 => Box::new(TermQuery::new(
            terms[0].clone(),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new_with_offset_and_slop(
            terms.iter().cloned().enumerate().collect(),
            slop,
        )),
    };
    Some(Leaf {
        query,
        patterns: vec![Pattern::words(terms, slop)],
    })
}

/// The sections a conjunction names (`section:improve`), which its words are
/// searched in.
fn sections_named(parts: &[Node]) -> Result<Vec<SectionName>> {
    let mut out = Vec::new();
    for part in parts {
        if let Node::Field(f, v) = part
            && let Some(def) = fields::field(f).filter(|d| d.ty == Type::Sections)
            && let Wanted::Exact(name) = def.wanted(v).map_err(bad)?
            && let Some(n) = SectionName::parse(&name)
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    Ok(out)
}

/// The sections a query's words are searched in: those its top-level
/// conjunction names (for snippets to come from them).
pub fn query_sections(node: &Node) -> Vec<SectionName> {
    match node {
        Node::And(parts) => sections_named(parts).unwrap_or_default(),
        Node::Field(..) => sections_named(std::slice::from_ref(node)).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The error for a name that is not a queryable field.
fn unknown_field(name: &str) -> crate::error::Error {
    let names: Vec<&str> = fields::query_fields().map(|f| f.name).collect();
    bad(format!(
        "unknown field '{name}' (fields: {})",
        names.join(", ")
    ))
}

/// An exact term, scoring nothing (metadata restricts, it does not rank).
fn exact(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )),
        0.0,
    ))
}

fn int_range(field: Field, lo: i64, hi: i64) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_i64(field, lo)),
            Bound::Included(Term::from_field_i64(field, hi)),
        )),
        0.0,
    ))
}

/// A query used as a `MustNot` clause. tantivy 0.27's `Exclude` may ask an
/// exclusion scorer about a document before the one it is positioned on; phrase
/// scorers assert against that (quickwit-oss/tantivy#2811), so exclusions are
/// wrapped in a scorer that answers such backward probes itself.
fn exclusion(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ForwardOnly(q))
}

/// The parts of an AND or OR once each: a repeated word or phrase adds nothing
/// to what matches, and each would be expanded against the term dictionary
/// again (2,000 one-letter words took 150 ms).
fn distinct(parts: &[Node]) -> Vec<&Node> {
    let mut out: Vec<&Node> = Vec::with_capacity(parts.len());
    let mut words = std::collections::HashSet::new();
    for part in parts {
        let new = match part {
            Node::Word(w) | Node::Phrase(w) => words.insert((matches!(part, Node::Word(_)), w)),
            other => !out.contains(&other),
        };
        if new {
            out.push(part);
        }
    }
    out
}

/// A quoted phrase on the unstemmed field: one token is a term query.
fn phrase_leaf(field: Field, text: &str) -> Option<Leaf> {
    sloppy(field, &tokenize(text), 0)
}

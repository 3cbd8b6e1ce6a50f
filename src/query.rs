//! The query language: parsing user text into a syntax tree, with limits checked
//! before any recursion, and compiling the tree into a tantivy query.
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*
//! unary   := ("NOT" | "-") unary | primary
//! primary := "(" or ")" | "\"phrase\"" | field ":" (word | "\"phrase\"") | word
//! ```

use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};
use tantivy::{Searcher, Term};

use crate::error::{Error, Result};
use crate::extract::{self, Judgement, Kind};
use crate::record::{date_days, parse_date};
use crate::schema::{Fields, SUB_JUDGEMENTS, inspector_key, text_analyzer};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses (and NOTs) accepted.
pub const MAX_DEPTH: usize = 32;
/// Most indexed words one query word may expand to through its stem.
const MAX_EXPANSIONS: usize = 64;

/// The metadata fields usable as `field:value` in a query.
pub const QUERY_FIELDS: [&str; 15] = [
    "title",
    "authority",
    "la_code",
    "region",
    "kind",
    "judgement",
    "inspector",
    "year",
    "academic_year",
    "date",
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
];

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An unquoted word: matches its stemmed forms.
    Word(String),
    /// A quoted phrase: matches exactly, unstemmed.
    Phrase(String),
    /// `field:value` on a metadata field.
    Field(String, String),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Word(String),
    Phrase(String),
    Field(String, String),
}

fn bad(msg: impl Into<String>) -> Error {
    Error::Query(msg.into())
}

/// Check the raw text against the limits, then parse it.
pub fn parse(input: &str) -> Result<Node> {
    if raw_depth(input) > MAX_DEPTH {
        return Err(bad(format!(
            "parentheses are nested more than {MAX_DEPTH} deep"
        )));
    }
    if input.len() > MAX_QUERY_BYTES {
        return Err(bad(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            input.len()
        )));
    }
    if let Some(c) = input.chars().find(|c| c.is_control() && !c.is_whitespace()) {
        return Err(bad(format!(
            "the query contains a control character (U+{:04X})",
            c as u32
        )));
    }
    if input.trim().is_empty() {
        return Err(bad("the query is empty"));
    }
    let tokens = lex(input)?;
    check_depth(&tokens)?;
    let mut parser = Parser { tokens, pos: 0 };
    let node = parser.or()?;
    match parser.tokens.get(parser.pos) {
        None => Ok(node),
        Some(Token::Close) => Err(bad("unbalanced parentheses: a ')' has no matching '('")),
        Some(t) => Err(bad(format!("unexpected {t:?}"))),
    }
}

/// Deepest parenthesis nesting outside quotes, by a flat scan of the raw text.
fn raw_depth(input: &str) -> usize {
    let (mut depth, mut max, mut quoted) = (0usize, 0usize, false);
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                max = max.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn lex(input: &str) -> Result<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ')' => {
                chars.next();
                tokens.push(Token::Close);
            }
            '"' => {
                chars.next();
                tokens.push(Token::Phrase(read_quoted(input, start, &mut chars)?));
            }
            '-' if !tokens.is_empty() || start == 0 => {
                chars.next();
                match chars.peek() {
                    Some(&(_, n)) if !n.is_whitespace() && n != ')' => tokens.push(Token::Not),
                    _ => {}
                }
            }
            _ => {
                let mut end = start;
                while let Some(&(i, ch)) = chars.peek() {
                    if ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"' {
                        break;
                    }
                    end = i + ch.len_utf8();
                    chars.next();
                    if ch == ':' {
                        break;
                    }
                }
                let word = &input[start..end];
                if let Some(field) = word.strip_suffix(':') {
                    tokens.push(field_token(input, field, &mut chars)?);
                    continue;
                }
                tokens.push(match word {
                    "AND" | "&&" => Token::And,
                    "OR" | "||" => Token::Or,
                    "NOT" => Token::Not,
                    _ => Token::Word(word.to_string()),
                });
            }
        }
    }
    Ok(tokens)
}

fn read_quoted(
    input: &str,
    open: usize,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<String> {
    for (i, ch) in chars.by_ref() {
        if ch == '"' {
            return Ok(input[open + 1..i].to_string());
        }
    }
    Err(bad("unbalanced quotes: a '\"' is not closed"))
}

fn field_token(
    input: &str,
    field: &str,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<Token> {
    let looks_like_field =
        !field.is_empty() && field.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
    if !looks_like_field {
        // "10:30", "a:b:c": not a field, keep as a word.
        let mut word = format!("{field}:");
        while let Some(&(_, ch)) = chars.peek() {
            if ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"' {
                break;
            }
            word.push(ch);
            chars.next();
        }
        return Ok(Token::Word(word));
    }
    let name = field.to_ascii_lowercase();
    if !QUERY_FIELDS.contains(&name.as_str()) && name != "lscb" {
        return Err(bad(format!(
            "unknown field '{field}' (fields: {}, lscb)",
            QUERY_FIELDS.join(", ")
        )));
    }
    let value = match chars.peek() {
        Some(&(i, '"')) => {
            chars.next();
            read_quoted(input, i, chars)?
        }
        _ => {
            let mut value = String::new();
            while let Some(&(_, ch)) = chars.peek() {
                if ch.is_whitespace() || ch == '(' || ch == ')' {
                    break;
                }
                value.push(ch);
                chars.next();
            }
            value
        }
    };
    if value.trim().is_empty() {
        return Err(bad(format!("'{field}:' needs a value")));
    }
    Ok(Token::Field(name, value))
}

/// Refuse deep nesting before the (recursive) parser sees it.
fn check_depth(tokens: &[Token]) -> Result<()> {
    let mut depth = 0usize;
    let mut nots = 0usize;
    for t in tokens {
        match t {
            Token::Open => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(bad(format!(
                        "parentheses are nested more than {MAX_DEPTH} deep"
                    )));
                }
            }
            Token::Close => {
                if depth == 0 {
                    return Err(bad("unbalanced parentheses: a ')' has no matching '('"));
                }
                depth -= 1;
            }
            Token::Not => {
                nots += 1;
                if nots > MAX_DEPTH {
                    return Err(bad(format!("more than {MAX_DEPTH} NOTs in a row")));
                }
                continue;
            }
            _ => {}
        }
        nots = 0;
    }
    if depth > 0 {
        return Err(bad("unbalanced parentheses: a '(' is not closed"));
    }
    Ok(())
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn or(&mut self) -> Result<Node> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Node> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Token::And) => {
                    self.pos += 1;
                    parts.push(self.unary()?);
                }
                None | Some(Token::Or) | Some(Token::Close) => break,
                Some(_) => parts.push(self.unary()?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node> {
        if self.peek() == Some(&Token::Not) {
            self.pos += 1;
            return Ok(Node::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        match token {
            Some(Token::Open) => {
                if self.peek() == Some(&Token::Close) {
                    return Err(bad("empty parentheses"));
                }
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(bad("unbalanced parentheses: a '(' is not closed"));
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(Token::Word(w)) => Ok(Node::Word(w)),
            Some(Token::Phrase(p)) => Ok(Node::Phrase(p)),
            Some(Token::Field(f, v)) => Ok(Node::Field(f, v)),
            Some(Token::Close) => Err(bad("unbalanced parentheses: a ')' has no matching '('")),
            Some(Token::And) | Some(Token::Or) => Err(bad("AND/OR needs a term on both sides")),
            Some(Token::Not) => Err(bad("NOT needs a term after it")),
            None => Err(bad("the query ends where a term was expected")),
        }
    }
}

/// Turns syntax trees and filters into tantivy queries for one searcher.
pub struct Compiler<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
}

impl Compiler<'_> {
    /// Compile a parsed query; `None` when nothing in it is searchable.
    pub fn compile(&self, node: &Node) -> Result<Option<Box<dyn Query>>> {
        match node {
            Node::Word(w) => Ok(self.word(self.fields.body, w)),
            Node::Phrase(p) => Ok(phrase(self.fields.body, p)),
            Node::Field(f, v) => self.field(f, v).map(Some),
            Node::Not(inner) => Ok(self.compile(inner)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, exclusion(q)),
                ])) as Box<dyn Query>
            })),
            Node::And(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                let mut positive = false;
                for part in parts {
                    let (occur, inner) = match part {
                        Node::Not(inner) => (Occur::MustNot, inner.as_ref()),
                        other => (Occur::Must, other),
                    };
                    if let Some(q) = self.compile(inner)? {
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
            Node::Or(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for part in parts {
                    if let Some(q) = self.compile(part)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                Ok((!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as _))
            }
        }
    }

    /// An unquoted word: one token expands to the indexed words sharing its stem;
    /// a word that splits into several tokens ("children's") is a phrase.
    fn word(&self, field: Field, word: &str) -> Option<Box<dyn Query>> {
        let tokens = tokenize(word);
        match tokens.as_slice() {
            [] => None,
            [single] => Some(self.stem_expansion(field, single)),
            _ => phrase(field, word),
        }
    }

    fn stem_expansion(&self, field: Field, token: &str) -> Box<dyn Query> {
        let terms = expand_stem(self.searcher, field, token);
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|t| {
                let q = TermQuery::new(
                    Term::from_field_text(field, &t),
                    IndexRecordOption::WithFreqs,
                );
                (Occur::Should, Box::new(q) as Box<dyn Query>)
            })
            .collect();
        match clauses.len() {
            0 => Box::new(EmptyQuery),
            _ => Box::new(BooleanQuery::new(clauses)),
        }
    }

    /// A `field:value` restriction, or a filter given as an option.
    pub fn field(&self, name: &str, value: &str) -> Result<Box<dyn Query>> {
        let f = self.fields;
        let exact = |field: Field, v: &str| -> Box<dyn Query> {
            Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                )),
                0.0,
            ))
        };
        let q = match name {
            "title" => {
                let node = if value.contains(char::is_whitespace) {
                    phrase(f.title, value)
                } else {
                    self.word(f.title, value)
                };
                node.unwrap_or_else(|| Box::new(EmptyQuery))
            }
            "authority" => {
                let a = extract::find_authority(value)
                    .ok_or_else(|| bad(format!("unknown authority '{value}'")))?;
                exact(f.authority, &a.name)
            }
            "la_code" => exact(f.la_code, value.trim()),
            "region" => {
                let region = extract::find_region(value)
                    .ok_or_else(|| bad(format!("unknown region '{value}'")))?;
                exact(f.region, region)
            }
            "kind" => {
                let k = Kind::parse(value).ok_or_else(|| {
                    bad(format!(
                        "unknown kind '{value}' (kinds: {})",
                        Kind::ALL.map(|k| k.as_str()).join(", ")
                    ))
                })?;
                exact(f.kind, k.as_str())
            }
            "judgement" => exact(f.judgement, parse_judgement(value)?.as_str()),
            "inspector" => {
                let names = inspector_names(self.searcher, f.inspector_key, &inspector_key(value));
                let clauses: Vec<(Occur, Box<dyn Query>)> = names
                    .iter()
                    .map(|n| (Occur::Should, exact(f.inspector_key, n)))
                    .collect();
                match clauses.len() {
                    0 => Box::new(EmptyQuery),
                    1 => clauses
                        .into_iter()
                        .next()
                        .map(|(_, q)| q)
                        .expect("one clause"),
                    _ => Box::new(BooleanQuery::new(clauses)),
                }
            }
            "year" => {
                let (lo, hi) = parse_year_range(value)?;
                int_range(f.year, i64::from(lo), i64::from(hi))
            }
            "academic_year" => exact(f.academic_year, &parse_academic_year(value)?),
            "date" => {
                let (lo, hi) = parse_date_range(value)?;
                int_range(f.date, lo, hi)
            }
            sub => {
                let field = f
                    .sub_judgements
                    .iter()
                    .find(|(n, _)| *n == sub)
                    .map(|(_, field)| *field)
                    .ok_or_else(|| {
                        bad(format!(
                            "unknown field '{sub}' (fields: {}, {})",
                            QUERY_FIELDS.join(", "),
                            SUB_JUDGEMENTS[5]
                        ))
                    })?;
                exact(field, parse_judgement(value)?.as_str())
            }
        };
        Ok(q)
    }
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
    Box::new(forward::ForwardOnly(q))
}

/// A quoted phrase on the unstemmed field: one token is a term query.
fn phrase(field: Field, text: &str) -> Option<Box<dyn Query>> {
    let tokens = tokenize(text);
    let terms: Vec<Term> = tokens
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms[0].clone(),
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    }
}

/// The tokens the index holds for a piece of text.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut analyzer = text_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

thread_local! {
    static STEMMER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build(),
    );
}

/// The English stem of one (lower-case) token.
pub fn stem(token: &str) -> String {
    STEMMER.with(|s| {
        let mut analyzer = s.borrow_mut();
        let mut stream = analyzer.token_stream(token);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            token.to_string()
        }
    })
}

/// The indexed terms of `field` whose stem equals the stem of `token`.
/// Stems are prefixes of their words except for a changed last letter
/// (happy -> happi), so the term dictionary is scanned from the stem less one char.
pub fn expand_stem(searcher: &Searcher, field: Field, token: &str) -> BTreeSet<String> {
    let target = stem(token);
    let mut prefix: String = target.clone();
    if prefix.chars().count() > 3 {
        prefix.pop();
    }
    let mut upper = prefix.clone().into_bytes();
    upper.push(0xff);
    let mut found = BTreeSet::new();
    found.insert(token.to_string());
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(&upper)
            .into_stream()
        else {
            continue;
        };
        while stream.advance() {
            if found.len() >= MAX_EXPANSIONS {
                return found;
            }
            if let Ok(term) = std::str::from_utf8(stream.key())
                && !found.contains(term)
                && stem(term) == target
            {
                found.insert(term.to_string());
            }
        }
    }
    found
}

/// The indexed inspector names (keys) that `key` names: the whole name, or a
/// run of whole words in it (`parkes`, `nigel`, `nigel parkes`), case-insensitive.
pub fn inspector_names(searcher: &Searcher, field: Field, key: &str) -> BTreeSet<String> {
    let wanted: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut found = BTreeSet::new();
    if wanted.is_empty() {
        return found;
    }
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(name) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let words: Vec<&str> = name.split(' ').collect();
            if !found.contains(name) && words.windows(wanted.len()).any(|w| w == wanted) {
                found.insert(name.to_string());
            }
        }
    }
    found
}

fn parse_judgement(value: &str) -> Result<Judgement> {
    Judgement::parse(value).ok_or_else(|| {
        bad(format!(
            "unknown judgement '{value}' (judgements: {})",
            Judgement::ALL.map(|j| j.as_str()).join(", ")
        ))
    })
}

/// `2019` or `2018..2020` (either end may be omitted).
pub fn parse_year_range(value: &str) -> Result<(i32, i32)> {
    let err = || {
        bad(format!(
            "'{value}' is not a year or a range like 2018..2020"
        ))
    };
    let year = |s: &str, default: i32| -> Result<i32> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(default);
        }
        s.parse::<i32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(err)
    };
    match value.split_once("..") {
        Some((a, b)) => {
            let (lo, hi) = (year(a, 1000)?, year(b, 9999)?);
            if lo > hi {
                return Err(bad(format!("the year range '{value}' is empty")));
            }
            Ok((lo, hi))
        }
        None if !value.trim().is_empty() => {
            let y = year(value, 0)?;
            Ok((y, y))
        }
        None => Err(err()),
    }
}

/// A date `YYYY-MM-DD` or a range `A..B`, as day numbers.
pub fn parse_date_range(value: &str) -> Result<(i64, i64)> {
    let day = |s: &str, default: i64| -> Result<i64> {
        if s.trim().is_empty() {
            return Ok(default);
        }
        parse_date(s)
            .map(date_days)
            .ok_or_else(|| bad(format!("'{s}' is not a date (YYYY-MM-DD)")))
    };
    match value.split_once("..") {
        Some((a, b)) => Ok((day(a, i64::MIN)?, day(b, i64::MAX)?)),
        None => {
            let d = day(value, 0)?;
            Ok((d, d))
        }
    }
}

/// `2019/20`, `2019-20` or `2019/2020` -> `2019/20`.
pub fn parse_academic_year(value: &str) -> Result<String> {
    let err = || bad(format!("'{value}' is not an academic year like 2019/20"));
    let (a, b) = value.trim().split_once(['/', '-']).ok_or_else(err)?;
    let start: i32 = a.parse().map_err(|_| err())?;
    let end: i32 = b.parse().map_err(|_| err())?;
    let expected = start + 1;
    if !(1000..=9999).contains(&start)
        || (end != expected && end != expected.rem_euclid(100))
        || b.len() > 4
    {
        return Err(err());
    }
    Ok(format!("{start}/{:02}", expected.rem_euclid(100)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_anded_and_phrases_kept() {
        let n = parse("care \"chronic neglect\" leavers").unwrap();
        assert_eq!(
            n,
            Node::And(vec![
                Node::Word("care".into()),
                Node::Phrase("chronic neglect".into()),
                Node::Word("leavers".into())
            ])
        );
    }

    #[test]
    fn or_not_minus_and_fields() {
        let n = parse("(a OR b) -c NOT d year:2019").unwrap();
        assert_eq!(
            n,
            Node::And(vec![
                Node::Or(vec![Node::Word("a".into()), Node::Word("b".into())]),
                Node::Not(Box::new(Node::Word("c".into()))),
                Node::Not(Box::new(Node::Word("d".into()))),
                Node::Field("year".into(), "2019".into()),
            ])
        );
        assert_eq!(
            parse("authority:\"North Yorkshire\"").unwrap(),
            Node::Field("authority".into(), "North Yorkshire".into())
        );
        assert_eq!(
            parse("co-operation").unwrap(),
            Node::Word("co-operation".into())
        );
    }

    #[test]
    fn bad_queries_are_errors() {
        for q in [
            "", "   ", "\"open", "(a", "a)", "()", "foo:bar", "a OR", "NOT", "x\u{1}y", "year:",
        ] {
            assert!(parse(q).is_err(), "{q:?} should be rejected");
        }
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&deep).unwrap_err().to_string().contains("nested"));
        assert!(parse(&"a ".repeat(600_000)).is_err());
        let nots = "NOT ".repeat(500) + "a";
        assert!(parse(&nots).is_err());
    }

    #[test]
    fn year_and_academic_year_values() {
        assert_eq!(parse_year_range("2019").unwrap(), (2019, 2019));
        assert_eq!(parse_year_range("2018..2020").unwrap(), (2018, 2020));
        assert_eq!(parse_year_range("..2020").unwrap(), (1000, 2020));
        assert!(parse_year_range("abc").is_err());
        assert!(parse_year_range("2020..2018").is_err());
        assert_eq!(parse_academic_year("2019-20").unwrap(), "2019/20");
        assert_eq!(parse_academic_year("2019/2020").unwrap(), "2019/20");
        assert!(parse_academic_year("2019/22").is_err());
    }

    #[test]
    fn stems_and_tokens() {
        assert_eq!(stem("neglected"), stem("neglect"));
        assert_eq!(
            tokenize("Children's  Services"),
            vec!["children", "s", "services"]
        );
    }
}

/// A query whose scorers never see a backward `seek_danger`.
mod forward {
    use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
    use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

    #[derive(Debug)]
    pub struct ForwardOnly(pub Box<dyn Query>);

    impl Clone for ForwardOnly {
        fn clone(&self) -> Self {
            ForwardOnly(self.0.box_clone())
        }
    }

    impl Query for ForwardOnly {
        fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
            Ok(Box::new(ForwardWeight(self.0.weight(scoring)?)))
        }

        fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
            self.0.query_terms(visitor);
        }
    }

    struct ForwardWeight(Box<dyn Weight>);

    impl Weight for ForwardWeight {
        fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
            Ok(Box::new(ForwardScorer(self.0.scorer(reader, boost)?)))
        }

        fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
            self.0.explain(reader, doc)
        }
    }

    struct ForwardScorer(Box<dyn Scorer>);

    impl DocSet for ForwardScorer {
        fn advance(&mut self) -> DocId {
            self.0.advance()
        }

        fn seek(&mut self, target: DocId) -> DocId {
            self.0.seek(target)
        }

        fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
            let doc = self.0.doc();
            if target < doc {
                // Only happens on the first probe, while the scorer still sits
                // on its first match: nothing before that matches.
                return SeekDangerResult::SeekLowerBound(doc);
            }
            self.0.seek_danger(target)
        }

        fn doc(&self) -> DocId {
            self.0.doc()
        }

        fn size_hint(&self) -> u32 {
            self.0.size_hint()
        }
    }

    impl Scorer for ForwardScorer {
        fn score(&mut self) -> Score {
            self.0.score()
        }
    }
}

//! Snippets: the best fragments of a document's text around the query's matches,
//! with whole phrases (not single words) highlighted, each saying which section
//! of the report it comes from; a search scoped to sections takes its fragments
//! from them only.
//!
//! The work per hit is bounded, so a search costs the same on a 60 MB document
//! as on a 60 KB one: at most [`MAX_PATTERNS`] distinct words and phrases are
//! highlighted; each token is compared only with the patterns it can start
//! (looked up by its text, or by stem for the few stemmed words); the first
//! [`MAX_SCAN_BYTES`] of the text are scanned, and when they hold no match the
//! next [`MAX_SEEK_BYTES`] are searched (one pass of a fast multi-pattern
//! search) for the first place a match may start, and the text around it is
//! scanned instead; the scan stops at [`MAX_MATCHES`] matches (a text where
//! nearly every word matches a long query).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::Serialize;

use crate::extract::{SectionName, Sections};
use crate::query::{Node, glob_match, stem, tokenize};
use crate::schema::parts_analyzer;

/// A fragment of text; `highlights` are byte ranges into `text`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
    /// The section of the report its first match is in (the innermost one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'static str>,
}

/// Distinct words and phrases highlighted; the rest of a longer query is not.
pub const MAX_PATTERNS: usize = 32;
/// Bytes of a hit's text scanned for matches.
pub const MAX_SCAN_BYTES: usize = 256 * 1024;
/// Bytes searched beyond the scanned part when it holds no match.
pub const MAX_SEEK_BYTES: usize = 8 << 20;
/// Matches found in a hit's text before the scan stops (far more than any
/// report or article has in its first [`MAX_SCAN_BYTES`]).
pub const MAX_MATCHES: usize = 4096;

/// What to highlight: the positive words and phrases of a query.
#[derive(Debug, Default, Clone)]
pub struct Matcher {
    /// Token sequences; a one-token sequence with `exact == false` matches by stem.
    patterns: Vec<Pattern>,
    /// Exact patterns by their first token.
    by_first: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// The stemmed (one-word) patterns.
    stemmed: Vec<usize>,
    /// The wildcard and fuzzy (one-word) patterns.
    liked: Vec<usize>,
    /// Where a match may start, for the seek past the scanned part (built on
    /// first use).
    seek: OnceLock<Option<AhoCorasick>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    tokens: Vec<String>,
    stem: Option<String>,
    /// A one-token pattern matched otherwise than by stem or equality.
    like: Option<Like>,
}

#[derive(Debug, Clone, PartialEq)]
enum Like {
    /// `neglec*`: tokens the wildcard pattern matches.
    Wildcard(String),
    /// `neglet~1`: tokens at most this many edits away.
    Fuzzy(u8),
}

impl Matcher {
    pub fn from_query(node: &Node) -> Matcher {
        let mut m = Matcher::default();
        m.collect(node);
        m
    }

    fn collect(&mut self, node: &Node) {
        match node {
            Node::Word(w) => {
                let tokens = tokenize(w);
                let stem = (tokens.len() == 1).then(|| stem(&tokens[0]));
                self.push(tokens, stem);
            }
            Node::Phrase(p) => self.push(tokenize(p), None),
            // Words apart: each highlighted where it stands.
            Node::Sloppy(p, _) => tokenize(p)
                .into_iter()
                .for_each(|t| self.push(vec![t], None)),
            Node::Near(a, b, _) => tokenize(a)
                .into_iter()
                .chain(tokenize(b))
                .for_each(|t| self.push(vec![t], None)),
            Node::Wildcard(w) => self.push_like(w.clone(), Like::Wildcard(w.clone())),
            Node::Fuzzy(w, edits) => {
                if let [one] = tokenize(w).as_slice() {
                    self.push_like(one.clone(), Like::Fuzzy(*edits));
                }
            }
            Node::Boost(inner, _) => self.collect(inner),
            Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| self.collect(p)),
            Node::Field(..) | Node::Not(_) => {}
        }
    }

    fn push(&mut self, tokens: Vec<String>, stem: Option<String>) {
        let pattern = Pattern {
            tokens,
            stem,
            like: None,
        };
        if pattern.tokens.is_empty()
            || self.patterns.len() >= MAX_PATTERNS
            || self.patterns.contains(&pattern)
        {
            return;
        }
        let idx = self.patterns.len();
        if pattern.stem.is_some() {
            self.stemmed.push(idx);
        } else {
            self.by_first
                .entry(pattern.tokens[0].clone())
                .or_default()
                .push(idx);
        }
        self.patterns.push(pattern);
    }

    /// A one-token pattern matched by wildcard or edit distance.
    fn push_like(&mut self, token: String, like: Like) {
        let pattern = Pattern {
            tokens: vec![token],
            stem: None,
            like: Some(like),
        };
        if self.patterns.len() >= MAX_PATTERNS || self.patterns.contains(&pattern) {
            return;
        }
        self.liked.push(self.patterns.len());
        self.patterns.push(pattern);
    }

    /// A search for the text a match can start with: a stemmed word's first
    /// letters, a phrase's first word (ASCII case folded, as the tokens are).
    fn seeker(&self) -> Option<&AhoCorasick> {
        self.seek
            .get_or_init(|| {
                let starts: Vec<String> = self
                    .patterns
                    .iter()
                    .map(|p| match (&p.like, &p.stem) {
                        // A wildcard's letters before its first `*` or `?`.
                        (Some(Like::Wildcard(w)), _) => {
                            w.chars().take_while(|c| !matches!(c, '*' | '?')).collect()
                        }
                        // A word some edits away may differ anywhere but rarely in
                        // its first letter.
                        (Some(Like::Fuzzy(_)), _) => p.tokens[0].chars().take(1).collect(),
                        (None, Some(s)) => s.chars().take(3).collect(),
                        (None, None) => p.tokens[0].clone(),
                    })
                    .filter(|s: &String| !s.is_empty())
                    .collect();
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(starts)
                    .ok()
            })
            .as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// A token of the scanned text: its analysed form (`text`, a range of the
/// scan's one buffer: no allocation per token) and where it is in the text.
struct Tok {
    text: std::ops::Range<usize>,
    from: usize,
    to: usize,
}

/// The largest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The part of `text` to scan for matches: its first [`MAX_SCAN_BYTES`], or
/// when they hold no match, the text around the first place one may start in
/// the next [`MAX_SEEK_BYTES`].
fn scanned_matches(text: &str, matcher: &Matcher, width: usize) -> Vec<(usize, usize, usize)> {
    let scan_end = floor_boundary(text, MAX_SCAN_BYTES);
    let matches = find_matches(text, 0, scan_end, matcher);
    if !matches.is_empty() || scan_end == text.len() {
        return matches;
    }
    let seek_end = floor_boundary(text, scan_end.saturating_add(MAX_SEEK_BYTES));
    let Some(found) = matcher
        .seeker()
        .and_then(|ac| ac.find(&text.as_bytes()[scan_end..seek_end]))
    else {
        return matches;
    };
    let at = scan_end + found.start();
    let from = floor_boundary(text, at.saturating_sub(width));
    let to = floor_boundary(text, at.saturating_add(MAX_SCAN_BYTES / 8));
    find_matches(text, from, to, matcher)
}

/// Matches in `text[from..to]` as (byte start, byte end, pattern index) into
/// `text`, sorted and non-overlapping.
fn find_matches(
    text: &str,
    from: usize,
    to: usize,
    matcher: &Matcher,
) -> Vec<(usize, usize, usize)> {
    let mut analyzer = parts_analyzer();
    let mut stream = analyzer.token_stream(&text[from..to]);
    let mut toks = Vec::new();
    let mut buf = String::new();
    while stream.advance() {
        let t = stream.token();
        let start = buf.len();
        buf.push_str(&t.text);
        toks.push(Tok {
            text: start..buf.len(),
            from: from + t.offset_from,
            to: from + t.offset_to,
        });
    }
    let word = |i: usize| &buf[toks[i].text.clone()];
    let mut matches = Vec::new();
    let mut i = 0;
    while i < toks.len() && matches.len() < MAX_MATCHES {
        let mut best: Option<(usize, usize)> = None;
        let exact = matcher.by_first.get(word(i)).map_or(&[][..], Vec::as_slice);
        for &p_idx in exact.iter().chain(&matcher.stemmed).chain(&matcher.liked) {
            let p = &matcher.patterns[p_idx];
            let n = p.tokens.len();
            let hit = match (&p.like, &p.stem) {
                (Some(Like::Wildcard(w)), _) => glob_match(w, word(i)),
                (Some(Like::Fuzzy(n)), _) => {
                    strsim::damerau_levenshtein(word(i), &p.tokens[0]) <= usize::from(*n)
                }
                (None, Some(s)) => token_has_stem(word(i), &p.tokens[0], s),
                (None, None) => {
                    i + n <= toks.len()
                        && p.tokens.iter().enumerate().all(|(k, a)| *a == word(i + k))
                }
            };
            if hit && best.is_none_or(|(b, len)| n > len || (n == len && p_idx < b)) {
                best = Some((p_idx, n));
            }
        }
        match best {
            Some((p_idx, n)) => {
                matches.push((toks[i].from, toks[i + n - 1].to, p_idx));
                i += n;
            }
            None => i += 1,
        }
    }
    matches
}

fn token_has_stem(token: &str, word: &str, stem_of_word: &str) -> bool {
    if token == word {
        return true;
    }
    // Cheap filter before stemming: stems share their first letters with the word.
    let head = stem_of_word
        .char_indices()
        .nth(3)
        .map_or(stem_of_word, |(at, _)| &stem_of_word[..at]);
    token.starts_with(head) && stem(token) == stem_of_word
}

/// Up to `max` fragments of about `width` bytes, best first by distinct patterns
/// matched, then shown in document order.
pub fn snippets(text: &str, matcher: &Matcher, max: usize, width: usize) -> Vec<Snippet> {
    snippets_in(text, matcher, max, width, &Sections::default(), &[])
}

/// Like [`snippets`], each fragment labelled with its section of `sections`, and
/// only from the sections `only` when it names any.
pub fn snippets_in(
    text: &str,
    matcher: &Matcher,
    max: usize,
    width: usize,
    sections: &Sections,
    only: &[SectionName],
) -> Vec<Snippet> {
    if matcher.is_empty() || max == 0 {
        return Vec::new();
    }
    let mut matches = scanned_matches(text, matcher, width);
    if !only.is_empty() {
        let ranges: Vec<(usize, usize)> = only.iter().flat_map(|n| sections.ranges(*n)).collect();
        matches.retain(|m| ranges.iter().any(|(a, b)| *a <= m.0 && m.1 <= *b));
    }
    // (start, end, matches inside) of each candidate fragment.
    type Candidate = (usize, usize, Vec<(usize, usize, usize)>);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut i = 0;
    while i < matches.len() {
        let (first_start, _, _) = matches[i];
        let start = word_start(text, first_start.saturating_sub(width / 4));
        let limit = start + width;
        let mut group = Vec::new();
        while i < matches.len() && (group.is_empty() || matches[i].1 <= limit) {
            group.push(matches[i]);
            i += 1;
        }
        let last_end = group.last().map_or(start, |m| m.1);
        let end = word_end(text, limit.max(last_end).min(text.len()));
        candidates.push((start, end, group));
    }
    let score = |group: &Vec<(usize, usize, usize)>| {
        let mut distinct: Vec<usize> = group.iter().map(|m| m.2).collect();
        distinct.sort_unstable();
        distinct.dedup();
        (distinct.len(), group.len())
    };
    let scores: Vec<(usize, usize)> = candidates.iter().map(|c| score(&c.2)).collect();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|a, b| scores[*b].cmp(&scores[*a]).then(a.cmp(b)));
    order.truncate(max);
    order.sort_unstable();
    order
        .into_iter()
        .map(|k| {
            let (start, end, ref group) = candidates[k];
            let mut s = render(text, start, end, group);
            s.section = group
                .first()
                .and_then(|m| sections.at(m.0))
                .map(|n| n.as_str());
            s
        })
        .collect()
}

fn render(text: &str, start: usize, end: usize, group: &[(usize, usize, usize)]) -> Snippet {
    let mut out = String::new();
    if start > 0 {
        out.push_str("... ");
    }
    let base = out.len();
    // Line breaks become spaces: one byte for one byte, so offsets stay valid.
    out.extend(
        text[start..end]
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c }),
    );
    if end < text.len() {
        out.push_str(" ...");
    }
    let highlights = group
        .iter()
        .map(|&(s, e, _)| [s - start + base, e - start + base])
        .collect();
    Snippet {
        text: out,
        highlights,
        section: None,
    }
}

/// Move back to the start of a word (a char boundary after whitespace).
fn word_start(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    match text[..at].rfind(char::is_whitespace) {
        Some(ws) if at - ws < 20 => ws + text[ws..].chars().next().map_or(1, char::len_utf8),
        _ => at,
    }
}

/// Move forward to the end of a word.
fn word_end(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    match text[at..].find(char::is_whitespace) {
        Some(ws) if ws < 20 => at + ws,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn highlighted(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|[a, b]| &s.text[*a..*b]).collect()
    }

    #[test]
    fn phrase_is_highlighted_whole_and_exactly() {
        let text = "Children live with chronically neglected parents.\nWhere chronic\nneglect is a key feature, help is slow.";
        let m = Matcher::from_query(&parse("\"chronic neglect\"").unwrap());
        let s = snippets(text, &m, 3, 200);
        assert_eq!(s.len(), 1);
        assert_eq!(highlighted(&s[0]), vec!["chronic neglect"]);
    }

    #[test]
    fn several_fragments_for_distant_matches() {
        let filler = "word ".repeat(200);
        let text = format!("chronic neglect here. {filler} and chronic neglect again.");
        let m = Matcher::from_query(&parse("\"chronic neglect\"").unwrap());
        let s = snippets(&text, &m, 3, 120);
        assert_eq!(s.len(), 2);
        assert!(s[1].text.starts_with("... "));
    }

    #[test]
    fn snippet_work_is_capped_on_huge_texts_and_long_queries() {
        // Distinct patterns are capped and repeated ones counted once.
        let words: Vec<String> = (0..2000).map(|i| format!("w{i}")).collect();
        let m = Matcher::from_query(&Node::Or(words.into_iter().map(Node::Word).collect()));
        assert_eq!(m.patterns.len(), MAX_PATTERNS);
        let m = Matcher::from_query(&parse(&"a ".repeat(2000)).unwrap());
        assert_eq!(m.patterns.len(), 1);
        // A match past the scanned part is still found, by the seek.
        let filler = "x\n".repeat(MAX_SCAN_BYTES);
        let text = format!("{filler}where chronic neglect is a key feature");
        let m = Matcher::from_query(&parse("\"chronic neglect\"").unwrap());
        let s = snippets(&text, &m, 3, 200);
        assert_eq!(s.len(), 1);
        assert_eq!(highlighted(&s[0]), vec!["chronic neglect"]);
        // Beyond the seek: nothing, rather than reading the whole text.
        let far = format!(
            "{}chronic neglect",
            "x\n".repeat(MAX_SCAN_BYTES + MAX_SEEK_BYTES)
        );
        assert!(snippets(&far, &m, 3, 200).is_empty());
        // Fragments from the scanned part only, however many matches follow.
        let many = "a\n".repeat(4 * MAX_SCAN_BYTES);
        let m = Matcher::from_query(&parse("a").unwrap());
        let s = snippets(&many, &m, 5, 220);
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|f| f.highlights.iter().all(|[a, b]| b > a)));
        // A scanned part where every word matches stops at the match cap.
        let end = floor_boundary(&many, MAX_SCAN_BYTES);
        assert_eq!(find_matches(&many, 0, end, &m).len(), MAX_MATCHES);
    }

    #[test]
    fn words_match_by_stem_and_offsets_are_char_safe() {
        let text = "Café staff neglected the files; neglect was noted.";
        let m = Matcher::from_query(&parse("neglect").unwrap());
        let s = snippets(text, &m, 3, 200);
        assert_eq!(highlighted(&s[0]), vec!["neglected", "neglect"]);
    }
}

//! Snippets: the best fragments of a document's text around the query's matches,
//! with whole phrases (not single words) highlighted, each saying which section
//! of the report it comes from; a search scoped to sections takes its fragments
//! from them only.

use serde::Serialize;

use crate::extract::{SectionName, Sections};
use crate::query::{Node, stem, tokenize};
use crate::schema::text_analyzer;

/// A fragment of text; `highlights` are byte ranges into `text`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
    /// The section of the report its first match is in (the innermost one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'static str>,
}

/// What to highlight: the positive words and phrases of a query.
#[derive(Debug, Default, Clone)]
pub struct Matcher {
    /// Token sequences; a one-token sequence with `exact == false` matches by stem.
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    tokens: Vec<String>,
    stem: Option<String>,
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
            Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| self.collect(p)),
            Node::Field(..) | Node::Not(_) => {}
        }
    }

    fn push(&mut self, tokens: Vec<String>, stem: Option<String>) {
        if !tokens.is_empty() {
            self.patterns.push(Pattern { tokens, stem });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

struct Tok {
    text: String,
    from: usize,
    to: usize,
}

/// Matches as (byte start, byte end, pattern index), sorted and non-overlapping.
fn find_matches(text: &str, matcher: &Matcher) -> Vec<(usize, usize, usize)> {
    let mut analyzer = text_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut toks = Vec::new();
    while stream.advance() {
        let t = stream.token();
        toks.push(Tok {
            text: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    let mut matches = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut best: Option<(usize, usize)> = None;
        for (p_idx, p) in matcher.patterns.iter().enumerate() {
            let n = p.tokens.len();
            let hit = match &p.stem {
                Some(s) => token_has_stem(&toks[i].text, &p.tokens[0], s),
                None => {
                    i + n <= toks.len()
                        && p.tokens
                            .iter()
                            .zip(&toks[i..i + n])
                            .all(|(a, b)| *a == b.text)
                }
            };
            if hit && best.is_none_or(|(_, len)| n > len) {
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
    let head: String = stem_of_word.chars().take(3).collect();
    token.starts_with(&head) && stem(token) == stem_of_word
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
    let mut matches = find_matches(text, matcher);
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
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|a, b| {
        score(&candidates[*b].2)
            .cmp(&score(&candidates[*a].2))
            .then(a.cmp(b))
    });
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
    fn words_match_by_stem_and_offsets_are_char_safe() {
        let text = "Café staff neglected the files; neglect was noted.";
        let m = Matcher::from_query(&parse("neglect").unwrap());
        let s = snippets(text, &m, 3, 200);
        assert_eq!(highlighted(&s[0]), vec!["neglected", "neglect"]);
    }
}

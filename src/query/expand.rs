//! Query words and the index vocabulary: tokens, stems, and the indexed terms a
//! word or a name expands to.

use std::collections::{BTreeMap, BTreeSet};
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};
use tantivy::{Searcher, Term};

use crate::schema::parts_analyzer;

/// Most indexed words one query word may expand to through its stem.
const MAX_EXPANSIONS: usize = 64;

/// The tokens the index holds for a piece of text.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut analyzer = parts_analyzer();
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
    let mut found = BTreeSet::new();
    found.insert(token.to_string());
    scan_prefix(searcher, field, &prefix, |term| {
        if found.len() >= MAX_EXPANSIONS {
            return false;
        }
        if !found.contains(term) && stem(term) == target {
            found.insert(term.to_string());
        }
        true
    });
    found
}

/// How many documents hold `token` in `field`.
pub fn doc_freq(searcher: &Searcher, field: Field, token: &str) -> u64 {
    searcher
        .doc_freq(&Term::from_field_text(field, token))
        .unwrap_or(0)
}

/// The indexed words of `field` matching a wildcard pattern (`*` any run of
/// characters, `?` one), scanned from its literal prefix. `Err(n)` when more than
/// `limit` words match (`n` is how many were seen before stopping).
pub fn wildcard_terms(
    searcher: &Searcher,
    field: Field,
    pattern: &str,
    limit: usize,
) -> Result<BTreeSet<String>, usize> {
    let literal = &pattern[..pattern.find(['*', '?']).unwrap_or(pattern.len())];
    let pattern: Vec<char> = pattern.chars().collect();
    let mut found = BTreeSet::new();
    let mut over = false;
    scan_prefix(searcher, field, literal, |term| {
        if !found.contains(term) && glob(&pattern, &term.chars().collect::<Vec<_>>()) {
            if found.len() >= limit {
                over = true;
                return false;
            }
            found.insert(term.to_string());
        }
        true
    });
    if over {
        return Err(found.len());
    }
    Ok(found)
}

/// Call `visit` with every indexed word of `field` starting with `prefix`, segment
/// by segment (a word in several segments is visited once per segment), until it
/// returns false.
fn scan_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    mut visit: impl FnMut(&str) -> bool,
) {
    let mut upper = prefix.as_bytes().to_vec();
    upper.push(0xff);
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
            if let Ok(term) = std::str::from_utf8(stream.key())
                && !visit(term)
            {
                return;
            }
        }
    }
}

/// Whether `text` matches the wildcard `pattern` (`*` any run, `?` one character).
pub fn glob_match(pattern: &str, text: &str) -> bool {
    glob(
        &pattern.chars().collect::<Vec<_>>(),
        &text.chars().collect::<Vec<_>>(),
    )
}

fn glob(pattern: &[char], text: &[char]) -> bool {
    // Iterative matching with one backtrack point (the last `*`): linear in practice.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

/// The indexed words of `field` at most `distance` edits from `word` (a
/// transposition counts one), with the number of documents holding each.
/// `Err(n)` when more than `limit` words match.
pub fn fuzzy_terms(
    searcher: &Searcher,
    field: Field,
    word: &str,
    distance: u8,
    limit: usize,
) -> Result<BTreeMap<String, u64>, usize> {
    let query = FuzzyTermQuery::new(Term::from_field_text(field, word), distance, true);
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let (Ok(inverted), Ok(automaton)) = (segment.inverted_index(field), query.automaton())
        else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let docs = u64::from(stream.value().doc_freq);
            let len = found.len();
            match found.get_mut(term) {
                Some(n) => *n += docs,
                None if len >= limit => return Err(len),
                None => {
                    found.insert(term.to_string(), docs);
                }
            }
        }
    }
    Ok(found)
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
            // Compared as keys, so keys indexed before a key rule changed still match.
            let key = crate::schema::inspector_key(name);
            let words: Vec<&str> = key.split(' ').collect();
            if !found.contains(name) && words.windows(wanted.len()).any(|w| w == wanted) {
                found.insert(name.to_string());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::glob;

    fn g(p: &str, t: &str) -> bool {
        glob(
            &p.chars().collect::<Vec<_>>(),
            &t.chars().collect::<Vec<_>>(),
        )
    }

    #[test]
    fn wildcards_match_runs_and_single_characters() {
        assert!(g("neglec*", "neglect") && g("neglec*", "neglected") && g("neglec*", "neglec"));
        assert!(g("negl?ct", "neglect") && !g("negl?ct", "neglct") && !g("negl?ct", "neglects"));
        assert!(g("co*ed", "coordinated") && !g("co*ed", "coordinates"));
        assert!(g("a*b*c", "axxbyyc") && !g("a*b*c", "axxbyy"));
    }
}

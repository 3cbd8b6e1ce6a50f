//! Query words and the index vocabulary: tokens, stems, and the indexed terms a
//! word or a name expands to.

use std::collections::BTreeSet;
use tantivy::Searcher;
use tantivy::schema::Field;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

use crate::schema::text_analyzer;

/// Most indexed words one query word may expand to through its stem.
const MAX_EXPANSIONS: usize = 64;

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

//! "Did you mean": for a query word no document holds, the indexed word a few
//! edits away that most documents hold (a Levenshtein automaton run over the
//! term dictionary, so the cost follows the matches, not the vocabulary).

use tantivy::Searcher;
use tantivy::schema::Field;

use super::expand::{doc_freq, expand_stem, fuzzy_terms, tokenize};
use super::{MAX_TERM_EXPANSIONS, Node};

/// The indexed word of `field` closest to `word` (one edit, else two for words of
/// five letters or more), the one most documents hold; `None` when `word` itself
/// is indexed or nothing is near. For query words, council names or anything
/// else matched against a tantivy text field.
pub fn did_you_mean(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let token = match tokenize(word).as_slice() {
        [one] => one.clone(),
        _ => return None,
    };
    if doc_freq(searcher, field, &token) > 0 {
        return None;
    }
    let len = token.chars().count();
    if len < 3 {
        return None;
    }
    let most_edits = if len >= 5 { 2 } else { 1 };
    for edits in 1..=most_edits {
        let Ok(near) = fuzzy_terms(searcher, field, &token, edits, MAX_TERM_EXPANSIONS) else {
            continue;
        };
        // Most documents first, then the alphabet: the same answer every time.
        if let Some((best, _)) = near
            .into_iter()
            .filter(|(w, n)| *n > 0 && *w != token)
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        {
            return Some(best);
        }
    }
    None
}

/// Notes on the words of `node` that no document of `field` holds, in any form,
/// each with a suggestion when there is one: "no document has 'neglet'; did you
/// mean 'neglect'?". Negated words are not checked.
pub fn notes_for(searcher: &Searcher, field: Field, node: &Node) -> Vec<String> {
    let mut words = Vec::new();
    collect(node, &mut words);
    let mut notes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (word, stemmed) in words {
        if !seen.insert(word.clone()) {
            continue;
        }
        let forms = if stemmed {
            expand_stem(searcher, field, &word)
        } else {
            std::iter::once(word.clone()).collect()
        };
        if forms.iter().any(|f| doc_freq(searcher, field, f) > 0) {
            continue;
        }
        notes.push(match did_you_mean(searcher, field, &word) {
            Some(s) => format!("no document has '{word}'; did you mean '{s}'?"),
            None => format!("no document has '{word}'"),
        });
    }
    notes
}

/// The single-token words of a query, each marked stemmed (unquoted) or exact.
fn collect(node: &Node, out: &mut Vec<(String, bool)>) {
    match node {
        Node::Word(w) => {
            if let [one] = tokenize(w).as_slice() {
                out.push((one.clone(), true));
            }
        }
        Node::Phrase(p) | Node::Sloppy(p, _) => {
            out.extend(tokenize(p).into_iter().map(|t| (t, false)))
        }
        Node::Near(a, b, _) => {
            out.extend(tokenize(a).into_iter().map(|t| (t, false)));
            out.extend(tokenize(b).into_iter().map(|t| (t, false)));
        }
        Node::Boost(inner, _) => collect(inner, out),
        Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| collect(p, out)),
        Node::Wildcard(_) | Node::Fuzzy(..) | Node::Field(..) | Node::Not(_) => {}
    }
}

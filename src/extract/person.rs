//! One key per person: the form a name is matched and faceted on, so that the
//! ways documents and users write one inspector's name ("Máire Atherton" and
//! "Maire Atherton", "Jenny-Ellen Scotland" and "Jenny-ellen Scotland",
//! "Dominic Porter Moore", "Parkes, Nigel", "Nigel Parkes HMI", "Fiona J Millns")
//! are one person. Documents keep the name as written (the display form).
//!
//! The key is lower case, accents folded, hyphens, dots and commas read as
//! spaces, apostrophes dropped (`o'brien` = `obrien`), courtesy titles
//! (`data/courtesy_titles.txt`) and role letters after the name
//! (`data/name_post_nominals.txt`: HMI, OI, CBE...) removed, a middle initial
//! dropped, and "Surname, Forename" turned round. Different forenames
//! (Nick and Nicholas) stay different people: a key never guesses.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::ingest::word_list::WordSet;

/// Letters written after a name that are not part of it, lower case.
static POST_NOMINALS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(include_str!("../../data/name_post_nominals.txt")));

/// Courtesy titles, exact case (`Dr`, `Mrs`), as the extractor reads them.
static TITLES: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(include_str!("../../data/courtesy_titles.txt")));

/// Lower case with accents folded (`Gelé` -> `gele`): the letters of the
/// canonical decomposition without their combining marks.
fn folded(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key of a person's name: see the module documentation. Empty when the
/// name has no letters or digits.
pub fn person_key(name: &str) -> String {
    // "Surname, Forename": a comma after the first word with names after it,
    // once role letters ("Nigel Parkes, HMI") are set aside.
    let pieces: Vec<Vec<&str>> = name
        .split(',')
        .map(|p| {
            p.split_whitespace()
                .filter(|w| !is_post_nominal(w) && !TITLES.contains(w.trim_end_matches('.')))
                .collect::<Vec<&str>>()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let ordered: Vec<&str> = match pieces.as_slice() {
        [surname, forenames] if surname.len() == 1 => {
            forenames.iter().chain(surname.iter()).copied().collect()
        }
        _ => pieces.concat(),
    };
    let text = folded(&ordered.join(" "));
    let mut words: Vec<String> = Vec::new();
    for w in text.split(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '.' | ',' | '\u{2010}'..='\u{2015}')
    }) {
        let w: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
        if !w.is_empty() {
            words.push(w);
        }
    }
    // A middle initial ("Fiona J Millns") is left out; first and last words stay.
    if words.len() > 2 {
        let last = words.len() - 1;
        let mut i = 0;
        words.retain(|w| {
            let keep = i == 0 || i == last || w.chars().count() > 1;
            i += 1;
            keep
        });
    }
    words.join(" ")
}

fn is_post_nominal(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    // Role letters are written in capitals; "Hmi" inside running text is not one.
    w.len() >= 2
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && POST_NOMINALS.contains(&w.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_written_many_ways_has_one_key() {
        for same in [
            ["Máire Atherton", "Maire Atherton", "MAIRE ATHERTON"],
            [
                "Jenny-Ellen Scotland",
                "Jenny-ellen Scotland",
                "jenny ellen scotland",
            ],
            [
                "Dominic Porter-Moore",
                "Dominic Porter Moore",
                "Porter-Moore, Dominic",
            ],
            ["Nigel Parkes", "Nigel Parkes HMI", "Parkes, Nigel"],
            ["Nigel Parkes", "Mr Nigel Parkes", "Nigel Parkes, HMI"],
            ["Hilary MacDonald", "Hilary Macdonald", "hilary macdonald"],
            [
                "Marianick Ellender-Gelé",
                "Marianick Ellender-Gele",
                "Ellender-Gelé, Marianick",
            ],
            ["Fiona J Millns", "Fiona J. Millns", "Fiona Millns"],
            ["Sean O'Brien", "Sean O\u{2019}Brien", "sean obrien"],
        ] {
            let key = person_key(same[0]);
            for other in &same[1..] {
                assert_eq!(person_key(other), key, "{other} vs {}", same[0]);
            }
        }
        assert_eq!(person_key("Máire Atherton"), "maire atherton");
    }

    #[test]
    fn different_people_keep_different_keys() {
        assert_ne!(person_key("Nick Stacey"), person_key("Nicholas Stacey"));
        assert_ne!(person_key("Chris Smith"), person_key("Sarah Smith"));
        // A surname alone is a key of one word, matched as a word of a name.
        assert_eq!(person_key("PARKES"), "parkes");
        // "Smith, Jones and Brown" is not "Surname, Forename".
        assert_eq!(person_key("Smith, Jones, Brown"), "smith jones brown");
    }

    #[test]
    fn nothing_but_punctuation_is_an_empty_key() {
        assert_eq!(person_key("  - , . "), "");
        assert_eq!(person_key(""), "");
        assert_eq!(person_key("HMI"), "");
    }
}

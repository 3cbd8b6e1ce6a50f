//! The query language: parsing user text into a syntax tree, with limits checked
//! before any recursion (`syntax`), and compiling the tree into a tantivy query
//! (`compile`), expanding words to the indexed terms that share their stem
//! (`expand`). `values` reads the metadata values users type.
//!
//! ```text
//! query   := or
//! or      := and ("OR" | "||") and)*
//! and     := near (["AND" | "&&"] near)*
//! near    := unary ["NEAR" ["/" n] unary]
//! unary   := ("NOT" | "-" | "!") unary | primary
//! primary := "(" or ")" ["^" boost] | "\"phrase\"" ["~" n] ["^" boost]
//!          | field ":" (value | "\"phrase\"") | ["+"] word ["~" edits] ["^" boost]
//! word    := letters, with * and ? as wildcards (after at least 2 letters)
//! ```
//!
//! Anything else that other engines give a meaning (lower-case `and`/`or`, ranges
//! in brackets, regular expressions, escapes) is refused with a message naming it,
//! never searched as different words. A word followed by a colon that is not a
//! field (`services: progress`, `http://...`) is searched as words.

mod compile;
mod expand;
mod forms;
mod forward;
mod scoped;
mod suggest;
mod syntax;
mod values;

pub use compile::{Compiler, query_sections};
pub use expand::{glob_match, stem, tokenize};
pub use suggest::notes_for;
pub use syntax::{argument_query, parse};
pub use values::{parse_academic_year, parse_date_range, parse_year_range};

use crate::error::{Error, QueryError};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses (and NOTs) accepted.
pub const MAX_DEPTH: usize = 32;
/// Most words a sloppy phrase or NEAR may leave between its words.
pub const MAX_SLOP: u32 = 50;
/// `a NEAR b` without a number: within this many words.
pub const DEFAULT_NEAR: u32 = 5;
/// Most edits a fuzzy word (`neglet~2`) may be from the indexed words it matches.
pub const MAX_FUZZY: u8 = 2;
/// Letters a wildcard word needs before its first `*` or `?`.
pub const MIN_WILDCARD_PREFIX: usize = 2;
/// Most indexed words a wildcard or fuzzy word may match; more is an error.
pub const MAX_TERM_EXPANSIONS: usize = 512;
/// Largest boost (`^n`).
pub const MAX_BOOST: f32 = 100.0;

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An unquoted word: matches its stemmed forms.
    Word(String),
    /// A quoted phrase: matches exactly, unstemmed.
    Phrase(String),
    /// `"a b"~n`: the words in order, with at most n other words among them.
    Sloppy(String, u32),
    /// `a NEAR/n b`: the two (words or phrases) in either order, at most n words apart.
    Near(String, String, u32),
    /// `neglec*`, `negl?ct`: the indexed words the pattern matches (lower-cased).
    Wildcard(String),
    /// `neglet~1`: the indexed words at most n edits away.
    Fuzzy(String, u8),
    /// `x^2`: a term or group whose score counts n times.
    Boost(Box<Node>, f32),
    /// `field:value` on a metadata field.
    Field(String, String),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
}

/// A query error with no position.
fn bad(msg: impl Into<String>) -> Error {
    Error::Query(QueryError::new(msg))
}

/// A query error at byte offset `at` of `input`.
fn bad_at(msg: impl Into<String>, input: &str, at: usize) -> Error {
    Error::Query(QueryError::new(msg).at(input, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_argument_of_plain_words_is_a_phrase_the_query_language_ands_them() {
        assert_eq!(
            parse("chronic neglect").unwrap(),
            Node::And(vec![
                Node::Word("chronic".into()),
                Node::Word("neglect".into())
            ])
        );
        assert_eq!(argument_query("chronic neglect"), "\"chronic neglect\"");
        assert_eq!(
            argument_query("kind:ilacs chronic neglect"),
            "kind:ilacs \"chronic neglect\""
        );
        assert_eq!(argument_query("chronic OR neglect"), "chronic OR neglect");
        assert_eq!(argument_query("+chronic neglect"), "+chronic neglect");
        assert_eq!(
            parse(&argument_query("kind:ilacs chronic neglect")).unwrap(),
            Node::And(vec![
                Node::Field("kind".into(), "ilacs".into()),
                Node::Phrase("chronic neglect".into())
            ])
        );
        assert_eq!(
            parse("chronic AND neglect").unwrap(),
            Node::And(vec![
                Node::Word("chronic".into()),
                Node::Word("neglect".into())
            ])
        );
        assert_eq!(parse("neglect").unwrap(), Node::Word("neglect".into()));
        assert_eq!(
            parse("kind:ilacs neglect").unwrap(),
            Node::And(vec![
                Node::Field("kind".into(), "ilacs".into()),
                Node::Word("neglect".into())
            ])
        );
    }

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
            "", "   ", "\"open", "(a", "a)", "()", "a OR", "NOT", "x\u{1}y", "year:",
        ] {
            assert!(parse(q).is_err(), "{q:?} should be rejected");
        }
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&deep).unwrap_err().to_string().contains("nested"));
        assert!(parse(&"a ".repeat(600_000)).is_err());
        let nots = "NOT ".repeat(500) + "a";
        assert!(parse(&nots).is_err());
    }

    fn err(q: &str) -> String {
        parse(q).expect_err(q).to_string()
    }

    #[test]
    fn proximity_wildcards_fuzzy_and_boosts_are_read() {
        let w = |s: &str| Node::Word(s.into());
        assert_eq!(
            parse("\"chronic neglect\"~3").unwrap(),
            Node::Sloppy("chronic neglect".into(), 3)
        );
        assert_eq!(
            parse("chronic NEAR/3 neglect").unwrap(),
            Node::Near("chronic".into(), "neglect".into(), 3)
        );
        assert_eq!(
            parse("chronic NEAR neglect").unwrap(),
            Node::Near("chronic".into(), "neglect".into(), DEFAULT_NEAR)
        );
        assert_eq!(parse("neglec*").unwrap(), Node::Wildcard("neglec*".into()));
        assert_eq!(parse("Negl?ct").unwrap(), Node::Wildcard("negl?ct".into()));
        assert_eq!(parse("neglet~1").unwrap(), Node::Fuzzy("neglet".into(), 1));
        assert_eq!(parse("neglet~").unwrap(), Node::Fuzzy("neglet".into(), 1));
        assert_eq!(
            parse("neglect^2").unwrap(),
            Node::Boost(Box::new(w("neglect")), 2.0)
        );
        assert_eq!(
            parse("(a OR b)^0.5").unwrap(),
            Node::Boost(Box::new(Node::Or(vec![w("a"), w("b")])), 0.5)
        );
        assert_eq!(
            parse("+neglect +abuse").unwrap(),
            Node::And(vec![w("neglect"), w("abuse")])
        );
        assert_eq!(
            parse("neglect !housing").unwrap(),
            Node::And(vec![w("neglect"), Node::Not(Box::new(w("housing")))])
        );
    }

    #[test]
    fn a_word_before_a_colon_that_is_no_field_is_words() {
        let w = |s: &str| Node::Word(s.into());
        assert_eq!(
            parse("services: progress").unwrap(),
            Node::And(vec![w("services"), w("progress")])
        );
        assert_eq!(
            parse("services: AND progress").unwrap(),
            Node::And(vec![w("services"), w("progress")])
        );
        assert_eq!(
            parse("foo:bar").unwrap(),
            Node::And(vec![w("foo"), w("bar")])
        );
        assert_eq!(
            parse("http://www.example.org/a-b").unwrap(),
            w("http://www.example.org/a-b")
        );
        assert!(err("autority:Leeds").contains("did you mean authority"));
    }

    #[test]
    fn unsupported_syntax_is_refused_by_name() {
        for (q, says) in [
            ("neglect and abuse", "'and' in lower case"),
            ("neglect or abuse", "'or' in lower case"),
            ("neglect~3", "at most 2 edits"),
            ("\"a b\"~99", "at most 50 apart"),
            ("\"a b\"x", "after a phrase"),
            ("year:[2018 TO 2020]", "range"),
            ("[a TO b]", "range"),
            ("/negl.ct/", "regular expressions"),
            ("negl\\ect", "escapes"),
            ("*glect", "at least 2 letters"),
            ("n*", "at least 2 letters"),
            ("neglect^0", "boost"),
            ("neglect^abc", "~n (fuzzy"),
            ("^2", "no word before"),
            ("a NEAR/x b", "NEAR/"),
            ("a NEAR", "the query ends"),
            ("(a OR b) NEAR/2 c", "NEAR joins two"),
            ("a NEAR/2 b NEAR/2 c", "combine several"),
            ("kind:focus*", "not supported in field values"),
            ("neg*ct~1", "both fuzzy"),
            ("!", "'!' needs a term"),
            ("+", "'+' needs a word"),
        ] {
            let e = err(q);
            assert!(e.contains(says), "{q:?}: {e}");
        }
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

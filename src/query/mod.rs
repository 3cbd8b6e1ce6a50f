//! The query language: parsing user text into a syntax tree, with limits checked
//! before any recursion (`syntax`), and compiling the tree into a tantivy query
//! (`compile`), expanding words to the indexed terms that share their stem
//! (`expand`). `values` reads the metadata values users type.
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*
//! unary   := ("NOT" | "-") unary | primary
//! primary := "(" or ")" | "\"phrase\"" | field ":" (word | "\"phrase\"") | word
//! ```

mod compile;
mod expand;
mod forward;
mod syntax;
mod values;

pub use compile::{Compiler, query_sections};
pub use expand::{stem, tokenize};
pub use syntax::parse;
pub use values::{parse_academic_year, parse_date_range, parse_year_range};

use crate::error::{Error, QueryError};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses (and NOTs) accepted.
pub const MAX_DEPTH: usize = 32;

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

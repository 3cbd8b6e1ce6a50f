//! The query language's help, written once. The command line's help
//! (`ofsearch --help`, `ofsearch search --help`), the man page's QUERY LANGUAGE
//! section and the web page's guide are rendered from it; a test checks that the
//! README's table says the same.

use std::fmt::Write;

use crate::fields::{query_fields, sub_judgement_fields};
use crate::query::{MAX_DEPTH, MAX_QUERY_BYTES};

/// One construct of the query language: examples of it and what they match.
#[derive(Debug, Clone, Copy)]
pub struct Construct {
    pub examples: &'static [&'static str],
    pub meaning: &'static str,
}

/// The constructs, simplest first.
pub const QUERY_LANGUAGE: [Construct; 14] = [
    Construct {
        examples: &["care AND leavers", "+care +leavers"],
        meaning: "all the words, in any form (stemmed): leaver, accommodated",
    },
    Construct {
        examples: &["\"chronic neglect\""],
        meaning: "the exact phrase, unstemmed: not \"chronically neglected\"",
    },
    Construct {
        examples: &["\"chronic neglect\"~3"],
        meaning: "the phrase's words in order, up to 3 other words among them",
    },
    Construct {
        examples: &["chronic NEAR/3 neglect", "chronic NEAR neglect"],
        meaning: "both, either order, up to 3 words apart (NEAR alone: 5)",
    },
    Construct {
        examples: &["neglect OR abuse"],
        meaning: "either",
    },
    Construct {
        examples: &[
            "neglect NOT housing",
            "neglect -housing",
            "neglect !housing",
        ],
        meaning: "the first without the second",
    },
    Construct {
        examples: &["(neglect OR abuse) \"care leavers\""],
        meaning: "grouping",
    },
    Construct {
        examples: &["neglec*", "negl?ct"],
        meaning: "words matching the pattern; over 512 words is an error",
    },
    Construct {
        examples: &["neglet~1", "safegaurding~2"],
        meaning: "words at most 1 (or 2) edits away",
    },
    Construct {
        examples: &["neglect^2", "\"care leavers\"^3", "(a OR b)^0.5"],
        meaning: "a term or group weighs 2 (3, 0.5) times in the ranking",
    },
    Construct {
        examples: &["multi-agency", "wellbeing"],
        meaning: "hyphenated and closed spellings match each other",
    },
    Construct {
        examples: &[
            "kind:focused_visit",
            "authority:\"North Yorkshire\"",
            "judgement:good",
            "care_leavers:good",
            "inspector:\"Nigel Parkes\"",
            "inspector:parkes",
            "title:neglect",
        ],
        meaning: "metadata fields",
    },
    Construct {
        examples: &[
            "year:2018..2020",
            "academic_year:2019/20",
            "date:2020-01-01..",
        ],
        meaning: "years, academic years and days, or ranges of them",
    },
    Construct {
        examples: &[
            "section:improve \"chronic neglect\"",
            "section:leadership supervision",
        ],
        meaning: "the words inside one section of a report",
    },
];

/// How phrases and words are told apart, the same for every way in.
pub const ONE_RULE: &str = "Quotes make a phrase, and words apart are ANDed, everywhere (the web \
     box, --query-file, the API). On the command line the quotes you type are the shell's, so \
     an argument of several plain words, perhaps with field:value filters, is the phrase you \
     quoted (ofsearch \"chronic neglect\", ofsearch \"kind:ilacs chronic neglect\"); separate \
     arguments are ANDed (ofsearch care leavers). Lower-case and/or, \
     ranges in brackets, regular expressions and escapes are refused, never read as other words; \
     a word before a colon that is not a field (services: progress, http://...) is a word.";

/// The fields usable as `field:value`.
pub fn fields() -> String {
    let subs: Vec<&str> = sub_judgement_fields().map(|f| f.name).collect();
    let main: Vec<&str> = query_fields()
        .map(|f| f.name)
        .filter(|f| !subs.contains(f))
        .collect();
    format!(
        "Fields: {}, and the sub-judgements {}.",
        main.join(", "),
        subs.join(", ")
    )
}

/// What the parser refuses before reading a query.
pub fn limits() -> String {
    format!(
        "Queries longer than {} KB, nested more than {MAX_DEPTH} deep or holding control \
         characters are refused.",
        MAX_QUERY_BYTES / 1024
    )
}

/// The query language as plain text, for the command line's help.
pub fn plain_text() -> String {
    const COLUMN: usize = 30;
    let mut out = String::from("Query language:\n");
    for c in QUERY_LANGUAGE {
        let examples = c.examples.join(", ");
        if examples.chars().count() < COLUMN - 2 {
            let _ = writeln!(out, "  {examples:<width$}{}", c.meaning, width = COLUMN - 2);
        } else {
            // Too long for the column: the examples on lines of their own, then the meaning.
            for line in wrap(&examples, WIDTH - 2) {
                let _ = writeln!(out, "  {line}");
            }
            let _ = writeln!(out, "{:COLUMN$}{}", "", c.meaning);
        }
    }
    let notes = format!("{} {ONE_RULE}", fields());
    out.push_str(&wrap(&notes, WIDTH).join("\n"));
    out
}

/// Width of the plain text.
const WIDTH: usize = 90;

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of the query language (Markdown), as the test expects it.
    fn markdown_table() -> String {
        let mut out = String::from("| query | matches |\n|---|---|\n");
        for c in QUERY_LANGUAGE {
            let examples: Vec<String> = c.examples.iter().map(|e| format!("`{e}`")).collect();
            let _ = writeln!(out, "| {} | {} |", examples.join(", "), c.meaning);
        }
        out
    }

    #[test]
    fn the_readme_table_is_the_help_text() {
        let readme = include_str!("../README.md");
        let section = readme
            .split("## Query language\n")
            .nth(1)
            .expect("the README has a query language section");
        let table: String = section
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(
            table,
            markdown_table(),
            "README.md's query language table differs from src/help.rs"
        );
    }

    #[test]
    fn every_field_and_limit_is_named() {
        let fields = fields();
        for f in query_fields().chain(sub_judgement_fields()) {
            assert!(fields.contains(f.name), "{}", f.name);
        }
        assert!(limits().contains("4 KB") && limits().contains("32 deep"));
        let text = plain_text();
        for c in QUERY_LANGUAGE {
            assert!(text.contains(c.meaning), "{}", c.meaning);
        }
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
    }

    #[test]
    fn every_example_is_a_valid_query() {
        for c in QUERY_LANGUAGE {
            for e in c.examples {
                assert!(crate::query::parse(e).is_ok(), "{e}");
            }
        }
    }
}

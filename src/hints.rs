//! What to suggest when a search finds nothing, for the command line (on stderr)
//! and the web page alike: the words of a phrase that match apart (with the
//! command, or the query, that finds them), and a known authority the index
//! holds no document about (so an empty answer is not mistaken for "none found
//! in its documents").

use crate::error::Result;
use crate::fields::{self, FilterOption};
use crate::search::{SearchRequest, search};
use crate::store::Opened;

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The sentence, without a program prefix.
    pub message: String,
    /// A query to run instead (the web page links it).
    pub query: Option<String>,
    /// The same as a shell command (`ofsearch care leavers --kind ilacs`),
    /// every argument quoted for `sh` where it needs it.
    pub command: Option<String>,
}

/// Hints after `request` found nothing. `phrase_args` are the arguments of a
/// search whose words were read as a phrase (each a word or an argument kept
/// whole), to count them ANDed. A hint is a courtesy: a count that fails is
/// left out, never an error.
pub fn no_hit_hints(
    opened: &Opened,
    request: &SearchRequest,
    phrase_args: Option<&[String]>,
) -> Vec<Hint> {
    let mut hints = Vec::new();
    if let Some(args) = phrase_args.filter(|a| !a.is_empty()) {
        let words = args.join(" ");
        if let Ok(n) = count(opened, request, &words)
            && n > 0
        {
            let mut command = vec!["ofsearch".to_string()];
            command.extend(args.iter().cloned());
            command.extend(filter_args(request));
            hints.push(Hint {
                message: format!(
                    "no document has the exact phrase \"{}\"; {n} {} all its words",
                    phrase_of(&words),
                    if n == 1 { "has" } else { "have" }
                ),
                query: Some(words),
                command: Some(shell_command(&command)),
            });
        }
    }
    for name in authorities_named(request) {
        let mut alone = request.clone();
        alone.query = String::new();
        alone.filters.terms = vec![("authority".to_string(), name.to_string())];
        if let Ok(0) = count(opened, &alone, "") {
            hints.push(Hint {
                message: format!(
                    "{name} is a known local authority, but the index has no document about it"
                ),
                query: None,
                command: None,
            });
        }
    }
    hints
}

/// The phrase as the user quoted it (the words without the query's quotes).
fn phrase_of(words: &str) -> String {
    words.replace('"', "")
}

fn count(opened: &Opened, request: &SearchRequest, query: &str) -> Result<u64> {
    let mut r = request.clone();
    r.query = query.to_string();
    r.count_only = true;
    r.facets.clear();
    Ok(search(opened, &r)?.total_hits)
}

/// The canonical names of the authorities a request asks for: its filter and
/// `authority:` terms of its query that name a known authority.
fn authorities_named(request: &SearchRequest) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    let mut push = |value: &str| {
        if let Some(a) = crate::extract::find_authority(value)
            && !names.contains(&a.name.as_str())
        {
            names.push(a.name.as_str());
        }
    };
    for (field, value) in &request.filters.terms {
        if field == "authority" {
            push(value);
        }
    }
    let q = &request.query;
    let mut at = 0;
    while let Some(i) = q[at..].find("authority:") {
        let start = at + i + "authority:".len();
        let rest = &q[start..];
        let value = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or(""),
            None => rest
                .split(|c: char| c.is_whitespace() || c == ')')
                .next()
                .unwrap_or(""),
        };
        push(value);
        at = start;
    }
    names
}

/// A request's filters as command-line options (`--kind ilacs`, `--from DAY`,
/// `--sub care_leavers=good`).
fn filter_args(request: &SearchRequest) -> Vec<String> {
    let mut args = Vec::new();
    for (field, value) in &request.filters.terms {
        let def = fields::field(field);
        match def.map(|d| d.filter) {
            Some(FilterOption::DateBounds) => {
                let (from, to) = value.split_once("..").unwrap_or((value, value));
                for (option, day) in [("--from", from), ("--to", to)] {
                    if !day.is_empty() {
                        args.extend([option.to_string(), day.to_string()]);
                    }
                }
            }
            Some(FilterOption::Sub) => {
                args.extend(["--sub".to_string(), format!("{field}={value}")]);
            }
            _ => {
                let option = crate::filters::spec(field).map_or(field.as_str(), |s| s.option);
                args.extend([format!("--{option}"), value.clone()]);
            }
        }
    }
    args
}

/// Arguments as one `sh` command line: an argument with characters the shell
/// reads specially is single-quoted (a quote inside written `'\''`).
pub fn shell_command(args: &[String]) -> String {
    args.iter()
        .map(|a| shell_quote(a))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shell_quote(arg: &str) -> String {
    let safe = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if safe {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_quoted_for_sh() {
        let args: Vec<String> = [
            "ofsearch",
            "care",
            "children's",
            "authority:\"North Yorkshire\"",
            "--region",
            "Yorkshire and the Humber",
            "$HOME",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            shell_command(&args),
            r#"ofsearch care 'children'\''s' 'authority:"North Yorkshire"' --region 'Yorkshire and the Humber' '$HOME' ''"#
        );
    }
}

//! Rewriting the arguments before clap reads them: `ofsearch QUERY` means
//! `ofsearch search QUERY`, and `-word` in a query is a negation, not an option.
//! The subcommands and options this needs are read from the clap definitions
//! (`Cli::command()`), never kept in a second list.

use clap::CommandFactory;
use std::ffi::OsString;
use std::sync::LazyLock;

use super::args::Cli;

/// What the rewriting needs to know of the command line, from its definitions.
struct Grammar {
    /// Every subcommand's name, `help` included, in declaration order.
    subcommands: Vec<String>,
    /// The subcommands not hidden from the help (`bench-query` is).
    visible: Vec<String>,
    /// The subcommands whose arguments are a query (`search`, `trend`).
    with_query: Vec<String>,
    /// Global long options that take a value (`--index`).
    global_with_value: Vec<String>,
    /// The top-level options that are not global (`-h`, `--version`).
    top_level: Vec<String>,
    /// Long options, of any command, that take no value (`--json`).
    flags: Vec<String>,
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(Grammar::read);

impl Grammar {
    fn read() -> Grammar {
        let mut cmd = Cli::command();
        cmd.build();
        let long = |a: &clap::Arg| a.get_long().map(|l| format!("--{l}"));
        let spellings = |a: &clap::Arg| {
            let short = a.get_short().map(|s| format!("-{s}"));
            long(a).into_iter().chain(short)
        };
        let mut flags = Vec::new();
        let mut commands = vec![&cmd];
        while let Some(c) = commands.pop() {
            for a in c.get_arguments() {
                if !a.get_action().takes_values()
                    && let Some(l) = long(a)
                    && !flags.contains(&l)
                {
                    flags.push(l);
                }
            }
            commands.extend(c.get_subcommands());
        }
        let names = |keep: fn(&clap::Command) -> bool| {
            cmd.get_subcommands()
                .filter(|s| keep(s))
                .map(|s| s.get_name().to_string())
                .collect()
        };
        Grammar {
            subcommands: names(|_| true),
            visible: names(|s| !s.is_hide_set()),
            with_query: names(|s| s.get_positionals().any(|a| a.get_id() == "query")),
            global_with_value: cmd
                .get_arguments()
                .filter(|a| a.is_global_set() && a.get_action().takes_values())
                .filter_map(long)
                .collect(),
            top_level: cmd
                .get_arguments()
                .filter(|a| !a.is_global_set() && !a.is_positional())
                .flat_map(spellings)
                .collect(),
            flags,
        }
    }
}

/// The names of the commands shown in the help, `help` included.
pub(super) fn visible_commands() -> impl Iterator<Item = &'static str> {
    GRAMMAR.visible.iter().map(String::as_str)
}

/// Insert `search` when the first argument after global options is not a
/// subcommand, so that `ofsearch QUERY` means `ofsearch search QUERY`.
pub fn with_default_command(args: Vec<OsString>) -> Vec<OsString> {
    let grammar = &*GRAMMAR;
    let is = |list: &[String], arg: &str| list.iter().any(|s| s == arg);
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].to_string_lossy();
        if is(&grammar.global_with_value, &arg) {
            i += 2;
            continue;
        }
        if grammar.global_with_value.iter().any(|g| {
            arg.strip_prefix(g.as_str())
                .is_some_and(|v| v.starts_with('='))
        }) {
            i += 1;
            continue;
        }
        let keep = is(&grammar.subcommands, &arg) || is(&grammar.top_level, &arg);
        let mut out = args;
        if !keep {
            out.insert(i, OsString::from("search"));
        }
        if out[i]
            .to_str()
            .is_some_and(|command| is(&grammar.with_query, command))
        {
            negations_as_words(&mut out[i + 1..], &grammar.flags);
        }
        return out;
    }
    args
}

/// `-word` and `-"a phrase"` are query negations, not options: clap would read
/// `-neglected` as the short flags `-n -e ...`. Rewrite them (before any `--`)
/// as `NOT word`, which the query language reads the same way. Two-character
/// tokens (`-q`, `-h`) stay options.
fn negations_as_words(args: &mut [OsString], flags: &[String]) {
    // After a long option that takes a value comes its value (`--sort -date`),
    // which is left alone; `flags` take none.
    let mut after_option = false;
    for arg in args {
        let Some(s) = arg.to_str() else { continue };
        if s == "--" {
            break;
        }
        let value_of_option = after_option;
        after_option = s.starts_with("--") && !s.contains('=') && !flags.iter().any(|f| f == s);
        if value_of_option {
            continue;
        }
        let Some(rest) = s.strip_prefix('-') else {
            continue;
        };
        let word = rest.chars().count() >= 2
            && rest.chars().next().is_some_and(char::is_alphabetic)
            && rest
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '-' | '*'));
        let group = rest.starts_with(['"', '(']);
        // No option value has spaces: "-neglect OR good" is one query argument.
        let spaced = rest.chars().next().is_some_and(char::is_alphabetic)
            && rest.contains(char::is_whitespace);
        if word || group || spaced {
            *arg = OsString::from(format!("NOT {rest}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn default_command_is_search() {
        assert_eq!(
            with_default_command(args(&["ofsearch", "chronic neglect"])),
            args(&["ofsearch", "search", "chronic neglect"])
        );
        assert_eq!(
            with_default_command(args(&["ofsearch", "--index", "x", "--json", "q"])),
            args(&["ofsearch", "--index", "x", "search", "--json", "q"])
        );
        assert_eq!(
            with_default_command(args(&["ofsearch", "--index=x", "index"])),
            args(&["ofsearch", "--index=x", "index"])
        );
        assert_eq!(
            with_default_command(args(&["ofsearch", "--help"])),
            args(&["ofsearch", "--help"])
        );
    }

    #[test]
    fn a_leading_hyphen_word_is_a_negation_not_an_option() {
        assert_eq!(
            with_default_command(args(&["ofsearch", "chronic", "-neglected", "--json", "-q"])),
            args(&[
                "ofsearch",
                "search",
                "chronic",
                "NOT neglected",
                "--json",
                "-q"
            ])
        );
        assert_eq!(
            with_default_command(args(&["ofsearch", "trend", "care", "-\"foster care\""])),
            args(&["ofsearch", "trend", "care", "NOT \"foster care\""])
        );
        assert_eq!(
            with_default_command(args(&["ofsearch", "--count", "-neglect OR good"])),
            args(&["ofsearch", "search", "--count", "NOT neglect OR good"])
        );
        // An option's value is not a query.
        assert_eq!(
            with_default_command(args(&["ofsearch", "care", "--sort", "-date", "-x1"])),
            args(&["ofsearch", "search", "care", "--sort", "-date", "NOT x1"])
        );
        assert_eq!(
            with_default_command(args(&["ofsearch", "care", "--json", "-housing"])),
            args(&["ofsearch", "search", "care", "--json", "NOT housing"])
        );
        // After `--` everything is already a value; `index` takes no query.
        assert_eq!(
            with_default_command(args(&["ofsearch", "search", "--", "-neglected"])),
            args(&["ofsearch", "search", "--", "-neglected"])
        );
        assert_eq!(
            with_default_command(args(&["ofsearch", "index", "-qq"])),
            args(&["ofsearch", "index", "-qq"])
        );
    }

    #[test]
    fn the_grammar_is_read_from_the_definitions() {
        let g = &*GRAMMAR;
        for command in ["search", "index", "list", "serve", "bench-query", "help"] {
            assert!(g.subcommands.iter().any(|s| s == command), "{command}");
        }
        assert!(!g.visible.iter().any(|s| s == "bench-query"));
        assert_eq!(g.with_query, ["search", "trend", "bench-query"]);
        assert_eq!(g.global_with_value, ["--index", "--color"]);
        for option in ["-h", "--help", "-V", "--version"] {
            assert!(g.top_level.iter().any(|s| s == option), "{option}");
        }
        for flag in [
            "--json",
            "--count",
            "--related",
            "--quiet",
            "--help",
            "--ndjson",
        ] {
            assert!(g.flags.iter().any(|s| s == flag), "{flag}");
        }
        assert!(!g.flags.iter().any(|s| s == "--sort" || s == "--index"));
    }
}

//! Command-line definitions (clap) and their conversion into a plain `Config`.
//! Nothing else in the program sees clap types.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::analysis::trend::Period;
use crate::error::{Error, Result};
use crate::extract::{self, Authority, Judgement, Kind};
use crate::facets::facet_field;
use crate::query::{parse_academic_year, parse_date_range, parse_year_range};
use crate::search::{Filters, SearchRequest, Sort};

/// Shown after the top-level help (and in the man page).
pub const AFTER_HELP: &str = "\
Query language: words are ANDed (stemmed), \"exact phrase\" (unstemmed), OR, NOT or -word,
(groups), field:value (kind, authority, year, judgement, inspector, title, ...).
A single argument of plain words, such as ofsearch \"chronic neglect\", is a phrase.

Exit status: 0 at least one hit (or success), 1 no hit, 2 an error.

Environment: OFSEARCH_INDEX (index directory), OFSEARCH_CORPUS (corpus folders, ':'-separated),
OFSEARCH_LOCK_WAIT (seconds to wait for another index run), NO_COLOR.";

#[derive(Debug, Parser)]
#[command(
    name = "ofsearch",
    version,
    about = "Full-text search over Ofsted letters and reports on councils' children's services",
    long_about = "Full-text search over Ofsted letters and reports on councils' children's services, \
and the news articles about them.\n\n`ofsearch QUERY` is short for `ofsearch search QUERY`.",
    override_usage = "ofsearch [OPTIONS] <QUERY>... [SEARCH OPTIONS]\n       ofsearch [OPTIONS] <COMMAND>",
    after_help = AFTER_HELP,
)]
pub struct Cli {
    /// Index directory
    #[arg(
        long,
        global = true,
        env = "OFSEARCH_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,
    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search the index (the default command)
    Search(SearchArgs),
    /// Build or update the index from the corpus
    Index(IndexArgs),
    /// List every indexed document with its metadata
    List(ListArgs),
    /// Every inspection and visit of a council in date order, with the articles about each
    Timeline(TimelineArgs),
    /// Matching documents per year (or academic year), as a share of all documents
    Trend(TrendArgs),
    /// Write every document with its text and metadata as newline-delimited JSON
    Export(ExportArgs),
    /// Serve a local web page and JSON API over the index
    Serve(ServeArgs),
    /// Measure metadata extraction against a labelled folder (labels.csv)
    Eval(EvalArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
    /// Median in-process latency of a query (for benchmarks)
    #[command(hide = true)]
    BenchQuery(BenchQueryArgs),
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The local authority (name, common alternative name or LA code)
    #[arg(value_name = "AUTHORITY")]
    pub authority: String,
    /// JSON Lines output
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PeriodArg {
    Year,
    AcademicYear,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// What to count: a phrase or any query
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Period of each row
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    pub by: PeriodArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Also write the chart as SVG to this file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// JSON Lines output
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Newline-delimited JSON (the only format; accepted for clarity)
    #[arg(long)]
    pub ndjson: bool,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default; the server has no authentication)
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    pub addr: std::net::IpAddr,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The labels file (columns as in the Ofsted data README)
    #[arg(long, value_name = "FILE")]
    pub labels: PathBuf,
    /// Folder of the labelled texts (default: `texts/` beside the labels);
    /// PDFs in `pdfs/` beside the labels are measured too
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// JSON Lines output (one line per field, then one per miss)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct BenchQueryArgs {
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[arg(long, value_name = "FIELD")]
    pub facet: Vec<String>,
    #[arg(long, default_value_t = 50)]
    pub runs: usize,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct SearchArgs {
    /// The query: words (ANDed), "exact phrases", OR, NOT/-word, (groups), field:value.
    /// A single argument that is only words is searched as a phrase.
    #[arg(required_unless_present = "query_file", value_name = "QUERY")]
    pub query: Vec<String>,
    /// Read the query from a file (`-` for standard input) instead of the arguments
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub query_file: Option<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count matching documents by this field (repeatable)
    #[arg(long, value_name = "FIELD")]
    pub facet: Vec<String>,
    /// Number of hits to show
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Skip the first N hits
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Order of hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true)]
    pub sort: SortArg,
    /// Print only the number of matching documents
    #[arg(long)]
    pub count: bool,
    /// Snippets per hit
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub snippets: usize,
    /// Show related documents under each hit: for an article the inspection it
    /// reports on, for an inspection document the articles about it
    #[arg(long)]
    pub related: bool,
    /// JSON Lines output
    #[arg(long)]
    pub json: bool,
    /// No progress or notes on stderr
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SortArg {
    Relevance,
    Date,
    #[value(name = "-date")]
    DateDesc,
}

#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only this local authority (name, common alternative name or LA code)
    #[arg(long, value_name = "NAME")]
    pub authority: Option<String>,
    /// Only this year, or a range: 2018..2020
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Only this academic year (September to August): 2019/20
    #[arg(long, value_name = "YYYY/YY")]
    pub academic_year: Option<String>,
    /// Only documents dated on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only documents dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only this overall judgement: outstanding, good, requires_improvement, inadequate
    #[arg(long, value_name = "J")]
    pub judgement: Option<String>,
    /// Only documents naming this inspector (full name or surname)
    #[arg(long, value_name = "NAME")]
    pub inspector: Option<String>,
    /// Only this kind: ilacs, sif, focused_visit, monitoring_visit, area_send, article, other
    #[arg(long, value_name = "K")]
    pub kind: Option<String>,
    /// Only this region (e.g. "Yorkshire and the Humber")
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
    /// Only documents with this sub-judgement, e.g. care_leavers=good (repeatable)
    #[arg(long = "sub", value_name = "NAME=J")]
    pub sub: Vec<String>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Corpus directory (repeatable; default: as last time, else ./corpus)
    #[arg(
        long,
        env = "OFSEARCH_CORPUS",
        value_name = "DIR",
        value_delimiter = ':'
    )]
    pub corpus: Vec<PathBuf>,
    /// Rebuild from scratch
    #[arg(long)]
    pub rebuild: bool,
    /// Print nothing but errors
    #[arg(long, short)]
    pub quiet: bool,
    /// Print a JSON summary on stdout
    #[arg(long)]
    pub json: bool,
    /// Seconds to wait for another running `ofsearch index` to finish
    #[arg(
        long,
        env = "OFSEARCH_LOCK_WAIT",
        default_value_t = 60,
        value_name = "SECS"
    )]
    pub lock_wait: u64,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// JSON Lines output
    #[arg(long)]
    pub json: bool,
}

/// What to suggest on stderr when a search finds nothing.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The words of an argument searched as a phrase, to count them ANDed instead.
    pub all_words: Option<String>,
    /// A command the one-word query looks like a typo of (`lst` for `list`).
    pub command: Option<&'static str>,
}

impl Hints {
    /// `query` is what [`query_text`] made of `args`.
    fn for_query(args: &[String], query: &str) -> Hints {
        let plain = args.join(" ");
        let all_words = (query != plain).then_some(plain);
        let command = match args {
            [one] if one.chars().count() >= 3 && !one.contains(char::is_whitespace) => SUBCOMMANDS
                .iter()
                .filter(|c| !matches!(**c, "search" | "help" | "bench-query"))
                .find(|c| strsim::levenshtein(&one.to_lowercase(), c) <= 2)
                .copied(),
            _ => None,
        };
        Hints { all_words, command }
    }
}

/// What the program will do, free of clap types.
#[derive(Debug, Clone)]
pub struct Config {
    pub index_dir: PathBuf,
    pub color: bool,
    pub command: Action,
}

#[derive(Debug, Clone)]
pub enum Action {
    Search {
        request: SearchRequest,
        json: bool,
        quiet: bool,
        related: bool,
        hints: Hints,
    },
    Index {
        corpora: Vec<PathBuf>,
        rebuild: bool,
        quiet: bool,
        json: bool,
        lock_wait: u64,
    },
    List {
        filters: Filters,
        json: bool,
    },
    Timeline {
        authority: &'static Authority,
        json: bool,
    },
    Trend {
        query: String,
        period: Period,
        filters: Filters,
        svg: Option<PathBuf>,
        json: bool,
    },
    Export {
        output: Option<PathBuf>,
    },
    Completions(clap_complete::Shell),
    Serve(std::net::SocketAddr),
    Eval {
        labels: PathBuf,
        dir: Option<PathBuf>,
        json: bool,
    },
    Man,
    BenchQuery {
        request: SearchRequest,
        runs: usize,
    },
}

const SUBCOMMANDS: [&str; 12] = [
    "search",
    "index",
    "list",
    "timeline",
    "trend",
    "export",
    "serve",
    "eval",
    "completions",
    "man",
    "bench-query",
    "help",
];
const GLOBAL_WITH_VALUE: [&str; 2] = ["--index", "--color"];

/// Insert `search` when the first argument after global options is not a
/// subcommand, so that `ofsearch QUERY` means `ofsearch search QUERY`.
pub fn with_default_command(args: Vec<OsString>) -> Vec<OsString> {
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].to_string_lossy();
        if GLOBAL_WITH_VALUE.contains(&arg.as_ref()) {
            i += 2;
            continue;
        }
        if GLOBAL_WITH_VALUE
            .iter()
            .any(|g| arg.starts_with(&format!("{g}=")))
        {
            i += 1;
            continue;
        }
        let keep = SUBCOMMANDS.contains(&arg.as_ref())
            || matches!(arg.as_ref(), "-h" | "--help" | "-V" | "--version");
        let mut out = args;
        if !keep {
            out.insert(i, OsString::from("search"));
        }
        if matches!(out[i].to_str(), Some("search" | "trend" | "bench-query")) {
            negations_as_words(&mut out[i + 1..]);
        }
        return out;
    }
    args
}

/// `-word` and `-"a phrase"` are query negations, not options: clap would read
/// `-neglected` as the short flags `-n -e ...`. Rewrite them (before any `--`)
/// as `NOT word`, which the query language reads the same way. Two-character
/// tokens (`-q`, `-h`) stay options.
fn negations_as_words(args: &mut [OsString]) {
    // Long options of `search`/`trend` that take no value: after any other long
    // option comes its value (`--sort -date`), which is left alone.
    const FLAGS: [&str; 6] = [
        "--json",
        "--count",
        "--related",
        "--quiet",
        "--help",
        "--ndjson",
    ];
    let mut after_option = false;
    for arg in args {
        let Some(s) = arg.to_str() else { continue };
        if s == "--" {
            break;
        }
        let value_of_option = after_option;
        after_option = s.starts_with("--") && !s.contains('=') && !FLAGS.contains(&s);
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

impl Cli {
    pub fn into_config(self) -> Result<Config> {
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let command = match self.command {
            Command::Search(a) => {
                let mut facets = a
                    .facet
                    .iter()
                    .map(|f| facet_field(f))
                    .collect::<Result<Vec<_>>>()?;
                // `--facet year --facet year` is one table.
                let mut seen = std::collections::HashSet::new();
                facets.retain(|f| seen.insert(*f));
                let (query, hints) = match &a.query_file {
                    Some(path) => (read_query_file(path)?, Hints::default()),
                    None => {
                        let query = query_text(&a.query);
                        let hints = Hints::for_query(&a.query, &query);
                        (query, hints)
                    }
                };
                Action::Search {
                    request: SearchRequest {
                        query,
                        filters: a.filters.into_filters()?,
                        facets,
                        limit: a.limit,
                        offset: a.offset,
                        sort: match a.sort {
                            SortArg::Relevance => Sort::Relevance,
                            SortArg::Date => Sort::Date,
                            SortArg::DateDesc => Sort::DateDesc,
                        },
                        count_only: a.count,
                        max_snippets: a.snippets,
                    },
                    json: a.json,
                    quiet: a.quiet,
                    related: a.related,
                    hints,
                }
            }
            Command::Timeline(a) => Action::Timeline {
                authority: extract::find_authority(&a.authority)
                    .ok_or_else(|| usage(format!("unknown local authority '{}'", a.authority)))?,
                json: a.json,
            },
            Command::Trend(a) => Action::Trend {
                query: query_text(&a.query),
                period: match a.by {
                    PeriodArg::Year => Period::Year,
                    PeriodArg::AcademicYear => Period::AcademicYear,
                },
                filters: a.filters.into_filters()?,
                svg: a.svg,
                json: a.json,
            },
            Command::Export(a) => Action::Export { output: a.output },
            Command::Completions(a) => Action::Completions(a.shell),
            Command::Serve(a) => Action::Serve(std::net::SocketAddr::new(a.addr, a.port)),
            Command::Eval(a) => Action::Eval {
                labels: a.labels,
                dir: a.dir,
                json: a.json,
            },
            Command::Man => Action::Man,
            Command::BenchQuery(a) => Action::BenchQuery {
                request: SearchRequest {
                    query: query_text(&a.query),
                    filters: Filters::default(),
                    facets: a
                        .facet
                        .iter()
                        .map(|f| facet_field(f))
                        .collect::<Result<Vec<_>>>()?,
                    limit: 0,
                    offset: 0,
                    sort: Sort::Relevance,
                    count_only: true,
                    max_snippets: 0,
                },
                runs: a.runs.max(1),
            },
            Command::Index(a) => Action::Index {
                corpora: a.corpus,
                rebuild: a.rebuild,
                quiet: a.quiet,
                json: a.json,
                lock_wait: a.lock_wait,
            },
            Command::List(a) => Action::List {
                filters: a.filters.into_filters()?,
                json: a.json,
            },
        };
        Ok(Config {
            index_dir: self.index,
            color,
            command,
        })
    }
}

/// Join query arguments. An argument that is only words (no quotes, brackets,
/// operators or `field:`) and has several of them is what the user quoted in the
/// shell: it is searched as a phrase.
pub fn query_text(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            let words: Vec<&str> = a.split_whitespace().collect();
            let plain = words.len() > 1
                && !a.contains(['"', '(', ')', ':'])
                && !words.iter().any(|w| {
                    matches!(*w, "AND" | "OR" | "NOT" | "&&" | "||") || w.starts_with('-')
                });
            if plain { format!("\"{a}\"") } else { a.clone() }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Read a query from a file or stdin. Reads at most a little more than the
/// query size limit, so that a huge input is refused by the parser's check
/// without being held in memory.
fn read_query_file(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let limit = (crate::query::MAX_QUERY_BYTES as u64) * 4 + 1;
    let mut buf = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut buf))
    };
    read.map_err(|e| usage(format!("cannot read query from {}: {e}", path.display())))?;
    if buf.len() as u64 == limit {
        return Err(Error::Query(
            format!(
                "the query in {} is longer than the limit of {} bytes",
                path.display(),
                crate::query::MAX_QUERY_BYTES
            )
            .into(),
        ));
    }
    let text = String::from_utf8(buf)
        .map_err(|_| usage(format!("query in {} is not valid UTF-8", path.display())))?;
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

fn usage(msg: String) -> Error {
    Error::Usage(msg)
}

impl FilterArgs {
    /// Validate every filter now, so a bad value is a usage error naming the option.
    pub fn into_filters(self) -> Result<Filters> {
        let mut terms = Vec::new();
        if let Some(a) = self.authority {
            let found = extract::find_authority(&a)
                .ok_or_else(|| usage(format!("--authority: unknown local authority '{a}'")))?;
            terms.push(("authority".to_string(), found.name.clone()));
        }
        if let Some(y) = self.year {
            parse_year_range(&y).map_err(|e| usage(format!("--year: {}", strip(&e))))?;
            terms.push(("year".into(), y));
        }
        if let Some(y) = self.academic_year {
            let y = parse_academic_year(&y)
                .map_err(|e| usage(format!("--academic-year: {}", strip(&e))))?;
            terms.push(("academic_year".into(), y));
        }
        let from = self.from.map(|d| check_date("--from", d)).transpose()?;
        let to = self.to.map(|d| check_date("--to", d)).transpose()?;
        if from.is_some() || to.is_some() {
            let range = format!("{}..{}", from.unwrap_or_default(), to.unwrap_or_default());
            let (lo, hi) = parse_date_range(&range).map_err(|e| usage(strip(&e)))?;
            if lo > hi {
                return Err(usage("--from is after --to".into()));
            }
            terms.push(("date".into(), range));
        }
        if let Some(j) = self.judgement {
            let j = Judgement::parse(&j).ok_or_else(|| {
                usage(format!(
                    "--judgement: unknown judgement '{j}' (outstanding, good, requires_improvement, inadequate)"
                ))
            })?;
            terms.push(("judgement".into(), j.as_str().into()));
        }
        if let Some(i) = self.inspector {
            if i.trim().is_empty() {
                return Err(usage("--inspector: empty name".into()));
            }
            terms.push(("inspector".into(), i));
        }
        if let Some(k) = self.kind {
            let k = Kind::parse(&k).ok_or_else(|| {
                usage(format!(
                    "--kind: unknown kind '{k}' ({})",
                    Kind::ALL.map(|k| k.as_str()).join(", ")
                ))
            })?;
            terms.push(("kind".into(), k.as_str().into()));
        }
        if let Some(r) = self.region {
            let region = extract::find_region(&r)
                .ok_or_else(|| usage(format!("--region: unknown region '{r}'")))?;
            terms.push(("region".into(), region.to_string()));
        }
        for s in self.sub {
            let (name, value) = s
                .split_once('=')
                .ok_or_else(|| usage(format!("--sub: expected NAME=JUDGEMENT, got '{s}'")))?;
            let name = name.trim().to_ascii_lowercase();
            let subs: Vec<&str> = crate::fields::sub_judgement_fields()
                .map(|f| f.name)
                .collect();
            if !subs.contains(&name.as_str()) {
                return Err(usage(format!(
                    "--sub: unknown sub-judgement '{name}' ({})",
                    subs.join(", ")
                )));
            }
            let j = Judgement::parse(value)
                .ok_or_else(|| usage(format!("--sub: unknown judgement '{value}'")))?;
            terms.push((name, j.as_str().into()));
        }
        Ok(Filters { terms })
    }
}

fn check_date(option: &str, value: String) -> Result<String> {
    crate::record::parse_date(&value)
        .map(crate::record::format_date)
        .ok_or_else(|| usage(format!("{option}: '{value}' is not a date (YYYY-MM-DD)")))
}

/// The message of a query error without its "invalid query: " prefix.
fn strip(e: &Error) -> String {
    match e {
        Error::Query(m) => m.to_string(),
        other => other.to_string(),
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
    fn a_quoted_argument_of_words_is_a_phrase() {
        assert_eq!(
            query_text(&["chronic neglect".into()]),
            "\"chronic neglect\""
        );
        assert_eq!(
            query_text(&["care".into(), "leavers".into()]),
            "care leavers"
        );
        assert_eq!(query_text(&["a OR b".into()]), "a OR b");
        assert_eq!(query_text(&["\"x y\" z".into()]), "\"x y\" z");
        assert_eq!(query_text(&["kind:ilacs care".into()]), "kind:ilacs care");
    }
}

//! The parsed command line turned into a plain `Config`: what the program will
//! do, with every value checked (filters, facets, the query file) and free of
//! clap types.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use super::args::LatestArgs;
use super::args::{
    BenchQueryArgs, Cli, ColorChoice, Command, FilterArgs, PeriodArg, SearchArgs, SortArg,
    TrendArgs,
};
use crate::analysis::latest::LatestRequest;
use crate::analysis::trend::Period;
use crate::error::{Error, Result};
use crate::extract::{self, Authority};
use crate::facets::facet_field;
use crate::filters::Filters;
use crate::search::{SearchRequest, Sort};

/// What the program will do, free of clap types.
#[derive(Debug, Clone)]
pub struct Config {
    pub index_dir: PathBuf,
    pub color: bool,
    pub command: Action,
}

#[derive(Debug, Clone)]
pub enum Action {
    Search(SearchConfig),
    Index(IndexConfig),
    List(ListConfig),
    Timeline(TimelineConfig),
    Trend(TrendConfig),
    Latest(LatestConfig),
    Export(ExportConfig),
    Completions(clap_complete::Shell),
    Serve(SocketAddr),
    Eval(EvalConfig),
    Man,
    BenchQuery(BenchQueryConfig),
}

#[derive(Debug, Clone)]
pub struct SearchConfig {
    pub request: SearchRequest,
    pub json: bool,
    /// CSV output (`--csv`).
    pub csv: bool,
    pub quiet: bool,
    pub related: bool,
    pub hints: Hints,
}

#[derive(Debug, Clone)]
pub struct IndexConfig {
    pub corpora: Vec<PathBuf>,
    /// Add `corpora` to the previous run's folders instead of replacing them.
    pub add: bool,
    pub rebuild: bool,
    /// Follow symbolic links out of the corpus folders.
    pub follow: bool,
    pub quiet: bool,
    pub json: bool,
    /// Seconds to wait for another run's lock.
    pub lock_wait: u64,
}

#[derive(Debug, Clone)]
pub struct ListConfig {
    pub filters: Filters,
    pub json: bool,
    /// CSV output (`--csv`).
    pub csv: bool,
}

#[derive(Debug, Clone)]
pub struct TimelineConfig {
    pub authority: &'static Authority,
    pub json: bool,
    /// CSV output (`--csv`).
    pub csv: bool,
}

#[derive(Debug, Clone)]
pub struct TrendConfig {
    pub query: String,
    pub period: Period,
    pub filters: Filters,
    pub svg: Option<PathBuf>,
    pub json: bool,
    /// CSV output (`--csv`).
    pub csv: bool,
}

#[derive(Debug, Clone)]
pub struct LatestConfig {
    pub request: LatestRequest,
    pub when: LatestWhen,
    pub json: bool,
    pub csv: bool,
}

/// The day of `latest`, or the two days `--changes` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatestWhen {
    AsOf(time::Date),
    Changes(time::Date, time::Date),
}

#[derive(Debug, Clone)]
pub struct ExportConfig {
    /// A file to write instead of standard output.
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct EvalConfig {
    pub labels: PathBuf,
    pub dir: Option<PathBuf>,
    pub json: bool,
}

#[derive(Debug, Clone)]
pub struct BenchQueryConfig {
    pub request: SearchRequest,
    pub runs: usize,
}

/// What to suggest on stderr when a search finds nothing.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The words of a query searched as a phrase (see `query::parse`), to count
    /// them ANDed instead when the phrase finds nothing.
    pub all_words: Option<Vec<String>>,
    /// A command the one-word query looks like a typo of (`lst` for `list`).
    pub command: Option<&'static str>,
}

impl Hints {
    /// `query` is what [`query_text`] made of `args`.
    fn for_query(args: &[String]) -> Hints {
        let all_words = match args {
            [one] if is_plain_words(one) => {
                Some(one.split_whitespace().map(str::to_string).collect())
            }
            _ => None,
        };
        let command = match args {
            [one] if one.chars().count() >= 3 && !one.contains(char::is_whitespace) => {
                super::argv::visible_commands()
                    .filter(|c| !matches!(*c, "search" | "help"))
                    .find(|c| strsim::levenshtein(&one.to_lowercase(), c) <= 2)
            }
            _ => None,
        };
        Hints { all_words, command }
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
            Command::Search(a) => Action::Search(search(a)?),
            Command::Timeline(a) => Action::Timeline(TimelineConfig {
                authority: extract::resolve_authority(&a.authority).map_err(usage)?,
                json: a.json,
                csv: a.csv,
            }),
            Command::Trend(a) => Action::Trend(trend(a)?),
            Command::Latest(a) => Action::Latest(latest(a)?),
            Command::Export(a) => Action::Export(ExportConfig { output: a.output }),
            Command::Completions(a) => Action::Completions(a.shell),
            Command::Serve(a) => Action::Serve(SocketAddr::new(a.addr, a.port)),
            Command::Eval(a) => Action::Eval(EvalConfig {
                labels: a.labels,
                dir: a.dir,
                json: a.json,
            }),
            Command::Man => Action::Man,
            Command::BenchQuery(a) => Action::BenchQuery(bench_query(a)?),
            Command::Index(a) => Action::Index(IndexConfig {
                corpora: a.corpus,
                add: a.add,
                rebuild: a.rebuild,
                follow: a.follow,
                quiet: a.quiet,
                json: a.json,
                lock_wait: a.lock_wait,
            }),
            Command::List(a) => Action::List(ListConfig {
                filters: a.filters.into_filters()?,
                json: a.json,
                csv: a.csv,
            }),
        };
        Ok(Config {
            index_dir: self.index,
            color,
            command,
        })
    }
}

/// What to say when a search has neither a query nor a filter.
pub const NO_QUERY: &str = "no query given: a <QUERY> or a filter (--authority, --kind, ...) is needed; \
     try `ofsearch \"chronic neglect\"`, `ofsearch --authority Wakefield`, `ofsearch index` or `ofsearch --help`";

fn search(a: SearchArgs) -> Result<SearchConfig> {
    let mut facets = facets(&a.facet)?;
    // `--facet year --facet year` is one table.
    let mut seen = std::collections::HashSet::new();
    facets.retain(|f| seen.insert(*f));
    let (query, hints) = match &a.query_file {
        Some(path) => (read_query_file(path)?, Hints::default()),
        None => (query_text(&a.query), Hints::for_query(&a.query)),
    };
    let filters = a.filters.into_filters()?;
    if query.trim().is_empty() && filters.terms.is_empty() && a.query_file.is_none() {
        return Err(usage(NO_QUERY.to_string()));
    }
    Ok(SearchConfig {
        request: SearchRequest {
            query,
            filters,
            facets,
            facet_limit: (a.facet_limit > 0).then_some(a.facet_limit),
            all_copies: a.all_copies,
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
        csv: a.csv,
        quiet: a.quiet,
        related: a.related,
        hints,
    })
}

fn trend(a: TrendArgs) -> Result<TrendConfig> {
    Ok(TrendConfig {
        query: query_text(&a.query),
        period: match a.by {
            PeriodArg::Year => Period::Year,
            PeriodArg::AcademicYear => Period::AcademicYear,
        },
        filters: a.filters.into_filters()?,
        svg: a.svg,
        json: a.json,
        csv: a.csv,
    })
}

fn latest(a: LatestArgs) -> Result<LatestConfig> {
    let mut filters = a.filters;
    // `--kind` names the graded kind counted, not a filter on the rows.
    let kind = filters
        .given
        .iter()
        .rev()
        .find(|(n, _)| *n == "kind")
        .map(|(_, v)| v.clone());
    filters.given.retain(|(n, _)| *n != "kind");
    let kinds =
        LatestRequest::kinds_of(kind.as_deref()).map_err(|e| usage(format!("--kind: {e}")))?;
    let day = |option: &str, value: &str| {
        crate::record::parse_date(value)
            .ok_or_else(|| usage(format!("{option}: '{value}' is not a date (YYYY-MM-DD)")))
    };
    let today = time::OffsetDateTime::now_utc().date();
    let when = match (&a.as_of, &a.changes) {
        (_, Some(range)) => {
            let (from, to) = range
                .split_once("..")
                .ok_or_else(|| usage(format!("--changes: expected FROM..TO, got '{range}'")))?;
            let from = day("--changes", from)?;
            let to = if to.trim().is_empty() {
                today
            } else {
                day("--changes", to)?
            };
            if from > to {
                return Err(usage(format!("--changes: {range}: FROM is after TO")));
            }
            LatestWhen::Changes(from, to)
        }
        (Some(as_of), None) => LatestWhen::AsOf(day("--as-of", as_of)?),
        (None, None) => LatestWhen::AsOf(today),
    };
    Ok(LatestConfig {
        request: LatestRequest {
            kinds,
            filters: filters.into_filters()?,
        },
        when,
        json: a.json,
        csv: a.csv,
    })
}

fn bench_query(a: BenchQueryArgs) -> Result<BenchQueryConfig> {
    Ok(BenchQueryConfig {
        request: SearchRequest {
            query: query_text(&a.query),
            filters: Filters::default(),
            facets: facets(&a.facet)?,
            limit: 0,
            offset: 0,
            sort: Sort::Relevance,
            count_only: true,
            max_snippets: 0,
            ..SearchRequest::default()
        },
        runs: a.runs.max(1),
    })
}

fn facets(names: &[String]) -> Result<Vec<&'static str>> {
    names.iter().map(|f| facet_field(f)).collect()
}

/// Join query arguments into one query text. An argument of several plain words
/// is the phrase the user quoted in the shell (`query::argument_query`); separate
/// arguments are separate terms, ANDed: `ofsearch care leavers` needs both words.
pub fn query_text(args: &[String]) -> String {
    if let [one] = args {
        return crate::query::argument_query(one);
    }
    let operator = |a: &str| {
        matches!(a, "AND" | "OR" | "NOT" | "&&" | "||" | "NEAR" | "(" | ")")
            || a.starts_with("NEAR/")
            || a.starts_with(['(', ')'])
            || a.ends_with(['(', ')'])
            || a.starts_with("NOT ")
    };
    let glue = if args.iter().any(|a| operator(a)) {
        " "
    } else {
        " AND "
    };
    args.iter()
        .map(|a| crate::query::argument_query(a))
        .collect::<Vec<_>>()
        .join(glue)
}

/// An argument of several words and nothing the query language reads otherwise:
/// what a user quoting a phrase in the shell passes.
fn is_plain_words(arg: &str) -> bool {
    let words: Vec<&str> = arg.split_whitespace().collect();
    words.len() > 1
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '-'))
                && !w.starts_with('-')
                && !matches!(*w, "AND" | "OR" | "NOT" | "NEAR")
        })
}

/// Read a query from a file or stdin. Reads at most a little more than the
/// query size limit, so that a huge input is refused by the parser's check
/// without being held in memory.
fn read_query_file(path: &Path) -> Result<String> {
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
        let pairs = self
            .given
            .iter()
            .map(|(name, value)| (*name, value.as_str()));
        Filters::from_pairs(pairs).map_err(|e| e.into_error(option_name))
    }
}

/// The option of a filter: `academic_year` -> `--academic-year`.
fn option_name(filter: &str) -> String {
    format!("--{}", filter.replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_words_in_every_argument() {
        assert_eq!(
            query_text(&["chronic neglect".into()]),
            "\"chronic neglect\""
        );
        assert_eq!(
            query_text(&["care".into(), "leavers".into()]),
            "care AND leavers"
        );
        assert_eq!(
            query_text(&["chronic neglect".into(), "kind:ilacs".into()]),
            "\"chronic neglect\" AND kind:ilacs"
        );
        assert!(is_plain_words("chronic neglect") && !is_plain_words("neglect"));
        assert!(!is_plain_words("kind:ilacs neglect") && !is_plain_words("a OR b"));
        assert_eq!(query_text(&["a OR b".into()]), "a OR b");
        assert_eq!(query_text(&["\"x y\" z".into()]), "\"x y\" z");
        assert_eq!(query_text(&["kind:ilacs care".into()]), "kind:ilacs care");
        assert_eq!(
            query_text(&["kind:ilacs chronic neglect".into()]),
            "kind:ilacs \"chronic neglect\""
        );
    }
}

//! The clap definitions of the command line, and nothing else: what each command
//! and option is, its help line and default. Read into a `Config` by `config`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::help;

/// Shown after the top-level help: the query language, exit status, environment.
fn after_help() -> String {
    format!(
        "{}

Exit status: 0 at least one hit (or success), 1 no hit, 2 an error.

Environment: OFSEARCH_INDEX (index directory), OFSEARCH_CORPUS (corpus folders, ':'-separated),
OFSEARCH_LOCK_WAIT (seconds to wait for another index run), NO_COLOR.",
        help::plain_text()
    )
}

#[derive(Debug, Parser)]
#[command(
    name = "ofsearch",
    version,
    about = "Full-text search over Ofsted letters and reports on councils' children's services",
    long_about = "Full-text search over Ofsted letters and reports on councils' children's services, \
and the news articles about them.\n\n`ofsearch QUERY` is short for `ofsearch search QUERY`.",
    override_usage = "ofsearch [OPTIONS] <QUERY>... [SEARCH OPTIONS]\n       ofsearch [OPTIONS] <COMMAND>",
    after_help = after_help(),
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
    #[command(after_help = help::plain_text())]
    Search(SearchArgs),
    /// Build or update the index from the corpus
    Index(IndexArgs),
    /// List every indexed document with its metadata
    List(ListArgs),
    /// Every inspection and visit of a council in date order, with the articles about each
    Timeline(TimelineArgs),
    /// Matching documents per year (or academic year), as a share of all documents
    Trend(TrendArgs),
    /// Every authority's latest graded inspection as of a day: the national picture
    #[command(
        mut_arg("kind", |a| a.help(
            "Only this graded kind: ilacs, sif or other (default: ilacs and sif)"
        )),
        after_help = LATEST_HELP
    )]
    Latest(LatestArgs),
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
    /// CSV output (a header row, one value per cell, lists joined with "; ")
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
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
    /// CSV output (a header row, one value per cell, lists joined with "; ")
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

const LATEST_HELP: &str = "\
One row per authority that existed on the day (a council abolished by then is not a row, \
its successors are), with its latest graded inspection: a document of a graded kind with an \
overall judgement whose day is on or before the day. ILACS reports print no publication date, \
so they count from their inspection's last day, some weeks before Ofsted published them. \
Authorities with no graded inspection in the index are listed as not inspected; the last \
line counts authorities per grade.

Filters select rows: an authority is listed when its latest inspection matches them \
(--judgement inadequate: the authorities whose latest judgement is inadequate); --authority \
and --region keep the not-inspected authorities too. With --changes, a change is listed when \
the document on either side matches.";

#[derive(Debug, Args)]
pub struct LatestArgs {
    /// The day (YYYY-MM-DD; default today). A document counts from its stated
    /// date, an ILACS report from its inspection's last day (it prints no
    /// publication date)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Instead, the authorities whose latest overall judgement changed between
    /// two days: FROM..TO (TO default today)
    #[arg(long, value_name = "FROM..TO", conflicts_with = "as_of")]
    pub changes: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// JSON Lines output (one line per authority, then a summary)
    #[arg(long)]
    pub json: bool,
    /// CSV output (a header row, one row per authority)
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
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
    /// The query, in the query language (below); without one, the filters'
    /// documents are listed (newest first)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Read the query from a file (`-` for standard input) instead of the arguments
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub query_file: Option<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count matching documents by this field (repeatable)
    #[arg(long, value_name = "FIELD", value_parser = Offered::Facets, hide_possible_values = true)]
    pub facet: Vec<String>,
    /// Values shown per facet, the most frequent (0: all)
    #[arg(long, default_value_t = crate::search::DEFAULT_FACET_LIMIT, value_name = "N")]
    pub facet_limit: usize,
    /// Show copies of one document (the same report as text and PDF) as
    /// separate hits, and count each
    #[arg(long)]
    pub all_copies: bool,
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
    /// CSV output (a header row, one value per cell, lists joined with "; ")
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
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

/// The metadata filters (`--authority`, `--year`, ...): one option per filter of
/// `crate::filters::SPECS`, which the field registry decides, so this struct
/// names none of them.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    /// `(filter, value)` as given, in the order of the filters.
    pub given: Vec<(&'static str, String)>,
}

impl clap::FromArgMatches for FilterArgs {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut args = FilterArgs::default();
        args.update_from_arg_matches(m)?;
        Ok(args)
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        for spec in crate::filters::SPECS.iter() {
            let Ok(Some(values)) = m.try_get_many::<String>(spec.name) else {
                continue;
            };
            if !spec.repeatable {
                self.given.retain(|(n, _)| *n != spec.name);
            }
            self.given.extend(values.map(|v| (spec.name, v.clone())));
        }
        Ok(())
    }
}

impl clap::Args for FilterArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        crate::filters::SPECS.iter().fold(cmd, |cmd, spec| {
            let action = if spec.repeatable {
                clap::ArgAction::Append
            } else {
                clap::ArgAction::Set
            };
            cmd.arg(
                clap::Arg::new(spec.name)
                    .long(spec.option)
                    .value_name(spec.value_name)
                    .help(spec.help)
                    .value_parser(Offered::Filter(spec.name))
                    .hide_possible_values(true)
                    .action(action),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Corpus directory (repeatable; replaces the previous run's folders, see --add;
    /// default: as last time, else ./corpus)
    #[arg(
        long,
        env = "OFSEARCH_CORPUS",
        value_name = "DIR",
        value_delimiter = ':'
    )]
    pub corpus: Vec<PathBuf>,
    /// Add the --corpus folders to those of the previous run (without it, they
    /// replace them)
    #[arg(long, requires = "corpus")]
    pub add: bool,
    /// Rebuild from scratch
    #[arg(long)]
    pub rebuild: bool,
    /// Follow symbolic links that lead out of a corpus folder (by default they are skipped, with a reason)
    #[arg(long)]
    pub follow: bool,
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
    /// CSV output (a header row, one value per cell, lists joined with "; ")
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

/// Any string, with the values shell completion offers (from the field
/// registry): the kinds, grades, regions, facet names and `--sub` pairs. The
/// field's own reader checks the value later, with its own message. The values
/// are found only when asked for (completion scripts): the regions come from
/// the authorities' reference, which a search has no need to load.
#[derive(Debug, Clone)]
pub enum Offered {
    /// The values of the filter of this name.
    Filter(&'static str),
    /// The facet names.
    Facets,
}

/// Every `--sub` NAME=GRADE pair, made once.
static SUB_PAIRS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let grades = crate::extract::Judgement::ALL.map(|j| j.as_str());
    crate::fields::sub_judgement_fields()
        .flat_map(|f| grades.iter().map(move |g| format!("{}={g}", f.name)))
        .collect()
});

impl Offered {
    /// The values offered (`sub`: every NAME=GRADE pair).
    fn values(&self) -> Vec<&'static str> {
        match self {
            Offered::Filter("sub") => SUB_PAIRS.iter().map(String::as_str).collect(),
            Offered::Filter(name) => crate::fields::field(name)
                .map(crate::fields::completion_values)
                .unwrap_or_default(),
            Offered::Facets => crate::fields::facet_fields().map(|f| f.name).collect(),
        }
    }
}

impl clap::builder::TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let values = self.values();
        if values.is_empty() {
            return None;
        }
        Some(Box::new(
            values.into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

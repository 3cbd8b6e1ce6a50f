//! The library's error type. Every message is one line that says what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no index at {0}: run `ofsearch index` to build it")]
    NoIndex(PathBuf),
    #[error(
        "the index at {path} was built with index format {found}, this ofsearch uses {expected}: run `ofsearch index --rebuild`"
    )]
    SchemaVersion {
        path: PathBuf,
        found: String,
        expected: u32,
    },
    #[error(
        "the index at {path} cannot be read ({cause}): run `ofsearch index --rebuild` (with `--corpus DIR` unless the documents are in ./corpus)"
    )]
    Corrupt { path: PathBuf, cause: String },
    #[error("another `ofsearch index` holds the lock on {0}; waited {1} s, try again later")]
    Locked(PathBuf, u64),
    #[error("invalid query: {0}")]
    Query(QueryError),
    #[error("{0}")]
    Usage(String),
    /// Our own fault (a bug), not the user's: the server answers it with 500.
    #[error("internal error: {0}")]
    Internal(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The message for a terminal: one line, its control characters (from paths
    /// in it, which are the user's) escaped.
    pub fn terminal_line(&self) -> String {
        crate::path_text::terminal_safe(&self.to_string()).into_owned()
    }
}

/// Attach a context line to an I/O error.
pub fn io_err(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let context = context.into();
    move |source| Error::Io { context, source }
}

/// What is wrong with a query, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    /// Where the problem starts: a character position in the query, from 1.
    pub position: Option<usize>,
}

impl QueryError {
    pub fn new(message: impl Into<String>) -> QueryError {
        QueryError {
            message: message.into(),
            position: None,
        }
    }

    /// The problem starts at byte offset `at` of `query`.
    pub fn at(mut self, query: &str, at: usize) -> QueryError {
        let at = at.min(query.len());
        let chars = query.char_indices().take_while(|(i, _)| *i < at).count();
        self.position = Some(chars + 1);
        self
    }
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(p) = self.position {
            write!(f, " (at character {p})")?;
        }
        Ok(())
    }
}

impl From<String> for QueryError {
    fn from(message: String) -> QueryError {
        QueryError::new(message)
    }
}

impl From<&str> for QueryError {
    fn from(message: &str) -> QueryError {
        QueryError::new(message)
    }
}

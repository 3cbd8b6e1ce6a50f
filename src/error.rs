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
    Query(String),
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

/// Attach a context line to an I/O error.
pub fn io_err(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let context = context.into();
    move |source| Error::Io { context, source }
}

//! ofsearch: full-text search over Ofsted letters and reports on children's services.
//!
//! Public for the binary and the integration tests only: the command line
//! (`cli`, `commands`, `error`) and the stages the property tests drive
//! (`ingest`, `extract`, `index`, `search`, `store`). Everything else is
//! crate-private.
pub(crate) mod analysis;
pub mod cli;
pub mod commands;
pub mod error;
pub(crate) mod eval;
pub(crate) mod export;
pub mod extract;
pub(crate) mod facets;
pub(crate) mod fields;
pub(crate) mod filters;
pub(crate) mod help;
pub(crate) mod hints;
pub mod index;
pub mod ingest;
pub(crate) mod long_text;
pub(crate) mod output;
pub mod path_text;
pub(crate) mod query;
pub(crate) mod record;
pub(crate) mod rules;
pub(crate) mod schema;
pub mod search;
pub(crate) mod serve;
pub(crate) mod snippet;
pub mod store;
pub(crate) mod stored;

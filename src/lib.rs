//! ofsearch: full-text search over Ofsted letters and reports on children's services.
pub mod analysis;
pub mod app;
pub mod cli;
pub mod error;
pub mod export;
pub mod extract;
pub mod facets;
pub mod index;
pub mod ingest;
pub mod output;
pub mod query;
pub mod record;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod store;

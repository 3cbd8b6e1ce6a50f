//! ofsearch: full-text search over Ofsted letters and reports on children's services.
pub mod extract;
pub mod ingest;

//! Authorities: the gazetteer (the reference list and name resolution for user
//! input), its names as text patterns, and detection of the authority a document
//! is about.

mod article;
mod detect;
mod gazetteer;
mod patterns;

pub(crate) use article::about;
pub use gazetteer::{
    Authority, authorities, existed_on, find_authority, find_region, regions, resolve_authority,
};

//! Analyst views over the index: an authority's timeline, phrase trends over
//! time, and the documents related to a hit (an article and the inspection it
//! reports on).

pub mod chart;
pub mod related;
pub mod timeline;
pub mod trend;

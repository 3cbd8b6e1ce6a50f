//! Analyst views over the index: an authority's timeline, phrase trends over
//! time, the documents related to a hit (an article and the inspection it
//! reports on), and every authority's latest judgement (the national picture).

pub mod chart;
pub mod latest;
pub mod related;
pub mod timeline;
pub mod trend;

//! The index as served: reopened when `ofsearch index` publishes a change.
//!
//! Before each request (at most every `CHECK_EVERY`), the index's change stamp
//! (`Store::change_stamp`) is read. When it changed, the index is reopened with
//! `Store::open`; if that fails, the previous snapshot keeps serving. Requests
//! already running keep the snapshot they started with.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock, TryLockError};
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::filters::Filters;
use crate::record::DocRecord;
use crate::search::list_addressed;
use crate::store::{ChangeStamp, Opened, Store};
use tantivy::DocAddress;

/// How often the index directory is looked at, at most.
pub const CHECK_EVERY: Duration = Duration::from_millis(250);

/// One opened generation of the index, shared by the requests that use it.
pub struct Snapshot {
    pub opened: Opened,
    /// Every document by its display path, built on first use (`/doc`).
    by_path: OnceLock<HashMap<String, (DocRecord, DocAddress)>>,
}

impl Snapshot {
    fn new(opened: Opened) -> Snapshot {
        Snapshot {
            opened,
            by_path: OnceLock::new(),
        }
    }

    /// The record of the document indexed under `path` (as shown in hits), if any.
    pub fn record(&self, path: &str) -> Result<Option<&DocRecord>> {
        Ok(self.entry(path)?.map(|(r, _)| r))
    }

    /// The clean text of the document indexed under `path`, as indexed: all of
    /// it, or the first [`crate::long_text::HEAD_BYTES`] of a longer one (then
    /// `true`).
    pub fn text(&self, path: &str) -> Result<Option<(String, bool)>> {
        match self.entry(path)? {
            Some((record, addr)) => self.opened.head_at(*addr, record).map(Some),
            None => Ok(None),
        }
    }

    fn entry(&self, path: &str) -> Result<Option<&(DocRecord, DocAddress)>> {
        if let Some(map) = self.by_path.get() {
            return Ok(map.get(path));
        }
        let map: HashMap<String, (DocRecord, DocAddress)> =
            list_addressed(&self.opened, &Filters::default())?
                .into_iter()
                .map(|(r, a)| (r.path.clone(), (r, a)))
                .collect();
        Ok(self.by_path.get_or_init(|| map).get(path))
    }

    /// Number of documents in this snapshot.
    pub fn num_docs(&self) -> u64 {
        self.opened.reader.searcher().num_docs()
    }
}

struct Check {
    at: Instant,
    /// The stamp of the snapshot being served.
    served: ChangeStamp,
    /// The last stamp that failed to open (warned about once).
    failed: Option<ChangeStamp>,
}

/// The served index and the bookkeeping to notice changes.
pub struct Live {
    store: Store,
    current: RwLock<Arc<Snapshot>>,
    check: Mutex<Check>,
}

impl Live {
    /// Open the index now: a server with no readable index refuses to start.
    pub fn open(store: Store) -> Result<Live> {
        let served = store.change_stamp();
        let opened = store.open()?;
        Ok(Live {
            store,
            current: RwLock::new(Arc::new(Snapshot::new(opened))),
            check: Mutex::new(Check {
                at: Instant::now(),
                served,
                failed: None,
            }),
        })
    }

    /// The snapshot to serve a request with, reopened first if the index changed.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.refresh();
        match self.current.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn refresh(&self) {
        // One request checks; the others meanwhile serve the current snapshot.
        let mut check = match self.check.try_lock() {
            Ok(c) => c,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        if check.at.elapsed() < CHECK_EVERY {
            return;
        }
        check.at = Instant::now();
        let now = self.store.change_stamp();
        if now == check.served {
            return;
        }
        match self.store.open() {
            Ok(opened) => {
                let snapshot = Arc::new(Snapshot::new(opened));
                match self.current.write() {
                    Ok(mut s) => *s = snapshot,
                    Err(poisoned) => *poisoned.into_inner() = snapshot,
                }
                check.served = now;
                check.failed = None;
            }
            Err(e) => {
                if check.failed.as_ref() != Some(&now) {
                    eprintln!(
                        "ofsearch: warning: cannot reopen the changed index ({e}); still serving the previous one"
                    );
                    check.failed = Some(now);
                }
            }
        }
    }
}

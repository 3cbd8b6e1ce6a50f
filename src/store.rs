//! The index directory: generations, the `CURRENT` pointer, the writer lock and the
//! payload stored with each commit.
//!
//! Layout of `index/`:
//! ```text
//! CURRENT        name of the live generation, replaced atomically (write + rename)
//! lock           held (flock) by the one `ofsearch index` running
//! gen-000001/    a tantivy index
//! ```
//! Incremental updates commit into the live generation (tantivy commits are atomic).
//! A rebuild writes a new generation and switches `CURRENT` only once it is committed,
//! so a reader, or a crash at any moment, sees either the old or the new index.

use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{Error, Result, io_err};
use crate::schema::{self, Fields, SCHEMA_VERSION};

const CURRENT: &str = "CURRENT";
const LOCK: &str = "lock";
const GEN_PREFIX: &str = "gen-";

/// Stored with every commit, inside tantivy's own meta file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub schema_version: u32,
    /// Canonical corpus directories this index was built from.
    pub corpora: Vec<PathBuf>,
    /// How each corpus directory was named by the user (for display paths).
    #[serde(default)]
    pub corpora_display: Vec<String>,
    pub tool_version: String,
    /// The [`crate::extract::EXTRACTOR_VERSION`] the documents were read with.
    #[serde(default)]
    pub extractor_version: u32,
    /// Copy keys held by more than one document (sorted): search counts each
    /// such group once.
    #[serde(default)]
    pub copies: Vec<u64>,
}

/// An opened, searchable index.
pub struct Opened {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub payload: Payload,
    pub generation: PathBuf,
}

/// Identifies a published state of the index (see [`Store::change_stamp`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeStamp {
    current: Option<String>,
    meta: Option<(Option<std::time::SystemTime>, u64)>,
}

/// Holds the writer lock until dropped.
pub struct LockGuard {
    _file: File,
}

pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The index folder must be a folder, absent, empty or holding an ofsearch index
    /// (its pointer, lock or generations; hidden files such as the repository's
    /// `index/.gitignore` do not count): never write among someone else's files.
    pub fn check_root(&self) -> Result<()> {
        let refuse = |why: &str| {
            Err(Error::Usage(format!(
                "--index {}: {why}",
                self.root.display()
            )))
        };
        if self.root.exists() && !self.root.is_dir() {
            return refuse("not a directory");
        }
        let Ok(entries) = fs::read_dir(&self.root) else {
            return Ok(());
        };
        let names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        let ours = names.is_empty()
            || names
                .iter()
                .any(|n| n == CURRENT || n == LOCK || generation_number(Path::new(n)).is_some());
        if ours {
            Ok(())
        } else {
            refuse(
                "the folder holds other files and no ofsearch index; choose a new or empty folder",
            )
        }
    }

    /// Whether an index has been published here.
    pub fn exists(&self) -> bool {
        self.root.join(CURRENT).is_file()
    }

    fn current_generation(&self) -> Result<Option<PathBuf>> {
        let pointer = self.root.join(CURRENT);
        let name = match fs::read_to_string(&pointer) {
            Ok(s) => s.trim().to_string(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(format!("cannot read {}", pointer.display()))(e)),
        };
        let valid = name
            .strip_prefix(GEN_PREFIX)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            return Err(self.corrupt(format!("{CURRENT} names no generation")));
        }
        Ok(Some(self.root.join(name)))
    }

    fn corrupt(&self, cause: impl Into<String>) -> Error {
        Error::Corrupt {
            path: self.root.clone(),
            cause: cause.into(),
        }
    }

    /// Open the live generation for reading. Retries when a rebuild switches
    /// generations between reading `CURRENT` and opening the files.
    pub fn open(&self) -> Result<Opened> {
        let mut attempt = 0;
        loop {
            let generation = self
                .current_generation()?
                .ok_or_else(|| Error::NoIndex(self.root.clone()))?;
            match self.open_generation(&generation) {
                Ok(opened) => return Ok(opened),
                Err(e) => {
                    attempt += 1;
                    let moved = self.current_generation().ok().flatten() != Some(generation);
                    if !moved || attempt >= 3 {
                        return Err(e);
                    }
                }
            }
        }
    }

    /// The payload of the live generation, whatever its schema version (to
    /// rebuild an outdated index from the same corpora).
    pub fn read_payload(&self) -> Option<Payload> {
        let generation = self.current_generation().ok()??;
        let metas = Index::open_in_dir(generation).ok()?.load_metas().ok()?;
        serde_json::from_str(metas.payload.as_deref()?).ok()
    }

    pub fn open_generation(&self, generation: &Path) -> Result<Opened> {
        let index = Index::open_in_dir(generation).map_err(|e| self.corrupt(e.to_string()))?;
        let metas = index
            .load_metas()
            .map_err(|e| self.corrupt(e.to_string()))?;
        let payload: Payload = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .ok_or_else(|| self.corrupt("no ofsearch payload in the index"))?;
        if payload.schema_version != SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                path: self.root.clone(),
                found: payload.schema_version.to_string(),
                expected: SCHEMA_VERSION,
            });
        }
        let fields = Fields::for_schema(&index.schema()).ok_or_else(|| Error::SchemaVersion {
            path: self.root.clone(),
            found: format!("{} (different schema)", payload.schema_version),
            expected: SCHEMA_VERSION,
        })?;
        schema::register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| self.corrupt(e.to_string()))?;
        Ok(Opened {
            index,
            reader,
            fields,
            payload,
            generation: generation.to_path_buf(),
        })
    }

    /// Take the writer lock, waiting up to `wait` for another writer to finish.
    pub fn lock(&self, wait: Duration) -> Result<LockGuard> {
        fs::create_dir_all(&self.root)
            .map_err(io_err(format!("cannot create {}", self.root.display())))?;
        let path = self.root.join(LOCK);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err(format!("cannot open {}", path.display())))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(LockGuard { _file: file }),
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(Error::Locked(self.root.clone(), wait.as_secs()));
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(io_err(format!("cannot lock {}", path.display()))(e));
                }
            }
        }
    }

    /// A stamp that changes whenever `ofsearch index` publishes: the contents of
    /// `CURRENT` (a rebuild switches generations) and the size and time of the
    /// live generation's tantivy `meta.json` (an incremental update commits into
    /// it). Cheap: two small reads, no index opened.
    pub fn change_stamp(&self) -> ChangeStamp {
        let current = fs::read_to_string(self.root.join(CURRENT))
            .ok()
            .map(|s| s.trim().to_string());
        // Only a plain generation name is joined to the root.
        let meta = current
            .as_deref()
            .filter(|name| generation_number(Path::new(name)).is_some())
            .and_then(|name| fs::metadata(self.root.join(name).join("meta.json")).ok())
            .map(|m| (m.modified().ok(), m.len()));
        ChangeStamp { current, meta }
    }

    /// The live generation's directory, if any, without opening it.
    pub fn live_generation(&self) -> Option<PathBuf> {
        self.current_generation().ok().flatten()
    }

    /// Create a fresh, empty generation directory (caller holds the lock).
    pub fn create_generation(&self) -> Result<(PathBuf, Index, Fields)> {
        let next = self
            .generations()
            .iter()
            .filter_map(|p| generation_number(p))
            .max()
            .unwrap_or(0)
            + 1;
        let dir = self.root.join(format!("{GEN_PREFIX}{next:06}"));
        fs::create_dir_all(&dir).map_err(io_err(format!("cannot create {}", dir.display())))?;
        let fields = Fields::build();
        let index = Index::create_in_dir(&dir, fields.schema.clone())?;
        schema::register_tokenizers(&index);
        Ok((dir, index, fields))
    }

    /// Atomically make `generation` the live one, then remove the others.
    pub fn publish(&self, generation: &Path) -> Result<()> {
        let name = generation
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| self.corrupt("bad generation name"))?;
        let tmp = self.root.join(format!("{CURRENT}.tmp"));
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(format!("{name}\n").as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, self.root.join(CURRENT))?;
            File::open(&self.root)?.sync_all()
        };
        write().map_err(io_err(format!(
            "cannot switch {} to the new index",
            self.root.display()
        )))?;
        self.clean_stale();
        Ok(())
    }

    /// Remove generations that are not live and temporary files (caller holds the lock).
    pub fn clean_stale(&self) {
        let live = self.live_generation();
        for generation in self.generations() {
            if Some(&generation) != live.as_ref() {
                let _ = fs::remove_dir_all(&generation);
            }
        }
        let _ = fs::remove_file(self.root.join(format!("{CURRENT}.tmp")));
    }

    fn generations(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| generation_number(p).is_some())
            .collect()
    }
}

fn generation_number(path: &Path) -> Option<u64> {
    path.file_name()?
        .to_str()?
        .strip_prefix(GEN_PREFIX)?
        .parse()
        .ok()
}

//! The index directory: generations, the `CURRENT` pointer, the writer lock and the
//! payload stored with each commit.
//!
//! Layout of `index/`:
//! ```text
//! OFSEARCH-INDEX the ownership marker ("ofsearch index format 1"): written when
//!                ofsearch creates the folder; nothing is written or removed in a
//!                folder without it
//! CURRENT        name of the live generation, replaced atomically (write + rename)
//! lock           held (flock) by the one `ofsearch index` running
//! gen-000001/    a tantivy index
//! ```
//! Incremental updates commit into the live generation (tantivy commits are atomic).
//! A rebuild writes a new generation and switches `CURRENT` only once it is committed,
//! so a reader, or a crash at any moment, sees either the old or the new index.
//!
//! Ownership: a writer ([`Store::check_root`]) accepts a folder that is absent,
//! empty (hidden files aside), or marked; it adopts (marks) a folder of an older
//! ofsearch that has exactly this layout (only `CURRENT`, `CURRENT.tmp`, `lock` and
//! `gen-NNNNNN` folders that hold a tantivy `meta.json`); anything else is refused.
//! Only `gen-NNNNNN` folders (six digits or more) of a marked folder are ever removed.
//!
//! A damaged `CURRENT` (garbage, or naming a missing or unreadable generation) is
//! never taken for "no index": [`Store::repair`] points it at the newest complete
//! generation, and cleaning does nothing while the pointer cannot be trusted.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
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
/// A generation a failed run discarded, while it is being removed.
const DISCARDED_PREFIX: &str = ".discarded-";
/// The ownership marker and what it holds.
pub const MARKER: &str = "OFSEARCH-INDEX";
const MARKER_FORMAT: u32 = 1;
const CURRENT_TMP: &str = "CURRENT.tmp";
const MARKER_TMP: &str = "OFSEARCH-INDEX.tmp";

/// The format number a marker file holds, if it is one.
fn marker_format(bytes: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.lines()
        .next()?
        .trim()
        .strip_prefix("ofsearch index format ")?
        .parse()
        .ok()
}

/// What the live pointer says.
enum Pointer {
    /// No `CURRENT`: nothing was ever published (or it was removed).
    Absent,
    /// `CURRENT` names a generation folder holding a tantivy `meta.json`.
    Live(PathBuf),
    /// `CURRENT` cannot be trusted: why.
    Damaged(String),
}

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

#[derive(Debug, Clone)]
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

    /// The index folder must be absent, empty (hidden files such as the
    /// repository's `index/.gitignore` do not count), marked as ofsearch's
    /// ([`MARKER`]), or an unmarked index of an older ofsearch with exactly our
    /// layout (adopted: [`Store::lock`] writes the marker; a reader writes
    /// nothing). Anything else is refused: never write among someone else's files.
    pub fn check_root(&self) -> Result<()> {
        let refuse = |why: String| {
            Err(Error::Usage(format!(
                "--index {}: {why}",
                self.root.display()
            )))
        };
        match fs::symlink_metadata(&self.root) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return refuse(format!("cannot read: {e}")),
            Ok(m) if !m.is_dir() && !fs::metadata(&self.root).is_ok_and(|m| m.is_dir()) => {
                return refuse("not a directory".into());
            }
            Ok(_) => {}
        }
        match fs::read(self.root.join(MARKER)) {
            Ok(bytes) => {
                return match marker_format(&bytes) {
                    Some(MARKER_FORMAT) => Ok(()),
                    Some(n) => refuse(format!(
                        "the index is of storage format {n}, this ofsearch reads format {MARKER_FORMAT}: use a newer ofsearch or a new folder"
                    )),
                    None => refuse(format!(
                        "{MARKER} is damaged (it should hold \"ofsearch index format {MARKER_FORMAT}\"); if the folder holds nothing but an ofsearch index, write that line into it, else choose a new or empty folder"
                    )),
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return refuse(format!("cannot read {MARKER}: {e}")),
        }
        let entries = fs::read_dir(&self.root)
            .map_err(io_err(format!("cannot read {}", self.root.display())))?;
        let names: Vec<(std::ffi::OsString, fs::FileType)> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                // Hidden files, and a marker a crash left half-written, do not count.
                !name.as_encoded_bytes().starts_with(b".") && name.to_str() != Some(MARKER_TMP)
            })
            .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
            .collect();
        if names.is_empty() {
            return Ok(());
        }
        if self.is_legacy_layout(&names) {
            // Adopted: the writer's lock writes the marker (a reader writes nothing).
            return Ok(());
        }
        refuse(format!(
            "the folder holds other files and no ofsearch index (no {MARKER} marker); choose a new or empty folder"
        ))
    }

    /// An index written by an ofsearch before the marker: nothing but our own
    /// names, every generation a tantivy index, at least one generation.
    fn is_legacy_layout(&self, names: &[(std::ffi::OsString, fs::FileType)]) -> bool {
        let mut generations = 0;
        for (name, kind) in names {
            let Some(name) = name.to_str() else {
                return false;
            };
            let ok = if generation_number(Path::new(name)).is_some() {
                generations += 1;
                kind.is_dir() && self.root.join(name).join("meta.json").is_file()
            } else {
                (name == CURRENT || name == LOCK || name == CURRENT_TMP) && kind.is_file()
            };
            if !ok {
                return false;
            }
        }
        generations > 0
    }

    /// Mark the folder as ofsearch's (creating it).
    fn write_marker(&self) -> Result<()> {
        let path = self.root.join(MARKER);
        if marker_format(&fs::read(&path).unwrap_or_default()).is_some() {
            return Ok(());
        }
        fs::create_dir_all(&self.root)
            .map_err(io_err(format!("cannot create {}", self.root.display())))?;
        let tmp = self.root.join(MARKER_TMP);
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(
                format!(
                    "ofsearch index format {MARKER_FORMAT}\nThis folder is an ofsearch index: ofsearch owns every file in it.\n"
                )
                .as_bytes(),
            )?;
            f.sync_all()?;
            fs::rename(&tmp, &path)
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&tmp);
            io_err(format!("cannot write {}", path.display()))(e)
        })
    }

    /// Whether an index has been published here.
    pub fn exists(&self) -> bool {
        self.root.join(CURRENT).is_file()
    }

    fn current_generation(&self) -> Result<Option<PathBuf>> {
        let pointer = self.root.join(CURRENT);
        // A pointer is one short line: a huge file in its place is not read whole.
        let read = File::open(&pointer).and_then(|f| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(f, 256), &mut bytes)?;
            Ok(bytes)
        });
        let name = match read {
            Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_string(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(format!("cannot read {}", pointer.display()))(e)),
        };
        if generation_number(Path::new(&name)).is_none() {
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
                .current_generation()
                .map_err(|e| self.explain_pointer().unwrap_or(e))?
                .ok_or_else(|| Error::NoIndex(self.root.clone()))?;
            match self.open_generation(&generation) {
                Ok(opened) => return Ok(opened),
                Err(e) => {
                    attempt += 1;
                    let moved = self.current_generation().ok().flatten() != Some(generation);
                    if !moved || attempt >= 3 {
                        return Err(self.explain_pointer().unwrap_or(e));
                    }
                }
            }
        }
    }

    /// The error for a damaged `CURRENT`, saying that `ofsearch index` repairs it.
    fn explain_pointer(&self) -> Option<Error> {
        match self.pointer() {
            Pointer::Damaged(cause) => Some(self.corrupt(format!(
                "{cause}; `ofsearch index` points it at the newest complete generation"
            ))),
            _ => None,
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
        // Opening a reader reads every segment's fast-field headers: damaged ones
        // make tantivy panic, which is a damaged index, not a crash.
        let reader = crate::ingest::guard::quietly(|| {
            index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
        })
        .map_err(|cause| self.corrupt(format!("a segment cannot be read: {cause}")))?
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
    /// Marks the folder as ofsearch's first ([`Store::check_root`] has accepted it).
    pub fn lock(&self, wait: Duration) -> Result<LockGuard> {
        self.write_marker()?;
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

    /// Create a fresh, empty generation directory (caller holds the lock); its
    /// path is put in `created` as soon as the folder exists, so a failure in
    /// what follows can remove it ([`Store::discard`]).
    pub fn create_generation(
        &self,
        created: &mut Option<PathBuf>,
    ) -> Result<(PathBuf, Index, Fields)> {
        let next = self
            .generations()
            .iter()
            .filter_map(|p| generation_number(p))
            .max()
            .unwrap_or(0)
            + 1;
        let dir = self.root.join(format!("{GEN_PREFIX}{next:06}"));
        fs::create_dir(&dir).map_err(io_err(format!("cannot create {}", dir.display())))?;
        *created = Some(dir.clone());
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
        self.write_pointer(name)?;
        self.clean_stale();
        Ok(())
    }

    /// Write `CURRENT` (write a temporary file, sync, rename, sync the folder).
    fn write_pointer(&self, name: &str) -> Result<()> {
        let tmp = self.root.join(CURRENT_TMP);
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(format!("{name}\n").as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, self.root.join(CURRENT))?;
            File::open(&self.root)?.sync_all()
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&tmp);
            io_err(format!(
                "cannot switch {} to the new index",
                self.root.display()
            ))(e)
        })
    }

    fn pointer(&self) -> Pointer {
        match self.current_generation() {
            Ok(None) => Pointer::Absent,
            Ok(Some(generation)) if generation.join("meta.json").is_file() => {
                Pointer::Live(generation)
            }
            Ok(Some(generation)) => Pointer::Damaged(format!(
                "{CURRENT} names {}, which is missing",
                generation.file_name().unwrap_or_default().to_string_lossy()
            )),
            Err(Error::Corrupt { cause, .. }) => Pointer::Damaged(cause),
            Err(e) => Pointer::Damaged(e.to_string()),
        }
    }

    /// A generation that a reader can open: tantivy's meta file with an ofsearch
    /// payload, and every segment file it names present. Never panics.
    fn is_complete(generation: &Path) -> bool {
        let generation = generation.to_path_buf();
        crate::ingest::guard::quietly(move || {
            let Ok(index) = Index::open_in_dir(&generation) else {
                return false;
            };
            let Some(payload) = index.load_metas().ok().and_then(|m| m.payload) else {
                return false;
            };
            serde_json::from_str::<Payload>(&payload).is_ok()
                && index
                    .reader_builder()
                    .reload_policy(ReloadPolicy::Manual)
                    .try_into()
                    .is_ok()
        })
        .unwrap_or(false)
    }

    /// Repair a damaged or missing `CURRENT` (caller holds the lock): point it at
    /// the newest complete generation. Returns what was done, for the run's
    /// warnings. When no generation is complete, nothing is lost by building
    /// afresh: that is done for `--rebuild`, refused otherwise.
    pub fn repair(&self, rebuild: bool) -> Result<Option<String>> {
        let cause = match self.pointer() {
            Pointer::Live(_) => return Ok(None),
            Pointer::Absent => None,
            Pointer::Damaged(cause) => Some(cause),
        };
        let mut generations: Vec<(u64, PathBuf)> = self
            .generations()
            .into_iter()
            .filter_map(|g| Some((generation_number(&g)?, g)))
            .collect();
        generations.sort_unstable_by_key(|g| std::cmp::Reverse(g.0));
        let newest = generations.iter().find(|(_, g)| Store::is_complete(g));
        match (newest, cause) {
            (Some((_, generation)), cause) => {
                let name = generation
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                self.write_pointer(&name)?;
                let cause = cause.unwrap_or_else(|| format!("{CURRENT} was missing"));
                Ok(Some(format!(
                    "{cause}; repaired: {CURRENT} now names {name}, the newest complete generation"
                )))
            }
            (None, None) => Ok(None),
            (None, Some(cause)) if rebuild => Ok(Some(format!(
                "{cause}, and no generation is complete: built afresh"
            ))),
            (None, Some(cause)) => {
                Err(self.corrupt(format!("{cause}, and no generation is complete")))
            }
        }
    }

    /// Remove generations that are not live and temporary files (caller holds the
    /// lock). Does nothing in a folder without the marker, or while `CURRENT`
    /// cannot be read (see [`Store::repair`]): a generation is removed only when
    /// the live one is known, or when none was ever published and none is complete.
    pub fn clean_stale(&self) {
        if !self.root.join(MARKER).is_file() {
            return;
        }
        let live = match self.pointer() {
            Pointer::Live(generation) => Some(generation),
            Pointer::Absent => None,
            Pointer::Damaged(_) => return,
        };
        let stale: Vec<PathBuf> = self
            .generations()
            .into_iter()
            .filter(|g| Some(g) != live.as_ref())
            .collect();
        if live.is_none() && stale.iter().any(|g| Store::is_complete(g)) {
            return;
        }
        for generation in stale {
            // A real folder only: a symbolic link named like a generation is not ours.
            if fs::symlink_metadata(&generation).is_ok_and(|m| m.is_dir()) {
                let _ = fs::remove_dir_all(&generation);
            }
        }
        let _ = fs::remove_file(self.root.join(CURRENT_TMP));
        // Generations a failed run discarded but could not remove whole.
        let discarded = |p: &Path| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(DISCARDED_PREFIX))
        };
        for folder in self.entries(discarded) {
            if fs::symlink_metadata(&folder).is_ok_and(|m| m.is_dir()) {
                let _ = fs::remove_dir_all(&folder);
            }
        }
    }

    /// The files of `generation`'s segments (those ending in one of `extensions`,
    /// or all when it is empty) that fail tantivy's checksum, or cannot be read.
    /// Reads each file whole: for the small `.fast` files before an update, and
    /// for every file only when something already went wrong.
    pub fn damaged_files(generation: &Path, extensions: &[&str]) -> Vec<String> {
        let generation = generation.to_path_buf();
        let check = move || -> Vec<String> {
            let meta = || {
                vec![format!(
                    "{} cannot be read",
                    generation.join("meta.json").display()
                )]
            };
            let Ok(index) = Index::open_in_dir(&generation) else {
                return meta();
            };
            let Ok(metas) = index.load_metas() else {
                return meta();
            };
            let live: HashSet<String> = metas
                .segments
                .iter()
                .map(|s| s.id().uuid_string())
                .collect();
            let Ok(entries) = fs::read_dir(&generation) else {
                return vec![generation.display().to_string()];
            };
            // The files of the committed segments: `<segment id>.<component>`.
            let mut files: Vec<PathBuf> = entries
                .flatten()
                .map(|e| PathBuf::from(e.file_name()))
                .filter(|f| {
                    let name = f.to_string_lossy();
                    let segment = name.split('.').next().unwrap_or_default();
                    let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
                    live.contains(segment) && (extensions.is_empty() || extensions.contains(&ext))
                })
                .collect();
            files.sort();
            files
                .into_iter()
                .filter(|f| !index.directory().validate_checksum(f).unwrap_or(false))
                .map(|f| format!("{} fails its checksum", generation.join(f).display()))
                .collect()
        };
        crate::ingest::guard::quietly(check)
            .unwrap_or_else(|_| vec!["a segment cannot be read".to_string()])
    }

    /// What went wrong reading the index, said plainly: when a file of the live
    /// generation fails its checksum, the index is damaged (a bit flip, a bad
    /// disk) and `--rebuild` is the cure; else the error as it was.
    pub fn diagnose(&self, e: Error) -> Error {
        // Only errors that may come from reading the index's files (not a closed
        // pipe, a bad query or a missing index: no file is read for those).
        let suspect = match &e {
            Error::Tantivy(_) | Error::Internal(_) | Error::Corrupt { .. } => true,
            Error::Io { context, .. } => context.starts_with("cannot read the index"),
            _ => false,
        };
        let Pointer::Live(generation) = self.pointer() else {
            return e;
        };
        if !suspect {
            return e;
        }
        let damaged = Store::damaged_files(&generation, &[]);
        match damaged.first() {
            Some(first) => self.damaged(first, damaged.len()),
            None => e,
        }
    }

    /// The error for an index with damaged files.
    fn damaged(&self, first: &str, count: usize) -> Error {
        let more = match count {
            0 | 1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        self.corrupt(format!("the index is damaged: {first}{more}"))
    }

    /// Refuse to update an index whose fast columns (the bookkeeping an
    /// incremental run trusts: ids, sizes, times, hashes) are damaged.
    pub fn check_fast_columns(&self, generation: &Path) -> Result<()> {
        let damaged = Store::damaged_files(generation, &["fast"]);
        match damaged.first() {
            Some(first) => Err(self.damaged(first, damaged.len())),
            None => Ok(()),
        }
    }

    /// Give tantivy's own meta files (`meta.json`, `.managed.json`, which it writes
    /// through temporary files created 0600) the permissions the user's umask gives
    /// every other file, those of the `lock` file: an index one user builds, others
    /// may search. Best effort (caller holds the lock).
    pub fn share_files(&self, generation: &Path) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let Ok(lock) = fs::metadata(self.root.join(LOCK)) else {
                return;
            };
            let mode = lock.permissions().mode() & 0o666;
            for name in ["meta.json", ".managed.json"] {
                let path = generation.join(name);
                if let Ok(m) = fs::symlink_metadata(&path)
                    && m.is_file()
                    && m.permissions().mode() & 0o777 != mode
                {
                    let _ = fs::set_permissions(&path, fs::Permissions::from_mode(mode));
                }
            }
        }
        #[cfg(not(unix))]
        let _ = generation;
    }

    /// Remove a generation this run created and could not finish (a failed
    /// write, a full disk): no debris is left behind. Never the live one.
    pub fn discard(&self, generation: &Path) {
        let live = match self.pointer() {
            Pointer::Live(g) => Some(g),
            _ => None,
        };
        if live.as_deref() != Some(generation)
            && generation.parent() == Some(self.root.as_path())
            && let Some(name) = generation.file_name()
            && generation_number(generation).is_some()
        {
            // Renamed first: tantivy's background threads may still write after
            // the failed run returned (its metas, a merged segment); such a write
            // then fails instead of landing in a folder being removed.
            let mut trash = std::ffi::OsString::from(DISCARDED_PREFIX);
            trash.push(name);
            let trash = self.root.join(trash);
            let doomed = if fs::rename(generation, &trash).is_ok() {
                trash
            } else {
                generation.to_path_buf()
            };
            let _ = fs::remove_dir_all(doomed);
        }
    }

    fn generations(&self) -> Vec<PathBuf> {
        self.entries(|p| generation_number(p).is_some())
    }

    /// The entries of the index folder whose paths `keep` accepts.
    fn entries(&self, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| keep(p))
            .collect()
    }
}

/// The number of a generation folder's name: `gen-` and six digits or more (as
/// ofsearch names them), so that a user's `gen-2024` is never taken for one.
fn generation_number(path: &Path) -> Option<u64> {
    let digits = path.file_name()?.to_str()?.strip_prefix(GEN_PREFIX)?;
    if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

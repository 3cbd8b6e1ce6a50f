//! The files ofsearch keeps beside tantivy's in a generation: the warnings of
//! the files read (reported again by every run) and the quarantine of files that
//! passed a limit (skipped unread until they change).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Serialize;

use super::FileNote;

/// Where the warnings of the files in a generation are kept (beside tantivy's files,
/// which tantivy leaves alone; only `index` reads it).
pub(super) const WARNINGS_FILE: &str = "ofsearch-warnings.json";

pub(super) fn read_warnings(generation: &Path) -> Vec<FileNote> {
    fs::read(generation.join(WARNINGS_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Best effort: a lost warnings file loses notes, never documents.
pub(super) fn write_warnings(generation: &Path, warnings: &[FileNote]) {
    if let Ok(json) = serde_json::to_vec(warnings) {
        let _ = fs::write(generation.join(WARNINGS_FILE), json);
    }
}

/// Where the quarantined files of a generation are listed (beside tantivy's
/// files, like the warnings; carried over to a rebuild's new generation).
pub(super) const QUARANTINE_FILE: &str = "ofsearch-quarantine.json";
/// The version of the reader's limits: when they change, quarantined files are
/// tried again.
pub(super) const LIMITS_VERSION: u32 = 1;

/// A file skipped for passing a limit, and how to recognise it unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub(super) struct Quarantined {
    pub(super) id: String,
    pub(super) size: u64,
    pub(super) mtime: i64,
    pub(super) hash: u64,
    pub(super) reason: String,
}

#[derive(Serialize, serde::Deserialize)]
pub(super) struct QuarantineList {
    limits: u32,
    files: Vec<Quarantined>,
}

/// The quarantine of a generation by document id; empty when absent, unreadable
/// or written under other limits.
pub(super) fn read_quarantine(generation: &Path) -> HashMap<String, Quarantined> {
    fs::read(generation.join(QUARANTINE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<QuarantineList>(&b).ok())
        .filter(|q| q.limits == LIMITS_VERSION)
        .map(|q| q.files.into_iter().map(|f| (f.id.clone(), f)).collect())
        .unwrap_or_default()
}

/// Best effort: a lost quarantine costs a second reading of the files (each
/// stopped by the limits again), never documents.
pub(super) fn write_quarantine(generation: &Path, files: &[Quarantined]) {
    let path = generation.join(QUARANTINE_FILE);
    if files.is_empty() {
        let _ = fs::remove_file(path);
        return;
    }
    let list = QuarantineList {
        limits: LIMITS_VERSION,
        files: files.to_vec(),
    };
    if let Ok(json) = serde_json::to_vec(&list) {
        let tmp = generation.join(format!("{QUARANTINE_FILE}.tmp"));
        if fs::write(&tmp, json).is_ok() {
            let _ = fs::rename(tmp, path);
        }
    }
}

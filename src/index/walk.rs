//! The walk of the corpus folders: which folders (given, or the previous
//! run's, or `corpus/`), and the files in them that are read as documents,
//! with hidden entries, the index itself and links out of a corpus left out.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::{FileNote, IndexOptions};
use crate::error::{Error, Result};
use crate::path_text;
use crate::store::Payload;

/// One file found by the walk.
pub(super) struct Candidate {
    pub(super) id: String,
    pub(super) display: String,
    pub(super) path: PathBuf,
    pub(super) mtime: i64,
    pub(super) size: u64,
}

/// File extensions read as documents (files without an extension are sniffed too).
pub(super) const EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "pdf"];

/// The corpus directories to index: those given, else those the index was built
/// from, else the default. Each must exist.
pub(super) fn resolve_corpora(
    opts: &IndexOptions,
    previous: Option<&Payload>,
) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let previous_folders = previous.filter(|p| !p.corpora.is_empty());
    let named = opts
        .corpora
        .iter()
        .map(|p| (p.clone(), path_text::path_display(p)));
    let given: Vec<(PathBuf, String)> = if !opts.corpora.is_empty() && !opts.add {
        named.collect()
    } else if let Some(p) = previous_folders {
        p.corpora
            .iter()
            .zip(
                p.corpora_display
                    .iter()
                    .chain(std::iter::repeat(&String::new())),
            )
            .map(|(c, d)| {
                let d = if d.is_empty() {
                    path_text::path_display(c)
                } else {
                    d.clone()
                };
                (c.clone(), d)
            })
            .chain(named)
            .collect()
    } else if !opts.corpora.is_empty() {
        named.collect()
    } else {
        vec![(PathBuf::from("corpus"), "corpus".to_string())]
    };
    let mut folders: Vec<(PathBuf, String)> = Vec::new();
    for (path, display) in given {
        let bad =
            |cause: String| Error::Usage(format!("corpus directory {}: {cause}", path.display()));
        let c = fs::canonicalize(&path).map_err(|e| bad(e.to_string()))?;
        if !c.is_dir() {
            return Err(bad("not a directory".into()));
        }
        folders.push((c, display));
    }
    // A folder given twice, or inside another given folder, is walked once (as part
    // of the outer one), so no file is reached twice.
    let outer: Vec<PathBuf> = folders.iter().map(|(c, _)| c.clone()).collect();
    let mut kept: Vec<(PathBuf, String)> = Vec::new();
    for (c, display) in folders {
        let inside = outer.iter().any(|o| o != &c && c.starts_with(o));
        if !inside && !kept.iter().any(|(k, _)| k == &c) {
            kept.push((c, display));
        }
    }
    Ok(kept.into_iter().unzip())
}

/// What a walk of the corpus folders found.
#[derive(Default)]
pub(super) struct Walk {
    pub(super) files: Vec<Candidate>,
    pub(super) skipped: Vec<FileNote>,
    /// Empty folders (the roots included): (id prefix, display path).
    pub(super) empty_dirs: Vec<(String, String)>,
}

/// Walk one corpus folder. Hidden entries and the index itself (when it lives inside
/// the corpus) are left out. A symbolic link is followed when it leads to a place
/// inside the corpus folder, or anywhere with `follow`; one that leads out is
/// skipped with a reason (the walk never reads `/etc` through `corpus/etc`).
pub(super) fn walk_corpus(
    root: &Path,
    display: &str,
    index_root: Option<&Path>,
    follow: bool,
    walk: &mut Walk,
) {
    let (out, skipped) = (&mut walk.files, &mut walk.skipped);
    // The last folder met and its depth: it is empty (of anything the walk reads)
    // when the next entry is not inside it, as entries come depth-first, a folder
    // just before its contents.
    let mut open_dir: Option<(usize, PathBuf)> = None;
    let empty_dir = |dir: PathBuf| {
        let prefix = format!("{}{}", path_text::path_id(&dir), std::path::MAIN_SEPARATOR);
        (prefix, display_path(root, display, &dir))
    };
    let mut walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            (e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."))
                && index_root != Some(e.path())
        });
    while let Some(entry) = walker.next() {
        let depth = match &entry {
            Ok(e) => e.depth(),
            Err(e) => e.depth(),
        };
        if let Some((d, dir)) = open_dir.take()
            && depth <= d
        {
            walk.empty_dirs.push(empty_dir(dir));
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| display_path(root, display, p))
                    .unwrap_or_else(|| display.to_string());
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    e.io_error()
                        .map(|io| io.to_string())
                        .unwrap_or_else(|| e.to_string())
                };
                skipped.push(FileNote { path, reason });
                continue;
            }
        };
        if entry.path_is_symlink() && !follow {
            // Where the link leads, all links resolved (the root is canonical).
            let outside = match fs::canonicalize(entry.path()) {
                Ok(target) => (!target.starts_with(root)).then_some(target),
                Err(_) => None,
            };
            if let Some(target) = outside {
                skipped.push(FileNote {
                    path: display_path(root, display, entry.path()),
                    reason: format!(
                        "symbolic link out of the corpus (to {}); `--follow` follows it",
                        path_text::path_display(&target)
                    ),
                });
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() {
            open_dir = Some((entry.depth(), entry.into_path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let wanted = match path.extension().and_then(|e| e.to_str()) {
            Some(ext) => EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
            None => true,
        };
        if !wanted {
            continue;
        }
        let display_p = display_path(root, display, path);
        let meta = match entry.metadata() {
            Ok(m) => m,
            Err(e) => {
                skipped.push(FileNote {
                    path: display_p,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        out.push(Candidate {
            id: path_text::path_id(path),
            display: display_p,
            path: path.to_path_buf(),
            mtime,
            size: meta.len(),
        });
    }
    if let Some((_, dir)) = open_dir {
        walk.empty_dirs.push(empty_dir(dir));
    }
}

pub(super) fn display_path(root: &Path, display: &str, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    if rel.as_os_str().is_empty() {
        return display.to_string();
    }
    path_text::path_display(&Path::new(display).join(rel))
}

//! Texts too long to store whole with their document.
//!
//! A hit's stored document is read whole (tantivy decompresses the block that
//! holds it), so a 60 MB text would cost 60 MB of work and memory for every
//! search that shows it, and for every small document stored in the same block.
//! The index therefore stores at most [`HEAD_BYTES`] of a document's clean text
//! with it: as much as snippets ever scan ([`crate::snippet`]), so snippets are
//! the same. The whole text of a longer document, still indexed in full, is kept
//! beside the generation in `texts/<name>.txt`, where `export` and the web page's
//! text view read it; the record names the file ([`DocRecord::long_text`]).
//!
//! The name is a function of the document's id and content hash ([`name`]), so
//! an index run can tell which files its committed documents still need from the
//! fast columns alone and remove the rest ([`collect`]). Files are written before
//! the commit that refers to them: a crash leaves at most an unreferenced file,
//! removed by the next run.
//!
//! [`DocRecord::long_text`]: crate::record::DocRecord::long_text

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::snippet::{MAX_SCAN_BYTES, MAX_SEEK_BYTES};

/// The most clean text stored with a document (bytes, on a character boundary).
pub const HEAD_BYTES: usize = MAX_SCAN_BYTES + MAX_SEEK_BYTES;

/// The folder of a generation that holds the long texts.
const DIR: &str = "texts";

/// The part of `text` stored with its document.
pub fn head(text: &str) -> &str {
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The file name (without extension) of a document's long text.
pub fn name(id: &str, hash: u64) -> String {
    format!("{:016x}{hash:016x}", crate::record::hash64(id.as_bytes()))
}

fn path(generation: &Path, name: &str) -> PathBuf {
    generation.join(DIR).join(format!("{name}.txt"))
}

/// Keep `text` as the long text `name` of `generation` (written to a temporary
/// file, synced, then renamed into place).
pub fn write(generation: &Path, name: &str, text: &str) -> std::io::Result<()> {
    let target = path(generation, name);
    let dir = generation.join(DIR);
    fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!(".{name}.tmp"));
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// The long text `name` of `generation`.
pub fn read(generation: &Path, name: &str) -> std::io::Result<String> {
    let bytes = fs::read(path(generation, name))?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Remove the long texts (and temporary files) of `generation` that no
/// document in `live` (names from [`name`]) refers to. Best effort; nothing is
/// done when the generation has none, or when `live` cannot be known (`None`).
pub fn collect(generation: &Path, live: impl FnOnce() -> Option<HashSet<String>>) {
    let Ok(entries) = fs::read_dir(generation.join(DIR)) else {
        return;
    };
    let Some(live) = live() else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let kept = file.strip_suffix(".txt").is_some_and(|n| live.contains(n));
        if !kept && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_is_bounded_on_a_character_boundary() {
        let short = "a short text";
        assert_eq!(head(short), short);
        let long = "é".repeat(HEAD_BYTES);
        let h = head(&long);
        assert!(h.len() <= HEAD_BYTES && h.len() >= HEAD_BYTES - 1);
        assert!(long.starts_with(h));
    }

    #[test]
    fn names_differ_by_id_and_content() {
        assert_eq!(name("a", 1), name("a", 1));
        assert_ne!(name("a", 1), name("b", 1));
        assert_ne!(name("a", 1), name("a", 2));
        assert_eq!(name("a", 1).len(), 32);
    }

    #[test]
    fn written_texts_read_back_and_unreferenced_ones_are_collected() {
        let dir = tempfile::tempdir().unwrap();
        let g = dir.path();
        write(g, "kept", "the whole text").unwrap();
        write(g, "gone", "an old text").unwrap();
        fs::write(g.join(DIR).join(".stray.tmp"), "x").unwrap();
        assert_eq!(read(g, "kept").unwrap(), "the whole text");
        collect(g, || None);
        assert!(read(g, "gone").is_ok());
        collect(g, || Some(HashSet::from(["kept".to_string()])));
        assert_eq!(read(g, "kept").unwrap(), "the whole text");
        assert!(read(g, "gone").is_err());
        assert_eq!(fs::read_dir(g.join(DIR)).unwrap().count(), 1);
        // No folder, nothing to do (and the live set is not even computed).
        collect(&g.join("none"), || unreachable!());
    }
}

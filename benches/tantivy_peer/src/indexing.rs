//! `index`: every corpus file, read raw, as one document; one commit.
//!
//! Files: `.txt`, `.md`, `.markdown`, `.html`, `.htm` and files without an extension
//! (ofsearch's list) are read as UTF-8 text (invalid bytes replaced), HTML tags and all:
//! plain tantivy has no HTML or PDF reader, so markup and site chrome are indexed as
//! words and `.pdf` files are skipped (counted in the summary). Hidden entries are left
//! out, as ofsearch leaves them out.
//!
//! The writer is ofsearch's: `writer_with_num_threads(threads, memory)`, threads =
//! cores clamped to 1..4 and 256 MB by default. Files are read on rayon's pool (one
//! thread per core, as ofsearch) and added from there straight to the writer, whose
//! bounded queue is the only back-pressure.

use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::args::Args;
use crate::schema;

/// Extensions read as text; `pdf` is found and skipped.
const TEXT_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

pub struct Options {
    corpus: PathBuf,
    index_dir: PathBuf,
    threads: usize,
    memory_bytes: usize,
    read_threads: Option<usize>,
    store: bool,
    truth: Option<PathBuf>,
}

impl Options {
    pub fn from_args(a: &Args) -> Result<Options, String> {
        let pos = a.positional(&["CORPUS", "INDEXDIR"])?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Options {
            corpus: PathBuf::from(&pos[0]),
            index_dir: PathBuf::from(&pos[1]),
            threads: a.number("--threads", cores.clamp(1, 4))?,
            memory_bytes: a.number("--memory-mb", 256)? << 20,
            read_threads: a
                .value("--read-threads")
                .map(|_| a.number("--read-threads", 1))
                .transpose()?,
            store: a.flag("--store"),
            truth: a.value("--truth").map(PathBuf::from),
        })
    }
}

pub fn run(o: &Options) -> Result<(), String> {
    let started = Instant::now();
    if let Some(n) = o.read_threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    let years = match &o.truth {
        Some(path) => years_from_truth(path)?,
        None => HashMap::new(),
    };
    let (files, pdfs) = walk(&o.corpus)?;

    std::fs::create_dir_all(&o.index_dir).map_err(|e| format!("{}: {e}", o.index_dir.display()))?;
    let (schema, fields) = schema::build(o.store);
    let index = Index::create_in_dir(&o.index_dir, schema)
        .map_err(|e| format!("{}: {e}", o.index_dir.display()))?;
    schema::register(&index);
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(o.threads, o.memory_bytes)
        .map_err(|e| e.to_string())?;

    let bytes = AtomicU64::new(0);
    files.par_iter().try_for_each(|(path, rel)| {
        let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes.fetch_add(raw.len() as u64, Ordering::Relaxed);
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.id, rel);
        doc.add_text(fields.body, String::from_utf8_lossy(&raw));
        if let Some(&year) = years.get(rel) {
            doc.add_i64(fields.year, year);
        }
        writer
            .add_document(doc)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;

    let summary = serde_json::json!({
        "docs": files.len(),
        "bytes": bytes.load(Ordering::Relaxed),
        "skipped_pdf": pdfs,
        "store": o.store,
        "writer_threads": o.threads,
        "writer_memory_mb": o.memory_bytes >> 20,
        "read_threads": rayon::current_num_threads(),
        "seconds": (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    });
    println!("{summary}");
    Ok(())
}

/// The files to index (absolute path, path relative to the corpus with `/`), in
/// file-name order, and how many PDFs were skipped.
fn walk(corpus: &Path) -> Result<(Vec<(PathBuf, String)>, usize), String> {
    let mut files = Vec::new();
    let mut pdfs = 0;
    let walker = walkdir::WalkDir::new(corpus)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| format!("{}: {e}", corpus.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let ext = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("pdf") => pdfs += 1,
            Some(e) if !TEXT_EXTENSIONS.contains(&e) => {}
            _ => {
                let rel = entry.path().strip_prefix(corpus).unwrap_or(entry.path());
                let rel = rel
                    .to_string_lossy()
                    .replace(std::path::MAIN_SEPARATOR, "/");
                files.push((entry.into_path(), rel));
            }
        }
    }
    Ok((files, pdfs))
}

/// Each document's year, by path relative to the corpus, from the generator's
/// `truth.jsonl` (one JSON object a line with `path` and `year`).
fn years_from_truth(path: &Path) -> Result<HashMap<String, i64>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut years = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        if let (Some(p), Some(y)) = (row["path"].as_str(), row["year"].as_i64()) {
            years.insert(p.to_string(), y);
        }
    }
    Ok(years)
}

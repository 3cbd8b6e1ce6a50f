//! Build and update the index: walk the corpus, work out what changed from the
//! index's own bookkeeping (path id, mtime, size, content hash), ingest and extract
//! the changed files in parallel, and commit once.
//!
//! A file that passed one of the reader's limits (a PDF that overflowed the
//! stack, timed out, or would decompress or draw too much: `SkipReason::PdfLimit`)
//! is quarantined: recorded beside the index with its path, size, mtime and
//! hash, and skipped by later runs, with the same reason and without being read
//! again, until it changes.

mod notes;
mod walk;

use notes::{Quarantined, read_quarantine, read_warnings, write_quarantine, write_warnings};
use walk::{Candidate, Walk, resolve_corpora, walk_corpus};

use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::error::{Error, Result, io_err};
use crate::extract;
use crate::extract::EXTRACTOR_VERSION;
use crate::fields::Val;
use crate::ingest::{self, MAX_FILE_BYTES};
use crate::long_text;
use crate::record::{DocRecord, date_days, hash64};
use crate::schema::{Fields, SCHEMA_VERSION, col, inspector_key, positions_at, section_range};
use crate::store::{Payload, Store};

/// What `ofsearch index` was asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Corpus directories as the user named them; empty means "as last time".
    /// They replace the previous run's folders, unless `add`.
    pub corpora: Vec<PathBuf>,
    /// Index `corpora` as well as the previous run's folders (`--add`).
    pub add: bool,
    pub rebuild: bool,
    /// Follow symbolic links that lead out of a corpus folder (`--follow`).
    pub follow: bool,
    pub progress: bool,
    pub lock_wait: Duration,
    /// Writer threads and memory budget (bytes) for tantivy.
    pub writer_threads: usize,
    pub writer_memory: usize,
}

impl IndexOptions {
    pub fn new(corpora: Vec<PathBuf>) -> IndexOptions {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        IndexOptions {
            corpora,
            add: false,
            rebuild: false,
            follow: false,
            progress: false,
            lock_wait: Duration::from_secs(60),
            writer_threads: env_usize("OFSEARCH_WRITER_THREADS").unwrap_or(cores.clamp(1, 4)),
            writer_memory: env_usize("OFSEARCH_WRITER_MB").map_or(256 << 20, |mb| mb << 20),
        }
    }
}

/// A positive number from the environment (tuning knobs for benchmarks).
fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
}

/// A file that was not indexed, or indexed with a warning.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct FileNote {
    pub path: String,
    pub reason: String,
}

/// The outcome of an index run (`index --json` prints it).
#[derive(Debug, Default, Serialize)]
pub struct IndexSummary {
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    pub skipped: Vec<FileNote>,
    pub warnings: Vec<FileNote>,
    pub docs: u64,
    pub elapsed_ms: f64,
    /// True when a new index generation was created (first build or rebuild).
    pub created: bool,
}

/// What the index already holds for a document.
#[derive(Clone, Copy)]
struct Known {
    mtime: i64,
    size: u64,
    hash: u64,
    /// The copy key (0 for none).
    copy: u64,
}

/// Files processed together: bounds memory held as raw bytes.
const CHUNK: usize = 512;

/// Bring the index at `store` up to date with the corpus. Holds the writer lock.
pub fn update(store: &Store, opts: &IndexOptions) -> Result<IndexSummary> {
    let started = Instant::now();
    // Checks that need no lock come first, so a mistyped path leaves nothing behind:
    // the index folder, and the folders the run would index (given, or the previous
    // run's, or `corpus/`).
    store.check_root()?;
    resolve_corpora(opts, store.read_payload().as_ref())?;
    let _lock = store.lock(opts.lock_wait)?;
    // A damaged pointer is repaired before anything is cleaned: cleaning with no
    // live generation known would remove the index itself.
    let repaired = store.repair(opts.rebuild)?;
    store.clean_stale();
    let mut created = None;
    let result = update_locked(store, opts, started, repaired, &mut created);
    if result.is_err() {
        // A failed write (a full disk) leaves no debris: a generation this run
        // created is removed, files of an unfinished commit are collected.
        wait_for_detached_indexers(Duration::from_secs(30));
        match &created {
            Some(generation) => store.discard(generation),
            None => collect_garbage(store),
        }
    }
    result.map_err(|e| match store.diagnose(e) {
        Error::Tantivy(e) => Error::Usage(format!(
            "cannot update the index at {} ({e}); the index is as it was before this run",
            store.root().display()
        )),
        e => e,
    })
}

/// tantivy's `prepare_commit` returns at the first indexing thread that failed (a
/// full disk) and leaves the others running, detached: they go on writing their
/// segments' files. A failed run waits for them (found by their thread names, on
/// Linux; at most `limit`) before it cleans up, so nothing lands after the cleaning.
fn wait_for_detached_indexers(limit: Duration) {
    #[cfg(target_os = "linux")]
    {
        let started = Instant::now();
        while indexer_threads() > 0 && started.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = limit;
}

/// tantivy's indexing threads of this process (`thrd-tantivy-index<N>`, which
/// the kernel keeps as its first 15 bytes).
#[cfg(target_os = "linux")]
fn indexer_threads() -> usize {
    let Ok(tasks) = fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .filter_map(|t| t.ok())
        .filter(|t| {
            fs::read_to_string(t.path().join("comm"))
                .is_ok_and(|c| c.starts_with("thrd-tantivy-in"))
        })
        .count()
}

/// Remove the files of an unfinished commit from the live generation (best effort).
fn collect_garbage(store: &Store) {
    let _ = crate::ingest::guard::quietly(|| {
        if let Ok(opened) = store.open()
            && let Ok(writer) = opened
                .index
                .writer_with_num_threads::<TantivyDocument>(1, 15 << 20)
        {
            let _ = writer.garbage_collect_files().wait();
        }
    });
}

/// [`update`] once the lock is held; `created` is set as soon as a new generation
/// exists, so that a failure can remove it.
fn update_locked(
    store: &Store,
    opts: &IndexOptions,
    started: Instant,
    repaired: Option<String>,
    created: &mut Option<PathBuf>,
) -> Result<IndexSummary> {
    // An index read with older extraction rules is rebuilt from scratch (into a
    // new generation, so it stays searchable until the new one is complete).
    // `--rebuild` still reads the old index's payload (even from an index of
    // another schema version), to rebuild the same corpora.
    let previous = if store.exists() {
        match store.open() {
            Ok(o) => Some(o),
            Err(_) if opts.rebuild => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let old_payload = match &previous {
        Some(o) => Some(o.payload.clone()),
        None => store.read_payload(),
    };
    let (corpora, displays) = resolve_corpora(opts, old_payload.as_ref())?;
    let old_generation = previous.as_ref().map(|o| o.generation.clone());
    let replaced = replaced_folders(old_payload.as_ref(), opts, &corpora);
    let existing =
        previous.filter(|o| !opts.rebuild && o.payload.extractor_version == EXTRACTOR_VERSION);

    let mut summary = IndexSummary::default();
    let index_root = fs::canonicalize(store.root()).ok();
    let mut walk = Walk::default();
    for (root, display) in corpora.iter().zip(&displays) {
        walk_corpus(root, display, index_root.as_deref(), opts.follow, &mut walk);
    }
    let Walk {
        files: candidates,
        skipped,
        empty_dirs,
    } = walk;
    summary.skipped = skipped;

    let (index, fields, generation, known) = match &existing {
        Some(opened) => {
            // The bookkeeping read next decides what is kept: damaged, it would
            // duplicate or drop documents.
            store.check_fast_columns(&opened.generation)?;
            (
                opened.index.clone(),
                opened.fields.clone(),
                opened.generation.clone(),
                known_documents(&opened.reader.searcher())?,
            )
        }
        None => {
            let (dir, index, fields) = store.create_generation(created)?;
            summary.created = true;
            (index, fields, dir, HashMap::new())
        }
    };

    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(opts.writer_threads, opts.writer_memory)?;
    if !summary.created {
        // A run killed before its commit may have left files of the next opstamp in
        // the live generation (`<segment>.<opstamp>.del`); this run would fail to
        // create them again. They belong to no commit: remove them first.
        writer.garbage_collect_files().wait()?;
    }
    let progress = progress_bar(opts.progress, candidates.len() as u64);

    // The copy key of every document the index will hold after this run.
    let mut copy_keys: HashMap<String, u64> =
        known.iter().map(|(id, k)| (id.clone(), k.copy)).collect();
    // Files whose size and mtime match the index are not read at all.
    let mut seen_hashes: HashMap<u64, String> = HashMap::new();
    let mut walked: HashSet<&str> = HashSet::new();
    // Files not read again this run: their warnings from earlier runs still stand.
    let mut unchanged_paths: HashSet<&str> = HashSet::new();
    let mut folder_notes: Vec<FileNote> = repaired
        .map(|reason| FileNote {
            path: store.root().to_string_lossy().into_owned(),
            reason,
        })
        .into_iter()
        .collect();
    let mut to_read = Vec::new();
    let quarantine = old_generation
        .as_deref()
        .map(read_quarantine)
        .unwrap_or_default();
    let mut quarantined: Vec<Quarantined> = Vec::new();
    for c in &candidates {
        walked.insert(&c.id);
        if let Some(q) = quarantine.get(&c.id)
            && q.size == c.size
            && q.mtime == c.mtime
        {
            summary.skipped.push(note(c, q.reason.clone()));
            quarantined.push(q.clone());
            progress.inc(1);
            continue;
        }
        match known.get(&c.id) {
            Some(k) if k.mtime == c.mtime && k.size == c.size => {
                summary.unchanged += 1;
                unchanged_paths.insert(&c.display);
                seen_hashes
                    .entry(k.hash)
                    .or_insert_with(|| c.display.clone());
                progress.inc(1);
            }
            _ => to_read.push(c),
        }
    }
    folder_notes.extend(folder_notes_of(
        &empty_dirs,
        &replaced,
        &known,
        &mut walked,
        &mut summary,
    ));

    let mut tally = Tally {
        summary: &mut summary,
        copy_keys: &mut copy_keys,
        seen_hashes: &mut seen_hashes,
        unchanged_paths: &mut unchanged_paths,
        quarantined: &mut quarantined,
    };
    let ctx = Ctx {
        writer: &writer,
        fields: &fields,
        generation: &generation,
        known: &known,
        quarantine: &quarantine,
        progress: &progress,
    };
    for id in known.keys() {
        if !walked.contains(id.as_str()) {
            tally.remove(&ctx, id);
        }
    }
    for chunk in to_read.chunks(CHUNK) {
        index_chunk(chunk, &ctx, &mut tally);
    }
    progress.finish_and_clear();

    let changed = summary.added + summary.updated + summary.removed > 0;
    let payload_changed = existing
        .as_ref()
        .is_none_or(|o| o.payload.corpora != corpora || o.payload.corpora_display != displays);
    let committed = changed || payload_changed || summary.created;
    if committed {
        let payload = Payload {
            schema_version: SCHEMA_VERSION,
            corpora,
            corpora_display: displays,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            extractor_version: EXTRACTOR_VERSION,
            copies: shared_keys(copy_keys.values().copied()),
        };
        let payload = serde_json::to_string(&payload).map_err(|e| Error::Usage(e.to_string()))?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        writer.wait_merging_threads()?;
    } else {
        drop(writer);
    }
    // Warnings are reported by every run, like skipped files, not only by the run
    // that read the file: those of files not read again are carried over.
    let old_warnings = if summary.created {
        Vec::new()
    } else {
        read_warnings(&generation)
    };
    let mut file_warnings: Vec<FileNote> = old_warnings
        .into_iter()
        .filter(|w| unchanged_paths.contains(w.path.as_str()))
        .chain(std::mem::take(&mut summary.warnings))
        .collect();
    file_warnings.sort_by(|a, b| a.path.cmp(&b.path));
    if changed || summary.created {
        write_warnings(&generation, &file_warnings);
    }
    summary.warnings = folder_notes.into_iter().chain(file_warnings).collect();
    quarantined.sort_by(|a, b| a.id.cmp(&b.id));
    let unchanged_quarantine = !summary.created
        && quarantined.len() == quarantine.len()
        && quarantined
            .iter()
            .all(|q| quarantine.get(&q.id).is_some_and(|old| old == q));
    if !unchanged_quarantine {
        write_quarantine(&generation, &quarantined);
    }
    store.share_files(&generation);
    if summary.created {
        store.publish(&generation)?;
    }

    let reader = index.reader()?;
    let searcher = reader.searcher();
    // Long texts no committed document refers to (replaced, removed, or left by
    // a run that did not commit) are removed by the next run that commits.
    if committed {
        long_text::collect(&generation, || {
            let known = known_documents(&searcher).ok()?;
            Some(
                known
                    .iter()
                    .map(|(id, k)| long_text::name(id, k.hash))
                    .collect(),
            )
        });
    }
    summary.docs = searcher.num_docs();
    summary.elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(summary)
}

/// The previous run's folders that `--corpus` replaces (none with `--add`, or
/// when no folder is named): (id prefix, display path).
fn replaced_folders(
    old_payload: Option<&Payload>,
    opts: &IndexOptions,
    corpora: &[PathBuf],
) -> Vec<(String, String)> {
    match old_payload {
        Some(p) if !opts.corpora.is_empty() => p
            .corpora
            .iter()
            .zip(
                p.corpora_display
                    .iter()
                    .chain(std::iter::repeat(&String::new())),
            )
            .filter(|(c, _)| !corpora.iter().any(|n| c.starts_with(n)))
            .map(|(c, d)| {
                let prefix = format!("{}{}", c.to_string_lossy(), std::path::MAIN_SEPARATOR);
                let shown = if d.is_empty() {
                    c.to_string_lossy().into_owned()
                } else {
                    d.clone()
                };
                (prefix, shown)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// What a run has found so far, which each chunk adds to.
struct Tally<'r, 'a> {
    summary: &'r mut IndexSummary,
    /// The copy key of every document the index will hold after this run.
    copy_keys: &'r mut HashMap<String, u64>,
    /// Content already seen this run (by hash): a second file with it is a copy.
    seen_hashes: &'r mut HashMap<u64, String>,
    /// Files not read again this run: their warnings from earlier runs still stand.
    unchanged_paths: &'r mut HashSet<&'a str>,
    quarantined: &'r mut Vec<Quarantined>,
}

impl Tally<'_, '_> {
    /// Delete a document the index held: its file is gone, unreadable, or now a
    /// copy of another.
    fn remove(&mut self, ctx: &Ctx, id: &str) {
        ctx.writer
            .delete_term(Term::from_field_text(ctx.fields.id, id));
        self.copy_keys.remove(id);
        self.summary.removed += 1;
    }
}

/// What every chunk of a run reads from.
struct Ctx<'r> {
    writer: &'r IndexWriter<TantivyDocument>,
    fields: &'r Fields,
    /// Where long texts are kept ([`crate::long_text`]).
    generation: &'r Path,
    known: &'r HashMap<String, Known>,
    quarantine: &'r HashMap<String, Quarantined>,
    progress: &'r indicatif::ProgressBar,
}

/// Read, hash and (when new or changed) index one chunk of files: reading in
/// parallel, then deciding in order (so the first of two copies wins on every
/// run), then ingesting and extracting in parallel.
fn index_chunk<'a>(chunk: &[&'a Candidate], ctx: &Ctx, tally: &mut Tally<'_, 'a>) {
    let read: Vec<_> = chunk.par_iter().map(|c| read_and_hash(c)).collect();
    let mut work = Vec::new();
    for (c, result) in chunk.iter().zip(read) {
        let previous = ctx.known.get(&c.id);
        match result {
            Err(reason) => {
                tally.summary.skipped.push(note(c, reason));
                if previous.is_some() {
                    tally.remove(ctx, &c.id);
                }
                ctx.progress.inc(1);
            }
            Ok((bytes, hash)) => {
                if let Some(q) = ctx.quarantine.get(&c.id).filter(|q| q.hash == hash) {
                    // Touched, not changed: still over the limit.
                    tally.summary.skipped.push(note(c, q.reason.clone()));
                    tally.quarantined.push(Quarantined {
                        mtime: c.mtime,
                        ..q.clone()
                    });
                    ctx.progress.inc(1);
                } else if previous.is_some_and(|k| k.hash == hash) {
                    tally.summary.unchanged += 1;
                    tally.unchanged_paths.insert(&c.display);
                    tally
                        .seen_hashes
                        .entry(hash)
                        .or_insert_with(|| c.display.clone());
                    ctx.progress.inc(1);
                } else if let Some(first) = tally.seen_hashes.get(&hash) {
                    tally
                        .summary
                        .skipped
                        .push(note(c, format!("same content as {first}")));
                    if previous.is_some() {
                        tally.remove(ctx, &c.id);
                    }
                    ctx.progress.inc(1);
                } else {
                    tally.seen_hashes.insert(hash, c.display.clone());
                    work.push((*c, bytes, hash, previous.is_some()));
                }
            }
        }
    }
    let outcomes: Vec<_> = work
        .into_par_iter()
        .map(|(c, bytes, hash, is_update)| {
            if is_update {
                ctx.writer
                    .delete_term(Term::from_field_text(ctx.fields.id, &c.id));
            }
            let outcome = index_one(ctx, c, &bytes, hash);
            ctx.progress.inc(1);
            (c, hash, is_update, outcome)
        })
        .collect();
    for (c, hash, is_update, outcome) in outcomes {
        tally.copy_keys.remove(&c.id);
        match outcome {
            Ok((warnings, copy)) => {
                tally.copy_keys.insert(c.id.clone(), copy);
                if is_update {
                    tally.summary.updated += 1;
                } else {
                    tally.summary.added += 1;
                }
                tally
                    .summary
                    .warnings
                    .extend(warnings.into_iter().map(|w| note(c, w)));
            }
            Err((reason, over_limit)) => {
                if is_update {
                    tally.summary.removed += 1;
                }
                if over_limit {
                    tally.quarantined.push(Quarantined {
                        id: c.id.clone(),
                        size: c.size,
                        mtime: c.mtime,
                        hash,
                        reason: reason.clone(),
                    });
                }
                tally.summary.skipped.push(note(c, reason));
            }
        }
    }
}

/// Notes on whole folders: an empty one keeps its documents (an unmounted drive,
/// a failed sync must not wipe them; they count as walked), a replaced one says
/// how many documents it loses.
fn folder_notes_of<'a>(
    empty_dirs: &[(String, String)],
    replaced: &[(String, String)],
    known: &'a HashMap<String, Known>,
    walked: &mut HashSet<&'a str>,
    summary: &mut IndexSummary,
) -> Vec<FileNote> {
    let mut notes = Vec::new();
    // A folder that is now completely empty (an unmounted drive, a failed sync)
    // does not wipe its documents: they are kept, with a warning.
    for (prefix, display) in empty_dirs {
        let held: Vec<&str> = known
            .keys()
            .map(String::as_str)
            .filter(|id| id.starts_with(prefix.as_str()))
            .collect();
        if !held.is_empty() {
            notes.push(FileNote {
                path: display.clone(),
                reason: format!(
                    "the folder is empty: its {} indexed {} kept (`ofsearch index --rebuild` drops them)",
                    held.len(),
                    if held.len() == 1 { "document is" } else { "documents are" }
                ),
            });
            summary.unchanged += held.len() as u64;
            walked.extend(held);
        }
    }
    // `--corpus` names the folders to index: the previous run's others are
    // dropped, which the summary says (with `--add`, they are kept).
    for (prefix, shown) in replaced {
        let held = known
            .keys()
            .filter(|id| id.starts_with(prefix.as_str()))
            .count();
        notes.push(FileNote {
            path: shown.clone(),
            reason: format!(
                "no longer indexed: --corpus replaces the folders of the previous run ({held} {} removed); `ofsearch index --add --corpus DIR` adds a folder instead",
                if held == 1 { "document" } else { "documents" }
            ),
        });
    }
    notes
}

/// The copy keys held by more than one document, sorted.
fn shared_keys(keys: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for k in keys.filter(|k| *k != 0) {
        *counts.entry(k).or_default() += 1;
    }
    let mut shared: Vec<u64> = counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k)
        .collect();
    shared.sort_unstable();
    shared
}

fn note(c: &Candidate, reason: impl Into<String>) -> FileNote {
    FileNote {
        path: c.display.clone(),
        reason: reason.into(),
    }
}

fn read_and_hash(c: &Candidate) -> std::result::Result<(Vec<u8>, u64), String> {
    if c.size > MAX_FILE_BYTES {
        return Err(ingest::SkipReason::TooLarge {
            size: c.size,
            limit: MAX_FILE_BYTES,
        }
        .to_string());
    }
    // At most the limit and one byte are read, whatever the walk saw: a file that
    // grew since, or one that reports no size (`/proc` files), is not read whole.
    let mut bytes = Vec::with_capacity(c.size.min(MAX_FILE_BYTES) as usize);
    fs::File::open(&c.path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file too large (more than {MAX_FILE_BYTES} bytes when read; {} when found)",
            c.size
        ));
    }
    let hash = hash64(&bytes);
    Ok((bytes, hash))
}

/// Ingest, extract and add one document. Returns its warnings and copy key (0
/// for none), or why it was skipped and whether that was a limit (quarantine).
fn index_one(
    ctx: &Ctx,
    c: &Candidate,
    bytes: &[u8],
    hash: u64,
) -> std::result::Result<(Vec<String>, u64), (String, bool)> {
    let ingested = ingest::ingest_bytes(&c.path, bytes)
        .map_err(|e| (e.to_string(), matches!(e, ingest::SkipReason::PdfLimit(_))))?;
    let meta = extract::extract(&ingested);
    let mut record = DocRecord::new(c.display.clone(), c.id.clone(), ingested.format, meta);
    if ingested.text.len() > long_text::HEAD_BYTES {
        let name = long_text::name(&c.id, hash);
        long_text::write(ctx.generation, &name, &ingested.text)
            .map_err(|e| (format!("cannot keep its text beside the index: {e}"), false))?;
        record.long_text = Some(name);
    }
    let copy = record.copy_key().unwrap_or(0);
    let doc = build_document(ctx.fields, c, hash, copy, &record, &ingested.text);
    ctx.writer
        .add_document(doc)
        .map_err(|e| (format!("cannot add to the index: {e}"), false))?;
    Ok((ingested.warnings, copy))
}

fn build_document(
    f: &Fields,
    c: &Candidate,
    hash: u64,
    copy: u64,
    record: &DocRecord,
    text: &str,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &c.id);
    doc.add_i64(f.mtime, c.mtime);
    doc.add_u64(f.size, c.size);
    doc.add_u64(f.hash, hash);
    doc.add_u64(f.copy, copy);
    doc.add_text(f.meta, serde_json::to_string(record).unwrap_or_default());
    doc.add_text(f.body, text);
    doc.add_text(f.stored_text, long_text::head(text));
    let spans = &record.meta.sections.spans;
    if !spans.is_empty() {
        let offsets: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        let positions = positions_at(text, &offsets);
        for (span, p) in spans.iter().zip(positions.chunks_exact(2)) {
            if p[0] < p[1] {
                doc.add_u64(f.section_positions, section_range(span.name, p[0], p[1]));
            }
        }
    }
    for (def, field) in f.metadata() {
        let Some(values) = def.index else { continue };
        let key = f.key_of(def);
        match values(record) {
            Val::Null => {}
            Val::Str(s) => doc.add_text(*field, s),
            Val::String(s) => doc.add_text(*field, &s),
            Val::Int(n) => doc.add_i64(*field, n),
            Val::Day(d) => doc.add_i64(*field, date_days(d)),
            Val::Json(_) => {}
            Val::List(names) => {
                for name in names {
                    doc.add_text(*field, name);
                    if let Some(key) = key {
                        doc.add_text(key, inspector_key(name));
                    }
                }
            }
        }
    }
    doc
}

/// The documents the index holds, from its fast columns (no stored-field reads).
fn known_documents(searcher: &tantivy::Searcher) -> Result<HashMap<String, Known>> {
    let mut known = HashMap::with_capacity(searcher.num_docs() as usize);
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let Some(ids) = ff.str(col::ID)? else {
            continue;
        };
        let mtimes = ff.i64(col::MTIME)?;
        let sizes = ff.u64(col::SIZE)?;
        let hashes = ff.u64(col::HASH)?;
        let copies = ff.u64(col::COPY)?;
        // Ids are decoded in ordinal order, block by block: looking each one up on
        // its own decompresses a dictionary block per document (a third of the
        // incremental run's time at 100k documents).
        let mut docs: Vec<(u64, u32)> = segment
            .doc_ids_alive()
            .filter_map(|doc| ids.ords().first(doc).map(|ord| (ord, doc)))
            .collect();
        docs.sort_unstable();
        let ords: Vec<u64> = docs.iter().map(|&(ord, _)| ord).collect();
        let mut next = docs.iter();
        let mut bad_utf8 = false;
        ids.dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                let Some(&(_, doc)) = next.next() else {
                    return;
                };
                let Ok(id) = std::str::from_utf8(bytes) else {
                    bad_utf8 = true;
                    return;
                };
                known.insert(
                    id.to_string(),
                    Known {
                        mtime: mtimes.first(doc).unwrap_or(0),
                        size: sizes.first(doc).unwrap_or(0),
                        hash: hashes.first(doc).unwrap_or(0),
                        copy: copies.first(doc).unwrap_or(0),
                    },
                );
            })
            .map_err(io_err("cannot read the index"))?;
        if bad_utf8 {
            return Err(io_err("cannot read the index")(std::io::Error::other(
                "a document id is not UTF-8",
            )));
        }
    }
    Ok(known)
}

fn progress_bar(enabled: bool, len: u64) -> indicatif::ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} indexing {bar:40} {pos}/{len} files ({rate}, eta {eta})",
    ) {
        let style = style.with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", state.per_sec());
            },
        );
        bar.set_style(style);
    }
    bar
}

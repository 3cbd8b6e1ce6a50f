//! Opening the index for a command, building it on first use.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::index::{IndexOptions, update};
use crate::output;
use crate::store::{Opened, Store};

/// Open the index; on first use (no index yet) build it from the default corpus.
pub fn open_or_build(store: &Store, quiet: bool) -> Result<Opened> {
    store.check_root()?;
    if !store.exists() {
        build(store, quiet)?;
    }
    store.open()
}

/// The first-use build, from `OFSEARCH_CORPUS` or `./corpus`.
fn build(store: &Store, quiet: bool) -> Result<()> {
    let corpora: Vec<PathBuf> = std::env::var_os("OFSEARCH_CORPUS")
        .map(|v| std::env::split_paths(&v).collect())
        .unwrap_or_default();
    let default = [PathBuf::from("corpus")];
    let wanted = if corpora.is_empty() {
        &default[..]
    } else {
        &corpora[..]
    };
    if let Some(missing) = wanted.iter().find(|c| !c.is_dir()) {
        return Err(Error::Usage(format!(
            "no index at {} and no corpus directory {} to build it from: \
             run `ofsearch index --corpus DIR`",
            store.root().display(),
            missing.display()
        )));
    }
    if !quiet {
        let _ = writeln!(
            std::io::stderr(),
            "ofsearch: first use: indexing {} into {}",
            wanted
                .iter()
                .map(|c| folder(c))
                .collect::<Vec<_>>()
                .join(", "),
            folder(store.root())
        );
    }
    let mut opts = IndexOptions::new(corpora);
    opts.progress = !quiet;
    let summary = update(store, &opts)?;
    if !quiet {
        // The report, not the result: a failing stderr does not fail the run.
        let _ = output::human_index(&mut io::stderr().lock(), &summary);
    }
    Ok(())
}

/// A folder as users write it: `index/`.
fn folder(path: &Path) -> String {
    format!("{}/", path.display().to_string().trim_end_matches('/'))
}

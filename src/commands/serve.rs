//! `ofsearch serve`: the web page and JSON API, until the process ends.

use std::io::Write;
use std::net::SocketAddr;

use super::open::open_or_build;
use super::{ExitStatus, write_err};
use crate::error::Result;
use crate::serve::{ServeOptions, serve};
use crate::store::Store;

pub fn run(store: Store, addr: SocketAddr, out: &mut impl Write) -> Result<ExitStatus> {
    // Build the index on first use, and fail now if it cannot be opened.
    drop(open_or_build(&store, false)?);
    out.flush().map_err(write_err)?;
    let index = store.root().display().to_string();
    let opts = ServeOptions {
        addr,
        on_ready: Some(Box::new(move |a| {
            let _ = writeln!(
                std::io::stderr(),
                "ofsearch: serving {index} on http://{a}/ (Ctrl-C to stop)"
            );
        })),
        ..Default::default()
    };
    serve(store, opts)?;
    Ok(ExitStatus::Hit)
}

//! Panic containment: run a conversion under `catch_unwind` without letting the
//! default hook print a panic message (the CLI promises none, whatever the
//! input). The hook is installed once and stays silent only on threads that are
//! inside [`quietly`]; panics elsewhere are reported as before.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// How many [`quietly`] calls are active on this thread.
    static QUIET: Cell<u32> = const { Cell::new(0) };
}

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// Run `f`; a panic becomes `Err` with its message on one line.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    QUIET.with(|q| q.set(q.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    result.map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let line: String = msg
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .chars()
            .take(160)
            .collect();
        if line.is_empty() {
            "unknown cause".to_string()
        } else {
            line
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors_and_nesting_works() {
        assert_eq!(quietly(|| 7), Ok(7));
        let e = quietly(|| -> u8 { panic!("bad input\nsecond line") }).unwrap_err();
        assert_eq!(e, "bad input");
        let nested = quietly(|| {
            let inner = quietly(|| -> u8 { panic!("inner") });
            assert!(inner.is_err());
            panic!("outer {}", 1)
        });
        assert_eq!(nested, Err::<(), _>("outer 1".to_string()));
    }
}

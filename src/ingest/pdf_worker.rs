//! PDF extraction in worker processes, so that no PDF can take a run down.
//!
//! The PDF reader (`pdf-extract` on `lopdf`) can overflow its stack on a form
//! that draws itself, loop for ever on a cyclic page tree or exhaust memory on a
//! stream that decompresses without end; a panic can be caught, those cannot. So
//! the binary that indexes starts copies of itself (`ofsearch __pdf-worker`, see
//! [`WORKER_ARG`]) and hands each PDF to one of them:
//!
//! - A worker is long-lived (one process for many PDFs: starting one per file
//!   costs more than extracting a letter) and serves one request at a time over
//!   its stdin/stdout: a request is the PDF's bytes, `u32` little-endian length
//!   first; an answer is a tag byte then length-prefixed strings (see
//!   [`write_answer`]). The worker's fd 1 is pointed at its stderr, so nothing
//!   the reader prints can corrupt the answers.
//! - Its limits: address space [`MEMORY_LIMIT`] (`RLIMIT_AS`, set before exec),
//!   the reading thread's stack [`STACK_BYTES`], CPU seconds per request
//!   (`RLIMIT_CPU`, raised before each request) and, enforced by the parent, a
//!   wall-clock [`deadline`] after which the worker is killed.
//! - A worker that dies (killed, stack overflow, allocation failure) is replaced
//!   for the next file; the file it was reading gets a one-line reason
//!   ([`PdfError::OverLimit`]) made from how it died.
//!
//! The pool is used once [`enable`] has been called (by `main`, with the path of
//! the running binary); library users and unit tests read PDFs in-process.
//! `OFSEARCH_PDF_WORKERS=0` reads in-process too (for comparison);
//! `OFSEARCH_PDF_WORKER_REQUESTS=N` retires a worker after N files (1 = a
//! process per file, to measure what the pool saves);
//! `OFSEARCH_PDF_DEADLINE_MS` sets the base deadline (tests).

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use super::pdf::{self, PdfError, PdfText};

/// The hidden first argument that makes the binary a PDF worker.
pub const WORKER_ARG: &str = "__pdf-worker";
/// Address space of a worker (`RLIMIT_AS`).
pub const MEMORY_LIMIT: u64 = 1 << 30;
/// Stack of the worker's reading thread: a deeper recursion is a stack overflow.
pub const STACK_BYTES: usize = 32 << 20;
/// Requests a worker serves before it is replaced (bounds what a leak can hold).
const DEFAULT_REQUESTS: u32 = 1000;

/// How long a PDF of `len` bytes may take: 1.5 s (`OFSEARCH_PDF_DEADLINE_MS`
/// overrides it, for tests), plus 2 s per MB (a large real report reads at
/// several MB/s), at most a minute.
pub fn deadline(len: usize) -> Duration {
    static BASE: OnceLock<Duration> = OnceLock::new();
    let base = *BASE.get_or_init(|| {
        std::env::var("OFSEARCH_PDF_DEADLINE_MS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .filter(|ms| *ms > 0)
            .map_or(Duration::from_millis(1500), Duration::from_millis)
    });
    let extra = Duration::from_secs_f64(len as f64 / (1 << 20) as f64 * 2.0);
    (base + extra).min(Duration::from_secs(60))
}

static POOL: OnceLock<Pool> = OnceLock::new();

/// Read PDFs in worker processes started from `exe` from now on (unless
/// `OFSEARCH_PDF_WORKERS=0`). Called once, by `main`.
pub fn enable(exe: PathBuf) {
    if std::env::var("OFSEARCH_PDF_WORKERS").is_ok_and(|v| v.trim() == "0") {
        return;
    }
    let max_requests = std::env::var("OFSEARCH_PDF_WORKER_REQUESTS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(DEFAULT_REQUESTS);
    let _ = POOL.set(Pool {
        exe,
        max_requests,
        idle: Mutex::new(Vec::new()),
    });
}

/// Extract a PDF's text: in a worker when the pool is enabled, else here.
pub fn extract(bytes: &[u8]) -> Result<PdfText, PdfError> {
    match POOL.get() {
        Some(pool) => pool.extract(bytes),
        None => pdf::extract(bytes),
    }
}

struct Pool {
    exe: PathBuf,
    max_requests: u32,
    idle: Mutex<Vec<Worker>>,
}

struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// The end of what the worker wrote on stderr (why it died), gathered by
    /// `stderr_reader` until the pipe closes.
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
    served: u32,
}

impl Pool {
    fn extract(&self, bytes: &[u8]) -> Result<PdfText, PdfError> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match taken {
            Some(w) => w,
            None => match self.spawn() {
                Ok(w) => w,
                // Not quarantined: the next run tries again.
                Err(e) => {
                    return Err(PdfError::Unreadable(format!(
                        "cannot start a PDF reader process: {e}"
                    )));
                }
            },
        };
        match worker.ask(bytes) {
            Ok(answer) => {
                worker.served += 1;
                if worker.served < self.max_requests
                    && let Ok(mut idle) = self.idle.lock()
                {
                    idle.push(worker);
                } else {
                    worker.retire();
                }
                answer
            }
            Err(died) => Err(PdfError::OverLimit(died)),
        }
    }

    fn spawn(&self) -> io::Result<Worker> {
        let mut cmd = Command::new(&self.exe);
        cmd.arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        limit_memory(&mut cmd);
        let mut child = cmd.spawn()?;
        let (Some(stdin), Some(stdout), Some(mut err)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("worker pipes missing"));
        };
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let tail = stderr.clone();
        let reader = std::thread::Builder::new()
            .name("pdf-worker-stderr".into())
            .spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut t) = tail.lock() {
                        t.extend_from_slice(&buf[..n]);
                        let excess = t.len().saturating_sub(4096);
                        t.drain(..excess);
                    }
                }
            })?;
        let mut worker = Worker {
            child,
            stdin: BufWriter::new(stdin),
            stdout: BufReader::new(stdout),
            stderr,
            stderr_reader: Some(reader),
            served: 0,
        };
        // The worker says it is ready: one byte, once its limits are in place.
        let mut ready = [0u8; 1];
        match worker.stdout.read_exact(&mut ready) {
            Ok(()) if ready[0] == READY => Ok(worker),
            _ => {
                let _ = worker.child.kill();
                let _ = worker.child.wait();
                Err(io::Error::other("the worker did not start"))
            }
        }
    }
}

impl Worker {
    /// Send one PDF and read the answer. `Err` when the worker died: why, on one line.
    fn ask(&mut self, bytes: &[u8]) -> Result<Result<PdfText, PdfError>, String> {
        let limit = deadline(bytes.len());
        let watch = Watchdog::start(self.child.id(), limit);
        let sent = write_frame(&mut self.stdin, bytes).and_then(|()| self.stdin.flush());
        let answer = sent.and_then(|()| read_answer(&mut self.stdout));
        let timed_out = watch.stop();
        match answer {
            Ok(a) if !timed_out => Ok(a),
            _ => {
                let _ = self.child.kill();
                let status = self.child.wait().ok();
                // The stderr reader has seen everything once the pipe closes.
                if let Some(reader) = self.stderr_reader.take() {
                    let _ = reader.join();
                }
                let stderr = self
                    .stderr
                    .lock()
                    .map(|t| String::from_utf8_lossy(&t).into_owned())
                    .unwrap_or_default();
                Err(death_reason(timed_out, limit, status, &stderr))
            }
        }
    }

    fn retire(mut self) {
        drop(self.stdin);
        let _ = self.child.wait();
    }
}

/// Why a worker died, from the way it ended and its last words.
fn death_reason(
    timed_out: bool,
    limit: Duration,
    status: Option<std::process::ExitStatus>,
    stderr: &str,
) -> String {
    if timed_out {
        return format!("took longer than {:.1} s (time limit)", limit.as_secs_f64());
    }
    if stderr.contains("overflowed its stack") {
        return "stack overflow (the PDF nests or draws itself too deeply)".to_string();
    }
    if stderr.contains("memory allocation") || stderr.contains("capacity overflow") {
        return format!(
            "needed more than {} MB of memory (memory limit)",
            MEMORY_LIMIT >> 20
        );
    }
    #[cfg(unix)]
    if let Some(sig) = status.and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s)) {
        if sig == libc::SIGXCPU {
            return "used too much CPU time (CPU limit)".to_string();
        }
        return format!("the PDF reader crashed (signal {sig})");
    }
    match status.and_then(|s| s.code()) {
        Some(code) => format!("the PDF reader stopped (exit status {code})"),
        None => "the PDF reader stopped".to_string(),
    }
}

/// Kills a worker that has not answered by its deadline.
struct Watchdog {
    state: Arc<(Mutex<WatchState>, Condvar)>,
}

#[derive(Default)]
struct WatchState {
    done: bool,
    fired: bool,
}

impl Watchdog {
    fn start(pid: u32, limit: Duration) -> Watchdog {
        let state = Arc::new((Mutex::new(WatchState::default()), Condvar::new()));
        let shared = state.clone();
        // Without a thread for the watch, the worker's own CPU limit still stops it.
        let _ = std::thread::Builder::new()
            .name("pdf-watchdog".into())
            .spawn(move || {
                let (lock, cvar) = &*shared;
                let Ok(guard) = lock.lock() else { return };
                let Ok((mut s, _)) = cvar.wait_timeout_while(guard, limit, |s| !s.done) else {
                    return;
                };
                if !s.done {
                    s.fired = true;
                    kill(pid);
                }
            });
        Watchdog { state }
    }

    /// Stop watching; whether the deadline passed (and the worker was killed).
    fn stop(self) -> bool {
        let (lock, cvar) = &*self.state;
        let Ok(mut s) = lock.lock() else { return false };
        s.done = true;
        cvar.notify_all();
        s.fired
    }
}

#[cfg(unix)]
fn kill(pid: u32) {
    // SAFETY: plain syscall; the child is not reaped before the watchdog stops
    // (`ask` waits for it only after `stop`), so the pid is still ours.
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGKILL);
    }
}

#[cfg(not(unix))]
fn kill(_pid: u32) {}

#[cfg(unix)]
fn limit_memory(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only setrlimit (async-signal-safe) runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: MEMORY_LIMIT as libc::rlim_t,
                rlim_max: MEMORY_LIMIT as libc::rlim_t,
            };
            libc::setrlimit(libc::RLIMIT_AS, &lim);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_cmd: &mut Command) {}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(|_| io::Error::other("frame too large"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)
}

/// A frame of at most `max` bytes (`None` at a clean end of input).
fn read_frame(r: &mut impl Read, max: usize) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > max {
        return Err(io::Error::other("frame too large"));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

/// The byte a worker sends once, when it is ready for requests.
const READY: u8 = 0xA5;
const TAG_TEXT: u8 = 0;
const TAG_UNREADABLE: u8 = 1;
const TAG_OVER_LIMIT: u8 = 2;
/// Longest answer string read back (text is bounded by the reader's own limits).
const MAX_ANSWER: usize = 1 << 30;

/// An answer: `TAG_TEXT`, the title (empty for none) and the text; or
/// `TAG_UNREADABLE` / `TAG_OVER_LIMIT` and the reason.
fn write_answer(w: &mut impl Write, answer: &Result<PdfText, PdfError>) -> io::Result<()> {
    match answer {
        Ok(p) => {
            w.write_all(&[TAG_TEXT])?;
            write_frame(w, p.title.as_deref().unwrap_or("").as_bytes())?;
            write_frame(w, p.text.as_bytes())?;
        }
        Err(PdfError::Unreadable(why)) => {
            w.write_all(&[TAG_UNREADABLE])?;
            write_frame(w, why.as_bytes())?;
        }
        Err(PdfError::OverLimit(why)) => {
            w.write_all(&[TAG_OVER_LIMIT])?;
            write_frame(w, why.as_bytes())?;
        }
    }
    w.flush()
}

fn read_answer(r: &mut impl Read) -> io::Result<Result<PdfText, PdfError>> {
    let mut tag = [0u8; 1];
    r.read_exact(&mut tag)?;
    let mut string = || -> io::Result<String> {
        let bytes = read_frame(r, MAX_ANSWER)?
            .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
        String::from_utf8(bytes).map_err(|_| io::Error::other("answer is not UTF-8"))
    };
    Ok(match tag[0] {
        TAG_TEXT => {
            let title = string()?;
            let text = string()?;
            Ok(PdfText {
                text,
                title: (!title.is_empty()).then_some(title),
            })
        }
        TAG_UNREADABLE => Err(PdfError::Unreadable(string()?)),
        TAG_OVER_LIMIT => Err(PdfError::OverLimit(string()?)),
        _ => return Err(io::Error::other("unknown answer")),
    })
}

/// The worker's side: answer requests on stdin until it closes. Returns the
/// process's exit status.
pub fn worker_main() -> std::process::ExitCode {
    let Some(protocol_out) = take_stdout() else {
        return std::process::ExitCode::from(2);
    };
    let served = std::thread::Builder::new()
        .name("pdf-worker".into())
        .stack_size(STACK_BYTES)
        .spawn(move || serve(io::stdin().lock(), protocol_out));
    match served.map(|h| h.join()) {
        Ok(Ok(Ok(()))) => std::process::ExitCode::SUCCESS,
        _ => std::process::ExitCode::from(2),
    }
}

fn serve(mut input: impl Read, output: impl Write) -> io::Result<()> {
    let mut output = BufWriter::new(output);
    output.write_all(&[READY])?;
    output.flush()?;
    while let Some(request) = read_frame(&mut input, super::MAX_FILE_BYTES as usize)? {
        limit_cpu(deadline(request.len()));
        let answer = pdf::extract(&request);
        write_answer(&mut output, &answer)?;
    }
    Ok(())
}

/// A duplicate of fd 1 for the answers; fd 1 itself then points at stderr, so
/// a stray print cannot corrupt the protocol.
#[cfg(unix)]
fn take_stdout() -> Option<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: dup/dup2 on the process's own standard descriptors; the duplicate
    // is owned by the returned File alone.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 || libc::dup2(2, 1) < 0 {
            return None;
        }
        Some(std::fs::File::from_raw_fd(fd))
    }
}

#[cfg(not(unix))]
fn take_stdout() -> Option<io::Stdout> {
    Some(io::stdout())
}

/// Let the coming request use `limit` more CPU seconds (plus one), after which
/// the kernel ends the worker (SIGXCPU): a backstop for the parent's deadline.
#[cfg(unix)]
fn limit_cpu(limit: Duration) {
    // SAFETY: getrusage/setrlimit on this process, with valid pointers.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return;
        }
        let used = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) as u64 + 1;
        let lim = libc::rlimit {
            rlim_cur: (used + limit.as_secs() + 1) as libc::rlim_t,
            rlim_max: libc::RLIM_INFINITY,
        };
        libc::setrlimit(libc::RLIMIT_CPU, &lim);
    }
}

#[cfg(not(unix))]
fn limit_cpu(_limit: Duration) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip() {
        for answer in [
            Ok(PdfText {
                text: "Some text\x0cpage two".into(),
                title: Some("A title".into()),
            }),
            Ok(PdfText {
                text: "untitled".into(),
                title: None,
            }),
            Err(PdfError::Unreadable("encrypted".into())),
            Err(PdfError::OverLimit("too big".into())),
        ] {
            let mut buf = Vec::new();
            write_answer(&mut buf, &answer).unwrap();
            let back = read_answer(&mut buf.as_slice()).unwrap();
            assert_eq!(format!("{back:?}"), format!("{answer:?}"));
        }
    }

    #[test]
    fn frames_are_bounded_and_a_closed_input_ends_cleanly() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"hello").unwrap();
        assert_eq!(
            read_frame(&mut buf.as_slice(), 10).unwrap().as_deref(),
            Some(&b"hello"[..])
        );
        assert!(read_frame(&mut buf.as_slice(), 4).is_err());
        assert!(read_frame(&mut &b""[..], 10).unwrap().is_none());
        assert!(read_frame(&mut &b"\x05\x00\x00\x00ab"[..], 10).is_err());
    }

    #[test]
    fn deadlines_grow_with_size_and_are_capped() {
        assert_eq!(deadline(0), Duration::from_millis(1500));
        assert!(deadline(1 << 20) > deadline(1 << 10));
        assert_eq!(deadline(1 << 30), Duration::from_secs(60));
    }

    #[test]
    fn death_reasons_name_the_limit() {
        let limit = Duration::from_secs(2);
        assert!(death_reason(true, limit, None, "").contains("time limit"));
        assert!(
            death_reason(false, limit, None, "thread 'x' has overflowed its stack")
                .contains("stack overflow")
        );
        assert!(
            death_reason(false, limit, None, "memory allocation of 8 bytes failed")
                .contains("memory limit")
        );
    }
}

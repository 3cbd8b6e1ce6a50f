//! Helpers: a scratch directory with a corpus, and the real binary run in it.

use serde_json::Value;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_ofsearch");
pub const FOCUSED_VISIT: &str = "corpus/003_af001f87f6699c88.txt";

/// A scratch directory with a `corpus/` and room for `index/`.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn empty() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("corpus")).expect("corpus dir");
        Sandbox { dir }
    }

    /// The five seed documents, as shipped in `corpus/`.
    pub fn seeds() -> Sandbox {
        let sb = Sandbox::empty();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in fs::read_dir(seeds).expect("seed corpus") {
            let path = entry.expect("entry").path();
            fs::copy(&path, sb.corpus().join(path.file_name().unwrap())).expect("copy");
        }
        sb
    }

    pub fn fixtures(name: &str) -> Sandbox {
        let sb = Sandbox::empty();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        for entry in fs::read_dir(dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            fs::copy(&path, sb.corpus().join(path.file_name().unwrap())).expect("copy");
        }
        sb
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.path().join("corpus")
    }

    /// The live generation of the sandbox's index (what `index/CURRENT` names).
    pub fn generation(&self) -> PathBuf {
        let current = fs::read_to_string(self.path().join("index/CURRENT")).expect("CURRENT");
        self.path().join("index").join(current.trim())
    }

    /// The binary, to run in the sandbox with `args`, free of the caller's
    /// `OFSEARCH_*` settings and colours.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.path())
            .env_remove("OFSEARCH_INDEX")
            .env_remove("OFSEARCH_CORPUS")
            .env_remove("OFSEARCH_LOCK_WAIT")
            .env("NO_COLOR", "1");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run ofsearch")
    }

    /// Run with `input` on standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run ofsearch");
        let mut stdin = child.stdin.take().expect("stdin");
        // The program may stop reading early; a broken pipe here is expected.
        let _ = stdin.write_all(input);
        drop(stdin);
        child.wait_with_output().expect("wait")
    }

    /// Run and parse stdout as JSON Lines; asserts the exit status.
    pub fn json(&self, args: &[&str], status: i32) -> Vec<Value> {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(status),
            "{args:?}: stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
            .collect()
    }

    pub fn index(&self) -> Value {
        let lines = self.json(&["index", "--json", "--quiet"], 0);
        assert_eq!(lines.len(), 1);
        lines.into_iter().next().unwrap()
    }

    pub fn hits(&self, args: &[&str]) -> Vec<Value> {
        let mut full = args.to_vec();
        full.push("--json");
        let out = self.run(&full);
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{args:?}: {}",
            stderr(&out)
        );
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("json"))
            .filter(|v| v["type"] == "hit")
            .collect()
    }

    pub fn hit_paths(&self, args: &[&str]) -> Vec<String> {
        self.hits(args)
            .iter()
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect()
    }

    pub fn count(&self, args: &[&str]) -> u64 {
        let mut full = args.to_vec();
        full.push("--count");
        let out = self.run(&full);
        stdout(&out)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .parse()
            .expect("count")
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn facet(lines: &[Value], field: &str) -> Vec<(String, u64)> {
    let f = lines
        .iter()
        .find(|l| l["type"] == "facet" && l["field"] == field)
        .unwrap_or_else(|| panic!("no facet {field}"));
    f["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

pub fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(a, n)| (a.to_string(), *n)).collect()
}

/// Start `ofsearch serve --port 0` on the sandbox's index, and the address it
/// says it listens on (its first line on stderr).
pub fn spawn_serve(sb: &Sandbox) -> (std::process::Child, std::net::SocketAddr) {
    use std::io::{BufRead, BufReader};
    let mut child = sb
        .command(&["serve", "--port", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("serve says where");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (child, addr)
}

/// A running server, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    port: u16,
}

impl Server {
    pub fn start(sb: &Sandbox) -> Server {
        let (child, addr) = spawn_serve(sb);
        let port = addr.port();
        Server { child, port }
    }

    /// The body of `GET target` (asserting status 200).
    pub fn get(&self, target: &str) -> String {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 200"), "{target}: {head}");
        body.to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

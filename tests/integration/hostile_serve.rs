//! `serve` under hostile connections (issue 14): half-open and slow clients used
//! to hold the server's file descriptors for ever (~20,000 of them stopped it).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

use crate::util::Sandbox;

/// A running `ofsearch serve`, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    _sb: Sandbox,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_seeds() -> Server {
    let sb = Sandbox::seeds();
    sb.index();
    let (child, addr) = crate::util::spawn_serve(&sb);
    Server {
        child,
        addr,
        _sb: sb,
    }
}

/// One GET on a fresh connection: the status line.
fn get(addr: SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    reply.lines().next().unwrap_or("").to_string()
}

#[test]
fn idle_connections_do_not_stop_serve_answering() {
    let server = serve_seeds();
    let idle: Vec<TcpStream> = (0..2000)
        .map(|_| TcpStream::connect(server.addr).expect("idle connection"))
        .collect();
    for _ in 0..5 {
        let started = Instant::now();
        assert_eq!(get(server.addr, "/api/search?q=neglect"), "HTTP/1.1 200 OK");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
    drop(idle);
}

#[test]
fn slow_and_idle_connections_are_closed_after_the_header_timeout() {
    let server = serve_seeds();
    // Headers that never end, and a connection that never sends anything.
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let mut idle = TcpStream::connect(server.addr).unwrap();
    let started = Instant::now();
    for s in [&mut slow, &mut idle] {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut buf = Vec::new();
        // Closed by the server (an error reply or nothing, then end of stream).
        let _ = s.read_to_end(&mut buf);
    }
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(20),
        "closed after {took:?}"
    );
    assert_eq!(get(server.addr, "/"), "HTTP/1.1 200 OK");
}

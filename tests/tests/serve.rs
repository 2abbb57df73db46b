//! End-to-end tests of `jsvm serve` over HTTP: routing on the path and query parameters, errors
//! (500 with the error line, `exit()`, the step budget), per-request isolation of statics and
//! memoize caches, the status page through retranslate-all, a seeder's profile consumed by a new
//! server, the memory limit, request bodies, raw query bytes, malformed HTTP, half-closed
//! connections, `--max-requests`, SIGTERM (twice for a runaway request), several VM threads
//! (`--workers`: a spinning request does not hold up others; many clients at once get their own
//! answers through the retranslate-all point), and bad command lines.
//! (Every conformance program also runs as a web app: the `serve` mode of the conformance
//! runner.)

use jsvm_tests::{locate_jsvm, Server};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const T: Duration = Duration::from_secs(30);

fn app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("serve/app.hack")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jsvm-serve-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn start_with(args: &[&str], program: &Path) -> Result<Server, String> {
    let jsvm = locate_jsvm().expect("jsvm binary (build it first: cargo build -p jsvm)");
    let all = [&["serve", "--listen=127.0.0.1:0"], args].concat();
    Server::start(&jsvm, &all, program, None, T)
}

fn start(args: &[&str]) -> Server {
    start_with(args, &app()).unwrap()
}

/// `GET path` on a new connection: status and body.
fn get(s: &Server, path: &str) -> (u16, String) {
    let a = s.client(T).unwrap().get(path).unwrap();
    (a.status, a.text())
}

/// `GET path` on a new connection, from a thread of its own: status and body.
fn get_in_thread(
    addr: std::net::SocketAddr,
    path: &'static str,
) -> std::thread::JoinHandle<Result<(u16, String), jsvm::http_client::ClientError>> {
    std::thread::spawn(move || {
        jsvm::http_client::Client::connect(addr, T)
            .and_then(|mut c| c.get(path))
            .map(|a| (a.status, a.text()))
    })
}

/// The status page, polled until `done` holds of it (or the time is up: the last page).
fn status_until(s: &Server, done: impl Fn(&str) -> bool) -> String {
    let t0 = Instant::now();
    loop {
        let (code, page) = get(s, "/__jsvm/status");
        assert_eq!(code, 200);
        if done(&page) || t0.elapsed() > T {
            return page;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn routes_query_parameters_and_errors() {
    let s = start(&["--max-steps=1000000"]);
    assert_eq!(
        get(&s, "/hello?name=%3Cx%3E+y"),
        (
            200,
            "<h1>Hello &lt;x&gt; y</h1><ul><li>a&lt;b</li><li>c&amp;d</li></ul>\n".into()
        )
    );
    // Repeated names: the last one wins, as in PHP's `$_GET`.
    assert_eq!(
        get(&s, "/other?a=1&b=2&a=3"),
        (200, "no route for /other (2 parameters)\n".into())
    );
    assert_eq!(
        get(&s, "/throw"),
        (
            500,
            "before\nFatal error: Uncaught InvalidArgumentException: bad input\n".into()
        )
    );
    assert_eq!(get(&s, "/exit"), (200, "leaving\n".into()));
    assert_eq!(
        get(&s, "/spin"),
        (
            500,
            "Fatal error: Maximum execution steps exceeded\n".into()
        )
    );
    // The server goes on after a fatal error, within the budget.
    assert_eq!(get(&s, "/sum?n=100000"), (200, "5000050000\n".into()));
    let page = status_until(&s, |_| true);
    assert!(
        page.contains("requests: 6 served, 2 failed, 0 waiting or running"),
        "{page}"
    );
}

#[test]
fn request_timeout_stops_long_requests_in_every_tier() {
    for tier in ["--tier=interp", "--tier=jit"] {
        let s = start(&[tier, "--request-timeout=1"]);
        let t0 = Instant::now();
        assert_eq!(
            get(&s, "/spin"),
            (
                500,
                "Fatal error: Maximum execution time of 1 second exceeded\n".into()
            ),
            "{tier}"
        );
        let took = t0.elapsed();
        assert!(
            took >= Duration::from_secs(1) && took < Duration::from_secs(10),
            "{tier}: {took:?}"
        );
        // The next request has its own time.
        assert_eq!(get(&s, "/sum?n=100000"), (200, "5000050000\n".into()));
    }
}

#[test]
fn a_request_timeout_past_what_a_clock_holds_is_no_limit() {
    // (It overflowed the deadline: each request's worker died, and the server stopped answering.)
    // `--memory-limit=-1` is no limit, as PHP's.
    let s = start(&[
        "--request-timeout=18446744073709551615",
        "--workers=1",
        "--memory-limit=-1",
    ]);
    for n in [3, 4, 5] {
        assert_eq!(
            get(&s, &format!("/sum?n={n}")),
            (200, format!("{}\n", n * (n + 1) / 2))
        );
    }
}

#[test]
fn statics_and_memoize_caches_are_per_request() {
    for tier in [
        &["--tier=interp"][..],
        &["--retranslate-all=1", "--hot-calls=1"],
        &["--retranslate-all=0", "--hot-calls=1"],
    ] {
        let s = start(tier);
        let mut c = s.client(T).unwrap();
        for i in 0..6 {
            let a = c.get("/count").unwrap();
            assert_eq!(
                (a.status, a.text()),
                (200, "hits 1 memo 4949 calls 2\n".into()),
                "{tier:?}, request {i}"
            );
        }
    }
}

#[test]
fn retranslate_all_profiles_then_compiles_one_batch() {
    let s = start(&["--retranslate-all=3"]);
    let page = status_until(&s, |_| true);
    assert!(
        page.starts_with("jsvm serve: warming up (profiling: 0 of 3 requests)\n"),
        "{page}"
    );
    assert!(
        page.contains("warm-up: retranslate-all after 3 requests\n"),
        "{page}"
    );
    assert!(page.contains("maturity: 0%"), "{page}");
    let mut c = s.client(T).unwrap();
    for _ in 0..3 {
        // 2,000 calls of `sum_to`'s loop body per request: hot, but nothing compiles yet.
        assert_eq!(c.get("/sum?n=2000").unwrap().text(), "2001000\n");
    }
    let page = status_until(&s, |p| p.starts_with("jsvm serve: warm\n"));
    assert!(page.starts_with("jsvm serve: warm\n"), "{page}");
    assert!(page.contains("maturity: 100% ("), "{page}");
    assert!(!page.contains("(0 of 0 hot"), "nothing compiled: {page}");
    assert_eq!(c.get("/sum?n=2000").unwrap().text(), "2001000\n");
}

#[test]
fn a_seeders_profile_warms_a_new_server() {
    let jsp = tmp("seeded.jsp");
    let _ = std::fs::remove_file(&jsp);
    let arg = format!("--jumpstart={}", jsp.display());
    let seeder = start(&["--jumpstart-mode=seed", &arg, "--retranslate-all=3"]);
    let mut c = seeder.client(T).unwrap();
    for _ in 0..3 {
        assert_eq!(c.get("/sum?n=3000").unwrap().text(), "4501500\n");
    }
    // Written at the retranslate-all point, while the seeder goes on serving.
    let t0 = Instant::now();
    while !jsp.is_file() && t0.elapsed() < T {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(jsp.is_file(), "no profile after 3 requests");
    assert_eq!(c.get("/hello").unwrap().status, 200);
    drop(c);
    seeder.terminate();
    let (st, err) = seeder.wait(T);
    assert!(st.is_some_and(|s| s.success()), "{st:?}");
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));

    let consumer = start(&["--jumpstart-mode=consume-or-fail", &arg, "--jumpstart-wait"]);
    let page = status_until(&consumer, |_| true);
    assert!(
        page.contains("warm-up: Jump-Start (batch compiled at start-up)\n"),
        "{page}"
    );
    // Compiled before the first request (`--jumpstart-wait`).
    assert!(page.starts_with("jsvm serve: warm\n"), "{page}");
    assert!(!page.contains("(0 of 0 hot"), "nothing compiled: {page}");
    assert_eq!(get(&consumer, "/sum?n=3000"), (200, "4501500\n".into()));

    // A damaged profile: `consume-or-fail` refuses to start, with one line.
    let mut bytes = std::fs::read(&jsp).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&jsp, &bytes).unwrap();
    let err = start_with(&["--jumpstart-mode=consume-or-fail", &arg], &app())
        .err()
        .expect("a server with a damaged profile");
    assert!(err.contains("jsvm: error: jump-start profile"), "{err}");
    // `consume` serves anyway, from the interpreter and the usual tier-up.
    let s = start(&["--jumpstart-mode=consume", &arg]);
    assert_eq!(get(&s, "/sum?n=3000"), (200, "4501500\n".into()));
    let _ = std::fs::remove_file(&jsp);
}

/// Write `request` raw on a new connection (then half-close it when `half_close`) and read all
/// that comes back until the server closes it.
fn raw(s: &Server, request: &[u8], half_close: bool) -> String {
    let mut c = std::net::TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(T)).unwrap();
    c.write_all(request).unwrap();
    if half_close {
        c.shutdown(std::net::Shutdown::Write).unwrap();
    }
    let mut answer = Vec::new();
    let _ = c.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn the_memory_limit_stops_one_request_not_the_server() {
    let s = start(&["--memory-limit=64M"]);
    let (code, body) = get(&s, "/grow");
    assert_eq!(code, 500, "{body}");
    assert!(
        body.starts_with(
            "Fatal error: Allowed memory size of 67108864 bytes exhausted (tried to allocate "
        ),
        "{body}"
    );
    assert_eq!(get(&s, "/sum?n=100"), (200, "5050\n".into()));
    // The response being written counts too: 100 MB of output stops at the limit (the output
    // so far, then the error line), and the server goes on.
    let (code, body) = get(&s, "/big?kb=100000");
    assert_eq!(code, 500);
    assert!(body.len() < 64 << 20, "{}", body.len());
    assert!(
        body.trim_end().rsplit('\n').next().unwrap().starts_with(
            "Fatal error: Allowed memory size of 67108864 bytes exhausted (tried to allocate "
        ),
        "{}",
        &body[body.len().saturating_sub(200)..]
    );
    assert_eq!(get(&s, "/big?kb=2").1.len(), 2048);
}

#[test]
fn bodies_query_bytes_and_error_lines() {
    let s = start(&["--max-body=64K"]);
    // A body is read (the connection goes on: the pipelined GET is answered too).
    let body = vec![b'x'; 60_000];
    let mut req = format!(
        "POST /sum?n=3 HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(&body);
    req.extend_from_slice(b"GET /sum?n=4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let answer = raw(&s, &req, false);
    assert_eq!(answer.matches("HTTP/1.1 200 OK").count(), 2, "{answer}");
    assert!(
        answer.contains("\r\n\r\n6\n") && answer.ends_with("\r\n\r\n10\n"),
        "{answer}"
    );
    // The method and the body are the entry point's third and fourth arguments; a form's
    // fields decode with `urldecode`.
    let form = b"name=J%C3%BCrgen+Smith&tag=a%26b";
    let mut req = format!(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        form.len()
    )
    .into_bytes();
    req.extend_from_slice(form);
    let answer = raw(&s, &req, false);
    assert!(
        answer.starts_with("HTTP/1.1 200")
            && answer.ends_with("\r\n\r\nPOST 32\nname=Jürgen Smith\ntag=a&b\n"),
        "{answer}"
    );
    assert_eq!(get(&s, "/echo"), (200, "GET 0\n".into()));
    // Over --max-body: 413.
    let big = format!(
        "POST /sum HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\nConnection: close\r\n\r\n{}",
        "y".repeat(70_000)
    );
    let answer = raw(&s, big.as_bytes(), false);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // An announced body over --max-body is refused before it is sent: no `100 Continue` for a
    // client that waits for one, and a 413 for one that sends nothing more.
    let answer = raw(
        &s,
        b"POST /sum HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\nExpect: 100-continue\r\n\r\n",
        false,
    );
    assert!(
        answer.starts_with("HTTP/1.1 413") && !answer.contains("100 Continue"),
        "{answer}"
    );
    let answer = raw(
        &s,
        b"POST /sum HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n",
        true,
    );
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // A request target that is not a path.
    let answer = raw(&s, b"GET sum HTTP/1.1\r\nHost: x\r\n\r\n", true);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    // Query values are their bytes (PHP's parse_str); an empty name is dropped.
    assert_eq!(
        get(&s, "/lengths?a=%ff%fe&b=%E2%82&c=x+y&=z&d"),
        (200, "a=2;b=2;c=3;d=0;\n".into())
    );
    // The error line starts a line of its own.
    assert_eq!(
        get(&s, "/partial"),
        (
            500,
            "partial\nFatal error: Uncaught RuntimeException: late\n".into()
        )
    );
    // A client that half-closes after its request gets the answer.
    let answer = raw(&s, b"GET /sum?n=5 HTTP/1.1\r\nHost: x\r\n\r\n", true);
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with("15\n"),
        "{answer}"
    );
    let answer = raw(
        &s,
        b"CONNECT example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n",
        false,
    );
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
}

#[test]
fn a_second_sigterm_stops_a_runaway_request() {
    let s = start(&[]);
    let addr = s.addr;
    let client = get_in_thread(addr, "/spin");
    std::thread::sleep(Duration::from_millis(300));
    s.terminate();
    // The first one lets the accepted request finish: this one never does.
    std::thread::sleep(Duration::from_millis(500));
    assert!(!client.is_finished());
    s.terminate();
    let (st, err) = s.wait(T);
    assert!(st.is_some_and(|s| s.success()), "{st:?}");
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
    let answer = client.join().unwrap().unwrap();
    assert_eq!(
        answer,
        (500, "Fatal error: the server is stopping\n".into())
    );
}

#[test]
fn max_requests_refuses_the_requests_beyond() {
    let s = start(&["--max-requests=1"]);
    let addr = s.addr;
    // One request runs for a while; three more arrive meanwhile.
    let first = get_in_thread(addr, "/sum?n=3000000");
    std::thread::sleep(Duration::from_millis(100));
    let others: Vec<_> = (0..3).map(|_| get_in_thread(addr, "/sum?n=3")).collect();
    assert_eq!(first.join().unwrap().unwrap().0, 200);
    for o in others {
        // Refused (503), or not even accepted once the server stopped listening.
        assert!(o.join().unwrap().map_or(true, |(st, _)| st == 503));
    }
    let (st, _) = s.wait(T);
    assert!(st.is_some_and(|s| s.success()), "{st:?}");
}

#[test]
fn malformed_http_gets_400_and_the_server_goes_on() {
    let s = start(&[]);
    let mut raw = std::net::TcpStream::connect(s.addr).unwrap();
    raw.set_read_timeout(Some(T)).unwrap();
    raw.write_all(b"NONSENSE\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = raw.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer:?}");
    assert_eq!(get(&s, "/sum?n=4"), (200, "10\n".into()));
}

#[test]
fn a_seeder_stopped_before_any_request_writes_nothing() {
    let jsp = tmp("empty.jsp");
    let _ = std::fs::remove_file(&jsp);
    let arg = format!("--jumpstart={}", jsp.display());
    let s = start(&["--jumpstart-mode=seed", &arg]);
    s.terminate();
    let (st, err) = s.wait(T);
    assert!(st.is_some_and(|s| s.success()), "{st:?}");
    let err = String::from_utf8_lossy(&err);
    assert!(
        err.starts_with("jsvm: warning: jump-start profile")
            && err.trim_end().ends_with("not written: no function ran"),
        "{err}"
    );
    assert!(!jsp.exists());
    // A folder that does not exist is refused at start-up.
    let e = start_with(
        &[
            "--jumpstart-mode=seed",
            "--jumpstart=/nonexistent/dir/x.jsp",
        ],
        &app(),
    )
    .err()
    .expect("a seeder with no folder for its profile");
    assert!(
        e.contains("the folder of /nonexistent/dir/x.jsp does not exist"),
        "{e}"
    );
}

#[test]
fn max_requests_then_sigterm_like_exit() {
    let s = start(&["--max-requests=2"]);
    let mut c = s.client(T).unwrap();
    assert_eq!(c.get("/sum?n=3").unwrap().text(), "6\n");
    assert_eq!(c.get("/sum?n=4").unwrap().text(), "10\n");
    drop(c);
    let (st, err) = s.wait(T);
    assert!(st.is_some_and(|s| s.success()), "{st:?}");
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
}

#[test]
fn bad_command_lines_are_one_line_errors() {
    let a = start(&[]);
    let taken = format!("--listen={}", a.addr);
    let jsvm = locate_jsvm().unwrap();
    let o = std::process::Command::new(&jsvm)
        .args(["serve", &taken])
        .arg(app())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(&format!("jsvm: serve: cannot listen on {}: ", a.addr))
            && err.lines().count() == 1,
        "{err}"
    );
    // An entry point the server cannot call with a request: one line, exit 1.
    let refused = |name: &str, source: &str| -> String {
        let f = tmp(name);
        std::fs::write(&f, source).unwrap();
        let o = std::process::Command::new(&jsvm)
            .args(["serve", "--listen=127.0.0.1:0"])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(err.lines().count(), 1, "{err}");
        err
    };
    let err = refused(
        "five.hack",
        "<<__EntryPoint>>\nfunction main(string $a, dict<string, string> $b, string $c, string $d, int $e): void {}\n",
    );
    assert!(
        err.contains("takes 5 parameters; it may take at most 4"),
        "{err}"
    );
    let err = refused(
        "int_method.hack",
        "<<__EntryPoint>>\nfunction main(string $a, dict<string, string> $b, int $m): void {}\n",
    );
    assert!(
        err.contains("parameter $m of the entry point main is declared int, but it receives the request method (a string)"),
        "{err}"
    );
    let err = refused(
        "int_path.hack",
        "<<__EntryPoint>>\nfunction main(int $path = 0): void {}\n",
    );
    assert!(
        err.contains("parameter $path of the entry point main is declared int, but it receives the request path (a string)"),
        "{err}"
    );
    let o = std::process::Command::new(&jsvm)
        .args(["serve", "--listen=nowhere"])
        .arg(app())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "clap's usage error");
    for bad in [
        "--max-requests=0",
        "--max-steps=0",
        "--memory-limit=lots",
        "--memory-limit=-2",
        "--workers=0",
        "--workers=many",
    ] {
        let o = std::process::Command::new(&jsvm)
            .args(["serve", bad])
            .arg(app())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
}

/// `--workers=2`: a request that spins does not hold up another one, which is answered while the
/// first still runs (until its time-out); with one VM thread the second waits for the first.
#[test]
fn workers_run_requests_at_once() {
    for workers in [2u32, 1] {
        let s = start(&[&format!("--workers={workers}"), "--request-timeout=3"]);
        let t0 = Instant::now();
        let spin = get_in_thread(s.addr, "/spin");
        // (The spinning request is taken first: give it time to reach a VM thread.)
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(get(&s, "/sum?n=10"), (200, "55\n".into()));
        let answered = t0.elapsed();
        if workers == 2 {
            assert!(answered < Duration::from_secs(2), "{answered:?}");
            assert!(!spin.is_finished(), "the spinning request ended first");
        } else {
            assert!(answered >= Duration::from_millis(2500), "{answered:?}");
        }
        let (code, body) = spin.join().unwrap().unwrap();
        assert_eq!(code, 500, "{body}");
        assert!(
            body.contains("Maximum execution time of 3 seconds exceeded"),
            "{body}"
        );
    }
}

/// The answer of `/work?n=N` (tests/serve/app.hack), computed here.
fn work_answer(n: u64) -> String {
    let total: u64 = (0..n)
        .map(|i| 1 + i.to_string().len() as u64 * 2 + i % 7)
        .sum();
    let mut v: Vec<u64> = (1..=n).map(|x| (x * 7919) % 1000).collect();
    v.sort();
    format!("{n} {total} {} {} {}\n", v[0], v[v.len() - 1], n * n)
}

/// Four clients at once against two VM threads, through the retranslate-all point (the batch
/// compiles while requests run) and on in compiled code: every answer is right, in every tier.
#[test]
fn concurrent_requests_on_several_vm_threads_get_their_own_answers() {
    for tier in ["--tier=auto", "--tier=interp", "--tier=jit"] {
        let s = start(&[tier, "--workers=2", "--retranslate-all=20"]);
        let clients: Vec<_> = (0..4u64)
            .map(|c| {
                let addr = s.addr;
                std::thread::spawn(move || {
                    let mut client = jsvm::http_client::Client::connect(addr, T).unwrap();
                    for r in 0..40u64 {
                        let n = 50 + (c * 40 + r) * 7 % 300;
                        let a = client.get(&format!("/work?n={n}")).unwrap();
                        assert_eq!((a.status, a.text()), (200, work_answer(n)), "client {c}");
                    }
                })
            })
            .collect();
        for c in clients {
            c.join().unwrap();
        }
        let page = status_until(&s, |_| true);
        assert!(
            page.contains("requests: 160 served, 0 failed"),
            "{tier}: {page}"
        );
    }
}

/// A body that stops arriving gets 408 after `--body-timeout` seconds and its connection is
/// closed; the server goes on, and a SIGTERM meanwhile does not wait for that client for ever.
#[test]
fn a_stalled_body_gets_408_and_does_not_hold_a_stopping_server() {
    let s = start(&["--body-timeout=1"]);
    let t0 = std::time::Instant::now();
    let answer = raw(
        &s,
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab",
        false,
    );
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.contains("no part of the request body arrived for 1 s"),
        "{answer}"
    );
    assert!(t0.elapsed() < Duration::from_secs(20));
    assert_eq!(get(&s, "/sum?n=3").0, 200);
    // A stalled client open while the server stops: it stops within the body timeout.
    let mut c = std::net::TcpStream::connect(s.addr).unwrap();
    c.write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    s.terminate();
    let (st, _) = s.wait(T);
    assert!(st.is_some_and(|s| s.success()), "{st:?}");
    drop(c);
}

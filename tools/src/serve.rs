//! `jsvm serve`: an HTTP/1.1 server (hyper on a tokio runtime) that runs the program's entry point
//! once per request, warms up with HHVM's retranslate-all or a Jump-Start profile, and reports
//! its warm-up on a status page.
//!
//! `--workers` VM threads (one per CPU by default) run the requests, each in a fresh request heap
//! and context (statics, memoize caches and output are per request); they share the program, its
//! profile counters and its compiled code. The network thread parses HTTP, queues requests for
//! the VM threads and writes the responses. The entry point gets the request as up to
//! two arguments: the path (`/users/42`, without the query, not decoded) and the query's
//! parameters as a `dict<string, string>` of their decoded bytes (the last of repeated names wins,
//! as in PHP's `$_GET`). What it prints is the response body; an uncaught exception or a fatal
//! error (a time-out, the memory limit, the step budget) answers 500 with the output so far and
//! the error line. A request body is read (up to `--max-body`) and not passed on. `GET
//! /__jsvm/status` answers from the network thread, even while the VM threads are busy.
//!
//! Stopping (SIGTERM, SIGINT or `--max-requests`): no new connections; the requests accepted
//! finish (past `--max-requests`, queued ones get 503); a second signal also stops the running
//! request. Then a seeder writes its profile and the process exits 0.
//!
//! Warm-up (DESIGN.md, "Profiling and tiers"): without a profile the default is retranslate-all —
//! the first `--retranslate-all` requests run in the profiling interpreter, then every hot
//! function compiles in one batch in the background with the profile-guided layout, as a
//! Jump-Start consumer's batch, and functions that get hot later tier up one by one. A consumer
//! (`--jumpstart-mode=consume`) compiles its batch at start-up instead; a seeder profiles the
//! first requests and writes its profile at the retranslate-all point (or at exit, if it stops
//! sooner).

use crate::{driver, jit_cli, jumpstart_cli};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use jsvm_runtime::ctx::Ctx;
use jsvm_runtime::error::RuntimeError;
use jsvm_runtime::interp::Program;
use jsvm_runtime::value::TypedValue;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot, Notify};

/// The path of the status page.
pub const STATUS_PATH: &str = "/__jsvm/status";

/// Requests queued for the VM threads beyond which the server answers 503 at once.
const QUEUE: usize = 1024;

/// How long a server stopped by a second signal still waits for the stopped request's answer
/// to be written.
const FORCED_DRAIN: Duration = Duration::from_secs(2);

/// How long a connection may take to send a request's headers (then it is closed): a client
/// that connects and sends nothing, or half a request, does not hold a connection for ever.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// The options of `jsvm serve`.
#[derive(clap::Args, Clone, Debug)]
pub struct ServeArgs {
    /// Source files or folders (all files form one program).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Address (or host name) and port to listen on (port 0: any free port; the address is
    /// printed on stderr).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080", value_parser = parse_listen)]
    pub listen: SocketAddr,
    /// Retranslate-all (HHVM's `Eval.JitRetranslateAllRequest`): the first N requests run in
    /// the profiling interpreter, then every hot function compiles in one batch in the
    /// background, with the profile-guided layout; 0: functions compile one by one as they get
    /// hot, as in `jsvm run`. With `--tier=auto` and no Jump-Start profile to consume.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub retranslate_all: u64,
    /// Stop a request after this many calls and loop iterations (a fatal error: status 500).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_steps: Option<u64>,
    /// The most live data a request's heap may hold (`128M`, `1G`, bytes), as PHP's
    /// `memory_limit`: past it, the fatal error "Allowed memory size of N bytes exhausted"
    /// (status 500) instead of the whole server running out; -1: no limit.
    #[arg(
        long,
        value_name = "SIZE",
        default_value = "512M",
        value_parser = parse_memory_limit,
        allow_hyphen_values = true
    )]
    pub memory_limit: usize,
    /// The largest request body accepted (`8M`, bytes); a larger one gets 413. The body is the
    /// entry point's fourth argument (PHP's `php://input`).
    #[arg(long, value_name = "SIZE", default_value = "8M", value_parser = parse_size)]
    pub max_body: usize,
    /// How long a request's body may stall (seconds with no byte of it arriving): then the
    /// request gets 408 and its connection is closed, so that a client that stops mid-body holds
    /// neither a connection nor a stopping server for ever.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub body_timeout: u64,
    /// Stop a request that runs longer than this many seconds, with PHP's fatal error "Maximum
    /// execution time of N seconds exceeded" (status 500), as HHVM's
    /// `Server.RequestTimeoutSeconds`; 0 (the default, as HHVM's): no limit.
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    pub request_timeout: u64,
    /// Stop after serving N requests (besides the status page), as on SIGINT or SIGTERM:
    /// requests already accepted are answered, then a seeder writes its profile.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_requests: Option<u64>,
    /// Requests that run at once, each on its own VM thread (HHVM's `Server.ThreadCount`);
    /// the default is one per CPU.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=256))]
    pub workers: Option<u64>,
    /// LLVM tier options.
    #[command(flatten)]
    pub jit: jit_cli::JitArgs,
    /// Jump-Start options.
    #[command(flatten)]
    pub jumpstart: jumpstart_cli::JumpstartArgs,
}

/// The entry point's arguments, as many as it has parameters: their types and what they are.
const ENTRY_ARGS: [(jsvm_ir::Type, &str); 4] = [
    (jsvm_ir::Type::STR, "the request path (a string)"),
    (
        jsvm_ir::Type::DICT,
        "the query parameters (a dict<string, string>)",
    ),
    (jsvm_ir::Type::STR, "the request method (a string)"),
    (jsvm_ir::Type::STR, "the request body (a string)"),
];

/// A request for the VM threads.
struct Job {
    path: String,
    query: Vec<(Vec<u8>, Vec<u8>)>,
    method: String,
    body: Bytes,
    reply: oneshot::Sender<Reply>,
}

/// What a VM thread answers.
struct Reply {
    status: StatusCode,
    body: Vec<u8>,
}

enum Msg {
    Request(Job),
    /// Finish what is queued, then stop.
    Stop,
}

/// What the status page shows: counts the VM threads keep, and the program's counters and
/// function table, read live (a batch that compiles in the background shows as it lands).
struct Status {
    prog: &'static Program,
    started: Instant,
    /// How the server warms up (fixed at start).
    warmup: String,
    /// Only the interpreter runs (`--tier=interp` without a Jump-Start batch).
    interp_only: bool,
    /// Every function was compiled before serving (`--tier=jit`).
    all_compiled: bool,
    /// Requests before the retranslate-all (or seeding) point, 0 for none.
    hold_until: u64,
    received: AtomicU64,
    served: AtomicU64,
    /// Requests answered with status 500.
    failed: AtomicU64,
    /// Still profiling before the retranslate-all (or seeding) point: nothing compiles yet.
    profiling: AtomicBool,
    /// Set when the VM threads stopped taking requests (`--max-requests`).
    stopped: AtomicBool,
    /// Set when the server stops (no new connections).
    stopping: AtomicBool,
    stop: Notify,
}

impl Status {
    /// Hot functions and how many of them have compiled code. A function is hot when a batch
    /// covers it (its counters are off until the batch is in) or when the `auto` tier found it
    /// hot. With `--tier=jit`, every function compiled counts.
    fn hot_compiled(&self) -> (u64, u64) {
        let prog = self.prog;
        let (mut hot, mut compiled) = (0u64, 0u64);
        for (i, c) in prog.counters.funcs.iter().enumerate() {
            let has_code = prog.table.get(i as u32).is_some();
            if self.all_compiled {
                hot += u64::from(has_code);
                compiled += u64::from(has_code);
                continue;
            }
            if c.enabled.load(Ordering::Relaxed) == 0 || c.hot_reported.load(Ordering::Relaxed) {
                hot += 1;
                compiled += u64::from(has_code);
            }
        }
        (hot, compiled)
    }

    /// The status page.
    fn page(&self) -> String {
        let served = self.served.load(Ordering::Acquire);
        let received = self.received.load(Ordering::Acquire);
        let (hot, compiled) = self.hot_compiled();
        let profiling = self.profiling.load(Ordering::Acquire);
        let phase = if self.stopped.load(Ordering::Acquire) || self.stopping.load(Ordering::Acquire)
        {
            "stopping".to_string()
        } else if self.interp_only {
            "interpreter only".to_string()
        } else if profiling {
            format!(
                "warming up (profiling: {served} of {} requests)",
                self.hold_until
            )
        } else if compiled < hot {
            "warming up (compiling)".to_string()
        } else {
            "warm".to_string()
        };
        let maturity = if profiling {
            0
        } else {
            maturity(hot, compiled)
        };
        format!(
            "jsvm serve: {phase}\nuptime: {:.3} s\nrequests: {served} served, {} failed, {} waiting or running\nwarm-up: {}\nmaturity: {maturity}% ({compiled} of {hot} hot functions compiled)\n",
            self.started.elapsed().as_secs_f64(),
            self.failed.load(Ordering::Acquire),
            received.saturating_sub(served),
            self.warmup,
        )
    }
}

/// The share of hot functions that have compiled code, in percent (100 when none is hot).
fn maturity(hot: u64, compiled: u64) -> u64 {
    (compiled * 100).checked_div(hot).unwrap_or(100)
}

/// `jsvm serve`.
pub fn serve(a: &ServeArgs) -> ExitCode {
    if let Err(e) = a.jumpstart.check(a.jit.tier) {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    let module = match driver::compile(&a.files) {
        Ok(m) => m,
        Err(e) => return crate::fail(e),
    };
    let Some(entry) = module.entry_point() else {
        eprintln!("jsvm: serve: no entry point: add <<__EntryPoint>> to a function");
        return ExitCode::from(1);
    };
    let params = module.func(entry).params.len();
    if params > ENTRY_ARGS.len() {
        eprintln!(
            "jsvm: serve: the entry point {} takes {params} parameters; it may take at most {} (the request path, its query parameters, method and body)",
            module.func(entry).name,
            ENTRY_ARGS.len()
        );
        return ExitCode::from(1);
    }
    // A parameter that cannot take its argument would fail every request.
    for (p, (ty, what)) in module.func(entry).params.iter().zip(ENTRY_ARGS) {
        if !jit_cli::param_takes(p, ty) {
            eprintln!(
                "jsvm: serve: parameter ${} of the entry point {} is declared {}, but it receives {what}",
                p.name,
                module.func(entry).name,
                p.hint.text
            );
            return ExitCode::from(1);
        }
    }
    let prog = match Program::load(module) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("Fatal error: {e}");
            return ExitCode::from(255);
        }
    };
    // The program lives as long as the server: request threads and compile threads share it.
    let prog: &'static Program = Box::leak(Box::new(prog));
    let jit_args = jit_cli::JitArgs {
        // The stop flag always (time-outs, a forced stop), the budget with `--max-steps`.
        poll: if a.max_steps.is_some() {
            jsvm_llvm::Poll::Budget
        } else {
            jsvm_llvm::Poll::Stop
        },
        ..a.jit.clone()
    };
    let jit = jit_cli::prepare(prog, &jit_args);
    let mut js = match jumpstart_cli::Session::start(
        &prog.module,
        &a.files,
        &a.jumpstart,
        jit_args.pipeline.pipeline(),
    ) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // `--jumpstart-wait`: the batch compiles before the server listens.
    let compiled = js.waits();
    if compiled {
        js.compile(prog, &jit_args, None, None);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jsvm: serve: cannot start the network runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(a.listen)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("jsvm: serve: cannot listen on {}: {e}", a.listen);
            return ExitCode::from(1);
        }
    };
    let addr = listener.local_addr().unwrap_or(a.listen);
    // The signal handlers are in place before the server says it listens: a signal from then
    // on stops it cleanly.
    let signals = match runtime.block_on(async { Signals::new() }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("jsvm: serve: cannot handle signals: {e}");
            return ExitCode::from(1);
        }
    };
    let auto = jit_args.tier == jit_cli::TierArg::Auto;
    let rta = if auto && js.profile.is_none() {
        a.retranslate_all
    } else {
        0
    };
    let warmup = if js.profile.is_some() {
        "Jump-Start (batch compiled at start-up)".to_string()
    } else if js.seeding {
        format!(
            "Jump-Start seeder (profile written after {} requests)",
            a.retranslate_all.max(1)
        )
    } else if rta > 0 {
        format!("retranslate-all after {rta} requests")
    } else {
        format!("{:?} tier", jit_args.tier).to_lowercase()
    };
    let hold_until = if rta > 0 {
        rta
    } else if js.seeding {
        a.retranslate_all.max(1)
    } else {
        0
    };
    let status = Arc::new(Status {
        prog,
        started: Instant::now(),
        warmup,
        interp_only: jit_args.tier == jit_cli::TierArg::Interp && js.profile.is_none(),
        all_compiled: jit_args.tier == jit_cli::TierArg::Jit,
        hold_until,
        received: AtomicU64::new(0),
        served: AtomicU64::new(0),
        failed: AtomicU64::new(0),
        profiling: AtomicBool::new(hold_until > 0),
        stopped: AtomicBool::new(false),
        stopping: AtomicBool::new(false),
        stop: Notify::new(),
    });
    let (tx, rx) = mpsc::channel::<Msg>(QUEUE);
    let watchdog = Arc::new(Watchdog::default());
    eprintln!("jsvm: serving http://{addr} (status: {STATUS_PATH})");
    let net = Network {
        tx,
        status: status.clone(),
        watchdog: watchdog.clone(),
        max_body: a.max_body,
        body_timeout: Duration::from_secs(a.body_timeout),
    };
    let network = std::thread::Builder::new()
        .name("jsvm-http".into())
        .spawn(move || runtime.block_on(net.run(listener, signals)));
    let network = match network {
        Ok(n) => n,
        Err(e) => {
            eprintln!("jsvm: serve: cannot start the network thread: {e}");
            return ExitCode::from(1);
        }
    };
    let timeout = (a.request_timeout > 0).then(|| Duration::from_secs(a.request_timeout));
    let watcher = timeout.map(|_| {
        let w = watchdog.clone();
        std::thread::spawn(move || w.watch())
    });
    let vm = Vm {
        prog,
        jit_args,
        params,
        max_steps: a.max_steps,
        max_requests: a.max_requests,
        memory_limit: a.memory_limit,
        timeout,
        workers: a
            .workers
            .map_or_else(jsvm_runtime::cpu::cores, |n| n as usize),
        watchdog: watchdog.clone(),
        status,
    };
    vm.run(js, compiled, rx);
    watchdog.quit();
    if let Some(w) = watcher {
        let _ = w.join();
    }
    let _ = network.join();
    drop(jit);
    ExitCode::SUCCESS
}

/// SIGINT and SIGTERM, as one stream.
struct Signals {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
}

impl Signals {
    /// Install the handlers (in the runtime's context).
    fn new() -> std::io::Result<Signals> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Signals {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }

    /// The next SIGINT or SIGTERM.
    async fn next(&mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }
}

/// The network thread's state.
struct Network {
    tx: mpsc::Sender<Msg>,
    status: Arc<Status>,
    watchdog: Arc<Watchdog>,
    max_body: usize,
    body_timeout: Duration,
}

impl Network {
    /// Accept connections until a signal or the VM threads stop, then let the accepted requests
    /// finish; a second signal stops the running one too.
    async fn run(self, listener: tokio::net::TcpListener, mut signals: Signals) {
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let me = Arc::new(self);
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let stream = match accepted {
                        Ok((s, _)) => s,
                        // Out of descriptors (or a connection reset before accept): retrying
                        // at once would spin; connections that end free some.
                        Err(_) => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    let _ = stream.set_nodelay(true);
                    let net = me.clone();
                    let service = hyper::service::service_fn(move |req| {
                        let net = net.clone();
                        async move { net.respond(req).await }
                    });
                    let conn = hyper::server::conn::http1::Builder::new()
                        .timer(hyper_util::rt::TokioTimer::new())
                        .header_read_timeout(HEADER_TIMEOUT)
                        // A client that half-closes after its request still gets the answer.
                        .half_close(true)
                        .serve_connection(TokioIo::new(stream), service);
                    tokio::spawn(graceful.watch(conn));
                }
                _ = signals.next() => break,
                _ = me.status.stop.notified() => break,
            }
        }
        drop(listener);
        me.status.stopping.store(true, Ordering::Release);
        let drained = graceful.shutdown();
        tokio::pin!(drained);
        tokio::select! {
            _ = &mut drained => {}
            _ = signals.next() => {
                // A second signal: the running request stops too, and what is queued gets 503.
                me.watchdog.force_stop();
                let _ = tokio::time::timeout(FORCED_DRAIN, &mut drained).await;
            }
        }
        let _ = me.tx.send(Msg::Stop).await;
    }

    /// One HTTP request: the status page here, anything else through the VM threads.
    async fn respond(
        &self,
        req: Request<Incoming>,
    ) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
        let (parts, body) = req.into_parts();
        if parts.method == hyper::Method::CONNECT {
            // (Closed, else the connection waits for a tunnel.)
            return Ok(closing(reply(
                StatusCode::METHOD_NOT_ALLOWED,
                TEXT,
                "jsvm: CONNECT is not served\n",
            )));
        }
        if parts.uri.path() == STATUS_PATH {
            return Ok(reply(StatusCode::OK, TEXT, self.status.page()));
        }
        if !parts.uri.path().starts_with('/') {
            // `GET sum HTTP/1.1` (hyper takes `sum` for an authority): no path to serve.
            return Ok(reply(
                StatusCode::BAD_REQUEST,
                TEXT,
                "jsvm: the request target is not a path\n",
            ));
        }
        // A body announced (Content-Length) over the limit is refused before it is read, and
        // before hyper sends `100 Continue` to a client that asked (`Expect: 100-continue`).
        if hyper::body::Body::size_hint(&body).lower() > self.max_body as u64 {
            // (Closed: the body stays unread.)
            return Ok(closing(too_large(self.max_body)));
        }
        // The whole body is read before the program runs (PHP's `php://input`), each part
        // within the body timeout of the one before.
        let mut limited = http_body_util::Limited::new(body, self.max_body);
        let mut bytes = Vec::new();
        loop {
            match tokio::time::timeout(self.body_timeout, limited.frame()).await {
                Ok(None) => break,
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        bytes.extend_from_slice(&data);
                    }
                }
                Ok(Some(Err(e))) if e.is::<http_body_util::LengthLimitError>() => {
                    return Ok(too_large(self.max_body))
                }
                Ok(Some(Err(_))) => {
                    return Ok(reply(
                        StatusCode::BAD_REQUEST,
                        TEXT,
                        "jsvm: the request body could not be read\n",
                    ))
                }
                Err(_) => {
                    return Ok(closing(reply(
                        StatusCode::REQUEST_TIMEOUT,
                        TEXT,
                        format!(
                            "jsvm: no part of the request body arrived for {} s\n",
                            self.body_timeout.as_secs()
                        ),
                    )))
                }
            }
        }
        let body = Bytes::from(bytes);
        let (reply_tx, reply_rx) = oneshot::channel();
        let job = Job {
            path: parts.uri.path().to_string(),
            query: query_pairs(parts.uri.query().unwrap_or("").as_bytes()),
            method: parts.method.to_string(),
            body,
            reply: reply_tx,
        };
        if self.status.stopped.load(Ordering::Acquire)
            || self.tx.try_send(Msg::Request(job)).is_err()
        {
            return Ok(unavailable());
        }
        self.status.received.fetch_add(1, Ordering::AcqRel);
        Ok(match reply_rx.await {
            Ok(r) => reply(r.status, "text/html; charset=UTF-8", r.body),
            Err(_) => unavailable(),
        })
    }
}

/// A size: bytes, or with a suffix `K`, `M` or `G` (powers of 1024), as PHP's ini sizes.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1usize << 10),
        Some((i, 'm' | 'M')) => (&t[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    num.parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{s}` is not a size like 512M, 1G or 65536"))
}

/// `--listen`: `ADDR:PORT`, or `HOST:PORT` resolved to its first address (`localhost:8080`).
fn parse_listen(s: &str) -> Result<SocketAddr, String> {
    if let Ok(a) = s.parse() {
        return Ok(a);
    }
    std::net::ToSocketAddrs::to_socket_addrs(s)
        .map_err(|e| {
            format!("`{s}` is not an address like 127.0.0.1:8080 or localhost:8080 ({e})")
        })?
        .next()
        .ok_or_else(|| format!("`{s}` resolves to no address"))
}

/// A memory limit: a size ([`parse_size`]), or `-1` for none, as PHP's `memory_limit = -1`.
pub fn parse_memory_limit(s: &str) -> Result<usize, String> {
    if s.trim() == "-1" {
        return Ok(usize::MAX);
    }
    parse_size(s).map_err(|e| format!("{e}, or -1 for no limit"))
}

/// The content type of the server's own answers.
const TEXT: &str = "text/plain; charset=UTF-8";

/// A query string's parameters as PHP's `parse_str` reads them: `&`-separated `name=value`
/// pairs, `+` a space, percent-escapes decoded to their bytes (an invalid one kept as is);
/// pairs with an empty name are dropped.
fn query_pairs(q: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let decode = |s: &[u8]| jsvm_runtime::builtins::url_decode(s, true);
    q.split(|&b| b == b'&')
        .filter_map(|pair| {
            let (k, v) = match pair.iter().position(|&b| b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &pair[pair.len()..]),
            };
            let k = decode(k);
            (!k.is_empty()).then(|| (k, decode(v)))
        })
        .collect()
}

/// 413 for a body over `--max-body`.
fn too_large(max_body: usize) -> Response<Full<Bytes>> {
    reply(
        StatusCode::PAYLOAD_TOO_LARGE,
        TEXT,
        format!("jsvm: the request body is over {max_body} bytes\n"),
    )
}

/// `r` with `Connection: close`: the connection ends after it.
fn closing(mut r: Response<Full<Bytes>>) -> Response<Full<Bytes>> {
    r.headers_mut().insert(
        hyper::header::CONNECTION,
        hyper::header::HeaderValue::from_static("close"),
    );
    r
}

fn reply(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    if let Ok(v) = hyper::header::HeaderValue::from_str(content_type) {
        r.headers_mut().insert(hyper::header::CONTENT_TYPE, v);
    }
    r
}

/// The answer when the queue is full or the server is stopping.
fn unavailable() -> Response<Full<Bytes>> {
    reply(
        StatusCode::SERVICE_UNAVAILABLE,
        TEXT,
        "jsvm: the server is busy or stopping\n",
    )
}

/// Why a request was stopped from outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stopped {
    /// `--request-timeout`.
    TimedOut,
    /// A second signal while the server was stopping.
    Forced,
}

/// The running request: its stop flag and when its time is up.
struct Running {
    stop: *const AtomicBool,
    deadline: Option<Instant>,
    stopped: Option<Stopped>,
}

// SAFETY: `stop` points into the running request's `Ctx`, which outlives the registration:
// the VM thread takes the registration back (under the lock) before the context goes away, and
// stores through it are made only under that lock.
unsafe impl Send for Running {}

impl Running {
    fn stop(&mut self, why: Stopped) {
        self.stopped = Some(why);
        // SAFETY: see `Running`; the caller holds the lock and the request is registered.
        unsafe { (*self.stop).store(true, Ordering::Relaxed) };
    }
}

#[derive(Default)]
struct Watch {
    /// The running request of each VM thread (by its number).
    running: std::collections::HashMap<usize, Running>,
    /// A second signal came: every request stops at once.
    forced: bool,
    /// The server is done: the watchdog thread ends.
    quit: bool,
}

/// Stops requests from outside the VM threads by setting their `Ctx::stop` (both tiers poll it
/// at calls and loop headers): a request whose `--request-timeout` is up (the watchdog thread),
/// or any, when a second signal forces the server to stop.
#[derive(Default)]
struct Watchdog {
    state: std::sync::Mutex<Watch>,
    wake: std::sync::Condvar,
}

impl Watchdog {
    fn lock(&self) -> std::sync::MutexGuard<'_, Watch> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Watch the request of VM thread `worker`, whose stop flag is `stop`, until
    /// [`Watchdog::end`].
    fn start(&self, worker: usize, stop: &AtomicBool, timeout: Option<Duration>) {
        let mut g = self.lock();
        let mut r = Running {
            stop,
            // A timeout past what `Instant` can hold is no limit.
            deadline: timeout.and_then(|t| Instant::now().checked_add(t)),
            stopped: None,
        };
        if g.forced {
            r.stop(Stopped::Forced);
        }
        g.running.insert(worker, r);
        drop(g);
        self.wake.notify_one();
    }

    /// Stop watching VM thread `worker`'s request; whether (and why) it was stopped.
    fn end(&self, worker: usize) -> Option<Stopped> {
        self.lock().running.remove(&worker).and_then(|r| r.stopped)
    }

    /// A second signal: stop the running requests and every later one.
    fn force_stop(&self) {
        let mut g = self.lock();
        g.forced = true;
        for r in g.running.values_mut() {
            r.stop(Stopped::Forced);
        }
    }

    fn forced(&self) -> bool {
        self.lock().forced
    }

    fn quit(&self) {
        self.lock().quit = true;
        self.wake.notify_one();
    }

    /// The watchdog thread of `--request-timeout`.
    fn watch(&self) {
        let mut g = self.lock();
        while !g.quit {
            // Stop the requests whose time is up; sleep until the next deadline.
            let now = Instant::now();
            let mut wait: Option<Duration> = None;
            for r in g.running.values_mut() {
                match r.deadline {
                    Some(d) if r.stopped.is_none() && now >= d => r.stop(Stopped::TimedOut),
                    Some(d) if r.stopped.is_none() => {
                        let left = d.saturating_duration_since(now);
                        wait = Some(wait.map_or(left, |w| w.min(left)));
                    }
                    _ => {}
                }
            }
            g = match wait {
                None => self.wake.wait(g).unwrap_or_else(|e| e.into_inner()),
                Some(d) => {
                    self.wake
                        .wait_timeout(g, d)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
            };
        }
    }
}

/// The VM threads' shared state.
struct Vm {
    prog: &'static Program,
    jit_args: jit_cli::JitArgs,
    /// Parameters of the entry point (0, 1 or 2).
    params: usize,
    max_steps: Option<u64>,
    max_requests: Option<u64>,
    memory_limit: usize,
    /// `--request-timeout`.
    timeout: Option<Duration>,
    /// `--workers`: VM threads.
    workers: usize,
    watchdog: Arc<Watchdog>,
    status: Arc<Status>,
}

/// What the VM threads share while they serve.
struct Serving {
    rx: std::sync::Mutex<mpsc::Receiver<Msg>>,
    /// The seeder, until it has written its profile.
    seeder: std::sync::Mutex<Option<jumpstart_cli::Session>>,
    /// Requests taken from the queue to run (`--max-requests` counts these).
    taken: AtomicU64,
    /// Queued requests get 503 (`--max-requests` reached, or a second signal).
    refusing: AtomicBool,
    /// Profile counters are on (the `auto` tier, a seeder).
    profile: bool,
    /// Set once the VM threads have stopped: a batch still compiling in the background
    /// (a consumer's, retranslate-all's) stops before its next function.
    cancel: AtomicBool,
}

impl Vm {
    /// Serve requests from `rx` on `--workers` VM threads until told to stop.
    /// `compiled`: a consumer's batch is in already (`--jumpstart-wait`).
    fn run(&self, js: jumpstart_cli::Session, compiled: bool, rx: mpsc::Receiver<Msg>) {
        let prog = self.prog;
        let args = &self.jit_args;
        let auto = args.tier == jit_cli::TierArg::Auto;
        let (seeder, consumer) = if js.seeding {
            (Some(js), None)
        } else {
            (None, Some(js))
        };
        let shared = Serving {
            rx: std::sync::Mutex::new(rx),
            seeder: std::sync::Mutex::new(seeder),
            taken: AtomicU64::new(0),
            refusing: AtomicBool::new(false),
            // Profile counters run for the `auto` tier and for a seeder (whatever the tier).
            profile: auto || consumer.is_none(),
            cancel: AtomicBool::new(false),
        };
        let mut stats = jit_cli::AutoStats::default();
        jit_cli::with_auto(prog, args, &mut stats, || {
            std::thread::scope(|sc| {
                // A consumer's batch compiles now (in the background unless told to wait).
                // (The session keeps the compiled code alive: it lives as long as the server.)
                if let Some(js) = consumer {
                    let js: &'static mut jumpstart_cli::Session = Box::leak(Box::new(js));
                    if !compiled {
                        js.compile(prog, args, Some(sc), Some(&shared.cancel));
                    }
                }
                // Profiling only, no tier-up, until the retranslate-all point (or the seeder's).
                if self.status.hold_until > 0 {
                    prog.hot_calls.store(u64::MAX, Ordering::Relaxed);
                    prog.osr_threshold.store(0, Ordering::Relaxed);
                }
                let shared = &shared;
                let mut threads = Vec::new();
                for w in 0..self.workers {
                    // Nested native calls (initializers, callbacks, memoized calls) use native
                    // stack: each VM thread has the CLI interpreter's.
                    let t = std::thread::Builder::new()
                        .name(format!("jsvm-vm-{w}"))
                        .stack_size(jsvm_frontend::BIG_STACK)
                        .spawn_scoped(sc, move || self.serve_requests(w, shared, sc));
                    match t {
                        Ok(t) => threads.push(t),
                        Err(e) => eprintln!("jsvm: serve: cannot start VM thread {w}: {e}"),
                    }
                }
                if threads.is_empty() {
                    self.serve_requests(0, shared, sc);
                }
                let ended: Vec<_> = threads.into_iter().map(|t| t.join()).collect();
                shared.cancel.store(true, Ordering::Release);
                for e in ended {
                    if let Err(p) = e {
                        std::panic::resume_unwind(p);
                    }
                }
            });
        });
        // A seeder that stopped before its retranslate-all point writes what it has.
        let mut seeder = shared.seeder.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = seeder.as_mut() {
            s.publish_now(prog, args);
        }
    }

    /// One VM thread (number `worker`): takes requests from the queue until it closes.
    fn serve_requests<'scope>(
        &'scope self,
        worker: usize,
        shared: &'scope Serving,
        sc: &'scope std::thread::Scope<'scope, '_>,
    ) {
        let prog = self.prog;
        let args = &self.jit_args;
        let hold_until = self.status.hold_until;
        let close = || shared.rx.lock().unwrap_or_else(|e| e.into_inner()).close();
        loop {
            // One thread waits on the queue at a time; the others wait for the lock.
            let msg = shared
                .rx
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .blocking_recv();
            let job = match msg {
                Some(Msg::Request(job)) => job,
                // Stopping: no more requests come in; those queued are still served.
                Some(Msg::Stop) => {
                    close();
                    continue;
                }
                None => break,
            };
            if self.watchdog.forced() {
                shared.refusing.store(true, Ordering::Release);
            }
            // The client went away while the request waited: nobody reads the answer.
            if job.reply.is_closed() {
                continue;
            }
            // Past `--max-requests` (or after a second signal) queued requests get 503.
            let ticket = shared.taken.fetch_add(1, Ordering::AcqRel) + 1;
            let over = self.max_requests.is_some_and(|m| ticket > m);
            if over || shared.refusing.load(Ordering::Acquire) {
                let _ = job.reply.send(Reply {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    body: b"jsvm: the server is stopping\n".to_vec(),
                });
                continue;
            }
            let r = self.handle(worker, &job, shared.profile);
            if r.status == StatusCode::INTERNAL_SERVER_ERROR {
                self.status.failed.fetch_add(1, Ordering::AcqRel);
            }
            let served = self.status.served.fetch_add(1, Ordering::AcqRel) + 1;
            let _ = job.reply.send(r);
            if hold_until > 0 && served == hold_until {
                // The retranslate-all point: the live profile so far.
                let snapshot = prog.profile();
                prog.hot_calls
                    .store(args.hot_calls.max(1), Ordering::Relaxed);
                prog.osr_threshold
                    .store(args.osr_threshold, Ordering::Relaxed);
                let mut seeder = shared.seeder.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(s) = seeder.as_mut() {
                    s.publish_now(prog, args);
                }
                drop(seeder);
                if args.tier == jit_cli::TierArg::Auto {
                    let batch =
                        jumpstart_cli::Session::retranslate_all(snapshot, args.pipeline.pipeline());
                    let batch: &'static mut jumpstart_cli::Session = Box::leak(Box::new(batch));
                    batch.compile(prog, args, Some(sc), Some(&shared.cancel));
                }
                // (After the batch took its functions' counters: the status page never sees
                // the moment between with nothing hot.)
                self.status.profiling.store(false, Ordering::Release);
            }
            if Some(ticket) == self.max_requests {
                // No more: requests queued meanwhile get 503.
                self.status.stopped.store(true, Ordering::Release);
                self.status.stop.notify_one();
                shared.refusing.store(true, Ordering::Release);
                close();
            }
        }
    }

    /// Run the entry point for `job` in a fresh request heap and context.
    fn handle(&self, worker: usize, job: &Job, profile: bool) -> Reply {
        let heap = jsvm_runtime::heap::enter_request();
        heap.set_limit(self.memory_limit);
        let mut ctx = Ctx::new();
        if let Some(n) = self.max_steps {
            ctx.budget = n.max(1);
        }
        let mut args = Vec::new();
        if self.params >= 1 {
            args.push(TypedValue::new_str(job.path.as_bytes()));
        }
        if self.params >= 2 {
            let pairs = job
                .query
                .iter()
                .map(|(k, v)| (TypedValue::new_str(k), TypedValue::new_str(v)))
                .collect();
            match jsvm_runtime::array::new_dict(pairs) {
                Ok(d) => args.push(d),
                Err(e) => {
                    return Reply {
                        status: StatusCode::BAD_REQUEST,
                        body: format!("{e}\n").into_bytes(),
                    }
                }
            }
        }
        if self.params >= 3 {
            args.push(TypedValue::new_str(job.method.as_bytes()));
        }
        if self.params >= 4 {
            args.push(TypedValue::new_str(&job.body));
        }
        let prog = self.prog;
        self.watchdog.start(worker, &ctx.stop, self.timeout);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            jit_cli::call_entry(prog, &mut ctx, profile, args)
        }))
        .unwrap_or_else(|p| Err(RuntimeError::fatal(crate::panic_message(p.as_ref()))));
        let r = match (self.watchdog.end(worker), r) {
            (Some(Stopped::TimedOut), Err(_)) => {
                let t = self.timeout.map_or(0, |t| t.as_secs());
                Err(RuntimeError::fatal(format!(
                    "Maximum execution time of {t} second{} exceeded",
                    if t == 1 { "" } else { "s" }
                )))
            }
            (Some(Stopped::Forced), Err(_)) => {
                Err(RuntimeError::fatal("the server is stopping".to_string()))
            }
            (_, r) => r,
        };
        let mut body = ctx.take_output();
        let status = match &r {
            Ok(_) | Err(RuntimeError::Exit(_)) => StatusCode::OK,
            Err(e) => {
                // The error line starts a line of its own, as PHP displays it.
                if body.last().is_some_and(|&b| b != b'\n') {
                    body.push(b'\n');
                }
                body.extend_from_slice(jsvm_runtime::interp::uncaught_message(e).as_bytes());
                body.push(b'\n');
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        // The result and the context may hold values of the request heap: they go first.
        drop(r);
        drop(ctx);
        drop(heap);
        Reply { status, body }
    }
}

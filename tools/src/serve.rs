//! `jsvm serve`: an HTTP/1.1 server (hyper on a tokio runtime) that runs the program's entry point
//! once per request, warms up with HHVM's retranslate-all or a Jump-Start profile, and reports
//! its warm-up on a status page.
//!
//! One VM thread runs the requests, one at a time, each in a fresh request heap and context
//! (statics, memoize caches and output are per request); the network thread parses HTTP, queues
//! requests for the VM thread and writes the responses. The entry point gets the request as up to
//! two arguments: the path (`/users/42`, without the query) and the query's parameters as a
//! `dict<string, string>` (the last of repeated names wins, as in PHP's `$_GET`). What it prints
//! is the response body; an uncaught exception or a fatal error answers 500 with the output so far
//! and the error line. `GET /__jsvm/status` answers from the network thread, even while the VM
//! thread is busy.
//!
//! Warm-up (DESIGN.md, "Profiling and tiers"): without a profile the default is retranslate-all —
//! the first `--retranslate-all` requests run in the profiling interpreter, then every hot
//! function compiles in one batch in the background with the profile-guided layout, as a
//! Jump-Start consumer's batch, and functions that get hot later tier up one by one. A consumer
//! (`--jumpstart-mode=consume`) compiles its batch at start-up instead; a seeder profiles the
//! first requests and writes its profile at the retranslate-all point (or at exit, if it stops
//! sooner).

use crate::{driver, jit_cli, jumpstart_cli};
use http_body_util::Full;
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

/// Requests queued for the VM thread beyond which the server answers 503 at once.
const QUEUE: usize = 1024;

/// How long a stopping server waits for the requests it has accepted.
const DRAIN: Duration = Duration::from_secs(10);

/// The options of `jsvm serve`.
#[derive(clap::Args, Clone, Debug)]
pub struct ServeArgs {
    /// Source files or folders (all files form one program).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Address and port to listen on (port 0: any free port; the address is printed on stderr).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Retranslate-all (HHVM's `Eval.JitRetranslateAllRequest`): the first N requests run in
    /// the profiling interpreter, then every hot function compiles in one batch in the
    /// background, with the profile-guided layout; 0: functions compile one by one as they get
    /// hot, as in `jsvm run`. With `--tier=auto` and no Jump-Start profile to consume.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub retranslate_all: u64,
    /// Stop a request after this many calls and loop iterations (a fatal error: status 500).
    #[arg(long, value_name = "N")]
    pub max_steps: Option<u64>,
    /// Stop a request that runs longer than this many seconds, with PHP's fatal error "Maximum
    /// execution time of N seconds exceeded" (status 500), as HHVM's
    /// `Server.RequestTimeoutSeconds`; 0 (the default, as HHVM's): no limit. Compiled code then
    /// polls at function entries and loop headers.
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    pub request_timeout: u64,
    /// Stop after serving N requests (besides the status page), as on SIGINT or SIGTERM:
    /// requests already accepted are answered, then a seeder writes its profile.
    #[arg(long, value_name = "N")]
    pub max_requests: Option<u64>,
    /// LLVM tier options.
    #[command(flatten)]
    pub jit: jit_cli::JitArgs,
    /// Jump-Start options.
    #[command(flatten)]
    pub jumpstart: jumpstart_cli::JumpstartArgs,
}

/// A request for the VM thread.
struct Job {
    path: String,
    query: Vec<(String, String)>,
    reply: oneshot::Sender<Reply>,
}

/// What the VM thread answers.
struct Reply {
    status: StatusCode,
    body: Vec<u8>,
}

enum Msg {
    Request(Job),
    /// Finish what is queued, then stop.
    Stop,
}

/// What the status page shows: counts the VM thread keeps, and the program's counters and
/// function table, read live (a batch that compiles in the background shows as it lands).
struct Status {
    prog: &'static Program,
    started: Instant,
    /// How the server warms up (fixed at start).
    warmup: String,
    /// Only the interpreter runs (`--tier=interp`).
    interp_only: bool,
    /// Requests before the retranslate-all (or seeding) point, 0 for none.
    hold_until: u64,
    received: AtomicU64,
    served: AtomicU64,
    /// Requests answered with status 500.
    failed: AtomicU64,
    /// Still profiling before the retranslate-all (or seeding) point: nothing compiles yet.
    profiling: AtomicBool,
    /// Set when the VM thread stopped taking requests (`--max-requests`).
    stopped: AtomicBool,
    stop: Notify,
}

impl Status {
    /// Hot functions and how many of them have compiled code. A function is hot when a batch
    /// covers it (its counters are off until the batch is in) or when the `auto` tier found it
    /// hot.
    fn hot_compiled(&self) -> (u64, u64) {
        let prog = self.prog;
        let (mut hot, mut compiled) = (0u64, 0u64);
        for (i, c) in prog.counters.funcs.iter().enumerate() {
            if c.enabled.load(Ordering::Relaxed) == 0 || c.hot_reported.load(Ordering::Relaxed) {
                hot += 1;
                compiled += u64::from(prog.table.get(i as u32).is_some());
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
        let phase = if self.stopped.load(Ordering::Acquire) {
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
    let module = match driver::compile(&a.files) {
        Ok(m) => m,
        Err(e) => return crate::fail(e),
    };
    let Some(entry) = module.entry_point() else {
        eprintln!("jsvm: serve: no entry point: add <<__EntryPoint>> to a function");
        return ExitCode::from(1);
    };
    let params = module.func(entry).params.len();
    if params > 2 {
        eprintln!(
            "jsvm: serve: the entry point {} takes {params} parameters; it may take at most 2 (the request path and its query parameters)",
            module.func(entry).name
        );
        return ExitCode::from(1);
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
        poll_budget: a.max_steps.is_some() || a.request_timeout > 0,
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
        js.compile(prog, &jit_args, None);
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
        interp_only: jit_args.tier == jit_cli::TierArg::Interp,
        hold_until,
        received: AtomicU64::new(0),
        served: AtomicU64::new(0),
        failed: AtomicU64::new(0),
        profiling: AtomicBool::new(hold_until > 0),
        stopped: AtomicBool::new(false),
        stop: Notify::new(),
    });
    let (tx, rx) = mpsc::channel::<Msg>(QUEUE);
    eprintln!("jsvm: serving http://{addr} (status: {STATUS_PATH})");
    let net_status = status.clone();
    let network = std::thread::Builder::new()
        .name("jsvm-http".into())
        .spawn(move || runtime.block_on(network(listener, tx, net_status)));
    let network = match network {
        Ok(n) => n,
        Err(e) => {
            eprintln!("jsvm: serve: cannot start the network thread: {e}");
            return ExitCode::from(1);
        }
    };
    let watchdog = Arc::new(Watchdog::default());
    let timeout = Duration::from_secs(a.request_timeout);
    let watcher = (a.request_timeout > 0).then(|| {
        let w = watchdog.clone();
        std::thread::spawn(move || w.watch())
    });
    let vm = Vm {
        prog,
        jit_args,
        params,
        max_steps: a.max_steps,
        max_requests: a.max_requests,
        timeout: watcher.as_ref().map(|_| (timeout, watchdog.clone())),
        status,
    };
    vm.run(js, compiled, rx);
    watchdog.stop();
    if let Some(w) = watcher {
        let _ = w.join();
    }
    let _ = network.join();
    drop(jit);
    ExitCode::SUCCESS
}

/// The network thread: accept connections until a signal or the VM thread stops, then let the
/// accepted requests finish.
async fn network(listener: tokio::net::TcpListener, tx: mpsc::Sender<Msg>, status: Arc<Status>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    loop {
        let sigterm = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((s, _)) => s,
                    // (Out of descriptors, a connection reset before accept: keep serving.)
                    Err(_) => continue,
                };
                let _ = stream.set_nodelay(true);
                let tx = tx.clone();
                let status = status.clone();
                let service = hyper::service::service_fn(move |req| {
                    respond(req, tx.clone(), status.clone())
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                tokio::spawn(graceful.watch(conn));
            }
            _ = tokio::signal::ctrl_c() => break,
            _ = sigterm => break,
            _ = status.stop.notified() => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
    let _ = tx.send(Msg::Stop).await;
}

/// One HTTP request: the status page here, anything else through the VM thread.
async fn respond(
    req: Request<Incoming>,
    tx: mpsc::Sender<Msg>,
    status: Arc<Status>,
) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let uri = req.uri();
    if uri.path() == STATUS_PATH {
        return Ok(reply(
            StatusCode::OK,
            "text/plain; charset=UTF-8",
            status.page(),
        ));
    }
    let query = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let (reply_tx, reply_rx) = oneshot::channel();
    let job = Job {
        path: uri.path().to_string(),
        query,
        reply: reply_tx,
    };
    if status.stopped.load(Ordering::Acquire) || tx.try_send(Msg::Request(job)).is_err() {
        return Ok(unavailable());
    }
    status.received.fetch_add(1, Ordering::AcqRel);
    Ok(match reply_rx.await {
        Ok(r) => reply(r.status, "text/html; charset=UTF-8", r.body),
        Err(_) => unavailable(),
    })
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
        "text/plain; charset=UTF-8",
        "jsvm: the server is busy or stopping\n",
    )
}

/// The request the watchdog watches: its stop flag and when its time is up.
struct Running {
    stop: *const AtomicBool,
    deadline: Instant,
    /// The watchdog ended it.
    fired: bool,
}

// SAFETY: `stop` points into the running request's `Ctx`, which outlives the registration:
// the VM thread takes the registration back (under the lock) before the context goes away, and
// the watchdog only stores through it under that lock.
unsafe impl Send for Running {}

/// `--request-timeout`: a thread that ends a request whose time is up by setting its
/// `Ctx::stop` (both tiers poll it with the step budget, at calls and loop headers).
#[derive(Default)]
struct Watchdog {
    running: std::sync::Mutex<(Option<Running>, bool)>,
    wake: std::sync::Condvar,
}

impl Watchdog {
    fn lock(&self) -> std::sync::MutexGuard<'_, (Option<Running>, bool)> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Watch the request whose stop flag is `stop` until [`Watchdog::end`].
    fn start(&self, stop: &AtomicBool, timeout: Duration) {
        self.lock().0 = Some(Running {
            stop,
            deadline: Instant::now() + timeout,
            fired: false,
        });
        self.wake.notify_one();
    }

    /// Stop watching; whether the time ran out.
    fn end(&self) -> bool {
        self.lock().0.take().is_some_and(|r| r.fired)
    }

    fn stop(&self) {
        self.lock().1 = true;
        self.wake.notify_one();
    }

    /// The watchdog thread.
    fn watch(&self) {
        let mut g = self.lock();
        while !g.1 {
            let wait = match g.0.as_mut() {
                None => None,
                Some(r) => {
                    let now = Instant::now();
                    if r.fired {
                        None
                    } else if now >= r.deadline {
                        r.fired = true;
                        // SAFETY: see `Running`; the request is still registered, so its
                        // context is alive.
                        unsafe { (*r.stop).store(true, Ordering::Relaxed) };
                        None
                    } else {
                        Some(r.deadline - now)
                    }
                }
            };
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

/// The VM thread's state.
struct Vm {
    prog: &'static Program,
    jit_args: jit_cli::JitArgs,
    /// Parameters of the entry point (0, 1 or 2).
    params: usize,
    max_steps: Option<u64>,
    max_requests: Option<u64>,
    /// `--request-timeout` and its watchdog.
    timeout: Option<(Duration, Arc<Watchdog>)>,
    status: Arc<Status>,
}

impl Vm {
    /// Serve requests from `rx` until told to stop.
    /// `compiled`: a consumer's batch is in already (`--jumpstart-wait`).
    fn run(&self, js: jumpstart_cli::Session, compiled: bool, mut rx: mpsc::Receiver<Msg>) {
        let prog = self.prog;
        let args = &self.jit_args;
        let auto = args.tier == jit_cli::TierArg::Auto;
        // Profile counters run for the `auto` tier and for a seeder (whatever the tier).
        let profile = auto || js.seeding;
        let (mut seeder, consumer) = if js.seeding {
            (Some(js), None)
        } else {
            (None, Some(js))
        };
        let mut stats = jit_cli::AutoStats::default();
        jit_cli::with_auto(prog, args, &mut stats, || {
            std::thread::scope(|sc| {
                // A consumer's batch compiles now (in the background unless told to wait).
                // (The session keeps the compiled code alive: it lives as long as the server.)
                if let Some(js) = consumer {
                    let js: &'static mut jumpstart_cli::Session = Box::leak(Box::new(js));
                    if !compiled {
                        js.compile(prog, args, Some(sc));
                    }
                }
                // Profiling only, no tier-up, until the retranslate-all point (or the seeder's).
                let hold_until = self.status.hold_until;
                if hold_until > 0 {
                    prog.hot_calls.store(u64::MAX, Ordering::Relaxed);
                    prog.osr_threshold.store(0, Ordering::Relaxed);
                }
                let mut served = 0u64;
                let mut stopping = false;
                loop {
                    let msg = if stopping {
                        match rx.try_recv() {
                            Ok(m) => m,
                            Err(_) => break,
                        }
                    } else {
                        match rx.blocking_recv() {
                            Some(m) => m,
                            None => break,
                        }
                    };
                    let job = match msg {
                        Msg::Request(job) => job,
                        Msg::Stop => {
                            rx.close();
                            stopping = true;
                            continue;
                        }
                    };
                    let r = self.handle(&job, profile);
                    if r.status == StatusCode::INTERNAL_SERVER_ERROR {
                        self.status.failed.fetch_add(1, Ordering::AcqRel);
                    }
                    served += 1;
                    self.status.served.store(served, Ordering::Release);
                    let _ = job.reply.send(r);
                    if hold_until > 0 && served == hold_until {
                        // The retranslate-all point: the live profile so far.
                        let snapshot = prog.profile();
                        prog.hot_calls
                            .store(args.hot_calls.max(1), Ordering::Relaxed);
                        prog.osr_threshold
                            .store(args.osr_threshold, Ordering::Relaxed);
                        if let Some(s) = seeder.as_mut() {
                            s.publish_now(prog, args);
                        }
                        self.status.profiling.store(false, Ordering::Release);
                        if auto {
                            let batch = jumpstart_cli::Session::retranslate_all(
                                snapshot,
                                args.pipeline.pipeline(),
                            );
                            let batch: &'static mut jumpstart_cli::Session =
                                Box::leak(Box::new(batch));
                            batch.compile(prog, args, Some(sc));
                        }
                    }
                    if Some(served) == self.max_requests && !stopping {
                        // No more: requests queued meanwhile get 503.
                        self.status.stopped.store(true, Ordering::Release);
                        self.status.stop.notify_one();
                        rx.close();
                        stopping = true;
                    }
                }
            });
        });
        // A seeder that stopped before its retranslate-all point writes what it has.
        if let Some(s) = seeder.as_mut() {
            s.publish_now(prog, args);
        }
    }

    /// Run the entry point for `job` in a fresh request heap and context.
    fn handle(&self, job: &Job, profile: bool) -> Reply {
        let heap = jsvm_runtime::heap::enter_request();
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
                .map(|(k, v)| {
                    (
                        TypedValue::new_str(k.as_bytes()),
                        TypedValue::new_str(v.as_bytes()),
                    )
                })
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
        let prog = self.prog;
        if let Some((t, w)) = &self.timeout {
            w.start(&ctx.stop, *t);
        }
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            jit_cli::call_entry(prog, &mut ctx, profile, args)
        }))
        .unwrap_or_else(|p| Err(RuntimeError::fatal(crate::panic_message(p.as_ref()))));
        let r = match &self.timeout {
            Some((t, w)) if w.end() && r.is_err() => Err(RuntimeError::fatal(format!(
                "Maximum execution time of {} second{} exceeded",
                t.as_secs(),
                if t.as_secs() == 1 { "" } else { "s" }
            ))),
            _ => r,
        };
        let mut body = ctx.take_output();
        let status = match &r {
            Ok(_) | Err(RuntimeError::Exit(_)) => StatusCode::OK,
            Err(e) => {
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

//! `jsvm-bench`: times jsvm against PHP 8.2 (interpreter and tracing JIT) and C on shared/bench.
//!
//! For every `NAME.hack` in the bench folder (default `<workspace>/../shared/bench`)
//! it compiles `NAME.c` with `gcc -O2` into a temporary folder, then runs C, `php -n`
//! (interpreter), PHP with opcache's tracing JIT (flags as in `measure_peers.sh`) and
//! `jsvm run NAME.hack`, `--runs` times each (interleaved), checks that every output
//! equals `NAME.out`, and takes the median wall time (process start-up included).
//! An engine that fails (non-zero exit, wrong output, time-out) on a program is not
//! run again on it; jsvm failures are listed as "skipped" in the report.
//! The report (Markdown) goes to stdout and to `BENCHMARKS.md` in the workspace root.
//!
//! `--quick` is a sanity run: one run, C and jsvm only, 60 s time-out, and no
//! `BENCHMARKS.md` unless `--output` is given.

use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::Parser;

/// PHP interpreter peer (as `measure_peers.sh`).
const PHP_INTERP: &[&str] = &["-n", "-d", "opcache.enable_cli=0"];
/// PHP tracing-JIT peer (as `measure_peers.sh`; `file_update_protection=0` or
/// opcache silently skips recently modified scripts).
const PHP_JIT: &[&str] = &[
    "-n",
    "-d",
    "zend_extension=opcache",
    "-d",
    "opcache.enable_cli=1",
    "-d",
    "opcache.jit=tracing",
    "-d",
    "opcache.jit_buffer_size=64M",
    "-d",
    "opcache.file_update_protection=0",
];

#[derive(Parser, Debug)]
#[command(
    name = "jsvm-bench",
    about = "Benchmark jsvm against PHP (interp, JIT) and C"
)]
struct Args {
    /// Folder with NAME.hack, NAME.php, NAME.c and NAME.out.
    #[arg(long)]
    bench_dir: Option<PathBuf>,
    /// Timed runs per engine and program (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Only these programs (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Sanity run: 1 run, C and jsvm only, 60 s time-out, no BENCHMARKS.md unless --output.
    #[arg(long)]
    quick: bool,
    /// Time-out per run in seconds (the run is killed and counted as failed).
    #[arg(long)]
    timeout: Option<f64>,
    /// The jsvm binary (default: `jsvm` next to this executable).
    #[arg(long)]
    jsvm: Option<PathBuf>,
    /// The php binary.
    #[arg(long, default_value = "php")]
    php: String,
    /// Do not run the PHP peers.
    #[arg(long)]
    no_php: bool,
    /// Do not run the C peer.
    #[arg(long)]
    no_c: bool,
    /// Where to write the report (default: BENCHMARKS.md in the workspace root).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Sections after the main table (comma-separated): memory, profiling, pipeline, startup,
    /// warmup, serve (the server's warm-up), layout (default: all; `--quick` runs none).
    #[arg(long, value_delimiter = ',', value_parser = ["memory", "profiling", "pipeline", "startup", "warmup", "serve", "layout"])]
    sections: Vec<String>,
}

/// The engines, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Jsvm,
    /// `jsvm run --tier=jit`: every function compiled by LLVM before running.
    JsvmJit,
    /// `jsvm run --tier=auto` (the default): profiled in the interpreter, hot code compiled.
    JsvmAuto,
    PhpInterp,
    PhpJit,
    C,
}

impl Engine {
    const ALL: [Engine; 6] = [
        Engine::Jsvm,
        Engine::JsvmJit,
        Engine::JsvmAuto,
        Engine::PhpInterp,
        Engine::PhpJit,
        Engine::C,
    ];

    fn label(self) -> &'static str {
        match self {
            Engine::Jsvm => "jsvm",
            Engine::JsvmJit => "jsvm-jit",
            Engine::JsvmAuto => "jsvm-auto",
            Engine::PhpInterp => "PHP interp",
            Engine::PhpJit => "PHP JIT",
            Engine::C => "C -O2",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The label in a ratio column's heading.
    fn short_label(self) -> &'static str {
        match self {
            Engine::C => "C",
            e => e.label(),
        }
    }

    fn is_jsvm(self) -> bool {
        matches!(self, Engine::Jsvm | Engine::JsvmJit | Engine::JsvmAuto)
    }
}

/// The ratio columns of the results table: each jsvm engine against the peers it is compared
/// with.
const RATIOS: [(Engine, Engine); 7] = [
    (Engine::Jsvm, Engine::PhpInterp),
    (Engine::Jsvm, Engine::PhpJit),
    (Engine::Jsvm, Engine::C),
    (Engine::JsvmJit, Engine::PhpJit),
    (Engine::JsvmJit, Engine::C),
    (Engine::JsvmAuto, Engine::PhpJit),
    (Engine::JsvmAuto, Engine::C),
];

/// What happened to one engine on one program.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Wall times of the successful runs.
    Timed(Vec<f64>),
    /// Not run (peer missing, no C version, ...).
    NotRun(String),
    /// Failed: why.
    Failed(String),
}

impl Outcome {
    fn median(&self) -> Option<f64> {
        match self {
            Outcome::Timed(v) => median(v),
            _ => None,
        }
    }
}

/// Results of one program: one outcome per engine, indexed by `Engine::index`.
#[derive(Debug, Clone)]
struct ProgramResult {
    name: String,
    outcomes: [Outcome; 6],
}

/// Median of `v` (mean of the middle two for an even count); `None` if empty.
fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    Some(if s.len() % 2 == 1 {
        s[m]
    } else {
        (s[m - 1] + s[m]) / 2.0
    })
}

/// `a / b` formatted with two decimals, or `—` if either is missing or b is 0.
fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "—".to_string(),
    }
}

/// A table cell: the median, `—` when not run, `skipped` when jsvm failed
/// (listed below the table) and `FAIL` when a peer failed.
fn fmt_secs(e: Engine, o: &Outcome) -> String {
    match o {
        Outcome::Timed(_) => format!("{:.3}", o.median().unwrap_or(f64::NAN)),
        Outcome::NotRun(_) => "—".to_string(),
        Outcome::Failed(_) if e.is_jsvm() => "skipped".to_string(),
        Outcome::Failed(_) => "FAIL".to_string(),
    }
}

/// The results table (one row per program) plus the list of skipped and failed runs.
fn format_table(results: &[ProgramResult]) -> String {
    let mut s = String::new();
    s.push_str("| program |");
    for e in Engine::ALL {
        let _ = write!(s, " {} (s) |", e.label());
    }
    for (a, b) in RATIOS {
        let _ = write!(s, " {} / {} |", a.label(), b.short_label());
    }
    s.push_str("\n|---|");
    s.push_str(&"---:|".repeat(Engine::ALL.len() + RATIOS.len()));
    s.push('\n');
    for r in results {
        let _ = write!(s, "| {} |", r.name);
        for e in Engine::ALL {
            let _ = write!(s, " {} |", fmt_secs(e, &r.outcomes[e.index()]));
        }
        let med = |e: Engine| r.outcomes[e.index()].median();
        for (a, b) in RATIOS {
            let _ = write!(s, " {} |", ratio(med(a), med(b)));
        }
        s.push('\n');
    }
    let skipped: Vec<String> = results
        .iter()
        .flat_map(|r| {
            Engine::ALL
                .into_iter()
                .filter(|e| e.is_jsvm())
                .filter_map(move |e| match &r.outcomes[e.index()] {
                    Outcome::Failed(why) | Outcome::NotRun(why) if e == Engine::Jsvm => {
                        Some(format!("- `{}`: {}", r.name, why))
                    }
                    Outcome::Failed(why) | Outcome::NotRun(why) => {
                        Some(format!("- `{}` ({}): {}", r.name, e.label(), why))
                    }
                    Outcome::Timed(_) => None,
                })
        })
        .collect();
    if !skipped.is_empty() {
        let _ = write!(
            s,
            "\nPrograms jsvm cannot run yet (skipped, no ratio):\n\n{}\n",
            skipped.join("\n")
        );
    }
    let peer_fail: Vec<String> = results
        .iter()
        .flat_map(|r| {
            Engine::ALL
                .iter()
                .filter(|e| !e.is_jsvm())
                .filter_map(move |e| match &r.outcomes[e.index()] {
                    Outcome::Failed(why) => {
                        Some(format!("- `{}` with {}: {}", r.name, e.label(), why))
                    }
                    _ => None,
                })
        })
        .collect();
    if !peer_fail.is_empty() {
        let _ = write!(s, "\nPeer failures:\n\n{}\n", peer_fail.join("\n"));
    }
    s
}

/// Civil date (y, m, d) of a count of days since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        t / 3600,
        t / 60 % 60
    )
}

/// A finished (or killed) process.
struct RunOutput {
    /// Exit code; `None` if killed by a signal or the time-out.
    code: Option<i32>,
    timed_out: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// Wall time from just before the spawn to the moment the process was reaped.
    secs: f64,
    /// `CLOCK_MONOTONIC` (ns, the clock of Hack's `hrtime`) just before the spawn.
    spawned_ns: i64,
}

/// Runs `cmd` with stdin closed, capturing output, killing it after `timeout`. This thread
/// reads both pipes and waits for the exit (a pidfd) in one `poll`: no thread of the harness
/// starts while the child does. (Three threads spawned at each child's start-up, to drain the
/// pipes and wait, took CPU from the child on this 2-core machine: a Jump-Start consumer, whose
/// start-up keeps both cores busy, started its first request ~1.2 ms later than under a
/// harness that only polls, against ~0.2 ms for `--tier=interp`.) The wall time ends when the
/// process does (no polling interval).
fn run_timed(cmd: &mut Command, timeout: Duration) -> io::Result<RunOutput> {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    // The clock of Hack's `hrtime(true)`, so that a program's timestamps compare with it.
    let spawned_ns = jsvm_runtime::builtins::monotonic_ns();
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    // SAFETY: pidfd_open(2) takes a pid and flags and returns a new descriptor or -1.
    let raw = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::c_int, 0) } as i32;
    // SAFETY: `raw`, when valid, is a descriptor just opened for us and owned by nothing else.
    let pidfd = (raw >= 0).then(|| unsafe { OwnedFd::from_raw_fd(raw) });
    let file = |fd: OwnedFd| std::fs::File::from(fd);
    let mut pipes: [(Option<std::fs::File>, Vec<u8>); 2] = [
        (child.stdout.take().map(|p| file(p.into())), Vec::new()),
        (child.stderr.take().map(|p| file(p.into())), Vec::new()),
    ];
    let deadline = start + timeout;
    let mut ended = None;
    let mut timed_out = false;
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let waiting = pidfd.as_ref().filter(|_| ended.is_none());
        if pipes.iter().all(|p| p.0.is_none()) && waiting.is_none() {
            break;
        }
        let now = Instant::now();
        if now >= deadline {
            timed_out = true;
            break;
        }
        let ms = (deadline - now).as_millis().clamp(1, i32::MAX as u128) as i32;
        let mut fds: Vec<libc::pollfd> = pipes
            .iter()
            .filter_map(|p| p.0.as_ref())
            .map(|r| r.as_raw_fd())
            .chain(waiting.map(|w| w.as_raw_fd()))
            .map(|fd| libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        // SAFETY: `fds` is a valid array of `fds.len()` pollfd entries, of open descriptors.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        for f in fds.iter().filter(|f| f.revents != 0) {
            if pidfd.as_ref().is_some_and(|p| p.as_raw_fd() == f.fd) {
                ended = Some(Instant::now());
                continue;
            }
            for (pipe, buf) in pipes.iter_mut() {
                if pipe.as_ref().is_some_and(|r| r.as_raw_fd() == f.fd) {
                    match pipe.as_mut().map(|r| r.read(&mut chunk)) {
                        Some(Ok(0)) | Some(Err(_)) => *pipe = None,
                        Some(Ok(k)) => buf.extend_from_slice(&chunk[..k]),
                        None => {}
                    }
                }
            }
        }
    }
    if timed_out {
        // SAFETY: plain kill(2) of our child, not reaped yet (its pid cannot have been reused).
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
    }
    let status = child.wait()?;
    let ended = ended.unwrap_or_else(Instant::now);
    let [(_, stdout), (_, stderr)] = pipes;
    Ok(RunOutput {
        code: if timed_out { None } else { status.code() },
        timed_out,
        stdout,
        stderr,
        secs: ended.duration_since(start).as_secs_f64(),
        spawned_ns,
    })
}

/// Checks one run against the expected output; `Err` says why it failed.
fn check_run(r: &RunOutput, expected: &[u8], timeout: Duration) -> Result<f64, String> {
    let first_err = || {
        let e = String::from_utf8_lossy(&r.stderr);
        let line = e
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string();
        if line.is_empty() {
            String::new()
        } else {
            format!(
                ": `{}`",
                line.chars().take(160).collect::<String>().replace('`', "'")
            )
        }
    };
    if r.timed_out {
        return Err(format!("timed out after {:.0} s", timeout.as_secs_f64()));
    }
    match r.code {
        Some(0) => {}
        Some(c) => return Err(format!("exit status {c}{}", first_err())),
        None => return Err(format!("killed by a signal{}", first_err())),
    }
    if r.stdout.is_empty() && !expected.is_empty() {
        return Err("wrong output (no output)".to_string());
    }
    if r.stdout != expected {
        let got = String::from_utf8_lossy(&r.stdout);
        let got: String = got.trim_end().chars().take(80).collect();
        return Err(format!("wrong output (got `{}`)", got.replace('`', "'")));
    }
    Ok(r.secs)
}

/// First line of `cmd args` output, for the report header.
fn version_line(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

/// Is opcache's JIT really on with the `PHP_JIT` flags?
fn php_jit_works(php: &str, tmp: &Path) -> Result<(), String> {
    let script = tmp.join("jitcheck.php");
    std::fs::write(
        &script,
        "<?php\n$s = opcache_get_status(false);\necho ($s['jit']['enabled'] ?? false) && ($s['jit']['on'] ?? false) ? 'on' : 'off';\n",
    )
    .map_err(|e| e.to_string())?;
    let out = Command::new(php)
        .args(PHP_JIT)
        .arg(&script)
        .output()
        .map_err(|e| e.to_string())?;
    let said = String::from_utf8_lossy(&out.stdout);
    if said.trim() == "on" {
        Ok(())
    } else {
        Err(format!(
            "opcache JIT is not on (php said {:?})",
            said.trim()
        ))
    }
}

struct Job {
    engine: Engine,
    cmd: Vec<String>,
}

fn main() -> ExitCode {
    match real_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jsvm-bench: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn real_main() -> Result<(), String> {
    let args = Args::parse();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no workspace root")?
        .to_path_buf();
    let bench_dir = args
        .bench_dir
        .clone()
        .unwrap_or_else(|| root.join("../shared/bench"));
    let bench_dir = bench_dir.canonicalize().map_err(|e| {
        format!(
            "bench folder {}: {e} (use --bench-dir)",
            bench_dir.display()
        )
    })?;
    let runs = if args.quick { 1 } else { args.runs.max(1) };
    let timeout =
        Duration::from_secs_f64(
            args.timeout
                .unwrap_or(if args.quick { 60.0 } else { 300.0 }),
        );
    let jsvm = match &args.jsvm {
        Some(p) => p.clone(),
        None => std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name(format!("jsvm{}", std::env::consts::EXE_SUFFIX)),
    };
    if !jsvm.is_file() {
        return Err(format!(
            "no jsvm binary at {} (cargo build --release, or --jsvm PATH)",
            jsvm.display()
        ));
    }
    let tmp = std::env::temp_dir().join(format!("jsvm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let result = run_all(&args, &bench_dir, &jsvm, &tmp, runs, timeout, &root);
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

/// One run of the warm-up workload, in ns.
#[derive(Clone)]
struct WarmRun {
    /// Each request's period: from its start to the next one's (the last: its own time), so
    /// the time between requests counts too.
    periods: Vec<f64>,
    /// From just before the spawn to the start of the first request.
    startup: f64,
    /// From the end of the last request until the process was reaped (exit); not warm-up.
    exit: f64,
    /// The process's wall time.
    wall: f64,
}

/// Runs the warm-up workload, which prints `request I NS START` per request (`START` is
/// `hrtime(true)` when the request began, the harness's clock).
fn request_times(jsvm: &Path, extra: &[&str], prog: &Path, timeout: Duration) -> Option<WarmRun> {
    let mut c = Command::new(jsvm);
    c.arg("run").args(extra).arg(prog);
    let r = run_timed(&mut c, timeout).ok()?;
    if r.code != Some(0) {
        return None;
    }
    warm_run(&r)
}

/// The requests of a finished warm-up run (`None` without any).
fn warm_run(r: &RunOutput) -> Option<WarmRun> {
    let reqs: Vec<(i64, i64)> = String::from_utf8_lossy(&r.stdout)
        .lines()
        .filter_map(|l| {
            let mut f = l.strip_prefix("request ")?.split_whitespace().skip(1);
            Some((f.next()?.parse().ok()?, f.next()?.parse().ok()?))
        })
        .collect();
    let (&(_, first), &(last_ns, last)) = (reqs.first()?, reqs.last()?);
    let mut periods: Vec<f64> = reqs.windows(2).map(|w| (w[1].1 - w[0].1) as f64).collect();
    periods.push(last_ns as f64);
    let wall = r.secs * 1e9;
    let end = (last + last_ns - r.spawned_ns) as f64;
    Some(WarmRun {
        periods,
        startup: (first - r.spawned_ns) as f64,
        exit: (wall - end).max(0.0),
        wall,
    })
}

/// Jump-Start warm-up rows: the warm-up workload (`tools/warmup/server.hack`) without a profile
/// (`auto` tier) and with a Jump-Start profile written by a seeder run, per request.
///
/// Loss, as DESIGN.md measures capacity loss: the start-up (spawn to the first request) plus
/// `Σ max(0, p_i − t_ss)` over the request periods `p_i`, with `t_ss` the median of the
/// compiled configurations' steady periods ([`common_steady`]).
fn warmup_section(jsvm: &Path, tmp: &Path, root: &Path, runs: usize, timeout: Duration) -> String {
    let prog = root.join("tools/warmup/server.hack");
    let jsp = tmp.join("warmup.jsp");
    let jsp_s = jsp.to_string_lossy().to_string();
    let jsp_arg = format!("--jumpstart={jsp_s}");
    // The object cache rows use the objects the seeder compiled into its `--object-cache`.
    let objects = tmp.join("warmup-objects");
    let _ = std::fs::remove_dir_all(&objects);
    let cache_arg = format!("--object-cache={}", objects.to_string_lossy());
    let mut seed = Command::new(jsvm);
    seed.args(["run", "--jumpstart-mode=seed", &jsp_arg, &cache_arg])
        .arg(&prog);
    if !run_timed(&mut seed, timeout).is_ok_and(|r| r.code == Some(0)) {
        return "\n## Warm-up (Jump-Start)\n\nThe seeder run failed; no rows.\n".to_string();
    }
    let configs: [(&str, Vec<&str>); 8] = [
        ("interpreter only", vec!["--tier=interp"]),
        ("auto, no profile", vec!["--tier=auto"]),
        (
            "Jump-Start (background batch)",
            vec!["--jumpstart-mode=consume", &jsp_arg],
        ),
        (
            "Jump-Start, background, no quick tier",
            vec![
                "--jumpstart-mode=consume",
                &jsp_arg,
                "--jumpstart-quick-tier=off",
            ],
        ),
        (
            "Jump-Start, --jumpstart-wait",
            vec!["--jumpstart-mode=consume", &jsp_arg, "--jumpstart-wait"],
        ),
        (
            "Jump-Start, --jumpstart-wait=quick",
            vec![
                "--jumpstart-mode=consume",
                &jsp_arg,
                "--jumpstart-wait=quick",
            ],
        ),
        (
            "Jump-Start + warm object cache",
            vec!["--jumpstart-mode=consume", &jsp_arg, &cache_arg],
        ),
        (
            "Jump-Start + warm object cache, --jumpstart-wait",
            vec![
                "--jumpstart-mode=consume",
                &jsp_arg,
                &cache_arg,
                "--jumpstart-wait",
            ],
        ),
    ];
    // A run is ~0.15 s and this machine is noisy (a configuration's median loss moved by
    // several ms between runs of 9): take many more of them than elsewhere.
    let runs_of = take_turns(&configs, runs.max(51), |extra| {
        request_times(jsvm, extra, &prog, timeout)
    });
    warmup_report(&warm_rows(&configs, &runs_of))
}

/// The runs of each configuration (`name`, extra arguments), `runs` of each, made by `run`: the
/// configurations take turns, run after run, so that a slow phase of the machine falls on all
/// of them alike (their losses are compared against one t_ss). A failed run is left out.
fn take_turns(
    configs: &[(&str, Vec<&str>)],
    runs: usize,
    run: impl Fn(&[&str]) -> Option<WarmRun>,
) -> Vec<Vec<WarmRun>> {
    let mut runs_of: Vec<Vec<WarmRun>> = vec![Vec::new(); configs.len()];
    for _ in 0..runs {
        for ((_, extra), all) in configs.iter().zip(&mut runs_of) {
            if let Some(r) = run(extra) {
                all.push(r);
            }
        }
    }
    runs_of
}

/// The warm-up rows of `configs` from their runs.
fn warm_rows<'a>(configs: &[(&'a str, Vec<&str>)], runs_of: &[Vec<WarmRun>]) -> Vec<WarmRow<'a>> {
    configs
        .iter()
        .zip(runs_of)
        .filter_map(|((name, _), all)| WarmRow::of(name, all))
        .collect()
}

/// A configuration's warm-up row: the element-wise median of its runs' request periods, and
/// medians over the runs of the rest (ns, except `own` and `ready` in ms).
struct WarmRow<'a> {
    name: &'a str,
    per: Vec<f64>,
    wall: f64,
    startup: f64,
    exit: f64,
    /// Each run's loss against its own steady state (a slow phase of the machine that lasts a
    /// whole run then counts as nothing).
    own: f64,
    /// Time to steady state: each run's start-up plus its requests before the first one from
    /// which the median of ten is within 10% of the run's own steady state.
    ready: f64,
}

/// The steady period of a list of request periods: the median of its last third.
fn steady_period(v: &[f64]) -> f64 {
    median(&v[v.len() * 2 / 3..]).unwrap_or(0.0)
}

/// A loss in ns: `startup` plus each period's excess over the steady period `t_ss`.
fn loss(startup: f64, periods: &[f64], t_ss: f64) -> f64 {
    startup + periods.iter().map(|p| (p - t_ss).max(0.0)).sum::<f64>()
}

/// The median over the runs (those with at least 10 requests) of `f(run, its own steady
/// period)`, ns in, ms out.
fn median_over_runs(all: &[WarmRun], f: impl Fn(&WarmRun, f64) -> f64) -> f64 {
    let v: Vec<f64> = all
        .iter()
        .filter(|r| r.periods.len() >= 10)
        .map(|r| f(r, steady_period(&r.periods)) / 1e6)
        .collect();
    median(&v).unwrap_or(0.0)
}

impl<'a> WarmRow<'a> {
    /// The row of configuration `name` from its runs (`None` without a request).
    fn of(name: &'a str, all: &[WarmRun]) -> Option<WarmRow<'a>> {
        let n = all
            .iter()
            .map(|r| r.periods.len())
            .min()
            .filter(|&n| n > 0)?;
        let per = (0..n)
            .map(|i| median(&all.iter().map(|r| r.periods[i]).collect::<Vec<_>>()).unwrap_or(0.0))
            .collect();
        let med =
            |f: fn(&WarmRun) -> f64| median(&all.iter().map(f).collect::<Vec<_>>()).unwrap_or(0.0);
        Some(WarmRow {
            name,
            per,
            wall: med(|r| r.wall),
            startup: med(|r| r.startup),
            exit: med(|r| r.exit),
            own: median_over_runs(all, |r, s| loss(r.startup, &r.periods, s)),
            ready: median_over_runs(all, |r, s| {
                let per = &r.periods;
                let from = (0..=per.len() - 10)
                    .find(|&i| median(&per[i..i + 10]).is_some_and(|m| m <= 1.1 * s))
                    .unwrap_or(per.len());
                r.startup + per[..from].iter().sum::<f64>()
            }),
        })
    }

    /// The loss against the steady period `t_ss` (ns), in ms: the start-up plus each median
    /// period's excess over `t_ss`.
    fn loss_at(&self, t_ss: f64) -> f64 {
        loss(self.startup, &self.per, t_ss) / 1e6
    }
}

/// The warm server's steady period: the median of the compiled configurations' steady periods
/// (they all end up running the same code), and the fastest of them. The fastest, which earlier
/// runs took, is biased low by noise (the minimum of 7 noisy medians), and every configuration
/// then counted the bias as loss on each of its 300 requests; its gains are shown too.
fn common_steady(rows: &[WarmRow]) -> (f64, f64) {
    let compiled: Vec<f64> = rows
        .iter()
        .filter(|r| r.name != "interpreter only")
        .map(|r| steady_period(&r.per))
        .collect();
    let fastest = compiled.iter().copied().fold(f64::INFINITY, f64::min);
    (median(&compiled).unwrap_or(0.0), fastest)
}

/// The warm-up section of BENCHMARKS.md from its rows.
fn warmup_report(rows: &[WarmRow]) -> String {
    let mut out = String::from(
        "\n## Warm-up (Jump-Start)\n\nWorkload `tools/warmup/server.hack`: 300 requests, each 1,500 iterations over 7 small functions (routing, arithmetic, string formatting); each request prints its start (`hrtime`, the clock the harness reads before the spawn) and its time. The Jump-Start profile comes from one seeder run (`--jumpstart-mode=seed`, with `--object-cache`: after publishing the profile it compiles its consumers' batch into the cache). In the background the consumer first publishes a quick tier (the batch through the `fast` pipeline: cleanup passes, FastISel; on all cores but the interpreter's, both when waiting; in the background it begins with the hottest loops inlined into the batch, compiled on their own for the interpreter meanwhile), then the optimized batch replaces it (`--jumpstart-quick-tier=off` skips the quick tier); `--jumpstart-wait=quick` compiles the quick tier before running instead, and the optimized batch in the background; a consumer warms its compile threads' LLVM target machines while its front end runs.\n\nLoss, as DESIGN.md defines capacity loss (∫ max(0, 1 − R(t)/R_ss) dt from the restart, time not serving counting in full): the start-up (from the spawn to the start of the first request: loading, front end, profile, compile waits) + Σ max(0, p_i − t_ss), with p_i the period of request i (from its start to the next one's) and `t_ss` the steady-state period (the median of the compiled configurations' steady periods, each the median of its last third). The process's exit after the last request is not warm-up; its column shows it. The configurations take turns run after run (at least 51 runs each); medians per request over the runs. Time to steady state: the start-up plus the requests before the first one from which the median of ten is within 10% of the run's own steady state (median over the runs). The last column is each run's loss against its own steady state instead (the median over the runs): a slow phase of this noisy machine that lasts a whole run does not count there, but neither would a slower steady state (compare the steady column). The object cache rows are consumers that find their batch's objects in the `--object-cache` the seeder filled (no LLVM passes or code generation; the functions are still lowered, and the objects placed by the loader in C3 order).\n\n",
    );
    let (t_ss, t_fastest) = common_steady(rows);
    let _ = writeln!(
        out,
        "t_ss = {:.3} ms (the fastest configuration's: {:.3} ms)\n",
        t_ss / 1e6,
        t_fastest / 1e6
    );
    out.push_str("| configuration | start-up (ms) | time to steady state (ms) | first 10 requests (ms) | all requests (ms) | steady request (ms) | exit (ms) | process wall (s) | loss (ms) | loss vs own steady state (ms) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut losses = Vec::new();
    for r in rows {
        let first: f64 = r.per.iter().take(10).sum::<f64>() / 1e6;
        let total: f64 = r.per.iter().sum::<f64>() / 1e6;
        let loss = r.loss_at(t_ss);
        losses.push((r.name, loss, r.own, r.loss_at(t_fastest)));
        let _ = writeln!(
            out,
            "| {} | {:.1} | {:.1} | {first:.1} | {total:.1} | {:.3} | {:.1} | {:.3} | {loss:.1} | {:.1} |",
            r.name,
            r.startup / 1e6,
            r.ready,
            steady_period(&r.per) / 1e6,
            r.exit / 1e6,
            r.wall / 1e9,
            r.own
        );
    }
    let find = |n: &str| losses.iter().find(|l| l.0 == n).map(|l| (l.1, l.2, l.3));
    let Some(base) = find("auto, no profile") else {
        return out;
    };
    for (name, what, goal) in [
        (
            "Jump-Start (background batch)",
            "\nJump-Start gain against `auto` without a profile: 1 − loss_with / loss_without =",
            " (goal: at least 80%)",
        ),
        (
            "Jump-Start, --jumpstart-wait",
            "With `--jumpstart-wait`:",
            "",
        ),
        (
            "Jump-Start, --jumpstart-wait=quick",
            "With `--jumpstart-wait=quick` (the quick tier before running, the batch in the background):",
            "",
        ),
        (
            "Jump-Start, background, no quick tier",
            "In the background without the quick tier:",
            "",
        ),
        (
            "Jump-Start + warm object cache",
            "With a warm object cache:",
            "",
        ),
        (
            "Jump-Start + warm object cache, --jumpstart-wait",
            "With a warm object cache and `--jumpstart-wait`:",
            "",
        ),
    ] {
        if let Some(js) = find(name) {
            let _ = writeln!(
                out,
                "{what} {:.1}%{goal} (against each run's own steady state: {:.1}%; against the fastest configuration's steady state: {:.1}%).",
                (1.0 - js.0 / base.0) * 100.0,
                (1.0 - js.1 / base.1) * 100.0,
                (1.0 - js.2 / base.2) * 100.0
            );
        }
    }
    out
}

/// The server rows of the warm-up section: `tools/warmup/app.hack` under `jsvm serve`, 300
/// requests from one client over one keep-alive connection, each sent when the previous answer
/// arrived (a fixed offered load of one request at a time); per configuration, the loss as in
/// [`warmup_section`] with the periods measured by the client.
fn serve_warmup_section(
    jsvm: &Path,
    tmp: &Path,
    root: &Path,
    runs: usize,
    timeout: Duration,
) -> String {
    let prog = root.join("tools/warmup/app.hack");
    let jsp = tmp.join("serve-warmup.jsp");
    let _ = std::fs::remove_file(&jsp);
    let jsp_arg = format!("--jumpstart={}", jsp.to_string_lossy());
    // The seeder serves the same 300 requests and writes its profile at its retranslate-all
    // point (the default, after 100).
    if serve_run(jsvm, &["--jumpstart-mode=seed", &jsp_arg], &prog, timeout).is_none()
        || !jsp.is_file()
    {
        return "\n## Warm-up, server (`jsvm serve`)\n\nThe seeder server failed; no rows.\n"
            .to_string();
    }
    let configs: [(&str, Vec<&str>); 4] = [
        ("retranslate-all (after 100 requests), no profile", vec![]),
        (
            "per-function tier-up (--retranslate-all=0), no profile",
            vec!["--retranslate-all=0"],
        ),
        (
            "Jump-Start (background batch)",
            vec!["--jumpstart-mode=consume", &jsp_arg],
        ),
        (
            "Jump-Start, --jumpstart-wait",
            vec!["--jumpstart-mode=consume", &jsp_arg, "--jumpstart-wait"],
        ),
    ];
    let runs_of = take_turns(&configs, runs.max(31), |extra| {
        serve_run(jsvm, extra, &prog, timeout)
    });
    let rows = warm_rows(&configs, &runs_of);
    let mut out = String::from(
        "\n## Warm-up, server (`jsvm serve`)\n\nWorkload `tools/warmup/app.hack`: the request handler of `server.hack` as a web app under `jsvm serve`; one client sends `GET /handle?req=I` for I = 0..299 over one keep-alive connection, each request when the previous answer arrived, and times them (periods from one request's start to the next one's, as the client sees them: HTTP and the client's own time included). Start-up: from the spawn until the first request is sent (the server announces its address once it listens; a `--jumpstart-wait` consumer compiles its batch before it listens). The server's default warm-up without a profile is HHVM's retranslate-all (DESIGN.md): the first 100 requests run in the profiling interpreter, then every hot function compiles in one batch in the background, with the profile-guided layout; per-function tier-up is `jsvm run`'s `auto`. The profile comes from a seeder server that served the same requests and wrote it at its retranslate-all point. Loss as above, against the median of the configurations' steady periods; the configurations take turns run after run (at least 31 runs each).\n\n",
    );
    let (t_ss, _) = common_steady(&rows);
    let _ = writeln!(out, "t_ss = {:.3} ms\n", t_ss / 1e6);
    out.push_str("| configuration | start-up (ms) | time to steady state (ms) | first 10 requests (ms) | all requests (ms) | steady request (ms) | loss (ms) | loss vs own steady state (ms) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut losses = Vec::new();
    for r in &rows {
        let first: f64 = r.per.iter().take(10).sum::<f64>() / 1e6;
        let total: f64 = r.per.iter().sum::<f64>() / 1e6;
        let loss = r.loss_at(t_ss);
        losses.push((r.name, loss, r.own));
        let _ = writeln!(
            out,
            "| {} | {:.1} | {:.1} | {first:.1} | {total:.1} | {:.3} | {loss:.1} | {:.1} |",
            r.name,
            r.startup / 1e6,
            r.ready,
            steady_period(&r.per) / 1e6,
            r.own
        );
    }
    let find = |n: &str| {
        losses
            .iter()
            .find(|l| l.0.starts_with(n))
            .map(|l| (l.1, l.2))
    };
    out.push('\n');
    for (js, what) in [
        (
            "Jump-Start (background batch)",
            "Jump-Start (background batch)",
        ),
        ("Jump-Start, --jumpstart-wait", "With `--jumpstart-wait`"),
    ] {
        let (Some(j), Some(rta), Some(per_fn)) =
            (find(js), find("retranslate-all"), find("per-function"))
        else {
            continue;
        };
        let _ = writeln!(
            out,
            "{what}: gain against retranslate-all {:.1}% (against each run's own steady state: {:.1}%); against per-function tier-up {:.1}% ({:.1}%).",
            (1.0 - j.0 / rta.0) * 100.0,
            (1.0 - j.1 / rta.1) * 100.0,
            (1.0 - j.0 / per_fn.0) * 100.0,
            (1.0 - j.1 / per_fn.1) * 100.0,
        );
    }
    out
}

/// One run of the server warm-up workload: `jsvm serve EXTRA PROG` for 300 requests, timed by
/// the client (`None` if the server fails or an answer is wrong).
fn serve_run(jsvm: &Path, extra: &[&str], prog: &Path, timeout: Duration) -> Option<WarmRun> {
    use std::io::BufRead;
    const REQUESTS: usize = 300;
    let t0 = Instant::now();
    let mut child = Command::new(jsvm)
        .args(["serve", "--listen=127.0.0.1:0"])
        .arg(format!("--max-requests={REQUESTS}"))
        .args(extra)
        .arg(prog)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    let mut err = std::io::BufReader::new(child.stderr.take()?);
    let mut line = String::new();
    let addr = loop {
        line.clear();
        if err.read_line(&mut line).ok()? == 0 {
            let _ = child.wait();
            return None;
        }
        if let Some(a) = line
            .strip_prefix("jsvm: serving http://")
            .and_then(|r| r.split_whitespace().next())
            .and_then(|a| a.parse::<std::net::SocketAddr>().ok())
        {
            break a;
        }
    };
    let result = (|| {
        let mut c = jsvm::http_client::Client::connect(addr, timeout).ok()?;
        let mut starts = Vec::with_capacity(REQUESTS);
        let mut last = 0.0;
        for i in 0..REQUESTS {
            let t = Instant::now();
            starts.push(t.duration_since(t0).as_nanos() as f64);
            let a = c.get(&format!("/handle?req={i}")).ok()?;
            if a.status != 200 || !a.text().starts_with(&format!("request {i} checksum ")) {
                return None;
            }
            last = t.elapsed().as_nanos() as f64;
        }
        Some((starts, last))
    })();
    let Some((starts, last)) = result else {
        let _ = child.kill();
        let _ = child.wait();
        return None;
    };
    let end = starts.last().copied().unwrap_or(0.0) + last;
    // (Its stderr must not fill up while it exits.)
    std::io::copy(&mut err, &mut std::io::sink()).ok()?;
    let ok = child.wait().ok()?.success();
    let wall = t0.elapsed().as_nanos() as f64;
    let mut periods: Vec<f64> = starts.windows(2).map(|w| w[1] - w[0]).collect();
    periods.push(last);
    ok.then(|| WarmRun {
        periods,
        startup: starts[0],
        exit: (wall - end).max(0.0),
        wall,
    })
}

/// Median wall seconds of `jsvm run EXTRA PROG` over `runs` runs (`None` if any run fails).
fn median_run(
    jsvm: &Path,
    extra: &[&str],
    prog: &Path,
    runs: usize,
    timeout: Duration,
) -> Option<f64> {
    let mut t = Vec::new();
    for _ in 0..runs {
        let mut c = Command::new(jsvm);
        c.arg("run").args(extra).arg(prog);
        let r = run_timed(&mut c, timeout).ok()?;
        if r.code != Some(0) {
            return None;
        }
        t.push(r.secs);
    }
    median(&t)
}

/// Profiling cost: the interpreter with its counters on (`--profile`, as the `auto` tier runs
/// it) against off, on three programs.
fn profiling_section(jsvm: &Path, bench: &Path, runs: usize, timeout: Duration) -> String {
    let mut out = String::from(
        "\n## Profiling cost\n\nThe interpreter with profile counters on (`--tier=interp --profile`: entries, branches, back-edges, call targets, type histograms) against off (`--tier=interp`). Goal: at most 1.15×.\n\n| program | off (s) | on (s) | on / off |\n|---|---:|---:|---:|\n",
    );
    let mut ratios = Vec::new();
    // deltablue: method calls, whose callees the profile records.
    for name in ["fib", "dict_words", "nbody", "deltablue"] {
        let prog = bench.join(format!("{name}.hack"));
        let off = median_run(jsvm, &["--tier=interp"], &prog, runs, timeout);
        let on = median_run(jsvm, &["--tier=interp", "--profile"], &prog, runs, timeout);
        if let (Some(a), Some(b)) = (off, on) {
            ratios.push(b / a);
            let _ = writeln!(out, "| {name} | {a:.3} | {b:.3} | {:.2} |", b / a);
        }
    }
    if !ratios.is_empty() {
        let g = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
        let _ = writeln!(out, "\nGeometric mean: {g:.2}×.");
    }
    out
}

/// The LLVM pipelines: run time and compile time per function under `--tier=jit`.
fn pipeline_section(jsvm: &Path, bench: &Path, runs: usize, timeout: Duration) -> String {
    let mut out = String::from(
        "\n## LLVM pipeline\n\n`--tier=jit --pipeline=o2|light|fast|quick`: wall time of the whole run (median) and LLVM compile time per function (thread time, from `--stats`). The default is the one with the best run time per compile cost; `fast` is the Jump-Start consumer's quick tier.\n\n| program | pipeline | run (s) | compile per function (ms) |\n|---|---|---:|---:|\n",
    );
    for name in ["fib", "mandelbrot", "spectral_norm"] {
        let prog = bench.join(format!("{name}.hack"));
        for p in ["o2", "light", "fast", "quick"] {
            let arg = format!("--pipeline={p}");
            let t = median_run(jsvm, &["--tier=jit", &arg], &prog, runs, timeout);
            let mut c = Command::new(jsvm);
            c.args(["run", "--tier=jit", "--stats", &arg]).arg(&prog);
            let per = run_timed(&mut c, timeout).ok().and_then(|r| {
                let err = String::from_utf8_lossy(&r.stderr).into_owned();
                err.lines()
                    .find(|l| l.contains("per function (thread time)"))
                    .and_then(|l| {
                        let i = l.find(" ms per function")?;
                        l[..i].rsplit(' ').next()?.parse::<f64>().ok()
                    })
            });
            let _ = writeln!(
                out,
                "| {name} | {p} | {} | {} |",
                t.map_or("—".into(), |t| format!("{t:.3}")),
                per.map_or("—".into(), |t| format!("{t:.2}"))
            );
        }
    }
    out
}

/// Time to first output of a hello-world program per tier (the cost of starting up).
fn startup_section(jsvm: &Path, tmp: &Path, runs: usize, timeout: Duration) -> String {
    let prog = tmp.join("hello.hack");
    if std::fs::write(
        &prog,
        "<?hh\n<<__EntryPoint>>\nfunction main(): void { echo \"hello\\n\"; }\n",
    )
    .is_err()
    {
        return String::new();
    }
    let mut out = String::from(
        "\n## Start-up\n\nWall time of a hello-world program (median of at least 21 runs), i.e. the time to first output.\n\n| tier | wall (ms) |\n|---|---:|\n",
    );
    for tier in ["interp", "auto", "jit"] {
        let arg = format!("--tier={tier}");
        if let Some(t) = median_run(jsvm, &[&arg], &prog, runs.max(21), timeout) {
            let _ = writeln!(out, "| {tier} | {:.1} |", t * 1e3);
        }
    }
    out
}

/// Steady-state run time (ms) of a Jump-Start consumer run with `--jumpstart-wait --stats`:
/// total time minus front-end compile and the batch compile, parsed from the stats lines; and
/// the code areas the stats list (`hot 2048, cold 192`: KiB used, the data area left out).
fn steady_ms(jsvm: &Path, extra: &[&str], prog: &Path, timeout: Duration) -> Option<(f64, String)> {
    let mut c = Command::new(jsvm);
    c.args(["run", "--stats", "--tier=interp"])
        .args(extra)
        .arg(prog);
    let r = run_timed(&mut c, timeout).ok()?;
    if r.code != Some(0) {
        return None;
    }
    let err = String::from_utf8_lossy(&r.stderr);
    // "jsvm: compile X ms, total Y ms" and "... compiled in Z ms (before running)".
    let num_before = |line: &str, marker: &str| -> Option<f64> {
        let i = line.find(marker)?;
        line[..i].split_whitespace().last()?.parse().ok()
    };
    let (mut total, mut front, mut batch): (Option<f64>, Option<f64>, Option<f64>) =
        (None, None, None);
    // "jsvm: jumpstart: area hot: 2097152 bytes used".
    let mut areas = Vec::new();
    for l in err.lines() {
        if let Some(rest) = l.strip_prefix("jsvm: jumpstart: area ") {
            if let Some((area, bytes)) = rest.split_once(": ") {
                if let Some(Ok(b)) = bytes.strip_suffix(" bytes used").map(str::parse::<u64>) {
                    if area != "data" {
                        areas.push(format!("{area} {}", b / 1024));
                    }
                }
            }
        }
        if l.starts_with("jsvm: compile ") {
            front = num_before(l, " ms, total");
            total = l
                .rsplit("total ")
                .next()
                .and_then(|t| t.trim_end_matches(" ms").parse().ok());
        }
        if l.contains("(before running)") {
            batch = num_before(l, " ms (before running)");
        }
    }
    Some((total? - front? - batch?, areas.join(", ")))
}

/// Layout rows: large generated programs (`jsvm-gen`: 3000 functions, a few or all of them
/// hot) run by a Jump-Start consumer with the profile-guided layout on and off
/// (`--jumpstart-layout`), compiling the batch first (`--jumpstart-wait`) and timing only the
/// run after it.
fn layout_section(jsvm: &Path, tmp: &Path, runs: usize, timeout: Duration) -> String {
    let mut out = String::from(
        "\n## Layout (Jump-Start, large program)\n\n`jsvm-gen 3000 ITERS 7 ROOTS`: 3000 small functions, each with a rarely taken branch (a 16-statement error path, taken about once in 65536 calls), reached by the loop of `run($n)` through a dispatch tree (2 × ROOTS small functions more) to ROOTS roots spread over the program, round robin, and from each root by calls further down (each taken one time in eight). With 512 roots about 700 functions are hot (and 900 more inlined into them); with 3000 every function is. The profile comes from a seeder run of the same program with 2,000,000 iterations (only `main`, which passes the count to `run`, differs, so `main` alone loses its profile). The consumer compiles the batch first (`--jumpstart-wait`); the time is the run after compilation, with the profile-guided layout (C3 order in a fresh huge-page-aligned range of the hot area, advised `MADV_HUGEPAGE` when its hot code passes 256 KiB, branch weights, cold parts split off to the cold area) and without it (`--jumpstart-layout=off`: the same functions with the same profile-guided speculation and inlining, placed in batch order in the main area's 4 KiB pages, no branch weights, no splitting). No other tier-up (`--tier=interp`): `main` stays interpreted, `run` and everything it calls come from the batch. The code column is what `--stats` says the areas hold (the hot area's whole 2 MiB chunks). On and off take turns, run after run (at least 9 each); median of the runs. This machine's caches: L1i 32 KiB and L2 1 MiB per core.\n\n| program | layout | steady-state run (ms) | code (KiB by area) |\n|---|---|---:|---|\n",
    );
    let gen = jsvm.with_file_name(format!("jsvm-gen{}", std::env::consts::EXE_SUFFIX));
    let mut gains = Vec::new();
    for (roots, iters) in [("512", "100000000"), ("3000", "40000000")] {
        let name = format!("`jsvm-gen 3000 {iters} 7 {roots}`");
        match layout_rows(jsvm, &gen, tmp, roots, iters, runs, timeout) {
            Err(why) => {
                let _ = writeln!(out, "| {name} | - | {why} | |");
            }
            Ok(rows) => {
                for (l, t, areas) in &rows {
                    let _ = writeln!(
                        out,
                        "| {name} | {l} | {} | {areas} |",
                        t.map_or("failed".to_string(), |t| format!("{t:.0}"))
                    );
                }
                if let (Some(on), Some(off)) = (rows[0].1, rows[1].1) {
                    gains.push((roots, (1.0 - on / off) * 100.0));
                }
            }
        }
    }
    for (roots, gain) in gains {
        let _ = writeln!(
            out,
            "\nLayout gain with {roots} roots: {gain:.1}% (goal: at least 5%)."
        );
    }
    out
}

/// A layout row: `on` or `off`, the median steady-state time (ms), the code areas.
type LayoutRow = (&'static str, Option<f64>, String);

/// The on and off rows of one generated program (`roots` roots, `iters` iterations in the
/// timed run): layout, median steady-state time, and the code areas of the last run; or why
/// there are none.
fn layout_rows(
    jsvm: &Path,
    gen: &Path,
    tmp: &Path,
    roots: &str,
    iters: &str,
    runs: usize,
    timeout: Duration,
) -> Result<Vec<LayoutRow>, &'static str> {
    let dir = tmp.join(format!("layout-{roots}"));
    let write = |name: &str, iters: &str| -> Option<std::path::PathBuf> {
        std::fs::create_dir_all(dir.join(name)).ok()?;
        let out = Command::new(gen)
            .args(["3000", iters, "7", roots])
            .output()
            .ok()?;
        let p = dir.join(name).join("big.hack");
        std::fs::write(&p, out.stdout).ok()?;
        Some(p)
    };
    let (Some(seed_prog), Some(prog)) = (write("seed", "2000000"), write("run", iters)) else {
        return Err("jsvm-gen is missing");
    };
    let jsp = dir.join("layout.jsp");
    let jsp_arg = format!("--jumpstart={}", jsp.display());
    let mut seed = Command::new(jsvm);
    seed.args(["run", "--tier=interp", "--jumpstart-mode=seed", &jsp_arg])
        .arg(&seed_prog);
    if !run_timed(&mut seed, timeout).is_ok_and(|r| r.code == Some(0)) {
        return Err("the seeder run failed");
    }
    // On and off take turns, run after run, so that a slow phase of the machine (they last
    // tens of seconds here) falls on both alike.
    let layouts = ["on", "off"];
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut areas = [String::new(), String::new()];
    for _ in 0..runs.max(9) {
        for ((layout, t), a) in layouts.iter().zip(&mut times).zip(&mut areas) {
            let arg = format!("--jumpstart-layout={layout}");
            let extra = [
                "--jumpstart-mode=consume",
                &jsp_arg,
                "--jumpstart-wait",
                &arg,
            ];
            if let Some((ms, code)) = steady_ms(jsvm, &extra, &prog, timeout) {
                t.push(ms);
                *a = code;
            }
        }
    }
    Ok(layouts
        .iter()
        .zip(&times)
        .zip(areas)
        .map(|((l, t), a)| (*l, median(t), a))
        .collect())
}

/// Peak resident set size (KiB) of a command, measured with GNU time's `%M`.
fn peak_rss_kib(cmd: &[&str], timeout: Duration) -> Option<u64> {
    let mut c = Command::new("/usr/bin/time");
    c.arg("-f").arg("%M").args(cmd);
    let r = run_timed(&mut c, timeout).ok()?;
    if r.code != Some(0) {
        return None;
    }
    String::from_utf8_lossy(&r.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

/// The memory rows: peak RSS of building a 1,000,000-element vec by appending, against an
/// empty program (the binary's own footprint), for jsvm and PHP.
fn memory_section(jsvm: &Path, tmp: &Path, timeout: Duration) -> String {
    let hack_empty = tmp.join("mem_empty.hack");
    let hack_vec = tmp.join("mem_vec.hack");
    let php_empty = tmp.join("mem_empty.php");
    let php_vec = tmp.join("mem_vec.php");
    let writes = [
        (&hack_empty, "<?hh\n<<__EntryPoint>>\nfunction main(): void { echo 0, \"\\n\"; }\n"),
        (
            &hack_vec,
            "<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  $v = vec[];\n  for ($i = 0; $i < 1000000; $i++) { $v[] = $i; }\n  echo count($v), \"\\n\";\n}\n",
        ),
        (&php_empty, "<?php\necho 0, \"\\n\";\n"),
        (&php_vec, "<?php\n$v = [];\nfor ($i = 0; $i < 1000000; $i++) { $v[] = $i; }\necho count($v), \"\\n\";\n"),
    ];
    for (p, text) in writes {
        if std::fs::write(p, text).is_err() {
            return String::new();
        }
    }
    let j = jsvm.to_string_lossy().to_string();
    let cell =
        |v: Option<u64>| v.map_or("n/a".to_string(), |k| format!("{:.1}", k as f64 / 1024.0));
    let rows = [
        (
            "jsvm",
            peak_rss_kib(&[&j, "run", &hack_empty.to_string_lossy()], timeout),
            peak_rss_kib(&[&j, "run", &hack_vec.to_string_lossy()], timeout),
        ),
        (
            "PHP interp",
            peak_rss_kib(&["php", "-n", &php_empty.to_string_lossy()], timeout),
            peak_rss_kib(&["php", "-n", &php_vec.to_string_lossy()], timeout),
        ),
    ];
    let mut out = String::from(
        "\n## Memory\n\nPeak RSS (MiB, GNU time `%M`) of building a 1,000,000-element vec by appending one element at a time, and of an empty program (the engine's own footprint; jsvm links LLVM statically).\n\n| engine | empty program | 1M-element vec | difference |\n|---|---:|---:|---:|\n",
    );
    for (name, empty, vec) in rows {
        let diff = match (empty, vec) {
            (Some(a), Some(b)) => format!("{:.1}", (b as f64 - a as f64) / 1024.0),
            _ => "n/a".to_string(),
        };
        let _ = writeln!(out, "| {name} | {} | {} | {diff} |", cell(empty), cell(vec));
    }
    out
}

fn run_all(
    args: &Args,
    bench_dir: &Path,
    jsvm: &Path,
    tmp: &Path,
    runs: usize,
    timeout: Duration,
    root: &Path,
) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(bench_dir)
        .map_err(|e| format!("{}: {e}", bench_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "hack").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    names.sort();
    for want in &args.only {
        if !names.contains(want) {
            return Err(format!(
                "--only {want}: no {want}.hack in {}",
                bench_dir.display()
            ));
        }
    }
    if !args.only.is_empty() {
        names.retain(|n| args.only.contains(n));
    }
    if names.is_empty() {
        return Err(format!("no .hack programs in {}", bench_dir.display()));
    }

    // Which peers are available.
    let use_php = !args.quick && !args.no_php;
    let php_version = if use_php {
        version_line(&args.php, &["-n", "-v"])
    } else {
        None
    };
    let php_missing = if !use_php {
        Some("not run (--quick/--no-php)".to_string())
    } else if php_version.is_none() {
        eprintln!(
            "jsvm-bench: warning: `{}` not found; PHP columns are empty",
            args.php
        );
        Some(format!("`{}` not found", args.php))
    } else {
        None
    };
    let jit_problem = match &php_missing {
        Some(why) => Some(why.clone()),
        None => php_jit_works(&args.php, tmp)
            .err()
            .inspect(|e| eprintln!("jsvm-bench: warning: PHP JIT: {e}")),
    };
    let gcc_version = if args.no_c {
        None
    } else {
        version_line("gcc", &["--version"])
    };
    if !args.no_c && gcc_version.is_none() {
        eprintln!("jsvm-bench: warning: gcc not found; C column is empty");
    }

    let mut results = Vec::new();
    for name in &names {
        let expected = std::fs::read(bench_dir.join(format!("{name}.out")))
            .map_err(|e| format!("{name}.out: {e}"))?;
        let mut outcomes: [Outcome; 6] = std::array::from_fn(|_| Outcome::NotRun(String::new()));
        let mut jobs: Vec<Job> = Vec::new();
        let path = |ext: &str| bench_dir.join(format!("{name}.{ext}"));
        let s = |p: &Path| p.display().to_string();

        jobs.push(Job {
            engine: Engine::Jsvm,
            cmd: vec![
                s(jsvm),
                "run".into(),
                "--tier=interp".into(),
                s(&path("hack")),
            ],
        });
        jobs.push(Job {
            engine: Engine::JsvmJit,
            cmd: vec![s(jsvm), "run".into(), "--tier=jit".into(), s(&path("hack"))],
        });
        jobs.push(Job {
            engine: Engine::JsvmAuto,
            cmd: vec![
                s(jsvm),
                "run".into(),
                "--tier=auto".into(),
                s(&path("hack")),
            ],
        });
        let php_file = path("php");
        for (engine, flags, problem) in [
            (Engine::PhpInterp, PHP_INTERP, &php_missing),
            (Engine::PhpJit, PHP_JIT, &jit_problem),
        ] {
            if let Some(why) = problem {
                outcomes[engine.index()] = Outcome::NotRun(why.clone());
            } else if !php_file.is_file() {
                outcomes[engine.index()] = Outcome::NotRun(format!("no {name}.php"));
            } else {
                let mut cmd = vec![args.php.clone()];
                cmd.extend(flags.iter().map(|f| f.to_string()));
                cmd.push(s(&php_file));
                jobs.push(Job { engine, cmd });
            }
        }
        let c_file = path("c");
        if args.no_c {
            outcomes[Engine::C.index()] = Outcome::NotRun("not run (--no-c)".into());
        } else if gcc_version.is_none() {
            outcomes[Engine::C.index()] = Outcome::NotRun("gcc not found".into());
        } else if !c_file.is_file() {
            outcomes[Engine::C.index()] = Outcome::NotRun(format!("no {name}.c"));
        } else {
            let exe = tmp.join(format!("{name}.cbin"));
            let out = Command::new("gcc")
                .args(["-O2", "-o"])
                .arg(&exe)
                .arg(&c_file)
                .arg("-lm")
                .output()
                .map_err(|e| format!("gcc: {e}"))?;
            if out.status.success() {
                jobs.push(Job {
                    engine: Engine::C,
                    cmd: vec![s(&exe)],
                });
            } else {
                let err = String::from_utf8_lossy(&out.stderr);
                outcomes[Engine::C.index()] = Outcome::Failed(format!(
                    "gcc failed: {}",
                    err.lines().next().unwrap_or("").trim()
                ));
            }
        }

        // Interleave the engines run by run; an engine that fails once is dropped.
        let mut times: [Vec<f64>; 6] = Default::default();
        for run in 0..runs {
            for job in &jobs {
                let i = job.engine.index();
                if matches!(outcomes[i], Outcome::Failed(_)) {
                    continue;
                }
                let mut cmd = Command::new(&job.cmd[0]);
                cmd.args(&job.cmd[1..]).current_dir(bench_dir);
                let res = run_timed(&mut cmd, timeout)
                    .map_err(|e| format!("cannot run {}: {e}", job.cmd[0]))
                    .and_then(|r| check_run(&r, &expected, timeout));
                match res {
                    Ok(secs) => {
                        eprintln!(
                            "{name:>16} {:<10} run {}/{runs}: {secs:.3} s",
                            job.engine.label(),
                            run + 1
                        );
                        times[i].push(secs);
                    }
                    Err(why) => {
                        eprintln!(
                            "{name:>16} {:<10} run {}/{runs}: {why}",
                            job.engine.label(),
                            run + 1
                        );
                        outcomes[i] = Outcome::Failed(why);
                    }
                }
            }
        }
        for job in &jobs {
            let i = job.engine.index();
            if !matches!(outcomes[i], Outcome::Failed(_)) {
                outcomes[i] = Outcome::Timed(std::mem::take(&mut times[i]));
            }
        }
        results.push(ProgramResult {
            name: name.clone(),
            outcomes,
        });
    }

    let mut report = String::new();
    let _ = writeln!(report, "# Benchmarks\n");
    let _ = writeln!(
        report,
        "Generated by `make bench` (`tools/src/bin/jsvm-bench.rs`{}) on {}.\n",
        if args.quick { ", `--quick`" } else { "" },
        now_utc()
    );
    let nproc = thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let _ = writeln!(
        report,
        "- Machine: {} ({nproc} cores available)",
        cpu_model()
    );
    let git = version_line(
        "git",
        &[
            "-C",
            &root.display().to_string(),
            "rev-parse",
            "--short",
            "HEAD",
        ],
    );
    let _ = writeln!(
        report,
        "- jsvm: `{} run`, commit {}",
        jsvm.display(),
        git.as_deref().unwrap_or("?")
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    if !load.is_empty() {
        let _ = writeln!(
            report,
            "- Load average at the end (1, 5, 15 min): {}",
            load.join(" ")
        );
    }
    let _ = writeln!(
        report,
        "- PHP: {}",
        php_version.as_deref().unwrap_or("not run")
    );
    let _ = writeln!(
        report,
        "- C: {}",
        gcc_version.as_deref().unwrap_or("not run")
    );
    let _ = writeln!(
        report,
        "- Programs: `{}`; median of {runs} run(s) per engine, wall seconds including process start-up; \
         time-out {:.0} s per run. Ratios below 1 mean jsvm is faster.\n\n\
         jsvm: `--tier=interp` (the interpreter); jsvm-jit: `--tier=jit` (every function compiled by \
         LLVM before running, without a profile); jsvm-auto: `--tier=auto`, the default (profiled \
         in the interpreter, hot functions compiled in the background with the profile's type \
         guards and inlining, long loops entered by OSR).\n",
        bench_dir.display(),
        timeout.as_secs_f64()
    );
    if php_version.is_some() {
        let _ = writeln!(
            report,
            "PHP interp: `php {}`; PHP JIT: `php {}`.\n",
            PHP_INTERP.join(" "),
            PHP_JIT.join(" ")
        );
    }
    report.push_str(&format_table(&results));
    let want =
        |s: &str| !args.quick && (args.sections.is_empty() || args.sections.iter().any(|x| x == s));
    if want("memory") {
        report.push_str(&memory_section(jsvm, tmp, timeout));
    }
    if want("profiling") {
        report.push_str(&profiling_section(jsvm, bench_dir, runs, timeout));
    }
    if want("pipeline") {
        report.push_str(&pipeline_section(jsvm, bench_dir, runs, timeout));
    }
    if want("startup") {
        report.push_str(&startup_section(jsvm, tmp, runs, timeout));
    }
    if want("warmup") {
        report.push_str(&warmup_section(jsvm, tmp, root, runs, timeout));
    }
    if want("serve") {
        report.push_str(&serve_warmup_section(jsvm, tmp, root, runs, timeout));
    }
    if want("layout") {
        report.push_str(&layout_section(jsvm, tmp, runs, timeout));
    }
    println!("{report}");

    let output = match (&args.output, args.quick) {
        (Some(p), _) => Some(p.clone()),
        (None, false) => Some(root.join("BENCHMARKS.md")),
        (None, true) => None,
    };
    if let Some(out) = output {
        std::fs::write(&out, &report).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!("jsvm-bench: wrote {}", out.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn ratio_formats() {
        assert_eq!(ratio(Some(1.0), Some(4.0)), "0.25");
        assert_eq!(ratio(None, Some(4.0)), "—");
        assert_eq!(ratio(Some(1.0), Some(0.0)), "—");
    }

    #[test]
    fn table_rows_and_skips() {
        let results = vec![
            ProgramResult {
                name: "fib".into(),
                outcomes: [
                    Outcome::Timed(vec![2.0, 1.0, 3.0]),
                    Outcome::Timed(vec![1.0]),
                    Outcome::Timed(vec![0.5]),
                    Outcome::Timed(vec![8.0]),
                    Outcome::Timed(vec![4.0]),
                    Outcome::Timed(vec![0.5]),
                ],
            },
            ProgramResult {
                name: "nbody".into(),
                outcomes: [
                    Outcome::Failed("exit status 1: `no classes`".into()),
                    Outcome::Failed("exit status 1: `no classes`".into()),
                    Outcome::Failed("time-out".into()),
                    Outcome::Timed(vec![1.0]),
                    Outcome::Failed("wrong output".into()),
                    Outcome::NotRun("no nbody.c".into()),
                ],
            },
        ];
        let t = format_table(&results);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].starts_with(
            "| program | jsvm (s) | jsvm-jit (s) | jsvm-auto (s) | PHP interp (s) | PHP JIT (s) | C -O2 (s) |"
        ));
        assert!(lines[0].ends_with(" jsvm-auto / PHP JIT | jsvm-auto / C |"));
        assert_eq!(lines[1], format!("|---|{}", "---:|".repeat(13)));
        assert_eq!(
            lines[2],
            "| fib | 2.000 | 1.000 | 0.500 | 8.000 | 4.000 | 0.500 | 0.25 | 0.50 | 4.00 | 0.25 | 2.00 | 0.12 | 1.00 |"
        );
        assert_eq!(
            lines[3],
            "| nbody | skipped | skipped | skipped | 1.000 | FAIL | — | — | — | — | — | — | — | — |"
        );
        assert!(t.contains("- `nbody` (jsvm-jit): exit status 1: `no classes`"));
        assert!(t.contains("- `nbody` (jsvm-auto): time-out"));
        assert!(t.contains("- `nbody`: exit status 1: `no classes`"));
        assert!(t.contains("- `nbody` with PHP JIT: wrong output"));
        assert!(!t.contains("with jsvm"));
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
    }

    /// A row is the element-wise median of its runs; its loss counts the start-up and each
    /// median period's excess; its own-steady-state loss and time to steady state are medians of
    /// each run's; t_ss is the median of the compiled rows' steady periods.
    #[test]
    fn a_warm_row_reduces_its_runs_as_the_report_says() {
        let ms = 1e6;
        // 16 requests: the first takes `first` ms, five take 5 ms, then ten take 1 ms.
        let run = |startup: f64, first: f64| {
            let mut periods = vec![first * ms];
            periods.extend([5.0 * ms; 5]);
            periods.extend([ms; 10]);
            WarmRun {
                periods,
                startup: startup * ms,
                exit: ms,
                wall: 100.0 * ms,
            }
        };
        let runs = [run(3.0, 5.0), run(4.0, 7.0), run(5.0, 9.0)];
        let row = WarmRow::of("a", &runs).expect("a row");
        assert_eq!(
            (row.per[0], row.per[1], row.per[15]),
            (7.0 * ms, 5.0 * ms, ms)
        );
        assert_eq!(row.startup, 4.0 * ms);
        // 4 ms of start-up + (7 - 1) + 5 × (5 - 1).
        assert_eq!(row.loss_at(ms), 30.0);
        // Each run's: 3 + 4 + 20, 4 + 6 + 20, 5 + 8 + 20.
        assert_eq!(row.own, 30.0);
        // Ten requests from the third on have a median of 1 ms (the second's ten: 3 ms), so
        // each run is ready after its start-up and first two requests: 13, 16, 19 ms.
        assert_eq!(row.ready, 16.0);
        assert!(WarmRow::of("none", &[]).is_none());
        let flat = |p: f64| WarmRun {
            periods: vec![p * ms; 16],
            startup: ms,
            exit: ms,
            wall: 100.0 * ms,
        };
        let interp = [flat(9.0)];
        let slow = [flat(3.0)];
        let rows = [
            row,
            WarmRow::of("interpreter only", &interp).expect("row"),
            WarmRow::of("b", &slow).expect("row"),
        ];
        // The interpreter's 9 ms is left out: the median of 1 and 3 ms, and the fastest.
        assert_eq!(common_steady(&rows), (2.0 * ms, ms));
    }

    #[test]
    fn a_warm_run_has_periods_start_up_and_exit() {
        // Spawned at 1,000 ns; requests start at 3,000, 3,500 and 3,700 ns; the process was
        // reaped 5,000 ns after the spawn.
        let r = RunOutput {
            code: Some(0),
            timed_out: false,
            stdout: b"request 0 400 3000\nrequest 1 150 3500\nrequest 2 100 3700\nchecksum 1\n"
                .to_vec(),
            stderr: vec![],
            secs: 5e-6,
            spawned_ns: 1000,
        };
        let w = warm_run(&r).expect("requests");
        assert_eq!(w.periods, vec![500.0, 200.0, 100.0]);
        assert_eq!(w.startup, 2000.0);
        assert_eq!(w.exit, 5000.0 - 2800.0);
        let none = RunOutput {
            stdout: b"checksum 1\n".to_vec(),
            ..r
        };
        assert!(warm_run(&none).is_none());
    }

    #[test]
    fn run_timed_waits_for_the_end_and_kills_at_the_time_out() {
        let r = run_timed(
            Command::new("sh").args(["-c", "sleep 0.05; echo done"]),
            Duration::from_secs(5),
        )
        .expect("runs");
        assert_eq!(r.code, Some(0));
        assert_eq!(r.stdout, b"done\n");
        assert!(r.secs >= 0.05 && r.secs < 2.0, "{}", r.secs);
        let r =
            run_timed(Command::new("sleep").arg("5"), Duration::from_millis(100)).expect("runs");
        assert!(r.timed_out && r.code.is_none());
        assert!(r.secs < 2.0, "{}", r.secs);
    }

    #[test]
    fn check_run_reports() {
        let t = Duration::from_secs(1);
        let ok = RunOutput {
            code: Some(0),
            timed_out: false,
            stdout: b"x\n".to_vec(),
            stderr: vec![],
            secs: 0.5,
            spawned_ns: 0,
        };
        assert_eq!(check_run(&ok, b"x\n", t), Ok(0.5));
        assert!(check_run(&ok, b"y\n", t)
            .unwrap_err()
            .starts_with("wrong output"));
        let bad = RunOutput {
            code: Some(255),
            timed_out: false,
            stdout: vec![],
            stderr: b"Fatal error: E\n".to_vec(),
            secs: 0.1,
            spawned_ns: 0,
        };
        assert_eq!(
            check_run(&bad, b"x\n", t).unwrap_err(),
            "exit status 255: `Fatal error: E`"
        );
    }
}

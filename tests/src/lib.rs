//! Integration tests for jsvm: conformance runner (every mode), insta snapshots, end-to-end tests.
//!
//! This library holds the pieces of the conformance runner (`tests/conformance.rs`):
//! - [`MODES`]: the execution modes every program runs in (one line per mode);
//! - [`discover`]: the test cases of a folder (`NAME.hack` + `NAME.out`, optional
//!   `NAME.err` = expected first line of stderr, optional `NAME.status` = exit status,
//!   default 0), as in `shared/conformance/check.sh`;
//! - [`KnownFailures`]: the `tests/known_failures` list (`NAME  reason` lines);
//! - [`locate_jsvm`]: where the `jsvm` binary is (env `JSVM_BIN`, else next to the
//!   test executable in `target/<profile>/`);
//! - [`run_case`]: run one program with a time-out and compare stdout, the first
//!   stderr line and the exit status, with a unified diff on mismatch.

use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// One execution mode: its name (the first part of every test name) and the
/// `jsvm` arguments put before the program's path.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// Name used in test names, `JSVM_MODES` and `known_failures` entries.
    pub name: &'static str,
    /// Arguments to `jsvm` before the `.hack` path.
    pub args: &'static [&'static str],
    /// Jump-Start: first run the program as a seeder (`run --jumpstart-mode=seed`, output not
    /// checked) writing a temporary profile, then run `args` with `--jumpstart=<that file>`
    /// and check that run (HHVM's `run.php --jit-serialize`).
    pub seed_first: bool,
    /// Object cache: run `args` once with `--object-cache=<a fresh folder>` (output not
    /// checked), which stores every compiled object, then again and check that run, whose
    /// functions load their objects from the cache.
    pub object_cache: bool,
    /// `jsvm serve`: `args` start a server on a free port; the program runs as two requests
    /// (`GET /`), each of whose responses must be the expected output (see [`run_case`]).
    pub serve: bool,
}

/// A consumer that compiles the profile's batch in the background.
const JUMPSTART: &[&str] = &["run", "--jumpstart-mode=consume-or-fail", "--hot-calls=1"];

/// A consumer that compiles the profile's batch before running.
const JUMPSTART_WAIT: &[&str] = &[
    "run",
    "--jumpstart-mode=consume-or-fail",
    "--jumpstart-wait",
    "--hot-calls=1",
];

/// A consumer that compiles the quick tier before running, the batch in the background.
const JUMPSTART_WAIT_QUICK: &[&str] = &[
    "run",
    "--jumpstart-mode=consume-or-fail",
    "--jumpstart-wait=quick",
    "--hot-calls=1",
];

/// Every mode the runner knows. Adding a mode is one line here; which modes run
/// is chosen with env `JSVM_MODES` (comma-separated, default [`DEFAULT_MODES`]).
pub const MODES: &[Mode] = &[
    Mode {
        name: "interp",
        args: &["run", "--tier=interp"],
        seed_first: false,
        object_cache: false,
        serve: false,
    },
    Mode {
        name: "jit",
        args: &["run", "--tier=jit"],
        seed_first: false,
        object_cache: false,
        serve: false,
    },
    Mode {
        name: "auto",
        args: &["run", "--tier=auto"],
        seed_first: false,
        object_cache: false,
        serve: false,
    },
    // Stress: every function that runs is compiled in the background after its first call, so
    // calls switch tiers at unpredictable points.
    Mode {
        name: "auto-stress",
        args: &["run", "--tier=auto", "--hot-calls=1"],
        seed_first: false,
        object_cache: false,
        serve: false,
    },
    // Stress: speculation on one sample, OSR at the first back-edge, every third guard check
    // deoptimizes on purpose, all compiled synchronously (deterministic).
    Mode {
        name: "auto-deopt",
        args: &[
            "run",
            "--tier=auto",
            "--hot-calls=2",
            "--osr-threshold=1",
            "--spec-min-samples=1",
            "--deopt-every=3",
            "--sync-compile",
        ],
        seed_first: false,
        object_cache: false,
        serve: false,
    },
    // The consumer compiles every profiled function (`--hot-calls=1`: all are hot), with the
    // profile's layout, speculation and inlining.
    Mode {
        name: "jumpstart",
        args: JUMPSTART,
        seed_first: true,
        object_cache: false,
        serve: false,
    },
    Mode {
        name: "jumpstart-wait",
        args: JUMPSTART_WAIT,
        seed_first: true,
        object_cache: false,
        serve: false,
    },
    Mode {
        name: "jumpstart-wait-quick",
        args: JUMPSTART_WAIT_QUICK,
        seed_first: true,
        object_cache: false,
        serve: false,
    },
    // The consumers of `jumpstart` and `jumpstart-wait` with a warm object cache: the batch's
    // objects come from the cache that an identical earlier run filled (in the background: all
    // of them before running, without LLVM).
    Mode {
        name: "jumpstart-cached",
        args: JUMPSTART,
        seed_first: true,
        object_cache: true,
        serve: false,
    },
    Mode {
        name: "jumpstart-wait-cached",
        args: JUMPSTART_WAIT,
        seed_first: true,
        object_cache: true,
        serve: false,
    },
    // The program as a web app: two requests to one server, the first profiled in the
    // interpreter, then the retranslate-all batch (every function that ran) compiles in the
    // background while the second runs, in a fresh request heap and context.
    Mode {
        name: "serve",
        args: &[
            "serve",
            "--listen=127.0.0.1:0",
            "--max-requests=2",
            "--retranslate-all=1",
            "--hot-calls=1",
        ],
        seed_first: false,
        object_cache: false,
        serve: true,
    },
];

/// Modes run when `JSVM_MODES` is not set.
pub const DEFAULT_MODES: &str =
    "interp,jit,auto,auto-stress,auto-deopt,jumpstart,jumpstart-wait-quick,jumpstart-cached,jumpstart-wait-cached,serve";

/// Default time-out for one program run (env `JSVM_TEST_TIMEOUT`, seconds).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Selects modes from a comma-separated list such as `"interp,jit"`.
pub fn select_modes(list: &str) -> Result<Vec<Mode>, String> {
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match MODES.iter().find(|m| m.name == name) {
            Some(m) => out.push(*m),
            None => {
                let known: Vec<_> = MODES.iter().map(|m| m.name).collect();
                return Err(format!(
                    "unknown mode {name:?} in JSVM_MODES; known modes: {}",
                    known.join(", ")
                ));
            }
        }
    }
    if out.is_empty() {
        return Err("JSVM_MODES selects no mode".to_string());
    }
    Ok(out)
}

/// One conformance program and its expectations.
#[derive(Debug, Clone)]
pub struct Case {
    /// Which folder it comes from (`shared` or `own`), part of the test name.
    pub suite: String,
    /// File stem: `NAME` of `NAME.hack`.
    pub name: String,
    /// Path of `NAME.hack`.
    pub hack: PathBuf,
    /// Path of `NAME.out` (may be missing; the test then fails with a clear message).
    pub out: PathBuf,
    /// Path of `NAME.err` if it exists.
    pub err: Option<PathBuf>,
    /// Path of `NAME.status` if it exists.
    pub status: Option<PathBuf>,
}

/// Lists the `*.hack` programs of `dir`, sorted by name.
pub fn discover(suite: &str, dir: &Path) -> io::Result<Vec<Case>> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("hack") || !path.is_file() {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let sibling = |ext: &str| dir.join(format!("{name}.{ext}"));
        let opt = |p: PathBuf| p.is_file().then_some(p);
        cases.push(Case {
            suite: suite.to_string(),
            name: name.to_string(),
            hack: path.clone(),
            out: sibling("out"),
            err: opt(sibling("err")),
            status: opt(sibling("status")),
        });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}

/// The test name of `case` in `mode`: `MODE::SUITE::NAME`.
pub fn test_name(mode: &Mode, case: &Case) -> String {
    format!("{}::{}::{}", mode.name, case.suite, case.name)
}

/// One entry of `tests/known_failures`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownFailure {
    /// `NAME` (every mode and suite), or a `::`-qualified suffix of a test name
    /// such as `jit::shared::closures` (only that mode) or `own::foo`.
    pub pattern: String,
    /// Why it fails (free text, e.g. `needs classes (issue 5)`).
    pub reason: String,
    /// 1-based line in the file, for messages.
    pub line: usize,
}

/// The parsed `tests/known_failures` file.
///
/// Format: one entry per line, `PATTERN  reason text`; blank lines and lines
/// starting with `#` are ignored. A known failure that fails is reported as
/// ignored; one that passes fails the run, so the list stays honest.
#[derive(Debug, Clone, Default)]
pub struct KnownFailures {
    /// Entries in file order.
    pub entries: Vec<KnownFailure>,
}

impl KnownFailures {
    /// Parses the file's text. Duplicate patterns are an error.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut entries: Vec<KnownFailure> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (pattern, reason) = match line.split_once(char::is_whitespace) {
                Some((p, r)) => (p, r.trim()),
                None => (line, ""),
            };
            if reason.is_empty() {
                return Err(format!(
                    "known_failures:{}: `{pattern}` has no reason",
                    i + 1
                ));
            }
            if let Some(prev) = entries.iter().find(|e| e.pattern == pattern) {
                return Err(format!(
                    "known_failures:{}: `{pattern}` already listed on line {}",
                    i + 1,
                    prev.line
                ));
            }
            entries.push(KnownFailure {
                pattern: pattern.to_string(),
                reason: reason.to_string(),
                line: i + 1,
            });
        }
        Ok(Self { entries })
    }

    /// Reads and parses a file; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The entry matching the full test name `MODE::SUITE::NAME`, if any.
    pub fn lookup(&self, test_name: &str) -> Option<&KnownFailure> {
        self.entries
            .iter()
            .find(|e| matches_pattern(&e.pattern, test_name))
    }
}

/// Whether `pattern` is `test_name` or a `::`-separated suffix of it.
pub fn matches_pattern(pattern: &str, test_name: &str) -> bool {
    test_name == pattern
        || test_name
            .strip_suffix(pattern)
            .is_some_and(|head| head.ends_with("::"))
}

/// Finds the `jsvm` binary: env `JSVM_BIN`, else `jsvm` in the folder of the
/// running test executable's profile (`target/<profile>/deps/..`), so
/// `cargo test` uses the binary of the same profile and target dir.
pub fn locate_jsvm() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("JSVM_BIN") {
        let bin = PathBuf::from(bin);
        return if bin.is_file() {
            Ok(bin)
        } else {
            Err(format!("JSVM_BIN={} does not exist", bin.display()))
        };
    }
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot find the test executable: {e}"))?;
    // .../target/<profile>/deps/conformance-<hash>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("test executable has no target dir")?;
    let bin = profile_dir.join(format!("jsvm{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        Ok(bin)
    } else {
        let profile = profile_dir
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("?");
        let flag = match profile {
            "debug" => String::new(),
            "release" => " --release".to_string(),
            other => format!(" --profile {other}"),
        };
        Err(format!(
            "the jsvm binary is missing: {}\n\
             `cargo test` does not build other packages' binaries. Build it first with\n\
             \x20   cargo build -p jsvm{flag}\n\
             (same profile and target dir as the tests), or point JSVM_BIN at a jsvm binary.\n\
             `make test` does both steps.",
            bin.display()
        ))
    }
}

/// What a finished (or killed) program did.
#[derive(Debug)]
pub struct RunOutput {
    /// Exit status; `None` if it was killed after the time-out.
    pub status: Option<ExitStatus>,
    /// Captured stdout.
    pub stdout: Vec<u8>,
    /// Captured stderr.
    pub stderr: Vec<u8>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Runs `cmd` with stdin closed, capturing stdout and stderr, and kills it
/// once `timeout` has passed.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> io::Result<RunOutput> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out_t = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err_t = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        if let Some(st) = child.try_wait()? {
            break Some(st);
        }
        if start.elapsed() >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    Ok(RunOutput {
        status,
        stdout,
        stderr,
        elapsed: start.elapsed(),
    })
}

/// A unified diff of `expected` against `actual`, at most `max_lines` lines.
pub fn unified_diff(
    expected: &str,
    actual: &str,
    expected_name: &str,
    actual_name: &str,
    max_lines: usize,
) -> String {
    let diff = similar::TextDiff::from_lines(expected, actual);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(expected_name, actual_name)
        .to_string();
    let mut lines = text.lines();
    let mut out: String = lines
        .by_ref()
        .take(max_lines)
        .fold(String::new(), |mut s, l| {
            s.push_str(l);
            s.push('\n');
            s
        });
    let rest = lines.count();
    if rest > 0 {
        let _ = writeln!(out, "... ({rest} more diff lines)");
    }
    out
}

/// Parses a `NAME.status` file (an integer, surrounding whitespace ignored).
pub fn parse_status(text: &str) -> Result<i32, String> {
    text.trim()
        .parse::<i32>()
        .map_err(|e| format!("bad status file content {:?}: {e}", text.trim()))
}

/// Compares what the program did with what the case expects; `Err` holds a
/// readable report (problems first, then the stdout diff and stderr).
pub fn check_output(case: &Case, run: &RunOutput, timeout: Duration) -> Result<(), String> {
    let expected_out = read(&case.out)?;
    let want_status = expected_status(case)?;
    let mut problems: Vec<String> = Vec::new();
    let mut details = String::new();
    match run.status {
        None => problems.push(format!(
            "timed out after {:.1}s (killed)",
            timeout.as_secs_f64()
        )),
        Some(st) => match st.code() {
            Some(code) if code == want_status => {}
            Some(code) => problems.push(format!("exit status {code}, want {want_status}")),
            None => problems.push(format!(
                "killed by a signal ({st}), want exit status {want_status}"
            )),
        },
    }
    let first_line = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    };
    if let Some(err) = &case.err {
        let want = first_line(&read(err)?);
        let got = first_line(&run.stderr);
        if want != got {
            problems.push(format!(
                "stderr line 1:\n    got:  {got:?}\n    want: {want:?}"
            ));
        }
    }
    if run.stdout != expected_out {
        let exp = String::from_utf8_lossy(&expected_out);
        let act = String::from_utf8_lossy(&run.stdout);
        problems.push("stdout differs".to_string());
        let _ = write!(
            details,
            "\n--- stdout diff ---\n{}",
            unified_diff(&exp, &act, &format!("{}.out", case.name), "stdout", 200)
        );
    }
    if problems.is_empty() {
        return Ok(());
    }
    if !run.stderr.is_empty() {
        let stderr = String::from_utf8_lossy(&run.stderr);
        let shown: Vec<&str> = stderr.lines().take(20).collect();
        let _ = write!(
            details,
            "\n--- stderr (first {} lines) ---\n{}\n",
            shown.len(),
            shown.join("\n")
        );
    }
    Err(format!(
        "{}: {}{details}",
        case.hack.display(),
        problems.join("; ")
    ))
}

/// Whether `case` expects its program refused before it runs: exit status 1 (jsvm's status
/// for a declaration or syntax error) with nothing on stdout.
fn refused(case: &Case) -> Result<bool, String> {
    Ok(expected_status(case)? == 1 && read(&case.out)?.is_empty())
}

/// A case file's bytes, or a readable error.
fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

/// The exit status `case` expects (`NAME.status`, else 0).
fn expected_status(case: &Case) -> Result<i32, String> {
    match &case.status {
        Some(p) => parse_status(&String::from_utf8_lossy(&read(p)?)),
        None => Ok(0),
    }
}

/// Runs `case` with `jsvm` in `mode` and checks it.
pub fn run_case(jsvm: &Path, mode: &Mode, case: &Case, timeout: Duration) -> Result<(), String> {
    if !case.out.is_file() {
        return Err(format!(
            "{} has no expected output {}",
            case.hack.display(),
            case.out.display()
        ));
    }
    if mode.serve {
        return serve_case(jsvm, mode, case, timeout);
    }
    let profile = std::env::temp_dir().join(format!(
        "jsvm-conformance-{}-{}-{}-{}.jsp",
        std::process::id(),
        mode.name,
        case.suite,
        case.name
    ));
    let objects = profile.with_extension("objects");
    let command = |args: &[&str], extra: Option<String>| {
        let mut cmd = Command::new(jsvm);
        cmd.args(args);
        if let Some(e) = extra {
            cmd.arg(e);
        }
        if mode.object_cache && args == mode.args {
            cmd.arg(format!("--object-cache={}", objects.display()));
        }
        cmd.arg(&case.hack);
        if let Some(dir) = case.hack.parent() {
            cmd.current_dir(dir);
        }
        cmd
    };
    let jsp = mode
        .seed_first
        .then(|| format!("--jumpstart={}", profile.display()));
    if let Some(jsp) = &jsp {
        let mut seed = command(&["run", "--jumpstart-mode=seed"], Some(jsp.clone()));
        let r = run_with_timeout(&mut seed, timeout)
            .map_err(|e| format!("cannot run {}: {e}", jsvm.display()))?;
        if r.status.is_none() || !profile.is_file() {
            let _ = std::fs::remove_file(&profile);
            // A program refused before it runs (a declaration or syntax error) seeds nothing:
            // the seeder's refusal is the run checked.
            if refused(case)? {
                return check_output(case, &r, timeout);
            }
            return Err(format!(
                "the seeder run wrote no profile (killed: {}); stderr:\n{}",
                r.status.is_none(),
                String::from_utf8_lossy(&r.stderr)
            ));
        }
    }
    if mode.object_cache {
        let mut prime = command(mode.args, jsp.clone());
        run_with_timeout(&mut prime, timeout)
            .map_err(|e| format!("cannot run {}: {e}", jsvm.display()))?;
    }
    let mut cmd = command(mode.args, jsp);
    let run = run_with_timeout(&mut cmd, timeout)
        .map_err(|e| format!("cannot run {}: {e}", jsvm.display()));
    let _ = std::fs::remove_file(&profile);
    let _ = std::fs::remove_dir_all(&objects);
    check_output(case, &run?, timeout)
}

/// A `jsvm serve` process, killed when dropped if it is still running.
pub struct Server {
    child: std::process::Child,
    /// Where it listens.
    pub addr: std::net::SocketAddr,
    /// The rest of its stderr, once it exits.
    stderr: Option<thread::JoinHandle<Vec<u8>>>,
}

impl Server {
    /// Start `jsvm ARGS PROGRAM` (ARGS begin with `serve` and should listen on port 0) in
    /// `cwd`, and wait up to `timeout` for its `serving http://ADDR` line.
    pub fn start(
        jsvm: &Path,
        args: &[&str],
        program: &Path,
        cwd: Option<&Path>,
        timeout: Duration,
    ) -> Result<Server, String> {
        use std::io::BufRead;
        let mut cmd = Command::new(jsvm);
        cmd.args(args)
            .arg(program)
            .env_remove("JSVM_JUMPSTART_OFF")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(d) = cwd {
            cmd.current_dir(d);
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", jsvm.display()))?;
        let pipe = child.stderr.take().ok_or("no stderr pipe")?;
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = thread::spawn(move || {
            let mut rest = Vec::new();
            let mut lines = io::BufReader::new(pipe);
            let mut line = String::new();
            let mut announced = false;
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                if !announced {
                    if let Some(a) = line
                        .strip_prefix("jsvm: serving http://")
                        .and_then(|r| r.split_whitespace().next())
                        .and_then(|a| a.parse::<std::net::SocketAddr>().ok())
                    {
                        announced = true;
                        let _ = tx.send(Ok(a));
                        line.clear();
                        continue;
                    }
                }
                rest.extend_from_slice(line.as_bytes());
                line.clear();
            }
            if !announced {
                let _ = tx.send(Err(String::from_utf8_lossy(&rest).into_owned()));
            }
            rest
        });
        match rx.recv_timeout(timeout) {
            Ok(Ok(addr)) => Ok(Server {
                child,
                addr,
                stderr: Some(stderr),
            }),
            Ok(Err(err)) => {
                let _ = child.wait();
                Err(format!("the server did not start; stderr:\n{err}"))
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!("the server did not listen within {timeout:?}"))
            }
        }
    }

    /// A client connection to it; requests time out after `timeout`.
    pub fn client(&self, timeout: Duration) -> Result<jsvm::http_client::Client, String> {
        jsvm::http_client::Client::connect(self.addr, timeout).map_err(|e| e.to_string())
    }

    /// Send SIGTERM (`kill -TERM`), as a process manager stops a server.
    pub fn terminate(&self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
    }

    /// Wait up to `timeout` for it to exit (then kill it): its exit status (`None`: killed) and
    /// what it wrote to stderr after the listening line.
    pub fn wait(mut self, timeout: Duration) -> (Option<ExitStatus>, Vec<u8>) {
        let start = Instant::now();
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(st)) => break Some(st),
                Ok(None) if start.elapsed() < timeout => thread::sleep(Duration::from_millis(5)),
                _ => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break None;
                }
            }
        };
        let err = self
            .stderr
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default();
        (status, err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The serve mode of [`run_case`]: the program as two requests to one server. Each response
/// must be the expected output: status 200 when the program ends normally or by `exit()`
/// (PHP's web SAPI answers 200 for any exit status); 500 for an uncaught exception or a fatal
/// error (expected exit status 255), with the error line (`NAME.err`) after the output.
fn serve_case(jsvm: &Path, mode: &Mode, case: &Case, timeout: Duration) -> Result<(), String> {
    let expected = read(&case.out)?;
    let want_status = expected_status(case)?;
    let want_err = match &case.err {
        Some(p) => Some(
            String::from_utf8_lossy(&read(p)?)
                .lines()
                .next()
                .unwrap_or("")
                .to_string(),
        ),
        None => None,
    };
    // A program refused before it runs never serves: the refusal (stderr, status) is checked.
    if refused(case)? {
        let mut cmd = Command::new(jsvm);
        cmd.args(mode.args).arg(&case.hack);
        if let Some(dir) = case.hack.parent() {
            cmd.current_dir(dir);
        }
        let r = run_with_timeout(&mut cmd, timeout)
            .map_err(|e| format!("cannot run {}: {e}", jsvm.display()))?;
        return check_output(case, &r, timeout);
    }
    let server = Server::start(jsvm, mode.args, &case.hack, case.hack.parent(), timeout)?;
    let mut client = server.client(timeout)?;
    for i in 1..=2 {
        let a = client.get("/").map_err(|e| format!("request {i}: {e}"))?;
        let body = a.body.as_slice();
        let Some(rest) = body.strip_prefix(expected.as_slice()) else {
            let exp = String::from_utf8_lossy(&expected);
            return Err(format!(
                "request {i}: status {}, body differs\n{}",
                a.status,
                unified_diff(&exp, &a.text(), &format!("{}.out", case.name), "body", 200)
            ));
        };
        let rest = String::from_utf8_lossy(rest);
        match a.status {
            200 if want_status != 255 && rest.is_empty() => {}
            500 if want_status == 255 => {
                // (The error line starts a line of its own.)
                let rest = rest.strip_prefix('\n').unwrap_or(&rest);
                let line = rest.lines().next().unwrap_or("");
                if let Some(w) = &want_err {
                    if line != w {
                        return Err(format!(
                            "request {i}: error line\n    got:  {line:?}\n    want: {w:?}"
                        ));
                    }
                }
            }
            s => {
                return Err(format!(
                    "request {i}: status {s} (exit status {want_status} expected), after the output: {rest:?}"
                ))
            }
        }
    }
    drop(client);
    let (status, err) = server.wait(timeout);
    match status {
        Some(st) if st.success() => Ok(()),
        st => Err(format!(
            "the server did not exit cleanly after its last request ({st:?}); stderr:\n{}",
            String::from_utf8_lossy(&err)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_failures_parse_and_match() {
        let kf = KnownFailures::parse(
            "# comment\n\nclosures  needs closures (issue 7)\njit::shared::enums\tjit only\n",
        )
        .unwrap();
        assert_eq!(kf.entries.len(), 2);
        assert_eq!(kf.entries[0].reason, "needs closures (issue 7)");
        assert_eq!(kf.lookup("interp::shared::closures").unwrap().line, 3);
        assert!(kf.lookup("interp::shared::enums").is_none());
        assert!(kf.lookup("jit::shared::enums").is_some());
        assert!(kf.lookup("interp::shared::my_closures").is_none());
    }

    #[test]
    fn known_failures_reject_bad_lines() {
        assert!(KnownFailures::parse("closures\n")
            .unwrap_err()
            .contains("no reason"));
        assert!(KnownFailures::parse("a x\na y\n")
            .unwrap_err()
            .contains("already listed"));
    }

    #[test]
    fn modes_select() {
        assert_eq!(select_modes(DEFAULT_MODES).unwrap()[0].name, "interp");
        assert!(select_modes("interp,nope").is_err());
        assert!(select_modes(" , ").is_err());
    }

    #[test]
    fn diff_is_unified() {
        let d = unified_diff("a\nb\nc\n", "a\nB\nc\n", "x.out", "stdout", 100);
        assert!(
            d.contains("--- x.out") && d.contains("-b") && d.contains("+B"),
            "{d}"
        );
    }

    #[test]
    fn timeout_kills() {
        let mut cmd = Command::new("sleep");
        cmd.arg("5");
        let r = run_with_timeout(&mut cmd, Duration::from_millis(100)).unwrap();
        assert!(r.status.is_none());
        assert!(r.elapsed < Duration::from_secs(4));
    }

    #[test]
    fn check_reports_every_problem() {
        let dir = std::env::temp_dir().join(format!("jsvm-tests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("t.hack"), "<?hh\n").unwrap();
        std::fs::write(dir.join("t.out"), "hello\n").unwrap();
        std::fs::write(dir.join("t.err"), "Fatal error: Uncaught E: x\n").unwrap();
        std::fs::write(dir.join("t.status"), "255\n").unwrap();
        let case = discover("own", &dir).unwrap().remove(0);
        let mut cmd = Command::new("sh");
        cmd.args([
            "-c",
            "echo hello; echo 'Fatal error: Uncaught E: x' >&2; exit 255",
        ]);
        let ok = run_with_timeout(&mut cmd, DEFAULT_TIMEOUT).unwrap();
        assert_eq!(check_output(&case, &ok, DEFAULT_TIMEOUT), Ok(()));
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo bye; exit 1"]);
        let bad = run_with_timeout(&mut cmd, DEFAULT_TIMEOUT).unwrap();
        let msg = check_output(&case, &bad, DEFAULT_TIMEOUT).unwrap_err();
        assert!(msg.contains("exit status 1, want 255"), "{msg}");
        assert!(msg.contains("stderr line 1"), "{msg}");
        assert!(msg.contains("+bye"), "{msg}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Conformance runner: one named test `MODE::SUITE::NAME` per `.hack` program and mode.
//!
//! Suites: `shared` = `../../shared/conformance` (relative to this crate; the
//! project-independent oracle tests) and `own` = `tests/conformance` (the
//! project's own). Modes come from env `JSVM_MODES` (default `interp,jit`, see
//! `jsvm_tests::MODES`). Programs listed in `tests/known_failures` are expected
//! to fail: a failure is reported as ignored, a pass fails the run.
//!
//! Environment: `JSVM_BIN` (the binary; default `target/<profile>/jsvm`),
//! `JSVM_MODES`, `JSVM_TEST_TIMEOUT` (seconds per program, default 10).
//! Usual libtest arguments work: `cargo test -p jsvm-tests --test conformance -- closures`.

use jsvm_tests::{
    discover, locate_jsvm, run_case, select_modes, test_name, Case, KnownFailures, DEFAULT_MODES,
    DEFAULT_TIMEOUT,
};
use libtest_mimic::{Arguments, Completion, Failed, Trial};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A trial that fails at once with `msg` (set-up problems are reported as tests).
fn failing(name: &str, msg: String) -> Trial {
    Trial::test(name, move || Err(Failed::from(msg)))
}

fn build_trials() -> Vec<Trial> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let suites: [(&str, PathBuf, bool); 2] = [
        // (suite, folder, required)
        ("shared", crate_dir.join("../../shared/conformance"), true),
        ("own", crate_dir.join("conformance"), false),
    ];
    let modes =
        match select_modes(&std::env::var("JSVM_MODES").unwrap_or_else(|_| DEFAULT_MODES.into())) {
            Ok(m) => m,
            Err(e) => return vec![failing("setup::modes", e)],
        };
    let timeout = match std::env::var("JSVM_TEST_TIMEOUT") {
        Ok(s) => match s.trim().parse::<f64>() {
            Ok(secs) if secs > 0.0 => Duration::from_secs_f64(secs),
            _ => {
                return vec![failing(
                    "setup::timeout",
                    format!("bad JSVM_TEST_TIMEOUT={s:?}"),
                )]
            }
        },
        Err(_) => DEFAULT_TIMEOUT,
    };
    let known_path = crate_dir.join("known_failures");
    let known = match KnownFailures::load(&known_path) {
        Ok(k) => Arc::new(k),
        Err(e) => return vec![failing("setup::known_failures", e)],
    };
    let jsvm = match locate_jsvm() {
        Ok(p) => Arc::new(p),
        Err(e) => {
            eprintln!("error: {e}");
            return vec![failing("setup::jsvm_binary", e)];
        }
    };

    // Name the binary and its age, so a stale build is easy to spot.
    let age = std::fs::metadata(&*jsvm)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map_or(String::new(), |d| format!(", built {} s ago", d.as_secs()));
    eprintln!("conformance: using {}{age}", jsvm.display());

    let mut trials = Vec::new();
    let mut cases: Vec<Case> = Vec::new();
    for (suite, dir, required) in &suites {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        match discover(suite, &dir) {
            Ok(c) => cases.extend(c),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => trials.push(failing(
                &format!("setup::suite_{suite}"),
                format!("cannot read conformance folder {}: {e}", dir.display()),
            )),
        }
    }

    let mut names = Vec::new();
    for mode in &modes {
        for case in &cases {
            let name = test_name(mode, case);
            names.push(name.clone());
            let (jsvm, mode, case) = (Arc::clone(&jsvm), *mode, case.clone());
            match known.lookup(&name) {
                None => trials.push(Trial::test(name, move || {
                    run_case(&jsvm, &mode, &case, timeout).map_err(Failed::from)
                })),
                Some(kf) => {
                    let (reason, line) = (kf.reason.clone(), kf.line);
                    let trial = Trial::ignorable_test(name, move || {
                        match run_case(&jsvm, &mode, &case, timeout) {
                        Err(_) => Ok(Completion::ignored_with(format!("known failure: {reason}"))),
                        Ok(()) => Err(Failed::from(format!(
                            "{} now PASSES but is listed in tests/known_failures (line {line}: {reason}); \
                             remove it from known_failures",
                            case.hack.display()
                        ))),
                    }
                    });
                    trials.push(trial.with_kind("known-failure"));
                }
            }
        }
    }

    // Entries that match no test are stale (renamed or deleted programs).
    let stale: Vec<String> = known
        .entries
        .iter()
        .filter(|e| {
            !names
                .iter()
                .any(|n| jsvm_tests::matches_pattern(&e.pattern, n))
        })
        .map(|e| format!("line {}: {}", e.line, e.pattern))
        .collect();
    if !stale.is_empty() {
        trials.push(failing(
            "setup::known_failures_stale",
            format!(
                "{} lists tests that do not exist (in the selected modes); remove them:\n  {}",
                known_path.display(),
                stale.join("\n  ")
            ),
        ));
    }
    trials
}

fn main() {
    let args = Arguments::from_args();
    libtest_mimic::run(&args, build_trials()).exit();
}

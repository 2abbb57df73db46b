//! Tier-up, speculation, deoptimization and on-stack replacement through the `jsvm` binary, with
//! `--sync-compile` so that every switch happens at a known point: a `num` parameter profiled as
//! int then called with a float; a guard inside a loop that fails on its 1000th iteration; a
//! guard that keeps failing (its function goes back to the interpreter and is recompiled without
//! the speculation); guards that fail now and then, above 1% of entries, also send it back; a
//! long loop in the entry point entered in compiled code, and a loop nest entered at its outer
//! loop; a rarely called function with a long loop compiled whole; a stack overflow inside
//! compiled code; the memory limit; output that cannot be written.
//! Each run's output must equal the interpreter's, and `--stats` must show that the mechanism
//! really ran.

use jsvm_tests::locate_jsvm;
use std::path::{Path, PathBuf};
use std::process::Command;

fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("conformance")
        .join(name)
}

fn tmp_program(name: &str, src: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jsvm-tiers-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let p = d.join(name);
    std::fs::write(&p, src).unwrap();
    p
}

/// Stdout, stderr and exit code of `jsvm run ARGS FILE`.
fn run(args: &[&str], file: &Path) -> (String, String, i32) {
    let bin = locate_jsvm().expect("jsvm binary (build it first: cargo build -p jsvm)");
    let o = Command::new(bin)
        .arg("run")
        .args(args)
        .arg(file)
        .output()
        .expect("run jsvm");
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

/// The number after `what` in the `--stats` line `jsvm: osr: ...`.
fn stat(stderr: &str, what: &str) -> u64 {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("jsvm: osr:"))
        .unwrap_or_else(|| panic!("no osr/deopt stats line in:\n{stderr}"));
    let at = line
        .find(what)
        .unwrap_or_else(|| panic!("`{what}` not in `{line}`"));
    line[at + what.len()..]
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after `{what}` in `{line}`"))
}

/// Run `file` in the interpreter and with `args` (plus `--stats --sync-compile`); the outputs
/// must be equal. Returns the second run's stderr.
fn same_as_interp(args: &[&str], file: &Path) -> String {
    let (want, _, code) = run(&["--tier=interp"], file);
    assert_eq!(code, 0, "interpreter run failed");
    let mut a = vec!["--stats", "--sync-compile"];
    a.extend_from_slice(args);
    let (got, err, code) = run(&a, file);
    assert_eq!(code, 0, "{err}");
    assert_eq!(got, want, "{err}");
    err
}

#[test]
fn num_parameter_profiled_as_int_then_called_with_a_float_deopts() {
    let err = same_as_interp(&[], &program("deopt_num_param.hack"));
    // `scale(1.5)` and `scale(-0.25)` fail the int guard of the compiled code.
    assert_eq!(stat(&err, "deopts:"), 2, "{err}");
    // Without speculation the same run never deoptimizes.
    let err = same_as_interp(&["--spec-min-samples=0"], &program("deopt_num_param.hack"));
    assert_eq!(stat(&err, "deopts:"), 0, "{err}");
}

#[test]
fn guard_in_a_loop_fails_on_its_1000th_iteration() {
    // `weigh` is compiled at its third call with 4000 int samples per site; on the fifth call the
    // element at index 999 is a float.
    let err = same_as_interp(
        &["--hot-calls=3", "--osr-threshold=0"],
        &program("deopt_loop_guard.hack"),
    );
    assert_eq!(stat(&err, "deopts:"), 1, "{err}");
}

#[test]
fn a_guard_that_keeps_failing_sends_its_function_back_and_it_is_recompiled() {
    let src = r#"<?hh
function twice(num $x): num {
  return $x * 2;
}

<<__EntryPoint>>
function main(): void {
  $s = 0;
  for ($i = 0; $i < 3000; $i++) {
    $s += twice($i);
  }
  echo $s, "\n";
  $f = 0.0;
  for ($i = 0; $i < 3000; $i++) {
    $f += twice($i + 0.5);
  }
  echo $f, "\n";
}
"#;
    let err = same_as_interp(&["--osr-threshold=0"], &tmp_program("retire.hack", src));
    assert_eq!(stat(&err, "deopts:"), 10, "{err}");
    assert_eq!(stat(&err, "back to the interpreter:"), 1, "{err}");
}

/// The same with a second, untyped parameter: the failing guard is on the typed parameter's
/// checked value, and the recompile must see its failures there (it used to look only at the
/// parameter itself, so every recompiled version guarded again and was sent back after its
/// first failure: 1,024 recompiles).
#[test]
fn a_failing_guard_on_a_checked_parameter_is_not_placed_again() {
    let src = r#"<?hh
function k(num $a, mixed $b): void {}

<<__EntryPoint>>
function main(): void {
  for ($i = 0; $i < 2500; $i++) {
    k($i < 1398 ? -2.5 : 1, 7);
  }
  echo "done\n";
}
"#;
    let err = same_as_interp(&["--osr-threshold=0"], &tmp_program("retire2.hack", src));
    assert_eq!(stat(&err, "deopts:"), 10, "{err}");
    assert_eq!(stat(&err, "back to the interpreter:"), 1, "{err}");
}

/// Three guards that each fail only now and then (every 20th call, in turn: about 8 failures
/// each, never the 10 of one guard) still send their function back once its deopts reach 10
/// and exceed 1% of its compiled entries; the recompiled code has none of the three guards, so
/// there are no more deopts. (Without the 1% rule: 25 deopts, nothing sent back.)
#[test]
fn deopts_above_one_percent_of_entries_send_the_function_back() {
    let src = r#"<?hh
function mix(num $a, num $b, num $c): num {
  return $a * 3 + $b * 5 + $c * 7;
}

<<__EntryPoint>>
function main(): void {
  $s = 0.0;
  for ($i = 0; $i < 700; $i++) {
    $a = $i; $b = $i + 1; $c = $i + 2;
    if ($i >= 200 && $i % 20 === 0) {
      $k = intdiv($i, 20) % 3;
      if ($k === 0) { $a = $a + 0.5; } else if ($k === 1) { $b = $b + 0.5; } else { $c = $c + 0.5; }
    }
    $s += mix($a, $b, $c);
  }
  echo $s, "\n";
}
"#;
    let err = same_as_interp(
        &["--osr-threshold=0", "--hot-calls=200"],
        &tmp_program("deopt_share.hack", src),
    );
    assert_eq!(stat(&err, "deopts:"), 10, "{err}");
    assert_eq!(stat(&err, "back to the interpreter:"), 1, "{err}");
}

#[test]
fn long_loop_in_the_entry_point_is_entered_in_compiled_code() {
    let err = same_as_interp(&[], &program("osr_main_loop.hack"));
    assert_eq!(stat(&err, "osr:"), 1, "{err}");
    assert_eq!(stat(&err, "compiled,"), 1, "{err}");
    // OSR off: the loop stays in the interpreter, with the same output.
    let err = same_as_interp(&["--osr-threshold=0"], &program("osr_main_loop.hack"));
    assert_eq!(stat(&err, "compiled,"), 0, "{err}");
}

/// In a loop nest the checks land in the inner loops, but their headers take values that the
/// outer loop defines again on each of its iterations: the OSR code is built at the outer
/// loop's header and entered at its next iteration.
#[test]
fn a_nested_loop_is_entered_in_compiled_code_at_its_outer_loop() {
    let err = same_as_interp(&[], &program("osr_nested_loops.hack"));
    assert!(stat(&err, "osr:") >= 1, "{err}");
    assert_eq!(stat(&err, "compiled,"), 1, "{err}");
}

/// OSR code speculates on its function's type histograms; a guard that fails in it (floats
/// after thousands of ints) resumes the loop in the interpreter with the values of the loop's
/// live-ins and constants, and the OSR code is withdrawn.
#[test]
fn osr_code_speculates_and_a_failed_guard_finishes_the_loop_in_the_interpreter() {
    let file = program("deopt_osr_loop.hack");
    let err = same_as_interp(&["--osr-threshold=1", "--spec-min-samples=1"], &file);
    assert!(stat(&err, "compiled,") >= 2, "OSR entries: {err}");
    assert!(stat(&err, "deopts:") >= 1, "{err}");
    // Without speculation the OSR code has no guard to fail.
    let err = same_as_interp(&["--osr-threshold=1", "--spec-min-samples=0"], &file);
    assert_eq!(stat(&err, "deopts:"), 0, "{err}");
}

#[test]
fn deopt_every_n_and_osr_threshold_1_stress_switches() {
    for p in ["deopt_loop_guard.hack", "osr_main_loop.hack"] {
        let err = same_as_interp(
            &[
                "--hot-calls=2",
                "--osr-threshold=1",
                "--spec-min-samples=1",
                "--deopt-every=2",
            ],
            &program(p),
        );
        // (`osr_main_loop` has no union-typed value to guard.)
        if p == "deopt_loop_guard.hack" {
            assert!(stat(&err, "deopts:") > 0, "{p}: {err}");
        }
        assert!(stat(&err, "compiled,") > 0, "{p}: {err}");
    }
}

#[test]
fn stack_overflow_in_compiled_code_is_one_fatal_line() {
    let src = r#"<?hh
function down(int $n): int {
  return down($n + 1) + 1;
}

<<__EntryPoint>>
function main(): void {
  echo "before\n";
  echo down(0), "\n";
  echo "after\n";
}
"#;
    let p = tmp_program("overflow.hack", src);
    for tier in ["--tier=jit", "--tier=interp"] {
        let (out, err, code) = run(&[tier], &p);
        assert_eq!(out, "before\n", "{tier}");
        assert_eq!(err.trim_end(), "Fatal error: Stack overflow", "{tier}");
        assert_eq!(code, 255, "{tier}");
    }
}

/// Runs jsvm with `args`, its stdout on /dev/full (no space left): exit code and stderr. Killed
/// after a minute (a program that writes forever and ignores the errors would run on).
fn run_to_full_disk(args: &[&str], file: &Path) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut child = Command::new(locate_jsvm().expect("jsvm binary"))
        .args(args)
        .arg(file)
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run jsvm");
    let t0 = std::time::Instant::now();
    let code = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st.code();
        }
        if t0.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    let _ = child.wait();
    (code, err)
}

/// Output that cannot be written ends `run` with one fatal error line and status 255, as PHP's
/// 255, in every tier, also a program that writes forever; a dump command says so in one line
/// with status 1. (Before, `run` ignored the errors, and the dumps exited 101 silently.)
#[test]
fn output_that_cannot_be_written_is_one_error_line() {
    let src = "<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  while (true) {\n    echo \"x\\n\";\n  }\n}\n";
    let p = tmp_program("endless_output.hack", src);
    let no_space = "No space left on device (os error 28)";
    for tier in ["--tier=interp", "--tier=jit", "--tier=auto"] {
        let (code, err) = run_to_full_disk(&["run", tier], &p);
        assert_eq!(
            err.trim_end(),
            format!("Fatal error: cannot write the output: {no_space}"),
            "{tier}"
        );
        assert_eq!(code, Some(255), "{tier}");
    }
    for dump in [
        &["dump-ir"][..],
        &["dump-ir", "--prelude"],
        &["dump-ir", "--fn", "main"],
        &["dump-ast"],
        &["dump-llvm"],
        &["dump-asm", "--fn", "main"],
    ] {
        let (code, err) = run_to_full_disk(dump, &p);
        assert_eq!(
            err.trim_end(),
            format!("jsvm: cannot write the output: {no_space}"),
            "{dump:?}"
        );
        assert_eq!(code, Some(1), "{dump:?}");
    }
}

/// Flags that would do nothing together are said so: `--profile` counts the interpreter's work,
/// which `--tier=jit` leaves none of (a warning; the program runs), and `dump-ir --prelude`
/// prints the whole module, which `--fn` would narrow to one function (an error).
#[test]
fn flags_that_do_nothing_together_are_said_so() {
    let p = tmp_program(
        "flags_together.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  echo 6 * 7, \"\\n\";\n}\n",
    );
    let (out, err, code) = run(&["--profile", "--tier=jit"], &p);
    assert_eq!((out.as_str(), code), ("42\n", 0));
    assert_eq!(
        err.trim_end(),
        "jsvm: warning: --profile counts what the interpreter runs, and --tier=jit compiles every function first"
    );
    let (_, err, code) = run(&["--profile", "--tier=interp"], &p);
    assert_eq!((err.as_str(), code), ("", 0));
    let o = Command::new(locate_jsvm().expect("jsvm binary"))
        .args(["dump-ir", "--prelude", "--fn", "main"])
        .arg(&p)
        .output()
        .expect("run jsvm");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: the argument '--prelude' cannot be used with '--fn <FUNC>'"),
        "{err}"
    );
}

/// The optimizer's IR (`--dump-opt-ir`) for a small program: a guard with its frame state on a
/// `num` parameter the profile saw as int, narrowed arithmetic after it, and a nothrow callee
/// inlined (its result keeps its value number as the continuation block's parameter).
#[test]
fn optimized_ir_snapshot() {
    let src = r#"<?hh
function offset(int $x): int {
  return $x * 2 + 1;
}

function scale(num $x): num {
  return offset(3) + $x * 3;
}

<<__EntryPoint>>
function main(): void {
  $s = 0;
  for ($i = 0; $i < 300; $i++) {
    $s += scale($i);
  }
  echo $s, "\n";
}
"#;
    let p = tmp_program("opt_ir.hack", src);
    let (out, err, code) = run(
        &[
            "--sync-compile",
            "--hot-calls=150",
            "--osr-threshold=0",
            "--dump-opt-ir",
        ],
        &p,
    );
    assert_eq!((out.as_str(), code), ("136650\n", 0), "{err}");
    insta::assert_snapshot!(err);
}

/// `--max-steps` stops an endless loop in every tier: compiled code (the whole program under
/// `jit`, the loop by OSR under `auto`) polls the budget at loop headers and function entries.
#[test]
fn max_steps_stops_compiled_loops() {
    let src = r#"<?hh
<<__EntryPoint>>
function main(): void {
  echo "start\n";
  $i = 0;
  while (true) {
    $i++;
  }
}
"#;
    let p = tmp_program("endless.hack", src);
    for args in [
        &["--tier=interp"][..],
        &["--tier=jit"],
        &["--tier=auto", "--osr-threshold=1", "--sync-compile"],
    ] {
        let mut a = args.to_vec();
        a.push("--max-steps=2000000");
        let (out, err, code) = run(&a, &p);
        assert_eq!(out, "start\n", "{args:?}");
        assert_eq!(
            err.trim_end(),
            "Fatal error: Maximum execution steps exceeded",
            "{args:?}"
        );
        assert_eq!(code, 255, "{args:?}");
    }
}

/// Callees that may throw are inlined (`opt::inline`): the optimized `ratio_sum` and
/// `digits_sum` hold their callees' bodies (the `throw` and the builtin calls), and the
/// exceptions raised in the inlined code reach the same handlers with the same messages, and
/// the uncaught one gives the same fatal line, as in the interpreter.
#[test]
fn callees_that_may_throw_are_inlined() {
    let p = program("inline_throwing_callee.hack");
    let (want, want_err, code) = run(&["--tier=interp"], &p);
    assert_eq!(code, 255, "{want_err}");
    let (got, err, code) = run(&["--tier=jit", "--dump-opt-ir"], &p);
    assert_eq!((got.as_str(), code), (want.as_str(), 255), "{err}");
    assert_eq!(err.lines().last(), want_err.lines().last(), "{err}");
    let body = |name: &str| -> String {
        let start = err
            .find(&format!("\"{name}\"("))
            .unwrap_or_else(|| panic!("{name} not optimized:\n{err}"));
        let len = err[start..].find("\n}\n").expect("end of function");
        err[start..start + len].to_string()
    };
    let ratio = body("ratio_sum");
    assert!(
        ratio.contains("call_builtin \"intdiv\"") && ratio.contains("throw "),
        "{ratio}"
    );
    let digits = body("digits_sum");
    assert!(
        digits.contains("call_builtin \"ord\"") && digits.contains("throw "),
        "{digits}"
    );
}

/// A function called only a few times but looping long is hot too: the first OSR check of its
/// loop also reports the function, so its later calls run its compiled code from the start
/// instead of entering OSR code at every 10,000th back-edge.
#[test]
fn a_rarely_called_function_with_a_long_loop_is_compiled_whole() {
    let src = r#"<?hh
function work(int $n): int {
  $s = 0;
  for ($i = 0; $i < $n; $i++) {
    $s = ($s + $i * 7) % 1000003;
  }
  return $s;
}

<<__EntryPoint>>
function main(): void {
  $t = 0;
  for ($k = 0; $k < 6; $k++) {
    $t += work(25000 + $k);
  }
  echo $t, "\n";
}
"#;
    let err = same_as_interp(&[], &tmp_program("loop_hot.hack", src));
    // Only the first call entered OSR code; the next five ran `work` compiled.
    assert_eq!(stat(&err, "compiled,"), 1, "{err}");
    assert!(
        err.contains("jsvm: auto: 1 hot function(s), 1 compiled"),
        "{err}"
    );
}

#[test]
fn callbacks_of_builtins_run_their_compiled_code() {
    // A comparator (a closure with a capture) and a named callback, called by builtins 20,000
    // and more times: once compiled, each call goes to the compiled code, so the interpreter
    // counts only the calls before it (the `--stats` profile line of each function).
    let src = r#"<?hh
use namespace HH\Lib\{Vec, Str};

function twice(int $x): int {
  return 2 * $x;
}

<<__EntryPoint>>
function main(): void {
  $v = vec[];
  $seed = 3;
  for ($i = 0; $i < 3000; $i++) {
    $seed = ($seed * 1103515245 + 12345) % 2147483648;
    $v[] = $seed % 1000;
  }
  $bias = 7;
  $s = Vec\sort($v, ($a, $b) ==> ($a + $bias) - ($b + $bias));
  $t = Vec\map($s, 'twice');
  echo $s[0], " ", $s[2999], " ", $t[1500], " ", Str\join(Vec\take($t, 5), ","), "\n";
}
"#;
    let err = same_as_interp(&[], &tmp_program("callbacks.hack", src));
    let count = |name: &str| -> u64 {
        err.lines()
            .filter_map(|l| l.strip_prefix("jsvm: profile"))
            .find_map(|l| {
                let mut w = l.split_whitespace();
                let n = w.next()?.parse().ok()?;
                (w.next() == Some(name)).then_some(n)
            })
            .unwrap_or_else(|| panic!("no profile line for {name} in:\n{err}"))
    };
    assert!(count("main#closure1") < 2000, "{err}");
    assert!(count("twice") < 2000, "{err}");
}

#[test]
fn memoized_functions_are_compiled_and_keep_their_cache() {
    // A hot `<<__Memoize>>` function compiles like any other (the interpreter counts only its
    // calls before that), and every call, from the interpreter and from compiled code, still
    // goes through the cache: each distinct argument is computed once.
    let src = r#"<?hh
<<__Memoize>>
function steps(int $n): int {
  if ($n === 27) {
    echo "computed 27\n";
  }
  $s = 0;
  while ($n !== 1) {
    $n = $n % 2 === 0 ? intdiv($n, 2) : 3 * $n + 1;
    $s++;
  }
  return $s;
}

function sum(int $lo, int $hi): int {
  $t = 0;
  for ($i = $lo; $i < $hi; $i++) {
    $t += steps($i);
  }
  return $t;
}

<<__EntryPoint>>
function main(): void {
  $t = 0;
  for ($r = 0; $r < 4; $r++) {
    $t += sum(1, 3000) + steps(27);
  }
  echo $t, "\n";
}
"#;
    let file = tmp_program("memoized.hack", src);
    let err = same_as_interp(&["--hot-calls=50"], &file);
    let (out, _, _) = run(&["--tier=jit"], &file);
    assert_eq!(out.matches("computed 27").count(), 1, "{out}");
    let steps = err
        .lines()
        .filter_map(|l| l.strip_prefix("jsvm: profile"))
        .find_map(|l| {
            let mut w = l.split_whitespace();
            let n: u64 = w.next()?.parse().ok()?;
            (w.next() == Some("steps")).then_some(n)
        })
        .unwrap_or_else(|| panic!("no profile line for steps in:\n{err}"));
    assert!(steps < 2999, "{err}");
}

/// `--memory-limit`: a program whose heap grows past it ends with PHP's fatal error (exit 255)
/// in every tier, its output so far kept; without the flag there is no limit.
#[test]
fn the_memory_limit_is_a_fatal_error_in_every_tier() {
    let p = tmp_program(
        "grow.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  echo \"start\\n\";\n  $v = vec[1];\n  while (true) { $v = Vec\\concat($v, $v); }\n}\n",
    );
    for tier in ["--tier=interp", "--tier=jit", "--tier=auto"] {
        let (out, err, code) = run(&[tier, "--memory-limit=32M"], &p);
        assert_eq!((out.as_str(), code), ("start\n", 255), "{tier}: {err}");
        assert!(
            err.starts_with(
                "Fatal error: Allowed memory size of 33554432 bytes exhausted (tried to allocate "
            ),
            "{tier}: {err}"
        );
    }
    let small = tmp_program(
        "small.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(): void { echo C\\count(Vec\\range(1, 100000)), \"\\n\"; }\n",
    );
    assert_eq!(run(&["--memory-limit=32M"], &small).0, "100000\n");
}

/// `--memory-limit` counts live data, as HHVM's (`mmUsage`), in every tier. Output is not data:
/// a streamed buffer keeps no charge once written (one big `echo` or `var_dump` used to stay
/// charged for the rest of the run, or fail at once). Freed small blocks make room for any
/// size (live data moving through size classes needed the sum of their peaks). An HSL result
/// takes the room of its elements, not of its input. The programs of `tests/memory` say their
/// limit on line 2.
#[test]
fn the_memory_limit_counts_live_data() {
    let big_echo = tmp_program(
        "big_echo.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  $s = str_repeat('x', 3000000);\n  echo $s, \"\\n\";\n  $s = '';\n  $t = str_repeat('y', 6000000);\n  var_dump(Vec\\fill(20000, str_repeat('k', 100)));\n  echo strlen($t), \"\\ndone\\n\";\n}\n",
    );
    let memory = Path::new(env!("CARGO_MANIFEST_DIR")).join("memory");
    let mut cases = vec![(big_echo, "8M".to_string(), None)];
    for name in ["mem_limit_size_classes", "mem_limit_hsl_result_size"] {
        let hack = memory.join(format!("{name}.hack"));
        let src = std::fs::read_to_string(&hack).unwrap();
        let limit = src
            .split("--memory-limit=")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .expect("the limit on line 2")
            .to_string();
        let out = std::fs::read_to_string(memory.join(format!("{name}.out"))).unwrap();
        cases.push((hack, limit, Some(out)));
    }
    for (p, limit, want) in &cases {
        for tier in ["--tier=interp", "--tier=jit", "--tier=auto"] {
            let (out, err, code) = run(&[tier, &format!("--memory-limit={limit}")], p);
            assert_eq!(code, 0, "{}: {tier}: {err}", p.display());
            match want {
                Some(w) => assert_eq!(&out, w, "{}: {tier}", p.display()),
                None => {
                    assert!(out.ends_with("6000000\ndone\n"), "{tier}");
                    assert_eq!(out.len(), 3_000_001 + 2_340_015 + 13, "{tier}");
                }
            }
        }
    }
}

/// A memoized instance method's entries leave the cache with their object, and give back
/// what they counted against the memory limit: 300,000 short-lived objects each asking once
/// (each entry ~100 bytes, ~30 MB in all) fit in 16 MB in every tier, with each object's own
/// answer (the cache used to keep every entry, and a new object at a freed one's address
/// found its answer).
#[test]
fn memoize_entries_leave_with_their_objects() {
    let p = tmp_program(
        "memo_objects.hack",
        "<?hh
class A {
  public function __construct(public int $id) {}
  <<__Memoize>>
  \
         public function m(): int { return $this->id * 2; }
}
<<__EntryPoint>>
\
         function main(): void {
  $t = 0;
  \
         for ($i = 0; $i < 300000; $i++) { $t += (new A($i))->m(); }
  echo $t, \"\\n\";
}
",
    );
    for tier in ["--tier=interp", "--tier=jit", "--tier=auto"] {
        let (out, err, code) = run(&[tier, "--memory-limit=16M"], &p);
        assert_eq!((out.as_str(), code), ("89999700000\n", 0), "{tier}: {err}");
    }
}

/// An exception that leaves frames releases what they own: a string live across a call that
/// throws (the thrower inlined or not), in frames without `try`, one and three deep, a
/// container a failed write leaves to its frame, a value that fails a parameter check or an
/// `as`, and the arguments of a call with too few of them. 100,000 throws that each kept 1 KB would need
/// ~100 MB; with `--memory-limit=16M` every tier must finish with the interpreter's answer.
#[test]
fn exceptions_leaving_frames_release_what_they_own() {
    let src = r#"<?hh
function thrower(): int { throw new RuntimeException("boom"); }
function mid(): int { $s = str_repeat("z", 1000); return thrower() + strlen($s); }
function deep(int $d): int {
  $v = vec[str_repeat("y", 1000)];
  if ($d === 0) { throw new RuntimeException("deep"); }
  return deep($d - 1) + count($v);
}
function bad_write(int $k): int {
  $v = vec[str_repeat("w", 1000)];
  $v[$k] = 1;
  return C\count($v);
}
function typed(int $x): int { return $x; }
function two(string $a, string $b): int { return 0; }
<<__EntryPoint>>
function main(): void {
  $n = 0;
  for ($i = 0; $i < 100000; $i++) {
    try { $n += mid(); } catch (RuntimeException $e) { $n++; }
    try { $n += deep($i % 3 === 0 ? 3 : 1); } catch (RuntimeException $e) { $n += 2; }
    try { $n += bad_write(7); } catch (OutOfBoundsException $e) { $n += 3; }
    $s = str_repeat("t", 1000).$i;
    try { $n += typed($s); } catch (TypeError $e) { $n++; }
    try { $n += two($s); } catch (ArgumentCountError $e) { $n++; }
    try { $n += $s as int; } catch (TypeAssertionException $e) { $n++; }
  }
  echo $n, "\n";
}
"#;
    let file = tmp_program("unwind_release.hack", src);
    let (want, err, code) = run(&["--tier=interp"], &file);
    assert_eq!((code, want.as_str()), (0, "900000\n"), "{err}");
    for tier in ["interp", "jit", "auto"] {
        let t = format!("--tier={tier}");
        let (out, err, code) = run(&[&t, "--memory-limit=16M"], &file);
        assert_eq!((code, out.as_str()), (0, want.as_str()), "{tier}: {err}");
    }
}

/// `jsvm run` writes its output as it goes (in 64 KiB blocks to a pipe), not at exit: a
/// program that prints 100 KiB and then spins is read while it still runs (then killed). Its
/// output buffer counts against the memory limit yet stays small: 32 MiB of output under
/// `--memory-limit=8M` prints whole.
#[test]
fn output_streams_while_the_program_runs() {
    use std::io::Read;
    let spin = tmp_program(
        "stream_spin.hack",
        "<<__EntryPoint>>\nfunction main(): void {\n  $s = str_repeat(\"x\", 1023) . \"\\n\";\n  for ($i = 0; $i < 100; $i++) { echo $s; }\n  $n = 0;\n  while (true) { $n++; }\n}\n",
    );
    let bin = locate_jsvm().unwrap();
    for tier in ["interp", "jit", "auto"] {
        let mut child = Command::new(&bin)
            .args(["run", &format!("--tier={tier}")])
            .arg(&spin)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut got = vec![0u8; 64 << 10];
            out.read_exact(&mut got).map(|()| got)
        });
        // Generous: the first block comes within milliseconds.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !reader.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        let got = reader
            .join()
            .unwrap()
            .expect("a first block while the program runs");
        assert!(got.iter().all(|&b| b == b'x' || b == b'\n'), "{tier}");
    }
    let big = tmp_program(
        "stream_big.hack",
        "<<__EntryPoint>>\nfunction main(): void {\n  $s = str_repeat(\"y\", 1023) . \"\\n\";\n  for ($i = 0; $i < 32768; $i++) { echo $s; }\n}\n",
    );
    let o = Command::new(&bin)
        .args(["run", "--memory-limit=8M"])
        .arg(&big)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.stdout.len(), 32 << 20);
}

/// A memoize cache counts against the memory limit: 400,000 distinct calls of a memoized
/// function under `--memory-limit=16M` stop with PHP's fatal error (the cache would hold
/// ~30 MB), in every tier.
#[test]
fn memoize_caches_count_against_the_memory_limit() {
    let file = tmp_program(
        "memo_limit.hack",
        "<<__Memoize>>\nfunction sq(int $x): int { return $x * $x; }\n<<__EntryPoint>>\nfunction main(): void {\n  $t = 0;\n  for ($i = 0; $i < 400000; $i++) { $t += sq($i) % 7; }\n  echo $t, \"\\n\";\n}\n",
    );
    for tier in ["interp", "jit", "auto"] {
        let t = format!("--tier={tier}");
        let (out, err, code) = run(&[&t, "--memory-limit=16M"], &file);
        assert_eq!((code, out.as_str()), (255, ""), "{tier}: {err}");
        assert!(
            err.starts_with("Fatal error: Allowed memory size of 16777216 bytes exhausted"),
            "{tier}: {err}"
        );
        let (out, err, code) = run(&[&t], &file);
        assert_eq!((code, out.as_str()), (0, "800001\n"), "{tier}: {err}");
    }
}

/// Program arguments after `--`: an entry point's one parameter gets them as a `vec<string>`
/// (or one string each when variadic), in every tier; an entry point without a parameter runs
/// with a warning that they are not passed; one that cannot take them is a one-line error
/// before the run; `compile-profile` passes them to its seeding runs.
#[test]
fn program_arguments_reach_the_entry_point() {
    let bin = locate_jsvm().expect("jsvm binary");
    let jsvm = |args: &[&str]| {
        let o = Command::new(&bin).args(args).output().expect("run jsvm");
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
            o.status.code().unwrap_or(-1),
        )
    };
    let vec_main = tmp_program(
        "argv_vec.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(vec<string> $argv): void {\n  echo count($argv), \": \", implode(\"|\", $argv), \"\\n\";\n}\n",
    );
    let each_main = tmp_program(
        "argv_each.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(string ...$argv): void {\n  echo count($argv), \": \", implode(\"|\", $argv), \"\\n\";\n}\n",
    );
    let p = vec_main.to_str().unwrap();
    let e = each_main.to_str().unwrap();
    for tier in ["--tier=interp", "--tier=jit", "--tier=auto"] {
        // What follows `--` is the program's, flags included.
        let r = jsvm(&["run", tier, p, "--", "a b", "", "--stats"]);
        assert_eq!(r, ("3: a b||--stats\n".into(), String::new(), 0), "{tier}");
        let r = jsvm(&["run", tier, e, "--", "x", "y"]);
        assert_eq!(r, ("2: x|y\n".into(), String::new(), 0), "{tier}");
        let r = jsvm(&["run", tier, p]);
        assert_eq!(r, ("0: \n".into(), String::new(), 0), "{tier}");
    }
    let none = tmp_program(
        "argv_none.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  echo \"ran\\n\";\n}\n",
    );
    let (out, err, code) = jsvm(&["run", none.to_str().unwrap(), "--", "a"]);
    assert_eq!((out.as_str(), code), ("ran\n", 0));
    assert_eq!(
        err.trim_end(),
        "jsvm: warning: the entry point main takes no parameter: the program arguments are not passed (declare `vec<string> $argv` to get them)"
    );
    let int_main = tmp_program(
        "argv_int.hack",
        "<?hh\n<<__EntryPoint>>\nfunction main(int $n = 3): void {\n  echo $n, \"\\n\";\n}\n",
    );
    let i = int_main.to_str().unwrap();
    // A default, and no arguments: it runs as before.
    assert_eq!(jsvm(&["run", i]), ("3\n".into(), String::new(), 0));
    for cmd in [
        vec!["run", i, "--", "1"],
        vec!["compile-profile", "--out", "/dev/null", i, "--", "1"],
    ] {
        let (out, err, code) = jsvm(&cmd);
        assert_eq!((out.as_str(), code), ("", 1), "{cmd:?}");
        assert_eq!(
            err.trim_end(),
            format!(
                "jsvm: {}: parameter $n of the entry point main is declared int, but it receives the program arguments (a vec<string>)",
                cmd[0]
            )
        );
    }
    // The seeder's runs get the arguments: the loop over them is in the profile.
    let seeded = tmp_program(
        "argv_seed.hack",
        "<?hh\nfunction work(string $a): int {\n  return strlen($a);\n}\n<<__EntryPoint>>\nfunction main(vec<string> $argv): void {\n  $n = 0;\n  foreach ($argv as $a) { $n += work($a); }\n  echo $n, \"\\n\";\n}\n",
    );
    let jsp = std::env::temp_dir().join(format!("jsvm-argv-{}.jsp", std::process::id()));
    let (_, err, code) = jsvm(&[
        "compile-profile",
        "--out",
        jsp.to_str().unwrap(),
        seeded.to_str().unwrap(),
        "--",
        "aa",
        "bbb",
    ]);
    assert_eq!(code, 0, "{err}");
    let (info, _, code) = jsvm(&["profile-info", jsp.to_str().unwrap()]);
    assert_eq!(code, 0);
    // "entries loops cold name": work() ran once per argument.
    assert!(
        info.lines()
            .any(|l| l.split_whitespace().eq(["2", "0", "0/1", "work"])),
        "{info}"
    );
    let _ = std::fs::remove_file(&jsp);
}

/// A folder's scan takes regular `.hack` files only: a FIFO named `x.hack` beside the program
/// (no writer: reading it would wait forever) is left out, and the program runs.
#[test]
fn a_folder_scan_skips_what_is_not_a_regular_file() {
    let d = std::env::temp_dir().join(format!("jsvm-fifo-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("main.hack"),
        "<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  echo \"ran\\n\";\n}\n",
    )
    .unwrap();
    let made = Command::new("mkfifo")
        .arg(d.join("x.hack"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let mut child = Command::new(locate_jsvm().expect("jsvm binary"))
        .arg("run")
        .arg(&d)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run jsvm");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("jsvm run on a folder with a FIFO did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("output");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ran\n");
    let _ = std::fs::remove_dir_all(&d);
}

/// `dump-llvm` and `dump-asm` show the program's functions, not the prelude's (as `dump-ir`);
/// `--fn` still finds a prelude method, and ignores case as Hack names do.
#[test]
fn dumps_leave_the_prelude_out() {
    let p = tmp_program(
        "dump_prelude.hack",
        "<?hh\nfunction twice(int $x): int { return 2 * $x; }\n<<__EntryPoint>>\nfunction main(): void { echo twice(3), \"\\n\"; }\n",
    );
    let bin = locate_jsvm().expect("jsvm binary (build it first: cargo build -p jsvm)");
    let dump = |args: &[&str]| {
        let o = Command::new(&bin)
            .args(args)
            .arg(&p)
            .output()
            .expect("jsvm");
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let llvm = dump(&["dump-llvm"]);
    assert!(
        llvm.contains("@hack.twice") && llvm.contains("@hack.main"),
        "{llvm}"
    );
    assert!(!llvm.contains("Exception"), "{llvm}");
    let asm = dump(&["dump-asm"]);
    assert!(
        asm.contains("hack.twice ") && !asm.contains("Exception"),
        "{asm}"
    );
    let one = dump(&["dump-llvm", "--fn", "exception::GETMESSAGE"]);
    assert!(one.contains("Exception::getMessage"), "{one}");
}

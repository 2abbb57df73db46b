//! End-to-end Jump-Start tests through the `jsvm` binary: a seeded profile consumed by a new
//! process; corrupted, truncated, extended, foreign, stale and expired profiles each give one
//! warning line and the correct output (a failure exit only in `consume-or-fail`), never a
//! crash; an edited function loses only its own profile; insta snapshot of `profile-info`
//! (header, counts, hottest functions, C3 order, hot/cold) for a sample program; `dump-asm` and
//! `dump-llvm` with a profile (hot and cold areas, branch weights of inlined code); a consumer
//! with an object cache (hits, damaged entries replaced), filled by the seeder; a fatal error
//! unwinding through batch code split into hot and cold parts.

use jsvm_jumpstart::format::{decode, encode, Expect};
use jsvm_tests::locate_jsvm;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("jumpstart/sample.hack")
}

const EXPECTED: &str = "checksum 408872, bad 1\n";

/// A consumer that compiles every profiled function before running, with `--stats`.
const CONSUME_ALL: &[&str] = &[
    "run",
    "--jumpstart-mode=consume-or-fail",
    "--jumpstart-wait",
    "--hot-calls=1",
    "--stats",
];

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jsvm-js-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn jsvm(args: &[&str], jsp: &Path, program: &Path) -> Output {
    let bin = locate_jsvm().expect("jsvm binary (build it first: cargo build -p jsvm)");
    Command::new(bin)
        .args(args)
        .arg(format!("--jumpstart={}", jsp.display()))
        .arg(program)
        .env_remove("JSVM_JUMPSTART_OFF")
        .output()
        .expect("run jsvm")
}

fn seed(jsp: &Path, program: &Path) {
    seed_with(&[], jsp, program);
}

/// A seeder run with `extra` arguments: the right output and nothing on stderr.
fn seed_with(extra: &[&str], jsp: &Path, program: &Path) {
    let args = [&["run", "--jumpstart-mode=seed"], extra].concat();
    let o = jsvm(&args, jsp, program);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The consumer of a bad profile: correct output, exit 0, exactly one warning line; and
/// `consume-or-fail` exits 1 with that line as an error and no output.
fn check_rejected(jsp: &Path, what: &str) {
    let o = jsvm(&["run", "--jumpstart-mode=consume"], jsp, &sample());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        EXPECTED,
        "{what}: {err}"
    );
    assert_eq!(o.status.code(), Some(0), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    assert!(
        err.starts_with("jsvm: warning: jump-start profile"),
        "{what}: {err}"
    );
    let o = jsvm(&["run", "--jumpstart-mode=consume-or-fail"], jsp, &sample());
    assert_eq!(o.status.code(), Some(1), "{what}");
    assert!(o.stdout.is_empty(), "{what}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    // consume-or-fail stops: an error line, not a warning.
    assert!(
        err.starts_with("jsvm: error: jump-start profile"),
        "{what}: {err}"
    );
}

/// A profile file without a mode (the default `off`) is not used, and that is said in one
/// warning line; the program runs as without it. So is `--jumpstart-wait` for a seeder.
#[test]
fn a_profile_file_without_a_mode_is_a_warning() {
    let jsp = tmp("no_mode.jsp");
    let o = jsvm(&["run"], &jsp, &sample());
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "jsvm: warning: --jumpstart={} is not used: --jumpstart-mode is off\n",
            jsp.display()
        )
    );
    assert!(!jsp.exists(), "nothing is written");
    // `--jumpstart-wait` for a seeder: the same kind of warning, and the profile is written.
    let o = jsvm(
        &["run", "--jumpstart-mode=seed", "--jumpstart-wait"],
        &jsp,
        &sample(),
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "jsvm: warning: --jumpstart-wait is not used: only a consumer compiles a batch\n"
    );
    assert!(jsp.exists(), "the profile is written");
}

/// A fatal error (the step budget, the memory limit) unwinds through a consumer's batch code,
/// whose functions have hot parts and split-off cold parts: one fatal line, status 255, and the
/// output written before it. (Registered one object per function, a cold part was looked up in
/// the wrong function's unwind table, and the process aborted.)
#[test]
fn a_fatal_error_unwinds_through_split_batch_code() {
    let program = Path::new(env!("CARGO_MANIFEST_DIR")).join("jumpstart/fatal_in_split_code.hack");
    let jsp = tmp("fatal_in_split_code.jsp");
    let o = jsvm(&["run", "--jumpstart-mode=seed"], &jsp, &program);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "4999 180000000\n");
    for (limit, fatal) in [
        ("--max-steps=20000", "Fatal error: Maximum execution steps exceeded"),
        (
            "--memory-limit=30M",
            "Fatal error: Allowed memory size of 31457280 bytes exhausted (tried to allocate 35000000 bytes)",
        ),
    ] {
        for wait in ["--jumpstart-wait", "--jumpstart-wait=quick"] {
            let args = ["run", "--jumpstart-mode=consume-or-fail", wait, limit];
            let o = jsvm(&args, &jsp, &program);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(255), "{limit} {wait}: {err}");
            assert_eq!(String::from_utf8_lossy(&o.stdout), "4999 ", "{limit} {wait}");
            assert_eq!(err.trim_end(), fatal, "{limit} {wait}");
        }
    }
}

/// A class declared above the others shifts their ids, which static calls pass as ints: no
/// function's profile goes stale for that (every function making a static call did).
#[test]
fn a_class_added_above_keeps_every_profile() {
    let program = "class Foo {\n  public static function bar(int $i): int { return $i * 2; }\n}\n\
                   function hot(int $n): int {\n  $t = 0;\n  for ($i = 0; $i < $n; $i++) {\n    \
                   $t += Foo::bar($i);\n  }\n  return $t;\n}\n\
                   <<__EntryPoint>>\nfunction main(): void {\n  echo hot(100000), \"\\n\";\n}\n";
    let (a, b) = (tmp("class_above_a"), tmp("class_above_b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    // The same file name: the program's fingerprint is made of its files' names.
    std::fs::write(a.join("prog.hack"), program).unwrap();
    std::fs::write(b.join("prog.hack"), format!("class Unused {{}}\n{program}")).unwrap();
    let jsp = tmp("class_above.jsp");
    let o = jsvm(
        &["run", "--jumpstart-mode=seed"],
        &jsp,
        &a.join("prog.hack"),
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "9999900000\n");
    let args = [
        "run",
        "--jumpstart-mode=consume-or-fail",
        "--jumpstart-wait",
        "--stats",
    ];
    let o = jsvm(&args, &jsp, &b.join("prog.hack"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "9999900000\n");
    assert!(err.contains(" used, 0 stale"), "{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn seed_then_consume_in_a_new_process() {
    let jsp = tmp("ok.jsp");
    seed(&jsp, &sample());
    // The batch before running; the quick tier before running and the batch in the
    // background; in the background with a quick tier first (whose code the optimized batch
    // replaces); in the background without it. Only a batch compiled before running has
    // `main`: in the others `main` starts first, so its code would never run.
    for (extra, n, quick, when) in [
        ("--jumpstart-wait", 6, false, "(before running)"),
        (
            "--jumpstart-wait=quick",
            5,
            true,
            "(in the background after the quick tier)",
        ),
        ("--jumpstart-quick-tier=on", 5, true, "(in the background)"),
        (
            "--jumpstart-quick-tier=off",
            5,
            false,
            "(in the background)",
        ),
    ] {
        // `--hot-calls=1`: every profiled function is hot enough for the batch.
        // `--sync-compile`: a background batch completes before the run ends.
        let args = [
            "run",
            "--jumpstart-mode=consume-or-fail",
            "--stats",
            "--hot-calls=1",
            "--sync-compile",
            extra,
        ];
        let o = jsvm(&args, &jsp, &sample());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
        assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
        assert!(
            err.contains("6 profiled function(s) used, 0 stale"),
            "{err}"
        );
        assert_eq!(batch(&err), (n, true), "{extra}: {err}");
        assert_eq!(
            err.contains("jumpstart: quick tier (fast pipeline) published after"),
            quick,
            "{extra}: {err}"
        );
        assert!(err.contains(when), "{extra}: {err}");
        // `--hot-calls=1` is not what the seeder planned the batch for.
        assert!(
            err.contains("jumpstart: batch planned at start-up"),
            "{err}"
        );
    }
    // With a pipeline as quick as the quick tier, `=quick` waits for the batch itself.
    let args = [
        "run",
        "--jumpstart-mode=consume-or-fail",
        "--stats",
        "--hot-calls=1",
        "--jumpstart-wait=quick",
        "--pipeline=fast",
    ];
    let o = jsvm(&args, &jsp, &sample());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    assert!(err.contains("(before running)"), "{err}");
    assert!(!err.contains("jumpstart: quick tier ("), "{err}");
    // A bad value is refused in one line.
    let o = jsvm(
        &["run", "--jumpstart-mode=consume", "--jumpstart-wait=soon"],
        &jsp,
        &sample(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: invalid value 'soon'"));
    // The kill switch turns a consumer into a plain run, silently.
    let bin = locate_jsvm().unwrap();
    let o = Command::new(bin)
        .args([
            "run",
            "--jumpstart-mode=consume-or-fail",
            "--jumpstart=/nonexistent.jsp",
        ])
        .arg(sample())
        .env("JSVM_JUMPSTART_OFF", "1")
        .output()
        .unwrap();
    assert!(o.status.success() && o.stderr.is_empty());
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
}

#[test]
fn corrupt_profiles_are_rejected_safely() {
    let good = tmp("good.jsp");
    seed(&good, &sample());
    let bytes = std::fs::read(&good).unwrap();
    let bad = tmp("bad.jsp");
    let n = bytes.len();
    // Flipped bytes at offsets spread over the whole file (prefix, header, body, trailer).
    let mut offsets: Vec<usize> = (0..24).step_by(3).collect();
    offsets.extend((24..n).step_by((n / 12).max(1)));
    offsets.extend([n - 8, n - 5, n - 1]);
    for &i in &offsets {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        std::fs::write(&bad, &b).unwrap();
        check_rejected(&bad, &format!("byte {i} flipped"));
    }
    for len in [0, 5, 8, 23, 24, n / 2, n - 8, n - 1] {
        std::fs::write(&bad, &bytes[..len]).unwrap();
        check_rejected(&bad, &format!("truncated to {len}"));
    }
    let mut b = bytes.clone();
    b.extend_from_slice(b"appended");
    std::fs::write(&bad, &b).unwrap();
    check_rejected(&bad, "appended");
    let missing = tmp("missing.jsp");
    check_rejected(&missing, "missing");

    // Well-formed files with a changed version, target, fingerprint or age.
    let (h, _) = jsvm_jumpstart::format::decode_header(&bytes).unwrap();
    let any = Expect {
        jsvm_version: h.jsvm_version.clone(),
        target: h.target.clone(),
        fingerprint: None,
        now_unix: 0,
        ttl_secs: None,
    };
    let file = decode(&bytes, &any).unwrap();
    let mut b = bytes.clone();
    b[8] = b[8].wrapping_add(1);
    std::fs::write(&bad, &b).unwrap();
    check_rejected(&bad, "format version");
    type Edit = fn(&mut jsvm_jumpstart::Header);
    let edits: [(&str, Edit); 4] = [
        ("jsvm version", |h| h.jsvm_version = "0.0.0-old".into()),
        ("target", |h| h.target = "riscv64-linux-unix".into()),
        ("fingerprint", |h| h.fingerprint ^= 1),
        ("age", |h| h.created_unix -= 25 * 3600),
    ];
    for (what, edit) in edits {
        let mut f = file.clone();
        edit(&mut f.header);
        std::fs::write(&bad, encode(&f).unwrap()).unwrap();
        check_rejected(&bad, what);
    }
}

#[test]
fn an_edited_function_loses_only_its_profile() {
    let src = std::fs::read_to_string(sample()).unwrap();
    let prog = tmp("sample.hack");
    std::fs::write(&prog, &src).unwrap();
    let jsp = tmp("edit.jsp");
    seed(&jsp, &prog);
    // checksum()'s IR changes (operands swapped, same result). A change that lowers to the
    // same IR (a new local, a comment) keeps the key, by design.
    let edited = src.replace(
        "return ($acc * 31 + $n) % 1000003;",
        "return ($n + $acc * 31) % 1000003;",
    );
    assert_ne!(edited, src);
    std::fs::write(&prog, &edited).unwrap();
    let o = jsvm(CONSUME_ALL, &jsp, &prog);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    assert!(
        err.starts_with("jsvm: warning: jump-start profile"),
        "{err}"
    );
    assert!(err.contains("1 function(s) changed since seeding"), "{err}");
    assert!(
        err.contains("5 profiled function(s) used, 1 stale"),
        "{err}"
    );
    assert_eq!(batch(&err).0, 5, "{err}");
    // The seeder's batch was for the program before the edit.
    assert!(
        err.contains("jumpstart: batch planned at start-up"),
        "{err}"
    );
}

/// From `--stats`: the functions of the consumer's batch (compiled plus inlined into them), and
/// whether all that were compiled succeeded.
fn batch(stderr: &str) -> (usize, bool) {
    let line = stderr
        .lines()
        .find(|l| l.contains("jumpstart: batch of "))
        .unwrap_or_else(|| panic!("no batch line in {stderr}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.parse().unwrap())
        .collect();
    // "batch of K function(s) (I more inlined into them), C compiled; R in T ms"
    (nums[0] + nums[1], nums[0] == nums[2])
}

/// From `--stats`: the functions inlined into the batch's.
fn inlined(stderr: &str) -> usize {
    let line = stderr
        .lines()
        .find(|l| l.contains("jumpstart: batch of "))
        .unwrap_or_else(|| panic!("no batch line in {stderr}"));
    let after = line.split(" (").nth(1).unwrap();
    after.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn profile_info_snapshot() {
    let jsp = tmp("info.jsp");
    seed(&jsp, &sample());
    let bin = locate_jsvm().unwrap();
    let o = Command::new(bin)
        .arg("profile-info")
        .arg(&jsp)
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    insta::with_settings!({filters => vec![
        (r"seeded on \S+ at \d+", "seeded on [host] at [time]"),
        (r"fingerprint [0-9a-f]{16}", "fingerprint [fingerprint]"),
        (r"target \S+", "target [target]"),
    ]}, {
        insta::assert_snapshot!(text);
    });
}

/// `dump-asm --jumpstart` compiles the consumer's batch: the hot part of `parse_number` in the
/// hot area, its rare path split off to the cold area; `dump-llvm --jumpstart` shows the
/// branch weights, including those of the inlined `parse_number` (its own profile: 22,588 loop
/// tests, of which 2,999 exit, once per call; the malformed-input return taken once).
#[test]
fn dumps_show_the_profile_guided_code() {
    let jsp = tmp("dumps.jsp");
    seed(&jsp, &sample());
    let bin = locate_jsvm().unwrap();
    let dump = |what: &str, extra: &[&str]| {
        let o = Command::new(&bin)
            .arg(what)
            .arg(format!("--jumpstart={}", jsp.display()))
            .args(extra)
            .arg(sample())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let asm = dump("dump-asm", &[]);
    let heads: Vec<&str> = asm.lines().filter(|l| l.starts_with("hack.")).collect();
    assert!(
        heads
            .iter()
            .any(|l| l.starts_with("hack.parse_number [hot] ")),
        "{asm}"
    );
    assert!(
        heads
            .iter()
            .any(|l| l.starts_with("hack.parse_number.cold [cold] ")),
        "{asm}"
    );
    // `main` starts before a background batch is in: the batch leaves it out. is_digit and
    // digit_value are inlined into parse_number everywhere: they need no code of their own.
    assert!(!heads.iter().any(|l| l.starts_with("hack.main")), "{asm}");
    assert!(!heads.iter().any(|l| l.contains("digit")), "{asm}");
    let ir = dump("dump-llvm", &["--fn", "main"]);
    assert!(ir.contains(r#"!{!"function_entry_count", i64 1}"#), "{ir}");
    assert!(
        ir.contains(r#"!{!"branch_weights", i32 22588, i32 2999}"#),
        "{ir}"
    );
    // `--fn` names one function (`parse` is none; in any case, as Hack names are); one the
    // batch has no code for is one line and a failure exit.
    let one = dump("dump-asm", &["--fn", "Parse_Number"]);
    assert!(
        one.lines()
            .filter(|l| l.starts_with("hack."))
            .all(|l| l.starts_with("hack.parse_number ") || l.starts_with("hack.parse_number.")),
        "{one}"
    );
    for missing in ["is_digit", "main"] {
        let o = Command::new(&bin)
            .args(["dump-asm", "--fn", missing])
            .arg(format!("--jumpstart={}", jsp.display()))
            .arg(sample())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{missing}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.starts_with(&format!(
                "jsvm: {missing} has no code in the consumer's batch"
            )) && err.lines().count() == 1,
            "{err}"
        );
    }
    // A profile that does not load is one line and a failure exit.
    let o = Command::new(&bin)
        .args(["dump-asm", "--jumpstart=/nonexistent/x.jsp"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

/// A consumer in the background with `--stats` and `cache_arg` whose output is right and that
/// loads every function of its batch from the cache before running: that number, and stderr.
fn loads_its_batch_from(jsp: &Path, cache_arg: &str) -> (usize, String) {
    let o = jsvm(
        &[
            "run",
            "--jumpstart-mode=consume-or-fail",
            "--stats",
            "--sync-compile",
            cache_arg,
        ],
        jsp,
        &sample(),
    );
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    let (n, all_ok) = batch(&err);
    assert!(all_ok, "{err}");
    let loaded = n - inlined(&err);
    assert!(
        err.contains(&format!(
            "jumpstart: {loaded} function(s) of the batch loaded from the object cache"
        )),
        "{err}"
    );
    (loaded, err)
}

/// A consumer with `--object-cache`: the first run compiles and stores every object of its
/// batch, a second run loads them all (no LLVM) with the same output; damaged entries are
/// rejected, compiled again and replaced, with the same output still.
#[test]
fn a_consumer_loads_its_batch_from_the_object_cache() {
    let jsp = tmp("cached.jsp");
    seed(&jsp, &sample());
    let dir = tmp("objects");
    let _ = std::fs::remove_dir_all(&dir);
    let cache_arg = format!("--object-cache={}", dir.display());
    let run = || {
        let o = jsvm(
            &[
                "run",
                "--jumpstart-mode=consume-or-fail",
                "--jumpstart-wait",
                "--stats",
                &cache_arg,
            ],
            &jsp,
            &sample(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        let line = err
            .lines()
            .find(|l| l.starts_with("jsvm: object cache "))
            .unwrap_or_else(|| panic!("no object cache line in:\n{err}"))
            .to_string();
        let n = |what: &str| -> usize {
            let before = line.split(&format!(" {what}")).next().unwrap();
            before.rsplit(' ').next().unwrap().parse().unwrap()
        };
        (n("hit(s)"), n("miss(es)"), n("rejected"), n("stored"))
    };
    let (hits, misses, rejected, stored) = run();
    assert!(misses > 0, "a fresh cache has nothing");
    assert_eq!((hits, rejected, stored), (0, 0, misses));
    assert_eq!(
        run(),
        (misses, 0, 0, 0),
        "the second run loads every object"
    );
    // Damage every entry: one flipped byte in the middle.
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let mut b = std::fs::read(&p).unwrap();
        let mid = b.len() / 2;
        b[mid] ^= 0x40;
        std::fs::write(&p, b).unwrap();
    }
    assert_eq!(
        run(),
        (0, 0, misses, misses),
        "damaged entries are replaced"
    );
    assert_eq!(run(), (misses, 0, 0, 0));
    // In the background the batch has no `main` (it starts first, so its code would never
    // run): a first such consumer adds the functions it compiles on their own; the next takes
    // all of its batch from the cache before running.
    let o = jsvm(
        &[
            "run",
            "--jumpstart-mode=consume-or-fail",
            "--sync-compile",
            &cache_arg,
        ],
        &jsp,
        &sample(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    loads_its_batch_from(&jsp, &cache_arg);
    // A cache folder that cannot be created: one warning, the run goes on without it.
    let o = jsvm(
        &[
            "run",
            "--jumpstart-mode=consume-or-fail",
            "--object-cache=/proc/no/such/dir",
        ],
        &jsp,
        &sample(),
    );
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("object cache /proc/no/such/dir not used"),
        "{err}"
    );
}

/// A seeder with `--object-cache` compiles its consumers' batch into the cache after it
/// publishes the profile: the first consumer that shares the folder loads every function of its
/// batch from it before running, and compiles nothing.
#[test]
fn a_seeder_fills_the_object_cache_for_its_consumers() {
    let jsp = tmp("seeded-cache.jsp");
    let dir = tmp("seeded-objects");
    let _ = std::fs::remove_dir_all(&dir);
    let cache_arg = format!("--object-cache={}", dir.display());
    seed_with(&[&cache_arg], &jsp, &sample());
    let stored = std::fs::read_dir(&dir).unwrap().count();
    assert!(stored > 0, "the seeder stored no object");
    let (loaded, err) = loads_its_batch_from(&jsp, &cache_arg);
    assert!(
        err.contains(&format!(
            "{loaded} hit(s), 0 miss(es), 0 rejected, 0 stored"
        )),
        "{err}"
    );
    // A cache folder that cannot be created: one warning, the profile is written all the same.
    let other = tmp("seeded-without-cache.jsp");
    let o = jsvm(
        &[
            "run",
            "--jumpstart-mode=seed",
            "--object-cache=/proc/no/such/dir",
        ],
        &other,
        &sample(),
    );
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(other.is_file(), "no profile written");
}

/// `tests/jumpstart/NAME` seeded into a profile of its own: the program, the profile and what
/// the seeder printed.
fn seeded(name: &str) -> (PathBuf, PathBuf, String) {
    let program = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("jumpstart")
        .join(name);
    let jsp = tmp(&name.replace(".hack", ".jsp"));
    let o = jsvm(&["run", "--jumpstart-mode=seed"], &jsp, &program);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (
        program,
        jsp,
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

/// A `consume-or-fail` consumer of `jsp` with `--stats` and `extra` arguments, which must
/// succeed and print `out`: its stderr.
fn consumed(extra: &[&str], jsp: &Path, program: &Path, out: &str) -> String {
    let args = [
        &["run", "--jumpstart-mode=consume-or-fail", "--stats"],
        extra,
    ]
    .concat();
    let o = jsvm(&args, jsp, program);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&o.stdout), out, "{err}");
    err
}

/// Every call that a batch function still makes once inlined (inlining stops after a few
/// rounds or when the caller's budget is spent, deep in a dispatch tree) goes to a function of
/// the batch: with `--hot-calls=1`, a call that reached a function left out of the batch would
/// make the `auto` tier compile it.
#[test]
fn functions_left_out_of_the_batch_are_not_called() {
    let (program, jsp, seeded) = seeded("tree.hack");
    let o = jsvm(CONSUME_ALL, &jsp, &program);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), seeded);
    let err = String::from_utf8_lossy(&o.stderr);
    let (n, all_ok) = batch(&err);
    assert!(all_ok && inlined(&err) > 0, "{err}");
    assert!(n > 100, "{err}");
    assert!(err.contains("jsvm: auto: 0 hot function(s)"), "{err}");
}

/// A batch function that the interpreter is already running when the batch comes in (called
/// once, with a long loop) enters its compiled loop by OSR; the `auto` tier compiles nothing
/// for it a second time.
#[test]
fn a_call_running_when_the_batch_comes_in_enters_it_by_osr() {
    let (program, jsp, out) = seeded("long_call.hack");
    assert_eq!(out, "spun 1\n");
    let err = consumed(&[], &jsp, &program, &out);
    assert_eq!(batch(&err), (1, true), "{err}");
    // The default flags: the batch is the one the seeder planned.
    assert!(
        err.contains("jumpstart: batch from the profile (the seeder's"),
        "{err}"
    );
    let osr = err
        .lines()
        .find(|l| l.starts_with("jsvm: osr: "))
        .unwrap_or_else(|| panic!("no osr line in {err}"));
    let entries: u64 = osr
        .split(", ")
        .nth(1)
        .and_then(|w| w.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no entries in {osr}"));
    // `spin`'s loop counts in the profile only while the interpreter runs it. Under a heavy
    // load the interpreter can reach the call only after the batch came in (the call then runs
    // compiled from its start); otherwise the call must have entered the compiled loop.
    let interpreted = err
        .lines()
        .any(|l| l.starts_with("jsvm: profile ") && l.ends_with(" spin"));
    assert!(!interpreted || entries >= 1, "{err}");
    assert!(err.contains("jsvm: auto: 0 hot function(s)"), "{err}");
}

/// A consumer in the background first compiles, on its own, the hot loop function inlined into
/// its batch (`inner`, inlined into `outer`): the interpreter runs `outer` until the batch's code
/// comes in, and `inner`'s loop is where its time goes. The output is the seeder's.
#[test]
fn the_quick_tier_begins_with_the_loops_the_interpreter_runs() {
    let (program, jsp, out) = seeded("inner_loop.hack");
    assert!(out.starts_with("checksum "), "{out}");
    let err = consumed(&["--sync-compile"], &jsp, &program, &out);
    assert!(
        err.contains("quick tier began with 1 loop function(s) inlined into the batch, for the interpreter meanwhile: inner"),
        "{err}"
    );
    assert_eq!(batch(&err), (2, true), "{err}");
    // Waiting for the quick tier, nothing runs meanwhile: no such phase.
    let err = consumed(&["--jumpstart-wait=quick"], &jsp, &program, &out);
    assert!(!err.contains("quick tier began with"), "{err}");
}

/// A method call site the profile saw call one method is a direct call of it in the consumer's
/// code, for receivers of the classes whose method of that name it is (`Dog` alone for
/// `Dog::speak`); a site that called two methods alike stays with the helper. Receivers the
/// profile never saw still get their own methods.
#[test]
fn method_sites_with_a_few_targets_call_them_directly() {
    let (program, jsp, out) = seeded("method_sites.hack");
    assert_eq!(out, "50000 2 8 3\n");
    consumed(&[], &jsp, &program, &out);
    consumed(&["--jumpstart-wait"], &jsp, &program, &out);
    let bin = locate_jsvm().unwrap();
    let dump_with = |func: &str, extra: &[&str]| {
        Command::new(&bin)
            .args(["dump-llvm", "--fn", func])
            .args(extra)
            .arg(format!("--jumpstart={}", jsp.display()))
            .arg(&program)
            .output()
            .unwrap()
    };
    let dump = |func: &str| {
        let o = dump_with(func, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    // The class set of each direct target, in the order tested: a shift of a constant.
    let class_sets = |ir: &str| -> Vec<u32> {
        ir.lines()
            .filter_map(|l| l.split("lshr i64 ").nth(1))
            .map(|r| (r.split(',').next().unwrap().parse::<i64>().unwrap() as u64).count_ones())
            .collect()
    };
    let one = dump("one_target");
    assert!(one.contains("method_direct:"), "{one}");
    // `Dog`'s id alone.
    assert_eq!(class_sets(&one), [1], "{one}");
    // Animal::legs (Animal and the four subclasses that inherit it) and Bird::legs, tied in the
    // profile: by name.
    let two = dump("two_targets");
    assert_eq!(class_sets(&two), [5, 1], "{two}");
    assert!(
        two.contains("@rt_call_method"),
        "the other receivers: {two}"
    );
    // Six methods, a sixth of the calls each: four would not make 80%.
    let six = dump("six_targets");
    assert!(!six.contains("method_direct"), "{six}");
    assert!(six.contains("@rt_call_method"), "{six}");
    // The OSR code of the same loop (its header is `b1`) calls by the same profile.
    let o = dump_with("one_target", &["--osr", "b1"]);
    let osr = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && osr.contains("one_target$osr$b1"),
        "{osr}"
    );
    assert!(osr.contains("method_direct:"), "{osr}");
    assert_eq!(class_sets(&osr), [1], "{osr}");
    // A block that is no loop header: one error line, a failure exit.
    let o = dump_with("one_target", &["--osr", "b2"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim(),
        "jsvm: one_target: no OSR entry at b2: not a loop header"
    );
}

/// `jsvm compile-profile` seeds a profile from N runs (a consumer uses it); zero runs and a
/// program without an entry point are refused, and nothing is written.
#[test]
fn compile_profile_writes_a_consumable_profile() {
    let bin = locate_jsvm().unwrap();
    let jsp = tmp("compiled.jsp");
    let _ = std::fs::remove_file(&jsp);
    let o = Command::new(&bin)
        .args(["compile-profile", "--runs", "2", "--out"])
        .arg(&jsp)
        .arg(sample())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let info = Command::new(&bin)
        .arg("profile-info")
        .arg(&jsp)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("2 run(s)"));
    let o = jsvm(CONSUME_ALL, &jsp, &sample());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), EXPECTED);

    let none = tmp("never.jsp");
    let o = Command::new(&bin)
        .args(["compile-profile", "--runs", "0", "--out"])
        .arg(&none)
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "clap's usage error");
    let no_entry = tmp("no_entry.hack");
    std::fs::write(&no_entry, "<?hh\nfunction f(): void {}\n").unwrap();
    let o = Command::new(&bin)
        .args(["compile-profile", "--out"])
        .arg(&none)
        .arg(&no_entry)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("jsvm: compile-profile: no entry point") && err.lines().count() == 1,
        "{err}"
    );
    assert!(!none.exists());
}

/// `text` written as `name` in the test folder `folder`: versions of one program (a profile
/// applies to a program of the same file names) side by side.
fn in_folder(folder: &str, name: &str, text: &str) -> PathBuf {
    let p = tmp(folder).join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// A run that ends while its background batch still compiles does not wait for the batch: the
/// compile threads stop before their next function (`--stats` says the batch was cut short).
/// The consumer is the seeded program with a `main` that does one iteration instead of 3,000
/// (same file name: the same program; `main` alone loses its profile).
#[test]
fn a_run_that_ends_first_cuts_its_batch_short() {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("jumpstart/tree.hack"))
            .unwrap();
    let short = src.replace("run(3000)", "run(1)");
    assert_ne!(short, src);
    let long = in_folder("cut-long", "tree.hack", &src);
    let short = in_folder("cut-short", "tree.hack", &short);
    let jsp = tmp("cut.jsp");
    let o = jsvm(&["run", "--jumpstart-mode=seed"], &jsp, &long);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bin = locate_jsvm().unwrap();
    let interp = Command::new(&bin)
        .args(["run", "--tier=interp"])
        .arg(&short)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&interp.stdout).into_owned();
    assert!(out.starts_with("checksum "), "{out}");
    let err = consumed(&[], &jsp, &short, &out);
    assert!(err.contains("; cut short: the run ended first"), "{err}");
    let (n, all) = batch(&err);
    assert!(n > 100 && !all, "{err}");
}

/// Functions keep their profiles when another class is added above their classes: the key
/// hashes class names, not class numbers (which such a class shifts).
#[test]
fn a_new_class_keeps_the_other_functions_profiles() {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("jumpstart/method_sites.hack"),
    )
    .unwrap();
    let body = src.strip_prefix("<?hh\n").unwrap_or(&src);
    let added = format!("<?hh\nclass Unrelated {{ public int $q = 0; }}\n{body}");
    let before = in_folder("class-before", "method_sites.hack", &src);
    let after = in_folder("class-after", "method_sites.hack", &added);
    let jsp = tmp("class.jsp");
    let o = jsvm(&["run", "--jumpstart-mode=seed"], &jsp, &before);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = consumed(&["--jumpstart-wait"], &jsp, &after, &out);
    assert!(err.contains(" 0 stale"), "{err}");
    assert!(!err.contains("changed since seeding"), "{err}");
}

/// A profile is written only where one can go: a file that is not a profile (the program's own
/// source, named by mistake) is never replaced, and every refusal comes before any seeding run,
/// as one line with a failure exit. A link to a file not yet there creates that file; a
/// device read as a profile is refused after its first bytes.
#[test]
fn a_profile_never_replaces_other_files() {
    let bin = locate_jsvm().unwrap();
    let src = std::fs::read_to_string(sample()).unwrap();
    let victim = tmp("victim.hack");
    std::fs::write(&victim, &src).unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(&bin)
            .args(args)
            .env_remove("JSVM_JUMPSTART_OFF")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            err,
        )
    };
    let v = victim.to_str().unwrap();
    let at = format!("--jumpstart={v}");
    let refused = "victim.hack exists and is not a jsvm profile; it is not replaced";
    for args in [
        vec!["compile-profile", "--out", v, v],
        vec!["run", "--jumpstart-mode=seed", &at, v],
        vec!["run", "--jumpstart-mode=consume-or-generate", &at, v],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        // One line: the refusal (consume-or-generate's "not used" would only repeat it).
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.trim_end().ends_with(refused), "{args:?}: {err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), src, "{args:?}");
    }
    let missing = tmp("no/such/folder/x.jsp");
    let (code, _, err) = run(&["compile-profile", "--out", missing.to_str().unwrap(), v]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.ends_with("/no/such/folder/x.jsp does not exist\n"),
        "{err}"
    );
    // A folder that takes no file (a pseudo file system; chmod would not stop root): refused
    // before the program runs, not after it.
    let (code, out, err) = run(&["run", "--jumpstart-mode=seed", "--jumpstart=/proc/x.jsp", v]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("jsvm: --jumpstart=/proc/x.jsp: i/o error: "),
        "{err}"
    );
    // A link to a file not yet there: the profile goes there, the link stays.
    let target = tmp("linked-target.jsp");
    let link = tmp("link.jsp");
    let _ = std::fs::remove_file(&target);
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&target, &link).unwrap();
    seed(&link, &sample());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(jsvm_jumpstart::file::read_bounded(&target).is_ok());
    // A device, and a FIFO no one writes (its open would wait for a writer): not regular
    // files, the correct output at once.
    let fifo = tmp("fifo.jsp");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    for (f, name) in [
        ("/dev/zero", "/dev/zero".to_string()),
        (fifo.to_str().unwrap(), fifo.display().to_string()),
    ] {
        let at = format!("--jumpstart={f}");
        let (code, out, err) = run(&["run", "--jumpstart-mode=consume", &at, v]);
        assert_eq!((code, out.as_str()), (Some(0), EXPECTED), "{err}");
        assert!(
            err.ends_with(&format!("not used: {name} is not a regular file\n")),
            "{err}"
        );
    }
    let _ = std::fs::remove_file(&fifo);
    // A seeder profiles in the interpreter: not with --tier=jit.
    let (code, _, err) = run(&["run", "--tier=jit", "--jumpstart-mode=seed", &at, v]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not --tier=jit"), "{err}");
}

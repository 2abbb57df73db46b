//! Bounded fuzz test of the whole pipeline: mutated conformance programs go through parsing,
//! lowering, verification and the interpreter with a step limit; no input may panic the VM.
//!
//! Deterministic (xorshift with a fixed seed); `JSVM_FUZZ_CASES` and `JSVM_FUZZ_SEED` change
//! the run. A failure prints the mutated program.

use jsvm_runtime::{ctx::Ctx, interp::Program};
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("../../shared/conformance"),
        root.join("conformance"),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "hack"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                out.push(t);
            }
        }
    }
    out
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    ";",
    "$x",
    "null",
    "0",
    "-1",
    "\"s\"",
    "vec[]",
    "dict[]",
    "->",
    "?->",
    "::",
    "??",
    "throw new Exception(\"f\");",
    "return;",
    "break;",
    "continue;",
    "++",
    "**",
    "%",
    "/ 0",
    "% 0",
    "[]",
    "$this",
    "new C()",
    "function() {}",
    "$x ==> $x",
    "...",
    "1.5",
    "PHP_INT_MAX",
    "true",
    "as int",
    "is string",
];

fn mutate(src: &str, rng: &mut Rng) -> String {
    let mut s = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let n = s.len().max(1);
        match rng.below(5) {
            0 => {
                let at = rng.below(n);
                let len = 1 + rng.below(20);
                s.drain(at.min(s.len())..(at + len).min(s.len()));
            }
            1 => {
                let at = rng.below(n + 1).min(s.len());
                let t = TOKENS[rng.below(TOKENS.len())];
                s.splice(at..at, t.bytes());
            }
            2 => {
                let lines: Vec<&[u8]> = s.split(|&c| c == b'\n').collect();
                let i = rng.below(lines.len());
                let mut out = Vec::new();
                for (j, l) in lines.iter().enumerate() {
                    out.extend_from_slice(l);
                    out.push(b'\n');
                    if j == i {
                        out.extend_from_slice(l);
                        out.push(b'\n');
                    }
                }
                s = out;
            }
            3 => {
                let lines: Vec<Vec<u8>> = s.split(|&c| c == b'\n').map(|l| l.to_vec()).collect();
                let mut lines = lines;
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
                s = lines.join(&b'\n');
            }
            _ => {
                // Replace a digit run with another small number.
                if let Some(at) = (0..s.len())
                    .map(|i| (i + rng.below(n)) % s.len())
                    .find(|&i| s[i].is_ascii_digit())
                {
                    let end = (at..s.len())
                        .find(|&i| !s[i].is_ascii_digit())
                        .unwrap_or(s.len());
                    let v = ["0", "1", "-1", "7", "64", "255", "1000"][rng.below(7)];
                    s.splice(at..end, v.bytes());
                }
            }
        }
    }
    String::from_utf8_lossy(&s).into_owned()
}

/// Compile and run one program with a step limit: `Ok(true)` when it ran, `Ok(false)` when it
/// was rejected before running, `Err` only when something panicked.
fn run_one(src: String) -> Result<bool, String> {
    let r = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            std::panic::catch_unwind(move || {
                let Ok(module) = jsvm::driver::compile_sources(&[("fuzz.hack".to_string(), src)])
                else {
                    return false;
                };
                let Ok(prog) = Program::load(module) else {
                    return false;
                };
                let _heap = jsvm_runtime::heap::enter_request();
                let mut ctx = Ctx::new();
                ctx.budget = 20_000;
                let _ = prog.run_main(&mut ctx);
                true
            })
        })
        .expect("spawn")
        .join();
    match r {
        Ok(Ok(ran)) => Ok(ran),
        Ok(Err(p)) | Err(p) => Err(p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()),
    }
}

#[test]
fn mutated_programs_never_panic_the_vm() {
    let cases: usize = std::env::var("JSVM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let seed: u64 = std::env::var("JSVM_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_1234_abcd);
    let corpus = corpus();
    assert!(corpus.len() > 20, "conformance corpus not found");
    let mut rng = Rng(seed | 1);
    // Silence the default panic message; failures are reported below with their input.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in 0..cases {
        let src = mutate(&corpus[rng.below(corpus.len())], &mut rng);
        match run_one(src.clone()) {
            Ok(r) => ran += usize::from(r),
            // A designed fatal (a limit) unwinds as a panic to the request boundary: allowed.
            Err(msg) if msg.starts_with("fatal error: ") => {}
            Err(msg) => {
                failures.push(format!("case {case}: panic: {msg}\n--- program ---\n{src}"));
                if failures.len() >= 3 {
                    break;
                }
            }
        }
    }
    let _ = std::panic::take_hook();
    assert!(
        failures.is_empty(),
        "{} failing inputs:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // The mutations must still produce runnable programs often enough to exercise the VM.
    assert!(
        ran * 5 >= cases,
        "only {ran} of {cases} mutated programs compiled and ran"
    );
    eprintln!("{ran} of {cases} mutated programs ran");
}

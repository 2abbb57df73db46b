//! Bounded, deterministic fuzzing run by `cargo test`: mutated corpus programs,
//! random bytes and deep nesting must give `Ok` or diagnostics, never a panic,
//! a hang or a stack overflow.

use jsvm_frontend::{dump_ast, parse_program, render_diagnostics, SourceMap};
use std::path::Path;
use std::time::{Duration, Instant};

/// Cases per run; `JSVM_FUZZ_CASES` and `JSVM_FUZZ_SEED` override the defaults.
const CASES: usize = 5000;

/// xorshift64*: small, deterministic, good enough for mutation.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "$",
    "$$",
    "<",
    ">",
    ">>",
    "<<",
    ";",
    ":",
    "?",
    "\\",
    "\n",
    " ",
    "function ",
    "class ",
    "if (",
    "else ",
    "=>",
    "==>",
    "**",
    "?->",
    "->",
    "::",
    "0x",
    "0b",
    "017",
    "1e",
    "1_",
    ".5",
    "<<<EOT\n",
    "\nEOT;\n",
    "<<<'N'\n",
    "{$",
    "${",
    "\\u{",
    "\\x",
    "vec[",
    "dict[",
    "list(",
    "new ",
    "<<__EntryPoint>>",
    "as ",
    "?as ",
    "is ",
    "...",
    "??",
    "|>",
    "(int)",
    "/*",
    "*/",
    "//",
    "#",
    "é",
    "\u{1F600}",
    "\0",
    "\r",
    "\t",
    "return ",
    "switch (",
    "case ",
    "default:",
    "try {",
    "catch (E $e)",
    "finally ",
];

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "../../shared/conformance",
        "../../shared/bench",
        "../tests/conformance",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "hack"))
            .collect();
        paths.sort();
        out.extend(paths.iter().filter_map(|p| std::fs::read(p).ok()));
    }
    if out.is_empty() {
        out.push(b"<?hh\nfunction main(): void { echo \"hi $x\\n\"; }\n".to_vec());
    }
    out
}

fn mutate(rng: &mut Rng, mut s: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(4) {
        let len = s.len();
        let (a, b) = {
            let a = rng.below(len + 1);
            (a, (a + rng.below(64)).min(len))
        };
        match rng.below(7) {
            0 => {
                s.drain(a..b);
            }
            1 => {
                let chunk = s[a..b].to_vec();
                let at = rng.below(s.len() + 1);
                s.splice(at..at, chunk);
            }
            2 => {
                let c = rng.below(len + 1);
                let d = (c + rng.below(64)).min(len);
                if b <= c {
                    let (x, y) = (s[a..b].to_vec(), s[c..d].to_vec());
                    s.splice(c..d, x);
                    s.splice(a..b, y);
                }
            }
            3 => {
                let t = rng.pick(TOKENS).as_bytes().to_vec();
                s.splice(a..a, t);
            }
            4 => {
                let bytes: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                s.splice(a..a, bytes);
            }
            5 => s.truncate(a),
            _ => {
                if a < len {
                    s[a] = *rng.pick(b"(){}[]\"'$;:<>?\\ \n0aZ_.-+*/=!&|^~@#,");
                }
            }
        }
    }
    s
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(400);
    if rng.below(2) == 0 {
        (0..n).map(|_| rng.next() as u8).collect()
    } else {
        (0..n)
            .flat_map(|_| rng.pick(TOKENS).as_bytes().to_vec())
            .collect()
    }
}

fn deep_nesting(rng: &mut Rng) -> Vec<u8> {
    let depth = 50 + rng.below(3000);
    let pairs: &[(&str, &str)] = &[
        ("(", ")"),
        ("[", "]"),
        ("{", "}"),
        ("f(", ")"),
        ("vec[", "]"),
        ("-", ""),
        ("!", ""),
        ("$x[", "]"),
        ("\"{$x[", "]}\""),
        ("$a = ", ""),
        ("1 + ", ""),
        ("$c ? 1 : ", ""),
        ("$x ==> ", ""),
        ("if (1) ", ""),
        ("(function(", "): int)"),
        ("?", ""),
        ("vec<", ">"),
        ("$o->", "p"),
        ("2 ** ", ""),
    ];
    let (open, close) = rng.pick(pairs);
    let mut s = b"<?hh\nfunction main(): void {\n  $x = ".to_vec();
    for _ in 0..depth {
        s.extend_from_slice(open.as_bytes());
    }
    s.push(b'1');
    let closes = if rng.below(4) == 0 {
        rng.below(depth)
    } else {
        depth
    };
    for _ in 0..closes {
        s.extend_from_slice(close.as_bytes());
    }
    s.extend_from_slice(b";\n}\n");
    s
}

/// Parses (then dumps or renders) one input; `Ok(true)` if it parsed.
fn run_case(input: &[u8]) -> Result<bool, String> {
    let text = String::from_utf8_lossy(input).into_owned();
    let len = text.len() as u32;
    let result = std::panic::catch_unwind(|| {
        let mut map = SourceMap::new();
        map.add("fuzz.hack".into(), text.clone());
        match parse_program(&map) {
            Ok(p) => {
                dump_ast(&p);
                true
            }
            Err(diags) => {
                assert!(!diags.is_empty());
                for d in &diags {
                    assert!(
                        d.span.lo <= d.span.hi && d.span.hi <= len,
                        "bad span {:?}",
                        d.span
                    );
                }
                render_diagnostics(&map, &diags);
                false
            }
        }
    });
    result.map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
        format!(
            "panic {:?} on input {:?}",
            msg,
            String::from_utf8_lossy(input)
        )
    })
}

#[test]
fn fuzz_bounded() {
    let seeds = seeds();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = env("JSVM_FUZZ_CASES").map_or(CASES, |n| n as usize);
    let mut rng = Rng(env("JSVM_FUZZ_SEED").unwrap_or(0x9E37_79B9_7F4A_7C15) | 1);
    let start = Instant::now();
    let (mut ok, mut err) = (0, 0);
    for case in 0..cases {
        let input = match case % 10 {
            0 => random_bytes(&mut rng),
            1 => deep_nesting(&mut rng),
            _ => {
                let seed = rng.pick(&seeds).clone();
                mutate(&mut rng, seed)
            }
        };
        let t = Instant::now();
        let parsed = run_case(&input).unwrap_or_else(|e| panic!("case {case}: {e}"));
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "case {case} took {:?}: {:?}",
            t.elapsed(),
            String::from_utf8_lossy(&input)
        );
        if parsed {
            ok += 1;
        } else {
            err += 1;
        }
    }
    eprintln!(
        "fuzz_bounded: {cases} cases ({ok} ok, {err} errors) in {:?}",
        start.elapsed()
    );
}

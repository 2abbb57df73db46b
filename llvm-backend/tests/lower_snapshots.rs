//! Snapshots of the LLVM IR the lowering produces for small functions (before the passes),
//! with addresses filtered. Review changes with `cargo insta review`.

mod common;

const SRC: &str = r#"<?hh
function fib(int $n): int {
  return $n < 2 ? $n : fib($n - 1) + fib($n - 2);
}
function scale(float $x, int $k): float {
  return $x * $k + 0.5;
}
function greet(string $who): string {
  return "hello " . $who . "!";
}
function generic($a, $b) {
  return $a % $b;
}
"#;

fn dump(name: &str, opt: Option<jsvm_llvm::Pipeline>) -> String {
    let m = common::compile(SRC);
    let f = m.func_by_name(name).expect("function");
    jsvm_llvm::dump_llvm(&m, f, opt, None, None, None).expect("lowers")
}

macro_rules! snap {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let text = dump($name, None);
            insta::with_settings!({filters => vec![
                (r"inttoptr \(i64 \d+ to ptr\)", "inttoptr (i64 <addr> to ptr)"),
                (r"i64 \d{9,}", "i64 <addr>"),
                (r"(getelementptr i8, ptr %0, i64) \d+", "$1 <ctx field>"),
            ]}, {
                insta::assert_snapshot!(text);
            });
        }
    };
}

snap!(fib_is_unboxed_and_self_recursive, "fib");
snap!(mixed_int_float_arithmetic, "scale");
snap!(string_concat_uses_helpers, "greet");
snap!(cell_operands_use_helpers, "generic");

#[test]
fn lowering_never_emits_nsw_and_o2_keeps_fib_unboxed() {
    // LLVM may add `nsw` itself where it proves no overflow (`$n - 1` with `$n >= 2`); the
    // lowering never does.
    for f in ["fib", "scale", "generic"] {
        let text = dump(f, None);
        assert!(!text.contains(" nsw ") && !text.contains(" nuw "), "{text}");
    }
    let text = dump("fib", Some(jsvm_llvm::Pipeline::O2));
    assert!(
        text.contains("define hidden i64 @hack.fib(ptr noalias"),
        "{text}"
    );
}

#[test]
fn the_light_pipeline_rotates_loops() {
    // The block placer does not rotate a loop for a function with a profile (it no longer
    // tail-duplicates the header into the latch), so the pipeline rotates loops in the IR:
    // the loop's one block ends with the exit test and branches back to itself.
    let m = common::compile(
        r#"<?hh
function mix(int $n): int {
  $h = 7;
  for ($k = 0; $k < $n; $k++) {
    $h = (($h ^ $k) * 31) & 0xffff;
  }
  return $h;
}
"#,
    );
    let f = m.func_by_name("mix").expect("function");
    let text = jsvm_llvm::dump_llvm(&m, f, Some(jsvm_llvm::Pipeline::Light), None, None, None)
        .expect("lowers");
    let body = text.split("define ").nth(1).expect("the typed body");
    let body = body.split("\n}").next().unwrap_or(body);
    let rotated = body.split("\n\n").any(|block| {
        let label = block.trim_start().split(':').next().unwrap_or("");
        !label.is_empty()
            && block
                .lines()
                .last()
                .is_some_and(|l| l.contains("br i1") && l.contains(&format!("label %{label},")))
    });
    assert!(
        rotated,
        "no block loops back to itself at its exit test:\n{body}"
    );
}

/// Words other threads store to (here the callee's function-table slot, read at each call)
/// are volatile loads, never atomic ones: FastISel, which the quick pipelines use, cannot
/// select an atomic load and sends its whole block to SelectionDAG.
#[test]
fn shared_words_are_volatile_loads_for_fast_isel() {
    let m = common::compile(
        "<?hh
function leaf(int $x): int { return $x + 1; }
function caller(int $n): int {
  $s = 0;
  for ($i = 0; $i < $n; $i++) { $s = $s + leaf($i); }
  return $s;
}
",
    );
    let f = m.func_by_name("caller").expect("function");
    let text = jsvm_llvm::dump_llvm(&m, f, None, None, None, None).expect("lowers");
    assert!(text.contains("= load volatile ptr"), "{text}");
    assert!(!text.contains("load atomic"), "{text}");
}

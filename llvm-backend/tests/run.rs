//! End to end: compile small programs with the LLVM tier, load them into the code cache and call
//! the generic entries (results, pending exceptions, arity errors, helpers through stubs).

mod common;

use jsvm_llvm::{LlvmCompiler, Options, Pipeline};
use jsvm_runtime::ctx::Ctx;
use jsvm_runtime::value::TypedValue;

const SRC: &str = r#"<?hh
function fib(int $n): int {
  return $n < 2 ? $n : fib($n - 1) + fib($n - 2);
}
function rem(int $a, int $b): int { return $a % $b; }
function loop_sum(int $n): float {
  $s = 0.0;
  for ($i = 0; $i < $n; $i++) { $s += $i / 2; }
  return $s;
}
function shout(string $s): string { return strtoupper($s) . "!"; }
"#;

fn call(
    c: &[(jsvm_ir::FuncId, jsvm_runtime::tier::GenericEntry)],
    m: &jsvm_ir::Module,
    name: &str,
    ctx: &mut Ctx,
    args: &mut [TypedValue],
) -> TypedValue {
    let f = m.func_by_name(name).expect("function");
    let (_, e) = c.iter().find(|(g, _)| *g == f).expect("compiled");
    // SAFETY: a published generic entry, owned well-formed arguments, a live ctx.
    unsafe { e(ctx, args.as_mut_ptr(), args.len() as u32) }
}

/// Results, pending exceptions and argument errors, the same from every pipeline (`quick` runs
/// no IR pass at all).
#[test]
fn compiled_functions_run() {
    for pipeline in [
        Pipeline::Light,
        Pipeline::O2,
        Pipeline::Fast,
        Pipeline::Quick,
    ] {
        compiled_functions_run_with(pipeline);
    }
}

fn compiled_functions_run_with(pipeline: Pipeline) {
    let m = common::compile(SRC);
    let compiler = LlvmCompiler::new(Options {
        pipeline,
        threads: 2,
        ..Options::default()
    })
    .expect("code cache");
    let all: Vec<_> = (0..m.funcs.len()).map(jsvm_ir::FuncId::new).collect();
    let entries = compiler.compile_batch(&m, &all).expect("loads");
    for s in compiler.stats() {
        assert!(s.error.is_none(), "{pipeline:?} {}: {:?}", s.name, s.error);
    }
    let _heap = jsvm_runtime::heap::enter_request();
    let mut ctx = Ctx::new();
    jsvm_runtime::jit::set_stack_limit(&mut ctx, 64 << 10);

    let r = call(&entries, &m, "fib", &mut ctx, &mut [TypedValue::int(20)]);
    assert_eq!(r.as_int(), 6765);

    let r = call(
        &entries,
        &m,
        "loop_sum",
        &mut ctx,
        &mut [TypedValue::int(4)],
    );
    assert_eq!(r.as_float(), 3.0);

    let r = call(
        &entries,
        &m,
        "shout",
        &mut ctx,
        &mut [TypedValue::new_str(b"hi")],
    );
    assert_eq!(r.str_bytes(), b"HI!");
    // SAFETY: the result is owned and not used again.
    unsafe { r.dec_ref() };

    // `%` by zero: a pending DivisionByZeroException, the flag cleared by the generic entry.
    let r = call(
        &entries,
        &m,
        "rem",
        &mut ctx,
        &mut [TypedValue::int(7), TypedValue::int(0)],
    );
    assert!(r.is_uninit());
    assert_eq!(ctx.jit_pending, 0);
    let e = ctx.pending.take().expect("pending exception");
    assert_eq!(e.as_throw().map(|t| t.1), Some("Division by zero"));
    let r = call(
        &entries,
        &m,
        "rem",
        &mut ctx,
        &mut [TypedValue::int(i64::MIN), TypedValue::int(-1)],
    );
    assert_eq!(r.as_int(), 0);

    // Too few arguments, and a parameter of the wrong type.
    call(&entries, &m, "rem", &mut ctx, &mut [TypedValue::int(1)]);
    let e = ctx.pending.take().expect("arity error");
    assert!(e
        .as_throw()
        .unwrap()
        .1
        .contains("Too few arguments to function rem(), 1 passed"));
    call(&entries, &m, "fib", &mut ctx, &mut [TypedValue::float(1.5)]);
    let e = ctx.pending.take().expect("type error");
    assert!(e
        .as_throw()
        .unwrap()
        .1
        .contains("must be an instance of int, float given"));

    // Deep recursion hits the stack limit as a fatal, not a crash.
    let deep = common::compile(
        "<?hh\nfunction down(int $n): int { return $n == 0 ? 0 : 1 + down($n - 1); }\n",
    );
    let c2 = LlvmCompiler::new(Options::default()).expect("code cache");
    let e2 = c2
        .compile_batch(&deep, &[jsvm_ir::FuncId::new(0)])
        .expect("loads");
    let r = call(&e2, &deep, "down", &mut ctx, &mut [TypedValue::int(1000)]);
    assert_eq!(r.as_int(), 1000);
    // A fatal unwinds (as a panic, through the compiled frames' registered unwind tables) to
    // the request boundary: here.
    ctx.stack_limit = usize::MAX;
    let p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        call(&e2, &deep, "down", &mut ctx, &mut [TypedValue::int(10)])
    }))
    .expect_err("stack overflow unwinds");
    assert_eq!(
        p.downcast_ref::<String>().map(String::as_str),
        Some("fatal error: Stack overflow")
    );
}

#[test]
fn dump_asm_names_areas_and_helpers() {
    let m = common::compile(SRC);
    let c = LlvmCompiler::new(Options::default()).expect("code cache");
    let f = m.func_by_name("rem").unwrap();
    c.compile_batch(&m, &[f]).expect("loads");
    let text = c.disassemble(None);
    // Without a profile a batch goes to the main area.
    assert!(text.contains("hack.rem [main]"), "{text}");
    assert!(text.contains("rt_mod@stub"), "{text}");
    assert!(text.contains("push    rbp"), "{text}");
}

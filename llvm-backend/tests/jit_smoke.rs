//! Smoke test of the LLVM 19 setup: build `fib` with inkwell, compile it with jsvm's target
//! machine, place it with jsvm's loader in the code cache, call it.
//!
//! This proves that llvm-sys found LLVM 19 (LLVM_SYS_191_PREFIX in .cargo/config.toml), that
//! static linking of the components `build.rs` names works, and that the native target can
//! generate and run code on this machine.

use inkwell::context::Context;
use inkwell::IntPredicate;
use jsvm_llvm::code_cache::{Area, CodeCache};
use jsvm_llvm::pipeline::{self, Pipeline};

/// Signature of the JIT-compiled function.
type FibFn = unsafe extern "C" fn(i64) -> i64;

#[test]
fn jit_compiles_and_runs_fib() {
    let ctx = Context::create();
    let module = pipeline::host_module(&ctx, "jit_smoke");
    let builder = ctx.create_builder();
    let i64t = ctx.i64_type();

    // i64 fib(i64 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
    let fib = module.add_function("fib", i64t.fn_type(&[i64t.into()], false), None);
    let entry = ctx.append_basic_block(fib, "entry");
    let base = ctx.append_basic_block(fib, "base");
    let rec = ctx.append_basic_block(fib, "rec");
    let n = fib.get_nth_param(0).unwrap().into_int_value();
    builder.position_at_end(entry);
    let small = builder
        .build_int_compare(IntPredicate::SLT, n, i64t.const_int(2, false), "small")
        .unwrap();
    builder.build_conditional_branch(small, base, rec).unwrap();
    builder.position_at_end(base);
    builder.build_return(Some(&n)).unwrap();
    builder.position_at_end(rec);
    let n1 = builder
        .build_int_sub(n, i64t.const_int(1, false), "n1")
        .unwrap();
    let n2 = builder
        .build_int_sub(n, i64t.const_int(2, false), "n2")
        .unwrap();
    let f1 = builder.build_call(fib, &[n1.into()], "f1").unwrap();
    let f2 = builder.build_call(fib, &[n2.into()], "f2").unwrap();
    let f1 = f1.try_as_basic_value().basic().unwrap().into_int_value();
    let f2 = f2.try_as_basic_value().basic().unwrap().into_int_value();
    let sum = builder.build_int_add(f1, f2, "sum").unwrap();
    builder.build_return(Some(&sum)).unwrap();
    module
        .verify()
        .unwrap_or_else(|e| panic!("invalid module: {}", e.to_string()));

    let tm = pipeline::target_machine(Pipeline::O2).expect("target machine");
    pipeline::optimize(&module, &tm, Pipeline::O2).expect("passes");
    let obj = jsvm_llvm::emit::object(&module, &tm).expect("object");
    let mut cache = CodeCache::new().expect("code cache");
    let loaded = jsvm_llvm::loader::Batch::new(&mut cache, Area::Main)
        .load(&obj, &[])
        .expect("loads");
    cache.publish().expect("published");
    let addr = loaded.symbols["fib"];
    // SAFETY: `fib` was defined above with exactly the signature of `FibFn`, and its code is
    // published (executable) in `cache`, which outlives the call.
    let f: FibFn = unsafe { std::mem::transmute::<usize, FibFn>(addr) };
    // SAFETY: the code is pure integer arithmetic.
    let got = unsafe { f(30) };
    assert_eq!(got, 832_040);
}

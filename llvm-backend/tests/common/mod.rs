//! Shared by the integration tests: Hack source → baseline IR, as `jsvm run` builds it.

use jsvm_ir::Module;

/// Parse, lower, clean up, infer types and insert refcounts.
pub fn compile(src: &str) -> Module {
    let mut map = jsvm_frontend::SourceMap::new();
    map.add("test.hack".into(), src.into());
    let prog = jsvm_frontend::parse_program(&map).expect("parses");
    let mut m = jsvm_frontend::with_big_stack(|| jsvm_frontend::lower::lower_program(&prog))
        .expect("lowers");
    for f in &mut m.funcs {
        jsvm_ir::cleanup::cleanup(f);
    }
    jsvm_ir::infer::infer_module(&mut m, jsvm_runtime::interp::builtin_result_type);
    jsvm_ir::rc::insert_refcounts_module(&mut m);
    m
}

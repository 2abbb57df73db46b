//! The pass pipelines: each finishes on IR that LLVM's instcombine does not settle in one round
//! (LLVM 19 aborts the process when `instcombine` verifies its fixpoint), and large functions get
//! the fast one.

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use jsvm_llvm::pipeline::{self, Pipeline};

/// A write-mask test on a constant mask (`lshr MASK, tag`), as property writes lower, reduced
/// by llvm-reduce from a function that aborted `--tier=jit`.
const UNSETTLED: &str = r#"
define { i64, i64 } @f(ptr noalias %0) {
entry:
  %1 = call { i64, i64 } @g()
  %2 = extractvalue { i64, i64 } %1, 1
  %3 = trunc i64 %2 to i8
  %4 = zext i8 %3 to i64
  %5 = lshr i64 8, %4
  %6 = and i64 %5, 1
  %7 = icmp ne i64 %6, 0
  br i1 %7, label %yes, label %no

no:
  ret { i64, i64 } zeroinitializer

yes:
  store i8 %3, ptr inttoptr (i64 8 to ptr), align 1
  ret { i64, i64 } zeroinitializer
}

declare { i64, i64 } @g()
"#;

#[test]
fn every_pipeline_finishes_on_ir_instcombine_does_not_settle_at_once() {
    for p in [
        Pipeline::O2,
        Pipeline::Light,
        Pipeline::Fast,
        Pipeline::Quick,
    ] {
        let cx = Context::create();
        let buf = MemoryBuffer::create_from_memory_range_copy(UNSETTLED.as_bytes(), "unsettled");
        let m = cx.create_module_from_ir(buf).expect("valid IR");
        let (triple, layout) = pipeline::triple_and_layout();
        m.set_triple(&inkwell::targets::TargetTriple::create(triple));
        m.set_data_layout(&inkwell::targets::TargetData::create(layout).get_data_layout());
        let t = pipeline::take(p).expect("a target machine");
        pipeline::optimize(&m, t.tm(), p).expect("passes");
        let obj = jsvm_llvm::emit::object(&m, t.tm()).expect("object");
        assert!(obj.starts_with(b"\x7fELF"), "{p:?}");
    }
}

/// A function above `LARGE_FUNCTION` IR instructions gets `Fast` under the slower pipelines
/// (their passes grow with the square of its size); smaller ones, and the quick pipelines, keep
/// theirs.
#[test]
fn large_functions_get_the_fast_pipeline() {
    use jsvm_llvm::pipeline::LARGE_FUNCTION;
    for p in [Pipeline::O2, Pipeline::Light] {
        assert_eq!(p.for_size(LARGE_FUNCTION), p);
        assert_eq!(p.for_size(LARGE_FUNCTION + 1), Pipeline::Fast);
    }
    for p in [Pipeline::Fast, Pipeline::Quick] {
        assert_eq!(p.for_size(10 * LARGE_FUNCTION), p);
    }
}

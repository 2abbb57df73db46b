//! The pool of warm target machines (`pipeline::prewarm`, `take`, and giving back by dropping),
//! in a process of its own: the pool is global.

use jsvm_llvm::pipeline::{self, Pipeline};

#[test]
fn prewarmed_target_machines_are_taken_and_given_back() {
    assert_eq!(pipeline::idle(Pipeline::Quick), 0);
    pipeline::prewarm(Pipeline::Quick, 2);
    // A taker waits for a machine being warmed rather than creating its own.
    let first = pipeline::take(Pipeline::Quick).expect("a target machine");
    pipeline::wait_warming();
    assert_eq!(pipeline::idle(Pipeline::Quick), 1, "one taken, one idle");
    // Machines are shared by the code generator levels `None` and `Less`: `fast` and `light`
    // take `quick`'s; `o2`'s are machines of their own.
    assert_eq!(pipeline::idle(Pipeline::Fast), 1);
    assert_eq!(pipeline::idle(Pipeline::Light), 1);
    assert_eq!(pipeline::idle(Pipeline::O2), 0);
    let second = pipeline::take(Pipeline::Light).expect("a target machine");
    assert_eq!(pipeline::idle(Pipeline::Quick), 0);
    // With none idle and none warming, `take` creates one.
    let third = pipeline::take(Pipeline::Quick).expect("a new target machine");
    drop([first, second, third]);
    assert_eq!(pipeline::idle(Pipeline::Quick), 3);
    assert_eq!(pipeline::idle(Pipeline::O2), 0);
    // A machine warmed for `quick` compiles for `light` (its level and selector set anew), then
    // for `quick` again: the smoke test's function through each whole pipeline.
    for p in [Pipeline::Light, Pipeline::Quick] {
        let t = pipeline::take(p).expect("a target machine");
        let cx = inkwell::context::Context::create();
        let m = pipeline::host_module(&cx, "pool");
        let i64t = cx.i64_type();
        let f = m.add_function("id", i64t.fn_type(&[i64t.into()], false), None);
        let b = cx.create_builder();
        b.position_at_end(cx.append_basic_block(f, "entry"));
        b.build_return(Some(&f.get_first_param().unwrap())).unwrap();
        pipeline::optimize(&m, t.tm(), p).expect("passes");
        let obj = jsvm_llvm::emit::object(&m, t.tm()).expect("object");
        assert!(obj.starts_with(b"\x7fELF"));
    }
    assert_eq!(
        pipeline::idle(Pipeline::Light),
        3,
        "each taken machine came back"
    );
}

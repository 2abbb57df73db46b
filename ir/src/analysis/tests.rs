//! Analysis tests on parsed IR text: a diamond, nested loops, a try/catch edge.

use super::*;
use crate::entities::{Block, Value};
use crate::function::Function;
use crate::parse::parse_function;

fn parse(body: &str) -> Function {
    let text = format!("fn0 \"t\"() -> InitCell \"mixed\" {{\n{body}}}\n");
    parse_function(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn vals(s: &LiveSet) -> Vec<u32> {
    s.values().map(|v| v.0).collect()
}

const DIAMOND: &str = "\
b0(v0: Bool, v1: Int):
    v2: Int = const_int 1
    branch v0 -> b1, b2(v2)
b1:
    v3: Int = add v1, v2
    jump -> b3(v3)
b2(v4: Int):
    jump -> b3(v4)
b3(v5: Int):
    v6: Int = add v5, v1
    return v6
b4:
    jump -> b3(v1)
";

#[test]
fn diamond() {
    let f = parse(DIAMOND);
    let cfg = Cfg::compute(&f);
    let (b0, b1, b2, b3, b4) = (Block(0), Block(1), Block(2), Block(3), Block(4));
    assert_eq!(cfg.succs(b0), &[b1, b2]);
    assert_eq!(cfg.preds(b3), &[b1, b2, b4]);
    assert_eq!(cfg.rpo()[0], b0);
    assert_eq!(cfg.rpo().len(), 4);
    assert_eq!(*cfg.rpo().last().unwrap(), b3);
    assert!(!cfg.is_reachable(b4));
    let dom = DomTree::compute(&f, &cfg);
    assert_eq!(dom.idom(b0), None);
    assert_eq!(dom.idom(b1), Some(b0));
    assert_eq!(dom.idom(b3), Some(b0));
    assert_eq!(dom.idom(b4), None);
    assert!(dom.dominates(b0, b3) && !dom.dominates(b1, b3) && !dom.dominates(b0, b4));
    assert!(dom.dominates(b4, b4));
    assert_eq!(dom.children(b0), &[b2, b1, b3]);
    let loops = Loops::compute(&f, &cfg, &dom);
    assert!(loops.loops().is_empty());
    let live = Liveness::compute(&f, &cfg);
    assert_eq!(vals(live.live_in(b0)), Vec::<u32>::new());
    assert_eq!(vals(live.live_out(b0)), vec![1, 2]);
    assert_eq!(vals(live.live_in(b1)), vec![1, 2]);
    assert_eq!(vals(live.live_out(b1)), vec![1, 3]);
    assert_eq!(vals(live.live_in(b2)), vec![1]);
    assert_eq!(vals(live.live_in(b3)), vec![1]);
    assert_eq!(vals(live.live_out(b3)), Vec::<u32>::new());
    // Per instruction: v1 dies at the add in b3; v5 too.
    let after = live.live_after(&f, b3);
    assert_eq!(after.values(0).map(|v| v.0).collect::<Vec<_>>(), vec![6]);
    assert!(after.values(1).next().is_none());
    assert_eq!(vals(&live.live_after_at(&f, b3, 0)), vec![6]);
    assert_eq!(vals(&live.live_after_at(&f, b3, 1)), Vec::<u32>::new());
    assert_eq!(
        live.dying_operands(&f, b3),
        vec![vec![Value(5), Value(1)], vec![Value(6)]]
    );
    assert_eq!(live.dying_operands(&f, b1)[0], vec![Value(2)]);
    // Edges: b1 uses v1 and v2; on b0 -> b2, v2 (the argument) is moved into v4.
    assert_eq!(vals(&live.edge_dying(&f, b0, 0)), Vec::<u32>::new());
    assert_eq!(vals(&live.edge_dying(&f, b0, 1)), vec![2]);
    assert_eq!(vals(&live.edge_dying(&f, b1, 0)), vec![3]);
    assert_eq!(live.dead_params(&f, b0), vec![]);
    assert_eq!(live.dead_params(&f, b4), vec![]);
}

const LOOPS: &str = "\
b0(v0: Int):
    v1: Int = const_int 0
    jump -> b1(v1)
b1(v2: Int):
    v3: Bool = lt v2, v0
    branch v3 -> b2(v2), b5
b2(v4: Int):
    jump -> b3(v4)
b3(v5: Int):
    v6: Int = const_int 1
    v7: Int = add v5, v6
    v8: Bool = lt v7, v0
    branch v8 -> b3(v7), b4
b4:
    jump -> b1(v7)
b5:
    v9: Null = const_null
    return v9
";

#[test]
fn nested_loops() {
    let f = parse(LOOPS);
    let cfg = Cfg::compute(&f);
    let dom = DomTree::compute(&f, &cfg);
    let loops = Loops::compute(&f, &cfg, &dom);
    let ls = loops.loops();
    assert_eq!(ls.len(), 2);
    assert_eq!(ls[0].header, Block(1));
    assert_eq!(ls[0].latches, vec![Block(4)]);
    assert_eq!(ls[0].blocks, vec![Block(1), Block(2), Block(3), Block(4)]);
    assert_eq!((ls[0].parent, ls[0].depth), (None, 1));
    assert_eq!(ls[1].header, Block(3));
    assert_eq!(ls[1].blocks, vec![Block(3)]);
    assert_eq!((ls[1].parent, ls[1].depth), (Some(0), 2));
    assert_eq!(loops.depth(Block(0)), 0);
    assert_eq!(loops.depth(Block(2)), 1);
    assert_eq!(loops.depth(Block(3)), 2);
    assert_eq!(loops.depth(Block(5)), 0);
    assert!(loops.is_header(Block(3)) && !loops.is_header(Block(4)));
    let live = Liveness::compute(&f, &cfg);
    // v0 is live around the whole outer loop; v7 is live out of b3 (b4 passes it back).
    assert_eq!(vals(live.live_in(Block(1))), vec![0]);
    assert_eq!(vals(live.live_in(Block(3))), vec![0]);
    assert_eq!(vals(live.live_out(Block(3))), vec![0, 7]);
    assert_eq!(vals(live.live_in(Block(4))), vec![0, 7]);
    assert_eq!(vals(live.live_in(Block(5))), Vec::<u32>::new());
    // Leaving the loop kills v0 (and v2, passed to b2 only).
    assert_eq!(vals(&live.edge_dying(&f, Block(1), 1)), vec![0, 2]);
    assert_eq!(vals(&live.edge_dying(&f, Block(1), 0)), vec![2]);
    assert_eq!(vals(&live.edge_dying(&f, Block(3), 1)), Vec::<u32>::new());
    assert_eq!(
        live.dying_operands(&f, Block(3))[1],
        vec![Value(5), Value(6)]
    );
}

const TRY: &str = "\
b0(v0: Cell, v1: Cell):
    v2: Cell = call fn1 v0 -> b1, b2(v1)
b1:
    return v2
b2(v3: Obj, v4: Cell):
    v5: Null = const_null
    jump -> b3(v5)
b3(v6: Cell):
    return v6
";

#[test]
fn try_catch_edge() {
    let f = parse(TRY);
    let cfg = Cfg::compute(&f);
    assert_eq!(cfg.succs(Block(0)), &[Block(1), Block(2)]);
    assert_eq!(cfg.preds(Block(2)), &[Block(0)]);
    let dom = DomTree::compute(&f, &cfg);
    assert_eq!(dom.idom(Block(2)), Some(Block(0)));
    let live = Liveness::compute(&f, &cfg);
    assert_eq!(vals(live.live_in(Block(0))), Vec::<u32>::new());
    assert_eq!(vals(live.live_out(Block(0))), vec![1, 2]);
    assert_eq!(vals(live.live_in(Block(1))), vec![2]);
    // v0 dies at the call (consumed); v1 is passed on the catch edge.
    assert_eq!(live.dying_operands(&f, Block(0)), vec![vec![Value(0)]]);
    // Normal edge: v1 was only for the catch handler. Catch edge: v1 is moved into v4; the
    // call's result does not exist there.
    assert_eq!(vals(&live.edge_dying(&f, Block(0), 0)), vec![1]);
    assert_eq!(vals(&live.edge_dying(&f, Block(0), 1)), vec![1]);
    assert_eq!(live.dead_params(&f, Block(2)), vec![Value(3), Value(4)]);
    assert!(live.edge_dying(&f, Block(0), 7).is_empty());
}

#[test]
fn robust_on_malformed() {
    let f = parse("b0:\n    jump -> b9(v3)\nb1:\n    v1: Int = const_int 1\n");
    let cfg = Cfg::compute(&f);
    assert!(cfg.succs(Block(0)).is_empty());
    let dom = DomTree::compute(&f, &cfg);
    let _ = Loops::compute(&f, &cfg, &dom);
    let live = Liveness::compute(&f, &cfg);
    assert_eq!(vals(live.live_out(Block(0))), vec![3]);
    assert_eq!(vals(live.live_in(Block(0))), vec![3]);
    let empty = parse("");
    let cfg = Cfg::compute(&empty);
    assert!(cfg.rpo().is_empty());
    let _ = DomTree::compute(&empty, &cfg);
    let _ = Liveness::compute(&empty, &cfg);
}

//! SSA checks (invariants 9–10): definitions agree with the data-flow graph; every use is of a
//! defined value whose definition dominates it.

use super::cfg::Placement;
use super::{AnyEntity, Ctx};
use crate::analysis::{Cfg, DomTree};
use crate::dfg::ValueDef;
use crate::entities::{Block, Inst, Value};

pub(crate) fn check(cx: &mut Ctx<'_>, cfg: &Cfg, dom: &DomTree, p: &Placement) {
    let f = cx.f;
    let nv = f.dfg.values.len();
    // Definitions.
    for &b in &f.layout.order {
        if !p.block.get(b.index()).copied().unwrap_or(false) {
            continue;
        }
        for (k, &v) in f.dfg.block_params(b).iter().enumerate() {
            match f.dfg.values.get(v.index()) {
                None => cx.report(AnyEntity::Block(b), format!("parameter {v} does not exist")),
                Some(d) if d.def != ValueDef::Param(b, k as u32) => cx.report(
                    AnyEntity::Block(b),
                    format!(
                        "parameter {k} of {b} is {v}, but {v} is defined as {:?}",
                        d.def
                    ),
                ),
                _ => {}
            }
        }
        for &i in f.layout.block_insts(b) {
            let Some(r) = f.dfg.insts.get(i.index()).and_then(|d| d.result) else {
                continue;
            };
            match f.dfg.values.get(r.index()) {
                None => cx.report(AnyEntity::Inst(i), format!("result {r} does not exist")),
                Some(d) if d.def != ValueDef::Result(i) => cx.report(
                    AnyEntity::Inst(i),
                    format!("result {r} of {i} is defined as {:?}", d.def),
                ),
                _ => {}
            }
        }
    }
    // Uses.
    for &b in &f.layout.order {
        if !p.block.get(b.index()).copied().unwrap_or(false) {
            continue;
        }
        let reachable = cfg.is_reachable(b);
        for (pos, &i) in f.layout.block_insts(b).iter().enumerate() {
            let Some(d) = f.dfg.insts.get(i.index()) else {
                continue;
            };
            let uses = d.args.iter().chain(d.dests.iter().flat_map(|bc| &bc.args));
            for &v in uses {
                if v.index() >= nv {
                    cx.report(AnyEntity::Inst(i), format!("use of nonexistent value {v}"));
                    continue;
                }
                if let Some(msg) = check_use(cx, cfg, dom, p, v, b, pos, reachable) {
                    cx.report(AnyEntity::Inst(i), msg);
                }
            }
        }
    }
}

/// Why the use of `v` at position `pos` of block `b` is invalid, if it is.
#[allow(clippy::too_many_arguments)]
fn check_use(
    cx: &Ctx<'_>,
    cfg: &Cfg,
    dom: &DomTree,
    p: &Placement,
    v: Value,
    b: Block,
    pos: usize,
    reachable: bool,
) -> Option<String> {
    let f = cx.f;
    match f.dfg.values[v.index()].def {
        ValueDef::Unused => Some(format!("use of undefined value {v}")),
        ValueDef::Param(db, _) => {
            if !p.block.get(db.index()).copied().unwrap_or(false) {
                Some(format!(
                    "use of {v}, a parameter of {db}, which is not placed"
                ))
            } else if reachable && !dom.dominates(db, b) {
                Some(format!(
                    "use of {v} is not dominated by its definition (a parameter of {db})"
                ))
            } else {
                None
            }
        }
        ValueDef::Result(di) => {
            let Some(Some((db, dpos))) = p.inst.get(di.index()).copied() else {
                return Some(format!("use of {v}, defined by {di}, which is not placed"));
            };
            if !reachable {
                return None;
            }
            if db == b {
                return (dpos >= pos)
                    .then(|| format!("use of {v} is not dominated by its definition ({di})"));
            }
            invoke_normal(cx, di).map_or_else(
                || {
                    (!dom.dominates(db, b)).then(|| {
                        format!("use of {v} is not dominated by its definition ({di} in {db})")
                    })
                },
                |(normal, catch)| {
                    let ok = normal != catch
                        && dom.dominates(normal, b)
                        && cfg
                            .preds(normal)
                            .iter()
                            .all(|&q| q == db || dom.dominates(normal, q));
                    (!ok).then(|| {
                        format!(
                            "use of {v}: the result of a throwing {di} is only available where \
                             its normal successor {normal} dominates"
                        )
                    })
                },
            )
        }
    }
}

/// For a non-terminator with `[normal, catch]` destinations, its normal and catch targets.
fn invoke_normal(cx: &Ctx<'_>, i: Inst) -> Option<(Block, Block)> {
    let d = cx.f.dfg.insts.get(i.index())?;
    if d.op.is_terminator() || d.dests.len() != 2 {
        return None;
    }
    Some((d.dests[0].block, d.dests[1].block))
}

//! Inlining in the IR: direct calls of small functions are replaced by a copy of the callee's
//! baseline body, a few rounds deep (so a small recursive function is unrolled).
//!
//! A callee is inlined at a call site outside `try` regions whose argument types prove the
//! callee's parameter checks, when its code cannot tell that it was inlined: nothing in it needs
//! a frame of its own. Nothrow callees ([`crate::nothrow`]) qualify. A callee that may raise
//! qualifies when it is a plain function (not a method, closure, memoized or variadic function)
//! and every type check in it is proven by the static types (no message would name the
//! callee): an exception raised in the inlined code then leaves the caller exactly as it would
//! have left the call (the site has no catch destination: what the caller owns across the call,
//! `jsvm_ir::rc::owned_at_throws`, is released before each inlined `throw`, as the caller's
//! frame releases it when the call throws), and the interpreter never resumes
//! inside inlined code (guards are placed before inlining, in the caller's own code). The
//! call's result keeps its value number (it becomes the parameter of the continuation block),
//! so the caller's guards and their frame states stay valid. With a profile, only call sites
//! that ran are inlined and the size budget is larger for the hottest ones.

use crate::nothrow::args_pass_checks;
use jsvm_ir::{Block, BlockCall, FuncId, Function, Imm, Inst, Module, Opcode, Value, ValueDef};
use jsvm_profiler::FuncProfile;

/// Size limits.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Largest callee (instructions) inlined at a call site without a profile.
    pub max_callee: usize,
    /// Largest callee inlined at a call site the profile shows ran at least once per entry.
    pub max_hot_callee: usize,
    /// Instructions the caller may grow by in total.
    pub max_growth: usize,
    /// Rounds (a round inlines the call sites present at its start).
    pub rounds: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_callee: 40,
            max_hot_callee: 120,
            max_growth: 400,
            rounds: 3,
        }
    }
}

/// One decision at a call site of the function being compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The call instruction.
    pub site: u32,
    /// The callee's name.
    pub callee: String,
    /// `None` when inlined, else why not.
    pub skipped: Option<&'static str>,
}

fn size(f: &Function) -> usize {
    f.layout
        .order
        .iter()
        .map(|&b| f.layout.block_insts(b).len())
        .sum()
}

/// `f` (function `fid` of `m`, or the optimizer's version of it) with eligible calls inlined;
/// `nothrow` is [`crate::nothrow::nothrow`] of `m`. Returns the new body (or `None` when nothing
/// was inlined) and the decision at every direct call site of the first round.
pub fn inline(
    m: &Module,
    f: &Function,
    nothrow: &[bool],
    profile: Option<&FuncProfile>,
    policy: &Policy,
) -> (Option<Function>, Vec<Decision>) {
    let mut g = f.clone();
    let mut grown = 0usize;
    let mut decisions = Vec::new();
    let mut any = false;
    for round in 0..policy.rounds {
        let sites: Vec<(Block, Inst)> = g
            .layout
            .order
            .iter()
            .flat_map(|&b| g.layout.block_insts(b).iter().map(move |&i| (b, i)))
            .filter(|(_, i)| g.dfg.insts[i.index()].op == Opcode::Call)
            .collect();
        let mut inlined = false;
        // What the caller owns across each call (computed once per round: inlining one site
        // does not change what is live across another).
        let mut owned: Option<std::collections::HashMap<Inst, Vec<Value>>> = None;
        for (b, i) in sites {
            let d = &g.dfg.insts[i.index()];
            let Imm::Func(callee) = d.imm else { continue };
            let body = m.func(callee);
            let n = size(body);
            // Calls in inlined code have no profile of their own: they inherit their site's.
            let count = profile.and_then(|p| p.calls.get(&i.0).copied());
            let hot = profile.is_some_and(|p| count.is_some_and(|c| c >= p.entries.max(1)));
            // A call copied in by an earlier round has no count of its own.
            let ran =
                profile.is_none() || count.is_some_and(|c| c > 0) || i.index() >= f.dfg.insts.len();
            let limit = if hot {
                policy.max_hot_callee
            } else {
                policy.max_callee
            };
            let skipped = if let Some(why) = frameless(body, nothrow[callee.index()]) {
                Some(why)
            } else if !d.dests.is_empty() {
                Some("in a try region")
            } else if !args_pass_checks(m, &g, d) {
                Some("argument types unproven")
            } else if !ran {
                Some("never ran")
            } else if n > limit {
                Some("too large")
            } else if grown + n > policy.max_growth {
                Some("caller budget spent")
            } else {
                None
            };
            if round == 0 {
                decisions.push(Decision {
                    site: i.0,
                    callee: body.name.to_string(),
                    skipped,
                });
            }
            if skipped.is_none() {
                // An earlier site of this round may have moved the call to a new block.
                let b = g
                    .layout
                    .order
                    .iter()
                    .copied()
                    .find(|&x| g.layout.block_insts(x).contains(&i))
                    .unwrap_or(b);
                let owned = owned.get_or_insert_with(|| jsvm_ir::rc::owned_at_throws(&g));
                let across = owned.get(&i).cloned().unwrap_or_default();
                inline_call(&mut g, b, i, callee, body, &across);
                grown += n;
                inlined = true;
                any = true;
            }
        }
        if !inlined {
            break;
        }
    }
    (any.then_some(g), decisions)
}

/// Why `callee`'s code would notice being inlined (see the module comment), or `None`.
fn frameless(callee: &Function, nothrow: bool) -> Option<&'static str> {
    if nothrow {
        return None;
    }
    let a = &callee.attrs;
    if callee.name.contains("::") || callee.name.contains('#') || a.captures > 0 {
        return Some("may throw (method or closure)");
    }
    if a.memoize || callee.params.iter().any(|p| p.variadic) {
        return Some("may throw (memoized or variadic)");
    }
    let entry = callee.entry();
    let params = callee.dfg.block_params(entry);
    let unproven = callee.layout.order.iter().any(|&b| {
        callee.layout.block_insts(b).iter().any(|&i| {
            let d = &callee.dfg.insts[i.index()];
            match &d.imm {
                // Parameter checks: the call site proves them (`args_pass_checks`).
                Imm::Verify(jsvm_ir::VerifyKind::Param(_), _, _)
                    if b == entry && d.args.first().is_some_and(|v| params.contains(v)) =>
                {
                    false
                }
                Imm::Verify(_, t, _) if d.op == Opcode::VerifyType => {
                    t.class.is_some() || !callee.dfg.ty(d.args[0]).subtype_of(*t)
                }
                _ => false,
            }
        })
    });
    unproven.then_some("may throw (unproven type check)")
}

/// Replace call `call` (in block `b` of `g`, without destinations) by a copy of `callee`;
/// `across` is what the caller owns across the call, released before each copied `throw`.
fn inline_call(
    g: &mut Function,
    b: Block,
    call: Inst,
    callee_id: FuncId,
    callee: &Function,
    across: &[Value],
) {
    let d = g.dfg.insts[call.index()].clone();
    let result = d.result.expect("call result");
    // Split: the instructions after the call move to a continuation block whose parameter is
    // the call's result (same value number).
    let insts = &mut g.layout.insts[b.index()];
    let k = insts
        .iter()
        .position(|&i| i == call)
        .expect("call in block");
    let tail: Vec<Inst> = insts.split_off(k + 1);
    insts.pop();
    let cont = g.dfg.make_block();
    g.layout.append_block(cont);
    g.layout.insts[cont.index()] = tail;
    g.dfg.blocks[cont.index()].push(result);
    g.dfg.values[result.index()].def = ValueDef::Param(cont, 0);
    // Copy the callee: blocks, values, instructions.
    let mut vmap: Vec<Option<Value>> = vec![None; callee.dfg.values.len()];
    let mut bmap: Vec<Option<Block>> = vec![None; callee.dfg.blocks.len()];
    let entry = callee.entry();
    for (&p, &a) in callee.dfg.block_params(entry).iter().zip(&d.args) {
        vmap[p.index()] = Some(a);
    }
    for &cb in &callee.layout.order {
        let nb = g.dfg.make_block();
        g.layout.append_block(nb);
        bmap[cb.index()] = Some(nb);
        if cb != entry {
            for &p in callee.dfg.block_params(cb) {
                vmap[p.index()] = Some(g.dfg.append_block_param(nb, callee.dfg.ty(p)));
            }
        }
    }
    // Results first (a use may come before its definition in layout order).
    let mut new_insts = Vec::new();
    for &cb in &callee.layout.order {
        for &ci in callee.layout.block_insts(cb) {
            let cd = &callee.dfg.insts[ci.index()];
            let ni = g.dfg.make_inst(
                cd.op,
                Vec::new(),
                cd.imm.clone(),
                Vec::new(),
                cd.result
                    .map_or(jsvm_ir::Type::BOTTOM, |r| callee.dfg.ty(r)),
            );
            // A callee that is itself an inlined body names the functions its copies come from.
            let origin = callee
                .inlined_from
                .get(&ci)
                .copied()
                .unwrap_or((callee_id, ci));
            g.inlined_from.insert(ni, origin);
            if let (Some(r), Some(nr)) = (cd.result, g.dfg.insts[ni.index()].result) {
                vmap[r.index()] = Some(nr);
            }
            new_insts.push((cb, ci, ni));
        }
    }
    let mapv = |v: &Value| vmap[v.index()].expect("callee value defined");
    for (cb, ci, ni) in new_insts {
        let cd = &callee.dfg.insts[ci.index()];
        let nb = bmap[cb.index()].expect("block");
        if cd.op == Opcode::Return {
            // `return x` → `jump cont(x)`.
            let j = g.dfg.make_inst(
                Opcode::Jump,
                Vec::new(),
                Imm::None,
                vec![BlockCall {
                    block: cont,
                    args: vec![mapv(&cd.args[0])],
                }],
                jsvm_ir::Type::BOTTOM,
            );
            g.layout.append_inst(nb, j);
            continue;
        }
        if cd.op == Opcode::Throw {
            for &v in across {
                let dec = g.dfg.make_inst(
                    Opcode::DecRef,
                    vec![v],
                    Imm::None,
                    Vec::new(),
                    jsvm_ir::Type::BOTTOM,
                );
                g.layout.append_inst(nb, dec);
            }
        }
        let args = cd.args.iter().map(mapv).collect();
        let dests = cd
            .dests
            .iter()
            .map(|bc| BlockCall {
                block: bmap[bc.block.index()].expect("block"),
                args: bc.args.iter().map(mapv).collect(),
            })
            .collect();
        let nd = &mut g.dfg.insts[ni.index()];
        nd.args = args;
        nd.dests = dests;
        g.layout.append_inst(nb, ni);
    }
    let j = g.dfg.make_inst(
        Opcode::Jump,
        Vec::new(),
        Imm::None,
        vec![BlockCall {
            block: bmap[entry.index()].expect("entry"),
            args: Vec::new(),
        }],
        jsvm_ir::Type::BOTTOM,
    );
    g.layout.append_inst(b, j);
}

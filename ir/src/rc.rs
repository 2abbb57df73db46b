//! The refcount pass: inserts `incref` / `decref` from liveness, Perceus-style (Reinking et al.,
//! PLDI 2021), as the last pass on baseline and on optimized IR.
//!
//! Ownership rules (from the opcode table): every result and block parameter owns one reference;
//! a `consume` operand takes one reference; a `borrow` operand takes none; a destination argument
//! is consumed by the target's parameter. So, for each instruction and each counted operand `u`
//! with `c` consuming uses and `live` = "u is live after the instruction":
//! - `c + live - 1 > 0` → that many `incref u` before the instruction;
//! - `c == 0 && !live` → `decref u` after it (the borrow was the last use);
//! - a result that is never used → `decref` right after its definition;
//! - on an edge out of a block with several successors: arguments passed more than once (or still
//!   live in the target) get increments, and values that die on that edge get decrements, at the
//!   top of the target — through a new block when the target has other predecessors.
//!
//! Only values whose type may be counted (`Type::maybe_counted`) are touched, so run type
//! inference first: integer code gets no reference-count operations at all.
//!
//! An exception that leaves a frame (a throwing instruction without a catch destination) does
//! not run the decrements placed after the instruction: [`owned_at_throws`] says what the frame
//! owns there, and the tiers release it as the exception leaves.

use crate::analysis::cfg::Cfg;
use crate::analysis::liveness::Liveness;
use crate::dfg::{BlockCall, Imm};
use crate::entities::{Block, Inst, Value};
use crate::function::Function;
use crate::opcodes::{Opcode, Own};
use crate::span::Span;
use crate::types::Type;
use std::collections::HashMap;

/// Reference-count operations to place on an edge.
type Fixups = Vec<(Opcode, Value)>;

fn counted(f: &Function, v: Value) -> bool {
    f.dfg.ty(v).maybe_counted()
}

/// Container writes and `.=` that consume their container or string (operand 0) only when they
/// succeed: one that fails changes nothing and leaves it to the exception edge
/// (`array::index_set`), so that inside `try` it need not be kept alive by a copy. So does
/// `verify_type`: a value that fails its check stays with the frame (the error only reads it).
fn consumes_only_on_success(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::Append
            | Opcode::IndexSet
            | Opcode::SetPath
            | Opcode::ConcatPath
            | Opcode::ConcatTo
            | Opcode::VerifyType
    )
}

fn make(f: &mut Function, op: Opcode, v: Value, span: Span) -> Inst {
    let i = f
        .dfg
        .make_inst(op, vec![v], Imm::None, vec![], Type::BOTTOM);
    if f.spans.len() <= i.index() {
        f.spans.resize(i.index() + 1, Span::default());
    }
    f.spans[i.index()] = span;
    i
}

/// Insert reference-count operations into `f` (types must be inferred).
pub fn insert_refcounts(f: &mut Function) {
    let cfg = Cfg::compute(f);
    let live = Liveness::compute(f, &cfg);
    // Number of incoming edges per block (a block reached twice from one terminator counts twice).
    let mut in_edges: HashMap<Block, usize> = HashMap::new();
    for &b in &f.layout.order {
        for bc in f.successors(b) {
            *in_edges.entry(bc.block).or_default() += 1;
        }
    }
    let order = f.layout.order.clone();
    // Fix-ups for the top of blocks, and edges to split: (pred, dest index, ops).
    let mut top: HashMap<Block, Vec<(Opcode, Value)>> = HashMap::new();
    let mut splits: Vec<(Block, usize, Fixups)> = Vec::new();
    for &b in &order {
        let insts = f.layout.block_insts(b).to_vec();
        let after = live.live_after(f, b);
        let mut out: Vec<Inst> = Vec::with_capacity(insts.len());
        for dead in live.dead_params(f, b) {
            if counted(f, dead) {
                top.entry(b).or_default().push((Opcode::DecRef, dead));
            }
        }
        for (ii, &inst) in insts.iter().enumerate() {
            let span = f.spans.get(inst.index()).copied().unwrap_or_default();
            let d = f.dfg.insts[inst.index()].clone();
            let ends = d.ends_block();
            let catch = !d.op.is_terminator() && d.dests.len() == 2;
            // A container write with an exception edge: its container, consumed on the normal
            // edge only, and whether the normal and the exception targets use it.
            let kept = (catch && consumes_only_on_success(d.op))
                .then(|| d.args[0])
                .filter(|&c| counted(f, c) && d.args.iter().filter(|&&a| a == c).count() == 1)
                .map(|c| {
                    let uses = |bc: &BlockCall| {
                        live.live_in(bc.block).contains_value(c) || bc.args.contains(&c)
                    };
                    (c, uses(&d.dests[0]), uses(&d.dests[1]))
                });
            let mut before = Vec::new();
            let mut after_ops: Vec<Value> = Vec::new();
            // Operands.
            let mut seen: Vec<Value> = Vec::new();
            for &u in &d.args {
                if seen.contains(&u) || !counted(f, u) {
                    continue;
                }
                seen.push(u);
                let c = d
                    .args
                    .iter()
                    .enumerate()
                    .filter(|(i, a)| **a == u && d.op.args().own(*i) == Own::Consume)
                    .count();
                let live_after = match kept {
                    Some((k, normal, _)) if k == u => normal,
                    _ => after.contains(ii, u),
                };
                let incs = c as i64 + i64::from(live_after) - 1;
                for _ in 0..incs.max(0) {
                    before.push(u);
                }
                if c == 0 && !live_after {
                    after_ops.push(u);
                }
            }
            // A result nobody uses.
            if let Some(r) = d.result {
                if counted(f, r) && !after.contains(ii, r) && !ends {
                    after_ops.push(r);
                }
            }
            for u in before {
                out.push(make(f, Opcode::IncRef, u, span));
            }
            out.push(inst);
            if !ends {
                for u in after_ops {
                    out.push(make(f, Opcode::DecRef, u, span));
                }
                continue;
            }
            // The block's ending instruction: per-edge fix-ups.
            let multi = d.dests.len() > 1;
            for (di, bc) in d.dests.iter().enumerate() {
                let s = bc.block;
                let live_in = live.live_in(s);
                let mut ops: Vec<(Opcode, Value)> = Vec::new();
                // Arguments: one reference moves per argument position.
                let mut seen_args: Vec<Value> = Vec::new();
                for &a in &bc.args {
                    if seen_args.contains(&a) || !counted(f, a) {
                        continue;
                    }
                    seen_args.push(a);
                    let c = bc.args.iter().filter(|x| **x == a).count() as i64;
                    let incs = c + i64::from(live_in.contains_value(a)) - 1;
                    for _ in 0..incs {
                        ops.push((Opcode::IncRef, a));
                    }
                }
                if multi {
                    // Values alive before the edge that the target neither receives nor uses.
                    // (After the block's ending instruction: what leaves the block.)
                    for v in live.live_out(b).values() {
                        if !counted(f, v) || live_in.contains_value(v) || bc.args.contains(&v) {
                            continue;
                        }
                        if catch && di == 1 && Some(v) == d.result {
                            continue;
                        }
                        if di == 0 && kept.is_some_and(|(k, _, _)| k == v) {
                            continue;
                        }
                        ops.push((Opcode::DecRef, v));
                    }
                    // A write that failed gave its container back: the exception target holds
                    // one reference more than it needs, unless it uses the container and the
                    // normal target does not (then the write took no increment).
                    if let (1, Some((k, normal, handler))) = (di, kept) {
                        if !handler || normal {
                            ops.push((Opcode::DecRef, k));
                        }
                    }
                    // Borrowed operands whose last use is this instruction.
                    for &u in &after_ops {
                        if !after.contains(ii, u) {
                            ops.push((Opcode::DecRef, u));
                        }
                    }
                    // The result of a throwing instruction, unused on its normal edge.
                    if let (true, 0, Some(r)) = (catch, di, d.result) {
                        if counted(f, r)
                            && !live_in.contains_value(r)
                            && !bc.args.contains(&r)
                            && !after.contains(ii, r)
                        {
                            ops.push((Opcode::DecRef, r));
                        }
                    }
                }
                if ops.is_empty() {
                    continue;
                }
                if !multi {
                    // A jump: increments go before it.
                    let j = out.pop().expect("the jump");
                    for (op, v) in ops {
                        out.push(make(f, op, v, span));
                    }
                    out.push(j);
                } else if in_edges.get(&s).copied().unwrap_or(0) == 1 && s != f.entry() {
                    top.entry(s).or_default().extend(ops);
                } else {
                    splits.push((b, di, ops));
                }
            }
        }
        f.layout.insts[b.index()] = out;
    }
    for (b, ops) in top {
        let span = f.span;
        let mut pre: Vec<Inst> = ops
            .into_iter()
            .map(|(op, v)| make(f, op, v, span))
            .collect();
        pre.append(&mut f.layout.insts[b.index()]);
        f.layout.insts[b.index()] = pre;
    }
    for (b, di, ops) in splits {
        split_edge(f, b, di, ops);
    }
}

/// Route edge `di` of `b`'s ending instruction through a new block holding `ops`.
fn split_edge(f: &mut Function, b: Block, di: usize, ops: Fixups) {
    let term = f.layout.last_inst(b).expect("ending instruction");
    let d = f.dfg.insts[term.index()].clone();
    let catch = !d.op.is_terminator() && d.dests.len() == 2 && di == 1;
    let old = d.dests[di].clone();
    let n = f.dfg.make_block();
    f.layout.append_block(n);
    f.layout.cold[n.index()] = f
        .layout
        .cold
        .get(old.block.index())
        .copied()
        .unwrap_or(false);
    let mut args = Vec::new();
    if catch {
        let exn_ty = f.dfg.ty(f.dfg.block_params(old.block)[0]);
        args.push(f.dfg.append_block_param(n, exn_ty));
    }
    args.extend(old.args.iter().copied());
    let span = f.span;
    for (op, v) in ops {
        let i = make(f, op, v, span);
        f.layout.append_inst(n, i);
    }
    // Arguments now flow through the jump; the catch target's first parameter becomes explicit.
    let j = f.dfg.make_inst(
        Opcode::Jump,
        vec![],
        Imm::None,
        vec![BlockCall {
            block: old.block,
            args,
        }],
        Type::BOTTOM,
    );
    if f.spans.len() <= j.index() {
        f.spans.resize(j.index() + 1, Span::default());
    }
    f.layout.append_inst(n, j);
    f.dfg.insts[term.index()].dests[di] = BlockCall {
        block: n,
        args: vec![],
    };
}

/// Insert reference-count operations into every function of a module.
pub fn insert_refcounts_module(m: &mut crate::module::Module) {
    for f in &mut m.funcs {
        insert_refcounts(f);
    }
}

/// What a frame owns when an instruction without a catch destination throws, for each such
/// instruction that owns anything, in refcounted IR: the counted values live after it other than
/// its own result (between instructions each live value holds one reference: the increments
/// for an instruction's consuming uses come right before it, and a borrow's last use is
/// followed by its `decref`, which keeps the value live past the borrow), plus the container
/// or string of a write that consumes it only when it succeeds ([`consumes_only_on_success`]),
/// which the failed write leaves to the frame. When the exception leaves the frame, each is
/// released once (a value listed twice holds two references).
///
/// Within a block, one sweep keeps the set of counted values defined above and used below the
/// current instruction; what leaves the block comes from [`Liveness`].
pub fn owned_at_throws(f: &Function) -> HashMap<Inst, Vec<Value>> {
    let mut out = HashMap::new();
    let throws_out = |i: Inst| {
        let d = &f.dfg.insts[i.index()];
        d.op.can_throw() && !d.op.is_terminator() && d.dests.is_empty()
    };
    let throwing: Vec<Block> = f
        .layout
        .order
        .iter()
        .copied()
        .filter(|&b| f.layout.block_insts(b).iter().any(|&i| throws_out(i)))
        .collect();
    if throwing.is_empty() {
        return out;
    }
    let cfg = Cfg::compute(f);
    let live = Liveness::compute(f, &cfg);
    // Where each value is defined (block, position; parameters at -1).
    let mut def: Vec<Option<(Block, isize)>> = vec![None; f.dfg.values.len()];
    for &b in &f.layout.order {
        for &p in f.dfg.block_params(b) {
            def[p.index()] = Some((b, -1));
        }
        for (k, &i) in f.layout.block_insts(b).iter().enumerate() {
            if let Some(r) = f.dfg.insts[i.index()].result {
                def[r.index()] = Some((b, k as isize));
            }
        }
    }
    for b in throwing {
        let insts = f.layout.block_insts(b);
        // The last use in `b` of each counted value, and what is live out of `b`.
        let mut last: HashMap<Value, isize> = HashMap::new();
        for (k, &i) in insts.iter().enumerate() {
            let d = &f.dfg.insts[i.index()];
            for &v in d.args.iter().chain(d.dests.iter().flat_map(|bc| &bc.args)) {
                if counted(f, v) {
                    last.insert(v, k as isize);
                }
            }
        }
        // The counted values live out of `b`, sorted.
        let outs: Vec<Value> = live
            .live_out(b)
            .values()
            .filter(|&v| counted(f, v))
            .collect();
        let candidates: Vec<Value> = {
            let mut c: Vec<Value> = outs.iter().chain(last.keys()).copied().collect();
            c.sort();
            c.dedup();
            c
        };
        // A candidate is owned at instruction `k` when it is defined before `k` and used after
        // it: from `start` (after its definition here, or from the top) until its last use
        // here (`end`, exclusive), or to the end when it is live out. A sweep over the block
        // keeps that set, so a block costs its length plus what is owned, not
        // candidates × throwing instructions.
        let n = insts.len();
        let mut enter: Vec<Vec<Value>> = vec![Vec::new(); n];
        let mut leave: Vec<Vec<Value>> = vec![Vec::new(); n];
        for &v in &candidates {
            let start = match def[v.index()] {
                Some((db, dk)) if db == b => (dk + 1) as usize,
                Some(_) => 0,
                None => continue,
            };
            let end = if outs.binary_search(&v).is_ok() {
                n
            } else {
                last.get(&v).map_or(0, |&lk| lk as usize)
            };
            if start < end {
                enter[start].push(v);
                if end < n {
                    leave[end].push(v);
                }
            }
        }
        let mut alive: std::collections::BTreeSet<Value> = std::collections::BTreeSet::new();
        for (k, &i) in insts.iter().enumerate() {
            alive.extend(enter[k].iter().copied());
            for v in &leave[k] {
                alive.remove(v);
            }
            if !throws_out(i) {
                continue;
            }
            let d = &f.dfg.insts[i.index()];
            let mut owned: Vec<Value> = alive
                .iter()
                .copied()
                .filter(|&v| Some(v) != d.result)
                .collect();
            if consumes_only_on_success(d.op) && counted(f, d.args[0]) {
                owned.push(d.args[0]);
            }
            if !owned.is_empty() {
                out.insert(i, owned);
            }
        }
    }
    out
}

//! Clean-up after lowering: drops blocks unreachable from the entry, removes trivial block
//! parameters (every incoming argument is the same value, or the parameter itself), as the
//! SSA construction of Braun et al. (CC 2013) does for trivial phis, and removes pure
//! instructions whose results are unused.

use crate::analysis::cfg::Cfg;
use crate::dfg::ValueDef;
use crate::entities::{Block, Value};
use crate::function::Function;

/// Run both clean-ups on `f`.
pub fn cleanup(f: &mut Function) {
    remove_unreachable(f);
    remove_trivial_params(f);
    remove_dead_pure(f);
}

/// Remove pure instructions whose results are never used (repeatedly, so chains go too).
pub fn remove_dead_pure(f: &mut Function) {
    let mut uses = vec![0u32; f.dfg.values.len()];
    for &b in &f.layout.order {
        for &i in f.layout.block_insts(b) {
            for v in f.dfg.uses(i) {
                uses[v.index()] += 1;
            }
        }
    }
    loop {
        let mut changed = false;
        for bi in 0..f.layout.order.len() {
            let b = f.layout.order[bi];
            let mut keep = Vec::with_capacity(f.layout.insts[b.index()].len());
            for &i in &f.layout.insts[b.index()] {
                let d = &f.dfg.insts[i.index()];
                let dead = d.op.is_pure()
                    && d.dests.is_empty()
                    && d.result.is_some_and(|r| uses[r.index()] == 0);
                if dead {
                    for &a in &d.args {
                        uses[a.index()] -= 1;
                    }
                    if let Some(r) = d.result {
                        f.dfg.values[r.index()].def = ValueDef::Unused;
                    }
                    changed = true;
                } else {
                    keep.push(i);
                }
            }
            f.layout.insts[b.index()] = keep;
        }
        if !changed {
            break;
        }
    }
}

/// Remove blocks that cannot be reached from the entry block from the layout.
pub fn remove_unreachable(f: &mut Function) {
    let cfg = Cfg::compute(f);
    let dead: Vec<Block> = f
        .layout
        .order
        .iter()
        .copied()
        .filter(|b| !cfg.is_reachable(*b))
        .collect();
    for b in dead {
        f.layout.insts[b.index()].clear();
    }
    f.layout.order.retain(|b| cfg.is_reachable(*b));
}

fn resolve(alias: &[Value], mut v: Value) -> Value {
    while alias[v.index()] != v {
        v = alias[v.index()];
    }
    v
}

/// Replace parameters whose incoming arguments are all one value by that value, until none is left.
///
/// A worklist of parameters (Braun et al.'s trivial-phi removal): when one is replaced, the
/// parameters it was an argument of are checked again. Positions stay fixed until the end, when
/// every block drops its replaced parameters and their arguments in one pass. (Rounds over the
/// whole function until nothing changed, each removal shifting vectors, took 1.3 s on 490 nested
/// `try`/`finally` blocks with returns, whose exits pass every local through every level.)
pub fn remove_trivial_params(f: &mut Function) {
    let entry = f.entry();
    let nv = f.dfg.values.len();
    let mut alias: Vec<Value> = (0..nv).map(Value::new).collect();
    // Incoming edges per block: (ending instruction, destination index, implicit-exception offset).
    let mut incoming: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); f.dfg.blocks.len()];
    for &b in &f.layout.order {
        if let Some(t) = f.terminator(b) {
            let d = &f.dfg.insts[t.index()];
            let catch = !d.op.is_terminator() && d.dests.len() == 2;
            for (di, bc) in d.dests.iter().enumerate() {
                incoming[bc.block.index()].push((t.index(), di, usize::from(catch && di == 1)));
            }
        }
    }
    // Every candidate parameter (block, position), and for each value the candidates it is an
    // incoming argument of.
    let mut work: Vec<(Block, usize)> = Vec::new();
    let mut users: Vec<Vec<(Block, usize)>> = vec![Vec::new(); nv];
    for &b in &f.layout.order {
        let edges = &incoming[b.index()];
        if b == entry || edges.is_empty() {
            continue;
        }
        // A block reached by a catch edge keeps its first parameter (the exception).
        let first = edges.iter().map(|e| e.2).max().unwrap_or(0);
        for pi in first..f.dfg.blocks[b.index()].len() {
            work.push((b, pi));
            for &(t, di, off) in edges {
                if let Some(&a) = f.dfg.insts[t].dests[di].args.get(pi - off) {
                    users[a.index()].push((b, pi));
                }
            }
        }
    }
    work.reverse();
    let mut replaced = vec![false; nv];
    while let Some((b, pi)) = work.pop() {
        let p = f.dfg.blocks[b.index()][pi];
        if replaced[p.index()] {
            continue;
        }
        let mut same: Option<Value> = None;
        let mut trivial = true;
        for &(t, di, off) in &incoming[b.index()] {
            let Some(&a) = f.dfg.insts[t].dests[di].args.get(pi - off) else {
                trivial = false;
                break;
            };
            let a = resolve(&alias, a);
            if a == p || Some(a) == same {
                continue;
            }
            if same.is_some() {
                trivial = false;
                break;
            }
            same = Some(a);
        }
        if let (true, Some(w)) = (trivial, same) {
            alias[p.index()] = w;
            replaced[p.index()] = true;
            // What used `p` now uses `w`: check it again now, and again when `w` is replaced.
            let us = std::mem::take(&mut users[p.index()]);
            work.extend(us.iter().copied());
            users[w.index()].extend(us);
        }
    }
    // Drop the replaced parameters and their arguments, and renumber the rest.
    for &b in &f.layout.order {
        let params = &f.dfg.blocks[b.index()];
        if !params.iter().any(|p| replaced[p.index()]) {
            continue;
        }
        let keep: Vec<bool> = params.iter().map(|p| !replaced[p.index()]).collect();
        for &(t, di, off) in &incoming[b.index()] {
            let mut i = off;
            f.dfg.insts[t].dests[di].args.retain(|_| {
                i += 1;
                keep.get(i - 1).copied().unwrap_or(true)
            });
        }
        let params = std::mem::take(&mut f.dfg.blocks[b.index()]);
        for &p in &params {
            if replaced[p.index()] {
                f.dfg.values[p.index()].def = ValueDef::Unused;
            }
        }
        let kept: Vec<Value> = params
            .into_iter()
            .filter(|p| !replaced[p.index()])
            .collect();
        for (j, &q) in kept.iter().enumerate() {
            f.dfg.values[q.index()].def = ValueDef::Param(b, j as u32);
        }
        f.dfg.blocks[b.index()] = kept;
    }
    // Apply the aliases to every use.
    for d in &mut f.dfg.insts {
        for a in d
            .args
            .iter_mut()
            .chain(d.dests.iter_mut().flat_map(|bc| bc.args.iter_mut()))
        {
            *a = resolve(&alias, *a);
        }
    }
}

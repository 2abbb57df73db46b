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
pub fn remove_trivial_params(f: &mut Function) {
    let entry = f.entry();
    let mut alias: Vec<Value> = (0..f.dfg.values.len()).map(Value::new).collect();
    loop {
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
        let mut removed = false;
        for bi in 0..f.layout.order.len() {
            let b = f.layout.order[bi];
            if b == entry || incoming[b.index()].is_empty() {
                continue;
            }
            // A block reached by a catch edge keeps its first parameter (the exception).
            let first = incoming[b.index()].iter().map(|e| e.2).max().unwrap_or(0);
            let mut pi = first;
            while pi < f.dfg.blocks[b.index()].len() {
                let p = f.dfg.blocks[b.index()][pi];
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
                match (trivial, same) {
                    (true, Some(w)) => {
                        alias[p.index()] = w;
                        f.dfg.blocks[b.index()].remove(pi);
                        f.dfg.values[p.index()].def = ValueDef::Unused;
                        for &(t, di, off) in &incoming[b.index()] {
                            f.dfg.insts[t].dests[di].args.remove(pi - off);
                        }
                        // Renumber the remaining parameters' positions.
                        for (j, &q) in f.dfg.blocks[b.index()].iter().enumerate().skip(pi) {
                            f.dfg.values[q.index()].def = ValueDef::Param(b, j as u32);
                        }
                        removed = true;
                    }
                    _ => pi += 1,
                }
            }
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
        if !removed {
            break;
        }
    }
}

//! Liveness of SSA values per block, and the per-instruction and per-edge facts the refcount
//! pass (Perceus, Reinking et al., PLDI 2021) needs.
//!
//! Conventions:
//! - A block's parameters are defined at its entry, so they are never in its live-in set.
//! - Destination arguments are uses at the end of the predecessor: every value passed as a
//!   destination argument is live-out of that block (even when the successor does not use its
//!   parameter).
//! - `live_out(b)` is the union of the successors' live-in sets and `b`'s destination
//!   arguments. The result of a throwing instruction with `[normal, catch]` destinations is
//!   live-out when the normal successor uses it (it is never live-in of the catch successor in
//!   verified IR); [`Liveness::edge_dying`] accounts for the catch edge not defining it.
//! - Unreachable placed blocks get liveness too; unplaced blocks have empty sets.
//!
//! The analysis is a backward fixpoint over dense bit sets indexed by value number.

use super::bitset::BitSet;
use super::cfg::{ending_inst, Cfg};
use crate::entities::{Block, Value};
use crate::function::Function;

/// Live-in and live-out value sets of every block.
#[derive(Clone, Debug, Default)]
pub struct Liveness {
    live_in: Vec<BitSet>,
    live_out: Vec<BitSet>,
}

fn inst_data(f: &Function, i: crate::entities::Inst) -> Option<&crate::dfg::InstData> {
    f.dfg.insts.get(i.index())
}

impl Liveness {
    /// Compute liveness for `f` given its CFG (which must be `Cfg::compute(f)`).
    pub fn compute(f: &Function, cfg: &Cfg) -> Liveness {
        let n = cfg.num_blocks();
        let nv = f.dfg.values.len();
        // Upward-exposed uses and definitions of each block.
        let mut gen = vec![BitSet::default(); n];
        let mut kill = vec![BitSet::default(); n];
        let mut args_out = vec![BitSet::default(); n];
        let mut blocks: Vec<Block> = cfg.rpo().iter().rev().copied().collect();
        let mut seen = vec![false; n];
        for &b in &blocks {
            seen[b.index()] = true;
        }
        for &b in &f.layout.order {
            if b.index() < n && !seen[b.index()] {
                seen[b.index()] = true;
                blocks.push(b);
            }
        }
        for &b in &blocks {
            let (g, k) = (&mut gen[b.index()], &mut kill[b.index()]);
            *g = BitSet::with_capacity(nv);
            *k = BitSet::with_capacity(nv);
            for &p in f.dfg.block_params(b) {
                k.insert(p.index());
            }
            for &i in f.layout.block_insts(b) {
                let Some(d) = inst_data(f, i) else { continue };
                for v in d.args.iter().chain(d.dests.iter().flat_map(|bc| &bc.args)) {
                    if !k.contains(v.index()) {
                        g.insert(v.index());
                    }
                }
                if let Some(r) = d.result {
                    k.insert(r.index());
                }
            }
            if let Some(i) = ending_inst(f, b) {
                for bc in &f.dfg.insts[i.index()].dests {
                    for v in &bc.args {
                        args_out[b.index()].insert(v.index());
                    }
                }
            }
        }
        let mut live_in = vec![BitSet::default(); n];
        let mut live_out = vec![BitSet::default(); n];
        let mut changed = true;
        while changed {
            changed = false;
            for &b in &blocks {
                let mut out = args_out[b.index()].clone();
                for &s in cfg.succs(b) {
                    out.union_with(&live_in[s.index()]);
                }
                let mut inn = out.clone();
                inn.subtract(&kill[b.index()]);
                inn.union_with(&gen[b.index()]);
                if inn != live_in[b.index()] {
                    live_in[b.index()] = inn;
                    changed = true;
                }
                live_out[b.index()] = out;
            }
        }
        Liveness { live_in, live_out }
    }

    /// Values live at the entry of `b` (not counting its parameters).
    pub fn live_in(&self, b: Block) -> &BitSet {
        static EMPTY: BitSet = BitSet::new();
        self.live_in.get(b.index()).unwrap_or(&EMPTY)
    }

    /// Values live at the exit of `b`: what its successors need, plus its destination arguments.
    pub fn live_out(&self, b: Block) -> &BitSet {
        static EMPTY: BitSet = BitSet::new();
        self.live_out.get(b.index()).unwrap_or(&EMPTY)
    }

    /// For each instruction of `b` in layout order, the values live immediately after it. The
    /// set after the last instruction is `live_out(b)`.
    ///
    /// For the refcount pass: an operand `v` of instruction `i` dies at `i` when `v` is not in
    /// `live_after[i]` (see [`Liveness::dying_operands`]); a result not in `live_after[i]` is
    /// dead on definition (for a throwing instruction with destinations, it exists only on the
    /// normal edge).
    pub fn live_after(&self, f: &Function, b: Block) -> Vec<BitSet> {
        let insts = f.layout.block_insts(b);
        let mut out = vec![BitSet::default(); insts.len()];
        let mut live = self.live_out(b).clone();
        for (k, &i) in insts.iter().enumerate().rev() {
            out[k] = live.clone();
            if let Some(d) = inst_data(f, i) {
                if let Some(r) = d.result {
                    live.remove(r.index());
                }
                for v in &d.args {
                    live.insert(v.index());
                }
            }
        }
        out
    }

    /// For each instruction of `b` in layout order, its distinct operands (not destination
    /// arguments, which are always live-out) whose last use it is, in operand order.
    pub fn dying_operands(&self, f: &Function, b: Block) -> Vec<Vec<Value>> {
        let after = self.live_after(f, b);
        f.layout
            .block_insts(b)
            .iter()
            .zip(&after)
            .map(|(&i, live)| {
                let mut dying: Vec<Value> = Vec::new();
                if let Some(d) = inst_data(f, i) {
                    for &v in &d.args {
                        if !live.contains(v.index()) && !dying.contains(&v) {
                            dying.push(v);
                        }
                    }
                }
                dying
            })
            .collect()
    }

    /// The parameters of `b` that are never used (dead on entry).
    pub fn dead_params(&self, f: &Function, b: Block) -> Vec<Value> {
        let mut live = self.live_out(b).clone();
        for &i in f.layout.block_insts(b).iter().rev() {
            if let Some(d) = inst_data(f, i) {
                if let Some(r) = d.result {
                    live.remove(r.index());
                }
                for v in &d.args {
                    live.insert(v.index());
                }
            }
        }
        f.dfg
            .block_params(b)
            .iter()
            .copied()
            .filter(|p| !live.contains(p.index()))
            .collect()
    }

    /// The values that die on the edge taken through destination number `dest` of `pred`'s
    /// last instruction: `live_out(pred)` minus `live_in(target)`, minus the instruction's
    /// result when `dest` is a catch destination. Includes this destination's arguments that
    /// the target does not otherwise use: the refcount pass moves one reference per argument
    /// into the target's parameters and releases the rest. Empty when `pred` does not end with
    /// such a destination.
    pub fn edge_dying(&self, f: &Function, pred: Block, dest: usize) -> BitSet {
        let Some(i) = ending_inst(f, pred) else {
            return BitSet::default();
        };
        let d = &f.dfg.insts[i.index()];
        let Some(bc) = d.dests.get(dest) else {
            return BitSet::default();
        };
        let mut s = self.live_out(pred).clone();
        s.subtract(self.live_in(bc.block));
        if !d.op.is_terminator() && dest == 1 {
            if let Some(r) = d.result {
                s.remove(r.index());
            }
        }
        s
    }
}

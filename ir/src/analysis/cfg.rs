//! The control-flow graph: predecessors and successors of each placed block, and reverse postorder.
//!
//! Edges come from the destinations of each placed block's last instruction when it ends the
//! block (`InstData::ends_block`), catch destinations included. Duplicate edges (a `branch`
//! with both arms to one block) are recorded once. Destinations to blocks that do not exist or
//! are not placed are ignored.

use crate::entities::{Block, Inst};
use crate::function::Function;

/// Predecessors, successors and reverse postorder of one function.
#[derive(Clone, Debug, Default)]
pub struct Cfg {
    preds: Vec<Vec<Block>>,
    succs: Vec<Vec<Block>>,
    rpo: Vec<Block>,
    rpo_num: Vec<u32>,
    placed: Vec<bool>,
}

const UNREACHABLE: u32 = u32::MAX;

/// The last instruction of `b` if it ends the block and exists (robust to malformed IR).
pub(crate) fn ending_inst(f: &Function, b: Block) -> Option<Inst> {
    let i = *f.layout.block_insts(b).last()?;
    f.dfg.insts.get(i.index()).filter(|d| d.ends_block())?;
    Some(i)
}

impl Cfg {
    /// Compute the CFG of `f`. The reverse postorder starts at the entry block (the first block
    /// of the layout) and contains exactly the blocks reachable from it; successors are visited
    /// in destination order.
    pub fn compute(f: &Function) -> Cfg {
        let n = f.dfg.blocks.len();
        let mut placed = vec![false; n];
        for &b in &f.layout.order {
            if let Some(p) = placed.get_mut(b.index()) {
                *p = true;
            }
        }
        let mut preds = vec![Vec::new(); n];
        let mut succs: Vec<Vec<Block>> = vec![Vec::new(); n];
        for &b in &f.layout.order {
            if b.index() >= n || !succs[b.index()].is_empty() {
                continue;
            }
            let Some(i) = ending_inst(f, b) else { continue };
            for bc in &f.dfg.insts[i.index()].dests {
                let s = bc.block;
                if placed.get(s.index()).copied().unwrap_or(false) && !succs[b.index()].contains(&s)
                {
                    succs[b.index()].push(s);
                    preds[s.index()].push(b);
                }
            }
        }
        let mut rpo_num = vec![UNREACHABLE; n];
        let mut post = Vec::new();
        if let Some(entry) = f.layout.entry().filter(|e| e.index() < n) {
            let mut seen = vec![false; n];
            let mut stack = vec![(entry, 0usize)];
            seen[entry.index()] = true;
            while let Some(top) = stack.last_mut() {
                let (b, k) = *top;
                if let Some(&s) = succs[b.index()].get(k) {
                    top.1 += 1;
                    if !seen[s.index()] {
                        seen[s.index()] = true;
                        stack.push((s, 0));
                    }
                } else {
                    post.push(b);
                    stack.pop();
                }
            }
        }
        post.reverse();
        for (i, b) in post.iter().enumerate() {
            rpo_num[b.index()] = i as u32;
        }
        Cfg {
            preds,
            succs,
            rpo: post,
            rpo_num,
            placed,
        }
    }

    /// The distinct predecessors of `b`, reachable or not.
    pub fn preds(&self, b: Block) -> &[Block] {
        self.preds.get(b.index()).map_or(&[], |v| v.as_slice())
    }

    /// The distinct successors of `b`, in destination order.
    pub fn succs(&self, b: Block) -> &[Block] {
        self.succs.get(b.index()).map_or(&[], |v| v.as_slice())
    }

    /// The blocks reachable from the entry, in reverse postorder (the entry first).
    pub fn rpo(&self) -> &[Block] {
        &self.rpo
    }

    /// The position of `b` in [`Cfg::rpo`], or `None` when it is unreachable.
    pub fn rpo_index(&self, b: Block) -> Option<usize> {
        match self.rpo_num.get(b.index()) {
            Some(&n) if n != UNREACHABLE => Some(n as usize),
            _ => None,
        }
    }

    /// True when `b` is reachable from the entry block.
    pub fn is_reachable(&self, b: Block) -> bool {
        self.rpo_index(b).is_some()
    }

    /// True when `b` exists and is in the layout.
    pub fn is_placed(&self, b: Block) -> bool {
        self.placed.get(b.index()).copied().unwrap_or(false)
    }

    /// The number of blocks (placed or not) the tables cover.
    pub fn num_blocks(&self) -> usize {
        self.succs.len()
    }
}

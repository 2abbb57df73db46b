//! The dominator tree of the reachable blocks, by Cooper, Harvey and Kennedy, "A Simple, Fast
//! Dominance Algorithm" (2001).
//!
//! Unreachable blocks have no immediate dominator and dominate nothing but themselves.
//! `dominates` is O(1), by preorder/postorder numbers of the tree.

use super::cfg::Cfg;
use crate::entities::Block;
use crate::function::Function;

const NONE: u32 = u32::MAX;

/// Immediate dominators and a numbering of the dominator tree.
#[derive(Clone, Debug, Default)]
pub struct DomTree {
    idom: Vec<u32>,
    children: Vec<Vec<Block>>,
    pre: Vec<u32>,
    post: Vec<u32>,
}

impl DomTree {
    /// Compute the dominator tree of `f` from its CFG `cfg` (which must be `Cfg::compute(f)`).
    pub fn compute(f: &Function, cfg: &Cfg) -> DomTree {
        let _ = f;
        let n = cfg.num_blocks();
        let mut idom = vec![NONE; n];
        let rpo = cfg.rpo();
        let num = |b: Block| cfg.rpo_index(b).unwrap_or(usize::MAX);
        if let Some(&entry) = rpo.first() {
            idom[entry.index()] = entry.0;
            let mut changed = true;
            while changed {
                changed = false;
                for &b in &rpo[1..] {
                    let mut new: Option<Block> = None;
                    for &p in cfg.preds(b) {
                        if idom[p.index()] == NONE {
                            continue;
                        }
                        new = Some(match new {
                            None => p,
                            Some(mut a) => {
                                let mut c = p;
                                while a != c {
                                    while num(a) > num(c) {
                                        a = Block(idom[a.index()]);
                                    }
                                    while num(c) > num(a) {
                                        c = Block(idom[c.index()]);
                                    }
                                }
                                a
                            }
                        });
                    }
                    if let Some(d) = new {
                        if idom[b.index()] != d.0 {
                            idom[b.index()] = d.0;
                            changed = true;
                        }
                    }
                }
            }
        }
        let mut children = vec![Vec::new(); n];
        for &b in rpo.iter().skip(1) {
            let d = idom[b.index()];
            if d != NONE {
                children[d as usize].push(b);
            }
        }
        let (mut pre, mut post) = (vec![NONE; n], vec![NONE; n]);
        if let Some(&entry) = rpo.first() {
            let (mut pc, mut qc) = (0u32, 0u32);
            let mut stack = vec![(entry, 0usize)];
            pre[entry.index()] = pc;
            pc += 1;
            while let Some(top) = stack.last_mut() {
                let (b, k) = *top;
                if let Some(&c) = children[b.index()].get(k) {
                    top.1 += 1;
                    pre[c.index()] = pc;
                    pc += 1;
                    stack.push((c, 0));
                } else {
                    post[b.index()] = qc;
                    qc += 1;
                    stack.pop();
                }
            }
        }
        DomTree {
            idom,
            children,
            pre,
            post,
        }
    }

    /// The immediate dominator of `b`: `None` for the entry block and unreachable blocks.
    pub fn idom(&self, b: Block) -> Option<Block> {
        match self.idom.get(b.index()) {
            Some(&d) if d != NONE && d != b.0 => Some(Block(d)),
            _ => None,
        }
    }

    /// True when every path from the entry to `b` goes through `a` (reflexive). False when
    /// either is unreachable, unless `a == b`.
    pub fn dominates(&self, a: Block, b: Block) -> bool {
        if a == b {
            return true;
        }
        match (
            self.pre.get(a.index()),
            self.pre.get(b.index()),
            self.post.get(a.index()),
            self.post.get(b.index()),
        ) {
            (Some(&pa), Some(&pb), Some(&qa), Some(&qb)) => {
                pa != NONE && pb != NONE && pa <= pb && qb <= qa
            }
            _ => false,
        }
    }

    /// True when `b` is reachable (is in the tree).
    pub fn is_reachable(&self, b: Block) -> bool {
        self.pre.get(b.index()).is_some_and(|&p| p != NONE)
    }

    /// The blocks whose immediate dominator is `b`, in reverse postorder.
    pub fn children(&self, b: Block) -> &[Block] {
        self.children.get(b.index()).map_or(&[], |v| v.as_slice())
    }
}

//! Natural loops: one per header, from the back-edges `latch -> header` where the header
//! dominates the latch; nested by containment.
//!
//! Irreducible cycles (no dominating header) are not loops here. Loops are numbered in reverse
//! postorder of their headers, so an enclosing loop comes before the loops it contains.

use super::cfg::Cfg;
use super::domtree::DomTree;
use crate::entities::Block;
use crate::function::Function;

/// One natural loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoopData {
    /// The header: the target of the back-edges, which dominates every block of the loop.
    pub header: Block,
    /// The sources of the back-edges.
    pub latches: Vec<Block>,
    /// Every block of the loop, the header first, then in reverse postorder.
    pub blocks: Vec<Block>,
    /// The innermost enclosing loop (an index into [`Loops::loops`]).
    pub parent: Option<usize>,
    /// Nesting depth: 1 for an outermost loop.
    pub depth: u32,
}

/// The natural loops of a function.
#[derive(Clone, Debug, Default)]
pub struct Loops {
    loops: Vec<LoopData>,
    innermost: Vec<Option<usize>>,
}

impl Loops {
    /// Find the loops of `f`, given its CFG and dominator tree.
    pub fn compute(f: &Function, cfg: &Cfg, dom: &DomTree) -> Loops {
        let _ = f;
        let n = cfg.num_blocks();
        let mut loops: Vec<LoopData> = Vec::new();
        let mut innermost: Vec<Option<usize>> = vec![None; n];
        let mut mark: Vec<u32> = vec![0; n];
        for &h in cfg.rpo() {
            let latches: Vec<Block> = cfg
                .preds(h)
                .iter()
                .copied()
                .filter(|&p| cfg.is_reachable(p) && dom.dominates(h, p))
                .collect();
            if latches.is_empty() {
                continue;
            }
            // Members are stamped with the loop's number (one array for all loops), collected
            // as the walk finds them and put in RPO order: a loop costs its own size, not the
            // function's (thousands of sequential loops were quadratic).
            let stamp = loops.len() as u32 + 1;
            mark[h.index()] = stamp;
            let mut blocks: Vec<Block> = vec![h];
            let mut work: Vec<Block> = Vec::new();
            for &l in &latches {
                if mark[l.index()] != stamp {
                    mark[l.index()] = stamp;
                    blocks.push(l);
                    work.push(l);
                }
            }
            while let Some(b) = work.pop() {
                for &p in cfg.preds(b) {
                    if cfg.is_reachable(p) && mark[p.index()] != stamp {
                        mark[p.index()] = stamp;
                        blocks.push(p);
                        work.push(p);
                    }
                }
            }
            blocks.sort_by_key(|&b| cfg.rpo_index(b));
            let parent = innermost[h.index()];
            let depth = parent.map_or(1, |p| loops[p].depth + 1);
            let id = loops.len();
            for &b in &blocks {
                innermost[b.index()] = Some(id);
            }
            loops.push(LoopData {
                header: h,
                latches,
                blocks,
                parent,
                depth,
            });
        }
        Loops { loops, innermost }
    }

    /// Every loop, enclosing loops before the loops they contain.
    pub fn loops(&self) -> &[LoopData] {
        &self.loops
    }

    /// The innermost loop containing `b`.
    pub fn innermost(&self, b: Block) -> Option<usize> {
        self.innermost.get(b.index()).copied().flatten()
    }

    /// How many loops contain `b` (0 outside any loop).
    pub fn depth(&self, b: Block) -> u32 {
        self.innermost(b).map_or(0, |l| self.loops[l].depth)
    }

    /// True when `b` is a loop header.
    pub fn is_header(&self, b: Block) -> bool {
        self.innermost(b).is_some_and(|l| self.loops[l].header == b)
    }
}

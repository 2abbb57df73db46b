//! The layout: the order of blocks and of the instructions in each block, and a per-block `cold` flag.

use crate::entities::{Block, Inst};

/// Block order and per-block instruction lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Blocks in layout order; the first is the entry block.
    pub order: Vec<Block>,
    /// Instructions of each block, by `Block` index.
    pub insts: Vec<Vec<Inst>>,
    /// Per-block cold flag (by `Block` index), set by the hot/cold plan.
    pub cold: Vec<bool>,
}

impl Layout {
    /// Append `block` at the end of the block order.
    pub fn append_block(&mut self, block: Block) {
        let i = block.index();
        if self.insts.len() <= i {
            self.insts.resize(i + 1, Vec::new());
            self.cold.resize(i + 1, false);
        }
        self.order.push(block);
    }

    /// Append `inst` at the end of `block`.
    pub fn append_inst(&mut self, block: Block, inst: Inst) {
        self.insts[block.index()].push(inst);
    }

    /// The entry block.
    pub fn entry(&self) -> Option<Block> {
        self.order.first().copied()
    }

    /// The instructions of `block`, in order.
    pub fn block_insts(&self, block: Block) -> &[Inst] {
        self.insts.get(block.index()).map_or(&[], |v| v.as_slice())
    }

    /// The last instruction of `block`.
    pub fn last_inst(&self, block: Block) -> Option<Inst> {
        self.block_insts(block).last().copied()
    }

    /// True when `block` is in the layout.
    pub fn is_placed(&self, block: Block) -> bool {
        self.order.contains(&block)
    }
}

//! SSA construction for locals (Braun et al., CC 2013) with block parameters instead of phis.
//!
//! A block is *sealed* once all its predecessors are known; reading a local in an unsealed block
//! adds a placeholder parameter whose arguments are filled in when the block is sealed.

use jsvm_ir::{Block, Function, Imm, Opcode, Type, Value, ValueDef};
use std::collections::{HashMap, HashSet};

/// A local variable index.
pub(crate) type Var = u32;

#[derive(Default)]
pub(crate) struct Ssa {
    defs: HashMap<(Block, Var), Value>,
    sealed: HashSet<Block>,
    incomplete: HashMap<Block, Vec<(Var, Value)>>,
    /// Predecessors of each block: (block, index of the destination in its ending instruction).
    preds: HashMap<Block, Vec<(Block, usize)>>,
    undef: Option<Value>,
}

impl Ssa {
    pub fn add_pred(&mut self, to: Block, from: Block, dest: usize) {
        debug_assert!(!self.sealed.contains(&to), "edge into a sealed block");
        self.preds.entry(to).or_default().push((from, dest));
    }

    pub fn write(&mut self, block: Block, var: Var, v: Value) {
        self.defs.insert((block, var), v);
    }

    pub fn read(&mut self, f: &mut Function, block: Block, var: Var) -> Value {
        if let Some(&v) = self.defs.get(&(block, var)) {
            return v;
        }
        let v = if !self.sealed.contains(&block) {
            let p = f.dfg.append_block_param(block, Type::CELL);
            self.incomplete.entry(block).or_default().push((var, p));
            p
        } else {
            let preds = self.preds.get(&block).cloned().unwrap_or_default();
            match preds.len() {
                0 => self.undef(f),
                1 => self.read(f, preds[0].0, var),
                _ => {
                    let p = f.dfg.append_block_param(block, Type::CELL);
                    self.defs.insert((block, var), p);
                    self.add_args(f, block, var);
                    p
                }
            }
        };
        self.defs.insert((block, var), v);
        v
    }

    fn add_args(&mut self, f: &mut Function, block: Block, var: Var) {
        let preds = self.preds.get(&block).cloned().unwrap_or_default();
        for (pred, dest) in preds {
            let v = self.read(f, pred, var);
            let term = f
                .layout
                .last_inst(pred)
                .expect("predecessor without terminator");
            f.dfg.insts[term.index()].dests[dest].args.push(v);
        }
    }

    pub fn seal(&mut self, f: &mut Function, block: Block) {
        if !self.sealed.insert(block) {
            return;
        }
        for (var, _p) in self.incomplete.remove(&block).unwrap_or_default() {
            self.add_args(f, block, var);
        }
    }

    /// `null`, defined once at the top of the entry block: the value of a local read before any write.
    fn undef(&mut self, f: &mut Function) -> Value {
        if let Some(v) = self.undef {
            return v;
        }
        let inst = f
            .dfg
            .make_inst(Opcode::ConstNull, vec![], Imm::None, vec![], Type::NULL);
        let entry = f.entry();
        f.layout.insts[entry.index()].insert(0, inst);
        if f.spans.len() <= inst.index() {
            f.spans.resize(inst.index() + 1, Default::default());
        }
        let v = f.result(inst).expect("const_null has a result");
        debug_assert!(matches!(f.dfg.values[v.index()].def, ValueDef::Result(_)));
        self.undef = Some(v);
        v
    }
}

//! SSA construction for locals (Braun et al., CC 2013) with block parameters instead of phis.
//!
//! A block is *sealed* once all its predecessors are known; reading a local in an unsealed block
//! adds a placeholder parameter whose arguments are filled in when the block is sealed.

use foldhash::{HashMap, HashSet};
use jsvm_ir::{Block, Function, Imm, Opcode, Type, Value, ValueDef};

/// A local variable index.
pub(crate) type Var = u32;

/// (The maps are foldhash's: a read walks back through blocks, one lookup per block.)
#[derive(Default)]
pub(crate) struct Ssa {
    defs: HashMap<(Block, Var), Value>,
    sealed: HashSet<Block>,
    incomplete: HashMap<Block, Vec<(Var, Value)>>,
    /// Predecessors of each block: (block, index of the destination in its ending instruction).
    preds: HashMap<Block, Vec<(Block, usize)>>,
    /// Sealed joins whose predecessors are being read for a local ([`Ssa::read_join`]).
    in_progress: HashSet<(Block, Var)>,
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
            match self.preds.get(&block).map_or(&[][..], |p| &p[..]) {
                [] => self.undef(f),
                &[(pred, _)] => self.read(f, pred, var),
                preds => {
                    let preds = preds.to_vec();
                    return self.read_join(f, block, var, &preds);
                }
            }
        };
        self.defs.insert((block, var), v);
        v
    }

    /// `var` in sealed block `block` with several predecessors: a parameter only when they
    /// bring different values (Braun et al.'s marker algorithm, section 3.3). The block is
    /// marked while its predecessors are read; a read that comes back to it through a loop
    /// makes the parameter then. Without this, every `if` that leaves a local alone gave it
    /// a parameter: N locals live across N `if`s were N² parameters (and as many frame slots).
    fn read_join(
        &mut self,
        f: &mut Function,
        block: Block,
        var: Var,
        preds: &[(Block, usize)],
    ) -> Value {
        if !self.in_progress.insert((block, var)) {
            // Back here through a loop: the parameter now, its arguments when the reads of
            // the predecessors return.
            let p = f.dfg.append_block_param(block, Type::CELL);
            self.defs.insert((block, var), p);
            return p;
        }
        let vals: Vec<Value> = preds.iter().map(|&(b, _)| self.read(f, b, var)).collect();
        self.in_progress.remove(&(block, var));
        let p = match self.defs.get(&(block, var)) {
            // The parameter a read through a loop made.
            Some(&p) => p,
            None if vals.iter().all(|&v| v == vals[0]) => {
                self.defs.insert((block, var), vals[0]);
                return vals[0];
            }
            None => f.dfg.append_block_param(block, Type::CELL),
        };
        for (&(pred, dest), v) in preds.iter().zip(vals) {
            push_arg(f, pred, dest, v);
        }
        self.defs.insert((block, var), p);
        p
    }

    fn add_args(&mut self, f: &mut Function, block: Block, var: Var) {
        let preds = self.preds.get(&block).cloned().unwrap_or_default();
        for (pred, dest) in preds {
            let v = self.read(f, pred, var);
            push_arg(f, pred, dest, v);
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

/// Append `v` to the arguments of destination `dest` of the instruction that ends `pred` (for
/// the parameter just appended to that destination's block).
fn push_arg(f: &mut Function, pred: Block, dest: usize, v: Value) {
    let term = f
        .layout
        .last_inst(pred)
        .expect("predecessor without terminator");
    f.dfg.insts[term.index()].dests[dest].args.push(v);
}

//! The data-flow graph: instructions, values and block parameters (what is defined, not where).

use crate::entities::{Block, FuncId, Inst, Value};
use crate::opcodes::Opcode;
use crate::types::Type;

/// A destination of a terminator (or of a throwing instruction in a `try` region):
/// a block and the arguments for its parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockCall {
    /// The target block.
    pub block: Block,
    /// One argument per block parameter (a catch destination's first parameter, the
    /// exception, is implicit and has no argument).
    pub args: Vec<Value>,
}

/// Why a value's type is verified (for `verify_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyKind {
    /// Parameter number N (0-based).
    Param(u32),
    /// The return value.
    Return,
    /// A property write.
    Prop,
    /// An `as` expression (throws `TypeAssertionException`).
    As,
}

/// An instruction's immediate operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Imm {
    /// No immediate.
    None,
    /// A bool literal.
    Bool(bool),
    /// An int literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A byte-string literal.
    Str(Box<[u8]>),
    /// A name.
    Name(Box<str>),
    /// A function.
    Func(FuncId),
    /// A type.
    Type(Type),
    /// A type check: why, which type, and the declared hint's text for messages.
    Verify(VerifyKind, Type, Box<str>),
    /// Switch case values (destination i is taken for value i; the last destination is the default).
    Switch(Box<[i64]>),
    /// String switch labels (destination i is taken for label i; the last destination is the
    /// default).
    SwitchStr(Box<[Box<[u8]>]>),
    /// A class name (or `self`/`parent`/`static`) and a member name.
    Member(Box<str>, Box<str>),
    /// A class name.
    Class(Box<str>),
    /// A guard's type and resume point.
    Guard(Type, Resume),
}

/// Where the interpreter resumes a deoptimized frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    /// At the function's start (its parameters are the frame state).
    Start,
    /// Before this baseline instruction.
    Before(Inst),
}

/// One instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct InstData {
    /// The opcode.
    pub op: Opcode,
    /// The operands.
    pub args: Vec<Value>,
    /// The immediate.
    pub imm: Imm,
    /// Destinations: for terminators their successors; for a throwing instruction inside a
    /// `try` region `[normal, catch]` (it then ends its block).
    pub dests: Vec<BlockCall>,
    /// The result, if the opcode defines one.
    pub result: Option<Value>,
}

impl InstData {
    /// True when this instruction ends its block (a terminator, or a throwing instruction with a catch).
    pub fn ends_block(&self) -> bool {
        self.op.is_terminator() || !self.dests.is_empty()
    }

    /// The catch destination of a throwing instruction inside a `try` region.
    pub fn catch_dest(&self) -> Option<&BlockCall> {
        if self.op.is_terminator() {
            None
        } else {
            self.dests.get(1)
        }
    }
}

/// Where a value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueDef {
    /// The result of an instruction.
    Result(Inst),
    /// Parameter number N of a block.
    Param(Block, u32),
    /// A hole left by the reader for an unused value number.
    Unused,
}

/// A value's definition and inferred type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueData {
    /// Definition site.
    pub def: ValueDef,
    /// Inferred (or declared) type.
    pub ty: Type,
}

/// Instructions, values and block parameters of one function.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dfg {
    /// All instructions, by `Inst` index.
    pub insts: Vec<InstData>,
    /// All values, by `Value` index.
    pub values: Vec<ValueData>,
    /// Block parameters, by `Block` index.
    pub blocks: Vec<Vec<Value>>,
}

impl Dfg {
    /// A new block with no parameters.
    pub fn make_block(&mut self) -> Block {
        self.blocks.push(Vec::new());
        Block::new(self.blocks.len() - 1)
    }

    /// Append a parameter of type `ty` to `block`.
    pub fn append_block_param(&mut self, block: Block, ty: Type) -> Value {
        let n = self.blocks[block.index()].len() as u32;
        let v = self.make_value(ValueDef::Param(block, n), ty);
        self.blocks[block.index()].push(v);
        v
    }

    /// A fresh value.
    pub fn make_value(&mut self, def: ValueDef, ty: Type) -> Value {
        self.values.push(ValueData { def, ty });
        Value::new(self.values.len() - 1)
    }

    /// Create an instruction (not yet placed in the layout); gives it a result if its opcode has one.
    pub fn make_inst(
        &mut self,
        op: Opcode,
        args: Vec<Value>,
        imm: Imm,
        dests: Vec<BlockCall>,
        ty: Type,
    ) -> Inst {
        let inst = Inst::new(self.insts.len());
        let result = op
            .has_result()
            .then(|| self.make_value(ValueDef::Result(inst), ty));
        self.insts.push(InstData {
            op,
            args,
            imm,
            dests,
            result,
        });
        inst
    }

    /// The parameters of `block`.
    pub fn block_params(&self, block: Block) -> &[Value] {
        &self.blocks[block.index()]
    }

    /// The type of `v`.
    pub fn ty(&self, v: Value) -> Type {
        self.values[v.index()].ty
    }

    /// Every value `inst` uses: its operands, then its destinations' arguments.
    pub fn uses(&self, inst: Inst) -> impl Iterator<Item = Value> + '_ {
        let d = &self.insts[inst.index()];
        d.args
            .iter()
            .copied()
            .chain(d.dests.iter().flat_map(|bc| bc.args.iter().copied()))
    }
}

//! `FunctionBuilder`: appends blocks and instructions to a function, tracking the current block and span.

use crate::dfg::{BlockCall, Imm};
use crate::entities::{Block, Inst, Value};
use crate::function::Function;
use crate::opcodes::Opcode;
use crate::span::Span;
use crate::types::Type;

/// Builds one function's body.
pub struct FunctionBuilder<'a> {
    /// The function being built.
    pub func: &'a mut Function,
    cur: Option<Block>,
    /// The span given to new instructions.
    pub span: Span,
}

impl<'a> FunctionBuilder<'a> {
    /// A builder appending to `func`.
    pub fn new(func: &'a mut Function) -> Self {
        FunctionBuilder {
            func,
            cur: None,
            span: Span::default(),
        }
    }

    /// A new block, placed at the end of the layout.
    pub fn create_block(&mut self) -> Block {
        let b = self.func.dfg.make_block();
        self.func.layout.append_block(b);
        b
    }

    /// Add a parameter to `block`.
    pub fn param(&mut self, block: Block, ty: Type) -> Value {
        self.func.dfg.append_block_param(block, ty)
    }

    /// Make `block` the insertion point.
    pub fn switch_to(&mut self, block: Block) {
        self.cur = Some(block);
    }

    /// The current block.
    pub fn current(&self) -> Option<Block> {
        self.cur
    }

    /// True when the current block already ends (or there is none): new code would be dead.
    pub fn is_terminated(&self) -> bool {
        match self.cur {
            None => true,
            Some(b) => self.func.terminator(b).is_some(),
        }
    }

    /// Append an instruction with destinations; returns the instruction.
    pub fn build(&mut self, op: Opcode, args: Vec<Value>, imm: Imm, dests: Vec<BlockCall>) -> Inst {
        let b = self.cur.expect("no current block");
        let inst = self.func.dfg.make_inst(op, args, imm, dests, Type::CELL);
        self.func.layout.append_inst(b, inst);
        if self.func.spans.len() <= inst.index() {
            self.func.spans.resize(inst.index() + 1, Span::default());
        }
        self.func.spans[inst.index()] = self.span;
        inst
    }

    /// Append an instruction that defines a result; returns the result.
    pub fn ins(&mut self, op: Opcode, args: Vec<Value>, imm: Imm) -> Value {
        let i = self.build(op, args, imm, Vec::new());
        self.func.result(i).expect("opcode has no result")
    }

    /// Append an instruction without a result.
    pub fn effect(&mut self, op: Opcode, args: Vec<Value>, imm: Imm) {
        self.build(op, args, imm, Vec::new());
    }

    /// `const_int`.
    pub fn int(&mut self, i: i64) -> Value {
        self.ins(Opcode::ConstInt, vec![], Imm::Int(i))
    }

    /// `const_str` (a static literal).
    pub fn str(&mut self, s: &[u8]) -> Value {
        self.ins(Opcode::ConstStr, vec![], Imm::Str(s.into()))
    }

    /// `const_null`.
    pub fn null(&mut self) -> Value {
        self.ins(Opcode::ConstNull, vec![], Imm::None)
    }

    /// `jump`.
    pub fn jump(&mut self, to: Block, args: Vec<Value>) {
        self.build(
            Opcode::Jump,
            vec![],
            Imm::None,
            vec![BlockCall { block: to, args }],
        );
    }

    /// `branch`.
    pub fn branch(
        &mut self,
        cond: Value,
        then: Block,
        targs: Vec<Value>,
        els: Block,
        eargs: Vec<Value>,
    ) {
        let dests = vec![
            BlockCall {
                block: then,
                args: targs,
            },
            BlockCall {
                block: els,
                args: eargs,
            },
        ];
        self.build(Opcode::Branch, vec![cond], Imm::None, dests);
    }

    /// `return`.
    pub fn ret(&mut self, v: Value) {
        self.build(Opcode::Return, vec![v], Imm::None, vec![]);
    }
}

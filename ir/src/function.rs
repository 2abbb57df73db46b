//! A function: signature, data-flow graph, layout and per-instruction spans.

use crate::dfg::{BlockCall, Dfg};
use crate::entities::{Block, FuncId, Inst, Value};
use crate::layout::Layout;
use crate::span::Span;
use crate::types::Type;

/// A declared type as written in the source, and its run-time meaning.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeHint {
    /// The lattice type a value must have (`Cell` when not enforced).
    pub ty: Type,
    /// The source text, for messages (`?string`, `Animal`).
    pub text: Box<str>,
    /// True when the run time checks it (not for generics, `mixed` or missing hints).
    pub enforced: bool,
}

impl TypeHint {
    /// An absent hint (`mixed`, not enforced).
    pub fn mixed() -> TypeHint {
        TypeHint {
            ty: Type::INIT_CELL,
            text: "mixed".into(),
            enforced: false,
        }
    }
}

/// A declared parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Name without `$`.
    pub name: Box<str>,
    /// Declared type.
    pub hint: TypeHint,
    /// True when the parameter has a default (a missing argument arrives as `Uninit`).
    pub has_default: bool,
    /// True for `...$rest` (receives a vec of the remaining arguments).
    pub variadic: bool,
}

/// Function attributes that matter at run time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attrs {
    /// `<<__EntryPoint>>`.
    pub entry_point: bool,
    /// `<<__Memoize>>` (or `<<__MemoizeLSB>>`).
    pub memoize: bool,
    /// `<<__MemoizeLSB>>`: a memoized static method keeps a cache per late-static-bound class
    /// (with `<<__Memoize>>`, one cache, and `static::` is the declaring class).
    pub memoize_lsb: bool,
    /// A static method (no `$this`).
    pub is_static: bool,
    /// Number of leading parameters that are closure captures (not user arguments).
    pub captures: u32,
}

/// One function of the program.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// Qualified name: `f`, `C::m`, `outer#closure1`.
    pub name: Box<str>,
    /// Declared parameters; the entry block has one parameter per declared parameter
    /// (after the captures and `$this`, when present).
    pub params: Vec<Param>,
    /// Declared return type.
    pub ret: TypeHint,
    /// Attributes.
    pub attrs: Attrs,
    /// Instructions and values.
    pub dfg: Dfg,
    /// Block and instruction order.
    pub layout: Layout,
    /// Source span of each instruction, by `Inst` index.
    pub spans: Vec<Span>,
    /// Span of the whole declaration.
    pub span: Span,
    /// For instructions the inliner copied in: the function and instruction each copies (so
    /// the inlined code's branches get the callee's profile).
    pub inlined_from: std::collections::HashMap<Inst, (FuncId, Inst)>,
}

impl Function {
    /// An empty function with the given name and signature.
    pub fn new(name: &str, params: Vec<Param>, ret: TypeHint) -> Function {
        Function {
            name: name.into(),
            params,
            ret,
            attrs: Attrs::default(),
            dfg: Dfg::default(),
            layout: Layout::default(),
            spans: Vec::new(),
            span: Span::default(),
            inlined_from: Default::default(),
        }
    }

    /// The entry block.
    pub fn entry(&self) -> Block {
        self.layout.entry().expect("function has no entry block")
    }

    /// The functions this one names directly (calls, closures it makes), in `FuncId` order.
    pub fn referenced_funcs(&self) -> std::collections::BTreeSet<FuncId> {
        self.layout
            .order
            .iter()
            .flat_map(|&b| self.layout.block_insts(b))
            .filter_map(|i| match self.dfg.insts[i.index()].imm {
                crate::Imm::Func(g) => Some(g),
                _ => None,
            })
            .collect()
    }

    /// The block terminator (or ending throwing instruction) of `block`.
    pub fn terminator(&self, block: Block) -> Option<Inst> {
        self.layout
            .last_inst(block)
            .filter(|i| self.dfg.insts[i.index()].ends_block())
    }

    /// The successors of `block`, with arguments.
    pub fn successors(&self, block: Block) -> &[BlockCall] {
        match self.terminator(block) {
            Some(i) => &self.dfg.insts[i.index()].dests,
            None => &[],
        }
    }

    /// The result of `inst`.
    pub fn result(&self, inst: Inst) -> Option<Value> {
        self.dfg.insts[inst.index()].result
    }
}

//! Lowering of one function body: statements, expressions, control flow and parameter set-up.

use super::ssa::{Ssa, Var};
use super::{
    canonical_name, err, fold_lit, lower_hint_in, lower_hint_scoped, Globals, Lit, LowerError,
};
use crate::ast::{self, BinOp, CastKind, Expr, ExprKind, IncDec, Stmt, StmtKind, UnOp};
use jsvm_ir::{
    Block, BlockCall, FuncId, Function, FunctionBuilder, Imm, Inst, Opcode, Param, Span, Type,
    TypeHint, Value, ValueDef, VerifyKind,
};
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

/// The fewest `case` labels for which a `switch` gets a jump table.
const MIN_SWITCH_TABLE: usize = 4;

type R<T> = Result<T, LowerError>;

struct LoopCtx {
    brk: Block,
    cont: Option<Block>,
    /// How many `finally` regions enclosed the loop when it started.
    fin_depth: usize,
    /// How many `finally` blocks the loop is inside.
    in_finally: usize,
}

/// How control leaves a `try ... finally` region (other than falling through or throwing).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exit {
    Return,
    Break(usize),
    Continue(usize),
}

/// A loop over a container by position ([`FnLower::iter_head`]).
struct IterLoop {
    /// The pseudo-variable holding the position.
    posvar: String,
    header: Block,
    /// The `continue` target before the next position.
    step: Block,
    exit: Block,
    /// The position, read in the header.
    pos: Value,
}

/// An enclosing `finally`: its entry block and the state/value pseudo-variables that say why it runs.
struct FinCtx {
    entry: Block,
    state: String,
    value: String,
    exits: Vec<Exit>,
    /// The handler active around the whole `try` statement.
    outer_handler: Option<Block>,
}

pub(crate) struct FnLower<'g> {
    g: &'g Globals,
    f: Function,
    cur: Block,
    span: Span,
    ssa: Ssa,
    vars: HashMap<String, Var>,
    /// Every local the function's body mentions (assigned or read, anywhere): an implicitly
    /// capturing lambda captures those it uses, even one assigned only later in a loop body.
    locals: std::collections::HashSet<String>,
    /// The type parameters in scope (the function's, its class's): erased, never enforced,
    /// also in the hints of the lambdas inside.
    tparams: Vec<String>,
    loops: Vec<LoopCtx>,
    pipe: Vec<Value>,
    /// The class whose method (or closure inside one) is being lowered.
    class: Option<String>,
    /// `$this` in instance methods, or the late-static-bound class in static methods.
    this: Option<Value>,
    /// Inside a static method (or a closure in one): `$this` is an error there.
    static_scope: bool,
    /// How many `finally` blocks are being lowered around the current point.
    in_finally: usize,
    /// Subexpressions evaluated ahead of the rest of their expression ([`FnLower::pre_eval`]),
    /// by address: `expr` takes their values from here.
    pre: HashMap<*const Expr, Value>,
    /// The innermost active catch handler (a block whose first parameter is the exception).
    handler: Option<Block>,
    fins: Vec<FinCtx>,
    /// Counter for closure names (`outer#closure<N>`), shared with nested closures.
    closure_count: Rc<Cell<u32>>,
    /// Counter for pseudo-variables.
    temps: u32,
}

fn params_of(
    g: &Globals,
    params: &[ast::Param],
    tparams: &[String],
    cls: Option<&str>,
) -> Vec<Param> {
    params
        .iter()
        .map(|p| Param {
            name: p.name.name.as_str().into(),
            hint: lower_hint_scoped(p.hint.as_ref(), tparams, Some(g), cls),
            has_default: p.default.is_some(),
            variadic: p.variadic,
        })
        .collect()
}

/// `is` and `as` cannot test a function type (HHVM rejects it too): a closure's signature is
/// not known at run time, and without this every value would pass.
fn no_function_type(hint: &ast::Hint, op: &str) -> R<()> {
    match &hint.kind {
        ast::HintKind::Nullable(h) => no_function_type(h, op),
        ast::HintKind::Fun { .. } => err(hint.span, format!("`{op}` cannot test a function type")),
        _ => Ok(()),
    }
}

/// Every local a body mentions.
fn body_locals(b: &ast::Block) -> std::collections::HashSet<String> {
    let mut used = super::free::Names::default();
    super::free::block(b, &mut used, &mut false);
    used.into_set()
}

/// Lower a top-level function declaration.
pub(crate) fn lower_function(g: &Globals, d: &ast::FunDecl) -> R<Function> {
    let tparams: Vec<String> = d.tparams.iter().map(|t| t.name.name.clone()).collect();
    let params = params_of(g, &d.params, &tparams, None);
    let ret = lower_hint_in(d.ret.as_ref(), &tparams, Some(g));
    let mut f = Function::new(canonical_name(&d.name.name), params, ret);
    f.span = d.span;
    f.attrs.entry_point = d.attrs.iter().any(|a| a.name.name == "__EntryPoint");
    f.attrs.memoize = d.attrs.iter().any(|a| a.name.name == "__Memoize");
    let mut l = FnLower::new(g, f, d.span, None);
    l.tparams = tparams;
    l.locals = body_locals(&d.body);
    l.prologue(&d.params, &[])?;
    l.block(&d.body)?;
    l.finish()
}

/// Lower a method of class `cls`: its entry block's first parameter is `$this` (instance
/// methods) or the late-static-bound class (static methods).
pub(crate) fn lower_method(
    g: &Globals,
    cls: &str,
    m: &ast::MethodDecl,
    ctparams: &[String],
) -> R<Function> {
    let mut tparams = ctparams.to_vec();
    tparams.extend(m.tparams.iter().map(|t| t.name.name.clone()));
    let params = params_of(g, &m.params, &tparams, Some(cls));
    let ret = lower_hint_scoped(m.ret.as_ref(), &tparams, Some(g), Some(cls));
    let mut f = Function::new(&format!("{cls}::{}", m.name.name), params, ret);
    f.span = m.span;
    f.attrs.is_static = m.is_static;
    f.attrs.memoize_lsb = m.attrs.iter().any(|a| a.name.name == "__MemoizeLSB");
    f.attrs.memoize = f.attrs.memoize_lsb || m.attrs.iter().any(|a| a.name.name == "__Memoize");
    f.attrs.captures = 1;
    let mut l = FnLower::new(g, f, m.span, Some(cls.to_string()));
    l.static_scope = m.is_static;
    l.tparams = tparams;
    if let Some(b) = &m.body {
        l.locals = body_locals(b);
    }
    l.prologue(&m.params, &["this".to_string()])?;
    if m.name.name.eq_ignore_ascii_case("__construct") {
        for p in m.params.iter().filter(|p| p.promote.is_some()) {
            let this = l.this.expect("constructor has $this");
            let v = l.read_var(&p.name.name);
            let name = l.prop_name(&p.name.name);
            l.effect(Opcode::SetProp, vec![this, v], Imm::Name(name.into()));
        }
    }
    if let Some(body) = &m.body {
        l.block(body)?;
    }
    l.finish()
}

/// Lower the initializer of a constant (top-level or class) or a property default into a
/// function of no arguments.
pub(crate) fn lower_init(
    g: &Globals,
    name: &str,
    value: &Expr,
    hint: &TypeHint,
    cls: Option<&str>,
) -> R<Function> {
    let f = Function::new(&format!("{name}$init"), vec![], hint.clone());
    let mut l = FnLower::new(g, f, value.span, cls.map(str::to_string));
    l.seal_entry();
    let v = l.expr(value)?;
    l.ret(v);
    l.finish()
}

/// Lower the initializer of a top-level constant into a function of no arguments.
pub(crate) fn lower_const_init(
    g: &Globals,
    name: &str,
    value: &Expr,
    hint: &TypeHint,
) -> R<Function> {
    lower_init(g, name, value, hint, None)
}

impl<'g> FnLower<'g> {
    fn new(g: &'g Globals, mut f: Function, span: Span, class: Option<String>) -> Self {
        let entry = FunctionBuilder::new(&mut f).create_block();
        FnLower {
            g,
            f,
            cur: entry,
            span,
            ssa: Ssa::default(),
            vars: HashMap::new(),
            locals: Default::default(),
            tparams: Vec::new(),
            loops: Vec::new(),
            pipe: Vec::new(),
            class,
            this: None,
            static_scope: false,
            pre: HashMap::new(),
            in_finally: 0,
            handler: None,
            fins: Vec::new(),
            closure_count: Rc::new(Cell::new(0)),
            temps: 0,
        }
    }

    fn seal_entry(&mut self) {
        let e = self.f.entry();
        self.ssa.seal(&mut self.f, e);
    }

    fn finish(mut self) -> R<Function> {
        if !self.terminated() {
            // Falling off the end returns null, which must pass the declared return type.
            let v = self.null();
            let v = self.verify_return(v);
            self.ret(v);
        }
        // Seal anything left (dead blocks).
        for b in self.f.layout.order.clone() {
            self.ssa.seal(&mut self.f, b);
        }
        Ok(self.f)
    }

    // ---- emission helpers -------------------------------------------------------------------

    fn builder(&mut self) -> FunctionBuilder<'_> {
        let mut b = FunctionBuilder::new(&mut self.f);
        b.span = self.span;
        b.switch_to(self.cur);
        b
    }

    /// Append an instruction; inside a `try` region a throwing instruction ends its block with
    /// `[normal, catch]` destinations and emission continues in the normal successor.
    fn emit(&mut self, op: Opcode, args: Vec<Value>, imm: Imm) -> Option<Value> {
        match self.handler {
            Some(h) if op.can_throw() && !op.is_terminator() => {
                let normal = self.new_block();
                let dests = vec![
                    BlockCall {
                        block: normal,
                        args: vec![],
                    },
                    BlockCall {
                        block: h,
                        args: vec![],
                    },
                ];
                let i = self.end(op, args, imm, dests);
                self.seal(normal);
                self.switch_to(normal);
                self.f.result(i)
            }
            _ => {
                let i = self.builder().build(op, args, imm, vec![]);
                self.f.result(i)
            }
        }
    }

    fn ins(&mut self, op: Opcode, args: Vec<Value>, imm: Imm) -> Value {
        self.emit(op, args, imm).expect("opcode has a result")
    }

    fn effect(&mut self, op: Opcode, args: Vec<Value>, imm: Imm) {
        self.emit(op, args, imm);
    }

    /// A fresh pseudo-variable name (for `finally` state, foreach positions, ...).
    fn temp(&mut self, what: &str) -> String {
        self.temps += 1;
        format!("#{what}{}", self.temps)
    }

    /// `throw v`: to the active handler when inside a `try`, else out of the function.
    fn throw(&mut self, v: Value) {
        match self.handler {
            Some(h) => self.jump(h, vec![v]),
            None => {
                self.end(Opcode::Throw, vec![v], Imm::None, vec![]);
            }
        }
        self.dead_block();
    }

    fn new_block(&mut self) -> Block {
        FunctionBuilder::new(&mut self.f).create_block()
    }

    fn terminated(&self) -> bool {
        self.f.terminator(self.cur).is_some()
    }

    /// Emit a block-ending instruction and record the predecessor edges.
    fn end(&mut self, op: Opcode, args: Vec<Value>, imm: Imm, dests: Vec<BlockCall>) -> Inst {
        let from = self.cur;
        for (i, d) in dests.iter().enumerate() {
            self.ssa.add_pred(d.block, from, i);
        }
        self.builder().build(op, args, imm, dests)
    }

    fn jump(&mut self, to: Block, args: Vec<Value>) {
        if !self.terminated() {
            self.end(
                Opcode::Jump,
                vec![],
                Imm::None,
                vec![BlockCall { block: to, args }],
            );
        }
    }

    fn branch(&mut self, c: Value, t: Block, e: Block) {
        let dests = vec![
            BlockCall {
                block: t,
                args: vec![],
            },
            BlockCall {
                block: e,
                args: vec![],
            },
        ];
        self.end(Opcode::Branch, vec![c], Imm::None, dests);
    }

    fn ret(&mut self, v: Value) {
        self.end(Opcode::Return, vec![v], Imm::None, vec![]);
    }

    /// Continue emitting into `b`.
    fn switch_to(&mut self, b: Block) {
        self.cur = b;
    }

    /// After a terminator: later statements go to a fresh unreachable block.
    fn dead_block(&mut self) {
        let b = self.new_block();
        self.ssa.seal(&mut self.f, b);
        self.cur = b;
    }

    fn seal(&mut self, b: Block) {
        self.ssa.seal(&mut self.f, b);
    }

    fn null(&mut self) -> Value {
        self.ins(Opcode::ConstNull, vec![], Imm::None)
    }

    fn int(&mut self, i: i64) -> Value {
        self.ins(Opcode::ConstInt, vec![], Imm::Int(i))
    }

    fn str(&mut self, s: &[u8]) -> Value {
        self.ins(Opcode::ConstStr, vec![], Imm::Str(s.into()))
    }

    fn lit(&mut self, l: &Lit) -> Value {
        match l {
            Lit::Null => self.null(),
            Lit::Bool(b) => self.ins(Opcode::ConstBool, vec![], Imm::Bool(*b)),
            Lit::Int(i) => self.int(*i),
            Lit::Float(x) => self.ins(Opcode::ConstFloat, vec![], Imm::Float(*x)),
            Lit::Str(s) => self.str(s),
        }
    }

    fn var(&mut self, name: &str) -> Var {
        let n = self.vars.len() as Var;
        *self.vars.entry(name.to_string()).or_insert(n)
    }

    /// The name an access to instance property `name` uses here: inside a class, scoped by it
    /// where visibility matters ([`super::class::ClassInfo::prop_name`]); outside, the plain
    /// name.
    fn prop_name(&self, name: &str) -> String {
        match self.class.as_deref().and_then(|c| self.g.class(c)) {
            Some(ci) => ci.prop_name(name, &self.g.nonpublic_props),
            None => name.to_string(),
        }
    }

    /// The name a call of method `name` uses here, by [`FnLower::prop_name`]'s rule.
    fn method_name(&self, name: &str) -> String {
        match self.class.as_deref().and_then(|c| self.g.class(c)) {
            Some(ci) => ci.method_name(name, &self.g.nonpublic_methods),
            None => name.to_string(),
        }
    }

    fn read_var(&mut self, name: &str) -> Value {
        let v = self.var(name);
        self.ssa.read(&mut self.f, self.cur, v)
    }

    fn write_var(&mut self, name: &str, val: Value) {
        let v = self.var(name);
        self.ssa.write(self.cur, v, val);
    }

    /// Branch to `t` when `e` is truthy, else to `f`; `&&`, `||` and `!` become control flow
    /// instead of materialized bools.
    fn branch_on(&mut self, e: &Expr, t: Block, f: Block) -> R<()> {
        match &e.kind {
            ExprKind::Binary {
                op: BinOp::And,
                lhs,
                rhs,
            } => {
                let mid = self.new_block();
                self.branch_on(lhs, mid, f)?;
                self.seal(mid);
                self.switch_to(mid);
                self.branch_on(rhs, t, f)
            }
            ExprKind::Binary {
                op: BinOp::Or,
                lhs,
                rhs,
            } => {
                let mid = self.new_block();
                self.branch_on(lhs, t, mid)?;
                self.seal(mid);
                self.switch_to(mid);
                self.branch_on(rhs, t, f)
            }
            ExprKind::Unary {
                op: UnOp::Not,
                expr,
            } => self.branch_on(expr, f, t),
            _ => {
                let c = self.cond(e)?;
                self.branch(c, t, f);
                Ok(())
            }
        }
    }

    /// A bool for a condition: comparisons are used as they are, anything else goes through `to_bool`.
    fn cond(&mut self, e: &Expr) -> R<Value> {
        let v = self.expr(e)?;
        Ok(self.truthy(v))
    }

    fn truthy(&mut self, v: Value) -> Value {
        if let ValueDef::Result(i) = self.f.dfg.values[v.index()].def {
            use Opcode::*;
            if matches!(
                self.f.dfg.insts[i.index()].op,
                Eq | Neq
                    | Same
                    | NSame
                    | Lt
                    | Le
                    | Gt
                    | Ge
                    | Not
                    | ToBool
                    | IsType
                    | IndexIsset
                    | ConstBool
            ) {
                return v;
            }
        }
        self.ins(Opcode::ToBool, vec![v], Imm::None)
    }

    // ---- prologue ---------------------------------------------------------------------------

    /// Entry parameters: first the hidden ones (`this`, or closure captures by name), then the
    /// declared parameters with their defaults and type checks.
    fn prologue(&mut self, params: &[ast::Param], hidden: &[String]) -> R<()> {
        let mut seen = std::collections::HashSet::new();
        for p in params {
            if !seen.insert(p.name.name.as_str()) {
                return err(
                    p.name.span,
                    format!("Redefinition of parameter ${}", p.name.name),
                );
            }
        }
        let entry = self.cur;
        let hidden_vals: Vec<Value> = hidden
            .iter()
            .map(|_| self.f.dfg.append_block_param(entry, Type::CELL))
            .collect();
        let vals: Vec<Value> = params
            .iter()
            .map(|_| self.f.dfg.append_block_param(entry, Type::CELL))
            .collect();
        self.seal(entry);
        for (name, v) in hidden.iter().zip(hidden_vals) {
            if name == "this" {
                self.this = Some(v);
            } else {
                self.write_var(name, v);
            }
        }
        for (i, (p, mut v)) in params.iter().zip(vals).enumerate() {
            self.span = p.span;
            if let Some(d) = &p.default {
                let missing = self.ins(Opcode::IsType, vec![v], Imm::Type(Type::UNINIT));
                let (dflt, join) = (self.new_block(), self.new_block());
                let jp = self.f.dfg.append_block_param(join, Type::CELL);
                let dests = vec![
                    BlockCall {
                        block: dflt,
                        args: vec![],
                    },
                    BlockCall {
                        block: join,
                        args: vec![v],
                    },
                ];
                self.end(Opcode::Branch, vec![missing], Imm::None, dests);
                self.seal(dflt);
                self.switch_to(dflt);
                let dv = self.expr(d)?;
                self.jump(join, vec![dv]);
                self.seal(join);
                self.switch_to(join);
                v = jp;
            }
            // A variadic parameter `T ...$xs` is a `vec<T>`, whose elements HHVM does not check
            // (hphp/test/slow/variadic_args/hack_typehints.php; PHP checks each one).
            let hint = self.f.params[i].hint.clone();
            if hint.enforced && !p.variadic {
                v = self.ins(
                    Opcode::VerifyType,
                    vec![v],
                    Imm::Verify(VerifyKind::Param(i as u32), hint.ty, hint.text),
                );
            }
            self.write_var(&p.name.name, v);
        }
        Ok(())
    }

    /// The head of a `foreach` loop over container `c` by position: the position starts at
    /// `IterFirst`; the header tests `IterDone`; lowering continues in the body with the
    /// position read. `continue` goes to the step block (which reaches [`Self::iter_tail`]).
    fn iter_head(&mut self, c: Value) -> IterLoop {
        let first = self.ins(Opcode::IterFirst, vec![c], Imm::None);
        let posvar = self.temp("pos");
        self.write_var(&posvar, first);
        let (header, body) = (self.new_block(), self.new_block());
        let step = self.new_block();
        let exit = self.new_block();
        self.jump(header, vec![]);
        self.switch_to(header);
        let pos = self.read_var(&posvar);
        let done = self.ins(Opcode::IterDone, vec![c, pos], Imm::None);
        self.branch(done, exit, body);
        self.seal(body);
        self.switch_to(body);
        IterLoop {
            posvar,
            header,
            step,
            exit,
            pos,
        }
    }

    /// The end of an [`Self::iter_head`] loop's body: the next position, back to the header;
    /// lowering continues after the loop.
    fn iter_tail(&mut self, c: Value, it: &IterLoop) {
        let pos = self.read_var(&it.posvar);
        let next = self.ins(Opcode::IterNext, vec![c, pos], Imm::None);
        self.write_var(&it.posvar, next);
        self.jump(it.header, vec![]);
        self.seal(it.header);
        self.seal(it.exit);
        self.switch_to(it.exit);
    }

    // ---- statements -------------------------------------------------------------------------

    fn block(&mut self, b: &ast::Block) -> R<()> {
        for s in &b.stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        self.span = s.span;
        match &s.kind {
            // `$c[k] .= x` as a statement: the string grows in place inside its container
            // (`concat_path`); as a value it is read back, so it keeps the general lowering.
            StmtKind::Expr(Expr {
                kind:
                    ExprKind::Assign {
                        op: Some(BinOp::Concat),
                        target,
                        value,
                    },
                ..
            }) if matches!(target.kind, ExprKind::Index { index: Some(_), .. }) => {
                self.concat_to_element(target, value)?;
            }
            StmtKind::Expr(e) => {
                self.expr(e)?;
            }
            StmtKind::Echo(es) => {
                for e in es {
                    let v = self.expr(e)?;
                    self.effect(Opcode::Echo, vec![v], Imm::None);
                }
            }
            StmtKind::Block(b) => self.block(b)?,
            StmtKind::If { cond, then, else_ } => {
                let (t, e, j) = (self.new_block(), self.new_block(), self.new_block());
                self.branch_on(cond, t, e)?;
                self.seal(t);
                self.seal(e);
                self.switch_to(t);
                self.block(then)?;
                self.jump(j, vec![]);
                self.switch_to(e);
                if let Some(els) = else_ {
                    self.block(els)?;
                }
                self.jump(j, vec![]);
                self.seal(j);
                self.switch_to(j);
            }
            StmtKind::While { cond, body } => {
                let (h, b, x) = (self.new_block(), self.new_block(), self.new_block());
                self.jump(h, vec![]);
                self.switch_to(h);
                self.branch_on(cond, b, x)?;
                self.seal(b);
                self.switch_to(b);
                self.loop_body(body, x, h)?;
                self.jump(h, vec![]);
                self.seal(h);
                self.seal(x);
                self.switch_to(x);
            }
            StmtKind::DoWhile { body, cond } => {
                let (b, c, x) = (self.new_block(), self.new_block(), self.new_block());
                self.jump(b, vec![]);
                self.switch_to(b);
                self.loop_body(body, x, c)?;
                self.jump(c, vec![]);
                self.seal(c);
                self.switch_to(c);
                self.branch_on(cond, b, x)?;
                self.seal(b);
                self.seal(x);
                self.switch_to(x);
            }
            StmtKind::For {
                init,
                cond,
                step,
                body,
            } => {
                for e in init {
                    self.expr(e)?;
                }
                let (h, b, st, x) = (
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                );
                self.jump(h, vec![]);
                self.switch_to(h);
                match cond.split_last() {
                    Some((last, init)) => {
                        for e in init {
                            self.expr(e)?;
                        }
                        self.branch_on(last, b, x)?;
                    }
                    None => self.jump(b, vec![]),
                }
                self.seal(b);
                self.switch_to(b);
                self.loop_body(body, x, st)?;
                self.jump(st, vec![]);
                self.seal(st);
                self.switch_to(st);
                for e in step {
                    self.expr(e)?;
                }
                self.jump(h, vec![]);
                self.seal(h);
                self.seal(x);
                self.switch_to(x);
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                let idx = self
                    .loops
                    .iter()
                    .rposition(|l| is_break || l.cont.is_some());
                let Some(idx) = idx else {
                    let what = if is_break { "break" } else { "continue" };
                    return err(
                        s.span,
                        format!("'{what}' not in the 'loop' or 'switch' context"),
                    );
                };
                if self.loops[idx].in_finally < self.in_finally {
                    return err(s.span, "jump out of a finally block is disallowed");
                }
                let exit = if is_break {
                    Exit::Break(idx)
                } else {
                    Exit::Continue(idx)
                };
                let null = self.null();
                self.leave(exit, null);
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.expr(e)?,
                    None => self.null(),
                };
                self.leave(Exit::Return, v);
            }
            StmtKind::Switch { subject, cases } => self.switch(subject, cases)?,
            StmtKind::Throw(e) => {
                let v = self.expr(e)?;
                // Only Throwable objects are thrown: anything else is an Error thrown here
                // (PHP's and HHVM's), unless the value is a new exception object.
                let known = match &e.kind {
                    ExprKind::New {
                        class: ast::ClassRef::Named(n),
                        ..
                    } => {
                        let n = canonical_name(&n.name);
                        self.g.is_a(n, "Exception") || self.g.is_a(n, "Error")
                    }
                    _ => false,
                };
                if !known {
                    self.ins(
                        Opcode::CallBuiltin,
                        vec![v],
                        Imm::Name("__SystemLib\\check_throwable".into()),
                    );
                }
                self.throw(v);
            }
            StmtKind::Unset(targets) => {
                for t in targets {
                    match &t.kind {
                        ExprKind::Var(n) => {
                            let v = self.null();
                            self.write_var(n, v);
                        }
                        // `unset($c[k1]...[kn][k])`: as HHVM's, the containers on the way are
                        // read quietly (its `ElemU`), so a missing key or a null there leaves
                        // nothing to unset and nothing is written back.
                        ExprKind::Index {
                            base,
                            index: Some(k),
                        } if matches!(base.kind, ExprKind::Index { .. }) => {
                            let lv = self.lvalue(base)?;
                            let b = self.read_lvalue_quiet(&lv)?;
                            let k = self.expr(k)?;
                            self.if_not_null(b, |l| {
                                let nb = l.ins(Opcode::IndexUnset, vec![b, k], Imm::None);
                                l.write_lvalue(&lv, nb);
                                Ok(nb)
                            })?;
                        }
                        ExprKind::Index {
                            base,
                            index: Some(k),
                        } => {
                            let b = self.expr(base)?;
                            let k = self.expr(k)?;
                            let nb = self.ins(Opcode::IndexUnset, vec![b, k], Imm::None);
                            self.assign_to(base, nb)?;
                        }
                        _ => return err(t.span, "cannot unset this expression"),
                    }
                }
            }
            StmtKind::Empty => {}
            StmtKind::Foreach {
                subject,
                key,
                value,
                body,
            } => self.foreach(subject, key.as_ref(), value, body)?,
            StmtKind::Try {
                body,
                catches,
                finally,
            } => self.try_stmt(body, catches, finally.as_ref())?,
        }
        Ok(())
    }

    fn loop_body(&mut self, body: &ast::Block, brk: Block, cont: Block) -> R<()> {
        self.loops.push(LoopCtx {
            brk,
            cont: Some(cont),
            fin_depth: self.fins.len(),
            in_finally: self.in_finally,
        });
        let r = self.block(body);
        self.loops.pop();
        r
    }

    fn verify_return(&mut self, v: Value) -> Value {
        let ret = self.f.ret.clone();
        if !ret.enforced {
            return v;
        }
        let this = matches!(&*ret.text, "this" | "?this");
        let v = self.ins(
            Opcode::VerifyType,
            vec![v],
            Imm::Verify(VerifyKind::Return, ret.ty, ret.text),
        );
        if this {
            self.verify_this(v);
        }
        v
    }

    /// A `this` return type (past the object check): the object's class is exactly the
    /// late-static-bound class, as HHVM checks it (`ThisTypeHintLevel` 3, Hack's default),
    /// else a `TypeError`; `null` passes (for `?this`, the object check let it through).
    fn verify_this(&mut self, v: Value) {
        let Some(lsb) = self.this else { return };
        let ok = self.new_block();
        let check = self.new_block();
        let null = self.null();
        let is_null = self.ins(Opcode::Same, vec![v, null], Imm::None);
        self.branch(is_null, ok, check);
        self.seal(check);
        self.switch_to(check);
        let got = self.ins(Opcode::CallBuiltin, vec![v], Imm::Name("get_class".into()));
        let want = self.ins(
            Opcode::ClassConst,
            vec![lsb],
            Imm::Member("static".into(), "class".into()),
        );
        let same = self.ins(Opcode::Same, vec![got, want], Imm::None);
        let bad = self.new_block();
        self.branch(same, ok, bad);
        self.seal(bad);
        self.switch_to(bad);
        // (The words of the runtime's `returning`: `this` is a method's or its closure's type.)
        let head = if self.f.name.contains("#closure") {
            "Value returned from closure must be of type this, ".to_string()
        } else {
            let name = &self.f.name;
            let name = name.strip_suffix(jsvm_ir::MEMOIZE_SUFFIX).unwrap_or(name);
            format!("Value returned from method {name}() must be of type this, ")
        };
        let head = self.str(head.as_bytes());
        let msg = self.ins(Opcode::Concat, vec![head, got], Imm::None);
        let tail = self.str(b" given");
        let msg = self.ins(Opcode::Concat, vec![msg, tail], Imm::None);
        self.throw_new("TypeError", |_| msg);
        self.seal(ok);
        self.switch_to(ok);
    }

    /// The value of a `case` label the front end knows: a literal, or a global or class
    /// constant with a literal initializer.
    fn label_lit(&self, e: &Expr) -> Option<Lit> {
        match &e.kind {
            ExprKind::ClassConst {
                class: ast::ClassRef::Named(c),
                name,
            } => self.g.class_const_lit(&c.name, &name.name),
            _ => fold_lit(e, self.g),
        }
    }

    /// The jump table of a switch whose `labels` (the labelled cases' expressions, in order)
    /// all have values the front end knows (no label then has an effect), at least
    /// [`MIN_SWITCH_TABLE`] of them: ints (`switch`, as HHVM's optimizer builds one, hhbbc
    /// `buildIntSwitch`), or strings that are not numeric (`switch_str`: `==` between such a
    /// string and any string compares bytes). The subject type it takes, the terminator with
    /// its immediate, and for each table entry the labelled case it goes to (the first case of
    /// a value is the one `==` finds).
    fn switch_table(&self, labels: &[&Expr]) -> Option<(Type, Opcode, Imm, Vec<usize>)> {
        if labels.len() < MIN_SWITCH_TABLE {
            return None;
        }
        fn firsts<K: Eq + std::hash::Hash + Clone>(keys: &[K]) -> (Vec<K>, Vec<usize>) {
            let mut seen = std::collections::HashSet::new();
            keys.iter()
                .enumerate()
                .filter(|(_, k)| seen.insert(*k))
                .map(|(i, k)| (k.clone(), i))
                .unzip()
        }
        let lits: Vec<Lit> = labels
            .iter()
            .map(|l| self.label_lit(l))
            .collect::<Option<_>>()?;
        let ints: Option<Vec<i64>> = lits
            .iter()
            .map(|l| match l {
                Lit::Int(i) => Some(*i),
                _ => None,
            })
            .collect();
        if let Some(ints) = ints {
            let (keys, at) = firsts(&ints);
            return Some((Type::INT, Opcode::Switch, Imm::Switch(keys.into()), at));
        }
        let strs: Vec<&[u8]> = lits
            .iter()
            .map(|l| match l {
                Lit::Str(s) if !jsvm_ir::strings::may_be_numeric(s) => Some(s.as_slice()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let (keys, at) = firsts(&strs);
        let keys = keys.into_iter().map(Box::from).collect();
        Some((Type::STR, Opcode::SwitchStr, Imm::SwitchStr(keys), at))
    }

    fn switch(&mut self, subject: &Expr, cases: &[ast::SwitchCase]) -> R<()> {
        // A local subject is read for each case, after the case's expression, as `$x == case`
        // reads it (hackc's `emit_check_case`); any other subject is evaluated once.
        let mut once = match subject.kind {
            ExprKind::Var(_) => None,
            _ => Some(self.expr(subject)?),
        };
        let bodies: Vec<Block> = cases.iter().map(|_| self.new_block()).collect();
        let exit = self.new_block();
        // With a jump table (no label then has an effect, so a local subject is read once), a
        // subject of the table's type goes through it; anything else compares case by case
        // with `==`.
        let labelled: Vec<usize> = (0..cases.len())
            .filter(|&i| cases[i].label.is_some())
            .collect();
        let labels: Vec<&Expr> = labelled
            .iter()
            .filter_map(|&i| cases[i].label.as_ref())
            .collect();
        if let Some((ty, op, imm, at)) = self.switch_table(&labels) {
            let s = match once {
                Some(s) => s,
                None => self.expr(subject)?,
            };
            once = Some(s);
            let is_ty = self.ins(Opcode::IsType, vec![s], Imm::Type(ty));
            let (table, chain) = (self.new_block(), self.new_block());
            self.branch(is_ty, table, chain);
            self.seal(table);
            self.switch_to(table);
            let default = cases.iter().position(|c| c.label.is_none());
            let dests = at
                .iter()
                .map(|&k| bodies[labelled[k]])
                .chain([default.map_or(exit, |i| bodies[i])])
                .map(|block| BlockCall {
                    block,
                    args: vec![],
                })
                .collect();
            self.end(op, vec![s], imm, dests);
            self.seal(chain);
            self.switch_to(chain);
        }
        let mut default = None;
        for (i, c) in cases.iter().enumerate() {
            match &c.label {
                None => default = Some(bodies[i]),
                Some(l) => {
                    self.span = c.span;
                    let (s, lv) = match once {
                        Some(s) => (s, self.expr(l)?),
                        None => self.lazy_pair(subject, l)?,
                    };
                    let eq = self.ins(Opcode::Eq, vec![s, lv], Imm::None);
                    let next = self.new_block();
                    self.branch(eq, bodies[i], next);
                    self.seal(next);
                    self.switch_to(next);
                }
            }
        }
        self.jump(default.unwrap_or(exit), vec![]);
        // `continue` directly inside a switch leaves the switch, as `break` does: HHVM's
        // runtime (hackc's `jump_targets`) and PHP agree; Hack's typechecker rejects it.
        self.loops.push(LoopCtx {
            brk: exit,
            cont: Some(exit),
            fin_depth: self.fins.len(),
            in_finally: self.in_finally,
        });
        for (i, c) in cases.iter().enumerate() {
            self.seal(bodies[i]);
            self.switch_to(bodies[i]);
            for st in &c.body {
                self.stmt(st)?;
            }
            let next = bodies.get(i + 1).copied().unwrap_or(exit);
            self.jump(next, vec![]);
        }
        self.loops.pop();
        self.seal(exit);
        self.switch_to(exit);
        Ok(())
    }

    /// Leave the current point by `return`, `break` or `continue`, running the `finally` blocks
    /// in between (each records the exit as a state code and jumps to its entry).
    fn leave(&mut self, exit: Exit, v: Value) {
        let depth = match exit {
            Exit::Return => 0,
            Exit::Break(i) | Exit::Continue(i) => self.loops[i].fin_depth,
        };
        if self.fins.len() > depth {
            // A return value goes through the finally blocks unchecked: it is checked when the
            // outermost one has run, outside the `try`s whose `catch`es therefore do not see
            // the TypeError (hackc's `emit_return` in the finally epilogue; PHP checks it at
            // the `return`).
            let fin = self.fins.last_mut().expect("finally context");
            let k = match fin.exits.iter().position(|e| *e == exit) {
                Some(k) => k,
                None => {
                    fin.exits.push(exit);
                    fin.exits.len() - 1
                }
            };
            let (state, value, entry) = (fin.state.clone(), fin.value.clone(), fin.entry);
            let code = self.int(k as i64 + 2);
            self.write_var(&state, code);
            self.write_var(&value, v);
            self.jump(entry, vec![]);
        } else {
            match exit {
                Exit::Return => {
                    let v = self.verify_return(v);
                    self.ret(v);
                }
                Exit::Break(i) => {
                    let t = self.loops[i].brk;
                    self.jump(t, vec![]);
                }
                Exit::Continue(i) => {
                    let t = self.loops[i].cont.expect("continue target");
                    self.jump(t, vec![]);
                }
            }
        }
        self.dead_block();
    }

    /// Falling out of a `try` body or a `catch` clause: to the `finally` (state 0) or past the statement.
    fn try_fallthrough(&mut self, fin: Option<(Block, &str, &str)>, after: Block) {
        if self.terminated() {
            return;
        }
        match fin {
            Some((entry, state, value)) => {
                let zero = self.int(0);
                let null = self.null();
                self.write_var(state, zero);
                self.write_var(value, null);
                self.jump(entry, vec![]);
            }
            None => self.jump(after, vec![]),
        }
    }

    /// `try`/`catch`/`finally`. Throwing instructions in the body get catch edges to a handler
    /// that tests the catch clauses in order; `finally` is lowered once, entered with a state
    /// (0 fell through, 1 exception, 2+k exit k) and left through a dispatch on that state.
    fn try_stmt(
        &mut self,
        body: &ast::Block,
        catches: &[ast::Catch],
        finally: Option<&ast::Block>,
    ) -> R<()> {
        let outer = self.handler;
        let after = self.new_block();
        let fin = match finally {
            Some(_) => {
                let entry = self.new_block();
                let fh = self.new_block();
                let exn = self.f.dfg.append_block_param(fh, Type::OBJ);
                let (state, value) = (self.temp("fstate"), self.temp("fvalue"));
                self.fins.push(FinCtx {
                    entry,
                    state: state.clone(),
                    value: value.clone(),
                    exits: Vec::new(),
                    outer_handler: outer,
                });
                Some((entry, fh, exn, state, value))
            }
            None => None,
        };
        let fin_ref = fin
            .as_ref()
            .map(|(e, _, _, s, v)| (*e, s.clone(), v.clone()));
        let fin_args = fin_ref
            .as_ref()
            .map(|(e, s, v)| (*e, s.as_str(), v.as_str()));
        let catch_block = if catches.is_empty() {
            None
        } else {
            let h = self.new_block();
            let exn = self.f.dfg.append_block_param(h, Type::OBJ);
            Some((h, exn))
        };
        self.handler = catch_block.map(|c| c.0).or(fin.as_ref().map(|f| f.1));
        self.block(body)?;
        // Exceptions inside catch clauses go to the finally handler, else outward.
        self.handler = fin.as_ref().map(|f| f.1).or(outer);
        self.try_fallthrough(fin_args, after);
        if let Some((h, exn)) = catch_block {
            self.seal(h);
            self.switch_to(h);
            for c in catches {
                self.span = c.span;
                let cname = canonical_name(&c.class.name);
                let ty = match self.g.class(cname) {
                    Some(ci) => Type::object(ci.id, false),
                    None if cname.eq_ignore_ascii_case("Throwable") => Type::OBJ,
                    None => continue,
                };
                let t = self.ins(Opcode::IsType, vec![exn], Imm::Type(ty));
                let (yes, no) = (self.new_block(), self.new_block());
                self.branch(t, yes, no);
                self.seal(yes);
                self.seal(no);
                self.switch_to(yes);
                self.write_var(&c.var.name, exn);
                self.block(&c.body)?;
                self.try_fallthrough(fin_args, after);
                self.switch_to(no);
            }
            self.throw(exn);
        }
        self.handler = outer;
        if let Some((entry, fh, exn, state, value)) = fin {
            self.seal(fh);
            self.switch_to(fh);
            let one = self.int(1);
            self.write_var(&state, one);
            self.write_var(&value, exn);
            self.jump(entry, vec![]);
            let ctx = self.fins.pop().expect("finally context");
            debug_assert_eq!(ctx.outer_handler, outer);
            self.seal(entry);
            self.switch_to(entry);
            // An exception thrown by the finally block while one is in flight (state 1) gets
            // that one at the end of its `getPrevious()` chain, as PHP and HHVM chain them.
            let fh2 = self.new_block();
            let exn2 = self.f.dfg.append_block_param(fh2, Type::OBJ);
            self.handler = Some(fh2);
            self.in_finally += 1;
            let body = self.block(finally.expect("finally block"));
            self.in_finally -= 1;
            body?;
            self.handler = outer;
            let resume = self.cur;
            self.seal(fh2);
            self.switch_to(fh2);
            let st = self.read_var(&state);
            let one = self.int(1);
            let in_flight = self.ins(Opcode::Eq, vec![st, one], Imm::None);
            let (chain, rethrow) = (self.new_block(), self.new_block());
            self.branch(in_flight, chain, rethrow);
            self.seal(chain);
            self.switch_to(chain);
            let pending = self.read_var(&value);
            self.ins(
                Opcode::CallBuiltin,
                vec![exn2, pending],
                Imm::Name("__SystemLib\\chain_previous".into()),
            );
            self.jump(rethrow, vec![]);
            self.seal(rethrow);
            self.switch_to(rethrow);
            self.throw(exn2);
            self.switch_to(resume);
            if !self.terminated() {
                let st = self.read_var(&state);
                let val = self.read_var(&value);
                let codes = 2 + ctx.exits.len();
                for code in 0..codes {
                    let last = code + 1 == codes;
                    let (yes, no) = (self.new_block(), self.new_block());
                    if last {
                        self.jump(yes, vec![]);
                    } else {
                        let c = self.int(code as i64);
                        let t = self.ins(Opcode::Eq, vec![st, c], Imm::None);
                        self.branch(t, yes, no);
                    }
                    self.seal(yes);
                    self.seal(no);
                    self.switch_to(yes);
                    match code {
                        0 => self.jump(after, vec![]),
                        1 => self.throw(val),
                        k => self.leave(ctx.exits[k - 2], val),
                    }
                    self.switch_to(no);
                }
                self.dead_block();
            }
        }
        self.seal(after);
        self.switch_to(after);
        Ok(())
    }

    /// `foreach`: iterates by position over the container value at loop entry (value semantics).
    fn foreach(
        &mut self,
        subject: &Expr,
        key: Option<&Expr>,
        value: &Expr,
        body: &ast::Block,
    ) -> R<()> {
        let c = self.expr(subject)?;
        let it = self.iter_head(c);
        let st = it.step;
        let v = self.ins(Opcode::IterValue, vec![c, it.pos], Imm::None);
        if let Some(k) = key {
            let kv = self.ins(Opcode::IterKey, vec![c, it.pos], Imm::None);
            self.assign_to(k, kv)?;
        }
        self.assign_to(value, v)?;
        self.loop_body(body, it.exit, st)?;
        self.jump(st, vec![]);
        self.seal(st);
        self.switch_to(st);
        self.iter_tail(c, &it);
        Ok(())
    }

    // ---- expressions ------------------------------------------------------------------------

    fn expr(&mut self, e: &Expr) -> R<Value> {
        // (Almost always empty: no hashing on the front end's hot path.)
        if !self.pre.is_empty() {
            if let Some(v) = self.pre.remove(&(e as *const Expr)) {
                return Ok(v);
            }
        }
        let saved = self.span;
        self.span = e.span;
        let r = self.expr_inner(e);
        self.span = saved;
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> R<Value> {
        Ok(match &e.kind {
            ExprKind::Int(i) => self.int(*i),
            ExprKind::Float(x) => self.ins(Opcode::ConstFloat, vec![], Imm::Float(*x)),
            ExprKind::Bool(b) => self.ins(Opcode::ConstBool, vec![], Imm::Bool(*b)),
            ExprKind::Null => self.null(),
            ExprKind::Str(s) => self.str(s),
            ExprKind::Interp(parts) => {
                let mut vals = Vec::new();
                for p in parts {
                    vals.push(match p {
                        ast::StrPart::Lit(s) => self.str(s),
                        ast::StrPart::Expr(e) => self.expr(e)?,
                    });
                }
                self.ins(Opcode::ConcatN, vals, Imm::None)
            }
            ExprKind::Vec(items) => {
                let vals = items.iter().map(|i| self.expr(i)).collect::<R<Vec<_>>>()?;
                self.ins(Opcode::NewVec, vals, Imm::None)
            }
            ExprKind::Keyset(items) => {
                let vals = items.iter().map(|i| self.expr(i)).collect::<R<Vec<_>>>()?;
                self.ins(Opcode::NewKeyset, vals, Imm::None)
            }
            ExprKind::Dict(pairs) => {
                let mut vals = Vec::new();
                for (k, v) in pairs {
                    // (A local key is read as the entry is added, after its value.)
                    let (k, v) = self.lazy_pair(k, v)?;
                    vals.push(k);
                    vals.push(v);
                }
                self.ins(Opcode::NewDict, vals, Imm::None)
            }
            ExprKind::Var(n) => self.read_var(n),
            ExprKind::PipeVar => match self.pipe.last() {
                Some(&v) => v,
                None => return err(e.span, "$$ used outside of a pipe expression"),
            },
            ExprKind::Name(n) => {
                let c = canonical_name(&n.name);
                if let Some(l) = self
                    .g
                    .lits
                    .get(c)
                    .cloned()
                    .or_else(|| super::builtin_const(c))
                {
                    self.lit(&l)
                } else {
                    self.ins(Opcode::GetConst, vec![], Imm::Name(c.into()))
                }
            }
            ExprKind::Unary { op, expr } => {
                if let (UnOp::Neg, Some(l)) = (op, fold_lit(e, self.g)) {
                    return Ok(self.lit(&l));
                }
                let v = self.expr(expr)?;
                let op = match op {
                    UnOp::Neg => Opcode::Neg,
                    UnOp::Plus => Opcode::Plus,
                    UnOp::Not => {
                        let b = self.truthy(v);
                        return Ok(self.ins(Opcode::Not, vec![b], Imm::None));
                    }
                    UnOp::BitNot => Opcode::BitNot,
                };
                self.ins(op, vec![v], Imm::None)
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs)?,
            ExprKind::Assign { op, target, value } => self.assign(*op, target, value)?,
            ExprKind::IncDec { op, target } => {
                let lv = self.lvalue(target)?;
                let old = self.read_lvalue(&lv)?;
                let inc = matches!(op, IncDec::PreInc | IncDec::PostInc);
                let new = self.ins(
                    if inc { Opcode::Incr } else { Opcode::Decr },
                    vec![old],
                    Imm::None,
                );
                self.write_lvalue(&lv, new);
                if matches!(op, IncDec::PreInc | IncDec::PreDec) {
                    new
                } else {
                    old
                }
            }
            ExprKind::Ternary { cond, then, else_ } => {
                let c = self.expr(cond)?;
                let cb = self.truthy(c);
                let (t, f, j) = (self.new_block(), self.new_block(), self.new_block());
                let r = self.f.dfg.append_block_param(j, Type::CELL);
                self.branch(cb, t, f);
                self.seal(t);
                self.seal(f);
                self.switch_to(t);
                let tv = match then {
                    Some(t) => self.expr(t)?,
                    None => c,
                };
                self.jump(j, vec![tv]);
                self.switch_to(f);
                let fv = self.expr(else_)?;
                self.jump(j, vec![fv]);
                self.seal(j);
                self.switch_to(j);
                r
            }
            ExprKind::Pipe { lhs, rhs } => {
                let v = self.expr(lhs)?;
                self.pipe.push(v);
                let r = self.expr(rhs);
                self.pipe.pop();
                r?
            }
            ExprKind::Index { base, index } => {
                let Some(k) = index else {
                    return err(e.span, "cannot use [] for reading");
                };
                self.pre_eval(e)?;
                let b = self.expr(base)?;
                let k = self.expr(k)?;
                self.ins(Opcode::IndexGet, vec![b, k], Imm::None)
            }
            ExprKind::Call { callee, args, .. } => self.call(callee, args, e.span)?,
            ExprKind::Cast { kind, expr } => {
                let v = self.expr(expr)?;
                let op = match kind {
                    CastKind::Int => Opcode::CastInt,
                    CastKind::Float => Opcode::CastFloat,
                    CastKind::String => Opcode::CastStr,
                    CastKind::Bool => Opcode::ToBool,
                };
                self.ins(op, vec![v], Imm::None)
            }
            ExprKind::Is { expr, hint } => {
                no_function_type(hint, "is")?;
                let v = self.expr(expr)?;
                if let Some(t) = self.class_test(v, hint) {
                    return Ok(t);
                }
                let h = lower_hint_scoped(Some(hint), &[], Some(self.g), self.class.as_deref());
                self.ins(Opcode::IsType, vec![v], Imm::Type(h.ty))
            }
            ExprKind::As {
                expr,
                hint,
                nullable,
            } => {
                no_function_type(hint, "as")?;
                let v = self.expr(expr)?;
                let mut h = lower_hint_scoped(Some(hint), &[], Some(self.g), self.class.as_deref());
                let test = self.class_test(v, hint);
                if let (Some(ok), false) = (test, *nullable) {
                    // An enum's non-member, or any value for a class that does not exist:
                    // the failing `as` (a check no value passes) throws.
                    let (t, f) = (self.new_block(), self.new_block());
                    self.branch(ok, t, f);
                    self.seal(f);
                    self.switch_to(f);
                    self.ins(
                        Opcode::VerifyType,
                        vec![v],
                        Imm::Verify(VerifyKind::As, Type::BOTTOM, h.text),
                    );
                    self.jump(t, vec![]);
                    self.seal(t);
                    self.switch_to(t);
                    return Ok(v);
                }
                if *nullable {
                    // `?as`: a value of the wrong type becomes null.
                    let ok = match test {
                        Some(ok) => ok,
                        None => self.ins(Opcode::IsType, vec![v], Imm::Type(h.ty)),
                    };
                    let (t, f, j) = (self.new_block(), self.new_block(), self.new_block());
                    let r = self.f.dfg.append_block_param(j, Type::CELL);
                    self.branch(ok, t, f);
                    self.seal(t);
                    self.seal(f);
                    self.switch_to(t);
                    self.jump(j, vec![v]);
                    self.switch_to(f);
                    let n = self.null();
                    self.jump(j, vec![n]);
                    self.seal(j);
                    self.switch_to(j);
                    return Ok(r);
                }
                h.ty = h.ty.meet(Type::INIT_CELL);
                self.ins(
                    Opcode::VerifyType,
                    vec![v],
                    Imm::Verify(VerifyKind::As, h.ty, h.text),
                )
            }
            ExprKind::Isset(items) => {
                let mut acc: Option<Value> = None;
                for it in items {
                    let c = match &it.kind {
                        ExprKind::Index {
                            base,
                            index: Some(k),
                        } => {
                            let b = self.quiet(base)?;
                            let k = self.expr(k)?;
                            self.ins(Opcode::IndexIsset, vec![b, k], Imm::None)
                        }
                        _ => {
                            let v = self.quiet(it)?;
                            let n = self.ins(
                                Opcode::IsType,
                                vec![v],
                                Imm::Type(Type::NULL.join(Type::UNINIT)),
                            );
                            self.ins(Opcode::Not, vec![n], Imm::None)
                        }
                    };
                    acc = Some(match acc {
                        None => c,
                        Some(a) => self.short_circuit(a, true, |l| Ok(c).map(|c| l.truthy(c)))?,
                    });
                }
                match acc {
                    Some(a) => a,
                    None => self.ins(Opcode::ConstBool, vec![], Imm::Bool(true)),
                }
            }
            ExprKind::Exit(code) => {
                let v = match code {
                    Some(c) => self.expr(c)?,
                    None => self.int(0),
                };
                self.end(Opcode::Exit, vec![v], Imm::None, vec![]);
                self.dead_block();
                self.null()
            }
            ExprKind::Print(x) => {
                let v = self.expr(x)?;
                self.effect(Opcode::Echo, vec![v], Imm::None);
                self.int(1)
            }
            // (A static method's hidden first parameter is its late-static-bound class.)
            ExprKind::This if self.static_scope => {
                self.throw_error("Using $this when not in object context");
                self.null()
            }
            ExprKind::This => match self.this {
                Some(t) => t,
                None => return err(e.span, "$this used outside of an instance method"),
            },
            ExprKind::Prop {
                obj,
                name,
                nullsafe,
            } => {
                let o = self.expr(obj)?;
                let imm = Imm::Name(self.prop_name(&name.name).into());
                if *nullsafe {
                    self.if_not_null(o, |l| Ok(l.ins(Opcode::GetProp, vec![o], imm)))?
                } else {
                    self.ins(Opcode::GetProp, vec![o], imm)
                }
            }
            ExprKind::MethodCall {
                obj,
                name,
                args,
                nullsafe,
            } => {
                let o = self.expr(obj)?;
                if args.iter().any(|a| a.spread) {
                    // `$o->m(...$v)`: `call_user_func_array(vec[$o, 'm'], [...])`, the name as
                    // this site calls it (scoped inside a class).
                    let m = self.method_name(&name.name);
                    let call = move |l: &mut Self| {
                        let n = l.str(m.as_bytes());
                        let callee = l.ins(Opcode::NewVec, vec![o, n], Imm::None);
                        l.call_spread_value(callee, args)
                    };
                    return if *nullsafe {
                        self.if_not_null(o, call)
                    } else {
                        call(self)
                    };
                }
                let vals = self.args(args)?;
                let imm = Imm::Name(self.method_name(&name.name).into());
                let call = move |l: &mut Self| {
                    let mut all = vec![o];
                    all.extend(vals);
                    Ok(l.ins(Opcode::CallMethod, all, imm))
                };
                if *nullsafe {
                    self.if_not_null(o, call)?
                } else {
                    call(self)?
                }
            }
            ExprKind::StaticCall { class, name, args } => {
                self.static_call(class, &name.name, args, e.span)?
            }
            ExprKind::New { class, args } => self.new_obj(class, args, e.span)?,
            ExprKind::ClassConst { class, name } => {
                let c = self.class_name(class, e.span)?;
                if c != "static" {
                    if let Some(l) = self.g.class_const_lit(&c, &name.name) {
                        return Ok(self.lit(&l));
                    }
                }
                self.ins(
                    Opcode::ClassConst,
                    self.static_hidden(class),
                    Imm::Member(c.into(), name.name.as_str().into()),
                )
            }
            ExprKind::ClassName(class) => {
                let c = self.class_name(class, e.span)?;
                if c == "static" {
                    let ops = self.static_hidden(class);
                    return Ok(self.ins(
                        Opcode::ClassConst,
                        ops,
                        Imm::Member("static".into(), "class".into()),
                    ));
                }
                // The class's name as `get_class` gives it: names are kept without the `HH\`
                // that hackc auto-imports (`hh_autoimport.rs`), and the one built-in class of the
                // subset in that namespace is `HH\InvariantException` (the runtime's `ExnClass`).
                if c.eq_ignore_ascii_case("InvariantException") && self.g.class(&c).is_some() {
                    return Ok(self.str(b"HH\\InvariantException"));
                }
                self.str(c.as_bytes())
            }
            ExprKind::StaticProp { class, name } => {
                let c = self.class_name(class, e.span)?;
                self.check_static_visible(&c, &name.name);
                let ops = self.static_hidden(class);
                self.ins(
                    Opcode::GetStatic,
                    ops,
                    Imm::Member(c.into(), name.name.as_str().into()),
                )
            }
            ExprKind::InstanceOf { expr, class } => {
                let v = self.expr(expr)?;
                let c = self.class_name(class, e.span)?;
                if c == "static" {
                    // Against the late-static-bound class, as the method holds it.
                    let mut ops = vec![v];
                    ops.extend(self.static_hidden(class));
                    return Ok(self.ins(
                        Opcode::CallBuiltin,
                        ops,
                        Imm::Name("__SystemLib\\instance_of_static".into()),
                    ));
                }
                let ty = match self.g.class(&c) {
                    Some(ci) => Type::object(ci.id, false),
                    // Lambdas are HHVM's `Closure` objects.
                    None if c.eq_ignore_ascii_case("Closure") => Type::FUNC,
                    None => Type::BOTTOM,
                };
                self.ins(Opcode::IsType, vec![v], Imm::Type(ty))
            }
            ExprKind::Lambda(l) => self.closure(l, e.span)?,
            ExprKind::List(_) => return err(e.span, "list() can only be assigned to"),
        })
    }

    /// `a && b` / `a || b`: evaluates `rhs` only when needed; the result is a bool.
    fn short_circuit(
        &mut self,
        a: Value,
        is_and: bool,
        rhs: impl FnOnce(&mut Self) -> R<Value>,
    ) -> R<Value> {
        let (r, j) = (self.new_block(), self.new_block());
        let res = self.f.dfg.append_block_param(j, Type::BOOL);
        let short = self.ins(Opcode::ConstBool, vec![], Imm::Bool(!is_and));
        let (t, f) = if is_and {
            (
                BlockCall {
                    block: r,
                    args: vec![],
                },
                BlockCall {
                    block: j,
                    args: vec![short],
                },
            )
        } else {
            (
                BlockCall {
                    block: j,
                    args: vec![short],
                },
                BlockCall {
                    block: r,
                    args: vec![],
                },
            )
        };
        self.end(Opcode::Branch, vec![a], Imm::None, vec![t, f]);
        self.seal(r);
        self.switch_to(r);
        let b = rhs(self)?;
        self.jump(j, vec![b]);
        self.seal(j);
        self.switch_to(j);
        Ok(res)
    }

    fn binary(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr) -> R<Value> {
        match op {
            BinOp::And | BinOp::Or => {
                let a = self.cond(lhs)?;
                return self.short_circuit(a, op == BinOp::And, |l| l.cond(rhs));
            }
            BinOp::Coalesce => return self.coalesce(lhs, |l| l.expr(rhs)),
            BinOp::Concat => {
                let mut parts = Vec::new();
                flatten_concat(lhs, &mut parts);
                flatten_concat(rhs, &mut parts);
                let mut vals = Vec::with_capacity(parts.len());
                let (first, second) = self.lazy_pair(parts[0], parts[1])?;
                vals.extend([first, second]);
                for p in &parts[2..] {
                    vals.push(self.expr(p)?);
                }
                let op = if vals.len() == 2 {
                    Opcode::Concat
                } else {
                    Opcode::ConcatN
                };
                return Ok(self.ins(op, vals, Imm::None));
            }
            _ => {}
        }
        let (a, b) = self.lazy_pair(lhs, rhs)?;
        Ok(self.ins(binop(op), vec![a, b], Imm::None))
    }

    /// A path of element and property reads (`$a[k1][k2]`, `$o->p->q[k]`, an assignment's
    /// target) is fetched as HHVM and PHP fetch it: its calls and computed keys are evaluated
    /// first, in order, and its locals are read when the fetches run, after the keys (and, for
    /// a target, after the assigned value): `$a[$i][$i++]` reads `$a[1]` when `$i` was 0.
    /// Evaluates those parts of `e` now into `pre` when that order differs from evaluating it
    /// left to right, that is when the path has both locals and computed parts. True when the
    /// path has locals (so that its fetches go after an assigned value).
    fn pre_eval(&mut self, e: &Expr) -> R<bool> {
        fn parts<'e>(e: &'e Expr, computed: &mut Vec<&'e Expr>, locals: &mut bool) {
            match &e.kind {
                ExprKind::Var(_) => *locals = true,
                ExprKind::This | ExprKind::StaticProp { .. } => {}
                ExprKind::Prop { obj, .. } => parts(obj, computed, locals),
                ExprKind::Index { base, index } => {
                    parts(base, computed, locals);
                    match index.as_deref() {
                        Some(k) if matches!(k.kind, ExprKind::Var(_)) => *locals = true,
                        Some(k) if !is_literal(k) => computed.push(k),
                        _ => {}
                    }
                }
                _ if is_literal(e) => {}
                _ => computed.push(e),
            }
        }
        let (mut computed, mut locals) = (Vec::new(), false);
        parts(e, &mut computed, &mut locals);
        if locals {
            for c in computed {
                if !self.pre.contains_key(&(c as *const Expr)) {
                    let v = self.expr(c)?;
                    self.pre.insert(c as *const Expr, v);
                }
            }
        }
        Ok(locals)
    }

    /// An assignment's target and value, in HHVM's and PHP's order: the target's calls and
    /// computed keys, the value, then the target's locals ([`FnLower::pre_eval`]).
    fn target_and_value(&mut self, target: &Expr, value: &Expr) -> R<(LValue, Value)> {
        if self.pre_eval(target)? {
            let v = self.expr(value)?;
            Ok((self.lvalue(target)?, v))
        } else {
            let lv = self.lvalue(target)?;
            Ok((lv, self.expr(value)?))
        }
    }

    /// The operands of a binary operator (or a dict literal's key and value), in HHVM's and PHP's
    /// order: a local on the left is read when the operator runs, after the right operand
    /// (`$i + ($i = 5)` is 10).
    fn lazy_pair(&mut self, lhs: &Expr, rhs: &Expr) -> R<(Value, Value)> {
        if matches!(lhs.kind, ExprKind::Var(_))
            && !(is_literal(rhs) || matches!(rhs.kind, ExprKind::Var(_)))
        {
            let b = self.expr(rhs)?;
            let a = self.expr(lhs)?;
            Ok((a, b))
        } else {
            let a = self.expr(lhs)?;
            let b = self.expr(rhs)?;
            Ok((a, b))
        }
    }

    /// `lhs ?? rhs`: `rhs` when `lhs` is null or a missing key.
    fn coalesce(&mut self, lhs: &Expr, rhs: impl FnOnce(&mut Self) -> R<Value>) -> R<Value> {
        let v = self.quiet(lhs)?;
        self.coalesce_value(v, rhs)
    }

    /// `v ?? rhs` for a `v` read quietly.
    fn coalesce_value(&mut self, v: Value, rhs: impl FnOnce(&mut Self) -> R<Value>) -> R<Value> {
        let (have, none, j) = (self.new_block(), self.new_block(), self.new_block());
        let res = self.f.dfg.append_block_param(j, Type::CELL);
        let n = self.ins(
            Opcode::IsType,
            vec![v],
            Imm::Type(Type::NULL.join(Type::UNINIT)),
        );
        self.branch(n, none, have);
        self.seal(have);
        self.switch_to(have);
        self.jump(j, vec![v]);
        self.seal(none);
        self.switch_to(none);
        let d = rhs(self)?;
        self.jump(j, vec![d]);
        self.seal(j);
        self.switch_to(j);
        Ok(res)
    }

    /// Evaluate `e` as `??` and `isset` do: a missing key anywhere along an index chain (or a
    /// null base) gives null instead of throwing.
    fn quiet(&mut self, e: &Expr) -> R<Value> {
        match &e.kind {
            ExprKind::Index {
                base,
                index: Some(k),
            } => {
                let b = self.quiet(base)?;
                let k = self.expr(k)?;
                Ok(self.ins(Opcode::IndexGetQuiet, vec![b, k], Imm::None))
            }
            // `$o->p`, `$o?->p`: quiet on a null or non-object `$o` as well.
            ExprKind::Prop { obj, name, .. } => {
                let o = self.quiet(obj)?;
                let imm = Imm::Name(self.prop_name(&name.name).into());
                Ok(self.ins(Opcode::GetPropQuiet, vec![o], imm))
            }
            _ => self.expr(e),
        }
    }

    fn assign(&mut self, op: Option<BinOp>, target: &Expr, value: &Expr) -> R<Value> {
        match op {
            // `list(...) = v()`: see [`FnLower::assign_list`].
            None if matches!(target.kind, ExprKind::List(_)) => {
                self.assign_list(target, |l| l.expr(value))
            }
            // `$d[k()] = v()`: the target's calls and computed keys before the value, its locals
            // after ([`FnLower::target_and_value`]).
            None => {
                let (lv, v) = self.target_and_value(target, value)?;
                self.write_lvalue(&lv, v);
                Ok(v)
            }
            // `$a[k()] ??= v`: the target's parts are evaluated once, and it is written only
            // when it was null or missing.
            Some(BinOp::Coalesce) => {
                let lv = self.lvalue(target)?;
                let old = self.read_lvalue_quiet(&lv)?;
                self.coalesce_value(old, |l| {
                    let d = l.expr(value)?;
                    l.write_lvalue(&lv, d);
                    Ok(d)
                })
            }
            // `$o->p += f()`: the target's parts, then the value, then the target is read (as
            // HHVM's and PHP's set-ops do), so that what `f()` writes to it counts.
            Some(op) => {
                let (lv, b) = self.target_and_value(target, value)?;
                // `$this->out .= $s`: the string moves out of the property or static, so that
                // a unique one grows in place (read, it would be copied every time).
                let old = if op == BinOp::Concat && lv.keys.is_empty() {
                    self.take_for_concat(&lv.root, b, &[])
                } else {
                    self.read_lvalue(&lv)?
                };
                let code = if op == BinOp::Concat {
                    Opcode::ConcatTo
                } else {
                    binop(op)
                };
                let v = self.ins(code, vec![old, b], Imm::None);
                self.write_lvalue(&lv, v);
                Ok(v)
            }
        }
    }

    /// `$c[k1]...[kn] .= x` whose value is not used: one `concat_path` takes the containers on
    /// the path and the string out, so that unique ones grow in place (read and written back,
    /// the string would be shared with its container and copied by every append). A property's
    /// or a static's container is read first (a missing key throws before it moves out), then
    /// moved out as for a `.=` (`array::take_for_write`).
    fn concat_to_element(&mut self, target: &Expr, value: &Expr) -> R<()> {
        let (lv, b) = self.target_and_value(target, value)?;
        if lv.keys.iter().any(Option::is_none) {
            return err(target.span, "cannot use [] for reading");
        }
        let keys: Vec<Value> = lv.keys.iter().flatten().copied().collect();
        let c = match &lv.root {
            LRoot::Var(_) => self.read_root(&lv.root),
            root => {
                self.read_lvalue(&lv)?;
                self.take_for_concat(root, b, &keys)
            }
        };
        let mut ops = vec![c];
        ops.extend(keys);
        ops.push(b);
        let new = self.ins(Opcode::ConcatPath, ops, Imm::None);
        self.store_root(&lv.root, new);
        Ok(())
    }

    /// Store `v` into an assignable expression (nested container writes move the inner
    /// container out, update it and store it back).
    fn assign_to(&mut self, target: &Expr, v: Value) -> R<()> {
        if let ExprKind::List(_) = &target.kind {
            self.assign_list(target, |_| Ok(v))?;
            return Ok(());
        }
        let lv = self.lvalue(target)?;
        self.write_lvalue(&lv, v);
        Ok(())
    }

    /// `list(...) = value` as hackc compiles it (`emit_lval_op_list`): the targets' parts (keys,
    /// objects) are evaluated left to right first, then the value; then the targets are assigned
    /// right to left whatever their nesting, each reading its element of the value by its path
    /// of positions (`list($y, $z) = vec[]` fails on index 1, `list($x, $x) = vec[1, 2]` leaves
    /// `$x` 1). PHP 7+ assigns left to right instead.
    fn assign_list(
        &mut self,
        target: &Expr,
        value: impl FnOnce(&mut Self) -> R<Value>,
    ) -> R<Value> {
        let mut leaves = Vec::new();
        self.list_leaves(target, &mut Vec::new(), &mut leaves)?;
        let v = value(self)?;
        for (path, lv) in leaves.iter().rev() {
            let mut e = v;
            for &i in path {
                let k = self.int(i);
                e = self.ins(Opcode::IndexGet, vec![e, k], Imm::None);
            }
            self.write_lvalue(lv, e);
        }
        Ok(v)
    }

    /// The assignable leaves of a (nested) `list()` in source order, with their paths of positions.
    fn list_leaves(
        &mut self,
        target: &Expr,
        path: &mut Vec<i64>,
        out: &mut Vec<(Vec<i64>, LValue)>,
    ) -> R<()> {
        match &target.kind {
            ExprKind::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(t) = item {
                        path.push(i as i64);
                        self.list_leaves(t, path, out)?;
                        path.pop();
                    }
                }
            }
            _ => out.push((path.clone(), self.lvalue(target)?)),
        }
        Ok(())
    }

    /// Evaluate the parts of an assignable expression once: its root and the keys of the
    /// container path below it (`$a[k1][]` has keys `[Some(k1), None]`).
    fn lvalue(&mut self, target: &Expr) -> R<LValue> {
        let mut keys = Vec::new();
        let mut e = target;
        while let ExprKind::Index { base, index } = &e.kind {
            keys.push(index.as_deref());
            e = base;
        }
        keys.reverse();
        let root = match &e.kind {
            ExprKind::Var(n) => LRoot::Var(n.clone()),
            ExprKind::Prop { obj, name, .. } => {
                LRoot::Prop(self.expr(obj)?, self.prop_name(&name.name))
            }
            ExprKind::StaticProp { class, name } => {
                let c = self.class_name(class, e.span)?;
                self.check_static_visible(&c, &name.name);
                LRoot::Static(c, name.name.clone(), self.static_hidden(class))
            }
            _ => return err(target.span, "this expression cannot be assigned to"),
        };
        let mut kv = Vec::new();
        for k in keys {
            kv.push(match k {
                Some(k) => Some(self.expr(k)?),
                None => None,
            });
        }
        Ok(LValue { root, keys: kv })
    }

    fn read_root(&mut self, root: &LRoot) -> Value {
        match root {
            LRoot::Var(n) => self.read_var(n),
            LRoot::Prop(o, n) => self.ins(Opcode::GetProp, vec![*o], Imm::Name(n.as_str().into())),
            LRoot::Static(c, n, h) => self.ins(
                Opcode::GetStatic,
                h.clone(),
                Imm::Member(c.as_str().into(), n.as_str().into()),
            ),
        }
    }

    /// The current value of an lvalue (for compound assignment and `++`).
    /// The current value of an lvalue read as `??` reads: null where a property or key is
    /// missing.
    fn read_lvalue_quiet(&mut self, lv: &LValue) -> R<Value> {
        let mut c = match &lv.root {
            LRoot::Prop(o, n) => {
                self.ins(Opcode::GetPropQuiet, vec![*o], Imm::Name(n.as_str().into()))
            }
            root => self.read_root(root),
        };
        for k in &lv.keys {
            let Some(k) = k else {
                return err(self.span, "cannot use [] for reading");
            };
            c = self.ins(Opcode::IndexGetQuiet, vec![c, *k], Imm::None);
        }
        Ok(c)
    }

    fn read_lvalue(&mut self, lv: &LValue) -> R<Value> {
        let mut c = self.read_root(&lv.root);
        for k in &lv.keys {
            let Some(k) = k else {
                return err(self.span, "cannot use [] for reading");
            };
            c = self.ins(Opcode::IndexGet, vec![c, *k], Imm::None);
        }
        Ok(c)
    }

    /// The value of an lvalue's root for an update in place: a property's or a static's moves
    /// out (`take_prop`, `take_static`, which check `write`, the update's value and keys,
    /// first); a local's is read.
    fn take_root(&mut self, root: &LRoot, write: Vec<Value>) -> Value {
        match root {
            LRoot::Prop(o, n) => {
                let mut ops = vec![*o];
                ops.extend(write);
                self.ins(Opcode::TakeProp, ops, Imm::Name(n.as_str().into()))
            }
            LRoot::Static(c, n, h) => {
                let mut ops = h.clone();
                ops.extend(write);
                self.ins(
                    Opcode::TakeStatic,
                    ops,
                    Imm::Member(c.as_str().into(), n.as_str().into()),
                )
            }
            LRoot::Var(_) => self.read_root(root),
        }
    }

    /// [`FnLower::take_root`] for `root[keys...] .= b`: the write a take checks is uninit (the
    /// mark of a `.=`), then `b` and the keys (`array::take_for_write`).
    fn take_for_concat(&mut self, root: &LRoot, b: Value, keys: &[Value]) -> Value {
        if let LRoot::Var(_) = root {
            return self.read_root(root);
        }
        let mut write = vec![self.ins(Opcode::ConstUninit, vec![], Imm::None), b];
        write.extend(keys);
        self.take_root(root, write)
    }

    /// Store `v` through an lvalue: nested containers are read, updated and stored back.
    fn write_lvalue(&mut self, lv: &LValue, v: Value) {
        let mut new = v;
        if !lv.keys.is_empty() {
            let append = lv.keys.last().is_some_and(|k| k.is_none());
            let keys: Vec<Value> = lv.keys.iter().flatten().copied().collect();
            // A property's or a static's container moves out (so it stays unique and is updated
            // in place) once the write is known to succeed: the take checks it.
            let mut write = vec![v];
            if matches!(lv.root, LRoot::Prop(..) | LRoot::Static(..)) {
                write.extend(&keys);
                if append {
                    write.push(self.ins(Opcode::ConstUninit, vec![], Imm::None));
                }
            }
            let c = self.take_root(&lv.root, write);
            new = match (keys.len(), append) {
                (0, _) => self.ins(Opcode::Append, vec![c, v], Imm::None),
                (1, false) => self.ins(Opcode::IndexSet, vec![c, keys[0], v], Imm::None),
                _ => {
                    // A nested write: one instruction takes each inner container out, updates
                    // it and puts it back.
                    let mut ops = vec![c];
                    ops.extend(keys);
                    ops.push(v);
                    self.ins(Opcode::SetPath, ops, Imm::Int(i64::from(append)))
                }
            };
        }
        self.store_root(&lv.root, new);
    }

    /// Store `new` into an lvalue's root (a local, a property or a static).
    fn store_root(&mut self, root: &LRoot, new: Value) {
        match root {
            LRoot::Var(n) => self.write_var(n, new),
            LRoot::Prop(o, n) => {
                self.effect(Opcode::SetProp, vec![*o, new], Imm::Name(n.as_str().into()))
            }
            LRoot::Static(c, n, h) => {
                let mut ops = vec![new];
                ops.extend(h.iter().copied());
                self.effect(
                    Opcode::SetStatic,
                    ops,
                    Imm::Member(c.as_str().into(), n.as_str().into()),
                )
            }
        }
    }

    /// A call of callable `f` with spread arguments: `call_user_func_array(f, [...])`.
    fn call_spread_value(&mut self, f: Value, args: &[ast::Arg]) -> R<Value> {
        let mut parts = self.spread_args(args)?;
        let rest = parts.pop().expect("spread_args ends with the rest vec");
        let fixed = self.ins(Opcode::NewVec, parts, Imm::None);
        let all = self.ins(
            Opcode::CallBuiltin,
            vec![fixed, rest],
            Imm::Name("Vec\\concat".into()),
        );
        Ok(self.ins(
            Opcode::CallBuiltin,
            vec![f, all],
            Imm::Name("call_user_func_array".into()),
        ))
    }

    /// Evaluate call arguments (without spread).
    fn args(&mut self, args: &[ast::Arg]) -> R<Vec<Value>> {
        if let Some(a) = args.iter().find(|a| a.spread) {
            return err(
                a.value.span,
                "spread arguments are only supported in calls of named functions",
            );
        }
        args.iter().map(|a| self.expr(&a.value)).collect()
    }

    /// `f(v)` when `v` is not null, else null (`?->`); `f` runs in its own block.
    fn if_not_null(&mut self, v: Value, f: impl FnOnce(&mut Self) -> R<Value>) -> R<Value> {
        let isnull = self.ins(
            Opcode::IsType,
            vec![v],
            Imm::Type(Type::NULL.join(Type::UNINIT)),
        );
        let (yes, no, j) = (self.new_block(), self.new_block(), self.new_block());
        let r = self.f.dfg.append_block_param(j, Type::CELL);
        self.branch(isnull, no, yes);
        self.seal(yes);
        self.seal(no);
        self.switch_to(yes);
        let x = f(self)?;
        self.jump(j, vec![x]);
        self.switch_to(no);
        let n = self.null();
        self.jump(j, vec![n]);
        self.seal(j);
        self.switch_to(j);
        Ok(r)
    }

    /// The class a `ClassRef` names: `self` and `parent` resolve now; `static` stays `"static"`.
    fn class_name(&mut self, c: &ast::ClassRef, span: Span) -> R<String> {
        match c {
            ast::ClassRef::Named(n) => Ok(canonical_name(&n.name).to_string()),
            ast::ClassRef::Self_ => match &self.class {
                Some(c) => Ok(c.clone()),
                None => err(span, "self:: used outside of a class"),
            },
            ast::ClassRef::Parent => match self
                .class
                .as_deref()
                .and_then(|c| self.g.class(c))
                .and_then(|c| c.parent.clone())
            {
                Some(p) => Ok(p),
                None => err(span, "parent:: used in a class without a parent"),
            },
            ast::ClassRef::Static => {
                if self.this.is_none() {
                    return err(span, "static:: used outside of a method");
                }
                Ok("static".to_string())
            }
        }
    }

    /// Operands of a class-member instruction: `static::` reads the late-static-bound class from
    /// the method's hidden first parameter.
    fn static_hidden(&self, c: &ast::ClassRef) -> Vec<Value> {
        match (c, self.this) {
            (ast::ClassRef::Static, Some(t)) => vec![t],
            _ => vec![],
        }
    }

    /// Where a member that class `decl` declares with visibility `vis` is visible from: the
    /// code here (its class scope, none outside classes) when public, inside `decl` when
    /// private, inside a class related to `root` (the member's first declaration) when
    /// protected. `None` when visible, else the scope's words for a message.
    fn hidden_from(&self, decl: &str, vis: ast::Visibility, root: &str) -> Option<String> {
        let scope = self.class.as_deref().and_then(|k| self.g.class(k));
        let visible = match (vis, scope) {
            (ast::Visibility::Public, _) => true,
            (_, None) => false,
            (ast::Visibility::Private, Some(k)) => k.name.eq_ignore_ascii_case(decl),
            (ast::Visibility::Protected, Some(k)) => {
                self.g.is_a(&k.name, root) || self.g.is_a(root, &k.name)
            }
        };
        match (visible, scope) {
            (true, _) => None,
            (false, Some(k)) => Some(format!("scope {}", k.name)),
            (false, None) => Some("global scope".to_string()),
        }
    }

    /// Throw `Error(message)` here (the rest of the expression is unreachable).
    fn throw_error(&mut self, message: &str) {
        self.throw_new("Error", |l| l.str(message.as_bytes()));
        self.dead_block();
    }

    /// Throw a new `class` (a prelude exception class) made with the message `message` emits.
    fn throw_new(&mut self, class: &str, message: impl FnOnce(&mut Self) -> Value) {
        let o = self.ins(Opcode::NewObj, vec![], Imm::Class(class.into()));
        if let Some((ctor, _)) = self.g.find_method(class, "__construct") {
            let m = message(self);
            self.ins(Opcode::Call, vec![o, m], Imm::Func(ctor));
        }
        self.throw(o);
    }

    /// A call the front end resolved (`C::m()`, `parent::m()`, `new C`) to method `name` of
    /// class `cname`: an `Error` thrown here when the method is not visible from here.
    fn check_method_visible(&mut self, cname: &str, name: &str) {
        let key = name.to_ascii_lowercase();
        let Some((decl, vis, root)) = self
            .g
            .member_decl(cname, |c| c.method_vis.get(&key).map(|v| v.0))
        else {
            return;
        };
        if let Some(from) = self.hidden_from(&decl.name, vis, root) {
            let vis = vis.keyword();
            let declared = decl.method_vis.get(&key).map_or(name, |v| v.1.as_str());
            // PHP's words (a constructor is not called a method).
            let what = if key == "__construct" { "" } else { " method" };
            let msg = format!(
                "Call to {vis}{what} {}::{declared}() from {from}",
                decl.name
            );
            self.throw_error(&msg);
        }
    }

    /// An access to static property `name` of class `cname` (not `static::`): an `Error`
    /// thrown here when it is not visible from here.
    fn check_static_visible(&mut self, cname: &str, name: &str) {
        if cname == "static" {
            return;
        }
        let Some((decl, vis, root)) = self
            .g
            .member_decl(cname, |c| c.static_vis.get(name).copied())
        else {
            return;
        };
        if self.hidden_from(&decl.name, vis, root).is_some() {
            let vis = vis.keyword();
            let msg = format!("Cannot access {vis} property {}::${name}", decl.name);
            self.throw_error(&msg);
        }
    }

    /// `v is T` for the hints a type test cannot answer: an enum (`v` is one of its values,
    /// compared as array keys: `"1"` is an int enum's `1`, as HHVM's enums answer) and a class
    /// that does not exist (nothing is one); `?T` lets null pass too. `None` for other hints.
    fn class_test(&mut self, v: Value, hint: &ast::Hint) -> Option<Value> {
        let (inner, nullable) = match &hint.kind {
            ast::HintKind::Nullable(h) => (&**h, true),
            _ => (hint, false),
        };
        let ast::HintKind::Named { name, .. } = &inner.kind else {
            return None;
        };
        let n = canonical_name(&name.name);
        if super::container_hint(n).is_some() {
            return None;
        }
        let g = self.g;
        let member = match g.class(super::scoped_class(g, n, self.class.as_deref())) {
            Some(c) if c.is_enum => {
                let values = self.int(c.id.index() as i64);
                let values = self.ins(
                    Opcode::CallStatic,
                    vec![values],
                    Imm::Member(c.name.as_str().into(), "getValues".into()),
                );
                self.ins(
                    Opcode::CallBuiltin,
                    vec![values, v],
                    Imm::Name("__SystemLib\\enum_member".into()),
                )
            }
            Some(_) => return None,
            None => self.ins(Opcode::ConstBool, vec![], Imm::Bool(false)),
        };
        if !nullable {
            return Some(member);
        }
        let null = self.ins(Opcode::IsType, vec![v], Imm::Type(Type::NULL));
        self.short_circuit(null, false, |_| Ok(member)).ok()
    }

    /// `C::m(...)`, `self::m(...)`, `parent::m(...)`, `static::m(...)`.
    fn static_call(
        &mut self,
        class: &ast::ClassRef,
        name: &str,
        args: &[ast::Arg],
        span: Span,
    ) -> R<Value> {
        let cname = self.class_name(class, span)?;
        let found = if cname == "static" {
            None
        } else {
            self.g.find_method(&cname, name)
        };
        // (PHP looks the method up before it evaluates the arguments.)
        if found.is_some() {
            self.check_method_visible(&cname, name);
        }
        // An instance method needs a `$this` of its class: `A::m()` and `parent::m()` from an
        // instance method of `A` or a subclass pass theirs on; anywhere else it is an Error.
        if let Some((_, false)) = found {
            let scope = self.class.as_deref();
            let instance = self.this.is_some() && !self.static_scope;
            if !instance || !scope.is_some_and(|k| self.g.is_a(k, &cname)) {
                let key = name.to_ascii_lowercase();
                let (cls, declared) = self
                    .g
                    .member_decl(&cname, |c| c.method_vis.get(&key).map(|v| v.0))
                    .map_or((cname.clone(), name.to_string()), |(d, _, _)| {
                        let declared = d.method_vis.get(&key).map_or(name, |v| v.1.as_str());
                        (d.name.clone(), declared.to_string())
                    });
                self.throw_error(&format!(
                    "Non-static method {cls}::{declared}() cannot be called statically"
                ));
            }
        }
        let spread = args.iter().any(|a| a.spread) && found.is_some();
        let vals = if spread {
            self.spread_args(args)?
        } else {
            self.args(args)?
        };
        let forwarding = !matches!(class, ast::ClassRef::Named(_));
        let hidden = match (found, self.this) {
            (Some((_, false)), Some(t)) => t,
            (Some((_, true)), Some(t)) if forwarding => t,
            _ => match self.g.class(&cname) {
                Some(ci) => self.int(ci.id.index() as i64),
                None if cname == "static" => self.this.expect("static:: inside a method"),
                None => self.int(-1),
            },
        };
        let mut all = vec![hidden];
        all.extend(vals);
        Ok(match found {
            Some((fid, _)) if spread => self.ins(Opcode::CallSpread, all, Imm::Func(fid)),
            Some((fid, _)) => self.ins(Opcode::Call, all, Imm::Func(fid)),
            None => self.ins(
                Opcode::CallStatic,
                all,
                Imm::Member(cname.into(), name.into()),
            ),
        })
    }

    /// `new C(...)`: allocate, then run the constructor (found now when the class is named).
    fn new_obj(&mut self, class: &ast::ClassRef, args: &[ast::Arg], span: Span) -> R<Value> {
        let cname = self.class_name(class, span)?;
        if cname != "static" && self.g.find_method(&cname, "__construct").is_some() {
            self.check_method_visible(&cname, "__construct");
        }
        let ops = self.static_hidden(class);
        let o = self.ins(Opcode::NewObj, ops, Imm::Class(cname.as_str().into()));
        let spread = args.iter().any(|a| a.spread);
        let vals = if spread { Vec::new() } else { self.args(args)? };
        match (cname.as_str(), self.g.find_method(&cname, "__construct")) {
            ("static", _) => {
                let mut all = vec![o];
                all.extend(vals);
                self.ins(Opcode::CallMethod, all, Imm::Name("__construct".into()));
            }
            (_, Some((fid, _))) => {
                if spread {
                    let mut all = vec![o];
                    all.extend(self.spread_args(args)?);
                    self.ins(Opcode::CallSpread, all, Imm::Func(fid));
                } else {
                    let mut all = vec![o];
                    all.extend(vals);
                    self.ins(Opcode::Call, all, Imm::Func(fid));
                }
            }
            (_, None) => {
                if !args.is_empty() && self.g.class(&cname).is_some() {
                    return err(
                        span,
                        format!("{cname} has no constructor but is given arguments"),
                    );
                }
            }
        }
        Ok(o)
    }

    /// Arguments of a call with a spread: the fixed ones, then one vec of the rest.
    fn spread_args(&mut self, args: &[ast::Arg]) -> R<Vec<Value>> {
        let mut fixed = Vec::new();
        let mut rest: Option<Value> = None;
        for a in args {
            let v = self.expr(&a.value)?;
            match (a.spread, rest) {
                (true, None) => {
                    rest = Some(self.ins(
                        Opcode::CallBuiltin,
                        vec![v],
                        Imm::Name("array_values".into()),
                    ))
                }
                (true, Some(r)) => {
                    let vals = self.ins(
                        Opcode::CallBuiltin,
                        vec![v],
                        Imm::Name("array_values".into()),
                    );
                    rest = Some(self.ins(
                        Opcode::CallBuiltin,
                        vec![r, vals],
                        Imm::Name("Vec\\concat".into()),
                    ));
                }
                (false, None) => fixed.push(v),
                (false, Some(r)) => {
                    let one = self.ins(Opcode::NewVec, vec![v], Imm::None);
                    rest = Some(self.ins(
                        Opcode::CallBuiltin,
                        vec![r, one],
                        Imm::Name("Vec\\concat".into()),
                    ));
                }
            }
        }
        let r = match rest {
            Some(r) => r,
            None => self.ins(Opcode::NewVec, vec![], Imm::None),
        };
        fixed.push(r);
        Ok(fixed)
    }

    /// A lambda or `function() use (...)`: a closure function whose hidden parameters are the
    /// captured variables (by value, at creation) and `$this` when the body uses it.
    fn closure(&mut self, lam: &ast::Lambda, span: Span) -> R<Value> {
        let n = self.closure_count.get() + 1;
        self.closure_count.set(n);
        let name = format!("{}#closure{n}", self.f.name);
        let params: Vec<String> = lam.params.iter().map(|p| p.name.name.clone()).collect();
        let mut used = super::free::Names::default();
        let mut uses_this = false;
        match &lam.body {
            ast::LambdaBody::Expr(e) => super::free::expr(e, &mut used, &mut uses_this),
            ast::LambdaBody::Block(b) => super::free::block(b, &mut used, &mut uses_this),
        }
        let captured: Vec<String> = match &lam.uses {
            Some(u) => u.iter().map(|n| n.name.clone()).collect(),
            None => used
                .into_list()
                .into_iter()
                .filter(|v| {
                    !params.contains(v) && (self.vars.contains_key(v) || self.locals.contains(v))
                })
                .collect(),
        };
        let mut hidden = Vec::new();
        let mut vals = Vec::new();
        if let (true, Some(this)) = (uses_this, self.this) {
            hidden.push("this".to_string());
            vals.push(this);
        }
        for c in &captured {
            hidden.push(c.clone());
            vals.push(self.read_var(c));
        }
        let cls = self.class.as_deref();
        let ps = params_of(self.g, &lam.params, &self.tparams, cls);
        let ret = lower_hint_scoped(lam.ret.as_ref(), &self.tparams, Some(self.g), cls);
        let mut f = Function::new(&name, ps, ret);
        f.span = span;
        f.attrs.captures = hidden.len() as u32;
        let mut l = FnLower::new(self.g, f, span, self.class.clone());
        l.static_scope = self.static_scope;
        l.closure_count = self.closure_count.clone();
        l.tparams = self.tparams.clone();
        l.locals = match &lam.body {
            ast::LambdaBody::Expr(e) => {
                let mut used = super::free::Names::default();
                super::free::expr(e, &mut used, &mut false);
                used.into_set()
            }
            ast::LambdaBody::Block(b) => body_locals(b),
        };
        l.prologue(&lam.params, &hidden)?;
        match &lam.body {
            ast::LambdaBody::Expr(e) => {
                let v = l.expr(e)?;
                l.leave(Exit::Return, v);
            }
            ast::LambdaBody::Block(b) => l.block(b)?,
        }
        let fid = self.g.add_closure(l.finish()?);
        Ok(self.ins(Opcode::MakeClosure, vals, Imm::Func(fid)))
    }

    fn call(&mut self, callee: &Expr, args: &[ast::Arg], span: Span) -> R<Value> {
        let ExprKind::Name(n) = &callee.kind else {
            let f = self.expr(callee)?;
            if args.iter().any(|a| a.spread) {
                return self.call_spread_value(f, args);
            }
            let mut all = vec![f];
            all.extend(self.args(args)?);
            return Ok(self.ins(Opcode::CallValue, all, Imm::None));
        };
        let name = canonical_name(&n.name);
        if args.iter().any(|a| a.spread) {
            return match self.g.funcs.get(&name.to_ascii_lowercase()) {
                Some(&id) => {
                    let all = self.spread_args(args)?;
                    Ok(self.ins(Opcode::CallSpread, all, Imm::Func(id)))
                }
                None => {
                    let f = self.str(name.as_bytes());
                    self.call_spread_value(f, args)
                }
            };
        }
        match name {
            "invariant" => {
                let Some((c, rest)) = args.split_first() else {
                    return err(span, "invariant() expects at least 2 arguments");
                };
                let cv = self.cond(&c.value)?;
                let (fail, ok) = (self.new_block(), self.new_block());
                self.branch(cv, ok, fail);
                self.seal(fail);
                self.switch_to(fail);
                let vals = rest
                    .iter()
                    .map(|a| self.expr(&a.value))
                    .collect::<R<Vec<_>>>()?;
                self.ins(
                    Opcode::CallBuiltin,
                    vals,
                    Imm::Name("invariant_violation".into()),
                );
                self.end(Opcode::Unreachable, vec![], Imm::None, vec![]);
                self.seal(ok);
                self.switch_to(ok);
                return Ok(self.null());
            }
            "__hhvm_intrinsics\\launder_value" => {
                let Some(a) = args.first() else {
                    return err(span, "launder_value() expects 1 argument");
                };
                let v = self.expr(&a.value)?;
                return Ok(self.ins(Opcode::Launder, vec![v], Imm::None));
            }
            _ => {}
        }
        let vals = args
            .iter()
            .map(|a| self.expr(&a.value))
            .collect::<R<Vec<_>>>()?;
        match self.g.funcs.get(&name.to_ascii_lowercase()) {
            Some(&id) => Ok(self.call_func(id, vals)),
            None => Ok(self.ins(Opcode::CallBuiltin, vals, Imm::Name(name.into()))),
        }
    }

    fn call_func(&mut self, id: FuncId, args: Vec<Value>) -> Value {
        self.ins(Opcode::Call, args, Imm::Func(id))
    }
}

/// The root of an assignable expression.
enum LRoot {
    Var(String),
    Prop(Value, String),
    Static(String, String, Vec<Value>),
}

/// An assignable expression with its parts evaluated.
struct LValue {
    root: LRoot,
    keys: Vec<Option<Value>>,
}

/// A literal: its evaluation has no effect and reads nothing.
fn is_literal(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::Null
    )
}

fn flatten_concat<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match &e.kind {
        ExprKind::Binary {
            op: BinOp::Concat,
            lhs,
            rhs,
        } => {
            flatten_concat(lhs, out);
            flatten_concat(rhs, out);
        }
        _ => out.push(e),
    }
}

fn binop(op: BinOp) -> Opcode {
    match op {
        BinOp::Add => Opcode::Add,
        BinOp::Sub => Opcode::Sub,
        BinOp::Mul => Opcode::Mul,
        BinOp::Div => Opcode::Div,
        BinOp::Mod => Opcode::Mod,
        BinOp::Pow => Opcode::Pow,
        BinOp::Concat => Opcode::Concat,
        BinOp::Shl => Opcode::Shl,
        BinOp::Shr => Opcode::Shr,
        BinOp::BitAnd => Opcode::BitAnd,
        BinOp::BitOr => Opcode::BitOr,
        BinOp::BitXor => Opcode::BitXor,
        BinOp::Eq => Opcode::Eq,
        BinOp::NotEq => Opcode::Neq,
        BinOp::Identical => Opcode::Same,
        BinOp::NotIdentical => Opcode::NSame,
        BinOp::Lt => Opcode::Lt,
        BinOp::Le => Opcode::Le,
        BinOp::Gt => Opcode::Gt,
        BinOp::Ge => Opcode::Ge,
        BinOp::Cmp => Opcode::Cmp,
        BinOp::And | BinOp::Or | BinOp::Coalesce => {
            unreachable!("short-circuit operators are lowered separately")
        }
    }
}

//! Lowering of one function body: statements, expressions, control flow and parameter set-up.

use super::ssa::{Ssa, Var};
use super::{canonical_name, err, fold_lit, lower_hint, Globals, Lit, LowerError};
use crate::ast::{self, BinOp, CastKind, Expr, ExprKind, IncDec, Stmt, StmtKind, UnOp};
use jsvm_ir::{
    Block, BlockCall, FuncId, Function, FunctionBuilder, Imm, Inst, Opcode, Param, Span, Type,
    TypeHint, Value, ValueDef, VerifyKind,
};
use std::collections::HashMap;

type R<T> = Result<T, LowerError>;

struct LoopCtx {
    brk: Block,
    cont: Option<Block>,
}

pub(crate) struct FnLower<'g> {
    g: &'g Globals,
    f: Function,
    cur: Block,
    span: Span,
    ssa: Ssa,
    vars: HashMap<String, Var>,
    loops: Vec<LoopCtx>,
    pipe: Vec<Value>,
}

/// Lower a top-level function declaration.
pub(crate) fn lower_function(g: &Globals, d: &ast::FunDecl) -> R<Function> {
    let tparams: Vec<String> = d.tparams.iter().map(|t| t.name.name.clone()).collect();
    let params = d
        .params
        .iter()
        .map(|p| Param {
            name: p.name.name.as_str().into(),
            hint: lower_hint(p.hint.as_ref(), &tparams),
            has_default: p.default.is_some(),
            variadic: p.variadic,
        })
        .collect();
    let ret = lower_hint(d.ret.as_ref(), &tparams);
    let mut f = Function::new(canonical_name(&d.name.name), params, ret);
    f.span = d.span;
    f.attrs.entry_point = d.attrs.iter().any(|a| a.name.name == "__EntryPoint");
    f.attrs.memoize = d.attrs.iter().any(|a| a.name.name == "__Memoize");
    let mut l = FnLower::new(g, f, d.span);
    l.prologue(&d.params)?;
    l.block(&d.body)?;
    l.finish()
}

/// Lower the initializer of a top-level constant into a function of no arguments.
pub(crate) fn lower_const_init(
    g: &Globals,
    name: &str,
    value: &Expr,
    hint: &TypeHint,
) -> R<Function> {
    let f = Function::new(&format!("{name}$init"), vec![], hint.clone());
    let mut l = FnLower::new(g, f, value.span);
    l.seal_entry();
    let v = l.expr(value)?;
    l.ret(v);
    l.finish()
}

impl<'g> FnLower<'g> {
    fn new(g: &'g Globals, mut f: Function, span: Span) -> Self {
        let entry = FunctionBuilder::new(&mut f).create_block();
        FnLower {
            g,
            f,
            cur: entry,
            span,
            ssa: Ssa::default(),
            vars: HashMap::new(),
            loops: Vec::new(),
            pipe: Vec::new(),
        }
    }

    fn seal_entry(&mut self) {
        let e = self.f.entry();
        self.ssa.seal(&mut self.f, e);
    }

    fn finish(mut self) -> R<Function> {
        if !self.terminated() {
            let v = self.null();
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

    fn ins(&mut self, op: Opcode, args: Vec<Value>, imm: Imm) -> Value {
        self.builder().ins(op, args, imm)
    }

    fn effect(&mut self, op: Opcode, args: Vec<Value>, imm: Imm) {
        self.builder().effect(op, args, imm)
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

    fn read_var(&mut self, name: &str) -> Value {
        let v = self.var(name);
        self.ssa.read(&mut self.f, self.cur, v)
    }

    fn write_var(&mut self, name: &str, val: Value) {
        let v = self.var(name);
        self.ssa.write(self.cur, v, val);
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

    fn prologue(&mut self, params: &[ast::Param]) -> R<()> {
        let entry = self.cur;
        let vals: Vec<Value> = params
            .iter()
            .map(|_| self.f.dfg.append_block_param(entry, Type::CELL))
            .collect();
        self.seal(entry);
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
                let c = self.cond(cond)?;
                let (t, e, j) = (self.new_block(), self.new_block(), self.new_block());
                self.branch(c, t, e);
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
                let c = self.cond(cond)?;
                self.branch(c, b, x);
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
                let cv = self.cond(cond)?;
                self.branch(cv, b, x);
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
                let mut c = None;
                for e in cond {
                    c = Some(self.expr(e)?);
                }
                match c {
                    Some(c) => {
                        let c = self.truthy(c);
                        self.branch(c, b, x);
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
                let target =
                    self.loops
                        .iter()
                        .rev()
                        .find_map(|l| if is_break { Some(l.brk) } else { l.cont });
                let Some(t) = target else {
                    let what = if is_break { "break" } else { "continue" };
                    return err(
                        s.span,
                        format!("'{what}' not in the 'loop' or 'switch' context"),
                    );
                };
                self.jump(t, vec![]);
                self.dead_block();
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.expr(e)?,
                    None => self.null(),
                };
                let v = self.verify_return(v);
                self.ret(v);
                self.dead_block();
            }
            StmtKind::Switch { subject, cases } => self.switch(subject, cases)?,
            StmtKind::Throw(e) => {
                let v = self.expr(e)?;
                self.end(Opcode::Throw, vec![v], Imm::None, vec![]);
                self.dead_block();
            }
            StmtKind::Unset(targets) => {
                for t in targets {
                    match &t.kind {
                        ExprKind::Var(n) => {
                            let v = self.null();
                            self.write_var(n, v);
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
            StmtKind::Foreach { .. } => return err(s.span, "foreach is not supported yet"),
            StmtKind::Try { .. } => return err(s.span, "try/catch is not supported yet"),
        }
        Ok(())
    }

    fn loop_body(&mut self, body: &ast::Block, brk: Block, cont: Block) -> R<()> {
        self.loops.push(LoopCtx {
            brk,
            cont: Some(cont),
        });
        let r = self.block(body);
        self.loops.pop();
        r
    }

    fn verify_return(&mut self, v: Value) -> Value {
        let ret = self.f.ret.clone();
        if ret.enforced {
            self.ins(
                Opcode::VerifyType,
                vec![v],
                Imm::Verify(VerifyKind::Return, ret.ty, ret.text),
            )
        } else {
            v
        }
    }

    fn switch(&mut self, subject: &Expr, cases: &[ast::SwitchCase]) -> R<()> {
        let s = self.expr(subject)?;
        let bodies: Vec<Block> = cases.iter().map(|_| self.new_block()).collect();
        let exit = self.new_block();
        let mut default = None;
        for (i, c) in cases.iter().enumerate() {
            match &c.label {
                None => default = Some(bodies[i]),
                Some(l) => {
                    self.span = c.span;
                    let lv = self.expr(l)?;
                    let eq = self.ins(Opcode::Eq, vec![s, lv], Imm::None);
                    let next = self.new_block();
                    self.branch(eq, bodies[i], next);
                    self.seal(next);
                    self.switch_to(next);
                }
            }
        }
        self.jump(default.unwrap_or(exit), vec![]);
        let cont = self.loops.iter().rev().find_map(|l| l.cont);
        self.loops.push(LoopCtx { brk: exit, cont });
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

    // ---- expressions ------------------------------------------------------------------------

    fn expr(&mut self, e: &Expr) -> R<Value> {
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
                    vals.push(self.expr(k)?);
                    vals.push(self.expr(v)?);
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
                let old = self.expr(target)?;
                let one = self.int(1);
                let inc = matches!(op, IncDec::PreInc | IncDec::PostInc);
                let new = self.ins(
                    if inc { Opcode::Add } else { Opcode::Sub },
                    vec![old, one],
                    Imm::None,
                );
                self.assign_to(target, new)?;
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
                let v = self.expr(expr)?;
                let h = lower_hint(Some(hint), &[]);
                self.ins(Opcode::IsType, vec![v], Imm::Type(h.ty))
            }
            ExprKind::As {
                expr,
                hint,
                nullable,
            } => {
                let v = self.expr(expr)?;
                let mut h = lower_hint(Some(hint), &[]);
                if *nullable {
                    // `?as`: a value of the wrong type becomes null.
                    let ok = self.ins(Opcode::IsType, vec![v], Imm::Type(h.ty));
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
                            let b = self.expr(base)?;
                            let k = self.expr(k)?;
                            self.ins(Opcode::IndexIsset, vec![b, k], Imm::None)
                        }
                        _ => {
                            let v = self.expr(it)?;
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
            _ => return err(e.span, "this expression is not supported yet"),
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
                let vals = parts
                    .into_iter()
                    .map(|p| self.expr(p))
                    .collect::<R<Vec<_>>>()?;
                let op = if vals.len() == 2 {
                    Opcode::Concat
                } else {
                    Opcode::ConcatN
                };
                return Ok(self.ins(op, vals, Imm::None));
            }
            _ => {}
        }
        let a = self.expr(lhs)?;
        let b = self.expr(rhs)?;
        Ok(self.ins(binop(op), vec![a, b], Imm::None))
    }

    /// `lhs ?? rhs`: `rhs` when `lhs` is null or a missing key.
    fn coalesce(&mut self, lhs: &Expr, rhs: impl FnOnce(&mut Self) -> R<Value>) -> R<Value> {
        let (have, none, j) = (self.new_block(), self.new_block(), self.new_block());
        let res = self.f.dfg.append_block_param(j, Type::CELL);
        let v = match &lhs.kind {
            ExprKind::Index {
                base,
                index: Some(k),
            } => {
                let b = self.expr(base)?;
                let k = self.expr(k)?;
                let c = self.ins(Opcode::IndexIsset, vec![b, k], Imm::None);
                self.branch(c, have, none);
                self.seal(have);
                self.switch_to(have);
                self.ins(Opcode::IndexGet, vec![b, k], Imm::None)
            }
            _ => {
                let v = self.expr(lhs)?;
                let n = self.ins(
                    Opcode::IsType,
                    vec![v],
                    Imm::Type(Type::NULL.join(Type::UNINIT)),
                );
                self.branch(n, none, have);
                self.seal(have);
                self.switch_to(have);
                v
            }
        };
        self.jump(j, vec![v]);
        self.seal(none);
        self.switch_to(none);
        let d = rhs(self)?;
        self.jump(j, vec![d]);
        self.seal(j);
        self.switch_to(j);
        Ok(res)
    }

    fn assign(&mut self, op: Option<BinOp>, target: &Expr, value: &Expr) -> R<Value> {
        let v = match op {
            None => self.expr(value)?,
            Some(BinOp::Coalesce) => self.coalesce(target, |l| l.expr(value))?,
            Some(BinOp::Concat) => {
                let old = self.expr(target)?;
                let b = self.expr(value)?;
                self.ins(Opcode::Concat, vec![old, b], Imm::None)
            }
            Some(op) => {
                let old = self.expr(target)?;
                let b = self.expr(value)?;
                self.ins(binop(op), vec![old, b], Imm::None)
            }
        };
        self.assign_to(target, v)?;
        Ok(v)
    }

    /// Store `v` into an assignable expression (nested container writes move the inner
    /// container out, update it and store it back).
    fn assign_to(&mut self, target: &Expr, v: Value) -> R<()> {
        match &target.kind {
            ExprKind::Var(n) => {
                self.write_var(n, v);
                Ok(())
            }
            ExprKind::Index { base, index } => {
                let b = self.expr(base)?;
                let nb = match index {
                    Some(k) => {
                        let k = self.expr(k)?;
                        self.ins(Opcode::IndexSet, vec![b, k, v], Imm::None)
                    }
                    None => self.ins(Opcode::Append, vec![b, v], Imm::None),
                };
                self.assign_to(base, nb)
            }
            _ => err(target.span, "this expression cannot be assigned to (yet)"),
        }
    }

    fn call(&mut self, callee: &Expr, args: &[ast::Arg], span: Span) -> R<Value> {
        let ExprKind::Name(n) = &callee.kind else {
            return err(callee.span, "calling a callable value is not supported yet");
        };
        let name = canonical_name(&n.name);
        if args.iter().any(|a| a.spread) {
            return err(span, "spread arguments are not supported yet");
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

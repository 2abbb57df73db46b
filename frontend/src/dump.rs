//! AST dump: a deterministic indented tree, one node per line (`jsvm dump-ast`).
//!
//! Type hints are printed inline in Hack syntax; spans are not printed, so the
//! text depends only on the program's structure.

use crate::ast::*;
use std::fmt::Write;

/// Prints the whole program.
pub fn dump_ast(program: &Program) -> String {
    crate::with_big_stack(|| {
        let mut w = W {
            out: String::new(),
            indent: 0,
        };
        for d in &program.decls {
            w.decl(d);
        }
        w.out
    })
}

/// Prints a type hint in Hack syntax.
pub fn hint_to_string(h: &Hint) -> String {
    let list = |hs: &[Hint]| hs.iter().map(hint_to_string).collect::<Vec<_>>().join(", ");
    match &h.kind {
        HintKind::Prim(p) => p.as_str().to_string(),
        HintKind::Nullable(t) => format!("?{}", hint_to_string(t)),
        HintKind::Vec(t) => format!("vec<{}>", hint_to_string(t)),
        HintKind::Dict(k, v) => format!("dict<{}, {}>", hint_to_string(k), hint_to_string(v)),
        HintKind::Keyset(t) => format!("keyset<{}>", hint_to_string(t)),
        HintKind::Named { name, args } if args.is_empty() => name.name.clone(),
        HintKind::Named { name, args } => format!("{}<{}>", name.name, list(args)),
        HintKind::Fun { params, ret } => {
            format!("(function({}): {})", list(params), hint_to_string(ret))
        }
        HintKind::This => "this".to_string(),
    }
}

fn class_ref(c: &ClassRef) -> &str {
    match c {
        ClassRef::Named(n) => &n.name,
        ClassRef::Self_ => "self",
        ClassRef::Parent => "parent",
        ClassRef::Static => "static",
    }
}

fn quote(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'\r' => s.push_str("\\r"),
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s.push('"');
    s
}

fn vis(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Protected => "protected",
        Visibility::Private => "private",
    }
}

struct W {
    out: String,
    indent: usize,
}

impl W {
    fn line(&mut self, text: impl AsRef<str>) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.indent += 1;
        f(self);
        self.indent -= 1;
    }

    /// A labelled group of children.
    fn group(&mut self, label: &str, f: impl FnOnce(&mut Self)) {
        self.line(label);
        self.nested(f);
    }

    fn attrs(&mut self, attrs: &[Attribute]) {
        for a in attrs {
            self.line(format!("attr {}", a.name.name));
            self.nested(|w| a.args.iter().for_each(|e| w.expr(e)));
        }
    }

    fn tparams(&mut self, tps: &[TypeParam]) {
        for t in tps {
            let bounds: String = t
                .bounds
                .iter()
                .map(|b| format!(" as {}", hint_to_string(b)))
                .collect();
            self.line(format!("tparam {}{bounds}", t.name.name));
        }
    }

    fn params(&mut self, params: &[Param]) {
        for p in params {
            let mut s = String::from("param ");
            if let Some(v) = p.promote {
                let _ = write!(s, "{} ", vis(v));
            }
            if let Some(h) = &p.hint {
                let _ = write!(s, "{} ", hint_to_string(h));
            }
            if p.variadic {
                s.push_str("...");
            }
            let _ = write!(s, "${}", p.name.name);
            match &p.default {
                Some(d) => {
                    s.push_str(" =");
                    self.line(s);
                    self.nested(|w| w.expr(d));
                }
                None => self.line(s),
            }
        }
    }

    fn ret(&mut self, ret: &Option<Hint>) {
        if let Some(h) = ret {
            self.line(format!("ret {}", hint_to_string(h)));
        }
    }

    fn decl(&mut self, d: &Decl) {
        match d {
            Decl::Function(f) => {
                self.line(format!("function {}", f.name.name));
                self.nested(|w| {
                    w.attrs(&f.attrs);
                    w.tparams(&f.tparams);
                    w.params(&f.params);
                    w.ret(&f.ret);
                    w.block("body", &f.body);
                });
            }
            Decl::Class(c) => {
                let mut s = String::new();
                if c.is_abstract {
                    s.push_str("abstract ");
                }
                if c.is_final {
                    s.push_str("final ");
                }
                s.push_str(match c.kind {
                    ClassKind::Class => "class ",
                    ClassKind::Interface => "interface ",
                });
                s.push_str(&c.name.name);
                self.line(s);
                self.nested(|w| {
                    w.attrs(&c.attrs);
                    w.tparams(&c.tparams);
                    for h in &c.extends {
                        w.line(format!("extends {}", hint_to_string(h)));
                    }
                    for h in &c.implements {
                        w.line(format!("implements {}", hint_to_string(h)));
                    }
                    for m in &c.members {
                        w.member(m);
                    }
                });
            }
            Decl::Enum(e) => {
                let mut s = format!("enum {}: {}", e.name.name, hint_to_string(&e.base));
                if let Some(c) = &e.constraint {
                    let _ = write!(s, " as {}", hint_to_string(c));
                }
                self.line(s);
                self.nested(|w| {
                    w.attrs(&e.attrs);
                    for c in &e.cases {
                        w.group(&format!("case {}", c.name.name), |w| w.expr(&c.value));
                    }
                });
            }
            Decl::Const(c) => {
                let ty = c
                    .hint
                    .as_ref()
                    .map(|h| format!("{} ", hint_to_string(h)))
                    .unwrap_or_default();
                self.group(&format!("const {ty}{}", c.name.name), |w| w.expr(&c.value));
            }
        }
    }

    fn member(&mut self, m: &ClassMember) {
        match m {
            ClassMember::Property(p) => {
                let mut s = format!("property {} ", vis(p.visibility));
                if p.is_static {
                    s.push_str("static ");
                }
                if let Some(h) = &p.hint {
                    let _ = write!(s, "{} ", hint_to_string(h));
                }
                let _ = write!(s, "${}", p.name.name);
                match &p.default {
                    Some(d) => self.group(&(s + " ="), |w| w.expr(d)),
                    None => self.line(s),
                }
            }
            ClassMember::Const(c) => {
                let ty = c
                    .hint
                    .as_ref()
                    .map(|h| format!("{} ", hint_to_string(h)))
                    .unwrap_or_default();
                let s = format!("const {ty}{}", c.name.name);
                match &c.value {
                    Some(v) => self.group(&s, |w| w.expr(v)),
                    None => self.line(format!("abstract {s}")),
                }
            }
            ClassMember::Method(m) => {
                let mut s = format!("method {} ", vis(m.visibility));
                for (flag, word) in [
                    (m.is_abstract, "abstract "),
                    (m.is_final, "final "),
                    (m.is_static, "static "),
                ] {
                    if flag {
                        s.push_str(word);
                    }
                }
                s.push_str(&m.name.name);
                self.line(s);
                self.nested(|w| {
                    w.attrs(&m.attrs);
                    w.tparams(&m.tparams);
                    w.params(&m.params);
                    w.ret(&m.ret);
                    if let Some(b) = &m.body {
                        w.block("body", b);
                    }
                });
            }
        }
    }

    fn block(&mut self, label: &str, b: &Block) {
        self.group(label, |w| b.stmts.iter().for_each(|s| w.stmt(s)));
    }

    fn exprs(&mut self, label: &str, es: &[Expr]) {
        self.group(label, |w| es.iter().for_each(|e| w.expr(e)));
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.group("expr", |w| w.expr(e)),
            StmtKind::Echo(es) => self.exprs("echo", es),
            StmtKind::Block(b) => self.block("block", b),
            StmtKind::If { cond, then, else_ } => self.group("if", |w| {
                w.expr(cond);
                w.block("then", then);
                if let Some(e) = else_ {
                    w.block("else", e);
                }
            }),
            StmtKind::While { cond, body } => self.group("while", |w| {
                w.expr(cond);
                w.block("body", body);
            }),
            StmtKind::DoWhile { body, cond } => self.group("do-while", |w| {
                w.block("body", body);
                w.expr(cond);
            }),
            StmtKind::For {
                init,
                cond,
                step,
                body,
            } => self.group("for", |w| {
                w.exprs("init", init);
                w.exprs("cond", cond);
                w.exprs("step", step);
                w.block("body", body);
            }),
            StmtKind::Foreach {
                subject,
                key,
                value,
                body,
            } => self.group("foreach", |w| {
                w.expr(subject);
                if let Some(k) = key {
                    w.group("key", |w| w.expr(k));
                }
                w.group("value", |w| w.expr(value));
                w.block("body", body);
            }),
            StmtKind::Break => self.line("break"),
            StmtKind::Continue => self.line("continue"),
            StmtKind::Return(e) => self.group("return", |w| e.iter().for_each(|e| w.expr(e))),
            StmtKind::Switch { subject, cases } => self.group("switch", |w| {
                w.expr(subject);
                for c in cases {
                    match &c.label {
                        Some(l) => w.group("case", |w| {
                            w.expr(l);
                            c.body.iter().for_each(|s| w.stmt(s));
                        }),
                        None => w.group("default", |w| c.body.iter().for_each(|s| w.stmt(s))),
                    }
                }
            }),
            StmtKind::Try {
                body,
                catches,
                finally,
            } => self.group("try", |w| {
                w.block("body", body);
                for c in catches {
                    w.block(&format!("catch {} ${}", c.class.name, c.var.name), &c.body);
                }
                if let Some(f) = finally {
                    w.block("finally", f);
                }
            }),
            StmtKind::Throw(e) => self.group("throw", |w| w.expr(e)),
            StmtKind::Unset(es) => self.exprs("unset", es),
            StmtKind::Empty => self.line("empty"),
        }
    }

    fn args(&mut self, args: &[Arg]) {
        for a in args {
            if a.spread {
                self.group("spread", |w| w.expr(&a.value));
            } else {
                self.expr(&a.value);
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Int(v) => self.line(format!("int {v}")),
            ExprKind::Float(v) => self.line(format!("float {v:?}")),
            ExprKind::Bool(v) => self.line(format!("bool {v}")),
            ExprKind::Null => self.line("null"),
            ExprKind::Str(s) => self.line(format!("str {}", quote(s))),
            ExprKind::Interp(parts) => self.group("interp", |w| {
                for p in parts {
                    match p {
                        StrPart::Lit(s) => w.line(format!("lit {}", quote(s))),
                        StrPart::Expr(e) => w.expr(e),
                    }
                }
            }),
            ExprKind::Vec(es) => self.exprs("vec", es),
            ExprKind::Keyset(es) => self.exprs("keyset", es),
            ExprKind::Dict(kvs) => self.group("dict", |w| {
                for (k, v) in kvs {
                    w.group("=>", |w| {
                        w.expr(k);
                        w.expr(v);
                    });
                }
            }),
            ExprKind::Var(v) => self.line(format!("var ${v}")),
            ExprKind::This => self.line("this"),
            ExprKind::PipeVar => self.line("$$"),
            ExprKind::Name(n) => self.line(format!("name {}", n.name)),
            ExprKind::ClassConst { class, name } => {
                self.line(format!("class-const {}::{}", class_ref(class), name.name))
            }
            ExprKind::ClassName(c) => self.line(format!("class-name {}", class_ref(c))),
            ExprKind::StaticProp { class, name } => {
                self.line(format!("static-prop {}::${}", class_ref(class), name.name))
            }
            ExprKind::Unary { op, expr } => {
                let s = match op {
                    UnOp::Neg => "-",
                    UnOp::Plus => "+",
                    UnOp::Not => "!",
                    UnOp::BitNot => "~",
                };
                self.group(&format!("unary {s}"), |w| w.expr(expr));
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.group(&format!("binary {}", op.as_str()), |w| {
                    w.expr(lhs);
                    w.expr(rhs);
                })
            }
            ExprKind::Assign { op, target, value } => {
                let s = op.map_or("=".to_string(), |o| format!("{}=", o.as_str()));
                self.group(&format!("assign {s}"), |w| {
                    w.expr(target);
                    w.expr(value);
                });
            }
            ExprKind::IncDec { op, target } => {
                let s = match op {
                    IncDec::PreInc => "++x",
                    IncDec::PreDec => "--x",
                    IncDec::PostInc => "x++",
                    IncDec::PostDec => "x--",
                };
                self.group(&format!("incdec {s}"), |w| w.expr(target));
            }
            ExprKind::Ternary { cond, then, else_ } => {
                self.group(if then.is_some() { "ternary" } else { "elvis" }, |w| {
                    w.expr(cond);
                    if let Some(t) = then {
                        w.expr(t);
                    }
                    w.expr(else_);
                })
            }
            ExprKind::Pipe { lhs, rhs } => self.group("pipe", |w| {
                w.expr(lhs);
                w.expr(rhs);
            }),
            ExprKind::Index { base, index } => self.group("index", |w| {
                w.expr(base);
                match index {
                    Some(i) => w.expr(i),
                    None => w.line("append"),
                }
            }),
            ExprKind::Prop {
                obj,
                name,
                nullsafe,
            } => {
                let arrow = if *nullsafe { "?->" } else { "->" };
                self.group(&format!("prop {arrow}{}", name.name), |w| w.expr(obj));
            }
            ExprKind::Call {
                callee,
                targs,
                args,
            } => {
                let t = if targs.is_empty() {
                    String::new()
                } else {
                    format!(
                        " <{}>",
                        targs
                            .iter()
                            .map(hint_to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                self.group(&format!("call{t}"), |w| {
                    w.expr(callee);
                    w.args(args);
                });
            }
            ExprKind::MethodCall {
                obj,
                name,
                args,
                nullsafe,
            } => {
                let arrow = if *nullsafe { "?->" } else { "->" };
                self.group(&format!("method-call {arrow}{}", name.name), |w| {
                    w.expr(obj);
                    w.args(args);
                });
            }
            ExprKind::StaticCall { class, name, args } => self.group(
                &format!("static-call {}::{}", class_ref(class), name.name),
                |w| w.args(args),
            ),
            ExprKind::New { class, args } => {
                self.group(&format!("new {}", class_ref(class)), |w| w.args(args))
            }
            ExprKind::Is { expr, hint } => {
                self.group(&format!("is {}", hint_to_string(hint)), |w| w.expr(expr))
            }
            ExprKind::As {
                expr,
                hint,
                nullable,
            } => {
                let kw = if *nullable { "?as" } else { "as" };
                self.group(&format!("{kw} {}", hint_to_string(hint)), |w| w.expr(expr));
            }
            ExprKind::InstanceOf { expr, class } => self
                .group(&format!("instanceof {}", class_ref(class)), |w| {
                    w.expr(expr)
                }),
            ExprKind::Cast { kind, expr } => {
                let k = match kind {
                    CastKind::Int => "int",
                    CastKind::Float => "float",
                    CastKind::String => "string",
                    CastKind::Bool => "bool",
                };
                self.group(&format!("cast ({k})"), |w| w.expr(expr));
            }
            ExprKind::Isset(es) => self.exprs("isset", es),
            ExprKind::Lambda(l) => self.group("lambda", |w| {
                w.params(&l.params);
                w.ret(&l.ret);
                if let Some(uses) = &l.uses {
                    let names: Vec<String> = uses.iter().map(|u| format!("${}", u.name)).collect();
                    w.line(format!("use ({})", names.join(", ")));
                }
                match &l.body {
                    LambdaBody::Expr(e) => w.group("body", |w| w.expr(e)),
                    LambdaBody::Block(b) => w.block("body", b),
                }
            }),
            ExprKind::List(items) => self.group("list", |w| {
                for i in items {
                    match i {
                        Some(e) => w.expr(e),
                        None => w.line("skip"),
                    }
                }
            }),
            ExprKind::Exit(e) => self.group("exit", |w| e.iter().for_each(|e| w.expr(e))),
            ExprKind::Print(e) => self.group("print", |w| w.expr(e)),
        }
    }
}

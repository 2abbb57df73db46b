//! Free variables of a lambda body: the locals it mentions (in order of first use) and whether it
//! uses `$this`. Implicit capture (`==>` lambdas) captures those that exist in the enclosing scope.

use crate::ast::{Block, ClassRef, Expr, ExprKind, LambdaBody, Stmt, StmtKind, StrPart};

/// Variable names in order of first use, each once.
#[derive(Default)]
pub(crate) struct Names {
    list: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Names {
    /// The names in order of first use.
    pub(crate) fn into_list(self) -> Vec<String> {
        self.list
    }

    /// The names as a set.
    pub(crate) fn into_set(self) -> std::collections::HashSet<String> {
        self.seen
    }
}

fn add(out: &mut Names, name: &str) {
    if out.seen.insert(name.to_string()) {
        out.list.push(name.to_string());
    }
}

/// Collect the variables of a block.
pub(crate) fn block(b: &Block, out: &mut Names, this: &mut bool) {
    for s in &b.stmts {
        stmt(s, out, this);
    }
}

fn opt(e: &Option<Expr>, out: &mut Names, this: &mut bool) {
    if let Some(e) = e {
        expr(e, out, this);
    }
}

fn stmt(s: &Stmt, out: &mut Names, this: &mut bool) {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Throw(e) => expr(e, out, this),
        StmtKind::Echo(es) | StmtKind::Unset(es) => es.iter().for_each(|e| expr(e, out, this)),
        StmtKind::Block(b) => block(b, out, this),
        StmtKind::If { cond, then, else_ } => {
            expr(cond, out, this);
            block(then, out, this);
            if let Some(e) = else_ {
                block(e, out, this);
            }
        }
        StmtKind::While { cond, body } | StmtKind::DoWhile { body, cond } => {
            expr(cond, out, this);
            block(body, out, this);
        }
        StmtKind::For {
            init,
            cond,
            step,
            body,
        } => {
            for e in init.iter().chain(cond).chain(step) {
                expr(e, out, this);
            }
            block(body, out, this);
        }
        StmtKind::Foreach {
            subject,
            key,
            value,
            body,
        } => {
            expr(subject, out, this);
            opt(key, out, this);
            expr(value, out, this);
            block(body, out, this);
        }
        StmtKind::Return(e) => opt(e, out, this),
        StmtKind::Switch { subject, cases } => {
            expr(subject, out, this);
            for c in cases {
                opt(&c.label, out, this);
                c.body.iter().for_each(|s| stmt(s, out, this));
            }
        }
        StmtKind::Try {
            body,
            catches,
            finally,
        } => {
            block(body, out, this);
            for c in catches {
                add(out, &c.var.name);
                block(&c.body, out, this);
            }
            if let Some(f) = finally {
                block(f, out, this);
            }
        }
        StmtKind::Break | StmtKind::Continue | StmtKind::Empty => {}
    }
}

/// Collect the variables of an expression.
pub(crate) fn expr(e: &Expr, out: &mut Names, this: &mut bool) {
    // `static::` needs the enclosing method's late-static-bound class, which a closure gets by
    // capturing the method's hidden first parameter, as it captures `$this`.
    if let ExprKind::StaticCall { class, .. }
    | ExprKind::New { class, .. }
    | ExprKind::ClassConst { class, .. }
    | ExprKind::ClassName(class)
    | ExprKind::InstanceOf { class, .. }
    | ExprKind::StaticProp { class, .. } = &e.kind
    {
        *this |= matches!(class, ClassRef::Static);
    }
    let mut sub = |x: &Expr| expr(x, out, this);
    match &e.kind {
        ExprKind::Var(n) => add(out, n),
        ExprKind::This => *this = true,
        ExprKind::Interp(parts) => {
            for p in parts {
                if let StrPart::Expr(x) = p {
                    sub(x);
                }
            }
        }
        ExprKind::Vec(items) | ExprKind::Keyset(items) | ExprKind::Isset(items) => {
            items.iter().for_each(sub)
        }
        ExprKind::Dict(pairs) => {
            for (k, v) in pairs {
                sub(k);
                sub(v);
            }
        }
        ExprKind::Unary { expr: x, .. }
        | ExprKind::Cast { expr: x, .. }
        | ExprKind::Is { expr: x, .. }
        | ExprKind::As { expr: x, .. }
        | ExprKind::InstanceOf { expr: x, .. }
        | ExprKind::Print(x)
        | ExprKind::IncDec { target: x, .. } => sub(x),
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::Pipe { lhs, rhs } => {
            sub(lhs);
            sub(rhs);
        }
        ExprKind::Assign { target, value, .. } => {
            sub(target);
            sub(value);
        }
        ExprKind::Ternary { cond, then, else_ } => {
            sub(cond);
            if let Some(t) = then {
                sub(t);
            }
            sub(else_);
        }
        ExprKind::Index { base, index } => {
            sub(base);
            if let Some(i) = index {
                sub(i);
            }
        }
        ExprKind::Prop { obj, .. } => sub(obj),
        ExprKind::Call { callee, args, .. } => {
            sub(callee);
            args.iter().for_each(|a| sub(&a.value));
        }
        ExprKind::MethodCall { obj, args, .. } => {
            sub(obj);
            args.iter().for_each(|a| sub(&a.value));
        }
        ExprKind::StaticCall { args, .. } | ExprKind::New { args, .. } => {
            args.iter().for_each(|a| sub(&a.value))
        }
        ExprKind::List(items) => items.iter().flatten().for_each(sub),
        ExprKind::Exit(x) => {
            if let Some(x) = x {
                sub(x);
            }
        }
        ExprKind::Lambda(l) => {
            let mut inner = Names::default();
            match &l.body {
                LambdaBody::Expr(x) => expr(x, &mut inner, this),
                LambdaBody::Block(b) => block(b, &mut inner, this),
            }
            let params: Vec<&str> = l.params.iter().map(|p| p.name.name.as_str()).collect();
            match &l.uses {
                Some(u) => u.iter().for_each(|n| add(out, &n.name)),
                None => inner
                    .list
                    .iter()
                    .filter(|v| !params.contains(&v.as_str()))
                    .for_each(|v| add(out, v)),
            }
        }
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Bool(_)
        | ExprKind::Null
        | ExprKind::Str(_)
        | ExprKind::PipeVar
        | ExprKind::Name(_)
        | ExprKind::ClassConst { .. }
        | ExprKind::ClassName(_)
        | ExprKind::StaticProp { .. } => {}
    }
}

//! Memoized functions with parameter defaults, split as hackc splits them: a wrapper that fills
//! the defaults and checks the parameters, and a memoized `NAME$memoize_impl` with the body.
//!
//! The VM memoizes at the call (its cache key is the arguments as passed), so without the split
//! `f()` and `f(5)` (the default being 5) would be two cache entries and run the body twice.
//! hackc's `emit_memoize_function.rs`/`emit_memoize_method.rs` put the default-value setters in
//! the wrapper and call the renamed body with every parameter; the body method is private, so the
//! wrapper of class `C` reaches `C`'s own body (`self::`, which forwards `$this` or the
//! late-static-bound class as HHVM's `FCallClsMethodSD SelfCls` does for `__MemoizeLSB`).
//! Both keep the return type, so a value that fails it is not cached (the body checks it).

use crate::ast::{
    self, Arg, Attribute, Block, ClassMember, ClassRef, Decl, Expr, ExprKind, FunDecl, HintKind,
    MethodDecl, Name, Param, Prim, Program, Stmt, StmtKind, Visibility,
};
use jsvm_ir::MEMOIZE_SUFFIX;
use std::borrow::Cow;

fn is_memo_attr(a: &Attribute) -> bool {
    a.name.name == "__Memoize" || a.name.name == "__MemoizeLSB"
}

/// Whether a declaration with these attributes and parameters needs the split.
fn needs_split(attrs: &[Attribute], params: &[Param]) -> bool {
    attrs.iter().any(is_memo_attr) && params.iter().any(|p| p.default.is_some())
}

/// `p` with every memoized function or method that has a parameter default split in two.
pub(crate) fn split_memoized(p: &Program) -> Cow<'_, Program> {
    let any = p.decls.iter().any(|d| match d {
        Decl::Function(f) => needs_split(&f.attrs, &f.params),
        Decl::Class(c) => c.members.iter().any(|m| match m {
            ClassMember::Method(m) => m.body.is_some() && needs_split(&m.attrs, &m.params),
            _ => false,
        }),
        _ => false,
    });
    if !any {
        return Cow::Borrowed(p);
    }
    let mut decls = Vec::with_capacity(p.decls.len());
    for d in &p.decls {
        match d {
            Decl::Function(f) if needs_split(&f.attrs, &f.params) => {
                let (wrapper, body) = split_function(f);
                decls.push(Decl::Function(wrapper));
                decls.push(Decl::Function(body));
            }
            Decl::Class(c) => {
                let mut c = c.clone();
                let mut members = Vec::with_capacity(c.members.len());
                for m in c.members.drain(..) {
                    match m {
                        ClassMember::Method(m)
                            if m.body.is_some() && needs_split(&m.attrs, &m.params) =>
                        {
                            let (wrapper, body) = split_method(m);
                            members.push(ClassMember::Method(wrapper));
                            members.push(ClassMember::Method(body));
                        }
                        m => members.push(m),
                    }
                }
                c.members = members;
                decls.push(Decl::Class(c));
            }
            d => decls.push(d.clone()),
        }
    }
    Cow::Owned(Program { decls })
}

/// The body's parameters: the same names and types, every one passed by the wrapper.
fn body_params(params: &[Param]) -> Vec<Param> {
    params
        .iter()
        .map(|p| Param {
            default: None,
            promote: None,
            ..p.clone()
        })
        .collect()
}

/// The wrapper's body: `call` (given the arguments: every parameter) of the memoized body,
/// returned (or, for a `void` or `noreturn` function, made).
fn wrapper_body(
    call: impl FnOnce(Vec<Arg>) -> ExprKind,
    params: &[Param],
    ret: Option<&ast::Hint>,
    span: ast::Span,
) -> Block {
    let args = params
        .iter()
        .map(|p| Arg {
            value: Expr {
                kind: ExprKind::Var(p.name.name.clone()),
                span: p.span,
            },
            spread: p.variadic,
        })
        .collect();
    let call = Expr {
        kind: call(args),
        span,
    };
    let returns_nothing = ret.is_some_and(|h| {
        matches!(
            h.kind,
            HintKind::Prim(Prim::Void) | HintKind::Prim(Prim::Noreturn)
        )
    });
    let stmt = if returns_nothing {
        StmtKind::Expr(call)
    } else {
        StmtKind::Return(Some(call))
    };
    Block {
        stmts: vec![Stmt { kind: stmt, span }],
        span,
    }
}

/// The memoized body's name (`NAME$memoize_impl`), and the attributes of the wrapper (all but
/// the memoize ones) and of the body (those).
fn split_names(name: &Name, attrs: &[Attribute]) -> (Name, Vec<Attribute>, Vec<Attribute>) {
    let body_name = Name {
        name: format!("{}{MEMOIZE_SUFFIX}", name.name),
        span: name.span,
    };
    let (memo, rest) = attrs.iter().cloned().partition(is_memo_attr);
    (body_name, rest, memo)
}

fn split_function(f: &FunDecl) -> (FunDecl, FunDecl) {
    let (body_name, wrapper_attrs, body_attrs) = split_names(&f.name, &f.attrs);
    let callee = Expr {
        kind: ExprKind::Name(body_name.clone()),
        span: f.span,
    };
    let wrapper = FunDecl {
        attrs: wrapper_attrs,
        body: wrapper_body(
            |args| ExprKind::Call {
                callee: Box::new(callee),
                targs: Vec::new(),
                args,
            },
            &f.params,
            f.ret.as_ref(),
            f.span,
        ),
        ..f.clone()
    };
    let body = FunDecl {
        attrs: body_attrs,
        name: body_name,
        params: body_params(&f.params),
        ..f.clone()
    };
    (wrapper, body)
}

fn split_method(m: MethodDecl) -> (MethodDecl, MethodDecl) {
    let (body_name, wrapper_attrs, body_attrs) = split_names(&m.name, &m.attrs);
    let name = body_name.clone();
    let wrapper = MethodDecl {
        attrs: wrapper_attrs,
        body: Some(wrapper_body(
            |args| ExprKind::StaticCall {
                class: ClassRef::Self_,
                name,
                args,
            },
            &m.params,
            m.ret.as_ref(),
            m.span,
        )),
        ..m.clone()
    };
    let body = MethodDecl {
        attrs: body_attrs,
        visibility: Visibility::Private,
        is_abstract: false,
        name: body_name,
        params: body_params(&m.params),
        ..m
    };
    (wrapper, body)
}

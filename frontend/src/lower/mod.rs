//! AST→IR lowering: builds the baseline IR module (SSA with block parameters) from a parsed program.
//!
//! Locals become SSA values with the on-the-fly construction of Braun et al. ("Simple and
//! Efficient Construction of Static Single Assignment Form", CC 2013), using block parameters
//! instead of phis. Names are resolved here: user functions to `FuncId`s, everything else to
//! canonical built-in names (`HH\Lib\Str\length` → `Str\length`), constants with literal
//! initializers are folded.

mod check;
mod class;
mod free;
mod func;
mod memo;
mod ssa;

use crate::ast::{self, Decl, ExprKind, HintKind, Prim};
use jsvm_ir::{ConstDecl, FuncId, Function, Module, Span, Type, TypeHint};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

/// A lowering error: a construct the IR cannot express (or one not supported yet).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct LowerError {
    /// What went wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// Where the declaration it clashes with is (a redeclaration's first declaration).
    pub previous: Option<Span>,
}

pub(crate) fn err<T>(span: Span, message: impl Into<String>) -> Result<T, LowerError> {
    Err(LowerError {
        message: message.into(),
        span,
        previous: None,
    })
}

/// A redeclaration at `span` of what `previous` declared first.
fn redeclared<T>(span: Span, message: String, previous: Option<Span>) -> Result<T, LowerError> {
    Err(LowerError {
        message,
        span,
        previous,
    })
}

/// The name of function declaration number `id` (in declaration order).
fn function_span(p: &crate::ast::Program, id: FuncId) -> Option<Span> {
    p.decls
        .iter()
        .filter_map(|d| match d {
            Decl::Function(f) => Some(f.name.span),
            _ => None,
        })
        .nth(id.index())
}

/// The first class, interface or enum declared with lowercase name `key`.
fn class_span(p: &crate::ast::Program, key: &str) -> Option<Span> {
    p.decls.iter().find_map(|d| match d {
        Decl::Class(c) if c.name.name.eq_ignore_ascii_case(key) => Some(c.name.span),
        Decl::Enum(e) if e.name.name.eq_ignore_ascii_case(key) => Some(e.name.span),
        _ => None,
    })
}

/// A literal value known at lowering time (folded constants).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
}

/// Program-wide names visible to every function.
pub(crate) struct Globals {
    /// User functions by lowercase name.
    pub funcs: HashMap<String, FuncId>,
    /// Constants with literal values.
    pub lits: HashMap<String, Lit>,
    /// Constants computed by an init function.
    pub computed: HashMap<String, ()>,
    /// The constants each class, interface or enum declares (by lowercase class name), with
    /// their values where the initializer is a literal ([`fold_lit`]). Class constant types are
    /// not enforced at run time, so a literal is the value, as the init function computes it.
    pub class_consts: HashMap<String, HashMap<String, Option<Lit>>>,
    /// Classes, interfaces and enums by lowercase name.
    pub classes: HashMap<String, class::ClassInfo>,
    /// The names of the instance properties some class declares private or protected, and
    /// the lowercase names of such methods: an access or call by one of these names inside a
    /// class names that class too ([`class::ClassInfo::prop_name`]), so that the runtime can
    /// tell whether the member it finds is visible from there.
    pub nonpublic_props: HashSet<String>,
    pub nonpublic_methods: HashSet<String>,
    /// Closures lowered so far (their ids follow every declared function).
    pub closures: RefCell<Vec<Function>>,
    /// The next free function id.
    pub next_id: Cell<u32>,
}

impl Globals {
    /// The class named `name` (case-insensitive).
    pub fn class(&self, name: &str) -> Option<&class::ClassInfo> {
        self.classes.get(&canonical_name(name).to_ascii_lowercase())
    }

    /// Find method `name` in class `cls` or its ancestors: its function and whether it is static.
    pub fn find_method(&self, cls: &str, name: &str) -> Option<(FuncId, bool)> {
        let mut c = self.class(cls);
        let key = name.to_ascii_lowercase();
        let mut guard = 0;
        while let Some(ci) = c {
            if let Some(m) = ci.methods.get(&key) {
                return Some(*m);
            }
            c = ci.parent.as_deref().and_then(|p| self.class(p));
            guard += 1;
            if guard > 1000 {
                break;
            }
        }
        None
    }

    /// The value of constant `name` of class `cls` when the front end knows it: the class or
    /// the nearest ancestor that declares it has a literal initializer. `None` leaves the
    /// lookup to the runtime (a computed or abstract constant, one from an interface, an
    /// unknown class).
    pub fn class_const_lit(&self, cls: &str, name: &str) -> Option<Lit> {
        let mut c = self.class(cls)?;
        for _ in 0..=self.classes.len() {
            let own = self.class_consts.get(&c.name.to_ascii_lowercase())?;
            if let Some(v) = own.get(name) {
                return v.clone();
            }
            c = self.class(c.parent.as_deref()?)?;
        }
        None
    }

    /// True when class `a` is class `b` or extends it (case-insensitive names).
    pub fn is_a(&self, a: &str, b: &str) -> bool {
        let mut c = self.class(a);
        for _ in 0..=self.classes.len() {
            let Some(ci) = c else { break };
            if ci.name.eq_ignore_ascii_case(b) {
                return true;
            }
            c = ci.parent.as_deref().and_then(|p| self.class(p));
        }
        false
    }

    /// The member of class `cls` (or its nearest ancestor) that `vis_in` finds in a class's
    /// declarations: the declaring class, the member's visibility, and the topmost ancestor
    /// that declares it too (the root of a protected member's redeclarations).
    pub fn member_decl<'a>(
        &'a self,
        cls: &str,
        vis_in: impl Fn(&class::ClassInfo) -> Option<ast::Visibility>,
    ) -> Option<(&'a class::ClassInfo, ast::Visibility, &'a str)> {
        let mut found: Option<(&class::ClassInfo, ast::Visibility)> = None;
        let mut root = "";
        let mut c = self.class(cls);
        for _ in 0..=self.classes.len() {
            let Some(ci) = c else { break };
            if let Some(v) = vis_in(ci) {
                found.get_or_insert((ci, v));
                root = &ci.name;
            }
            c = ci.parent.as_deref().and_then(|p| self.class(p));
        }
        found.map(|(ci, v)| (ci, v, root))
    }

    /// Reserve a function id for a closure and store its body.
    pub fn add_closure(&self, f: Function) -> FuncId {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        self.closures.borrow_mut().push(f);
        FuncId(id)
    }
}

/// Strip a leading `\` and the `HH\Lib\` / `HH\` namespace prefixes: the canonical name of a
/// built-in function, class or constant.
pub fn canonical_name(name: &str) -> &str {
    let n = name.strip_prefix('\\').unwrap_or(name);
    let n = n.strip_prefix("HH\\Lib\\").unwrap_or(n);
    n.strip_prefix("HH\\").unwrap_or(n)
}

/// Built-in constants folded at lowering time.
fn builtin_const(name: &str) -> Option<Lit> {
    Some(match name {
        "PHP_INT_MAX" => Lit::Int(i64::MAX),
        "PHP_INT_MIN" => Lit::Int(i64::MIN),
        "PHP_INT_SIZE" => Lit::Int(8),
        "PHP_FLOAT_EPSILON" => Lit::Float(f64::EPSILON),
        "PHP_FLOAT_MAX" => Lit::Float(f64::MAX),
        "PHP_FLOAT_MIN" => Lit::Float(f64::MIN_POSITIVE),
        "INF" => Lit::Float(f64::INFINITY),
        "NAN" => Lit::Float(f64::NAN),
        "PHP_EOL" => Lit::Str(b"\n".to_vec()),
        "STR_PAD_RIGHT" => Lit::Int(1),
        "STR_PAD_LEFT" => Lit::Int(0),
        "STR_PAD_BOTH" => Lit::Int(2),
        _ => Lit::Float(jsvm_ir::consts::math_const(name)?),
    })
}

/// The type hint of an AST hint: its lattice type, text, and whether the run time enforces it;
/// class names are resolved against the program's classes when `g` is given.
pub(crate) fn lower_hint_in(
    h: Option<&ast::Hint>,
    tparams: &[String],
    g: Option<&Globals>,
) -> TypeHint {
    lower_hint_scoped(h, tparams, g, None)
}

/// [`lower_hint_in`] inside class `cls`, where `self` and `parent` name it and its parent (as
/// HHVM resolves them at compile time); outside a class they are any object.
pub(crate) fn lower_hint_scoped(
    h: Option<&ast::Hint>,
    tparams: &[String],
    g: Option<&Globals>,
    cls: Option<&str>,
) -> TypeHint {
    let Some(h) = h else { return TypeHint::mixed() };
    let (ty, enforced) = hint_type(h, tparams, g, cls);
    TypeHint {
        ty,
        text: hint_text(h).into(),
        enforced,
    }
}

fn hint_type(
    h: &ast::Hint,
    tparams: &[String],
    g: Option<&Globals>,
    cls: Option<&str>,
) -> (Type, bool) {
    match &h.kind {
        HintKind::Prim(p) => match p {
            Prim::Int => (Type::INT, true),
            Prim::Float => (Type::FLOAT, true),
            Prim::Bool => (Type::BOOL, true),
            Prim::String => (Type::STR, true),
            Prim::Num => (Type::NUM, true),
            Prim::ArrayKey => (Type::ARRAY_KEY, true),
            Prim::Void | Prim::Null => (Type::NULL, true),
            Prim::Nonnull => (
                Type {
                    bits: Type::INIT_CELL.bits & !Type::NULL.bits,
                    class: None,
                },
                true,
            ),
            Prim::Noreturn => (Type::BOTTOM, true),
            Prim::Mixed | Prim::Dynamic => (Type::INIT_CELL, false),
        },
        HintKind::Nullable(inner) => {
            let (t, e) = hint_type(inner, tparams, g, cls);
            (t.nullable(), e)
        }
        HintKind::Vec(_) => (Type::VEC, true),
        HintKind::Dict(..) => (Type::DICT, true),
        HintKind::Keyset(_) => (Type::KEYSET, true),
        // HHVM does not enforce function types (hackc emits no constraint for them): a
        // `(function(int): int)` parameter takes a closure or a callable string alike.
        HintKind::Fun { .. } => (Type::INIT_CELL, false),
        HintKind::This => (Type::OBJ, true),
        HintKind::Named { name, .. } => {
            let n = canonical_name(&name.name);
            if tparams.iter().any(|t| t == n) {
                return (Type::INIT_CELL, false);
            }
            if let Some(t) = container_hint(n) {
                return t;
            }
            let n = g.map_or(n, |g| scoped_class(g, n, cls));
            match g.and_then(|g| g.class(n)) {
                // Class, interface and enum names (`Throwable` is the prelude's interface).
                Some(c) if c.is_enum => (c.enum_base, true),
                Some(c) => (Type::object(c.id, false), true),
                None => (Type::OBJ, true),
            }
        }
    }
}

/// Class name `n` as written inside class `cls`: `self` names `cls` and `parent` its parent (as
/// HHVM resolves them at compile time); other names, and both outside a class, stay as they are.
pub(crate) fn scoped_class<'a>(g: &'a Globals, n: &'a str, cls: Option<&'a str>) -> &'a str {
    match cls {
        Some(c) if n.eq_ignore_ascii_case("self") => c,
        Some(c) if n.eq_ignore_ascii_case("parent") => {
            g.class(c).and_then(|c| c.parent.as_deref()).unwrap_or(n)
        }
        _ => n,
    }
}

/// The container type names a hint may use without type arguments (and their type, and
/// whether it is enforced); `None` for a class or type-parameter name.
pub(crate) fn container_hint(name: &str) -> Option<(Type, bool)> {
    Some(match name.to_ascii_lowercase().as_str() {
        "vec" | "varray" => (Type::VEC, true),
        "dict" | "darray" => (Type::DICT, true),
        "keyset" => (Type::KEYSET, true),
        "varray_or_darray" => (Type::VEC.join(Type::DICT), true),
        // Class names are strings (`C::class`).
        "classname" | "typename" => (Type::STR, true),
        "closure" => (Type::FUNC, true),
        // A string or an object with `__toString`: not checked further.
        "stringish" => (Type::STR.join(Type::OBJ), false),
        "vec_or_dict" | "container" | "traversable" | "keyedcontainer" | "keyedtraversable" => {
            (Type::VEC.join(Type::DICT).join(Type::KEYSET), false)
        }
        _ => return None,
    })
}

/// The source spelling of a hint, for messages (`?string`, `vec<int>`).
pub(crate) fn hint_text(h: &ast::Hint) -> String {
    match &h.kind {
        HintKind::Prim(p) => p.as_str().to_string(),
        HintKind::Nullable(i) => format!("?{}", hint_text(i)),
        HintKind::Vec(t) => format!("vec<{}>", hint_text(t)),
        HintKind::Dict(k, v) => format!("dict<{}, {}>", hint_text(k), hint_text(v)),
        HintKind::Keyset(t) => format!("keyset<{}>", hint_text(t)),
        HintKind::Named { name, args } => {
            let n = canonical_name(&name.name);
            if args.is_empty() {
                n.to_string()
            } else {
                let a: Vec<String> = args.iter().map(hint_text).collect();
                format!("{n}<{}>", a.join(", "))
            }
        }
        HintKind::Fun { params, ret } => {
            let a: Vec<String> = params.iter().map(hint_text).collect();
            format!("(function({}): {})", a.join(", "), hint_text(ret))
        }
        HintKind::This => "this".to_string(),
    }
}

/// Evaluate a constant expression made of literals and folded constants.
pub(crate) fn fold_lit(e: &ast::Expr, g: &Globals) -> Option<Lit> {
    match &e.kind {
        ExprKind::Int(i) => Some(Lit::Int(*i)),
        ExprKind::Float(f) => Some(Lit::Float(*f)),
        ExprKind::Bool(b) => Some(Lit::Bool(*b)),
        ExprKind::Null => Some(Lit::Null),
        ExprKind::Str(s) => Some(Lit::Str(s.clone())),
        ExprKind::Name(n) => {
            let c = canonical_name(&n.name);
            g.lits.get(c).cloned().or_else(|| builtin_const(c))
        }
        ExprKind::Unary {
            op: ast::UnOp::Neg,
            expr,
        } => match fold_lit(expr, g)? {
            Lit::Int(i) => Some(Lit::Int(i.wrapping_neg())),
            Lit::Float(f) => Some(Lit::Float(-f)),
            _ => None,
        },
        _ => None,
    }
}

/// Lower a whole program to a baseline IR module (before type inference and the refcount pass).
///
/// Function ids: top-level functions first, then per class its methods, property defaults and
/// constants, then top-level constant initializers, then closures in the order they are met.
pub fn lower_program(p: &ast::Program) -> Result<Module, LowerError> {
    check::check_program(p)?;
    let p = &*memo::split_memoized(p);
    let mut g = Globals {
        funcs: HashMap::new(),
        lits: HashMap::new(),
        computed: HashMap::new(),
        class_consts: HashMap::new(),
        classes: HashMap::new(),
        nonpublic_props: HashSet::new(),
        nonpublic_methods: HashSet::new(),
        closures: RefCell::new(Vec::new()),
        next_id: Cell::new(0),
    };
    let mut n = 0usize;
    for d in &p.decls {
        if let Decl::Function(f) = d {
            let key = canonical_name(&f.name.name).to_ascii_lowercase();
            if let Some(first) = g.funcs.insert(key, FuncId::new(n)) {
                return redeclared(
                    f.name.span,
                    format!("Cannot redeclare function {}()", f.name.name),
                    function_span(p, first),
                );
            }
            n += 1;
        }
    }
    let mut plans = Vec::new();
    for d in &p.decls {
        let plan = match d {
            Decl::Class(c) => class::plan_class(c, g.classes.len(), &mut n)?,
            Decl::Enum(e) => class::plan_enum(e, g.classes.len(), &mut n)?,
            _ => continue,
        };
        let key = plan.info.name.to_ascii_lowercase();
        if g.classes.contains_key(&key) {
            return redeclared(
                d.span(),
                format!("Cannot redeclare class {}", plan.info.name),
                class_span(p, &key),
            );
        }
        let info = &plan.info;
        g.nonpublic_props.extend(
            info.private_props
                .iter()
                .chain(&info.protected_props)
                .cloned(),
        );
        g.nonpublic_methods.extend(
            info.private_methods
                .iter()
                .chain(&info.protected_methods)
                .cloned(),
        );
        g.classes.insert(key, plan.info.clone());
        plans.push((d, plan));
    }
    // Constants: literals fold; others get an init function.
    let mut pending_consts = Vec::new();
    for d in &p.decls {
        if let Decl::Const(c) = d {
            let name = canonical_name(&c.name.name).to_string();
            match fold_lit(&c.value, &g) {
                Some(l) => {
                    g.lits.insert(name, l);
                }
                None => {
                    g.computed.insert(name.clone(), ());
                    pending_consts.push((c, FuncId::new(n)));
                    n += 1;
                }
            }
        }
    }
    for d in &p.decls {
        let (name, consts): (_, HashMap<String, Option<Lit>>) = match d {
            Decl::Class(c) => (
                &c.name.name,
                c.members
                    .iter()
                    .filter_map(|m| match m {
                        ast::ClassMember::Const(k) => Some((
                            k.name.name.clone(),
                            k.value.as_ref().and_then(|e| fold_lit(e, &g)),
                        )),
                        _ => None,
                    })
                    .collect(),
            ),
            Decl::Enum(e) => (
                &e.name.name,
                e.cases
                    .iter()
                    .map(|k| (k.name.name.clone(), fold_lit(&k.value, &g)))
                    .collect(),
            ),
            _ => continue,
        };
        g.class_consts
            .insert(canonical_name(name).to_ascii_lowercase(), consts);
    }
    g.next_id.set(n as u32);
    let mut funcs: Vec<Option<Function>> = vec![None; n];
    for d in &p.decls {
        if let Decl::Function(f) = d {
            let id = g.funcs[&canonical_name(&f.name.name).to_ascii_lowercase()];
            funcs[id.index()] = Some(func::lower_function(&g, f)?);
        }
    }
    let mut module = Module::default();
    for (d, plan) in &plans {
        let decl = class::lower_class(&g, d, plan, &mut funcs)?;
        module.classes.push(decl);
    }
    for (c, id) in pending_consts {
        let name = canonical_name(&c.name.name).to_string();
        let hint = lower_hint_in(c.hint.as_ref(), &[], Some(&g));
        let f = func::lower_const_init(&g, &name, &c.value, &hint)?;
        funcs[id.index()] = Some(f);
        module.consts.push(ConstDecl {
            name: name.into(),
            hint,
            init: id,
        });
    }
    for (i, f) in funcs.into_iter().enumerate() {
        match f {
            Some(f) => {
                module.add_func(f);
            }
            None => {
                return err(
                    Span::default(),
                    format!("jsvm bug: function id {i} was never lowered"),
                )
            }
        }
    }
    for f in g.closures.take() {
        module.add_func(f);
    }
    Ok(module)
}

//! Declaration checks: the fatal errors HHVM raises when it loads a file or a class — duplicate
//! members, constants and entry points; inheritance from a final class or an interface; method
//! bodies where they may not be (or missing where they must be); overrides that change a
//! method's kind or narrow its visibility; abstract methods a concrete class leaves unimplemented.
//!
//! Messages are HHVM's where it has its own and PHP's otherwise. Names of classes that do not
//! exist are skipped here: lowering reports them.

use super::{canonical_name, err, hint_text, LowerError};
use crate::ast::{self, ClassKind, ClassMember, Decl, MethodDecl, Visibility};
use std::collections::{HashMap, HashSet};

type R = Result<(), LowerError>;

/// A class-like declaration found by name.
#[derive(Clone, Copy)]
enum Named<'a> {
    Class(&'a ast::ClassDecl),
    Enum(&'a ast::EnumDecl),
}

/// The program's classes, interfaces and enums by lowercase name (the first of each name:
/// lowering reports a redeclared class), and each class's parent class, looked up once (by the
/// declaration's address).
struct Index<'a> {
    named: HashMap<String, Named<'a>>,
    parents: HashMap<*const ast::ClassDecl, &'a ast::ClassDecl>,
}

impl<'a> Index<'a> {
    fn new(named: HashMap<String, Named<'a>>) -> Index<'a> {
        let mut ix = Index {
            named,
            parents: HashMap::new(),
        };
        let parents = ix
            .named
            .values()
            .filter_map(|n| match n {
                Named::Class(c) if c.kind == ClassKind::Class => {
                    let p = c.extends.first().and_then(|h| ix.class(h))?;
                    Some((*c as *const ast::ClassDecl, p))
                }
                _ => None,
            })
            .collect();
        ix.parents = parents;
        ix
    }

    fn get(&self, name: &str) -> Option<Named<'a>> {
        self.named
            .get(&canonical_name(name).to_ascii_lowercase())
            .copied()
    }

    fn class(&self, h: &ast::Hint) -> Option<&'a ast::ClassDecl> {
        match self.get(hint_name(h)?) {
            Some(Named::Class(c)) => Some(c),
            _ => None,
        }
    }

    /// `c` and its ancestors, nearest first ([`check_cycles`] has refused a cycle before any
    /// walk). (Every class of a hierarchy 4,000 deep walks it: the walk follows the parents
    /// looked up once.)
    fn chain(&self, c: &'a ast::ClassDecl) -> Vec<&'a ast::ClassDecl> {
        let parent = |k: &ast::ClassDecl| self.parents.get(&(k as *const _)).copied();
        let mut out = vec![c];
        while let Some(p) = parent(out[out.len() - 1]) {
            out.push(p);
        }
        out
    }

    /// Every interface that `c` or one of its ancestors implements, directly or through
    /// interfaces extending interfaces, in the order first met.
    fn interfaces(&self, c: &'a ast::ClassDecl) -> Vec<&'a ast::ClassDecl> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut todo: Vec<&ast::Hint> = Vec::new();
        for k in self.chain(c) {
            todo.extend(k.implements.iter().rev());
            if k.kind == ClassKind::Interface {
                todo.extend(k.extends.iter().rev());
            }
            while let Some(h) = todo.pop() {
                let Some(i) = self.class(h) else { continue };
                if i.kind != ClassKind::Interface || !seen.insert(lower(&i.name.name)) {
                    continue;
                }
                out.push(i);
                todo.extend(i.extends.iter().rev());
            }
        }
        out
    }
}

/// A class or interface that extends or implements itself, through any chain: HHVM cannot
/// load it (the runtime's class table reported it only when a program ran; the dump commands
/// went on without classes).
fn check_cycles(index: &Index<'_>, p: &ast::Program) -> R {
    // 1: on the current path, 2: done.
    let mut state: HashMap<*const ast::ClassDecl, u8> = HashMap::new();
    for d in &p.decls {
        let Decl::Class(c) = d else { continue };
        let mut path: Vec<(&ast::ClassDecl, usize)> = vec![(c, 0)];
        if state.insert(c as *const _, 1).is_some() {
            state.insert(c as *const _, 2);
            continue;
        }
        while let Some(&mut (k, ref mut next)) = path.last_mut() {
            let Some(h) = k.extends.iter().chain(&k.implements).nth(*next) else {
                state.insert(k as *const _, 2);
                path.pop();
                continue;
            };
            *next += 1;
            let Some(dep) = index.class(h) else { continue };
            match state.get(&(dep as *const _)) {
                Some(1) => {
                    return err(
                        dep.name.span,
                        format!("Class {} inherits from itself", dep.name.name),
                    )
                }
                Some(_) => {}
                None => {
                    state.insert(dep as *const _, 1);
                    path.push((dep, 0));
                }
            }
        }
    }
    Ok(())
}

fn lower(name: &str) -> String {
    canonical_name(name).to_ascii_lowercase()
}

fn hint_name(h: &ast::Hint) -> Option<&str> {
    match &h.kind {
        ast::HintKind::Named { name, .. } => Some(&name.name),
        _ => None,
    }
}

fn methods(c: &ast::ClassDecl) -> impl Iterator<Item = &MethodDecl> {
    c.members.iter().filter_map(|m| match m {
        ClassMember::Method(md) => Some(md),
        _ => None,
    })
}

fn is_ctor(m: &MethodDecl) -> bool {
    m.name.name.eq_ignore_ascii_case("__construct")
}

/// Check the program's declarations (before lowering them).
pub(crate) fn check_program(p: &ast::Program) -> R {
    let mut index = HashMap::new();
    let mut entry_points: HashMap<u32, &ast::FunDecl> = HashMap::new();
    let mut consts = HashSet::new();
    for d in &p.decls {
        match d {
            Decl::Function(f) if f.attrs.iter().any(|a| a.name.name == "__EntryPoint") => {
                if let Some(first) = entry_points.get(&f.span.file) {
                    return err(
                        f.name.span,
                        format!(
                            "A file may have only one <<__EntryPoint>> function ({}() has it too)",
                            first.name.name
                        ),
                    );
                }
                entry_points.insert(f.span.file, f);
            }
            Decl::Function(_) => {}
            Decl::Class(c) => {
                // HHVM's entry points are functions (hackc: "__EntryPoint" on a method is an
                // error): a method's was silently ignored, and `main`, if any, ran instead.
                let entry = c.members.iter().find_map(|m| match m {
                    ast::ClassMember::Method(m) => {
                        m.attrs.iter().find(|a| a.name.name == "__EntryPoint")
                    }
                    _ => None,
                });
                if let Some(a) = entry {
                    return err(
                        a.name.span,
                        "<<__EntryPoint>> applies to top-level functions, not to methods",
                    );
                }
                index.entry(lower(&c.name.name)).or_insert(Named::Class(c));
            }
            Decl::Enum(e) => {
                index.entry(lower(&e.name.name)).or_insert(Named::Enum(e));
            }
            Decl::Const(c) => {
                if !consts.insert(canonical_name(&c.name.name)) {
                    return err(
                        c.name.span,
                        format!("Constant {} already defined", c.name.name),
                    );
                }
            }
        }
    }
    let index = Index::new(index);
    check_cycles(&index, p)?;
    for d in &p.decls {
        match d {
            Decl::Class(c) => check_class(&index, c)?,
            Decl::Enum(e) => check_enum(e)?,
            _ => {}
        }
    }
    Ok(())
}

fn check_enum(e: &ast::EnumDecl) -> R {
    let mut seen = HashSet::new();
    for case in &e.cases {
        if !seen.insert(case.name.name.as_str()) {
            return err(
                case.name.span,
                format!(
                    "Cannot redefine class constant {}::{}",
                    canonical_name(&e.name.name),
                    case.name.name
                ),
            );
        }
    }
    Ok(())
}

fn check_class(ix: &Index, c: &ast::ClassDecl) -> R {
    let cname = canonical_name(&c.name.name);
    check_members(c, cname)?;
    if c.kind == ClassKind::Class && !c.is_abstract {
        if let Some(m) = methods(c).find(|m| m.is_abstract) {
            return err(
                m.name.span,
                format!(
                    "Class {cname} contains an abstract method and must therefore be declared \
                     abstract"
                ),
            );
        }
    }
    check_supertypes(ix, c, cname)?;
    check_overrides(ix, c, cname)?;
    check_property_overrides(ix, c, cname)?;
    if c.kind == ClassKind::Class && !c.is_abstract {
        check_implemented(ix, c, cname)?;
    }
    Ok(())
}

/// Duplicate methods, properties (promoted constructor parameters included) and constants;
/// method bodies.
fn check_members(c: &ast::ClassDecl, cname: &str) -> R {
    let mut methods = HashSet::new();
    let mut props = HashSet::new();
    let mut consts = HashSet::new();
    for m in &c.members {
        match m {
            ClassMember::Method(md) => {
                let name = &md.name.name;
                if !methods.insert(name.to_ascii_lowercase()) {
                    return err(md.name.span, format!("Cannot redeclare {cname}::{name}()"));
                }
                if is_ctor(md) {
                    for p in md.params.iter().filter(|p| p.promote.is_some()) {
                        if !props.insert(p.name.name.as_str()) {
                            return err(
                                p.name.span,
                                format!("Cannot redeclare {cname}::${}", p.name.name),
                            );
                        }
                    }
                }
                let body = md.body.is_some();
                let m = format!("{cname}::{name}()");
                let problem = match c.kind {
                    ClassKind::Interface if body => {
                        format!("Interface function {m} cannot contain body")
                    }
                    ClassKind::Class if md.is_abstract && body => {
                        format!("Abstract function {m} cannot contain body")
                    }
                    ClassKind::Class if !md.is_abstract && !body => {
                        format!("Non-abstract method {m} must contain body")
                    }
                    _ => continue,
                };
                return err(md.name.span, problem);
            }
            ClassMember::Property(p) => {
                if !props.insert(p.name.name.as_str()) {
                    return err(
                        p.name.span,
                        format!("Cannot redeclare {cname}::${}", p.name.name),
                    );
                }
            }
            ClassMember::Const(k) => {
                if !consts.insert(k.name.name.as_str()) {
                    return err(
                        k.name.span,
                        format!("Cannot redefine class constant {cname}::{}", k.name.name),
                    );
                }
            }
        }
    }
    Ok(())
}

/// A class extends a class that is not final; what a class implements or an interface extends
/// is an interface.
fn check_supertypes(ix: &Index, c: &ast::ClassDecl, cname: &str) -> R {
    let interfaces: Vec<&ast::Hint> = match c.kind {
        ClassKind::Class => {
            if let Some(h) = c.extends.first() {
                let parent = hint_name(h).and_then(|n| ix.get(n));
                let refused = match parent {
                    Some(Named::Enum(e)) => Some(("final class", &e.name)),
                    Some(Named::Class(p)) if p.kind == ClassKind::Interface => {
                        Some(("interface", &p.name))
                    }
                    Some(Named::Class(p)) if p.is_final => Some(("final class", &p.name)),
                    _ => None,
                };
                if let Some((what, pname)) = refused {
                    return err(
                        h.span,
                        format!(
                            "Class {cname} may not inherit from {what} ({})",
                            canonical_name(&pname.name)
                        ),
                    );
                }
            }
            c.implements.iter().collect()
        }
        ClassKind::Interface => c.extends.iter().chain(&c.implements).collect(),
    };
    for h in interfaces {
        let other = match hint_name(h).and_then(|n| ix.get(n)) {
            Some(Named::Enum(e)) => &e.name,
            Some(Named::Class(k)) if k.kind == ClassKind::Class => &k.name,
            _ => continue,
        };
        return err(
            h.span,
            format!(
                "{cname} cannot implement {} - it is not an interface",
                canonical_name(&other.name)
            ),
        );
    }
    Ok(())
}

/// A method declared here against what it overrides in an ancestor class (the nearest
/// non-private declaration) and against the interfaces' declarations: no final method is
/// overridden, a static method stays static and an instance method an instance method, and the
/// visibility is not narrowed. Constructors are exempt, as in PHP.
fn check_overrides<'a>(ix: &Index<'a>, c: &'a ast::ClassDecl, cname: &str) -> R {
    let ancestors = &ix.chain(c)[1..];
    let interfaces = ix.interfaces(c);
    for m in methods(c).filter(|m| !is_ctor(m)) {
        let key = m.name.name.to_ascii_lowercase();
        let find =
            |k: &'a ast::ClassDecl| methods(k).find(|am| am.name.name.eq_ignore_ascii_case(&key));
        let overridden = ancestors
            .iter()
            .find_map(|k| find(k).map(|am| (*k, am)))
            .filter(|(_, am)| am.visibility != Visibility::Private);
        let declared = interfaces
            .iter()
            .filter(|i| !std::ptr::eq(**i, c))
            .filter_map(|i| find(i).map(|am| (*i, am)));
        for (k, am) in overridden.into_iter().chain(declared) {
            let aname = format!("{}::{}()", canonical_name(&k.name.name), am.name.name);
            let kname = canonical_name(&k.name.name);
            let mname = &m.name.name;
            let message = if am.is_final {
                format!("Cannot override final method {aname}")
            } else if am.is_static && !m.is_static {
                format!("Cannot make static method {aname} non static in class {cname}")
            } else if !am.is_static && m.is_static {
                format!("Cannot make non static method {aname} static in class {cname}")
            } else if rank(m.visibility) < rank(am.visibility) {
                match am.visibility {
                    Visibility::Public => format!(
                        "Access level to {cname}::{mname}() must be public (as in class {kname})"
                    ),
                    _ => format!(
                        "Access level to {cname}::{mname}() must be protected (as in class \
                         {kname}) or weaker"
                    ),
                }
            } else {
                continue;
            };
            return err(m.name.span, message);
        }
    }
    Ok(())
}

/// A property a class declares (a promoted constructor parameter too).
struct Prop<'a> {
    name: &'a str,
    visibility: Visibility,
    is_static: bool,
    /// `None`: untyped (`mixed`).
    hint: Option<&'a ast::Hint>,
    span: crate::Span,
}

/// The properties a class declares, promoted constructor parameters included.
fn props(c: &ast::ClassDecl) -> Vec<Prop<'_>> {
    let mut out = Vec::new();
    for m in &c.members {
        match m {
            ClassMember::Property(p) => out.push(Prop {
                name: &p.name.name,
                visibility: p.visibility,
                is_static: p.is_static,
                hint: p.hint.as_ref(),
                span: p.name.span,
            }),
            ClassMember::Method(md) if is_ctor(md) => {
                out.extend(md.params.iter().filter_map(|p| {
                    Some(Prop {
                        name: &p.name.name,
                        visibility: p.promote?,
                        is_static: false,
                        hint: p.hint.as_ref(),
                        span: p.name.span,
                    })
                }));
            }
            _ => {}
        }
    }
    out
}

/// A property declared here against the nearest non-private declaration of it in an ancestor
/// class, as PHP checks them when the class is declared: static stays static and an instance
/// property an instance property, the visibility is not narrowed, and the type is the same
/// (property types are invariant; compiled code reads a property with the type its declaring
/// class gives it).
fn check_property_overrides<'a>(ix: &Index<'a>, c: &'a ast::ClassDecl, cname: &str) -> R {
    let ancestors = &ix.chain(c)[1..];
    for p in props(c) {
        let Some((k, a)) = ancestors.iter().find_map(|k| {
            props(k)
                .into_iter()
                .find(|a| a.name == p.name)
                .map(|a| (k, a))
        }) else {
            continue;
        };
        if a.visibility == Visibility::Private {
            continue;
        }
        let (name, kname) = (p.name, canonical_name(&k.name.name));
        let text = |h: Option<&ast::Hint>| h.map_or_else(|| "mixed".to_string(), hint_text);
        let message = if a.is_static && !p.is_static {
            format!("Cannot redeclare static {kname}::${name} as non static {cname}::${name}")
        } else if !a.is_static && p.is_static {
            format!("Cannot redeclare non static {kname}::${name} as static {cname}::${name}")
        } else if rank(p.visibility) < rank(a.visibility) {
            match a.visibility {
                Visibility::Public => {
                    format!("Access level to {cname}::${name} must be public (as in class {kname})")
                }
                _ => format!(
                    "Access level to {cname}::${name} must be protected (as in class {kname}) \
                     or weaker"
                ),
            }
        } else if !text(p.hint).eq_ignore_ascii_case(&text(a.hint)) {
            format!(
                "Type of {cname}::${name} must be {} (as in class {kname})",
                text(a.hint)
            )
        } else {
            continue;
        };
        return err(p.span, message);
    }
    Ok(())
}

fn rank(v: Visibility) -> u8 {
    match v {
        Visibility::Private => 0,
        Visibility::Protected => 1,
        Visibility::Public => 2,
    }
}

/// A concrete class implements every abstract method of its ancestors and every method of the
/// interfaces it implements (itself or through an ancestor).
fn check_implemented(ix: &Index, c: &ast::ClassDecl, cname: &str) -> R {
    let chain = ix.chain(c);
    let implemented: HashSet<String> = chain
        .iter()
        .flat_map(|k| methods(k))
        .filter(|m| m.body.is_some())
        .map(|m| m.name.name.to_ascii_lowercase())
        .collect();
    let abstract_methods = chain
        .iter()
        .flat_map(|k| methods(k))
        .filter(|m| m.is_abstract);
    let interfaces = ix.interfaces(c);
    let interface_methods = interfaces.iter().flat_map(|i| methods(i));
    for m in abstract_methods.chain(interface_methods) {
        if !implemented.contains(&m.name.name.to_ascii_lowercase()) {
            return err(
                c.name.span,
                format!(
                    "Class {cname} contains abstract method ({}) and must therefore be declared \
                     abstract or implement the remaining methods",
                    m.name.name
                ),
            );
        }
    }
    Ok(())
}

//! Lowering of classes, interfaces and enums: function ids for methods, property defaults and
//! constants, and the IR `ClassDecl`s the runtime builds its class table from.

use super::{canonical_name, err, func, lower_hint_scoped, Globals, LowerError};
use crate::ast::{self, ClassMember, Decl};
use jsvm_ir::{
    private_name, ClassDecl, ClassId, ClassKind, FuncId, Function, PropDecl, Type, TypeHint,
};
use std::collections::{HashMap, HashSet};

/// What other functions need to know about a class while lowering.
#[derive(Clone, Debug)]
pub(crate) struct ClassInfo {
    pub id: ClassId,
    /// The declared name.
    pub name: String,
    /// The parent's name.
    pub parent: Option<String>,
    /// Methods declared here: lowercase name → (function, is static).
    pub methods: HashMap<String, (FuncId, bool)>,
    /// Private instance properties declared here (promoted constructor parameters included)
    /// and private methods (lowercase): inside the class, accesses and calls by these names
    /// are to its own members, whatever the object's class ([`private_name`]).
    pub private_props: HashSet<String>,
    pub private_methods: HashSet<String>,
    /// Protected instance properties (promoted constructor parameters included) and protected
    /// instance methods (lowercase) declared here; a constructor is always a plain method.
    pub protected_props: HashSet<String>,
    pub protected_methods: HashSet<String>,
    /// Every method declared here (static, abstract and constructors included) by lowercase
    /// name: its visibility and declared name, for the checks of calls the front end resolves
    /// (`C::m()`, `parent::m()`, `new C`).
    pub method_vis: HashMap<String, (ast::Visibility, String)>,
    /// The visibility of each static property declared here.
    pub static_vis: HashMap<String, ast::Visibility>,
    pub is_enum: bool,
    /// For enums: the type of the case values.
    pub enum_base: Type,
}

impl ClassInfo {
    /// The name an access to instance property `name` uses inside this class: its own private
    /// property's [`private_name`]; the same scoped name for a property that another class
    /// declares private or protected (`nonpublic`), so that the runtime knows where the access
    /// comes from; else the plain name (every declaration of it is public).
    pub fn prop_name(&self, name: &str, nonpublic: &HashSet<String>) -> String {
        if self.private_props.contains(name) || nonpublic.contains(name) {
            private_name(&self.name, name)
        } else {
            name.to_string()
        }
    }

    /// The name a method call inside this class uses for method `name`, by
    /// [`ClassInfo::prop_name`]'s rule (`nonpublic` has lowercase names).
    pub fn method_name(&self, name: &str, nonpublic: &HashSet<String>) -> String {
        let lower = name.to_ascii_lowercase();
        if self.private_methods.contains(&lower) || nonpublic.contains(&lower) {
            private_name(&self.name, name)
        } else {
            name.to_string()
        }
    }

    /// The name under which this class declares its instance property `name`.
    pub fn declared_prop_name(&self, name: &str) -> String {
        if self.private_props.contains(name) {
            private_name(&self.name, name)
        } else {
            name.to_string()
        }
    }
}

/// Function ids reserved for one class, per member in declaration order.
pub(crate) struct ClassPlan {
    pub info: ClassInfo,
    ids: Vec<Option<FuncId>>,
}

fn next(n: &mut usize) -> FuncId {
    *n += 1;
    FuncId::new(*n - 1)
}

/// Reserve function ids for the members of class `c`.
pub(crate) fn plan_class(
    c: &ast::ClassDecl,
    index: usize,
    n: &mut usize,
) -> Result<ClassPlan, LowerError> {
    let mut methods = HashMap::new();
    let mut private_props = HashSet::new();
    let mut private_methods = HashSet::new();
    let mut protected_props = HashSet::new();
    let mut protected_methods = HashSet::new();
    let mut method_vis = HashMap::new();
    let mut static_vis = HashMap::new();
    let mut ids = Vec::new();
    for m in &c.members {
        match m {
            ClassMember::Method(md) => {
                method_vis.insert(
                    md.name.name.to_ascii_lowercase(),
                    (md.visibility, md.name.name.clone()),
                );
                // (A private constructor stays a plain method: `new` calls it by name.)
                let ctor = md.name.name.eq_ignore_ascii_case("__construct");
                if !md.is_static && !ctor {
                    match md.visibility {
                        ast::Visibility::Private => {
                            private_methods.insert(md.name.name.to_ascii_lowercase());
                        }
                        ast::Visibility::Protected => {
                            protected_methods.insert(md.name.name.to_ascii_lowercase());
                        }
                        ast::Visibility::Public => {}
                    }
                }
                if ctor {
                    for p in &md.params {
                        match p.promote {
                            Some(ast::Visibility::Private) => {
                                private_props.insert(p.name.name.clone());
                            }
                            Some(ast::Visibility::Protected) => {
                                protected_props.insert(p.name.name.clone());
                            }
                            _ => {}
                        }
                    }
                }
            }
            ClassMember::Property(p) if p.is_static => {
                static_vis.insert(p.name.name.clone(), p.visibility);
            }
            ClassMember::Property(p) => match p.visibility {
                ast::Visibility::Private => {
                    private_props.insert(p.name.name.clone());
                }
                ast::Visibility::Protected => {
                    protected_props.insert(p.name.name.clone());
                }
                ast::Visibility::Public => {}
            },
            _ => {}
        }
        let id = match m {
            ClassMember::Method(md) => {
                if md.body.is_some() {
                    let id = next(n);
                    methods.insert(md.name.name.to_ascii_lowercase(), (id, md.is_static));
                    Some(id)
                } else {
                    None
                }
            }
            ClassMember::Property(p) => p.default.as_ref().map(|_| next(n)),
            ClassMember::Const(k) => k.value.as_ref().map(|_| next(n)),
        };
        ids.push(id);
    }
    let parent = match c.kind {
        ast::ClassKind::Class => c.extends.first().and_then(hint_name),
        ast::ClassKind::Interface => None,
    };
    let info = ClassInfo {
        id: ClassId::new(index),
        name: canonical_name(&c.name.name).to_string(),
        parent,
        methods,
        private_props,
        private_methods,
        protected_props,
        protected_methods,
        method_vis,
        static_vis,
        is_enum: false,
        enum_base: Type::OBJ,
    };
    Ok(ClassPlan { info, ids })
}

/// Reserve function ids for the cases of enum `e`.
pub(crate) fn plan_enum(
    e: &ast::EnumDecl,
    index: usize,
    n: &mut usize,
) -> Result<ClassPlan, LowerError> {
    let ids = e.cases.iter().map(|_| Some(next(n))).collect();
    let base = match &e.base.kind {
        ast::HintKind::Prim(ast::Prim::Int) => Type::INT,
        ast::HintKind::Prim(ast::Prim::String) => Type::STR,
        _ => Type::ARRAY_KEY,
    };
    let info = ClassInfo {
        id: ClassId::new(index),
        name: canonical_name(&e.name.name).to_string(),
        parent: None,
        methods: HashMap::new(),
        private_props: HashSet::new(),
        private_methods: HashSet::new(),
        protected_props: HashSet::new(),
        protected_methods: HashSet::new(),
        method_vis: HashMap::new(),
        static_vis: HashMap::new(),
        is_enum: true,
        enum_base: base,
    };
    Ok(ClassPlan { info, ids })
}

fn hint_name(h: &ast::Hint) -> Option<String> {
    match &h.kind {
        ast::HintKind::Named { name, .. } => Some(canonical_name(&name.name).to_string()),
        _ => None,
    }
}

/// Lower the members of a planned class into `funcs` and build its `ClassDecl`.
pub(crate) fn lower_class(
    g: &Globals,
    d: &Decl,
    plan: &ClassPlan,
    funcs: &mut [Option<Function>],
) -> Result<ClassDecl, LowerError> {
    let name = plan.info.name.clone();
    let mut decl = ClassDecl {
        name: name.as_str().into(),
        kind: ClassKind::Class,
        is_abstract: false,
        is_final: false,
        parent: plan.info.parent.as_deref().map(Into::into),
        interfaces: Vec::new(),
        props: Vec::new(),
        consts: Vec::new(),
        methods: Vec::new(),
        protected_methods: Vec::new(),
    };
    match d {
        Decl::Class(c) => {
            decl.kind = match c.kind {
                ast::ClassKind::Class => ClassKind::Class,
                ast::ClassKind::Interface => ClassKind::Interface,
            };
            decl.is_abstract = c.is_abstract;
            decl.is_final = c.is_final;
            if let Some(p) = &decl.parent {
                if g.class(p).is_none() {
                    return err(
                        c.name.span,
                        format!("Class {p} not found (parent of {name})"),
                    );
                }
            }
            let ifaces: Vec<&ast::Hint> = match c.kind {
                ast::ClassKind::Class => c.implements.iter().collect(),
                ast::ClassKind::Interface => c.extends.iter().chain(&c.implements).collect(),
            };
            for i in ifaces {
                if let Some(n) = hint_name(i) {
                    if g.class(&n).is_none() {
                        return err(i.span, format!("Interface {n} not found"));
                    }
                    decl.interfaces.push(n.into());
                }
            }
            let tparams: Vec<String> = c.tparams.iter().map(|t| t.name.name.clone()).collect();
            for (m, id) in c.members.iter().zip(&plan.ids) {
                match m {
                    ClassMember::Method(md) => {
                        if md.name.name.eq_ignore_ascii_case("__construct") {
                            for p in md.params.iter().filter(|p| p.promote.is_some()) {
                                decl.props.push(PropDecl {
                                    name: plan.info.declared_prop_name(&p.name.name).into(),
                                    hint: lower_hint_scoped(
                                        p.hint.as_ref(),
                                        &tparams,
                                        Some(g),
                                        Some(&name),
                                    ),
                                    default: None,
                                    is_static: false,
                                    is_protected: p.promote == Some(ast::Visibility::Protected),
                                });
                            }
                        }
                        if let Some(id) = id {
                            funcs[id.index()] = Some(func::lower_method(g, &name, md, &tparams)?);
                        }
                        decl.methods.push((md.name.name.as_str().into(), *id));
                        let lower = md.name.name.to_ascii_lowercase();
                        if plan.info.protected_methods.contains(&lower) {
                            decl.protected_methods.push(lower.into());
                        }
                        if plan
                            .info
                            .private_methods
                            .contains(&md.name.name.to_ascii_lowercase())
                        {
                            // Also under its private name, which calls inside the class use.
                            decl.methods
                                .push((private_name(&name, &md.name.name).into(), *id));
                        }
                    }
                    ClassMember::Property(p) => {
                        let hint =
                            lower_hint_scoped(p.hint.as_ref(), &tparams, Some(g), Some(&name));
                        if let (Some(id), Some(e)) = (id, &p.default) {
                            let init_name = format!("{name}::${}", p.name.name);
                            let unchecked = TypeHint {
                                enforced: false,
                                ..hint.clone()
                            };
                            funcs[id.index()] =
                                Some(func::lower_init(g, &init_name, e, &unchecked, Some(&name))?);
                        }
                        decl.props.push(PropDecl {
                            name: if p.is_static {
                                p.name.name.as_str().into()
                            } else {
                                plan.info.declared_prop_name(&p.name.name).into()
                            },
                            hint,
                            default: *id,
                            is_static: p.is_static,
                            is_protected: !p.is_static
                                && p.visibility == ast::Visibility::Protected,
                        });
                    }
                    ClassMember::Const(k) => {
                        if let (Some(id), Some(e)) = (id, &k.value) {
                            let hint =
                                lower_hint_scoped(k.hint.as_ref(), &tparams, Some(g), Some(&name));
                            let init_name = format!("{name}::{}", k.name.name);
                            funcs[id.index()] =
                                Some(func::lower_init(g, &init_name, e, &hint, Some(&name))?);
                            decl.consts.push((k.name.name.as_str().into(), *id));
                        }
                    }
                }
            }
        }
        Decl::Enum(e) => {
            decl.kind = ClassKind::Enum;
            decl.is_final = true;
            let hint = TypeHint {
                ty: plan.info.enum_base,
                text: "enum".into(),
                enforced: false,
            };
            for (case, id) in e.cases.iter().zip(&plan.ids) {
                let id = id.expect("enum cases have init functions");
                let init_name = format!("{name}::{}", case.name.name);
                funcs[id.index()] = Some(func::lower_init(
                    g,
                    &init_name,
                    &case.value,
                    &hint,
                    Some(&name),
                )?);
                decl.consts.push((case.name.name.as_str().into(), id));
            }
        }
        _ => unreachable!("lower_class on a non-class declaration"),
    }
    Ok(decl)
}

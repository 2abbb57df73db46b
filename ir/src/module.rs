//! A whole program: functions, classes and top-level constants, with `FuncId`/`ClassId` as indexes.

use crate::entities::{ClassId, FuncId};
use crate::function::{Function, TypeHint};

/// A top-level constant whose initializer is not a literal.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstDecl {
    /// Name.
    pub name: Box<str>,
    /// Declared type.
    pub hint: TypeHint,
    /// A function of no arguments that computes the value (run once per request).
    pub init: FuncId,
}

/// What a class declaration declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassKind {
    /// A class (possibly abstract or final).
    Class,
    /// An interface.
    Interface,
    /// An enum.
    Enum,
}

/// The name under which class `class` declares its private member `name` (an instance property
/// or method), and under which the code inside the class accesses or calls it: `class::name`.
/// A subclass's private member of the same name is another member (another property slot,
/// another method), and a call from the class to its private method is not dispatched on the
/// object's class. (A private method is declared under its plain name too.)
pub fn private_name(class: &str, name: &str) -> String {
    format!("{class}::{name}")
}

/// The suffix of a memoized function's body (hackc's `MEMOIZE_SUFFIX`): the front end splits a
/// `<<__Memoize>>` function `f` with parameter defaults into the wrapper `f` and the memoized
/// body `f$memoize_impl`; messages name the body as `f`.
pub const MEMOIZE_SUFFIX: &str = "$memoize_impl";

/// The class and the member name of a [`private_name`]; `None` for a plain name.
#[inline]
pub fn private_parts(name: &str) -> Option<(&str, &str)> {
    // A byte scan: `split_once("::")` set up a substring searcher for every method call the
    // runtime resolved by name.
    let i = name.as_bytes().windows(2).position(|w| w == b"::")?;
    Some((&name[..i], &name[i + 2..]))
}

/// A property declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct PropDecl {
    /// Name without `$`.
    pub name: Box<str>,
    /// Declared type, enforced on write.
    pub hint: TypeHint,
    /// Function computing the default value, if any.
    pub default: Option<FuncId>,
    /// `static`.
    pub is_static: bool,
    /// `protected` (an instance property): code outside the classes related to the one that
    /// first declared it cannot access it.
    pub is_protected: bool,
}

/// A class, interface or enum.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDecl {
    /// Name.
    pub name: Box<str>,
    /// Kind.
    pub kind: ClassKind,
    /// `abstract`.
    pub is_abstract: bool,
    /// `final`.
    pub is_final: bool,
    /// Parent class name.
    pub parent: Option<Box<str>>,
    /// Implemented (or, for interfaces, extended) interfaces.
    pub interfaces: Vec<Box<str>>,
    /// Properties declared here (not inherited).
    pub props: Vec<PropDecl>,
    /// Class constants (and enum cases), each computed by a function.
    pub consts: Vec<(Box<str>, FuncId)>,
    /// Methods declared here: name and function (abstract methods have none).
    pub methods: Vec<(Box<str>, Option<FuncId>)>,
    /// The `protected` methods among `methods` (lowercase names): callable only from the
    /// classes related to the one that first declared the method.
    pub protected_methods: Vec<Box<str>>,
}

/// A whole program.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    /// Functions by `FuncId`.
    pub funcs: Vec<Function>,
    /// Classes by `ClassId`.
    pub classes: Vec<ClassDecl>,
    /// Top-level constants that need evaluation.
    pub consts: Vec<ConstDecl>,
}

impl Module {
    /// Add a function and return its id.
    pub fn add_func(&mut self, f: Function) -> FuncId {
        self.funcs.push(f);
        FuncId::new(self.funcs.len() - 1)
    }

    /// The function `id`.
    pub fn func(&self, id: FuncId) -> &Function {
        &self.funcs[id.index()]
    }

    /// Look a function up by qualified name.
    pub fn func_by_name(&self, name: &str) -> Option<FuncId> {
        self.funcs
            .iter()
            .position(|f| &*f.name == name)
            .map(FuncId::new)
    }

    /// Look a function up as a call through a string names it: the exact name, else ignoring
    /// ASCII case (Hack function names are case-insensitive, as direct calls already are).
    pub fn func_by_name_any_case(&self, name: &str) -> Option<FuncId> {
        self.func_by_name(name).or_else(|| {
            self.funcs
                .iter()
                .position(|f| f.name.eq_ignore_ascii_case(name))
                .map(FuncId::new)
        })
    }

    /// Look a class up by name (case-insensitive, as Hack class names are).
    pub fn class_by_name(&self, name: &str) -> Option<ClassId> {
        self.classes
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
            .map(ClassId::new)
    }

    /// The entry point: the `<<__EntryPoint>>` function, else `main`.
    pub fn entry_point(&self) -> Option<FuncId> {
        self.funcs
            .iter()
            .position(|f| f.attrs.entry_point)
            .or_else(|| {
                self.funcs
                    .iter()
                    .position(|f| f.name.eq_ignore_ascii_case("main"))
            })
            .map(FuncId::new)
    }
}

//! Objects and the class table: fixed property slots (parent properties first), one method table
//! per class, class constants and static properties resolved through the inheritance chain.
//!
//! `Object { hdr, class, props: [TypedValue; n] }` is one request-heap allocation; `class` points
//! into the program's `ClassTable`, which outlives every request.

use crate::error::{ExnClass, RuntimeError};
use crate::heap;
use crate::value::{HeapHeader, Tag, TypedValue};
use jsvm_ir::{private_parts, ClassKind, Module, Type, TypeHint};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// An instance property slot.
#[derive(Clone, Debug)]
pub struct PropSlot {
    /// Name without `$`.
    pub name: Box<str>,
    /// The class that declares it (the last one on the way to redeclare it), for messages.
    pub declared_in: Box<str>,
    /// Declared type, enforced on write.
    pub hint: TypeHint,
    /// Function computing the default, if any (else `null`).
    pub default: Option<u32>,
    /// For a protected property: the class that first declared it (the root of its
    /// redeclarations), whose relatives alone may access it.
    pub protected_root: Option<u32>,
}

/// A protected instance method of a class (inherited ones included).
#[derive(Clone, Copy, Debug)]
pub struct ProtectedMethod {
    /// The method's function.
    pub func: u32,
    /// The class that first declared a method of this name (the root of its overrides), whose
    /// relatives alone may call it.
    pub root: u32,
    /// The class that declares this function (for messages).
    pub class: u32,
}

/// What every class of a table knows of the others, to tell whether a class scope may access
/// a protected member: class ids by lowercase declared name, names, and ancestor sets.
#[derive(Debug, Default)]
pub struct Lineage {
    /// Class id by declared name and by lowercase declared name (the names scoped member
    /// names use).
    pub ids: HashMap<Box<str>, u32>,
    /// Each class's name, by id.
    pub names: Vec<Box<str>>,
    /// `ancestors[k]`: the ids of the classes and interfaces class `k` is (itself, those it
    /// extends or implements), sorted.
    pub ancestors: Vec<Box<[u32]>>,
}

impl Lineage {
    /// May code in the class named `scope` (`None`: outside every class) access a protected
    /// member first declared by class `root`? When one of the two classes extends the other.
    pub fn may_access(&self, scope: Option<&str>, root: u32) -> bool {
        // (Property names carry the class's declared name, method names its lowercase one:
        // both are keys, so the lookup on a cache miss allocates nothing.)
        let Some(k) = scope.and_then(|s| self.ids.get(s)) else {
            return false;
        };
        let is_a = |a: u32, b: u32| self.ancestors[a as usize].binary_search(&b).is_ok();
        is_a(*k, root) || is_a(root, *k)
    }
}

/// A table by name (methods, properties, constants, statics): hashed with foldhash, seeded per
/// process. Method and property lookups that miss a call site's cache hash the name; with
/// SipHash that was ~2% of an object-heavy program (deltablue).
pub type NameMap<V> = HashMap<Box<str>, V, foldhash::fast::RandomState>;

/// A class, interface or enum at run time.
#[derive(Debug)]
pub struct Class {
    /// Index in the class table (= the IR `ClassId`).
    pub id: u32,
    /// The name shown by `get_class` and messages.
    pub name: Box<str>,
    /// Class, interface or enum.
    pub kind: ClassKind,
    /// Cannot be instantiated.
    pub is_abstract: bool,
    /// The parent class.
    pub parent: Option<u32>,
    /// The ids of the classes and interfaces this class is (itself, those it extends or
    /// implements), sorted: a few per class, where a table of every class had n² entries.
    pub ancestors: Box<[u32]>,
    /// Instance property slots, parent slots first.
    pub props: Vec<PropSlot>,
    /// The slots in the order `var_dump` and `json_encode` list them, HHVM's
    /// `IteratePropToArrayOrder`: this class's own properties in declaration order, then its
    /// parent's in that order, a redeclared property once, where the most derived class
    /// declares it.
    pub to_array_order: Vec<u32>,
    /// Slot by property name. A private property's name is `Class::name` (the front end names
    /// accesses to it so inside the class that declares it), so that a subclass's private
    /// property of the same name is another slot.
    pub prop_index: NameMap<u32>,
    /// Methods by lowercase name (inherited ones included); a private method also by
    /// `class::name`, the name calls inside its class use.
    pub methods: NameMap<u32>,
    /// Abstract methods (lowercase, inherited included) that no class on the way implements,
    /// with the name of the class that declares them: calling one is HHVM's "Cannot call
    /// abstract method".
    pub abstract_methods: NameMap<Box<str>>,
    /// The private (instance) methods among `methods`: by their plain names they answer only
    /// calls from outside their class.
    pub private_methods: Vec<u32>,
    /// The protected (instance) methods among `methods`.
    pub protected_methods: Vec<ProtectedMethod>,
    /// The table's classes, for visibility checks of protected members.
    pub lineage: std::sync::Arc<Lineage>,
    /// Class constants (inherited included): name → index in the table's constant list.
    pub consts: NameMap<u32>,
    /// Static properties (inherited included): name → index in the table's static list.
    pub statics: NameMap<u32>,
    /// Enum case names in declaration order.
    pub cases: Vec<Box<str>>,
    /// The parent's name.
    pub parent_name: Option<Box<str>>,
}

impl Class {
    /// The parent class's name (for `get_parent_class`).
    pub fn parent_name(&self) -> Option<&str> {
        self.parent_name.as_deref()
    }

    /// The slot of property `name`, named as the front end names accesses: plain outside
    /// classes, `C::x` inside class `C` (its own private property's name, or the scoped name
    /// of a property that some class declares private or protected). A scoped name not found
    /// here (not the scope's private property) falls back to the plain name, as PHP looks up
    /// a name that is not the scope's private property. A private property found by another
    /// name than its own is accessed from outside its class; a protected one, from a scope
    /// unrelated to the class that first declared it ([`Lineage::may_access`]).
    #[inline]
    pub fn prop_slot(&self, name: &str) -> Result<u32, Miss> {
        let i = match self.prop_index.get(name) {
            Some(&i) => i,
            None => *self
                .prop_index
                .get(plain_name(name))
                .ok_or(Miss::Undefined)?,
        };
        let slot = &self.props[i as usize];
        if *slot.name != *name && private_parts(&slot.name).is_some() {
            return Err(Miss::Private);
        }
        if let Some(root) = slot.protected_root {
            if !self.lineage.may_access(scope_of(name), root) {
                return Err(Miss::Protected);
            }
        }
        Ok(i)
    }

    /// The method called by lowercase name `name`, with [`Class::prop_slot`]'s fallback, and
    /// no check of private methods (static calls and callables by name).
    #[inline]
    pub fn method(&self, name: &str) -> Option<u32> {
        match self.methods.get(name) {
            Some(&f) => Some(f),
            None => self.methods.get(plain_name(name)).copied(),
        }
    }

    /// The method an instance call by lowercase name `name` calls: [`Class::method`], where a
    /// private method found by its plain name is called from outside its class.
    #[inline]
    pub fn instance_method(&self, name: &str) -> Result<u32, Miss> {
        let f = self.method(name).ok_or(Miss::Undefined)?;
        let by_own_name = private_parts(name).is_some() && self.methods.contains_key(name);
        if !by_own_name && self.private_methods.contains(&f) {
            return Err(Miss::Private);
        }
        if let Some(m) = self.protected_method(f) {
            if !self.lineage.may_access(scope_of(name), m.root) {
                return Err(Miss::Protected);
            }
        }
        Ok(f)
    }

    /// The method a static call `C::name()` calls (`name` in any case), or the `Error` for
    /// one the class does not have (the fatal error for an abstract one).
    pub fn static_method(&self, name: &str) -> Result<u32, RuntimeError> {
        let lower = name.to_ascii_lowercase();
        self.method(&lower)
            .ok_or_else(|| match self.abstract_methods.get(&*lower) {
                // hackc gives an abstract method a body that raises this fatal error.
                Some(decl) => {
                    RuntimeError::fatal(format!("Cannot call abstract method {decl}::{name}()"))
                }
                None => RuntimeError::throw(
                    ExnClass::Error,
                    format!("Call to undefined method {}::{name}()", self.name),
                ),
            })
    }

    /// `new` of this class: the `Error` for an interface, an enum or an abstract class.
    pub fn instantiable(&self) -> Result<(), RuntimeError> {
        if !self.is_abstract {
            return Ok(());
        }
        let what = match self.kind {
            ClassKind::Interface => "interface",
            ClassKind::Enum => "enum",
            ClassKind::Class => "abstract class",
        };
        Err(RuntimeError::throw(
            ExnClass::Error,
            format!("Cannot instantiate {what} {}", self.name),
        ))
    }

    /// Function `f`'s entry among this class's protected methods.
    pub fn protected_method(&self, f: u32) -> Option<&ProtectedMethod> {
        self.protected_methods.iter().find(|m| m.func == f)
    }

    /// The class that declares property slot `i` and the property's name, for messages:
    /// `(C, x)` for a private `C::x`.
    pub fn prop_owner(&self, i: u32) -> (&str, &str) {
        let p = &self.props[i as usize];
        private_parts(&p.name).unwrap_or((&p.declared_in, &p.name))
    }

    /// True when an instance of `self` is an instance of class `other`.
    #[inline]
    pub fn is_a(&self, other: u32) -> bool {
        self.id == other || self.ancestors.binary_search(&other).is_ok()
    }
}

/// Why a property or method lookup found nothing to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Miss {
    /// The class has no such member.
    Undefined,
    /// A private member, accessed from outside the class that declares it.
    Private,
    /// A protected member, accessed from outside the classes related to the one that first
    /// declared it.
    Protected,
}

/// The class scope a member name comes from: `C` of a scoped `C::x`, `None` for a plain name
/// (an access from outside every class).
#[inline]
pub fn scope_of(name: &str) -> Option<&str> {
    private_parts(name).map(|(c, _)| c)
}

/// A member name without its class (`x` of a private property's `C::x`).
#[inline]
pub fn plain_name(name: &str) -> &str {
    private_parts(name).map_or(name, |(_, n)| n)
}

/// A static property's storage declaration.
#[derive(Clone, Debug)]
pub struct StaticDecl {
    /// The declaring class and the property's name (without `$`), for messages.
    pub owner: (Box<str>, Box<str>),
    /// Declared type.
    pub hint: TypeHint,
    /// Default initializer.
    pub default: Option<u32>,
}

/// Every class of a program, plus the program-wide lists of class constants and static properties.
#[derive(Debug, Default)]
pub struct ClassTable {
    /// Classes by id.
    pub classes: Vec<Class>,
    /// Class constants: initializer function of each.
    pub const_inits: Vec<u32>,
    /// Static properties.
    pub statics: Vec<StaticDecl>,
    /// Built-in exception classes by kind.
    pub exn: HashMap<ExnClass, u32>,
}

impl ClassTable {
    /// Build the table from the module's class declarations (parents before children is not
    /// required; cycles and unknown parents are errors).
    pub fn build(m: &Module) -> Result<ClassTable, String> {
        let n = m.classes.len();
        let by_name: HashMap<String, usize> = m
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.to_ascii_lowercase(), i))
            .collect();
        let find = |name: &str| -> Result<usize, String> {
            by_name
                .get(&name.to_ascii_lowercase())
                .copied()
                .ok_or_else(|| format!("Class {name} not found"))
        };
        // Order: parents and interfaces first.
        let mut order = Vec::with_capacity(n);
        let mut state = vec![0u8; n];
        fn visit(
            i: usize,
            m: &Module,
            find: &dyn Fn(&str) -> Result<usize, String>,
            state: &mut [u8],
            order: &mut Vec<usize>,
        ) -> Result<(), String> {
            match state[i] {
                2 => return Ok(()),
                1 => return Err(format!("class {} inherits from itself", m.classes[i].name)),
                _ => {}
            }
            state[i] = 1;
            let c = &m.classes[i];
            for dep in c.parent.iter().chain(&c.interfaces) {
                visit(find(dep)?, m, find, state, order)?;
            }
            state[i] = 2;
            order.push(i);
            Ok(())
        }
        for i in 0..n {
            visit(i, m, &find, &mut state, &mut order)?;
        }
        // The topmost class among `i` and its ancestors for which `declares` holds: the root
        // of a protected member's redeclarations.
        let root_of = |i: usize, declares: &dyn Fn(&jsvm_ir::ClassDecl) -> bool| -> u32 {
            let mut root = i;
            let mut cur = m.classes[i].parent.as_deref();
            for _ in 0..n {
                let Some(c) = cur.and_then(|p| find(p).ok()) else {
                    break;
                };
                if declares(&m.classes[c]) {
                    root = c;
                }
                cur = m.classes[c].parent.as_deref();
            }
            root as u32
        };
        let mut t = ClassTable::default();
        let mut built: Vec<Option<Class>> = (0..n).map(|_| None).collect();
        for i in order {
            let d = &m.classes[i];
            let parent = d.parent.as_deref().map(&find).transpose()?;
            let mut ancestors = vec![i as u32];
            let mut props = Vec::new();
            let mut inherited_order = Vec::new();
            let mut methods = NameMap::default();
            let mut abstract_methods = NameMap::default();
            let mut private_methods = Vec::new();
            let mut protected_methods: Vec<ProtectedMethod> = Vec::new();
            let mut consts = NameMap::default();
            let mut statics = NameMap::default();
            for dep in parent.iter().copied().chain(
                d.interfaces
                    .iter()
                    .map(|x| find(x))
                    .collect::<Result<Vec<_>, _>>()?,
            ) {
                let pc = built[dep].as_ref().expect("dependencies are built first");
                ancestors.extend_from_slice(&pc.ancestors);
                for (k, v) in &pc.consts {
                    consts.entry(k.clone()).or_insert(*v);
                }
                if Some(dep) == parent {
                    props = pc.props.clone();
                    inherited_order = pc.to_array_order.clone();
                    methods = pc.methods.clone();
                    abstract_methods = pc.abstract_methods.clone();
                    private_methods = pc.private_methods.clone();
                    protected_methods = pc.protected_methods.clone();
                    statics = pc.statics.clone();
                }
            }
            // Slot by name (a scan per property was quadratic in a class's property count).
            let mut slot_of: HashMap<Box<str>, usize> = props
                .iter()
                .enumerate()
                .map(|(k, s): (usize, &PropSlot)| (s.name.clone(), k))
                .collect();
            for p in &d.props {
                if p.is_static {
                    t.statics.push(StaticDecl {
                        owner: (d.name.clone(), p.name.clone()),
                        hint: p.hint.clone(),
                        default: p.default.map(|f| f.0),
                    });
                    statics.insert(p.name.clone(), (t.statics.len() - 1) as u32);
                } else {
                    let slot = PropSlot {
                        name: p.name.clone(),
                        declared_in: d.name.clone(),
                        hint: p.hint.clone(),
                        default: p.default.map(|f| f.0),
                        protected_root: p
                            .is_protected
                            .then(|| root_of(i, &|c| c.props.iter().any(|q| q.name == p.name))),
                    };
                    match slot_of.get(&p.name) {
                        Some(&at) => props[at] = slot,
                        None => {
                            slot_of.insert(p.name.clone(), props.len());
                            props.push(slot);
                        }
                    }
                }
            }
            let mut to_array_order: Vec<u32> = d
                .props
                .iter()
                .filter(|p| !p.is_static)
                .filter_map(|p| slot_of.get(&p.name))
                .map(|&s| s as u32)
                .collect();
            let own: std::collections::HashSet<u32> = to_array_order.iter().copied().collect();
            to_array_order.extend(inherited_order.into_iter().filter(|s| !own.contains(s)));
            for (name, f) in &d.methods {
                let lower = name.to_ascii_lowercase();
                let Some(f) = f else {
                    if !methods.contains_key(&*lower) {
                        abstract_methods.insert(lower.into(), d.name.clone());
                    }
                    continue;
                };
                abstract_methods.remove(&*lower);
                if d.protected_methods.iter().any(|p| **p == *lower) {
                    let declares = |c: &jsvm_ir::ClassDecl| {
                        c.methods
                            .iter()
                            .any(|(n, _)| n.eq_ignore_ascii_case(&lower))
                    };
                    protected_methods.push(ProtectedMethod {
                        func: f.0,
                        root: root_of(i, &declares),
                        class: i as u32,
                    });
                }
                methods.insert(lower.into(), f.0);
                // Declared under its private name too (see `Class::methods`).
                if private_parts(name).is_some() {
                    private_methods.push(f.0);
                }
            }
            for (name, f) in &d.consts {
                t.const_inits.push(f.0);
                consts.insert(name.clone(), (t.const_inits.len() - 1) as u32);
            }
            // A private property (`Class::name`) also answers to its plain name when no other
            // property has it (the most derived one's), for accesses the front end could not
            // tell were to it (see `Class::prop_slot`).
            let mut prop_index = NameMap::default();
            for (i, p) in props.iter().enumerate() {
                if let Some((_, plain)) = private_parts(&p.name) {
                    prop_index.insert(plain.into(), i as u32);
                }
            }
            for (i, p) in props.iter().enumerate() {
                prop_index.insert(p.name.clone(), i as u32);
            }
            let name: Box<str> = match ExnClass::from_name(&d.name) {
                Some(e) => {
                    t.exn.insert(e, i as u32);
                    e.name().into()
                }
                None => d.name.clone(),
            };
            let cases = if d.kind == ClassKind::Enum {
                d.consts.iter().map(|c| c.0.clone()).collect()
            } else {
                Vec::new()
            };
            built[i] = Some(Class {
                id: i as u32,
                name,
                kind: d.kind,
                is_abstract: d.is_abstract || d.kind != ClassKind::Class,
                parent: parent.map(|p| p as u32),
                ancestors: {
                    ancestors.sort_unstable();
                    ancestors.dedup();
                    ancestors.into()
                },
                props,
                to_array_order,
                prop_index,
                methods,
                abstract_methods,
                private_methods,
                protected_methods,
                lineage: Default::default(),
                consts,
                statics,
                cases,
                parent_name: d.parent.clone(),
            });
        }
        t.classes = built
            .into_iter()
            .map(|c| c.expect("every class built"))
            .collect();
        let lineage = std::sync::Arc::new(Lineage {
            ids: m
                .classes
                .iter()
                .enumerate()
                .flat_map(|(i, c)| {
                    [
                        (c.name.clone(), i as u32),
                        (c.name.to_ascii_lowercase().into(), i as u32),
                    ]
                })
                .collect(),
            names: t.classes.iter().map(|c| c.name.clone()).collect(),
            ancestors: t.classes.iter().map(|c| c.ancestors.clone()).collect(),
        });
        for c in &mut t.classes {
            c.lineage = lineage.clone();
        }
        Ok(t)
    }

    /// Whether type `t` names an interface (as a class type, nullable or not).
    pub fn names_interface(&self, t: Type) -> bool {
        t.class
            .is_some_and(|(c, _)| self.classes[c.0 as usize].kind == ClassKind::Interface)
    }

    /// The class with this name (case-insensitive).
    pub fn by_name(&self, name: &str) -> Option<&Class> {
        let name = name.strip_prefix('\\').unwrap_or(name);
        let name = name.strip_prefix("HH\\").unwrap_or(name);
        self.classes.iter().find(|c| {
            c.name.eq_ignore_ascii_case(name)
                || c.name
                    .strip_prefix("HH\\")
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }
}

/// The header of an object; property slots follow it.
#[repr(C)]
pub struct Object {
    /// Common heap header (kind = `HeapHeader::KIND_OBJ`).
    pub hdr: HeapHeader,
    /// The object's class.
    pub class: *const Class,
}

const OBJ_HEADER: usize = std::mem::size_of::<Object>();

/// Allocate an object of `class` with every property set to `init[i]` (ownership of the values
/// moves into the object); returns the owned object value.
pub fn new_object(class: &Class, init: impl Iterator<Item = TypedValue>) -> TypedValue {
    let n = class.props.len();
    let size = OBJ_HEADER + n * std::mem::size_of::<TypedValue>();
    let p = heap::alloc(size, 16) as *mut Object;
    // SAFETY: `p` is a fresh allocation of `size` bytes, aligned for `Object` and `TypedValue`.
    unsafe {
        p.write(Object {
            hdr: HeapHeader::counted(HeapHeader::KIND_OBJ),
            class,
        });
        let slots = (p as *mut u8).add(OBJ_HEADER) as *mut TypedValue;
        let mut it = init;
        for i in 0..n {
            slots
                .add(i)
                .write(it.next().unwrap_or_else(TypedValue::null));
        }
    }
    TypedValue::from_heap(Tag::Obj, p as *mut HeapHeader)
}

/// Whether `o` is an object whose class has `__toString` (it is Stringish; a closure is not).
pub fn has_to_string(o: &TypedValue) -> bool {
    o.tag == Tag::Obj && class_of(o).method("__tostring").is_some()
}

/// Entries of a [`MethodCache`].
const METHOD_WAYS: usize = 8;

/// A call site's cache of the methods it resolved, direct-mapped by the receiver's class id:
/// a site that sees up to [`METHOD_WAYS`] classes of nearby ids (a family of classes declared
/// together) finds each one's method without a lookup by name. An empty entry holds
/// `u64::MAX` (class id `u32::MAX`, which no class has).
#[derive(Debug)]
pub struct MethodCache([AtomicU64; METHOD_WAYS]);

impl Default for MethodCache {
    fn default() -> Self {
        MethodCache(std::array::from_fn(|_| AtomicU64::new(u64::MAX)))
    }
}

impl MethodCache {
    /// The method cached for class `cls`.
    #[inline]
    pub fn get(&self, cls: u32) -> Option<u32> {
        let c = self.0[cls as usize % METHOD_WAYS].load(Ordering::Relaxed);
        (c >> 32 == u64::from(cls)).then_some(c as u32)
    }

    /// Cache method `m` for class `cls` (in place of the entry's class before).
    #[inline]
    pub fn put(&self, cls: u32, m: u32) {
        self.0[cls as usize % METHOD_WAYS]
            .store(u64::from(cls) << 32 | u64::from(m), Ordering::Relaxed);
    }
}

/// The class of object value `o`. Precondition: `o` is an `Obj`.
#[inline]
pub fn class_of(o: &TypedValue) -> &'static Class {
    debug_assert_eq!(o.tag, Tag::Obj);
    // SAFETY: an `Obj` value points at a live `Object` (invariant W) whose class lives in the
    // program's class table, which outlives every request.
    unsafe { &*(*(o.payload as *const Object)).class }
}

/// Pointer to property slot `i` of object `o`. Precondition: `o` is an `Obj` and `i` < its slot count.
#[inline]
pub fn slot_ptr(o: &TypedValue, i: u32) -> *mut TypedValue {
    // SAFETY: the slots follow the header in the same allocation; the caller checks `i`.
    unsafe { (o.payload as *mut u8).add(OBJ_HEADER + i as usize * 16) as *mut TypedValue }
}

/// Read property slot `i` (borrowed).
#[inline]
pub fn get_slot(o: &TypedValue, i: u32) -> TypedValue {
    // SAFETY: see `slot_ptr`.
    unsafe { *slot_ptr(o, i) }
}

/// `HeapHeader::flags` bit of an object or closure that a memoize cache key names by identity:
/// when it is freed, its address goes on the thread's list of dead memoize keys, so that the
/// cache drops its entries before another object can take its address.
pub const FLAG_MEMO_KEY: u8 = 1;

thread_local! {
    static DEAD_MEMO_KEYS: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Mark object or closure `v` as named by a memoize cache key (see [`FLAG_MEMO_KEY`]); false
/// for a static one, which is never freed.
pub fn mark_memo_key(v: &TypedValue) -> bool {
    debug_assert!(matches!(v.tag, Tag::Obj | Tag::Func));
    let h = v.heap_ptr();
    // SAFETY: a live object or closure; the request's heap is this thread's.
    unsafe {
        if (*h).rc <= 0 {
            return false;
        }
        (*h).flags |= FLAG_MEMO_KEY;
    }
    true
}

/// The addresses of the memoize-key objects and closures freed since the last call.
pub fn take_dead_memo_keys() -> Vec<usize> {
    DEAD_MEMO_KEYS.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

#[inline]
fn note_if_memo_key(tv: &TypedValue) {
    // SAFETY: the caller frees this live object or closure.
    if unsafe { (*tv.heap_ptr()).flags } & FLAG_MEMO_KEY != 0 {
        DEAD_MEMO_KEYS.with(|d| d.borrow_mut().push(tv.payload as usize));
    }
}

/// Release hook: frees the object and hands its property values to the caller for release.
///
/// # Safety
/// `tv` is an object whose reference count just reached zero.
pub unsafe fn release(tv: TypedValue, children: &mut Vec<TypedValue>) {
    note_if_memo_key(&tv);
    let class = class_of(&tv);
    let n = class.props.len();
    for i in 0..n {
        children.push(get_slot(&tv, i as u32));
    }
    // SAFETY: the object was allocated by `new_object` with this size.
    unsafe { heap::free(tv.payload as *mut u8, OBJ_HEADER + n * 16) };
}

/// Install the object and closure release hooks (idempotent).
pub fn install() {
    crate::value::set_release_hook(Tag::Obj, release);
    crate::value::set_release_hook(Tag::Func, release_closure);
}

/// A closure: a function and the values it captured (`$this` first when captured).
#[repr(C)]
pub struct Closure {
    /// Common heap header (kind = `HeapHeader::KIND_FUNC`).
    pub hdr: HeapHeader,
    /// The closure's function.
    pub func: u32,
    /// Number of captured values that follow.
    pub n: u32,
}

const CLOSURE_HEADER: usize = std::mem::size_of::<Closure>();

/// A closure of `func` over `captures` (owned; they move into the closure).
pub fn new_closure(func: u32, captures: &[TypedValue]) -> TypedValue {
    let size = CLOSURE_HEADER + captures.len() * 16;
    let p = heap::alloc(size, 16) as *mut Closure;
    // SAFETY: fresh allocation of `size` bytes, aligned for `Closure` and `TypedValue`.
    unsafe {
        p.write(Closure {
            hdr: HeapHeader::counted(HeapHeader::KIND_FUNC),
            func,
            n: captures.len() as u32,
        });
        let slots = (p as *mut u8).add(CLOSURE_HEADER) as *mut TypedValue;
        for (i, c) in captures.iter().enumerate() {
            slots.add(i).write(*c);
        }
    }
    TypedValue::from_heap(Tag::Func, p as *mut HeapHeader)
}

/// The function and captured values (borrowed) of closure value `f`. Precondition: `f` is a `Func`.
pub fn closure_parts(f: &TypedValue) -> (u32, &[TypedValue]) {
    debug_assert_eq!(f.tag, Tag::Func);
    // SAFETY: a `Func` value points at a live `Closure` whose captures follow the header.
    unsafe {
        let c = &*(f.payload as *const Closure);
        let slots = (f.payload as *const u8).add(CLOSURE_HEADER) as *const TypedValue;
        (c.func, std::slice::from_raw_parts(slots, c.n as usize))
    }
}

/// Release hook of closures.
///
/// # Safety
/// `tv` is a closure whose reference count just reached zero.
pub unsafe fn release_closure(tv: TypedValue, children: &mut Vec<TypedValue>) {
    note_if_memo_key(&tv);
    let (_, caps) = closure_parts(&tv);
    let n = caps.len();
    children.extend_from_slice(caps);
    // SAFETY: allocated by `new_closure` with this size.
    unsafe { heap::free(tv.payload as *mut u8, CLOSURE_HEADER + n * 16) };
}

/// The `Error` for an access to property `name` that [`Class::prop_slot`] refused.
#[cold]
pub fn prop_error(class: &Class, name: &str, miss: Miss) -> RuntimeError {
    let name = plain_name(name);
    RuntimeError::throw(
        ExnClass::Error,
        match miss {
            Miss::Undefined => format!("Undefined property: {}::${name}", class.name),
            Miss::Private => format!("Cannot access private property {}::${name}", class.name),
            Miss::Protected => {
                format!("Cannot access protected property {}::${name}", class.name)
            }
        },
    )
}

/// The `Error` for an instance call of method `name` that [`Class::instance_method`] refused.
#[cold]
pub fn method_error(class: &Class, name: &str, miss: Miss) -> RuntimeError {
    let scope = scope_of(name);
    let name = plain_name(name);
    RuntimeError::throw(
        ExnClass::Error,
        match miss {
            // PHP's words: the method's declaring class, and where the call comes from.
            Miss::Protected => {
                let declarer = class
                    .method(&name.to_ascii_lowercase())
                    .and_then(|f| class.protected_method(f))
                    .map_or(&*class.name, |m| &class.lineage.names[m.class as usize]);
                // (A call's scoped name is lowercase: the class's declared name.)
                let from = match scope {
                    Some(s) => match class.lineage.ids.get(&*s.to_ascii_lowercase()) {
                        Some(&k) => format!("scope {}", class.lineage.names[k as usize]),
                        None => format!("scope {s}"),
                    },
                    None => "global scope".to_string(),
                };
                format!("Call to protected method {declarer}::{name}() from {from}")
            }
            Miss::Undefined => format!("Call to undefined method {}::{name}()", class.name),
            Miss::Private => format!(
                "Call to private method {}::{name}() from outside its class",
                class.name
            ),
        },
    )
}

/// `==` on objects: the same class and `==` properties, slot by slot.
/// Comparing an object that is already being compared (a cycle through its properties) is
/// PHP's and HHVM's fatal error.
pub fn loose_eq(a: &TypedValue, b: &TypedValue) -> Result<bool, RuntimeError> {
    if a.bits_eq(*b) {
        return Ok(true);
    }
    if class_of(a).id != class_of(b).id {
        return Ok(false);
    }
    let differs = first_of_props(a, b, |x, y| {
        Ok((!crate::conv::loose_eq(x, y)?).then_some(()))
    })?;
    Ok(differs.is_none())
}

/// The first `Some` that `f` gives for the properties of `a` and `b` (objects of one class)
/// taken pairwise in declaration order; a cycle back to `a` is the fatal "Nesting level too
/// deep".
fn first_of_props<R>(
    a: &TypedValue,
    b: &TypedValue,
    mut f: impl FnMut(&TypedValue, &TypedValue) -> Result<Option<R>, RuntimeError>,
) -> Result<Option<R>, RuntimeError> {
    let Some(_visit) = Visit::enter(a) else {
        return Err(RuntimeError::fatal(
            "Nesting level too deep - recursive dependency?",
        ));
    };
    for i in 0..class_of(a).props.len() as u32 {
        if let Some(r) = f(&get_slot(a, i), &get_slot(b, i))? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// `a <=> b` of two objects, as HHVM's `ObjectData::compare` and PHP 8: the same object is
/// equal; objects of one class compare property by property in declaration order (the first
/// difference decides); objects of different classes are unordered (1 either way, so that `<`,
/// `<=`, `>` and `>=` are all false). A cycle is the fatal "Nesting level too deep".
pub fn compare(a: &TypedValue, b: &TypedValue) -> Result<i64, RuntimeError> {
    if a.bits_eq(*b) {
        return Ok(0);
    }
    if class_of(a).id != class_of(b).id {
        return Ok(1);
    }
    let first = first_of_props(a, b, |x, y| {
        let c = crate::conv::compare(x, y)?;
        Ok((c != 0).then_some(c))
    })?;
    Ok(first.unwrap_or(0))
}

thread_local! {
    /// The objects whose `==` or `var_dump` is in progress on this thread (a set: a walk down
    /// a chain a million objects deep checks each in constant time).
    static VISITING: std::cell::RefCell<std::collections::HashSet<u64>> =
        std::cell::RefCell::new(std::collections::HashSet::new());
}

/// An object marked in progress (a walk through its properties) until dropped, unwinding
/// included.
pub struct Visit(u64);

impl Visit {
    /// Mark object `o` in progress; `None` when it already is (a cycle led back to it).
    pub fn enter(o: &TypedValue) -> Option<Visit> {
        VISITING
            .with(|v| v.borrow_mut().insert(o.payload))
            .then(|| Visit(o.payload))
    }
}

impl Drop for Visit {
    fn drop(&mut self) {
        VISITING.with(|v| v.borrow_mut().remove(&self.0));
    }
}

/// `var_dump` of an object in HHVM's format: `object(C) (N) {` then each property.
pub fn var_dump_object(
    out: &mut Vec<u8>,
    o: &TypedValue,
    indent: usize,
) -> Result<(), RuntimeError> {
    // An object met again inside itself: PHP's and HHVM's `*RECURSION*`.
    let Some(_visit) = Visit::enter(o) else {
        out.extend_from_slice(b"*RECURSION*");
        return Ok(());
    };
    let c = class_of(o);
    out.extend_from_slice(format!("object({}) ({}) {{\n", c.name, c.props.len()).as_bytes());
    for &i in &c.to_array_order {
        let p = &c.props[i as usize];
        out.extend(std::iter::repeat_n(b' ', indent + 2));
        // HHVM's `["x":"C":private]` for a private property (`C::x`), `["x":protected]`
        // for a protected one.
        let key = match private_parts(&p.name) {
            Some((class, name)) => format!("\"{name}\":\"{class}\":private"),
            None if p.protected_root.is_some() => format!("\"{}\":protected", p.name),
            None => format!("\"{}\"", p.name),
        };
        out.extend_from_slice(format!("[{key}]=>\n").as_bytes());
        crate::builtins::var_dump_value(out, &get_slot(o, i), indent + 2)?;
    }
    out.extend(std::iter::repeat_n(b' ', indent));
    out.push(b'}');
    Ok(())
}

/// The error for reading a typed property that was never initialized.
#[cold]
pub fn uninit_prop(o: &TypedValue, i: u32) -> RuntimeError {
    let (class, name) = class_of(o).prop_owner(i);
    RuntimeError::throw(
        ExnClass::Error,
        format!("Typed property {class}::${name} must not be accessed before initialization"),
    )
}

/// The class a late-static-binding source names: an object (its class) or a class id.
pub fn class_source<'a>(classes: &'a [Class], v: &TypedValue) -> Result<&'a Class, RuntimeError> {
    let cls = match v.tag {
        Tag::Obj => Some(class_of(v)),
        Tag::Int => usize::try_from(v.as_int())
            .ok()
            .and_then(|i| classes.get(i)),
        _ => None,
    };
    cls.ok_or_else(|| RuntimeError::fatal("jsvm: static:: without a class"))
}

#[cfg(test)]
mod tests {
    use super::MethodCache;

    /// Each class id has its own entry until one 8 ids away takes it; a class never gets
    /// another class's method.
    #[test]
    fn method_cache_is_direct_mapped_by_class_id() {
        let c = MethodCache::default();
        assert_eq!(c.get(0), None);
        for cls in 0..8 {
            c.put(cls, 100 + cls);
        }
        for cls in 0..8 {
            assert_eq!(c.get(cls), Some(100 + cls));
        }
        c.put(11, 7);
        assert_eq!(c.get(11), Some(7));
        assert_eq!(c.get(3), None, "class 11 took class 3's entry");
        assert_eq!(c.get(19), None, "same entry, other class");
    }
}

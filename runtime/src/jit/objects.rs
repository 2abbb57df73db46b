//! Helpers for objects, classes and calls that need the running request's VM (`ctx.vm`): `new`,
//! properties (inline-cached per site), class constants and statics, method, static, value,
//! spread and callback calls, closures, class type tests, and materializing an exception for a
//! `catch` block.
//!
//! Calls go to the callee's compiled generic entry when the function table has one, else to
//! the interpreter through the request's VM (memoized functions through its cache), exactly as
//! the interpreter itself dispatches them. The contract of the parent module applies.

use super::containers::{fail, slice};
use super::{done, raise};
use crate::array;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::interp::{exec, Program};
use crate::object::{self, Class};
use crate::value::{Tag, TypedValue};
use jsvm_ir::{ClassId, Type};
use std::sync::atomic::{AtomicU64, Ordering};

/// What one instruction site needs at run time (owned by the compiler, alive as long as the
/// code): a name, a class name, an id, and an inline cache.
#[derive(Debug)]
pub struct SiteInfo {
    /// Property, method or member name (methods lowercase).
    pub name: Box<str>,
    /// The name as the program spells it, for messages.
    pub spelling: Box<str>,
    /// Class name (`static` for late static binding; empty when unused).
    pub class: Box<str>,
    /// A function, class or callback index, when the site has one.
    pub id: u32,
    /// `class id << 32 | slot or function` (`u64::MAX` = empty), or a resolved index + 1.
    pub cache: AtomicU64,
    /// A method call's methods for the classes `cache` does not hold.
    pub methods: object::MethodCache,
}

impl SiteInfo {
    /// A site with an empty cache.
    pub fn new(name: &str, class: &str, id: u32) -> SiteInfo {
        SiteInfo {
            name: name.into(),
            spelling: name.into(),
            class: class.into(),
            id,
            cache: AtomicU64::new(u64::MAX),
            methods: object::MethodCache::default(),
        }
    }

    /// A method call's site: looked up by its lowercase name, spelled as written in messages.
    pub fn method(spelling: &str) -> SiteInfo {
        SiteInfo {
            name: spelling.to_ascii_lowercase().into(),
            ..SiteInfo::new(spelling, "", 0)
        }
    }
}

/// The program running this request.
pub(crate) fn program(ctx: &Ctx) -> Result<&'static Program, RuntimeError> {
    if ctx.jit_program == 0 {
        return Err(RuntimeError::fatal(
            "jsvm: compiled code runs without a program",
        ));
    }
    // SAFETY: `jit_program` is set by the embedder to the `Program` that runs this request,
    // which outlives every request (and so every use of this reference).
    Ok(unsafe { &*(ctx.jit_program as *const Program) })
}

/// Run `f` with the request's VM (a fresh one when compiled code runs without an interpreter).
pub(crate) fn with_vm<R>(
    ctx: &mut Ctx,
    f: impl FnOnce(&mut exec::Vm<'static>, &mut Ctx) -> Result<R, RuntimeError>,
) -> Result<R, RuntimeError> {
    let prog = program(ctx)?;
    if ctx.vm.is_null() {
        let mut vm = exec::Vm::new(prog);
        ctx.vm = &mut vm as *mut exec::Vm as *mut ();
        let r = f(&mut vm, ctx);
        ctx.vm = std::ptr::null_mut();
        return r;
    }
    // SAFETY: `ctx.vm` is set by the interpreter (or the CLI) for the duration of its call
    // into compiled code, and the VM is not otherwise used until that call returns.
    let vm = unsafe { &mut *(ctx.vm as *mut exec::Vm<'static>) };
    f(vm, ctx)
}

/// Call function `func` with owned `args` ([`exec::Vm::call_owned`]); compiled code is called
/// without the VM (compiled code may run without one).
pub(crate) fn call_func(
    ctx: &mut Ctx,
    func: u32,
    args: &mut [TypedValue],
) -> Result<TypedValue, RuntimeError> {
    let prog = program(ctx)?;
    if let (Some(entry), false) = (prog.table.get(func), prog.funcs[func as usize].memoize) {
        // SAFETY: the arguments are owned values moved into the callee, as `GenericEntry`
        // requires; the callee leaves a Hack exception in `ctx.pending`.
        let r = unsafe { entry(ctx, args.as_mut_ptr(), args.len() as u32) };
        return match ctx.pending.take() {
            Some(e) => Err(e),
            None => Ok(r),
        };
    }
    with_vm(ctx, |vm, ctx| vm.call_owned(ctx, func, args))
}

/// Releases consumed operands on an error path.
fn drop_all(args: &[TypedValue]) {
    for a in args {
        // SAFETY: the operands were moved to the helper and are not used again.
        unsafe { a.dec_ref() };
    }
}

/// The class of a site: its named class, or (for `static`) the class source `src`.
fn site_class(
    prog: &'static Program,
    site: &SiteInfo,
    src: &TypedValue,
) -> Result<&'static Class, RuntimeError> {
    if &*site.class == "static" {
        return object::class_source(&prog.classes.classes, src);
    }
    prog.classes.by_name(&site.class).ok_or_else(|| {
        RuntimeError::throw(ExnClass::Error, format!("Class undefined: {}", site.class))
    })
}

/// `new_obj` of the site's class (`src` is the class source for `new static`).
pub unsafe extern "C-unwind" fn rt_new_obj(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    src: TypedValue,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code.
    let (c, site) = unsafe { (&mut *ctx, &*site) };
    let r = (|| {
        let prog = program(c)?;
        let cached = site.cache.load(Ordering::Relaxed);
        let id = if cached != u64::MAX {
            cached as u32
        } else {
            let cls = site_class(prog, site, &src)?;
            cls.instantiable()?;
            if &*site.class != "static" {
                site.cache.store(cls.id as u64, Ordering::Relaxed);
            }
            cls.id
        };
        with_vm(c, |vm, ctx| vm.new_object(ctx, id))
    })();
    done(ctx, r)
}

/// Byte offset of `Object::class` (compiled fast paths check the class id).
pub const OBJ_CLASS_OFFSET: usize = std::mem::offset_of!(object::Object, class);
/// Byte offset of an object's first property slot.
pub const OBJ_SLOTS_OFFSET: usize = std::mem::size_of::<object::Object>();
/// Byte offset of `Class::id`.
pub const CLASS_ID_OFFSET: usize = std::mem::offset_of!(Class, id);

/// The tags a write to property `i` of `cls` may store without a type error or a class check
/// (bit `t` for tag `t`; compiled code takes the fast path only for these).
pub fn write_mask(cls: &Class, i: u32) -> u64 {
    let h = &cls.props[i as usize].hint;
    if !h.enforced {
        return 0x7ff;
    }
    let ty = h.ty;
    let mut m = 0u64;
    let both_str = Type::SSTR.bits | Type::CSTR.bits;
    for (tag, bits) in [
        (Tag::Uninit, Type::UNINIT.bits),
        (Tag::Null, Type::NULL.bits),
        (Tag::Bool, Type::BOOL.bits),
        (Tag::Int, Type::INT.bits),
        (Tag::Float, Type::FLOAT.bits),
        (Tag::Str, both_str),
        (Tag::Vec, Type::VEC.bits),
        (Tag::Dict, Type::DICT.bits),
        (Tag::Keyset, Type::KEYSET.bits),
        (Tag::Obj, Type::OBJ.bits),
        (Tag::Func, Type::FUNC.bits),
    ] {
        let ok = ty.bits & bits == bits && (tag != Tag::Obj || ty.class.is_none());
        if ok {
            m |= 1 << tag as u8;
        }
    }
    m
}

/// The slot of the site's property in `o`, inline-cached as `class id << 32 | mask << 16 |
/// slot` (`mask`, for write sites, is `write_mask`; slots past 16 bits are not cached).
#[inline]
fn prop_slot(site: &SiteInfo, o: &TypedValue, write: bool) -> Result<u32, RuntimeError> {
    if o.tag != Tag::Obj {
        return Err(RuntimeError::throw(
            ExnClass::Error,
            format!(
                "Cannot access property '{}' of a non-object ({})",
                object::plain_name(&site.name),
                exec::given_type(o)
            ),
        ));
    }
    let cls = object::class_of(o);
    let c = site.cache.load(Ordering::Relaxed);
    if c >> 32 == cls.id as u64 {
        return Ok(c as u16 as u32);
    }
    match cls.prop_slot(&site.name) {
        Ok(i) => {
            if i < 1 << 16 {
                let mask = if write { write_mask(cls, i) } else { 0 };
                site.cache.store(
                    (cls.id as u64) << 32 | mask << 16 | i as u64,
                    Ordering::Relaxed,
                );
            }
            Ok(i)
        }
        Err(miss) => Err(object::prop_error(cls, &site.name, miss)),
    }
}

/// `get_prop o` (borrowed; owned result).
pub unsafe extern "C-unwind" fn rt_get_prop(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    o: TypedValue,
) -> TypedValue {
    // SAFETY: `site` outlives the code.
    let site = unsafe { &*site };
    let r = prop_slot(site, &o, false).and_then(|i| {
        let v = object::get_slot(&o, i);
        if v.tag == Tag::Uninit {
            return Err(object::uninit_prop(&o, i));
        }
        // SAFETY: the object keeps the property alive; the result gets its own reference.
        unsafe { v.inc_ref() };
        Ok(v)
    });
    done(ctx, r)
}

/// `get_prop_quiet o` (borrowed; owned result): null where `get_prop` throws or finds the
/// property uninitialized. Never throws.
pub unsafe extern "C-unwind" fn rt_get_prop_quiet(
    _ctx: *mut Ctx,
    site: *const SiteInfo,
    o: TypedValue,
) -> TypedValue {
    // SAFETY: `site` outlives the code.
    let site = unsafe { &*site };
    if o.tag != Tag::Obj {
        return TypedValue::null();
    }
    let Ok(i) = prop_slot(site, &o, false) else {
        return TypedValue::null();
    };
    let v = object::get_slot(&o, i);
    if v.tag == Tag::Uninit {
        return TypedValue::null();
    }
    // SAFETY: the object keeps the property alive; the result gets its own reference.
    unsafe { v.inc_ref() };
    v
}

/// `take_prop o`: moves the property out (the slot is left uninitialized).
pub unsafe extern "C-unwind" fn rt_take_prop(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    ops: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: `site` outlives the code; `ops` holds the `n` borrowed operands (the object, then
    // the write to check).
    let (site, ops) = unsafe { (&*site, super::containers::slice(ops, n)) };
    let o = ops[0];
    let r = prop_slot(site, &o, false).and_then(|i| {
        let p = object::slot_ptr(&o, i);
        // SAFETY: `p` is a slot of the live object.
        let slot = unsafe { &mut *p };
        if slot.tag == Tag::Uninit {
            return Err(object::uninit_prop(&o, i));
        }
        crate::array::take_for_write(slot, &ops[1..], TypedValue::uninit())
    });
    done(ctx, r)
}

/// `set_prop o, v` (`v` consumed; type-checked on write). Returns `Null`.
pub unsafe extern "C-unwind" fn rt_set_prop(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    o: TypedValue,
    v: TypedValue,
) -> TypedValue {
    // SAFETY: `site` outlives the code.
    let site = unsafe { &*site };
    let i = match prop_slot(site, &o, true) {
        Ok(i) => i,
        Err(e) => {
            drop_all(&[v]);
            return fail(ctx, e);
        }
    };
    let cls = object::class_of(&o);
    let p = &cls.props[i as usize];
    if p.hint.enforced && !exec::matches(&v, p.hint.ty) {
        let e = exec::prop_type_error(cls, i, &v);
        drop_all(&[v]);
        return fail(ctx, e);
    }
    let sp = object::slot_ptr(&o, i);
    // SAFETY: `sp` is a slot of the live object; the old value's reference is dropped.
    unsafe {
        let old = *sp;
        *sp = v;
        old.dec_ref();
    }
    TypedValue::null()
}

/// The index of the site's class constant or static (cached for a named class).
fn member_index(
    prog: &'static Program,
    site: &SiteInfo,
    src: &TypedValue,
    is_const: bool,
) -> Result<u32, RuntimeError> {
    let c = site.cache.load(Ordering::Relaxed);
    if c != u64::MAX {
        return Ok(c as u32);
    }
    let cls = site_class(prog, site, src)?;
    let map = if is_const { &cls.consts } else { &cls.statics };
    let idx = map.get(&*site.name).copied().ok_or_else(|| {
        RuntimeError::throw(
            ExnClass::Error,
            if is_const {
                format!("Undefined class constant {}::{}", cls.name, site.name)
            } else {
                format!(
                    "Access to undeclared static property {}::${}",
                    cls.name, site.name
                )
            },
        )
    })?;
    if &*site.class != "static" {
        site.cache.store(idx as u64, Ordering::Relaxed);
    }
    Ok(idx)
}

/// `class_const` (`src` is the class source for `static::`; borrowed).
pub unsafe extern "C-unwind" fn rt_class_const(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    src: TypedValue,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code.
    let (c, site) = unsafe { (&mut *ctx, &*site) };
    let r = (|| {
        let prog = program(c)?;
        if &*site.name == "class" && &*site.class == "static" {
            let cls = object::class_source(&prog.classes.classes, &src)?;
            return Ok(TypedValue::new_str(cls.name.as_bytes()));
        }
        let idx = member_index(prog, site, &src, true)?;
        let v = with_vm(c, |vm, ctx| vm.class_const(ctx, idx))?;
        // SAFETY: the constant cache keeps the value alive; the result gets its own reference.
        unsafe { v.inc_ref() };
        Ok(v)
    })();
    done(ctx, r)
}

/// `get_const` of a top-level constant with a computed initializer (`site.id` is its index).
pub unsafe extern "C-unwind" fn rt_get_const(ctx: *mut Ctx, site: *const SiteInfo) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code.
    let (c, site) = unsafe { (&mut *ctx, &*site) };
    let r = with_vm(c, |vm, ctx| vm.global_const(ctx, site.id)).inspect(|v| {
        // SAFETY: the constant cache keeps the value alive; the result gets its own reference.
        unsafe { v.inc_ref() };
    });
    done(ctx, r)
}

/// `get_static` (`src` is the class source for `static::`; borrowed).
pub unsafe extern "C-unwind" fn rt_get_static(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    src: TypedValue,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code.
    let (c, site) = unsafe { (&mut *ctx, &*site) };
    let r = (|| {
        let prog = program(c)?;
        let idx = member_index(prog, site, &src, false)?;
        let v = with_vm(c, |vm, ctx| vm.static_value(ctx, idx))?;
        // SAFETY: the static slot keeps the value alive; the result gets its own reference.
        unsafe { v.inc_ref() };
        Ok(v)
    })();
    done(ctx, r)
}

/// `take_static` (`src` as for [`rt_get_static`]): the value moves out of the static, which
/// holds null until the following `set_static`.
pub unsafe extern "C-unwind" fn rt_take_static(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    ops: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code; `ops` holds the `n` borrowed operands
    // (the class source, then the write to check).
    let (c, site, ops) = unsafe { (&mut *ctx, &*site, super::containers::slice(ops, n)) };
    let r = (|| {
        let prog = program(c)?;
        let idx = member_index(prog, site, &ops[0], false)?;
        with_vm(c, |vm, ctx| vm.take_static(ctx, idx, &ops[1..]))
    })();
    done(ctx, r)
}

/// `set_static v` (`v` consumed; `src`, the class source for `static::`, consumed too).
/// Returns `Null`.
pub unsafe extern "C-unwind" fn rt_set_static(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    v: TypedValue,
    src: TypedValue,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code.
    let (c, site) = unsafe { (&mut *ctx, &*site) };
    let r = (|| {
        let prog = program(c)?;
        let idx = member_index(prog, site, &src, false);
        drop_all(&[src]);
        let idx = match idx {
            Ok(i) => i,
            Err(e) => {
                drop_all(&[v]);
                return Err(e);
            }
        };
        with_vm(c, |vm, ctx| vm.set_static(ctx, idx, v))?;
        Ok(TypedValue::null())
    })();
    done(ctx, r)
}

/// `call_method` with `n` consumed operands at `args` (operand 0 is the receiver).
pub unsafe extern "C-unwind" fn rt_call_method(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    args: *mut TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code; `args` holds `n` owned values.
    let (c, site, args) = unsafe {
        (
            &mut *ctx,
            &*site,
            std::slice::from_raw_parts_mut(args, n as usize),
        )
    };
    let recv = args[0];
    if recv.tag != Tag::Obj {
        let e = if recv.tag == Tag::Null || recv.tag == Tag::Uninit {
            RuntimeError::throw(
                ExnClass::BadMethodCallException,
                format!(
                    "Call to a member function {}() on null",
                    object::plain_name(&site.spelling)
                ),
            )
        } else {
            RuntimeError::throw(
                ExnClass::Error,
                format!(
                    "Call to a member function {}() on {}",
                    object::plain_name(&site.spelling),
                    exec::given_type(&recv)
                ),
            )
        };
        drop_all(args);
        return fail(ctx, e);
    }
    let cls = object::class_of(&recv);
    let cached = site.cache.load(Ordering::Relaxed);
    let func = if cached >> 32 == cls.id as u64 {
        cached as u32
    } else if let Some(m) = site.methods.get(cls.id) {
        m
    } else {
        match cls.instance_method(&site.name) {
            Ok(m) => {
                site.cache
                    .store((cls.id as u64) << 32 | m as u64, Ordering::Relaxed);
                site.methods.put(cls.id, m);
                m
            }
            Err(miss) => {
                drop_all(args);
                if miss == object::Miss::Undefined && &*site.name == "__construct" {
                    return TypedValue::null();
                }
                return fail(ctx, object::method_error(cls, &site.spelling, miss));
            }
        }
    };
    done(ctx, call_func(c, func, args))
}

/// `call_static` with `n` consumed operands at `args` (operand 0 is the class source or
/// `$this`, passed to the callee as its hidden parameter).
pub unsafe extern "C-unwind" fn rt_call_static(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    args: *mut TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code; `args` holds `n` owned values.
    let (c, site, args) = unsafe {
        (
            &mut *ctx,
            &*site,
            std::slice::from_raw_parts_mut(args, n as usize),
        )
    };
    let r = (|| {
        let prog = program(c)?;
        let cls = match site_class(prog, site, &args[0]) {
            Ok(cls) => cls,
            Err(e) => {
                drop_all(args);
                return Err(e);
            }
        };
        if cls.kind == jsvm_ir::ClassKind::Enum {
            let r = with_vm(c, |vm, ctx| {
                vm.enum_method(ctx, cls, &site.name, &args[1..])
            });
            drop_all(args);
            return r;
        }
        match cls.static_method(&site.name) {
            Ok(func) => call_func(c, func, args),
            Err(e) => {
                drop_all(args);
                Err(e)
            }
        }
    })();
    done(ctx, r)
}

/// `call_value` with `n` consumed operands at `args` (operand 0 is the callee).
pub unsafe extern "C-unwind" fn rt_call_value(
    ctx: *mut Ctx,
    args: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: helper contract; `args` holds `n` owned values.
    let (c, args) = unsafe { (&mut *ctx, slice(args, n)) };
    let callee = args[0];
    if callee.tag == Tag::Func {
        let (func, caps) = object::closure_parts(&callee);
        // The captures then the arguments, on the stack when they are few (a call per element
        // of a loop allocated and freed a vec each time), copied one by one: the slots are
        // not initialized first, and no `memmove` call copies a handful of values.
        for v in caps {
            // SAFETY: the closure keeps its captures alive; the callee gets its own reference.
            unsafe { v.inc_ref() };
        }
        let mut all = caps.iter().chain(&args[1..]).copied();
        let n = caps.len() + args.len() - 1;
        let mut small = [std::mem::MaybeUninit::<TypedValue>::uninit(); 8];
        let mut big = Vec::new();
        let owned: &mut [TypedValue] = if n <= small.len() {
            for (slot, v) in small.iter_mut().zip(&mut all) {
                slot.write(v);
            }
            // SAFETY: the first `n` slots were just written (the chain holds `n` values).
            unsafe { std::slice::from_raw_parts_mut(small.as_mut_ptr().cast::<TypedValue>(), n) }
        } else {
            big.extend(all);
            &mut big
        };
        drop_all(&[callee]);
        return done(ctx, call_func(c, func, owned));
    }
    let r = with_vm(c, |vm, ctx| {
        array::Invoker::invoke(vm, ctx, &callee, &args[1..])
    });
    drop_all(args);
    done(ctx, r)
}

/// `call_spread fnN` with `n` consumed operands at `args` (the last is the vec to spread).
pub unsafe extern "C-unwind" fn rt_call_spread(
    ctx: *mut Ctx,
    func: u32,
    args: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: helper contract; `args` holds `n` owned values.
    let (c, args) = unsafe { (&mut *ctx, slice(args, n)) };
    let (rest, fixed) = args.split_last().expect("call_spread has a vec");
    let mut owned: Vec<TypedValue> = fixed.to_vec();
    for e in array::vec_elems(rest) {
        // SAFETY: the vec keeps its elements alive; the callee gets its own reference.
        unsafe { e.inc_ref() };
        owned.push(*e);
    }
    drop_all(&[*rest]);
    done(ctx, call_func(c, func, &mut owned))
}

/// `make_closure fnN` over `n` consumed captures at `args`.
pub unsafe extern "C-unwind" fn rt_make_closure(
    _ctx: *mut Ctx,
    func: u32,
    args: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: `args` holds `n` owned values, which move into the closure.
    object::new_closure(func, unsafe { slice(args, n) })
}

/// A callback builtin (`site.id` indexes `array::callback_builtins`) with `n` borrowed
/// arguments at `args`.
pub unsafe extern "C-unwind" fn rt_call_callback(
    ctx: *mut Ctx,
    site: *const SiteInfo,
    args: *mut TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code; `args` holds `n` borrowed values.
    let (c, site, args) = unsafe { (&mut *ctx, &*site, slice(args, n)) };
    let cb = &array::callback_builtins()[site.id as usize];
    let r = with_vm(c, |vm, ctx| cb.call(ctx, vm, args));
    done(ctx, r)
}

/// `call_user_func_array(f, args)` (both borrowed).
pub unsafe extern "C-unwind" fn rt_call_array(
    ctx: *mut Ctx,
    f: TypedValue,
    a: TypedValue,
) -> TypedValue {
    // SAFETY: helper contract.
    let c = unsafe { &mut *ctx };
    let args: Vec<TypedValue> = match array::items(&a) {
        Some(items) => items.map(|(_, v)| v).collect(),
        None => Vec::new(),
    };
    let r = with_vm(c, |vm, ctx| array::Invoker::invoke(vm, ctx, &f, &args));
    done(ctx, r)
}

/// 1 when the borrowed value has type `bits` with instances of class `class` (as the
/// interpreter's `matches`).
pub unsafe extern "C-unwind" fn rt_is_class(a: TypedValue, bits: u32, class: u32) -> u32 {
    exec::matches(
        &a,
        Type {
            bits: bits as u16,
            class: Some((ClassId(class), false)),
        },
    ) as u32
}

/// Enters a `catch` block: takes the pending error and returns it as an exception object
/// (built-in exceptions are created here). `exit()` and fatals stay pending (they are not
/// catchable), as does an error raised while creating the object.
pub unsafe extern "C-unwind" fn rt_catch(ctx: *mut Ctx) -> TypedValue {
    // SAFETY: helper contract.
    let c = unsafe { &mut *ctx };
    let e = match c.pending.take() {
        Some(e @ (RuntimeError::Exit(_) | RuntimeError::Fatal(_))) => {
            c.pending = Some(e);
            return TypedValue::uninit();
        }
        Some(e) => e,
        None => return raise(c, RuntimeError::fatal("jsvm: catch without an exception")),
    };
    c.jit_pending = 0;
    match with_vm(c, |vm, ctx| vm.materialize(ctx, e)) {
        Ok(o) => o,
        Err(e) => raise(c, e),
    }
}

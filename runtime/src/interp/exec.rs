//! The dispatch loop: runs register bytecode with every Hack frame on one contiguous VM stack
//! (no native recursion per Hack call).
//!
//! Ownership follows the IR's opcode table: borrowed operands are read without touching
//! reference counts, consumed operands move out of their slot, results are owned; the
//! refcount pass placed the `IncRef`/`DecRef` ops.

use super::bytecode::{Arr, Bin, Cmp, Op, Slot, Un};
use super::Program;
use crate::array;
use crate::builtins;
use crate::conv;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::object::{self, Class};
use crate::ops;
use crate::value::{Tag, TypedValue};
use jsvm_ir::{Type, VerifyKind};

/// Deepest nesting of native calls into the dispatch loop (each uses native stack) where the
/// thread's stack bounds are not known (`Ctx::stack_limit` unset); else the bound is the
/// stack itself ([`NATIVE_ROOM`]).
const MAX_NATIVE_DEPTH: u32 = 1000;

/// The native stack a nested dispatch loop must find free above `Ctx::stack_limit` (itself a
/// margin for helpers and builtins): its own frames and the callbacks of builtins it calls.
const NATIVE_ROOM: usize = 1 << 20;

/// Slots in the VM stack (16 bytes each): 64 MiB, committed lazily by the OS.
const STACK_SLOTS: usize = 4 << 20;

/// A caller's saved state.
#[derive(Clone, Copy)]
struct Frame {
    func: u32,
    pc: u32,
    base: u32,
    ret: Slot,
}

/// The VM stack and call frames of one request.
pub struct Vm<'p> {
    prog: &'p Program,
    stack: Box<[TypedValue]>,
    frames: Vec<Frame>,
    consts: Vec<Option<TypedValue>>,
    argbuf: Vec<TypedValue>,
    /// First free slot for a nested (native) call, e.g. a constant's initializer.
    top: usize,
    /// Class constants computed so far.
    class_consts: Vec<Option<TypedValue>>,
    /// The constants whose initializers are running (`true` for a class constant), innermost
    /// last: one asked for again refers to itself.
    const_inits_running: Vec<(bool, u32)>,
    /// Static properties (initialized on first use).
    statics: Vec<Option<TypedValue>>,
    /// Property defaults per class, computed on the first `new`.
    prop_defaults: Vec<Option<Vec<TypedValue>>>,
    /// `<<__Memoize>>` results by key: the function's id then the serialized arguments.
    memo: std::collections::HashMap<Box<[u8]>, TypedValue, foldhash::fast::RandomState>,
    /// The buffer `call_memoized` builds its keys in (a hit allocates nothing).
    memo_key: Vec<u8>,
    /// The memoize cache's keys by the address of each object or closure they name by identity
    /// (the objects carry [`object::FLAG_MEMO_KEY`]): freed ones' entries leave the cache before
    /// a lookup, so a new object at the same address cannot find them.
    memo_by_object: std::collections::HashMap<usize, Vec<Box<[u8]>>, foldhash::fast::RandomState>,
    /// Nested (native) calls into the dispatch loop: initializers, callbacks, memoized calls.
    native_depth: u32,
    /// Bump the program's profile counters (the dispatch loop is compiled twice, with and
    /// without the counting code).
    pub profile: bool,
}

fn zeroed_stack() -> Box<[TypedValue]> {
    let layout = std::alloc::Layout::array::<TypedValue>(STACK_SLOTS).expect("stack layout");
    // SAFETY: the layout is non-zero sized; all-zero bytes are a valid `TypedValue` (`Uninit`,
    // payload 0), and the pointer is turned into a Box with the same layout, which frees it.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout) as *mut TypedValue;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Box::from_raw(std::ptr::slice_from_raw_parts_mut(p, STACK_SLOTS))
    }
}

/// The type name of a value in messages (`int`, `string`, `vec`, a class name).
pub fn given_type(tv: &TypedValue) -> &str {
    match tv.tag {
        Tag::Uninit | Tag::Null => "null",
        Tag::Bool => "bool",
        Tag::Int => "int",
        Tag::Float => "float",
        Tag::Str => "string",
        Tag::Vec => "vec",
        Tag::Dict => "dict",
        Tag::Keyset => "keyset",
        Tag::Obj => object::class_of(tv).name.as_ref(),
        Tag::Func => "Closure",
    }
}

/// True when `tv` belongs to `ty` (class constraints are checked by the object layer).
#[inline]
pub fn matches(tv: &TypedValue, ty: Type) -> bool {
    let bit = match tv.tag {
        Tag::Uninit => Type::UNINIT.bits,
        Tag::Null => Type::NULL.bits,
        Tag::Bool => Type::BOOL.bits,
        Tag::Int => Type::INT.bits,
        Tag::Float => Type::FLOAT.bits,
        Tag::Str => {
            if tv.is_static() {
                Type::SSTR.bits
            } else {
                Type::CSTR.bits
            }
        }
        Tag::Vec => Type::VEC.bits,
        Tag::Dict => Type::DICT.bits,
        Tag::Keyset => Type::KEYSET.bits,
        Tag::Obj => Type::OBJ.bits,
        Tag::Func => Type::FUNC.bits,
    };
    if ty.bits & bit == 0 {
        return false;
    }
    match (tv.tag, ty.class) {
        (Tag::Obj, Some((c, _))) => object::class_of(tv).is_a(c.0),
        _ => true,
    }
}

/// What a failed return check names, as HHVM's `verifyFail`: `function f()`, `method C::m()`,
/// or `closure` (a closure's function is named `outer#closure<N>`). A memoized function's body
/// ([`jsvm_ir::MEMOIZE_SUFFIX`]) is named as the function.
pub fn returning(fname: &str) -> String {
    let fname = fname.strip_suffix(jsvm_ir::MEMOIZE_SUFFIX).unwrap_or(fname);
    if fname.contains("#closure") {
        "closure".into()
    } else if fname.contains("::") {
        format!("method {fname}()")
    } else {
        format!("function {fname}()")
    }
}

/// A hint as HHVM's messages show it (`TypeConstraint::displayName`): the constraint's name,
/// without type arguments (`vec<int>` is `vec`, `Box<T>` is `Box`).
fn display_name(text: &str) -> &str {
    text.split('<').next().unwrap_or(text)
}

/// The error for a failed `verify_type` (shared by the interpreter and compiled code): `hint` is
/// the declared hint's text and whether it names an interface. The wording is HHVM's
/// `TypeConstraint::verifyFail`.
#[cold]
pub fn verify_failed(
    fname: &str,
    kind: VerifyKind,
    (text, interface): (&str, bool),
    tv: &TypedValue,
) -> RuntimeError {
    let given = given_type(tv);
    let text = match kind {
        VerifyKind::As => text,
        _ => display_name(text),
    };
    match kind {
        VerifyKind::Param(i) => RuntimeError::type_error(format!(
            "Argument {} passed to {fname}() must {} {text}, {given} given",
            i + 1,
            if interface {
                "implement interface"
            } else {
                "be an instance of"
            },
        )),
        VerifyKind::Return => RuntimeError::type_error(format!(
            "Value returned from {} must be of type {}, {given} given",
            returning(fname),
            text
        )),
        VerifyKind::Prop => RuntimeError::type_error(format!(
            "Cannot assign {given} to property of type {}",
            text
        )),
        VerifyKind::As => RuntimeError::throw(
            ExnClass::TypeAssertionException,
            format!("Expected {}, got {given}", text),
        ),
    }
}

/// `$v[$i]` for a vec and an in-bounds int: the element with its own reference.
#[inline(always)]
fn vec_get_fast(c: &TypedValue, k: &TypedValue) -> Option<TypedValue> {
    if c.tag != Tag::Vec || k.tag != Tag::Int {
        return None;
    }
    let v = *array::vec_elems(c).get(usize::try_from(k.as_int()).ok()?)?;
    // SAFETY: the vec keeps the element alive; the result gets its own reference.
    unsafe { v.inc_ref() };
    Some(v)
}

/// `$v[$i] = x` for a unique vec and an in-bounds int, in place; `None` leaves every operand
/// untouched for the general path.
///
/// # Safety
/// `c` and `v` are owned; on `Some` they are consumed.
#[inline(always)]
unsafe fn vec_set_fast(c: TypedValue, k: &TypedValue, v: TypedValue) -> Option<TypedValue> {
    if c.tag != Tag::Vec || k.tag != Tag::Int || !c.is_unique() {
        return None;
    }
    let elems = array::vec_elems(&c);
    let i = usize::try_from(k.as_int())
        .ok()
        .filter(|&i| i < elems.len())?;
    let p = elems.as_ptr() as *mut TypedValue;
    // SAFETY: the vec is unique (no other reference can observe the write) and `i` is in
    // bounds; the old element's reference is dropped.
    unsafe {
        let old = std::mem::replace(&mut *p.add(i), v);
        old.dec_ref();
    }
    Some(c)
}

/// `$a .= $b`: `a` is consumed; a unique counted string grows in place.
fn concat_to(a: TypedValue, b: &TypedValue) -> TypedValue {
    if a.tag == Tag::Str && !a.is_static() {
        let extra = conv::to_string_bytes(b);
        // SAFETY: `a` is a live string owned by the caller and consumed here.
        return TypedValue::str(unsafe { crate::string::Str::append(a.as_str_ptr(), &extra) });
    }
    let r = crate::string::Str::concat_n(&[a, *b]);
    // SAFETY: `a` is consumed.
    unsafe { a.dec_ref() };
    r
}

/// `concat_path` of its owned operands `ops` (container, keys, string): [`concat_path`]; the
/// keys and the string are released, the container consumed on success.
pub fn concat_path_ops(
    ops: &[TypedValue],
    objects: impl FnOnce(&TypedValue, &TypedValue) -> Result<TypedValue, RuntimeError>,
) -> Result<TypedValue, RuntimeError> {
    let (c, rest) = ops.split_first().expect("concat_path has a container");
    let (v, keys) = rest.split_last().expect("concat_path has a value");
    let r = concat_path(*c, keys, v, objects);
    for k in rest {
        // SAFETY: the keys and the string are consumed operands (`Var(consume)`).
        unsafe { k.dec_ref() };
    }
    r
}

/// `$c[k1]...[kn] .= b` (`concat_path`). The element is read as `index_get` reads it (a
/// missing key throws before anything changes) and the write checked; then each container on
/// the path and the string are taken out ([`array::index_take`]), so that unique ones grow in
/// place, and put back. When the element or `b` is an object, `objects(element, b)` makes the
/// string instead (`__toString`, which may throw, changing nothing). `c` is consumed on success;
/// `keys` and `b` are borrowed.
pub fn concat_path(
    c: TypedValue,
    keys: &[TypedValue],
    b: &TypedValue,
    objects: impl FnOnce(&TypedValue, &TypedValue) -> Result<TypedValue, RuntimeError>,
) -> Result<TypedValue, RuntimeError> {
    let (k0, rest) = keys.split_first().expect("concat_path has a key");
    let mut leaf = array::index_get(&c, k0)?;
    for k in rest {
        let inner = array::index_get(&leaf, k);
        // SAFETY: the intermediate container read here is released.
        unsafe { leaf.dec_ref() };
        leaf = inner?;
    }
    if leaf.tag.is_object() || b.tag.is_object() {
        let r = objects(&leaf, b);
        // SAFETY: the element read here is released.
        unsafe { leaf.dec_ref() };
        // SAFETY: `c` and the new string are owned; `set_path` consumes the string, and `c` on
        // success.
        return unsafe { array::set_path(c, keys, r?, false) };
    }
    // SAFETY: the element read here is released, so that a unique string is unique again.
    unsafe { leaf.dec_ref() };
    array::check_path(&c, keys, b, false)?;
    // SAFETY: `c` is owned and the path checked.
    unsafe { concat_path_in(c, keys, b) }
}

/// [`concat_path`] once the path is checked: takes each container on the path and the
/// string out, appends, and puts them back.
///
/// # Safety
/// `c` is owned and consumed (on success).
unsafe fn concat_path_in(
    c: TypedValue,
    keys: &[TypedValue],
    b: &TypedValue,
) -> Result<TypedValue, RuntimeError> {
    let (k, rest) = keys.split_first().expect("concat_path has a key");
    // SAFETY (all calls below): ownership of `c` and the taken values moves along as the
    // `array` functions require; `index_take` releases `c` when it fails.
    unsafe {
        let (c2, inner) = array::index_take(c, k)?;
        let new = if rest.is_empty() {
            Ok(concat_to(inner, b))
        } else {
            concat_path_in(inner, rest, b)
        };
        match new {
            Ok(v) => array::index_set(c2, k, v),
            Err(e) => {
                c2.dec_ref();
                Err(e)
            }
        }
    }
}

#[cold]
fn bin_slow(op: Bin, a: &TypedValue, b: &TypedValue) -> Result<TypedValue, RuntimeError> {
    match op {
        Bin::Add => ops::add(a, b),
        Bin::Sub => ops::sub(a, b),
        Bin::Mul => ops::mul(a, b),
        Bin::Div => ops::div(a, b),
        Bin::Mod => ops::modulo(a, b),
        Bin::Pow => ops::pow(a, b),
        Bin::BitAnd => ops::bitand(a, b),
        Bin::BitOr => ops::bitor(a, b),
        Bin::BitXor => ops::bitxor(a, b),
        Bin::Shl => ops::shl(a, b),
        Bin::Shr => ops::shr(a, b),
        Bin::Concat => ops::concat2(a, b),
        Bin::Cmp => ops::cmp(a, b),
    }
}

#[inline(always)]
fn int_bin(op: Bin, a: i64, b: i64) -> i64 {
    match op {
        Bin::Add => a.wrapping_add(b),
        Bin::Sub => a.wrapping_sub(b),
        Bin::Mul => a.wrapping_mul(b),
        Bin::BitAnd => a & b,
        Bin::BitOr => a | b,
        Bin::BitXor => a ^ b,
        Bin::Shl => ops::shl_int(a, b),
        Bin::Shr => ops::shr_int(a, b),
        _ => unreachable!("not an int-typed op: {op:?}"),
    }
}

#[inline(always)]
fn bin(op: Bin, a: &TypedValue, b: &TypedValue) -> Result<TypedValue, RuntimeError> {
    if a.tag == Tag::Int && b.tag == Tag::Int {
        match op {
            Bin::Add
            | Bin::Sub
            | Bin::Mul
            | Bin::BitAnd
            | Bin::BitOr
            | Bin::BitXor
            | Bin::Shl
            | Bin::Shr => return Ok(TypedValue::int(int_bin(op, a.as_int(), b.as_int()))),
            _ => {}
        }
    } else if a.is_num() && b.is_num() {
        // At least one float: the float operation.
        let (x, y) = (a.num_as_f64(), b.num_as_f64());
        match op {
            Bin::Add => return Ok(TypedValue::float(x + y)),
            Bin::Sub => return Ok(TypedValue::float(x - y)),
            Bin::Mul => return Ok(TypedValue::float(x * y)),
            Bin::Div if y != 0.0 => return Ok(TypedValue::float(x / y)),
            _ => {}
        }
    }
    bin_slow(op, a, b)
}

#[cold]
fn cmp_slow(op: Cmp, a: &TypedValue, b: &TypedValue) -> Result<bool, RuntimeError> {
    let r = match op {
        Cmp::Eq => ops::eq(a, b),
        Cmp::Neq => ops::neq(a, b),
        Cmp::Same => ops::same(a, b),
        Cmp::NSame => ops::nsame(a, b),
        Cmp::Lt => ops::lt(a, b),
        Cmp::Le => ops::le(a, b),
        Cmp::Gt => ops::gt(a, b),
        Cmp::Ge => ops::ge(a, b),
    }?;
    Ok(r.as_bool())
}

/// A comparison of two numbers, or `None` for the general case ([`cmp_slow`], and
/// [`Vm::cmp_objects`] with an object operand).
#[inline(always)]
fn cmp_fast(op: Cmp, a: &TypedValue, b: &TypedValue) -> Option<bool> {
    if a.tag == Tag::Int && b.tag == Tag::Int {
        Some(op.ints(a.as_int(), b.as_int()))
    } else if a.tag == Tag::Float && b.tag == Tag::Float {
        Some(op.floats(a.as_float(), b.as_float()))
    } else if a.is_num() && b.is_num() && !matches!(op, Cmp::Same | Cmp::NSame) {
        let (x, y) = (a.num_as_f64(), b.num_as_f64());
        Some(op.floats(x, y))
    } else {
        None
    }
}

#[cold]
fn unary(op: Un, a: &TypedValue) -> Result<TypedValue, RuntimeError> {
    match op {
        Un::Neg => ops::neg(a),
        Un::Plus => ops::plus(a),
        Un::Incr => ops::incr(a),
        Un::Decr => ops::decr(a),
        Un::Not => Ok(TypedValue::bool(!conv::to_bool(a))),
        Un::BitNot => ops::bitnot(a),
        Un::ToBool => Ok(TypedValue::bool(conv::to_bool(a))),
        Un::CastInt => ops::cast_int(a),
        Un::CastFloat => ops::cast_float(a),
        Un::CastStr => ops::cast_string(a),
        Un::Launder => Ok(*a),
    }
}

impl<'p> Vm<'p> {
    /// A VM for one request of `prog`.
    pub fn new(prog: &'p Program) -> Vm<'p> {
        // Addresses an earlier request on this thread freed name nothing in this one's cache.
        drop(object::take_dead_memo_keys());
        Vm {
            prog,
            stack: zeroed_stack(),
            frames: Vec::with_capacity(256),
            consts: vec![None; prog.consts.len()],
            argbuf: Vec::with_capacity(16),
            top: 0,
            class_consts: vec![None; prog.classes.const_inits.len()],
            const_inits_running: Vec::new(),
            statics: vec![None; prog.classes.statics.len()],
            prop_defaults: vec![None; prog.classes.classes.len()],
            memo: Default::default(),
            memo_key: Vec::new(),
            memo_by_object: Default::default(),
            profile: false,
            native_depth: 0,
        }
    }

    /// Call function `func` with owned `args`; returns its owned result.
    pub fn call(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        let base = self.top;
        if !self.native_room(ctx) || base + args.len() + 1 >= self.stack.len() {
            for a in args {
                // SAFETY: the arguments were moved to us and are not used again.
                unsafe { a.dec_ref() };
            }
            return Err(RuntimeError::fatal("Stack overflow"));
        }
        for (i, a) in args.iter().enumerate() {
            self.stack[base + i] = *a;
        }
        self.enter_args(func, base, args.len())?;
        let depth = self.frames.len();
        self.native_depth += 1;
        let r = if self.profile {
            self.run::<true>(ctx, func, base as u32, depth, 0)
        } else {
            self.run::<false>(ctx, func, base as u32, depth, 0)
        };
        self.native_depth -= 1;
        r
    }

    /// Deoptimization: run `func` from `pc` in a fresh frame whose slots get `vals` (owned
    /// values moved into the frame) and the prologue's hoisted constants; returns the call's
    /// owned result.
    pub fn resume(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        pc: u32,
        vals: &[(Slot, TypedValue)],
    ) -> Result<TypedValue, RuntimeError> {
        let f = &self.prog.funcs[func as usize];
        let base = self.top;
        let n = f.nslots as usize;
        if !self.native_room(ctx) || base + n + 1 >= self.stack.len() {
            for (_, v) in vals {
                // SAFETY: the values were moved to us and are not used again.
                unsafe { v.dec_ref() };
            }
            return Err(RuntimeError::fatal("Stack overflow"));
        }
        for s in &mut self.stack[base..base + n] {
            *s = TypedValue::uninit();
        }
        for &(s, v) in &f.hoisted_consts {
            self.stack[base + s as usize] = v;
        }
        for &(s, v) in vals {
            self.stack[base + s as usize] = v;
        }
        let depth = self.frames.len();
        self.native_depth += 1;
        let r = if self.profile {
            self.run::<true>(ctx, func, base as u32, depth, pc as usize)
        } else {
            self.run::<false>(ctx, func, base as u32, depth, pc as usize)
        };
        self.native_depth -= 1;
        r
    }

    /// Is there native stack for one more nested dispatch loop? Measured against the thread's
    /// stack when its bounds are known (the CLI's interpreter thread has 256 MiB: memoized and
    /// callback recursion nest natively), else by counting nested loops.
    #[inline]
    fn native_room(&self, ctx: &Ctx) -> bool {
        if ctx.stack_limit == 0 {
            return self.native_depth < MAX_NATIVE_DEPTH;
        }
        let here = 0u8;
        let sp = std::hint::black_box(&here) as *const u8 as usize;
        sp > ctx.stack_limit.saturating_add(NATIVE_ROOM)
    }

    /// Arity checks and defaults for a frame at `base` holding `n` arguments.
    #[inline]
    fn enter_args(&mut self, func: u32, base: usize, n: usize) -> Result<(), RuntimeError> {
        let f = &self.prog.funcs[func as usize];
        if base + f.nslots as usize + 1 >= self.stack.len() {
            return Err(RuntimeError::fatal("Stack overflow"));
        }
        let h = f.hidden as usize;
        let np = f.nparams as usize;
        if n == h + np && !f.variadic {
            return Ok(());
        }
        let user = n.saturating_sub(h);
        if user < f.required as usize {
            for i in 0..n {
                // SAFETY: the arguments were moved into the frame, which owns them.
                unsafe { self.stack[base + i].dec_ref() };
            }
            return Err(self.too_few(func, user));
        }
        if f.variadic {
            let fixed = h + np - 1;
            let rest: Vec<TypedValue> = (fixed..n.max(fixed))
                .map(|i| self.stack[base + i])
                .collect();
            for i in n..fixed {
                self.stack[base + i] = TypedValue::uninit();
            }
            self.stack[base + fixed] = array::new_vec(rest);
            return Ok(());
        }
        for i in (h + np)..n {
            // SAFETY: the extra arguments were moved into the frame, which owns them.
            unsafe { self.stack[base + i].dec_ref() };
        }
        for i in n..(h + np) {
            self.stack[base + i] = TypedValue::uninit();
        }
        Ok(())
    }

    #[cold]
    fn too_few(&self, func: u32, n: usize) -> RuntimeError {
        let f = &self.prog.funcs[func as usize];
        let exp = if f.required == f.nparams && !f.variadic {
            "exactly"
        } else {
            "at least"
        };
        RuntimeError::throw(
            ExnClass::ArgumentCountError,
            format!(
                "Too few arguments to function {}(), {n} passed and {exp} {} expected",
                f.name, f.required
            ),
        )
    }

    /// Run `func` whose frame starts at `base` until it returns to frame depth `depth`.
    fn run<const P: bool>(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        base: u32,
        depth: usize,
        start: usize,
    ) -> Result<TypedValue, RuntimeError> {
        let prog = self.prog;
        if P && start == 0 {
            self.entered(func);
        }

        let mut fid = func;
        let mut f = &prog.funcs[fid as usize];
        // The running function's profile counters (switched with `f`).
        let mut fc = &prog.counters.funcs[fid as usize];
        let mut code = f.code.as_ptr();
        let mut pc: usize = start;
        let mut base = base as usize;
        let stack = self.stack.as_mut_ptr();
        // SAFETY (for every `slot!`/`set!` below): the encoder gives every slot index < `nslots`,
        // and `enter_args` checked that `base + nslots` is inside the stack.
        let mut sp = unsafe { stack.add(base) };
        macro_rules! slot {
            ($s:expr) => {
                unsafe { *sp.add($s as usize) }
            };
        }
        // The `n` operands at `f.args[start..]`, read from their slots.
        macro_rules! operands {
            ($start:expr, $n:expr) => {
                (0..$n as usize)
                    .map(|i| slot!(f.args[$start as usize + i]))
                    .collect::<Vec<TypedValue>>()
            };
        }
        macro_rules! set {
            ($s:expr, $v:expr) => {{
                let v = $v;
                unsafe { *sp.add($s as usize) = v }
            }};
        }
        // An error unwinds to the innermost handler of this run (or returns it).
        macro_rules! try_op {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => match self.unwind(ctx, e, depth, &mut fid, &mut pc, &mut base) {
                        Ok(()) => {
                            f = &prog.funcs[fid as usize];
                            fc = &prog.counters.funcs[fid as usize];
                            code = f.code.as_ptr();
                            // SAFETY: the handler's frame was inside the stack.
                            sp = unsafe { stack.add(base) };
                            continue;
                        }
                        Err(e) => return Err(e),
                    },
                }
            };
        }
        // A native call that may run Hack code (initializers, callbacks) above this frame.
        macro_rules! nested {
            ($e:expr) => {{
                let saved = self.top;
                self.top = base + f.nslots as usize;
                let r = $e;
                self.top = saved;
                r
            }};
        }
        // The step budget: polled at calls and loop back-edges.
        macro_rules! poll {
            () => {
                ctx.budget = ctx.budget.wrapping_sub(1);
                // The stop flag every 1024 polls (and at 0, for `--max-steps`): one test of
                // the budget on the hot path.
                if ctx.budget & 0x3ff == 0
                    && (ctx.budget == 0 || ctx.stop.load(std::sync::atomic::Ordering::Relaxed))
                {
                    try_op!(Err(RuntimeError::fatal("Maximum execution steps exceeded")));
                }
            };
        }
        // Comparison `$op` of two values: numbers inline, an object operand through the VM
        // (`__toString`), the rest in `cmp_slow`.
        macro_rules! compare {
            ($op:expr, $x:expr, $y:expr) => {{
                let (op, x, y) = ($op, $x, $y);
                match cmp_fast(op, &x, &y) {
                    Some(c) => c,
                    None if x.tag == Tag::Obj || y.tag == Tag::Obj => {
                        try_op!(nested!(self.cmp_objects(ctx, op, &x, &y)))
                    }
                    None => try_op!(cmp_slow(op, &x, &y)),
                }
            }};
        }
        // Switch to a new frame at `$nb` whose `$n` arguments are in place.
        macro_rules! enter {
            ($func:expr, $n:expr, $nb:expr, $dst:expr, $entry:expr) => {{
                let func: u32 = $func;
                poll!();
                try_op!(self.enter_args(func, $nb, $n));
                if P {
                    let c = fc;
                    c.call(pc - 1, Some(func));
                    self.entered(func);
                }
                self.frames.push(Frame {
                    func: fid,
                    pc: pc as u32,
                    base: base as u32,
                    ret: $dst,
                });
                fid = func;
                f = &prog.funcs[fid as usize];
                fc = &prog.counters.funcs[fid as usize];
                code = f.code.as_ptr();
                pc = $entry;
                base = $nb;
                // SAFETY: `enter_args` checked the frame fits in the stack.
                sp = unsafe { stack.add(base) };
            }};
        }
        // Profile hooks, compiled out when `P` is false.
        // Return `$v` from the current frame: out of this run when it is the run's first frame,
        // else into the caller's result slot, where the caller continues.
        macro_rules! return_value {
            ($v:expr) => {{
                let v = $v;
                if self.frames.len() == depth {
                    return Ok(v);
                }
                let fr = self.frames.pop().expect("caller frame");
                fid = fr.func;
                f = &prog.funcs[fid as usize];
                fc = &prog.counters.funcs[fid as usize];
                code = f.code.as_ptr();
                pc = fr.pc as usize;
                base = fr.base as usize;
                // SAFETY: a caller's frame was inside the stack when it made the call.
                sp = unsafe { stack.add(base) };
                set!(fr.ret, v);
            }};
        }
        macro_rules! prof_branch {
            ($taken:expr) => {
                if P {
                    fc.branch(pc - 1, $taken);
                }
            };
        }
        loop {
            // SAFETY: every function ends in a terminator, so `pc` stays inside the code.
            let op = unsafe { *code.add(pc) };
            pc += 1;
            match op {
                Op::Const { dst, k } => set!(dst, f.consts[k as usize]),
                Op::Int { dst, i } => set!(dst, TypedValue::int(i)),
                Op::Mov { dst, src } => set!(dst, slot!(src)),
                Op::IntBin { op, dst, a, b } => set!(
                    dst,
                    TypedValue::int(int_bin(op, slot!(a).as_int(), slot!(b).as_int()))
                ),
                Op::IntBinImm { op, dst, a, imm } => {
                    set!(
                        dst,
                        TypedValue::int(int_bin(op, slot!(a).as_int(), imm as i64))
                    )
                }
                Op::IntCmpImm { op, dst, a, imm } => {
                    set!(
                        dst,
                        TypedValue::bool(op.ints(slot!(a).as_int(), imm as i64))
                    )
                }
                Op::IntCmpImmJmpNot { op, a, imm, target } => {
                    let c = op.ints(slot!(a).as_int(), imm as i64);
                    prof_branch!(c);
                    if !c {
                        pc = target as usize;
                    }
                }
                Op::FloatBin { op, dst, a, b } => {
                    let (x, y) = (slot!(a).as_float(), slot!(b).as_float());
                    let r = match op {
                        Bin::Add => x + y,
                        Bin::Sub => x - y,
                        _ => x * y,
                    };
                    set!(dst, TypedValue::float(r))
                }
                Op::Bin { op, dst, a, b } => {
                    let (x, y) = (slot!(a), slot!(b));
                    if x.tag.is_object() || y.tag.is_object() {
                        let r = nested!(self.bin_objects(ctx, op, &x, &y));
                        set!(dst, try_op!(r))
                    } else {
                        set!(dst, try_op!(bin(op, &x, &y)))
                    }
                }
                Op::IntCmp { op, dst, a, b } => set!(
                    dst,
                    TypedValue::bool(op.ints(slot!(a).as_int(), slot!(b).as_int()))
                ),
                Op::Cmp { op, dst, a, b } => {
                    let c = compare!(op, slot!(a), slot!(b));
                    set!(dst, TypedValue::bool(c))
                }
                Op::Un { op, dst, a } => {
                    let v = slot!(a);
                    let r = match op {
                        Un::Not if v.tag == Tag::Bool => TypedValue::bool(!v.as_bool()),
                        Un::Incr if v.tag == Tag::Int => {
                            TypedValue::int(v.as_int().wrapping_add(1))
                        }
                        Un::Decr if v.tag == Tag::Int => {
                            TypedValue::int(v.as_int().wrapping_sub(1))
                        }
                        Un::Launder => v,
                        Un::CastStr if v.tag.is_object() => {
                            try_op!(nested!(self.object_to_string(ctx, &v)))
                        }
                        _ => try_op!(unary(op, &v)),
                    };
                    set!(dst, r)
                }
                Op::ConcatN { dst, start, n } => {
                    self.argbuf.clear();
                    for i in 0..n {
                        self.argbuf.push(slot!(f.args[(start + i) as usize]));
                    }
                    if self.argbuf.iter().any(|v| v.tag.is_object()) {
                        let parts = std::mem::take(&mut self.argbuf);
                        let r = nested!(self.concat_objects(ctx, &parts));
                        self.argbuf = parts;
                        set!(dst, try_op!(r))
                    } else {
                        set!(dst, try_op!(ops::concat_n(&self.argbuf)))
                    }
                }
                Op::IsType { dst, src, check } => {
                    set!(
                        dst,
                        TypedValue::bool(matches(&slot!(src), f.checks[check as usize].ty))
                    )
                }
                Op::VerifyType { dst, src, check } => {
                    let v = slot!(src);
                    let info = &f.checks[check as usize];
                    if !matches(&v, info.ty) {
                        let hint = (&*info.text, self.prog.classes.names_interface(info.ty));
                        try_op!(Err(verify_failed(&f.name, info.kind, hint, &v)));
                    }
                    set!(dst, v)
                }
                Op::ConcatTo { dst, a, b } => {
                    let (x, y) = (slot!(a), slot!(b));
                    if x.tag.is_object() || y.tag.is_object() {
                        set!(dst, try_op!(nested!(self.concat_to_objects(ctx, x, y))))
                    } else {
                        set!(dst, concat_to(x, &y))
                    }
                }
                Op::IndexGetQuiet { dst, a, b } => {
                    set!(dst, array::index_get_or_null(&slot!(a), &slot!(b)))
                }
                Op::IndexGet { dst, a, b } => {
                    let (c, k) = (slot!(a), slot!(b));
                    let v = match vec_get_fast(&c, &k) {
                        Some(v) => v,
                        None => try_op!(array::index_get(&c, &k)),
                    };
                    set!(dst, v)
                }
                Op::IndexIsset { dst, a, b } => {
                    set!(
                        dst,
                        TypedValue::bool(array::index_isset(&slot!(a), &slot!(b)))
                    )
                }
                Op::Jmp { target } => {
                    if (target as usize) < pc {
                        if P {
                            let c = fc;
                            jsvm_profiler::counters::bump(&c.back_edges);
                            let th = prog
                                .osr_threshold
                                .load(std::sync::atomic::Ordering::Relaxed);
                            let check = th != 0
                                && c.back_edges
                                    .load(std::sync::atomic::Ordering::Relaxed)
                                    .is_multiple_of(th);
                            if check {
                                self.report_hot(fid);
                            }
                            let ready = c.osr_ready.load(std::sync::atomic::Ordering::Relaxed);
                            if check || ready == target {
                                if let Some((entry, slots)) = self.osr_lookup(fid, target) {
                                    // The live values move into the OSR code, which finishes
                                    // the call.
                                    self.argbuf.clear();
                                    for &s in &slots {
                                        self.argbuf.push(slot!(s));
                                    }
                                    let mut args = std::mem::take(&mut self.argbuf);
                                    let r = nested!(self.call_compiled(ctx, entry, &mut args));
                                    self.argbuf = args;
                                    jsvm_profiler::counters::bump(&prog.osr_entries);
                                    if let Some(e) = ctx.pending.take() {
                                        // No handler covers a jump: the error leaves the frame.
                                        try_op!(Err(e));
                                    }
                                    return_value!(r);
                                    continue;
                                }
                            }
                        }
                        poll!();
                    }
                    pc = target as usize
                }
                Op::JmpIfNot { cond, target } => {
                    let c = slot!(cond).as_bool();
                    prof_branch!(c);
                    if !c {
                        pc = target as usize;
                    }
                }
                Op::JmpIf { cond, target } => {
                    let c = slot!(cond).as_bool();
                    prof_branch!(c);
                    if c {
                        pc = target as usize;
                    }
                }
                Op::IntCmpJmpNot { op, a, b, target } => {
                    let c = op.ints(slot!(a).as_int(), slot!(b).as_int());
                    prof_branch!(c);
                    if !c {
                        pc = target as usize;
                    }
                }
                Op::FloatCmp { op, dst, a, b } => {
                    set!(
                        dst,
                        TypedValue::bool(op.floats(slot!(a).as_float(), slot!(b).as_float()))
                    )
                }
                Op::FloatCmpJmpNot { op, a, b, target } => {
                    let c = op.floats(slot!(a).as_float(), slot!(b).as_float());
                    prof_branch!(c);
                    if !c {
                        pc = target as usize;
                    }
                }
                Op::CmpJmpNot { op, a, b, target } => {
                    let c = compare!(op, slot!(a), slot!(b));
                    prof_branch!(c);
                    if !c {
                        pc = target as usize;
                    }
                }
                Op::Switch { src, table } => {
                    let t = &f.switches[table as usize];
                    let v = slot!(src).as_int();
                    pc = match t.cases.binary_search_by_key(&v, |c| c.0) {
                        Ok(i) => t.cases[i].1,
                        Err(_) => t.default,
                    } as usize;
                }
                Op::SwitchStr { src, table } => {
                    let t = &f.switches[table as usize];
                    let v = slot!(src);
                    let found = t.labels.as_ref().and_then(|l| l.find_value(&v));
                    pc = found.map_or(t.default, |i| t.cases[i as usize].1) as usize;
                }
                Op::Call {
                    dst,
                    func,
                    start,
                    n,
                    checked,
                } => {
                    // Compiled code (not a memoized body: those only run through the cache):
                    // arguments move into the callee; a Hack exception comes back in
                    // `ctx.pending`.
                    if let (Some(entry), false) =
                        (prog.table.get(func), prog.funcs[func as usize].memoize)
                    {
                        self.argbuf.clear();
                        for i in 0..n as usize {
                            self.argbuf.push(slot!(f.args[start as usize + i]));
                        }
                        let mut args = std::mem::take(&mut self.argbuf);
                        // SAFETY: the arguments are owned values moved into the callee, as
                        // `GenericEntry` requires.
                        let r = nested!(self.call_compiled(ctx, entry, &mut args));
                        self.argbuf = args;
                        if let Some(e) = ctx.pending.take() {
                            try_op!(Err(e));
                        }
                        set!(dst, r);
                        continue;
                    }
                    if prog.funcs[func as usize].memoize {
                        let mut args = operands!(start, n);
                        let r = nested!(self.call_memoized(ctx, func, &mut args));
                        set!(dst, try_op!(r));
                        continue;
                    }
                    let new_base = base + f.nslots as usize;
                    for i in 0..n as usize {
                        let v = slot!(f.args[start as usize + i]);
                        self.stack[new_base + i] = v;
                    }
                    poll!();
                    try_op!(self.enter_args(func, new_base, n as usize));
                    if P {
                        fc.direct_call(pc - 1);
                        self.entered(func);
                    }
                    self.frames.push(Frame {
                        func: fid,
                        pc: pc as u32,
                        base: base as u32,
                        ret: dst,
                    });
                    fid = func;
                    f = &prog.funcs[fid as usize];
                    fc = &prog.counters.funcs[fid as usize];
                    code = f.code.as_ptr();
                    pc = if checked { f.checked_entry as usize } else { 0 };
                    base = new_base;
                    // SAFETY: `enter_args` checked the new frame fits in the stack.
                    sp = unsafe { stack.add(base) };
                }
                Op::Ret { src } => return_value!(slot!(src)),
                Op::CallBuiltin {
                    dst,
                    builtin,
                    start,
                    n,
                } => {
                    let b = &builtins::all()[builtin as usize];
                    self.argbuf.clear();
                    for i in 0..n as usize {
                        self.argbuf.push(slot!(f.args[start as usize + i]));
                    }
                    if (n as usize) < b.min_args as usize
                        || b.max_args.is_some_and(|m| n as usize > m as usize)
                    {
                        try_op!(Err(b.arity_error(n as usize)));
                    }
                    let args = std::mem::take(&mut self.argbuf);
                    let r = if b.has_objects(&args) {
                        nested!(self.call_builtin_objects(ctx, b, &args))
                    } else {
                        (b.f)(ctx, &args)
                    };
                    self.argbuf = args;
                    set!(dst, try_op!(r))
                }
                Op::Echo { src } => {
                    let v = slot!(src);
                    if v.tag.is_object() {
                        try_op!(nested!(self.echo_object(ctx, &v)));
                    } else {
                        ctx.write(|out| conv::push_string(&v, out));
                    }
                }
                Op::TypeProf { slot, site } => {
                    if P {
                        let k = match slot!(slot).tag {
                            Tag::Int => 0,
                            Tag::Float => 1,
                            Tag::Bool => 2,
                            _ => 3,
                        };
                        fc.type_seen(site as usize, k);
                    }
                }
                Op::GetConst { dst, idx } => {
                    let v = match self.consts[idx as usize] {
                        Some(v) => v,
                        // The initializer runs in a nested frame above this one.
                        None => try_op!(nested!(self.global_const(ctx, idx))),
                    };
                    // SAFETY: constants are kept alive by the cache; the slot gets its own reference.
                    unsafe { v.inc_ref() };
                    set!(dst, v)
                }
                Op::IncRef { src } => {
                    let v = slot!(src);
                    // SAFETY: the refcount pass pairs increments with owned values.
                    unsafe { v.inc_ref() }
                }
                Op::DecRef { src } => {
                    let v = slot!(src);
                    // SAFETY: the refcount pass emits a decrement only where the slot owns a reference.
                    unsafe { v.dec_ref() }
                }
                Op::Throw { src } => try_op!(Err(RuntimeError::Object(slot!(src)))),
                Op::Exit { src } => {
                    let e = ctx.exit_with(&slot!(src));
                    try_op!(Err(e))
                }
                Op::Error { idx } => {
                    let (class, msg) = &f.errors[idx as usize];
                    try_op!(Err(RuntimeError::throw(*class, msg.clone())))
                }
                Op::Arr { op, dst, a, b } => {
                    let x = slot!(a);
                    let y = slot!(b);
                    // SAFETY (append, index_unset): the operands are owned by their slots and
                    // consumed here, as the opcode table says.
                    let r = match op {
                        Arr::Append => unsafe { array::append(x, y) },
                        Arr::IndexUnset => unsafe { array::index_unset(x, &y) },
                        Arr::IterNext => Ok(TypedValue::int(array::iter_next(&x, y.as_int()))),
                        Arr::IterDone => Ok(TypedValue::bool(array::iter_done(&x, y.as_int()))),
                        Arr::IterKey => Ok(array::iter_key(&x, y.as_int())),
                        Arr::IterValue => Ok(array::iter_value(&x, y.as_int())),
                        Arr::IterFirst => array::iter_first(&x).map(TypedValue::int),
                        Arr::Count => Ok(TypedValue::int(array::count(&x))),
                    };
                    set!(dst, try_op!(r))
                }
                Op::NewArr {
                    kind,
                    dst,
                    start,
                    n,
                } => {
                    let items: Vec<TypedValue> = (0..n)
                        .map(|i| slot!(f.args[(start + i) as usize]))
                        .collect();
                    let r = match kind {
                        0 => Ok(array::new_vec(items)),
                        1 => {
                            let pairs = items.chunks(2).map(|p| (p[0], p[1])).collect();
                            array::new_dict(pairs)
                        }
                        _ => array::new_keyset(items),
                    };
                    set!(dst, try_op!(r))
                }
                Op::IndexSet { dst, start } => {
                    let st = start as usize;
                    let (c, k, v) = (
                        slot!(f.args[st]),
                        slot!(f.args[st + 1]),
                        slot!(f.args[st + 2]),
                    );
                    // SAFETY: `c` and `v` are owned by their slots and consumed here.
                    let r = match unsafe { vec_set_fast(c, &k, v) } {
                        Some(r) => r,
                        None => try_op!(unsafe { array::index_set(c, &k, v) }),
                    };
                    set!(dst, r)
                }
                Op::NewObj { dst, class } => {
                    set!(dst, try_op!(nested!(self.new_object(ctx, class))))
                }
                Op::NewObjDyn { dst, src } => {
                    let c = try_op!(self.class_source(&slot!(src)));
                    try_op!(c.instantiable());
                    set!(dst, try_op!(nested!(self.new_object(ctx, c.id))))
                }
                Op::SetPath {
                    dst,
                    start,
                    n,
                    append,
                } => {
                    let st = start as usize;
                    let ops = operands!(st, n);
                    let (c, rest) = ops.split_first().expect("set_path has a container");
                    let (v, keys) = rest.split_last().expect("set_path has a value");
                    // SAFETY: every operand is owned by its slot and consumed here.
                    let r = unsafe { array::set_path(*c, keys, *v, append) };
                    for k in keys {
                        // SAFETY: the keys are consumed operands too (`Var(consume)`).
                        unsafe { k.dec_ref() };
                    }
                    set!(dst, try_op!(r))
                }
                Op::ConcatPath { dst, start, n } => {
                    let ops = operands!(start as usize, n);
                    let r =
                        nested!(concat_path_ops(&ops, |x, y| self.concat_objects(ctx, &[*x, *y])));
                    set!(dst, try_op!(r))
                }
                Op::TakeProp {
                    dst,
                    name,
                    start,
                    n,
                } => {
                    self.argbuf.clear();
                    for i in 0..n as usize {
                        self.argbuf.push(slot!(f.args[start as usize + i]));
                    }
                    let o = self.argbuf[0];
                    let i = try_op!(self.prop_slot(f, &o, name));
                    let p = object::slot_ptr(&o, i);
                    // SAFETY: `p` is a slot of the live object.
                    let slot = unsafe { &mut *p };
                    if slot.tag == Tag::Uninit {
                        try_op!(Err(object::uninit_prop(&o, i)));
                    }
                    let write = &self.argbuf[1..];
                    set!(
                        dst,
                        try_op!(array::take_for_write(slot, write, TypedValue::uninit()))
                    )
                }
                Op::GetProp { dst, obj, name } => {
                    let o = slot!(obj);
                    let i = try_op!(self.prop_slot(f, &o, name));
                    let v = object::get_slot(&o, i);
                    if v.tag == Tag::Uninit {
                        try_op!(Err(object::uninit_prop(&o, i)));
                    }
                    // SAFETY: the object keeps the property alive; the result gets its own reference.
                    unsafe { v.inc_ref() };
                    set!(dst, v)
                }
                Op::GetPropQuiet { dst, o: obj, name } => {
                    let o = slot!(obj);
                    let slot = match o.tag {
                        Tag::Obj => self.cached_prop_slot(f, &o, name).ok(),
                        _ => None,
                    };
                    let v = slot.map_or(TypedValue::null(), |i| object::get_slot(&o, i));
                    if v.tag == Tag::Uninit {
                        set!(dst, TypedValue::null())
                    } else {
                        // SAFETY: the object keeps the property alive; the result gets its own
                        // reference.
                        unsafe { v.inc_ref() };
                        set!(dst, v)
                    }
                }
                Op::SetProp { obj, val, name } => {
                    let o = slot!(obj);
                    let v = slot!(val);
                    let i = match self.prop_slot(f, &o, name) {
                        Ok(i) => i,
                        Err(e) => {
                            // SAFETY: the consumed value is released on error.
                            unsafe { v.dec_ref() };
                            try_op!(Err(e))
                        }
                    };
                    let cls = object::class_of(&o);
                    let hint = &cls.props[i as usize].hint;
                    if hint.enforced && !matches(&v, hint.ty) {
                        let e = prop_type_error(cls, i, &v);
                        // SAFETY: the consumed value is released on error.
                        unsafe { v.dec_ref() };
                        try_op!(Err(e));
                    }
                    let p = object::slot_ptr(&o, i);
                    // SAFETY: `p` is a slot of the live object; the old value's reference is dropped.
                    unsafe {
                        let old = *p;
                        *p = v;
                        old.dec_ref();
                    }
                }
                Op::GetStatic { dst, idx } => {
                    let v = try_op!(nested!(self.static_value(ctx, idx)));
                    // SAFETY: the static slot keeps the value alive; the result gets its own reference.
                    unsafe { v.inc_ref() };
                    set!(dst, v)
                }
                Op::SetStatic { src, idx } => {
                    let v = slot!(src);
                    try_op!(nested!(self.set_static(ctx, idx, v)));
                }
                Op::GetStaticDyn { dst, cls, member } => {
                    let idx = try_op!(self.static_member(f, &slot!(cls), member));
                    let v = try_op!(nested!(self.static_value(ctx, idx)));
                    // SAFETY: as `GetStatic`.
                    unsafe { v.inc_ref() };
                    set!(dst, v)
                }
                Op::TakeStatic { dst, idx, start, n } => {
                    let write = operands!(start, n);
                    set!(dst, try_op!(nested!(self.take_static(ctx, idx, &write))))
                }
                Op::TakeStaticDyn {
                    dst,
                    member,
                    start,
                    n,
                } => {
                    let ops = operands!(start, n);
                    let idx = try_op!(self.static_member(f, &ops[0], member));
                    set!(dst, try_op!(nested!(self.take_static(ctx, idx, &ops[1..]))))
                }
                Op::SetStaticDyn { val, cls, member } => {
                    let c = slot!(cls);
                    let v = slot!(val);
                    let idx = self.static_member(f, &c, member);
                    // SAFETY: the class source operand is consumed (the opcode is `Var(consume)`).
                    unsafe { c.dec_ref() };
                    let idx = try_op!(idx);
                    try_op!(nested!(self.set_static(ctx, idx, v)));
                }
                Op::ClassConst { dst, idx } => {
                    let v = try_op!(nested!(self.class_const(ctx, idx)));
                    // SAFETY: the constant cache keeps the value alive.
                    unsafe { v.inc_ref() };
                    set!(dst, v)
                }
                Op::ClassConstDyn { dst, cls, member } => {
                    let c = try_op!(self.class_source(&slot!(cls)));
                    let name = &f.members[member as usize].1;
                    if &**name == "class" {
                        set!(dst, TypedValue::new_str(c.name.as_bytes()));
                        continue;
                    }
                    let idx = match c.consts.get(name) {
                        Some(&i) => i,
                        None => try_op!(Err(RuntimeError::throw(
                            ExnClass::Error,
                            format!("Undefined class constant {}::{name}", c.name)
                        ))),
                    };
                    let v = try_op!(nested!(self.class_const(ctx, idx)));
                    // SAFETY: as `ClassConst`.
                    unsafe { v.inc_ref() };
                    set!(dst, v)
                }
                Op::CallMethod {
                    dst,
                    start,
                    n,
                    name,
                } => {
                    let st = start as usize;
                    let recv = slot!(f.args[st]);
                    let func = match self.method_of(f, &recv, name) {
                        Ok(Some(func)) => func,
                        Ok(None) => {
                            // `__construct` of a class without one: nothing to run.
                            for i in 0..n as usize {
                                // SAFETY: consumed arguments are released.
                                let v = slot!(f.args[st + i]);
                                unsafe { v.dec_ref() };
                            }
                            set!(dst, TypedValue::null());
                            continue;
                        }
                        Err(e) => {
                            for i in 0..n as usize {
                                // SAFETY: consumed arguments are released on error.
                                let v = slot!(f.args[st + i]);
                                unsafe { v.dec_ref() };
                            }
                            try_op!(Err(e))
                        }
                    };
                    if prog.funcs[func as usize].memoize {
                        let mut args = operands!(st, n);
                        let r = nested!(self.call_memoized(ctx, func, &mut args));
                        set!(dst, try_op!(r));
                        continue;
                    }
                    let nb = base + f.nslots as usize;
                    for i in 0..n as usize {
                        self.stack[nb + i] = slot!(f.args[st + i]);
                    }
                    enter!(func, n as usize, nb, dst, 0);
                }
                Op::CallStatic {
                    dst,
                    start,
                    n,
                    member,
                } => {
                    let st = start as usize;
                    let src = slot!(f.args[st]);
                    let (cname, mname) = &f.members[member as usize];
                    let cls = if &**cname == "static" {
                        self.class_source(&src)
                    } else {
                        prog.classes.by_name(cname).ok_or_else(|| {
                            RuntimeError::throw(
                                ExnClass::Error,
                                format!("Class undefined: {cname}"),
                            )
                        })
                    };
                    let cls = match cls {
                        Ok(c) => c,
                        Err(e) => try_op!(Err(e)),
                    };
                    let args = operands!(st, n);
                    if cls.kind == jsvm_ir::ClassKind::Enum {
                        let r = nested!(self.enum_method(ctx, cls, mname, &args[1..]));
                        for a in &args {
                            // SAFETY: consumed arguments are released.
                            unsafe { a.dec_ref() };
                        }
                        set!(dst, try_op!(r));
                        continue;
                    }
                    let func = match cls.static_method(mname) {
                        Ok(func) => func,
                        Err(e) => {
                            for a in &args {
                                // SAFETY: consumed arguments are released on error.
                                unsafe { a.dec_ref() };
                            }
                            try_op!(Err(e))
                        }
                    };
                    if prog.funcs[func as usize].memoize {
                        let mut args = args;
                        let r = nested!(self.call_memoized(ctx, func, &mut args));
                        set!(dst, try_op!(r));
                        continue;
                    }
                    let nb = base + f.nslots as usize;
                    for (i, a) in args.iter().enumerate() {
                        self.stack[nb + i] = *a;
                    }
                    enter!(func, n as usize, nb, dst, 0);
                }
                Op::CallValue { dst, start, n } => {
                    let st = start as usize;
                    let callee = slot!(f.args[st]);
                    let nb = base + f.nslots as usize;
                    match callee.tag {
                        Tag::Func => {
                            let (func, caps) = object::closure_parts(&callee);
                            let nc = caps.len();
                            for (i, c) in caps.iter().enumerate() {
                                // SAFETY: the closure keeps its captures alive; the frame gets its own reference.
                                unsafe { c.inc_ref() };
                                self.stack[nb + i] = *c;
                            }
                            for i in 1..n as usize {
                                self.stack[nb + nc + i - 1] = slot!(f.args[st + i]);
                            }
                            // SAFETY: the callee operand is consumed.
                            unsafe { callee.dec_ref() };
                            enter!(func, nc + n as usize - 1, nb, dst, 0);
                        }
                        _ => {
                            let args: Vec<TypedValue> =
                                (1..n as usize).map(|i| slot!(f.args[st + i])).collect();
                            let r = nested!(self.call_value(ctx, &callee, &args));
                            for a in args.iter().chain(std::iter::once(&callee)) {
                                // SAFETY: consumed operands are released.
                                unsafe { a.dec_ref() };
                            }
                            set!(dst, try_op!(r))
                        }
                    }
                }
                Op::CallSpread {
                    dst,
                    func,
                    start,
                    n,
                } => {
                    let st = start as usize;
                    let nb = base + f.nslots as usize;
                    let fixed = n as usize - 1;
                    for i in 0..fixed {
                        self.stack[nb + i] = slot!(f.args[st + i]);
                    }
                    let rest = slot!(f.args[st + fixed]);
                    let elems = array::vec_elems(&rest);
                    if nb + fixed + elems.len() + 1 >= self.stack.len() {
                        try_op!(Err(RuntimeError::fatal("Stack overflow")));
                    }
                    for (i, e) in elems.iter().enumerate() {
                        // SAFETY: the vec keeps its elements alive; the frame gets its own reference.
                        unsafe { e.inc_ref() };
                        self.stack[nb + fixed + i] = *e;
                    }
                    let total = fixed + elems.len();
                    // SAFETY: the spread vec operand is consumed.
                    unsafe { rest.dec_ref() };
                    if prog.funcs[func as usize].memoize {
                        // The arguments are owned values in the callee's would-be frame.
                        let mut args = self.stack[nb..nb + total].to_vec();
                        let r = nested!(self.call_memoized(ctx, func, &mut args));
                        set!(dst, try_op!(r));
                        continue;
                    }
                    enter!(func, total, nb, dst, 0);
                }
                Op::MakeClosure {
                    dst,
                    func,
                    start,
                    n,
                } => {
                    let caps = operands!(start, n);
                    set!(dst, object::new_closure(func, &caps))
                }
                Op::CallArray { dst, a, b } => {
                    let callee = slot!(a);
                    let args: Vec<TypedValue> = match array::items(&slot!(b)) {
                        Some(items) => items.map(|(_, v)| v).collect(),
                        None => Vec::new(),
                    };
                    let r = nested!(self.call_value(ctx, &callee, &args));
                    set!(dst, try_op!(r))
                }
                Op::CallCallback { dst, idx, start, n } => {
                    let cb = &array::callback_builtins()[idx as usize];
                    let args = operands!(start, n);
                    let r = nested!(cb.call(ctx, self, &args));
                    set!(dst, try_op!(r))
                }
                Op::Unreachable => {
                    try_op!(Err(RuntimeError::fatal("jsvm: reached unreachable code")))
                }
            }
        }
    }
}

/// The error for writing a value of the wrong type to property slot `i` (both tiers).
#[cold]
pub fn prop_type_error(c: &Class, i: u32, v: &TypedValue) -> RuntimeError {
    let (class, name) = c.prop_owner(i);
    prop_hint_error("Property", (class, name), &c.props[i as usize].hint.text, v)
}

/// HHVM's `TypeConstraint::verifyPropFail` message: `Property 'C::p' declared as type int,
/// string assigned` (`Static property` for a static one), naming the declaring class.
#[cold]
fn prop_hint_error(
    what: &str,
    (class, name): (&str, &str),
    hint: &str,
    v: &TypedValue,
) -> RuntimeError {
    RuntimeError::type_error(format!(
        "{what} '{class}::{name}' declared as type {}, {} assigned",
        display_name(hint),
        given_type(v)
    ))
}

impl Vm<'_> {
    /// Find the handler for an error raised by the op before `pc`, popping frames down to `depth`.
    /// On success the handler's frame and pc are current and the exception is in its slot.
    fn unwind(
        &mut self,
        ctx: &mut Ctx,
        e: RuntimeError,
        depth: usize,
        fid: &mut u32,
        pc: &mut usize,
        base: &mut usize,
    ) -> Result<(), RuntimeError> {
        if matches!(e, RuntimeError::Exit(_) | RuntimeError::Fatal(_)) {
            self.frames.truncate(depth);
            return Err(e);
        }
        let mut pending = Some(e);
        let mut exn: Option<TypedValue> = None;
        loop {
            let f = &self.prog.funcs[*fid as usize];
            let at = (*pc - 1) as u32;
            if let Some(h) = f.handlers.iter().find(|h| h.pc == at) {
                let obj = match exn {
                    Some(o) => o,
                    None => {
                        let saved = self.top;
                        self.top = *base + f.nslots as usize;
                        let r = self.materialize(ctx, pending.take().expect("pending error"));
                        self.top = saved;
                        r?
                    }
                };
                self.stack[*base + h.exn as usize] = obj;
                *pc = h.target as usize;
                return Ok(());
            }
            // The exception leaves this frame: what it owns there goes (the decrements after
            // the throwing op do not run).
            let ir = self.prog.module.func(jsvm_ir::FuncId(*fid));
            let owned = f.owned_at_throw(ir, at);
            for &s in owned {
                // SAFETY: each listed value holds a reference the frame owns (refcounted IR;
                // a slot listed twice holds two: values that share a slot).
                unsafe { self.stack[*base + s as usize].dec_ref() };
            }
            for &s in owned {
                self.stack[*base + s as usize] = TypedValue::null();
            }
            if self.frames.len() == depth {
                return Err(match exn {
                    Some(o) => RuntimeError::Object(o),
                    None => pending.take().expect("pending error"),
                });
            }
            let fr = self.frames.pop().expect("caller frame");
            *fid = fr.func;
            *pc = fr.pc as usize;
            *base = fr.base as usize;
            if exn.is_none() && !self.prog.funcs[*fid as usize].handlers.is_empty() {
                // Materialize once a frame with handlers is reached.
                if let Some(RuntimeError::Object(o)) = pending.as_ref() {
                    exn = Some(*o);
                    pending = None;
                }
            }
        }
    }

    /// The exception object for an error (built-in exceptions are created here).
    pub fn materialize(
        &mut self,
        ctx: &mut Ctx,
        e: RuntimeError,
    ) -> Result<TypedValue, RuntimeError> {
        match e {
            RuntimeError::Object(o) => Ok(o),
            RuntimeError::Throw { class, message } => {
                let cls = self.prog.classes.exn.get(&class).copied().ok_or_else(|| {
                    RuntimeError::fatal(format!(
                        "jsvm: exception class {} is missing",
                        class.name()
                    ))
                })?;
                let o = self.new_object(ctx, cls)?;
                let c = object::class_of(&o);
                if let Some(&i) = c.prop_index.get("message") {
                    let p = object::slot_ptr(&o, i);
                    // SAFETY: `p` is a slot of the new object; its old value is released.
                    unsafe {
                        (*p).dec_ref();
                        *p = TypedValue::new_str(message.as_bytes());
                    }
                }
                Ok(o)
            }
            other => Err(other),
        }
    }

    /// `new C` without the constructor: properties start at their defaults (computed once per request).
    pub fn new_object(&mut self, ctx: &mut Ctx, class: u32) -> Result<TypedValue, RuntimeError> {
        let prog = self.prog;
        let cls = &prog.classes.classes[class as usize];
        if self.prop_defaults[class as usize].is_none() {
            let mut vals = Vec::with_capacity(cls.props.len());
            for (i, p) in cls.props.iter().enumerate() {
                vals.push(match p.default {
                    Some(init) => {
                        // Defaults are checked like writes: reads rely on the declared type.
                        let v = self.call(ctx, init, &[])?;
                        if p.hint.enforced && !matches(&v, p.hint.ty) {
                            return Err(prop_type_error(cls, i as u32, &v));
                        }
                        v
                    }
                    None if p.hint.enforced && !p.hint.ty.maybe(jsvm_ir::Type::NULL) => {
                        TypedValue::uninit()
                    }
                    None => TypedValue::null(),
                });
            }
            self.prop_defaults[class as usize] = Some(vals);
        }
        let defaults = self.prop_defaults[class as usize]
            .as_ref()
            .expect("computed");
        Ok(object::new_object(
            cls,
            defaults.iter().map(|v| {
                // SAFETY: the defaults cache keeps the values alive; each object gets its own reference.
                unsafe { v.inc_ref() };
                *v
            }),
        ))
    }

    /// The slot of property `f.names[name]` in object `o` (inline-cached per op).
    #[inline]
    fn prop_slot(
        &self,
        f: &super::encode::BcFunc,
        o: &TypedValue,
        name: u32,
    ) -> Result<u32, RuntimeError> {
        if o.tag != Tag::Obj {
            let n = &f.names[name as usize];
            return Err(RuntimeError::throw(
                ExnClass::Error,
                format!(
                    "Cannot access property '{n}' of a non-object ({})",
                    given_type(o)
                ),
            ));
        }
        self.cached_prop_slot(f, o, name)
            .map_err(|miss| object::prop_error(object::class_of(o), &f.names[name as usize], miss))
    }

    /// [`Class::prop_slot`] of object `o` (an `Obj`) for `f.names[name]`, through the op's
    /// inline cache. (Always inlined: it is the property ops' hot path, a call of its own cost
    /// the interpreter 12% on deltablue.)
    #[inline(always)]
    fn cached_prop_slot(
        &self,
        f: &super::encode::BcFunc,
        o: &TypedValue,
        name: u32,
    ) -> Result<u32, object::Miss> {
        let cls = object::class_of(o);
        let cache = &f.caches[name as usize];
        let c = cache.load(std::sync::atomic::Ordering::Relaxed);
        if c >> 32 == cls.id as u64 {
            return Ok(c as u32);
        }
        let i = cls.prop_slot(&f.names[name as usize])?;
        cache.store(
            (cls.id as u64) << 32 | i as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
        Ok(i)
    }

    /// The method `f.names[name]` (lowercase) of receiver `o`; `Ok(None)` for a missing `__construct`.
    #[inline]
    fn method_of(
        &self,
        f: &super::encode::BcFunc,
        o: &TypedValue,
        name: u32,
    ) -> Result<Option<u32>, RuntimeError> {
        let n = &f.names[name as usize];
        // (Messages name the method as the call site spells it.)
        let spelling = || &*f.spellings[name as usize];
        if o.tag != Tag::Obj {
            let n = object::plain_name(spelling());
            return Err(if o.tag == Tag::Null || o.tag == Tag::Uninit {
                RuntimeError::throw(
                    ExnClass::BadMethodCallException,
                    format!("Call to a member function {n}() on null"),
                )
            } else {
                RuntimeError::throw(
                    ExnClass::Error,
                    format!("Call to a member function {n}() on {}", given_type(o)),
                )
            });
        }
        let cls = object::class_of(o);
        let cache = &f.caches[name as usize];
        let c = cache.load(std::sync::atomic::Ordering::Relaxed);
        if c >> 32 == cls.id as u64 {
            return Ok(Some(c as u32));
        }
        let methods = f.method_caches[name as usize].as_deref();
        if let Some(m) = methods.and_then(|c| c.get(cls.id)) {
            return Ok(Some(m));
        }
        match cls.instance_method(n) {
            Ok(m) => {
                cache.store(
                    (cls.id as u64) << 32 | m as u64,
                    std::sync::atomic::Ordering::Relaxed,
                );
                if let Some(c) = methods {
                    c.put(cls.id, m);
                }
                Ok(Some(m))
            }
            Err(object::Miss::Undefined) if &**n == "__construct" => Ok(None),
            Err(miss) => Err(object::method_error(cls, spelling(), miss)),
        }
    }

    /// The class named by a late-static-binding source: an object (its class) or a class id.
    fn class_source(&self, v: &TypedValue) -> Result<&'static Class, RuntimeError> {
        let c = object::class_source(&self.prog.classes.classes, v)?;
        // SAFETY: the class table lives in the program, which outlives the VM and every request;
        // extending the borrow to 'static mirrors `object::class_of`.
        Ok(unsafe { &*(c as *const Class) })
    }

    fn static_member(
        &self,
        f: &super::encode::BcFunc,
        src: &TypedValue,
        member: u32,
    ) -> Result<u32, RuntimeError> {
        let c = self.class_source(src)?;
        let name = &f.members[member as usize].1;
        c.statics.get(name).copied().ok_or_else(|| {
            RuntimeError::throw(
                ExnClass::Error,
                format!("Access to undeclared static property {}::${name}", c.name),
            )
        })
    }

    /// The value of static property `idx` (borrowed), initializing it on first use.
    pub fn static_value(&mut self, ctx: &mut Ctx, idx: u32) -> Result<TypedValue, RuntimeError> {
        if let Some(v) = self.statics[idx as usize] {
            return Ok(v);
        }
        let v = match self.prog.classes.statics[idx as usize].default {
            Some(init) => self.call(ctx, init, &[])?,
            None => TypedValue::null(),
        };
        self.statics[idx as usize] = Some(v);
        Ok(v)
    }

    /// The string object `o` converts to (echo, `.`, interpolation, `(string)`), as HHVM and PHP
    /// convert it: the result of its `__toString()`, which must be a string; an object without
    /// one is an `Error`. (Kept out of line: the interpreter's loop stays small.)
    #[cold]
    #[inline(never)]
    pub fn object_to_string(
        &mut self,
        ctx: &mut Ctx,
        o: &TypedValue,
    ) -> Result<TypedValue, RuntimeError> {
        if o.tag == Tag::Func {
            return Err(RuntimeError::throw(
                ExnClass::Error,
                "Object of class Closure could not be converted to string".to_string(),
            ));
        }
        let cls = object::class_of(o);
        let Some(m) = cls.method("__tostring") else {
            return Err(RuntimeError::throw(
                ExnClass::Error,
                format!(
                    "Object of class {} could not be converted to string",
                    cls.name
                ),
            ));
        };
        // SAFETY: the callee's `$this` gets its own reference.
        unsafe { o.inc_ref() };
        let r = self.call(ctx, m, &[*o])?;
        if r.tag != Tag::Str {
            let e = RuntimeError::type_error(format!(
                "{}::__toString(): Return value must be of type string, {} returned",
                cls.name,
                conv::type_name(&r)
            ));
            // SAFETY: the result is owned and dropped.
            unsafe { r.dec_ref() };
            return Err(e);
        }
        Ok(r)
    }

    /// The concatenation of `vals` (borrowed), each object among them converted by
    /// [`Vm::object_to_string`] (`.`, `.=` and interpolation with an object operand).
    #[cold]
    #[inline(never)]
    pub fn concat_objects(
        &mut self,
        ctx: &mut Ctx,
        vals: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        let mut parts = vals.to_vec();
        let mut made = Vec::new();
        let mut r = Ok(TypedValue::null());
        for p in parts.iter_mut().filter(|p| p.tag.is_object()) {
            match self.object_to_string(ctx, p) {
                Ok(s) => {
                    made.push(s);
                    *p = s;
                }
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        if r.is_ok() {
            r = ops::concat_n(&parts);
        }
        for s in made {
            // SAFETY: the strings made here are released.
            unsafe { s.dec_ref() };
        }
        r
    }

    /// `a .= b` with an object on either side: `a` is consumed when it succeeds (a failure
    /// leaves it to the exception edge, as container writes do).
    pub fn concat_to_objects(
        &mut self,
        ctx: &mut Ctx,
        a: TypedValue,
        b: TypedValue,
    ) -> Result<TypedValue, RuntimeError> {
        let r = self.concat_objects(ctx, &[a, b]);
        if r.is_ok() {
            // SAFETY: `a` is consumed.
            unsafe { a.dec_ref() };
        }
        r
    }

    /// A builtin whose string parameters got objects ([`builtins::Builtin::has_objects`]): each
    /// object argument, and each object element of a container argument (`implode`'s pieces, as
    /// a vec of their values), converted by [`Vm::object_to_string`] first. `args` are borrowed.
    #[cold]
    #[inline(never)]
    pub fn call_builtin_objects(
        &mut self,
        ctx: &mut Ctx,
        b: &builtins::Builtin,
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        // The values made here, released at the end (the builtin borrows them).
        let mut made: Vec<TypedValue> = Vec::new();
        let mut converted = Vec::with_capacity(args.len());
        let mut failed = None;
        for (i, a) in args.iter().enumerate() {
            let v = if a.tag.is_object() {
                if !b.mixed_at(i) && !object::has_to_string(a) {
                    // Not a string: the builtin's own check makes it a `TypeError`.
                    converted.push(*a);
                    continue;
                }
                self.object_to_string(ctx, a)
            } else if let Some(items) = array::items(a) {
                let mut pieces = array::VecBuilder::with_capacity(array::count_of(a));
                let mut r = Ok(());
                for (_, v) in items {
                    if v.tag.is_object() {
                        match self.object_to_string(ctx, &v) {
                            Ok(s) => pieces.push(s),
                            Err(e) => {
                                r = Err(e);
                                break;
                            }
                        }
                    } else {
                        pieces.push_dup(&v);
                    }
                }
                r.map(|()| pieces.finish())
            } else {
                converted.push(*a);
                continue;
            };
            match v {
                Ok(v) => {
                    made.push(v);
                    converted.push(v);
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let r = match failed {
            Some(e) => Err(e),
            None => (b.f)(ctx, &converted),
        };
        for v in made {
            // SAFETY: the values made here are released.
            unsafe { v.dec_ref() };
        }
        r
    }

    /// Binary `op` with an object operand: `.` converts it by `__toString`, and so does `<=>`
    /// against a string.
    #[cold]
    #[inline(never)]
    fn bin_objects(
        &mut self,
        ctx: &mut Ctx,
        op: Bin,
        a: &TypedValue,
        b: &TypedValue,
    ) -> Result<TypedValue, RuntimeError> {
        match op {
            Bin::Concat => self.concat_objects(ctx, &[*a, *b]),
            Bin::Cmp if ops::stringable_vs_string(a, b) => {
                self.compare_objects(ctx, a, b, ops::cmp)
            }
            _ => bin_slow(op, a, b),
        }
    }

    /// Comparison `op` with an object operand.
    #[cold]
    #[inline(never)]
    fn cmp_objects(
        &mut self,
        ctx: &mut Ctx,
        op: Cmp,
        a: &TypedValue,
        b: &TypedValue,
    ) -> Result<bool, RuntimeError> {
        let f = match op {
            Cmp::Same | Cmp::NSame => return cmp_slow(op, a, b),
            _ if !ops::stringable_vs_string(a, b) => return cmp_slow(op, a, b),
            Cmp::Eq => ops::eq,
            Cmp::Neq => ops::neq,
            Cmp::Lt => ops::lt,
            Cmp::Le => ops::le,
            Cmp::Gt => ops::gt,
            Cmp::Ge => ops::ge,
        };
        self.compare_objects(ctx, a, b, f).map(|v| v.as_bool())
    }

    /// Comparison `f` (`==`, `<`, `<=>`, ...) of an object whose class has `__toString` with a
    /// string ([`ops::stringable_vs_string`]): the object compares as its string, as in PHP and
    /// HHVM. `a` and `b` are borrowed.
    #[cold]
    #[inline(never)]
    pub fn compare_objects(
        &mut self,
        ctx: &mut Ctx,
        a: &TypedValue,
        b: &TypedValue,
        f: fn(&TypedValue, &TypedValue) -> ops::OpResult,
    ) -> ops::OpResult {
        let (obj_first, o) = if a.tag == Tag::Obj {
            (true, a)
        } else {
            (false, b)
        };
        let s = self.object_to_string(ctx, o)?;
        let r = if obj_first { f(&s, b) } else { f(a, &s) };
        // SAFETY: the string made here is released.
        unsafe { s.dec_ref() };
        r
    }

    /// `echo` of object `o`.
    #[cold]
    #[inline(never)]
    pub fn echo_object(&mut self, ctx: &mut Ctx, o: &TypedValue) -> Result<(), RuntimeError> {
        let s = self.object_to_string(ctx, o)?;
        ctx.write(|out| conv::push_string(&s, out));
        // SAFETY: the string made here is released.
        unsafe { s.dec_ref() };
        Ok(())
    }

    /// Move static property `idx`'s value out (owned), leaving null in it until the following
    /// `set_static` (an update in place of the container it holds, which stays unique).
    /// The `write` to come (a value and its keys, [`array::check_write`]) is checked first: one
    /// that would fail leaves the static as it was.
    pub fn take_static(
        &mut self,
        ctx: &mut Ctx,
        idx: u32,
        write: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        self.static_value(ctx, idx)?;
        let slot = self.statics[idx as usize]
            .as_mut()
            .expect("initialized by static_value");
        array::take_for_write(slot, write, TypedValue::null())
    }

    /// Store `v` (owned) into static property `idx`.
    pub fn set_static(
        &mut self,
        ctx: &mut Ctx,
        idx: u32,
        v: TypedValue,
    ) -> Result<(), RuntimeError> {
        let decl = &self.prog.classes.statics[idx as usize];
        if decl.hint.enforced && !matches(&v, decl.hint.ty) {
            let owner = (&*decl.owner.0, &*decl.owner.1);
            let e = prop_hint_error("Static property", owner, &decl.hint.text, &v);
            // SAFETY: the consumed value is released on error.
            unsafe { v.dec_ref() };
            return Err(e);
        }
        let old = self.static_value(ctx, idx)?;
        self.statics[idx as usize] = Some(v);
        // SAFETY: the slot's old reference is dropped.
        unsafe { old.dec_ref() };
        Ok(())
    }

    /// The value of class constant `idx` (borrowed), computed on first use.
    pub fn class_const(&mut self, ctx: &mut Ctx, idx: u32) -> Result<TypedValue, RuntimeError> {
        self.constant(ctx, true, idx)
    }

    /// The value of top-level constant `idx` (borrowed), computed on first use.
    pub fn global_const(&mut self, ctx: &mut Ctx, idx: u32) -> Result<TypedValue, RuntimeError> {
        self.constant(ctx, false, idx)
    }

    /// The value of constant `idx` (a class constant when `class`; borrowed): from its cache,
    /// or its initializer's, refusing one already running (a constant whose value depends on
    /// itself: PHP's and HHVM's `Error`).
    fn constant(
        &mut self,
        ctx: &mut Ctx,
        class: bool,
        idx: u32,
    ) -> Result<TypedValue, RuntimeError> {
        let cache = if class {
            &self.class_consts
        } else {
            &self.consts
        };
        if let Some(v) = cache[idx as usize] {
            return Ok(v);
        }
        if self.const_inits_running.contains(&(class, idx)) {
            let name = if class {
                let classes = &self.prog.classes.classes;
                classes
                    .iter()
                    .find_map(|c| {
                        let (n, _) = c.consts.iter().find(|(_, &i)| i == idx)?;
                        Some(format!("{}::{n}", c.name))
                    })
                    .unwrap_or_default()
            } else {
                self.prog.consts[idx as usize].0.to_string()
            };
            return Err(RuntimeError::throw(
                ExnClass::Error,
                format!("Cannot declare self-referencing constant {name}"),
            ));
        }
        let init = if class {
            self.prog.classes.const_inits[idx as usize]
        } else {
            self.prog.consts[idx as usize].1
        };
        self.const_inits_running.push((class, idx));
        let r = self.call(ctx, init, &[]);
        self.const_inits_running.pop();
        let v = r?;
        let cache = if class {
            &mut self.class_consts
        } else {
            &mut self.consts
        };
        cache[idx as usize] = Some(v);
        Ok(v)
    }

    /// The built-in static methods of enums: `getValues`, `getNames`, `isValid`, `coerce`, `assert`.
    pub fn enum_method(
        &mut self,
        ctx: &mut Ctx,
        cls: &Class,
        name: &str,
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        let mut pairs = Vec::new();
        for case in &cls.cases {
            let v = self.class_const(ctx, cls.consts[case])?;
            pairs.push((case.clone(), v));
        }
        // As HHVM's `ext_enum.cpp` and `enum-util.cpp`: values are looked up as array keys (an
        // int-like string is that int), so `E::isValid("2")` is true for a case 2.
        use crate::builtins::array_key;
        let find = |v: &TypedValue| {
            let k = array_key(v)?;
            pairs
                .iter()
                .find(|(_, x)| array_key(x).as_ref() == Some(&k))
        };
        // The enum's base type: its cases' (their initializers' return type).
        let base = cls
            .cases
            .first()
            .map_or(jsvm_ir::types::Type::ARRAY_KEY, |case| {
                let init = self.prog.classes.const_inits[cls.consts[case] as usize];
                self.prog.module.funcs[init as usize].ret.ty
            });
        let single_base = base.is(jsvm_ir::types::Type::INT) || base.is(jsvm_ir::types::Type::STR);
        // `coerce($a)`: the case's value for an int or string enum (`E::coerce("2")` is 2,
        // `S::coerce(5)` is "5"); an arraykey enum's gives the argument as it is.
        let coerce = |a: &TypedValue| {
            let (_, v) = find(a)?;
            let r = if single_base { v } else { a };
            // SAFETY: a live constant or argument; the result gets its own reference.
            unsafe { r.inc_ref() };
            Some(*r)
        };
        // `assert($a)`: the coerced value, else `UnexpectedValueException`.
        let assert = |a: &TypedValue| {
            coerce(a).ok_or_else(|| {
                RuntimeError::throw(
                    ExnClass::UnexpectedValueException,
                    format!(
                        "{} is not a valid value for {}",
                        String::from_utf8_lossy(&conv::to_string_bytes(a)),
                        cls.name
                    ),
                )
            })
        };
        let arg = args.first().copied().unwrap_or(TypedValue::null());
        match name.to_ascii_lowercase().as_str() {
            "getvalues" => {
                let items = pairs
                    .iter()
                    .map(|(n, v)| {
                        // SAFETY: the constant cache keeps `v` alive; the dict gets its own reference.
                        unsafe { v.inc_ref() };
                        (TypedValue::new_str(n.as_bytes()), *v)
                    })
                    .collect();
                array::new_dict(items)
            }
            // Keyed by value, an int-like string as its int; two cases of one value are
            // HHVM's invariant violation.
            "getnames" => {
                let mut keys = Vec::with_capacity(pairs.len());
                for (_, v) in &pairs {
                    match array_key(v) {
                        Some(k) if !keys.contains(&k) => keys.push(k),
                        _ => {
                            return Err(RuntimeError::throw(
                                ExnClass::InvariantException,
                                "Enum has overlapping values",
                            ))
                        }
                    }
                }
                let items = keys
                    .into_iter()
                    .zip(&pairs)
                    .map(|(k, (n, _))| {
                        let k = match k {
                            Ok(i) => TypedValue::int(i),
                            Err(s) => TypedValue::new_str(&s),
                        };
                        (k, TypedValue::new_str(n.as_bytes()))
                    })
                    .collect();
                array::new_dict(items)
            }
            "isvalid" => Ok(TypedValue::bool(find(&arg).is_some())),
            "coerce" => Ok(coerce(&arg).unwrap_or(TypedValue::null())),
            "assert" => assert(&arg),
            // HHVM's `assertAll($traversable)`: a vec of `assert` of each value.
            "assertall" => {
                let mut out = Vec::new();
                for (_, v) in array::items(&arg).into_iter().flatten() {
                    match assert(&v) {
                        Ok(r) => out.push(r),
                        Err(e) => {
                            for r in out {
                                // SAFETY: each is an owned result of `assert`.
                                unsafe { r.dec_ref() };
                            }
                            return Err(e);
                        }
                    }
                }
                Ok(array::new_vec(out))
            }
            _ => Err(RuntimeError::throw(
                ExnClass::Error,
                format!("Call to undefined method {}::{name}()", cls.name),
            )),
        }
    }

    /// Call a callable value (a closure or a function name) with borrowed arguments.
    fn call_value(
        &mut self,
        ctx: &mut Ctx,
        callee: &TypedValue,
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        match callee.tag {
            Tag::Func => {
                let (func, caps) = object::closure_parts(callee);
                self.call_func(ctx, func, caps, args)
            }
            Tag::Str => {
                let name = String::from_utf8_lossy(callee.str_bytes()).into_owned();
                let name = name.strip_prefix('\\').unwrap_or(&name).to_string();
                if let Some((class, method)) = jsvm_ir::private_parts(&name) {
                    return self.call_static_by_name(ctx, class, method, args);
                }
                if let Some(id) = self.prog.module.func_by_name_any_case(&name) {
                    return self.call_func(ctx, id.0, &[], args);
                }
                // The HSL by its full name (`HH\Lib\Str\uppercase`), as the front end
                // resolves direct calls.
                let name = name.strip_prefix("HH\\Lib\\").unwrap_or(&name);
                if let Some(cb) = array::lookup_callback(name) {
                    return cb.call(ctx, self, args);
                }
                match builtins::lookup_callable(name) {
                    Some(b) => b.call(ctx, args),
                    None => Err(RuntimeError::throw(
                        ExnClass::Error,
                        format!("Call to undefined function {name}()"),
                    )),
                }
            }
            // `vec[$o, 'm']`: how the front end calls a method with spread arguments
            // (`$o->m(...$args)`); the name is the call site's (scoped inside a class).
            Tag::Vec => match array::vec_elems(callee) {
                [o, m] if o.tag == Tag::Obj && m.tag == Tag::Str => {
                    let name = String::from_utf8_lossy(m.str_bytes()).to_ascii_lowercase();
                    let cls = object::class_of(o);
                    let func = cls
                        .instance_method(&name)
                        .map_err(|miss| object::method_error(cls, &name, miss))?;
                    // (`$o` goes first, as a closure's captures do.)
                    self.call_func(ctx, func, std::slice::from_ref(o), args)
                }
                _ => Err(RuntimeError::throw(ExnClass::Error, "vec is not callable")),
            },
            _ => Err(RuntimeError::throw(
                ExnClass::Error,
                format!("{} is not callable", given_type(callee)),
            )),
        }
    }
}

impl Vm<'_> {
    /// A `'C::m'` string callable: static method `m` of class `C` (inherited ones too), called
    /// with `C` as its late-static-bound class.
    fn call_static_by_name(
        &mut self,
        ctx: &mut Ctx,
        class: &str,
        method: &str,
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        let prog = self.prog;
        let Some(cls) = prog.classes.by_name(class) else {
            return Err(RuntimeError::throw(
                ExnClass::Error,
                format!("Class \"{class}\" not found"),
            ));
        };
        let func = cls.static_method(method)?;
        if !prog.module.func(jsvm_ir::FuncId(func)).attrs.is_static {
            return Err(RuntimeError::throw(
                ExnClass::Error,
                format!(
                    "Non-static method {}() cannot be called statically",
                    prog.module.func(jsvm_ir::FuncId(func)).name
                ),
            ));
        }
        self.call_func(ctx, func, &[TypedValue::int(cls.id as i64)], args)
    }

    /// [`Vm::call_owned`] with borrowed arguments `caps` (a closure's captured values) then
    /// `args` (callbacks of builtins, closures called by value).
    fn call_func(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        caps: &[TypedValue],
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        // The callee's own references, in the VM's argument buffer (no allocation per call; a
        // nested call meanwhile finds it empty and makes its own).
        let mut owned = std::mem::take(&mut self.argbuf);
        owned.clear();
        owned.extend(caps.iter().chain(args).map(|v| {
            // SAFETY: borrowed values get their own reference for the callee.
            unsafe { v.inc_ref() };
            *v
        }));
        let r = self.call_owned(ctx, func, &mut owned);
        // The values moved into the callee.
        owned.clear();
        self.argbuf = owned;
        r
    }

    /// A call of `func` with owned `args` from outside the dispatch loop, as a call instruction
    /// makes it: memoized functions through their cache, compiled code when the function has
    /// some, else the interpreter.
    pub fn call_owned(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        args: &mut [TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        if self.prog.funcs[func as usize].memoize {
            return self.call_memoized(ctx, func, args);
        }
        self.call_body(ctx, func, args)
    }

    /// `func`'s body with owned `args`: its compiled code when it has some, else the
    /// interpreter (a memoized function's cache is the caller's business).
    fn call_body(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        args: &mut [TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        match self.prog.table.get(func) {
            Some(entry) => {
                let r = self.call_compiled(ctx, entry, args);
                match ctx.pending.take() {
                    Some(e) => Err(e),
                    None => Ok(r),
                }
            }
            None => self.call(ctx, func, args),
        }
    }

    /// Call compiled code; calls it makes back into the interpreter reuse this VM (through
    /// `ctx.vm`) above the current frames.
    #[inline(never)]
    fn call_compiled(
        &mut self,
        ctx: &mut Ctx,
        entry: crate::tier::GenericEntry,
        args: &mut [TypedValue],
    ) -> TypedValue {
        let saved = ctx.vm;
        ctx.vm = self as *mut Vm as *mut ();
        // SAFETY: the arguments are owned values moved into the callee, as `GenericEntry`
        // requires; `self` is not used until the call returns, so the raw pointer in `ctx.vm`
        // is the only path to the VM meanwhile.
        let r = unsafe { entry(ctx, args.as_mut_ptr(), args.len() as u32) };
        ctx.vm = saved;
        r
    }
}

impl Vm<'_> {
    /// The OSR code of `func` at loop header `pc`, asking the tier policy for it the first
    /// time (a synchronous policy may have it ready at once).
    #[cold]
    fn osr_lookup(&self, func: u32, pc: u32) -> Option<(crate::tier::GenericEntry, Vec<Slot>)> {
        use super::OsrState;
        let prog = self.prog;
        let lookup = || {
            let m = prog.osr.lock().unwrap_or_else(|e| e.into_inner());
            m.get(&(func, pc)).cloned()
        };
        match lookup() {
            Some(OsrState::Ready(e, s)) => return Some((e, s)),
            Some(_) => return None,
            None => {}
        }
        // A function whose code comes from a profile's batch is not compiled again for OSR.
        if prog.counters.funcs[func as usize]
            .enabled
            .load(std::sync::atomic::Ordering::Relaxed)
            == 0
        {
            return None;
        }
        let block = prog.funcs[func as usize]
            .block_pc
            .iter()
            .position(|&p| p == pc);
        let state = match (block, prog.on_osr.get()) {
            (Some(_), Some(_)) => OsrState::Requested,
            _ => OsrState::Failed,
        };
        prog.osr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((func, pc), state);
        if let (Some(b), Some(cb)) = (block, prog.on_osr.get()) {
            cb(func, b as u32);
        }
        match lookup() {
            Some(OsrState::Ready(e, s)) => Some((e, s)),
            _ => None,
        }
    }

    /// Count an entry of `func` (profiling runs) and report it hot to the tier policy once.
    #[inline]
    fn entered(&self, func: u32) {
        let prog = self.prog;
        let Some(c) = prog.counters.funcs.get(func as usize) else {
            return;
        };
        let n = c.entries.load(std::sync::atomic::Ordering::Relaxed) + 1;
        c.entries.store(n, std::sync::atomic::Ordering::Relaxed);
        // A function whose code came from a profile is not reported again.
        if n == prog.hot_calls.load(std::sync::atomic::Ordering::Relaxed) {
            self.report_hot(func);
        }
    }

    /// Report `func` hot to the tier policy, once: when its calls reach `hot_calls`, or at the
    /// first OSR check of one of its loops (a function called rarely but looping long is hot
    /// too; its next calls then run its compiled code instead of re-entering OSR code).
    fn report_hot(&self, func: u32) {
        let prog = self.prog;
        let Some(c) = prog.counters.funcs.get(func as usize) else {
            return;
        };
        if c.enabled.load(std::sync::atomic::Ordering::Relaxed) != 0 && c.report_hot() {
            if let Some(hook) = prog.on_hot.get() {
                hook(func);
            }
        }
    }
}

/// What a memoize cache entry holds besides its key's bytes: the key's box, the value, and
/// the hash table's slot.
const MEMO_ENTRY_BYTES: usize = 64;

/// Append a memoization key for `v` (scalars and Hack arrays of them; objects by identity). As
/// HHVM's `serialize_memoize_param`, a container is its keys and values whatever its kind:
/// `vec[1, 2]` and `dict[0 => 1, 1 => 2]` are one key, `keyset[1]` and `dict[1 => 1]` another.
fn memo_key(v: &TypedValue, out: &mut Vec<u8>) {
    let kind = match v.tag {
        Tag::Vec | Tag::Keyset => Tag::Dict,
        t => t,
    };
    out.push(kind as u8);
    match v.tag {
        Tag::Str => {
            let b = v.str_bytes();
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        }
        Tag::Vec | Tag::Dict | Tag::Keyset => {
            if let Some(items) = array::items(v) {
                for (k, x) in items {
                    memo_key(&k, out);
                    memo_key(&x, out);
                }
            }
            out.push(0xff);
        }
        _ => out.extend_from_slice(&v.payload.to_le_bytes()),
    }
}

/// Push the objects and closures that `v` is or holds (the parts [`memo_key`] names by identity).
fn memo_objects(v: &TypedValue, out: &mut Vec<TypedValue>) {
    match v.tag {
        Tag::Obj | Tag::Func => out.push(*v),
        Tag::Vec | Tag::Dict | Tag::Keyset => {
            if let Some(items) = array::items(v) {
                for (_, x) in items {
                    memo_objects(&x, out);
                }
            }
        }
        _ => {}
    }
}

impl Vm<'_> {
    /// Drop the memoize cache's entries that name a freed object or closure.
    fn purge_dead_memo_keys(&mut self) {
        for addr in object::take_dead_memo_keys() {
            for key in self.memo_by_object.remove(&addr).unwrap_or_default() {
                if let Some(v) = self.memo.remove(&key) {
                    crate::heap::release_external(key.len() + MEMO_ENTRY_BYTES);
                    // SAFETY: the cache's own reference.
                    unsafe { v.dec_ref() };
                }
            }
        }
    }

    /// A call of a `<<__Memoize>>` function with owned `args`: the cached result, or the result
    /// of a nested call, cached.
    pub fn call_memoized(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        args: &mut [TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        if let (Some(c), Some(lsb)) = (self.prog.funcs[func as usize].memo_class, args.first_mut())
        {
            // SAFETY: the hidden class argument was moved to us; it is replaced.
            unsafe { lsb.dec_ref() };
            *lsb = TypedValue::int(i64::from(c));
        }
        self.purge_dead_memo_keys();
        // A nested memoized call (from the body below) finds the buffer empty and makes its own.
        let mut key = std::mem::take(&mut self.memo_key);
        key.clear();
        key.extend_from_slice(&func.to_le_bytes());
        for a in args.iter() {
            memo_key(a, &mut key);
        }
        if let Some(v) = self.memo.get(key.as_slice()) {
            for a in args.iter() {
                // SAFETY: the arguments were moved to us and are not used again.
                unsafe { a.dec_ref() };
            }
            // SAFETY: the cache keeps the value alive; the caller gets its own reference.
            unsafe { v.inc_ref() };
            let v = *v;
            self.memo_key = key;
            return Ok(v);
        }
        // Objects in the key stay alive until the entry is in, so that one freed meanwhile (the
        // body may drop its last reference) is purged after its entry was made, not before.
        let mut objs = Vec::new();
        for a in args.iter() {
            memo_objects(a, &mut objs);
        }
        for o in &objs {
            // SAFETY: a live object or closure that an argument holds.
            unsafe { o.inc_ref() };
        }
        let r = self.call_body(ctx, func, args);
        if let Ok(r) = r {
            // The cache lives as long as the request: its entries count against the memory
            // limit (the key, the value and the table's own word per entry, roughly).
            crate::heap::charge_external(key.len() + MEMO_ENTRY_BYTES);
            // SAFETY: the cache takes its own reference.
            unsafe { r.inc_ref() };
            let boxed: Box<[u8]> = key.as_slice().into();
            for o in &objs {
                if object::mark_memo_key(o) {
                    let keys = self.memo_by_object.entry(o.payload as usize).or_default();
                    keys.push(boxed.clone());
                }
            }
            self.memo.insert(boxed, r);
        }
        for o in objs {
            // SAFETY: the reference taken above.
            unsafe { o.dec_ref() };
        }
        self.memo_key = key;
        r
    }
}

impl array::Invoker for Vm<'_> {
    fn invoke(
        &mut self,
        ctx: &mut Ctx,
        f: &TypedValue,
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        self.call_value(ctx, f, args)
    }
}

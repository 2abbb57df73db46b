//! The runtime helpers that compiled (LLVM tier) code calls: the slow path of every scalar IR
//! instruction, calls into builtins and into the interpreter, type-check failures, refcount
//! release, and the pending-exception protocol.
//!
//! # Contract shared with `jsvm-llvm`
//! - Every helper is `extern "C-unwind"` (a Rust panic — a fatal — unwinds through JIT frames,
//!   which have registered `.eh_frame`s).
//! - `ctx` is the request's live `Ctx`, never null. `TypedValue`s passed by value are borrowed
//!   unless the helper's doc says *owned*; results are owned.
//! - A Hack exception is never returned as an `Err`: the helper stores it in `ctx.pending`, sets
//!   `ctx.jit_pending = 1` and returns `Uninit`; compiled code tests `jit_pending` after the call
//!   and branches (cold) to its exit. A generic entry clears `jit_pending` as it returns to a
//!   caller that is not compiled code (the interpreter takes `ctx.pending` itself).
//! - By-value `TypedValue`s take two integer registers; no helper takes more than two of them
//!   besides `ctx`, so none is ever split between registers and the stack.
#![allow(clippy::missing_safety_doc)] // the contract above is every helper's safety contract

pub mod containers;
pub mod deopt;
pub mod objects;

pub use containers::*;
pub use deopt::rt_deopt;
pub use objects::*;

use crate::builtins;
use crate::conv;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::interp::exec;
use crate::ops;
use crate::value::TypedValue;
use jsvm_ir::{Type, VerifyKind};

/// What a failing `verify_type` needs for its message (one per check site, owned by the compiler,
/// alive as long as the code).
#[derive(Debug)]
pub struct VerifyFail {
    /// The function's qualified name.
    pub func: Box<str>,
    /// Why the value is checked.
    pub kind: VerifyKind,
    /// The declared hint text.
    pub text: Box<str>,
    /// The hint names an interface (a parameter's message says "must implement interface").
    pub interface: bool,
}

/// What a generic entry's arity failure needs for its message.
#[derive(Debug)]
pub struct ArityInfo {
    /// The function's qualified name.
    pub func: Box<str>,
    /// Parameters without a default.
    pub required: u32,
    /// Declared parameters.
    pub nparams: u32,
    /// Whether the last parameter is variadic.
    pub variadic: bool,
    /// Hidden leading parameters (captures, `$this`): not counted in messages.
    pub hidden: u32,
}

/// An error known when the code was compiled (undefined function or constant).
#[derive(Debug)]
pub struct StaticError {
    /// The exception class.
    pub class: ExnClass,
    /// The message.
    pub message: Box<str>,
}

/// Stores `e` as the pending exception of compiled code.
#[cold]
pub fn raise(ctx: &mut Ctx, e: RuntimeError) -> TypedValue {
    if let RuntimeError::Fatal(m) = &e {
        // Fatals end the request: they unwind (through the registered unwind tables of
        // compiled code) to the request boundary, which reports them.
        std::panic::panic_any(format!("fatal error: {m}"));
    }
    ctx.pending = Some(e);
    ctx.jit_pending = 1;
    TypedValue::uninit()
}

#[inline(always)]
fn done(ctx: *mut Ctx, r: Result<TypedValue, RuntimeError>) -> TypedValue {
    match r {
        Ok(v) => v,
        // SAFETY: helper contract: `ctx` is the live request context.
        Err(e) => raise(unsafe { &mut *ctx }, e),
    }
}

/// Sets `ctx.stack_limit` from the current thread's stack bounds, keeping `margin` bytes for
/// helpers, builtins and the interpreter that compiled code may call near the limit.
pub fn set_stack_limit(ctx: &mut Ctx, margin: usize) {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; it is destroyed after use.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if ok && size > margin {
            ctx.stack_limit = addr as usize + margin;
        }
    }
}

macro_rules! binary_helpers {
    ($($name:ident => $op:path;)*) => {$(
        #[doc = concat!("`", stringify!($op), "` on two borrowed values.")]
        pub unsafe extern "C-unwind" fn $name(ctx: *mut Ctx, a: TypedValue, b: TypedValue) -> TypedValue {
            done(ctx, $op(&a, &b))
        }
    )*};
}

binary_helpers! {
    rt_add => ops::add;
    rt_sub => ops::sub;
    rt_mul => ops::mul;
    rt_div => ops::div;
    rt_mod => ops::modulo;
    rt_pow => ops::pow;
    rt_bitand => ops::bitand;
    rt_bitor => ops::bitor;
    rt_bitxor => ops::bitxor;
    rt_shl => ops::shl;
    rt_shr => ops::shr;
    rt_same => ops::same;
    rt_nsame => ops::nsame;
}

macro_rules! comparison_helpers {
    ($($name:ident => $op:path;)*) => {$(
        #[doc = concat!("`", stringify!($op), "` on two borrowed values (an object with `__toString` against a string compares as its string).")]
        pub unsafe extern "C-unwind" fn $name(ctx: *mut Ctx, a: TypedValue, b: TypedValue) -> TypedValue {
            if ops::stringable_vs_string(&a, &b) {
                return compare_objects(ctx, a, b, $op);
            }
            done(ctx, $op(&a, &b))
        }
    )*};
}

comparison_helpers! {
    rt_cmp => ops::cmp;
    rt_eq => ops::eq;
    rt_neq => ops::neq;
    rt_lt => ops::lt;
    rt_le => ops::le;
    rt_gt => ops::gt;
    rt_ge => ops::ge;
}

/// A comparison of an object with `__toString` and a string, through the VM.
#[cold]
#[inline(never)]
fn compare_objects(
    ctx: *mut Ctx,
    a: TypedValue,
    b: TypedValue,
    f: fn(&TypedValue, &TypedValue) -> ops::OpResult,
) -> TypedValue {
    // SAFETY: helper contract (the live ctx).
    let c = unsafe { &mut *ctx };
    let r = objects::with_vm(c, |vm, ctx| vm.compare_objects(ctx, &a, &b, f));
    done(ctx, r)
}

macro_rules! unary_helpers {
    ($($name:ident => $op:path;)*) => {$(
        #[doc = concat!("`", stringify!($op), "` on a borrowed value.")]
        pub unsafe extern "C-unwind" fn $name(ctx: *mut Ctx, a: TypedValue) -> TypedValue {
            done(ctx, $op(&a))
        }
    )*};
}

fn to_bool(a: &TypedValue) -> Result<TypedValue, RuntimeError> {
    Ok(TypedValue::bool(conv::to_bool(a)))
}

unary_helpers! {
    rt_neg => ops::neg;
    rt_plus => ops::plus;
    rt_incr => ops::incr;
    rt_decr => ops::decr;
    rt_not => ops::not;
    rt_bitnot => ops::bitnot;
    rt_to_bool => to_bool;
    rt_cast_int => ops::cast_int;
    rt_cast_float => ops::cast_float;
}

/// `a . b` (borrowed); objects convert by their `__toString()` ([`exec::Vm::object_to_string`]).
pub unsafe extern "C-unwind" fn rt_concat(
    ctx: *mut Ctx,
    a: TypedValue,
    b: TypedValue,
) -> TypedValue {
    if a.tag.is_object() || b.tag.is_object() {
        return concat_objects(ctx, &[a, b]);
    }
    done(ctx, ops::concat2(&a, &b))
}

/// `(string) a` (borrowed), objects by their `__toString()`.
pub unsafe extern "C-unwind" fn rt_cast_str(ctx: *mut Ctx, a: TypedValue) -> TypedValue {
    if a.tag.is_object() {
        // SAFETY: helper contract.
        let c = unsafe { &mut *ctx };
        return done(
            ctx,
            objects::with_vm(c, |vm, ctx| vm.object_to_string(ctx, &a)),
        );
    }
    done(ctx, ops::cast_string(&a))
}

/// The concatenation of `parts` (borrowed), among which are objects.
fn concat_objects(ctx: *mut Ctx, parts: &[TypedValue]) -> TypedValue {
    // SAFETY: helper contract.
    let c = unsafe { &mut *ctx };
    let r = objects::with_vm(c, |vm, ctx| vm.concat_objects(ctx, parts));
    done(ctx, r)
}

/// `concat_n` of `n` borrowed values at `parts`.
pub unsafe extern "C-unwind" fn rt_concat_n(
    ctx: *mut Ctx,
    parts: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes an array of `n` well-formed values.
    let parts = unsafe { std::slice::from_raw_parts(parts, n as usize) };
    if parts.iter().any(|p| p.tag.is_object()) {
        return concat_objects(ctx, parts);
    }
    done(ctx, ops::concat_n(parts))
}

/// `echo` of a borrowed value (an object's `__toString()` may raise).
pub unsafe extern "C-unwind" fn rt_echo(ctx: *mut Ctx, a: TypedValue) {
    if a.tag.is_object() {
        // SAFETY: helper contract.
        let c = unsafe { &mut *ctx };
        let r = objects::with_vm(c, |vm, ctx| vm.echo_object(ctx, &a));
        done(ctx, r.map(|()| TypedValue::null()));
        return;
    }
    // SAFETY: helper contract.
    let ctx = unsafe { &mut *ctx };
    ctx.write(|out| conv::push_string(&a, out));
}

/// `echo` of an int (no boxing).
pub unsafe extern "C-unwind" fn rt_echo_int(ctx: *mut Ctx, i: i64) {
    // SAFETY: helper contract.
    let ctx = unsafe { &mut *ctx };
    ctx.write(|out| conv::push_int(i, out));
}

/// 1 when the borrowed value has type `bits` (as the interpreter's `matches`; used where a
/// string's static/counted distinction matters).
pub unsafe extern "C-unwind" fn rt_is_type(a: TypedValue, bits: u32) -> u32 {
    exec::matches(
        &a,
        Type {
            bits: bits as u16,
            class: None,
        },
    ) as u32
}

/// `switch_str`: the number of the label of `table` equal to `a` (borrowed), or -1 (no label
/// is, or `a` is no string).
///
/// # Safety
/// `table` is a live table (owned by the calling code's side tables).
pub unsafe extern "C-unwind" fn rt_switch_str(
    table: *const crate::switch::StrSwitch,
    a: TypedValue,
) -> i64 {
    // SAFETY: caller: the table lives as long as the code.
    let t = unsafe { &*table };
    t.find_value(&a).map_or(-1, i64::from)
}

/// A failed `verify_type`: raises `TypeError`/`TypeAssertionException` (as the interpreter words it).
pub unsafe extern "C-unwind" fn rt_verify_fail(
    ctx: *mut Ctx,
    info: *const VerifyFail,
    a: TypedValue,
) -> TypedValue {
    // SAFETY: helper contract; `info` is owned by the compiler and outlives the code.
    let (ctx, info) = unsafe { (&mut *ctx, &*info) };
    let e = exec::verify_failed(&info.func, info.kind, (&info.text, info.interface), &a);
    raise(ctx, e)
}

/// A generic entry called with too few arguments: raises `ArgumentCountError`.
pub unsafe extern "C-unwind" fn rt_too_few_args(
    ctx: *mut Ctx,
    info: *const ArityInfo,
    argc: u32,
) -> TypedValue {
    // SAFETY: helper contract; `info` outlives the code.
    let (ctx, f) = unsafe { (&mut *ctx, &*info) };
    let argc = argc.saturating_sub(f.hidden);
    let exp = if f.required == f.nparams && !f.variadic {
        "exactly"
    } else {
        "at least"
    };
    let e = RuntimeError::throw(
        ExnClass::ArgumentCountError,
        format!(
            "Too few arguments to function {}(), {argc} passed and {exp} {} expected",
            f.func, f.required
        ),
    );
    raise(ctx, e)
}

/// Raises an error known at compile time.
pub unsafe extern "C-unwind" fn rt_static_error(
    ctx: *mut Ctx,
    info: *const StaticError,
) -> TypedValue {
    // SAFETY: helper contract; `info` outlives the code.
    let (ctx, info) = unsafe { (&mut *ctx, &*info) };
    raise(ctx, RuntimeError::throw(info.class, &*info.message))
}

/// Drops `n` owned values at `args` (extra arguments of a generic entry).
pub unsafe extern "C-unwind" fn rt_drop_args(args: *mut TypedValue, n: u32) {
    for i in 0..n as usize {
        // SAFETY: the caller owns the `n` values and gives them up.
        unsafe { (*args.add(i)).dec_ref() };
    }
}

/// Gives up one owned reference (the slow path of an inline decrement).
pub unsafe extern "C-unwind" fn rt_decref(a: TypedValue) {
    // SAFETY: compiled code gives up a reference it owns (placed by the refcount pass).
    unsafe { a.dec_ref() }
}

/// Calls builtin number `idx` with `argc` borrowed arguments at `args`.
pub unsafe extern "C-unwind" fn rt_call_builtin(
    ctx: *mut Ctx,
    idx: u32,
    args: *const TypedValue,
    argc: u32,
) -> TypedValue {
    let b = &builtins::all()[idx as usize];
    // SAFETY: helper contract; `args` holds `argc` well-formed values (or is dangling when 0).
    let (c, args) = unsafe {
        (
            &mut *ctx,
            if argc == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(args, argc as usize)
            },
        )
    };
    if b.has_objects(args) {
        return builtin_objects(ctx, b, args);
    }
    done(ctx, b.call(c, args))
}

/// [`rt_call_builtin`] of a builtin whose string parameters got objects.
#[cold]
#[inline(never)]
fn builtin_objects(ctx: *mut Ctx, b: &builtins::Builtin, args: &[TypedValue]) -> TypedValue {
    // SAFETY: helper contract (the live ctx).
    let c = unsafe { &mut *ctx };
    let r = match b.check_arity(args.len()) {
        Err(e) => Err(e),
        Ok(()) => objects::with_vm(c, |vm, ctx| vm.call_builtin_objects(ctx, b, args)),
    };
    done(ctx, r)
}

/// Calls function `func` with `argc` owned arguments at `args`: its compiled code if it has some
/// by now, else the interpreter (a `<<__Memoize>>` function through the VM's cache).
pub unsafe extern "C-unwind" fn rt_call_interp(
    ctx: *mut Ctx,
    func: u32,
    args: *mut TypedValue,
    argc: u32,
) -> TypedValue {
    // SAFETY: helper contract; `args` holds `argc` owned values that move into the callee.
    let (c, args) = unsafe {
        (
            &mut *ctx,
            if argc == 0 {
                &mut [][..]
            } else {
                std::slice::from_raw_parts_mut(args, argc as usize)
            },
        )
    };
    let r = objects::call_func(c, func, args);
    done(ctx, r)
}

/// `throw` of an owned exception value.
pub unsafe extern "C-unwind" fn rt_throw(ctx: *mut Ctx, a: TypedValue) -> TypedValue {
    // SAFETY: helper contract.
    raise(unsafe { &mut *ctx }, RuntimeError::Object(a))
}

/// `exit(code)`.
pub unsafe extern "C-unwind" fn rt_exit(ctx: *mut Ctx, a: TypedValue) -> TypedValue {
    // SAFETY: helper contract.
    let c = unsafe { &mut *ctx };
    let e = c.exit_with(&a);
    raise(c, e)
}

/// `unreachable` was reached.
pub unsafe extern "C-unwind" fn rt_unreachable(ctx: *mut Ctx) -> TypedValue {
    // SAFETY: helper contract.
    raise(
        unsafe { &mut *ctx },
        RuntimeError::fatal("jsvm: reached unreachable code"),
    )
}

/// A prologue found the stack pointer below `ctx.stack_limit`.
pub unsafe extern "C-unwind" fn rt_stack_overflow(ctx: *mut Ctx) -> TypedValue {
    // SAFETY: helper contract.
    raise(unsafe { &mut *ctx }, RuntimeError::fatal("Stack overflow"))
}

/// The step budget (`--max-steps`) ran out in compiled code (it polls at loop headers and
/// function entries when the budget is on): a fatal error.
pub unsafe extern "C-unwind" fn rt_budget_exhausted(ctx: *mut Ctx) -> TypedValue {
    // SAFETY: helper contract.
    raise(
        unsafe { &mut *ctx },
        RuntimeError::fatal("Maximum execution steps exceeded"),
    )
}

/// Byte offset of `Ctx::stop` (compiled code that polls the budget reads it too).
pub const STOP_OFFSET: usize = std::mem::offset_of!(Ctx, stop);

/// Byte offset of `Ctx::budget` (compiled code decrements it when the budget is on).
pub const BUDGET_OFFSET: usize = std::mem::offset_of!(Ctx, budget);
/// Byte offset of `Ctx::jit_pending` (compiled code tests it after calls).
pub const PENDING_OFFSET: usize = std::mem::offset_of!(Ctx, jit_pending);
/// Offset of `Ctx::deopt_countdown`, which compiled guards decrement under the stress switch.
pub const DEOPT_COUNTDOWN_OFFSET: usize = std::mem::offset_of!(Ctx, deopt_countdown);
/// Byte offset of `Ctx::stack_limit` (compiled prologues compare the frame address with it).
pub const STACK_LIMIT_OFFSET: usize = std::mem::offset_of!(Ctx, stack_limit);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helper_error_sets_pending_flag() {
        let mut ctx = Ctx::new();
        // SAFETY: a live ctx and well-formed ints.
        let r = unsafe { rt_mod(&mut ctx, TypedValue::int(1), TypedValue::int(0)) };
        assert!(r.is_uninit());
        assert_eq!(ctx.jit_pending, 1);
        assert!(ctx.pending.is_some());
    }

    #[test]
    fn stack_limit_is_below_current_frame() {
        let mut ctx = Ctx::new();
        set_stack_limit(&mut ctx, 64 << 10);
        let here = &ctx as *const Ctx as usize;
        assert!(ctx.stack_limit != 0 && ctx.stack_limit < here);
    }
}

//! Helpers for vecs, dicts, keysets, strings and iteration: the slow path of every container
//! instruction, each calling the same `crate::array` function the interpreter runs.
//!
//! Ownership is the opcode table's: consumed operands are consumed here (also on error),
//! borrowed ones are only read; results are owned. The contract of the parent module applies.

use super::{done, raise};
use crate::array;
use crate::conv;
use crate::ctx::Ctx;
use crate::error::RuntimeError;
use crate::string::Str;
use crate::value::{Tag, TypedValue};

/// The `n` values at `p` (dangling when `n` is 0).
///
/// # Safety
/// `p` points to `n` well-formed values that outlive the returned slice.
pub(crate) unsafe fn slice<'a>(p: *const TypedValue, n: u32) -> &'a [TypedValue] {
    if n == 0 {
        &[]
    } else {
        // SAFETY: the caller's contract.
        unsafe { std::slice::from_raw_parts(p, n as usize) }
    }
}

/// `new_vec` of `n` owned values at `items`.
pub unsafe extern "C-unwind" fn rt_new_vec(
    _ctx: *mut Ctx,
    items: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes `n` owned values, which move into the vec.
    array::new_vec(unsafe { slice(items, n) }.to_vec())
}

/// `new_dict` of `n` owned values at `items` (alternating key, value).
pub unsafe extern "C-unwind" fn rt_new_dict(
    ctx: *mut Ctx,
    items: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes `n` owned values, which move into the dict.
    let items = unsafe { slice(items, n) };
    let pairs = items.chunks(2).map(|p| (p[0], p[1])).collect();
    done(ctx, array::new_dict(pairs))
}

/// `new_keyset` of `n` owned values at `items`.
pub unsafe extern "C-unwind" fn rt_new_keyset(
    ctx: *mut Ctx,
    items: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes `n` owned values, which move into the keyset.
    done(ctx, array::new_keyset(unsafe { slice(items, n) }.to_vec()))
}

/// `append c, v` (both consumed).
pub unsafe extern "C-unwind" fn rt_append(
    ctx: *mut Ctx,
    c: TypedValue,
    v: TypedValue,
) -> TypedValue {
    // SAFETY: both operands are owned by compiled code and consumed here.
    done(ctx, unsafe { array::append(c, v) })
}

/// `index_get c, k` (borrowed).
pub unsafe extern "C-unwind" fn rt_index_get(
    ctx: *mut Ctx,
    c: TypedValue,
    k: TypedValue,
) -> TypedValue {
    done(ctx, array::index_get(&c, &k))
}

/// `index_get_quiet c, k` (borrowed; null for a missing key).
pub unsafe extern "C-unwind" fn rt_index_get_quiet(
    _ctx: *mut Ctx,
    c: TypedValue,
    k: TypedValue,
) -> TypedValue {
    array::index_get_or_null(&c, &k)
}

/// `index_isset c, k` (borrowed): a bool.
pub unsafe extern "C-unwind" fn rt_index_isset(
    _ctx: *mut Ctx,
    c: TypedValue,
    k: TypedValue,
) -> TypedValue {
    TypedValue::bool(array::index_isset(&c, &k))
}

/// `index_set c, k, v` with the three operands at `ops` (`c` and `v` consumed, `k` borrowed).
pub unsafe extern "C-unwind" fn rt_index_set(
    ctx: *mut Ctx,
    ops: *const TypedValue,
    _n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes the three operands; `c` and `v` move into the helper.
    let o = unsafe { slice(ops, 3) };
    // SAFETY: as above.
    done(ctx, unsafe { array::index_set(o[0], &o[1], o[2]) })
}

/// `index_unset c, k` (`c` consumed).
pub unsafe extern "C-unwind" fn rt_index_unset(
    ctx: *mut Ctx,
    c: TypedValue,
    k: TypedValue,
) -> TypedValue {
    // SAFETY: `c` is owned by compiled code and consumed here.
    done(ctx, unsafe { array::index_unset(c, &k) })
}

fn set_path_ops(ctx: *mut Ctx, ops: &[TypedValue], append: bool) -> TypedValue {
    let (c, rest) = ops.split_first().expect("set_path has a container");
    let (v, keys) = rest.split_last().expect("set_path has a value");
    // SAFETY: every operand is owned by compiled code and consumed here.
    let r = unsafe { array::set_path(*c, keys, *v, append) };
    for k in keys {
        // SAFETY: the keys are consumed operands too (`Var(consume)`).
        unsafe { k.dec_ref() };
    }
    done(ctx, r)
}

/// `set_path` (imm 0) of `n` consumed operands at `ops`: container, keys, value.
pub unsafe extern "C-unwind" fn rt_set_path(
    ctx: *mut Ctx,
    ops: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes `n` owned operands.
    set_path_ops(ctx, unsafe { slice(ops, n) }, false)
}

/// `set_path` (imm 1, the `[] = v` form) of `n` consumed operands at `ops`.
pub unsafe extern "C-unwind" fn rt_set_path_append(
    ctx: *mut Ctx,
    ops: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes `n` owned operands.
    set_path_ops(ctx, unsafe { slice(ops, n) }, true)
}

/// `concat_path` of `n` consumed operands at `ops`: container, keys, string.
pub unsafe extern "C-unwind" fn rt_concat_path(
    ctx: *mut Ctx,
    ops: *const TypedValue,
    n: u32,
) -> TypedValue {
    // SAFETY: compiled code passes `n` owned operands.
    let ops = unsafe { slice(ops, n) };
    // SAFETY: helper contract: `ctx` is the live request context.
    let cx = unsafe { &mut *ctx };
    let r = crate::interp::exec::concat_path_ops(ops, |x, y| {
        super::objects::with_vm(cx, |vm, ctx| vm.concat_objects(ctx, &[*x, *y]))
    });
    done(ctx, r)
}

/// `count c` (borrowed).
pub unsafe extern "C-unwind" fn rt_count(ctx: *mut Ctx, c: TypedValue) -> TypedValue {
    done(ctx, Ok(TypedValue::int(array::count(&c))))
}

/// `iter_first c` (borrowed).
pub unsafe extern "C-unwind" fn rt_iter_first(ctx: *mut Ctx, c: TypedValue) -> TypedValue {
    done(ctx, array::iter_first(&c).map(TypedValue::int))
}

/// `iter_next c, pos`.
pub unsafe extern "C-unwind" fn rt_iter_next(
    _ctx: *mut Ctx,
    c: TypedValue,
    pos: TypedValue,
) -> TypedValue {
    TypedValue::int(array::iter_next(&c, pos.as_int()))
}

/// `iter_done c, pos`.
pub unsafe extern "C-unwind" fn rt_iter_done(
    _ctx: *mut Ctx,
    c: TypedValue,
    pos: TypedValue,
) -> TypedValue {
    TypedValue::bool(array::iter_done(&c, pos.as_int()))
}

/// `iter_key c, pos` (owned result, as the interpreter's).
pub unsafe extern "C-unwind" fn rt_iter_key(
    _ctx: *mut Ctx,
    c: TypedValue,
    pos: TypedValue,
) -> TypedValue {
    array::iter_key(&c, pos.as_int())
}

/// `iter_value c, pos`.
pub unsafe extern "C-unwind" fn rt_iter_value(
    _ctx: *mut Ctx,
    c: TypedValue,
    pos: TypedValue,
) -> TypedValue {
    array::iter_value(&c, pos.as_int())
}

/// `concat_to a, b` (`a` consumed): a unique counted string grows in place.
pub unsafe extern "C-unwind" fn rt_concat_to(
    ctx: *mut Ctx,
    a: TypedValue,
    b: TypedValue,
) -> TypedValue {
    if a.tag.is_object() || b.tag.is_object() {
        // SAFETY: helper contract.
        let c = unsafe { &mut *ctx };
        let r = super::objects::with_vm(c, |vm, ctx| vm.concat_to_objects(ctx, a, b));
        return super::done(ctx, r);
    }
    if a.tag == Tag::Str && !a.is_static() {
        let extra = conv::to_string_bytes(&b);
        // SAFETY: `a` is a live string owned by compiled code and consumed here.
        return TypedValue::str(unsafe { Str::append(a.as_str_ptr(), &extra) });
    }
    let r = Str::concat_n(&[a, b]);
    // SAFETY: `a` is consumed.
    unsafe { a.dec_ref() };
    r
}

/// Raises `e` (for callers in sibling modules).
pub(crate) fn fail(ctx: *mut Ctx, e: RuntimeError) -> TypedValue {
    // SAFETY: helper contract: `ctx` is the live request context.
    raise(unsafe { &mut *ctx }, e)
}

/// Byte offset of a vec's length (`u32`; compiled fast paths bound-check with it).
pub const VEC_LEN_OFFSET: usize = std::mem::offset_of!(array::vec::VecArr, len);
/// Byte offset of a vec's capacity (`u32`; compiled appends check for room with it).
pub const VEC_CAP_OFFSET: usize = std::mem::offset_of!(array::vec::VecArr, cap);
/// Byte offset of a vec's first element.
pub const VEC_DATA_OFFSET: usize = array::vec::VEC_HEADER;
/// Byte offset of a dict's count of used entries (`u32`, tombstones included: the end of a
/// `foreach`).
pub const DICT_USED_OFFSET: usize = std::mem::offset_of!(array::dict::HashArr, used);
/// Byte offset of a dict's pointer to its entries.
pub const DICT_DATA_OFFSET: usize = std::mem::offset_of!(array::dict::HashArr, data);
/// Size of a dict entry (key, value, hash; a tombstone's key is uninit).
pub const DICT_ENTRY_SIZE: usize = std::mem::size_of::<array::dict::Entry>();
/// Byte offset of an entry's value.
pub const DICT_ENTRY_VAL_OFFSET: usize = std::mem::offset_of!(array::dict::Entry, val);

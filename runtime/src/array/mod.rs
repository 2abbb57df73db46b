//! Hack arrays — `vec`, `dict`, `keyset` — with value semantics and copy-on-write: construction, element access, mutation, iteration, equality and ordering, and the callback-builtin registry.
//!
//! # Objects
//! - `vec`: [`vec::VecArr`], header plus inline elements (one block).
//! - `dict` and `keyset`: [`dict::HashArr`], dense insertion-ordered entries
//!   plus an open-addressing index; keys are `int` or `string`, never coerced.
//!
//! The element count of every container is a `u32` at byte 8
//! ([`crate::conv::CONTAINER_LEN_OFFSET`]). Release is iterative: the release
//! hooks (installed on first allocation) free one object and hand its counted
//! children back to [`crate::value`]'s work list.
//!
//! # Ownership (the IR's `borrow`/`consume`)
//! Borrowed arguments are `&TypedValue`; results are owned (+1). The mutators
//! ([`index_set`], [`append`], [`index_unset`]) *consume* the container (and the
//! value): when the container is counted and unique (rc == 1) they update it in
//! place — amortized O(1) appends — otherwise they copy it first (the copy
//! takes a reference to every element) and give up the caller's reference to
//! the original. On error, every consumed operand has been released. They are
//! `unsafe` for the same reason as [`crate::value::TypedValue::dec_ref`]:
//! the caller promises it really owns what it hands over.
//!
//! # Errors (HHVM's classes and wording)
//! - missing key on read: `OutOfBoundsException`, `Out of bounds vec access: invalid index 5`,
//!   `Out of bounds dict access: invalid index "k"`;
//! - key of the wrong type: `InvalidArgumentException`,
//!   `Invalid dict key: expected a key of type int or string, float given`;
//! - `$ks[k] = v`: `InvalidOperationException` `Invalid operation on keyset`;
//! - unsetting a vec element other than the last: `InvalidOperationException`
//!   `Vecs do not support unsetting non-end elements`;
//! - `$d[] = v` on a dict: `InvalidOperationException` `Cannot append to a dict`
//!   (the typechecker rejects it; jsvm does not emulate HHVM's PHP-array fallback);
//! - `<`, `<=>`... on dicts/keysets, or a vec with a non-vec: `InvalidOperationException`
//!   `Cannot use relational comparison operators (<, <=, >, >=, <=>) to compare dicts`.
//!
//! # Callbacks
//! Builtins that call Hack functions (`Vec\map`, `C\reduce`, sorts with a
//! comparator, ...) are [`CallbackBuiltin`]s: they receive an [`Invoker`], which
//! only the interpreter can implement. See [`lookup_callback`].

pub mod dict;
pub mod iter;
pub mod keyset;
pub mod vec;

pub use iter::{items, iter_done, iter_first, iter_key, iter_next, iter_value, Items};

use crate::conv;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RtResult, RuntimeError};
use crate::value::{HeapHeader, Tag, TypedValue};
use dict::HashArr;
use std::cell::Cell;
use std::sync::Once;
use vec::VecArr;

// ---------------------------------------------------------------------------
// Release hooks, ownership helpers

/// Installs the release hooks of `Tag::Vec`, `Tag::Dict` and `Tag::Keyset` (once per process).
#[inline]
pub(crate) fn ensure_hooks() {
    static HOOKS: Once = Once::new();
    HOOKS.call_once(|| {
        crate::value::set_release_hook(Tag::Vec, vec::release);
        crate::value::set_release_hook(Tag::Dict, dict::release);
        crate::value::set_release_hook(Tag::Keyset, dict::release);
    });
}

/// A new reference to a borrowed value.
#[inline(always)]
pub(crate) fn dup(v: &TypedValue) -> TypedValue {
    // SAFETY: W: a borrowed value is live; the new reference goes to the caller.
    unsafe { v.dup() }
}

/// An owned value that is released when dropped (error paths, temporaries). Build it only from
/// a reference the holder really owns (a result of a constructor, `dup`, an `Invoker` call, ...).
pub struct Owned(TypedValue);

impl Owned {
    /// Takes over an owned reference.
    #[inline]
    pub fn new(tv: TypedValue) -> Owned {
        Owned(tv)
    }
    /// The value, borrowed.
    #[inline]
    pub fn get(&self) -> &TypedValue {
        &self.0
    }
    /// Gives the reference back to the caller without releasing it.
    #[inline]
    pub fn into_inner(self) -> TypedValue {
        let v = self.0;
        std::mem::forget(self);
        v
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: `Owned` holds one reference (its constructor's contract) and nothing uses it after this.
        unsafe { self.0.dec_ref() }
    }
}

#[inline]
fn vptr(c: &TypedValue) -> *mut VecArr {
    debug_assert_eq!(c.tag, Tag::Vec);
    c.payload as *mut VecArr
}

#[inline]
fn hptr(c: &TypedValue) -> *mut HashArr {
    debug_assert!(matches!(c.tag, Tag::Dict | Tag::Keyset));
    c.payload as *mut HashArr
}

/// The elements of a vec, borrowed (no Hack code may run while the slice is in use).
#[inline]
pub fn vec_elems(c: &TypedValue) -> &[TypedValue] {
    // SAFETY: W: a live vec, not mutated while borrowed.
    unsafe { vec::slice(vptr(c)) }
}

#[inline]
pub(crate) fn is_container(t: Tag) -> bool {
    matches!(t, Tag::Vec | Tag::Dict | Tag::Keyset)
}

fn kind_name(t: Tag) -> &'static str {
    match t {
        Tag::Vec => "vec",
        Tag::Dict => "dict",
        _ => "keyset",
    }
}

// ---------------------------------------------------------------------------
// Errors

/// `OutOfBoundsException`: `Out of bounds vec access: invalid index 5` / `... invalid index "k"`.
#[cold]
pub fn out_of_bounds(kind: &str, k: &TypedValue) -> RuntimeError {
    let key = match k.tag {
        Tag::Int => k.as_int().to_string(),
        Tag::Str => format!("\"{}\"", String::from_utf8_lossy(k.str_bytes())),
        _ => "<invalid key type>".to_string(),
    };
    RuntimeError::throw(
        ExnClass::OutOfBoundsException,
        format!("Out of bounds {kind} access: invalid index {key}"),
    )
}

/// `InvalidArgumentException`: `Invalid dict key: expected a key of type int or string, float given`.
#[cold]
pub fn bad_key(kind: &str, k: &TypedValue) -> RuntimeError {
    let expected = if kind == "vec" {
        "int"
    } else {
        "int or string"
    };
    RuntimeError::throw(
        ExnClass::InvalidArgumentException,
        format!(
            "Invalid {kind} key: expected a key of type {expected}, {} given",
            conv::type_name(k)
        ),
    )
}

/// The error for a write into `c` as if it were a container. Null, false and `""` are HHVM's
/// "falsey promotion" (`member-operations.h`, `raiseFalseyPromotion`): an
/// `OutOfBoundsException`; other values an `Error`.
#[cold]
fn not_an_array(c: &TypedValue) -> RuntimeError {
    let falsey = match c.tag {
        Tag::Null => Some("null"),
        Tag::Bool if !c.as_bool() => Some("false"),
        Tag::Str if c.str_bytes().is_empty() => Some("empty string"),
        _ => None,
    };
    if let Some(what) = falsey {
        return RuntimeError::throw(
            ExnClass::OutOfBoundsException,
            format!("Promoting {what} to array"),
        );
    }
    RuntimeError::throw(
        ExnClass::Error,
        format!(
            "Cannot use a value of type {} as an array",
            conv::type_name(c)
        ),
    )
}

#[cold]
fn vec_unset_error() -> RuntimeError {
    RuntimeError::throw(
        ExnClass::InvalidOperationException,
        "Vecs do not support unsetting non-end elements",
    )
}

#[inline]
fn is_key(k: &TypedValue) -> bool {
    matches!(k.tag, Tag::Int | Tag::Str)
}

// ---------------------------------------------------------------------------
// Construction

/// `vec[...]`: a new counted vec (rc 1) taking over `items`.
pub fn new_vec(items: Vec<TypedValue>) -> TypedValue {
    let p = vec::alloc(items.len());
    // SAFETY: fresh unique vec with room for every item; the items are handed over.
    unsafe {
        std::ptr::copy_nonoverlapping(items.as_ptr(), vec::elems(p), items.len());
        (*p).len = items.len() as u32;
    }
    TypedValue::from_heap(Tag::Vec, p as *mut HeapHeader)
}

/// `dict[k => v, ...]`: a new counted dict taking over the pairs (a repeated key keeps its first
/// position and its last value). A key that is not an int or a string gives
/// `InvalidArgumentException`; every pair is consumed either way.
pub fn new_dict(pairs: Vec<(TypedValue, TypedValue)>) -> RtResult<TypedValue> {
    let mut b = HashBuilder::dict(pairs.len());
    let mut rest = pairs.into_iter();
    while let Some((k, v)) = rest.next() {
        let (k, v) = (Owned::new(k), Owned::new(v));
        if !is_key(k.get()) {
            rest.for_each(|(a, b)| drop((Owned::new(a), Owned::new(b))));
            return Err(bad_key("dict", k.get()));
        }
        b.set(k.get(), v.into_inner());
    }
    Ok(b.finish())
}

/// `keyset[...]`: a new counted keyset taking over `items` (duplicates dropped). A non-key item gives
/// `InvalidArgumentException`; every item is consumed either way.
pub fn new_keyset(items: Vec<TypedValue>) -> RtResult<TypedValue> {
    keyset::from_items(items)
}

/// Turns a counted container of program literals into a static one (rc -1, never freed, shareable
/// between threads), consuming `c`. Strings inside become static strings; nested containers become
/// static too. Other values are returned as they are.
pub fn to_static(c: TypedValue) -> TypedValue {
    let c = Owned::new(c);
    let v = *c.get();
    match v.tag {
        Tag::Str if !v.is_static() => TypedValue::static_str(v.str_bytes()),
        Tag::Vec if !v.is_static() => {
            let elems: Vec<TypedValue> = vec_elems(&v).iter().map(|e| to_static(dup(e))).collect();
            TypedValue::from_heap(Tag::Vec, vec::alloc_static(&elems) as *mut HeapHeader)
        }
        Tag::Dict | Tag::Keyset if !v.is_static() => {
            let mut b = if v.tag == Tag::Dict {
                HashBuilder::dict(count_of(&v))
            } else {
                HashBuilder::keyset(count_of(&v))
            };
            for (k, e) in items(&v).into_iter().flatten() {
                let k = to_static(dup(&k));
                if v.tag == Tag::Dict {
                    b.set(&k, to_static(dup(&e)));
                } else {
                    b.add(k);
                }
            }
            let tmp = b.finish();
            // SAFETY: `tmp` is a live counted object; its keys and values are static or uncounted.
            let q = unsafe { dict::to_static(hptr(&tmp)) };
            // Statics ignore reference counting, so dropping the temporary frees only its blocks.
            drop(Owned::new(tmp));
            TypedValue::from_heap(v.tag, q as *mut HeapHeader)
        }
        _ => c.into_inner(),
    }
}

/// A vec under construction, owned by the builder (released if dropped unfinished).
pub struct VecBuilder(*mut VecArr);

impl VecBuilder {
    /// An empty vec with room for `n` elements.
    pub fn with_capacity(n: usize) -> VecBuilder {
        VecBuilder(vec::alloc(n))
    }
    /// Appends an owned value.
    #[inline]
    pub fn push(&mut self, v: TypedValue) {
        // SAFETY: the builder owns its vec uniquely; `v` is handed over.
        self.0 = unsafe { vec::push(self.0, v) };
    }
    /// Appends a new reference to a borrowed value.
    #[inline]
    pub fn push_dup(&mut self, v: &TypedValue) {
        self.push(dup(v));
    }
    /// The number of elements so far.
    pub fn len(&self) -> usize {
        // SAFETY: the builder's vec is live.
        unsafe { (*self.0).len as usize }
    }
    /// True when nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The finished vec (owned), its room fitted to its elements (see [`vec::shrink_to_fit`]).
    pub fn finish(self) -> TypedValue {
        // SAFETY: the builder owns its vec uniquely.
        let p = unsafe { vec::shrink_to_fit(self.0) };
        std::mem::forget(self);
        TypedValue::from_heap(Tag::Vec, p as *mut HeapHeader)
    }
}

impl Drop for VecBuilder {
    fn drop(&mut self) {
        // SAFETY: the builder holds the only reference.
        unsafe { TypedValue::from_heap(Tag::Vec, self.0 as *mut HeapHeader).dec_ref() }
    }
}

/// A dict or keyset under construction, owned by the builder (released if dropped unfinished).
pub struct HashBuilder(*mut HashArr, Tag);

impl HashBuilder {
    /// An empty dict with room for `n` entries.
    pub fn dict(n: usize) -> HashBuilder {
        HashBuilder(dict::alloc(HeapHeader::KIND_DICT, n), Tag::Dict)
    }
    /// An empty keyset with room for `n` entries.
    pub fn keyset(n: usize) -> HashBuilder {
        HashBuilder(dict::alloc(HeapHeader::KIND_KEYSET, n), Tag::Keyset)
    }
    /// Dict: sets `k => v` (`k` borrowed, must be an int or string; `v` owned).
    #[inline]
    pub fn set(&mut self, k: &TypedValue, v: TypedValue) {
        debug_assert!(is_key(k) && self.1 == Tag::Dict);
        // SAFETY: unique object owned by the builder; `v` is handed over.
        unsafe { dict::set(self.0, k, v) }
    }
    /// Keyset: adds an owned key (int or string) unless present.
    #[inline]
    pub fn add(&mut self, k: TypedValue) {
        debug_assert!(is_key(&k) && self.1 == Tag::Keyset);
        // SAFETY: unique object owned by the builder; `k` is handed over.
        unsafe { dict::add_key(self.0, k) }
    }
    /// True if the key is present.
    pub fn contains(&self, k: &TypedValue) -> bool {
        // SAFETY: live object owned by the builder.
        is_key(k) && unsafe { dict::find(self.0, k, dict::key_hash(k)) }.is_some()
    }
    /// The value of key `k`, borrowed from the builder, if present (dicts).
    pub fn get(&self, k: &TypedValue) -> Option<TypedValue> {
        if !is_key(k) {
            return None;
        }
        // SAFETY: live object owned by the builder; a found entry is live.
        unsafe {
            dict::find(self.0, k, dict::key_hash(k)).map(|i| (*dict::entries(self.0).add(i)).val)
        }
    }
    /// Dict: replaces the value of a present key with an owned value, returning the old one (owned).
    pub fn replace(&mut self, k: &TypedValue, v: TypedValue) -> Option<TypedValue> {
        if !is_key(k) {
            return None;
        }
        // SAFETY: unique object owned by the builder.
        unsafe {
            dict::find(self.0, k, dict::key_hash(k))
                .map(|i| std::mem::replace(&mut (*dict::entries(self.0).add(i)).val, v))
        }
    }
    /// Removes a key if present.
    pub fn remove(&mut self, k: &TypedValue) {
        if !is_key(k) {
            return;
        }
        // SAFETY: unique object owned by the builder.
        unsafe {
            if let Some(i) = dict::find(self.0, k, dict::key_hash(k)) {
                let (a, b) = dict::remove_at(self.0, i);
                a.dec_ref();
                b.dec_ref();
            }
        }
    }
    /// The number of entries.
    pub fn len(&self) -> usize {
        // SAFETY: live object owned by the builder.
        unsafe { (*self.0).len as usize }
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The finished dict or keyset (owned), its room fitted to its entries (see
    /// [`dict::shrink_to_fit`]).
    pub fn finish(self) -> TypedValue {
        // SAFETY: the builder owns its object uniquely.
        unsafe { dict::shrink_to_fit(self.0) };
        let v = TypedValue::from_heap(self.1, self.0 as *mut HeapHeader);
        std::mem::forget(self);
        v
    }
}

impl Drop for HashBuilder {
    fn drop(&mut self) {
        // SAFETY: the builder holds the only reference.
        unsafe { TypedValue::from_heap(self.1, self.0 as *mut HeapHeader).dec_ref() }
    }
}

// ---------------------------------------------------------------------------
// Reads

#[inline]
pub(crate) fn count_of(c: &TypedValue) -> usize {
    conv::container_len(c)
}

/// `count($c)` as HHVM's: null is 0, a vec, dict or keyset its size, anything else 1 (PHP 8
/// throws a `TypeError` for what is not countable).
pub fn count(c: &TypedValue) -> i64 {
    match c.tag {
        Tag::Null | Tag::Uninit => 0,
        t if is_container(t) => count_of(c) as i64,
        _ => 1,
    }
}

/// The entry number of `k` in a dict/keyset.
#[inline]
fn hash_find(c: &TypedValue, k: &TypedValue) -> Option<usize> {
    if !is_key(k) {
        return None;
    }
    // SAFETY: W: a live dict/keyset.
    unsafe { dict::find(hptr(c), k, dict::key_hash(k)) }
}

#[inline]
fn entry(c: &TypedValue, i: usize) -> &dict::Entry {
    // SAFETY: W: a live dict/keyset; `i` is a live entry number from `hash_find`.
    unsafe { &*dict::entries(hptr(c)).add(i) }
}

/// A string offset (`$s[$i]`): `None` out of range, negative offsets included (HHVM has no
/// PHP 7.1 offsets from the end: `ElemString` compares `size_t(offset) >= size`,
/// `IssetElemString` wants `x >= 0`).
fn str_offset(s: &[u8], k: &TypedValue) -> Option<usize> {
    let i = match k.tag {
        Tag::Int => k.as_int(),
        Tag::Str => match conv::parse_numeric(k.str_bytes()) {
            Some(conv::Numeric::Int(i)) => i,
            _ => return None,
        },
        Tag::Float => conv::float_to_int(k.as_float()),
        Tag::Bool => k.as_bool() as i64,
        _ => return None,
    };
    usize::try_from(i).ok().filter(|&i| i < s.len())
}

/// The element at `k` borrowed, `Ok(None)` when absent, `Err` for a key of the wrong type (vecs).
fn lookup<'a>(c: &'a TypedValue, k: &TypedValue) -> RtResult<Option<&'a TypedValue>> {
    match c.tag {
        Tag::Vec => {
            if k.tag != Tag::Int {
                return Err(bad_key("vec", k));
            }
            Ok(usize::try_from(k.as_int())
                .ok()
                .and_then(|i| vec_elems(c).get(i)))
        }
        Tag::Dict | Tag::Keyset => {
            if !is_key(k) {
                return Err(bad_key(kind_name(c.tag), k));
            }
            Ok(hash_find(c, k).map(|i| {
                let e = entry(c, i);
                if c.tag == Tag::Dict {
                    &e.val
                } else {
                    &e.key
                }
            }))
        }
        _ => Ok(None),
    }
}

/// `$c[$k]` (owned result). Vec/dict/keyset: a missing key throws `OutOfBoundsException`.
/// A string gives a 1-byte string (out of range, negative offsets included, gives `""`, where
/// HHVM also raises a notice). `null` gives `null`; other scalars give `null` as HHVM does.
pub fn index_get(c: &TypedValue, k: &TypedValue) -> RtResult<TypedValue> {
    match c.tag {
        Tag::Vec | Tag::Dict | Tag::Keyset => match lookup(c, k)? {
            Some(v) => Ok(dup(v)),
            None => Err(out_of_bounds(kind_name(c.tag), k)),
        },
        Tag::Str => {
            let s = c.str_bytes();
            Ok(match str_offset(s, k) {
                Some(i) => TypedValue::str(crate::string::Str::byte(s[i])),
                None => TypedValue::str(crate::string::Str::empty()),
            })
        }
        Tag::Obj | Tag::Func => Err(not_an_array(c)),
        _ => Ok(TypedValue::null()),
    }
}

/// `$c[$k] ?? null` without throwing: the element (owned) or `null` when missing or of the wrong key type.
pub fn index_get_or_null(c: &TypedValue, k: &TypedValue) -> TypedValue {
    match c.tag {
        Tag::Str => index_get(c, k).unwrap_or(TypedValue::null()),
        _ => match lookup(c, k) {
            Ok(Some(v)) => dup(v),
            _ => TypedValue::null(),
        },
    }
}

/// `isset($c[$k])`: present and not null; for strings, the offset is in range.
pub fn index_isset(c: &TypedValue, k: &TypedValue) -> bool {
    match c.tag {
        Tag::Str => str_offset(c.str_bytes(), k).is_some(),
        _ => matches!(lookup(c, k), Ok(Some(v)) if !v.is_null() && !v.is_uninit()),
    }
}

/// The key is present (null values count); a key of another type is simply absent.
pub fn contains_key(c: &TypedValue, k: &TypedValue) -> bool {
    match c.tag {
        Tag::Vec => k.tag == Tag::Int && (0..count_of(c) as i64).contains(&k.as_int()),
        Tag::Dict | Tag::Keyset => hash_find(c, k).is_some(),
        _ => false,
    }
}

/// `array_key_exists($k, $c)` and `C\contains_key($c, $k)`: [`contains_key`], except that a key
/// that is neither an `int` nor a `string` throws `InvalidArgumentException`, as HHVM's
/// `array_key_exists` does (`throwInvalidArrayKeyException`).
pub fn key_exists(c: &TypedValue, k: &TypedValue) -> RtResult<bool> {
    if !is_key(k) && matches!(c.tag, Tag::Vec | Tag::Dict | Tag::Keyset) {
        return Err(bad_key(kind_name(c.tag), k));
    }
    Ok(contains_key(c, k))
}

// ---------------------------------------------------------------------------
// Mutation (consuming)

/// Releases consumed operands on an error path.
#[cold]
unsafe fn fail<T>(err: RuntimeError, consumed: &[TypedValue]) -> RtResult<T> {
    for v in consumed {
        // SAFETY: caller: each is an owned reference handed over to the failing operation.
        unsafe { v.dec_ref() };
    }
    Err(err)
}

/// A unique vec for `c` (owned): `c` itself when unique, else a copy with room for `extra` more
/// elements (and `c` loses the caller's reference).
unsafe fn unique_vec(c: TypedValue, extra: usize) -> *mut VecArr {
    let p = c.payload as *mut VecArr;
    if c.is_unique() {
        p
    } else {
        // SAFETY: caller: `c` is a live vec it owns; the copy takes its own references.
        unsafe {
            let q = vec::copy(p, extra);
            c.dec_ref();
            q
        }
    }
}

/// As [`unique_vec`] for a dict/keyset.
unsafe fn unique_hash(c: TypedValue, extra: usize) -> *mut HashArr {
    let p = c.payload as *mut HashArr;
    if c.is_unique() {
        p
    } else {
        // SAFETY: as in `unique_vec`.
        unsafe {
            let q = dict::copy(p, extra);
            c.dec_ref();
            q
        }
    }
}

/// `$c[$k] = $v`: consumes `c` and `v`, returns the updated container (in place when unique,
/// else a copy). Vec: `k` must be an int index below the length (`$v[count($v)] = x` throws
/// `OutOfBoundsException`; use [`append`]). Dict: inserts at the end or overwrites in place.
/// Keyset: `InvalidOperationException`. Other bases: `Error`. A write that fails changes
/// nothing and consumes only `v`: `c` stays the caller's (the refcount pass hands it to the
/// exception edge, so that a container updated inside `try` is not copied first).
///
/// # Safety
/// The caller owns the references to `c` and `v` it hands over, and uses neither afterwards
/// (but `c` after an error).
pub unsafe fn index_set(c: TypedValue, k: &TypedValue, v: TypedValue) -> RtResult<TypedValue> {
    // SAFETY (whole body): caller: `c` and `v` are owned and live; `c` is mutated only once unique.
    unsafe {
        match c.tag {
            Tag::Vec => {
                if k.tag != Tag::Int {
                    return fail(bad_key("vec", k), &[v]);
                }
                let i = k.as_int();
                if i < 0 || i >= count_of(&c) as i64 {
                    return fail(out_of_bounds("vec", k), &[v]);
                }
                let p = unique_vec(c, 0);
                let slot = vec::elems(p).add(i as usize);
                let old = std::mem::replace(&mut *slot, v);
                old.dec_ref();
                Ok(TypedValue::from_heap(Tag::Vec, p as *mut HeapHeader))
            }
            Tag::Dict => {
                if !is_key(k) {
                    return fail(bad_key("dict", k), &[v]);
                }
                let p = unique_hash(c, 1);
                dict::set(p, k, v);
                Ok(TypedValue::from_heap(Tag::Dict, p as *mut HeapHeader))
            }
            Tag::Keyset => fail(keyset::invalid_operation(), &[v]),
            _ => fail(not_an_array(&c), &[v]),
        }
    }
}

/// Nested writes (`$c[$k][] = $x`, `$c[$k][$j] = $x`): moves element `k` out of `c`, leaving
/// `null` in its place, and returns the updated container and the element, both owned. When `c`
/// is unique the element keeps its reference count, so the caller can mutate it in place and put
/// it back with [`index_set`] (amortized O(1) nested appends); when `c` is shared it is copied
/// first, so the element is shared too and the caller's write copies it (value semantics).
/// A missing key throws `OutOfBoundsException` (HHVM: nested writes need an existing key);
/// keysets have no writable elements (`InvalidOperationException`); other bases throw `Error`.
/// On error `c` has been released (the consume contract).
///
/// # Safety
/// As [`index_set`] for `c`.
pub unsafe fn index_take(c: TypedValue, k: &TypedValue) -> RtResult<(TypedValue, TypedValue)> {
    // SAFETY (whole body): as in `index_set`.
    unsafe {
        match c.tag {
            Tag::Vec => {
                if k.tag != Tag::Int {
                    return fail(bad_key("vec", k), &[c]);
                }
                let i = k.as_int();
                if i < 0 || i >= count_of(&c) as i64 {
                    return fail(out_of_bounds("vec", k), &[c]);
                }
                let p = unique_vec(c, 0);
                let slot = vec::elems(p).add(i as usize);
                let elem = std::mem::replace(&mut *slot, TypedValue::null());
                Ok((TypedValue::from_heap(Tag::Vec, p as *mut HeapHeader), elem))
            }
            Tag::Dict => {
                if !is_key(k) {
                    return fail(bad_key("dict", k), &[c]);
                }
                if hash_find(&c, k).is_none() {
                    return fail(out_of_bounds("dict", k), &[c]);
                }
                let p = unique_hash(c, 0);
                let d = TypedValue::from_heap(Tag::Dict, p as *mut HeapHeader);
                let Some(i) = dict::find(p, k, dict::key_hash(k)) else {
                    return fail(RuntimeError::fatal("index_take: key lost in copy"), &[d]);
                };
                let e = &mut *dict::entries(p).add(i);
                let elem = std::mem::replace(&mut e.val, TypedValue::null());
                Ok((d, elem))
            }
            Tag::Keyset => fail(keyset::invalid_operation(), &[c]),
            _ => fail(not_an_array(&c), &[c]),
        }
    }
}

/// Checks that a write into `c` would succeed, changing nothing: `write` is the value then the
/// keys of the path (`$c[k1]...[kn] = v`), with an uninit last key for an append
/// (`$c[k1]...[kn][] = v`). The error is the one [`set_path`] (or [`index_set`], [`append`])
/// would raise. A container moved out of a property or a static for an update in place
/// (`take_prop`, `take_static`) is checked first, so that a failing write leaves it in place.
pub fn check_write(c: &TypedValue, write: &[TypedValue]) -> RtResult<()> {
    let Some((v, keys)) = write.split_first() else {
        return Ok(());
    };
    match keys.split_last() {
        Some((k, rest)) if k.tag == Tag::Uninit => check_path(c, rest, v, true),
        _ => check_path(c, keys, v, false),
    }
}

/// `take_prop`/`take_static`: the value of `slot` (a property or a static) for `write` to
/// update in place; its reference moves out and `hole` takes its place until the update is
/// stored back. `write` is either a write's value and keys ([`check_write`], which must say
/// that it will succeed), or, for a `.=`, uninit then the operand and the keys
/// (`$o->p[k1]...[kn] .= b`). A `.=` moves the value out only when nothing can run or fail
/// before the store: a string (so a typed property takes the result) or, below keys, a
/// scalar, and a scalar operand (an object's `__toString()` may read the slot or throw; an
/// array's conversion throws). Otherwise the value is read: the slot keeps it, and the update
/// copies what it changes.
pub fn take_for_write(
    slot: &mut TypedValue,
    write: &[TypedValue],
    hole: TypedValue,
) -> RtResult<TypedValue> {
    let v = *slot;
    let take = match write.split_first() {
        Some((m, rest)) if m.tag == Tag::Uninit => {
            let scalar =
                |t: Tag| matches!(t, Tag::Null | Tag::Bool | Tag::Int | Tag::Float | Tag::Str);
            match rest.split_first() {
                Some((b, [])) => scalar(b.tag) && v.tag == Tag::Str,
                Some((b, keys)) => {
                    scalar(b.tag) && path_element(&v, keys).is_some_and(|e| scalar(e.tag))
                }
                None => false,
            }
        }
        _ => {
            check_write(&v, write)?;
            true
        }
    };
    if take {
        *slot = hole;
    } else {
        // SAFETY: read, not moved: the result gets its own reference.
        unsafe { v.inc_ref() };
    }
    Ok(v)
}

/// The element of vecs and dicts at `keys` below `c` (borrowed), if there is one.
fn path_element(c: &TypedValue, keys: &[TypedValue]) -> Option<TypedValue> {
    let mut cur = *c;
    for k in keys {
        cur = match (cur.tag, k.tag) {
            (Tag::Vec, Tag::Int) => *vec_elems(&cur).get(usize::try_from(k.as_int()).ok()?)?,
            (Tag::Dict, _) if is_key(k) => entry(&cur, hash_find(&cur, k)?).val,
            _ => return None,
        };
    }
    Some(cur)
}

/// [`check_write`] of `$c[keys...] = v`, or with `push`, `$c[keys...][] = v`.
pub(crate) fn check_path(
    c: &TypedValue,
    keys: &[TypedValue],
    v: &TypedValue,
    push: bool,
) -> RtResult<()> {
    let (inner, last) = match keys.split_last() {
        _ if push => (keys, None),
        Some((k, rest)) => (rest, Some(k)),
        None => return Ok(()),
    };
    let mut cur = *c;
    for k in inner {
        cur = match cur.tag {
            Tag::Vec => {
                if k.tag != Tag::Int {
                    return Err(bad_key("vec", k));
                }
                match usize::try_from(k.as_int())
                    .ok()
                    .and_then(|i| vec_elems(&cur).get(i))
                {
                    Some(e) => *e,
                    None => return Err(out_of_bounds("vec", k)),
                }
            }
            Tag::Dict => {
                if !is_key(k) {
                    return Err(bad_key("dict", k));
                }
                match hash_find(&cur, k) {
                    Some(i) => entry(&cur, i).val,
                    None => return Err(out_of_bounds("dict", k)),
                }
            }
            Tag::Keyset => return Err(keyset::invalid_operation()),
            _ => return Err(not_an_array(&cur)),
        };
    }
    match (cur.tag, last) {
        (Tag::Vec, None) => Ok(()),
        (Tag::Keyset, None) if is_key(v) => Ok(()),
        (Tag::Keyset, None) => Err(bad_key("keyset", v)),
        (Tag::Dict, None) => Err(RuntimeError::throw(
            ExnClass::InvalidOperationException,
            "Cannot append to a dict",
        )),
        (Tag::Vec, Some(k)) if k.tag != Tag::Int => Err(bad_key("vec", k)),
        (Tag::Vec, Some(k)) if k.as_int() < 0 || k.as_int() >= count_of(&cur) as i64 => {
            Err(out_of_bounds("vec", k))
        }
        (Tag::Vec, Some(_)) => Ok(()),
        (Tag::Dict, Some(k)) if !is_key(k) => Err(bad_key("dict", k)),
        (Tag::Dict, Some(_)) => Ok(()),
        (Tag::Keyset, Some(_)) => Err(keyset::invalid_operation()),
        _ => Err(not_an_array(&cur)),
    }
}

/// `$c[] = $v`: consumes `c` and `v`. Vec: push (amortized O(1) when unique: geometric growth).
/// Keyset: adds `v` unless present (an int or string, else `InvalidArgumentException`). Dict:
/// `InvalidOperationException`. A failing append consumes only `v`, as [`index_set`].
///
/// # Safety
/// As [`index_set`].
pub unsafe fn append(c: TypedValue, v: TypedValue) -> RtResult<TypedValue> {
    // SAFETY (whole body): as in `index_set`.
    unsafe {
        match c.tag {
            Tag::Vec => {
                let p = unique_vec(c, 1);
                let p = vec::push(p, v);
                Ok(TypedValue::from_heap(Tag::Vec, p as *mut HeapHeader))
            }
            Tag::Keyset => {
                if !is_key(&v) {
                    return fail(bad_key("keyset", &v), &[v]);
                }
                if hash_find(&c, &v).is_some() {
                    v.dec_ref();
                    return Ok(c);
                }
                let p = unique_hash(c, 1);
                dict::insert_new(p, v, TypedValue::uninit(), dict::key_hash(&v));
                Ok(TypedValue::from_heap(Tag::Keyset, p as *mut HeapHeader))
            }
            Tag::Dict => fail(
                RuntimeError::throw(
                    ExnClass::InvalidOperationException,
                    "Cannot append to a dict",
                ),
                &[v],
            ),
            _ => fail(not_an_array(&c), &[v]),
        }
    }
}

/// `unset($c[$k])`: consumes `c`, returns the updated container. A key that is neither an int
/// nor a string throws `InvalidArgumentException`. Dict/keyset: removes the key if present (a
/// missing key is a no-op, without copying). Vec: only the last element may be removed; a
/// missing index (or a string) is a no-op; any other index throws `InvalidOperationException`.
/// Null, bools, ints and floats stay as they are; a string throws `Error` ("Cannot unset string
/// offsets"), as do objects.
///
/// # Safety
/// The caller owns the reference to `c` it hands over and does not use it afterwards.
pub unsafe fn index_unset(c: TypedValue, k: &TypedValue) -> RtResult<TypedValue> {
    // SAFETY (whole body): as in `index_set`.
    unsafe {
        match c.tag {
            // HHVM's `UnsetElem{Vec,Dict,Keyset}Pre`: an int or a string key (a string is never
            // in a vec), anything else `throwInvalidArrayKeyException`.
            Tag::Vec | Tag::Dict | Tag::Keyset if !matches!(k.tag, Tag::Int | Tag::Str) => {
                fail(bad_key(kind_name(c.tag), k), &[c])
            }
            Tag::Vec => {
                let n = count_of(&c) as i64;
                if k.tag != Tag::Int || k.as_int() < 0 || k.as_int() >= n {
                    return Ok(c);
                }
                if k.as_int() != n - 1 {
                    return fail(vec_unset_error(), &[c]);
                }
                let p = unique_vec(c, 0);
                (*p).len -= 1;
                let old = *vec::elems(p).add((*p).len as usize);
                old.dec_ref();
                Ok(TypedValue::from_heap(Tag::Vec, p as *mut HeapHeader))
            }
            Tag::Dict | Tag::Keyset => {
                if hash_find(&c, k).is_none() {
                    return Ok(c);
                }
                let tag = c.tag;
                let p = unique_hash(c, 0);
                // Found above in `c`; a copy holds the same keys.
                if let Some(i) = dict::find(p, k, dict::key_hash(k)) {
                    let (a, b) = dict::remove_at(p, i);
                    a.dec_ref();
                    b.dec_ref();
                }
                Ok(TypedValue::from_heap(tag, p as *mut HeapHeader))
            }
            // HHVM's `UnsetElemSlow`: nothing to do in a null, bool, int or float.
            Tag::Null | Tag::Uninit | Tag::Bool | Tag::Int | Tag::Float => Ok(c),
            Tag::Str => fail(
                RuntimeError::throw(ExnClass::Error, "Cannot unset string offsets"),
                &[c],
            ),
            _ => fail(
                RuntimeError::throw(
                    ExnClass::Error,
                    "Cannot unset offset in a non-array variable",
                ),
                &[c],
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// Equality and ordering

/// The deepest nesting that comparisons, `var_dump` and `json_encode` follow before giving up
/// with a fatal error (they recurse; releasing never does). Hack code runs on threads with a
/// `BIG_STACK` (256 MiB); 10,000 levels of these walkers take a few MiB of it (PHP compares
/// arrays thousands deep, so 512 refused real values).
pub const MAX_NESTING: u32 = 10_000;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The lowest address the walkers may use on this thread's stack (its end plus
    /// [`STACK_MARGIN`]); 0 until first needed.
    static STACK_FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// Stack left for the fatal error's own unwinding, and for the deepest frames between checks.
const STACK_MARGIN: usize = 256 << 10;

/// True when this thread's stack is within [`STACK_MARGIN`] of its end: a thread with a small
/// stack (a test's, an embedder's) stops before [`MAX_NESTING`] instead of overflowing.
fn stack_nearly_full() -> bool {
    let floor = STACK_FLOOR.with(|f| {
        if f.get() == 0 {
            f.set(stack_end().map_or(1, |end| end + STACK_MARGIN));
        }
        f.get()
    });
    let here = 0u8;
    (std::ptr::addr_of!(here) as usize) < floor
}

/// The lowest address of this thread's stack, from `pthread_getattr_np`.
fn stack_end() -> Option<usize> {
    // SAFETY: `attr` is initialized by `pthread_getattr_np` before it is read and destroyed
    // once; the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        ok.then_some(addr as usize)
    }
}

/// A nesting-depth token for the recursive container walkers; `Err` (a fatal) beyond
/// [`MAX_NESTING`] or near the end of the thread's stack.
pub struct DepthGuard(());

impl DepthGuard {
    /// Enters one level.
    pub fn enter() -> RtResult<DepthGuard> {
        DEPTH.with(|d| {
            let n = d.get();
            if n >= MAX_NESTING || stack_nearly_full() {
                Err(RuntimeError::fatal(
                    "Nesting level too deep - recursive dependency?",
                ))
            } else {
                d.set(n + 1);
                Ok(DepthGuard(()))
            }
        })
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// `a == b` where both are containers: vecs element-wise in order; dicts with the same keys and
/// `==` values in any order; keysets with the same keys in any order. Different kinds are unequal.
pub fn loose_eq(a: &TypedValue, b: &TypedValue) -> RtResult<bool> {
    if a.tag != b.tag || !is_container(a.tag) {
        return Ok(false);
    }
    if a.payload == b.payload {
        return Ok(true);
    }
    if count_of(a) != count_of(b) {
        return Ok(false);
    }
    let _g = DepthGuard::enter()?;
    match a.tag {
        Tag::Vec => {
            for (x, y) in vec_elems(a).iter().zip(vec_elems(b)) {
                if !conv::loose_eq(x, y)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Tag::Dict => {
            for (k, v) in items(a).into_iter().flatten() {
                match hash_find(b, &k) {
                    Some(i) if conv::loose_eq(&v, &entry(b, i).val)? => {}
                    _ => return Ok(false),
                }
            }
            Ok(true)
        }
        _ => Ok(items(a)
            .into_iter()
            .flatten()
            .all(|(k, _)| hash_find(b, &k).is_some())),
    }
}

/// `a === b` where both are containers: same kind, same keys in the same order, `===` values.
pub fn strict_eq(a: &TypedValue, b: &TypedValue) -> RtResult<bool> {
    if a.tag != b.tag || !is_container(a.tag) {
        return Ok(false);
    }
    if a.payload == b.payload {
        return Ok(true);
    }
    if count_of(a) != count_of(b) {
        return Ok(false);
    }
    let _g = DepthGuard::enter()?;
    if a.tag == Tag::Vec {
        for (x, y) in vec_elems(a).iter().zip(vec_elems(b)) {
            if !conv::strict_eq(x, y)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let (ia, ib) = (
        items(a).into_iter().flatten(),
        items(b).into_iter().flatten(),
    );
    for ((ka, va), (kb, vb)) in ia.zip(ib) {
        if !conv::strict_eq(&ka, &kb)? || (a.tag == Tag::Dict && !conv::strict_eq(&va, &vb)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The `InvalidOperationException` for `<`, `<=`, `>`, `>=`, `<=>` on containers that do not support it.
#[cold]
pub fn relational_error(a: &TypedValue) -> RuntimeError {
    let what = match a.tag {
        Tag::Dict => "dicts",
        Tag::Keyset => "keysets",
        _ => "a vec with a non-vec",
    };
    RuntimeError::throw(
        ExnClass::InvalidOperationException,
        format!("Cannot use relational comparison operators (<, <=, >, >=, <=>) to compare {what}"),
    )
}

/// `a <=> b` where at least one is a container. Vecs compare by length, then element-wise
/// (HHVM's `VecCmp`); anything else throws `InvalidOperationException`.
pub fn compare(a: &TypedValue, b: &TypedValue) -> RtResult<i64> {
    if a.tag == Tag::Vec && b.tag == Tag::Vec {
        let (x, y) = (vec_elems(a), vec_elems(b));
        if x.len() != y.len() {
            return Ok(if x.len() < y.len() { -1 } else { 1 });
        }
        let _g = DepthGuard::enter()?;
        for (p, q) in x.iter().zip(y) {
            let c = conv::compare(p, q)?;
            if c != 0 {
                return Ok(c);
            }
        }
        return Ok(0);
    }
    // A dict or keyset operand names the error; otherwise it is a vec against a non-vec.
    let culprit = if matches!(a.tag, Tag::Dict | Tag::Keyset) {
        a
    } else if matches!(b.tag, Tag::Dict | Tag::Keyset) {
        b
    } else {
        a
    };
    Err(relational_error(culprit))
}

// ---------------------------------------------------------------------------
// Callback builtins

/// Runs Hack callables for builtins. Only the interpreter (or a tier) can implement it; tests use fakes.
///
/// Contract: `f` and `args` are borrowed (the callee takes its own references if it keeps them);
/// the result is owned (+1). A Hack exception thrown by the callee comes back as `Err`, and the
/// builtin propagates it after releasing everything it owns. The callee may run arbitrary Hack
/// code, so a builtin holds no `&`/`&mut` into a VM object across `invoke`: it reads elements by
/// position and passes owned copies. The containers passed to the builtin stay alive because the
/// caller holds them, and unchanged because shared containers are never mutated in place.
pub trait Invoker {
    /// Calls `f(args...)`.
    fn invoke(
        &mut self,
        ctx: &mut Ctx,
        f: &TypedValue,
        args: &[TypedValue],
    ) -> RtResult<TypedValue>;
}

/// A callback builtin: borrowed arguments, owned result, and an [`Invoker`] to call Hack callables.
pub type CallbackBuiltinFn = fn(&mut Ctx, &mut dyn Invoker, &[TypedValue]) -> RtResult<TypedValue>;

/// One callback builtin (`Vec\map`, `C\reduce`, ...).
#[derive(Clone, Copy)]
pub struct CallbackBuiltin {
    /// Canonical name (`Vec\map`).
    pub name: &'static str,
    /// Required arguments.
    pub min_args: u8,
    /// Maximum arguments; `None` = variadic.
    pub max_args: Option<u8>,
    /// The positions of its callable parameters (nullable when optional).
    pub callables: &'static [u8],
    /// The implementation.
    pub f: CallbackBuiltinFn,
}

impl std::fmt::Debug for CallbackBuiltin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CallbackBuiltin({})", self.name)
    }
}

fn no_call(_: &mut Ctx, _: &[TypedValue]) -> RtResult<TypedValue> {
    Ok(TypedValue::null())
}

impl CallbackBuiltin {
    /// The same builtin with its callable parameters at `at` (instead of the second only).
    pub(crate) const fn callables_at(self, at: &'static [u8]) -> CallbackBuiltin {
        CallbackBuiltin {
            callables: at,
            ..self
        }
    }

    /// Calls the builtin after checking the argument count (`ArgumentCountError`).
    pub fn call(
        &self,
        ctx: &mut Ctx,
        inv: &mut dyn Invoker,
        args: &[TypedValue],
    ) -> RtResult<TypedValue> {
        crate::builtins::b(self.name, self.min_args, self.max_args, no_call, false)
            .check_arity(args.len())?;
        for &i in self.callables {
            let (i, optional) = (i as usize, i >= self.min_args);
            match args.get(i).map(|v| v.tag) {
                None | Some(Tag::Func | Tag::Str | Tag::Vec) => {}
                Some(Tag::Null) if optional => {}
                Some(_) => {
                    let want = if optional { "?callable" } else { "callable" };
                    return Err(crate::builtins::bad_arg(self.name, i, want, &args[i]));
                }
            }
        }
        (self.f)(ctx, inv, args)
    }
}

/// Shorthand for a callback table entry.
pub(crate) const fn cb(
    name: &'static str,
    min: u8,
    max: Option<u8>,
    f: CallbackBuiltinFn,
) -> CallbackBuiltin {
    CallbackBuiltin {
        name,
        min_args: min,
        max_args: max,
        callables: &[1],
        f,
    }
}

type CbRegistry = (
    Vec<CallbackBuiltin>,
    std::collections::HashMap<String, usize>,
);

fn cb_registry() -> &'static CbRegistry {
    static REG: std::sync::OnceLock<CbRegistry> = std::sync::OnceLock::new();
    REG.get_or_init(|| {
        use crate::builtins::{hsl_c, hsl_dict, hsl_keyset, hsl_vec};
        let mut v = Vec::new();
        for t in [
            hsl_c::CB_FUNCS,
            hsl_vec::CB_FUNCS,
            hsl_dict::CB_FUNCS,
            hsl_keyset::CB_FUNCS,
        ] {
            v.extend_from_slice(t);
        }
        let mut m = std::collections::HashMap::new();
        for (i, b) in v.iter().enumerate() {
            let prev = m.insert(b.name.to_ascii_lowercase(), i);
            assert!(prev.is_none(), "duplicate callback builtin {}", b.name);
        }
        (v, m)
    })
}

/// Every callback builtin.
pub fn callback_builtins() -> &'static [CallbackBuiltin] {
    &cb_registry().0
}

/// The callback builtin with this canonical name (case-insensitive; a leading `\` is ignored).
/// Names are disjoint from [`crate::builtins::lookup`]'s.
pub fn lookup_callback(name: &str) -> Option<&'static CallbackBuiltin> {
    let (v, m) = cb_registry();
    let name = name.strip_prefix('\\').unwrap_or(name);
    m.get(&name.to_ascii_lowercase()).map(|&i| &v[i])
}

/// `$c[k1]...[kn] = v` (or `[] = v` when `push`): each inner container is taken out of its
/// parent (so a unique one is updated in place), updated, and put back. The whole path is
/// checked first: a failing write changes nothing and consumes only `v`, as [`index_set`].
///
/// # Safety
/// `c` and `v` are owned and consumed (`c` only on success).
pub unsafe fn set_path(
    c: TypedValue,
    keys: &[TypedValue],
    v: TypedValue,
    push: bool,
) -> Result<TypedValue, RuntimeError> {
    // A path of unique containers to an element that exists: replaced in place (nothing
    // can fail, no container moves out and back).
    if !push {
        // SAFETY: `c` is owned and live; the slot is in a container only `c` reaches.
        if let Some(slot) = unsafe { unique_slot(&c, keys) } {
            // SAFETY: the old element's reference was the container's; `v` is handed over.
            unsafe { std::mem::replace(&mut *slot, v).dec_ref() };
            return Ok(c);
        }
    }
    // Checked first, so that a failing write changes nothing and leaves `c` to the caller.
    if let Err(e) = check_path(&c, keys, &v, push) {
        // SAFETY: `v` was handed over.
        unsafe { v.dec_ref() };
        return Err(e);
    }
    // SAFETY: as the caller's contract.
    unsafe { set_path_in(c, keys, v, push) }
}

/// [`set_path`] once the write is known to succeed.
/// The slot of the element at `keys` (at least one) below `c` when each container on the way
/// is a vec or a dict that this path alone reaches (reference count 1) and holds the key:
/// writing it changes only what `c` owns.
///
/// # Safety
/// `c` is live; the slot is valid until a container on the path changes.
unsafe fn unique_slot(c: &TypedValue, keys: &[TypedValue]) -> Option<*mut TypedValue> {
    let mut cur = *c;
    let mut slot = None;
    for k in keys {
        if !cur.is_unique() {
            return None;
        }
        // SAFETY: `cur` is a live container; the index or entry number is in bounds.
        let s = unsafe {
            match (cur.tag, k.tag) {
                (Tag::Vec, Tag::Int) => {
                    let i = usize::try_from(k.as_int()).ok()?;
                    if i >= count_of(&cur) {
                        return None;
                    }
                    vec::elems(cur.payload as *mut VecArr).add(i)
                }
                (Tag::Dict, Tag::Int | Tag::Str) => {
                    let i = hash_find(&cur, k)?;
                    std::ptr::addr_of_mut!((*dict::entries(hptr(&cur)).add(i)).val)
                }
                _ => return None,
            }
        };
        // SAFETY: `s` points to a live element.
        cur = unsafe { *s };
        slot = Some(s);
    }
    slot
}

unsafe fn set_path_in(
    c: TypedValue,
    keys: &[TypedValue],
    v: TypedValue,
    push: bool,
) -> Result<TypedValue, RuntimeError> {
    // SAFETY (all calls below): ownership of `c`, `v` and the taken inner values moves along
    // exactly as the `array` functions require.
    unsafe {
        match keys {
            [] if push => append(c, v),
            [] => {
                v.dec_ref();
                Ok(c)
            }
            [k] if !push => index_set(c, k, v),
            [k, rest @ ..] => {
                let (c2, inner) = match index_take(c, k) {
                    Ok(p) => p,
                    Err(e) => {
                        v.dec_ref();
                        return Err(e);
                    }
                };
                match set_path_in(inner, rest, v, push) {
                    Ok(inner2) => index_set(c2, k, inner2),
                    Err(e) => {
                        c2.dec_ref();
                        Err(e)
                    }
                }
            }
        }
    }
}

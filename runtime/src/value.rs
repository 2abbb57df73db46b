//! `TypedValue`, the boxed VM value shared by the interpreter, the runtime helpers and JIT code, and `HeapHeader`, the header of every heap object.
//!
//! # The safety contract
//!
//! A `TypedValue` is a *raw handle*: it is `Copy`, it owns nothing by itself, and
//! reference counting is explicit (`inc_ref` / `dec_ref`). Ownership is a
//! convention of the code that holds it: an *owned* value (`+1`) stands for one
//! reference that its holder must eventually give up with `dec_ref` (or hand
//! over to someone who will); a *borrowed* value is used while some owner keeps
//! it alive.
//!
//! **Invariant W (well-formedness).** For a counted tag (`Str`, `Vec`, `Dict`,
//! `Keyset`, `Obj`, `Func`; see [`Tag::is_counted`]) `payload` is the address of
//! a live heap object of that kind, which starts with a [`HeapHeader`], and that
//! object stays alive for every use of this copy of the value. For `Int` the
//! payload is the `i64` bits, for `Float` the `f64` bits, for `Bool` 0 or 1,
//! and it is 0 for `Null` and `Uninit`.
//!
//! W is a crate-wide invariant that the type system does not enforce (the
//! fields are public because the interpreter and JIT code read and write them
//! directly). Whoever writes the fields, or calls a constructor such as
//! [`TypedValue::str`], with a counted tag must pass a live object. The
//! *unsafe* operations are the ones that can end an object's life:
//! [`TypedValue::dec_ref`] (and the consuming helpers built on it, e.g.
//! [`crate::string::Str::append`]). Their callers promise that no other copy of
//! the value, and no reference obtained from one (such as the `&Str` of
//! [`TypedValue::as_str`]), is used after the last reference is given up. The
//! safe accessors rely on W.
//!
//! Counted objects live in the current thread's request heap
//! ([`crate::heap`]): they must not cross threads and must not outlive the
//! request (the `RequestGuard`) that allocated them. Static objects (rc < 0:
//! program literals, [`crate::string::Str::new_static`]) are never written,
//! never freed, and may be shared between threads.

use crate::string::Str;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The type tag of a [`TypedValue`]. The numbering is ABI: JIT code compares tags as bytes.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    /// No value yet (an unset local); never visible to Hack code.
    Uninit = 0,
    /// `null`.
    Null = 1,
    /// `bool`; payload 0 or 1.
    Bool = 2,
    /// `int`; payload = the i64 bits.
    Int = 3,
    /// `float`; payload = the f64 bits.
    Float = 4,
    /// `string`; payload = `*mut Str`.
    Str = 5,
    /// `vec`; payload = pointer to the vec object.
    Vec = 6,
    /// `dict`; payload = pointer to the dict object.
    Dict = 7,
    /// `keyset`; payload = pointer to the keyset object.
    Keyset = 8,
    /// An object; payload = pointer to the object.
    Obj = 9,
    /// A function value (closure); payload = pointer to a heap object with a `HeapHeader`.
    Func = 10,
}

impl Tag {
    /// An object or a closure (HHVM's `Closure` object): what converts to a string only through
    /// the VM (`__toString`, or the Error a closure raises).
    #[inline(always)]
    pub const fn is_object(self) -> bool {
        matches!(self, Tag::Obj | Tag::Func)
    }

    /// True for the tags whose payload is a pointer to a heap object with a [`HeapHeader`].
    #[inline(always)]
    pub const fn is_counted(self) -> bool {
        self as u8 >= Tag::Str as u8
    }

    /// The tag for a byte, if it is one.
    pub const fn from_u8(b: u8) -> Option<Tag> {
        Some(match b {
            0 => Tag::Uninit,
            1 => Tag::Null,
            2 => Tag::Bool,
            3 => Tag::Int,
            4 => Tag::Float,
            5 => Tag::Str,
            6 => Tag::Vec,
            7 => Tag::Dict,
            8 => Tag::Keyset,
            9 => Tag::Obj,
            10 => Tag::Func,
            _ => return None,
        })
    }
}

/// The header that starts every heap object (`#[repr(C)]`, 8 bytes).
///
/// `rc < 0` marks a static object: never written, never freed, shareable
/// between threads. `rc == 0` only occurs while an object is being released.
#[repr(C)]
#[derive(Debug)]
pub struct HeapHeader {
    /// Reference count; negative for static objects.
    pub rc: i32,
    /// What kind of object follows (`HeapHeader::KIND_*`).
    pub kind: u8,
    /// Kind-specific flags.
    pub flags: u8,
    /// Kind-specific 16 bits.
    pub aux: u16,
}

impl HeapHeader {
    /// `kind` of a [`Str`].
    pub const KIND_STR: u8 = 1;
    /// `kind` of a vec.
    pub const KIND_VEC: u8 = 2;
    /// `kind` of a dict.
    pub const KIND_DICT: u8 = 3;
    /// `kind` of a keyset.
    pub const KIND_KEYSET: u8 = 4;
    /// `kind` of an object.
    pub const KIND_OBJ: u8 = 5;
    /// `kind` of a closure / function value.
    pub const KIND_FUNC: u8 = 6;
    /// The `rc` value of static objects.
    pub const STATIC_RC: i32 = -1;

    /// A header for a freshly allocated counted object (rc = 1).
    pub const fn counted(kind: u8) -> HeapHeader {
        HeapHeader {
            rc: 1,
            kind,
            flags: 0,
            aux: 0,
        }
    }

    /// A header for a static object (rc = -1).
    pub const fn static_(kind: u8) -> HeapHeader {
        HeapHeader {
            rc: Self::STATIC_RC,
            kind,
            flags: 0,
            aux: 0,
        }
    }
}

/// The boxed form of a VM value (16 bytes, `#[repr(C)]`). See the module docs for the safety contract.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct TypedValue {
    /// The payload: an int, float bits, a bool, or a heap pointer, according to `tag`.
    pub payload: u64,
    /// The type tag.
    pub tag: Tag,
}

const _: () = assert!(std::mem::size_of::<TypedValue>() == 16);
const _: () = assert!(std::mem::size_of::<HeapHeader>() == 8);

/// Releases the object of a counted value whose last reference was just dropped.
///
/// A hook gets the value (rc already 0), frees its memory, and pushes every
/// counted value it owned onto `children`; the caller then decrements those
/// iteratively, so releasing a deep structure never recurses.
pub type ReleaseHook = unsafe fn(tv: TypedValue, children: &mut Vec<TypedValue>);

/// Release hooks for the container and object tags (index = tag byte), as
/// `ReleaseHook` addresses; 0 = none yet (the object leaks until its request ends).
static RELEASE_HOOKS: [AtomicUsize; 11] = [const { AtomicUsize::new(0) }; 11];

/// Installs the release hook for a counted tag other than `Str` (containers, objects, closures).
pub fn set_release_hook(tag: Tag, hook: ReleaseHook) {
    assert!(tag.is_counted() && tag != Tag::Str, "no hook for {tag:?}");
    RELEASE_HOOKS[tag as usize].store(hook as usize, Ordering::Release);
}

impl TypedValue {
    /// `Uninit`.
    #[inline(always)]
    pub const fn uninit() -> TypedValue {
        TypedValue {
            payload: 0,
            tag: Tag::Uninit,
        }
    }
    /// `null`.
    #[inline(always)]
    pub const fn null() -> TypedValue {
        TypedValue {
            payload: 0,
            tag: Tag::Null,
        }
    }
    /// A bool.
    #[inline(always)]
    pub const fn bool(b: bool) -> TypedValue {
        TypedValue {
            payload: b as u64,
            tag: Tag::Bool,
        }
    }
    /// An int.
    #[inline(always)]
    pub const fn int(i: i64) -> TypedValue {
        TypedValue {
            payload: i as u64,
            tag: Tag::Int,
        }
    }
    /// A float.
    #[inline(always)]
    pub fn float(f: f64) -> TypedValue {
        TypedValue {
            payload: f.to_bits(),
            tag: Tag::Float,
        }
    }
    /// A string value for `p`, taking over whatever reference the caller holds
    /// (for a `Str::new_counted` result: the +1). Precondition (invariant W): `p` is a live `Str`.
    #[inline(always)]
    pub fn str(p: *mut Str) -> TypedValue {
        TypedValue {
            payload: p as u64,
            tag: Tag::Str,
        }
    }
    /// A new counted string with these bytes (owned, rc 1).
    pub fn new_str(b: &[u8]) -> TypedValue {
        TypedValue::str(Str::new_counted(b))
    }
    /// A value with a counted tag for the heap object at `p`. Precondition (W): `p` is live and of the kind `tag` says.
    #[inline(always)]
    pub fn from_heap(tag: Tag, p: *mut HeapHeader) -> TypedValue {
        debug_assert!(tag.is_counted());
        TypedValue {
            payload: p as u64,
            tag,
        }
    }

    /// The tag.
    #[inline(always)]
    pub fn tag(self) -> Tag {
        self.tag
    }
    /// The int payload. Only meaningful when `tag == Int` (debug-asserted).
    #[inline(always)]
    pub fn as_int(self) -> i64 {
        debug_assert!(self.tag == Tag::Int);
        self.payload as i64
    }
    /// The float payload. Only meaningful when `tag == Float` (debug-asserted).
    #[inline(always)]
    pub fn as_float(self) -> f64 {
        debug_assert!(self.tag == Tag::Float);
        f64::from_bits(self.payload)
    }
    /// The bool payload. Only meaningful when `tag == Bool` (debug-asserted).
    #[inline(always)]
    pub fn as_bool(self) -> bool {
        debug_assert!(self.tag == Tag::Bool);
        self.payload != 0
    }
    /// The string. Panics if the tag is not `Str`; relies on invariant W.
    #[inline(always)]
    pub fn as_str(&self) -> &Str {
        assert!(self.tag == Tag::Str, "as_str on {:?}", self.tag);
        // SAFETY: by invariant W a Str-tagged payload points to a live Str that
        // outlives the uses of this copy, and Str objects are only mutated when
        // uniquely owned (rc == 1) by a consuming operation, which no borrower
        // can be running concurrently.
        unsafe { &*(self.payload as *const Str) }
    }
    /// The string bytes of a `Str` value. Panics on other tags.
    #[inline(always)]
    pub fn str_bytes(&self) -> &[u8] {
        self.as_str().bytes()
    }
    /// The raw `Str` pointer (no check beyond a debug assertion).
    #[inline(always)]
    pub fn as_str_ptr(self) -> *mut Str {
        debug_assert!(self.tag == Tag::Str);
        self.payload as *mut Str
    }
    /// The heap header pointer of a counted value.
    #[inline(always)]
    pub fn heap_ptr(self) -> *mut HeapHeader {
        debug_assert!(self.tag.is_counted());
        self.payload as *mut HeapHeader
    }

    /// `Uninit`?
    #[inline(always)]
    pub fn is_uninit(self) -> bool {
        self.tag == Tag::Uninit
    }
    /// `null`?
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.tag == Tag::Null
    }
    /// A bool?
    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self.tag == Tag::Bool
    }
    /// An int?
    #[inline(always)]
    pub fn is_int(self) -> bool {
        self.tag == Tag::Int
    }
    /// A float?
    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.tag == Tag::Float
    }
    /// A string?
    #[inline(always)]
    pub fn is_str(self) -> bool {
        self.tag == Tag::Str
    }
    /// An int or a float?
    #[inline(always)]
    pub fn is_num(self) -> bool {
        matches!(self.tag, Tag::Int | Tag::Float)
    }

    /// An int or float as `f64` (the value must be one: `is_num`).
    #[inline(always)]
    pub fn num_as_f64(self) -> f64 {
        if self.tag == Tag::Int {
            self.as_int() as f64
        } else {
            self.as_float()
        }
    }
    /// A heap value (counted or static)?
    #[inline(always)]
    pub fn is_counted(self) -> bool {
        self.tag.is_counted()
    }
    /// A heap value whose object is static (rc < 0)? False for non-heap tags.
    #[inline(always)]
    pub fn is_static(self) -> bool {
        // SAFETY: W: counted tags point to a live header.
        self.tag.is_counted() && unsafe { (*self.heap_ptr()).rc < 0 }
    }
    /// The reference count of a heap value (negative = static); `None` for other tags.
    pub fn refcount(self) -> Option<i32> {
        // SAFETY: W: counted tags point to a live header.
        self.tag
            .is_counted()
            .then(|| unsafe { (*self.heap_ptr()).rc })
    }
    /// True when this heap value is the only reference (rc == 1), so a consuming operation may mutate it in place.
    #[inline(always)]
    pub fn is_unique(self) -> bool {
        self.refcount() == Some(1)
    }

    /// Adds a reference. No-op for non-heap tags and static objects.
    ///
    /// # Safety
    /// The value must be well-formed (W) and the object alive; the new reference must be given up later.
    #[inline(always)]
    pub unsafe fn inc_ref(self) {
        if self.tag.is_counted() {
            let h = self.heap_ptr();
            // SAFETY: caller: live header. Counted objects are thread-local, so
            // a plain read-modify-write is race-free; statics are never written.
            unsafe {
                let rc = (*h).rc;
                if rc >= 0 {
                    (*h).rc = rc + 1;
                }
            }
        }
    }

    /// Gives up one reference; the last one releases the object (iteratively, see [`ReleaseHook`]).
    /// No-op for non-heap tags and static objects.
    ///
    /// # Safety
    /// The caller owns the reference it gives up, and if it was the last one,
    /// no copy of this value (or reference into it) is used afterwards.
    #[inline(always)]
    pub unsafe fn dec_ref(self) {
        if self.tag.is_counted() {
            let h = self.heap_ptr();
            // SAFETY: caller: live header it holds a reference to; thread-local.
            unsafe {
                let rc = (*h).rc;
                if rc > 1 {
                    (*h).rc = rc - 1;
                } else if rc == 1 {
                    release(self);
                }
            }
        }
    }

    /// Returns a copy with one more reference (`inc_ref` then the value): for
    /// turning a borrowed value into an owned one.
    ///
    /// # Safety
    /// As [`TypedValue::inc_ref`].
    #[inline(always)]
    pub unsafe fn dup(self) -> TypedValue {
        // SAFETY: forwarded to the caller.
        unsafe { self.inc_ref() };
        self
    }

    /// True when both values have the same tag and payload (identity for heap values).
    #[inline(always)]
    pub fn bits_eq(self, other: TypedValue) -> bool {
        self.tag == other.tag && self.payload == other.payload
    }
}

impl std::fmt::Debug for TypedValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.tag {
            Tag::Uninit => write!(f, "Uninit"),
            Tag::Null => write!(f, "Null"),
            Tag::Bool => write!(f, "Bool({})", self.payload != 0),
            Tag::Int => write!(f, "Int({})", self.payload as i64),
            Tag::Float => write!(f, "Float({:?})", f64::from_bits(self.payload)),
            Tag::Str => write!(
                f,
                "Str({:?})",
                String::from_utf8_lossy(self.as_str().bytes())
            ),
            t => write!(f, "{t:?}({:#x})", self.payload),
        }
    }
}

/// Releases a counted value whose rc is 1 and whose last reference the caller gives up.
#[cold]
#[inline(never)]
unsafe fn release(tv: TypedValue) {
    if tv.tag == Tag::Str {
        // SAFETY: caller: last reference to a live counted Str; no leaf children.
        unsafe { Str::free(tv.as_str_ptr()) };
        return;
    }
    let mut work = Vec::new();
    // SAFETY: caller: last reference to a live object.
    unsafe { release_one(tv, &mut work) };
    while let Some(child) = work.pop() {
        if !child.tag.is_counted() {
            continue;
        }
        let h = child.heap_ptr();
        // SAFETY: hooks push owned references to live objects.
        unsafe {
            let rc = (*h).rc;
            if rc > 1 {
                (*h).rc = rc - 1;
            } else if rc == 1 {
                release_one(child, &mut work);
            }
        }
    }
}

/// Frees one object (rc 1 → 0), pushing its children on `work`.
unsafe fn release_one(tv: TypedValue, work: &mut Vec<TypedValue>) {
    // SAFETY: caller: live object with rc 1 whose last reference is given up.
    unsafe {
        (*tv.heap_ptr()).rc = 0;
        if tv.tag == Tag::Str {
            Str::free(tv.as_str_ptr());
            return;
        }
    }
    let addr = RELEASE_HOOKS[tv.tag as usize].load(Ordering::Acquire);
    if addr == 0 {
        debug_assert!(
            false,
            "no release hook for {:?}; object leaked until the request ends",
            tv.tag
        );
        return;
    }
    // SAFETY: non-zero entries were stored from a `ReleaseHook` by `set_release_hook`.
    let hook: ReleaseHook = unsafe { std::mem::transmute::<usize, ReleaseHook>(addr) };
    // SAFETY: the hook's contract is the one of this function.
    unsafe { hook(tv, work) }
}

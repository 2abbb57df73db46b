//! `Str`: the VM string, a header plus inline bytes in one allocation, with in-place append when unique and `concat_n`.
//!
//! Layout (`#[repr(C)]`, 24-byte header, then `cap` bytes):
//! `{ hdr: HeapHeader, len: u32, cap: u32, hash: u64, bytes[cap] }`.
//! Invariants: `len <= cap <= MAX_STR_LEN`; `bytes[..len]` is the content
//! (not NUL-terminated); `hash` is 0 until computed, and a computed hash is
//! never 0. A static string (rc < 0) has its hash computed at creation, so it
//! is never written and can be shared between threads. Counted strings are
//! immutable while shared; only a consuming operation on a unique (rc == 1)
//! string mutates it ([`Str::append`]).

use crate::conv;
use crate::heap;
use crate::value::{HeapHeader, Tag, TypedValue};
use std::cell::Cell;
use std::collections::HashMap;
use std::ptr;
use std::sync::{LazyLock, Mutex};

/// The longest string the VM creates (2 GiB - 1); longer results are a fatal error (a limit).
pub const MAX_STR_LEN: usize = i32::MAX as usize;

/// A VM string. Only ever handled through pointers; see the module docs.
#[repr(C)]
pub struct Str {
    /// The common header (`kind == HeapHeader::KIND_STR`).
    pub hdr: HeapHeader,
    len: u32,
    cap: u32,
    hash: Cell<u64>,
    bytes: [u8; 0],
}

/// Bytes before the content.
pub const STR_HEADER_SIZE: usize = std::mem::size_of::<Str>();
const _: () = assert!(STR_HEADER_SIZE == 24);

/// The longest literal [`Str::intern`] shares.
pub const INTERN_MAX: usize = 256;

/// Offset of `len` in a `Str` (for JIT code).
pub const STR_LEN_OFFSET: usize = 8;

/// The hash used for string keys: 64-bit, never 0, word-at-a-time (a multiply-mix in the spirit of FxHash/wyhash).
pub fn hash_bytes(b: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = (b.len() as u64).wrapping_mul(K) ^ 0x2545_F491_4F6C_DD1D;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap());
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(K);
    h ^= h >> 29;
    if h == 0 {
        1
    } else {
        h
    }
}

/// Before building a string of `len` bytes outside the heap: the fatal error of a string over
/// the length limit or of a heap without room for it, now rather than after building it.
pub fn check_new_len(len: usize) {
    if len > MAX_STR_LEN {
        too_long(len);
    }
    crate::heap::check_room(len);
}

#[cold]
#[inline(never)]
fn too_long(len: usize) -> ! {
    panic!("fatal error: string length {len} exceeds the limit of {MAX_STR_LEN} bytes")
}

impl Str {
    /// A new counted string (rc 1, current request heap) of length 0 with room for at least `cap` bytes.
    /// Panics (a fatal) if `cap > MAX_STR_LEN`.
    pub fn with_capacity(cap: usize) -> *mut Str {
        if cap > MAX_STR_LEN {
            too_long(cap);
        }
        let size = heap::usable_size(STR_HEADER_SIZE + cap);
        let p = heap::alloc(size, 8) as *mut Str;
        let real_cap = (size - STR_HEADER_SIZE).min(MAX_STR_LEN);
        // SAFETY: `p` is a fresh allocation of `size` bytes, 16-aligned.
        unsafe {
            ptr::write(
                p,
                Str {
                    hdr: HeapHeader::counted(HeapHeader::KIND_STR),
                    len: 0,
                    cap: real_cap as u32,
                    hash: Cell::new(0),
                    bytes: [],
                },
            )
        };
        p
    }

    /// A new counted string (rc 1) holding `b`.
    pub fn new_counted(b: &[u8]) -> *mut Str {
        let p = Str::with_capacity(b.len());
        // SAFETY: fresh unique string with capacity ≥ b.len().
        unsafe {
            ptr::copy_nonoverlapping(b.as_ptr(), Str::data_ptr(p), b.len());
            (*p).len = b.len() as u32;
        }
        p
    }

    /// The static string of a program literal ([`Str::new_static`]): one per distinct content
    /// up to [`INTERN_MAX`] bytes, so that equal literals are one pointer (a dict key written
    /// through one literal and read through another compares by address, not by `memcmp`).
    pub fn intern(b: &[u8]) -> *mut Str {
        type Table = HashMap<Box<[u8]>, usize, foldhash::fast::RandomState>;
        static TABLE: LazyLock<Mutex<Table>> = LazyLock::new(Mutex::default);
        if b.len() > INTERN_MAX {
            return Str::new_static(b);
        }
        let mut t = TABLE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&p) = t.get(b) {
            return p as *mut Str;
        }
        let p = Str::new_static(b);
        t.insert(b.into(), p as usize);
        p
    }

    /// The static one-byte string `b` (`$s[$i]`, `chr`): one per byte value, made once, so
    /// that a loop over a string's characters allocates nothing.
    pub fn byte(b: u8) -> *mut Str {
        static BYTES: LazyLock<Vec<usize>> = LazyLock::new(|| {
            (0..=255u8)
                .map(|c| Str::new_static(&[c]) as usize)
                .collect()
        });
        BYTES[usize::from(b)] as *mut Str
    }

    /// The static empty string (`$s[$i]` out of range), without [`Str::intern`]'s lock.
    pub fn empty() -> *mut Str {
        static EMPTY: LazyLock<usize> = LazyLock::new(|| Str::new_static(b"") as usize);
        *EMPTY as *mut Str
    }

    /// A new static string (rc -1, leaked global memory, hash precomputed): for program literals. Thread-safe to share.
    pub fn new_static(b: &[u8]) -> *mut Str {
        if b.len() > MAX_STR_LEN {
            too_long(b.len());
        }
        let p = heap::alloc_static(STR_HEADER_SIZE + b.len()) as *mut Str;
        // SAFETY: fresh allocation of STR_HEADER_SIZE + len bytes, 16-aligned.
        unsafe {
            ptr::write(
                p,
                Str {
                    hdr: HeapHeader::static_(HeapHeader::KIND_STR),
                    len: b.len() as u32,
                    cap: b.len() as u32,
                    hash: Cell::new(hash_bytes(b)),
                    bytes: [],
                },
            );
            ptr::copy_nonoverlapping(b.as_ptr(), Str::data_ptr(p), b.len());
        }
        p
    }

    /// Pointer to the first content byte.
    ///
    /// # Safety
    /// `s` points to a live `Str`.
    #[inline(always)]
    pub unsafe fn data_ptr(s: *mut Str) -> *mut u8 {
        // SAFETY: the bytes follow the header inside the same allocation.
        unsafe { (s as *mut u8).add(STR_HEADER_SIZE) }
    }

    /// The length in bytes.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len as usize
    }
    /// True for "".
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The capacity in bytes.
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.cap as usize
    }
    /// True for a static string.
    #[inline(always)]
    pub fn is_static(&self) -> bool {
        self.hdr.rc < 0
    }
    /// The content.
    #[inline(always)]
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `len` bytes of content follow the header in the same allocation.
        unsafe {
            std::slice::from_raw_parts(
                (self as *const Str as *const u8).add(STR_HEADER_SIZE),
                self.len as usize,
            )
        }
    }
    /// The cached hash ([`hash_bytes`] of the content).
    #[inline]
    pub fn hash(&self) -> u64 {
        let h = self.hash.get();
        if h != 0 {
            return h;
        }
        let h = hash_bytes(self.bytes());
        // Statics always have a hash already, so this write only touches thread-local counted strings.
        self.hash.set(h);
        h
    }

    /// Sets the length of a unique string after writing its bytes through [`Str::data_ptr`].
    ///
    /// # Safety
    /// `s` is a live counted string the caller owns uniquely; `len <= capacity`
    /// and the first `len` bytes are initialized.
    pub unsafe fn set_len(s: *mut Str, len: usize) {
        // SAFETY: caller.
        unsafe {
            debug_assert!(len <= (*s).cap as usize);
            (*s).len = len as u32;
            (*s).hash.set(0);
        }
    }

    /// Frees a counted string's memory.
    ///
    /// # Safety
    /// `s` is a counted string of the current heap whose last reference is given up.
    pub unsafe fn free(s: *mut Str) {
        // SAFETY: caller; the allocation size is recomputed from the capacity.
        unsafe {
            debug_assert!((*s).hdr.rc >= 0);
            heap::free(s as *mut u8, STR_HEADER_SIZE + (*s).cap as usize)
        }
    }

    /// Appends `extra` to `s`, consuming the caller's reference to `s` and
    /// returning an owned string (`.=`). When `s` is counted and unique it grows
    /// in place, doubling its capacity when full (amortized O(1)); otherwise
    /// the result is a fresh copy and `s` loses one reference.
    ///
    /// # Safety
    /// `s` is a live `Str` the caller owns a reference to (`extra` may alias its bytes).
    pub unsafe fn append(s: *mut Str, extra: &[u8]) -> *mut Str {
        // SAFETY: caller: `s` is live and owned.
        unsafe {
            let len = (*s).len as usize;
            let needed = len + extra.len();
            if needed > MAX_STR_LEN {
                too_long(needed);
            }
            if extra.is_empty() {
                return s;
            }
            if (*s).hdr.rc == 1 {
                // `$s .= $s` style aliasing: copy `extra` out before a realloc can move it.
                let base = Str::data_ptr(s) as usize;
                let ep = extra.as_ptr() as usize;
                if ep < base + (*s).cap as usize && ep + extra.len() > base {
                    let copy = extra.to_vec();
                    return Str::append(s, &copy);
                }
                let mut p = s;
                let cap = (*s).cap as usize;
                if needed > cap {
                    let new_cap = needed.max(cap * 2).min(MAX_STR_LEN);
                    let old_size = STR_HEADER_SIZE + cap;
                    let new_size = heap::usable_size(STR_HEADER_SIZE + new_cap);
                    p = heap::realloc(s as *mut u8, old_size, new_size) as *mut Str;
                    (*p).cap = (new_size - STR_HEADER_SIZE).min(MAX_STR_LEN) as u32;
                }
                ptr::copy_nonoverlapping(extra.as_ptr(), Str::data_ptr(p).add(len), extra.len());
                (*p).len = needed as u32;
                (*p).hash.set(0);
                p
            } else {
                let q = Str::with_capacity(needed);
                ptr::copy_nonoverlapping(Str::data_ptr(s), Str::data_ptr(q), len);
                ptr::copy_nonoverlapping(extra.as_ptr(), Str::data_ptr(q).add(len), extra.len());
                (*q).len = needed as u32;
                TypedValue::str(s).dec_ref();
                q
            }
        }
    }

    /// Concatenates the string conversions of `parts` into one new owned
    /// string with a single allocation (`.` chains and interpolation).
    pub fn concat_n(parts: &[TypedValue]) -> TypedValue {
        if parts.iter().all(|p| p.tag == Tag::Str) {
            return Str::concat_strings(parts);
        }
        // Strings and ints (`"item" . $i`), a few: the ints' text on the stack, no list of
        // pieces to allocate.
        const FEW: usize = 8;
        if parts.len() <= FEW && parts.iter().all(|p| matches!(p.tag, Tag::Str | Tag::Int)) {
            let mut ints = [conv::IntText::new(0); FEW];
            for (t, p) in ints.iter_mut().zip(parts) {
                if p.tag == Tag::Int {
                    *t = conv::IntText::new(p.as_int());
                }
            }
            let pieces = || {
                parts.iter().zip(&ints).map(|(p, t)| match p.tag {
                    Tag::Str => p.as_str().bytes(),
                    _ => t.bytes(),
                })
            };
            return Str::from_pieces(pieces().map(<[u8]>::len).sum(), pieces());
        }
        let mut total = 0usize;
        let mut pieces: Vec<std::borrow::Cow<'_, [u8]>> = Vec::with_capacity(parts.len());
        for p in parts {
            let b = conv::to_string_bytes(p);
            total += b.len();
            pieces.push(b);
        }
        Str::from_pieces(total, pieces.iter().map(|b| &b[..]))
    }

    /// A new string of `total` bytes (checked against the length limit): `pieces` one after
    /// the other, which must add up to `total`.
    pub(crate) fn from_pieces<'a>(
        total: usize,
        pieces: impl IntoIterator<Item = &'a [u8]>,
    ) -> TypedValue {
        if total > MAX_STR_LEN {
            too_long(total);
        }
        let s = Str::with_capacity(total);
        let mut off = 0;
        for b in pieces {
            assert!(off + b.len() <= total, "pieces longer than their total");
            // SAFETY: `s` is fresh with capacity ≥ total and `off + len ≤ total` (checked);
            // the pieces do not alias it.
            unsafe { ptr::copy_nonoverlapping(b.as_ptr(), Str::data_ptr(s).add(off), b.len()) };
            off += b.len();
        }
        assert_eq!(off, total, "pieces shorter than their total");
        // SAFETY: `s` is unique and its first `total` bytes are written.
        unsafe { Str::set_len(s, total) };
        TypedValue::str(s)
    }
}

impl Str {
    /// [`Str::concat_n`] of strings only (the common case): no conversions and no list of
    /// pieces; when all but one part are empty, that part itself (PHP's `"" . $s` shares too).
    fn concat_strings(parts: &[TypedValue]) -> TypedValue {
        let mut total = 0usize;
        let mut nonempty = None;
        for p in parts {
            let n = p.as_str().len();
            if n > 0 {
                nonempty = Some(p);
            }
            total += n;
        }
        // (All empty: the first, an empty string.)
        match nonempty.or(parts.first()) {
            Some(p) if p.as_str().len() == total => {
                // SAFETY: `p` is a live borrowed string; the result is a new reference.
                unsafe { p.inc_ref() };
                return *p;
            }
            _ => {}
        }
        Str::from_pieces(total, parts.iter().map(|p| p.as_str().bytes()))
    }
}

/// `a . b` on two values: the string conversions concatenated into a new owned string.
pub fn concat2(a: &TypedValue, b: &TypedValue) -> TypedValue {
    Str::concat_n(&[*a, *b])
}

impl TypedValue {
    /// A static string value for a program literal (see [`Str::intern`]).
    pub fn static_str(b: &[u8]) -> TypedValue {
        TypedValue::str(Str::intern(b))
    }
    /// True if this is a `Str` whose bytes equal `b`.
    pub fn str_eq(&self, b: &[u8]) -> bool {
        self.tag == Tag::Str && self.as_str().bytes() == b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concatenating_strings_and_ints_writes_the_ints_text() {
        let g = heap::enter_request();
        let s = TypedValue::static_str(b"<");
        let few = [
            s,
            TypedValue::int(i64::MIN),
            s,
            TypedValue::int(0),
            TypedValue::int(-7),
            TypedValue::int(i64::MAX),
        ];
        let r = Str::concat_n(&few);
        assert_eq!(
            r.as_str().bytes(),
            b"<-9223372036854775808<0-79223372036854775807"
        );
        // More parts than the stack path takes: the same text.
        let many: Vec<TypedValue> = (0..12).map(|i| TypedValue::int(i - 3)).collect();
        let r2 = Str::concat_n(&many);
        assert_eq!(r2.as_str().bytes(), b"-3-2-1012345678");
        assert_eq!(conv::IntText::new(-10).bytes(), b"-10");
        // SAFETY: the results are owned.
        unsafe {
            r.dec_ref();
            r2.dec_ref();
        }
        assert_eq!(g.stats().live_objects, 0);
    }

    #[test]
    fn concatenating_strings_shares_a_lone_nonempty_part() {
        let g = heap::enter_request();
        let empty = TypedValue::static_str(b"");
        let s = TypedValue::new_str(b"word");
        let r = Str::concat_n(&[empty, s, empty]);
        assert!(r.bits_eq(s), "the part itself");
        assert_eq!(s.refcount(), Some(2));
        let both = Str::concat_n(&[s, TypedValue::static_str(b"s")]);
        assert_eq!(both.str_bytes(), b"words");
        let none = Str::concat_n(&[empty, empty]);
        assert_eq!(none.str_bytes(), b"");
        let mixed = Str::concat_n(&[s, TypedValue::int(42)]);
        assert_eq!(mixed.str_bytes(), b"word42");
        // SAFETY: each value is owned here and not used afterwards.
        unsafe {
            for v in [r, s, both, none, mixed] {
                v.dec_ref();
            }
        }
        assert_eq!(g.stats().live_objects, 0);
    }

    #[test]
    fn counted_and_static() {
        let g = heap::enter_request();
        let s = TypedValue::new_str(b"hello");
        assert_eq!(s.str_bytes(), b"hello");
        assert_eq!(s.refcount(), Some(1));
        assert_eq!(s.as_str().hash(), hash_bytes(b"hello"));
        let st = TypedValue::static_str(b"lit");
        assert!(st.is_static());
        // SAFETY: `s` is owned here and not used afterwards; statics ignore rc ops.
        unsafe {
            st.inc_ref();
            st.dec_ref();
            s.dec_ref();
        }
        assert_eq!(g.stats().live_objects, 0);
    }

    #[test]
    fn append_self_alias() {
        let _g = heap::enter_request();
        let mut s = Str::new_counted(b"abc");
        for _ in 0..5 {
            // SAFETY: `s` is unique; `extra` aliases its own bytes, which append handles.
            s = unsafe { Str::append(s, (*s).bytes()) };
        }
        let v = TypedValue::str(s);
        assert_eq!(v.str_bytes(), b"abc".repeat(32).as_slice());
        // SAFETY: owned.
        unsafe { v.dec_ref() };
    }

    #[test]
    fn append_shared_copies() {
        let g = heap::enter_request();
        let s = TypedValue::new_str(b"ab");
        // SAFETY: two references to `s`; `append` consumes one and the other is released below.
        unsafe {
            s.inc_ref();
            let t = TypedValue::str(Str::append(s.as_str_ptr(), b"cd"));
            assert_eq!(s.str_bytes(), b"ab");
            assert_eq!(t.str_bytes(), b"abcd");
            s.dec_ref();
            t.dec_ref();
        }
        assert_eq!(g.stats().live_objects, 0);
    }
}

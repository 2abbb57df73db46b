//! `VecArr`: the `vec` object — a 16-byte header followed inline by its elements, in one request-heap block.
//!
//! Layout (`#[repr(C)]`): `{ hdr: HeapHeader, len: u32, cap: u32, elems: [TypedValue; cap] }`.
//! Invariants:
//! - `len <= cap`; `elems[..len]` are owned, well-formed values; `elems[len..]` are garbage.
//! - `len` sits at [`crate::conv::CONTAINER_LEN_OFFSET`] (byte 8), as for every container.
//! - The block is `VEC_HEADER + cap * 16` bytes of the current request heap
//!   (or of static memory when `hdr.rc < 0`; a static vec holds only static or
//!   uncounted values and is never written or freed).
//! - A counted vec is mutated only by a consuming operation that owns it
//!   uniquely (rc == 1); growing may move it (the operation returns the new address).
//!
//! Everything here is a raw-pointer primitive for `array::mod`; the callers
//! uphold uniqueness and liveness.

use crate::heap;
use crate::value::{HeapHeader, Tag, TypedValue};
use std::ptr;

/// The vec object header; elements follow inline.
#[repr(C)]
pub struct VecArr {
    /// Common header (`kind == KIND_VEC`).
    pub hdr: HeapHeader,
    /// Number of elements.
    pub len: u32,
    /// Capacity in elements.
    pub cap: u32,
}

/// Bytes before the first element.
pub const VEC_HEADER: usize = std::mem::size_of::<VecArr>();
const _: () = assert!(VEC_HEADER == 16);
const TV: usize = std::mem::size_of::<TypedValue>();

/// The largest number of elements a vec may hold.
pub const MAX_LEN: usize = u32::MAX as usize / 2;

#[cold]
#[inline(never)]
pub(crate) fn too_big(n: usize) -> ! {
    panic!("fatal error: a Hack array of {n} elements exceeds the limit of {MAX_LEN}")
}

/// Bytes of a vec block with room for `cap` elements.
#[inline]
fn block_size(cap: usize) -> usize {
    VEC_HEADER + cap * TV
}

/// The capacity that a block of `usable_size(block_size(cap))` bytes really has.
#[inline]
fn real_cap(cap: usize) -> usize {
    ((heap::usable_size(block_size(cap)) - VEC_HEADER) / TV).min(MAX_LEN)
}

/// Pointer to element 0.
///
/// # Safety
/// `p` is a live vec.
#[inline(always)]
pub unsafe fn elems(p: *mut VecArr) -> *mut TypedValue {
    // SAFETY: the elements follow the header in the same block.
    unsafe { (p as *mut u8).add(VEC_HEADER) as *mut TypedValue }
}

/// A new empty counted vec (rc 1) with room for at least `cap` elements.
pub fn alloc(cap: usize) -> *mut VecArr {
    if cap > MAX_LEN {
        too_big(cap);
    }
    super::ensure_hooks();
    let cap = real_cap(cap);
    let p = heap::alloc(block_size(cap), 16) as *mut VecArr;
    // SAFETY: fresh block of block_size(cap) bytes.
    unsafe {
        ptr::write(
            p,
            VecArr {
                hdr: HeapHeader::counted(HeapHeader::KIND_VEC),
                len: 0,
                cap: cap as u32,
            },
        )
    };
    p
}

/// A new static vec (rc -1, never freed) holding `items`, which must be uncounted or static.
pub fn alloc_static(items: &[TypedValue]) -> *mut VecArr {
    if items.len() > MAX_LEN {
        too_big(items.len());
    }
    let p = heap::alloc_static(block_size(items.len())) as *mut VecArr;
    // SAFETY: fresh static block with room for the header and `items`.
    unsafe {
        ptr::write(
            p,
            VecArr {
                hdr: HeapHeader::static_(HeapHeader::KIND_VEC),
                len: items.len() as u32,
                cap: items.len() as u32,
            },
        );
        ptr::copy_nonoverlapping(items.as_ptr(), elems(p), items.len());
    }
    p
}

/// The elements of a live vec as a slice.
///
/// # Safety
/// `p` is live for `'a` and not mutated meanwhile.
#[inline(always)]
pub unsafe fn slice<'a>(p: *const VecArr) -> &'a [TypedValue] {
    // SAFETY: caller; `len` initialized elements follow the header.
    unsafe { std::slice::from_raw_parts(elems(p as *mut VecArr), (*p).len as usize) }
}

/// Frees the block of a counted vec without touching its elements.
///
/// # Safety
/// `p` is a counted vec of the current heap that is not used afterwards.
pub unsafe fn free_block(p: *mut VecArr) {
    // SAFETY: caller; the size is recomputed from the capacity.
    unsafe { heap::free(p as *mut u8, block_size((*p).cap as usize)) }
}

/// Makes room for `extra` more elements in a unique counted vec, growing
/// geometrically (×2) so that repeated appends are amortized O(1). Returns the (possibly moved) vec.
///
/// # Safety
/// `p` is a live counted vec owned uniquely by the caller.
pub unsafe fn reserve(p: *mut VecArr, extra: usize) -> *mut VecArr {
    // SAFETY: caller: unique live vec.
    unsafe {
        let len = (*p).len as usize;
        let cap = (*p).cap as usize;
        let need = len + extra;
        if need <= cap {
            return p;
        }
        if need > MAX_LEN {
            too_big(need);
        }
        let new_cap = real_cap(need.max(cap * 2).clamp(4, MAX_LEN));
        let q = heap::realloc(p as *mut u8, block_size(cap), block_size(new_cap)) as *mut VecArr;
        (*q).cap = new_cap as u32;
        q
    }
}

/// Gives back the room of a vec built with far more capacity than it holds (an HSL result sized
/// by its input): the block shrinks to its elements when its capacity is more than twice what
/// they need. Returns the (possibly moved) vec.
///
/// # Safety
/// `p` is a live counted vec owned uniquely by the caller.
pub unsafe fn shrink_to_fit(p: *mut VecArr) -> *mut VecArr {
    // SAFETY: caller: unique live vec.
    unsafe {
        let len = (*p).len as usize;
        let cap = (*p).cap as usize;
        let want = real_cap(len);
        if cap <= 2 * want {
            return p;
        }
        let q = heap::realloc(p as *mut u8, block_size(cap), block_size(want)) as *mut VecArr;
        (*q).cap = want as u32;
        q
    }
}

/// Appends an owned value to a unique counted vec; returns the (possibly moved) vec.
///
/// # Safety
/// As [`reserve`]; `v` is owned and handed over.
#[inline]
pub unsafe fn push(p: *mut VecArr, v: TypedValue) -> *mut VecArr {
    // SAFETY: caller.
    unsafe {
        let p = if (*p).len < (*p).cap {
            p
        } else {
            reserve(p, 1)
        };
        let len = (*p).len as usize;
        ptr::write(elems(p).add(len), v);
        (*p).len = (len + 1) as u32;
        p
    }
}

/// A counted copy of a live vec (rc 1) with room for `extra` more elements; the elements get one more reference each.
///
/// # Safety
/// `p` is a live vec.
pub unsafe fn copy(p: *const VecArr, extra: usize) -> *mut VecArr {
    // SAFETY: caller: live source; fresh unique destination with enough room.
    unsafe {
        let src = slice(p);
        let q = alloc(src.len() + extra);
        for v in src {
            v.inc_ref();
        }
        ptr::copy_nonoverlapping(src.as_ptr(), elems(q), src.len());
        (*q).len = src.len() as u32;
        q
    }
}

/// The release hook for `Tag::Vec`: frees the block and hands the counted elements to `children`.
///
/// # Safety
/// As [`crate::value::ReleaseHook`].
pub unsafe fn release(tv: TypedValue, children: &mut Vec<TypedValue>) {
    debug_assert_eq!(tv.tag, Tag::Vec);
    let p = tv.payload as *mut VecArr;
    // SAFETY: the hook contract: a live counted vec whose last reference is gone.
    unsafe {
        children.extend(slice(p).iter().filter(|v| v.tag.is_counted()).copied());
        free_block(p);
    }
}

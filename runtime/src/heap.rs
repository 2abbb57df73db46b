//! The request heap: a size-class slab allocator for counted VM objects, destroyed whole at the end of a request.
//!
//! Invariants:
//! - Every allocation is 16-byte aligned (`align <= 16` is required). Sizes up
//!   to [`MAX_SMALL`] are rounded up to a size class and carved from 64 KiB
//!   slabs, with one intrusive free list per class; bigger ones come from the
//!   system allocator and are tracked so that dropping the heap frees them.
//! - `free(ptr, size)` must get the `size` passed to `alloc` (or any size that
//!   rounds to the same class, e.g. [`usable_size`]`(size)`).
//! - Each thread has a *current* heap. [`enter_request`] installs a fresh one
//!   and its guard frees everything (cycles included) on drop, restoring the
//!   previous heap. Outside any request a per-thread default heap (never
//!   destroyed) is used, so unit tests and tools can allocate freely.
//! - Objects must be freed on the thread, and while the heap, that allocated
//!   them is current; a counted value must not outlive its request.
//! - Static values (program literals) do not live here: [`alloc_static`]
//!   leaks global memory.

use std::alloc::{self, Layout};
use std::cell::Cell;
use std::collections::HashMap;
use std::ptr;

/// The size classes (bytes). Spacing ≤ 25% above 128, so internal waste stays small.
const SIZE_CLASSES: [u32; 28] = [
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024,
    1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096,
];
const NCLASSES: usize = SIZE_CLASSES.len();
/// The largest size served from slabs; bigger allocations go to the system allocator.
pub const MAX_SMALL: usize = 4096;
/// The size of one slab.
const SLAB_SIZE: usize = 64 * 1024;
/// The alignment of every allocation.
pub const ALIGN: usize = 16;

/// Keep the system allocator from giving big blocks back to the kernel at every free, for the
/// whole process (call it before other threads start). A program that rebuilds a growing string
/// (`$s = $s . $x`) frees a big block and asks for a slightly bigger one each time; glibc
/// trimmed the freed top of its arena (`madvise`) and the next block faulted every page in
/// again: 1.45 M page faults for 100,000 steps, 5x PHP's time (its allocator keeps freed
/// runs in its chunks too). Blocks up to 32 MiB (glibc's largest mmap threshold) come from
/// the arenas, and up to 64 MiB of free memory stays at the top of one.
pub fn keep_freed_blocks() {
    // SAFETY: `mallopt` with glibc's parameter numbers; it only sets allocator tunables.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

/// `CLASS_OF[(size + 15) / 16]` = the size class index for `size <= MAX_SMALL`.
static CLASS_OF: [u8; MAX_SMALL / 16 + 1] = {
    let mut t = [0u8; MAX_SMALL / 16 + 1];
    let mut i = 0;
    let mut c = 0;
    while i < t.len() {
        while (SIZE_CLASSES[c] as usize) < i * 16 {
            c += 1;
        }
        t[i] = c as u8;
        i += 1;
    }
    t
};

#[inline(always)]
fn class_index(size: usize) -> usize {
    CLASS_OF[size.div_ceil(16)] as usize
}

/// The number of bytes actually reserved for an allocation of `size` bytes (≥ `size`).
#[inline]
pub fn usable_size(size: usize) -> usize {
    if size <= MAX_SMALL {
        SIZE_CLASSES[class_index(size)] as usize
    } else {
        size.next_multiple_of(ALIGN)
    }
}

/// Allocation statistics of one heap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapStats {
    /// Bytes of live allocations (rounded to their size class).
    pub live_bytes: usize,
    /// Number of live allocations.
    pub live_objects: usize,
    /// Allocations made so far (including reallocations).
    pub total_allocs: u64,
    /// Frees so far.
    pub total_frees: u64,
    /// Bytes of slabs obtained from the system.
    pub slab_bytes: usize,
}

struct FreeNode {
    next: *mut FreeNode,
}

/// One request heap. See the module docs.
pub struct RequestHeap {
    free: [*mut FreeNode; NCLASSES],
    bump: *mut u8,
    bump_end: *mut u8,
    slabs: Vec<*mut u8>,
    big: HashMap<usize, Layout>,
    stats: HeapStats,
    /// Live bytes this heap may hold, `usize::MAX` for no limit.
    limit: usize,
    /// Live bytes now, as HHVM's memory limit counts them (`mmUsage`): small blocks by their size
    /// class, big blocks, and what is charged from outside ([`charge_external`]). Slabs are not
    /// counted: a freed small block makes room for any other allocation, not only for one of its
    /// own class (a program whose live data moved through size classes needed the sum of their
    /// peaks).
    held: usize,
}

/// The fatal error of a request over its memory limit (a panic, as every fatal, that unwinds to
/// the request boundary; PHP's and HHVM's message).
#[cold]
#[inline(never)]
fn exhausted(limit: usize, tried: usize) -> ! {
    panic!("fatal error: Allowed memory size of {limit} bytes exhausted (tried to allocate {tried} bytes)")
}

impl Default for RequestHeap {
    fn default() -> Self {
        Self::new()
    }
}

impl RequestHeap {
    /// An empty heap (no memory is reserved until the first allocation).
    pub fn new() -> RequestHeap {
        RequestHeap {
            free: [ptr::null_mut(); NCLASSES],
            bump: ptr::null_mut(),
            bump_end: ptr::null_mut(),
            slabs: Vec::new(),
            big: HashMap::new(),
            stats: HeapStats::default(),
            limit: usize::MAX,
            held: 0,
        }
    }

    /// Count `bytes` more as live for an allocation of `tried` bytes, or the fatal error when
    /// that would pass the limit.
    #[inline]
    fn charge(&mut self, bytes: usize, tried: usize) {
        self.check_room(bytes, tried);
        self.held += bytes;
    }

    /// The fatal error for an allocation of `tried` bytes if `bytes` more would pass the limit.
    #[inline]
    fn check_room(&self, bytes: usize, tried: usize) {
        if bytes > self.limit.saturating_sub(self.held) {
            exhausted(self.limit, tried);
        }
    }

    /// This heap's statistics.
    pub fn stats(&self) -> HeapStats {
        self.stats
    }

    /// Allocates `size` bytes aligned to `align` (≤ 16). Never returns null (aborts on OOM).
    pub fn alloc(&mut self, size: usize, align: usize) -> *mut u8 {
        assert!(align <= ALIGN, "request heap alignment {align} > {ALIGN}");
        self.stats.total_allocs += 1;
        self.stats.live_objects += 1;
        if size <= MAX_SMALL {
            let c = class_index(size);
            let csize = SIZE_CLASSES[c] as usize;
            self.charge(csize, size);
            self.stats.live_bytes += csize;
            let head = self.free[c];
            if !head.is_null() {
                // SAFETY: free-list nodes are free blocks of this class, written by `free`.
                self.free[c] = unsafe { (*head).next };
                return head as *mut u8;
            }
            if (self.bump_end as usize) - (self.bump as usize) < csize {
                self.new_slab();
            }
            let p = self.bump;
            // SAFETY: the check above leaves at least `csize` bytes in the current slab.
            self.bump = unsafe { p.add(csize) };
            p
        } else {
            self.charge(size.next_multiple_of(ALIGN), size);
            let layout = Layout::from_size_align(size.next_multiple_of(ALIGN), ALIGN)
                .expect("allocation too large");
            // SAFETY: the layout has a non-zero size.
            let p = unsafe { alloc::alloc(layout) };
            if p.is_null() {
                alloc::handle_alloc_error(layout);
            }
            self.stats.live_bytes += layout.size();
            self.big.insert(p as usize, layout);
            p
        }
    }

    #[cold]
    fn new_slab(&mut self) {
        // The rest of the old slab is abandoned (at most MAX_SMALL - 16 bytes).
        let layout = Layout::from_size_align(SLAB_SIZE, ALIGN).unwrap();
        // SAFETY: non-zero size.
        let p = unsafe { alloc::alloc(layout) };
        if p.is_null() {
            alloc::handle_alloc_error(layout);
        }
        self.slabs.push(p);
        self.stats.slab_bytes += SLAB_SIZE;
        self.bump = p;
        // SAFETY: one past the end of the slab.
        self.bump_end = unsafe { p.add(SLAB_SIZE) };
    }

    /// Frees a block.
    ///
    /// # Safety
    /// `p` was returned by `self.alloc(size', _)` with `size'` in the same
    /// class as `size`, and is not used afterwards.
    pub unsafe fn free(&mut self, p: *mut u8, size: usize) {
        self.stats.total_frees += 1;
        self.stats.live_objects = self.stats.live_objects.saturating_sub(1);
        if size <= MAX_SMALL {
            let c = class_index(size);
            let csize = SIZE_CLASSES[c] as usize;
            self.stats.live_bytes = self.stats.live_bytes.saturating_sub(csize);
            self.held = self.held.saturating_sub(csize);
            let node = p as *mut FreeNode;
            // SAFETY: caller: `p` is a free block of at least 16 bytes, aligned.
            unsafe { (*node).next = self.free[c] };
            self.free[c] = node;
        } else {
            let layout = self
                .big
                .remove(&(p as usize))
                .expect("heap::free of an unknown big block");
            self.stats.live_bytes = self.stats.live_bytes.saturating_sub(layout.size());
            self.held -= layout.size();
            // SAFETY: allocated with this layout by `alloc`.
            unsafe { alloc::dealloc(p, layout) };
        }
    }

    /// Grows or shrinks a block, keeping its first `min(old, new)` bytes.
    ///
    /// # Safety
    /// As [`RequestHeap::free`] for `(p, old)`; afterwards only the result may be used.
    pub unsafe fn realloc(&mut self, p: *mut u8, old: usize, new: usize) -> *mut u8 {
        if old > MAX_SMALL && new > MAX_SMALL {
            let new_size = new.next_multiple_of(ALIGN);
            let old_size = self.big.get(&(p as usize)).map_or(0, |l| l.size());
            if new_size > old_size {
                self.charge(new_size - old_size, new);
            } else {
                self.held -= old_size - new_size;
            }
            let layout = self
                .big
                .remove(&(p as usize))
                .expect("heap::realloc of an unknown big block");
            // SAFETY: `p` was allocated with `layout`; the new size is non-zero.
            let q = unsafe { alloc::realloc(p, layout, new_size) };
            let new_layout =
                Layout::from_size_align(new_size, ALIGN).expect("allocation too large");
            if q.is_null() {
                alloc::handle_alloc_error(new_layout);
            }
            self.stats.total_allocs += 1;
            self.stats.live_bytes = self.stats.live_bytes - layout.size() + new_size;
            self.big.insert(q as usize, new_layout);
            return q;
        }
        if usable_size(old) == usable_size(new) && new <= MAX_SMALL {
            return p;
        }
        let q = self.alloc(new, ALIGN);
        // SAFETY: both blocks hold at least min(old, new) bytes and are distinct.
        unsafe {
            ptr::copy_nonoverlapping(p, q, old.min(new));
            self.free(p, old);
        }
        q
    }
}

impl Drop for RequestHeap {
    fn drop(&mut self) {
        let slab = Layout::from_size_align(SLAB_SIZE, ALIGN).unwrap();
        for &p in &self.slabs {
            // SAFETY: every slab was allocated with this layout.
            unsafe { alloc::dealloc(p, slab) };
        }
        for (&p, &layout) in &self.big {
            // SAFETY: every live big block was allocated with its recorded layout.
            unsafe { alloc::dealloc(p as *mut u8, layout) };
        }
    }
}

thread_local! {
    /// The current heap of this thread; null until first use or a request.
    static CURRENT: Cell<*mut RequestHeap> = const { Cell::new(ptr::null_mut()) };
}

#[cold]
fn install_default() -> *mut RequestHeap {
    // The default heap of a thread lives as long as the process (leaked on purpose).
    let h = Box::into_raw(Box::new(RequestHeap::new()));
    CURRENT.with(|c| c.set(h));
    h
}

#[inline(always)]
fn current() -> *mut RequestHeap {
    let h = CURRENT.with(|c| c.get());
    if h.is_null() {
        install_default()
    } else {
        h
    }
}

/// Allocates `size` bytes (aligned to `align` ≤ 16) on the current heap. Never null.
#[inline]
pub fn alloc(size: usize, align: usize) -> *mut u8 {
    // SAFETY: the current heap is alive while installed, and used by this thread only;
    // no other `&mut` to it is live (heap functions do not call back out).
    unsafe { (*current()).alloc(size, align) }
}

/// Frees a block of the current heap.
///
/// # Safety
/// See [`RequestHeap::free`]; the block must belong to the current heap.
#[inline]
pub unsafe fn free(p: *mut u8, size: usize) {
    // SAFETY: as in `alloc`; block validity is the caller's.
    unsafe { (*current()).free(p, size) }
}

/// Reallocates a block of the current heap.
///
/// # Safety
/// See [`RequestHeap::realloc`]; the block must belong to the current heap.
#[inline]
pub unsafe fn realloc(p: *mut u8, old: usize, new: usize) -> *mut u8 {
    // SAFETY: as in `alloc`; block validity is the caller's.
    unsafe { (*current()).realloc(p, old, new) }
}

/// Charge `bytes` held outside the heap for the request (its output buffer) to the current
/// heap's memory limit: the fatal error when that passes it. Held until the request ends or
/// [`release_external`] gives it back.
pub fn charge_external(bytes: usize) {
    // SAFETY: as in `alloc`.
    unsafe { (*current()).charge(bytes, bytes) }
}

/// Give back `bytes` that [`charge_external`] charged (a memoize entry the cache dropped).
pub fn release_external(bytes: usize) {
    // SAFETY: as in `alloc`.
    let h = unsafe { &mut *current() };
    h.held = h.held.saturating_sub(bytes);
}

/// Before building `bytes` of a result outside the heap that will then be copied into it (a
/// builtin's large string): the fatal error now if the current heap has no room for it, rather
/// than after the process has held it twice.
pub fn check_room(bytes: usize) {
    // SAFETY: as in `alloc`.
    unsafe { (*current()).check_room(bytes, bytes) }
}

/// The statistics of the current heap.
pub fn stats() -> HeapStats {
    // SAFETY: as in `alloc`.
    unsafe { (*current()).stats() }
}

/// Allocates global memory for a static object (never freed). Never null.
pub fn alloc_static(size: usize) -> *mut u8 {
    let layout = Layout::from_size_align(size.max(1).next_multiple_of(ALIGN), ALIGN)
        .expect("allocation too large");
    // SAFETY: non-zero size.
    let p = unsafe { alloc::alloc(layout) };
    if p.is_null() {
        alloc::handle_alloc_error(layout);
    }
    p
}

/// Installs a fresh request heap on this thread until dropped; dropping frees
/// all of its memory at once and reinstalls the previous heap.
pub struct RequestGuard {
    heap: *mut RequestHeap,
    prev: *mut RequestHeap,
}

/// Starts a request: see [`RequestGuard`]. Guards nest (the inner one must be dropped first).
pub fn enter_request() -> RequestGuard {
    let heap = Box::into_raw(Box::new(RequestHeap::new()));
    let prev = CURRENT.with(|c| c.replace(heap));
    RequestGuard { heap, prev }
}

impl RequestGuard {
    /// Limit this request's heap to `bytes` of live data (see `RequestHeap::held`); an
    /// allocation past it is the fatal error "Allowed memory size of N bytes exhausted".
    pub fn set_limit(&self, bytes: usize) {
        // SAFETY: the heap lives until this guard drops; no other reference to it is live
        // (heap functions do not call back out).
        unsafe { (*self.heap).limit = bytes };
    }

    /// The statistics of this request's heap.
    pub fn stats(&self) -> HeapStats {
        // SAFETY: the heap lives until this guard drops.
        unsafe { (*self.heap).stats() }
    }
}

impl Drop for RequestGuard {
    fn drop(&mut self) {
        let cur = CURRENT.with(|c| c.replace(self.prev));
        debug_assert_eq!(cur, self.heap, "request guards dropped out of order");
        // SAFETY: created by Box::into_raw in `enter_request`, uninstalled above.
        drop(unsafe { Box::from_raw(self.heap) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_sizes() {
        for size in 0..=MAX_SMALL {
            let c = class_index(size);
            assert!(SIZE_CLASSES[c] as usize >= size);
            assert!(c == 0 || (SIZE_CLASSES[c - 1] as usize) < size);
        }
    }

    #[test]
    fn alloc_free_reuse() {
        let g = enter_request();
        let a = alloc(24, 8);
        // SAFETY: `a` was allocated above with size 24.
        unsafe { free(a, 24) };
        let b = alloc(30, 8);
        assert_eq!(a, b, "same class reuses the freed block");
        let big = alloc(100_000, 16);
        // SAFETY: both blocks are live allocations of the current heap.
        let big = unsafe { realloc(big, 100_000, 300_000) };
        assert_eq!(g.stats().live_objects, 2);
        // SAFETY: live blocks of the current heap with their sizes.
        unsafe {
            free(b, 30);
            free(big, 300_000);
        }
        assert_eq!(g.stats().live_objects, 0);
        assert_eq!(g.stats().live_bytes, 0);
        assert_eq!((alloc(8, 8) as usize) % ALIGN, 0);
    }
}

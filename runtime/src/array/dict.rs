//! `HashArr`: the object behind `dict` and `keyset` — dense insertion-ordered entries plus an open-addressing index.
//!
//! Layout (`#[repr(C)]`, 32 bytes): `{ hdr, len: u32, used: u32, cap: u32, mask: u32, data }`,
//! where `data` points to one block holding `entries: [Entry; cap]` followed by
//! `index: [u32; mask + 1]` (absent, null, while `cap == 0`).
//!
//! Invariants:
//! - `entries[..used]` are initialized; an entry whose key tag is `Uninit` is a
//!   *tombstone* (left by unset). `len` = live entries ≤ `used` ≤ `cap`. `len`
//!   is at byte 8, as for every container ([`crate::conv::CONTAINER_LEN_OFFSET`]).
//! - Keys are `Int` or `Str` and never coerced (`1` and `"1"` are different keys);
//!   `hash` caches [`key_hash`] of the key. A keyset stores no value (`val` is `Uninit`).
//! - `index` has `mask + 1 = 2 * cap` slots (a power of two), each `EMPTY` or the
//!   number of an entry tagged with bits of its hash ([`slot`]); every entry below
//!   `used` has exactly one slot on its key's linear-probe path. At most `cap` slots
//!   are taken, so every probe reaches an `EMPTY`.
//!   A tombstone keeps its slot (its key never matches, its `hash` stays) until the next
//!   rebuild, or until it is trailing: removing the last entry also drops the tombstones
//!   before it, slots included, so `used` shrinks (a dict used as a stack stays O(1)).
//! - Entry order is insertion order; overwriting a key keeps its position;
//!   rebuilds (growth, compaction, copies) keep the order and drop tombstones.
//! - Static objects (rc < 0) have static `data` and are never written or freed.

use crate::heap;
use crate::value::{HeapHeader, Tag, TypedValue};
use std::ptr;

/// One dense entry.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Entry {
    /// The key (`Int` or `Str`), or `Uninit` for a tombstone.
    pub key: TypedValue,
    /// The value (`Uninit` in keysets and tombstones).
    pub val: TypedValue,
    /// [`key_hash`] of the key.
    pub hash: u64,
}

/// The dict/keyset object.
#[repr(C)]
pub struct HashArr {
    /// Common header (`kind` is `KIND_DICT` or `KIND_KEYSET`).
    pub hdr: HeapHeader,
    /// Live entries.
    pub len: u32,
    /// Entries used, tombstones included.
    pub used: u32,
    /// Entry capacity (0 or a power of two).
    pub cap: u32,
    /// Index slots - 1 (0 while `cap == 0`).
    pub mask: u32,
    /// Entries then index, or null.
    pub data: *mut u8,
}

const _: () = assert!(std::mem::size_of::<HashArr>() == 32);
const _: () = assert!(std::mem::size_of::<Entry>() == 40);
const ENTRY: usize = std::mem::size_of::<Entry>();
const EMPTY: u32 = u32::MAX;

/// The hash of an `Int` or `Str` key (never 0 for strings; ints are mixed).
#[inline]
pub fn key_hash(k: &TypedValue) -> u64 {
    if k.tag == Tag::Str {
        k.as_str().hash()
    } else {
        // A folded multiply: the product's high half reaches the low bits the table masks, so
        // keys that differ only in their high bits (`$i << 48`) do not share one probe chain
        // (HHVM mixes all 64 bits too, `hash_int64`).
        let m = u128::from(k.payload) * 0x9E37_79B9_7F4A_7C15;
        (m as u64) ^ ((m >> 64) as u64)
    }
}

/// Key equality for lookups: same tag and same int, or same string bytes.
#[inline]
fn key_eq(a: &TypedValue, b: &TypedValue) -> bool {
    if a.tag != b.tag {
        return false;
    }
    match a.tag {
        Tag::Int => a.payload == b.payload,
        Tag::Str => a.payload == b.payload || a.as_str().bytes() == b.as_str().bytes(),
        _ => false,
    }
}

#[inline]
fn data_size(cap: usize) -> usize {
    cap * ENTRY + 2 * cap * 4
}

/// Pointer to entry 0.
///
/// # Safety
/// `p` is live.
#[inline(always)]
pub unsafe fn entries(p: *const HashArr) -> *mut Entry {
    // SAFETY: caller.
    unsafe { (*p).data as *mut Entry }
}

#[inline(always)]
unsafe fn index(p: *const HashArr) -> *mut u32 {
    // SAFETY: caller: the index follows the entries in `data`.
    unsafe { (*p).data.add((*p).cap as usize * ENTRY) as *mut u32 }
}

/// The used entries (tombstones included) as a slice.
///
/// # Safety
/// `p` is live for `'a` and not mutated meanwhile.
#[inline(always)]
pub unsafe fn slice<'a>(p: *const HashArr) -> &'a [Entry] {
    // SAFETY: caller; `used` initialized entries. `data` is null only when used == 0.
    unsafe {
        if (*p).used == 0 {
            &[]
        } else {
            std::slice::from_raw_parts(entries(p), (*p).used as usize)
        }
    }
}

/// A new empty counted object (rc 1) of `kind` with room for at least `cap` entries.
pub fn alloc(kind: u8, cap: usize) -> *mut HashArr {
    super::ensure_hooks();
    let p = heap::alloc(std::mem::size_of::<HashArr>(), 16) as *mut HashArr;
    // SAFETY: fresh block of the header's size.
    unsafe {
        ptr::write(
            p,
            HashArr {
                hdr: HeapHeader::counted(kind),
                len: 0,
                used: 0,
                cap: 0,
                mask: 0,
                data: ptr::null_mut(),
            },
        );
        if cap > 0 {
            rebuild(p, cap);
        }
    }
    p
}

fn round_cap(n: usize) -> usize {
    if n > super::vec::MAX_LEN {
        super::vec::too_big(n);
    }
    n.max(4).next_power_of_two()
}

/// Reallocates the data of a counted object for at least `want` entries
/// (rounded up to a power of two), moving the live entries to the front in
/// order (dropping tombstones) and rebuilding the index.
///
/// # Safety
/// `p` is a live counted object owned uniquely; `want >= len`.
unsafe fn rebuild(p: *mut HashArr, want: usize) {
    // SAFETY: caller: unique live object; the new block is fresh.
    unsafe {
        let cap = round_cap(want);
        let old_data = (*p).data;
        let old_cap = (*p).cap as usize;
        let used = (*p).used as usize;
        let data = heap::alloc(data_size(cap), 16);
        let new_entries = data as *mut Entry;
        let mut n = 0usize;
        if !old_data.is_null() {
            let old = old_data as *const Entry;
            for i in 0..used {
                let e = *old.add(i);
                if e.key.tag != Tag::Uninit {
                    ptr::write(new_entries.add(n), e);
                    n += 1;
                }
            }
            heap::free(old_data, data_size(old_cap));
        }
        debug_assert_eq!(n, (*p).len as usize);
        (*p).data = data;
        (*p).cap = cap as u32;
        (*p).mask = (2 * cap - 1) as u32;
        (*p).used = n as u32;
        let idx = index(p);
        ptr::write_bytes(idx, 0xff, 2 * cap);
        for i in 0..n {
            insert_slot(p, (*new_entries.add(i)).hash, i as u32);
        }
    }
}

/// The tag bits of an index slot at entry capacity `cap` (a power of two): those above the
/// entry number's, bit 31 excepted (so that no slot is `EMPTY`).
#[inline(always)]
fn tag_mask(cap: u32) -> u32 {
    0x7fff_ffff & !(cap - 1)
}

/// The index slot of entry `e` whose key hashes to `hash`: the entry number in the low bits,
/// high bits of the hash above it. A probe compares the tag before it loads an entry, so keys
/// on the same probe path cost no entry loads (cache misses in a large dict) but the match's.
#[inline(always)]
fn slot(hash: u64, e: u32, cap: u32) -> u32 {
    e | ((hash >> 32) as u32 & tag_mask(cap))
}

#[inline]
unsafe fn insert_slot(p: *mut HashArr, hash: u64, e: u32) {
    // SAFETY: caller: live object with a free slot on the probe path.
    unsafe {
        let mask = (*p).mask as usize;
        let idx = index(p);
        let mut i = hash as usize & mask;
        while *idx.add(i) != EMPTY {
            i = (i + 1) & mask;
        }
        *idx.add(i) = slot(hash, e, (*p).cap);
    }
}

/// Gives back the room of a counted object built with far more capacity than it holds (an HSL
/// result sized by its input, of which most keys collapsed): its data is rebuilt for its entries
/// when its capacity is more than twice what they need. A result's memory follows its size, as
/// the HSL builds it, one insert at a time.
///
/// # Safety
/// `p` is a live counted object owned uniquely.
pub unsafe fn shrink_to_fit(p: *mut HashArr) {
    // SAFETY: caller: unique live object.
    unsafe {
        let len = (*p).len as usize;
        if (*p).cap as usize > 2 * round_cap(len) {
            rebuild(p, len);
        }
    }
}

/// The entry number of key `k` (with `hash == key_hash(k)`), if present.
///
/// # Safety
/// `p` is live.
#[inline]
pub unsafe fn find(p: *const HashArr, k: &TypedValue, hash: u64) -> Option<usize> {
    // SAFETY: caller: live object; slots hold valid entry numbers below `used`.
    unsafe {
        if (*p).cap == 0 {
            return None;
        }
        let mask = (*p).mask as usize;
        let idx = index(p);
        let ents = entries(p);
        let cap = (*p).cap;
        let tags = tag_mask(cap);
        let want = slot(hash, 0, cap);
        let mut i = hash as usize & mask;
        loop {
            let s = *idx.add(i);
            if s == EMPTY {
                return None;
            }
            if s & tags == want {
                let n = (s & (cap - 1)) as usize;
                let e = &*ents.add(n);
                if e.hash == hash && key_eq(&e.key, k) {
                    return Some(n);
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// Appends a new entry (the key must be absent), taking over `k` and `v`.
///
/// # Safety
/// `p` is a live counted object owned uniquely; `k` is an owned Int/Str key not in `p`.
pub unsafe fn insert_new(p: *mut HashArr, k: TypedValue, v: TypedValue, hash: u64) {
    // SAFETY: caller.
    unsafe {
        if (*p).used == (*p).cap {
            let len = (*p).len as usize;
            // Many tombstones: compact in place; else double.
            let want = if len < (*p).cap as usize / 2 {
                (*p).cap as usize
            } else {
                (*p).cap as usize * 2
            };
            rebuild(p, want.max(len + 1));
        }
        let n = (*p).used as usize;
        ptr::write(
            entries(p).add(n),
            Entry {
                key: k,
                val: v,
                hash,
            },
        );
        insert_slot(p, hash, n as u32);
        (*p).used += 1;
        (*p).len += 1;
    }
}

/// Sets `k => v`: overwrites the value in place (keeping the position) or appends.
/// `k` is borrowed (dup'ed when inserted), `v` is taken over.
///
/// # Safety
/// As [`insert_new`], except that `k` may be present and is borrowed.
pub unsafe fn set(p: *mut HashArr, k: &TypedValue, v: TypedValue) {
    // SAFETY: caller.
    unsafe {
        let h = key_hash(k);
        match find(p, k, h) {
            Some(i) => {
                let e = &mut *entries(p).add(i);
                let old = std::mem::replace(&mut e.val, v);
                old.dec_ref();
            }
            None => insert_new(p, k.dup(), v, h),
        }
    }
}

/// Adds `k` to a keyset-shaped object if absent (taking over `k`; released when already present).
///
/// # Safety
/// As [`insert_new`], except that `k` may be present.
pub unsafe fn add_key(p: *mut HashArr, k: TypedValue) {
    // SAFETY: caller.
    unsafe {
        let h = key_hash(&k);
        if find(p, &k, h).is_some() {
            k.dec_ref();
        } else {
            insert_new(p, k, TypedValue::uninit(), h);
        }
    }
}

/// Removes entry `i` (leaving a tombstone); returns its key and value, owned.
///
/// # Safety
/// `p` is a live counted object owned uniquely; `i` is a live entry.
pub unsafe fn remove_at(p: *mut HashArr, i: usize) -> (TypedValue, TypedValue) {
    // SAFETY: caller.
    unsafe {
        let e = &mut *entries(p).add(i);
        let k = std::mem::replace(&mut e.key, TypedValue::uninit());
        let v = std::mem::replace(&mut e.val, TypedValue::uninit());
        (*p).len -= 1;
        if (*p).len == 0 {
            // Nothing live: reuse the entries from the start.
            (*p).used = 0;
            ptr::write_bytes(index(p), 0xff, (*p).mask as usize + 1);
        } else if i + 1 == (*p).used as usize {
            // The last entry: it and the tombstones before it go, slots included, so that
            // the end is a live entry again (`C\last`, iteration and appends do not walk
            // over them).
            let ents = entries(p);
            while (*p).used > 0 && (*ents.add((*p).used as usize - 1)).key.tag == Tag::Uninit {
                let n = (*p).used - 1;
                delete_slot(p, (*ents.add(n as usize)).hash, n);
                (*p).used = n;
            }
        }
        (k, v)
    }
}

/// Removes entry `e`'s slot (its key hashed to `hash`) from the index, moving the slots after
/// it in its probe cluster back as linear probing needs (no slot may sit before its home with
/// an `EMPTY` between).
///
/// # Safety
/// `p` is a live counted object owned uniquely; entry `e` (below `used`) has a slot.
unsafe fn delete_slot(p: *mut HashArr, hash: u64, e: u32) {
    // SAFETY: caller: live object; every slot holds an entry number below `used` whose `hash`
    // is its key's.
    unsafe {
        let mask = (*p).mask as usize;
        let cap = (*p).cap;
        let idx = index(p);
        let ents = entries(p);
        let want = slot(hash, e, cap);
        let mut i = hash as usize & mask;
        while *idx.add(i) != want {
            debug_assert!(*idx.add(i) != EMPTY, "entry {e} has no slot");
            i = (i + 1) & mask;
        }
        *idx.add(i) = EMPTY;
        let mut j = i;
        loop {
            j = (j + 1) & mask;
            let s = *idx.add(j);
            if s == EMPTY {
                return;
            }
            let home = (*ents.add((s & (cap - 1)) as usize)).hash as usize & mask;
            // The slot at `j` stays when its home lies cyclically in (i, j].
            let stays = if i <= j {
                i < home && home <= j
            } else {
                i < home || home <= j
            };
            if !stays {
                *idx.add(i) = s;
                *idx.add(j) = EMPTY;
                i = j;
            }
        }
    }
}

/// A counted copy (rc 1) of a live object with room for `extra` more entries;
/// keys and values get one more reference each; tombstones are dropped.
///
/// # Safety
/// `p` is live.
pub unsafe fn copy(p: *const HashArr, extra: usize) -> *mut HashArr {
    // SAFETY: caller: live source; fresh unique destination with room for every entry.
    unsafe {
        let kind = (*p).hdr.kind;
        let len = (*p).len as usize;
        let q = alloc(kind, len + extra);
        let dst = entries(q);
        let mut n = 0usize;
        for e in slice(p) {
            if e.key.tag == Tag::Uninit {
                continue;
            }
            e.key.inc_ref();
            e.val.inc_ref();
            ptr::write(dst.add(n), *e);
            insert_slot(q, e.hash, n as u32);
            n += 1;
        }
        (*q).used = n as u32;
        (*q).len = n as u32;
        q
    }
}

/// Makes a static copy (rc -1, static data) of a counted object whose keys and values are all uncounted or static.
///
/// # Safety
/// `p` is live.
pub unsafe fn to_static(p: *const HashArr) -> *mut HashArr {
    // SAFETY: caller: live source; fresh static destination.
    unsafe {
        let len = (*p).len as usize;
        let q = heap::alloc_static(std::mem::size_of::<HashArr>()) as *mut HashArr;
        let cap = if len == 0 { 0 } else { round_cap(len) };
        let data = if cap == 0 {
            ptr::null_mut()
        } else {
            heap::alloc_static(data_size(cap))
        };
        ptr::write(
            q,
            HashArr {
                hdr: HeapHeader::static_((*p).hdr.kind),
                len: 0,
                used: 0,
                cap: cap as u32,
                mask: if cap == 0 { 0 } else { (2 * cap - 1) as u32 },
                data,
            },
        );
        if cap > 0 {
            ptr::write_bytes(index(q), 0xff, 2 * cap);
        }
        let mut n = 0usize;
        for e in slice(p) {
            if e.key.tag == Tag::Uninit {
                continue;
            }
            ptr::write(entries(q).add(n), *e);
            insert_slot(q, e.hash, n as u32);
            n += 1;
        }
        (*q).used = n as u32;
        (*q).len = n as u32;
        q
    }
}

/// Frees the header and data of a counted object without touching its entries.
///
/// # Safety
/// `p` is a counted object of the current heap that is not used afterwards.
pub unsafe fn free_block(p: *mut HashArr) {
    // SAFETY: caller.
    unsafe {
        if !(*p).data.is_null() {
            heap::free((*p).data, data_size((*p).cap as usize));
        }
        heap::free(p as *mut u8, std::mem::size_of::<HashArr>());
    }
}

/// The release hook for `Tag::Dict` and `Tag::Keyset`: frees the object and hands counted keys and values to `children`.
///
/// # Safety
/// As [`crate::value::ReleaseHook`].
pub unsafe fn release(tv: TypedValue, children: &mut Vec<TypedValue>) {
    let p = tv.payload as *mut HashArr;
    // SAFETY: the hook contract: a live counted object whose last reference is gone.
    unsafe {
        for e in slice(p) {
            if e.key.tag.is_counted() {
                children.push(e.key);
            }
            if e.val.tag.is_counted() {
                children.push(e.val);
            }
        }
        free_block(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Backward-shift deletion: with `x` at its home slot and `y` (same home) and `z` (the next
    /// home) probed past it, deleting `x`'s slot moves both back, so that both are still found.
    #[test]
    fn deleting_a_slot_moves_its_cluster_back() {
        let _g = heap::enter_request();
        let p = alloc(HeapHeader::KIND_DICT, 4);
        // SAFETY: a fresh unique dict of capacity 4 (8 index slots); entries inserted below.
        unsafe {
            let mask = (*p).mask as u64;
            let home = |k: i64| key_hash(&TypedValue::int(k)) & mask;
            let keys: Vec<i64> = (0..10_000).collect();
            let x = keys.iter().copied().find(|&k| home(k) == 3).unwrap();
            let y = keys
                .iter()
                .copied()
                .find(|&k| k != x && home(k) == 3)
                .unwrap();
            let z = keys.iter().copied().find(|&k| home(k) == 4).unwrap();
            for k in [x, y, z] {
                insert_new(
                    p,
                    TypedValue::int(k),
                    TypedValue::int(k),
                    key_hash(&TypedValue::int(k)),
                );
            }
            // x at 3, y at 4, z at 5.
            let idx = index(p);
            let at = |s: usize| *idx.add(s) & ((*p).cap - 1);
            assert_eq!((at(3), at(4), at(5)), (0, 1, 2));
            // Entry 0 (x) goes: y moves to 3, z to 4.
            delete_slot(p, key_hash(&TypedValue::int(x)), 0);
            assert_eq!((at(3), at(4)), (1, 2));
            assert_eq!(*idx.add(5), EMPTY);
            assert_eq!(
                find(p, &TypedValue::int(y), key_hash(&TypedValue::int(y))),
                Some(1)
            );
            assert_eq!(
                find(p, &TypedValue::int(z), key_hash(&TypedValue::int(z))),
                Some(2)
            );
            assert_eq!(
                find(p, &TypedValue::int(x), key_hash(&TypedValue::int(x))),
                None
            );
            free_block(p);
        }
    }
}

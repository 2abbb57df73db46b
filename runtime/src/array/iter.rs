//! Iteration by position over vec, dict and keyset (`foreach`), and the borrowed item iterator used by builtins.
//!
//! A position is an `i64`: the element index of a vec, the entry number of a
//! dict or keyset (tombstones are skipped). The end position is `len` for a
//! vec and `used` for a dict/keyset, so [`iter_done`] is one comparison.
//! Positions stay valid as long as the container is not mutated — `foreach`
//! holds a reference for the loop's duration, so any write inside the loop
//! copies (copy-on-write) and the loop sees a snapshot.

use super::dict::{self, Entry, HashArr};
use super::vec::{self, VecArr};
use crate::error::{ExnClass, RtResult, RuntimeError};
use crate::value::{Tag, TypedValue};

#[inline]
fn hptr(c: &TypedValue) -> *const HashArr {
    c.payload as *const HashArr
}

#[inline]
fn hash_entries(c: &TypedValue) -> &[Entry] {
    // SAFETY: W: a live dict/keyset, not mutated while `c` is borrowed.
    unsafe { dict::slice(hptr(c)) }
}

#[inline]
fn vec_elems(c: &TypedValue) -> &[TypedValue] {
    // SAFETY: W: a live vec, not mutated while `c` is borrowed.
    unsafe { vec::slice(c.payload as *const VecArr) }
}

fn next_live(ents: &[Entry], from: usize) -> i64 {
    let mut i = from;
    while i < ents.len() && ents[i].key.tag == Tag::Uninit {
        i += 1;
    }
    i as i64
}

/// The first position of a container (`iter_done` at once when empty).
/// Not a container: `InvalidArgumentException` ("Invalid argument supplied for foreach()").
pub fn iter_first(c: &TypedValue) -> RtResult<i64> {
    match c.tag {
        Tag::Vec => Ok(0),
        Tag::Dict | Tag::Keyset => Ok(next_live(hash_entries(c), 0)),
        _ => Err(RuntimeError::throw(
            ExnClass::InvalidArgumentException,
            "Invalid argument supplied for foreach()",
        )),
    }
}

/// The position after `pos`.
pub fn iter_next(c: &TypedValue, pos: i64) -> i64 {
    match c.tag {
        Tag::Dict | Tag::Keyset => next_live(hash_entries(c), (pos.max(-1) + 1) as usize),
        _ => pos + 1,
    }
}

/// True when `pos` is past the last element (also for non-containers).
pub fn iter_done(c: &TypedValue, pos: i64) -> bool {
    match c.tag {
        Tag::Vec => pos < 0 || pos as u64 >= vec_elems(c).len() as u64,
        Tag::Dict | Tag::Keyset => pos < 0 || pos as u64 >= hash_entries(c).len() as u64,
        _ => true,
    }
}

/// The key at `pos` (owned): the index for a vec, the key for a dict, the element for a keyset. Null at an invalid position.
pub fn iter_key(c: &TypedValue, pos: i64) -> TypedValue {
    match c.tag {
        Tag::Vec if !iter_done(c, pos) => TypedValue::int(pos),
        Tag::Dict | Tag::Keyset if !iter_done(c, pos) => {
            let e = &hash_entries(c)[pos as usize];
            if e.key.tag == Tag::Uninit {
                TypedValue::null()
            } else {
                super::dup(&e.key)
            }
        }
        _ => TypedValue::null(),
    }
}

/// The value at `pos` (owned); a keyset's value is its key. Null at an invalid position.
pub fn iter_value(c: &TypedValue, pos: i64) -> TypedValue {
    match c.tag {
        Tag::Vec if !iter_done(c, pos) => super::dup(&vec_elems(c)[pos as usize]),
        Tag::Dict if !iter_done(c, pos) => {
            let e = &hash_entries(c)[pos as usize];
            if e.key.tag == Tag::Uninit {
                TypedValue::null()
            } else {
                super::dup(&e.val)
            }
        }
        Tag::Keyset => iter_key(c, pos),
        _ => TypedValue::null(),
    }
}

/// Borrowed `(key, value)` pairs of a container, in order. The pairs are raw
/// copies valid while `c` is alive and unmodified: no Hack code may run while
/// this iterator is in use (callback builtins iterate by position instead).
pub enum Items<'a> {
    /// A vec's elements with their indexes.
    Vec(std::iter::Enumerate<std::slice::Iter<'a, TypedValue>>),
    /// A dict's entries (`false`) or a keyset's (`true`), tombstones included (skipped).
    Hash(std::slice::Iter<'a, Entry>, bool),
}

impl Iterator for Items<'_> {
    type Item = (TypedValue, TypedValue);

    #[inline]
    fn next(&mut self) -> Option<(TypedValue, TypedValue)> {
        match self {
            Items::Vec(it) => it.next().map(|(i, v)| (TypedValue::int(i as i64), *v)),
            Items::Hash(it, keyset) => it.find_map(|e| hash_item(e, *keyset)),
        }
    }
}

/// A dict's or keyset's entry as a `(key, value)` pair; `None` for a tombstone.
#[inline]
fn hash_item(e: &Entry, keyset: bool) -> Option<(TypedValue, TypedValue)> {
    (e.key.tag != Tag::Uninit).then_some((e.key, if keyset { e.key } else { e.val }))
}

impl DoubleEndedIterator for Items<'_> {
    /// From the end: `C\last` of a big container is one step, not a walk.
    #[inline]
    fn next_back(&mut self) -> Option<(TypedValue, TypedValue)> {
        match self {
            Items::Vec(it) => it.next_back().map(|(i, v)| (TypedValue::int(i as i64), *v)),
            Items::Hash(it, keyset) => loop {
                if let Some(item) = hash_item(it.next_back()?, *keyset) {
                    return Some(item);
                }
            },
        }
    }
}

/// The items of a container, or `None` for other values.
pub fn items(c: &TypedValue) -> Option<Items<'_>> {
    match c.tag {
        Tag::Vec => Some(Items::Vec(vec_elems(c).iter().enumerate())),
        Tag::Dict => Some(Items::Hash(hash_entries(c).iter(), false)),
        Tag::Keyset => Some(Items::Hash(hash_entries(c).iter(), true)),
        _ => None,
    }
}

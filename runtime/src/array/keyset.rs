//! Keyset specifics: a keyset is a [`HashArr`] of kind `KIND_KEYSET` whose entries have keys only (values are `Uninit`).
//!
//! Reading `$ks[k]` gives `k` back; `$ks[] = k` adds `k` unless present (no
//! copy is made when it is); `$ks[k] = v` is an `InvalidOperationException`
//! ("Invalid operation on keyset", HHVM's wording).

use super::dict::{self, HashArr};
use super::{bad_key, Owned};
use crate::error::{ExnClass, RtResult, RuntimeError};
use crate::value::{HeapHeader, Tag, TypedValue};

/// HHVM's error for `$ks[k] = v` and other writes keysets do not support.
#[cold]
pub fn invalid_operation() -> RuntimeError {
    RuntimeError::throw(
        ExnClass::InvalidOperationException,
        "Invalid operation on keyset",
    )
}

/// A keyset of `items` (owned, duplicates dropped, first occurrence kept).
/// A non-`int`/`string` item gives `InvalidArgumentException`; every item is
/// consumed either way.
pub fn from_items(items: Vec<TypedValue>) -> RtResult<TypedValue> {
    let p = dict::alloc(HeapHeader::KIND_KEYSET, items.len());
    let result = Owned::new(TypedValue::from_heap(Tag::Keyset, p as *mut HeapHeader));
    let mut rest = items.into_iter();
    while let Some(k) = rest.next() {
        if !matches!(k.tag, Tag::Int | Tag::Str) {
            let err = bad_key("keyset", &k);
            drop(Owned::new(k));
            rest.for_each(|v| drop(Owned::new(v)));
            return Err(err);
        }
        // SAFETY: `p` is unique (held only by `result`); `k` is owned and handed over.
        unsafe { dict::add_key(p, k) };
    }
    Ok(result.into_inner())
}

/// True if the keyset contains `k`.
pub fn contains(ks: &TypedValue, k: &TypedValue) -> bool {
    matches!(k.tag, Tag::Int | Tag::Str)
        // SAFETY: W: a live keyset.
        && unsafe { dict::find(ks.payload as *const HashArr, k, dict::key_hash(k)) }.is_some()
}

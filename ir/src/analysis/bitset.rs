//! A dense bit set over small integers (value or block indexes), growing on insert.

use crate::entities::Value;

/// A set of `usize`s stored as bits; for value sets, bit `i` is `Value(i)`. Equality is set
/// equality (capacity does not matter).
#[derive(Clone, Debug, Default)]
pub struct BitSet {
    words: Vec<u64>,
}

impl PartialEq for BitSet {
    fn eq(&self, o: &BitSet) -> bool {
        let n = self.words.len().max(o.words.len());
        (0..n).all(|i| self.words.get(i).unwrap_or(&0) == o.words.get(i).unwrap_or(&0))
    }
}

impl Eq for BitSet {}

impl BitSet {
    /// An empty set.
    pub const fn new() -> BitSet {
        BitSet { words: Vec::new() }
    }

    /// An empty set with room for `0..n` without reallocation.
    pub fn with_capacity(n: usize) -> BitSet {
        BitSet {
            words: vec![0; n.div_ceil(64)],
        }
    }

    /// Add `i`; returns true when it was not in the set.
    pub fn insert(&mut self, i: usize) -> bool {
        let (w, b) = (i / 64, 1u64 << (i % 64));
        if self.words.len() <= w {
            self.words.resize(w + 1, 0);
        }
        let was = self.words[w] & b != 0;
        self.words[w] |= b;
        !was
    }

    /// Remove `i`; returns true when it was in the set.
    pub fn remove(&mut self, i: usize) -> bool {
        match self.words.get_mut(i / 64) {
            Some(w) => {
                let b = 1u64 << (i % 64);
                let was = *w & b != 0;
                *w &= !b;
                was
            }
            None => false,
        }
    }

    /// True when `i` is in the set.
    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// True when value `v` is in the set.
    pub fn contains_value(&self, v: Value) -> bool {
        self.contains(v.index())
    }

    /// Add every element of `o`; returns true when the set changed.
    pub fn union_with(&mut self, o: &BitSet) -> bool {
        if self.words.len() < o.words.len() {
            self.words.resize(o.words.len(), 0);
        }
        let mut changed = false;
        for (a, b) in self.words.iter_mut().zip(&o.words) {
            let n = *a | b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }

    /// Remove every element of `o`.
    pub fn subtract(&mut self, o: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&o.words) {
            *a &= !b;
        }
    }

    /// The elements in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let t = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + t)
            })
        })
    }

    /// The elements as values, in increasing order.
    pub fn values(&self) -> impl Iterator<Item = Value> + '_ {
        self.iter().map(Value::new)
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// True when the set has no element.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }
}

impl FromIterator<usize> for BitSet {
    fn from_iter<I: IntoIterator<Item = usize>>(it: I) -> BitSet {
        let mut s = BitSet::default();
        for i in it {
            s.insert(i);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops() {
        let mut a = BitSet::with_capacity(10);
        assert!(a.insert(3));
        assert!(!a.insert(3));
        assert!(a.insert(130));
        assert!(a.contains(130) && !a.contains(131) && !a.contains(10_000));
        let b: BitSet = [3usize, 64].into_iter().collect();
        assert!(a.union_with(&b));
        assert!(!a.union_with(&b));
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![3, 64, 130]);
        a.subtract(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![130]);
        assert_eq!(a.len(), 1);
        assert!(a.remove(130) && !a.remove(130) && !a.remove(99_999));
        assert!(a.is_empty());
    }
}

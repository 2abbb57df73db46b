//! String switch tables (`switch_str`): the labels sorted by their bytes and found by binary
//! search, for the interpreter and for compiled code alike.

use crate::value::{Tag, TypedValue};

/// The labels of one `switch_str`, each with its number in the instruction's immediate.
#[derive(Clone, Debug)]
pub struct StrSwitch {
    /// Label bytes and label number, sorted by bytes, each label once (its first number).
    sorted: Box<[(Box<[u8]>, u32)]>,
}

impl StrSwitch {
    /// The table of `labels` (label `i` is number `i`; of equal labels the first one counts).
    pub fn new(labels: &[Box<[u8]>]) -> StrSwitch {
        let mut sorted: Vec<(Box<[u8]>, u32)> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), i as u32))
            .collect();
        // A stable sort keeps equal labels in order, so the first one is kept.
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        sorted.dedup_by(|later, first| later.0 == first.0);
        StrSwitch {
            sorted: sorted.into(),
        }
    }

    /// The number of the label equal to `s`, if any.
    pub fn find(&self, s: &[u8]) -> Option<u32> {
        self.sorted
            .binary_search_by(|(l, _)| (**l).cmp(s))
            .ok()
            .map(|i| self.sorted[i].1)
    }

    /// The number of the label equal to `v`, if `v` is a string and there is one.
    pub fn find_value(&self, v: &TypedValue) -> Option<u32> {
        if v.tag == Tag::Str {
            self.find(v.str_bytes())
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(labels: &[&str]) -> StrSwitch {
        let labels: Vec<Box<[u8]>> = labels.iter().map(|l| l.as_bytes().into()).collect();
        StrSwitch::new(&labels)
    }

    #[test]
    fn finds_each_label_by_its_number() {
        let t = table(&["post", "get", "", "put", "delete"]);
        for (i, l) in ["post", "get", "", "put", "delete"].iter().enumerate() {
            assert_eq!(t.find(l.as_bytes()), Some(i as u32), "{l}");
        }
        assert_eq!(t.find(b"GET"), None);
        assert_eq!(t.find(b"gets"), None);
        assert_eq!(t.find(b"ge"), None);
    }

    #[test]
    fn the_first_of_equal_labels_counts() {
        let t = table(&["b", "a", "b", "c", "a"]);
        assert_eq!(t.find(b"a"), Some(1));
        assert_eq!(t.find(b"b"), Some(0));
        assert_eq!(t.find(b"c"), Some(3));
    }

    #[test]
    fn only_strings_are_found() {
        let t = table(&["1x", "a"]);
        assert_eq!(t.find_value(&TypedValue::int(1)), None);
        assert_eq!(t.find_value(&TypedValue::null()), None);
    }
}

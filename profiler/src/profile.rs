//! The snapshot of the counters: symbolic (function names and IR instruction ids), sorted maps,
//! ready to serialize.

use std::collections::BTreeMap;

/// The profile of one function.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuncProfile {
    /// Calls of the function.
    pub entries: u64,
    /// Loop iterations (backward jumps).
    pub back_edges: u64,
    /// By IR branch instruction: (taken, not taken).
    pub branches: BTreeMap<u32, (u64, u64)>,
    /// By IR call instruction: how often it ran.
    pub calls: BTreeMap<u32, u64>,
    /// By IR call instruction with a dynamic target: callee name → count.
    pub targets: BTreeMap<u32, BTreeMap<String, u64>>,
}

/// A whole-program profile, keyed by qualified function name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// Per function.
    pub funcs: BTreeMap<String, FuncProfile>,
}

impl Profile {
    /// Functions by descending entry count plus loop iterations (ties by name).
    pub fn hottest(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self
            .funcs
            .iter()
            .map(|(n, f)| (n.as_str(), f.entries + f.back_edges))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }
}

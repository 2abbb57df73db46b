//! The snapshot of the counters: symbolic (function names and IR instruction ids), sorted maps,
//! ready to serialize.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The profile of one function (serializable: the `.jsp` body stores it as it is).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Type histograms by IR value (parameters, loads and call results whose static type is
    /// a union): counts of `[int, float, bool, other]` (see [`TYPE_KINDS`]).
    pub types: BTreeMap<u32, [u64; 4]>,
    /// Failed guards by IR value: how often speculation on that value's type failed.
    pub guard_failures: BTreeMap<u32, u64>,
}

impl FuncProfile {
    /// How hot the function is: calls plus loop iterations.
    pub fn weight(&self) -> u64 {
        self.entries + self.back_edges
    }
}

/// The kinds a type histogram counts, in order.
pub const TYPE_KINDS: [&str; 4] = ["int", "float", "bool", "other"];

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
            .map(|(n, f)| (n.as_str(), f.weight()))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }
}

//! Analyses over one function: control-flow graph, dominator tree, natural loops and liveness.
//!
//! All of them are computed from the layout and the destinations of each placed block's last
//! instruction (a catch destination is an ordinary CFG edge). They never panic on malformed IR:
//! destinations to blocks that do not exist or are not placed are ignored, so the verifier can
//! run them before it knows the function is well formed. Results are invalidated by any edit
//! of the function; recompute them.

pub mod bitset;
pub mod cfg;
pub mod domtree;
pub mod liveness;
pub mod loops;

pub use bitset::BitSet;
pub use cfg::Cfg;
pub use domtree::DomTree;
pub use liveness::{LiveAfter, LiveSet, Liveness};
pub use loops::{LoopData, Loops};

#[cfg(test)]
mod tests;

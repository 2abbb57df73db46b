//! jsvm-opt: the IR→IR optimizer that reads a `Profile` — inlining, type specialization, guards with frame states, C3 function order and the hot/cold plan.
//!
//! [`layout`]: the plan from a profile (C3 order of the profiled call graph, block counts, the
//! hot/cold split and branch weights). [`specialize`]: guards with frame states from the type
//! histograms. [`inline`]: small nothrow callees ([`nothrow`]). [`osr`]: functions that enter
//! a baseline function at a loop header.

pub mod inline;
pub mod layout;
pub mod nothrow;
pub mod osr;
pub mod specialize;

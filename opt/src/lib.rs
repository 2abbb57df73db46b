//! jsvm-opt: the IR→IR optimizer that reads a `Profile` — inlining, type specialization, guards with frame states, C3 function order and the hot/cold plan.
//!
//! So far: [`layout`], the plan from a profile (C3 order of the profiled call graph, block counts,
//! the hot/cold split and branch weights).

pub mod layout;

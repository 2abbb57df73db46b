//! jsvm-profiler: counters keyed by IR entities (entries, branches, back-edges, call targets,
//! type histograms, guard failures) and
//! their snapshot `Profile`; no I/O.
//!
//! The interpreter bumps [`FuncCounters`] (relaxed loads and stores: a lost update is fine) at
//! ops identified by their bytecode position; [`Counters::snapshot`] maps positions back to IR
//! instruction ids, so a [`Profile`] names everything symbolically (function name, instruction
//! id) and never by address.
#![deny(missing_docs)]

pub mod counters;
pub mod profile;

pub use counters::{Counters, FuncCounters};
pub use profile::{FuncProfile, Profile, TYPE_KINDS};

//! The function table and the tier interface: compiled code is published per function with
//! Release ordering and callers load it with Acquire, so a newly compiled callee is always reached.
//!
//! `tools` plugs an implementation of [`Compiler`] (the LLVM tier) into the runtime.

use crate::ctx::Ctx;
use crate::value::TypedValue;
use jsvm_ir::{FuncId, Module};
use std::sync::atomic::{AtomicPtr, Ordering};

/// The generic entry of compiled code: `argc` owned arguments at `args` (moved into the callee),
/// returns the owned result. On a Hack exception it stores the error in `ctx.pending` and returns
/// `Uninit`; fatals unwind as Rust panics through the registered unwind tables.
pub type GenericEntry =
    unsafe extern "C-unwind" fn(ctx: *mut Ctx, args: *mut TypedValue, argc: u32) -> TypedValue;

/// Which tiers run code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// Only the interpreter.
    Interp,
    /// Compile every function before running (static types only, no speculation).
    Jit,
    /// Interpret, profile, and compile hot functions in the background.
    Auto,
}

/// Compiled entries by `FuncId`.
pub struct FuncTable {
    generic: Box<[AtomicPtr<()>]>,
}

impl FuncTable {
    /// A table for `n` functions, none compiled.
    pub fn new(n: usize) -> FuncTable {
        FuncTable {
            generic: (0..n)
                .map(|_| AtomicPtr::new(std::ptr::null_mut()))
                .collect(),
        }
    }

    /// The compiled generic entry of `f`, if any.
    #[inline(always)]
    pub fn get(&self, f: u32) -> Option<GenericEntry> {
        let p = self.generic.get(f as usize)?.load(Ordering::Acquire);
        if p.is_null() {
            None
        } else {
            // SAFETY: only `publish` stores non-null pointers, and it stores `GenericEntry`s.
            Some(unsafe { std::mem::transmute::<*mut (), GenericEntry>(p) })
        }
    }

    /// Make `entry` the code of `f`. The code must stay executable for the rest of the process
    /// (a CLI run never frees code).
    pub fn publish(&self, f: FuncId, entry: GenericEntry) {
        self.generic[f.index()].store(entry as *mut (), Ordering::Release);
    }

    /// Send `f` back to the interpreter (its code stays mapped: frames may still run it).
    pub fn unpublish(&self, f: FuncId) {
        self.generic[f.index()].store(std::ptr::null_mut(), Ordering::Release);
    }
}

/// An optimizing compiler for baseline IR (the LLVM tier).
pub trait Compiler: Send + Sync {
    /// Compile `funcs` of `module`. Returns each function's generic entry; the machine code lives
    /// as long as the compiler.
    fn compile(
        &self,
        module: &Module,
        funcs: &[FuncId],
    ) -> Result<Vec<(FuncId, GenericEntry)>, String>;
}

//! Deoptimization: a failed guard in compiled code hands its frame to the interpreter, which
//! resumes the baseline bytecode mid-function and finishes the call.

use super::done;
use super::objects::{program, with_vm};
use crate::ctx::Ctx;
use crate::value::TypedValue;
use jsvm_ir::Resume;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// Failures of one guard after which its function is sent back to the interpreter and
/// recompiled without that speculation (DESIGN.md).
pub const GUARD_FAILURE_LIMIT: u64 = 10;

/// Deoptimizations above this share of a compiled function's entries (with at least
/// [`GUARD_FAILURE_LIMIT`] of them) also send it back (DESIGN.md: "deopts above 1% of entries").
pub const DEOPT_SHARE_LIMIT: f64 = 0.01;

/// Counters of one compiled version of a function that has guards (owned by the compiler, alive
/// as long as the code): its prologue counts `entries`, `rt_deopt` counts `deopts` (forced ones
/// not included), and `retired` makes sure the version is sent back once.
#[derive(Debug, Default)]
pub struct CodeCounters {
    /// Calls of this code (a relaxed load and store in the prologue: no locked instruction).
    pub entries: AtomicU64,
    /// Failed guards of this code (not forced by `--deopt-every`).
    pub deopts: AtomicU64,
    /// Whether this code was already sent back to the interpreter.
    pub retired: AtomicBool,
}

impl CodeCounters {
    /// Count one real guard failure; `guard_failures` is the failing guard's count over all
    /// versions. True exactly once: when this version should go back to the interpreter (10
    /// failures of one guard, or at least 10 deopts above 1% of its entries).
    pub fn deopt(&self, guard_failures: u64) -> bool {
        let deopts = self.deopts.fetch_add(1, Ordering::Relaxed) + 1;
        let entries = self.entries.load(Ordering::Relaxed);
        let share =
            deopts >= GUARD_FAILURE_LIMIT && deopts as f64 > DEOPT_SHARE_LIMIT * entries as f64;
        (guard_failures >= GUARD_FAILURE_LIMIT || share)
            && !self.retired.swap(true, Ordering::Relaxed)
    }
}

/// One guard of compiled code (owned by the compiler, alive as long as the code).
#[derive(Debug)]
pub struct DeoptSite {
    /// The function (`FuncId` index).
    pub func: u32,
    /// The counters of the compiled code the guard is in.
    pub code: Arc<CodeCounters>,
    /// The guarded IR value.
    pub value: u32,
    /// Where the interpreter resumes.
    pub resume: Resume,
    /// The frame state: baseline IR values, in the order compiled code stores them.
    pub state: Box<[u32]>,
    /// In an OSR function, the loop header (IR block) it is entered at: a deopt withdraws it,
    /// so that the interpreter finishes the loop rather than enter it again (each entry would
    /// nest one more native frame).
    pub osr: Option<u32>,
}

/// A failed guard (`forced` = 1 when the deopt-every-N stress switch failed it): `buf` holds the
/// frame state's values, owned, in `site.state` order; the interpreter resumes the function
/// with them and its result (or pending exception) is the call's.
pub unsafe extern "C-unwind" fn rt_deopt(
    ctx: *mut Ctx,
    site: *const crate::jit::deopt::DeoptSite,
    buf: *mut TypedValue,
    forced: u32,
) -> TypedValue {
    // SAFETY: helper contract; `site` outlives the code and `buf` holds `state.len()` values.
    let (c, site) = unsafe { (&mut *ctx, &*site) };
    let vals: Vec<TypedValue> = (0..site.state.len())
        // SAFETY: see above.
        .map(|k| unsafe { *buf.add(k) })
        .collect();
    let r = (|| {
        let prog = program(c)?;
        let bc = &prog.funcs[site.func as usize];
        let counters = &prog.counters.funcs[site.func as usize];
        jsvm_profiler::counters::bump(&counters.deopts);
        if forced == 0 && site.code.deopt(counters.guard_failed(site.value)) {
            if let Some(retire) = prog.on_retire.get() {
                retire(site.func);
            }
        }
        if let Some(header) = site.osr {
            prog.withdraw_osr(site.func, header);
        }
        let pc = match site.resume {
            Resume::Start => 0,
            Resume::Before(i) => bc.inst_pc[i.index()],
        };
        let slots: Vec<(u32, TypedValue)> = site
            .state
            .iter()
            .zip(&vals)
            .map(|(&v, &tv)| (bc.slots[v as usize], tv))
            .collect();
        with_vm(c, |vm, ctx| vm.resume(ctx, site.func, pc, &slots))
    })();
    done(ctx, r)
}

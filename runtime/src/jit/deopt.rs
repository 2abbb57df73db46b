//! Deoptimization: a failed guard in compiled code hands its frame to the interpreter, which
//! resumes the baseline bytecode mid-function and finishes the call.

use super::done;
use super::objects::{program, with_vm};
use crate::ctx::Ctx;
use crate::value::TypedValue;
use jsvm_ir::Resume;

/// Failures of one guard after which its function is sent back to the interpreter and
/// recompiled without that speculation (DESIGN.md).
pub const GUARD_FAILURE_LIMIT: u64 = 10;

/// One guard of compiled code (owned by the compiler, alive as long as the code).
#[derive(Debug)]
pub struct DeoptSite {
    /// The function (`FuncId` index).
    pub func: u32,
    /// The guarded IR value.
    pub value: u32,
    /// Where the interpreter resumes.
    pub resume: Resume,
    /// The frame state: baseline IR values, in the order compiled code stores them.
    pub state: Box<[u32]>,
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
        if forced == 0 && counters.guard_failed(site.value) == GUARD_FAILURE_LIMIT {
            if let Some(retire) = prog.on_retire.get() {
                retire(site.func);
            }
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

//! Guards of optimized IR: a tag test whose failure path (cold) stores the frame state into a
//! buffer and returns what `rt_deopt` — the interpreter finishing the call — returns.

use super::{Lower, Repr, Val};
use crate::error::CompileError;
use crate::loader::helpers::Helper;
use inkwell::IntPredicate;
use jsvm_ir::{Imm, Inst};
use jsvm_runtime::jit::deopt::DeoptSite;

impl<'ctx> Lower<'ctx, '_> {
    /// `guard T, v, state...` (IR opcode `guard`).
    pub(crate) fn type_guard(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let Imm::Guard(ty, resume) = d.imm else {
            unreachable!("guard immediate")
        };
        let v = self.val(d.args[0])?;
        let tag = match Repr::of(ty) {
            Repr::Bool => 2u8,
            Repr::Int => 3,
            Repr::Float => 4,
            Repr::Boxed => return Err(self.unsupported(format!("guard on {ty}"))),
        };
        let Val::Boxed(_, t) = v else {
            // Already unboxed: the static type proves the guard.
            return self.set(inst, v);
        };
        let mut fail = self
            .b
            .build_int_compare(IntPredicate::NE, t, self.i8c(tag), "guard")?;
        if self.env.deopt_every > 0 {
            fail = self.countdown(fail)?;
        }
        let cont = self.enter_cold(fail, self.func, "deopt")?;
        let forced = if self.env.deopt_every > 0 {
            // Failed on purpose when the tag matched.
            let same = self
                .b
                .build_int_compare(IntPredicate::EQ, t, self.i8c(tag), "")?;
            self.b.build_int_z_extend(same, self.t.i32, "")?
        } else {
            self.i32c(0)
        };
        self.deopt_exit(&d.args[1..], d.args[0].0, resume, forced)?;
        self.b.position_at_end(cont);
        self.set(inst, v)
    }

    /// Under the stress switch: also fail when the request's countdown reaches 0 (then reset it).
    fn countdown(
        &mut self,
        fail: inkwell::values::IntValue<'ctx>,
    ) -> Result<inkwell::values::IntValue<'ctx>, CompileError> {
        let off = self.i64c(jsvm_runtime::jit::DEOPT_COUNTDOWN_OFFSET as i64);
        // SAFETY: the offset is inside `Ctx` (offset_of!).
        let p = unsafe {
            self.b
                .build_gep(self.t.i8, self.ctxp, &[off], "countdown")?
        };
        let n = self.b.build_load(self.t.i64, p, "")?.into_int_value();
        let zero = self
            .b
            .build_int_compare(IntPredicate::EQ, n, self.i64c(0), "")?;
        let dec = self.b.build_int_sub(n, self.i64c(1), "")?;
        let reset = self.i64c(i64::from(self.env.deopt_every) - 1);
        let next = self.b.build_select(zero, reset, dec, "")?;
        self.b.build_store(p, next)?;
        Ok(self.b.build_or(fail, zero, "")?)
    }

    /// The failure path: box the frame state into a buffer, call `rt_deopt`, return its result.
    fn deopt_exit(
        &mut self,
        state: &[jsvm_ir::Value],
        guarded: u32,
        resume: jsvm_ir::Resume,
        forced: inkwell::values::IntValue<'ctx>,
    ) -> Result<(), CompileError> {
        let code = self.side.code.get_or_insert_with(Default::default).clone();
        // Some of an OSR function's values stand for baseline values.
        let baseline = |v: u32| self.osr_baseline.get(&v).copied().unwrap_or(v);
        let site = Box::new(DeoptSite {
            func: self.fid.0,
            code,
            value: baseline(guarded),
            resume,
            state: state.iter().map(|v| baseline(v.0)).collect(),
            osr: self.osr_header,
        });
        let site_p = self.addr(&*site as *const DeoptSite as usize)?;
        self.side.deopts.push(site);
        let buf = if state.is_empty() {
            self.t.ptr.const_null()
        } else {
            let at = self.t.tv.array_type(state.len() as u32);
            let buf = self.b.build_alloca(at, "frame_state")?;
            let vals: Vec<Val<'ctx>> = state
                .iter()
                .map(|&v| self.val(v))
                .collect::<Result<_, _>>()?;
            self.store_boxed(buf, &vals)?;
            buf
        };
        let r = self
            .call_helper(
                Helper::Deopt,
                &[self.ctxp.into(), site_p.into(), buf.into(), forced.into()],
            )?
            .expect("deopt result");
        let r = self.unpair(r)?;
        let ret = self.sig.ret;
        let r = self.coerce(r, ret.ty(), ret)?;
        let r = self.to_abi(r)?;
        self.b.build_return(Some(&r))?;
        Ok(())
    }
}

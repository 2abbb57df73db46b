//! Calls: runtime helpers, Hack functions (typed entry through the typed-entry table, direct for
//! self-recursion, the interpreter when the callee has no code or a check fails), builtins, and
//! each function's generic entry.

use super::{Lower, Repr, Val};
use crate::error::CompileError;
use crate::loader::helpers::{Helper, Shape};
use inkwell::module::Linkage;
use inkwell::types::{BasicMetadataTypeEnum, FunctionType};
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, IntValue, PointerValue};
use inkwell::IntPredicate;
use jsvm_ir::{Imm, Inst, Type, VerifyKind};

/// Calls a `call_method` site must have made (in the profile) before it calls a method directly.
pub const DEVIRT_MIN_CALLS: u64 = 10;
/// Share of a site's calls its direct targets (at most [`DEVIRT_MAX_TARGETS`]) need together.
pub const DEVIRT_MIN_SHARE: f64 = 0.8;
/// Methods a `call_method` site calls directly at most, the most called first: a site whose
/// receivers are of a few classes (an abstract method's implementations) tests each target's
/// classes in turn.
pub const DEVIRT_MAX_TARGETS: usize = 4;

impl<'ctx> Lower<'ctx, '_> {
    fn helper_type(&self, s: Shape) -> FunctionType<'ctx> {
        let t = &self.t;
        let (p, i64, i32) = (t.ptr.into(), t.i64.into(), t.i32.into());
        let params: Vec<BasicMetadataTypeEnum> = match s {
            Shape::Bin => vec![p, i64, i64, i64, i64],
            Shape::Un | Shape::UnVoid => vec![p, i64, i64],
            Shape::IntVoid => vec![p, i64],
            Shape::PtrN => vec![p, p, i32],
            Shape::IsType => vec![i64, i64, i32],
            Shape::PtrTv => vec![p, p, i64, i64],
            Shape::Ptr => vec![p, p],
            Shape::DropArgs => vec![p, i32],
            Shape::TvVoid => vec![i64, i64],
            Shape::Call => vec![p, i32, p, i32],
            Shape::Ctx => vec![p],
            Shape::PtrBin => vec![p, p, i64, i64, i64, i64],
            Shape::SiteArgs => vec![p, p, p, i32],
            Shape::IsClass => vec![i64, i64, i32, i32],
            Shape::PtrTvInt => vec![p, i64, i64],
            Shape::Libc => unreachable!("libc functions are never declared by lowering"),
        };
        match s {
            Shape::UnVoid | Shape::IntVoid | Shape::DropArgs | Shape::TvVoid => {
                self.cx.void_type().fn_type(&params, false)
            }
            Shape::IsType | Shape::IsClass => t.i32.fn_type(&params, false),
            Shape::PtrTvInt => t.i64.fn_type(&params, false),
            _ => t.pair.fn_type(&params, false),
        }
    }

    /// Call helper `h` (declared on first use); returns its result, if any.
    pub(crate) fn call_helper(
        &mut self,
        h: Helper,
        args: &[BasicMetadataValueEnum<'ctx>],
    ) -> Result<Option<BasicValueEnum<'ctx>>, CompileError> {
        let f = match self.m.get_function(h.symbol()) {
            Some(f) => f,
            None => {
                let ty = self.helper_type(h.shape());
                self.m.add_function(h.symbol(), ty, Some(Linkage::External))
            }
        };
        Ok(self.b.build_call(f, args, "")?.try_as_basic_value().basic())
    }

    /// Store `vals` (boxed) into the scratch argument array; returns its address.
    pub(crate) fn store_args(
        &mut self,
        vals: &[jsvm_ir::Value],
    ) -> Result<PointerValue<'ctx>, CompileError> {
        let boxed: Vec<Val<'ctx>> = vals
            .iter()
            .map(|&v| self.val(v))
            .collect::<Result<_, _>>()?;
        self.store_vals(&boxed)
    }

    pub(crate) fn store_vals(
        &mut self,
        vals: &[Val<'ctx>],
    ) -> Result<PointerValue<'ctx>, CompileError> {
        if vals.is_empty() {
            // Helpers never read an empty argument list.
            return Ok(self.t.ptr.const_null());
        }
        let buf = self
            .argbuf
            .ok_or_else(|| self.unsupported("argument buffer"))?;
        self.store_boxed(buf, vals)?;
        Ok(buf)
    }

    /// Box `vals` into the `TypedValue` array at `buf` (which holds at least `vals.len()`).
    pub(crate) fn store_boxed(
        &mut self,
        buf: PointerValue<'ctx>,
        vals: &[Val<'ctx>],
    ) -> Result<(), CompileError> {
        for (i, &v) in vals.iter().enumerate() {
            let (p, t) = self.boxed(v)?;
            let idx = self.i64c(i as i64);
            // SAFETY: `i` < the array length (the caller sized it for `vals`).
            let slot = unsafe { self.b.build_in_bounds_gep(self.t.tv, buf, &[idx], "")? };
            let pp = self.b.build_struct_gep(self.t.tv, slot, 0, "")?;
            self.b.build_store(pp, p)?;
            let tp = self.b.build_struct_gep(self.t.tv, slot, 1, "")?;
            self.b.build_store(tp, t)?;
        }
        Ok(())
    }

    /// The typed call of `callee` with `args` (the IR values `vals`): when its typed entry takes
    /// them and is published, the call, its result (in the representation of `res`, the IR
    /// result) pushed to `incoming` and a branch to `merge`; otherwise, known now or found at
    /// run time (a tag or the published entry), a branch to `slow`.
    fn typed_call(
        &mut self,
        callee: jsvm_ir::FuncId,
        args: &[Val<'ctx>],
        vals: &[jsvm_ir::Value],
        res: jsvm_ir::Value,
        (slow, merge): (
            inkwell::basic_block::BasicBlock<'ctx>,
            inkwell::basic_block::BasicBlock<'ctx>,
        ),
        incoming: &mut Vec<(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)>,
    ) -> Result<(), CompileError> {
        let rrepr = Repr::of(self.ty(res));
        let n = args.len();
        // A `<<__Memoize>>` callee's body is only ever called through the VM's result cache
        // (the slow path), never directly.
        let fast_sig = match &self.env.sigs[callee.index()] {
            _ if self.env.module.func(callee).attrs.memoize => None,
            // (A variadic callee's arguments are packed by its generic entry, on the slow path.)
            Ok(sig) if !sig.variadic && n >= sig.required as usize && n <= sig.params.len() => {
                Some(sig.clone())
            }
            _ => None,
        };
        if let Some(sig) = fast_sig {
            let mut conds: Vec<IntValue<'ctx>> = Vec::new();
            let mut targs: Vec<BasicMetadataValueEnum<'ctx>> = vec![self.ctxp.into()];
            let mut possible = true;
            for (i, &r) in sig.params.iter().enumerate() {
                let v = if i < n {
                    args[i]
                } else {
                    Val::Boxed(self.i64c(0), self.i8c(0))
                };
                match (r, v) {
                    (Repr::Boxed, v) => {
                        let (p, t) = self.boxed(v)?;
                        targs.push(p.into());
                        targs.push(t.into());
                    }
                    (r, v) if v.repr() == r => targs.push(self.to_abi(v)?.into()),
                    (r, Val::Boxed(p, t)) if self.ty(vals[i]).maybe(r.ty()) => {
                        let tag = r.tag().expect("unboxed tag");
                        conds.push(self.b.build_int_compare(
                            IntPredicate::EQ,
                            t,
                            self.i8c(tag),
                            "",
                        )?);
                        let u = match r {
                            Repr::Int => Val::Int(p),
                            Repr::Float => Val::Float(
                                self.b.build_bit_cast(p, self.t.f64, "")?.into_float_value(),
                            ),
                            _ => Val::Bool(self.b.build_int_compare(
                                IntPredicate::NE,
                                p,
                                self.i64c(0),
                                "",
                            )?),
                        };
                        targs.push(self.to_abi(u)?.into());
                    }
                    _ => possible = false,
                }
            }
            if possible {
                let fty = self.t.typed_fn(&sig);
                let target = if callee == self.fid && self.osr_header.is_none() {
                    None
                } else {
                    let tbl = self.addr(self.env.typed_table)?;
                    let idx = self.i64c(callee.index() as i64);
                    // SAFETY: the table has one slot per function of the module.
                    let slot = unsafe {
                        self.b
                            .build_in_bounds_gep(self.t.i64, tbl, &[idx], "slot")?
                    };
                    let fp = self
                        .shared_load(self.t.ptr, slot, "callee")?
                        .into_pointer_value();
                    conds.push(self.b.build_is_not_null(fp, "")?);
                    Some(fp)
                };
                let fast = self.cx.append_basic_block(self.func, "call_fast");
                let mut cond: Option<IntValue<'ctx>> = None;
                for c in conds {
                    cond = Some(match cond {
                        None => c,
                        Some(a) => self.b.build_and(a, c, "")?,
                    });
                }
                match cond {
                    Some(c) => {
                        let not = self.b.build_not(c, "")?;
                        self.br_cold(not, slow)?;
                        self.b.build_unconditional_branch(fast)?;
                    }
                    None => {
                        self.b.build_unconditional_branch(fast)?;
                    }
                }
                self.b.position_at_end(fast);
                let call = match target {
                    None => self.b.build_call(self.func, &targs, "")?,
                    Some(fp) => self.b.build_indirect_call(fty, fp, &targs, "")?,
                };
                let r = call.try_as_basic_value().basic().expect("typed result");
                let v = self.abi_to_val(r, sig.ret)?;
                let v = self.coerce(v, self.ty(res), rrepr)?;
                incoming.push((v, self.b.get_insert_block().expect("block")));
                self.b.build_unconditional_branch(merge)?;
            } else {
                self.b.build_unconditional_branch(slow)?;
            }
        } else {
            self.b.build_unconditional_branch(slow)?;
        }
        Ok(())
    }

    /// `call_method "name" recv, args...`: a typed call of the receiver's method when it is
    /// known, else `rt_call_method` (lookup through the site's cache, and every error). Known
    /// are: the method every class below the receiver's IR class has
    /// ([`super::Classes::unique_method`]); else, with a profile whose call targets show this
    /// site calling at most [`DEVIRT_MAX_TARGETS`] methods in [`DEVIRT_MIN_SHARE`] of at least
    /// [`DEVIRT_MIN_CALLS`] calls, the one of those that is the receiver's class's (each
    /// target's classes are a bit set of class ids, fixed at compile time; the most called is
    /// tested first). No guard: the checks pick the path, so a site the profile got wrong only
    /// runs the helper; so does a typed call that cannot be made.
    pub(crate) fn call_method(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let Imm::Name(n) = &d.imm else { unreachable!() };
        let name = n.to_ascii_lowercase();
        let site = self.site_info(jsvm_runtime::jit::SiteInfo::method(n))?;
        let rty = self.ty(d.args[0]);
        let fixed = rty
            .class
            .and_then(|(c, _)| self.env.classes.unique_method(c.0, &name));
        let targets = match fixed {
            Some(_) => Vec::new(),
            None => self.direct_methods(inst, &name),
        };
        if fixed.is_none() && targets.is_empty() {
            return self.site_args_helper(Helper::CallMethod, inst, site);
        }
        let (res, rrepr, args) = self.call_parts(&d)?;
        let merge = self.cx.append_basic_block(self.func, "method_done");
        let slow = self.cx.append_basic_block(self.func, "method_slow");
        let mut incoming: Vec<(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)> = Vec::new();
        let (p, t) = self.boxed(args[0])?;
        if !rty.is(jsvm_ir::Type::OBJ) {
            self.guard_obj(t, slow)?;
        }
        if let Some(method) = fixed {
            let method = jsvm_ir::FuncId(method);
            self.typed_call(method, &args, &d.args, res, (slow, merge), &mut incoming)?;
        } else {
            let id = self.class_id(p)?;
            for (method, classes) in targets {
                let (below, has) = self.class_in_set(id, classes)?;
                let hit = self.b.build_and(below, has, "")?;
                let direct = self.cx.append_basic_block(self.func, "method_direct");
                let next = self.cx.append_basic_block(self.func, "method_next");
                self.b.build_conditional_branch(hit, direct, next)?;
                self.b.position_at_end(direct);
                self.typed_call(method, &args, &d.args, res, (slow, merge), &mut incoming)?;
                self.b.position_at_end(next);
            }
            self.b.build_unconditional_branch(slow)?;
        }

        // Any other receiver, or no typed call: the helper, through the site's cache.
        self.b.position_at_end(slow);
        let v = self.site_call(Helper::CallMethod, site, &args)?;
        self.join_call(v, (res, rrepr), merge, incoming)?;
        self.check_pending()
    }

    /// The methods a `call_method "name"` site calls by the profile, most called first, each
    /// with the ids (as a bit set, ids below 64) of the classes whose method `name` it is: the
    /// fewest (at most [`DEVIRT_MAX_TARGETS`]) that make [`DEVIRT_MIN_SHARE`] of the site's
    /// calls. Empty when there are none such, or a class id is 64 or more.
    fn direct_methods(&self, inst: Inst, name: &str) -> Vec<(jsvm_ir::FuncId, u64)> {
        let Some((fp, at)) = self
            .env
            .speculation
            .and_then(|p| self.inst_profile_in(p, inst))
        else {
            return Vec::new();
        };
        let Some(targets) = fp.targets.get(&at) else {
            return Vec::new();
        };
        // The site's calls: its count when the profile has one (the profiler keeps the first
        // few callees of a site; calls of the others count there only).
        let recorded: u64 = targets.values().sum();
        let total = recorded.max(fp.calls.get(&at).copied().unwrap_or(0));
        if total < DEVIRT_MIN_CALLS {
            return Vec::new();
        }
        // By count, then by name (a fixed order for ties).
        let mut ranked: Vec<(&String, u64)> = targets.iter().map(|(f, &n)| (f, n)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut chosen = Vec::new();
        let mut calls = 0u64;
        for (callee, n) in ranked.into_iter().take(DEVIRT_MAX_TARGETS) {
            let Some(f) = self.env.module.func_by_name(callee) else {
                return Vec::new();
            };
            let mut classes = 0u64;
            for id in 0..self.env.classes.table.classes.len() {
                if self.env.classes.method_of(id as u32, name) == Some(f.0) {
                    if id >= 64 {
                        return Vec::new();
                    }
                    classes |= 1 << id;
                }
            }
            if classes == 0 {
                return Vec::new();
            }
            chosen.push((f, classes));
            calls += n;
            if calls as f64 >= DEVIRT_MIN_SHARE * total as f64 {
                return chosen;
            }
        }
        Vec::new()
    }

    /// The end of a call's last path: its result `v` joins the others (`incoming`) at `merge`,
    /// whose phi becomes the value of `res` (in representation `rrepr`).
    fn join_call(
        &mut self,
        v: Val<'ctx>,
        (res, rrepr): (jsvm_ir::Value, Repr),
        merge: inkwell::basic_block::BasicBlock<'ctx>,
        mut incoming: Vec<(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)>,
    ) -> Result<(), CompileError> {
        let v = self.coerce(v, self.ty(res), rrepr)?;
        incoming.push((v, self.b.get_insert_block().expect("block")));
        self.b.build_unconditional_branch(merge)?;
        self.b.position_at_end(merge);
        let v = self.merge_phi(rrepr, &incoming)?;
        self.vals[res.index()] = Some(v);
        Ok(())
    }

    /// The result of call instruction `d`, its representation, and the call's operands.
    fn call_parts(
        &mut self,
        d: &jsvm_ir::InstData,
    ) -> Result<(jsvm_ir::Value, Repr, Vec<Val<'ctx>>), CompileError> {
        let res = d.result.expect("call result");
        let args = d
            .args
            .iter()
            .map(|&v| self.val(v))
            .collect::<Result<_, _>>()?;
        Ok((res, Repr::of(self.ty(res)), args))
    }

    /// `call fnN args`.
    pub(crate) fn call_user(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let Imm::Func(callee) = d.imm else {
            unreachable!()
        };
        let (res, rrepr, args) = self.call_parts(&d)?;
        let n = args.len();
        let merge = self.cx.append_basic_block(self.func, "call_done");
        let slow = self.cx.append_basic_block(self.func, "call_slow");
        let mut incoming: Vec<(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)> = Vec::new();
        self.typed_call(callee, &args, &d.args, res, (slow, merge), &mut incoming)?;

        // Slow path: the interpreter runs the callee (and raises any arity or type error).
        self.b.position_at_end(slow);
        let buf = if n > 0 {
            self.store_vals(&args)?
        } else {
            self.t.ptr.const_null()
        };
        let r = self
            .call_helper(
                Helper::CallInterp,
                &[
                    self.ctxp.into(),
                    self.i32c(callee.0).into(),
                    buf.into(),
                    self.i32c(n as u32).into(),
                ],
            )?
            .expect("result");
        let v = self.unpair(r)?;
        // A nothrow callee raises nothing on the typed path; the interpreter path may still
        // raise an arity or type error.
        let nothrow = self
            .env
            .nothrow
            .get(callee.index())
            .copied()
            .unwrap_or(false);
        if nothrow {
            self.check_pending()?;
        }
        self.join_call(v, (res, rrepr), merge, incoming)?;
        if nothrow {
            Ok(())
        } else {
            self.check_pending()
        }
    }

    pub(crate) fn merge_phi(
        &mut self,
        r: Repr,
        incoming: &[(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)],
    ) -> Result<Val<'ctx>, CompileError> {
        Ok(match r {
            Repr::Boxed => {
                let pp = self.b.build_phi(self.t.i64, "")?;
                let pt = self.b.build_phi(self.t.i8, "")?;
                for (v, bb) in incoming {
                    let Val::Boxed(p, t) = v else {
                        unreachable!("coerced")
                    };
                    pp.add_incoming(&[(p, *bb)]);
                    pt.add_incoming(&[(t, *bb)]);
                }
                Val::Boxed(
                    pp.as_basic_value().into_int_value(),
                    pt.as_basic_value().into_int_value(),
                )
            }
            Repr::Float => {
                let ph = self.b.build_phi(self.t.f64, "")?;
                for (v, bb) in incoming {
                    let Val::Float(x) = v else {
                        unreachable!("coerced")
                    };
                    ph.add_incoming(&[(x, *bb)]);
                }
                Val::Float(ph.as_basic_value().into_float_value())
            }
            Repr::Int | Repr::Bool => {
                let ph = self.b.build_phi(
                    if r == Repr::Int {
                        self.t.i64
                    } else {
                        self.t.i1
                    },
                    "",
                )?;
                for (v, bb) in incoming {
                    let (Val::Int(x) | Val::Bool(x)) = v else {
                        unreachable!("coerced")
                    };
                    ph.add_incoming(&[(x, *bb)]);
                }
                let x = ph.as_basic_value().into_int_value();
                if r == Repr::Int {
                    Val::Int(x)
                } else {
                    Val::Bool(x)
                }
            }
        })
    }

    /// `call_builtin name args` (arguments borrowed).
    pub(crate) fn call_builtin(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let Imm::Name(name) = &d.imm else {
            unreachable!()
        };
        let v = if d.args.len() == 2 && name.eq_ignore_ascii_case("call_user_func_array") {
            let (a, b) = (self.val(d.args[0])?, self.val(d.args[1])?);
            let (ap, at) = self.boxed(a)?;
            let (bp, bt) = self.boxed(b)?;
            let at = self.b.build_int_z_extend(at, self.t.i64, "")?;
            let bt = self.b.build_int_z_extend(bt, self.t.i64, "")?;
            let args = [self.ctxp.into(), ap.into(), at.into(), bp.into(), bt.into()];
            self.throwing(Helper::CallArray, &args)?
        } else if d.args.len() == 1
            && name.eq_ignore_ascii_case("strlen")
            && self.ty(d.args[0]).is(Type::STR)
        {
            // `strlen` of a string: its length field (the argument is borrowed).
            let Val::Boxed(p, _) = self.val(d.args[0])? else {
                unreachable!("a string is boxed")
            };
            Val::Int(self.load_u32(p, jsvm_runtime::string::STR_LEN_OFFSET)?)
        } else if let Some(cb) = jsvm_runtime::array::lookup_callback(name) {
            let idx = jsvm_runtime::array::callback_builtins()
                .iter()
                .position(|x| std::ptr::eq(x, cb))
                .expect("registered") as u32;
            let site = self.site(name, "", idx)?;
            let buf = self.store_args(&d.args)?;
            let n = self.i32c(d.args.len() as u32);
            let args = [self.ctxp.into(), site.into(), buf.into(), n.into()];
            self.throwing(Helper::CallCallback, &args)?
        } else {
            let Some(idx) = jsvm_runtime::interp::builtin_index(name) else {
                return Err(self.unsupported(format!("undefined function {name}")));
            };
            return self.func_args_helper(Helper::CallBuiltin, inst, idx, true);
        };
        self.set(inst, v)
    }

    fn clear_pending(&self) -> Result<(), CompileError> {
        let off = self.i64c(jsvm_runtime::jit::PENDING_OFFSET as i64);
        // SAFETY: the offset is inside `Ctx` (offset_of!).
        let p = unsafe { self.b.build_gep(self.t.i8, self.ctxp, &[off], "pending")? };
        self.b.build_store(p, self.i8c(0))?;
        Ok(())
    }

    fn ret_uninit(&self) -> Result<(), CompileError> {
        let u = self.pair(self.i64c(0), self.i8c(0))?;
        self.b.build_return(Some(&u))?;
        Ok(())
    }

    /// In the generic entry `g`: unless `ok`, parameter `user`'s TypeError for `v` against the
    /// hint of type `t` written `text`, the arguments dropped and a branch to `bail`.
    fn param_check(
        &mut self,
        ok: IntValue<'ctx>,
        v: Val<'ctx>,
        (user, t, text): (u32, Type, &str),
        (g, args, argc, bail): (
            inkwell::values::FunctionValue<'ctx>,
            PointerValue<'ctx>,
            IntValue<'ctx>,
            inkwell::basic_block::BasicBlock<'ctx>,
        ),
    ) -> Result<(), CompileError> {
        let bad = self.b.build_not(ok, "")?;
        let cont = self.enter_cold(bad, g, "param_check")?;
        let func = self.source_name(None);
        self.verify_fail_call(v, (VerifyKind::Param(user), func), (t, text))?;
        // The arguments were moved in: they go after the error has read this one.
        self.call_helper(Helper::DropArgs, &[args.into(), argc.into()])?;
        self.b.build_unconditional_branch(bail)?;
        self.b.position_at_end(cont);
        Ok(())
    }

    /// The check of parameter `i` (hidden ones counted) in the entry block: its user parameter
    /// number, the type and the hint's text.
    fn entry_param_check(&self, i: usize) -> Option<(u32, Type, Box<str>)> {
        let entry = self.f.entry();
        let v = *self.f.dfg.block_params(entry).get(i)?;
        self.f.layout.block_insts(entry).iter().find_map(|&ins| {
            let d = &self.f.dfg.insts[ins.index()];
            match &d.imm {
                Imm::Verify(VerifyKind::Param(u), t, text)
                    if d.op == jsvm_ir::Opcode::VerifyType && d.args.first() == Some(&v) =>
                {
                    Some((*u, *t, text.clone()))
                }
                _ => None,
            }
        })
    }

    /// The generic entry `(ctx, args, argc) -> TypedValue`: arity, defaults (missing arguments
    /// are `Uninit`), extra arguments dropped, unboxed parameters checked and unboxed, then the
    /// typed entry; a pending exception clears `jit_pending` (the caller is not compiled code).
    pub(crate) fn generic_entry(&mut self) -> Result<(), CompileError> {
        let t = &self.t;
        let gty = t
            .pair
            .fn_type(&[t.ptr.into(), t.ptr.into(), t.i32.into()], false);
        let g = self
            .m
            .add_function(&super::generic_symbol(self.f), gty, Some(Linkage::External));
        self.set_attrs(g);
        let typed = self.func;
        // Lower helpers position relative to `self.func`; switch it for the entry's blocks.
        self.func = g;
        self.ctxp = g.get_nth_param(0).expect("ctx").into_pointer_value();
        let args = g.get_nth_param(1).expect("args").into_pointer_value();
        let argc = g.get_nth_param(2).expect("argc").into_int_value();
        let entry = self.cx.append_basic_block(g, "entry");
        self.b.position_at_end(entry);
        let sig = self.sig.clone();
        let np = sig.params.len() as u32;
        let bail = self.cx.append_basic_block(g, "bail");
        if sig.required > 0 {
            let few =
                self.b
                    .build_int_compare(IntPredicate::ULT, argc, self.i32c(sig.required), "")?;
            let cont = self.enter_cold(few, g, "too_few")?;
            let info = Box::new(jsvm_runtime::jit::ArityInfo {
                func: self.f.name.clone(),
                required: sig.required - sig.hidden,
                nparams: np - sig.hidden,
                variadic: sig.variadic,
                hidden: sig.hidden,
            });
            let ip = self.addr(&*info as *const _ as usize)?;
            self.side.arity.push(info);
            // The arguments were moved in: they go before the error.
            self.call_helper(Helper::DropArgs, &[args.into(), argc.into()])?;
            self.call_helper(
                Helper::TooFewArgs,
                &[self.ctxp.into(), ip.into(), argc.into()],
            )?;
            self.b.build_unconditional_branch(bail)?;
            self.b.position_at_end(cont);
        }
        // Extra arguments are dropped (they were moved in), unless a variadic parameter takes
        // them (below, after every check that drops all the arguments).
        if !sig.variadic {
            let extra = self
                .b
                .build_int_compare(IntPredicate::UGT, argc, self.i32c(np), "")?;
            let drop = self.cx.append_basic_block(g, "drop_extra");
            let after = self.cx.append_basic_block(g, "args");
            self.b.build_conditional_branch(extra, drop, after)?;
            self.b.position_at_end(drop);
            let idx = self.i64c(np as i64);
            // SAFETY: argc > np, so `args + np` is inside the argument array.
            let rest = unsafe { self.b.build_in_bounds_gep(self.t.tv, args, &[idx], "")? };
            let cnt = self.b.build_int_sub(argc, self.i32c(np), "")?;
            self.call_helper(Helper::DropArgs, &[rest.into(), cnt.into()])?;
            self.b.build_unconditional_branch(after)?;
            self.b.position_at_end(after);
        }

        let mut targs: Vec<BasicMetadataValueEnum<'ctx>> = vec![self.ctxp.into()];
        for (i, &r) in sig.params.iter().enumerate() {
            let load = |l: &Self| -> Result<(IntValue<'ctx>, IntValue<'ctx>), CompileError> {
                let idx = l.i64c(i as i64);
                // SAFETY: only reached when i < argc.
                let slot = unsafe { l.b.build_in_bounds_gep(l.t.tv, args, &[idx], "")? };
                let pp = l.b.build_struct_gep(l.t.tv, slot, 0, "")?;
                let tp = l.b.build_struct_gep(l.t.tv, slot, 1, "")?;
                Ok((
                    l.b.build_load(l.t.i64, pp, "")?.into_int_value(),
                    l.b.build_load(l.t.i8, tp, "")?.into_int_value(),
                ))
            };
            let (p, tag) = if sig.variadic && i as u32 == np - 1 {
                // The arguments from here on (none when argc < np) move into one vec.
                let vi = self.i32c(np - 1);
                let more = self.b.build_int_compare(IntPredicate::UGT, argc, vi, "")?;
                let cnt = self.b.build_int_sub(argc, vi, "")?;
                let cnt = self.b.build_select(more, cnt, self.i32c(0), "")?;
                let idx = self.i64c(i as i64);
                // SAFETY: only read for the `cnt` arguments past `i`, which exist.
                let rest = unsafe { self.b.build_gep(self.t.tv, args, &[idx], "")? };
                let v =
                    self.pure_helper(Helper::NewVec, &[self.ctxp.into(), rest.into(), cnt.into()])?;
                self.boxed(v)?
            } else if (i as u32) < sig.required {
                load(self)?
            } else {
                // Optional: Uninit when missing.
                let has =
                    self.b
                        .build_int_compare(IntPredicate::UGT, argc, self.i32c(i as u32), "")?;
                let yes = self.cx.append_basic_block(g, "arg");
                let join = self.cx.append_basic_block(g, "arg_join");
                let from = self.b.get_insert_block().expect("block");
                self.b.build_conditional_branch(has, yes, join)?;
                self.b.position_at_end(yes);
                let (p, tag) = load(self)?;
                self.b.build_unconditional_branch(join)?;
                self.b.position_at_end(join);
                let pp = self.b.build_phi(self.t.i64, "")?;
                pp.add_incoming(&[(&p, yes), (&self.i64c(0), from)]);
                let pt = self.b.build_phi(self.t.i8, "")?;
                pt.add_incoming(&[(&tag, yes), (&self.i8c(0), from)]);
                (
                    pp.as_basic_value().into_int_value(),
                    pt.as_basic_value().into_int_value(),
                )
            };
            if r == Repr::Boxed {
                // A boxed parameter is checked in the body, after the unboxed ones checked
                // here; HHVM checks them left to right, so one that comes before an unboxed
                // parameter is checked here too (and again in the body), and a TypeError names
                // the first failing parameter. (Direct callers that pass the unboxed ones
                // unboxed checked their tags: the body's checks then come first.)
                let before_unboxed = sig.params[i + 1..].iter().any(|&r| r != Repr::Boxed);
                let check = if before_unboxed && (i as u32) < sig.required {
                    self.entry_param_check(i)
                } else {
                    None
                };
                if let Some((u, t, text)) = check {
                    let ok = self.type_test(Val::Boxed(p, tag), Type::CELL, t)?;
                    self.param_check(ok, Val::Boxed(p, tag), (u, t, &text), (g, args, argc, bail))?;
                }
                targs.push(p.into());
                targs.push(tag.into());
                continue;
            }
            // A typed parameter: the check the typed entry skips.
            let check = sig.verified[i].expect("typed parameter has a check");
            let (t, text) = match &self.f.dfg.insts[check as usize].imm {
                Imm::Verify(_, t, text) => (*t, text.clone()),
                _ => unreachable!("verify_type immediate"),
            };
            let ok = self.b.build_int_compare(
                IntPredicate::EQ,
                tag,
                self.i8c(r.tag().expect("tag")),
                "",
            )?;
            let user = i as u32 - sig.hidden;
            self.param_check(
                ok,
                Val::Boxed(p, tag),
                (user, t, &text),
                (g, args, argc, bail),
            )?;
            let u = match r {
                Repr::Int => Val::Int(p),
                Repr::Float => {
                    Val::Float(self.b.build_bit_cast(p, self.t.f64, "")?.into_float_value())
                }
                _ => Val::Bool(
                    self.b
                        .build_int_compare(IntPredicate::NE, p, self.i64c(0), "")?,
                ),
            };
            targs.push(self.to_abi(u)?.into());
        }
        let r = self
            .b
            .build_call(typed, &targs, "")?
            .try_as_basic_value()
            .basic()
            .expect("result");
        let flag = self.pending_flag()?;
        self.br_cold(flag, bail)?;
        let v = self.abi_to_val(r, sig.ret)?;
        let (p, tag) = self.boxed(v)?;
        let out = self.pair(p, tag)?;
        self.b.build_return(Some(&out))?;
        self.b.position_at_end(bail);
        self.clear_pending()?;
        self.ret_uninit()?;
        self.func = typed;
        Ok(())
    }
}

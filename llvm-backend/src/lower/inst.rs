//! Lowering of each IR instruction: unboxed fast paths where the IR types prove them, runtime
//! helpers (the interpreter's semantic reference) everywhere else.

use super::{Lower, Repr, Val};
use crate::error::CompileError;
use crate::loader::helpers::Helper;
use inkwell::values::IntValue;
use inkwell::{FloatPredicate, IntPredicate};
use jsvm_ir::{Imm, Inst, Opcode as O, Type};
use jsvm_runtime::string::Str;
use jsvm_runtime::value::Tag;

impl<'ctx> Lower<'ctx, '_> {
    pub(crate) fn set(&mut self, inst: Inst, v: Val<'ctx>) -> Result<(), CompileError> {
        let d = &self.f.dfg.insts[inst.index()];
        if let Some(r) = d.result {
            let v = self.coerce(v, self.ty(r), Repr::of(self.ty(r)))?;
            self.vals[r.index()] = Some(v);
        }
        Ok(())
    }

    /// A helper returning a `TypedValue` that may raise; the result is boxed.
    pub(crate) fn throwing(
        &mut self,
        h: Helper,
        args: &[inkwell::values::BasicMetadataValueEnum<'ctx>],
    ) -> Result<Val<'ctx>, CompileError> {
        let r = self.call_helper(h, args)?.expect("helper result");
        let v = self.unpair(r)?;
        self.check_pending()?;
        Ok(v)
    }

    /// A pure helper returning a `TypedValue`.
    pub(crate) fn pure_helper(
        &mut self,
        h: Helper,
        args: &[inkwell::values::BasicMetadataValueEnum<'ctx>],
    ) -> Result<Val<'ctx>, CompileError> {
        let r = self.call_helper(h, args)?.expect("helper result");
        self.unpair(r)
    }

    /// `ctx, a, b` with both operands boxed, as the binary helpers take them.
    fn bin_args(
        &self,
        a: Val<'ctx>,
        b: Val<'ctx>,
    ) -> Result<Vec<inkwell::values::BasicMetadataValueEnum<'ctx>>, CompileError> {
        let (ap, at) = self.boxed(a)?;
        let (bp, bt) = self.boxed(b)?;
        let at = self.b.build_int_z_extend(at, self.t.i64, "")?;
        let bt = self.b.build_int_z_extend(bt, self.t.i64, "")?;
        Ok(vec![
            self.ctxp.into(),
            ap.into(),
            at.into(),
            bp.into(),
            bt.into(),
        ])
    }

    fn un_args(
        &self,
        a: Val<'ctx>,
    ) -> Result<Vec<inkwell::values::BasicMetadataValueEnum<'ctx>>, CompileError> {
        let (ap, at) = self.boxed(a)?;
        let at = self.b.build_int_z_extend(at, self.t.i64, "")?;
        Ok(vec![self.ctxp.into(), ap.into(), at.into()])
    }

    /// Numeric operands as doubles when both are unboxed numbers and at least one is a float.
    fn float_pair(
        &self,
        a: Val<'ctx>,
        b: Val<'ctx>,
    ) -> Result<
        Option<(
            inkwell::values::FloatValue<'ctx>,
            inkwell::values::FloatValue<'ctx>,
        )>,
        CompileError,
    > {
        let f = |v: Val<'ctx>| -> Result<Option<inkwell::values::FloatValue<'ctx>>, CompileError> {
            Ok(match v {
                Val::Float(x) => Some(x),
                Val::Int(i) => Some(self.b.build_signed_int_to_float(i, self.t.f64, "")?),
                _ => None,
            })
        };
        if !matches!(
            (a, b),
            (Val::Float(_), Val::Float(_))
                | (Val::Float(_), Val::Int(_))
                | (Val::Int(_), Val::Float(_))
        ) {
            return Ok(None);
        }
        Ok(match (f(a)?, f(b)?) {
            (Some(x), Some(y)) => Some((x, y)),
            _ => None,
        })
    }

    fn bin_helper(op: O) -> Helper {
        match op {
            O::Add => Helper::Add,
            O::Sub => Helper::Sub,
            O::Mul => Helper::Mul,
            O::Div => Helper::Div,
            O::Mod => Helper::Mod,
            O::Pow => Helper::Pow,
            O::BitAnd => Helper::BitAnd,
            O::BitOr => Helper::BitOr,
            O::BitXor => Helper::BitXor,
            O::Shl => Helper::Shl,
            O::Shr => Helper::Shr,
            O::Concat => Helper::Concat,
            O::Cmp => Helper::Cmp,
            O::Eq => Helper::Eq,
            O::Neq => Helper::Neq,
            O::Same => Helper::Same,
            O::NSame => Helper::NSame,
            O::Lt => Helper::Lt,
            O::Le => Helper::Le,
            O::Gt => Helper::Gt,
            _ => Helper::Ge,
        }
    }

    /// Lower one instruction (terminators included). A throwing instruction with [normal, catch]
    /// destinations sends a raised exception to a landing block that materializes it
    /// (`rt_catch`) and enters the catch destination with it.
    pub(crate) fn inst(&mut self, inst: Inst) -> Result<(), CompileError> {
        self.cur = Some(inst);
        let d = self.f.dfg.insts[inst.index()].clone();
        if d.op.is_terminator() || d.dests.is_empty() {
            return self.inst_body(inst);
        }
        if d.dests.len() != 2 {
            return Err(self.unsupported("an instruction with one destination"));
        }
        let landing = self.cx.append_basic_block(self.func, "catch");
        self.catch = Some(landing);
        let r = self.inst_body(inst);
        self.catch = None;
        r?;
        let e = self.edge(&d.dests[0], 0)?;
        self.b.build_unconditional_branch(e)?;
        self.b.position_at_end(landing);
        let r = self
            .call_helper(Helper::Catch, &[self.ctxp.into()])?
            .expect("exception");
        let exn = self.unpair(r)?;
        self.check_pending()?;
        let ce = self.catch_edge(&d.dests[1], exn)?;
        self.b.build_unconditional_branch(ce)?;
        Ok(())
    }

    /// A site record for a helper (names and an inline cache), alive as long as the code.
    pub(crate) fn site(
        &mut self,
        name: &str,
        class: &str,
        id: u32,
    ) -> Result<inkwell::values::PointerValue<'ctx>, CompileError> {
        self.site_info(jsvm_runtime::jit::SiteInfo::new(name, class, id))
    }

    /// [`Self::site`] for a record built by the caller.
    pub(crate) fn site_info(
        &mut self,
        s: jsvm_runtime::jit::SiteInfo,
    ) -> Result<inkwell::values::PointerValue<'ctx>, CompileError> {
        let s = Box::new(s);
        let p = self.addr(&*s as *const _ as usize)?;
        self.side.sites.push(s);
        Ok(p)
    }

    /// `Uninit` (an absent class source).
    fn uninit(&self) -> Val<'ctx> {
        Val::Boxed(self.i64c(0), self.i8c(0))
    }

    /// Boxed `(payload, tag as i64)` arguments for a helper.
    fn tv_args(
        &self,
        v: Val<'ctx>,
    ) -> Result<[inkwell::values::BasicMetadataValueEnum<'ctx>; 2], CompileError> {
        let (p, t) = self.boxed(v)?;
        let t = self.b.build_int_z_extend(t, self.t.i64, "")?;
        Ok([p.into(), t.into()])
    }

    /// A helper taking `(ctx, args, n)` over the instruction's operands.
    fn args_helper(&mut self, h: Helper, inst: Inst, throws: bool) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let buf = self.store_args(&d.args)?;
        let n = self.i32c(d.args.len() as u32);
        let a = [self.ctxp.into(), buf.into(), n.into()];
        let r = if throws {
            self.throwing(h, &a)?
        } else {
            self.pure_helper(h, &a)?
        };
        self.set(inst, r)
    }

    /// A helper taking `(ctx, site, args, n)` over the instruction's operands.
    pub(crate) fn site_args_helper(
        &mut self,
        h: Helper,
        inst: Inst,
        site: inkwell::values::PointerValue<'ctx>,
    ) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let args = d
            .args
            .iter()
            .map(|&v| self.val(v))
            .collect::<Result<Vec<_>, _>>()?;
        let r = self.site_call(h, site, &args)?;
        self.check_pending()?;
        self.set(inst, r)
    }

    /// Helper `h` called with `(ctx, site, args, n)`, its result unboxed; no pending test.
    pub(crate) fn site_call(
        &mut self,
        h: Helper,
        site: inkwell::values::PointerValue<'ctx>,
        args: &[Val<'ctx>],
    ) -> Result<Val<'ctx>, CompileError> {
        let buf = self.store_vals(args)?;
        let n = self.i32c(args.len() as u32);
        let r = self
            .call_helper(h, &[self.ctxp.into(), site.into(), buf.into(), n.into()])?
            .expect("helper result");
        self.unpair(r)
    }

    /// A helper taking `(ctx, func, args, n)` over the instruction's operands.
    pub(crate) fn func_args_helper(
        &mut self,
        h: Helper,
        inst: Inst,
        func: u32,
        throws: bool,
    ) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let buf = self.store_args(&d.args)?;
        let n = self.i32c(d.args.len() as u32);
        let a = [
            self.ctxp.into(),
            self.i32c(func).into(),
            buf.into(),
            n.into(),
        ];
        let r = if throws {
            self.throwing(h, &a)?
        } else {
            self.pure_helper(h, &a)?
        };
        self.set(inst, r)
    }

    /// The instruction itself.
    fn inst_body(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let arg = |l: &Self, i: usize| l.val(d.args[i]);
        match d.op {
            O::ConstNull => self.set(inst, Val::Boxed(self.i64c(0), self.i8c(1))),
            O::ConstUninit => self.set(inst, Val::Boxed(self.i64c(0), self.i8c(0))),
            O::ConstBool => {
                let Imm::Bool(v) = d.imm else { unreachable!() };
                self.set(inst, Val::Bool(self.t.i1.const_int(v as u64, false)))
            }
            O::ConstInt => {
                let Imm::Int(v) = d.imm else { unreachable!() };
                self.set(inst, Val::Int(self.i64c(v)))
            }
            O::ConstFloat => {
                let Imm::Float(v) = d.imm else { unreachable!() };
                self.set(inst, Val::Float(self.t.f64.const_float(v)))
            }
            O::ConstStr => {
                let Imm::Str(s) = &d.imm else { unreachable!() };
                let p = self.addr_int(Str::intern(s) as usize)?;
                self.set(inst, Val::Boxed(p, self.i8c(5)))
            }
            O::GetConst => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                // A user constant with a computed initializer: the VM's cache, filled on first use.
                if let Some(idx) = self.env.module.consts.iter().position(|c| *c.name == **n) {
                    let site = self.site(n, "", idx as u32)?;
                    let r = self.throwing(Helper::GetConst, &[self.ctxp.into(), site.into()])?;
                    return self.set(inst, r);
                }
                match jsvm_runtime::builtins::constant(n) {
                    Some(v) if !v.is_counted() => self.set(
                        inst,
                        Val::Boxed(self.i64c(v.payload as i64), self.i8c(v.tag as u8)),
                    ),
                    // A static counted value: its payload is an address of this process.
                    Some(v) if v.is_static() => {
                        let p = self.addr_int(v.payload as usize)?;
                        self.set(inst, Val::Boxed(p, self.i8c(v.tag as u8)))
                    }
                    Some(_) => Err(self.unsupported("counted builtin constant")),
                    None => {
                        self.static_error(
                            jsvm_runtime::error::ExnClass::Error,
                            format!("Undefined constant '{n}'"),
                        )?;
                        self.set(inst, self.dummy(Repr::Boxed))
                    }
                }
            }
            O::Add | O::Sub | O::Mul => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let r = match (a, b) {
                    (Val::Int(x), Val::Int(y)) => Val::Int(match d.op {
                        O::Add => self.b.build_int_add(x, y, "")?,
                        O::Sub => self.b.build_int_sub(x, y, "")?,
                        _ => self.b.build_int_mul(x, y, "")?,
                    }),
                    _ => match self.float_pair(a, b)? {
                        Some((x, y)) => Val::Float(match d.op {
                            O::Add => self.b.build_float_add(x, y, "")?,
                            O::Sub => self.b.build_float_sub(x, y, "")?,
                            _ => self.b.build_float_mul(x, y, "")?,
                        }),
                        None if self.both_may_be_ints(&d) => {
                            let op = d.op;
                            self.int_fast_path(
                                inst,
                                a,
                                b,
                                |l, x, y| {
                                    Ok(Val::Int(match op {
                                        O::Add => l.b.build_int_add(x, y, "")?,
                                        O::Sub => l.b.build_int_sub(x, y, "")?,
                                        _ => l.b.build_int_mul(x, y, "")?,
                                    }))
                                },
                                |l| {
                                    let args = l.bin_args(a, b)?;
                                    l.throwing(Self::bin_helper(op), &args)
                                },
                            )?
                        }
                        None => {
                            let args = self.bin_args(a, b)?;
                            self.throwing(Self::bin_helper(d.op), &args)?
                        }
                    },
                };
                self.set(inst, r)
            }
            O::Div => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let r = match self.float_pair(a, b)? {
                    Some((x, y)) => {
                        // Division by ±0 raises through the helper (cold).
                        let zero = self.b.build_float_compare(
                            FloatPredicate::OEQ,
                            y,
                            self.t.f64.const_float(0.0),
                            "",
                        )?;
                        let cont = self.enter_cold(zero, self.func, "div0")?;
                        let args = self.bin_args(a, b)?;
                        self.call_helper(Helper::Div, &args)?;
                        let exit = self.throw_target()?;
                        self.b.build_unconditional_branch(exit)?;
                        self.b.position_at_end(cont);
                        Val::Float(self.b.build_float_div(x, y, "")?)
                    }
                    None => {
                        let args = self.bin_args(a, b)?;
                        self.throwing(Helper::Div, &args)?
                    }
                };
                self.set(inst, r)
            }
            O::Mod => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let r = match (a, b) {
                    (Val::Int(x), Val::Int(y)) => Val::Int(self.int_mod(a, b, x, y)?),
                    _ => {
                        let args = self.bin_args(a, b)?;
                        self.throwing(Helper::Mod, &args)?
                    }
                };
                self.set(inst, r)
            }
            O::BitAnd | O::BitOr | O::BitXor | O::Shl | O::Shr => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let r = match (a, b) {
                    (Val::Int(x), Val::Int(y)) => Val::Int(match d.op {
                        O::BitAnd => self.b.build_and(x, y, "")?,
                        O::BitOr => self.b.build_or(x, y, "")?,
                        O::BitXor => self.b.build_xor(x, y, "")?,
                        O::Shl => {
                            let c = self.b.build_and(y, self.i64c(63), "")?;
                            self.b.build_left_shift(x, c, "")?
                        }
                        _ => {
                            let c = self.b.build_and(y, self.i64c(63), "")?;
                            self.b.build_right_shift(x, c, true, "")?
                        }
                    }),
                    _ => {
                        let args = self.bin_args(a, b)?;
                        self.throwing(Self::bin_helper(d.op), &args)?
                    }
                };
                self.set(inst, r)
            }
            O::Pow | O::Concat => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let args = self.bin_args(a, b)?;
                let r = self.throwing(Self::bin_helper(d.op), &args)?;
                self.set(inst, r)
            }
            O::Cmp => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let r = match (a, b) {
                    (Val::Int(x), Val::Int(y)) => {
                        let lt = self.b.build_int_compare(IntPredicate::SLT, x, y, "")?;
                        let gt = self.b.build_int_compare(IntPredicate::SGT, x, y, "")?;
                        let g = self
                            .b
                            .build_select(gt, self.i64c(1), self.i64c(0), "")?
                            .into_int_value();
                        Val::Int(
                            self.b
                                .build_select(lt, self.i64c(-1), g, "")?
                                .into_int_value(),
                        )
                    }
                    _ => {
                        let args = self.bin_args(a, b)?;
                        self.throwing(Helper::Cmp, &args)?
                    }
                };
                self.set(inst, r)
            }
            // `x === null`, `x !== null`: a compare of `x`'s tag (uninit counts as null).
            O::Same | O::NSame
                if self.ty(d.args[0]).is(Type::NULL) || self.ty(d.args[1]).is(Type::NULL) =>
            {
                let x = if self.ty(d.args[0]).is(Type::NULL) {
                    arg(self, 1)?
                } else {
                    arg(self, 0)?
                };
                let same = match x {
                    Val::Boxed(_, tag) => {
                        let null = self.i8c(Tag::Null as u8);
                        self.b.build_int_compare(IntPredicate::ULE, tag, null, "")?
                    }
                    _ => self.t.i1.const_int(0, false),
                };
                let r = if d.op == O::NSame {
                    self.b.build_not(same, "")?
                } else {
                    same
                };
                self.set(inst, Val::Bool(r))
            }
            O::Eq | O::Neq | O::Same | O::NSame | O::Lt | O::Le | O::Gt | O::Ge => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let boxed = matches!(a, Val::Boxed(..)) || matches!(b, Val::Boxed(..));
                let r = if boxed && self.both_may_be_ints(&d) {
                    let op = d.op;
                    self.int_fast_path(
                        inst,
                        a,
                        b,
                        |l, x, y| l.compare(op, Val::Int(x), Val::Int(y)),
                        |l| l.compare(op, a, b),
                    )?
                } else {
                    self.compare(d.op, a, b)?
                };
                self.set(inst, r)
            }
            O::Incr | O::Decr => {
                let a = arg(self, 0)?;
                let r = self.incr_decr(inst, d.op, self.ty(d.args[0]), a)?;
                self.set(inst, r)
            }
            O::Neg
            | O::Plus
            | O::BitNot
            | O::CastInt
            | O::CastFloat
            | O::CastStr
            | O::ToBool
            | O::Not => {
                let a = arg(self, 0)?;
                let r = self.unary(d.op, a)?;
                self.set(inst, r)
            }
            O::Launder => {
                let a = arg(self, 0)?;
                self.set(inst, a)
            }
            O::Guard => self.type_guard(inst),
            O::ConcatN => {
                let buf = self.store_args(&d.args)?;
                let n = self.i32c(d.args.len() as u32);
                let r =
                    self.throwing(Helper::ConcatN, &[self.ctxp.into(), buf.into(), n.into()])?;
                self.set(inst, r)
            }
            O::IsType => {
                let Imm::Type(t) = d.imm else { unreachable!() };
                let a = arg(self, 0)?;
                let c = self.type_test(a, self.ty(d.args[0]), t)?;
                self.set(inst, Val::Bool(c))
            }
            O::VerifyType => {
                let Imm::Verify(kind, t, text) = &d.imm else {
                    unreachable!()
                };
                let a = arg(self, 0)?;
                let name = self.source_name(Some(inst));
                self.verify(a, self.ty(d.args[0]), (*kind, name), *t, text)?;
                self.set(inst, a)
            }
            O::Echo => {
                let a = arg(self, 0)?;
                match a {
                    Val::Int(i) => {
                        self.call_helper(Helper::EchoInt, &[self.ctxp.into(), i.into()])?;
                    }
                    _ => {
                        let args = self.un_args(a)?;
                        self.call_helper(Helper::Echo, &args)?;
                        // An object's `__toString()` may raise (a closure always does).
                        if self.to_string_may_raise(d.args[0]) {
                            self.check_pending()?;
                        }
                    }
                }
                Ok(())
            }
            O::IncRef => {
                let a = arg(self, 0)?;
                if self.ty(d.args[0]).maybe(Type::COUNTED) {
                    self.incref(a)?;
                }
                Ok(())
            }
            O::DecRef => {
                let a = arg(self, 0)?;
                if self.ty(d.args[0]).maybe(Type::COUNTED) {
                    self.decref(a)?;
                }
                Ok(())
            }
            O::Call => self.call_user(inst),
            O::CallBuiltin => self.call_builtin(inst),
            O::Jump => {
                let e = self.edge(&d.dests[0], 0)?;
                self.b.build_unconditional_branch(e)?;
                Ok(())
            }
            O::Branch => {
                let c = arg(self, 0)?;
                let c = self.truthy_bool(c)?;
                let t = self.edge(&d.dests[0], 0)?;
                let e = self.edge(&d.dests[1], 0)?;
                let br = self.b.build_conditional_branch(c, t, e)?;
                let weights = self
                    .inst_profile(inst)
                    .and_then(|(p, at)| jsvm_opt::layout::branch_weights(p, at));
                if let Some((taken, not_taken)) = weights {
                    let md = self.cx.metadata_node(&[
                        self.cx.metadata_string("branch_weights").into(),
                        self.i32c(taken).into(),
                        self.i32c(not_taken).into(),
                    ]);
                    br.set_metadata(md, self.cx.get_kind_id("prof"))
                        .map_err(|e| CompileError::Llvm(e.to_string()))?;
                }
                Ok(())
            }
            O::Switch | O::SwitchStr => {
                let mut targets = Vec::new();
                for bc in &d.dests {
                    targets.push(self.edge(bc, 0)?);
                }
                let default = *targets.last().expect("default");
                // The front end switches only on a value it tested to be an int (`switch`) or
                // a string (`switch_str`); one the types say is another scalar is in a block
                // that never runs.
                let (v, keys): (IntValue<'ctx>, Vec<i64>) = match (&d.imm, arg(self, 0)?) {
                    (Imm::Switch(cases), Val::Int(i) | Val::Boxed(i, _)) => (i, cases.to_vec()),
                    (Imm::Switch(cases), Val::Bool(c)) => (
                        self.b.build_int_z_extend(c, self.t.i64, "")?,
                        cases.to_vec(),
                    ),
                    // A string's label number in the table, or -1.
                    (Imm::SwitchStr(labels), Val::Boxed(p, tag)) => {
                        let table = Box::new(jsvm_runtime::switch::StrSwitch::new(labels));
                        let tp = self.addr(&*table as *const _ as usize)?;
                        self.side.str_switches.push(table);
                        let tag = self.b.build_int_z_extend(tag, self.t.i64, "")?;
                        let n = self
                            .call_helper(Helper::SwitchStr, &[tp.into(), p.into(), tag.into()])?
                            .expect("switch_str result")
                            .into_int_value();
                        (n, (0..labels.len() as i64).collect())
                    }
                    _ => {
                        self.b.build_unconditional_branch(default)?;
                        return Ok(());
                    }
                };
                let cases: Vec<(IntValue<'ctx>, _)> = keys
                    .iter()
                    .zip(&targets)
                    .map(|(&k, &t)| (self.i64c(k), t))
                    .collect();
                self.b.build_switch(v, default, &cases)?;
                Ok(())
            }
            O::Return => {
                let a = arg(self, 0)?;
                let v = self.coerce(a, self.ty(d.args[0]), self.sig.ret)?;
                let v = self.to_abi(v)?;
                self.b.build_return(Some(&v))?;
                Ok(())
            }
            O::Throw | O::Exit => {
                let a = arg(self, 0)?;
                let args = self.un_args(a)?;
                let h = if d.op == O::Throw {
                    Helper::Throw
                } else {
                    Helper::Exit
                };
                self.call_helper(h, &args)?;
                let exit = self.throw_target()?;
                self.b.build_unconditional_branch(exit)?;
                Ok(())
            }
            O::Unreachable => {
                self.call_helper(Helper::Unreachable, &[self.ctxp.into()])?;
                let exit = self.throw_target()?;
                self.b.build_unconditional_branch(exit)?;
                Ok(())
            }
            O::NewVec => self.args_helper(Helper::NewVec, inst, false),
            O::NewDict => self.args_helper(Helper::NewDict, inst, true),
            O::NewKeyset => self.args_helper(Helper::NewKeyset, inst, true),
            O::IndexSet
                if matches!(arg(self, 1)?, Val::Int(_)) && self.ty(d.args[0]).maybe(Type::VEC) =>
            {
                self.vec_set(inst)
            }
            O::IndexSet => self.args_helper(Helper::IndexSet, inst, true),
            O::SetPath
                if d.imm == Imm::Int(0)
                    && d.args.len() >= 3
                    && self.ty(d.args[0]).maybe(Type::VEC)
                    && d.args[1..d.args.len() - 1]
                        .iter()
                        .all(|&k| matches!(self.val(k), Ok(Val::Int(_)))) =>
            {
                self.vec_set_path(inst)
            }
            O::SetPath => {
                let Imm::Int(app) = d.imm else { unreachable!() };
                let h = if app != 0 {
                    Helper::SetPathAppend
                } else {
                    Helper::SetPath
                };
                self.args_helper(h, inst, true)
            }
            O::ConcatPath => self.args_helper(Helper::ConcatPath, inst, true),
            O::CallValue => self.args_helper(Helper::CallValue, inst, true),
            O::IndexGet if matches!(arg(self, 1)?, Val::Int(_)) => self.vec_get(inst),
            O::Append if self.ty(d.args[0]).maybe(Type::VEC) => self.vec_append(inst),
            O::Append | O::IndexGet | O::IndexUnset | O::ConcatTo => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let h = match d.op {
                    O::Append => Helper::Append,
                    O::IndexGet => Helper::IndexGet,
                    O::IndexUnset => Helper::IndexUnset,
                    _ => Helper::ConcatTo,
                };
                let args = self.bin_args(a, b)?;
                let objects = d.args.iter().any(|&v| self.to_string_may_raise(v));
                let r = if d.op == O::ConcatTo && !objects {
                    self.pure_helper(h, &args)?
                } else {
                    self.throwing(h, &args)?
                };
                self.set(inst, r)
            }
            O::IterNext | O::IterDone | O::IterValue
                if matches!(arg(self, 1)?, Val::Int(_)) && self.ty(d.args[0]).maybe(Type::VEC) =>
            {
                self.vec_iter(inst)
            }
            O::IterNext | O::IterDone | O::IterValue | O::IterKey
                if matches!(arg(self, 1)?, Val::Int(_)) && self.ty(d.args[0]).maybe(Type::DICT) =>
            {
                self.dict_iter(inst)
            }
            O::Count if self.ty(d.args[0]).maybe(Type::VEC) => self.vec_count(inst),
            O::IndexGetQuiet
            | O::IndexIsset
            | O::IterNext
            | O::IterDone
            | O::IterKey
            | O::IterValue => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                let h = match d.op {
                    O::IndexGetQuiet => Helper::IndexGetQuiet,
                    O::IndexIsset => Helper::IndexIsset,
                    O::IterNext => Helper::IterNext,
                    O::IterDone => Helper::IterDone,
                    O::IterKey => Helper::IterKey,
                    _ => Helper::IterValue,
                };
                let args = self.bin_args(a, b)?;
                let r = self.pure_helper(h, &args)?;
                self.set(inst, r)
            }
            O::Count | O::IterFirst => {
                let a = arg(self, 0)?;
                let h = if d.op == O::Count {
                    Helper::Count
                } else {
                    Helper::IterFirst
                };
                let args = self.un_args(a)?;
                let r = self.throwing(h, &args)?;
                self.set(inst, r)
            }
            O::NewObj => {
                let Imm::Class(c) = &d.imm else {
                    unreachable!()
                };
                let src = match d.args.first() {
                    Some(&v) if &**c == "static" => self.val(v)?,
                    _ => self.uninit(),
                };
                let cls = if &**c == "static" && d.args.is_empty() {
                    return Err(self.unsupported("new static without a class source"));
                } else {
                    c.to_string()
                };
                let site = self.site("", &cls, 0)?;
                let [p, t] = self.tv_args(src)?;
                let r = self.throwing(Helper::NewObj, &[self.ctxp.into(), site.into(), p, t])?;
                self.set(inst, r)
            }
            O::GetProp => self.get_prop(inst),
            O::GetPropQuiet => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let site = self.site(n, "", 0)?;
                let [p, t] = self.tv_args(arg(self, 0)?)?;
                let args = [self.ctxp.into(), site.into(), p, t];
                let r = self.pure_helper(Helper::GetPropQuiet, &args)?;
                self.set(inst, r)
            }
            O::SetProp => self.set_prop(inst),
            O::TakeProp => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let site = self.site(n, "", 0)?;
                self.site_args_helper(Helper::TakeProp, inst, site)
            }
            O::TakeStatic => {
                let Imm::Member(c, n) = &d.imm else {
                    unreachable!()
                };
                // The class source (uninit unless `static::`), then the write to check.
                let mut ops = d
                    .args
                    .iter()
                    .map(|&v| self.val(v))
                    .collect::<Result<Vec<_>, _>>()?;
                if &**c != "static" {
                    ops.insert(0, self.uninit());
                }
                let site = self.site(n, c, 0)?;
                let r = self.site_call(Helper::TakeStatic, site, &ops)?;
                self.check_pending()?;
                self.set(inst, r)
            }
            O::GetStatic | O::ClassConst => {
                let Imm::Member(c, n) = &d.imm else {
                    unreachable!()
                };
                let src = match d.args.first() {
                    Some(&v) if &**c == "static" => self.val(v)?,
                    _ if &**c == "static" => {
                        return Err(self.unsupported("static:: without a class source"))
                    }
                    _ => self.uninit(),
                };
                let site = self.site(n, c, 0)?;
                let [p, t] = self.tv_args(src)?;
                let h = if d.op == O::GetStatic {
                    Helper::GetStatic
                } else {
                    Helper::ClassConst
                };
                let r = self.throwing(h, &[self.ctxp.into(), site.into(), p, t])?;
                self.set(inst, r)
            }
            O::SetStatic => {
                let Imm::Member(c, n) = &d.imm else {
                    unreachable!()
                };
                let v = arg(self, 0)?;
                let src = match d.args.get(1) {
                    Some(&s) => self.val(s)?,
                    None if &**c == "static" => {
                        return Err(self.unsupported("static:: without a class source"))
                    }
                    None => self.uninit(),
                };
                let site = self.site(n, c, 0)?;
                let [vp, vt] = self.tv_args(v)?;
                let [sp, st] = self.tv_args(src)?;
                self.throwing(
                    Helper::SetStatic,
                    &[self.ctxp.into(), site.into(), vp, vt, sp, st],
                )?;
                Ok(())
            }
            O::CallMethod => self.call_method(inst),
            O::CallStatic => {
                let Imm::Member(c, n) = &d.imm else {
                    unreachable!()
                };
                if d.args.is_empty() {
                    return Err(self.unsupported("call_static without a class source"));
                }
                let site = self.site(n, c, 0)?;
                self.site_args_helper(Helper::CallStatic, inst, site)
            }
            O::CallSpread => {
                let Imm::Func(fid) = d.imm else {
                    unreachable!()
                };
                self.func_args_helper(Helper::CallSpread, inst, fid.0, true)
            }
            O::MakeClosure => {
                let Imm::Func(fid) = d.imm else {
                    unreachable!()
                };
                self.func_args_helper(Helper::MakeClosure, inst, fid.0, false)
            }
        }
    }

    /// `x % y` on ints: by 0 raises through the helper; by -1 is 0; else `srem`.
    fn int_mod(
        &mut self,
        a: Val<'ctx>,
        b: Val<'ctx>,
        x: IntValue<'ctx>,
        y: IntValue<'ctx>,
    ) -> Result<IntValue<'ctx>, CompileError> {
        let zero = self
            .b
            .build_int_compare(IntPredicate::EQ, y, self.i64c(0), "")?;
        let cont = self.enter_cold(zero, self.func, "mod0")?;
        let args = self.bin_args(a, b)?;
        self.call_helper(Helper::Mod, &args)?;
        let exit = self.throw_target()?;
        self.b.build_unconditional_branch(exit)?;
        self.b.position_at_end(cont);
        let m1 = self
            .b
            .build_int_compare(IntPredicate::EQ, y, self.i64c(-1), "")?;
        // srem with a divisor of 1 where the real divisor is -1: x % 1 == 0 == x % -1.
        let safe = self
            .b
            .build_select(m1, self.i64c(1), y, "")?
            .into_int_value();
        Ok(self.b.build_int_signed_rem(x, safe, "")?)
    }

    /// Whether both operands of `d` may be ints and neither is known to be one only: then a
    /// boxed operand is worth a run-time check for an int.
    fn both_may_be_ints(&self, d: &jsvm_ir::InstData) -> bool {
        let (ta, tb) = (self.ty(d.args[0]), self.ty(d.args[1]));
        ta.maybe(Type::INT) && tb.maybe(Type::INT) && !(ta.is(Type::INT) && tb.is(Type::INT))
    }

    /// The result of binary `inst` on `a` and `b`, of which one at least is boxed and both may
    /// be ints: `int` computes it inline when both are ints at run time, else `slow` (the
    /// helper). Both paths meet in the representation of `inst`'s result.
    fn int_fast_path(
        &mut self,
        inst: Inst,
        a: Val<'ctx>,
        b: Val<'ctx>,
        int: impl FnOnce(&mut Self, IntValue<'ctx>, IntValue<'ctx>) -> Result<Val<'ctx>, CompileError>,
        slow: impl FnOnce(&mut Self) -> Result<Val<'ctx>, CompileError>,
    ) -> Result<Val<'ctx>, CompileError> {
        let r = self.f.dfg.insts[inst.index()].result.expect("a result");
        let (ty, repr) = (self.ty(r), Repr::of(self.ty(r)));
        let slow_bb = self.cx.append_basic_block(self.func, "int_slow");
        let merge = self.cx.append_basic_block(self.func, "int_done");
        let mut ints = [self.i64c(0); 2];
        for (i, v) in [a, b].into_iter().enumerate() {
            ints[i] = match v {
                Val::Int(x) => x,
                Val::Boxed(p, t) => {
                    let tag = self.i8c(Tag::Int as u8);
                    let int = self.b.build_int_compare(IntPredicate::EQ, t, tag, "")?;
                    self.guard(int, slow_bb)?;
                    p
                }
                _ => unreachable!("only ints and boxed values may be ints"),
            };
        }
        let [x, y] = ints;
        let v = int(self, x, y)?;
        let v = self.coerce(v, ty, repr)?;
        let mut incoming = vec![(v, self.b.get_insert_block().expect("block"))];
        self.b.build_unconditional_branch(merge)?;
        self.b.position_at_end(slow_bb);
        let v = slow(self)?;
        let v = self.coerce(v, ty, repr)?;
        incoming.push((v, self.b.get_insert_block().expect("block")));
        self.b.build_unconditional_branch(merge)?;
        self.b.position_at_end(merge);
        self.merge_phi(repr, &incoming)
    }

    fn compare(&mut self, op: O, a: Val<'ctx>, b: Val<'ctx>) -> Result<Val<'ctx>, CompileError> {
        let ip = match op {
            O::Eq | O::Same => IntPredicate::EQ,
            O::Neq | O::NSame => IntPredicate::NE,
            O::Lt => IntPredicate::SLT,
            O::Le => IntPredicate::SLE,
            O::Gt => IntPredicate::SGT,
            _ => IntPredicate::SGE,
        };
        let fp = match op {
            O::Eq | O::Same => FloatPredicate::OEQ,
            O::Neq | O::NSame => FloatPredicate::UNE,
            O::Lt => FloatPredicate::OLT,
            O::Le => FloatPredicate::OLE,
            O::Gt => FloatPredicate::OGT,
            _ => FloatPredicate::OGE,
        };
        let strict = matches!(op, O::Same | O::NSame);
        let eqish = matches!(op, O::Eq | O::Neq | O::Same | O::NSame);
        Ok(match (a, b) {
            (Val::Int(x), Val::Int(y)) => Val::Bool(self.b.build_int_compare(ip, x, y, "")?),
            (Val::Float(x), Val::Float(y)) => Val::Bool(self.b.build_float_compare(fp, x, y, "")?),
            (Val::Bool(x), Val::Bool(y)) if eqish => {
                Val::Bool(self.b.build_int_compare(ip, x, y, "")?)
            }
            (
                Val::Int(_) | Val::Float(_) | Val::Bool(_),
                Val::Int(_) | Val::Float(_) | Val::Bool(_),
            ) if strict => {
                // Different unboxed kinds are never identical.
                Val::Bool(self.t.i1.const_int((op == O::NSame) as u64, false))
            }
            _ if strict => {
                let args = self.bin_args(a, b)?;
                self.pure_helper(Self::bin_helper(op), &args)?
            }
            _ => {
                let args = self.bin_args(a, b)?;
                self.throwing(Self::bin_helper(op), &args)?
            }
        })
    }

    /// `++` (`op` is `incr`) or `--` of `a`, whose type is `ty`, for `inst`: inline on ints and
    /// floats, with a run-time int check on a boxed value that may be an int, else the helper.
    fn incr_decr(
        &mut self,
        inst: Inst,
        op: O,
        ty: Type,
        a: Val<'ctx>,
    ) -> Result<Val<'ctx>, CompileError> {
        let dec = op == O::Decr;
        let helper = if dec { Helper::Decr } else { Helper::Incr };
        let int_step = |l: &mut Self, x: IntValue<'ctx>| -> Result<Val<'ctx>, CompileError> {
            let one = l.i64c(1);
            Ok(Val::Int(if dec {
                l.b.build_int_sub(x, one, "")?
            } else {
                l.b.build_int_add(x, one, "")?
            }))
        };
        Ok(match a {
            Val::Int(x) => int_step(self, x)?,
            Val::Float(x) => {
                let one = self.t.f64.const_float(1.0);
                Val::Float(if dec {
                    self.b.build_float_sub(x, one, "")?
                } else {
                    self.b.build_float_add(x, one, "")?
                })
            }
            Val::Boxed(..) if ty.maybe(Type::INT) => {
                let zero = Val::Int(self.i64c(0));
                self.int_fast_path(
                    inst,
                    a,
                    zero,
                    |l, x, _| int_step(l, x),
                    |l| {
                        let args = l.un_args(a)?;
                        l.throwing(helper, &args)
                    },
                )?
            }
            _ => {
                let args = self.un_args(a)?;
                self.throwing(helper, &args)?
            }
        })
    }

    fn unary(&mut self, op: O, a: Val<'ctx>) -> Result<Val<'ctx>, CompileError> {
        let helper = match op {
            O::Neg => Helper::Neg,
            O::Plus => Helper::Plus,
            O::BitNot => Helper::BitNot,
            O::CastInt => Helper::CastInt,
            O::CastFloat => Helper::CastFloat,
            O::CastStr => Helper::CastStr,
            O::ToBool => Helper::ToBool,
            _ => Helper::Not,
        };
        Ok(match (op, a) {
            (O::Neg, Val::Int(x)) => Val::Int(self.b.build_int_sub(self.i64c(0), x, "")?),
            (O::Neg, Val::Float(x)) => Val::Float(self.b.build_float_neg(x, "")?),
            (O::Plus, Val::Int(_) | Val::Float(_)) => a,
            (O::BitNot, Val::Int(x)) => Val::Int(self.b.build_not(x, "")?),
            (O::CastInt, Val::Int(_)) => a,
            (O::CastInt, Val::Bool(c)) => Val::Int(self.b.build_int_z_extend(c, self.t.i64, "")?),
            (O::CastFloat, Val::Float(_)) => a,
            (O::CastFloat, Val::Int(x)) => {
                Val::Float(self.b.build_signed_int_to_float(x, self.t.f64, "")?)
            }
            (O::CastFloat, Val::Bool(c)) => {
                Val::Float(self.b.build_unsigned_int_to_float(c, self.t.f64, "")?)
            }
            (O::ToBool | O::Not, Val::Bool(_) | Val::Int(_) | Val::Float(_)) => {
                let c = self.truthy_bool(a)?;
                Val::Bool(if op == O::Not {
                    self.b.build_not(c, "")?
                } else {
                    c
                })
            }
            (O::ToBool | O::Not, _) => {
                let args = self.un_args(a)?;
                self.pure_helper(helper, &args)?
            }
            _ => {
                let args = self.un_args(a)?;
                self.throwing(helper, &args)?
            }
        })
    }

    /// Truthiness of an unboxed value; a boxed operand of a branch is a bool by the IR's typing
    /// (the interpreter reads its payload too).
    fn truthy_bool(&self, v: Val<'ctx>) -> Result<IntValue<'ctx>, CompileError> {
        Ok(match v {
            Val::Bool(c) => c,
            Val::Int(i) => self
                .b
                .build_int_compare(IntPredicate::NE, i, self.i64c(0), "")?,
            Val::Float(x) => self.b.build_float_compare(
                FloatPredicate::UNE,
                x,
                self.t.f64.const_float(0.0),
                "",
            )?,
            Val::Boxed(p, _) => self
                .b
                .build_int_compare(IntPredicate::NE, p, self.i64c(0), "")?,
        })
    }

    /// `v is t` as an `i1`. With a class constraint, an object of a class of id below 64 is
    /// tested inline against the set of the class's instances (fixed at compile time); anything
    /// else asks the runtime (`rt_is_class`, the interpreter's `matches`).
    pub(crate) fn type_test(
        &mut self,
        v: Val<'ctx>,
        vty: Type,
        t: Type,
    ) -> Result<IntValue<'ctx>, CompileError> {
        if let (Some((cls, exact)), true) = (t.class, vty.maybe(Type::OBJ) && !vty.subtype_of(t)) {
            let (p, tag) = self.boxed(v)?;
            let Some(set) = self.env.classes.instances_of(cls.0, exact) else {
                return self.is_class_helper(p, tag, t);
            };
            let obj_bb = self.cx.append_basic_block(self.func, "is_class_obj");
            let slow = self.cx.append_basic_block(self.func, "is_class_slow");
            let done = self.cx.append_basic_block(self.func, "is_class_done");
            let obj = self.i8c(jsvm_runtime::value::Tag::Obj as u8);
            let is_obj = self.b.build_int_compare(IntPredicate::EQ, tag, obj, "")?;
            self.b.build_conditional_branch(is_obj, obj_bb, slow)?;
            self.b.position_at_end(obj_bb);
            let id = self.class_id(p)?;
            let (below, inline) = self.class_in_set(id, set)?;
            let obj_end = self.b.get_insert_block().expect("block");
            self.b.build_conditional_branch(below, done, slow)?;
            self.b.position_at_end(slow);
            let asked = self.is_class_helper(p, tag, t)?;
            let slow_end = self.b.get_insert_block().expect("block");
            self.b.build_unconditional_branch(done)?;
            self.b.position_at_end(done);
            let phi = self.b.build_phi(self.t.i1, "is_class")?;
            phi.add_incoming(&[(&inline, obj_end), (&asked, slow_end)]);
            return Ok(phi.as_basic_value().into_int_value());
        }
        if vty.is(t) {
            return Ok(self.t.i1.const_int(1, false));
        }
        if !vty.maybe(t) && !vty.is_bottom() {
            return Ok(self.t.i1.const_int(0, false));
        }
        let (p, tag) = match v {
            Val::Boxed(p, tag) => (p, tag),
            other => {
                // Unboxed: the kind is known.
                let k = other.repr().ty();
                return Ok(self.t.i1.const_int(t.maybe(k) as u64, false));
            }
        };
        let sstr = t.bits & Type::SSTR.bits != 0;
        let cstr = t.bits & Type::CSTR.bits != 0;
        if sstr != cstr {
            // Static vs counted strings: the runtime looks at the header.
            let tag64 = self.b.build_int_z_extend(tag, self.t.i64, "")?;
            let r = self
                .call_helper(
                    Helper::IsType,
                    &[p.into(), tag64.into(), self.i32c(t.bits as u32).into()],
                )?
                .expect("is_type result")
                .into_int_value();
            return Ok(self
                .b
                .build_int_compare(IntPredicate::NE, r, self.i32c(0), "")?);
        }
        // Bit of the tag in the lattice: tags below Str map to bits 0..4, Str to bit 5, the
        // containers and objects (tags 6..10) to bits 7..11.
        let mut mask: u64 = (t.bits as u64) & 0x1f;
        if sstr {
            mask |= 1 << 5;
        }
        for tagv in 6..=10u64 {
            if t.bits as u64 & (1 << (tagv + 1)) != 0 {
                mask |= 1 << tagv;
            }
        }
        let tag64 = self.b.build_int_z_extend(tag, self.t.i64, "")?;
        let bit = self.b.build_left_shift(self.i64c(1), tag64, "")?;
        let and = self.b.build_and(bit, self.i64c(mask as i64), "")?;
        Ok(self
            .b
            .build_int_compare(IntPredicate::NE, and, self.i64c(0), "")?)
    }

    /// `rt_is_class`: whether the boxed value `(p, tag)` is of type `t` (a class constraint).
    fn is_class_helper(
        &mut self,
        p: IntValue<'ctx>,
        tag: IntValue<'ctx>,
        t: Type,
    ) -> Result<IntValue<'ctx>, CompileError> {
        let cls = t.class.expect("a class constraint").0;
        let tag64 = self.b.build_int_z_extend(tag, self.t.i64, "")?;
        let r = self
            .call_helper(
                Helper::IsClass,
                &[
                    p.into(),
                    tag64.into(),
                    self.i32c(t.bits as u32).into(),
                    self.i32c(cls.0).into(),
                ],
            )?
            .expect("is_class result")
            .into_int_value();
        Ok(self
            .b
            .build_int_compare(IntPredicate::NE, r, self.i32c(0), "")?)
    }

    /// `verify_type` of `v` (of type `vty`) against `t`; a failure is reported as a check of
    /// `kind` in the function named `func`.
    fn verify(
        &mut self,
        v: Val<'ctx>,
        vty: Type,
        (kind, func): (jsvm_ir::VerifyKind, String),
        t: Type,
        text: &str,
    ) -> Result<(), CompileError> {
        let ok = self.type_test(v, vty, t)?;
        if ok.get_zero_extended_constant() == Some(1) {
            return Ok(());
        }
        let bad = self.b.build_not(ok, "")?;
        let cont = self.enter_cold(bad, self.func, "verify_fail")?;
        self.verify_fail_call(v, (kind, func), (t, text))?;
        let exit = self.throw_target()?;
        self.b.build_unconditional_branch(exit)?;
        self.b.position_at_end(cont);
        Ok(())
    }

    /// Calls `rt_verify_fail` for `v`, a failed check of `kind` in function `func` against the
    /// hint of type `t` written `text` (the caller branches to the exit afterwards).
    pub(crate) fn verify_fail_call(
        &mut self,
        v: Val<'ctx>,
        (kind, func): (jsvm_ir::VerifyKind, String),
        (t, text): (Type, &str),
    ) -> Result<(), CompileError> {
        let interface = self.env.classes.table.names_interface(t);
        let info = Box::new(jsvm_runtime::jit::VerifyFail {
            func: func.into(),
            kind,
            text: text.into(),
            interface,
        });
        let ip = self.addr(&*info as *const _ as usize)?;
        self.side.verify.push(info);
        let (p, tag) = self.boxed(v)?;
        let tag64 = self.b.build_int_z_extend(tag, self.t.i64, "")?;
        self.call_helper(
            Helper::VerifyFail,
            &[self.ctxp.into(), ip.into(), p.into(), tag64.into()],
        )?;
        Ok(())
    }

    /// Raise a compile-time-known error and leave the function.
    fn static_error(
        &mut self,
        class: jsvm_runtime::error::ExnClass,
        message: String,
    ) -> Result<(), CompileError> {
        let info = Box::new(jsvm_runtime::jit::StaticError {
            class,
            message: message.into(),
        });
        let ip = self.addr(&*info as *const _ as usize)?;
        self.side.errors.push(info);
        self.call_helper(Helper::StaticError, &[self.ctxp.into(), ip.into()])?;
        let exit = self.throw_target()?;
        self.b.build_unconditional_branch(exit)?;
        // Unreachable continuation for the rest of the block.
        let dead = self.cx.append_basic_block(self.func, "dead");
        self.b.position_at_end(dead);
        Ok(())
    }

    /// Inline increment: counted tag and non-static header.
    fn incref(&mut self, v: Val<'ctx>) -> Result<(), CompileError> {
        let Val::Boxed(p, tag) = v else { return Ok(()) };
        let counted = self
            .b
            .build_int_compare(IntPredicate::UGE, tag, self.i8c(5), "")?;
        let yes = self.cx.append_basic_block(self.func, "inc");
        let done = self.cx.append_basic_block(self.func, "inc_done");
        self.b.build_conditional_branch(counted, yes, done)?;
        self.b.position_at_end(yes);
        let hp = self.b.build_int_to_ptr(p, self.t.ptr, "")?;
        let rc = self.b.build_load(self.t.i32, hp, "rc")?.into_int_value();
        let live = self
            .b
            .build_int_compare(IntPredicate::SGE, rc, self.i32c(0), "")?;
        let rc1 = self.b.build_int_add(rc, self.i32c(1), "")?;
        let nrc = self.b.build_select(live, rc1, rc, "")?;
        self.b.build_store(hp, nrc)?;
        self.b.build_unconditional_branch(done)?;
        self.b.position_at_end(done);
        Ok(())
    }

    /// Inline decrement; the last reference is released by `rt_decref`.
    fn decref(&mut self, v: Val<'ctx>) -> Result<(), CompileError> {
        let Val::Boxed(p, tag) = v else { return Ok(()) };
        let counted = self
            .b
            .build_int_compare(IntPredicate::UGE, tag, self.i8c(5), "")?;
        let yes = self.cx.append_basic_block(self.func, "dec");
        let dec = self.cx.append_basic_block(self.func, "dec_store");
        let last = self.cx.append_basic_block(self.func, "dec_release");
        let done = self.cx.append_basic_block(self.func, "dec_done");
        self.b.build_conditional_branch(counted, yes, done)?;
        self.b.position_at_end(yes);
        let hp = self.b.build_int_to_ptr(p, self.t.ptr, "")?;
        let rc = self.b.build_load(self.t.i32, hp, "rc")?.into_int_value();
        let gt1 = self
            .b
            .build_int_compare(IntPredicate::SGT, rc, self.i32c(1), "")?;
        let is1 = self.cx.append_basic_block(self.func, "dec_one");
        self.b.build_conditional_branch(gt1, dec, is1)?;
        self.b.position_at_end(dec);
        let rc1 = self.b.build_int_sub(rc, self.i32c(1), "")?;
        self.b.build_store(hp, rc1)?;
        self.b.build_unconditional_branch(done)?;
        self.b.position_at_end(is1);
        let one = self
            .b
            .build_int_compare(IntPredicate::EQ, rc, self.i32c(1), "")?;
        self.b.build_conditional_branch(one, last, done)?;
        self.b.position_at_end(last);
        let tag64 = self.b.build_int_z_extend(tag, self.t.i64, "")?;
        self.call_helper(Helper::DecRef, &[p.into(), tag64.into()])?;
        self.b.build_unconditional_branch(done)?;
        self.b.position_at_end(done);
        Ok(())
    }

    /// A decrement out of line (`rt_decref`, any count): for cold paths, where the inline
    /// sequence of [`Self::decref`] would only grow the code.
    pub(crate) fn decref_cold(&mut self, v: Val<'ctx>) -> Result<(), CompileError> {
        let Val::Boxed(p, tag) = v else { return Ok(()) };
        let tag64 = self.b.build_int_z_extend(tag, self.t.i64, "")?;
        self.call_helper(Helper::DecRef, &[p.into(), tag64.into()])?;
        Ok(())
    }

    /// `base + off` as a pointer (`base` an address in an `i64`).
    fn at(
        &self,
        base: IntValue<'ctx>,
        off: IntValue<'ctx>,
    ) -> Result<inkwell::values::PointerValue<'ctx>, CompileError> {
        let a = self.b.build_int_add(base, off, "")?;
        Ok(self.b.build_int_to_ptr(a, self.t.ptr, "")?)
    }

    /// The site's cache word (a [`Self::shared_load`]).
    fn load_cache(
        &self,
        site: inkwell::values::PointerValue<'ctx>,
    ) -> Result<IntValue<'ctx>, CompileError> {
        let off = std::mem::offset_of!(jsvm_runtime::jit::SiteInfo, cache) as i64;
        // SAFETY: the offset is inside the `SiteInfo` the site pointer points to.
        let p = unsafe {
            self.b
                .build_gep(self.t.i8, site, &[self.i64c(off)], "cache")?
        };
        Ok(self.shared_load(self.t.i64, p, "")?.into_int_value())
    }

    /// Branch to `yes` when `c`, else to `slow`; continue in `yes`.
    fn guard(
        &self,
        c: IntValue<'ctx>,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Result<(), CompileError> {
        let yes = self.cx.append_basic_block(self.func, "");
        self.b.build_conditional_branch(c, yes, slow)?;
        self.b.position_at_end(yes);
        Ok(())
    }

    /// The property slot address of object payload `p` for a site whose cache matches the
    /// object's class (else branches to `slow`); returns the address and the cache word.
    fn cached_slot(
        &self,
        site: inkwell::values::PointerValue<'ctx>,
        p: IntValue<'ctx>,
        tag: IntValue<'ctx>,
        obj_known: bool,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Result<(IntValue<'ctx>, IntValue<'ctx>), CompileError> {
        use jsvm_runtime::jit::OBJ_SLOTS_OFFSET;
        if !obj_known {
            self.guard_obj(tag, slow)?;
        }
        let id = self.class_id(p)?;
        let c = self.load_cache(site)?;
        let hi = self.b.build_right_shift(c, self.i64c(32), false, "")?;
        let hit = self.b.build_int_compare(IntPredicate::EQ, hi, id, "")?;
        self.guard(hit, slow)?;
        let slot = self.b.build_and(c, self.i64c(0xffff), "")?;
        let off = self.b.build_int_mul(slot, self.i64c(16), "")?;
        let off = self
            .b
            .build_int_add(off, self.i64c(OBJ_SLOTS_OFFSET as i64), "")?;
        Ok((self.b.build_int_add(p, off, "")?, c))
    }

    /// Property `name` of objects of IR type `oty` when its class fixes the slot.
    fn static_prop(&self, oty: Type, name: &str) -> Option<super::PropFact> {
        let (class, _) = oty.class?;
        self.env.classes.prop(class.0, name)
    }

    /// The address of slot `slot` of object payload `p` (tag `tag`; branches to `slow` when it
    /// is not an object, unless `obj_known`).
    fn static_slot(
        &self,
        p: IntValue<'ctx>,
        tag: IntValue<'ctx>,
        obj_known: bool,
        slot: u32,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Result<IntValue<'ctx>, CompileError> {
        use jsvm_runtime::jit::OBJ_SLOTS_OFFSET;
        if !obj_known {
            self.guard_obj(tag, slow)?;
        }
        let off = OBJ_SLOTS_OFFSET as u64 + u64::from(slot) * 16;
        Ok(self.b.build_int_add(p, self.i64c(off as i64), "")?)
    }

    /// Continue where tag `tag` is an object's, else branch to `slow`.
    pub(crate) fn guard_obj(
        &self,
        tag: IntValue<'ctx>,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Result<(), CompileError> {
        let obj = self.i8c(Tag::Obj as u8);
        let is_obj = self.b.build_int_compare(IntPredicate::EQ, tag, obj, "")?;
        self.guard(is_obj, slow)
    }

    /// The class id of the object whose payload is `p`, as an `i64`.
    pub(crate) fn class_id(&self, p: IntValue<'ctx>) -> Result<IntValue<'ctx>, CompileError> {
        use jsvm_runtime::jit::{CLASS_ID_OFFSET, OBJ_CLASS_OFFSET};
        let cp = self.at(p, self.i64c(OBJ_CLASS_OFFSET as i64))?;
        let cls = self.b.build_load(self.t.i64, cp, "class")?.into_int_value();
        let idp = self.at(cls, self.i64c(CLASS_ID_OFFSET as i64))?;
        let id = self
            .b
            .build_load(self.t.i32, idp, "class_id")?
            .into_int_value();
        Ok(self.b.build_int_z_extend(id, self.t.i64, "")?)
    }

    /// Whether class id `id` (an `i64`) is below 64, and whether it is in `set` (a bit set of
    /// class ids below 64; meaningless for an id of 64 or more).
    pub(crate) fn class_in_set(
        &self,
        id: IntValue<'ctx>,
        set: u64,
    ) -> Result<(IntValue<'ctx>, IntValue<'ctx>), CompileError> {
        let below = self
            .b
            .build_int_compare(IntPredicate::ULT, id, self.i64c(64), "")?;
        let shift = self.b.build_and(id, self.i64c(63), "")?;
        let bits = self
            .b
            .build_right_shift(self.i64c(set as i64), shift, false, "")?;
        let bit = self.b.build_and(bits, self.i64c(1), "")?;
        let has = self
            .b
            .build_int_compare(IntPredicate::NE, bit, self.i64c(0), "")?;
        Ok((below, has))
    }

    /// Load the `TypedValue` at address `a`.
    fn load_tv(&self, a: IntValue<'ctx>) -> Result<(IntValue<'ctx>, IntValue<'ctx>), CompileError> {
        let pp = self.b.build_int_to_ptr(a, self.t.ptr, "")?;
        let vp = self.b.build_load(self.t.i64, pp, "")?.into_int_value();
        let tp = self.at(a, self.i64c(8))?;
        let vt = self.b.build_load(self.t.i8, tp, "")?.into_int_value();
        Ok((vp, vt))
    }

    /// `get_prop`: inline when the slot is initialized and known: fixed by the object's IR
    /// class, or in the site's cache for the object's class; else `rt_get_prop`.
    fn get_prop(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let Imm::Name(n) = &d.imm else { unreachable!() };
        let site = self.site(n, "", 0)?;
        let o = self.val(d.args[0])?;
        let oty = self.ty(d.args[0]);
        let (p, tag) = self.boxed(o)?;
        let slow = self.cx.append_basic_block(self.func, "prop_slow");
        let merge = self.cx.append_basic_block(self.func, "prop_done");
        let mut incoming = Vec::new();
        if oty.maybe(Type::OBJ) {
            let a = match self.static_prop(oty, n) {
                Some(f) => self.static_slot(p, tag, oty.is(Type::OBJ), f.slot, slow)?,
                None => self.cached_slot(site, p, tag, oty.is(Type::OBJ), slow)?.0,
            };
            let (vp, vt) = self.load_tv(a)?;
            let init = self
                .b
                .build_int_compare(IntPredicate::NE, vt, self.i8c(0), "")?;
            self.guard(init, slow)?;
            self.fast_loaded(inst, (vp, vt), merge, &mut incoming)?;
        } else {
            self.b.build_unconditional_branch(slow)?;
        }
        self.b.position_at_end(slow);
        let [pp, pt] = self.tv_args(o)?;
        let args = [self.ctxp.into(), site.into(), pp, pt];
        self.slow_and_merge(inst, Helper::GetProp, &args, merge, incoming)
    }

    /// `set_prop`: inline when the value's tag passes the property's type without a class check
    /// and slot and type are known: fixed by the object's IR class (for every instance), or in
    /// the site's cache for the object's class; else `rt_set_prop`.
    fn set_prop(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let Imm::Name(n) = &d.imm else { unreachable!() };
        let site = self.site(n, "", 0)?;
        let o = self.val(d.args[0])?;
        let v = self.val(d.args[1])?;
        let oty = self.ty(d.args[0]);
        let (p, tag) = self.boxed(o)?;
        let (vp, vt) = self.boxed(v)?;
        let slow = self.cx.append_basic_block(self.func, "setprop_slow");
        let merge = self.cx.append_basic_block(self.func, "setprop_done");
        if oty.maybe(Type::OBJ) {
            let known = self
                .static_prop(oty, n)
                .and_then(|f| Some((f.slot, f.write_mask?)));
            let (a, m) = match known {
                Some((slot, mask)) => (
                    self.static_slot(p, tag, oty.is(Type::OBJ), slot, slow)?,
                    self.i64c(mask as i64),
                ),
                None => {
                    let (a, c) = self.cached_slot(site, p, tag, oty.is(Type::OBJ), slow)?;
                    (a, self.b.build_right_shift(c, self.i64c(16), false, "")?)
                }
            };
            let vt64 = self.b.build_int_z_extend(vt, self.t.i64, "")?;
            let m = self.b.build_right_shift(m, vt64, false, "")?;
            let m = self.b.build_and(m, self.i64c(1), "")?;
            let ok = self
                .b
                .build_int_compare(IntPredicate::NE, m, self.i64c(0), "")?;
            self.guard(ok, slow)?;
            let old = self.load_tv(a)?;
            self.store_tv(a, (vp, vt))?;
            self.decref(Val::Boxed(old.0, old.1))?;
            self.b.build_unconditional_branch(merge)?;
        } else {
            self.b.build_unconditional_branch(slow)?;
        }
        self.b.position_at_end(slow);
        let [op, ot] = self.tv_args(o)?;
        let [wp, wt] = self.tv_args(v)?;
        self.throwing(
            Helper::SetProp,
            &[self.ctxp.into(), site.into(), op, ot, wp, wt],
        )?;
        self.b.build_unconditional_branch(merge)?;
        self.b.position_at_end(merge);
        Ok(())
    }

    /// `index_get c, k` with an int key: inline for a vec and an in-range key, else
    /// `rt_index_get`.
    fn vec_get(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let (c, cty, k) = self.container_and_int_key(&d)?;
        let slow = self.cx.append_basic_block(self.func, "vget_slow");
        let merge = self.cx.append_basic_block(self.func, "vget_done");
        let mut incoming = Vec::new();
        if cty.maybe(Type::VEC) {
            let cp = self.vec_payload(c, cty, slow)?;
            let a = self.vec_elem(cp, k, slow)?;
            let (vp, vt) = self.load_tv(a)?;
            self.fast_loaded(inst, (vp, vt), merge, &mut incoming)?;
        } else {
            self.b.build_unconditional_branch(slow)?;
        }
        self.b.position_at_end(slow);
        let args = self.bin_args(c, Val::Int(k))?;
        self.slow_and_merge(inst, Helper::IndexGet, &args, merge, incoming)
    }

    /// `iter_done`, `iter_value` and `iter_next` at an int position of a (maybe) vec: inline
    /// for a vec (a value in bounds), else their helpers.
    fn vec_iter(&mut self, inst: Inst) -> Result<(), CompileError> {
        use jsvm_runtime::jit::VEC_LEN_OFFSET;
        let d = self.f.dfg.insts[inst.index()].clone();
        let (c, cty, pos) = self.container_and_int_key(&d)?;
        let slow = self.cx.append_basic_block(self.func, "iter_slow");
        let merge = self.cx.append_basic_block(self.func, "iter_merge");
        let mut incoming = Vec::new();
        let cp = self.vec_payload(c, cty, slow)?;
        let h = match d.op {
            O::IterValue => {
                let a = self.vec_elem(cp, pos, slow)?;
                let (vp, vt) = self.load_tv(a)?;
                self.fast_loaded(inst, (vp, vt), merge, &mut incoming)?;
                Helper::IterValue
            }
            O::IterDone => {
                let len = self.load_u32(cp, VEC_LEN_OFFSET)?;
                let done = self.b.build_int_compare(IntPredicate::UGE, pos, len, "")?;
                let done = self.b.build_int_z_extend(done, self.t.i64, "")?;
                let v = Val::Boxed(done, self.i8c(Tag::Bool as u8));
                self.fast_done(v, merge, &mut incoming)?;
                Helper::IterDone
            }
            _ => {
                let next = self.b.build_int_add(pos, self.i64c(1), "")?;
                let v = Val::Boxed(next, self.i8c(Tag::Int as u8));
                self.fast_done(v, merge, &mut incoming)?;
                Helper::IterNext
            }
        };
        self.b.position_at_end(slow);
        let args = self.bin_args(c, Val::Int(pos))?;
        self.slow_and_merge(inst, h, &args, merge, incoming)
    }

    /// `iter_done`, `iter_next`, `iter_value` and `iter_key` at int position `pos` of a (maybe)
    /// dict: inline on a dict's entries (`pos` is an entry number; the end is the count of
    /// used entries), else their helpers: for another container, at a tombstone (a deleted
    /// entry, which `iter_next` skips), or out of bounds.
    fn dict_iter(&mut self, inst: Inst) -> Result<(), CompileError> {
        use jsvm_runtime::jit::{
            DICT_DATA_OFFSET, DICT_ENTRY_SIZE, DICT_ENTRY_VAL_OFFSET, DICT_USED_OFFSET,
        };
        let d = self.f.dfg.insts[inst.index()].clone();
        let c = self.val(d.args[0])?;
        let Val::Int(pos) = self.val(d.args[1])? else {
            unreachable!("an int position")
        };
        let slow = self.cx.append_basic_block(self.func, "dict_iter_slow");
        let merge = self.cx.append_basic_block(self.func, "dict_iter_merge");
        let mut incoming = Vec::new();
        let (cp, ct) = self.boxed(c)?;
        if !self.ty(d.args[0]).is(Type::DICT) {
            let dict = self.i8c(Tag::Dict as u8);
            let is_dict = self.b.build_int_compare(IntPredicate::EQ, ct, dict, "")?;
            self.guard(is_dict, slow)?;
        }
        let used = self.load_u32(cp, DICT_USED_OFFSET)?;
        // The address of entry `n` (below `used`) and its key's tag (uninit: a tombstone).
        let entry = |l: &mut Self, n: IntValue<'ctx>| -> Result<_, CompileError> {
            let dp = l.at(cp, l.i64c(DICT_DATA_OFFSET as i64))?;
            let data = l.b.build_load(l.t.i64, dp, "")?.into_int_value();
            let off = l.b.build_int_mul(n, l.i64c(DICT_ENTRY_SIZE as i64), "")?;
            let e = l.b.build_int_add(data, off, "")?;
            let tp = l.at(e, l.i64c(8))?;
            let tag = l.b.build_load(l.t.i8, tp, "")?.into_int_value();
            let live =
                l.b.build_int_compare(IntPredicate::NE, tag, l.i8c(Tag::Uninit as u8), "")?;
            Ok((e, live))
        };
        let h = match d.op {
            O::IterDone => {
                let done = self.b.build_int_compare(IntPredicate::UGE, pos, used, "")?;
                let done = self.b.build_int_z_extend(done, self.t.i64, "")?;
                let v = Val::Boxed(done, self.i8c(Tag::Bool as u8));
                self.fast_done(v, merge, &mut incoming)?;
                Helper::IterDone
            }
            O::IterNext => {
                let next = self.b.build_int_add(pos, self.i64c(1), "")?;
                let v = Val::Boxed(next, self.i8c(Tag::Int as u8));
                let past = self
                    .b
                    .build_int_compare(IntPredicate::UGE, next, used, "")?;
                let check = self.cx.append_basic_block(self.func, "dict_next_check");
                let at_end = self.cx.append_basic_block(self.func, "dict_next_end");
                self.b.build_conditional_branch(past, at_end, check)?;
                self.b.position_at_end(at_end);
                self.fast_done(v, merge, &mut incoming)?;
                self.b.position_at_end(check);
                let (_, live) = entry(self, next)?;
                self.guard(live, slow)?;
                self.fast_done(v, merge, &mut incoming)?;
                Helper::IterNext
            }
            _ => {
                let inb = self.b.build_int_compare(IntPredicate::ULT, pos, used, "")?;
                self.guard(inb, slow)?;
                let (e, live) = entry(self, pos)?;
                self.guard(live, slow)?;
                let (a, h) = if d.op == O::IterKey {
                    (e, Helper::IterKey)
                } else {
                    let off = self.i64c(DICT_ENTRY_VAL_OFFSET as i64);
                    (self.b.build_int_add(e, off, "")?, Helper::IterValue)
                };
                let tv = self.load_tv(a)?;
                self.fast_loaded(inst, tv, merge, &mut incoming)?;
                h
            }
        };
        self.b.position_at_end(slow);
        let args = self.bin_args(c, Val::Int(pos))?;
        self.slow_and_merge(inst, h, &args, merge, incoming)
    }

    /// `count` of a (maybe) vec: its length inline, else the helper.
    fn vec_count(&mut self, inst: Inst) -> Result<(), CompileError> {
        use jsvm_runtime::jit::VEC_LEN_OFFSET;
        let d = self.f.dfg.insts[inst.index()].clone();
        let c = self.val(d.args[0])?;
        let slow = self.cx.append_basic_block(self.func, "count_slow");
        let merge = self.cx.append_basic_block(self.func, "count_merge");
        let cp = self.vec_payload(c, self.ty(d.args[0]), slow)?;
        let len = self.load_u32(cp, VEC_LEN_OFFSET)?;
        let mut incoming = Vec::new();
        self.fast_done(
            Val::Boxed(len, self.i8c(Tag::Int as u8)),
            merge,
            &mut incoming,
        )?;
        self.b.position_at_end(slow);
        let args = self.un_args(c)?;
        self.slow_and_merge(inst, Helper::Count, &args, merge, incoming)
    }

    /// The container operand of `index_get`/`index_set` `d`, its IR type, and its int key.
    fn container_and_int_key(
        &mut self,
        d: &jsvm_ir::InstData,
    ) -> Result<(Val<'ctx>, Type, IntValue<'ctx>), CompileError> {
        let c = self.val(d.args[0])?;
        let Val::Int(k) = self.val(d.args[1])? else {
            unreachable!("int key")
        };
        Ok((c, self.ty(d.args[0]), k))
    }

    /// The address of element `k` of the vec at `p` when `k` is in bounds, else a branch to
    /// `slow`.
    fn vec_elem(
        &mut self,
        p: IntValue<'ctx>,
        k: IntValue<'ctx>,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Result<IntValue<'ctx>, CompileError> {
        use jsvm_runtime::jit::VEC_LEN_OFFSET;
        let len = self.load_u32(p, VEC_LEN_OFFSET)?;
        let inb = self.b.build_int_compare(IntPredicate::ULT, k, len, "")?;
        self.guard(inb, slow)?;
        self.vec_slot(p, k)
    }

    /// The payload of `c` (of IR type `cty`, which may be a vec) when it is a vec, else a
    /// branch to `slow`.
    fn vec_payload(
        &mut self,
        c: Val<'ctx>,
        cty: Type,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Result<IntValue<'ctx>, CompileError> {
        let (cp, ct) = self.boxed(c)?;
        if !cty.is(Type::VEC) {
            let vec = self.i8c(Tag::Vec as u8);
            let is_vec = self.b.build_int_compare(IntPredicate::EQ, ct, vec, "")?;
            self.guard(is_vec, slow)?;
        }
        Ok(cp)
    }

    /// The payload of the vec `c` (of IR type `cty`) that this reference alone owns (a write
    /// may change it in place, as `unique_vec` would), else a branch to `slow`.
    fn unique_vec(
        &mut self,
        c: Val<'ctx>,
        cty: Type,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Result<IntValue<'ctx>, CompileError> {
        let cp = self.vec_payload(c, cty, slow)?;
        // Static vecs have a negative count: never unique.
        let hp = self.b.build_int_to_ptr(cp, self.t.ptr, "")?;
        let rc = self.b.build_load(self.t.i32, hp, "rc")?.into_int_value();
        let unique = self
            .b
            .build_int_compare(IntPredicate::EQ, rc, self.i32c(1), "")?;
        self.guard(unique, slow)?;
        Ok(cp)
    }

    /// The `u32` field at byte `off` of the object at `p`, zero-extended.
    pub(crate) fn load_u32(
        &self,
        p: IntValue<'ctx>,
        off: usize,
    ) -> Result<IntValue<'ctx>, CompileError> {
        let a = self.at(p, self.i64c(off as i64))?;
        let x = self.b.build_load(self.t.i32, a, "")?.into_int_value();
        Ok(self.b.build_int_z_extend(x, self.t.i64, "")?)
    }

    /// The address of element `k` of the vec at `p`.
    fn vec_slot(
        &self,
        p: IntValue<'ctx>,
        k: IntValue<'ctx>,
    ) -> Result<IntValue<'ctx>, CompileError> {
        use jsvm_runtime::jit::VEC_DATA_OFFSET;
        let off = self.b.build_int_mul(k, self.i64c(16), "")?;
        let off = self
            .b
            .build_int_add(off, self.i64c(VEC_DATA_OFFSET as i64), "")?;
        Ok(self.b.build_int_add(p, off, "")?)
    }

    /// Store `v` (boxed) as the `TypedValue` at address `a`.
    fn store_tv(
        &self,
        a: IntValue<'ctx>,
        (vp, vt): (IntValue<'ctx>, IntValue<'ctx>),
    ) -> Result<(), CompileError> {
        let pp = self.b.build_int_to_ptr(a, self.t.ptr, "")?;
        self.b.build_store(pp, vp)?;
        let tp = self.at(a, self.i64c(8))?;
        self.b.build_store(tp, vt)?;
        Ok(())
    }

    /// `index_set c, k, v` with an int key on a (maybe) vec: inline for a vec this reference
    /// owns alone and an in-range key (`v` replaces the element, which is released), else
    /// `rt_index_set` (which copies a shared vec, or raises).
    fn vec_set(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let (c, cty, k) = self.container_and_int_key(&d)?;
        let v = self.val(d.args[2])?;
        let slow = self.cx.append_basic_block(self.func, "vset_slow");
        let merge = self.cx.append_basic_block(self.func, "vset_done");
        let p = self.unique_vec(c, cty, slow)?;
        let a = self.vec_elem(p, k, slow)?;
        self.vec_write_end(inst, (p, a, v), (slow, merge), Helper::IndexSet)
    }

    /// The end of an inline write into a vec: `v` replaces the element at address `a` (the old
    /// one released) and the vec `p` is the result; the slow path calls helper `h` with the
    /// instruction's operands (`(ctx, operands, n)`), and both join at `merge`.
    fn vec_write_end(
        &mut self,
        inst: Inst,
        (p, a, v): (IntValue<'ctx>, IntValue<'ctx>, Val<'ctx>),
        (slow, merge): (
            inkwell::basic_block::BasicBlock<'ctx>,
            inkwell::basic_block::BasicBlock<'ctx>,
        ),
        h: Helper,
    ) -> Result<(), CompileError> {
        let old = self.load_tv(a)?;
        let new = self.boxed(v)?;
        self.store_tv(a, new)?;
        self.decref(Val::Boxed(old.0, old.1))?;
        let incoming = vec![(
            Val::Boxed(p, self.i8c(Tag::Vec as u8)),
            self.b.get_insert_block().expect("block"),
        )];
        self.b.build_unconditional_branch(merge)?;
        self.b.position_at_end(slow);
        let ops = self.f.dfg.insts[inst.index()].args.clone();
        let buf = self.store_args(&ops)?;
        let args = [
            self.ctxp.into(),
            buf.into(),
            self.i32c(ops.len() as u32).into(),
        ];
        self.slow_and_merge(inst, h, &args, merge, incoming)
    }

    /// `set_path c, k1, .., kn, v` with int keys on (maybe) nested vecs (`$grid[$i][$j] = v`):
    /// inline when each vec on the way is one this path alone reaches (reference count 1) and
    /// holds its key, else `rt_set_path` (which copies shared containers, adds keys, raises).
    fn vec_set_path(&mut self, inst: Inst) -> Result<(), CompileError> {
        let d = self.f.dfg.insts[inst.index()].clone();
        let (last, keys) = d.args[1..].split_last().expect("set_path has a value");
        let c = self.val(d.args[0])?;
        let v = self.val(*last)?;
        let slow = self.cx.append_basic_block(self.func, "vpath_slow");
        let merge = self.cx.append_basic_block(self.func, "vpath_done");
        let p = self.unique_vec(c, self.ty(d.args[0]), slow)?;
        let mut a = None;
        for &k in keys {
            let Val::Int(k) = self.val(k)? else {
                unreachable!("int key")
            };
            let cur = match a {
                None => p,
                // The element on the way: a vec of its own, or the helper's case.
                Some(a) => {
                    let (ep, et) = self.load_tv(a)?;
                    self.unique_vec(Val::Boxed(ep, et), Type::CELL, slow)?
                }
            };
            a = Some(self.vec_elem(cur, k, slow)?);
        }
        let a = a.expect("set_path has a key");
        self.vec_write_end(inst, (p, a, v), (slow, merge), Helper::SetPath)
    }

    /// `append c, v` on a (maybe) vec: inline when this reference owns the vec alone and it has
    /// room, else `rt_append` (which copies a shared vec, grows a full one, or raises).
    fn vec_append(&mut self, inst: Inst) -> Result<(), CompileError> {
        use jsvm_runtime::jit::{VEC_CAP_OFFSET, VEC_LEN_OFFSET};
        let d = self.f.dfg.insts[inst.index()].clone();
        let c = self.val(d.args[0])?;
        let v = self.val(d.args[1])?;
        let cty = self.ty(d.args[0]);
        let slow = self.cx.append_basic_block(self.func, "vappend_slow");
        let merge = self.cx.append_basic_block(self.func, "vappend_done");
        let p = self.unique_vec(c, cty, slow)?;
        let len = self.load_u32(p, VEC_LEN_OFFSET)?;
        let cap = self.load_u32(p, VEC_CAP_OFFSET)?;
        let room = self.b.build_int_compare(IntPredicate::ULT, len, cap, "")?;
        self.guard(room, slow)?;
        let a = self.vec_slot(p, len)?;
        let new = self.boxed(v)?;
        self.store_tv(a, new)?;
        let len1 = self.b.build_int_add(len, self.i64c(1), "")?;
        let len1 = self.b.build_int_truncate(len1, self.t.i32, "")?;
        let lp = self.at(p, self.i64c(VEC_LEN_OFFSET as i64))?;
        self.b.build_store(lp, len1)?;
        let incoming = vec![(
            Val::Boxed(p, self.i8c(Tag::Vec as u8)),
            self.b.get_insert_block().expect("block"),
        )];
        self.b.build_unconditional_branch(merge)?;
        self.b.position_at_end(slow);
        let args = self.bin_args(c, v)?;
        self.slow_and_merge(inst, Helper::Append, &args, merge, incoming)
    }

    /// The end of an inline load path: the loaded value gets its own reference when the result
    /// may be counted, and feeds `merge`.
    fn fast_loaded(
        &mut self,
        inst: Inst,
        (vp, vt): (
            inkwell::values::IntValue<'ctx>,
            inkwell::values::IntValue<'ctx>,
        ),
        merge: inkwell::basic_block::BasicBlock<'ctx>,
        incoming: &mut Vec<(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)>,
    ) -> Result<(), CompileError> {
        let r = self.f.dfg.insts[inst.index()].result;
        if r.is_none_or(|r| self.ty(r).maybe(Type::COUNTED)) {
            self.incref(Val::Boxed(vp, vt))?;
        }
        self.fast_done(Val::Boxed(vp, vt), merge, incoming)
    }

    /// The end of an inline path: its result `v` feeds `merge`.
    fn fast_done(
        &mut self,
        v: Val<'ctx>,
        merge: inkwell::basic_block::BasicBlock<'ctx>,
        incoming: &mut Vec<(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)>,
    ) -> Result<(), CompileError> {
        incoming.push((v, self.b.get_insert_block().expect("block")));
        self.b.build_unconditional_branch(merge)?;
        Ok(())
    }

    /// The slow path (helper `h`, which may raise) joining the inline paths at `merge`, whose
    /// phi is `inst`'s result.
    fn slow_and_merge(
        &mut self,
        inst: Inst,
        h: Helper,
        args: &[inkwell::values::BasicMetadataValueEnum<'ctx>],
        merge: inkwell::basic_block::BasicBlock<'ctx>,
        mut incoming: Vec<(Val<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)>,
    ) -> Result<(), CompileError> {
        let v = self.throwing(h, args)?;
        incoming.push((v, self.b.get_insert_block().expect("block")));
        self.b.build_unconditional_branch(merge)?;
        self.b.position_at_end(merge);
        let v = self.merge_phi(Repr::Boxed, &incoming)?;
        self.set(inst, v)
    }
}

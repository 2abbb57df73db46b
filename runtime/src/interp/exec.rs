//! The dispatch loop: runs register bytecode with every Hack frame on one contiguous VM stack
//! (no native recursion per Hack call).
//!
//! Ownership follows the IR's opcode table: borrowed operands are read without touching
//! reference counts, consumed operands move out of their slot, results are owned; the
//! refcount pass placed the `IncRef`/`DecRef` ops.

use super::bytecode::{Bin, Cmp, Op, Slot, Un, VerifyInfo};
use super::Program;
use crate::builtins;
use crate::conv;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::ops;
use crate::value::{Tag, TypedValue};
use jsvm_ir::{Type, VerifyKind};

/// Slots in the VM stack (16 bytes each): 64 MiB, committed lazily by the OS.
const STACK_SLOTS: usize = 4 << 20;

/// A caller's saved state.
#[derive(Clone, Copy)]
struct Frame {
    func: u32,
    pc: u32,
    base: u32,
    ret: Slot,
}

/// The VM stack and call frames of one request.
pub struct Vm<'p> {
    prog: &'p Program,
    stack: Box<[TypedValue]>,
    frames: Vec<Frame>,
    consts: Vec<Option<TypedValue>>,
    argbuf: Vec<TypedValue>,
    /// First free slot for a nested (native) call, e.g. a constant's initializer.
    top: usize,
}

fn zeroed_stack() -> Box<[TypedValue]> {
    let layout = std::alloc::Layout::array::<TypedValue>(STACK_SLOTS).expect("stack layout");
    // SAFETY: the layout is non-zero sized; all-zero bytes are a valid `TypedValue` (`Uninit`,
    // payload 0), and the pointer is turned into a Box with the same layout, which frees it.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout) as *mut TypedValue;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Box::from_raw(std::ptr::slice_from_raw_parts_mut(p, STACK_SLOTS))
    }
}

/// The type name of a value in messages (`int`, `string`, `vec`, a class name).
pub fn given_type(tv: &TypedValue) -> &'static str {
    match tv.tag {
        Tag::Uninit | Tag::Null => "null",
        Tag::Bool => "bool",
        Tag::Int => "int",
        Tag::Float => "float",
        Tag::Str => "string",
        Tag::Vec => "vec",
        Tag::Dict => "dict",
        Tag::Keyset => "keyset",
        Tag::Obj => "object",
        Tag::Func => "Closure",
    }
}

/// True when `tv` belongs to `ty` (class constraints are checked by the object layer).
#[inline]
pub fn matches(tv: &TypedValue, ty: Type) -> bool {
    let bit = match tv.tag {
        Tag::Uninit => Type::UNINIT.bits,
        Tag::Null => Type::NULL.bits,
        Tag::Bool => Type::BOOL.bits,
        Tag::Int => Type::INT.bits,
        Tag::Float => Type::FLOAT.bits,
        Tag::Str => {
            if tv.is_static() {
                Type::SSTR.bits
            } else {
                Type::CSTR.bits
            }
        }
        Tag::Vec => Type::VEC.bits,
        Tag::Dict => Type::DICT.bits,
        Tag::Keyset => Type::KEYSET.bits,
        Tag::Obj => Type::OBJ.bits,
        Tag::Func => Type::FUNC.bits,
    };
    ty.bits & bit != 0
}

#[cold]
fn verify_failed(fname: &str, info: &VerifyInfo, tv: &TypedValue) -> RuntimeError {
    let given = given_type(tv);
    match info.kind {
        VerifyKind::Param(i) => RuntimeError::type_error(format!(
            "Argument {} passed to {fname}() must be an instance of {}, {given} given",
            i + 1,
            info.text
        )),
        VerifyKind::Return => RuntimeError::type_error(format!(
            "Value returned from {fname}() must be of type {}, {given} given",
            info.text
        )),
        VerifyKind::Prop => RuntimeError::type_error(format!(
            "Cannot assign {given} to property of type {}",
            info.text
        )),
        VerifyKind::As => RuntimeError::throw(
            ExnClass::TypeAssertionException,
            format!("Expected {}, got {given}", info.text),
        ),
    }
}

/// `$c[$k]`: strings give a one-byte string (negative offsets count from the end).
fn index_get(c: &TypedValue, k: &TypedValue) -> Result<TypedValue, RuntimeError> {
    match c.tag {
        Tag::Str => {
            let s = c.str_bytes();
            let i = conv::to_int(k);
            let idx = if i < 0 { i + s.len() as i64 } else { i };
            if idx < 0 || idx >= s.len() as i64 {
                return Err(RuntimeError::throw(
                    ExnClass::OutOfBoundsException,
                    format!("String offset {i} out of range"),
                ));
            }
            Ok(TypedValue::new_str(&s[idx as usize..idx as usize + 1]))
        }
        Tag::Null => Ok(TypedValue::null()),
        _ => Err(RuntimeError::fatal(
            "jsvm: indexing containers is not supported by the interpreter yet",
        )),
    }
}

/// `isset($c[$k])`.
fn index_isset(c: &TypedValue, k: &TypedValue) -> bool {
    match c.tag {
        Tag::Str => {
            let n = c.str_bytes().len() as i64;
            let i = conv::to_int(k);
            (-n..n).contains(&i)
        }
        _ => false,
    }
}

#[cold]
fn bin_slow(op: Bin, a: &TypedValue, b: &TypedValue) -> Result<TypedValue, RuntimeError> {
    match op {
        Bin::Add => ops::add(a, b),
        Bin::Sub => ops::sub(a, b),
        Bin::Mul => ops::mul(a, b),
        Bin::Div => ops::div(a, b),
        Bin::Mod => ops::modulo(a, b),
        Bin::Pow => ops::pow(a, b),
        Bin::BitAnd => ops::bitand(a, b),
        Bin::BitOr => ops::bitor(a, b),
        Bin::BitXor => ops::bitxor(a, b),
        Bin::Shl => ops::shl(a, b),
        Bin::Shr => ops::shr(a, b),
        Bin::Concat => ops::concat2(a, b),
        Bin::Cmp => ops::cmp(a, b),
    }
}

#[inline(always)]
fn int_bin(op: Bin, a: i64, b: i64) -> i64 {
    match op {
        Bin::Add => a.wrapping_add(b),
        Bin::Sub => a.wrapping_sub(b),
        Bin::Mul => a.wrapping_mul(b),
        Bin::BitAnd => a & b,
        Bin::BitOr => a | b,
        Bin::BitXor => a ^ b,
        Bin::Shl => ops::shl_int(a, b),
        Bin::Shr => ops::shr_int(a, b),
        _ => unreachable!("not an int-typed op: {op:?}"),
    }
}

#[inline(always)]
fn bin(op: Bin, a: &TypedValue, b: &TypedValue) -> Result<TypedValue, RuntimeError> {
    if a.tag == Tag::Int && b.tag == Tag::Int {
        match op {
            Bin::Add
            | Bin::Sub
            | Bin::Mul
            | Bin::BitAnd
            | Bin::BitOr
            | Bin::BitXor
            | Bin::Shl
            | Bin::Shr => return Ok(TypedValue::int(int_bin(op, a.as_int(), b.as_int()))),
            _ => {}
        }
    } else if a.tag == Tag::Float && b.tag == Tag::Float {
        match op {
            Bin::Add => return Ok(TypedValue::float(a.as_float() + b.as_float())),
            Bin::Sub => return Ok(TypedValue::float(a.as_float() - b.as_float())),
            Bin::Mul => return Ok(TypedValue::float(a.as_float() * b.as_float())),
            _ => {}
        }
    }
    bin_slow(op, a, b)
}

#[cold]
fn cmp_slow(op: Cmp, a: &TypedValue, b: &TypedValue) -> Result<bool, RuntimeError> {
    let r = match op {
        Cmp::Eq => ops::eq(a, b),
        Cmp::Neq => ops::neq(a, b),
        Cmp::Same => ops::same(a, b),
        Cmp::NSame => ops::nsame(a, b),
        Cmp::Lt => ops::lt(a, b),
        Cmp::Le => ops::le(a, b),
        Cmp::Gt => ops::gt(a, b),
        Cmp::Ge => ops::ge(a, b),
    }?;
    Ok(r.as_bool())
}

#[inline(always)]
fn cmp(op: Cmp, a: &TypedValue, b: &TypedValue) -> Result<bool, RuntimeError> {
    if a.tag == Tag::Int && b.tag == Tag::Int {
        Ok(op.ints(a.as_int(), b.as_int()))
    } else if a.tag == Tag::Float && b.tag == Tag::Float {
        Ok(op.floats(a.as_float(), b.as_float()))
    } else {
        cmp_slow(op, a, b)
    }
}

#[cold]
fn unary(op: Un, a: &TypedValue) -> Result<TypedValue, RuntimeError> {
    match op {
        Un::Neg => ops::neg(a),
        Un::Plus => ops::plus(a),
        Un::Not => Ok(TypedValue::bool(!conv::to_bool(a))),
        Un::BitNot => ops::bitnot(a),
        Un::ToBool => Ok(TypedValue::bool(conv::to_bool(a))),
        Un::CastInt => ops::cast_int(a),
        Un::CastFloat => ops::cast_float(a),
        Un::CastStr => ops::cast_string(a),
        Un::Launder => Ok(*a),
    }
}

impl<'p> Vm<'p> {
    /// A VM for one request of `prog`.
    pub fn new(prog: &'p Program) -> Vm<'p> {
        Vm {
            prog,
            stack: zeroed_stack(),
            frames: Vec::with_capacity(256),
            consts: vec![None; prog.consts.len()],
            argbuf: Vec::with_capacity(16),
            top: 0,
        }
    }

    /// Call function `func` with owned `args`; returns its owned result.
    pub fn call(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        args: &[TypedValue],
    ) -> Result<TypedValue, RuntimeError> {
        let base = self.top;
        for (i, a) in args.iter().enumerate() {
            self.stack[base + i] = *a;
        }
        self.enter_args(func, base, args.len())?;
        let depth = self.frames.len();
        self.run(ctx, func, base as u32, depth)
    }

    /// Arity checks and defaults for a frame at `base` holding `n` arguments.
    #[inline]
    fn enter_args(&mut self, func: u32, base: usize, n: usize) -> Result<(), RuntimeError> {
        let f = &self.prog.funcs[func as usize];
        if base + f.nslots as usize + 1 >= self.stack.len() {
            return Err(RuntimeError::fatal("Stack overflow"));
        }
        let np = f.nparams as usize;
        if n == np && !f.variadic {
            return Ok(());
        }
        if n < f.required as usize {
            return Err(self.too_few(func, n));
        }
        if n > np && !f.variadic {
            for i in np..n {
                // SAFETY: the extra arguments were moved into the frame and are owned by it.
                unsafe { self.stack[base + i].dec_ref() };
            }
        }
        for i in n..np {
            self.stack[base + i] = TypedValue::uninit();
        }
        if f.variadic {
            return Err(RuntimeError::fatal(
                "jsvm: variadic parameters need vec support (not implemented yet)",
            ));
        }
        Ok(())
    }

    #[cold]
    fn too_few(&self, func: u32, n: usize) -> RuntimeError {
        let f = &self.prog.funcs[func as usize];
        let exp = if f.required == f.nparams && !f.variadic {
            "exactly"
        } else {
            "at least"
        };
        RuntimeError::throw(
            ExnClass::ArgumentCountError,
            format!(
                "Too few arguments to function {}(), {n} passed and {exp} {} expected",
                f.name, f.required
            ),
        )
    }

    /// Run `func` whose frame starts at `base` until it returns to frame depth `depth`.
    fn run(
        &mut self,
        ctx: &mut Ctx,
        func: u32,
        base: u32,
        depth: usize,
    ) -> Result<TypedValue, RuntimeError> {
        let prog = self.prog;
        let mut fid = func;
        let mut f = &prog.funcs[fid as usize];
        let mut pc: usize = 0;
        let mut base = base as usize;
        let stack = self.stack.as_mut_ptr();
        // SAFETY (for every `slot!`/`set!` below): the encoder gives every slot index < `nslots`,
        // and `enter_args` checked that `base + nslots` is inside the stack.
        let mut sp = unsafe { stack.add(base) };
        macro_rules! slot {
            ($s:expr) => {
                unsafe { *sp.add($s as usize) }
            };
        }
        macro_rules! set {
            ($s:expr, $v:expr) => {{
                let v = $v;
                unsafe { *sp.add($s as usize) = v }
            }};
        }
        macro_rules! try_op {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        self.frames.truncate(depth);
                        return Err(e);
                    }
                }
            };
        }
        loop {
            // SAFETY: every function ends in a terminator, so `pc` stays inside the code.
            let op = unsafe { *f.code.get_unchecked(pc) };
            pc += 1;
            match op {
                Op::Const { dst, k } => set!(dst, f.consts[k as usize]),
                Op::Int { dst, i } => set!(dst, TypedValue::int(i)),
                Op::Mov { dst, src } => set!(dst, slot!(src)),
                Op::IntBin { op, dst, a, b } => set!(
                    dst,
                    TypedValue::int(int_bin(op, slot!(a).as_int(), slot!(b).as_int()))
                ),
                Op::IntBinImm { op, dst, a, imm } => {
                    set!(
                        dst,
                        TypedValue::int(int_bin(op, slot!(a).as_int(), imm as i64))
                    )
                }
                Op::IntCmpImm { op, dst, a, imm } => {
                    set!(
                        dst,
                        TypedValue::bool(op.ints(slot!(a).as_int(), imm as i64))
                    )
                }
                Op::IntCmpImmJmpNot { op, a, imm, target } => {
                    if !op.ints(slot!(a).as_int(), imm as i64) {
                        pc = target as usize;
                    }
                }
                Op::FloatBin { op, dst, a, b } => {
                    let (x, y) = (slot!(a).as_float(), slot!(b).as_float());
                    let r = match op {
                        Bin::Add => x + y,
                        Bin::Sub => x - y,
                        _ => x * y,
                    };
                    set!(dst, TypedValue::float(r))
                }
                Op::Bin { op, dst, a, b } => set!(dst, try_op!(bin(op, &slot!(a), &slot!(b)))),
                Op::IntCmp { op, dst, a, b } => set!(
                    dst,
                    TypedValue::bool(op.ints(slot!(a).as_int(), slot!(b).as_int()))
                ),
                Op::Cmp { op, dst, a, b } => set!(
                    dst,
                    TypedValue::bool(try_op!(cmp(op, &slot!(a), &slot!(b))))
                ),
                Op::Un { op, dst, a } => {
                    let v = slot!(a);
                    let r = match op {
                        Un::Not if v.tag == Tag::Bool => TypedValue::bool(!v.as_bool()),
                        Un::Launder => v,
                        _ => try_op!(unary(op, &v)),
                    };
                    set!(dst, r)
                }
                Op::ConcatN { dst, start, n } => {
                    self.argbuf.clear();
                    for i in 0..n {
                        self.argbuf.push(slot!(f.args[(start + i) as usize]));
                    }
                    set!(dst, try_op!(ops::concat_n(&self.argbuf)))
                }
                Op::IsType { dst, src, check } => {
                    set!(
                        dst,
                        TypedValue::bool(matches(&slot!(src), f.checks[check as usize].ty))
                    )
                }
                Op::VerifyType { dst, src, check } => {
                    let v = slot!(src);
                    let info = &f.checks[check as usize];
                    if !matches(&v, info.ty) {
                        try_op!(Err(verify_failed(&f.name, info, &v)));
                    }
                    set!(dst, v)
                }
                Op::IndexGet { dst, a, b } => set!(dst, try_op!(index_get(&slot!(a), &slot!(b)))),
                Op::IndexIsset { dst, a, b } => {
                    set!(dst, TypedValue::bool(index_isset(&slot!(a), &slot!(b))))
                }
                Op::Jmp { target } => pc = target as usize,
                Op::JmpIfNot { cond, target } => {
                    if !slot!(cond).as_bool() {
                        pc = target as usize;
                    }
                }
                Op::JmpIf { cond, target } => {
                    if slot!(cond).as_bool() {
                        pc = target as usize;
                    }
                }
                Op::IntCmpJmpNot { op, a, b, target } => {
                    if !op.ints(slot!(a).as_int(), slot!(b).as_int()) {
                        pc = target as usize;
                    }
                }
                Op::CmpJmpNot { op, a, b, target } => {
                    if !try_op!(cmp(op, &slot!(a), &slot!(b))) {
                        pc = target as usize;
                    }
                }
                Op::Switch { src, table } => {
                    let t = &f.switches[table as usize];
                    let v = slot!(src).as_int();
                    pc = t.cases.iter().find(|c| c.0 == v).map_or(t.default, |c| c.1) as usize;
                }
                Op::Call {
                    dst,
                    func,
                    start,
                    n,
                    checked,
                } => {
                    if let Some(entry) = prog.table.get(func) {
                        // Compiled code: arguments move into the callee; a Hack exception comes
                        // back in `ctx.pending`.
                        self.argbuf.clear();
                        for i in 0..n as usize {
                            self.argbuf.push(slot!(f.args[start as usize + i]));
                        }
                        let mut args = std::mem::take(&mut self.argbuf);
                        // SAFETY: the arguments are owned values moved into the callee, as
                        // `GenericEntry` requires.
                        let r = unsafe { entry(ctx, args.as_mut_ptr(), n as u32) };
                        self.argbuf = args;
                        if let Some(e) = ctx.pending.take() {
                            try_op!(Err(e));
                        }
                        set!(dst, r);
                        continue;
                    }
                    let new_base = base + f.nslots as usize;
                    for i in 0..n as usize {
                        let v = slot!(f.args[start as usize + i]);
                        self.stack[new_base + i] = v;
                    }
                    try_op!(self.enter_args(func, new_base, n as usize));
                    self.frames.push(Frame {
                        func: fid,
                        pc: pc as u32,
                        base: base as u32,
                        ret: dst,
                    });
                    fid = func;
                    f = &prog.funcs[fid as usize];
                    pc = if checked { f.checked_entry as usize } else { 0 };
                    base = new_base;
                    // SAFETY: `enter_args` checked the new frame fits in the stack.
                    sp = unsafe { stack.add(base) };
                }
                Op::Ret { src } => {
                    let v = slot!(src);
                    if self.frames.len() == depth {
                        return Ok(v);
                    }
                    let fr = self.frames.pop().expect("caller frame");
                    fid = fr.func;
                    f = &prog.funcs[fid as usize];
                    pc = fr.pc as usize;
                    base = fr.base as usize;
                    // SAFETY: a caller's frame was inside the stack when it made the call.
                    sp = unsafe { stack.add(base) };
                    set!(fr.ret, v);
                }
                Op::CallBuiltin {
                    dst,
                    builtin,
                    start,
                    n,
                } => {
                    let b = &builtins::all()[builtin as usize];
                    self.argbuf.clear();
                    for i in 0..n as usize {
                        self.argbuf.push(slot!(f.args[start as usize + i]));
                    }
                    if (n as usize) < b.min_args as usize
                        || b.max_args.is_some_and(|m| n as usize > m as usize)
                    {
                        try_op!(Err(b.arity_error(n as usize)));
                    }
                    let args = std::mem::take(&mut self.argbuf);
                    let r = (b.f)(ctx, &args);
                    self.argbuf = args;
                    set!(dst, try_op!(r))
                }
                Op::Echo { src } => conv::push_string(&slot!(src), &mut ctx.out),
                Op::GetConst { dst, idx } => {
                    let v = match self.consts[idx as usize] {
                        Some(v) => v,
                        None => {
                            // Run the initializer in a nested frame above this one.
                            let init = prog.consts[idx as usize].1;
                            let saved_top = self.top;
                            self.top = base + f.nslots as usize;
                            let r = self.call(ctx, init, &[]);
                            self.top = saved_top;
                            let v = try_op!(r);
                            self.consts[idx as usize] = Some(v);
                            v
                        }
                    };
                    // SAFETY: constants are kept alive by the cache; the slot gets its own reference.
                    unsafe { v.inc_ref() };
                    set!(dst, v)
                }
                Op::IncRef { src } => {
                    let v = slot!(src);
                    // SAFETY: the refcount pass pairs increments with owned values.
                    unsafe { v.inc_ref() }
                }
                Op::DecRef { src } => {
                    let v = slot!(src);
                    // SAFETY: the refcount pass emits a decrement only where the slot owns a reference.
                    unsafe { v.dec_ref() }
                }
                Op::Throw { src } => try_op!(Err(RuntimeError::Object(slot!(src)))),
                Op::Exit { src } => {
                    let code = conv::to_int(&slot!(src));
                    try_op!(Err(RuntimeError::Exit(code as i32)))
                }
                Op::Error { idx } => {
                    let (class, msg) = &f.errors[idx as usize];
                    try_op!(Err(RuntimeError::throw(*class, msg.clone())))
                }
                Op::Unreachable => {
                    try_op!(Err(RuntimeError::fatal("jsvm: reached unreachable code")))
                }
            }
        }
    }
}

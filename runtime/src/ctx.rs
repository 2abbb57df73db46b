//! `Ctx`: the per-request context passed to every helper and builtin (output buffer; the interpreter adds more state).
//!
//! Output is buffered here and written out by `flush_to` at exit and before a
//! fatal error (DESIGN.md "Interpreter").

use std::io::{self, Write};

/// The request context. A plain struct with public fields; other modules add fields.
#[derive(Debug, Default)]
pub struct Ctx {
    /// The request's output buffer (echo, print, printf, var_dump).
    pub out: Vec<u8>,
    /// A Hack exception raised inside compiled code, waiting for the caller to handle it
    /// (the pending-exception protocol: no unwinding through native frames).
    pub pending: Option<crate::error::RuntimeError>,
    /// 1 while `pending` holds an error raised inside compiled code (set by the `jit` helpers,
    /// tested by compiled code after every call that can throw, cleared by a generic entry as it
    /// returns to a caller that is not compiled code). Compiled code reads it at a fixed offset.
    pub jit_pending: u8,
    /// Lowest stack address compiled code may use: a prologue whose frame lies below it raises
    /// the fatal "Stack overflow" (0 = unchecked). Set by `jit::set_stack_limit`.
    pub stack_limit: usize,
    /// Address of the running `interp::Program` (0 = none): compiled code that calls a function
    /// without compiled code runs it in the interpreter through `jit::rt_call_interp`.
    pub jit_program: usize,
    /// The interpreter VM that called into compiled code (a `*mut interp::exec::Vm`, or null):
    /// calls from compiled code back into the interpreter reuse it, so per-request state
    /// (statics, constants, memoize caches) and the VM stack are shared.
    pub vm: *mut (),
    /// Steps left before the request is stopped with a fatal error (decremented at calls and
    /// loop back-edges; `u64::MAX` = no limit in practice).
    pub budget: u64,
    /// Set by another thread to stop the request at its next poll, with the same fatal error as
    /// a spent budget (`jsvm serve --request-timeout`'s watchdog). Only that thread writes it: a
    /// store into `budget` instead would be lost to the request's own decrements in flight.
    /// Both tiers read it where they poll the budget, with a relaxed load.
    pub stop: std::sync::atomic::AtomicBool,
    /// The deopt-every-N stress switch: guard checks left before compiled code deoptimizes on
    /// purpose (compiled with `deopt_every` > 0 only; reset to N by the guard that hits 0).
    pub deopt_countdown: u64,
}

impl Ctx {
    /// A fresh context with an empty output buffer.
    pub fn new() -> Ctx {
        Ctx {
            out: Vec::with_capacity(8192),
            pending: None,
            jit_pending: 0,
            stack_limit: 0,
            jit_program: 0,
            vm: std::ptr::null_mut(),
            budget: u64::MAX,
            stop: std::sync::atomic::AtomicBool::new(false),
            deopt_countdown: 0,
        }
    }

    /// Appends bytes to the output buffer.
    #[inline]
    /// `exit($v)`: a string is printed and the status is 0 (PHP's and HHVM's `exit("bye")`),
    /// else `$v` is the status.
    pub fn exit_with(&mut self, v: &crate::value::TypedValue) -> crate::error::RuntimeError {
        if v.tag == crate::value::Tag::Str {
            self.echo(v.str_bytes());
            return crate::error::RuntimeError::Exit(0);
        }
        crate::error::RuntimeError::Exit(crate::conv::to_int(v) as i32)
    }

    pub fn echo(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }

    /// Writes the buffered output to `w` and empties the buffer (also on error, the buffer keeps what was not written).
    pub fn flush_to(&mut self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(&self.out)?;
        self.out.clear();
        w.flush()
    }

    /// Takes the buffered output (for tests and embedding).
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }
}

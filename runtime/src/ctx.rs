//! `Ctx`: the per-request context passed to every helper and builtin (output buffer; the interpreter adds more state).
//!
//! Output is buffered here and written out by `flush_to` at exit and before a
//! fatal error (DESIGN.md "Interpreter"). A CLI run streams it ([`Ctx::stream`]): the buffer
//! goes to stdout once it holds [`STREAM_AT`] bytes, or after every write when stdout is a
//! terminal. The buffer's memory counts against the request's memory limit (a streamed
//! buffer's only as much as it keeps between writes).

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
    /// Where output goes as it is written (a CLI run), else it stays in the buffer until taken
    /// (a `serve` response, tests).
    pub stream: Stream,
    /// The buffer's capacity charged to the request heap (its memory limit) so far.
    out_charged: usize,
}

/// Whether and how output leaves the buffer while the request runs ([`Ctx::stream`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stream {
    /// It stays (a response, tests).
    #[default]
    Off,
    /// To stdout once the buffer holds [`STREAM_AT`] bytes (stdout is a pipe or a file).
    Blocks,
    /// To stdout after every write (stdout is a terminal: output shows as it is written, as
    /// PHP's CLI shows it).
    Writes,
}

/// Buffered output a streaming context writes out at once (bytes).
pub const STREAM_AT: usize = 64 << 10;

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
            stream: Stream::Off,
            out_charged: 0,
        }
    }

    /// `exit($v)`: an int is the status; a string, float or bool is printed and the status is
    /// 0, as HHVM's and PHP's (before 8.4) `exit("bye")` and `exit(1.5)`; `exit()` and
    /// `exit(null)` are 0.
    pub fn exit_with(&mut self, v: &crate::value::TypedValue) -> crate::error::RuntimeError {
        use crate::value::Tag;
        match v.tag {
            Tag::Int => crate::error::RuntimeError::Exit(v.as_int() as i32),
            Tag::Str | Tag::Float | Tag::Bool => {
                self.echo(&crate::conv::to_string_bytes(v));
                crate::error::RuntimeError::Exit(0)
            }
            Tag::Null | Tag::Uninit => crate::error::RuntimeError::Exit(0),
            _ => crate::error::RuntimeError::Exit(crate::conv::to_int(v) as i32),
        }
    }

    /// Appends bytes to the output buffer.
    #[inline]
    pub fn echo(&mut self, b: &[u8]) {
        self.write(|out| out.extend_from_slice(b));
    }

    /// Appends output: `f` writes into the buffer, which then streams as [`Ctx::stream`] says.
    /// Every writer of output goes through here.
    #[inline]
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Vec<u8>) -> T) -> T {
        let r = f(&mut self.out);
        self.wrote();
        r
    }

    /// After output was appended to `out`: stream it as [`Ctx::stream`] says, and charge the
    /// buffer's growth to the request heap (past the memory limit: PHP's fatal error, as for
    /// any allocation).
    #[inline]
    fn wrote(&mut self) {
        let full = match self.stream {
            Stream::Off => false,
            Stream::Blocks => self.out.len() >= STREAM_AT,
            Stream::Writes => true,
        };
        if full {
            if let Err(e) = self.flush_to(&mut io::stdout().lock()) {
                // Output that cannot be written (a full disk, a closed pipe's EPIPE where
                // SIGPIPE is ignored) ends the program with a fatal error, as in PHP (status 255),
                // rather than running on with its output lost.
                self.out.clear();
                panic!("fatal error: cannot write the output: {e}");
            }
            // A streamed buffer is empty again: one big write (a long string, a large
            // `var_dump`) does not keep its room, nor its charge against the memory limit, for
            // the rest of the run (PHP and HHVM write output outside the request heap).
            if self.out.capacity() > 2 * STREAM_AT {
                self.out.shrink_to(STREAM_AT);
            }
        }
        let cap = self.out.capacity();
        if cap > self.out_charged {
            crate::heap::charge_external(cap - self.out_charged);
        } else if cap < self.out_charged {
            crate::heap::release_external(self.out_charged - cap);
        }
        self.out_charged = cap;
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

//! jsvm-runtime: values, the request heap, builtins, exceptions, the register-bytecode interpreter, the function table and the tier policy.

pub mod array;
pub mod builtins;
pub mod conv;
pub mod cpu;
pub mod ctx;
pub mod error;
pub mod heap;
pub mod interp;
pub mod jit;
pub mod object;
pub mod ops;
pub mod prelude;
pub mod string;
pub mod switch;
pub mod tier;
pub mod value;

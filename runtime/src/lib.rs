//! jsvm-runtime: values, the request heap, builtins, exceptions, the register-bytecode interpreter, the function table and the tier policy.

pub mod conv;
pub mod ctx;
pub mod error;
pub mod heap;
pub mod string;
pub mod value;

//! jsvm-runtime: values, the request heap, builtins, exceptions, the register-bytecode interpreter, the function table and the tier policy.

//! The closed set of runtime helpers compiled code may call: symbol, address and LLVM signature
//! shape of each. The loader resolves undefined symbols only through `Helper::from_symbol`.

use jsvm_runtime::jit;

/// The LLVM signature of a helper (every `TypedValue` by value is two `i64`s: payload and tag;
/// a returned `TypedValue` is `{ i64, i64 }`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `(ctx, tv, tv) -> tv`.
    Bin,
    /// `(ctx, tv) -> tv`.
    Un,
    /// `(ctx, tv) -> void`.
    UnVoid,
    /// `(ctx, i64) -> void`.
    IntVoid,
    /// `(ctx, ptr, i32) -> tv`.
    PtrN,
    /// `(tv, i32) -> i32`.
    IsType,
    /// `(ctx, ptr, tv) -> tv`.
    PtrTv,
    /// `(ctx, ptr) -> tv`.
    Ptr,
    /// `(ptr, i32) -> void`.
    DropArgs,
    /// `(tv) -> void`.
    TvVoid,
    /// `(ctx, i32, ptr, i32) -> tv`.
    Call,
    /// `(ctx) -> tv`.
    Ctx,
    /// `(ctx, ptr, tv, tv) -> tv`.
    PtrBin,
    /// `(ctx, ptr, ptr, i32) -> tv`.
    SiteArgs,
    /// `(tv, i32, i32) -> i32`.
    IsClass,
    /// `(ptr, tv) -> i64`.
    PtrTvInt,
    /// A C library function the code generator may call on its own (never declared by lowering).
    Libc,
}

macro_rules! helpers {
    ($($name:ident = $sym:literal, $shape:ident, $f:expr;)*) => {
        /// A runtime helper.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Helper { $(#[doc = $sym] $name),* }

        impl Helper {
            /// Every helper.
            pub const ALL: &'static [Helper] = &[$(Helper::$name),*];

            /// The symbol compiled code references.
            pub fn symbol(self) -> &'static str {
                match self { $(Helper::$name => $sym),* }
            }

            /// The helper named `s`, if any.
            pub fn from_symbol(s: &str) -> Option<Helper> {
                match s { $($sym => Some(Helper::$name),)* _ => None }
            }

            /// The LLVM signature shape.
            pub fn shape(self) -> Shape {
                match self { $(Helper::$name => Shape::$shape),* }
            }

            /// The helper's address.
            pub fn addr(self) -> usize {
                match self { $(Helper::$name => $f as *const () as usize),* }
            }
        }
    };
}

helpers! {
    Add = "rt_add", Bin, jit::rt_add;
    SwitchStr = "rt_switch_str", PtrTvInt, jit::rt_switch_str;
    Sub = "rt_sub", Bin, jit::rt_sub;
    Mul = "rt_mul", Bin, jit::rt_mul;
    Div = "rt_div", Bin, jit::rt_div;
    Mod = "rt_mod", Bin, jit::rt_mod;
    Pow = "rt_pow", Bin, jit::rt_pow;
    BitAnd = "rt_bitand", Bin, jit::rt_bitand;
    BitOr = "rt_bitor", Bin, jit::rt_bitor;
    BitXor = "rt_bitxor", Bin, jit::rt_bitxor;
    Shl = "rt_shl", Bin, jit::rt_shl;
    Shr = "rt_shr", Bin, jit::rt_shr;
    Concat = "rt_concat", Bin, jit::rt_concat;
    Cmp = "rt_cmp", Bin, jit::rt_cmp;
    Eq = "rt_eq", Bin, jit::rt_eq;
    Neq = "rt_neq", Bin, jit::rt_neq;
    Same = "rt_same", Bin, jit::rt_same;
    NSame = "rt_nsame", Bin, jit::rt_nsame;
    Lt = "rt_lt", Bin, jit::rt_lt;
    Le = "rt_le", Bin, jit::rt_le;
    Gt = "rt_gt", Bin, jit::rt_gt;
    Ge = "rt_ge", Bin, jit::rt_ge;
    Neg = "rt_neg", Un, jit::rt_neg;
    Plus = "rt_plus", Un, jit::rt_plus;
    Incr = "rt_incr", Un, jit::rt_incr;
    Decr = "rt_decr", Un, jit::rt_decr;
    Not = "rt_not", Un, jit::rt_not;
    BitNot = "rt_bitnot", Un, jit::rt_bitnot;
    ToBool = "rt_to_bool", Un, jit::rt_to_bool;
    CastInt = "rt_cast_int", Un, jit::rt_cast_int;
    CastFloat = "rt_cast_float", Un, jit::rt_cast_float;
    CastStr = "rt_cast_str", Un, jit::rt_cast_str;
    ConcatN = "rt_concat_n", PtrN, jit::rt_concat_n;
    Echo = "rt_echo", UnVoid, jit::rt_echo;
    EchoInt = "rt_echo_int", IntVoid, jit::rt_echo_int;
    IsType = "rt_is_type", IsType, jit::rt_is_type;
    VerifyFail = "rt_verify_fail", PtrTv, jit::rt_verify_fail;
    TooFewArgs = "rt_too_few_args", PtrN, jit::rt_too_few_args;
    StaticError = "rt_static_error", Ptr, jit::rt_static_error;
    DropArgs = "rt_drop_args", DropArgs, jit::rt_drop_args;
    DecRef = "rt_decref", TvVoid, jit::rt_decref;
    CallBuiltin = "rt_call_builtin", Call, jit::rt_call_builtin;
    CallInterp = "rt_call_interp", Call, jit::rt_call_interp;
    Throw = "rt_throw", Un, jit::rt_throw;
    Exit = "rt_exit", Un, jit::rt_exit;
    Unreachable = "rt_unreachable", Ctx, jit::rt_unreachable;
    StackOverflow = "rt_stack_overflow", Ctx, jit::rt_stack_overflow;
    Deopt = "rt_deopt", SiteArgs, jit::rt_deopt;
    BudgetExhausted = "rt_budget_exhausted", Ctx, jit::rt_budget_exhausted;
    NewVec = "rt_new_vec", PtrN, jit::rt_new_vec;
    NewDict = "rt_new_dict", PtrN, jit::rt_new_dict;
    NewKeyset = "rt_new_keyset", PtrN, jit::rt_new_keyset;
    Append = "rt_append", Bin, jit::rt_append;
    IndexGet = "rt_index_get", Bin, jit::rt_index_get;
    IndexGetQuiet = "rt_index_get_quiet", Bin, jit::rt_index_get_quiet;
    IndexIsset = "rt_index_isset", Bin, jit::rt_index_isset;
    IndexSet = "rt_index_set", PtrN, jit::rt_index_set;
    IndexUnset = "rt_index_unset", Bin, jit::rt_index_unset;
    GetConst = "rt_get_const", Ptr, jit::rt_get_const;
    SetPath = "rt_set_path", PtrN, jit::rt_set_path;
    SetPathAppend = "rt_set_path_append", PtrN, jit::rt_set_path_append;
    ConcatPath = "rt_concat_path", PtrN, jit::rt_concat_path;
    Count = "rt_count", Un, jit::rt_count;
    IterFirst = "rt_iter_first", Un, jit::rt_iter_first;
    IterNext = "rt_iter_next", Bin, jit::rt_iter_next;
    IterDone = "rt_iter_done", Bin, jit::rt_iter_done;
    IterKey = "rt_iter_key", Bin, jit::rt_iter_key;
    IterValue = "rt_iter_value", Bin, jit::rt_iter_value;
    ConcatTo = "rt_concat_to", Bin, jit::rt_concat_to;
    NewObj = "rt_new_obj", PtrTv, jit::rt_new_obj;
    GetProp = "rt_get_prop", PtrTv, jit::rt_get_prop;
    GetPropQuiet = "rt_get_prop_quiet", PtrTv, jit::rt_get_prop_quiet;
    TakeProp = "rt_take_prop", SiteArgs, jit::rt_take_prop;
    SetProp = "rt_set_prop", PtrBin, jit::rt_set_prop;
    ClassConst = "rt_class_const", PtrTv, jit::rt_class_const;
    GetStatic = "rt_get_static", PtrTv, jit::rt_get_static;
    TakeStatic = "rt_take_static", SiteArgs, jit::rt_take_static;
    SetStatic = "rt_set_static", PtrBin, jit::rt_set_static;
    CallMethod = "rt_call_method", SiteArgs, jit::rt_call_method;
    CallStatic = "rt_call_static", SiteArgs, jit::rt_call_static;
    CallValue = "rt_call_value", PtrN, jit::rt_call_value;
    CallSpread = "rt_call_spread", Call, jit::rt_call_spread;
    MakeClosure = "rt_make_closure", Call, jit::rt_make_closure;
    CallCallback = "rt_call_callback", SiteArgs, jit::rt_call_callback;
    CallArray = "rt_call_array", Bin, jit::rt_call_array;
    IsClass = "rt_is_class", IsClass, jit::rt_is_class;
    Catch = "rt_catch", Ctx, jit::rt_catch;
    Memcpy = "memcpy", Libc, libc::memcpy;
    Memmove = "memmove", Libc, libc::memmove;
    Memset = "memset", Libc, libc::memset;
    Fmod = "fmod", Libc, fmod_shim;
}

/// `fmod` (LLVM lowers `frem` to a libm call).
extern "C" fn fmod_shim(a: f64, b: f64) -> f64 {
    a % b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_roundtrip_and_addresses_are_set() {
        for &h in Helper::ALL {
            assert_eq!(Helper::from_symbol(h.symbol()), Some(h));
            assert_ne!(h.addr(), 0, "{h:?}");
        }
        assert_eq!(Helper::from_symbol("rt_nope"), None);
    }
}

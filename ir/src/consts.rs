//! HHVM's math constants (`M_PI`, `M_E`, ...), shared by the front end (which folds them) and
//! the runtime (which looks them up by name).
//!
//! HHVM defines them as 14-significant-digit literals (`k_M_PI = 3.1415926535898` in
//! `hphp/runtime/ext/std/ext_std_math.cpp`), not C's full-precision values that PHP uses: the
//! difference shows in `var_dump`, in `===` and in whatever amplifies it (`sin(M_PI)`).

// These are HHVM's rounded values on purpose, not approximations of `std::f64::consts`.
#![allow(clippy::approx_constant)]

/// `M_PI`, which `pi()` returns too.
pub const M_PI: f64 = 3.1415926535898;

/// HHVM's math constant named `name` (`M_PI`, `M_E`, `M_SQRT2`, ...).
pub fn math_const(name: &str) -> Option<f64> {
    Some(match name {
        "M_PI" => M_PI,
        "M_1_PI" => 0.31830988618379,
        "M_2_PI" => 0.63661977236758,
        "M_2_SQRTPI" => 1.1283791670955,
        "M_E" => 2.718281828459,
        "M_EULER" => 0.57721566490153,
        "M_LN10" => 2.302585092994,
        "M_LN2" => 0.69314718055995,
        "M_LNPI" => 1.1447298858494,
        "M_LOG10E" => 0.43429448190325,
        "M_LOG2E" => 1.442695040889,
        "M_PI_2" => 1.5707963267949,
        "M_PI_4" => 0.78539816339745,
        "M_SQRT1_2" => 0.70710678118655,
        "M_SQRT2" => 1.4142135623731,
        "M_SQRT3" => 1.7320508075689,
        "M_SQRTPI" => 1.7724538509055,
        _ => return None,
    })
}

//! Class constants the front end folds: a literal initializer, found on the class or the
//! nearest ancestor that declares the constant (self::, parent::, enum cases); the others stay
//! `class_const` lookups for the runtime (computed, from an interface, `static::`).

use jsvm_frontend::lower::lower_program;
use jsvm_frontend::{parse_program, SourceMap};

/// The lowered IR of function `name` of `src`.
fn function_ir(src: &str, name: &str) -> String {
    let mut map = SourceMap::new();
    map.add("t.hack".into(), src.into());
    let p = parse_program(&map).expect("parses");
    let m = lower_program(&p).expect("lowers");
    let id = m.func_by_name(name).expect("function");
    let mut s = String::new();
    jsvm_ir::write::write_function(&mut s, id, m.func(id)).expect("write to string");
    s
}

#[test]
fn literal_class_constants_fold_through_the_parent_chain() {
    let src = r#"<?hh
const int TOP = 2;
interface I { const int X = 1; }
class P implements I { const int A = 5; const int B = TOP * 2; const int T = TOP; const int O = 8; }
class C extends P { const string S = "c"; const int O = -9; }
enum E: int { K = 3; }
function f(): void { echo C::A, C::S, C::B, C::T, C::X, I::X, E::K, C::O, P::O; }
class D extends C {
  public function g(): void { echo self::A, parent::O, static::A; }
}
"#;
    let f = function_ir(src, "f");
    let lookups: Vec<&str> = f
        .lines()
        .filter_map(|l| l.split_once("class_const ").map(|(_, m)| m))
        .collect();
    // C::B is computed, C::X comes from an interface: the runtime resolves both.
    assert_eq!(lookups, ["\"C\"::\"B\"", "\"C\"::\"X\""], "{f}");
    for folded in [
        "const_int 5",
        "const_str \"c\"",
        "const_int 2",
        "const_int 1",
        "const_int 3",
        "const_int -9",
        "const_int 8",
    ] {
        assert!(f.contains(folded), "{folded} in {f}");
    }
    let g = function_ir(src, "D::g");
    let lookups: Vec<&str> = g
        .lines()
        .filter_map(|l| l.split_once("class_const ").map(|(_, m)| m))
        .collect();
    assert_eq!(lookups, ["\"static\"::\"A\" v0"], "{g}");
    assert!(
        g.contains("const_int 5") && g.contains("const_int -9"),
        "{g}"
    );
}

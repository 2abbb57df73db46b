//! The front end's declaration errors: duplicates, inheritance rules, method bodies, overrides,
//! unimplemented abstract methods, entry points, switch defaults, jumps out of `finally` and
//! `is`/`as` with a function type; each with the line it points at, and the valid programs next
//! to them still accepted.

use jsvm_frontend::lower::lower_program;
use jsvm_frontend::{parse_program, SourceMap};

/// Lower the files of a program: `Ok` or the error's message and 1-based line.
fn lower(files: &[&str]) -> Result<(), (String, usize)> {
    let mut map = SourceMap::new();
    for (i, src) in files.iter().enumerate() {
        map.add(format!("f{i}.hack"), (*src).into());
    }
    let p = parse_program(&map).map_err(|d| (d[0].message.clone(), 0))?;
    lower_program(&p).map(|_| ()).map_err(|e| {
        let src = files[e.span.file as usize];
        let line = src[..e.span.lo as usize].matches('\n').count() + 1;
        (e.message, line)
    })
}

#[track_caller]
fn refused(src: &str, message: &str, line: usize) {
    assert_eq!(lower(&[src]), Err((message.to_string(), line)), "{src}");
}

#[track_caller]
fn accepted(src: &str) {
    assert_eq!(lower(&[src]), Ok(()), "{src}");
}

#[test]
fn duplicate_declarations() {
    refused(
        "class C {\n  public function f(): void {}\n  public function F(): void {}\n}",
        "Cannot redeclare C::F()",
        3,
    );
    refused(
        "class C {\n  public int $x = 1;\n  public static int $x = 2;\n}",
        "Cannot redeclare C::$x",
        3,
    );
    refused(
        "class C {\n  public int $x = 1;\n  public function __construct(private int $x) {}\n}",
        "Cannot redeclare C::$x",
        3,
    );
    refused(
        "class C {\n  const A = 1;\n  const A = 2;\n}",
        "Cannot redefine class constant C::A",
        3,
    );
    refused(
        "enum E: int {\n  A = 1;\n  A = 2;\n}",
        "Cannot redefine class constant E::A",
        3,
    );
    refused(
        "const X = 1;\nconst X = 2;",
        "Constant X already defined",
        2,
    );
    refused(
        "function f(int $a,\n  string $a): void {}",
        "Redefinition of parameter $a",
        2,
    );
    refused(
        "function f(): void {\n  $g = ($x, $x) ==> $x;\n}",
        "Redefinition of parameter $x",
        2,
    );
    // The same member name in two classes, or as a method and a property, is fine.
    accepted(
        "class A { public int $f = 1; public function f(): void {} const F = 1; }\n\
         class B extends A { public int $f = 2; public function f(): void {} const F = 2; }",
    );
}

#[test]
fn method_bodies() {
    refused(
        "abstract class A {\n  abstract public function f(): void {}\n}",
        "Abstract function A::f() cannot contain body",
        2,
    );
    refused(
        "class A {\n  public function f(): void;\n}",
        "Non-abstract method A::f() must contain body",
        2,
    );
    refused(
        "interface I {\n  public function f(): void {}\n}",
        "Interface function I::f() cannot contain body",
        2,
    );
    refused(
        "class A {\n  abstract public function f(): void;\n}",
        "Class A contains an abstract method and must therefore be declared abstract",
        2,
    );
}

#[test]
fn what_a_class_may_extend_and_implement() {
    refused(
        "final class A {}\nclass B extends A {}",
        "Class B may not inherit from final class (A)",
        2,
    );
    refused(
        "abstract final class A {}\nclass B extends A {}",
        "Class B may not inherit from final class (A)",
        2,
    );
    refused(
        "enum E: int { X = 1; }\nclass B extends E {}",
        "Class B may not inherit from final class (E)",
        2,
    );
    refused(
        "interface I {}\nclass B extends I {}",
        "Class B may not inherit from interface (I)",
        2,
    );
    refused(
        "class A {}\nclass B implements A {}",
        "B cannot implement A - it is not an interface",
        2,
    );
    refused(
        "class A {}\ninterface I extends A {}",
        "I cannot implement A - it is not an interface",
        2,
    );
    accepted("interface I {}\ninterface J extends I {}\nabstract class A implements J {}\nclass B extends A {}");
}

#[test]
fn overrides() {
    refused(
        "class A { final public function f(): void {} }\nclass B extends A {\n  public function f(): void {}\n}",
        "Cannot override final method A::f()",
        3,
    );
    refused(
        "class A { public static function f(): void {} }\nclass B extends A {\n  public function f(): void {}\n}",
        "Cannot make static method A::f() non static in class B",
        3,
    );
    refused(
        "class A { public function f(): void {} }\nclass B extends A {\n  public static function f(): void {}\n}",
        "Cannot make non static method A::f() static in class B",
        3,
    );
    refused(
        "class A { public function f(): void {} }\nclass M extends A {}\nclass B extends M {\n  protected function f(): void {}\n}",
        "Access level to B::f() must be public (as in class A)",
        4,
    );
    refused(
        "class A { protected function f(): void {} }\nclass B extends A {\n  private function f(): void {}\n}",
        "Access level to B::f() must be protected (as in class A) or weaker",
        3,
    );
    refused(
        "interface I { public function f(): void; }\nclass B implements I {\n  protected function f(): void {}\n}",
        "Access level to B::f() must be public (as in class I)",
        3,
    );
    // A parent's private method is not inherited; constructors may change visibility; widening
    // is fine.
    accepted(
        "class A { private function f(): void {} public function __construct() {}\n\
         protected function g(): void {} }\n\
         class B extends A { public static function f(): void {} private function __construct() {}\n\
         public function g(): void {} }",
    );
}

#[test]
fn property_redeclarations() {
    refused(
        "class A { public int $x = 1; }\nclass B extends A {\n  public mixed $x = 'h';\n}",
        "Type of B::$x must be int (as in class A)",
        3,
    );
    refused(
        "class A { public ?string $x = null; }\nclass M extends A {}\nclass B extends M {\n  public function __construct(public string $x) {}\n}",
        "Type of B::$x must be ?string (as in class A)",
        4,
    );
    refused(
        "class A { public int $x = 1; }\nclass B extends A {\n  protected int $x = 2;\n}",
        "Access level to B::$x must be public (as in class A)",
        3,
    );
    refused(
        "class A { protected int $x = 1; }\nclass B extends A {\n  private int $x = 2;\n}",
        "Access level to B::$x must be protected (as in class A) or weaker",
        3,
    );
    refused(
        "class A { public static int $s = 1; }\nclass B extends A {\n  public int $s = 2;\n}",
        "Cannot redeclare static A::$s as non static B::$s",
        3,
    );
    refused(
        "class A { public int $s = 1; }\nclass B extends A {\n  public static int $s = 2;\n}",
        "Cannot redeclare non static A::$s as static B::$s",
        3,
    );
    // Same type (new default), wider visibility, a parent's private property: all fine.
    accepted(
        "class A { protected vec<int> $v = vec[]; private int $p = 0; public static int $s = 1; }\n\
         class B extends A { public vec<int> $v = vec[1]; private string $p = ''; public static int $s = 2; }",
    );
}

#[test]
fn abstract_methods_are_implemented() {
    refused(
        "abstract class A { abstract public function f(): void; }\nclass B extends A {}",
        "Class B contains abstract method (f) and must therefore be declared abstract or implement the remaining methods",
        2,
    );
    refused(
        "interface I { public function f(): void; }\ninterface J extends I {}\nabstract class A implements J {}\nclass B extends A {}",
        "Class B contains abstract method (f) and must therefore be declared abstract or implement the remaining methods",
        4,
    );
    // Implemented by an ancestor, or by the class itself; an abstract class may leave it.
    accepted(
        "interface I { public function f(): void; }\nabstract class A implements I {}\n\
         class B extends A { public function f(): void {} }\nclass C extends B {}\n\
         class D { public function f(): void {} }\nclass E extends D implements I {}",
    );
}

#[test]
fn entry_points_and_switch_defaults() {
    // Entry points are functions: a method's attribute was silently ignored.
    refused(
        "class C {\n  <<__EntryPoint>>\n  public static function m(): void {}\n}",
        "<<__EntryPoint>> applies to top-level functions, not to methods",
        2,
    );
    refused(
        "<<__EntryPoint>> function a(): void {}\n<<__EntryPoint>>\nfunction b(): void {}",
        "A file may have only one <<__EntryPoint>> function (a() has it too)",
        3,
    );
    // One per file: a program of several files may have one in each (the first one runs).
    assert_eq!(
        lower(&[
            "<<__EntryPoint>> function a(): void {}",
            "<<__EntryPoint>> function b(): void {}"
        ]),
        Ok(())
    );
    assert_eq!(
        lower(&["function f(int $x): void {\n  switch ($x) {\n    default: break;\n    case 1: break;\n    default: break;\n  }\n}"]),
        Err((
            "Switch statements may only contain one default clause".to_string(),
            0
        ))
    );
}

#[test]
fn no_jump_out_of_finally() {
    refused(
        "function f(): void {\n  for ($i = 0; $i < 3; $i++) {\n    try {} finally {\n      break;\n    }\n  }\n}",
        "jump out of a finally block is disallowed",
        4,
    );
    refused(
        "function f(): void {\n  while (true) {\n    try {} finally { if (true) { continue; } }\n  }\n}",
        "jump out of a finally block is disallowed",
        3,
    );
    // A loop inside the finally block may break and continue; a finally block may return.
    accepted(
        "function f(): int {\n  try {} finally {\n    foreach (vec[1] as $x) { if ($x) { continue; } break; }\n    return 1;\n  }\n}",
    );
}

#[test]
fn no_is_or_as_with_a_function_type() {
    refused(
        "function f(mixed $x): bool {\n  return $x is (function(int): int);\n}",
        "`is` cannot test a function type",
        2,
    );
    refused(
        "function f(mixed $x): mixed {\n  return $x ?as ?(function(): void);\n}",
        "`as` cannot test a function type",
        2,
    );
    // A function type elsewhere (parameters, properties, type arguments) is accepted.
    accepted("function f((function(int): int) $g, mixed $x): bool {\n  return $x is vec<_>;\n}");
}

#[test]
fn inheritance_cycles_are_declaration_errors() {
    refused(
        "class A extends B {}\nclass B extends A {}",
        "Class A inherits from itself",
        1,
    );
    refused("class A extends A {}", "Class A inherits from itself", 1);
    refused(
        "interface I extends J {}\ninterface J extends K {}\ninterface K extends I {}",
        "Class I inherits from itself",
        1,
    );
    refused(
        "interface I extends J {}\ninterface J extends I {}\nclass C implements I {}",
        "Class I inherits from itself",
        1,
    );
    // A diamond of interfaces is no cycle.
    accepted(
        "interface I {}\ninterface J extends I {}\ninterface K extends I {}\n\
         interface L extends J, K {}\nclass C implements L, I {}\nclass D extends C implements J {}",
    );
}

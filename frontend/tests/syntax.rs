//! Unit tests of the parser: precedence, literals, strings, heredocs, declarations, diagnostics.

use jsvm_frontend::ast::*;
use jsvm_frontend::{parse_program, render_diagnostics, SourceMap};

fn parse(src: &str) -> Result<Program, String> {
    let mut map = SourceMap::new();
    map.add("file.hack".into(), src.into());
    parse_program(&map).map_err(|d| render_diagnostics(&map, &d))
}

/// The statements of `function f() { BODY }`.
fn stmts(body: &str) -> Vec<Stmt> {
    let p = parse(&format!("<?hh\nfunction f(): void {{\n{body}\n}}\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    match p.decls.into_iter().next() {
        Some(Decl::Function(f)) => f.body.stmts,
        d => panic!("{d:?}"),
    }
}

fn expr(src: &str) -> Expr {
    match stmts(&format!("{src};")).remove(0).kind {
        StmtKind::Expr(e) => e,
        k => panic!("{k:?}"),
    }
}

/// A compact S-expression of an expression.
fn sx(e: &Expr) -> String {
    let all = |es: &[Expr]| es.iter().map(sx).collect::<Vec<_>>().join(" ");
    let args = |a: &[Arg]| {
        a.iter()
            .map(|a| {
                if a.spread {
                    format!("...{}", sx(&a.value))
                } else {
                    sx(&a.value)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let cref = |c: &ClassRef| match c {
        ClassRef::Named(n) => n.name.clone(),
        ClassRef::Self_ => "self".into(),
        ClassRef::Parent => "parent".into(),
        ClassRef::Static => "static".into(),
    };
    match &e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::Float(v) => format!("{v:?}"),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Null => "null".into(),
        ExprKind::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
        ExprKind::Interp(parts) => {
            let ps: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    StrPart::Lit(s) => format!("{:?}", String::from_utf8_lossy(s)),
                    StrPart::Expr(e) => sx(e),
                })
                .collect();
            format!("(interp {})", ps.join(" "))
        }
        ExprKind::Vec(es) => format!("(vec {})", all(es)),
        ExprKind::Keyset(es) => format!("(keyset {})", all(es)),
        ExprKind::Dict(kv) => format!(
            "(dict {})",
            kv.iter()
                .map(|(k, v)| format!("{}=>{}", sx(k), sx(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ExprKind::Var(v) => format!("${v}"),
        ExprKind::This => "$this".into(),
        ExprKind::PipeVar => "$$".into(),
        ExprKind::Name(n) => n.name.clone(),
        ExprKind::ClassConst { class, name } => format!("{}::{}", cref(class), name.name),
        ExprKind::ClassName(c) => format!("{}::class", cref(c)),
        ExprKind::StaticProp { class, name } => format!("{}::${}", cref(class), name.name),
        ExprKind::Unary { op, expr } => format!("({op:?} {})", sx(expr)),
        ExprKind::Binary { op, lhs, rhs } => format!("({} {} {})", op.as_str(), sx(lhs), sx(rhs)),
        ExprKind::Assign { op, target, value } => {
            format!(
                "({}= {} {})",
                op.map_or("", |o| o.as_str()),
                sx(target),
                sx(value)
            )
        }
        ExprKind::IncDec { op, target } => format!("({op:?} {})", sx(target)),
        ExprKind::Ternary { cond, then, else_ } => match then {
            Some(t) => format!("(? {} {} {})", sx(cond), sx(t), sx(else_)),
            None => format!("(?: {} {})", sx(cond), sx(else_)),
        },
        ExprKind::Pipe { lhs, rhs } => format!("(|> {} {})", sx(lhs), sx(rhs)),
        ExprKind::Index { base, index } => format!(
            "(idx {} {})",
            sx(base),
            index.as_ref().map_or("[]".into(), |i| sx(i))
        ),
        ExprKind::Prop {
            obj,
            name,
            nullsafe,
        } => format!(
            "({} {} {})",
            if *nullsafe { "?->" } else { "->" },
            sx(obj),
            name.name
        ),
        ExprKind::Call {
            callee, args: a, ..
        } => format!("(call {} {})", sx(callee), args(a)),
        ExprKind::MethodCall {
            obj,
            name,
            args: a,
            nullsafe,
        } => {
            format!(
                "(mcall{} {} {} {})",
                if *nullsafe { "?" } else { "" },
                sx(obj),
                name.name,
                args(a)
            )
        }
        ExprKind::StaticCall {
            class,
            name,
            args: a,
        } => format!("(scall {}::{} {})", cref(class), name.name, args(a)),
        ExprKind::New { class, args: a } => format!("(new {} {})", cref(class), args(a)),
        ExprKind::Is { expr, hint } => format!(
            "(is {} {})",
            sx(expr),
            jsvm_frontend::dump::hint_to_string(hint)
        ),
        ExprKind::As {
            expr,
            hint,
            nullable,
        } => {
            format!(
                "({} {} {})",
                if *nullable { "?as" } else { "as" },
                sx(expr),
                jsvm_frontend::dump::hint_to_string(hint)
            )
        }
        ExprKind::InstanceOf { expr, class } => {
            format!("(instanceof {} {})", sx(expr), cref(class))
        }
        ExprKind::Cast { kind, expr } => format!("({kind:?} {})", sx(expr)),
        ExprKind::Isset(es) => format!("(isset {})", all(es)),
        ExprKind::Lambda(l) => {
            let ps: Vec<String> = l
                .params
                .iter()
                .map(|p| format!("${}", p.name.name))
                .collect();
            let body = match &l.body {
                LambdaBody::Expr(e) => sx(e),
                LambdaBody::Block(b) => format!("{{{}}}", b.stmts.len()),
            };
            format!("(fn [{}] {})", ps.join(" "), body)
        }
        ExprKind::List(items) => format!(
            "(list {})",
            items
                .iter()
                .map(|i| i.as_ref().map_or("_".into(), sx))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ExprKind::Exit(e) => format!("(exit {})", e.as_ref().map_or(String::new(), |e| sx(e))),
        ExprKind::Print(e) => format!("(print {})", sx(e)),
    }
}

fn check(src: &str, want: &str) {
    assert_eq!(sx(&expr(src)), want, "source: {src}");
}

#[test]
fn precedence() {
    check("1 + 2 . 3", "(. (+ 1 2) 3)");
    check("1 . 2 + 3", "(+ (. 1 2) 3)");
    check("1 + 2 * 3", "(+ 1 (* 2 3))");
    check("-2 ** 2", "(Neg (** 2 2))");
    check("2 ** 3 ** 2", "(** 2 (** 3 2))");
    check("2 ** -1", "(** 2 (Neg 1))");
    check("$a ?? $b ?? $c", "(?? $a (?? $b $c))");
    check("$a ? $b : $c ? $d : $e", "(? $a $b (? $c $d $e))");
    check("$a ?: $b", "(?: $a $b)");
    check("$a || $b && $c", "(|| $a (&& $b $c))");
    check("$a | $b ^ $c & $d", "(| $a (^ $b (& $c $d)))");
    check("$a == $b < $c", "(== $a (< $b $c))");
    check("1 << 2 + 3", "(<< 1 (+ 2 3))");
    check("$a >> 2 > 1", "(> (>> $a 2) 1)");
    check("$a = $b = 3", "(= $a (= $b 3))");
    check("$a += 1 + 2", "(+= $a (+ 1 2))");
    check("$a >>= 1", "(>>= $a 1)");
    check("$a ??= vec[]", "(??= $a (vec ))");
    check("!$x = f()", "(Not (= $x (call f )))");
    check("!$x is int", "(Not (is $x int))");
    check("!$a && $b", "(&& (Not $a) $b)");
    check("$x as Foo<int>", "(as $x Foo<int>)");
    check("$x ?as vec<int>", "(?as $x vec<int>)");
    check("$x instanceof Foo", "(instanceof $x Foo)");
    check("$x |> f($$) |> $$ + 1", "(|> (|> $x (call f $$)) (+ $$ 1))");
    check("$a = $x |> $$ * 2", "(= $a (|> $x (* $$ 2)))");
    check("(int)$x + 1", "(+ (Int $x) 1)");
    check("(float)$x / 2", "(/ (Float $x) 2)");
    check("-$i++", "(Neg (PostInc $i))");
    check("++$a[0]", "(PreInc (idx $a 0))");
    check("$c ? 1 : 2", "(? $c 1 2)");
    check("print 1 + 2", "(print (+ 1 2))");
    check("$x < $y", "(< $x $y)");
    check("f<int>(1)", "(call f 1)");
    check("$a < $b > ($c)", "(> (< $a $b) $c)");
}

#[test]
fn postfix_and_members() {
    check("$o->a->b(1)[2]", "(idx (mcall (-> $o a) b 1) 2)");
    check("$o?->m($x)", "(mcall? $o m $x)");
    check("$o?->p", "(?-> $o p)");
    check("C::m(1)", "(scall C::m 1)");
    check("parent::__construct($x)", "(scall parent::__construct $x)");
    check("self::$count", "self::$count");
    check("static::NAME", "static::NAME");
    check("C::class", "C::class");
    check("new C", "(new C )");
    check("new C(1, 2)", "(new C 1 2)");
    check("(new C())->m()", "(mcall (new C ) m )");
    check("$f(1)", "(call $f 1)");
    check("($f)(1)(2)", "(call (call $f 1) 2)");
    check("f(...$v)", "(call f ...$v)");
    check(
        "Vec\\map($v, $x ==> $x * 2)",
        "(call Vec\\map $v (fn [$x] (* $x 2)))",
    );
    check("\\strlen($s)", "(call strlen $s)");
    check("HH\\Lib\\C\\count($v)", "(call HH\\Lib\\C\\count $v)");
    check(
        "__hhvm_intrinsics\\launder_value(1)",
        "(call __hhvm_intrinsics\\launder_value 1)",
    );
    check("$v[] = 1", "(= (idx $v []) 1)");
    check("$d['a'][] = 1", "(= (idx (idx $d \"a\") []) 1)");
    check(
        "list($a, list($b, $c)) = $v",
        "(= (list $a (list $b $c)) $v)",
    );
    check("list($a, , $b) = $v", "(= (list $a _ $b) $v)");
    check("isset($d['k'], $x)", "(isset (idx $d \"k\") $x)");
    check("exit(1)", "(exit 1)");
    check("exit()", "(exit )");
    check("PHP_INT_MAX", "PHP_INT_MAX");
    check("TRUE || False || NULL", "(|| (|| true false) null)");
    check("vec[1, 2,]", "(vec 1 2)");
    check("dict['a' => 1, 'b' => 2,]", "(dict \"a\"=>1 \"b\"=>2)");
    check("keyset['x']", "(keyset \"x\")");
}

#[test]
fn lambdas() {
    check("($x, $y) ==> $x + $y", "(fn [$x $y] (+ $x $y))");
    check("(int $x): int ==> $x", "(fn [$x] $x)");
    check("() ==> { return 1; }", "(fn [] {1})");
    check("(): void ==> {}", "(fn [] {0})");
    check("($x)[]: int ==> $x", "(fn [$x] $x)");
    check("()[write_props] ==> 1", "(fn [] 1)");
    check(
        "function($x) use ($y): int { return $x + $y; }",
        "(fn [$x] {1})",
    );
    check("$c ? ($x) : $y", "(? $c $x $y)");
    check("$c ? ($x) : (int $y) ==> $y", "(? $c $x (fn [$y] $y))");
    check(
        "$f = $x ==> $y ==> $x + $y",
        "(= $f (fn [$x] (fn [$y] (+ $x $y))))",
    );
}

#[test]
fn int_and_float_literals() {
    check("0x1F", "31");
    check("0b101", "5");
    check("0o17", "15");
    check("017", "15");
    check("1_000_000", "1000000");
    check("0x7FFF_FFFF_FFFF_FFFF", "9223372036854775807");
    check("9223372036854775807", "9223372036854775807");
    check("9223372036854775808", "9.223372036854776e18");
    check("0xFFFFFFFFFFFFFFFF", "1.8446744073709552e19");
    check("1.5", "1.5");
    check("1e9", "1000000000.0");
    check(".5", "0.5");
    check("1_000.5", "1000.5");
    check("2.5e-3", "0.0025");
    check("0", "0");
    check("0.0", "0.0");
    assert!(parse("<?hh function f(): void { $x = 09; }").is_err());
    assert!(parse("<?hh function f(): void { $x = 0x; }").is_err());
}

#[test]
fn strings() {
    check(r#"'a\'b\\c\n'"#, r#""a'b\\c\\n""#);
    check(
        r#""\n\t\r\v\e\f\\\"\$\0\101\x41\u{48}\u{1F600}\q""#,
        r#""\n\t\r\u{b}\u{1b}\u{c}\\\"$\0AAH😀\\q""#,
    );
    check(r#""$x""#, "(interp $x)");
    check(r#""a $x b""#, r#"(interp "a " $x " b")"#);
    check(
        r#""$x[0] $x[-1] $x[k] $x[$i]""#,
        r#"(interp (idx $x 0) " " (idx $x -1) " " (idx $x "k") " " (idx $x $i))"#,
    );
    check(r#""$o->p->q""#, r#"(interp (-> $o p) "->q")"#);
    check(r#""{$o->a['k']}!""#, r#"(interp (idx (-> $o a) "k") "!")"#);
    check(r#""{$x}s""#, r#"(interp $x "s")"#);
    check(r#""{$d["k"]}""#, r#"(interp (idx $d "k"))"#);
    check(r#""{ $x}""#, r#"(interp "{ " $x "}")"#);
    check(r#""$""#, r#""$""#);
    check(r#""a$ b""#, r#""a$ b""#);
    // `\{` is no escape, and its brace starts no `{$...}` (PHP prints `\{W}` for `$x = "W"`).
    check(r#""\{$x}""#, r#"(interp "\\{" $x "}")"#);
}

#[test]
fn heredoc_and_nowdoc() {
    // The closing label starts its line and ends it (or `;` does), as Hack's lexer wants: the
    // body keeps its indentation (no PHP 7.3 flexible heredoc).
    let body = "$s = <<<EOT\n    Hello $name\n      indented\n    end\nEOT;";
    let s = stmts(body);
    let StmtKind::Expr(Expr {
        kind: ExprKind::Assign { value, .. },
        ..
    }) = &s[0].kind
    else {
        panic!()
    };
    assert_eq!(
        sx(value),
        r#"(interp "    Hello " $name "\n      indented\n    end")"#
    );

    let s = stmts("$s = <<<'EOT'\n  raw $x {$y} \\t\nEOT;\n");
    let StmtKind::Expr(Expr {
        kind: ExprKind::Assign { value, .. },
        ..
    }) = &s[0].kind
    else {
        panic!()
    };
    assert_eq!(sx(value), r#""  raw $x {$y} \\t""#);

    let s = stmts("$s = <<<EOT\nq\"q \\\" \\t\nEOT;\n");
    let StmtKind::Expr(Expr {
        kind: ExprKind::Assign { value, .. },
        ..
    }) = &s[0].kind
    else {
        panic!()
    };
    assert_eq!(sx(value), r#""q\"q \\\" \t""#);

    let s = stmts("$s = <<<EOT\nEOT;\n");
    let StmtKind::Expr(Expr {
        kind: ExprKind::Assign { value, .. },
        ..
    }) = &s[0].kind
    else {
        panic!()
    };
    assert_eq!(sx(value), r#""""#);
    check("f(<<<EOT\n  a\nEOT\n, 1)", r#"(call f "  a" 1)"#);
    // An indented label, or one followed by more than `;`, is text.
    check(
        "f(<<<EOT\n  EOT\nEOT is here\nEOT;x\nEOT\n)",
        r#"(call f "  EOT\nEOT is here\nEOT;x")"#,
    );
}

#[test]
fn statements() {
    let s = stmts(
        "if ($a) { echo 1; } elseif ($b) echo 2; else if ($c) { } else { echo 3, 4; }
         while ($i < 3) $i++;
         do { $i--; } while ($i > 0);
         for ($i = 0, $j = 1; ; $i++, $j++) { break; }
         for (;;) { continue; }
         foreach ($v as $x) {}
         foreach ($d as $k => $v) {}
         foreach ($vs as list($a, $b)) {}
         switch ($x) { case 1: case 2: echo 'a'; break; default: echo 'b'; }
         try { throw new E('x'); } catch (E $e) { } catch (\\Exception $e) { } finally { }
         unset($d['k'], $e);
         return;
         ;",
    );
    let kinds: Vec<&str> = s
        .iter()
        .map(|s| match &s.kind {
            StmtKind::If { .. } => "if",
            StmtKind::While { .. } => "while",
            StmtKind::DoWhile { .. } => "do",
            StmtKind::For { .. } => "for",
            StmtKind::Foreach { .. } => "foreach",
            StmtKind::Switch { cases, .. } => {
                assert_eq!(cases.len(), 3);
                assert!(cases[0].body.is_empty() && cases[2].label.is_none());
                "switch"
            }
            StmtKind::Try {
                catches, finally, ..
            } => {
                assert_eq!(catches[1].class.name, "Exception");
                assert!(finally.is_some());
                "try"
            }
            StmtKind::Unset(es) => {
                assert_eq!(es.len(), 2);
                "unset"
            }
            StmtKind::Return(None) => "return",
            StmtKind::Empty => "empty",
            k => panic!("{k:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "if", "while", "do", "for", "for", "foreach", "foreach", "foreach", "switch", "try",
            "unset", "return", "empty"
        ]
    );
    // elseif nests as an `if` inside the else block.
    let StmtKind::If { else_: Some(e), .. } = &s[0].kind else {
        panic!()
    };
    let StmtKind::If { else_: Some(e), .. } = &e.stmts[0].kind else {
        panic!()
    };
    assert!(matches!(
        &e.stmts[0].kind,
        StmtKind::If { else_: Some(_), .. }
    ));
    let StmtKind::For {
        init, cond, step, ..
    } = &s[3].kind
    else {
        panic!()
    };
    assert_eq!((init.len(), cond.len(), step.len()), (2, 0, 2));
}

/// An executable script's `#!` line may come before `<?hh` (or stand alone: a `#` comment).
#[test]
fn shebang_line_before_the_open_tag() {
    for src in [
        "#!/usr/bin/env hhvm\n<?hh\nfunction f(): void {}\n",
        "#!/usr/bin/env hhvm\nfunction f(): void {}\n",
        "<?hh\n#!not a shebang, a comment\nfunction f(): void {}\n",
        // The tag's letters in any case, as hackc's lexer reads them.
        "<?HH\nfunction f(): void {}\n",
        "<?Hh // strict\nfunction f(): void {}\n",
    ] {
        let p = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
        assert_eq!(p.decls.len(), 1, "{src:?}");
    }
    // `<?hh` only opens the file: on a later line it is a syntax error.
    assert!(parse("#!/usr/bin/env hhvm\n\n<?hh\nfunction f(): void {}\n").is_err());
    // A byte order mark is named (it lexed as an invisible name).
    let e = parse("\u{feff}<?hh\nfunction f(): void {}\n").unwrap_err();
    assert!(e.contains("starts with a UTF-8 byte order mark"), "{e}");
}

#[test]
fn declarations() {
    let p = parse(
        r#"<?hh // strict
use namespace HH\Lib\{C, Vec};
use namespace HH\Lib\Str;
const int LIMIT = 10;
const NAME = 'x', OTHER = 2;
<<__EntryPoint, __Memoize, Custom(1)>>
function main<T as Foo>(int $a, ?string $b = null, vec<vec<int>> $c = vec[], (function(int, string): void) $f = null, mixed ...$rest)[write_props]: void {}
abstract final class A<T> extends B<T> implements I, J {
  const int X = 1;
  const Y = 2;
  abstract const int Z;
  private static ?A<int> $inst = null;
  public int $a = 1, $b;
  protected $untyped;
  public function __construct(private int $x, public readonly string $s = "d") { parent::__construct(); }
  abstract protected function m(): this;
  public static function s(): dict<string, keyset<int>> { return dict[]; }
  final public function g<U>(U $u): U { return $u; }
}
interface I extends J, K { public function m(): void; }
enum Color: int { RED = 1; GREEN = 2; }
enum S: string as string { A = 'a'; }
"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.decls.len(), 8);
    let Decl::Function(f) = &p.decls[3] else {
        panic!()
    };
    assert_eq!(
        f.attrs
            .iter()
            .map(|a| a.name.name.as_str())
            .collect::<Vec<_>>(),
        ["__EntryPoint", "__Memoize", "Custom"]
    );
    assert_eq!(f.params.len(), 5);
    assert!(f.params[4].variadic);
    assert!(matches!(
        f.params[2].hint.as_ref().unwrap().kind,
        HintKind::Vec(_)
    ));
    let Decl::Class(c) = &p.decls[4] else {
        panic!()
    };
    assert!(c.is_abstract && c.is_final);
    assert_eq!(c.members.len(), 11);
    let ClassMember::Method(ctor) = &c.members[7] else {
        panic!()
    };
    assert_eq!(ctor.params[0].promote, Some(Visibility::Private));
    let Decl::Class(i) = &p.decls[5] else {
        panic!()
    };
    assert_eq!((i.kind, i.extends.len()), (ClassKind::Interface, 2));
    let Decl::Enum(e) = &p.decls[7] else { panic!() };
    assert!(e.constraint.is_some());
    let dump = jsvm_frontend::dump_ast(&p);
    assert!(
        dump.contains("param (function(int, string): void) $f ="),
        "{dump}"
    );
    assert!(dump.contains("method public static s\n"), "{dump}");
}

#[test]
fn spans_are_located() {
    let src = "<?hh\nfunction f(): void {\n  $x = 1 + 2;\n}\n";
    let mut map = SourceMap::new();
    map.add("a.hack".into(), src.into());
    let p = parse_program(&map).unwrap();
    let Decl::Function(f) = &p.decls[0] else {
        panic!()
    };
    let StmtKind::Expr(e) = &f.body.stmts[0].kind else {
        panic!()
    };
    assert_eq!(map.snippet(e.span), "$x = 1 + 2");
    assert_eq!(map.line_col(e.span), (3, 3));
    let ExprKind::Assign { value, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(map.snippet(value.span), "1 + 2");
    assert_eq!(map.snippet(f.span), &src[5..src.len() - 1]);
}

#[test]
fn rendered_diagnostic() {
    let err = parse("<?hh\nfunction f(): void {\n  $x = ) + 1;\n}\n").unwrap_err();
    assert!(err.contains("file.hack:3:8"), "{err}");
    assert!(err.contains("^"), "{err}");
    assert!(err.contains("expected an expression, found `)`"), "{err}");
    let err = parse("<?hh\nfunction f(): void {\n  echo 1\n}\n").unwrap_err();
    assert!(err.contains("file.hack:4:1"), "{err}");
    let err = parse("<?hh\n\n  $x = 'unterminated;\n").unwrap_err();
    assert!(err.contains("file.hack:3:8"), "{err}");
    assert!(err.contains("unterminated string"), "{err}");
}

#[test]
fn recovers_at_declarations() {
    let err = parse(
        "<?hh\nfunction a(): void { $x = ; }\nfunction b(): void {}\nfunction c(): void { + }\n",
    )
    .unwrap_err();
    assert_eq!(err.matches("error[syntax]").count(), 2, "{err}");
}

#[test]
fn nesting_is_bounded() {
    for (open, close) in [
        ("(", ")"),
        ("$x[", "]"),
        ("vec[", "]"),
        ("dict[1 => ", "]"),
        ("-", ""),
        ("f(", ")"),
        ("$x ? 1 : ", ""),
    ] {
        let src = format!(
            "<?hh function f(): void {{ $x = {}1{}; }}",
            open.repeat(4100),
            close.repeat(4100)
        );
        let err = parse(&src).unwrap_err();
        assert!(err.contains("too deep"), "{open}: {}", &err[..200]);
    }
    let blocks = format!(
        "<?hh function f(): void {{ {}{} }}",
        "{".repeat(4100),
        "}".repeat(4100)
    );
    assert!(parse(&blocks).unwrap_err().contains("too deep"));
    let ifs = format!(
        "<?hh function f(): void {{ {} }}",
        "if (1) ".repeat(4100) + ";"
    );
    assert!(parse(&ifs).unwrap_err().contains("too deep"));
    let types = format!(
        "<?hh function f({}int{} $x): void {{}}",
        "vec<".repeat(4100),
        ">".repeat(4100)
    );
    assert!(parse(&types).unwrap_err().contains("too deep"));
    let strs = format!(
        "<?hh function f(): void {{ $x = {}1{}; }}",
        "\"{$x[".repeat(700),
        "]}\"".repeat(700)
    );
    assert!(parse(&strs).unwrap_err().contains("too deep"));
    let long = format!(
        "<?hh function f(): void {{ $x = 1{}; }}",
        " + 1".repeat(5000)
    );
    let err = parse(&long).unwrap_err();
    assert!(
        err.contains("nesting too deep: over 2000 levels (each operator of a chain such as"),
        "{}",
        &err[..200]
    );
    let ok = format!(
        "<?hh function f(): void {{ $x = {}1{}; }}",
        "(".repeat(1000),
        ")".repeat(1000)
    );
    parse(&ok).unwrap();
    // A long flat chain (a template concatenated from 500 parts) is no deep nesting; 990
    // operators are within the limit (each counts two levels), with the statement around them.
    let chain = format!(
        "<?hh function f(): void {{ $x = 1{}; }}",
        " . 'a'".repeat(500)
    );
    parse(&chain).unwrap();
    parse(&format!(
        "<?hh function f(): void {{ $x = 1{}; }}",
        " + 1".repeat(990)
    ))
    .unwrap();
}

/// A source file that is not valid UTF-8 (a Latin-1 string literal) is read as bytes, as PHP and
/// HHVM read it: its literals keep their bytes, and its diagnostics show `?` for such a byte at
/// the right line and column. (It was refused: "invalid utf-8 sequence".)
#[test]
fn source_files_are_bytes() {
    use jsvm_frontend::lexer::{lex, Tok};
    let path = std::env::temp_dir().join(format!("jsvm-latin1-{}.hack", std::process::id()));
    std::fs::write(
        &path,
        b"<?hh\nfunction f(): void {\n  echo \"caf\xe9\";\n  $y = \"\xff\"; $x = ;\n}\n",
    )
    .unwrap();
    let mut map = SourceMap::new();
    let file = map.load(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    let toks = lex(map.bytes(file), file).unwrap();
    assert!(toks.iter().any(|t| t.tok == Tok::Str(b"caf\xe9".to_vec())));
    assert_eq!(map.text(file).len(), map.bytes(file).len());
    let err = parse_program(&map).map(|_| ()).unwrap_err();
    let shown = render_diagnostics(&map, &err);
    assert!(
        shown.contains(":4:18") && shown.contains("$y = \"?\"; $x = ;"),
        "{shown}"
    );
    // A control character is kept in a literal, and shown as `?` with a caret under it.
    let mut map = SourceMap::new();
    let file = map.add_bytes("c.hack".into(), b"<?hh\n$a = \"\x01\"; \x7f".to_vec());
    let toks = lex(map.bytes(file), file);
    let err = toks.expect_err("0x7f is no token");
    let shown = render_diagnostics(&map, &[err]);
    assert!(
        shown.contains("$a = \"?\"; ?") && shown.contains("^") && !shown.contains('\x7f'),
        "{shown}"
    );
    let ok = lex(&map.bytes(file)[..13], file).expect("the literal lexes");
    assert!(ok.iter().any(|t| t.tok == Tok::Str(b"\x01".to_vec())));
}

/// A syntax error on a line too long to show (a runaway token of 5 MB) is a short message:
/// the token cut to 300 characters, the place without the line; short lines keep the snippet.
#[test]
fn errors_on_huge_lines_stay_short() {
    let src = format!(
        "<?hh\n<<__EntryPoint>> function main(): void {{ echo 1; }} {} @\n",
        "x".repeat(5_000_000)
    );
    let e = parse(&src).unwrap_err();
    assert!(e.len() < 1000, "{} bytes", e.len());
    assert!(
        e.starts_with("error[syntax]: expected a declaration, found `xxx"),
        "{e}"
    );
    assert!(e.contains("... (4999"), "{e}");
    assert!(
        e.contains(":2:52 (a line of 5000053 bytes, not shown)"),
        "{e}"
    );
    let e = parse("<?hh\nfunction main(): void { echo 1 }\n").unwrap_err();
    assert!(e.contains("2 | function main(): void { echo 1 }"), "{e}");
}

#[test]
fn a_call_lists_at_most_65534_arguments() {
    let call = |n: usize| {
        format!(
            "<?hh function f(): void {{ g({}); }}",
            vec!["1"; n].join(",")
        )
    };
    parse(&call(65_534)).unwrap();
    let err = parse(&call(65_535)).unwrap_err();
    assert!(
        err.contains("too many arguments in one call: 65535 (at most 65534; spread a vec"),
        "{}",
        &err[..err.len().min(300)]
    );
}

/// `use namespace` of HSL namespaces is accepted (they are always in scope); every other `use`
/// is refused: ignored, it would bind names to other declarations than the program means.
#[test]
fn only_hsl_namespaces_are_used() {
    for ok in [
        "use namespace HH\\Lib\\{C, Vec};",
        "use namespace \\HH\\Lib\\{C, Vec, Dict, Keyset, Str, Math,};",
        "use namespace HH\\Lib\\Str;",
        "use namespace hh\\lib\\str;",
        "use namespace HH\\Lib\\Vec as Vec;",
        "use namespace HH\\Lib\\{Regex, Str};",
        "use namespace HH\\Lib\\Experimental\\IO as IO;",
    ] {
        let src = format!("<?hh\n{ok}\nfunction f(): void {{}}\n");
        let p = parse(&src).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(p.decls.len(), 1, "{ok}");
    }
    for bad in [
        "use function Foo\\bar;",
        "use type Foo\\Baz;",
        "use const Foo\\K;",
        "use Foo\\Quux as Q;",
        "use namespace HH\\Lib\\Vec as V;",
        "use namespace Foo;",
        "use namespace HH\\Lib;",
    ] {
        let src = format!("<?hh\n{bad}\nfunction f(): void {{}}\n");
        let e = parse(&src).expect_err(bad);
        assert!(
            e.contains("only `use namespace HH\\Lib\\...;` is supported"),
            "{bad}: {e}"
        );
        assert!(e.contains("file.hack:2:1"), "{bad}: {e}");
    }
}

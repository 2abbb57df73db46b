//! Verifier tests: bad IR is built by parsing text, and the messages are asserted.

use super::*;
use crate::parse::{parse_function, parse_module};

fn func(body: &str) -> Function {
    let text = format!("fn0 \"t\"() -> InitCell \"mixed\" {{\n{body}}}\n");
    parse_function(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn errors(body: &str) -> VerifierErrors {
    verify_function(&func(body)).expect_err("expected verifier errors")
}

fn assert_ok(body: &str) {
    if let Err(e) = verify_function(&func(body)) {
        panic!("unexpected errors:\n{e}");
    }
}

fn assert_err(body: &str, needles: &[&str]) {
    let e = errors(body);
    for n in needles {
        assert!(e.has(n), "missing {n:?} in:\n{e}");
    }
}

#[test]
fn valid_functions() {
    assert_ok(
        "b0(v0: Bool, v1: Int):\n    v2: Int = const_int 1\n    branch v0 -> b1, b2(v2)\n\
         b1:\n    v3: Int = add v1, v2\n    jump -> b3(v3)\nb2(v4: Int):\n    jump -> b3(v4)\n\
         b3(v5: Int):\n    return v5\n",
    );
    // A loop: the header's parameter is used in the body.
    assert_ok(
        "b0(v0: Int):\n    jump -> b1(v0)\nb1(v1: Int):\n    v2: Bool = lt v1, v0\n    branch v2 -> b1(v1), b2\n\
         b2:\n    return v1\n",
    );
    // A throwing call with [normal, catch]: its result is used in the normal successor.
    assert_ok(
        "b0(v0: Cell):\n    v1: Cell = call fn0 v0 -> b1, b2(v0)\nb1:\n    return v1\n\
         b2(v2: Obj, v3: Cell):\n    throw v2\n",
    );
    // Switch with two cases and a default; unreachable blocks are not dominance-checked.
    assert_ok(
        "b0(v0: Int):\n    switch [1, 2] v0 -> b1, b1, b2\nb1:\n    unreachable\nb2:\n    exit v0\n\
         b3:\n    return v9\nb4(v9: Int):\n    unreachable\n",
    );
}

#[test]
fn undefined_value() {
    assert_err(
        "b0:\n    v1: Int = add v0, v0\n    return v1\n",
        &["use of undefined value v0"],
    );
    assert_err(
        "b0:\n    jump -> b1(v7)\nb1(v0: Int):\n    return v0\n",
        &["use of undefined value v7"],
    );
}

#[test]
fn missing_terminator() {
    assert_err(
        "b0:\n    v0: Int = const_int 1\nb1:\n",
        &[
            "b0 does not end with a terminator",
            "b1 does not end with a terminator",
        ],
    );
    assert_err(
        "b0(v0: Int):\n    return v0\n    return v0\n",
        &["`return` ends the block but is not its last instruction"],
    );
}

#[test]
fn no_entry_and_entry_preds() {
    assert_err("", &["the function has no entry block"]);
    assert_err(
        "b0:\n    jump -> b1\nb1:\n    jump -> b0\n",
        &["destination b0 is the entry block"],
    );
}

#[test]
fn wrong_dest_args() {
    assert_err(
        "b0(v0: Int):\n    jump -> b1\nb1(v1: Int):\n    return v1\n",
        &["destination b1 takes 1 arguments, found 0"],
    );
    assert_err(
        "b0(v0: Cell):\n    v1: Cell = call fn0 v0 -> b1, b2(v0)\nb1:\n    return v1\nb2(v2: Obj):\n    throw v2\n",
        &["catch destination b2 takes 0 arguments after the exception, found 1"],
    );
    assert_err(
        "b0(v0: Cell):\n    v1: Cell = call fn0 v0 -> b1, b2\nb1:\n    return v1\nb2:\n    unreachable\n",
        &["catch destination b2 has no parameter for the exception"],
    );
    assert_err(
        "b0(v0: Cell):\n    jump -> b5\n",
        &["destination b5 is not a placed block"],
    );
}

#[test]
fn dest_counts() {
    assert_err(
        "b0(v0: Bool):\n    branch v0 -> b1\nb1:\n    unreachable\n",
        &["`branch` needs 2 destinations, found 1"],
    );
    assert_err(
        "b0(v0: Int):\n    switch [1] v0 -> b1\nb1:\n    unreachable\n",
        &["`switch` needs 2 destinations, found 1"],
    );
    assert_err(
        "b0(v0: Int):\n    return v0 -> b1\nb1:\n    unreachable\n",
        &["`return` needs 0 destinations, found 1"],
    );
    assert_err(
        "b0(v0: Bool):\n    v1: Bool = not v0 -> b1, b2(v0)\nb1:\n    unreachable\nb2(v2: Obj, v3: Bool):\n    unreachable\n",
        &["`not` cannot throw"],
    );
    assert_err(
        "b0(v0: Int):\n    v1: Int = neg v0 -> b1\nb1:\n    unreachable\n",
        &["`neg` needs 0 or 2 destinations ([normal, catch]), found 1"],
    );
}

#[test]
fn shapes() {
    assert_err(
        "b0(v0: Int):\n    v1: Int = add v0\n    v2: Int = const_int 1.5\n    echo v0, v0\n    v3: Int = echo v0\n    const_null\n    return v0\n",
        &[
            "`add` takes 2 operands, found 1",
            "`const_int` takes a Int immediate, found Float",
            "`echo` takes 1 operands, found 2",
            "`echo` has no result but defines v3",
            "`const_null` must define a result",
        ],
    );
    assert_err(
        "b0(v0: Int):\n    v1: Cell = get_prop v0\n    return v1\n",
        &["`get_prop` takes a Name immediate, found None"],
    );
}

#[test]
fn use_not_dominated() {
    assert_err(
        "b0(v0: Bool):\n    branch v0 -> b1, b2\nb1:\n    v1: Int = const_int 1\n    jump -> b3\nb2:\n    jump -> b3\n\
         b3:\n    return v1\n",
        &["use of v1 is not dominated by its definition (i1 in b1)"],
    );
    assert_err(
        "b0:\n    v1: Int = add v2, v2\n    v2: Int = const_int 1\n    return v1\n",
        &["use of v2 is not dominated by its definition (i1)"],
    );
    assert_err(
        "b0(v0: Bool):\n    branch v0 -> b1, b2\nb1(v1: Int):\n    unreachable\nb2:\n    return v1\n",
        &["destination b1 takes 1 arguments, found 0", "use of v1 is not dominated by its definition (a parameter of b1)"],
    );
}

#[test]
fn throwing_result_only_in_normal_successor() {
    assert_err(
        "b0(v0: Cell):\n    v1: Cell = call fn0 v0 -> b1, b2(v1)\nb1:\n    return v1\nb2(v2: Obj, v3: Cell):\n    return v1\n",
        &["use of v1 is not dominated by its definition (i0)", "use of v1: the result of a throwing i0 is only available"],
    );
    // The normal successor is also reached from elsewhere: the result is not available there.
    assert_err(
        "b0(v0: Bool):\n    branch v0 -> b1, b2\nb1:\n    v1: Cell = call fn0 -> b2, b3\nb2:\n    return v1\nb3(v2: Obj):\n    throw v2\n",
        &["only available where its normal successor b2 dominates"],
    );
}

#[test]
fn module_checks() {
    let text = "const \"K\": Int \"int\" = fn7\n\
                class cls0 \"A\" {\n    prop \"p\": Int \"int\" = fn8\n    const \"C\" = fn9\n    method \"m\" = fn0\n    method \"n\" abstract\n    method \"o\" = fn5\n}\n\n\
                fn0 \"f\"() -> InitCell \"mixed\" {\nb0:\n    v0: Cell = call fn3\n    v1: Func = make_closure fn0\n    return v0\n}\n\n\
                fn1 \"g\"() -> InitCell \"mixed\" {\nb0:\n    v0: Int = const_int 1\n}\n";
    let m = parse_module(text).unwrap();
    let e = verify_module(&m).unwrap_err();
    for n in [
        "initializer of constant \"K\" is fn7, which does not exist",
        "default of property \"p\" is fn8",
        "class constant \"C\" is computed by fn9",
        "method \"o\" is fn5",
        "`call` names fn3, which does not exist",
        "b0 does not end with a terminator",
    ] {
        assert!(e.has(n), "missing {n:?} in:\n{e}");
    }
    assert_eq!(e.errors.len(), 6, "{e}");
    assert_eq!(e.errors[4].func, Some(FuncId(0)));
    assert_eq!(e.errors[4].location, AnyEntity::Inst(Inst(0)));
    assert_eq!(e.errors[5].func, Some(FuncId(1)));
    let s = e.to_string();
    assert!(s.starts_with("; error: const 0: initializer"), "{s}");
    assert!(s.contains("fn0 \"f\"() -> InitCell \"mixed\" {\nb0:\n    v0: Cell = call fn3\n    ; ^~~~ error: i0: `call` names fn3"), "{s}");
    assert!(s.contains("\nfn1 \"g\""), "{s}");
    // A valid module passes.
    let ok = parse_module(
        "fn0 \"f\"() -> InitCell \"mixed\" {\nb0:\n    v0: Cell = call fn0\n    return v0\n}\n",
    )
    .unwrap();
    verify_module(&ok).unwrap();
}

#[test]
fn all_errors_collected_and_annotated() {
    let e = errors(
        "b0(v0: Bool):\n    v1: Int = add v0, v9\n    branch v0 -> b1(v1), b2\nb1:\n    return v1\nb2:\n    v2: Int = const_int 1\n",
    );
    assert_eq!(e.errors.len(), 3, "{e}");
    let expected = concat!(
        "fn \"t\"() -> InitCell \"mixed\" {\n",
        "b0(v0: Bool):\n",
        "    v1: Int = add v0, v9\n",
        "    ; ^~~~ error: i0: use of undefined value v9\n",
        "    branch v0 -> b1(v1), b2\n",
        "    ; ^~~~ error: i1: destination b1 takes 0 arguments, found 1\n",
        "b1:\n",
        "    return v1\n",
        "b2:\n",
        "; ^~~~ error: b2: b2 does not end with a terminator\n",
        "    v2: Int = const_int 1\n",
        "}\n",
    );
    assert_eq!(e.to_string(), expected);
    // The annotated text reads back (annotations are comments).
    let back = parse_function(&e.to_string()).unwrap();
    assert_eq!(back, func("b0(v0: Bool):\n    v1: Int = add v0, v9\n    branch v0 -> b1(v1), b2\nb1:\n    return v1\nb2:\n    v2: Int = const_int 1\n"));
}

#[test]
fn no_panic_on_malformed_structs() {
    let mut f = func("b0(v0: Int):\n    v1: Int = neg v0\n    return v1\n");
    f.layout.order.push(crate::entities::Block(9));
    f.layout.order.push(crate::entities::Block(0));
    f.layout.insts[0].push(Inst(42));
    f.dfg.insts[0].args.push(Value(1000));
    f.dfg.insts[1].result = Some(Value(77));
    let e = verify_function(&f).unwrap_err();
    assert!(e.has("b9 is placed but does not exist"), "{e}");
    assert!(e.has("b0 is placed twice"), "{e}");
    assert!(e.has("i42 is placed but does not exist"), "{e}");
    assert!(e.has("use of nonexistent value v1000"), "{e}");
    assert!(e.has("result v77 does not exist"), "{e}");
}

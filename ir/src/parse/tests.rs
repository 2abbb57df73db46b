//! Reader tests: print∘read is the identity on everything the printer writes.

use super::*;
use crate::builder::FunctionBuilder;
use crate::entities::ClassId;
use crate::opcodes::Args;
use crate::write::{write_function, write_module};

fn print_fn(f: &Function) -> String {
    let mut s = String::new();
    write_function(&mut s, "fn0", f).unwrap();
    s
}

fn print_module(m: &Module) -> String {
    let mut s = String::new();
    write_module(&mut s, m).unwrap();
    s
}

fn roundtrip_fn(f: &Function) {
    let text = print_fn(f);
    let g = parse_function(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(print_fn(&g), text);
}

fn hint(ty: Type, text: &str, enforced: bool) -> TypeHint {
    TypeHint {
        ty,
        text: text.into(),
        enforced,
    }
}

/// A sample immediate of each kind.
fn sample_imm(k: ImmKind) -> Imm {
    match k {
        ImmKind::None => Imm::None,
        ImmKind::Bool => Imm::Bool(true),
        ImmKind::Int => Imm::Int(-42),
        ImmKind::Float => Imm::Float(0.1),
        ImmKind::Str => Imm::Str(b"a\"b\\\n\t\r\x00\xff\x80 \xc3\xa9"[..].into()),
        ImmKind::Name => Imm::Name("strlen\u{e9}".into()),
        ImmKind::Func => Imm::Func(FuncId(3)),
        ImmKind::Type => Imm::Type(Type::object(ClassId(2), true).nullable()),
        ImmKind::Verify => Imm::Verify(VerifyKind::Param(1), Type::INT.nullable(), "?int".into()),
        ImmKind::Switch => Imm::Switch(vec![0, -1, i64::MAX, i64::MIN].into()),
        ImmKind::SwitchStr => Imm::SwitchStr(
            vec![b"".as_slice(), b"a\"b", b"\xff\n", b"[1, 2]"]
                .into_iter()
                .map(Box::from)
                .collect(),
        ),
        ImmKind::Member => Imm::Member("static".into(), "m\"x".into()),
        ImmKind::Class => Imm::Class("Foo\\Bar".into()),
        ImmKind::Guard => Imm::Guard(Type::FLOAT, crate::Resume::Before(crate::Inst(5))),
    }
}

/// One function per opcode shape: every opcode of `Opcode::ALL` with a sample immediate,
/// its operands, and destinations where it may have them.
#[test]
fn every_opcode_roundtrips() {
    for &op in Opcode::ALL {
        let mut f = Function::new("t", vec![], TypeHint::mixed());
        let mut b = FunctionBuilder::new(&mut f);
        let entry = b.create_block();
        let x = b.param(entry, Type::INT);
        let y = b.param(entry, Type::CELL);
        let normal = b.create_block();
        let p = b.param(normal, Type::STR);
        let catch = b.create_block();
        let _exn = b.param(catch, Type::object(ClassId(0), false));
        let _q = b.param(catch, Type::VEC);
        b.switch_to(entry);
        let args = match op.args() {
            Args::Fixed(list) => list
                .iter()
                .enumerate()
                .map(|(i, _)| [x, y][i % 2])
                .collect(),
            Args::Var(_) => vec![x, y, x],
        };
        let imm = sample_imm(op.imm());
        let dests = if op == Opcode::Jump {
            vec![BlockCall {
                block: normal,
                args: vec![y],
            }]
        } else if op == Opcode::Branch {
            vec![
                BlockCall {
                    block: normal,
                    args: vec![x],
                },
                BlockCall {
                    block: catch,
                    args: vec![x],
                },
            ]
        } else if matches!(op, Opcode::Switch | Opcode::SwitchStr) {
            (0..5)
                .map(|i| BlockCall {
                    block: normal,
                    args: vec![[x, y][i % 2]],
                })
                .collect()
        } else if op.is_terminator() {
            vec![]
        } else if op.can_throw() {
            vec![
                BlockCall {
                    block: normal,
                    args: vec![y],
                },
                BlockCall {
                    block: catch,
                    args: vec![x],
                },
            ]
        } else {
            vec![]
        };
        let has_dests = !dests.is_empty();
        b.build(op, args, imm, dests);
        if !op.is_terminator() && !has_dests {
            b.jump(normal, vec![y]);
        }
        b.switch_to(normal);
        b.ret(p);
        b.switch_to(catch);
        b.effect(Opcode::Unreachable, vec![], Imm::None);
        let text = print_fn(&f);
        assert!(text.contains(op.name()), "{text}");
        let g = parse_function(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", op.name()));
        assert_eq!(print_fn(&g), text, "{}", op.name());
        assert_eq!(g, f, "{}", op.name());
    }
}

#[test]
fn floats_roundtrip() {
    for v in [
        0.1,
        -0.0,
        0.0,
        1e300,
        -1e-300,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1.0,
        5e-324,
        123456789.125,
    ] {
        let mut f = Function::new("floats", vec![], TypeHint::mixed());
        let mut b = FunctionBuilder::new(&mut f);
        let e = b.create_block();
        b.switch_to(e);
        let c = b.ins(Opcode::ConstFloat, vec![], Imm::Float(v));
        b.ret(c);
        let text = print_fn(&f);
        let g = parse_function(&text).unwrap();
        assert_eq!(print_fn(&g), text);
        let Imm::Float(w) = g.dfg.insts[0].imm else {
            panic!("not a float")
        };
        if v.is_nan() {
            assert!(w.is_nan());
        } else {
            assert_eq!(w.to_bits(), v.to_bits(), "{v}");
        }
    }
}

#[test]
fn signature_attrs_and_cold_blocks() {
    let params = vec![
        Param {
            name: "n".into(),
            hint: hint(Type::INT, "int", true),
            has_default: false,
            variadic: false,
        },
        Param {
            name: "opt".into(),
            hint: hint(Type::STR.nullable(), "?string", true),
            has_default: true,
            variadic: false,
        },
        Param {
            name: "rest".into(),
            hint: hint(Type::VEC, "vec<int>", false),
            has_default: false,
            variadic: true,
        },
    ];
    let mut f = Function::new(
        "C::m\u{e9}",
        params,
        hint(Type::object(ClassId(1), false), "C", true),
    );
    f.attrs = Attrs {
        entry_point: true,
        memoize: true,
        memoize_lsb: true,
        is_static: true,
        captures: 2,
    };
    let mut b = FunctionBuilder::new(&mut f);
    let e = b.create_block();
    let n = b.param(e, Type::INT);
    let cold = b.create_block();
    b.switch_to(e);
    let c = b.ins(Opcode::ConstBool, vec![], Imm::Bool(false));
    b.branch(c, cold, vec![], cold, vec![]);
    b.switch_to(cold);
    b.ret(n);
    f.layout.cold[cold.index()] = true;
    roundtrip_fn(&f);
    let g = parse_function(&print_fn(&f)).unwrap();
    assert_eq!(g, f);
    // An empty body and a missing id also read back.
    let empty = Function::new("e", vec![], TypeHint::mixed());
    let mut s = String::new();
    write_function(&mut s, "", &empty).unwrap();
    assert_eq!(parse_function(&s).unwrap(), empty);
}

#[test]
fn module_roundtrip() {
    let mut m = Module::default();
    let mut f = Function::new("main", vec![], TypeHint::mixed());
    let mut b = FunctionBuilder::new(&mut f);
    let e = b.create_block();
    b.switch_to(e);
    let s = b.str(b"hello\n\x01\xfe");
    b.effect(Opcode::Echo, vec![s], Imm::None);
    let n = b.null();
    b.ret(n);
    let main = m.add_func(f.clone());
    let init = m.add_func(f.clone());
    m.consts.push(ConstDecl {
        name: "K".into(),
        hint: hint(Type::INT, "int", true),
        init,
    });
    m.consts.push(ConstDecl {
        name: "L".into(),
        hint: TypeHint::mixed(),
        init: main,
    });
    m.classes.push(ClassDecl {
        name: "A".into(),
        kind: ClassKind::Class,
        is_abstract: true,
        is_final: false,
        parent: None,
        interfaces: vec!["I".into(), "J".into()],
        props: vec![
            PropDecl {
                name: "x".into(),
                hint: hint(Type::INT, "int", true),
                default: Some(init),
                is_static: false,
                is_protected: false,
            },
            PropDecl {
                name: "s".into(),
                hint: TypeHint::mixed(),
                default: None,
                is_static: true,
                is_protected: false,
            },
            PropDecl {
                name: "p".into(),
                hint: TypeHint::mixed(),
                default: None,
                is_static: false,
                is_protected: true,
            },
        ],
        consts: vec![("C".into(), init)],
        methods: vec![
            ("m".into(), Some(main)),
            ("abs".into(), None),
            ("Prot".into(), Some(main)),
        ],
        protected_methods: vec!["prot".into()],
    });
    m.classes.push(ClassDecl {
        name: "I".into(),
        kind: ClassKind::Interface,
        is_abstract: false,
        is_final: false,
        parent: None,
        interfaces: vec![],
        props: vec![],
        consts: vec![],
        methods: vec![("abs".into(), None)],
        protected_methods: vec![],
    });
    m.classes.push(ClassDecl {
        name: "E".into(),
        kind: ClassKind::Enum,
        is_abstract: false,
        is_final: true,
        parent: Some("A".into()),
        interfaces: vec![],
        props: vec![],
        consts: vec![("Red".into(), init)],
        methods: vec![],
        protected_methods: vec![],
    });
    m.funcs[main.index()].attrs.entry_point = true;
    let text = print_module(&m);
    let back = parse_module(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(print_module(&back), text);
    assert_eq!(back, m);
    assert_eq!(parse_module("").unwrap(), Module::default());
}

#[test]
fn numbers_are_kept_and_gaps_filled() {
    let text = "fn0 \"f\"() -> InitCell \"mixed\" {\n\
                b3(v5: Int):\n    v9: Int = add v5, v2\n    jump -> b7(v9)\n\
                b0:\n    jump -> b3(v1)\n}\n";
    let f = parse_function(text).unwrap();
    assert_eq!(print_fn(&f), text);
    assert_eq!(f.layout.order, vec![Block(3), Block(0)]);
    assert_eq!(f.dfg.values.len(), 10);
    assert_eq!(f.dfg.values[2].def, ValueDef::Unused);
    assert_eq!(f.dfg.values[2].ty, Type::CELL);
    assert_eq!(f.dfg.values[5].def, ValueDef::Param(Block(3), 0));
    assert_eq!(f.dfg.values[9].def, ValueDef::Result(Inst(0)));
    assert_eq!(f.dfg.blocks.len(), 8);
    assert!(!f.layout.is_placed(Block(7)));
    assert_eq!(f.layout.block_insts(Block(0)), &[Inst(2)]);
    assert_eq!(f.layout.insts.len(), 8);
}

#[test]
fn comments_and_lenient_spacing() {
    let text = "; a test\nfn0 \"f\"() -> Int \"int\" {   ; sig\nb0:\n\n    v0: Int = const_int 1 ; one\n    ; ^~~~ error: something\n    return v0\n}";
    let f = parse_function(text).unwrap();
    assert_eq!(f.dfg.insts.len(), 2);
    assert_eq!(f.dfg.insts[0].imm, Imm::Int(1));
    // An integer literal on a float opcode is a float.
    let g =
        parse_function("x \"f\"() -> Int \"int\" {\nb0:\n  v0: Float = const_float 2\n}").unwrap();
    assert_eq!(g.dfg.insts[0].imm, Imm::Float(2.0));
}

#[test]
fn errors() {
    let cases: &[(&str, &str, (u32, u32))] = &[
        ("fn0 \"f\"() -> Int \"int\" {\nb0:\n    v0: Int = frob 1\n}", "unknown opcode `frob`", (3, 15)),
        ("fn0 \"f\"() -> Int \"int\" {\nb0:\n    v0: Int = const_int 1\n    v0: Int = const_int 2\n}", "v0 is defined twice", (4, 5)),
        ("fn0 \"f\"() -> Int \"int\" {\nb0:\nb0:\n}", "block b0 appears twice", (3, 3)),
        ("fn0 \"f\"() -> Nope \"int\" {\n}", "unknown type `Nope`", (1, 14)),
        ("fn0 \"f\"() -> Int \"int\" {\n    return v0\n}", "expected a block header", (2, 5)),
        ("fn0 \"f\"() -> Int \"int\" {\nb0:\n    return v0\n", "expected `}`", (4, 1)),
        ("fn0 \"f\"() -> Int \"int\" {\nb0:\n    v0: Int = const_int 99999999999999999999\n}", "out of range", (3, 25)),
        ("fn0 \"f\"() -> Int \"int\" {\nb0:\n    jump -> b99999999\n}", "limit", (3, 13)),
        ("fn1 \"f\"() -> Int \"int\" {\n}", "expected function id `fn0`", (1, 1)),
        ("fn0 \"\\xff\"() -> Int \"int\" {\n}", "not valid UTF-8", (1, 5)),
    ];
    for (text, msg, pos) in cases {
        let e = if text.starts_with("fn1") {
            parse_module(text).unwrap_err()
        } else {
            parse_function(text).unwrap_err()
        };
        assert!(e.message.contains(msg), "{text}: {e}");
        assert_eq!((e.line, e.col), *pos, "{text}: {e}");
    }
}

/// The reader never panics: every prefix and many single-byte corruptions of a real dump fail
/// cleanly or parse.
#[test]
fn no_panic_on_garbage() {
    let mut m = Module::default();
    let mut f = Function::new("f", vec![], TypeHint::mixed());
    let mut b = FunctionBuilder::new(&mut f);
    let e = b.create_block();
    let x = b.param(e, Type::INT);
    let n = b.create_block();
    b.switch_to(e);
    let c = b.ins(Opcode::VerifyType, vec![x], sample_imm(ImmKind::Verify));
    b.build(
        Opcode::Switch,
        vec![c],
        sample_imm(ImmKind::Switch),
        vec![BlockCall {
            block: n,
            args: vec![],
        }],
    );
    b.switch_to(n);
    let s = b.ins(Opcode::CallStatic, vec![x], sample_imm(ImmKind::Member));
    b.ret(s);
    m.add_func(f);
    let text = print_module(&m);
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let prefix: String = chars[..i].iter().collect();
        let _ = parse_module(&prefix);
        for rep in ['"', '\\', '?', '(', '-', 'v', '9', '\n', ';', '[', ':'] {
            let mut c = chars.clone();
            c[i] = rep;
            let s: String = c.iter().collect();
            let _ = parse_module(&s);
            let _ = parse_function(&s);
        }
    }
    assert!(parse_function(&format!(
        "f \"f\"() -> {}Int \"\" {{\n}}",
        "?".repeat(100_000)
    ))
    .is_err());
}

#[test]
fn guard_resume_points_roundtrip() {
    for resume in [crate::Resume::Start, crate::Resume::Before(crate::Inst(0))] {
        let mut f = Function::new("g", vec![], TypeHint::mixed());
        let mut b = FunctionBuilder::new(&mut f);
        let e = b.create_block();
        let x = b.param(e, Type::CELL);
        b.switch_to(e);
        let g = b.ins(Opcode::Guard, vec![x, x], Imm::Guard(Type::INT, resume));
        b.ret(g);
        let text = print_fn(&f);
        assert!(text.contains("guard Int resume_"), "{text}");
        let h = parse_function(&text).unwrap();
        assert_eq!(print_fn(&h), text);
        assert_eq!(h.dfg.insts[0].imm, Imm::Guard(Type::INT, resume));
    }
    assert!(parse_function("fn0 \"g\"() -> Cell \"mixed\" {\nb0(v0: Cell):\n    v1: Int = guard Int resume_x v0\n    return v1\n}\n").is_err());
}

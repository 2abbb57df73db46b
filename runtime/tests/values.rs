//! Value layer tests: HHVM int rules (wrapping, division, shifts), builtin error handling, the request heap's live counts and amortized string append.

use jsvm_runtime::builtins::{self, echo_value};
use jsvm_runtime::ctx::Ctx;
use jsvm_runtime::error::{ExnClass, RuntimeError};
use jsvm_runtime::heap;
use jsvm_runtime::ops;
use jsvm_runtime::string::Str;
use jsvm_runtime::value::{Tag, TypedValue};

fn i(v: i64) -> TypedValue {
    TypedValue::int(v)
}
fn f(v: f64) -> TypedValue {
    TypedValue::float(v)
}

fn class_of(e: RuntimeError) -> ExnClass {
    e.as_throw().expect("a Throw").0
}

/// Echo output of a value, as the interpreter prints it.
fn echo(v: TypedValue) -> String {
    let mut ctx = Ctx::new();
    echo_value(&mut ctx, &v);
    // SAFETY: `v` is owned by the caller and handed over here.
    unsafe { v.dec_ref() };
    String::from_utf8(ctx.take_output()).unwrap()
}

#[test]
fn int_wrapping() {
    let (max, min) = (i64::MAX, i64::MIN);
    assert_eq!(ops::add(&i(max), &i(1)).unwrap().as_int(), min);
    assert_eq!(ops::sub(&i(min), &i(1)).unwrap().as_int(), max);
    assert_eq!(ops::mul(&i(max), &i(2)).unwrap().as_int(), -2);
    assert_eq!(ops::neg(&i(min)).unwrap().as_int(), min);
    assert_eq!(ops::incr(&i(max)).unwrap().as_int(), min);
    assert_eq!(ops::decr(&i(min)).unwrap().as_int(), max);
    assert_eq!(ops::shl(&i(max), &i(1)).unwrap().as_int(), -2);
    assert_eq!(ops::shl(&i(1), &i(63)).unwrap().as_int(), min);
    assert_eq!(
        ops::shl(&i(1), &i(64)).unwrap().as_int(),
        1,
        "count masked with 63"
    );
    assert_eq!(
        ops::shl(&i(1), &i(-1)).unwrap().as_int(),
        min,
        "negative count masked too"
    );
    assert_eq!(ops::shr(&i(-16), &i(2)).unwrap().as_int(), -4);
    // FNV-1a over "hello" from int_overflow.hack.
    let mut h = i(-3750763034362895579);
    for c in b"hello" {
        h = ops::bitxor(&h, &i(*c as i64)).unwrap();
        h = ops::mul(&h, &i(1099511628211)).unwrap();
    }
    assert_eq!(h.as_int(), -6615550055289275125);
    let mut z = i(1);
    for _ in 0..70 {
        z = ops::mul(&z, &i(2)).unwrap();
    }
    assert_eq!(z.as_int(), 0);
}

#[test]
fn division_rules() {
    let d = |a: TypedValue, b: TypedValue| ops::div(&a, &b);
    let r = d(i(7), i(2)).unwrap();
    assert!(r.tag == Tag::Float && r.as_float() == 3.5);
    let r = d(i(6), i(2)).unwrap();
    assert!(r.tag == Tag::Int && r.as_int() == 3);
    let r = d(i(i64::MIN), i(-1)).unwrap();
    assert!(r.tag == Tag::Float && r.as_float() == 2f64.powi(63));
    assert_eq!(echo(d(i(1), i(3)).unwrap()), "0.33333333333333");
    assert_eq!(echo(d(f(10.0), i(4)).unwrap()), "2.5");
    for (a, b) in [
        (i(10), i(0)),
        (f(1.5), f(0.0)),
        (f(1.5), f(-0.0)),
        (i(1), TypedValue::null()),
    ] {
        let e = d(a, b).unwrap_err();
        assert_eq!(e.to_string(), "DivisionByZeroException: Division by zero");
    }
    assert_eq!(
        class_of(ops::modulo(&i(5), &i(0)).unwrap_err()),
        ExnClass::DivisionByZeroException
    );
    assert_eq!(ops::modulo(&i(i64::MIN), &i(-1)).unwrap().as_int(), 0);
    assert_eq!(ops::modulo(&i(-17), &i(5)).unwrap().as_int(), -2);
    assert_eq!(ops::modulo(&i(17), &i(-5)).unwrap().as_int(), 2);
    assert_eq!(
        ops::modulo(&f(7.9), &f(2.1)).unwrap().as_int(),
        1,
        "% truncates floats to int"
    );
    let p = ops::pow(&i(2), &i(10)).unwrap();
    assert!(p.tag == Tag::Int && p.as_int() == 1024);
    let p = ops::pow(&i(2), &i(-1)).unwrap();
    assert!(p.tag == Tag::Float && p.as_float() == 0.5);
    let p = ops::pow(&i(2), &i(63)).unwrap();
    assert!(p.tag == Tag::Float && p.as_float() == 2f64.powi(63));
    let p = ops::pow(&i(-2), &i(63)).unwrap();
    assert!(p.tag == Tag::Int && p.as_int() == i64::MIN);
    let p = ops::pow(&f(2.0), &i(3)).unwrap();
    assert!(p.tag == Tag::Float && p.as_float() == 8.0);
    let mut ctx = Ctx::new();
    let intdiv = builtins::lookup("intdiv").unwrap();
    assert_eq!(intdiv.call(&mut ctx, &[i(-17), i(5)]).unwrap().as_int(), -3);
    assert_eq!(
        class_of(intdiv.call(&mut ctx, &[i(1), i(0)]).unwrap_err()),
        ExnClass::DivisionByZeroException
    );
    assert_eq!(
        class_of(intdiv.call(&mut ctx, &[i(i64::MIN), i(-1)]).unwrap_err()),
        ExnClass::ArithmeticError
    );
}

#[test]
fn mixed_operands() {
    let _g = heap::enter_request();
    let s5 = TypedValue::new_str(b"5");
    let apples = TypedValue::new_str(b"5 apples");
    let abc = TypedValue::new_str(b"abc");
    assert_eq!(ops::add(&s5, &i(1)).unwrap().as_int(), 6);
    assert_eq!(ops::add(&apples, &i(1)).unwrap().as_int(), 6);
    assert_eq!(ops::add(&abc, &i(1)).unwrap().as_int(), 1);
    assert_eq!(
        ops::add(&TypedValue::null(), &TypedValue::bool(true))
            .unwrap()
            .as_int(),
        1
    );
    assert_eq!(echo(ops::add(&i(3), &f(0.5)).unwrap()), "3.5");
    assert_eq!(
        echo(
            ops::concat_n(&[
                TypedValue::null(),
                i(5),
                f(2.5),
                TypedValue::bool(true),
                TypedValue::bool(false)
            ])
            .unwrap()
        ),
        "52.51"
    );
    assert_eq!(ops::incr(&TypedValue::null()).unwrap().as_int(), 1);
    assert!(ops::decr(&TypedValue::null()).unwrap().is_null());
    assert_eq!(echo(ops::incr(&TypedValue::new_str(b"Az")).unwrap()), "Ba");
    assert_eq!(echo(ops::cast_string(&f(-0.0)).unwrap()), "0");
    assert_eq!(
        ops::cast_int(&TypedValue::new_str(b"  -3.7abc"))
            .unwrap()
            .as_int(),
        -3
    );
    // HHVM's double_to_int64 (PHP 8 gives 0).
    assert_eq!(ops::cast_int(&f(f64::NAN)).unwrap().as_int(), i64::MIN);
    assert!(!ops::cast_bool(&TypedValue::new_str(b"0"))
        .unwrap()
        .as_bool());
    assert!(ops::cast_bool(&TypedValue::new_str(b"0.0"))
        .unwrap()
        .as_bool());
    assert!(ops::cast_bool(&f(f64::NAN)).unwrap().as_bool());
    assert_eq!(ops::bitnot(&i(6)).unwrap().as_int(), -7);
    for v in [s5, apples, abc] {
        // SAFETY: owned by this test.
        unsafe { v.dec_ref() };
    }
}

#[test]
fn builtin_errors_never_panic() {
    let _g = heap::enter_request();
    let mut ctx = Ctx::new();
    let e = builtins::lookup("strlen")
        .unwrap()
        .call(&mut ctx, &[])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "ArgumentCountError: strlen() expects exactly 1 parameter, 0 given"
    );
    let e = builtins::lookup("substr")
        .unwrap()
        .call(&mut ctx, &[i(1), i(2), i(3), i(4)])
        .unwrap_err();
    assert_eq!(class_of(e), ExnClass::ArgumentCountError);
    let e = builtins::lookup("str_repeat")
        .unwrap()
        .call(&mut ctx, &[i(1), TypedValue::new_str(b"x")])
        .unwrap_err();
    assert!(e.to_string().contains("str_repeat()"));
    assert_eq!(class_of(e), ExnClass::TypeError);
    let e = builtins::lookup("sprintf")
        .unwrap()
        .call(&mut ctx, &[TypedValue::new_str(b"%d %d"), i(1)])
        .unwrap_err();
    assert_eq!(class_of(e), ExnClass::ArgumentCountError);
    // Every builtin survives every arity up to 5 with assorted scalars.
    let pool = [
        i(-1),
        f(0.5),
        TypedValue::new_str(b"%s"),
        TypedValue::null(),
        TypedValue::bool(true),
        i(0),
    ];
    for b in builtins::all() {
        for n in 0..=5usize {
            for shift in 0..pool.len() {
                let args: Vec<TypedValue> =
                    (0..n).map(|k| pool[(k + shift) % pool.len()]).collect();
                if let Ok(r) = b.call(&mut ctx, &args) {
                    // SAFETY: builtin results are owned.
                    unsafe { r.dec_ref() };
                }
            }
        }
    }
    assert!(builtins::lookup("Str\\length").is_some());
    assert!(builtins::lookup("STRLEN").is_some());
    assert!(builtins::lookup("no_such_function").is_none());
    assert_eq!(echo(builtins::constant("PHP_EOL").unwrap()), "\n");
    assert_eq!(builtins::constant("STR_PAD_BOTH").unwrap().as_int(), 2);
    assert_eq!(
        builtins::constant("PHP_INT_MIN").unwrap().as_int(),
        i64::MIN
    );
}

#[test]
fn var_dump_and_print() {
    let _g = heap::enter_request();
    let mut ctx = Ctx::new();
    let vd = builtins::lookup("var_dump").unwrap();
    let args = [
        i(42),
        f(0.5),
        f(3.0),
        f(-0.0),
        TypedValue::new_str(b"hello"),
        TypedValue::bool(true),
        TypedValue::null(),
    ];
    vd.call(&mut ctx, &args).unwrap();
    let out = String::from_utf8(ctx.take_output()).unwrap();
    assert_eq!(
        out,
        "int(42)\nfloat(0.5)\nfloat(3)\nfloat(-0)\nstring(5) \"hello\"\nbool(true)\nNULL\n"
    );
    let r = builtins::lookup("print")
        .unwrap()
        .call(&mut ctx, &[f(1e20)])
        .unwrap();
    assert_eq!(r.as_int(), 1);
    let r = builtins::lookup("printf")
        .unwrap()
        .call(
            &mut ctx,
            &[
                TypedValue::new_str(b"%-6s|%6.2f|\n"),
                TypedValue::new_str(b"total"),
                f(1234.5),
            ],
        )
        .unwrap();
    assert_eq!(r.as_int(), 16);
    assert_eq!(
        String::from_utf8(ctx.take_output()).unwrap(),
        "1.0E+20total |1234.50|\n"
    );
}

#[test]
fn counted_strings_die() {
    let g = heap::enter_request();
    let mut live = Vec::new();
    for k in 0..10_000usize {
        let s = TypedValue::new_str(&vec![b'x'; k % 5000]);
        // SAFETY: `s` is live; the extra reference is dropped below.
        unsafe { s.inc_ref() };
        live.push(s);
    }
    assert_eq!(g.stats().live_objects, 10_000);
    for s in &live {
        // SAFETY: two references each; drop both.
        unsafe {
            s.dec_ref();
            assert_eq!(s.refcount(), Some(1));
            s.dec_ref();
        }
    }
    assert_eq!(g.stats().live_objects, 0);
    assert_eq!(g.stats().live_bytes, 0);
    // Statics are never counted or freed.
    let st = TypedValue::static_str(b"literal");
    // SAFETY: static values ignore refcounting.
    unsafe {
        st.inc_ref();
        st.dec_ref();
        st.dec_ref();
    }
    assert_eq!(st.refcount(), Some(-1));
    assert_eq!(st.str_bytes(), b"literal");
}

#[test]
fn request_heap_frees_everything() {
    let outer = heap::stats().live_objects;
    {
        let g = heap::enter_request();
        for _ in 0..1000 {
            let _leaked = TypedValue::new_str(b"never released explicitly");
        }
        assert_eq!(g.stats().live_objects, 1000);
    }
    assert_eq!(
        heap::stats().live_objects,
        outer,
        "the previous heap is current again"
    );
}

#[test]
fn append_is_amortized() {
    let g = heap::enter_request();
    let mut s = Str::new_counted(b"");
    let before = g.stats().total_allocs;
    let n = 100_000;
    for _ in 0..n {
        // SAFETY: `s` is uniquely owned; append consumes it and returns the owned result.
        s = unsafe { Str::append(s, b"ab") };
    }
    let reallocs = g.stats().total_allocs - before;
    // SAFETY: `s` is live and owned.
    let sv = TypedValue::str(s);
    assert_eq!(sv.as_str().len(), 2 * n);
    assert!(
        reallocs <= 2 * (2 * n as u64).ilog2() as u64,
        "{reallocs} reallocations for {n} appends"
    );
    assert_eq!(
        sv.as_str().hash(),
        jsvm_runtime::string::hash_bytes(&b"ab".repeat(n))
    );
    // SAFETY: owned.
    unsafe { sv.dec_ref() };
    assert_eq!(g.stats().live_objects, 0);
}

#[test]
fn case_changes_return_the_argument_when_nothing_changes() {
    let g = heap::enter_request();
    let mut ctx = Ctx::new();
    let lower = TypedValue::new_str(b"words 42");
    let mixed = TypedValue::new_str(b"Words");
    for name in ["strtolower", "Str\\lowercase"] {
        let b = builtins::lookup(name).unwrap();
        let same = b.call(&mut ctx, &[lower]).unwrap();
        assert!(same.bits_eq(lower), "{name}: the argument itself");
        let changed = b.call(&mut ctx, &[mixed]).unwrap();
        assert_eq!(changed.str_bytes(), b"words");
        assert!(!changed.bits_eq(mixed));
        // SAFETY: owned results, not used afterwards.
        unsafe {
            same.dec_ref();
            changed.dec_ref();
        }
    }
    let up = builtins::lookup("strtoupper").unwrap();
    let r = up.call(&mut ctx, &[lower]).unwrap();
    assert_eq!(r.str_bytes(), b"WORDS 42");
    // SAFETY: owned values, not used afterwards.
    unsafe {
        r.dec_ref();
        lower.dec_ref();
        mixed.dec_ref();
    }
    assert_eq!(g.stats().live_objects, 0);
}

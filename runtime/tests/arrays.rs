//! Hack array tests: vec/dict/keyset API (copy-on-write, keys, errors, iteration), equality, var_dump and json text, memory (no leaks, amortized growth, iterative release), and every container builtin, callbacks through a fake `Invoker`.

use jsvm_runtime::array::{self, Invoker};
use jsvm_runtime::builtins;
use jsvm_runtime::conv;
use jsvm_runtime::ctx::Ctx;
use jsvm_runtime::error::{ExnClass, RtResult, RuntimeError};
use jsvm_runtime::heap;
use jsvm_runtime::value::{Tag, TypedValue};

fn i(v: i64) -> TypedValue {
    TypedValue::int(v)
}
fn s(v: &str) -> TypedValue {
    TypedValue::new_str(v.as_bytes())
}
fn vec_of(items: Vec<TypedValue>) -> TypedValue {
    array::new_vec(items)
}
fn ints(v: &[i64]) -> TypedValue {
    vec_of(v.iter().map(|&x| i(x)).collect())
}
fn dict_of(pairs: Vec<(TypedValue, TypedValue)>) -> TypedValue {
    array::new_dict(pairs).unwrap()
}
fn keyset_of(items: Vec<TypedValue>) -> TypedValue {
    array::new_keyset(items).unwrap()
}
/// Releases an owned value.
fn rel(v: TypedValue) {
    // SAFETY: every test value passed here is owned by the test and not used afterwards.
    unsafe { v.dec_ref() }
}
fn dup(v: &TypedValue) -> TypedValue {
    // SAFETY: `v` is live.
    unsafe { v.dup() }
}

/// A compact rendering: `vec[1, "a"]`, `dict["k" => 1]`, `keyset[1]`, scalars as var_export-ish.
fn show(v: &TypedValue) -> String {
    match v.tag {
        Tag::Vec | Tag::Dict | Tag::Keyset => {
            let name = match v.tag {
                Tag::Vec => "vec",
                Tag::Dict => "dict",
                _ => "keyset",
            };
            let parts: Vec<String> = array::items(v)
                .unwrap()
                .map(|(k, x)| {
                    if v.tag == Tag::Dict {
                        format!("{} => {}", show(&k), show(&x))
                    } else {
                        show(&x)
                    }
                })
                .collect();
            format!("{name}[{}]", parts.join(", "))
        }
        Tag::Str => format!("{:?}", String::from_utf8_lossy(v.str_bytes())),
        Tag::Null => "null".into(),
        Tag::Bool => v.as_bool().to_string(),
        Tag::Float => format!("{}f", conv::float_to_string(v.as_float())),
        _ => String::from_utf8_lossy(&conv::to_string_bytes(v)).into_owned(),
    }
}

fn err_of<T: std::fmt::Debug>(r: RtResult<T>) -> (ExnClass, String) {
    match r {
        Err(RuntimeError::Throw { class, message }) => (class, message.to_string()),
        other => panic!("expected a Throw, got {other:?}"),
    }
}

/// Runs `f` in a fresh request and checks that every object it allocated was freed.
fn no_leaks(f: impl FnOnce()) {
    let g = heap::enter_request();
    f();
    assert_eq!(g.stats().live_objects, 0, "leaked objects");
    assert_eq!(g.stats().live_bytes, 0, "leaked bytes");
}

fn call(name: &str, args: &[TypedValue]) -> RtResult<TypedValue> {
    let mut ctx = Ctx::new();
    let b = builtins::lookup(name).unwrap_or_else(|| panic!("no builtin {name}"));
    b.call(&mut ctx, args)
}

/// Calls a builtin and renders (then releases) its result.
fn callv(name: &str, args: &[TypedValue]) -> String {
    let r = call(name, args).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = show(&r);
    rel(r);
    out
}

// ---------------------------------------------------------------------------
// A fake invoker: `f` is a string naming a Rust closure, or an int n (multiply by n).

struct Fake {
    calls: usize,
}

impl Invoker for Fake {
    fn invoke(&mut self, ctx: &mut Ctx, f: &TypedValue, a: &[TypedValue]) -> RtResult<TypedValue> {
        self.calls += 1;
        let name = String::from_utf8(f.str_bytes().to_vec()).unwrap();
        // "times N": multiply by N.
        if let Some(k) = name.strip_prefix("times ") {
            return jsvm_runtime::ops::mul(&a[0], &TypedValue::int(k.parse().unwrap()));
        }
        let n = |v: &TypedValue| conv::to_int(v);
        Ok(match name.as_str() {
            "odd" => TypedValue::bool(n(&a[0]) % 2 != 0),
            "gt2" => TypedValue::bool(n(&a[0]) > 2),
            "add" => jsvm_runtime::ops::add(&a[0], &a[1])?,
            "concat_rev" => jsvm_runtime::string::concat2(&a[1], &a[0]),
            "desc" => TypedValue::int(conv::compare(&a[1], &a[0])?),
            "len" => TypedValue::int(conv::to_string_bytes(&a[0]).len() as i64),
            "first_char" => array::index_get(&a[0], &i(0))?,
            "last_char" => {
                let last = conv::to_string_bytes(&a[0]).len() as i64 - 1;
                array::index_get(&a[0], &i(last))?
            }
            "lower" => builtins::lookup("strtolower").unwrap().call(ctx, a)?,
            "null" => TypedValue::null(),
            "key_plus_val" => TypedValue::int(n(&a[0]) + n(&a[1])),
            "throw" => {
                return Err(RuntimeError::throw(ExnClass::Exception, "boom"));
            }
            "throw_on_3" => {
                if n(&a[0]) == 3 || (a.len() > 1 && n(&a[1]) == 3) {
                    return Err(RuntimeError::throw(ExnClass::Exception, "three"));
                }
                TypedValue::int(conv::compare(&a[0], a.get(1).unwrap_or(&a[0]))?)
            }
            "inconsistent" => TypedValue::int(if self.calls.is_multiple_of(3) { 1 } else { -1 }),
            other => panic!("fake invoker: unknown {other}"),
        })
    }
}

fn callcb(name: &str, args: &[TypedValue]) -> RtResult<TypedValue> {
    let mut ctx = Ctx::new();
    let mut inv = Fake { calls: 0 };
    let b = array::lookup_callback(name).unwrap_or_else(|| panic!("no callback builtin {name}"));
    b.call(&mut ctx, &mut inv, args)
}

fn callcbv(name: &str, args: &[TypedValue]) -> String {
    let r = callcb(name, args).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = show(&r);
    rel(r);
    out
}

// ---------------------------------------------------------------------------
// vec

#[test]
fn vec_get_set_append() {
    no_leaks(|| {
        let v = ints(&[3, 1, 4]);
        assert_eq!(array::count(&v), 3);
        assert_eq!(array::index_get(&v, &i(2)).unwrap().as_int(), 4);
        // SAFETY: `v` is owned and replaced by each result.
        let v = unsafe { array::append(v, s("x")).unwrap() };
        let v = unsafe { array::index_set(v, &i(0), i(30)).unwrap() };
        assert_eq!(show(&v), r#"vec[30, 1, 4, "x"]"#);
        let (c, m) = err_of(array::index_get(&v, &i(5)));
        assert_eq!(
            (c, m.as_str()),
            (
                ExnClass::OutOfBoundsException,
                "Out of bounds vec access: invalid index 5"
            )
        );
        let (c, m) = err_of(array::index_get(&v, &i(-1)));
        assert_eq!(
            (c, m.as_str()),
            (
                ExnClass::OutOfBoundsException,
                "Out of bounds vec access: invalid index -1"
            )
        );
        let k = s("0");
        let (c, m) = err_of(array::index_get(&v, &k));
        assert_eq!(c, ExnClass::InvalidArgumentException);
        assert_eq!(
            m,
            "Invalid vec key: expected a key of type int, string given"
        );
        assert!(array::index_isset(&v, &i(3)));
        assert!(!array::index_isset(&v, &i(4)));
        assert!(!array::index_isset(&v, &k), "isset never throws");
        assert!(array::index_get_or_null(&v, &i(9)).is_null());
        // Writing past the end throws, releases the value and leaves the container to the
        // caller, unchanged.
        let v2 = dup(&v);
        // SAFETY: `v2` and the new string are owned and handed over.
        let (c, m) = err_of(unsafe { array::index_set(v2, &i(4), s("leak?")) });
        assert_eq!(
            (c, m.as_str()),
            (
                ExnClass::OutOfBoundsException,
                "Out of bounds vec access: invalid index 4"
            )
        );
        assert_eq!(
            v.refcount(),
            Some(2),
            "the failed index_set left the container's reference to the caller"
        );
        assert_eq!(show(&v2), show(&v));
        rel(v2);
        rel(k);
        rel(v);
    });
}

#[test]
fn vec_copy_on_write() {
    no_leaks(|| {
        let a = vec_of(vec![s("one"), s("two")]);
        let b = dup(&a);
        // SAFETY: `a` is owned (one of two references) and replaced by the result.
        let a2 = unsafe { array::index_set(a, &i(0), s("uno")).unwrap() };
        assert_ne!(a2.payload, b.payload, "shared: copied");
        assert_eq!(show(&b), r#"vec["one", "two"]"#);
        assert_eq!(show(&a2), r#"vec["uno", "two"]"#);
        assert_eq!(b.refcount(), Some(1));
        // Unique: in place.
        let p = a2.payload;
        // SAFETY: `a2` is owned and unique.
        let a3 = unsafe { array::index_set(a2, &i(1), s("dos")).unwrap() };
        assert_eq!(a3.payload, p, "unique: updated in place");
        // The element strings of the copy are shared with `b` ("two" had rc 2 before "dos").
        let c = dup(&b);
        // SAFETY: `c` is owned.
        let c = unsafe { array::append(c, s("three")).unwrap() };
        assert_eq!(show(&b), r#"vec["one", "two"]"#);
        assert_eq!(show(&c), r#"vec["one", "two", "three"]"#);
        // Self-append: `$a[] = $a` copies, no cycle.
        let d = dup(&b);
        // SAFETY: two owned references to `b`'s object are handed over.
        let d = unsafe { array::append(d, dup(&b)).unwrap() };
        assert_eq!(show(&d), r#"vec["one", "two", vec["one", "two"]]"#);
        for v in [a3, b, c, d] {
            rel(v);
        }
    });
}

#[test]
fn vec_unset_rules() {
    no_leaks(|| {
        let v = ints(&[1, 2, 3]);
        // SAFETY: owned values handed over in turn.
        unsafe {
            let v = array::index_unset(v, &i(7)).unwrap();
            assert_eq!(show(&v), "vec[1, 2, 3]", "missing index: no-op");
            let v = array::index_unset(v, &i(2)).unwrap();
            assert_eq!(show(&v), "vec[1, 2]", "last element may go");
            let keep = dup(&v);
            let (c, m) = err_of(array::index_unset(v, &i(0)));
            assert_eq!(c, ExnClass::InvalidOperationException);
            assert_eq!(m, "Vecs do not support unsetting non-end elements");
            assert_eq!(keep.refcount(), Some(1));
            rel(keep);
        }
    });
}

#[test]
fn amortized_append_and_limits() {
    let g = heap::enter_request();
    let before = g.stats().total_allocs;
    let mut v = array::new_vec(Vec::new());
    for n in 0..1_000_000 {
        // SAFETY: `v` is owned and unique; replaced by the result.
        v = unsafe { array::append(v, i(n)).unwrap() };
    }
    let allocs = g.stats().total_allocs - before;
    assert!(
        allocs <= 40,
        "{allocs} allocations for 1e6 appends: not geometric"
    );
    assert_eq!(array::count(&v), 1_000_000);
    assert_eq!(array::index_get(&v, &i(999_999)).unwrap().as_int(), 999_999);
    rel(v);
    assert_eq!(g.stats().live_objects, 0);
}

#[test]
fn deep_nesting_releases_iteratively() {
    let g = heap::enter_request();
    let mut v = array::new_vec(Vec::new());
    for _ in 0..100_000 {
        v = vec_of(vec![v, s("x")]);
    }
    let mut d = dict_of(Vec::new());
    for _ in 0..100_000 {
        d = dict_of(vec![(s("k"), d)]);
    }
    // var_dump and == refuse to go that deep instead of overflowing the stack; 500 levels work.
    let mut ok = array::new_vec(Vec::new());
    for _ in 0..500 {
        ok = vec_of(vec![ok]);
    }
    let mut text = Vec::new();
    builtins::var_dump_value(&mut text, &ok, 0).unwrap();
    assert_eq!(text.iter().filter(|&&c| c == b'\n').count(), 1002);
    assert!(text.starts_with(b"vec(1) {\n  vec(1) {\n"));
    let ok2 = dup(&ok);
    let copy = vec_of(vec![ok2]);
    let copy2 = vec_of(vec![dup(&ok)]);
    assert!(conv::strict_eq(&copy, &copy2).unwrap());
    rel(copy);
    rel(copy2);
    rel(ok);
    let mut out = Vec::new();
    assert!(matches!(
        builtins::var_dump_value(&mut out, &v, 0),
        Err(RuntimeError::Fatal(_))
    ));
    assert!(
        matches!(conv::loose_eq(&v, &dup(&v)), Ok(true)),
        "identity short-cut"
    );
    rel(v); // the dup above
    rel(v);
    rel(d);
    assert_eq!(g.stats().live_objects, 0);
}

// ---------------------------------------------------------------------------
// dict and keyset

#[test]
fn dict_keys_order_and_errors() {
    no_leaks(|| {
        let d = dict_of(vec![(i(1), s("int one")), (s("1"), s("string one"))]);
        assert_eq!(array::count(&d), 2, "1 and \"1\" are different keys");
        let x = array::index_get(&d, &i(1)).unwrap();
        assert_eq!(show(&x), r#""int one""#);
        rel(x);
        let one = s("1");
        let x = array::index_get(&d, &one).unwrap();
        assert_eq!(show(&x), r#""string one""#);
        rel(x);
        rel(one);
        let (c, m) = err_of(array::index_get(&d, &i(2)));
        assert_eq!(
            (c, m.as_str()),
            (
                ExnClass::OutOfBoundsException,
                "Out of bounds dict access: invalid index 2"
            )
        );
        let zz = s("zz");
        let (_, m) = err_of(array::index_get(&d, &zz));
        assert_eq!(m, r#"Out of bounds dict access: invalid index "zz""#);
        rel(zz);
        let (c, m) = err_of(array::index_get(&d, &TypedValue::float(1.0)));
        assert_eq!(c, ExnClass::InvalidArgumentException);
        assert_eq!(
            m,
            "Invalid dict key: expected a key of type int or string, float given"
        );
        rel(d);

        // Overwrite keeps position; unset then re-add appends.
        let d = dict_of(vec![(s("alice"), i(31)), (s("bob"), i(25))]);
        let (alice, bob, carol) = (s("alice"), s("bob"), s("carol"));
        // SAFETY: `d` is owned and replaced by each result.
        let d = unsafe {
            let d = array::index_set(d, &carol, i(40)).unwrap();
            let d = array::index_set(d, &alice, i(32)).unwrap();
            let d = array::index_unset(d, &bob).unwrap();
            assert_eq!(show(&d), r#"dict["alice" => 32, "carol" => 40]"#);
            let d = array::index_set(d, &bob, i(26)).unwrap();
            assert_eq!(
                show(&d),
                r#"dict["alice" => 32, "carol" => 40, "bob" => 26]"#
            );
            d
        };
        assert!(array::index_isset(&d, &bob));
        assert!(!array::index_isset(&d, &i(0)));
        // SAFETY: owned.
        let d2 = dup(&d);
        let (c, _) = err_of(unsafe { array::append(d2, i(1)) });
        assert_eq!(c, ExnClass::InvalidOperationException);
        rel(d2);
        for v in [alice, bob, carol, d] {
            rel(v);
        }
        let (c, m) = err_of(array::new_dict(vec![
            (s("ok"), s("v")),
            (TypedValue::bool(true), s("w")),
            (s("later"), s("z")),
        ]));
        assert_eq!(c, ExnClass::InvalidArgumentException);
        assert_eq!(
            m,
            "Invalid dict key: expected a key of type int or string, bool given"
        );
    });
}

#[test]
fn dict_null_values_and_isset() {
    no_leaks(|| {
        let d = dict_of(vec![(s("n"), TypedValue::null())]);
        let n = s("n");
        assert!(!array::index_isset(&d, &n), "isset: null value");
        assert!(array::contains_key(&d, &n));
        assert!(array::index_get(&d, &n).unwrap().is_null());
        rel(n);
        rel(d);
    });
}

#[test]
fn dict_cow_and_nested() {
    no_leaks(|| {
        let inner = ints(&[1, 2]);
        let outer = dict_of(vec![(s("list"), inner)]);
        let copy = dup(&outer);
        let list = s("list");
        // `$copy['list'][] = 3`: move the inner vec out, append, move it back.
        // SAFETY: every value is owned and handed over once.
        let copy = unsafe {
            let inner = array::index_get(&copy, &list).unwrap();
            let inner = array::append(inner, i(3)).unwrap();
            array::index_set(copy, &list, inner).unwrap()
        };
        assert_eq!(show(&outer), r#"dict["list" => vec[1, 2]]"#);
        assert_eq!(show(&copy), r#"dict["list" => vec[1, 2, 3]]"#);
        for v in [outer, copy, list] {
            rel(v);
        }
    });
}

#[test]
fn keyset_ops() {
    no_leaks(|| {
        let ks = keyset_of(vec![i(3), i(1), i(3), s("1"), i(2), i(1)]);
        assert_eq!(show(&ks), r#"keyset[3, 1, "1", 2]"#);
        let p = ks.payload;
        // SAFETY: owned values handed over in turn.
        unsafe {
            let shared = dup(&ks);
            let ks2 = array::append(shared, i(3)).unwrap();
            assert_eq!(ks2.payload, p, "present: no copy even when shared");
            rel(ks2);
            let ks = array::append(ks, i(9)).unwrap();
            assert_eq!(array::index_get(&ks, &i(9)).unwrap().as_int(), 9);
            let (c, m) = err_of(array::index_get(&ks, &i(7)));
            assert_eq!(
                (c, m.as_str()),
                (
                    ExnClass::OutOfBoundsException,
                    "Out of bounds keyset access: invalid index 7"
                )
            );
            let ks2 = dup(&ks);
            let (c, m) = err_of(array::index_set(ks2, &i(1), i(1)));
            rel(ks2);
            assert_eq!(
                (c, m.as_str()),
                (
                    ExnClass::InvalidOperationException,
                    "Invalid operation on keyset"
                )
            );
            let ks2 = dup(&ks);
            let (c, _) = err_of(array::append(ks2, TypedValue::float(1.5)));
            assert_eq!(c, ExnClass::InvalidArgumentException);
            rel(ks2);
            let ks = array::index_unset(ks, &i(1)).unwrap();
            assert_eq!(show(&ks), r#"keyset[3, "1", 2, 9]"#);
            // foreach ($ks as $k => $v): both are the element.
            let pos = array::iter_first(&ks).unwrap();
            let (k, v) = (array::iter_key(&ks, pos), array::iter_value(&ks, pos));
            assert_eq!((k.as_int(), v.as_int()), (3, 3));
            rel(ks);
        }
    });
}

#[test]
fn iteration_with_tombstones() {
    no_leaks(|| {
        let mut d = dict_of((0..10).map(|n| (i(n), s(&format!("v{n}")))).collect());
        for n in (0..10).step_by(2) {
            // SAFETY: `d` is owned and replaced.
            d = unsafe { array::index_unset(d, &i(n)).unwrap() };
        }
        let mut seen = Vec::new();
        let mut pos = array::iter_first(&d).unwrap();
        while !array::iter_done(&d, pos) {
            let (k, v) = (array::iter_key(&d, pos), array::iter_value(&d, pos));
            seen.push(format!("{}={}", k.as_int(), show(&v)));
            rel(v);
            pos = array::iter_next(&d, pos);
        }
        assert_eq!(seen.join(" "), r#"1="v1" 3="v3" 5="v5" 7="v7" 9="v9""#);
        assert!(
            array::iter_key(&d, 0).is_null(),
            "a tombstone position gives null"
        );
        // Remove everything: iteration is empty.
        for n in (1..10).step_by(2) {
            // SAFETY: as above.
            d = unsafe { array::index_unset(d, &i(n)).unwrap() };
        }
        assert!(array::iter_done(&d, array::iter_first(&d).unwrap()));
        assert!(!conv::to_bool(&d));
        rel(d);
        let v = ints(&[]);
        assert!(array::iter_done(&v, array::iter_first(&v).unwrap()));
        assert_eq!(
            err_of(array::iter_first(&i(1))).0,
            ExnClass::InvalidArgumentException
        );
        rel(v);
    });
}

/// Random operations on a dict against a simple ordered model (insertion order, no coercion).
#[test]
fn dict_model_check() {
    no_leaks(|| {
        let mut model: Vec<(TypedValue, i64)> = Vec::new();
        let mut d = dict_of(Vec::new());
        let mut held: Vec<TypedValue> = Vec::new(); // snapshots that must not change
        let mut snapshots: Vec<String> = Vec::new();
        let mut seed: u64 = 0x1234_5678;
        let mut rnd = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for step in 0..20_000 {
            let kn = rnd(300) as i64;
            let key = if kn % 2 == 0 {
                i(kn)
            } else {
                s(&kn.to_string())
            };
            let pos = model
                .iter()
                .position(|(k, _)| conv::strict_eq(k, &key).unwrap());
            match rnd(10) {
                0..=5 => {
                    // SAFETY: `d` owned and replaced.
                    d = unsafe { array::index_set(d, &key, i(step)).unwrap() };
                    match pos {
                        Some(p) => model[p].1 = step,
                        None => model.push((dup(&key), step)),
                    }
                }
                6..=8 => {
                    // SAFETY: as above.
                    d = unsafe { array::index_unset(d, &key).unwrap() };
                    if let Some(p) = pos {
                        rel(model.remove(p).0);
                    }
                }
                _ => {
                    if held.len() < 5 {
                        held.push(dup(&d));
                        snapshots.push(show(&d));
                    }
                }
            }
            let present = model.iter().any(|(k, _)| conv::strict_eq(k, &key).unwrap());
            assert_eq!(array::contains_key(&d, &key), present);
            assert_eq!(array::index_isset(&d, &key), present);
            rel(key);
            if step % 1000 == 0 {
                let got = show(&d);
                let want = format!(
                    "dict[{}]",
                    model
                        .iter()
                        .map(|(k, v)| format!("{} => {v}", show(k)))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                assert_eq!(got, want, "step {step}");
            }
        }
        assert_eq!(array::count(&d) as usize, model.len());
        for (h, snap) in held.iter().zip(&snapshots) {
            assert_eq!(&show(h), snap, "a shared snapshot changed");
        }
        for (k, _) in model {
            rel(k);
        }
        for h in held {
            rel(h);
        }
        rel(d);
    });
}

#[test]
fn string_indexing() {
    no_leaks(|| {
        let st = s("hello");
        // HHVM has no offsets from the end: a negative one is out of range.
        for (k, want) in [(0, "h"), (4, "o"), (-1, ""), (-5, ""), (5, ""), (-6, "")] {
            let r = array::index_get(&st, &i(k)).unwrap();
            assert_eq!(r.str_bytes(), want.as_bytes(), "offset {k}");
            rel(r);
        }
        assert!(!array::index_isset(&st, &i(-1)));
        assert!(array::index_isset(&st, &i(4)));
        assert!(!array::index_isset(&st, &i(5)));
        assert!(array::index_get(&TypedValue::null(), &i(0))
            .unwrap()
            .is_null());
        rel(st);
    });
}

#[test]
fn equality_and_ordering() {
    no_leaks(|| {
        let (a, b, c) = (ints(&[1, 2]), ints(&[1, 2]), ints(&[2, 1]));
        assert!(conv::strict_eq(&a, &b).unwrap() && conv::loose_eq(&a, &b).unwrap());
        assert!(!conv::strict_eq(&a, &c).unwrap() && !conv::loose_eq(&a, &c).unwrap());
        let f = vec_of(vec![TypedValue::float(1.0), s("2")]);
        assert!(conv::loose_eq(&a, &f).unwrap() && !conv::strict_eq(&a, &f).unwrap());
        assert_eq!(conv::compare(&a, &c).unwrap(), -1);
        assert_eq!(conv::compare(&c, &a).unwrap(), 1);
        let long = ints(&[0, 0, 0]);
        assert_eq!(conv::compare(&a, &long).unwrap(), -1, "length first");
        rel(long);
        let d1 = dict_of(vec![(s("a"), i(1)), (s("b"), i(2))]);
        let d2 = dict_of(vec![(s("b"), i(2)), (s("a"), i(1))]);
        assert!(conv::loose_eq(&d1, &d2).unwrap(), "== ignores order");
        assert!(!conv::strict_eq(&d1, &d2).unwrap(), "=== does not");
        let d3 = dict_of(vec![(s("a"), i(1)), (s("b"), i(2))]);
        assert!(conv::strict_eq(&d1, &d3).unwrap());
        let (cls, m) = err_of(conv::compare(&d1, &d2));
        assert_eq!(cls, ExnClass::InvalidOperationException);
        assert_eq!(
            m,
            "Cannot use relational comparison operators (<, <=, >, >=, <=>) to compare dicts"
        );
        let (_, m) = err_of(conv::compare(&i(1), &d1));
        assert!(m.ends_with("to compare dicts"), "{m}");
        let (_, m) = err_of(conv::compare(&a, &i(1)));
        assert!(m.ends_with("a vec with a non-vec"), "{m}");
        assert!(!conv::loose_eq(&a, &d1).unwrap(), "vec vs dict");
        assert!(!conv::loose_eq(&a, &i(1)).unwrap());
        let dv = dict_of(vec![(i(0), i(1)), (i(1), i(2))]);
        assert!(
            !conv::loose_eq(&a, &dv).unwrap(),
            "a dict is never == a vec"
        );
        let k1 = keyset_of(vec![i(1), s("a")]);
        let k2 = keyset_of(vec![s("a"), i(1)]);
        assert!(conv::loose_eq(&k1, &k2).unwrap() && !conv::strict_eq(&k1, &k2).unwrap());
        let e = ints(&[]);
        assert!(
            conv::loose_eq(&e, &TypedValue::null()).unwrap(),
            "empty == null (as bools)"
        );
        assert!(conv::to_bool(&a) && !conv::to_bool(&e));
        // Nested.
        let n1 = vec_of(vec![dup(&d1), dup(&a)]);
        let n2 = vec_of(vec![dup(&d2), dup(&b)]);
        assert!(conv::loose_eq(&n1, &n2).unwrap() && !conv::strict_eq(&n1, &n2).unwrap());
        for v in [a, b, c, f, d1, d2, d3, dv, k1, k2, e, n1, n2] {
            rel(v);
        }
    });
}

#[test]
fn static_arrays() {
    no_leaks(|| {
        let v = vec_of(vec![
            s("lit"),
            ints(&[1, 2]),
            dict_of(vec![(s("k"), keyset_of(vec![s("x")]))]),
        ]);
        let st = array::to_static(v);
        assert!(st.is_static());
        assert_eq!(
            show(&st),
            r#"vec["lit", vec[1, 2], dict["k" => keyset["x"]]]"#
        );
        // Writing to a static copies; the static is unchanged.
        // SAFETY: statics ignore reference counts; the result is owned.
        let w = unsafe { array::append(st, i(5)).unwrap() };
        assert!(!w.is_static());
        assert_eq!(array::count(&st), 3);
        assert_eq!(array::count(&w), 4);
        rel(w);
    });
}

// ---------------------------------------------------------------------------
// var_dump and json_encode

#[test]
fn var_dump_nested() {
    no_leaks(|| {
        let mut ctx = Ctx::new();
        let v = vec_of(vec![
            dict_of(vec![(s("k"), keyset_of(vec![]))]),
            vec_of(vec![ints(&[0])]),
        ]);
        let d = dict_of(vec![
            (s("a"), i(1)),
            (i(5), s("five")),
            (s("nested"), vec_of(vec![TypedValue::bool(true)])),
        ]);
        let k = keyset_of(vec![s("x"), i(3)]);
        let e = ints(&[]);
        let f = vec_of(vec![
            TypedValue::float(0.5),
            TypedValue::null(),
            TypedValue::float(-0.0),
        ]);
        builtins::lookup("var_dump")
            .unwrap()
            .call(&mut ctx, &[v, e, d, k, f])
            .unwrap();
        let out = String::from_utf8(ctx.take_output()).unwrap();
        let want = r#"vec(2) {
  dict(1) {
    ["k"]=>
    keyset(0) {
    }
  }
  vec(1) {
    vec(1) {
      int(0)
    }
  }
}
vec(0) {
}
dict(3) {
  ["a"]=>
  int(1)
  [5]=>
  string(4) "five"
  ["nested"]=>
  vec(1) {
    bool(true)
  }
}
keyset(2) {
  string(1) "x"
  int(3)
}
vec(3) {
  float(0.5)
  NULL
  float(-0)
}
"#;
        assert_eq!(out, want);
        for x in [v, e, d, k, f] {
            rel(x);
        }
    });
}

#[test]
fn json_encode_containers() {
    no_leaks(|| {
        let v = ints(&[1, 2, 3]);
        let d = dict_of(vec![
            (s("a"), i(1)),
            (
                s("b"),
                vec_of(vec![
                    TypedValue::bool(true),
                    TypedValue::bool(false),
                    TypedValue::null(),
                ]),
            ),
        ]);
        let list = dict_of(vec![(i(0), s("x")), (i(1), s("y/z"))]);
        let e = dict_of(vec![]);
        let k = keyset_of(vec![i(5), s("q")]);
        let ik = dict_of(vec![(i(3), TypedValue::float(1.5))]);
        let json = |x: &TypedValue| callv("json_encode", &[*x]);
        assert_eq!(json(&v), r#""[1,2,3]""#);
        assert_eq!(json(&d), r#""{\"a\":1,\"b\":[true,false,null]}""#);
        // A dict is always an object (HHVM's serializer), even keyed 0..n-1 or empty.
        assert_eq!(json(&list), r#""{\"0\":\"x\",\"1\":\"y\\/z\"}""#);
        assert_eq!(json(&e), r#""{}""#);
        assert_eq!(json(&k), r#""[5,\"q\"]""#);
        assert_eq!(json(&ik), r#""{\"3\":1.5}""#);
        let bad = vec_of(vec![TypedValue::float(f64::NAN)]);
        assert_eq!(json(&bad), "false");
        let plain = s("plain");
        assert_eq!(json(&plain), r#""\"plain\"""#, "scalars still work");
        rel(plain);
        for x in [v, d, list, e, k, ik, bad] {
            rel(x);
        }
    });
}

// ---------------------------------------------------------------------------
// Builtins

/// `in_array` agrees with `==` and `===` for every pair of a mixed set of values, in a vec and
/// in a dict (its int and non-numeric string needles take fast paths).
#[test]
fn in_array_agrees_with_eq() {
    no_leaks(|| {
        let vals = vec![
            i(0),
            i(4),
            i(-1),
            TypedValue::float(4.0),
            TypedValue::float(0.5),
            s("4"),
            s("4.0"),
            s(" 4"),
            s("abc"),
            s("ABC"),
            s(""),
            s("1e3"),
            i(1000),
            TypedValue::null(),
            TypedValue::bool(true),
            TypedValue::bool(false),
        ];
        for needle in &vals {
            for elem in &vals {
                for strict in [false, true] {
                    let want = if strict {
                        conv::strict_eq(elem, needle).unwrap()
                    } else {
                        conv::loose_eq(elem, needle).unwrap()
                    };
                    let v = vec_of(vec![dup(elem)]);
                    let d = dict_of(vec![(s("a"), dup(elem))]);
                    for c in [v, d] {
                        let got = callv("in_array", &[*needle, c, TypedValue::bool(strict)]);
                        assert_eq!(
                            got,
                            want.to_string(),
                            "in_array({}, {}, {strict})",
                            show(needle),
                            show(&c)
                        );
                        rel(c);
                    }
                }
            }
        }
        for v in vals {
            rel(v);
        }
    });
}

#[test]
fn global_container_builtins() {
    no_leaks(|| {
        let v = ints(&[3, 1, 4, 1, 5]);
        let d = dict_of(vec![(s("x"), TypedValue::float(1.5)), (s("y"), i(2))]);
        let ks = keyset_of(vec![s("a"), s("b")]);
        assert_eq!(callv("count", &[v]), "5");
        // HHVM: anything that is not a container (or null) counts 1 (PHP 8: a TypeError).
        assert_eq!(callv("count", &[i(1)]), "1");
        assert_eq!(callv("array_sum", &[v]), "14");
        assert_eq!(callv("array_sum", &[d]), "3.5f");
        assert_eq!(callv("array_keys", &[d]), r#"vec["x", "y"]"#);
        assert_eq!(callv("array_values", &[d]), "vec[1.5f, 2]");
        assert_eq!(callv("array_reverse", &[v]), "vec[5, 1, 4, 1, 3]");
        assert_eq!(callv("in_array", &[i(4), v]), "true");
        let four = s("4");
        assert_eq!(callv("in_array", &[four, v]), "true");
        assert_eq!(
            callv("in_array", &[four, v, TypedValue::bool(true)]),
            "false"
        );
        rel(four);
        let (x, zed) = (s("x"), s("zed"));
        assert_eq!(callv("array_key_exists", &[x, d]), "true");
        assert_eq!(callv("array_key_exists", &[i(4), v]), "true");
        assert_eq!(callv("array_key_exists", &[i(5), v]), "false");
        // HHVM throws for a key that is neither an int nor a string (PHP 8 says false).
        assert_eq!(
            err_of(call("array_key_exists", &[TypedValue::float(4.0), v])),
            (
                ExnClass::InvalidArgumentException,
                "Invalid vec key: expected a key of type int, float given".into()
            )
        );
        assert_eq!(
            err_of(call("C\\contains_key", &[d, TypedValue::null()])),
            (
                ExnClass::InvalidArgumentException,
                "Invalid dict key: expected a key of type int or string, null given".into()
            )
        );
        assert_eq!(callv("idx", &[d, x]), "1.5f");
        assert_eq!(callv("idx", &[d, zed]), "null");
        assert_eq!(callv("idx", &[d, zed, i(0)]), "0");
        assert_eq!(callv("idx", &[TypedValue::null(), zed, i(7)]), "7");
        assert_eq!(callv("range", &[i(1), i(5)]), "vec[1, 2, 3, 4, 5]");
        assert_eq!(
            callv("range", &[i(0), i(20), i(5)]),
            "vec[0, 5, 10, 15, 20]"
        );
        assert_eq!(callv("range", &[i(5), i(1)]), "vec[5, 4, 3, 2, 1]");
        assert_eq!(
            callv("range", &[i(0), i(1), TypedValue::float(0.25)]),
            "vec[0f, 0.25f, 0.5f, 0.75f, 1f]"
        );
        let (a, e) = (s("a"), s("e"));
        assert_eq!(callv("range", &[a, e, i(2)]), r#"vec["a", "c", "e"]"#);
        assert_eq!(
            err_of(call("range", &[i(1), i(2), i(0)])).0,
            ExnClass::InvalidArgumentException
        );
        let (comma, glue) = (s(","), s(", "));
        assert_eq!(callv("implode", &[glue, v]), r#""3, 1, 4, 1, 5""#);
        assert_eq!(callv("implode", &[v]), r#""31415""#);
        assert_eq!(
            callv("implode", &[v, comma]),
            r#""3,1,4,1,5""#,
            "legacy order"
        );
        let mix = vec_of(vec![
            i(1),
            s("two"),
            TypedValue::float(3.5),
            TypedValue::bool(true),
            TypedValue::null(),
        ]);
        let bar = s("|");
        assert_eq!(callv("implode", &[bar, mix]), r#""1|two|3.5|1|""#);
        assert_eq!(callv("implode", &[comma, ks]), r#""a,b""#);
        let csv = s("a,b,,c");
        assert_eq!(callv("explode", &[comma, csv]), r#"vec["a", "b", "", "c"]"#);
        assert_eq!(callv("explode", &[comma, csv, i(2)]), r#"vec["a", "b,,c"]"#);
        assert_eq!(
            callv("explode", &[comma, csv, i(-1)]),
            r#"vec["a", "b", ""]"#
        );
        assert_eq!(callv("explode", &[comma, csv, i(0)]), r#"vec["a,b,,c"]"#);
        let empty = s("");
        assert_eq!(
            err_of(call("explode", &[empty, csv])).0,
            ExnClass::InvalidArgumentException
        );
        let miss = s("mississippi");
        assert_eq!(
            callv("str_split", &[miss, i(4)]),
            r#"vec["miss", "issi", "ppi"]"#
        );
        // HHVM's StringUtil::Split: a length at least the string's gives the string itself
        // (PHP 8.2 gives an empty array).
        assert_eq!(callv("str_split", &[empty]), r#"vec[""]"#);
        assert_eq!(callv("min", &[v]), "1");
        assert_eq!(callv("max", &[v]), "5");
        assert_eq!(callv("max", &[d]), "2");
        // HHVM: an empty container gives null (PHP 8 throws a ValueError).
        let ev = ints(&[]);
        assert_eq!(callv("max", &[ev]), "null");
        assert_eq!(
            callv("max", &[i(2), i(8), i(3)]),
            "8",
            "scalar form untouched"
        );
        assert_eq!(callv("Math\\sum", &[v]), "14");
        assert_eq!(callv("Math\\max", &[v]), "5");
        assert_eq!(callv("Math\\min", &[v]), "1");
        assert_eq!(callv("Math\\max", &[ev]), "null");
        let date = s("2024-01-15");
        let dash = s("-");
        assert_eq!(
            callv("Str\\split", &[date, dash]),
            r#"vec["2024", "01", "15"]"#
        );
        let abcd = s("a,b,c,d");
        assert_eq!(
            callv("Str\\split", &[abcd, comma, i(2)]),
            r#"vec["a", "b,c,d"]"#
        );
        let abc = s("abc");
        assert_eq!(callv("Str\\split", &[abc, empty]), r#"vec["a", "b", "c"]"#);
        assert_eq!(
            callv("Str\\split", &[abc, empty, i(2)]),
            r#"vec["a", "bc"]"#
        );
        assert_eq!(callv("Str\\join", &[v, dash]), r#""3-1-4-1-5""#);
        assert_eq!(callv("Str\\join", &[ev, comma]), r#""""#);
        assert_eq!(callv("is_vec", &[v]), "true");
        assert_eq!(callv("is_dict", &[v]), "false");
        for x in [
            v, d, ks, x, zed, a, e, comma, glue, mix, bar, csv, empty, miss, ev, date, dash, abcd,
            abc,
        ] {
            rel(x);
        }
    });
}

#[test]
fn hsl_c_builtins() {
    no_leaks(|| {
        let v = ints(&[4, 8, 15, 16, 23, 42]);
        let d = dict_of(vec![(s("a"), i(1)), (s("z"), i(26))]);
        let e = ints(&[]);
        assert_eq!(callv("C\\count", &[v]), "6");
        assert_eq!(callv("C\\contains", &[v, i(15)]), "true");
        let s15 = s("15");
        assert_eq!(callv("C\\contains", &[v, s15]), "false", "=== semantics");
        rel(s15);
        assert_eq!(callv("C\\contains_key", &[v, i(5)]), "true");
        assert_eq!(callv("C\\contains_key", &[v, i(6)]), "false");
        assert_eq!(callv("C\\is_empty", &[e]), "true");
        assert_eq!(callv("C\\first", &[v]), "4");
        assert_eq!(callv("C\\last", &[d]), "26");
        assert_eq!(callv("C\\first", &[e]), "null");
        assert_eq!(callv("C\\last_key", &[d]), r#""z""#);
        let (gt2, odd, add, throw) = (s("gt2"), s("odd"), s("add"), s("throw"));
        assert_eq!(callcbv("C\\find", &[v, odd]), "15");
        assert_eq!(callcbv("C\\find", &[e, odd]), "null");
        assert_eq!(callcbv("C\\reduce", &[v, add, i(0)]), "108");
        let abc = vec_of(vec![s("a"), s("b"), s("c")]);
        let (empty, cr) = (s(""), s("concat_rev"));
        assert_eq!(callcbv("C\\reduce", &[abc, cr, empty]), r#""cba""#);
        assert_eq!(callcbv("C\\any", &[v, odd]), "true");
        assert_eq!(callcbv("C\\every", &[v, gt2]), "true");
        assert_eq!(callcbv("C\\every", &[e, throw]), "true", "vacuous, no call");
        assert_eq!(callcbv("C\\any", &[e]), "false");
        let (c, m) = err_of(callcb("C\\reduce", &[v, throw, i(0)]));
        assert_eq!((c, m.as_str()), (ExnClass::Exception, "boom"));
        assert_eq!(
            err_of(callcb("C\\find", &[i(1), odd])).0,
            ExnClass::TypeError
        );
        assert_eq!(
            err_of(callcb("C\\find", &[v])).0,
            ExnClass::ArgumentCountError
        );
        for x in [v, d, e, gt2, odd, add, throw, abc, empty, cr] {
            rel(x);
        }
    });
}

#[test]
fn hsl_vec_builtins() {
    no_leaks(|| {
        let nums = ints(&[5, 3, 8, 1, 9, 2]);
        let d = dict_of(vec![(s("x"), i(1)), (s("y"), i(2))]);
        let (times2, times100) = (s("times 2"), s("times 100"));
        assert_eq!(
            callcbv("Vec\\map", &[nums, times2]),
            "vec[10, 6, 16, 2, 18, 4]"
        );
        assert_eq!(callcbv("Vec\\map", &[d, times100]), "vec[100, 200]");
        let odd = s("odd");
        assert_eq!(callcbv("Vec\\filter", &[nums, odd]), "vec[5, 3, 1, 9]");
        let z = ints(&[0, 1, 2, 0, 3]);
        assert_eq!(callcbv("Vec\\filter", &[z]), "vec[1, 2, 3]");
        assert_eq!(callv("Vec\\keys", &[d]), r#"vec["x", "y"]"#);
        assert_eq!(callv("Vec\\range", &[i(0), i(10), i(3)]), "vec[0, 3, 6, 9]");
        assert_eq!(callv("Vec\\range", &[i(5), i(1)]), "vec[5, 4, 3, 2, 1]");
        assert_eq!(callv("Vec\\range", &[i(1), i(3), i(10)]), "vec[1]");
        assert_eq!(
            err_of(call("Vec\\range", &[i(1), i(3), i(0)])).0,
            ExnClass::InvariantException
        );
        assert_eq!(callcbv("Vec\\sort", &[nums]), "vec[1, 2, 3, 5, 8, 9]");
        let desc = s("desc");
        assert_eq!(callcbv("Vec\\sort", &[nums, desc]), "vec[9, 8, 5, 3, 2, 1]");
        let fruit = vec_of(vec![s("pear"), s("apple"), s("fig")]);
        assert_eq!(
            callcbv("Vec\\sort", &[fruit]),
            r#"vec["apple", "fig", "pear"]"#
        );
        let words = vec_of(vec![s("kiwi"), s("banana"), s("fig"), s("cherries")]);
        let (len, last) = (s("len"), s("last_char"));
        assert_eq!(
            callcbv("Vec\\sort_by", &[words, len]),
            r#"vec["fig", "kiwi", "banana", "cherries"]"#
        );
        assert_eq!(
            callcbv("Vec\\sort_by", &[words, last]),
            r#"vec["banana", "fig", "kiwi", "cherries"]"#
        );
        // Stability: equal keys keep their order.
        let st = vec_of(vec![s("bb"), s("a"), s("cc"), s("d"), s("ee")]);
        assert_eq!(
            callcbv("Vec\\sort_by", &[st, len]),
            r#"vec["a", "d", "bb", "cc", "ee"]"#
        );
        assert_eq!(callv("Vec\\reverse", &[nums]), "vec[2, 9, 1, 8, 3, 5]");
        assert_eq!(callv("Vec\\slice", &[nums, i(2)]), "vec[8, 1, 9, 2]");
        assert_eq!(callv("Vec\\slice", &[nums, i(1), i(3)]), "vec[3, 8, 1]");
        assert_eq!(callv("Vec\\slice", &[nums, i(4), i(10)]), "vec[9, 2]");
        assert_eq!(callv("Vec\\slice", &[nums, i(10)]), "vec[]");
        let (a, b, c) = (ints(&[1, 2]), ints(&[3]), ints(&[]));
        assert_eq!(callv("Vec\\concat", &[a, b, c, d]), "vec[1, 2, 3, 1, 2]");
        assert_eq!(callv("Vec\\take", &[nums, i(3)]), "vec[5, 3, 8]");
        assert_eq!(callv("Vec\\take", &[nums, i(0)]), "vec[]");
        assert_eq!(callv("Vec\\take", &[nums, i(100)]), "vec[5, 3, 8, 1, 9, 2]");
        assert_eq!(callv("Vec\\drop", &[nums, i(4)]), "vec[9, 2]");
        assert_eq!(callv("Vec\\drop", &[nums, i(10)]), "vec[]");
        assert_eq!(
            err_of(call("Vec\\take", &[nums, i(-1)])).0,
            ExnClass::InvariantException
        );
        let u = ints(&[3, 1, 3, 2, 1, 4]);
        assert_eq!(callv("Vec\\unique", &[u]), "vec[3, 1, 2, 4]");
        let names = vec_of(vec![s("one"), s("two")]);
        assert_eq!(
            callv("Vec\\zip", &[a, names]),
            r#"vec[vec[1, "one"], vec[2, "two"]]"#
        );
        let x = s("x");
        assert_eq!(callv("Vec\\fill", &[i(3), x]), r#"vec["x", "x", "x"]"#);
        assert_eq!(callv("Vec\\fill", &[i(0), x]), "vec[]");
        let nested = vec_of(vec![
            ints(&[1, 2]),
            ints(&[]),
            ints(&[3]),
            keyset_of(vec![i(4)]),
        ]);
        assert_eq!(callv("Vec\\flatten", &[nested]), "vec[1, 2, 3, 4]");
        // A throwing comparator: the error propagates, nothing leaks.
        let thr = s("throw_on_3");
        let (cls, m) = err_of(callcb("Vec\\sort", &[nums, thr]));
        assert_eq!((cls, m.as_str()), (ExnClass::Exception, "three"));
        // An inconsistent comparator never panics.
        let inc = s("inconsistent");
        let big = ints(&(0..200).collect::<Vec<_>>());
        let r = callcb("Vec\\sort", &[big, inc]).unwrap();
        assert_eq!(array::count(&r), 200);
        rel(r);
        let m = callcb("Vec\\map", &[nums, thr]);
        assert_eq!(err_of(m).1, "three");
        for v in [
            nums, d, odd, z, desc, fruit, words, len, last, st, a, b, c, u, names, x, nested, thr,
            inc, big, times2, times100,
        ] {
            rel(v);
        }
    });
}

#[test]
fn hsl_dict_builtins() {
    no_leaks(|| {
        let prices = dict_of(vec![
            (s("apple"), i(3)),
            (s("pear"), i(5)),
            (s("fig"), i(2)),
            (s("kiwi"), i(4)),
        ]);
        let times10 = s("times 10");
        assert_eq!(
            callcbv("Dict\\map", &[prices, times10]),
            r#"dict["apple" => 30, "pear" => 50, "fig" => 20, "kiwi" => 40]"#
        );
        let gt2 = s("gt2");
        assert_eq!(
            callcbv("Dict\\filter", &[prices, gt2]),
            r#"dict["apple" => 3, "pear" => 5, "kiwi" => 4]"#
        );
        let ks = vec_of(vec![s("a"), s("bb"), s("ccc")]);
        let len = s("len");
        assert_eq!(
            callcbv("Dict\\from_keys", &[ks, len]),
            r#"dict["a" => 1, "bb" => 2, "ccc" => 3]"#
        );
        let more = dict_of(vec![(s("fig"), i(20)), (s("plum"), i(6))]);
        let again = dict_of(vec![(s("apple"), i(1))]);
        assert_eq!(
            callv("Dict\\merge", &[prices, more, again]),
            r#"dict["apple" => 1, "pear" => 5, "fig" => 20, "kiwi" => 4, "plum" => 6]"#
        );
        assert_eq!(
            callcbv("Dict\\sort", &[prices]),
            r#"dict["fig" => 2, "apple" => 3, "kiwi" => 4, "pear" => 5]"#
        );
        let desc = s("desc");
        assert_eq!(
            callcbv("Dict\\sort", &[prices, desc]),
            r#"dict["pear" => 5, "kiwi" => 4, "apple" => 3, "fig" => 2]"#
        );
        assert_eq!(
            callcbv("Dict\\sort_by_key", &[prices]),
            r#"dict["apple" => 3, "fig" => 2, "kiwi" => 4, "pear" => 5]"#
        );
        let letters = vec_of(
            ["a", "b", "a", "c", "a", "b"]
                .iter()
                .map(|x| s(x))
                .collect(),
        );
        assert_eq!(
            callv("Dict\\count_values", &[letters]),
            r#"dict["a" => 3, "b" => 2, "c" => 1]"#
        );
        let xy = dict_of(vec![(s("x"), s("one")), (s("y"), s("two"))]);
        assert_eq!(
            callv("Dict\\flip", &[xy]),
            r#"dict["one" => "x", "two" => "y"]"#
        );
        let pq = vec_of(vec![s("p"), s("q")]);
        assert_eq!(
            callv("Dict\\fill_keys", &[pq, i(0)]),
            r#"dict["p" => 0, "q" => 0]"#
        );
        let words = vec_of(
            ["ant", "bee", "cat", "asp", "cow", "bat"]
                .iter()
                .map(|x| s(x))
                .collect(),
        );
        let first = s("first_char");
        assert_eq!(
            callcbv("Dict\\group_by", &[words, first]),
            r#"dict["a" => vec["ant", "asp"], "b" => vec["bee", "bat"], "c" => vec["cat", "cow"]]"#
        );
        let nul = s("null");
        assert_eq!(callcbv("Dict\\group_by", &[words, nul]), "dict[]");
        let entries = vec_of(vec![
            vec_of(vec![s("k1"), s("v1")]),
            vec_of(vec![i(2), s("v2")]),
        ]);
        assert_eq!(
            callv("Dict\\from_entries", &[entries]),
            r#"dict["k1" => "v1", 2 => "v2"]"#
        );
        let bad = vec_of(vec![TypedValue::float(1.5)]);
        assert_eq!(
            err_of(call("Dict\\count_values", &[bad])).0,
            ExnClass::InvalidArgumentException
        );
        let throw = s("throw");
        assert_eq!(err_of(callcb("Dict\\group_by", &[words, throw])).1, "boom");
        for v in [
            prices, gt2, ks, len, more, again, desc, letters, xy, pq, words, first, nul, entries,
            bad, throw, times10,
        ] {
            rel(v);
        }
    });
}

#[test]
fn hsl_keyset_builtins() {
    no_leaks(|| {
        let a = keyset_of(vec![s("red"), s("green"), s("blue")]);
        let b = keyset_of(vec![s("green"), s("yellow"), s("red")]);
        assert_eq!(
            callv("Keyset\\union", &[a, b]),
            r#"keyset["red", "green", "blue", "yellow"]"#
        );
        assert_eq!(
            callv("Keyset\\intersect", &[a, b]),
            r#"keyset["red", "green"]"#
        );
        assert_eq!(callv("Keyset\\diff", &[a, b]), r#"keyset["blue"]"#);
        let hello = vec_of(vec![s("Hello"), s("HELLO"), s("world")]);
        let lower = s("lower");
        assert_eq!(
            callcbv("Keyset\\map", &[hello, lower]),
            r#"keyset["hello", "world"]"#
        );
        let len = s("len");
        assert_eq!(
            callcbv("Keyset\\filter", &[a, len]),
            r#"keyset["red", "green", "blue"]"#
        );
        let gt2 = s("gt2");
        let nums = ints(&[1, 2, 3, 4]);
        assert_eq!(callcbv("Keyset\\filter", &[nums, gt2]), "keyset[3, 4]");
        let (k12, v23, e) = (
            keyset_of(vec![i(1), i(2)]),
            ints(&[2, 3]),
            keyset_of(vec![]),
        );
        assert_eq!(callv("Keyset\\union", &[k12, v23, e]), "keyset[1, 2, 3]");
        let (x, y, z) = (ints(&[1, 2, 3]), ints(&[2, 3, 4]), ints(&[3, 4, 5]));
        assert_eq!(callv("Keyset\\intersect", &[x, y, z]), "keyset[3]");
        for v in [a, b, hello, lower, len, gt2, nums, k12, v23, e, x, y, z] {
            rel(v);
        }
    });
}

#[test]
fn registry_is_complete() {
    for name in [
        "count",
        "C\\count",
        "C\\contains",
        "C\\contains_key",
        "C\\is_empty",
        "C\\first",
        "C\\last",
        "Vec\\keys",
        "Vec\\range",
        "Vec\\reverse",
        "Vec\\slice",
        "Vec\\concat",
        "Vec\\take",
        "Vec\\drop",
        "Vec\\unique",
        "Vec\\zip",
        "Vec\\fill",
        "Vec\\flatten",
        "Dict\\merge",
        "Dict\\count_values",
        "Dict\\flip",
        "Dict\\fill_keys",
        "Dict\\from_entries",
        "Keyset\\union",
        "Keyset\\intersect",
        "Keyset\\diff",
        "idx",
        "array_key_exists",
        "in_array",
        "array_keys",
        "array_values",
        "array_sum",
        "array_reverse",
        "range",
        "implode",
        "explode",
        "str_split",
        "Str\\split",
        "Str\\join",
        "json_encode",
        "var_dump",
        "Math\\sum",
        "Math\\max",
        "Math\\min",
    ] {
        assert!(builtins::lookup(name).is_some(), "{name}");
        assert!(
            array::lookup_callback(name).is_none(),
            "{name} in both registries"
        );
    }
    for name in [
        "C\\find",
        "C\\reduce",
        "C\\any",
        "C\\every",
        "Vec\\map",
        "Vec\\filter",
        "Vec\\sort",
        "Vec\\sort_by",
        "Dict\\map",
        "Dict\\filter",
        "Dict\\from_keys",
        "Dict\\sort",
        "Dict\\sort_by_key",
        "Dict\\group_by",
        "Keyset\\map",
        "Keyset\\filter",
    ] {
        assert!(array::lookup_callback(name).is_some(), "{name}");
        assert!(array::lookup_callback(&format!("\\{}", name.to_lowercase())).is_some());
        assert!(
            builtins::lookup(name).is_none(),
            "{name} in both registries"
        );
    }
    assert!(array::callback_builtins().len() >= 16);
}

#[test]
fn nested_writes_take_and_put_back() {
    no_leaks(|| {
        let g = heap::enter_request();
        // `$d['list'][] = $n` in a loop with a unique outer dict: in place, amortized O(1).
        let list = s("list");
        let mut d = dict_of(vec![(dup(&list), ints(&[]))]);
        let before = g.stats().total_allocs;
        for n in 0..100_000 {
            // SAFETY: `d` and the taken element are owned and handed back.
            d = unsafe {
                let (d2, inner) = array::index_take(d, &list).unwrap();
                let inner = array::append(inner, i(n)).unwrap();
                array::index_set(d2, &list, inner).unwrap()
            };
        }
        assert!(
            g.stats().total_allocs - before < 40,
            "nested appends were copied"
        );
        let inner = array::index_get(&d, &list).unwrap();
        assert_eq!(array::count(&inner), 100_000);
        rel(inner);
        // Shared outer: the snapshot keeps its old inner vec.
        let snap = dup(&d);
        // SAFETY: as above.
        d = unsafe {
            let (d2, inner) = array::index_take(d, &list).unwrap();
            let inner = array::index_set(inner, &i(0), s("changed")).unwrap();
            array::index_set(d2, &list, inner).unwrap()
        };
        let old = array::index_get(&snap, &list).unwrap();
        assert_eq!(array::index_get(&old, &i(0)).unwrap().as_int(), 0);
        rel(old);
        // Missing key: OutOfBounds, and the consumed outer reference is released.
        let zz = s("zz");
        let keep = dup(&d);
        // SAFETY: `keep` is an owned reference handed over.
        let (c, m) = err_of(unsafe { array::index_take(keep, &zz) });
        assert_eq!(
            (c, m.as_str()),
            (
                ExnClass::OutOfBoundsException,
                r#"Out of bounds dict access: invalid index "zz""#
            )
        );
        assert_eq!(d.refcount(), Some(1));
        // Vec and keyset.
        let v = vec_of(vec![ints(&[1]), ints(&[2])]);
        // SAFETY: as above.
        let v = unsafe {
            let (v2, inner) = array::index_take(v, &i(1)).unwrap();
            let inner = array::append(inner, i(3)).unwrap();
            array::index_set(v2, &i(1), inner).unwrap()
        };
        assert_eq!(show(&v), "vec[vec[1], vec[2, 3]]");
        let ks = keyset_of(vec![i(1)]);
        // SAFETY: owned.
        assert_eq!(
            err_of(unsafe { array::index_take(ks, &i(1)) }).0,
            ExnClass::InvalidOperationException
        );
        for x in [list, d, snap, zz, v] {
            rel(x);
        }
        drop(g);
    });
}

/// Random sets and unsets on a dict and a keyset, most unsets at the end (a stack, which drops
/// trailing tombstones and their index slots), checked after every step against a model: the
/// length, every key's lookup (present and absent), the order, and the last entry.
#[test]
fn dicts_and_keysets_agree_with_a_model_under_random_unsets_at_the_end() {
    no_leaks(|| {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rand = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for keyset in [false, true] {
            let mut c = if keyset {
                keyset_of(vec![])
            } else {
                dict_of(vec![])
            };
            let mut model: Vec<i64> = Vec::new();
            for step in 0..6_000u64 {
                let roll = rand(10);
                if roll < 6 || model.is_empty() {
                    // Keys from a small range, so that some sets overwrite.
                    let k = rand(400) as i64 * 3 - 200;
                    let v = if keyset { i(k) } else { i(k * 7 + step as i64) };
                    // SAFETY: `c` is owned and consumed; the result replaces it.
                    c = unsafe {
                        if keyset {
                            array::append(c, v).unwrap()
                        } else {
                            array::index_set(c, &i(k), v).unwrap()
                        }
                    };
                    if !model.contains(&k) {
                        model.push(k);
                    }
                } else {
                    // Mostly the last key (a stack); sometimes one in the middle.
                    let at = if roll < 9 {
                        model.len() - 1
                    } else {
                        rand(model.len() as u64) as usize
                    };
                    let k = model.remove(at);
                    // SAFETY: as above.
                    c = unsafe { array::index_unset(c, &i(k)).unwrap() };
                }
                assert_eq!(conv::container_len(&c), model.len(), "step {step}");
                let keys: Vec<i64> = array::items(&c)
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k.as_int())
                    .collect();
                assert_eq!(keys, model, "step {step}");
                let last = array::items(&c).into_iter().flatten().next_back();
                assert_eq!(last.map(|(k, _)| k.as_int()), model.last().copied());
                for &k in &model {
                    assert!(array::index_isset(&c, &i(k)), "step {step}, key {k}");
                }
                if step % 97 == 0 {
                    for k in -210..1010 {
                        let here = array::index_isset(&c, &i(k));
                        assert_eq!(here, model.contains(&k), "step {step}, key {k}");
                    }
                }
            }
            rel(c);
        }
    });
}

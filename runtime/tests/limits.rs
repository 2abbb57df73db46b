//! Builtins that would build a result past the request's memory limit fail with PHP's fatal
//! error before building it (`str_replace`, `str_repeat`, `str_pad`, `implode`): the error names the whole
//! result's size (measured first), and the process never holds it.

use jsvm_runtime::builtins;
use jsvm_runtime::ctx::Ctx;
use jsvm_runtime::heap;
use jsvm_runtime::value::TypedValue;

/// The fatal message of calling builtin `name` with `args` under a 1 MiB memory limit.
fn fatal_under_1m(name: &str, args: &[TypedValue]) -> String {
    let guard = heap::enter_request();
    guard.set_limit(1 << 20);
    let b = builtins::lookup(name).expect("builtin");
    let mut ctx = Ctx::new();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (b.f)(&mut ctx, args)));
    let p = r.expect_err("a fatal error");
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn str_replace_measures_a_large_result_first() {
    // 50,000 "x" each replaced by 30,000 bytes: 1.5 GB.
    let subject = TypedValue::new_str(&vec![b'x'; 50_000]);
    let search = TypedValue::new_str(b"x");
    let rep = TypedValue::new_str(&vec![b'y'; 30_000]);
    let msg = fatal_under_1m("str_replace", &[search, rep, subject]);
    assert_eq!(
        msg,
        "fatal error: Allowed memory size of 1048576 bytes exhausted (tried to allocate 1500000000 bytes)"
    );
}

#[test]
fn str_replace_over_the_string_limit_fails_before_building() {
    let subject = TypedValue::new_str(&vec![b'x'; 100_000]);
    let search = TypedValue::new_str(b"x");
    let rep = TypedValue::new_str(&vec![b'y'; 100_000]);
    let msg = fatal_under_1m("str_replace", &[search, rep, subject]);
    assert!(
        msg.starts_with("fatal error: string length 10000000000 exceeds the limit"),
        "{msg}"
    );
}

#[test]
fn repeat_and_pad_check_the_limit_before_building() {
    let msg = fatal_under_1m(
        "str_repeat",
        &[TypedValue::new_str(b"ab"), TypedValue::int(50_000_000)],
    );
    assert_eq!(
        msg,
        "fatal error: Allowed memory size of 1048576 bytes exhausted (tried to allocate 100000000 bytes)"
    );
    let msg = fatal_under_1m(
        "str_pad",
        &[TypedValue::new_str(b"x"), TypedValue::int(100_000_000)],
    );
    assert_eq!(
        msg,
        "fatal error: Allowed memory size of 1048576 bytes exhausted (tried to allocate 100000000 bytes)"
    );
}

#[test]
fn implode_of_strings_measures_its_result_first() {
    // 20 strings of 100,000 bytes and 19 glues of 1,000: 2,019,000 bytes, allocated once.
    let pieces: Vec<TypedValue> = (0..20)
        .map(|_| TypedValue::new_str(&vec![b'p'; 100_000]))
        .collect();
    let v = jsvm_runtime::array::new_vec(pieces);
    let glue = TypedValue::new_str(&vec![b','; 1_000]);
    for (name, args) in [("implode", [glue, v]), ("Str\\join", [v, glue])] {
        let msg = fatal_under_1m(name, &args);
        assert!(
            msg.starts_with(
                "fatal error: Allowed memory size of 1048576 bytes exhausted (tried to allocate 20"
            ),
            "{name}: {msg}"
        );
    }
}

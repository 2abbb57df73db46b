//! The `.jsp` format: round trip, determinism, per-function keys, and every kind of corruption
//! giving a `ProfileError` (never a panic).

use jsvm_jumpstart::format::{decode, encode, FORMAT_VERSION};
use jsvm_jumpstart::program::{apply, body_from_profile};
use jsvm_jumpstart::{file, Expect, Header, JspFile, ProfileError};
use jsvm_profiler::{FuncProfile, Profile};
use std::os::unix::fs::FileTypeExt;

const PROGRAM: &str = r#"fn0 "fib"($n: Int "int" enforced) -> Int "int" enforced {
b0(v0: Cell):
    v1: Int = verify_type param0 Int "int" v0
    v2: Int = const_int 2
    v3: Bool = lt v1, v2
    branch v3 -> b1, b2
b1:
    jump -> b3(v1)
b2:
    v5: Int = const_int 1
    v6: Int = sub v1, v5
    v7: Int = call fn0 v6
    v8: Int = const_int 2
    v9: Int = sub v1, v8
    v10: Int = call fn0 v9
    v11: Int = add v7, v10
    jump -> b3(v11)
b3(v4: Int):
    v12: Int = verify_type return Int "int" v4
    return v12
}

fn1 "main"() -> Null "void" enforced [entry_point] {
b0:
    v1: Int = const_int 30
    v4: Int = call fn0 v1
    echo v4
    v6: Null = const_null
    return v6
}
"#;

fn module(text: &str) -> jsvm_ir::Module {
    jsvm_ir::parse_module(text).expect("parse")
}

fn profile() -> Profile {
    let mut p = Profile::default();
    let mut fib = FuncProfile {
        entries: 1_664_079,
        ..Default::default()
    };
    fib.branches.insert(4, (832_040, 832_039));
    fib.calls.insert(9, 832_039);
    fib.calls.insert(12, 832_039);
    p.funcs.insert("fib".into(), fib);
    let mut main = FuncProfile {
        entries: 1,
        ..Default::default()
    };
    main.calls.insert(1, 1);
    p.funcs.insert("main".into(), main);
    p
}

fn expect() -> Expect {
    Expect {
        jsvm_version: "0.1.0".into(),
        target: "x86_64-unknown-linux-gnu".into(),
        fingerprint: Some(42),
        now_unix: 1_000_000,
        ttl_secs: Some(86400),
    }
}

fn sample() -> JspFile {
    let m = module(PROGRAM);
    JspFile {
        header: Header {
            jsvm_version: "0.1.0".into(),
            target: "x86_64-unknown-linux-gnu".into(),
            fingerprint: 42,
            seeder_host: "seeder".into(),
            tag: "test".into(),
            created_unix: 999_000,
            runs: 1,
        },
        body: body_from_profile(&m, &profile(), &|_, _| (4, 0)),
    }
}

#[test]
fn round_trip_is_exact_and_deterministic() {
    let f = sample();
    let a = encode(&f).unwrap();
    let b = encode(&f.clone()).unwrap();
    assert_eq!(a, b);
    assert_eq!(decode(&a, &expect()).unwrap(), f);
    let applied = apply(&f.body, &module(PROGRAM));
    assert_eq!(applied.profile, profile());
    assert!(applied.stale.is_empty() && applied.gone.is_empty());
}

#[test]
fn every_flipped_byte_is_rejected() {
    let bytes = encode(&sample()).unwrap();
    for i in 0..bytes.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut b = bytes.clone();
            b[i] ^= mask;
            let e = decode(&b, &expect());
            assert!(e.is_err(), "flip {mask:#x} at {i} accepted");
            // A damaged end marker is named as such (it was a "checksum mismatch" between
            // two equal checksums).
            if i >= bytes.len() - 4 {
                assert!(
                    matches!(e, Err(ProfileError::EndMarker)),
                    "flip {mask:#x} at {i}"
                );
            }
        }
    }
}

#[test]
fn every_truncation_and_append_is_rejected() {
    let bytes = encode(&sample()).unwrap();
    for n in 0..bytes.len() {
        let e = decode(&bytes[..n], &expect()).unwrap_err();
        assert!(
            matches!(e, ProfileError::Truncated { .. } | ProfileError::BadMagic),
            "truncated to {n}: {e}"
        );
    }
    for extra in [&b"\0"[..], b"JSPE", &[0xffu8; 100]] {
        let mut b = bytes.clone();
        b.extend_from_slice(extra);
        assert!(matches!(
            decode(&b, &expect()).unwrap_err(),
            ProfileError::TrailingBytes { .. }
        ));
    }
}

#[test]
fn header_checks() {
    let bytes = encode(&sample()).unwrap();
    let mut e = expect();
    e.jsvm_version = "9.9.9".into();
    assert!(matches!(
        decode(&bytes, &e),
        Err(ProfileError::JsvmVersion { .. })
    ));
    let mut e = expect();
    e.target = "aarch64-unknown-linux-gnu".into();
    assert!(matches!(
        decode(&bytes, &e),
        Err(ProfileError::ForeignTarget { .. })
    ));
    let mut e = expect();
    e.fingerprint = Some(43);
    assert!(matches!(
        decode(&bytes, &e),
        Err(ProfileError::StaleFingerprint {
            found: 42,
            expected: 43
        })
    ));
    let mut e = expect();
    e.now_unix += 86400;
    assert!(matches!(
        decode(&bytes, &e),
        Err(ProfileError::Expired { .. })
    ));
    e.ttl_secs = None;
    assert!(decode(&bytes, &e).is_ok());
    let mut b = bytes.clone();
    b[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert!(matches!(
        decode(&b, &expect()),
        Err(ProfileError::Version { found, expected }) if found == FORMAT_VERSION + 1 && expected == FORMAT_VERSION
    ));
    assert!(matches!(
        decode(b"not a profile at all, just text", &expect()),
        Err(ProfileError::BadMagic)
    ));
}

#[test]
fn editing_one_function_keeps_the_others_profiles() {
    let f = sample();
    // main changes (calls fib(31)); fib is untouched but renumbered after a new function.
    let edited = format!(
        "fn0 \"helper\"() -> Null \"void\" enforced {{\nb0:\n    v0: Null = const_null\n    return v0\n}}\n\n{}",
        PROGRAM
            .replace("const_int 30", "const_int 31")
            .replace("fn1", "fn2")
            .replace("fn0", "fn1")
    );
    let m = module(&edited);
    assert!(m.func_by_name("helper").is_some());
    let applied = apply(&f.body, &m);
    assert_eq!(applied.stale, vec!["main".to_string()]);
    assert_eq!(
        applied.profile.funcs.keys().collect::<Vec<_>>(),
        vec!["fib"]
    );
    assert_eq!(applied.profile.funcs["fib"], profile().funcs["fib"]);
}

#[test]
fn atomic_write_with_self_test() {
    let dir = std::env::temp_dir().join(format!("jsvm-jsp-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.jsp");
    let f = sample();
    file::write_atomic(&path, &f, |p| file::load(p, &expect()).map(|_| ())).unwrap();
    assert_eq!(file::load(&path, &expect()).unwrap(), f);
    // A self-test that fails leaves the published file alone and no temporary behind.
    let mut g = f.clone();
    g.header.tag = "second".into();
    let r = file::write_atomic::<()>(&path, &g, |_| Err(ProfileError::Missing));
    assert!(matches!(r, Err(ProfileError::SelfTest(_))));
    assert_eq!(file::load(&path, &expect()).unwrap().header.tag, "test");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    assert!(matches!(
        file::load(&dir.join("none.jsp"), &expect()),
        Err(ProfileError::Missing)
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A profile never replaces what is not a regular file (a device, a FIFO, a directory: the rename
/// would have put a file in its place), nor a file that is not a profile (a program's source
/// named by mistake); through a link to a file it rewrites the file and keeps the link, and a
/// link to a file not yet there creates the file.
#[test]
fn write_refuses_what_is_not_a_regular_file() {
    let dir = std::env::temp_dir().join(format!("jsvm-jsp-dest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = sample();
    let ok = |_: &std::path::Path| Ok(());
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).unwrap();
    let dangling = dir.join("dangling.jsp");
    std::os::unix::fs::symlink(dir.join("nowhere.jsp"), &dangling).unwrap();
    // (A FIFO stands for devices: a broken check must not replace a real device here.)
    let fifo = dir.join("fifo.jsp");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    for p in [&sub, &fifo] {
        let r = file::write_atomic(p, &f, ok);
        assert!(
            matches!(r, Err(ProfileError::NotRegular(_))),
            "{p:?}: {r:?}"
        );
    }
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    file::write_atomic(&dangling, &f, ok).unwrap();
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(file::load(&dir.join("nowhere.jsp"), &expect()).unwrap(), f);
    let source = dir.join("main.hack");
    std::fs::write(&source, b"<?hh\n").unwrap();
    let r = file::write_atomic(&source, &f, ok);
    assert!(matches!(r, Err(ProfileError::NotAProfile(_))), "{r:?}");
    assert_eq!(std::fs::read(&source).unwrap(), b"<?hh\n");
    let target = dir.join("target.jsp");
    std::fs::write(&target, b"").unwrap();
    let link = dir.join("link.jsp");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    file::write_atomic(&link, &f, ok).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(file::load(&target, &expect()).unwrap(), f);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Corruption that keeps a valid checksum reaches the bincode decoder: it must fail cleanly or
/// decode, never panic or allocate without bound.
#[test]
fn corrupt_body_with_valid_checksum_never_panics() {
    use jsvm_jumpstart::checksum::crc32;
    let bytes = encode(&sample()).unwrap();
    let end = bytes.len() - 8;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for i in 24..end {
        for _ in 0..4 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut b = bytes.clone();
            b[i] = seed as u8;
            let crc = crc32(&b[..end]);
            b[end..end + 4].copy_from_slice(&crc.to_le_bytes());
            let _ = decode(&b, &expect());
        }
    }
}

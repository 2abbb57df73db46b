//! Fuzz the `.jsp` decoder: any bytes give a profile or a `ProfileError`, never a panic, a hang
//! or an allocation beyond the decoder's limit.
#![no_main]

use jsvm_jumpstart::format::{decode, decode_header, encode, Expect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((h, _)) = decode_header(data) else {
        return;
    };
    // Accept the header as it is, so the fuzzer reaches the body decoder.
    let expect = Expect {
        jsvm_version: h.jsvm_version,
        target: h.target,
        fingerprint: None,
        now_unix: 0,
        ttl_secs: None,
    };
    if let Ok(f) = decode(data, &expect) {
        // Whatever decodes re-encodes to bytes that decode to the same profile.
        let bytes = encode(&f).expect("encode");
        assert_eq!(decode(&bytes, &expect).expect("decode"), f);
    }
});

//! cargo-fuzz target: any bytes, parsed as a Hack file, give an AST or diagnostics, never a panic.
#![no_main]

use jsvm_frontend::{dump_ast, parse_program, render_diagnostics, SourceMap};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut map = SourceMap::new();
    map.add(
        "fuzz.hack".into(),
        String::from_utf8_lossy(data).into_owned(),
    );
    match parse_program(&map) {
        Ok(program) => {
            dump_ast(&program);
        }
        Err(diags) => {
            render_diagnostics(&map, &diags);
        }
    }
});

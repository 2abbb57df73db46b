//! `JSVM_DUMP=file.hack cargo test -p jsvm-frontend --test dump_env -- --nocapture` prints a file's AST dump.

#[test]
fn dump_file_from_env() {
    let Ok(path) = std::env::var("JSVM_DUMP") else {
        return;
    };
    let mut map = jsvm_frontend::SourceMap::new();
    map.load(&path).unwrap();
    match jsvm_frontend::parse_program(&map) {
        Ok(p) => print!("{}", jsvm_frontend::dump_ast(&p)),
        Err(d) => print!("{}", jsvm_frontend::render_diagnostics(&map, &d)),
    }
}

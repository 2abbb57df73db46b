//! The `jsvm` command-line tool: runs Hack programs and dumps every stage.
fn main() {}

//! `/tmp/perf-<pid>.map`: one process-wide writer, one `{addr:x} {len:x} {name}` line per piece
//! of code, so `perf report` names compiled functions.

use std::io::Write;
use std::sync::Mutex;

static MAP: Mutex<Option<std::fs::File>> = Mutex::new(None);

/// The path of this process's perf map.
pub fn path() -> std::path::PathBuf {
    std::path::PathBuf::from(format!("/tmp/perf-{}.map", std::process::id()))
}

/// Append one line (opens the file on first use). Errors are ignored: the map is a debugging aid.
pub fn add(addr: usize, len: usize, name: &str) {
    let mut g = MAP.lock().unwrap_or_else(|e| e.into_inner());
    if g.is_none() {
        *g = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path())
            .ok();
    }
    if let Some(f) = g.as_mut() {
        let _ = writeln!(f, "{addr:x} {len:x} {name}");
    }
}

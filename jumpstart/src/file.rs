//! Reading and writing `.jsp` files: atomic publication (temporary file in the same folder,
//! fsync, self-test, rename, fsync of the folder), so a reader never sees half a file.

use crate::error::ProfileError;
use crate::format::{decode, encode, Expect, JspFile, MAX_BODY};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Read and validate the profile at `path` (see [`decode`]). Never panics on any content.
pub fn load(path: &Path, expect: &Expect) -> Result<JspFile, ProfileError> {
    let bytes = read_bounded(path)?;
    decode(&bytes, expect)
}

/// The bytes of `path`, refusing files larger than any valid profile.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ProfileError> {
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ProfileError::Missing),
        Err(e) => return Err(ProfileError::Io(e)),
    };
    let limit = MAX_BODY + (1 << 20);
    let mut bytes = Vec::new();
    f.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ProfileError::TooLarge {
            len: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile.jsp".into());
    path.with_file_name(format!(".{name}.tmp.{}", std::process::id()))
}

/// Write `file` to `path` atomically. After the temporary file is written and synced,
/// `self_test` gets its path and must load it through the consumer's path; if it fails the
/// temporary file is removed and `path` is left untouched ([`ProfileError::SelfTest`]). Returns
/// what the self-test returned.
pub fn write_atomic<T>(
    path: &Path,
    file: &JspFile,
    self_test: impl FnOnce(&Path) -> Result<T, ProfileError>,
) -> Result<T, ProfileError> {
    let bytes = encode(file)?;
    let path = &destination(path)?;
    let tmp = temp_path(path);
    let r = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        drop(f);
        let tested = self_test(&tmp).map_err(|e| ProfileError::SelfTest(Box::new(e)))?;
        std::fs::rename(&tmp, path)?;
        // Make the rename durable too.
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(tested)
    })();
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

/// Where a profile for `path` goes: `path` when it does not exist or is a regular file, the
/// file a symbolic link there points to (the link stays); anything else is refused, never
/// replaced by the rename.
fn destination(path: &Path) -> Result<PathBuf, ProfileError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(ProfileError::Io(e)),
    };
    if meta.is_file() {
        return Ok(path.to_path_buf());
    }
    if meta.file_type().is_symlink() {
        if let Ok(target) = std::fs::canonicalize(path) {
            if std::fs::metadata(&target).is_ok_and(|m| m.is_file()) {
                return Ok(target);
            }
        }
    }
    Err(ProfileError::NotRegular(path.to_path_buf()))
}

/// This machine's host name (for the header).
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// Seconds since the Unix epoch.
pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

//! Reading and writing `.jsp` files: atomic publication (temporary file in the same folder,
//! fsync, self-test, rename, fsync of the folder), so a reader never sees half a file.

use crate::error::ProfileError;
use crate::format::{decode, encode, Expect, JspFile, MAGIC, MAX_BODY};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Read and validate the profile at `path` (see [`decode`]). Never panics on any content.
pub fn load(path: &Path, expect: &Expect) -> Result<JspFile, ProfileError> {
    let bytes = read_bounded(path)?;
    decode(&bytes, expect)
}

/// The bytes of `path`, refusing what is not a regular file (a FIFO would block the open until
/// a writer came; a device is no profile) and files larger than any valid profile. A file that
/// does not start with the magic is refused after its first bytes.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ProfileError> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ProfileError::Missing),
        Err(e) => return Err(ProfileError::Io(e)),
        Ok(m) if !m.is_file() => return Err(ProfileError::NotRegular(path.to_path_buf())),
        Ok(_) => {}
    }
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ProfileError::Missing),
        Err(e) => return Err(ProfileError::Io(e)),
    };
    let limit = MAX_BODY + (1 << 20);
    let mut f = f.take(limit + 1);
    let mut bytes = Vec::new();
    (&mut f).take(MAGIC.len() as u64).read_to_end(&mut bytes)?;
    if !MAGIC.starts_with(&bytes) {
        return Err(ProfileError::BadMagic);
    }
    f.read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ProfileError::TooLarge {
            len: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Whether the regular file at `path` can be replaced by a profile: it is empty or a profile
/// (it starts with the magic). Anything else (a program's source, another file named by
/// mistake) is never overwritten.
fn replaceable(path: &Path) -> Result<(), ProfileError> {
    let mut head = Vec::new();
    std::fs::File::open(path)?
        .take(MAGIC.len() as u64)
        .read_to_end(&mut head)?;
    if head.is_empty() || head.starts_with(&MAGIC) {
        Ok(())
    } else {
        Err(ProfileError::NotAProfile(path.to_path_buf()))
    }
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

/// Where a profile for `path` goes: `path` when it does not exist (in a folder that does) or is
/// a profile or an empty file; through a symbolic link, where the link points (the link stays,
/// and a link to a file not yet there creates it). Anything else is refused before any work:
/// a device, a FIFO or a folder is never replaced by the rename, nor a file that is not a
/// profile (a program's source given by mistake).
pub fn destination(path: &Path) -> Result<PathBuf, ProfileError> {
    let mut path = path.to_path_buf();
    // Links to links, up to the kernel's own limit.
    for _ in 0..40 {
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                if folder.is_some_and(|d| !d.is_dir()) {
                    return Err(ProfileError::NoFolder(path));
                }
                return Ok(path);
            }
            Err(e) => return Err(ProfileError::Io(e)),
        };
        if meta.is_file() {
            replaceable(&path)?;
            return Ok(path);
        }
        if !meta.file_type().is_symlink() {
            return Err(ProfileError::NotRegular(path));
        }
        let target = std::fs::read_link(&path)?;
        path = match path.parent() {
            Some(d) if target.is_relative() => d.join(target),
            _ => target,
        };
    }
    Err(ProfileError::NotRegular(path))
}

/// Check, before a seeding run, that a profile can be written at `path`: [`destination`]
/// accepts it, and its folder takes the temporary file [`write_atomic`] writes (a file made
/// and removed there now: a read-only or pseudo file system fails here, not after the run).
pub fn check_writable(path: &Path) -> Result<(), ProfileError> {
    let dest = destination(path)?;
    let mut probe = temp_path(&dest).into_os_string();
    probe.push(".probe");
    let probe = PathBuf::from(probe);
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)?;
    std::fs::remove_file(&probe)?;
    Ok(())
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

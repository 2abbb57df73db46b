//! The object cache: LLVM objects on disk (LLVM's `ObjectCache` idea), so that a later process
//! that lowers a function to the same LLVM IR loads its object instead of running LLVM's passes
//! and code generation again.
//!
//! An entry is keyed by a SHA-256 of the LLVM IR as lowered, as bitcode (it holds no address of
//! the process: [`crate::lower::SideTables::addrs`]), and of everything else that decides the object:
//! the pipeline, the target triple, CPU and features, the LLVM version, and the identity of the
//! `jsvm` executable (version and build ID). An entry file is
//! `MAGIC | key | length | SHA-256 of the object | object`, written to a temporary file in the
//! same folder and renamed; a reader checks all of it, and an entry that does not check out is
//! counted as rejected and compiled again (then replaced). The folder is trusted as the
//! executable is: whoever can write into it can choose the code that runs.
//!
//! The folder is bounded: a hit refreshes its entry's modification time, and after its first
//! store (and every 256th) a process removes the least recently used entries while the folder
//! holds more than its limit (down to 90% of it), and temporary files more than an hour old (a
//! writer that died). Only files named as the cache names them are ever removed.

use crate::pipeline::Pipeline;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const MAGIC: &[u8; 8] = b"JSVMOBJ\x01";
/// Bumped when the target machine's settings (`pipeline::target_machine`, the C++ shim) change;
/// the pass pipeline and code generation level are part of every key.
const SETTINGS_VERSION: u32 = 1;
/// Bytes of an entry before its object: magic, key, length, SHA-256 of the object.
const HEADER: usize = MAGIC.len() + 32 + 8 + 32;
/// Objects larger than this are not cached (a function's object is a few KiB).
const MAX_OBJECT: u64 = 64 << 20;

/// A cache key.
pub type Key = [u8; 32];

/// Counters of one process's use of the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Objects loaded from the cache.
    pub hits: usize,
    /// Lookups that found no entry.
    pub misses: usize,
    /// Entries that did not check out (corrupt, truncated, another key).
    pub rejected: usize,
    /// Objects written.
    pub stored: usize,
    /// Objects that could not be written (one warning at most is printed).
    pub write_errors: usize,
    /// Entries removed to keep the folder within its limit.
    pub evicted: usize,
}

/// An object cache in one folder.
#[derive(Debug)]
pub struct ObjectCache {
    dir: PathBuf,
    /// Hash state of everything but the IR and the pipeline.
    salt: Sha256,
    hits: AtomicUsize,
    misses: AtomicUsize,
    rejected: AtomicUsize,
    stored: AtomicUsize,
    write_errors: AtomicUsize,
    evicted: AtomicUsize,
    /// Bytes of entries the folder may hold.
    max_bytes: u64,
}

impl ObjectCache {
    /// The cache in `dir` (created when missing) holding at most `max_bytes` of entries, for
    /// objects of this process's target.
    pub fn open(dir: &Path, max_bytes: u64) -> std::io::Result<ObjectCache> {
        std::fs::create_dir_all(dir)?;
        crate::pipeline::init();
        let mut salt = Sha256::new();
        let mut field = |b: &[u8]| {
            salt.update((b.len() as u64).to_le_bytes());
            salt.update(b);
        };
        field(&SETTINGS_VERSION.to_le_bytes());
        field(env!("CARGO_PKG_VERSION").as_bytes());
        let (mut major, mut minor, mut patch) = (0u32, 0u32, 0u32);
        // SAFETY: LLVMGetVersion only writes the three integers.
        unsafe { inkwell::llvm_sys::core::LLVMGetVersion(&mut major, &mut minor, &mut patch) };
        field(format!("llvm {major}.{minor}.{patch}").as_bytes());
        let triple = inkwell::targets::TargetMachine::get_default_triple();
        field(triple.as_str().to_bytes());
        let (cpu, features) = crate::pipeline::host_cpu();
        field(cpu.as_bytes());
        field(features.as_bytes());
        // The executable: a rebuilt jsvm may lower or link differently. Without knowing which
        // one this is, there is no cache.
        field(&executable_identity(build_id(), &std::env::current_exe()?)?);
        Ok(ObjectCache {
            dir: dir.to_path_buf(),
            salt,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            rejected: AtomicUsize::new(0),
            stored: AtomicUsize::new(0),
            write_errors: AtomicUsize::new(0),
            evicted: AtomicUsize::new(0),
            max_bytes,
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of the object of `ir` (a module as lowered, as bitcode) under `pipeline`.
    pub fn key(&self, ir: &[u8], pipeline: Pipeline) -> Key {
        let mut h = self.salt.clone();
        h.update(pipeline.passes().as_bytes());
        h.update([0, pipeline.codegen() as u8, 0]);
        h.update(ir);
        h.finalize().into()
    }

    fn path(&self, key: &Key) -> PathBuf {
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.o"))
    }

    /// The object stored under `key`, if there is one and it checks out.
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let path = self.path(key);
        let bytes = match std::fs::metadata(&path).and_then(|m| {
            if m.len() > MAX_OBJECT + HEADER as u64 {
                Err(std::io::Error::other("entry too large"))
            } else {
                std::fs::read(&path)
            }
        }) {
            Ok(b) => b,
            Err(_) => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                return None;
            }
        };
        match decode(&bytes, key) {
            Some(obj) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                // Recently used: the last entries the limit removes.
                let _ = std::fs::File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|f| f.set_modified(std::time::SystemTime::now()));
                Some(obj.to_vec())
            }
            None => {
                self.rejected.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Store `obj` under `key` (atomically: a reader sees the old entry, no entry or all of
    /// the new one). A failure is counted, and the first one reported on stderr.
    pub fn put(&self, key: &Key, obj: &[u8]) {
        if obj.len() as u64 > MAX_OBJECT {
            return;
        }
        let path = self.path(key);
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let tmp = self.dir.join(format!(
            ".{}.{}.{}.tmp",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let r = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &encode(key, obj)))
            .and_then(|()| std::fs::rename(&tmp, &path));
        match r {
            Ok(()) => {
                // The first store of a process trims the folder, and every 256th after it.
                if self
                    .stored
                    .fetch_add(1, Ordering::Relaxed)
                    .is_multiple_of(256)
                {
                    self.trim();
                }
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                if self.write_errors.fetch_add(1, Ordering::Relaxed) == 0 {
                    eprintln!(
                        "jsvm: warning: object cache {}: cannot write an entry: {e}",
                        self.dir.display()
                    );
                }
            }
        }
    }

    /// Keep the folder within its limit: remove the least recently used entries down to 90% of
    /// it, and temporary files of writers that died (older than an hour).
    pub fn trim(&self) {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let now = std::time::SystemTime::now();
        let mut entries = Vec::new();
        let mut total = 0u64;
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(meta) = e.metadata() else { continue };
            let mtime = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
            // Only the cache's own files: `<64 hex>.o` and `.<64 hex>.o.<pid>.<n>.tmp`.
            if is_temp_name(&name) {
                let age = now.duration_since(mtime).unwrap_or_default();
                if age > std::time::Duration::from_secs(3600) {
                    let _ = std::fs::remove_file(e.path());
                }
            } else if is_entry_name(&name) && meta.is_file() {
                total += meta.len();
                entries.push((mtime, meta.len(), e.path()));
            }
        }
        if total <= self.max_bytes {
            return;
        }
        entries.sort();
        let goal = self.max_bytes / 10 * 9;
        for (_, len, path) in entries {
            if total <= goal {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total -= len;
                self.evicted.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// What this process did with the cache so far.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
            stored: self.stored.load(Ordering::Relaxed),
            write_errors: self.write_errors.load(Ordering::Relaxed),
            evicted: self.evicted.load(Ordering::Relaxed),
        }
    }
}

/// `<64 hex digits>.o`: the name of an entry.
fn is_entry_name(name: &str) -> bool {
    name.strip_suffix(".o")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `.<entry name>.<pid>.<n>.tmp`: a temporary file of a writer.
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let mut parts = rest.rsplitn(3, '.');
    let (Some(n), Some(pid), Some(entry)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    is_entry_name(entry)
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
}

/// An entry file's bytes.
fn encode(key: &Key, obj: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + obj.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(key);
    out.extend_from_slice(&(obj.len() as u64).to_le_bytes());
    out.extend_from_slice(&Sha256::digest(obj));
    out.extend_from_slice(obj);
    out
}

/// The object in an entry file's bytes, if the file is a whole, intact entry for `key`.
fn decode<'b>(bytes: &'b [u8], key: &Key) -> Option<&'b [u8]> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (k, rest) = rest.split_at_checked(32)?;
    let (len, rest) = rest.split_at_checked(8)?;
    let (sum, obj) = rest.split_at_checked(32)?;
    let len = u64::from_le_bytes(len.try_into().ok()?);
    (k == key && len == obj.len() as u64 && sum == Sha256::digest(obj).as_slice()).then_some(obj)
}

/// What names the executable `exe` in the cache's key: its build ID (a hash of its contents
/// that the linker writes) when it has one, whatever its file's path or dates; else its size
/// and modification time, so that a rebuilt file is another executable.
fn executable_identity(build_id: Option<&[u8]>, exe: &Path) -> std::io::Result<Vec<u8>> {
    if let Some(id) = build_id {
        return Ok(id.to_vec());
    }
    let meta = std::fs::metadata(exe)?;
    let mtime = meta
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    Ok(format!("{} {mtime}", meta.len()).into_bytes())
}

/// The GNU build ID of the running executable (`NT_GNU_BUILD_ID` in a `PT_NOTE` segment), if
/// the linker wrote one.
pub fn build_id() -> Option<&'static [u8]> {
    static ID: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let mut id: Option<Vec<u8>> = None;
        unsafe extern "C" fn first(
            info: *mut libc::dl_phdr_info,
            _size: libc::size_t,
            out: *mut libc::c_void,
        ) -> libc::c_int {
            // SAFETY: the loader passes a valid `dl_phdr_info` whose program headers and
            // segments are mapped while the callback runs; `out` is the `Option<Vec<u8>>`
            // passed below.
            unsafe {
                let info = &*info;
                let headers = std::slice::from_raw_parts(info.dlpi_phdr, info.dlpi_phnum.into());
                for ph in headers.iter().filter(|ph| ph.p_type == libc::PT_NOTE) {
                    let start = (info.dlpi_addr + ph.p_vaddr) as *const u8;
                    let notes = std::slice::from_raw_parts(start, ph.p_memsz as usize);
                    if let Some(id) = gnu_build_id(notes) {
                        *(out as *mut Option<Vec<u8>>) = Some(id.to_vec());
                        break;
                    }
                }
            }
            // The first object is the executable: stop there.
            1
        }
        // SAFETY: `first` only reads what the loader hands it and writes `id`, which outlives
        // the call.
        unsafe { libc::dl_iterate_phdr(Some(first), (&mut id as *mut Option<Vec<u8>>).cast()) };
        id.filter(|id| !id.is_empty())
    })
    .as_deref()
}

/// The descriptor of the `NT_GNU_BUILD_ID` note (owner `GNU`) in `notes`, the contents of a
/// note segment: records of name size, descriptor size and type (4 bytes each), then the name
/// and the descriptor, each padded to 4 bytes.
fn gnu_build_id(mut notes: &[u8]) -> Option<&[u8]> {
    const NT_GNU_BUILD_ID: u32 = 3;
    let word = |b: &[u8], at: usize| -> Option<u32> {
        Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?))
    };
    let pad = |n: usize| n.div_ceil(4) * 4;
    while notes.len() >= 12 {
        let name_size = word(notes, 0)? as usize;
        let desc_size = word(notes, 4)? as usize;
        let kind = word(notes, 8)?;
        let name = notes.get(12..12 + name_size)?;
        let desc_at = 12 + pad(name_size);
        let desc = notes.get(desc_at..desc_at + desc_size)?;
        if kind == NT_GNU_BUILD_ID && name == b"GNU\0" {
            return Some(desc);
        }
        notes = notes.get(desc_at + pad(desc_size)..)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(name: &str) -> ObjectCache {
        let d = std::env::temp_dir().join(format!("jsvm-objcache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        ObjectCache::open(&d, 1 << 20).expect("open")
    }

    /// Without a build ID, the executable is named by its size and modification time: a
    /// rewritten file is another executable, and a missing one gives no identity (no cache).
    #[test]
    fn without_a_build_id_the_executable_is_its_size_and_time() {
        let dir = std::env::temp_dir().join(format!("jsvm-exe-id-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let exe = dir.join("jsvm");
        std::fs::write(&exe, b"one").expect("write");
        let set_mtime = |secs: u64| {
            let f = std::fs::File::options()
                .write(true)
                .open(&exe)
                .expect("open");
            f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
                .expect("set mtime");
        };
        set_mtime(1_000_000);
        let first = executable_identity(None, &exe).expect("identity");
        assert_eq!(first, b"3 1000000000000000");
        assert_eq!(executable_identity(None, &exe).expect("identity"), first);
        set_mtime(2_000_000);
        assert_ne!(executable_identity(None, &exe).expect("identity"), first);
        std::fs::write(&exe, b"other").expect("write");
        set_mtime(1_000_000);
        assert_ne!(executable_identity(None, &exe).expect("identity"), first);
        // A build ID wins over the file.
        assert_eq!(
            executable_identity(Some(b"id"), &exe).expect("identity"),
            b"id"
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
        assert!(executable_identity(None, &exe).is_err());
        assert_eq!(
            executable_identity(Some(b"id"), &exe).expect("identity"),
            b"id"
        );
    }

    #[test]
    fn build_id_is_the_one_the_linker_wrote() {
        let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        let file = object::File::parse(&*exe).unwrap();
        let written = object::Object::build_id(&file)
            .unwrap()
            .expect("a build ID");
        assert_eq!(build_id(), Some(written));
    }

    #[test]
    fn build_id_note_is_found_after_other_notes_and_not_past_the_end() {
        let note = |name: &[u8], kind: u32, desc: &[u8]| {
            let mut v = Vec::new();
            v.extend((name.len() as u32).to_ne_bytes());
            v.extend((desc.len() as u32).to_ne_bytes());
            v.extend(kind.to_ne_bytes());
            v.extend(name);
            v.resize(v.len().div_ceil(4) * 4, 0);
            v.extend(desc);
            v.resize(v.len().div_ceil(4) * 4, 0);
            v
        };
        let mut notes = note(
            b"GNU\0",
            1,
            &[0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0],
        );
        notes.extend(note(b"Go\0", 3, b"not this one"));
        notes.extend(note(b"GNU\0", 3, &[0xab, 0xcd, 0xef]));
        assert_eq!(gnu_build_id(&notes), Some(&[0xab, 0xcd, 0xef][..]));
        // A descriptor that runs past the segment is not read.
        let cut = notes.len() - 4;
        assert_eq!(gnu_build_id(&notes[..cut]), None);
        assert_eq!(gnu_build_id(&[]), None);
    }

    #[test]
    fn stores_and_finds_by_ir_and_pipeline() {
        let c = cache("roundtrip");
        let k = c.key(b"define void @f() { ret void }", Pipeline::Light);
        assert_ne!(k, c.key(b"define void @f() { ret void }", Pipeline::Quick));
        assert_ne!(k, c.key(b"define void @g() { ret void }", Pipeline::Light));
        assert_eq!(c.get(&k), None);
        c.put(&k, b"\x7fELF object bytes");
        assert_eq!(c.get(&k).as_deref(), Some(&b"\x7fELF object bytes"[..]));
        let s = c.stats();
        assert_eq!((s.hits, s.misses, s.stored, s.rejected), (1, 1, 1, 0));
    }

    #[test]
    fn the_least_recently_used_entries_go_when_the_folder_is_full() {
        let d = std::env::temp_dir().join(format!("jsvm-objcache-lru-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        // Room for three 1000-byte objects and a bit (each entry has 80 bytes of header): a
        // fourth overflows it, and one removal gets under 90% of it.
        let c = ObjectCache::open(&d, 3 * 1080 + 400).expect("open");
        let keys: Vec<Key> = (0..4)
            .map(|i| c.key(format!("ir {i}").as_bytes(), Pipeline::Light))
            .collect();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(100);
        for (i, k) in keys.iter().take(3).enumerate() {
            std::fs::write(c.path(k), encode(k, &[i as u8; 1000])).unwrap();
            let f = std::fs::File::options()
                .write(true)
                .open(c.path(k))
                .unwrap();
            f.set_modified(old + std::time::Duration::from_secs(i as u64))
                .unwrap();
        }
        // A hit makes the oldest entry the most recently used.
        assert!(c.get(&keys[0]).is_some());
        // A leftover of a writer that died, and files that are not the cache's.
        let hex: String = keys[0].iter().map(|b| format!("{b:02x}")).collect();
        let tmp = d.join(format!(".{hex}.o.123.0.tmp"));
        let foreign = [
            d.join("user.o"),
            d.join("notes.tmp"),
            d.join(".x.o.1.2.tmp"),
        ];
        for f in &foreign {
            std::fs::write(f, vec![0u8; 5000]).unwrap();
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(old - std::time::Duration::from_secs(7200))
                .unwrap();
        }
        std::fs::write(&tmp, b"x").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&tmp)
            .unwrap()
            .set_modified(old - std::time::Duration::from_secs(7200))
            .unwrap();
        // The fourth entry overflows the folder: the least recently used one (keys[1]) goes.
        c.put(&keys[3], &[3u8; 1000]);
        assert_eq!(c.stats().evicted, 1);
        assert!(c.path(&keys[0]).exists());
        assert!(!c.path(&keys[1]).exists());
        assert!(c.path(&keys[2]).exists());
        assert!(c.path(&keys[3]).exists());
        assert!(!tmp.exists());
        for f in &foreign {
            assert!(f.exists(), "{} is not the cache's", f.display());
        }
    }

    #[test]
    fn a_damaged_entry_is_rejected_at_every_offset() {
        let c = cache("damaged");
        let k = c.key(b"ir", Pipeline::Light);
        let obj = vec![0x5au8; 100];
        let good = encode(&k, &obj);
        let path = c.path(&k);
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            std::fs::write(&path, &bad).unwrap();
            assert_eq!(c.get(&k), None, "flipped byte {at}");
        }
        for len in 0..good.len() {
            std::fs::write(&path, &good[..len]).unwrap();
            assert_eq!(c.get(&k), None, "truncated to {len}");
        }
        let mut longer = good.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(c.get(&k), None, "extended");
        // Another key's intact entry under this key's name.
        let other = c.key(b"other ir", Pipeline::Light);
        std::fs::write(&path, encode(&other, &obj)).unwrap();
        assert_eq!(c.get(&k), None, "another key");
        assert_eq!(c.stats().rejected, 2 * good.len() + 2);
        // A good entry still loads.
        c.put(&k, &obj);
        assert_eq!(c.get(&k), Some(obj));
    }
}

//! The code cache: one 2 MiB-aligned reservation holding the areas hot / main / cold (code) and
//! data (read-only data, `.eh_frame`, the GOT), all within ±2 GiB of each other so rel32 reaches.
//!
//! W^X: pages are made writable as a batch grows (whole 2 MiB chunks in hot, where a large batch
//! is advised `MADV_HUGEPAGE`; 64 KiB chunks elsewhere), written, and sealed by
//! [`CodeCache::publish`]; the next batch starts past every sealed chunk, so an executable page
//! is never written again.

use crate::error::LoadError;
use std::fmt;

/// 2 MiB: a transparent huge page.
pub const HUGE: usize = 2 << 20;
const SMALL_CHUNK: usize = 64 << 10;
/// Size of each area.
pub const AREA_SIZE: usize = 64 << 20;

/// A code-cache area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    /// Batches compiled ahead of running (`--tier=jit`, retranslate-all), hot parts only.
    Hot,
    /// Code compiled one function at a time (`auto`).
    Main,
    /// Split-off cold parts.
    Cold,
    /// Read-only data, `.eh_frame`, GOT.
    Data,
}

impl Area {
    /// All areas, in address order.
    pub const ALL: [Area; 4] = [Area::Hot, Area::Main, Area::Cold, Area::Data];

    fn index(self) -> usize {
        self as usize
    }

    fn chunk(self) -> usize {
        if self == Area::Hot {
            HUGE
        } else {
            SMALL_CHUNK
        }
    }

    fn sealed_prot(self) -> i32 {
        if self == Area::Data {
            libc::PROT_READ
        } else {
            libc::PROT_READ | libc::PROT_EXEC
        }
    }

    /// The name printed by dumps and the perf map.
    pub fn name(self) -> &'static str {
        match self {
            Area::Hot => "hot",
            Area::Main => "main",
            Area::Cold => "cold",
            Area::Data => "data",
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Clone, Copy, Debug)]
struct AreaState {
    start: usize,
    end: usize,
    /// Next free byte.
    frontier: usize,
    /// End of the writable (not yet sealed) range; `frontier <= rw_end`.
    rw_end: usize,
    /// Start of the current batch's writable range.
    batch_start: usize,
}

/// The reservation and its areas.
pub struct CodeCache {
    base: usize,
    len: usize,
    areas: [AreaState; 4],
    /// Bytes of the hot area advised `MADV_HUGEPAGE` so far.
    pub hot_advised: usize,
}

impl fmt::Debug for CodeCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CodeCache({:#x}, {} MiB)", self.base, self.len >> 20)
    }
}

fn os(call: &'static str) -> LoadError {
    LoadError::Os {
        call,
        err: std::io::Error::last_os_error(),
    }
}

impl CodeCache {
    /// Reserve the whole range `PROT_NONE` (no memory is committed), 2 MiB-aligned.
    pub fn new() -> Result<CodeCache, LoadError> {
        let len = AREA_SIZE * Area::ALL.len();
        // SAFETY: an anonymous private mapping at an address of the kernel's choice.
        let raw = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len + HUGE,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if raw == libc::MAP_FAILED {
            return Err(os("mmap"));
        }
        let raw = raw as usize;
        let base = (raw + HUGE - 1) & !(HUGE - 1);
        // SAFETY: unmapping the unaligned head and tail slack of our own mapping.
        unsafe {
            if base > raw {
                libc::munmap(raw as *mut _, base - raw);
            }
            let tail = raw + len + HUGE - (base + len);
            if tail > 0 {
                libc::munmap((base + len) as *mut _, tail);
            }
        }
        let areas = std::array::from_fn(|i| {
            let start = base + i * AREA_SIZE;
            AreaState {
                start,
                end: start + AREA_SIZE,
                frontier: start,
                rw_end: start,
                batch_start: start,
            }
        });
        Ok(CodeCache {
            base,
            len,
            areas,
            hot_advised: 0,
        })
    }

    /// Advise `MADV_HUGEPAGE` on the next `size` bytes of the hot area (whole 2 MiB chunks from
    /// where the next batch starts), before the batch is written: its first write then faults
    /// in huge pages. False if the kernel refused.
    pub fn advise_huge(&mut self, size: usize) -> bool {
        let a = &self.areas[Area::Hot.index()];
        let start = (a.frontier + HUGE - 1) & !(HUGE - 1);
        let end = ((start + size + HUGE - 1) & !(HUGE - 1)).min(a.end);
        if end <= start {
            return false;
        }
        // SAFETY: advising a range of our own mapping.
        let ok = unsafe { libc::madvise(start as *mut _, end - start, libc::MADV_HUGEPAGE) } == 0;
        if ok {
            self.hot_advised += end - start;
        }
        ok
    }

    /// First address of `area`.
    pub fn area_start(&self, area: Area) -> usize {
        self.areas[area.index()].start
    }

    /// The area holding `addr`, if any.
    pub fn area_of(&self, addr: usize) -> Option<Area> {
        Area::ALL
            .into_iter()
            .find(|a| (self.areas[a.index()].start..self.areas[a.index()].end).contains(&addr))
    }

    /// Allocate `size` bytes aligned to `align` in `area`; the bytes are writable (and zero)
    /// until the next [`CodeCache::publish`]. The code there is not yet live.
    pub fn alloc(&mut self, area: Area, size: usize, align: usize) -> Result<usize, LoadError> {
        let a = &mut self.areas[area.index()];
        let align = align.max(1);
        let at = (a.frontier + align - 1) & !(align - 1);
        let end = at + size;
        if end > a.end {
            return Err(LoadError::Full {
                area: area.name(),
                need: size,
            });
        }
        if end > a.rw_end {
            let chunk = area.chunk();
            let new_rw = ((end + chunk - 1) & !(chunk - 1)).min(a.end);
            // SAFETY: the range lies inside our reservation and was never sealed (rw_end only grows
            // past sealed ranges).
            let r = unsafe {
                libc::mprotect(
                    a.rw_end as *mut _,
                    new_rw - a.rw_end,
                    libc::PROT_READ | libc::PROT_WRITE,
                )
            };
            if r != 0 {
                return Err(os("mprotect"));
            }
            a.rw_end = new_rw;
        }
        a.frontier = end;
        Ok(at)
    }

    /// Copy `bytes` to `addr`, which must have been returned by `alloc` since the last publish.
    pub fn write(&mut self, addr: usize, bytes: &[u8]) {
        let ok = self
            .areas
            .iter()
            .any(|a| addr >= a.batch_start && addr + bytes.len() <= a.frontier);
        assert!(ok, "write outside the unpublished range: {addr:#x}");
        // SAFETY: checked above: the range is allocated, writable and not yet published.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), addr as *mut u8, bytes.len()) }
    }

    /// Seal the current batch, in this order: (1) code areas become read+exec and data becomes
    /// read-only, each over whole chunks; (2) the frontier moves past them, so the next batch
    /// starts on fresh pages. Publishing the entry points (the function tables) is the caller's
    /// next step, after this returns.
    pub fn publish(&mut self) -> Result<(), LoadError> {
        for area in Area::ALL {
            let a = &mut self.areas[area.index()];
            if a.rw_end > a.batch_start {
                // SAFETY: the batch's range of our reservation; nothing else maps it.
                let r = unsafe {
                    libc::mprotect(
                        a.batch_start as *mut _,
                        a.rw_end - a.batch_start,
                        area.sealed_prot(),
                    )
                };
                if r != 0 {
                    return Err(os("mprotect"));
                }
                a.frontier = a.rw_end;
                a.batch_start = a.rw_end;
            }
        }
        Ok(())
    }

    /// Bytes used in `area` (including alignment padding and skipped chunk tails).
    pub fn used(&self, area: Area) -> usize {
        let a = &self.areas[area.index()];
        a.frontier - a.start
    }
}

// The reservation is owned for the life of the process (a CLI run never frees code), so there is
// no Drop: published code may still be referenced by function tables.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hot_area_is_2mib_aligned_and_advised() {
        let mut c = CodeCache::new().expect("reserve");
        let hot = c.area_start(Area::Hot);
        assert_eq!(hot % HUGE, 0);
        assert!(c.advise_huge(100), "madvise(MADV_HUGEPAGE) failed");
        assert_eq!(c.hot_advised, HUGE);
        let at = c.alloc(Area::Hot, 100, 16).expect("alloc");
        assert_eq!(at, hot);
        c.write(at, &[0xc3]);
        // /proc/self/smaps lists the hot mapping with the `hg` (huge page advised) VmFlag.
        let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
        let mut in_hot = false;
        let mut advised = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ') {
                if let Some((lo, hi)) = range.split_once('-') {
                    if let (Ok(lo), Ok(hi)) =
                        (usize::from_str_radix(lo, 16), usize::from_str_radix(hi, 16))
                    {
                        in_hot = lo <= hot && hot < hi;
                        continue;
                    }
                }
            }
            if in_hot && line.starts_with("VmFlags:") && line.contains(" hg") {
                advised = true;
            }
        }
        assert!(advised, "the hot area is not advised in /proc/self/smaps");
        c.publish().expect("publish");
        // The next batch starts on a fresh 2 MiB chunk.
        let next = c.alloc(Area::Hot, 1, 1).expect("alloc");
        assert_eq!(next, hot + HUGE);
    }
}

//! Our own ELF loader: places the allocated sections of LLVM's relocatable objects in the code
//! cache (text by area, everything else in data), resolves symbols (the object's own, then the
//! closed set of runtime helpers), applies relocations, and hands back section ranges.
//!
//! A batch of objects is loaded, then the cache is published, then `.eh_frame`s are registered:
//! nothing is executable before `CodeCache::publish`.

pub mod elf;
pub mod helpers;
pub mod reloc;

use crate::code_cache::{Area, CodeCache};
use crate::error::LoadError;
use object::{
    Object, ObjectSection, ObjectSymbol, RelocationFlags, RelocationTarget, SymbolSection,
};
use std::collections::HashMap;
use std::ops::Range;

/// A named range of loaded code.
#[derive(Clone, Debug)]
pub struct Piece {
    /// The symbol.
    pub name: String,
    /// Where it lives.
    pub range: Range<usize>,
    /// Which area.
    pub area: Area,
}

/// What one object became.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Defined symbols and their addresses.
    pub symbols: HashMap<String, usize>,
    /// Function symbols with sizes (for dumps and the perf map).
    pub pieces: Vec<Piece>,
    /// The `.eh_frame` section (with its zero terminator), if any.
    pub eh_frame: Option<Range<usize>>,
    /// Helper stubs created for this object.
    pub stubs: Vec<Piece>,
}

/// Loads objects into the unpublished part of a code cache; stubs and GOT slots are shared
/// within the batch.
pub struct Batch<'c> {
    cache: &'c mut CodeCache,
    code_area: Area,
    got: HashMap<u64, u64>,
    stubs: HashMap<u64, u64>,
}

impl<'c> Batch<'c> {
    /// A batch whose hot code goes to `code_area` (`Hot` for batches, `Main` for single functions).
    pub fn new(cache: &'c mut CodeCache, code_area: Area) -> Batch<'c> {
        Batch {
            cache,
            code_area,
            got: HashMap::new(),
            stubs: HashMap::new(),
        }
    }

    /// Place and relocate one object. The code is not yet live (see `CodeCache::publish`).
    /// `symbols` resolves the object's address symbols (`jsvm.addr.N`, see
    /// [`crate::lower::SideTables::addrs`]); other undefined symbols are runtime helpers.
    pub fn load(&mut self, bytes: &[u8], symbols: &[usize]) -> Result<Loaded, LoadError> {
        let file = object::File::parse(bytes)?;
        let mut out = Loaded::default();
        let mut addrs: HashMap<object::SectionIndex, (usize, Area)> = HashMap::new();
        for sec in file.sections() {
            let Some((area, extra)) = elf::placement(&sec, self.code_area)? else {
                continue;
            };
            let size = sec.size() as usize;
            let at = self
                .cache
                .alloc(area, size + extra, sec.align().max(1) as usize)?;
            if let Ok(data) = sec.data() {
                if !data.is_empty() {
                    self.cache.write(at, data);
                }
            }
            if sec.name() == Ok(".eh_frame") {
                out.eh_frame = Some(at..at + size + extra);
            }
            addrs.insert(sec.index(), (at, area));
        }
        for sym in file.symbols() {
            let SymbolSection::Section(si) = sym.section() else {
                continue;
            };
            let Some(&(base, area)) = addrs.get(&si) else {
                continue;
            };
            let addr = base + sym.address() as usize;
            let Ok(name) = sym.name() else { continue };
            if name.is_empty() {
                continue;
            }
            // Functions, and the parts LLVM split off them into cold sections (local symbols
            // `NAME.cold` without a type).
            if sym.kind() == object::SymbolKind::Text || (area == Area::Cold && sym.size() > 0) {
                out.pieces.push(Piece {
                    name: name.to_string(),
                    range: addr..addr + sym.size() as usize,
                    area,
                });
            }
            out.symbols.insert(name.to_string(), addr);
        }
        for sec in file.sections() {
            let Some(&(base, _)) = addrs.get(&sec.index()) else {
                continue;
            };
            let size = sec.size() as usize;
            let sname = sec.name().unwrap_or("?").to_string();
            for (off, rel) in sec.relocations() {
                let RelocationFlags::Elf { r_type } = rel.flags() else {
                    return Err(LoadError::UnsupportedReloc {
                        r_type: 0,
                        section: sname,
                        offset: off,
                    });
                };
                let (s, external, name) = match rel.target() {
                    RelocationTarget::Symbol(si) => {
                        let sym = file.symbol_by_index(si)?;
                        let name = sym.name().unwrap_or("").to_string();
                        match sym.section() {
                            SymbolSection::Section(ssi) => {
                                let Some(&(b, _)) = addrs.get(&ssi) else {
                                    return Err(LoadError::UndefinedSymbol(name));
                                };
                                ((b + sym.address() as usize) as u64, false, name)
                            }
                            SymbolSection::Undefined => {
                                let a = match crate::lower::addr_number(&name) {
                                    Some(n) => symbols.get(n).copied(),
                                    None => helpers::Helper::from_symbol(&name).map(|h| h.addr()),
                                }
                                .ok_or_else(|| LoadError::UndefinedSymbol(name.clone()))?;
                                (a as u64, true, name)
                            }
                            SymbolSection::Absolute => (sym.address(), true, name),
                            _ => return Err(LoadError::UndefinedSymbol(name)),
                        }
                    }
                    RelocationTarget::Section(ssi) => {
                        let Some(&(b, _)) = addrs.get(&ssi) else {
                            return Err(LoadError::UndefinedSymbol(format!("section {}", ssi.0)));
                        };
                        (b as u64, false, String::new())
                    }
                    RelocationTarget::Absolute => (0, true, String::new()),
                    _ => return Err(LoadError::UndefinedSymbol("unknown target".into())),
                };
                let place = base + off as usize;
                // The field is patched in a copy of the section bytes around it, then written back.
                let mut buf = [0u8; 8];
                let width = 8.min(size.saturating_sub(off as usize));
                // SAFETY: `place..place + width` lies in the section just allocated and written.
                unsafe {
                    std::ptr::copy_nonoverlapping(place as *const u8, buf.as_mut_ptr(), width)
                };
                let (cache, got, stubs) = (&mut *self.cache, &mut self.got, &mut self.stubs);
                let cache = std::cell::RefCell::new(cache);
                let mut got_fn = || -> Result<u64, LoadError> {
                    if let Some(&g) = got.get(&s) {
                        return Ok(g);
                    }
                    let mut c = cache.borrow_mut();
                    let g = c.alloc(Area::Data, 8, 8)?;
                    c.write(g, &s.to_le_bytes());
                    got.insert(s, g as u64);
                    Ok(g as u64)
                };
                let mut new_stubs = Vec::new();
                let mut stub_fn = || -> Result<u64, LoadError> {
                    if let Some(&st) = stubs.get(&s) {
                        return Ok(st);
                    }
                    let mut c = cache.borrow_mut();
                    let st = c.alloc(self.code_area, 16, 16)?;
                    c.write(st, &reloc::stub_bytes(s));
                    stubs.insert(s, st as u64);
                    new_stubs.push(Piece {
                        name: format!("{name}@stub"),
                        range: st..st + 16,
                        area: self.code_area,
                    });
                    Ok(st as u64)
                };
                let mut t = reloc::Target {
                    s,
                    external,
                    got: &mut got_fn,
                    stub: &mut stub_fn,
                };
                let r = reloc::apply(
                    r_type.0,
                    &mut buf[..width],
                    0,
                    place as u64,
                    &mut t,
                    rel.addend(),
                )?;
                out.stubs.extend(new_stubs);
                match r {
                    Ok(()) => {
                        cache.borrow_mut().write(place, &buf[..width]);
                    }
                    Err(reloc::RelocFail::Unsupported) => {
                        return Err(LoadError::UnsupportedReloc {
                            r_type: r_type.0,
                            section: sname,
                            offset: off,
                        })
                    }
                    Err(reloc::RelocFail::OutOfRange(value)) => {
                        return Err(LoadError::OutOfRange {
                            r_type: r_type.0,
                            section: sname,
                            offset: off,
                            value,
                        })
                    }
                    Err(reloc::RelocFail::BadOffset) => {
                        return Err(LoadError::BadOffset {
                            section: sname,
                            offset: off,
                        })
                    }
                }
            }
        }
        Ok(out)
    }
}

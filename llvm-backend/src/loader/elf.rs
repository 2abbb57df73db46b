//! ELF section classification: which allocated sections are loaded and into which area.
//!
//! Code (`SHF_EXECINSTR`) goes to the batch's code area, except the cold parts that LLVM splits
//! off (`.text.split.*` from the machine function splitter, `.text.unlikely.*` and `__llvm_cold`
//! from hot/cold splitting), which go to `Cold`. Read-only data and `.eh_frame` go to `Data`
//! (`.eh_frame` gets 4 extra zero bytes: the terminator a relocatable object lacks), and so do
//! relocated constants (`.data.rel.ro*`, sealed read-only like the rest of the area). Other
//! writable sections are refused: compiled code keeps its state in `Ctx`.

use crate::code_cache::Area;
use crate::error::LoadError;
use object::elf::{SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE};
use object::{ObjectSection, SectionFlags};

/// True for the names of split-off cold code.
pub fn is_cold_section(name: &str) -> bool {
    name.starts_with(".text.split.") || name.starts_with(".text.unlikely.") || name == "__llvm_cold"
}

/// Where `sec` goes and how many extra bytes it needs; `None` for sections that are not loaded.
pub fn placement<'d, S: ObjectSection<'d>>(
    sec: &S,
    code_area: Area,
) -> Result<Option<(Area, usize)>, LoadError> {
    let SectionFlags::Elf { sh_flags, .. } = sec.flags() else {
        return Ok(None);
    };
    let flags = sh_flags.0;
    if flags & SHF_ALLOC.0 == 0 {
        return Ok(None);
    }
    let name = sec.name().unwrap_or("");
    if flags & SHF_WRITE.0 != 0 {
        if sec.size() == 0 {
            return Ok(None);
        }
        // Relocated constants (tables of addresses, say a switch's lookup table of
        // `jsvm.addr.N` pointers): writable only for the loader, read-only once published.
        if name.starts_with(".data.rel.ro") {
            return Ok(Some((Area::Data, 0)));
        }
        return Err(LoadError::UnsupportedSection(name.to_string()));
    }
    if flags & SHF_EXECINSTR.0 != 0 {
        let area = if is_cold_section(name) {
            Area::Cold
        } else {
            code_area
        };
        return Ok(Some((area, 0)));
    }
    let extra = if name == ".eh_frame" { 4 } else { 0 };
    Ok(Some((Area::Data, extra)))
}

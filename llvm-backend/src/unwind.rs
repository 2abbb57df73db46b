//! `.eh_frame` registration with libgcc's unwinder, so Rust panics (fatals) and backtraces pass
//! through compiled frames. Each registration is a guard that deregisters on drop.
//!
//! Each FDE (one contiguous piece of code) is registered on its own, copied with its CIE into a
//! small `.eh_frame` of absolute pointers (read and written by `gimli`): libgcc 12's `_Unwind_Find_FDE` searches only the
//! first registered object whose lowest address is at or below the pc, so an object whose
//! function has a hot part and a distant cold part (hot/cold splitting) would hide the next
//! function's cold part, and an unwind through it aborted the process.

use gimli::read::UnwindSection;
use gimli::{read, write, LittleEndian};

extern "C" {
    fn __register_frame(begin: *const u8);
    fn __deregister_frame(begin: *const u8);
}

/// A registered `.eh_frame`.
#[derive(Debug)]
pub struct FrameRegistration {
    begin: usize,
    /// The copy registered (dropped after the deregistration), if not the loaded section.
    _copy: Option<Box<[u64]>>,
}

impl FrameRegistration {
    /// Register the `.eh_frame` section at `begin`.
    ///
    /// # Safety
    /// `begin` is a relocated `.eh_frame` section ending in a zero terminator, which stays mapped
    /// and unchanged until the guard is dropped.
    pub unsafe fn register(begin: usize) -> FrameRegistration {
        // SAFETY: forwarded to the caller.
        unsafe { __register_frame(begin as *const u8) };
        FrameRegistration { begin, _copy: None }
    }

    /// Register each FDE of the relocated `.eh_frame` section `section` on its own (see the
    /// module's note); a section this
    /// reader does not know (a personality, an LSDA, other pointer encodings) is registered
    /// whole, as [`FrameRegistration::register`] does.
    ///
    /// # Safety
    /// As [`FrameRegistration::register`], for the section's first byte; `section` is its bytes,
    /// at their loaded address.
    pub unsafe fn register_each(section: &[u8]) -> Vec<FrameRegistration> {
        let base = section.as_ptr() as usize;
        match split(section, base) {
            Some(copies) => copies
                .into_iter()
                .map(|copy| {
                    let begin = copy.as_ptr() as usize;
                    // SAFETY: `copy` is a complete `.eh_frame` (CIE, FDE, terminator) of
                    // absolute pointers, kept alive (and unchanged) by the guard.
                    unsafe { __register_frame(begin as *const u8) };
                    FrameRegistration {
                        begin,
                        _copy: Some(copy),
                    }
                })
                .collect(),
            // SAFETY: forwarded to the caller.
            None => vec![unsafe { FrameRegistration::register(base) }],
        }
    }
}

impl Drop for FrameRegistration {
    fn drop(&mut self) {
        // SAFETY: registered by `register` with this address and not deregistered since.
        unsafe { __deregister_frame(self.begin as *const u8) }
    }
}

/// One `.eh_frame` (CIE, FDE, terminator) per FDE of `section` (loaded at `base`), in
/// 8-byte-aligned buffers, its pointers absolute; `None` for a form not copied (a personality,
/// an LSDA, an instruction with a DWARF expression or one that sets the location).
fn split(section: &[u8], base: usize) -> Option<Vec<Box<[u64]>>> {
    let frame = read::EhFrame::new(section, LittleEndian);
    let bases = read::BaseAddresses::default().set_eh_frame(base as u64);
    let mut entries = frame.entries(&bases);
    let mut out = Vec::new();
    while let Some(entry) = entries.next().ok()? {
        let read::CieOrFde::Fde(partial) = entry else {
            continue;
        };
        let fde = partial.parse(read::EhFrame::cie_from_offset).ok()?;
        let from = fde.cie();
        if from.personality().is_some() || from.has_lsda() || fde.lsda().is_some() {
            return None;
        }
        let mut cie = write::CommonInformationEntry::new(
            from.encoding(),
            u8::try_from(from.code_alignment_factor()).ok()?,
            i8::try_from(from.data_alignment_factor()).ok()?,
            from.return_address_register(),
        );
        cie.signal_trampoline = from.is_signal_trampoline();
        // `fde_address_encoding` stays `DW_EH_PE_absptr`: the copy lives elsewhere than the
        // section, so pc-relative addresses would no longer hold.
        for (_, i) in converted(from.instructions(&frame, &bases), from)? {
            cie.add_instruction(i);
        }
        let mut copy = write::FrameDescriptionEntry::new(
            write::Address::Constant(fde.initial_address()),
            u32::try_from(fde.len()).ok()?,
        );
        for (at, i) in converted(fde.instructions(&frame, &bases), from)? {
            copy.add_instruction(at, i);
        }
        let mut table = write::FrameTable::default();
        let cie = table.add_cie(cie);
        table.add_fde(cie, copy);
        let mut w = write::EhFrame(write::EndianVec::new(LittleEndian));
        table.write_eh_frame(&mut w).ok()?;
        let mut bytes = w.0.into_vec();
        // The zero terminator, and padding to whole words.
        bytes.resize((bytes.len() + 4).next_multiple_of(8), 0);
        let words: Vec<u64> = bytes
            .chunks(8)
            .map(|w| u64::from_le_bytes(w.try_into().expect("padded to 8 bytes")))
            .collect();
        out.push(words.into_boxed_slice());
    }
    Some(out)
}

/// The writer's form of an entry's instructions `insns` under CIE `cie`, each with its offset
/// in bytes from the entry's start; `None` for a kind not copied.
fn converted(
    mut insns: read::CallFrameInstructionIter<'_, read::EndianSlice<'_, LittleEndian>>,
    cie: &read::CommonInformationEntry<read::EndianSlice<'_, LittleEndian>>,
) -> Option<Vec<(u32, write::CallFrameInstruction)>> {
    let (mut offset, mut out) = (0, Vec::new());
    while let Some(insn) = insns.next().ok()? {
        if let Some(i) = instruction(insn, cie, &mut offset)? {
            out.push((offset, i));
        }
    }
    Some(out)
}

/// The writer's form of read instruction `i` of an entry under CIE `cie`, offsets unfactored:
/// `None` for one that only advances the location (to `offset`, in bytes from the entry's
/// start) or does nothing; `None` outside for a kind not copied.
fn instruction(
    i: read::CallFrameInstruction<usize>,
    cie: &read::CommonInformationEntry<read::EndianSlice<'_, LittleEndian>>,
    offset: &mut u32,
) -> Option<Option<write::CallFrameInstruction>> {
    use read::CallFrameInstruction as R;
    use write::CallFrameInstruction as W;
    let data = |factored: i64| i32::try_from(factored * cie.data_alignment_factor()).ok();
    Some(Some(match i {
        R::AdvanceLoc { delta } => {
            let code = u32::try_from(cie.code_alignment_factor()).ok()?;
            *offset = offset.checked_add(delta.checked_mul(code)?)?;
            return Some(None);
        }
        R::Nop => return Some(None),
        R::DefCfa { register, offset } => W::Cfa(register, i32::try_from(offset).ok()?),
        R::DefCfaSf {
            register,
            factored_offset,
        } => W::Cfa(register, data(factored_offset)?),
        R::DefCfaRegister { register } => W::CfaRegister(register),
        R::DefCfaOffset { offset } => W::CfaOffset(i32::try_from(offset).ok()?),
        R::DefCfaOffsetSf { factored_offset } => W::CfaOffset(data(factored_offset)?),
        R::Undefined { register } => W::Undefined(register),
        R::SameValue { register } => W::SameValue(register),
        R::Offset {
            register,
            factored_offset,
        } => W::Offset(register, data(i64::try_from(factored_offset).ok()?)?),
        R::OffsetExtendedSf {
            register,
            factored_offset,
        } => W::Offset(register, data(factored_offset)?),
        R::ValOffset {
            register,
            factored_offset,
        } => W::ValOffset(register, data(i64::try_from(factored_offset).ok()?)?),
        R::ValOffsetSf {
            register,
            factored_offset,
        } => W::ValOffset(register, data(factored_offset)?),
        R::Register {
            dest_register,
            src_register,
        } => W::Register(dest_register, src_register),
        R::Restore { register } => W::Restore(register),
        R::RememberState => W::RememberState,
        R::RestoreState => W::RestoreState,
        R::ArgsSize { size } => W::ArgsSize(u32::try_from(size).ok()?),
        _ => return None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `.eh_frame` LLVM writes for a function with a hot part and a split-off cold part
    /// (CIE `zR`, pc-relative 4-byte pointers), loaded at `base`: two copies, each its CIE and
    /// one FDE with the absolute address it covers, and the same instructions.
    #[test]
    fn each_fde_gets_an_eh_frame_of_absolute_pointers() {
        let base = 0x1000_0000usize;
        let (hot, cold) = (0x0800_0000u64, 0x2000_0000u64);
        let mut s = Vec::new();
        // CIE: length 0x14, id 0, version 1, "zR", code 1, data -8, ra 16, aug len 1, 0x1b,
        // def_cfa rsp+8, offset rip cfa-8, two nops.
        s.extend(0x14u32.to_le_bytes());
        s.extend([0, 0, 0, 0, 1, b'z', b'R', 0, 1, 0x78, 16, 1, 0x1b]);
        s.extend([0x0c, 7, 8, 0x90, 1, 0, 0]);
        for (pc, range, insns) in [(hot, 0x427u32, &[0x41u8, 0x0e, 0x10][..]), (cold, 0xd, &[])] {
            let at = s.len();
            let body_len = 4 + 4 + 4 + 1 + insns.len();
            let len = body_len.next_multiple_of(4) as u32;
            s.extend(len.to_le_bytes());
            s.extend(((at + 4) as u32).to_le_bytes());
            let field = (base + at + 8) as i64;
            s.extend(((pc as i64 - field) as i32).to_le_bytes());
            s.extend(range.to_le_bytes());
            s.push(0);
            s.extend_from_slice(insns);
            while (s.len() - at - 4) % 4 != 0 {
                s.push(0);
            }
        }
        s.extend([0; 4]);
        let copies = split(&s, base).expect("a known form");
        assert_eq!(copies.len(), 2);
        let insns = [&[0x41u8, 0x0e, 0x10][..], &[]];
        for (copy, (pc, range, insns)) in copies
            .iter()
            .zip([(hot, 0x427u64, insns[0]), (cold, 0xd, insns[1])])
        {
            let b: Vec<u8> = copy.iter().flat_map(|w| w.to_le_bytes()).collect();
            assert!(b.ends_with(&[0; 4]), "terminated");
            // Read back as libgcc will: from where the copy lies.
            let frame = read::EhFrame::new(&b[..], LittleEndian);
            let bases = read::BaseAddresses::default().set_eh_frame(copy.as_ptr() as u64);
            let mut entries = frame.entries(&bases);
            let mut fdes = Vec::new();
            while let Some(e) = entries.next().expect("a well-formed copy") {
                if let read::CieOrFde::Fde(p) = e {
                    fdes.push(p.parse(read::EhFrame::cie_from_offset).expect("its CIE"));
                }
            }
            assert_eq!(fdes.len(), 1, "one FDE per copy");
            let fde = &fdes[0];
            let cie = fde.cie();
            assert_eq!(
                (
                    cie.code_alignment_factor(),
                    cie.data_alignment_factor(),
                    cie.return_address_register().0
                ),
                (1, -8, 16)
            );
            // No `R` augmentation: absolute 8-byte addresses, the default.
            assert_eq!(
                cie.fde_address_encoding().unwrap_or(gimli::DW_EH_PE_absptr),
                gimli::DW_EH_PE_absptr
            );
            assert_eq!((fde.initial_address(), fde.len()), (pc, range));
            // The same rows as the original: CFA rsp+8 and the return address at CFA-8 from the
            // start; after `advance_loc 1; def_cfa_offset 16`, CFA rsp+16.
            let mut ctx = read::UnwindContext::new();
            let mut rows = fde.rows(&frame, &bases, &mut ctx).expect("rows");
            let mut seen = Vec::new();
            while let Some(row) = rows.next_row().expect("a row") {
                let read::CfaRule::RegisterAndOffset { register, offset } = *row.cfa() else {
                    panic!("a register CFA rule")
                };
                assert_eq!(
                    row.register(gimli::X86_64::RA),
                    read::RegisterRule::Offset(-8)
                );
                seen.push((row.start_address() - pc, register.0, offset));
            }
            let want = if insns.is_empty() {
                vec![(0, 7, 8)]
            } else {
                vec![(0, 7, 8), (1, 7, 16)]
            };
            assert_eq!(seen, want);
        }
        // A CIE with a personality is not split (the whole section is registered).
        let mut p = s.clone();
        p[9..11].copy_from_slice(b"zP");
        assert!(split(&p, base).is_none());
    }
}

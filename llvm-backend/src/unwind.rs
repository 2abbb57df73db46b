//! `.eh_frame` registration with libgcc's unwinder, so Rust panics (fatals) and backtraces pass
//! through compiled frames. Each registration is a guard that deregisters on drop.
//!
//! Each FDE (one contiguous piece of code) is registered on its own, copied with its CIE into a
//! small `.eh_frame` of absolute pointers: libgcc 12's `_Unwind_Find_FDE` searches only the
//! first registered object whose lowest address is at or below the pc, so an object whose
//! function has a hot part and a distant cold part (hot/cold splitting) would hide the next
//! function's cold part, and an unwind through it aborted the process.

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

/// `DW_EH_PE_absptr`: an 8-byte absolute address.
const ABSPTR: u8 = 0x00;

/// A CIE as this reader keeps it.
struct Cie<'a> {
    code_align: u64,
    data_align: i64,
    ra_register: u8,
    /// The pointer encoding of its FDEs' addresses (`R`).
    fde_encoding: u8,
    instructions: &'a [u8],
}

/// One `.eh_frame` (CIE, FDE, terminator) per FDE of `section` (loaded at `base`), in
/// 8-byte-aligned buffers; `None` for a form this reader does not know.
fn split(section: &[u8], base: usize) -> Option<Vec<Box<[u64]>>> {
    let mut cies: Vec<(usize, Cie)> = Vec::new();
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= section.len() {
        let len = u32::from_le_bytes(section[at..at + 4].try_into().ok()?) as usize;
        if len == 0 {
            break;
        }
        if len == 0xffff_ffff {
            return None; // 64-bit DWARF: not emitted by LLVM for x86-64.
        }
        let body = section.get(at + 4..at + 4 + len)?;
        let id = u32::from_le_bytes(body.get(..4)?.try_into().ok()?) as usize;
        if id == 0 {
            cies.push((at, parse_cie(&body[4..])?));
        } else {
            // The CIE pointer: back from this field to the CIE's start.
            let cie_at = (at + 4).checked_sub(id)?;
            let cie = &cies.iter().find(|(o, _)| *o == cie_at)?.1;
            let field = base + at + 8;
            let (pc_begin, n) = read_pointer(&body[4..], cie.fde_encoding, field)?;
            let (pc_range, m) = read_pointer(&body[4 + n..], cie.fde_encoding & 0x0f, 0)?;
            let mut r = Reader(&body[4 + n + m..]);
            let aug = r.uleb()? as usize;
            if aug != 0 {
                return None; // An LSDA: not emitted without a personality.
            }
            out.push(eh_frame(cie, pc_begin, pc_range, r.0));
        }
        at += 4 + len;
    }
    Some(out)
}

/// Reads a CIE's fields after its id; only version 1 with augmentation `zR` is known.
fn parse_cie(b: &[u8]) -> Option<Cie<'_>> {
    let mut r = Reader(b);
    if r.u8()? != 1 {
        return None;
    }
    let aug_end = r.0.iter().position(|&c| c == 0)?;
    let aug = &r.0[..aug_end];
    r.0 = &r.0[aug_end + 1..];
    if aug != b"zR" {
        return None;
    }
    let code_align = r.uleb()?;
    let data_align = r.sleb()?;
    let ra_register = r.u8()?;
    if r.uleb()? != 1 {
        return None;
    }
    let fde_encoding = r.u8()?;
    Some(Cie {
        code_align,
        data_align,
        ra_register,
        fde_encoding,
        instructions: r.0,
    })
}

/// Decodes a pointer of encoding `enc` at the start of `b`, whose field is at address `field`
/// (for `pcrel`): the value and its size. Absolute or pc-relative, 4- or 8-byte.
fn read_pointer(b: &[u8], enc: u8, field: usize) -> Option<(u64, usize)> {
    let (v, n) = match enc & 0x0f {
        0x00 | 0x04 | 0x0c => (u64::from_le_bytes(b.get(..8)?.try_into().ok()?), 8),
        0x03 => (u32::from_le_bytes(b.get(..4)?.try_into().ok()?) as u64, 4),
        0x0b => (
            i32::from_le_bytes(b.get(..4)?.try_into().ok()?) as i64 as u64,
            4,
        ),
        _ => return None,
    };
    let v = match enc & 0x70 {
        0x00 => v,
        0x10 => (field as u64).wrapping_add(v),
        _ => return None,
    };
    Some((v, n))
}

/// A `.eh_frame` of one CIE (absolute FDE pointers) and one FDE, then the zero terminator.
fn eh_frame(cie: &Cie, pc_begin: u64, pc_range: u64, instructions: &[u8]) -> Box<[u64]> {
    // Length (written by `pad`), CIE id 0, version 1, augmentation "zR".
    let mut c = vec![0, 0, 0, 0, 0, 0, 0, 0, 1, b'z', b'R', 0];
    uleb(&mut c, cie.code_align);
    sleb(&mut c, cie.data_align);
    c.push(cie.ra_register);
    c.extend([1, ABSPTR]);
    c.extend_from_slice(cie.instructions);
    pad(&mut c);
    // Length (written by `pad`), then the CIE pointer: back from that field to the CIE.
    let mut f = vec![0; 8];
    f[4..8].copy_from_slice(&(c.len() as u32 + 4).to_le_bytes());
    f.extend(pc_begin.to_le_bytes());
    f.extend(pc_range.to_le_bytes());
    f.push(0);
    f.extend_from_slice(instructions);
    pad(&mut f);
    c.extend(f);
    c.extend([0; 8]);
    let words: Vec<u64> = c
        .chunks(8)
        .map(|w| u64::from_le_bytes(w.try_into().expect("padded to 8 bytes")))
        .collect();
    words.into_boxed_slice()
}

/// Pads a record (length field first) with `DW_CFA_nop`s to a multiple of 8 bytes, and writes
/// its length.
fn pad(r: &mut Vec<u8>) {
    while !r.len().is_multiple_of(8) {
        r.push(0);
    }
    let len = r.len() as u32 - 4;
    r[..4].copy_from_slice(&len.to_le_bytes());
}

fn uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A cursor over DWARF bytes.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u8(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn uleb(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn sleb(&mut self) -> Option<i64> {
        let mut v = 0i64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= i64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                if shift + 7 < 64 && b & 0x40 != 0 {
                    v |= -1i64 << (shift + 7);
                }
                return Some(v);
            }
        }
        None
    }
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
        for (copy, (pc, range)) in copies.iter().zip([(hot, 0x427u64), (cold, 0xd)]) {
            let b: Vec<u8> = copy.iter().flat_map(|w| w.to_le_bytes()).collect();
            let cie_len = u32::from_le_bytes(b[..4].try_into().unwrap()) as usize;
            let cie = parse_cie(&b[8..4 + cie_len]).expect("the copy's CIE");
            assert_eq!(
                (cie.code_align, cie.data_align, cie.ra_register),
                (1, -8, 16)
            );
            assert_eq!(cie.fde_encoding, ABSPTR);
            let fde = &b[4 + cie_len..];
            let back = u32::from_le_bytes(fde[4..8].try_into().unwrap()) as usize;
            assert_eq!(
                back,
                4 + cie_len + 4,
                "the CIE pointer leads back to the CIE"
            );
            assert_eq!(u64::from_le_bytes(fde[8..16].try_into().unwrap()), pc);
            assert_eq!(u64::from_le_bytes(fde[16..24].try_into().unwrap()), range);
            assert!(b.ends_with(&[0; 4]), "terminated");
        }
        // A CIE with a personality is not split (the whole section is registered).
        let mut p = s.clone();
        p[9..11].copy_from_slice(b"zP");
        assert!(split(&p, base).is_none());
    }
}

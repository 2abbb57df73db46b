//! The relocation switch: one `match` over the closed set of x86-64 relocation types that PIC +
//! small-code-model objects use (TOOLCHAIN.md section 3b), each range-checked; anything else is
//! `LoadError::UnsupportedReloc`.

use object::elf;

const R64: u32 = elf::R_X86_64_64.0;
const PC64: u32 = elf::R_X86_64_PC64.0;
const PC32: u32 = elf::R_X86_64_PC32.0;
const PLT32: u32 = elf::R_X86_64_PLT32.0;
const GOTPCREL: u32 = elf::R_X86_64_GOTPCREL.0;
const GOTPCRELX: u32 = elf::R_X86_64_GOTPCRELX.0;
const REX_GOTPCRELX: u32 = elf::R_X86_64_REX_GOTPCRELX.0;

/// Why one relocation could not be applied (the caller adds the section name).
#[derive(Debug, PartialEq, Eq)]
pub enum RelocFail {
    /// Not in the closed set.
    Unsupported,
    /// The value does not fit the field.
    OutOfRange(i64),
    /// The field lies outside the section.
    BadOffset,
}

/// The resolved target of a relocation.
pub struct Target<'a> {
    /// The symbol's address `S`.
    pub s: u64,
    /// Whether `S` lies outside the code cache (a runtime helper): a call that cannot reach it
    /// goes through a stub.
    pub external: bool,
    /// Allocates (or reuses) a GOT slot holding `S` and returns its address.
    pub got: &'a mut dyn FnMut() -> Result<u64, crate::error::LoadError>,
    /// Allocates (or reuses) a 16-byte jump stub to `S` and returns its address.
    pub stub: &'a mut dyn FnMut() -> Result<u64, crate::error::LoadError>,
}

fn field<const N: usize>(buf: &mut [u8], off: usize) -> Result<&mut [u8; N], RelocFail> {
    buf.get_mut(off..off + N)
        .and_then(|s| s.try_into().ok())
        .ok_or(RelocFail::BadOffset)
}

fn w32(buf: &mut [u8], off: usize, v: i64) -> Result<(), RelocFail> {
    let v = i32::try_from(v).map_err(|_| RelocFail::OutOfRange(v))?;
    *field::<4>(buf, off)? = v.to_le_bytes();
    Ok(())
}

fn w64(buf: &mut [u8], off: usize, v: i64) -> Result<(), RelocFail> {
    *field::<8>(buf, off)? = v.to_le_bytes();
    Ok(())
}

/// Apply relocation `r_type` at `buf[off..]`, whose run-time address is `p`, to target `t` with
/// addend `a`.
pub fn apply(
    r_type: u32,
    buf: &mut [u8],
    off: usize,
    p: u64,
    t: &mut Target<'_>,
    a: i64,
) -> Result<Result<(), RelocFail>, crate::error::LoadError> {
    let s = t.s as i64;
    let p = p as i64;
    Ok(match r_type {
        R64 => w64(buf, off, s.wrapping_add(a)),
        PC64 => w64(buf, off, s.wrapping_add(a).wrapping_sub(p)),
        PC32 | PLT32 => {
            let v = s.wrapping_add(a).wrapping_sub(p);
            if i32::try_from(v).is_err() && t.external && r_type == PLT32 {
                // A call to a far runtime helper: through a stub inside the code cache.
                let stub = (t.stub)()? as i64;
                w32(buf, off, stub.wrapping_add(a).wrapping_sub(p))
            } else {
                w32(buf, off, v)
            }
        }
        GOTPCREL | GOTPCRELX | REX_GOTPCRELX => {
            // No relaxation: the instruction keeps loading the address from the GOT slot.
            let slot = (t.got)()? as i64;
            w32(buf, off, slot.wrapping_add(a).wrapping_sub(p))
        }
        _ => Err(RelocFail::Unsupported),
    })
}

/// The 16-byte stub jumping to `target`: `jmp qword ptr [rip + 0]` then the address, padded.
pub fn stub_bytes(target: u64) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..6].copy_from_slice(&[0xff, 0x25, 0, 0, 0, 0]);
    b[6..14].copy_from_slice(&target.to_le_bytes());
    b[14] = 0xcc;
    b[15] = 0xcc;
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::LoadError;

    fn run(
        r_type: u32,
        p: u64,
        s: u64,
        external: bool,
        a: i64,
    ) -> (Result<(), RelocFail>, [u8; 12], u32, u32) {
        let mut buf = [0u8; 12];
        let (mut gots, mut stubs) = (0u32, 0u32);
        let mut got = || -> Result<u64, LoadError> {
            gots += 1;
            Ok(p + 0x1000)
        };
        let mut stub = || -> Result<u64, LoadError> {
            stubs += 1;
            Ok(p + 0x2000)
        };
        let mut t = Target {
            s,
            external,
            got: &mut got,
            stub: &mut stub,
        };
        let r = apply(r_type, &mut buf, 4, p, &mut t, a).expect("no load error");
        (r, buf, gots, stubs)
    }

    fn rd32(b: &[u8; 12]) -> i32 {
        i32::from_le_bytes(b[4..8].try_into().unwrap())
    }

    #[test]
    fn pc32_and_plt32_in_range() {
        let (r, b, _, stubs) = run(PLT32, 0x10_0000, 0x10_0100, false, -4);
        assert_eq!(r, Ok(()));
        assert_eq!(rd32(&b), 0x100 - 4);
        assert_eq!(stubs, 0);
        let (r, b, ..) = run(PC32, 0x10_0100, 0x10_0000, false, -4);
        assert_eq!(r, Ok(()));
        assert_eq!(rd32(&b), -0x104);
    }

    #[test]
    fn far_helper_call_goes_through_a_stub() {
        let p = 0x7f00_0000_0000u64;
        let (r, b, _, stubs) = run(PLT32, p, 0x5555_0000_0000, true, -4);
        assert_eq!(r, Ok(()));
        assert_eq!(stubs, 1);
        assert_eq!(rd32(&b), 0x2000 - 4);
    }

    #[test]
    fn far_pc32_data_is_out_of_range() {
        let (r, ..) = run(PC32, 0x7f00_0000_0000, 0x5555_0000_0000, true, 0);
        assert!(matches!(r, Err(RelocFail::OutOfRange(_))));
    }

    #[test]
    fn gotpcrel_uses_a_slot() {
        for ty in [GOTPCREL, GOTPCRELX, REX_GOTPCRELX] {
            let (r, b, gots, _) = run(ty, 0x1000, 0xdead_beef_0000, true, -4);
            assert_eq!(r, Ok(()));
            assert_eq!(gots, 1);
            assert_eq!(rd32(&b), 0x1000 - 4);
        }
    }

    #[test]
    fn abs64_and_pc64() {
        let (r, b, ..) = run(R64, 0x1000, 0x1234_5678_9abc, false, 8);
        assert_eq!(r, Ok(()));
        assert_eq!(
            u64::from_le_bytes(b[4..12].try_into().unwrap()),
            0x1234_5678_9ac4
        );
        let (r, b, ..) = run(PC64, 0x1000, 0x3000, false, 0);
        assert_eq!(r, Ok(()));
        assert_eq!(i64::from_le_bytes(b[4..12].try_into().unwrap()), 0x2000);
    }

    #[test]
    fn unsupported_and_bad_offset_are_errors_not_crashes() {
        let (r, ..) = run(elf::R_X86_64_32S.0, 0x1000, 0x2000, false, 0);
        assert_eq!(r, Err(RelocFail::Unsupported));
        let (r, ..) = run(elf::R_X86_64_TPOFF32.0, 0x1000, 0x2000, false, 0);
        assert_eq!(r, Err(RelocFail::Unsupported));
        let mut buf = [0u8; 4];
        let mut none = || -> Result<u64, LoadError> { unreachable!() };
        let mut none2 = || -> Result<u64, LoadError> { unreachable!() };
        let mut t = Target {
            s: 0,
            external: false,
            got: &mut none,
            stub: &mut none2,
        };
        let r = apply(R64, &mut buf, 0, 0, &mut t, 0).unwrap();
        assert_eq!(r, Err(RelocFail::BadOffset));
    }

    #[test]
    fn stub_encodes_an_indirect_jump() {
        let b = stub_bytes(0x1122_3344_5566_7788);
        assert_eq!(&b[..6], &[0xff, 0x25, 0, 0, 0, 0]);
        assert_eq!(
            u64::from_le_bytes(b[6..14].try_into().unwrap()),
            0x1122_3344_5566_7788
        );
    }
}

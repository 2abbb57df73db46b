//! Disassembly of loaded code with iced-x86 (Intel syntax): addresses, and names for compiled
//! functions, stubs and runtime helpers in call and jump targets.

use iced_x86::{
    Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, SymbolResolver, SymbolResult,
};
use std::collections::BTreeMap;
use std::fmt::Write;

struct Resolver {
    names: BTreeMap<u64, String>,
}

impl SymbolResolver for Resolver {
    fn symbol(
        &mut self,
        _instruction: &Instruction,
        _operand: u32,
        _instruction_operand: Option<u32>,
        address: u64,
        _address_size: u32,
    ) -> Option<SymbolResult<'_>> {
        self.names
            .get(&address)
            .map(|n| SymbolResult::with_str(address, n.as_str()))
    }
}

/// Disassemble `code`, which lives at `addr`, one instruction per line (`address  text`), naming
/// the addresses in `names`.
pub fn disassemble(code: &[u8], addr: u64, names: &BTreeMap<u64, String>) -> String {
    let mut dec = Decoder::with_ip(64, code, addr, DecoderOptions::NONE);
    let mut fmt = IntelFormatter::with_options(
        Some(Box::new(Resolver {
            names: names.clone(),
        })),
        None,
    );
    fmt.options_mut().set_first_operand_char_index(8);
    let mut out = String::new();
    let mut text = String::new();
    let mut ins = Instruction::default();
    while dec.can_decode() {
        dec.decode_out(&mut ins);
        text.clear();
        fmt.format(&ins, &mut text);
        let _ = writeln!(out, "  {:016x}  {text}", ins.ip());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_call_targets() {
        // call rel32 to 0x1010; ret
        let code = [0xe8, 0x0b, 0, 0, 0, 0xc3];
        let mut names = BTreeMap::new();
        names.insert(0x1010u64, "rt_add@stub".to_string());
        let s = disassemble(&code, 0x1000, &names);
        assert!(s.contains("call    rt_add@stub"), "{s}");
        assert!(s.contains("ret"), "{s}");
    }
}

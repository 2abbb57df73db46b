//! The text printer: `jsvm dump-ir` output, which the reader (`crate::parse`) reads back exactly.
//!
//! ```text
//! fn0 "fib"($n: Int "int" enforced) -> Int "int" enforced {
//! b0(v0: Cell):
//!     v1: Int = verify_type param0 Int "int" v0
//!     v2: Int = const_int 2
//!     v3: Bool = lt v1, v2
//!     branch v3 -> b1, b2
//! ...
//! }
//! ```

use crate::dfg::{BlockCall, Imm, VerifyKind};
use crate::entities::{Block, Inst};
use crate::function::{Function, TypeHint};
use crate::module::{ClassKind, Module};
use std::fmt::{self, Write};

/// Write a byte string as a quoted literal with escapes (`\n \t \r \\ \" \xNN`).
pub fn write_quoted(out: &mut impl Write, bytes: &[u8]) -> fmt::Result {
    out.write_char('"')?;
    for &c in bytes {
        match c {
            b'\n' => out.write_str("\\n")?,
            b'\t' => out.write_str("\\t")?,
            b'\r' => out.write_str("\\r")?,
            b'\\' => out.write_str("\\\\")?,
            b'"' => out.write_str("\\\"")?,
            0x20..=0x7e => out.write_char(c as char)?,
            _ => write!(out, "\\x{c:02x}")?,
        }
    }
    out.write_char('"')
}

fn write_hint(out: &mut impl Write, h: &TypeHint) -> fmt::Result {
    write!(out, "{} ", h.ty)?;
    write_quoted(out, h.text.as_bytes())?;
    if h.enforced {
        out.write_str(" enforced")?;
    }
    Ok(())
}

/// Write the immediate of an instruction (nothing for `Imm::None`).
pub fn write_imm(out: &mut impl Write, imm: &Imm) -> fmt::Result {
    match imm {
        Imm::None => Ok(()),
        Imm::Bool(b) => write!(out, "{b}"),
        Imm::Int(i) => write!(out, "{i}"),
        Imm::Float(f) => write!(out, "{f:?}"),
        Imm::Str(s) => write_quoted(out, s),
        Imm::Name(n) | Imm::Class(n) => write_quoted(out, n.as_bytes()),
        Imm::Func(f) => write!(out, "{f}"),
        Imm::Type(t) => write!(out, "{t}"),
        Imm::Verify(kind, ty, text) => {
            match kind {
                VerifyKind::Param(n) => write!(out, "param{n}")?,
                VerifyKind::Return => out.write_str("return")?,
                VerifyKind::Prop => out.write_str("prop")?,
                VerifyKind::As => out.write_str("as")?,
            }
            write!(out, " {ty} ")?;
            write_quoted(out, text.as_bytes())
        }
        Imm::Switch(cases) => {
            out.write_char('[')?;
            for (i, c) in cases.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write!(out, "{c}")?;
            }
            out.write_char(']')
        }
        Imm::SwitchStr(labels) => {
            out.write_char('[')?;
            for (i, l) in labels.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write_quoted(out, l)?;
            }
            out.write_char(']')
        }
        Imm::Guard(ty, resume) => match resume {
            crate::dfg::Resume::Start => write!(out, "{ty} resume_start"),
            crate::dfg::Resume::Before(i) => write!(out, "{ty} resume_{i}"),
        },
        Imm::Member(c, m) => {
            write_quoted(out, c.as_bytes())?;
            out.write_str("::")?;
            write_quoted(out, m.as_bytes())
        }
    }
}

fn write_block_call(out: &mut impl Write, bc: &BlockCall) -> fmt::Result {
    write!(out, "{}", bc.block)?;
    if !bc.args.is_empty() {
        out.write_char('(')?;
        for (i, a) in bc.args.iter().enumerate() {
            if i > 0 {
                out.write_str(", ")?;
            }
            write!(out, "{a}")?;
        }
        out.write_char(')')?;
    }
    Ok(())
}

/// Write one instruction (without indentation or newline).
pub fn write_inst(out: &mut impl Write, f: &Function, inst: Inst) -> fmt::Result {
    let d = &f.dfg.insts[inst.index()];
    if let Some(r) = d.result {
        write!(out, "{r}: {} = ", f.dfg.ty(r))?;
    }
    out.write_str(d.op.name())?;
    let mut sep = " ";
    if d.imm != Imm::None {
        out.write_str(sep)?;
        write_imm(out, &d.imm)?;
    }
    for (i, a) in d.args.iter().enumerate() {
        out.write_str(if i == 0 { sep } else { ", " })?;
        write!(out, "{a}")?;
        sep = ", ";
    }
    if !d.dests.is_empty() {
        out.write_str(" ->")?;
        for (i, bc) in d.dests.iter().enumerate() {
            out.write_str(if i == 0 { " " } else { ", " })?;
            write_block_call(out, bc)?;
        }
    }
    Ok(())
}

/// Write the header line of `block` (`b2(v3: Int) cold:`).
pub fn write_block_header(out: &mut impl Write, f: &Function, block: Block) -> fmt::Result {
    write!(out, "{block}")?;
    let params = f.dfg.block_params(block);
    if !params.is_empty() {
        out.write_char('(')?;
        for (i, p) in params.iter().enumerate() {
            if i > 0 {
                out.write_str(", ")?;
            }
            write!(out, "{p}: {}", f.dfg.ty(*p))?;
        }
        out.write_char(')')?;
    }
    if f.layout.cold.get(block.index()).copied().unwrap_or(false) {
        out.write_str(" cold")?;
    }
    out.write_str(":")
}

/// Write a function's signature line up to (not including) ` {`.
pub fn write_signature(out: &mut impl Write, id: impl fmt::Display, f: &Function) -> fmt::Result {
    write!(out, "{id} ")?;
    write_quoted(out, f.name.as_bytes())?;
    out.write_char('(')?;
    for (i, p) in f.params.iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        if p.variadic {
            out.write_str("...")?;
        }
        write!(out, "${}: ", p.name)?;
        write_hint(out, &p.hint)?;
        if p.has_default {
            out.write_str(" = default")?;
        }
    }
    out.write_str(") -> ")?;
    write_hint(out, &f.ret)?;
    let a = &f.attrs;
    let mut attrs = Vec::new();
    if a.entry_point {
        attrs.push("entry_point".to_string());
    }
    if a.memoize {
        attrs.push("memoize".to_string());
    }
    if a.memoize_lsb {
        attrs.push("memoize_lsb".to_string());
    }
    if a.is_static {
        attrs.push("static".to_string());
    }
    if a.captures > 0 {
        attrs.push(format!("captures={}", a.captures));
    }
    if !attrs.is_empty() {
        write!(out, " [{}]", attrs.join(", "))?;
    }
    Ok(())
}

/// Write one function, with an optional id (`fn3`) in its header.
pub fn write_function(out: &mut impl Write, id: impl fmt::Display, f: &Function) -> fmt::Result {
    write_signature(out, id, f)?;
    out.write_str(" {\n")?;
    for &b in &f.layout.order {
        write_block_header(out, f, b)?;
        out.write_char('\n')?;
        for &i in f.layout.block_insts(b) {
            out.write_str("    ")?;
            write_inst(out, f, i)?;
            out.write_char('\n')?;
        }
    }
    out.write_str("}\n")
}

/// Write the whole module: constants, classes, then functions, separated by blank lines.
pub fn write_module(out: &mut impl Write, m: &Module) -> fmt::Result {
    write_module_filtered(out, m, &|_| true, &|_| true)
}

/// Write the constants, the classes for which `keep_class(index)` holds and the functions for
/// which `keep_func(index)` holds (ids keep their module numbering, so the text of a filtered
/// module is a part of the full text).
pub fn write_module_filtered(
    out: &mut impl Write,
    m: &Module,
    keep_class: &dyn Fn(usize) -> bool,
    keep_func: &dyn Fn(usize) -> bool,
) -> fmt::Result {
    let mut first = true;
    for c in &m.consts {
        first = false;
        out.write_str("const ")?;
        write_quoted(out, c.name.as_bytes())?;
        out.write_str(": ")?;
        write_hint(out, &c.hint)?;
        writeln!(out, " = {}", c.init)?;
    }
    for (i, c) in m.classes.iter().enumerate() {
        if !keep_class(i) {
            continue;
        }
        first = false;
        let kind = match c.kind {
            ClassKind::Class => "class",
            ClassKind::Interface => "interface",
            ClassKind::Enum => "enum",
        };
        write!(out, "{kind} cls{i} ")?;
        write_quoted(out, c.name.as_bytes())?;
        if c.is_abstract {
            out.write_str(" abstract")?;
        }
        if c.is_final {
            out.write_str(" final")?;
        }
        if let Some(p) = &c.parent {
            out.write_str(" extends ")?;
            write_quoted(out, p.as_bytes())?;
        }
        for i in &c.interfaces {
            out.write_str(" implements ")?;
            write_quoted(out, i.as_bytes())?;
        }
        out.write_str(" {\n")?;
        for p in &c.props {
            out.write_str(match (p.is_static, p.is_protected) {
                (true, _) => "    static prop ",
                (false, true) => "    protected prop ",
                (false, false) => "    prop ",
            })?;
            write_quoted(out, p.name.as_bytes())?;
            out.write_str(": ")?;
            write_hint(out, &p.hint)?;
            if let Some(d) = p.default {
                write!(out, " = {d}")?;
            }
            out.write_char('\n')?;
        }
        for (n, f) in &c.consts {
            out.write_str("    const ")?;
            write_quoted(out, n.as_bytes())?;
            writeln!(out, " = {f}")?;
        }
        for (n, f) in &c.methods {
            let protected = c
                .protected_methods
                .iter()
                .any(|p| p.eq_ignore_ascii_case(n));
            out.write_str(if protected {
                "    protected method "
            } else {
                "    method "
            })?;
            write_quoted(out, n.as_bytes())?;
            match f {
                Some(f) => writeln!(out, " = {f}")?,
                None => out.write_str(" abstract\n")?,
            }
        }
        out.write_str("}\n")?;
    }
    for (i, f) in m.funcs.iter().enumerate() {
        if !keep_func(i) {
            continue;
        }
        if !first {
            out.write_char('\n')?;
        }
        first = false;
        write_function(out, format_args!("fn{i}"), f)?;
    }
    Ok(())
}

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_module(f, self)
    }
}

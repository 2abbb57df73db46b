//! Function keys and program fingerprints.
//!
//! A function's key is its qualified name plus a hash of its printed baseline IR
//! (`jsvm_ir::write::write_function`), made independent of function and class numbering: the
//! header's `fnN`, every callee `fnN` and every class `clsN` are replaced by the quoted name
//! before hashing, so adding or removing another function or class does not change the key,
//! while any change to the function's own IR does. A changed function loses only its own
//! profile (DESIGN.md).

use crate::checksum::{fnv1a, FNV_OFFSET};
use jsvm_ir::{FuncId, Function, Imm, Module, Opcode, ValueDef};

/// Function `f` of `m` as hashed: a class id passed as an int constant (the hidden class of a
/// static method, as `Foo::bar()` passes it) becomes a string constant naming the class, as
/// `clsN` tokens are named below (a class added above shifted the ids, and every function that
/// made a static call lost its profile). Borrowed when there is none (a consumer computes every
/// function's key at start-up: no copy for the functions without static calls).
fn with_class_names(m: &Module, f: FuncId) -> std::borrow::Cow<'_, Function> {
    let func = m.func(f);
    let renamed: Vec<(usize, &str)> = func
        .dfg
        .insts
        .iter()
        .filter(|d| match (d.op, &d.imm) {
            (Opcode::CallStatic, _) => true,
            (Opcode::Call | Opcode::CallSpread, Imm::Func(c)) => {
                m.funcs.get(c.index()).is_some_and(|c| c.attrs.is_static)
            }
            _ => false,
        })
        .filter_map(|d| {
            let ValueDef::Result(i) = func.dfg.values[d.args.first()?.index()].def else {
                return None;
            };
            let c = &func.dfg.insts[i.index()];
            let Imm::Int(n) = c.imm else { return None };
            let class = m.classes.get(usize::try_from(n).ok()?)?;
            (c.op == Opcode::ConstInt).then_some((i.index(), &*class.name))
        })
        .collect();
    if renamed.is_empty() {
        return std::borrow::Cow::Borrowed(func);
    }
    let mut g = func.clone();
    for (i, name) in renamed {
        let d = &mut g.dfg.insts[i];
        d.op = Opcode::ConstStr;
        d.imm = Imm::Str(format!("class {name}").into_bytes().into());
    }
    std::borrow::Cow::Owned(g)
}

/// The text that is hashed: the printed IR with every `fnN` and `clsN` token replaced by
/// `fn"name"` and `cls"name"`, and class ids passed as ints by class names
/// ([`with_class_names`]).
pub fn normalized_ir(m: &Module, f: FuncId) -> String {
    let mut text = String::new();
    jsvm_ir::write::write_function(&mut text, f, &with_class_names(m, f))
        .expect("write to a string");
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_str = false;
    while i < bytes.len() {
        let c = bytes[i];
        if in_str {
            out.push(c as char);
            if c == b'\\' && i + 1 < bytes.len() {
                out.push(bytes[i + 1] as char);
                i += 2;
                continue;
            }
            in_str = c != b'"';
            i += 1;
            continue;
        }
        if c == b'"' {
            in_str = true;
            out.push('"');
            i += 1;
            continue;
        }
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        // `fnN` and `clsN` name a function or class by its id, which depends on what else the
        // program declares (a class added above shifts every later class's id): the name
        // stands instead.
        let entity = [(&b"fn"[..], "fn"), (&b"cls"[..], "cls")]
            .into_iter()
            .find(|(p, _)| boundary && bytes[i..].starts_with(p));
        if let Some((prefix, tag)) = entity {
            let at = i + prefix.len();
            let digits = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let end = at + digits;
            let word_end = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
            if digits > 0 && word_end {
                let id: usize = text[at..end].parse().unwrap_or(usize::MAX);
                let name = match tag {
                    "fn" => m.funcs.get(id).map(|g| &*g.name),
                    _ => m.classes.get(id).map(|c| &*c.name),
                };
                match name {
                    Some(n) => {
                        out.push_str(tag);
                        out.push('"');
                        out.push_str(n);
                        out.push('"');
                    }
                    None => out.push_str(&text[i..end]),
                }
                i = end;
                continue;
            }
        }
        // Copy one whole UTF-8 character.
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + len]);
        i += len;
    }
    out
}

/// The hash of function `f`'s baseline IR (see the module doc).
pub fn ir_hash(m: &Module, f: FuncId) -> u64 {
    fnv1a(FNV_OFFSET, normalized_ir(m, f).as_bytes())
}

/// The fingerprint of a program: its entry point's name and the base names of its source files
/// (sorted). Editing function bodies keeps it (per-function keys handle that); a profile of
/// another program is refused as a whole.
pub fn fingerprint(entry: &str, files: &[&str]) -> u64 {
    let mut files: Vec<&str> = files.to_vec();
    files.sort_unstable();
    let mut h = fnv1a(FNV_OFFSET, entry.as_bytes());
    for f in files {
        h = fnv1a(h, &[0]);
        h = fnv1a(h, f.as_bytes());
    }
    h
}

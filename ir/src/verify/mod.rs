//! The IR verifier: checks a function (or a whole module) and reports every violation, located
//! by entity, as the function text annotated with `; ^~~~ error: …` lines (Cranelift style).
//!
//! Invariants checked, per function (`cfg.rs` for structure, `ssa.rs` for values):
//! 1. The layout has an entry block (its first block), and no destination targets the entry.
//! 2. Layout sanity: every placed block exists and is placed once; every placed instruction
//!    exists and is placed once.
//! 3. Every placed block is non-empty and its last instruction ends the block
//!    (`InstData::ends_block`); no earlier instruction ends it.
//! 4. Operand counts match `Opcode::args()` for `Fixed` shapes.
//! 5. The immediate matches `Opcode::imm()` (`Imm::None` for `ImmKind::None`).
//! 6. An instruction has a result iff `Opcode::has_result()`.
//! 7. Destination counts: `jump` 1, `branch` 2, `switch` one per case plus the default,
//!    `return`/`throw`/`exit`/`unreachable` none; any other instruction has no destinations, or
//!    exactly two (`[normal, catch]`) and only when it `can_throw()`.
//! 8. Destinations target placed blocks, with one argument per target parameter; a catch
//!    destination passes one fewer (the target's first parameter is the exception), so its
//!    target has at least one parameter.
//! 9. Definitions agree with the data-flow graph: parameter `k` of block `b` is a value defined
//!    as `ValueDef::Param(b, k)`; the result of `i` is defined as `ValueDef::Result(i)`.
//! 10. Every used value (operands and destination arguments) exists and is defined (not
//!     `ValueDef::Unused`), its definition is placed, and — in reachable blocks — it dominates
//!     the use: a block parameter's block dominates the using block; a result comes earlier in
//!     the same block or its block dominates the using block. Destination arguments are used at
//!     the end of their block. The result of a throwing instruction with `[normal, catch]`
//!     destinations is available only where its normal successor dominates (which must not also
//!     be the catch target, and whose other predecessors must be dominated by it, i.e. back
//!     edges): never in its own destination arguments nor in the catch handler.
//!
//! Per module (`verify_module`), in addition to the above for each function:
//! 11. `Imm::Func` immediates (`call`, `call_spread`, `make_closure`) name existing functions.
//! 12. Constant initializers, class constants, method bodies and property defaults name
//!     existing functions.

mod cfg;
mod ssa;

#[cfg(test)]
mod tests;

use crate::analysis::{Cfg, DomTree};
use crate::dfg::Imm;
use crate::entities::{Block, ClassId, FuncId, Inst, Value};
use crate::function::Function;
use crate::module::Module;
use crate::write;
use std::fmt::{self, Write};

/// The entity an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnyEntity {
    /// The function as a whole.
    Func,
    /// A block.
    Block(Block),
    /// An instruction.
    Inst(Inst),
    /// A value.
    Value(Value),
    /// A class of the module.
    Class(ClassId),
    /// A top-level constant of the module (its index).
    Const(usize),
}

impl fmt::Display for AnyEntity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyEntity::Func => f.write_str("function"),
            AnyEntity::Block(b) => write!(f, "{b}"),
            AnyEntity::Inst(i) => write!(f, "{i}"),
            AnyEntity::Value(v) => write!(f, "{v}"),
            AnyEntity::Class(c) => write!(f, "{c}"),
            AnyEntity::Const(i) => write!(f, "const {i}"),
        }
    }
}

/// One violated invariant: a jsvm bug in whatever produced the IR (or bad hand-written IR).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifierError {
    /// The function the error is in (`None` for `verify_function` and module-level entities).
    pub func: Option<FuncId>,
    /// Where.
    pub location: AnyEntity,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for VerifierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(id) = self.func {
            write!(f, "{id}: ")?;
        }
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Every error found, and the annotated IR text that `Display` prints.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{annotated}")]
pub struct VerifierErrors {
    /// The errors, in discovery order.
    pub errors: Vec<VerifierError>,
    annotated: String,
}

impl VerifierErrors {
    /// The IR text with an `; ^~~~ error: …` line under each offending line.
    pub fn annotated(&self) -> &str {
        &self.annotated
    }

    /// True when some error's message contains `needle` (for tests).
    pub fn has(&self, needle: &str) -> bool {
        self.errors.iter().any(|e| e.message.contains(needle))
    }
}

/// Collects errors for one function.
pub(crate) struct Ctx<'a> {
    pub f: &'a Function,
    pub func: Option<FuncId>,
    pub errors: Vec<VerifierError>,
}

impl Ctx<'_> {
    pub fn report(&mut self, location: AnyEntity, message: String) {
        self.errors.push(VerifierError {
            func: self.func,
            location,
            message,
        });
    }
}

fn check_function(f: &Function, func: Option<FuncId>) -> Vec<VerifierError> {
    let mut cx = Ctx {
        f,
        func,
        errors: Vec::new(),
    };
    let cfg = Cfg::compute(f);
    let dom = DomTree::compute(f, &cfg);
    let placement = cfg::check(&mut cx);
    ssa::check(&mut cx, &cfg, &dom, &placement);
    cx.errors
}

/// Check every function-level invariant (1–10 of the module doc) of `f`. Effects: none. On
/// failure the error's `Display` is `f`'s text annotated with every error.
pub fn verify_function(f: &Function) -> Result<(), VerifierErrors> {
    let errors = check_function(f, None);
    if errors.is_empty() {
        return Ok(());
    }
    let mut annotated = String::new();
    let _ = annotate_function(&mut annotated, "fn", f, &errors);
    Err(VerifierErrors { errors, annotated })
}

/// Check every function of `m` and the module-level invariants (11, 12). On failure the error's
/// `Display` lists module-level errors, then the annotated text of each function with errors.
pub fn verify_module(m: &Module) -> Result<(), VerifierErrors> {
    let nf = m.funcs.len();
    let exists = |f: FuncId| f.index() < nf;
    let mut errors = Vec::new();
    for (i, c) in m.consts.iter().enumerate() {
        if !exists(c.init) {
            errors.push(module_error(
                AnyEntity::Const(i),
                format!(
                    "initializer of constant \"{}\" is {}, which does not exist",
                    c.name, c.init
                ),
            ));
        }
    }
    for (ci, c) in m.classes.iter().enumerate() {
        let loc = AnyEntity::Class(ClassId::new(ci));
        for p in &c.props {
            if let Some(d) = p.default.filter(|&d| !exists(d)) {
                errors.push(module_error(
                    loc,
                    format!(
                        "default of property \"{}\" is {d}, which does not exist",
                        p.name
                    ),
                ));
            }
        }
        for (n, f) in &c.consts {
            if !exists(*f) {
                errors.push(module_error(
                    loc,
                    format!("class constant \"{n}\" is computed by {f}, which does not exist"),
                ));
            }
        }
        for (n, f) in &c.methods {
            if let Some(f) = f.filter(|&f| !exists(f)) {
                errors.push(module_error(
                    loc,
                    format!("method \"{n}\" is {f}, which does not exist"),
                ));
            }
        }
    }
    let module_level = errors.len();
    let mut by_func: Vec<(FuncId, usize)> = Vec::new();
    for (fi, f) in m.funcs.iter().enumerate() {
        let id = FuncId::new(fi);
        let start = errors.len();
        errors.extend(check_function(f, Some(id)));
        for &i in f.layout.order.iter().flat_map(|&b| f.layout.block_insts(b)) {
            if let Some(Imm::Func(g)) = f.dfg.insts.get(i.index()).map(|d| &d.imm) {
                if !exists(*g) {
                    let op = f.dfg.insts[i.index()].op.name();
                    errors.push(VerifierError {
                        func: Some(id),
                        location: AnyEntity::Inst(i),
                        message: format!("`{op}` names {g}, which does not exist"),
                    });
                }
            }
        }
        if errors.len() > start {
            by_func.push((id, start));
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    let mut annotated = String::new();
    for e in &errors[..module_level] {
        let _ = writeln!(annotated, "; error: {e}");
    }
    for (k, &(id, _)) in by_func.iter().enumerate() {
        if k > 0 || module_level > 0 {
            annotated.push('\n');
        }
        let mine: Vec<VerifierError> = errors
            .iter()
            .filter(|e| e.func == Some(id))
            .cloned()
            .collect();
        let _ = annotate_function(&mut annotated, id, &m.funcs[id.index()], &mine);
    }
    Err(VerifierErrors { errors, annotated })
}

fn module_error(location: AnyEntity, message: String) -> VerifierError {
    VerifierError {
        func: None,
        location,
        message,
    }
}

fn annotation(out: &mut String, indent: &str, errors: &[&VerifierError]) {
    for e in errors {
        let _ = writeln!(out, "{indent}; ^~~~ error: {}: {}", e.location, e.message);
    }
}

/// Print `f` with each error under the line of its entity; errors about entities that are not
/// printed (unplaced blocks and instructions, values without a placed definition) follow the
/// closing brace.
fn annotate_function(
    out: &mut String,
    id: impl fmt::Display,
    f: &Function,
    errors: &[VerifierError],
) -> fmt::Result {
    let mut shown = vec![false; errors.len()];
    let mut take = |pred: &dyn Fn(&AnyEntity) -> bool| -> Vec<&VerifierError> {
        let mut v = Vec::new();
        for (k, e) in errors.iter().enumerate() {
            if !shown[k] && pred(&e.location) {
                shown[k] = true;
                v.push(e);
            }
        }
        v
    };
    write::write_signature(out, id, f)?;
    out.push_str(" {\n");
    let here = take(&|l| matches!(l, AnyEntity::Func));
    annotation(out, "", &here);
    let nv = f.dfg.values.len();
    for &b in &f.layout.order {
        if b.index() >= f.dfg.blocks.len() || f.dfg.block_params(b).iter().any(|p| p.index() >= nv)
        {
            writeln!(out, "{b}: ; (malformed block)")?;
        } else {
            write::write_block_header(out, f, b)?;
            out.push('\n');
        }
        let params = f.dfg.blocks.get(b.index()).cloned().unwrap_or_default();
        let here = take(&|l| match l {
            AnyEntity::Block(x) => *x == b,
            AnyEntity::Value(v) => params.contains(v),
            _ => false,
        });
        annotation(out, "", &here);
        for &i in f.layout.block_insts(b) {
            let ok = f
                .dfg
                .insts
                .get(i.index())
                .is_some_and(|d| d.result.is_none_or(|r| r.index() < nv));
            out.push_str("    ");
            if ok {
                write::write_inst(out, f, i)?;
            } else {
                write!(out, "; (malformed instruction {i})")?;
            }
            out.push('\n');
            let result = f.dfg.insts.get(i.index()).and_then(|d| d.result);
            let here = take(&|l| match l {
                AnyEntity::Inst(x) => *x == i,
                AnyEntity::Value(v) => Some(*v) == result,
                _ => false,
            });
            annotation(out, "    ", &here);
        }
    }
    out.push_str("}\n");
    for (k, e) in errors.iter().enumerate() {
        if !shown[k] {
            writeln!(out, "; error: {}: {}", e.location, e.message)?;
        }
    }
    Ok(())
}

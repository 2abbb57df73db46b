//! Structural checks (invariants 1–8): layout, block endings, operand, immediate, result and
//! destination shapes.

use super::{AnyEntity, Ctx};
use crate::dfg::{Imm, InstData};
use crate::entities::{Block, Inst};
use crate::opcodes::{Args, ImmKind, Opcode};

/// Where each placed instruction is, and which blocks are placed.
pub(crate) struct Placement {
    /// By `Inst` index: the block and position of a placed instruction.
    pub inst: Vec<Option<(Block, usize)>>,
    /// By `Block` index: true when placed.
    pub block: Vec<bool>,
}

fn imm_kind(imm: &Imm) -> ImmKind {
    match imm {
        Imm::None => ImmKind::None,
        Imm::Bool(_) => ImmKind::Bool,
        Imm::Int(_) => ImmKind::Int,
        Imm::Float(_) => ImmKind::Float,
        Imm::Str(_) => ImmKind::Str,
        Imm::Name(_) => ImmKind::Name,
        Imm::Func(_) => ImmKind::Func,
        Imm::Type(_) => ImmKind::Type,
        Imm::Verify(..) => ImmKind::Verify,
        Imm::Switch(_) => ImmKind::Switch,
        Imm::SwitchStr(_) => ImmKind::SwitchStr,
        Imm::Guard(..) => ImmKind::Guard,
        Imm::Member(..) => ImmKind::Member,
        Imm::Class(_) => ImmKind::Class,
    }
}

pub(crate) fn check(cx: &mut Ctx<'_>) -> Placement {
    let f = cx.f;
    let nb = f.dfg.blocks.len();
    let mut p = Placement {
        inst: vec![None; f.dfg.insts.len()],
        block: vec![false; nb],
    };
    let entry = f.layout.entry();
    if entry.is_none() {
        cx.report(AnyEntity::Func, "the function has no entry block".into());
    }
    for &b in &f.layout.order {
        if b.index() >= nb {
            cx.report(
                AnyEntity::Block(b),
                format!("{b} is placed but does not exist"),
            );
            continue;
        }
        if std::mem::replace(&mut p.block[b.index()], true) {
            cx.report(AnyEntity::Block(b), format!("{b} is placed twice"));
            continue;
        }
        for (k, &i) in f.layout.block_insts(b).iter().enumerate() {
            match p.inst.get_mut(i.index()) {
                None => cx.report(
                    AnyEntity::Inst(i),
                    format!("{i} is placed but does not exist"),
                ),
                Some(Some((other, _))) => {
                    let other = *other;
                    cx.report(
                        AnyEntity::Inst(i),
                        format!("{i} is placed twice (also in {other})"),
                    )
                }
                Some(slot) => *slot = Some((b, k)),
            }
        }
    }
    for (bi, &placed) in p.block.clone().iter().enumerate() {
        if !placed {
            continue;
        }
        let b = Block::new(bi);
        let insts = f.layout.block_insts(b);
        let n = insts.len();
        for (k, &i) in insts.iter().enumerate() {
            let Some(d) = f.dfg.insts.get(i.index()) else {
                continue;
            };
            check_inst(cx, &p, entry, i, d);
            if k + 1 < n && d.ends_block() {
                cx.report(
                    AnyEntity::Inst(i),
                    format!(
                        "`{}` ends the block but is not its last instruction",
                        d.op.name()
                    ),
                );
            }
        }
        let ends = insts
            .last()
            .and_then(|i| f.dfg.insts.get(i.index()))
            .is_some_and(InstData::ends_block);
        if !ends {
            cx.report(
                AnyEntity::Block(b),
                format!("{b} does not end with a terminator"),
            );
        }
    }
    p
}

fn check_inst(cx: &mut Ctx<'_>, p: &Placement, entry: Option<Block>, i: Inst, d: &InstData) {
    let op = d.op;
    let name = op.name();
    if let Args::Fixed(list) = op.args() {
        if list.len() != d.args.len() {
            cx.report(
                AnyEntity::Inst(i),
                format!(
                    "`{name}` takes {} operands, found {}",
                    list.len(),
                    d.args.len()
                ),
            );
        }
    }
    let kind = imm_kind(&d.imm);
    if kind != op.imm() {
        cx.report(
            AnyEntity::Inst(i),
            format!("`{name}` takes a {:?} immediate, found {kind:?}", op.imm()),
        );
    }
    match (op.has_result(), d.result) {
        (true, None) => cx.report(AnyEntity::Inst(i), format!("`{name}` must define a result")),
        (false, Some(r)) => cx.report(
            AnyEntity::Inst(i),
            format!("`{name}` has no result but defines {r}"),
        ),
        _ => {}
    }
    let nd = d.dests.len();
    let expected: Option<usize> = match op {
        Opcode::Jump => Some(1),
        Opcode::Branch => Some(2),
        Opcode::Switch => match &d.imm {
            Imm::Switch(cases) => Some(cases.len() + 1),
            _ => None,
        },
        Opcode::SwitchStr => match &d.imm {
            Imm::SwitchStr(labels) => Some(labels.len() + 1),
            _ => None,
        },
        _ if op.is_terminator() => Some(0),
        _ => None,
    };
    match expected {
        Some(e) if e != nd => cx.report(
            AnyEntity::Inst(i),
            format!("`{name}` needs {e} destinations, found {nd}"),
        ),
        None if !op.is_terminator() && nd != 0 => {
            if !op.can_throw() {
                cx.report(
                    AnyEntity::Inst(i),
                    format!("`{name}` cannot throw, so it cannot have destinations"),
                );
            } else if nd != 2 {
                cx.report(
                    AnyEntity::Inst(i),
                    format!("`{name}` needs 0 or 2 destinations ([normal, catch]), found {nd}"),
                );
            }
        }
        _ => {}
    }
    let f = cx.f;
    for (k, bc) in d.dests.iter().enumerate() {
        let t = bc.block;
        if !p.block.get(t.index()).copied().unwrap_or(false) {
            cx.report(
                AnyEntity::Inst(i),
                format!("destination {t} is not a placed block"),
            );
            continue;
        }
        if Some(t) == entry {
            cx.report(
                AnyEntity::Inst(i),
                format!("destination {t} is the entry block, which has no predecessors"),
            );
        }
        let params = f.dfg.block_params(t).len();
        let catch = !op.is_terminator() && k == 1;
        if catch {
            if params == 0 {
                cx.report(
                    AnyEntity::Inst(i),
                    format!("catch destination {t} has no parameter for the exception"),
                );
            } else if bc.args.len() != params - 1 {
                cx.report(
                    AnyEntity::Inst(i),
                    format!(
                        "catch destination {t} takes {} arguments after the exception, found {}",
                        params - 1,
                        bc.args.len()
                    ),
                );
            }
        } else if bc.args.len() != params {
            cx.report(
                AnyEntity::Inst(i),
                format!(
                    "destination {t} takes {params} arguments, found {}",
                    bc.args.len()
                ),
            );
        }
    }
}

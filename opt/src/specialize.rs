//! Type specialization from the profile's type histograms: a guard with a frame state on each
//! value whose histogram is dominated by one scalar type, its uses narrowed, types re-inferred.
//!
//! The optimized function is the baseline function plus guards: every baseline value keeps its
//! number, so a guard's frame state names baseline values directly, and the interpreter (which
//! runs the baseline IR) knows each one's slot. A guard on a parameter resumes at the function's
//! start with the parameters as its frame state; a guard on a load or call result resumes before
//! the baseline instruction that follows it, with the values live there.

use jsvm_ir::analysis::{cfg::Cfg, domtree::DomTree, liveness::Liveness};
use jsvm_ir::infer::{refine_function, Oracle};
use jsvm_ir::{Block, Function, Imm, Inst, Opcode, Resume, Type, Value, ValueDef, VerifyKind};
use jsvm_profiler::FuncProfile;

/// Samples a histogram needs before a guard (DESIGN.md: 100); `--spec-min-samples`' default.
pub const DEFAULT_MIN_SAMPLES: u64 = 100;

/// When a histogram justifies a guard.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Samples needed at a site (DESIGN.md: 100).
    pub min_samples: u64,
    /// Share of the samples the dominant type needs (DESIGN.md: 95%).
    pub min_share: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_samples: DEFAULT_MIN_SAMPLES,
            min_share: 0.95,
        }
    }
}

/// One speculation decision (for `profile-info` and tests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The IR value.
    pub value: u32,
    /// The dominant kind (`int`, `float`, `bool`, `other`).
    pub kind: &'static str,
    /// Samples and the dominant kind's count.
    pub samples: (u64, u64),
    /// `None` when a guard was placed, else why not.
    pub skipped: Option<&'static str>,
}

/// The speculation decisions for `f` under `p` (no IR is built).
pub fn decisions(f: &Function, p: &FuncProfile, policy: &Policy) -> Vec<Decision> {
    p.types
        .iter()
        .map(|(&value, h)| {
            let total: u64 = h.iter().sum();
            let (k, &n) = h
                .iter()
                .enumerate()
                .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
                .expect("four kinds");
            let skipped = if (value as usize) >= f.dfg.values.len() {
                Some("no such value")
            } else if total < policy.min_samples {
                Some("too few samples")
            } else if k == 3 {
                Some("not a scalar")
            } else if (n as f64) < policy.min_share * total as f64 {
                Some("types vary")
            } else if [Some(value), checked_param(f, value)]
                .into_iter()
                .flatten()
                .any(|v| p.guard_failures.get(&v).is_some_and(|&n| n > 0))
            {
                // (A parameter's guard is on its check's result: its failures count there.)
                Some("guard failed before")
            } else if !f.dfg.ty(Value(value)).maybe(KINDS[k]) {
                Some("static type excludes it")
            } else {
                None
            };
            Decision {
                value,
                kind: jsvm_profiler::TYPE_KINDS[k],
                samples: (total, n),
                skipped,
            }
        })
        .collect()
}

const KINDS: [Type; 3] = [Type::INT, Type::FLOAT, Type::BOOL];

/// The result of the entry block's parameter check of `value`, when `value` is a parameter
/// with one (a parameter's guard goes on that value).
fn checked_param(f: &Function, value: u32) -> Option<u32> {
    if (value as usize) >= f.dfg.values.len() {
        return None;
    }
    let entry = f.entry();
    if !matches!(f.dfg.values[value as usize].def, ValueDef::Param(b, _) if b == entry) {
        return None;
    }
    f.layout.block_insts(entry).iter().find_map(|i| {
        let d = &f.dfg.insts[i.index()];
        (d.op == Opcode::VerifyType
            && matches!(d.imm, Imm::Verify(VerifyKind::Param(_), ..))
            && d.args.first() == Some(&Value(value)))
        .then_some(d.result)
        .flatten()
        .map(|r| r.0)
    })
}

/// The parameter checks at the start of the entry block (the encoder's checked-entry prefix).
pub fn lead_checks(f: &Function) -> usize {
    f.layout
        .block_insts(f.entry())
        .iter()
        .take_while(|i| {
            let d = &f.dfg.insts[i.index()];
            d.op == Opcode::VerifyType
                && d.dests.is_empty()
                && matches!(d.imm, Imm::Verify(VerifyKind::Param(_), ..))
        })
        .count()
}

struct Planned {
    block: Block,
    /// Insert after this many instructions of the baseline block.
    at: usize,
    value: Value,
    ty: Type,
    resume: Resume,
    state: Vec<Value>,
}

/// `f` with guards for the profitable sites of `p`, or `None` when there is none.
pub fn specialize(
    f: &Function,
    p: &FuncProfile,
    policy: &Policy,
    oracle: &dyn Oracle,
) -> Option<Function> {
    let chosen: Vec<(Value, Type)> = decisions(f, p, policy)
        .into_iter()
        .filter(|d| d.skipped.is_none())
        .map(|d| {
            let k = jsvm_profiler::TYPE_KINDS
                .iter()
                .position(|n| *n == d.kind)
                .expect("kind");
            (Value(d.value), KINDS[k])
        })
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let cfg = Cfg::compute(f);
    let dom = DomTree::compute(f, &cfg);
    let live = Liveness::compute(f, &cfg);
    let entry = f.entry();
    let lead = lead_checks(f);
    let entry_insts = f.layout.block_insts(entry);
    // Parameter guards go after every parameter check of the entry block (a typed parameter's
    // value exists in compiled code only from its check on). When only checks come before that
    // point the interpreter resumes at the start (re-running checks is harmless); otherwise
    // before the next instruction, with the values live there.
    let is_param_check = |i: &Inst| {
        let d = &f.dfg.insts[i.index()];
        d.op == Opcode::VerifyType && matches!(d.imm, Imm::Verify(VerifyKind::Param(_), ..))
    };
    let params_ok = entry_insts
        .iter()
        .filter(|i| is_param_check(i))
        .all(|i| f.dfg.insts[i.index()].dests.is_empty());
    let ppos = entry_insts
        .iter()
        .rposition(is_param_check)
        .map_or(0, |k| k + 1);
    let check_of = |p: Value| {
        entry_insts.iter().find_map(|i| {
            let d = &f.dfg.insts[i.index()];
            (is_param_check(i) && d.args[0] == p)
                .then_some(d.result)
                .flatten()
        })
    };
    // Each entry parameter as it is after the checks (a check's result shares the parameter's
    // interpreter slot).
    let entry_params = f.dfg.block_params(entry);
    let entry_state: Vec<Value> = entry_params
        .iter()
        .map(|&p| check_of(p).unwrap_or(p))
        .collect();
    let (param_resume, param_state) = if ppos == lead {
        (Resume::Start, entry_state.clone())
    } else {
        (
            Resume::Before(entry_insts[ppos]),
            live.live_after_at(f, entry, ppos - 1).values().collect(),
        )
    };
    let mut inst_block = vec![None; f.dfg.insts.len()];
    for &b in &f.layout.order {
        for (k, &i) in f.layout.block_insts(b).iter().enumerate() {
            inst_block[i.index()] = Some((b, k));
        }
    }
    let mut plan = Vec::new();
    for (v, ty) in chosen {
        // A parameter (or its check's result): guard the checked value.
        let param_target = match f.dfg.values[v.index()].def {
            ValueDef::Param(b, _) if b == entry => Some(check_of(v).unwrap_or(v)),
            ValueDef::Result(i) if is_param_check(&i) => Some(v),
            _ => None,
        };
        if let Some(target) = param_target {
            if params_ok && entry_state.contains(&target) && ppos < entry_insts.len() {
                plan.push(Planned {
                    block: entry,
                    at: ppos,
                    value: target,
                    ty,
                    resume: param_resume,
                    state: param_state.clone(),
                });
            }
            continue;
        }
        let ValueDef::Result(i) = f.dfg.values[v.index()].def else {
            continue;
        };
        let Some((b, k)) = inst_block[i.index()] else {
            continue;
        };
        let d = &f.dfg.insts[i.index()];
        let insts = f.layout.block_insts(b);
        // (Before the parameter checks, a typed parameter has no value in compiled code yet.)
        if !d.dests.is_empty()
            || d.op.is_terminator()
            || k + 1 >= insts.len()
            || (b == entry && k < ppos)
        {
            continue;
        }
        plan.push(Planned {
            block: b,
            at: k + 1,
            value: v,
            ty,
            resume: Resume::Before(insts[k + 1]),
            state: live.live_after_at(f, b, k).values().collect(),
        });
    }
    if plan.is_empty() {
        return None;
    }
    let mut g = f.clone();
    // Insert from the end of each block so that earlier positions stay valid.
    plan.sort_by_key(|p| (p.block, std::cmp::Reverse(p.at)));
    let mut guards: Vec<(Inst, Value, Value)> = Vec::new();
    for p in plan {
        let mut args = vec![p.value];
        args.extend(p.state);
        let narrowed = f.dfg.ty(p.value).meet(p.ty);
        let gi = g.dfg.make_inst(
            Opcode::Guard,
            args,
            Imm::Guard(p.ty, p.resume),
            Vec::new(),
            narrowed,
        );
        g.layout.insts[p.block.index()].insert(p.at, gi);
        let r = g.dfg.insts[gi.index()].result.expect("guard result");
        guards.push((gi, p.value, r));
    }
    // Narrow the uses each guard dominates (frame states keep naming baseline values).
    for &(gi, v, r) in &guards {
        let (gb, gpos) = g
            .layout
            .order
            .iter()
            .find_map(|&b| {
                g.layout
                    .block_insts(b)
                    .iter()
                    .position(|&i| i == gi)
                    .map(|k| (b, k))
            })
            .expect("placed guard");
        for bi in 0..g.layout.order.len() {
            let b = g.layout.order[bi];
            let from = if b == gb {
                gpos + 1
            } else if dom.dominates(gb, b) {
                0
            } else {
                continue;
            };
            for k in from..g.layout.insts[b.index()].len() {
                let i = g.layout.insts[b.index()][k];
                let d = &mut g.dfg.insts[i.index()];
                if d.op == Opcode::Guard {
                    continue;
                }
                for a in d
                    .args
                    .iter_mut()
                    .chain(d.dests.iter_mut().flat_map(|bc| &mut bc.args))
                {
                    if *a == v {
                        *a = r;
                    }
                }
            }
        }
    }
    refine_function(&mut g, oracle);
    Some(g)
}

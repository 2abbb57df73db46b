//! Live counters: flat per-function arrays indexed by bytecode position, one set per worker.

use crate::profile::{FuncProfile, Profile};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;

/// Bump a counter with a relaxed load and store (no read-modify-write: a lost update is fine).
#[inline(always)]
pub fn bump(c: &AtomicU64) {
    c.store(c.load(Relaxed).wrapping_add(1), Relaxed);
}

/// Number of (callee, count) pairs kept per dynamic call site.
pub const TARGETS: usize = 4;

/// A target slot's word: `(callee + 1) << TARGET_SHIFT | count` (0 = free).
const TARGET_SHIFT: u32 = 40;
/// The count bits of a target slot (a count stops there).
const TARGET_COUNT: u64 = (1 << TARGET_SHIFT) - 1;

/// "Not a dynamic call" in [`FuncCounters::target_site`].
const NO_SITE: u32 = u32::MAX;

/// The counters of one function.
pub struct FuncCounters {
    /// Calls of the function.
    pub entries: AtomicU64,
    /// Backward jumps (loop iterations).
    pub back_edges: AtomicU64,
    /// `[taken, not taken]` for the conditional branch at each bytecode position.
    pub branches: Box<[[AtomicU64; 2]]>,
    /// Calls made by the op at each bytecode position.
    pub calls: Box<[AtomicU64]>,
    /// The dynamic call site (index into `targets`) of the op at each bytecode position, or
    /// `u32::MAX`.
    pub target_site: Box<[u32]>,
    /// Bytecode position of each dynamic call site (method calls, static calls, callable
    /// values).
    pub target_pcs: Box<[u32]>,
    /// Callee histogram of each dynamic call site: words `(callee + 1) << 40 | count`, 0 = free
    /// (relaxed loads and stores, as [`bump`]: no lock on the interpreter's call path).
    pub targets: Box<[[AtomicU64; TARGETS]]>,
    /// IR instruction id of the op at each bytecode position (`u32::MAX` for moves and pads).
    pub pc_inst: Box<[u32]>,
    /// Whether this function's counters are live (consumers do not profile functions that
    /// came from a profile).
    pub enabled: AtomicU32,
    /// IR value of each type-profiled site, by site index.
    pub type_sites: Box<[u32]>,
    /// Type histogram per site: `[int, float, bool, other]`.
    pub types: Box<[[AtomicU64; 4]]>,
    /// Guard failures by IR value (the guarded site).
    pub guard_failures: Mutex<BTreeMap<u32, u64>>,
    /// Deoptimizations of this function's compiled code (forced ones included).
    pub deopts: AtomicU64,
    /// Whether the function was reported hot to the tier policy (by its calls or its loops).
    pub hot_reported: AtomicBool,
    /// The bytecode position of the loop header whose OSR code is ready (`u32::MAX`: none):
    /// every backward jump to it enters that code. (A request made at an inner loop may get
    /// code for an enclosing one, whose header the periodic checks would rarely land on.)
    pub osr_ready: AtomicU32,
}

impl FuncCounters {
    /// Counters for a function whose bytecode has `pc_inst.len()` ops, whose type-profiled
    /// sites are the IR values `type_sites` and whose dynamic calls are the ops at `dynamic`.
    pub fn new(pc_inst: Vec<u32>, type_sites: Vec<u32>, dynamic: Vec<u32>) -> FuncCounters {
        let n = pc_inst.len();
        let mut target_site = vec![NO_SITE; n];
        for (k, &pc) in dynamic.iter().enumerate() {
            if let Some(s) = target_site.get_mut(pc as usize) {
                *s = k as u32;
            }
        }
        FuncCounters {
            entries: AtomicU64::new(0),
            back_edges: AtomicU64::new(0),
            branches: (0..n)
                .map(|_| [AtomicU64::new(0), AtomicU64::new(0)])
                .collect(),
            calls: (0..n).map(|_| AtomicU64::new(0)).collect(),
            target_site: target_site.into_boxed_slice(),
            targets: dynamic
                .iter()
                .map(|_| std::array::from_fn(|_| AtomicU64::new(0)))
                .collect(),
            target_pcs: dynamic.into_boxed_slice(),
            pc_inst: pc_inst.into_boxed_slice(),
            enabled: AtomicU32::new(1),
            types: (0..type_sites.len())
                .map(|_| std::array::from_fn(|_| AtomicU64::new(0)))
                .collect(),
            type_sites: type_sites.into_boxed_slice(),
            guard_failures: Mutex::new(BTreeMap::new()),
            deopts: AtomicU64::new(0),
            hot_reported: AtomicBool::new(false),
            osr_ready: AtomicU32::new(u32::MAX),
        }
    }

    /// True the first time it is called (the function is to be reported hot), then false.
    pub fn report_hot(&self) -> bool {
        !self.hot_reported.swap(true, Relaxed)
    }

    /// Record the kind (index into [`crate::TYPE_KINDS`]) of a value seen at type site `site`.
    #[inline(always)]
    pub fn type_seen(&self, site: usize, kind: usize) {
        if let Some(h) = self.types.get(site) {
            bump(&h[kind & 3]);
        }
    }

    /// Record a failed guard on IR value `value`; returns the failures so far.
    pub fn guard_failed(&self, value: u32) -> u64 {
        let mut g = self
            .guard_failures
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let n = g.entry(value).or_insert(0);
        *n += 1;
        *n
    }

    /// Record that the branch at `pc` was (`taken`) or was not taken.
    #[inline(always)]
    pub fn branch(&self, pc: usize, taken: bool) {
        if let Some(b) = self.branches.get(pc) {
            bump(&b[usize::from(!taken)]);
        }
    }

    /// Count one execution of the (direct) call at `pc`.
    #[inline(always)]
    pub fn direct_call(&self, pc: usize) {
        if let Some(c) = self.calls.get(pc) {
            bump(c);
        }
    }

    /// Record a call by the op at `pc`, and its callee when the call is dynamic.
    #[inline]
    pub fn call(&self, pc: usize, callee: Option<u32>) {
        if let Some(c) = self.calls.get(pc) {
            bump(c);
        }
        let Some(callee) = callee else { return };
        let Some(&site) = self.target_site.get(pc) else {
            return;
        };
        let Some(slots) = self.targets.get(site as usize) else {
            return;
        };
        let key = (u64::from(callee) + 1) << TARGET_SHIFT;
        for s in slots {
            let w = s.load(Relaxed);
            if w == 0 {
                s.store(key | 1, Relaxed);
                return;
            }
            if w & !TARGET_COUNT == key {
                if w & TARGET_COUNT < TARGET_COUNT {
                    s.store(w + 1, Relaxed);
                }
                return;
            }
        }
    }

    /// The callees seen at dynamic call site `site` (index into `targets`), with their counts.
    fn targets_at(&self, site: usize) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.targets[site]
            .iter()
            .map(|s| s.load(Relaxed))
            .filter(|&w| w != 0)
            .map(|w| (((w >> TARGET_SHIFT) - 1) as u32, w & TARGET_COUNT))
    }
}

/// The counters of every function of a program, by function id.
pub struct Counters {
    /// Per function.
    pub funcs: Vec<FuncCounters>,
}

impl Counters {
    /// Counters for functions whose ops map to IR instructions as given, each with its
    /// type-profiled sites and the positions of its dynamic calls.
    pub fn new(funcs: Vec<(Vec<u32>, Vec<u32>, Vec<u32>)>) -> Counters {
        Counters {
            funcs: funcs
                .into_iter()
                .map(|(pc, sites, dynamic)| FuncCounters::new(pc, sites, dynamic))
                .collect(),
        }
    }

    /// Sum the counters of several workers (shards of the same program) into one profile;
    /// `names[i]` is function i's qualified name. Functions never entered are left out.
    pub fn snapshot(shards: &[&Counters], names: &[&str]) -> Profile {
        Self::snapshot_of(shards, names, &mut (0..names.len()))
    }

    /// [`Counters::snapshot`] of the functions `which` (indexes into `names`) only.
    pub fn snapshot_of(
        shards: &[&Counters],
        names: &[&str],
        which: &mut dyn Iterator<Item = usize>,
    ) -> Profile {
        let mut p = Profile::default();
        for i in which {
            let Some(name) = names.get(i) else { continue };
            let mut fp = FuncProfile::default();
            for c in shards {
                let Some(f) = c.funcs.get(i) else { continue };
                fp.entries += f.entries.load(Relaxed);
                fp.back_edges += f.back_edges.load(Relaxed);
                for (pc, b) in f.branches.iter().enumerate() {
                    let (t, n) = (b[0].load(Relaxed), b[1].load(Relaxed));
                    if t + n > 0 {
                        let inst = f.pc_inst[pc];
                        let e = fp.branches.entry(inst).or_insert((0, 0));
                        e.0 += t;
                        e.1 += n;
                    }
                }
                for (pc, c) in f.calls.iter().enumerate() {
                    let n = c.load(Relaxed);
                    if n > 0 {
                        *fp.calls.entry(f.pc_inst[pc]).or_insert(0) += n;
                    }
                }
                for (site, h) in f.types.iter().enumerate() {
                    let c: [u64; 4] = std::array::from_fn(|k| h[k].load(Relaxed));
                    if c.iter().sum::<u64>() > 0 {
                        let e = fp.types.entry(f.type_sites[site]).or_insert([0; 4]);
                        for k in 0..4 {
                            e[k] += c[k];
                        }
                    }
                }
                for (v, n) in f
                    .guard_failures
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .iter()
                {
                    *fp.guard_failures.entry(*v).or_insert(0) += n;
                }
                for (site, &pc) in f.target_pcs.iter().enumerate() {
                    let mut seen = f.targets_at(site).peekable();
                    if seen.peek().is_none() {
                        continue;
                    }
                    let h = fp.targets.entry(f.pc_inst[pc as usize]).or_default();
                    for (callee, n) in seen {
                        let callee_name = names.get(callee as usize).copied().unwrap_or("?");
                        *h.entry(callee_name.to_string()).or_insert(0) += n;
                    }
                }
            }
            if fp.entries > 0 || fp.back_edges > 0 {
                p.funcs.insert(name.to_string(), fp);
            }
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Callees are counted per dynamic call site, at most [`TARGETS`] of them; other ops count
    /// calls only; the snapshot names them by IR instruction and callee name.
    #[test]
    fn dynamic_call_sites_count_their_callees() {
        let c = Counters::new(vec![(vec![10, 11, 12, 13], vec![], vec![1, 3])]);
        let f = &c.funcs[0];
        f.entries.store(1, Relaxed);
        for _ in 0..3 {
            f.call(1, Some(5));
        }
        f.call(1, Some(7));
        // A direct call (not a dynamic site) counts no callee.
        f.call(2, Some(5));
        // A fifth callee finds no free slot.
        for callee in 0..5 {
            f.call(3, Some(callee));
        }
        let names: Vec<String> = (0..8).map(|i| format!("f{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let p = Counters::snapshot(&[&c, &c], &names);
        let fp = &p.funcs["f0"];
        let at = |inst: u32| -> Vec<(&str, u64)> {
            fp.targets[&inst]
                .iter()
                .map(|(k, v)| (k.as_str(), *v))
                .collect()
        };
        // Two shards of the same counters: every count twice.
        assert_eq!(at(11), [("f5", 6), ("f7", 2)]);
        assert_eq!(at(13), [("f0", 2), ("f1", 2), ("f2", 2), ("f3", 2)]);
        assert!(!fp.targets.contains_key(&12));
        assert_eq!(fp.calls[&12], 2);
        assert_eq!(fp.calls[&11], 8);
    }
}

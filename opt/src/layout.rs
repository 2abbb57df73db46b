//! The layout plan from a profile: the profiled call graph, C3 function order, and block counts
//! with the hot/cold split.
//!
//! **C3** (call-chain clustering; Ottoni & Maher, "Optimizing Function Placement for Large-Scale
//! Data-Center Applications", CGO 2017): every function starts in its own cluster; functions are
//! visited from hottest to coldest and each one's cluster is appended to the cluster of its
//! most frequent caller, unless that would make the cluster larger than a page (here a 2 MiB
//! huge page) or the callee's cluster is much sparser than the caller's; finally clusters are
//! sorted by density (samples per byte). Callers end up just before their hottest callees, so
//! hot call chains share pages and i-TLB entries. Ties are broken by name, so the order is
//! deterministic.
//!
//! **Hot/cold**: a block whose estimated count is below [`COLD_FRACTION`] of the function's
//! entries plus loop iterations (HHVM's cold threshold, 0.05%) is cold; the LLVM lowering gives the branch edges into
//! it weight 0, so LLVM's machine function splitter moves it to the cold area.

use jsvm_ir::{Block, FuncId, Function, Imm, Module, Opcode};
use jsvm_profiler::{FuncProfile, Profile};
use std::collections::BTreeMap;

/// A block or edge under this fraction of the function's entries is cold.
pub const COLD_FRACTION: f64 = 0.0005;

/// The largest cluster C3 builds (a huge page).
pub const C3_PAGE: u64 = 2 << 20;

/// One node of the profiled call graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The function.
    pub func: FuncId,
    /// Its qualified name.
    pub name: String,
    /// Hotness: entries plus loop iterations.
    pub samples: u64,
    /// Code size in bytes (the real size of the compiled hot part, or an estimate).
    pub size: u64,
}

/// The profiled call graph: nodes for the profiled functions, arcs caller → callee with counts.
#[derive(Clone, Debug, Default)]
pub struct CallGraph {
    /// Nodes, by index.
    pub nodes: Vec<Node>,
    /// `(caller, callee)` node indices → calls.
    pub arcs: BTreeMap<(usize, usize), u64>,
}

/// An estimate of a function's code size from its IR (bytes), for when no compiled size is known.
pub fn estimated_size(f: &Function) -> u64 {
    16 + 12 * f.dfg.insts.len() as u64
}

/// The call graph of `profile` over `module`: one node per profiled function in `funcs` order
/// (or every profiled function when `funcs` is `None`); arcs from direct calls (the callee is
/// the `call` instruction's immediate) and from the callee histograms of dynamic calls.
pub fn call_graph(module: &Module, profile: &Profile, size: &dyn Fn(FuncId) -> u64) -> CallGraph {
    let mut g = CallGraph::default();
    let mut index = BTreeMap::new();
    for (i, f) in module.funcs.iter().enumerate() {
        if let Some(p) = profile.funcs.get(&*f.name) {
            let id = FuncId::new(i);
            index.insert(i, g.nodes.len());
            g.nodes.push(Node {
                func: id,
                name: f.name.to_string(),
                samples: p.weight(),
                size: size(id).max(1),
            });
        }
    }
    for n in 0..g.nodes.len() {
        let fid = g.nodes[n].func;
        let f = module.func(fid);
        let p = &profile.funcs[&*f.name];
        for (&inst, &count) in &p.calls {
            let Some(d) = f.dfg.insts.get(inst as usize) else {
                continue;
            };
            if let (Opcode::Call | Opcode::CallSpread, Imm::Func(callee)) = (d.op, &d.imm) {
                if let Some(&m) = index.get(&callee.index()) {
                    *g.arcs.entry((n, m)).or_insert(0) += count;
                }
            }
        }
        for hist in p.targets.values() {
            for (callee, &count) in hist {
                let Some(c) = module.func_by_name(callee) else {
                    continue;
                };
                if let Some(&m) = index.get(&c.index()) {
                    *g.arcs.entry((n, m)).or_insert(0) += count;
                }
            }
        }
    }
    g
}

/// C3 order of the graph's nodes (indices into `g.nodes`), hottest clusters first; functions
/// with no samples come last, by name. Clusters never grow beyond `page` bytes.
pub fn c3_order(g: &CallGraph, page: u64) -> Vec<usize> {
    let n = g.nodes.len();
    // Each node's hottest caller (ties: the caller with the smaller name); self-calls ignored.
    let mut best_caller: Vec<Option<(u64, usize)>> = vec![None; n];
    for (&(from, to), &w) in &g.arcs {
        if from == to || w == 0 {
            continue;
        }
        let better = match best_caller[to] {
            None => true,
            Some((bw, bf)) => w > bw || (w == bw && g.nodes[from].name < g.nodes[bf].name),
        };
        if better {
            best_caller[to] = Some((w, from));
        }
    }
    let mut cluster_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut size: Vec<u64> = g.nodes.iter().map(|x| x.size).collect();
    let mut samples: Vec<u64> = g.nodes.iter().map(|x| x.samples).collect();
    let mut by_heat: Vec<usize> = (0..n).collect();
    by_heat.sort_by(|&a, &b| {
        g.nodes[b]
            .samples
            .cmp(&g.nodes[a].samples)
            .then_with(|| g.nodes[a].name.cmp(&g.nodes[b].name))
    });
    let density = |s: u64, z: u64| s as f64 / z.max(1) as f64;
    for &f in &by_heat {
        if g.nodes[f].samples == 0 {
            break;
        }
        let Some((_, caller)) = best_caller[f] else {
            continue;
        };
        let (cc, fc) = (cluster_of[caller], cluster_of[f]);
        if cc == fc || size[cc] + size[fc] > page {
            continue;
        }
        // hfsort's guard: do not drag a dense caller cluster down with a much sparser callee.
        if density(samples[fc], size[fc]) * 8.0 < density(samples[cc], size[cc]) {
            continue;
        }
        let moved = std::mem::take(&mut members[fc]);
        for &m in &moved {
            cluster_of[m] = cc;
        }
        members[cc].extend(moved);
        size[cc] += size[fc];
        samples[cc] += samples[fc];
    }
    let mut clusters: Vec<usize> = (0..n).filter(|&c| !members[c].is_empty()).collect();
    clusters.sort_by(|&a, &b| {
        let (da, db) = (density(samples[a], size[a]), density(samples[b], size[b]));
        db.partial_cmp(&da)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                g.nodes[members[a][0]]
                    .name
                    .cmp(&g.nodes[members[b][0]].name)
            })
    });
    clusters
        .into_iter()
        .flat_map(|c| members[c].clone())
        .collect()
}

/// Estimated execution count of every block (indexed by block number) from the profile: the
/// entry block runs `entries` times; a branch gives its successors its taken / not-taken
/// counts; any other terminator passes its block's count to its first successor (a catch
/// successor gets 0); counts flow in reverse post-order and back edges are not followed, so a
/// loop body is counted by its own branches.
pub fn block_counts(f: &Function, p: &FuncProfile) -> Vec<u64> {
    let cfg = jsvm_ir::analysis::cfg::Cfg::compute(f);
    let mut count = vec![0u64; f.dfg.blocks.len()];
    let entry = f.entry();
    count[entry.index()] = p.entries.max(1);
    let rpo: Vec<Block> = cfg.rpo().to_vec();
    for &b in &rpo {
        let here = count[b.index()];
        let Some(t) = f.terminator(b) else { continue };
        let d = &f.dfg.insts[t.index()];
        let pos = cfg.rpo_index(b).unwrap_or(0);
        let mut give = |to: Block, n: u64| {
            if cfg.rpo_index(to).is_some_and(|i| i > pos) {
                count[to.index()] = count[to.index()].saturating_add(n);
            }
        };
        match (d.op, d.dests.as_slice()) {
            (Opcode::Branch, [yes, no]) => {
                let (t, n) = p
                    .branches
                    .get(&(t.index() as u32))
                    .copied()
                    .unwrap_or((0, 0));
                if t + n == 0 {
                    // Not profiled (never reached, or profiling off): no information.
                    give(yes.block, here);
                    give(no.block, here);
                } else {
                    give(yes.block, t);
                    give(no.block, n);
                }
            }
            (_, [first, ..]) => {
                give(first.block, here);
                if d.op.is_terminator() {
                    for other in &d.dests[1..] {
                        give(other.block, here);
                    }
                }
            }
            _ => {}
        }
    }
    count
}

/// The cold threshold of a function: counts below it are cold. The base is the entry count
/// plus loop iterations, so a rare path inside the loop of a function entered once (`main`)
/// is cold too.
pub fn cold_threshold(p: &FuncProfile) -> f64 {
    p.weight().max(1) as f64 * COLD_FRACTION
}

/// Blocks (in layout order) and which of them are cold.
pub fn cold_blocks(f: &Function, p: &FuncProfile) -> (usize, Vec<Block>) {
    let counts = block_counts(f, p);
    let thr = cold_threshold(p);
    let cold = f
        .layout
        .order
        .iter()
        .copied()
        .filter(|b| (counts[b.index()] as f64) < thr)
        .collect();
    (f.layout.order.len(), cold)
}

/// LLVM `branch_weights` for a profiled branch: each side's count, or 0 when it is below the
/// cold threshold, scaled to fit `u32`. `None` when the branch was never profiled.
pub fn branch_weights(p: &FuncProfile, inst: u32) -> Option<(u32, u32)> {
    let (t, n) = *p.branches.get(&inst)?;
    if t + n == 0 {
        return None;
    }
    let thr = cold_threshold(p);
    let w = |x: u64| if (x as f64) < thr { 0 } else { x };
    let (t, n) = (w(t), w(n));
    let scale = (t.max(n) / u32::MAX as u64) + 1;
    Some(((t / scale) as u32, (n / scale) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(nodes: &[(&str, u64, u64)], arcs: &[(usize, usize, u64)]) -> CallGraph {
        CallGraph {
            nodes: nodes
                .iter()
                .enumerate()
                .map(|(i, &(name, samples, size))| Node {
                    func: FuncId::new(i),
                    name: name.into(),
                    samples,
                    size,
                })
                .collect(),
            arcs: arcs.iter().map(|&(a, b, w)| ((a, b), w)).collect(),
        }
    }

    fn names(g: &CallGraph, order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| g.nodes[i].name.clone()).collect()
    }

    #[test]
    fn callee_follows_its_hottest_caller() {
        // main calls a (1000x) and b (10x); a calls c (5000x); d is never called.
        let g = graph(
            &[
                ("main", 1, 100),
                ("a", 1000, 100),
                ("b", 10, 100),
                ("c", 5000, 100),
                ("d", 0, 100),
            ],
            &[(0, 1, 1000), (0, 2, 10), (1, 3, 5000)],
        );
        let o = names(&g, &c3_order(&g, C3_PAGE));
        assert_eq!(o, ["main", "a", "c", "b", "d"]);
    }

    #[test]
    fn page_limit_stops_merging() {
        let g = graph(&[("a", 100, 3 << 20), ("b", 100, 100)], &[(0, 1, 100)]);
        let o = names(&g, &c3_order(&g, C3_PAGE));
        // b is denser on its own and is not merged into the 3 MiB cluster.
        assert_eq!(o, ["b", "a"]);
    }

    #[test]
    fn order_is_a_permutation_and_deterministic() {
        let g = graph(
            &[("x", 5, 10), ("y", 5, 10), ("z", 5, 10)],
            &[(0, 1, 3), (2, 1, 3), (1, 1, 100)],
        );
        let a = c3_order(&g, C3_PAGE);
        assert_eq!(a, c3_order(&g, C3_PAGE));
        let mut s = a.clone();
        s.sort();
        assert_eq!(s, vec![0, 1, 2]);
        // y's callers tie at 3: x wins by name.
        assert_eq!(names(&g, &a)[..2], ["x".to_string(), "y".to_string()]);
    }

    #[test]
    fn weights_zero_the_cold_side() {
        let mut p = FuncProfile {
            entries: 1_000_000,
            ..Default::default()
        };
        p.branches.insert(3, (999_900, 100));
        p.branches.insert(4, (0, 0));
        p.branches.insert(5, (u64::MAX / 2, 1_000_000));
        assert_eq!(branch_weights(&p, 3), Some((999_900, 0)));
        assert_eq!(branch_weights(&p, 4), None);
        assert_eq!(branch_weights(&p, 9), None);
        let (t, n) = branch_weights(&p, 5).unwrap();
        assert!(t > 0 && n == 0);
    }

    #[test]
    fn block_counts_follow_branches() {
        let f = jsvm_ir::parse_function(
            r#"fn0 "f"($n: Int "int" enforced) -> Int "int" enforced {
b0(v0: Int):
    v1: Int = const_int 0
    v2: Bool = lt v0, v1
    branch v2 -> b1, b2
b1:
    v3: Int = const_int 1
    return v3
b2:
    return v0
}
"#,
        )
        .expect("parse");
        let mut p = FuncProfile {
            entries: 10_000,
            ..Default::default()
        };
        p.branches.insert(2, (1, 9_999));
        let c = block_counts(&f, &p);
        assert_eq!(c, vec![10_000, 1, 9_999]);
        let (n, cold) = cold_blocks(&f, &p);
        assert_eq!(n, 3);
        assert_eq!(cold, vec![Block::new(1)]);
    }
}

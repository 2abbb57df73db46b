//! Between a program's in-memory [`Profile`] and a `.jsp` body: keys on the way out,
//! per-function validation on the way in.

use crate::format::{Body, FuncRecord};
use crate::key::ir_hash;
use jsvm_ir::{FuncId, Module};
use jsvm_profiler::{FuncProfile, Profile};

/// The body for `profile` of `module`: every profiled function with its key.
/// `plan(f)` gives the seeder's (blocks, cold blocks) of a function for `profile-info`.
pub fn body_from_profile(
    module: &Module,
    profile: &Profile,
    plan: &dyn Fn(FuncId, &FuncProfile) -> (u32, u32),
) -> Body {
    let mut body = Body::default();
    for (i, f) in module.funcs.iter().enumerate() {
        let Some(p) = profile.funcs.get(&*f.name) else {
            continue;
        };
        let id = FuncId::new(i);
        let (blocks, cold_blocks) = plan(id, p);
        body.funcs.insert(
            f.name.to_string(),
            FuncRecord {
                ir_hash: ir_hash(module, id),
                profile: p.clone(),
                blocks,
                cold_blocks,
            },
        );
    }
    body
}

/// The part of a profile that applies to a program.
#[derive(Debug, Default)]
pub struct Applied {
    /// The usable profile: functions whose key (name and IR hash) matches.
    pub profile: Profile,
    /// Functions whose IR changed since seeding (their profile is dropped).
    pub stale: Vec<String>,
    /// Profiled functions the program no longer has.
    pub gone: Vec<String>,
}

/// Validate `body` per function against `module`: a function keeps its profile only when its
/// name and IR hash both match.
pub fn apply(body: &Body, module: &Module) -> Applied {
    let mut out = Applied::default();
    for (name, rec) in &body.funcs {
        let Some(id) = module.func_by_name(name) else {
            out.gone.push(name.clone());
            continue;
        };
        if ir_hash(module, id) != rec.ir_hash {
            out.stale.push(name.clone());
            continue;
        }
        out.profile.funcs.insert(name.clone(), rec.profile.clone());
    }
    out
}

/// Sum `b` into `a` (several seeding runs).
pub fn merge(a: &mut Profile, b: &Profile) {
    for (name, fb) in &b.funcs {
        let fa = a.funcs.entry(name.clone()).or_default();
        fa.entries += fb.entries;
        fa.back_edges += fb.back_edges;
        for (k, v) in &fb.branches {
            let e = fa.branches.entry(*k).or_insert((0, 0));
            e.0 += v.0;
            e.1 += v.1;
        }
        for (k, v) in &fb.calls {
            *fa.calls.entry(*k).or_insert(0) += v;
        }
        for (k, h) in &fb.types {
            let e = fa.types.entry(*k).or_insert([0; 4]);
            for (x, y) in e.iter_mut().zip(h) {
                *x += y;
            }
        }
        for (k, n) in &fb.guard_failures {
            *fa.guard_failures.entry(*k).or_insert(0) += n;
        }
        for (k, h) in &fb.targets {
            let t = fa.targets.entry(*k).or_default();
            for (callee, n) in h {
                *t.entry(callee.clone()).or_insert(0) += n;
            }
        }
    }
}

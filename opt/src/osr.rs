//! On-stack replacement: the function that continues a baseline function from a loop header.
//!
//! `f$osr$bN` has one entry parameter per value live into loop header `bN` (the header's own
//! parameters first, then the dominating definitions the rest of the function uses); its entry
//! jumps to `bN`, and the code from `bN` on is the baseline code with those definitions replaced
//! by the parameters. The interpreter moves the live values out of its frame into the call and
//! returns what the call returns.

use jsvm_ir::analysis::{cfg::Cfg, domtree::DomTree, liveness::Liveness, loops::Loops};
use jsvm_ir::function::Param;
use jsvm_ir::{Block, BlockCall, Function, Imm, Opcode, Type, TypeHint, Value, ValueDef};

/// An OSR function and the baseline values its parameters take, in order.
pub struct OsrFunction {
    /// The function (`NAME$osr$bN`).
    pub func: Function,
    /// The loop header it is entered at.
    pub header: Block,
    /// Baseline values passed as its parameters.
    pub live_in: Vec<Value>,
    /// Its values that stand for baseline values (`(own, baseline)`): its entry parameters and
    /// the constants its entry makes again. A frame state (deoptimization) names the baseline
    /// value, whose interpreter slot the value goes to.
    pub renamed: Vec<(Value, Value)>,
}

/// The symbol-friendly name of `f`'s OSR function at `header`.
pub fn osr_name(f: &Function, header: Block) -> String {
    format!("{}$osr${header}", f.name)
}

/// The OSR function of `f` entered at loop header `header`, or else at the header of the
/// nearest loop around it where one can be built, with the header it is entered at. In a loop
/// nest the inner loops are where the iterations are, so that is where a request comes from;
/// but their headers take values that the enclosing loop's body defines again on each of its
/// iterations (`$ci` of mandelbrot's rows, used by its inner loops), which an OSR function
/// entered there cannot merge. The interpreter enters an enclosing loop's code at the next
/// iteration of that loop.
pub fn osr_function_around(
    f: &Function,
    header: Block,
) -> Result<(Block, OsrFunction), &'static str> {
    let a = Analyses::of(f);
    let mut h = header;
    loop {
        match osr_function_with(f, h, &a) {
            Ok(o) => return Ok((h, o)),
            Err(e @ REDEFINED) => {
                let parent = a
                    .loops
                    .innermost(h)
                    .and_then(|l| a.loops.loops()[l].parent)
                    .map(|p| a.loops.loops()[p].header);
                match parent {
                    Some(p) => h = p,
                    None => return Err(e),
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// Why [`osr_function`] cannot enter a loop nested in another that redefines its live-ins.
const REDEFINED: &str = "a live-in value is redefined inside the loop nest";

/// What building an OSR function needs to know about the baseline function: computed once for
/// every header of a nest that [`osr_function_around`] tries.
struct Analyses {
    cfg: Cfg,
    loops: Loops,
    live: Liveness,
}

impl Analyses {
    fn of(f: &Function) -> Analyses {
        let cfg = Cfg::compute(f);
        let dom = DomTree::compute(f, &cfg);
        let loops = Loops::compute(f, &cfg, &dom);
        let live = Liveness::compute(f, &cfg);
        Analyses { cfg, loops, live }
    }
}

/// The OSR function of `f` entered at loop header `header`, or why there is none.
pub fn osr_function(f: &Function, header: Block) -> Result<OsrFunction, &'static str> {
    osr_function_with(f, header, &Analyses::of(f))
}

/// [`osr_function`] with `f`'s analyses.
fn osr_function_with(
    f: &Function,
    header: Block,
    Analyses { cfg, loops, live }: &Analyses,
) -> Result<OsrFunction, &'static str> {
    if header.index() >= f.dfg.blocks.len() {
        return Err("no such block");
    }
    if !cfg.is_reachable(header) {
        return Err("unreachable block");
    }
    if !loops.is_header(header) {
        return Err("not a loop header");
    }
    // Blocks reachable from the header: the code the OSR function keeps.
    let mut reach = vec![false; cfg.num_blocks()];
    let mut stack = vec![header];
    reach[header.index()] = true;
    while let Some(b) = stack.pop() {
        for &s in cfg.succs(b) {
            if !reach[s.index()] {
                reach[s.index()] = true;
                stack.push(s);
            }
        }
    }
    let mut inst_block = vec![None; f.dfg.insts.len()];
    for &b in &f.layout.order {
        for &i in f.layout.block_insts(b) {
            inst_block[i.index()] = Some(b);
        }
    }
    let params: Vec<Value> = f.dfg.block_params(header).to_vec();
    let others: Vec<Value> = live.live_in(header).values().collect();
    for &v in &others {
        let def = match f.dfg.values[v.index()].def {
            ValueDef::Param(b, _) => Some(b),
            ValueDef::Result(i) => inst_block[i.index()],
            ValueDef::Unused => None,
        };
        // A definition the kept code runs again would need a merge with the parameter.
        if def.is_none_or(|b| reach[b.index()]) {
            return Err(REDEFINED);
        }
    }
    let mut g = f.clone();
    g.name = osr_name(f, header).into();
    g.attrs.captures = 0;
    g.attrs.entry_point = false;
    let entry = g.dfg.make_block();
    // Constants are made again in the entry (the interpreter may keep an int constant only as
    // an immediate, with no slot to read it from).
    let konst = |v: &Value| match f.dfg.values[v.index()].def {
        ValueDef::Result(i) => matches!(
            f.dfg.insts[i.index()].op,
            Opcode::ConstInt
                | Opcode::ConstFloat
                | Opcode::ConstBool
                | Opcode::ConstNull
                | Opcode::ConstStr
                | Opcode::ConstUninit
        )
        .then_some(i),
        _ => None,
    };
    let live_in: Vec<Value> = params
        .iter()
        .chain(others.iter().filter(|v| konst(v).is_none()))
        .copied()
        .collect();
    let mut map = vec![None; f.dfg.values.len()];
    let mut remade = Vec::new();
    for v in &others {
        if let Some(i) = konst(v) {
            let d = f.dfg.insts[i.index()].clone();
            let ni = g
                .dfg
                .make_inst(d.op, Vec::new(), d.imm, Vec::new(), f.dfg.ty(*v));
            map[v.index()] = g.dfg.insts[ni.index()].result;
            remade.push(ni);
        }
    }
    g.params = Vec::new();
    for (k, &v) in live_in.iter().enumerate() {
        let p = g.dfg.append_block_param(entry, f.dfg.ty(v));
        map[v.index()] = Some(p);
        g.params.push(Param {
            name: format!("osr{k}").into(),
            hint: TypeHint::mixed(),
            has_default: false,
            variadic: false,
        });
    }
    let args: Vec<Value> = params
        .iter()
        .map(|v| map[v.index()].expect("mapped"))
        .collect();
    let jump = g.dfg.make_inst(
        Opcode::Jump,
        Vec::new(),
        Imm::None,
        vec![BlockCall {
            block: header,
            args,
        }],
        Type::BOTTOM,
    );
    g.layout.append_block(entry);
    for i in remade {
        g.layout.append_inst(entry, i);
    }
    g.layout.append_inst(entry, jump);
    let last = g.layout.order.pop().expect("entry appended");
    g.layout.order.insert(0, last);
    for &b in &f.layout.order {
        if !reach[b.index()] {
            continue;
        }
        for &i in f.layout.block_insts(b) {
            let d = &mut g.dfg.insts[i.index()];
            for a in d
                .args
                .iter_mut()
                .chain(d.dests.iter_mut().flat_map(|bc| &mut bc.args))
            {
                if let Some(p) = map[a.index()] {
                    if !params.contains(a) {
                        *a = p;
                    }
                }
            }
        }
    }
    jsvm_ir::cleanup::remove_unreachable(&mut g);
    let renamed = map
        .iter()
        .enumerate()
        .filter_map(|(v, m)| Some(((*m)?, Value::new(v))))
        .filter(|(own, base)| own != base)
        .collect();
    Ok(OsrFunction {
        func: g,
        header,
        live_in,
        renamed,
    })
}

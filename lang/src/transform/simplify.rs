//! Simplification passes that keep a `Func`'s meaning: dead-code elimination.

use crate::ir::{Eqn, Func};
use crate::prim::Prim;

/// Drop equations none of whose outputs reach the function's outputs. Parameters are kept.
/// Works in place: at every sync point it runs on the whole pending graph, so it neither copies
/// the equations it keeps nor allocates beyond one flag per variable.
pub fn dce(mut func: Func) -> Func {
    let mut live = vec![false; func.types.len()];
    for &o in &func.outs {
        live[o.0 as usize] = true;
    }
    for e in func.eqns.iter().rev() {
        if needed(e, &live) {
            for v in &e.ins {
                live[v.0 as usize] = true;
            }
        }
    }
    // Only later equations use an equation's outputs, so once the backward pass is over their
    // flags are those it saw: the same test keeps exactly the equations it marked.
    func.eqns.retain(|e| needed(e, &live));
    func
}

/// Whether `e` has an effect or an output in `live`.
fn needed(e: &Eqn, live: &[bool]) -> bool {
    matches!(e.prim, Prim::DebugPrint { .. }) || e.outs.iter().any(|o| live[o.0 as usize])
}

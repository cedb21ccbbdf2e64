//! Simplification passes that keep a `Func`'s meaning: dead-code elimination.

use crate::ir::{Func, Var};

/// Drop equations none of whose outputs reach the function's outputs. Parameters are kept.
pub fn dce(func: &Func) -> Func {
    let mut live = vec![false; func.types.len()];
    for &o in &func.outs {
        live[o.0 as usize] = true;
    }
    let mut keep = vec![false; func.eqns.len()];
    for (i, e) in func.eqns.iter().enumerate().rev() {
        let effect = matches!(e.prim, crate::prim::Prim::DebugPrint { .. });
        if effect || e.outs.iter().any(|o: &Var| live[o.0 as usize]) {
            keep[i] = true;
            for v in &e.ins {
                live[v.0 as usize] = true;
            }
        }
    }
    let eqns = func.eqns.iter().zip(keep).filter(|(_, k)| *k).map(|(e, _)| e.clone()).collect();
    Func { types: func.types.clone(), params: func.params.clone(), eqns, outs: func.outs.clone() }
}

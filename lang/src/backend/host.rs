//! Host steps: the service every backend shares for the equations `fuse` leaves to the host
//! (`Step::Host`). Control flow (`Cond`, `While`, `Scan`) runs the loop of `eval::control`
//! around the backend's own runner for the nested functions (so their plans run on the device);
//! every other host equation runs through `eval`.

use crate::array::HostArray;
use crate::ir::Func;
use crate::prim::Prim;

/// Whether `f` is a one-equation control-flow function whose nested functions a backend runs.
pub fn is_control(f: &Func) -> bool {
    let [e] = f.eqns.as_slice() else { return false };
    matches!(e.prim, Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. }) && e.ins == f.params && e.outs == f.outs
}

/// Run the one-equation function `f` of a host step on `args`; nested functions of control flow
/// go through `run`.
pub fn step(f: &Func, args: &[HostArray], run: &mut dyn FnMut(&Func, &[HostArray]) -> Result<Vec<HostArray>, String>) -> Result<Vec<HostArray>, String> {
    use crate::eval::control;
    if !is_control(f) {
        return crate::eval::eval_func(f, args);
    }
    match &f.eqns[0].prim {
        Prim::Cond { branches } => control::cond(branches, args, run),
        Prim::While { cond, body, n_cond, n_body } => control::while_loop(cond, body, *n_cond, *n_body, args, run),
        Prim::Scan { body, n_consts, n_carry, length, reverse } => control::scan(body, *n_consts, *n_carry, *length, *reverse, args, run),
        _ => crate::eval::eval_func(f, args),
    }
}

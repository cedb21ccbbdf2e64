//! Transformations: IR-to-IR functions over `Func`. Each is one file with one exhaustive rule
//! table over `Prim`: `jvp` (forward mode), `linearize` (jvp + partial evaluation), `transpose`
//! (reverse mode of a linear function), `vmap` (batching), and `simplify`. `vjp` is
//! `transpose ∘ linearize`; `grad` is `vjp` applied to 1.0.

pub mod control;
pub mod emit;
pub mod jvp;
pub mod legalize;
pub mod linearize;
pub mod simplify;
pub mod transpose;
pub mod vmap;

use crate::ir::Func;

/// The two functions of a vjp: `primal` (outputs, then residuals) and `backward`
/// (residuals, output cotangents → cotangents of the differentiated inputs).
#[derive(Clone, Debug)]
pub struct Vjp {
    pub primal: Func,
    pub backward: Func,
    pub n_res: usize,
}

/// `vjp = transpose ∘ linearize`, with respect to the parameters marked in `wrt`.
pub fn vjp(func: &Func, wrt: &[bool]) -> Result<Vjp, String> {
    let lin = linearize::linearize(func, wrt)?;
    let finite = transpose::finite_outputs(&lin.primal);
    let backward = transpose::transpose(&lin.linear, lin.n_res, &finite[func.outs.len()..])?;
    if cfg!(debug_assertions) {
        lin.primal.verify().map_err(|m| format!("internal error: linearize produced an invalid primal function: {m}"))?;
        lin.linear.verify().map_err(|m| format!("internal error: linearize produced an invalid linear function: {m}"))?;
        backward.verify().map_err(|m| format!("internal error: transpose produced an invalid function: {m}"))?;
    }
    Ok(Vjp { primal: simplify::dce(lin.primal), backward: simplify::dce(backward), n_res: lin.n_res })
}

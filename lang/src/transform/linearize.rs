//! `linearize` = `jvp` + partial evaluation. The jvp rules run against an emitter that splits
//! equations as they are emitted: one whose inputs are all known (depend on primals only) goes
//! into the primal function; one with any unknown (tangent) input goes into the linear function,
//! and the known values it reads become residuals passed from one to the other. Constants (a
//! literal, and broadcasts or reshapes of one) are rebuilt in the linear function instead, so
//! `transpose` sees their values: a product with a finite constant needs no guard there.

use super::emit::{differentiable, Emit, EmitExt, R};
use super::jvp::run_eqns;
use crate::ir::{Builder, Func, Type, Var};
use crate::prim::Prim;
use std::collections::HashMap;

/// The two halves of a linearised function.
#[derive(Clone, Debug)]
pub struct Linearized {
    /// Parameters: the original's. Outputs: the original's, then the residuals.
    pub primal: Func,
    /// Parameters: residuals, then one tangent per differentiated input. Outputs: one tangent per
    /// output of the original.
    pub linear: Func,
    pub n_res: usize,
}

const UNKNOWN: u32 = 1 << 31;

/// The partial evaluator: variables below `UNKNOWN` live in `known`, the rest in `lin`.
struct Pe {
    known: Builder,
    lin: Builder,
    /// Known variable → the residual parameter of `lin` carrying it.
    residual_of: HashMap<Var, Var>,
    residuals: Vec<(Var, Var)>,
    /// Known variables that are constants, with the equation that computes each.
    consts: HashMap<Var, (Prim, Vec<Var>)>,
}

impl Pe {
    fn lin_var(&mut self, v: Var) -> Var {
        if v.0 & UNKNOWN != 0 {
            return Var(v.0 & !UNKNOWN);
        }
        if let Some(&r) = self.residual_of.get(&v) {
            return r;
        }
        if let Some((prim, ins)) = self.consts.get(&v).cloned() {
            let ins: Vec<Var> = ins.iter().map(|&i| self.lin_var(i)).collect();
            if let Ok(r) = self.lin.bind1(prim, &ins) {
                self.residual_of.insert(v, r);
                return r;
            }
        }
        let r = self.lin.param(self.known.ty(v).clone());
        self.residual_of.insert(v, r);
        self.residuals.push((v, r));
        r
    }
}

impl Emit for Pe {
    fn bind(&mut self, prim: Prim, ins: &[Var]) -> R<Vec<Var>> {
        if ins.iter().all(|v| v.0 & UNKNOWN == 0) {
            let constant = matches!(prim, Prim::Literal(_))
                || matches!(prim, Prim::BroadcastInDim { .. } | Prim::Reshape { .. } | Prim::Cast { .. }) && ins.iter().all(|v| self.consts.contains_key(v));
            let saved = constant.then(|| prim.clone());
            let outs = self.known.bind(prim, ins)?;
            if let Some(prim) = saved {
                self.consts.insert(outs[0], (prim, ins.to_vec()));
            }
            return Ok(outs);
        }
        let mapped: Vec<Var> = ins.iter().map(|&v| self.lin_var(v)).collect();
        Ok(self.lin.bind(prim, &mapped)?.into_iter().map(|v| Var(v.0 | UNKNOWN)).collect())
    }
    fn ty(&self, v: Var) -> Type {
        if v.0 & UNKNOWN != 0 {
            self.lin.ty(Var(v.0 & !UNKNOWN)).clone()
        } else {
            self.known.ty(v).clone()
        }
    }
}

/// Linearise `func` with respect to the parameters marked in `wrt`.
pub fn linearize(func: &Func, wrt: &[bool]) -> R<Linearized> {
    let mut pe = Pe { known: Builder::new(), lin: Builder::new(), residual_of: HashMap::new(), residuals: Vec::new(), consts: HashMap::new() };
    let mut env = HashMap::new();
    let mut tan = HashMap::new();
    for &p in &func.params {
        let v = pe.known.param(func.ty(p).clone());
        env.insert(p, v);
    }
    let mut tangent_params = Vec::new();
    for (i, &p) in func.params.iter().enumerate() {
        if wrt.get(i).copied().unwrap_or(false) {
            let v = pe.lin.param(func.ty(p).clone());
            tangent_params.push(v);
            if differentiable(func.ty(p).dtype) {
                tan.insert(p, Var(v.0 | UNKNOWN));
            }
        }
    }
    run_eqns(&mut pe, func, &mut env, &mut tan)?;
    // Tangent outputs: zeros where an output does not depend on the tangents.
    let mut lin_outs = Vec::new();
    for o in &func.outs {
        let v = match tan.get(o) {
            Some(&t) => t,
            None => {
                let ty = func.ty(*o).clone();
                let z = pe.zeros(&ty)?;
                // A zero built from literals is known; carry it as a residual.
                Var(z.0)
            }
        };
        lin_outs.push(v);
    }
    let lin_outs: Vec<Var> = lin_outs.into_iter().map(|v| pe.lin_var(v)).collect();
    let Pe { known, lin, residuals, .. } = pe;
    let mut primal_outs: Vec<Var> = func.outs.iter().map(|o| env[o]).collect();
    primal_outs.extend(residuals.iter().map(|(k, _)| *k));
    let primal = known.finish(primal_outs);
    let mut linear = lin.finish(lin_outs);
    // Parameters of the linear function: residuals first, then tangents.
    let mut params: Vec<Var> = residuals.iter().map(|(_, r)| *r).collect();
    params.extend(tangent_params);
    linear.params = params;
    Ok(Linearized { primal, linear, n_res: residuals.len() })
}

//! `transpose`: turns a linear function (from `linearize`) into the function that maps output
//! cotangents to input cotangents. One rule per primitive in one exhaustive `match`; primitives
//! that are never linear in an operand say so. Cotangents flowing through multiplications use
//! `mul_safe`, so a zero cotangent (a branch `where` did not take) stays exactly zero.

use super::emit::{Emit, EmitExt, R};
use crate::ir::{Builder, Func, Var};
use crate::prim::{Prim, ScatterMode};
use std::collections::HashMap;

/// Transpose `lin` (parameters: `n_res` residuals, then linear inputs). The result takes
/// `(residuals…, one cotangent per output of lin…)` and returns one cotangent per linear input.
pub fn transpose(lin: &Func, n_res: usize) -> R<Func> {
    let mut b = Builder::new();
    // Values available in the new function: residuals (and nothing else non-linear).
    let mut known: HashMap<Var, Var> = HashMap::new();
    for &p in &lin.params[..n_res] {
        let v = b.param(lin.ty(p).clone());
        known.insert(p, v);
    }
    let mut ct: HashMap<Var, Var> = HashMap::new();
    for &o in &lin.outs {
        let c = b.param(lin.ty(o).clone());
        if known.contains_key(&o) {
            continue; // an output that is a residual has no linear dependence
        }
        add_ct(&mut b, &mut ct, o, c)?;
    }
    for eqn in lin.eqns.iter().rev() {
        let cts: Vec<Option<Var>> = eqn.outs.iter().map(|o| ct.remove(o)).collect();
        if cts.iter().all(|c| c.is_none()) {
            continue;
        }
        let lin_in: Vec<bool> = eqn.ins.iter().map(|v| !known.contains_key(v)).collect();
        let vals: Vec<Option<Var>> = eqn.ins.iter().map(|v| known.get(v).copied()).collect();
        let in_tys = eqn.ins.iter().map(|v| lin.ty(*v).clone()).collect::<Vec<_>>();
        let contrib = rule(&mut b, &eqn.prim, &vals, &lin_in, &in_tys, &cts).map_err(|m| format!("transposing {}: {m}", eqn.prim.name()))?;
        for (v, c) in eqn.ins.iter().zip(contrib) {
            if let Some(c) = c {
                add_ct(&mut b, &mut ct, *v, c)?;
            }
        }
    }
    let mut outs = Vec::new();
    for &p in &lin.params[n_res..] {
        outs.push(match ct.remove(&p) {
            Some(c) => c,
            None => b.zeros(&lin.ty(p).clone())?,
        });
    }
    Ok(b.finish(outs))
}

fn add_ct(b: &mut Builder, ct: &mut HashMap<Var, Var>, v: Var, c: Var) -> R<()> {
    let new = match ct.get(&v) {
        Some(&old) => b.add(old, c)?,
        None => c,
    };
    ct.insert(v, new);
    Ok(())
}

/// The cotangent contributions to each operand of one equation. `vals[i]` is the value of a
/// non-linear (residual) operand; `lin[i]` says which operands are linear.
fn rule(e: &mut dyn Emit, prim: &Prim, vals: &[Option<Var>], lin: &[bool], tys: &[crate::ir::Type], cts: &[Option<Var>]) -> R<Vec<Option<Var>>> {
    let n = tys.len();
    let mut out: Vec<Option<Var>> = vec![None; n];
    let zeros_for = |e: &mut dyn Emit, i: usize| e.zeros(&tys[i]);
    let c = match cts.first() {
        Some(Some(c)) => *c,
        _ => match prim {
            Prim::CustomLinear { .. } => e.zeros(&tys[0])?, // replaced below
            _ => return Ok(out),
        },
    };
    let val = |i: usize| vals[i].ok_or_else(|| format!("operand {i} must be a known value here"));
    let nonlinear = || Err::<Vec<Option<Var>>, String>(format!("{} is not linear in its operands", prim.name()));
    match prim {
        Prim::Add => {
            out[0] = lin[0].then_some(c);
            out[1] = lin[1].then_some(c);
        }
        Prim::Sub => {
            out[0] = lin[0].then_some(c);
            if lin[1] {
                out[1] = Some(e.neg(c)?);
            }
        }
        Prim::Neg => out[0] = Some(e.neg(c)?),
        Prim::Mul => {
            if lin[0] && lin[1] {
                return nonlinear();
            }
            if lin[0] {
                out[0] = Some(e.mul_safe(c, val(1)?)?);
            } else {
                out[1] = Some(e.mul_safe(c, val(0)?)?);
            }
        }
        Prim::Div => {
            if lin[1] {
                return nonlinear();
            }
            out[0] = Some(e.div_safe(c, val(1)?)?);
        }
        Prim::Select => {
            if lin[0] {
                return nonlinear();
            }
            let z = e.lit_like(0.0, c)?;
            let p = val(0)?;
            if lin[1] {
                out[1] = Some(e.select(p, c, z)?);
            }
            if lin[2] {
                out[2] = Some(e.select(p, z, c)?);
            }
        }
        Prim::Cast { .. } => out[0] = Some(e.cast(c, tys[0].dtype)?),
        Prim::StopGradient => {}
        Prim::ReduceSum { axes } => {
            let shape = tys[0].shape.clone();
            let keep: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
            out[0] = Some(e.b1(Prim::BroadcastInDim { shape, dims: keep }, &[c])?);
        }
        Prim::BroadcastInDim { dims, .. } => out[0] = Some(e.unbroadcast(c, &tys[0].shape, dims)?),
        Prim::Reshape { .. } => out[0] = Some(e.b1(Prim::Reshape { shape: tys[0].shape.clone() }, &[c])?),
        Prim::Transpose { perm } => {
            let mut inv = vec![0; perm.len()];
            for (i, &p) in perm.iter().enumerate() {
                inv[p] = i;
            }
            out[0] = Some(e.b1(Prim::Transpose { perm: inv }, &[c])?);
        }
        Prim::Rev { axes } => out[0] = Some(e.b1(Prim::Rev { axes: axes.clone() }, &[c])?),
        Prim::Slice { start, limit: _, stride } => {
            let in_shape = &tys[0].shape;
            let out_shape = e.ty(c).shape;
            let z = e.full(0.0, &[], tys[0].dtype)?;
            let mut hi = Vec::new();
            let mut interior = Vec::new();
            for d in 0..in_shape.len() {
                let used = if out_shape[d] == 0 { 0 } else { start[d] + (out_shape[d] - 1) * stride[d] + 1 };
                hi.push(in_shape[d] - used.max(start[d]).min(in_shape[d]) - if out_shape[d] == 0 { start[d] } else { 0 });
                interior.push(if out_shape[d] == 0 { 0 } else { stride[d] - 1 });
            }
            // With an empty slice, pad zeros to the full extent.
            let lo: Vec<usize> = (0..in_shape.len()).map(|d| if out_shape[d] == 0 { 0 } else { start[d] }).collect();
            let hi: Vec<usize> = (0..in_shape.len()).map(|d| if out_shape[d] == 0 { in_shape[d] } else { hi[d] }).collect();
            out[0] = Some(e.b1(Prim::Pad { lo, hi, interior }, &[c, z])?);
        }
        Prim::Pad { lo, hi: _, interior } => {
            let in_shape = tys[0].shape.clone();
            if lin[0] {
                let limit: Vec<usize> = (0..in_shape.len()).map(|d| if in_shape[d] == 0 { lo[d] } else { lo[d] + (in_shape[d] - 1) * (interior[d] + 1) + 1 }).collect();
                let stride: Vec<usize> = interior.iter().map(|i| i + 1).collect();
                out[0] = Some(e.b1(Prim::Slice { start: lo.clone(), limit, stride }, &[c])?);
            }
            if lin[1] {
                // The pad value's cotangent: everything not taken by the operand.
                let all = e.b1(Prim::ReduceSum { axes: (0..in_shape.len()).collect() }, &[c])?;
                let taken = match out[0] {
                    Some(t) => e.b1(Prim::ReduceSum { axes: (0..in_shape.len()).collect() }, &[t])?,
                    None => {
                        let limit: Vec<usize> = (0..in_shape.len()).map(|d| if in_shape[d] == 0 { lo[d] } else { lo[d] + (in_shape[d] - 1) * (interior[d] + 1) + 1 }).collect();
                        let stride: Vec<usize> = interior.iter().map(|i| i + 1).collect();
                        let s = e.b1(Prim::Slice { start: lo.clone(), limit, stride }, &[c])?;
                        e.b1(Prim::ReduceSum { axes: (0..in_shape.len()).collect() }, &[s])?
                    }
                };
                out[1] = Some(e.sub(all, taken)?);
            }
        }
        Prim::Concat { axis } => {
            let mut off = 0;
            let cshape = e.ty(c).shape;
            for i in 0..n {
                let w = tys[i].shape[*axis];
                if lin[i] {
                    let mut start = vec![0; cshape.len()];
                    let mut limit = cshape.clone();
                    start[*axis] = off;
                    limit[*axis] = off + w;
                    out[i] = Some(e.b1(Prim::Slice { start, limit, stride: vec![1; cshape.len()] }, &[c])?);
                }
                off += w;
            }
        }
        Prim::Gather { axis } => {
            if lin[1] {
                return nonlinear();
            }
            let z = zeros_for(e, 0)?;
            out[0] = Some(e.b1(Prim::Scatter { axis: *axis, mode: ScatterMode::Add }, &[z, val(1)?, c])?);
        }
        Prim::Scatter { axis, mode } => {
            let idx = val(1)?;
            match mode {
                ScatterMode::Add => {
                    out[0] = lin[0].then_some(c);
                    if lin[2] {
                        out[2] = Some(e.b1(Prim::Gather { axis: *axis }, &[c, idx])?);
                    }
                }
                ScatterMode::Set => {
                    if lin[0] {
                        let zu = zeros_for(e, 2)?;
                        out[0] = Some(e.b1(Prim::Scatter { axis: *axis, mode: ScatterMode::Set }, &[c, idx, zu])?);
                    }
                    if lin[2] {
                        out[2] = Some(e.b1(Prim::Gather { axis: *axis }, &[c, idx])?);
                    }
                }
                ScatterMode::Mul | ScatterMode::Min | ScatterMode::Max => return nonlinear(),
            }
        }
        Prim::Cumsum { axis, reverse } => out[0] = Some(e.b1(Prim::Cumsum { axis: *axis, reverse: !reverse }, &[c])?),
        Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } => {
            if lin[0] && lin[1] {
                return nonlinear();
            }
            let (lr, rr) = (tys[0].shape.len(), tys[1].shape.len());
            let nb = lhs_batch.len();
            let lfree: Vec<usize> = (0..lr).filter(|d| !lhs_contract.contains(d) && !lhs_batch.contains(d)).collect();
            let rfree: Vec<usize> = (0..rr).filter(|d| !rhs_contract.contains(d) && !rhs_batch.contains(d)).collect();
            // c has dims: batch (nb), lhs free, rhs free.
            let c_batch: Vec<usize> = (0..nb).collect();
            let c_lfree: Vec<usize> = (nb..nb + lfree.len()).collect();
            let c_rfree: Vec<usize> = (nb + lfree.len()..nb + lfree.len() + rfree.len()).collect();
            if lin[0] {
                // ct_lhs = dot(c, rhs) contracting rhs free dims; result: batch, lhs free, rhs contract.
                let r = val(1)?;
                let d = e.b1(Prim::DotGeneral { lhs_contract: c_rfree.clone(), rhs_contract: rfree.clone(), lhs_batch: c_batch.clone(), rhs_batch: rhs_batch.clone() }, &[c, r])?;
                // Result dim order: [lhs batch dims..., lhs free..., lhs contract (in rhs_contract order)...].
                let mut src: Vec<usize> = lhs_batch.clone();
                src.extend(&lfree);
                // rhs's remaining dims after removing batch and free are the contract dims in increasing rhs order.
                let mut rc_sorted: Vec<(usize, usize)> = rhs_contract.iter().copied().zip(lhs_contract.iter().copied()).collect();
                rc_sorted.sort_unstable();
                src.extend(rc_sorted.iter().map(|(_, l)| *l));
                let mut perm = vec![0; lr];
                for (pos, &dim) in src.iter().enumerate() {
                    perm[dim] = pos;
                }
                out[0] = Some(if perm.iter().enumerate().all(|(i, &p)| i == p) { d } else { e.b1(Prim::Transpose { perm }, &[d])? });
            } else {
                let l = val(0)?;
                let d = e.b1(Prim::DotGeneral { lhs_contract: lfree.clone(), rhs_contract: c_lfree.clone(), lhs_batch: lhs_batch.clone(), rhs_batch: c_batch.clone() }, &[l, c])?;
                // Result: batch, lhs remaining (= contract dims in increasing lhs order), c's rhs free.
                let mut src: Vec<usize> = rhs_batch.clone();
                let mut lc_sorted: Vec<(usize, usize)> = lhs_contract.iter().copied().zip(rhs_contract.iter().copied()).collect();
                lc_sorted.sort_unstable();
                src.extend(lc_sorted.iter().map(|(_, r)| *r));
                src.extend(&rfree);
                let mut perm = vec![0; rr];
                for (pos, &dim) in src.iter().enumerate() {
                    perm[dim] = pos;
                }
                let _ = c_rfree;
                out[1] = Some(if perm.iter().enumerate().all(|(i, &p)| i == p) { d } else { e.b1(Prim::Transpose { perm }, &[d])? });
            }
        }
        Prim::CustomLinear { bwd, n_res, .. } => {
            let mut args: Vec<Var> = (0..*n_res).map(val).collect::<R<_>>()?;
            for (k, ci) in cts.iter().enumerate() {
                args.push(match ci {
                    Some(v) => *v,
                    None => {
                        let t = bwd.ty(bwd.params[*n_res + k]).clone();
                        e.zeros(&t)?
                    }
                });
            }
            let res = e.inline(bwd, &args)?;
            for (i, r) in res.into_iter().enumerate() {
                if n_res + i < n && lin[n_res + i] {
                    out[n_res + i] = Some(r);
                }
            }
        }
        Prim::Exp | Prim::Log | Prim::Log1p | Prim::Expm1 | Prim::Sqrt | Prim::Sin | Prim::Cos | Prim::Tan | Prim::Asin | Prim::Acos | Prim::Atan | Prim::Sinh | Prim::Cosh | Prim::Tanh | Prim::Abs
        | Prim::Sign | Prim::Floor | Prim::Ceil | Prim::Round | Prim::Not | Prim::Rem | Prim::Pow | Prim::Max | Prim::Min | Prim::Atan2 | Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt
        | Prim::Ge | Prim::And | Prim::Or | Prim::Xor | Prim::ReduceProd { .. } | Prim::ReduceMax { .. } | Prim::ReduceMin { .. } | Prim::Argmax { .. } | Prim::Argmin { .. }
        | Prim::Cumprod { .. } | Prim::Sort { .. } | Prim::Argsort { .. } | Prim::Iota { .. } | Prim::Literal(_) | Prim::Threefry2x32 | Prim::DebugPrint { .. } | Prim::CustomVjp { .. }
        | Prim::CustomJvp { .. } => return nonlinear(),
    }
    Ok(out)
}

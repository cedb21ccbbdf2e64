//! `transpose`: turns a linear function (from `linearize`) into the function that maps output
//! cotangents to input cotangents. One rule per primitive in one exhaustive `match`; primitives
//! that are never linear in an operand say so.
//!
//! Arithmetic on cotangents is plain IEEE (0 × ∞ is NaN, as in JAX), with one exception that
//! keeps DESIGN's promise about branches not taken. A `select`'s transpose sends zeros to the
//! operand it did not choose, and marks them: beside each cotangent this pass keeps an optional
//! *mask*, a bool array true where the element is such a zero. A product or quotient of a masked
//! cotangent with a value that may not be finite is `select(mask, 0, c · r)`, so the zero stays
//! zero; every other product is the plain one, with no guard equation. Masks follow a cotangent
//! through neg, cast, reshape, transpose, rev, broadcast, slice, pad, concatenate and sums (an
//! element of a sum is masked where every term is), and every other primitive drops them.
//! Values known to be finite (built from literals) need no guard.

use super::emit::{unbroadcast_axes, Emit, EmitExt, R};
use crate::array::Scalar;
use crate::ir::{Builder, Func, Type, Var};
use crate::prim::{Prim, ScatterMode};
use std::collections::{HashMap, HashSet};

/// The elements of a cotangent that are zeros from a branch a select did not take: where `var`
/// (a bool array of the cotangent's shape) is true, or false when `neg`. Keeping the polarity
/// spares a `not` equation: the operand a select did not choose is masked by its predicate.
#[derive(Clone, Copy, Debug)]
struct Mask {
    var: Var,
    neg: bool,
}

/// A cotangent and its mask, if some of its elements are unselected-branch zeros.
#[derive(Clone, Copy, Debug)]
struct Ct {
    v: Var,
    mask: Option<Mask>,
}

impl Ct {
    fn plain(v: Var) -> Ct {
        Ct { v, mask: None }
    }
}

/// Transpose `lin` (parameters: `n_res` residuals, then linear inputs). The result takes
/// `(residuals…, one cotangent per output of lin…)` and returns one cotangent per linear input.
/// `finite_res[i]` says residual `i` is known to be finite (`finite_outputs` of the primal).
pub fn transpose(lin: &Func, n_res: usize, finite_res: &[bool]) -> R<Func> {
    let mut b = Builder::new();
    // Values available in the new function: residuals, and the equations of `lin` without a
    // linear operand (constants linearize rebuilt there rather than pass as residuals), which
    // are computed first. `finite` holds those built from finite literals only.
    let mut known: HashMap<Var, Var> = HashMap::new();
    let mut finite: HashSet<Var> = HashSet::new();
    for (i, &p) in lin.params[..n_res].iter().enumerate() {
        let v = b.param(lin.ty(p).clone());
        known.insert(p, v);
        if finite_res.get(i).copied().unwrap_or(false) {
            finite.insert(p);
        }
    }
    for eqn in &lin.eqns {
        if eqn.ins.iter().all(|v| known.contains_key(v)) {
            let ins: Vec<Var> = eqn.ins.iter().map(|v| known[v]).collect();
            let outs = b.bind(eqn.prim.clone(), &ins)?;
            if keeps_finite(&eqn.prim, &eqn.ins, &finite) {
                finite.extend(eqn.outs.iter().copied());
            }
            for (o, n) in eqn.outs.iter().zip(outs) {
                known.insert(*o, n);
            }
        }
    }
    let mut ct: HashMap<Var, Ct> = HashMap::new();
    for &o in &lin.outs {
        let c = b.param(lin.ty(o).clone());
        if known.contains_key(&o) {
            continue; // an output that is a residual has no linear dependence
        }
        add_ct(&mut b, &mut ct, o, Ct::plain(c))?;
    }
    for eqn in lin.eqns.iter().rev() {
        let cts: Vec<Option<Ct>> = eqn.outs.iter().map(|o| ct.remove(o)).collect();
        if cts.iter().all(|c| c.is_none()) {
            continue;
        }
        let lin_in: Vec<bool> = eqn.ins.iter().map(|v| !known.contains_key(v)).collect();
        let vals: Vec<Option<Var>> = eqn.ins.iter().map(|v| known.get(v).copied()).collect();
        let fin: Vec<bool> = eqn.ins.iter().map(|v| finite.contains(v)).collect();
        let in_tys = eqn.ins.iter().map(|v| lin.ty(*v).clone()).collect::<Vec<_>>();
        let out_tys = eqn.outs.iter().map(|v| lin.ty(*v).clone()).collect::<Vec<_>>();
        let contrib = rule(&mut b, &eqn.prim, &vals, &lin_in, &fin, &in_tys, &out_tys, &cts).map_err(|m| format!("transposing {}: {m}", eqn.prim.name()))?;
        for (v, c) in eqn.ins.iter().zip(contrib) {
            if let Some(c) = c {
                add_ct(&mut b, &mut ct, *v, c)?;
            }
        }
    }
    let mut outs = Vec::new();
    for &p in &lin.params[n_res..] {
        outs.push(match ct.remove(&p) {
            Some(c) => c.v,
            None => b.zeros(&lin.ty(p).clone())?,
        });
    }
    Ok(b.finish(outs))
}

/// Which outputs of `func` are known to be finite: built from finite literals only (by
/// broadcasts, reshapes, transposes, negations and selects), such as the weights of
/// `maximum`'s derivative.
pub fn finite_outputs(func: &Func) -> Vec<bool> {
    let mut finite: HashSet<Var> = HashSet::new();
    for e in &func.eqns {
        if keeps_finite(&e.prim, &e.ins, &finite) {
            finite.extend(e.outs.iter().copied());
        }
    }
    func.outs.iter().map(|o| finite.contains(o)).collect()
}

/// Whether the outputs of `prim` applied to `ins` are finite when the inputs in `finite` are.
fn keeps_finite(prim: &Prim, ins: &[Var], finite: &HashSet<Var>) -> bool {
    let fin = |i: usize| ins.get(i).is_some_and(|v| finite.contains(v));
    if let Prim::Literal(s) = prim {
        return s.to_f64().is_finite();
    }
    matches!(prim, Prim::BroadcastInDim { .. } | Prim::Reshape { .. } | Prim::Transpose { .. } | Prim::Neg) && fin(0) || *prim == Prim::Select && fin(1) && fin(2)
}

/// Accumulate a contribution `c` into the cotangent of `v`: a sum is masked where both terms are.
fn add_ct(b: &mut Builder, ct: &mut HashMap<Var, Ct>, v: Var, c: Ct) -> R<()> {
    let new = match ct.get(&v) {
        Some(&old) => {
            let mask = match (old.mask, c.mask) {
                (Some(x), Some(y)) => and(b, x, y)?,
                _ => None,
            };
            Ct { v: b.add(old.v, c.v)?, mask }
        }
        None => c,
    };
    ct.insert(v, new);
    Ok(())
}

/// The mask `var` as a bool array true where masked.
fn positive(e: &mut dyn Emit, m: Mask) -> R<Var> {
    if m.neg {
        e.b1(Prim::Not, &[m.var])
    } else {
        Ok(m.var)
    }
}

/// Both masked; `None` when that is never (a mask and its negation).
fn and(e: &mut dyn Emit, a: Mask, b: Mask) -> R<Option<Mask>> {
    if a.var == b.var {
        return Ok((a.neg == b.neg).then_some(a));
    }
    Ok(Some(if a.neg && b.neg {
        // ¬p ∧ ¬q = ¬(p ∨ q)
        Mask { var: e.b1(Prim::Or, &[a.var, b.var])?, neg: true }
    } else {
        let (p, q) = (positive(e, a)?, positive(e, b)?);
        Mask { var: e.b1(Prim::And, &[p, q])?, neg: false }
    }))
}

/// Either masked.
fn or(e: &mut dyn Emit, a: Mask, b: Mask) -> R<Mask> {
    let flip = |m: Mask| Mask { var: m.var, neg: !m.neg };
    match and(e, flip(a), flip(b))? {
        Some(m) => Ok(flip(m)),
        None => {
            // p ∨ ¬p: every element.
            let t = e.ty(a.var);
            let one = e.b1(Prim::Literal(Scalar::Bool(true)), &[])?;
            let all = if t.shape.is_empty() { one } else { e.b1(Prim::BroadcastInDim { shape: t.shape, dims: vec![] }, &[one])? };
            Ok(Mask { var: all, neg: false })
        }
    }
}

/// `v`, with the elements `m` marks set to zero.
fn guard(e: &mut dyn Emit, m: Mask, v: Var) -> R<Var> {
    let z = e.lit_like(0.0, v)?;
    if m.neg {
        e.select(m.var, v, z)
    } else {
        e.select(m.var, z, v)
    }
}

/// The mask moved as `prim` moves the cotangent's elements.
fn moved(e: &mut dyn Emit, m: Option<Mask>, prim: Prim) -> R<Option<Mask>> {
    match m {
        Some(m) => Ok(Some(Mask { var: e.b1(prim, &[m.var])?, neg: m.neg })),
        None => Ok(None),
    }
}

/// The cotangent contributions to each operand of one equation. `vals[i]` is the value of a
/// non-linear (residual) operand, `fin[i]` says it is known to be finite, and `lin[i]` says which
/// operands are linear.
#[allow(clippy::too_many_arguments)]
fn rule(e: &mut dyn Emit, prim: &Prim, vals: &[Option<Var>], lin: &[bool], fin: &[bool], tys: &[Type], out_tys: &[Type], cts: &[Option<Ct>]) -> R<Vec<Option<Ct>>> {
    let n = tys.len();
    let mut out: Vec<Option<Ct>> = vec![None; n];
    let zeros_for = |e: &mut dyn Emit, i: usize| e.zeros(&tys[i]);
    let c = match cts.first() {
        Some(Some(c)) => *c,
        _ => match prim {
            Prim::CustomLinear { .. } => Ct::plain(e.zeros(&tys[0])?), // replaced below
            Prim::Cond { .. } | Prim::Scan { .. } | Prim::While { .. } if cts.iter().any(|c| c.is_some()) => Ct::plain(e.zeros(&tys[0])?), // replaced below
            _ => return Ok(out),
        },
    };
    let val = |i: usize| vals[i].ok_or_else(|| format!("operand {i} must be a known value here"));
    let nonlinear = || Err::<Vec<Option<Ct>>, String>(format!("{} is not linear in its operands", prim.name()));
    // The cotangent moved by the movement primitive `p`, its mask moved alike.
    let mv = |e: &mut dyn Emit, p: Prim| -> R<Ct> { Ok(Ct { v: e.b1(p.clone(), &[c.v])?, mask: moved(e, c.mask, p)? }) };
    // `op(c, r)` (a product or quotient with a residual), masked zeros kept zero unless `r` is finite.
    let scaled = |e: &mut dyn Emit, v: Var, r_finite: bool| -> R<Ct> {
        let v = match c.mask {
            Some(m) if !r_finite => guard(e, m, v)?,
            _ => v,
        };
        Ok(Ct { v, mask: c.mask })
    };
    match prim {
        Prim::Add => {
            out[0] = lin[0].then_some(c);
            out[1] = lin[1].then_some(c);
        }
        Prim::Sub => {
            out[0] = lin[0].then_some(c);
            if lin[1] {
                out[1] = Some(Ct { v: e.neg(c.v)?, mask: c.mask });
            }
        }
        Prim::Neg => out[0] = Some(Ct { v: e.neg(c.v)?, mask: c.mask }),
        Prim::Mul => {
            if lin[0] && lin[1] {
                return nonlinear();
            }
            if lin[0] {
                let p = e.mul(c.v, val(1)?)?;
                out[0] = Some(scaled(e, p, fin[1])?);
            } else {
                let p = e.mul(val(0)?, c.v)?;
                out[1] = Some(scaled(e, p, fin[0])?);
            }
        }
        Prim::Div => {
            if lin[1] {
                return nonlinear();
            }
            let q = e.div(c.v, val(1)?)?;
            out[0] = Some(scaled(e, q, fin[1])?);
        }
        Prim::Select => {
            if lin[0] {
                return nonlinear();
            }
            // The operand not chosen gets zeros, masked: by ¬p for the true case, p for the false.
            let z = e.lit_like(0.0, c.v)?;
            let p = val(0)?;
            if lin[1] {
                let mine = Mask { var: p, neg: true };
                let mask = match c.mask {
                    Some(m) => or(e, mine, m)?,
                    None => mine,
                };
                out[1] = Some(Ct { v: e.select(p, c.v, z)?, mask: Some(mask) });
            }
            if lin[2] {
                let mine = Mask { var: p, neg: false };
                let mask = match c.mask {
                    Some(m) => or(e, mine, m)?,
                    None => mine,
                };
                out[2] = Some(Ct { v: e.select(p, z, c.v)?, mask: Some(mask) });
            }
        }
        Prim::Cast { .. } => out[0] = Some(Ct { v: e.cast(c.v, tys[0].dtype)?, mask: c.mask }),
        Prim::StopGradient => {}
        Prim::ReduceSum { axes } => {
            let shape = tys[0].shape.clone();
            let keep: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
            out[0] = Some(mv(e, Prim::BroadcastInDim { shape, dims: keep })?);
        }
        Prim::BroadcastInDim { dims, .. } => {
            let v = e.unbroadcast(c.v, &tys[0].shape, dims)?;
            let mask = match c.mask {
                Some(m) => {
                    // Masked where every summed element is: all of var, or any of it when negated.
                    let axes = unbroadcast_axes(&e.ty(c.v).shape, &tys[0].shape, dims);
                    let r = if axes.is_empty() {
                        m.var
                    } else if m.neg {
                        e.b1(Prim::ReduceMax { axes }, &[m.var])?
                    } else {
                        e.b1(Prim::ReduceMin { axes }, &[m.var])?
                    };
                    let r = if e.ty(r).shape == tys[0].shape { r } else { e.b1(Prim::Reshape { shape: tys[0].shape.clone() }, &[r])? };
                    Some(Mask { var: r, neg: m.neg })
                }
                None => None,
            };
            out[0] = Some(Ct { v, mask });
        }
        Prim::Reshape { .. } => out[0] = Some(mv(e, Prim::Reshape { shape: tys[0].shape.clone() })?),
        Prim::Transpose { perm } => {
            let mut inv = vec![0; perm.len()];
            for (i, &p) in perm.iter().enumerate() {
                inv[p] = i;
            }
            out[0] = Some(mv(e, Prim::Transpose { perm: inv })?);
        }
        Prim::Rev { axes } => out[0] = Some(mv(e, Prim::Rev { axes: axes.clone() })?),
        Prim::Slice { start, limit: _, stride } => {
            let in_shape = &tys[0].shape;
            let out_shape = e.ty(c.v).shape;
            let mut hi = Vec::new();
            let mut interior = Vec::new();
            for d in 0..in_shape.len() {
                let used = if out_shape[d] == 0 { 0 } else { start[d] + (out_shape[d] - 1) * stride[d] + 1 };
                // (An empty dimension pads to the full extent below.)
                hi.push(if out_shape[d] == 0 { 0 } else { in_shape[d] - used.max(start[d]).min(in_shape[d]) });
                interior.push(if out_shape[d] == 0 { 0 } else { stride[d] - 1 });
            }
            // With an empty slice, pad zeros to the full extent.
            let lo: Vec<usize> = (0..in_shape.len()).map(|d| if out_shape[d] == 0 { 0 } else { start[d] }).collect();
            let hi: Vec<usize> = (0..in_shape.len()).map(|d| if out_shape[d] == 0 { in_shape[d] } else { hi[d] }).collect();
            let pad = Prim::Pad { lo, hi, interior };
            let z = e.full(0.0, &[], tys[0].dtype)?;
            let v = e.b1(pad.clone(), &[c.v, z])?;
            // The padding is not masked: pad the mask with "not masked".
            let mask = match c.mask {
                Some(m) => {
                    let fill = e.b1(Prim::Literal(Scalar::Bool(m.neg)), &[])?;
                    Some(Mask { var: e.b1(pad, &[m.var, fill])?, neg: m.neg })
                }
                None => None,
            };
            out[0] = Some(Ct { v, mask });
        }
        Prim::Pad { lo, hi: _, interior } => {
            let in_shape = tys[0].shape.clone();
            let limit: Vec<usize> = (0..in_shape.len()).map(|d| if in_shape[d] == 0 { lo[d] } else { lo[d] + (in_shape[d] - 1) * (interior[d] + 1) + 1 }).collect();
            let stride: Vec<usize> = interior.iter().map(|i| i + 1).collect();
            let taken = Prim::Slice { start: lo.clone(), limit, stride };
            if lin[0] {
                out[0] = Some(mv(e, taken.clone())?);
            }
            if lin[1] {
                // The pad value's cotangent: everything not taken by the operand.
                let all = e.b1(Prim::ReduceSum { axes: (0..in_shape.len()).collect() }, &[c.v])?;
                let t = match out[0] {
                    Some(t) => t.v,
                    None => e.b1(taken, &[c.v])?,
                };
                let t = e.b1(Prim::ReduceSum { axes: (0..in_shape.len()).collect() }, &[t])?;
                out[1] = Some(Ct::plain(e.sub(all, t)?));
            }
        }
        Prim::Concat { axis } => {
            let mut off = 0;
            let cshape = e.ty(c.v).shape;
            for i in 0..n {
                let w = tys[i].shape[*axis];
                if lin[i] {
                    let mut start = vec![0; cshape.len()];
                    let mut limit = cshape.clone();
                    start[*axis] = off;
                    limit[*axis] = off + w;
                    out[i] = Some(mv(e, Prim::Slice { start, limit, stride: vec![1; cshape.len()] })?);
                }
                off += w;
            }
        }
        Prim::Gather { axis } => {
            if lin[1] {
                return nonlinear();
            }
            let z = zeros_for(e, 0)?;
            out[0] = Some(Ct::plain(e.b1(Prim::Scatter { axis: *axis, mode: ScatterMode::Add }, &[z, val(1)?, c.v])?));
        }
        Prim::Scatter { axis, mode } => {
            let idx = val(1)?;
            match mode {
                ScatterMode::Add => {
                    out[0] = lin[0].then_some(c);
                    if lin[2] {
                        out[2] = Some(Ct::plain(e.b1(Prim::Gather { axis: *axis }, &[c.v, idx])?));
                    }
                }
                ScatterMode::Set => {
                    if lin[0] {
                        let zu = zeros_for(e, 2)?;
                        out[0] = Some(Ct::plain(e.b1(Prim::Scatter { axis: *axis, mode: ScatterMode::Set }, &[c.v, idx, zu])?));
                    }
                    if lin[2] {
                        out[2] = Some(Ct::plain(e.b1(Prim::Gather { axis: *axis }, &[c.v, idx])?));
                    }
                }
                ScatterMode::Mul | ScatterMode::Min | ScatterMode::Max => return nonlinear(),
            }
        }
        Prim::Cumsum { axis, reverse } => out[0] = Some(Ct::plain(e.b1(Prim::Cumsum { axis: *axis, reverse: !reverse }, &[c.v])?)),
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
                let d = e.b1(Prim::DotGeneral { lhs_contract: c_rfree.clone(), rhs_contract: rfree.clone(), lhs_batch: c_batch.clone(), rhs_batch: rhs_batch.clone() }, &[c.v, r])?;
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
                out[0] = Some(Ct::plain(if perm.iter().enumerate().all(|(i, &p)| i == p) { d } else { e.b1(Prim::Transpose { perm }, &[d])? }));
            } else {
                let l = val(0)?;
                let d = e.b1(Prim::DotGeneral { lhs_contract: lfree.clone(), rhs_contract: c_lfree.clone(), lhs_batch: lhs_batch.clone(), rhs_batch: c_batch.clone() }, &[l, c.v])?;
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
                out[1] = Some(Ct::plain(if perm.iter().enumerate().all(|(i, &p)| i == p) { d } else { e.b1(Prim::Transpose { perm }, &[d])? }));
            }
        }
        Prim::CustomLinear { bwd, n_res, .. } => {
            let mut args: Vec<Var> = (0..*n_res).map(val).collect::<R<_>>()?;
            for (k, ci) in cts.iter().enumerate() {
                args.push(match ci {
                    Some(v) => v.v,
                    None => {
                        let t = bwd.ty(bwd.params[*n_res + k]).clone();
                        e.zeros(&t)?
                    }
                });
            }
            let res = e.inline(bwd, &args)?;
            for (i, r) in res.into_iter().enumerate() {
                if n_res + i < n && lin[n_res + i] {
                    out[n_res + i] = Some(Ct::plain(r));
                }
            }
        }
        Prim::Exp | Prim::Log | Prim::Log1p | Prim::Expm1 | Prim::Sqrt | Prim::Sin | Prim::Cos | Prim::Tan | Prim::Asin | Prim::Acos | Prim::Atan | Prim::Sinh | Prim::Cosh | Prim::Tanh | Prim::IntegerPow { .. } | Prim::Abs
        | Prim::Sign | Prim::Floor | Prim::Ceil | Prim::Round | Prim::Not | Prim::Rem | Prim::Pow | Prim::Max | Prim::Min | Prim::Atan2 | Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt
        | Prim::Ge | Prim::And | Prim::Or | Prim::Xor | Prim::ReduceProd { .. } | Prim::ReduceMax { .. } | Prim::ReduceMin { .. } | Prim::Argmax { .. } | Prim::Argmin { .. }
        | Prim::Cumprod { .. } | Prim::Sort { .. } | Prim::Argsort { .. } | Prim::Iota { .. } | Prim::Literal(_) | Prim::Threefry2x32 | Prim::DebugPrint { .. } | Prim::CustomVjp { .. }
        | Prim::CustomJvp { .. } | Prim::HostCall { .. } => return nonlinear(),
        Prim::Cond { .. } | Prim::Scan { .. } | Prim::While { .. } => {
            // Their cotangents are unmasked sums: masks stop at a nested function's boundary.
            let cv: Vec<Option<Var>> = cts.iter().map(|c| c.map(|c| c.v)).collect();
            let r = super::control::transpose_rule(e, prim, vals, lin, tys, &cv, out_tys)?;
            for (i, v) in r.into_iter().enumerate() {
                out[i] = v.map(Ct::plain);
            }
        }
    }
    Ok(out)
}

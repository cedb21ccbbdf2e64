//! Forward mode: `jvp` turns a `Func` into one that also computes tangents. One rule per
//! primitive, in one exhaustive `match`; most rules are one line. Tangents are `Option<Var>`:
//! `None` is a symbolic zero (integer values, constants, and anything not depending on the
//! inputs being differentiated), so no work is emitted for it.

use super::emit::{differentiable, Emit, EmitExt, R};
use crate::ir::{Builder, Func, Var};
use crate::prim::{CallbackKind, Prim, ScatterMode};

/// JAX's error for differentiating through `jax.pure_callback` (a `ValueError`).
pub const PURE_CALLBACK_JVP: &str = "Pure callbacks do not support JVP. Please use `jax.custom_jvp` to use callbacks while taking gradients.";
/// JAX's error for differentiating through `io_callback` (a `ValueError`).
pub const IO_CALLBACK_JVP: &str = "IO callbacks do not support JVP.";
use std::collections::HashMap;

/// The tangents of `prim`'s outputs `y` (already bound from inputs `x`), given input tangents `t`.
///
/// The rules are JAX's (`jax/_src/lax/lax.py`), operation for operation, so tangents and gradients
/// equal JAX's, NaN and inf included (bit for bit where the operations are correctly rounded).
/// The exceptions: `rem` (numpy's meaning, not C's), the products and `sort` (JAX's rules use
/// associative scans and variadic sorts), and `maximum`/`minimum`, written with selects so that
/// `transpose` masks the operand not chosen (same values where it is chosen).
pub fn rule(e: &mut dyn Emit, prim: &Prim, x: &[Var], y: &[Var], t: &[Option<Var>]) -> R<Vec<Option<Var>>> {
    if t.iter().all(|t| t.is_none()) {
        return Ok(vec![None; y.len()]);
    }
    // A tangent, or zeros shaped like operand i.
    fn inst(e: &mut dyn Emit, t: Option<Var>, like: Var) -> R<Var> {
        match t {
            Some(v) => Ok(v),
            None => {
                let ty = e.ty(like);
                e.zeros(&ty)
            }
        }
    }
    // Apply a linear primitive to the tangents (zeros where absent).
    fn linear(e: &mut dyn Emit, prim: &Prim, x: &[Var], t: &[Option<Var>]) -> R<Vec<Option<Var>>> {
        let mut ts = Vec::with_capacity(t.len());
        for (i, ti) in t.iter().enumerate() {
            ts.push(inst(e, *ti, x[i])?);
        }
        Ok(e.bind(prim.clone(), &ts)?.into_iter().map(Some).collect())
    }
    let one = |v: Var| -> R<Vec<Option<Var>>> { Ok(vec![Some(v)]) };
    let t0 = t[0];
    let tx = |e: &mut dyn Emit| inst(e, t0, x[0]);
    match prim {
        // Piecewise constant or integer-valued: zero derivative.
        Prim::Not | Prim::Sign | Prim::Floor | Prim::Ceil | Prim::Round | Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge | Prim::And | Prim::Or | Prim::Xor
        | Prim::Argmax { .. } | Prim::Argmin { .. } | Prim::Argsort { .. } | Prim::Iota { .. } | Prim::Literal(_) | Prim::Threefry2x32 | Prim::StopGradient => Ok(vec![None; y.len()]),
        Prim::DebugPrint { .. } => Ok(vec![]),
        // JAX's rules: a pure or io callback has no derivative (custom_jvp/custom_vjp give one);
        // a debug callback ran on the primals and has no outputs.
        Prim::HostCall { kind: CallbackKind::Pure, .. } => Err(PURE_CALLBACK_JVP.into()),
        Prim::HostCall { kind: CallbackKind::Io { .. }, .. } => Err(IO_CALLBACK_JVP.into()),
        Prim::HostCall { kind: CallbackKind::Debug, .. } => Ok(vec![]),
        Prim::Neg => { let t = tx(e)?; one(e.neg(t)?) }
        Prim::Abs => { let z = e.lit_like(0.0, x[0])?; let p = e.b1(Prim::Ge, &[x[0], z])?; let t = tx(e)?; let n = e.neg(t)?; one(e.select(p, t, n)?) }
        Prim::Exp => { let t = tx(e)?; one(e.mul(t, y[0])?) }
        Prim::Log => { let t = tx(e)?; one(e.div(t, x[0])?) }
        Prim::Log1p => { let o = e.lit_like(1.0, x[0])?; let d = e.add(x[0], o)?; let t = tx(e)?; one(e.div(t, d)?) }
        Prim::Expm1 => { let o = e.lit_like(1.0, y[0])?; let d = e.add(y[0], o)?; let t = tx(e)?; one(e.mul(t, d)?) }
        Prim::Sqrt => { let h = e.lit_like(0.5, x[0])?; let d = e.div(h, y[0])?; let t = tx(e)?; one(e.mul(t, d)?) }
        Prim::Sin => { let c = e.b1(Prim::Cos, &[x[0]])?; let t = tx(e)?; one(e.mul(t, c)?) }
        Prim::Cos => { let s = e.b1(Prim::Sin, &[x[0]])?; let t = tx(e)?; let m = e.mul(t, s)?; one(e.neg(m)?) }
        Prim::Tan => { let o = e.lit_like(1.0, x[0])?; let y2 = e.mul(y[0], y[0])?; let d = e.add(o, y2)?; let t = tx(e)?; one(e.mul(t, d)?) }
        Prim::Asin | Prim::Acos => {
            // g · rsqrt(1 - x²), negated for acos; rsqrt is 1 / sqrt, as XLA computes it on CPUs.
            let o = e.lit_like(1.0, x[0])?;
            let x2 = e.mul(x[0], x[0])?;
            let r = e.sub(o, x2)?;
            let s = e.b1(Prim::Sqrt, &[r])?;
            let q = e.div(o, s)?;
            let q = if *prim == Prim::Acos { e.neg(q)? } else { q };
            let t = tx(e)?;
            one(e.mul(t, q)?)
        }
        Prim::Atan => { let o = e.lit_like(1.0, x[0])?; let x2 = e.mul(x[0], x[0])?; let d = e.add(o, x2)?; let t = tx(e)?; one(e.div(t, d)?) }
        Prim::Sinh => { let c = e.b1(Prim::Cosh, &[x[0]])?; let t = tx(e)?; one(e.mul(t, c)?) }
        Prim::Cosh => { let s = e.b1(Prim::Sinh, &[x[0]])?; let t = tx(e)?; one(e.mul(t, s)?) }
        Prim::Tanh => {
            // (g + g·y)(1 - y).
            let t = tx(e)?;
            let gy = e.mul(t, y[0])?;
            let s = e.add(t, gy)?;
            let o = e.lit_like(1.0, x[0])?;
            let d = e.sub(o, y[0])?;
            one(e.mul(s, d)?)
        }
        Prim::IntegerPow { y: n } => match *n {
            0 => Ok(vec![None]),
            1 => one(tx(e)?),
            2 => { let c = e.lit_like(2.0, x[0])?; let d = e.mul(c, x[0])?; let t = tx(e)?; one(e.mul(t, d)?) }
            n => { let c = e.lit_like(n as f64, x[0])?; let p = e.b1(Prim::IntegerPow { y: n - 1 }, &[x[0]])?; let d = e.mul(c, p)?; let t = tx(e)?; one(e.mul(t, d)?) }
        },
        Prim::Add | Prim::Sub => match (t[0], t[1]) {
            (Some(a), Some(b)) => one(e.b1(prim.clone(), &[a, b])?),
            (Some(a), None) => one(a),
            (None, Some(b)) => one(if *prim == Prim::Sub { e.neg(b)? } else { b }),
            (None, None) => Ok(vec![None]),
        },
        Prim::Mul => {
            let a = match t[0] { Some(ta) => Some(e.mul(ta, x[1])?), None => None };
            let b = match t[1] { Some(tb) => Some(e.mul(x[0], tb)?), None => None };
            one(match (a, b) { (Some(a), Some(b)) => e.add(a, b)?, (Some(a), None) => a, (None, Some(b)) => b, (None, None) => return Ok(vec![None]) })
        }
        Prim::Div => {
            // ta / b, and -tb · a · b⁻².
            let a = match t[0] { Some(ta) => Some(e.div(ta, x[1])?), None => None };
            let b = match t[1] {
                Some(tb) => {
                    let n = e.neg(tb)?;
                    let m = e.mul(n, x[0])?;
                    let r = e.b1(Prim::IntegerPow { y: -2 }, &[x[1]])?;
                    Some(e.mul(m, r)?)
                }
                None => None,
            };
            one(match (a, b) { (Some(a), Some(b)) => e.add(a, b)?, (Some(a), None) => a, (None, Some(b)) => b, (None, None) => return Ok(vec![None]) })
        }
        Prim::Rem => {
            // a - floor(a/b)*b: d/da = 1, d/db = -floor(a/b).
            let a = t[0];
            let b = match t[1] { Some(tb) => { let q = e.div(x[0], x[1])?; let f = e.b1(Prim::Floor, &[q])?; let m = e.mul(tb, f)?; Some(e.neg(m)?) } None => None };
            one(match (a, b) { (Some(a), Some(b)) => e.add(a, b)?, (Some(a), None) => a, (None, Some(b)) => b, (None, None) => return Ok(vec![None]) })
        }
        Prim::Pow => {
            // tx · (p · x^(p-1)), and tp · (log(x, with 0 replaced by 1) · y). The exponent is a
            // float (binary primitives take one dtype), so no select for p = 0, as JAX.
            let a = match t[0] {
                Some(ta) => {
                    let o = e.lit_like(1.0, x[1])?;
                    let pm1 = e.sub(x[1], o)?;
                    let xp = e.b1(Prim::Pow, &[x[0], pm1])?;
                    let d = e.mul(x[1], xp)?;
                    Some(e.mul(ta, d)?)
                }
                None => None,
            };
            let b = match t[1] {
                Some(tb) => {
                    let z = e.lit_like(0.0, x[0])?;
                    let o = e.lit_like(1.0, x[0])?;
                    let x0 = e.b1(Prim::Eq, &[x[0], z])?;
                    let safe = e.select(x0, o, x[0])?;
                    let l = e.b1(Prim::Log, &[safe])?;
                    let d = e.mul(l, y[0])?;
                    Some(e.mul(tb, d)?)
                }
                None => None,
            };
            one(match (a, b) { (Some(a), Some(b)) => e.add(a, b)?, (Some(a), None) => a, (None, Some(b)) => b, (None, None) => return Ok(vec![None]) })
        }
        Prim::Max | Prim::Min => {
            // JAX's balanced rule: an operand equal to the result gets weight 1, ½ when both are
            // (a tie), else 0. Written select-then-scale, select(x == y_out, tx, 0) · w, so the
            // transpose's select masks the operand that was not chosen (transpose.rs) and no
            // product meets a masked zero; the values are JAX's tx · w.
            let ea = e.b1(Prim::Eq, &[x[0], y[0]])?;
            let eb = e.b1(Prim::Eq, &[x[1], y[0]])?;
            let half = e.lit_like(0.5, y[0])?;
            let unit = e.lit_like(1.0, y[0])?;
            let side = |e: &mut dyn Emit, t: Option<Var>, mine: Var, other: Var| -> R<Option<Var>> {
                let Some(t) = t else { return Ok(None) };
                let w = e.select(other, half, unit)?;
                let ty = e.ty(t);
                let z = e.zeros(&ty)?;
                let s = e.select(mine, t, z)?;
                Ok(Some(e.mul(s, w)?))
            };
            let a = side(e, t[0], ea, eb)?;
            let b = side(e, t[1], eb, ea)?;
            one(match (a, b) { (Some(a), Some(b)) => e.add(a, b)?, (Some(a), None) => a, (None, Some(b)) => b, (None, None) => return Ok(vec![None]) })
        }
        Prim::Atan2 => {
            // atan2(a, b): ta · (b / (a² + b²)) + tb · (-a / (a² + b²)).
            let a2 = e.mul(x[0], x[0])?;
            let b2 = e.mul(x[1], x[1])?;
            let den = e.add(a2, b2)?;
            let a = match t[0] { Some(ta) => { let q = e.div(x[1], den)?; Some(e.mul(ta, q)?) } None => None };
            let b = match t[1] { Some(tb) => { let n = e.neg(x[0])?; let q = e.div(n, den)?; Some(e.mul(tb, q)?) } None => None };
            one(match (a, b) { (Some(a), Some(b)) => e.add(a, b)?, (Some(a), None) => a, (None, Some(b)) => b, (None, None) => return Ok(vec![None]) })
        }
        Prim::Select => {
            if t[1].is_none() && t[2].is_none() {
                return Ok(vec![None]);
            }
            let a = inst(e, t[1], x[1])?;
            let b = inst(e, t[2], x[2])?;
            one(e.select(x[0], a, b)?)
        }
        Prim::Cast { dtype } => {
            if differentiable(*dtype) && differentiable(e.ty(x[0]).dtype) {
                let t = tx(e)?;
                one(e.cast(t, *dtype)?)
            } else {
                Ok(vec![None])
            }
        }
        Prim::ReduceSum { .. } | Prim::Reshape { .. } | Prim::BroadcastInDim { .. } | Prim::Transpose { .. } | Prim::Slice { .. } | Prim::Rev { .. } | Prim::Cumsum { .. } => linear(e, prim, x, t),
        Prim::Concat { .. } => linear(e, prim, x, t),
        Prim::Pad { .. } => linear(e, prim, x, t),
        Prim::Gather { .. } => { let tv = tx(e)?; one(e.b1(prim.clone(), &[tv, x[1]])?) }
        Prim::Scatter { mode, .. } => match mode {
            ScatterMode::Add | ScatterMode::Set => {
                let a = inst(e, t[0], x[0])?;
                let u = inst(e, t[2], x[2])?;
                one(e.b1(prim.clone(), &[a, x[1], u])?)
            }
            ScatterMode::Mul | ScatterMode::Min | ScatterMode::Max => Err("differentiating x.at[...].mul/min/max is not supported yet; use x.at[...].set with an explicit product".into()),
        },
        Prim::ReduceProd { axes } => {
            // d prod = sum(t * prod / x).
            let shape = e.ty(x[0]).shape;
            let keep: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
            let yb = e.b1(Prim::BroadcastInDim { shape: shape.clone(), dims: keep }, &[y[0]])?;
            let q = e.div(yb, x[0])?;
            let tv = tx(e)?;
            let m = e.mul(tv, q)?;
            one(e.b1(Prim::ReduceSum { axes: axes.clone() }, &[m])?)
        }
        Prim::ReduceMax { axes } | Prim::ReduceMin { axes } => {
            // The tangent at the locations of the extremum, averaged over ties (as JAX).
            let shape = e.ty(x[0]).shape;
            let keep: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
            let yb = e.b1(Prim::BroadcastInDim { shape: shape.clone(), dims: keep }, &[y[0]])?;
            let loc = e.b1(Prim::Eq, &[x[0], yb])?;
            let d = e.ty(x[0]).dtype;
            let w = e.cast(loc, d)?;
            let cnt = e.b1(Prim::ReduceSum { axes: axes.clone() }, &[w])?;
            let tv = tx(e)?;
            let m = e.mul(tv, w)?;
            let s = e.b1(Prim::ReduceSum { axes: axes.clone() }, &[m])?;
            one(e.div(s, cnt)?)
        }
        Prim::Cumprod { axis, reverse } => {
            // d cumprod = cumprod * cumsum(t / x).
            let tv = tx(e)?;
            let q = e.div(tv, x[0])?;
            let c = e.b1(Prim::Cumsum { axis: *axis, reverse: *reverse }, &[q])?;
            one(e.mul(y[0], c)?)
        }
        Prim::Sort { axis } => {
            // Permute the tangent as the sort permuted the values.
            let idx = e.b1(Prim::Argsort { axis: *axis, index_dtype: crate::array::DType::I64 }, &[x[0]])?;
            let tv = tx(e)?;
            one(take_along_axis(e, tv, idx, *axis)?)
        }
        Prim::DotGeneral { .. } => {
            let a = match t[0] { Some(ta) => Some(e.b1(prim.clone(), &[ta, x[1]])?), None => None };
            let b = match t[1] { Some(tb) => Some(e.b1(prim.clone(), &[x[0], tb])?), None => None };
            one(match (a, b) { (Some(a), Some(b)) => e.add(a, b)?, (Some(a), None) => a, (None, Some(b)) => b, (None, None) => return Ok(vec![None]) })
        }
        Prim::CustomVjp { fwd, bwd, .. } => {
            // Outputs and residuals from fwd; the tangent is the custom linear map whose transpose is bwd.
            let n_out = y.len();
            let res_out = e.inline(fwd, x)?;
            let res = res_out[n_out..].to_vec();
            let mut ins = res.clone();
            for (i, ti) in t.iter().enumerate() {
                ins.push(inst(e, *ti, x[i])?);
            }
            let out_types = y.iter().map(|&v| e.ty(v)).collect();
            let lin = Prim::CustomLinear { bwd: bwd.clone(), n_res: res.len(), out_types };
            Ok(e.bind(lin, &ins)?.into_iter().map(Some).collect())
        }
        Prim::CustomLinear { .. } => Err("a custom_vjp function's derivative was differentiated again in forward mode; that needs a custom_jvp rule".into()),
        Prim::CustomJvp { jvp, .. } => {
            let mut ins = x.to_vec();
            for (i, ti) in t.iter().enumerate() {
                ins.push(inst(e, *ti, x[i])?);
            }
            let outs = e.inline(jvp, &ins)?;
            Ok(outs[y.len()..].iter().map(|&v| Some(v)).collect())
        }
        // Bound with their primal by `control::jvp_joint` in `run_eqns`; here (outside it) the
        // primal is computed again and only its tangents are kept.
        Prim::Cond { .. } | Prim::Scan { .. } => Ok(super::control::jvp_joint(e, prim, x, t)?.map(|(_, t)| t).unwrap_or_else(|| vec![None; y.len()])),
        Prim::While { cond, body, n_cond, n_body } => super::control::while_jvp(e, cond, body, *n_cond, *n_body, x, t),
    }
}

/// `take_along_axis(v, idx, axis)` for `idx` of `v`'s shape, with gathers on the flattened array.
pub fn take_along_axis(e: &mut dyn Emit, v: Var, idx: Var, axis: usize) -> R<Var> {
    let shape = e.ty(v).shape;
    let n: usize = shape.iter().product();
    let strides = crate::array::strides(&shape);
    // flat = idx * stride[axis] + (position with axis index zeroed).
    let it = e.ty(idx).dtype;
    let mut base = e.full(0.0, &shape, it)?;
    for (d, &s) in strides.iter().enumerate() {
        if d == axis || shape[d] == 1 {
            continue;
        }
        let io = e.b1(Prim::Iota { shape: shape.clone(), axis: d, dtype: it }, &[])?;
        let sc = e.full(s as f64, &shape, it)?;
        let m = e.mul(io, sc)?;
        base = e.add(base, m)?;
    }
    let sa = e.full(strides[axis] as f64, &shape, it)?;
    let m = e.mul(idx, sa)?;
    let flat_idx = e.add(base, m)?;
    let flat_v = e.b1(Prim::Reshape { shape: vec![n] }, &[v])?;
    let fi = e.b1(Prim::Reshape { shape: vec![n] }, &[flat_idx])?;
    let g = e.b1(Prim::Gather { axis: 0 }, &[flat_v, fi])?;
    e.b1(Prim::Reshape { shape }, &[g])
}

/// `jvp(func)`: parameters `(primals…, tangents of the params marked in wrt…)`, outputs
/// `(outputs…, output tangents…)` (zeros for outputs that do not depend on `wrt` or are not floats).
pub fn jvp(func: &Func, wrt: &[bool]) -> R<Func> {
    let mut b = Builder::new();
    let mut env: HashMap<Var, Var> = HashMap::new();
    let mut tan: HashMap<Var, Var> = HashMap::new();
    for &p in &func.params {
        let v = b.param(func.ty(p).clone());
        env.insert(p, v);
    }
    for (i, &p) in func.params.iter().enumerate() {
        if wrt.get(i).copied().unwrap_or(false) && differentiable(func.ty(p).dtype) {
            let v = b.param(func.ty(p).clone());
            tan.insert(p, v);
        } else if wrt.get(i).copied().unwrap_or(false) {
            // A tangent parameter for an integer input is accepted and ignored.
            b.param(func.ty(p).clone());
        }
    }
    run_eqns(&mut b, func, &mut env, &mut tan)?;
    let mut outs: Vec<Var> = func.outs.iter().map(|o| env[o]).collect();
    for o in &func.outs {
        let tv = match tan.get(o) {
            Some(&t) => t,
            None => b.zeros(&func.ty(*o).clone())?,
        };
        outs.push(tv);
    }
    Ok(b.finish(outs))
}

/// Bind `func`'s equations with their tangents into `e` (shared by `jvp` and `linearize`).
pub fn run_eqns(e: &mut dyn Emit, func: &Func, env: &mut HashMap<Var, Var>, tan: &mut HashMap<Var, Var>) -> R<()> {
    for eqn in &func.eqns {
        let x: Vec<Var> = eqn.ins.iter().map(|v| env[v]).collect();
        let t: Vec<Option<Var>> = eqn.ins.iter().map(|v| tan.get(v).copied()).collect();
        // Cond and Scan bind their primal and tangents together (see `control`).
        let joint = super::control::jvp_joint(e, &eqn.prim, &x, &t).map_err(|m| format!("differentiating {}: {m}", eqn.prim.name()))?;
        let (y, ty) = match joint {
            Some(r) => r,
            None => {
                let y = e.bind(eqn.prim.clone(), &x)?;
                let ty = rule(e, &eqn.prim, &x, &y, &t).map_err(|m| format!("differentiating {}: {m}", eqn.prim.name()))?;
                (y, ty)
            }
        };
        for (o, n) in eqn.outs.iter().zip(&y) {
            env.insert(*o, *n);
        }
        for (o, tv) in eqn.outs.iter().zip(ty) {
            if let Some(tv) = tv {
                if differentiable(func.ty(*o).dtype) {
                    tan.insert(*o, tv);
                }
            }
        }
    }
    Ok(())
}

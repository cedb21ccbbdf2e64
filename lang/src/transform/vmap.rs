//! `vmap`: batching. Turns a `Func` over single examples into one over a batch, with the batch
//! dimension first on every batched value. One rule per primitive in one exhaustive `match`;
//! unbatched operands are broadcast only where a primitive needs operands of one shape.

use super::emit::{Emit, EmitExt, R};
use crate::array::DType;
use crate::ir::{Builder, Func, Var};
use crate::prim::{CallbackKind, Prim, VmapMethod};
use std::collections::HashMap;

/// Batch `func` over `size` examples: parameters marked in `batched` gain a leading dimension of
/// `size`; every output has one.
pub fn vmap(func: &Func, batched: &[bool], size: usize) -> R<Func> {
    let mut b = Builder::new();
    let mut env: HashMap<Var, (Var, bool)> = HashMap::new();
    for (i, &p) in func.params.iter().enumerate() {
        let mut t = func.ty(p).clone();
        let bt = batched.get(i).copied().unwrap_or(false);
        if bt {
            t.shape.insert(0, size);
        }
        env.insert(p, (b.param(t), bt));
    }
    run(&mut b, func, &mut env, size)?;
    let mut outs = Vec::new();
    for o in &func.outs {
        let (v, bt) = env[o];
        outs.push(if bt { v } else { bcast(&mut b, v, size)? });
    }
    Ok(b.finish(outs))
}

/// Batch `func`'s equations into `e` (also used to batch nested functions).
fn run(e: &mut dyn Emit, func: &Func, env: &mut HashMap<Var, (Var, bool)>, size: usize) -> R<()> {
    for eqn in &func.eqns {
        let x: Vec<Var> = eqn.ins.iter().map(|v| env[v].0).collect();
        let bx: Vec<bool> = eqn.ins.iter().map(|v| env[v].1).collect();
        let (ys, by) = if bx.iter().any(|&b| b) {
            rule(e, &eqn.prim, &x, &bx, size).map_err(|m| format!("batching {}: {m}", eqn.prim.name()))?
        } else {
            let ys = e.bind(eqn.prim.clone(), &x)?;
            let n = ys.len();
            (ys, vec![false; n])
        };
        for ((o, y), bt) in eqn.outs.iter().zip(ys).zip(by) {
            env.insert(*o, (y, bt));
        }
    }
    Ok(())
}

/// A host callback over a batch, as JAX's `callback_batching_rule`: `sequential` (the default
/// here; JAX asks for a `vmap_method`) is a scan calling it once per example; `expand_dims`
/// and `broadcast_all` call it once on the whole batch, the unbatched operands given a leading
/// axis of size 1 or broadcast. An ordered `io_callback` cannot be batched; a debug callback or
/// an unordered io_callback runs per example.
#[allow(clippy::too_many_arguments)]
fn host_call(e: &mut dyn Emit, callback: &crate::prim::HostFn, outs: &[crate::ir::Type], vmap_method: Option<VmapMethod>, kind: CallbackKind, x: &[Var], bx: &[bool], size: usize) -> R<(Vec<Var>, Vec<bool>)> {
    if kind == (CallbackKind::Io { ordered: true }) {
        return Err(ORDERED_IO_VMAP.into());
    }
    let method = if kind == CallbackKind::Pure { vmap_method.unwrap_or(VmapMethod::Sequential) } else { VmapMethod::Sequential };
    if method == VmapMethod::Sequential {
        // scan(consts = unbatched operands, xs = batched ones) over a body that calls once.
        let mut b = Builder::new();
        let mut params = vec![Var(0); x.len()];
        for pass in [false, true] {
            for (i, &v) in x.iter().enumerate() {
                if bx[i] == pass {
                    let mut t = e.ty(v);
                    if pass {
                        t.shape.remove(0);
                    }
                    params[i] = b.param(t);
                }
            }
        }
        let ys = b.bind(Prim::HostCall { callback: callback.clone(), outs: outs.to_vec(), vmap_method, kind }, &params)?;
        let body = std::rc::Rc::new(b.finish(ys));
        let n_consts = bx.iter().filter(|&&b| !b).count();
        let ins: Vec<Var> = x.iter().zip(bx).filter(|(_, &b)| !b).chain(x.iter().zip(bx).filter(|(_, &b)| b)).map(|(&v, _)| v).collect();
        let ys = e.bind(Prim::Scan { body, n_consts, n_carry: 0, length: size, reverse: false }, &ins)?;
        let n = ys.len();
        return Ok((ys, vec![true; n]));
    }
    let mut args = Vec::with_capacity(x.len());
    for (&v, &b) in x.iter().zip(bx) {
        args.push(if b {
            v
        } else if method == VmapMethod::ExpandDims {
            let t = e.ty(v);
            let mut shape = vec![1];
            shape.extend(&t.shape);
            e.b1(Prim::Reshape { shape }, &[v])?
        } else {
            bcast(e, v, size)?
        });
    }
    let outs: Vec<crate::ir::Type> = outs
        .iter()
        .map(|t| {
            let mut t = t.clone();
            t.shape.insert(0, size);
            t
        })
        .collect();
    let ys = e.bind(Prim::HostCall { callback: callback.clone(), outs, vmap_method, kind }, &args)?;
    let n = ys.len();
    Ok((ys, vec![true; n]))
}

/// JAX's error for `vmap` of an ordered `io_callback` (a `ValueError`).
pub const ORDERED_IO_VMAP: &str = "Cannot `vmap` ordered IO callback.";

/// Give an unbatched value a leading batch dimension.
fn bcast(e: &mut dyn Emit, v: Var, size: usize) -> R<Var> {
    let t = e.ty(v);
    let mut shape = vec![size];
    shape.extend(&t.shape);
    let dims: Vec<usize> = (1..=t.shape.len()).collect();
    e.b1(Prim::BroadcastInDim { shape, dims }, &[v])
}

/// Move dimension `from` to position `to`.
fn moveaxis(e: &mut dyn Emit, v: Var, from: usize, to: usize) -> R<Var> {
    if from == to {
        return Ok(v);
    }
    let n = e.ty(v).shape.len();
    let mut order: Vec<usize> = (0..n).filter(|&d| d != from).collect();
    order.insert(to, from);
    e.b1(Prim::Transpose { perm: order }, &[v])
}

fn shift(v: &[usize]) -> Vec<usize> {
    v.iter().map(|d| d + 1).collect()
}

fn rule(e: &mut dyn Emit, prim: &Prim, x: &[Var], bx: &[bool], size: usize) -> R<(Vec<Var>, Vec<bool>)> {
    // All operands batched (broadcast the others).
    fn all(e: &mut dyn Emit, x: &[Var], bx: &[bool], size: usize) -> R<Vec<Var>> {
        x.iter().zip(bx).map(|(&v, &b)| if b { Ok(v) } else { bcast(e, v, size) }).collect()
    }
    let one = |v: Var| Ok((vec![v], vec![true]));
    match prim {
        Prim::Neg | Prim::Not | Prim::Abs | Prim::Sign | Prim::Floor | Prim::Ceil | Prim::Round | Prim::Exp | Prim::Log | Prim::Log1p | Prim::Expm1 | Prim::Sqrt | Prim::Sin | Prim::Cos
        | Prim::Tan | Prim::Asin | Prim::Acos | Prim::Atan | Prim::Sinh | Prim::Cosh | Prim::Tanh | Prim::IntegerPow { .. } | Prim::Add | Prim::Sub | Prim::Mul | Prim::Div | Prim::Rem | Prim::Pow | Prim::Max
        | Prim::Min | Prim::Atan2 | Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge | Prim::And | Prim::Or | Prim::Xor | Prim::Select | Prim::Cast { .. } | Prim::StopGradient => {
            let xs = all(e, x, bx, size)?;
            one(e.b1(prim.clone(), &xs)?)
        }
        Prim::ReduceSum { axes } => one(e.b1(Prim::ReduceSum { axes: shift(axes) }, x)?),
        Prim::ReduceProd { axes } => one(e.b1(Prim::ReduceProd { axes: shift(axes) }, x)?),
        Prim::ReduceMax { axes } => one(e.b1(Prim::ReduceMax { axes: shift(axes) }, x)?),
        Prim::ReduceMin { axes } => one(e.b1(Prim::ReduceMin { axes: shift(axes) }, x)?),
        Prim::Argmax { axis, index_dtype } => one(e.b1(Prim::Argmax { axis: axis + 1, index_dtype: *index_dtype }, x)?),
        Prim::Argmin { axis, index_dtype } => one(e.b1(Prim::Argmin { axis: axis + 1, index_dtype: *index_dtype }, x)?),
        Prim::Cumsum { axis, reverse } => one(e.b1(Prim::Cumsum { axis: axis + 1, reverse: *reverse }, x)?),
        Prim::Cumprod { axis, reverse } => one(e.b1(Prim::Cumprod { axis: axis + 1, reverse: *reverse }, x)?),
        Prim::Sort { axis } => one(e.b1(Prim::Sort { axis: axis + 1 }, x)?),
        Prim::Argsort { axis, index_dtype } => one(e.b1(Prim::Argsort { axis: axis + 1, index_dtype: *index_dtype }, x)?),
        Prim::Reshape { shape } => {
            let mut s = vec![size];
            s.extend(shape);
            one(e.b1(Prim::Reshape { shape: s }, x)?)
        }
        Prim::BroadcastInDim { shape, dims } => {
            let mut s = vec![size];
            s.extend(shape);
            let mut d = vec![0];
            d.extend(shift(dims));
            one(e.b1(Prim::BroadcastInDim { shape: s, dims: d }, x)?)
        }
        Prim::Transpose { perm } => {
            let mut p = vec![0];
            p.extend(shift(perm));
            one(e.b1(Prim::Transpose { perm: p }, x)?)
        }
        Prim::Slice { start, limit, stride } => {
            let mut s = vec![0];
            s.extend(start);
            let mut l = vec![size];
            l.extend(limit);
            let mut st = vec![1];
            st.extend(stride);
            one(e.b1(Prim::Slice { start: s, limit: l, stride: st }, x)?)
        }
        Prim::Rev { axes } => one(e.b1(Prim::Rev { axes: shift(axes) }, x)?),
        Prim::Pad { lo, hi, interior } => {
            if bx[1] {
                return Err("a batched padding value is not supported; pad with a constant".into());
            }
            let p = |v: &Vec<usize>| {
                let mut o = vec![0];
                o.extend(v);
                o
            };
            one(e.b1(Prim::Pad { lo: p(lo), hi: p(hi), interior: p(interior) }, x)?)
        }
        Prim::Concat { axis } => {
            let xs = all(e, x, bx, size)?;
            one(e.b1(Prim::Concat { axis: axis + 1 }, &xs)?)
        }
        Prim::Gather { axis } => {
            let axis = *axis;
            match (bx[0], bx[1]) {
                (true, false) => one(e.b1(Prim::Gather { axis: axis + 1 }, x)?),
                (false, true) => {
                    let g = e.b1(Prim::Gather { axis }, x)?;
                    one(moveaxis(e, g, axis, 0)?)
                }
                _ => {
                    let (xt, ixt) = (e.ty(x[0]), e.ty(x[1]));
                    let n = xt.shape[axis + 1];
                    let rest: Vec<usize> = xt.shape[1..].iter().enumerate().filter(|(d, _)| *d != axis).map(|(_, &s)| s).collect();
                    let moved = moveaxis(e, x[0], axis + 1, 1)?;
                    let mut flat_shape = vec![size * n];
                    flat_shape.extend(&rest);
                    let flat = e.b1(Prim::Reshape { shape: flat_shape }, &[moved])?;
                    let idx = offset_index(e, x[1], n, size, ixt.dtype)?;
                    let g = e.b1(Prim::Gather { axis: 0 }, &[flat, idx])?;
                    // g: [B, I..., x[:axis]..., x[axis+1:]...] → [B, x[:axis]..., I..., x[axis+1:]...]
                    let ni = ixt.shape.len() - 1;
                    let total = 1 + ni + rest.len();
                    let mut perm = vec![0];
                    perm.extend((1 + ni)..(1 + ni + axis));
                    perm.extend(1..(1 + ni));
                    perm.extend((1 + ni + axis)..total);
                    one(e.b1(Prim::Transpose { perm }, &[g])?)
                }
            }
        }
        Prim::Scatter { axis, mode } => {
            let axis = *axis;
            if !bx[1] {
                let xs = vec![if bx[0] { x[0] } else { bcast(e, x[0], size)? }, x[1], if bx[2] { x[2] } else { bcast(e, x[2], size)? }];
                return one(e.b1(Prim::Scatter { axis: axis + 1, mode: *mode }, &xs)?);
            }
            let xb = if bx[0] { x[0] } else { bcast(e, x[0], size)? };
            let ub = if bx[2] { x[2] } else { bcast(e, x[2], size)? };
            let (xt, ixt) = (e.ty(xb), e.ty(x[1]));
            let n = xt.shape[axis + 1];
            let rest: Vec<usize> = xt.shape[1..].iter().enumerate().filter(|(d, _)| *d != axis).map(|(_, &s)| s).collect();
            let moved = moveaxis(e, xb, axis + 1, 1)?;
            let mut flat_shape = vec![size * n];
            flat_shape.extend(&rest);
            let flat = e.b1(Prim::Reshape { shape: flat_shape }, &[moved])?;
            let idx = offset_index(e, x[1], n, size, ixt.dtype)?;
            let ni = ixt.shape.len() - 1;
            let m: usize = ixt.shape.iter().product();
            let idx_flat = e.b1(Prim::Reshape { shape: vec![m] }, &[idx])?;
            // updates: [B, x[:axis]..., I..., x[axis+1:]...] → [B, I..., x[:axis]..., x[axis+1:]...] → [B*|I|, rest...]
            let ur = e.ty(ub).shape.len();
            let mut perm = vec![0];
            perm.extend((1 + axis)..(1 + axis + ni));
            perm.extend(1..(1 + axis));
            perm.extend((1 + axis + ni)..ur);
            let ut = e.b1(Prim::Transpose { perm }, &[ub])?;
            let mut us = vec![m];
            us.extend(&rest);
            let uf = e.b1(Prim::Reshape { shape: us }, &[ut])?;
            let s = e.b1(Prim::Scatter { axis: 0, mode: *mode }, &[flat, idx_flat, uf])?;
            let mut back = vec![size, n];
            back.extend(&rest);
            let r = e.b1(Prim::Reshape { shape: back }, &[s])?;
            one(moveaxis(e, r, 1, axis + 1)?)
        }
        Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } => {
            let nb = lhs_batch.len();
            match (bx[0], bx[1]) {
                (true, true) => {
                    let mut lb = vec![0];
                    lb.extend(shift(lhs_batch));
                    let mut rb = vec![0];
                    rb.extend(shift(rhs_batch));
                    one(e.b1(Prim::DotGeneral { lhs_contract: shift(lhs_contract), rhs_contract: shift(rhs_contract), lhs_batch: lb, rhs_batch: rb }, x)?)
                }
                (true, false) => {
                    let d = e.b1(Prim::DotGeneral { lhs_contract: shift(lhs_contract), rhs_contract: rhs_contract.clone(), lhs_batch: shift(lhs_batch), rhs_batch: rhs_batch.clone() }, x)?;
                    one(moveaxis(e, d, nb, 0)?)
                }
                _ => {
                    let lr = e.ty(x[0]).shape.len();
                    let nlfree = lr - nb - lhs_contract.len();
                    let d = e.b1(Prim::DotGeneral { lhs_contract: lhs_contract.clone(), rhs_contract: shift(rhs_contract), lhs_batch: lhs_batch.clone(), rhs_batch: shift(rhs_batch) }, x)?;
                    one(moveaxis(e, d, nb + nlfree, 0)?)
                }
            }
        }
        Prim::Threefry2x32 => {
            // Counters batched to [B, ...]; keys batched to that full shape (one key per example).
            let c0 = if bx[2] { x[2] } else { bcast(e, x[2], size)? };
            let c1 = if bx[3] { x[3] } else { bcast(e, x[3], size)? };
            let cshape = e.ty(c0).shape;
            let mut keys = Vec::new();
            for k in 0..2 {
                let kv = x[k];
                let kt = e.ty(kv).shape;
                keys.push(if !bx[k] && kt.is_empty() {
                    kv
                } else if bx[k] && kt.len() == 1 {
                    e.b1(Prim::BroadcastInDim { shape: cshape.clone(), dims: vec![0] }, &[kv])?
                } else if bx[k] {
                    kv
                } else {
                    bcast(e, kv, size)?
                });
            }
            let outs = e.bind(Prim::Threefry2x32, &[keys[0], keys[1], c0, c1])?;
            Ok((outs, vec![true, true]))
        }
        Prim::Iota { .. } | Prim::Literal(_) => Err("a primitive without operands cannot be batched".into()),
        Prim::DebugPrint { .. } => Ok((e.bind(prim.clone(), x)?, vec![])),
        Prim::HostCall { callback, outs, vmap_method, kind } => host_call(e, callback, outs, *vmap_method, *kind, x, bx, size),
        Prim::CustomVjp { primal: f, .. } | Prim::CustomJvp { primal: f, .. } => {
            // Batching drops the custom rule: batch the primal computation itself.
            let mut env: HashMap<Var, (Var, bool)> = f.params.iter().copied().zip(x.iter().copied().zip(bx.iter().copied())).collect();
            run(e, f, &mut env, size)?;
            let mut outs = Vec::new();
            for o in &f.outs {
                let (v, b) = env[o];
                outs.push(if b { v } else { bcast(e, v, size)? });
            }
            let n = outs.len();
            Ok((outs, vec![true; n]))
        }
        Prim::CustomLinear { .. } => Err("batching the derivative of a custom_vjp function in forward mode is not supported".into()),
        Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. } => super::control::vmap_rule(e, prim, x, bx, size),
    }
}

/// Index `idx` ([B, I...]) into a flattened [B*n, ...] array: idx + b*n.
fn offset_index(e: &mut dyn Emit, idx: Var, n: usize, size: usize, dtype: DType) -> R<Var> {
    let shape = e.ty(idx).shape;
    // Wrap negative indices first (Gather wraps them per example, not per flattened row).
    let zero = e.full(0.0, &shape, dtype)?;
    let nn = e.full(n as f64, &shape, dtype)?;
    let neg = e.b1(Prim::Lt, &[idx, zero])?;
    let wrapped = e.add(idx, nn)?;
    let idx = e.select(neg, wrapped, idx)?;
    let io = e.b1(Prim::Iota { shape: shape.clone(), axis: 0, dtype }, &[])?;
    let _ = size;
    let off = e.mul(io, nn)?;
    e.add(idx, off)
}

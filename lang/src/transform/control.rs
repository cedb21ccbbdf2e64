//! The transformation rules of the control-flow primitives (`Cond`, `While`, `Scan`), which hold
//! functions: each rule transforms the nested functions with the whole-function passes
//! (`jvp`, `linearize`, `transpose`, `vmap`) and binds a new control-flow equation around them.
//! The rule tables of `jvp.rs`, `transpose.rs` and `vmap.rs` call these.
//!
//! Differentiation of `Cond` and `Scan` is written as JAX's partial evaluation of them: the jvp
//! rule emits a *primal* equation (the branches or body linearised, returning their residuals
//! too; a scan's residuals are stacked along its axis, except the loop constants and what is
//! computed from them alone, which are computed once before the loop and passed as constants) and
//! a *linear* one over those residuals and the tangents. Run by `jvp` the two are the forward
//! mode; run by `linearize`, its partial evaluator sends the first to the primal function and
//! the second to the linear one, which `transpose` turns into a reverse scan (or a cond of the
//! transposed branches). `While` has a forward rule only: its reverse mode is an error, as JAX's.

use super::emit::{differentiable, Emit, EmitExt, R};
use super::{jvp, linearize, transpose, vmap};
use crate::array::DType;
use crate::ir::{Builder, Func, Type, Var};
use crate::prim::Prim;
use std::rc::Rc;

/// JAX's error for reverse mode through a while loop.
pub const WHILE_REVERSE: &str = "Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop with dynamic start/stop values. Try using lax.scan, or using fori_loop with static start/stop.";

/// A tangent, or zeros like `like`.
fn inst(e: &mut dyn Emit, t: Option<Var>, like: Var) -> R<Var> {
    match t {
        Some(v) => Ok(v),
        None => {
            let ty = e.ty(like);
            e.zeros(&ty)
        }
    }
}

/// A function over `params` built by `body` (which gets the parameter variables).
fn build(params: &[Type], body: impl FnOnce(&mut Builder, &[Var]) -> R<Vec<Var>>) -> R<Func> {
    let mut b = Builder::new();
    let ps: Vec<Var> = params.iter().map(|t| b.param(t.clone())).collect();
    let outs = body(&mut b, &ps)?;
    Ok(b.finish(outs))
}

fn param_types(f: &Func) -> Vec<Type> {
    f.params.iter().map(|&p| f.ty(p).clone()).collect()
}

/// The forward rule of `Cond` and `Scan`, binding the primal outputs too: `(outputs, tangents)`.
/// `None` for every other primitive (their primal is bound first, then `jvp::rule`).
pub fn jvp_joint(e: &mut dyn Emit, prim: &Prim, x: &[Var], t: &[Option<Var>]) -> R<Option<(Vec<Var>, Vec<Option<Var>>)>> {
    if t.iter().all(|t| t.is_none()) {
        return Ok(None);
    }
    match prim {
        Prim::Cond { branches } => cond_jvp(e, branches, x, t).map(Some),
        Prim::Scan { body, n_consts, n_carry, length, reverse } => scan_jvp(e, body, *n_consts, *n_carry, *length, *reverse, x, t).map(Some),
        _ => Ok(None),
    }
}

fn cond_jvp(e: &mut dyn Emit, branches: &[Rc<Func>], x: &[Var], t: &[Option<Var>]) -> R<(Vec<Var>, Vec<Option<Var>>)> {
    let ops = &x[1..];
    let wrt: Vec<bool> = t[1..].iter().map(|t| t.is_some()).collect();
    let lins = branches.iter().map(|b| linearize::linearize(b, &wrt)).collect::<R<Vec<_>>>()?;
    let first = &branches[0];
    let n_out = first.outs.len();
    // Every branch returns every branch's residuals: its own, and zeros in the others' places.
    let res_types: Vec<Vec<Type>> = lins.iter().map(|l| l.primal.outs[n_out..].iter().map(|&v| l.primal.ty(v).clone()).collect()).collect();
    let all_res: Vec<Type> = res_types.iter().flatten().cloned().collect();
    let mut known = Vec::new();
    for (k, l) in lins.iter().enumerate() {
        known.push(Rc::new(build(&param_types(first), |b, ps| {
            let outs = b.inline(&l.primal, ps)?;
            let mut r = outs[..n_out].to_vec();
            for (j, tys) in res_types.iter().enumerate() {
                if j == k {
                    r.extend(&outs[n_out..]);
                } else {
                    for ty in tys {
                        r.push(b.zeros(ty)?);
                    }
                }
            }
            Ok(r)
        })?));
    }
    let mut ins = vec![x[0]];
    ins.extend(ops);
    let kn = e.bind(Prim::Cond { branches: known }, &ins)?;
    let (y, res) = kn.split_at(n_out);
    // The linear branches: all residuals and the tangents in, each branch's tangents out.
    let tan_types: Vec<Type> = ops.iter().zip(&wrt).filter(|(_, w)| **w).map(|(&v, _)| e.ty(v)).collect();
    let mut lin_params = all_res.clone();
    lin_params.extend(tan_types);
    let mut linear = Vec::new();
    let mut off = 0;
    for (k, l) in lins.iter().enumerate() {
        let nr = res_types[k].len();
        let o = off;
        linear.push(Rc::new(build(&lin_params, |b, ps| {
            let mut args: Vec<Var> = ps[o..o + nr].to_vec();
            args.extend(&ps[all_res.len()..]);
            b.inline(&l.linear, &args)
        })?));
        off += nr;
    }
    let mut lins_in = vec![x[0]];
    lins_in.extend(res);
    lins_in.extend(t[1..].iter().flatten());
    let tan = e.bind(Prim::Cond { branches: linear }, &lins_in)?;
    let tans = tan.iter().zip(y).map(|(&tv, &yv)| differentiable(e.ty(yv).dtype).then_some(tv)).collect();
    Ok((y.to_vec(), tans))
}

#[allow(clippy::too_many_arguments)]
fn scan_jvp(e: &mut dyn Emit, body: &Rc<Func>, nc: usize, nk: usize, length: usize, reverse: bool, x: &[Var], t: &[Option<Var>]) -> R<(Vec<Var>, Vec<Option<Var>>)> {
    let np = body.params.len();
    let float = |i: usize| differentiable(body.ty(body.params[i]).dtype);
    // Every float carry has a tangent: one that starts at zero may not stay zero.
    let wrt: Vec<bool> = (0..np).map(|i| if (nc..nc + nk).contains(&i) { float(i) } else { t[i].is_some() }).collect();
    let lin = linearize::linearize(body, &wrt)?;
    let n_out = body.outs.len();
    // Residuals that are loop constants, or computed from the loop constants alone (a weight's
    // transpose), are passed as constants, the latter computed once before the loop; the others
    // are stacked, one per step.
    let pr = &lin.primal;
    let mut konst = vec![false; pr.types.len()];
    for &p in &pr.params[..nc] {
        konst[p.0 as usize] = true;
    }
    for eq in &pr.eqns {
        if !eq.prim.has_effect() && !eq.prim.has_host_call() && eq.ins.iter().all(|v| konst[v.0 as usize]) {
            for o in &eq.outs {
                konst[o.0 as usize] = true;
            }
        }
    }
    let hoisted: Vec<usize> = (0..lin.n_res).filter(|&k| konst[pr.outs[n_out + k].0 as usize]).collect();
    let mut outer: std::collections::HashMap<Var, Var> = pr.params[..nc].iter().copied().zip(x[..nc].iter().copied()).collect();
    if hoisted.iter().any(|&k| !outer.contains_key(&pr.outs[n_out + k])) {
        // Replay, outside the loop, the constant equations those residuals need.
        let mut need = vec![false; pr.types.len()];
        for &k in &hoisted {
            need[pr.outs[n_out + k].0 as usize] = true;
        }
        for eq in pr.eqns.iter().rev() {
            if eq.outs.iter().any(|o| need[o.0 as usize]) {
                for v in &eq.ins {
                    need[v.0 as usize] = true;
                }
            }
        }
        for eq in &pr.eqns {
            if konst[eq.outs.first().map_or(0, |o| o.0 as usize)] && eq.outs.iter().any(|o| need[o.0 as usize]) && !eq.outs.iter().all(|o| outer.contains_key(o)) {
                let ins: Vec<Var> = eq.ins.iter().map(|v| outer[v]).collect();
                let outs = e.bind(eq.prim.clone(), &ins)?;
                outer.extend(eq.outs.iter().copied().zip(outs));
            }
        }
    }
    let const_res: Vec<(usize, Var)> = hoisted.iter().map(|&k| (k, outer[&pr.outs[n_out + k]])).collect();
    let stacked: Vec<usize> = (0..lin.n_res).filter(|k| !hoisted.contains(k)).collect();
    let mut pb = lin.primal.clone();
    pb.outs = lin.primal.outs[..n_out].to_vec();
    pb.outs.extend(stacked.iter().map(|&k| lin.primal.outs[n_out + k]));
    let pb = super::simplify::dce(pb);
    let kn = e.bind(Prim::Scan { body: Rc::new(pb), n_consts: nc, n_carry: nk, length, reverse }, x)?;
    let (y, res) = kn.split_at(n_out);
    // The linear body, its parameters in scan order: constants (constant residuals, then
    // tangents of constants), carries (float carries' tangents), xs (stacked residuals, then
    // tangents of xs).
    let lp = &lin.linear.params;
    let tan_param: Vec<Option<Var>> = {
        let mut it = lp[lin.n_res..].iter();
        (0..np).map(|i| if wrt[i] { it.next().copied() } else { None }).collect()
    };
    let mut params: Vec<Var> = const_res.iter().map(|&(k, _)| lp[k]).collect();
    params.extend((0..nc).filter_map(|i| tan_param[i]));
    let n_consts = params.len();
    params.extend((nc..nc + nk).filter_map(|i| tan_param[i]));
    let n_carry = params.len() - n_consts;
    params.extend(stacked.iter().map(|&k| lp[k]));
    params.extend((nc + nk..np).filter_map(|i| tan_param[i]));
    let keep: Vec<usize> = (0..n_out).filter(|&o| differentiable(body.ty(body.outs[o]).dtype)).collect();
    let mut lb = lin.linear.clone();
    lb.params = params;
    lb.outs = keep.iter().map(|&o| lin.linear.outs[o]).collect();
    let mut ins: Vec<Var> = const_res.iter().map(|&(_, v)| v).collect();
    ins.extend((0..nc).filter(|&i| wrt[i]).filter_map(|i| t[i]));
    for i in nc..nc + nk {
        if wrt[i] {
            ins.push(inst(e, t[i], x[i])?);
        }
    }
    ins.extend(res);
    ins.extend((nc + nk..np).filter(|&i| wrt[i]).filter_map(|i| t[i]));
    let tan = e.bind(Prim::Scan { body: Rc::new(lb), n_consts, n_carry, length, reverse }, &ins)?;
    let mut tans = vec![None; n_out];
    for (j, &o) in keep.iter().enumerate() {
        tans[o] = Some(tan[j]);
    }
    Ok((y.to_vec(), tans))
}

/// The tangents of a `While`'s outputs (bound already): the loop run again with the float
/// carries' tangents carried beside them.
pub fn while_jvp(e: &mut dyn Emit, cond: &Func, body: &Func, n_cond: usize, n_body: usize, x: &[Var], t: &[Option<Var>]) -> R<Vec<Option<Var>>> {
    let nb = body.params.len();
    let float = |i: usize| differentiable(body.ty(body.params[i]).dtype);
    let wrt: Vec<bool> = (0..nb).map(|i| if i < n_body { t[n_cond + i].is_some() } else { float(i) }).collect();
    let jb = jvp::jvp(body, &wrt)?;
    let n_bt = (0..n_body).filter(|&i| wrt[i]).count();
    // jvp's parameters: primals, then tangents of wrt; the loop's: body consts and their
    // tangents, then carries and their tangents.
    let (prim_p, tan_p) = jb.params.split_at(nb);
    let mut params: Vec<Var> = prim_p[..n_body].to_vec();
    params.extend(&tan_p[..n_bt]);
    params.extend(&prim_p[n_body..]);
    params.extend(&tan_p[n_bt..]);
    let nk = nb - n_body;
    let keep: Vec<usize> = (0..nk).filter(|&j| wrt[n_body + j]).collect();
    let mut body2 = jb.clone();
    body2.params = params;
    body2.outs = jb.outs[..nk].to_vec();
    body2.outs.extend(keep.iter().map(|&j| jb.outs[nk + j]));
    let carry = &x[n_cond + n_body..];
    let carry_t: Vec<Var> = keep.iter().map(|&j| inst(e, t[n_cond + n_body + j], carry[j])).collect::<R<_>>()?;
    let mut ctypes = param_types(cond);
    ctypes.extend(carry_t.iter().map(|&v| e.ty(v)));
    let nct = cond.params.len();
    let cond2 = build(&ctypes, |b, ps| b.inline(cond, &ps[..nct]))?;
    let mut ins: Vec<Var> = x[..n_cond + n_body].to_vec();
    ins.extend((0..n_body).filter_map(|i| t[n_cond + i]));
    ins.extend(carry);
    ins.extend(&carry_t);
    let outs = e.bind(Prim::While { cond: Rc::new(cond2), body: Rc::new(body2), n_cond, n_body: n_body + n_bt }, &ins)?;
    let mut tans = vec![None; nk];
    for (j, &k) in keep.iter().enumerate() {
        tans[k] = Some(outs[nk + j]);
    }
    Ok(tans)
}

/// Transpose a linear `Cond` (index and residual operands known) or `Scan` (carries linear).
/// `vals[i]` is the value of a known operand; returns one cotangent per linear operand.
pub fn transpose_rule(e: &mut dyn Emit, prim: &Prim, vals: &[Option<Var>], lin: &[bool], tys: &[Type], cts: &[Option<Var>], out_tys: &[Type]) -> R<Vec<Option<Var>>> {
    let ct = |e: &mut dyn Emit, k: usize| -> R<Var> {
        match cts[k] {
            Some(v) => Ok(v),
            None => e.zeros(&out_tys[k]),
        }
    };
    let mut out = vec![None; tys.len()];
    match prim {
        Prim::Cond { branches } => {
            if lin[0] {
                return Err("the index of a cond is not linear".into());
            }
            let ops_lin = &lin[1..];
            let n_known = ops_lin.iter().filter(|l| !**l).count();
            let mut tb = Vec::new();
            for b in branches {
                let mut f = (**b).clone();
                let known: Vec<Var> = b.params.iter().zip(ops_lin).filter(|(_, l)| !**l).map(|(v, _)| *v).collect();
                let linear: Vec<Var> = b.params.iter().zip(ops_lin).filter(|(_, l)| **l).map(|(v, _)| *v).collect();
                f.params = known.into_iter().chain(linear).collect();
                tb.push(Rc::new(transpose::transpose(&f, n_known, &[])?));
            }
            let mut ins = vec![vals[0].ok_or("cond: unknown index")?];
            for (i, l) in ops_lin.iter().enumerate() {
                if !l {
                    ins.push(vals[1 + i].ok_or("cond: unknown residual")?);
                }
            }
            for k in 0..cts.len() {
                ins.push(ct(e, k)?);
            }
            let r = e.bind(Prim::Cond { branches: tb }, &ins)?;
            let mut it = r.into_iter();
            for (i, l) in ops_lin.iter().enumerate() {
                if *l {
                    out[1 + i] = it.next();
                }
            }
        }
        Prim::Scan { body, n_consts, n_carry, length, reverse } => {
            let (nc, nk) = (*n_consts, *n_carry);
            let np = body.params.len();
            // Every carry is treated as linear: one that is known here is a constant (zeros a
            // jvp rule instantiated), whose cotangent is not wanted.
            let ck: Vec<usize> = (0..nc).filter(|&i| !lin[i]).collect();
            let cl: Vec<usize> = (0..nc).filter(|&i| lin[i]).collect();
            let xk: Vec<usize> = (nc + nk..np).filter(|&i| !lin[i]).collect();
            let xl: Vec<usize> = (nc + nk..np).filter(|&i| lin[i]).collect();
            // The body with residuals first: known constants and xs, then constants, carries and
            // xs that are linear.
            let mut f = (**body).clone();
            let order: Vec<usize> = ck.iter().chain(&xk).chain(&cl).copied().chain(nc..nc + nk).chain(xl.iter().copied()).collect();
            f.params = order.iter().map(|&i| body.params[i]).collect();
            let n_res = ck.len() + xk.len();
            let tf = transpose::transpose(&f, n_res, &[])?;
            // The reverse scan: constants = known constants; carry = accumulated cotangents of
            // the linear constants, then the carries' cotangents; xs = known xs, then the ys'
            // cotangents. Its ys are the cotangents of the linear xs.
            let row = |ty: &Type| Type { shape: ty.shape[1..].to_vec(), dtype: ty.dtype };
            let mut ptys: Vec<Type> = ck.iter().map(|&i| tys[i].clone()).collect();
            ptys.extend(cl.iter().map(|&i| tys[i].clone()));
            ptys.extend((nc..nc + nk).map(|i| tys[i].clone()));
            ptys.extend(xk.iter().map(|&i| row(&tys[i])));
            ptys.extend(out_tys[nk..].iter().map(row));
            let (nck, ncl, nxk) = (ck.len(), cl.len(), xk.len());
            let tb = build(&ptys, |b, ps| {
                let consts = &ps[..nck];
                let acc = &ps[nck..nck + ncl];
                let cc = &ps[nck + ncl..nck + ncl + nk];
                let xks = &ps[nck + ncl + nk..nck + ncl + nk + nxk];
                let cys = &ps[nck + ncl + nk + nxk..];
                let mut args: Vec<Var> = consts.to_vec();
                args.extend(xks);
                args.extend(cc);
                args.extend(cys);
                let r = b.inline(&tf, &args)?;
                let mut outs = Vec::new();
                for (j, &a) in acc.iter().enumerate() {
                    outs.push(b.add(a, r[j])?);
                }
                outs.extend(&r[ncl..]);
                Ok(outs)
            })?;
            let mut ins: Vec<Var> = ck.iter().map(|&i| vals[i].ok_or_else(|| "scan: unknown constant".to_string())).collect::<R<_>>()?;
            for &i in &cl {
                ins.push(e.zeros(&tys[i])?);
            }
            for k in 0..nk {
                ins.push(ct(e, k)?);
            }
            for &i in &xk {
                ins.push(vals[i].ok_or("scan: unknown xs")?);
            }
            for k in nk..cts.len() {
                ins.push(ct(e, k)?);
            }
            let r = e.bind(Prim::Scan { body: Rc::new(tb), n_consts: nck, n_carry: ncl + nk, length: *length, reverse: !reverse }, &ins)?;
            for (j, &i) in cl.iter().enumerate() {
                out[i] = Some(r[j]);
            }
            for k in 0..nk {
                if lin[nc + k] {
                    out[nc + k] = Some(r[ncl + k]);
                }
            }
            for (j, &i) in xl.iter().enumerate() {
                out[i] = Some(r[ncl + nk + j]);
            }
        }
        Prim::While { .. } => return Err(WHILE_REVERSE.into()),
        _ => return Err(format!("{} is not control flow", prim.name())),
    }
    Ok(out)
}

/// Give an unbatched value a leading batch dimension.
fn bcast(e: &mut dyn Emit, v: Var, size: usize) -> R<Var> {
    let t = e.ty(v);
    let mut shape = vec![size];
    shape.extend(&t.shape);
    let dims: Vec<usize> = (1..=t.shape.len()).collect();
    e.b1(Prim::BroadcastInDim { shape, dims }, &[v])
}

/// Swap the first two dimensions.
fn swap01(e: &mut dyn Emit, v: Var) -> R<Var> {
    let n = e.ty(v).shape.len();
    let mut perm: Vec<usize> = (0..n).collect();
    perm.swap(0, 1);
    e.b1(Prim::Transpose { perm }, &[v])
}

/// `select(pred, a, b)` with a `[B]` predicate and `[B, …]` cases.
fn select_rows(e: &mut dyn Emit, pred: Var, a: Var, b: Var) -> R<Var> {
    let shape = e.ty(a).shape;
    let p = if shape.len() == 1 { pred } else { e.b1(Prim::BroadcastInDim { shape, dims: vec![0] }, &[pred])? };
    e.select(p, a, b)
}

/// Batch a control-flow equation (operands marked in `bx` have a leading batch dimension).
/// Every output is batched.
pub fn vmap_rule(e: &mut dyn Emit, prim: &Prim, x: &[Var], bx: &[bool], size: usize) -> R<(Vec<Var>, Vec<bool>)> {
    match prim {
        Prim::Cond { branches } => {
            let vb: Vec<Func> = branches.iter().map(|b| vmap::vmap(b, &bx[1..], size)).collect::<R<_>>()?;
            let n = vb[0].outs.len();
            if !bx[0] {
                let outs = e.bind(Prim::Cond { branches: vb.into_iter().map(Rc::new).collect() }, x)?;
                return Ok((outs, vec![true; n]));
            }
            // A batched index: every branch runs, and each example takes its branch's results.
            let idx = x[0];
            let mut result = e.inline(&vb[vb.len() - 1], &x[1..])?;
            for k in (0..vb.len() - 1).rev() {
                let r = e.inline(&vb[k], &x[1..])?;
                let kk = e.full(k as f64, &[size], DType::I32)?;
                let p = e.b1(Prim::Eq, &[idx, kk])?;
                result = r.iter().zip(&result).map(|(&a, &b)| select_rows(e, p, a, b)).collect::<R<_>>()?;
            }
            Ok((result, vec![true; n]))
        }
        Prim::While { cond, body, n_cond, n_body } => {
            let (n_cond, n_body) = (*n_cond, *n_body);
            let carry0 = &x[n_cond + n_body..];
            let nk = carry0.len();
            // Every carry is batched; a batched condition keeps the examples that are done unchanged.
            let mut cflags: Vec<bool> = bx[..n_cond].to_vec();
            cflags.extend(vec![true; nk]);
            let mut bflags: Vec<bool> = bx[n_cond..n_cond + n_body].to_vec();
            bflags.extend(vec![true; nk]);
            let vc = vmap::vmap(cond, &cflags, size)?;
            let vbody = vmap::vmap(body, &bflags, size)?;
            let ctys: Vec<Type> = param_types(&vc);
            let btys: Vec<Type> = param_types(&vbody);
            // The loop's condition: any example's; its body: the batched body where an
            // example's condition holds, the carry as it was elsewhere.
            let any_cond = build(&ctys, |b, ps| {
                let p = b.inline(&vc, ps)?[0];
                let i = b.cast(p, DType::I32)?;
                let m = b.b1(Prim::ReduceMax { axes: vec![0] }, &[i])?;
                let z = b.full(0.0, &[], DType::I32)?;
                b.b1(Prim::Gt, &[m, z]).map(|v| vec![v])
            })?;
            let mut ptys: Vec<Type> = ctys[..n_cond].to_vec();
            ptys.extend(btys.iter().cloned());
            let nb = n_body;
            let body2 = build(&ptys, |b, ps| {
                let cc = &ps[..n_cond];
                let bc = &ps[n_cond..n_cond + nb];
                let carry = &ps[n_cond + nb..];
                let mut cargs = cc.to_vec();
                cargs.extend(carry);
                let p = b.inline(&vc, &cargs)?[0];
                let mut bargs = bc.to_vec();
                bargs.extend(carry);
                let new = b.inline(&vbody, &bargs)?;
                new.iter().zip(carry).map(|(&n, &o)| select_rows(b, p, n, o)).collect()
            })?;
            // Operands: cond consts (for the condition), then cond consts and body consts for the body.
            let mut ins2: Vec<Var> = x[..n_cond].to_vec();
            ins2.extend(x[..n_cond].iter().copied());
            ins2.extend(x[n_cond..n_cond + n_body].iter().copied());
            for (j, &c) in carry0.iter().enumerate() {
                ins2.push(if bx[n_cond + n_body + j] { c } else { bcast(e, c, size)? });
            }
            let outs = e.bind(Prim::While { cond: Rc::new(any_cond), body: Rc::new(body2), n_cond, n_body: n_cond + n_body }, &ins2)?;
            Ok((outs, vec![true; nk]))
        }
        Prim::Scan { body, n_consts, n_carry, length, reverse } => {
            let (nc, nk) = (*n_consts, *n_carry);
            let np = body.params.len();
            let mut flags: Vec<bool> = bx[..nc].to_vec();
            flags.extend(vec![true; nk]);
            flags.extend(&bx[nc + nk..]);
            let vb = vmap::vmap(body, &flags, size)?;
            let mut ins: Vec<Var> = x[..nc].to_vec();
            for i in nc..nc + nk {
                ins.push(if bx[i] { x[i] } else { bcast(e, x[i], size)? });
            }
            for i in nc + nk..np {
                // Batched xs scan along their second axis: put the scanned axis first.
                ins.push(if bx[i] { swap01(e, x[i])? } else { x[i] });
            }
            let outs = e.bind(Prim::Scan { body: Rc::new(vb), n_consts: nc, n_carry: nk, length: *length, reverse: *reverse }, &ins)?;
            let mut res = outs[..nk].to_vec();
            for &y in &outs[nk..] {
                res.push(swap01(e, y)?);
            }
            let n = res.len();
            Ok((res, vec![true; n]))
        }
        _ => Err(format!("{} is not control flow", prim.name())),
    }
}

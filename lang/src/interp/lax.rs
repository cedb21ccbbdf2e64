//! `jax.lax` control flow: `cond`, `switch`, `fori_loop`, `while_loop`, `scan`, each bound as
//! one equation (`Cond`, `Scan`, `While`) over bodies traced on abstract arguments, or run step
//! by step on values. Their table entries are in `jax.rs`'s `LAX_API`.

use super::array::Array;
use super::args::{arg, bool_kw, check_kw};
use super::ops;
use super::pytree::{flatten, unflatten, TreeDef};
use super::value::*;
use super::Interp;
use super::transform_call::{collect_leaves, jax_of, needs_concrete, stack_rows};
use crate::array::{DType, HostArray};
use crate::diag::{Diagnostic, Result};
use crate::ir::{Builder, Func, Type};
use crate::prim::Prim;
use crate::transform::emit::EmitExt;
use std::rc::Rc;

/// Whether a value is a concrete (host-known) array or number.
fn concrete_bool(it: &mut Interp, v: &Value) -> Result<Option<bool>> {
    match v {
        Value::Array(a) if it.is_traced(a) => Ok(None),
        other => Ok(Some(it.truthy(other)?)),
    }
}

/// A function traced for a control-flow primitive: its parameters are the argument leaves, then
/// the arrays it captured from enclosing stages (`consts`), which become operands of the equation.
struct Body {
    func: Func,
    consts: Vec<Array>,
    out_tree: TreeDef,
}

/// `lax.scan` run step by step on values: the carry threads through `step`, and the ys are
/// stacked along a new leading axis.
fn scan_eagerly(it: &mut Interp, step: &dyn Fn(&mut Interp, Value, Value) -> Result<Value>, init: Value, xa: &[Array], xt: &TreeDef, length: usize, reverse: bool) -> Result<(Value, Value)> {
    let mut carry = init;
    let mut per_leaf: Vec<Vec<Array>> = Vec::new();
    let mut y_tree = None;
    let order: Vec<usize> = if reverse { (0..length).rev().collect() } else { (0..length).collect() };
    for i in order {
        it.check_interrupt()?;
        let x = if xa.is_empty() {
            Value::None
        } else {
            let mut rows = Vec::with_capacity(xa.len());
            for a in xa {
                rows.push(Value::Array(it.index_array(a, &Value::Int(i as i64))?));
            }
            unflatten(it, xt, &mut rows.into_iter())?
        };
        let (c, y) = match step(it, carry, x)? {
            Value::Tuple(t) if t.len() == 2 => (t[0].clone(), t[1].clone()),
            _ => return Err(Diagnostic::new("TypeError", "lax.scan: the body must return a pair (carry, y)")),
        };
        carry = c;
        y_tree = Some(collect_leaves(it, &y, "scan", &mut per_leaf)?);
    }
    let mut ys = Vec::with_capacity(per_leaf.len());
    for mut parts in per_leaf {
        if reverse {
            parts.reverse();
        }
        let jax = parts.iter().any(|a| a.jax());
        ys.push(Value::Array(stack_rows(it, &parts, jax)?));
    }
    let ys = unflatten(it, &y_tree.unwrap_or(TreeDef::None), &mut ys.into_iter())?;
    Ok((carry, ys))
}

/// Trace `call` (which gets the leaves as values) on abstract arrays of the types of `examples`.
fn trace_body(it: &mut Interp, f: &Value, examples: &[Array], call: &mut dyn FnMut(&mut Interp, Vec<Value>) -> Result<Value>) -> Result<Body> {
    let t = it.trace_with(examples, false, call, f.clone())?;
    Ok(Body { func: (*t.func).clone(), consts: t.consts, out_tree: t.out_tree })
}

/// An abstract example of an array's type (only its type and flags are read by a trace).
fn example(ty: &Type, like: &Array) -> Array {
    let h = HostArray::zeros(&ty.shape, ty.dtype);
    if like.weak() {
        Array::weak_host(h, like.jax())
    } else {
        Array::host(h, like.jax())
    }
}

/// `func` with its parameters reordered: the last `n_consts` (its captured constants) first.
fn consts_first(mut func: Func, n_consts: usize) -> Func {
    let n = func.params.len() - n_consts;
    func.params.rotate_left(n);
    func
}

fn types_str(tys: &[Type]) -> String {
    tys.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")
}

/// `cond`/`switch` with a traced index: a `Cond` equation over the branches, traced on the
/// operands. Every branch takes the operands and all branches' constants.
fn bind_cond(it: &mut Interp, what: &str, idx: &Array, branches: &[Value], ops_: Vec<Value>) -> Result<Value> {
    let mut leaves = Vec::new();
    let tree = flatten(it, &Value::tuple(ops_), &mut leaves)?;
    let arrays = it.leaf_arrays(&leaves, what)?;
    let mut bodies = Vec::new();
    for b in branches {
        let (tree2, b2) = (tree.clone(), b.clone());
        let mut call = move |it: &mut Interp, vals: Vec<Value>| -> Result<Value> {
            let args = unflatten(it, &tree2, &mut vals.into_iter())?;
            let Value::Tuple(a) = args else { return Err(Diagnostic::new("RuntimeError", "internal error: cond operands")) };
            it.call(&b2, a.to_vec(), vec![])
        };
        bodies.push(trace_body(it, b, &arrays, &mut call)?);
    }
    let out_tree = bodies[0].out_tree.clone();
    let out_tys = |b: &Body| b.func.outs.iter().map(|&o| b.func.ty(o).clone()).collect::<Vec<_>>();
    let want = out_tys(&bodies[0]);
    for b in &bodies[1..] {
        if b.out_tree != out_tree {
            return Err(Diagnostic::new("TypeError", format!("lax.{what}: the branches must return the same tree structure")).with_help("return values of the same structure, shapes and dtypes from every branch"));
        }
        if out_tys(b) != want {
            return Err(Diagnostic::new("TypeError", format!("lax.{what}: the branches must return the same types, got ({}) and ({})", types_str(&want), types_str(&out_tys(b)))).with_help("cast the results so every branch returns the same shapes and dtypes"));
        }
    }
    let consts: Vec<Array> = bodies.iter().flat_map(|b| b.consts.iter().cloned()).collect();
    let mut tys: Vec<Type> = arrays.iter().map(|a| a.0.ty.clone()).collect();
    tys.extend(consts.iter().map(|c| c.0.ty.clone()));
    let nl = arrays.len();
    let mut funcs = Vec::new();
    let mut off = nl;
    for body in &bodies {
        let mut b = Builder::new();
        let ps: Vec<_> = tys.iter().map(|t| b.param(t.clone())).collect();
        let mut ins = ps[..nl].to_vec();
        ins.extend(&ps[off..off + body.consts.len()]);
        off += body.consts.len();
        let outs = b.inline(&body.func, &ins).map_err(|m| Diagnostic::new("TypeError", m))?;
        funcs.push(Rc::new(b.finish(outs)));
    }
    let jax = jax_of(leaves.iter());
    let mut operands = vec![idx.clone()];
    operands.extend(arrays);
    operands.extend(consts);
    let refs: Vec<&Array> = operands.iter().collect();
    let outs = it.bind(Prim::Cond { branches: funcs }, &refs, jax)?;
    unflatten(it, &out_tree, &mut outs.into_iter().map(Value::Array))
}

pub(super) fn l_cond(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() < 3 {
        return Err(Diagnostic::new("TypeError", "lax.cond(pred, true_fun, false_fun, *operands)"));
    }
    let ops_: Vec<Value> = args[3..].to_vec();
    match concrete_bool(it, &args[0])? {
        Some(true) => it.call(&args[1], ops_, vec![]),
        Some(false) => it.call(&args[2], ops_, vec![]),
        None => {
            // A traced predicate: a `cond` equation, index 1 for true (JAX's order).
            let p = it.to_array(&args[0], true)?;
            if !p.shape().is_empty() {
                return Err(Diagnostic::new("TypeError", format!("lax.cond: the predicate must be a scalar, got shape {}", ops::shape_str(p.shape()))).with_help("use jnp.where for an elementwise choice"));
            }
            let p = it.cast(&p, DType::Bool)?;
            let idx = it.cast(&p, DType::I32)?;
            let branches = [args[2].clone(), args[1].clone()];
            bind_cond(it, "cond", &idx, &branches, ops_)
        }
    }
}

pub(super) fn l_switch(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() < 2 {
        return Err(Diagnostic::new("TypeError", "lax.switch(index, branches, *operands)"));
    }
    let branches = it.iterate(&args[1])?;
    if branches.is_empty() {
        return Err(Diagnostic::new("ValueError", "lax.switch needs at least one branch"));
    }
    let ops_: Vec<Value> = args[2..].to_vec();
    let n = branches.len() as i64;
    match &args[0] {
        Value::Array(a) if it.is_traced(a) => {
            // Indices are clamped into range, as lax.switch does.
            let idx = it.cast(a, DType::I32)?;
            let lo = it.to_array(&Value::Int(0), true)?;
            let hi = it.to_array(&Value::Int(n - 1), true)?;
            let idx = it.binary(Prim::Max, &idx, &lo)?;
            let idx = it.binary(Prim::Min, &idx, &hi)?;
            let idx = it.cast(&idx, DType::I32)?;
            bind_cond(it, "switch", &idx, &branches, ops_)
        }
        other => {
            let i = it.index_int(other)?.clamp(0, n - 1);
            it.call(&branches[i as usize], ops_, vec![])
        }
    }
}

/// The loop of `scan` (and of `fori_loop` with static bounds): `f(carry, x) -> (carry, y)` over
/// `length` rows of the leaves `xa` (tree `xt`; `None` when there are none), bound as one `Scan`
/// equation. Returns the final carry and the stacked ys.
#[allow(clippy::too_many_arguments)]
fn bind_scan(it: &mut Interp, what: &str, f: &Value, step: &dyn Fn(&mut Interp, Value, Value) -> Result<Value>, init: Value, xa: Vec<Array>, xt: TreeDef, length: usize, reverse: bool) -> Result<(Value, Value)> {
    let mut cl = Vec::new();
    let ct = flatten(it, &init, &mut cl)?;
    let mut carry = it.leaf_arrays(&cl, what)?;
    let nk = carry.len();
    let mut xex = Vec::new();
    for a in &xa {
        let t = Type { shape: a.shape()[1..].to_vec(), dtype: a.dtype() };
        xex.push(example(&t, a));
    }
    let has_xs = !xa.is_empty();
    let (ct2, xt2) = (ct.clone(), xt.clone());
    let what2 = what.to_string();
    let mut call = move |it: &mut Interp, vals: Vec<Value>| -> Result<Value> {
        let mut vals = vals.into_iter();
        let c = unflatten(it, &ct2, &mut vals.by_ref().take(nk))?;
        let x = if has_xs { unflatten(it, &xt2, &mut vals)? } else { Value::None };
        match step(it, c, x)? {
            Value::Tuple(t) if t.len() == 2 => Ok(Value::Tuple(t)),
            _ => Err(Diagnostic::new("TypeError", format!("lax.{what2}: the body must return a pair (carry, y)"))),
        }
    };
    let mut tries = 0;
    let (body, c_tree, y_tree, in_tys, out_tys) = loop {
        tries += 1;
        let mut examples = carry.clone();
        examples.extend(xex.iter().cloned());
        let body = match trace_body(it, f, &examples, &mut call) {
            Ok(b) => b,
            // A body that must run on values (a host callback) runs step by step, untraced,
            // where nothing outside traces: as under jit, which runs such a function untraced.
            Err(e) if it.traces.is_empty() && needs_concrete(&e) && length > 0 => return scan_eagerly(it, step, init, &xa, &xt, length, reverse),
            Err(e) => return Err(e),
        };
        let TreeDef::Tuple(parts) = &body.out_tree else {
            return Err(Diagnostic::new("RuntimeError", "internal error: scan body output"));
        };
        let (c_tree, y_tree) = (parts[0].clone(), parts[1].clone());
        let in_tys: Vec<Type> = carry.iter().map(|a| a.0.ty.clone()).collect();
        let out_tys: Vec<Type> = body.func.outs[..c_tree.num_leaves().min(body.func.outs.len())].iter().map(|&o| body.func.ty(o).clone()).collect();
        if tries > 2 || !promote_weak(it, &mut carry, &in_tys, &out_tys)? {
            break (body, c_tree, y_tree, in_tys, out_tys);
        }
    };
    if c_tree != ct || out_tys != in_tys {
        return Err(Diagnostic::new("TypeError", format!("lax.{what}: the body function's carry output must have the structure and types of its carry input: got ({}) for ({})", types_str(&out_tys), types_str(&in_tys)))
            .with_help("return the carry with the same shapes and dtypes it came in with (cast it, e.g. jnp.float32(...), or start it with the type the body produces)"));
    }
    let nc = body.consts.len();
    let func = consts_first(body.func, nc);
    // numpy arrays in, numpy arrays out (JAX arrays are 32-bit).
    let jax = jax_of(cl.iter().chain(&xa.iter().cloned().map(Value::Array).collect::<Vec<_>>()));
    let mut operands = body.consts;
    operands.extend(carry);
    operands.extend(xa);
    let refs: Vec<&Array> = operands.iter().collect();
    let outs = it.bind(Prim::Scan { body: Rc::new(func), n_consts: nc, n_carry: nk, length, reverse }, &refs, jax)?;
    let mut outs = outs.into_iter().map(Value::Array);
    let c = unflatten(it, &c_tree, &mut outs.by_ref().take(nk))?;
    let ys = unflatten(it, &y_tree, &mut outs)?;
    Ok((c, ys))
}

/// JAX's promotion of weakly typed carries: a carry that starts as a Python number (`0`) and
/// comes back from the body with another dtype of its shape starts with that dtype instead, and
/// the body is traced again. Whether any carry changed.
fn promote_weak(it: &mut Interp, carry: &mut [Array], in_tys: &[Type], out_tys: &[Type]) -> Result<bool> {
    let mut changed = false;
    if in_tys.len() != out_tys.len() {
        return Ok(false);
    }
    for (k, (i, o)) in in_tys.iter().zip(out_tys).enumerate() {
        if i.shape == o.shape && i.dtype != o.dtype && carry[k].weak() && o.dtype != DType::Bool {
            let c = it.cast(&carry[k], o.dtype)?;
            carry[k] = c.with_flags(true, true);
            changed = true;
        }
    }
    Ok(changed)
}

/// `while cond_fun(carry): carry = body_fun(carry)` as one `While` equation.
fn bind_while(it: &mut Interp, what: &str, keep: &Value, cond_fun: &dyn Fn(&mut Interp, Value) -> Result<Value>, body_fun: &dyn Fn(&mut Interp, Value) -> Result<Value>, init: Value) -> Result<Value> {
    let mut cl = Vec::new();
    let ct = flatten(it, &init, &mut cl)?;
    let mut carry = it.leaf_arrays(&cl, what)?;
    fn mk<'a>(ct: &'a TreeDef, f: &'a dyn Fn(&mut Interp, Value) -> Result<Value>) -> impl FnMut(&mut Interp, Vec<Value>) -> Result<Value> + 'a {
        move |it: &mut Interp, vals: Vec<Value>| -> Result<Value> {
            let c = unflatten(it, ct, &mut vals.into_iter())?;
            f(it, c)
        }
    }
    let mut tries = 0;
    let (bb, in_tys, out_tys) = loop {
        tries += 1;
        let examples: Vec<Array> = carry.iter().map(|a| example(&a.0.ty, a)).collect();
        let bb = trace_body(it, keep, &examples, &mut mk(&ct, body_fun))?;
        let in_tys: Vec<Type> = carry.iter().map(|a| a.0.ty.clone()).collect();
        let out_tys: Vec<Type> = bb.func.outs.iter().map(|&o| bb.func.ty(o).clone()).collect();
        if tries > 2 || !promote_weak(it, &mut carry, &in_tys, &out_tys)? {
            break (bb, in_tys, out_tys);
        }
    };
    let examples: Vec<Array> = carry.iter().map(|a| example(&a.0.ty, a)).collect();
    let cb = trace_body(it, keep, &examples, &mut mk(&ct, cond_fun))?;
    let pred_ok = cb.func.outs.len() == 1 && cb.func.ty(cb.func.outs[0]).shape.is_empty();
    if !pred_ok {
        return Err(Diagnostic::new("TypeError", format!("lax.{what}: cond_fun must return a boolean scalar")).with_help("return one bool, e.g. `i < n`"));
    }
    if bb.out_tree != ct || out_tys != in_tys {
        return Err(Diagnostic::new("TypeError", format!("lax.{what}: body_fun must return the carry's structure and types: got ({}) for ({})", types_str(&out_tys), types_str(&in_tys)))
            .with_help("return the carry with the same shapes and dtypes it came in with"));
    }
    let (n_cond, n_body) = (cb.consts.len(), bb.consts.len());
    let mut cond = consts_first(cb.func, n_cond);
    // The condition as a bool.
    let o = cond.outs[0];
    if cond.ty(o).dtype != DType::Bool {
        let mut b = Builder { func: cond };
        let v = b.bind1(Prim::Cast { dtype: DType::Bool }, &[o]).map_err(|m| Diagnostic::new("TypeError", m))?;
        cond = b.finish(vec![v]);
    }
    let body = consts_first(bb.func, n_body);
    let jax = jax_of(cl.iter());
    let mut operands = cb.consts;
    operands.extend(bb.consts);
    operands.extend(carry);
    let refs: Vec<&Array> = operands.iter().collect();
    let outs = it.bind(Prim::While { cond: Rc::new(cond), body: Rc::new(body), n_cond, n_body }, &refs, jax)?;
    unflatten(it, &ct, &mut outs.into_iter().map(Value::Array))
}

pub(super) fn l_fori_loop(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 4 {
        return Err(Diagnostic::new("TypeError", "lax.fori_loop(lower, upper, body_fun, init_val)"));
    }
    let traced = |it: &Interp, v: &Value| matches!(v, Value::Array(a) if it.is_traced(a));
    let f = args[2].clone();
    let next = |it: &mut Interp, i: &Value| -> Result<Value> {
        let i = it.to_array(i, true)?;
        let one = it.to_array(&Value::Int(1), i.jax())?;
        Ok(Value::Array(it.binary(Prim::Add, &i, &one)?))
    };
    let parts = |v: Value, n: usize| -> Result<Vec<Value>> {
        match v {
            Value::Tuple(t) if t.len() == n => Ok(t.to_vec()),
            _ => Err(Diagnostic::new("RuntimeError", "internal error: fori_loop carry")),
        }
    };
    if !traced(it, &args[0]) && !traced(it, &args[1]) {
        // Static bounds: a scan over the trip count with the index in the carry (as JAX), so
        // reverse mode works.
        let lo = it.index_int(&args[0])?;
        let hi = it.index_int(&args[1])?;
        // The index is a JAX int32, or a numpy int when the carry holds numpy arrays only.
        let mut leaves = Vec::new();
        flatten(it, &args[3], &mut leaves)?;
        let numpy = !leaves.is_empty() && leaves.iter().all(|l| matches!(l, Value::Array(a) if !a.jax()));
        let i0 = Value::Array(it.to_array(&Value::Int(lo), !numpy)?);
        let step = |it: &mut Interp, c: Value, _x: Value| -> Result<Value> {
            let c = parts(c, 2)?;
            let r = it.call(&f, vec![c[0].clone(), c[1].clone()], vec![])?;
            let i1 = next(it, &c[0])?;
            Ok(Value::tuple(vec![Value::tuple(vec![i1, r]), Value::None]))
        };
        let init = Value::tuple(vec![i0, args[3].clone()]);
        let (c, _) = bind_scan(it, "fori_loop", &f, &step, init, vec![], TreeDef::None, (hi - lo).max(0) as usize, false)?;
        return Ok(parts(c, 2)?.swap_remove(1));
    }
    // Traced bounds: a while loop over (i, upper, carry).
    let lo = it.to_array(&args[0], true)?;
    let hi = it.to_array(&args[1], true)?;
    let (lo, hi) = (it.cast(&lo, DType::I32)?, it.cast(&hi, DType::I32)?);
    let cond = |it: &mut Interp, c: Value| -> Result<Value> {
        let c = parts(c, 3)?;
        let (i, n) = (it.to_array(&c[0], true)?, it.to_array(&c[1], true)?);
        Ok(Value::Array(it.binary(Prim::Lt, &i, &n)?))
    };
    let body = |it: &mut Interp, c: Value| -> Result<Value> {
        let c = parts(c, 3)?;
        let r = it.call(&f, vec![c[0].clone(), c[2].clone()], vec![])?;
        let i1 = next(it, &c[0])?;
        Ok(Value::tuple(vec![i1, c[1].clone(), r]))
    };
    let init = Value::tuple(vec![Value::Array(lo), Value::Array(hi), args[3].clone()]);
    let c = bind_while(it, "fori_loop", &f, &cond, &body, init)?;
    Ok(parts(c, 3)?.swap_remove(2))
}

pub(super) fn l_while_loop(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 3 {
        return Err(Diagnostic::new("TypeError", "lax.while_loop(cond_fun, body_fun, init_val)"));
    }
    let (cf, bf) = (args[0].clone(), args[1].clone());
    let cond = |it: &mut Interp, c: Value| it.call(&cf, vec![c], vec![]);
    let body = |it: &mut Interp, c: Value| it.call(&bf, vec![c], vec![]);
    bind_while(it, "while_loop", &bf, &cond, &body, args[2].clone())
}

pub(super) fn l_scan(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["f", "init", "xs", "length", "reverse", "unroll", "_split_transpose"], "scan")?;
    let f = match args.first().cloned().or_else(|| arg(&args, &kw, 0, "f")) {
        Some(f) => f,
        None => return Err(Diagnostic::new("TypeError", "lax.scan(f, init, xs)")),
    };
    let init = arg(&args, &kw, 1, "init").unwrap_or(Value::None);
    let xs = arg(&args, &kw, 2, "xs").unwrap_or(Value::None);
    let reverse = bool_kw(it, &kw, "reverse")?;
    // `unroll` only tunes XLA's code; the loop is the same.
    let mut xl = Vec::new();
    let xt = flatten(it, &xs, &mut xl)?;
    let xa = it.leaf_arrays(&xl, "scan")?;
    let length = match arg(&args, &kw, 3, "length") {
        Some(Value::None) | None => None,
        Some(l) => Some(it.index_int(&l)?),
    };
    let n = match (xa.first(), length) {
        (Some(a), _) => a.shape().first().copied().ok_or_else(|| Diagnostic::new("ValueError", "lax.scan: xs leaves need a leading axis").with_help("pass arrays with the scanned axis first"))?,
        (None, Some(l)) if l >= 0 => l as usize,
        (None, Some(l)) => return Err(Diagnostic::new("ValueError", format!("lax.scan: length must be non-negative, got {l}"))),
        (None, None) => return Err(Diagnostic::new("ValueError", "lax.scan got no xs and no length").with_help("pass xs, or length=N when xs is None")),
    };
    for a in &xa {
        if a.shape().first() != Some(&n) || length.is_some_and(|l| l as usize != n) {
            return Err(Diagnostic::new("ValueError", format!("lax.scan: every xs leaf needs a leading axis of length {}, got shape {}", length.map(|l| l as usize).unwrap_or(n), ops::shape_str(a.shape()))));
        }
    }
    let step = |it: &mut Interp, c: Value, x: Value| it.call(&f, vec![c, x], vec![]);
    let (c, ys) = bind_scan(it, "scan", &f, &step, init, xa, xt, n, reverse)?;
    Ok(Value::tuple(vec![c, ys]))
}

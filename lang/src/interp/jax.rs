//! The JAX API table: `jax`'s functions (`grad`, `value_and_grad`, `vjp`, `jvp`, `linearize`,
//! `jacfwd`, `jacrev`, `hessian`, `vmap`, `jit`, `make_jaxpr`, `custom_vjp`, `custom_jvp`),
//! `jax.lax` (its control flow in `lax.rs`), `jax.tree_util` (in `tree_util.rs`) and
//! `debug.print`, each with its docstring, and the modules built from them. Calling what
//! `grad`/`jit`/`vmap`/... return is the tracing core in `transform_call.rs`.

use super::array::Array;
use super::args::{arg, argnums_arg, bool_kw, check_kw, need_fn};
use super::ops;
use super::pytree::{flatten, unflatten, TreeDef};
use super::value::*;
use super::Interp;
use super::lax::{l_cond, l_fori_loop, l_scan, l_switch, l_while_loop};
use super::transform_call::{call_def, fn_name, jax_of, transformed, tuple_item, Kind, CALLBACK_NEEDS_VALUES, REF_WRITE_NEEDS_VALUES};
use super::tree_util::{t_register_class, t_register_dataclass, t_register_node, t_tree_flatten, t_tree_leaves, t_tree_map, t_tree_structure, t_tree_unflatten, t_treedef_is_leaf};
use crate::array::DType;
use crate::diag::{Diagnostic, Result};
use crate::ir::{Builder, Type};
use crate::prim::{Prim, PrintPart};
use crate::transform::{self, emit::EmitExt};
use std::cell::RefCell;
use std::rc::Rc;

/// `jax._outer_ref_write(value)`: a jax.Ref made outside the function being traced is written
/// with `value`. A traced value cannot stay in it after the trace, so under jit and vmap this is
/// the ConcretizationTypeError that runs the function untraced (jit) or per example (vmap),
/// where the ref is written with values; elsewhere (grad) an error that says why.
fn j_outer_ref_write(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let v = args.first().cloned().unwrap_or(Value::None);
    let traced = matches!(&v, Value::Array(a) if it.is_traced(a));
    if !traced {
        return Ok(Value::None);
    }
    if it.traces.last().is_some_and(|t| t.concrete.is_some()) {
        return Err(Diagnostic::new("TypeError", "a jax.Ref made outside a differentiated function is written with a traced value inside it")
            .with_help("make the ref inside the function (jax.new_ref there), or return the value instead of writing it"));
    }
    Err(Diagnostic::new("ConcretizationTypeError", format!("{REF_WRITE_NEEDS_VALUES} needs the values, which are not known while it is traced")))
}

/// `jax._callback_values((args, kwargs), has_results)`: the callback's arguments with every
/// leaf replaced by its value, as numpy arrays (what JAX hands a callback), for a callback
/// called outside every trace (inside one, `jax._host_call` stages it: `host_call.rs`). A
/// traced leaf (none reaches here from the standard library now) is a ConcretizationTypeError
/// under jit or vmap, and with results under grad JAX's error outside a custom rule's primal.
fn j_callback_values(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let tree_v = args.first().cloned().unwrap_or(Value::None);
    let has_results = match args.get(1) {
        Some(v) => it.truthy(v)?,
        None => true,
    };
    let mut leaves = Vec::new();
    let tree = flatten(it, &tree_v, &mut leaves)?;
    let mut out = Vec::with_capacity(leaves.len());
    for l in leaves {
        let host = match &l {
            Value::Array(a) if it.is_traced(a) => match it.concrete_value(a, super::trace::Read::Truth).or_else(|e| if e.kind.as_ref() == "ConcretizationTypeError" { Ok(None) } else { Err(e) })? {
                Some(_) if has_results && it.jax_cache.custom_primal_depth == 0 => {
                    return Err(Diagnostic::new("ValueError", "Pure callbacks do not support JVP. Please use `jax.custom_jvp` to use callbacks while taking gradients.")
                        .with_help("wrap the function that calls pure_callback in jax.custom_jvp and give its derivative in the rule"));
                }
                Some(h) => h,
                None => {
                    return Err(Diagnostic::new("ConcretizationTypeError", format!("a host callback {CALLBACK_NEEDS_VALUES}, which are not known while the function is traced")))
                }
            },
            Value::Array(a) if a.jax() => it.force(a)?,
            // Python numbers reach the callback as arrays (weak: float32, int32), as in JAX.
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                let a = it.to_array(&l, true)?;
                it.force(&a)?
            }
            _ => {
                out.push(l);
                continue;
            }
        };
        out.push(Value::Array(Array::host(host, false)));
    }
    unflatten(it, &tree, &mut out.into_iter())
}

// ------------------------------------------------------------------ the module's functions

fn j_grad(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["fun", "argnums", "has_aux", "holomorphic", "allow_int"], &b.name)?;
    let f = need_fn(&args, &b.name)?;
    let argnums = argnums_arg(arg(&args, &kw, 1, "argnums"))?;
    let has_aux = bool_kw(it, &kw, "has_aux")?;
    let value = b.name.as_ref() == "value_and_grad";
    let name = format!("{}({})", b.name, fn_name(&f));
    Ok(transformed(Kind::Grad { f, argnums, has_aux, value }, name))
}

fn j_jac(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["fun", "argnums", "has_aux", "holomorphic", "allow_int"], &b.name)?;
    let f = need_fn(&args, &b.name)?;
    let argnums = argnums_arg(arg(&args, &kw, 1, "argnums"))?;
    let has_aux = bool_kw(it, &kw, "has_aux")?;
    let name = format!("{}({})", b.name, fn_name(&f));
    Ok(match b.name.as_ref() {
        "hessian" => transformed(Kind::Hessian { f, argnums }, name),
        "jacfwd" => transformed(Kind::Jac { f, argnums, fwd: true, has_aux }, name),
        _ => transformed(Kind::Jac { f, argnums, fwd: false, has_aux }, name),
    })
}

fn j_jit(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["fun", "static_argnums", "static_argnames", "donate_argnums", "inline"], "jit")?;
    // `@jax.jit(static_argnames=...)`: with no function, jit is a decorator factory.
    if args.is_empty() && !kw.iter().any(|(k, _)| k.as_ref() == "fun") && !kw.is_empty() {
        let ft = it.import("functools")?;
        let partial = it.getattr(&ft, "partial")?;
        let me = Value::Builtin(Rc::new(Builtin { name: b.name.clone(), f: b.f, jax: b.jax, doc: b.doc }));
        return it.call(&partial, vec![me], kw);
    }
    let args = match kw.iter().find(|(k, _)| k.as_ref() == "fun") {
        Some((_, f)) if args.is_empty() => vec![f.clone()],
        _ => args,
    };
    let f = need_fn(&args, "jit")?;
    let sa = match arg(&args, &kw, 1, "static_argnums") {
        None | Some(Value::None) => vec![],
        Some(v) => argnums_arg(Some(v))?.list(),
    };
    let sn: Vec<Rc<str>> = match arg(&[], &kw, 99, "static_argnames") {
        None | Some(Value::None) => vec![],
        Some(Value::Str(s)) => vec![s],
        Some(v) => it.iterate(&v)?.into_iter().filter_map(|x| if let Value::Str(s) = x { Some(s) } else { None }).collect(),
    };
    // static_argnames also make the matching positional parameters static.
    let mut sa = sa;
    if let Value::Func(c) = &f {
        for (i, p) in c.def.params.iter().enumerate() {
            if sn.contains(&p.name) && !sa.contains(&i) {
                sa.push(i);
            }
        }
    }
    let name = format!("jit({})", fn_name(&f));
    let _ = b;
    Ok(transformed(Kind::Jit { f, static_argnums: sa, static_argnames: sn }, name))
}

fn j_vmap(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["fun", "in_axes", "out_axes", "axis_name", "axis_size"], "vmap")?;
    let f = need_fn(&args, "vmap")?;
    let in_axes = arg(&args, &kw, 1, "in_axes").unwrap_or(Value::Int(0));
    let out_axes = arg(&args, &kw, 2, "out_axes").unwrap_or(Value::Int(0));
    let name = format!("vmap({})", fn_name(&f));
    Ok(transformed(Kind::Vmap { f, in_axes, out_axes }, name))
}

fn j_make_jaxpr(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let f = need_fn(&args, "make_jaxpr")?;
    let name = format!("make_jaxpr({})", fn_name(&f));
    Ok(transformed(Kind::MakeJaxpr { f }, name))
}

/// `nondiff_argnums=` of custom_jvp/custom_vjp: a non-empty one makes the Slope wrapper of
/// `std/py/jax_extra.py` (None otherwise).
fn custom_nondiff(it: &mut Interp, kind: &str, f: &Value, kw: &Kwargs) -> Result<Option<Value>> {
    check_kw(kw, &["nondiff_argnums"], &format!("custom_{kind}"))?;
    let Some(nd) = kw.iter().find(|(k, _)| k.as_ref() == "nondiff_argnums").map(|(_, v)| v.clone()) else { return Ok(None) };
    if matches!(nd, Value::None) || it.len_of(&nd).unwrap_or(0) == 0 {
        return Ok(None);
    }
    let jax = it.import("jax")?;
    let make = it.getattr(&jax, "_custom_nondiff")?;
    Ok(Some(it.call(&make, vec![Value::str(kind), f.clone(), nd], vec![])?))
}

fn j_custom_vjp(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let f = need_fn(&args, "custom_vjp")?;
    if let Some(w) = custom_nondiff(it, "vjp", &f, &kw)? {
        return Ok(w);
    }
    let name = fn_name(&f);
    Ok(transformed(Kind::CustomVjp { f, rules: RefCell::new(None) }, name))
}

fn j_custom_jvp(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let f = need_fn(&args, "custom_jvp")?;
    if let Some(w) = custom_nondiff(it, "jvp", &f, &kw)? {
        return Ok(w);
    }
    let name = fn_name(&f);
    Ok(transformed(Kind::CustomJvp { f, rule: RefCell::new(None) }, name))
}

/// `f`'s reverse mode at `primals`, with respect to every leaf: the leaves, their tree and
/// arrays, the trace and its vjp (what `vjp` and `saved_residuals` start from).
#[allow(clippy::type_complexity)]
fn vjp_at(it: &mut Interp, f: &Value, primals: &[Value], what: &str) -> Result<(Vec<Value>, TreeDef, Vec<Array>, Rc<super::trace::Traced>, Rc<transform::Vjp>)> {
    let mut leaves = Vec::new();
    let tree = flatten(it, &Value::tuple(primals.to_vec()), &mut leaves)?;
    let arrays = it.leaf_arrays(&leaves, what)?;
    let tr = it.trace_call(f, &call_def(&tree), &arrays, "", true)?;
    let mut wrt = vec![true; arrays.len()];
    wrt.resize(tr.func.params.len(), false);
    let key = format!("{:p}|vjp|{:?}", Rc::as_ptr(&tr.func), wrt);
    let v = it.vjp_of(&key, &tr.func, &wrt)?;
    Ok((leaves, tree, arrays, tr, v))
}

/// `jax.vjp(f, *primals, has_aux=False)` → `(out, vjp_fn)`.
fn j_vjp(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["has_aux"], "vjp")?;
    let f = need_fn(&args, "vjp")?;
    let has_aux = bool_kw(it, &kw, "has_aux")?;
    let (leaves, tree, arrays, tr, v) = vjp_at(it, &f, &args[1..], "vjp")?;
    let jax = jax_of(leaves.iter());
    let mut inputs = arrays.clone();
    inputs.extend(tr.consts.iter().cloned());
    let outs = it.inline_func(&v.primal, &inputs, jax)?;
    let n_out = tr.func.outs.len();
    let out_value = unflatten(it, &tr.out_tree, &mut outs[..n_out].iter().cloned().map(Value::Array))?;
    let (main, aux, n_main) = if has_aux {
        match &tr.out_tree {
            TreeDef::Tuple(c) if c.len() == 2 => (tuple_item(&out_value, 0)?, Some(tuple_item(&out_value, 1)?), c[0].num_leaves()),
            _ => return Err(Diagnostic::new("TypeError", "vjp(..., has_aux=True) needs the function to return a pair (output, aux)")),
        }
    } else {
        (out_value, None, n_out)
    };
    // Cotangents are given for the main outputs only; aux outputs get zeros.
    let mut backward = v.backward.clone();
    let mut out_types: Vec<Type> = tr.func.outs.iter().map(|&o| tr.func.ty(o).clone()).collect();
    if n_main < n_out {
        let mut b = Builder::new();
        let ps: Vec<_> = backward.params.iter().map(|&p| backward.ty(p).clone()).collect::<Vec<_>>();
        let n_res = v.n_res;
        let mut params = Vec::new();
        for t in &ps[..n_res + n_main] {
            params.push(b.param(t.clone()));
        }
        let mut ins = params.clone();
        for t in &ps[n_res + n_main..] {
            ins.push(b.zeros(t).map_err(|m| Diagnostic::new("TypeError", m))?);
        }
        let outs = b.inline(&backward, &ins).map_err(|m| Diagnostic::new("TypeError", m))?;
        backward = b.finish(outs);
        out_types.truncate(n_main);
    }
    let vjp_fn = transformed(
        Kind::VjpFn { backward: Rc::new(backward), residuals: outs[n_out..].to_vec(), in_tree: tree, out_types, jax },
        format!("vjp({})", fn_name(&f)),
    );
    Ok(match aux {
        None => Value::tuple(vec![main, vjp_fn]),
        Some(a) => Value::tuple(vec![main, vjp_fn, a]),
    })
}

/// `jax._saved_residuals(f, *args)`: what reverse mode saves from the forward pass of `f` at
/// `args` for the backward pass (jax.ad_checkpoint's `saved_residuals`, std/py): a list of
/// `(shape, dtype, kind, what)` in JAX's order — constants (`kind` "constant"), arguments
/// ("argument", the flattened leaf's index), then outputs of equations ("output", the
/// primitive's name) in the order they are computed — and the names of `f`'s positional
/// parameters (None where `f` is not a `def` or lambda).
fn j_saved_residuals(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    if !kw.is_empty() {
        return Err(Diagnostic::new("TypeError", "saved_residuals takes the function's arguments positionally here").with_help("pass keyword arguments by position, or close over them with a lambda"));
    }
    let f = need_fn(&args, "saved_residuals")?;
    let (_, _, arrays, tr, v) = vjp_at(it, &f, &args[1..], "saved_residuals")?;
    let p = &v.primal;
    // A residual that is a reshape (a view: the dot rule saves its operands so) of an argument
    // or of another value is reported as that value, once, as JAX reports what it saves.
    let mut residuals: Vec<crate::ir::Var> = Vec::new();
    for &r in &p.outs[tr.func.outs.len()..] {
        let mut r = r;
        while let Some(e) = p.eqns.iter().find(|e| e.outs.contains(&r) && matches!(e.prim, crate::prim::Prim::Reshape { .. })) {
            r = e.ins[0];
        }
        if !residuals.contains(&r) {
            residuals.push(r);
        }
    }
    let entry = |r: crate::ir::Var, kind: &str, what: Value| {
        let ty = p.ty(r);
        Value::tuple(vec![Value::tuple(ty.shape.iter().map(|&d| Value::Int(d as i64)).collect()), Value::str(ty.dtype.name()), Value::str(kind), what])
    };
    let mut out = Vec::new();
    for (i, q) in p.params.iter().enumerate().skip(arrays.len()) {
        if residuals.contains(q) {
            out.push(entry(*q, "constant", Value::Int(i as i64)));
        }
    }
    for (i, q) in p.params.iter().enumerate().take(arrays.len()) {
        if residuals.contains(q) {
            out.push(entry(*q, "argument", Value::Int(i as i64)));
        }
    }
    for e in &p.eqns {
        for o in &e.outs {
            if residuals.contains(o) {
                out.push(entry(*o, "output", Value::str(e.prim.name())));
            }
        }
    }
    let names = match &f {
        Value::Func(c) => Value::list(c.def.params.iter().filter(|q| q.kind == crate::syntax::ast::ParamKind::Normal).map(|q| Value::str(&q.name)).collect()),
        _ => Value::None,
    };
    Ok(Value::tuple(vec![Value::list(out), names]))
}

/// `jax.jvp(f, primals, tangents)` → `(out, tangent_out)`.
fn j_jvp(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["has_aux"], "jvp")?;
    let f = need_fn(&args, "jvp")?;
    let (Some(primals), Some(tangents)) = (args.get(1), args.get(2)) else {
        return Err(Diagnostic::new("TypeError", "jvp(f, primals, tangents) takes the primals and tangents as two tuples"));
    };
    let primals = Value::tuple(it.iterate(primals)?);
    let tangents = Value::tuple(it.iterate(tangents)?);
    let mut leaves = Vec::new();
    let tree = flatten(it, &primals, &mut leaves)?;
    let mut tl = Vec::new();
    let ttree = flatten(it, &tangents, &mut tl)?;
    if ttree != tree {
        return Err(Diagnostic::new("ValueError", "jvp: the tangents must have the same tree structure as the primals"));
    }
    let arrays = it.leaf_arrays(&leaves, "jvp")?;
    let tarrays = it.leaf_arrays(&tl, "jvp")?;
    let tr = it.trace_call(&f, &call_def(&tree), &arrays, "", true)?;
    let mut wrt = vec![true; arrays.len()];
    wrt.resize(tr.func.params.len(), false);
    let func = tr.func.clone();
    let w2 = wrt.clone();
    let jf = it.func_cached(format!("jvp|{:p}|{:?}", Rc::as_ptr(&tr.func), wrt), &tr.func, it.is_cached(&tr), || transform::jvp::jvp(&func, &w2))?;
    let jax = jax_of(leaves.iter());
    let mut inputs = arrays.clone();
    inputs.extend(tr.consts.iter().cloned());
    for (t, a) in tarrays.iter().zip(&arrays) {
        if t.shape() != a.shape() {
            return Err(Diagnostic::new("ValueError", format!("jvp: a tangent has shape {}, its primal {}", ops::shape_str(t.shape()), ops::shape_str(a.shape()))));
        }
        inputs.push(it.cast(t, a.dtype())?);
    }
    let outs = it.inline_func(&jf, &inputs, jax)?;
    let n = tr.func.outs.len();
    let o = unflatten(it, &tr.out_tree, &mut outs[..n].iter().cloned().map(Value::Array))?;
    let t = unflatten(it, &tr.out_tree, &mut outs[n..].iter().cloned().map(Value::Array))?;
    Ok(Value::tuple(vec![o, t]))
}

/// `jax.linearize(f, *primals)` → `(out, f_jvp)`.
fn j_linearize(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["has_aux"], "linearize")?;
    if let Some((_, v)) = kw.iter().find(|(k, _)| k.as_ref() == "has_aux") {
        if it.truthy(v)? {
            return Err(Diagnostic::new("NotImplementedError", "jax.linearize(has_aux=True) is not supported in Slope yet")
                .with_help("return only the differentiated output, and compute the auxiliary value separately (or use jax.vjp/jax.jvp with has_aux=True)"));
        }
    }
    let f = need_fn(&args, "linearize")?;
    let primals = Value::tuple(args[1..].to_vec());
    let mut leaves = Vec::new();
    let tree = flatten(it, &primals, &mut leaves)?;
    let arrays = it.leaf_arrays(&leaves, "linearize")?;
    let tr = it.trace_call(&f, &call_def(&tree), &arrays, "", true)?;
    let mut wrt = vec![true; arrays.len()];
    wrt.resize(tr.func.params.len(), false);
    let lin = transform::linearize::linearize(&tr.func, &wrt).map_err(super::trace::transform_error)?;
    let jax = jax_of(leaves.iter());
    let mut inputs = arrays.clone();
    inputs.extend(tr.consts.iter().cloned());
    let outs = it.inline_func(&lin.primal, &inputs, jax)?;
    let n = tr.func.outs.len();
    let o = unflatten(it, &tr.out_tree, &mut outs[..n].iter().cloned().map(Value::Array))?;
    let f_jvp = transformed(
        Kind::LinearFn { linear: Rc::new(lin.linear), residuals: outs[n..].to_vec(), out_tree: tr.out_tree.clone(), in_types: arrays.iter().map(|a| a.0.ty.clone()).collect(), jax },
        format!("linearize({})", fn_name(&f)),
    );
    Ok(Value::tuple(vec![o, f_jvp]))
}

fn j_stop_gradient(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let v = args.into_iter().next().unwrap_or(Value::None);
    let mut leaves = Vec::new();
    let tree = flatten(it, &v, &mut leaves)?;
    let mut outs = Vec::new();
    for l in leaves {
        let a = it.to_array(&l, true)?;
        let jax = a.jax();
        outs.push(Value::Array(it.prim_flags(Prim::StopGradient, &[&a], a.weak(), jax)?));
    }
    unflatten(it, &tree, &mut outs.into_iter())
}

/// `jax.debug.print(fmt, *args, **kwargs)`: prints when the computation runs.
fn j_debug_print(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let Some(Value::Str(fmt)) = args.first() else {
        return Err(Diagnostic::new("TypeError", "jax.debug.print needs a format string first"));
    };
    let pos = &args[1..];
    let mut operands: Vec<Array> = Vec::new();
    let mut template = Vec::new();
    let mut auto = 0;
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut lit = String::new();
    while i < chars.len() {
        if chars[i] == '{' && chars.get(i + 1) == Some(&'{') {
            lit.push('{');
            i += 2;
            continue;
        }
        if chars[i] == '}' && chars.get(i + 1) == Some(&'}') {
            lit.push('}');
            i += 2;
            continue;
        }
        if chars[i] == '{' {
            let end = chars[i..].iter().position(|&c| c == '}').map(|p| p + i).ok_or_else(|| Diagnostic::new("ValueError", "unmatched '{' in format string"))?;
            let field: String = chars[i + 1..end].iter().collect();
            let name = field.split(':').next().unwrap_or("").to_string();
            let v = if name.is_empty() {
                auto += 1;
                pos.get(auto - 1).cloned()
            } else if let Ok(k) = name.parse::<usize>() {
                pos.get(k).cloned()
            } else {
                kw.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.clone())
            }
            .ok_or_else(|| Diagnostic::new("KeyError", format!("jax.debug.print: no argument for {{{field}}}")))?;
            match v {
                Value::Array(a) => {
                    if !lit.is_empty() {
                        template.push(PrintPart::Lit(std::mem::take(&mut lit).into()));
                    }
                    template.push(PrintPart::Arg(operands.len()));
                    operands.push(a);
                }
                other => lit.push_str(&it.to_str(&other)?),
            }
            i = end + 1;
            continue;
        }
        lit.push(chars[i]);
        i += 1;
    }
    lit.push('\n');
    template.push(PrintPart::Lit(lit.into()));
    print_template(it, template, operands)
}

/// Print a template now (concrete values) or when the computation runs (traced values).
pub fn print_template(it: &mut Interp, template: Vec<PrintPart>, operands: Vec<Array>) -> Result<Value> {
    let refs: Vec<&Array> = operands.iter().collect();
    it.bind(Prim::DebugPrint { template }, &refs, false)?;
    if it.traces.is_empty() {
        it.sync()?;
    }
    Ok(Value::None)
}

fn s_show_ir(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let f = need_fn(&args, "show_ir")?;
    let mj = transformed(Kind::MakeJaxpr { f }, "make_jaxpr".into());
    let text = it.call(&mj, args[1..].to_vec(), kw)?;
    let s = it.to_str(&text)?;
    it.write(super::StreamKind::Stdout, &format!("{s}\n"));
    Ok(Value::None)
}

/// `_threefry2x32(k0, k1, x0, x1)` → the two output words (for `jax.random` in the standard library).
fn j_threefry(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 4 {
        return Err(Diagnostic::new("TypeError", "_threefry2x32(k0, k1, x0, x1)"));
    }
    let mut arrs = Vec::new();
    for a in &args {
        let x = it.to_array(a, true)?;
        arrs.push(it.cast(&x, DType::I32)?);
    }
    let refs: Vec<&Array> = arrs.iter().collect();
    let outs = it.bind(Prim::Threefry2x32, &refs, true)?;
    Ok(Value::tuple(outs.into_iter().map(Value::Array).collect()))
}

/// A module of documented natives.
fn module(name: &str, fns: &[(&str, NativeFn, &'static str)]) -> Rc<Module> {
    let m = Module::new(name);
    for (n, f, doc) in fns {
        m.attrs.borrow_mut().insert((*n).into(), Value::Builtin(Rc::new(Builtin { name: (*n).into(), f: *f, jax: true, doc })));
    }
    Rc::new(m)
}

/// The `jax` module's transformations: (name, native, docstring). The docstring's first line is
/// the signature (`name?` and completion read it); its `>>>` example runs in a test.
pub const JAX_API: &[(&str, NativeFn, &str)] = &[
    ("grad", j_grad, "grad(fun, argnums=0, has_aux=False)\nThe function that computes the gradient of `fun` (a function with one scalar float output) with respect to its argument(s) `argnums` (an int or a tuple of ints). Arguments may be arrays, Python numbers or pytrees of them (dicts, lists, tuples, registered classes); the gradient has the same structure. Python `if` on values works inside `fun` (Slope traces with the actual arguments); converting a traced float to a Python number is an error, since its gradient would be lost. Gradients through the branch `jnp.where` did not take are exactly zero (see `%help grad`).\n\n>>> print(jax.grad(lambda x: x ** 3)(2.0))\n12.0\n>>> print(jax.grad(lambda x, y: x * y, argnums=1)(3.0, 4.0))\n3.0"),
    ("value_and_grad", j_grad, "value_and_grad(fun, argnums=0, has_aux=False)\nLike grad, but the function returns the pair (fun(*args), gradient), computed in one pass.\n\n>>> v, g = jax.value_and_grad(lambda x: x * x)(3.0)\n>>> print(v, g)\n9.0 6.0"),
    ("jacfwd", j_jac, "jacfwd(fun, argnums=0, has_aux=False)\nThe Jacobian of `fun` by forward mode (one jvp per input element): efficient for tall Jacobians (few inputs).\n\n>>> print(jax.jacfwd(lambda x: x ** 2)(jnp.array([1.0, 2.0])))\n[[2. 0.]\n [0. 4.]]"),
    ("jacrev", j_jac, "jacrev(fun, argnums=0, has_aux=False)\nThe Jacobian of `fun` by reverse mode (one vjp per output element): efficient for wide Jacobians (few outputs).\n\n>>> print(jax.jacrev(lambda x: x ** 2)(jnp.array([1.0, 2.0])))\n[[2. 0.]\n [0. 4.]]"),
    ("jacobian", j_jac, "jacobian(fun, argnums=0, has_aux=False)\nThe same as jacrev.\n\n>>> print(jax.jacobian(lambda x: 3.0 * x)(jnp.array([1.0])))\n[[3.]]"),
    ("hessian", j_jac, "hessian(fun, argnums=0)\nThe matrix of second derivatives of a scalar function: jacfwd(jacrev(fun)).\n\n>>> print(jax.hessian(lambda x: jnp.sum(x ** 3))(jnp.array([1.0, 2.0])))\n[[ 6.  0.]\n [ 0. 12.]]"),
    ("jit", j_jit, "jit(fun, static_argnums=(), static_argnames=())\nCompile `fun`: it is traced once per argument shape/dtype (and value of its static arguments) into the IR, and each call runs the compiled kernels. Python control flow must not depend on traced values (use jnp.where, lax.cond, lax.fori_loop), or mark those arguments static.\n\n>>> f = jax.jit(lambda x: jnp.tanh(x) * 2)\n>>> print(f(0.5))\n0.92423433"),
    ("vmap", j_vmap, "vmap(fun, in_axes=0, out_axes=0)\nVectorise `fun` over a batch axis: in_axes says which axis of each argument is the batch (None: not batched), out_axes where the batch axis goes in the outputs.\n\n>>> print(jax.vmap(lambda x: jnp.dot(x, x))(jnp.arange(6.0).reshape(3, 2)))\n[ 1. 13. 41.]"),
    ("vjp", j_vjp, "vjp(fun, *primals, has_aux=False)\nReverse mode: returns (fun(*primals), vjp_fn), where vjp_fn(cotangent) gives the cotangents of the primals (a tuple).\n\n>>> y, back = jax.vjp(jnp.sin, 0.0)\n>>> print(y, back(1.0)[0])\n0.0 1.0"),
    ("jvp", j_jvp, "jvp(fun, primals, tangents)\nForward mode: returns (fun(*primals), the directional derivative along tangents).\n\n>>> y, t = jax.jvp(jnp.exp, (0.0,), (2.0,))\n>>> print(y, t)\n1.0 2.0"),
    ("linearize", j_linearize, "linearize(fun, *primals)\nReturns (fun(*primals), f_jvp), where f_jvp(*tangents) evaluates the linearised function without re-running fun.\n\n>>> y, f_jvp = jax.linearize(jnp.sin, 0.0)\n>>> print(y, f_jvp(3.0))\n0.0 3.0"),
    ("make_jaxpr", j_make_jaxpr, "make_jaxpr(fun)\nThe function that returns fun's IR for the given arguments, printed as JAX prints a jaxpr (equations over typed variables).\n\n>>> print(len(str(jax.make_jaxpr(jnp.sin)(1.0))) > 0)\nTrue"),
    ("custom_vjp", j_custom_vjp, "custom_vjp(fun)\nA function with a reverse-mode rule of your own: define f.defvjp(fwd, bwd) where fwd returns (output, residuals) and bwd(residuals, cotangent) returns a tuple of input cotangents.\n\n>>> f = jax.custom_vjp(lambda x: x * 2.0)\n>>> f.defvjp(lambda x: (x * 2.0, None), lambda r, g: (g * 10.0,))\n>>> print(jax.grad(f)(1.0))\n10.0"),
    ("custom_jvp", j_custom_jvp, "custom_jvp(fun)\nA function with a forward-mode rule of your own: define f.defjvp(rule), rule(primals, tangents) -> (output, output tangent).\n\n>>> f = jax.custom_jvp(lambda x: x ** 2)\n>>> f.defjvp(lambda p, t: (p[0] ** 2, 100.0 * t[0]))\n>>> print(jax.grad(f)(1.0))\n100.0"),
];

/// `jax.lax`: control flow and stop_gradient.
pub const LAX_API: &[(&str, NativeFn, &str)] = &[
    ("stop_gradient", j_stop_gradient, "stop_gradient(x)\nx itself, but with a zero derivative: gradients do not flow through it.\n\n>>> print(jax.grad(lambda x: x * jax.lax.stop_gradient(x))(2.0))\n2.0"),
    ("cond", l_cond, "cond(pred, true_fun, false_fun, *operands)\ntrue_fun(*operands) if pred else false_fun(*operands); pred may be traced (both branches are traced and the results selected).\n\n>>> print(jax.lax.cond(True, lambda x: x + 1, lambda x: x - 1, 5))\n6"),
    ("switch", l_switch, "switch(index, branches, *operands)\nbranches[index](*operands), index clamped to the branches.\n\n>>> print(jax.lax.switch(1, [lambda x: x, lambda x: 2 * x], 10))\n20"),
    ("fori_loop", l_fori_loop, "fori_loop(lower, upper, body_fun, init_val)\nval = init_val; for i in range(lower, upper): val = body_fun(i, val); returns val.\n\n>>> print(jax.lax.fori_loop(0, 5, lambda i, acc: acc + i, 0))\n10"),
    ("while_loop", l_while_loop, "while_loop(cond_fun, body_fun, init_val)\nval = init_val; while cond_fun(val): val = body_fun(val); returns val.\n\n>>> print(jax.lax.while_loop(lambda s: s < 10, lambda s: s * 2, 1))\n16"),
    ("scan", l_scan, "scan(f, init, xs, length=None, reverse=False)\nLoop f(carry, x) -> (carry, y) over the leading axis of xs; returns (final carry, the ys stacked).\n\n>>> carry, ys = jax.lax.scan(lambda c, x: (c + x, c * x), 0, jnp.arange(4))\n>>> print(carry, ys)\n6 [0 0 2 9]"),
];

/// `jax.tree_util`.
pub const TREE_API: &[(&str, NativeFn, &str)] = &[
    ("tree_map", t_tree_map, "tree_map(f, tree, *rest, is_leaf=None)\nThe tree with f applied to each leaf (and to the matching subtrees of rest, whose structure extends tree's); is_leaf(x) true makes x a leaf.\n\n>>> print(jax.tree_util.tree_map(lambda x: x * 2, {'a': 1, 'b': (2, 3)}))\n{'a': 2, 'b': (4, 6)}"),
    ("tree_leaves", t_tree_leaves, "tree_leaves(tree)\nThe leaves of a pytree, in order (dict keys sorted).\n\n>>> print(jax.tree_util.tree_leaves({'b': [1, 2], 'a': 3}))\n[3, 1, 2]"),
    ("tree_structure", t_tree_structure, "tree_structure(tree)\nThe structure of a pytree (a PyTreeDef).\n\n>>> print(jax.tree_util.tree_structure((1, [2])))\nPyTreeDef((*, [*]))"),
    ("tree_flatten", t_tree_flatten, "tree_flatten(tree)\nThe pair (leaves, treedef).\n\n>>> leaves, tdef = jax.tree_util.tree_flatten([1, (2, 3)])\n>>> print(leaves)\n[1, 2, 3]"),
    ("tree_unflatten", t_tree_unflatten, "tree_unflatten(treedef, leaves)\nThe pytree of that structure with these leaves.\n\n>>> leaves, tdef = jax.tree_util.tree_flatten([1, (2, 3)])\n>>> print(jax.tree_util.tree_unflatten(tdef, [4, 5, 6]))\n[4, (5, 6)]"),
    ("treedef_is_leaf", t_treedef_is_leaf, "treedef_is_leaf(treedef)\nWhether the structure is a single node (a leaf, or None).\n\n>>> print(jax.tree_util.treedef_is_leaf(jax.tree_util.tree_structure(1.0)))\nTrue"),
    ("register_pytree_node", t_register_node, "register_pytree_node(cls, flatten_func, unflatten_func)\nMake instances of cls pytree nodes: flatten_func(x) -> (children, aux_data), unflatten_func(aux_data, children) -> x."),
    ("register_pytree_node_class", t_register_class, "register_pytree_node_class(cls)\nA class decorator: instances flatten with their tree_flatten() method and rebuild with the class method tree_unflatten(aux_data, children)."),
    ("register_dataclass", t_register_dataclass, "register_dataclass(cls, data_fields=None, meta_fields=None)\nMake a dataclass a pytree: data fields are children, meta fields static (by default, fields with metadata=dict(static=True))."),
];

impl Interp {
    /// The `jax` module and its submodules (`jax.numpy` and `jax.random` come from elsewhere).
    pub(crate) fn build_jax(&mut self) -> Result<Value> {
        let jax = module("jax", JAX_API);
        let lax = module("jax.lax", LAX_API);
        let tree_util = module("jax.tree_util", TREE_API);
        let tree = Module::new("jax.tree");
        for (n, f, doc) in TREE_API.iter() {
            if let Some(short) = n.strip_prefix("tree_") {
                tree.attrs.borrow_mut().insert(short.into(), Value::Builtin(Rc::new(Builtin { name: short.into(), f: *f, jax: true, doc })));
            }
        }
        let tree = Rc::new(tree);
        jax.attrs.borrow_mut().insert("_callback_values".into(), super::builtins::builtin("_callback_values", j_callback_values));
        jax.attrs.borrow_mut().insert("_host_call".into(), super::builtins::builtin("_host_call", super::host_call::j_host_call));
        jax.attrs.borrow_mut().insert("_trace_depth".into(), super::builtins::builtin("_trace_depth", |it, _, _, _| Ok(Value::Int(it.traces.len() as i64))));
        jax.attrs.borrow_mut().insert("_outer_ref_write".into(), super::builtins::builtin("_outer_ref_write", j_outer_ref_write));
        jax.attrs.borrow_mut().insert("_saved_residuals".into(), super::builtins::builtin("_saved_residuals", j_saved_residuals));
        let debug = module("jax.debug", &[("print", j_debug_print, "print(fmt, *args, **kwargs)\nPrint fmt.format(*args, **kwargs) when the computation runs (inside jit, grad and vmap too).\n\n>>> jax.debug.print('x = {}', 2.5)\nx = 2.5")]);
        for (n, m) in [("lax", lax.clone()), ("tree_util", tree_util.clone()), ("tree", tree.clone()), ("debug", debug.clone())] {
            let v = Value::Module(m);
            self.modules.insert(format!("jax.{n}"), v.clone());
            jax.attrs.borrow_mut().insert(n.into(), v);
        }
        let v = Value::Module(jax.clone());
        self.modules.insert("jax".into(), v.clone());
        let jnp = self.import("jax.numpy")?;
        jax.attrs.borrow_mut().insert("numpy".into(), jnp);
        jax.attrs.borrow_mut().insert("Array".into(), Value::Class(self.types.get("jax.Array")));
        if let Ok(r) = self.import("jax.random") {
            jax.attrs.borrow_mut().insert("random".into(), r);
        }
        // The names written in Slope: lax's array functions (`std/py/jax_lax.py`), the rest of
        // tree_util, checkpoint and config (`std/py/jax_extra.py`).
        if self.std_sources.contains_key("jax._lax") {
            if let Value::Module(m) = self.std_submodule("jax._lax", "jax.numpy")? {
                for (k, x) in m.attrs.borrow().iter() {
                    if !k.starts_with('_') && !lax.attrs.borrow().contains_key(k) {
                        lax.attrs.borrow_mut().insert(k.clone(), x.clone());
                    }
                }
            }
        }
        for extra in ["jax._extra", "jax._api"] {
            if !self.std_sources.contains_key(extra) {
                continue;
            }
            if let Value::Module(m) = self.std_submodule(extra, "jax.numpy")? {
                let attrs = m.attrs.borrow();
                let names = |key: &str| -> Vec<String> {
                    match attrs.get(key) {
                        Some(Value::List(l)) => l.borrow().iter().filter_map(|n| if let Value::Str(s) = n { Some(s.to_string()) } else { None }).collect(),
                        _ => vec![],
                    }
                };
                for n in names("_TREE_UTIL") {
                    if let Some(x) = attrs.get(n.as_str()) {
                        tree_util.attrs.borrow_mut().insert(n.as_str().into(), x.clone());
                        let short = n.strip_prefix("tree_").unwrap_or(&n);
                        if n.starts_with("tree_") {
                            tree.attrs.borrow_mut().insert(short.into(), x.clone());
                        }
                    }
                }
                for n in names("_JAX") {
                    if let Some(x) = attrs.get(n.as_str()) {
                        jax.attrs.borrow_mut().insert(n.as_str().into(), x.clone());
                    }
                }
                for n in names("_DEBUG") {
                    if let Some(x) = attrs.get(format!("_debug_{n}").as_str()) {
                        debug.attrs.borrow_mut().insert(n.as_str().into(), x.clone());
                    }
                }
            }
        }
        Ok(v)
    }

    /// The `slope` module: Slope's own tools.
    pub(crate) fn build_slope(&mut self) -> Result<Value> {
        let m = module("slope", &[("show_ir", s_show_ir, "show_ir(fun, *args)\nPrint the staged IR of fun(*args) (as %ir does).")]);
        Ok(Value::Module(m))
    }
}

/// Natives the standard library's `jax.random` needs, added to the `jax.numpy` scope.
pub const RANDOM_NATIVES: &[(&str, NativeFn)] = &[("_threefry2x32", j_threefry)];

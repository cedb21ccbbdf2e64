//! Calling transformed functions: the tracing core of the JAX API. `grad`, `value_and_grad`,
//! `jacfwd`/`jacrev`/`hessian`, `vmap`, `jit`, `custom_vjp`/`custom_jvp` and `make_jaxpr` return a
//! `Value::Transformed`; calling one traces the function once per (function, argument types and
//! tree structure, static arguments) into a closed `Func`, which the transformations in
//! `transform/` turn into another, inlined into the current stage, so transformations compose to
//! any depth. The API table that makes these values is `jax.rs`.

use super::array::Array;
use super::args::Argnums;
use super::ops;
use super::pytree::{flatten, unflatten, TreeDef};
use super::value::*;
use super::trace::{call_tree, fn_key, split_kwargs, types_key, with_kwargs};
use super::Interp;
use crate::array::{DType, HostArray, Scalar};
use crate::diag::{Diagnostic, Result};
use crate::ir::{Builder, Func, Type};
use crate::prim::Prim;
use crate::transform::{self, emit::EmitExt};
use std::cell::RefCell;
use std::rc::Rc;

/// How deep custom_vjp bwd rules are traced inside one another (see `Kind::CustomVjp`'s call):
/// the order of derivatives that can pass through such nested rules.
const MAX_CUSTOM_BWD_DEPTH: usize = 4;
/// How often a custom_vjp function's rules are traced inside its own rules (fwd calling the
/// function itself, as `fixed_point_fwd` does): the order of derivatives through that call.
/// JAX traces a rule only when a transformation needs it; Slope traces the rules at the call.
const MAX_CUSTOM_SELF_NESTING: usize = 2;


/// The tree of a call's arguments (positional tuple, no keywords), as `call_tree` expects.
pub(super) fn call_def(args_tree: &TreeDef) -> TreeDef {
    TreeDef::Tuple(vec![args_tree.clone(), TreeDef::Dict(vec![], vec![])])
}

pub enum Kind {
    Grad { f: Value, argnums: Argnums, has_aux: bool, value: bool },
    Jit { f: Value, static_argnums: Vec<usize>, static_argnames: Vec<Rc<str>> },
    Vmap { f: Value, in_axes: Value, out_axes: Value },
    Jac { f: Value, argnums: Argnums, fwd: bool, has_aux: bool },
    Hessian { f: Value, argnums: Argnums },
    /// The function `vjp` returns: output cotangents → input cotangents.
    VjpFn { backward: Rc<Func>, residuals: Vec<Array>, in_tree: TreeDef, out_types: Vec<Type>, jax: bool },
    /// The function `linearize` returns: input tangents → output tangents.
    LinearFn { linear: Rc<Func>, residuals: Vec<Array>, out_tree: TreeDef, in_types: Vec<Type>, jax: bool },
    CustomVjp { f: Value, rules: RefCell<Option<(Value, Value)>> },
    CustomJvp { f: Value, rule: RefCell<Option<Value>> },
    MakeJaxpr { f: Value },
}

pub struct Transformed {
    pub kind: Kind,
    pub name: Rc<str>,
}

pub(super) fn transformed(kind: Kind, name: String) -> Value {
    Value::Transformed(Rc::new(Transformed { kind, name: name.into() }))
}

/// The function's name, for messages and `__name__`.
pub fn fn_name(f: &Value) -> String {
    match f {
        Value::Func(c) => c.def.name.to_string(),
        Value::Builtin(b) => b.name.to_string(),
        Value::Transformed(t) => t.name.to_string(),
        other => other.type_name(),
    }
}

impl Interp {

    /// Call a transformed function.
    pub(crate) fn call_transformed(&mut self, t: &Rc<Transformed>, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        match &t.kind {
            Kind::Grad { f, argnums, has_aux, value } => self.call_grad(t, f, argnums, *has_aux, *value, args, kw),
            Kind::Jit { f, static_argnums, static_argnames } => self.call_jit(f, static_argnums, static_argnames, args, kw),
            Kind::Vmap { f, in_axes, out_axes } => self.call_vmap(f, in_axes, out_axes, args, kw),
            Kind::Jac { f, argnums, fwd, has_aux } => self.call_jac(f, argnums, *fwd, *has_aux, args, kw),
            Kind::Hessian { f, argnums } => {
                let inner = transformed(Kind::Jac { f: f.clone(), argnums: argnums.clone(), fwd: false, has_aux: false }, format!("jacrev({})", fn_name(f)));
                let outer = transformed(Kind::Jac { f: inner, argnums: argnums.clone(), fwd: true, has_aux: false }, format!("hessian({})", fn_name(f)));
                self.call(&outer, args, kw)
            }
            Kind::VjpFn { backward, residuals, in_tree, out_types, jax } => {
                let ct = if args.len() == 1 { args[0].clone() } else { Value::tuple(args) };
                let mut leaves = Vec::new();
                flatten(self, &ct, &mut leaves)?;
                if leaves.len() != out_types.len() {
                    return Err(Diagnostic::new("ValueError", format!("the vjp function takes cotangents shaped like the outputs: {} leaves, got {}", out_types.len(), leaves.len())));
                }
                let mut cts = Vec::new();
                for (l, ty) in leaves.iter().zip(out_types) {
                    let a = self.to_array(l, *jax)?;
                    let a = self.cast(&a, ty.dtype)?;
                    if a.shape() != ty.shape.as_slice() {
                        return Err(Diagnostic::new("ValueError", format!("a cotangent has shape {}, the output has shape {}", ops::shape_str(a.shape()), ops::shape_str(&ty.shape))));
                    }
                    cts.push(a);
                }
                let mut all = residuals.clone();
                all.extend(cts);
                let outs = self.inline_func(backward, &all, *jax)?;
                unflatten(self, in_tree, &mut outs.into_iter().map(Value::Array))
            }
            Kind::LinearFn { linear, residuals, out_tree, in_types, jax } => {
                let mut leaves = Vec::new();
                flatten(self, &Value::tuple(args), &mut leaves)?;
                if leaves.len() != in_types.len() {
                    return Err(Diagnostic::new("ValueError", format!("the linearized function takes {} tangent leaves, got {}", in_types.len(), leaves.len())));
                }
                let mut all = residuals.clone();
                for (l, ty) in leaves.iter().zip(in_types) {
                    let a = self.to_array(l, *jax)?;
                    all.push(self.cast(&a, ty.dtype)?);
                }
                let outs = self.inline_func(linear, &all, *jax)?;
                unflatten(self, out_tree, &mut outs.into_iter().map(Value::Array))
            }
            Kind::CustomVjp { f, rules } => {
                let rules = rules.borrow().clone();
                let me = Rc::as_ptr(t);
                // Outside every transformation nothing can differentiate the result: the rules
                // are not needed. Inside the bwd rules of nested custom_vjp functions deeper than
                // MAX_CUSTOM_BWD_DEPTH (a bwd that calls a custom_vjp function made afresh per
                // call, as JAX's fixed_point example does), only the function runs: JAX traces a
                // bwd only when it is differentiated, Slope traces it at the call.
                let plain = self.traces.is_empty() || self.jax_cache.custom_bwd_depth >= MAX_CUSTOM_BWD_DEPTH;
                match rules {
                    Some((fwd, bwd)) if !plain && self.jax_cache.custom_active.iter().filter(|p| **p == me).count() < MAX_CUSTOM_SELF_NESTING => {
                        self.jax_cache.custom_active.push(me);
                        let inside_bwd = self.jax_cache.custom_bwd_depth > 0;
                        let r = self.call_custom_vjp(f, &fwd, &bwd, args.clone());
                        self.jax_cache.custom_active.retain(|p| *p != me);
                        match r {
                            // Inside another rule's bwd, a nested rule that cannot be traced
                            // (its own nesting ran out) is left out: the function runs plainly,
                            // as in JAX, where that bwd is traced only if it is differentiated.
                            Err(_) if inside_bwd => self.call(f, args, kw),
                            r => r,
                        }
                    }
                    _ => self.call(f, args, kw),
                }
            }
            Kind::CustomJvp { f, rule } => {
                let rule = rule.borrow().clone();
                let me = Rc::as_ptr(t);
                match rule {
                    Some(jvp) if !self.traces.is_empty() && !self.jax_cache.custom_active.contains(&me) => {
                        self.jax_cache.custom_active.push(me);
                        let r = self.call_custom_jvp(f, &jvp, args);
                        self.jax_cache.custom_active.retain(|p| *p != me);
                        r
                    }
                    // The function called by its own rule (`return f(x), ...`) computes the
                    // primal output, whose derivative the rule gives.
                    _ if self.jax_cache.custom_active.contains(&me) => self.in_custom_primal(|it| it.call(f, args, kw)),
                    _ => self.call(f, args, kw),
                }
            }
            Kind::MakeJaxpr { f } => {
                let mut leaves = Vec::new();
                let tree = call_def(&flatten(self, &Value::tuple(args), &mut leaves)?);
                let arrays = self.leaf_arrays(&leaves, "make_jaxpr")?;
                let tr = self.trace_call(f, &tree, &arrays, "", false)?;
                Ok(Value::Jaxpr(jaxpr_text(&tr.func, arrays.len(), &tr.consts).into()))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn call_grad(&mut self, t: &Rc<Transformed>, f: &Value, argnums: &Argnums, has_aux: bool, value: bool, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        let what = if value { "value_and_grad" } else { "grad" };
        let nargs = args.len();
        let argnums = &match argnums {
            Argnums::One(_) => Argnums::One(argnums.resolve(nargs)[0] as i64),
            Argnums::Many(_) => Argnums::Many(argnums.resolve(nargs).into_iter().map(|i| i as i64).collect()),
        };
        for &i in &argnums.list() {
            if i >= nargs {
                return Err(Diagnostic::new("TypeError", format!("{what}({}) was asked for argnums={i}, but was called with {nargs} positional arguments", fn_name(f))));
            }
        }
        let (bound, args, kw, renumbered) = self.bind_static_args(f, args, kw, argnums)?;
        if let Some(g) = bound {
            return self.call_grad(t, &g, &renumbered, has_aux, value, args, kw);
        }
        let (tree, leaves, arg_trees, wrt) = flatten_wrt(self, args, kw, argnums)?;
        let arrays = self.leaf_arrays(&leaves, what)?;
        for (a, &w) in arrays.iter().zip(&wrt) {
            if w && !a.dtype().is_float() {
                return Err(Diagnostic::new("TypeError", format!("{what} requires real-valued (float) inputs; an argument has dtype {}", a.dtype()))
                    .with_help("pass floats, e.g. 1.0 instead of 1, or x.astype(jnp.float32)"));
            }
        }
        let tr = self.trace_call(f, &tree, &arrays, "", true)?;
        // The differentiated output: the first leaf (with has_aux, of the first element).
        let n_out = tr.func.outs.len();
        let main_leaves = if has_aux {
            match &tr.out_tree {
                TreeDef::Tuple(c) if c.len() == 2 => c[0].num_leaves(),
                _ => return Err(Diagnostic::new("TypeError", format!("{what}(..., has_aux=True) needs the function to return a pair (output, aux)"))),
            }
        } else {
            n_out
        };
        if main_leaves != 1 {
            return Err(Diagnostic::new("TypeError", format!("{what} needs a function with one scalar output; {} returns {main_leaves} arrays", fn_name(f))).with_help("use jax.vjp or jax.jacrev for functions with several outputs"));
        }
        let out_ty = tr.func.ty(tr.func.outs[0]).clone();
        if !out_ty.shape.is_empty() {
            return Err(Diagnostic::new("TypeError", format!("{what} requires a scalar output, but {} returns an array of shape {}", fn_name(f), ops::shape_str(&out_ty.shape)))
                .with_help("reduce the output first (e.g. jnp.sum or jnp.mean), or use jax.vjp / jax.jacrev"));
        }
        if !out_ty.dtype.is_float() {
            return Err(Diagnostic::new("TypeError", format!("{what} requires a float output, got {}", out_ty.dtype)));
        }
        let mut wrt_all = wrt.clone();
        wrt_all.resize(tr.func.params.len(), false);
        let key = format!("{:p}|{}|{}", Rc::as_ptr(&tr.func), wrt_all.iter().map(|&b| if b { '1' } else { '0' }).collect::<String>(), Rc::as_ptr(t) as usize);
        let v = self.vjp_of(&key, &tr.func, &wrt_all)?;
        let jax = jax_of(leaves.iter());
        let mut inputs = arrays.clone();
        inputs.extend(tr.consts.iter().cloned());
        let outs = self.inline_func(&v.primal, &inputs, jax)?;
        let (out_vals, residuals) = outs.split_at(n_out);
        let mut b_args = residuals.to_vec();
        for (k, &o) in tr.func.outs.iter().enumerate() {
            let ty = tr.func.ty(o);
            let fill = if k == 0 { 1.0 } else { 0.0 };
            b_args.push(Array::host(HostArray::full(&ty.shape, Scalar::F64(fill).cast(ty.dtype)), jax));
        }
        let grads = self.inline_func(&v.backward, &b_args, jax)?;
        // Rebuild the gradient trees of the differentiated arguments.
        let mut g = grads.into_iter();
        let mut per_arg = Vec::new();
        for (i, st) in arg_trees.iter().enumerate() {
            if argnums.list().contains(&i) {
                let leaves: Vec<Value> = (0..st.num_leaves()).filter_map(|_| g.next().map(Value::Array)).collect();
                per_arg.push((i, unflatten(self, st, &mut leaves.into_iter())?));
            }
        }
        let grad_value = match argnums {
            Argnums::One(_) => per_arg.into_iter().next().map(|(_, v)| v).unwrap_or(Value::None),
            Argnums::Many(order) => Value::tuple(order.iter().map(|i| per_arg.iter().find(|(j, _)| *j as i64 == *i).map(|(_, v)| v.clone()).unwrap_or(Value::None)).collect()),
        };
        let out_value = unflatten(self, &tr.out_tree, &mut out_vals.iter().cloned().map(Value::Array))?;
        Ok(match (value, has_aux) {
            (false, false) => grad_value,
            (false, true) => {
                let aux = tuple_item(&out_value, 1)?;
                Value::tuple(vec![grad_value, aux])
            }
            (true, _) => Value::tuple(vec![out_value, grad_value]),
        })
    }

    fn call_jit(&mut self, f: &Value, static_argnums: &[usize], static_argnames: &[Rc<str>], args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        // jax_disable_jit: the function runs op by op, as JAX runs it.
        let flags = super::ops::jax_flags();
        if flags.disable_jit {
            return self.call(f, args, kw);
        }
        if (flags.debug_nans || flags.debug_infs) && self.traces.is_empty() {
            // As JAX: a NaN (inf) in the outputs reruns the function op by op, where the
            // primitive that made it raises.
            let out = self.call_jit_inner(f, static_argnums, static_argnames, args.clone(), kw.clone())?;
            let mut leaves = Vec::new();
            flatten(self, &out, &mut leaves)?;
            for l in &leaves {
                if let Value::Array(a) = l {
                    if a.dtype().is_float() {
                        let v = self.force(a)?.to_f64_vec();
                        if v.iter().any(|x| (flags.debug_nans && x.is_nan()) || (flags.debug_infs && x.is_infinite())) {
                            self.write(super::StreamKind::Stdout, super::ops::DEOPT_NOTE);
                            return self.call(f, args, kw);
                        }
                    }
                }
            }
            return Ok(out);
        }
        self.call_jit_inner(f, static_argnums, static_argnames, args, kw)
    }

    fn call_jit_inner(&mut self, f: &Value, static_argnums: &[usize], static_argnames: &[Rc<str>], args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        // A jax.Ref argument is written in place: the function runs untraced, on values.
        if args.iter().any(is_jax_ref) || kw.iter().any(|(_, v)| is_jax_ref(v)) {
            return self.call(f, args, kw);
        }
        // Static arguments are part of the cache key and are passed as they are.
        let mut statics = Vec::new();
        let mut dyn_args = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if static_argnums.contains(&i) {
                statics.push((i, a.clone()));
            } else {
                dyn_args.push(a.clone());
            }
        }
        let mut static_kw = Vec::new();
        let mut dyn_kw = Vec::new();
        for (k, v) in kw {
            if static_argnames.contains(&k) {
                static_kw.push((k, v));
            } else {
                dyn_kw.push((k, v));
            }
        }
        let mut key_parts = Vec::new();
        for (i, v) in &statics {
            key_parts.push(format!("{i}={}", self.repr(v)?));
        }
        for (k, v) in &static_kw {
            key_parts.push(format!("{k}={}", self.repr(v)?));
        }
        let call_args = with_kwargs(dyn_args, dyn_kw);
        let mut leaves = Vec::new();
        let tree = flatten(self, &call_args, &mut leaves)?;
        let arrays = self.leaf_arrays(&leaves, "jit")?;
        let n = args.len();
        let f2 = f.clone();
        let key = format!("jit|{}|{}|{}|{}", fn_key(f), types_key(&arrays), tree.describe(), key_parts.join(";"));
        let cached = self.jax_cache.traces.get(&key).cloned().filter(|t| t.consts.iter().all(|c| self.check_live(c).is_ok()) && self.reads_hold(&t.reads));
        if let Some(t) = &cached {
            self.reads_inherit(&t.reads);
        }
        let tr = match cached {
            Some(t) => t,
            None => {
                let tree2 = tree.clone();
                let statics2 = statics.clone();
                let static_kw2 = static_kw.clone();
                let mut body = move |it: &mut Interp, vals: Vec<Value>| -> Result<Value> {
                    let rebuilt = unflatten(it, &tree2, &mut vals.into_iter())?;
                    let (pos, mut kwv) = split_kwargs(&rebuilt)?;
                    let mut full = Vec::with_capacity(n);
                    let mut dyn_it = pos.into_iter();
                    for i in 0..n {
                        match statics2.iter().find(|(j, _)| *j == i) {
                            Some((_, v)) => full.push(v.clone()),
                            None => full.push(dyn_it.next().unwrap_or(Value::None)),
                        }
                    }
                    kwv.extend(static_kw2.iter().cloned());
                    it.call(&f2, full, kwv)
                };
                // Where the enclosing trace knows its values (grad, not jit or vmap), the function
                // can also run untraced by jit, inside that trace.
                let outermost = self.traces.last().is_none_or(|t| t.concrete.is_some());
                match self.trace_with(&arrays, false, &mut body, f.clone()) {
                    Ok(t) => {
                        let t = Rc::new(t);
                        if t.consts.iter().all(|c| !self.is_traced(c)) {
                            self.jax_cache.insert_trace(key, t.clone());
                        }
                        t
                    }
                    // A while_loop on a traced value, or a host callback: run the function
                    // without jit.
                    Err(e) if outermost && needs_concrete(&e) => return body(self, arrays.iter().cloned().map(Value::Array).collect()),
                    Err(e) => return Err(e),
                }
            }
        };
        let jax = true;
        let mut inputs = arrays;
        inputs.extend(tr.consts.iter().cloned());
        let outs = self.inline_func(&tr.func, &inputs, jax)?;
        unflatten(self, &tr.out_tree, &mut outs.into_iter().map(Value::Array))
    }

    fn call_vmap(&mut self, f: &Value, in_axes: &Value, out_axes: &Value, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        if !kw.is_empty() {
            return Err(Diagnostic::new("TypeError", "vmap'd functions take positional arguments only").with_help("pass keyword arguments positionally, or close over them"));
        }
        // jax.Ref arguments: each example reads and writes its own row of the ref (JAX batches
        // the ref); Slope runs the function per example (`jax._vmap_refs`, std/py/jax_extra.py).
        if args.iter().any(is_jax_ref) {
            let jax = self.import("jax")?;
            let run = self.getattr(&jax, "_vmap_refs")?;
            return self.call(&run, vec![f.clone(), in_axes.clone(), out_axes.clone(), Value::tuple(args)], Vec::new());
        }
        // One axis (or None) per leaf: broadcast `in_axes` (an int, None, or a tuple/list per argument) over the trees.
        let n = args.len();
        let per_arg: Vec<Value> = match in_axes {
            Value::Tuple(_) | Value::List(_) => {
                let v = self.iterate(in_axes)?;
                if v.len() != n {
                    return Err(Diagnostic::new("ValueError", format!("vmap in_axes has {} entries for {n} arguments", v.len())).with_help("give one in_axes entry per positional argument"));
                }
                v
            }
            other => vec![other.clone(); n],
        };
        let mut leaves = Vec::new();
        let mut axes: Vec<Option<i64>> = Vec::new();
        let mut trees = Vec::new();
        for (a, ax) in args.iter().zip(&per_arg) {
            let mut l = Vec::new();
            let t = flatten(self, a, &mut l)?;
            let leaf_axes = broadcast_axes(self, ax, &t, l.len())?;
            axes.extend(leaf_axes);
            leaves.extend(l);
            trees.push(t);
        }
        let tree = TreeDef::Tuple(vec![TreeDef::Tuple(trees), TreeDef::Dict(vec![], vec![])]);
        let arrays = self.leaf_arrays(&leaves, "vmap")?;
        // The batch size, and each batched leaf with its axis moved to the front.
        let mut size = None;
        let mut moved = Vec::new();
        let mut examples = Vec::new();
        for (a, ax) in arrays.iter().zip(&axes) {
            match ax {
                None => {
                    moved.push(a.clone());
                    examples.push(a.clone());
                }
                Some(ax) => {
                    if a.ndim() == 0 {
                        return Err(Diagnostic::new("ValueError", format!("vmap was asked to map over axis {ax} of a 0-d array (a scalar)"))
                            .with_help("map over arrays with a leading batch axis, or pass in_axes=None for arguments that are not batched"));
                    }
                    let d = ops::norm_axis(*ax, a.ndim())?;
                    let s = a.shape()[d];
                    if let Some(prev) = size {
                        if prev != s {
                            return Err(Diagnostic::new("ValueError", format!("vmap got inconsistent sizes for the mapped axis: {prev} and {s}")).with_help("every mapped argument must have the same length along its in_axes"));
                        }
                    }
                    size = Some(s);
                    let m = move_axis(self, a, d, 0)?;
                    let mut shape = a.shape().to_vec();
                    shape.remove(d);
                    examples.push(Array::host(HostArray::zeros(&shape, a.dtype()), a.jax()).with_flags(a.weak(), a.jax()));
                    moved.push(m);
                }
            }
        }
        let size = size.ok_or_else(|| Diagnostic::new("ValueError", "vmap needs at least one mapped argument (in_axes is None everywhere)"))?;
        let tr = match self.trace_call(f, &tree, &examples, "vmap", false) {
            Ok(t) => t,
            // A jax.Ref made outside, written with a mapped value: JAX's error (one ref cannot
            // hold every example's value), never the last example's value.
            Err(e) if e.message.contains(REF_WRITE_NEEDS_VALUES) => {
                return Err(Diagnostic::new("Exception", "performing a set/swap operation with vmapped value on an unbatched array reference of type Ref. Move the array reference to be an argument to the vmapped function?")
                    .with_help("make the ref inside the mapped function, or return the values and write them after vmap"))
            }
            // A while_loop on a mapped value or a host callback: run the function once per
            // example and stack the results (the same answer, without batching).
            Err(e) if needs_concrete(&e) => return self.vmap_by_loop(f, &tree, &moved, &axes, size, out_axes),
            Err(e) => return Err(e),
        };
        let mut batched: Vec<bool> = axes.iter().map(|a| a.is_some()).collect();
        batched.resize(tr.func.params.len(), false);
        let key = format!("vmap|{:p}|{size}|{:?}", Rc::as_ptr(&tr.func), batched);
        let func = tr.func.clone();
        let vf = self.func_cached(key, &tr.func, self.is_cached(&tr), || transform::vmap::vmap(&func, &batched, size))?;
        let jax = arrays.iter().any(|a| a.jax());
        let mut inputs = moved;
        inputs.extend(tr.consts.iter().cloned());
        let outs = self.inline_func(&vf, &inputs, jax)?;
        // Move the batch dimension to `out_axes`.
        let out_leaf_axes = broadcast_axes(self, out_axes, &tr.out_tree, outs.len())?;
        let mut final_outs = Vec::new();
        for (o, ax) in outs.into_iter().zip(out_leaf_axes) {
            match ax {
                Some(ax) => {
                    let d = ops::norm_axis(ax, o.ndim())?;
                    final_outs.push(Value::Array(move_axis(self, &o, 0, d)?));
                }
                None => final_outs.push(Value::Array(self.index_array(&o, &Value::Int(0))?)),
            }
        }
        unflatten(self, &tr.out_tree, &mut final_outs.into_iter())
    }

    /// `vmap` as a loop over the examples (see `call_vmap`).
    fn vmap_by_loop(&mut self, f: &Value, tree: &TreeDef, moved: &[Array], axes: &[Option<i64>], size: usize, out_axes: &Value) -> Result<Value> {
        let mut per_leaf: Vec<Vec<Array>> = Vec::new();
        let mut out_tree = None;
        for b in 0..size {
            let mut leaves = Vec::new();
            for (a, ax) in moved.iter().zip(axes) {
                leaves.push(Value::Array(if ax.is_some() { self.index_array(a, &Value::Int(b as i64))? } else { a.clone() }));
            }
            let args = unflatten(self, tree, &mut leaves.into_iter())?;
            let r = call_tree(self, f, args)?;
            out_tree = Some(collect_leaves(self, &r, "vmap", &mut per_leaf)?);
        }
        let out_tree = out_tree.unwrap_or(TreeDef::None);
        let out_leaf_axes = broadcast_axes(self, out_axes, &out_tree, per_leaf.len())?;
        let mut outs = Vec::new();
        for (parts, ax) in per_leaf.iter().zip(out_leaf_axes) {
            let stacked = stack_rows(self, parts, true)?;
            outs.push(Value::Array(match ax {
                Some(ax) => {
                    let d = ops::norm_axis(ax, stacked.ndim())?;
                    move_axis(self, &stacked, 0, d)?
                }
                None => self.index_array(&stacked, &Value::Int(0))?,
            }));
        }
        unflatten(self, &out_tree, &mut outs.into_iter())
    }

    fn call_jac(&mut self, f: &Value, argnums: &Argnums, fwd: bool, has_aux: bool, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        let what = if fwd { "jacfwd" } else { "jacrev" };
        let nargs = args.len();
        let argnums = &match argnums {
            Argnums::One(_) => Argnums::One(argnums.resolve(nargs)[0] as i64),
            Argnums::Many(_) => Argnums::Many(argnums.resolve(nargs).into_iter().map(|i| i as i64).collect()),
        };
        let (bound, args, kw, renumbered) = self.bind_static_args(f, args, kw, argnums)?;
        if let Some(g) = bound {
            return self.call_jac(&g, &renumbered, fwd, has_aux, args, kw);
        }
        let (tree, leaves, arg_trees, wrt) = flatten_wrt(self, args, kw, argnums)?;
        let arrays = self.leaf_arrays(&leaves, what)?;
        let tr = self.trace_call(f, &tree, &arrays, "", true)?;
        let jax = arrays.iter().any(|a| a.jax());
        let mut inputs = arrays.clone();
        inputs.extend(tr.consts.iter().cloned());
        let n_params = tr.func.params.len();
        let mut wrt_all = wrt.clone();
        wrt_all.resize(n_params, false);
        let out_tys: Vec<Type> = tr.func.outs.iter().map(|&o| tr.func.ty(o).clone()).collect();
        let (jac_out_tys, jac_out_tree, aux) = if has_aux {
            match &tr.out_tree {
                TreeDef::Tuple(c) if c.len() == 2 => {
                    let n0 = c[0].num_leaves();
                    (out_tys[..n0].to_vec(), c[0].clone(), Some((n0, c[1].clone())))
                }
                _ => return Err(Diagnostic::new("TypeError", format!("{what}(..., has_aux=True) needs the function to return a pair (output, aux)"))),
            }
        } else {
            (out_tys.clone(), tr.out_tree.clone(), None)
        };
        let wrt_idx: Vec<usize> = (0..leaves.len()).filter(|&i| wrt[i]).collect();
        // blocks[o][w]: d out_o / d in_w, of shape out_o.shape + in_w.shape.
        let mut blocks: Vec<Vec<Array>> = vec![Vec::new(); jac_out_tys.len()];
        let mut primal_outs = None;
        if fwd {
            let func = tr.func.clone();
            let wa = wrt_all.clone();
            let cacheable = self.is_cached(&tr);
            let jf = self.func_cached(format!("jvp|{:p}|{:?}", Rc::as_ptr(&tr.func), wrt_all), &tr.func, cacheable, || transform::jvp::jvp(&func, &wa))?;
            for &w in &wrt_idx {
                let in_ty = arrays[w].0.ty.clone();
                let n: usize = in_ty.numel();
                // Batch the jvp over the standard basis of this input; other tangents are zero.
                let mut batched = vec![false; jf.params.len()];
                let tan_pos: Vec<usize> = (0..leaves.len()).filter(|&i| wrt[i]).collect();
                let my = n_params + tan_pos.iter().position(|&i| i == w).unwrap_or(0);
                batched[my] = true;
                let jfc = jf.clone();
                let b2 = batched.clone();
                let vf = self.func_cached(format!("jacfwd|{:p}|{my}|{n}", Rc::as_ptr(&jf)), &jf, cacheable, || transform::vmap::vmap(&jfc, &b2, n))?;
                let mut ins = inputs.clone();
                for &i in &tan_pos {
                    let ty = &arrays[i].0.ty;
                    if i == w {
                        let mut shape = vec![n];
                        shape.extend(&ty.shape);
                        ins.push(Array::host(eye(n, &shape, ty.dtype), jax));
                    } else {
                        ins.push(Array::host(HostArray::zeros(&ty.shape, ty.dtype), jax));
                    }
                }
                let outs = self.inline_func(&vf, &ins, jax)?;
                let n_out = out_tys.len();
                if primal_outs.is_none() {
                    primal_outs = Some(outs[..n_out].iter().map(|o| self.index_array(o, &Value::Int(0))).collect::<Result<Vec<_>>>()?);
                }
                for (k, ty) in jac_out_tys.iter().enumerate() {
                    // [n, out...] → [out..., in...]
                    let t = &outs[n_out + k];
                    let m = move_axis(self, t, 0, ty.shape.len())?;
                    let mut shape: Vec<i64> = ty.shape.iter().map(|&d| d as i64).collect();
                    shape.extend(in_ty.shape.iter().map(|&d| d as i64));
                    blocks[k].push(self.reshape(&m, &shape)?);
                }
            }
        } else {
            let key = format!("{:p}|{}", Rc::as_ptr(&tr.func), wrt_all.iter().map(|&b| if b { '1' } else { '0' }).collect::<String>());
            let v = self.vjp_of(&key, &tr.func, &wrt_all)?;
            let outs = self.inline_func(&v.primal, &inputs, jax)?;
            let n_out = out_tys.len();
            let residuals = outs[n_out..].to_vec();
            primal_outs = Some(outs[..n_out].to_vec());
            for (k, ty) in jac_out_tys.iter().enumerate() {
                let m: usize = ty.numel();
                let mut batched = vec![false; v.backward.params.len()];
                batched[v.n_res + k] = true;
                let bf = Rc::new(v.backward.clone());
                let b2 = batched.clone();
                let vb = self.func_cached(format!("jacrev|{:p}|{k}|{m}", &v.backward as *const Func), &bf, self.is_cached(&tr), || transform::vmap::vmap(&bf, &b2, m))?;
                let mut ins = residuals.clone();
                for (j, oty) in out_tys.iter().enumerate() {
                    if j == k {
                        let mut shape = vec![m];
                        shape.extend(&oty.shape);
                        ins.push(Array::host(eye(m, &shape, oty.dtype), jax));
                    } else {
                        ins.push(Array::host(HostArray::zeros(&oty.shape, oty.dtype), jax));
                    }
                }
                let gs = self.inline_func(&vb, &ins, jax)?;
                for (gi, &w) in gs.iter().zip(&wrt_idx) {
                    // [m, in...] → [out..., in...]
                    let mut shape: Vec<i64> = ty.shape.iter().map(|&d| d as i64).collect();
                    shape.extend(arrays[w].shape().iter().map(|&d| d as i64));
                    blocks[k].push(self.reshape(gi, &shape)?);
                }
            }
        }
        // Arrange: out tree of (per differentiated argument: its tree of blocks).
        let mut per_out = Vec::new();
        for bl in blocks {
            let mut it = bl.into_iter();
            let mut per_arg = Vec::new();
            for (i, st) in arg_trees.iter().enumerate() {
                if argnums.list().contains(&i) {
                    let ls: Vec<Value> = (0..st.num_leaves()).filter_map(|_| it.next().map(Value::Array)).collect();
                    per_arg.push(unflatten(self, st, &mut ls.into_iter())?);
                }
            }
            per_out.push(match argnums {
                Argnums::One(_) => per_arg.into_iter().next().unwrap_or(Value::None),
                Argnums::Many(_) => Value::tuple(per_arg),
            });
        }
        let jac = unflatten(self, &jac_out_tree, &mut per_out.into_iter())?;
        match aux {
            None => Ok(jac),
            Some((n0, aux_tree)) => {
                let po = primal_outs.unwrap_or_default();
                let aux_vals: Vec<Value> = po[n0..].iter().cloned().map(Value::Array).collect();
                Ok(Value::tuple(vec![jac, unflatten(self, &aux_tree, &mut aux_vals.into_iter())?]))
            }
        }
    }

    fn call_custom_vjp(&mut self, f: &Value, fwd: &Value, bwd: &Value, args: Vec<Value>) -> Result<Value> {
        let mut leaves = Vec::new();
        let args_tree = flatten(self, &Value::tuple(args.clone()), &mut leaves)?;
        let tree = call_def(&args_tree);
        let arrays = self.leaf_arrays(&leaves, "custom_vjp")?;
        let jax = jax_of(leaves.iter());
        let (tp, tf) = self.in_custom_primal(|it| -> Result<_> {
            let tp = it.trace_call(f, &tree, &arrays, "", true)?;
            Ok((tp, it.trace_call(fwd, &tree, &arrays, "", true)?))
        })?;
        // fwd returns (out, residuals).
        let (n_out, res_tree) = match &tf.out_tree {
            TreeDef::Tuple(c) if c.len() == 2 => (c[0].num_leaves(), c[1].clone()),
            _ => return Err(Diagnostic::new("TypeError", "a custom_vjp fwd function must return a pair (output, residuals)")),
        };
        if n_out != tp.func.outs.len() {
            return Err(Diagnostic::new("TypeError", "custom_vjp: fwd's output does not have the structure of the function's output"));
        }
        let res_examples: Vec<Array> = tf.func.outs[n_out..].iter().map(|&o| {
            let t = tf.func.ty(o);
            Array::host(HostArray::zeros(&t.shape, t.dtype), jax)
        }).collect();
        let ct_examples: Vec<Array> = tp.func.outs.iter().map(|&o| {
            let t = tp.func.ty(o);
            Array::host(HostArray::zeros(&t.shape, t.dtype), jax)
        }).collect();
        // bwd(res, ct) → a tuple of input cotangents, one tree per argument.
        let bwd_tree = TreeDef::Tuple(vec![TreeDef::Tuple(vec![res_tree.clone(), tp.out_tree.clone()]), TreeDef::Dict(vec![], vec![])]);
        let mut bwd_examples = res_examples.clone();
        bwd_examples.extend(ct_examples);
        self.jax_cache.custom_bwd_depth += 1;
        let tb = self.trace_call(bwd, &bwd_tree, &bwd_examples, "bwd", false);
        self.jax_cache.custom_bwd_depth -= 1;
        let tb = tb?;
        // bwd returns one entry per argument, shaped like it, or None for a zero cotangent.
        let arg_subtrees = args_tree.children();
        let out_children = match &tb.out_tree {
            TreeDef::Tuple(c) | TreeDef::List(c) => c.clone(),
            other => vec![other.clone()],
        };
        if out_children.len() != arg_subtrees.len() {
            return Err(Diagnostic::new("TypeError", format!("custom_vjp: bwd must return a tuple with one entry per argument ({}), it returns {}", arg_subtrees.len(), out_children.len()))
                .with_help("return a tuple like (g_x,) or (g_x, None), with None for arguments that get no cotangent"));
        }
        for (ch, st) in out_children.iter().zip(&arg_subtrees) {
            if *ch != TreeDef::None && ch.num_leaves() != st.num_leaves() {
                return Err(Diagnostic::new("TypeError", format!("custom_vjp: bwd returned a cotangent of structure {} for an argument of structure {}", ch.describe(), st.describe())));
            }
        }
        // One operand list for all three: leaves, then every function's closed-over values.
        let consts: Vec<Array> = tp.consts.iter().chain(&tf.consts).chain(&tb.consts).cloned().collect();
        let operand_tys: Vec<Type> = arrays.iter().map(|a| a.0.ty.clone()).chain(consts.iter().map(|c| c.0.ty.clone())).collect();
        let (np, nf) = (tp.consts.len(), tf.consts.len());
        let nl = arrays.len();
        let wrap = |inner: &Func, const_range: std::ops::Range<usize>, extra_out: bool| -> std::result::Result<Func, String> {
            let mut b = Builder::new();
            let ps: Vec<_> = operand_tys.iter().map(|t| b.param(t.clone())).collect();
            let mut ins: Vec<_> = ps[..nl].to_vec();
            ins.extend(ps[nl + const_range.start..nl + const_range.end].iter().copied());
            let mut outs = b.inline(inner, &ins)?;
            if extra_out {
                // Pass bwd's closed-over values through as residuals.
                outs.extend(ps[nl + np + nf..].iter().copied());
            }
            Ok(b.finish(outs))
        };
        let primal = wrap(&tp.func, 0..np, false).map_err(|m| Diagnostic::new("TypeError", m))?;
        let fwd_full = wrap(&tf.func, np..np + nf, true).map_err(|m| Diagnostic::new("TypeError", m))?;
        let n_res = fwd_full.outs.len() - n_out;
        // bwd_full: (residuals…, bwd consts…, cts…) → a cotangent per operand (zeros for constants).
        let mut b = Builder::new();
        let res_ps: Vec<_> = fwd_full.outs[n_out..].iter().map(|&o| b.param(fwd_full.ty(o).clone())).collect();
        let ct_ps: Vec<_> = tp.func.outs.iter().map(|&o| b.param(tp.func.ty(o).clone())).collect();
        let n_user_res = n_res - tb.consts.len();
        let mut ins: Vec<_> = res_ps[..n_user_res].to_vec();
        ins.extend(ct_ps.iter().copied());
        ins.extend(res_ps[n_user_res..].iter().copied());
        let user_outs = b.inline(&tb.func, &ins).map_err(|m| Diagnostic::new("TypeError", m))?;
        let mut user_it = user_outs.into_iter();
        let mut outs = Vec::new();
        let mut k0 = 0;
        for (ch, st) in out_children.iter().zip(&arg_subtrees) {
            for k in k0..k0 + st.num_leaves() {
                outs.push(if *ch == TreeDef::None {
                    b.zeros(&operand_tys[k]).map_err(|m| Diagnostic::new("TypeError", m))?
                } else {
                    user_it.next().ok_or_else(|| Diagnostic::new("RuntimeError", "internal error: custom_vjp cotangent count"))?
                });
            }
            k0 += st.num_leaves();
        }
        for (k, o) in outs.iter_mut().enumerate() {
            let want = &operand_tys[k];
            if b.ty(*o) != want {
                let got = b.ty(*o).clone();
                if got.shape != want.shape {
                    return Err(Diagnostic::new("TypeError", format!("custom_vjp: bwd returned a cotangent of shape {} for an input of shape {}", ops::shape_str(&got.shape), ops::shape_str(&want.shape))));
                }
                *o = b.cast(*o, want.dtype).map_err(|m| Diagnostic::new("TypeError", m))?;
            }
        }
        for t in &operand_tys[nl..] {
            outs.push(b.zeros(t).map_err(|m| Diagnostic::new("TypeError", m))?);
        }
        let bwd_full = b.finish(outs);
        let prim = Prim::CustomVjp { primal: Rc::new(primal), fwd: Rc::new(fwd_full), bwd: Rc::new(bwd_full) };
        let mut operands = arrays;
        operands.extend(consts);
        let refs: Vec<&Array> = operands.iter().collect();
        let outs = self.bind(prim, &refs, jax)?;
        unflatten(self, &tp.out_tree, &mut outs.into_iter().map(Value::Array))
    }

    fn call_custom_jvp(&mut self, f: &Value, rule: &Value, args: Vec<Value>) -> Result<Value> {
        let mut leaves = Vec::new();
        let args_tree = flatten(self, &Value::tuple(args.clone()), &mut leaves)?;
        let tree = call_def(&args_tree);
        let arrays = self.leaf_arrays(&leaves, "custom_jvp")?;
        let jax = jax_of(leaves.iter());
        let tp = self.in_custom_primal(|it| it.trace_call(f, &tree, &arrays, "", true))?;
        // The rule takes (primals, tangents) as two tuples and returns (out, tangent_out).
        let rule_tree = call_def(&TreeDef::Tuple(vec![args_tree.clone(), args_tree.clone()]));
        let mut ex = arrays.clone();
        ex.extend(arrays.iter().cloned());
        // As JAX, the rule sees its primals' values where they are known (under grad, not
        // under jit): `if x > 0:` on a primal works, and specialises the rule's trace. A host
        // callback on the primals there runs on their values, as in JAX (the rule is the
        // derivative; what it computes from the primals needs none of its own).
        let tj = self.in_custom_primal(|it| it.trace_call_known(rule, &rule_tree, &ex, "jvp", arrays.len()))?;
        let n_out = tp.func.outs.len();
        if tj.func.outs.len() != 2 * n_out {
            return Err(Diagnostic::new("TypeError", "a custom_jvp rule must return (primal_out, tangent_out) shaped like the function's output"));
        }
        let consts: Vec<Array> = tp.consts.iter().chain(&tj.consts).cloned().collect();
        let operand_tys: Vec<Type> = arrays.iter().map(|a| a.0.ty.clone()).chain(consts.iter().map(|c| c.0.ty.clone())).collect();
        let nl = arrays.len();
        let np = tp.consts.len();
        let mut b = Builder::new();
        let ps: Vec<_> = operand_tys.iter().map(|t| b.param(t.clone())).collect();
        let mut ins = ps[..nl].to_vec();
        ins.extend(ps[nl..nl + np].iter().copied());
        let outs = b.inline(&tp.func, &ins).map_err(|m| Diagnostic::new("TypeError", m))?;
        let primal = b.finish(outs);
        let mut b = Builder::new();
        let ps: Vec<_> = operand_tys.iter().map(|t| b.param(t.clone())).collect();
        let ts: Vec<_> = operand_tys.iter().map(|t| b.param(t.clone())).collect();
        let mut ins = ps[..nl].to_vec();
        ins.extend(ts[..nl].iter().copied());
        ins.extend(ps[nl + np..].iter().copied());
        let outs = b.inline(&tj.func, &ins).map_err(|m| Diagnostic::new("TypeError", m))?;
        let jvp = b.finish(outs);
        let prim = Prim::CustomJvp { primal: Rc::new(primal), jvp: Rc::new(jvp) };
        let mut operands = arrays;
        operands.extend(consts);
        let refs: Vec<&Array> = operands.iter().collect();
        let outs = self.bind(prim, &refs, jax)?;
        unflatten(self, &tp.out_tree, &mut outs.into_iter().map(Value::Array))
    }

    /// Methods of transformed functions: `f.defvjp(fwd, bwd)`, `f.defjvp(rule)`.
    pub(crate) fn transformed_method(&mut self, t: &Rc<Transformed>, name: &str, args: Vec<Value>) -> Result<Value> {
        match (&t.kind, name) {
            (Kind::CustomVjp { rules, .. }, "defvjp") => {
                if args.len() != 2 {
                    return Err(Diagnostic::new("TypeError", "defvjp(fwd, bwd) takes two functions"));
                }
                *rules.borrow_mut() = Some((args[0].clone(), args[1].clone()));
                Ok(Value::None)
            }
            // The ahead-of-time API's first step: `jax.jit(f).trace(*args).jaxpr`.
            (Kind::Jit { .. }, "trace") => {
                let jax = self.import("jax")?;
                let make = self.getattr(&jax, "_jit_trace")?;
                let mut all = vec![Value::Transformed(t.clone())];
                all.extend(args);
                self.call(&make, all, vec![])
            }
            (Kind::CustomJvp { f, rule }, "defjvps") => {
                let jax = self.import("jax")?;
                let make = self.getattr(&jax, "_defjvps_rule")?;
                let mut all = vec![f.clone()];
                all.extend(args);
                let r = self.call(&make, all, vec![])?;
                *rule.borrow_mut() = Some(r);
                Ok(Value::None)
            }
            (Kind::CustomJvp { rule, .. }, "defjvp") => {
                let r = args.into_iter().next().ok_or_else(|| Diagnostic::new("TypeError", "defjvp(rule) takes a function"))?;
                *rule.borrow_mut() = Some(r.clone());
                Ok(r)
            }
            _ => Err(Diagnostic::new("AttributeError", format!("'function' object has no attribute '{name}'"))),
        }
    }
}

impl Interp {
    /// Run `body` as the primal of a custom_jvp/custom_vjp function, whose derivative its rule
    /// gives: a host callback inside may run on known values (`custom_primal_depth`).
    fn in_custom_primal<T>(&mut self, body: impl FnOnce(&mut Interp) -> T) -> T {
        self.jax_cache.custom_primal_depth += 1;
        let r = body(self);
        self.jax_cache.custom_primal_depth -= 1;
        r
    }

    /// As JAX's `argnums_partial`: arguments that are not differentiated are bound into the
    /// function, so they may be anything (a function, a string, an object). Those holding only
    /// arrays and numbers stay traced arguments (cached traces); an argument (or keyword) with
    /// another leaf is bound into `jax._bind_static(f, n, statics, static_kw)` (std/py/jax_extra.py), and the
    /// call goes on with the rest and `argnums` renumbered (the bound function is None, and the
    /// arguments come back as they were, when there is nothing to bind).
    fn bind_static_args(&mut self, f: &Value, args: Vec<Value>, kw: Kwargs, argnums: &Argnums) -> Result<(Option<Value>, Vec<Value>, Kwargs, Argnums)> {
        let chosen = argnums.list();
        let opaque = |it: &mut Interp, v: &Value| -> Result<bool> {
            let mut leaves = Vec::new();
            flatten(it, v, &mut leaves)?;
            Ok(leaves.iter().any(|l| !matches!(l, Value::Array(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_))))
        };
        let mut statics = Vec::new();
        let mut kept = Vec::new();
        let mut new_index = vec![None; args.len()];
        let n = args.len();
        for (i, a) in args.into_iter().enumerate() {
            if !chosen.contains(&i) && opaque(self, &a)? {
                statics.push(Value::tuple(vec![Value::Int(i as i64), a]));
            } else {
                new_index[i] = Some(kept.len());
                kept.push(a);
            }
        }
        let mut static_kw = Vec::new();
        let mut kept_kw = Vec::new();
        for (k, v) in kw {
            if opaque(self, &v)? {
                static_kw.push(Value::tuple(vec![Value::Str(k.as_ref().into()), v]));
            } else {
                kept_kw.push((k, v));
            }
        }
        if statics.is_empty() && static_kw.is_empty() {
            return Ok((None, kept, kept_kw, argnums.clone()));
        }
        let renum = |i: usize| new_index.get(i).copied().flatten().unwrap_or(i) as i64;
        let argnums = match argnums {
            Argnums::One(i) => Argnums::One(renum(*i as usize)),
            Argnums::Many(v) => Argnums::Many(v.iter().map(|&i| renum(i as usize)).collect()),
        };
        let jax = self.import("jax")?;
        let bind = self.getattr(&jax, "_bind_static")?;
        let g = self.call(&bind, vec![f.clone(), Value::Int(n as i64), Value::list(statics), Value::list(static_kw)], Vec::new())?;
        Ok((Some(g), kept, kept_kw, argnums))
    }
}

/// Flatten a call's arguments; also return each positional argument's tree and which leaves
/// belong to the arguments in `argnums`.
fn flatten_wrt(it: &mut Interp, args: Vec<Value>, kw: Kwargs, argnums: &Argnums) -> Result<(TreeDef, Vec<Value>, Vec<TreeDef>, Vec<bool>)> {
    let mut leaves = Vec::new();
    let tree = flatten(it, &with_kwargs(args, kw), &mut leaves)?;
    let arg_trees = match &tree {
        TreeDef::Tuple(c) => c[0].children(),
        _ => vec![],
    };
    let chosen = argnums.list();
    let mut wrt = Vec::new();
    for (i, st) in arg_trees.iter().enumerate() {
        wrt.extend(std::iter::repeat_n(chosen.contains(&i), st.num_leaves()));
    }
    wrt.resize(leaves.len(), false);
    Ok((tree, leaves, arg_trees, wrt))
}

/// Whether `v` is a `jax.Ref` (`std/py/jax_extra.py`'s class).
fn is_jax_ref(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.class.name.as_ref() == "Ref" && o.class.attrs.borrow().contains("unsafe_buffer_pointer"))
}

/// Whether an error means a traced function needs values the trace does not have: a
/// `lax.while_loop` on a traced value, a host callback, a write to a jax.Ref made outside.
/// `jit` then runs the function untraced (and `vmap` per example, except for a ref write),
/// which gives the same result.
pub(super) fn needs_concrete(e: &Diagnostic) -> bool {
    e.kind.as_ref() == "ConcretizationTypeError" && (e.message.contains("while_loop") || e.message.contains(CALLBACK_NEEDS_VALUES) || e.message.contains(REF_WRITE_NEEDS_VALUES))
}

/// What writing a jax.Ref made outside a traced function says under jit and vmap: jit runs the
/// function untraced, vmap raises JAX's error.
pub(super) const REF_WRITE_NEEDS_VALUES: &str = "writing a jax.Ref made outside the traced function";

/// What a host callback's error says when its arguments are traced without values (under jit or
/// vmap): `jit` then runs the function untraced, `vmap` example by example, so the callback
/// runs on values, as JAX runs it when the computation runs.
pub(super) const CALLBACK_NEEDS_VALUES: &str = "runs Python on the values of its arguments";

pub(super) fn tuple_item(v: &Value, i: usize) -> Result<Value> {
    match v {
        Value::Tuple(t) if t.len() > i => Ok(t[i].clone()),
        _ => Err(Diagnostic::new("TypeError", "expected a tuple (output, aux)")),
    }
}

/// Per-leaf axes from an `in_axes`/`out_axes` entry: an int or None applies to every leaf of the
/// tree; a container gives axes for its children.
fn broadcast_axes(it: &mut Interp, spec: &Value, tree: &TreeDef, n: usize) -> Result<Vec<Option<i64>>> {
    match spec {
        Value::None => Ok(vec![None; n]),
        Value::Int(i) => Ok(vec![Some(*i); n]),
        Value::Tuple(_) | Value::List(_) | Value::Dict(_) => {
            let children = tree.children();
            let specs: Vec<Value> = match (spec, tree) {
                (Value::Dict(d), TreeDef::Dict(_, keys)) => {
                    let d = d.borrow();
                    keys.iter()
                        .map(|k| d.get(&k.key()?).cloned().ok_or_else(|| Diagnostic::new("ValueError", format!("in_axes has no entry for the key {k:?}"))))
                        .collect::<Result<_>>()?
                }
                _ => it.iterate(spec)?,
            };
            if specs.len() != children.len() {
                return Err(Diagnostic::new("ValueError", format!("in_axes/out_axes has {} entries where the argument has {}", specs.len(), children.len())));
            }
            let mut out = Vec::new();
            for (s, c) in specs.iter().zip(&children) {
                out.extend(broadcast_axes(it, s, c, c.num_leaves())?);
            }
            Ok(out)
        }
        other => Err(Diagnostic::new("TypeError", format!("in_axes/out_axes entries must be ints or None, got {}", other.type_name()))),
    }
}

fn move_axis(it: &mut Interp, a: &Array, from: usize, to: usize) -> Result<Array> {
    if from == to {
        return Ok(a.clone());
    }
    let n = a.ndim();
    let mut order: Vec<usize> = (0..n).filter(|&d| d != from).collect();
    order.insert(to, from);
    it.transpose(a, Some(order))
}

/// An identity basis reshaped to `shape` (first dimension `n`).
fn eye(n: usize, shape: &[usize], dtype: DType) -> HostArray {
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    HostArray::from_f64(shape, v).cast(dtype)
}

/// `make_jaxpr`'s text: the `Func` simplified (`transform::simplify`: the 0-d constants it closed
/// over, such as Python scalars, inlined as literals), the other constants marked as such.
pub fn jaxpr_text(func: &Func, n_args: usize, consts: &[Array]) -> String {
    let values: Vec<Option<Scalar>> = (0..func.params.len())
        .map(|i| i.checked_sub(n_args).and_then(|k| consts.get(k)).filter(|a| a.ndim() == 0).and_then(|a| a.try_host()).filter(|h| h.shape.is_empty()).map(|h| h.get(0)))
        .collect();
    one_line_if_fits(&transform::simplify::simplify(func, n_args, &values).jaxpr_text(n_args))
}

/// JAX's printer puts a jaxpr on one line when that line fits in 80 columns (equations joined
/// by "; "); nested jaxprs keep the multi-line form.
fn one_line_if_fits(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else { return text.to_string() };
    if lines.len() < 2 || !first.ends_with(" let") || !last.trim_start().starts_with("in ") {
        return text.to_string();
    }
    let eqns = &lines[1..lines.len() - 1];
    if eqns.iter().any(|l| !l.starts_with("    ") || l[4..].starts_with(' ')) {
        return text.to_string();
    }
    let body: Vec<&str> = eqns.iter().map(|l| l.trim()).collect();
    let one = format!("{first} {} {}", body.join("; "), last.trim());
    if one.chars().count() <= 80 {
        one
    } else {
        text.to_string()
    }
}

/// Flatten one result of a loop run step by step (`vmap` per example, `scan` on values) and add
/// its leaves to `per_leaf` (one list per leaf); its tree.
pub(super) fn collect_leaves(it: &mut Interp, v: &Value, what: &str, per_leaf: &mut Vec<Vec<Array>>) -> Result<TreeDef> {
    let mut leaves = Vec::new();
    let t = flatten(it, v, &mut leaves)?;
    let arrays = it.leaf_arrays(&leaves, what)?;
    if per_leaf.is_empty() {
        *per_leaf = vec![Vec::new(); arrays.len()];
    }
    for (k, a) in arrays.into_iter().enumerate() {
        if let Some(l) = per_leaf.get_mut(k) {
            l.push(a);
        }
    }
    Ok(t)
}

/// Arrays of one shape stacked along a new leading axis.
pub(super) fn stack_rows(it: &mut Interp, parts: &[Array], jax: bool) -> Result<Array> {
    let mut rs = Vec::with_capacity(parts.len());
    for p in parts {
        let mut shape: Vec<i64> = vec![1];
        shape.extend(p.shape().iter().map(|&d| d as i64));
        rs.push(it.reshape(p, &shape)?);
    }
    if rs.len() == 1 {
        return Ok(rs.remove(0));
    }
    let refs: Vec<&Array> = rs.iter().collect();
    it.prim_jax(Prim::Concat { axis: 0 }, &refs, jax)
}

/// Whether a control-flow equation's outputs are JAX arrays: unless every array among its
/// operand leaves is a numpy array (Python numbers do not count).
pub(super) fn jax_of<'a>(leaves: impl Iterator<Item = &'a Value>) -> bool {
    let mut any_numpy = false;
    for l in leaves {
        if let Value::Array(a) = l {
            if a.jax() {
                return true;
            }
            any_numpy = true;
        }
    }
    !any_numpy
}

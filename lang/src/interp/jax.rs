//! The JAX API: `grad`, `value_and_grad`, `vjp`, `jvp`, `linearize`, `jacfwd`, `jacrev`,
//! `hessian`, `vmap`, `jit`, `make_jaxpr`, `custom_vjp`, `custom_jvp`, `lax` control flow,
//! `tree_util` and `debug.print`. A function is traced once per (function, argument types and
//! tree structure, static arguments) into a closed `Func`; the transformations in `transform/`
//! turn that `Func` into another, which is inlined into the current stage when called, so
//! transformations compose to any depth.

use super::array::Array;
use super::args::{arg, argnums_arg, bool_kw, check_kw, need_fn, Argnums};
use super::ops;
use super::pytree::{flatten, unflatten, TreeDef};
use super::value::*;
use super::trace::{call_tree, fn_key, split_kwargs, types_key, with_kwargs};
use super::Interp;
use crate::array::{DType, HostArray, Scalar};
use crate::diag::{Diagnostic, Result};
use crate::ir::{Builder, Func, Type};
use crate::prim::{Prim, PrintPart};
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
fn call_def(args_tree: &TreeDef) -> TreeDef {
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

fn transformed(kind: Kind, name: String) -> Value {
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
    pub fn call_transformed(&mut self, t: &Rc<Transformed>, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
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
    pub fn transformed_method(&mut self, t: &Rc<Transformed>, name: &str, args: Vec<Value>) -> Result<Value> {
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
fn needs_concrete(e: &Diagnostic) -> bool {
    e.kind.as_ref() == "ConcretizationTypeError" && (e.message.contains("while_loop") || e.message.contains(CALLBACK_NEEDS_VALUES) || e.message.contains(REF_WRITE_NEEDS_VALUES))
}

/// What writing a jax.Ref made outside a traced function says under jit and vmap: jit runs the
/// function untraced, vmap raises JAX's error.
const REF_WRITE_NEEDS_VALUES: &str = "writing a jax.Ref made outside the traced function";

/// What a host callback's error says when its arguments are traced without values (under jit or
/// vmap): `jit` then runs the function untraced, `vmap` example by example, so the callback
/// runs on values, as JAX runs it when the computation runs.
const CALLBACK_NEEDS_VALUES: &str = "runs Python on the values of its arguments";

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
/// traced leaf replaced by its value, as numpy arrays (what JAX hands a callback). Under jit or
/// vmap the values are not known: a ConcretizationTypeError that makes `jit` run the function
/// untraced and `vmap` run it per example. Under grad the values are known, but a callback's
/// results carry no derivative: as JAX, that is an error outside the primal of a custom_jvp or
/// custom_vjp function (whose rule gives the derivative) when the callback has results.
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

fn tuple_item(v: &Value, i: usize) -> Result<Value> {
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
    transform::simplify::simplify(func, n_args, &values).jaxpr_text(n_args)
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

/// `jax.vjp(f, *primals, has_aux=False)` → `(out, vjp_fn)`.
fn j_vjp(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["has_aux"], "vjp")?;
    let f = need_fn(&args, "vjp")?;
    let has_aux = bool_kw(it, &kw, "has_aux")?;
    let primals = Value::tuple(args[1..].to_vec());
    let mut leaves = Vec::new();
    let tree = flatten(it, &primals, &mut leaves)?;
    let arrays = it.leaf_arrays(&leaves, "vjp")?;
    let tr = it.trace_call(&f, &call_def(&tree), &arrays, "", true)?;
    let mut wrt = vec![true; arrays.len()];
    wrt.resize(tr.func.params.len(), false);
    let key = format!("{:p}|vjp|{:?}", Rc::as_ptr(&tr.func), wrt);
    let v = it.vjp_of(&key, &tr.func, &wrt)?;
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
    let primals = Value::tuple(args[1..].to_vec());
    let mut leaves = Vec::new();
    let tree = flatten(it, &primals, &mut leaves)?;
    let arrays = it.leaf_arrays(&leaves, "saved_residuals")?;
    let tr = it.trace_call(&f, &call_def(&tree), &arrays, "", true)?;
    let mut wrt = vec![true; arrays.len()];
    wrt.resize(tr.func.params.len(), false);
    let key = format!("{:p}|vjp|{:?}", Rc::as_ptr(&tr.func), wrt);
    let v = it.vjp_of(&key, &tr.func, &wrt)?;
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
fn j_linearize(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let f = need_fn(&args, "linearize")?;
    let primals = Value::tuple(args[1..].to_vec());
    let mut leaves = Vec::new();
    let tree = flatten(it, &primals, &mut leaves)?;
    let arrays = it.leaf_arrays(&leaves, "linearize")?;
    let tr = it.trace_call(&f, &call_def(&tree), &arrays, "", true)?;
    let mut wrt = vec![true; arrays.len()];
    wrt.resize(tr.func.params.len(), false);
    let lin = transform::linearize::linearize(&tr.func, &wrt).map_err(|m| Diagnostic::new("TypeError", m))?;
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

/// Flatten one result of a loop run step by step (`vmap` per example, `scan` on values) and add
/// its leaves to `per_leaf` (one list per leaf); its tree.
fn collect_leaves(it: &mut Interp, v: &Value, what: &str, per_leaf: &mut Vec<Vec<Array>>) -> Result<TreeDef> {
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
fn stack_rows(it: &mut Interp, parts: &[Array], jax: bool) -> Result<Array> {
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

/// Whether a control-flow equation's outputs are JAX arrays: unless every array among its
/// operand leaves is a numpy array (Python numbers do not count).
fn jax_of<'a>(leaves: impl Iterator<Item = &'a Value>) -> bool {
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

fn l_cond(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
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

fn l_switch(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
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

fn l_fori_loop(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
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

fn l_while_loop(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 3 {
        return Err(Diagnostic::new("TypeError", "lax.while_loop(cond_fun, body_fun, init_val)"));
    }
    let (cf, bf) = (args[0].clone(), args[1].clone());
    let cond = |it: &mut Interp, c: Value| it.call(&cf, vec![c], vec![]);
    let body = |it: &mut Interp, c: Value| it.call(&bf, vec![c], vec![]);
    bind_while(it, "while_loop", &bf, &cond, &body, args[2].clone())
}

fn l_scan(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
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

/// The `is_leaf=` keyword of the tree functions (None when absent or None).
fn is_leaf_kw(kw: &Kwargs, f: &str) -> Result<Option<Value>> {
    check_kw(kw, &["is_leaf"], f)?;
    Ok(kw.iter().find(|(k, _)| k.as_ref() == "is_leaf").map(|(_, v)| v.clone()).filter(|v| !matches!(v, Value::None)))
}

fn t_tree_map(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_map")?;
    if args.len() < 2 {
        return Err(Diagnostic::new("TypeError", "tree_map() missing required arguments: tree_map(f, tree, *rest)"));
    }
    let f = args[0].clone();
    let mut first = Vec::new();
    let tree = super::pytree::flatten_with(it, &args[1], &mut first, is_leaf.as_ref())?;
    // The other trees have the first one's structure, or extend it below its leaves (JAX).
    let mut rest = Vec::new();
    for r in &args[2..] {
        let mut l = Vec::new();
        super::pytree::flatten_up_to(it, &tree, r, &mut l)?;
        rest.push(l);
    }
    let mut outs = Vec::new();
    for (i, x) in first.iter().enumerate() {
        let mut call_args = vec![x.clone()];
        for r in &rest {
            call_args.push(r[i].clone());
        }
        outs.push(it.call(&f, call_args, vec![])?);
    }
    unflatten(it, &tree, &mut outs.into_iter())
}

fn t_tree_leaves(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_leaves")?;
    let mut l = Vec::new();
    super::pytree::flatten_with(it, args.first().unwrap_or(&Value::None), &mut l, is_leaf.as_ref())?;
    Ok(Value::list(l))
}

fn t_tree_structure(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_structure")?;
    let mut l = Vec::new();
    let t = super::pytree::flatten_with(it, args.first().unwrap_or(&Value::None), &mut l, is_leaf.as_ref())?;
    Ok(Value::TreeDef(Rc::new(t)))
}

fn t_treedef_is_leaf(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match args.first() {
        Some(Value::TreeDef(t)) => Ok(Value::Bool(t.num_nodes() == 1)),
        _ => Err(Diagnostic::new("TypeError", "treedef_is_leaf(treedef): pass a PyTreeDef (from tree_structure)")),
    }
}

/// The class argument of a registration function.
fn class_arg(v: Option<&Value>, what: &str) -> Result<Rc<super::object::Class>> {
    match v {
        Some(Value::Class(c)) if !c.builtin => Ok(c.clone()),
        Some(other) => Err(Diagnostic::new("TypeError", format!("{what} needs a class defined with `class`, got {}", other.type_name()))),
        None => Err(Diagnostic::new("TypeError", format!("{what} needs a class"))),
    }
}

fn register_rule(it: &mut Interp, cls: Rc<super::object::Class>, rule: super::pytree::NodeRule) {
    it.pytree_rules.retain(|(c, _)| !Rc::ptr_eq(c, &cls));
    it.pytree_rules.push((cls, rule));
}

/// `register_pytree_node(cls, flatten_func, unflatten_func)`.
fn t_register_node(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let cls = class_arg(args.first(), "register_pytree_node")?;
    let flatten = super::args::need(&args, &kw, 1, "flatten_func", "register_pytree_node")?;
    let unflatten = super::args::need(&args, &kw, 2, "unflatten_func", "register_pytree_node")?;
    register_rule(it, cls, super::pytree::NodeRule::Functions { flatten, unflatten });
    Ok(Value::None)
}

/// `@register_pytree_node_class`: the class flattens with `tree_flatten` and rebuilds with the
/// class method `tree_unflatten`.
fn t_register_class(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let cls = class_arg(args.first(), "register_pytree_node_class")?;
    if cls.lookup("tree_flatten").is_none() || cls.lookup("tree_unflatten").is_none() {
        return Err(Diagnostic::new("TypeError", format!("register_pytree_node_class: {} must define tree_flatten(self) and the classmethod tree_unflatten(cls, aux_data, children)", cls.name)));
    }
    register_rule(it, cls.clone(), super::pytree::NodeRule::Methods);
    Ok(Value::Class(cls))
}

/// `register_dataclass(cls, data_fields, meta_fields)`: the data fields are children, the meta
/// fields static; with no field lists, a dataclass's fields are all data.
fn t_register_dataclass(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let cls = class_arg(args.first(), "register_dataclass")?;
    let names = |it: &mut Interp, v: Option<Value>| -> Result<Vec<Rc<str>>> {
        match v {
            None | Some(Value::None) => Ok(vec![]),
            Some(v) => it.iterate(&v)?.into_iter().map(|x| match x {
                Value::Str(s) => Ok(s),
                other => Err(Diagnostic::new("TypeError", format!("field names must be strings, got {}", other.type_name()))),
            }).collect(),
        }
    };
    let mut data = names(it, super::args::arg(&args, &kw, 1, "data_fields"))?;
    let mut meta = names(it, super::args::arg(&args, &kw, 2, "meta_fields"))?;
    if data.is_empty() && meta.is_empty() {
        // A dataclass: its fields are data, but those marked field(metadata=dict(static=True)).
        let Some(Value::Dict(f)) = cls.lookup("__dataclass_fields__") else {
            return Err(Diagnostic::new("TypeError", format!("register_dataclass: {} is not a dataclass; pass data_fields and meta_fields", cls.name)).with_help("decorate the class with @dataclasses.dataclass first"));
        };
        let entries = f.borrow().entries.clone();
        for (k, field) in entries {
            let Value::Str(name) = k else { continue };
            let md = it.getattr(&field, "metadata")?;
            let stat = match md {
                Value::Dict(d) => d.borrow().get(&Key::Str("static".into())).cloned().unwrap_or(Value::Bool(false)),
                _ => Value::Bool(false),
            };
            if it.truthy(&stat)? {
                meta.push(name);
            } else {
                data.push(name);
            }
        }
    }
    register_rule(it, cls.clone(), super::pytree::NodeRule::Fields { data, meta });
    Ok(Value::Class(cls))
}

fn t_tree_flatten(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_flatten")?;
    let mut l = Vec::new();
    let t = super::pytree::flatten_with(it, args.first().unwrap_or(&Value::None), &mut l, is_leaf.as_ref())?;
    Ok(Value::tuple(vec![Value::list(l), Value::TreeDef(Rc::new(t))]))
}

fn t_tree_unflatten(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let (Some(Value::TreeDef(t)), Some(leaves)) = (args.first(), args.get(1)) else {
        return Err(Diagnostic::new("TypeError", "tree_unflatten(treedef, leaves)"));
    };
    let l = it.iterate(leaves)?;
    unflatten(it, t, &mut l.into_iter())
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
    pub fn build_jax(&mut self) -> Result<Value> {
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
        jax.attrs.borrow_mut().insert("Array".into(), super::builtins::builtin("Array", |it, b, a, k| super::numpy::call_native(it, b, "asarray", a, k)));
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
        if self.std_sources.contains_key("jax._extra") {
            if let Value::Module(m) = self.std_submodule("jax._extra", "jax.numpy")? {
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
    pub fn build_slope(&mut self) -> Result<Value> {
        let m = module("slope", &[("show_ir", s_show_ir, "show_ir(fun, *args)\nPrint the staged IR of fun(*args) (as %ir does).")]);
        Ok(Value::Module(m))
    }
}

/// Natives the standard library's `jax.random` needs, added to the `jax.numpy` scope.
pub const RANDOM_NATIVES: &[(&str, NativeFn)] = &[("_threefry2x32", j_threefry)];

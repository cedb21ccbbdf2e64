//! The tracing core: stages and the values they hold. `Interp::cur` is the innermost active
//! stage (a trace being built, or the cell's pending graph); `trace_with` runs a Python function
//! on abstract arrays into a closed `Func`; `trace_call` caches traces by function identity,
//! argument types, tree structure and static arguments; `inline_func` binds a `Func`'s equations
//! into the current stage; `force` reads an array's value on the host (a sync point, or the value
//! of a trace whose arguments are known). The JAX API (`transform_call.rs`, `jax.rs`) is written on top of this.

use crate::syntax::ast::Name;
use super::array::{self, Array, Stage};
use super::ops;
use super::pytree::{flatten, unflatten, TreeDef};
use super::value::*;
use super::transform_call::Transformed;
use super::{Interp, StreamKind};
use crate::diag::{Diagnostic, Result};
use crate::ir::Func;
use crate::transform;
use std::collections::HashMap;
use std::rc::Rc;

/// Why the host reads an array's value, which decides whether a value traced by a
/// differentiating transformation (grad, vjp, jvp) may be read: a truth value or a text carries
/// no derivative anyone expects, but a Python number made from a float would silently drop the
/// gradient through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    /// A number or container the program computes with (`float(x)`, `x.item()`, `x.tolist()`).
    Value,
    /// A truth value (`if x > 0:`), an index, a shape.
    Truth,
    /// Text for the user (`str`, `repr`, format specs).
    Display,
}

/// A traced function: `func`'s parameters are the argument leaves, then `consts` (values the
/// function closed over).
pub struct Traced {
    pub func: Rc<Func>,
    pub consts: Vec<Array>,
    pub out_tree: TreeDef,
    /// Specialised to the argument values it was traced with (Python control flow read them).
    pub specialized: bool,
    /// The objects whose addresses name the traced function in its cache key, held weakly.
    owners: Owners,
    /// What it read from outside itself: a cached trace is reused only while these hold.
    pub(crate) reads: Vec<OuterRead>,
}

/// Weak references to the objects whose addresses a trace's cache key holds (the function; a
/// method's receiver and function). A weak reference keeps the allocation but not the object, so
/// no other object can take the address while the entry exists, and the entry is dead (swept
/// from the cache) once any of them is: a function defined per cell is not kept alive by its
/// trace. Values that are not reference-counted are held as they are.
struct Owners(Vec<Box<dyn Fn() -> bool>>);

impl Owners {
    fn of(f: &Value) -> Owners {
        fn watch<T: ?Sized + 'static>(rc: &Rc<T>) -> Box<dyn Fn() -> bool> {
            let w = Rc::downgrade(rc);
            Box::new(move || w.strong_count() > 0)
        }
        fn add(v: &Value, out: &mut Vec<Box<dyn Fn() -> bool>>) {
            out.push(match v {
                Value::Func(c) => watch(c),
                Value::Builtin(b) => watch(b),
                Value::Transformed(t) => watch(t),
                Value::Object(o) => watch(o),
                Value::Class(c) => watch(c),
                Value::Module(m) => watch(m),
                Value::Array(a) => watch(&a.0),
                Value::List(l) => watch(l),
                Value::Dict(d) | Value::Set(d) => watch(d),
                Value::Tuple(t) => watch(t),
                Value::Method(m) => return add(&m.0, out),
                Value::BoundMethod(m) => {
                    add(&m.0, out);
                    return add(&m.1, out);
                }
                other => {
                    let keep = other.clone();
                    Box::new(move || {
                        let _ = &keep;
                        true
                    })
                }
            })
        }
        let mut out = Vec::new();
        add(f, &mut out);
        Owners(out)
    }

    fn alive(&self) -> bool {
        self.0.iter().all(|f| f())
    }
}

/// Caches of traces and of their transformations, keyed by text.
#[derive(Default)]
pub struct Cache {
    pub(crate) traces: HashMap<String, Rc<Traced>>,
    /// Keyed by the traced function's address: each entry keeps that function alive, so the
    /// address cannot be reused by a later trace (which would find another function's vjp).
    pub(crate) vjps: HashMap<String, (Rc<Func>, Rc<transform::Vjp>)>,
    pub(crate) funcs: HashMap<String, (Rc<Func>, Rc<Func>)>,
    /// The size of `traces` at which the next insertion sweeps out dead entries first.
    sweep_at: usize,
    /// How many times a function was traced (for tests and `%time`).
    pub trace_count: usize,
    /// Custom-rule functions whose rules are being traced: calls to them inside run the plain function.
    pub(crate) custom_active: Vec<*const Transformed>,
    /// How many custom_vjp bwd rules are being traced, one inside another.
    pub(crate) custom_bwd_depth: usize,
    /// How many primal functions of custom_jvp/custom_vjp are being traced (their derivative
    /// comes from the rule, so a host callback inside may run on values).
    pub(crate) custom_primal_depth: usize,
}

impl Cache {
    /// Cache a trace. Entries whose function is gone are swept out first whenever the cache has
    /// doubled since the last sweep (amortised constant time per insertion), so a session that
    /// defines a new function per cell keeps a bounded cache.
    pub(crate) fn insert_trace(&mut self, key: String, t: Rc<Traced>) {
        if self.traces.len() >= self.sweep_at {
            self.sweep();
            self.sweep_at = (2 * self.traces.len()).max(64);
        }
        self.traces.insert(key, t);
    }

    /// Drop the traces of dead functions, then the transformations of functions nothing else
    /// holds (repeated: a transformed function can be the source of another).
    pub(crate) fn sweep(&mut self) {
        self.traces.retain(|_, t| t.owners.alive());
        loop {
            let n = self.vjps.len() + self.funcs.len();
            self.vjps.retain(|_, (src, _)| Rc::strong_count(src) > 1);
            self.funcs.retain(|_, (src, _)| Rc::strong_count(src) > 1);
            if self.vjps.len() + self.funcs.len() == n {
                break;
            }
        }
    }

    /// How many traces, vjps and transformed functions are cached.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.traces.len(), self.vjps.len(), self.funcs.len())
    }
}

/// A key for caching by function identity.
pub(crate) fn fn_key(f: &Value) -> String {
    match f {
        Value::Func(c) => format!("f{:p}", Rc::as_ptr(c)),
        Value::Builtin(b) => format!("b{:p}", Rc::as_ptr(b)),
        Value::Transformed(t) => format!("t{:p}", Rc::as_ptr(t)),
        Value::Method(m) => format!("m{}:{}", super::object::identity(&m.0), m.1),
        Value::BoundMethod(m) => format!("bm{}:{}", super::object::identity(&m.0), super::object::identity(&m.1)),
        other => format!("{}{}", other.type_name(), super::object::identity(other)),
    }
}

pub(crate) fn types_key(leaves: &[Array]) -> String {
    leaves.iter().map(|a| format!("{}{}{}", a.0.ty, if a.weak() { "w" } else { "" }, if a.jax() { "j" } else { "n" })).collect::<Vec<_>>().join(",")
}

impl Interp {
    /// Leaves as arrays: Python numbers become weak JAX scalars.
    pub(crate) fn leaf_arrays(&mut self, leaves: &[Value], what: &str) -> Result<Vec<Array>> {
        leaves
            .iter()
            .map(|v| match v {
                Value::Array(a) => Ok(a.clone()),
                Value::Int(_) | Value::Float(_) | Value::Bool(_) => self.to_array(v, true),
                other => Err(Diagnostic::new("TypeError", format!("{what}: an argument leaf of type {} is not an array", other.type_name()))
                    .with_help("pass arrays and numbers (or dicts/lists/tuples of them); mark other arguments static with jit(..., static_argnums=...)")),
            })
            .collect()
    }

    /// Trace `body` on abstract arrays shaped like `examples`; `body` gets the leaves as values.
    pub fn trace_with(&mut self, examples: &[Array], concrete: bool, body: &mut dyn FnMut(&mut Interp, Vec<Value>) -> Result<Value>, keep: Value) -> Result<Traced> {
        let known = if concrete { Some(examples.to_vec()) } else { None };
        self.trace_with_known(examples, known, body, keep)
    }

    /// `trace_with` where the values of the first `known.len()` arguments are known (Python
    /// control flow may read them; the trace is then specialised) and the rest are abstract.
    pub(crate) fn trace_with_known(&mut self, examples: &[Array], known: Option<Vec<Array>>, body: &mut dyn FnMut(&mut Interp, Vec<Value>) -> Result<Value>, keep: Value) -> Result<Traced> {
        self.jax_cache.trace_count += 1;
        let mut stage = super::array::Stage::new();
        stage.concrete = known;
        let params: Vec<Array> = examples.iter().map(|a| stage.param(a.0.ty.clone(), a.weak(), a.jax())).collect();
        let n_explicit = params.len();
        self.traces.push(stage);
        self.reads_begin();
        let result = body(self, params.into_iter().map(Value::Array).collect());
        let reads = self.reads_end();
        let outs = match result {
            Ok(v) => {
                let mut leaves = Vec::new();
                let tree = flatten(self, &v, &mut leaves);
                match tree {
                    Ok(tree) => {
                        let mut vars = Vec::new();
                        let mut err = None;
                        for l in &leaves {
                            let jax = !matches!(l, Value::Array(a) if !a.jax());
                            match self.to_array(l, jax) {
                                Ok(a) => match self.check_live(&a).and_then(|_| self.cur().var_of(&a)) {
                                    Ok(v) => vars.push(v),
                                    Err(e) => err = Some(e),
                                },
                                Err(_) => {
                                    err = Some(Diagnostic::new("TypeError", format!("a transformed function must return arrays (or trees of arrays), got a {}", l.type_name())));
                                }
                            }
                        }
                        match err {
                            Some(e) => Err(e),
                            None => Ok((vars, tree)),
                        }
                    }
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(e),
        };
        let stage = self.traces.pop().ok_or_else(|| Diagnostic::new("RuntimeError", "internal error: trace stack underflow"))?;
        let (vars, out_tree) = outs?;
        let specialized = stage.value_dependent;
        let mut func = stage.builder.func;
        let explicit: Vec<_> = func.params[..n_explicit].to_vec();
        let captured: Vec<_> = stage.captured.iter().map(|(v, _)| *v).collect();
        func.params = explicit.into_iter().chain(captured).collect();
        func.outs = vars;
        if cfg!(debug_assertions) {
            func.verify().map_err(|m| Diagnostic::new("RuntimeError", format!("internal error: a traced function does not verify: {m}")))?;
        }
        let func = transform::simplify::dce(func);
        Ok(Traced { func: Rc::new(func), consts: stage.captured.into_iter().map(|(_, a)| a).collect(), out_tree, specialized, owners: Owners::of(&keep), reads })
    }

    /// Trace `f(*args)` (args a tuple tree of `leaves`), cached by function, types and structure.
    /// With `concrete`, `leaves` are the actual arguments (grad, vjp, jvp): Python control flow
    /// on them is decided by their values, and such a trace is not cached.
    pub(crate) fn trace_call(&mut self, f: &Value, tree: &TreeDef, leaves: &[Array], extra_key: &str, concrete: bool) -> Result<Rc<Traced>> {
        self.trace_call_known(f, tree, leaves, extra_key, if concrete { leaves.len() } else { 0 })
    }

    /// `trace_call` with the values of the first `known` leaves known (see `trace_with_known`):
    /// a custom_jvp rule sees its primals, not its tangents.
    pub(crate) fn trace_call_known(&mut self, f: &Value, tree: &TreeDef, leaves: &[Array], extra_key: &str, known: usize) -> Result<Rc<Traced>> {
        let key = format!("{}|{}|{}|{}", fn_key(f), types_key(leaves), tree.describe(), extra_key);
        if let Some(t) = self.jax_cache.traces.get(&key).cloned() {
            if t.consts.iter().all(|c| self.check_live(c).is_ok()) && self.reads_hold(&t.reads) {
                self.reads_inherit(&t.reads);
                return Ok(t);
            }
        }
        let f2 = f.clone();
        let tree2 = tree.clone();
        let mut body = move |it: &mut Interp, vals: Vec<Value>| -> Result<Value> {
            let args = unflatten(it, &tree2, &mut vals.into_iter())?;
            call_tree(it, &f2, args)
        };
        let known = (known > 0).then(|| leaves[..known.min(leaves.len())].to_vec());
        let t = Rc::new(self.trace_with_known(leaves, known, &mut body, f.clone())?);
        // Traces that closed over values of a transformation in progress cannot be reused later.
        if !t.specialized && t.consts.iter().all(|c| !self.is_traced(c)) {
            self.jax_cache.insert_trace(key, t.clone());
        }
        Ok(t)
    }

    /// Whether a trace is in the cache (so results derived from it may be cached too).
    pub(crate) fn is_cached(&self, tr: &Rc<Traced>) -> bool {
        self.jax_cache.traces.values().any(|t| Rc::ptr_eq(t, tr))
    }

    /// The vjp of a traced function, cached when the trace is (a key built from the address of
    /// a function that is not kept alive could be reused by another).
    pub(crate) fn vjp_of(&mut self, key: &str, func: &Rc<Func>, wrt: &[bool]) -> Result<Rc<transform::Vjp>> {
        let cache = self.jax_cache.traces.values().any(|t| Rc::ptr_eq(&t.func, func));
        if let Some((_, v)) = self.jax_cache.vjps.get(key).filter(|(src, _)| cache && Rc::ptr_eq(src, func)) {
            return Ok(v.clone());
        }
        let v = Rc::new(transform::vjp(func, wrt).map_err(transform_error)?);
        if cache {
            self.jax_cache.vjps.insert(key.to_string(), (func.clone(), v.clone()));
        }
        Ok(v)
    }

    /// A transformed function, cached under `key` (which names `source` by its address; the
    /// entry keeps `source` alive so the address is not reused) unless `cacheable` is false.
    pub(crate) fn func_cached(&mut self, key: String, source: &Rc<Func>, cacheable: bool, make: impl FnOnce() -> std::result::Result<Func, String>) -> Result<Rc<Func>> {
        if cacheable {
            if let Some((_, f)) = self.jax_cache.funcs.get(&key) {
                return Ok(f.clone());
            }
        }
        let f = Rc::new(make().map_err(transform_error)?);
        if cfg!(debug_assertions) {
            f.verify().map_err(|m| Diagnostic::new("RuntimeError", format!("internal error: a transformed function does not verify: {m}")))?;
        }
        if cacheable {
            self.jax_cache.funcs.insert(key, (source.clone(), f.clone()));
        }
        Ok(f)
    }

    pub(crate) fn inline_func(&mut self, func: &Func, args: &[Array], jax: bool) -> Result<Vec<Array>> {
        for a in args {
            self.check_live(a)?;
        }
        // A function holding a host callback runs at the call, as JAX's does: the Python code
        // after the call sees the callback's effects, and the callback may read any array of
        // the session, none of them pending (the graph runs with the session's state moved
        // aside, where pending arrays could not be computed).
        if self.traces.is_empty() && func.eqns.iter().any(|e| e.prim.has_host_call()) {
            self.sync()?;
            let outs = self.cur().inline(func, args, jax)?;
            self.sync()?;
            return Ok(outs);
        }
        self.cur().inline(func, args, jax)
    }
}

impl Interp {
    /// Run what is pending in the cell's graph, and pass on what `print` inside it printed.
    pub(crate) fn sync(&mut self) -> Result<()> {
        let r = if self.stage.builder.func.eqns.iter().any(|e| e.prim.has_host_call()) {
            self.with_host_calls(|stage, rt| stage.sync(rt)).map_err(|e| self.host_error_or(e))
        } else {
            self.stage.sync(&mut self.runtime)
        };
        let printed = crate::eval::take_printed();
        if !printed.is_empty() {
            self.write(StreamKind::Stdout, &printed);
        }
        r
    }

    /// The end of a loop iteration: a sync point at top level (never inside a trace), and a
    /// safe point for the cycle collector.
    pub(crate) fn end_iteration(&mut self) -> Result<()> {
        self.check_interrupt()?;
        super::gc::maybe_collect();
        if self.traces.is_empty() {
            self.sync()?;
        }
        Ok(())
    }

    /// The innermost active stage: the trace being built, or the cell's pending graph.
    pub(crate) fn cur(&mut self) -> &mut Stage {
        match self.traces.last_mut() {
            Some(t) => t,
            None => &mut self.stage,
        }
    }

    /// The value of an array traced in a trace whose arguments are known (see `Stage::concrete`),
    /// computed from the trace so far. None when it is not such an array.
    pub(crate) fn concrete_value(&mut self, a: &Array, why: Read) -> Result<Option<crate::array::HostArray>> {
        let (stage, var) = match &*a.state().borrow() {
            array::ArrayState::Staged { stage, var } => (*stage, *var),
            array::ArrayState::Host(_) | array::ArrayState::Device(_) => return Ok(None),
        };
        let Some(k) = self.traces.iter().position(|t| t.id == stage) else { return Ok(None) };
        let Some(args) = self.traces[k].concrete.clone() else {
            // Shown, a jax.Array stays a tracer, as JAX shows it (jnp is traced, numpy is not).
            if why == Read::Display && a.jax() {
                return Ok(None);
            }
            return self.value_in_trace(k, var, None);
        };
        if why == Read::Value && a.dtype().is_float() {
            return Err(Diagnostic::new(
                "ConcretizationTypeError",
                format!("this converts a traced float array (shape {}, dtype {}) to a Python value inside a function being differentiated: a Python number carries no derivative, so the gradient through it would silently be lost", ops::shape_str(a.shape()), a.dtype()),
            )
            .with_help("keep it an array (use it directly, or jnp.asarray(x)); write jax.lax.stop_gradient(x) if you mean its value without a derivative; print it with print(x) or jax.debug.print"));
        }
        let out = self.value_in_trace(k, var, Some(&args))?;
        self.traces[k].value_dependent = true;
        Ok(out)
    }

    /// The value of `var` of trace `k`, computed from the trace so far with the captured values
    /// and, for a trace whose arguments are known, `args`. Without `args` (the arguments are
    /// abstract) it is None when `var` depends on an argument or on a value an outer
    /// transformation traces: such a value that depends on constants only (`np.prod(x.shape)`,
    /// `jnp.arange(3) * 2` under jit) is folded when read, where JAX computes numpy eagerly.
    fn value_in_trace(&mut self, k: usize, var: crate::ir::Var, args: Option<&[Array]>) -> Result<Option<crate::array::HostArray>> {
        let mut func = self.traces[k].builder.func.clone();
        func.outs = vec![var];
        let func = crate::transform::simplify::dce(func);
        let captured: Vec<(crate::ir::Var, Array)> = self.traces[k].captured.clone();
        let used = |p: &crate::ir::Var| *p == var || func.eqns.iter().any(|e| e.ins.contains(p));
        // Parameters: the arguments first, then captured values (in creation order).
        let mut inputs = Vec::with_capacity(func.params.len());
        for (i, p) in func.params.iter().enumerate() {
            let known = match captured.iter().find(|(c, _)| c == p) {
                Some((_, a)) => Some(a.clone()),
                None => args.and_then(|xs| xs.get(i).cloned()),
            };
            match known {
                Some(x) if args.is_none() && self.is_traced(&x) => return Ok(None),
                Some(x) => inputs.push(self.force_for(&x, Read::Truth)?),
                None if used(p) => return Ok(None),
                None => {
                    let t = func.ty(*p);
                    inputs.push(crate::array::HostArray::zeros(&t.shape, t.dtype));
                }
            }
        }
        let out = if func.eqns.iter().any(|e| e.prim.has_host_call()) {
            self.with_host_calls(|_, _| crate::eval::eval_func(&func, &inputs)).map_err(|m| {
                let e = Diagnostic::new("RuntimeError", m);
                self.host_error_or(e)
            })?
        } else {
            crate::eval::eval_func(&func, &inputs).map_err(|m| Diagnostic::new("RuntimeError", m))?
        };
        let _ = crate::eval::take_printed(); // prints run (again) when the traced function runs
        Ok(out.into_iter().next())
    }

    /// Whether an array is traced by an active transformation (so its value is not known yet).
    pub fn is_traced(&self, a: &Array) -> bool {
        match &*a.state().borrow() {
            array::ArrayState::Staged { stage, .. } => self.traces.iter().any(|t| t.id == *stage),
            array::ArrayState::Host(_) | array::ArrayState::Device(_) => false,
        }
    }

    /// An error if `a` belongs to a stage that no longer exists (an escaped tracer).
    pub(crate) fn check_live(&self, a: &Array) -> Result<()> {
        if let array::ArrayState::Staged { stage, .. } = &*a.state().borrow() {
            if *stage != self.stage.id && !self.traces.iter().any(|t| t.id == *stage) {
                return Err(array::escaped());
            }
        }
        Ok(())
    }

    /// The host value of an array (a sync point), as a value to compute with: see `Read`.
    pub fn force(&mut self, a: &Array) -> Result<crate::array::HostArray> {
        self.force_for(a, Read::Value)
    }

    /// The host value of an array, read for the purpose `why`.
    pub(crate) fn force_for(&mut self, a: &Array, why: Read) -> Result<crate::array::HostArray> {
        if let Some(h) = a.host_value() {
            return h.map_err(|m| Diagnostic::new("RuntimeError", m));
        }
        self.check_live(a)?;
        if let Some(h) = self.concrete_value(a, why)? {
            return Ok(h);
        }
        if self.is_traced(a) {
            return Err(Diagnostic::new(
                "ConcretizationTypeError",
                format!("this needs the value of a traced array (shape {}, dtype {}): only its shape and dtype are known while the function is transformed", ops::shape_str(a.shape()), a.dtype()),
            )
            .with_help("use jnp.where(cond, a, b) or lax.cond(pred, true_fn, false_fn, x) instead of Python `if`/`while`, or mark the argument static: jit(f, static_argnums=...)"));
        }
        self.sync()?;
        a.host_value().ok_or_else(|| Diagnostic::new("RuntimeError", "internal error: an array was not computed at a sync point"))?.map_err(|m| Diagnostic::new("RuntimeError", m))
    }
}

/// A transformation's error as a Python exception: JAX's ValueErrors (reverse mode through a
/// while loop, differentiating or batching a callback that does not allow it) with JAX's
/// message, else a TypeError.
pub(crate) fn transform_error(m: String) -> Diagnostic {
    use transform::{jvp::IO_CALLBACK_JVP, jvp::PURE_CALLBACK_JVP, vmap::ORDERED_IO_VMAP};
    for jax_msg in [PURE_CALLBACK_JVP, IO_CALLBACK_JVP, ORDERED_IO_VMAP] {
        if m.contains(jax_msg) {
            let d = Diagnostic::new("ValueError", jax_msg);
            return if jax_msg == PURE_CALLBACK_JVP { d.with_help("wrap the function that calls pure_callback in jax.custom_jvp (or custom_vjp) and give its derivative in the rule") } else { d };
        }
    }
    let kind = if m.contains(transform::control::WHILE_REVERSE) { "ValueError" } else { "TypeError" };
    Diagnostic::new(kind, m)
}

/// Call `f` with an argument tree built by `with_kwargs` (or a plain tuple).
pub(crate) fn call_tree(it: &mut Interp, f: &Value, args: Value) -> Result<Value> {
    let (pos, kw) = split_kwargs(&args)?;
    it.call(f, pos, kw)
}

pub(crate) fn split_kwargs(v: &Value) -> Result<(Vec<Value>, Kwargs)> {
    match v {
        Value::Tuple(t) if t.len() == 2 => {
            let pos = match &t[0] {
                Value::Tuple(p) => p.as_ref().clone(),
                other => vec![other.clone()],
            };
            let kw = match &t[1] {
                Value::Dict(d) => d.borrow().entries.iter().filter_map(|(k, v)| if let Value::Str(s) = k { Some((s.clone(), v.clone())) } else { None }).collect(),
                _ => vec![],
            };
            Ok((pos, kw))
        }
        Value::Tuple(t) => Ok((t.as_ref().clone(), vec![])),
        other => Ok((vec![other.clone()], vec![])),
    }
}

/// `(args, kwargs)` as one tree: a tuple of the positional tuple and a dict of keywords.
pub(crate) fn with_kwargs(args: Vec<Value>, kw: Kwargs) -> Value {
    let mut d = Dict::default();
    for (k, v) in kw {
        d.insert(Value::Str(k.clone()), Key::Str(k), v);
    }
    Value::tuple(vec![Value::tuple(args), Value::dict(d)])
}

/// Where a traced function read a value from outside itself. A cached trace is reused only if
/// every such read still finds what it found (`Interp::reads_hold`): a function that reads a
/// global (or an attribute, or an item) rebound since, or an array written in place since, is
/// traced again instead of silently computing with the old value.
#[derive(Clone)]
pub(crate) enum ReadSource {
    Name(Rc<Scope>, Name),
    Attr(Rc<super::object::Instance>, Name),
    Item(Value, Value),
}

#[derive(Clone)]
pub(crate) struct OuterRead {
    src: ReadSource,
    sig: Vec<u64>,
}

/// The reads of the traces in progress (innermost last), with the serial of the first scope
/// made after each trace began.
#[derive(Default)]
pub(crate) struct TraceReads {
    stack: Vec<(u64, Vec<OuterRead>, rustc_hash::FxHashSet<(u8, usize, u64)>)>,
}

fn str_hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// What a read found, shallowly: an array's current contents cell, a number's bits, a
/// container's identity and its elements' (so a container changed in place is noticed).
fn read_sig(it: &Interp, v: &Value) -> Option<Vec<u64>> {
    fn elem(v: &Value) -> u64 {
        match v {
            Value::Array(a) => Rc::as_ptr(&a.state()) as *const u8 as u64,
            Value::Int(i) => *i as u64,
            Value::Float(f) => f.to_bits(),
            Value::Bool(b) => *b as u64,
            other => super::object::identity(other) as u64,
        }
    }
    Some(match v {
        Value::Array(a) => {
            if it.is_traced(a) {
                return None;
            }
            vec![1, elem(v)]
        }
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => vec![2, elem(v)],
        Value::List(l) => {
            let mut s = vec![3, Rc::as_ptr(l) as *const u8 as u64];
            s.extend(l.borrow().iter().map(elem));
            s
        }
        Value::Tuple(t) => {
            let mut s = vec![4];
            s.extend(t.iter().map(elem));
            s
        }
        Value::Dict(d) => {
            let mut s = vec![5, Rc::as_ptr(d) as *const u8 as u64];
            for (k, v) in d.borrow().entries.iter() {
                s.push(elem(k));
                s.push(elem(v));
            }
            s
        }
        Value::Object(o) => vec![6, Rc::as_ptr(o) as *const u8 as u64],
        // A helper function redefined since the trace is a different function.
        Value::Func(_) | Value::Transformed(_) | Value::Class(_) | Value::BoundMethod(_) => vec![7, super::object::identity(v) as u64],
        _ => return None,
    })
}

impl Interp {
    /// Start noting the outside reads of a new trace.
    pub(crate) fn reads_begin(&self) {
        self.trace_reads.borrow_mut().stack.push((super::value::next_scope_serial(), Vec::new(), Default::default()));
    }

    /// Stop noting for the innermost trace: its reads, which the enclosing trace inherits.
    pub(crate) fn reads_end(&self) -> Vec<OuterRead> {
        let mut tr = self.trace_reads.borrow_mut();
        let reads = tr.stack.pop().map(|(_, r, _)| r).unwrap_or_default();
        if let Some((_, outer, _)) = tr.stack.last_mut() {
            outer.extend(reads.iter().cloned());
        }
        reads
    }

    /// A cached trace is reused inside another trace: the outer one inherits its reads.
    pub(crate) fn reads_inherit(&self, reads: &[OuterRead]) {
        if let Some((_, outer, _)) = self.trace_reads.borrow_mut().stack.last_mut() {
            outer.extend(reads.iter().cloned());
        }
    }

    /// Note that a trace in progress read `v` from `src` (outside the traced function).
    fn note_read(&self, key: (u8, usize, u64), src: impl FnOnce() -> ReadSource, v: &Value) {
        let Some(sig) = read_sig(self, v) else { return };
        let mut tr = self.trace_reads.borrow_mut();
        let Some((_, reads, seen)) = tr.stack.last_mut() else { return };
        if seen.insert(key) {
            reads.push(OuterRead { src: src(), sig });
        }
    }

    /// A name looked up while tracing, found in `scope`.
    pub(crate) fn note_name_read(&self, scope: &Rc<Scope>, name: &str, v: &Value) {
        let older = match self.trace_reads.borrow().stack.last() {
            Some((serial, ..)) => scope.serial < *serial,
            None => false,
        };
        if older {
            self.note_read((0, Rc::as_ptr(scope) as *const u8 as usize, str_hash(name)), || ReadSource::Name(scope.clone(), name.into()), v);
        }
    }

    /// An object's own attribute read while tracing.
    pub(crate) fn note_attr_read(&self, o: &Rc<super::object::Instance>, name: &str, v: &Value) {
        // An object made by the trace itself is not outside it (a cached trace never sees it).
        if self.trace_reads.borrow().stack.last().is_some_and(|(serial, ..)| o.serial >= *serial) {
            return;
        }
        self.note_read((1, Rc::as_ptr(o) as *const u8 as usize, str_hash(name)), || ReadSource::Attr(o.clone(), name.into()), v);
    }

    /// An item of a list or dict read while tracing.
    pub(crate) fn note_item_read(&self, container: &Value, key: &Value, v: &Value) {
        let k = match key {
            Value::Int(i) => *i as u64,
            Value::Str(s) => str_hash(s),
            _ => return,
        };
        self.note_read((2, super::object::identity(container), k), || ReadSource::Item(container.clone(), key.clone()), v);
    }

    /// Whether every read of a cached trace still finds what it found.
    pub(crate) fn reads_hold(&self, reads: &[OuterRead]) -> bool {
        reads.iter().all(|r| {
            let now = match &r.src {
                ReadSource::Name(scope, name) => scope.vars.borrow().get(name).cloned(),
                ReadSource::Attr(o, name) => o.attrs.borrow().get(name).cloned(),
                ReadSource::Item(Value::List(l), Value::Int(i)) => {
                    let l = l.borrow();
                    let n = l.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    (0..n).contains(&j).then(|| l[j as usize].clone())
                }
                ReadSource::Item(Value::Dict(d), k) => k.key().ok().and_then(|k| d.borrow().get(&k).cloned()),
                ReadSource::Item(..) => None,
            };
            now.as_ref().and_then(|v| read_sig(self, v)).is_some_and(|s| s == r.sig)
        })
    }
}

//! Host callbacks inside traces (`Prim::HostCall`, JAX's `pure_callback_p`): the native
//! `jax._host_call` that stages one, and the handler that calls the Slope function back when
//! the computation runs.
//!
//! A computation holding a host call runs with the session's state moved out of the `Interp`
//! (`with_host_calls`): the cell's stage and the runtime running it are locals of that call, the
//! traces are set aside, and the `Interp` gets a fresh stage and a second runtime (`cpu`, or
//! `eval` when the session runs on eval; kept between calls). So the callback runs as a
//! top-level call of the session, with nothing of the computation in progress borrowed, and its
//! own array work syncs on that second runtime (JAX's callbacks run on the host, with numpy).
//! A callback that raises stores its diagnostic (`host_error`), which the sync that ran the
//! computation returns in place of the runtime's message: the user sees the callback's
//! exception and traceback.

use super::array::{Array, Stage};
use super::value::Value;
use super::{Builtin, Interp, Kwargs, Result};
use crate::array::{DType, HostArray};
use crate::backend::{Device, Runtime};
use crate::diag::Diagnostic;
use crate::ir::Type;
use crate::prim::{CallbackKind, HostFn, Prim, VmapMethod};
use std::rc::Rc;

/// The callable behind a `HostFn`: a Slope function taking the operands' values (numpy arrays)
/// and returning the list of results.
struct Callee {
    f: Value,
}

impl Interp {
    /// Run `body` on the cell's stage and the runtime, moved out of the session, with host calls
    /// answered by this session (see the module doc).
    pub(crate) fn with_host_calls<R>(&mut self, body: impl FnOnce(&mut Stage, &mut Runtime) -> R) -> R {
        let mut stage = std::mem::take(&mut self.stage);
        let traces = std::mem::take(&mut self.traces);
        let mut rt = std::mem::take(&mut self.runtime);
        let dev = if rt.device() == Device::Eval { Device::Eval } else { Device::Cpu };
        self.runtime = match self.host_runtime.take() {
            Some(r) => *r,
            None => Runtime::with_device(dev),
        };
        let this: *mut Interp = self;
        let handler: crate::eval::HostHandler = Rc::new(move |f: &HostFn, args: &[HostArray], want: &[Type]| {
            // SAFETY: `this` is the session, borrowed mutably by `with_host_calls` for the whole
            // run; the run itself holds only the locals `stage` and `rt` (moved out of the
            // session), so nothing else refers into the `Interp` while the handler uses it. The
            // handler is uninstalled before `with_host_calls` touches `self` again.
            let it = unsafe { &mut *this };
            it.answer_host_call(f, args, want)
        });
        let r = crate::eval::with_host_handler(handler, || body(&mut stage, &mut rt));
        let host_rt = std::mem::replace(&mut self.runtime, rt);
        self.host_runtime = Some(Box::new(host_rt));
        self.traces = traces;
        stage.syncs += self.stage.syncs;
        self.stage = stage;
        r
    }

    /// A runtime's error, or the error a host callback raised during that run.
    pub(crate) fn host_error_or(&mut self, e: Diagnostic) -> Diagnostic {
        self.host_error.take().unwrap_or(e)
    }

    /// The handler's work: call the callback on the values, check and return its results.
    fn answer_host_call(&mut self, f: &HostFn, args: &[HostArray], want: &[Type]) -> std::result::Result<Vec<HostArray>, String> {
        // What `jax.debug.print` printed earlier in this run comes first.
        let printed = crate::eval::take_printed();
        if !printed.is_empty() {
            self.write(super::StreamKind::Stdout, &printed);
        }
        match self.call_host_fn(f, args, want) {
            Ok(v) => Ok(v),
            Err(d) => {
                let m = format!("{}: {}", d.kind, d.message);
                self.host_error = Some(d);
                Err(m)
            }
        }
    }

    fn call_host_fn(&mut self, f: &HostFn, args: &[HostArray], want: &[Type]) -> Result<Vec<HostArray>> {
        let callee = f.f.downcast_ref::<Callee>().ok_or_else(|| Diagnostic::new("RuntimeError", "internal error: a host call of another kind of function"))?;
        let vals: Vec<Value> = args.iter().map(|h| Value::Array(Array::host(h.clone(), false))).collect();
        let out = self.call(&callee.f.clone(), vals, Kwargs::new())?;
        let items = if matches!(out, Value::None) { vec![] } else { self.iterate(&out)? };
        if items.len() != want.len() {
            return Err(Diagnostic::new("TypeError", format!("{}: the callback returned {} arrays, but result_shape_dtypes has {}", f.name, items.len(), want.len())));
        }
        let mut res = Vec::with_capacity(want.len());
        for (v, t) in items.iter().zip(want) {
            let a = self.to_array(v, false)?;
            let h = self.force(&a)?;
            if h.shape != t.shape {
                return Err(Diagnostic::new("RuntimeError", format!("{}: the callback returned an array of shape {}, but result_shape_dtypes says {}", f.name, super::ops::shape_str(&h.shape), super::ops::shape_str(&t.shape))));
            }
            if h.dtype() != t.dtype {
                return Err(Diagnostic::new("RuntimeError", format!("{}: the callback returned an array of dtype {}, but result_shape_dtypes says {}", f.name, h.dtype(), t.dtype)));
            }
            res.push(h);
        }
        // What the callback left pending runs now, on this run's runtime.
        self.sync()?;
        Ok(res)
    }
}

/// `jax._host_call(flat_fn, specs, operands, vmap_method, kind, name)`: stage a host call of
/// `flat_fn` (which takes the operands' values and returns the list of results) in the
/// innermost trace. `specs` lists the results as (shape, dtype name); `kind` is "pure",
/// "io", "io_ordered" or "debug". Returns the list of staged results.
pub(crate) fn j_host_call(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let [flat, specs, ops, method, kind, name] = args.as_slice() else {
        return Err(Diagnostic::new("TypeError", "_host_call takes 6 arguments"));
    };
    let kind = match kind {
        Value::Str(s) if s.as_ref() == "pure" => CallbackKind::Pure,
        Value::Str(s) if s.as_ref() == "io" => CallbackKind::Io { ordered: false },
        Value::Str(s) if s.as_ref() == "io_ordered" => CallbackKind::Io { ordered: true },
        Value::Str(s) if s.as_ref() == "debug" => CallbackKind::Debug,
        _ => return Err(Diagnostic::new("ValueError", "_host_call: unknown callback kind")),
    };
    let vmap_method = match method {
        Value::None => None,
        Value::Str(s) => Some(VmapMethod::from_name(s).ok_or_else(|| {
            Diagnostic::new("ValueError", format!("vmap_method must be one of 'sequential', 'sequential_unrolled', 'expand_dims' or 'broadcast_all', got {s:?}"))
                .with_help("pass vmap_method='sequential' (one call per example) or 'expand_dims'/'broadcast_all' (one call on the whole batch)")
        })?),
        _ => return Err(Diagnostic::new("TypeError", "vmap_method must be a string or None")),
    };
    let mut outs = Vec::new();
    for s in it.iterate(specs)? {
        let pair = it.iterate(&s)?;
        let [shape, dtype] = pair.as_slice() else { return Err(Diagnostic::new("TypeError", "_host_call: a result spec is (shape, dtype)")) };
        let mut dims = Vec::new();
        for d in it.iterate(shape)? {
            match d {
                Value::Int(n) if n >= 0 => dims.push(n as usize),
                other => return Err(Diagnostic::new("TypeError", format!("result_shape_dtypes: a shape holds non-negative ints, got {}", it.to_str(&other)?))),
            }
        }
        let name_s = it.to_str(dtype)?;
        let dt = DType::from_name(&name_s).ok_or_else(|| Diagnostic::new("TypeError", format!("result_shape_dtypes: unknown dtype {name_s}")))?;
        outs.push(Type { shape: dims, dtype: dt });
    }
    let mut operands = Vec::new();
    for o in it.iterate(ops)? {
        operands.push(it.to_array(&o, true)?);
    }
    for (what, d) in operands.iter().map(|a| ("an argument", a.dtype())).chain(outs.iter().map(|t| ("a result", t.dtype))) {
        if d.storage() != d {
            return Err(Diagnostic::new("TypeError", format!("a host callback inside a traced function takes and returns bool, int32, int64, float32 or float64 arrays; {what} is {d}"))
                .with_help("cast it with .astype(jnp.float32) (or int32) around the callback"));
        }
    }
    let name = it.to_str(name)?;
    let callback = HostFn { name: name.into(), f: Rc::new(Callee { f: flat.clone() }) };
    let refs: Vec<&Array> = operands.iter().collect();
    // JAX arrays out (as JAX's callbacks return), unless every operand is a numpy array: numpy
    // code traced by a transformation keeps numpy's dtype rules (float64 without x64).
    let jax = operands.is_empty() || operands.iter().any(|a| a.jax());
    let res = it.bind(Prim::HostCall { callback, outs, vmap_method, kind }, &refs, jax)?;
    Ok(Value::list(res.into_iter().map(Value::Array).collect()))
}

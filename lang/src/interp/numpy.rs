//! The module system and the native part of `numpy` / `jax.numpy`: array creation, the
//! elementwise functions, reductions, shape functions, and array attributes and methods. The
//! rest of numpy's surface is written in Slope in `std/` and runs on top of these.

use super::array::{Array, View};
use super::args::{arg, check_kw, dtype_arg, ints_arg, int_arg, need, shape_arg};
use super::ops::{self, canonical, default_float, default_of};
use super::value::*;
use super::Interp;
use crate::array::{DType, HostArray, Scalar};
use crate::diag::{Diagnostic, Result, Source};
use crate::prim::{Prim, ScatterMode};
use std::rc::Rc;

/// The modules the interpreter builds itself. The standard library adds the ones it registers
/// (`Interp::native_modules`) and the ones written in Slope (`Interp::std_sources`); all of
/// them are listed by `Interp::module_names`.
pub const MODULES: &[&str] = &["numpy", "numpy.linalg", "numpy.random", "jax", "jax.numpy", "jax.numpy.linalg", "jax.random", "jax.lax", "jax.tree_util", "jax.tree", "jax.debug", "slope"];

/// Call the native numpy function `name` as numpy's (`jax` false) or jax.numpy's (for aliases
/// defined elsewhere).
pub fn call_native(it: &mut Interp, jax: bool, name: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (n, f, doc) = NATIVE.iter().find(|(n, _, _)| *n == name).ok_or_else(|| Diagnostic::new("RuntimeError", format!("internal error: no native {name}")))?;
    let b2 = Builtin { name: (*n).into(), f: *f, jax, doc };
    f(it, &b2, args, kw)
}

impl Interp {
    /// Import a module by dotted name (cached).
    pub fn import(&mut self, name: &str) -> Result<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let m = match name {
            "numpy" => self.build_numpy(false)?,
            "jax.numpy" => self.build_numpy(true)?,
            "numpy.linalg" => {
                let np = self.import("numpy")?;
                return self.getattr(&np, "linalg");
            }
            "jax.numpy.linalg" => {
                let np = self.import("jax.numpy")?;
                return self.getattr(&np, "linalg");
            }
            "jax" => return self.build_jax(),
            "jax.lax" | "jax.tree_util" | "jax.tree" | "jax.debug" => {
                self.import("jax")?;
                return self.modules.get(name).cloned().ok_or_else(|| Diagnostic::new("ModuleNotFoundError", format!("No module named '{name}'")));
            }
            "jax.random" => self.std_submodule("jax.random", "jax.numpy")?,
            "numpy.random" => self.std_submodule("numpy.random", "numpy")?,
            "slope" => {
                let v = self.build_slope()?;
                // Merge the tools the embedder registered (plots, pictures) into the module.
                if let Some(f) = self.native_modules.get("slope").copied() {
                    if let (Value::Module(m), Value::Module(extra)) = (&v, f(self)?) {
                        for (k, x) in extra.attrs.borrow().iter() {
                            m.attrs.borrow_mut().insert(k.clone(), x.clone());
                        }
                    }
                }
                v
            }
            _ if self.native_modules.contains_key(name) => {
                let f = self.native_modules[name];
                f(self)?
            }
            // JAX's libraries written in Slope (`jax.nn`, `jax.scipy.special`, ...) and optax run
            // inside jax.numpy's scope, as `jax.random` does.
            _ if self.std_sources.contains_key(name) && (name.starts_with("jax.") || name == "optax" || name.starts_with("optax.")) => self.std_submodule(name, "jax.numpy")?,
            // Every other standard-library module written in Slope is importable by its name.
            _ if self.std_sources.contains_key(name) => self.std_module(name)?,
            _ => {
                let top = name.split('.').next().unwrap_or(name);
                let mut d = Diagnostic::new("ModuleNotFoundError", format!("No module named '{name}'"));
                let all = self.module_names().join(", ");
                d = d.with_help(match top {
                    "torch" | "tensorflow" | "scipy" | "pandas" | "sklearn" => format!("Slope has no '{top}'; it provides {all}"),
                    _ => format!("Slope's modules are built in: {all}"),
                });
                return Err(d);
            }
        };
        self.modules.insert(name.into(), m.clone());
        Ok(m)
    }

    fn build_numpy(&mut self, jax: bool) -> Result<Value> {
        let modname = if jax { "jax.numpy" } else { "numpy" };
        let scope = Scope::new_module(Some(self.builtins.clone()));
        for (n, f, doc) in NATIVE {
            let b = Rc::new(Builtin { name: (*n).into(), f: *f, jax, doc });
            if !jax && !VIEW_NATIVES.contains(n) {
                self.fresh_natives.insert(Rc::as_ptr(&b) as usize);
            }
            scope.set((*n).into(), Value::Builtin(b));
        }
        for (n, d) in [("float32", DType::F32), ("float64", DType::F64), ("int32", DType::I32), ("int64", DType::I64), ("bool_", DType::Bool), ("bool", DType::Bool)] {
            scope.set(n.into(), Value::DType(d, jax, true));
        }
        for d in [DType::I8, DType::I16, DType::U8, DType::U16, DType::U32, DType::U64, DType::F16] {
            scope.set(d.name().into(), Value::DType(d, jax, true));
        }
        for (n, d) in [("half", DType::F16), ("single", DType::F32), ("double", DType::F64), ("byte", DType::I8), ("ubyte", DType::U8), ("short", DType::I16), ("ushort", DType::U16), ("intc", DType::I32), ("uintc", DType::U32), ("uint", DType::U64), ("intp", DType::I64), ("uintp", DType::U64), ("longlong", DType::I64), ("ulonglong", DType::U64)] {
            scope.set(n.into(), Value::DType(d, jax, true));
        }
        scope.set("float_".into(), Value::DType(DType::F64, jax, true));
        scope.set("int_".into(), Value::DType(DType::I64, jax, true));
        scope.set("pi".into(), Value::Float(std::f64::consts::PI));
        scope.set("e".into(), Value::Float(std::f64::consts::E));
        scope.set("inf".into(), Value::Float(f64::INFINITY));
        scope.set("nan".into(), Value::Float(f64::NAN));
        scope.set("newaxis".into(), Value::None);
        // The class of arrays (`type(np.zeros(3)) == np.ndarray`; jnp.ndarray is jax.Array).
        scope.set("ndarray".into(), Value::Class(self.types.get(if jax { "jax.Array" } else { "numpy.ndarray" })));
        scope.set("_jax".into(), Value::Bool(jax));
        if jax {
            for (n, f) in super::jax::RANDOM_NATIVES {
                scope.set((*n).into(), Value::Builtin(Rc::new(Builtin { name: (*n).into(), f: *f, jax, doc: "" })));
            }
            let np = self.import("numpy")?;
            scope.set("_np".into(), np);
        }
        let py = Module::new("builtins");
        for (k, v) in self.builtins.vars.borrow().iter() {
            py.attrs.borrow_mut().insert(k.clone(), v.clone());
        }
        scope.set("_py".into(), Value::Module(Rc::new(py)));
        if let Some(src) = self.std_sources.get("numpy").copied() {
            self.run_std("numpy", src, &scope)?;
        }
        self.std_scopes.insert(modname.to_string(), scope.clone());
        let m = Module::new(modname);
        for (k, v) in scope.vars.borrow().iter() {
            m.attrs.borrow_mut().insert(k.clone(), v.clone());
        }
        if let Some(src) = self.std_sources.get("numpy.linalg").copied() {
            let sub = Scope::new_module(Some(scope.clone()));
            self.run_std("numpy.linalg", src, &sub)?;
            let lm = Module::new(&format!("{modname}.linalg"));
            for (k, v) in sub.vars.borrow().iter() {
                lm.attrs.borrow_mut().insert(k.clone(), v.clone());
            }
            // `_public` maps a public name to a function kept under a private one, so that
            // linalg.py's own code keeps numpy's top-level function of that name (its
            // `diagonal(a, axis1=...)` is not the array API's `linalg.diagonal(x, offset=)`).
            let public = sub.vars.borrow().get("_public").cloned();
            if let Some(Value::Dict(d)) = public {
                let items: Vec<(Value, Value)> = d.borrow().entries.clone();
                lm.attrs.borrow_mut().remove("_public");
                for (k, v) in items {
                    let k = self.to_str(&k)?;
                    lm.attrs.borrow_mut().insert(k.as_str().into(), v);
                }
            }
            m.attrs.borrow_mut().insert("linalg".into(), Value::Module(Rc::new(lm)));
        }
        Ok(Value::Module(Rc::new(m)))
    }

    /// Every importable module's name, sorted, without duplicates and without the private ones
    /// (`_random`).
    pub(crate) fn module_names(&self) -> Vec<String> {
        let all: std::collections::BTreeSet<String> = MODULES.iter().map(|s| s.to_string()).chain(self.native_modules.keys().cloned()).chain(self.std_sources.keys().cloned()).collect();
        all.into_iter().filter(|n| !n.split('.').any(|p| p.starts_with('_'))).collect()
    }

    /// A standard-library module written in Slope that runs on its own, over the builtins
    /// (`random`, `string`, `operator`).
    fn std_module(&mut self, name: &str) -> Result<Value> {
        let src = self.std_sources.get(name).copied().ok_or_else(|| Diagnostic::new("ModuleNotFoundError", format!("No module named '{name}'")))?;
        let scope = Scope::new_module(Some(self.builtins.clone()));
        scope.set("__name__".into(), Value::str(name));
        self.run_std(name, src, &scope)?;
        self.std_scopes.insert(name.to_string(), scope.clone());
        let m = Module::new(name);
        for (k, v) in scope.vars.borrow().iter() {
            m.attrs.borrow_mut().insert(k.clone(), v.clone());
        }
        Ok(Value::Module(Rc::new(m)))
    }

    /// A standard-library module written in Slope that runs inside another's scope
    /// (`jax.random` sees all of `jax.numpy`).
    pub(crate) fn std_submodule(&mut self, name: &str, parent: &str) -> Result<Value> {
        self.import(parent)?;
        let src = self.std_sources.get(name).copied().ok_or_else(|| Diagnostic::new("ModuleNotFoundError", format!("No module named '{name}' (the standard library was built without it)")))?;
        let parent_scope = self.std_scopes.get(parent).cloned().ok_or_else(|| Diagnostic::new("RuntimeError", format!("internal error: {parent} has no scope")))?;
        let sub = Scope::new_module(Some(parent_scope));
        self.run_std(name, src, &sub)?;
        let m = Module::new(name);
        for (k, v) in sub.vars.borrow().iter() {
            m.attrs.borrow_mut().insert(k.clone(), v.clone());
        }
        Ok(Value::Module(Rc::new(m)))
    }

    fn run_std(&mut self, name: &str, src: &str, scope: &Rc<Scope>) -> Result<()> {
        let source = Source::new(format!("<std {name}>"), src);
        if name == "numpy" || name.starts_with("numpy.") {
            self.fresh_sources.insert(Rc::as_ptr(&source) as usize);
        }
        let stmts = crate::syntax::parse(&source)?;
        self.run_in_scope(&stmts, &source, scope.clone())
    }

    /// The numpy module of an array's flavour.
    fn np_of(&mut self, jax: bool) -> Result<Value> {
        self.import(if jax { "jax.numpy" } else { "numpy" })
    }

    /// `x.name` for arrays.
    pub(crate) fn array_attr(&mut self, a: &Array, name: &str) -> Result<Value> {
        Ok(match name {
            "shape" => Value::tuple(a.shape().iter().map(|&d| Value::Int(d as i64)).collect()),
            "ndim" => Value::Int(a.ndim() as i64),
            "size" => Value::Int(a.numel() as i64),
            "dtype" => Value::DType(a.dtype(), a.jax(), false),
            "itemsize" => Value::Int(a.dtype().size_bytes() as i64),
            "nbytes" => Value::Int((a.dtype().size_bytes() * a.numel()) as i64),
            "T" => {
                let r = self.transpose(a, None)?;
                let perm = (0..a.ndim()).rev().collect();
                Value::Array(self.numpy_view(r, a, View::Transpose(perm)))
            }
            // numpy 2's `a.mT` (the last two axes swapped): std/py/numpy.py's `_array_mT`.
            "mT" => {
                let np = self.np_of(a.jax())?;
                let f = self.getattr(&np, "_array_mT")?;
                return self.call(&f, vec![Value::Array(a.clone())], vec![]);
            }
            "at" => Value::At(Rc::new((a.clone(), None))),
            // numpy's in-place resize changes the array's shape, which Slope's arrays keep.
            "resize" if !a.jax() => {
                return Err(Diagnostic::new("NotImplementedError", "ndarray.resize changes an array's shape in place, which Slope does not support")
                    .with_help("make a new array instead: a = np.resize(a, new_shape) (repeats the elements) or a = a.reshape(new_shape)"))
            }
            "real" => Value::Array(a.clone()),
            // numpy's `a.base`: the array whose elements a view shows (the one owning them, as
            // numpy collapses chains of views), None for an array that owns its elements.
            "base" if !a.jax() => {
                let mut base = None;
                let mut cur = a.clone();
                while let Some(b) = cur.0.view.as_ref().map(|(b, _)| b.clone()) {
                    base = Some(b.clone());
                    cur = b;
                }
                base.map(Value::Array).unwrap_or(Value::None)
            }
            // Written in Slope (std/py/numpy.py): `a.flat` (a flatiter), `a.strides`, `a.imag`.
            "flat" | "strides" | "device" | "sharding" | "flags" | "imag" => {
                let np = self.np_of(a.jax())?;
                let f = self.getattr(&np, &format!("_array_{name}"))?;
                return self.call(&f, vec![Value::Array(a.clone())], vec![]);
            }
            _ => {
                let np = self.np_of(a.jax())?;
                if ARRAY_METHODS.contains(&name) {
                    return Ok(Value::Method(Rc::new((Value::Array(a.clone()), name.into()))));
                }
                let _ = np;
                let mut d = Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}'", if a.jax() { "jax.Array" } else { "numpy.ndarray" }));
                let all: Vec<&str> = ARRAY_METHODS.iter().copied().chain(["shape", "ndim", "size", "dtype", "T", "at", "flat", "strides", "device", "sharding", "base", "flags"]).collect();
                if let Some(b) = super::closest(name, all.into_iter()) {
                    d = d.with_help(format!("did you mean '.{b}'?"));
                }
                return Err(d);
            }
        })
    }

    /// `x.name(args)` for arrays: most forward to the numpy function of the same name.
    pub(crate) fn array_method(&mut self, a: &Array, name: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        match name {
            "view" => return self.array_view(a, args, kw),
            "devices" => {
                let np = self.np_of(a.jax())?;
                let f = self.getattr(&np, "_array_devices")?;
                return self.call(&f, vec![Value::Array(a.clone())], vec![]);
            }
            "reshape" | "transpose" => {
                // Both accept the shape/axes as separate arguments or as one tuple.
                let spec = if args.len() == 1 { args[0].clone() } else if args.is_empty() { Value::None } else { Value::tuple(args) };
                let spec = if name == "reshape" { kw.iter().find(|(k, _)| k.as_ref() == "shape").map(|(_, v)| v.clone()).unwrap_or(spec) } else { spec };
                let rest: Kwargs = kw.into_iter().filter(|(k, _)| k.as_ref() != "shape").collect();
                if name == "transpose" && !rest.is_empty() {
                    return Err(Diagnostic::new("TypeError", format!("transpose() got an unexpected keyword argument '{}'", rest[0].0)));
                }
                let np = self.np_of(a.jax())?;
                let f = self.getattr(&np, name)?;
                return self.call(&f, vec![Value::Array(a.clone()), spec], rest);
            }
            "tolist" => {
                let h = self.force(a)?;
                return Ok(tolist(&h, 0, 0));
            }
            "item" => {
                if a.numel() != 1 {
                    return Err(Diagnostic::new("ValueError", "can only convert an array of size 1 to a Python scalar").with_help("index an element first: x[i].item()"));
                }
                let h = self.force(a)?;
                return Ok(scalar_value(h.get(0)));
            }
            "copy" => return Ok(Value::Array(a.snapshot())),
            // JAX's timing idiom: the array itself, once it is computed (on the GPU: once the
            // device has finished it, without copying it to the host).
            "block_until_ready" => {
                if !self.is_traced(a) {
                    if !a.is_host() {
                        self.sync()?;
                    }
                    match a.buffer() {
                        Some(crate::backend::Buffer::Gpu(d)) => d.wait().map_err(|m| Diagnostic::new("RuntimeError", m))?,
                        _ => {
                            self.force(a)?;
                        }
                    }
                }
                return Ok(Value::Array(a.clone()));
            }
            "astype" => {
                let d = need(&args, &kw, 0, "dtype", "astype")?;
                let d = dtype_arg(&d)?.ok_or_else(|| Diagnostic::new("TypeError", "astype needs a dtype"))?;
                let out = self.cast(a, canonical(d, a.jax()))?;
                return Ok(ops::fresh_of(Value::Array(out.with_flags(false, a.jax())), &[a.clone()]));
            }
            "flatten" => {
                check_kw(&kw, &["order"], "flatten")?;
                let order = order_arg(args.first().cloned().or_else(|| kw.first().map(|(_, v)| v.clone())), "flatten", true)?;
                let flat = match reshape_in_order(self, a, &[-1], order)? {
                    Value::Array(r) => r,
                    _ => self.reshape(a, &[-1])?,
                };
                return Ok(ops::fresh_of(Value::Array(flat), &[a.clone()]));
            }
            "ravel" => {
                check_kw(&kw, &["order"], "ravel")?;
                let order = order_arg(args.first().cloned().or_else(|| kw.first().map(|(_, v)| v.clone())), "ravel", true)?;
                return reshape_in_order(self, a, &[-1], order);
            }
            // numpy's in-place methods (JAX arrays have a functional `sort` and no `fill`).
            "sort" if !a.jax() => {
                let np = self.np_of(false)?;
                let f = self.getattr(&np, "sort")?;
                let mut all = vec![Value::Array(a.clone())];
                all.extend(args);
                let sorted = self.call(&f, all, kw)?;
                let sorted = self.to_array(&sorted, false)?;
                self.write_array(a, &sorted)?;
                return Ok(Value::None);
            }
            "fill" if !a.jax() => {
                check_kw(&kw, &["value"], "fill")?;
                let v = need(&args, &kw, 0, "value", "fill")?;
                let v = self.to_array(&v, false)?;
                if v.numel() != 1 {
                    return Err(Diagnostic::new("ValueError", "fill: the value must be a scalar").with_help("use a[...] = values to write an array"));
                }
                let full = self.broadcast_to(&v, a.shape())?;
                self.write_array(a, &full)?;
                return Ok(Value::None);
            }
            _ => {}
        }
        let np = self.np_of(a.jax())?;
        let f = self.getattr(&np, name)?;
        let mut all = vec![Value::Array(a.clone())];
        all.extend(args);
        self.call(&f, all, kw)
    }
}

/// The numpy functions that may return their argument itself (numpy returns it or a view of it).
pub(crate) const VIEW_NATIVES: &[&str] = &[
    "asarray", "asanyarray", "reshape", "ravel", "transpose", "squeeze", "expand_dims", "broadcast_to", "atleast_1d", "atleast_2d",
    "atleast_3d", "swapaxes", "moveaxis", "real",
];

const ARRAY_METHODS: &[&str] = &[
    "view", "sum", "mean", "max", "min", "argmax", "argmin", "prod", "cumsum", "cumprod", "all", "any", "reshape", "transpose", "astype",
    "tolist", "item", "copy", "flatten", "ravel", "squeeze", "clip", "round", "dot", "var", "std", "sort", "argsort", "swapaxes",
    "repeat", "nonzero", "trace", "diagonal", "fill", "searchsorted", "argpartition", "block_until_ready", "devices",
];

/// The bits of a scalar, zero-extended (float16 as its IEEE half bits).
fn scalar_bits(s: Scalar) -> u64 {
    match s {
        Scalar::Bool(b) => b as u64,
        Scalar::I8(v) => v as u8 as u64,
        Scalar::U8(v) => v as u64,
        Scalar::I16(v) => v as u16 as u64,
        Scalar::U16(v) => v as u64,
        Scalar::F16(v) => crate::array::f16_bits(v) as u64,
        Scalar::I32(v) => v as u32 as u64,
        Scalar::U32(v) => v as u64,
        Scalar::F32(v) => v.to_bits() as u64,
        Scalar::I64(v) => v as u64,
        Scalar::U64(v) => v,
        Scalar::F64(v) => v.to_bits(),
    }
}

/// The scalar of dtype `d` with the given bits (the low `d.size_bytes()` bytes).
fn scalar_from_bits(d: DType, b: u64) -> Scalar {
    match d {
        DType::Bool => Scalar::Bool(b != 0),
        DType::I8 => Scalar::I8(b as u8 as i8),
        DType::U8 => Scalar::U8(b as u8),
        DType::I16 => Scalar::I16(b as u16 as i16),
        DType::U16 => Scalar::U16(b as u16),
        DType::F16 => {
            let h = b as u16;
            let sign = if h & 0x8000 != 0 { -1.0f64 } else { 1.0 };
            let e = ((h >> 10) & 0x1f) as i32;
            let m = (h & 0x3ff) as f64;
            Scalar::F16((if e == 0x1f {
                if m != 0.0 { f64::NAN } else { sign * f64::INFINITY }
            } else if e == 0 {
                sign * m * 2f64.powi(-24)
            } else {
                sign * (1.0 + m / 1024.0) * 2f64.powi(e - 15)
            }) as f32)
        }
        DType::I32 => Scalar::I32(b as u32 as i32),
        DType::U32 => Scalar::U32(b as u32),
        DType::F32 => Scalar::F32(f32::from_bits(b as u32)),
        DType::I64 => Scalar::I64(b as i64),
        DType::U64 => Scalar::U64(b),
        DType::F64 => Scalar::F64(f64::from_bits(b)),
    }
}

impl Interp {
    /// `a.view()` (a view of the same elements) and `a.view(dtype)` for a dtype of the same
    /// size: the same bytes read as `dtype` (a new array: writes to it do not reach `a`).
    fn array_view(&mut self, a: &Array, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        check_kw(&kw, &["dtype", "type"], "view")?;
        let d = args.first().cloned().or_else(|| kw.iter().find(|(k, _)| k.as_ref() == "dtype").map(|(_, v)| v.clone())).unwrap_or(Value::None);
        let Some(d) = dtype_arg(&d)? else {
            // A new array object over the same elements (`a.view() is a` is False in numpy).
            if a.jax() {
                return Ok(Value::Array(a.clone()));
            }
            return Ok(Value::Array(Array::view_of(a, a, View::Reshape)));
        };
        if d.size_bytes() != a.dtype().size_bytes() {
            return Err(Diagnostic::new("ValueError", format!("view: {} ({} bytes) to {d} ({} bytes): Slope views between dtypes of the same size only", a.dtype(), a.dtype().size_bytes(), d.size_bytes()))
                .with_help("view as a dtype of the same itemsize (float32 ↔ int32/uint32, float64 ↔ int64/uint64, ...), or convert the values with .astype"));
        }
        let h = self.force(a)?;
        let v: Vec<Scalar> = (0..h.len()).map(|i| scalar_from_bits(d, scalar_bits(h.get(i)))).collect();
        let out = crate::array::HostArray::from_scalars(a.shape(), d, &v);
        Ok(Value::Array(Array::host(out, a.jax())))
    }
}

fn scalar_value(s: Scalar) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::I32(i) => Value::Int(i as i64),
        Scalar::I64(i) => Value::Int(i),
        Scalar::F32(f) | Scalar::F16(f) => Value::Float(f as f64),
        Scalar::F64(f) => Value::Float(f),
        // Slope's ints are 64-bit: a uint64 of 2^63 or more becomes a float (a departure).
        Scalar::U64(v) if v > i64::MAX as u64 => Value::Float(v as f64),
        s => Value::Int(s.to_i64()),
    }
}

fn tolist(h: &HostArray, dim: usize, offset: usize) -> Value {
    if dim == h.ndim() {
        return scalar_value(h.get(offset));
    }
    let strides = crate::array::strides(&h.shape);
    Value::list((0..h.shape[dim]).map(|i| tolist(h, dim + 1, offset + i * strides[dim])).collect())
}

fn arr(it: &mut Interp, b: &Builtin, v: &Value) -> Result<Array> {
    let a = it.to_array(v, b.jax)?;
    Ok(if b.jax && !a.jax() { a.with_flags(a.weak(), true) } else { a })
}

fn out(a: Array) -> Result<Value> {
    Ok(Value::Array(a))
}

fn full_like_impl(it: &mut Interp, b: &Builtin, shape: &[usize], dtype: DType, fill: &Value) -> Result<Value> {
    let d = canonical(dtype, b.jax);
    super::array::check_size(&crate::ir::Type::new(shape, d))?;
    let s = match fill {
        Value::Int(i) => Scalar::I64(*i),
        Value::Float(f) => Scalar::F64(*f),
        Value::Bool(x) => Scalar::Bool(*x),
        Value::Array(a) if a.ndim() == 0 && a.is_host() => it.force(a)?.get(0),
        // An array (or a traced value, or a list) fills by broadcasting, as numpy and JAX.
        Value::Array(_) | Value::List(_) | Value::Tuple(_) => {
            let a = it.to_array(fill, b.jax)?;
            let a = it.cast(&a, d)?;
            if ops::broadcast_shapes(a.shape(), shape).as_deref() != Some(shape) {
                let tight = |s: &[usize]| format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",") + if s.len() == 1 { "," } else { "" });
                return Err(Diagnostic::new("ValueError", format!("could not broadcast input array from shape {} into shape {}", tight(a.shape()), tight(shape))));
            }
            let r = it.broadcast_to(&a, shape)?;
            return out(r);
        }
        other => return Err(Diagnostic::new("TypeError", format!("fill value must be a number, got {}", other.type_name()))),
    };
    out(Array::host(HostArray::full(shape, s.cast(d)), b.jax))
}

fn n_array(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["dtype", "copy", "ndmin", "order"], &b.name)?;
    // order=: checked as numpy's; Slope's new arrays are laid out in C order, and the values
    // are the same for every order.
    order_arg(kw.iter().find(|(k, _)| k.as_ref() == "order").map(|(_, v)| v.clone()), &b.name, true)?;
    let v = need(&args, &kw, 0, "object", &b.name)?;
    let d = dtype_arg(&arg(&args, &kw, 1, "dtype").unwrap_or(Value::None))?;
    // As JAX, jnp.array(1.0) of a Python int or float is weakly typed (it adopts the dtype of
    // the arrays it meets: jnp.asarray(1.0) * float16 is float16).
    let a = if b.jax && d.is_none() && matches!(v, Value::Int(_) | Value::Float(_)) { it.to_array(&v, true)? } else { it.array_from_value(&v, d, b.jax)? };
    // ndmin: ones are prepended to the shape.
    let a = match arg(&args, &kw, 3, "ndmin") {
        Some(n) if !matches!(n, Value::None) => {
            let n = int_arg(it, &n, "ndmin")?.max(0) as usize;
            if n > a.ndim() {
                let shape: Vec<i64> = std::iter::repeat_n(1, n - a.ndim()).chain(a.shape().iter().map(|&d| d as i64)).collect();
                it.reshape(&a, &shape)?
            } else {
                a
            }
        }
        _ => a,
    };
    out(a)
}

fn n_asarray(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    n_array(it, b, args, kw)
}

fn creation(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs, fill: Value) -> Result<Value> {
    check_kw(&kw, &["shape", "dtype", "fill_value", "order", "device", "like"], &b.name)?;
    check_order(&kw, &b.name)?;
    let shape = shape_arg(it, &need(&args, &kw, 0, "shape", &b.name)?)?;
    let (fill, di) = if b.name.as_ref() == "full" { (need(&args, &kw, 1, "fill_value", "full")?, 2) } else { (fill, 1) };
    let fill = match fill {
        Value::List(_) | Value::Tuple(_) => Value::Array(it.array_from_value(&fill, None, b.jax)?),
        f => f,
    };
    let d = match dtype_arg(&arg(&args, &kw, di, "dtype").unwrap_or(Value::None))? {
        Some(d) => d,
        None => match (&fill, b.name.as_ref()) {
            (Value::Int(_), "full") => default_of(1, b.jax),
            (Value::Bool(_), "full") => DType::Bool,
            (Value::Array(a), "full") => a.dtype(),
            _ => default_float(b.jax),
        },
    };
    full_like_impl(it, b, &shape, d, &fill)
}

/// numpy's `order=` of array creation: 'C' and 'F' give the same values (Slope's arrays have no
/// memory order of their own); anything else is numpy's error.
fn check_order(kw: &Kwargs, name: &str) -> Result<()> {
    match kw.iter().find(|(k, _)| k.as_ref() == "order").map(|(_, v)| v) {
        None | Some(Value::None) => Ok(()),
        Some(Value::Str(o)) if matches!(o.as_ref(), "C" | "F" | "A" | "K") => Ok(()),
        Some(_) => Err(Diagnostic::new("ValueError", format!("{name}: order must be one of 'C', 'F', 'A', or 'K'")).with_help("pass order='C' (or leave it out)")),
    }
}

fn n_zeros(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    creation(it, b, args, kw, Value::Int(0))
}
fn n_ones(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    creation(it, b, args, kw, Value::Int(1))
}
fn n_full(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    creation(it, b, args, kw, Value::None)
}

fn like(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs, fill: Option<Value>) -> Result<Value> {
    check_kw(&kw, &["a", "dtype", "fill_value", "shape", "order", "subok", "device"], &b.name)?;
    check_order(&kw, &b.name)?;
    let a = arr(it, b, &need(&args, &kw, 0, "a", &b.name)?)?;
    let (fill, di) = match fill {
        Some(f) => (f, 1),
        None => (need(&args, &kw, 1, "fill_value", &b.name)?, 2),
    };
    let d = dtype_arg(&arg(&args, &kw, di, "dtype").unwrap_or(Value::None))?.unwrap_or(a.dtype());
    let shape = match kw.iter().find(|(k, _)| k.as_ref() == "shape").map(|(_, v)| v.clone()) {
        Some(s) if !matches!(s, Value::None) => shape_arg(it, &s)?,
        _ => a.shape().to_vec(),
    };
    full_like_impl(it, b, &shape, d, &fill)
}
fn n_zeros_like(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    like(it, b, args, kw, Some(Value::Int(0)))
}
fn n_ones_like(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    like(it, b, args, kw, Some(Value::Int(1)))
}
fn n_full_like(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    like(it, b, args, kw, None)
}

fn n_arange(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["start", "stop", "step", "dtype"], "arange")?;
    let pos: Vec<Value> = args.clone();
    let get = |i: usize, n: &str| arg(&pos, &kw, i, n);
    let (start, stop, step) = match (get(0, "start"), get(1, "stop"), get(2, "step")) {
        (Some(a), None, None) => (Value::Int(0), a, Value::Int(1)),
        (Some(a), Some(bb), None) => (a, bb, Value::Int(1)),
        (Some(a), Some(bb), Some(c)) => (a, bb, c),
        _ => return Err(Diagnostic::new("TypeError", "arange() requires stop to be specified")),
    };
    let is_int = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_));
    let all_int = is_int(&start) && is_int(&stop) && is_int(&step);
    let f = |it: &mut Interp, v: &Value| -> Result<f64> {
        Ok(match v {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            Value::Bool(b) => *b as u8 as f64,
            Value::Array(a) => it.force(a)?.get(0).to_f64(),
            other => return Err(Diagnostic::new("TypeError", format!("arange needs numbers, got {}", other.type_name()))),
        })
    };
    let (s0, s1, st) = (f(it, &start)?, f(it, &stop)?, f(it, &step)?);
    if st == 0.0 {
        return Err(Diagnostic::new("ZeroDivisionError", "arange: step must not be zero"));
    }
    let n = ((s1 - s0) / st).ceil().max(0.0) as usize;
    let d = dtype_arg(&get(3, "dtype").unwrap_or(Value::None))?.unwrap_or(if all_int { default_of(1, b.jax) } else { default_float(b.jax) });
    let d = canonical(d, b.jax);
    super::array::check_size(&crate::ir::Type::new(&[n], d))?;
    let h = if d == DType::F16 && !b.jax {
        // numpy fills float16 from its first two values, in float32: start + i * (x1 - x0).
        let x0 = crate::array::round_f16(s0);
        let delta = crate::array::round_f16(s0 + st) - x0;
        HostArray::from_scalars(&[n], d, &(0..n).map(|i| Scalar::F16(crate::array::round_f16((x0 + i as f32 * delta) as f64))).collect::<Vec<_>>())
    } else if !all_int && !b.jax && (d.is_int() || d == DType::Bool) {
        // numpy fills an integer arange from its first two values cast to the dtype:
        // start + i * (int(start + step) - int(start)), so arange(0, 5, 0.5, dtype=int) is ten 0s.
        let x0 = s0.trunc() as i64;
        let delta = (s0 + st).trunc() as i64 - x0;
        HostArray::from_i64(&[n], (0..n as i64).map(|i| x0 + i * delta).collect()).cast(d)
    } else if all_int {
        let (a, s) = (s0 as i64, st as i64);
        HostArray::from_i64(&[n], (0..n as i64).map(|i| a + i * s).collect()).cast(d)
    } else {
        HostArray::from_f64(&[n], (0..n).map(|i| s0 + i as f64 * st).collect()).cast(d)
    };
    out(Array::host(h, b.jax))
}

/// The elementwise functions: name → primitive.
fn unary_prim(name: &str) -> Option<Prim> {
    Some(match name {
        "negative" => Prim::Neg,
        "abs" | "absolute" | "fabs" => Prim::Abs,
        "sign" => Prim::Sign,
        "floor" => Prim::Floor,
        "ceil" => Prim::Ceil,
        "rint" => Prim::Round,
        "exp" => Prim::Exp,
        "log" => Prim::Log,
        "log1p" => Prim::Log1p,
        "expm1" => Prim::Expm1,
        "sqrt" => Prim::Sqrt,
        "sin" => Prim::Sin,
        "cos" => Prim::Cos,
        "tan" => Prim::Tan,
        "arcsin" | "asin" => Prim::Asin,
        "arccos" | "acos" => Prim::Acos,
        "arctan" | "atan" => Prim::Atan,
        "sinh" => Prim::Sinh,
        "cosh" => Prim::Cosh,
        "tanh" => Prim::Tanh,
        "invert" | "bitwise_not" => Prim::Not,
        _ => return None,
    })
}

/// A ufunc's output array given positionally after its `nin` inputs (`np.sin(x, out)`, as numpy
/// allows): split it from the inputs.
fn positional_out(b: &Builtin, mut args: Vec<Value>, out_v: Option<Value>, nin: usize) -> Result<(Vec<Value>, Option<Value>)> {
    if args.len() <= nin {
        return Ok((args, out_v));
    }
    if args.len() > nin + 1 {
        return Err(Diagnostic::new("TypeError", format!("{}() takes from {nin} to {} positional arguments but {} were given", b.name, nin + 1, args.len()))
            .with_help("give the inputs, then at most one output array (or out=...)"));
    }
    if out_v.is_some() {
        return Err(Diagnostic::new("TypeError", "cannot specify 'out' as both a positional and keyword argument").with_help("give the output array once: either positionally after the inputs or as out="));
    }
    let o = args.pop();
    Ok((args, o))
}

/// Split a ufunc's `out=` and `where=` keywords from the others.
fn out_where(kw: Kwargs) -> (Kwargs, Option<Value>, Option<Value>) {
    let (mut o, mut w) = (None, None);
    let rest = kw
        .into_iter()
        .filter(|(k, v)| match k.as_ref() {
            "out" => {
                o = Some(v.clone());
                false
            }
            "where" => {
                w = Some(v.clone());
                false
            }
            _ => true,
        })
        .collect();
    (rest, o, w)
}

/// A ufunc's or a reduction's result `r` under numpy's `where=` (elements where the mask is
/// false keep `out`'s value, or 0 without `out`) and `out=` (the result is written into that
/// array in place, under the 'same_kind' casting rule, and returned).
fn finish_out(it: &mut Interp, b: &Builtin, r: Array, out_v: Option<Value>, where_v: Option<Value>) -> Result<Value> {
    let out_arr = match out_v {
        None | Some(Value::None) => None,
        Some(Value::Tuple(t)) if t.len() == 1 && matches!(t[0], Value::Array(_)) => match &t[0] {
            Value::Array(a) => Some(a.clone()),
            _ => None,
        },
        Some(Value::Array(a)) => Some(a),
        Some(other) => {
            return Err(Diagnostic::new("TypeError", format!("return arrays must be of ArrayType, not {}", other.type_name()))
                .with_help("pass out=an existing numpy array of the result's shape"))
        }
    };
    if let Some(o) = &out_arr {
        if o.jax() || b.jax {
            return Err(Diagnostic::new("TypeError", format!("{}: JAX arrays are immutable, so out= is not supported", b.name))
                .with_help("use the returned array: y = jnp.f(x), or x.at[...].set(...)"));
        }
    }
    let r = match where_v {
        None | Some(Value::Bool(true)) => r,
        Some(w) => {
            let m = it.to_array(&w, false)?;
            let m = it.cast(&m, DType::Bool)?;
            let other = match &out_arr {
                Some(o) => it.cast(o, r.dtype())?,
                None => Array::host(HostArray::scalar(Scalar::F64(0.0).cast(r.dtype())), r.jax()),
            };
            let shape = ops::broadcast_shapes(r.shape(), m.shape())
                .and_then(|s| ops::broadcast_shapes(&s, other.shape()))
                .ok_or_else(|| Diagnostic::new("ValueError", format!("{}: where= of shape {} does not broadcast with the result's shape {}", b.name, ops::shape_str(m.shape()), ops::shape_str(r.shape()))))?;
            let (m, r, other) = (it.broadcast_to(&m, &shape)?, it.broadcast_to(&r, &shape)?, it.broadcast_to(&other, &shape)?);
            it.prim_jax(Prim::Select, &[&m, &r, &other], r.jax())?
        }
    };
    let Some(o) = out_arr else { return out(r) };
    let r = if r.shape() != o.shape() && ops::broadcast_shapes(r.shape(), o.shape()).as_deref() == Some(o.shape()) { it.broadcast_to(&r, &o.shape().to_vec())? } else { r };
    it.augassign_array(&o, &r, &b.name)?;
    Ok(Value::Array(o))
}

fn n_unary(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (kw, out_v, where_v) = out_where(kw);
    let (args, out_v) = positional_out(b, args, out_v, 1)?;
    let r = unary_value(it, b, args, kw)?;
    finish_out(it, b, r, out_v, where_v)
}

fn unary_value(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Array> {
    check_kw(&kw, &["x"], &b.name)?;
    let x = arr(it, b, &need(&args, &kw, 0, "x", &b.name)?)?;
    let prim = unary_prim(&b.name).ok_or_else(|| Diagnostic::new("RuntimeError", format!("internal error: no primitive for {}", b.name)))?;
    if prim == Prim::Not && x.dtype().is_float() {
        return Err(Diagnostic::new("TypeError", format!("ufunc '{}' not supported for float arrays", b.name)));
    }
    // fabs is a float function: integers and booleans become floats first (numpy, JAX).
    if b.name.as_ref() == "fabs" && !x.dtype().is_float() {
        let x = it.cast(&x, default_float(b.jax))?;
        return it.unary(prim, &x);
    }
    it.unary(prim, &x)
}

pub(crate) fn n_binary(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (kw, out_v, where_v) = out_where(kw);
    let (args, out_v) = positional_out(b, args, out_v, 2)?;
    let r = binary_value(it, b, args, kw)?;
    finish_out(it, b, r, out_v, where_v)
}

/// Whether a native function is one of numpy's ufuncs (which have `.reduce`, `.outer`, ...).
pub(crate) fn is_ufunc(b: &Builtin) -> bool {
    std::ptr::fn_addr_eq(b.f, n_binary as NativeFn) || std::ptr::fn_addr_eq(b.f, n_unary as NativeFn)
}

/// The number of inputs of a ufunc.
pub(crate) fn ufunc_nin(b: &Builtin) -> i64 {
    if std::ptr::fn_addr_eq(b.f, n_binary as NativeFn) { 2 } else { 1 }
}

fn binary_value(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Array> {
    check_kw(&kw, &["x1", "x2"], &b.name)?;
    let x = arr(it, b, &need(&args, &kw, 0, "x1", &b.name)?)?;
    let y = arr(it, b, &need(&args, &kw, 1, "x2", &b.name)?)?;
    use crate::syntax::ast::BinOp;
    let r = match b.name.as_ref() {
        "add" => it.array_binop(BinOp::Add, &x, &y)?,
        "subtract" => it.array_binop(BinOp::Sub, &x, &y)?,
        "multiply" => it.array_binop(BinOp::Mul, &x, &y)?,
        "divide" | "true_divide" => it.array_binop(BinOp::Div, &x, &y)?,
        "floor_divide" => it.array_binop(BinOp::FloorDiv, &x, &y)?,
        "mod" | "remainder" => it.array_binop(BinOp::Mod, &x, &y)?,
        "power" => it.array_binop(BinOp::Pow, &x, &y)?,
        "matmul" => it.matmul(&x, &y)?,
        "bitwise_and" => it.array_binop(BinOp::BitAnd, &x, &y)?,
        "bitwise_or" => it.array_binop(BinOp::BitOr, &x, &y)?,
        "bitwise_xor" => it.array_binop(BinOp::BitXor, &x, &y)?,
        "left_shift" | "bitwise_left_shift" => it.shift(&x, &y, super::ops::Shift::Left, "left_shift")?,
        "right_shift" | "bitwise_right_shift" => it.shift(&x, &y, super::ops::Shift::Right, "right_shift")?,
        "_shift_right_logical" => it.shift(&x, &y, super::ops::Shift::RightLogical, "shift_right_logical")?,
        "_shift_right_arithmetic" => it.shift(&x, &y, super::ops::Shift::RightArithmetic, "shift_right_arithmetic")?,
        "maximum" => it.binary(Prim::Max, &x, &y)?,
        "minimum" => it.binary(Prim::Min, &x, &y)?,
        "arctan2" | "atan2" => it.binary(Prim::Atan2, &x, &y)?,
        "equal" => it.binary(Prim::Eq, &x, &y)?,
        "not_equal" => it.binary(Prim::Ne, &x, &y)?,
        "less" => it.binary(Prim::Lt, &x, &y)?,
        "less_equal" => it.binary(Prim::Le, &x, &y)?,
        "greater" => it.binary(Prim::Gt, &x, &y)?,
        "greater_equal" => it.binary(Prim::Ge, &x, &y)?,
        "logical_and" | "logical_or" | "logical_xor" => {
            let x = it.cast(&x, DType::Bool)?;
            let y = it.cast(&y, DType::Bool)?;
            let p = match b.name.as_ref() {
                "logical_and" => Prim::And,
                "logical_or" => Prim::Or,
                _ => Prim::Xor,
            };
            it.binary(p, &x, &y)?
        }
        other => return Err(Diagnostic::new("RuntimeError", format!("internal error: no binary function {other}"))),
    };
    Ok(r)
}

fn n_where(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["condition", "x", "y"], "where")?;
    let c = arr(it, b, &need(&args, &kw, 0, "condition", "where")?)?;
    let (Some(x), Some(y)) = (arg(&args, &kw, 1, "x"), arg(&args, &kw, 2, "y")) else {
        if args.len() == 1 {
            let nz = Value::Builtin(Rc::new(Builtin { name: "nonzero".into(), f: n_nonzero, jax: b.jax, doc: "" }));
            return it.call(&nz, args, vec![]);
        }
        return Err(Diagnostic::new("TypeError", "where() needs either one argument or three (condition, x, y)"));
    };
    let x = arr(it, b, &x)?;
    let y = arr(it, b, &y)?;
    out(it.select(&c, &x, &y)?)
}

fn n_nonzero(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let a = arr(it, b, &need(&args, &kw, 0, "a", "nonzero")?)?;
    let coords = it.force(&a)?.nonzero();
    let d = default_of(1, b.jax);
    Ok(Value::tuple(coords.into_iter().map(|c| Value::Array(Array::host(HostArray::from_i64(&[c.len()], c).cast(d), b.jax))).collect()))
}

fn reduction(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (kw, out_v, where_v) = out_where(kw);
    let where_v = match where_v {
        Some(Value::Bool(true)) => None,
        w => w,
    };
    let takes_initial = matches!(b.name.as_ref(), "sum" | "prod" | "max" | "min" | "amax" | "amin");
    check_kw(&kw, if takes_initial { &["a", "axis", "keepdims", "dtype", "initial"] } else { &["a", "axis", "keepdims", "dtype"] }, &b.name)?;
    let initial = match kw.iter().find(|(k, _)| k.as_ref() == "initial").map(|(_, v)| v.clone()) {
        Some(Value::None) | None => None,
        Some(v) => Some(it.to_array(&v, b.jax)?),
    };
    let a = arr(it, b, &need(&args, &kw, 0, "a", &b.name)?)?;
    // where=: the masked-out elements become the reduction's identity (the initial value for
    // max and min, which have none), so they do not count.
    let (a, where_count) = match &where_v {
        None => (a, None),
        Some(w) => {
            let m = it.to_array(w, b.jax)?;
            let m = it.cast(&m, DType::Bool)?;
            let shape = ops::broadcast_shapes(a.shape(), m.shape())
                .filter(|s| s.as_slice() == a.shape())
                .ok_or_else(|| Diagnostic::new("ValueError", format!("{}: where= of shape {} does not broadcast to the array's shape {}", b.name, ops::shape_str(m.shape()), ops::shape_str(a.shape()))))?;
            let m = it.broadcast_to(&m, &shape)?;
            let fill = match b.name.as_ref() {
                "sum" | "mean" | "any" => Array::host(HostArray::scalar(Scalar::F64(0.0).cast(a.dtype())), a.jax()),
                "prod" | "all" => Array::host(HostArray::scalar(Scalar::F64(1.0).cast(a.dtype())), a.jax()),
                _ => match &initial {
                    Some(i) => it.cast(i, a.dtype())?,
                    None => {
                        let ufunc = if b.name.contains("max") { "maximum" } else { "minimum" };
                        return Err(Diagnostic::new("ValueError", format!("reduction operation '{ufunc}' does not have an identity, so to use a where mask one has to specify 'initial'"))
                            .with_help(format!("pass initial=, e.g. np.{}(a, where=mask, initial={})", b.name, if ufunc == "maximum" { "-np.inf" } else { "np.inf" })));
                    }
                },
            };
            let fill = it.broadcast_to(&fill, &shape)?;
            let count = if b.name.as_ref() == "mean" { Some(it.cast(&m, default_of(1, b.jax))?) } else { None };
            (it.prim_jax(Prim::Select, &[&m, &a, &fill], a.jax())?, count)
        }
    };
    let axis = arg(&args, &kw, 1, "axis").unwrap_or(Value::None);
    let (dt_pos, kd_pos) = match b.name.as_ref() {
        "sum" | "prod" | "mean" => (2, 4),
        _ => (99, 3),
    };
    let dtype = dtype_arg(&arg(&args, &kw, dt_pos, "dtype").unwrap_or(Value::None))?;
    let keepdims = match arg(&args, &kw, kd_pos, "keepdims") {
        Some(v) => it.truthy(&v)?,
        None => false,
    };
    let r = match b.name.as_ref() {
        "sum" => it.reduce("sum", &a, &axis, keepdims, dtype)?,
        "prod" => it.reduce("prod", &a, &axis, keepdims, dtype)?,
        "max" | "amax" | "min" | "amin" if a.numel() == 0 && initial.is_some() => {
            // An empty max or min with initial= is the initial value, in the reduced shape.
            let axes = it.axes_arg(&axis, a.ndim())?;
            let shape: Vec<usize> = (0..a.ndim()).filter_map(|i| if axes.contains(&i) { keepdims.then_some(1) } else { Some(a.shape()[i]) }).collect();
            let i = it.cast(initial.as_ref().unwrap_or(&a), a.dtype())?;
            it.broadcast_to(&i, &shape)?
        }
        "max" | "amax" => it.reduce("max", &a, &axis, keepdims, None)?,
        "min" | "amin" => it.reduce("min", &a, &axis, keepdims, None)?,
        "all" | "any" => {
            let x = it.cast(&a, DType::Bool)?;
            let x = it.cast(&x, DType::I32)?;
            let r = it.reduce(if b.name.as_ref() == "all" { "min" } else { "max" }, &x, &axis, keepdims, None);
            let r = match r {
                Ok(r) => r,
                Err(_) if a.numel() == 0 => {
                    // An empty all/any is its identity (True/False), in the reduced shape.
                    let axes = it.axes_arg(&axis, a.ndim())?;
                    let shape: Vec<usize> = (0..a.ndim()).filter_map(|i| if axes.contains(&i) { keepdims.then_some(1) } else { Some(a.shape()[i]) }).collect();
                    let s = Array::host(HostArray::scalar(Scalar::Bool(b.name.as_ref() == "all")), b.jax);
                    return out(it.broadcast_to(&s, &shape)?);
                }
                Err(e) => return Err(e),
            };
            it.cast(&r, DType::Bool)?
        }
        "mean" => {
            let axes = it.axes_arg(&axis, a.ndim())?;
            let count: usize = axes.iter().map(|&i| a.shape()[i]).product();
            // numpy averages float16 in float32 and rounds the mean once.
            let half = dtype.is_none() && a.dtype() == DType::F16;
            let d = match dtype {
                Some(d) => canonical(d, b.jax),
                None if half => DType::F32,
                None if a.dtype().is_float() => a.dtype(),
                None => default_float(b.jax),
            };
            let x = it.cast(&a, d)?;
            let s = it.reduce("sum", &x, &axis, keepdims, None)?;
            let n = match &where_count {
                Some(c) => {
                    let c = it.reduce("sum", c, &axis, keepdims, None)?;
                    it.cast(&c, d)?
                }
                None => {
                    let n = Array::host(HostArray::scalar(Scalar::F64(count as f64).cast(d)), b.jax);
                    it.broadcast_to(&n, &s.shape().to_vec())?
                }
            };
            let m = it.prim_jax(Prim::Div, &[&s, &n], b.jax || a.jax())?;
            if half {
                it.cast(&m, DType::F16)?
            } else {
                m
            }
        }
        other => return Err(Diagnostic::new("RuntimeError", format!("internal error: no reduction {other}"))),
    };
    // initial=: one more element of the reduction.
    let r = match initial {
        None => r,
        Some(i) => {
            let i = it.cast(&i, r.dtype())?;
            let i = it.broadcast_to(&i, &r.shape().to_vec())?;
            let p = match b.name.as_ref() {
                "sum" => Prim::Add,
                "prod" => Prim::Mul,
                "max" | "amax" => Prim::Max,
                _ => Prim::Min,
            };
            it.prim_jax(p, &[&r, &i], r.jax())?
        }
    };
    finish_out(it, b, r, out_v, None)
}

fn n_argmax(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["a", "axis", "keepdims", "out"], &b.name)?;
    let a = arr(it, b, &need(&args, &kw, 0, "a", &b.name)?)?;
    let axis = arg(&args, &kw, 1, "axis").unwrap_or(Value::None);
    let keepdims = match arg(&args, &kw, 3, "keepdims") {
        Some(v) => it.truthy(&v)?,
        None => false,
    };
    let r = it.arg_reduce(b.name.as_ref() == "argmax", &a, &axis, keepdims)?;
    finish_out(it, b, r, arg(&args, &kw, 2, "out"), None)
}

fn n_cumulative(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["a", "axis", "dtype"], &b.name)?;
    let a = arr(it, b, &need(&args, &kw, 0, "a", &b.name)?)?;
    let axis = arg(&args, &kw, 1, "axis").unwrap_or(Value::None);
    let dtype = dtype_arg(&arg(&args, &kw, 2, "dtype").unwrap_or(Value::None))?;
    let (x, ax) = match axis {
        Value::None => (it.reshape(&a, &[-1])?, 0),
        v => {
            let i = it.index_int(&v)?;
            (a.clone(), ops::norm_axis(i, a.ndim())?)
        }
    };
    let d = dtype.map(|d| canonical(d, b.jax)).unwrap_or(match x.dtype() {
        DType::Bool => default_of(1, b.jax),
        d if d.is_int() && d.size_bytes() < 8 => {
            if d.is_unsigned() {
                canonical(DType::U64, b.jax)
            } else {
                default_of(1, b.jax)
            }
        }
        d => d,
    });
    let x = it.cast(&x, d)?;
    let p = if b.name.as_ref() == "cumsum" { Prim::Cumsum { axis: ax, reverse: false } } else { Prim::Cumprod { axis: ax, reverse: false } };
    let jax = x.jax();
    out(it.prim_jax(p, &[&x], jax)?)
}

fn n_reshape(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["a", "shape", "newshape", "order", "copy"], "reshape")?;
    let a = arr(it, b, &need(&args, &kw, 0, "a", "reshape")?)?;
    let s = arg(&args, &kw, 1, "shape").or_else(|| arg(&[], &kw, 9, "newshape")).ok_or_else(|| Diagnostic::new("TypeError", "reshape() missing required argument 'shape'"))?;
    let spec = ints_arg(it, &s)?;
    let order = order_arg(arg(&args, &kw, 2, "order"), "reshape", false)?;
    reshape_in_order(it, &a, &spec, order)
}

/// `_reshape_order(a, shape, order)`: numpy's reshape and ravel in an index order: 'C' (last
/// index fastest), 'F' (first index fastest), 'A' ('F' for an array laid out in Fortran order
/// — a full transpose of an array owning its elements — else 'C') and, for ravel, 'K' (the
/// order of the elements in memory).
fn n_reshape_order(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let a = arr(it, b, &need(&args, &kw, 0, "a", "ravel")?)?;
    let spec = ints_arg(it, &need(&args, &kw, 1, "shape", "ravel")?)?;
    let order = order_arg(arg(&args, &kw, 2, "order"), "ravel", true)?;
    reshape_in_order(it, &a, &spec, order)
}

/// The `order` argument of reshape/ravel/flatten: 'C', 'F', 'A' or (for ravel) 'K'.
fn order_arg(v: Option<Value>, what: &str, allow_k: bool) -> Result<char> {
    match v {
        None | Some(Value::None) => Ok('C'),
        Some(Value::Str(s)) => match s.to_ascii_uppercase().as_str() {
            "C" => Ok('C'),
            "F" => Ok('F'),
            "A" => Ok('A'),
            "K" if allow_k => Ok('K'),
            "K" => Err(Diagnostic::new("ValueError", format!("order 'K' is not permitted for {}", if what == "reshape" { "reshaping" } else { what })).with_help("use order='C', 'F' or 'A'")),
            _ => Err(Diagnostic::new("ValueError", format!("order must be one of 'C', 'F', 'A'{} (got '{s}')", if allow_k { ", or 'K'" } else { "" }))),
        },
        Some(other) => Err(Diagnostic::new("TypeError", format!("order must be str, not {}", other.type_name()))),
    }
}

fn reshape_in_order(it: &mut Interp, a: &Array, spec: &[i64], order: char) -> Result<Value> {
    // The permutation that takes the array to its memory layout, when it is a transpose view of
    // an array that owns its elements (Slope's arrays are otherwise laid out in C order).
    fn c_contiguous(a: &Array) -> bool {
        match &a.0.view {
            None => true,
            Some((base, View::Reshape)) => c_contiguous(base),
            Some(_) => false,
        }
    }
    let layout_perm = match &a.0.view {
        Some((base, View::Transpose(perm))) if c_contiguous(base) && !a.jax() => Some(perm.clone()),
        _ => None,
    };
    let nd = a.ndim();
    let order = match order {
        'A' if layout_perm.as_ref().is_some_and(|p| nd > 1 && p.iter().copied().eq((0..nd).rev())) => 'F',
        'A' => 'C',
        'K' => match layout_perm {
            Some(perm) => {
                // Undo the transpose: the elements in the base's (memory) order.
                let mut inv = vec![0; perm.len()];
                for (i, &p) in perm.iter().enumerate() {
                    inv[p] = i;
                }
                let back = it.transpose(a, Some(inv))?;
                return out(it.reshape(&back, spec)?);
            }
            None => 'C',
        },
        o => o,
    };
    if order == 'C' || nd <= 1 && spec.len() <= 1 {
        let r = it.reshape(a, spec)?;
        return out(it.numpy_view(r, a, View::Reshape));
    }
    // Fortran order: reverse the axes, reshape to the reversed shape in C order, reverse back.
    let t = it.transpose(a, None)?;
    let rev: Vec<i64> = spec.iter().rev().copied().collect();
    let r = it.reshape(&t, &rev)?;
    out(it.transpose(&r, None)?)
}

fn n_transpose(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["a", "axes"], "transpose")?;
    let a = arr(it, b, &need(&args, &kw, 0, "a", "transpose")?)?;
    let perm = match arg(&args, &kw, 1, "axes") {
        None | Some(Value::None) => None,
        Some(v) => {
            let p = ints_arg(it, &v)?;
            let nd = a.ndim();
            let p: Vec<usize> = p.iter().map(|&i| ops::norm_axis(i, nd)).collect::<Result<_>>()?;
            let mut sorted = p.clone();
            sorted.sort_unstable();
            if sorted != (0..nd).collect::<Vec<_>>() {
                return Err(Diagnostic::new("ValueError", "axes don't match array: give each axis once"));
            }
            Some(p)
        }
    };
    let full = perm.clone().unwrap_or_else(|| (0..a.ndim()).rev().collect());
    let r = it.transpose(&a, perm)?;
    out(it.numpy_view(r, &a, View::Transpose(full)))
}

fn n_concatenate(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["arrays", "axis", "dtype"], "concatenate")?;
    let seq = need(&args, &kw, 0, "arrays", "concatenate")?;
    let items = it.iterate(&seq)?;
    if items.is_empty() {
        return Err(Diagnostic::new("ValueError", "need at least one array to concatenate"));
    }
    let mut arrays = Vec::new();
    for v in &items {
        arrays.push(arr(it, b, v)?);
    }
    let axis = arg(&args, &kw, 1, "axis").unwrap_or(Value::Int(0));
    if axis.is_none() {
        let mut flat = Vec::new();
        for a in &arrays {
            flat.push(it.reshape(a, &[-1])?);
        }
        arrays = flat;
    }
    let nd = arrays[0].ndim();
    if nd == 0 {
        return Err(Diagnostic::new("ValueError", "zero-dimensional arrays cannot be concatenated").with_help("use np.stack, or make them 1-d with np.atleast_1d / x.reshape(1)"));
    }
    let ax = ops::norm_axis(if axis.is_none() { 0 } else { it.index_int(&axis)? }, nd)?;
    // Promote to one dtype.
    let jax = b.jax || arrays.iter().any(|a| a.jax());
    let mut d = (arrays[0].dtype(), arrays[0].weak());
    for a in &arrays[1..] {
        d = ops::promote(d, (a.dtype(), a.weak()), jax);
    }
    let dtype = dtype_arg(&arg(&[], &kw, 9, "dtype").unwrap_or(Value::None))?.unwrap_or(d.0);
    let mut cast = Vec::new();
    for a in &arrays {
        if a.ndim() != nd {
            return Err(Diagnostic::new("ValueError", format!(
                "all the input arrays must have the same number of dimensions, but the array at index 0 has {nd} dimension(s) and another has {}",
                a.ndim()
            )));
        }
        for k in 0..nd {
            if k != ax && a.shape()[k] != arrays[0].shape()[k] {
                return Err(Diagnostic::new("ValueError", format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {k} the shapes are {} and {}",
                    ops::shape_str(arrays[0].shape()),
                    ops::shape_str(a.shape())
                )));
            }
        }
        cast.push(it.cast(a, dtype)?);
    }
    let refs: Vec<&Array> = cast.iter().collect();
    if refs.len() == 1 {
        return out(cast[0].with_flags(false, jax));
    }
    out(it.prim_jax(Prim::Concat { axis: ax }, &refs, jax)?)
}

fn n_matmul(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    n_binary(it, b, args, kw)
}

/// numpy's `dot`: matmul for ≤2-d, else a sum over the last axis of a and second-to-last of b.
fn n_dot(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["a", "b", "out"], "dot")?;
    let x = arr(it, b, &need(&args, &kw, 0, "a", "dot")?)?;
    let y = arr(it, b, &need(&args, &kw, 1, "b", "dot")?)?;
    if x.ndim() == 0 || y.ndim() == 0 {
        let r = it.binary(Prim::Mul, &x, &y)?;
        return finish_out(it, b, r, arg(&args, &kw, 2, "out"), None);
    }
    if x.ndim() <= 2 && y.ndim() <= 2 {
        let r = it.matmul(&x, &y)?;
        return finish_out(it, b, r, arg(&args, &kw, 2, "out"), None);
    }
    let jax = x.jax() || y.jax();
    let (d, _) = ops::promote((x.dtype(), x.weak()), (y.dtype(), y.weak()), jax);
    let xc = it.cast(&x, d)?;
    let yc = it.cast(&y, d)?;
    let (lc, rc) = (x.ndim() - 1, if y.ndim() >= 2 { y.ndim() - 2 } else { 0 });
    if x.shape()[lc] != y.shape()[rc] {
        return Err(Diagnostic::new("ValueError", format!("shapes {} and {} not aligned: {} (dim {lc}) != {} (dim {rc})", ops::shape_str(x.shape()), ops::shape_str(y.shape()), x.shape()[lc], y.shape()[rc])));
    }
    let r = it.prim_jax(Prim::DotGeneral { lhs_contract: vec![lc], rhs_contract: vec![rc], lhs_batch: vec![], rhs_batch: vec![] }, &[&xc, &yc], jax)?;
    finish_out(it, b, r, arg(&args, &kw, 2, "out"), None)
}

fn n_sort(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["a", "axis", "kind", "order", "stable", "descending"], &b.name)?;
    let a = arr(it, b, &need(&args, &kw, 0, "a", &b.name)?)?;
    let axis = arg(&args, &kw, 1, "axis").unwrap_or(Value::Int(-1));
    let (x, ax) = match axis {
        Value::None => (it.reshape(&a, &[-1])?, 0),
        v => {
            let i = it.index_int(&v)?;
            (a.clone(), ops::norm_axis(i, a.ndim().max(1))?)
        }
    };
    if x.ndim() == 0 {
        return Err(Diagnostic::new("AxisError", "sort of a 0-d array needs axis=None"));
    }
    let jax = x.jax();
    let p = if b.name.as_ref() == "sort" { Prim::Sort { axis: ax } } else { Prim::Argsort { axis: ax, index_dtype: default_of(1, b.jax) } };
    out(it.prim_jax(p, &[&x], jax)?)
}

fn n_astype(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let a = arr(it, b, &need(&args, &kw, 0, "x", "astype")?)?;
    let d = dtype_arg(&need(&args, &kw, 1, "dtype", "astype")?)?.ok_or_else(|| Diagnostic::new("TypeError", "astype needs a dtype"))?;
    out(it.cast(&a, canonical(d, b.jax))?.with_flags(false, b.jax || a.jax()))
}

fn n_broadcast_to(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let a = arr(it, b, &need(&args, &kw, 0, "array", "broadcast_to")?)?;
    let shape = shape_arg(it, &need(&args, &kw, 1, "shape", "broadcast_to")?)?;
    let r = it.broadcast_to(&a, &shape)?;
    out(r.with_flags(false, r.jax()))
}

/// An object's own `shape`/`ndim`/`size` attribute, as numpy's `np.shape(a)` etc. read it
/// first (`a.ndim`, then `asarray(a).ndim`): a user class that models an array answers itself.
fn own_attr(it: &mut Interp, v: &Value, name: &str) -> Result<Option<Value>> {
    if !matches!(v, Value::Object(_)) {
        return Ok(None);
    }
    match it.getattr(v, name) {
        Ok(x) => Ok(Some(x)),
        Err(e) if e.kind.as_ref() == "AttributeError" => Ok(None),
        Err(e) => Err(e),
    }
}

fn n_shape(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let v = need(&args, &kw, 0, "a", "shape")?;
    if let Some(s) = own_attr(it, &v, "shape")? {
        return Ok(s);
    }
    let a = arr(it, b, &v)?;
    Ok(Value::tuple(a.shape().iter().map(|&d| Value::Int(d as i64)).collect()))
}

fn n_ndim(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let v = need(&args, &kw, 0, "a", "ndim")?;
    if let Some(n) = own_attr(it, &v, "ndim")? {
        return Ok(n);
    }
    let a = arr(it, b, &v)?;
    Ok(Value::Int(a.ndim() as i64))
}

fn n_size(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["a", "axis"], "size")?;
    let v = need(&args, &kw, 0, "a", "size")?;
    let axis = arg(&args, &kw, 1, "axis").unwrap_or(Value::None);
    if matches!(axis, Value::None) {
        if let Some(n) = own_attr(it, &v, "size")? {
            return Ok(n);
        }
    }
    let a = arr(it, b, &v)?;
    if matches!(axis, Value::None) {
        return Ok(Value::Int(a.numel() as i64));
    }
    // The number of elements along an axis (or the product over a tuple of axes).
    let axes = ints_arg(it, &axis)?;
    let mut n = 1i64;
    for ax in axes {
        n *= a.shape()[ops::norm_axis(ax, a.ndim())?] as i64;
    }
    Ok(Value::Int(n))
}

fn n_dtype(_it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let d = dtype_arg(&need(&args, &kw, 0, "dtype", "dtype")?)?.unwrap_or(DType::F64);
    Ok(Value::DType(d, b.jax, false))
}

fn prim_param_usizes(it: &mut Interp, kw: &Kwargs, name: &str) -> Result<Vec<usize>> {
    let v = kw.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.clone()).ok_or_else(|| Diagnostic::new("TypeError", format!("_bind: missing parameter '{name}'")))?;
    Ok(ints_arg(it, &v)?.into_iter().map(|i| i.max(0) as usize).collect())
}

fn prim_param_usize(it: &mut Interp, kw: &Kwargs, name: &str) -> Result<usize> {
    let v = kw.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.clone()).ok_or_else(|| Diagnostic::new("TypeError", format!("_bind: missing parameter '{name}'")))?;
    Ok(it.index_int(&v)?.max(0) as usize)
}

/// `_bind(name, *arrays, **params)`: bind a primitive directly (for the standard library).
fn n_bind(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let Some(Value::Str(name)) = args.first() else {
        return Err(Diagnostic::new("TypeError", "_bind needs a primitive name"));
    };
    let mut arrays = Vec::new();
    for v in &args[1..] {
        arrays.push(arr(it, b, v)?);
    }
    let prim = match name.as_ref() {
        "rev" => Prim::Rev { axes: prim_param_usizes(it, &kw, "axes")? },
        "slice" => Prim::Slice { start: prim_param_usizes(it, &kw, "start")?, limit: prim_param_usizes(it, &kw, "limit")?, stride: prim_param_usizes(it, &kw, "stride")? },
        "pad" => Prim::Pad { lo: prim_param_usizes(it, &kw, "lo")?, hi: prim_param_usizes(it, &kw, "hi")?, interior: prim_param_usizes(it, &kw, "interior")? },
        "gather" => Prim::Gather { axis: prim_param_usize(it, &kw, "axis")? },
        "scatter_add" => Prim::Scatter { axis: prim_param_usize(it, &kw, "axis")?, mode: ScatterMode::Add },
        "scatter_set" => Prim::Scatter { axis: prim_param_usize(it, &kw, "axis")?, mode: ScatterMode::Set },
        "dot_general" => Prim::DotGeneral {
            lhs_contract: prim_param_usizes(it, &kw, "lhs_contract")?,
            rhs_contract: prim_param_usizes(it, &kw, "rhs_contract")?,
            lhs_batch: prim_param_usizes(it, &kw, "lhs_batch")?,
            rhs_batch: prim_param_usizes(it, &kw, "rhs_batch")?,
        },
        "broadcast_in_dim" => Prim::BroadcastInDim { shape: prim_param_usizes(it, &kw, "shape")?, dims: prim_param_usizes(it, &kw, "dims")? },
        "transpose" => Prim::Transpose { perm: prim_param_usizes(it, &kw, "perm")? },
        "reshape" => Prim::Reshape { shape: prim_param_usizes(it, &kw, "shape")? },
        "iota" => {
            let d = dtype_arg(&kw.iter().find(|(k, _)| k.as_ref() == "dtype").map(|(_, v)| v.clone()).unwrap_or(Value::None))?.unwrap_or(default_of(1, b.jax));
            Prim::Iota { shape: prim_param_usizes(it, &kw, "shape")?, axis: prim_param_usize(it, &kw, "axis")?, dtype: canonical(d, b.jax) }
        }
        other => return Err(Diagnostic::new("ValueError", format!("_bind: unknown primitive '{other}'"))),
    };
    let refs: Vec<&Array> = arrays.iter().collect();
    let jax = b.jax || arrays.iter().any(|a| a.jax());
    out(it.prim_jax(prim, &refs, jax)?)
}

/// `pad(array, pad_width, mode='constant', constant_values=0)`.
fn n_pad(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["array", "pad_width", "mode", "constant_values"], "pad")?;
    let a = arr(it, b, &need(&args, &kw, 0, "array", "pad")?)?;
    let pw = need(&args, &kw, 1, "pad_width", "pad")?;
    if let Some(Value::Str(m)) = arg(&args, &kw, 2, "mode") {
        if m.as_ref() != "constant" {
            return Err(Diagnostic::new("NotImplementedError", format!("pad mode '{m}' is not supported yet")).with_help("use mode='constant' (the default)"));
        }
    }
    let nd = a.ndim();
    // pad_width: n, (before, after), or ((b0, a0), (b1, a1), ...).
    let pairs: Vec<(usize, usize)> = match &pw {
        Value::Int(n) => vec![(*n as usize, *n as usize); nd],
        other => {
            let items = it.iterate(other)?;
            if items.iter().all(|v| matches!(v, Value::Int(_))) {
                let v: Vec<i64> = items.iter().map(|v| if let Value::Int(i) = v { *i } else { 0 }).collect();
                match v.len() {
                    1 => vec![(v[0] as usize, v[0] as usize); nd],
                    2 => vec![(v[0] as usize, v[1] as usize); nd],
                    _ => return Err(Diagnostic::new("ValueError", "pad_width must be an int, a pair, or one pair per dimension")),
                }
            } else {
                let mut out = Vec::new();
                for p in items {
                    let q = ints_arg(it, &p)?;
                    out.push(match q.len() {
                        1 => (q[0] as usize, q[0] as usize),
                        _ => (q[0] as usize, q[1] as usize),
                    });
                }
                if out.len() == 1 {
                    out = vec![out[0]; nd];
                }
                if out.len() != nd {
                    return Err(Diagnostic::new("ValueError", format!("pad_width has {} pairs for an array of dimension {nd}", out.len())));
                }
                out
            }
        }
    };
    let cv = arg(&args, &kw, 3, "constant_values").unwrap_or(Value::Int(0));
    let v = it.to_array(&cv, a.jax())?;
    let v = it.cast(&v, a.dtype())?;
    let jax = a.jax();
    let p = Prim::Pad { lo: pairs.iter().map(|p| p.0).collect(), hi: pairs.iter().map(|p| p.1).collect(), interior: vec![0; nd] };
    out(it.prim_jax(p, &[&a, &v], jax)?)
}

/// The native functions of numpy and jax.numpy.
type NativeEntry = (&'static str, NativeFn, &'static str);
pub const NATIVE: &[NativeEntry] = &[
    ("array", n_array, "array(object, dtype=None): an array from nested lists of numbers"),
    ("asarray", n_asarray, "asarray(a, dtype=None): convert to an array"),
    ("zeros", n_zeros, "zeros(shape, dtype=float)\nAn array of zeros of the given shape (an int or a tuple).\n\n>>> print(np.zeros((2, 3)))\n[[0. 0. 0.]\n [0. 0. 0.]]"),
    ("ones", n_ones, "ones(shape, dtype=float): an array of ones"),
    ("empty", n_zeros, "empty(shape, dtype=float): a new array (Slope fills it with zeros)"),
    ("full", n_full, "full(shape, fill_value, dtype=None): an array filled with a value"),
    ("zeros_like", n_zeros_like, "zeros_like(a, dtype=None)"),
    ("ones_like", n_ones_like, "ones_like(a, dtype=None)"),
    ("empty_like", n_zeros_like, "empty_like(a, dtype=None)"),
    ("full_like", n_full_like, "full_like(a, fill_value, dtype=None)"),
    ("arange", n_arange, "arange([start,] stop[, step], dtype=None)\nEvenly spaced values in [start, stop), by step.\n\n>>> print(np.arange(5), np.arange(1.0, 2.0, 0.25))\n[0 1 2 3 4] [1.   1.25 1.5  1.75]"),
    ("negative", n_unary, "negative(x): -x elementwise"),
    ("abs", n_unary, "abs(x): |x| elementwise"),
    ("absolute", n_unary, "absolute(x): |x| elementwise"),
    ("fabs", n_unary, "fabs(x): |x| elementwise"),
    ("sign", n_unary, "sign(x): -1, 0 or 1 elementwise"),
    ("floor", n_unary, "floor(x)"),
    ("ceil", n_unary, "ceil(x)"),
    ("rint", n_unary, "rint(x): round half to even"),
    ("exp", n_unary, "exp(x)\ne**x, elementwise.\n\n>>> print(np.exp(np.array([0.0, 1.0])))\n[1.         2.71828183]"),
    ("log", n_unary, "log(x)\nThe natural logarithm, elementwise (nan below 0, -inf at 0).\n\n>>> print(np.log(np.array([1.0, np.e])))\n[0. 1.]"),
    ("log1p", n_unary, "log1p(x): log(1 + x), accurate for small x"),
    ("expm1", n_unary, "expm1(x): exp(x) - 1, accurate for small x"),
    ("sqrt", n_unary, "sqrt(x)"),
    ("sin", n_unary, "sin(x)"),
    ("cos", n_unary, "cos(x)"),
    ("tan", n_unary, "tan(x)"),
    ("arcsin", n_unary, "arcsin(x)"),
    ("arccos", n_unary, "arccos(x)"),
    ("arctan", n_unary, "arctan(x)"),
    ("asin", n_unary, "asin(x)"),
    ("acos", n_unary, "acos(x)"),
    ("atan", n_unary, "atan(x)"),
    ("sinh", n_unary, "sinh(x)"),
    ("cosh", n_unary, "cosh(x)"),
    ("tanh", n_unary, "tanh(x)\nThe hyperbolic tangent, elementwise: (e**x - e**-x) / (e**x + e**-x), in (-1, 1). Its derivative is 1 - tanh(x)**2.\n\n>>> print(np.tanh(np.array([0.0, 0.5])))\n[0.         0.46211716]"),
    ("invert", n_unary, "invert(x): bitwise/logical not"),
    ("bitwise_not", n_unary, "bitwise_not(x)"),
    ("add", n_binary, "add(x1, x2)"),
    ("subtract", n_binary, "subtract(x1, x2)"),
    ("multiply", n_binary, "multiply(x1, x2)"),
    ("divide", n_binary, "divide(x1, x2): true division"),
    ("true_divide", n_binary, "true_divide(x1, x2)"),
    ("floor_divide", n_binary, "floor_divide(x1, x2): x1 // x2"),
    ("mod", n_binary, "mod(x1, x2): x1 % x2 with the sign of x2"),
    ("remainder", n_binary, "remainder(x1, x2)"),
    ("power", n_binary, "power(x1, x2): x1 ** x2"),
    ("maximum", n_binary, "maximum(x1, x2): elementwise maximum"),
    ("minimum", n_binary, "minimum(x1, x2): elementwise minimum"),
    ("arctan2", n_binary, "arctan2(y, x)"),
    ("atan2", n_binary, "atan2(y, x)"),
    ("equal", n_binary, "equal(x1, x2)"),
    ("not_equal", n_binary, "not_equal(x1, x2)"),
    ("less", n_binary, "less(x1, x2)"),
    ("less_equal", n_binary, "less_equal(x1, x2)"),
    ("greater", n_binary, "greater(x1, x2)"),
    ("greater_equal", n_binary, "greater_equal(x1, x2)"),
    ("logical_and", n_binary, "logical_and(x1, x2)"),
    ("logical_or", n_binary, "logical_or(x1, x2)"),
    ("logical_xor", n_binary, "logical_xor(x1, x2)"),
    ("bitwise_and", n_binary, "bitwise_and(x1, x2)"),
    ("left_shift", n_binary, "left_shift(x1, x2): x1 << x2 elementwise on integers (numpy's and XLA's shift: bits shifted past the width are lost, a count outside [0, bits) gives 0).\n\n>>> print(np.left_shift(np.array([1, 3, -2], dtype=np.int8), 3))\n[  8  24 -16]"),
    ("bitwise_left_shift", n_binary, "bitwise_left_shift(x1, x2): the array API's name of left_shift."),
    ("right_shift", n_binary, "right_shift(x1, x2): x1 >> x2 elementwise on integers: arithmetic (sign-filling) for signed dtypes, logical for unsigned; a count outside [0, bits) gives 0, or -1 for negative x1.\n\n>>> print(np.right_shift(np.array([-16, 16, 7]), 2))\n[-4  4  1]"),
    ("bitwise_right_shift", n_binary, "bitwise_right_shift(x1, x2): the array API's name of right_shift."),
    ("_shift_right_logical", n_binary, "_shift_right_logical(x1, x2): lax.shift_right_logical (standard library use)"),
    ("_shift_right_arithmetic", n_binary, "_shift_right_arithmetic(x1, x2): lax.shift_right_arithmetic (standard library use)"),
    ("bitwise_or", n_binary, "bitwise_or(x1, x2)"),
    ("bitwise_xor", n_binary, "bitwise_xor(x1, x2)"),
    ("matmul", n_matmul, "matmul(a, b): the @ operator"),
    ("dot", n_dot, "dot(a, b): dot product"),
    ("where", n_where, "where(condition, x, y)\nx where condition holds, else y, elementwise with broadcasting. Under grad, the branch not taken gets an exactly zero gradient, even where its derivative is inf or nan.\n\n>>> print(np.where(np.array([1, -1, 2]) > 0, 1.0, -1.0))\n[ 1. -1.  1.]"),
    ("nonzero", n_nonzero, "nonzero(a): the indices of nonzero elements, one array per dimension"),
    ("sum", reduction, "sum(a, axis=None, dtype=None, keepdims=False)\nThe sum of the elements of a: over all of them (axis=None), or along an axis or a tuple of axes, which are removed from the shape (kept with length 1 when keepdims=True). Ints and bools sum to the default int dtype.\n\n>>> print(np.sum([[1, 2], [3, 4]], axis=0), np.sum([[1, 2], [3, 4]]))\n[4 6] 10"),
    ("prod", reduction, "prod(a, axis=None, dtype=None, keepdims=False)"),
    ("mean", reduction, "mean(a, axis=None, dtype=None, keepdims=False)\nThe arithmetic mean of the elements of a, over all of them or along axis (see sum); ints average to float.\n\n>>> print(np.mean([[1, 2], [3, 4]], axis=1))\n[1.5 3.5]"),
    ("max", reduction, "max(a, axis=None, keepdims=False)"),
    ("min", reduction, "min(a, axis=None, keepdims=False)"),
    ("amax", reduction, "amax(a, axis=None, keepdims=False)"),
    ("amin", reduction, "amin(a, axis=None, keepdims=False)"),
    ("all", reduction, "all(a, axis=None, keepdims=False)"),
    ("any", reduction, "any(a, axis=None, keepdims=False)"),
    ("argmax", n_argmax, "argmax(a, axis=None)"),
    ("argmin", n_argmax, "argmin(a, axis=None)"),
    ("cumsum", n_cumulative, "cumsum(a, axis=None, dtype=None)"),
    ("cumprod", n_cumulative, "cumprod(a, axis=None, dtype=None)"),
    ("reshape", n_reshape, "reshape(a, shape, order='C')"),
    ("_reshape_order", n_reshape_order, "_reshape_order(a, shape, order)\nreshape/ravel in index order 'C', 'F', 'A' or 'K'."),
    ("transpose", n_transpose, "transpose(a, axes=None)"),
    ("concatenate", n_concatenate, "concatenate(arrays, axis=0)"),
    ("sort", n_sort, "sort(a, axis=-1)"),
    ("argsort", n_sort, "argsort(a, axis=-1)"),
    ("astype", n_astype, "astype(x, dtype)"),
    ("broadcast_to", n_broadcast_to, "broadcast_to(array, shape)"),
    ("pad", n_pad, "pad(array, pad_width, mode='constant', constant_values=0)"),
    ("shape", n_shape, "shape(a)"),
    ("ndim", n_ndim, "ndim(a)"),
    ("size", n_size, "size(a, axis=None)"),
    ("dtype", n_dtype, "dtype(name)"),
    ("_bind", n_bind, "_bind(prim, *arrays, **params): bind a primitive (standard library use)"),
    ("_printoptions", n_printoptions, "_printoptions(**options): set print options, return the previous ones as a dict (standard library use)"),
    ("_jax_flag", n_jax_flag, "_jax_flag(name[, value]): read or set one of the JAX flags Slope honours (jax_enable_x64, jax_debug_nans, jax_debug_infs, jax_disable_jit; standard library use)"),
    ("_closest", n_closest, "_closest(name, names): the entry of names nearest to name (a misspelling), or None (standard library use)"),
];

/// `_jax_flag(name)` / `_jax_flag(name, value)`: read or set a flag of `ops::JaxFlags`.
fn n_jax_flag(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let name = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(Diagnostic::new("TypeError", "_jax_flag(name[, value]): name must be a str")),
    };
    let mut f = super::ops::jax_flags();
    let slot = match name.as_str() {
        "jax_enable_x64" => &mut f.x64,
        "jax_debug_nans" => &mut f.debug_nans,
        "jax_debug_infs" => &mut f.debug_infs,
        "jax_disable_jit" => &mut f.disable_jit,
        other => return Err(Diagnostic::new("ValueError", format!("_jax_flag: no flag {other}"))),
    };
    let old = *slot;
    if let Some(v) = args.get(1) {
        *slot = match v {
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::None => false,
            _ => return Err(Diagnostic::new("TypeError", format!("{name} takes a bool"))),
        };
        if name == "jax_enable_x64" && f.x64 != old {
            // Traces made under the other setting have the other default dtypes.
            it.jax_cache.traces.clear();
            it.jax_cache.vjps.clear();
            it.jax_cache.funcs.clear();
        }
        super::ops::set_jax_flags(f);
    }
    Ok(Value::Bool(old))
}

/// `_closest(name, names)`: `interp::closest` for the standard library's error messages.
fn n_closest(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let (Some(Value::Str(name)), Some(names)) = (args.first(), args.get(1)) else {
        return Err(Diagnostic::new("TypeError", "_closest(name, names)"));
    };
    let names: Vec<String> = match names {
        Value::List(l) => l.borrow().iter().filter_map(|v| if let Value::Str(s) = v { Some(s.to_string()) } else { None }).collect(),
        Value::Tuple(t) => t.iter().filter_map(|v| if let Value::Str(s) = v { Some(s.to_string()) } else { None }).collect(),
        _ => return Err(Diagnostic::new("TypeError", "_closest: names must be a list of str")),
    };
    Ok(match super::closest(name, names.iter().map(|s| s.as_str())) {
        Some(s) => Value::str(&s),
        None => Value::None,
    })
}

/// `_printoptions(precision=, threshold=, edgeitems=, linewidth=, suppress=)`: set the given
/// print options (`array::format`'s, read by every `str`/`repr` of an array) and return the
/// previous ones as a dict, for `np.set_printoptions`, `get_printoptions` and `printoptions`.
fn n_printoptions(_it: &mut Interp, _b: &Builtin, _args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    use crate::array::format;
    let old = format::print_options();
    let mut o = old.clone();
    for (k, v) in &kw {
        let n = match v {
            Value::Bool(b) => *b as i64,
            Value::Int(i) => *i,
            Value::Float(f) if k.as_ref() == "threshold" && f.is_infinite() => i64::MAX,
            _ => return Err(Diagnostic::new("TypeError", format!("print option '{k}' must be an int (or a bool for suppress)"))),
        };
        if n < 0 {
            return Err(Diagnostic::new("ValueError", format!("print option '{k}' must be non-negative")));
        }
        let u = n as usize;
        match k.as_ref() {
            "precision" => o.precision = u,
            "threshold" => o.threshold = u,
            "edgeitems" => o.edgeitems = u,
            "linewidth" => o.linewidth = u,
            "suppress" => o.suppress = n != 0,
            other => return Err(Diagnostic::new("TypeError", format!("unknown print option '{other}'"))),
        }
    }
    format::set_print_options(o);
    let mut d = Dict::default();
    for (k, v) in [
        ("edgeitems", Value::Int(old.edgeitems as i64)),
        ("threshold", Value::Int(old.threshold.min(i64::MAX as usize) as i64)),
        ("linewidth", Value::Int(old.linewidth as i64)),
        ("precision", Value::Int(old.precision as i64)),
        ("suppress", Value::Bool(old.suppress)),
    ] {
        d.insert(Value::str(k), Key::Str(k.into()), v);
    }
    Ok(Value::dict(d))
}

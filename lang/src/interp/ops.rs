//! Array operations as numpy and JAX define them, lowered to primitives: dtype promotion (numpy's
//! rules under `np`, JAX's weak types under `jnp`), broadcasting, elementwise operators,
//! reductions with `axis`/`keepdims`, matmul, and indexing (basic, advanced and boolean).

use super::array::{Array, View};
use super::value::Value;
use super::Interp;
use crate::array::{DType, HostArray, Scalar};
use crate::diag::{Diagnostic, Result};
use crate::prim::{Prim, ScatterMode};
use smallvec::SmallVec;
use std::rc::Rc;

fn category(d: DType) -> u8 {
    if d == DType::Bool {
        0
    } else if d.is_int() {
        1
    } else {
        2
    }
}

/// JAX's flags that change what Slope computes (`jax.config.update`, set through the native
/// `_jax_flag`): one set per thread, as JAX has one per process. `x64` is `jax_enable_x64`
/// (read from `JAX_ENABLE_X64` when a session starts), `debug_nans` is `jax_debug_nans` (a sync
/// whose results hold a NaN finds the first primitive that made one and raises
/// FloatingPointError), `disable_jit` is `jax_disable_jit` (`jit` calls the function).
#[derive(Clone, Copy, Default, Debug)]
pub struct JaxFlags {
    pub x64: bool,
    pub debug_nans: bool,
    pub debug_infs: bool,
    pub disable_jit: bool,
}

thread_local! {
    static JAX_FLAGS: std::cell::Cell<JaxFlags> = const { std::cell::Cell::new(JaxFlags { x64: false, debug_nans: false, debug_infs: false, disable_jit: false }) };
}

pub fn jax_flags() -> JaxFlags {
    JAX_FLAGS.with(|f| f.get())
}

pub fn set_jax_flags(f: JaxFlags) {
    JAX_FLAGS.with(|c| c.set(f));
}

/// What JAX prints when `jax_debug_nans` finds a NaN in the outputs of a jitted function.
pub(crate) const DEOPT_NOTE: &str = "Invalid nan value encountered in the output of a jax.jit function. Calling the de-optimized version.\n";

/// Whether `jax_enable_x64` is on: jax.numpy then has numpy's 64-bit defaults.
pub fn x64() -> bool {
    jax_flags().x64
}

/// The default dtype of a category: numpy's 64-bit or JAX's 32-bit (64-bit under x64).
pub fn default_of(cat: u8, jax: bool) -> DType {
    let jax = jax && !x64();
    match (cat, jax) {
        (0, _) => DType::Bool,
        (1, false) => DType::I64,
        (1, true) => DType::I32,
        (_, false) => DType::F64,
        (_, true) => DType::F32,
    }
}

pub fn default_float(jax: bool) -> DType {
    default_of(2, jax)
}

/// JAX without x64 has no 64-bit types.
pub fn canonical(d: DType, jax: bool) -> DType {
    if !jax || x64() {
        return d;
    }
    match d {
        DType::I64 => DType::I32,
        DType::U64 => DType::U32,
        DType::F64 => DType::F32,
        d => d,
    }
}

fn signed_of_bytes(n: usize) -> DType {
    match n {
        1 => DType::I8,
        2 => DType::I16,
        4 => DType::I32,
        _ => DType::I64,
    }
}

/// The promotion of two (canonical) dtypes of the same or different kinds, both strong: numpy
/// 2's table (`np.promote_types`), or JAX's lattice (ints with any float give that float;
/// mixed signedness stops at int32).
fn promote_strong(da: DType, db: DType, jax: bool) -> DType {
    if da == db || db == DType::Bool {
        return da;
    }
    if da == DType::Bool {
        return db;
    }
    let (sa, sb) = (da.size_bytes(), db.size_bytes());
    match (da.is_float(), db.is_float()) {
        (true, true) => return if sa >= sb { da } else { db },
        (true, false) | (false, true) => {
            let (f, i) = if da.is_float() { (da, db) } else { (db, da) };
            if jax {
                return f;
            }
            // numpy: the float must hold every value of the int.
            let need = match i.size_bytes() {
                1 => DType::F16,
                2 => DType::F32,
                _ => DType::F64,
            };
            return if need.size_bytes() > f.size_bytes() { need } else { f };
        }
        (false, false) => {}
    }
    if da.is_unsigned() == db.is_unsigned() {
        return if sa >= sb { da } else { db };
    }
    let (s, u) = if da.is_unsigned() { (db, da) } else { (da, db) };
    if s.size_bytes() > u.size_bytes() {
        s
    } else if jax && !x64() {
        signed_of_bytes((2 * u.size_bytes()).min(4))
    } else if jax && u.size_bytes() == 8 {
        // JAX's lattice: uint64 with a signed int joins at the (weak) default float.
        DType::F64
    } else if u.size_bytes() < 8 {
        signed_of_bytes(2 * u.size_bytes())
    } else {
        DType::F64
    }
}

/// The result dtype (and weakness) of combining two operands.
pub fn promote(a: (DType, bool), b: (DType, bool), jax: bool) -> (DType, bool) {
    let (da, wa) = (canonical(a.0, jax), a.1);
    let (db, wb) = (canonical(b.0, jax), b.1);
    match (wa, wb) {
        (true, true) => (default_of(category(da).max(category(db)), jax), true),
        (false, true) | (true, false) => {
            let (s, w) = if wa { (db, da) } else { (da, db) };
            if category(w) <= category(s) {
                (s, false)
            } else {
                (default_of(category(w), jax), false)
            }
        }
        (false, false) => (promote_strong(da, db, jax), false),
    }
}

/// numpy's broadcast of two shapes.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Option<SmallVec<[usize; 4]>> {
    let n = a.len().max(b.len());
    let mut out = SmallVec::from_elem(0, n);
    for i in 0..n {
        let da = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let db = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        out[i] = if da == db || db == 1 {
            da
        } else if da == 1 {
            db
        } else {
            return None;
        };
    }
    Some(out)
}

pub fn shape_str(s: &[usize]) -> String {
    if s.len() == 1 {
        format!("({},)", s[0])
    } else {
        format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "))
    }
}

/// Normalise a possibly negative axis.
pub fn norm_axis(axis: i64, ndim: usize) -> Result<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n.max(if ndim == 0 { 1 } else { 0 }) || (ndim == 0 && axis != 0 && axis != -1) {
        return Err(Diagnostic::new("AxisError", format!("axis {axis} is out of bounds for array of dimension {ndim}"))
            .with_help(format!("use an axis between {} and {}", -n, n - 1)));
    }
    Ok(if axis < 0 { (axis + n) as usize } else { axis as usize })
}

/// How an `x.at[i]` update combines.
#[derive(Clone, Copy)]
pub enum Update {
    Set,
    Add,
    Mul,
    Min,
    Max,
}

/// One item of a normalised index.
enum IndexItem {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
    /// An integer index array.
    Array(Array),
}

/// Which shift `Interp::shift` computes: `<<`, numpy's `>>` (arithmetic for signed dtypes,
/// logical for unsigned), or one of lax's right shifts whatever the signedness.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shift {
    Left,
    Right,
    RightArithmetic,
    RightLogical,
}

impl Interp {
    /// Bind a single-output primitive.
    pub(crate) fn prim(&mut self, prim: Prim, args: &[&Array]) -> Result<Array> {
        let jax = args.iter().any(|a| a.jax());
        self.prim_jax(prim, args, jax)
    }

    pub(crate) fn prim_jax(&mut self, prim: Prim, args: &[&Array], jax: bool) -> Result<Array> {
        self.prim_flags(prim, args, false, jax)
    }

    /// Bind a primitive and return its first output, with the given flags.
    pub(crate) fn prim_flags(&mut self, prim: Prim, args: &[&Array], weak: bool, jax: bool) -> Result<Array> {
        for a in args {
            self.check_live(a)?;
        }
        let name = if jax && (jax_flags().debug_nans || jax_flags().debug_infs) { Some(prim.name()) } else { None };
        match self.cur().bind_first(prim, args, weak, jax)? {
            Some(out) => {
                if let Some(name) = name {
                    self.debug_check(name, std::slice::from_ref(&out))?;
                }
                Ok(out)
            }
            None => Err(Diagnostic::new("RuntimeError", "internal error: a primitive without outputs was used as a value")),
        }
    }

    /// `jax_debug_nans`/`jax_debug_infs`: outside any transformation, a JAX primitive's float
    /// result is computed at once, and a NaN (an infinity) in it is JAX's FloatingPointError
    /// naming the primitive. Inside a trace the check waits for the outputs of `jit` (there
    /// JAX reruns the function op by op; `call_jit` does the same).
    pub(crate) fn debug_check(&mut self, name: &str, outs: &[Array]) -> Result<()> {
        if !self.traces.is_empty() {
            return Ok(());
        }
        let f = jax_flags();
        for o in outs {
            if !o.dtype().is_float() {
                continue;
            }
            let h = self.force(o)?;
            let v = h.to_f64_vec();
            let what = if f.debug_nans && v.iter().any(|x| x.is_nan()) {
                "invalid value (nan)"
            } else if f.debug_infs && v.iter().any(|x| x.is_infinite()) {
                "invalid value (inf)"
            } else {
                continue;
            };
            // JAX runs an eager primitive as a jitted function and prints this (to stdout) first.
            self.write(super::StreamKind::Stdout, DEOPT_NOTE);
            return Err(Diagnostic::new("FloatingPointError", format!("{what} encountered in {name}"))
                .with_help("jax_debug_nans/jax_debug_infs are on: find where the value leaves the function's domain (jax.config.update(\"jax_debug_nans\", False) turns the check off)"));
        }
        Ok(())
    }

    /// Bind a primitive into the innermost active stage (a trace, or the cell's pending graph).
    pub(crate) fn bind(&mut self, prim: Prim, args: &[&Array], jax: bool) -> Result<Vec<Array>> {
        for a in args {
            self.check_live(a)?;
        }
        let name = if jax && (jax_flags().debug_nans || jax_flags().debug_infs) { Some(prim.name()) } else { None };
        if self.traces.is_empty() && prim.has_host_call() {
            // Runs at the call, as `inline_func` runs a function holding a host callback.
            self.sync()?;
            let outs = self.cur().bind(prim, args, jax)?;
            self.sync()?;
            return Ok(outs);
        }
        let outs = self.cur().bind(prim, args, jax)?;
        if let Some(name) = name {
            self.debug_check(name, &outs)?;
        }
        Ok(outs)
    }

    /// Convert any array-like value to an array: Python scalars become weak 0-d arrays.
    pub fn to_array(&mut self, v: &Value, jax: bool) -> Result<Array> {
        Ok(match v {
            Value::Array(a) => a.clone(),
            Value::Bool(b) => Array::weak_host(HostArray::scalar(Scalar::Bool(*b)), jax),
            Value::Int(i) => {
                if jax && !x64() {
                    Array::weak_host(HostArray::scalar(Scalar::I32(*i as i32)), jax)
                } else {
                    Array::weak_host(HostArray::scalar(Scalar::I64(*i)), jax)
                }
            }
            Value::Float(f) => {
                if jax && !x64() {
                    Array::weak_host(HostArray::scalar(Scalar::F32(*f as f32)), jax)
                } else {
                    Array::weak_host(HostArray::scalar(Scalar::F64(*f)), jax)
                }
            }
            Value::List(_) | Value::Tuple(_) | Value::Range(..) => self.array_from_value(v, None, jax)?,
            other => {
                return Err(Diagnostic::new("TypeError", format!("expected an array or a number, got {}", other.type_name()))
                    .with_help("pass a number, a list of numbers or an array"))
            }
        })
    }

    /// `np.array(value, dtype)`: nested lists/tuples of numbers and arrays.
    pub(crate) fn array_from_value(&mut self, v: &Value, dtype: Option<DType>, jax: bool) -> Result<Array> {
        if let Value::Array(a) = v {
            let d = canonical(dtype.unwrap_or(a.dtype()), jax);
            let a = self.cast(a, d)?;
            return Ok(a.with_flags(false, jax));
        }
        // Collect leaves and the shape.
        let mut shape = Vec::new();
        let mut leaves = Vec::new();
        let mut has_array = false;
        flatten_nested(v, 0, &mut shape, &mut leaves, &mut has_array)?;
        let mut cat = 0u8;
        let mut strong: Option<DType> = None;
        for l in &leaves {
            match l {
                Value::Bool(_) => {}
                Value::Int(_) => cat = cat.max(1),
                Value::Float(_) => cat = cat.max(2),
                Value::Array(a) => strong = Some(strong.map_or(a.dtype(), |s| promote((s, false), (a.dtype(), false), jax).0)),
                _ => unreachable_leaf()?,
            }
        }
        let inferred = match strong {
            Some(s) => promote((s, false), (default_of(cat, jax), true), jax).0,
            // No elements at all (`np.array([])`): numpy's default float.
            None if leaves.is_empty() => default_of(2, jax),
            None => default_of(cat, jax),
        };
        let d = canonical(dtype.unwrap_or(inferred), jax);
        if !has_array {
            let mut scalars = Vec::with_capacity(leaves.len());
            for l in &leaves {
                scalars.push(match l {
                    Value::Bool(b) => Scalar::Bool(*b),
                    Value::Int(i) => Scalar::I64(*i),
                    Value::Float(f) => Scalar::F64(*f),
                    _ => Scalar::F64(0.0),
                });
            }
            if !jax && d.is_int() {
                let (lo, hi) = d.int_range().unwrap_or((0, 0));
                for l in &leaves {
                    if let Value::Int(i) = l {
                        if (*i as i128) < lo || (*i as i128) > hi {
                            return Err(Diagnostic::new("OverflowError", format!("Python integer {i} out of bounds for {d}"))
                                .with_help(format!("{d} holds {lo} to {hi}; pass a wider dtype, or wrap explicitly with np.array(x).astype(np.{d})")));
                        }
                    }
                }
            }
            let h = HostArray::from_scalars(&shape, d, &scalars);
            super::array::check_size(&crate::ir::Type::new(&shape, d))?;
            return Ok(Array::host(h, jax));
        }
        // Some leaves are arrays (maybe staged): build with reshape + concat.
        let mut parts = Vec::new();
        for l in &leaves {
            let a = self.to_array(l, jax)?;
            let a = self.cast(&a, d)?;
            let n = a.numel();
            let a = self.prim(Prim::Reshape { shape: vec![n] }, &[&a])?;
            parts.push(a);
        }
        let refs: Vec<&Array> = parts.iter().collect();
        let flat = if refs.is_empty() {
            Array::host(HostArray::zeros(&[0], d), jax)
        } else {
            self.prim_jax(Prim::Concat { axis: 0 }, &refs, jax)?
        };
        let out = self.prim_jax(Prim::Reshape { shape }, &[&flat], jax)?;
        Ok(out)
    }

    pub(crate) fn cast(&mut self, a: &Array, d: DType) -> Result<Array> {
        if a.dtype() == d {
            return Ok(a.clone());
        }
        if a.jax() && a.dtype().is_float() && d.is_int() {
            return self.jax_float_to_int(a, d);
        }
        if let Some(h) = (a.numel() <= 1).then(|| a.try_host()).flatten() {
            return Ok(Array::host(h.cast(d), a.jax()).with_flags(a.weak(), a.jax()));
        }
        self.prim_flags(Prim::Cast { dtype: d }, &[a], a.weak(), a.jax())
    }

    /// JAX's float-to-int conversion (XLA's `convert_element_type`): truncation saturating at
    /// the int's range, NaN to 0, built around the `Cast` primitive (numpy's x86 conversion).
    fn jax_float_to_int(&mut self, a: &Array, d: DType) -> Result<Array> {
        let (weak, jax) = (a.weak(), true);
        let x = if a.dtype() == DType::F16 { self.prim_flags(Prim::Cast { dtype: DType::F32 }, &[a], false, jax)? } else { a.clone() };
        let (lo, hi) = d.int_range().unwrap_or((0, 0));
        let konst = |it: &mut Interp, s: Scalar, like: &Array| -> Result<Array> {
            let c = Array::host(HostArray::scalar(s), jax);
            it.broadcast_to(&c, like.shape())
        };
        let y = self.prim_flags(Prim::Cast { dtype: d }, &[&x], false, jax)?;
        // Above the range (x >= hi + 1, a power of two), below it (x <= lo - 1), and NaN.
        let fd = x.dtype();
        let top = konst(self, Scalar::F64((hi + 1) as f64).cast(fd), &x)?;
        let bottom = konst(self, Scalar::F64((lo - 1) as f64).cast(fd), &x)?;
        let vmax = konst(self, if d == DType::U64 { Scalar::U64(u64::MAX) } else { Scalar::I64(hi as i64).cast(d) }, &y)?;
        let vmin = konst(self, Scalar::I64(lo as i64).cast(d), &y)?;
        let zero = konst(self, Scalar::I64(0).cast(d), &y)?;
        let over = self.prim_flags(Prim::Ge, &[&x, &top], false, jax)?;
        let under = self.prim_flags(Prim::Le, &[&x, &bottom], false, jax)?;
        let nan = self.prim_flags(Prim::Ne, &[&x, &x], false, jax)?;
        let y = self.prim_flags(Prim::Select, &[&over, &vmax, &y], false, jax)?;
        let y = self.prim_flags(Prim::Select, &[&under, &vmin, &y], false, jax)?;
        self.prim_flags(Prim::Select, &[&nan, &zero, &y], weak, jax)
    }

    pub(crate) fn broadcast_to(&mut self, a: &Array, shape: &[usize]) -> Result<Array> {
        if a.shape() == shape {
            return Ok(a.clone());
        }
        let nd = shape.len();
        let ad = a.ndim();
        if ad > nd {
            return Err(Diagnostic::new("ValueError", format!("cannot broadcast an array of shape {} to shape {}", shape_str(a.shape()), shape_str(shape))));
        }
        // Drop size-1 dims that must grow, then broadcast_in_dim.
        let mut keep_shape = Vec::new();
        let mut dims = Vec::new();
        for (i, &d) in a.shape().iter().enumerate() {
            let o = nd - ad + i;
            if d == shape[o] {
                keep_shape.push(d);
                dims.push(o);
            } else if d != 1 {
                return Err(Diagnostic::new("ValueError", format!("cannot broadcast an array of shape {} to shape {}", shape_str(a.shape()), shape_str(shape))));
            }
        }
        let a2 = if keep_shape.len() != ad { self.prim_jax(Prim::Reshape { shape: keep_shape }, &[a], a.jax())? } else { a.clone() };
        self.prim_flags(Prim::BroadcastInDim { shape: shape.to_vec(), dims }, &[&a2], a.weak(), a.jax())
    }

    /// Promote and broadcast two operands to one dtype and shape.
    pub(crate) fn coerce2(&mut self, a: &Array, b: &Array, what: &str) -> Result<(Array, Array, bool)> {
        let jax = a.jax() || b.jax();
        let (d, weak) = promote((a.dtype(), a.weak()), (b.dtype(), b.weak()), jax);
        let shape = broadcast_shapes(a.shape(), b.shape()).ok_or_else(|| {
            Diagnostic::new("ValueError", format!("operands could not be broadcast together with shapes {} {}", shape_str(a.shape()), shape_str(b.shape())))
                .with_help(format!("{what} needs shapes that are equal or 1 in each trailing dimension; reshape one operand (e.g. x[:, None]) or transpose it"))
        })?;
        // NEP 50: a Python int meets an integer array in that array's dtype, and must fit it.
        if !jax && d.is_int() {
            for x in [a, b] {
                if let Some(v) = x.weak().then(|| x.try_host()).flatten().filter(|h| h.len() == 1).and_then(|h| h.get(0).to_i128()) {
                    let (lo, hi) = d.int_range().unwrap_or((0, 0));
                    if v < lo || v > hi {
                        return Err(Diagnostic::new("OverflowError", format!("Python integer {v} out of bounds for {d}"))
                            .with_help(format!("the Python int takes the array's dtype {d}; make it an array of a wider dtype first (np.asarray(x, dtype=np.int64))")));
                    }
                }
            }
        }
        let a = self.cast(a, d)?;
        let b = self.cast(b, d)?;
        let a = self.broadcast_to(&a, &shape)?;
        let b = self.broadcast_to(&b, &shape)?;
        Ok((a, b, weak))
    }

    /// `a << n` / `a >> n` with numpy's and XLA's meaning, bit for bit, written over the
    /// existing primitives (so jit, vmap and every backend run it): `x << n` is `x * 2^n`
    /// (wrapping, 2^n gathered from a table of the dtype), a right shift is the floor division by
    /// 2^n (arithmetic for signed, logical for unsigned: the uint64 division of
    /// `transform::legalize` is unsigned); a count outside [0, bits) gives 0, or -1 for a
    /// negative value shifted right arithmetically, as numpy's `npy_lshift`/`npy_rshift` and
    /// XLA's shifts do. `lax.shift_right_logical` of a signed dtype (and the arithmetic shift of
    /// an unsigned one) shifts the same bits in the other signedness.
    pub(crate) fn shift(&mut self, a: &Array, n: &Array, kind: Shift, what: &str) -> Result<Array> {
        let jax = a.jax() || n.jax();
        let (a, n, weak) = self.coerce2(a, n, what)?;
        let mut d = a.dtype();
        if d.is_float() {
            return Err(Diagnostic::new("TypeError", format!("ufunc '{what}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"))
                .with_help("shifts take integer (or bool) arrays; cast with .astype(np.int64) first"));
        }
        let (mut a, mut n) = (a, n);
        if d == DType::Bool {
            d = DType::I8;
            a = self.cast(&a, d)?;
            n = self.cast(&n, d)?;
        }
        let flip = match (kind, d.is_unsigned()) {
            (Shift::RightLogical, false) | (Shift::RightArithmetic, true) => Some(match d {
                DType::I8 => DType::U8,
                DType::I16 => DType::U16,
                DType::I32 => DType::U32,
                DType::I64 => DType::U64,
                DType::U8 => DType::I8,
                DType::U16 => DType::I16,
                DType::U32 => DType::I32,
                _ => DType::I64,
            }),
            _ => None,
        };
        if let Some(other) = flip {
            let a2 = self.cast(&a, other)?.with_flags(false, jax);
            let n2 = self.cast(&n, other)?.with_flags(false, jax);
            let r = self.shift(&a2, &n2, Shift::Right, what)?;
            return Ok(self.cast(&r, d)?.with_flags(weak, jax));
        }
        let left = kind == Shift::Left;
        let bits = 8 * d.size_bytes() as i64;
        let signed = !d.is_unsigned();
        let shape: Vec<usize> = a.shape().to_vec();
        let konst = |it: &mut Interp, v: i64| -> Result<Array> {
            let c = Array::host(HostArray::scalar(Scalar::I64(v).cast(d)), jax);
            it.broadcast_to(&c, &shape)
        };
        let table: Vec<Scalar> = (0..bits).map(|k| Scalar::U64(1u64 << k).cast(d)).collect();
        let table = Array::host(HostArray::from_scalars(&[bits as usize], d, &table), jax);
        // The largest count the table serves: an arithmetic right shift by bits-1 is the sign.
        let top = if left || !signed { bits - 1 } else { bits - 2 };
        let (zero, topc) = (konst(self, 0)?, konst(self, top)?);
        let idx = if signed { self.prim_jax(Prim::Max, &[&n, &zero], jax)? } else { n.clone() };
        let idx = self.prim_jax(Prim::Min, &[&idx, &topc], jax)?;
        let p = self.prim_jax(Prim::Gather { axis: 0 }, &[&table, &idx], jax)?;
        let mut ok = self.prim_jax(Prim::Le, &[&n, &topc], jax)?;
        if signed {
            let nonneg = self.prim_jax(Prim::Ge, &[&n, &zero], jax)?;
            ok = self.prim_jax(Prim::And, &[&ok, &nonneg], jax)?;
        }
        let r = if left {
            let m = self.prim_jax(Prim::Mul, &[&a, &p], jax)?;
            self.prim_jax(Prim::Select, &[&ok, &m, &zero], jax)?
        } else {
            let q = self.prim_jax(Prim::Div, &[&a, &p], jax)?;
            let fill = if signed {
                let neg = self.prim_jax(Prim::Lt, &[&a, &zero], jax)?;
                let m1 = konst(self, -1)?;
                self.prim_jax(Prim::Select, &[&neg, &m1, &zero], jax)?
            } else {
                zero.clone()
            };
            self.prim_jax(Prim::Select, &[&ok, &q, &fill], jax)?
        };
        Ok(r.with_flags(weak, jax))
    }

    /// An elementwise binary operation with numpy semantics.
    pub(crate) fn binary(&mut self, prim: Prim, a: &Array, b: &Array) -> Result<Array> {
        let jax = a.jax() || b.jax();
        let what = prim.name();
        let (mut a, mut b) = (a.clone(), b.clone());
        // True division of ints (and bools) is a float division.
        if prim == Prim::Div && !a.dtype().is_float() && !b.dtype().is_float() {
            let f = default_float(jax);
            a = self.cast(&a, f)?.with_flags(false, jax);
            b = self.cast(&b, f)?.with_flags(false, jax);
        }
        if matches!(prim, Prim::Atan2) {
            if !a.dtype().is_float() {
                a = self.cast(&a, default_float(jax))?;
            }
            if !b.dtype().is_float() {
                b = self.cast(&b, default_float(jax))?;
            }
        }
        let is_cmp = matches!(prim, Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge);
        if is_cmp && !jax {
            // numpy compares a Python int with an integer array by value, even out of its range.
            let out_of = |x: &Array, y: &Array| {
                x.weak() && !y.weak() && y.dtype().is_int() && x.try_host().filter(|h| h.len() == 1).and_then(|h| h.get(0).to_i128()).is_some_and(|v| y.dtype().int_range().is_some_and(|(lo, hi)| v < lo || v > hi))
            };
            if out_of(&a, &b) || out_of(&b, &a) {
                let wide = if a.dtype() == DType::U64 || b.dtype() == DType::U64 { DType::F64 } else { DType::I64 };
                a = self.cast(&a, wide)?.with_flags(false, jax);
                b = self.cast(&b, wide)?.with_flags(false, jax);
            }
        }
        let (a, b, weak) = self.coerce2(&a, &b, what)?;
        let (a, b) = match prim {
            // Arithmetic on bools works on ints (except logical ops and comparisons).
            Prim::Sub | Prim::Div | Prim::Rem | Prim::Pow if a.dtype() == DType::Bool => {
                let i = default_of(1, jax);
                (self.cast(&a, i)?, self.cast(&b, i)?)
            }
            _ => (a, b),
        };
        self.prim_flags(prim, &[&a, &b], weak && !is_cmp, jax)
    }

    /// An elementwise unary function; float-only functions turn ints into floats first.
    pub(crate) fn unary(&mut self, prim: Prim, a: &Array) -> Result<Array> {
        let jax = a.jax();
        let float_only = matches!(
            prim,
            Prim::Exp | Prim::Log | Prim::Log1p | Prim::Expm1 | Prim::Sqrt | Prim::Sin | Prim::Cos | Prim::Tan | Prim::Asin | Prim::Acos | Prim::Atan | Prim::Sinh | Prim::Cosh | Prim::Tanh | Prim::Floor | Prim::Ceil | Prim::Round
        );
        let a = if float_only && !a.dtype().is_float() {
            if matches!(prim, Prim::Floor | Prim::Ceil | Prim::Round) && !jax {
                return Ok(a.clone());
            }
            self.cast(a, default_float(jax))?
        } else if matches!(prim, Prim::Neg | Prim::Abs | Prim::Sign) && a.dtype() == DType::Bool {
            if prim == Prim::Neg {
                return Err(Diagnostic::new("TypeError", "the - operator is not supported for booleans").with_help("use ~x or np.logical_not(x) for bools"));
            }
            a.clone()
        } else {
            a.clone()
        };
        if matches!(prim, Prim::Abs | Prim::Sign) && a.dtype() == DType::Bool {
            return Ok(a);
        }
        self.prim_flags(prim, &[&a], a.weak(), jax)
    }

    /// `where(cond, x, y)` with broadcasting and promotion.
    pub(crate) fn select(&mut self, c: &Array, x: &Array, y: &Array) -> Result<Array> {
        let jax = c.jax() || x.jax() || y.jax();
        let (x, y, weak) = self.coerce2(x, y, "where")?;
        let c = self.cast(c, DType::Bool)?;
        let shape = broadcast_shapes(c.shape(), x.shape()).ok_or_else(|| {
            Diagnostic::new("ValueError", format!("where: the condition's shape {} does not broadcast with {}", shape_str(c.shape()), shape_str(x.shape())))
        })?;
        let c = self.broadcast_to(&c, &shape)?;
        let x = self.broadcast_to(&x, &shape)?;
        let y = self.broadcast_to(&y, &shape)?;
        self.prim_flags(Prim::Select, &[&c, &x, &y], weak, jax)
    }

    /// Normalise an `axis` argument (None, int or tuple) into sorted unique axes.
    pub(crate) fn axes_arg(&self, axis: &Value, ndim: usize) -> Result<Vec<usize>> {
        let mut axes = match axis {
            Value::None => (0..ndim).collect(),
            Value::Int(i) => vec![norm_axis(*i, ndim)?],
            Value::Tuple(t) => t.iter().map(|v| match v {
                Value::Int(i) => norm_axis(*i, ndim),
                other => Err(Diagnostic::new("TypeError", format!("axis must be an int or a tuple of ints, got {}", other.type_name()))),
            }).collect::<Result<Vec<_>>>()?,
            Value::List(l) => l.borrow().iter().map(|v| match v {
                Value::Int(i) => norm_axis(*i, ndim),
                other => Err(Diagnostic::new("TypeError", format!("axis must be an int or a tuple of ints, got {}", other.type_name()))),
            }).collect::<Result<Vec<_>>>()?,
            other => return Err(Diagnostic::new("TypeError", format!("axis must be None, an int or a tuple of ints, got {}", other.type_name()))),
        };
        let n = axes.len();
        axes.sort_unstable();
        axes.dedup();
        if axes.len() != n {
            return Err(Diagnostic::new("ValueError", "duplicate value in 'axis'"));
        }
        Ok(axes)
    }

    /// Put back reduced axes as size 1 (`keepdims=True`).
    pub(crate) fn keepdims(&mut self, out: &Array, in_shape: &[usize], axes: &[usize]) -> Result<Array> {
        let shape: Vec<usize> = in_shape.iter().enumerate().map(|(i, &d)| if axes.contains(&i) { 1 } else { d }).collect();
        let jax = out.jax();
        self.prim_jax(Prim::Reshape { shape }, &[out], jax)
    }

    /// Reductions: `sum prod max min` with numpy's dtype rules.
    pub(crate) fn reduce(&mut self, kind: &str, a: &Array, axis: &Value, keepdims: bool, dtype: Option<DType>) -> Result<Array> {
        let jax = a.jax();
        let axes = self.axes_arg(axis, a.ndim())?;
        let mut x = a.clone();
        let target = match dtype {
            Some(d) => canonical(d, jax),
            None => match (kind, a.dtype()) {
                // numpy sums small ints in int64 / uint64 (JAX: int32 / uint32).
                ("sum" | "prod", d) if d == DType::Bool || (d.is_int() && d.size_bytes() < 8) => {
                    if d.is_unsigned() {
                        canonical(DType::U64, jax)
                    } else {
                        default_of(1, jax)
                    }
                }
                (_, d) => d,
            },
        };
        if x.dtype() != target && matches!(kind, "sum" | "prod") {
            x = self.cast(&x, target)?;
        }
        if matches!(kind, "max" | "min") {
            for &ax in &axes {
                if a.shape()[ax] == 0 {
                    return Err(Diagnostic::new("ValueError", format!("zero-size array to reduction operation {kind} which has no identity"))
                        .with_help("check the array is not empty before taking its max or min"));
                }
            }
            if x.dtype() == DType::Bool {
                x = self.cast(&x, DType::I32)?;
            }
        }
        let prim = match kind {
            "sum" => Prim::ReduceSum { axes: axes.clone() },
            "prod" => Prim::ReduceProd { axes: axes.clone() },
            "max" => Prim::ReduceMax { axes: axes.clone() },
            _ => Prim::ReduceMin { axes: axes.clone() },
        };
        let mut out = self.prim_jax(prim, &[&x], jax)?;
        if a.dtype() == DType::Bool && matches!(kind, "max" | "min") {
            out = self.cast(&out, DType::Bool)?;
        }
        if keepdims {
            out = self.keepdims(&out, a.shape(), &axes)?;
        }
        Ok(out)
    }

    /// `argmax`/`argmin` with an optional axis (None flattens).
    pub(crate) fn arg_reduce(&mut self, max: bool, a: &Array, axis: &Value, keepdims: bool) -> Result<Array> {
        let jax = a.jax();
        let (x, ax) = match axis {
            Value::None => (self.prim_jax(Prim::Reshape { shape: vec![a.numel()] }, &[a], jax)?, 0),
            Value::Int(i) => (a.clone(), norm_axis(*i, a.ndim())?),
            other => return Err(Diagnostic::new("TypeError", format!("axis must be None or an int, got {}", other.type_name()))),
        };
        if x.shape().get(ax).copied().unwrap_or(0) == 0 {
            return Err(Diagnostic::new("ValueError", format!("attempt to get {} of an empty sequence", if max { "argmax" } else { "argmin" })));
        }
        let x = if x.dtype() == DType::Bool { self.cast(&x, DType::I32)? } else { x };
        let index_dtype = default_of(1, jax);
        let prim = if max { Prim::Argmax { axis: ax, index_dtype } } else { Prim::Argmin { axis: ax, index_dtype } };
        let out = self.prim_jax(prim, &[&x], jax)?;
        if keepdims {
            let axes: Vec<usize> = if axis.is_none() { (0..a.ndim()).collect() } else { vec![ax] };
            let in_shape = if axis.is_none() { a.shape().to_vec() } else { x.shape().to_vec() };
            return self.keepdims(&out, &in_shape, &axes);
        }
        Ok(out)
    }

    pub(crate) fn reshape(&mut self, a: &Array, spec: &[i64]) -> Result<Array> {
        let n = a.numel();
        let mut shape = Vec::with_capacity(spec.len());
        let mut infer = None;
        let mut known = 1usize;
        for (i, &d) in spec.iter().enumerate() {
            if d == -1 {
                if infer.is_some() {
                    return Err(Diagnostic::new("ValueError", "can only specify one unknown dimension (-1)"));
                }
                infer = Some(i);
                shape.push(0);
            } else if d < 0 {
                return Err(Diagnostic::new("ValueError", format!("negative dimension {d} in reshape")));
            } else {
                known = known.saturating_mul(d as usize);
                shape.push(d as usize);
            }
        }
        if let Some(i) = infer {
            if known == 0 || n % known != 0 {
                return Err(Diagnostic::new("ValueError", format!("cannot reshape array of size {n} into shape {}", spec_str(spec))));
            }
            shape[i] = n / known;
        } else if known != n {
            return Err(Diagnostic::new("ValueError", format!("cannot reshape array of size {n} into shape {}", spec_str(spec)))
                .with_help(format!("the new shape must have {n} elements in all; use -1 for one dimension to infer it")));
        }
        if shape == a.shape() {
            return Ok(a.clone());
        }
        let jax = a.jax();
        self.prim_jax(Prim::Reshape { shape }, &[a], jax)
    }

    pub(crate) fn transpose(&mut self, a: &Array, perm: Option<Vec<usize>>) -> Result<Array> {
        let nd = a.ndim();
        let perm = perm.unwrap_or_else(|| (0..nd).rev().collect());
        if perm.len() != nd {
            return Err(Diagnostic::new("ValueError", format!("axes don't match array: got {} axes for an array of dimension {nd}", perm.len())));
        }
        if perm.iter().enumerate().all(|(i, &p)| i == p) {
            return Ok(a.clone());
        }
        let jax = a.jax();
        self.prim_jax(Prim::Transpose { perm }, &[a], jax)
    }

    /// numpy's `matmul` (the `@` operator).
    pub(crate) fn matmul(&mut self, a: &Array, b: &Array) -> Result<Array> {
        let jax = a.jax() || b.jax();
        if a.ndim() == 0 || b.ndim() == 0 {
            return Err(Diagnostic::new("ValueError", "matmul: input operand does not have enough dimensions (0-d arrays are not allowed)").with_help("use * to multiply by a scalar"));
        }
        let (d, _) = promote((a.dtype(), a.weak()), (b.dtype(), b.weak()), jax);
        let d = if d == DType::Bool { default_of(1, jax) } else { d };
        let a0 = self.cast(a, d)?;
        let b0 = self.cast(b, d)?;
        let a1 = if a.ndim() == 1 { self.reshape(&a0, &[1, a.shape()[0] as i64])? } else { a0 };
        let b1 = if b.ndim() == 1 { self.reshape(&b0, &[b.shape()[0] as i64, 1])? } else { b0 };
        let (sa, sb) = (a1.shape().to_vec(), b1.shape().to_vec());
        let (m, k) = (sa[sa.len() - 2], sa[sa.len() - 1]);
        let (k2, n) = (sb[sb.len() - 2], sb[sb.len() - 1]);
        if k != k2 && jax {
            // JAX's error (a TypeError from dot_general).
            return Err(Diagnostic::new(
                "TypeError",
                format!("dot_general requires contracting dimensions to have the same shape, got {} and {}.", shape_str(&[k]).replace(' ', ""), shape_str(&[k2]).replace(' ', "")),
            )
            .with_help(format!("the last dimension of the left operand ({}) must equal the second-to-last of the right ({}); transpose one with .T?", shape_str(a.shape()), shape_str(b.shape()))));
        }
        if k != k2 {
            return Err(Diagnostic::new(
                "ValueError",
                format!("matmul: the inner dimensions do not match: {} @ {} (core dimension {k} vs {k2})", shape_str(a.shape()), shape_str(b.shape())),
            )
            .with_help("the last dimension of the left operand must equal the second-to-last of the right; transpose one with .T?"));
        }
        let batch = broadcast_shapes(&sa[..sa.len() - 2], &sb[..sb.len() - 2]).ok_or_else(|| {
            Diagnostic::new("ValueError", format!("matmul: batch dimensions {} and {} do not broadcast", shape_str(&sa[..sa.len() - 2]), shape_str(&sb[..sb.len() - 2])))
        })?;
        let nb = batch.len();
        let mut fa = batch.clone();
        fa.extend([m, k]);
        let mut fb = batch.clone();
        fb.extend([k, n]);
        let a2 = self.broadcast_to(&a1, &fa)?;
        let b2 = self.broadcast_to(&b1, &fb)?;
        let bdims: Vec<usize> = (0..nb).collect();
        let mut out = self.prim_jax(Prim::DotGeneral { lhs_contract: vec![nb + 1], rhs_contract: vec![nb], lhs_batch: bdims.clone(), rhs_batch: bdims }, &[&a2, &b2], jax)?;
        let mut shape = batch.into_vec();
        if a.ndim() != 1 {
            shape.push(m);
        }
        if b.ndim() != 1 {
            shape.push(n);
        }
        if shape != out.shape() {
            out = self.prim_jax(Prim::Reshape { shape }, &[&out], jax)?;
        }
        Ok(out)
    }

    // ---------------------------------------------------------------- indexing

    fn index_items(&mut self, idx: &Value, jax: bool) -> Result<Vec<IndexItem>> {
        let (parts, _) = index_parts(idx);
        let mut items = Vec::new();
        for p in parts {
            items.push(match p {
                Value::Int(i) => IndexItem::Int(i),
                Value::Bool(b) => IndexItem::Array(Array::host(HostArray::scalar(Scalar::Bool(b)), jax)),
                Value::Slice(s) => IndexItem::Slice(s[0], s[1], s[2]),
                Value::None => IndexItem::NewAxis,
                Value::Ellipsis => IndexItem::Ellipsis,
                Value::Array(a) => {
                    if a.dtype() == DType::Bool {
                        IndexItem::Array(a)
                    } else if a.dtype().is_int() {
                        if a.ndim() == 0 {
                            if let Some(h) = a.try_host() {
                                IndexItem::Int(h.get(0).to_i64())
                            } else {
                                IndexItem::Array(a)
                            }
                        } else {
                            IndexItem::Array(a)
                        }
                    } else {
                        return Err(Diagnostic::new("IndexError", format!("arrays used as indices must be of integer or boolean type, got {}", a.dtype()))
                            .with_help("convert the index with .astype(int)"));
                    }
                }
                // A range indexes as the list of its integers (numpy converts it the same way).
                Value::Range(start, stop, step) => {
                    let n = if step > 0 { ((stop - start).max(0) as u64).div_ceil(step as u64) as i64 } else { ((start - stop).max(0) as u64).div_ceil(step.unsigned_abs()) as i64 };
                    crate::limits::check(n as u128 * 8, || format!("an index of {n} integers"))?;
                    let v: Vec<Scalar> = (0..n).map(|k| Scalar::I64(start + k * step)).collect();
                    IndexItem::Array(Array::host(HostArray::from_scalars(&[n as usize], DType::I64, &v), jax))
                }
                Value::List(_) => {
                    let a = self.array_from_value(&p, None, jax)?;
                    if a.dtype().is_float() {
                        return Err(Diagnostic::new("IndexError", "arrays used as indices must be of integer or boolean type").with_help("use integers in index lists"));
                    }
                    IndexItem::Array(a)
                }
                Value::Float(_) => {
                    return Err(Diagnostic::new("IndexError", "only integers, slices (`:`), ellipsis (`...`), None and integer or boolean arrays are valid indices")
                        .with_help("convert the index with int(...)"))
                }
                Value::ObjSlice(_) => return Err(super::obj_slice_error()),
                other => return Err(Diagnostic::new("IndexError", format!("an index of type {} is not valid for an array", other.type_name()))),
            });
        }
        // Boolean masks become integer index arrays (a host sync point).
        let mut out = Vec::new();
        for it in items {
            if let IndexItem::Array(a) = &it {
                if a.dtype() == DType::Bool {
                    let h = self.force_for(a, super::Read::Truth)?;
                    let coords = h.nonzero();
                    if h.ndim() == 0 {
                        // x[True] adds an axis of length 1, x[False] of length 0.
                        out.push(IndexItem::NewAxis);
                        if !h.get(0).to_bool() {
                            let z = Array::host(HostArray::from_i64(&[0], vec![]), jax);
                            out.push(IndexItem::Array(z));
                            out.pop();
                            return Err(Diagnostic::new("IndexError", "indexing with a False scalar is not supported").with_help("use a boolean array of the same shape"));
                        }
                        continue;
                    }
                    for c in coords {
                        let n = c.len();
                        out.push(IndexItem::Array(Array::host(HostArray::from_i64(&[n], c), jax)));
                    }
                    continue;
                }
            }
            out.push(it);
        }
        Ok(out)
    }

    /// `a[idx]`.
    pub(crate) fn index_array(&mut self, a: &Array, idx: &Value) -> Result<Array> {
        let jax = a.jax();
        let items = self.index_items(idx, jax)?;
        // A small basic index of a computed array is read on the host at once: a loop that
        // reads x[i] would otherwise stage a graph with a new constant, and compile it, per i.
        // (An array on a device is read there unless its numbers are on the host already.)
        if a.host_ready() {
            if let Some((shape, pos)) = basic_positions(a.shape(), &items, HOST_INDEX_LIMIT) {
                if let Some(h) = a.try_host() {
                    return Ok(Array::host(h.take_flat(&pos, &shape), jax));
                }
            }
        }
        self.index_with(a, items)
    }

    fn index_with(&mut self, a: &Array, items: Vec<IndexItem>) -> Result<Array> {
        let jax = a.jax();
        let consumed = items.iter().filter(|i| matches!(i, IndexItem::Int(_) | IndexItem::Slice(..) | IndexItem::Array(_))).count();
        let n_ell = items.iter().filter(|i| matches!(i, IndexItem::Ellipsis)).count();
        if n_ell > 1 {
            return Err(Diagnostic::new("IndexError", "an index can only have a single ellipsis ('...')"));
        }
        if consumed > a.ndim() {
            return Err(Diagnostic::new("IndexError", format!("too many indices for array: array is {}-dimensional, but {consumed} were indexed", a.ndim()))
                .with_help(format!("the array has shape {}", shape_str(a.shape()))));
        }
        // Expand the ellipsis (or pad with full slices at the end).
        let mut full = Vec::new();
        let mut had_ell = false;
        for it in items {
            if let IndexItem::Ellipsis = it {
                had_ell = true;
                for _ in 0..a.ndim() - consumed {
                    full.push(IndexItem::Slice(None, None, None));
                }
            } else {
                full.push(it);
            }
        }
        if !had_ell {
            for _ in 0..a.ndim() - consumed {
                full.push(IndexItem::Slice(None, None, None));
            }
        }
        // Pass 1: basic indexing with slices (ints become length-1 slices, squeezed later).
        let shape = a.shape().to_vec();
        let mut start = Vec::new();
        let mut limit = Vec::new();
        let mut stride = Vec::new();
        let mut rev = Vec::new();
        let mut dim = 0;
        let mut out_dims: Vec<(Option<usize>, bool)> = Vec::new(); // (source dim after slicing, squeeze?)
        let mut adv: Vec<(usize, Array)> = Vec::new(); // (dim, index array)
        let mut adv_positions = Vec::new(); // positions in `full`
        for (pos, it) in full.iter().enumerate() {
            match it {
                IndexItem::Int(i) => {
                    let n = shape[dim] as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    // JAX's gathers clamp out-of-bounds indices (numpy raises).
                    let j = if jax && n > 0 { j.clamp(0, n - 1) } else { j };
                    if j < 0 || j >= n {
                        return Err(Diagnostic::new("IndexError", format!("index {i} is out of bounds for axis {dim} with size {n}"))
                            .with_help(format!("valid indices along axis {dim} are {} to {}", -n, n - 1)));
                    }
                    start.push(j as usize);
                    limit.push(j as usize + 1);
                    stride.push(1);
                    out_dims.push((Some(dim), true));
                    dim += 1;
                }
                IndexItem::Slice(s0, s1, s2) => {
                    let n = shape[dim] as i64;
                    let step = s2.unwrap_or(1);
                    if step == 0 {
                        return Err(Diagnostic::new("ValueError", "slice step cannot be zero"));
                    }
                    let (b, len) = slice_indices(*s0, *s1, step, n);
                    if step > 0 {
                        start.push(b as usize);
                        limit.push((b + (len - 1).max(0) * step + if len > 0 { 1 } else { 0 }) as usize);
                        stride.push(step as usize);
                    } else {
                        // Reverse the axis, then slice forward.
                        rev.push(dim);
                        let rb = n - 1 - b;
                        let st = -step;
                        start.push(rb.max(0) as usize);
                        limit.push((rb + (len - 1).max(0) * st + if len > 0 { 1 } else { 0 }).max(0) as usize);
                        stride.push(st as usize);
                        if len == 0 {
                            *start.last_mut().unwrap_or(&mut 0) = 0;
                            *limit.last_mut().unwrap_or(&mut 0) = 0;
                        }
                    }
                    out_dims.push((Some(dim), false));
                    dim += 1;
                }
                IndexItem::NewAxis => out_dims.push((None, false)),
                IndexItem::Array(ix) => {
                    start.push(0);
                    limit.push(shape[dim]);
                    stride.push(1);
                    adv.push((dim, ix.clone()));
                    adv_positions.push(pos);
                    out_dims.push((Some(dim), false));
                    dim += 1;
                }
                IndexItem::Ellipsis => {}
            }
        }
        let mut x = a.clone();
        if !rev.is_empty() {
            x = self.prim_jax(Prim::Rev { axes: rev }, &[&x], jax)?;
        }
        let full_slice = start.iter().all(|&s| s == 0) && stride.iter().all(|&s| s == 1) && limit == shape;
        if !full_slice {
            x = self.prim_jax(Prim::Slice { start, limit, stride }, &[&x], jax)?;
        }
        // Pass 2: advanced indices.
        if !adv.is_empty() {
            let sliced = x.shape().to_vec();
            // Normalise and broadcast the index arrays.
            let mut idx_arrays = Vec::new();
            for (d, ix) in &adv {
                let n = sliced[*d] as i64;
                idx_arrays.push(self.normalize_index(ix, n, *d)?);
            }
            let mut bshape: Vec<usize> = Vec::new();
            for ix in &idx_arrays {
                bshape = broadcast_shapes(&bshape, ix.shape()).ok_or_else(|| {
                    Diagnostic::new("IndexError", "shape mismatch: indexing arrays could not be broadcast together")
                })?.into_vec();
            }
            let adjacent = adv_positions.windows(2).all(|w| w[1] == w[0] + 1);
            let adv_dims: Vec<usize> = adv.iter().map(|(d, _)| *d).collect();
            let rest: Vec<usize> = (0..sliced.len()).filter(|d| !adv_dims.contains(d)).collect();
            let p = if adjacent { rest.iter().filter(|&&d| d < adv_dims[0]).count() } else { 0 };
            let mut perm: Vec<usize> = rest[..p].to_vec();
            perm.extend(&adv_dims);
            perm.extend(&rest[p..]);
            x = self.transpose(&x, Some(perm))?;
            // Merge the advanced dims into one and build the linear index.
            let k = adv_dims.len();
            let xs = x.shape().to_vec();
            let merged: usize = xs[p..p + k].iter().product();
            let mut new_shape = xs[..p].to_vec();
            new_shape.push(merged);
            new_shape.extend(&xs[p + k..]);
            let xm = self.prim_jax(Prim::Reshape { shape: new_shape }, &[&x], jax)?;
            let mut lin: Option<Array> = None;
            let mut mult = 1usize;
            for (j, ix) in idx_arrays.iter().enumerate().rev() {
                let ix = self.broadcast_to(ix, &bshape)?;
                let term = if mult == 1 {
                    ix
                } else {
                    let m = Array::host(HostArray::full(&bshape, Scalar::I64(mult as i64).cast(ix.dtype())), jax);
                    self.prim_jax(Prim::Mul, &[&ix, &m], jax)?
                };
                lin = Some(match lin {
                    None => term,
                    Some(l) => self.prim_jax(Prim::Add, &[&l, &term], jax)?,
                });
                mult *= xs[p + j];
            }
            let lin = lin.ok_or_else(|| Diagnostic::new("IndexError", "empty advanced index"))?;
            x = self.prim_jax(Prim::Gather { axis: p }, &[&xm, &lin], jax)?;
            // Now squeeze the int-indexed dims: they are among `rest`, shifted.
            let mut squeeze_dims = Vec::new();
            let mut pos = 0;
            for d in perm_rest_order(&rest, p, bshape.len()) {
                if let Some(src) = d {
                    if out_dims.iter().any(|(s, sq)| *s == Some(src) && *sq) {
                        squeeze_dims.push(pos);
                    }
                }
                pos += 1;
            }
            let shape: Vec<usize> = x.shape().iter().enumerate().filter(|(i, _)| !squeeze_dims.contains(i)).map(|(_, &d)| d).collect();
            // New axes with advanced indexing: insert them as size-1 dims at their place relative to the rest.
            let n_new = out_dims.iter().filter(|(s, _)| s.is_none()).count();
            let mut shape = shape;
            if n_new > 0 {
                // Approximate numpy: new axes go where they were among the basic dims.
                let mut pos = 0usize;
                let mut result = Vec::new();
                let mut it = shape.iter();
                for (s, sq) in &out_dims {
                    match s {
                        None => result.push(1),
                        Some(d) if adv_dims.contains(d) => {
                            if *d == adv_dims[0] {
                                for _ in 0..bshape.len() {
                                    if let Some(&v) = it.next() {
                                        result.push(v);
                                    }
                                }
                            }
                        }
                        Some(_) if *sq => {}
                        Some(_) => {
                            if let Some(&v) = it.next() {
                                result.push(v);
                            }
                        }
                    }
                    pos += 1;
                }
                let _ = pos;
                if !adjacent {
                    // Broadcast dims come first when advanced indices are separated.
                    result = shape.clone();
                    for (i, (s, _)) in out_dims.iter().enumerate() {
                        if s.is_none() {
                            result.insert(bshape.len() + i.min(result.len() - bshape.len()), 1);
                        }
                    }
                }
                shape = result;
            }
            if shape != x.shape() {
                x = self.prim_jax(Prim::Reshape { shape }, &[&x], jax)?;
            }
            return Ok(x);
        }
        // Squeeze ints, insert new axes.
        let xs = x.shape().to_vec();
        let mut shape = Vec::new();
        for (s, sq) in &out_dims {
            match s {
                None => shape.push(1),
                Some(d) => {
                    if !*sq {
                        shape.push(xs[*d]);
                    }
                }
            }
        }
        if shape != xs {
            x = self.prim_jax(Prim::Reshape { shape }, &[&x], jax)?;
        }
        Ok(x)
    }

    /// Wrap negative indices and check bounds when the index is on the host.
    fn normalize_index(&mut self, ix: &Array, n: i64, dim: usize) -> Result<Array> {
        let jax = ix.jax();
        if let Some(h) = ix.try_host() {
            let mut v = Vec::with_capacity(h.len());
            for i in 0..h.len() {
                let j = h.get(i).to_i64();
                let k = if j < 0 { j + n } else { j };
                let k = if jax && n > 0 { k.clamp(0, n - 1) } else { k };
                if k < 0 || k >= n {
                    return Err(Diagnostic::new("IndexError", format!("index {j} is out of bounds for axis {dim} with size {n}"))
                        .with_help(format!("valid indices along axis {dim} are {} to {}", -n, n - 1)));
                }
                v.push(k);
            }
            return Ok(Array::host(HostArray::from_i64(&h.shape, v), jax));
        }
        let w = self.wrap_negative(ix, n)?;
        let zero = Array::host(HostArray::full(w.shape(), Scalar::I64(0)), jax);
        // Traced indices are clamped into bounds (JAX's gathers do; numpy would raise, but the
        // values are not known here).
        let top = Array::host(HostArray::full(ix.shape(), Scalar::I64((n - 1).max(0))), jax);
        let w = self.prim_jax(Prim::Max, &[&w, &zero], jax)?;
        self.prim_jax(Prim::Min, &[&w, &top], jax)
    }

    /// A staged integer index array as int64 with negative entries counted from the end (`n`).
    fn wrap_negative(&mut self, ix: &Array, n: i64) -> Result<Array> {
        let jax = ix.jax();
        let ix = self.cast(ix, DType::I64)?;
        let zero = Array::host(HostArray::full(ix.shape(), Scalar::I64(0)), jax);
        let nn = Array::host(HostArray::full(ix.shape(), Scalar::I64(n)), jax);
        let neg = self.prim_jax(Prim::Lt, &[&ix, &zero], jax)?;
        let wrapped = self.prim_jax(Prim::Add, &[&ix, &nn], jax)?;
        self.prim_jax(Prim::Select, &[&neg, &wrapped, &ix], jax)
    }

    /// JAX's out-of-bounds rules, by padding: `a` grown by one slot of `fill` at the end of
    /// every dimension that an int or integer-array index reads, and the index with its
    /// out-of-bounds entries (after negative wrapping) pointing at that slot. Gathering from
    /// the result fills (`mode='fill'`); scattering into it and slicing the slot off drops
    /// (`mode='drop'`, scatters' default). None when every index is known to be in bounds.
    pub(crate) fn pad_out_of_bounds(&mut self, a: &Array, idx: &Value, fill: Scalar) -> Result<Option<(Array, Value)>> {
        let jax = a.jax();
        let (parts, consumed) = index_parts(idx);
        let as_index = |it: &mut Self, v: &Value| -> Result<Option<Array>> {
            Ok(match v {
                Value::Array(x) if x.dtype().is_int() => Some(x.clone()),
                Value::List(_) => {
                    let x = it.array_from_value(v, None, jax)?;
                    if x.dtype().is_int() { Some(x) } else { None }
                }
                _ => None,
            })
        };
        let mut pads = vec![0usize; a.ndim()];
        let mut out = Vec::with_capacity(parts.len());
        let mut dim = 0usize;
        for p in parts {
            match &p {
                Value::None => out.push(p),
                Value::Ellipsis => {
                    dim += a.ndim().saturating_sub(consumed);
                    out.push(p);
                }
                Value::Array(x) if x.dtype() == DType::Bool => {
                    dim += x.ndim().max(1);
                    out.push(p);
                }
                Value::Int(i) if dim < a.ndim() => {
                    let n = a.shape()[dim] as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    if j < 0 || j >= n {
                        pads[dim] = 1;
                        out.push(Value::Int(n));
                    } else {
                        out.push(Value::Int(j));
                    }
                    dim += 1;
                }
                _ if dim < a.ndim() => {
                    let Some(ix) = as_index(self, &p)? else {
                        dim += 1;
                        out.push(p);
                        continue;
                    };
                    let n = a.shape()[dim] as i64;
                    if let Some(h) = ix.try_host() {
                        let mut any = false;
                        let v: Vec<i64> = (0..h.len())
                            .map(|k| {
                                let j = h.get(k).to_i64();
                                let w = if j < 0 { j + n } else { j };
                                if w < 0 || w >= n {
                                    any = true;
                                    n
                                } else {
                                    w
                                }
                            })
                            .collect();
                        if any {
                            pads[dim] = 1;
                        }
                        let r = Array::host(HostArray::from_i64(&h.shape, v), jax);
                        out.push(if h.ndim() == 0 { Value::Int(r.try_host().map(|h| h.get(0).to_i64()).unwrap_or(0)) } else { Value::Array(r) });
                    } else {
                        let w = self.wrap_negative(&ix, n)?;
                        let full = |k: i64| Array::host(HostArray::full(w.shape(), Scalar::I64(k)), jax);
                        let (zero, nn) = (full(0), full(n));
                        let lo = self.prim_jax(Prim::Lt, &[&w, &zero], jax)?;
                        let hi = self.prim_jax(Prim::Ge, &[&w, &nn], jax)?;
                        let bad = self.prim_jax(Prim::Or, &[&lo, &hi], jax)?;
                        let w = self.prim_jax(Prim::Select, &[&bad, &nn, &w], jax)?;
                        pads[dim] = 1;
                        out.push(Value::Array(w));
                    }
                    dim += 1;
                }
                _ => {
                    dim += 1;
                    out.push(p);
                }
            }
        }
        if pads.iter().all(|&p| p == 0) {
            return Ok(None);
        }
        let fill = Array::host(HostArray::scalar(fill.cast(a.dtype())), jax);
        let nd = a.ndim();
        let padded = self.prim_jax(Prim::Pad { lo: vec![0; nd], hi: pads, interior: vec![0; nd] }, &[a, &fill], jax)?;
        Ok(Some((padded, Value::tuple(out))))
    }

    /// JAX's scatter: out-of-bounds indices are dropped (`mode='drop'`, the default), or
    /// clamped into bounds (`mode='clip'` or `'promise_in_bounds'`).
    pub(crate) fn update_jax(&mut self, a: &Array, idx: &Value, v: &Array, how: Update, clip: bool) -> Result<Array> {
        if clip {
            let clamped = self.clamp_index(a, idx)?;
            return self.update(a, &clamped, v, how);
        }
        let Some((padded, idx2)) = self.pad_out_of_bounds(a, idx, Scalar::I64(0))? else { return self.update(a, idx, v, how) };
        let r = self.update(&padded, &idx2, v, how)?;
        let whole: Vec<Value> = a.shape().iter().map(|&d| Value::Slice(Rc::new([Some(0), Some(d as i64), None]))).collect();
        self.index_array(&r, &Value::tuple(whole))
    }

    /// JAX's gather with `mode='fill'`: out-of-bounds reads give `fill`.
    pub(crate) fn gather_fill(&mut self, a: &Array, idx: &Value, fill: Scalar) -> Result<Array> {
        match self.pad_out_of_bounds(a, idx, fill)? {
            Some((padded, idx2)) => self.index_array(&padded, &idx2),
            None => self.index_array(a, idx),
        }
    }

    /// The index with ints and integer arrays clamped into bounds (after negative wrapping),
    /// as JAX's gathers do.
    fn clamp_index(&mut self, a: &Array, idx: &Value) -> Result<Value> {
        // Pad-to-slot then clamp the slot back: an out-of-bounds entry n becomes n - 1, a
        // negative one that wrapped below zero also became n (JAX clamps it to 0 instead).
        let jax = a.jax();
        let (parts, consumed) = index_parts(idx);
        let mut out = Vec::with_capacity(parts.len());
        let mut dim = 0usize;
        for p in parts {
            let n = a.shape().get(dim).copied().unwrap_or(1) as i64;
            match &p {
                Value::None => out.push(p),
                Value::Ellipsis => {
                    dim += a.ndim().saturating_sub(consumed);
                    out.push(p);
                }
                Value::Array(x) if x.dtype() == DType::Bool => {
                    dim += x.ndim().max(1);
                    out.push(p);
                }
                Value::Int(i) => {
                    let j = if *i < 0 { i + n } else { *i };
                    out.push(Value::Int(j.clamp(0, (n - 1).max(0))));
                    dim += 1;
                }
                Value::Array(_) | Value::List(_) => {
                    let ix = self.array_from_value(&p, None, jax)?;
                    if !ix.dtype().is_int() {
                        out.push(p);
                        dim += 1;
                        continue;
                    }
                    let w = self.wrap_negative(&ix, n)?;
                    let full = |k: i64| Array::host(HostArray::full(w.shape(), Scalar::I64(k)), jax);
                    let (zero, top) = (full(0), full((n - 1).max(0)));
                    let w = self.prim_jax(Prim::Max, &[&w, &zero], jax)?;
                    let w = self.prim_jax(Prim::Min, &[&w, &top], jax)?;
                    out.push(Value::Array(w));
                    dim += 1;
                }
                _ => {
                    out.push(p);
                    dim += 1;
                }
            }
        }
        Ok(Value::tuple(out))
    }

    /// `a[idx] = v` / `a.at[idx].set(v)` and friends: a new array.
    pub(crate) fn update(&mut self, a: &Array, idx: &Value, v: &Array, how: Update) -> Result<Array> {
        let jax = a.jax();
        let n = a.numel();
        // The flat positions selected by the index: index an iota of a's shape.
        let pos = Array::host(HostArray::from_i64(&a.shape().to_vec(), (0..n as i64).collect()), jax);
        let sel = self.index_array(&pos, idx)?;
        let sel_shape = sel.shape().to_vec();
        let m = sel.numel();
        let sel = self.prim_jax(Prim::Reshape { shape: vec![m] }, &[&sel], jax)?;
        let v = self.cast(v, a.dtype())?;
        let v = self.broadcast_to(&v, &sel_shape).map_err(|_| {
            Diagnostic::new("ValueError", format!("could not broadcast input array from shape {} into shape {}", shape_str(v.shape()), shape_str(&sel_shape)))
        })?;
        let v = self.prim_jax(Prim::Reshape { shape: vec![m] }, &[&v], jax)?;
        let flat = self.prim_jax(Prim::Reshape { shape: vec![n] }, &[a], jax)?;
        let mode = match how {
            Update::Set => ScatterMode::Set,
            Update::Add => ScatterMode::Add,
            Update::Mul => ScatterMode::Mul,
            Update::Min => ScatterMode::Min,
            Update::Max => ScatterMode::Max,
        };
        let out = self.prim_jax(Prim::Scatter { axis: 0, mode }, &[&flat, &sel, &v], jax)?;
        self.prim_jax(Prim::Reshape { shape: a.shape().to_vec() }, &[&out], jax)
    }
}

impl Interp {
    /// Whether `a[idx]` is a numpy view of `a` (basic indexing of a numpy array that leaves at
    /// least one axis): what numpy shares memory for, and so what an in-place write must reach.
    pub(crate) fn is_view_index(a: &Array, idx: &Value, result: &Array) -> bool {
        fn basic(v: &Value) -> bool {
            match v {
                Value::Int(_) | Value::Slice(_) | Value::None | Value::Ellipsis => true,
                Value::Array(a) => a.ndim() == 0 && a.dtype().is_int() && a.try_host().is_some(),
                _ => false,
            }
        }
        let basic_idx = match idx {
            Value::Tuple(t) => t.iter().all(basic),
            other => basic(other),
        };
        !a.jax() && result.ndim() > 0 && basic_idx
    }

    /// `a[idx]` as Python code sees it: for numpy arrays, a view when the index is basic.
    pub(crate) fn index_or_view(&mut self, a: &Array, idx: &Value) -> Result<Array> {
        let r = self.index_array(a, idx)?;
        if Self::is_view_index(a, idx, &r) {
            return Ok(Array::view_of(&r, a, View::Index(idx.clone())));
        }
        Ok(r)
    }

    /// `r` (computed from the numpy array `base` as `how` says) as a view of it, where numpy
    /// would make one.
    pub(crate) fn numpy_view(&self, r: Array, base: &Array, how: View) -> Array {
        if base.jax() || r.ndim() == 0 || std::rc::Rc::ptr_eq(&r.0, &base.0) {
            return r;
        }
        Array::view_of(&r, base, how)
    }

    /// Write `new` (the whole new contents, of `a`'s shape) into the numpy array `a` in place:
    /// every name, container and view that holds `a` sees it. A view writes through to its
    /// base, which then refreshes all its views.
    pub(crate) fn write_array(&mut self, a: &Array, new: &Array) -> Result<()> {
        let new = if new.dtype() != a.dtype() { self.cast(new, a.dtype())? } else { new.clone() };
        if a.0.view.is_some() {
            let pos: Vec<usize> = (0..a.numel()).collect();
            if self.host_put(a, &pos, a.shape(), &new)? {
                return Ok(());
            }
        }
        if let Some((base, how)) = &a.0.view {
            let whole = match how {
                View::Index(idx) => self.update(base, idx, &new, Update::Set)?,
                View::Reshape => self.reshape(&new, &base.shape().iter().map(|&d| d as i64).collect::<Vec<_>>())?,
                View::Transpose(p) => {
                    let mut inv = vec![0; p.len()];
                    for (i, &d) in p.iter().enumerate() {
                        inv[d] = i;
                    }
                    self.transpose(&new, Some(inv))?
                }
            };
            return self.write_array(base, &whole);
        }
        self.journal_array(a);
        a.set_state(new.state());
        self.refresh_views(a)
    }

    /// Recompute the live views of `a` after it was written.
    fn refresh_views(&mut self, a: &Array) -> Result<()> {
        let views: Vec<Array> = a.0.views.borrow().iter().filter_map(|w| w.upgrade()).map(Array).collect();
        for v in views {
            let r = match &v.0.view {
                Some((_, View::Index(idx))) => self.index_array(a, idx)?,
                Some((_, View::Reshape)) => self.reshape(a, &v.shape().iter().map(|&d| d as i64).collect::<Vec<_>>())?,
                Some((_, View::Transpose(p))) => self.transpose(a, Some(p.clone()))?,
                None => continue,
            };
            self.journal_array(&v);
            v.set_state(r.state());
            self.refresh_views(&v)?;
        }
        Ok(())
    }

    /// `a[idx] = v` on a numpy array: in place.
    pub(crate) fn setitem_array(&mut self, a: &Array, idx: &Value, v: &Value) -> Result<()> {
        let va = self.to_array(v, false)?;
        let items = self.index_items(idx, false)?;
        if let Some((sel, pos)) = basic_positions(a.shape(), &items, usize::MAX) {
            if self.host_put(a, &pos, &sel, &va)? {
                return Ok(());
            }
        }
        let new = self.update(a, idx, &va, Update::Set)?;
        self.write_array(a, &new)
    }

    /// Write `v` at the flat positions `pos` of the numpy array `a` (the positions of a basic
    /// index, in the index's order) directly in the host buffer of the array that owns the
    /// memory (`a`, or the base of the view `a`), then refresh that array's views. False, with
    /// nothing done, where this does not apply (contents not computed, a transposed view, a
    /// value that needs general broadcasting or is too large to compute now): the caller then
    /// stages a functional update instead.
    fn host_put(&mut self, a: &Array, pos: &[usize], sel_shape: &[usize], v: &Array) -> Result<bool> {
        let Some((root, pos)) = owner_positions(a, pos) else { return Ok(false) };
        // `v` must fill the selection by repeating: a scalar, or of the selection's trailing
        // shape (leading 1s aside); other broadcasts and shape errors take the staged path.
        let vs: Vec<usize> = v.shape().iter().copied().skip_while(|&d| d == 1).collect();
        let fits = v.numel() == 1 || sel_shape.ends_with(&vs);
        if !root.is_host() || !fits || v.numel() == 0 || v.numel() > HOST_WRITE_LIMIT {
            return Ok(false);
        }
        let vh = self.force(v)?.cast(root.dtype());
        self.journal_array(&root);
        root.modify_host(|h| h.put_flat(&pos, &vh));
        self.refresh_views(&root)?;
        Ok(true)
    }

    /// `a op= b` on a numpy array: the result must keep `a`'s shape and be castable to its
    /// dtype under numpy's 'same_kind' rule; then it is written in place.
    pub(crate) fn augassign_array(&mut self, a: &Array, result: &Array, ufunc: &str) -> Result<()> {
        if result.shape() != a.shape() {
            return Err(Diagnostic::new(
                "ValueError",
                format!(
                    "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                    shape_str(a.shape()).replace(' ', ""),
                    shape_str(result.shape()).replace(' ', "")
                ),
            )
            .with_help("an in-place operation cannot change the array's shape; write x = x op y to make a new array"));
        }
        if category(result.dtype()) > category(a.dtype()) {
            return Err(Diagnostic::new(
                "UFuncTypeError",
                format!("Cannot cast ufunc '{ufunc}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'", result.dtype(), a.dtype()),
            )
            .with_help(format!("make the array {} first (x = x.astype(float)), or write x = x op y", result.dtype())));
        }
        self.write_array(a, result)
    }
}

/// The largest basic-index result read on the host at once (larger ones are staged).
const HOST_INDEX_LIMIT: usize = 1 << 12;
/// The largest value written into a computed array on the host (larger ones are staged).
const HOST_WRITE_LIMIT: usize = 1 << 20;

/// For a basic index (ints, slices, None, `...`) of an array of `shape`, at most `limit`
/// elements: the result's shape and the flat positions it selects, in row-major order. None for
/// other indices and for errors (the staged path reports those).
fn basic_positions(shape: &[usize], items: &[IndexItem], limit: usize) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut consumed = 0;
    let mut n_ell = 0;
    for it in items {
        match it {
            IndexItem::Int(_) | IndexItem::Slice(..) => consumed += 1,
            IndexItem::Ellipsis => n_ell += 1,
            IndexItem::NewAxis => {}
            IndexItem::Array(_) => return None,
        }
    }
    if n_ell > 1 || consumed > shape.len() {
        return None;
    }
    let strides = crate::array::strides(shape);
    // The selected indices along each source axis, and the result's shape.
    let mut axes: Vec<Vec<usize>> = Vec::with_capacity(shape.len());
    let mut out_shape = Vec::new();
    let full = |axes: &mut Vec<Vec<usize>>, out: &mut Vec<usize>| {
        let d = axes.len();
        axes.push((0..shape[d]).collect());
        out.push(shape[d]);
    };
    for it in items {
        match it {
            IndexItem::Int(i) => {
                let n = shape[axes.len()] as i64;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    return None;
                }
                axes.push(vec![j as usize]);
            }
            IndexItem::Slice(s0, s1, s2) => {
                let n = shape[axes.len()] as i64;
                let step = s2.unwrap_or(1);
                if step == 0 {
                    return None;
                }
                let (b, len) = slice_indices(*s0, *s1, step, n);
                out_shape.push(len.max(0) as usize);
                axes.push((0..len.max(0)).map(|k| (b + k * step) as usize).collect());
            }
            IndexItem::NewAxis => out_shape.push(1),
            IndexItem::Ellipsis => {
                for _ in 0..shape.len() - consumed {
                    full(&mut axes, &mut out_shape);
                }
            }
            IndexItem::Array(_) => return None,
        }
    }
    while axes.len() < shape.len() {
        full(&mut axes, &mut out_shape);
    }
    let total: usize = axes.iter().map(|a| a.len()).product();
    if total > limit {
        return None;
    }
    let mut pos = vec![0usize];
    for (d, ix) in axes.iter().enumerate() {
        let mut next = Vec::with_capacity(pos.len() * ix.len());
        for &p in &pos {
            for &i in ix {
                next.push(p + i * strides[d]);
            }
        }
        pos = next;
    }
    Some((out_shape, pos))
}

/// The array that owns the memory `a` sees (`a`, or the base of the view chain `a` belongs
/// to), and `pos` (flat positions in `a`) as flat positions in that array. None through a
/// transposed view.
fn owner_positions(a: &Array, pos: &[usize]) -> Option<(Array, Vec<usize>)> {
    match &a.0.view {
        None => Some((a.clone(), pos.to_vec())),
        Some((base, View::Reshape)) => owner_positions(base, pos),
        Some((base, View::Index(idx))) => {
            let items = basic_items(idx)?;
            let (_, map) = basic_positions(base.shape(), &items, usize::MAX)?;
            let in_base: Vec<usize> = pos.iter().map(|&p| map[p]).collect();
            owner_positions(base, &in_base)
        }
        Some((_, View::Transpose(_))) => None,
    }
}

/// A view's basic index as index items (it holds only ints, slices, None and `...`).
fn basic_items(idx: &Value) -> Option<Vec<IndexItem>> {
    let parts: Vec<Value> = match idx {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other.clone()],
    };
    parts
        .into_iter()
        .map(|p| match p {
            Value::Int(i) => Some(IndexItem::Int(i)),
            Value::Slice(s) => Some(IndexItem::Slice(s[0], s[1], s[2])),
            Value::None => Some(IndexItem::NewAxis),
            Value::Ellipsis => Some(IndexItem::Ellipsis),
            Value::Array(a) => a.try_host().map(|h| IndexItem::Int(h.get(0).to_i64())),
            _ => None,
        })
        .collect()
}

/// The name of the numpy ufunc behind a binary operator (for error messages).
pub(crate) fn ufunc_name(op: crate::syntax::ast::BinOp) -> &'static str {
    use crate::syntax::ast::BinOp::*;
    match op {
        Add => "add",
        Sub => "subtract",
        Mul => "multiply",
        Div => "divide",
        FloorDiv => "floor_divide",
        Mod => "remainder",
        Pow => "power",
        MatMul => "matmul",
        BitAnd => "bitwise_and",
        BitOr => "bitwise_or",
        BitXor => "bitwise_xor",
        LShift => "left_shift",
        RShift => "right_shift",
    }
}

/// `v` with every array that is one of `ins` itself replaced by a new array of the same
/// contents (a numpy function's result is a new array even where a shortcut returned its input).
pub(crate) fn fresh_of(v: Value, ins: &[Array]) -> Value {
    match v {
        Value::Array(a) if !a.jax() && ins.iter().any(|i| std::rc::Rc::ptr_eq(&i.0, &a.0)) => Value::Array(a.snapshot()),
        Value::Tuple(t) if t.iter().any(|x| matches!(x, Value::Array(_))) => Value::tuple(t.iter().map(|x| fresh_of(x.clone(), ins)).collect()),
        other => other,
    }
}

/// After the advanced-index gather, which source dims are where: the first `p` rest dims, then the
/// broadcast index dims (None), then the remaining rest dims.
fn perm_rest_order(rest: &[usize], p: usize, nb: usize) -> Vec<Option<usize>> {
    let mut v: Vec<Option<usize>> = rest[..p].iter().map(|&d| Some(d)).collect();
    v.extend(std::iter::repeat_n(None, nb));
    v.extend(rest[p..].iter().map(|&d| Some(d)));
    v
}

/// Python's `slice.indices`: the first index and the length of the selection.
pub fn slice_indices(start: Option<i64>, stop: Option<i64>, step: i64, n: i64) -> (i64, i64) {
    let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let norm = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(v) if v < 0 => (v + n).max(lo),
            Some(v) => v.min(hi),
        }
    };
    let b = norm(start, if step > 0 { lo } else { hi });
    let e = norm(stop, if step > 0 { hi } else { lo });
    let len = if step > 0 { if e > b { (e - b + step - 1) / step } else { 0 } } else if b > e { (b - e + (-step) - 1) / (-step) } else { 0 };
    (b, len)
}

fn spec_str(spec: &[i64]) -> String {
    if spec.len() == 1 {
        format!("({},)", spec[0])
    } else {
        format!("({})", spec.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "))
    }
}

fn unreachable_leaf() -> Result<()> {
    Err(Diagnostic::new("TypeError", "an array can only hold numbers and bools"))
}

fn flatten_nested(v: &Value, depth: usize, shape: &mut Vec<usize>, leaves: &mut Vec<Value>, has_array: &mut bool) -> Result<()> {
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        Value::Range(a, b, s) => {
            let mut out = Vec::new();
            let mut i = *a;
            while (*s > 0 && i < *b) || (*s < 0 && i > *b) {
                out.push(Value::Int(i));
                i += s;
            }
            out
        }
        Value::Array(a) if a.ndim() > 0 => {
            // An array inside a list: its dims extend the shape.
            if shape.len() == depth {
                shape.extend(a.shape());
            } else if shape.len() < depth + a.ndim() || shape[depth..depth + a.ndim()] != *a.shape() {
                return Err(ragged());
            }
            *has_array = true;
            leaves.push(v.clone());
            return Ok(());
        }
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Array(_) => {
            if shape.len() != depth {
                return Err(ragged());
            }
            if let Value::Array(_) = v {
                *has_array = true;
            }
            leaves.push(v.clone());
            return Ok(());
        }
        other => {
            return Err(Diagnostic::new("TypeError", format!("cannot make an array element from a {}", other.type_name()))
                .with_help("arrays hold numbers and bools; nested lists must hold numbers"))
        }
    };
    if shape.len() == depth {
        shape.push(items.len());
    } else if shape.len() < depth || shape[depth] != items.len() {
        return Err(ragged());
    }
    if items.is_empty() {
        return Ok(());
    }
    for it in &items {
        flatten_nested(it, depth + 1, shape, leaves, has_array)?;
    }
    Ok(())
}

fn ragged() -> Diagnostic {
    Diagnostic::new("ValueError", "setting an array element with a sequence: the nested lists have different lengths (a ragged array)")
        .with_help("make every row the same length")
}

/// The parts of an index (a tuple's items, or the index itself) and how many of the array's
/// dimensions they consume (a boolean mask consumes its own rank; None and `...` none).
fn index_parts(idx: &Value) -> (Vec<Value>, usize) {
    let parts: Vec<Value> = match idx {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other.clone()],
    };
    let consumed = parts
        .iter()
        .map(|p| match p {
            Value::None | Value::Ellipsis => 0,
            Value::Array(x) if x.dtype() == DType::Bool => x.ndim().max(1),
            _ => 1,
        })
        .sum();
    (parts, consumed)
}

//! `Prim`: THE closed list of primitives. Every array operation in Slope is one of these, bound
//! through `Builder::bind`. Each transformation and backend is one exhaustive `match` over this
//! enum, with no `_ =>` arm, so adding a primitive is a tour led by compiler errors.
//!
//! Conventions shared by all primitives (the verifier checks them):
//! - Elementwise binary primitives take operands of the *same* shape and dtype; the interpreter
//!   inserts `BroadcastInDim` and `Cast` first (numpy/JAX promotion lives there, not here).
//! - Axes are non-negative and in range; shapes are fully known.
//! - Index outputs (`Argmax`, `Argmin`, `Argsort`) have dtype `index_dtype`.
//!
//! Each variant's doc names its example: a Slope program under `lang/tests/prims/` (run by a test
//! beside real numpy, which must print the same numbers).

use crate::array::{DType, Scalar};
use crate::ir::Func;
use std::rc::Rc;

/// One piece of a `DebugPrint` template: literal text, or operand `i` printed as numpy prints it.
#[derive(Clone, Debug, PartialEq)]
pub enum PrintPart {
    Lit(Rc<str>),
    Arg(usize),
}

/// The host function a `HostCall` calls: opaque to the IR (the interpreter puts its callable
/// here and its handler, installed around a run with `eval::with_host_handler`, takes it back).
/// Two are equal when they are the same function (the plan cache keys plans by `==`).
#[derive(Clone)]
pub struct HostFn {
    /// The callback's name, for the IR's text form.
    pub name: Rc<str>,
    pub f: Rc<dyn std::any::Any>,
}

impl PartialEq for HostFn {
    fn eq(&self, o: &HostFn) -> bool {
        Rc::ptr_eq(&self.f, &o.f)
    }
}

impl std::fmt::Debug for HostFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<function {} at {:p}>", self.name, Rc::as_ptr(&self.f) as *const u8)
    }
}

/// How `vmap` batches a `HostCall` (JAX's `vmap_method`): `Sequential` calls the function once
/// per example (a scan over the batch), `ExpandDims` once with unbatched operands given a
/// leading axis of size 1, `BroadcastAll` once with every operand broadcast to the batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmapMethod {
    Sequential,
    ExpandDims,
    BroadcastAll,
}

impl VmapMethod {
    pub fn name(self) -> &'static str {
        match self {
            VmapMethod::Sequential => "sequential",
            VmapMethod::ExpandDims => "expand_dims",
            VmapMethod::BroadcastAll => "broadcast_all",
        }
    }
    pub fn from_name(s: &str) -> Option<VmapMethod> {
        match s {
            "sequential" | "sequential_unrolled" => Some(VmapMethod::Sequential),
            "expand_dims" => Some(VmapMethod::ExpandDims),
            "broadcast_all" => Some(VmapMethod::BroadcastAll),
            _ => None,
        }
    }
}

/// Which JAX callback a `HostCall` is: `jax.pure_callback` (no effect: removed when its results
/// are unused), `io_callback` (an effect, kept and run in order) or `jax.debug.callback` (an
/// effect without results).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallbackKind {
    Pure,
    Io { ordered: bool },
    Debug,
}

/// How `Scatter` combines an update with the value already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScatterMode {
    Set,
    Add,
    Mul,
    Min,
    Max,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Prim {
    // ---- elementwise unary: one operand, same shape and dtype out ----
    /// `-x`. Example: `neg.py`.
    Neg,
    /// Logical not for bool, bitwise not for ints. Example: `not.py`.
    Not,
    /// `|x|`. Example: `abs.py`.
    Abs,
    /// -1, 0 or 1 (NaN stays NaN). Example: `sign.py`.
    Sign,
    /// Round toward -inf (floats only). Example: `floor.py`.
    Floor,
    /// Round toward +inf (floats only). Example: `ceil.py`.
    Ceil,
    /// Round half to even, as numpy (floats only). Example: `round.py`.
    Round,
    /// e^x. Example: `exp.py`.
    Exp,
    /// Natural logarithm. Example: `log.py`.
    Log,
    /// log(1 + x), accurate near 0. Example: `log1p.py`.
    Log1p,
    /// e^x - 1, accurate near 0. Example: `expm1.py`.
    Expm1,
    /// Square root. Example: `sqrt.py`.
    Sqrt,
    /// Sine. Example: `sin.py`.
    Sin,
    /// Cosine. Example: `cos.py`.
    Cos,
    /// Tangent. Example: `tan.py`.
    Tan,
    /// Inverse sine. Example: `asin.py`.
    Asin,
    /// Inverse cosine. Example: `acos.py`.
    Acos,
    /// Inverse tangent. Example: `atan.py`.
    Atan,
    /// Hyperbolic sine. Example: `sinh.py`.
    Sinh,
    /// Hyperbolic cosine. Example: `cosh.py`.
    Cosh,
    /// Hyperbolic tangent. Example: `tanh.py`.
    Tanh,
    /// `x ** y` for a constant integer `y` (JAX's `integer_pow`): repeated multiplication by
    /// binary exponentiation, as XLA computes it, then the reciprocal when `y < 0` (ints need
    /// `y ≥ 0`). `x ** n` with a Python int `n` binds it. Example: `integer_pow.py`.
    IntegerPow { y: i32 },

    // ---- elementwise binary: two operands of one shape and dtype ----
    /// `a + b` (or for bool). Example: `add.py`.
    Add,
    /// `a - b`. Example: `sub.py`.
    Sub,
    /// `a * b` (and for bool). Example: `mul.py`.
    Mul,
    /// Floats: true division. Ints: floor division, as numpy's `//` (x // 0 is 0). Example: `div.py`.
    Div,
    /// Remainder with the sign of the divisor, as numpy's `%` (x % 0 is 0 for ints). Example: `rem.py`.
    Rem,
    /// `a ** b`. Ints: exact repeated multiplication (negative exponents are an error upstream). Example: `pow.py`.
    Pow,
    /// Elementwise maximum, propagating NaN. Example: `max.py`.
    Max,
    /// Elementwise minimum, propagating NaN. Example: `min.py`.
    Min,
    /// atan2(a, b). Example: `atan2.py`.
    Atan2,
    /// `a == b` (bool out). Example: `eq.py`.
    Eq,
    /// `a != b` (bool out). Example: `ne.py`.
    Ne,
    /// `a < b` (bool out). Example: `lt.py`.
    Lt,
    /// `a <= b` (bool out). Example: `le.py`.
    Le,
    /// `a > b` (bool out). Example: `gt.py`.
    Gt,
    /// `a >= b` (bool out). Example: `ge.py`.
    Ge,
    /// Logical and for bool, bitwise for ints. Example: `and.py`.
    And,
    /// Logical or for bool, bitwise for ints. Example: `or.py`.
    Or,
    /// Logical xor for bool, bitwise for ints. Example: `xor.py`.
    Xor,

    // ---- other elementwise ----
    /// `select(pred, on_true, on_false)`: pred is bool, all three of one shape. Printed as JAX's
    /// `select_n pred on_false on_true`. Example: `where_select.py`.
    Select,
    /// Convert to `dtype` with numpy `astype` semantics. Example: `cast.py`.
    Cast { dtype: DType },

    // ---- reductions: the listed axes are removed from the shape ----
    /// Sum over `axes`. Example: `reduce_sum.py`.
    ReduceSum { axes: Vec<usize> },
    /// Product over `axes`. Example: `reduce_prod.py`.
    ReduceProd { axes: Vec<usize> },
    /// Maximum over `axes` (NaN propagates; empty is an error upstream). Example: `reduce_max.py`.
    ReduceMax { axes: Vec<usize> },
    /// Minimum over `axes`. Example: `reduce_min.py`.
    ReduceMin { axes: Vec<usize> },
    /// Index of the first maximum along `axis` (first NaN wins, as numpy). Example: `argmax.py`.
    Argmax { axis: usize, index_dtype: DType },
    /// Index of the first minimum along `axis`. Example: `argmin.py`.
    Argmin { axis: usize, index_dtype: DType },
    /// Inclusive running sum along `axis` (from the end when `reverse`). Example: `cumsum.py`.
    Cumsum { axis: usize, reverse: bool },
    /// Inclusive running product along `axis`. Example: `cumprod.py`.
    Cumprod { axis: usize, reverse: bool },

    // ---- movement ----
    /// Same data, new shape of equal size. Example: `reshape.py`.
    Reshape { shape: Vec<usize> },
    /// Operand dimension i becomes output dimension `dims[i]` (size equal or 1); the other output
    /// dimensions are new. `dims` is strictly increasing. Example: `broadcast.py`.
    BroadcastInDim { shape: Vec<usize>, dims: Vec<usize> },
    /// Output dimension i is operand dimension `perm[i]`. Example: `transpose.py`.
    Transpose { perm: Vec<usize> },
    /// `x[start:limit:stride]` per dimension, strides ≥ 1. Example: `slice.py`.
    Slice { start: Vec<usize>, limit: Vec<usize>, stride: Vec<usize> },
    /// Reverse the order of elements along `axes`. Example: `rev.py`.
    Rev { axes: Vec<usize> },
    /// Operands `(x, value)` with `value` 0-d of x's dtype: add `lo[i]` elements before,
    /// `hi[i]` after and `interior[i]` between elements of dimension i. Example: `pad.py`.
    Pad { lo: Vec<usize>, hi: Vec<usize>, interior: Vec<usize> },
    /// Join the operands (same dtype, same shape but along `axis`). Example: `concat.py`.
    Concat { axis: usize },
    /// `take(x, idx, axis)`: operands `(x, idx)` with int idx; output shape
    /// `x.shape[..axis] ++ idx.shape ++ x.shape[axis+1..]`. Negative indices count from the
    /// end; out-of-range indices are clamped (the interpreter reports them first when it can).
    /// Example: `gather.py`.
    Gather { axis: usize },
    /// The inverse of `Gather`: operands `(x, idx, updates)` with updates shaped like
    /// `Gather`'s output; each update is combined into `x` by `mode`, duplicates in order.
    /// Negative indices count from the end (once, as in `Gather`); indices still out of range
    /// are dropped. Example: `scatter.py`.
    Scatter { axis: usize, mode: ScatterMode },
    /// Sort along `axis`, ascending, NaN last. Example: `sort.py`.
    Sort { axis: usize },
    /// The stable permutation that sorts along `axis`. Example: `argsort.py`.
    Argsort { axis: usize, index_dtype: DType },

    // ---- linear algebra ----
    /// JAX's `dot_general`: operands `(lhs, rhs)` of one dtype. Output dimensions: batch,
    /// then lhs free dimensions, then rhs free dimensions, each in operand order. Example: `dot_general.py`.
    DotGeneral { lhs_contract: Vec<usize>, rhs_contract: Vec<usize>, lhs_batch: Vec<usize>, rhs_batch: Vec<usize> },

    // ---- sources ----
    /// No operands: 0, 1, 2, … along `axis` of `shape`. Example: `iota.py`.
    Iota { shape: Vec<usize>, axis: usize, dtype: DType },
    /// No operands: a 0-d constant. Example: `literal.py`.
    Literal(Scalar),
    /// The threefry-2x32 block cipher (20 rounds), the source of `jax.random`: operands
    /// `(k0, k1, x0, x1)`, all int32 holding uint32 bit patterns, `x0`/`x1` of one shape and
    /// the keys 0-d or of that shape too (batched keys); outputs the two enciphered words of that shape. Example: `threefry.py`.
    Threefry2x32,

    // ---- autodiff and effects ----
    /// The identity, whose derivative is zero (`lax.stop_gradient`). Example: `stop_gradient.py`.
    StopGradient,
    /// Print the operands when the computation runs (`print` and `jax.debug.print` inside traced
    /// code); no outputs, never removed as dead code. Example: `debug_print.py`.
    DebugPrint { template: Vec<PrintPart> },
    /// A function with a user-defined reverse-mode rule (`jax.custom_vjp`): `primal` computes the
    /// outputs; `fwd` computes the outputs followed by residuals; `bwd` maps (residuals, output
    /// cotangents) to input cotangents. Example: `custom_vjp.py`.
    CustomVjp { primal: Rc<Func>, fwd: Rc<Func>, bwd: Rc<Func> },
    /// The linear part of a `CustomVjp` after linearisation: operands `(residuals…, tangents…)`;
    /// its transpose runs `bwd`. It has no forward meaning of its own. Example: `custom_vjp.py`.
    CustomLinear { bwd: Rc<Func>, n_res: usize, out_types: Vec<crate::ir::Type> },
    /// A function with a user-defined forward-mode rule (`jax.custom_jvp`): `jvp` maps
    /// (primals…, tangents…) to (outputs…, output tangents…). Example: `custom_jvp.py`.
    CustomJvp { primal: Rc<Func>, jvp: Rc<Func> },
    /// A call of a host function when the computation runs (`jax.pure_callback`,
    /// `io_callback`, `jax.debug.callback`, Rust exports inside a trace): the operands' values
    /// go to `callback`, which returns arrays of the types `outs`. Runs as a host step between
    /// kernels; its derivative comes from `custom_jvp`/`custom_vjp` around it. Example:
    /// `host_call.py`.
    HostCall { callback: HostFn, outs: Vec<crate::ir::Type>, vmap_method: Option<VmapMethod>, kind: CallbackKind },

    // ---- control flow: primitives holding functions, as JAX's ----
    /// `lax.cond`/`lax.switch`: operands `(index, operands…)`, the index a 0-d int32 already
    /// clamped into range; runs `branches[index]` on the operands (every branch takes and returns
    /// the same types). Example: `cond.py`.
    Cond { branches: Vec<Rc<Func>> },
    /// `lax.while_loop`: operands `(cond_consts…, body_consts…, carry…)` with `n_cond` and
    /// `n_body` constants; while `cond(cond_consts…, carry…)` (a 0-d bool) holds,
    /// `carry = body(body_consts…, carry…)`. Outputs: the final carry. Example: `while.py`.
    While { cond: Rc<Func>, body: Rc<Func>, n_cond: usize, n_body: usize },
    /// `lax.scan`: operands `(consts…, carry…, xs…)` (`n_consts`, `n_carry`, then arrays with a
    /// leading axis of `length`); step i runs `body(consts…, carry…, xs[i]…) -> (carry…, y…)`
    /// (i from the end when `reverse`). Outputs: the final carry, then the ys stacked along a
    /// new leading axis of `length`. Example: `scan.py`.
    Scan { body: Rc<Func>, n_consts: usize, n_carry: usize, length: usize, reverse: bool },
}

impl Prim {
    /// Whether the primitive must run even when its results are unused: a print, an
    /// effectful host callback, or control flow (or a custom rule's function) holding one.
    pub fn has_effect(&self) -> bool {
        match self {
            Prim::DebugPrint { .. } => true,
            Prim::HostCall { kind, .. } => *kind != CallbackKind::Pure,
            _ => self.nested().iter().any(|f| f.eqns.iter().any(|e| e.prim.has_effect())),
        }
    }

    /// Whether the primitive is a `HostCall` or holds one in a nested function.
    pub fn has_host_call(&self) -> bool {
        matches!(self, Prim::HostCall { .. }) || self.nested().iter().any(|f| f.eqns.iter().any(|e| e.prim.has_host_call()))
    }

    /// The functions a primitive holds (control flow's bodies, custom rules' functions).
    pub fn nested(&self) -> Vec<&Rc<Func>> {
        match self {
            Prim::CustomVjp { primal, fwd, bwd } => vec![primal, fwd, bwd],
            Prim::CustomLinear { bwd, .. } => vec![bwd],
            Prim::CustomJvp { primal, jvp } => vec![primal, jvp],
            Prim::Cond { branches } => branches.iter().collect(),
            Prim::While { cond, body, .. } => vec![cond, body],
            Prim::Scan { body, .. } => vec![body],
            _ => vec![],
        }
    }

    /// The name printed in the IR, as JAX's jaxprs name the primitive.
    pub fn name(&self) -> &'static str {
        match self {
            Prim::Neg => "neg",
            Prim::Not => "not",
            Prim::Abs => "abs",
            Prim::Sign => "sign",
            Prim::Floor => "floor",
            Prim::Ceil => "ceil",
            Prim::Round => "round",
            Prim::Exp => "exp",
            Prim::Log => "log",
            Prim::Log1p => "log1p",
            Prim::Expm1 => "expm1",
            Prim::Sqrt => "sqrt",
            Prim::Sin => "sin",
            Prim::Cos => "cos",
            Prim::Tan => "tan",
            Prim::Asin => "asin",
            Prim::Acos => "acos",
            Prim::Atan => "atan",
            Prim::Sinh => "sinh",
            Prim::Cosh => "cosh",
            Prim::Tanh => "tanh",
            Prim::IntegerPow { .. } => "integer_pow",
            Prim::Add => "add",
            Prim::Sub => "sub",
            Prim::Mul => "mul",
            Prim::Div => "div",
            Prim::Rem => "rem",
            Prim::Pow => "pow",
            Prim::Max => "max",
            Prim::Min => "min",
            Prim::Atan2 => "atan2",
            Prim::Eq => "eq",
            Prim::Ne => "ne",
            Prim::Lt => "lt",
            Prim::Le => "le",
            Prim::Gt => "gt",
            Prim::Ge => "ge",
            Prim::And => "and",
            Prim::Or => "or",
            Prim::Xor => "xor",
            Prim::Select => "select_n",
            Prim::Cast { .. } => "convert_element_type",
            Prim::ReduceSum { .. } => "reduce_sum",
            Prim::ReduceProd { .. } => "reduce_prod",
            Prim::ReduceMax { .. } => "reduce_max",
            Prim::ReduceMin { .. } => "reduce_min",
            Prim::Argmax { .. } => "argmax",
            Prim::Argmin { .. } => "argmin",
            Prim::Cumsum { .. } => "cumsum",
            Prim::Cumprod { .. } => "cumprod",
            Prim::Reshape { .. } => "reshape",
            Prim::BroadcastInDim { .. } => "broadcast_in_dim",
            Prim::Transpose { .. } => "transpose",
            Prim::Slice { .. } => "slice",
            Prim::Rev { .. } => "rev",
            Prim::Pad { .. } => "pad",
            Prim::Concat { .. } => "concatenate",
            Prim::Gather { .. } => "gather",
            Prim::Scatter { .. } => "scatter",
            Prim::Sort { .. } => "sort",
            Prim::Argsort { .. } => "argsort",
            Prim::DotGeneral { .. } => "dot_general",
            Prim::Iota { .. } => "iota",
            Prim::Literal(_) => "literal",
            Prim::Threefry2x32 => "threefry2x32",
            Prim::StopGradient => "stop_gradient",
            Prim::DebugPrint { .. } => "debug_print",
            Prim::CustomVjp { .. } => "custom_vjp_call",
            Prim::CustomLinear { .. } => "custom_lin",
            Prim::CustomJvp { .. } => "custom_jvp_call",
            Prim::HostCall { kind: CallbackKind::Pure, .. } => "pure_callback",
            Prim::HostCall { kind: CallbackKind::Io { .. }, .. } => "io_callback",
            Prim::HostCall { kind: CallbackKind::Debug, .. } => "debug_callback",
            Prim::Cond { .. } => "cond",
            Prim::While { .. } => "while",
            Prim::Scan { .. } => "scan",
        }
    }

    /// Whether the primitive maps elements at one position of its operands (all of one shape) to
    /// the element at that position of its output.
    pub fn is_elementwise(&self) -> bool {
        match self {
            Prim::Neg | Prim::Not | Prim::Abs | Prim::Sign | Prim::Floor | Prim::Ceil | Prim::Round | Prim::Exp | Prim::Log | Prim::Log1p | Prim::Expm1 | Prim::Sqrt | Prim::Sin | Prim::Cos | Prim::Tan | Prim::Asin | Prim::Acos | Prim::Atan | Prim::Sinh | Prim::Cosh | Prim::Tanh | Prim::IntegerPow { .. } | Prim::Add | Prim::Sub | Prim::Mul | Prim::Div | Prim::Rem | Prim::Pow | Prim::Max | Prim::Min | Prim::Atan2 | Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge | Prim::And | Prim::Or | Prim::Xor | Prim::Select | Prim::Cast { .. } => true,
            Prim::ReduceSum { .. } | Prim::ReduceProd { .. } | Prim::ReduceMax { .. } | Prim::ReduceMin { .. } | Prim::Argmax { .. } | Prim::Argmin { .. } | Prim::Cumsum { .. } | Prim::Cumprod { .. } | Prim::Reshape { .. } | Prim::BroadcastInDim { .. } | Prim::Transpose { .. } | Prim::Slice { .. } | Prim::Rev { .. } | Prim::Pad { .. } | Prim::Concat { .. } | Prim::Gather { .. } | Prim::Scatter { .. } | Prim::Sort { .. } | Prim::Argsort { .. } | Prim::DotGeneral { .. } | Prim::Iota { .. } | Prim::Literal(_) | Prim::Threefry2x32 | Prim::StopGradient | Prim::DebugPrint { .. } | Prim::CustomVjp { .. } | Prim::CustomLinear { .. } | Prim::CustomJvp { .. } | Prim::HostCall { .. } | Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. } => false,
        }
    }

    /// The parameters as `name=value` pairs, for the IR's text form.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        // A tuple as Python writes it: `()`, `(0,)`, `(0, 1)`.
        fn l(v: &[usize]) -> String {
            let items: Vec<String> = v.iter().map(|x| x.to_string()).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        match self {
            // Names, values and order as JAX 0.10 prints them (its parameters, sorted).
            Prim::Cast { dtype } => vec![("new_dtype", dtype.name().to_string()), ("weak_type", "False".into())],
            Prim::IntegerPow { y } => vec![("y", y.to_string())],
            Prim::ReduceSum { axes } => vec![("axes", l(axes)), ("out_sharding", "None".into())],
            Prim::ReduceProd { axes } | Prim::ReduceMax { axes } | Prim::ReduceMin { axes } => vec![("axes", l(axes))],
            Prim::Argmax { axis, index_dtype } | Prim::Argmin { axis, index_dtype } => vec![("axes", l(&[*axis])), ("index_dtype", index_dtype.name().into())],
            Prim::Cumsum { axis, reverse } | Prim::Cumprod { axis, reverse } => vec![("axis", axis.to_string()), ("reverse", reverse.to_string())],
            Prim::Reshape { shape } => vec![("dimensions", "None".into()), ("new_sizes", l(shape)), ("sharding", "None".into())],
            Prim::BroadcastInDim { shape, dims } => vec![("shape", l(shape)), ("broadcast_dimensions", l(dims))],
            Prim::Transpose { perm } => vec![("permutation", l(perm))],
            Prim::Slice { start, limit, stride } => {
                vec![("limit_indices", l(limit)), ("start_indices", l(start)), ("strides", if stride.iter().all(|&s| s == 1) { "None".into() } else { l(stride) })]
            }
            Prim::Rev { axes } => vec![("dimensions", l(axes))],
            Prim::Pad { lo, hi, interior } => vec![("lo", l(lo)), ("hi", l(hi)), ("interior", l(interior))],
            Prim::Concat { axis } => vec![("dimension", axis.to_string())],
            Prim::Gather { axis } | Prim::Sort { axis } => vec![("axis", axis.to_string())],
            Prim::Scatter { axis, mode } => vec![("axis", axis.to_string()), ("mode", format!("{mode:?}").to_lowercase())],
            Prim::Argsort { axis, index_dtype } => vec![("axis", axis.to_string()), ("index_dtype", index_dtype.name().into())],
            Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } => {
                vec![("dimension_numbers", format!("(({}, {}), ({}, {}))", l(lhs_contract), l(rhs_contract), l(lhs_batch), l(rhs_batch)))]
            }
            Prim::Iota { shape, axis, dtype } => vec![("dimension", axis.to_string()), ("dtype", dtype.name().into()), ("shape", l(shape)), ("sharding", "None".into())],
            Prim::Literal(s) => vec![("value", format!("{}", s.to_f64()))],
            Prim::DebugPrint { template } => {
                let t: String = template.iter().map(|p| match p { PrintPart::Lit(s) => s.replace('\n', "\\n"), PrintPart::Arg(i) => format!("{{{i}}}") }).collect();
                vec![("fmt", format!("{t:?}"))]
            }
            Prim::CustomVjp { primal, .. } | Prim::CustomJvp { primal, .. } => vec![("eqns", primal.eqns.len().to_string())],
            Prim::CustomLinear { n_res, .. } => vec![("residuals", n_res.to_string())],
            Prim::HostCall { callback, outs, vmap_method, kind } => {
                let avals: Vec<String> = outs.iter().map(|t| format!("ShapedArray({}[{}])", t.dtype.name(), t.shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(","))).collect();
                let avals = if avals.len() == 1 { format!("({},)", avals[0]) } else { format!("({})", avals.join(", ")) };
                let cb = ("callback", format!("<function {}>", callback.name));
                match kind {
                    CallbackKind::Pure => vec![cb, ("result_avals", avals), ("sharding", "None".into()), ("vmap_method", vmap_method.map_or("None", |m| m.name()).into())],
                    CallbackKind::Io { ordered } => vec![cb, ("ordered", if *ordered { "True".into() } else { "False".into() }), ("result_avals", avals), ("sharding", "None".into())],
                    CallbackKind::Debug => vec![cb, ("effect", "Debug".into()), ("partitioned", "False".into())],
                }
            }
            Prim::Cond { branches } => vec![("branches", format!("({},)", branches.iter().map(|b| b.jaxpr_text(b.params.len())).collect::<Vec<_>>().join(", ")))],
            Prim::While { cond, body, n_cond, n_body } => vec![
                ("body_jaxpr", body.jaxpr_text(body.params.len())),
                ("body_nconsts", n_body.to_string()),
                ("cond_jaxpr", cond.jaxpr_text(cond.params.len())),
                ("cond_nconsts", n_cond.to_string()),
            ],
            Prim::Scan { body, n_consts, n_carry, length, reverse } => vec![
                ("jaxpr", body.jaxpr_text(body.params.len())),
                ("length", length.to_string()),
                ("num_carry", n_carry.to_string()),
                ("num_consts", n_consts.to_string()),
                ("reverse", if *reverse { "True".into() } else { "False".into() }),
            ],
            Prim::Neg | Prim::Not | Prim::Abs | Prim::Sign | Prim::Floor | Prim::Ceil | Prim::Round | Prim::Exp | Prim::Log | Prim::Log1p | Prim::Expm1 | Prim::Sqrt | Prim::Sin | Prim::Cos | Prim::Tan | Prim::Asin | Prim::Acos | Prim::Atan | Prim::Sinh | Prim::Cosh | Prim::Tanh | Prim::Add | Prim::Sub | Prim::Mul | Prim::Div | Prim::Rem | Prim::Pow | Prim::Max | Prim::Min | Prim::Atan2 | Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge | Prim::And | Prim::Or | Prim::Xor | Prim::Select | Prim::Threefry2x32 | Prim::StopGradient => vec![],
        }
    }
}

//! `Kernel`: the backend-neutral loop-level IR that `fuse` produces and every backend compiles.
//!
//! A kernel is a loop nest over *dimensions* (`dims`, sizes known when the kernel is built).
//! The first `outer` dimensions are the outer loops; for each point of them the kernel runs its
//! `phases` in order. A phase loops over its own inner dimensions and either folds a value into
//! one result per outer point (`Phase::Reduce`, read later through `Op::Reduced`) or stores values
//! into output buffers (`Phase::Map`). Values are nodes of one SSA list shared by all phases;
//! a node's index arithmetic is an `Affine` function of the loop counters, so broadcasts,
//! transposes, slices and reshapes never copy.
//!
//! Invariants (checked by `Kernel::verify`):
//! 1. Every node's operands are earlier nodes, and their dtypes are what the operation needs.
//! 2. Every `Affine` names existing dimensions; every phase uses only the outer dimensions and
//!    its own, and every load and store stays inside its buffer for every point of the phase.
//! 3. `Op::Reduced(p)` is used only by phases after `p`.
//! 4. Stores write output buffers only; a load of an output buffer reads what an earlier phase
//!    of the same outer point wrote (the fuser guarantees the write; the verifier checks the order).
//! 5. A scratch argument is indexed by inner dimensions only (one outer point's block).
//! 6. `split`, when set, is an outer dimension, or the first dimension of the only phase.
//!
//! This module owns the data structure, its text form and its verifier. It knows nothing of
//! `Prim` (that mapping lives in `fuse::lower`) nor of any backend.

use crate::array::{DType, Scalar};
use std::fmt;

/// A node of the kernel's value list.
pub type NodeId = usize;

/// `offset + Σ coef · counter[dim]`, in elements.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Affine {
    pub offset: i64,
    /// `(dim, coef)` with distinct dims and nonzero coefs, sorted by dim.
    pub terms: Vec<(usize, i64)>,
}

impl Affine {
    pub fn constant(offset: i64) -> Affine {
        Affine { offset, terms: Vec::new() }
    }
    /// Build from unsorted, possibly repeated or zero terms.
    pub fn new(offset: i64, mut terms: Vec<(usize, i64)>) -> Affine {
        terms.sort();
        let mut out: Vec<(usize, i64)> = Vec::with_capacity(terms.len());
        for (d, c) in terms {
            match out.last_mut() {
                Some(last) if last.0 == d => last.1 += c,
                _ => out.push((d, c)),
            }
        }
        out.retain(|&(_, c)| c != 0);
        Affine { offset, terms: out }
    }
    pub fn coef(&self, dim: usize) -> i64 {
        self.terms.iter().find(|t| t.0 == dim).map_or(0, |t| t.1)
    }
    pub fn scale(&self, k: i64) -> Affine {
        Affine::new(self.offset * k, self.terms.iter().map(|&(d, c)| (d, c * k)).collect())
    }
    pub fn add(&self, o: &Affine) -> Affine {
        Affine::new(self.offset + o.offset, self.terms.iter().chain(&o.terms).copied().collect())
    }
    /// The smallest and largest value over counters in `0..dims[d]` (all dims nonempty).
    pub fn range(&self, dims: &[usize]) -> (i64, i64) {
        let (mut lo, mut hi) = (self.offset, self.offset);
        for &(d, c) in &self.terms {
            let span = c * (dims[d] as i64 - 1);
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
        (lo, hi)
    }
}

impl fmt::Display for Affine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.offset)?;
        for &(d, c) in &self.terms {
            if c == 1 {
                write!(f, " + d{d}")?;
            } else {
                write!(f, " + {c}*d{d}")?;
            }
        }
        Ok(())
    }
}

/// Elementwise operations of one operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
    Abs,
    Sign,
    Floor,
    Ceil,
    Round,
    Exp,
    Log,
    Log1p,
    Expm1,
    Sqrt,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    /// `x ** y` by repeated multiplication (binary exponentiation, as `eval`), then the
    /// reciprocal for `y < 0`.
    IntPow(i32),
}

/// Elementwise operations of two operands of one dtype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Max,
    Min,
    Atan2,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Xor,
}

impl BinOp {
    pub fn is_comparison(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
}

/// How a `Phase::Reduce` folds its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReduceOp {
    Sum,
    Prod,
    Max,
    Min,
    /// The position of the first maximum along the phase's one dimension (first NaN wins).
    Argmax,
    /// The position of the first minimum along the phase's one dimension (first NaN wins).
    Argmin,
}

/// A value computed at each point of the phase that uses it.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// The element of buffer `arg` at flat position `at`.
    Load { arg: usize, at: Affine },
    /// The integer `at` (of the node's dtype): an `iota`.
    Index { at: Affine },
    Const(Scalar),
    Unary(UnOp, NodeId),
    Binary(BinOp, NodeId, NodeId),
    /// `pred ? a : b`.
    Select(NodeId, NodeId, NodeId),
    /// Conversion to the node's dtype with numpy `astype` semantics.
    Cast(NodeId),
    /// The result of reduce phase `p` at the current outer point.
    Reduced(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub op: Op,
    pub dtype: DType,
}

/// One store of a map phase: `value` into buffer `arg` at `at`.
#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    pub arg: usize,
    pub at: Affine,
    pub value: NodeId,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Folds `value` over `dims` with `op`; the result (of dtype `dtype`) is `Op::Reduced`.
    Reduce { dims: Vec<usize>, op: ReduceOp, value: NodeId, dtype: DType },
    /// Stores values at every point of `dims`.
    Map { dims: Vec<usize>, stores: Vec<Store> },
}

impl Phase {
    pub fn dims(&self) -> &[usize] {
        match self {
            Phase::Reduce { dims, .. } | Phase::Map { dims, .. } => dims,
        }
    }
    /// The nodes the phase consumes directly.
    pub fn roots(&self) -> Vec<NodeId> {
        match self {
            Phase::Reduce { value, .. } => vec![*value],
            Phase::Map { stores, .. } => stores.iter().map(|s| s.value).collect(),
        }
    }
}

/// Whether a buffer argument is read or written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    In,
    Out,
    /// Written and read within one outer point only, never seen outside the kernel: each thread
    /// gets its own buffer of `len` elements (one outer point's worth), which stays in cache.
    Scratch,
}

/// A buffer argument of a kernel.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Arg {
    pub dtype: DType,
    pub role: Role,
    /// Its number of elements.
    pub len: usize,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Kernel {
    pub args: Vec<Arg>,
    pub dims: Vec<usize>,
    pub outer: usize,
    /// The dimension whose range `[start, end)` is given when the kernel runs, so that the work
    /// can be split between threads; `None` runs everything in one call.
    pub split: Option<usize>,
    pub nodes: Vec<Node>,
    pub phases: Vec<Phase>,
}

impl Kernel {
    /// The number of loop iterations of the whole kernel (its work, for scheduling).
    pub fn work(&self) -> usize {
        let outer: usize = self.dims[..self.outer].iter().product();
        let inner: usize = self.phases.iter().map(|p| p.dims().iter().map(|&d| self.dims[d]).product::<usize>()).sum();
        outer.saturating_mul(inner.max(1))
    }

    /// The dimensions each node depends on (as a bit set over dims), and whether it depends on a
    /// reduce phase's result.
    pub fn node_dims(&self) -> Vec<u64> {
        let mut deps = vec![0u64; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            deps[i] = match &n.op {
                Op::Load { at, .. } | Op::Index { at } => at.terms.iter().fold(0, |m, &(d, _)| m | (1u64 << d.min(63))),
                Op::Const(_) => 0,
                Op::Reduced(_) => (1u64 << self.outer.min(63)) - 1,
                Op::Unary(_, a) | Op::Cast(a) => deps[*a],
                Op::Binary(_, a, b) => deps[*a] | deps[*b],
                Op::Select(p, a, b) => deps[*p] | deps[*a] | deps[*b],
            };
        }
        deps
    }

    /// Check the invariants listed in the module doc.
    pub fn verify(&self) -> Result<(), String> {
        if self.dims.len() > 63 {
            return Err(format!("{} dimensions, more than 63", self.dims.len()));
        }
        if self.outer > self.dims.len() {
            return Err(format!("outer {} exceeds the {} dimensions", self.outer, self.dims.len()));
        }
        // 1. Operands precede their uses and have fitting dtypes.
        for (i, n) in self.nodes.iter().enumerate() {
            let ty = |j: NodeId| -> Result<DType, String> {
                if j >= i {
                    return Err(format!("%{i} uses %{j}, which is not defined before it"));
                }
                Ok(self.nodes[j].dtype)
            };
            match &n.op {
                Op::Load { arg, at } => {
                    let a = self.args.get(*arg).ok_or_else(|| format!("%{i} loads from argument {arg}, which does not exist"))?;
                    if a.dtype != n.dtype {
                        return Err(format!("%{i} loads {} from a {} buffer", n.dtype, a.dtype));
                    }
                    self.check_affine(at, i)?;
                }
                Op::Index { at } => {
                    if !n.dtype.is_int() && !n.dtype.is_float() {
                        return Err(format!("%{i}: an index of dtype {}", n.dtype));
                    }
                    self.check_affine(at, i)?;
                }
                Op::Const(s) => {
                    if s.dtype() != n.dtype {
                        return Err(format!("%{i}: a constant of dtype {} in a {} node", s.dtype(), n.dtype));
                    }
                }
                Op::Unary(op, a) => {
                    if ty(*a)? != n.dtype {
                        return Err(format!("%{i}: {op:?} changes the dtype"));
                    }
                }
                Op::Binary(op, a, b) => {
                    let (ta, tb) = (ty(*a)?, ty(*b)?);
                    let want = if op.is_comparison() { DType::Bool } else { ta };
                    if ta != tb || n.dtype != want {
                        return Err(format!("%{i}: {op:?} of {ta} and {tb} gives {}", n.dtype));
                    }
                }
                Op::Select(p, a, b) => {
                    if ty(*p)? != DType::Bool || ty(*a)? != n.dtype || ty(*b)? != n.dtype {
                        return Err(format!("%{i}: select needs a bool predicate and cases of dtype {}", n.dtype));
                    }
                }
                Op::Cast(a) => {
                    ty(*a)?;
                }
                Op::Reduced(p) => {
                    match self.phases.get(*p) {
                        Some(Phase::Reduce { dtype, .. }) if *dtype == n.dtype => {}
                        _ => return Err(format!("%{i} reads phase {p}, which is not a reduce phase of dtype {}", n.dtype)),
                    }
                }
            }
        }
        // 2–4. Per phase: dims, bounds, order.
        let deps = self.node_dims();
        let outer_mask: u64 = (1u64 << self.outer) - 1;
        let mut written_before: Vec<bool> = vec![false; self.args.len()];
        for (p, ph) in self.phases.iter().enumerate() {
            let mut mask = outer_mask;
            for &d in ph.dims() {
                if d < self.outer || d >= self.dims.len() {
                    return Err(format!("phase {p} loops over d{d}, which is not an inner dimension"));
                }
                mask |= 1 << d;
            }
            let nonempty = !ph.dims().iter().chain(&(0..self.outer).collect::<Vec<_>>()).any(|&d| self.dims[d] == 0);
            let mut stack = ph.roots();
            let mut seen = vec![false; self.nodes.len()];
            while let Some(n) = stack.pop() {
                if n >= self.nodes.len() {
                    return Err(format!("phase {p} uses %{n}, which does not exist"));
                }
                if std::mem::replace(&mut seen[n], true) {
                    continue;
                }
                if deps[n] & !mask != 0 {
                    return Err(format!("phase {p} uses %{n}, which depends on dimensions outside the phase"));
                }
                match &self.nodes[n].op {
                    Op::Reduced(q) if *q >= p => return Err(format!("phase {p} reads the result of phase {q}, which comes later")),
                    Op::Load { arg, at } => {
                        if self.args[*arg].role != Role::In && !written_before[*arg] {
                            return Err(format!("phase {p} reads output argument {arg} before any phase writes it"));
                        }
                        if nonempty {
                            self.check_bounds(at, *arg, &format!("%{n}"))?;
                        }
                    }
                    Op::Reduced(_) | Op::Index { .. } | Op::Const(_) => {}
                    Op::Unary(_, a) | Op::Cast(a) => stack.push(*a),
                    Op::Binary(_, a, b) => stack.extend([*a, *b]),
                    Op::Select(c, a, b) => stack.extend([*c, *a, *b]),
                }
            }
            if let Phase::Reduce { dims, op, value, dtype } = ph {
                let vin = self.nodes.get(*value).map(|n| n.dtype).ok_or_else(|| format!("phase {p} reduces %{value}, which does not exist"))?;
                match op {
                    ReduceOp::Argmax | ReduceOp::Argmin => {
                        if dims.len() != 1 || !matches!(dtype, DType::I32 | DType::I64) {
                            return Err(format!("phase {p}: {op:?} runs along one dimension to an int32 or int64 position"));
                        }
                    }
                    ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Max | ReduceOp::Min => {
                        if *dtype != vin {
                            return Err(format!("phase {p}: {op:?} of {vin} values gives {dtype}"));
                        }
                    }
                }
            }
            if let Phase::Map { stores, .. } = ph {
                for s in stores {
                    let a = self.args.get(s.arg).ok_or_else(|| format!("phase {p} stores to argument {}, which does not exist", s.arg))?;
                    if a.role == Role::In {
                        return Err(format!("phase {p} stores to input argument {}", s.arg));
                    }
                    if s.value >= self.nodes.len() {
                        return Err(format!("phase {p} stores %{}, which does not exist", s.value));
                    }
                    if a.dtype != self.nodes[s.value].dtype {
                        return Err(format!("phase {p} stores a {} into a {} buffer", self.nodes[s.value].dtype, a.dtype));
                    }
                    self.check_affine(&s.at, s.value)?;
                    if a.role == Role::Scratch && s.at.terms.iter().any(|&(d, _)| d < self.outer) {
                        return Err(format!("phase {p} stores to scratch argument {} by an outer dimension", s.arg));
                    }
                    if s.at.terms.iter().any(|&(d, _)| mask & (1 << d) == 0) {
                        return Err(format!("phase {p} stores at {}, which uses dimensions outside the phase", s.at));
                    }
                    if nonempty {
                        self.check_bounds(&s.at, s.arg, &format!("phase {p}'s store"))?;
                    }
                }
                for s in stores {
                    written_before[s.arg] = true;
                }
            }
        }
        // 5. The split dimension.
        if let Some(s) = self.split {
            let ok = s < self.outer || (self.outer == 0 && self.phases.len() == 1 && self.phases[0].dims().first() == Some(&s));
            if !ok {
                return Err(format!("split dimension d{s} is neither outer nor the first of the only phase"));
            }
        }
        Ok(())
    }

    fn check_affine(&self, at: &Affine, node: NodeId) -> Result<(), String> {
        for &(d, _) in &at.terms {
            if d >= self.dims.len() {
                return Err(format!("%{node} indexes with d{d}, which does not exist"));
            }
        }
        Ok(())
    }

    fn check_bounds(&self, at: &Affine, arg: usize, what: &str) -> Result<(), String> {
        let (lo, hi) = at.range(&self.dims);
        let len = self.args[arg].len as i64;
        if lo < 0 || hi >= len {
            return Err(format!("{what} reaches {lo}..={hi} of argument {arg}, which has {len} elements"));
        }
        Ok(())
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::In => "in",
        Role::Out => "out",
        Role::Scratch => "scratch",
    }
}

fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Bool(b) => b.to_string(),
        Scalar::I32(v) => v.to_string(),
        Scalar::I64(v) => v.to_string(),
        Scalar::F32(v) => format!("{v:?}"),
        Scalar::F64(v) => format!("{v:?}"),
        s => format!("{s:?}"),
    }
}

impl fmt::Display for Kernel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let args: Vec<String> = self
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{}{i}:{}[{}]", role_name(a.role), a.dtype.name(), a.len))
            .collect();
        let dims: Vec<String> = self.dims.iter().enumerate().map(|(i, d)| format!("d{i}={d}")).collect();
        write!(f, "kernel ({}) outer [{}] inner [{}]", args.join(", "), dims[..self.outer].join(" "), dims[self.outer..].join(" "))?;
        if let Some(s) = self.split {
            write!(f, " split d{s}")?;
        }
        writeln!(f)?;
        let arg = |i: usize| format!("{}{i}", role_name(self.args[i].role));
        for (i, n) in self.nodes.iter().enumerate() {
            let rhs = match &n.op {
                Op::Load { arg: a, at } => format!("load {}[{at}]", arg(*a)),
                Op::Index { at } => format!("index {at}"),
                Op::Const(s) => format!("const {}", scalar_text(s)),
                Op::Unary(op, a) => format!("{} %{a}", format!("{op:?}").to_lowercase()),
                Op::Binary(op, a, b) => format!("{} %{a} %{b}", format!("{op:?}").to_lowercase()),
                Op::Select(p, a, b) => format!("select %{p} %{a} %{b}"),
                Op::Cast(a) => format!("cast %{a}"),
                Op::Reduced(p) => format!("reduced phase{p}"),
            };
            writeln!(f, "  %{i}:{} = {rhs}", n.dtype.name())?;
        }
        for (p, ph) in self.phases.iter().enumerate() {
            let dims: Vec<String> = ph.dims().iter().map(|d| format!("d{d}")).collect();
            match ph {
                Phase::Reduce { op, value, dtype, .. } => {
                    writeln!(f, "  phase{p}: reduce {} over [{}] of %{value} -> {}", format!("{op:?}").to_lowercase(), dims.join(" "), dtype.name())?
                }
                Phase::Map { stores, .. } => {
                    let s: Vec<String> = stores.iter().map(|s| format!("{}[{}] = %{}", arg(s.arg), s.at, s.value)).collect();
                    writeln!(f, "  phase{p}: map over [{}]: {}", dims.join(" "), s.join("; "))?
                }
            }
        }
        Ok(())
    }
}

//! `fuse`: turns a staged `Func` into a `Plan`: a list of steps over buffers, most of them
//! `Kernel`s (DESIGN.md §4).
//!
//! What fuses, and how:
//! - Elementwise chains and DAGs are expressions of one kernel, evaluated at each point of the
//!   output; movement primitives (broadcast, transpose, slice, reverse and most reshapes) only
//!   change the index arithmetic of the loads beneath them, so views are never copied.
//! - A reduction becomes a reduce phase of the kernel that consumes it, with its elementwise
//!   producers inlined; its elementwise consumers are the phases after it (the epilogue), for
//!   every outer point (a row, say) in turn. So a row softmax or a row mean and variance is one
//!   kernel that reads each row while it is in cache.
//! - A value is written to memory (*materialized*) when a variable holds it (an output of the
//!   `Func`), when a non-fused step needs it, when it has several consumers and recomputing it is
//!   dear (transcendental functions, reductions), or when the index arithmetic cannot express it.
//!   Cheap multi-consumer values are recomputed where used. Materialized values of one outer
//!   shape share a kernel (multi-output kernels), and a later phase of that kernel reads what an
//!   earlier phase wrote for the same outer point instead of recomputing it.
//! - `dot_general` is a `Step::Dot` whose operands are strided views (a transposed operand is not
//!   copied); primitives that `lower` marks `Host` run through `eval`, one equation each.
//!
//! This module owns the fusion decisions and the `Plan`. It never touches array data and knows no
//! backend; `kernel` owns the kernel IR, `lower` the per-primitive rules.

pub mod kernel;
pub mod lower;

use crate::array::DType;
use crate::ir::{Builder, Eqn, Func, Type, Var};
use crate::prim::Prim;
use kernel::{Affine, Arg, Kernel, NodeId, Op, Phase, ReduceOp, Role, Store};
use lower::{lower, Lowering, View};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A buffer of a plan: the first `Plan::nparams` are the function's parameters.
pub type BufId = usize;

/// A strided view of a buffer: element `i` is at `offset + Σ i[d] · strides[d]`.
#[derive(Clone, Debug, PartialEq)]
pub struct StridedView {
    pub buf: BufId,
    pub offset: i64,
    pub strides: Vec<i64>,
    pub shape: Vec<usize>,
}

/// One step of a plan.
#[derive(Clone, Debug)]
pub enum Step {
    /// Run `kernel`; its argument i is buffer `bufs[i]`.
    Kernel { kernel: Kernel, bufs: Vec<BufId> },
    /// `out = dot_general(lhs, rhs)` with `prim`'s dimension numbers; `out` is dense.
    Dot { prim: Prim, lhs: StridedView, rhs: StridedView, out: BufId },
    /// Run a one-equation function through `eval` on dense buffers.
    Host { func: Func, ins: Vec<BufId>, outs: Vec<BufId> },
}

/// What a backend runs for one staged `Func`.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// The type of every buffer; buffers are dense and row-major.
    pub bufs: Vec<Type>,
    pub nparams: usize,
    pub steps: Vec<Step>,
    /// The buffer holding each output of the function.
    pub outs: Vec<BufId>,
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bufs: Vec<String> = self.bufs.iter().enumerate().map(|(i, t)| format!("b{i}:{t}")).collect();
        writeln!(f, "plan: params [{}]", bufs[..self.nparams].join(" "))?;
        for (i, s) in self.steps.iter().enumerate() {
            match s {
                Step::Kernel { kernel, bufs } => {
                    let b: Vec<String> = bufs.iter().map(|b| format!("b{b}:{}", self.bufs[*b])).collect();
                    write!(f, "step {i}: kernel on ({})\n{kernel}", b.join(", "))?;
                }
                Step::Dot { prim, lhs, rhs, out } => {
                    let p: Vec<String> = prim.params().iter().map(|(k, v)| format!("{k}={v}")).collect();
                    writeln!(
                        f,
                        "step {i}: b{out}:{} = dot_general[{}] b{}[{}; {:?}] b{}[{}; {:?}]",
                        self.bufs[*out],
                        p.join(" "),
                        lhs.buf,
                        lhs.offset,
                        lhs.strides,
                        rhs.buf,
                        rhs.offset,
                        rhs.strides
                    )?;
                }
                Step::Host { func, ins, outs } => {
                    let o: Vec<String> = outs.iter().map(|b| format!("b{b}")).collect();
                    let a: Vec<String> = ins.iter().map(|b| format!("b{b}")).collect();
                    writeln!(f, "step {i}: {} = eval {} {}", o.join(" "), func.eqns[0].prim.name(), a.join(" "))?;
                }
            }
        }
        let o: Vec<String> = self.outs.iter().map(|b| format!("b{b}")).collect();
        write!(f, "outputs ({})", o.join(", "))
    }
}

/// Inputs this large or larger get their full reductions split in two stages so that the first
/// stage has rows to share between threads.
const SPLIT_REDUCTION_MIN: usize = 1 << 16;

/// The most loop dimensions a kernel may have (its verifier's limit is 63).
const MAX_DIMS: usize = 60;

/// The cost above which a value with several consumers is materialized rather than recomputed.
const DEAR: u32 = 8;

/// The most code a kernel gathers from several materialized roots, in `node_weight` units
/// (about machine instructions): past it the next root starts a new kernel. Register allocation
/// grows faster than linearly with a function's size and its live values, so one kernel holding,
/// say, the 2,000 saved values of a long chain's backward pass took minutes to compile; a few
/// kernels of bounded size compile in milliseconds and cost only their buffers' round trips.
const MAX_KERNEL_WEIGHT: u32 = 3000;

/// The most an expression inlined into one store may cost (in the cost units above, DEAR for a
/// transcendental function): a dearer value is materialized, so a chain of thousands of
/// operations (the backward pass of a long chain multiplies thousands of factors) becomes a few
/// kernels of bounded size rather than one function Cranelift takes minutes to allocate.
const MAX_EXPR_COST: u32 = DEAR * 64;

/// About how many instructions a node becomes (a transcendental function is a polynomial).
fn node_weight(op: &Op) -> u32 {
    use kernel::UnOp as U;
    match op {
        Op::Unary(U::Exp | U::Log | U::Log1p | U::Expm1 | U::Sin | U::Cos | U::Tan | U::Asin | U::Acos | U::Atan | U::Sinh | U::Cosh | U::Tanh, _) => 40,
        Op::Binary(kernel::BinOp::Pow | kernel::BinOp::Atan2, _, _) => 60,
        Op::Binary(kernel::BinOp::Div | kernel::BinOp::Rem, _, _) => 4,
        _ => 1,
    }
}

/// Fuse `func` into a plan (the tests' entry; the runtime calls `plan_bound`).
#[cfg(test)]
pub fn plan(func: &Func) -> Result<Plan, String> {
    plan_bound(func, None)
}

/// Fuse `func` into a plan whose kernels bind at most `max_args` buffers each (a GPU adapter's
/// storage buffers per shader stage): a root that would take its kernel past the bound starts a
/// new kernel, and one that needs more on its own has a part of its expression materialized
/// first. `None`: no bound (the CPU).
pub fn plan_bound(func: &Func, max_args: Option<usize>) -> Result<Plan, String> {
    let func = split_big_reductions(&cse(func));
    let mut forced: HashSet<Var> = HashSet::new();
    let mut isolated: HashSet<Var> = HashSet::new();
    let mut fresh: HashSet<Var> = HashSet::new();
    for _ in 0..func.types.len() * 3 + 8 {
        match Fuser::new(&func, &forced, &isolated, &fresh, max_args.unwrap_or(usize::MAX)).run() {
            Ok(p) => return Ok(p),
            Err(FuseErr::Retry(v)) => {
                if !forced.insert(v) {
                    isolated.insert(v);
                }
            }
            Err(FuseErr::Isolate(v)) => {
                isolated.insert(v);
            }
            Err(FuseErr::Fresh(v)) => {
                fresh.insert(v);
            }
            Err(FuseErr::Fail(m)) => return Err(m),
        }
    }
    Err("internal error: fusion did not converge".into())
}

/// Why building a plan stopped.
enum FuseErr {
    /// Materialize this variable and start again.
    Retry(Var),
    /// Keep this materialized variable's consumers out of its kernel and start again.
    Isolate(Var),
    /// Compute this materialized variable in a kernel of its own (with what joins it after)
    /// and start again: joining the open kernel took it past the binding bound.
    Fresh(Var),
    Fail(String),
}

type R<T> = Result<T, FuseErr>;

fn row_major(shape: &[usize]) -> Vec<i64> {
    crate::array::strides(shape).into_iter().map(|s| s as i64).collect()
}

/// `Σ strides[j] · m[j]`: the flat position of the index `m`.
fn flat(m: &[Affine], strides: &[i64]) -> Affine {
    m.iter().zip(strides).fold(Affine::constant(0), |acc, (a, &s)| acc.add(&a.scale(s)))
}

/// The operand index map of a movement primitive, given its output's map `m`.
/// `dims` are the loop sizes the affine maps range over.
fn compose_view(view: &View, m: &[Affine], out: &[usize], operand: &[usize], dims: &[usize]) -> Option<Vec<Affine>> {
    Some(match view {
        View::Broadcast { dims: bd } => {
            bd.iter().enumerate().map(|(i, &d)| if operand[i] == 1 { Affine::constant(0) } else { m[d].clone() }).collect()
        }
        View::Transpose { perm } => {
            let mut rows = vec![Affine::constant(0); operand.len()];
            for (i, &p) in perm.iter().enumerate() {
                rows[p] = m[i].clone();
            }
            rows
        }
        View::Slice { start, stride } => {
            m.iter().enumerate().map(|(i, a)| a.scale(stride[i] as i64).add(&Affine::constant(start[i] as i64))).collect()
        }
        View::Rev { axes } => m
            .iter()
            .enumerate()
            .map(|(i, a)| if axes.contains(&i) { a.scale(-1).add(&Affine::constant(operand[i] as i64 - 1)) } else { a.clone() })
            .collect(),
        View::Reshape => return reshape_map(m, out, operand, dims),
    })
}

/// The operand map of a reshape from shape `a` to shape `b`, given the output map `m`, when it is
/// affine: every loop counter must move one digit of `a`'s row-major numbering without carries.
fn reshape_map(m: &[Affine], b: &[usize], a: &[usize], dims: &[usize]) -> Option<Vec<Affine>> {
    let fl = flat(m, &row_major(b));
    if fl.terms.iter().any(|&(d, _)| dims[d] == 0) {
        return Some(vec![Affine::constant(0); a.len()]);
    }
    let rm = row_major(a);
    let total: i64 = a.iter().product::<usize>() as i64;
    // An empty operand (and so an empty output) is never read; its strides may be zero.
    if total == 0 {
        return Some(vec![Affine::constant(0); a.len()]);
    }
    if fl.offset < 0 || fl.offset >= total {
        return None;
    }
    let mut rows: Vec<Affine> = (0..a.len()).map(|i| Affine::constant((fl.offset / rm[i]) % a[i].max(1) as i64)).collect();
    let mut hi: Vec<i64> = rows.iter().map(|r| r.offset).collect();
    for &(d, g) in &fl.terms {
        if dims[d] <= 1 {
            continue;
        }
        if g <= 0 {
            return None;
        }
        let i = (0..a.len()).find(|&i| a[i] > 1 && rm[i] <= g && g < rm[i] * a[i] as i64)?;
        if g % rm[i] != 0 {
            return None;
        }
        let c = g / rm[i];
        rows[i] = rows[i].add(&Affine::new(0, vec![(d, c)]));
        hi[i] += c * (dims[d] as i64 - 1);
    }
    if (0..a.len()).any(|i| hi[i] >= a[i] as i64) {
        return None;
    }
    Some(rows)
}

/// A kernel under construction.
#[derive(Clone)]
struct Open {
    k: Kernel,
    bufs: Vec<BufId>,
    arg_of: HashMap<(BufId, Role), usize>,
    /// In-kernel materialized values: their output argument and the phase that writes them.
    roots: HashMap<Var, (usize, usize)>,
    /// For a kernel without outer dimensions: the shape of its one map phase.
    shape: Vec<usize>,
    /// Hash-consing of nodes (by their text) and memo of built values.
    nodes: HashMap<String, NodeId>,
    memo: HashMap<(Var, Vec<Affine>, bool), NodeId>,
    /// Reduce phases already built, by reduction and map.
    reductions: HashMap<(Var, Vec<Affine>), NodeId>,
    /// The map phase a root being built may merge into: its values cannot be loaded yet.
    open_phase: Option<usize>,
    closed: bool,
    /// The sum of `node_weight` over the kernel's nodes.
    weight: u32,
}

impl Open {
    fn new(outer: &[usize], shape: &[usize]) -> Open {
        let k = Kernel { dims: outer.to_vec(), outer: outer.len(), ..Kernel::default() };
        Open {
            k,
            bufs: Vec::new(),
            arg_of: HashMap::new(),
            roots: HashMap::new(),
            shape: shape.to_vec(),
            nodes: HashMap::new(),
            memo: HashMap::new(),
            reductions: HashMap::new(),
            open_phase: None,
            closed: false,
            weight: 0,
        }
    }
    fn arg(&mut self, buf: BufId, role: Role, ty: &Type) -> usize {
        if let Some(&a) = self.arg_of.get(&(buf, role)) {
            return a;
        }
        self.k.args.push(Arg { dtype: ty.dtype, role, len: ty.numel() });
        self.bufs.push(buf);
        let a = self.k.args.len() - 1;
        self.arg_of.insert((buf, role), a);
        a
    }
    fn node(&mut self, op: Op, dtype: DType) -> NodeId {
        let key = format!("{op:?}:{dtype:?}");
        if let Some(&n) = self.nodes.get(&key) {
            return n;
        }
        self.weight = self.weight.saturating_add(node_weight(&op));
        self.k.nodes.push(kernel::Node { op, dtype });
        let n = self.k.nodes.len() - 1;
        self.nodes.insert(key, n);
        n
    }
    fn new_dims(&mut self, sizes: &[usize]) -> Vec<usize> {
        let start = self.k.dims.len();
        self.k.dims.extend_from_slice(sizes);
        (start..start + sizes.len()).collect()
    }
}

struct Fuser<'a> {
    f: &'a Func,
    prod: Vec<Option<usize>>,
    low: Vec<Lowering>,
    mat: Vec<bool>,
    isolated: &'a HashSet<Var>,
    fresh: &'a HashSet<Var>,
    /// The most buffers a kernel may bind (`plan_bound`).
    max_args: usize,
    buf: Vec<Option<BufId>>,
    plan: Plan,
    cur: Option<Open>,
    mask_memo: HashMap<(Var, Vec<Affine>), u64>,
}

impl<'a> Fuser<'a> {
    fn new(f: &'a Func, forced: &HashSet<Var>, isolated: &'a HashSet<Var>, fresh: &'a HashSet<Var>, max_args: usize) -> Fuser<'a> {
        let n = f.types.len();
        let mut prod = vec![None; n];
        let low: Vec<Lowering> = f.eqns.iter().map(|e| lower(&e.prim)).collect();
        // Consumers are counted once per equation: `d * d` computes `d` once.
        let mut uses = vec![0u32; n];
        for (i, e) in f.eqns.iter().enumerate() {
            for &o in &e.outs {
                prod[o.0 as usize] = Some(i);
            }
            let mut ins = e.ins.clone();
            ins.sort();
            ins.dedup();
            for v in ins {
                uses[v.0 as usize] += 1;
            }
        }
        let mut mat = vec![false; n];
        for &o in &f.outs {
            mat[o.0 as usize] = true;
            uses[o.0 as usize] += 1;
        }
        for v in forced {
            mat[v.0 as usize] = true;
        }
        // Operands of host steps are dense buffers.
        for (e, l) in f.eqns.iter().zip(&low) {
            if matches!(l, Lowering::Host) {
                for &v in &e.ins {
                    mat[v.0 as usize] = true;
                }
            }
        }
        // Dear values with several consumers are computed once.
        let mut cost = vec![0u32; n];
        for (e, l) in f.eqns.iter().zip(&low) {
            let own: u32 = match l {
                Lowering::Unary(op) => match op {
                    kernel::UnOp::Neg | kernel::UnOp::Not | kernel::UnOp::Abs | kernel::UnOp::Sign => 1,
                    kernel::UnOp::IntPow(y) => 1 + 2 * (32 - y.unsigned_abs().leading_zeros()),
                    kernel::UnOp::Floor | kernel::UnOp::Ceil | kernel::UnOp::Round | kernel::UnOp::Sqrt => 2,
                    kernel::UnOp::Exp
                    | kernel::UnOp::Log
                    | kernel::UnOp::Log1p
                    | kernel::UnOp::Expm1
                    | kernel::UnOp::Sin
                    | kernel::UnOp::Cos
                    | kernel::UnOp::Tan
                    | kernel::UnOp::Asin
                    | kernel::UnOp::Acos
                    | kernel::UnOp::Atan
                    | kernel::UnOp::Sinh
                    | kernel::UnOp::Cosh
                    | kernel::UnOp::Tanh => DEAR,
                },
                Lowering::Binary(op) => match op {
                    kernel::BinOp::Div | kernel::BinOp::Rem => 4,
                    kernel::BinOp::Pow | kernel::BinOp::Atan2 => DEAR,
                    _ => 1,
                },
                Lowering::Select | Lowering::Cast(_) => 1,
                Lowering::Iota { .. } | Lowering::Const(_) | Lowering::View(_) => 0,
                Lowering::Reduce { .. } => DEAR * 4,
                Lowering::Dot | Lowering::Host => 0,
            };
            // A reduction is a phase computed once per outer point, however many use it: it
            // does not make its consumers dear.
            let sub: u32 = e
                .ins
                .iter()
                .filter(|v| !mat[v.0 as usize] && !prod[v.0 as usize].is_some_and(|p| matches!(low[p], Lowering::Reduce { .. })))
                .map(|v| cost[v.0 as usize])
                .fold(0u32, |a, b| a.saturating_add(b));
            for &o in &e.outs {
                let c = own.saturating_add(sub);
                cost[o.0 as usize] = c;
                let fused = !matches!(l, Lowering::Dot | Lowering::Host | Lowering::View(_) | Lowering::Const(_) | Lowering::Iota { .. });
                if fused && ((uses[o.0 as usize] >= 2 && c >= DEAR) || c >= MAX_EXPR_COST) {
                    mat[o.0 as usize] = true;
                }
            }
        }
        Fuser { f, prod, low, mat, isolated, fresh, max_args, buf: vec![None; n], plan: Plan::default(), cur: None, mask_memo: HashMap::new() }
    }

    fn ty(&self, v: Var) -> &Type {
        self.f.ty(v)
    }

    fn new_buf(&mut self, v: Var) -> BufId {
        self.plan.bufs.push(self.ty(v).clone());
        let b = self.plan.bufs.len() - 1;
        self.buf[v.0 as usize] = Some(b);
        b
    }

    fn flush(&mut self) -> R<()> {
        if let Some(mut o) = self.cur.take() {
            let k = &mut o.k;
            k.split = if k.outer > 0 {
                Some(0)
            } else if k.phases.len() == 1 && !k.phases[0].dims().is_empty() && matches!(k.phases[0], Phase::Map { .. }) {
                Some(k.phases[0].dims()[0])
            } else {
                None
            };
            if cfg!(debug_assertions) {
                k.verify().map_err(|m| FuseErr::Fail(format!("internal error: a fused kernel does not verify: {m}\n{k}")))?;
            }
            self.plan.steps.push(Step::Kernel { kernel: o.k, bufs: o.bufs });
        }
        Ok(())
    }

    fn run(mut self) -> R<Plan> {
        for &p in &self.f.params {
            self.new_buf(p);
        }
        self.plan.nparams = self.f.params.len();
        for (ei, e) in self.f.eqns.iter().enumerate() {
            match &self.low[ei] {
                Lowering::Dot => {
                    let lhs = self.as_view(e.ins[0])?;
                    let rhs = self.as_view(e.ins[1])?;
                    self.flush()?;
                    let out = self.new_buf(e.outs[0]);
                    self.plan.steps.push(Step::Dot { prim: e.prim.clone(), lhs, rhs, out });
                }
                Lowering::Host => {
                    let mut ins = Vec::new();
                    for &v in &e.ins {
                        match self.buf[v.0 as usize] {
                            Some(b) => ins.push(b),
                            None => return Err(FuseErr::Retry(v)),
                        }
                    }
                    self.flush()?;
                    let outs: Vec<BufId> = e.outs.iter().map(|&o| self.new_buf(o)).collect();
                    let mut b = Builder::new();
                    let ps: Vec<Var> = e.ins.iter().map(|&v| b.param(self.ty(v).clone())).collect();
                    let os = b.bind(e.prim.clone(), &ps).map_err(FuseErr::Fail)?;
                    self.plan.steps.push(Step::Host { func: b.finish(os), ins, outs });
                }
                Lowering::Unary(_)
                | Lowering::Binary(_)
                | Lowering::Select
                | Lowering::Cast(_)
                | Lowering::Iota { .. }
                | Lowering::Const(_)
                | Lowering::View(_)
                | Lowering::Reduce { .. } => {
                    let v = e.outs[0];
                    if self.mat[v.0 as usize] && self.buf[v.0 as usize].is_none() {
                        self.add_root(v)?;
                    }
                }
            }
        }
        self.flush()?;
        self.scratch()?;
        for &o in &self.f.outs {
            let b = self.buf[o.0 as usize].ok_or_else(|| FuseErr::Fail(format!("internal error: output {} was not computed", crate::ir::name(o))))?;
            self.plan.outs.push(b);
        }
        Ok(self.plan)
    }

    /// Values written and read only inside their own kernel, for one outer point at a time, and
    /// not outputs of the function, become scratch: a per-thread block instead of an array.
    fn scratch(&mut self) -> R<()> {
        let outs: HashSet<BufId> = self.f.outs.iter().filter_map(|o| self.buf[o.0 as usize]).collect();
        let mut uses: HashMap<BufId, usize> = HashMap::new();
        for st in &self.plan.steps {
            let bufs: Vec<BufId> = match st {
                Step::Kernel { bufs, .. } => {
                    let mut b = bufs.clone();
                    b.sort();
                    b.dedup();
                    b
                }
                Step::Dot { lhs, rhs, out, .. } => vec![lhs.buf, rhs.buf, *out],
                Step::Host { ins, outs, .. } => ins.iter().chain(outs).copied().collect(),
            };
            for b in bufs {
                *uses.entry(b).or_default() += 1;
            }
        }
        for st in &mut self.plan.steps {
            let Step::Kernel { kernel: k, bufs } = st else { continue };
            if k.outer == 0 {
                continue;
            }
            for a in 0..k.args.len() {
                let b = bufs[a];
                let only_here = uses.get(&b) == Some(&1) && !outs.contains(&b) && bufs.iter().filter(|&&x| x == b).count() == 1;
                if k.args[a].role != Role::Out || !only_here {
                    continue;
                }
                let shape = &self.plan.bufs[b].shape;
                let block: usize = shape[k.outer.min(shape.len())..].iter().product();
                let inner = |at: &Affine| Affine::new(at.offset, at.terms.iter().copied().filter(|t| t.0 >= k.outer).collect());
                for n in &mut k.nodes {
                    if let Op::Load { arg, at } = &mut n.op {
                        if *arg == a {
                            *at = inner(at);
                        }
                    }
                }
                for ph in &mut k.phases {
                    if let Phase::Map { stores, .. } = ph {
                        for s in stores.iter_mut().filter(|s| s.arg == a) {
                            s.at = inner(&s.at);
                        }
                    }
                }
                k.args[a].role = Role::Scratch;
                k.args[a].len = block;
            }
            if cfg!(debug_assertions) {
                k.verify().map_err(|m| FuseErr::Fail(format!("internal error: a kernel with scratch does not verify: {m}\n{k}")))?;
            }
        }
        Ok(())
    }

    /// `v` as a strided view of a buffer, for a step that takes strides.
    fn as_view(&mut self, v: Var) -> R<StridedView> {
        let shape = self.ty(v).shape.clone();
        let mut m: Vec<Affine> = (0..shape.len()).map(|d| Affine::new(0, vec![(d, 1)])).collect();
        let mut w = v;
        loop {
            if let Some(b) = self.buf[w.0 as usize] {
                let at = flat(&m, &row_major(&self.ty(w).shape));
                return Ok(StridedView { buf: b, offset: at.offset, strides: (0..shape.len()).map(|d| at.coef(d)).collect(), shape });
            }
            let e = self.prod[w.0 as usize].ok_or(FuseErr::Retry(w))?;
            match &self.low[e] {
                Lowering::View(view) => {
                    let x = self.f.eqns[e].ins[0];
                    if matches!(view, View::Reshape) && self.buf[x.0 as usize].is_some() {
                        // A reshape of a buffer: the flat position is the same.
                        let b = self.buf[x.0 as usize].unwrap_or_default();
                        let at = flat(&m, &row_major(&self.ty(w).shape));
                        return Ok(StridedView { buf: b, offset: at.offset, strides: (0..shape.len()).map(|d| at.coef(d)).collect(), shape });
                    }
                    let xs = self.ty(x).shape.clone();
                    match compose_view(view, &m, &self.ty(w).shape, &xs, &shape) {
                        Some(mx) => {
                            m = mx;
                            w = x;
                        }
                        None => return Err(FuseErr::Retry(x)),
                    }
                }
                _ => return Err(FuseErr::Retry(w)),
            }
        }
    }

    /// The dimensions of `v`'s domain that the (outermost) reductions inside `v` depend on.
    fn reduce_mask(&mut self, v: Var, m: &[Affine], dims: &[usize]) -> R<u64> {
        if self.buf[v.0 as usize].is_some() {
            return Ok(0);
        }
        let key = (v, m.to_vec());
        if let Some(&r) = self.mask_memo.get(&key) {
            return Ok(r);
        }
        let e = self.prod[v.0 as usize].ok_or_else(|| FuseErr::Fail("internal error: a value without producer".into()))?;
        let eqn: &Eqn = &self.f.eqns[e];
        let r = match self.low[e].clone() {
            Lowering::Unary(_) | Lowering::Binary(_) | Lowering::Select | Lowering::Cast(_) => {
                let mut r = 0;
                for &x in &eqn.ins {
                    r |= self.reduce_mask(x, m, dims)?;
                }
                r
            }
            Lowering::Iota { .. } | Lowering::Const(_) => 0,
            Lowering::View(view) => {
                let x = eqn.ins[0];
                if self.buf[x.0 as usize].is_some() {
                    0
                } else {
                    let xs = self.ty(x).shape.clone();
                    let mx = compose_view(&view, m, &self.ty(v).shape, &xs, dims).ok_or(FuseErr::Retry(x))?;
                    self.reduce_mask(x, &mx, dims)?
                }
            }
            Lowering::Reduce { .. } => m.iter().flat_map(|a| a.terms.iter().map(|t| t.0)).fold(0u64, |acc, d| acc | (1 << d)),
            Lowering::Dot | Lowering::Host => return Err(FuseErr::Fail("internal error: an unmaterialized dot or host value".into())),
        };
        self.mask_memo.insert(key, r);
        Ok(r)
    }

    /// Compute the materialized value `v` in the open kernel, or in a new one.
    fn add_root(&mut self, v: Var) -> R<()> {
        let s = self.ty(v).shape.clone();
        let ident: Vec<Affine> = (0..s.len()).map(|d| Affine::new(0, vec![(d, 1)])).collect();
        let mask = self.reduce_mask(v, &ident, &s)?;
        let kmin = (64 - mask.leading_zeros()) as usize;
        let joins = match &self.cur {
            Some(o) if !o.closed && o.k.dims.len() + s.len() <= MAX_DIMS / 2 && o.weight < MAX_KERNEL_WEIGHT && o.k.args.len() < self.max_args && !self.fresh.contains(&v) => {
                let k = o.k.outer;
                if k == 0 {
                    kmin == 0 && o.shape == s
                } else {
                    // A root with dimensions inside the outer ones would step the last outer
                    // dimension by more than one element, which takes column mode (lanes along
                    // the outer dimension) from a kernel that reduces over a leading axis: it
                    // gets a kernel of its own instead.
                    let breaks_columns = s.len() > k && column_like(o);
                    k >= kmin && s.len() >= k && o.k.dims[..k] == s[..k] && !breaks_columns
                }
            }
            _ => false,
        };
        if !joins {
            self.flush()?;
            let outer = s[..kmin].to_vec();
            self.cur = Some(Open::new(&outer, &s));
        }
        let mut o = self.cur.take().ok_or_else(|| FuseErr::Fail("internal error: no open kernel".into()))?;
        let r = self.build_root(&mut o, v, &s);
        if self.isolated.contains(&v) {
            o.closed = true;
        }
        self.cur = Some(o);
        r
    }

    fn build_root(&mut self, o: &mut Open, v: Var, s: &[usize]) -> R<()> {
        let k = o.k.outer;
        let inner_sizes = &s[k..];
        // Reuse the dimensions of the last map phase when the shapes agree, so the stores merge.
        let last = o.k.phases.len().checked_sub(1);
        let reuse = match last.map(|p| &o.k.phases[p]) {
            Some(Phase::Map { dims, .. }) if dims.iter().map(|&d| o.k.dims[d]).eq(inner_sizes.iter().copied()) => Some(dims.clone()),
            _ => None,
        };
        let ids = match &reuse {
            Some(d) => d.clone(),
            None => o.new_dims(inner_sizes),
        };
        let m: Vec<Affine> = (0..s.len()).map(|j| Affine::new(0, vec![(if j < k { j } else { ids[j - k] }, 1)])).collect();
        let before = o.k.phases.len();
        let snapshot = reuse.as_ref().map(|_| o.clone());
        o.open_phase = if reuse.is_some() { last } else { None };
        let mut value = self.value(o, v, &m, true)?;
        let merge = reuse.is_some() && o.k.phases.len() == before;
        if let (false, Some(snap)) = (merge, snapshot) {
            // The value needs new phases, so it goes into a new map phase after them, where the
            // earlier map phases are complete and can be loaded: build it again from before.
            *o = snap;
            o.open_phase = None;
            value = self.value(o, v, &m, true)?;
        }
        o.open_phase = None;
        if o.k.args.len() + 1 > self.max_args {
            return Err(self.past_binding_bound(o, v));
        }
        let b = self.new_buf(v);
        let arg = o.arg(b, Role::Out, self.f.ty(v));
        let at = flat(&m, &row_major(s));
        let store = Store { arg, at, value };
        let phase = if merge {
            let p = o.k.phases.len() - 1;
            if let Phase::Map { stores, .. } = &mut o.k.phases[p] {
                stores.push(store);
            }
            p
        } else {
            o.k.phases.push(Phase::Map { dims: ids, stores: vec![store] });
            o.k.phases.len() - 1
        };
        o.roots.insert(v, (arg, phase));
        Ok(())
    }

    /// What to do when root `v` takes kernel `o` past `max_args` bindings: build it in a kernel
    /// of its own when it joined others, else materialize the operand of its expression that
    /// reads the most buffers (the rest then fits, or that operand splits in turn).
    fn past_binding_bound(&self, o: &Open, v: Var) -> FuseErr {
        if o.roots.keys().any(|&r| r != v) && !self.fresh.contains(&v) {
            return FuseErr::Fresh(v);
        }
        // Every unmaterialized value under `v` is a candidate; the buffers each reads are found
        // in equation order (producers first).
        let mut stack = vec![v];
        let mut under: HashSet<Var> = HashSet::new();
        while let Some(w) = stack.pop() {
            if !under.insert(w) {
                continue;
            }
            if let Some(e) = self.prod[w.0 as usize] {
                for &x in &self.f.eqns[e].ins {
                    if self.buf[x.0 as usize].is_none() {
                        stack.push(x);
                    }
                }
            }
        }
        let mut order: Vec<(usize, Var)> = under.iter().filter_map(|&w| self.prod[w.0 as usize].map(|e| (e, w))).collect();
        order.sort();
        let mut reads: HashMap<Var, HashSet<BufId>> = HashMap::new();
        // The candidate that fills a kernel of its own best (reads the most buffers that still
        // fit beside its output), else the one that reads the most.
        let mut fits: Option<(usize, Var)> = None;
        let mut most: Option<(usize, Var)> = None;
        for (e, w) in order {
            let mut r = HashSet::new();
            for x in &self.f.eqns[e].ins {
                match self.buf[x.0 as usize] {
                    Some(b) => {
                        r.insert(b);
                    }
                    None => r.extend(reads.get(x).into_iter().flatten().copied()),
                }
            }
            let n = r.len();
            reads.insert(w, r);
            if w == v || n < 2 {
                continue;
            }
            if n < self.max_args && fits.is_none_or(|(b, _)| n > b) {
                fits = Some((n, w));
            }
            if most.is_none_or(|(b, _)| n > b) {
                most = Some((n, w));
            }
        }
        match fits.or(most) {
            Some((_, w)) => FuseErr::Retry(w),
            None => FuseErr::Fail(format!("a kernel needs {} storage buffers, more than the {} this device binds, and cannot be split", o.k.args.len() + 1, self.max_args)),
        }
    }

    /// Whether loading `at` from in-kernel value `v` reads only what its phase wrote for the
    /// current outer point.
    fn same_outer_point(&self, o: &Open, v: Var, at: &Affine) -> bool {
        let k = o.k.outer;
        let rm = row_major(&self.ty(v).shape);
        if (0..k).any(|d| at.coef(d) != rm[d]) {
            return false;
        }
        if k == 0 {
            return true;
        }
        let rest = Affine::new(at.offset, at.terms.iter().copied().filter(|&(d, _)| d >= k).collect());
        let (lo, hi) = rest.range(&o.k.dims);
        lo >= 0 && hi < rm[k - 1]
    }

    /// The node computing `v` at index map `m`. `top` is true while building a root's own map
    /// phase (which may merge into `open_phase`), false inside reduce phases.
    fn value(&mut self, o: &mut Open, v: Var, m: &[Affine], top: bool) -> R<NodeId> {
        // An in-kernel value that an earlier phase wrote is loaded, whatever was built before.
        if let Some(&(arg, ph)) = o.roots.get(&v) {
            let ty = self.ty(v).clone();
            let at = flat(m, &row_major(&ty.shape));
            let open = top && o.open_phase == Some(ph);
            if !open && self.same_outer_point(o, v, &at) {
                return Ok(o.node(Op::Load { arg, at }, ty.dtype));
            }
        }
        let key = (v, m.to_vec(), top && o.open_phase.is_some());
        if let Some(&n) = o.memo.get(&key) {
            return Ok(n);
        }
        let n = self.value_uncached(o, v, m, top)?;
        o.memo.insert(key, n);
        Ok(n)
    }

    fn value_uncached(&mut self, o: &mut Open, v: Var, m: &[Affine], top: bool) -> R<NodeId> {
        let ty = self.ty(v).clone();
        if o.roots.contains_key(&v) {
            // Not loadable here (see `value`): recomputed below.
        } else if let Some(b) = self.buf[v.0 as usize] {
            let at = flat(m, &row_major(&ty.shape));
            let arg = o.arg(b, Role::In, &ty);
            return Ok(o.node(Op::Load { arg, at }, ty.dtype));
        }
        let e = self.prod[v.0 as usize].ok_or_else(|| FuseErr::Fail("internal error: a value without producer".into()))?;
        let ins = self.f.eqns[e].ins.clone();
        let op = match self.low[e].clone() {
            Lowering::Unary(u) => Op::Unary(u, self.value(o, ins[0], m, top)?),
            Lowering::Binary(b) => {
                let x = self.value(o, ins[0], m, top)?;
                Op::Binary(b, x, self.value(o, ins[1], m, top)?)
            }
            Lowering::Select => {
                let p = self.value(o, ins[0], m, top)?;
                let a = self.value(o, ins[1], m, top)?;
                Op::Select(p, a, self.value(o, ins[2], m, top)?)
            }
            Lowering::Cast(dt) => {
                let x = self.value(o, ins[0], m, top)?;
                if self.ty(ins[0]).dtype == dt {
                    return Ok(x);
                }
                Op::Cast(x)
            }
            Lowering::Iota { axis, .. } => Op::Index { at: m[axis].clone() },
            Lowering::Const(s) => Op::Const(s),
            Lowering::View(view) => {
                let x = ins[0];
                let xs = self.ty(x).shape.clone();
                if matches!(view, View::Reshape) && !o.roots.contains_key(&x) {
                    if let Some(b) = self.buf[x.0 as usize] {
                        let at = flat(m, &row_major(&ty.shape));
                        let arg = o.arg(b, Role::In, self.f.ty(x));
                        return Ok(o.node(Op::Load { arg, at }, ty.dtype));
                    }
                }
                match compose_view(&view, m, &ty.shape, &xs, &o.k.dims) {
                    Some(mx) => return self.value(o, x, &mx, top),
                    None => {
                        if let Some(&(arg, ph)) = o.roots.get(&x) {
                            let at = flat(m, &row_major(&ty.shape));
                            if o.open_phase != Some(ph) && self.same_outer_point(o, x, &at) {
                                return Ok(o.node(Op::Load { arg, at }, ty.dtype));
                            }
                            return Err(FuseErr::Isolate(x));
                        }
                        return Err(FuseErr::Retry(x));
                    }
                }
            }
            Lowering::Reduce { op, axes } => return self.reduction(o, v, m, op, &axes),
            Lowering::Dot | Lowering::Host => return Err(FuseErr::Fail("internal error: an unmaterialized dot or host value".into())),
        };
        Ok(o.node(op, ty.dtype))
    }

    /// A reduce phase computing reduction `v` at map `m` (which may use outer dimensions only).
    fn reduction(&mut self, o: &mut Open, v: Var, m: &[Affine], op: ReduceOp, axes: &[usize]) -> R<NodeId> {
        let k = o.k.outer;
        if m.iter().any(|a| a.terms.iter().any(|&(d, _)| d >= k)) {
            return Err(FuseErr::Retry(v));
        }
        // Every outer point must need a different result, or the reduction would be recomputed.
        if (0..k).any(|d| o.k.dims[d] > 1 && !m.iter().any(|a| a.coef(d) != 0)) {
            return Err(FuseErr::Retry(v));
        }
        if let Some(&n) = o.reductions.get(&(v, m.to_vec())) {
            return Ok(n);
        }
        let e = self.prod[v.0 as usize].ok_or_else(|| FuseErr::Fail("internal error: a value without producer".into()))?;
        let x = self.f.eqns[e].ins[0];
        let xs = self.ty(x).shape.clone();
        let mut sorted = axes.to_vec();
        sorted.sort();
        let sizes: Vec<usize> = sorted.iter().map(|&a| xs[a]).collect();
        if o.k.dims.len() + sizes.len() > MAX_DIMS {
            // The kernel has as many loops as it can say: this reduction gets its own kernel.
            return Err(FuseErr::Retry(v));
        }
        let ids = o.new_dims(&sizes);
        let mut kept = m.iter();
        let mx: Vec<Affine> = (0..xs.len())
            .map(|i| match sorted.iter().position(|&a| a == i) {
                Some(j) => Affine::new(0, vec![(ids[j], 1)]),
                None => kept.next().cloned().unwrap_or_default(),
            })
            .collect();
        let value = self.value(o, x, &mx, false)?;
        let dtype = self.ty(v).dtype;
        o.k.phases.push(Phase::Reduce { dims: ids, op, value, dtype });
        let p = o.k.phases.len() - 1;
        let n = o.node(Op::Reduced(p), dtype);
        o.reductions.insert((v, m.to_vec()), n);
        Ok(n)
    }
}

/// Full reductions of large inputs become two stages (rows, then the row results), so that the
/// first stage has rows to share between threads. The summation order this gives is fixed.
/// Whether an open kernel reduces over a leading axis, its loads contiguous along the last outer
/// dimension and strided along a reduced one (a bias gradient `dy.sum(axis=0)`): the shape the
/// code generator runs in column mode.
fn column_like(o: &Open) -> bool {
    let k = o.k.outer;
    k > 0
        && o.k.nodes.iter().any(|n| match &n.op {
            Op::Load { at, .. } => at.coef(k - 1) == 1 && at.terms.iter().any(|&(d, c)| d >= k && c != 1),
            _ => false,
        })
}

fn split_big_reductions(func: &Func) -> Func {
    // The reduction an equation is, when it is a full reduction of a large input.
    let big = |e: &Eqn| -> Option<ReduceOp> {
        let Lowering::Reduce { op, axes } = lower(&e.prim) else { return None };
        let t = func.ty(e.ins[0]);
        let full = t.numel() >= SPLIT_REDUCTION_MIN && axes.len() == t.shape.len();
        match op {
            ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Max | ReduceOp::Min if full => Some(op),
            ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Max | ReduceOp::Min | ReduceOp::Argmax | ReduceOp::Argmin => None,
        }
    };
    if !func.eqns.iter().any(|e| big(e).is_some()) {
        return func.clone();
    }
    let mut f = func.clone();
    let mut eqns = Vec::with_capacity(func.eqns.len() + 4);
    let fresh = |f: &mut Func, t: Type| -> Var {
        f.types.push(t);
        Var(f.types.len() as u32 - 1)
    };
    for e in &func.eqns {
        let Some(op) = big(e) else {
            eqns.push(e.clone());
            continue;
        };
        let t = func.ty(e.ins[0]).clone();
        let mk = |axes: Vec<usize>| -> Prim {
            match op {
                ReduceOp::Sum => Prim::ReduceSum { axes },
                ReduceOp::Prod => Prim::ReduceProd { axes },
                ReduceOp::Max => Prim::ReduceMax { axes },
                ReduceOp::Min | ReduceOp::Argmax | ReduceOp::Argmin => Prim::ReduceMin { axes },
            }
        };
        let mut x = e.ins[0];
        let mut shape = t.shape.clone();
        if shape.len() == 1 {
            let n = shape[0];
            let Some(p) = [256usize, 128, 64, 32, 16, 8].into_iter().find(|p| n.is_multiple_of(*p)) else {
                eqns.push(e.clone());
                continue;
            };
            shape = vec![p, n / p];
            let r = fresh(&mut f, Type::new(&shape, t.dtype));
            eqns.push(Eqn { prim: Prim::Reshape { shape: shape.clone() }, ins: vec![x], outs: vec![r] });
            x = r;
        }
        let rows = fresh(&mut f, Type::new(&shape[..1], t.dtype));
        eqns.push(Eqn { prim: mk((1..shape.len()).collect()), ins: vec![x], outs: vec![rows] });
        eqns.push(Eqn { prim: mk(vec![0]), ins: vec![rows], outs: e.outs.clone() });
    }
    f.eqns = eqns;
    f
}

/// Common subexpressions: equal equations of equal operands become one (`x.mean()` and the mean
/// inside `x.var()` are one reduction).
fn cse(func: &Func) -> Func {
    let mut f = func.clone();
    let mut seen: HashMap<String, Vec<Var>> = HashMap::new();
    let mut rename: HashMap<Var, Var> = HashMap::new();
    let mut eqns = Vec::with_capacity(f.eqns.len());
    for e in &func.eqns {
        let ins: Vec<Var> = e.ins.iter().map(|v| *rename.get(v).unwrap_or(v)).collect();
        let key = format!("{:?}{:?}", e.prim, ins);
        // Effects and host callbacks run as many times as they were called.
        let shared = if e.prim.has_effect() || e.prim.has_host_call() { None } else { seen.get(&key) };
        match shared {
            Some(outs) => {
                for (o, n) in e.outs.iter().zip(outs) {
                    rename.insert(*o, *n);
                }
            }
            None => {
                seen.insert(key, e.outs.clone());
                eqns.push(Eqn { prim: e.prim.clone(), ins, outs: e.outs.clone() });
            }
        }
    }
    f.eqns = eqns;
    f.outs = f.outs.iter().map(|v| *rename.get(v).unwrap_or(v)).collect();
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Type;

    /// The shape of a long chain's backward pass: thousands of values that are each used twice
    /// (so each is materialized) and one product of thousands of factors (one expression).
    /// Neither may become one huge kernel: every kernel stays within the bounds.
    #[test]
    fn long_chains_make_kernels_of_bounded_size() {
        let mut b = Builder::new();
        let mut x = b.param(Type::new(&[], DType::F32));
        let mut acc = x;
        for _ in 0..2000 {
            let c = b.bind1(Prim::Cos, &[x]).expect("cos");
            acc = b.bind1(Prim::Mul, &[acc, c]).expect("mul");
            x = b.bind1(Prim::Sin, &[x]).expect("sin");
        }
        let f = b.finish(vec![x, acc]);
        let plan = plan(&f).expect("plan");
        let kernels: Vec<&Kernel> = plan.steps.iter().filter_map(|s| if let Step::Kernel { kernel, .. } = s { Some(kernel) } else { None }).collect();
        assert!(kernels.len() > 2, "{} kernels", kernels.len());
        for k in &kernels {
            let w: u32 = k.nodes.iter().map(|n| node_weight(&n.op)).sum();
            // One root past the budget may still join the kernel that was under it.
            assert!(w <= MAX_KERNEL_WEIGHT + 8 * MAX_EXPR_COST, "a kernel of weight {w}:\n{k}");
        }
    }
}

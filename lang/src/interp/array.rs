//! Array values and staging (DESIGN.md §2). An `Array` is either on the host or staged: an
//! output of the cell's pending `Func`. `Stage::bind` appends an equation instead of computing;
//! `Stage::sync` compiles and runs what is pending, for the arrays some value still holds, and
//! starts a new pending graph. Arrays nobody holds at a sync point are never computed into memory.

use crate::array::{DType, HostArray};
use crate::diag::{Diagnostic, Result};
use crate::ir::{Builder, Type, Var};
use crate::prim::Prim;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// The most memory one array may take before we refuse with a MemoryError.
pub const MAX_ARRAY_BYTES: usize = 1 << 34;

pub enum ArrayState {
    Host(HostArray),
    /// Computed on a device, where it stays between cells: copied to the host only when the host
    /// needs its numbers (`Array::try_host`, `Interp::force`), then kept beside the buffer. The
    /// buffer is freed when the last array holding this state goes.
    Device(crate::backend::gpu::DevArray),
    /// An output of the pending graph of stage `stage`.
    Staged { stage: u64, var: Var },
}

pub struct ArrayNode {
    pub ty: Type,
    /// A Python scalar made into an array: it takes the dtype of the other operand (NEP 50 / JAX weak types).
    pub weak: bool,
    /// Created under `jax.numpy` semantics (float32 default, prints as `Array(...)`).
    pub jax: bool,
    /// The contents: a cell that a sync point fills, and that a numpy in-place write replaces
    /// with a new one (never writes into), so whoever took the old cell (a stage that captured
    /// it, a snapshot) keeps the old value.
    cell: RefCell<Rc<RefCell<ArrayState>>>,
    /// For a numpy view of another numpy array: that base and how this array sees it.
    pub view: Option<(Array, View)>,
    /// The views of this array still alive; an in-place write refreshes them.
    pub views: RefCell<Vec<std::rc::Weak<ArrayNode>>>,
}

/// How a numpy view sees its base.
pub enum View {
    /// `base[idx]` with a basic index (ints, slices, None, `...`).
    Index(super::value::Value),
    /// `base.reshape(...)`, `base.ravel()`: the same elements in the view's shape.
    Reshape,
    /// `base.transpose(perm)`, `base.T`.
    Transpose(Vec<usize>),
}

impl ArrayNode {
    fn new(ty: Type, weak: bool, jax: bool, cell: Rc<RefCell<ArrayState>>) -> ArrayNode {
        ArrayNode { ty, weak, jax, cell: RefCell::new(cell), view: None, views: RefCell::new(Vec::new()) }
    }
}

/// An array value. Cloning shares it.
#[derive(Clone)]
pub struct Array(pub Rc<ArrayNode>);

impl Array {
    pub fn host(h: HostArray, jax: bool) -> Array {
        let ty = Type { shape: h.shape.clone(), dtype: h.dtype() };
        Array(Rc::new(ArrayNode::new(ty, false, jax, Rc::new(RefCell::new(ArrayState::Host(h))))))
    }
    pub fn weak_host(h: HostArray, jax: bool) -> Array {
        let ty = Type { shape: h.shape.clone(), dtype: h.dtype() };
        Array(Rc::new(ArrayNode::new(ty, true, jax, Rc::new(RefCell::new(ArrayState::Host(h))))))
    }
    pub fn shape(&self) -> &[usize] {
        &self.0.ty.shape
    }
    pub fn dtype(&self) -> DType {
        self.0.ty.dtype
    }
    pub fn ndim(&self) -> usize {
        self.0.ty.shape.len()
    }
    pub fn numel(&self) -> usize {
        self.0.ty.numel()
    }
    pub fn jax(&self) -> bool {
        self.0.jax
    }
    pub fn weak(&self) -> bool {
        self.0.weak
    }
    /// The same array with other flags (shares the data or the staged variable).
    pub fn with_flags(&self, weak: bool, jax: bool) -> Array {
        if self.0.weak == weak && self.0.jax == jax {
            return self.clone();
        }
        // The copy shares the state cell, so a sync point fills both.
        Array(Rc::new(ArrayNode::new(self.0.ty.clone(), weak, jax, self.state())))
    }
    /// The current contents' cell.
    pub fn state(&self) -> Rc<RefCell<ArrayState>> {
        self.0.cell.borrow().clone()
    }
    /// A new array with the current contents of this one and its own identity: later in-place
    /// writes to either do not reach the other (`a.copy()`, what a stage captures).
    pub fn snapshot(&self) -> Array {
        Array(Rc::new(ArrayNode::new(self.0.ty.clone(), self.0.weak, self.0.jax, self.state())))
    }
    /// Replace the contents (an in-place write to a numpy array; see `Interp::assign_array`).
    pub(crate) fn set_state(&self, cell: Rc<RefCell<ArrayState>>) {
        *self.0.cell.borrow_mut() = cell;
    }
    /// Change the computed contents with `f`: in place when only this array holds its cell (no
    /// snapshot, stage, journal entry or copy shares it), else in a new cell (copy on write, so
    /// whoever holds the old cell keeps the old value). False, and nothing done, when the
    /// contents are not computed yet.
    pub(crate) fn modify_host(&self, f: impl FnOnce(&mut HostArray)) -> bool {
        let mut cell = self.0.cell.borrow_mut();
        if Rc::strong_count(&cell) == 1 {
            let mut st = cell.borrow_mut();
            if let ArrayState::Device(d) = &*st {
                // Written on the host from now on: the device buffer goes.
                match d.to_host() {
                    Ok(h) => *st = ArrayState::Host(h),
                    Err(_) => return false,
                }
            }
            if let ArrayState::Host(h) = &mut *st {
                f(h);
                return true;
            }
            return false;
        }
        let mut h = match &*cell.borrow() {
            ArrayState::Host(h) => h.clone(),
            ArrayState::Device(d) => match d.to_host() {
                Ok(h) => h,
                Err(_) => return false,
            },
            ArrayState::Staged { .. } => return false,
        };
        f(&mut h);
        *cell = Rc::new(RefCell::new(ArrayState::Host(h)));
        true
    }
    /// `r` (computed from `base` as `how` says) as a view of `base`.
    pub(crate) fn view_of(r: &Array, base: &Array, how: View) -> Array {
        let mut node = ArrayNode::new(r.0.ty.clone(), r.0.weak, r.0.jax, r.state());
        node.view = Some((base.clone(), how));
        let v = Rc::new(node);
        let mut views = base.0.views.borrow_mut();
        // Dead views are dropped when the list doubles (amortised constant per view).
        if views.len() >= 8 && views.len().is_power_of_two() {
            views.retain(|w| w.strong_count() > 0);
        }
        views.push(Rc::downgrade(&v));
        Array(v)
    }
    /// Whether the contents are computed (on the host or on a device).
    pub fn is_host(&self) -> bool {
        !matches!(&*self.0.cell.borrow().borrow(), ArrayState::Staged { .. })
    }
    /// Whether the numbers are on the host now (no copy from a device needed to read them).
    pub fn host_ready(&self) -> bool {
        match &*self.0.cell.borrow().borrow() {
            ArrayState::Host(_) => true,
            ArrayState::Device(d) => d.on_host(),
            ArrayState::Staged { .. } => false,
        }
    }
    /// The host data, if it is already computed (a device's array is copied to the host now,
    /// once; None if that copy fails, which `host_value` reports).
    pub fn try_host(&self) -> Option<HostArray> {
        self.host_value().and_then(|r| r.ok())
    }
    /// The host data if the contents are computed: `Err` when they were on a device that was
    /// lost (the message names the way back).
    pub fn host_value(&self) -> Option<std::result::Result<HostArray, String>> {
        match &*self.state().borrow() {
            ArrayState::Host(h) => Some(Ok(h.clone())),
            ArrayState::Device(d) => Some(d.to_host()),
            ArrayState::Staged { .. } => None,
        }
    }
    /// The contents as the runtime takes them (a device buffer as it is), if computed.
    pub fn buffer(&self) -> Option<crate::backend::Buffer> {
        match &*self.state().borrow() {
            ArrayState::Host(h) => Some(crate::backend::Buffer::Host(h.clone())),
            ArrayState::Device(d) => Some(crate::backend::Buffer::Gpu(d.clone())),
            ArrayState::Staged { .. } => None,
        }
    }
}

/// A fresh stage id (unique across the session: the top-level stage and every trace).
pub fn next_stage_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A pending graph: the cell's (at top level), or a function being traced for a transformation.
pub struct Stage {
    pub id: u64,
    pub builder: Builder,
    /// Parameters bound to values from outside this stage: host arrays, and (in a trace) arrays
    /// of enclosing stages. In order of creation.
    pub captured: Vec<(Var, Array)>,
    /// Which outside values are already parameters, by their state cell.
    input_of: FxHashMap<*const RefCell<ArrayState>, Var>,
    /// The reverse: the index in `captured` of each captured parameter.
    captured_at: FxHashMap<Var, usize>,
    /// Every staged array handed out, weakly: those still alive at a sync point are computed.
    outs: Vec<(Var, Weak<RefCell<ArrayState>>)>,
    /// Statistics: how many syncs ran and the largest graph seen.
    pub syncs: u64,
    pub max_eqns: usize,
    /// For a trace whose arguments have known values (grad, vjp, jvp — not jit or vmap): the
    /// argument arrays, so that Python control flow on a traced value can still be decided.
    pub concrete: Option<Vec<Array>>,
    /// Whether some value of this trace was read on the host: its `Func` is then specialised to
    /// these argument values and must not be reused for others.
    pub value_dependent: bool,
}

impl Default for Stage {
    fn default() -> Self {
        Stage::new()
    }
}

impl Stage {
    pub fn new() -> Stage {
        Stage { id: next_stage_id(), builder: Builder::new(), captured: Vec::new(), input_of: FxHashMap::default(), captured_at: FxHashMap::default(), outs: Vec::new(), syncs: 0, max_eqns: 0, concrete: None, value_dependent: false }
    }

    /// A fresh stage that keeps the statistics of `old` (after a failed cell).
    pub fn new_after(old: &Stage) -> Stage {
        let mut s = Stage::new();
        s.syncs = old.syncs;
        s.max_eqns = old.max_eqns;
        s
    }

    /// The number of equations pending now.
    pub fn pending(&self) -> usize {
        self.builder.func.eqns.len()
    }

    /// A new abstract parameter of this stage (an argument of a traced function).
    pub fn param(&mut self, ty: Type, weak: bool, jax: bool) -> Array {
        let v = self.builder.param(ty.clone());
        let state = Rc::new(RefCell::new(ArrayState::Staged { stage: self.id, var: v }));
        Array(Rc::new(ArrayNode::new(ty, weak, jax, state)))
    }

    /// The variable of `a` in this stage, capturing it as a parameter if it comes from outside.
    pub fn var_of(&mut self, a: &Array) -> Result<Var> {
        let cell = a.state();
        if let ArrayState::Staged { stage, var } = &*cell.borrow() {
            if *stage == self.id {
                return Ok(*var);
            }
        }
        let key = Rc::as_ptr(&cell);
        if let Some(&v) = self.input_of.get(&key) {
            return Ok(v);
        }
        let v = self.builder.param(a.0.ty.clone());
        self.input_of.insert(key, v);
        self.captured_at.insert(v, self.captured.len());
        // The value as it is now: a later in-place write to `a` must not change this graph.
        self.captured.push((v, a.snapshot()));
        Ok(v)
    }

    /// An array for variable `v` of this stage. A variable that is a captured parameter (an
    /// inlined function returned one of its arguments, a constant or a closed-over value) is the
    /// outside array itself: its value is known where it came from, so no sync point has to
    /// compute it.
    pub fn array(&mut self, v: Var, weak: bool, jax: bool) -> Array {
        if let Some(&i) = self.captured_at.get(&v) {
            return self.captured[i].1.with_flags(weak, jax);
        }
        let state = Rc::new(RefCell::new(ArrayState::Staged { stage: self.id, var: v }));
        self.outs.push((v, Rc::downgrade(&state)));
        Array(Rc::new(ArrayNode::new(self.builder.ty(v).clone(), weak, jax, state)))
    }

    /// Append `prim args` to the pending graph and return its (staged) outputs.
    pub fn bind(&mut self, prim: Prim, args: &[&Array], jax: bool) -> Result<Vec<Array>> {
        let outs: SmallVec<[Var; 2]> = SmallVec::from_slice(self.bind_arrays(prim, args)?);
        Ok(outs.into_iter().map(|v| self.array(v, false, jax)).collect())
    }

    /// `bind` for the first output only, with the flags of the array it returns (None when the
    /// primitive has no outputs). This is the path of every numpy operation, so it builds no
    /// vector of outputs.
    pub fn bind_first(&mut self, prim: Prim, args: &[&Array], weak: bool, jax: bool) -> Result<Option<Array>> {
        let first = self.bind_arrays(prim, args)?.first().copied();
        Ok(first.map(|v| self.array(v, weak, jax)))
    }

    fn bind_arrays(&mut self, prim: Prim, args: &[&Array]) -> Result<&[Var]> {
        let mut vars: SmallVec<[Var; 4]> = SmallVec::with_capacity(args.len());
        for a in args {
            vars.push(self.var_of(a)?);
        }
        self.bind_vars(prim, &vars)
    }

    /// Append `prim vars` and return the output variables.
    pub fn bind_vars(&mut self, prim: Prim, vars: &[Var]) -> Result<&[Var]> {
        let out_tys = {
            let tys: SmallVec<[&Type; 4]> = vars.iter().map(|&v| self.builder.ty(v)).collect();
            crate::shape::infer(&prim, &tys).map_err(|m| Diagnostic::new("ValueError", m))?
        };
        for t in &out_tys {
            check_size(t)?;
        }
        let n = self.builder.func.eqns.len() + 1;
        if n > crate::limits::max_eqns() {
            return Err(Diagnostic::new("MemoryError", format!("the function being traced or staged has grown past {} equations", crate::limits::max_eqns()))
                .with_help("a Python loop inside jit, grad or vmap is unrolled into the trace: use lax.fori_loop, lax.scan or lax.while_loop for long loops"));
        }
        self.max_eqns = self.max_eqns.max(n);
        Ok(self.builder.bind_typed(prim, vars, out_tys))
    }

    /// Bind every equation of `func` with its parameters taken from `args`; returns its outputs.
    pub fn inline(&mut self, func: &crate::ir::Func, args: &[Array], jax: bool) -> Result<Vec<Array>> {
        if args.len() != func.params.len() {
            return Err(Diagnostic::new("RuntimeError", format!("internal error: calling a function of {} parameters with {} arguments", func.params.len(), args.len())));
        }
        let mut env: HashMap<Var, Var> = HashMap::new();
        for (&p, a) in func.params.iter().zip(args) {
            if a.0.ty != *func.ty(p) {
                return Err(Diagnostic::new("TypeError", format!("an argument has type {}, the traced function expects {}", a.0.ty, func.ty(p))));
            }
            env.insert(p, self.var_of(a)?);
        }
        for e in &func.eqns {
            let ins: Vec<Var> = e.ins.iter().map(|v| env[v]).collect();
            let outs = self.bind_vars(e.prim.clone(), &ins)?;
            for (o, n) in e.outs.iter().zip(outs) {
                env.insert(*o, *n);
            }
        }
        Ok(func.outs.iter().map(|o| {
            let v = env[o];
            self.array(v, false, jax)
        }).collect())
    }

    /// Run everything pending for the staged arrays still alive; afterwards they are host arrays.
    pub fn sync(&mut self, runtime: &mut crate::backend::Runtime) -> Result<()> {
        if self.builder.func.eqns.is_empty() {
            self.reset();
            return Ok(());
        }
        let mut live: Vec<(Var, Rc<RefCell<ArrayState>>)> = Vec::new();
        for (v, w) in &self.outs {
            if let Some(node) = w.upgrade() {
                live.push((*v, node));
            }
        }
        let effects = self.builder.func.eqns.iter().any(|e| e.prim.has_effect());
        if live.is_empty() && !effects {
            self.reset();
            return Ok(());
        }
        let mut func = std::mem::take(&mut self.builder.func);
        func.outs.clear();
        // One output per variable, however many arrays hold it.
        let mut slot: FxHashMap<Var, usize> = FxHashMap::default();
        let which: Vec<usize> = live
            .iter()
            .map(|(v, _)| {
                *slot.entry(*v).or_insert_with(|| {
                    func.outs.push(*v);
                    func.outs.len() - 1
                })
            })
            .collect();
        if cfg!(debug_assertions) {
            func.verify().map_err(|m| Diagnostic::new("RuntimeError", format!("internal error: the staged graph does not verify: {m}")))?;
        }
        let func = crate::transform::simplify::dce(func);
        if cfg!(debug_assertions) {
            func.verify().map_err(|m| Diagnostic::new("RuntimeError", format!("internal error: dead-code elimination broke the graph: {m}")))?;
        }
        let mut inputs = Vec::with_capacity(self.captured.len());
        for (_, a) in &self.captured {
            match a.buffer() {
                Some(h) => inputs.push(h),
                None => {
                    self.builder.func = func;
                    self.reset();
                    return Err(escaped());
                }
            }
        }
        self.syncs += 1;
        let result = runtime.run_bufs(&func, &inputs);
        // The next graph reuses this one's vectors (a loop stages a graph of the same size each
        // iteration).
        self.builder.func = func;
        self.reset();
        let values = result.map_err(run_error)?;
        for ((_, node), k) in live.iter().zip(which) {
            *node.borrow_mut() = match &values[k] {
                crate::backend::Buffer::Host(h) => ArrayState::Host(h.clone()),
                crate::backend::Buffer::Gpu(d) => ArrayState::Device(d.clone()),
            };
        }
        Ok(())
    }

    fn reset(&mut self) {
        self.id = next_stage_id();
        self.builder.clear();
        self.captured.clear();
        self.input_of.clear();
        self.captured_at.clear();
        self.outs.clear();
    }
}

/// A runtime's error as a Python exception: a message that starts with an exception's name and
/// `: ` (`MemoryError: …`, the GPU's allocation past its limits) is that exception, anything
/// else a RuntimeError.
pub fn run_error(m: String) -> Diagnostic {
    if let Some(rest) = m.strip_prefix(crate::limits::MEMORY_ERROR) {
        return Diagnostic::new("MemoryError", rest).with_help("use smaller arrays, or process the data in chunks");
    }
    for kind in ["KeyboardInterrupt", "TypeError", "ValueError", "OverflowError"] {
        if let Some(rest) = m.strip_prefix(kind).and_then(|r| r.strip_prefix(": ")) {
            return Diagnostic::new(kind, rest.to_string());
        }
    }
    Diagnostic::new("RuntimeError", m)
}

/// The error for a traced value used after its transformation finished.
pub fn escaped() -> Diagnostic {
    Diagnostic::new("UnexpectedTracerError", "a traced value escaped the function that was being transformed (grad, jit, vmap, …) and was used after it returned")
        .with_help("return the value from the transformed function instead of storing it in an outer variable or list")
}

/// A MemoryError for types too large to hold.
pub fn check_size(t: &Type) -> Result<()> {
    let mut n: usize = t.dtype.size_bytes();
    for &d in &t.shape {
        n = match n.checked_mul(d) {
            Some(n) => n,
            None => usize::MAX,
        };
    }
    if n <= MAX_ARRAY_BYTES {
        // Within the fixed limit, but maybe more than this machine has left.
        crate::limits::check(n as u128, || format!("an array of shape {:?} and dtype {}", t.shape, t.dtype))?;
    }
    if n > MAX_ARRAY_BYTES {
        return Err(Diagnostic::new(
            "MemoryError",
            format!("an array of shape {:?} and dtype {} would need {:.1} GiB", t.shape, t.dtype, n as f64 / (1u64 << 30) as f64),
        )
        .with_help("use a smaller shape, or process the data in chunks"));
    }
    Ok(())
}

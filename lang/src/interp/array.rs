//! Array values and staging (DESIGN.md §2). An `Array` is either on the host or staged: an
//! output of the cell's pending `Func`. `Stage::bind` appends an equation instead of computing;
//! `Stage::sync` compiles and runs what is pending, for the arrays some value still holds, and
//! starts a new pending graph. Arrays nobody holds at a sync point are never computed into memory.

use crate::array::{DType, HostArray};
use crate::diag::{Diagnostic, Result};
use crate::ir::{Builder, Type, Var};
use crate::prim::Prim;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// The most memory one array may take before we refuse with a MemoryError.
pub const MAX_ARRAY_BYTES: usize = 1 << 34;

pub enum ArrayState {
    Host(HostArray),
    /// An output of the pending graph of stage `stage`.
    Staged { stage: u64, var: Var },
}

pub struct ArrayNode {
    pub ty: Type,
    /// A Python scalar made into an array: it takes the dtype of the other operand (NEP 50 / JAX weak types).
    pub weak: bool,
    /// Created under `jax.numpy` semantics (float32 default, prints as `Array(...)`).
    pub jax: bool,
    pub state: Rc<RefCell<ArrayState>>,
}

/// An array value. Cloning shares it.
#[derive(Clone)]
pub struct Array(pub Rc<ArrayNode>);

impl Array {
    pub fn host(h: HostArray, jax: bool) -> Array {
        let ty = Type { shape: h.shape.clone(), dtype: h.dtype() };
        Array(Rc::new(ArrayNode { ty, weak: false, jax, state: Rc::new(RefCell::new(ArrayState::Host(h))) }))
    }
    pub fn weak_host(h: HostArray, jax: bool) -> Array {
        let ty = Type { shape: h.shape.clone(), dtype: h.dtype() };
        Array(Rc::new(ArrayNode { ty, weak: true, jax, state: Rc::new(RefCell::new(ArrayState::Host(h))) }))
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
        Array(Rc::new(ArrayNode { ty: self.0.ty.clone(), weak, jax, state: self.0.state.clone() }))
    }
    /// The host data, if it is already computed.
    pub fn try_host(&self) -> Option<HostArray> {
        match &*self.0.state.borrow() {
            ArrayState::Host(h) => Some(h.clone()),
            ArrayState::Staged { .. } => None,
        }
    }
}

/// The cell's pending graph.
pub struct Stage {
    pub id: u64,
    pub builder: Builder,
    /// The host value of each parameter of the pending graph, in order.
    pub inputs: Vec<HostArray>,
    /// Which host arrays are already parameters (kept alive by `held`).
    input_of: HashMap<*const ArrayNode, Var>,
    held: Vec<Array>,
    /// Every staged array handed out, weakly: those still alive at a sync point are computed.
    outs: Vec<(Var, Weak<RefCell<ArrayState>>)>,
    /// Statistics: how many syncs ran and the largest graph seen.
    pub syncs: u64,
    pub max_eqns: usize,
}

impl Default for Stage {
    fn default() -> Self {
        Stage::new()
    }
}

impl Stage {
    pub fn new() -> Stage {
        Stage { id: 1, builder: Builder::new(), inputs: Vec::new(), input_of: HashMap::new(), held: Vec::new(), outs: Vec::new(), syncs: 0, max_eqns: 0 }
    }

    /// A fresh stage that continues the numbering of `old` (after a failed cell).
    pub fn new_after(old: &Stage) -> Stage {
        let mut s = Stage::new();
        s.id = old.id + 1;
        s.syncs = old.syncs;
        s.max_eqns = old.max_eqns;
        s
    }

    /// The number of equations pending now.
    pub fn pending(&self) -> usize {
        self.builder.func.eqns.len()
    }

    fn var_of(&mut self, a: &Array) -> Result<Var> {
        match &*a.0.state.borrow() {
            ArrayState::Staged { stage, var } => {
                if *stage == self.id {
                    return Ok(*var);
                }
                return Err(Diagnostic::new("RuntimeError", "internal error: an array of an earlier stage was not computed at its sync point"));
            }
            ArrayState::Host(h) => {
                let key = Rc::as_ptr(&a.0);
                if let Some(&v) = self.input_of.get(&key) {
                    return Ok(v);
                }
                let v = self.builder.param(a.0.ty.clone());
                self.inputs.push(h.clone());
                self.input_of.insert(key, v);
                self.held.push(a.clone());
                Ok(v)
            }
        }
    }

    /// Append `prim args` to the pending graph and return its (staged) outputs.
    pub fn bind(&mut self, prim: Prim, args: &[&Array], jax: bool) -> Result<Vec<Array>> {
        let mut vars = Vec::with_capacity(args.len());
        for a in args {
            vars.push(self.var_of(a)?);
        }
        let tys: Vec<Type> = vars.iter().map(|&v| self.builder.ty(v).clone()).collect();
        let out_tys = crate::shape::infer(&prim, &tys).map_err(|m| Diagnostic::new("ValueError", m))?;
        for t in &out_tys {
            check_size(t)?;
        }
        let outs = self.builder.bind(prim, &vars).map_err(|m| Diagnostic::new("ValueError", m))?;
        self.max_eqns = self.max_eqns.max(self.builder.func.eqns.len());
        let mut res = Vec::with_capacity(outs.len());
        for v in outs {
            let state = Rc::new(RefCell::new(ArrayState::Staged { stage: self.id, var: v }));
            self.outs.push((v, Rc::downgrade(&state)));
            let node = Rc::new(ArrayNode { ty: self.builder.ty(v).clone(), weak: false, jax, state });
            res.push(Array(node));
        }
        Ok(res)
    }

    /// Run everything pending for the staged arrays still alive; afterwards they are host arrays.
    pub fn sync(&mut self) -> Result<()> {
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
        if live.is_empty() {
            self.reset();
            return Ok(());
        }
        let mut func = std::mem::take(&mut self.builder.func);
        func.outs = live.iter().map(|(v, _)| *v).collect();
        if cfg!(debug_assertions) {
            func.verify().map_err(|m| Diagnostic::new("RuntimeError", format!("internal error: the staged graph does not verify: {m}")))?;
        }
        let func = crate::transform::simplify::dce(&func);
        if cfg!(debug_assertions) {
            func.verify().map_err(|m| Diagnostic::new("RuntimeError", format!("internal error: dead-code elimination broke the graph: {m}")))?;
        }
        let inputs = std::mem::take(&mut self.inputs);
        self.syncs += 1;
        let result = crate::backend::run_func(&func, &inputs);
        self.reset();
        let values = result.map_err(|m| Diagnostic::new("RuntimeError", m))?;
        for ((_, node), h) in live.iter().zip(values) {
            *node.borrow_mut() = ArrayState::Host(h);
        }
        Ok(())
    }

    fn reset(&mut self) {
        self.id += 1;
        self.builder = Builder::new();
        self.inputs.clear();
        self.input_of.clear();
        self.held.clear();
        self.outs.clear();
    }
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
    if n > MAX_ARRAY_BYTES {
        return Err(Diagnostic::new(
            "MemoryError",
            format!("an array of shape {:?} and dtype {} would need {:.1} GiB", t.shape, t.dtype, n as f64 / (1u64 << 30) as f64),
        )
        .with_help("use a smaller shape, or process the data in chunks"));
    }
    Ok(())
}

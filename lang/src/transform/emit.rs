//! `Emit`: the builder interface the transformation rules are written against, so each rule is
//! one line in the same vocabulary user programs produce. `Builder` implements it directly;
//! `linearize`'s partial evaluator implements it by splitting equations into a known and an
//! unknown function.

use crate::array::{DType, Scalar};
use crate::ir::{Builder, Func, Type, Var};
use crate::prim::Prim;

pub type R<T> = Result<T, String>;

pub trait Emit {
    /// Append `prim ins`, returning its outputs.
    fn bind(&mut self, prim: Prim, ins: &[Var]) -> R<Vec<Var>>;
    /// The type of a variable.
    fn ty(&self, v: Var) -> Type;
}

impl Emit for Builder {
    fn bind(&mut self, prim: Prim, ins: &[Var]) -> R<Vec<Var>> {
        Builder::bind(self, prim, ins)
    }
    fn ty(&self, v: Var) -> Type {
        Builder::ty(self, v).clone()
    }
}

/// Convenience methods over any `Emit`.
pub trait EmitExt: Emit {
    fn b1(&mut self, prim: Prim, ins: &[Var]) -> R<Var> {
        self.bind(prim, ins)?.into_iter().next().ok_or_else(|| "expected one output".to_string())
    }
    /// A constant of `shape` and `dtype`.
    fn full(&mut self, value: f64, shape: &[usize], dtype: DType) -> R<Var> {
        let s = Scalar::F64(value).cast(dtype);
        let l = self.b1(Prim::Literal(s), &[])?;
        if shape.is_empty() {
            return Ok(l);
        }
        self.b1(Prim::BroadcastInDim { shape: shape.to_vec(), dims: vec![] }, &[l])
    }
    /// A constant with the shape and dtype of `like`.
    fn lit_like(&mut self, value: f64, like: Var) -> R<Var> {
        let t = self.ty(like);
        self.full(value, &t.shape, t.dtype)
    }
    fn zeros(&mut self, t: &Type) -> R<Var> {
        self.full(0.0, &t.shape, t.dtype)
    }
    fn add(&mut self, a: Var, b: Var) -> R<Var> {
        self.b1(Prim::Add, &[a, b])
    }
    fn sub(&mut self, a: Var, b: Var) -> R<Var> {
        self.b1(Prim::Sub, &[a, b])
    }
    fn mul(&mut self, a: Var, b: Var) -> R<Var> {
        self.b1(Prim::Mul, &[a, b])
    }
    fn div(&mut self, a: Var, b: Var) -> R<Var> {
        self.b1(Prim::Div, &[a, b])
    }
    fn neg(&mut self, a: Var) -> R<Var> {
        self.b1(Prim::Neg, &[a])
    }
    fn select(&mut self, p: Var, a: Var, b: Var) -> R<Var> {
        self.b1(Prim::Select, &[p, a, b])
    }
    fn cast(&mut self, a: Var, d: DType) -> R<Var> {
        if self.ty(a).dtype == d {
            return Ok(a);
        }
        self.b1(Prim::Cast { dtype: d }, &[a])
    }
    /// Sum `a` down to `shape` along the leading/broadcast dimensions `dims` (inverse of
    /// `BroadcastInDim { shape: a's shape, dims }` from an operand of `shape`).
    fn unbroadcast(&mut self, a: Var, shape: &[usize], dims: &[usize]) -> R<Var> {
        let sum_axes = unbroadcast_axes(&self.ty(a).shape, shape, dims);
        let s = if sum_axes.is_empty() { a } else { self.b1(Prim::ReduceSum { axes: sum_axes }, &[a])? };
        if self.ty(s).shape == shape {
            Ok(s)
        } else {
            self.b1(Prim::Reshape { shape: shape.to_vec() }, &[s])
        }
    }
    /// Bind every equation of `func` with its parameters mapped to `args`; returns its outputs.
    fn inline(&mut self, func: &Func, args: &[Var]) -> R<Vec<Var>> {
        if args.len() != func.params.len() {
            return Err(format!("inline: {} arguments for {} parameters", args.len(), func.params.len()));
        }
        let mut env: std::collections::HashMap<Var, Var> = func.params.iter().copied().zip(args.iter().copied()).collect();
        for e in &func.eqns {
            let ins: Vec<Var> = e.ins.iter().map(|v| env[v]).collect();
            let outs = self.bind(e.prim.clone(), &ins)?;
            for (o, n) in e.outs.iter().zip(outs) {
                env.insert(*o, n);
            }
        }
        Ok(func.outs.iter().map(|o| env[o]).collect())
    }
}

impl<T: Emit + ?Sized> EmitExt for T {}

/// The axes `unbroadcast` sums over: those of `ashape` that `BroadcastInDim { dims }` created from
/// an operand of `shape`, or stretched from size 1.
pub fn unbroadcast_axes(ashape: &[usize], shape: &[usize], dims: &[usize]) -> Vec<usize> {
    let mut axes: Vec<usize> = (0..ashape.len()).filter(|d| !dims.contains(d)).collect();
    for (i, &d) in dims.iter().enumerate() {
        if shape[i] == 1 && ashape[d] != 1 {
            axes.push(d);
        }
    }
    axes.sort_unstable();
    axes
}

/// Whether values of this dtype carry derivatives.
pub fn differentiable(d: DType) -> bool {
    d.is_float()
}

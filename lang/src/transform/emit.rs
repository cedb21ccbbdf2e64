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
    /// `a * b`, but 0 wherever `a` is 0 even when `b` is infinite or NaN. Reverse mode multiplies
    /// cotangents with this, so a branch that `where` did not select (cotangent 0) never turns a
    /// gradient into NaN (DESIGN: no double-where trap).
    ///
    /// Only the product of a zero with a non-finite value is replaced, so derivatives of this
    /// expression (higher-order gradients) are those of `a * b` wherever `b` is finite.
    fn mul_safe(&mut self, a: Var, b: Var) -> R<Var> {
        let prod = self.mul(a, b)?;
        self.zero_if_masked(a, b, prod)
    }
    /// `a / b`, 0 wherever `a` is 0 and `b` is 0 or not finite (see `mul_safe`).
    fn div_safe(&mut self, a: Var, b: Var) -> R<Var> {
        let q = self.div(a, b)?;
        let zero = self.lit_like(0.0, b)?;
        let b_zero = self.b1(Prim::Eq, &[b, zero])?;
        let masked = self.zero_if_masked(a, b, q)?;
        let a_zero = self.b1(Prim::Eq, &[a, zero])?;
        let both = self.b1(Prim::And, &[a_zero, b_zero])?;
        self.select(both, zero, masked)
    }
    /// `v`, but 0 where `a` is 0 and `b` is infinite or NaN.
    fn zero_if_masked(&mut self, a: Var, b: Var, v: Var) -> R<Var> {
        let zero = self.lit_like(0.0, a)?;
        let a_zero = self.b1(Prim::Eq, &[a, zero])?;
        let d = self.sub(b, b)?;
        let b_bad = self.b1(Prim::Ne, &[d, zero])?;
        let mask = self.b1(Prim::And, &[a_zero, b_bad])?;
        self.select(mask, zero, v)
    }
    /// Sum `a` down to `shape` along the leading/broadcast dimensions `dims` (inverse of
    /// `BroadcastInDim { shape: a's shape, dims }` from an operand of `shape`).
    fn unbroadcast(&mut self, a: Var, shape: &[usize], dims: &[usize]) -> R<Var> {
        let ashape = self.ty(a).shape;
        let mut sum_axes: Vec<usize> = (0..ashape.len()).filter(|d| !dims.contains(d)).collect();
        for (i, &d) in dims.iter().enumerate() {
            if shape[i] == 1 && ashape[d] != 1 {
                sum_axes.push(d);
            }
        }
        sum_axes.sort_unstable();
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

/// Whether values of this dtype carry derivatives.
pub fn differentiable(d: DType) -> bool {
    d.is_float()
}

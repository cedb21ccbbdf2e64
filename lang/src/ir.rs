//! The IR: `Func`, a closed list of equations over typed variables, printed like JAX's
//! `make_jaxpr`. `Builder` appends equations (inferring their types with `shape::infer`);
//! `verify` checks every invariant below. This module never touches array data.
//!
//! Invariants (checked by `Func::verify`):
//! 1. Every variable is an index into `types`, and is defined exactly once: as a parameter or as
//!    an output of one equation.
//! 2. Every equation's inputs are defined before it (parameters, or earlier equations' outputs).
//! 3. Every equation's output types are those `shape::infer` gives for its primitive and inputs.
//! 4. Every output of the function is defined.

use crate::array::DType;
use crate::prim::Prim;
use crate::shape;
use std::fmt;

/// A variable: an index into its `Func`'s type arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(pub u32);

/// The abstract value of a variable: shape and dtype.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Type {
    pub shape: Vec<usize>,
    pub dtype: DType,
}

impl Type {
    pub fn new(shape: &[usize], dtype: DType) -> Type {
        Type { shape: shape.to_vec(), dtype }
    }
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = match self.dtype {
            DType::Bool => "bool",
            DType::I32 => "i32",
            DType::I64 => "i64",
            DType::F32 => "f32",
            DType::F64 => "f64",
        };
        let dims: Vec<String> = self.shape.iter().map(|d| d.to_string()).collect();
        write!(f, "{d}[{}]", dims.join(","))
    }
}

/// One equation: `outs = prim ins`.
#[derive(Clone, Debug, PartialEq)]
pub struct Eqn {
    pub prim: Prim,
    pub ins: Vec<Var>,
    pub outs: Vec<Var>,
}

/// A closed function of typed parameters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Func {
    pub types: Vec<Type>,
    pub params: Vec<Var>,
    pub eqns: Vec<Eqn>,
    pub outs: Vec<Var>,
}

impl Func {
    pub fn ty(&self, v: Var) -> &Type {
        &self.types[v.0 as usize]
    }

    /// Check the invariants listed in the module doc.
    pub fn verify(&self) -> Result<(), String> {
        let n = self.types.len();
        let mut defined = vec![false; n];
        fn define(defined: &mut [bool], n: usize, v: Var, what: &str) -> Result<(), String> {
            let i = v.0 as usize;
            if i >= n {
                return Err(format!("{what} {} is not in the type arena ({n} types)", name(v)));
            }
            if defined[i] {
                return Err(format!("{} is defined twice ({what})", name(v)));
            }
            defined[i] = true;
            Ok(())
        }
        for &p in &self.params {
            define(&mut defined, n, p, "parameter")?;
        }
        for (k, e) in self.eqns.iter().enumerate() {
            let mut tys = Vec::with_capacity(e.ins.len());
            for &v in &e.ins {
                if (v.0 as usize) >= n || !defined[v.0 as usize] {
                    return Err(format!("equation {k} ({}) uses {} before it is defined", e.prim.name(), name(v)));
                }
                tys.push(self.ty(v));
            }
            let want = shape::infer(&e.prim, &tys).map_err(|m| format!("equation {k} ({}): {m}", e.prim.name()))?;
            if want.len() != e.outs.len() {
                return Err(format!("equation {k} ({}) has {} outputs, its primitive gives {}", e.prim.name(), e.outs.len(), want.len()));
            }
            for (&o, w) in e.outs.iter().zip(&want) {
                define(&mut defined, n, o, "equation output")?;
                if self.ty(o) != w {
                    return Err(format!("equation {k} ({}): {} has type {}, its primitive gives {}", e.prim.name(), name(o), self.ty(o), w));
                }
            }
        }
        for &o in &self.outs {
            if (o.0 as usize) >= n || !defined[o.0 as usize] {
                return Err(format!("output {} is not defined", name(o)));
            }
        }
        Ok(())
    }
}

/// JAX-style variable names: a, b, …, z, ba, bb, …
pub fn name(v: Var) -> String {
    let mut i = v.0 as usize;
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (i % 26) as u8);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let params: Vec<String> = self.params.iter().map(|&p| format!("{}:{}", name(p), self.ty(p))).collect();
        writeln!(f, "{{ lambda ; {}. let", params.join(" "))?;
        for e in &self.eqns {
            let outs: Vec<String> = e.outs.iter().map(|&o| format!("{}:{}", name(o), self.ty(o))).collect();
            let params = e.prim.params();
            let p = if params.is_empty() {
                String::new()
            } else {
                format!("[{}]", params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "))
            };
            let ins: Vec<String> = e.ins.iter().map(|&v| name(v)).collect();
            let sep = if ins.is_empty() { "" } else { " " };
            writeln!(f, "    {} = {}{}{sep}{}", outs.join(" "), e.prim.name(), p, ins.join(" "))?;
        }
        let outs: Vec<String> = self.outs.iter().map(|&o| name(o)).collect();
        write!(f, "  in ({}{}) }}", outs.join(", "), if outs.len() == 1 { "," } else { "" })
    }
}

/// Appends equations to a `Func`, inferring output types.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    pub func: Func,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }
    /// Start an empty function, keeping the vectors' memory (up to a bound) for the next one.
    pub fn clear(&mut self) {
        /// Capacity kept across clears, in elements of each vector.
        const KEEP: usize = 256;
        let f = &mut self.func;
        f.types.clear();
        f.params.clear();
        f.eqns.clear();
        f.outs.clear();
        f.types.shrink_to(KEEP);
        f.params.shrink_to(KEEP);
        f.eqns.shrink_to(KEEP);
        f.outs.shrink_to(KEEP);
    }
    fn fresh(&mut self, ty: Type) -> Var {
        self.func.types.push(ty);
        Var(self.func.types.len() as u32 - 1)
    }
    /// A new parameter of type `ty`.
    pub fn param(&mut self, ty: Type) -> Var {
        let v = self.fresh(ty);
        self.func.params.push(v);
        v
    }
    pub fn ty(&self, v: Var) -> &Type {
        self.func.ty(v)
    }
    /// Append `prim ins` and return its outputs; the error says why the types do not fit.
    pub fn bind(&mut self, prim: Prim, ins: &[Var]) -> Result<Vec<Var>, String> {
        let tys: Vec<&Type> = ins.iter().map(|&v| self.ty(v)).collect();
        let out_tys = shape::infer(&prim, &tys)?;
        let outs: Vec<Var> = out_tys.into_iter().map(|t| self.fresh(t)).collect();
        self.func.eqns.push(Eqn { prim, ins: ins.to_vec(), outs: outs.clone() });
        Ok(outs)
    }
    /// Append `prim ins` whose output types the caller already inferred with `shape::infer`;
    /// returns its outputs.
    pub fn bind_typed(&mut self, prim: Prim, ins: &[Var], out_types: Vec<Type>) -> &[Var] {
        let outs: Vec<Var> = out_types.into_iter().map(|t| self.fresh(t)).collect();
        self.func.eqns.push(Eqn { prim, ins: ins.to_vec(), outs });
        let last = self.func.eqns.len() - 1;
        &self.func.eqns[last].outs
    }

    /// `bind` for single-output primitives.
    pub fn bind1(&mut self, prim: Prim, ins: &[Var]) -> Result<Var, String> {
        Ok(self.bind(prim, ins)?[0])
    }
    pub fn finish(mut self, outs: Vec<Var>) -> Func {
        self.func.outs = outs;
        self.func
    }
}

//! The IR: `Func`, a closed list of equations over typed variables, printed like JAX's
//! `make_jaxpr` (literals inline where they are used, `select` in `select_n`'s operand order). `Builder` appends equations (inferring their types with `shape::infer`);
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
            DType::I8 => "i8",
            DType::I16 => "i16",
            DType::U8 => "u8",
            DType::U16 => "u16",
            DType::U32 => "u32",
            DType::U64 => "u64",
            DType::F16 => "f16",
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

impl Func {
    /// The variables that print as literals where they are used, as JAX prints a literal
    /// operand (`2.0:f32[]`), with their text: every literal, and a literal broadcast with no
    /// other use than as an operand of elementwise primitives (which JAX writes with the 0-d
    /// literal, broadcasting it implicitly).
    pub fn literal_texts(&self) -> std::collections::HashMap<Var, String> {
        let mut lits = std::collections::HashMap::new();
        for e in &self.eqns {
            if let (Prim::Literal(s), [o]) = (&e.prim, e.outs.as_slice()) {
                lits.insert(*o, format!("{}:{}", crate::array::format::scalar_str(*s), self.ty(*o)));
            }
        }
        let mut splat_ok: std::collections::HashMap<Var, bool> = std::collections::HashMap::new();
        for e in &self.eqns {
            if let (Prim::BroadcastInDim { dims, .. }, [i], [o]) = (&e.prim, e.ins.as_slice(), e.outs.as_slice()) {
                if dims.is_empty() && lits.contains_key(i) {
                    splat_ok.insert(*o, true);
                }
            }
            if !e.prim.is_elementwise() {
                for i in &e.ins {
                    if let Some(ok) = splat_ok.get_mut(i) {
                        *ok = false;
                    }
                }
            }
        }
        for o in &self.outs {
            splat_ok.insert(*o, false);
        }
        for e in &self.eqns {
            if let (Prim::BroadcastInDim { .. }, [i], [o]) = (&e.prim, e.ins.as_slice(), e.outs.as_slice()) {
                if splat_ok.get(o) == Some(&true) {
                    if let Some(t) = lits.get(i).cloned() {
                        lits.insert(*o, t);
                    }
                }
            }
        }
        lits
    }

    /// The text `make_jaxpr` prints: like `Display`, with the parameters from `n_args` on shown
    /// as the closed-over constants (`{ lambda consts ; args. let …`).
    pub fn jaxpr_text(&self, n_args: usize) -> String {
        let mut s = String::new();
        let _ = self.write_text(&mut s, n_args.min(self.params.len()));
        s
    }

    fn write_text(&self, f: &mut dyn fmt::Write, n_args: usize) -> fmt::Result {
        let decl = |ps: &[Var]| ps.iter().map(|&p| format!("{}:{}", name(p), self.ty(p))).collect::<Vec<_>>().join(" ");
        let (args, consts) = self.params.split_at(n_args);
        let consts = if consts.is_empty() { String::new() } else { format!("{} ", decl(consts)) };
        write!(f, "{{ lambda {consts}; {}. let", decl(args))?;
        // Literals print where they are used, as JAX's do.
        let lits = self.literal_texts();
        let operand = |v: Var| lits.get(&v).cloned().unwrap_or_else(|| name(v));
        let shown = |e: &&Eqn| !(matches!(e.prim, Prim::Literal(_) | Prim::BroadcastInDim { .. }) && e.outs.iter().all(|o| lits.contains_key(o)));
        // With no equations JAX prints the whole function on one line: `let  in (a,) }`.
        if !self.eqns.iter().any(|e| shown(&e)) {
            let outs: Vec<String> = self.outs.iter().map(|&o| operand(o)).collect();
            return write!(f, "  in ({}{}) }}", outs.join(", "), if outs.len() == 1 { "," } else { "" });
        }
        writeln!(f)?;
        for e in self.eqns.iter().filter(shown) {
            let outs: Vec<String> = e.outs.iter().map(|&o| format!("{}:{}", name(o), self.ty(o))).collect();
            let params = e.prim.params();
            let p = if params.is_empty() {
                String::new()
            } else if params.iter().any(|(_, v)| v.contains('\n')) {
                // Nested functions (control flow): one parameter a line, indented, as JAX's.
                let lines: Vec<String> = params.iter().map(|(k, v)| format!("      {k}={}", v.replace('\n', "\n      "))).collect();
                format!("[\n{}\n    ]", lines.join("\n"))
            } else {
                format!("[{}]", params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "))
            };
            let mut ins: Vec<String> = e.ins.iter().map(|&v| operand(v)).collect();
            if e.prim == Prim::Select {
                // JAX's `select_n` lists the cases from index 0: false first.
                ins.swap(1, 2);
            }
            let sep = if ins.is_empty() { "" } else { " " };
            writeln!(f, "    {} = {}{}{sep}{}", outs.join(" "), e.prim.name(), p, ins.join(" "))?;
        }
        let outs: Vec<String> = self.outs.iter().map(|&o| operand(o)).collect();
        write!(f, "  in ({}{}) }}", outs.join(", "), if outs.len() == 1 { "," } else { "" })
    }
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_text(f, self.params.len())
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

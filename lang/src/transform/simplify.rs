//! Simplification passes that keep a `Func`'s meaning: `dce` (dead code; run at every sync point
//! and on every transformed function) and `simplify` (for what people read: `make_jaxpr` and
//! `slope.show_graph`).
//!
//! `simplify` runs where it pays and nowhere else: the fuser already shares common
//! subexpressions and folds movement into index arithmetic, so staged execution gains nothing
//! from it, and it costs a string key per equation.

use crate::array::{HostArray, Scalar};
use crate::ir::{Builder, Eqn, Func, Type, Var};
use crate::prim::Prim;
use std::collections::HashMap;

/// Drop equations none of whose outputs reach the function's outputs. Parameters are kept.
/// Works in place: at every sync point it runs on the whole pending graph, so it neither copies
/// the equations it keeps nor allocates beyond one flag per variable.
pub fn dce(mut func: Func) -> Func {
    let mut live = vec![false; func.types.len()];
    for &o in &func.outs {
        live[o.0 as usize] = true;
    }
    for e in func.eqns.iter().rev() {
        if needed(e, &live) {
            for v in &e.ins {
                live[v.0 as usize] = true;
            }
        }
    }
    // Only later equations use an equation's outputs, so once the backward pass is over their
    // flags are those it saw: the same test keeps exactly the equations it marked.
    func.eqns.retain(|e| needed(e, &live));
    func
}

/// Whether `e` has an effect or an output in `live`.
fn needed(e: &Eqn, live: &[bool]) -> bool {
    e.prim.has_effect() || e.outs.iter().any(|o| live[o.0 as usize])
}

/// The function people read, with the same values and fewer equations. `consts[i]` is the value
/// of parameter `i` when it is a known 0-d constant (a Python scalar a traced function closed
/// over): such parameters become literals, which print inline as JAX prints them, and leave the
/// parameter list (the others keep their order). Then, in one forward pass:
///
/// - elementwise primitives of literals are folded (computed by `eval`);
/// - identities exact in IEEE arithmetic are applied: `x·1`, `1·x`, `x/1`, `x−0`, `x+(−0)`,
///   `−(−x)`, `select(p, a, a)`, and movement to the same shape (reshape of a reshape is one);
/// - in a case of `select(p, a, b)`, a `select(p, x, y)` (the case itself, or an operand of the
///   elementwise equation computing it) is the side `p` chooses there, so the guards reverse
///   mode adds after a select's transpose merge with it;
/// - a `dot_general` of a reshape that only added size-1 free dimensions (a vector `dot`)
///   contracts the operand itself;
/// - common subexpressions are shared;
///
/// then dead code goes, and the variables are renumbered in the order of their definition, so
/// the text reads `a, b, c, …` as JAX's does: the parameters from `n_args` on (the constants a
/// function closed over) first, as JAX names its constvars, then the other parameters, the
/// outputs of equations, and the literals last (they print inline).
pub fn simplify(func: &Func, n_args: usize, consts: &[Option<Scalar>]) -> Func {
    let inlined = inline_consts(func, consts);
    let n_args = n_args.min(inlined.params.len());
    let simple = simplified(&inlined).map(|f| renumber(&dce(f), n_args));
    // Every rewrite keeps types; should one not, the function is shown with only its constants
    // inlined.
    match simple {
        Some(f) if f.verify().is_ok() => f,
        _ => inlined,
    }
}

/// Which parameters `simplify` keeps: those without a known 0-d value.
pub fn kept_params(func: &Func, consts: &[Option<Scalar>]) -> Vec<bool> {
    func.params.iter().enumerate().map(|(i, &p)| !(consts.get(i).is_some_and(|c| c.is_some()) && func.ty(p).shape.is_empty())).collect()
}

/// `func` with the parameters of known 0-d value turned into literal equations.
fn inline_consts(func: &Func, consts: &[Option<Scalar>]) -> Func {
    let kept = kept_params(func, consts);
    let mut f = func.clone();
    let mut lits = Vec::new();
    for (i, &p) in func.params.iter().enumerate() {
        if let (false, Some(c)) = (kept[i], consts.get(i).copied().flatten()) {
            lits.push(Eqn { prim: Prim::Literal(c.cast(func.ty(p).dtype)), ins: vec![], outs: vec![p] });
        }
    }
    f.params = func.params.iter().zip(&kept).filter(|(_, &k)| k).map(|(&p, _)| p).collect();
    lits.extend(f.eqns);
    f.eqns = lits;
    f
}

fn simplified(func: &Func) -> Option<Func> {
    let mut s = Simplifier { b: Builder::new(), def: HashMap::new(), lits: HashMap::new(), cse: HashMap::new() };
    let mut env: HashMap<Var, Var> = HashMap::new();
    for &p in &func.params {
        env.insert(p, s.b.param(func.ty(p).clone()));
    }
    for e in &func.eqns {
        let ins: Vec<Var> = e.ins.iter().map(|v| env.get(v).copied()).collect::<Option<_>>()?;
        let outs = s.emit(nested_simplified(&e.prim), ins)?;
        if outs.len() != e.outs.len() {
            return None;
        }
        for (o, n) in e.outs.iter().zip(outs) {
            env.insert(*o, n);
        }
    }
    let outs: Vec<Var> = func.outs.iter().map(|o| env.get(o).copied()).collect::<Option<_>>()?;
    Some(s.b.finish(outs))
}

/// A control-flow primitive with its nested functions simplified too (dead code gone), as
/// people read them in the text; any other primitive as it is.
fn nested_simplified(prim: &Prim) -> Prim {
    let s = |f: &std::rc::Rc<Func>| -> std::rc::Rc<Func> {
        match simplified(f).map(dce) {
            Some(g) if g.params.len() == f.params.len() && g.outs.len() == f.outs.len() && g.verify().is_ok() => std::rc::Rc::new(g),
            _ => f.clone(),
        }
    };
    match prim {
        Prim::Scan { body, n_consts, n_carry, length, reverse } => Prim::Scan { body: s(body), n_consts: *n_consts, n_carry: *n_carry, length: *length, reverse: *reverse },
        Prim::While { cond, body, n_cond, n_body } => Prim::While { cond: s(cond), body: s(body), n_cond: *n_cond, n_body: *n_body },
        Prim::Cond { branches } => Prim::Cond { branches: branches.iter().map(s).collect() },
        p => p.clone(),
    }
}

struct Simplifier {
    b: Builder,
    /// The equation that defined each variable.
    def: HashMap<Var, (Prim, Vec<Var>)>,
    /// Variables that are literals, or broadcasts of one: their value.
    lits: HashMap<Var, Scalar>,
    cse: HashMap<String, Vec<Var>>,
}

/// What one step of rewriting an equation gives.
enum Step {
    /// The equation's only output is this existing variable.
    Same(Var),
    /// Emit this equation instead (itself rewritten in turn).
    Instead(Prim, Vec<Var>),
    /// Emit `dot`, then reshape its result to `shape`.
    DotThenReshape(Prim, Vec<Var>, Vec<usize>),
    /// Emit `prim ins`, and use it as operand `k` of this equation.
    Operand(usize, Prim, Vec<Var>),
    Keep,
}

impl Simplifier {
    /// The outputs of `prim ins`, simplified.
    fn emit(&mut self, prim: Prim, ins: Vec<Var>) -> Option<Vec<Var>> {
        let (mut prim, mut ins) = (prim, ins);
        loop {
            match self.step(&prim, &ins) {
                Step::Same(v) => return Some(vec![v]),
                Step::Instead(p, i) => (prim, ins) = (p, i),
                Step::DotThenReshape(p, i, shape) => {
                    let d = *self.emit(p, i)?.first()?;
                    (prim, ins) = (Prim::Reshape { shape }, vec![d]);
                }
                Step::Operand(k, p, i) => {
                    ins[k] = *self.emit(p, i)?.first()?;
                }
                Step::Keep => break,
            }
        }
        if let Some(v) = self.fold(&prim, &ins) {
            return Some(vec![v]);
        }
        let key = (!matches!(prim, Prim::DebugPrint { .. } | Prim::HostCall { .. } | Prim::CustomVjp { .. } | Prim::CustomJvp { .. } | Prim::CustomLinear { .. } | Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. })).then(|| format!("{prim:?} {ins:?}"));
        if let Some(outs) = key.as_ref().and_then(|k| self.cse.get(k)) {
            return Some(outs.clone());
        }
        let outs = self.b.bind(prim.clone(), &ins).ok()?;
        if let Some(k) = key {
            self.cse.insert(k, outs.clone());
        }
        if let Prim::Literal(s) = &prim {
            self.lits.insert(outs[0], *s);
        }
        if matches!(prim, Prim::BroadcastInDim { .. } | Prim::Reshape { .. }) {
            if let Some(&s) = self.lits.get(&ins[0]) {
                self.lits.insert(outs[0], s);
            }
        }
        if outs.len() == 1 {
            self.def.insert(outs[0], (prim, ins));
        }
        Some(outs)
    }

    fn ty(&self, v: Var) -> &Type {
        self.b.ty(v)
    }

    /// Whether `v` is a splat of the float or int `x` (for floats, with `x`'s sign bit).
    fn is(&self, v: Var, x: f64) -> bool {
        match self.lits.get(&v) {
            Some(Scalar::F32(a)) => a.to_bits() == (x as f32).to_bits(),
            Some(Scalar::F64(a)) => a.to_bits() == x.to_bits(),
            Some(Scalar::I32(a)) => *a as f64 == x,
            Some(Scalar::I64(a)) => *a as f64 == x,
            Some(Scalar::Bool(_)) | None => false,
            Some(s) => s.dtype().is_int() && s.to_f64() == x,
        }
    }

    /// Whether `v` is a splat of zero that adding leaves every value unchanged: an integer 0,
    /// or −0.0 (x + (+0.0) turns −0.0 into +0.0).
    fn additive_zero(&self, v: Var) -> bool {
        self.is(v, -0.0) || self.is(v, 0.0) && self.ty(v).dtype.is_int()
    }

    /// The operand of `v`'s defining equation when that is `want`'s kind of primitive.
    fn defined_by(&self, v: Var, want: fn(&Prim) -> bool) -> Option<&[Var]> {
        self.def.get(&v).filter(|(p, _)| want(p)).map(|(_, ins)| ins.as_slice())
    }

    /// One rewrite of `prim ins` by an exact identity.
    fn step(&self, prim: &Prim, ins: &[Var]) -> Step {
        let identity = |v: &[usize]| v.iter().enumerate().all(|(i, &d)| i == d);
        let arg = |i: usize| ins.get(i).copied();
        if *prim == Prim::Mul && arg(1).is_some_and(|v| self.is(v, 1.0)) || *prim == Prim::Div && arg(1).is_some_and(|v| self.is(v, 1.0)) || *prim == Prim::Sub && arg(1).is_some_and(|v| self.is(v, 0.0)) || *prim == Prim::Add && arg(1).is_some_and(|v| self.additive_zero(v)) {
            return Step::Same(ins[0]);
        }
        if *prim == Prim::Mul && self.is(ins[0], 1.0) || *prim == Prim::Add && self.additive_zero(ins[0]) {
            return Step::Same(ins[1]);
        }
        if *prim == Prim::Neg {
            if let Some(inner) = self.defined_by(ins[0], |p| *p == Prim::Neg) {
                return Step::Same(inner[0]);
            }
        }
        if *prim == Prim::Select {
            if ins[1] == ins[2] {
                return Step::Same(ins[1]);
            }
            if let Some(step) = self.select_within_select(ins) {
                return step;
            }
        }
        if let Prim::Cast { dtype } = prim {
            if self.ty(ins[0]).dtype == *dtype {
                return Step::Same(ins[0]);
            }
        }
        if let Prim::Reshape { shape } = prim {
            if self.ty(ins[0]).shape == *shape {
                return Step::Same(ins[0]);
            }
            if let Some(inner) = self.defined_by(ins[0], |p| matches!(p, Prim::Reshape { .. })) {
                return Step::Instead(prim.clone(), inner.to_vec());
            }
        }
        if let Prim::BroadcastInDim { shape, dims } = prim {
            if self.ty(ins[0]).shape == *shape && identity(dims) {
                return Step::Same(ins[0]);
            }
        }
        if let Prim::Transpose { perm } = prim {
            if identity(perm) {
                return Step::Same(ins[0]);
            }
        }
        if let Prim::ReduceSum { axes } | Prim::ReduceMax { axes } | Prim::ReduceMin { axes } | Prim::ReduceProd { axes } = prim {
            if axes.is_empty() {
                return Step::Same(ins[0]);
            }
        }
        if let Prim::DotGeneral { .. } = prim {
            return self.dot_without_reshapes(prim, ins);
        }
        Step::Keep
    }

    /// In the case `select(p, a, b)` takes where `p` holds, a `select(p, x, y)` is `x` (and `y`
    /// in the other case): directly, or as an operand of the elementwise equation computing the
    /// case.
    fn select_within_select(&self, ins: &[Var]) -> Option<Step> {
        let p = ins[0];
        for k in [1, 2] {
            let Some((prim, args)) = self.def.get(&ins[k]) else { continue };
            let chosen = |v: &Var| self.def.get(v).filter(|(q, sel)| *q == Prim::Select && sel[0] == p).map(|(_, sel)| sel[k]);
            if *prim == Prim::Select && args[0] == p {
                let mut new = ins.to_vec();
                new[k] = args[k];
                return Some(Step::Instead(Prim::Select, new));
            }
            if prim.is_elementwise() && args.iter().any(|v| chosen(v).is_some()) {
                let new_args = args.iter().map(|v| chosen(v).unwrap_or(*v)).collect();
                return Some(Step::Operand(k, prim.clone(), new_args));
            }
        }
        None
    }

    /// A `dot_general` one of whose operands is a reshape that only added size-1 free
    /// dimensions: the same product of the reshape's operand, reshaped.
    fn dot_without_reshapes(&self, prim: &Prim, ins: &[Var]) -> Step {
        let Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } = prim else { return Step::Keep };
        for side in 0..2 {
            let Some((Prim::Reshape { .. }, src)) = self.def.get(&ins[side]) else { continue };
            let (contract, batch) = if side == 0 { (lhs_contract, lhs_batch) } else { (rhs_contract, rhs_batch) };
            let (from, to) = (&self.ty(src[0]).shape, &self.ty(ins[side]).shape);
            // Only unit dimensions added: `to` without its 1s is `from`, which has no 1s.
            let kept: Vec<usize> = (0..to.len()).filter(|&d| to[d] != 1).collect();
            if from.contains(&1) || kept.len() != from.len() || kept.iter().zip(from).any(|(&d, &n)| to[d] != n) {
                continue;
            }
            if contract.iter().chain(batch).any(|d| to[*d] == 1) {
                continue;
            }
            let new_index = |d: &usize| kept.iter().position(|k| k == d).unwrap_or(0);
            let (c, b): (Vec<usize>, Vec<usize>) = (contract.iter().map(new_index).collect(), batch.iter().map(new_index).collect());
            let dot = if side == 0 {
                Prim::DotGeneral { lhs_contract: c, rhs_contract: rhs_contract.clone(), lhs_batch: b, rhs_batch: rhs_batch.clone() }
            } else {
                Prim::DotGeneral { lhs_contract: lhs_contract.clone(), rhs_contract: c, lhs_batch: lhs_batch.clone(), rhs_batch: b }
            };
            let mut new_ins = ins.to_vec();
            new_ins[side] = src[0];
            let out_shape = match crate::shape::infer(prim, &[self.ty(ins[0]), self.ty(ins[1])]) {
                Ok(t) => t[0].shape.clone(),
                Err(_) => continue,
            };
            return Step::DotThenReshape(dot, new_ins, out_shape);
        }
        Step::Keep
    }

    /// An elementwise primitive of literals, computed.
    fn fold(&mut self, prim: &Prim, ins: &[Var]) -> Option<Var> {
        if ins.is_empty() || !prim.is_elementwise() {
            return None;
        }
        let vals: Vec<Scalar> = ins.iter().map(|v| if self.ty(*v).shape.is_empty() { self.lits.get(v).copied() } else { None }).collect::<Option<_>>()?;
        let mut b = Builder::new();
        let ps: Vec<Var> = vals.iter().map(|s| b.param(Type::new(&[], s.dtype()))).collect();
        let outs = b.bind(prim.clone(), &ps).ok()?;
        let f = b.finish(outs);
        let args: Vec<HostArray> = vals.iter().map(|&s| HostArray::scalar(s)).collect();
        let r = crate::eval::eval_func(&f, &args).ok()?;
        let value = r.first()?.get(0);
        self.emit(Prim::Literal(value), vec![])?.first().copied()
    }
}

/// The same function with its variables numbered in the order of their definition: parameters
/// (those from `n_args` on first), then the outputs of equations, then the literals (which print
/// inline, `Func::literal_texts`).
fn renumber(f: &Func, n_args: usize) -> Func {
    let inline = f.literal_texts();
    let is_lit = |e: &Eqn| e.outs.iter().all(|o| inline.contains_key(o)) && !e.outs.is_empty();
    let mut order: Vec<Var> = f.params[n_args..].to_vec();
    order.extend(&f.params[..n_args]);
    order.extend(f.eqns.iter().filter(|e| !is_lit(e)).flat_map(|e| e.outs.iter().copied()));
    order.extend(f.eqns.iter().filter(|e| is_lit(e)).flat_map(|e| e.outs.iter().copied()));
    let mut new = vec![Var(u32::MAX); f.types.len()];
    let mut types = Vec::with_capacity(order.len());
    for (i, &v) in order.iter().enumerate() {
        new[v.0 as usize] = Var(i as u32);
        types.push(f.ty(v).clone());
    }
    let map = |v: &Var| new[v.0 as usize];
    Func {
        types,
        params: f.params.iter().map(map).collect(),
        eqns: f.eqns.iter().map(|e| Eqn { prim: e.prim.clone(), ins: e.ins.iter().map(map).collect(), outs: e.outs.iter().map(map).collect() }).collect(),
        outs: f.outs.iter().map(map).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::DType;

    fn f32s() -> Type {
        Type::new(&[], DType::F32)
    }

    /// x·c with c = 1.0 known: the constant folds away, nothing is left but the parameter.
    #[test]
    fn constants_inline_and_identities_vanish() {
        let mut b = Builder::new();
        let x = b.param(f32s());
        let c = b.param(f32s());
        let m = b.bind1(Prim::Mul, &[x, c]).expect("mul");
        let f = b.finish(vec![m]);
        let s = simplify(&f, 1, &[None, Some(Scalar::F32(1.0))]);
        assert_eq!(s.eqns.len(), 0, "{s}");
        assert_eq!(s.params.len(), 1);
        // JAX prints an empty body on one line (`let  in (a,) }`).
        assert_eq!(format!("{s}"), "{ lambda ; a:f32[]. let  in (a,) }");
    }

    /// Literals print inline, duplicated work is shared, and names follow definition order.
    #[test]
    fn literals_print_inline_and_duplicates_are_shared() {
        let mut b = Builder::new();
        let x = b.param(f32s());
        let two = b.bind1(Prim::Literal(Scalar::F32(2.0)), &[]).expect("lit");
        let p = b.bind1(Prim::Mul, &[x, two]).expect("mul");
        let q = b.bind1(Prim::Mul, &[x, two]).expect("mul");
        let r = b.bind1(Prim::Add, &[p, q]).expect("add");
        let f = b.finish(vec![r]);
        let s = simplify(&f, 1, &[None]);
        s.verify().expect("verifies");
        assert_eq!(format!("{s}"), "{ lambda ; a:f32[]. let\n    b:f32[] = mul a 2.0:f32[]\n    c:f32[] = add b b\n  in (c,) }");
    }

    /// x·0 stays (0·∞ is NaN), and so does x+0 for floats (−0 + 0 is +0).
    #[test]
    fn inexact_identities_are_not_applied() {
        let mut b = Builder::new();
        let x = b.param(f32s());
        let z = b.bind1(Prim::Literal(Scalar::F32(0.0)), &[]).expect("lit");
        let m = b.bind1(Prim::Mul, &[x, z]).expect("mul");
        let a = b.bind1(Prim::Add, &[m, z]).expect("add");
        let f = b.finish(vec![a]);
        assert_eq!(simplify(&f, 1, &[None]).eqns.iter().filter(|e| !matches!(e.prim, Prim::Literal(_))).count(), 2);
    }

    /// A vector dot written as (1,n)·(n,1) matrices: one dot_general of the vectors.
    #[test]
    fn vector_dot_loses_its_reshapes() {
        let mut b = Builder::new();
        let t = Type::new(&[3], DType::F32);
        let (x, y) = (b.param(t.clone()), b.param(t));
        let r1 = b.bind1(Prim::Reshape { shape: vec![1, 3] }, &[x]).expect("reshape");
        let r2 = b.bind1(Prim::Reshape { shape: vec![3, 1] }, &[y]).expect("reshape");
        let d = b.bind1(Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] }, &[r1, r2]).expect("dot");
        let o = b.bind1(Prim::Reshape { shape: vec![] }, &[d]).expect("reshape");
        let f = b.finish(vec![o]);
        let s = simplify(&f, 2, &[None, None]);
        s.verify().expect("verifies");
        assert_eq!(s.eqns.len(), 1, "{s}");
        let want = crate::eval::eval_func(&f, &[HostArray::from_f64(&[3], vec![1.0, 2.0, 3.0]).cast(DType::F32), HostArray::from_f64(&[3], vec![4.0, 5.0, 6.0]).cast(DType::F32)]).expect("eval");
        let got = crate::eval::eval_func(&s, &[HostArray::from_f64(&[3], vec![1.0, 2.0, 3.0]).cast(DType::F32), HostArray::from_f64(&[3], vec![4.0, 5.0, 6.0]).cast(DType::F32)]).expect("eval");
        assert_eq!(want[0].get(0).to_f64(), got[0].get(0).to_f64());
    }

    /// select(p, select(p, a, z) · d, z): the inner select is `a` where the outer one reads it.
    #[test]
    fn a_select_inside_a_case_of_the_same_predicate_is_its_chosen_side() {
        let mut b = Builder::new();
        let t = Type::new(&[], DType::F32);
        let (p, a, d) = (b.param(Type::new(&[], DType::Bool)), b.param(t.clone()), b.param(t));
        let z = b.bind1(Prim::Literal(Scalar::F32(0.0)), &[]).expect("lit");
        let inner = b.bind1(Prim::Select, &[p, a, z]).expect("select");
        let m = b.bind1(Prim::Mul, &[inner, d]).expect("mul");
        let outer = b.bind1(Prim::Select, &[p, m, z]).expect("select");
        let f = b.finish(vec![outer]);
        let s = simplify(&f, 3, &[None, None, None]);
        assert_eq!(format!("{s}"), "{ lambda ; a:bool[] b:f32[] c:f32[]. let\n    d:f32[] = mul b c\n    e:f32[] = select_n a 0.0:f32[] d\n  in (e,) }");
        for (pv, av, dv) in [(true, 2.0, f32::INFINITY), (false, 2.0, f32::INFINITY), (false, f32::NAN, 3.0)] {
            let args = [HostArray::scalar(Scalar::Bool(pv)), HostArray::scalar(Scalar::F32(av)), HostArray::scalar(Scalar::F32(dv))];
            let (want, got) = (crate::eval::eval_func(&f, &args).expect("eval"), crate::eval::eval_func(&s, &args).expect("eval"));
            assert_eq!(want[0].get(0).to_f64().to_bits(), got[0].get(0).to_f64().to_bits());
        }
    }
}

//! Shape and dtype inference: the output types of a primitive applied to inputs of given types,
//! or a sentence saying why they do not fit. One exhaustive `match` over `Prim`.
//!
//! This module owns every static check of a primitive application: operand counts, dtypes,
//! shapes and parameters (axes, permutations, slice bounds, dimension numbers). `eval` runs
//! `infer` on the actual operands before computing, so it may rely on everything checked here.

use crate::array::DType;
use crate::ir::Type;
use crate::prim::Prim;

/// Which dtypes an operand may have.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Any of the five dtypes.
    Any,
    /// Integers and floats, not bool.
    Numeric,
    /// Floats only.
    Float,
    /// Bool or integers (logical and bitwise operations).
    BoolOrInt,
}

impl Kind {
    fn admits(self, d: DType) -> bool {
        match self {
            Kind::Any => true,
            Kind::Numeric => d != DType::Bool,
            Kind::Float => d.is_float(),
            Kind::BoolOrInt => d == DType::Bool || d.is_int(),
        }
    }
    fn describe(self) -> &'static str {
        match self {
            Kind::Any => "an",
            Kind::Numeric => "a numeric (int or float)",
            Kind::Float => "a float",
            Kind::BoolOrInt => "a bool or int",
        }
    }
}

/// The output types of `prim` applied to operands of types `ins`.
pub fn infer(prim: &Prim, ins: &[&Type]) -> Result<Vec<Type>, String> {
    let outs = infer_unchecked(prim, ins)?;
    for t in &outs {
        if checked_numel(&t.shape).is_none() {
            return Err(format!("{} would produce shape {:?}, whose size overflows", prim.name(), t.shape));
        }
    }
    Ok(outs)
}

fn infer_unchecked(prim: &Prim, ins: &[&Type]) -> Result<Vec<Type>, String> {
    let name = prim.name();
    match prim {
        Prim::Neg | Prim::Abs | Prim::Sign => unary(name, ins, Kind::Numeric),
        Prim::Not => unary(name, ins, Kind::BoolOrInt),
        Prim::Floor
        | Prim::Ceil
        | Prim::Round
        | Prim::Exp
        | Prim::Log
        | Prim::Log1p
        | Prim::Expm1
        | Prim::Sqrt
        | Prim::Sin
        | Prim::Cos
        | Prim::Tan
        | Prim::Asin
        | Prim::Acos
        | Prim::Atan
        | Prim::Sinh
        | Prim::Cosh
        | Prim::Tanh => unary(name, ins, Kind::Float),
        Prim::IntegerPow { y } => {
            let t = unary(name, ins, Kind::Numeric)?;
            if *y < 0 && !t[0].dtype.is_float() {
                return Err(format!("{name} cannot raise the integers {} to the negative power {y}", t[0]));
            }
            Ok(t)
        }
        Prim::Add | Prim::Mul | Prim::Max | Prim::Min => binary(name, ins, Kind::Any),
        Prim::Sub | Prim::Div | Prim::Rem | Prim::Pow => binary(name, ins, Kind::Numeric),
        Prim::Atan2 => binary(name, ins, Kind::Float),
        Prim::And | Prim::Or | Prim::Xor => binary(name, ins, Kind::BoolOrInt),
        Prim::Eq | Prim::Ne | Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge => {
            let t = binary(name, ins, Kind::Any)?;
            Ok(vec![Type { shape: t[0].shape.clone(), dtype: DType::Bool }])
        }
        Prim::Select => {
            arity(name, ins, 3)?;
            let (p, a, b) = (ins[0], ins[1], ins[2]);
            if p.dtype != DType::Bool {
                return Err(format!("{name} needs a bool predicate, got {p}"));
            }
            if a.dtype != b.dtype {
                return Err(format!("{name} needs both cases of one dtype, got {a} and {b}"));
            }
            if p.shape != a.shape || a.shape != b.shape {
                return Err(format!("{name} needs predicate and cases of one shape, got {p}, {a} and {b}"));
            }
            Ok(vec![a.clone()])
        }
        Prim::Cast { dtype } => {
            arity(name, ins, 1)?;
            Ok(vec![Type { shape: ins[0].shape.clone(), dtype: *dtype }])
        }
        Prim::ReduceSum { axes } | Prim::ReduceProd { axes } => reduce(name, ins, axes, Kind::Numeric, false),
        Prim::ReduceMax { axes } | Prim::ReduceMin { axes } => reduce(name, ins, axes, Kind::Any, true),
        Prim::Argmax { axis, index_dtype } | Prim::Argmin { axis, index_dtype } => {
            index_dtype_ok(name, *index_dtype)?;
            let t = reduce(name, ins, &[*axis], Kind::Any, true)?;
            Ok(vec![Type { shape: t[0].shape.clone(), dtype: *index_dtype }])
        }
        Prim::Cumsum { axis, .. } | Prim::Cumprod { axis, .. } => {
            let t = unary(name, ins, Kind::Numeric)?;
            axis_ok(name, *axis, ins[0])?;
            Ok(t)
        }
        Prim::Reshape { shape } => {
            arity(name, ins, 1)?;
            let x = ins[0];
            let want = checked_numel(shape);
            if want.is_none() || want != checked_numel(&x.shape) {
                return Err(format!("{name} cannot turn {x} into shape {shape:?}: the sizes differ"));
            }
            Ok(vec![Type { shape: shape.clone(), dtype: x.dtype }])
        }
        Prim::BroadcastInDim { shape, dims } => {
            arity(name, ins, 1)?;
            let x = ins[0];
            if dims.len() != x.shape.len() {
                return Err(format!("{name} needs one entry of dims {dims:?} per dimension of {x}"));
            }
            for (i, &d) in dims.iter().enumerate() {
                if d >= shape.len() {
                    return Err(format!("{name} maps dimension {i} of {x} to {d}, out of range for shape {shape:?}"));
                }
                if i > 0 && dims[i - 1] >= d {
                    return Err(format!("{name} needs strictly increasing dims, got {dims:?}"));
                }
                if x.shape[i] != 1 && x.shape[i] != shape[d] {
                    return Err(format!("{name} cannot broadcast {x} to shape {shape:?} with dims {dims:?}"));
                }
            }
            Ok(vec![Type { shape: shape.clone(), dtype: x.dtype }])
        }
        Prim::Transpose { perm } => {
            arity(name, ins, 1)?;
            let x = ins[0];
            let mut seen = vec![false; x.shape.len()];
            if perm.len() != x.shape.len() || !perm.iter().all(|&p| p < seen.len() && !std::mem::replace(&mut seen[p], true)) {
                return Err(format!("{name} needs a permutation of the dimensions of {x}, got {perm:?}"));
            }
            Ok(vec![Type { shape: perm.iter().map(|&p| x.shape[p]).collect(), dtype: x.dtype }])
        }
        Prim::Slice { start, limit, stride } => {
            arity(name, ins, 1)?;
            let x = ins[0];
            let n = x.shape.len();
            if start.len() != n || limit.len() != n || stride.len() != n {
                return Err(format!("{name} needs one start, limit and stride per dimension of {x}"));
            }
            let mut shape = Vec::with_capacity(n);
            for i in 0..n {
                if !(start[i] <= limit[i] && limit[i] <= x.shape[i]) || stride[i] == 0 {
                    return Err(format!(
                        "{name} bounds {}:{}:{} are invalid for dimension {i} of {x}",
                        start[i], limit[i], stride[i]
                    ));
                }
                shape.push((limit[i] - start[i]).div_ceil(stride[i]));
            }
            Ok(vec![Type { shape, dtype: x.dtype }])
        }
        Prim::Rev { axes } => {
            arity(name, ins, 1)?;
            axes_ok(name, axes, ins[0])?;
            Ok(vec![ins[0].clone()])
        }
        Prim::Pad { lo, hi, interior } => {
            arity(name, ins, 2)?;
            let (x, v) = (ins[0], ins[1]);
            if !v.shape.is_empty() || v.dtype != x.dtype {
                return Err(format!("{name} needs a 0-d padding value of the dtype of {x}, got {v}"));
            }
            let n = x.shape.len();
            if lo.len() != n || hi.len() != n || interior.len() != n {
                return Err(format!("{name} needs one lo, hi and interior per dimension of {x}"));
            }
            let mut shape = Vec::with_capacity(n);
            for i in 0..n {
                let d = x.shape[i];
                let size = interior[i]
                    .checked_mul(d.saturating_sub(1))
                    .and_then(|s| s.checked_add(d))
                    .and_then(|s| s.checked_add(lo[i]))
                    .and_then(|s| s.checked_add(hi[i]))
                    .ok_or_else(|| format!("{name} of {x} overflows in dimension {i}"))?;
                shape.push(size);
            }
            Ok(vec![Type { shape, dtype: x.dtype }])
        }
        Prim::Concat { axis } => {
            if ins.is_empty() {
                return Err(format!("{name} needs at least one operand"));
            }
            let first = ins[0];
            axis_ok(name, *axis, first)?;
            let mut size = 0usize;
            for t in ins {
                let same = t.dtype == first.dtype
                    && t.shape.len() == first.shape.len()
                    && t.shape.iter().zip(&first.shape).enumerate().all(|(i, (a, b))| i == *axis || a == b);
                if !same {
                    return Err(format!("{name} along axis {axis} needs operands alike but along that axis, got {first} and {t}"));
                }
                size = size.checked_add(t.shape[*axis]).ok_or_else(|| format!("{name} output size overflows"))?;
            }
            let mut shape = first.shape.clone();
            shape[*axis] = size;
            Ok(vec![Type { shape, dtype: first.dtype }])
        }
        Prim::Gather { axis } => {
            arity(name, ins, 2)?;
            Ok(vec![gather_type(name, *axis, ins[0], ins[1])?])
        }
        Prim::Scatter { axis, .. } => {
            arity(name, ins, 3)?;
            let (x, idx, upd) = (ins[0], ins[1], ins[2]);
            let want = gather_type(name, *axis, x, idx)?;
            if *upd != want {
                return Err(format!("{name} of {x} at indices {idx} needs updates of type {want}, got {upd}"));
            }
            Ok(vec![x.clone()])
        }
        Prim::Sort { axis } => {
            let t = unary(name, ins, Kind::Any)?;
            axis_ok(name, *axis, ins[0])?;
            Ok(t)
        }
        Prim::Argsort { axis, index_dtype } => {
            index_dtype_ok(name, *index_dtype)?;
            unary(name, ins, Kind::Any)?;
            axis_ok(name, *axis, ins[0])?;
            Ok(vec![Type { shape: ins[0].shape.clone(), dtype: *index_dtype }])
        }
        Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } => {
            arity(name, ins, 2)?;
            let (l, r) = (ins[0], ins[1]);
            if l.dtype != r.dtype {
                return Err(format!("{name} needs operands of one dtype, got {l} and {r}"));
            }
            if lhs_contract.len() != rhs_contract.len() || lhs_batch.len() != rhs_batch.len() {
                return Err(format!(
                    "{name} needs as many lhs as rhs contracting and batch dimensions, got {lhs_contract:?}/{rhs_contract:?} and {lhs_batch:?}/{rhs_batch:?}"
                ));
            }
            let lhs_used: Vec<usize> = lhs_batch.iter().chain(lhs_contract).copied().collect();
            let rhs_used: Vec<usize> = rhs_batch.iter().chain(rhs_contract).copied().collect();
            axes_ok(name, &lhs_used, l)?;
            axes_ok(name, &rhs_used, r)?;
            for (&a, &b) in lhs_used.iter().zip(&rhs_used) {
                if l.shape[a] != r.shape[b] {
                    return Err(format!("{name} pairs dimension {a} of {l} with dimension {b} of {r}, whose sizes differ"));
                }
            }
            let mut shape: Vec<usize> = lhs_batch.iter().map(|&d| l.shape[d]).collect();
            shape.extend((0..l.shape.len()).filter(|d| !lhs_used.contains(d)).map(|d| l.shape[d]));
            shape.extend((0..r.shape.len()).filter(|d| !rhs_used.contains(d)).map(|d| r.shape[d]));
            Ok(vec![Type { shape, dtype: l.dtype }])
        }
        Prim::Iota { shape, axis, dtype } => {
            arity(name, ins, 0)?;
            if *axis >= shape.len() {
                return Err(format!("{name} axis {axis} is out of range for shape {shape:?}"));
            }
            if *dtype == DType::Bool {
                return Err(format!("{name} needs a numeric dtype, got bool"));
            }
            Ok(vec![Type { shape: shape.clone(), dtype: *dtype }])
        }
        Prim::Literal(s) => {
            arity(name, ins, 0)?;
            Ok(vec![Type { shape: vec![], dtype: s.dtype() }])
        }
        Prim::StopGradient => {
            let [x] = ins else { return Err(format!("{name} takes one operand, got {}", ins.len())) };
            Ok(vec![(*x).clone()])
        }
        Prim::DebugPrint { template } => {
            for p in template {
                if let crate::prim::PrintPart::Arg(i) = p {
                    if *i >= ins.len() {
                        return Err(format!("{name}: the template refers to operand {i} of {}", ins.len()));
                    }
                }
            }
            Ok(vec![])
        }
        Prim::CustomVjp { primal, .. } | Prim::CustomJvp { primal, .. } => call_types(name, primal, ins),
        Prim::HostCall { outs, .. } => Ok(outs.clone()),
        Prim::CustomLinear { n_res, out_types, .. } => {
            if ins.len() < *n_res {
                return Err(format!("{name} needs {n_res} residual operands, got {}", ins.len()));
            }
            Ok(out_types.clone())
        }
        Prim::Cond { branches } => {
            let Some((idx, ops)) = ins.split_first() else { return Err(format!("{name} needs an index operand")) };
            if !idx.shape.is_empty() || idx.dtype != DType::I32 {
                return Err(format!("{name} needs a 0-d int32 index, got {idx}"));
            }
            let first = branches.first().ok_or_else(|| format!("{name} needs at least one branch"))?;
            let outs = call_types(name, first, ops)?;
            for b in &branches[1..] {
                if call_types(name, b, ops)? != outs {
                    return Err(format!("{name}: the branches return different types"));
                }
            }
            Ok(outs)
        }
        Prim::While { cond, body, n_cond, n_body } => {
            if ins.len() < n_cond + n_body {
                return Err(format!("{name} needs {} constants, got {} operands", n_cond + n_body, ins.len()));
            }
            let carry = &ins[n_cond + n_body..];
            let c_ins: Vec<&Type> = ins[..*n_cond].iter().chain(carry).copied().collect();
            let p = call_types(name, cond, &c_ins)?;
            if p.len() != 1 || !p[0].shape.is_empty() || p[0].dtype != DType::Bool {
                return Err(format!("{name}: the condition must return one 0-d bool"));
            }
            let b_ins: Vec<&Type> = ins[*n_cond..].to_vec();
            let outs = call_types(name, body, &b_ins)?;
            if outs.len() != carry.len() || outs.iter().zip(carry).any(|(o, c)| o != *c) {
                return Err(format!("{name}: the body must return the carry's types"));
            }
            Ok(outs)
        }
        Prim::Scan { body, n_consts, n_carry, length, .. } => {
            if ins.len() < n_consts + n_carry {
                return Err(format!("{name} needs {} constants and carries, got {} operands", n_consts + n_carry, ins.len()));
            }
            let mut b_ins: Vec<Type> = ins[..n_consts + n_carry].iter().map(|t| (*t).clone()).collect();
            for x in &ins[n_consts + n_carry..] {
                if x.shape.first() != Some(length) {
                    return Err(format!("{name}: every xs operand needs a leading axis of {length}, got {x}"));
                }
                b_ins.push(Type { shape: x.shape[1..].to_vec(), dtype: x.dtype });
            }
            let outs = call_types(name, body, &b_ins.iter().collect::<Vec<_>>())?;
            if outs.len() < *n_carry || outs[..*n_carry].iter().zip(&ins[*n_consts..]).any(|(o, c)| o != *c) {
                return Err(format!("{name}: the body must return the carry's types first"));
            }
            let mut res = outs[..*n_carry].to_vec();
            for y in &outs[*n_carry..] {
                let mut shape = vec![*length];
                shape.extend(&y.shape);
                res.push(Type { shape, dtype: y.dtype });
            }
            Ok(res)
        }
        Prim::Threefry2x32 => {
            arity(name, ins, 4)?;
            if let Some(t) = ins.iter().find(|t| t.dtype != DType::I32) {
                return Err(format!("{name} needs int32 operands, got {t}"));
            }
            let key_ok = |k: &Type| k.shape.is_empty() || k.shape == ins[2].shape;
            if !key_ok(ins[0]) || !key_ok(ins[1]) {
                return Err(format!("{name} needs 0-d keys (or keys shaped like the counters), got {} and {}", ins[0], ins[1]));
            }
            if ins[2].shape != ins[3].shape {
                return Err(format!("{name} needs counters of one shape, got {} and {}", ins[2], ins[3]));
            }
            Ok(vec![ins[2].clone(), ins[3].clone()])
        }
    }
}

fn arity(name: &str, ins: &[&Type], n: usize) -> Result<(), String> {
    if ins.len() != n {
        let s = if n == 1 { "" } else { "s" };
        return Err(format!("{name} takes {n} operand{s}, got {}", ins.len()));
    }
    Ok(())
}

fn kind_ok(name: &str, t: &Type, kind: Kind) -> Result<(), String> {
    if !kind.admits(t.dtype) {
        return Err(format!("{name} needs {} operand, got {t}", kind.describe()));
    }
    Ok(())
}

fn unary(name: &str, ins: &[&Type], kind: Kind) -> Result<Vec<Type>, String> {
    arity(name, ins, 1)?;
    kind_ok(name, ins[0], kind)?;
    Ok(vec![ins[0].clone()])
}

fn binary(name: &str, ins: &[&Type], kind: Kind) -> Result<Vec<Type>, String> {
    arity(name, ins, 2)?;
    let (a, b) = (ins[0], ins[1]);
    if a.shape != b.shape {
        return Err(format!("{name} needs operands of one shape, got {a} and {b}"));
    }
    if a.dtype != b.dtype {
        return Err(format!("{name} needs operands of one dtype, got {a} and {b}"));
    }
    kind_ok(name, a, kind)?;
    Ok(vec![a.clone()])
}

fn axis_ok(name: &str, axis: usize, t: &Type) -> Result<(), String> {
    if axis >= t.shape.len() {
        return Err(format!("{name} axis {axis} is out of range for {t}"));
    }
    Ok(())
}

/// Checks that `axes` are in range for `t` and pairwise distinct.
fn axes_ok(name: &str, axes: &[usize], t: &Type) -> Result<(), String> {
    for (i, &a) in axes.iter().enumerate() {
        axis_ok(name, a, t)?;
        if axes[..i].contains(&a) {
            return Err(format!("{name} names axis {a} twice in {axes:?}"));
        }
    }
    Ok(())
}

fn index_dtype_ok(name: &str, d: DType) -> Result<(), String> {
    if !d.is_int() {
        return Err(format!("{name} needs an integer index dtype, got {d}"));
    }
    Ok(())
}

/// A reduction removing `axes`; `nonempty` rejects reducing over zero elements (max, min, arg*).
fn reduce(name: &str, ins: &[&Type], axes: &[usize], kind: Kind, nonempty: bool) -> Result<Vec<Type>, String> {
    arity(name, ins, 1)?;
    let x = ins[0];
    kind_ok(name, x, kind)?;
    axes_ok(name, axes, x)?;
    if nonempty && axes.iter().any(|&a| x.shape[a] == 0) {
        return Err(format!("{name} over axes {axes:?} of {x} reduces zero elements, which has no identity"));
    }
    let shape = x.shape.iter().enumerate().filter(|(i, _)| !axes.contains(i)).map(|(_, &d)| d).collect();
    Ok(vec![Type { shape, dtype: x.dtype }])
}

/// The type of `take(x, idx, axis)`.
fn gather_type(name: &str, axis: usize, x: &Type, idx: &Type) -> Result<Type, String> {
    axis_ok(name, axis, x)?;
    if !idx.dtype.is_int() {
        return Err(format!("{name} needs integer indices, got {idx}"));
    }
    if x.shape[axis] == 0 && idx.shape.iter().all(|&d| d > 0) {
        return Err(format!("{name} cannot index the empty axis {axis} of {x}"));
    }
    let mut shape = x.shape[..axis].to_vec();
    shape.extend_from_slice(&idx.shape);
    shape.extend_from_slice(&x.shape[axis + 1..]);
    Ok(Type { shape, dtype: x.dtype })
}

/// The number of elements of `shape`, or `None` when it overflows.
fn checked_numel(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d))
}

/// The output types of calling `func` on operands of types `ins` (which must match its parameters).
fn call_types(name: &str, func: &crate::ir::Func, ins: &[&Type]) -> Result<Vec<Type>, String> {
    if ins.len() != func.params.len() {
        return Err(format!("{name} takes {} operands, got {}", func.params.len(), ins.len()));
    }
    for (k, (t, &p)) in ins.iter().zip(&func.params).enumerate() {
        if *t != func.ty(p) {
            return Err(format!("{name}: operand {k} has type {t}, the function expects {}", func.ty(p)));
        }
    }
    Ok(func.outs.iter().map(|&o| func.ty(o).clone()).collect())
}

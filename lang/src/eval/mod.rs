//! `eval`: the reference executor. Runs a `Func` primitive by primitive on host arrays. It is the
//! one definition of what a primitive means; every backend is tested against it.
//!
//! This module owns the driver (`eval_func`: the environment of values, freeing each value after
//! its last use, the allocation guard) and `eval_prim`, the one exhaustive `match` over `Prim`.
//! The generic kernels live in `kernels`, the per-dtype arithmetic in `elem`.

pub mod control;
pub(crate) mod elem;
mod kernels;
#[cfg(test)]
mod tests;

use crate::array::{numel, DType, HostArray};
use crate::ir::{Func, Type};
use crate::prim::{HostFn, Prim};
use std::rc::Rc;
use crate::shape;
use elem::{with_bits_dtype, with_dtype, with_num_dtype, Elem, Num};
use kernels as k;

/// The largest output one primitive may allocate, in bytes (8 GiB).
const MAX_OUTPUT_BYTES: u128 = 1 << 33;

/// Run `func` on `args` (one per parameter); returns one array per output.
pub fn eval_func(func: &Func, args: &[HostArray]) -> Result<Vec<HostArray>, String> {
    if crate::transform::legalize::needed(func) {
        return crate::transform::legalize::run(func, args, eval_func);
    }
    if args.len() != func.params.len() {
        return Err(format!("the function takes {} arguments, got {}", func.params.len(), args.len()));
    }
    let n = func.types.len();
    let slot = |v: crate::ir::Var| -> Result<usize, String> {
        let i = v.0 as usize;
        if i < n {
            Ok(i)
        } else {
            Err(format!("variable {} is not in the type arena ({n} types)", crate::ir::name(v)))
        }
    };
    // The equation after which each value is dead; outputs of the function live to the end.
    let mut last_use: Vec<Option<usize>> = vec![None; n];
    let mut keep = vec![false; n];
    for (k, e) in func.eqns.iter().enumerate() {
        for &v in &e.ins {
            last_use[slot(v)?] = Some(k);
        }
    }
    for &o in &func.outs {
        keep[slot(o)?] = true;
    }

    let mut env: Vec<Option<HostArray>> = vec![None; n];
    for (i, (&p, a)) in func.params.iter().zip(args).enumerate() {
        let ty = &func.types[slot(p)?];
        if a.len() != numel(&a.shape) {
            return Err(format!("argument {i} has shape {:?} but {} elements", a.shape, a.len()));
        }
        if a.shape != ty.shape || a.dtype() != ty.dtype {
            return Err(format!("argument {i} should be {ty}, got {}", type_of(a)));
        }
        env[p.0 as usize] = Some(a.clone());
    }

    for (k, e) in func.eqns.iter().enumerate() {
        crate::limits::check_interrupt()?;
        let name = e.prim.name();
        let mut ins = Vec::with_capacity(e.ins.len());
        for &v in &e.ins {
            let a = env[slot(v)?].clone().ok_or_else(|| format!("equation {k} ({name}) uses {} before it is defined", crate::ir::name(v)))?;
            ins.push(a);
        }
        let tys: Vec<Type> = ins.iter().map(type_of).collect();
        let want = shape::infer(&e.prim, &tys.iter().collect::<Vec<_>>()).map_err(|m| format!("equation {k} ({name}): {m}"))?;
        for t in &want {
            let bytes = t.shape.iter().fold(t.dtype.size_bytes() as u128, |a, &d| a.saturating_mul(d as u128));
            if bytes > MAX_OUTPUT_BYTES {
                let gib = bytes as f64 / (1u64 << 30) as f64;
                return Err(format!("{}equation {k} ({name}) would need {gib:.1} GiB for its output {t}, more than the 8 GiB limit", crate::limits::MEMORY_ERROR));
            }
            crate::limits::check_bytes(bytes, || format!("equation {k} ({name})'s output {t}")).map_err(|m| format!("{}{m}", crate::limits::MEMORY_ERROR))?;
        }
        let outs = eval_prim(&e.prim, &ins, &want).map_err(|m| format!("equation {k} ({name}): {m}"))?;
        drop(ins);
        if outs.len() != e.outs.len() {
            return Err(format!("equation {k} ({name}) has {} outputs, its primitive gives {}", e.outs.len(), outs.len()));
        }
        for (&o, a) in e.outs.iter().zip(outs) {
            let i = slot(o)?;
            if func.types[i] != type_of(&a) {
                return Err(format!("equation {k} ({name}) declares {} as {}, but computes {}", crate::ir::name(o), func.types[i], type_of(&a)));
            }
            if last_use[i].is_some() || keep[i] {
                env[i] = Some(a);
            }
        }
        for &v in &e.ins {
            let i = v.0 as usize;
            if last_use[i] == Some(k) && !keep[i] {
                env[i] = None;
            }
        }
    }

    func.outs
        .iter()
        .map(|&o| env[o.0 as usize].clone().ok_or_else(|| format!("output {} is not defined", crate::ir::name(o))))
        .collect()
}

/// `x ** y` by binary exponentiation, the products in the order XLA computes them (JAX's
/// `_integer_pow`), then the reciprocal for `y < 0`.
fn int_pow<T: Num>(x: T, y: i32) -> T {
    let mut n = y.unsigned_abs();
    let mut base = x;
    let mut acc: Option<T> = None;
    while n > 0 {
        if n & 1 == 1 {
            acc = Some(match acc {
                None => base,
                Some(a) => a.mul(base),
            });
        }
        n >>= 1;
        if n > 0 {
            base = base.mul(base);
        }
    }
    let acc = acc.unwrap_or_else(T::one);
    if y < 0 {
        T::one().div(acc)
    } else {
        acc
    }
}

fn type_of(a: &HostArray) -> Type {
    Type { shape: a.shape.clone(), dtype: a.dtype() }
}

/// Apply one primitive to operands that passed `shape::infer`, whose output types are `outs`.
// The comparison closures are generic; for bool they are the orderings false < true.
#[allow(clippy::bool_comparison)]
fn eval_prim(prim: &Prim, ins: &[HostArray], outs: &[Type]) -> Result<Vec<HostArray>, String> {
    if let Prim::DebugPrint { template } = prim {
        return debug_print(template, ins);
    }
    if let Prim::HostCall { callback, outs: want, .. } = prim {
        return host_call(callback, ins, want);
    }
    // Control flow may have no outputs (a loop calling a host callback for its effects).
    if outs.is_empty() && matches!(prim, Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. }) {
        return control_flow(prim, ins);
    }
    let name = prim.name();
    let x = ins.first().ok_or("no operand");
    let y = ins.get(1).ok_or("no second operand");
    let out = outs.first().ok_or("no output type")?;
    let one = |r: Result<HostArray, String>| r.map(|a| vec![a]);
    macro_rules! num2 {
        ($f:expr) => {{
            let (a, b) = (x?, y?);
            one(with_num_dtype!(a.dtype(), name, T => k::num2::<T>(a, b, $f)))
        }};
    }
    macro_rules! any2 {
        ($f:expr) => {{
            let (a, b) = (x?, y?);
            one(with_dtype!(a.dtype(), T => k::zip2::<T, T>(a, b, $f)))
        }};
    }
    macro_rules! cmp2 {
        ($f:expr) => {{
            let (a, b) = (x?, y?);
            one(with_dtype!(a.dtype(), T => k::zip2::<T, bool>(a, b, $f)))
        }};
    }
    macro_rules! bits2 {
        ($f:expr) => {{
            let (a, b) = (x?, y?);
            one(with_bits_dtype!(a.dtype(), name, T => k::zip2::<T, T>(a, b, $f)))
        }};
    }
    macro_rules! num1 {
        ($f:expr) => {{
            let a = x?;
            one(with_num_dtype!(a.dtype(), name, T => k::map1::<T, T>(a, $f)))
        }};
    }
    macro_rules! float1 {
        ($f32:expr, $f64:expr) => {
            one(k::float_unary(x?, $f32, $f64))
        };
    }
    match prim {
        Prim::Neg => num1!(|v: T| Num::neg(v)),
        Prim::Not => {
            let a = x?;
            one(with_bits_dtype!(a.dtype(), name, T => k::map1::<T, T>(a, |v: T| !v)))
        }
        Prim::Abs => num1!(|v: T| Num::abs(v)),
        Prim::Sign => num1!(|v: T| Num::sign(v)),
        Prim::Floor => float1!(f32::floor, f64::floor),
        Prim::Ceil => float1!(f32::ceil, f64::ceil),
        Prim::Round => float1!(f32::round_ties_even, f64::round_ties_even),
        Prim::Exp => float1!(f32::exp, f64::exp),
        Prim::Log => float1!(f32::ln, f64::ln),
        Prim::Log1p => float1!(f32::ln_1p, f64::ln_1p),
        Prim::Expm1 => float1!(f32::exp_m1, f64::exp_m1),
        Prim::Sqrt => float1!(f32::sqrt, f64::sqrt),
        Prim::Sin => float1!(f32::sin, f64::sin),
        Prim::Cos => float1!(f32::cos, f64::cos),
        Prim::Tan => float1!(f32::tan, f64::tan),
        Prim::Asin => float1!(f32::asin, f64::asin),
        Prim::Acos => float1!(f32::acos, f64::acos),
        Prim::Atan => float1!(f32::atan, f64::atan),
        Prim::Sinh => float1!(f32::sinh, f64::sinh),
        Prim::Cosh => float1!(f32::cosh, f64::cosh),
        Prim::Tanh => float1!(f32::tanh, f64::tanh),
        Prim::IntegerPow { y } => num1!(|v: T| int_pow(v, *y)),
        Prim::Add => any2!(|a: T, b: T| a.add(b)),
        Prim::Sub => num2!(|a: T, b: T| a.sub(b)),
        Prim::Mul => any2!(|a: T, b: T| a.mul(b)),
        Prim::Div => num2!(|a: T, b: T| a.div(b)),
        Prim::Rem => num2!(|a: T, b: T| a.rem(b)),
        Prim::Pow => num2!(|a: T, b: T| Num::pow(a, b)),
        Prim::Max => any2!(|a: T, b: T| a.max_nan(b)),
        Prim::Min => any2!(|a: T, b: T| a.min_nan(b)),
        Prim::Atan2 => {
            let (a, b) = (x?, y?);
            one(match a.dtype() {
                DType::F32 => k::zip2::<f32, f32>(a, b, f32::atan2),
                DType::F64 => k::zip2::<f64, f64>(a, b, f64::atan2),
                d => Err(format!("atan2 needs floats, got {d}")),
            })
        }
        Prim::Eq => cmp2!(|a: T, b: T| a == b),
        Prim::Ne => cmp2!(|a: T, b: T| a != b),
        Prim::Lt => cmp2!(|a: T, b: T| a < b),
        Prim::Le => cmp2!(|a: T, b: T| a <= b),
        Prim::Gt => cmp2!(|a: T, b: T| a > b),
        Prim::Ge => cmp2!(|a: T, b: T| a >= b),
        Prim::And => bits2!(|a: T, b: T| a & b),
        Prim::Or => bits2!(|a: T, b: T| a | b),
        Prim::Xor => bits2!(|a: T, b: T| a ^ b),
        Prim::Select => {
            let c = ins.get(2).ok_or("no third operand")?;
            one(with_dtype!(c.dtype(), T => k::select::<T>(x?, y?, c)))
        }
        Prim::Cast { dtype } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => with_dtype!(*dtype, U => k::cast::<T, U>(a))))
        }
        Prim::ReduceSum { axes } => {
            let a = x?;
            match a.dtype() {
                DType::F32 => one(k::sum_pairwise::<f32>(a, axes)),
                DType::F64 => one(k::sum_pairwise::<f64>(a, axes)),
                _ => one(with_num_dtype!(a.dtype(), name, T => k::reduce::<T>(a, axes, Some(T::zero()), |p, q| p.add(q)))),
            }
        }
        Prim::ReduceProd { axes } => {
            let a = x?;
            one(with_num_dtype!(a.dtype(), name, T => k::reduce::<T>(a, axes, Some(T::one()), |p, q| p.mul(q))))
        }
        Prim::ReduceMax { axes } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::reduce::<T>(a, axes, None, |p, q| p.max_nan(q))))
        }
        Prim::ReduceMin { axes } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::reduce::<T>(a, axes, None, |p, q| p.min_nan(q))))
        }
        Prim::Argmax { axis, index_dtype } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::arg_best::<T>(a, *axis, true, *index_dtype)))
        }
        Prim::Argmin { axis, index_dtype } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::arg_best::<T>(a, *axis, false, *index_dtype)))
        }
        Prim::Cumsum { axis, reverse } => {
            let a = x?;
            one(with_num_dtype!(a.dtype(), name, T => k::cumulative::<T>(a, *axis, *reverse, |p, q| p.add(q))))
        }
        Prim::Cumprod { axis, reverse } => {
            let a = x?;
            one(with_num_dtype!(a.dtype(), name, T => k::cumulative::<T>(a, *axis, *reverse, |p, q| p.mul(q))))
        }
        Prim::Reshape { shape } => Ok(vec![HostArray { shape: shape.clone(), data: x?.data.clone() }]),
        Prim::BroadcastInDim { shape, dims } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::broadcast::<T>(a, shape, dims)))
        }
        Prim::Transpose { perm } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::transpose::<T>(a, perm)))
        }
        Prim::Slice { start, stride, .. } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::slice::<T>(a, start, &out.shape, stride)))
        }
        Prim::Rev { axes } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::rev::<T>(a, axes)))
        }
        Prim::Pad { lo, interior, .. } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::pad::<T>(a, y?, lo, interior, &out.shape)))
        }
        Prim::Concat { axis } => one(with_dtype!(out.dtype, T => k::concat::<T>(ins, *axis, &out.shape))),
        Prim::Gather { axis } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::gather::<T>(a, y?, *axis, &out.shape)))
        }
        Prim::Scatter { axis, mode } => {
            let (a, u) = (x?, ins.get(2).ok_or("no updates operand")?);
            one(with_dtype!(a.dtype(), T => k::scatter::<T>(a, y?, u, *axis, *mode)))
        }
        Prim::Sort { axis } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::sort::<T>(a, *axis)))
        }
        Prim::Argsort { axis, index_dtype } => {
            let a = x?;
            one(with_dtype!(a.dtype(), T => k::argsort::<T>(a, *axis, *index_dtype)))
        }
        Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } => {
            let (a, b) = (x?, y?);
            one(with_dtype!(a.dtype(), T => k::dot_general::<T>(a, b, lhs_contract, rhs_contract, lhs_batch, rhs_batch, &out.shape)))
        }
        Prim::Iota { shape, axis, dtype } => Ok(vec![with_dtype!(*dtype, T => k::iota::<T>(shape, *axis))]),
        Prim::Literal(s) => Ok(vec![HostArray::scalar(*s)]),
        Prim::Threefry2x32 => {
            let w: Vec<&[i32]> = ins.iter().map(k::sl::<i32>).collect::<Result<_, _>>()?;
            // Keys are 0-d (one key for all counters) or shaped like the counters (batched keys).
            let key = |k: &[i32], i: usize| -> Result<u32, String> { Ok(*k.get(if k.len() == 1 { 0 } else { i }).ok_or("empty key")? as u32) };
            let (mut o0, mut o1) = (Vec::with_capacity(w[2].len()), Vec::with_capacity(w[2].len()));
            for (i, (&a, &b)) in w[2].iter().zip(w[3]).enumerate() {
                let (p, q) = k::threefry2x32(key(w[0], i)?, key(w[1], i)?, a as u32, b as u32);
                o0.push(p as i32);
                o1.push(q as i32);
            }
            Ok(vec![HostArray::from_i32(&out.shape, o0), HostArray::from_i32(&out.shape, o1)])
        }
        Prim::StopGradient => Ok(vec![x?.clone()]),
        Prim::DebugPrint { template } => debug_print(template, ins),
        Prim::CustomVjp { primal, .. } | Prim::CustomJvp { primal, .. } => eval_func(primal, ins),
        Prim::HostCall { callback, outs: want, .. } => host_call(callback, ins, want),
        Prim::CustomLinear { .. } => Err("a custom_vjp function was differentiated in forward mode (jvp); custom_vjp rules only support reverse mode (grad, vjp)".into()),
        Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. } => control_flow(prim, ins),
    }
}

/// `Cond`, `While` and `Scan` around `eval_func` (the loop of `control`).
fn control_flow(prim: &Prim, ins: &[HostArray]) -> Result<Vec<HostArray>, String> {
    match prim {
        Prim::Cond { branches } => control::cond(branches, ins, &mut |f, a| eval_func(f, a)),
        Prim::While { cond, body, n_cond, n_body } => control::while_loop(cond, body, *n_cond, *n_body, ins, &mut |f, a| eval_func(f, a)),
        Prim::Scan { body, n_consts, n_carry, length, reverse } => control::scan(body, *n_consts, *n_carry, *length, *reverse, ins, &mut |f, a| eval_func(f, a)),
        other => Err(format!("internal error: {} is not control flow", other.name())),
    }
}

/// Print the operands into the buffer `take_printed` drains.
fn debug_print(template: &[crate::prim::PrintPart], ins: &[HostArray]) -> Result<Vec<HostArray>, String> {
    {
        {
            let mut text = String::new();
            for p in template {
                match p {
                    crate::prim::PrintPart::Lit(s) => text.push_str(s),
                    crate::prim::PrintPart::Arg(i) => {
                        let a = ins.get(*i).ok_or("debug_print: missing operand")?;
                        text.push_str(&if a.ndim() == 0 { crate::array::format::scalar_str(a.get(0)) } else { crate::array::format::array_str(a) });
                    }
                }
            }
            PRINTED.with(|p| p.borrow_mut().push_str(&text));
            Ok(vec![])
        }
    }
}

/// What runs a `HostCall`: the session's callable behind a `HostFn`, on the operands' values,
/// returning arrays of the given types (or an error message).
pub type HostHandler = Rc<dyn Fn(&HostFn, &[HostArray], &[Type]) -> Result<Vec<HostArray>, String>>;

/// Run `f` with `h` as the handler of host calls (the previous one is restored afterwards).
pub fn with_host_handler<R>(h: HostHandler, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<HostHandler>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            HOST.with(|c| *c.borrow_mut() = prev);
        }
    }
    let _restore = Restore(HOST.with(|c| c.borrow_mut().replace(h)));
    f()
}

/// Call the host function of a `HostCall` through the installed handler and check its results.
fn host_call(callback: &HostFn, ins: &[HostArray], want: &[Type]) -> Result<Vec<HostArray>, String> {
    let h = HOST.with(|c| c.borrow().clone()).ok_or_else(|| format!("the host callback {} ran outside the session that traced it", callback.name))?;
    let outs = h(callback, ins, want)?;
    if outs.len() != want.len() {
        return Err(format!("the host callback {} returned {} arrays, {} expected", callback.name, outs.len(), want.len()));
    }
    for (o, t) in outs.iter().zip(want) {
        if o.shape != t.shape || o.dtype() != t.dtype {
            return Err(format!("the host callback {} returned {}, {t} expected", callback.name, type_of(o)));
        }
    }
    Ok(outs)
}

thread_local! {
    /// The handler of host calls while the session runs a computation (`with_host_handler`).
    static HOST: std::cell::RefCell<Option<HostHandler>> = const { std::cell::RefCell::new(None) };
    /// Text printed by `DebugPrint` while evaluating, for the session to pass on.
    static PRINTED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Take the text printed by `DebugPrint` equations since the last call.
pub fn take_printed() -> String {
    PRINTED.with(|p| std::mem::take(&mut *p.borrow_mut()))
}


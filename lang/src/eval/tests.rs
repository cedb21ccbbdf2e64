//! Tests of `eval` and `shape`: every primitive is built with `ir::Builder`, verified, run
//! through `eval_func` and compared with values computed here independently (literal tables or
//! naive loops written in another way than the kernels).

// Cloning arrays into argument slices keeps the cases uniform to read.
#![allow(clippy::cloned_ref_to_slice_refs)]

use super::eval_func;
use super::kernels::threefry2x32;
use crate::array::{strides, DType, HostArray, Scalar};
use crate::ir::{Builder, Type};
use crate::prim::{Prim, ScatterMode};
use crate::shape::infer;

fn ty(a: &HostArray) -> Type {
    Type::new(&a.shape, a.dtype())
}

/// Builds `prim(args...)` as a function of parameters, verifies it and evaluates it.
fn run(prim: Prim, args: &[HostArray]) -> Vec<HostArray> {
    let mut b = Builder::new();
    let ps: Vec<_> = args.iter().map(|a| b.param(ty(a))).collect();
    let outs = b.bind(prim, &ps).expect("bind");
    let f = b.finish(outs);
    f.verify().expect("verify");
    eval_func(&f, args).expect("eval")
}

fn run1(prim: Prim, args: &[HostArray]) -> HostArray {
    run(prim, args).remove(0)
}

fn f64a(shape: &[usize], v: &[f64]) -> HostArray {
    HostArray::from_f64(shape, v.to_vec())
}
fn f32a(shape: &[usize], v: &[f32]) -> HostArray {
    HostArray::from_f32(shape, v.to_vec())
}
fn i64a(shape: &[usize], v: &[i64]) -> HostArray {
    HostArray::from_i64(shape, v.to_vec())
}
fn i32a(shape: &[usize], v: &[i32]) -> HostArray {
    HostArray::from_i32(shape, v.to_vec())
}
fn boola(shape: &[usize], v: &[bool]) -> HostArray {
    HostArray::from_bool(shape, v.to_vec())
}
/// 0, 1, 2, … as f64 of `shape`.
fn range(shape: &[usize]) -> HostArray {
    let n: usize = shape.iter().product();
    HostArray::from_f64(shape, (0..n).map(|i| i as f64).collect())
}

/// Asserts shape, dtype and values (NaN equals NaN; relative tolerance `tol`).
fn check(got: &HostArray, shape: &[usize], dtype: DType, want: &[f64], tol: f64) {
    assert_eq!(got.shape, shape, "shape");
    assert_eq!(got.dtype(), dtype, "dtype");
    let g = got.to_f64_vec();
    assert_eq!(g.len(), want.len(), "length");
    for (i, (&a, &b)) in g.iter().zip(want).enumerate() {
        let ok = (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= tol * b.abs().max(1e-300);
        assert!(ok, "element {i}: got {a}, want {b} (all: {g:?})");
    }
}

fn exact(got: &HostArray, shape: &[usize], dtype: DType, want: &[f64]) {
    check(got, shape, dtype, want, 0.0)
}

// ---- elementwise unary ----

#[test]
fn float_unary_f64_and_f32() {
    let xs = [0.1, 0.5, 0.9, -0.3, 2.0];
    type Reference = fn(f64) -> f64;
    let table: Vec<(Prim, Reference)> = vec![
        (Prim::Exp, |x| std::f64::consts::E.powf(x)),
        (Prim::Log1p, |x| (1.0 + x).ln()),
        (Prim::Expm1, |x| x.exp() - 1.0),
        (Prim::Sin, f64::sin),
        (Prim::Cos, f64::cos),
        (Prim::Tan, |x| x.sin() / x.cos()),
        (Prim::Atan, f64::atan),
        (Prim::Sinh, |x| (x.exp() - (-x).exp()) / 2.0),
        (Prim::Cosh, |x| (x.exp() + (-x).exp()) / 2.0),
        (Prim::Tanh, |x| (x.exp() - (-x).exp()) / (x.exp() + (-x).exp())),
    ];
    for (p, f) in table {
        let want: Vec<f64> = xs.iter().map(|&x| f(x)).collect();
        check(&run1(p.clone(), &[f64a(&[5], &xs)]), &[5], DType::F64, &want, 1e-12);
        let x32: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
        let want32: Vec<f64> = x32.iter().map(|&x| f(x as f64)).collect();
        check(&run1(p, &[f32a(&[5], &x32)]), &[5], DType::F32, &want32, 1e-6);
    }
    // Domain-limited functions on their domains.
    let pos = [0.25, 1.0, 4.0];
    check(&run1(Prim::Log, &[f64a(&[3], &pos)]), &[3], DType::F64, &[-2.0 * 2f64.ln(), 0.0, 2.0 * 2f64.ln()], 1e-12);
    exact(&run1(Prim::Sqrt, &[f64a(&[3], &pos)]), &[3], DType::F64, &[0.5, 1.0, 2.0]);
    let unit = [-1.0, 0.0, 0.5];
    let h = std::f64::consts::FRAC_PI_2;
    check(&run1(Prim::Asin, &[f64a(&[3], &unit)]), &[3], DType::F64, &[-h, 0.0, h / 3.0], 1e-12);
    check(&run1(Prim::Acos, &[f64a(&[3], &unit)]), &[3], DType::F64, &[2.0 * h, h, 2.0 * h / 3.0], 1e-12);
    let bad = run1(Prim::Sqrt, &[f64a(&[1], &[-1.0])]);
    assert!(bad.to_f64_vec()[0].is_nan());
}

#[test]
fn floor_ceil_round() {
    let x = f64a(&[7], &[0.5, 1.5, 2.5, -0.5, -1.5, 2.4, -2.6]);
    exact(&run1(Prim::Floor, &[x.clone()]), &[7], DType::F64, &[0.0, 1.0, 2.0, -1.0, -2.0, 2.0, -3.0]);
    exact(&run1(Prim::Ceil, &[x.clone()]), &[7], DType::F64, &[1.0, 2.0, 3.0, -0.0, -1.0, 3.0, -2.0]);
    exact(&run1(Prim::Round, &[x]), &[7], DType::F64, &[0.0, 2.0, 2.0, -0.0, -2.0, 2.0, -3.0]);
    let x32 = f32a(&[3], &[0.5, 2.5, 3.5]);
    exact(&run1(Prim::Round, &[x32]), &[3], DType::F32, &[0.0, 2.0, 4.0]);
}

#[test]
fn neg_abs_sign_not() {
    let i = i32a(&[4], &[3, -2, 0, i32::MIN]);
    exact(&run1(Prim::Neg, &[i.clone()]), &[4], DType::I32, &[-3.0, 2.0, 0.0, i32::MIN as f64]);
    exact(&run1(Prim::Abs, &[i.clone()]), &[4], DType::I32, &[3.0, 2.0, 0.0, i32::MIN as f64]);
    exact(&run1(Prim::Sign, &[i]), &[4], DType::I32, &[1.0, -1.0, 0.0, -1.0]);
    let f = f64a(&[4], &[-2.5, 0.0, f64::NAN, 7.0]);
    exact(&run1(Prim::Neg, &[f.clone()]), &[4], DType::F64, &[2.5, -0.0, f64::NAN, -7.0]);
    exact(&run1(Prim::Abs, &[f.clone()]), &[4], DType::F64, &[2.5, 0.0, f64::NAN, 7.0]);
    exact(&run1(Prim::Sign, &[f]), &[4], DType::F64, &[-1.0, 0.0, f64::NAN, 1.0]);
    let z = run1(Prim::Sign, &[f64a(&[1], &[-0.0])]);
    assert_eq!(z.get(0), Scalar::F64(0.0));
    assert!(z.to_f64_vec()[0].is_sign_positive());
    exact(&run1(Prim::Not, &[boola(&[2], &[true, false])]), &[2], DType::Bool, &[0.0, 1.0]);
    exact(&run1(Prim::Not, &[i64a(&[3], &[0, 5, -1])]), &[3], DType::I64, &[-1.0, -6.0, 0.0]);
}

#[test]
fn zero_d_and_empty_elementwise() {
    let s = HostArray::scalar(Scalar::F32(1.5));
    exact(&run1(Prim::Neg, &[s.clone()]), &[], DType::F32, &[-1.5]);
    exact(&run1(Prim::Mul, &[s.clone(), s]), &[], DType::F32, &[2.25]);
    let e = f64a(&[0, 3], &[]);
    exact(&run1(Prim::Add, &[e.clone(), e.clone()]), &[0, 3], DType::F64, &[]);
    exact(&run1(Prim::Exp, &[e.clone()]), &[0, 3], DType::F64, &[]);
    exact(&run1(Prim::Transpose { perm: vec![1, 0] }, &[e.clone()]), &[3, 0], DType::F64, &[]);
    exact(&run1(Prim::ReduceSum { axes: vec![0] }, &[e.clone()]), &[3], DType::F64, &[0.0, 0.0, 0.0]);
    exact(&run1(Prim::ReduceProd { axes: vec![0] }, &[e]), &[3], DType::F64, &[1.0, 1.0, 1.0]);
}

// ---- elementwise binary ----

#[test]
fn add_sub_mul_wrap_and_bool() {
    let a = i32a(&[3], &[i32::MAX, 5, -4]);
    let b = i32a(&[3], &[1, 7, 3]);
    exact(&run1(Prim::Add, &[a.clone(), b.clone()]), &[3], DType::I32, &[i32::MIN as f64, 12.0, -1.0]);
    exact(&run1(Prim::Sub, &[a.clone(), b.clone()]), &[3], DType::I32, &[(i32::MAX - 1) as f64, -2.0, -7.0]);
    exact(&run1(Prim::Mul, &[a, b]), &[3], DType::I32, &[i32::MAX as f64, 35.0, -12.0]);
    let p = boola(&[4], &[true, true, false, false]);
    let q = boola(&[4], &[true, false, true, false]);
    exact(&run1(Prim::Add, &[p.clone(), q.clone()]), &[4], DType::Bool, &[1.0, 1.0, 1.0, 0.0]);
    exact(&run1(Prim::Mul, &[p, q]), &[4], DType::Bool, &[1.0, 0.0, 0.0, 0.0]);
    let x = f32a(&[2], &[0.1, 1e8]);
    let y = f32a(&[2], &[0.2, 1.0]);
    // f32 arithmetic rounds in f32.
    exact(&run1(Prim::Add, &[x, y]), &[2], DType::F32, &[(0.1f32 + 0.2f32) as f64, 1e8]);
}

#[test]
fn div_rem_like_numpy() {
    let a = i64a(&[6], &[7, -7, 7, -7, 5, 0]);
    let b = i64a(&[6], &[2, 2, -2, -2, 0, 3]);
    exact(&run1(Prim::Div, &[a.clone(), b.clone()]), &[6], DType::I64, &[3.0, -4.0, -4.0, 3.0, 0.0, 0.0]);
    exact(&run1(Prim::Rem, &[a, b]), &[6], DType::I64, &[1.0, 1.0, -1.0, -1.0, 0.0, 0.0]);
    let m = i32a(&[1], &[i32::MIN]);
    let n1 = i32a(&[1], &[-1]);
    exact(&run1(Prim::Div, &[m.clone(), n1.clone()]), &[1], DType::I32, &[i32::MIN as f64]);
    exact(&run1(Prim::Rem, &[m, n1]), &[1], DType::I32, &[0.0]);
    let x = f64a(&[5], &[5.5, -5.5, 5.5, -5.5, 1.0]);
    let y = f64a(&[5], &[2.0, 2.0, -2.0, -2.0, 0.0]);
    exact(&run1(Prim::Div, &[x.clone(), y.clone()]), &[5], DType::F64, &[2.75, -2.75, -2.75, 2.75, f64::INFINITY]);
    exact(&run1(Prim::Rem, &[x, y]), &[5], DType::F64, &[1.5, 0.5, -0.5, -1.5, f64::NAN]);
}

#[test]
fn pow_int_exact_and_float() {
    let a = i64a(&[5], &[2, 3, -2, 3, 7]);
    let b = i64a(&[5], &[10, 3, 3, 0, 40]);
    let want7: i64 = (0..40).fold(1i64, |acc, _| acc.wrapping_mul(7));
    let got = run1(Prim::Pow, &[a, b]);
    assert_eq!(got.get(4), Scalar::I64(want7));
    exact(&got, &[5], DType::I64, &[1024.0, 27.0, -8.0, 1.0, want7 as f64]);
    let x = f64a(&[3], &[2.0, 9.0, 2.0]);
    let y = f64a(&[3], &[0.5, 0.5, -1.0]);
    check(&run1(Prim::Pow, &[x, y]), &[3], DType::F64, &[2f64.sqrt(), 3.0, 0.5], 1e-15);
}

#[test]
fn max_min_atan2() {
    let a = f64a(&[3], &[1.0, f64::NAN, 3.0]);
    let b = f64a(&[3], &[2.0, 0.0, f64::NAN]);
    exact(&run1(Prim::Max, &[a.clone(), b.clone()]), &[3], DType::F64, &[2.0, f64::NAN, f64::NAN]);
    exact(&run1(Prim::Min, &[a, b]), &[3], DType::F64, &[1.0, f64::NAN, f64::NAN]);
    let i = i32a(&[2], &[-1, 4]);
    let j = i32a(&[2], &[3, 2]);
    exact(&run1(Prim::Max, &[i.clone(), j.clone()]), &[2], DType::I32, &[3.0, 4.0]);
    exact(&run1(Prim::Min, &[i, j]), &[2], DType::I32, &[-1.0, 2.0]);
    let y = f64a(&[4], &[1.0, 1.0, -1.0, 0.0]);
    let x = f64a(&[4], &[1.0, -1.0, -1.0, -1.0]);
    let pi = std::f64::consts::PI;
    check(&run1(Prim::Atan2, &[y, x]), &[4], DType::F64, &[pi / 4.0, 3.0 * pi / 4.0, -3.0 * pi / 4.0, pi], 1e-15);
}

#[test]
fn comparisons() {
    let a = f64a(&[4], &[1.0, 2.0, 3.0, f64::NAN]);
    let b = f64a(&[4], &[2.0, 2.0, 2.0, f64::NAN]);
    let cases = [
        (Prim::Eq, [0.0, 1.0, 0.0, 0.0]),
        (Prim::Ne, [1.0, 0.0, 1.0, 1.0]),
        (Prim::Lt, [1.0, 0.0, 0.0, 0.0]),
        (Prim::Le, [1.0, 1.0, 0.0, 0.0]),
        (Prim::Gt, [0.0, 0.0, 1.0, 0.0]),
        (Prim::Ge, [0.0, 1.0, 1.0, 0.0]),
    ];
    for (p, want) in cases {
        exact(&run1(p, &[a.clone(), b.clone()]), &[4], DType::Bool, &want);
    }
    let t = boola(&[2], &[false, true]);
    let u = boola(&[2], &[true, true]);
    exact(&run1(Prim::Lt, &[t, u]), &[2], DType::Bool, &[1.0, 0.0]);
}

#[test]
fn and_or_xor() {
    let p = boola(&[4], &[true, true, false, false]);
    let q = boola(&[4], &[true, false, true, false]);
    exact(&run1(Prim::And, &[p.clone(), q.clone()]), &[4], DType::Bool, &[1.0, 0.0, 0.0, 0.0]);
    exact(&run1(Prim::Or, &[p.clone(), q.clone()]), &[4], DType::Bool, &[1.0, 1.0, 1.0, 0.0]);
    exact(&run1(Prim::Xor, &[p, q]), &[4], DType::Bool, &[0.0, 1.0, 1.0, 0.0]);
    let a = i32a(&[2], &[12, -1]);
    let b = i32a(&[2], &[10, 6]);
    exact(&run1(Prim::And, &[a.clone(), b.clone()]), &[2], DType::I32, &[8.0, 6.0]);
    exact(&run1(Prim::Or, &[a.clone(), b.clone()]), &[2], DType::I32, &[14.0, -1.0]);
    exact(&run1(Prim::Xor, &[a, b]), &[2], DType::I32, &[6.0, -7.0]);
}

#[test]
fn select_and_cast() {
    let p = boola(&[3], &[true, false, true]);
    let a = i64a(&[3], &[1, 2, 3]);
    let b = i64a(&[3], &[10, 20, 30]);
    exact(&run1(Prim::Select, &[p, a, b]), &[3], DType::I64, &[1.0, 20.0, 3.0]);
    let f = f64a(&[5], &[1.7, -1.7, f64::NAN, 3e10, 0.0]);
    exact(&run1(Prim::Cast { dtype: DType::I32 }, &[f.clone()]), &[5], DType::I32, &[1.0, -1.0, i32::MIN as f64, i32::MIN as f64, 0.0]);
    exact(&run1(Prim::Cast { dtype: DType::I64 }, &[f.clone()]), &[5], DType::I64, &[1.0, -1.0, i64::MIN as f64, 3e10, 0.0]);
    exact(&run1(Prim::Cast { dtype: DType::Bool }, &[f.clone()]), &[5], DType::Bool, &[1.0, 1.0, 1.0, 1.0, 0.0]);
    let c = run1(Prim::Cast { dtype: DType::F32 }, &[f64a(&[1], &[0.1])]);
    assert_eq!(c.get(0), Scalar::F32(0.1f32));
    exact(&run1(Prim::Cast { dtype: DType::I32 }, &[i64a(&[1], &[(1i64 << 32) + 7])]), &[1], DType::I32, &[7.0]);
    exact(&run1(Prim::Cast { dtype: DType::F64 }, &[boola(&[2], &[true, false])]), &[2], DType::F64, &[1.0, 0.0]);
}

// ---- reductions ----

/// A naive reduction over `axes` of a row-major f64 array, by decoding every flat index.
fn naive_reduce(shape: &[usize], v: &[f64], axes: &[usize], init: f64, f: fn(f64, f64) -> f64) -> (Vec<usize>, Vec<f64>) {
    let out_shape: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).map(|d| shape[d]).collect();
    let mut out = vec![init; out_shape.iter().product()];
    for (flat, &x) in v.iter().enumerate() {
        let mut rem = flat;
        let mut idx = vec![0; shape.len()];
        for d in (0..shape.len()).rev() {
            idx[d] = rem % shape[d];
            rem /= shape[d];
        }
        let mut o = 0;
        for d in 0..shape.len() {
            if !axes.contains(&d) {
                o = o * shape[d] + idx[d];
            }
        }
        out[o] = f(out[o], x);
    }
    (out_shape, out)
}

#[test]
fn reduce_sum_prod_max_min() {
    let shape = [2, 3, 4];
    let x = range(&shape);
    let v = x.to_f64_vec();
    for axes in [vec![0, 2], vec![1], vec![], vec![2, 0, 1]] {
        let (s, w) = naive_reduce(&shape, &v, &axes, 0.0, |a, b| a + b);
        exact(&run1(Prim::ReduceSum { axes: axes.clone() }, &[x.clone()]), &s, DType::F64, &w);
        let (s, w) = naive_reduce(&shape, &v, &axes, 1.0, |a, b| a * b);
        exact(&run1(Prim::ReduceProd { axes: axes.clone() }, &[x.clone()]), &s, DType::F64, &w);
        let (s, w) = naive_reduce(&shape, &v, &axes, f64::NEG_INFINITY, f64::max);
        exact(&run1(Prim::ReduceMax { axes: axes.clone() }, &[x.clone()]), &s, DType::F64, &w);
        let (s, w) = naive_reduce(&shape, &v, &axes, f64::INFINITY, f64::min);
        exact(&run1(Prim::ReduceMin { axes }, &[x.clone()]), &s, DType::F64, &w);
    }
    let n = f64a(&[2, 2], &[1.0, f64::NAN, 3.0, 2.0]);
    exact(&run1(Prim::ReduceMax { axes: vec![1] }, &[n.clone()]), &[2], DType::F64, &[f64::NAN, 3.0]);
    exact(&run1(Prim::ReduceMin { axes: vec![0] }, &[n]), &[2], DType::F64, &[1.0, f64::NAN]);
    let i = i32a(&[3], &[-5, 9, 2]);
    exact(&run1(Prim::ReduceMax { axes: vec![0] }, &[i.clone()]), &[], DType::I32, &[9.0]);
    exact(&run1(Prim::ReduceSum { axes: vec![0] }, &[i]), &[], DType::I32, &[6.0]);
}

#[test]
fn argmax_argmin() {
    let x = f64a(&[2, 4], &[1.0, 3.0, 3.0, 0.0, 2.0, f64::NAN, 5.0, f64::NAN]);
    exact(&run1(Prim::Argmax { axis: 1, index_dtype: DType::I64 }, &[x.clone()]), &[2], DType::I64, &[1.0, 1.0]);
    exact(&run1(Prim::Argmin { axis: 1, index_dtype: DType::I32 }, &[x.clone()]), &[2], DType::I32, &[3.0, 1.0]);
    exact(&run1(Prim::Argmax { axis: 0, index_dtype: DType::I64 }, &[x]), &[4], DType::I64, &[1.0, 1.0, 1.0, 1.0]);
    let y = i32a(&[5], &[2, 0, 7, 0, 7]);
    exact(&run1(Prim::Argmax { axis: 0, index_dtype: DType::I64 }, &[y.clone()]), &[], DType::I64, &[2.0]);
    exact(&run1(Prim::Argmin { axis: 0, index_dtype: DType::I64 }, &[y]), &[], DType::I64, &[1.0]);
}

#[test]
fn cumsum_cumprod() {
    let x = range(&[2, 3]);
    exact(&run1(Prim::Cumsum { axis: 1, reverse: false }, &[x.clone()]), &[2, 3], DType::F64, &[0.0, 1.0, 3.0, 3.0, 7.0, 12.0]);
    exact(&run1(Prim::Cumsum { axis: 1, reverse: true }, &[x.clone()]), &[2, 3], DType::F64, &[3.0, 3.0, 2.0, 12.0, 9.0, 5.0]);
    exact(&run1(Prim::Cumsum { axis: 0, reverse: false }, &[x.clone()]), &[2, 3], DType::F64, &[0.0, 1.0, 2.0, 3.0, 5.0, 7.0]);
    let y = i64a(&[4], &[1, 2, 3, 4]);
    exact(&run1(Prim::Cumprod { axis: 0, reverse: false }, &[y.clone()]), &[4], DType::I64, &[1.0, 2.0, 6.0, 24.0]);
    exact(&run1(Prim::Cumprod { axis: 0, reverse: true }, &[y]), &[4], DType::I64, &[24.0, 24.0, 12.0, 4.0]);
    exact(&run1(Prim::Cumsum { axis: 0, reverse: false }, &[f64a(&[0], &[])]), &[0], DType::F64, &[]);
}

// ---- movement ----

/// Decodes flat index `i` of `shape` into a multi-index.
fn unflat(mut i: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for d in (0..shape.len()).rev() {
        idx[d] = i % shape[d];
        i /= shape[d];
    }
    idx
}
fn flat(idx: &[usize], shape: &[usize]) -> usize {
    idx.iter().zip(strides(shape)).map(|(a, b)| a * b).sum()
}

#[test]
fn reshape_broadcast_transpose() {
    let x = range(&[2, 3]);
    exact(&run1(Prim::Reshape { shape: vec![3, 1, 2] }, &[x.clone()]), &[3, 1, 2], DType::F64, &x.to_f64_vec());
    exact(&run1(Prim::Reshape { shape: vec![] }, &[f64a(&[1, 1], &[4.0])]), &[], DType::F64, &[4.0]);
    let r = range(&[3]);
    exact(&run1(Prim::BroadcastInDim { shape: vec![2, 3], dims: vec![1] }, &[r]), &[2, 3], DType::F64, &[0.0, 1.0, 2.0, 0.0, 1.0, 2.0]);
    let c = range(&[3, 1]);
    let got = run1(Prim::BroadcastInDim { shape: vec![2, 3, 4], dims: vec![1, 2] }, &[c]);
    let want: Vec<f64> = (0..24).map(|i| unflat(i, &[2, 3, 4])[1] as f64).collect();
    exact(&got, &[2, 3, 4], DType::F64, &want);
    exact(&run1(Prim::BroadcastInDim { shape: vec![2], dims: vec![] }, &[HostArray::scalar(Scalar::I32(7))]), &[2], DType::I32, &[7.0, 7.0]);

    let shape = [2, 3, 4];
    let t = range(&shape);
    let perm = [2, 0, 1];
    let out_shape: Vec<usize> = perm.iter().map(|&p| shape[p]).collect();
    let want: Vec<f64> = (0..24)
        .map(|o| {
            let oi = unflat(o, &out_shape);
            let mut ii = [0; 3];
            for (j, &p) in perm.iter().enumerate() {
                ii[p] = oi[j];
            }
            flat(&ii, &shape) as f64
        })
        .collect();
    exact(&run1(Prim::Transpose { perm: perm.to_vec() }, &[t]), &out_shape, DType::F64, &want);
}

#[test]
fn slice_rev_pad_concat() {
    let x = range(&[4, 5]);
    let got = run1(Prim::Slice { start: vec![1, 0], limit: vec![4, 5], stride: vec![2, 3] }, &[x.clone()]);
    exact(&got, &[2, 2], DType::F64, &[5.0, 8.0, 15.0, 18.0]);
    exact(&run1(Prim::Slice { start: vec![2, 2], limit: vec![2, 4], stride: vec![1, 1] }, &[x.clone()]), &[0, 2], DType::F64, &[]);

    let r = range(&[2, 3]);
    exact(&run1(Prim::Rev { axes: vec![1] }, &[r.clone()]), &[2, 3], DType::F64, &[2.0, 1.0, 0.0, 5.0, 4.0, 3.0]);
    exact(&run1(Prim::Rev { axes: vec![0, 1] }, &[r.clone()]), &[2, 3], DType::F64, &[5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    exact(&run1(Prim::Rev { axes: vec![0] }, &[f64a(&[0], &[])]), &[0], DType::F64, &[]);

    let p = i32a(&[2, 2], &[1, 2, 3, 4]);
    let v = HostArray::scalar(Scalar::I32(0));
    let got = run1(Prim::Pad { lo: vec![1, 0], hi: vec![0, 2], interior: vec![1, 1] }, &[p, v]);
    #[rustfmt::skip]
    let want = [
        0.0, 0.0, 0.0, 0.0, 0.0,
        1.0, 0.0, 2.0, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0,
        3.0, 0.0, 4.0, 0.0, 0.0,
    ];
    exact(&got, &[4, 5], DType::I32, &want);
    let e = run1(Prim::Pad { lo: vec![2], hi: vec![1], interior: vec![3] }, &[f64a(&[0], &[]), HostArray::scalar(Scalar::F64(9.0))]);
    exact(&e, &[3], DType::F64, &[9.0, 9.0, 9.0]);

    let a = range(&[2, 1]);
    let b = f64a(&[2, 2], &[10.0, 11.0, 12.0, 13.0]);
    let z = f64a(&[2, 0], &[]);
    exact(&run1(Prim::Concat { axis: 1 }, &[a.clone(), z, b]), &[2, 3], DType::F64, &[0.0, 10.0, 11.0, 1.0, 12.0, 13.0]);
    exact(&run1(Prim::Concat { axis: 0 }, &[a.clone(), a]), &[4, 1], DType::F64, &[0.0, 1.0, 0.0, 1.0]);
}

#[test]
fn gather_wraps_clamps_and_repeats() {
    let x = range(&[3, 4]);
    let idx = i64a(&[2, 2], &[0, -1, 3, 3]);
    let got = run1(Prim::Gather { axis: 1 }, &[x.clone(), idx]);
    let ids = [0usize, 3, 3, 3];
    let want: Vec<f64> = (0..3).flat_map(|r| ids.iter().map(move |&c| (r * 4 + c) as f64)).collect();
    exact(&got, &[3, 2, 2], DType::F64, &want);
    let got = run1(Prim::Gather { axis: 0 }, &[x.clone(), i32a(&[3], &[2, -3, 9])]);
    exact(&got, &[3, 4], DType::F64, &[8.0, 9.0, 10.0, 11.0, 0.0, 1.0, 2.0, 3.0, 8.0, 9.0, 10.0, 11.0]);
    let got = run1(Prim::Gather { axis: 0 }, &[x, i32a(&[], &[-10])]);
    exact(&got, &[4], DType::F64, &[0.0, 1.0, 2.0, 3.0]);
    let got = run1(Prim::Gather { axis: 0 }, &[f64a(&[0], &[]), i32a(&[0], &[])]);
    exact(&got, &[0], DType::F64, &[]);
}

#[test]
fn scatter_modes_duplicates_and_drops() {
    let x = f64a(&[5], &[1.0, 1.0, 1.0, 1.0, 1.0]);
    let idx = i64a(&[5], &[1, 1, -1, 7, -9]);
    let u = f64a(&[5], &[2.0, 3.0, 4.0, 100.0, 100.0]);
    let go = |mode| run1(Prim::Scatter { axis: 0, mode }, &[x.clone(), idx.clone(), u.clone()]);
    exact(&go(ScatterMode::Set), &[5], DType::F64, &[1.0, 3.0, 1.0, 1.0, 4.0]);
    exact(&go(ScatterMode::Add), &[5], DType::F64, &[1.0, 6.0, 1.0, 1.0, 5.0]);
    exact(&go(ScatterMode::Mul), &[5], DType::F64, &[1.0, 6.0, 1.0, 1.0, 4.0]);
    exact(&go(ScatterMode::Max), &[5], DType::F64, &[1.0, 3.0, 1.0, 1.0, 4.0]);
    let x2 = f64a(&[5], &[9.0; 5]);
    let got = run1(Prim::Scatter { axis: 0, mode: ScatterMode::Min }, &[x2, idx.clone(), u.clone()]);
    exact(&got, &[5], DType::F64, &[9.0, 2.0, 9.0, 9.0, 4.0]);
    // Along axis 1 of a 2-D array, updates shaped like gather's output.
    let m = i32a(&[2, 3], &[0; 6]);
    let id = i32a(&[2], &[2, 2]);
    let up = i32a(&[2, 2], &[1, 2, 3, 4]);
    exact(&run1(Prim::Scatter { axis: 1, mode: ScatterMode::Add }, &[m, id, up]), &[2, 3], DType::I32, &[0.0, 0.0, 3.0, 0.0, 0.0, 7.0]);
}

#[test]
fn sort_and_argsort() {
    let x = f64a(&[2, 4], &[3.0, f64::NAN, -1.0, 3.0, 2.0, 1.0, 0.0, -5.0]);
    exact(&run1(Prim::Sort { axis: 1 }, &[x.clone()]), &[2, 4], DType::F64, &[-1.0, 3.0, 3.0, f64::NAN, -5.0, 0.0, 1.0, 2.0]);
    exact(&run1(Prim::Argsort { axis: 1, index_dtype: DType::I64 }, &[x.clone()]), &[2, 4], DType::I64, &[2.0, 0.0, 3.0, 1.0, 3.0, 2.0, 1.0, 0.0]);
    exact(&run1(Prim::Sort { axis: 0 }, &[x]), &[2, 4], DType::F64, &[2.0, 1.0, -1.0, -5.0, 3.0, f64::NAN, 0.0, 3.0]);
    let ties = i32a(&[6], &[1, 0, 1, 0, 1, 0]);
    exact(&run1(Prim::Argsort { axis: 0, index_dtype: DType::I32 }, &[ties]), &[6], DType::I32, &[1.0, 3.0, 5.0, 0.0, 2.0, 4.0]);
}

// ---- linear algebra ----

#[test]
fn dot_general_batch_and_permuted_dims() {
    // lhs [b=2, m=3, k=4], rhs [k=4, b=2, n=5]: batch (0; 1), contract (2; 0).
    let l = range(&[2, 3, 4]);
    let r = f64a(&[4, 2, 5], &(0..40).map(|i| (i as f64) * 0.5 - 7.0).collect::<Vec<_>>());
    let prim = Prim::DotGeneral { lhs_contract: vec![2], rhs_contract: vec![0], lhs_batch: vec![0], rhs_batch: vec![1] };
    let got = run1(prim, &[l.clone(), r.clone()]);
    let (lv, rv) = (l.to_f64_vec(), r.to_f64_vec());
    let mut want = vec![];
    for b in 0..2 {
        for m in 0..3 {
            for n in 0..5 {
                let mut s = 0.0;
                for k in 0..4 {
                    s += lv[flat(&[b, m, k], &[2, 3, 4])] * rv[flat(&[k, b, n], &[4, 2, 5])];
                }
                want.push(s);
            }
        }
    }
    exact(&got, &[2, 3, 5], DType::F64, &want);

    // Two contracting dimensions paired out of order, no batch: lhs [k1=2, m=3, k2=4], rhs [k2=4, k1=2].
    let l = range(&[2, 3, 4]);
    let r = range(&[4, 2]);
    let prim = Prim::DotGeneral { lhs_contract: vec![2, 0], rhs_contract: vec![0, 1], lhs_batch: vec![], rhs_batch: vec![] };
    let got = run1(prim, &[l.clone(), r.clone()]);
    let (lv, rv) = (l.to_f64_vec(), r.to_f64_vec());
    let want: Vec<f64> = (0..3)
        .map(|m| {
            let mut s = 0.0;
            for k1 in 0..2 {
                for k2 in 0..4 {
                    s += lv[flat(&[k1, m, k2], &[2, 3, 4])] * rv[flat(&[k2, k1], &[4, 2])];
                }
            }
            s
        })
        .collect();
    exact(&got, &[3], DType::F64, &want);

    // Plain f32 matrix product [2,3] x [3,2], and an outer product with no contraction.
    let a = f32a(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let b = f32a(&[3, 2], &[7.0, 8.0, 9.0, 10.0, 11.0, 12.0]);
    let mm = Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
    exact(&run1(mm, &[a, b]), &[2, 2], DType::F32, &[58.0, 64.0, 139.0, 154.0]);
    let outer = Prim::DotGeneral { lhs_contract: vec![], rhs_contract: vec![], lhs_batch: vec![], rhs_batch: vec![] };
    exact(&run1(outer, &[i64a(&[2], &[1, 2]), i64a(&[3], &[3, 4, 5])]), &[2, 3], DType::I64, &[3.0, 4.0, 5.0, 6.0, 8.0, 10.0]);
    // An empty contraction gives zeros.
    let e = Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
    exact(&run1(e, &[f64a(&[2, 0], &[]), f64a(&[0, 2], &[])]), &[2, 2], DType::F64, &[0.0; 4]);
}

// ---- sources ----

#[test]
fn iota_and_literal() {
    let got = run1(Prim::Iota { shape: vec![2, 3], axis: 1, dtype: DType::I32 }, &[]);
    exact(&got, &[2, 3], DType::I32, &[0.0, 1.0, 2.0, 0.0, 1.0, 2.0]);
    let got = run1(Prim::Iota { shape: vec![2, 3], axis: 0, dtype: DType::F32 }, &[]);
    exact(&got, &[2, 3], DType::F32, &[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
    exact(&run1(Prim::Iota { shape: vec![0, 3], axis: 1, dtype: DType::I64 }, &[]), &[0, 3], DType::I64, &[]);
    let got = run1(Prim::Literal(Scalar::F64(2.5)), &[]);
    exact(&got, &[], DType::F64, &[2.5]);
    let got = run1(Prim::Literal(Scalar::Bool(true)), &[]);
    exact(&got, &[], DType::Bool, &[1.0]);
}

#[test]
fn threefry_known_answers() {
    assert_eq!(threefry2x32(0, 0, 0, 0), (0x6b200159, 0x99ba4efe));
    assert_eq!(threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff), (0x1cb996fc, 0xbb002be7));
    assert_eq!(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3), (0xc4923a9c, 0x483df7a0));
    let k = |v: u32| HostArray::scalar(Scalar::I32(v as i32));
    let x0 = i32a(&[3], &[0, -1, 0x243f6a88]);
    let x1 = i32a(&[3], &[0, -1, 0x85a308d3u32 as i32]);
    let outs = run(Prim::Threefry2x32, &[k(0x13198a2e), k(0x03707344), x0, x1]);
    assert_eq!(outs.len(), 2);
    let w = |a: u32| a as i32 as f64;
    let (a0, a1) = threefry2x32(0x13198a2e, 0x03707344, 0, 0);
    let (b0, b1) = threefry2x32(0x13198a2e, 0x03707344, u32::MAX, u32::MAX);
    exact(&outs[0], &[3], DType::I32, &[w(a0), w(b0), w(0xc4923a9c)]);
    exact(&outs[1], &[3], DType::I32, &[w(a1), w(b1), w(0x483df7a0)]);
}

// ---- the driver and inference ----

#[test]
fn multi_equation_function_frees_and_keeps_values() {
    // f(x) = (sum(x * x), x + 1, x) with x used after several equations.
    let mut b = Builder::new();
    let x = b.param(Type::new(&[3], DType::F64));
    let sq = b.bind1(Prim::Mul, &[x, x]).unwrap();
    let s = b.bind1(Prim::ReduceSum { axes: vec![0] }, &[sq]).unwrap();
    let one = b.bind1(Prim::Literal(Scalar::F64(1.0)), &[]).unwrap();
    let ones = b.bind1(Prim::BroadcastInDim { shape: vec![3], dims: vec![] }, &[one]).unwrap();
    let _dead = b.bind1(Prim::Neg, &[ones]).unwrap();
    let p = b.bind1(Prim::Add, &[x, ones]).unwrap();
    let f = b.finish(vec![s, p, x, s]);
    f.verify().unwrap();
    let outs = eval_func(&f, &[f64a(&[3], &[1.0, 2.0, 3.0])]).unwrap();
    exact(&outs[0], &[], DType::F64, &[14.0]);
    exact(&outs[1], &[3], DType::F64, &[2.0, 3.0, 4.0]);
    exact(&outs[2], &[3], DType::F64, &[1.0, 2.0, 3.0]);
    exact(&outs[3], &[], DType::F64, &[14.0]);
    assert!(eval_func(&f, &[]).unwrap_err().contains("arguments"));
    assert!(eval_func(&f, &[i64a(&[3], &[1, 2, 3])]).unwrap_err().contains("should be f64[3]"));
}

#[test]
fn huge_outputs_are_refused() {
    let mut b = Builder::new();
    let one = b.bind1(Prim::Literal(Scalar::F64(1.0)), &[]).unwrap();
    let big = b.bind1(Prim::BroadcastInDim { shape: vec![1 << 20, 1 << 20], dims: vec![] }, &[one]).unwrap();
    let f = b.finish(vec![big]);
    let err = eval_func(&f, &[]).unwrap_err();
    assert!(err.contains("GiB"), "{err}");
    assert!(infer(&Prim::Iota { shape: vec![usize::MAX, 2], axis: 0, dtype: DType::I32 }, &[]).is_err());
}

#[test]
fn inference_rejects_bad_applications() {
    let t = |s: &[usize], d| Type::new(s, d);
    let f3 = t(&[3], DType::F32);
    let f4 = t(&[4], DType::F32);
    let i3 = t(&[3], DType::I32);
    let b3 = t(&[3], DType::Bool);
    let err = |p: Prim, ins: &[Type]| infer(&p, &ins.iter().collect::<Vec<_>>()).unwrap_err();
    assert_eq!(err(Prim::Add, &[f3.clone(), f4.clone()]), "add needs operands of one shape, got f32[3] and f32[4]");
    assert!(err(Prim::Add, &[f3.clone()]).contains("takes 2 operands"));
    assert!(err(Prim::Add, &[f3.clone(), i3.clone()]).contains("one dtype"));
    assert!(err(Prim::Floor, &[i3.clone()]).contains("float"));
    assert!(err(Prim::Exp, &[b3.clone()]).contains("float"));
    assert!(infer(&Prim::Neg, &[&i3]).is_ok());
    assert!(err(Prim::Neg, &[b3.clone()]).contains("numeric"));
    assert!(err(Prim::Not, &[f3.clone()]).contains("bool or int"));
    assert!(err(Prim::And, &[f3.clone(), f3.clone()]).contains("bool or int"));
    assert_eq!(infer(&Prim::Lt, &[&i3, &i3]).unwrap(), vec![b3.clone()]);
    assert!(err(Prim::Select, &[i3.clone(), f3.clone(), f3.clone()]).contains("bool predicate"));
    assert!(err(Prim::ReduceSum { axes: vec![0] }, &[b3.clone()]).contains("numeric"));
    assert!(err(Prim::ReduceSum { axes: vec![1] }, &[f3.clone()]).contains("out of range"));
    assert!(err(Prim::ReduceSum { axes: vec![0, 0] }, &[t(&[2, 2], DType::F32)]).contains("twice"));
    assert!(err(Prim::ReduceMax { axes: vec![0] }, &[t(&[0], DType::F32)]).contains("zero elements"));
    assert!(err(Prim::Argmax { axis: 0, index_dtype: DType::F32 }, &[f3.clone()]).contains("index dtype"));
    assert!(err(Prim::Reshape { shape: vec![2, 2] }, &[f3.clone()]).contains("sizes differ"));
    assert!(err(Prim::BroadcastInDim { shape: vec![3, 2], dims: vec![1] }, &[f3.clone()]).contains("cannot broadcast"));
    assert!(err(Prim::BroadcastInDim { shape: vec![3, 3], dims: vec![1, 0] }, &[t(&[3, 3], DType::F32)]).contains("strictly increasing"));
    assert!(err(Prim::Transpose { perm: vec![0, 0] }, &[t(&[2, 2], DType::F32)]).contains("permutation"));
    assert!(err(Prim::Slice { start: vec![2], limit: vec![1], stride: vec![1] }, &[f3.clone()]).contains("invalid"));
    assert!(err(Prim::Slice { start: vec![0], limit: vec![4], stride: vec![1] }, &[f3.clone()]).contains("invalid"));
    assert!(err(Prim::Slice { start: vec![0], limit: vec![3], stride: vec![0] }, &[f3.clone()]).contains("invalid"));
    assert!(err(Prim::Pad { lo: vec![0], hi: vec![0], interior: vec![0] }, &[f3.clone(), t(&[], DType::F64)]).contains("padding value"));
    assert!(err(Prim::Concat { axis: 0 }, &[t(&[2, 3], DType::F32), t(&[2, 4], DType::F32)]).contains("alike"));
    assert!(err(Prim::Gather { axis: 0 }, &[f3.clone(), f3.clone()]).contains("integer indices"));
    assert!(err(Prim::Scatter { axis: 0, mode: ScatterMode::Set }, &[f3.clone(), t(&[2], DType::I32), f3.clone()]).contains("updates"));
    let dg = Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
    assert!(err(dg.clone(), &[t(&[2, 3], DType::F32), t(&[4, 2], DType::F32)]).contains("sizes differ"));
    assert!(err(dg, &[t(&[2, 3], DType::F32), t(&[3, 2], DType::F64)]).contains("one dtype"));
    assert!(err(Prim::Iota { shape: vec![3], axis: 1, dtype: DType::I32 }, &[]).contains("out of range"));
    let k = t(&[], DType::I32);
    assert!(err(Prim::Threefry2x32, &[k.clone(), k.clone(), i3.clone(), f3.clone()]).contains("int32"));
    assert!(err(Prim::Threefry2x32, &[i3.clone(), k.clone(), i3.clone(), f3.clone()]).contains("int32"));
    assert!(err(Prim::Cumsum { axis: 0, reverse: false }, &[b3]).contains("numeric"));
}

/// `HostCall` through an installed handler: `eval` and the cpu backend (a host step between
/// two kernels) call it once per run with the operands' values; vmap's methods call it per
/// example or once on the batch with JAX's shapes; dce removes an unused pure callback and
/// keeps an io callback; jvp of a pure callback is JAX's error. The handler computes 2x + 1
/// and records the shapes it sees; the expected numbers are written out here.
#[test]
fn host_call_runs_through_the_handler() {
    use crate::prim::{CallbackKind, HostFn, VmapMethod};
    use std::cell::RefCell;
    use std::rc::Rc;
    let seen: Rc<RefCell<Vec<Vec<Vec<usize>>>>> = Rc::default();
    let s2 = seen.clone();
    let handler: super::HostHandler = Rc::new(move |_f, args, want| {
        s2.borrow_mut().push(args.iter().map(|a| a.shape.clone()).collect());
        let v: Vec<f32> = args[0].to_f64_vec().iter().map(|x| (2.0 * x + 1.0) as f32).collect();
        Ok(vec![HostArray::from_f32(&want[0].shape, v)])
    });
    let callback = HostFn { name: "affine".into(), f: Rc::new(()) };
    let t3 = Type::new(&[3], DType::F32);
    let call = |kind, m| Prim::HostCall { callback: callback.clone(), outs: vec![t3.clone()], vmap_method: m, kind };
    // exp(x) → callback → · 3
    let mut b = Builder::new();
    let x = b.param(t3.clone());
    let e = b.bind1(Prim::Exp, &[x]).expect("exp");
    let y = b.bind(call(CallbackKind::Pure, None), &[e]).expect("call")[0];
    let three = b.bind1(Prim::Literal(Scalar::F32(3.0)), &[]).expect("lit");
    let three = b.bind1(Prim::BroadcastInDim { shape: vec![3], dims: vec![] }, &[three]).expect("bcast");
    let z = b.bind1(Prim::Mul, &[y, three]).expect("mul");
    let f = b.finish(vec![z]);
    f.verify().expect("verify");
    let xs = [0.0f32, 0.5, -1.0];
    let want: Vec<f64> = xs.iter().map(|&v| ((2.0 * (v.exp() as f64) + 1.0) as f32 * 3.0) as f64).collect();
    let arg = f32a(&[3], &xs);
    let out = super::with_host_handler(handler.clone(), || eval_func(&f, &[arg.clone()])).expect("eval");
    assert_eq!(out[0].to_f64_vec(), want);
    let mut rt = crate::backend::Runtime::with_device(crate::backend::Device::Cpu);
    let out = super::with_host_handler(handler.clone(), || rt.run_func(&f, &[arg.clone()])).expect("cpu");
    for (g, w) in out[0].to_f64_vec().iter().zip(&want) {
        assert!((g - w).abs() <= 1e-6 * w.abs(), "cpu {g} vs {w}");
    }
    assert_eq!(seen.borrow().len(), 2, "one call per run");
    // Without a handler: an error, not a crash.
    assert!(eval_func(&f, &[arg.clone()]).is_err());

    // vmap over 2 examples, the second operand unbatched.
    let two = |m| {
        let mut b = Builder::new();
        let p = b.param(t3.clone());
        let q = b.param(t3.clone());
        let y = b.bind(Prim::HostCall { callback: callback.clone(), outs: vec![t3.clone()], vmap_method: m, kind: CallbackKind::Pure }, &[p, q]).expect("call")[0];
        b.finish(vec![y])
    };
    let batch = f32a(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let other = f32a(&[3], &[0.0, 0.0, 0.0]);
    let expect: Vec<f64> = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0].iter().map(|v| 2.0 * v + 1.0).collect();
    for (m, shapes) in [
        (Some(VmapMethod::Sequential), vec![vec![vec![3], vec![3]], vec![vec![3], vec![3]]]),
        (None, vec![vec![vec![3], vec![3]], vec![vec![3], vec![3]]]),
        (Some(VmapMethod::ExpandDims), vec![vec![vec![2, 3], vec![1, 3]]]),
        (Some(VmapMethod::BroadcastAll), vec![vec![vec![2, 3], vec![2, 3]]]),
    ] {
        let v = crate::transform::vmap::vmap(&two(m), &[true, false], 2).expect("vmap");
        v.verify().expect("verify");
        seen.borrow_mut().clear();
        let out = super::with_host_handler(handler.clone(), || eval_func(&v, &[batch.clone(), other.clone()])).expect("eval");
        assert_eq!(out[0].shape, vec![2, 3]);
        assert_eq!(out[0].to_f64_vec(), expect, "{m:?}");
        assert_eq!(*seen.borrow(), shapes, "{m:?}");
    }

    // dce: an unused pure callback goes, an io callback stays.
    for (kind, kept) in [(CallbackKind::Pure, 0), (CallbackKind::Io { ordered: true }, 1)] {
        let mut b = Builder::new();
        let p = b.param(t3.clone());
        b.bind(call(kind, None), &[p]).expect("call");
        let f = crate::transform::simplify::dce(b.finish(vec![p]));
        assert_eq!(f.eqns.len(), kept, "{kind:?}");
    }
    // jvp of a pure callback: JAX's error.
    let mut b = Builder::new();
    let p = b.param(t3.clone());
    let y = b.bind(call(CallbackKind::Pure, None), &[p]).expect("call")[0];
    let f = b.finish(vec![y]);
    let err = crate::transform::jvp::jvp(&f, &[true]).expect_err("no jvp");
    assert!(err.contains(crate::transform::jvp::PURE_CALLBACK_JVP), "{err}");
}

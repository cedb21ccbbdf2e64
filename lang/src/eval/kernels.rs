//! The generic kernels behind each primitive, written once over the element traits. They assume
//! their operands passed `shape::infer` (the driver checks that first), and still return `Err`
//! rather than panic where data does not have the expected dtype.

use super::elem::{Elem, Num, Wide};
use crate::array::{numel, strides, DType, Data, HostArray};
use crate::prim::ScatterMode;


/// The elements of `x` as a slice of `T`.
pub fn sl<T: Elem>(x: &HostArray) -> Result<&[T], String> {
    T::slice(&x.data).ok_or_else(|| format!("internal error: expected other data than {}", x.dtype()))
}

pub fn mk<T: Elem>(shape: &[usize], v: Vec<T>) -> HostArray {
    HostArray { shape: shape.to_vec(), data: T::wrap(v) }
}

/// Calls `f` with the source offset `base + Σ idx[d] * strides[d]` of every position of
/// `shape`, in row-major order.
pub fn walk(shape: &[usize], base: isize, strides: &[isize], mut f: impl FnMut(usize)) {
    if shape.contains(&0) {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        f(base as usize);
        return;
    }
    let mut idx = vec![0usize; nd];
    let mut off = base;
    let (inner, istride) = (shape[nd - 1], strides[nd - 1]);
    loop {
        let mut o = off;
        for _ in 0..inner {
            f(o as usize);
            o += istride;
        }
        let mut d = nd - 1;
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            off += strides[d];
            if idx[d] < shape[d] {
                break;
            }
            off -= strides[d] * shape[d] as isize;
            idx[d] = 0;
        }
    }
}

/// Row-major strides of `shape` as `isize`.
pub fn istrides(shape: &[usize]) -> Vec<isize> {
    strides(shape).into_iter().map(|s| s as isize).collect()
}

/// The array of `shape` whose element at each position is `x`'s at the affine offset.
pub fn take_affine<T: Elem>(x: &HostArray, shape: &[usize], base: isize, st: &[isize]) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let mut out = Vec::with_capacity(numel(shape));
    walk(shape, base, st, |o| out.push(src[o]));
    Ok(mk(shape, out))
}

pub fn map1<T: Elem, U: Elem>(x: &HostArray, f: impl Fn(T) -> U) -> Result<HostArray, String> {
    Ok(mk(&x.shape, sl::<T>(x)?.iter().map(|&v| f(v)).collect()))
}

pub fn zip2<T: Elem, U: Elem>(a: &HostArray, b: &HostArray, f: impl Fn(T, T) -> U) -> Result<HostArray, String> {
    let (a_, b_) = (sl::<T>(a)?, sl::<T>(b)?);
    Ok(mk(&a.shape, a_.iter().zip(b_).map(|(&x, &y)| f(x, y)).collect()))
}

/// A float-only unary operation, computed in the operand's own precision.
pub fn float_unary(x: &HostArray, f32fn: fn(f32) -> f32, f64fn: fn(f64) -> f64) -> Result<HostArray, String> {
    match x.dtype() {
        DType::F32 => map1::<f32, f32>(x, f32fn),
        DType::F64 => map1::<f64, f64>(x, f64fn),
        d => Err(format!("this operation needs floats, got {d}")),
    }
}

pub fn select<T: Elem>(p: &HostArray, a: &HostArray, b: &HostArray) -> Result<HostArray, String> {
    let (p_, a_, b_) = (sl::<bool>(p)?, sl::<T>(a)?, sl::<T>(b)?);
    Ok(mk(&a.shape, p_.iter().zip(a_.iter().zip(b_)).map(|(&c, (&x, &y))| if c { x } else { y }).collect()))
}

pub fn cast<T: Elem, U: Elem>(x: &HostArray) -> Result<HostArray, String> {
    map1::<T, U>(x, |v| U::from_wide(v.widen()))
}

/// Folds the elements of `x` over `axes` with `f`, starting each output at `init` (or at the
/// first element reduced into it when `init` is `None`).
pub fn reduce<T: Elem>(x: &HostArray, axes: &[usize], init: Option<T>, f: impl Fn(T, T) -> T) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let out_shape: Vec<usize> = x.shape.iter().enumerate().filter(|(i, _)| !axes.contains(i)).map(|(_, &d)| d).collect();
    let ost = istrides(&out_shape);
    let mut st = Vec::with_capacity(x.shape.len());
    let mut k = 0;
    for i in 0..x.shape.len() {
        if axes.contains(&i) {
            st.push(0);
        } else {
            st.push(ost[k]);
            k += 1;
        }
    }
    let mut acc: Vec<Option<T>> = vec![init; numel(&out_shape)];
    let mut i = 0;
    walk(&x.shape, 0, &st, |o| {
        let v = src[i];
        i += 1;
        acc[o] = Some(match acc[o] {
            Some(a) => f(a, v),
            None => v,
        });
    });
    Ok(mk(&out_shape, acc.into_iter().map(|a| a.unwrap_or_else(T::zero)).collect()))
}

/// The float sum of `x` over `axes` in numpy's pairwise order (`pairwise`): each output's
/// elements, taken in row-major order, are summed as one contiguous run would be by numpy, so the
/// rounding error grows as O(log n), not O(n) (the CPU backend's blocked order stays within a
/// few ulps of this; see `backend::cpu::codegen`). A sum starts from +0.0, as the backends'.
pub fn sum_pairwise<T: Elem>(x: &HostArray, axes: &[usize]) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let out_shape: Vec<usize> = x.shape.iter().enumerate().filter(|(i, _)| !axes.contains(i)).map(|(_, &d)| d).collect();
    let outs = numel(&out_shape);
    if outs == 0 {
        return Ok(mk::<T>(&out_shape, Vec::new()));
    }
    let m = src.len() / outs;
    let ost = istrides(&out_shape);
    let st: Vec<isize> = {
        let mut k = 0;
        (0..x.shape.len())
            .map(|i| {
                if axes.contains(&i) {
                    0
                } else {
                    k += 1;
                    ost[k - 1]
                }
            })
            .collect()
    };
    // Each output's elements gathered into one run, in the order they are met.
    let mut runs = vec![T::zero(); src.len()];
    let mut fill = vec![0usize; outs];
    let mut i = 0;
    walk(&x.shape, 0, &st, |o| {
        runs[o * m + fill[o]] = src[i];
        fill[o] += 1;
        i += 1;
    });
    Ok(mk(&out_shape, (0..outs).map(|o| T::zero().add(pairwise(&runs[o * m..(o + 1) * m]))).collect()))
}

/// numpy's `pairwise_sum` (`loops_utils.h.src`): below 8 elements in order; up to 128, eight
/// accumulators then `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))` and the rest in order; above, the
/// two halves (the first a multiple of 8 long) summed apart and added.
pub fn pairwise<T: Elem>(a: &[T]) -> T {
    let n = a.len();
    if n < 8 {
        a.iter().fold(T::zero(), |r, &v| r.add(v))
    } else if n <= 128 {
        let mut r = [T::zero(); 8];
        r.copy_from_slice(&a[..8]);
        let mut j = 8;
        while j + 8 <= n {
            for (l, rl) in r.iter_mut().enumerate() {
                *rl = rl.add(a[j + l]);
            }
            j += 8;
        }
        let mut s = r[0].add(r[1]).add(r[2].add(r[3])).add(r[4].add(r[5]).add(r[6].add(r[7])));
        for &v in &a[j..] {
            s = s.add(v);
        }
        s
    } else {
        let n2 = (n / 2) - (n / 2) % 8;
        pairwise(&a[..n2]).add(pairwise(&a[n2..]))
    }
}

/// `(outer, len, inner)`: the sizes before, along and after `axis`.
fn split(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    (numel(&shape[..axis]), shape[axis], numel(&shape[axis + 1..]))
}

/// An index array of dtype `dt` (an integer dtype).
pub fn index_array(shape: &[usize], v: Vec<i64>, dt: DType) -> Result<HostArray, String> {
    match dt {
        DType::I64 => Ok(HostArray::from_i64(shape, v)),
        DType::I32 => Ok(HostArray::from_i32(shape, v.into_iter().map(|i| i as i32).collect())),
        _ => Err(format!("index dtype must be an integer, got {dt}")),
    }
}

/// The integer elements of `x` widened to i64.
pub fn indices(x: &HostArray) -> Result<Vec<i64>, String> {
    match &x.data {
        Data::I32(v) => Ok(v.iter().map(|&i| i as i64).collect()),
        Data::I64(v) => Ok(v.to_vec()),
        _ => Err(format!("indices must be integers, got {}", x.dtype())),
    }
}

/// Index of the first maximum (`want_max`) or minimum along `axis`; the first NaN wins.
pub fn arg_best<T: Elem>(x: &HostArray, axis: usize, want_max: bool, dt: DType) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let (outer, len, inner) = split(&x.shape, axis);
    let mut out = Vec::with_capacity(outer * inner);
    for o in 0..outer {
        for i in 0..inner {
            let at = |k: usize| src[(o * len + k) * inner + i];
            let mut best = 0;
            for k in 1..len {
                let (b, v) = (at(best), at(k));
                if b.is_nan() {
                    break;
                }
                if v.is_nan() || (want_max && v > b) || (!want_max && v < b) {
                    best = k;
                }
            }
            out.push(best as i64);
        }
    }
    let mut shape = x.shape.clone();
    shape.remove(axis);
    index_array(&shape, out, dt)
}

/// Inclusive running fold along `axis`, from the end when `reverse`.
pub fn cumulative<T: Elem>(x: &HostArray, axis: usize, reverse: bool, f: impl Fn(T, T) -> T) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let (outer, len, inner) = split(&x.shape, axis);
    let mut out = src.to_vec();
    for o in 0..outer {
        for i in 0..inner {
            let pos = |k: usize| (o * len + k) * inner + i;
            for step in 1..len {
                let (prev, k) = if reverse { (len - step, len - 1 - step) } else { (step - 1, step) };
                out[pos(k)] = f(out[pos(prev)], out[pos(k)]);
            }
        }
    }
    Ok(mk(&x.shape, out))
}

pub fn transpose<T: Elem>(x: &HostArray, perm: &[usize]) -> Result<HostArray, String> {
    let st = istrides(&x.shape);
    let shape: Vec<usize> = perm.iter().map(|&p| x.shape[p]).collect();
    let pst: Vec<isize> = perm.iter().map(|&p| st[p]).collect();
    take_affine::<T>(x, &shape, 0, &pst)
}

pub fn broadcast<T: Elem>(x: &HostArray, shape: &[usize], dims: &[usize]) -> Result<HostArray, String> {
    let xst = istrides(&x.shape);
    let mut st = vec![0isize; shape.len()];
    for (i, &d) in dims.iter().enumerate() {
        if x.shape[i] != 1 {
            st[d] = xst[i];
        }
    }
    take_affine::<T>(x, shape, 0, &st)
}

pub fn slice<T: Elem>(x: &HostArray, start: &[usize], shape: &[usize], stride: &[usize]) -> Result<HostArray, String> {
    let xst = istrides(&x.shape);
    let base: isize = start.iter().zip(&xst).map(|(&s, &t)| s as isize * t).sum();
    let st: Vec<isize> = stride.iter().zip(&xst).map(|(&s, &t)| s as isize * t).collect();
    take_affine::<T>(x, shape, base, &st)
}

pub fn rev<T: Elem>(x: &HostArray, axes: &[usize]) -> Result<HostArray, String> {
    let mut st = istrides(&x.shape);
    let mut base = 0isize;
    for &a in axes {
        if x.shape[a] > 0 {
            base += (x.shape[a] as isize - 1) * st[a];
        }
        st[a] = -st[a];
    }
    take_affine::<T>(x, &x.shape, base, &st)
}

pub fn pad<T: Elem>(x: &HostArray, value: &HostArray, lo: &[usize], interior: &[usize], shape: &[usize]) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let v = *sl::<T>(value)?.first().ok_or("pad value is empty")?;
    let ost = istrides(shape);
    let mut out = vec![v; numel(shape)];
    let base: isize = lo.iter().zip(&ost).map(|(&l, &s)| l as isize * s).sum();
    let st: Vec<isize> = interior.iter().zip(&ost).map(|(&n, &s)| (n as isize + 1) * s).collect();
    let mut i = 0;
    walk(&x.shape, base, &st, |o| {
        out[o] = src[i];
        i += 1;
    });
    Ok(mk(shape, out))
}

pub fn concat<T: Elem>(ins: &[HostArray], axis: usize, shape: &[usize]) -> Result<HostArray, String> {
    let parts: Vec<&[T]> = ins.iter().map(sl::<T>).collect::<Result<_, _>>()?;
    let (outer, _, inner) = split(shape, axis);
    let mut out = Vec::with_capacity(numel(shape));
    for o in 0..outer {
        for (p, x) in parts.iter().zip(ins) {
            let chunk = x.shape[axis] * inner;
            out.extend_from_slice(&p[o * chunk..(o + 1) * chunk]);
        }
    }
    Ok(mk(shape, out))
}

/// `i` wrapped once from the end when negative; `None` when still out of `0..n`.
fn wrap_index(i: i64, n: usize) -> Option<usize> {
    let j = if i < 0 { i.checked_add(n as i64)? } else { i };
    usize::try_from(j).ok().filter(|&j| j < n)
}

pub fn gather<T: Elem>(x: &HostArray, idx: &HostArray, axis: usize, shape: &[usize]) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let ix = indices(idx)?;
    let (outer, len, inner) = split(&x.shape, axis);
    let mut out = Vec::with_capacity(numel(shape));
    for o in 0..outer {
        for &i in &ix {
            // Wrap negatives once, then clamp into range.
            let j = if i < 0 { i.saturating_add(len as i64) } else { i };
            let j = j.clamp(0, len as i64 - 1) as usize;
            let at = (o * len + j) * inner;
            out.extend_from_slice(&src[at..at + inner]);
        }
    }
    Ok(mk(shape, out))
}

pub fn scatter<T: Elem>(x: &HostArray, idx: &HostArray, upd: &HostArray, axis: usize, mode: ScatterMode) -> Result<HostArray, String> {
    let mut out = sl::<T>(x)?.to_vec();
    let u = sl::<T>(upd)?;
    let ix = indices(idx)?;
    let (outer, len, inner) = split(&x.shape, axis);
    let f = |a: T, b: T| match mode {
        ScatterMode::Set => b,
        ScatterMode::Add => a.add(b),
        ScatterMode::Mul => a.mul(b),
        ScatterMode::Min => a.min_nan(b),
        ScatterMode::Max => a.max_nan(b),
    };
    let mut k = 0;
    for o in 0..outer {
        for &i in &ix {
            if let Some(j) = wrap_index(i, len) {
                let at = (o * len + j) * inner;
                for q in 0..inner {
                    out[at + q] = f(out[at + q], u[k + q]);
                }
            }
            k += inner;
        }
    }
    Ok(mk(&x.shape, out))
}

/// For each lane along `axis`, the stable permutation sorting it ascending with NaN last.
fn lane_orders<T: Elem>(src: &[T], shape: &[usize], axis: usize, mut f: impl FnMut(usize, usize, &[usize])) {
    let (outer, len, inner) = split(shape, axis);
    let mut perm: Vec<usize> = Vec::with_capacity(len);
    for o in 0..outer {
        for i in 0..inner {
            let pos = |k: usize| (o * len + k) * inner + i;
            perm.clear();
            perm.extend(0..len);
            perm.sort_by(|&a, &b| src[pos(a)].cmp_nan_last(src[pos(b)]));
            f(o, i, &perm);
        }
    }
}

pub fn sort<T: Elem>(x: &HostArray, axis: usize) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let (_, len, inner) = split(&x.shape, axis);
    let mut out = src.to_vec();
    lane_orders(src, &x.shape, axis, |o, i, perm| {
        for (k, &p) in perm.iter().enumerate() {
            out[(o * len + k) * inner + i] = src[(o * len + p) * inner + i];
        }
    });
    Ok(mk(&x.shape, out))
}

pub fn argsort<T: Elem>(x: &HostArray, axis: usize, dt: DType) -> Result<HostArray, String> {
    let src = sl::<T>(x)?;
    let (_, len, inner) = split(&x.shape, axis);
    let mut out = vec![0i64; src.len()];
    lane_orders(src, &x.shape, axis, |o, i, perm| {
        for (k, &p) in perm.iter().enumerate() {
            out[(o * len + k) * inner + i] = p as i64;
        }
    });
    index_array(&x.shape, out, dt)
}

/// `x` transposed so that its dimensions come in the order `order`, as a flat vector.
fn arrange<T: Elem>(x: &HostArray, order: &[usize]) -> Result<Vec<T>, String> {
    let t = transpose::<T>(x, order)?;
    Ok(sl::<T>(&t)?.to_vec())
}

/// `dot_general`: both operands are rearranged to `[B, M, K]` and `[B, N, K]`, so the
/// innermost loop runs over contiguous contracting elements.
pub fn dot_general<T: Elem>(
    l: &HostArray,
    r: &HostArray,
    lc: &[usize],
    rc: &[usize],
    lb: &[usize],
    rb: &[usize],
    shape: &[usize],
) -> Result<HostArray, String> {
    let free = |x: &HostArray, c: &[usize], b: &[usize]| -> Vec<usize> { (0..x.shape.len()).filter(|d| !c.contains(d) && !b.contains(d)).collect() };
    let (lf, rf) = (free(l, lc, lb), free(r, rc, rb));
    let size = |x: &HostArray, ds: &[usize]| -> usize { ds.iter().map(|&d| x.shape[d]).product() };
    let (bsz, m, n, k) = (size(l, lb), size(l, &lf), size(r, &rf), size(l, lc));
    let lorder: Vec<usize> = lb.iter().chain(&lf).chain(lc).copied().collect();
    let rorder: Vec<usize> = rb.iter().chain(&rf).chain(rc).copied().collect();
    let (a, b) = (arrange::<T>(l, &lorder)?, arrange::<T>(r, &rorder)?);
    let mut out = Vec::with_capacity(numel(shape));
    for bi in 0..bsz {
        for mi in 0..m {
            let arow = &a[(bi * m + mi) * k..(bi * m + mi + 1) * k];
            for ni in 0..n {
                let brow = &b[(bi * n + ni) * k..(bi * n + ni + 1) * k];
                out.push(T::dot_row(arow, brow));
            }
        }
    }
    Ok(mk(shape, out))
}

pub fn iota<T: Elem>(shape: &[usize], axis: usize) -> HostArray {
    let (_, len, inner) = split(shape, axis);
    let v = (0..numel(shape)).map(|i| T::from_wide(Wide::I(((i / inner.max(1)) % len.max(1)) as i64))).collect();
    mk(shape, v)
}

/// Elementwise numeric binary operation.
pub fn num2<T: Num>(a: &HostArray, b: &HostArray, f: impl Fn(T, T) -> T) -> Result<HostArray, String> {
    zip2::<T, T>(a, b, f)
}

/// Random123's threefry-2x32 with 20 rounds, as `threefry_2x32` in JAX's `prng.py`.
pub fn threefry2x32(k0: u32, k1: u32, x0: u32, x1: u32) -> (u32, u32) {
    const R: [[u32; 4]; 2] = [[13, 15, 26, 6], [17, 29, 16, 24]];
    let ks = [k0, k1, k0 ^ k1 ^ 0x1BD1_1BDA];
    let (mut a, mut b) = (x0.wrapping_add(ks[0]), x1.wrapping_add(ks[1]));
    for i in 0..5u32 {
        for &rot in &R[(i % 2) as usize] {
            a = a.wrapping_add(b);
            b = b.rotate_left(rot);
            b ^= a;
        }
        a = a.wrapping_add(ks[(i as usize + 1) % 3]);
        b = b.wrapping_add(ks[(i as usize + 2) % 3]).wrapping_add(i + 1);
    }
    (a, b)
}

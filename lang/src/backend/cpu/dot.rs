//! `dot_general` on the CPU: float32 and float64 products go to the `gemm` crate with the
//! operands' strides (a transposed view is not copied), one call per batch element, threaded by
//! gemm above a size threshold. Views whose free or contracting dimensions cannot be merged into
//! one strided dimension are first copied into gemm's layout; integer and bool products are copied
//! densely and run by `eval`.
//!
//! This module owns only the matrix product; `cpu` owns the buffers.

use crate::array::{numel, DType, Data, HostArray};
use crate::fuse::StridedView;
use crate::ir::{Builder, Type};
use crate::prim::Prim;

/// Products with at least this many multiply-adds run on several threads: in pieces on the
/// team (`team`) below `TEAM_MAX_FLOPS`, by gemm's own threads above (where waking them costs
/// nothing beside the product, and gemm shares its packed operands between them).
const PARALLEL_FLOPS: usize = 1 << 18;
const TEAM_MAX_FLOPS: usize = 1 << 26;

/// Pieces a product runs in on the team: one per thread (`SLOPE_DOT_PIECES` overrides; 1 leaves
/// every product to gemm's threads).
fn team_pieces() -> usize {
    static PIECES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *PIECES.get_or_init(|| {
        let t = super::team::threads();
        std::env::var("SLOPE_DOT_PIECES").ok().and_then(|v| v.parse().ok()).unwrap_or(t).max(1)
    })
}

/// Products run in pieces on the team so far (tests check that theirs did).
#[cfg(test)]
pub(crate) static PRODUCTS_IN_PIECES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The output and operand pointers of a product, shared by the threads that run its pieces.
struct Ptrs<T>(*mut T, *const T, *const T);
impl<T> Clone for Ptrs<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Ptrs<T> {}
impl<T> Ptrs<T> {
    /// The pointers (a method, so that closures capture the whole `Ptrs`, which is Sync).
    fn get(&self) -> (*mut T, *const T, *const T) {
        (self.0, self.1, self.2)
    }
}
// SAFETY: the pieces of one product write disjoint blocks of the output and only read the
// operands, which outlive the product (`team::run` returns when every piece is done).
unsafe impl<T> Send for Ptrs<T> {}
unsafe impl<T> Sync for Ptrs<T> {}

/// `(size, stride)` of `dims` merged into one dimension, when their strides allow it.
fn merge(shape: &[usize], strides: &[i64], dims: &[usize]) -> Option<(usize, i64)> {
    let ds: Vec<usize> = dims.iter().copied().filter(|&d| shape[d] != 1).collect();
    let size: usize = ds.iter().map(|&d| shape[d]).product();
    if ds.is_empty() || size == 0 {
        return Some((size.max(if ds.is_empty() { 1 } else { 0 }), 0));
    }
    for w in ds.windows(2) {
        if strides[w[0]] != strides[w[1]] * shape[w[1]] as i64 {
            return None;
        }
    }
    Some((size, strides[*ds.last()?]))
}

/// `(m, ms, n, ns, k, lks, rks)`: the free and contracting dimensions of both sides merged into
/// one strided dimension each, when their strides allow it.
fn merged(lv: &StridedView, rv: &StridedView, lf: &[usize], rf: &[usize], lhs_contract: &[usize], rhs_contract: &[usize]) -> Option<(usize, i64, usize, i64, usize, i64, i64)> {
    let (m, ms) = merge(&lv.shape, &lv.strides, lf)?;
    let (n, ns) = merge(&rv.shape, &rv.strides, rf)?;
    // Contracting dimensions pair up in order; size-1 pairs drop out of both.
    let pairs: Vec<(usize, usize)> = lhs_contract.iter().zip(rhs_contract).map(|(&a, &b)| (a, b)).filter(|&(a, _)| lv.shape[a] != 1).collect();
    let la: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    let ra: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    let (k, lks) = merge(&lv.shape, &lv.strides, &la)?;
    let (_, rks) = merge(&rv.shape, &rv.strides, &ra)?;
    Some((m, ms, n, ns, k, lks, rks))
}

/// A small float32 matrix–vector product whose layout is worked out once, for a product that
/// runs many times on operands that only move (a scan body's `W @ h` and `U @ x`, `x` a row of
/// `xs`): `dot`'s `gemv_f32` path without `dot`'s setup.
pub struct Gemv {
    m: usize,
    n: usize,
    k: usize,
    ms: i64,
    lks: i64,
    rks: i64,
    ns: i64,
}

impl Gemv {
    /// The product's layout, where `dot` would take its `gemv_f32` path (offsets aside).
    pub fn new(prim: &Prim, lv: &StridedView, rv: &StridedView, out: &Type) -> Option<Gemv> {
        let Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } = prim else { return None };
        if out.dtype != DType::F32 || lhs_batch.iter().any(|&d| lv.shape[d] != 1) {
            return None;
        }
        let free = |n: usize, c: &[usize], b: &[usize]| -> Vec<usize> { (0..n).filter(|d| !c.contains(d) && !b.contains(d)).collect() };
        let (lf, rf) = (free(lv.shape.len(), lhs_contract, lhs_batch), free(rv.shape.len(), rhs_contract, rhs_batch));
        let (m, ms, n, ns, k, lks, rks) = merged(lv, rv, &lf, &rf, lhs_contract, rhs_contract)?;
        let _ = rhs_batch;
        let ok = m > 0 && n > 0 && k > 0 && m * n * k <= GEMV_MAX && (n == 1 && lks == 1 && rks == 1 || m == 1 && ns == 1);
        ok.then_some(Gemv { m, n, k, ms, lks, rks, ns })
    }

    /// The product of `l` from element `lo` and `r` from `ro` into `res` (m·n float32); false
    /// (nothing written) where it does not fit (`dot` then runs it).
    pub fn run(&self, l: &HostArray, lo: i64, r: &HostArray, ro: i64, res: &HostArray) -> bool {
        let (lop, rop) = ((l, lo, self.ms, self.lks), (r, ro, self.rks, self.ns));
        gemv_fits(self.m, self.n, self.k, lop, rop) && gemv_f32(self.m, self.n, self.k, lop, rop, res)
    }
}

impl Gemv {
    /// The product with its matrix operand fixed for many calls (a scan body's `W @ h`, `W` a
    /// constant of the scan), copied once into columns: `lhs` says which operand is the matrix
    /// (the other is the vector, whose free size must be 1), `c` is it from element `co`. None
    /// where the operand does not fit the layout (`run` then handles the product).
    pub fn packed(&self, lhs: bool, c: &HostArray, co: i64) -> Option<Packed> {
        let Data::F32(a) = &c.data else { return None };
        let (outs, os, ks) = if lhs { (self.m, self.ms, self.lks) } else { (self.n, self.ns, self.rks) };
        if (if lhs { self.n } else { self.m }) != 1 || co < 0 || os < 0 || ks < 0 {
            return None;
        }
        let (co, os, ks) = (co as usize, os as usize, ks as usize);
        if co + (outs - 1) * os + (self.k - 1) * ks >= a.len() {
            return None;
        }
        let ld = outs.div_ceil(16) * 16;
        let mut p = vec![0f32; ld * self.k];
        for kk in 0..self.k {
            for i in 0..outs {
                p[kk * ld + i] = a[co + i * os + kk * ks];
            }
        }
        Some(Packed { outs, k: self.k, ld, p, xs: if lhs { self.rks } else { self.lks } })
    }
}

/// A float32 matrix–vector product whose matrix was copied once into columns (`Gemv::packed`):
/// `out[i] = Σ_k p[k·ld + i] · x[k·xs]`, summed in order of k with one fused multiply–add each
/// (with AVX-512: the even and the odd k so, then the two added), eight (sixteen) outputs to a
/// vector and up to 64 outputs in registers at once (no horizontal sums, the matrix read once
/// per call from a block that stays in L1; rows padded to a multiple of 16). Its sums are in
/// another order than `dot`'s row-wise ones (within float32 rounding of them).
pub struct Packed {
    outs: usize,
    k: usize,
    ld: usize,
    p: Vec<f32>,
    xs: i64,
}

impl Packed {
    /// The product with the vector `x` from element `xo` into `res` (the outputs); false (nothing
    /// written) where it does not fit.
    pub fn run(&self, x: &HostArray, xo: i64, res: &HostArray) -> bool {
        let (Data::F32(xv), Data::F32(o)) = (&x.data, &res.data) else { return false };
        if xo < 0 || self.xs < 0 || o.len() != self.outs || xo as usize + (self.k - 1) * self.xs as usize >= xv.len() {
            return false;
        }
        let (xo, xs) = (xo as usize, self.xs as usize);
        // SAFETY: `res` is the output buffer of this step (a scan body's buffer for this product);
        // no other reference reads or writes it while this runs.
        let out = unsafe { std::slice::from_raw_parts_mut(o.as_ptr() as *mut f32, self.outs) };
        #[cfg(target_arch = "x86_64")]
        if avx512() {
            // SAFETY: the CPU has AVX-512F; `p` holds k rows of `ld`, outs rounded up to 16, and
            // x holds xo + (k-1)·xs + 1 elements (checked above).
            unsafe { cols_fma_avx512(&self.p, self.ld, self.k, &xv[xo..], xs, out) };
            return true;
        }
        #[cfg(target_arch = "x86_64")]
        if super::wide::available() {
            // SAFETY: the CPU has AVX2 and FMA; `p` holds k rows of `ld` ≥ outs rounded up to 8,
            // and x holds xo + (k-1)·xs + 1 elements (checked above).
            unsafe { cols_fma_avx2(&self.p, self.ld, self.k, &xv[xo..], xs, out) };
            return true;
        }
        out.fill(0.0);
        for kk in 0..self.k {
            let xk = xv[xo + kk * xs];
            for (oi, &pi) in out.iter_mut().zip(&self.p[kk * self.ld..]) {
                *oi = pi.mul_add(xk, *oi);
            }
        }
        true
    }
}

impl Packed {
    /// The product for `rows` vectors at once, vector `r` from element `xo + r·xrow` of `x`,
    /// into row `r` of `res` (rows × outs float32; a scan's `U @ x` for every row of `xs`): each
    /// row is `run`'s (the same sums), rows split between threads where the work is large.
    /// False (nothing written) where it does not fit.
    pub fn run_rows(&self, x: &HostArray, xo: i64, xrow: usize, rows: usize, res: &HostArray) -> bool {
        let (Data::F32(xv), Data::F32(o)) = (&x.data, &res.data) else { return false };
        if rows == 0 || xo < 0 || self.xs < 0 || o.len() != rows * self.outs || xo as usize + (rows - 1) * xrow + (self.k - 1) * self.xs as usize >= xv.len() {
            return false;
        }
        let (xo, xs, outs) = (xo as usize, self.xs as usize, self.outs);
        let xv: &[f32] = xv;
        // SAFETY: `res` is a fresh output buffer of rows·outs float32 that nothing else reads
        // or writes while this runs; threads write disjoint rows.
        let out = unsafe { std::slice::from_raw_parts_mut(o.as_ptr() as *mut f32, rows * outs) };
        let _ = xs;
        let one = |r: usize, o: &mut [f32]| self.row(&xv[xo + r * xrow..], o);
        let threads = rayon::current_num_threads();
        if threads < 2 || rows * outs * self.k < PARALLEL_FLOPS {
            out.chunks_mut(outs).enumerate().for_each(|(r, o)| one(r, o));
            return true;
        }
        let per = rows.div_ceil(threads * 4);
        rayon::scope(|sc| {
            for (c, chunk) in out.chunks_mut(per * outs).enumerate() {
                let one = &one;
                sc.spawn(move |_| chunk.chunks_mut(outs).enumerate().for_each(|(r, o)| one(c * per + r, o)));
            }
        });
        true
    }
}

/// Rows per block of `RowBlocks`.
const ROW_BLOCK: usize = 64;

/// `Packed::run_rows` in blocks of rows that a helper thread computes while a loop reads them in
/// order (a scan's `U @ x` for every row of `xs`, hoisted out of the loop): whoever claims a
/// block (`work`) computes it and marks it done; the loop, before it reads a row (`wait`),
/// computes unclaimed blocks itself and waits only for a block another thread is computing, so
/// it never waits on a thread that has not started. Each row's sums are `run`'s.
pub struct RowBlocks<'a> {
    p: Packed,
    x: &'a [f32],
    xo: usize,
    xrow: usize,
    rows: usize,
    reverse: bool,
    out: OutPtr,
    next: std::sync::atomic::AtomicUsize,
    done: Vec<std::sync::atomic::AtomicBool>,
}

/// The output of `RowBlocks`, written by the threads in disjoint blocks of rows.
struct OutPtr(*mut f32);
// SAFETY: each block of rows is written by the one thread that claimed it, and read only after
// its done flag is set (release/acquire).
unsafe impl Send for OutPtr {}
unsafe impl Sync for OutPtr {}

impl<'a> RowBlocks<'a> {
    /// The product of `p` with `rows` vectors of `x` (vector `r` from element `xo + r·xrow`)
    /// into `res` (rows × outs float32, which nothing else reads or writes until the loop
    /// does, through `wait`); the loop reads them from its first step on, row `rows - 1 - t` at
    /// step `t` where `reverse`. None where it does not fit.
    pub fn new(p: Packed, x: &'a HostArray, xo: i64, xrow: usize, rows: usize, reverse: bool, res: &HostArray) -> Option<RowBlocks<'a>> {
        let (Data::F32(xv), Data::F32(o)) = (&x.data, &res.data) else { return None };
        if rows == 0 || xo < 0 || p.xs < 0 || o.len() != rows * p.outs || xo as usize + (rows - 1) * xrow + (p.k - 1) * p.xs as usize >= xv.len() {
            return None;
        }
        let done = (0..rows.div_ceil(ROW_BLOCK)).map(|_| std::sync::atomic::AtomicBool::new(false)).collect();
        let out = OutPtr(o.as_ptr() as *mut f32);
        Some(RowBlocks { p, x: &xv[..], xo: xo as usize, xrow, rows, reverse, out, next: std::sync::atomic::AtomicUsize::new(0), done })
    }

    /// Claim the next block of rows and compute it; false when none is left.
    pub fn work(&self) -> bool {
        use std::sync::atomic::Ordering;
        let c = self.next.fetch_add(1, Ordering::Relaxed);
        if c >= self.done.len() {
            return false;
        }
        let outs = self.p.outs;
        for t in c * ROW_BLOCK..((c + 1) * ROW_BLOCK).min(self.rows) {
            let r = if self.reverse { self.rows - 1 - t } else { t };
            // SAFETY: row r of the output (rows·outs float32) belongs to block c, which this
            // thread claimed alone; no one reads it before `done[c]` is set.
            let o = unsafe { std::slice::from_raw_parts_mut(self.out.0.add(r * outs), outs) };
            self.p.row(&self.x[self.xo + r * self.xrow..], o);
        }
        self.done[c].store(true, Ordering::Release);
        true
    }

    /// Let no thread claim another block (the loop is over).
    pub fn stop(&self) {
        self.next.fetch_max(self.done.len(), std::sync::atomic::Ordering::Relaxed);
    }

    /// Return once the row the loop reads at step `t` is written.
    pub fn wait(&self, t: usize) {
        use std::sync::atomic::Ordering;
        let c = t / ROW_BLOCK;
        let mut spins = 0u32;
        while !self.done[c].load(Ordering::Acquire) {
            if self.next.load(Ordering::Relaxed) <= c {
                self.work();
                continue;
            }
            spins += 1;
            if spins < 256 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}

impl Packed {
    /// Whether `rows` products are worth a helper thread (`RowBlocks`) rather than `run_rows`.
    pub fn pipelined(&self, rows: usize) -> bool {
        rows * self.outs * self.k >= PARALLEL_FLOPS && rayon::current_num_threads() > 1
    }

    /// One product: the vector `x` (stride `xs`, in bounds) into `o` (outs float32).
    fn row(&self, x: &[f32], o: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        if avx512() {
            // SAFETY: as in `run`; the caller checked x's bounds.
            unsafe { cols_fma_avx512(&self.p, self.ld, self.k, x, self.xs as usize, o) };
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if super::wide::available() {
            // SAFETY: as in `run`; the caller checked x's bounds.
            unsafe { cols_fma_avx2(&self.p, self.ld, self.k, x, self.xs as usize, o) };
            return;
        }
        o.fill(0.0);
        for kk in 0..self.k {
            let xk = x[kk * self.xs as usize];
            for (oi, &pi) in o.iter_mut().zip(&self.p[kk * self.ld..]) {
                *oi = pi.mul_add(xk, *oi);
            }
        }
    }
}

/// Whether the CPU has AVX-512F (`Packed` then runs on sixteen lanes; `SLOPE_CPU_AVX512=0`
/// keeps it on eight).
#[cfg(target_arch = "x86_64")]
fn avx512() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::is_x86_feature_detected!("avx512f") && !std::env::var("SLOPE_CPU_AVX512").is_ok_and(|v| v == "0"))
}

/// `Packed::run` on AVX-512: blocks of up to 64 outputs, each block's accumulators in registers
/// over all of k, in two sets, for even and for odd k (each sum in order of k with one rounding
/// per multiply–add; the two added at the end), so that two chains of dependent multiply–adds
/// run at once: the products of hidden size 64 are bound by the units' throughput, not by the
/// latency of one chain over k.
///
/// # Safety
/// The CPU has AVX-512F; `p` holds `k` rows of `ld` elements, `ld` ≥ `out.len()` rounded up to
/// 16; `x` holds `(k-1)·xs + 1` elements.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn cols_fma_avx512(p: &[f32], ld: usize, k: usize, x: &[f32], xs: usize, out: &mut [f32]) {
    use std::arch::x86_64::*;
    /// `V` vectors of outputs from `i0`.
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn block<const V: usize>(p: *const f32, ld: usize, k: usize, x: *const f32, xs: usize, i0: usize, out: &mut [f32]) {
        let mut even = [_mm512_setzero_ps(); V];
        let mut odd = [_mm512_setzero_ps(); V];
        // SAFETY (all below): rows kk < k of `ld` elements, lanes i0 + 16V ≤ ld, x in bounds,
        // stores inside `out` (the last one masked).
        unsafe {
            let mut kk = 0;
            while kk + 2 <= k {
                let (xa, xb) = (_mm512_set1_ps(*x.add(kk * xs)), _mm512_set1_ps(*x.add((kk + 1) * xs)));
                let ra = p.add(kk * ld + i0);
                let rb = ra.add(ld);
                for v in 0..V {
                    even[v] = _mm512_fmadd_ps(_mm512_loadu_ps(ra.add(16 * v)), xa, even[v]);
                    odd[v] = _mm512_fmadd_ps(_mm512_loadu_ps(rb.add(16 * v)), xb, odd[v]);
                }
                kk += 2;
            }
            if kk < k {
                let xa = _mm512_set1_ps(*x.add(kk * xs));
                let ra = p.add(kk * ld + i0);
                for (v, e) in even.iter_mut().enumerate() {
                    *e = _mm512_fmadd_ps(_mm512_loadu_ps(ra.add(16 * v)), xa, *e);
                }
            }
            for v in 0..V {
                let s = _mm512_add_ps(even[v], odd[v]);
                let i = i0 + 16 * v;
                if i + 16 <= out.len() {
                    _mm512_storeu_ps(out.as_mut_ptr().add(i), s);
                } else if i < out.len() {
                    _mm512_mask_storeu_ps(out.as_mut_ptr().add(i), ((1u32 << (out.len() - i)) - 1) as __mmask16, s);
                }
            }
        }
    }
    let (pp, xp) = (p.as_ptr(), x.as_ptr());
    let m = out.len();
    let mut i0 = 0;
    while i0 < m {
        // SAFETY: as this function's.
        unsafe {
            match (m - i0).div_ceil(16).min(4) {
                1 => block::<1>(pp, ld, k, xp, xs, i0, out),
                2 => block::<2>(pp, ld, k, xp, xs, i0, out),
                3 => block::<3>(pp, ld, k, xp, xs, i0, out),
                _ => block::<4>(pp, ld, k, xp, xs, i0, out),
            }
        }
        i0 += 64;
    }
}

/// `Packed::run` on AVX2: blocks of up to 64 outputs, each block's accumulators in registers
/// over all of k.
///
/// # Safety
/// The CPU has AVX2 and FMA; `p` holds `k` rows of `ld` elements, `ld` ≥ `out.len()` rounded up
/// to 8; `x` holds `(k-1)·xs + 1` elements.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn cols_fma_avx2(p: &[f32], ld: usize, k: usize, x: &[f32], xs: usize, out: &mut [f32]) {
    use std::arch::x86_64::*;
    /// `V` vectors of outputs from `i0`.
    #[target_feature(enable = "avx2,fma")]
    #[inline]
    unsafe fn block<const V: usize>(p: *const f32, ld: usize, k: usize, x: *const f32, xs: usize, i0: usize, out: &mut [f32]) {
        let mut acc = [_mm256_setzero_ps(); V];
        // SAFETY (all below): rows kk < k of `ld` elements, lanes i0 + 8V ≤ ld, x in bounds.
        unsafe {
            for kk in 0..k {
                let xb = _mm256_set1_ps(*x.add(kk * xs));
                let row = p.add(kk * ld + i0);
                for (v, a) in acc.iter_mut().enumerate() {
                    *a = _mm256_fmadd_ps(_mm256_loadu_ps(row.add(8 * v)), xb, *a);
                }
            }
            for (v, a) in acc.iter().enumerate() {
                let i = i0 + 8 * v;
                if i + 8 <= out.len() {
                    _mm256_storeu_ps(out.as_mut_ptr().add(i), *a);
                } else {
                    let mut lanes = [0f32; 8];
                    _mm256_storeu_ps(lanes.as_mut_ptr(), *a);
                    let rest = out.len() - i;
                    out[i..].copy_from_slice(&lanes[..rest]);
                }
            }
        }
    }
    let (pp, xp) = (p.as_ptr(), x.as_ptr());
    let m = out.len();
    let mut i0 = 0;
    while i0 < m {
        // SAFETY: as this function's.
        unsafe {
            match (m - i0).div_ceil(8).min(8) {
                1 => block::<1>(pp, ld, k, xp, xs, i0, out),
                2 => block::<2>(pp, ld, k, xp, xs, i0, out),
                3 => block::<3>(pp, ld, k, xp, xs, i0, out),
                4 => block::<4>(pp, ld, k, xp, xs, i0, out),
                5 => block::<5>(pp, ld, k, xp, xs, i0, out),
                6 => block::<6>(pp, ld, k, xp, xs, i0, out),
                7 => block::<7>(pp, ld, k, xp, xs, i0, out),
                _ => block::<8>(pp, ld, k, xp, xs, i0, out),
            }
        }
        i0 += 64;
    }
}

/// The product of `l` and `r` (viewed through `lv`, `rv`) into a new dense array of type `out`.
///
/// `alloc` gives the output buffer for gemm, which writes every element without reading any,
/// so the buffer may hold anything (the device's pool reuses buffers without clearing them).
pub fn dot(prim: &Prim, lv: &StridedView, l: &HostArray, rv: &StridedView, r: &HostArray, out: &Type, alloc: impl FnOnce(&Type) -> HostArray) -> Result<HostArray, String> {
    let Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } = prim else {
        return Err("internal error: a dot step without dot_general".into());
    };
    let free = |n: usize, c: &[usize], b: &[usize]| -> Vec<usize> { (0..n).filter(|d| !c.contains(d) && !b.contains(d)).collect() };
    let (lf, rf) = (free(lv.shape.len(), lhs_contract, lhs_batch), free(rv.shape.len(), rhs_contract, rhs_batch));
    let merged = merged(lv, rv, &lf, &rf, lhs_contract, rhs_contract);
    let dt = out.dtype;
    if merged.is_none() && dt.is_float() {
        // Dimensions that do not merge (an im2col window, a permuted batch): copy each operand
        // once into the layout gemm wants (batch, free, contracting / batch, contracting, free),
        // where every group is contiguous, and multiply those.
        let (lc, ld) = canonical(lv, l, lhs_batch, &lf, lhs_contract);
        let (rc, rd) = canonical(rv, r, rhs_batch, rhs_contract, &rf);
        let (nb, nl, nc) = (lhs_batch.len(), lf.len(), lhs_contract.len());
        let p = Prim::DotGeneral {
            lhs_contract: (nb + nl..nb + nl + nc).collect(),
            rhs_contract: (nb..nb + nc).collect(),
            lhs_batch: (0..nb).collect(),
            rhs_batch: (0..nb).collect(),
        };
        return dot(&p, &lc, &ld, &rc, &rd, out, alloc);
    }
    let Some((m, ms, n, ns, k, lks, rks)) = merged.filter(|_| dt.is_float()) else {
        return host_dot(prim, lv, l, rv, r);
    };
    let bshape: Vec<usize> = lhs_batch.iter().map(|&d| lv.shape[d]).collect();
    let nb = numel(&bshape);
    if nb == 0 || m == 0 || n == 0 || k == 0 {
        return Ok(HostArray::zeros(&out.shape, dt));
    }
    if nb == 1 && dt == DType::F32 && m * n * k <= GEMV_MAX && (n == 1 && lks == 1 && rks == 1 || m == 1 && ns == 1) {
        let (lop, rop) = ((l, lv.offset, ms, lks), (r, rv.offset, rks, ns));
        if gemv_fits(m, n, k, lop, rop) {
            let res = alloc(out);
            if gemv_f32(m, n, k, lop, rop, &res) {
                return Ok(res);
            }
            return Err("internal error: a dot output of the wrong size".into());
        }
    }
    let res = alloc(out);
    // Products of a step's size are split into pieces that this thread and the team's helpers
    // run (`team`), each piece one single-threaded gemm call; larger ones use gemm's own threads.
    let big = m * n * k >= PARALLEL_FLOPS;
    let pieces = if big && m * n * k < TEAM_MAX_FLOPS { team_pieces() } else { 1 };
    let par = if big && pieces == 1 { gemm::Parallelism::Rayon(rayon::current_num_threads()) } else { gemm::Parallelism::None };
    let mut bidx = vec![0usize; bshape.len()];
    for bi in 0..nb {
        let mut lo = lv.offset;
        let mut ro = rv.offset;
        for (j, &i) in bidx.iter().enumerate() {
            lo += i as i64 * lv.strides[lhs_batch[j]];
            ro += i as i64 * rv.strides[rhs_batch[j]];
        }
        let oo = bi * m * n;
        macro_rules! call {
            ($t:ty, $V:ident) => {{
                let (Data::$V(lp), Data::$V(rp)) = (&l.data, &r.data) else {
                    return Err("internal error: dot operands of another dtype".into());
                };
                let Data::$V(op) = &res.data else { return Err("internal error: dot output of another dtype".into()) };
                if op.len() != nb * m * n {
                    return Err("internal error: a dot output of the wrong size".into());
                }
                // The buffer is new or an idle one of the pool's (whose clone never reads it),
                // so writing through its pointer is what the kernels do too.
                let ptrs = Ptrs(op.as_ptr() as *mut $t, lp.as_ptr(), rp.as_ptr());
                // Rows i0..i1 and columns j0..j1 of the product, one gemm call.
                let block = |i0: usize, i1: usize, j0: usize, j1: usize, par: gemm::Parallelism| {
                    let (op, lp, rp) = ptrs.get();
                    // SAFETY: the offsets and strides come from views that `fuse` checked against
                    // the operands' shapes, the output is dense [batch, m, n] of the checked
                    // length, and a block's rows and columns lie inside them; blocks run at the
                    // same time write disjoint parts of the output.
                    unsafe {
                        gemm::gemm::<$t>(
                            i1 - i0,
                            j1 - j0,
                            k,
                            op.add(oo + i0 * n + j0),
                            1,
                            n as isize,
                            false,
                            lp.offset(lo as isize + i0 as isize * ms as isize),
                            lks as isize,
                            ms as isize,
                            rp.offset(ro as isize + j0 as isize * ns as isize),
                            ns as isize,
                            rks as isize,
                            0.0,
                            1.0,
                            false,
                            false,
                            false,
                            par,
                        )
                    }
                };
                for (i0, i1, j0, j1) in tiles(m, n, k) {
                    crate::limits::check_interrupt_in("multiplying matrices")?;
                    if pieces == 1 {
                        block(i0, i1, j0, j1, par);
                        continue;
                    }
                    // Pieces along the longer side of the tile, in multiples of 16 (the
                    // microkernel's rows), so that each piece keeps whole register tiles.
                    let rows = i1 - i0 >= j1 - j0;
                    let len = if rows { i1 - i0 } else { j1 - j0 };
                    let cut = |p: usize| if p == pieces { len } else { (len * p / pieces).div_ceil(16) * 16 }.min(len);
                    let piece = |p: usize| {
                        let (a, b) = (cut(p), cut(p + 1));
                        if a < b {
                            if rows {
                                block(i0 + a, i0 + b, j0, j1, gemm::Parallelism::None);
                            } else {
                                block(i0, i1, j0 + a, j0 + b, gemm::Parallelism::None);
                            }
                        }
                    };
                    #[cfg(test)]
                    PRODUCTS_IN_PIECES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if !super::team::run(pieces, &piece) {
                        return Err("internal error: a piece of a matrix product failed".into());
                    }
                }
            }};
        }
        match dt {
            DType::F32 => call!(f32, F32),
            DType::F64 => call!(f64, F64),
            _ => return host_dot(prim, lv, l, rv, r),
        }
        for j in (0..bidx.len()).rev() {
            bidx[j] += 1;
            if bidx[j] < bshape[j] {
                break;
            }
            bidx[j] = 0;
        }
    }
    Ok(res)
}

/// Multiply-adds of one tile of a large product (some tens of milliseconds here), and the
/// fewest rows and columns of a tile.
const TILE_FLOPS: usize = 1 << 31;
const TILE_MIN: usize = 256;

#[cfg(test)]
thread_local! {
    /// Tests run small products in tiles: `(TILE_FLOPS, TILE_MIN)` in place of the constants.
    pub(crate) static TILES_FOR_TESTS: std::cell::Cell<Option<(usize, usize)>> = const { std::cell::Cell::new(None) };
}

/// The tiles `(rows i0..i1, columns j0..j1)` a product of m × k by k × n runs in: one for most
/// products; a large one in blocks of rows (and of columns when a row block alone is too
/// large), each a gemm call, so that the session's interrupt flag is looked at between them
/// and Ctrl-C stops even one long product. Blocks keep at least `TILE_MIN` rows and columns:
/// each call packs its operands afresh, which costs a fraction 1/256 of its arithmetic or less.
pub(crate) fn tiles(m: usize, n: usize, k: usize) -> impl Iterator<Item = (usize, usize, usize, usize)> {
    #[allow(unused_mut)]
    let (mut budget, mut least) = (TILE_FLOPS, TILE_MIN);
    #[cfg(test)]
    if let Some((b, l)) = TILES_FOR_TESTS.with(|t| t.get()) {
        (budget, least) = (b, l);
    }
    let (mb, nb) = if m.saturating_mul(n).saturating_mul(k) <= 2 * budget {
        (m, n)
    } else {
        let mb = (budget / n.saturating_mul(k).max(1)).max(least).min(m);
        let nb = if mb.saturating_mul(n).saturating_mul(k) > 2 * budget { (budget / mb.saturating_mul(k).max(1)).max(least).min(n) } else { n };
        (mb, nb)
    };
    // `max(1)`: an empty side still makes one (empty) tile, never a step of 0.
    (0..m).step_by(mb.max(1)).flat_map(move |i0| (0..n).step_by(nb.max(1)).map(move |j0| (i0, (i0 + mb).min(m), j0, (j0 + nb).min(n))))
}

/// The view with its dimensions reordered as `a ++ b ++ c`, copied densely: the view of the copy
/// and the copy.
/// Products up to this many multiply-adds with a vector side (`n == 1` or `m == 1`) skip
/// `gemm`, whose setup costs more than such a product (a scan body's `W @ h` at hidden 64).
const GEMV_MAX: usize = 1 << 16;

/// A small float32 matrix–vector product into `res` (m × n, row-major): with `n == 1`,
/// `out[i] = Σ_k a[i·ms + k] · x[k]` in eight partial sums per row (combined in order, then
/// the rest in order); with `m == 1`, `out[j] = Σ_k x[k·lks] · b[k·rks + j]`, accumulated row by
/// row of `b`. Operands are `(array, offset, stride of the free dim, stride of k)` for the left
/// and `(array, offset, stride of k, stride of the free dim)` for the right. None when a stride
/// is negative, an index is out of bounds or the dtypes are not float32 (`gemv_fits` says; gemm
/// handles those).
fn gemv_fits(m: usize, n: usize, k: usize, l: Operand, r: Operand) -> bool {
    let (Data::F32(a), Data::F32(b)) = (&l.0.data, &r.0.data) else { return false };
    if [l.1, l.2, l.3, r.1, r.2, r.3].iter().any(|&v| v < 0) {
        return false;
    }
    let (lo, ms, lks) = (l.1 as usize, l.2 as usize, l.3 as usize);
    let (ro, rks, ns) = (r.1 as usize, r.2 as usize, r.3 as usize);
    lo + (m - 1) * ms + (k - 1) * lks < a.len() && ro + (k - 1) * rks + (n - 1) * ns < b.len()
}

/// An operand of `gemv_f32`: the array, its offset and two strides.
type Operand<'a> = (&'a HostArray, i64, i64, i64);

/// The product into `res`, where `gemv_fits` (false: the output buffer is not m·n float32).
fn gemv_f32(m: usize, n: usize, k: usize, l: Operand, r: Operand, res: &HostArray) -> bool {
    let (Data::F32(a), Data::F32(b)) = (&l.0.data, &r.0.data) else { return false };
    let (lo, lks) = (l.1 as usize, l.3 as usize);
    let ms = l.2 as usize;
    let (ro, rks) = (r.1 as usize, r.2 as usize);
    let Data::F32(o) = &res.data else { return false };
    if o.len() != m * n {
        return false;
    }
    // SAFETY: `res` is the output buffer of m·n float32 for this step (fresh from `alloc`, or a scan
    // body's buffer for this product); no other reference reads or writes it while this runs.
    let out = unsafe { std::slice::from_raw_parts_mut(o.as_ptr() as *mut f32, m * n) };
    if n == 1 {
        // lks == rks == 1: each row of a, and x, are contiguous.
        let x = &b[ro..ro + k];
        #[cfg(target_arch = "x86_64")]
        if super::wide::available() {
            // SAFETY: the CPU has AVX2 and FMA; the slices are in bounds (`gemv_fits`).
            unsafe { rows_dot_avx2(&a[lo..], ms, x, out) };
            return true;
        }
        for (i, oi) in out.iter_mut().enumerate() {
            let row = &a[lo + i * ms..lo + i * ms + k];
            let mut acc = [0f32; 8];
            let (rc, xc) = (row.chunks_exact(8), x.chunks_exact(8));
            let (rr, xr) = (rc.remainder(), xc.remainder());
            for (rv, xv) in rc.zip(xc) {
                for j in 0..8 {
                    acc[j] += rv[j] * xv[j];
                }
            }
            let mut s = acc.iter().fold(0f32, |p, &q| p + q);
            for (p, q) in rr.iter().zip(xr) {
                s += p * q;
            }
            *oi = s;
        }
    } else {
        // ns == 1: each row of b is contiguous.
        out.fill(0.0);
        for kk in 0..k {
            let xk = a[lo + kk * lks];
            let row = &b[ro + kk * rks..ro + kk * rks + n];
            for (oj, &bj) in out.iter_mut().zip(row) {
                *oj += xk * bj;
            }
        }
    }
    true
}

/// `out[i] = Σ_k a[i·ms + k] · x[k]` on eight AVX2 lanes with FMA: two vector accumulators per
/// row (elements j ≡ 0..7 and 8..15 mod 16), combined, then their lanes in order, then the rest
/// of the row in order. Four rows run at once (their sums are independent, so their latencies
/// overlap); each row's order is the one above, so the bits do not depend on the grouping.
///
/// # Safety
/// The CPU has AVX2 and FMA, and `a` holds `(out.len() - 1)·ms + x.len()` elements.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn rows_dot_avx2(a: &[f32], ms: usize, x: &[f32], out: &mut [f32]) {
    use std::arch::x86_64::*;
    const R: usize = 4;
    let k = x.len();
    let k16 = k / 16 * 16;
    let m = out.len();
    let mut i = 0;
    while i + R <= m {
        let rows: [&[f32]; R] = std::array::from_fn(|r| &a[(i + r) * ms..(i + r) * ms + k]);
        let mut s0 = [_mm256_setzero_ps(); R];
        let mut s1 = [_mm256_setzero_ps(); R];
        let mut j = 0;
        while j < k16 {
            // SAFETY: j + 16 ≤ k elements of each row and of x.
            unsafe {
                let (x0, x1) = (_mm256_loadu_ps(x.as_ptr().add(j)), _mm256_loadu_ps(x.as_ptr().add(j + 8)));
                for r in 0..R {
                    s0[r] = _mm256_fmadd_ps(_mm256_loadu_ps(rows[r].as_ptr().add(j)), x0, s0[r]);
                    s1[r] = _mm256_fmadd_ps(_mm256_loadu_ps(rows[r].as_ptr().add(j + 8)), x1, s1[r]);
                }
            }
            j += 16;
        }
        let mut lanes = [[0f32; 8]; R];
        for r in 0..R {
            // SAFETY: eight float32.
            unsafe { _mm256_storeu_ps(lanes[r].as_mut_ptr(), _mm256_add_ps(s0[r], s1[r])) };
        }
        let mut s = [0f32; R];
        for l in 0..8 {
            for r in 0..R {
                s[r] += lanes[r][l];
            }
        }
        for r in 0..R {
            for jj in k16..k {
                s[r] += rows[r][jj] * x[jj];
            }
            out[i + r] = s[r];
        }
        i += R;
    }
    for (ii, oi) in out.iter_mut().enumerate().skip(i) {
        let row = &a[ii * ms..ii * ms + k];
        let (mut s0, mut s1) = (_mm256_setzero_ps(), _mm256_setzero_ps());
        let mut j = 0;
        while j < k16 {
            // SAFETY: j + 16 ≤ k elements of row and x.
            unsafe {
                s0 = _mm256_fmadd_ps(_mm256_loadu_ps(row.as_ptr().add(j)), _mm256_loadu_ps(x.as_ptr().add(j)), s0);
                s1 = _mm256_fmadd_ps(_mm256_loadu_ps(row.as_ptr().add(j + 8)), _mm256_loadu_ps(x.as_ptr().add(j + 8)), s1);
            }
            j += 16;
        }
        let v = _mm256_add_ps(s0, s1);
        let mut lanes = [0f32; 8];
        // SAFETY: eight float32.
        unsafe { _mm256_storeu_ps(lanes.as_mut_ptr(), v) };
        let mut s = lanes.iter().fold(0f32, |p, &q| p + q);
        for jj in k16..k {
            s += row[jj] * x[jj];
        }
        *oi = s;
    }
}

fn canonical(v: &StridedView, h: &HostArray, a: &[usize], b: &[usize], c: &[usize]) -> (StridedView, HostArray) {
    let order: Vec<usize> = a.iter().chain(b).chain(c).copied().collect();
    let permuted = StridedView {
        buf: v.buf,
        offset: v.offset,
        strides: order.iter().map(|&d| v.strides[d]).collect(),
        shape: order.iter().map(|&d| v.shape[d]).collect(),
    };
    let d = dense(&permuted, h);
    let strides = crate::array::strides(&d.shape).into_iter().map(|s| s as i64).collect();
    (StridedView { buf: v.buf, offset: 0, strides, shape: d.shape.clone() }, d)
}

/// The view's elements as a dense array.
pub fn dense(v: &StridedView, a: &HostArray) -> HostArray {
    let n = numel(&v.shape);
    let mut offs = Vec::with_capacity(n);
    if n > 0 {
        // The innermost dimension in a plain loop, the outer ones as an odometer that moves the
        // offset by a stride (this runs on every im2col product, also in debug builds).
        let r = v.shape.len();
        let (inner, step) = if r == 0 { (1, 0) } else { (v.shape[r - 1], v.strides[r - 1]) };
        let outer = r.saturating_sub(1);
        let mut idx = vec![0usize; outer];
        let mut base = v.offset;
        for _ in 0..n / inner.max(1) {
            let mut o = base;
            for _ in 0..inner {
                offs.push(o as usize);
                o += step;
            }
            for j in (0..outer).rev() {
                idx[j] += 1;
                base += v.strides[j];
                if idx[j] < v.shape[j] {
                    break;
                }
                base -= v.strides[j] * v.shape[j] as i64;
                idx[j] = 0;
            }
        }
    }
    let data = match &a.data {
        Data::Bool(x) => Data::Bool(std::rc::Rc::new(offs.iter().map(|&o| x[o]).collect())),
        Data::I32(x) => Data::I32(std::rc::Rc::new(offs.iter().map(|&o| x[o]).collect())),
        Data::I64(x) => Data::I64(std::rc::Rc::new(offs.iter().map(|&o| x[o]).collect())),
        Data::F32(x) => Data::F32(std::rc::Rc::new(offs.iter().map(|&o| x[o]).collect())),
        Data::F64(x) => Data::F64(std::rc::Rc::new(offs.iter().map(|&o| x[o]).collect())),
        _ => unreachable!("backends see only the five storage dtypes (transform::legalize)"),
    };
    HostArray { shape: v.shape.clone(), data }
}

fn host_dot(prim: &Prim, lv: &StridedView, l: &HostArray, rv: &StridedView, r: &HostArray) -> Result<HostArray, String> {
    let (a, b) = (dense(lv, l), dense(rv, r));
    let mut bld = Builder::new();
    let x = bld.param(Type::new(&a.shape, a.dtype()));
    let y = bld.param(Type::new(&b.shape, b.dtype()));
    let o = bld.bind1(prim.clone(), &[x, y])?;
    let f = bld.finish(vec![o]);
    let mut r = crate::eval::eval_func(&f, &[a, b])?;
    r.pop().ok_or_else(|| "internal error: dot gave no result".into())
}

#[cfg(test)]
thread_local! {
    /// Products this thread ran in pairs so far (tests check that theirs were).
    pub(crate) static PRODUCTS_PAIRED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Pairs of products whose multiply-adds are each at least this many run side by side (`pair`).
const PAIR_MIN_FLOPS: usize = 1 << 16;

/// Whether independent products pair up: only where `SLOPE_CPU_PAIR=1`. Off by default: in
/// the MLP step (bench/user, mlp17) the paired `dW2`, `dh1` took 162 µs against 77 + 86 µs in
/// pieces, and the step's median over 5 alternating rounds was 1.01 ms paired, 0.93 in pieces
/// (load 5; within the spread): the products already run at one core's peak, and a helper
/// preempted in the middle of a whole product keeps the caller waiting longer than one
/// preempted in the middle of half of one.
fn pairing() -> bool {
    #[cfg(test)]
    if FORCE_PAIR.with(|f| f.get()) {
        return true;
    }
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("SLOPE_CPU_PAIR").is_ok_and(|v| v == "1"))
}

#[cfg(test)]
thread_local! {
    /// Tests turn pairing on for their thread.
    pub(crate) static FORCE_PAIR: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One float product as a single gemm call through raw pointers, which threads can share.
struct Call {
    f64: bool,
    m: usize,
    n: usize,
    k: usize,
    out: *mut u8,
    lhs: *const u8,
    rhs: *const u8,
    ms: isize,
    ns: isize,
    lks: isize,
    rks: isize,
}

// SAFETY: the pointers are into buffers that outlive the calls (`pair` returns only when both
// are done), each call writes its own output and only reads its operands.
unsafe impl Send for Call {}
unsafe impl Sync for Call {}

impl Call {
    /// The product as one single-threaded gemm call where `dot` would run it in pieces or on
    /// gemm's threads (one batch element, float, strides that merge, not a small vector
    /// product), with its output from `alloc`; None otherwise (nothing allocated).
    fn new(prim: &Prim, lv: &StridedView, l: &HostArray, rv: &StridedView, r: &HostArray, out: &Type, alloc: &mut dyn FnMut(&Type) -> HostArray) -> Option<(Call, HostArray)> {
        let Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } = prim else { return None };
        if !out.dtype.is_float() || lhs_batch.iter().any(|&d| lv.shape[d] != 1) {
            return None;
        }
        let free = |n: usize, c: &[usize], b: &[usize]| -> Vec<usize> { (0..n).filter(|d| !c.contains(d) && !b.contains(d)).collect() };
        let (lf, rf) = (free(lv.shape.len(), lhs_contract, lhs_batch), free(rv.shape.len(), rhs_contract, rhs_batch));
        let _ = rhs_batch;
        let (m, ms, n, ns, k, lks, rks) = merged(lv, rv, &lf, &rf, lhs_contract, rhs_contract)?;
        let flops = m * n * k;
        if m == 0 || n == 0 || k == 0 || !(PAIR_MIN_FLOPS..TEAM_MAX_FLOPS).contains(&flops) || m * n * k <= GEMV_MAX && (n == 1 || m == 1) {
            return None;
        }
        let (lp, rp) = match (&l.data, &r.data, out.dtype) {
            (Data::F32(a), Data::F32(b), DType::F32) => (a.as_ptr() as *const u8, b.as_ptr() as *const u8),
            (Data::F64(a), Data::F64(b), DType::F64) => (a.as_ptr() as *const u8, b.as_ptr() as *const u8),
            _ => return None,
        };
        let res = alloc(out);
        let op = match &res.data {
            Data::F32(o) if o.len() == m * n => o.as_ptr() as *mut u8,
            Data::F64(o) if o.len() == m * n => o.as_ptr() as *mut u8,
            _ => return None,
        };
        let size = out.dtype.size_bytes() as isize;
        // SAFETY: the offsets come from views that `fuse` checked against the operands' shapes.
        let (lhs, rhs) = unsafe { (lp.offset(lv.offset as isize * size), rp.offset(rv.offset as isize * size)) };
        let call = Call { f64: out.dtype == DType::F64, m, n, k, out: op, lhs, rhs, ms: ms as isize, ns: ns as isize, lks: lks as isize, rks: rks as isize };
        Some((call, res))
    }

    fn flops(&self) -> usize {
        self.m * self.n * self.k
    }

    /// The whole product on this thread.
    fn run(&self) {
        macro_rules! go {
            ($t:ty) => {
                // SAFETY: as `dot`'s blocks: strides and offsets from checked views, the output
                // dense m × n of the checked length (`new`).
                unsafe {
                    gemm::gemm::<$t>(
                        self.m,
                        self.n,
                        self.k,
                        self.out as *mut $t,
                        1,
                        self.n as isize,
                        false,
                        self.lhs as *const $t,
                        self.lks,
                        self.ms,
                        self.rhs as *const $t,
                        self.ns,
                        self.rks,
                        0.0,
                        1.0,
                        false,
                        false,
                        false,
                        gemm::Parallelism::None,
                    )
                }
            };
        }
        if self.f64 {
            go!(f64)
        } else {
            go!(f32)
        }
    }
}

/// Two independent products side by side (where `pairing`): each a single-threaded gemm call, this thread and a
/// helper of the team one each (a backward pass's `dW = xᵀ·d` and `dx = d·Wᵀ`), instead of each
/// split in pieces across both (each piece then packs the whole of the other operand, and
/// every product waits for its slower piece). Only products of about the same size (within 2×,
/// each at least `PAIR_MIN_FLOPS` and below `TEAM_MAX_FLOPS`) pair up, on a team of two or
/// more threads. None (nothing allocated or computed) where they do not; the caller runs them
/// one after the other with `dot`.
#[allow(clippy::too_many_arguments)]
pub fn pair(
    a: (&Prim, &StridedView, &HostArray, &StridedView, &HostArray, &Type),
    b: (&Prim, &StridedView, &HostArray, &StridedView, &HostArray, &Type),
    alloc: &mut dyn FnMut(&Type) -> HostArray,
) -> Option<Result<(HostArray, HostArray), String>> {
    if super::team::threads() < 2 || team_pieces() < 2 || !pairing() {
        return None;
    }
    // Decide on sizes first, so that nothing is allocated for products that do not pair.
    let flops = |p: &Prim, lv: &StridedView, rv: &StridedView| -> Option<usize> {
        let Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } = p else { return None };
        let free = |n: usize, c: &[usize], bt: &[usize]| -> Vec<usize> { (0..n).filter(|d| !c.contains(d) && !bt.contains(d)).collect() };
        let (lf, rf) = (free(lv.shape.len(), lhs_contract, lhs_batch), free(rv.shape.len(), rhs_contract, rhs_batch));
        let (m, _, n, _, k, _, _) = merged(lv, rv, &lf, &rf, lhs_contract, rhs_contract)?;
        Some(m * n * k)
    };
    let (fa, fb) = (flops(a.0, a.1, a.3)?, flops(b.0, b.1, b.3)?);
    if fa.min(fb) * 2 < fa.max(fb) {
        return None;
    }
    let (ca, ra) = Call::new(a.0, a.1, a.2, a.3, a.4, a.5, alloc)?;
    let Some((cb, rb)) = Call::new(b.0, b.1, b.2, b.3, b.4, b.5, alloc) else {
        // `a` is allocated: run it as `dot` would have.
        return Some(dot(a.0, a.1, a.2, a.3, a.4, a.5, |_| ra).and_then(|ra| dot(b.0, b.1, b.2, b.3, b.4, b.5, &mut *alloc).map(|rb| (ra, rb))));
    };
    debug_assert!(ca.flops() >= PAIR_MIN_FLOPS && cb.flops() >= PAIR_MIN_FLOPS);
    if let Err(m) = crate::limits::check_interrupt_in("multiplying matrices") {
        return Some(Err(m));
    }
    let calls = [&ca, &cb];
    #[cfg(test)]
    PRODUCTS_PAIRED.with(|c| c.set(c.get() + 2));
    if !super::team::run(2, &|i| calls[i].run()) {
        return Some(Err("internal error: a product run beside another failed".into()));
    }
    Some(Ok((ra, rb)))
}

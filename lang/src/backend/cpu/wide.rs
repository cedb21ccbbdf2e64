//! Eight- and sixteen-lane float32 math: `math`'s polynomials on AVX2 vectors with FMA, and on
//! AVX-512 vectors, compiled into the binary and chosen at run time by CPU detection
//! (`available`, `available16`).
//!
//! Cranelift's x64 backend lowers 128-bit vectors only, so the generated kernels run `exp`,
//! `log`, `tanh`, `sin` and `cos` on four lanes. Where the CPU has AVX2 and FMA, `codegen` instead
//! has a map's innermost loop run in blocks of `BLOCK` elements (small enough to stay in L1): the
//! arguments of these functions are stored to a stack block, one of the `*_block` functions below
//! transforms the block in place on eight lanes (sixteen where the CPU has AVX-512F, unless
//! `SLOPE_CPU_AVX512=0`), and the rest of the map reads the results back.
//!
//! Each function here is `math::F32Math`'s emission written again with intrinsics, operation for
//! operation and with the same constants (`math::coef`), so with FMA the paths give the same
//! bits; the sixteen-lane functions are the eight-lane ones with every operation widened (lane
//! masks in mask registers instead of vector lanes), so those two agree on every lane. The one
//! departure from the four-lane path: where some |x| ≥ 8192, `sin`/`cos` call the host function
//! for those lanes only (the four-lane path calls it for every lane of such a vector); both are
//! within the documented ulps of `eval`, which `tests::f32_polynomials_within_4_ulp` checks on
//! every path, and `tests::wide_block_math_same_bits_on_8_and_16_lanes` checks the two block
//! widths against each other bit for bit.

/// Elements per block: five blocks of 256 float32 are 5 KiB, well inside L1.
pub const BLOCK: i64 = 256;

/// Whether this CPU runs the eight-lane functions (AVX2 and FMA).
pub fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether this CPU runs the sixteen-lane functions (AVX-512F, with AVX2 and FMA).
pub fn available16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        available() && std::is_x86_feature_detected!("avx512f")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether generated kernels use the sixteen-lane functions: `available16()`, unless
/// `SLOPE_CPU_AVX512=0` (the switch `dot` uses too: everything back on eight lanes) or
/// `SLOPE_CPU_WIDE=8` (these functions only) keeps them on eight.
pub fn use16() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let off = |k: &str, v: &str| std::env::var(k).is_ok_and(|x| x == v);
    *ON.get_or_init(|| available16() && !off("SLOPE_CPU_AVX512", "0") && !off("SLOPE_CPU_WIDE", "8"))
}

/// The in-place block function for a float32 unary operation, where there is one:
/// `f(p, n)` replaces `p[0..n]` by its image, on sixteen lanes where `sixteen`, else on eight.
/// Only to be called when `available()` (and `available16()` for sixteen).
pub fn block_fn(op: crate::fuse::kernel::UnOp, sixteen: bool) -> Option<*const u8> {
    #[cfg(target_arch = "x86_64")]
    {
        use crate::fuse::kernel::UnOp;
        Some(match (op, sixteen) {
            (UnOp::Exp, false) => avx2::exp_block as *const u8,
            (UnOp::Log, false) => avx2::log_block as *const u8,
            (UnOp::Tanh, false) => avx2::tanh_block as *const u8,
            (UnOp::Sin, false) => avx2::sin_block as *const u8,
            (UnOp::Cos, false) => avx2::cos_block as *const u8,
            (UnOp::Exp, true) => avx512::exp_block as *const u8,
            (UnOp::Log, true) => avx512::log_block as *const u8,
            (UnOp::Tanh, true) => avx512::tanh_block as *const u8,
            (UnOp::Sin, true) => avx512::sin_block as *const u8,
            (UnOp::Cos, true) => avx512::cos_block as *const u8,
            _ => return None,
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (op, sixteen);
        None
    }
}

#[cfg(target_arch = "x86_64")]
pub mod avx2 {
    use super::super::math::coef;
    use std::arch::x86_64::*;

    type V = __m256;
    type I = __m256i;

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn c(v: f32) -> V {
        _mm256_set1_ps(v)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn ci(v: i32) -> I {
        _mm256_set1_epi32(v)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn bits(x: V) -> I {
        _mm256_castps_si256(x)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn float(x: I) -> V {
        _mm256_castsi256_ps(x)
    }
    /// `m ? a : b` for a lane mask `m` (all ones or all zeros per lane).
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn sel(m: V, a: V, b: V) -> V {
        _mm256_blendv_ps(b, a, m)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn fabs(x: V) -> V {
        _mm256_andnot_ps(c(-0.0), x)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn fma(a: V, b: V, x: V) -> V {
        _mm256_fmadd_ps(a, b, x)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn horner(x: V, coefs: &[f32]) -> V {
        let mut p = c(coefs[0]);
        for &k in &coefs[1..] {
            p = fma(p, x, c(k));
        }
        p
    }
    /// `x · k` rounded to the nearest integer, as a float and as an integer (`F32Math::round_int`).
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn round_int(x: V, k: V) -> (V, I) {
        let magic = c(12_582_912.0);
        let t = fma(x, k, magic);
        let n = _mm256_sub_ps(t, magic);
        (n, _mm256_sub_epi32(bits(t), bits(magic)))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn pow2(n: I) -> V {
        float(_mm256_slli_epi32::<23>(_mm256_add_epi32(n, ci(127))))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn exp_poly(x: V, n: V) -> V {
        let r = fma(n, c(coef::EXP_LN2[0]), x);
        let r = fma(n, c(coef::EXP_LN2[1]), r);
        let p = horner(r, &coef::EXP);
        let r2 = _mm256_mul_ps(r, r);
        let y = fma(p, r2, r);
        _mm256_add_ps(y, c(1.0))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn exp_small(x: V) -> V {
        let magic = c(12_582_912.0);
        let t = fma(x, c(std::f32::consts::LOG2_E), magic);
        let n = _mm256_sub_ps(t, magic);
        let y = exp_poly(x, n);
        let e = _mm256_slli_epi32::<23>(bits(t));
        float(_mm256_add_epi32(bits(y), e))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn exp_full(x: V) -> V {
        let (hi, lo) = (c(coef::EXP_HI), c(coef::EXP_LO));
        let above = _mm256_cmp_ps::<_CMP_LT_OQ>(hi, x);
        let x = sel(above, hi, x);
        let below = _mm256_cmp_ps::<_CMP_LT_OQ>(x, lo);
        let x = sel(below, lo, x);
        let (n, ni) = round_int(x, c(std::f32::consts::LOG2_E));
        let y = exp_poly(x, n);
        let n1 = _mm256_srai_epi32::<1>(ni);
        let n2 = _mm256_sub_epi32(ni, n1);
        let y = _mm256_mul_ps(y, pow2(n1));
        _mm256_mul_ps(y, pow2(n2))
    }
    /// e^x: the short form unless some lane has |x| ≥ 86 or NaN (`CodeGen::exp_f32`).
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    pub fn exp8(x: V) -> V {
        let big = _mm256_cmp_ps::<_CMP_NLT_UQ>(fabs(x), c(coef::EXP_SMALL_LIMIT));
        if _mm256_movemask_ps(big) != 0 {
            exp_full(x)
        } else {
            exp_small(x)
        }
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    pub fn log8(x: V) -> V {
        let is_sub = _mm256_cmp_ps::<_CMP_LT_OQ>(x, c(f32::MIN_POSITIVE));
        let xs = _mm256_mul_ps(x, c(33_554_432.0));
        let xw = sel(is_sub, xs, x);
        let eadj = _mm256_and_si256(bits(is_sub), ci(-25));
        let b = bits(xw);
        let ex = _mm256_srli_epi32::<23>(b);
        let ex = _mm256_and_si256(ex, ci(0xff));
        let ex = _mm256_add_epi32(ex, ci(-126));
        let ex = _mm256_add_epi32(ex, eadj);
        let mant = _mm256_and_si256(b, ci(0x807f_ffff_u32 as i32));
        let mant = _mm256_or_si256(mant, ci(0x3f00_0000));
        let m = float(mant);
        let small = _mm256_cmp_ps::<_CMP_LT_OQ>(m, c(std::f32::consts::FRAC_1_SQRT_2));
        let one = c(1.0);
        let a = _mm256_sub_ps(_mm256_add_ps(m, m), one);
        let bm = _mm256_sub_ps(m, one);
        let f = sel(small, a, bm);
        let dec = _mm256_and_si256(bits(small), ci(1));
        let ex = _mm256_sub_epi32(ex, dec);
        let fe = _mm256_cvtepi32_ps(ex);
        let z = _mm256_mul_ps(f, f);
        let p = horner(f, &coef::LOG);
        let fz = _mm256_mul_ps(f, z);
        let y = _mm256_mul_ps(fz, p);
        let y = fma(fe, c(-coef::EXP_LN2[1]), y);
        let y = fma(z, c(-0.5), y);
        let r = _mm256_add_ps(f, y);
        let r = fma(fe, c(-coef::EXP_LN2[0]), r);
        let inf = c(f32::INFINITY);
        let r = sel(_mm256_cmp_ps::<_CMP_EQ_OQ>(x, inf), inf, r);
        let zero = _mm256_setzero_ps();
        let r = sel(_mm256_cmp_ps::<_CMP_EQ_OQ>(x, zero), c(f32::NEG_INFINITY), r);
        sel(_mm256_cmp_ps::<_CMP_NGE_UQ>(x, zero), c(f32::NAN), r)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn reduce(ax: V, inv: f32, parts: [f32; 3]) -> (V, I) {
        let (n, q) = round_int(ax, c(inv));
        let mut r = ax;
        for p in parts {
            r = fma(n, c(p), r);
        }
        (r, q)
    }
    /// cos of |x| < 8192 (`F32Math::sincos` with `cos`).
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn cos_poly(x: V) -> V {
        let ax = fabs(x);
        let (r, q) = reduce(ax, std::f32::consts::FRAC_2_PI, coef::PI_2_PARTS);
        let q = _mm256_add_epi32(q, ci(1));
        let z = _mm256_mul_ps(r, r);
        let s = horner(z, &coef::SINCOS_S);
        let rz = _mm256_mul_ps(r, z);
        let sinr = fma(rz, s, r);
        let cp = horner(z, &coef::SINCOS_C);
        let z2 = _mm256_mul_ps(z, z);
        let h = fma(z, c(-0.5), c(1.0));
        let cosr = fma(z2, cp, h);
        let even = _mm256_cmpeq_epi32(_mm256_and_si256(q, ci(1)), _mm256_setzero_si256());
        let v = sel(float(even), sinr, cosr);
        let neg = _mm256_slli_epi32::<30>(_mm256_and_si256(q, ci(2)));
        float(_mm256_xor_si256(bits(v), neg))
    }
    /// sin of |x| < 8192 (`F32Math::sin`).
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn sin_poly(x: V) -> V {
        let ax = fabs(x);
        let (r, q) = reduce(ax, std::f32::consts::FRAC_1_PI, coef::PI_PARTS);
        let z = _mm256_mul_ps(r, r);
        let p = horner(z, &coef::SIN);
        let rz = _mm256_mul_ps(r, z);
        let v = fma(rz, p, r);
        let neg = _mm256_slli_epi32::<31>(q);
        let sx = _mm256_and_si256(bits(x), ci(i32::MIN));
        let neg = _mm256_xor_si256(neg, sx);
        float(_mm256_xor_si256(bits(v), neg))
    }
    /// The lanes with |x| ≥ 8192 replaced by the host function's value.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn large_lanes(x: V, v: V, f: fn(f32) -> f32) -> V {
        let big = _mm256_cmp_ps::<_CMP_GE_OQ>(fabs(x), c(8192.0));
        let m = _mm256_movemask_ps(big);
        if m == 0 {
            return v;
        }
        let mut xs = [0f32; 8];
        let mut vs = [0f32; 8];
        // SAFETY: both arrays hold eight float32.
        unsafe {
            _mm256_storeu_ps(xs.as_mut_ptr(), x);
            _mm256_storeu_ps(vs.as_mut_ptr(), v);
        }
        for l in 0..8 {
            if m & (1 << l) != 0 {
                vs[l] = f(xs[l]);
            }
        }
        // SAFETY: eight float32.
        unsafe { _mm256_loadu_ps(vs.as_ptr()) }
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    pub fn sin8(x: V) -> V {
        large_lanes(x, sin_poly(x), f32::sin)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    pub fn cos8(x: V) -> V {
        large_lanes(x, cos_poly(x), f32::cos)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    pub fn tanh8(x: V) -> V {
        let ax = fabs(x);
        let z = _mm256_mul_ps(x, x);
        let p = horner(z, &coef::TANH);
        let xz = _mm256_mul_ps(x, z);
        let small = fma(xz, p, x);
        let ten = c(10.0);
        let over = _mm256_cmp_ps::<_CMP_LT_OQ>(ten, ax);
        let axc = sel(over, ten, ax);
        let a2 = _mm256_add_ps(axc, axc);
        let e = exp_small(a2);
        let one = c(1.0);
        let q = _mm256_div_ps(c(2.0), _mm256_add_ps(e, one));
        let big = _mm256_sub_ps(one, q);
        let sx = _mm256_and_si256(bits(x), ci(i32::MIN));
        let big = float(_mm256_or_si256(bits(big), sx));
        let is_small = _mm256_cmp_ps::<_CMP_NGE_UQ>(ax, c(0.625));
        sel(is_small, small, big)
    }

    macro_rules! block {
        ($($name:ident => $f:ident;)*) => {$(
            /// Replaces `p[0..n]` by its image, eight lanes at a time, two vectors per iteration
            /// (the tail through a padded vector). The caller checks `super::available()`.
            ///
            /// # Safety
            /// `p` points to `n` writable float32.
            #[target_feature(enable = "avx2,fma")]
            pub unsafe extern "C" fn $name(p: *mut f32, n: i64) {
                let n = n.max(0) as usize;
                let mut i = 0;
                // SAFETY: i + 16 (then i + 8) ≤ n elements are in bounds. Two independent
                // vectors per iteration, so their dependency chains overlap.
                unsafe {
                    while i + 16 <= n {
                        let x0 = _mm256_loadu_ps(p.add(i));
                        let x1 = _mm256_loadu_ps(p.add(i + 8));
                        let (y0, y1) = ($f(x0), $f(x1));
                        _mm256_storeu_ps(p.add(i), y0);
                        _mm256_storeu_ps(p.add(i + 8), y1);
                        i += 16;
                    }
                    while i + 8 <= n {
                        let x = _mm256_loadu_ps(p.add(i));
                        _mm256_storeu_ps(p.add(i), $f(x));
                        i += 8;
                    }
                }
                if i < n {
                    let mut t = [0f32; 8];
                    // SAFETY: n - i < 8 elements from p + i are in bounds.
                    unsafe {
                        std::ptr::copy_nonoverlapping(p.add(i), t.as_mut_ptr(), n - i);
                        let x = _mm256_loadu_ps(t.as_ptr());
                        _mm256_storeu_ps(t.as_mut_ptr(), $f(x));
                        std::ptr::copy_nonoverlapping(t.as_ptr(), p.add(i), n - i);
                    }
                }
            }
        )*};
    }
    block! {
        exp_block => exp8;
        log_block => log8;
        tanh_block => tanh8;
        sin_block => sin8;
        cos_block => cos8;
    }
}

/// `avx2`'s functions on sixteen lanes: every operation the same, widened, with lane masks in
/// mask registers (`sel` blends by mask; a mask that ands an integer is a zeroing move), so each
/// lane computes the same bits as there.
#[cfg(target_arch = "x86_64")]
pub mod avx512 {
    use super::super::math::coef;
    use std::arch::x86_64::*;

    type V = __m512;
    type I = __m512i;
    type M = __mmask16;

    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn c(v: f32) -> V {
        _mm512_set1_ps(v)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn ci(v: i32) -> I {
        _mm512_set1_epi32(v)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn bits(x: V) -> I {
        _mm512_castps_si512(x)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn float(x: I) -> V {
        _mm512_castsi512_ps(x)
    }
    /// `m ? a : b` per lane.
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn sel(m: M, a: V, b: V) -> V {
        _mm512_mask_blend_ps(m, b, a)
    }
    /// `m ? a : 0` per integer lane (`avx2`'s `a & mask`).
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn keep(m: M, a: I) -> I {
        _mm512_maskz_mov_epi32(m, a)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn fabs(x: V) -> V {
        float(_mm512_andnot_si512(bits(c(-0.0)), bits(x)))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn fma(a: V, b: V, x: V) -> V {
        _mm512_fmadd_ps(a, b, x)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn horner(x: V, coefs: &[f32]) -> V {
        let mut p = c(coefs[0]);
        for &k in &coefs[1..] {
            p = fma(p, x, c(k));
        }
        p
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn round_int(x: V, k: V) -> (V, I) {
        let magic = c(12_582_912.0);
        let t = fma(x, k, magic);
        let n = _mm512_sub_ps(t, magic);
        (n, _mm512_sub_epi32(bits(t), bits(magic)))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn pow2(n: I) -> V {
        float(_mm512_slli_epi32::<23>(_mm512_add_epi32(n, ci(127))))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn exp_poly(x: V, n: V) -> V {
        let r = fma(n, c(coef::EXP_LN2[0]), x);
        let r = fma(n, c(coef::EXP_LN2[1]), r);
        let p = horner(r, &coef::EXP);
        let r2 = _mm512_mul_ps(r, r);
        let y = fma(p, r2, r);
        _mm512_add_ps(y, c(1.0))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn exp_small(x: V) -> V {
        let magic = c(12_582_912.0);
        let t = fma(x, c(std::f32::consts::LOG2_E), magic);
        let n = _mm512_sub_ps(t, magic);
        let y = exp_poly(x, n);
        let e = _mm512_slli_epi32::<23>(bits(t));
        float(_mm512_add_epi32(bits(y), e))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn exp_full(x: V) -> V {
        let (hi, lo) = (c(coef::EXP_HI), c(coef::EXP_LO));
        let above = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(hi, x);
        let x = sel(above, hi, x);
        let below = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(x, lo);
        let x = sel(below, lo, x);
        let (n, ni) = round_int(x, c(std::f32::consts::LOG2_E));
        let y = exp_poly(x, n);
        let n1 = _mm512_srai_epi32::<1>(ni);
        let n2 = _mm512_sub_epi32(ni, n1);
        let y = _mm512_mul_ps(y, pow2(n1));
        _mm512_mul_ps(y, pow2(n2))
    }
    /// e^x: the short form unless some lane has |x| ≥ 86 or NaN (`exp_small` and `exp_full`
    /// agree on the lanes below 86, so the choice per vector does not change a lane's bits).
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    pub fn exp16(x: V) -> V {
        let big = _mm512_cmp_ps_mask::<_CMP_NLT_UQ>(fabs(x), c(coef::EXP_SMALL_LIMIT));
        if big != 0 {
            exp_full(x)
        } else {
            exp_small(x)
        }
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    pub fn log16(x: V) -> V {
        let is_sub = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(x, c(f32::MIN_POSITIVE));
        let xs = _mm512_mul_ps(x, c(33_554_432.0));
        let xw = sel(is_sub, xs, x);
        let eadj = keep(is_sub, ci(-25));
        let b = bits(xw);
        let ex = _mm512_srli_epi32::<23>(b);
        let ex = _mm512_and_si512(ex, ci(0xff));
        let ex = _mm512_add_epi32(ex, ci(-126));
        let ex = _mm512_add_epi32(ex, eadj);
        let mant = _mm512_and_si512(b, ci(0x807f_ffff_u32 as i32));
        let mant = _mm512_or_si512(mant, ci(0x3f00_0000));
        let m = float(mant);
        let small = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(m, c(std::f32::consts::FRAC_1_SQRT_2));
        let one = c(1.0);
        let a = _mm512_sub_ps(_mm512_add_ps(m, m), one);
        let bm = _mm512_sub_ps(m, one);
        let f = sel(small, a, bm);
        let dec = keep(small, ci(1));
        let ex = _mm512_sub_epi32(ex, dec);
        let fe = _mm512_cvtepi32_ps(ex);
        let z = _mm512_mul_ps(f, f);
        let p = horner(f, &coef::LOG);
        let fz = _mm512_mul_ps(f, z);
        let y = _mm512_mul_ps(fz, p);
        let y = fma(fe, c(-coef::EXP_LN2[1]), y);
        let y = fma(z, c(-0.5), y);
        let r = _mm512_add_ps(f, y);
        let r = fma(fe, c(-coef::EXP_LN2[0]), r);
        let inf = c(f32::INFINITY);
        let r = sel(_mm512_cmp_ps_mask::<_CMP_EQ_OQ>(x, inf), inf, r);
        let zero = _mm512_setzero_ps();
        let r = sel(_mm512_cmp_ps_mask::<_CMP_EQ_OQ>(x, zero), c(f32::NEG_INFINITY), r);
        sel(_mm512_cmp_ps_mask::<_CMP_NGE_UQ>(x, zero), c(f32::NAN), r)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn reduce(ax: V, inv: f32, parts: [f32; 3]) -> (V, I) {
        let (n, q) = round_int(ax, c(inv));
        let mut r = ax;
        for p in parts {
            r = fma(n, c(p), r);
        }
        (r, q)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn cos_poly(x: V) -> V {
        let ax = fabs(x);
        let (r, q) = reduce(ax, std::f32::consts::FRAC_2_PI, coef::PI_2_PARTS);
        let q = _mm512_add_epi32(q, ci(1));
        let z = _mm512_mul_ps(r, r);
        let s = horner(z, &coef::SINCOS_S);
        let rz = _mm512_mul_ps(r, z);
        let sinr = fma(rz, s, r);
        let cp = horner(z, &coef::SINCOS_C);
        let z2 = _mm512_mul_ps(z, z);
        let h = fma(z, c(-0.5), c(1.0));
        let cosr = fma(z2, cp, h);
        let even = _mm512_cmpeq_epi32_mask(_mm512_and_si512(q, ci(1)), _mm512_setzero_si512());
        let v = sel(even, sinr, cosr);
        let neg = _mm512_slli_epi32::<30>(_mm512_and_si512(q, ci(2)));
        float(_mm512_xor_si512(bits(v), neg))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn sin_poly(x: V) -> V {
        let ax = fabs(x);
        let (r, q) = reduce(ax, std::f32::consts::FRAC_1_PI, coef::PI_PARTS);
        let z = _mm512_mul_ps(r, r);
        let p = horner(z, &coef::SIN);
        let rz = _mm512_mul_ps(r, z);
        let v = fma(rz, p, r);
        let neg = _mm512_slli_epi32::<31>(q);
        let sx = _mm512_and_si512(bits(x), ci(i32::MIN));
        let neg = _mm512_xor_si512(neg, sx);
        float(_mm512_xor_si512(bits(v), neg))
    }
    /// The lanes with |x| ≥ 8192 replaced by the host function's value.
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn large_lanes(x: V, v: V, f: fn(f32) -> f32) -> V {
        let m = _mm512_cmp_ps_mask::<_CMP_GE_OQ>(fabs(x), c(8192.0));
        if m == 0 {
            return v;
        }
        let mut xs = [0f32; 16];
        let mut vs = [0f32; 16];
        // SAFETY: both arrays hold sixteen float32.
        unsafe {
            _mm512_storeu_ps(xs.as_mut_ptr(), x);
            _mm512_storeu_ps(vs.as_mut_ptr(), v);
        }
        for l in 0..16 {
            if m & (1 << l) != 0 {
                vs[l] = f(xs[l]);
            }
        }
        // SAFETY: sixteen float32.
        unsafe { _mm512_loadu_ps(vs.as_ptr()) }
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    pub fn sin16(x: V) -> V {
        large_lanes(x, sin_poly(x), f32::sin)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    pub fn cos16(x: V) -> V {
        large_lanes(x, cos_poly(x), f32::cos)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx2,fma")]
    pub fn tanh16(x: V) -> V {
        let ax = fabs(x);
        let z = _mm512_mul_ps(x, x);
        let p = horner(z, &coef::TANH);
        let xz = _mm512_mul_ps(x, z);
        let small = fma(xz, p, x);
        let ten = c(10.0);
        let over = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(ten, ax);
        let axc = sel(over, ten, ax);
        let a2 = _mm512_add_ps(axc, axc);
        let e = exp_small(a2);
        let one = c(1.0);
        let q = _mm512_div_ps(c(2.0), _mm512_add_ps(e, one));
        let big = _mm512_sub_ps(one, q);
        let sx = _mm512_and_si512(bits(x), ci(i32::MIN));
        let big = float(_mm512_or_si512(bits(big), sx));
        let is_small = _mm512_cmp_ps_mask::<_CMP_NGE_UQ>(ax, c(0.625));
        sel(is_small, small, big)
    }

    macro_rules! block {
        ($($name:ident => $f:ident;)*) => {$(
            /// Replaces `p[0..n]` by its image, sixteen lanes at a time, four vectors per
            /// iteration, then two, then one (independent chains, so that a short block, a
            /// scan step's 64 values, is not bound by one vector's latency), the tail through a
            /// masked load and store (its other lanes are zeros, computed and dropped). The
            /// caller checks `super::available16()`.
            ///
            /// # Safety
            /// `p` points to `n` writable float32.
            #[target_feature(enable = "avx512f,avx2,fma")]
            pub unsafe extern "C" fn $name(p: *mut f32, n: i64) {
                let n = n.max(0) as usize;
                let mut i = 0;
                // SAFETY: i + 64 (then i + 32, i + 16) ≤ n elements are in bounds, and the
                // masked tail touches the n - i < 16 lanes in bounds only.
                unsafe {
                    while i + 64 <= n {
                        let x0 = _mm512_loadu_ps(p.add(i));
                        let x1 = _mm512_loadu_ps(p.add(i + 16));
                        let x2 = _mm512_loadu_ps(p.add(i + 32));
                        let x3 = _mm512_loadu_ps(p.add(i + 48));
                        let (y0, y1, y2, y3) = ($f(x0), $f(x1), $f(x2), $f(x3));
                        _mm512_storeu_ps(p.add(i), y0);
                        _mm512_storeu_ps(p.add(i + 16), y1);
                        _mm512_storeu_ps(p.add(i + 32), y2);
                        _mm512_storeu_ps(p.add(i + 48), y3);
                        i += 64;
                    }
                    if i + 32 <= n {
                        let x0 = _mm512_loadu_ps(p.add(i));
                        let x1 = _mm512_loadu_ps(p.add(i + 16));
                        let (y0, y1) = ($f(x0), $f(x1));
                        _mm512_storeu_ps(p.add(i), y0);
                        _mm512_storeu_ps(p.add(i + 16), y1);
                        i += 32;
                    }
                    if i + 16 <= n {
                        let x = _mm512_loadu_ps(p.add(i));
                        _mm512_storeu_ps(p.add(i), $f(x));
                        i += 16;
                    }
                    if i < n {
                        let m = ((1u32 << (n - i)) - 1) as __mmask16;
                        let x = _mm512_maskz_loadu_ps(m, p.add(i));
                        _mm512_mask_storeu_ps(p.add(i), m, $f(x));
                    }
                }
            }
        )*};
    }
    block! {
        exp_block => exp16;
        log_block => log16;
        tanh_block => tanh16;
        sin_block => sin16;
        cos_block => cos16;
    }
}

//! Transcendental functions for generated code.
//!
//! float32 `exp`, `log`, `sin`, `cos` and `tanh` are inlined as range-reduced polynomials (the
//! Cephes single-precision approximations, evaluated with `fma` where the CPU has it), on scalars
//! and on f32x4 lanes alike. Their worst-case error over the whole float32 range is measured by
//! `tests::f32_polynomials_within_4_ulp` against float64. `cos` reduces by π/2 and `sin` by π,
//! each in three parts, which is exact for |x| < 8192 (`sin` then needs one Taylor polynomial
//! only); larger arguments take a slow path through the host's `sinf`/`cosf`, chosen per call
//! (per vector) by a branch. `exp` has a short form for results in the normal range.
//!
//! Everything else (float64 transcendental functions, float32 `tan`, `asin`, `expm1`…, `pow`,
//! `atan2`, integer division and powers, float remainders) calls the host functions below, one
//! lane at a time. They are the same Rust functions `eval` uses, so those results agree bit for bit.
//!
//! This module owns the polynomials and the host functions; `codegen` decides where to use them.

// The polynomial coefficients are written as Cephes publishes them; the compiler rounds them to
// float32.
#![allow(clippy::excessive_precision)]

use crate::eval::elem::Num;
use cranelift_codegen::ir::{condcodes::FloatCC, types, InstBuilder, MemFlagsData, Type, Value};
use cranelift_frontend::FunctionBuilder;

/// The constants of the polynomials, shared by `F32Math` (generated code) and `wide` (eight
/// lanes compiled into the binary), so both compute the same bits.
pub mod coef {
    /// ln 2 in two parts, negated: `r = x + n·EXP_LN2[0] + n·EXP_LN2[1]`.
    pub const EXP_LN2: [f32; 2] = [-0.693_359_4, 2.121_944_4e-4];
    /// e^r ≈ 1 + r + r²·P(r).
    pub const EXP: [f32; 6] = [1.987_569_1e-4, 1.398_199_9e-3, 8.333_452e-3, 4.166_579_6e-2, 1.666_666_5e-1, 5.000_000_1e-1];
    /// The clamp of the full `exp`.
    pub const EXP_HI: f32 = 89.0;
    pub const EXP_LO: f32 = -104.0;
    /// `exp`'s short form holds for |x| below this.
    pub const EXP_SMALL_LIMIT: f32 = 86.0;
    /// ln(1 + f) ≈ f - f²/2 + f³·P(f).
    pub const LOG: [f32; 9] = [7.037_683_6e-2, -1.151_461e-1, 1.167_699_9e-1, -1.242_014_1e-1, 1.424_932_3e-1, -1.666_805_8e-1, 2.000_071_4e-1, -2.499_999_4e-1, 3.333_333e-1];
    /// -π/2 in three parts (Cephes).
    pub const PI_2_PARTS: [f32; 3] = [-1.570_312_5, -4.837_513e-4, -7.549_79e-8];
    /// sin r = r + r·z·S(z) and cos r = 1 - z/2 + z²·C(z), z = r².
    pub const SINCOS_S: [f32; 3] = [-1.951_529_6e-4, 8.332_161e-3, -1.666_665_5e-1];
    pub const SINCOS_C: [f32; 3] = [2.443_315_7e-5, -1.388_731_6e-3, 4.166_664_6e-2];
    /// -π in three parts.
    pub const PI_PARTS: [f32; 3] = [-3.140_625, -9.675_025_9e-4, -1.509_958e-7];
    /// sin r's Taylor series to r^13 after r: sin r = r + r·z·P(z).
    pub const SIN: [f32; 6] = [1.605_904_4e-10, -2.505_210_8e-8, 2.755_732e-6, -1.984_127e-4, 8.333_333e-3, -1.666_666_7e-1];
    /// tanh x = x + x·z·P(z) below 0.625.
    pub const TANH: [f32; 5] = [-5.704_988_7e-3, 2.063_908_9e-2, -5.373_971_6e-2, 1.333_144_2e-1, -3.333_328_2e-1];
}

/// Emits float32 math on values of type `ty` (F32 or F32X4).
pub struct F32Math<'a, 'b> {
    pub b: &'a mut FunctionBuilder<'b>,
    pub ty: Type,
    pub fma: bool,
}

impl F32Math<'_, '_> {
    fn int_ty(&self) -> Type {
        if self.ty.is_vector() {
            types::I32X4
        } else {
            types::I32
        }
    }
    pub fn c(&mut self, v: f32) -> Value {
        let s = self.b.ins().f32const(v);
        if self.ty.is_vector() {
            self.b.ins().splat(self.ty, s)
        } else {
            s
        }
    }
    fn ci(&mut self, v: i32) -> Value {
        let s = self.b.ins().iconst(types::I32, v as i64);
        if self.ty.is_vector() {
            self.b.ins().splat(types::I32X4, s)
        } else {
            s
        }
    }
    fn iadd_imm_(&mut self, x: Value, k: i64) -> Value {
        let c = self.ci(k as i32);
        self.b.ins().iadd(x, c)
    }
    fn band_imm_(&mut self, x: Value, k: i64) -> Value {
        let c = self.ci(k as i32);
        self.b.ins().band(x, c)
    }
    fn bor_imm_(&mut self, x: Value, k: i64) -> Value {
        let c = self.ci(k as i32);
        self.b.ins().bor(x, c)
    }
    fn ishl_imm_(&mut self, x: Value, k: i64) -> Value {
        let c = self.b.ins().iconst(types::I32, k);
        self.b.ins().ishl(x, c)
    }
    fn ushr_imm_(&mut self, x: Value, k: i64) -> Value {
        let c = self.b.ins().iconst(types::I32, k);
        self.b.ins().ushr(x, c)
    }
    fn sshr_imm_(&mut self, x: Value, k: i64) -> Value {
        let c = self.b.ins().iconst(types::I32, k);
        self.b.ins().sshr(x, c)
    }
    /// `a · b + c`, fused when the CPU can.
    pub fn fma(&mut self, a: Value, b: Value, c: Value) -> Value {
        if self.fma {
            self.b.ins().fma(a, b, c)
        } else {
            let p = self.b.ins().fmul(a, b);
            self.b.ins().fadd(p, c)
        }
    }
    /// Horner evaluation of `coefs[0] · x^n + … + coefs[n]`.
    fn horner(&mut self, x: Value, coefs: &[f32]) -> Value {
        let mut p = self.c(coefs[0]);
        for &k in &coefs[1..] {
            let kc = self.c(k);
            p = self.fma(p, x, kc);
        }
        p
    }
    /// `c ? a : b` for a comparison result `c` of the lane shape.
    pub fn sel(&mut self, c: Value, a: Value, b: Value) -> Value {
        if self.ty.is_vector() {
            let m = self.b.ins().bitcast(self.ty, flags_le(), c);
            self.b.ins().bitselect(m, a, b)
        } else {
            self.b.ins().select(c, a, b)
        }
    }
    /// `c ? a : b` for integer lanes `a`, `b` of the lane shape and a float comparison `c`.
    fn isel(&mut self, c: Value, a: Value, b: Value) -> Value {
        if self.ty.is_vector() {
            let m = self.b.ins().bitcast(types::I32X4, flags_le(), c);
            self.b.ins().bitselect(m, a, b)
        } else {
            self.b.ins().select(c, a, b)
        }
    }
    fn bits_of(&mut self, x: Value) -> Value {
        let t = self.int_ty();
        self.b.ins().bitcast(t, flags_le(), x)
    }
    fn float_of(&mut self, x: Value) -> Value {
        self.b.ins().bitcast(self.ty, flags_le(), x)
    }
    /// `x · k` rounded to the nearest integer (ties to even), as a float and as an integer, for
    /// |x · k| < 2^22: adding 1.5 · 2^23 leaves the integer in the low mantissa bits.
    fn round_int(&mut self, x: Value, k: Value) -> (Value, Value) {
        let magic = self.c(12_582_912.0);
        let t = self.fma(x, k, magic);
        let n = self.b.ins().fsub(t, magic);
        let tb = self.bits_of(t);
        let mb = self.bits_of(magic);
        let ni = self.b.ins().isub(tb, mb);
        (n, ni)
    }
    /// 2^n for integer lanes n in [-126, 127].
    fn pow2(&mut self, n: Value) -> Value {
        let e = self.iadd_imm_(n, 127);
        let e = self.ishl_imm_(e, 23);
        self.float_of(e)
    }

    /// e^x: x = n·ln2 + r, |r| ≤ ln2/2, e^r by a degree-7 polynomial, then two exact scalings
    /// by powers of two (so subnormal results round once).
    pub fn exp(&mut self, x: Value) -> Value {
        // Clamp by compare-and-select in the operand order x86's minps/maxps implement (a NaN
        // passes through both).
        let hi = self.c(coef::EXP_HI);
        let lo = self.c(coef::EXP_LO);
        let above = self.b.ins().fcmp(FloatCC::LessThan, hi, x);
        let x = self.sel(above, hi, x);
        let below = self.b.ins().fcmp(FloatCC::LessThan, x, lo);
        let x = self.sel(below, lo, x);
        let (y, ni) = self.exp_reduced(x);
        let n1 = self.sshr_imm_(ni, 1);
        let n2 = self.b.ins().isub(ni, n1);
        let s1 = self.pow2(n1);
        let s2 = self.pow2(n2);
        let y = self.b.ins().fmul(y, s1);
        self.b.ins().fmul(y, s2)
    }

    /// e^x for |x| < 86 (the caller checks): no clamping, and the scaling by 2^n is an integer
    /// add to the exponent field, which cannot leave the normal range there.
    pub fn exp_small(&mut self, x: Value) -> Value {
        let log2e = self.c(std::f32::consts::LOG2_E);
        let magic = self.c(12_582_912.0);
        let t = self.fma(x, log2e, magic);
        let n = self.b.ins().fsub(t, magic);
        let y = self.exp_poly(x, n);
        // bits(t) = bits(magic) + n, and bits(magic) << 23 wraps to 0, so the shift alone puts
        // n in the exponent field.
        let tb = self.bits_of(t);
        let e = self.ishl_imm_(tb, 23);
        let yb = self.bits_of(y);
        let yb = self.b.ins().iadd(yb, e);
        self.float_of(yb)
    }

    /// The limit `exp_small` needs |x| below.
    pub const EXP_SMALL_LIMIT: f32 = coef::EXP_SMALL_LIMIT;

    /// e^r for x = n·ln2 + r, and n as an integer.
    fn exp_reduced(&mut self, x: Value) -> (Value, Value) {
        let log2e = self.c(std::f32::consts::LOG2_E);
        let (n, ni) = self.round_int(x, log2e);
        (self.exp_poly(x, n), ni)
    }

    /// e^r with r = x - n·ln2 (in two parts, exact), by Cephes' degree-7 polynomial.
    fn exp_poly(&mut self, x: Value, n: Value) -> Value {
        let c1 = self.c(coef::EXP_LN2[0]);
        let c2 = self.c(coef::EXP_LN2[1]);
        let r = self.fma(n, c1, x);
        let r = self.fma(n, c2, r);
        let p = self.horner(r, &coef::EXP);
        let r2 = self.b.ins().fmul(r, r);
        let y = self.fma(p, r2, r);
        let one = self.c(1.0);
        self.b.ins().fadd(y, one)
    }

    /// ln x: x = m·2^e with m in [√½, √2), ln m = f - f²/2 + f³·P(f) with f = m - 1.
    pub fn log(&mut self, x: Value) -> Value {
        // Subnormals are scaled into the normal range first.
        let tiny = self.c(f32::MIN_POSITIVE);
        let is_sub = self.b.ins().fcmp(FloatCC::LessThan, x, tiny);
        let big = self.c(33_554_432.0);
        let xs = self.b.ins().fmul(x, big);
        let xw = self.sel(is_sub, xs, x);
        let m25 = self.ci(-25);
        let z0 = self.ci(0);
        let eadj = self.isel(is_sub, m25, z0);
        let bits = self.bits_of(xw);
        let ex = self.ushr_imm_(bits, 23);
        let ex = self.band_imm_(ex, 0xff);
        let ex = self.iadd_imm_(ex, -126);
        let ex = self.b.ins().iadd(ex, eadj);
        let mant = self.band_imm_(bits, 0x807f_ffff_u32 as i32 as i64);
        let mant = self.bor_imm_(mant, 0x3f00_0000);
        let m = self.float_of(mant); // in [0.5, 1)
        let sqrthf = self.c(std::f32::consts::FRAC_1_SQRT_2);
        let small = self.b.ins().fcmp(FloatCC::LessThan, m, sqrthf);
        let one = self.c(1.0);
        let m2 = self.b.ins().fadd(m, m);
        let a = self.b.ins().fsub(m2, one);
        let bm = self.b.ins().fsub(m, one);
        let f = self.sel(small, a, bm);
        let one_i = self.ci(1);
        let zero_i = self.ci(0);
        let dec = self.isel(small, one_i, zero_i);
        let ex = self.b.ins().isub(ex, dec);
        let fe = self.b.ins().fcvt_from_sint(self.ty, ex);
        let z = self.b.ins().fmul(f, f);
        let p = self.horner(f, &coef::LOG);
        let fz = self.b.ins().fmul(f, z);
        let y = self.b.ins().fmul(fz, p);
        let c2 = self.c(-coef::EXP_LN2[1]);
        let y = self.fma(fe, c2, y);
        let mhalf = self.c(-0.5);
        let y = self.fma(z, mhalf, y);
        let r = self.b.ins().fadd(f, y);
        let c1 = self.c(-coef::EXP_LN2[0]);
        let r = self.fma(fe, c1, r);
        // Special values: +inf, zeros, negatives and NaN.
        let inf = self.c(f32::INFINITY);
        let is_inf = self.b.ins().fcmp(FloatCC::Equal, x, inf);
        let r = self.sel(is_inf, inf, r);
        let zero = self.c(0.0);
        let is_zero = self.b.ins().fcmp(FloatCC::Equal, x, zero);
        let ninf = self.c(f32::NEG_INFINITY);
        let r = self.sel(is_zero, ninf, r);
        let bad = self.b.ins().fcmp(FloatCC::UnorderedOrLessThan, x, zero);
        let nan = self.c(f32::NAN);
        self.sel(bad, nan, r)
    }

    /// `ax = q·P + r` for the period `P = -(parts summed)` with `inv = 1/P`: q rounded to the
    /// nearest integer (as an integer), r computed in three parts, exact for |q| < 2^12 with
    /// Cephes' splits (whose leading parts have few significant bits).
    fn reduce(&mut self, ax: Value, inv: f32, parts: [f32; 3]) -> (Value, Value) {
        let k = self.c(inv);
        let (n, q) = self.round_int(ax, k);
        let mut r = ax;
        for p in parts {
            let pc = self.c(p);
            r = self.fma(n, pc, r);
        }
        (r, q)
    }

    /// sin or cos of |x| < 8192 (larger arguments are the caller's slow path): x = q·π/2 + r,
    /// then the sine or cosine polynomial of r by quadrant.
    pub fn sincos(&mut self, x: Value, cos: bool) -> Value {
        let ax = self.b.ins().fabs(x);
        let (r, q) = self.reduce(ax, std::f32::consts::FRAC_2_PI, coef::PI_2_PARTS);
        let q = if cos { self.iadd_imm_(q, 1) } else { q };
        let z = self.b.ins().fmul(r, r);
        // sin r = r + r·z·S(z); cos r = 1 - z/2 + z²·C(z)
        let s = self.horner(z, &coef::SINCOS_S);
        let rz = self.b.ins().fmul(r, z);
        let sinr = self.fma(rz, s, r);
        let cpoly = self.horner(z, &coef::SINCOS_C);
        let z2 = self.b.ins().fmul(z, z);
        let mhalf = self.c(-0.5);
        let one = self.c(1.0);
        let h = self.fma(z, mhalf, one);
        let cosr = self.fma(z2, cpoly, h);
        let odd = self.band_imm_(q, 1);
        let zero_i = self.ci(0);
        let use_cos = self.b.ins().icmp(cranelift_codegen::ir::condcodes::IntCC::NotEqual, odd, zero_i);
        let v = self.sel(use_cos, cosr, sinr);
        // Quadrants 2 and 3 negate; so does a negative argument of sin.
        let neg = self.band_imm_(q, 2);
        let neg = self.ishl_imm_(neg, 30);
        let neg = if cos {
            neg
        } else {
            let xb = self.bits_of(x);
            let sx = self.band_imm_(xb, i32::MIN as i64);
            self.b.ins().bxor(neg, sx)
        };
        let vb = self.bits_of(v);
        let vb = self.b.ins().bxor(vb, neg);
        self.float_of(vb)
    }

    /// sin of |x| < 8192 (larger arguments are the caller's slow path): |x| = q·π + r with
    /// |r| ≤ π/2 (π in three parts, exact there), then sin r by its Taylor series to r^13, the
    /// sign flipped for odd q and negative x. One polynomial and no select, where `sincos`
    /// evaluates both of its and picks by quadrant.
    pub fn sin(&mut self, x: Value) -> Value {
        let ax = self.b.ins().fabs(x);
        let (r, q) = self.reduce(ax, std::f32::consts::FRAC_1_PI, coef::PI_PARTS);
        let z = self.b.ins().fmul(r, r);
        let p = self.horner(z, &coef::SIN);
        let rz = self.b.ins().fmul(r, z);
        let v = self.fma(rz, p, r);
        // Odd q negates; so does a negative x.
        let neg = self.ishl_imm_(q, 31);
        let xb = self.bits_of(x);
        let sx = self.band_imm_(xb, i32::MIN as i64);
        let neg = self.b.ins().bxor(neg, sx);
        let vb = self.bits_of(v);
        let vb = self.b.ins().bxor(vb, neg);
        self.float_of(vb)
    }

    /// tanh: an odd polynomial below 0.625, else 1 - 2/(e^{2|x|} + 1) with the sign of x, where
    /// |x| is first clamped to 10 (tanh is 1 in float32 from 9.01 on; a clamp at 9 itself left
    /// 1 - 2^-24 for every larger |x|), so `exp_small` applies.
    /// (A rational fit without `exp`, as Eigen and XLA use, measured 4.2 ulp here.)
    pub fn tanh(&mut self, x: Value) -> Value {
        let ax = self.b.ins().fabs(x);
        let z = self.b.ins().fmul(x, x);
        let p = self.horner(z, &coef::TANH);
        let xz = self.b.ins().fmul(x, z);
        let small = self.fma(xz, p, x);
        let ten = self.c(10.0);
        let over = self.b.ins().fcmp(FloatCC::LessThan, ten, ax);
        let axc = self.sel(over, ten, ax);
        let a2 = self.b.ins().fadd(axc, axc);
        let e = self.exp_small(a2);
        let one = self.c(1.0);
        let e1 = self.b.ins().fadd(e, one);
        let two = self.c(2.0);
        let q = self.b.ins().fdiv(two, e1);
        let big = self.b.ins().fsub(one, q);
        // big ≥ 0, so or-ing in the sign bit of x gives it x's sign (no vector fcopysign on x86).
        let xb = self.bits_of(x);
        let sx = self.band_imm_(xb, i32::MIN as i64);
        let bb = self.bits_of(big);
        let bb = self.b.ins().bor(bb, sx);
        let big = self.float_of(bb);
        // A NaN takes the polynomial, which keeps it.
        let lim = self.c(0.625);
        let is_small = self.b.ins().fcmp(FloatCC::UnorderedOrLessThan, ax, lim);
        self.sel(is_small, small, big)
    }
}

/// Flags for lane-order-sensitive bitcasts.
pub fn flags_le() -> MemFlagsData {
    MemFlagsData::new().with_endianness(cranelift_codegen::ir::Endianness::Little)
}

// ---- host functions called from generated code ----

macro_rules! host1 {
    ($($name:ident: $t:ty => $f:expr;)*) => {
        $(pub extern "C" fn $name(x: $t) -> $t { $f(x) })*
    };
}
macro_rules! host2 {
    ($($name:ident: $t:ty => $f:expr;)*) => {
        $(pub extern "C" fn $name(x: $t, y: $t) -> $t { $f(x, y) })*
    };
}

host1! {
    exp_f32: f32 => f32::exp; ln_f32: f32 => f32::ln; ln1p_f32: f32 => f32::ln_1p; expm1_f32: f32 => f32::exp_m1;
    sin_f32: f32 => f32::sin; cos_f32: f32 => f32::cos; tan_f32: f32 => f32::tan; asin_f32: f32 => f32::asin;
    acos_f32: f32 => f32::acos; atan_f32: f32 => f32::atan; sinh_f32: f32 => f32::sinh; cosh_f32: f32 => f32::cosh;
    tanh_f32: f32 => f32::tanh;
    exp_f64: f64 => f64::exp; ln_f64: f64 => f64::ln; ln1p_f64: f64 => f64::ln_1p; expm1_f64: f64 => f64::exp_m1;
    sin_f64: f64 => f64::sin; cos_f64: f64 => f64::cos; tan_f64: f64 => f64::tan; asin_f64: f64 => f64::asin;
    acos_f64: f64 => f64::acos; atan_f64: f64 => f64::atan; sinh_f64: f64 => f64::sinh; cosh_f64: f64 => f64::cosh;
    tanh_f64: f64 => f64::tanh;
}

// Remainders and integer division/power are `eval`'s own element arithmetic, so both devices
// share one definition.
host2! {
    atan2_f32: f32 => f32::atan2; pow_f32: f32 => f32::powf; rem_f32: f32 => <f32 as Num>::rem;
    atan2_f64: f64 => f64::atan2; pow_f64: f64 => f64::powf; rem_f64: f64 => <f64 as Num>::rem;
    div_i32: i32 => <i32 as Num>::div; rem_i32: i32 => <i32 as Num>::rem; pow_i32: i32 => <i32 as Num>::pow;
    div_i64: i64 => <i64 as Num>::div; rem_i64: i64 => <i64 as Num>::rem; pow_i64: i64 => <i64 as Num>::pow;
}


//! `Kernel` → WGSL text, and the tiled `dot_general` shader.
//!
//! Two shapes of shader, chosen by the kernel's structure:
//! - *Elementwise* (one map phase): one invocation per point of the outer and phase dimensions,
//!   256 per workgroup, the linear index decomposed into the loop counters.
//! - *Rows* (reduce phases, or several phases): one workgroup of `ROW_WG` invocations per outer
//!   point (a row). A reduce phase folds a strided share of the row per invocation, then a tree
//!   in workgroup memory (unrolled, a barrier per level); its result is a workgroup variable the
//!   later phases read. A map phase shares the row's points between the invocations; a storage
//!   and workgroup barrier separates phases, so a phase reads what an earlier one wrote. A full
//!   reduction is one row; `fuse` splits large ones into two stages (the second pass).
//! Workgroup counts past 65,535 go 2-D (`x` then `y`), and the shader rebuilds the linear index.
//!
//! Storage types: bool lives in `u32` words (0 or 1) on the device; int64 and float64 need the
//! adapter's `SHADER_INT64` / `SHADER_F64`. float32 transcendental functions are the CPU's Cephes
//! polynomials (`cpu::math`) written in WGSL (`PRELUDE_F32`), not WGSL's built-ins, whose
//! accuracy the WebGPU spec leaves loose (sin/cos to 2^-11 absolute). float64 has no WGSL
//! transcendental functions at all: such kernels are `Unsupported` and the runtime runs the
//! function on the CPU instead.
//!
//! This module only writes text; `gpu` compiles and runs it.

use crate::array::{DType, Scalar};
use crate::fuse::kernel::{Affine, BinOp, Kernel, Op, Phase, ReduceOp, Role, UnOp};
use crate::fuse::StridedView;
use crate::prim::Prim;
use std::fmt::Write;

/// Invocations per workgroup of elementwise kernels.
pub const ELEM_WG: u32 = 256;
/// Invocations per workgroup (one row) of row kernels.
pub const ROW_WG: u32 = 64;

/// How a shader is launched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Launch {
    /// `n` invocations, `ELEM_WG` per workgroup.
    Elementwise { n: u64 },
    /// `rows` workgroups.
    Rows { rows: u64 },
    /// A dot: `(x, y, z)` workgroups.
    Grid { x: u32, y: u32, z: u32 },
}

impl Launch {
    /// The workgroup counts to dispatch: 2-D past the 65,535 limit of one dimension.
    pub fn groups(self, max_dim: u32) -> Option<(u32, u32, u32)> {
        let n = match self {
            Launch::Elementwise { n } => n.div_ceil(ELEM_WG as u64),
            Launch::Rows { rows } => rows,
            Launch::Grid { x, y, z } => return Some((x, y, z)),
        };
        if n == 0 {
            return Some((0, 0, 0));
        }
        let x = n.min(max_dim as u64);
        let y = n.div_ceil(x);
        if y > max_dim as u64 {
            return None;
        }
        Some((x as u32, y as u32, 1))
    }
}

/// A shader and how to run it.
#[derive(Clone, Debug)]
pub struct Shader {
    pub wgsl: String,
    pub launch: Launch,
    /// Elements per outer point of each scratch argument (`None` for other arguments): the
    /// device buffer holds one block per row.
    pub scratch: Vec<Option<usize>>,
}

/// The WGSL type of a value of `dt`.
pub fn vty(dt: DType) -> &'static str {
    match dt {
        DType::Bool => "bool",
        DType::I32 => "i32",
        DType::I64 => "i64",
        DType::F32 => "f32",
        DType::F64 => "f64",
        _ => "u32",
    }
}

/// The WGSL element type of a buffer of `dt`.
pub fn sty(dt: DType) -> &'static str {
    match dt {
        DType::Bool => "u32",
        d => vty(d),
    }
}

/// The bytes per element of a device buffer of `dt`.
pub fn dev_size(dt: DType) -> usize {
    match dt {
        DType::Bool => 4,
        d => d.size_bytes(),
    }
}

/// A float32 constant by its bits. Non-finite ones go through the private `ZU` (zero), so
/// that naga's constant evaluator, which refuses infinities and NaNs, leaves them to run time.
fn f32_lit(v: f32) -> String {
    if v.is_finite() {
        format!("bitcast<f32>({}u)", v.to_bits())
    } else {
        format!("bitcast<f32>(ZU | {}u)", v.to_bits())
    }
}

/// Declarations every shader starts with. `ZU` is zero, set at run time from a builtin
/// (`SET_ZU`), so that neither naga's constant evaluator (which refuses infinities and NaNs)
/// nor the driver's optimizer can see through it: `m_opq` passes a float through it, which keeps
/// drivers that reassociate float arithmetic (llvmpipe does) from merging the steps of an exact
/// range reduction.
const HEADER: &str = "var<private> ZU: u32 = 0u;\nfn m_opq(x: f32) -> f32 { return bitcast<f32>(bitcast<u32>(x) | ZU); }\nfn m_opq_f32(x: f32) -> f32 { return bitcast<f32>(bitcast<u32>(x) | ZU); }\n";
/// The first statement of every `main` (which has the `nwg` builtin).
const SET_ZU: &str = "  ZU = nwg.z >> 31u;\n";

fn f64_lit(v: f64) -> String {
    if v.is_finite() {
        // Rust's shortest round-trip form, as a WGSL f64 literal.
        let s = format!("{v:e}");
        format!("f64({s}lf)")
    } else {
        format!("f64({})", f32_lit(v as f32))
    }
}

/// A WGSL constant of `s`'s dtype.
pub fn lit(s: &Scalar) -> String {
    match s {
        Scalar::Bool(b) => b.to_string(),
        Scalar::I32(v) => format!("bitcast<i32>({}u)", *v as u32),
        Scalar::I64(v) => {
            if *v == i64::MIN {
                "(-9223372036854775807li - 1li)".into()
            } else {
                format!("({v}li)")
            }
        }
        Scalar::F32(v) => f32_lit(*v),
        Scalar::F64(v) => f64_lit(*v),
        other => lit(&other.cast(DType::I64)),
    }
}

fn zero(dt: DType) -> String {
    match dt {
        DType::Bool => "false".into(),
        _ => format!("{}(0)", vty(dt)),
    }
}

fn one(dt: DType) -> String {
    match dt {
        DType::Bool => "true".into(),
        _ => format!("{}(1)", vty(dt)),
    }
}

fn min_value(dt: DType) -> String {
    match dt {
        DType::Bool => "false".into(),
        DType::I32 => lit(&Scalar::I32(i32::MIN)),
        DType::I64 => lit(&Scalar::I64(i64::MIN)),
        DType::F32 => lit(&Scalar::F32(f32::NEG_INFINITY)),
        _ => lit(&Scalar::F64(f64::NEG_INFINITY)),
    }
}

fn max_value(dt: DType) -> String {
    match dt {
        DType::Bool => "true".into(),
        DType::I32 => lit(&Scalar::I32(i32::MAX)),
        DType::I64 => lit(&Scalar::I64(i64::MAX)),
        DType::F32 => lit(&Scalar::F32(f32::INFINITY)),
        _ => lit(&Scalar::F64(f64::INFINITY)),
    }
}

/// Why a kernel has no WGSL form (the runtime then runs the function on the CPU).
pub type Unsupported = String;

fn is_nan(dt: DType, x: &str) -> String {
    match dt {
        DType::F32 => format!("((bitcast<u32>({x}) & 0x7fffffffu) > 0x7f800000u)"),
        DType::F64 => format!("(!({x} == {x}))"),
        _ => "false".into(),
    }
}

/// The expression of a unary operation.
fn unary(op: UnOp, dt: DType, x: &str) -> Result<String, Unsupported> {
    let t = vty(dt);
    let f = dt.is_float();
    Ok(match op {
        UnOp::Neg => match dt {
            DType::Bool => format!("{x}"),
            _ => format!("(-{x})"),
        },
        UnOp::Not => match dt {
            DType::Bool => format!("(!{x})"),
            _ => format!("(~{x})"),
        },
        UnOp::Abs => match dt {
            DType::Bool => x.to_string(),
            _ if f => format!("abs({x})"),
            _ => format!("select({x}, -{x}, {x} < {})", zero(dt)),
        },
        UnOp::Sign => match dt {
            DType::Bool => x.to_string(),
            _ if f => format!("select(select(select({x}, {t}(0), {x} == {t}(0)), {t}(-1), {x} < {t}(0)), {t}(1), {x} > {t}(0))"),
            _ => format!("select(select({t}(0), {t}(-1), {x} < {t}(0)), {t}(1), {x} > {t}(0))"),
        },
        UnOp::Floor | UnOp::Ceil | UnOp::Round if !f => x.to_string(),
        UnOp::Floor => format!("floor({x})"),
        UnOp::Ceil => format!("ceil({x})"),
        // Half to even, as numpy (some drivers' float64 `round` is not).
        UnOp::Round => format!("round_{t}({x})"),
        UnOp::Sqrt if f => format!("sqrt({x})"),
        UnOp::IntPow(n) => format!("ipow_{t}({x}, {n})"),
        _ if dt == DType::F32 => {
            let name = match op {
                UnOp::Exp => "exp",
                UnOp::Log => "log",
                UnOp::Log1p => "log1p",
                UnOp::Expm1 => "expm1",
                UnOp::Sin => "sin",
                UnOp::Cos => "cos",
                UnOp::Tan => "tan",
                UnOp::Asin => "asin",
                UnOp::Acos => "acos",
                UnOp::Atan => "atan",
                UnOp::Sinh => "sinh",
                UnOp::Cosh => "cosh",
                UnOp::Tanh => "tanh",
                _ => return Err(format!("{op:?} of {dt}")),
            };
            format!("m_{name}({x})")
        }
        _ => return Err(format!("{op:?} of {dt} (WGSL has no float64 transcendental functions)")),
    })
}

fn binary(op: BinOp, dt: DType, a: &str, b: &str) -> Result<String, Unsupported> {
    let t = vty(dt);
    let f = dt.is_float();
    let bool_ = dt == DType::Bool;
    Ok(match op {
        BinOp::Add if bool_ => format!("({a} || {b})"),
        BinOp::Mul if bool_ => format!("({a} && {b})"),
        // Float sums go through an opaque barrier, so a driver that reassociates float
        // arithmetic (Mesa's NIR does, without SPIR-V's NoContraction) keeps `(t + c) - c`,
        // the rounding trick of `transform::legalize`, as written.
        BinOp::Add if f => format!("m_opq_{t}({a} + {b})"),
        BinOp::Sub if f => format!("m_opq_{t}({a} - {b})"),
        BinOp::Add => format!("({a} + {b})"),
        BinOp::Sub => format!("({a} - {b})"),
        BinOp::Mul => format!("({a} * {b})"),
        BinOp::Div if f => format!("({a} / {b})"),
        BinOp::Div => format!("idiv_{t}({a}, {b})"),
        BinOp::Rem if dt == DType::F64 => return Err("remainder of float64 (no exact fmod in WGSL yet)".into()),
        BinOp::Rem => format!("rem_{t}({a}, {b})"),
        BinOp::Pow if dt == DType::F32 => format!("m_pow({a}, {b})"),
        BinOp::Pow if !f => format!("ipowv_{t}({a}, {b})"),
        BinOp::Max | BinOp::Min if bool_ => {
            if op == BinOp::Max {
                format!("({a} || {b})")
            } else {
                format!("({a} && {b})")
            }
        }
        BinOp::Max => format!("max_{t}({a}, {b})"),
        BinOp::Min => format!("min_{t}({a}, {b})"),
        BinOp::Atan2 if dt == DType::F32 => format!("m_atan2({a}, {b})"),
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let o = match op {
                BinOp::Eq => "==",
                BinOp::Ne => "!=",
                BinOp::Lt => "<",
                BinOp::Le => "<=",
                BinOp::Gt => ">",
                _ => ">=",
            };
            if bool_ {
                format!("(u32({a}) {o} u32({b}))")
            } else if f && op == BinOp::Ne {
                // Drivers may compile `!=` on floats as an ordered comparison (false for NaN).
                format!("(!({a} == {b}))")
            } else {
                format!("({a} {o} {b})")
            }
        }
        BinOp::And if bool_ => format!("({a} && {b})"),
        BinOp::Or if bool_ => format!("({a} || {b})"),
        BinOp::Xor if bool_ => format!("({a} != {b})"),
        BinOp::And if !f => format!("({a} & {b})"),
        BinOp::Or if !f => format!("({a} | {b})"),
        BinOp::Xor if !f => format!("({a} ^ {b})"),
        _ => return Err(format!("{op:?} of {dt}")),
    })
}

/// numpy's `astype` from `from` to `to` (float to int: NaN and out-of-range give the minimum).
fn cast(from: DType, to: DType, x: &str) -> String {
    if from == to {
        return x.to_string();
    }
    let t = vty(to);
    match (from, to) {
        (_, DType::Bool) => format!("(!({x} == {}))", zero(from)),
        (DType::Bool, _) => format!("select({}, {}, {x})", zero(to), one(to)),
        (f, i) if f.is_float() && !i.is_float() => {
            let (lo, m) = if i == DType::I32 { ("2147483648.0", lit(&Scalar::I32(i32::MIN))) } else { ("9223372036854775808.0", lit(&Scalar::I64(i64::MIN))) };
            let ft = vty(f);
            let lo = if f == DType::F64 { format!("f64({lo}lf)") } else { format!("{ft}({lo})") };
            format!("select({m}, {t}({x}), {x} >= -{lo} && {x} < {lo})")
        }
        _ => format!("{t}({x})"),
    }
}

/// The helper functions kernels call, for the dtypes in use.
fn helpers(dts: &[DType], out: &mut String) {
    for &dt in dts {
        let t = vty(dt);
        match dt {
            DType::I32 | DType::I64 => {
                let z = zero(dt);
                let o = one(dt);
                let _ = write!(
                    out,
                    "fn idiv_{t}(a: {t}, b: {t}) -> {t} {{\n  if (b == {z}) {{ return {z}; }}\n  let q = a / b;\n  if ((a % b) != {z} && ((a < {z}) != (b < {z}))) {{ return q - {o}; }}\n  return q;\n}}\n\
                     fn rem_{t}(a: {t}, b: {t}) -> {t} {{\n  if (b == {z}) {{ return {z}; }}\n  let r = a % b;\n  if (r != {z} && ((r < {z}) != (b < {z}))) {{ return r + b; }}\n  return r;\n}}\n\
                     fn max_{t}(a: {t}, b: {t}) -> {t} {{ return select(a, b, b > a); }}\n\
                     fn min_{t}(a: {t}, b: {t}) -> {t} {{ return select(a, b, b < a); }}\n\
                     fn ipowv_{t}(x: {t}, y: {t}) -> {t} {{\n  if (y < {z}) {{\n    if (x == {o}) {{ return {o}; }}\n    if (x == -{o}) {{ return select(-{o}, {o}, (y % {t}(2)) == {z}); }}\n    return {z};\n  }}\n  var e = y; var b = x; var acc = {o};\n  loop {{\n    if (e <= {z}) {{ break; }}\n    if ((e & {o}) == {o}) {{ acc = acc * b; }}\n    b = b * b;\n    e = e >> {u};\n  }}\n  return acc;\n}}\n",
                    u = if dt == DType::I32 { "1u" } else { "1u" }
                );
            }
            DType::F32 | DType::F64 => {
                if dt == DType::F64 {
                    out.push_str("fn m_opq_f64(x: f64) -> f64 { return select(x, f64(0), ZU != 0u); }\n");
                }
                let n = |x: &str| is_nan(dt, x);
                let _ = write!(
                    out,
                    "fn max_{t}(a: {t}, b: {t}) -> {t} {{ if ({na}) {{ return a; }} if ({nb}) {{ return b; }} return select(a, b, b > a); }}\n\
                     fn min_{t}(a: {t}, b: {t}) -> {t} {{ if ({na}) {{ return a; }} if ({nb}) {{ return b; }} return select(a, b, b < a); }}\n\
                     fn round_{t}(x: {t}) -> {t} {{\n  let f = floor(x);\n  let d = x - f;\n  var r = f;\n  if (d > {t}(0.5) || (d == {t}(0.5) && (f - {t}(2) * floor(f * {t}(0.5))) != {t}(0))) {{ r = f + {t}(1); }}\n  if (r == {t}(0) && x < {t}(0)) {{ return -{t}(0); }}\n  return r;\n}}\n\
                     fn rem_{t}(a: {t}, b: {t}) -> {t} {{\n  let m = {fmod};\n  if (b == {t}(0) || {nm}) {{ return {nan}; }}\n  if (m != {t}(0)) {{ if ((b < {t}(0)) != (m < {t}(0))) {{ return m + b; }} return m; }}\n  return select({t}(0), -{t}(0), b < {t}(0));\n}}\n",
                    na = n("a"),
                    nb = n("b"),
                    nm = n("m"),
                    nan = lit(&Scalar::F64(f64::NAN).cast(dt)),
                    fmod = if dt == DType::F32 { "m_fmod(a, b)" } else { "a - b * trunc(a / b)" },
                );
            }
            _ => {}
        }
        if dt != DType::Bool {
            // `x ** n` by repeated multiplication in `eval`'s order, then the reciprocal.
            let o = one(dt);
            let recip = if dt.is_float() { format!("{o} / acc") } else { format!("idiv_{t}({o}, acc)") };
            let _ = write!(
                out,
                "fn ipow_{t}(x: {t}, y: i32) -> {t} {{\n  var n = u32(abs(y)); var base = x; var acc = {o}; var first = true;\n  loop {{\n    if (n == 0u) {{ break; }}\n    if ((n & 1u) == 1u) {{ if (first) {{ acc = base; first = false; }} else {{ acc = acc * base; }} }}\n    n = n >> 1u;\n    if (n > 0u) {{ base = base * base; }}\n  }}\n  if (y < 0) {{ return {recip}; }}\n  return acc;\n}}\n"
            );
        }
    }
}

/// float32 transcendental functions: the Cephes polynomials of `cpu::math` (exp, log, sin,
/// cos, tanh), and the rest written on top of them.
pub const PRELUDE_F32: &str = r#"
// fmod, exact (musl's fmodf, by shifts and subtractions of the mantissas).
fn m_fmod(x: f32, y: f32) -> f32 {
  var ux = bitcast<u32>(x);
  var uy = bitcast<u32>(y);
  var ex = i32((ux >> 23u) & 0xffu);
  var ey = i32((uy >> 23u) & 0xffu);
  let sx = ux & 0x80000000u;
  if ((uy << 1u) == 0u || m_isnan(y) || ex == 0xff) { return bitcast<f32>(ZU | 0x7fc00000u); }
  if ((ux << 1u) <= (uy << 1u)) {
    if ((ux << 1u) == (uy << 1u)) { return bitcast<f32>(sx); }
    return x;
  }
  if (ex == 0) {
    var i = ux << 9u;
    loop { if ((i >> 31u) != 0u) { break; } ex = ex - 1; i = i << 1u; }
    ux = ux << u32(-ex + 1);
  } else {
    ux = (ux & 0x7fffffu) | 0x800000u;
  }
  if (ey == 0) {
    var i = uy << 9u;
    loop { if ((i >> 31u) != 0u) { break; } ey = ey - 1; i = i << 1u; }
    uy = uy << u32(-ey + 1);
  } else {
    uy = (uy & 0x7fffffu) | 0x800000u;
  }
  loop {
    if (ex <= ey) { break; }
    let i = ux - uy;
    if ((i >> 31u) == 0u) {
      if (i == 0u) { return bitcast<f32>(sx); }
      ux = i;
    }
    ux = ux << 1u;
    ex = ex - 1;
  }
  let i = ux - uy;
  if ((i >> 31u) == 0u) {
    if (i == 0u) { return bitcast<f32>(sx); }
    ux = i;
  }
  loop { if ((ux >> 23u) != 0u) { break; } ux = ux << 1u; ex = ex - 1; }
  if (ex > 0) {
    ux = (ux - 0x800000u) | (u32(ex) << 23u);
  } else {
    ux = ux >> u32(-ex + 1);
  }
  return bitcast<f32>(ux | sx);
}
fn m_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn m_pow2(n: i32) -> f32 { return bitcast<f32>((n + 127) << 23u); }
// 2/pi in 32-bit words, for the reduction of large arguments (Payne and Hanek).
const TWO_OVER_PI = array<u32, 10>(0xA2F9836Eu, 0x4E441529u, 0xFC2757D1u, 0xF534DDC0u, 0xDB629599u, 0x3C439041u, 0xFE5163ABu, 0xDEBBC561u, 0xB7246E3Au, 0x424DD2E0u);
// 32 bits of 2/pi whose first has weight 2^-pos (zeros before the binary point).
fn m_tbits(pos: i32) -> u32 {
  if (pos <= -31) { return 0u; }
  if (pos < 1) { return TWO_OVER_PI[0] >> u32(1 - pos); }
  let idx = u32(pos - 1) / 32u;
  let off = u32(pos - 1) % 32u;
  if (off == 0u) { return TWO_OVER_PI[idx]; }
  return (TWO_OVER_PI[idx] << off) | (TWO_OVER_PI[idx + 1u] >> (32u - off));
}
// (hi, lo) of a 32 x 32-bit product.
fn m_mulw(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u; let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0; let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>(p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u), (p00 & 0xffffu) | (mid << 16u));
}
// |x| * 2/pi for |x| >= 8192: (r, q) with r = the fraction in [-1/2, 1/2] times pi/2, q the
// quadrant (mod 4), exact to float32's precision for every finite float32.
fn m_reduce_big(ax: f32) -> vec2<f32> {
  let bits = bitcast<u32>(ax);
  let e = i32((bits >> 23u) & 0xffu) - 150;
  let m = (bits & 0x7fffffu) | 0x800000u;
  let s0 = e - 1;
  let c0 = m_tbits(s0); let c1 = m_tbits(s0 + 32); let c2 = m_tbits(s0 + 64);
  let p2 = m_mulw(m, c2); let p1 = m_mulw(m, c1); let p0 = m_mulw(m, c0);
  // m * (c0 c1 c2) scaled by 2^-94: the quadrant is bits 94..95, the fraction bits 30..93.
  let r0 = p2.y;
  let r1 = p2.x + p1.y;
  let k1 = select(0u, 1u, r1 < p2.x);
  let r2 = p1.x + p0.y + k1;
  var q = (r2 >> 30u) & 3u;
  var hi = (r2 << 2u) | (r1 >> 30u);
  var lo = (r1 << 2u) | (r0 >> 30u);
  var sign = 1.0;
  if ((hi & 0x80000000u) != 0u) {
    // Fraction >= 1/2: take f - 1 (negated) and the next quadrant.
    lo = ~lo + 1u;
    hi = ~hi + select(0u, 1u, lo == 0u);
    q = q + 1u;
    sign = -1.0;
  }
  let f = f32(hi) * 2.3283064365386963e-10 + f32(lo) * 5.421010862427522e-20;
  return vec2<f32>(sign * f * 1.5707963267948966, f32(q & 3u));
}
fn m_exp_poly(x: f32, n: f32) -> f32 {
  var r = m_opq(fma(n, -0.693359375, x));
  r = m_opq(fma(n, 2.12194440e-4, r));
  var p = 1.9875691500e-4;
  p = fma(p, r, 1.3981999507e-3);
  p = fma(p, r, 8.3334519073e-3);
  p = fma(p, r, 4.1665795894e-2);
  p = fma(p, r, 1.6666665459e-1);
  p = fma(p, r, 5.0000001201e-1);
  let y = fma(p, r * r, r);
  return y + 1.0;
}
fn m_exp(x0: f32) -> f32 {
  if (m_isnan(x0)) { return x0; }
  let x = clamp(x0, -104.0, 89.0);
  let n = round(x * 1.44269504088896341);
  let y = m_exp_poly(x, n);
  let ni = i32(n);
  let n1 = ni >> 1u;
  let n2 = ni - n1;
  return y * m_pow2(n1) * m_pow2(n2);
}
fn m_log(x: f32) -> f32 {
  let is_sub = x < 1.17549435e-38;
  let xw = select(x, x * 33554432.0, is_sub);
  let bits = bitcast<u32>(xw);
  var ex = i32((bits >> 23u) & 0xffu) - 126 + select(0, -25, is_sub);
  let m = bitcast<f32>((bits & 0x807fffffu) | 0x3f000000u);
  let small = m < 0.70710678118654752440;
  let f = select(m - 1.0, (m + m) - 1.0, small);
  ex = ex - select(0, 1, small);
  let fe = f32(ex);
  let z = f * f;
  var p = 7.0376836292e-2;
  p = fma(p, f, -1.1514610310e-1);
  p = fma(p, f, 1.1676998740e-1);
  p = fma(p, f, -1.2420140846e-1);
  p = fma(p, f, 1.4249322787e-1);
  p = fma(p, f, -1.6668057665e-1);
  p = fma(p, f, 2.0000714765e-1);
  p = fma(p, f, -2.4999993993e-1);
  p = fma(p, f, 3.3333331174e-1);
  var y = (f * z) * p;
  y = fma(fe, -2.12194440e-4, y);
  y = fma(z, -0.5, y);
  var r = f + y;
  r = fma(fe, 0.693359375, r);
  if (x == bitcast<f32>(ZU | 0x7f800000u)) { r = x; }
  if (x == 0.0) { r = bitcast<f32>(ZU | 0xff800000u); }
  if (!(x >= 0.0)) { r = bitcast<f32>(ZU | 0x7fc00000u); }
  return r;
}
// |x| = q pi/2 + r with |r| <= pi/4: three-part Cody-Waite below 8192 (exact there), Payne-Hanek
// above.
fn m_reduce(ax: f32) -> vec2<f32> {
  if (ax >= 8192.0) { return m_reduce_big(ax); }
  let n = round(ax * 0.63661977236758134308);
  var r = m_opq(fma(n, -1.5703125, ax));
  r = m_opq(fma(n, -4.837512969970703125e-4, r));
  r = m_opq(fma(n, -7.54978995489188216e-8, r));
  return vec2<f32>(r, f32(i32(n) & 3));
}
fn m_sincos(x: f32, cos: bool) -> f32 {
  let ax = abs(x);
  let rq = m_reduce(ax);
  let r = rq.x;
  var q = i32(rq.y);
  if (cos) { q = q + 1; }
  let z = r * r;
  var s = -1.9515295891e-4;
  s = fma(s, z, 8.3321608736e-3);
  s = fma(s, z, -1.6666654611e-1);
  let sinr = fma(r * z, s, r);
  var c = 2.443315711809948e-5;
  c = fma(c, z, -1.388731625493765e-3);
  c = fma(c, z, 4.166664568298827e-2);
  let cosr = fma(z * z, c, fma(z, -0.5, 1.0));
  var v = select(sinr, cosr, (q & 1) != 0);
  var neg = u32(q & 2) << 30u;
  if (!cos) { neg = neg ^ (bitcast<u32>(x) & 0x80000000u); }
  return bitcast<f32>(bitcast<u32>(v) ^ neg);
}
fn m_sin(x: f32) -> f32 {
  if (m_isnan(x) || abs(x) == bitcast<f32>(ZU | 0x7f800000u)) { return bitcast<f32>(ZU | 0x7fc00000u); }
  return m_sincos(x, false);
}
fn m_cos(x: f32) -> f32 {
  if (m_isnan(x) || abs(x) == bitcast<f32>(ZU | 0x7f800000u)) { return bitcast<f32>(ZU | 0x7fc00000u); }
  return m_sincos(x, true);
}
fn m_tan(x: f32) -> f32 {
  if (m_isnan(x) || abs(x) == bitcast<f32>(ZU | 0x7f800000u)) { return bitcast<f32>(ZU | 0x7fc00000u); }
  // Cephes tanf on the reduced argument; odd quadrants take -1/tan.
  let rq = m_reduce(abs(x));
  let r = rq.x;
  let z = r * r;
  var p = 9.38540185543e-3;
  p = fma(p, z, 3.11992232697e-3);
  p = fma(p, z, 2.44301354525e-2);
  p = fma(p, z, 5.34112807005e-2);
  p = fma(p, z, 1.33387994085e-1);
  p = fma(p, z, 3.33331568548e-1);
  var y = fma(p * z, r, r);
  if ((i32(rq.y) & 1) != 0) { y = -1.0 / y; }
  return bitcast<f32>(bitcast<u32>(y) ^ (bitcast<u32>(x) & 0x80000000u));
}
fn m_expm1(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    // Taylor series to x^9: relative error below 2^-24 for |x| < 0.5.
    var p = 2.7557319e-6;
    p = fma(p, x, 2.4801587e-5);
    p = fma(p, x, 1.9841270e-4);
    p = fma(p, x, 1.3888889e-3);
    p = fma(p, x, 8.3333333e-3);
    p = fma(p, x, 4.1666667e-2);
    p = fma(p, x, 1.6666667e-1);
    p = fma(p, x, 0.5);
    return fma(p * x, x, x);
  }
  return m_exp(x) - 1.0;
}
fn m_log1p(x: f32) -> f32 {
  // Kahan: log(u) * x / (u - 1) with u = 1 + x rounded.
  let u = m_opq(1.0 + x);
  if (u == 1.0) { return x; }
  if (u == bitcast<f32>(ZU | 0x7f800000u)) { return u; }
  return m_log(u) * (x / m_opq(u - 1.0));
}
fn m_tanh(x: f32) -> f32 {
  let ax = abs(x);
  if (m_isnan(x)) { return x; }
  if (ax < 0.625) {
    let z = x * x;
    var p = -5.70498872745e-3;
    p = fma(p, z, 2.06390887954e-2);
    p = fma(p, z, -5.37397155531e-2);
    p = fma(p, z, 1.33314422036e-1);
    p = fma(p, z, -3.33332819422e-1);
    return fma(x * z, p, x);
  }
  let e = m_exp(2.0 * min(ax, 10.0));
  let big = 1.0 - 2.0 / (e + 1.0);
  return bitcast<f32>(bitcast<u32>(big) | (bitcast<u32>(x) & 0x80000000u));
}
fn m_sinh(x: f32) -> f32 {
  let ax = abs(x);
  var r: f32;
  if (ax < 1.0) {
    let e = m_expm1(ax);
    r = 0.5 * (e + e / (e + 1.0));
  } else if (ax < 88.0) {
    let e = m_exp(ax);
    r = 0.5 * (e - 1.0 / e);
  } else {
    let e = m_exp(0.5 * ax);
    r = (0.5 * e) * e;
  }
  return bitcast<f32>(bitcast<u32>(r) | (bitcast<u32>(x) & 0x80000000u));
}
fn m_cosh(x: f32) -> f32 {
  let ax = abs(x);
  if (ax < 88.0) {
    let e = m_exp(ax);
    return 0.5 * (e + 1.0 / e);
  }
  let e = m_exp(0.5 * ax);
  return (0.5 * e) * e;
}
fn m_atan_core(x: f32) -> f32 {
  // Cephes atanf: x >= 0.
  var y = 0.0;
  var t = x;
  if (x > 2.414213562373095) { y = 1.5707963267948966; t = -1.0 / x; }
  else if (x > 0.4142135623730950) { y = 0.7853981633974483; t = (x - 1.0) / (x + 1.0); }
  let z = t * t;
  var p = 8.05374449538e-2;
  p = fma(p, z, -1.38776856032e-1);
  p = fma(p, z, 1.99777106478e-1);
  p = fma(p, z, -3.33329491539e-1);
  return y + fma(p * z, t, t);
}
fn m_atan(x: f32) -> f32 {
  if (m_isnan(x)) { return x; }
  let r = m_atan_core(abs(x));
  return select(r, -r, x < 0.0);
}
fn m_asin(x: f32) -> f32 {
  let ax = abs(x);
  if (!(ax <= 1.0)) { return bitcast<f32>(ZU | 0x7fc00000u); }
  var r: f32;
  if (ax > 0.5) {
    // asin(x) = pi/2 - 2 asin(sqrt((1 - x) / 2))
    let z = 0.5 * (1.0 - ax);
    let s = sqrt(z);
    var p = 4.2163199048e-2;
    p = fma(p, z, 2.4181311049e-2);
    p = fma(p, z, 4.5470025998e-2);
    p = fma(p, z, 7.4953002686e-2);
    p = fma(p, z, 1.6666752422e-1);
    r = 1.5707963267948966 - 2.0 * fma(p * z, s, s);
  } else {
    let z = ax * ax;
    var p = 4.2163199048e-2;
    p = fma(p, z, 2.4181311049e-2);
    p = fma(p, z, 4.5470025998e-2);
    p = fma(p, z, 7.4953002686e-2);
    p = fma(p, z, 1.6666752422e-1);
    r = fma(p * z, ax, ax);
  }
  return select(r, -r, x < 0.0);
}
fn m_acos(x: f32) -> f32 {
  if (!(abs(x) <= 1.0)) { return bitcast<f32>(ZU | 0x7fc00000u); }
  if (x < -0.5) { return 3.14159265358979 - 2.0 * m_asin(sqrt(0.5 * (1.0 + x))); }
  if (x > 0.5) { return 2.0 * m_asin(sqrt(0.5 * (1.0 - x))); }
  return 1.5707963267948966 - m_asin(x);
}
fn m_atan2(y: f32, x: f32) -> f32 {
  if (m_isnan(x) || m_isnan(y)) { return x + y; }
  let pi = 3.14159265358979;
  let sy = (bitcast<u32>(y) & 0x80000000u) != 0u;
  let sx = (bitcast<u32>(x) & 0x80000000u) != 0u;
  let inf = bitcast<f32>(ZU | 0x7f800000u);
  var r: f32;
  if (y == 0.0) {
    r = select(0.0, pi, sx);
  } else if (x == 0.0) {
    r = 1.5707963267948966;
  } else if (abs(x) == inf && abs(y) == inf) {
    r = select(0.7853981633974483, 2.356194490192345, sx);
  } else if (abs(x) == inf) {
    r = select(0.0, pi, sx);
  } else if (abs(y) == inf) {
    r = 1.5707963267948966;
  } else {
    let q = abs(y / x);
    r = m_atan_core(q);
    if (sx) { r = pi - r; }
  }
  return select(r, -r, sy);
}
fn m_pow(a: f32, b: f32) -> f32 {
  if (b == 0.0 || a == 1.0) { return 1.0; }
  if (m_isnan(a) || m_isnan(b)) { return a + b; }
  let inf = bitcast<f32>(ZU | 0x7f800000u);
  let bint = floor(b) == b;
  let odd = bint && abs(b) < 16777216.0 && (i32(abs(b) % 2.0) == 1);
  if (a == 0.0) {
    let z = select(0.0, inf, b < 0.0);
    return select(z, bitcast<f32>(bitcast<u32>(z) | (bitcast<u32>(a) & 0x80000000u)), odd);
  }
  let aa = abs(a);
  if (a < 0.0 && !bint && abs(b) != inf) { return bitcast<f32>(ZU | 0x7fc00000u); }
  if (abs(b) == inf) {
    if (aa == 1.0) { return 1.0; }
    return select(0.0, inf, (aa > 1.0) == (b > 0.0));
  }
  if (aa == inf) {
    let z = select(0.0, inf, b > 0.0);
    return select(z, -z, a < 0.0 && odd);
  }
  // log2 of |a| in two pieces (exponent exact), so large exponents keep their accuracy.
  let bits = bitcast<u32>(aa);
  var e = i32((bits >> 23u) & 0xffu) - 127;
  var m = bitcast<f32>((bits & 0x007fffffu) | 0x3f800000u);
  if (e == -127) { let s = aa * 8388608.0; let sb = bitcast<u32>(s); e = i32((sb >> 23u) & 0xffu) - 127 - 23; m = bitcast<f32>((sb & 0x007fffffu) | 0x3f800000u); }
  if (m > 1.41421356) { m = m * 0.5; e = e + 1; }
  let lm = m_log(m) * 1.44269504088896341;
  let t = b * f32(e);
  let ti = round(t);
  let frac = fma(b, f32(e), -ti) + b * lm;
  var r = m_exp(frac * 0.69314718055994531);
  let k = clamp(ti, -300.0, 300.0);
  let ki = i32(k);
  r = r * m_pow2(clamp(ki / 2, -126, 127)) * m_pow2(clamp(ki - ki / 2, -126, 127));
  return select(r, -r, a < 0.0 && odd);
}
"#;

struct Gen<'a> {
    k: &'a Kernel,
    out: String,
    /// The scratch base expression (`sbase`) exists (row kernels).
    rows: bool,
}

impl Gen<'_> {
    fn aff(&self, a: &Affine) -> String {
        let mut s = format!("{}", a.offset);
        for &(d, c) in &a.terms {
            if c == 1 {
                let _ = write!(s, " + d{d}");
            } else {
                let _ = write!(s, " + {c} * d{d}");
            }
        }
        format!("({s})")
    }

    fn index(&self, arg: usize, at: &Affine) -> String {
        let a = &self.k.args[arg];
        if a.role == Role::Scratch {
            format!("a{arg}[{} + sbase{arg}]", self.aff(at))
        } else {
            format!("a{arg}[{}]", self.aff(at))
        }
    }

    /// Emit `let nI = …;` for every node `roots` need, in order.
    fn nodes(&mut self, roots: &[usize], indent: &str) -> Result<(), Unsupported> {
        let k = self.k;
        let mut need = vec![false; k.nodes.len()];
        let mut stack: Vec<usize> = roots.to_vec();
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut need[n], true) {
                continue;
            }
            match &k.nodes[n].op {
                Op::Unary(_, a) | Op::Cast(a) => stack.push(*a),
                Op::Binary(_, a, b) => stack.extend([*a, *b]),
                Op::Select(p, a, b) => stack.extend([*p, *a, *b]),
                Op::Load { .. } | Op::Index { .. } | Op::Const(_) | Op::Reduced(_) => {}
            }
        }
        for (i, n) in k.nodes.iter().enumerate() {
            if !need[i] {
                continue;
            }
            let dt = n.dtype;
            let v = |j: usize| format!("n{j}");
            let e = match &n.op {
                Op::Load { arg, at } => {
                    let x = self.index(*arg, at);
                    if dt == DType::Bool {
                        format!("({x} != 0u)")
                    } else {
                        x
                    }
                }
                Op::Index { at } => format!("{}({})", vty(dt), self.aff(at)),
                Op::Const(s) => lit(s),
                Op::Unary(op, a) => unary(*op, dt, &v(*a))?,
                Op::Binary(op, a, b) => binary(*op, k.nodes[*a].dtype, &v(*a), &v(*b))?,
                Op::Select(p, a, b) => format!("select({}, {}, {})", v(*b), v(*a), v(*p)),
                Op::Cast(a) => cast(k.nodes[*a].dtype, dt, &v(*a)),
                Op::Reduced(p) => format!("red{p}"),
            };
            let _ = writeln!(self.out, "{indent}let n{i}: {} = {e};", vty(dt));
        }
        Ok(())
    }

    /// Decompose the linear `lin` (u32 expression) into counters `d{dims}` (row-major).
    fn decompose(&mut self, lin: &str, dims: &[usize], var: &str, indent: &str) {
        let _ = writeln!(self.out, "{indent}var {var}: u32 = {lin};");
        for (j, &d) in dims.iter().enumerate().rev() {
            let size = self.k.dims[d].max(1);
            if j == 0 {
                let _ = writeln!(self.out, "{indent}let d{d}: i32 = i32({var});");
            } else {
                let _ = writeln!(self.out, "{indent}let d{d}: i32 = i32({var} % {size}u); {var} = {var} / {size}u;");
            }
        }
    }

    fn stores(&mut self, stores: &[crate::fuse::kernel::Store], indent: &str) {
        for s in stores {
            let dt = self.k.args[s.arg].dtype;
            let v = if dt == DType::Bool { format!("select(0u, 1u, n{})", s.value) } else { format!("n{}", s.value) };
            let x = self.index(s.arg, &s.at);
            let _ = writeln!(self.out, "{indent}{x} = {v};");
        }
    }
}

fn combine(op: ReduceOp, dt: DType, a: &str, b: &str) -> Result<String, Unsupported> {
    Ok(match op {
        ReduceOp::Sum => binary(BinOp::Add, dt, a, b)?,
        ReduceOp::Prod => binary(BinOp::Mul, dt, a, b)?,
        ReduceOp::Max => binary(BinOp::Max, dt, a, b)?,
        ReduceOp::Min => binary(BinOp::Min, dt, a, b)?,
        ReduceOp::Argmax | ReduceOp::Argmin => unreachable!("argmax combines pairs"),
    })
}

fn identity(op: ReduceOp, dt: DType) -> String {
    match op {
        ReduceOp::Sum => zero(dt),
        ReduceOp::Prod => one(dt),
        ReduceOp::Max | ReduceOp::Argmax => min_value(dt),
        ReduceOp::Min | ReduceOp::Argmin => max_value(dt),
    }
}

/// The WGSL of `k`.
pub fn kernel(k: &Kernel) -> Result<Shader, Unsupported> {
    let mut dts: Vec<DType> = k.nodes.iter().map(|n| n.dtype).chain(k.args.iter().map(|a| a.dtype)).collect();
    for p in &k.phases {
        if let Phase::Reduce { dtype, .. } = p {
            dts.push(*dtype);
        }
    }
    dts.sort_by_key(|d| d.name());
    dts.dedup();
    let mut out = String::new();
    out.push_str(HEADER);
    // The bindings.
    for (i, a) in k.args.iter().enumerate() {
        let access = if a.role == Role::In { "read" } else { "read_write" };
        let _ = writeln!(out, "@group(0) @binding({i}) var<storage, {access}> a{i}: array<{}>;", sty(a.dtype));
    }
    helpers(&dts, &mut out);
    if dts.contains(&DType::F32) {
        out.push_str(PRELUDE_F32);
    }
    let elementwise = k.phases.len() == 1 && matches!(k.phases[0], Phase::Map { .. });
    let outer: Vec<usize> = (0..k.outer).collect();
    let rows: u64 = k.dims[..k.outer].iter().map(|&d| d as u64).product();
    let mut scratch = vec![None; k.args.len()];
    let mut g = Gen { k, out, rows: !elementwise };
    if elementwise {
        let Phase::Map { dims, stores } = &k.phases[0] else { unreachable!() };
        let all: Vec<usize> = outer.iter().chain(dims).copied().collect();
        let n: u64 = all.iter().map(|&d| k.dims[d] as u64).product();
        let _ = writeln!(
            g.out,
            "@compute @workgroup_size({ELEM_WG})\nfn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {{\n{SET_ZU}  let i = gid.x + gid.y * nwg.x * {ELEM_WG}u;\n  if (i >= {n}u) {{ return; }}"
        );
        g.decompose("i", &all, "r", "  ");
        let roots: Vec<usize> = stores.iter().map(|s| s.value).collect();
        g.nodes(&roots, "  ")?;
        g.stores(stores, "  ");
        g.out.push_str("}\n");
        return Ok(Shader { wgsl: g.out, launch: Launch::Elementwise { n }, scratch });
    }
    // Row kernels: workgroup memory for the reduce trees and results.
    let mut decl = String::new();
    for (p, ph) in k.phases.iter().enumerate() {
        if let Phase::Reduce { op, value, dtype, .. } = ph {
            let vt = vty(k.nodes[*value].dtype);
            let st = if *dtype == DType::Bool { "u32" } else { vty(*dtype) };
            let _ = writeln!(decl, "var<workgroup> sh{p}: array<{vt}, {ROW_WG}>;");
            if matches!(op, ReduceOp::Argmax | ReduceOp::Argmin) {
                let _ = writeln!(decl, "var<workgroup> shi{p}: array<u32, {ROW_WG}>;");
            }
            let _ = writeln!(decl, "var<workgroup> res{p}: {st};");
        }
    }
    for (i, a) in k.args.iter().enumerate() {
        if a.role == Role::Scratch {
            scratch[i] = Some(a.len);
        }
    }
    // bool values cannot live in workgroup memory: keep them as u32 there.
    let decl = decl.replace("array<bool,", "array<u32,");
    g.out.push_str(&decl);
    let _ = writeln!(
        g.out,
        "@compute @workgroup_size({ROW_WG})\nfn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {{\n{SET_ZU}  let w = wid.x + wid.y * nwg.x;\n  if (w >= {rows}u) {{ return; }}"
    );
    g.decompose("w", &outer, "ro", "  ");
    for (i, s) in scratch.iter().enumerate() {
        if let Some(len) = s {
            let _ = writeln!(g.out, "  let sbase{i}: i32 = i32(w) * {len};");
        }
    }
    let mut reduced: Vec<usize> = Vec::new();
    for (p, ph) in k.phases.iter().enumerate() {
        let dims = ph.dims().to_vec();
        let np: u64 = dims.iter().map(|&d| k.dims[d] as u64).product();
        // Results of earlier reduce phases, read from workgroup memory.
        let mut pre = String::new();
        for &q in &reduced {
            let Phase::Reduce { dtype, .. } = &k.phases[q] else { continue };
            if *dtype == DType::Bool {
                let _ = writeln!(pre, "    let red{q}: bool = res{q} != 0u;");
            } else {
                let _ = writeln!(pre, "    let red{q}: {} = res{q};", vty(*dtype));
            }
        }
        match ph {
            Phase::Reduce { op, value, dtype, .. } => {
                let vt = k.nodes[*value].dtype;
                let arg = matches!(op, ReduceOp::Argmax | ReduceOp::Argmin);
                let ws = |x: &str| if vt == DType::Bool { format!("select(0u, 1u, {x})") } else { x.to_string() };
                let rs = |x: &str| if vt == DType::Bool { format!("({x} != 0u)") } else { x.to_string() };
                let _ = writeln!(g.out, "  {{\n    var acc: {} = {};", vty(vt), identity(*op, vt));
                // A float sum's invocation folds thousands of elements of a long row: compensated,
                // so its error stays a few ulps whatever the length (the tree after adds 8 levels).
                let kahan = *op == ReduceOp::Sum && vt.is_float();
                if kahan {
                    let _ = writeln!(g.out, "    var kc: {} = {};", vty(vt), zero(vt));
                }
                if arg {
                    g.out.push_str("    var acci: u32 = 0xffffffffu;\n");
                }
                let _ = writeln!(g.out, "    for (var t: u32 = lid; t < {np}u; t = t + {ROW_WG}u) {{");
                g.out.push_str(&pre);
                g.decompose("t", &dims, "ri", "    ");
                g.nodes(&[*value], "    ")?;
                if arg {
                    let better = better(*op, vt, &format!("n{value}"), "t", "acc", "acci");
                    let _ = writeln!(g.out, "    if ({better}) {{ acc = n{value}; acci = t; }}");
                } else if kahan {
                    // Kahan's compensated step (each operation kept by `m_opq`); a compensation
                    // that is not finite (an infinity or NaN reached the sum) becomes 0.
                    let y = binary(BinOp::Sub, vt, &format!("n{value}"), "kc")?;
                    let _ = writeln!(g.out, "    let ky = {y};");
                    let t = binary(BinOp::Add, vt, "acc", "ky")?;
                    let _ = writeln!(g.out, "    let kt = {t};");
                    let d = binary(BinOp::Sub, vt, "kt", "acc")?;
                    let c = binary(BinOp::Sub, vt, &d, "ky")?;
                    let _ = writeln!(g.out, "    let kn = {c};\n    kc = select({z}, kn, abs(kn) < {inf});\n    acc = kt;", z = zero(vt), inf = max_value(vt));
                } else {
                    let _ = writeln!(g.out, "    acc = {};", combine(*op, vt, "acc", &format!("n{value}"))?);
                }
                g.out.push_str("    }\n");
                if kahan {
                    let _ = writeln!(g.out, "    acc = {};", binary(BinOp::Sub, vt, "acc", "kc")?);
                }
                let _ = writeln!(g.out, "    sh{p}[lid] = {};", ws("acc"));
                if arg {
                    let _ = writeln!(g.out, "    shi{p}[lid] = acci;");
                }
                g.out.push_str("  }\n  workgroupBarrier();\n");
                let mut s = ROW_WG / 2;
                while s > 0 {
                    let a = rs(&format!("sh{p}[lid]"));
                    let b = rs(&format!("sh{p}[lid + {s}u]"));
                    if arg {
                        let bt = better(*op, vt, &b, &format!("shi{p}[lid + {s}u]"), &a, &format!("shi{p}[lid]"));
                        let _ = writeln!(g.out, "  if (lid < {s}u) {{ if ({bt}) {{ sh{p}[lid] = sh{p}[lid + {s}u]; shi{p}[lid] = shi{p}[lid + {s}u]; }} }}");
                    } else {
                        let _ = writeln!(g.out, "  if (lid < {s}u) {{ sh{p}[lid] = {}; }}", ws(&combine(*op, vt, &a, &b)?));
                    }
                    g.out.push_str("  workgroupBarrier();\n");
                    s /= 2;
                }
                let res = if arg {
                    let v = cast(DType::I64, *dtype, &format!("i64(shi{p}[0])"));
                    if *dtype == DType::I32 {
                        format!("i32(shi{p}[0])")
                    } else {
                        v
                    }
                } else if *dtype == vt {
                    format!("sh{p}[0]")
                } else {
                    cast(vt, *dtype, &rs(&format!("sh{p}[0]")))
                };
                let _ = writeln!(g.out, "  if (lid == 0u) {{ res{p} = {res}; }}\n  workgroupBarrier();");
                reduced.push(p);
            }
            Phase::Map { stores, .. } => {
                let _ = writeln!(g.out, "  for (var t: u32 = lid; t < {np}u; t = t + {ROW_WG}u) {{");
                g.out.push_str(&pre);
                g.decompose("t", &dims, "ri", "    ");
                let roots: Vec<usize> = stores.iter().map(|s| s.value).collect();
                g.nodes(&roots, "    ")?;
                g.stores(stores, "    ");
                g.out.push_str("  }\n  storageBarrier();\n  workgroupBarrier();\n");
            }
        }
    }
    g.out.push_str("}\n");
    let _ = g.rows;
    Ok(Shader { wgsl: g.out, launch: Launch::Rows { rows }, scratch })
}

/// Whether `(v, i)` beats `(acc, acci)` for argmax/argmin: NaN first, then the larger
/// (smaller) value, then the smaller position.
fn better(op: ReduceOp, dt: DType, v: &str, i: &str, acc: &str, acci: &str) -> String {
    let (nv, na) = (is_nan(dt, v), is_nan(dt, acc));
    let cmp = if op == ReduceOp::Argmax { ">" } else { "<" };
    let v = if dt == DType::Bool { format!("u32({v})") } else { v.to_string() };
    let acc = if dt == DType::Bool { format!("u32({acc})") } else { acc.to_string() };
    format!("({acci} == 0xffffffffu) || ({nv} && (!{na} || {i} < {acci})) || (!{na} && !{nv} && (({v} {cmp} {acc}) || ({v} == {acc} && {i} < {acci})))")
}

/// Tile sizes of the dot shader: `TILE`×`TILE` outputs per workgroup of 16×16 invocations (each
/// `TILE/16`² outputs), `TK` contracting elements per step through workgroup memory.
pub fn dot_tiles(dt: DType) -> (u32, u32) {
    if dt.size_bytes() == 8 {
        (32, 8)
    } else {
        (64, 16)
    }
}

/// A mixed-radix decomposition of index `i` over `dims` of `shape` into an offset with `strides`.
fn offset_fn(name: &str, shape: &[usize], strides: &[i64], dims: &[usize]) -> String {
    let ds: Vec<usize> = dims.iter().copied().filter(|&d| shape[d] != 1).collect();
    let mut s = format!("fn {name}(i0: u32) -> i32 {{\n  var r = i0;\n  var o: i32 = 0;\n");
    for (j, &d) in ds.iter().enumerate().rev() {
        if j == 0 {
            let _ = writeln!(s, "  o = o + i32(r) * {};", strides[d]);
        } else {
            let _ = writeln!(s, "  o = o + i32(r % {sz}u) * {st}; r = r / {sz}u;", sz = shape[d], st = strides[d]);
        }
    }
    s.push_str("  return o;\n}\n");
    s
}

/// The tiled `dot_general` shader for the views `lv`, `rv` (float32/float64/int32/int64).
/// Returns the shader and the batch, m, n, k sizes.
pub fn dot(prim: &Prim, lv: &StridedView, rv: &StridedView, dt: DType) -> Result<Shader, Unsupported> {
    let Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } = prim else {
        return Err("a dot step without dot_general".into());
    };
    let free = |n: usize, c: &[usize], b: &[usize]| -> Vec<usize> { (0..n).filter(|d| !c.contains(d) && !b.contains(d)).collect() };
    let (lf, rf) = (free(lv.shape.len(), lhs_contract, lhs_batch), free(rv.shape.len(), rhs_contract, rhs_batch));
    let size = |v: &StridedView, ds: &[usize]| -> u64 { ds.iter().map(|&d| v.shape[d] as u64).product() };
    let (nb, m, n, kk) = (size(lv, lhs_batch), size(lv, &lf), size(rv, &rf), size(lv, lhs_contract));
    let (tile, tk) = dot_tiles(dt);
    let per = tile / 16;
    // bool products are sums of products of 0/1 words, clamped to 1 at the store.
    let t = sty(dt);
    let store = if dt == DType::Bool { "min(acc[i * PER + j], 1u)" } else { "acc[i * PER + j]" };
    let mut out = String::new();
    out.push_str(HEADER);
    let _ = writeln!(out, "@group(0) @binding(0) var<storage, read> lhs: array<{t}>;\n@group(0) @binding(1) var<storage, read> rhs: array<{t}>;\n@group(0) @binding(2) var<storage, read_write> outp: array<{t}>;");
    out.push_str(&offset_fn("l_batch", &lv.shape, &lv.strides, lhs_batch));
    out.push_str(&offset_fn("r_batch", &rv.shape, &rv.strides, rhs_batch));
    out.push_str(&offset_fn("l_free", &lv.shape, &lv.strides, &lf));
    out.push_str(&offset_fn("r_free", &rv.shape, &rv.strides, &rf));
    out.push_str(&offset_fn("l_k", &lv.shape, &lv.strides, lhs_contract));
    out.push_str(&offset_fn("r_k", &rv.shape, &rv.strides, rhs_contract));
    let _ = write!(
        out,
        r#"const M: u32 = {m}u;
const N: u32 = {n}u;
const K: u32 = {kk}u;
const TILE: u32 = {tile}u;
const TK: u32 = {tk}u;
const PER: u32 = {per}u;
var<workgroup> ta: array<{t}, {ta}>;
var<workgroup> tb: array<{t}, {ta}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) li: u32, @builtin(num_workgroups) nwg: vec3<u32>) {{
  ZU = nwg.z >> 31u;
  let b = wid.z;
  let row0 = wid.y * TILE;
  let col0 = wid.x * TILE;
  let lb = {lo} + l_batch(b);
  let rb = {ro} + r_batch(b);
  var acc: array<{t}, {pp}>;
  for (var i = 0u; i < {pp}u; i = i + 1u) {{ acc[i] = {t}(0); }}
  for (var k0 = 0u; k0 < K; k0 = k0 + TK) {{
    for (var e = li; e < TILE * TK; e = e + 256u) {{
      let r = e / TK;
      let c = e % TK;
      let gr = row0 + r;
      let gk = k0 + c;
      var va = {t}(0);
      if (gr < M && gk < K) {{ va = lhs[lb + l_free(gr) + l_k(gk)]; }}
      ta[r * TK + c] = va;
      let kr = e / TILE;
      let cc = e % TILE;
      let gc = col0 + cc;
      let gk2 = k0 + kr;
      var vb = {t}(0);
      if (gc < N && gk2 < K) {{ vb = rhs[rb + r_free(gc) + r_k(gk2)]; }}
      tb[kr * TILE + cc] = vb;
    }}
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk = kk + 1u) {{
      for (var i = 0u; i < PER; i = i + 1u) {{
        let a = ta[(lid.y + i * 16u) * TK + kk];
        for (var j = 0u; j < PER; j = j + 1u) {{
          acc[i * PER + j] = acc[i * PER + j] + a * tb[kk * TILE + lid.x + j * 16u];
        }}
      }}
    }}
    workgroupBarrier();
  }}
  for (var i = 0u; i < PER; i = i + 1u) {{
    let gr = row0 + lid.y + i * 16u;
    for (var j = 0u; j < PER; j = j + 1u) {{
      let gc = col0 + lid.x + j * 16u;
      if (gr < M && gc < N) {{ outp[b * M * N + gr * N + gc] = {store}; }}
    }}
  }}
}}
"#,
        ta = tile * tk,
        pp = per * per,
        lo = lv.offset,
        ro = rv.offset,
    );
    let gx = n.div_ceil(tile as u64);
    let gy = m.div_ceil(tile as u64);
    if gx > 65535 || gy > 65535 || nb > 65535 {
        return Err(format!("a dot_general of {nb} × {m} × {n} outputs needs more workgroups than one dispatch has"));
    }
    let launch = if nb == 0 || m == 0 || n == 0 { Launch::Grid { x: 0, y: 0, z: 0 } } else { Launch::Grid { x: gx as u32, y: gy as u32, z: nb as u32 } };
    Ok(Shader { wgsl: out, launch, scratch: Vec::new() })
}

//! `math`: CPython 3.11's math module, function for function. The one-argument functions call the
//! same C library functions CPython calls (declared in `libm` below), with CPython's rules for
//! turning NaN and infinite results into `ValueError("math domain error")` and
//! `OverflowError("math range error")`; the functions CPython implements itself (`gamma`,
//! `lgamma`, `remainder`, `fsum`, `hypot`, `dist`, `ulp`, `pow`, `log`, …) are ported line for
//! line, so results are bit-identical with CPython on the same C library.
//!
//! Integer functions (`factorial`, `comb`, `perm`, `gcd`, `lcm`, `isqrt`, `prod`, `floor`, …)
//! work on Slope's 64-bit ints: a result that does not fit is an `OverflowError` that says so,
//! where CPython would return a big int.

use super::{err, index, module, nargs, no_kw, real, set, Entry};
use lang::native::{BinOp, Builtin, Diagnostic, Interp, Kwargs, Result, Value};
use std::rc::Rc;

/// The C library functions CPython's math module calls.
mod libm {
    use std::ffi::c_int;
    extern "C" {
        pub fn acos(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn frexp(x: f64, e: *mut c_int) -> f64;
        pub fn ldexp(x: f64, e: c_int) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn modf(x: f64, ip: *mut f64) -> f64;
        pub fn nextafter(x: f64, y: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
    }
}

// Safe wrappers: the C functions are pure and total on doubles.
macro_rules! c1 {
    ($($name:ident),*) => { $(pub(crate) fn $name(x: f64) -> f64 { unsafe { libm::$name(x) } })* };
}
c1!(acos, acosh, asin, asinh, atan, atanh, cos, cosh, erf, erfc, exp, exp2, expm1, log, log10, log1p, log2, sin, sinh, tan, tanh);

/// The C library's `cbrt`. Rust's runtime links its own `cbrt` into the binary, which would
/// shadow a plain declaration and differs from glibc's by an ulp, so the C library's is looked
/// up by name.
pub(crate) fn cbrt(x: f64) -> f64 {
    type F = unsafe extern "C" fn(f64) -> f64;
    static C_CBRT: std::sync::OnceLock<Option<F>> = std::sync::OnceLock::new();
    let f = C_CBRT.get_or_init(|| {
        // SAFETY: dlsym with a NUL-terminated name; a non-null result is the address of the C
        // library's `double cbrt(double)`.
        let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"cbrt".as_ptr()) };
        (!p.is_null()).then(|| unsafe { std::mem::transmute::<*mut libc::c_void, F>(p) })
    });
    match f {
        // SAFETY: a pure C function of a double.
        Some(f) => unsafe { f(x) },
        None => x.cbrt(),
    }
}

pub(crate) fn fmod(x: f64, y: f64) -> f64 {
    unsafe { libm::fmod(x, y) }
}
pub(crate) fn pow(x: f64, y: f64) -> f64 {
    unsafe { libm::pow(x, y) }
}
fn c_atan2(y: f64, x: f64) -> f64 {
    unsafe { libm::atan2(y, x) }
}
fn nextafter(x: f64, y: f64) -> f64 {
    unsafe { libm::nextafter(x, y) }
}
fn frexp(x: f64) -> (f64, i32) {
    let mut e: std::ffi::c_int = 0;
    let m = unsafe { libm::frexp(x, &mut e) };
    (m, e)
}
fn ldexp(x: f64, e: i32) -> f64 {
    unsafe { libm::ldexp(x, e) }
}
fn modf(x: f64) -> (f64, f64) {
    let mut ip = 0.0;
    let f = unsafe { libm::modf(x, &mut ip) };
    (f, ip)
}

const PI: f64 = std::f64::consts::PI;

fn domain() -> Diagnostic {
    err("ValueError", "math domain error").with_help("the argument is outside the function's domain (for example sqrt or log of a negative number)")
}

fn range() -> Diagnostic {
    err("OverflowError", "math range error").with_help("the result is too large for a float")
}

/// An integer result that does not fit Slope's 64-bit ints.
fn int_overflow(what: String) -> Diagnostic {
    err("OverflowError", format!("{what} does not fit in Slope's 64-bit ints")).with_help("Slope's ints are 64-bit (Python's are unbounded); use floats (math.lgamma, math.exp) for numbers this large")
}

/// How a C-level errno maps to Python: CPython's `is_error`.
enum Errno {
    None,
    Dom,
    Range,
}

fn check(r: f64, e: Errno) -> Result<Value> {
    match e {
        Errno::None => Ok(Value::Float(r)),
        Errno::Dom => Err(domain()),
        // Underflow (a result near zero) is not an error.
        Errno::Range if r.abs() < 1.5 => Ok(Value::Float(r)),
        Errno::Range => Err(range()),
    }
}

type F1 = fn(f64) -> f64;

/// The functions CPython wraps with `math_1`: (name, function, can overflow, doc).
const UNARY: &[(&str, F1, bool, &str)] = &[
    ("acos", acos, false, "acos(x): the arc cosine of x, in radians, between 0 and pi."),
    ("acosh", acosh, false, "acosh(x): the inverse hyperbolic cosine of x."),
    ("asin", asin, false, "asin(x): the arc sine of x, in radians, between -pi/2 and pi/2."),
    ("asinh", asinh, false, "asinh(x): the inverse hyperbolic sine of x."),
    ("atan", atan, false, "atan(x): the arc tangent of x, in radians, between -pi/2 and pi/2."),
    ("atanh", atanh, false, "atanh(x): the inverse hyperbolic tangent of x."),
    ("cbrt", cbrt, false, "cbrt(x): the cube root of x."),
    ("cos", cos, false, "cos(x): the cosine of x (in radians)."),
    ("cosh", cosh, true, "cosh(x): the hyperbolic cosine of x."),
    ("exp", exp, true, "exp(x): e raised to the power of x."),
    ("exp2", exp2, true, "exp2(x): 2 raised to the power of x."),
    ("expm1", expm1, true, "expm1(x): exp(x) - 1, accurate for x near zero."),
    ("fabs", f64::abs, false, "fabs(x): the absolute value of x, as a float."),
    ("log1p", m_log1p, false, "log1p(x): the natural logarithm of 1 + x, accurate for x near zero."),
    ("sin", sin, false, "sin(x): the sine of x (in radians)."),
    ("sinh", sinh, true, "sinh(x): the hyperbolic sine of x."),
    ("sqrt", f64::sqrt, false, "sqrt(x): the square root of x."),
    ("tan", tan, false, "tan(x): the tangent of x (in radians)."),
    ("tanh", tanh, false, "tanh(x): the hyperbolic tangent of x."),
];

fn m_log1p(x: f64) -> f64 {
    // CPython keeps the sign of a zero argument.
    if x == 0.0 {
        x
    } else {
        log1p(x)
    }
}

/// The one float argument of `math.f(x)`.
fn one(it: &mut Interp, name: &str, args: &[Value], kw: &Kwargs) -> Result<f64> {
    no_kw(kw, &format!("math.{name}"))?;
    if args.len() != 1 {
        return Err(err("TypeError", format!("math.{name}() takes exactly one argument ({} given)", args.len())).with_help(format!("call math.{name}(x) with one number")));
    }
    real(it, &args[0])
}

/// Two float arguments.
fn two(it: &mut Interp, name: &str, args: &[Value], kw: &Kwargs) -> Result<(f64, f64)> {
    no_kw(kw, &format!("math.{name}"))?;
    nargs(args, 2, 2, name)?;
    Ok((real(it, &args[0])?, real(it, &args[1])?))
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error, an infinity from a finite
/// argument is a range error (when the function can overflow) or a domain error (a pole).
fn math_1(x: f64, f: F1, can_overflow: bool) -> Result<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Value::Float(r))
}

fn unary(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = one(it, &b.name, &args, &kw)?;
    let (_, f, can_overflow, _) = UNARY.iter().find(|(n, ..)| *n == b.name.as_ref()).ok_or_else(|| err("RuntimeError", format!("internal error: no math.{}", b.name)))?;
    math_1(x, *f, *can_overflow)
}

/// CPython's `math_2` error rules for two-argument functions.
fn math_2(x: f64, y: f64, r: f64) -> Result<Value> {
    let e = if r.is_nan() {
        if !x.is_nan() && !y.is_nan() {
            Errno::Dom
        } else {
            Errno::None
        }
    } else if r.is_infinite() {
        if x.is_finite() && y.is_finite() {
            Errno::Range
        } else {
            Errno::None
        }
    } else {
        Errno::None
    };
    check(r, e)
}

fn binary(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (x, y) = two(it, &b.name, &args, &kw)?;
    let r = match b.name.as_ref() {
        "atan2" => m_atan2(x, y),
        "copysign" => x.copysign(y),
        "remainder" => m_remainder(x, y),
        "nextafter" => return Ok(Value::Float(nextafter(x, y))),
        "fmod" => {
            // fmod(x, ±inf) is x for finite x.
            if y.is_infinite() && x.is_finite() {
                return Ok(Value::Float(x));
            }
            let r = fmod(x, y);
            if r.is_nan() && !x.is_nan() && !y.is_nan() {
                return Err(domain());
            }
            return Ok(Value::Float(r));
        }
        "pow" => return m_pow(x, y),
        other => return Err(err("RuntimeError", format!("internal error: no math.{other}"))),
    };
    math_2(x, y, r)
}

fn m_atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if 1f64.copysign(x) == 1.0 { (0.25 * PI).copysign(y) } else { (0.75 * PI).copysign(y) };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if 1f64.copysign(x) == 1.0 { 0f64.copysign(y) } else { PI.copysign(y) };
    }
    c_atan2(y, x)
}

fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = fmod(absx, absy);
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Exactly halfway: choose the even multiple.
            m - 2.0 * fmod(0.5 * (absx - m), absy)
        };
        return 1f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn m_pow(x: f64, y: f64) -> Result<Value> {
    let mut e = Errno::None;
    let r;
    if !x.is_finite() || !y.is_finite() {
        r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && fmod(y.abs(), 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
    } else {
        r = pow(x, y);
        if r.is_nan() {
            e = Errno::Dom;
        } else if r.is_infinite() {
            e = if x == 0.0 { Errno::Dom } else { Errno::Range };
        }
    }
    check(r, e)
}

// ---------------------------------------------------------------------------------------------
// gamma and lgamma: CPython's Lanczos approximation (N = 13, g = 6.024680040776729583740234375).

#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024680040776729583740234375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0];
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0, 6227020800.0, 87178291200.0,
    1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0, 121645100408832000.0, 2432902008176640000.0,
    51090942171709440000.0, 1124000727777607680000.0,
];
#[allow(clippy::excessive_precision)]
const LOGPI: f64 = 1.144729885849400174143427351353058711647;

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), accurate for x near an integer.
fn m_sinpi(x: f64) -> f64 {
    let y = fmod(x.abs(), 2.0);
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => sin(PI * y),
        1 => cos(PI * (y - 0.5)),
        2 => sin(PI * (1.0 - y)),
        3 => -cos(PI * (y - 1.5)),
        _ => sin(PI * (y - 2.0)),
    };
    1f64.copysign(x) * r
}

fn m_tgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::None);
        }
        return (f64::NAN, Errno::Dom);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Errno::Dom);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Errno::Dom);
        }
        if x <= 23.0 {
            return (GAMMA_INTEGRAL[x as usize - 1], Errno::None);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (r, if r.is_infinite() { Errno::Range } else { Errno::None });
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / m_sinpi(x), Errno::None);
        }
        return (f64::INFINITY, Errno::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / m_sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= pow(y, absx - 0.5);
        } else {
            let sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= pow(y, absx - 0.5);
        } else {
            let sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (r, if r.is_infinite() { Errno::Range } else { Errno::None })
}

fn m_lgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, Errno::None);
        }
        return (f64::INFINITY, Errno::None);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, Errno::Dom);
        }
        return (0.0, Errno::None);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-log(absx), Errno::None);
    }
    let mut r = log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        r = LOGPI - log(m_sinpi(absx).abs()) - log(absx) - r;
    }
    (r, if r.is_infinite() { Errno::Range } else { Errno::None })
}

fn special(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = one(it, &b.name, &args, &kw)?;
    let (r, e) = match b.name.as_ref() {
        "gamma" => m_tgamma(x),
        "lgamma" => m_lgamma(x),
        "erf" => (erf(x), Errno::None),
        _ => (erfc(x), Errno::None),
    };
    check(r, e)
}

// ---------------------------------------------------------------------------------------------
// Logarithms.

fn m_log(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            log(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log2(x: f64) -> f64 {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 { x } else { f64::NAN };
    }
    if x > 0.0 {
        log2(x)
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

fn m_log10(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            log10(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// CPython's `loghelper`: ints are checked for sign first (`log(0)` is a domain error).
fn loghelper(it: &mut Interp, v: &Value, f: F1) -> Result<f64> {
    if let Value::Int(_) | Value::Bool(_) = v {
        let n = index(it, v)?;
        if n <= 0 {
            return Err(domain());
        }
        return Ok(f(n as f64));
    }
    let x = real(it, v)?;
    match math_1(x, f, false)? {
        Value::Float(r) => Ok(r),
        _ => Ok(f64::NAN),
    }
}

fn m_log_fn(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.log")?;
    nargs(&args, 1, 2, "log")?;
    let num = loghelper(it, &args[0], m_log)?;
    let Some(base) = args.get(1) else {
        return Ok(Value::Float(num));
    };
    let den = loghelper(it, base, m_log)?;
    if den == 0.0 {
        return Err(err("ZeroDivisionError", "float division by zero").with_help("the logarithm of the base is zero (base 1 has no logarithms)"));
    }
    Ok(Value::Float(num / den))
}

fn log_base(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, &format!("math.{}", b.name))?;
    if args.len() != 1 {
        return Err(err("TypeError", format!("math.{}() takes exactly one argument ({} given)", b.name, args.len())).with_help(format!("call math.{}(x) with one number", b.name)));
    }
    let f = if b.name.as_ref() == "log2" { m_log2 } else { m_log10 };
    Ok(Value::Float(loghelper(it, &args[0], f)?))
}

// ---------------------------------------------------------------------------------------------
// Rounding to ints.

/// A float's integer value as an int (CPython's `PyLong_FromDouble`).
fn float_to_int(x: f64, what: &str) -> Result<Value> {
    if x.is_nan() {
        return Err(err("ValueError", "cannot convert float NaN to integer").with_help("check for NaN first with math.isnan(x)"));
    }
    if x.is_infinite() {
        return Err(err("OverflowError", "cannot convert float infinity to integer").with_help("check for infinities first with math.isinf(x)"));
    }
    // Exactly the floats in [-2**63, 2**63) convert.
    const TWO_63: f64 = (1u64 << 63) as f64;
    if !(-TWO_63..TWO_63).contains(&x) {
        return Err(int_overflow(format!("{what}(x) = {}", lang::native::float_repr(x))));
    }
    Ok(Value::Int(x as i64))
}

fn rounding(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let name = b.name.as_ref();
    no_kw(&kw, &format!("math.{name}"))?;
    if args.len() != 1 {
        return Err(err("TypeError", format!("math.{name}() takes exactly one argument ({} given)", args.len())).with_help(format!("call math.{name}(x) with one number")));
    }
    let v = &args[0];
    match v {
        Value::Int(i) => return Ok(Value::Int(*i)),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Array(a) if a.numel() == 1 && !a.dtype().is_float() => return Ok(Value::Int(index(it, v)?)),
        Value::Float(_) | Value::Array(_) => {}
        other if name == "trunc" => return Err(err("TypeError", format!("type {} doesn't define __trunc__ method", other.type_name())).with_help("pass an int or a float")),
        _ => {}
    }
    let x = real(it, v)?;
    let r = match name {
        "floor" => x.floor(),
        "ceil" => x.ceil(),
        _ => x.trunc(),
    };
    float_to_int(r, &format!("math.{name}"))
}

// ---------------------------------------------------------------------------------------------
// Integer functions.

fn factorial_of(n: i64) -> Result<Value> {
    if n < 0 {
        return Err(err("ValueError", "factorial() not defined for negative values").with_help("factorial(n) needs n >= 0"));
    }
    let mut acc: i64 = 1;
    for i in 2..=n {
        acc = acc.checked_mul(i).ok_or_else(|| int_overflow(format!("factorial({n})")).with_help("the largest factorial Slope's 64-bit ints hold is factorial(20); use math.lgamma(n + 1) for its logarithm"))?;
    }
    Ok(Value::Int(acc))
}

fn factorial(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.factorial")?;
    if args.len() != 1 {
        return Err(err("TypeError", format!("math.factorial() takes exactly one argument ({} given)", args.len())).with_help("call math.factorial(n) with one int"));
    }
    let n = index(it, &args[0])?;
    factorial_of(n)
}

fn nonneg(it: &mut Interp, v: &Value, which: &str) -> Result<i64> {
    let n = index(it, v)?;
    if n < 0 {
        return Err(err("ValueError", format!("{which} must be a non-negative integer")).with_help("comb(n, k) and perm(n, k) count selections, so n and k are >= 0"));
    }
    Ok(n)
}

fn comb(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.comb")?;
    nargs(&args, 2, 2, "comb")?;
    let n = nonneg(it, &args[0], "n")?;
    let k = nonneg(it, &args[1], "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    // C(n, i + 1) = C(n, i) * (n - i) / (i + 1), exact at every step; the intermediate values
    // grow up to the result, so an overflow anywhere means the result overflows.
    let mut r: u128 = 1;
    for i in 0..k as u128 {
        r = r * (n as u128 - i) / (i + 1);
        if r > i64::MAX as u128 {
            return Err(int_overflow(format!("comb({n}, {k})")));
        }
    }
    Ok(Value::Int(r as i64))
}

fn perm(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.perm")?;
    nargs(&args, 1, 2, "perm")?;
    if args.get(1).is_none_or(|k| k.is_none()) {
        let n = index(it, &args[0])?;
        return factorial_of(n);
    }
    let n = nonneg(it, &args[0], "n")?;
    let k = nonneg(it, &args[1], "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut r: i64 = 1;
    for i in 0..k {
        r = r.checked_mul(n - i).ok_or_else(|| int_overflow(format!("perm({n}, {k})")))?;
    }
    Ok(Value::Int(r))
}

fn gcd2(a: i64, b: i64) -> Result<i64> {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i64::try_from(a).map_err(|_| int_overflow("gcd(...) = 2**63".into()))
}

fn gcd(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.gcd")?;
    let mut r = 0;
    for v in &args {
        let x = index(it, v)?;
        r = gcd2(r, x)?;
    }
    Ok(Value::Int(r))
}

fn lcm(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.lcm")?;
    let mut r: i64 = 1;
    for v in &args {
        let x = index(it, v)?;
        if r == 0 || x == 0 {
            r = 0;
            continue;
        }
        let g = gcd2(r, x)?;
        r = (r / g).checked_mul(x).and_then(|m| m.checked_abs()).ok_or_else(|| int_overflow("lcm(...)".into()))?;
    }
    Ok(Value::Int(r))
}

fn isqrt(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.isqrt")?;
    if args.len() != 1 {
        return Err(err("TypeError", format!("math.isqrt() takes exactly one argument ({} given)", args.len())).with_help("call math.isqrt(n) with one int"));
    }
    let n = index(it, &args[0])?;
    if n < 0 {
        return Err(err("ValueError", "isqrt() argument must be nonnegative").with_help("isqrt(n) needs n >= 0"));
    }
    let n = n as u128;
    let mut a = (n as f64).sqrt() as u128;
    while a * a > n {
        a -= 1;
    }
    while (a + 1) * (a + 1) <= n {
        a += 1;
    }
    Ok(Value::Int(a as i64))
}

fn prod(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 1, "prod")?;
    let mut acc = Value::Int(1);
    for (k, v) in &kw {
        if k.as_ref() != "start" {
            return Err(err("TypeError", format!("prod() got an unexpected keyword argument '{k}'")).with_help("prod takes an iterable and start="));
        }
        acc = v.clone();
    }
    for item in it.iterate(&args[0])? {
        acc = it.binop(BinOp::Mul, &acc, &item)?;
    }
    Ok(acc)
}

// ---------------------------------------------------------------------------------------------
// Sums and norms.

/// Shewchuk's exact summation, as CPython's `math_fsum`.
fn fsum(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.fsum")?;
    if args.len() != 1 {
        return Err(err("TypeError", format!("math.fsum() takes exactly one argument ({} given)", args.len())).with_help("call math.fsum(iterable)"));
    }
    let mut p: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for item in it.iterate(&args[0])? {
        let mut x = real(it, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // An infinity or NaN among the items, or an intermediate overflow.
                if xsave.is_finite() {
                    return Err(err("OverflowError", "intermediate overflow in fsum").with_help("the partial sums exceed the float range"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(err("ValueError", "-inf + inf in fsum").with_help("the items hold both +inf and -inf"));
        }
        return Ok(Value::Float(special_sum));
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across several partials.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

/// CPython's `vector_norm`: the Euclidean norm of non-negative finite `vec` (of maximum `max`),
/// with scaling, Veltkamp–Dekker squaring, compensated summation and a corrected square root.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    if max_e >= -1023 {
        let scale = ldexp(1.0, -max_e);
        for &v in vec {
            let x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            let x = hi * hi;
            let old = csum;
            csum += x;
            frac1 += (old - csum) + x;
            let x = 2.0 * hi * lo;
            let old = csum;
            csum += x;
            frac2 += (old - csum) + x;
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let x = h;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;
        let x = -hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = -2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        let x = -lo * lo;
        let old = csum;
        csum += x;
        frac3 += (old - csum) + x;
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // Subnormal maximum: divide by it instead of scaling by a power of two.
    for &v in vec {
        let x = v / max;
        let x = x * x;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

fn norm_of(xs: impl Iterator<Item = f64>) -> f64 {
    let (mut max, mut nan) = (0.0f64, false);
    let v: Vec<f64> = xs
        .map(|x| {
            let x = x.abs();
            nan |= x.is_nan();
            if x > max {
                max = x;
            }
            x
        })
        .collect();
    vector_norm(&v, max, nan)
}

fn hypot(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.hypot")?;
    let xs = args.iter().map(|v| real(it, v)).collect::<Result<Vec<f64>>>()?;
    Ok(Value::Float(norm_of(xs.into_iter())))
}

fn dist(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.dist")?;
    nargs(&args, 2, 2, "dist")?;
    let p = it.iterate(&args[0])?;
    let q = it.iterate(&args[1])?;
    if p.len() != q.len() {
        return Err(err("ValueError", "both points must have the same number of dimensions").with_help(format!("the first point has {} coordinates, the second {}", p.len(), q.len())));
    }
    let mut d = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        d.push(real(it, a)? - real(it, b)?);
    }
    Ok(Value::Float(norm_of(d.into_iter())))
}

// ---------------------------------------------------------------------------------------------
// Float decomposition and classification.

fn frexp_fn(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = one(it, &b.name, &args, &kw)?;
    let (m, e) = if x.is_nan() || x.is_infinite() || x == 0.0 { (x, 0) } else { frexp(x) };
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

fn ldexp_fn(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "math.ldexp")?;
    nargs(&args, 2, 2, "ldexp")?;
    let x = real(it, &args[0])?;
    let e = match &args[1] {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => return Err(err("TypeError", "Expected an int as second argument to ldexp.").with_help("the exponent must be an int")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    if e > i32::MAX as i64 {
        return Err(range());
    }
    if e < i32::MIN as i64 {
        return Ok(Value::Float(0f64.copysign(x)));
    }
    let r = ldexp(x, e as i32);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}

fn modf_fn(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = one(it, &b.name, &args, &kw)?;
    let (f, i) = if x.is_infinite() {
        (0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        modf(x)
    };
    Ok(Value::tuple(vec![Value::Float(f), Value::Float(i)]))
}

fn ulp(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = one(it, &b.name, &args, &kw)?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let x2 = nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return Ok(Value::Float(x - nextafter(x, f64::NEG_INFINITY)));
    }
    Ok(Value::Float(x2 - x))
}

fn classify(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = one(it, &b.name, &args, &kw)?;
    Ok(match b.name.as_ref() {
        "isnan" => Value::Bool(x.is_nan()),
        "isinf" => Value::Bool(x.is_infinite()),
        "isfinite" => Value::Bool(x.is_finite()),
        "degrees" => Value::Float(x * (180.0 / PI)),
        _ => Value::Float(x * (PI / 180.0)),
    })
}

fn isclose(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 2, 2, "isclose")?;
    let (a, b) = (real(it, &args[0])?, real(it, &args[1])?);
    let (mut rel_tol, mut abs_tol) = (1e-9, 0.0);
    for (k, v) in &kw {
        match k.as_ref() {
            "rel_tol" => rel_tol = real(it, v)?,
            "abs_tol" => abs_tol = real(it, v)?,
            other => return Err(err("TypeError", format!("isclose() got an unexpected keyword argument '{other}'")).with_help("isclose accepts rel_tol= and abs_tol=")),
        }
    }
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(err("ValueError", "tolerances must be non-negative").with_help("pass rel_tol >= 0 and abs_tol >= 0"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol))
}

/// The module: every function of CPython 3.11's `math` and its five constants.
pub fn build(_it: &mut Interp) -> Result<Value> {
    let mut fns: Vec<Entry> = UNARY.iter().map(|(n, _, _, doc)| (*n, unary as lang::native::NativeFn, *doc)).collect();
    fns.extend_from_slice(&[
        ("atan2", binary, "atan2(y, x): the arc tangent of y/x, in radians, with the signs of both deciding the quadrant."),
        ("copysign", binary, "copysign(x, y): a float with the magnitude of x and the sign of y."),
        ("fmod", binary, "fmod(x, y): the C library's remainder of x / y (its sign is x's; x % y may differ)."),
        ("remainder", binary, "remainder(x, y): x - n*y for the integer n closest to x/y (ties to even); exact."),
        ("nextafter", binary, "nextafter(x, y): the next float after x towards y."),
        ("pow", binary, "pow(x, y): x raised to the power y, as floats."),
        ("gamma", special, "gamma(x): the gamma function at x."),
        ("lgamma", special, "lgamma(x): the natural logarithm of the absolute value of the gamma function at x."),
        ("erf", special, "erf(x): the error function at x."),
        ("erfc", special, "erfc(x): the complementary error function at x, 1 - erf(x)."),
        ("log", m_log_fn, "log(x[, base]): the logarithm of x to the base (e by default)."),
        ("log2", log_base, "log2(x): the base-2 logarithm of x."),
        ("log10", log_base, "log10(x): the base-10 logarithm of x."),
        ("floor", rounding, "floor(x): the largest int <= x."),
        ("ceil", rounding, "ceil(x): the smallest int >= x."),
        ("trunc", rounding, "trunc(x): x truncated towards zero, as an int."),
        ("factorial", factorial, "factorial(n): n! for an int n >= 0 (at most 20 with 64-bit ints)."),
        ("comb", comb, "comb(n, k): the number of ways to choose k of n items without order."),
        ("perm", perm, "perm(n, k=None): the number of ways to choose k of n items in order (n! without k)."),
        ("gcd", gcd, "gcd(*integers): the greatest common divisor of the ints (0 for none)."),
        ("lcm", lcm, "lcm(*integers): the least common multiple of the ints (1 for none)."),
        ("isqrt", isqrt, "isqrt(n): the integer square root of an int n >= 0 (the largest a with a*a <= n)."),
        ("prod", prod, "prod(iterable, *, start=1): the product of start and the items."),
        ("fsum", fsum, "fsum(iterable): the exactly rounded float sum of the items."),
        ("hypot", hypot, "hypot(*coordinates): the Euclidean distance from the origin to the point."),
        ("dist", dist, "dist(p, q): the Euclidean distance between points p and q."),
        ("frexp", frexp_fn, "frexp(x): the mantissa and exponent (m, e) of x, with x = m * 2**e and 0.5 <= |m| < 1."),
        ("ldexp", ldexp_fn, "ldexp(x, i): x * 2**i."),
        ("modf", modf_fn, "modf(x): the fractional and integer parts of x, both floats with x's sign."),
        ("ulp", ulp, "ulp(x): the value of the least significant bit of the float x."),
        ("isnan", classify, "isnan(x): whether x is a NaN."),
        ("isinf", classify, "isinf(x): whether x is a positive or negative infinity."),
        ("isfinite", classify, "isfinite(x): whether x is neither an infinity nor a NaN."),
        ("degrees", classify, "degrees(x): the angle x converted from radians to degrees."),
        ("radians", classify, "radians(x): the angle x converted from degrees to radians."),
        ("isclose", isclose, "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0): whether a and b are close in value."),
    ]);
    let m = module("math", &fns);
    set(&m, "pi", Value::Float(PI));
    set(&m, "e", Value::Float(std::f64::consts::E));
    set(&m, "tau", Value::Float(std::f64::consts::TAU));
    set(&m, "inf", Value::Float(f64::INFINITY));
    set(&m, "nan", Value::Float(f64::NAN));
    Ok(Value::Module(Rc::new(m)))
}

//! Printing arrays as numpy prints them: `str` (print) and `repr`.
//!
//! This module owns the textual form of host arrays and scalars. It follows numpy 2.x's
//! `numpy/_core/arrayprint.py` step by step: one formatter is chosen for the whole array
//! (`FloatingFormat`, `IntegerFormat` or `BoolFormat`) from the elements that will be shown,
//! every element is padded to a common width, and `_formatArray`'s recursion lays the
//! elements out with nested brackets, line wrapping at `linewidth` and `...` summaries.
//! Float digits come from Rust's shortest round-trip formatting (the same digits as numpy's
//! Dragon4 in `unique` mode) and from Rust's exact fixed-precision formatting where numpy
//! rounds the exact value to a number of digits. Nothing here panics, whatever the input.

use super::{numel, strides, DType, Data, HostArray, Scalar};

/// numpy's print options that Slope supports, with numpy's defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintOptions {
    /// Digits after the decimal point for floats (numpy's `precision`, default 8).
    pub precision: usize,
    /// Arrays with more elements than this are summarised with `...` (default 1000).
    pub threshold: usize,
    /// How many items each edge of a summarised axis shows (default 3).
    pub edgeitems: usize,
    /// The width at which rows wrap (default 75).
    pub linewidth: usize,
    /// When true, small floats print positionally instead of in scientific notation.
    pub suppress: bool,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions { precision: 8, threshold: 1000, edgeitems: 3, linewidth: 75, suppress: false }
    }
}

thread_local! {
    /// The options `np.set_printoptions` set: one set per thread, as numpy has one per process
    /// (a session runs on one thread).
    static CURRENT: std::cell::RefCell<PrintOptions> = std::cell::RefCell::new(PrintOptions::default());
}

/// The print options in force (`np.get_printoptions`).
pub fn print_options() -> PrintOptions {
    CURRENT.with(|c| c.borrow().clone())
}

/// Replace the print options in force (`np.set_printoptions`).
pub fn set_print_options(o: PrintOptions) {
    CURRENT.with(|c| *c.borrow_mut() = o);
}

/// numpy's `str(a)`, which is what `print(a)` shows, under the print options in force.
pub fn array_str(a: &HostArray) -> String {
    array_str_with_options(a, &print_options())
}

/// numpy's `str(a)` under the given print options.
pub fn array_str_with_options(a: &HostArray, opts: &PrintOptions) -> String {
    let shape = checked_shape(a);
    if shape.is_empty() {
        // A 0-d array prints as its scalar, unaffected by `precision`.
        return if a.is_empty() { String::new() } else { scalar_str(a.get(0)) };
    }
    array2string(a, &shape, opts, " ", 0, 0)
}

/// numpy's `repr(a)`: `prefix(` + the elements + `)`, with `shape=` and `dtype=` appended
/// where numpy shows them. `prefix` is the class name, `array` for numpy and `Array` for JAX.
pub fn array_repr(a: &HostArray, prefix: &str) -> String {
    array_repr_with_options(a, prefix, &print_options())
}

/// numpy's `repr(a)` under the given print options.
pub fn array_repr_with_options(a: &HostArray, prefix: &str, opts: &PrintOptions) -> String {
    let shape = checked_shape(a);
    let size = numel(&shape);
    let open = format!("{prefix}(");
    let lst = array2string(a, &shape, opts, ", ", open.len(), 1);
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || size > opts.threshold {
        extras.push(format!("shape={}", shape_tuple(&shape)));
    }
    let dtype = a.dtype();
    // numpy leaves out its default dtypes; a jax.Array (prefix "Array") always names its dtype.
    if prefix == "Array" || !matches!(dtype, DType::F64 | DType::I64 | DType::Bool) || size == 0 {
        extras.push(format!("dtype={}", dtype.name()));
    }
    if extras.is_empty() {
        return format!("{open}{lst})");
    }
    let arr_str = format!("{open}{lst},");
    let extra_str = format!("{})", extras.join(", "));
    let last_line_len = arr_str.len() - arr_str.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if last_line_len + extra_str.len() + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(open.len()))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra_str}")
}

/// numpy 2's `str` of a scalar: `0.1`, `1e+20`, `3`, `True`.
pub fn scalar_str(s: Scalar) -> String {
    match s {
        Scalar::Bool(v) => if v { "True" } else { "False" }.to_string(),
        Scalar::I32(v) => v.to_string(),
        Scalar::I64(v) => v.to_string(),
        Scalar::F32(v) => float_scalar_str(v as f64, W::S),
        Scalar::F64(v) => float_scalar_str(v, W::D),
        Scalar::F16(v) => float_scalar_str(v as f64, W::H),
        s => s.to_i128().unwrap_or(0).to_string(),
    }
}

/// numpy 2's `repr` of a scalar: `np.float64(0.1)`, `np.int32(3)`, `np.True_`.
pub fn scalar_repr(s: Scalar) -> String {
    match s {
        Scalar::Bool(v) => if v { "np.True_" } else { "np.False_" }.to_string(),
        _ => format!("np.{}({})", s.dtype().name(), scalar_str(s)),
    }
}

/// The shape to print by. A malformed array whose data does not fill its shape prints as
/// the flat list of the data it has, so that printing never indexes out of bounds.
fn checked_shape(a: &HostArray) -> Vec<usize> {
    let n = a.shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d));
    if n == Some(a.len()) {
        a.shape.clone()
    } else {
        vec![a.len()]
    }
}

/// A shape as Python writes a tuple: `()`, `(3,)`, `(2, 3)`.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [d] => format!("({d},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// A float's width: half, single or double precision.
#[derive(Clone, Copy, Debug, PartialEq)]
enum W {
    H,
    S,
    D,
}

/// numpy's scalar float `str`: positional with at least one fraction digit when
/// `1e-4 <= |x| < 1e16` (`1e6` for float32) or zero, otherwise scientific with trailing zeros trimmed.
fn float_scalar_str(x: f64, w: W) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    // numpy switches to scientific at 1e16 for float64 but already at 1e6 for float32; the
    // lower cutoff compares in wide precision, so float32's 1e-4 (just below) is scientific.
    let upper = match w {
        W::H => 1e3,
        W::S => 1e6,
        W::D => 1e16,
    };
    let ax = x.abs();
    if ax == 0.0 || (1e-4..upper).contains(&ax) {
        let s = shortest_pos(x, w);
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        let sci = shortest_sci(x, w);
        let (mant, exp) = split_exp(&sci);
        format!("{mant}e{}", exp_text(exp, 2))
    }
}

/// Shortest round-trip digits in positional notation, for the value's own width.
fn shortest_pos(x: f64, w: W) -> String {
    if w == W::H {
        return half_pos(x);
    }
    let short = if w == W::S { format!("{}", x as f32) } else { format!("{x}") };
    let k = frac_len(&short);
    prefer_exact(x, w, short, format!("{x:.k$}"))
}

/// Shortest round-trip digits in Rust's scientific notation (`1.5e-5`).
fn shortest_sci(x: f64, w: W) -> String {
    if w == W::H {
        return half_sci(x);
    }
    let short = if w == W::S { format!("{:e}", x as f32) } else { format!("{x:e}") };
    let k = frac_len(split_exp(&short).0);
    prefer_exact(x, w, short, format!("{x:.k$e}"))
}

/// Where two digit strings of the shortest length both identify the value, Rust's shortest
/// formatting may pick either, but numpy's Dragon4 takes the exact value rounded half to
/// even at that length. So the exact rounding (`exact`) wins whenever it reads back as the
/// same value of the value's width; otherwise the shortest digits (`short`) stand.
fn prefer_exact(x: f64, w: W, short: String, exact: String) -> String {
    let same = if w != W::D {
        exact.parse::<f32>().is_ok_and(|v| v.to_bits() == (x as f32).to_bits())
    } else {
        exact.parse::<f64>().is_ok_and(|v| v.to_bits() == x.to_bits())
    };
    if same {
        exact
    } else {
        short
    }
}

/// The shortest digits that read back as the float16 `x`, in Rust's scientific notation; of
/// the candidates of that length, the exact value rounded half to even (numpy's Dragon4).
fn half_sci(x: f64) -> String {
    for p in 0..17 {
        let s = format!("{x:.p$e}");
        if s.parse::<f64>().is_ok_and(|v| super::round_f16(v).to_bits() == (x as f32).to_bits()) {
            return s;
        }
    }
    format!("{x:e}")
}

/// `half_sci`'s digits written positionally (`6.55e4` is `65500`, `1e-1` is `0.1`).
fn half_pos(x: f64) -> String {
    let sci = half_sci(x);
    let (m, e) = split_exp(&sci);
    let (sign, m) = m.strip_prefix('-').map_or(("", m), |r| ("-", r));
    let digits: String = m.chars().filter(|c| *c != '.').collect();
    let body = if e >= 0 {
        let e = e as usize;
        if digits.len() > e + 1 {
            format!("{}.{}", &digits[..=e], &digits[e + 1..])
        } else {
            format!("{digits}{}", "0".repeat(e + 1 - digits.len()))
        }
    } else {
        format!("0.{}{digits}", "0".repeat((-e - 1) as usize))
    };
    format!("{sign}{body}")
}

/// Splits Rust's `1.5e-5` into the mantissa and the exponent.
fn split_exp(s: &str) -> (&str, i32) {
    match s.split_once('e') {
        Some((m, e)) => (m, e.parse().unwrap_or(0)),
        None => (s, 0),
    }
}

/// numpy's exponent text: a sign and at least `digits` digits (`+05`, `-100`).
fn exp_text(exp: i32, digits: usize) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{sign}{:0digits$}", exp.unsigned_abs())
}

/// The digits after the decimal point of a positional or mantissa string.
fn frac_len(s: &str) -> usize {
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

/// How trailing zeros are treated (numpy's `trim` argument).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Trim {
    /// Keep every digit (`'k'`).
    Keep,
    /// Trim trailing zeros but keep the decimal point (`'.'`).
    Dot,
}

/// Applies `trim` to a number with or without a decimal point, always leaving the point.
fn trim_number(s: &str, trim: Trim) -> String {
    if !s.contains('.') {
        return format!("{s}.");
    }
    match trim {
        Trim::Keep => s.to_string(),
        Trim::Dot => s.trim_end_matches('0').to_string(),
    }
}

/// numpy's `dragon4_positional` in `unique` mode with `fractional=True`: the shortest
/// digits, or the exact value rounded to `precision` fraction digits when those are fewer,
/// or to `min_digits` when the shortest digits are fewer than that.
fn dragon4_positional(x: f64, w: W, precision: usize, min_digits: usize, trim: Trim) -> String {
    let short = shortest_pos(x, w);
    let n = frac_len(&short);
    let s = if n > precision {
        format!("{x:.precision$}")
    } else if n < min_digits {
        format!("{x:.min_digits$}")
    } else {
        short
    };
    trim_number(&s, trim)
}

/// numpy's `dragon4_scientific` in `unique` mode: returns the mantissa (with its point) and
/// the exponent, the mantissa limited to `precision` fraction digits and padded with exact
/// digits to `min_digits`.
fn dragon4_scientific(x: f64, w: W, precision: usize, min_digits: usize, trim: Trim) -> (String, i32) {
    let short = shortest_sci(x, w);
    let n = frac_len(split_exp(&short).0);
    let s = if n > precision {
        format!("{x:.precision$e}")
    } else if n < min_digits {
        format!("{x:.min_digits$e}")
    } else {
        short
    };
    let (m, e) = split_exp(&s);
    (trim_number(m, trim), e)
}

/// Left-pads `s` with spaces to at least `width` characters.
fn pad_left(s: &str, width: usize) -> String {
    format!("{s:>width$}")
}

/// numpy's `FloatingFormat` in the default `maxprec` float mode.
#[derive(Clone, Debug)]
struct FloatFormat {
    w: W,
    exp_format: bool,
    precision: usize,
    min_digits: usize,
    trim: Trim,
    pad_left: usize,
    pad_right: usize,
    exp_size: usize,
}

impl FloatFormat {
    /// numpy's `fillFormat`: decides the notation and the common widths from the values.
    fn new(values: &[f64], w: W, opts: &PrintOptions) -> FloatFormat {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let mut f = FloatFormat {
            w,
            exp_format: false,
            precision: opts.precision,
            min_digits: 0,
            trim: Trim::Dot,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
        };
        let nonzero: Vec<f64> = finite.iter().filter(|v| **v != 0.0).map(|v| v.abs()).collect();
        if !nonzero.is_empty() {
            let max = nonzero.iter().copied().fold(f64::MIN, f64::max);
            let min = nonzero.iter().copied().fold(f64::MAX, f64::min);
            // numpy compares in the array's own dtype, so float32 arrays compare in f32; the
            // upper cutoff is 10^precision (float16 1e3, float32 1e6, float64 1e8).
            f.exp_format = if w == W::H {
                let h = |v: f64| super::round_f16(v) as f64;
                let (max, min) = (h(max), h(min));
                max >= 1e3 || (!opts.suppress && (min < h(1e-4) || h(max / min) > 1000.0))
            } else if w == W::S {
                let (max, min) = (max as f32, min as f32);
                max >= 1e6 || (!opts.suppress && (min < 1e-4f32 || max / min > 1000f32))
            } else {
                max >= 1e8 || (!opts.suppress && (min < 1e-4 || max / min > 1000.0))
            };
        }
        if finite.is_empty() {
            // Only non-finite values: the widths come from `nan`/`inf` below.
        } else if f.exp_format {
            let strs: Vec<(String, i32)> =
                finite.iter().map(|&x| dragon4_scientific(x, w, opts.precision, 0, Trim::Dot)).collect();
            f.exp_size = strs.iter().map(|(_, e)| exp_text(*e, 2).len() - 1).max().unwrap_or(2);
            f.precision = strs.iter().map(|(m, _)| frac_len(m)).max().unwrap_or(0);
            f.min_digits = f.precision;
            f.trim = Trim::Keep;
            f.pad_left = strs.iter().map(|(m, _)| m.find('.').unwrap_or(m.len())).max().unwrap_or(0);
            f.pad_right = f.exp_size + 2 + f.precision;
        } else {
            let strs: Vec<String> =
                finite.iter().map(|&x| dragon4_positional(x, w, opts.precision, 0, Trim::Dot)).collect();
            f.pad_left = strs.iter().map(|s| s.find('.').unwrap_or(s.len())).max().unwrap_or(0);
            f.pad_right = strs.iter().map(|s| frac_len(s)).max().unwrap_or(0);
        }
        if finite.len() != values.len() {
            // Make room for `nan`, `inf` and `-inf` to the left of the point column.
            let neginf = values.contains(&f64::NEG_INFINITY) as usize;
            let offset = f.pad_right + 1;
            f.pad_left = f.pad_left.max(3usize.saturating_sub(offset)).max((3 + neginf).saturating_sub(offset));
        }
        f
    }

    /// numpy's `FloatingFormat.__call__`: one element, padded to the common width.
    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let ret = if x.is_nan() {
                "nan"
            } else if x < 0.0 {
                "-inf"
            } else {
                "inf"
            };
            return pad_left(ret, self.pad_left + self.pad_right + 1);
        }
        if self.exp_format {
            let (m, e) = dragon4_scientific(x, self.w, self.precision, self.min_digits, self.trim);
            let int_len = m.find('.').unwrap_or(m.len());
            format!("{}{m}e{}", " ".repeat(self.pad_left.saturating_sub(int_len)), exp_text(e, self.exp_size))
        } else {
            let s = dragon4_positional(x, self.w, self.precision, self.min_digits, self.trim);
            let int_len = s.find('.').unwrap_or(s.len());
            let fl = frac_len(&s);
            format!(
                "{}{s}{}",
                " ".repeat(self.pad_left.saturating_sub(int_len)),
                " ".repeat(self.pad_right.saturating_sub(fl))
            )
        }
    }
}

/// The one formatter an array's elements share.
enum Formatter {
    Bool { padded: bool },
    Int { width: usize },
    Float(FloatFormat),
}

impl Formatter {
    /// numpy's `_get_format_function`, fed the elements that will be shown.
    fn new(a: &HostArray, shown: &[usize], ndim: usize, opts: &PrintOptions) -> Formatter {
        match &a.data {
            Data::Bool(_) => Formatter::Bool { padded: ndim != 0 },
            Data::F16(v) => {
                let vals: Vec<f64> = shown.iter().map(|&i| v[i] as f64).collect();
                Formatter::Float(FloatFormat::new(&vals, W::H, opts))
            }
            Data::I32(_) | Data::I64(_) | Data::I8(_) | Data::I16(_) | Data::U8(_) | Data::U16(_) | Data::U32(_) | Data::U64(_) => {
                let vals = shown.iter().map(|&i| a.get(i).to_i128().unwrap_or(0));
                let (min, max) = vals.fold((i128::MAX, i128::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
                let width = if shown.is_empty() { 0 } else { min.to_string().len().max(max.to_string().len()) };
                Formatter::Int { width }
            }
            Data::F32(v) => {
                let vals: Vec<f64> = shown.iter().map(|&i| v[i] as f64).collect();
                Formatter::Float(FloatFormat::new(&vals, W::S, opts))
            }
            Data::F64(v) => {
                let vals: Vec<f64> = shown.iter().map(|&i| v[i]).collect();
                Formatter::Float(FloatFormat::new(&vals, W::D, opts))
            }
        }
    }

    fn format(&self, s: Scalar) -> String {
        match self {
            Formatter::Bool { padded } => match (s.to_bool(), padded) {
                (true, true) => " True".to_string(),
                (true, false) => "True".to_string(),
                (false, _) => "False".to_string(),
            },
            Formatter::Int { width } => pad_left(&s.to_i128().unwrap_or(0).to_string(), *width),
            Formatter::Float(f) => f.format(s.to_f64()),
        }
    }
}

/// numpy's `array2string` with the options of `str`/`repr`: `prefix_len` is the width of
/// `array(` that continuation lines align after and `suffix_len` that of the closing `)`.
fn array2string(
    a: &HostArray,
    shape: &[usize],
    opts: &PrintOptions,
    separator: &str,
    prefix_len: usize,
    suffix_len: usize,
) -> String {
    if numel(shape) == 0 {
        return "[]".to_string();
    }
    let summarise = numel(shape) > opts.threshold;
    let edge = opts.edgeitems;
    let axis_items = |d: usize| -> Vec<usize> {
        if summarise && edge.saturating_mul(2) < d {
            (0..edge).chain(d - edge..d).collect()
        } else {
            (0..d).collect()
        }
    };
    // The flat positions of the elements that will be shown (numpy's `_leading_trailing`).
    let st = strides(shape);
    let mut shown = vec![0usize];
    for (axis, &d) in shape.iter().enumerate() {
        let items = axis_items(d);
        let step = st[axis];
        shown = shown.iter().flat_map(|&base| items.iter().map(move |&i| base + i * step)).collect();
    }
    let fmt = Formatter::new(a, &shown, shape.len(), opts);
    let layout = Layout {
        a,
        shape,
        strides: &st,
        fmt: &fmt,
        separator,
        summarise,
        edge,
    };
    let hanging = " ".repeat(prefix_len + 1);
    let width = opts.linewidth as isize - suffix_len as isize;
    layout.recurse(0, 0, &hanging, width)
}

/// The fixed inputs of numpy's `_formatArray` recursion.
struct Layout<'a> {
    a: &'a HostArray,
    shape: &'a [usize],
    strides: &'a [usize],
    fmt: &'a Formatter,
    separator: &'a str,
    summarise: bool,
    edge: usize,
}

impl Layout<'_> {
    /// numpy's `recurser`: formats the sub-array at `axis` starting at flat position `base`.
    fn recurse(&self, axis: usize, base: usize, hanging: &str, width: isize) -> String {
        let ndim = self.shape.len();
        if axis == ndim {
            return self.fmt.format(self.a.get(base));
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{hanging} ");
        let next_width = width - 1;
        let a_len = self.shape[axis];
        let stride = self.strides[axis];
        let show_summary = self.summarise && self.edge.saturating_mul(2) < a_len;
        let (leading, trailing) = if show_summary { (self.edge, self.edge) } else { (0, a_len) };
        let child = |i: usize| self.recurse(axis + 1, base + i * stride, &next_hanging, next_width);
        let mut s = String::new();
        if axes_left == 1 {
            let sep_width = self.separator.trim_end().len().max(1) as isize;
            let elem_width = width - sep_width;
            let mut line = hanging.to_string();
            for i in 0..leading {
                extend_line(&mut s, &mut line, &child(i), elem_width, hanging);
                line.push_str(self.separator);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push_str(self.separator);
            }
            for i in (2..=trailing).rev() {
                extend_line(&mut s, &mut line, &child(a_len - i), elem_width, hanging);
                line.push_str(self.separator);
            }
            extend_line(&mut s, &mut line, &child(a_len - 1), elem_width, hanging);
            s.push_str(&line);
        } else {
            let line_sep = format!("{}{}", self.separator.trim_end(), "\n".repeat(axes_left - 1));
            for i in 0..leading {
                s.push_str(hanging);
                s.push_str(&child(i));
                s.push_str(&line_sep);
            }
            if show_summary {
                s.push_str(hanging);
                s.push_str("...");
                s.push_str(&line_sep);
            }
            for i in (2..=trailing).rev() {
                s.push_str(hanging);
                s.push_str(&child(a_len - i));
                s.push_str(&line_sep);
            }
            s.push_str(hanging);
            s.push_str(&child(a_len - 1));
        }
        format!("[{}]", &s[hanging.len().min(s.len())..])
    }
}

/// numpy's `_extendLine`: appends `word`, first wrapping to a new line starting with
/// `next_prefix` when the word would pass `width` and wrapping would help.
fn extend_line(s: &mut String, line: &mut String, word: &str, width: isize, next_prefix: &str) {
    let needs_wrap = (line.len() + word.len()) as isize > width && line.len() > next_prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = next_prefix.to_string();
    }
    line.push_str(word);
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;

//! Where ticks go and how their labels read, as matplotlib's `MaxNLocator`, `ScalarFormatter`
//! and `LogLocator` do it: steps of 1, 2, 2.5 or 5 times a power of ten, labels with just the
//! decimals the step needs, a `1e6`-style multiplier for very large or small numbers, decades
//! (`10²`) on log axes.

/// A tick label: text, with an optional superscript (the exponent of `10ⁿ`).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: String,
    pub sup: Option<String>,
}

impl Label {
    pub fn plain(s: impl Into<String>) -> Label {
        Label { text: s.into(), sup: None }
    }
}

/// Ticks for one axis: positions (data units), their labels, minor positions and an offset
/// text such as `1e6` (drawn at the end of the axis).
#[derive(Clone, Debug, Default)]
pub struct AxisTicks {
    pub major: Vec<(f64, Label)>,
    pub minor: Vec<f64>,
    pub multiplier: Option<Label>,
}

/// The tick step: the smallest "nice" step at least `span / nbins`.
pub fn nice_step(span: f64, nbins: usize) -> f64 {
    let raw = span / nbins.max(1) as f64;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= raw * (1.0 - 1e-9) {
            return m * mag;
        }
    }
    10.0 * mag
}

/// Linear ticks inside `[lo, hi]`.
pub fn linear(lo: f64, hi: f64, nbins: usize) -> AxisTicks {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let span = hi - lo;
    let step = nice_step(if span > 0.0 { span } else { lo.abs().max(1.0) }, nbins);
    let first = (lo / step - 1e-9).ceil();
    let mut at = Vec::new();
    let mut k = first;
    while k * step <= hi + step * 1e-9 && at.len() < 100 {
        let v = k * step;
        at.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    let big = lo.abs().max(hi.abs());
    let oom = if big > 0.0 { big.log10().floor() as i32 } else { 0 };
    let (div, multiplier) = if !(-4..6).contains(&oom) { (10f64.powi(oom), Some(Label { text: "×10".into(), sup: Some(minus(&oom.to_string())) })) } else { (1.0, None) };
    let decimals = decimals_for(step / div);
    let major = at.iter().map(|&v| (v, Label::plain(format_number(v / div, decimals)))).collect();
    AxisTicks { major, minor: Vec::new(), multiplier }
}

/// How many decimals show a step exactly (0.25 → 2, 0.5 → 1, 20 → 0).
fn decimals_for(step: f64) -> usize {
    for d in 0..12 {
        let s = step * 10f64.powi(d);
        if (s - s.round()).abs() < 1e-6 * s.abs().max(1e-300) {
            return d as usize;
        }
    }
    12
}

/// A number with `decimals` places, with a true minus sign as matplotlib draws it.
pub fn format_number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v);
    let s = if s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') { s.trim_start_matches('-').to_string() } else { s };
    minus(&s)
}

/// `-` as `−` (U+2212).
pub fn minus(s: &str) -> String {
    s.replace('-', "\u{2212}")
}

/// A value's short label (for colorbars, graph nodes): `%g`-like with 4 significant digits.
pub fn short(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return minus(if v > 0.0 { "inf" } else { "-inf" });
    }
    if v == 0.0 {
        return "0".into();
    }
    let oom = v.abs().log10().floor() as i32;
    let s = if !(-4..6).contains(&oom) {
        let m = format!("{:.3e}", v);
        let (mant, exp) = m.split_once('e').unwrap_or((&m, "0"));
        let mant = trim_zeros(mant);
        format!("{mant}e{exp}")
    } else {
        let d = (3 - oom).max(0) as usize;
        trim_zeros(&format!("{:.*}", d, v))
    };
    minus(&s)
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Log ticks: decades labelled `10ⁿ`, with 2…9 as minor ticks.
pub fn log(lo: f64, hi: f64) -> AxisTicks {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let every = ((b - a) as f64 / 8.0).ceil().max(1.0) as i32;
    let mut major = Vec::new();
    let mut minor = Vec::new();
    for e in a..=b {
        let v = 10f64.powi(e);
        if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) && e.rem_euclid(every) == 0 {
            major.push((v, Label { text: "10".into(), sup: Some(minus(&e.to_string())) }));
        }
        if every == 1 {
            for m in 2..10 {
                let w = m as f64 * v;
                if w >= lo && w <= hi {
                    minor.push(w);
                }
            }
        }
    }
    if major.len() < 2 {
        // Less than a decade: label the minor ticks too.
        let mut all: Vec<f64> = major.iter().map(|(v, _)| *v).chain(minor.iter().copied()).collect();
        all.sort_by(|x, y| x.total_cmp(y));
        let major = all.iter().map(|&v| (v, Label::plain(short(v)))).collect();
        return AxisTicks { major, minor: Vec::new(), multiplier: None };
    }
    AxisTicks { major, minor, multiplier: None }
}

/// matplotlib's `nbins='auto'`: one tick per three label heights along x, two along y, at most 9.
pub fn nbins(length_pt: f64, font_pt: f64, vertical: bool) -> usize {
    let per = font_pt * if vertical { 2.0 } else { 3.0 };
    ((length_pt / per).floor() as usize).clamp(2, 9)
}

/// Limits that contain `lo..hi` with matplotlib's 5% margins, kept at sticky edges (a bar's
/// base, an image's border) that the data touch.
pub fn expand(lo: f64, hi: f64, sticky: &[f64], log: bool) -> (f64, f64) {
    let (tlo, thi) = if log { (lo.log10(), hi.log10()) } else { (lo, hi) };
    let (mut a, mut b) = if thi > tlo {
        let m = 0.05 * (thi - tlo);
        (tlo - m, thi + m)
    } else {
        let d = if tlo == 0.0 { 0.05 } else { 0.05 * tlo.abs() };
        (tlo - d, thi + d)
    };
    if log {
        a = 10f64.powf(a);
        b = 10f64.powf(b);
    }
    for &s in sticky {
        if s >= a && s <= lo + 1e-12 * s.abs().max(1.0) && s <= hi {
            a = a.max(s);
        }
        if s <= b && s >= hi - 1e-12 * s.abs().max(1.0) && s >= lo {
            b = b.min(s);
        }
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(t: &AxisTicks) -> Vec<String> {
        t.major.iter().map(|(_, l)| l.text.clone()).collect()
    }

    #[test]
    fn like_matplotlib() {
        // plt.plot(np.sin(x)) over 0..10: y from -1.1 to 1.1 with 9 bins.
        assert_eq!(labels(&linear(-1.1, 1.1, 9)), ["−1.00", "−0.75", "−0.50", "−0.25", "0.00", "0.25", "0.50", "0.75", "1.00"]);
        assert_eq!(labels(&linear(-0.5, 10.5, 9)), ["0", "2", "4", "6", "8", "10"]);
        assert_eq!(labels(&linear(0.0, 1.0, 5)), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        let t = linear(0.0, 3e6, 6);
        assert_eq!(labels(&t), ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"]);
        assert_eq!(t.multiplier.unwrap().sup.unwrap(), "6");
        let t = log(0.5, 2e3);
        assert_eq!(t.major.iter().map(|(_, l)| l.sup.clone().unwrap()).collect::<Vec<_>>(), ["0", "1", "2", "3"]);
    }

    #[test]
    fn short_values() {
        assert_eq!(short(2.0), "2");
        assert_eq!(short(-0.125), "−0.125");
        assert_eq!(short(1.0 / 3.0), "0.3333");
        assert_eq!(short(12345678.0), "1.235e7");
    }

    #[test]
    fn margins() {
        assert_eq!(expand(0.0, 10.0, &[], false), (-0.5, 10.5));
        assert_eq!(expand(0.0, 10.0, &[0.0], false), (0.0, 10.5));
    }
}

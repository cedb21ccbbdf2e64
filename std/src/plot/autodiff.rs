//! The `slope` module: pictures that teach autodiff.
//!
//! - `plot_grad(f, lo, hi, order=1, tangents=[])`: f with its derivatives and tangent lines;
//! - `plot_tangent(f, x0, h=[...])`: the tangent at x0 against the secants of finite differences;
//! - `plot_field(f, xlim, ylim, path=None)`: contours of a 2-D function, −∇f as arrows, a path;
//! - `show_graph(f, *args)`: the computation graph with forward values and gradients (`graph`);
//! - `show_image(arr)`: an array that looks like an image.
//!
//! Derivatives come from `jax.grad` (and `jax.vmap` to take them at many points at once),
//! called through the interpreter like user code, so the pictures show what the engine computes.

use super::color::{self, Dash, Marker, Rgba};
use super::model::*;
use super::pyplot::{self, floats, number};
use super::with_state;
use lang::array::HostArray;
use lang::diag::{Diagnostic, Result};
use lang::interp::array::Array;
use lang::interp::value::{Builtin, Kwargs, Module, Value};
use lang::interp::Interp;
use std::rc::Rc;

fn err(kind: &str, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::new(kind, msg)
}

/// The module `slope`.
pub fn build_slope(_it: &mut Interp) -> Result<Value> {
    let m = Module::new("slope");
    let fns: &[(&str, lang::interp::value::NativeFn, &'static str)] = &[
        ("plot_grad", plot_grad, "plot_grad(f, lo, hi, order=1, tangents=[]): f and its derivatives on [lo, hi], with tangent lines at the given points"),
        ("plot_tangent", plot_tangent, "plot_tangent(f, x0, lo=None, hi=None, h=[]): f near x0, its tangent line at x0 (slope by jax.grad) and the secants through x0 and x0 + h, whose slopes are the finite differences that approach it"),
        ("plot_field", plot_field, "plot_field(f, xlim, ylim, path=None): contours of f(x, y) (or f(p) with p = [x, y]), −∇f as arrows, and a descent path"),
        ("show_graph", super::graph::show_graph, "show_graph(f, *args, grads=True, format=None): the computation graph of f at args, each node with its value and the gradient reverse mode sends back to it (grads=False: values only; format='svg' or 'png': one image type)"),
        ("check_grads", check_grads, "check_grads(f, args, order, modes=('fwd', 'rev'), atol=None, rtol=None, eps=None, hint=None): jax.test_util.check_grads: f's derivatives up to `order` against central finite differences; hint= is added to the AssertionError as 'Hint: …'"),
        ("show_image", show_image, "show_image(a, cmap='gray'): show an array as an image: (h, w) values or (h, w, 3|4) colours"),
    ];
    for (n, f, doc) in fns {
        m.attrs.borrow_mut().insert((*n).into(), Value::Builtin(Rc::new(Builtin { name: (*n).into(), f: *f, jax: false, doc })));
    }
    m.attrs.borrow_mut().insert("export".into(), crate::export::build(_it)?);
    Ok(Value::Module(Rc::new(m)))
}

fn kw<'a>(kwargs: &'a Kwargs, name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v)
}

fn check_kw(kwargs: &Kwargs, known: &[&str], f: &str) -> Result<()> {
    for (k, _) in kwargs {
        if !known.contains(&k.as_ref()) {
            let mut d = err("TypeError", format!("{f}() got an unexpected keyword argument '{k}'"));
            d = d.with_help(match lang::interp::closest(k, known.iter().copied()) {
                Some(b) => format!("did you mean '{b}'?"),
                None => format!("{f} accepts: {}", known.join(", ")),
            });
            return Err(d);
        }
    }
    Ok(())
}

fn arg(args: &[Value], kwargs: &Kwargs, i: usize, name: &str) -> Option<Value> {
    kw(kwargs, name).cloned().or_else(|| args.get(i).cloned())
}

fn need(args: &[Value], kwargs: &Kwargs, i: usize, name: &str, f: &str) -> Result<Value> {
    arg(args, kwargs, i, name).ok_or_else(|| err("TypeError", format!("{f}() missing required argument '{name}'")))
}

fn f64_array(shape: &[usize], v: Vec<f64>) -> Value {
    Value::Array(Array::host(HostArray::from_f64(shape, v), false))
}

/// The name a function is shown by: its `def` name, or `f` for a lambda.
fn fn_name(f: &Value) -> String {
    match f {
        Value::Func(c) if !c.def.name.starts_with('<') => c.def.name.to_string(),
        Value::Builtin(b) => b.name.to_string(),
        _ => "f".into(),
    }
}

/// How many positional parameters a user function takes (None for builtins).
fn arity(f: &Value) -> Option<usize> {
    match f {
        Value::Func(c) => Some(c.def.params.iter().filter(|p| p.kind == lang::syntax::ast::ParamKind::Normal && p.default.is_none()).count()),
        _ => None,
    }
}

/// `jax.<name>`.
fn jax_fn(it: &mut Interp, name: &str) -> Result<Value> {
    let jax = it.import("jax")?;
    it.getattr(&jax, name)
}

/// f at every x: one vectorised call when f takes arrays, else one call per point.
fn eval_1d(it: &mut Interp, f: &Value, xs: &[f64]) -> Result<Vec<f64>> {
    eval_points(it, f, xs, true)
}

/// f at every x, trying one call on the whole array first when `vectorise`.
fn eval_points(it: &mut Interp, f: &Value, xs: &[f64], vectorise: bool) -> Result<Vec<f64>> {
    let n = xs.len();
    if vectorise {
        if let Ok(r) = it.call(f, vec![f64_array(&[n], xs.to_vec())], vec![]) {
            if let Ok((_, v)) = floats(it, &r) {
                if v.len() == n {
                    return Ok(v);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    for &x in xs {
        let r = it.call(f, vec![Value::Float(x)], vec![])?;
        out.push(number(it, &r, "f(x)").map_err(|d| d.with_help("plot_grad needs f to return a number (a scalar) for a number x"))?);
    }
    Ok(out)
}

/// The derivatives of f of orders 1..=order at xs, by `jax.grad` applied `order` times.
fn derivatives(it: &mut Interp, f: &Value, xs: &[f64], order: usize) -> Result<Vec<Vec<f64>>> {
    let grad = jax_fn(it, "grad")?;
    let vmap = jax_fn(it, "vmap")?;
    let mut g = f.clone();
    let mut out = Vec::new();
    for _ in 0..order {
        g = it.call(&grad, vec![g], vec![])?;
        // A gradient takes one point at a time: all points at once through vmap, else one by one.
        let vals = match it.call(&vmap, vec![g.clone()], vec![]).and_then(|vg| eval_points(it, &vg, xs, true)) {
            Ok(v) => v,
            Err(_) => eval_points(it, &g, xs, false)?,
        };
        out.push(vals);
    }
    Ok(out)
}

fn primes(k: usize) -> String {
    match k {
        1 => "′".into(),
        2 => "″".into(),
        3 => "‴".into(),
        _ => format!("⁽{}⁾", k.to_string().chars().map(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(c.to_digit(10).unwrap_or(0) as usize).unwrap_or(c)).collect::<String>()),
    }
}

/// Start a figure with one axes and return where to draw.
fn new_axes(size: (f64, f64)) -> (usize, usize) {
    with_state(|st| {
        let n = st.new_figure(size, 100.0);
        if let Ok(f) = st.fig(n) {
            f.axes.push(Axes::new(Cell { rows: 1, cols: 1, row: 0, col: 0 }));
        }
        (n, 0)
    })
}

fn edit_axes(at: (usize, usize), f: impl FnOnce(&mut Axes)) -> Result<()> {
    with_state(|st| {
        let fig = st.fig(at.0)?;
        if let Some(ax) = fig.axes.get_mut(at.1) {
            f(ax);
        }
        Ok(())
    })
}

fn line(x: Vec<f64>, y: Vec<f64>, color: Rgba, width: f64, dash: Dash, label: Option<String>) -> Artist {
    Artist::Line(Line { x, y, color, width, dash, marker: None, marker_size: 6.0, label })
}

fn plot_grad(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["f", "lo", "hi", "order", "tangents", "n"], "plot_grad")?;
    let f = need(&args, &kwargs, 0, "f", "plot_grad")?;
    let lo = number(it, &need(&args, &kwargs, 1, "lo", "plot_grad")?, "lo")?;
    let hi = number(it, &need(&args, &kwargs, 2, "hi", "plot_grad")?, "hi")?;
    if hi <= lo || hi.is_nan() || lo.is_nan() {
        return Err(err("ValueError", format!("plot_grad: need lo < hi, got {lo} and {hi}")));
    }
    let order = match arg(&args, &kwargs, 3, "order") {
        Some(v) => number(it, &v, "order")? as usize,
        None => 1,
    };
    if order > 6 {
        return Err(err("ValueError", format!("plot_grad draws derivatives up to order 6, not {order}")));
    }
    let tangents = match arg(&args, &kwargs, 4, "tangents") {
        Some(Value::None) | None => vec![],
        Some(v) => floats(it, &v)?.1,
    };
    let n = match kw(&kwargs, "n") {
        Some(v) => (number(it, v, "n")? as usize).clamp(8, 5000),
        None => 300,
    };
    let xs: Vec<f64> = (0..n).map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64).collect();
    let ys = eval_1d(it, &f, &xs)?;
    let ds = derivatives(it, &f, &xs, order)?;
    let name = fn_name(&f);
    let at = new_axes((6.4, 4.8));
    let mut arts = vec![
        Artist::RefLine(RefLine { vertical: false, at: 0.0, span: (0.0, 1.0), color: Rgba::grey(0.6), width: 0.8, dash: Dash::Solid, label: None }),
        line(xs.clone(), ys.clone(), color::cycle(0), 2.0, Dash::Solid, Some(format!("{name}(x)"))),
    ];
    for (k, d) in ds.iter().enumerate() {
        arts.push(line(xs.clone(), d.clone(), color::cycle(k + 1), 1.5, if k == 0 { Dash::Solid } else { Dash::Dashed }, Some(format!("{name}{}(x)", primes(k + 1)))));
    }
    // Tangent lines: f(t) + f′(t)(x − t) over a window around t.
    let slopes = if tangents.is_empty() { vec![vec![]] } else { derivatives(it, &f, &tangents, 1)? };
    let ft = if tangents.is_empty() { vec![] } else { eval_1d(it, &f, &tangents)? };
    let half = (hi - lo) * 0.12;
    let (ymin, ymax) = ys.iter().filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    for (i, &t) in tangents.iter().enumerate() {
        let (y0, s) = (ft[i], slopes[0][i]);
        let (a, b) = ((t - half).max(lo), (t + half).min(hi));
        arts.push(line(vec![a, b], vec![y0 + s * (a - t), y0 + s * (b - t)], Rgba::grey(0.15), 1.2, Dash::Solid, if i == 0 { Some("tangent".into()) } else { None }));
        arts.push(Artist::Scatter(Scatter { x: vec![t], y: vec![y0], sizes: vec![30.0], colors: vec![Rgba::grey(0.15)], mapping: None, marker: Marker::Circle, edge: None, label: None }));
        let dy = (ymax - ymin).abs().max(1e-12) * 0.04;
        arts.push(Artist::Text(Text { x: t, y: y0 + dy, text: format!("slope {}", super::ticks::short(s)), size: 8.0, color: Rgba::grey(0.15), ha: Align::Center, va: Align::Start, arrow_to: None }));
    }
    edit_axes(at, |ax| {
        ax.artists = arts;
        ax.title = Some(if order == 1 { format!("{name} and its derivative") } else { format!("{name} and its derivatives") });
        ax.xlabel = Some("x".into());
        ax.grid = true;
        ax.legend = Some(Loc::Best);
        ax.xlim = (Some(lo), Some(hi));
    })?;
    Ok(Value::None)
}

fn plot_tangent(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["f", "x0", "lo", "hi", "h", "n"], "plot_tangent")?;
    let f = need(&args, &kwargs, 0, "f", "plot_tangent")?;
    let x0 = number(it, &need(&args, &kwargs, 1, "x0", "plot_tangent")?, "x0")?;
    let hs = match arg(&args, &kwargs, 4, "h") {
        Some(Value::None) | None => vec![],
        Some(v) => floats(it, &v)?.1,
    };
    if let Some(&bad) = hs.iter().find(|h| **h == 0.0 || !h.is_finite()) {
        return Err(err("ValueError", format!("plot_tangent: a secant needs a step h ≠ 0, got {bad}")).with_help("pass steps such as h=[1.0, 0.5, 0.1]"));
    }
    let reach = hs.iter().fold(1.0f64, |a, h| a.max(h.abs() * 1.25));
    let opt = |it: &mut Interp, i: usize, name: &str| -> Result<Option<f64>> {
        match arg(&args, &kwargs, i, name) {
            Some(Value::None) | None => Ok(None),
            Some(v) => Ok(Some(number(it, &v, name)?)),
        }
    };
    let lo = opt(it, 2, "lo")?.unwrap_or(x0 - reach);
    let hi = opt(it, 3, "hi")?.unwrap_or(x0 + reach);
    if hi <= lo || hi.is_nan() || lo.is_nan() || x0 < lo || x0 > hi {
        return Err(err("ValueError", format!("plot_tangent: need lo ≤ x0 ≤ hi with lo < hi, got lo={lo}, x0={x0}, hi={hi}")));
    }
    let n = match kw(&kwargs, "n") {
        Some(v) => (number(it, v, "n")? as usize).clamp(8, 5000),
        None => 300,
    };
    let xs: Vec<f64> = (0..n).map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64).collect();
    let ys = eval_1d(it, &f, &xs)?;
    let y0 = eval_points(it, &f, &[x0], false)?[0];
    let slope = derivatives(it, &f, &[x0], 1)?[0][0];
    let name = fn_name(&f);
    let (ymin, ymax) = ys.iter().filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let pad = ((ymax - ymin).abs() * 0.15).max(1e-9);
    let s = super::ticks::short;
    let mut arts = vec![line(xs.clone(), ys, color::cycle(0), 2.2, Dash::Solid, Some(format!("{name}(x)")))];
    for (k, &h) in hs.iter().enumerate() {
        let x1 = x0 + h;
        let y1 = eval_points(it, &f, &[x1], false)?[0];
        let m = (y1 - y0) / h;
        let c = color::cycle(k + 1);
        arts.push(line(vec![lo, hi], vec![y0 + m * (lo - x0), y0 + m * (hi - x0)], c, 1.3, Dash::Dashed, Some(format!("secant h={}: slope {}", s(h), s(m)))));
        arts.push(Artist::Scatter(Scatter { x: vec![x1], y: vec![y1], sizes: vec![28.0], colors: vec![c], mapping: None, marker: Marker::Circle, edge: None, label: None }));
    }
    arts.push(line(vec![lo, hi], vec![y0 + slope * (lo - x0), y0 + slope * (hi - x0)], Rgba::grey(0.1), 1.8, Dash::Solid, Some(format!("tangent: slope {name}′({}) = {}", s(x0), s(slope)))));
    arts.push(Artist::Scatter(Scatter { x: vec![x0], y: vec![y0], sizes: vec![40.0], colors: vec![Rgba::grey(0.1)], mapping: None, marker: Marker::Circle, edge: None, label: None }));
    let at = new_axes((6.4, 4.8));
    edit_axes(at, |ax| {
        ax.artists = arts;
        ax.title = Some(format!("the tangent of {name} at x = {}", s(x0)));
        ax.xlabel = Some("x".into());
        ax.grid = true;
        ax.legend = Some(Loc::Best);
        ax.xlim = (Some(lo), Some(hi));
        ax.ylim = (Some(ymin - pad), Some(ymax + pad));
    })?;
    Ok(Value::None)
}

/// `slope.check_grads`: `jax.test_util.check_grads` (std/py/jax_test_util.py), whose failure
/// also carries `hint=` as a line "Hint: …" (what a course's exercise says to look at).
fn check_grads(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    let mut hint = None;
    let mut rest = Vec::new();
    for (k, v) in kwargs {
        if k.as_ref() == "hint" {
            hint = match v {
                Value::None => None,
                Value::Str(s) => Some(s.to_string()),
                other => Some(it.to_str(&other)?),
            };
        } else {
            rest.push((k, v));
        }
    }
    let tu = it.import("jax.test_util")?;
    let cg = it.getattr(&tu, "check_grads")?;
    match it.call(&cg, args, rest) {
        Err(mut d) if d.kind.as_ref() == "AssertionError" && hint.is_some() => {
            d.message = format!("{}\nHint: {}", d.message, hint.unwrap_or_default());
            // The raised AssertionError object holds the old text: `except AssertionError as e`
            // gets a plain AssertionError with the new one.
            d.payload = None;
            Err(d)
        }
        r => r,
    }
}

/// Values of f on a grid: `f(X, Y)` for functions of two arguments, `f(P)` with `P = [X, Y]`
/// otherwise; vectorised when f takes arrays, else point by point.
fn eval_2d(it: &mut Interp, f: &Value, xs: &[f64], ys: &[f64]) -> Result<Vec<f64>> {
    let (nx, ny) = (xs.len(), ys.len());
    let gx: Vec<f64> = (0..ny).flat_map(|_| xs.iter().copied()).collect();
    let gy: Vec<f64> = (0..ny).flat_map(|i| std::iter::repeat_n(ys[i], nx)).collect();
    let two = arity(f) == Some(2);
    let call = |it: &mut Interp, x: Value, y: Value, p: Value| if two { it.call(f, vec![x, y], vec![]) } else { it.call(f, vec![p], vec![]) };
    let p: Vec<f64> = gx.iter().chain(gy.iter()).copied().collect();
    if let Ok(r) = call(it, f64_array(&[ny, nx], gx.clone()), f64_array(&[ny, nx], gy.clone()), f64_array(&[2, ny, nx], p)) {
        if let Ok((_, v)) = floats(it, &r) {
            if v.len() == nx * ny {
                return Ok(v);
            }
        }
    }
    let mut out = Vec::with_capacity(nx * ny);
    for k in 0..nx * ny {
        let r = call(it, Value::Float(gx[k]), Value::Float(gy[k]), f64_array(&[2], vec![gx[k], gy[k]]))?;
        out.push(number(it, &r, "f(x, y)").map_err(|d| d.with_help("plot_field needs f to return a number for a point"))?);
    }
    Ok(out)
}

/// ∇f at grid points, by `jax.grad` (with respect to both arguments of f(x, y)).
fn gradient_2d(it: &mut Interp, f: &Value, xs: &[f64], ys: &[f64]) -> Result<(Vec<f64>, Vec<f64>)> {
    let two = arity(f) == Some(2);
    let grad = jax_fn(it, "grad")?;
    let g = if two {
        it.call(&grad, vec![f.clone()], vec![("argnums".into(), Value::tuple(vec![Value::Int(0), Value::Int(1)]))])?
    } else {
        it.call(&grad, vec![f.clone()], vec![])?
    };
    let (mut gx, mut gy) = (Vec::new(), Vec::new());
    for &y in ys {
        for &x in xs {
            let r = if two { it.call(&g, vec![Value::Float(x), Value::Float(y)], vec![])? } else { it.call(&g, vec![f64_array(&[2], vec![x, y])], vec![])? };
            let (_, v) = floats(it, &r)?;
            if v.len() != 2 {
                return Err(err("ValueError", format!("the gradient of f at a point has {} values, not 2", v.len())).with_help("plot_field draws functions of two numbers, f(x, y), or of one point, f(p) with p = [x, y]"));
            }
            gx.push(v[0]);
            gy.push(v[1]);
        }
    }
    Ok((gx, gy))
}

/// Levels at quantiles of the values, rounded to two significant digits: every band covers a
/// similar area, so a valley (Rosenbrock's) shows as well as the steep walls around it.
fn quantile_levels(z: &[f64], n: usize) -> Vec<f64> {
    let mut v: Vec<f64> = z.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return vec![0.0, 1.0];
    }
    let round = |x: f64, up: Option<bool>| {
        if x == 0.0 {
            return 0.0;
        }
        let p = 10f64.powi(x.abs().log10().floor() as i32 - 1);
        match up {
            Some(true) => (x / p).ceil() * p,
            Some(false) => (x / p).floor() * p,
            None => (x / p).round() * p,
        }
    };
    // A minimum near zero (a loss) starts the scale at 0.
    let lo = if v[0] >= 0.0 && v[0] < 1e-3 * (v[v.len() - 1] - v[0]) { 0.0 } else { round(v[0], Some(false)) };
    let mut levels = vec![lo];
    for k in 1..n {
        let q = round(v[(k * (v.len() - 1)) / n], None);
        if q > *levels.last().unwrap_or(&f64::NEG_INFINITY) {
            levels.push(q);
        }
    }
    let top = round(v[v.len() - 1], Some(true));
    if top > *levels.last().unwrap_or(&f64::NEG_INFINITY) {
        levels.push(top);
    } else if levels.len() < 2 {
        levels.push(levels[0] + 1.0);
    }
    levels
}

fn pair(it: &mut Interp, v: &Value, what: &str) -> Result<(f64, f64)> {
    let (_, p) = floats(it, v)?;
    if p.len() != 2 || p[1] <= p[0] || p[0].is_nan() || p[1].is_nan() {
        return Err(err("ValueError", format!("plot_field: {what} is (low, high) with low < high")));
    }
    Ok((p[0], p[1]))
}

fn plot_field(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["f", "xlim", "ylim", "path", "levels", "n", "arrows", "cmap"], "plot_field")?;
    let f = need(&args, &kwargs, 0, "f", "plot_field")?;
    let xl = pair(it, &need(&args, &kwargs, 1, "xlim", "plot_field")?, "xlim")?;
    let yl = pair(it, &need(&args, &kwargs, 2, "ylim", "plot_field")?, "ylim")?;
    let path = match arg(&args, &kwargs, 3, "path") {
        Some(Value::None) | None => None,
        Some(v) => {
            let (shape, p) = floats(it, &v)?;
            if p.len() % 2 != 0 || (shape.len() == 2 && shape[1] != 2) {
                return Err(err("ValueError", format!("plot_field: path is a list of (x, y) points, got shape {shape:?}")));
            }
            Some(p)
        }
    };
    let n = match kw(&kwargs, "n") {
        Some(v) => (number(it, v, "n")? as usize).clamp(8, 400),
        None => 120,
    };
    let m = match kw(&kwargs, "arrows") {
        Some(v) => (number(it, v, "arrows")? as usize).clamp(2, 60),
        None => 17,
    };
    let lin = |(a, b): (f64, f64), n: usize| (0..n).map(|i| a + (b - a) * i as f64 / (n - 1) as f64).collect::<Vec<f64>>();
    let (xs, ys) = (lin(xl, n), lin(yl, n));
    let z = eval_2d(it, &f, &xs, &ys)?;
    let (levels, by_band) = match kw(&kwargs, "levels") {
        Some(v) => (pyplot::contour_levels(it, Some(v.clone()), &z, true)?, false),
        None => (quantile_levels(&z, 14), true),
    };
    let cmap = match kw(&kwargs, "cmap") {
        Some(v) => {
            let s = it.to_str(v)?;
            color::Cmap::get(&s).ok_or_else(|| err("ValueError", format!("{s:?} is not a known colormap name")))?
        }
        None => color::Cmap::viridis(),
    };
    // Arrows on a coarser grid, inset from the border.
    let (dx, dy) = ((xl.1 - xl.0) / m as f64, (yl.1 - yl.0) / m as f64);
    let ax_: Vec<f64> = (0..m).map(|i| xl.0 + dx * (i as f64 + 0.5)).collect();
    let ay_: Vec<f64> = (0..m).map(|i| yl.0 + dy * (i as f64 + 0.5)).collect();
    let (gx, gy) = gradient_2d(it, &f, &ax_, &ay_)?;
    let len = 0.8 * dx.min(dy);
    let (mut u, mut v) = (Vec::new(), Vec::new());
    for k in 0..gx.len() {
        let norm = (gx[k] * gx[k] + gy[k] * gy[k]).sqrt();
        let s = if norm > 0.0 && norm.is_finite() { len / norm } else { 0.0 };
        u.push(-gx[k] * s);
        v.push(-gy[k] * s);
    }
    let qx: Vec<f64> = (0..m).flat_map(|_| ax_.iter().copied()).collect();
    let qy: Vec<f64> = (0..m).flat_map(|i| std::iter::repeat_n(ay_[i], m)).collect();
    let gridx: Vec<f64> = (0..n).flat_map(|_| xs.iter().copied()).collect();
    let gridy: Vec<f64> = (0..n).flat_map(|i| std::iter::repeat_n(ys[i], n)).collect();
    let (lo, hi) = (levels[0], levels[levels.len() - 1]);
    let mapping = ColorMapping { cmap, vmin: lo, vmax: hi, levels: Some(levels.clone()), by_band };
    let name = fn_name(&f);
    // A figure shaped for equal units on both axes: about 4.6 in of axes width.
    let ratio = (yl.1 - yl.0) / (xl.1 - xl.0);
    let at = new_axes((6.4, (4.6 * ratio + 1.1).clamp(3.0, 8.0)));
    let mut arts = vec![
        Artist::Contour(Contour { nx: n, ny: n, x: gridx.clone(), y: gridy.clone(), z: z.clone(), levels: levels.clone(), filled: true, color: None, mapping: mapping.clone(), width: 1.0, alpha: 1.0 }),
        Artist::Contour(Contour { nx: n, ny: n, x: gridx, y: gridy, z, levels, filled: false, color: Some(Rgba(1.0, 1.0, 1.0, 0.35)), mapping: mapping.clone(), width: 0.6, alpha: 1.0 }),
        Artist::Quiver(Quiver { x: qx, y: qy, u, v, colors: vec![Rgba(1.0, 1.0, 1.0, 0.85)], mapping: None, scale: Some(1.0), width: Some(0.004), xy: true, label: Some(format!("−∇{name}")) }),
    ];
    if let Some(p) = &path {
        let (px, py): (Vec<f64>, Vec<f64>) = p.chunks(2).map(|c| (c[0], c[1])).unzip();
        let last = px.len() - 1;
        arts.push(Artist::Line(Line { x: px.clone(), y: py.clone(), color: Rgba::hex(0xe8384f), width: 1.8, dash: Dash::Solid, marker: Some(Marker::Circle), marker_size: 4.0, label: Some(format!("path ({} steps)", last)) }));
        arts.push(Artist::Scatter(Scatter { x: vec![px[last]], y: vec![py[last]], sizes: vec![220.0], colors: vec![Rgba::hex(0xffd21f)], mapping: None, marker: Marker::Star, edge: Some(Rgba::BLACK), label: None }));
    }
    edit_axes(at, |ax| {
        ax.artists = arts;
        ax.title = Some(if path.is_some() { format!("{name}: contours, −∇{name} and a descent path") } else { format!("{name}: contours and −∇{name}") });
        ax.xlabel = Some("x".into());
        ax.ylabel = Some("y".into());
        ax.xlim = (Some(xl.0), Some(xl.1));
        ax.ylim = (Some(yl.0), Some(yl.1));
        ax.equal = true;
        ax.legend = Some(Loc::Best);
        ax.colorbar = Some((0, Some(name.clone())));
    })?;
    Ok(Value::None)
}

fn show_image(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["a", "cmap", "vmin", "vmax", "title"], "show_image")?;
    let a = need(&args, &kwargs, 0, "a", "show_image")?;
    let arr = it.to_array(&a, false)?;
    let h = it.force(&arr)?;
    let mut kw2: Kwargs = kwargs.iter().filter(|(k, _)| k.as_ref() != "title" && k.as_ref() != "a").cloned().collect();
    if kw(&kwargs, "cmap").is_none() {
        kw2.push(("cmap".into(), Value::str("gray")));
    }
    let mut img = pyplot::image_of(it, &h, &kw2)?;
    let (w, hh) = (img.w as f64, img.h as f64);
    img.extent = (-0.5, w - 0.5, hh - 0.5, -0.5);
    let title = match kw(&kwargs, "title") {
        Some(v) => Some(it.to_str(v)?),
        None => None,
    };
    // A figure shaped like the image, 4 inches on its long side.
    let (fw, fh) = if w >= hh { (4.0, (4.0 * hh / w).max(1.0)) } else { ((4.0 * w / hh).max(1.0), 4.0) };
    let extra = if title.is_some() { 0.4 } else { 0.0 };
    let at = new_axes((fw + 0.3, fh + 0.3 + extra));
    edit_axes(at, |ax| {
        ax.artists = vec![Artist::Image(img)];
        ax.equal = true;
        ax.visible_axis = false;
        ax.title = title;
    })?;
    Ok(Value::None)
}

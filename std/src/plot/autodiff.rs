//! The `slope` module: pictures that teach autodiff.
//!
//! - `plot_grad(f, lo, hi, order=1, tangents=[])`: f with its derivatives and tangent lines;
//! - `plot_tangent(f, x0, h=[...])`: the tangent at x0 against the secants of finite differences;
//! - `plot_field(f, xlim, ylim, path=None, paths=None)`: contours of a 2-D function, −∇f as
//!   arrows, a path or several named ones;
//! - `plot_paths(f, paths)`: optimiser paths side by side on the same contours;
//! - `plot_jacobian(f, x)`: the Jacobian at x as a heat map (or `plot_jacobian(J)`);
//! - `plot_curve(c, lo, hi, tangents=[])`: a plane curve with tangents pushed by `jax.jvp`;
//! - `show_graph(f, *args)`: the computation graph with forward values and gradients (`graph`);
//! - `show_image(arr)`: an array that looks like an image;
//! - `cache_info()`: the sizes of the session's caches of traced functions (for leak tests).
//!
//! Derivatives come from `jax.grad` (and `jax.vmap` to take them at many points at once),
//! called through the interpreter like user code, so the pictures show what the engine computes.

use super::color::{self, Dash, Marker, Rgba};
use super::model::*;
use super::pyplot::{self, floats, number};
use super::with_state;
use lang::native::{arg, check_kw, Array, Builtin, Diagnostic, HostArray, Interp, Kwargs, Module, Result, Value};
use std::rc::Rc;

fn err(kind: &str, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::new(kind, msg)
}

/// The module `slope`.
pub fn build_slope(_it: &mut Interp) -> Result<Value> {
    let m = Module::new("slope");
    let fns: &[(&str, lang::native::NativeFn, &'static str)] = &[
        ("plot_grad", plot_grad, "plot_grad(f, lo, hi, order=1, tangents=[]): f and its derivatives on [lo, hi], with tangent lines at the given points"),
        ("plot_tangent", plot_tangent, "plot_tangent(f, x0, lo=None, hi=None, h=[]): f near x0, its tangent line at x0 (slope by jax.grad) and the secants through x0 and x0 + h, whose slopes are the finite differences that approach it"),
        ("plot_field", plot_field, "plot_field(f, xlim, ylim, path=None, paths=None): contours of f(x, y) (or f(p) with p = [x, y]), −∇f as arrows, and a descent path (or several: paths={'gd': path, ...})"),
        ("plot_paths", plot_paths, "plot_paths(f, paths, xlim=None, ylim=None): optimiser paths side by side, one panel each, on the contours and −∇f of f: paths={'gd': path, 'adam': path2}"),
        ("plot_jacobian", plot_jacobian, "plot_jacobian(f, x, mode='rev'): the Jacobian of f at x (jax.jacrev, or jacfwd with mode='fwd') as a heat map, outputs down and inputs across; or plot_jacobian(J) for a matrix"),
        ("plot_curve", plot_curve, "plot_curve(c, lo, hi, tangents=[], dt=None): a curve c(t) = (x(t), y(t)) of the plane for t in [lo, hi], with the tangent c′(t)·dt from jax.jvp at the given t"),
        ("show_graph", super::graph::show_graph, "show_graph(f, *args, grads=True, format=None): the computation graph of f at args, each node with its value and the gradient reverse mode sends back to it (grads=False: values only; format='svg' or 'png': one image type)"),
        ("check_grads", check_grads, "check_grads(f, args, order, modes=('fwd', 'rev'), atol=None, rtol=None, eps=None, hint=None): jax.test_util.check_grads: f's derivatives up to `order` against central finite differences; hint= is added to the AssertionError as 'Hint: …'"),
        ("show_image", show_image, "show_image(a, cmap='gray'): show an array as an image: (h, w) values or (h, w, 3|4) colours"),
        ("cache_info", cache_info, "cache_info(): the sizes of the session's caches, as a dict: 'traces' (functions traced for jit, grad, vmap...), 'vjps' and 'transformed' (their derivatives and batched forms), 'gc_tracked' (objects the cycle collector tracks). A function that is gone leaves them: a session that makes a new function per cell keeps them bounded"),
    ];
    for (n, f, doc) in fns {
        m.attrs.borrow_mut().insert((*n).into(), Value::Builtin(Rc::new(Builtin { name: (*n).into(), f: *f, jax: false, doc })));
    }
    m.attrs.borrow_mut().insert("export".into(), crate::export::build(_it)?);
    #[cfg(unix)]
    m.attrs.borrow_mut().insert("rust".into(), _it.import("slope.rust")?);
    Ok(Value::Module(Rc::new(m)))
}

fn kw<'a>(kwargs: &'a Kwargs, name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v)
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
        Value::Func(c) => Some(c.def.params.iter().filter(|p| p.kind == lang::native::ParamKind::Normal && p.default.is_none()).count()),
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

/// The picture of a 2-D field shared by `plot_field` and `plot_paths`: filled contours (artist 0,
/// whose mapping a colorbar shows), their lines and −∇f as arrows of one length (artist 2).
struct Field {
    artists: Vec<Artist>,
    name: String,
}

fn field(it: &mut Interp, f: &Value, xl: (f64, f64), yl: (f64, f64), n: usize, m: usize, kwargs: &Kwargs) -> Result<Field> {
    let lin = |(a, b): (f64, f64), n: usize| (0..n).map(|i| a + (b - a) * i as f64 / (n - 1) as f64).collect::<Vec<f64>>();
    let (xs, ys) = (lin(xl, n), lin(yl, n));
    let z = eval_2d(it, f, &xs, &ys)?;
    let (levels, by_band) = match kw(kwargs, "levels") {
        Some(v) => (pyplot::contour_levels(it, Some(v.clone()), &z, true)?, false),
        None => (quantile_levels(&z, 14), true),
    };
    let cmap = match kw(kwargs, "cmap") {
        Some(v) => {
            let s = it.to_str(v)?;
            color::Cmap::get(&s).ok_or_else(|| err("ValueError", format!("{s:?} is not a known colormap name")).with_help(format!("the colormaps: {}", color::Cmap::names())))?
        }
        None => color::Cmap::viridis(),
    };
    // Arrows on a coarser grid, inset from the border.
    let (dx, dy) = ((xl.1 - xl.0) / m as f64, (yl.1 - yl.0) / m as f64);
    let ax_: Vec<f64> = (0..m).map(|i| xl.0 + dx * (i as f64 + 0.5)).collect();
    let ay_: Vec<f64> = (0..m).map(|i| yl.0 + dy * (i as f64 + 0.5)).collect();
    let (gx, gy) = gradient_2d(it, f, &ax_, &ay_)?;
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
    let name = fn_name(f);
    let artists = vec![
        Artist::Contour(Contour { nx: n, ny: n, x: gridx.clone(), y: gridy.clone(), z: z.clone(), levels: levels.clone(), filled: true, color: None, mapping: mapping.clone(), width: 1.0, alpha: 1.0 }),
        Artist::Contour(Contour { nx: n, ny: n, x: gridx, y: gridy, z, levels, filled: false, color: Some(Rgba(1.0, 1.0, 1.0, 0.35)), mapping, width: 0.6, alpha: 1.0 }),
        Artist::Quiver(Quiver { x: qx, y: qy, u, v, colors: vec![Rgba(1.0, 1.0, 1.0, 0.85)], mapping: None, scale: Some(1.0), width: Some(0.004), xy: true, label: Some(format!("−∇{name}")) }),
    ];
    Ok(Field { artists, name })
}

/// A path given as a list of (x, y) points, an (n, 2) array, or anything `floats` reads.
fn path_points(it: &mut Interp, v: &Value, f: &str) -> Result<(Vec<f64>, Vec<f64>)> {
    let (shape, p) = floats(it, v)?;
    if p.len() % 2 != 0 || p.is_empty() || (shape.len() == 2 && shape[1] != 2) || shape.len() > 2 {
        return Err(err("ValueError", format!("{f}: a path is a list of (x, y) points, got shape {shape:?}")).with_help("stack the points of a path into an (n, 2) array: np.array(points)"));
    }
    Ok(p.chunks(2).map(|c| (c[0], c[1])).unzip())
}

/// The colours of optimiser paths: red first (plot_field's own path), then the cycle.
fn path_color(i: usize) -> Rgba {
    [Rgba::hex(0xe8384f), Rgba::hex(0xff9f1c), Rgba::hex(0x2ec4b6), Rgba::hex(0xf15bb5), Rgba::hex(0x9b5de5), Rgba::WHITE].get(i).copied().unwrap_or_else(|| color::cycle(i))
}

/// A path's line with its points, and a yellow star where it ends.
fn path_artists(px: Vec<f64>, py: Vec<f64>, color: Rgba, label: String) -> Vec<Artist> {
    let last = px.len() - 1;
    let (ex, ey) = (px[last], py[last]);
    // Smaller dots for long paths, so that the line still shows between them.
    let dots = if px.len() > 30 { 2.5 } else { 4.0 };
    vec![
        Artist::Line(Line { x: px, y: py, color, width: 1.8, dash: Dash::Solid, marker: Some(Marker::Circle), marker_size: dots, label: Some(label) }),
        Artist::Scatter(Scatter { x: vec![ex], y: vec![ey], sizes: vec![220.0], colors: vec![Rgba::hex(0xffd21f)], mapping: None, marker: Marker::Star, edge: Some(Rgba::BLACK), label: None }),
    ]
}

/// `paths=`: a dict {name: path}, in order (a list would be ambiguous with one path).
fn named_paths(it: &mut Interp, v: &Value, f: &str) -> Result<Vec<(String, Vec<f64>, Vec<f64>)>> {
    let items: Vec<(String, Value)> = match v {
        Value::Dict(_) => {
            let keys = it.iterate(v)?;
            let mut out = Vec::new();
            for k in keys {
                let name = it.to_str(&k)?;
                let p = it.getitem(v, &k)?;
                out.push((name, p));
            }
            out
        }
        other => return Err(err("TypeError", format!("{f}: paths is a dict {{name: path}}, not {}", other.type_name())).with_help("name each path: paths={'gd': gd_path, 'adam': adam_path}")),
    };
    if items.is_empty() {
        return Err(err("ValueError", format!("{f}: paths is empty")).with_help("give at least one path: paths={'gd': gd_path}"));
    }
    let mut out = Vec::new();
    for (name, p) in items {
        let (px, py) = path_points(it, &p, f)?;
        out.push((name, px, py));
    }
    Ok(out)
}

fn grid_sizes(it: &mut Interp, kwargs: &Kwargs, n0: usize, m0: usize) -> Result<(usize, usize)> {
    let n = match kw(kwargs, "n") {
        Some(v) => (number(it, v, "n")? as usize).clamp(8, 400),
        None => n0,
    };
    let m = match kw(kwargs, "arrows") {
        Some(v) => (number(it, v, "arrows")? as usize).clamp(2, 60),
        None => m0,
    };
    Ok((n, m))
}

fn plot_field(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["f", "xlim", "ylim", "path", "paths", "levels", "n", "arrows", "cmap"], "plot_field")?;
    let f = need(&args, &kwargs, 0, "f", "plot_field")?;
    let xl = pair(it, &need(&args, &kwargs, 1, "xlim", "plot_field")?, "xlim")?;
    let yl = pair(it, &need(&args, &kwargs, 2, "ylim", "plot_field")?, "ylim")?;
    let path = match arg(&args, &kwargs, 3, "path") {
        Some(Value::None) | None => None,
        Some(v) => Some(path_points(it, &v, "plot_field")?),
    };
    let paths = match kw(&kwargs, "paths") {
        Some(Value::None) | None => vec![],
        Some(v) => named_paths(it, &v.clone(), "plot_field")?,
    };
    let (n, m) = grid_sizes(it, &kwargs, 120, 17)?;
    let Field { mut artists, name } = field(it, &f, xl, yl, n, m, &kwargs)?;
    // A figure shaped for equal units on both axes: about 4.6 in of axes width.
    let ratio = (yl.1 - yl.0) / (xl.1 - xl.0);
    let at = new_axes((6.4, (4.6 * ratio + 1.1).clamp(3.0, 8.0)));
    if let Some((px, py)) = path.clone() {
        let steps = px.len() - 1;
        artists.extend(path_artists(px, py, path_color(0), format!("path ({})", steps_text(steps))));
    }
    let first = path.is_some() as usize;
    for (i, (label, px, py)) in paths.iter().enumerate() {
        artists.extend(path_artists(px.clone(), py.clone(), path_color(first + i), format!("{label} ({})", steps_text(px.len() - 1))));
    }
    let title = match (path.is_some() as usize + paths.len(), path.is_some()) {
        (0, _) => format!("{name}: contours and −∇{name}"),
        (1, true) => format!("{name}: contours, −∇{name} and a descent path"),
        _ => format!("{name}: contours, −∇{name} and descent paths"),
    };
    edit_axes(at, |ax| {
        ax.artists = artists;
        ax.title = Some(title);
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

fn steps_text(n: usize) -> String {
    if n == 1 { "1 step".into() } else { format!("{n} steps") }
}

/// Limits around every path (and never a degenerate box): 15% margins on the longer side.
fn path_limits(paths: &[(String, Vec<f64>, Vec<f64>)]) -> ((f64, f64), (f64, f64)) {
    let fold = |v: &mut dyn Iterator<Item = f64>| v.filter(|x| x.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let (x0, x1) = fold(&mut paths.iter().flat_map(|p| p.1.iter().copied()));
    let (y0, y1) = fold(&mut paths.iter().flat_map(|p| p.2.iter().copied()));
    let span = (x1 - x0).max(y1 - y0).max(1e-3);
    let pad = 0.15 * span;
    ((x0 - pad, x1 + pad), (y0 - pad, y1 + pad))
}

fn plot_paths(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["f", "paths", "xlim", "ylim", "levels", "n", "arrows", "cmap"], "plot_paths")?;
    let f = need(&args, &kwargs, 0, "f", "plot_paths")?;
    let paths = named_paths(it, &need(&args, &kwargs, 1, "paths", "plot_paths")?, "plot_paths")?;
    if paths.len() > 6 {
        return Err(err("ValueError", format!("plot_paths draws at most 6 paths side by side, got {}", paths.len())).with_help("draw more paths on one picture with slope.plot_field(f, xlim, ylim, paths=...)"));
    }
    let (auto_x, auto_y) = path_limits(&paths);
    let xl = match arg(&args, &kwargs, 2, "xlim") {
        Some(Value::None) | None => auto_x,
        Some(v) => pair(it, &v, "xlim")?,
    };
    let yl = match arg(&args, &kwargs, 3, "ylim") {
        Some(Value::None) | None => auto_y,
        Some(v) => pair(it, &v, "ylim")?,
    };
    let (n, m) = grid_sizes(it, &kwargs, 80, 11)?;
    let Field { artists, name } = field(it, &f, xl, yl, n, m, &kwargs)?;
    // The value of f where each path ends, for the titles.
    let mut finals = Vec::new();
    for (_, px, py) in &paths {
        let (x, y) = (px[px.len() - 1], py[py.len() - 1]);
        finals.push(eval_2d(it, &f, &[x], &[y])?[0]);
    }
    let k = paths.len();
    let ratio = (yl.1 - yl.0) / (xl.1 - xl.0);
    let w = 3.6;
    let size = (w * k as f64 + 0.6, (w * ratio + 1.4).clamp(2.9, 7.4));
    let lens: Vec<usize> = paths.iter().map(|p| p.1.len() - 1).collect();
    let suptitle = if lens.iter().all(|&l| l == lens[0]) { format!("{name}: {} of each, on contours and −∇{name}", steps_text(lens[0])) } else { format!("{name}: paths on contours and −∇{name}") };
    with_state(|st| -> Result<()> {
        let num = st.new_figure(size, 100.0);
        let fig = st.fig(num)?;
        fig.suptitle = Some(suptitle);
        for (i, (label, px, py)) in paths.iter().enumerate() {
            let mut ax = Axes::new(Cell { rows: 1, cols: k, row: 0, col: i });
            ax.artists = artists.clone();
            if i > 0 {
                if let Some(Artist::Quiver(q)) = ax.artists.get_mut(2) {
                    q.label = None;
                }
            }
            ax.artists.extend(path_artists(px.clone(), py.clone(), path_color(i), label.clone()));
            ax.title = Some(format!("{label}: {name} = {}", super::ticks::short(finals[i])));
            ax.xlabel = Some("x".into());
            if i == 0 {
                ax.ylabel = Some("y".into());
            }
            ax.xlim = (Some(xl.0), Some(xl.1));
            ax.ylim = (Some(yl.0), Some(yl.1));
            ax.equal = true;
            fig.axes.push(ax);
        }
        Ok(())
    })?;
    Ok(Value::None)
}

/// The Jacobian's matrix: f's output elements down, its input elements across.
fn plot_jacobian(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["f", "x", "mode", "cmap", "title", "annotate"], "plot_jacobian")?;
    let f = need(&args, &kwargs, 0, "f", "plot_jacobian")?;
    let callable = !matches!(f, Value::Array(_) | Value::List(_) | Value::Tuple(_) | Value::Int(_) | Value::Float(_));
    let (jshape, jv, in_ndim, name) = if callable {
        let x = need(&args, &kwargs, 1, "x", "plot_jacobian").map_err(|d| d.with_help("plot_jacobian(f, x) draws the Jacobian of f at x; pass x"))?;
        let mode = match kw(&kwargs, "mode") {
            Some(v) => it.to_str(v)?,
            None => "rev".into(),
        };
        let which = match mode.as_str() {
            "rev" => "jacrev",
            "fwd" => "jacfwd",
            other => return Err(err("ValueError", format!("plot_jacobian: mode is 'rev' or 'fwd', not {other:?}"))),
        };
        let xa = it.to_array(&x, false)?;
        let in_ndim = xa.shape().len();
        let jac = jax_fn(it, which)?;
        let jf = it.call(&jac, vec![f.clone()], vec![])?;
        let j = it.call(&jf, vec![x], vec![])?;
        let (shape, v) = floats(it, &j).map_err(|d| d.with_help("plot_jacobian needs f to take one array and return one array"))?;
        (shape, v, in_ndim, fn_name(&f))
    } else {
        // An array: already a Jacobian, drawn as a matrix (a vector as one row).
        let (shape, v) = floats(it, &f)?;
        let nd = if shape.len() >= 2 { 1 } else { shape.len() };
        (shape, v, nd, String::new())
    };
    if in_ndim > jshape.len() {
        return Err(err("ValueError", format!("plot_jacobian: a Jacobian of shape {jshape:?} for an input of {in_ndim} dimensions")));
    }
    let cols: usize = jshape[jshape.len() - in_ndim..].iter().product();
    let rows: usize = jshape[..jshape.len() - in_ndim].iter().product();
    if rows * cols == 0 {
        return Err(err("ValueError", "plot_jacobian: the Jacobian is empty"));
    }
    if rows * cols > 4_000_000 {
        return Err(err("ValueError", format!("plot_jacobian: a {rows} × {cols} Jacobian is too large to draw")).with_help("draw a block of it: slope.plot_jacobian(J[:200, :200])"));
    }
    let cmap = match kw(&kwargs, "cmap") {
        Some(v) => {
            let s = it.to_str(v)?;
            color::Cmap::get(&s).ok_or_else(|| err("ValueError", format!("{s:?} is not a known colormap name")).with_help(format!("the colormaps: {}", color::Cmap::names())))?
        }
        None => color::Cmap::get("RdBu_r").unwrap_or_else(color::Cmap::viridis),
    };
    // A diverging scale centred on zero: white is "this output does not depend on this input".
    let amax = jv.iter().filter(|v| v.is_finite()).fold(0.0f64, |a, v| a.max(v.abs()));
    let amax = if amax > 0.0 { amax } else { 1.0 };
    let mapping = ColorMapping::new(cmap, -amax, amax);
    let mut rgba = Vec::with_capacity(rows * cols * 4);
    for &x in &jv {
        let c = if x.is_finite() { mapping.color(x) } else { Rgba(0.0, 0.0, 0.0, 0.0) };
        rgba.extend_from_slice(&c.bytes());
    }
    let img = Image { w: cols, h: rows, rgba, extent: (-0.5, cols as f64 - 0.5, rows as f64 - 0.5, -0.5), mapping: Some(mapping) };
    // Numbers in the cells when there are few of them.
    let annotate = match kw(&kwargs, "annotate") {
        Some(v) => it.truthy(v)?,
        None => rows * cols <= 64,
    };
    let mut arts = vec![Artist::Image(img)];
    if annotate {
        for r in 0..rows {
            for c in 0..cols {
                let v = jv[r * cols + c];
                let dark = v.abs() > 0.6 * amax;
                arts.push(Artist::Text(Text { x: c as f64, y: r as f64, text: cell_text(v), size: 8.0, color: if dark { Rgba::WHITE } else { Rgba::grey(0.1) }, ha: Align::Center, va: Align::Center, arrow_to: None }));
            }
        }
    }
    let title = match kw(&kwargs, "title") {
        Some(v) => it.to_str(v)?,
        None if name.is_empty() => format!("a {rows} × {cols} Jacobian"),
        None => format!("Jacobian of {name}: {rows} outputs × {cols} inputs"),
    };
    // Square cells while the matrix is not too thin; else fill a 6.4 × 4.8 figure.
    let aspect = rows as f64 / cols as f64;
    let equal = (0.25..=4.0).contains(&aspect);
    let size = if equal {
        let (w, h) = if aspect <= 1.0 { (5.0, 5.0 * aspect) } else { (5.0 / aspect, 5.0) };
        (w + 1.8, h + 1.2)
    } else {
        (6.4, 4.8)
    };
    let at = new_axes(size);
    edit_axes(at, |ax| {
        ax.artists = arts;
        ax.title = Some(title);
        ax.xlabel = Some("input j".into());
        ax.ylabel = Some("output i".into());
        ax.equal = equal;
        ax.xlim = (Some(-0.5), Some(cols as f64 - 0.5));
        ax.ylim = (Some(rows as f64 - 0.5), Some(-0.5));
        ax.colorbar = Some((0, Some("∂fᵢ/∂xⱼ".into())));
        // Every row and column numbered while there are few; else the usual ticks.
        let every = |n: usize| (n <= 16).then(|| Ticks { at: (0..n).map(|i| i as f64).collect(), labels: None });
        ax.xticks = every(cols);
        ax.yticks = every(rows);
    })?;
    Ok(Value::None)
}

/// A matrix entry written in a heat map's cell: three significant digits.
fn cell_text(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    let s = if (1e-3..1e4).contains(&a) {
        let digits = (2 - a.log10().floor() as i32).max(0) as usize;
        let t = format!("{v:.digits$}");
        if t.contains('.') { t.trim_end_matches('0').trim_end_matches('.').to_string() } else { t }
    } else {
        format!("{v:.2e}")
    };
    s.replace('-', "−")
}

/// A curve c(t) in the plane with its velocity c′(t)·dt, from `jax.jvp`, at some times.
fn plot_curve(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &["c", "lo", "hi", "tangents", "dt", "n"], "plot_curve")?;
    let c = need(&args, &kwargs, 0, "c", "plot_curve")?;
    let lo = number(it, &need(&args, &kwargs, 1, "lo", "plot_curve")?, "lo")?;
    let hi = number(it, &need(&args, &kwargs, 2, "hi", "plot_curve")?, "hi")?;
    if hi <= lo || hi.is_nan() || lo.is_nan() {
        return Err(err("ValueError", format!("plot_curve: need lo < hi, got {lo} and {hi}")));
    }
    let tangents = match arg(&args, &kwargs, 3, "tangents") {
        Some(Value::None) | None => vec![],
        Some(v) => floats(it, &v)?.1,
    };
    let dt = match kw(&kwargs, "dt") {
        Some(v) => number(it, v, "dt")?,
        None => (hi - lo) / 12.0,
    };
    let n = match kw(&kwargs, "n") {
        Some(v) => (number(it, v, "n")? as usize).clamp(8, 5000),
        None => 300,
    };
    let point = |it: &mut Interp, r: &Value| -> Result<(f64, f64)> {
        let (_, v) = floats(it, r).map_err(|d| d.with_help("plot_curve needs c(t) to return a point: two numbers, as jnp.array([x, y]) or (x, y)"))?;
        if v.len() != 2 {
            return Err(err("ValueError", format!("plot_curve: c(t) has {} values, not 2", v.len())).with_help("c(t) returns a point of the plane: jnp.array([x(t), y(t)])"));
        }
        Ok((v[0], v[1]))
    };
    // The curve: one vmapped call, else one call per t.
    let ts: Vec<f64> = (0..n).map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64).collect();
    let vmap = jax_fn(it, "vmap")?;
    let batched = it.call(&vmap, vec![c.clone()], vec![]).and_then(|vc| it.call(&vc, vec![f64_array(&[n], ts.clone())], vec![])).and_then(|r| floats(it, &r));
    let (cx, cy): (Vec<f64>, Vec<f64>) = match batched {
        Ok((shape, v)) if shape == [n, 2] => v.chunks(2).map(|p| (p[0], p[1])).unzip(),
        _ => {
            let mut pts = Vec::with_capacity(n);
            for &t in &ts {
                let r = it.call(&c, vec![Value::Float(t)], vec![])?;
                pts.push(point(it, &r)?);
            }
            pts.into_iter().unzip()
        }
    };
    let jvp = jax_fn(it, "jvp")?;
    let name = fn_name(&c);
    let mut arts = vec![line(cx, cy, color::cycle(0), 2.0, Dash::Solid, Some(format!("{name}(t)")))];
    let (mut qx, mut qy, mut qu, mut qv, mut nx, mut ny) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    for &t in &tangents {
        let r = it.call(&jvp, vec![c.clone(), Value::tuple(vec![Value::Float(t)]), Value::tuple(vec![Value::Float(dt)])], vec![])?;
        let parts = it.iterate(&r)?;
        let (p, v) = (point(it, &parts[0])?, point(it, &parts[1])?);
        qx.push(p.0);
        qy.push(p.1);
        qu.push(v.0);
        qv.push(v.1);
        let next = it.call(&c, vec![Value::Float(t + dt)], vec![])?;
        let q = point(it, &next)?;
        nx.push(q.0);
        ny.push(q.1);
    }
    if !tangents.is_empty() {
        arts.push(Artist::Scatter(Scatter { x: qx.clone(), y: qy.clone(), sizes: vec![30.0], colors: vec![Rgba::grey(0.15)], mapping: None, marker: Marker::Circle, edge: None, label: Some("points at t".into()) }));
        arts.push(Artist::Quiver(Quiver { x: qx, y: qy, u: qu, v: qv, colors: vec![color::cycle(3)], mapping: None, scale: Some(1.0), width: Some(0.006), xy: true, label: Some(format!("jvp: {name}′(t)·dt, dt = {}", super::ticks::short(dt))) }));
        arts.push(Artist::Scatter(Scatter { x: nx, y: ny, sizes: vec![40.0], colors: vec![color::cycle(1)], mapping: None, marker: Marker::Square, edge: None, label: Some(format!("{name}(t + dt)")) }));
    }
    let at = new_axes((6.4, 5.4));
    edit_axes(at, |ax| {
        ax.artists = arts;
        ax.title = Some(format!("{name}(t) for t in [{}, {}] and its tangents", super::ticks::short(lo), super::ticks::short(hi)));
        ax.xlabel = Some("x".into());
        ax.ylabel = Some("y".into());
        ax.equal = true;
        ax.grid = true;
        ax.legend = Some(Loc::Best);
    })?;
    Ok(Value::None)
}

fn cache_info(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    check_kw(&kwargs, &[], "cache_info")?;
    if !args.is_empty() {
        return Err(err("TypeError", format!("cache_info() takes no arguments ({} given)", args.len())).with_help("call slope.cache_info()"));
    }
    let (traces, vjps, funcs) = it.trace_cache_sizes();
    let mut d = lang::native::Dict::default();
    for (k, n) in [("traces", traces), ("vjps", vjps), ("transformed", funcs), ("gc_tracked", lang::native::gc::tracked_count())] {
        d.insert(Value::Str(k.into()), lang::native::Key::Str(k.into()), Value::Int(n as i64));
    }
    Ok(Value::dict(d))
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

//! `matplotlib.pyplot`: the functions (`plt.plot`, `plt.subplots`, …) and the Figure and Axes
//! objects they hand out. Calls become artists in the figure state; nothing is drawn until a
//! figure is shown or saved.
//!
//! Figures, axes and artists are instances of native classes (`Figure`, `Axes`, `Line2D`, …,
//! made when the module is imported and kept in it) whose methods are builtins and whose native
//! data names what they stand for in the figure state: a figure's number, (figure, axes), or
//! (figure, axes, artist). They print as matplotlib 3.8+ prints them; `subplots`' grid of axes
//! is an object that behaves and prints as numpy's array of Axes. Every `plt.f` is the
//! matching axes method on the current axes.

use super::color::{self, Cmap, Dash, Fmt, Marker, Rgba};
use super::model::*;
use super::{contour, render, with_state};
use lang::native::{default_repr, Array, Attrs, Builtin, Diagnostic, HostArray, Instance, Interp, Kwargs, Module, NativeFn, Property, Result, Value};
use std::any::Any;
use std::rc::Rc;

/// Keyword arguments that matplotlib accepts and that change nothing in our pictures.
const IGNORED: &[&str] = &[
    "zorder", "markeredgecolor", "mec", "markerfacecolor", "mfc", "markeredgewidth", "mew", "antialiased", "aa", "solid_capstyle",
    "dash_capstyle", "solid_joinstyle", "drawstyle", "interpolation", "rasterized", "clip_on", "snap", "fontweight", "fontdict", "pad",
    "labelpad", "frameon", "framealpha", "ncol", "ncols", "shadow", "fancybox", "bbox_to_anchor", "borderaxespad", "bbox_inches",
    "transparent", "pad_inches", "shading", "extend", "headwidth", "headlength", "headaxislength", "pivot",
    "units", "minlength", "hatch", "which", "axis", "sharex", "sharey", "squeeze", "constrained_layout", "layout", "tight_layout",
    "shrink", "fraction", "aspect_ratio", "orientation", "cax", "rwidth", "align", "log", "stacked", "fontsize", "y", "x", "loc",
    "family", "weight", "style", "num", "clear", "facecolor", "metadata", "filternorm", "resample", "norm", "linewidths_", "inline",
];

fn err(kind: &str, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::new(kind, msg)
}

/// Reject keyword arguments that are neither known here nor harmless.
fn check_kw(kw: &Kwargs, known: &[&str], f: &str) -> Result<()> {
    let kept: Kwargs = kw.iter().filter(|(k, _)| !IGNORED.contains(&k.as_ref())).cloned().collect();
    lang::native::check_kw(&kept, known, f)
}

/// The first of these keyword arguments that was given.
fn kwv(kw: &Kwargs, names: &[&str]) -> Option<Value> {
    kw.iter().find(|(k, _)| names.contains(&k.as_ref())).map(|(_, v)| v.clone()).filter(|v| !v.is_none())
}

/// A keyword argument, else a positional one.
fn argv(args: &[Value], kw: &Kwargs, i: usize, names: &[&str]) -> Option<Value> {
    kwv(kw, names).or_else(|| args.get(i).cloned().filter(|v| !v.is_none()))
}

/// Numbers from a scalar, list or array, with their shape.
pub fn floats(it: &mut Interp, v: &Value) -> Result<(Vec<usize>, Vec<f64>)> {
    match v {
        Value::Int(i) => Ok((vec![], vec![*i as f64])),
        Value::Float(f) => Ok((vec![], vec![*f])),
        Value::Bool(b) => Ok((vec![], vec![*b as u8 as f64])),
        _ => {
            let a = it.to_array(v, false).map_err(|d| {
                let m = d.message.clone();
                d.with_help(format!("plot data must be numbers, lists of numbers or arrays ({m})"))
            })?;
            let h = it.force(&a)?;
            Ok((h.shape.clone(), h.to_f64_vec()))
        }
    }
}

pub fn number(it: &mut Interp, v: &Value, what: &str) -> Result<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as u8 as f64),
        Value::Array(a) if a.numel() == 1 => Ok(it.force(a)?.get(0).to_f64()),
        other => Err(err("TypeError", format!("{what} must be a number, not {}", other.type_name()))),
    }
}

fn text(it: &mut Interp, v: &Value) -> Result<String> {
    it.to_str(v)
}

/// A colour from a name, a format letter, a grey level or an (r, g, b[, a]) tuple.
pub fn color_of(it: &mut Interp, v: &Value) -> Result<Rgba> {
    match v {
        Value::Str(s) => color::parse(s).ok_or_else(|| err("ValueError", format!("{s:?} is not a valid color value")).with_help(format!("use a colour such as {}", color::some_names()))),
        Value::Tuple(_) | Value::List(_) => {
            let (_, c) = floats(it, v)?;
            match c.len() {
                3 => Ok(Rgba(c[0], c[1], c[2], 1.0)),
                4 => Ok(Rgba(c[0], c[1], c[2], c[3])),
                n => Err(err("ValueError", format!("a colour tuple has 3 or 4 numbers in 0..1, not {n}"))),
            }
        }
        other => Err(err("TypeError", format!("a colour must be a str or a tuple, not {}", other.type_name())).with_help(format!("use a colour such as {}", color::some_names()))),
    }
}

fn cmap_of(it: &mut Interp, kw: &Kwargs) -> Result<Cmap> {
    match kwv(kw, &["cmap"]) {
        None => Ok(Cmap::viridis()),
        Some(v) => {
            let name = text(it, &v)?;
            Cmap::get(&name).ok_or_else(|| err("ValueError", format!("{name:?} is not a known colormap name")).with_help(format!("colormaps: {} (and any of them with _r)", Cmap::names())))
        }
    }
}

fn opt_number(it: &mut Interp, kw: &Kwargs, names: &[&str]) -> Result<Option<f64>> {
    match kwv(kw, names) {
        Some(v) => Ok(Some(number(it, &v, names[0])?)),
        None => Ok(None),
    }
}

fn opt_text(it: &mut Interp, kw: &Kwargs, names: &[&str]) -> Result<Option<String>> {
    match kwv(kw, names) {
        Some(v) => Ok(Some(text(it, &v)?)),
        None => Ok(None),
    }
}

fn opt_color(it: &mut Interp, kw: &Kwargs, names: &[&str]) -> Result<Option<Rgba>> {
    match kwv(kw, names) {
        Some(v) => Ok(Some(color_of(it, &v)?)),
        None => Ok(None),
    }
}

fn float_array(shape: &[usize], v: Vec<f64>) -> Value {
    Value::Array(Array::host(HostArray::from_f64(shape, v), false))
}

const AXES_METHODS: &[&str] = &[
    "plot", "scatter", "bar", "barh", "hist", "imshow", "contour", "contourf", "quiver", "axhline", "axvline", "fill_between", "text", "annotate",
    "legend", "grid", "set_title", "set_xlabel", "set_ylabel", "set_xlim", "set_ylim", "get_xlim", "get_ylim", "set_xscale", "set_yscale",
    "set_xticks", "set_yticks", "set_xticklabels", "set_yticklabels", "set_aspect", "axis", "set", "semilogx", "semilogy", "loglog",
    "cla", "clear", "get_title", "get_xlabel", "get_ylabel",
];

const FIGURE_METHODS: &[&str] = &["savefig", "suptitle", "colorbar", "tight_layout", "subplots_adjust", "add_subplot", "gca", "show", "clf", "set_size_inches", "_repr_png_"];

// ---------------------------------------------------------------------------------------------
// The objects pyplot hands out: instances of native classes whose methods are builtins and
// whose data says which figure, axes or artist of the figure state they stand for.

/// A figure's number.
struct FigRef(usize);
/// An axes: (figure number, axes index).
struct AxRef(usize, usize);
/// An artist: (figure number, axes index, index among the axes' artists).
struct ArtistRef(usize, usize, usize);

/// The classes: (name, module as matplotlib spells it, methods, whether `matplotlib.pyplot`
/// exports the class; the others are kept in it under `_name`).
const CLASSES: &[(&str, &str, &[&str], bool)] = &[
    ("Figure", "matplotlib.figure", FIGURE_METHODS, true),
    ("Axes", "matplotlib.axes._axes", AXES_METHODS, true),
    ("Line2D", "matplotlib.lines", &["get_label"], true),
    ("PathCollection", "matplotlib.collections", &["get_label"], false),
    ("BarContainer", "matplotlib.container", &["get_label"], false),
    ("AxesImage", "matplotlib.image", &[], false),
    ("QuadContourSet", "matplotlib.contour", &[], false),
    ("Quiver", "matplotlib.quiver", &["get_label"], false),
    ("FillBetweenPolyCollection", "matplotlib.collections", &["get_label"], false),
    ("Colorbar", "matplotlib.colorbar", &["set_label"], false),
    ("Text", "matplotlib.text", &[], true),
    ("Annotation", "matplotlib.text", &[], true),
    // The grid of axes `subplots` returns, standing in for numpy's array of objects.
    ("ndarray", "numpy", &["ravel", "flatten", "tolist"], false),
];

fn builtin(name: &str, f: NativeFn, doc: &'static str) -> Value {
    Value::Builtin(Rc::new(Builtin { name: name.into(), f, jax: false, doc }))
}

/// Make the classes of `CLASSES` into the pyplot module `m`.
fn make_classes(it: &mut Interp, m: &Module) -> Result<()> {
    for (name, module, methods, public) in CLASSES {
        let mut attrs = Attrs::default();
        let f: NativeFn = match *name {
            "Figure" => figure_method,
            "Axes" => axes_method,
            "ndarray" => grid_method,
            _ => artist_method,
        };
        for meth in *methods {
            attrs.set((*meth).into(), builtin(meth, f, doc_of(meth)));
        }
        let dunders: &[&str] = if *name == "ndarray" { &["__repr__", "__str__", "__len__", "__getitem__", "__iter__"] } else { &["__repr__", "__str__", "__eq__", "__hash__"] };
        for dunder in dunders {
            attrs.set((*dunder).into(), builtin(dunder, f, ""));
        }
        let property = |getter: &str| Value::Property(Rc::new(Property { fget: builtin(getter, f, ""), fset: Value::None, fdel: Value::None, doc: Value::None }));
        let properties: &[&str] = match *name {
            "Figure" => &["axes", "number"],
            "Axes" => &["figure"],
            "ndarray" => &["flat", "shape", "size", "ndim"],
            _ => &["axes"],
        };
        for p in properties {
            attrs.set((*p).into(), property(p));
        }
        let cls = it.make_class(name, module, vec![], attrs)?;
        let key = if *public { name.to_string() } else { format!("_{name}") };
        m.attrs.borrow_mut().insert(key.into(), Value::Class(cls));
    }
    Ok(())
}

/// A new instance of the pyplot class `name` carrying `data`.
fn object(it: &mut Interp, name: &str, data: Rc<dyn Any>) -> Result<Value> {
    let plt = it.import("matplotlib.pyplot")?;
    let Value::Module(m) = plt else { return Err(err("RuntimeError", "internal error: matplotlib.pyplot is not a module")) };
    match m.get(name).or_else(|| m.get(&format!("_{name}"))) {
        Some(Value::Class(c)) => Ok(Value::object(Instance::native(c, data))),
        _ => Err(err("RuntimeError", format!("internal error: no class {name} in matplotlib.pyplot"))),
    }
}

/// The Figure object of figure `num`.
pub fn figure_value(it: &mut Interp, num: usize) -> Result<Value> {
    object(it, "Figure", Rc::new(FigRef(num)))
}

/// The Axes object of axes `idx` of figure `num`.
pub fn axes_value(it: &mut Interp, num: usize, idx: usize) -> Result<Value> {
    object(it, "Axes", Rc::new(AxRef(num, idx)))
}

/// A handle on an artist (what `plot`, `imshow`, `scatter`, `contourf` return, for `colorbar`).
fn artist_value(it: &mut Interp, kind: &str, num: usize, idx: usize, k: usize) -> Result<Value> {
    object(it, kind, Rc::new(ArtistRef(num, idx, k)))
}

/// What a pyplot object stands for: [figure], [figure, axes] or [figure, axes, artist].
fn ref_of(v: &Value) -> Option<Vec<usize>> {
    let Value::Object(o) = v else { return None };
    if let Some(FigRef(n)) = o.data() {
        return Some(vec![*n]);
    }
    if let Some(AxRef(n, i)) = o.data() {
        return Some(vec![*n, *i]);
    }
    o.data::<ArtistRef>().map(|ArtistRef(n, i, k)| vec![*n, *i, *k])
}

/// The receiver of a method call (`self`, the first argument) as a reference, and the rest.
fn receiver(b: &Builtin, args: Vec<Value>) -> Result<(Vec<usize>, Value, Vec<Value>)> {
    let mut args = args.into_iter();
    let this = args.next().unwrap_or(Value::None);
    let r = ref_of(&this).ok_or_else(|| err("TypeError", format!("{}() needs a matplotlib object, not {}", b.name, this.type_name())))?;
    Ok((r, this, args.collect()))
}

/// The dunders every class shares: `==` and `hash` compare what the objects stand for (two
/// handles on one figure are equal, so `ax in fig.axes` works).
fn common_dunder(b: &Builtin, r: &[usize], args: &[Value]) -> Option<Value> {
    match b.name.as_ref() {
        "__eq__" => Some(Value::Bool(args.first().and_then(ref_of).is_some_and(|o| o == r))),
        "__hash__" => Some(Value::Int(r.iter().fold(17i64, |h, x| h.wrapping_mul(1_000_003).wrapping_add(*x as i64)))),
        _ => None,
    }
}

fn figure_method(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (r, _, args) = receiver(b, args)?;
    if let Some(v) = common_dunder(b, &r, &args) {
        return Ok(v);
    }
    let num = r[0];
    match b.name.as_ref() {
        "__repr__" => Ok(Value::str(&with_state(|st| st.fig(num).map(|f| f.describe()))?)),
        "__str__" => Ok(Value::str(&with_state(|st| st.fig(num).map(|f| f.str()))?)),
        "number" => Ok(Value::Int(num as i64)),
        // What display(fig) and a cell ending in `fig` show: the figure as PNG (base64), as
        // IPython's figure formatter; None for a figure without axes.
        "_repr_png_" => {
            let fig = with_state(|st| st.fig(num).map(|f| f.clone()))?;
            if fig.axes.is_empty() {
                return Ok(Value::None);
            }
            let png = super::figure_png(&fig)?;
            let bundle = super::png_bundle(&png, String::new());
            Ok(Value::str(&bundle[0].1))
        }
        "axes" => {
            let n = with_state(|st| st.fig(num).map(|f| f.axes.len()))?;
            let axes = (0..n).map(|i| axes_value(it, num, i)).collect::<Result<Vec<_>>>()?;
            Ok(Value::list(axes))
        }
        m => figure_call(it, num, m, args, kw),
    }
}

fn axes_method(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (r, _, args) = receiver(b, args)?;
    if let Some(v) = common_dunder(b, &r, &args) {
        return Ok(v);
    }
    let at = (r[0], *r.get(1).unwrap_or(&0));
    match b.name.as_ref() {
        "__repr__" => {
            let (title, xlabel, ylabel) = with_state(|st| -> Result<_> {
                let f = st.fig(at.0)?;
                Ok(f.axes.get(at.1).map(|a| (a.title.clone(), a.xlabel.clone(), a.ylabel.clone())).unwrap_or_default())
            })?;
            // matplotlib 3.8+: `<Axes: title={'center': 't'}, xlabel='x', ylabel='y'>`.
            let mut fields = Vec::new();
            if let Some(t) = title.filter(|t| !t.is_empty()) {
                fields.push(format!("title={{'center': {}}}", it.repr(&Value::str(&t))?));
            }
            for (name, l) in [("xlabel", xlabel), ("ylabel", ylabel)] {
                if let Some(l) = l.filter(|l| !l.is_empty()) {
                    fields.push(format!("{name}={}", it.repr(&Value::str(&l))?));
                }
            }
            Ok(Value::str(&format!("<Axes: {}>", fields.join(", "))))
        }
        "__str__" => {
            let cell = with_state(|st| -> Result<Option<Cell>> { Ok(st.fig(at.0)?.axes.get(at.1).map(|a| a.cell)) })?;
            Ok(Value::str(&cell.map_or_else(|| "Axes()".to_string(), |c| c.axes_str())))
        }
        "figure" => figure_value(it, at.0),
        m => axes_call(it, at, m, args, kw),
    }
}

fn artist_method(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (r, this, args) = receiver(b, args)?;
    if let Some(v) = common_dunder(b, &r, &args) {
        return Ok(v);
    }
    let [num, idx, k] = r[..] else { return Err(err("TypeError", format!("{}() needs an artist", b.name))) };
    let artist = with_state(|st| -> Result<Option<Artist>> { Ok(st.fig(num)?.axes.get(idx).and_then(|a| a.artists.get(k).cloned())) })?;
    let kind = this.type_name();
    let label = || artist.as_ref().and_then(|a| a.label()).map(|l| l.to_string()).unwrap_or_else(|| format!("_child{k}"));
    match b.name.as_ref() {
        "__repr__" | "__str__" => Ok(Value::str(&match (kind.as_str(), &artist) {
            // matplotlib's own: `Line2D(label)` (str), `<BarContainer object of 3 artists>`,
            // `Text(0, 0.5, 'a')`; the rest print as `<matplotlib.image.AxesImage object at 0x…>`.
            ("Line2D", _) if b.name.as_ref() == "__str__" => format!("Line2D({})", label()),
            ("BarContainer", Some(Artist::Bars(bars))) => format!("<BarContainer object of {} artists>", bars.pos.len()),
            ("Text" | "Annotation", Some(Artist::Text(t))) => {
                let (x, y) = if kind == "Annotation" { t.arrow_to.unwrap_or((t.x, t.y)) } else { (t.x, t.y) };
                format!("{kind}({}, {}, {})", fmt_g(x), fmt_g(y), it.repr(&Value::str(&t.text))?)
            }
            _ => default_repr(&this),
        })),
        "get_label" => Ok(Value::str(&label())),
        "axes" => axes_value(it, num, idx),
        "set_label" => axes_call(it, (num, idx), "colorbar_set_label", args, kw),
        other => Err(err("AttributeError", format!("'{kind}' object has no attribute '{other}'"))),
    }
}

/// The grid of axes of `subplots(rows, cols)` (rows > 1 or cols > 1): numpy's array of Axes
/// objects as far as plotting code uses it (`axs[0, 1]`, `axs[:, 0]`, `axs[1][0]`, `axs.flat`,
/// `axs.ravel()`, `len`, iteration, `shape`), printed as numpy prints it.
struct AxesGrid {
    shape: Vec<usize>,
    /// The Axes objects, row-major.
    items: Vec<Value>,
}

fn grid_value(it: &mut Interp, shape: Vec<usize>, items: Vec<Value>) -> Result<Value> {
    object(it, "ndarray", Rc::new(AxesGrid { shape, items }))
}

fn grid_method(it: &mut Interp, b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let mut args = args.into_iter();
    let this = args.next().unwrap_or(Value::None);
    let Value::Object(o) = &this else { return Err(err("TypeError", format!("{}() needs an array of Axes", b.name))) };
    let Some(g) = o.data::<AxesGrid>() else { return Err(err("TypeError", format!("{}() needs an array of Axes", b.name))) };
    let (shape, items) = (g.shape.clone(), g.items.clone());
    let rows = |it: &mut Interp| -> Result<Vec<Value>> {
        if shape.len() == 1 {
            return Ok(items.clone());
        }
        let cols = shape[1];
        items.chunks(cols).map(|r| grid_value(it, vec![cols], r.to_vec())).collect()
    };
    match b.name.as_ref() {
        "__len__" => Ok(Value::Int(shape[0] as i64)),
        "__iter__" => {
            let r = rows(it)?;
            it.get_iter(&Value::list(r))
        }
        "__getitem__" => {
            let key = args.next().unwrap_or(Value::None);
            let keys = match &key {
                Value::Tuple(t) => t.to_vec(),
                other => vec![other.clone()],
            };
            if keys.len() > shape.len() {
                return Err(err("IndexError", format!("too many indices for array: array is {}-dimensional, but {} were indexed", shape.len(), keys.len())));
            }
            // Per axis: the positions it selects, and whether it stays (a slice) or goes (an int).
            let mut picks: Vec<(Vec<usize>, bool)> = Vec::new();
            for (ax, &n) in shape.iter().enumerate() {
                picks.push(match keys.get(ax) {
                    None => ((0..n).collect(), true),
                    Some(Value::Int(i)) => {
                        let j = if *i < 0 { *i + n as i64 } else { *i };
                        if j < 0 || j >= n as i64 {
                            return Err(err("IndexError", format!("index {i} is out of bounds for axis {ax} with size {n}")));
                        }
                        (vec![j as usize], false)
                    }
                    Some(Value::Slice(sl)) => {
                        let step = sl[2].unwrap_or(1);
                        if step == 0 {
                            return Err(err("ValueError", "slice step cannot be zero"));
                        }
                        let (start, len) = lang::native::slice_indices(sl[0], sl[1], step, n as i64);
                        ((0..len).map(|k| (start + k * step) as usize).collect(), true)
                    }
                    Some(other) => {
                        return Err(err("IndexError", format!("an array of Axes is indexed by ints and slices, not {}", other.type_name()))
                            .with_help("write axs[i, j], axs[i][j] or axs[:, j]"))
                    }
                });
            }
            let strides: Vec<usize> = (0..shape.len()).map(|a| shape[a + 1..].iter().product()).collect();
            let mut chosen = vec![0usize];
            for (a, (pos, _)) in picks.iter().enumerate() {
                let stride = strides[a];
                chosen = chosen.iter().flat_map(|base| pos.iter().map(move |p| base + p * stride)).collect();
            }
            let new_shape: Vec<usize> = picks.iter().filter(|(_, keep)| *keep).map(|(p, _)| p.len()).collect();
            let picked: Vec<Value> = chosen.iter().map(|&i| items[i].clone()).collect();
            if new_shape.is_empty() {
                Ok(picked.into_iter().next().unwrap_or(Value::None))
            } else {
                grid_value(it, new_shape, picked)
            }
        }
        "flat" | "ravel" | "flatten" => grid_value(it, vec![items.len()], items.clone()),
        "tolist" => {
            let r = rows(it)?;
            if shape.len() == 1 {
                return Ok(Value::list(r));
            }
            Ok(Value::list(shape_rows(&items, shape[1])))
        }
        "shape" => Ok(Value::tuple(shape.iter().map(|&d| Value::Int(d as i64)).collect())),
        "size" => Ok(Value::Int(items.len() as i64)),
        "ndim" => Ok(Value::Int(shape.len() as i64)),
        "__repr__" | "__str__" => {
            let words = items.iter().map(|v| it.repr(v)).collect::<Result<Vec<_>>>()?;
            Ok(Value::str(&if b.name.as_ref() == "__repr__" { object_array_repr(&words, &shape) } else { format_object_array(&words, &shape, 75, 1, " ") }))
        }
        other => Err(err("AttributeError", format!("'ndarray' object has no attribute '{other}'"))),
    }
}

fn shape_rows(items: &[Value], cols: usize) -> Vec<Value> {
    items.chunks(cols).map(|r| Value::list(r.to_vec())).collect()
}

/// numpy's `repr` of an object array: `array([<Axes: >, <Axes: >], dtype=object)`, wrapped at
/// 75 columns as numpy wraps it.
fn object_array_repr(words: &[String], shape: &[usize]) -> String {
    let body = format_object_array(words, shape, 75 - 1, "array(".len() + 1, ", ");
    let text = format!("array({body}");
    let last = text.len() - text.rfind('\n').map_or(0, |i| i + 1);
    let dtype = "dtype=object)";
    let spacer = if last + dtype.len() + 2 > 75 { format!(",\n{}", " ".repeat("array(".len())) } else { ", ".to_string() };
    format!("{text}{spacer}{dtype}")
}

/// numpy's `_formatArray` for a 1-d or 2-d array of words: brackets, `separator` between
/// elements, lines wrapped at `width`, continuation lines indented by `indent`.
fn format_object_array(words: &[String], shape: &[usize], width: usize, indent: usize, separator: &str) -> String {
    fn rec(words: &[String], shape: &[usize], hang: usize, width: usize, separator: &str) -> String {
        let hanging = " ".repeat(hang);
        let mut s = String::new();
        if shape.len() == 1 {
            let elem_width = width - separator.trim_end().len();
            let mut line = hanging.clone();
            for (i, w) in words.iter().enumerate() {
                if line.len() + w.len() > elem_width && line.len() > hanging.len() {
                    s.push_str(line.trim_end());
                    s.push('\n');
                    line = hanging.clone();
                }
                line.push_str(w);
                if i + 1 < words.len() {
                    line.push_str(separator);
                }
            }
            s.push_str(&line);
        } else {
            let inner = shape[1..].iter().product::<usize>().max(1);
            let rows: Vec<String> = words.chunks(inner).map(|r| rec(r, &shape[1..], hang + 1, width - 1, separator)).collect();
            let line_sep = format!("{}{}", separator.trim_end(), "\n".repeat(shape.len() - 1));
            for (i, r) in rows.iter().enumerate() {
                s.push_str(&hanging);
                s.push_str(r);
                if i + 1 < rows.len() {
                    s.push_str(&line_sep);
                }
            }
        }
        format!("[{}]", &s[hang.min(s.len())..])
    }
    rec(words, shape, indent, width, separator)
}

/// Change axes `(num, idx)`. Drawing on a figure that was shown opens it again and makes it the
/// current figure, so `ax.plot(...)` then `plt.savefig(...)` in a later cell saves that drawing
/// (and the figure is shown again at the end of the cell).
fn with_axes<T>(at: (usize, usize), f: impl FnOnce(&mut Axes) -> T) -> Result<T> {
    with_state(|st| {
        let fig = st.fig(at.0)?;
        if !fig.open {
            fig.open = true;
            st.current = Some(at.0);
        }
        let fig = st.fig(at.0)?;
        let n = fig.axes.len();
        let ax = fig.axes.get_mut(at.1).ok_or_else(|| err("RuntimeError", format!("figure {} has {n} axes, not {}", at.0, at.1 + 1)))?;
        Ok(f(ax))
    })
}

fn add_artist(at: (usize, usize), a: Artist) -> Result<usize> {
    with_axes(at, |ax| {
        ax.artists.push(a);
        ax.artists.len() - 1
    })
}

/// The module `matplotlib.pyplot`.
pub fn build_pyplot(it: &mut Interp) -> Result<Value> {
    let m = Module::new("matplotlib.pyplot");
    make_classes(it, &m)?;
    let plt_only = [
        "figure", "subplots", "subplot", "gcf", "gca", "close", "clf", "savefig", "show", "suptitle", "colorbar", "tight_layout", "subplots_adjust",
        "title", "xlabel", "ylabel", "xlim", "ylim", "xscale", "yscale", "xticks", "yticks",
    ];
    for name in AXES_METHODS.iter().filter(|n| !n.starts_with("set_") && !n.starts_with("get_") && **n != "set" && **n != "clear").chain(plt_only.iter()) {
        m.attrs.borrow_mut().insert((*name).into(), Value::Builtin(Rc::new(Builtin { name: (*name).into(), f: plt_call, jax: false, doc: doc_of(name) })));
    }
    Ok(Value::Module(Rc::new(m)))
}

/// The module `matplotlib` (for `import matplotlib.pyplot as plt` and `from matplotlib import pyplot`).
pub fn build_matplotlib(it: &mut Interp) -> Result<Value> {
    let m = Module::new("matplotlib");
    let plt = it.import("matplotlib.pyplot")?;
    m.attrs.borrow_mut().insert("pyplot".into(), plt);
    m.attrs.borrow_mut().insert("__version__".into(), Value::str("3.8 (Slope)"));
    Ok(Value::Module(Rc::new(m)))
}

fn doc_of(name: &str) -> &'static str {
    match name {
        "plot" => "plot([x], y, [fmt], *, color, linewidth, linestyle, marker, label): lines and/or markers",
        "scatter" => "scatter(x, y, s=None, c=None, marker='o', cmap=None, label=None): points",
        "hist" => "hist(x, bins=10, range=None, density=False, color, alpha, label, histtype='bar'): a histogram",
        "bar" => "bar(x, height, width=0.8, bottom=0, color, label): bars",
        "imshow" => "imshow(X, cmap='viridis', vmin, vmax, extent, origin='upper', aspect='equal'): an image or a 2-D array",
        "contour" => "contour([X, Y,] Z, [levels], colors, cmap): level lines",
        "contourf" => "contourf([X, Y,] Z, [levels], cmap): filled contours",
        "quiver" => "quiver([X, Y,] U, V, [C], scale=None, color='k'): arrows",
        "subplots" => "subplots(nrows=1, ncols=1, figsize=(6.4, 4.8)): a figure and its axes",
        "savefig" => "savefig(fname, dpi=None, format=None): write the current figure as PNG or SVG",
        "show" => "show(): display the open figures now",
        _ => "",
    }
}

fn plt_call(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let name = b.name.as_ref();
    match name {
        "figure" => {
            check_kw(&kw, &["figsize", "dpi"], "figure")?;
            let size = figsize(it, &kw)?;
            let dpi = opt_number(it, &kw, &["dpi"])?.unwrap_or(100.0);
            if let Some(Value::Int(n)) = args.first().or(kwv(&kw, &["num"]).as_ref()) {
                let n = *n as usize;
                let exists = with_state(|st| {
                    if st.figs.iter().any(|f| f.num == n && f.open) {
                        st.current = Some(n);
                        true
                    } else {
                        false
                    }
                });
                if exists {
                    return figure_value(it, n);
                }
            }
            let n = with_state(|st| st.new_figure(size, dpi));
            figure_value(it, n)
        }
        "subplots" => {
            check_kw(&kw, &["nrows", "ncols", "figsize", "dpi"], "subplots")?;
            let rows = match argv(&args, &kw, 0, &["nrows"]) {
                Some(v) => number(it, &v, "nrows")? as usize,
                None => 1,
            };
            let cols = match argv(&args, &kw, 1, &["ncols"]) {
                Some(v) => number(it, &v, "ncols")? as usize,
                None => 1,
            };
            if rows == 0 || cols == 0 || rows * cols > 100 {
                return Err(err("ValueError", format!("subplots({rows}, {cols}): the grid needs 1 to 100 cells")));
            }
            let size = figsize(it, &kw)?;
            let dpi = opt_number(it, &kw, &["dpi"])?.unwrap_or(100.0);
            let n = with_state(|st| {
                let n = st.new_figure(size, dpi);
                if let Ok(f) = st.fig(n) {
                    for r in 0..rows {
                        for c in 0..cols {
                            f.axes.push(Axes::new(Cell { rows, cols, row: r, col: c }));
                        }
                    }
                    // As in matplotlib, the last axes made is the current one (`plt.title`).
                    f.current = f.axes.len() - 1;
                }
                n
            });
            let fig = figure_value(it, n)?;
            let all = (0..rows * cols).map(|i| axes_value(it, n, i)).collect::<Result<Vec<_>>>()?;
            let axes = if rows == 1 && cols == 1 {
                all[0].clone()
            } else if rows == 1 || cols == 1 {
                grid_value(it, vec![rows * cols], all)?
            } else {
                grid_value(it, vec![rows, cols], all)?
            };
            Ok(Value::tuple(vec![fig, axes]))
        }
        "subplot" => {
            check_kw(&kw, &[], "subplot")?;
            let n = with_state(|st| st.gcf());
            figure_call(it, n, "add_subplot", args, kw)
        }
        "gcf" => {
            let n = with_state(|st| st.gcf());
            figure_value(it, n)
        }
        "gca" => {
            let (n, i) = with_state(|st| st.gca());
            axes_value(it, n, i)
        }
        "close" => {
            let what = args.first().cloned().unwrap_or(Value::None);
            with_state(|st| {
                match &what {
                    Value::Str(s) if s.as_ref() == "all" => st.figs.iter_mut().for_each(|f| f.open = false),
                    Value::None => {
                        if let Some(n) = st.current {
                            if let Ok(f) = st.fig(n) {
                                f.open = false;
                            }
                        }
                    }
                    other => {
                        let n = ref_of(other).and_then(|r| r.first().copied()).or(if let Value::Int(i) = other { Some(*i as usize) } else { None });
                        if let Some(n) = n {
                            if let Ok(f) = st.fig(n) {
                                f.open = false;
                            }
                        }
                    }
                }
                st.current = None;
            });
            Ok(Value::None)
        }
        "clf" | "savefig" | "suptitle" | "colorbar" | "tight_layout" | "subplots_adjust" => {
            let n = with_state(|st| st.gcf());
            figure_call(it, n, name, args, kw)
        }
        "show" => {
            super::show_all(it)?;
            Ok(Value::None)
        }
        _ => {
            let at = with_state(|st| st.gca());
            let m = match name {
                "title" => "set_title",
                "xlabel" => "set_xlabel",
                "ylabel" => "set_ylabel",
                "xscale" => "set_xscale",
                "yscale" => "set_yscale",
                "xticks" => "set_xticks",
                "yticks" => "set_yticks",
                "xlim" if args.is_empty() && kw.is_empty() => "get_xlim",
                "ylim" if args.is_empty() && kw.is_empty() => "get_ylim",
                "xlim" => "set_xlim",
                "ylim" => "set_ylim",
                other => other,
            };
            axes_call(it, at, m, args, kw)
        }
    }
}

fn figsize(it: &mut Interp, kw: &Kwargs) -> Result<(f64, f64)> {
    match kwv(kw, &["figsize"]) {
        Some(v) => {
            let (_, s) = floats(it, &v)?;
            if s.len() != 2 || !(s[0] > 0.0 && s[1] > 0.0 && s[0] <= 50.0 && s[1] <= 50.0) {
                return Err(err("ValueError", "figsize is (width, height) in inches, each in (0, 50]"));
            }
            Ok((s[0], s[1]))
        }
        None => Ok((6.4, 4.8)),
    }
}

fn figure_call(it: &mut Interp, num: usize, m: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    match m {
        "savefig" => {
            check_kw(&kw, &["fname", "dpi", "format"], "savefig")?;
            let path = match argv(&args, &kw, 0, &["fname"]) {
                Some(v) => text(it, &v)?,
                None => return Err(err("TypeError", "savefig() missing required argument 'fname'")),
            };
            let format = match opt_text(it, &kw, &["format"])? {
                Some(f) => f.to_lowercase(),
                None => std::path::Path::new(&path).extension().and_then(|e| e.to_str()).unwrap_or("png").to_lowercase(),
            };
            let mut fig = with_state(|st| st.fig(num).cloned())?;
            if let Some(d) = opt_number(it, &kw, &["dpi"])? {
                fig.dpi = d.clamp(10.0, 600.0);
            }
            let bytes = match format.as_str() {
                "png" => super::figure_png(&fig)?,
                "svg" => super::figure_svg(&fig)?.into_bytes(),
                other => return Err(err("ValueError", format!("Format '{other}' is not supported (supported formats: png, svg)"))),
            };
            std::fs::write(&path, bytes).map_err(|e| err("OSError", format!("cannot write {path}: {e}")))?;
            if fig.axes.is_empty() {
                // matplotlib writes the blank figure silently; say why it is blank.
                it.write(
                    lang::native::StreamKind::Stderr,
                    &format!(
                        "UserWarning: savefig wrote an empty figure to {path}: plt.show() and the end of a cell close the figures they show, \
                         so the current figure is a new one; call savefig before show, or fig.savefig(...) on the figure you drew\n"
                    ),
                );
            }
            Ok(Value::None)
        }
        "suptitle" => {
            let t = match argv(&args, &kw, 0, &["t"]) {
                Some(v) => text(it, &v)?,
                None => String::new(),
            };
            with_state(|st| st.fig(num).map(|f| f.suptitle = Some(t)))?;
            Ok(Value::None)
        }
        "colorbar" => {
            check_kw(&kw, &["mappable", "ax", "label", "ticks"], "colorbar")?;
            let label = opt_text(it, &kw, &["label"])?;
            let target = match argv(&args, &kw, 0, &["mappable"]).and_then(|v| ref_of(&v)) {
                Some(r) if r.len() == 3 => (r[0], r[1], r[2]),
                _ => {
                    let (n, i) = match kwv(&kw, &["ax"]).and_then(|v| ref_of(&v)) {
                        Some(r) if r.len() == 2 => (r[0], r[1]),
                        _ => with_state(|st| -> Result<(usize, usize)> { Ok((num, st.fig(num)?.current)) })?,
                    };
                    let k = with_state(|st| -> Result<Option<usize>> {
                        let f = st.fig(n)?;
                        Ok(f.axes.get(i).and_then(|ax| ax.artists.iter().rposition(|a| a.mapping().is_some())))
                    })?;
                    let k = k.ok_or_else(|| {
                        err("RuntimeError", "No mappable was found to use for colorbar creation")
                            .with_help("draw something with colours first: imshow, contourf, or scatter with c=values")
                    })?;
                    (n, i, k)
                }
            };
            with_axes((target.0, target.1), |ax| ax.colorbar = Some((target.2, label)))?;
            artist_value(it, "Colorbar", target.0, target.1, target.2)
        }
        "tight_layout" | "subplots_adjust" => Ok(Value::None),
        "set_size_inches" => {
            let (_, s) = floats(it, args.first().unwrap_or(&Value::None))?;
            let s = if s.len() == 1 { vec![s[0], number(it, args.get(1).unwrap_or(&Value::None), "h")?] } else { s };
            with_state(|st| st.fig(num).map(|f| f.size = (s[0], s[1])))?;
            Ok(Value::None)
        }
        "add_subplot" => {
            let (rows, cols, index) = match args.len() {
                0 => (1, 1, 1),
                1 => {
                    let v = number(it, &args[0], "pos")? as usize;
                    (v / 100, (v / 10) % 10, v % 10)
                }
                _ => (
                    number(it, &args[0], "nrows")? as usize,
                    number(it, args.get(1).unwrap_or(&Value::None), "ncols")? as usize,
                    number(it, args.get(2).unwrap_or(&Value::Int(1)), "index")? as usize,
                ),
            };
            if rows == 0 || cols == 0 || index == 0 || index > rows * cols {
                return Err(err("ValueError", format!("subplot({rows}, {cols}, {index}): index must be 1 to {}", rows * cols)).with_help("subplot(nrows, ncols, index) counts from 1, row by row"));
            }
            let cell = Cell { rows, cols, row: (index - 1) / cols, col: (index - 1) % cols };
            let idx = with_state(|st| -> Result<usize> {
                st.current = Some(num);
                let f = st.fig(num)?;
                f.open = true;
                let i = match f.axes.iter().position(|a| a.cell == cell) {
                    Some(i) => i,
                    None => {
                        f.axes.push(Axes::new(cell));
                        f.axes.len() - 1
                    }
                };
                f.current = i;
                Ok(i)
            })?;
            axes_value(it, num, idx)
        }
        "gca" => {
            let i = with_state(|st| -> Result<usize> {
                let f = st.fig(num)?;
                if f.axes.is_empty() {
                    f.axes.push(Axes::new(Cell { rows: 1, cols: 1, row: 0, col: 0 }));
                }
                Ok(f.current)
            })?;
            axes_value(it, num, i)
        }
        "show" => {
            super::show_figure(it, num)?;
            Ok(Value::None)
        }
        "clf" => {
            with_state(|st| st.fig(num).map(|f| {
                f.axes.clear();
                f.current = 0;
                f.suptitle = None;
            }))?;
            Ok(Value::None)
        }
        other => Err(err("AttributeError", format!("'Figure' object has no attribute '{other}'"))),
    }
}

/// Line keyword arguments.
struct LineKw {
    color: Option<Rgba>,
    width: Option<f64>,
    dash: Option<Dash>,
    marker: Option<Marker>,
    ms: Option<f64>,
    label: Option<String>,
    alpha: Option<f64>,
}

const LINE_KW: &[&str] = &["color", "c", "linewidth", "lw", "linestyle", "ls", "marker", "markersize", "ms", "label", "alpha"];

fn line_kw(it: &mut Interp, kw: &Kwargs) -> Result<LineKw> {
    let color = opt_color(it, kw, &["color", "c"])?;
    let dash = match kwv(kw, &["linestyle", "ls"]) {
        Some(v) => {
            let s = text(it, &v)?;
            Some(Dash::parse(&s).ok_or_else(|| err("ValueError", format!("{s:?} is not a valid value for ls")).with_help("use '-', '--', '-.', ':' or 'none'"))?)
        }
        None => None,
    };
    let marker = match kwv(kw, &["marker"]) {
        Some(v) => {
            let s = text(it, &v)?;
            if s.is_empty() || s == "None" || s == "none" {
                None
            } else {
                Some(Marker::parse(&s).ok_or_else(|| err("ValueError", format!("unrecognized marker style {s:?}")).with_help("use one of . , o v ^ < > s p * h + x D d | _"))?)
            }
        }
        None => None,
    };
    Ok(LineKw {
        color,
        width: opt_number(it, kw, &["linewidth", "lw"])?,
        dash,
        marker,
        ms: opt_number(it, kw, &["markersize", "ms"])?,
        label: opt_text(it, kw, &["label"])?,
        alpha: opt_number(it, kw, &["alpha"])?,
    })
}

/// Numbers with their shape.
type Data = (Vec<usize>, Vec<f64>);

/// The `[x], y, [fmt]` groups of `plot`.
fn plot_groups(it: &mut Interp, args: &[Value]) -> Result<Vec<(Option<Data>, Data, Fmt)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if let Value::Str(s) = &args[i] {
            return Err(err("ValueError", format!("plot() format string {s:?} must follow the data it styles")).with_help("write plot(x, y, 'r--')"));
        }
        let two = i + 1 < args.len() && !matches!(args[i + 1], Value::Str(_));
        let (x, y) = if two {
            let x = floats(it, &args[i])?;
            let y = floats(it, &args[i + 1])?;
            i += 2;
            (Some(x), y)
        } else {
            let y = floats(it, &args[i])?;
            i += 1;
            (None, y)
        };
        let fmt = match args.get(i) {
            Some(Value::Str(s)) => {
                i += 1;
                color::parse_fmt(s).ok_or_else(|| err("ValueError", format!("{s:?} is not a valid format string")).with_help("a format string is [marker][line][color], e.g. 'r--', 'o', 'k-.', 'C1^'"))?
            }
            _ => Fmt::default(),
        };
        out.push((x, y, fmt));
    }
    Ok(out)
}

/// Split data into columns: a 2-D (n, k) array is k columns of n.
fn columns(shape: &[usize], v: &[f64]) -> Vec<Vec<f64>> {
    if shape.len() == 2 {
        let (n, k) = (shape[0], shape[1]);
        (0..k).map(|j| (0..n).map(|r| v[r * k + j]).collect()).collect()
    } else {
        vec![v.to_vec()]
    }
}

fn plot(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, LINE_KW, "plot")?;
    let lk = line_kw(it, &kw)?;
    let groups = plot_groups(it, &args)?;
    let mut handles = Vec::new();
    for (x, y, fmt) in groups {
        let ys = columns(&y.0, &y.1);
        let xs = match &x {
            Some((s, v)) => columns(s, v),
            None => vec![(0..ys[0].len()).map(|i| i as f64).collect()],
        };
        let n = ys.len().max(xs.len());
        for j in 0..n {
            let (xc, yc) = (&xs[j % xs.len()], &ys[j % ys.len()]);
            if xc.len() != yc.len() {
                return Err(err("ValueError", format!("x and y must have same first dimension, but have shapes ({},) and ({},)", xc.len(), yc.len())));
            }
            let explicit = fmt.color.or(lk.color);
            let k = with_axes(at, |ax| {
                let color = explicit.unwrap_or_else(|| ax.take_color());
                let color = match lk.alpha {
                    Some(a) => color.with_alpha(a),
                    None => color,
                };
                ax.artists.push(Artist::Line(Line {
                    x: xc.clone(),
                    y: yc.clone(),
                    color,
                    width: lk.width.unwrap_or(1.5),
                    dash: lk.dash.or(fmt.dash).unwrap_or(Dash::Solid),
                    marker: lk.marker.or(fmt.marker),
                    marker_size: lk.ms.unwrap_or(6.0),
                    label: lk.label.clone(),
                }));
                ax.artists.len() - 1
            })?;
            handles.push(artist_value(it, "Line2D", at.0, at.1, k)?);
        }
    }
    Ok(Value::list(handles))
}

fn mapping(it: &mut Interp, kw: &Kwargs, values: &[f64]) -> Result<ColorMapping> {
    let cmap = cmap_of(it, kw)?;
    let (lo, hi) = values.iter().filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (0.0, 1.0) };
    Ok(ColorMapping::new(cmap, opt_number(it, kw, &["vmin"])?.unwrap_or(lo), opt_number(it, kw, &["vmax"])?.unwrap_or(hi)))
}

fn scatter(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["x", "y", "s", "c", "color", "marker", "cmap", "vmin", "vmax", "alpha", "label", "edgecolors", "edgecolor", "linewidths"], "scatter")?;
    let x = floats(it, &argv(&args, &kw, 0, &["x"]).ok_or_else(|| err("TypeError", "scatter() missing required argument 'x'"))?)?.1;
    let y = floats(it, &argv(&args, &kw, 1, &["y"]).ok_or_else(|| err("TypeError", "scatter() missing required argument 'y'"))?)?.1;
    if x.len() != y.len() {
        return Err(err("ValueError", format!("x and y must be the same size (got {} and {})", x.len(), y.len())));
    }
    let sizes = match argv(&args, &kw, 2, &["s"]) {
        Some(v) => floats(it, &v)?.1,
        None => vec![36.0],
    };
    let alpha = opt_number(it, &kw, &["alpha"])?.unwrap_or(1.0);
    let mut mapped = None;
    let mut colors = None;
    if let Some(c) = argv(&args, &kw, 3, &["c"]) {
        match &c {
            Value::Str(_) => colors = Some(vec![color_of(it, &c)?]),
            Value::List(l) if l.borrow().first().is_some_and(|v| matches!(v, Value::Str(_))) => {
                let items = l.borrow().clone();
                let mut cs = Vec::new();
                for v in &items {
                    cs.push(color_of(it, v)?);
                }
                colors = Some(cs);
            }
            _ => {
                let (shape, vals) = floats(it, &c)?;
                if shape.len() == 2 && (shape[1] == 3 || shape[1] == 4) && shape[0] == x.len() {
                    colors = Some(vals.chunks(shape[1]).map(|p| Rgba(p[0], p[1], p[2], *p.get(3).unwrap_or(&1.0))).collect());
                } else {
                    let m = mapping(it, &kw, &vals)?;
                    colors = Some(vals.iter().map(|&v| m.color(v)).collect());
                    mapped = Some(m);
                }
            }
        }
    }
    if colors.is_none() {
        if let Some(c) = kwv(&kw, &["color"]) {
            colors = Some(vec![color_of(it, &c)?]);
        }
    }
    let marker = match kwv(&kw, &["marker"]) {
        Some(v) => {
            let s = text(it, &v)?;
            Marker::parse(&s).ok_or_else(|| err("ValueError", format!("unrecognized marker style {s:?}")))?
        }
        None => Marker::Circle,
    };
    let edge = match kwv(&kw, &["edgecolors", "edgecolor"]) {
        Some(Value::Str(s)) if s.as_ref() == "face" || s.as_ref() == "none" => None,
        Some(v) => Some(color_of(it, &v)?),
        None => None,
    };
    let label = opt_text(it, &kw, &["label"])?;
    let k = with_axes(at, |ax| {
        let colors = colors.unwrap_or_else(|| vec![ax.take_color()]).into_iter().map(|c| c.with_alpha(c.3 * alpha)).collect();
        ax.artists.push(Artist::Scatter(Scatter { x, y, sizes, colors, mapping: mapped, marker, edge, label }));
        ax.artists.len() - 1
    })?;
    artist_value(it, "PathCollection", at.0, at.1, k)
}

fn bar(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs, horizontal: bool) -> Result<Value> {
    let f = if horizontal { "barh" } else { "bar" };
    let (len_name, width_name, base_name) = if horizontal { ("width", "height", "left") } else { ("height", "width", "bottom") };
    check_kw(&kw, &["x", "y", len_name, width_name, base_name, "color", "edgecolor", "label", "alpha", "tick_label", "linewidth"], f)?;
    let xv = argv(&args, &kw, 0, &["x", "y"]).ok_or_else(|| err("TypeError", format!("{f}() missing required argument 'x'")))?;
    // Categories: bar(['a', 'b'], [1, 2]) puts bars at 0, 1 and names the ticks.
    let mut categories = None;
    let pos: Vec<f64> = match &xv {
        Value::List(l) if l.borrow().first().is_some_and(|v| matches!(v, Value::Str(_))) => {
            let items = l.borrow().clone();
            let mut names = Vec::new();
            for v in &items {
                names.push(text(it, v)?);
            }
            let p = (0..names.len()).map(|i| i as f64).collect();
            categories = Some(names);
            p
        }
        other => floats(it, other)?.1,
    };
    let n = pos.len();
    let bcast = |v: Vec<f64>, what: &str| -> Result<Vec<f64>> {
        match v.len() {
            1 => Ok(vec![v[0]; n]),
            m if m == n => Ok(v),
            m => Err(err("ValueError", format!("{f}(): {what} has {m} values for {n} bars"))),
        }
    };
    let lens = bcast(floats(it, &argv(&args, &kw, 1, &[len_name]).ok_or_else(|| err("TypeError", format!("{f}() missing required argument '{len_name}'")))?)?.1, len_name)?;
    let width = bcast(match argv(&args, &kw, 2, &[width_name]) {
        Some(v) => floats(it, &v)?.1,
        None => vec![0.8],
    }, width_name)?;
    let base = bcast(match argv(&args, &kw, 3, &[base_name]) {
        Some(v) => floats(it, &v)?.1,
        None => vec![0.0],
    }, base_name)?;
    let color = opt_color(it, &kw, &["color"])?;
    let edge = opt_color(it, &kw, &["edgecolor"])?;
    let alpha = opt_number(it, &kw, &["alpha"])?;
    let label = opt_text(it, &kw, &["label"])?;
    if let Some(v) = kwv(&kw, &["tick_label"]) {
        let items = it.iterate(&v)?;
        let mut names = Vec::new();
        for v in &items {
            names.push(text(it, v)?);
        }
        categories = Some(names);
    }
    let left: Vec<f64> = pos.iter().zip(&width).map(|(p, w)| p - w / 2.0).collect();
    let k = with_axes(at, |ax| {
        let c = color.unwrap_or_else(|| ax.take_patch_color());
        let c = alpha.map_or(c, |a| c.with_alpha(a));
        ax.artists.push(Artist::Bars(Bars { pos: left, width, base, len: lens, horizontal, color: c, edge, step: false, label }));
        if let Some(names) = categories {
            let t = Some(Ticks { at: pos.clone(), labels: Some(names) });
            if horizontal {
                ax.yticks = t;
            } else {
                ax.xticks = t;
            }
        }
        ax.artists.len() - 1
    })?;
    artist_value(it, "BarContainer", at.0, at.1, k)
}

fn hist(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["x", "bins", "range", "density", "weights", "color", "alpha", "label", "histtype", "edgecolor", "cumulative", "linewidth"], "hist")?;
    let data: Vec<f64> = floats(it, &argv(&args, &kw, 0, &["x"]).ok_or_else(|| err("TypeError", "hist() missing required argument 'x'"))?)?.1.into_iter().filter(|v| v.is_finite()).collect();
    let weights = match kwv(&kw, &["weights"]) {
        Some(v) => Some(floats(it, &v)?.1),
        None => None,
    };
    let range = match kwv(&kw, &["range"]) {
        Some(v) => {
            let r = floats(it, &v)?.1;
            if r.len() != 2 {
                return Err(err("ValueError", "range is (min, max)"));
            }
            Some((r[0], r[1]))
        }
        None => None,
    };
    let edges: Vec<f64> = match argv(&args, &kw, 1, &["bins"]) {
        Some(v @ (Value::List(_) | Value::Tuple(_))) => floats(it, &v)?.1,
        Some(Value::Array(a)) if a.ndim() == 1 => floats(it, &Value::Array(a))?.1,
        other => {
            let nb = match other {
                Some(v) => number(it, &v, "bins")? as usize,
                None => 10,
            };
            if nb == 0 || nb > 100_000 {
                return Err(err("ValueError", format!("bins must be 1 to 100000, not {nb}")));
            }
            let (lo, hi) = range.unwrap_or_else(|| data.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v))));
            let (lo, hi) = if lo > hi { (0.0, 1.0) } else if lo == hi { (lo - 0.5, hi + 0.5) } else { (lo, hi) };
            (0..=nb).map(|i| lo + (hi - lo) * i as f64 / nb as f64).collect()
        }
    };
    if edges.len() < 2 || edges.windows(2).any(|w| w[1] < w[0]) {
        return Err(err("ValueError", "bins must increase monotonically"));
    }
    let nb = edges.len() - 1;
    let mut counts = vec![0.0; nb];
    for (i, &v) in data.iter().enumerate() {
        if v < edges[0] || v > edges[nb] {
            continue;
        }
        let k = edges.partition_point(|&e| e <= v).saturating_sub(1).min(nb - 1);
        counts[k] += weights.as_ref().and_then(|w| w.get(i).copied()).unwrap_or(1.0);
    }
    if kwv(&kw, &["cumulative"]).is_some_and(|v| matches!(v, Value::Bool(true))) {
        for i in 1..nb {
            counts[i] += counts[i - 1];
        }
    }
    if kwv(&kw, &["density"]).is_some_and(|v| matches!(v, Value::Bool(true))) {
        let total: f64 = counts.iter().sum();
        for i in 0..nb {
            counts[i] /= total * (edges[i + 1] - edges[i]);
        }
    }
    let color = opt_color(it, &kw, &["color"])?;
    let edge = opt_color(it, &kw, &["edgecolor"])?;
    let alpha = opt_number(it, &kw, &["alpha"])?;
    let label = opt_text(it, &kw, &["label"])?;
    let step = matches!(opt_text(it, &kw, &["histtype"])?.as_deref(), Some("step"));
    let width: Vec<f64> = edges.windows(2).map(|w| w[1] - w[0]).collect();
    let (c2, e2) = (counts.clone(), edges.clone());
    let k = with_axes(at, |ax| {
        let c = color.unwrap_or_else(|| ax.take_patch_color());
        let c = alpha.map_or(c, |a| c.with_alpha(a));
        ax.artists.push(Artist::Bars(Bars { pos: e2[..nb].to_vec(), width, base: vec![0.0; nb], len: c2, horizontal: false, color: c, edge, step, label }));
        ax.artists.len() - 1
    })?;
    let bars = artist_value(it, "BarContainer", at.0, at.1, k)?;
    Ok(Value::tuple(vec![float_array(&[nb], counts), float_array(&[nb + 1], edges), bars]))
}

fn imshow(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["X", "cmap", "vmin", "vmax", "extent", "origin", "aspect", "alpha"], "imshow")?;
    let xv = argv(&args, &kw, 0, &["X"]).ok_or_else(|| err("TypeError", "imshow() missing required argument 'X'"))?;
    let a = it.to_array(&xv, false)?;
    let h = it.force(&a)?;
    let img = image_of(it, &h, &kw)?;
    let origin_lower = matches!(opt_text(it, &kw, &["origin"])?.as_deref(), Some("lower"));
    let (w, hh) = (img.w as f64, img.h as f64);
    let mut img = img;
    img.extent = match kwv(&kw, &["extent"]) {
        Some(v) => {
            let e = floats(it, &v)?.1;
            if e.len() != 4 {
                return Err(err("ValueError", "extent is (left, right, bottom, top)"));
            }
            if origin_lower { (e[0], e[1], e[3], e[2]) } else { (e[0], e[1], e[2], e[3]) }
        }
        None => (-0.5, w - 0.5, hh - 0.5, -0.5),
    };
    if origin_lower {
        // Row 0 at the bottom: flip the rows, and draw with the y axis going up.
        let row = img.w * 4;
        let flipped: Vec<u8> = (0..img.h).rev().flat_map(|r| img.rgba[r * row..(r + 1) * row].to_vec()).collect();
        img.rgba = flipped;
        let (l, r, b, t) = img.extent;
        img.extent = (l, r, t, b);
    }
    let equal = !matches!(opt_text(it, &kw, &["aspect"])?.as_deref(), Some("auto"));
    let k = with_axes(at, |ax| {
        ax.artists.push(Artist::Image(img));
        if equal {
            ax.equal = true;
        }
        ax.artists.len() - 1
    })?;
    artist_value(it, "AxesImage", at.0, at.1, k)
}

/// An image from an array: 2-D values through a colormap, or (h, w, 3|4) colours (floats in
/// 0..1, integers in 0..255).
pub fn image_of(it: &mut Interp, h: &HostArray, kw: &Kwargs) -> Result<Image> {
    let shape = h.shape.clone();
    let v = h.to_f64_vec();
    let alpha = opt_number(it, kw, &["alpha"])?.unwrap_or(1.0);
    match shape.as_slice() {
        [rows, cols] | [rows, cols, 1] => {
            let m = mapping(it, kw, &v)?;
            let mut rgba = Vec::with_capacity(rows * cols * 4);
            for &x in &v {
                let c = if x.is_finite() { m.color(x).with_alpha(alpha) } else { Rgba(1.0, 1.0, 1.0, 0.0) };
                rgba.extend_from_slice(&c.bytes());
            }
            Ok(Image { w: *cols, h: *rows, rgba, extent: (0.0, 0.0, 0.0, 0.0), mapping: Some(m) })
        }
        [rows, cols, ch @ (3 | 4)] => {
            let int = h.dtype().is_int();
            let mut rgba = Vec::with_capacity(rows * cols * 4);
            for p in v.chunks(*ch) {
                let q = |x: f64| if int { x.clamp(0.0, 255.0).round() as u8 } else { (x.clamp(0.0, 1.0) * 255.0).round() as u8 };
                let a = if *ch == 4 { q(p[3]) } else { 255 };
                rgba.extend_from_slice(&[q(p[0]), q(p[1]), q(p[2]), (a as f64 * alpha).round() as u8]);
            }
            Ok(Image { w: *cols, h: *rows, rgba, extent: (0.0, 0.0, 0.0, 0.0), mapping: None })
        }
        _ => Err(err("TypeError", format!("Invalid shape {:?} for image data", shape)).with_help("an image is (rows, cols) values, or (rows, cols, 3) RGB / (rows, cols, 4) RGBA colours")),
    }
}

/// A grid of values: positions and values, row-major `ny × nx`.
struct Grid {
    nx: usize,
    ny: usize,
    x: Vec<f64>,
    y: Vec<f64>,
    z: Vec<f64>,
}

/// The `[X, Y,] Z` of contour and contourf, and how many arguments they took.
fn contour_grid(it: &mut Interp, args: &[Value]) -> Result<(Grid, usize)> {
    let (xv, yv, zv, used) = match args.len() {
        0 => return Err(err("TypeError", "contour() needs Z, or X, Y and Z")),
        1 | 2 => (None, None, &args[0], 1),
        _ => (Some(&args[0]), Some(&args[1]), &args[2], 3),
    };
    let (zs, z) = floats(it, zv)?;
    if zs.len() != 2 || zs[0] < 2 || zs[1] < 2 {
        return Err(err("TypeError", format!("Input z must be 2D with at least 2×2 values, not shape {zs:?}")));
    }
    let (ny, nx) = (zs[0], zs[1]);
    let (x, y) = match (xv, yv) {
        (Some(xv), Some(yv)) => {
            let (xs, x) = floats(it, xv)?;
            let (ys, y) = floats(it, yv)?;
            if xs.len() == 1 && ys.len() == 1 && x.len() == nx && y.len() == ny {
                let gx = (0..ny).flat_map(|_| x.iter().copied()).collect();
                let gy = (0..ny).flat_map(|i| std::iter::repeat_n(y[i], nx)).collect();
                (gx, gy)
            } else if xs == zs && ys == zs {
                (x, y)
            } else {
                return Err(err("TypeError", format!("X and Y must be 1-D of lengths {nx} and {ny}, or 2-D of Z's shape {zs:?}; got {xs:?} and {ys:?}")));
            }
        }
        _ => ((0..ny).flat_map(|_| (0..nx).map(|j| j as f64)).collect(), (0..ny).flat_map(|i| std::iter::repeat_n(i as f64, nx)).collect()),
    };
    Ok((Grid { nx, ny, x, y, z }, used))
}

/// Contour levels from `levels=` (a count or a list) or the automatic ones.
pub fn contour_levels(it: &mut Interp, lv: Option<Value>, z: &[f64], filled: bool) -> Result<Vec<f64>> {
    let (zmin, zmax) = z.iter().filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    if zmin > zmax {
        return Err(err("ValueError", "contour: Z has no finite values"));
    }
    match lv {
        Some(Value::Int(n)) => Ok(contour::auto_levels(zmin, zmax, (n.max(1) + 1) as usize, filled)),
        Some(v) => {
            let mut l = floats(it, &v)?.1;
            l.sort_by(|a, b| a.total_cmp(b));
            l.dedup();
            if filled && l.len() < 2 {
                return Err(err("ValueError", "Filled contours require at least 2 levels."));
            }
            Ok(l)
        }
        None => Ok(contour::auto_levels(zmin, zmax, 8, filled)),
    }
}

fn contour_fn(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs, filled: bool) -> Result<Value> {
    let f = if filled { "contourf" } else { "contour" };
    check_kw(&kw, &["levels", "cmap", "colors", "alpha", "linewidths", "vmin", "vmax", "linestyles"], f)?;
    let (Grid { nx, ny, x, y, z }, used) = contour_grid(it, &args)?;
    let levels = contour_levels(it, kwv(&kw, &["levels"]).or_else(|| args.get(used).cloned()), &z, filled)?;
    let color = opt_color(it, &kw, &["colors"])?;
    let cmap = cmap_of(it, &kw)?;
    let (lo, hi) = (levels[0], levels[levels.len() - 1]);
    let mapping = ColorMapping {
        cmap,
        vmin: opt_number(it, &kw, &["vmin"])?.unwrap_or(lo),
        vmax: opt_number(it, &kw, &["vmax"])?.unwrap_or(if hi > lo { hi } else { lo + 1.0 }),
        levels: if filled { Some(levels.clone()) } else { None },
        by_band: false,
    };
    let width = opt_number(it, &kw, &["linewidths"])?.unwrap_or(1.5);
    let alpha = opt_number(it, &kw, &["alpha"])?.unwrap_or(1.0);
    let k = add_artist(at, Artist::Contour(Contour { nx, ny, x, y, z, levels, filled, color, mapping, width, alpha }))?;
    artist_value(it, "QuadContourSet", at.0, at.1, k)
}

fn quiver(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["scale", "color", "width", "cmap", "label", "alpha", "vmin", "vmax", "angles", "scale_units"], "quiver")?;
    let xy = matches!(opt_text(it, &kw, &["angles"])?.as_deref(), Some("xy")) && matches!(opt_text(it, &kw, &["scale_units"])?.as_deref(), Some("xy"));
    let (pos, uvc) = match args.len() {
        2 | 3 => (None, &args[..]),
        4 | 5 => (Some((&args[0], &args[1])), &args[2..]),
        n => return Err(err("TypeError", format!("quiver() takes 2 to 5 positional arguments (U, V or X, Y, U, V [, C]), not {n}"))),
    };
    let (us, u) = floats(it, &uvc[0])?;
    let (_, v) = floats(it, &uvc[1])?;
    if u.len() != v.len() {
        return Err(err("ValueError", format!("U and V must have the same size ({} and {})", u.len(), v.len())));
    }
    let (nr, nc) = if us.len() == 2 { (us[0], us[1]) } else { (1, u.len()) };
    let (x, y) = match pos {
        Some((xv, yv)) => {
            let (_, x) = floats(it, xv)?;
            let (_, y) = floats(it, yv)?;
            if x.len() == nc && y.len() == nr && x.len() * y.len() == u.len() && nr > 1 {
                ((0..nr).flat_map(|_| x.iter().copied()).collect(), (0..nr).flat_map(|i| std::iter::repeat_n(y[i], nc)).collect())
            } else if x.len() == u.len() && y.len() == u.len() {
                (x, y)
            } else {
                return Err(err("ValueError", "X and Y must match U and V: 1-D of the grid's width and height, or the same size"));
            }
        }
        None => ((0..nr).flat_map(|_| (0..nc).map(|j| j as f64)).collect(), (0..nr).flat_map(|i| std::iter::repeat_n(i as f64, nc)).collect()),
    };
    let mut mapped = None;
    let colors = if let Some(cv) = uvc.get(2) {
        let (_, c) = floats(it, cv)?;
        let m = mapping(it, &kw, &c)?;
        let cs = c.iter().map(|&x| m.color(x)).collect();
        mapped = Some(m);
        cs
    } else {
        match kwv(&kw, &["color"]) {
            Some(c) => vec![color_of(it, &c)?],
            None => vec![Rgba::BLACK],
        }
    };
    let alpha = opt_number(it, &kw, &["alpha"])?.unwrap_or(1.0);
    let colors = colors.into_iter().map(|c: Rgba| c.with_alpha(c.3 * alpha)).collect();
    let q = Quiver { x, y, u, v, colors, mapping: mapped, scale: opt_number(it, &kw, &["scale"])?, width: opt_number(it, &kw, &["width"])?, xy, label: opt_text(it, &kw, &["label"])? };
    let k = add_artist(at, Artist::Quiver(q))?;
    artist_value(it, "Quiver", at.0, at.1, k)
}

fn refline(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs, vertical: bool) -> Result<Value> {
    let (f, pos, lo, hi) = if vertical { ("axvline", "x", "ymin", "ymax") } else { ("axhline", "y", "xmin", "xmax") };
    let mut known = vec![pos, lo, hi];
    known.extend_from_slice(LINE_KW);
    check_kw(&kw, &known, f)?;
    let v = match argv(&args, &kw, 0, &[pos]) {
        Some(v) => number(it, &v, pos)?,
        None => 0.0,
    };
    let a = match argv(&args, &kw, 1, &[lo]) {
        Some(v) => number(it, &v, lo)?,
        None => 0.0,
    };
    let b = match argv(&args, &kw, 2, &[hi]) {
        Some(v) => number(it, &v, hi)?,
        None => 1.0,
    };
    let lk = line_kw(it, &kw)?;
    let color = lk.color.unwrap_or(color::cycle(0));
    let color = lk.alpha.map_or(color, |a| color.with_alpha(a));
    let k = add_artist(at, Artist::RefLine(RefLine { vertical, at: v, span: (a, b), color, width: lk.width.unwrap_or(1.5), dash: lk.dash.unwrap_or(Dash::Solid), label: lk.label }))?;
    artist_value(it, "Line2D", at.0, at.1, k)
}

fn fill_between(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["x", "y1", "y2", "color", "facecolor", "alpha", "label", "where", "interpolate", "linewidth", "edgecolor"], "fill_between")?;
    let x = floats(it, &argv(&args, &kw, 0, &["x"]).ok_or_else(|| err("TypeError", "fill_between() missing required argument 'x'"))?)?.1;
    let n = x.len();
    let grow = |v: Vec<f64>, what: &str| -> Result<Vec<f64>> {
        match v.len() {
            1 => Ok(vec![v[0]; n]),
            m if m == n => Ok(v),
            m => Err(err("ValueError", format!("fill_between(): {what} has {m} values for {n} x values"))),
        }
    };
    let y1 = grow(floats(it, &argv(&args, &kw, 1, &["y1"]).ok_or_else(|| err("TypeError", "fill_between() missing required argument 'y1'"))?)?.1, "y1")?;
    let y2 = grow(match argv(&args, &kw, 2, &["y2"]) {
        Some(v) => floats(it, &v)?.1,
        None => vec![0.0],
    }, "y2")?;
    let color = opt_color(it, &kw, &["color", "facecolor"])?;
    let alpha = opt_number(it, &kw, &["alpha"])?;
    let label = opt_text(it, &kw, &["label"])?;
    let k = with_axes(at, |ax| {
        let c = color.unwrap_or_else(|| ax.take_patch_color());
        let c = alpha.map_or(c, |a| c.with_alpha(a));
        ax.artists.push(Artist::Fill(Fill { x, y1, y2, color: c, label }));
        ax.artists.len() - 1
    })?;
    artist_value(it, "FillBetweenPolyCollection", at.0, at.1, k)
}

fn set_lim(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs, x: bool) -> Result<Value> {
    let (a, b) = if x { (["left", "xmin"], ["right", "xmax"]) } else { (["bottom", "ymin"], ["top", "ymax"]) };
    check_kw(&kw, &[a[0], a[1], b[0], b[1]], if x { "xlim" } else { "ylim" })?;
    let (mut lo, mut hi) = (None, None);
    match args.as_slice() {
        [Value::Tuple(_) | Value::List(_)] => {
            let v = floats(it, &args[0])?.1;
            if v.len() != 2 {
                return Err(err("ValueError", "limits are (low, high)"));
            }
            lo = Some(v[0]);
            hi = Some(v[1]);
        }
        _ => {
            if let Some(v) = args.first().filter(|v| !v.is_none()) {
                lo = Some(number(it, v, "limit")?);
            }
            if let Some(v) = args.get(1).filter(|v| !v.is_none()) {
                hi = Some(number(it, v, "limit")?);
            }
        }
    }
    if let Some(v) = kwv(&kw, &a) {
        lo = Some(number(it, &v, a[0])?);
    }
    if let Some(v) = kwv(&kw, &b) {
        hi = Some(number(it, &v, b[0])?);
    }
    let lims = with_axes(at, |ax| {
        let l = if x { &mut ax.xlim } else { &mut ax.ylim };
        if lo.is_some() {
            l.0 = lo;
        }
        if hi.is_some() {
            l.1 = hi;
        }
        let (xl, yl) = render::limits(ax);
        if x { xl } else { yl }
    })?;
    Ok(Value::tuple(vec![Value::Float(lims.0), Value::Float(lims.1)]))
}

fn set_ticks(it: &mut Interp, at: (usize, usize), args: Vec<Value>, kw: Kwargs, x: bool) -> Result<Value> {
    check_kw(&kw, &["ticks", "labels", "rotation"], if x { "xticks" } else { "yticks" })?;
    let Some(tv) = argv(&args, &kw, 0, &["ticks"]) else {
        return Ok(Value::None);
    };
    let at_v = floats(it, &tv)?.1;
    let labels = match argv(&args, &kw, 1, &["labels"]) {
        Some(v) => {
            let items = it.iterate(&v)?;
            let mut out = Vec::new();
            for v in &items {
                out.push(text(it, v)?);
            }
            Some(out)
        }
        None => None,
    };
    with_axes(at, |ax| {
        let t = Some(Ticks { at: at_v, labels });
        if x {
            ax.xticks = t;
        } else {
            ax.yticks = t;
        }
    })?;
    Ok(Value::None)
}

fn set_scale(it: &mut Interp, at: (usize, usize), args: &[Value], kw: &Kwargs, x: bool) -> Result<()> {
    let s = match argv(args, kw, 0, &["value"]) {
        Some(v) => text(it, &v)?,
        None => return Err(err("TypeError", "xscale() missing required argument 'value'")),
    };
    let scale = match s.as_str() {
        "linear" => Scale::Linear,
        "log" => Scale::Log,
        other => return Err(err("ValueError", format!("{other:?} is not a valid value for scale")).with_help("Slope draws 'linear' and 'log' scales")),
    };
    with_axes(at, |ax| if x { ax.xscale = scale } else { ax.yscale = scale })
}

/// `name` on axes `at`.
pub fn axes_call(it: &mut Interp, at: (usize, usize), m: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let set_text = |it: &mut Interp, args: &[Value], kw: &Kwargs, which: u8| -> Result<Value> {
        let t = match argv(args, kw, 0, &["label", "s", "t"]) {
            Some(v) => Some(text(it, &v)?),
            None => None,
        };
        with_axes(at, |ax| match which {
            0 => ax.title = t,
            1 => ax.xlabel = t,
            _ => ax.ylabel = t,
        })?;
        Ok(Value::None)
    };
    match m {
        "plot" => plot(it, at, args, kw),
        "semilogx" | "semilogy" | "loglog" => {
            with_axes(at, |ax| {
                if m != "semilogy" {
                    ax.xscale = Scale::Log;
                }
                if m != "semilogx" {
                    ax.yscale = Scale::Log;
                }
            })?;
            plot(it, at, args, kw)
        }
        "scatter" => scatter(it, at, args, kw),
        "bar" => bar(it, at, args, kw, false),
        "barh" => bar(it, at, args, kw, true),
        "hist" => hist(it, at, args, kw),
        "imshow" => imshow(it, at, args, kw),
        "contour" => contour_fn(it, at, args, kw, false),
        "contourf" => contour_fn(it, at, args, kw, true),
        "quiver" => quiver(it, at, args, kw),
        "axhline" => refline(it, at, args, kw, false),
        "axvline" => refline(it, at, args, kw, true),
        "fill_between" => fill_between(it, at, args, kw),
        "text" => {
            check_kw(&kw, &["x", "y", "s", "fontsize", "size", "color", "c", "ha", "va", "horizontalalignment", "verticalalignment"], "text")?;
            let x = number(it, &need(&args, 0, "x")?, "x")?;
            let y = number(it, &need(&args, 1, "y")?, "y")?;
            let s = text(it, &need(&args, 2, "s")?)?;
            let size = opt_number(it, &kw, &["fontsize", "size"])?.unwrap_or(10.0);
            let color = match kwv(&kw, &["color", "c"]) {
                Some(v) => color_of(it, &v)?,
                None => Rgba::BLACK,
            };
            let align = |s: Option<String>, dflt: Align| match s.as_deref() {
                Some("left") | Some("bottom") | Some("baseline") => Align::Start,
                Some("center") | Some("center_baseline") => Align::Center,
                Some("right") | Some("top") => Align::End,
                _ => dflt,
            };
            let ha = align(opt_text(it, &kw, &["ha", "horizontalalignment"])?, Align::Start);
            let va = align(opt_text(it, &kw, &["va", "verticalalignment"])?, Align::Start);
            let k = add_artist(at, Artist::Text(Text { x, y, text: s, size, color, ha, va, arrow_to: None }))?;
            artist_value(it, "Text", at.0, at.1, k)
        }
        "annotate" => {
            check_kw(&kw, &["text", "xy", "xytext", "arrowprops", "fontsize", "size", "color", "c", "ha", "va", "horizontalalignment", "verticalalignment", "textcoords", "xycoords"], "annotate")?;
            let s = text(it, &argv(&args, &kw, 0, &["text"]).ok_or_else(|| err("TypeError", "annotate() missing required argument 'text'"))?)?;
            let xy = floats(it, &argv(&args, &kw, 1, &["xy"]).ok_or_else(|| err("TypeError", "annotate() missing required argument 'xy'"))?)?.1;
            let xytext = match argv(&args, &kw, 2, &["xytext"]) {
                Some(v) => floats(it, &v)?.1,
                None => xy.clone(),
            };
            if xy.len() != 2 || xytext.len() != 2 {
                return Err(err("ValueError", "annotate: xy and xytext are (x, y) points in data coordinates"));
            }
            let size = opt_number(it, &kw, &["fontsize", "size"])?.unwrap_or(10.0);
            let color = match kwv(&kw, &["color", "c"]) {
                Some(v) => color_of(it, &v)?,
                None => Rgba::BLACK,
            };
            let arrow_to = kwv(&kw, &["arrowprops"]).map(|_| (xy[0], xy[1]));
            let (ha, va) = if arrow_to.is_some() { (Align::Center, Align::Center) } else { (Align::Start, Align::Start) };
            let k = add_artist(at, Artist::Text(Text { x: xytext[0], y: xytext[1], text: s, size, color, ha, va, arrow_to }))?;
            artist_value(it, "Annotation", at.0, at.1, k)
        }
        "legend" => {
            check_kw(&kw, &["loc", "labels", "handles", "fontsize", "title"], "legend")?;
            let loc = match kwv(&kw, &["loc"]) {
                Some(Value::Int(c)) => Loc::from_code(c).ok_or_else(|| err("ValueError", format!("{c} is not a valid legend location code (0 to 10)")))?,
                Some(v) => {
                    let s = text(it, &v)?;
                    Loc::parse(&s).ok_or_else(|| err("ValueError", format!("{s:?} is not a valid value for loc")).with_help("use 'best', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center' or 'center'"))?
                }
                None => Loc::Best,
            };
            let labels = match args.as_slice() {
                [l] => Some(it.iterate(l)?),
                [_, l] => Some(it.iterate(l)?),
                _ => kwv(&kw, &["labels"]).map(|v| it.iterate(&v)).transpose()?,
            };
            let labels = match labels {
                Some(ls) => {
                    let mut out = Vec::new();
                    for v in &ls {
                        out.push(text(it, v)?);
                    }
                    Some(out)
                }
                None => None,
            };
            with_axes(at, |ax| {
                if let Some(ls) = labels {
                    let mut ls = ls.into_iter();
                    for a in ax.artists.iter_mut().filter(|a| !matches!(a, Artist::Image(_) | Artist::Contour(_) | Artist::Text(_))) {
                        match ls.next() {
                            Some(l) => a.set_label(l),
                            None => break,
                        }
                    }
                }
                ax.legend = Some(loc);
            })?;
            Ok(Value::None)
        }
        "grid" => {
            check_kw(&kw, &["visible", "b", "color", "linestyle", "linewidth", "alpha", "ls", "lw", "c"], "grid")?;
            let vis = match argv(&args, &kw, 0, &["visible", "b"]) {
                Some(v) => Some(it.truthy(&v)?),
                None => None,
            };
            let on_kw = !kw.is_empty();
            with_axes(at, |ax| ax.grid = vis.unwrap_or(on_kw || !ax.grid))?;
            Ok(Value::None)
        }
        "set_title" => set_text(it, &args, &kw, 0),
        "set_xlabel" => set_text(it, &args, &kw, 1),
        "set_ylabel" => set_text(it, &args, &kw, 2),
        "get_title" | "get_xlabel" | "get_ylabel" => {
            let t = with_state(|st| -> Result<Option<String>> {
                let f = st.fig(at.0)?;
                let ax = f.axes.get(at.1).ok_or_else(|| err("RuntimeError", "no such axes"))?;
                Ok(match m {
                    "get_title" => ax.title.clone(),
                    "get_xlabel" => ax.xlabel.clone(),
                    _ => ax.ylabel.clone(),
                })
            })?;
            Ok(Value::str(&t.unwrap_or_default()))
        }
        "set_xlim" => set_lim(it, at, args, kw, true),
        "set_ylim" => set_lim(it, at, args, kw, false),
        "get_xlim" | "get_ylim" => {
            let l = with_state(|st| -> Result<((f64, f64), (f64, f64))> {
                let f = st.fig(at.0)?;
                f.axes.get(at.1).map(render::limits).ok_or_else(|| err("RuntimeError", "no such axes"))
            })?;
            let l = if m == "get_xlim" { l.0 } else { l.1 };
            Ok(Value::tuple(vec![Value::Float(l.0), Value::Float(l.1)]))
        }
        "set_xscale" | "set_yscale" => {
            set_scale(it, at, &args, &kw, m == "set_xscale")?;
            Ok(Value::None)
        }
        "set_xticks" => set_ticks(it, at, args, kw, true),
        "set_yticks" => set_ticks(it, at, args, kw, false),
        "set_xticklabels" | "set_yticklabels" => {
            let items = it.iterate(&need(&args, 0, "labels")?)?;
            let mut labels = Vec::new();
            for v in &items {
                labels.push(text(it, v)?);
            }
            with_axes(at, |ax| {
                let t = if m == "set_xticklabels" { &mut ax.xticks } else { &mut ax.yticks };
                let positions = t.as_ref().map(|t| t.at.clone()).unwrap_or_else(|| (0..labels.len()).map(|i| i as f64).collect());
                *t = Some(Ticks { at: positions, labels: Some(labels) });
            })?;
            Ok(Value::None)
        }
        "set_aspect" => {
            let s = match args.first() {
                Some(Value::Str(s)) => s.to_string(),
                Some(v) => number(it, v, "aspect").map(|a| if a == 1.0 { "equal".into() } else { "auto".into() })?,
                None => "auto".into(),
            };
            with_axes(at, |ax| ax.equal = s == "equal")?;
            Ok(Value::None)
        }
        "axis" => {
            match args.first() {
                Some(Value::Str(s)) => {
                    let s = s.to_string();
                    match s.as_str() {
                        "off" | "on" => with_axes(at, |ax| ax.visible_axis = s == "on")?,
                        "equal" | "scaled" | "image" | "square" => with_axes(at, |ax| ax.equal = true)?,
                        "tight" | "auto" | "normal" => with_axes(at, |ax| ax.equal = false)?,
                        other => return Err(err("ValueError", format!("Unrecognized string {other:?} to axis; try 'on', 'off', 'equal', 'tight'"))),
                    }
                }
                Some(Value::Bool(b)) => {
                    let b = *b;
                    with_axes(at, |ax| ax.visible_axis = b)?
                }
                Some(v @ (Value::List(_) | Value::Tuple(_))) => {
                    let l = floats(it, v)?.1;
                    if l.len() != 4 {
                        return Err(err("ValueError", "axis([xmin, xmax, ymin, ymax]) takes four numbers"));
                    }
                    with_axes(at, |ax| {
                        ax.xlim = (Some(l[0]), Some(l[1]));
                        ax.ylim = (Some(l[2]), Some(l[3]));
                    })?
                }
                _ => {}
            }
            Ok(Value::None)
        }
        "set" => {
            for (k, v) in kw {
                let f = match k.as_ref() {
                    "title" | "xlabel" | "ylabel" | "xlim" | "ylim" | "xscale" | "yscale" | "xticks" | "yticks" | "aspect" => format!("set_{k}"),
                    other => return Err(err("AttributeError", format!("Axes.set() got an unexpected keyword argument '{other}'")).with_help("set() takes title, xlabel, ylabel, xlim, ylim, xscale, yscale, xticks, yticks, aspect")),
                };
                let args = match (&v, k.as_ref()) {
                    (Value::Tuple(_) | Value::List(_), "xlim" | "ylim") => vec![v],
                    _ => vec![v],
                };
                axes_call(it, at, &f, args, vec![])?;
            }
            Ok(Value::None)
        }
        "cla" | "clear" => {
            with_axes(at, |ax| *ax = Axes::new(ax.cell))?;
            Ok(Value::None)
        }
        "colorbar_set_label" => {
            let t = text(it, &need(&args, 0, "label")?)?;
            with_axes(at, |ax| {
                if let Some((_, l)) = ax.colorbar.as_mut() {
                    *l = Some(t);
                }
            })?;
            Ok(Value::None)
        }
        other => Err(err("AttributeError", format!("'Axes' object has no attribute '{other}'"))),
    }
}

fn need(args: &[Value], i: usize, name: &str) -> Result<Value> {
    args.get(i).cloned().ok_or_else(|| err("TypeError", format!("missing required argument '{name}' (pos {})", i + 1)))
}

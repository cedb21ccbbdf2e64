//! Draws a `Figure` on a `Canvas`: lays the axes out on their grid with room for tick labels,
//! labels, titles and colorbars (like matplotlib's `tight_layout`), finds limits and ticks, and
//! draws every artist clipped to its axes, then spines, ticks, legend and colorbar. Sizes follow
//! matplotlib's defaults (10 pt text, 1.5 pt lines, 3.5 pt ticks) at the figure's dpi.

use super::canvas::{Canvas, HAlign, Picture, VAlign, CAP, DESCENT};
use super::color::{Dash, Marker, Rgba};
use super::contour;
use super::model::*;
use super::ticks::{self, AxisTicks, Label};
use plotters::prelude::DrawingBackend;

/// A rectangle in figure pixels, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn w(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn h(&self) -> f64 {
        self.y1 - self.y0
    }
    fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.x0 - 1e-9 && p.0 <= self.x1 + 1e-9 && p.1 >= self.y0 - 1e-9 && p.1 <= self.y1 + 1e-9
    }
}

/// matplotlib's sizes, in points.
mod pt {
    pub const FONT: f64 = 10.0;
    pub const TITLE: f64 = 12.0;
    pub const TICK_LEN: f64 = 3.5;
    pub const TICK_PAD: f64 = 3.5;
    pub const LABEL_PAD: f64 = 4.0;
    pub const TITLE_PAD: f64 = 6.0;
    pub const SPINE: f64 = 0.8;
    pub const GRID: f64 = 0.8;
    pub const OUTER: f64 = 8.0;
}

const GRID_COLOR: Rgba = Rgba(0.690, 0.690, 0.690, 1.0);

/// matplotlib-style math text made plain: `$\nabla f$` → `∇f`, `x^2` → `x²`.
pub fn clean_text(s: &str) -> String {
    if !s.contains('$') {
        return s.to_string();
    }
    let mut out = String::new();
    for (k, part) in s.split('$').enumerate() {
        if k % 2 == 0 {
            out.push_str(part);
        } else {
            out.push_str(&math(part));
        }
    }
    out
}

fn math(s: &str) -> String {
    const SYMBOLS: &[(&str, &str)] = &[
        ("\\alpha", "α"), ("\\beta", "β"), ("\\gamma", "γ"), ("\\delta", "δ"), ("\\epsilon", "ε"), ("\\varepsilon", "ε"), ("\\eta", "η"),
        ("\\theta", "θ"), ("\\lambda", "λ"), ("\\mu", "μ"), ("\\nu", "ν"), ("\\pi", "π"), ("\\rho", "ρ"), ("\\sigma", "σ"), ("\\tau", "τ"),
        ("\\phi", "φ"), ("\\varphi", "φ"), ("\\chi", "χ"), ("\\psi", "ψ"), ("\\omega", "ω"), ("\\Delta", "Δ"), ("\\Sigma", "Σ"),
        ("\\Omega", "Ω"), ("\\Gamma", "Γ"), ("\\Theta", "Θ"), ("\\Lambda", "Λ"), ("\\Phi", "Φ"), ("\\Psi", "Ψ"), ("\\nabla", "∇"),
        ("\\partial", "∂"), ("\\infty", "∞"), ("\\cdot", "·"), ("\\times", "×"), ("\\pm", "±"), ("\\leq", "≤"), ("\\geq", "≥"),
        ("\\le", "≤"), ("\\ge", "≥"), ("\\neq", "≠"), ("\\approx", "≈"), ("\\to", "→"), ("\\rightarrow", "→"), ("\\sum", "Σ"),
        ("\\int", "∫"), ("\\sqrt", "√"), ("\\ell", "ℓ"), ("\\mathrm", ""), ("\\mathbf", ""), ("\\text", ""), ("\\left", ""), ("\\right", ""),
        ("\\sin", "sin"), ("\\cos", "cos"), ("\\tan", "tan"), ("\\tanh", "tanh"), ("\\exp", "exp"), ("\\log", "log"), ("\\ln", "ln"),
        ("\\max", "max"), ("\\min", "min"), ("\\,", " "), ("\\;", " "), ("\\!", ""), ("\\ ", " "),
    ];
    let mut t = s.to_string();
    // Longest names first, so `\tanh` is not read as `\tan` + `h`.
    let mut syms: Vec<&(&str, &str)> = SYMBOLS.iter().collect();
    syms.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    for (k, v) in syms {
        // A space after a command only ends its name (`\nabla f` is ∇f), unless it is a word (`\sin x`).
        if !v.chars().all(|c| c.is_ascii_alphabetic()) {
            t = t.replace(&format!("{k} "), v);
        }
        t = t.replace(k, v);
    }
    let sup = |c: char| -> Option<char> {
        Some(match c {
            '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴', '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', '9' => '⁹',
            '-' => '⁻', '+' => '⁺', 'n' => 'ⁿ', 'i' => 'ⁱ', 'T' => 'ᵀ', '(' => '⁽', ')' => '⁾',
            _ => return None,
        })
    };
    let sub = |c: char| -> Option<char> {
        Some(match c {
            '0' => '₀', '1' => '₁', '2' => '₂', '3' => '₃', '4' => '₄', '5' => '₅', '6' => '₆', '7' => '₇', '8' => '₈', '9' => '₉',
            '-' => '₋', '+' => '₊', 'i' => 'ᵢ', 'j' => 'ⱼ', 'k' => 'ₖ', 'n' => 'ₙ', 'x' => 'ₓ', 't' => 'ₜ',
            _ => return None,
        })
    };
    let cs: Vec<char> = t.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if (c == '^' || c == '_') && i + 1 < cs.len() {
            let (group, next) = if cs[i + 1] == '{' {
                let end = cs[i + 2..].iter().position(|&d| d == '}').map(|e| i + 2 + e).unwrap_or(cs.len());
                (cs[i + 2..end.min(cs.len())].to_vec(), end + 1)
            } else {
                (vec![cs[i + 1]], i + 2)
            };
            let f = if c == '^' { sup } else { sub };
            let mapped: Option<String> = group.iter().map(|&g| f(g)).collect();
            match mapped {
                Some(m) => out.push_str(&m),
                None => {
                    out.push(c);
                    out.extend(group.iter());
                }
            }
            i = next;
            continue;
        }
        if c != '{' && c != '}' && c != '\\' {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Where data go on screen: an axes box and its limits.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub r: Rect,
    pub xl: (f64, f64),
    pub yl: (f64, f64),
    pub xlog: bool,
    pub ylog: bool,
}

impl Frame {
    fn tx(v: f64, log: bool) -> f64 {
        if log {
            if v > 0.0 { v.log10() } else { f64::NAN }
        } else {
            v
        }
    }
    pub fn px(&self, x: f64, y: f64) -> (f64, f64) {
        let (a, b) = (Self::tx(self.xl.0, self.xlog), Self::tx(self.xl.1, self.xlog));
        let (c, d) = (Self::tx(self.yl.0, self.ylog), Self::tx(self.yl.1, self.ylog));
        let u = (Self::tx(x, self.xlog) - a) / (b - a);
        let v = (Self::tx(y, self.ylog) - c) / (d - c);
        (self.r.x0 + u * self.r.w(), self.r.y1 - v * self.r.h())
    }
}

/// Data bounds of the artists of an axes, per axis: (min, max, sticky edges).
struct Bounds {
    lo: f64,
    hi: f64,
    sticky: Vec<f64>,
}

impl Bounds {
    fn new() -> Bounds {
        Bounds { lo: f64::INFINITY, hi: f64::NEG_INFINITY, sticky: Vec::new() }
    }
    fn add(&mut self, v: f64, log: bool) {
        if v.is_finite() && (!log || v > 0.0) {
            self.lo = self.lo.min(v);
            self.hi = self.hi.max(v);
        }
    }
    fn add_all(&mut self, vs: &[f64], log: bool) {
        for &v in vs {
            self.add(v, log);
        }
    }
    fn empty(&self) -> bool {
        self.lo > self.hi
    }
}

/// The limits an axes shows: what the user set, else the data with margins.
pub fn limits(ax: &Axes) -> ((f64, f64), (f64, f64)) {
    let (xlog, ylog) = (ax.xscale == Scale::Log, ax.yscale == Scale::Log);
    let mut bx = Bounds::new();
    let mut by = Bounds::new();
    let mut flip_y = false;
    for a in &ax.artists {
        match a {
            Artist::Line(l) => {
                bx.add_all(&l.x, xlog);
                by.add_all(&l.y, ylog);
            }
            Artist::Scatter(s) => {
                bx.add_all(&s.x, xlog);
                by.add_all(&s.y, ylog);
            }
            Artist::Quiver(q) => {
                bx.add_all(&q.x, xlog);
                by.add_all(&q.y, ylog);
            }
            Artist::Bars(b) => {
                let (bp, bl) = if b.horizontal { (&mut by, &mut bx) } else { (&mut bx, &mut by) };
                let (plog, llog) = if b.horizontal { (ylog, xlog) } else { (xlog, ylog) };
                for i in 0..b.pos.len() {
                    bp.add(b.pos[i], plog);
                    bp.add(b.pos[i] + b.width[i], plog);
                    bl.add(b.base[i], llog);
                    bl.add(b.base[i] + b.len[i], llog);
                    bl.sticky.push(b.base[i]);
                }
            }
            Artist::Image(im) => {
                let (l, r, bt, t) = im.extent;
                bx.add(l, xlog);
                bx.add(r, xlog);
                by.add(bt, ylog);
                by.add(t, ylog);
                bx.sticky.extend([l, r]);
                by.sticky.extend([bt, t]);
                if t < bt {
                    flip_y = true;
                }
            }
            Artist::Contour(c) => {
                bx.add_all(&c.x, xlog);
                by.add_all(&c.y, ylog);
                let (xs, ys) = (minmax(&c.x), minmax(&c.y));
                bx.sticky.extend([xs.0, xs.1]);
                by.sticky.extend([ys.0, ys.1]);
            }
            Artist::RefLine(r) => {
                if r.vertical {
                    bx.add(r.at, xlog);
                } else {
                    by.add(r.at, ylog);
                }
            }
            Artist::Fill(f) => {
                bx.add_all(&f.x, xlog);
                by.add_all(&f.y1, ylog);
                by.add_all(&f.y2, ylog);
            }
            Artist::Text(_) => {}
        }
    }
    let fit = |b: &Bounds, log: bool| -> (f64, f64) {
        if b.empty() {
            return if log { (1.0, 10.0) } else { (0.0, 1.0) };
        }
        ticks::expand(b.lo, b.hi, &b.sticky, log)
    };
    let (mut x, mut y) = (fit(&bx, xlog), fit(&by, ylog));
    if let Some(v) = ax.xlim.0 {
        x.0 = v;
    }
    if let Some(v) = ax.xlim.1 {
        x.1 = v;
    }
    if flip_y && ax.ylim == (None, None) {
        y = (y.1, y.0);
    }
    if let Some(v) = ax.ylim.0 {
        y.0 = v;
    }
    if let Some(v) = ax.ylim.1 {
        y.1 = v;
    }
    if x.0 == x.1 {
        x = (x.0 - 0.5, x.1 + 0.5);
    }
    if y.0 == y.1 {
        y = (y.0 - 0.5, y.1 + 0.5);
    }
    (x, y)
}

fn minmax(v: &[f64]) -> (f64, f64) {
    v.iter().filter(|x| x.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)))
}

/// A figure ready to draw.
pub struct FigurePicture<'a> {
    pub fig: &'a Figure,
}

impl Picture for FigurePicture<'_> {
    fn size(&self) -> (u32, u32) {
        self.fig.pixels()
    }
    fn draw<DB: DrawingBackend>(&self, c: &mut Canvas<'_, DB>) -> Result<(), String> {
        draw_figure(self.fig, c)
    }
}

/// Everything about one axes that layout decides.
struct Plan {
    frame: Frame,
    xt: AxisTicks,
    yt: AxisTicks,
    cbar: Option<(Rect, ColorMapping, AxisTicks, Option<String>)>,
}

struct Sizes {
    k: f64,
    font: f64,
    title: f64,
}

impl Sizes {
    fn px(&self, pt: f64) -> f64 {
        pt * self.k
    }
}

fn axis_ticks(t: &Option<Ticks>, lim: (f64, f64), log: bool, nb: usize) -> AxisTicks {
    if let Some(t) = t {
        let lo = lim.0.min(lim.1);
        let hi = lim.0.max(lim.1);
        let step = if t.at.len() > 1 { (t.at[1] - t.at[0]).abs() } else { 1.0 };
        let dec = (0..8).find(|&d| ((step * 10f64.powi(d)) - (step * 10f64.powi(d)).round()).abs() < 1e-6).unwrap_or(3) as usize;
        let major = t
            .at
            .iter()
            .enumerate()
            .filter(|(_, &v)| v >= lo - 1e-9 * (hi - lo).abs() && v <= hi + 1e-9 * (hi - lo).abs())
            .map(|(i, &v)| {
                let label = match &t.labels {
                    Some(ls) => Label::plain(clean_text(ls.get(i).map(|s| s.as_str()).unwrap_or(""))),
                    None => Label::plain(ticks::format_number(v, dec)),
                };
                (v, label)
            })
            .collect();
        return AxisTicks { major, minor: Vec::new(), multiplier: None };
    }
    if log {
        ticks::log(lim.0.min(lim.1), lim.0.max(lim.1))
    } else {
        ticks::linear(lim.0, lim.1, nb)
    }
}

/// The width of a tick label at font size `em`.
fn label_width<DB: DrawingBackend>(c: &Canvas<'_, DB>, l: &Label, em: f64) -> f64 {
    c.text_width(&l.text, em) + l.sup.as_ref().map_or(0.0, |s| c.text_width(s, em * 0.7) + em * 0.05)
}

fn draw_label<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, l: &Label, at: (f64, f64), em: f64, ha: HAlign, va: VAlign) -> Result<(), String> {
    let Some(sup) = &l.sup else {
        return c.text(&l.text, at, em, Rgba::BLACK, (ha, va), false);
    };
    let w = label_width(c, l, em);
    let x = match ha {
        HAlign::Left => at.0,
        HAlign::Center => at.0 - w / 2.0,
        HAlign::Right => at.0 - w,
    };
    // Superscripted labels are a little taller: shift them so the whole sits where `va` asks.
    let y = match va {
        VAlign::Top => at.1 + 0.25 * em,
        _ => at.1,
    };
    c.text(&l.text, (x, y), em, Rgba::BLACK, (HAlign::Left, va), false)?;
    let x2 = x + c.text_width(&l.text, em) + em * 0.05;
    let base = match va {
        VAlign::Top => y + CAP * em,
        VAlign::Center => y + CAP * em / 2.0,
        VAlign::Baseline => y,
        VAlign::Bottom => y - DESCENT * em,
    };
    c.text(sup, (x2, base - 0.45 * em), em * 0.7, Rgba::BLACK, (HAlign::Left, VAlign::Baseline), false)
}

/// The margins an axes needs around its box: (left, top, right, bottom).
fn margins<DB: DrawingBackend>(c: &Canvas<'_, DB>, ax: &Axes, xt: &AxisTicks, yt: &AxisTicks, s: &Sizes) -> (f64, f64, f64, f64) {
    let outer = s.px(pt::OUTER);
    let line_h = (CAP + DESCENT) * s.font;
    let title = ax.title.as_ref().map_or(0.0, |_| (CAP + DESCENT) * s.title + s.px(pt::TITLE_PAD));
    if !ax.visible_axis {
        return (outer, outer + title, outer, outer);
    }
    let tick = s.px(pt::TICK_LEN + pt::TICK_PAD);
    let yw = yt.major.iter().map(|(_, l)| label_width(c, l, s.font)).fold(0.0, f64::max);
    let left = outer + tick + yw + ax.ylabel.as_ref().map_or(0.0, |_| line_h + s.px(pt::LABEL_PAD));
    let sup = if xt.major.iter().any(|(_, l)| l.sup.is_some()) { 0.25 * s.font } else { 0.0 };
    let bottom = outer + tick + line_h + sup + ax.xlabel.as_ref().map_or(0.0, |_| line_h + s.px(pt::LABEL_PAD));
    let ymult = if yt.multiplier.is_some() { line_h + s.px(2.0) } else { 0.0 };
    let top = outer + if title > 0.0 { title + ymult } else { ymult.max(CAP * s.font / 2.0) };
    let xr = xt.major.last().map_or(0.0, |(_, l)| label_width(c, l, s.font) / 2.0);
    let xmult = xt.multiplier.as_ref().map_or(0.0, |l| label_width(c, l, s.font));
    let right = outer.max(xr + s.px(2.0)).max(xmult);
    (left, top, right, bottom)
}

fn mapping_of(ax: &Axes, i: usize) -> Option<ColorMapping> {
    ax.artists.get(i).and_then(|a| a.mapping()).cloned()
}

fn colorbar_ticks(m: &ColorMapping, height_pt: f64) -> AxisTicks {
    if let (true, Some(levels)) = (m.by_band, &m.levels) {
        let every = levels.len().div_ceil(12).max(1);
        let major = levels.iter().enumerate().filter(|(i, _)| i % every == 0 || *i == levels.len() - 1).map(|(_, &v)| (v, Label::plain(ticks::short(v)))).collect();
        return AxisTicks { major, minor: vec![], multiplier: None };
    }
    if let Some(levels) = &m.levels {
        if levels.len() <= 10 {
            let step = if levels.len() > 1 { (levels[1] - levels[0]).abs() } else { 1.0 };
            let dec = (0..8).find(|&d| ((step * 10f64.powi(d)) - (step * 10f64.powi(d)).round()).abs() < 1e-6).unwrap_or(3) as usize;
            return AxisTicks { major: levels.iter().map(|&v| (v, Label::plain(ticks::format_number(v, dec)))).collect(), minor: vec![], multiplier: None };
        }
    }
    ticks::linear(m.vmin, m.vmax, ticks::nbins(height_pt, pt::FONT, true))
}

fn plan_figure<DB: DrawingBackend>(fig: &Figure, c: &Canvas<'_, DB>, s: &Sizes) -> Vec<Plan> {
    let (w, h) = fig.pixels();
    let (w, h) = (w as f64, h as f64);
    let top_band = if fig.suptitle.is_some() { (CAP + DESCENT) * s.title * 1.2 + s.px(pt::OUTER) } else { 0.0 };
    let cells: Vec<Rect> = fig
        .axes
        .iter()
        .map(|ax| {
            let cw = w / ax.cell.cols as f64;
            let ch = (h - top_band) / ax.cell.rows as f64;
            Rect { x0: cw * ax.cell.col as f64, y0: top_band + ch * ax.cell.row as f64, x1: cw * (ax.cell.col + 1) as f64, y1: top_band + ch * (ax.cell.row + 1) as f64 }
        })
        .collect();
    // First pass: limits, ticks (with a guess of the box size) and margins.
    let mut firsts = Vec::new();
    for (ax, cell) in fig.axes.iter().zip(&cells) {
        let (xl, yl) = limits(ax);
        let (xlog, ylog) = (ax.xscale == Scale::Log, ax.yscale == Scale::Log);
        let cb = ax.colorbar.as_ref().and_then(|(i, label)| mapping_of(ax, *i).map(|m| (m, label.clone())));
        let cb_frac = if cb.is_some() { 0.8 } else { 1.0 };
        let xt = axis_ticks(&ax.xticks, xl, xlog, ticks::nbins(cell.w() * 0.8 * cb_frac / s.k, pt::FONT, false));
        let yt = axis_ticks(&ax.yticks, yl, ylog, ticks::nbins(cell.h() * 0.8 / s.k, pt::FONT, true));
        let mut m = margins(c, ax, &xt, &yt, s);
        let mut cbar = None;
        if let Some((map, label)) = cb {
            let ct = colorbar_ticks(&map, cell.h() * 0.75 / s.k);
            let lw = ct.major.iter().map(|(_, l)| label_width(c, l, s.font)).fold(0.0, f64::max);
            let bar_w = (cell.w() * 0.04).max(s.px(8.0));
            let gap = (cell.w() * 0.03).max(s.px(6.0));
            let extra = gap + bar_w + s.px(pt::TICK_LEN + pt::TICK_PAD) + lw + label.as_ref().map_or(0.0, |_| (CAP + DESCENT) * s.font + s.px(pt::LABEL_PAD));
            m.2 = s.px(pt::OUTER) + extra;
            cbar = Some((gap, bar_w, map, ct, label));
        }
        firsts.push((xl, yl, xt, yt, m, cbar));
    }
    // Align boxes: the same margins along a grid column (left, right) and row (top, bottom).
    let n = fig.axes.len();
    let mut plans = Vec::with_capacity(n);
    for i in 0..n {
        let (ci, ax) = (&cells[i], &fig.axes[i]);
        let (mut l, mut t, mut r, mut b) = firsts[i].4;
        for (o, first) in fig.axes.iter().zip(&firsts) {
            if o.cell.rows == ax.cell.rows && o.cell.cols == ax.cell.cols {
                let m = first.4;
                if o.cell.col == ax.cell.col {
                    l = l.max(m.0);
                    r = r.max(m.2);
                }
                if o.cell.row == ax.cell.row {
                    t = t.max(m.1);
                    b = b.max(m.3);
                }
            }
        }
        let mut r0 = Rect { x0: ci.x0 + l, y0: ci.y0 + t, x1: ci.x1 - r, y1: ci.y1 - b };
        if r0.w() < 10.0 || r0.h() < 10.0 {
            r0 = Rect { x0: ci.x0 + ci.w() * 0.1, y0: ci.y0 + ci.h() * 0.1, x1: ci.x1 - ci.w() * 0.1, y1: ci.y1 - ci.h() * 0.1 };
        }
        let (xl, yl) = (firsts[i].0, firsts[i].1);
        let (xlog, ylog) = (ax.xscale == Scale::Log, ax.yscale == Scale::Log);
        if ax.equal && !xlog && !ylog {
            let (dx, dy) = ((xl.1 - xl.0).abs(), (yl.1 - yl.0).abs());
            if dx > 0.0 && dy > 0.0 {
                let ppu = (r0.w() / dx).min(r0.h() / dy);
                let (nw, nh) = (dx * ppu, dy * ppu);
                let (cx, cy) = ((r0.x0 + r0.x1) / 2.0, (r0.y0 + r0.y1) / 2.0);
                r0 = Rect { x0: cx - nw / 2.0, y0: cy - nh / 2.0, x1: cx + nw / 2.0, y1: cy + nh / 2.0 };
            }
        }
        // Ticks again, for the real box size.
        let xt = axis_ticks(&ax.xticks, xl, xlog, ticks::nbins(r0.w() / s.k, pt::FONT, false));
        let yt = axis_ticks(&ax.yticks, yl, ylog, ticks::nbins(r0.h() / s.k, pt::FONT, true));
        let cbar = firsts[i].5.as_ref().map(|(gap, bw, map, _, label)| {
            let rect = Rect { x0: r0.x1 + gap, y0: r0.y0, x1: r0.x1 + gap + bw, y1: r0.y1 };
            let ct = colorbar_ticks(map, r0.h() / s.k);
            (rect, map.clone(), ct, label.clone())
        });
        plans.push(Plan { frame: Frame { r: r0, xl, yl, xlog, ylog }, xt, yt, cbar });
    }
    plans
}

fn draw_figure<DB: DrawingBackend>(fig: &Figure, c: &mut Canvas<'_, DB>) -> Result<(), String> {
    let k = fig.dpi / 72.0;
    let s = Sizes { k, font: pt::FONT * k, title: pt::TITLE * k };
    c.clear(Rgba::WHITE)?;
    let plans = plan_figure(fig, c, &s);
    for (ax, plan) in fig.axes.iter().zip(&plans) {
        draw_axes(c, ax, plan, &s)?;
    }
    if let Some(t) = &fig.suptitle {
        let (w, _) = fig.pixels();
        c.text(&clean_text(t), (w as f64 / 2.0, s.px(pt::OUTER)), s.title, Rgba::BLACK, (HAlign::Center, VAlign::Top), false)?;
    }
    Ok(())
}

/// The class an artist's SVG group gets.
fn artist_kind(a: &Artist) -> &'static str {
    match a {
        Artist::Line(_) => "line",
        Artist::Scatter(_) => "scatter",
        Artist::Bars(_) => "bars",
        Artist::Image(_) => "image",
        Artist::Contour(c) if c.filled => "contourf",
        Artist::Contour(_) => "contour",
        Artist::Quiver(_) => "quiver",
        Artist::RefLine(_) => "refline",
        Artist::Fill(_) => "fill",
        Artist::Text(_) => "text",
    }
}

fn draw_axes<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, ax: &Axes, plan: &Plan, s: &Sizes) -> Result<(), String> {
    c.group("axes")?;
    draw_axes_parts(c, ax, plan, s)?;
    c.end_group()
}

fn draw_axes_parts<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, ax: &Axes, plan: &Plan, s: &Sizes) -> Result<(), String> {
    let f = plan.frame;
    let r = f.r;
    if ax.visible_axis {
        c.rect(r.x0, r.y0, r.x1, r.y1, Some(Rgba::WHITE), None)?;
    }
    if ax.grid && ax.visible_axis {
        let gw = s.px(pt::GRID);
        for (v, _) in &plan.xt.major {
            let (x, _) = f.px(*v, f.yl.0);
            c.line((x, r.y0), (x, r.y1), GRID_COLOR, gw)?;
        }
        for (v, _) in &plan.yt.major {
            let (_, y) = f.px(f.xl.0, *v);
            c.line((r.x0, y), (r.x1, y), GRID_COLOR, gw)?;
        }
    }
    let mut order: Vec<usize> = (0..ax.artists.len()).collect();
    order.sort_by_key(|&i| ax.artists[i].zorder());
    for i in order {
        let a = &ax.artists[i];
        c.group(&format!("artist {}", artist_kind(a)))?;
        draw_artist(c, a, &f, s)?;
        c.end_group()?;
    }
    if ax.visible_axis {
        draw_spines_and_ticks(c, ax, plan, s)?;
    }
    if let Some(t) = &ax.title {
        // Above the y axis's multiplier (`×10⁸`) when there is one.
        let lift = if ax.visible_axis && plan.yt.multiplier.is_some() { (CAP + DESCENT) * s.font } else { 0.0 };
        c.text(&clean_text(t), ((r.x0 + r.x1) / 2.0, r.y0 - s.px(pt::TITLE_PAD) - lift), s.title, Rgba::BLACK, (HAlign::Center, VAlign::Bottom), false)?;
    }
    if let Some(loc) = ax.legend {
        c.group("legend")?;
        draw_legend(c, ax, &f, loc, s)?;
        c.end_group()?;
    }
    if let Some((rect, map, ct, label)) = &plan.cbar {
        c.group("colorbar")?;
        draw_colorbar(c, *rect, map, ct, label.as_deref(), s)?;
        c.end_group()?;
    }
    Ok(())
}

fn draw_spines_and_ticks<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, ax: &Axes, plan: &Plan, s: &Sizes) -> Result<(), String> {
    let f = plan.frame;
    let r = f.r;
    let (tl, tp, sw) = (s.px(pt::TICK_LEN), s.px(pt::TICK_PAD), s.px(pt::SPINE));
    c.rect(r.x0, r.y0, r.x1, r.y1, None, Some((Rgba::BLACK, sw)))?;
    for &v in &plan.xt.minor {
        let (x, _) = f.px(v, f.yl.0);
        c.line((x, r.y1), (x, r.y1 + tl * 0.57), Rgba::BLACK, sw * 0.75)?;
    }
    for &v in &plan.yt.minor {
        let (_, y) = f.px(f.xl.0, v);
        c.line((r.x0, y), (r.x0 - tl * 0.57, y), Rgba::BLACK, sw * 0.75)?;
    }
    for (v, l) in &plan.xt.major {
        let (x, _) = f.px(*v, f.yl.0);
        c.line((x, r.y1), (x, r.y1 + tl), Rgba::BLACK, sw)?;
        draw_label(c, l, (x, r.y1 + tl + tp), s.font, HAlign::Center, VAlign::Top)?;
    }
    let mut yw: f64 = 0.0;
    for (v, l) in &plan.yt.major {
        let (_, y) = f.px(f.xl.0, *v);
        c.line((r.x0, y), (r.x0 - tl, y), Rgba::BLACK, sw)?;
        draw_label(c, l, (r.x0 - tl - tp, y), s.font, HAlign::Right, VAlign::Center)?;
        yw = yw.max(label_width(c, l, s.font));
    }
    if let Some(m) = &plan.xt.multiplier {
        draw_label(c, m, (r.x1, r.y1 + tl + tp + (CAP + DESCENT) * s.font + s.px(2.0)), s.font, HAlign::Right, VAlign::Top)?;
    }
    if let Some(m) = &plan.yt.multiplier {
        draw_label(c, m, (r.x0, r.y0 - s.px(2.0)), s.font, HAlign::Left, VAlign::Bottom)?;
    }
    let line_h = (CAP + DESCENT) * s.font;
    let sup = if plan.xt.major.iter().any(|(_, l)| l.sup.is_some()) { 0.25 * s.font } else { 0.0 };
    if let Some(t) = &ax.xlabel {
        let y = r.y1 + tl + tp + line_h + sup + s.px(pt::LABEL_PAD);
        c.text(&clean_text(t), ((r.x0 + r.x1) / 2.0, y), s.font, Rgba::BLACK, (HAlign::Center, VAlign::Top), false)?;
    }
    if let Some(t) = &ax.ylabel {
        let x = r.x0 - tl - tp - yw - s.px(pt::LABEL_PAD);
        // Rotated: "top" of the text faces left.
        c.text(&clean_text(t), (x - CAP * s.font, (r.y0 + r.y1) / 2.0), s.font, Rgba::BLACK, (HAlign::Center, VAlign::Top), true)?;
    }
    Ok(())
}

/// Clip the segment `p`–`q` to `r` (Liang–Barsky).
fn clip_segment(p: (f64, f64), q: (f64, f64), r: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (pk, qk) in [(-dx, p.0 - r.x0), (dx, r.x1 - p.0), (-dy, p.1 - r.y0), (dy, r.y1 - p.1)] {
        if pk == 0.0 {
            if qk < 0.0 {
                return None;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some(((p.0 + t0 * dx, p.1 + t0 * dy), (p.0 + t1 * dx, p.1 + t1 * dy)))
}

/// Split a screen-space polyline at non-finite points and clip it to `r`.
fn clip_polyline(pts: &[(f64, f64)], r: &Rect) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in pts.windows(2) {
        let (p, q) = (w[0], w[1]);
        if !(p.0.is_finite() && p.1.is_finite() && q.0.is_finite() && q.1.is_finite()) {
            if cur.len() > 1 {
                runs.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        match clip_segment(p, q, r) {
            Some((a, b)) => {
                if cur.last() != Some(&a) {
                    if cur.len() > 1 {
                        runs.push(std::mem::take(&mut cur));
                    }
                    cur = vec![a];
                }
                cur.push(b);
                if b != q {
                    runs.push(std::mem::take(&mut cur));
                }
            }
            None => {
                if cur.len() > 1 {
                    runs.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() > 1 {
        runs.push(cur);
    }
    runs
}

/// Clip a polygon to `r` (Sutherland–Hodgman).
fn clip_polygon(poly: &[(f64, f64)], r: &Rect) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = poly.iter().copied().filter(|p| p.0.is_finite() && p.1.is_finite()).collect();
    let edges: [(usize, f64, bool); 4] = [(0, r.x0, true), (0, r.x1, false), (1, r.y0, true), (1, r.y1, false)];
    for (axis, v, keep_greater) in edges {
        if out.is_empty() {
            break;
        }
        let inside = |p: &(f64, f64)| {
            let c = if axis == 0 { p.0 } else { p.1 };
            if keep_greater { c >= v } else { c <= v }
        };
        let inter = |a: (f64, f64), b: (f64, f64)| {
            let (ca, cb) = if axis == 0 { (a.0, b.0) } else { (a.1, b.1) };
            let t = (v - ca) / (cb - ca);
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        };
        let input = std::mem::take(&mut out);
        for k in 0..input.len() {
            let (a, b) = (input[k], input[(k + 1) % input.len()]);
            match (inside(&a), inside(&b)) {
                (true, true) => out.push(b),
                (true, false) => out.push(inter(a, b)),
                (false, true) => {
                    out.push(inter(a, b));
                    out.push(b);
                }
                (false, false) => {}
            }
        }
    }
    out
}

/// Cut a polyline into dashes (lengths in pixels).
fn dashes(pts: &[(f64, f64)], pattern: &[f64]) -> Vec<Vec<(f64, f64)>> {
    if pattern.is_empty() {
        return vec![pts.to_vec()];
    }
    let mut out = Vec::new();
    let mut k = 0;
    let mut left = pattern[0];
    let mut on = true;
    let mut cur = vec![pts[0]];
    for w in pts.windows(2) {
        let (mut a, b) = (w[0], w[1]);
        let mut seg = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        while seg > left {
            let t = left / seg;
            let m = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if on {
                cur.push(m);
                out.push(std::mem::take(&mut cur));
            } else {
                cur = vec![m];
            }
            seg -= left;
            a = m;
            on = !on;
            k = (k + 1) % pattern.len();
            left = pattern[k];
        }
        left -= seg;
        if on {
            cur.push(b);
        }
    }
    if on && cur.len() > 1 {
        out.push(cur);
    }
    out
}

fn stroke<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, pts: &[(f64, f64)], r: &Rect, color: Rgba, width: f64, dash: Dash) -> Result<(), String> {
    if dash == Dash::None {
        return Ok(());
    }
    let pattern: Vec<f64> = dash.pattern().iter().map(|d| d * width.max(1.0)).collect();
    for run in clip_polyline(pts, r) {
        for piece in dashes(&run, &pattern) {
            c.polyline(&piece, color, width)?;
        }
    }
    Ok(())
}

/// A marker of diameter `d` (pixels) centred at `p`.
fn marker<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, m: Marker, p: (f64, f64), d: f64, face: Rgba, edge: Option<(Rgba, f64)>) -> Result<(), String> {
    let r = d / 2.0;
    let poly = |n: usize, radius: f64, rot: f64| -> Vec<(f64, f64)> {
        (0..n).map(|k| {
            let t = rot + k as f64 * std::f64::consts::TAU / n as f64;
            (p.0 + radius * t.sin(), p.1 - radius * t.cos())
        }).collect()
    };
    let stroke_w = edge.map_or(d / 6.0, |e| e.1).max(0.8);
    let sc = edge.map_or(face, |e| e.0);
    let fill = |c: &mut Canvas<'_, DB>, pts: Vec<(f64, f64)>| -> Result<(), String> {
        c.polygon(&pts, face, false)?;
        if let Some((ec, ew)) = edge {
            let mut closed = pts.clone();
            closed.push(pts[0]);
            c.polyline(&closed, ec, ew)?;
        }
        Ok(())
    };
    match m {
        Marker::Circle => c.circle(p, r, Some(face), edge),
        Marker::Point => c.circle(p, r * 0.5, Some(face), None),
        Marker::Pixel => c.rect(p.0 - 0.5, p.1 - 0.5, p.0 + 0.5, p.1 + 0.5, Some(face), None),
        Marker::Square => fill(c, poly(4, r * 0.9, std::f64::consts::FRAC_PI_4)),
        Marker::Diamond => fill(c, poly(4, r, 0.0)),
        Marker::TriUp => fill(c, poly(3, r, 0.0)),
        Marker::TriDown => fill(c, poly(3, r, std::f64::consts::PI)),
        Marker::TriLeft => fill(c, poly(3, r, -std::f64::consts::FRAC_PI_2)),
        Marker::TriRight => fill(c, poly(3, r, std::f64::consts::FRAC_PI_2)),
        Marker::Pentagon => fill(c, poly(5, r, 0.0)),
        Marker::Hexagon => fill(c, poly(6, r, 0.0)),
        Marker::Star => {
            let outer = poly(5, r * 1.1, 0.0);
            let inner = poly(5, r * 0.45, std::f64::consts::PI / 5.0);
            fill(c, outer.iter().zip(&inner).flat_map(|(a, b)| [*a, *b]).collect())
        }
        Marker::Plus => {
            c.line((p.0 - r, p.1), (p.0 + r, p.1), sc, stroke_w)?;
            c.line((p.0, p.1 - r), (p.0, p.1 + r), sc, stroke_w)
        }
        Marker::X => {
            let q = r * 0.8;
            c.line((p.0 - q, p.1 - q), (p.0 + q, p.1 + q), sc, stroke_w)?;
            c.line((p.0 - q, p.1 + q), (p.0 + q, p.1 - q), sc, stroke_w)
        }
        Marker::VLine => c.line((p.0, p.1 - r), (p.0, p.1 + r), sc, stroke_w),
        Marker::HLine => c.line((p.0 - r, p.1), (p.0 + r, p.1), sc, stroke_w),
    }
}

/// An arrow from `p` along the unit direction `d`, `len` long, with a shaft `sw` wide.
fn arrow<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, p: (f64, f64), d: (f64, f64), len: f64, sw: f64, color: Rgba) -> Result<(), String> {
    if !(len.is_finite() && len > 0.0) {
        return Ok(());
    }
    let n = (-d.1, d.0);
    // matplotlib's proportions: head 3 shafts wide and 5 long; short arrows shrink as a whole.
    let (hw, hl, hal) = if len < 5.0 * sw {
        let k = len / (5.0 * sw);
        (3.0 * sw * k, len, 4.5 * sw * k)
    } else {
        (3.0 * sw, 5.0 * sw, 4.5 * sw)
    };
    let sw = if len < 5.0 * sw { sw * len / (5.0 * sw) } else { sw };
    let at = |t: f64, o: f64| (p.0 + d.0 * t + n.0 * o, p.1 + d.1 * t + n.1 * o);
    let pts = vec![at(0.0, sw / 2.0), at(len - hal, sw / 2.0), at(len - hl, hw / 2.0), at(len, 0.0), at(len - hl, -hw / 2.0), at(len - hal, -sw / 2.0), at(0.0, -sw / 2.0)];
    c.polygon(&pts, color, false)
}

/// Join segments that share end points into polylines.
fn join_segments(segs: &[[(f64, f64); 2]]) -> Vec<Vec<(f64, f64)>> {
    use std::collections::HashMap;
    let key = |p: (f64, f64)| ((p.0 * 1e6).round() as i64, (p.1 * 1e6).round() as i64);
    let mut ends: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, s) in segs.iter().enumerate() {
        ends.entry(key(s[0])).or_default().push(i);
        ends.entry(key(s[1])).or_default().push(i);
    }
    let mut used = vec![false; segs.len()];
    let mut out = Vec::new();
    for start in 0..segs.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut line = std::collections::VecDeque::from(vec![segs[start][0], segs[start][1]]);
        for forward in [true, false] {
            loop {
                let end = if forward { *line.back().unwrap_or(&(0.0, 0.0)) } else { *line.front().unwrap_or(&(0.0, 0.0)) };
                let next = ends.get(&key(end)).and_then(|v| v.iter().copied().find(|&j| !used[j]));
                let Some(j) = next else { break };
                used[j] = true;
                let other = if key(segs[j][0]) == key(end) { segs[j][1] } else { segs[j][0] };
                if forward {
                    line.push_back(other);
                } else {
                    line.push_front(other);
                }
            }
        }
        out.push(line.into_iter().collect());
    }
    out
}

fn draw_artist<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, a: &Artist, f: &Frame, s: &Sizes) -> Result<(), String> {
    let r = f.r;
    match a {
        Artist::Line(l) => {
            let pts: Vec<(f64, f64)> = l.x.iter().zip(&l.y).map(|(&x, &y)| f.px(x, y)).collect();
            let w = s.px(l.width);
            stroke(c, &pts, &r, l.color, w, l.dash)?;
            if let Some(m) = l.marker {
                for &p in &pts {
                    if p.0.is_finite() && p.1.is_finite() && r.contains(p) {
                        marker(c, m, p, s.px(l.marker_size), l.color, None)?;
                    }
                }
            }
        }
        Artist::Scatter(sc) => {
            for i in 0..sc.x.len() {
                let p = f.px(sc.x[i], sc.y[i]);
                if !(p.0.is_finite() && p.1.is_finite() && r.contains(p)) {
                    continue;
                }
                let area = sc.sizes[i % sc.sizes.len().max(1)];
                let color = sc.colors[i % sc.colors.len().max(1)];
                let edge = sc.edge.map(|e| (e, s.px(1.0)));
                marker(c, sc.marker, p, s.px(area.max(0.0).sqrt()), color, edge)?;
            }
        }
        Artist::Bars(b) => {
            for i in 0..b.pos.len() {
                let (x0, x1, y0, y1) = if b.horizontal {
                    (b.base[i], b.base[i] + b.len[i], b.pos[i], b.pos[i] + b.width[i])
                } else {
                    (b.pos[i], b.pos[i] + b.width[i], b.base[i], b.base[i] + b.len[i])
                };
                // On a log axis a bar from 0 starts at the axis' low edge, as in matplotlib.
                let floor = |v: f64, log: bool, lim: (f64, f64)| if log && v <= 0.0 { lim.0.min(lim.1) } else { v };
                let (x0, x1) = (floor(x0, f.xlog, f.xl), floor(x1, f.xlog, f.xl));
                let (y0, y1) = (floor(y0, f.ylog, f.yl), floor(y1, f.ylog, f.yl));
                let corners = [f.px(x0, y0), f.px(x1, y0), f.px(x1, y1), f.px(x0, y1)];
                if b.step {
                    continue;
                }
                let poly = clip_polygon(&corners, &r);
                if poly.len() >= 3 {
                    c.polygon(&poly, b.color, false)?;
                    if let Some(e) = b.edge {
                        let mut closed = poly.clone();
                        closed.push(poly[0]);
                        c.polyline(&closed, e, s.px(0.8))?;
                    }
                }
            }
            if b.step && !b.horizontal && !b.pos.is_empty() {
                let mut pts = Vec::new();
                let n = b.pos.len();
                pts.push(f.px(b.pos[0], b.base[0]));
                for i in 0..n {
                    pts.push(f.px(b.pos[i], b.base[i] + b.len[i]));
                    pts.push(f.px(b.pos[i] + b.width[i], b.base[i] + b.len[i]));
                }
                pts.push(f.px(b.pos[n - 1] + b.width[n - 1], b.base[n - 1]));
                stroke(c, &pts, &r, b.color, s.px(1.5), Dash::Solid)?;
            }
        }
        Artist::Image(im) => {
            let (l, rr, bt, t) = im.extent;
            let (p0, p1) = (f.px(l, t), f.px(rr, bt));
            c.image((p0.0, p0.1, p1.0, p1.1), (im.w, im.h), &im.rgba)?;
        }
        Artist::Contour(ct) => {
            let color_of = |v: f64| ct.color.unwrap_or_else(|| ct.mapping.color(v)).with_alpha(ct.alpha);
            if ct.filled {
                let cols: Vec<Rgba> = ct.levels.windows(2).map(|w| color_of((w[0] + w[1]) / 2.0)).collect();
                for (b, poly) in contour::filled_regions(ct.nx, ct.ny, &ct.x, &ct.y, &ct.z, &ct.levels) {
                    let px: Vec<(f64, f64)> = poly.iter().map(|&(x, y)| f.px(x, y)).collect();
                    let px = clip_polygon(&px, &r);
                    c.polygon(&px, cols[b], ct.alpha >= 1.0)?;
                }
            } else {
                let tris = contour::triangles(ct.nx, ct.ny, &ct.x, &ct.y, &ct.z);
                for &lv in &ct.levels {
                    let segs = contour::level_segments(&tris, lv);
                    let dash = if ct.color.is_some() && lv < 0.0 { Dash::Dashed } else { Dash::Solid };
                    for line in join_segments(&segs) {
                        let px: Vec<(f64, f64)> = line.iter().map(|&(x, y)| f.px(x, y)).collect();
                        stroke(c, &px, &r, color_of(lv), s.px(ct.width), dash)?;
                    }
                }
            }
        }
        Artist::Quiver(q) => {
            let n = q.x.len();
            let mags: Vec<f64> = q.u.iter().zip(&q.v).map(|(u, v)| (u * u + v * v).sqrt()).collect();
            let scale = q.scale.unwrap_or_else(|| {
                let finite: Vec<f64> = mags.iter().copied().filter(|m| m.is_finite()).collect();
                let amean = if finite.is_empty() { 1.0 } else { finite.iter().sum::<f64>() / finite.len() as f64 };
                let sn = (n as f64).sqrt().max(10.0);
                let sc = 1.8 * amean * sn;
                if sc > 0.0 { sc } else { 1.0 }
            });
            let sw = q.width.unwrap_or(0.005) * r.w();
            for (i, &mag) in mags.iter().enumerate() {
                let p = f.px(q.x[i], q.y[i]);
                if !r.contains(p) || !mag.is_finite() || mag == 0.0 {
                    continue;
                }
                let color = q.colors[i % q.colors.len().max(1)];
                if q.xy {
                    let s = q.scale.unwrap_or(1.0);
                    let e = f.px(q.x[i] + q.u[i] / s, q.y[i] + q.v[i] / s);
                    let (dx, dy) = (e.0 - p.0, e.1 - p.1);
                    let len = (dx * dx + dy * dy).sqrt();
                    if len > 0.0 {
                        arrow(c, p, (dx / len, dy / len), len, sw, color)?;
                    }
                    continue;
                }
                let d = (q.u[i] / mag, -q.v[i] / mag);
                let len = mag / scale * r.w();
                arrow(c, p, d, len, sw, color)?;
            }
        }
        Artist::RefLine(l) => {
            let pts = if l.vertical {
                let (x, _) = f.px(l.at, f.yl.0);
                vec![(x, r.y1 - l.span.0 * r.h()), (x, r.y1 - l.span.1 * r.h())]
            } else {
                let (_, y) = f.px(f.xl.0, l.at);
                vec![(r.x0 + l.span.0 * r.w(), y), (r.x0 + l.span.1 * r.w(), y)]
            };
            stroke(c, &pts, &r, l.color, s.px(l.width), l.dash)?;
        }
        Artist::Fill(fl) => {
            let mut poly: Vec<(f64, f64)> = fl.x.iter().zip(&fl.y1).map(|(&x, &y)| f.px(x, y)).collect();
            poly.extend(fl.x.iter().zip(&fl.y2).rev().map(|(&x, &y)| f.px(x, y)));
            let poly = clip_polygon(&poly, &r);
            c.polygon(&poly, fl.color, false)?;
        }
        Artist::Text(t) => {
            let p = f.px(t.x, t.y);
            let ha = match t.ha {
                Align::Start => HAlign::Left,
                Align::Center => HAlign::Center,
                Align::End => HAlign::Right,
            };
            let va = match t.va {
                Align::Start => VAlign::Bottom,
                Align::Center => VAlign::Center,
                Align::End => VAlign::Top,
            };
            let label = clean_text(&t.text);
            let em = s.px(t.size);
            if let Some(to) = t.arrow_to {
                // From the edge of the text's box to the point, ending in a small head.
                let q = f.px(to.0, to.1);
                let (w, h) = (c.text_width(&label, em) / 2.0 + em * 0.3, em * 0.7);
                let (dx, dy) = (q.0 - p.0, q.1 - p.1);
                let len = (dx * dx + dy * dy).sqrt();
                let out = if dx.abs() * h > dy.abs() * w { w / dx.abs().max(1e-9) } else { h / dy.abs().max(1e-9) };
                if len > 0.0 && out < 1.0 {
                    let start = (p.0 + dx * out, p.1 + dy * out);
                    let d = (dx / len, dy / len);
                    let shaft = len * (1.0 - out) - em * 0.2;
                    c.line(start, (start.0 + d.0 * (shaft - em * 0.5), start.1 + d.1 * (shaft - em * 0.5)), t.color, s.px(1.0))?;
                    let tip = (start.0 + d.0 * shaft, start.1 + d.1 * shaft);
                    let n = (-d.1, d.0);
                    let back = (tip.0 - d.0 * em * 0.7, tip.1 - d.1 * em * 0.7);
                    c.polygon(&[(back.0 + n.0 * em * 0.25, back.1 + n.1 * em * 0.25), tip, (back.0 - n.0 * em * 0.25, back.1 - n.1 * em * 0.25)], t.color, false)?;
                }
            }
            c.text(&label, p, em, t.color, (ha, va), false)?;
        }
    }
    Ok(())
}

/// Legend entries: (label, artist) for labelled artists (labels starting with `_` are hidden).
fn legend_entries(ax: &Axes) -> Vec<(String, &Artist)> {
    ax.artists.iter().filter_map(|a| a.label().filter(|l| !l.starts_with('_')).map(|l| (clean_text(l), a))).collect()
}

fn draw_legend<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, ax: &Axes, f: &Frame, loc: Loc, s: &Sizes) -> Result<(), String> {
    let entries = legend_entries(ax);
    if entries.is_empty() {
        return Ok(());
    }
    let em = s.font;
    let (pad, handle, gap, spacing, axpad) = (0.4 * em, 2.0 * em, 0.8 * em, 0.5 * em, 0.5 * em);
    let row_h = (CAP + DESCENT) * em;
    let tw = entries.iter().map(|(l, _)| c.text_width(l, em)).fold(0.0, f64::max);
    let w = 2.0 * pad + handle + gap + tw;
    let h = 2.0 * pad + entries.len() as f64 * row_h + (entries.len() - 1) as f64 * spacing;
    let r = f.r;
    let place = |loc: Loc| -> (f64, f64) {
        let (l, cx, rt) = (r.x0 + axpad, (r.x0 + r.x1 - w) / 2.0, r.x1 - axpad - w);
        let (t, cy, b) = (r.y0 + axpad, (r.y0 + r.y1 - h) / 2.0, r.y1 - axpad - h);
        match loc {
            Loc::UpperRight | Loc::Best => (rt, t),
            Loc::UpperLeft => (l, t),
            Loc::LowerLeft => (l, b),
            Loc::LowerRight => (rt, b),
            Loc::Right | Loc::CenterRight => (rt, cy),
            Loc::CenterLeft => (l, cy),
            Loc::LowerCenter => (cx, b),
            Loc::UpperCenter => (cx, t),
            Loc::Center => (cx, cy),
        }
    };
    let (x0, y0) = if loc == Loc::Best {
        // matplotlib's "best": the first place, in its order, that covers the fewest data points.
        let pts: Vec<(f64, f64)> = ax
            .artists
            .iter()
            .flat_map(|a| -> Vec<(f64, f64)> {
                match a {
                    Artist::Line(l) => l.x.iter().zip(&l.y).map(|(&x, &y)| f.px(x, y)).collect(),
                    Artist::Scatter(sc) => sc.x.iter().zip(&sc.y).map(|(&x, &y)| f.px(x, y)).collect(),
                    Artist::Fill(fl) => fl.x.iter().zip(&fl.y1).map(|(&x, &y)| f.px(x, y)).collect(),
                    Artist::Bars(b) if !b.horizontal => (0..b.pos.len()).map(|i| f.px(b.pos[i] + b.width[i] / 2.0, b.base[i] + b.len[i])).collect(),
                    _ => vec![],
                }
            })
            .collect();
        let order = [Loc::UpperRight, Loc::UpperLeft, Loc::LowerLeft, Loc::LowerRight, Loc::Right, Loc::CenterLeft, Loc::LowerCenter, Loc::UpperCenter, Loc::Center];
        let mut best = (usize::MAX, place(Loc::UpperRight));
        for l in order {
            let (x, y) = place(l);
            let n = pts.iter().filter(|p| p.0 >= x && p.0 <= x + w && p.1 >= y && p.1 <= y + h).count();
            if n < best.0 {
                best = (n, (x, y));
            }
        }
        best.1
    } else {
        place(loc)
    };
    c.rect(x0, y0, x0 + w, y0 + h, Some(Rgba(1.0, 1.0, 1.0, 0.8)), Some((Rgba::grey(0.8), s.px(1.0))))?;
    for (i, (label, a)) in entries.iter().enumerate() {
        let cy = y0 + pad + i as f64 * (row_h + spacing) + row_h / 2.0;
        let hx = x0 + pad;
        match a {
            Artist::Line(l) => {
                let width = s.px(l.width);
                let pattern: Vec<f64> = l.dash.pattern().iter().map(|d| d * width.max(1.0)).collect();
                if l.dash != Dash::None {
                    for piece in dashes(&[(hx, cy), (hx + handle, cy)], &pattern) {
                        c.polyline(&piece, l.color, width)?;
                    }
                }
                if let Some(m) = l.marker {
                    marker(c, m, (hx + handle / 2.0, cy), s.px(l.marker_size), l.color, None)?;
                }
            }
            Artist::RefLine(l) => c.line((hx, cy), (hx + handle, cy), l.color, s.px(l.width))?,
            Artist::Scatter(sc) => {
                let col = sc.colors.first().copied().unwrap_or(Rgba::BLACK);
                let d = s.px(sc.sizes.first().copied().unwrap_or(36.0).sqrt()).min(row_h);
                marker(c, sc.marker, (hx + handle / 2.0, cy), d, col, None)?;
            }
            Artist::Bars(b) => {
                if b.step {
                    c.rect(hx, cy - 0.35 * em, hx + handle, cy + 0.35 * em, None, Some((b.color, s.px(1.5))))?;
                } else {
                    c.rect(hx, cy - 0.35 * em, hx + handle, cy + 0.35 * em, Some(b.color), b.edge.map(|e| (e, s.px(0.8))))?;
                }
            }
            Artist::Fill(fl) => c.rect(hx, cy - 0.35 * em, hx + handle, cy + 0.35 * em, Some(fl.color), None)?,
            Artist::Quiver(q) => {
                // White arrows (over filled contours) would vanish on the legend's white: use ink.
                let col = q.colors.first().copied().unwrap_or(Rgba::BLACK);
                let col = if col.luminance() > 0.8 { Rgba::grey(0.25) } else { col };
                arrow(c, (hx, cy), (1.0, 0.0), handle, s.px(1.2), col)?
            }
            Artist::Image(_) | Artist::Contour(_) | Artist::Text(_) => {}
        }
        c.text(label, (hx + handle + gap, cy), em, Rgba::BLACK, (HAlign::Left, VAlign::Center), false)?;
    }
    Ok(())
}

fn draw_colorbar<DB: DrawingBackend>(c: &mut Canvas<'_, DB>, r: Rect, m: &ColorMapping, ct: &AxisTicks, label: Option<&str>, s: &Sizes) -> Result<(), String> {
    let span = m.vmax - m.vmin;
    let bands = m.levels.as_ref().filter(|l| m.by_band && l.len() >= 2);
    let y_of = |v: f64| {
        if let Some(l) = bands {
            // Equal heights per band: place v by its band and its place within it.
            let k = l.partition_point(|&x| x <= v).clamp(1, l.len() - 1) - 1;
            let f = if l[k + 1] > l[k] { ((v - l[k]) / (l[k + 1] - l[k])).clamp(0.0, 1.0) } else { 0.0 };
            return r.y1 - (k as f64 + f) / (l.len() - 1) as f64 * r.h();
        }
        if span > 0.0 { r.y1 - (v - m.vmin) / span * r.h() } else { (r.y0 + r.y1) / 2.0 }
    };
    match &m.levels {
        Some(levels) if levels.len() >= 2 => {
            for w in levels.windows(2) {
                let col = m.color((w[0] + w[1]) / 2.0);
                c.rect(r.x0, y_of(w[1]), r.x1, y_of(w[0]), Some(col), None)?;
            }
        }
        _ => {
            let n = 256;
            let mut rgba = Vec::with_capacity(n * 4);
            for i in 0..n {
                let t = 1.0 - (i as f64 + 0.5) / n as f64;
                rgba.extend_from_slice(&m.cmap.at(t).bytes());
            }
            c.image((r.x0, r.y0, r.x1, r.y1), (1, n), &rgba)?;
        }
    }
    let sw = s.px(pt::SPINE);
    c.rect(r.x0, r.y0, r.x1, r.y1, None, Some((Rgba::BLACK, sw)))?;
    let (tl, tp) = (s.px(pt::TICK_LEN), s.px(pt::TICK_PAD));
    let mut lw: f64 = 0.0;
    for (v, l) in &ct.major {
        if *v < m.vmin.min(m.vmax) - 1e-9 * span.abs() || *v > m.vmax.max(m.vmin) + 1e-9 * span.abs() {
            continue;
        }
        let y = y_of(*v);
        c.line((r.x1, y), (r.x1 + tl, y), Rgba::BLACK, sw)?;
        draw_label(c, l, (r.x1 + tl + tp, y), s.font, HAlign::Left, VAlign::Center)?;
        lw = lw.max(label_width(c, l, s.font));
    }
    if let Some(m) = &ct.multiplier {
        draw_label(c, m, (r.x0, r.y0 - s.px(2.0)), s.font, HAlign::Left, VAlign::Bottom)?;
    }
    if let Some(t) = label {
        let x = r.x1 + tl + tp + lw + s.px(pt::LABEL_PAD);
        // Rotated: the tops of the letters face left, towards the tick labels.
        c.text(&clean_text(t), (x, (r.y0 + r.y1) / 2.0), s.font, Rgba::BLACK, (HAlign::Center, VAlign::Top), true)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn math_text() {
        assert_eq!(clean_text(r"$\nabla f(x)$"), "∇f(x)");
        assert_eq!(clean_text(r"loss $x^2 + y_1$"), "loss x² + y₁");
        assert_eq!(clean_text(r"$\tanh(x)$"), "tanh(x)");
        assert_eq!(clean_text("plain"), "plain");
    }

    #[test]
    fn clipping() {
        let r = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        assert_eq!(clip_segment((-5.0, 5.0), (5.0, 5.0), &r), Some(((0.0, 5.0), (5.0, 5.0))));
        assert_eq!(clip_segment((-5.0, -5.0), (-1.0, 20.0), &r), None);
        let runs = clip_polyline(&[(1.0, 1.0), (5.0, 20.0), (9.0, 1.0)], &r);
        assert_eq!(runs.len(), 2);
        let poly = clip_polygon(&[(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)], &r);
        assert_eq!(poly.len(), 4);
        assert!(poly.iter().all(|p| r.contains(*p)));
    }

    #[test]
    fn dash_lengths() {
        let d = dashes(&[(0.0, 0.0), (10.0, 0.0)], &[3.0, 2.0]);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0], vec![(0.0, 0.0), (3.0, 0.0)]);
        assert_eq!(d[1], vec![(5.0, 0.0), (8.0, 0.0)]);
    }
}

//! What a figure holds, as plain data: figures, axes and the artists drawn in them. `pyplot`
//! builds it from user calls; `render` draws it. Nothing here knows about the interpreter or
//! about drawing.

use super::color::{Cmap, Dash, Marker, Rgba};

/// A figure: a canvas of `size` inches at `dpi`, with axes on a grid.
#[derive(Clone, Debug)]
pub struct Figure {
    pub num: usize,
    /// Shown at the end of the cell while open; `show` and the end of a cell close it.
    pub open: bool,
    pub size: (f64, f64),
    pub dpi: f64,
    pub axes: Vec<Axes>,
    pub current: usize,
    pub suptitle: Option<String>,
}

impl Figure {
    pub fn new(num: usize, size: (f64, f64), dpi: f64) -> Figure {
        Figure { num, open: true, size, dpi, axes: Vec::new(), current: 0, suptitle: None }
    }
    /// The size in pixels.
    pub fn pixels(&self) -> (u32, u32) {
        ((self.size.0 * self.dpi).round().max(1.0) as u32, (self.size.1 * self.dpi).round().max(1.0) as u32)
    }
    /// matplotlib's `<Figure size 640x480 with 1 Axes>` (the figure's `repr`).
    pub fn describe(&self) -> String {
        let (w, h) = self.pixels();
        format!("<Figure size {w}x{h} with {} Axes>", self.axes.len())
    }
    /// matplotlib's `str` of a figure: `Figure(640x480)`.
    pub fn str(&self) -> String {
        let (w, h) = self.pixels();
        format!("Figure({w}x{h})")
    }
}

impl Cell {
    /// Where matplotlib puts this grid cell, in figure fractions (x0, y0, width, height), with
    /// its default subplot parameters (left 0.125, right 0.9, bottom 0.11, top 0.88, wspace and
    /// hspace 0.2), for the `str` of an axes: `Axes(0.125,0.11;0.775x0.77)`.
    pub fn position(&self) -> (f64, f64, f64, f64) {
        let (left, right, bottom, top, space) = (0.125, 0.9, 0.11, 0.88, 0.2);
        let (rows, cols) = (self.rows as f64, self.cols as f64);
        let w = (right - left) / (cols + space * (cols - 1.0));
        let h = (top - bottom) / (rows + space * (rows - 1.0));
        let x0 = left + self.col as f64 * w * (1.0 + space);
        let y0 = top - h - self.row as f64 * h * (1.0 + space);
        (x0, y0, w, h)
    }
    /// matplotlib's `str` of an axes in this cell: `Axes(0.125,0.11;0.775x0.77)`.
    pub fn axes_str(&self) -> String {
        let (x, y, w, h) = self.position();
        format!("Axes({},{};{}x{})", fmt_g(x), fmt_g(y), fmt_g(w), fmt_g(h))
    }
}

/// C's `%g`: six significant digits, trailing zeros dropped (exact for numbers between 1e-4 and
/// 1e6, which is what figure fractions and plot coordinates are here).
pub fn fmt_g(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return if x == 0.0 { "0".into() } else { format!("{x}").to_lowercase() };
    }
    let digits = (5 - x.abs().log10().floor().clamp(-300.0, 300.0) as i32).max(0) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_positions_are_matplotlibs() {
        // `str(ax)` of `plt.subplots(rows, cols)`'s axes, row by row, from matplotlib 3.11.
        let cases: [(usize, usize, &[&str]); 4] = [
            (1, 1, &["Axes(0.125,0.11;0.775x0.77)"]),
            (2, 2, &["Axes(0.125,0.53;0.352273x0.35)", "Axes(0.547727,0.53;0.352273x0.35)", "Axes(0.125,0.11;0.352273x0.35)", "Axes(0.547727,0.11;0.352273x0.35)"]),
            (
                2,
                3,
                &[
                    "Axes(0.125,0.53;0.227941x0.35)",
                    "Axes(0.398529,0.53;0.227941x0.35)",
                    "Axes(0.672059,0.53;0.227941x0.35)",
                    "Axes(0.125,0.11;0.227941x0.35)",
                    "Axes(0.398529,0.11;0.227941x0.35)",
                    "Axes(0.672059,0.11;0.227941x0.35)",
                ],
            ),
            (3, 1, &["Axes(0.125,0.653529;0.775x0.226471)", "Axes(0.125,0.381765;0.775x0.226471)", "Axes(0.125,0.11;0.775x0.226471)"]),
        ];
        for (rows, cols, want) in cases {
            let got: Vec<String> = (0..rows * cols).map(|i| Cell { rows, cols, row: i / cols, col: i % cols }.axes_str()).collect();
            assert_eq!(got, want);
        }
    }
}

/// Where an axes sits: a cell span of a `rows × cols` grid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub rows: usize,
    pub cols: usize,
    pub row: usize,
    pub col: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    Linear,
    Log,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Loc {
    Best,
    UpperRight,
    UpperLeft,
    LowerLeft,
    LowerRight,
    Right,
    CenterLeft,
    CenterRight,
    LowerCenter,
    UpperCenter,
    Center,
}

impl Loc {
    pub fn parse(s: &str) -> Option<Loc> {
        Some(match s {
            "best" => Loc::Best,
            "upper right" => Loc::UpperRight,
            "upper left" => Loc::UpperLeft,
            "lower left" => Loc::LowerLeft,
            "lower right" => Loc::LowerRight,
            "right" => Loc::Right,
            "center left" => Loc::CenterLeft,
            "center right" => Loc::CenterRight,
            "lower center" => Loc::LowerCenter,
            "upper center" => Loc::UpperCenter,
            "center" => Loc::Center,
            _ => return None,
        })
    }
    pub fn from_code(c: i64) -> Option<Loc> {
        [Loc::Best, Loc::UpperRight, Loc::UpperLeft, Loc::LowerLeft, Loc::LowerRight, Loc::Right, Loc::CenterLeft, Loc::CenterRight, Loc::LowerCenter, Loc::UpperCenter, Loc::Center].get(c as usize).copied()
    }
}

/// Fixed ticks: positions and, optionally, their labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    pub at: Vec<f64>,
    pub labels: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct Axes {
    pub cell: Cell,
    pub artists: Vec<Artist>,
    pub title: Option<String>,
    pub xlabel: Option<String>,
    pub ylabel: Option<String>,
    pub xlim: (Option<f64>, Option<f64>),
    pub ylim: (Option<f64>, Option<f64>),
    pub xscale: Scale,
    pub yscale: Scale,
    pub xticks: Option<Ticks>,
    pub yticks: Option<Ticks>,
    pub grid: bool,
    pub legend: Option<Loc>,
    /// Draw with equal data units on both axes (`imshow`, `axis('equal')`).
    pub equal: bool,
    pub visible_axis: bool,
    /// A colorbar for the mappable artist at this index, with an optional label.
    pub colorbar: Option<(usize, Option<String>)>,
    /// The next colour of the line cycle (lines, scatter) and of the patch cycle (bars, fills),
    /// which matplotlib keeps apart.
    pub next_color: usize,
    pub next_patch_color: usize,
}

impl Axes {
    pub fn new(cell: Cell) -> Axes {
        Axes {
            cell,
            artists: Vec::new(),
            title: None,
            xlabel: None,
            ylabel: None,
            xlim: (None, None),
            ylim: (None, None),
            xscale: Scale::Linear,
            yscale: Scale::Linear,
            xticks: None,
            yticks: None,
            grid: false,
            legend: None,
            equal: false,
            visible_axis: true,
            colorbar: None,
            next_color: 0,
            next_patch_color: 0,
        }
    }
    /// The next colour of the cycle (and advance it).
    pub fn take_color(&mut self) -> Rgba {
        let c = super::color::cycle(self.next_color);
        self.next_color += 1;
        c
    }
    /// The next colour of the patch cycle (and advance it).
    pub fn take_patch_color(&mut self) -> Rgba {
        let c = super::color::cycle(self.next_patch_color);
        self.next_patch_color += 1;
        c
    }
}

/// How values map to colours: a colormap over `vmin..vmax`.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorMapping {
    pub cmap: Cmap,
    pub vmin: f64,
    pub vmax: f64,
    /// Filled contours colour bands between these levels.
    pub levels: Option<Vec<f64>>,
    /// Colour by band number rather than by value, and draw every band equally tall in the
    /// colorbar (for unevenly spaced levels, like matplotlib's `BoundaryNorm`).
    pub by_band: bool,
}

impl ColorMapping {
    pub fn new(cmap: Cmap, vmin: f64, vmax: f64) -> ColorMapping {
        ColorMapping { cmap, vmin, vmax, levels: None, by_band: false }
    }
    pub fn color(&self, v: f64) -> Rgba {
        if let (true, Some(l)) = (self.by_band, &self.levels) {
            if l.len() >= 2 {
                let k = l.partition_point(|&x| x <= v).clamp(1, l.len() - 1) - 1;
                return self.cmap.at((k as f64 + 0.5) / (l.len() - 1) as f64);
            }
        }
        let t = if self.vmax > self.vmin { (v - self.vmin) / (self.vmax - self.vmin) } else { 0.5 };
        self.cmap.at(t)
    }
}

#[derive(Clone, Debug)]
pub struct Line {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub color: Rgba,
    pub width: f64,
    pub dash: Dash,
    pub marker: Option<Marker>,
    pub marker_size: f64,
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Scatter {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// Marker areas in points² (one, or one per point).
    pub sizes: Vec<f64>,
    /// One colour, or one per point.
    pub colors: Vec<Rgba>,
    pub mapping: Option<ColorMapping>,
    pub marker: Marker,
    pub edge: Option<Rgba>,
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Bars {
    /// Left edges (or bottom edges when horizontal), widths, the bars' bases and lengths.
    pub pos: Vec<f64>,
    pub width: Vec<f64>,
    pub base: Vec<f64>,
    pub len: Vec<f64>,
    pub horizontal: bool,
    pub color: Rgba,
    pub edge: Option<Rgba>,
    /// Draw only the outline (`hist(histtype='step')`).
    pub step: bool,
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Image {
    /// Height × width pixels, RGBA bytes (already colour-mapped).
    pub w: usize,
    pub h: usize,
    pub rgba: Vec<u8>,
    /// (left, right, bottom, top) in data coordinates.
    pub extent: (f64, f64, f64, f64),
    pub mapping: Option<ColorMapping>,
}

#[derive(Clone, Debug)]
pub struct Contour {
    /// Grid positions (ny × nx each) and values.
    pub nx: usize,
    pub ny: usize,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub z: Vec<f64>,
    pub levels: Vec<f64>,
    pub filled: bool,
    /// One colour for every level (`colors='k'`), else the mapping.
    pub color: Option<Rgba>,
    pub mapping: ColorMapping,
    pub width: f64,
    pub alpha: f64,
}

#[derive(Clone, Debug)]
pub struct Quiver {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub u: Vec<f64>,
    pub v: Vec<f64>,
    pub colors: Vec<Rgba>,
    pub mapping: Option<ColorMapping>,
    /// Data units per axes width (matplotlib's `scale`), None for automatic.
    pub scale: Option<f64>,
    pub width: Option<f64>,
    /// matplotlib's `angles='xy', scale_units='xy'`: each arrow goes from (x, y) to
    /// (x + u/scale, y + v/scale) in data coordinates.
    pub xy: bool,
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub struct RefLine {
    pub vertical: bool,
    pub at: f64,
    /// The span along the axes, as fractions (0..1).
    pub span: (f64, f64),
    pub color: Rgba,
    pub width: f64,
    pub dash: Dash,
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Fill {
    pub x: Vec<f64>,
    pub y1: Vec<f64>,
    pub y2: Vec<f64>,
    pub color: Rgba,
    pub label: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Align {
    Start,
    Center,
    End,
}

#[derive(Clone, Debug)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub size: f64,
    pub color: Rgba,
    pub ha: Align,
    pub va: Align,
    /// `annotate`: an arrow from the text to this point (data coordinates).
    pub arrow_to: Option<(f64, f64)>,
}

/// One thing drawn in an axes.
#[derive(Clone, Debug)]
pub enum Artist {
    Line(Line),
    Scatter(Scatter),
    Bars(Bars),
    Image(Image),
    Contour(Contour),
    Quiver(Quiver),
    RefLine(RefLine),
    Fill(Fill),
    Text(Text),
}

impl Artist {
    /// The colour mapping of a mappable artist (for a colorbar).
    pub fn mapping(&self) -> Option<&ColorMapping> {
        match self {
            Artist::Scatter(s) => s.mapping.as_ref(),
            Artist::Image(i) => i.mapping.as_ref(),
            Artist::Contour(c) => Some(&c.mapping),
            Artist::Quiver(q) => q.mapping.as_ref(),
            Artist::Line(_) | Artist::Bars(_) | Artist::RefLine(_) | Artist::Fill(_) | Artist::Text(_) => None,
        }
    }
    pub fn label(&self) -> Option<&str> {
        match self {
            Artist::Line(l) => l.label.as_deref(),
            Artist::Scatter(s) => s.label.as_deref(),
            Artist::Bars(b) => b.label.as_deref(),
            Artist::Quiver(q) => q.label.as_deref(),
            Artist::RefLine(r) => r.label.as_deref(),
            Artist::Fill(f) => f.label.as_deref(),
            Artist::Image(_) | Artist::Contour(_) | Artist::Text(_) => None,
        }
    }
    pub fn set_label(&mut self, s: String) {
        match self {
            Artist::Line(l) => l.label = Some(s),
            Artist::Scatter(x) => x.label = Some(s),
            Artist::Bars(b) => b.label = Some(s),
            Artist::Quiver(q) => q.label = Some(s),
            Artist::RefLine(r) => r.label = Some(s),
            Artist::Fill(f) => f.label = Some(s),
            Artist::Image(_) | Artist::Contour(_) | Artist::Text(_) => {}
        }
    }
    /// Drawing order: images, then patches and collections, then lines, then text (matplotlib's zorder).
    pub fn zorder(&self) -> u8 {
        match self {
            Artist::Image(_) => 0,
            Artist::Contour(c) if c.filled => 1,
            Artist::Bars(_) | Artist::Fill(_) | Artist::Scatter(_) | Artist::Quiver(_) | Artist::Contour(_) => 2,
            Artist::Line(_) | Artist::RefLine(_) => 3,
            Artist::Text(_) => 4,
        }
    }
}

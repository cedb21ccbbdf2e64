//! Plots: `matplotlib.pyplot` as people write it, and Slope's pictures of autodiff (`slope`
//! module), drawn with `plotters` into PNG and SVG.
//!
//! The data flow: `pyplot` (and `autodiff`) turn calls into `model` values (figures, axes,
//! artists) kept in a per-thread figure list; `render` lays a figure out and draws it on a
//! `canvas`, which wraps a `plotters` backend and encodes PNG/SVG. Figures still open at the end
//! of a cell are displayed as `image/png` and closed, as Jupyter's inline backend does
//! (`end_of_cell`); `plt.show()` does the same at once.
//!
//! This module owns its figure state and never touches the interpreter's: it reads values through
//! the public `Interp` API (`force`, `to_array`, `call`, `import`) and shows pictures with
//! `Interp::display`.

pub mod autodiff;
pub mod canvas;
pub mod color;
pub mod contour;
pub mod graph;
pub mod model;
pub mod pyplot;
pub mod render;
pub mod ticks;

use base64::Engine;
use lang::native::{Diagnostic, Interp, Result};
use model::Figure;
use std::cell::RefCell;

/// How many shown figures are kept for later `savefig`/drawing through old handles.
const KEEP_CLOSED: usize = 32;

/// The figures of this thread's session.
#[derive(Default)]
pub struct State {
    pub figs: Vec<Figure>,
    /// The current figure's number.
    pub current: Option<usize>,
    pub next_num: usize,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Run `f` on the figure state.
pub fn with_state<T>(f: impl FnOnce(&mut State) -> T) -> T {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

impl State {
    pub fn fig(&mut self, num: usize) -> Result<&mut Figure> {
        self.figs.iter_mut().find(|f| f.num == num).ok_or_else(|| {
            Diagnostic::new("RuntimeError", format!("figure {num} no longer exists"))
                .with_help("figures are kept for a while after they are shown; make a new one with plt.figure() or plt.subplots()")
        })
    }
    /// Make a new figure and make it current.
    pub fn new_figure(&mut self, size: (f64, f64), dpi: f64) -> usize {
        self.next_num += 1;
        let num = self.next_num;
        self.figs.push(Figure::new(num, size, dpi));
        self.current = Some(num);
        num
    }
    /// The current figure, made if there is none open.
    pub fn gcf(&mut self) -> usize {
        match self.current {
            Some(n) if self.figs.iter().any(|f| f.num == n && f.open) => n,
            _ => self.new_figure((6.4, 4.8), 100.0),
        }
    }
    /// The current axes of the current figure, made if it has none: (figure, axes index).
    pub fn gca(&mut self) -> (usize, usize) {
        let n = self.gcf();
        let fig = self.figs.iter_mut().find(|f| f.num == n).expect("gcf returns an existing figure");
        if fig.axes.is_empty() {
            fig.axes.push(model::Axes::new(model::Cell { rows: 1, cols: 1, row: 0, col: 0 }));
            fig.current = 0;
        }
        (n, fig.current)
    }
    /// Forget the oldest closed figures beyond the ones we keep.
    fn prune(&mut self) {
        let closed = self.figs.iter().filter(|f| !f.open).count();
        let mut drop = closed.saturating_sub(KEEP_CLOSED);
        self.figs.retain(|f| {
            if !f.open && drop > 0 {
                drop -= 1;
                false
            } else {
                true
            }
        });
    }
}

/// A figure as PNG bytes.
pub fn figure_png(fig: &Figure) -> Result<Vec<u8>> {
    canvas::png(&render::FigurePicture { fig }).map_err(|m| Diagnostic::new("RuntimeError", m))
}

/// A figure as an SVG document.
pub fn figure_svg(fig: &Figure) -> Result<String> {
    canvas::svg(&render::FigurePicture { fig }).map_err(|m| Diagnostic::new("RuntimeError", m))
}

/// The display bundle of a PNG image.
pub fn png_bundle(png: &[u8], text: String) -> Vec<(String, String)> {
    vec![("image/png".into(), base64::engine::general_purpose::STANDARD.encode(png)), ("text/plain".into(), text)]
}

/// Display figure `num` now and close it.
pub fn show_figure(it: &mut Interp, num: usize) -> Result<()> {
    let fig = with_state(|st| -> Result<Figure> {
        let f = st.fig(num)?;
        f.open = false;
        Ok(f.clone())
    })?;
    if fig.axes.is_empty() {
        it.display(vec![("text/plain".into(), fig.describe())]);
        return Ok(());
    }
    let png = figure_png(&fig)?;
    it.display(png_bundle(&png, fig.describe()));
    Ok(())
}

/// Display every open figure, oldest first, and close them (`plt.show()`, the end of a cell).
pub fn show_all(it: &mut Interp) -> Result<()> {
    let open: Vec<usize> = with_state(|st| st.figs.iter().filter(|f| f.open).map(|f| f.num).collect());
    for n in open {
        show_figure(it, n)?;
    }
    with_state(|st| {
        st.current = None;
        st.prune();
    });
    Ok(())
}

/// The end-of-cell hook: show the figures the cell drew, as Jupyter's inline backend does.
pub fn end_of_cell(it: &mut Interp) -> Result<()> {
    show_all(it)
}


//! Plots as data: each case is a Slope program whose figure is compared with a checked-in PNG
//! under `std/tests/golden/` (a few pixels may differ slightly). `UPDATE_GOLDEN=1` rewrites the
//! PNGs; look at every one before committing it. Also: SVG output parses as XML with the
//! expected series, figures show at the end of a cell, `savefig` writes files, and PNG bytes are
//! the same from run to run.

use base64::Engine;
use lang::Output;
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

/// Run a program in a fresh session; return its displays (MIME bundles), failing on an error.
fn displays(src: &str) -> Vec<Vec<(String, String)>> {
    let mut s = slope_std::session();
    let mut out = Vec::new();
    for o in s.run_cell(src) {
        match o {
            Output::Display(b) => out.push(b),
            Output::Error(d) => panic!("the program failed:\n{}\n{}", src, d.render(false)),
            _ => {}
        }
    }
    out
}

fn png_of(bundle: &[(String, String)]) -> Vec<u8> {
    let b64 = &bundle.iter().find(|(m, _)| m == "image/png").expect("an image/png display").1;
    base64::engine::general_purpose::STANDARD.decode(b64).expect("valid base64")
}

/// Decode a PNG to (width, height, RGB bytes).
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let dec = png::Decoder::new(png);
    let mut r = dec.read_info().expect("a PNG");
    let mut buf = vec![0; r.output_buffer_size()];
    let info = r.next_frame(&mut buf).expect("a frame");
    let ch = info.color_type.samples();
    let rgb: Vec<u8> = buf[..info.buffer_size()].chunks(ch).flat_map(|p| [p[0], p[1 % ch], p[2 % ch]]).collect();
    (info.width, info.height, rgb)
}

/// Compare with the golden PNG: same size, and at most 0.5% of pixels off by more than 16 levels.
fn check_png(name: &str, png: &[u8]) {
    let path = golden_dir().join(format!("{name}.png"));
    if std::env::var("UPDATE_GOLDEN").is_ok() || !path.exists() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, png).unwrap();
        std::fs::create_dir_all(docs_dir().join("gallery")).unwrap();
        std::fs::write(docs_dir().join(format!("gallery/{name}.png")), png).unwrap();
        if std::env::var("UPDATE_GOLDEN").is_err() {
            panic!("{} did not exist: written now; look at it, then run again", path.display());
        }
        return;
    }
    let (w, h, got) = decode(png);
    let (gw, gh, want) = decode(&std::fs::read(&path).unwrap());
    let actual = std::env::temp_dir().join(format!("slope-{name}-actual.png"));
    if (w, h) != (gw, gh) {
        std::fs::write(&actual, png).unwrap();
        panic!("{name}: size {w}×{h}, golden {gw}×{gh}; the new picture is {}", actual.display());
    }
    let off = got.chunks(3).zip(want.chunks(3)).filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 16)).count();
    let limit = (w * h) as usize / 200;
    if off > limit {
        std::fs::write(&actual, png).unwrap();
        panic!("{name}: {off} pixels differ from the golden image (limit {limit}); the new picture is {}", actual.display());
    }
}

/// The one PNG a program displays, checked against its golden image.
fn golden(name: &str, src: &str) {
    let ds = displays(src);
    let pngs: Vec<_> = ds.iter().filter(|b| b.iter().any(|(m, _)| m == "image/png")).collect();
    assert_eq!(pngs.len(), 1, "{name}: expected one picture, got {}", pngs.len());
    check_png(name, &png_of(pngs[0]));
}

const PRELUDE: &str = "import numpy as np\nimport matplotlib.pyplot as plt\nimport slope\n";

macro_rules! golden_cases {
    ($($name:ident: $src:expr;)*) => {
        $(
            #[test]
            fn $name() {
                golden(stringify!($name), &format!("{PRELUDE}{}", $src));
            }
        )*
        /// Every case, for the gallery.
        pub const CASES: &[(&str, &str)] = &[$((stringify!($name), $src)),*];
    };
}

golden_cases! {
    plot_lines: r#"
x = np.linspace(0, 2 * np.pi, 200)
plt.plot(x, np.sin(x), label="sin")
plt.plot(x, np.cos(x), 'r--', label="cos")
plt.plot(x[::10], np.sin(x[::10]) * 0.5, 'ko', label="samples")
plt.annotate("maximum", xy=(np.pi / 2, 1), xytext=(3.3, 0.8), arrowprops=dict(arrowstyle="->"))
plt.title("plot: lines, format strings, markers, annotate")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.grid(True)
"#;
    scatter_colorbar: r#"
t = np.linspace(0, 6, 120)
x = t * np.cos(2 * t)
y = t * np.sin(2 * t)
plt.scatter(x, y, c=t, s=20 + 10 * t, cmap="plasma")
plt.colorbar(label="t")
plt.title("scatter with c= and a colorbar")
"#;
    hist_bars: r#"
fig, axs = plt.subplots(1, 2, figsize=(8, 3.5))
data = np.array([0.1, 0.5, 0.7, 1.2, 1.3, 1.35, 1.8, 2.0, 2.1, 2.2, 2.25, 2.3, 2.6, 2.9, 3.1, 3.3, 3.8, 4.2])
axs[0].hist(data, bins=8, color="C2", edgecolor="white")
axs[0].set_title("hist")
axs[1].bar(["a", "b", "c", "d"], [3, 7, 2, 5], color="C1")
axs[1].axhline(4, color="k", linestyle=":")
axs[1].set_title("bar and axhline")
"#;
    imshow_cmap: r#"
x = np.linspace(-3, 3, 64)
X, Y = np.meshgrid(x, x)
Z = np.sin(X) * np.cos(Y) * np.exp(-(X ** 2 + Y ** 2) / 8)
plt.imshow(Z, cmap="coolwarm")
plt.colorbar()
plt.title("imshow")
"#;
    contours: r#"
x = np.linspace(-2, 2, 80)
y = np.linspace(-1.5, 1.5, 60)
X, Y = np.meshgrid(x, y)
Z = np.exp(-(X - 0.6) ** 2 - Y ** 2) - 0.8 * np.exp(-(X + 0.7) ** 2 - (Y - 0.3) ** 2)
fig, axs = plt.subplots(1, 2, figsize=(9, 3.6))
axs[0].contour(X, Y, Z, levels=9, colors="k")
axs[0].set_title("contour")
cs = axs[1].contourf(X, Y, Z, levels=12, cmap="RdBu")
fig.colorbar(cs, ax=axs[1])
axs[1].set_title("contourf")
"#;
    quiver_field: r#"
x = np.linspace(-2, 2, 13)
X, Y = np.meshgrid(x, x)
plt.figure(figsize=(5, 5))
plt.quiver(X, Y, -Y, X, np.sqrt(X ** 2 + Y ** 2))
plt.title("quiver: a rotation field")
plt.axis("equal")
"#;
    fill_log_subplots: r#"
x = np.linspace(0.1, 10, 100)
fig, axs = plt.subplots(2, 2, figsize=(8, 6))
axs[0][0].fill_between(x, np.sin(x) - 0.3, np.sin(x) + 0.3, alpha=0.3)
axs[0][0].plot(x, np.sin(x))
axs[0][0].set_title("fill_between")
axs[0][1].semilogy(x, np.exp(x))
axs[0][1].set_title("semilogy")
axs[1][0].plot(x, 1e6 * x ** 2)
axs[1][0].axvline(5, color="C3")
axs[1][0].set_title("large numbers and axvline")
axs[1][1].loglog(x, x ** -2, "C4")
axs[1][1].set_xlabel("x")
axs[1][1].set_title("loglog")
fig.suptitle("subplots(2, 2)")
"#;
    plot_grad_sin: r#"
def f(x):
    return np.sin(x) * np.exp(-0.1 * x * x)
slope.plot_grad(f, -4, 4, order=2, tangents=[-2.0, 0.5, 2.5])
"#;
    plot_field_rosenbrock: r#"
def f(p):
    return (1 - p[0]) ** 2 + 5 * (p[1] - p[0] ** 2) ** 2
path = [[-1.5, 2.0], [-0.9, 0.4], [-0.4, 0.0], [0.1, -0.1], [0.5, 0.15], [0.8, 0.55], [0.95, 0.88], [1.0, 1.0]]
slope.plot_field(f, (-2, 2), (-1, 3), path=path)
"#;
    show_image_rgb: r#"
j, i = np.meshgrid(np.linspace(0, 1, 64), np.linspace(0, 1, 48))
rgb = np.stack([i, j, 1 - i * j], axis=2)
slope.show_image(rgb, title="show_image: an (h, w, 3) array")
"#;
    plot_tangent_secants: r#"
def f(x):
    return np.sin(x) * np.exp(-x * x / 8)
slope.plot_tangent(f, 1.0, h=[2.0, 1.0, 0.4])
"#;
    show_graph_neuron: r#"
def neuron(x, w, b):
    return np.tanh(np.sum(x * w) + b)
slope.show_graph(neuron, np.array([2.0, 0.0]), np.array([-3.0, 1.0]), 6.8813735870195432)
"#;
    plot_jacobian_softmax: r#"
import jax.numpy as jnp
def softmax(z):
    e = jnp.exp(z - z.max())
    return e / e.sum()
slope.plot_jacobian(softmax, jnp.array([1.0, 2.0, 0.5, -1.0, 3.0]))
"#;
    plot_jacobian_banded: r#"
import jax.numpy as jnp
def smooth(x):
    return jnp.concatenate([(x[:-2] + x[1:-1] + x[2:]) / 3, jnp.cumsum(x)[::4]])
slope.plot_jacobian(smooth, jnp.linspace(0.0, 1.0, 24), mode="fwd")
"#;
    plot_field_paths: r#"
def bowl(x, y):
    return 1.5 * x ** 2 + 1.6 * x * y + y ** 2
gd = [[-1.8, 2.0]]
for _ in range(12):
    x, y = gd[-1]
    gd.append([x - 0.4 * (3 * x + 1.6 * y), y - 0.4 * (1.6 * x + 2 * y)])
slope.plot_field(bowl, (-2.5, 2.5), (-2.5, 2.5), paths={"gradient descent": gd, "Newton": [[-1.8, 2.0], [0.0, 0.0]]})
"#;
    plot_paths_optimisers: r#"
def loss(p):
    return (1 - p[0]) ** 2 + 5 * (p[1] - p[0] ** 2) ** 2
t = np.linspace(0, 1, 15)[:, None]
paths = {
    "gd": np.hstack([-1.5 + 1.2 * t, 2.0 - 1.9 * t]),
    "momentum": np.hstack([-1.5 + 2.4 * t, 2.0 - 1.1 * np.sin(3 * t)]),
    "adam": np.hstack([-1.5 + 2.3 * t ** 0.7, 2.0 - 1.2 * t]),
}
slope.plot_paths(loss, paths, xlim=(-2, 2), ylim=(-1, 3))
"#;
    plot_curve_tangents: r#"
import jax.numpy as jnp
def c(t):
    return jnp.array([jnp.cos(t) + 0.4 * jnp.cos(3 * t), jnp.sin(t) - 0.4 * jnp.sin(3 * t)])
slope.plot_curve(c, 0.0, 2 * np.pi, tangents=[0.0, 0.8, 1.6, 2.6, 3.6, 4.7, 5.6], dt=0.35)
"#;
}

/// `docs/gallery.md`: every golden case, its program and its picture.
fn gallery_md() -> String {
    let mut md = String::from(
        "# Gallery\n\nEvery picture here is a golden image of `std/tests/plots.rs`: the program beside it draws it, and the \
         test compares the result with the image pixel by pixel. `UPDATE_GOLDEN=1 cargo test -p slope-std --test plots` \
         rewrites them (look at each before committing). Each program starts with\n\n```python\n",
    );
    md.push_str(PRELUDE);
    md.push_str("```\n");
    for (name, src) in CASES {
        md.push_str(&format!("\n## `{name}`\n\n```python\n{}\n```\n\n![{name}](gallery/{name}.png)\n", src.trim()));
    }
    md
}

#[test]
fn gallery_is_current() {
    let path = docs_dir().join("gallery.md");
    let md = gallery_md();
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(&path, &md).unwrap();
        return;
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), md, "docs/gallery.md is stale: run with UPDATE_GOLDEN=1");
    for (name, _) in CASES {
        let g = std::fs::read(golden_dir().join(format!("{name}.png"))).unwrap();
        let d = std::fs::read(docs_dir().join(format!("gallery/{name}.png"))).unwrap_or_default();
        assert!(g == d, "docs/gallery/{name}.png differs from the golden image: run with UPDATE_GOLDEN=1");
    }
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slope-plots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn svg_parses_and_holds_one_group_per_series() {
    let path = temp_path("lines.svg");
    let src = format!(
        "{PRELUDE}x = np.linspace(0, 6, 50)\nplt.plot(x, np.sin(x), label='a')\nplt.plot(x, np.cos(x), '--', label='b')\nplt.scatter(x, x / 6)\nplt.plot(x, x / 3, 'o')\nplt.legend()\nplt.savefig({:?})\n",
        path.to_str().unwrap()
    );
    displays(&src);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!((root.attribute("width"), root.attribute("height")), (Some("640"), Some("480")));
    let classes: Vec<&str> = root.descendants().filter(|n| n.has_tag_name("g")).filter_map(|n| n.attribute("class")).collect();
    assert_eq!(classes.iter().filter(|c| **c == "artist line").count(), 3, "{classes:?}");
    assert_eq!(classes.iter().filter(|c| **c == "artist scatter").count(), 1);
    assert_eq!(classes.iter().filter(|c| **c == "legend").count(), 1);
    assert!(!text.contains("slope-placeholder"), "every placeholder was replaced");
    // The dashed line is drawn as dashes: many polylines in its group.
    let groups: Vec<_> = root.descendants().filter(|n| n.attribute("class") == Some("artist line")).collect();
    assert_eq!(groups[0].children().filter(|n| n.has_tag_name("polyline")).count(), 1);
    assert!(groups[1].children().filter(|n| n.has_tag_name("polyline")).count() > 5);
}

#[test]
fn svg_images_are_embedded_pngs() {
    let path = temp_path("image.svg");
    displays(&format!("{PRELUDE}plt.imshow(np.arange(12).reshape(3, 4))\nplt.colorbar()\nplt.savefig({:?})\n", path.to_str().unwrap()));
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let images: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("image")).collect();
    assert_eq!(images.len(), 2, "the image and the colorbar's gradient");
    assert!(images[0].attribute("href").unwrap().starts_with("data:image/png;base64,"));
}

#[test]
fn figures_show_at_the_end_of_the_cell_and_close() {
    let mut s = slope_std::session();
    let out = s.run_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.figure()\nplt.plot([3, 2, 1])\nprint('drawn')\n");
    let kinds: Vec<String> = out
        .iter()
        .map(|o| match o {
            Output::Stream { text, .. } => format!("stream {}", text.trim()),
            Output::Display(b) => format!("display {}", b.iter().find(|(m, _)| m == "text/plain").map(|(_, t)| t.as_str()).unwrap_or("")),
            Output::Result(_) => "result".into(),
            Output::Error(d) => format!("error {}", d.message),
            Output::Clear { wait } => format!("clear {wait}"),
        })
        .collect();
    assert_eq!(kinds, ["stream drawn", "display <Figure size 640x480 with 1 Axes>", "display <Figure size 640x480 with 1 Axes>"]);
    // Shown figures are closed: the next cell shows nothing.
    let out = s.run_cell("x = 1\n");
    assert!(out.iter().all(|o| !matches!(o, Output::Display(_))));
    // Drawing again on an axes of a shown figure shows it again.
    let out = s.run_cell("fig, ax = plt.subplots()\n");
    assert_eq!(out.iter().filter(|o| matches!(o, Output::Display(_))).count(), 1);
    let out = s.run_cell("ax.plot([1, 4, 9])\nax.set_title('again')\n");
    assert_eq!(out.iter().filter(|o| matches!(o, Output::Display(_))).count(), 1);
}

#[test]
fn show_displays_at_once() {
    let mut s = slope_std::session();
    let out = s.run_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\nprint('after')\n");
    assert!(matches!(out[0], Output::Display(_)), "the figure comes before the print");
    assert!(matches!(&out[1], Output::Stream { text, .. } if text.trim() == "after"));
    assert_eq!(out.len(), 2);
}

#[test]
fn pngs_are_byte_identical_from_run_to_run() {
    let src = format!("{PRELUDE}x = np.linspace(0, 3, 40)\nplt.plot(x, x ** 2, 'g-o', label='x²')\nplt.legend()\nplt.title('same bytes')\n");
    let a = png_of(&displays(&src)[0]);
    let b = png_of(&displays(&src)[0]);
    assert!(a == b);
    assert_eq!(&a[1..4], b"PNG");
}

#[test]
fn savefig_writes_png_and_svg() {
    let (png, svg) = (temp_path("fig.png"), temp_path("fig.svg"));
    displays(&format!("{PRELUDE}plt.plot([1, 3, 2])\nplt.savefig({:?})\nplt.savefig({:?}, dpi=50)\n", svg.to_str().unwrap(), png.to_str().unwrap()));
    let (w, h, _) = decode(&std::fs::read(&png).unwrap());
    assert_eq!((w, h), (320, 240), "dpi=50 halves the size");
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
}

/// How many pixels of a PNG have matplotlib's first colour (C0, #1f77b4): the drawn line.
fn c0_pixels(png: &[u8]) -> usize {
    let (_, _, rgb) = decode(png);
    rgb.chunks(3).filter(|p| p[0].abs_diff(0x1f) < 24 && p[1].abs_diff(0x77) < 24 && p[2].abs_diff(0xb4) < 24).count()
}

/// The SVG's line groups (one per `plot` line).
fn svg_lines(path: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    doc.descendants().filter(|n| n.attribute("class") == Some("artist line")).count()
}

/// The text a run wrote to stderr.
fn stderr_of(out: &[Output]) -> String {
    out.iter().filter_map(|o| if let Output::Stream { kind: lang::StreamKind::Stderr, text } = o { Some(text.clone()) } else { None }).collect()
}

/// What matplotlib's inline backend does (checked against matplotlib 3.11 and matplotlib-inline):
/// `plot` then `savefig` writes the drawing and the figure is still shown at the end of the cell;
/// after a figure was shown, the next `plot` starts a new figure, which `savefig` writes; `show()`
/// closes the figures it shows, so a `savefig` right after it writes a new, empty figure (Slope
/// says so on stderr). Drawing on the axes of a shown figure makes that figure current again,
/// so `plt.savefig` saves that drawing.
#[test]
fn savefig_saves_the_drawing_in_notebook_patterns() {
    let mut s = slope_std::session();
    let p = |name: &str| temp_path(name).to_str().unwrap().to_string();
    let run = |s: &mut lang::Session, code: String| {
        let out = s.run_cell(&code);
        assert!(out.iter().all(|o| !matches!(o, Output::Error(_))), "{code}: {:?}", out.iter().find(|o| matches!(o, Output::Error(_))));
        out
    };
    // Plot, savefig (which returns None), and the figure is shown at the end of the cell.
    let out = run(&mut s, format!("import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nr = plt.savefig({:?})\nplt.savefig({:?})\nprint(r)\n", p("a.png"), p("a.svg")));
    assert!(matches!(&out[0], Output::Stream { text, .. } if text == "None\n"), "{out:?}");
    let shown: Vec<_> = out.iter().filter_map(|o| if let Output::Display(b) = o { Some(png_of(b)) } else { None }).collect();
    assert_eq!(shown.len(), 1);
    assert!(c0_pixels(&std::fs::read(p("a.png")).unwrap()) > 200, "the saved PNG holds the line");
    assert!(c0_pixels(&shown[0]) > 200, "the shown PNG holds the line");
    assert_eq!(svg_lines(p("a.svg").as_ref()), 1);
    // After that figure was shown: plot and savefig in the next cell write the new drawing.
    run(&mut s, format!("plt.plot([2, 2, 5])\nplt.savefig({:?})\nplt.savefig({:?})\n", p("b.png"), p("b.svg")));
    assert!(c0_pixels(&std::fs::read(p("b.png")).unwrap()) > 200);
    assert_eq!(svg_lines(p("b.svg").as_ref()), 1);
    // The same in one cell with a show() in between.
    run(&mut s, format!("plt.plot([1, 2])\nplt.show()\nplt.plot([5, 1, 4])\nplt.savefig({:?})\n", p("c.svg")));
    assert_eq!(svg_lines(p("c.svg").as_ref()), 1);
    // Drawing on the axes of a figure shown in an earlier cell, then plt.savefig.
    run(&mut s, "fig, ax = plt.subplots()\nax.plot([1, 2, 3])\n".into());
    let out = run(&mut s, format!("ax.plot([3, 2, 1])\nplt.savefig({:?})\n", p("d.svg")));
    assert_eq!(svg_lines(p("d.svg").as_ref()), 2, "both lines of that axes");
    assert_eq!(out.iter().filter(|o| matches!(o, Output::Display(_))).count(), 1, "the figure is shown again, and no empty one");
    // savefig right after show writes the new, empty current figure, as matplotlib does, and
    // says why on stderr.
    let out = run(&mut s, format!("plt.plot([1, 2])\nplt.show()\nplt.savefig({:?})\n", p("e.png")));
    assert_eq!(c0_pixels(&std::fs::read(p("e.png")).unwrap()), 0);
    assert!(stderr_of(&out).contains("savefig wrote an empty figure"), "{out:?}");
    assert!(stderr_of(&out).contains("call savefig before show"), "{out:?}");
}

/// The printed lines of a program, failing on an error.
fn printed(src: &str) -> String {
    let mut s = slope_std::session();
    let out = s.run_cell(src);
    if let Some(Output::Error(d)) = out.iter().find(|o| matches!(o, Output::Error(_))) {
        panic!("{src}\n{}", d.render(false));
    }
    out.iter().filter_map(|o| if let Output::Stream { text, .. } = o { Some(text.clone()) } else { None }).collect()
}

/// Figures, axes and artists are objects that print as matplotlib 3.8+ prints them. Expected
/// lines are matplotlib 3.11's output for the same program (addresses replaced by `0x…`).
#[test]
fn figures_axes_and_artists_print_as_in_matplotlib() {
    let src = "\
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
lines = ax.plot([1, 2])
print(repr(fig), repr(ax), type(fig).__name__, type(ax).__name__, type(lines[0]).__name__)
print(lines)
print(fig, ax, lines[0])
ax.set_title('x')
print(repr(ax))
ax.set_xlabel('a')
ax.set_ylabel('b')
print(repr(ax))
print(type(fig), type(ax), type(lines[0]))
print(isinstance(fig, plt.Figure), isinstance(ax, plt.Axes), isinstance(lines[0], plt.Line2D))
print(ax in fig.axes, ax.figure == fig, fig.number)
fig2, axs = plt.subplots(2, 3)
print(repr(fig2), axs[1][2], axs[0][1])
print(plt.gca() == axs[1][2])
print(ax.scatter([1], [2]))
print(ax.hist([1, 2, 3])[2], ax.bar([1, 2], [3, 4]))
print(ax.text(0, 0, 'a'), ax.annotate('b', (1, 2)))
print(plt.colorbar(ax.imshow([[1, 2]])))
print(repr(plt.figure()))
r = fig.savefig
print(ax.plot([3, 4], label='up')[0])
";
    let want = "\
<Figure size 640x480 with 1 Axes> <Axes: > Figure Axes Line2D
[<matplotlib.lines.Line2D object at 0x…>]
Figure(640x480) Axes(0.125,0.11;0.775x0.77) Line2D(_child0)
<Axes: title={'center': 'x'}>
<Axes: title={'center': 'x'}, xlabel='a', ylabel='b'>
<class 'matplotlib.figure.Figure'> <class 'matplotlib.axes._axes.Axes'> <class 'matplotlib.lines.Line2D'>
True True True
True True 1
<Figure size 640x480 with 6 Axes> Axes(0.672059,0.11;0.227941x0.35) Axes(0.398529,0.53;0.227941x0.35)
True
<matplotlib.collections.PathCollection object at 0x…>
<BarContainer object of 10 artists> <BarContainer object of 2 artists>
Text(0, 0, 'a') Annotation(1, 2, 'b')
<matplotlib.colorbar.Colorbar object at 0x…>
<Figure size 640x480 with 0 Axes>
Line2D(up)
";
    let got = printed(src);
    let re_addr = |t: &str| -> String {
        let mut out = String::new();
        let mut rest = t;
        while let Some(i) = rest.find(" at 0x") {
            out.push_str(&rest[..i + 6]);
            out.push('…');
            rest = rest[i + 6..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        }
        out + rest
    };
    assert_eq!(re_addr(&got), want);
}

/// Tab completes the methods and properties of figures and axes (and of user objects).
#[test]
fn figure_and_axes_members_complete() {
    let mut s = slope_std::session();
    s.run_cell("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nclass C:\n    def go(self):\n        pass\nc = C()\nc.gone = 1\n");
    assert_eq!(s.complete("ax.pl", 5).matches, ["plot"]);
    assert_eq!(s.complete("ax.set_xl", 9).matches, ["set_xlabel", "set_xlim"]);
    assert_eq!(s.complete("fig.sav", 7).matches, ["savefig"]);
    assert_eq!(s.complete("fig.ax", 6).matches, ["axes"]);
    assert_eq!(s.complete("c.go", 4).matches, ["go", "gone"]);
}

/// `subplots(rows, cols)` returns its axes as numpy does, an array of Axes objects: indexed
/// (`axs[0, 1]`, `axs[:, 0]`, `axs[1][0]`), flattened (`flat`, `ravel`), iterated and printed
/// the same way. Expected output: matplotlib 3.11 with numpy 2.4 on the same program.
#[test]
fn subplots_returns_an_array_of_axes() {
    let src = "import matplotlib.pyplot as plt
fig, axs = plt.subplots(2, 2)
print(axs); print(repr(axs)); print(axs[:, 0]); print(axs.shape, axs.size, axs.ndim, len(axs))
print(axs.flat[1], list(axs.flat)[3], axs.ravel(), axs[1], axs[-1, -1])
fig, a3 = plt.subplots(1, 3); print(repr(a3)); print(a3)
axs[0,0].set_title('a long title here'); axs[0,1].set_xlabel('xxxxxxx'); print(repr(axs))
print(axs.tolist())
for ax in axs.flat:
    ax.plot([1, 2])
print(axs[1][0], axs[0, 1] == axs[0][1], axs[::-1, 1])
fig, a4 = plt.subplots(3, 1); print(repr(a4)); print(a4[1:])
fig, a5 = plt.subplots(2, 3); a5[0,0].set_title('title one'); a5[0,1].set_title('title two'); a5[0,2].set_ylabel('why'); print(repr(a5)); print(a5)
";
    let want = "[[<Axes: > <Axes: >]
 [<Axes: > <Axes: >]]
array([[<Axes: >, <Axes: >],
       [<Axes: >, <Axes: >]], dtype=object)
[<Axes: > <Axes: >]
(2, 2) 4 2 2
Axes(0.547727,0.53;0.352273x0.35) Axes(0.547727,0.11;0.352273x0.35) [<Axes: > <Axes: > <Axes: > <Axes: >] [<Axes: > <Axes: >] Axes(0.547727,0.11;0.352273x0.35)
array([<Axes: >, <Axes: >, <Axes: >], dtype=object)
[<Axes: > <Axes: > <Axes: >]
array([[<Axes: title={'center': 'a long title here'}>,
        <Axes: xlabel='xxxxxxx'>],
       [<Axes: >, <Axes: >]], dtype=object)
[[<Axes: title={'center': 'a long title here'}>, <Axes: xlabel='xxxxxxx'>], [<Axes: >, <Axes: >]]
Axes(0.125,0.11;0.352273x0.35) True [<Axes: > <Axes: xlabel='xxxxxxx'>]
array([<Axes: >, <Axes: >, <Axes: >], dtype=object)
[<Axes: > <Axes: >]
array([[<Axes: title={'center': 'title one'}>,
        <Axes: title={'center': 'title two'}>, <Axes: ylabel='why'>],
       [<Axes: >, <Axes: >, <Axes: >]], dtype=object)
[[<Axes: title={'center': 'title one'}>
  <Axes: title={'center': 'title two'}> <Axes: ylabel='why'>]
 [<Axes: > <Axes: > <Axes: >]]
";
    assert_eq!(printed(src), want);
}

#[test]
fn axes_objects_index_and_draw() {
    let out = printed("import matplotlib.pyplot as plt\nfig, axs = plt.subplots(2, 3)\nprint(len(axs), len(axs[0]))\naxs[1][2].plot([1, 2])\nfig.axes[0].set_title('t')\nprint(fig.axes[0].get_title(), len(fig.axes))\n");
    assert_eq!(out, "2 3\nt 6\n");
}

#[test]
fn errors_say_what_to_write() {
    let mut s = slope_std::session();
    let cases = [
        ("plt.plot([1, 2], color='blurple')", "is not a valid color value", "use a colour such as"),
        ("plt.plot([1, 2], 'q-')", "is not a valid format string", "[marker][line][color]"),
        ("plt.plot([1, 2], lable='x')", "unexpected keyword argument 'lable'", "did you mean 'label'?"),
        ("plt.imshow(np.zeros(3))", "Invalid shape", "(rows, cols)"),
        ("plt.colorbar()", "No mappable", "imshow, contourf"),
        ("plt.subplot(2, 2, 5)", "index must be 1 to 4", "counts from 1"),
        ("plt.imshow(np.zeros((2, 2)), cmap='nope')", "not a known colormap", "viridis"),
    ];
    for (code, msg, help) in cases {
        let out = s.run_cell(&format!("import numpy as np\nimport matplotlib.pyplot as plt\n{code}\n"));
        let Some(Output::Error(d)) = out.iter().find(|o| matches!(o, Output::Error(_))) else { panic!("{code}: no error") };
        assert!(d.message.contains(msg), "{code}: {}", d.message);
        assert!(d.help.as_deref().unwrap_or("").contains(help), "{code}: {:?}", d.help);
        s.run_cell("plt.close('all')\n");
    }
}

#[test]
fn limits_and_ticks_can_be_read_back() {
    let mut s = slope_std::session();
    let out = s.run_cell("import matplotlib.pyplot as plt\nplt.plot([0, 10], [0, 1])\nprint(plt.xlim())\nplt.ylim(-1, 2)\nprint(plt.ylim())\nprint(plt.gca().get_ylim())\n");
    let text: String = out.iter().filter_map(|o| if let Output::Stream { text, .. } = o { Some(text.clone()) } else { None }).collect();
    assert_eq!(text, "(-0.5, 10.5)\n(-1.0, 2.0)\n(-1.0, 2.0)\n");
}

#[test]
fn autodiff_pictures_take_derivatives_with_jax_grad() {
    let (a, b) = (temp_path("grad.svg"), temp_path("field.svg"));
    let src = format!(
        "import matplotlib.pyplot as plt\nimport slope\nslope.plot_grad(lambda x: x ** 3, -1, 1, order=2, tangents=[0.5])\nplt.savefig({:?})\nslope.plot_field(lambda x, y: x ** 2 + 2 * y ** 2, (-1, 1), (-1, 1), n=20, arrows=4)\nplt.savefig({:?})\n",
        a.to_str().unwrap(),
        b.to_str().unwrap()
    );
    displays(&src);
    let grad_svg = std::fs::read_to_string(&a).unwrap();
    assert!(grad_svg.contains("f″(x)"), "the legend names the second derivative");
    assert!(grad_svg.contains("slope 0.75"), "the tangent at 0.5 has slope 3·0.5² = 0.75");
    let field_svg = std::fs::read_to_string(&b).unwrap();
    assert!(field_svg.contains("−∇f"));
}

/// The texts of an SVG document.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").trim().to_string()).collect()
}

/// Run a program that draws one figure; return it as SVG text.
fn drawn_svg(name: &str, program: &str) -> String {
    let path = temp_path(name);
    displays(&format!("import numpy as np\nimport jax.numpy as jnp\nimport matplotlib.pyplot as plt\nimport slope\n{program}\nplt.savefig({:?})\n", path.to_str().unwrap()));
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn plot_jacobian_draws_the_jacobian_by_calculus() {
    // f(x) = (x0·x1, x0 + 3·x1, x1²) at (2, 5): J = [[5, 2], [1, 3], [0, 10]], in its cells.
    for mode in ["rev", "fwd"] {
        let svg = drawn_svg(&format!("jac-{mode}.svg"), &format!("slope.plot_jacobian(lambda x: jnp.array([x[0] * x[1], x[0] + 3 * x[1], x[1] ** 2]), jnp.array([2.0, 5.0]), mode={mode:?})"));
        let texts = svg_texts(&svg);
        let cells: Vec<&str> = ["5", "2", "1", "3", "0", "10"].into_iter().filter(|t| !texts.iter().any(|x| x == t)).collect();
        assert!(cells.is_empty(), "{mode}: cells {cells:?} missing from {texts:?}");
        assert!(texts.iter().any(|t| t.contains("3 outputs × 2 inputs")), "{texts:?}");
    }
    // A matrix is drawn as it is.
    let texts = svg_texts(&drawn_svg("jac-matrix.svg", "slope.plot_jacobian(np.array([[1.5, -2.0]]))"));
    assert!(texts.contains(&"1.5".to_string()) && texts.contains(&"−2".to_string()), "{texts:?}");
}

#[test]
fn plot_paths_titles_say_where_each_path_ends() {
    // f = (x − 1)² + y²: the path ending at (1, 0) ends at f = 0, the one at (0, 2) at f = 5.
    let svg = drawn_svg("paths.svg", "slope.plot_paths(lambda x, y: (x - 1) ** 2 + y ** 2, {'a': [[0, 0], [1, 0]], 'b': [[0, 0], [0, 1], [0, 2]]})");
    let texts = svg_texts(&svg);
    assert!(texts.contains(&"a: f = 0".to_string()), "{texts:?}");
    assert!(texts.contains(&"b: f = 5".to_string()), "{texts:?}");
    // plot_field names each path with its number of steps.
    let texts = svg_texts(&drawn_svg("field-paths.svg", "slope.plot_field(lambda x, y: x * x + y * y, (-1, 1), (-1, 1), n=16, arrows=4, paths={'gd': [[0.5, 0.5], [0.2, 0.2]], 'newton': [[0.5, 0.5], [0, 0], [0, 0]]})"));
    assert!(texts.contains(&"gd (1 step)".to_string()) && texts.contains(&"newton (2 steps)".to_string()), "{texts:?}");
}

#[test]
fn plot_curve_tangents_are_jvps() {
    // The unit circle at t = 0 moves with velocity (0, 1): with dt = 0.5 the arrow goes from
    // (1, 0) to (1, 0.5). The legend names dt, and the arrow is drawn in the quiver group.
    let svg = drawn_svg("curve.svg", "slope.plot_curve(lambda t: jnp.array([jnp.cos(t), jnp.sin(t)]), 0.0, 6.3, tangents=[0.0], dt=0.5)");
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t.contains("jvp") && t.contains("dt = 0.5")), "{texts:?}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(doc.descendants().any(|n| n.attribute("class") == Some("artist quiver")), "an arrow is drawn");
}

#[test]
fn bars_on_a_log_axis_start_at_its_edge() {
    // matplotlib draws a bar from 0 on a log axis from the axis' low edge; log(0) must not drop it.
    let svg = drawn_svg("logbars.svg", "plt.bar([0, 1], [2.0, 300.0])\nplt.yscale('log')");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bars = doc.descendants().find(|n| n.attribute("class") == Some("artist bars")).expect("a bars group");
    let shapes = bars.descendants().filter(|n| n.has_tag_name("polygon") || n.has_tag_name("path") || n.has_tag_name("rect")).count();
    assert_eq!(shapes, 2, "both bars are drawn: {}", &svg[..svg.len().min(2000)]);
}

#[test]
fn autodiff_picture_errors_say_what_to_write() {
    let mut s = slope_std::session();
    let cases = [
        ("slope.plot_paths(lambda x, y: x * y, {'a': [[0, 0, 1]]})", "a path is a list of (x, y) points", "np.array(points)"),
        ("slope.plot_paths(lambda x, y: x * y, [[0, 0], [1, 1]])", "paths is a dict", "paths={'gd'"),
        ("slope.plot_paths(lambda x, y: x * y, 3)", "paths is a dict", "paths={'gd'"),
        ("slope.plot_paths(lambda x, y: x * y, {})", "paths is empty", "at least one path"),
        ("slope.plot_jacobian(lambda x: x, jnp.ones(2), mode='sideways')", "mode is 'rev' or 'fwd'", ""),
        ("slope.plot_jacobian(lambda x: x)", "missing required argument 'x'", "pass x"),
        ("slope.plot_curve(lambda t: jnp.array([t, t, t]), 0, 1, tangents=[0.5])", "c(t) has 3 values, not 2", "point of the plane"),
        ("slope.plot_field(lambda x, y: x * y, (0, 1), (0, 1), arows=3)", "unexpected keyword argument 'arows'", "did you mean 'arrows'?"),
    ];
    for (code, msg, help) in cases {
        let out = s.run_cell(&format!("import jax.numpy as jnp\nimport matplotlib.pyplot as plt\nimport slope\n{code}\n"));
        let Some(Output::Error(d)) = out.iter().find(|o| matches!(o, Output::Error(_))) else { panic!("{code}: no error") };
        assert!(d.message.contains(msg), "{code}: {}", d.message);
        assert!(d.help.as_deref().unwrap_or("").contains(help), "{code}: {:?}", d.help);
        s.run_cell("plt.close('all')\n");
    }
}

#[test]
fn show_graph_gradients_are_reverse_mode_values() {
    // d/dx (x·x + 3x) at 2 is 7; the constant 3 gets x = 2; each product gets 1.
    let ds = displays("import slope\nslope.show_graph(lambda x: x * x + 3 * x, 2.0)\n");
    let svg = &ds[0].iter().find(|(m, _)| m == "image/svg+xml").expect("an SVG").1;
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    let texts: Vec<String> = doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").trim().to_string()).collect();
    assert!(texts.contains(&"grad 7".to_string()), "{texts:?}");
    assert!(texts.contains(&"value 10".to_string()), "{texts:?}");
    let text = &ds[0].iter().find(|(m, _)| m == "text/plain").unwrap().1;
    assert!(text.contains("mul") && text.contains("add"), "the text form is the IR: {text}");
}

#[test]
fn show_graph_draws_the_simplified_graph() {
    // As make_jaxpr prints it: the Python numbers are literals (no casts of them), and a vector
    // dot is one dot_general (no reshapes to matrices and back).
    let ds = displays("import numpy as np\nimport slope\nx = np.array([1.0, 2.0, 3.0])\nslope.show_graph(lambda w: np.tanh(np.dot(x, w) * 2.0 + 1), np.array([0.1, -0.2, 0.3]))\n");
    let text = &ds[0].iter().find(|(m, _)| m == "text/plain").unwrap().1;
    assert!(text.contains("dot_general") && text.contains("tanh"), "{text}");
    assert!(!text.contains("reshape") && !text.contains("convert_element_type"), "{text}");
    let svg = &ds[0].iter().find(|(m, _)| m == "image/svg+xml").expect("an SVG").1;
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    let texts: Vec<String> = doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").trim().to_string()).collect();
    // d tanh(2·(x·w) + 1)/dw = 2 (1 - tanh²) x at w·x = 0.6: 0.09585 for x = 1.
    assert!(texts.iter().any(|t| t.starts_with("grad [0.09585")), "{texts:?}");
}

#[test]
fn plot_tangent_draws_the_grad_slope_and_the_secants() {
    // f = x² at 1: the tangent's slope is f′(1) = 2 (jax.grad), the secant with h = 1 has slope
    // (4 − 1)/1 = 3 and the one with h = −0.5 has slope (0.25 − 1)/(−0.5) = 1.5.
    let p = temp_path("tangent.svg");
    displays(&format!("import matplotlib.pyplot as plt\nimport slope\nslope.plot_tangent(lambda x: x * x, 1.0, h=[1.0, -0.5])\nplt.savefig({:?})\n", p.to_str().unwrap()));
    let svg = std::fs::read_to_string(&p).unwrap();
    assert!(svg.contains("slope f′(1) = 2"), "the tangent's label");
    assert!(svg.contains("secant h=1: slope 3"), "the first secant's label");
    assert!(svg.contains("secant h=-0.5: slope 1.5") || svg.contains("secant h=−0.5: slope 1.5"), "the second secant's label");
}

#[test]
fn show_graph_grads_and_format_options() {
    let ds = displays("import slope\nslope.show_graph(lambda x: x * x + 3 * x, 2.0, grads=False, format='svg')\n");
    let mimes: Vec<&str> = ds[0].iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(mimes, ["image/svg+xml", "text/plain"]);
    let doc = roxmltree::Document::parse(&ds[0][0].1).expect("well-formed XML");
    let texts: Vec<String> = doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").trim().to_string()).collect();
    assert!(texts.contains(&"value 10".to_string()) && texts.contains(&"mul".to_string()), "{texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with("grad ")), "grads=False draws no gradient: {texts:?}");
    let nodes = doc.descendants().filter(|n| n.has_tag_name("g") && n.attribute("class").is_some_and(|c| c.starts_with("node"))).count();
    assert_eq!(nodes, 5, "x, the constant 3, two products and the sum");
    let ds = displays("import slope\nslope.show_graph(lambda x: x * x, 2.0, format='png')\n");
    let mimes: Vec<&str> = ds[0].iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(mimes, ["image/png", "text/plain"]);
    let mut s = slope_std::session();
    let err = s.run_cell("import slope\nslope.show_graph(lambda x: x, 1.0, format='jpg')\n").into_iter().find_map(|o| if let Output::Error(d) = o { Some(d.render(false)) } else { None });
    assert!(err.is_some_and(|e| e.contains("format must be 'svg' or 'png'")));
}

//! Magics: the IPython-style commands that the terminal REPL and the Jupyter kernel share,
//! because they live here in the engine and not in a front end. `Session::run_named` hands a cell
//! to `run` when `is_magic` says it is one; a magic runs like a cell (it writes through the
//! interpreter's streams, returns a value to display, or fails and the session rolls back).
//!
//! - `%time STMT`, `%%time` (cell): wall time of one run.
//! - `%timeit [-n N] [-r R] STMT`, `%%timeit [-n N] [-r R] [SETUP]` (cell): IPython's adaptive
//!   loop count (10ⁿ loops until one timing takes 0.2 s), 7 runs, and its summary line.
//! - `%ir EXPR`: the IR of the array work of an expression.
//! - `%kernels EXPR`: the fused kernels and their generated code (`kernels` is the extension
//!   point for the backends; until they land it shows the IR that `eval` runs).
//! - `%device [cpu|gpu|eval]`: show or choose the backend (`Interp::runtime`), list GPU adapters.
//! - Cell magics the embedder registers (`Session::register_cell_magic`): `%%rust`, Rust run
//!   by evcxr in a child process (`std/src/rustcell.rs`).
//! - `%who`, `%whos`: the session's names; `%reset`: forget them; `%help`: this list.
//! - `name?`, `name??`, `?name`: help on a name (`Session::inspect`).
//!
//! This module does no terminal I/O: text goes to the interpreter's stdout stream.

use crate::diag::{Diagnostic, Result, Source};
use crate::interp::array::{ArrayState, Stage};
use crate::interp::value::Value;
use crate::interp::{Interp, StreamKind};
use crate::ir::Func;
use crate::session::Session;
use crate::syntax;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::time::Instant;

/// One line per magic, for `%help` and the REPL's banner.
pub const HELP: &[(&str, &str)] = &[
    ("%time STMT", "run STMT once and print the wall time (%%time times a whole cell)"),
    ("%timeit [-n N] [-r R] STMT", "time STMT over many loops, IPython-style (%%timeit for a cell; its first line is setup)"),
    ("%%rust", "run the cell as Rust (evcxr; needs cargo); slope::export(\"f\", f) in it makes f callable as slope.rust.f(x); %help rust: an example"),
    ("%ir EXPR", "show the IR of the array work in EXPR"),
    ("%kernels EXPR", "show the fused kernels and generated code for EXPR"),
    ("%device [cpu|gpu|eval]", "show or choose the backend that runs array work"),
    ("%who, %whos", "list the names defined in this session (%whos with types and values)"),
    ("%reset", "forget every name defined in this session"),
    ("%help [grad|rust]", "this list; %help grad: how gradients treat NaN, inf and branches not taken; %help rust: Rust cells"),
    ("name?  ?name", "help on a function, module or value: signature and docstring"),
];

/// What `%help grad` prints: the rule gradients follow (ARCHITECTURE.md, invariants).
pub const GRAD_HELP: &str = "\
Gradients (grad, vjp, jacrev, hessian) are computed with JAX's derivative rules in plain IEEE
arithmetic, so they equal JAX's, NaN and inf included: an overflow shows, e.g.
grad(lambda x: jnp.log(jnp.sum(jnp.exp(x))))(jnp.array([1000., 0.])) is [nan 0.].

One exception: the branch a select did not take (jnp.where, jnp.maximum/minimum, jnp.clip,
jnp.abs, relu) never turns a gradient NaN. Reverse mode marks the zeros a select sends to the
branch it did not choose, and a product or quotient of a marked zero stays zero (0 * inf = 0
there, and only there). So grad(lambda x: jnp.where(x > 0, jnp.sqrt(x), 0.))(-1.) is 0.0 in
Slope (JAX: nan). Ties in maximum/minimum share the gradient half and half (clip at a bound:
0.5), and abs'(0) is 1, as in JAX.
";

/// What `%help rust` prints: Rust cells, and a primitive written in Rust with its JVP in Slope
/// (tests/kernel/test_rust_kernel.py runs the two cells of the example).
pub const RUST_HELP: &str = "\
%%rust runs a cell of Rust with evcxr, in a process of its own (a panic there is a RuntimeError
here, never a crash); it needs cargo and rustc (install Rust with rustup). Rust variables and
functions persist from cell to cell; evcxr's commands work (:dep name = \"1\" adds a crate).
In a Rust cell, slope::export(\"name\", f) makes f a function of Slope, slope.rust.name(x):
  slope::export(\"name\", f)                 f: fn(&[f64], &mut [f64]), out shaped like x (or f32)
  slope::export_map(\"name\", g)             g: fn(f64) -> f64, applied to every element
  slope::export_shaped(\"name\", f, shape)   f: fn(&[f64], &[usize], &mut [f64]), out of shape(x.shape)
Under jit, grad and vmap it runs as a host callback (jax.pure_callback): jax.custom_jvp gives it
a derivative. Example: a primitive in Rust, its JVP in Slope, the gradient checked.

%%rust
fn cube(x: &[f64], out: &mut [f64]) {
    for (o, v) in out.iter_mut().zip(x) { *o = v * v * v; }
}
slope::export(\"cube\", cube);

import jax, jax.numpy as jnp, slope
jax.config.update(\"jax_enable_x64\", True)
cube = jax.custom_jvp(lambda x: slope.rust.cube(x))
cube.defjvp(lambda primals, tangents: (cube(primals[0]), 3 * primals[0] ** 2 * tangents[0]))
slope.check_grads(cube, (jnp.array([0.5, 2.0]),), order=1)
print(jax.grad(lambda x: cube(x).sum())(jnp.array([0.5, 2.0])))   # [ 0.75 12.  ]
";

/// Whether a cell holds magics (`%…` lines) or help requests (`name?`, `?name`). Cells whose
/// `%` or `?` is Python (a modulo on a continued line, a comment ending in `?`) may be handed to
/// `run` too; it runs them as Python.
pub fn is_magic(source: &str) -> bool {
    source.lines().any(|l| magic_line(l.trim_start()))
}

/// Run a cell that may hold magics. A first line `%%name` makes the whole cell a cell magic;
/// otherwise lines at the left margin that start with `%` (or ask `name?`) are line magics, and
/// the Python between them runs in order, with its own line numbers. The session treats the
/// result like a cell's: `Ok(Some(v))` (the value of the last piece) is displayed and becomes
/// `_`; an error rolls the whole cell back.
pub(crate) fn run(session: &mut Session, src: &Rc<Source>) -> Result<Option<Value>> {
    let text = src.text.trim_start_matches(['\n', '\r']);
    if let Some(rest) = text.strip_prefix("%%") {
        let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
        return cell_magic(session, &src.name, first, body);
    }
    let pieces = split_cell(&src.text);
    if let [Piece::Python { .. }] = pieces.as_slice() {
        return session.run_src(src);
    }
    let mut last = None;
    for piece in pieces {
        last = match piece {
            Piece::Python { first_line, text } => {
                // Blank lines in front keep the cell's line numbers in diagnostics.
                session.run_src(&Source::new(src.name.clone(), format!("{}{text}", "\n".repeat(first_line))))?
            }
            Piece::Magic(line) => line_magic(session, &src.name, &line)?,
        };
    }
    Ok(last)
}

/// A run of Python lines (starting at 0-based line `first_line`) or one magic line.
#[derive(Debug, PartialEq)]
enum Piece {
    Python { first_line: usize, text: String },
    Magic(String),
}

/// Whether one line (without its indentation) reads as a magic or a help request.
fn magic_line(l: &str) -> bool {
    l.starts_with('%') || help_target(l).is_some()
}

/// Split a cell into Python and magic lines. A line counts as a magic only at the left margin
/// and where the Python before it is not left open (inside brackets or a string), so `%` as
/// modulo on a continued line stays Python.
fn split_cell(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut py = String::new();
    let mut py_start = 0;
    for (i, line) in text.lines().enumerate() {
        let open = || matches!(syntax::is_complete(&format!("{py}\n")), syntax::Completeness::Incomplete { .. });
        if magic_line(line) && (py.trim().is_empty() || !open()) {
            if !py.trim().is_empty() {
                pieces.push(Piece::Python { first_line: py_start, text: std::mem::take(&mut py) });
            }
            py.clear();
            pieces.push(Piece::Magic(line.to_string()));
            py_start = i + 1;
            continue;
        }
        if !py.is_empty() || !line.trim().is_empty() {
            if py.is_empty() {
                py_start = i;
            }
            py.push_str(line);
            py.push('\n');
        }
    }
    if !py.trim().is_empty() || pieces.is_empty() {
        pieces.push(Piece::Python { first_line: py_start, text: py });
    }
    pieces
}

fn name_and_args(line: &str) -> (&str, &str) {
    match line.trim().split_once(char::is_whitespace) {
        Some((m, a)) => (m, a.trim()),
        None => (line.trim(), ""),
    }
}

/// One line magic (`%timeit f(x)`) or help request (`f?`).
fn line_magic(session: &mut Session, name: &str, line: &str) -> Result<Option<Value>> {
    let line = line.trim();
    if let Some(target) = help_target(line) {
        return help(session, target, line.contains("??")).map(|_| None);
    }
    let (magic, args) = name_and_args(&line[1..]);
    let sub = Source::new(name, args);
    match magic {
        "time" => time(session, &sub),
        "timeit" => {
            let (opts, stmt) = timeit_options(args)?;
            timeit(session, &Source::new(name, ""), &Source::new(name, stmt), opts)
        }
        "ir" => ir(session, &sub, false).map(|_| None),
        "kernels" => ir(session, &sub, true).map(|_| None),
        "device" => device(&mut session.interp, args).map(|_| None),
        "who" => who(&mut session.interp, false).map(|_| None),
        "whos" => who(&mut session.interp, true).map(|_| None),
        "reset" => reset(&mut session.interp).map(|_| None),
        // Figures are always shown inline at the end of a cell, as `%matplotlib inline` asks.
        "matplotlib" if args.trim().is_empty() || args.trim() == "inline" => Ok(None),
        "matplotlib" => Err(Diagnostic::new("UsageError", format!("%matplotlib {}: Slope shows figures inline only", args.trim())).with_help("use %matplotlib inline, or leave the line out")),
        "help" if args.trim() == "grad" => {
            say(&mut session.interp, GRAD_HELP);
            Ok(None)
        }
        "help" if args.trim() == "rust" => {
            say(&mut session.interp, RUST_HELP);
            Ok(None)
        }
        "help" | "magic" | "lsmagic" | "quickref" => {
            let text = help_text(&session.interp.module_names());
            say(&mut session.interp, &text);
            Ok(None)
        }
        other => Err(Diagnostic::new("UsageError", format!("Line magic function `%{other}` not found.")).with_help("%help lists the magics")),
    }
}

/// A cell magic: `%%time` or `%%timeit [-n N] [-r R] [SETUP]` over the rest of the cell.
fn cell_magic(session: &mut Session, name: &str, first: &str, body: &str) -> Result<Option<Value>> {
    let (magic, args) = name_and_args(first);
    // The body keeps its line numbers: line 1 was the magic.
    let body = Source::new(name, format!("\n{body}"));
    match magic {
        "time" => time(session, &body),
        "timeit" => {
            let (opts, setup) = timeit_options(args)?;
            timeit(session, &Source::new(name, setup), &body, opts)
        }
        other if session.interp.cell_magics.contains_key(other) => {
            let f = session.interp.cell_magics[other];
            f(&mut session.interp, name, first, &body.text[1..])
        }
        other => Err(Diagnostic::new("UsageError", format!("Cell magic `%%{other}` not found.")).with_help("the cell magics are %%time, %%timeit and %%rust; %help lists the others")),
    }
}

fn say(it: &mut Interp, text: &str) {
    it.write(StreamKind::Stdout, text);
}

/// `%help`: the magics, the modules, and where figures go.
fn help_text(modules: &[String]) -> String {
    let w = HELP.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut s = String::from("Magics (shared by the slope REPL and the Jupyter kernel):\n");
    for (k, v) in HELP {
        s.push_str(&format!("  {k:w$}  {v}\n"));
    }
    s.push_str(&format!("\nModules (import them as in Python):\n  {}\n", modules.join(", ")));
    s.push_str(FIGURES_HELP);
    s
}

/// Where figures go, for `%help`.
const FIGURES_HELP: &str = "
Figures are shown at the end of a cell or at plt.show(), which close them; plt.savefig(\"f.png\")
(or .svg) before that writes one where you say. In Jupyter they are inline images. In the
terminal (slope) they are inline in kitty, iTerm2 and sixel terminals, else PNG files whose
paths are printed:
  SLOPE_IMAGES=kitty|iterm|sixel|files  how to show them, instead of the guess from TERM
  SLOPE_FIGURES=DIR                      the folder for the files (they stay there); without it
                                         they go to slope-figures in the temp folder, and the REPL
                                         removes the ones it wrote when it ends
";

fn usage(text: &str) -> Diagnostic {
    Diagnostic::new("UsageError", text.to_string())
}

/// Parse and run `src` like a cell, without its end-of-cell hooks; returns the last value.
fn run_code(it: &mut Interp, stmts: &[syntax::ast::Stmt], src: &Rc<Source>) -> Result<Option<Value>> {
    let v = it.run_module(stmts, src)?;
    // Hold the value across the sync so that its array work really runs.
    it.sync()?;
    Ok(v)
}

// ---------------------------------------------------------------------------------------------
// %time, %timeit

fn time(session: &mut Session, src: &Rc<Source>) -> Result<Option<Value>> {
    if src.text.trim().is_empty() {
        return Err(usage("%time needs a statement: %time f(x)"));
    }
    let t0 = Instant::now();
    let v = session.run_src(src)?;
    let dt = t0.elapsed().as_secs_f64();
    say(&mut session.interp, &format!("Wall time: {}\n", format_time(dt, 3)));
    Ok(v)
}

/// `%timeit`'s options: `-n` loops per run (0: adaptive), `-r` runs.
#[derive(Clone, Debug, PartialEq)]
struct TimeitOptions {
    number: u64,
    repeat: u64,
}

fn timeit_options(args: &str) -> Result<(TimeitOptions, String)> {
    let mut o = TimeitOptions { number: 0, repeat: 7 };
    let mut s = args.trim_start();
    loop {
        let flag = if s.starts_with("-n") {
            'n'
        } else if s.starts_with("-r") {
            'r'
        } else {
            break;
        };
        let after = s[2..].trim_start();
        let end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        let n: u64 = after[..end].parse().map_err(|_| usage(&format!("-{flag} needs a whole number of loops, as in %timeit -{flag} 10 STMT")))?;
        if n == 0 {
            return Err(usage(&format!("-{flag} needs at least 1")));
        }
        if flag == 'n' {
            o.number = n;
        } else {
            o.repeat = n;
        }
        s = after[end..].trim_start();
    }
    Ok((o, s.to_string()))
}

fn timeit(session: &mut Session, setup: &Rc<Source>, stmt: &Rc<Source>, o: TimeitOptions) -> Result<Option<Value>> {
    if stmt.text.trim().is_empty() {
        return Err(usage("%timeit needs a statement: %timeit f(x)"));
    }
    let it = &mut session.interp;
    if !setup.text.trim().is_empty() {
        let stmts = syntax::parse(setup)?;
        run_code(it, &stmts, setup)?;
    }
    let stmts = syntax::parse(stmt)?;
    let interrupt = it.interrupt.clone();
    // One timing: `number` loops of the statement, the array work of each run to completion.
    let timer = |it: &mut Interp, number: u64| -> Result<f64> {
        let t0 = Instant::now();
        for _ in 0..number {
            run_code(it, &stmts, stmt)?;
            if interrupt.swap(false, Ordering::SeqCst) {
                return Err(Diagnostic::new("KeyboardInterrupt", "interrupted"));
            }
        }
        Ok(t0.elapsed().as_secs_f64())
    };
    let mut number = o.number;
    if number == 0 {
        // IPython: 1, 10, 100, … loops until one timing takes at least 0.2 s.
        for i in 0..10 {
            number = 10u64.pow(i);
            if timer(it, number)? >= 0.2 {
                break;
            }
        }
    }
    let mut runs = Vec::with_capacity(o.repeat as usize);
    for _ in 0..o.repeat {
        runs.push(timer(it, number)? / number as f64);
    }
    say(it, &timeit_summary(&runs, number));
    Ok(None)
}

/// IPython's `TimeitResult` line (and its warning when the slowest run is much slower than the
/// fastest), from the per-loop time of each run.
fn timeit_summary(per_loop: &[f64], loops: u64) -> String {
    let n = per_loop.len() as f64;
    let mean = per_loop.iter().sum::<f64>() / n;
    let std = (per_loop.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt();
    let best = per_loop.iter().cloned().fold(f64::INFINITY, f64::min);
    let worst = per_loop.iter().cloned().fold(0.0, f64::max);
    let mut s = String::new();
    if worst > 4.0 * best && best > 0.0 && worst > 1e-6 {
        s.push_str(&format!(
            "The slowest run took {:.2} times longer than the fastest. This could mean that an intermediate result is being cached.\n",
            worst / best
        ));
    }
    let plural = |k: u64| if k == 1 { "" } else { "s" };
    s.push_str(&format!(
        "{} ± {} per loop (mean ± std. dev. of {} run{}, {} loop{} each)\n",
        format_time(mean, 3),
        format_time(std, 3),
        per_loop.len(),
        plural(per_loop.len() as u64),
        thousands(loops),
        plural(loops)
    ));
    s
}

/// IPython's `_format_time`: `1.23 ms`, `45.6 µs`, `2min 3s`.
pub fn format_time(t: f64, precision: usize) -> String {
    if t >= 60.0 {
        let mut parts = Vec::new();
        let mut left = t;
        for (suffix, len) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let v = (left / len).floor();
            if v > 0.0 {
                left %= len;
                parts.push(format!("{v}{suffix}"));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    let units = ["s", "ms", "µs", "ns"];
    let order = if t > 0.0 { (-(t.log10().floor() as i64).div_euclid(3)).clamp(0, 3) as usize } else { 3 };
    format!("{} {}", format_g(t * 10f64.powi(3 * order as i32), precision), units[order])
}

/// C's `%.*g`: `precision` significant digits, trailing zeros dropped, exponent form for very
/// small or large numbers.
fn format_g(x: f64, precision: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return if x == 0.0 { "0".into() } else { x.to_string() };
    }
    let p = precision.max(1);
    let sci = format!("{:.*e}", p - 1, x);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if exp < -4 || exp >= p as i32 {
        format!("{}e{}{:02}", trim(mant), if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        trim(&format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x))
    }
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// %ir, %kernels

/// Stage `src` (an expression) and show the graph of the array work its value needs, without
/// running it; with `kernels`, what the device makes of that graph. Other array work the code
/// left behind (arrays it stored in variables) runs as usual afterwards.
fn ir(session: &mut Session, src: &Rc<Source>, kernels: bool) -> Result<()> {
    let what = if kernels { "%kernels" } else { "%ir" };
    if src.text.trim().is_empty() {
        return Err(usage(&format!("{what} needs an expression: {what} np.sin(x) * 2")));
    }
    let it = &mut session.interp;
    it.sync()?;
    let syncs = it.stage.syncs;
    let stmts = syntax::parse(src)?;
    let Some(value) = it.run_module(&stmts, src)? else {
        return Err(usage(&format!("{what} shows the IR of an expression; this cell ends in a statement")));
    };
    let mut vars = Vec::new();
    staged_vars(&value, it.stage.id, &mut vars);
    let mut func = it.stage.builder.func.clone();
    func.outs = vars;
    let func = crate::transform::simplify::dce(func);
    let mut text = if func.outs.is_empty() {
        format!("{what}: the value has no pending array work (it is a {} computed already)\n", value.type_name())
    } else {
        format!("{func}\n")
    };
    if it.stage.syncs > syncs {
        text.push_str(&format!(
            "(the expression synced {} time(s) on the way, for a value the host needed; shown is the graph after the last sync)\n",
            it.stage.syncs - syncs
        ));
    }
    if kernels && func.outs.is_empty() && it.stage.syncs > syncs && it.runtime.device_name() != "eval" {
        // A function holding a host callback runs at its call: show what the device ran then.
        text.push_str("(the last of them ran on the device as follows)\n");
        text.push_str(&it.runtime.kernels_report());
    }
    if kernels && !func.outs.is_empty() {
        text.push_str(&match kernels_text(it, &func) {
            Some(k) => k,
            None => format!(
                "(device {}: kernels come with the CPU JIT; the eval device runs this graph primitive by primitive, unfused)\n",
                it.runtime.device_name()
            ),
        });
    }
    say(it, &text);
    drop(value);
    it.sync()
}

/// The extension point for `%kernels`: the backend of `it.device` fuses `func` into kernels and
/// prints each one with the code generated for it (Kernel text, CLIF, WGSL). None while the
/// device has no kernels (`eval`).
fn kernels_text(it: &mut Interp, func: &Func) -> Option<String> {
    let _ = func;
    if it.runtime.device_name() == "eval" {
        return None;
    }
    // The value is still held: this sync runs its graph on the device, which reports the plan,
    // kernels, Cranelift IR, compile times and cache hits of that run.
    it.sync().ok()?;
    Some(it.runtime.kernels_report())
}

/// The pending-graph variables of every array of the current stage inside `v`.
fn staged_vars(v: &Value, stage: u64, out: &mut Vec<crate::ir::Var>) {
    match v {
        Value::Array(a) => {
            if let ArrayState::Staged { stage: s, var } = &*a.state().borrow() {
                if *s == stage && !out.contains(var) {
                    out.push(*var);
                }
            }
        }
        Value::Tuple(t) => t.iter().for_each(|x| staged_vars(x, stage, out)),
        Value::List(l) => l.borrow().iter().for_each(|x| staged_vars(x, stage, out)),
        Value::Dict(d) => d.borrow().entries.iter().for_each(|(_, x)| staged_vars(x, stage, out)),
        // Objects (registered pytrees, dataclasses, NamedTuples): the arrays in their attributes.
        Value::Object(o) => {
            o.attrs.borrow().iter().for_each(|(_, x)| staged_vars(x, stage, out));
            if let Some(b) = o.base.borrow().as_ref() {
                staged_vars(b, stage, out);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// %device, %who, %reset

fn device(it: &mut Interp, arg: &str) -> Result<()> {
    use crate::backend::Device;
    if arg.is_empty() {
        let cur = it.runtime.device_name();
        let mut s = format!("device: {cur} (available: cpu, gpu, eval)\n");
        let adapters = crate::backend::gpu::adapters();
        if adapters.is_empty() {
            s.push_str("GPU adapters: none found (a real GPU needs its Vulkan, Metal or DX12 driver; Debian's mesa-vulkan-drivers gives the lavapipe CPU adapter)\n");
        } else {
            s.push_str("GPU adapters (the first is what %device gpu uses):\n");
            for a in adapters {
                s.push_str(&format!("  {a}\n"));
            }
        }
        say(it, &s);
        return Ok(());
    }
    let Some(d) = Device::from_name(arg) else {
        return Err(usage(&format!("unknown device '{arg}'")).with_help("use %device cpu, %device gpu or %device eval"));
    };
    it.runtime.set_device(d).map_err(|m| {
        Diagnostic::new("RuntimeError", m).with_help("%device lists the adapters found; %device cpu runs on the CPU JIT")
    })?;
    say(it, &format!("device: {}\n", d.name()));
    Ok(())
}

/// The names the user defined: globals, less dunder names and `_`.
/// IPython's history names (`In`, `Out`, `__`, `___`, `_N`, `_i`, `_ii`, `_iii`, `_iN`), which
/// `%who` leaves out and `%reset` clears.
fn is_history_name(k: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    matches!(k, "In" | "Out" | "__" | "___" | "_i" | "_ii" | "_iii") || k.strip_prefix("_i").is_some_and(digits) || k.strip_prefix('_').is_some_and(digits)
}

fn user_names(it: &Interp) -> Vec<(String, Value)> {
    let mut v: Vec<(String, Value)> =
        it.globals.vars.borrow().iter().filter(|(k, _)| !k.starts_with('_') && !is_history_name(k)).map(|(k, v)| (k.to_string(), v.clone())).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn who(it: &mut Interp, details: bool) -> Result<()> {
    let names = user_names(it);
    if names.is_empty() {
        say(it, "Interactive namespace is empty.\n");
        return Ok(());
    }
    if !details {
        let list: Vec<&str> = names.iter().map(|(k, _)| k.as_str()).collect();
        say(it, &format!("{}\n", list.join("\t")));
        return Ok(());
    }
    let mut rows = Vec::new();
    for (k, v) in &names {
        rows.push((k.clone(), short_type_name(v), whos_info(it, v)?));
    }
    say(it, &whos_table(&rows));
    Ok(())
}

/// The name Python's `type(v).__name__` gives: `ndarray` for numpy arrays, `Array` for JAX's,
/// `function`, `int`, the class name of an object.
fn short_type_name(v: &Value) -> String {
    let t = v.type_name();
    t.rsplit('.').next().unwrap_or(&t).to_string()
}

/// `%whos`'s Data/Info column, as IPython writes it: `n=len` for lists, tuples and dicts; a
/// summary for arrays (`2x3: 6 elems, type `float64`, 48 bytes`, for JAX's arrays too, where
/// IPython prints the values); otherwise `str(v)` on one line, its middle cut when it is long.
fn whos_info(it: &mut Interp, v: &Value) -> Result<String> {
    Ok(match v {
        Value::List(l) => format!("n={}", l.borrow().len()),
        Value::Tuple(t) => format!("n={}", t.len()),
        Value::Dict(d) => format!("n={}", d.borrow().len()),
        Value::Array(a) => {
            let shape: Vec<String> = a.shape().iter().map(|d| d.to_string()).collect();
            let bytes = a.numel() * a.dtype().size_bytes();
            let mut s = format!("{}: {} elems, type `{}`, {bytes} bytes", shape.join("x"), a.numel(), a.dtype().name());
            // IPython adds the size in kb or Mb (Python's float repr) from 100000 bytes.
            let py_float = |x: f64| if x.fract() == 0.0 { format!("{x:.1}") } else { format!("{x}") };
            if bytes >= 1 << 20 {
                s.push_str(&format!(" ({} Mb)", py_float(bytes as f64 / 1048576.0)));
            } else if bytes >= 100_000 {
                s.push_str(&format!(" ({} kb)", py_float(bytes as f64 / 1024.0)));
            }
            s
        }
        other => {
            let text = it.to_str(other)?.replace('\n', "\\n");
            let chars: Vec<char> = text.chars().collect();
            if chars.len() < 50 {
                text
            } else {
                format!("{}<...>{}", chars[..25].iter().collect::<String>(), chars[chars.len() - 25..].iter().collect::<String>())
            }
        }
    })
}

/// IPython's `%whos` table: columns three spaces wider than their widest entry, a rule under
/// the header, and one space before the Data/Info column.
fn whos_table(rows: &[(String, String, String)]) -> String {
    let (var, typ, data) = ("Variable", "Type", "Data/Info");
    let w0 = rows.iter().map(|r| r.0.chars().count()).chain([var.len()]).max().unwrap_or(0) + 3;
    let w1 = rows.iter().map(|r| r.1.chars().count()).chain([typ.len()]).max().unwrap_or(0) + 3;
    let mut s = format!("{var:w0$}{typ:w1$} {data}\n{}\n", "-".repeat(w0 + w1 + data.len() + 1));
    for (a, b, c) in rows {
        s.push_str(&format!("{a:w0$}{b:w1$} {c}\n"));
    }
    s
}

fn reset(it: &mut Interp) -> Result<()> {
    let n = clear_user_names(it);
    say(it, &format!("Removed {} name{} from the session.\n", n, if n == 1 { "" } else { "s" }));
    Ok(())
}

/// Remove the user's names (those not starting with `_`) and `_` from the main module, and drop
/// the pending graph; how many names went. `%reset` and `Session::reset`.
pub(crate) fn clear_user_names(it: &mut Interp) -> usize {
    let names = user_names(it);
    {
        let mut g = it.globals.vars.borrow_mut();
        for (k, _) in &names {
            g.remove(k.as_str());
        }
        // IPython's history names go too (the next cell starts them afresh).
        let history: Vec<String> = g.iter().map(|(k, _)| k.to_string()).filter(|k| k == "_" || is_history_name(k)).collect();
        for k in history {
            g.remove(k.as_str());
        }
    }
    it.stage = Stage::new_after(&it.stage);
    names.len()
}

// ---------------------------------------------------------------------------------------------
// name? help

/// The dotted name of a help request: `np.linspace?`, `np.linspace??`, `?np.linspace`.
fn help_target(text: &str) -> Option<&str> {
    let t = text.trim();
    let name = if let Some(n) = t.strip_suffix("??").or_else(|| t.strip_suffix('?')) {
        n
    } else {
        t.strip_prefix("??").or_else(|| t.strip_prefix('?'))?
    };
    let name = name.trim();
    let ok = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && !name.ends_with('.')
        && !name.contains("..")
        && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    ok.then_some(name)
}

fn help(session: &mut Session, name: &str, more: bool) -> Result<()> {
    let text = match session.inspect(name, name.len()) {
        Some(t) => t,
        None => match describe(&mut session.interp, name, more) {
            Some(t) => t,
            None => format!("Object `{name}` not found.\n"),
        },
    };
    let text = if text.ends_with('\n') { text } else { format!("{text}\n") };
    say(&mut session.interp, &text);
    Ok(())
}

/// A plain description of the value of a dotted name (type, signature, docstring), for when
/// `Session::inspect` has nothing to say. Looks the name up; runs no user code.
fn describe(it: &mut Interp, name: &str, more: bool) -> Option<String> {
    let mut parts = name.split('.');
    let mut v = it.globals.lookup(parts.next()?)?;
    for p in parts {
        v = match &v {
            Value::Module(m) => m.get(p)?,
            other => it.getattr(&other.clone(), p).ok()?,
        };
    }
    let mut s = String::new();
    match &v {
        Value::Func(c) => {
            let header = c.src.text.get(c.def.header.start as usize..c.def.header.end as usize).unwrap_or(&c.def.name);
            let sig = header.trim_start_matches("def ").trim_end_matches(':');
            s.push_str(&format!("Signature: {sig}\n"));
            if let Some(d) = &c.def.doc {
                s.push_str(&format!("Docstring:\n{}\n", d.trim()));
            }
            if more {
                if let Some(body) = c.src.text.get(c.def.span.start as usize..c.def.span.end as usize) {
                    s.push_str(&format!("Source:\n{body}\n"));
                }
            }
        }
        Value::Builtin(b) => {
            if !b.doc.is_empty() {
                s.push_str(&format!("Docstring:\n{}\n", b.doc.trim()));
            }
        }
        Value::Module(m) => s.push_str(&format!("Module: {}\n", m.name)),
        Value::Array(a) => s.push_str(&format!("Shape: {:?}\nDtype: {}\n", a.shape(), a.dtype().name())),
        other => {
            let r = it.repr(&other.clone()).ok()?;
            s.push_str(&format!("Value: {r}\n"));
        }
    }
    Some(format!("Type: {}\n{s}", v.type_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_time_is_ipythons() {
        // Expected strings from IPython 8's `_format_time` on the same numbers.
        assert_eq!(format_time(1.23e-3, 3), "1.23 ms");
        assert_eq!(format_time(45.6e-6, 3), "45.6 µs");
        assert_eq!(format_time(5.0, 3), "5 s");
        assert_eq!(format_time(12.345, 3), "12.3 s");
        assert_eq!(format_time(3e-10, 3), "0.3 ns");
        assert_eq!(format_time(0.0, 3), "0 ns");
        assert_eq!(format_time(9.997e-4, 3), "1e+03 µs");
        assert_eq!(format_time(125.0, 3), "2min 5s");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(100), "100");
    }

    #[test]
    fn timeit_summary_line() {
        let s = timeit_summary(&[1e-3, 1e-3, 1e-3], 100);
        assert_eq!(s, "1 ms ± 0 ns per loop (mean ± std. dev. of 3 runs, 100 loops each)\n");
        let s = timeit_summary(&[2e-6], 1);
        assert_eq!(s, "2 µs ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)\n");
    }

    #[test]
    fn cells_split_into_python_and_magics() {
        let py = |first_line, text: &str| Piece::Python { first_line, text: text.to_string() };
        assert_eq!(split_cell("x = 1\n%timeit f(x)\ny = 2"), vec![py(0, "x = 1\n"), Piece::Magic("%timeit f(x)".into()), py(2, "y = 2\n")]);
        // `%` after an open bracket is modulo; inside a string it is text.
        assert_eq!(split_cell("y = (x\n% 2)"), vec![py(0, "y = (x\n% 2)\n")]);
        assert_eq!(split_cell("s = \"\"\"\n%d\n\"\"\""), vec![py(0, "s = \"\"\"\n%d\n\"\"\"\n")]);
        assert_eq!(split_cell("def f():\n    return 1\nf?"), vec![py(0, "def f():\n    return 1\n"), Piece::Magic("f?".into())]);
    }

    #[test]
    fn help_targets() {
        assert_eq!(help_target("np.linspace?"), Some("np.linspace"));
        assert_eq!(help_target("?np.linspace"), Some("np.linspace"));
        assert_eq!(help_target("f??"), Some("f"));
        assert_eq!(help_target("x = 1  # why?"), None);
        assert_eq!(help_target("?"), None);
        assert!(is_magic("  %timeit x"));
        assert!(!is_magic("print('what?')"));
    }
}

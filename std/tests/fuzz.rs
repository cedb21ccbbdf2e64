//! Fuzz targets, written as proptest suites (cargo-fuzz needs a nightly compiler, and the build
//! is stable Rust 1.95; see ARCHITECTURE.md). Each test takes `SLOPE_FUZZ_CASES` cases (a small
//! default, so that the test command runs each for a few seconds; `scripts/fuzz.sh` runs them
//! again and again with fresh seeds for a time budget):
//!
//! - `fuzz_parser`: arbitrary text, and token soup of Python's tokens, through `syntax::parse`
//!   (the parser and the lowerer) and `is_complete`: never a panic or a stack overflow.
//! - `fuzz_interp`: programs drawn from a grammar of arrays, broadcasting, indexing,
//!   reductions and `grad`/`vmap`/`jit` (`Gen`), run in a session: no `InternalError` (a panic
//!   inside the engine), and the session computes `1 + 1` afterwards.
//! - `fuzz_differential`: the same programs on the `eval` and `cpu` devices print the same
//!   values (within float tolerances) or fail with the same kind of error.
//! - `fuzz_kernel_verify`: kernels fused from such programs, mutated: `Kernel::verify` never
//!   panics, and a kernel it accepts compiles and runs on the cpu backend without a crash (the
//!   verifier is what makes running a kernel memory-safe).
//!
//! The generators read a *choice tape* (a `Vec<u32>` proptest draws and shrinks; a missing
//! choice is 0, the simplest), so a failing case shrinks to a short program. Every test runs on
//! a thread with the front ends' 1 GiB stack.

use lang::native::{DType, HostArray, Scalar};
use lang::testing::{Backend, Device, Plans, Runtime};
use lang::testing::kernel::{Affine, BinOp, Kernel, Op, Phase, ReduceOp, Role, UnOp};
use lang::testing::{Plan, Step};
use lang::StreamKind;
use lang::{Output, Session};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

fn cases(default: u32) -> u32 {
    std::env::var("SLOPE_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn config(default: u32) -> Config {
    // Failures are reported with their input; a persistence file would land in the source tree.
    Config { cases: cases(default), failure_persistence: None, ..Config::default() }
}

/// Run `f` on a thread with the front ends' stack size.
fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    let h = std::thread::Builder::new().stack_size(1 << 30).spawn(f).unwrap();
    if let Err(e) = h.join() {
        std::panic::resume_unwind(e);
    }
}

// ---------------------------------------------------------------------------------------------
// The choice tape and the program generator.

struct Tape<'a> {
    c: &'a [u32],
    i: usize,
}

impl Tape<'_> {
    fn pick(&mut self, n: usize) -> usize {
        let v = self.c.get(self.i).copied().unwrap_or(0);
        self.i += 1;
        v as usize % n.max(1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        // 0 (the shrunk choice) means "no".
        let v = self.pick(100);
        v != 0 && v < percent
    }
}

type Shape = Vec<usize>;

fn shape_text(s: &[usize]) -> String {
    match s.len() {
        0 => "()".into(),
        1 => format!("({},)", s[0]),
        _ => format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// numpy's broadcast of two shapes, if they broadcast.
fn broadcast(a: &[usize], b: &[usize]) -> Option<Shape> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let x = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let y = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        out[i] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return None;
        };
    }
    Some(out)
}

struct Gen<'a> {
    t: Tape<'a>,
    /// Names in scope and their shapes.
    vars: Vec<(String, Shape)>,
    /// Bound on the number of elements of any intermediate.
    max_numel: usize,
}

const SHAPES: &[&[usize]] = &[&[3], &[], &[2, 3], &[4, 1], &[2, 1, 3], &[1], &[3, 3], &[5]];

impl Gen<'_> {
    fn var(&mut self) -> (String, Shape) {
        let i = self.t.pick(self.vars.len());
        self.vars[i].clone()
    }

    /// An expression and its shape.
    fn expr(&mut self, depth: usize) -> (String, Shape) {
        if depth == 0 {
            return if self.t.chance(15) { (["1.5", "0.5", "-2.0", "3.0"][self.t.pick(4)].to_string(), vec![]) } else { self.var() };
        }
        let (x, s) = match self.t.pick(16) {
            0 => self.var(),
            1 => {
                let (a, s) = self.expr(depth - 1);
                let f = ["jnp.sin", "jnp.cos", "jnp.tanh", "jnp.abs", "jnp.negative", "jnp.square", "jax.nn.relu", "jax.nn.sigmoid", "jnp.exp", "jnp.floor"][self.t.pick(10)];
                (format!("{f}({a})"), s)
            }
            2 => {
                let (a, s) = self.expr(depth - 1);
                let w = ["jnp.sqrt(jnp.abs({}) + 0.5)", "jnp.log(jnp.abs({}) + 1.0)", "jnp.clip({}, -1.0, 1.0)", "jnp.maximum({}, 0.25)", "({}) ** 2", "({}) ** 3", "({}) / (({}) * ({}) + 1.0)"][self.t.pick(7)];
                (w.replace("{}", &a), s)
            }
            3..=5 => {
                let (a, sa) = self.expr(depth - 1);
                let (mut b, mut sb) = self.expr(depth - 1);
                if broadcast(&sa, &sb).is_none() {
                    b = format!("jnp.mean({b})");
                    sb = vec![];
                }
                let s = broadcast(&sa, &sb).unwrap_or_default();
                let op = ["+", "-", "*", "+", "*"][self.t.pick(5)];
                (format!("({a} {op} {b})"), s)
            }
            6 => {
                let (a, s) = self.expr(depth - 1);
                let f = ["jnp.sum", "jnp.mean", "jnp.max", "jnp.min"][self.t.pick(4)];
                if s.is_empty() || self.t.chance(25) {
                    (format!("{f}({a})"), vec![])
                } else {
                    let ax = self.t.pick(s.len());
                    if self.t.chance(30) {
                        let mut r = s.clone();
                        r[ax] = 1;
                        (format!("{f}({a}, axis={ax}, keepdims=True)"), r)
                    } else {
                        let mut r = s.clone();
                        r.remove(ax);
                        (format!("{f}({a}, axis={ax})"), r)
                    }
                }
            }
            7 => self.index(depth),
            8 => {
                let (a, s) = self.expr(depth - 1);
                match self.t.pick(3) {
                    0 => (format!("({a}).reshape(-1)"), vec![s.iter().product()]),
                    1 => (format!("jnp.transpose({a})"), s.iter().rev().copied().collect()),
                    _ => (format!("jnp.expand_dims({a}, 0)"), [vec![1], s].concat()),
                }
            }
            9 => {
                let (a, s) = self.expr(depth - 1);
                match s.len() {
                    1 => (format!("jnp.dot({a}, {a})"), vec![]),
                    2 => (format!("(({a}) @ jnp.transpose({a}))"), vec![s[0], s[0]]),
                    _ => (format!("jnp.sum({a})"), vec![]),
                }
            }
            10 => {
                let (a, sa) = self.expr(depth - 1);
                let (mut b, mut sb) = self.expr(depth - 1);
                if broadcast(&sa, &sb).is_none() {
                    b = format!("jnp.sum({b})");
                    sb = vec![];
                }
                let s = broadcast(&sa, &sb).unwrap_or_default();
                (format!("jnp.where({a} > 0.5, {a}, {b})"), s)
            }
            11 => {
                let (a, s) = self.expr(depth - 1);
                if s.is_empty() {
                    (format!("jnp.stack([{a}, {a} * 2.0])"), vec![2])
                } else {
                    let ax = self.t.pick(s.len());
                    let mut r = s.clone();
                    r[ax] *= 2;
                    (format!("jnp.concatenate([{a}, ({a}) * 0.5], axis={ax})"), r)
                }
            }
            12 => {
                let (a, s) = self.expr(depth - 1);
                if s.is_empty() {
                    (a, s)
                } else {
                    let ax = self.t.pick(s.len());
                    (format!("jnp.cumsum({a}, axis={ax})"), s)
                }
            }
            13 => {
                let (a, s) = self.expr(depth - 1);
                (format!("jnp.sort({a}, axis=-1)"), s)
            }
            14 => {
                let (a, s) = self.expr(depth - 1);
                let w = ["lax.cond(jnp.sum({}) > 0.0, lambda v: v * 2.0, lambda v: v - 1.0, {})", "lax.fori_loop(0, 3, lambda i, v: v * 0.5 + 1.0, {})"][self.t.pick(2)];
                (w.replace("{}", &a), s)
            }
            _ => {
                let (a, s) = self.expr(depth - 1);
                (format!("jnp.roll({a}, 1)"), s)
            }
        };
        if s.iter().product::<usize>() > self.max_numel {
            return (format!("jnp.sum({x})"), vec![]);
        }
        (x, s)
    }

    fn index(&mut self, depth: usize) -> (String, Shape) {
        let (a, s) = self.expr(depth - 1);
        if s.is_empty() {
            return (format!("({a})[None]"), vec![1]);
        }
        let d0 = s[0] as i64;
        match self.t.pick(7) {
            0 => {
                let i = self.t.pick(2 * s[0]) as i64 - d0;
                (format!("({a})[{i}]"), s[1..].to_vec())
            }
            1 => (format!("({a})[1:]"), [vec![s[0].saturating_sub(1)], s[1..].to_vec()].concat()),
            2 => (format!("({a})[::-1]"), s),
            3 => (format!("({a})[..., None]"), [s, vec![1]].concat()),
            4 if s.len() >= 2 => {
                let j = self.t.pick(s[1]);
                (format!("({a})[:, {j}]"), [vec![s[0]], s[2..].to_vec()].concat())
            }
            5 => {
                let k = self.t.pick(3) + 1;
                let idx: Vec<String> = (0..k).map(|_| (self.t.pick(s[0]) as i64 - if self.t.chance(30) { d0 } else { 0 }).to_string()).collect();
                (format!("({a})[jnp.array([{}])]", idx.join(", ")), [vec![k], s[1..].to_vec()].concat())
            }
            _ => (format!("({a})[:1]"), [vec![s[0].min(1)], s[1..].to_vec()].concat()),
        }
    }
}

/// A generated program: setup lines, then the uses, each meant as one cell or one line.
struct Program {
    setup: String,
    uses: Vec<String>,
}

impl Program {
    fn text(&self) -> String {
        let mut s = self.setup.clone();
        for u in &self.uses {
            s.push_str(u);
            s.push('\n');
        }
        s
    }
}

fn program(choices: &[u32]) -> Program {
    let mut g = Gen { t: Tape { c: choices, i: 0 }, vars: Vec::new(), max_numel: 64 };
    let dtype = if g.t.chance(25) { "float64" } else { "float32" };
    let sa: Shape = SHAPES[g.t.pick(SHAPES.len())].to_vec();
    let sb: Shape = SHAPES[g.t.pick(SHAPES.len())].to_vec();
    let mut setup = String::new();
    setup.push_str("import numpy as np\nimport jax\nimport jax.numpy as jnp\nfrom jax import lax\n");
    setup.push_str(&format!("jax.config.update('jax_enable_x64', {})\n", if dtype == "float64" { "True" } else { "False" }));
    setup.push_str("def show(name, r):\n    for i, leaf in enumerate(jax.tree_util.tree_leaves(r)):\n        print(name, i, jnp.shape(leaf), np.asarray(leaf, dtype=np.float64).ravel().tolist())\n");
    for (name, s, lo, hi) in [("a", &sa, -1.5, 2.0), ("b", &sb, 0.25, -3.0)] {
        let n: usize = s.iter().product();
        setup.push_str(&format!("{name} = jnp.linspace({lo}, {hi}, {n}, dtype=jnp.{dtype}).reshape({})\n", shape_text(s)));
    }
    g.vars = vec![("a".into(), sa.clone()), ("b".into(), sb.clone())];
    // The function: a few statements over a, b and the earlier temporaries, then a scalar.
    let mut body = String::from("def f(a, b):\n");
    let nstmt = 1 + g.t.pick(4);
    for k in 0..nstmt {
        let depth = 1 + g.t.pick(3);
        let (e, s) = g.expr(depth);
        body.push_str(&format!("    t{k} = {e}\n"));
        g.vars.push((format!("t{k}"), s));
    }
    let last = g.vars.last().map(|v| v.0.clone()).unwrap_or_else(|| "a".into());
    let ret = ["jnp.sum({})", "jnp.sum(({}) * ({}))", "jnp.mean(jnp.tanh({}))"][g.t.pick(3)].replace("{}", &last);
    body.push_str(&format!("    return {ret} + 0.0 * jnp.sum(a) + 0.0 * jnp.sum(b)\n"));
    setup.push_str(&body);
    // An eager expression at top level too.
    g.vars.truncate(2);
    let (top, _) = g.expr(2);
    let mut uses = vec![format!("show('top', {top})"), "show('f', f(a, b))".to_string()];
    let pool = [
        "show('jit', jax.jit(f)(a, b))",
        "show('grad', jax.grad(f)(a, b))",
        "show('grad1', jax.grad(f, argnums=1)(a, b))",
        "show('gradjit', jax.grad(jax.jit(f), argnums=(0, 1))(a, b))",
        "show('vg', jax.value_and_grad(f)(a, b))",
        "show('vmap', jax.vmap(f, in_axes=(0, None))(jnp.stack([a, a * 0.5 + 1.0]), b))",
        "show('vmapgrad', jax.jit(jax.vmap(jax.grad(f), in_axes=(0, None)))(jnp.stack([a, a - 1.0]), b))",
        "show('jvp', jax.jvp(lambda x: f(x, b), (a,), (jnp.ones_like(a),)))",
        "show('hess', jax.grad(lambda x: jnp.sum(jax.grad(f)(x, b)))(a))",
    ];
    let nuse = 1 + g.t.pick(4);
    for _ in 0..nuse {
        uses.push(pool[g.t.pick(pool.len())].to_string());
    }
    Program { setup, uses }
}

// ---------------------------------------------------------------------------------------------
// Running programs.

/// What a cell printed, and its error (kind, rendered) if it failed.
fn run_cell(s: &mut Session, code: &str) -> (String, Option<(String, String)>) {
    let mut out = String::new();
    let mut err = None;
    for o in s.run_cell(code) {
        match o {
            Output::Stream { kind: StreamKind::Stdout, text } => out.push_str(&text),
            Output::Error(d) => err = Some((d.kind.to_string(), d.render(false))),
            _ => {}
        }
    }
    (out, err)
}

fn session_on(d: Device) -> Session {
    let mut s = slope_std::session();
    *lang::testing::runtime(&mut s) = Runtime::with_device(d);
    s
}

/// Run the program, setup then each use as its own cell; the transcript and the errors.
fn run_program(s: &mut Session, p: &Program) -> Result<(String, Vec<String>), TestCaseError> {
    let mut transcript = String::new();
    let mut kinds = Vec::new();
    for cell in std::iter::once(&p.setup).chain(&p.uses) {
        let (out, err) = run_cell(s, cell);
        transcript.push_str(&out);
        if let Some((kind, text)) = err {
            if kind == "InternalError" || text.contains("internal error") {
                return Err(TestCaseError::fail(format!("an internal error:\n{text}\n--- program ---\n{}", p.text())));
            }
            transcript.push_str(&format!("error {kind}\n"));
            kinds.push(kind);
        }
    }
    if std::env::var_os("SLOPE_FUZZ_VERBOSE").is_some() {
        eprintln!("--- program ---\n{}--- transcript ---\n{transcript}", p.text());
    }
    let (out, err) = run_cell(s, "1 + 1\nprint(1 + 1)");
    if err.is_some() || out.trim() != "2" {
        return Err(TestCaseError::fail(format!("the session no longer computes 1 + 1 ({out:?}, {err:?})\n--- program ---\n{}", p.text())));
    }
    Ok((transcript, kinds))
}

/// A fresh session every this many programs (caches and state grow between them, as in a
/// notebook; the fresh one keeps a failure reproducible from a few programs).
const SESSION_REUSE: usize = 25;

#[test]
fn fuzz_interp() {
    on_big_stack(|| {
        let mut runner = TestRunner::new(config(40));
        let sess: RefCell<Option<(Session, usize)>> = RefCell::new(None);
        let r = runner.run(&proptest::collection::vec(any::<u32>(), 0..300), |choices| {
            let p = program(&choices);
            let mut sess = sess.borrow_mut();
            if sess.as_ref().is_none_or(|(_, n)| *n >= SESSION_REUSE) {
                *sess = Some((slope_std::session(), 0));
            }
            let (s, n) = sess.as_mut().unwrap();
            *n += 1;
            run_program(s, &p)?;
            Ok(())
        });
        if let Err(e) = r {
            panic!("{e}");
        }
    });
}

/// Numbers within tolerance, everything else equal.
fn tokens(s: &str) -> Vec<Result<f64, String>> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |w: &mut String, out: &mut Vec<Result<f64, String>>| {
        if !w.is_empty() {
            match w.parse::<f64>() {
                Ok(v) => out.push(Ok(v)),
                Err(_) => out.push(Err(std::mem::take(w))),
            }
            w.clear();
        }
    };
    for ch in s.chars() {
        if ch.is_alphanumeric() || matches!(ch, '.' | '-' | '+' | '_') {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            if !ch.is_whitespace() {
                out.push(Err(ch.to_string()));
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

fn agree(a: &str, b: &str, rtol: f64, atol: f64) -> Result<(), String> {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.len() != tb.len() {
        return Err("different numbers of tokens".into());
    }
    for (x, y) in ta.iter().zip(&tb) {
        match (x, y) {
            (Ok(x), Ok(y)) => {
                let same = (x.is_nan() && y.is_nan()) || x == y || (x - y).abs() <= atol + rtol * x.abs().max(y.abs());
                if !same {
                    return Err(format!("{x} vs {y}"));
                }
            }
            (Err(x), Err(y)) if x == y => {}
            _ => return Err(format!("{x:?} vs {y:?}")),
        }
    }
    Ok(())
}

#[test]
fn fuzz_differential() {
    on_big_stack(|| {
        let mut runner = TestRunner::new(config(25));
        let sess: RefCell<Option<(Session, Session, usize)>> = RefCell::new(None);
        let r = runner.run(&proptest::collection::vec(any::<u32>(), 0..300), |choices| {
            let p = program(&choices);
            let mut sess = sess.borrow_mut();
            if sess.as_ref().is_none_or(|(_, _, n)| *n >= SESSION_REUSE) {
                *sess = Some((session_on(Device::Eval), session_on(Device::Cpu), 0));
            }
            let (se, sc, n) = sess.as_mut().unwrap();
            *n += 1;
            let (te, ke) = run_program(se, &p)?;
            let (tc, kc) = run_program(sc, &p)?;
            if ke != kc {
                return Err(TestCaseError::fail(format!("eval failed with {ke:?}, cpu with {kc:?}\n--- eval ---\n{te}\n--- cpu ---\n{tc}\n--- program ---\n{}", p.text())));
            }
            let (rtol, atol) = if p.setup.contains("dtype=jnp.float64") { (1e-9, 1e-12) } else { (2e-3, 2e-4) };
            if let Err(m) = agree(&te, &tc, rtol, atol) {
                return Err(TestCaseError::fail(format!("eval and cpu disagree ({m})\n--- eval ---\n{te}\n--- cpu ---\n{tc}\n--- program ---\n{}", p.text())));
            }
            Ok(())
        });
        if let Err(e) = r {
            panic!("{e}");
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The parser and lowerer on arbitrary text.

const TOKENS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", ",", ".", ";", "=", "==", "+", "-", "*", "**", "/", "//", "%", "@", "<", ">", "!=", "->", "+=", "|", "&", "~", "^", "lambda", "def", "class",
    "if", "else", "elif", "while", "for", "in", "not", "and", "or", "is", "return", "yield", "from", "import", "as", "try", "except", "finally", "raise", "with", "async", "await", "global",
    "nonlocal", "pass", "break", "continue", "del", "assert", "match", "case", "None", "True", "False", "x", "f", "np", "jax", "0", "1", "2.5", "1e300", "0x1f", "'s'", "\"t\"", "f'{x}'",
    "'''", "\\", "#", "\n", "\n    ", "\n        ", " ", "\t", "...", "*args", "**kw", "@jax.jit\n", "%time", "?", "!", "$", "`", "é", "\u{00a0}", "\r", "\0",
];

fn check_parse(text: &str) {
    let src = lang::testing::Source::new("<fuzz>", text);
    let _ = lang::testing::parse(&src);
    let _ = lang::is_complete(text);
}

#[test]
fn fuzz_parser() {
    on_big_stack(|| {
        let mut runner = TestRunner::new(config(3000));
        let soup = proptest::collection::vec(proptest::sample::select(TOKENS), 0..120).prop_map(|t| t.concat());
        let nested = (1usize..400, proptest::sample::select(&["(", "[", "{", "-", "not ", "lambda: ", "f(", "x[", "*", "await "][..]), proptest::sample::select(&["1", "x", ""][..]))
            .prop_map(|(n, open, mid)| format!("x = {}{mid}", open.repeat(n)));
        let deep_blocks = (1usize..200).prop_map(|n| (0..n).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(n) + "pass\n");
        let strategy = prop_oneof![any::<String>(), "[ -~\n\t]{0,200}", soup, nested, deep_blocks];
        let r = runner.run(&strategy, |text| {
            check_parse(&text);
            Ok(())
        });
        if let Err(e) = r {
            panic!("{e}");
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The kernel verifier on mutated kernels.

/// Kernels fused from a few generated programs on the cpu device.
fn seed_kernels() -> Vec<Kernel> {
    let mut s = session_on(Device::Cpu);
    let mut out: Vec<Kernel> = Vec::new();
    for seed in 0..24u32 {
        let choices: Vec<u32> = (0..300u32).map(|i| (seed.wrapping_mul(2654435761).wrapping_add(i.wrapping_mul(40503))) >> 7).collect();
        let p = program(&choices);
        for cell in std::iter::once(&p.setup).chain(&p.uses) {
            let _ = s.run_cell(cell);
            if let Some(plan) = lang::testing::runtime(&mut s).plans.last.take() {
                for step in &plan.steps {
                    if let Step::Kernel { kernel, .. } = step {
                        if !out.contains(kernel) {
                            out.push(kernel.clone());
                        }
                    }
                }
            }
        }
    }
    // A softmax and a reduction along a leading axis: row kernels with reduce phases, column mode.
    for code in [
        "import jax.numpy as jnp\nx = jnp.linspace(-1.0, 1.0, 12).reshape(3, 4)\ne = jnp.exp(x - jnp.max(x, axis=1, keepdims=True))\nprint(e / jnp.sum(e, axis=1, keepdims=True))",
        "import numpy as np\nx = np.arange(12.0).reshape(4, 3)\nprint(x.sum(axis=0), np.argmax(x, axis=1))",
        "import numpy as np\nx = np.arange(12).reshape(4, 3)\nprint((x % 5 > 2) & (x < 9), x.astype(np.float32) ** 3)",
    ] {
        let _ = s.run_cell(code);
        if let Some(plan) = lang::testing::runtime(&mut s).plans.last.take() {
            for step in &plan.steps {
                if let Step::Kernel { kernel, .. } = step {
                    if !out.contains(kernel) {
                        out.push(kernel.clone());
                    }
                }
            }
        }
    }
    out
}

const DTYPES: [DType; 5] = [DType::Bool, DType::I32, DType::I64, DType::F32, DType::F64];
const UNOPS: [UnOp; 21] = [
    UnOp::Neg,
    UnOp::Not,
    UnOp::Abs,
    UnOp::Sign,
    UnOp::Floor,
    UnOp::Ceil,
    UnOp::Round,
    UnOp::Exp,
    UnOp::Log,
    UnOp::Log1p,
    UnOp::Expm1,
    UnOp::Sqrt,
    UnOp::Sin,
    UnOp::Cos,
    UnOp::Tan,
    UnOp::Asin,
    UnOp::Acos,
    UnOp::Atan,
    UnOp::Tanh,
    UnOp::IntPow(3),
    UnOp::IntPow(-2),
];
const BINOPS: [BinOp; 18] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::Div,
    BinOp::Rem,
    BinOp::Pow,
    BinOp::Max,
    BinOp::Min,
    BinOp::Atan2,
    BinOp::Eq,
    BinOp::Ne,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Gt,
    BinOp::Ge,
    BinOp::And,
    BinOp::Or,
    BinOp::Xor,
];
const REDUCEOPS: [ReduceOp; 6] = [ReduceOp::Sum, ReduceOp::Prod, ReduceOp::Max, ReduceOp::Min, ReduceOp::Argmax, ReduceOp::Argmin];

fn scalar_of(d: DType, v: i64) -> Scalar {
    match d {
        DType::Bool => Scalar::Bool(v != 0),
        DType::I32 => Scalar::I32(v as i32),
        DType::I64 => Scalar::I64(v),
        DType::F32 => Scalar::F32(v as f32),
        _ => Scalar::F64(v as f64),
    }
}

fn mutate_affine(a: &mut Affine, t: &mut Tape, ndims: usize) {
    match t.pick(4) {
        0 => a.offset += t.pick(5) as i64 - 2,
        1 => {
            if let Some(term) = a.terms.first_mut() {
                term.1 += t.pick(5) as i64 - 2;
            }
        }
        2 => {
            let d = t.pick(ndims + 1);
            let c = t.pick(7) as i64 - 3;
            *a = Affine::new(a.offset, [a.terms.clone(), vec![(d, c)]].concat());
        }
        _ => {
            if !a.terms.is_empty() {
                let i = t.pick(a.terms.len());
                a.terms[i].0 = t.pick(ndims + 1);
            }
        }
    }
}

/// One random edit of the kernel (some edits keep it valid, most break an invariant).
fn mutate(k: &mut Kernel, t: &mut Tape) {
    let nn = k.nodes.len().max(1);
    let nd = k.dims.len();
    match t.pick(16) {
        0 if !k.nodes.is_empty() => {
            let i = t.pick(k.nodes.len());
            k.nodes[i].dtype = DTYPES[t.pick(5)];
        }
        1 if !k.nodes.is_empty() => {
            let i = t.pick(k.nodes.len());
            let j = t.pick(nn + 1);
            match &mut k.nodes[i].op {
                Op::Unary(_, a) | Op::Cast(a) => *a = j,
                Op::Binary(_, a, b) => *(if t.chance(50) { a } else { b }) = j,
                Op::Select(p, a, b) => *[p, a, b].into_iter().nth(t.pick(3)).unwrap() = j,
                Op::Reduced(p) => *p = t.pick(k.phases.len() + 1),
                Op::Load { arg, .. } => *arg = t.pick(k.args.len() + 1),
                Op::Index { at } => mutate_affine(at, t, nd),
                Op::Const(s) => *s = scalar_of(DTYPES[t.pick(5)], t.pick(5) as i64 - 2),
            }
        }
        2 if !k.nodes.is_empty() => {
            let i = t.pick(k.nodes.len());
            let a = t.pick(i.max(1));
            let b = t.pick(i.max(1));
            let c = t.pick(i.max(1));
            k.nodes[i].op = match t.pick(6) {
                0 => Op::Unary(UNOPS[t.pick(UNOPS.len())], a),
                1 => Op::Binary(BINOPS[t.pick(BINOPS.len())], a, b),
                2 => Op::Select(a, b, c),
                3 => Op::Cast(a),
                4 => Op::Const(scalar_of(k.nodes[i].dtype, t.pick(7) as i64 - 3)),
                _ => Op::Index { at: Affine::new(t.pick(3) as i64, vec![(t.pick(nd.max(1)), 1)]) },
            };
        }
        3 if !k.nodes.is_empty() => {
            let i = t.pick(k.nodes.len());
            if let Op::Load { at, .. } = &mut k.nodes[i].op {
                mutate_affine(at, t, nd);
            } else if let Op::Unary(op, _) = &mut k.nodes[i].op {
                *op = UNOPS[t.pick(UNOPS.len())];
            } else if let Op::Binary(op, _, _) = &mut k.nodes[i].op {
                *op = BINOPS[t.pick(BINOPS.len())];
            }
        }
        4 if !k.args.is_empty() => {
            let i = t.pick(k.args.len());
            match t.pick(3) {
                0 => k.args[i].len = (k.args[i].len as i64 + t.pick(5) as i64 - 2).max(0) as usize,
                1 => k.args[i].dtype = DTYPES[t.pick(5)],
                _ => k.args[i].role = [Role::In, Role::Out, Role::Scratch][t.pick(3)],
            }
        }
        5 if nd > 0 => {
            let d = t.pick(nd);
            k.dims[d] = t.pick(6);
        }
        6 => k.outer = t.pick(nd + 2),
        7 => k.split = if t.chance(50) { None } else { Some(t.pick(nd + 1)) },
        8 if !k.phases.is_empty() => {
            let p = t.pick(k.phases.len());
            match &mut k.phases[p] {
                Phase::Reduce { dims, op, value, dtype } => match t.pick(4) {
                    0 => *op = REDUCEOPS[t.pick(6)],
                    1 => *dtype = DTYPES[t.pick(5)],
                    2 => *value = t.pick(nn + 1),
                    _ => {
                        if dims.is_empty() || t.chance(50) {
                            dims.push(t.pick(nd + 1))
                        } else {
                            dims.pop();
                        }
                    }
                },
                Phase::Map { dims, stores } => match t.pick(4) {
                    0 if !stores.is_empty() => {
                        let s = t.pick(stores.len());
                        stores[s].arg = t.pick(k.args.len() + 1);
                    }
                    1 if !stores.is_empty() => {
                        let s = t.pick(stores.len());
                        stores[s].value = t.pick(nn + 1);
                    }
                    2 if !stores.is_empty() => {
                        let s = t.pick(stores.len());
                        mutate_affine(&mut stores[s].at, t, nd);
                    }
                    _ => {
                        if dims.is_empty() || t.chance(50) {
                            dims.push(t.pick(nd + 1))
                        } else {
                            dims.remove(0);
                        }
                    }
                },
            }
        }
        9 if !k.phases.is_empty() => {
            let p = t.pick(k.phases.len());
            let q = t.pick(k.phases.len());
            k.phases.swap(p, q);
        }
        10 if !k.phases.is_empty() => {
            let p = t.pick(k.phases.len());
            k.phases.remove(p);
        }
        11 if !k.nodes.is_empty() => {
            let n = t.pick(k.nodes.len());
            k.nodes.truncate(n);
        }
        12 => k.dims.push(t.pick(4)),
        13 if nd > 0 => {
            k.dims.pop();
        }
        14 => k.args.push(lang::testing::kernel::Arg { dtype: DTYPES[t.pick(5)], role: [Role::In, Role::Out][t.pick(2)], len: t.pick(8) }),
        _ if !k.nodes.is_empty() => {
            let i = t.pick(k.nodes.len());
            let j = t.pick(k.nodes.len());
            k.nodes.swap(i, j);
        }
        _ => {}
    }
}

fn fill(d: DType, n: usize) -> HostArray {
    let vals: Vec<Scalar> = (0..n).map(|i| scalar_of(d, (i as i64 * 7) % 11 - 5)).collect();
    HostArray::from_scalars(&[n], d, &vals)
}

/// Run `k` alone on the cpu backend, each argument a buffer of its length.
fn run_kernel(cpu: &mut lang::testing::Cpu, k: &Kernel) -> Result<(), String> {
    // Parameters first: a plan's inputs are its first buffers.
    let mut order: Vec<usize> = (0..k.args.len()).filter(|&i| k.args[i].role == Role::In).collect();
    let nparams = order.len();
    order.extend((0..k.args.len()).filter(|&i| k.args[i].role != Role::In));
    let mut buf_of = vec![0; k.args.len()];
    for (b, &a) in order.iter().enumerate() {
        buf_of[a] = b;
    }
    let bufs = order.iter().map(|&a| lang::testing::Type { shape: vec![k.args[a].len], dtype: k.args[a].dtype }).collect();
    let outs = order[nparams..].iter().filter(|&&a| k.args[a].role == Role::Out).map(|&a| buf_of[a]).collect();
    let plan = Plan { bufs, nparams, steps: vec![Step::Kernel { kernel: k.clone(), bufs: buf_of }], outs };
    let params: Vec<HostArray> = order[..nparams].iter().map(|&a| fill(k.args[a].dtype, k.args[a].len)).collect();
    cpu.run_plan(&Rc::new(plan), &params, &mut Plans::default()).map(|_| ()).map_err(|e| format!("{e:?}"))
}

#[test]
fn fuzz_kernel_verify() {
    on_big_stack(|| {
        let seeds = seed_kernels();
        assert!(seeds.len() >= 10, "only {} kernels to mutate", seeds.len());
        for k in &seeds {
            k.verify().unwrap_or_else(|e| panic!("a fused kernel fails verification: {e}\n{k}"));
        }
        let last = std::env::var("SLOPE_CACHE").map(|d| std::path::PathBuf::from(d).join("fuzz-last-kernel.txt")).ok();
        let cpu = RefCell::new(lang::testing::Cpu::new());
        let mut runner = TestRunner::new(config(2000));
        let (accepted, total) = (Cell::new(0usize), Cell::new(0usize));
        let r = runner.run(&(0..seeds.len(), 1usize..4, proptest::collection::vec(any::<u32>(), 0..40)), |(i, n, choices)| {
            let mut k = seeds[i].clone();
            let mut t = Tape { c: &choices, i: 0 };
            for _ in 0..n {
                mutate(&mut k, &mut t);
            }
            total.set(total.get() + 1);
            if k.verify().is_ok() {
                accepted.set(accepted.get() + 1);
                if k.work() > 1 << 20 || k.args.iter().any(|a| a.len > 1 << 20) {
                    return Ok(());
                }
                // A crash (not a panic) kills the process: the kernel is in this file.
                if let Some(p) = &last {
                    let _ = std::fs::write(p, k.to_string());
                }
                // A kernel the verifier accepts compiles (or is refused with an error) and runs.
                if let Err(m) = run_kernel(&mut cpu.borrow_mut(), &k) {
                    if m.contains("panicked") {
                        return Err(TestCaseError::fail(format!("a verified kernel broke the backend: {m}\n{k}")));
                    }
                }
            }
            Ok(())
        });
        eprintln!("fuzz_kernel_verify: {} mutated kernels, {} accepted by the verifier and run", total.get(), accepted.get());
        if let Err(e) = r {
            panic!("{e}");
        }
    });
}

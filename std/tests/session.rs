//! Engine-level tests through `Session`, the API the front ends use.

use lang::{Output, Session};

mod common;
use common::run;

/// DESIGN.md §2: the pending graph is synced at the end of every loop iteration, so a long
/// loop that updates arrays never grows it past one iteration's worth of equations.
#[test]
fn a_thousand_iteration_loop_keeps_the_pending_graph_bounded() {
    let mut s = slope_std::session();
    let (out, err) = run(
        &mut s,
        "import numpy as np\nx = np.zeros(4)\nfor i in range(1000):\n    x = x * 1.0 + 1.0\n    y = np.sin(x) * 2.0\nprint(x)\n",
    );
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "[1000. 1000. 1000. 1000.]");
    let stage = lang::testing::stage(&s);
    assert!(stage.syncs >= 1000, "expected a sync per iteration, got {}", stage.syncs);
    assert!(stage.max_eqns <= 16, "the pending graph grew to {} equations", stage.max_eqns);
}

/// Staged arrays that no variable holds at a sync point are not computed.
#[test]
fn temporaries_are_not_outputs_of_the_staged_graph() {
    let mut s = slope_std::session();
    let (_, err) = run(&mut s, "import numpy as np\nx = np.ones(3)\ny = (x + 1.0) * 2.0 - 3.0\n");
    assert!(err.is_none(), "{err:?}");
    let (out, _) = run(&mut s, "print(y)");
    assert_eq!(out.trim(), "[1. 1. 1.]");
}

/// A failing cell leaves the session's variables as they were.
#[test]
fn a_failing_cell_rolls_the_session_back() {
    let mut s = slope_std::session();
    run(&mut s, "a = 1");
    let (_, err) = run(&mut s, "a = 2\nb = 3\nundefined_name");
    assert!(err.unwrap().contains("NameError"));
    let (out, err) = run(&mut s, "print(a)");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "1");
    let (_, err) = run(&mut s, "b");
    assert!(err.unwrap().contains("name 'b' is not defined"));
}

/// The value of a last bare expression is the cell's result, as in IPython.
#[test]
fn the_last_expression_is_the_result() {
    let mut s = slope_std::session();
    let outs = s.run_cell("x = 2\nx * 21");
    let text = outs.iter().find_map(|o| match o {
        Output::Result(b) => Some(b[0].1.clone()),
        _ => None,
    });
    assert_eq!(text.as_deref(), Some("42"));
}

/// Every primitive's doc comment names an example program, and that program exists (the
/// oracle suite runs each one beside real numpy or JAX).
#[test]
fn every_primitive_has_an_example_program() {
    let src = include_str!("../../lang/src/prim.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../lang/tests/prims");
    let mut variants = 0;
    let mut missing = Vec::new();
    let mut in_enum = false;
    let mut doc = String::new();
    for line in src.lines() {
        let t = line.trim();
        if t.starts_with("pub enum Prim") {
            in_enum = true;
            continue;
        }
        if !in_enum {
            continue;
        }
        if t == "}" {
            break;
        }
        if let Some(d) = t.strip_prefix("///") {
            doc.push_str(d);
            continue;
        }
        if t.starts_with("//") || t.is_empty() {
            continue;
        }
        variants += 1;
        let example = doc.split("Example: `").nth(1).and_then(|r| r.split('`').next()).map(str::to_string);
        match example {
            Some(f) if dir.join(&f).is_file() => {}
            other => missing.push(format!("{t} → {other:?}")),
        }
        doc.clear();
    }
    assert!(variants >= 40, "found only {variants} primitives");
    assert!(missing.is_empty(), "primitives without an example program: {missing:#?}");
}

/// A training loop over `grad` traces the loss once (the cache is keyed by the function, the
/// argument types and the tree structure), however many steps run.
#[test]
fn a_training_loop_traces_once() {
    let mut s = slope_std::session();
    let (out, err) = run(
        &mut s,
        "import jax\nimport jax.numpy as jnp\n\
         def loss(p, x):\n    return jnp.sum((x @ p['w'] + p['b']) ** 2)\n\
         p = {'w': jnp.ones((3, 2)), 'b': jnp.zeros(2)}\nx = jnp.ones((4, 3))\n\
         for i in range(50):\n    g = jax.grad(loss)(p, x)\n    p = {k: p[k] - 0.001 * g[k] for k in p}\n\
         print(p['b'].shape)\n",
    );
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "(2,)");
    assert_eq!(lang::testing::jax_cache(&s).trace_count, 1, "the loss was traced more than once");
}

/// Central finite difference of `f` (a Slope expression in `x`, float64) at `x0`.
fn finite_difference(s: &mut Session, f: &str, x0: f64) -> f64 {
    let h = 1e-6;
    let code = format!("import numpy as np\nf = lambda x: {f}\nprint(float((f(np.float64({}) ) - f(np.float64({}))) / {}))", x0 + h, x0 - h, 2.0 * h);
    let (out, err) = run(s, &code);
    assert!(err.is_none(), "{err:?}");
    out.trim().parse().unwrap()
}

/// Slope departs from JAX on purpose here: the gradient through `where` (and `maximum`, `abs`,
/// `clip`) never turns NaN because of the branch that was not selected. JAX returns NaN for
/// grad(where(x > 0, sqrt(x), 0)) at x = -1; the oracle for our answer is a finite difference.
#[test]
fn gradients_through_where_never_turn_nan_from_the_unselected_branch() {
    let mut s = slope_std::session();
    for (f, x0) in [
        ("np.where(x > 0, np.sqrt(x), 0.0)", -1.0),
        ("np.where(x > 0, np.sqrt(x), 0.0)", 4.0),
        ("np.where(x < 1, x * x, np.log(x - 1))", 0.5),
        ("np.where(x > 0, x, np.log(x))", 2.0),
        ("np.maximum(np.sqrt(x), 0.5)", 4.0),
        ("np.abs(np.where(x > 0, 1.0 / x, 0.0))", -3.0),
        ("np.clip(np.where(x > 0, np.sqrt(x), x), -1.0, 1.0)", 0.25),
        // log(x²) at 0 is -inf and its derivative 2x/x² is 0/0: maximum and clip choose the
        // constant, so the gradient is 0 (JAX: nan).
        ("np.maximum(np.log(x * x), 0.0)", 0.0),
        ("np.clip(np.log(x * x), -1.0, 1.0)", 0.0),
        ("np.minimum(-np.log(x * x), 2.0)", 0.0),
        // Nested where: the inner branch not taken, sqrt(x²), has an infinite derivative at 0
        // (JAX: nan).
        ("np.where(x < 1, np.where(x > 5, np.sqrt(x * x), x), 0.0)", 0.0),
        ("np.where(x < 1, np.where(x > 5, np.sqrt(x * x), x), 0.0)", 3.0),
        // Summed over a broadcast: every summed element is an unselected zero.
        ("np.sum(np.where(x * np.ones(3) > 0, np.sqrt(x * np.ones(3)), 0.0))", -2.0),
    ] {
        let code = format!("import jax\nimport numpy as np\nprint(float(jax.grad(lambda x: {f})(np.float64({x0}))))");
        let (out, err) = run(&mut s, &code);
        assert!(err.is_none(), "{f} at {x0}: {err:?}");
        let g: f64 = out.trim().parse().unwrap();
        let fd = finite_difference(&mut s, f, x0);
        assert!(g.is_finite(), "{f} at {x0}: gradient {g}");
        assert!((g - fd).abs() <= 1e-5 * (1.0 + fd.abs()), "{f} at {x0}: grad {g}, finite difference {fd}");
    }
}

/// `%whos` prints IPython's table. The expected lines are IPython 9's output for the same
/// variables (IPython 9.19 with numpy 2.4); functions and modules print as Slope's `str` does (Python
/// adds an address or a path), and JAX arrays get the array summary (IPython prints their values).
#[test]
fn whos_prints_ipythons_table() {
    let mut s = slope_std::session();
    let code = "import numpy as np\nimport jax.numpy as jnp\ndef f(x): return x\na = np.ones((2, 3)); n = 5; x = 2.5; s = \"hello\"; l = [1,2]; t = (1,); d = {\"a\": 1}; z = None; bb = True\nbig = np.zeros((300, 100)); huge = np.zeros(200000)\nlong = \"x\" * 80\nr = range(3)\nj = jnp.ones(3)\nk = jnp.zeros((4, 4), dtype=jnp.int32)\n%whos\n";
    let (out, err) = run(&mut s, code);
    assert!(err.is_none(), "{err:?}");
    let want = "\
Variable   Type        Data/Info
--------------------------------
a          ndarray     2x3: 6 elems, type `float64`, 48 bytes
bb         bool        True
big        ndarray     300x100: 30000 elems, type `float64`, 240000 bytes (234.375 kb)
d          dict        n=1
f          function    <function f>
huge       ndarray     200000: 200000 elems, type `float64`, 1600000 bytes (1.52587890625 Mb)
j          Array       3: 3 elems, type `float32`, 12 bytes
jnp        module      <module 'jax.numpy'>
k          Array       4x4: 16 elems, type `int32`, 64 bytes
l          list        n=2
long       str         xxxxxxxxxxxxxxxxxxxxxxxxx<...>xxxxxxxxxxxxxxxxxxxxxxxxx
n          int         5
np         module      <module 'numpy'>
r          range       range(0, 3)
s          str         hello
t          tuple       n=1
x          float       2.5
z          NoneType    None
";
    assert_eq!(out, want);
}

/// The first error of running `code` in a fresh session.
fn error_of(code: &str) -> lang::native::Diagnostic {
    let mut s = slope_std::session();
    s.run_cell(code).into_iter().find_map(|o| if let Output::Error(d) = o { Some(d) } else { None }).unwrap_or_else(|| panic!("no error from {code}"))
}

/// An error raised inside the standard library (std/py) points at the user's call, names the
/// std function in the traceback, and carries the help sentence written beside its `raise`.
/// numpy's message is kept (Slope adds the shapes); jax.numpy's is JAX's.
#[test]
fn std_errors_point_at_the_users_line() {
    let d = error_of("import numpy as np\nx = np.ones(3)\ny = np.stack([x, np.ones(4)])\n");
    assert_eq!(d.kind.as_ref(), "ValueError");
    assert!(d.message.starts_with("all input arrays must have the same shape"), "numpy's text: {}", d.message);
    assert_eq!(d.message, "all input arrays must have the same shape: (3,) at 0, (4,) at 1");
    let loc = d.loc.as_ref().unwrap();
    assert_eq!(loc.src.name, "<cell 1>");
    assert_eq!(&loc.src.text[loc.span.start as usize..loc.span.end as usize], "np.stack([x, np.ones(4)])");
    assert!(d.help.as_deref().unwrap_or("").contains("use concatenate"), "{:?}", d.help);
    let last = d.traceback.last().unwrap();
    assert_eq!((last.loc.src.name.as_str(), last.func.as_ref()), ("<std numpy>", "stack"));
    assert_eq!(d.traceback[0].loc.src.name, "<cell 1>");
    let text = d.render(false);
    assert!(text.contains("<std numpy>, line") && text.contains("in stack"), "{text}");
    assert!(text.contains("3 │ y = np.stack([x, np.ones(4)])"), "{text}");

    // jax.numpy: JAX's message, from inside a user function, at the user's line in it.
    let d = error_of("import jax.numpy as jnp\ndef f(a):\n    return jnp.stack([a, jnp.ones(4), a])\nf(jnp.ones(3))\n");
    assert_eq!(d.message, "All input arrays must have the same shape. Got (3,), (4,), (3,).");
    let loc = d.loc.as_ref().unwrap();
    assert_eq!(&loc.src.text[loc.span.start as usize..loc.span.end as usize], "jnp.stack([a, jnp.ones(4), a])");
    let funcs: Vec<&str> = d.traceback.iter().map(|f| f.func.as_ref()).collect();
    assert_eq!(funcs, ["<module>", "f", "stack"]);

    // Raised two std calls deep (stack calls _norm_axis): every frame is kept.
    let d = error_of("import numpy as np\nx = np.ones(3)\nnp.stack([x, x], axis=5)\n");
    let funcs: Vec<&str> = d.traceback.iter().map(|f| f.func.as_ref()).collect();
    assert_eq!(funcs, ["<module>", "stack", "_norm_axis"]);
    assert!(d.help.as_deref().unwrap_or("").contains("axes count from 0"), "{:?}", d.help);

    // Caught in the user's code, the message is the same and nothing else changes.
    let mut s = slope_std::session();
    let (out, err) = run(&mut s, "import numpy as np\ntry:\n    np.stack([np.ones(2), np.ones(3)])\nexcept ValueError as e:\n    print(e)\n");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "all input arrays must have the same shape: (2,) at 0, (3,) at 1\n");

    // Errors of other std modules, through functions and methods: each points at the user's
    // line and has a help sentence.
    let cases = [
        ("import numpy as np\nnp.linalg.inv(np.ones((2, 3)))\n", "np.linalg.inv(np.ones((2, 3)))"),
        ("import numpy as np\nnp.linalg.solve(np.eye(2), np.ones(3))\n", "np.linalg.solve(np.eye(2), np.ones(3))"),
        ("import numpy as np\nnp.split(np.arange(5), 2)\n", "np.split(np.arange(5), 2)"),
        ("import numpy as np\nnp.einsum('ij,jk->ik', np.ones((2, 2)))\n", "np.einsum('ij,jk->ik', np.ones((2, 2)))"),
        ("import numpy as np\nnp.quantile(np.ones(3), 50)\n", "np.quantile(np.ones(3), 50)"),
        ("import jax\nk = jax.random.PRNGKey(0)\njax.random.choice(k, 3, (5,), replace=False)\n", "jax.random.choice(k, 3, (5,), replace=False)"),
        ("import numpy as np\nx = np.ones((2, 3))\nx.squeeze(axis=0)\n", "x.squeeze(axis=0)"),
    ];
    for (code, span) in cases {
        let d = error_of(code);
        let loc = d.loc.as_ref().unwrap();
        assert!(!loc.src.is_std(), "{code}: located in {}", loc.src.name);
        assert_eq!(&loc.src.text[loc.span.start as usize..loc.span.end as usize], span, "{code}");
        assert!(d.help.is_some(), "{code}: no help for {}", d.message);
        assert!(d.traceback.last().is_some_and(|f| f.loc.src.is_std()), "{code}: the std frame is kept");
    }
}

/// Sorted, each once.
fn sorted_unique(names: &[String]) -> bool {
    names.windows(2).all(|w| w[0] < w[1])
}

/// The module list is one list everywhere (the unknown-import error, `%help`, the completion of
/// `import `): sorted, without duplicates, the registered native modules included.
#[test]
fn the_module_list_is_sorted_and_has_no_duplicates() {
    let mut s = slope_std::session();
    let names = lang::testing::module_names(&s);
    assert!(sorted_unique(&names), "{names:?}");
    for m in ["numpy", "numpy.random", "jax.numpy", "matplotlib", "matplotlib.pyplot", "slope"] {
        assert!(names.iter().any(|n| n == m), "{m} in {names:?}");
    }
    // Every listed module imports.
    for m in &names {
        let (_, err) = run(&mut s, &format!("import {m}\n"));
        assert!(err.is_none(), "import {m}: {err:?}");
    }
    let listed = |text: &str| -> Vec<String> { text.split(", ").map(|n| n.trim().to_string()).collect() };
    for code in ["import nosuchmodule", "import torch"] {
        let d = s.run_cell(code).into_iter().find_map(|o| if let Output::Error(d) = o { Some(d) } else { None }).unwrap();
        let help = d.help.unwrap();
        let list = help.split_once(": ").or_else(|| help.split_once("provides ")).unwrap().1;
        assert_eq!(listed(list), names, "{code}: {help}");
    }
    let (out, _) = run(&mut s, "%help");
    let line = out.lines().skip_while(|l| !l.starts_with("Modules")).nth(1).unwrap();
    assert_eq!(listed(line), names);
    assert!(out.contains("SLOPE_FIGURES") && out.contains("SLOPE_IMAGES"), "{out}");
    let c = s.complete("import ", 7);
    assert!(sorted_unique(&c.matches), "{:?}", c.matches);
    let mut tops: Vec<String> = names.iter().map(|n| n.split('.').next().unwrap_or(n).to_string()).collect();
    tops.dedup();
    assert_eq!(c.matches, tops);
    assert!(c.matches.iter().any(|m| m == "math") && c.matches.iter().any(|m| m == "numpy"));
    let c = s.complete("import jax.", 11);
    assert_eq!(c.matches, ["ad_checkpoint", "debug", "example_libraries", "experimental", "lax", "nn", "numpy", "random", "scipy", "test_util", "tree", "tree_util"]);
    run(&mut s, "import numpy as np\n");
    let c = s.complete("np.", 3);
    assert_eq!(c.matches.iter().filter(|m| *m == "random").count(), 1, "{:?}", c.matches);
}

/// A failing cell leaves every piece of state as it was: the hidden `np.random` state (a cell
/// that drew a number and then failed used to leave a staged key behind, and `np.random`
/// raised UnexpectedTracerError for the rest of the session), lists and dicts changed in place,
/// objects' attributes, class attributes and module-level names.
#[test]
fn a_failing_cell_restores_everything_it_changed() {
    let mut fresh = slope_std::session();
    run(&mut fresh, "import numpy as np\nnp.random.seed(3)");
    let (want, err) = run(&mut fresh, "print(np.random.rand())");
    assert!(err.is_none(), "{err:?}");

    let mut s = slope_std::session();
    run(&mut s, "import numpy as np\nnp.random.seed(3)");
    let (_, err) = run(&mut s, "q = np.random.rand()\n1 / 0");
    assert!(err.unwrap().contains("ZeroDivisionError"));
    let (got, err) = run(&mut s, "print(np.random.rand())");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(got, want, "the failed cell's draw must not advance the generator");

    run(&mut s, "xs = [1, 2]\nd = {'a': 1}\nclass C:\n    k = 1\nc = C()\nc.v = 1\nst = {1}\nn = 5");
    let (_, err) = run(&mut s, "xs.append(3)\nxs[0] = 9\nd['b'] = 2\ndel d['a']\nC.k = 2\nc.v = 2\nc.w = 3\nst.add(2)\nn = 6\nraise ValueError('x')");
    assert!(err.unwrap().contains("ValueError"));
    let (out, err) = run(&mut s, "print(xs, d, C.k, c.v, hasattr(c, 'w'), st, n)");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "[1, 2] {'a': 1} 1 1 False {1} 5");
}

/// numpy arrays written in place (directly, through a view, through a function argument) are
/// put back by a failing cell, views included; a succeeding cell keeps the writes.
#[test]
fn a_failing_cell_restores_arrays_written_in_place() {
    let mut s = slope_std::session();
    run(&mut s, "import numpy as np\na = np.arange(6.0)\nv = a[2:]\nb = a\ndef zero(x):\n    x[:] = 0");
    let (_, err) = run(&mut s, "a[0] = 100\nv[0] = -1\nb += 1\nzero(v)\nraise ValueError('x')");
    assert!(err.unwrap().contains("ValueError"));
    let (out, err) = run(&mut s, "print(a, v, b is a)");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "[0. 1. 2. 3. 4. 5.] [2. 3. 4. 5.] True");
    let (out, err) = run(&mut s, "v[0] = -1\nb += 1\nprint(a, v)");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "[1. 2. 0. 4. 5. 6.] [0. 4. 5. 6.]");
}

/// A loop of in-place item writes stays one small graph per iteration: each write is one
/// scatter, not a chain that grows with the loop.
#[test]
fn a_loop_of_in_place_writes_keeps_the_pending_graph_bounded() {
    let mut s = slope_std::session();
    let (out, err) = run(&mut s, "import numpy as np\nx = np.zeros(1000)\nfor i in range(1, 1000):\n    x[i] = x[i - 1] + 1\nprint(x[-1], x.sum())");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "999.0 499500.0");
    let stage = lang::testing::stage(&s);
    assert!(stage.max_eqns <= 16, "the pending graph grew to {} equations", stage.max_eqns);
}

/// Generators survive across cells, and a generator's stack is released when it is dropped.
#[test]
fn generators_live_across_cells() {
    let mut s = slope_std::session();
    run(&mut s, "def count():\n    i = 0\n    while True:\n        yield i\n        i += 1\ng = count()\nnext(g)");
    let (out, err) = run(&mut s, "print(next(g), next(g))");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "1 2");
    let (out, err) = run(&mut s, "gs = [count() for _ in range(100)]\nprint(sum(next(x) for x in gs))\ndel gs\ng = None\nprint('ok')");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "0\nok");
}

/// The same departure from JAX under `vmap` and at second order: the gradient (and its
/// derivative) through the branch `where` took equals the finite difference, and the branch it
/// did not take adds nothing, where JAX's is nan.
#[test]
fn unselected_branches_stay_zero_under_vmap_and_second_order() {
    let mut s = slope_std::session();
    let f = "np.where(x < 1, np.where(x > 5, np.sqrt(x * x), x), 0.0)";
    let xs = [-1.0, 0.0, 4.0];
    let code = format!("import jax\nimport numpy as np\nf = lambda x: {f}\nfor g in jax.vmap(jax.grad(f))(np.array({xs:?})):\n    print(float(g))\n");
    let (out, err) = run(&mut s, &code);
    assert!(err.is_none(), "{err:?}");
    let got: Vec<f64> = out.lines().map(|l| l.trim().parse().unwrap()).collect();
    for (&x0, &g) in xs.iter().zip(&got) {
        let fd = finite_difference(&mut s, f, x0);
        assert!(g.is_finite() && (g - fd).abs() <= 1e-5 * (1.0 + fd.abs()), "vmap(grad) at {x0}: {g}, finite difference {fd}");
    }
    // Second order: the derivative of the gradient, against a difference of gradients.
    for (f, x0) in [("np.where(x > 0, np.sqrt(x), 0.0)", -1.0), ("np.where(x > 0, np.sqrt(x), 0.0)", 4.0), ("np.maximum(np.log(x * x), 0.0) + x * x", 0.0), ("np.where(x < 1, x ** 3, np.log(x - 1))", 0.5)] {
        let code = format!("import jax\nimport numpy as np\nf = lambda x: {f}\nprint(float(jax.grad(jax.grad(f))(np.float64({x0}))))");
        let (out, err) = run(&mut s, &code);
        assert!(err.is_none(), "{f} at {x0}: {err:?}");
        let g2: f64 = out.trim().parse().unwrap();
        let g = format!("jax.grad(lambda x: {f})(x)");
        let fd = finite_difference(&mut s, &g, x0);
        assert!(g2.is_finite() && (g2 - fd).abs() <= 1e-4 * (1.0 + fd.abs()), "grad(grad({f})) at {x0}: {g2}, finite difference {fd}");
    }
}

/// `%help grad` states the rule gradients follow.
#[test]
fn help_grad_states_the_rule() {
    let mut s = slope_std::session();
    let (out, err) = run(&mut s, "%help grad\n");
    assert!(err.is_none(), "{err:?}");
    assert!(out.contains("IEEE") && out.contains("did not take") && out.contains("abs'(0) is 1"), "{out}");
}

/// `%whos` names figures and axes by their classes, with their `str` as matplotlib prints it.
/// Expected lines: IPython 9.19 with matplotlib 3.11 on the same program (the module's line
/// differs: Python prints its path).
#[test]
fn whos_shows_figures_and_axes() {
    let mut s = slope_std::session();
    let (out, err) = run(&mut s, "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nlines = ax.plot([1, 2])\n%whos\n");
    assert!(err.is_none(), "{err:?}");
    let want = "\
Variable   Type      Data/Info
------------------------------
ax         Axes      Axes(0.125,0.11;0.775x0.77)
fig        Figure    Figure(640x480)
lines      list      n=1
plt        module    <module 'matplotlib.pyplot'>
";
    assert_eq!(out, want);
}

/// The cycle collector frees objects only reference cycles keep alive (micrograd's values hold
/// closures that refer back to them), and never what a running function, a suspended generator
/// or a loop still holds.
#[test]
fn the_cycle_collector_frees_cycles_and_nothing_reachable() {
    let mut s = slope_std::session();
    let code = "import gc\n\
class Node:\n    def __init__(self, v):\n        self.v = v\n        self.me = self\n        self.f = lambda: self.v\n\
gc.collect()\n\
keep = [Node(i) for i in range(100)]\n\
for i in range(3000):\n    Node(i)\n\
freed = gc.collect()\n\
print(freed >= 3000, sum(n.f() for n in keep), keep[5].me.me.v)\n\
def gen():\n    a = Node(7)\n    yield 1\n    gc.collect()\n    yield a.me.f()\n\
g = gen()\nnext(g)\ngc.collect()\nprint(next(g))\n\
total = 0\nfor n in [Node(j) for j in range(50)]:\n    gc.collect()\n    total += n.me.f()\nprint(total)\n";
    let (out, err) = run(&mut s, code);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "True 4950 5\n7\n1225");
    // Without collection the same loop would keep every node: the count of tracked objects
    // stays bounded across many cells that make cycles.
    for _ in 0..5 {
        let (_, err) = run(&mut s, "for i in range(20000):\n    Node(i)\n");
        assert!(err.is_none(), "{err:?}");
    }
    let (out, _) = run(&mut s, "print(gc.collect() >= 0, gc.get_count()[0] < 200000)");
    assert_eq!(out.trim(), "True True");
}

/// `slope.check_grads` is jax.test_util.check_grads: quiet for a correct custom rule, and for a
/// wrong one an AssertionError that names the mode and order and ends with the caller's hint.
#[test]
fn slope_check_grads_reports_the_mode_and_the_hint() {
    let mut s = slope_std::session();
    let (out, err) = run(&mut s, "import jax.numpy as jnp\nimport slope\nslope.check_grads(lambda x: jnp.sin(x) * x, (0.7,), order=2)\nprint('ok')\n");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "ok");
    let src = "import jax\nimport jax.numpy as jnp\nimport slope\n\
               @jax.custom_vjp\ndef f(x):\n    return jnp.sin(x)\n\
               f.defvjp(lambda x: (jnp.sin(x), x), lambda x, g: (g * jnp.sin(x),))\n\
               slope.check_grads(f, (0.7,), order=1, modes=['rev'], hint='the derivative of sin is cos')\n";
    let (_, err) = run(&mut s, src);
    let err = err.expect("a wrong vjp rule fails the check");
    assert!(err.contains("AssertionError"), "{err}");
    assert!(err.contains("reverse mode (vjp)") && err.contains("first derivative"), "{err}");
    assert!(err.contains("Hint: the derivative of sin is cos"), "{err}");
}

/// The runtime (device choice, plan cache, compiled kernels, report) belongs to the session: two
/// sessions on one thread share none of it.
#[test]
fn two_sessions_on_one_thread_do_not_share_the_runtime() {
    let mut a = slope_std::session();
    let mut b = slope_std::session();
    let (_, err) = run(&mut a, "%device cpu");
    assert!(err.is_none(), "{err:?}");
    let (_, err) = run(&mut b, "%device eval");
    assert!(err.is_none(), "{err:?}");
    let code = "import numpy as np\nx = np.linspace(0.0, 1.0, 50)\nprint(float((np.sin(x) * 2.0).sum()))\n";
    let (out_a, err) = run(&mut a, code);
    assert!(err.is_none(), "{err:?}");
    let (out_b, err) = run(&mut b, code);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out_a.trim().len() > 3, true);
    let (fa, fb): (f64, f64) = (out_a.trim().parse().expect("a number"), out_b.trim().parse().expect("a number"));
    assert!((fa - fb).abs() < 1e-12 * fb.abs(), "{fa} vs {fb}");
    assert_eq!(lang::testing::runtime(&mut a).device_name(), "cpu");
    assert_eq!(lang::testing::runtime(&mut b).device_name(), "eval");
    let built = lang::testing::runtime(&mut a).plans.misses;
    assert!(built >= 1, "session a planned nothing");
    assert_eq!(lang::testing::runtime(&mut b).plans.misses, 0, "session b (eval) saw session a's plans");
    // The same graph in b on the cpu is planned again: b's cache is its own.
    let (_, err) = run(&mut b, "%device cpu");
    assert!(err.is_none(), "{err:?}");
    let (_, err) = run(&mut b, code);
    assert!(err.is_none(), "{err:?}");
    assert!(lang::testing::runtime(&mut b).plans.misses >= 1 && lang::testing::runtime(&mut b).plans.hits == 0, "b reused a's plans");
    assert_eq!(lang::testing::runtime(&mut a).plans.misses, built, "b's runs planned in a's cache");
    let (ka, _) = run(&mut a, "%kernels x + 1.0");
    assert!(ka.contains("device cpu: plans"), "{ka}");
}

/// `input()` and `getpass.getpass()` read through the front end's hook (`Session::set_input_hook`),
/// with the prompt and whether to hide the answer; the hook's error is raised with its kind
/// (`EOFError` at the end of input, as Python); `display` and `clear_output` are builtins in
/// every front end and come out in order; `eval_expression` leaves `_` alone.
#[test]
fn input_display_and_clear_output_go_through_the_session_hooks() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let mut s = slope_std::session();
    let asked: Rc<RefCell<Vec<(String, bool)>>> = Rc::default();
    let log = asked.clone();
    let mut answers = vec!["secret".to_string(), "42".to_string()];
    s.set_input_hook(Box::new(move |prompt, password| {
        log.borrow_mut().push((prompt.to_string(), password));
        answers.pop().ok_or_else(|| ("EOFError".to_string(), "EOF when reading a line".to_string()))
    }));
    let (out, err) = run(&mut s, "n = int(input('how many? ')) + 1\nimport getpass\npw = getpass.getpass()\nprint(n, pw)\n");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "43 secret\n");
    assert_eq!(*asked.borrow(), vec![("how many? ".to_string(), false), ("Password: ".to_string(), true)]);
    let (_, err) = run(&mut s, "input()");
    assert!(err.as_deref().is_some_and(|e| e.contains("EOFError")), "{err:?}");
    let (out, err) = run(&mut s, "try:\n    input('> ')\nexcept EOFError:\n    print('eof')\n");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "eof\n");

    let outs = s.run_cell("display(1, 'a')\nclear_output(wait=True)\ndisplay([2])\nclear_output()\n'last'");
    let seen: Vec<String> = outs
        .iter()
        .map(|o| match o {
            Output::Display(b) => format!("display {}", b[0].1),
            Output::Clear { wait } => format!("clear {wait}"),
            Output::Result(b) => format!("result {}", b[0].1),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(seen, ["display 1", "display 'a'", "clear true", "display [2]", "clear false", "result 'last'"]);

    run(&mut s, "7 * 6");
    assert_eq!(s.eval_expression("n * 2").expect("expression")[0].1, "86");
    assert!(s.eval_expression("undefined_name").is_err());
    let (out, _) = run(&mut s, "print(_)");
    assert_eq!(out, "42\n", "eval_expression changed `_`");
}

/// A front end's own builtin (`Session::register_builtin`) is called like Python's, shows its
/// doc in `help`, and is offered by completion.
#[test]
fn a_registered_builtin_is_callable_documented_and_completed() {
    fn twice(_it: &mut lang::native::Interp, _b: &lang::native::Builtin, args: Vec<lang::native::Value>, _kw: lang::native::Kwargs) -> lang::native::Result<lang::native::Value> {
        match args.first() {
            Some(lang::native::Value::Int(i)) => Ok(lang::native::Value::Int(2 * i)),
            _ => Err(lang::native::Diagnostic::new("TypeError", "twice(n) takes an int")),
        }
    }
    let mut s = slope_std::session();
    s.register_builtin("twice", twice, "twice(n)\nTwo times n.");
    let (out, err) = run(&mut s, "print(twice(21))\ndef f():\n    return twice(2)\nprint(f())\nhelp(twice)");
    assert!(err.is_none(), "{err:?}");
    assert!(out.starts_with("42\n4\n") && out.contains("Two times n."), "{out}");
    let c = s.complete("twi", 3);
    assert_eq!(c.matches, ["twice"]);
}

/// Functions made per cell (a jitted lambda, a differentiated one, `jit(grad(...))`) are not
/// kept alive by the trace caches, which stay bounded over many cells; a function that lives on
/// keeps its trace through every sweep (it is not traced again).
#[test]
fn traces_of_dead_functions_leave_the_caches() {
    let mut s = slope_std::session();
    let (_, err) = run(&mut s, "import jax\nimport jax.numpy as jnp\n@jax.jit\ndef step(x):\n    return x * 2.0\nx = jnp.ones(3)\nstep(x)");
    assert!(err.is_none(), "{err:?}");
    for i in 0..400 {
        let code = format!(
            "f = jax.jit(lambda x: x * {i} + 1.0)\ng = jax.grad(lambda x: jnp.sum(x * x * {i}))\n\
             h = jax.jit(jax.grad(lambda x: jnp.sum(jnp.sin(x)) * {i}))\n\
             print(float(f(x).sum()), float(g(x)[0]), float(step(x)[0]), h(x).shape)"
        );
        let (out, err) = run(&mut s, &code);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(out.trim(), format!("{:?} {:?} 2.0 (3,)", (3 * i + 3) as f64, (2 * i) as f64));
    }
    let (traces, vjps, funcs) = lang::testing::jax_cache(&s).sizes();
    assert!(traces <= 128 && vjps <= 128 && funcs <= 128, "the caches grew to {traces} traces, {vjps} vjps, {funcs} functions over 400 cells");
    let before = lang::testing::jax_cache(&s).trace_count;
    let (out, _) = run(&mut s, "print(step(x))");
    assert_eq!(out.trim(), "[2. 2. 2.]");
    assert_eq!(lang::testing::jax_cache(&s).trace_count, before, "a live jitted function was traced again");
}

/// The cycle collector's registry drops the entries of freed objects as it grows (each holds
/// its object's allocation), so a loop that makes and frees many lists and scopes leaves it
/// small, long before a collection is due.
#[test]
fn the_collector_registry_forgets_freed_objects() {
    let mut s = slope_std::session();
    let (out, err) = run(&mut s, "import gc\nfor i in range(3000):\n    z = [[k] for k in range(5)]\nprint(len(z), gc.get_count()[0] < 5000)");
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out.trim(), "5 True");
}

/// Running plans poll the thread's interrupt flag. Of two sessions made on one thread, the one
/// running a cell is the one whose interrupt stops its compiled loop.
#[test]
fn a_second_session_on_the_thread_does_not_take_the_interrupt() {
    let mut a = slope_std::session();
    let b = slope_std::session();
    let (_, err) = run(&mut a, "import jax\nfrom jax import lax");
    assert!(err.is_none(), "{err:?}");
    let (flag_a, flag_b) = (a.interrupt_handle(), b.interrupt_handle());
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        flag_a.store(true, std::sync::atomic::Ordering::SeqCst);
        // Should the loop not stop, end it through the other flag so the test fails, not hangs.
        if finished.recv_timeout(std::time::Duration::from_secs(10)).is_err() {
            flag_b.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let t0 = std::time::Instant::now();
    let (_, err) = run(&mut a, "jax.jit(lambda c: lax.while_loop(lambda c: c[0] < 2, lambda c: (c[0] * 1, c[1] + 1.0), c))((0, 0.0))");
    let took = t0.elapsed();
    let _ = done.send(());
    assert!(err.as_deref().is_some_and(|e| e.contains("KeyboardInterrupt")), "{err:?}");
    assert!(took < std::time::Duration::from_secs(5), "the interrupt took {took:?}");
    stopper.join().unwrap();
    drop(b);
}

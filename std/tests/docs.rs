//! Docs are tests: every `>>>` example in the docstrings of the builtin tables (Python's
//! builtins and types, numpy's natives, the JAX API) and of the standard library written in
//! Slope (`std/py`) runs in a fresh session and must print what the docstring says.

use lang::StreamKind;
use lang::{Output, Session};

/// The examples of one docstring: (the code of each `>>>` block, the expected output).
fn examples(doc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut code = String::new();
    let mut want = String::new();
    for line in doc.lines() {
        if let Some(c) = line.strip_prefix(">>> ") {
            if !code.is_empty() && !want.is_empty() {
                out.push((std::mem::take(&mut code), std::mem::take(&mut want)));
            }
            code.push_str(c);
            code.push('\n');
        } else if let Some(c) = line.strip_prefix("... ").or(if line == "..." { Some("") } else { None }).filter(|_| !code.is_empty() && want.is_empty()) {
            // A continuation line of the example's code (a loop body, a `with` block).
            code.push_str(c);
            code.push('\n');
        } else if !code.is_empty() {
            if line.is_empty() {
                out.push((std::mem::take(&mut code), std::mem::take(&mut want)));
            } else {
                want.push_str(line);
                want.push('\n');
            }
        }
    }
    if !code.is_empty() {
        out.push((code, want));
    }
    out
}

fn run(s: &mut Session, code: &str) -> (String, Option<String>) {
    let mut text = String::new();
    let mut err = None;
    for o in s.run_cell(code) {
        match o {
            Output::Stream { kind: StreamKind::Stdout, text: t } => text.push_str(&t),
            Output::Result(b) => {
                text.push_str(&b[0].1);
                text.push('\n');
            }
            Output::Error(d) => err = Some(d.render(false)),
            _ => {}
        }
    }
    (text, err)
}

fn check(tables: &[(&str, &str)]) -> usize {
    check_with(tables, "import jax\nimport jax.numpy as jnp\nimport numpy as np")
}

/// `check`, with `prelude` run in each fresh session first.
fn check_with(tables: &[(&str, &str)], prelude: &str) -> usize {
    let mut n = 0;
    let mut failures = Vec::new();
    for (name, doc) in tables {
        let mut s = slope_std::session();
        run(&mut s, prelude);
        // The examples of a Python standard-library module use its names unqualified.
        if !name.starts_with("numpy") && !name.starts_with("jax") && !name.starts_with('_') && !name.contains("optax") && !name.contains("flax") && *name != "io" {
            run(&mut s, &format!("from {name} import *"));
        }
        for (code, want) in examples(doc) {
            n += 1;
            let (got, err) = run(&mut s, &code);
            if let Some(e) = err {
                failures.push(format!("{name}: `{}` failed:\n{e}", code.trim()));
            } else if got != want {
                failures.push(format!("{name}: `{}` printed\n{got}instead of\n{want}", code.trim()));
            }
        }
    }
    assert!(failures.is_empty(), "{} docstring examples fail:\n\n{}", failures.len(), failures.join("\n\n"));
    n
}

#[test]
fn builtin_docstrings_run() {
    let mut tables: Vec<(&str, &str)> = lang::testing::BUILTINS.iter().map(|(n, _, d)| (*n, *d)).collect();
    tables.extend(lang::testing::TYPE_DOCS.iter().copied());
    tables.extend(lang::testing::NATIVE.iter().map(|(n, _, d)| (*n, *d)));
    check(&tables);
}

#[test]
fn jax_docstrings_run_and_every_name_has_one() {
    let mut tables: Vec<(&str, &str)> = Vec::new();
    for t in [lang::testing::JAX_API, lang::testing::LAX_API, lang::testing::TREE_API] {
        for (n, _, d) in t {
            // A real docstring: a signature line and a paragraph.
            assert!(d.starts_with(&format!("{n}(")) && d.lines().count() >= 2, "{n} needs a docstring with its signature and a paragraph");
            tables.push((n, d));
        }
    }
    // The transformations people look up first have an example each.
    for n in ["grad", "value_and_grad", "jit", "vmap", "scan"] {
        assert!(tables.iter().any(|(m, d)| *m == n && d.contains(">>> ")), "{n} needs an example");
    }
    assert!(check(&tables) >= 20);
}

/// The modules written in Slope for JAX users (jax.nn, optax, ...): every public function has a
/// docstring, and every `>>>` example in them prints what it shows.
#[test]
fn jax_library_docstrings_run_and_every_function_has_one() {
    // Flax's Module calls nest deeply: run on a stack as large as the slope binary's.
    std::thread::Builder::new().stack_size(1 << 30).spawn(jax_library_docstrings).expect("thread").join().expect("docstring check");
}

fn jax_library_docstrings() {
    let mods = ["jax.test_util", "jax.nn", "jax.nn.initializers", "jax.scipy.special", "jax.scipy.stats.norm", "optax", "jax.example_libraries.optimizers", "jax.example_libraries.stax", "flax.linen", "flax.struct", "flax.training.train_state", "flax.core"];
    let mut docs: Vec<(String, String)> = Vec::new();
    let mut missing = Vec::new();
    for m in mods {
        let mut s = slope_std::session();
        let code = format!(
            "import {m} as _m\nfor _k in dir(_m):\n    _v = getattr(_m, _k)\n    if not _k.startswith('_') and callable(_v):\n        print(_k + '\\x01' + (_v.__doc__ or '') + '\\x02', end='')"
        );
        let (out, err) = run(&mut s, &code);
        assert!(err.is_none(), "{m}: {err:?}");
        for item in out.split('\u{2}').filter(|x| !x.is_empty()) {
            let (name, doc) = item.split_once('\u{1}').expect("name and doc");
            if doc.trim().is_empty() {
                missing.push(format!("{m}.{name}"));
            }
            docs.push((format!("{m}.{name}"), cleandoc(doc)));
        }
    }
    assert!(missing.is_empty(), "functions without a docstring: {missing:?}");
    let tables: Vec<(&str, &str)> = docs.iter().map(|(n, d)| (n.as_str(), d.as_str())).collect();
    assert!(check_with(&tables, "import jax\nimport jax.numpy as jnp\nimport numpy as np\nimport optax\nimport flax\nimport flax.linen as nn\nfrom flax.training.train_state import TrainState") >= 60);
}

/// A docstring without the indentation its body lines share (Python's `inspect.cleandoc`).
fn cleandoc(doc: &str) -> String {
    let lines: Vec<&str> = doc.lines().collect();
    let indent = lines.iter().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let mut out: Vec<String> = vec![lines.first().map(|l| l.trim().to_string()).unwrap_or_default()];
    out.extend(lines.iter().skip(1).map(|l| if l.len() >= indent { l[indent..].trim_end().to_string() } else { l.trim().to_string() }));
    out.join("\n")
}

/// The docstrings (`"""…"""`) of a Slope source, each dedented as Python's `inspect.cleandoc`
/// does (the lines after the first lose their common indentation).
fn docstrings(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("\"\"\"") {
        let after = &rest[i + 3..];
        let Some(j) = after.find("\"\"\"") else { break };
        let body = &after[..j];
        let lines: Vec<&str> = body.lines().collect();
        let indent = lines.iter().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
        let mut doc = String::new();
        for (k, l) in lines.iter().enumerate() {
            doc.push_str(if k == 0 { l.trim() } else if l.len() >= indent { &l[indent..] } else { l.trim() });
            doc.push('\n');
        }
        out.push(doc);
        rest = &after[j + 3..];
    }
    out
}

#[test]
fn std_py_docstrings_run() {
    // The JAX libraries, optax and flax are checked by `jax_library_docstrings_run_and_every_function_has_one`.
    let library = |m: &str| (m.starts_with("jax.") && !m.starts_with("jax._")) || m.starts_with("optax") || m.starts_with("flax");
    let docs: Vec<(String, String)> = slope_std::SOURCES.iter().filter(|(m, _)| !library(m)).flat_map(|(m, src)| docstrings(src).into_iter().filter(|d| d.contains(">>> ")).map(move |d| (m.to_string(), d))).collect();
    let tables: Vec<(&str, &str)> = docs.iter().map(|(m, d)| (m.as_str(), d.as_str())).collect();
    assert!(check(&tables) >= 40);
}

/// Every public native function of the built-in modules carries its docstring (the first line
/// a signature; `jax.tree.map` shares `tree_map`'s), which `help`, `name?` and completion read: the natives are made from the
/// documented tables, and the few made elsewhere (`np.ndarray`, `jax.Array`) have their own.
#[test]
fn every_public_native_has_a_docstring() {
    let mut s = slope_std::session();
    let (out, err) = run(
        &mut s,
        "import builtins\nimport numpy as np\nimport jax\nimport jax.numpy as jnp\nmissing = []\nn = 0\n\
         for name, m in [('builtins', builtins), ('numpy', np), ('numpy.linalg', np.linalg), ('numpy.random', np.random), ('jax', jax), ('jax.numpy', jnp), ('jax.lax', jax.lax), ('jax.tree_util', jax.tree_util), ('jax.tree', jax.tree), ('jax.random', jax.random), ('jax.debug', jax.debug)]:\n\
         \x20   for k in dir(m):\n\
         \x20       v = getattr(m, k)\n\
         \x20       if not k.startswith('_') and type(v).__name__ == 'builtin_function_or_method':\n\
         \x20           n += 1\n\
         \x20           if not v.__doc__ or '(' not in v.__doc__.split('\\n')[0]:\n\
         \x20               missing.append(name + '.' + k)\n\
         print(n, missing)\n",
    );
    assert!(err.is_none(), "{err:?}");
    let (n, missing) = out.trim().split_once(' ').expect("a count and a list");
    assert!(n.parse::<usize>().expect("a count") >= 100, "only {n} natives found");
    assert_eq!(missing, "[]", "natives without a docstring whose first line is a signature");
}

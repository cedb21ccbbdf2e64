//! Engine-level tests through `Session`, the API the front ends use.

use lang::interp::StreamKind;
use lang::{Output, Session};

fn run(session: &mut Session, code: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut err = None;
    for o in session.run_cell(code) {
        match o {
            Output::Stream { kind: StreamKind::Stdout, text } => out.push_str(&text),
            Output::Error(d) => err = Some(d.render(false)),
            _ => {}
        }
    }
    (out, err)
}

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
    let stage = &s.interp.stage;
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

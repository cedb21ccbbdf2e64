//! `slope.export`: a function Slope can `jit` written out for other runtimes, the jax2tf role.
//!
//! `slope.export.onnx(f, *example_args, path=...)` traces `f` as `jit` does (abstractly: the
//! arguments' shapes and dtypes, not their values), then `lang::native::ir::onnx_model` writes the trace
//! as an ONNX model. The graph's inputs are the argument leaves, named after f's parameters
//! (`params_0`, `params_1`, … for a pytree argument), its outputs `output_0`, …; values f
//! closed over become initializers.

use lang::native::{flatten, unflatten, Array, Builtin, Diagnostic, Interp, Kwargs, Module, Result, TreeDef, Value};
use std::rc::Rc;

pub fn build(_it: &mut Interp) -> Result<Value> {
    let m = Module::new("slope.export");
    m.attrs.borrow_mut().insert(
        "onnx".into(),
        Value::Builtin(Rc::new(Builtin {
            name: "onnx".into(),
            f: onnx,
            jax: false,
            doc: "onnx(f, *example_args, path, input_names=None, output_names=None): write f, traced at the shapes and dtypes of example_args as jit traces it, as an ONNX model (opset 18) at path; returns path.\nAny function Slope can jit exports, grad(f) included; arguments and results may be pytrees (their leaves become the model's inputs and outputs). A primitive ONNX has no operator for (cumprod, random bits of a traced key) is an error that names it.\n\n>>> slope.export.onnx(lambda x: jnp.tanh(x) * 2, jnp.ones(3), path='tanh.onnx')\n'tanh.onnx'",
        })),
    );
    Ok(Value::Module(Rc::new(m)))
}

fn kw<'a>(kwargs: &'a Kwargs, name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v)
}

fn names(it: &mut Interp, v: Option<&Value>, n: usize, what: &str) -> Result<Option<Vec<String>>> {
    let Some(v) = v.filter(|v| !matches!(v, Value::None)) else { return Ok(None) };
    let mut leaves = Vec::new();
    flatten(it, v, &mut leaves)?;
    let out: Vec<String> = leaves.iter().filter_map(|l| if let Value::Str(s) = l { Some(s.to_string()) } else { None }).collect();
    if out.len() != leaves.len() || out.len() != n {
        return Err(Diagnostic::new("ValueError", format!("export.onnx: {what} must be a list of {n} strings, one per {}", if what == "input_names" { "input leaf" } else { "output leaf" })));
    }
    Ok(Some(out))
}

fn onnx(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    for (k, _) in &kwargs {
        if !["path", "input_names", "output_names"].contains(&k.as_ref()) {
            return Err(Diagnostic::new("TypeError", format!("export.onnx() got an unexpected keyword argument '{k}'")).with_help("export.onnx(f, *example_args, path='model.onnx', input_names=None, output_names=None)"));
        }
    }
    let Some(f) = args.first().cloned() else {
        return Err(Diagnostic::new("TypeError", "export.onnx() missing the function to export").with_help("export.onnx(f, *example_args, path='model.onnx')"));
    };
    let path = match kw(&kwargs, "path") {
        Some(Value::Str(s)) => s.to_string(),
        Some(_) => return Err(Diagnostic::new("TypeError", "export.onnx: path must be a string")),
        None => return Err(Diagnostic::new("TypeError", "export.onnx() missing the keyword argument 'path'").with_help("name the file to write: export.onnx(f, x, path='model.onnx')")),
    };
    // The argument leaves and the names of f's parameters.
    let params: Vec<String> = match &f {
        Value::Func(c) => c.def.params.iter().map(|p| p.name.to_string()).collect(),
        _ => Vec::new(),
    };
    let mut leaves = Vec::new();
    let mut trees = Vec::new();
    let mut input_names = Vec::new();
    for (i, a) in args[1..].iter().enumerate() {
        let mut l = Vec::new();
        let t = flatten(it, a, &mut l)?;
        let base = params.get(i).cloned().unwrap_or_else(|| format!("x{i}"));
        if l.len() == 1 && matches!(t, TreeDef::Leaf) {
            input_names.push(base);
        } else {
            input_names.extend((0..l.len()).map(|k| format!("{base}_{k}")));
        }
        leaves.extend(l);
        trees.push(t);
    }
    let mut examples = Vec::new();
    for l in &leaves {
        let jax = matches!(l, Value::Array(x) if x.jax());
        let a = it.to_array(l, jax).map_err(|d| d.with_help("export.onnx(f, *example_args) takes arrays, numbers and pytrees of them as f's arguments"))?;
        let h = it.force(&a)?;
        examples.push(Array::host(h, jax));
    }
    if let Some(n) = names(it, kw(&kwargs, "input_names"), examples.len(), "input_names")? {
        input_names = n;
    }
    let f2 = f.clone();
    let trees2 = trees.clone();
    let mut body = move |it: &mut Interp, vals: Vec<Value>| -> Result<Value> {
        let mut rest = vals.into_iter();
        let mut call_args = Vec::new();
        for t in &trees2 {
            call_args.push(unflatten(it, t, &mut rest)?);
        }
        it.call(&f2, call_args, vec![])
    };
    let t = it.trace_with(&examples, false, &mut body, f.clone())?;
    let mut consts = Vec::new();
    for c in &t.consts {
        consts.push(it.force(c)?);
    }
    let n_out = t.func.outs.len();
    let output_names = match names(it, kw(&kwargs, "output_names"), n_out, "output_names")? {
        Some(n) => n,
        None => (0..n_out).map(|i| format!("output_{i}")).collect(),
    };
    let mut seen = std::collections::HashSet::new();
    if let Some(d) = input_names.iter().chain(&output_names).find(|n| !seen.insert(n.as_str())) {
        return Err(Diagnostic::new("ValueError", format!("export.onnx: the name '{d}' is used twice")).with_help("give every input and output its own name"));
    }
    let name = match &f {
        Value::Func(c) => c.qualname.to_string(),
        _ => "slope".into(),
    };
    let bytes = lang::native::ir::onnx_model(&t.func, &input_names, &consts, &output_names, &name)
        .map_err(|m| Diagnostic::new("NotImplementedError", m).with_help("rewrite that step with primitives ONNX has, or pass its result as an input"))?;
    std::fs::write(&path, bytes).map_err(|e| Diagnostic::new("OSError", format!("export.onnx could not write '{path}': {e}")))?;
    Ok(Value::str(&path))
}

//! `slope.show_graph(f, *args)`: the computation graph of `f` at `args` as a picture, laid out
//! left to right as micrograd draws it: inputs and constants, then one box per primitive with
//! its shape, its forward value (for small arrays) and the gradient of the output with respect
//! to it — what reverse mode sends back to that node.
//!
//! f is traced by the engine (`Interp::trace_with`, as `jax.make_jaxpr` does) at the argument
//! values and simplified as `make_jaxpr` prints it (`transform::simplify`: Python scalars become
//! literals, no casts of them, no reshapes around a vector dot); the `Func` is evaluated for every
//! intermediate value. A node's gradient is
//! exact reverse mode: the graph is cut at that node (the node becomes a parameter) and
//! `transform::vjp` of the cut graph is run with an output cotangent of 1.

use super::canvas::{self, Canvas, HAlign, Picture, VAlign};
use super::color::Rgba;
use super::ticks::short;
use lang::native::{Array, Builtin, Diagnostic, HostArray, Interp, Kwargs, Result, Value};
use lang::native::ir::{Func, Var};
use plotters::prelude::DrawingBackend;
use std::collections::HashMap;

/// The most operations a drawn graph may have.
const MAX_NODES: usize = 120;
/// Arrays up to this many elements show their values (and gradients).
const SHOW_ELEMS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Input,
    Const,
    Op,
}

/// One box of the picture.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: Kind,
    pub title: String,
    pub ty: String,
    pub value: Option<String>,
    pub grad: Option<String>,
    pub inputs: Vec<usize>,
    pub output: bool,
}

/// A computation graph ready to draw.
#[derive(Clone, Debug)]
pub struct Graph {
    pub title: String,
    pub footer: String,
    pub nodes: Vec<Node>,
}

/// What tracing f gives: its primitives, the host values of its parameters (f's arguments,
/// then the values it closed over) and the output variable.
struct Traced {
    func: Func,
    inputs: Vec<HostArray>,
    n_args: usize,
    out: Var,
}

fn trace(it: &mut Interp, f: &Value, args: &[Value]) -> Result<Traced> {
    let mut examples = Vec::new();
    let mut inputs = Vec::new();
    for a in args {
        let jax = matches!(a, Value::Array(x) if x.jax());
        let arr = it.to_array(a, jax).map_err(|d| d.with_help("show_graph(f, *args) takes arrays and numbers as f's arguments"))?;
        let h = it.force(&arr)?;
        inputs.push(h.clone());
        examples.push(Array::host(h, jax));
    }
    let f2 = f.clone();
    let mut body = move |it: &mut Interp, vals: Vec<Value>| -> Result<Value> { it.call(&f2, vals, vec![]) };
    let t = it.trace_with(&examples, true, &mut body, f.clone())?;
    // The graph `make_jaxpr` prints: simplified, with 0-d constants (Python scalars) as literals.
    let mut values = vec![None; examples.len()];
    let mut consts = Vec::new();
    for c in &t.consts {
        let h = it.force(c)?;
        values.push(h.shape.is_empty().then(|| h.get(0)));
        consts.push(h);
    }
    let kept = lang::native::ir::kept_params(&t.func, &values);
    inputs.extend(consts.into_iter().zip(&kept[examples.len()..]).filter(|(_, &k)| k).map(|(h, _)| h));
    let func = lang::native::ir::simplify(&t.func, examples.len(), &values);
    let out = *func.outs.first().ok_or_else(|| Diagnostic::new("TypeError", "show_graph: f returned no array").with_help("show_graph draws functions that return an array (a scalar loss is best)"))?;
    Ok(Traced { func, inputs, n_args: examples.len(), out })
}

/// The values of every variable of `func`.
fn eval_all(func: &Func, inputs: &[HostArray]) -> std::result::Result<Vec<Option<HostArray>>, String> {
    let mut all = func.clone();
    let vars: Vec<Var> = all.eqns.iter().flat_map(|e| e.outs.iter().copied()).collect();
    all.outs = vars.clone();
    let vals = lang::native::ir::eval_func(&all, inputs)?;
    let mut out: Vec<Option<HostArray>> = vec![None; func.types.len()];
    for (p, h) in func.params.iter().zip(inputs) {
        out[p.0 as usize] = Some(h.clone());
    }
    for (v, h) in vars.iter().zip(vals) {
        out[v.0 as usize] = Some(h);
    }
    Ok(out)
}

/// ∂out/∂v by reverse mode: cut the graph at `v` (its value `val` becomes a parameter) and run
/// the vjp of the cut graph with an output cotangent of 1.
fn grad_at(func: &Func, inputs: &[HostArray], out: Var, v: Var, val: &HostArray) -> Option<Vec<f64>> {
    let mut g = func.clone();
    g.outs = vec![out];
    let mut ins = inputs.to_vec();
    let idx = match g.params.iter().position(|&p| p == v) {
        Some(i) => i,
        None => {
            g.eqns.retain(|e| !e.outs.contains(&v));
            g.params.push(v);
            ins.push(val.clone());
            g.params.len() - 1
        }
    };
    g.verify().ok()?;
    let wrt: Vec<bool> = (0..g.params.len()).map(|i| i == idx).collect();
    let vjp = lang::native::ir::vjp(&g, &wrt).ok()?;
    let r = lang::native::ir::eval_func(&vjp.primal, &ins).ok()?;
    let n_out = r.len().checked_sub(vjp.n_res)?;
    let mut back: Vec<HostArray> = r[n_out..].to_vec();
    back.push(HostArray::from_f64(&[], vec![1.0]).cast(func.ty(out).dtype));
    let cts = lang::native::ir::eval_func(&vjp.backward, &back).ok()?;
    cts.first().map(|c| c.to_f64_vec())
}

fn values_text(v: &[f64]) -> String {
    if v.len() == 1 {
        return short(v[0]);
    }
    format!("[{}]", v.iter().map(|&x| short(x)).collect::<Vec<_>>().join(", "))
}

fn type_text(ty: &lang::native::ir::Type) -> String {
    format!("{ty}")
}

/// Build the picture's graph from a trace.
fn build(f: &Value, t: &Traced) -> std::result::Result<Graph, String> {
    let func = &t.func;
    if func.eqns.len() > MAX_NODES {
        return Err(format!("the graph has {} operations; show_graph draws at most {MAX_NODES}", func.eqns.len()));
    }
    let values = eval_all(func, &t.inputs)?;
    let names: Vec<String> = match f {
        Value::Func(c) => c.def.params.iter().map(|p| p.name.to_string()).collect(),
        _ => vec![],
    };
    let out = t.out;
    let scalar_out = func.ty(out).numel() == 1 && func.ty(out).dtype.is_float();
    let mut nodes = Vec::new();
    let mut node_of: HashMap<Var, usize> = HashMap::new();
    let show = |v: Var| -> (Option<String>, Option<String>) {
        let ty = func.ty(v);
        let val = values[v.0 as usize].as_ref();
        let value = val.filter(|_| ty.numel() <= SHOW_ELEMS).map(|h| values_text(&h.to_f64_vec()));
        let grad = match val {
            Some(h) if scalar_out && ty.dtype.is_float() && ty.numel() <= SHOW_ELEMS => {
                if v == out {
                    Some(values_text(&[1.0]))
                } else {
                    grad_at(func, &t.inputs, out, v, h).map(|g| values_text(&g))
                }
            }
            _ => None,
        };
        (value, grad)
    };
    for (i, &p) in func.params.iter().enumerate() {
        let (value, grad) = show(p);
        let (kind, title) = if i < t.n_args {
            (Kind::Input, names.get(i).filter(|_| names.len() == t.n_args).cloned().unwrap_or_else(|| format!("arg{i}")))
        } else {
            (Kind::Const, if func.ty(p).numel() == 1 { "const".into() } else { "const array".into() })
        };
        node_of.insert(p, nodes.len());
        nodes.push(Node { kind, title, ty: type_text(func.ty(p)), value, grad, inputs: vec![], output: out == p });
    }
    for e in &func.eqns {
        let (value, grad) = show(e.outs[0]);
        let kind = if e.ins.is_empty() { Kind::Const } else { Kind::Op };
        let params: Vec<String> = e.prim.params().iter().filter(|(k, v)| *k != "value" && v != "None" && !(*k == "weak_type" && v == "False")).map(|(k, v)| format!("{k}={v}")).collect();
        let mut title = if kind == Kind::Const && matches!(e.prim, lang::native::ir::Prim::Literal(_)) { "const".to_string() } else { e.prim.name().to_string() };
        if kind == Kind::Op && !params.is_empty() && title.len() + params.join(" ").len() < 34 {
            title = format!("{title} {}", params.join(" "));
        }
        let inputs = e.ins.iter().filter_map(|v| node_of.get(v).copied()).collect();
        for &o in &e.outs {
            node_of.insert(o, nodes.len());
        }
        nodes.push(Node { kind, title, ty: type_text(func.ty(e.outs[0])), value, grad, inputs, output: e.outs.contains(&out) });
    }
    // Keep only what the output depends on (and every input).
    let mut live = vec![false; nodes.len()];
    let mut stack: Vec<usize> = nodes.iter().enumerate().filter(|(_, n)| n.output).map(|(i, _)| i).collect();
    while let Some(i) = stack.pop() {
        if !live[i] {
            live[i] = true;
            stack.extend(nodes[i].inputs.iter().copied());
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if n.kind == Kind::Input {
            live[i] = true;
        }
    }
    let mut remap = vec![usize::MAX; nodes.len()];
    let mut kept = Vec::new();
    for (i, n) in nodes.into_iter().enumerate() {
        if live[i] {
            remap[i] = kept.len();
            kept.push(n);
        }
    }
    for n in &mut kept {
        n.inputs = n.inputs.iter().map(|&i| remap[i]).filter(|&i| i != usize::MAX).collect();
    }
    let fname = match f {
        Value::Func(c) if !c.def.name.starts_with('<') => c.def.name.to_string(),
        _ => "f".into(),
    };
    let footer = if scalar_out {
        "value: the forward pass · grad: ∂out/∂node, what reverse mode sends back to the node".into()
    } else {
        "value: the forward pass · gradients are drawn for functions with a scalar output".into()
    };
    Ok(Graph { title: format!("computation graph of {fname}"), footer, nodes: kept })
}

/// `slope.show_graph(f, *args, grads=True, format=None)`: `grads=False` draws the forward pass
/// only; `format="svg"` displays only `image/svg+xml`, `"png"` only `image/png`, and the default
/// both (a frontend picks one; the SVG keeps every label as text).
pub fn show_graph(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
    let mut grads = true;
    let mut format: Option<String> = None;
    for (k, v) in &kwargs {
        match k.as_ref() {
            "grads" => grads = it.truthy(v)?,
            "format" => match v {
                Value::None => format = None,
                Value::Str(s) if matches!(s.as_ref(), "svg" | "png") => format = Some(s.to_string()),
                _ => {
                    return Err(Diagnostic::new("ValueError", format!("show_graph: format must be 'svg' or 'png', not {}", it.repr(v).unwrap_or_default()))
                        .with_help("format='svg' shows the SVG (text stays text), format='png' a PNG; leave it out for both"))
                }
            },
            _ => {
                return Err(Diagnostic::new("TypeError", format!("show_graph() got an unexpected keyword argument '{k}'"))
                    .with_help("call show_graph(f, *args, grads=True, format=None) with f's arguments in order"))
            }
        }
    }
    let Some((f, rest)) = args.split_first() else {
        return Err(Diagnostic::new("TypeError", "show_graph() missing required argument 'f'").with_help("call it as slope.show_graph(f, x, ...)"));
    };
    let t = trace(it, f, rest)?;
    let mut g = build(f, &t).map_err(|m| Diagnostic::new("ValueError", format!("show_graph: {m}")))?;
    if !grads {
        for n in &mut g.nodes {
            n.grad = None;
        }
        g.footer = "value: the forward pass (grads=True adds what reverse mode sends back to each node)".into();
    }
    let pic = GraphPicture::new(g);
    let mut func = t.func.clone();
    func.outs = vec![t.out];
    let mut bundle = Vec::new();
    if format.as_deref() != Some("png") {
        bundle.push(("image/svg+xml".to_string(), canvas::svg(&pic).map_err(|m| Diagnostic::new("RuntimeError", m))?));
    }
    if format.as_deref() != Some("svg") {
        let png = canvas::png(&pic).map_err(|m| Diagnostic::new("RuntimeError", m))?;
        bundle.extend(super::png_bundle(&png, format!("{func}")));
    } else {
        bundle.push(("text/plain".into(), format!("{func}")));
    }
    it.display(bundle);
    Ok(Value::None)
}

const EM: f64 = 13.0;
const PAD: f64 = 8.0;
const GAP_X: f64 = 46.0;
const GAP_Y: f64 = 18.0;
const MARGIN: f64 = 20.0;

/// A graph laid out: node boxes and edge paths in figure pixels.
pub struct GraphPicture {
    g: Graph,
    boxes: Vec<(f64, f64, f64, f64)>,
    /// Each edge as the points it passes through, from the input's box to its user's.
    edges: Vec<Vec<(f64, f64)>>,
    size: (u32, u32),
}

/// A thing placed in a column: a node, or a waypoint of an edge that crosses the column.
struct Item {
    node: Option<usize>,
    col: usize,
    w: f64,
    h: f64,
    preds: Vec<usize>,
}

impl GraphPicture {
    /// Lay out left to right (Sugiyama style): columns by depth, edges that skip columns get a
    /// waypoint in each so they pass between boxes, order within columns by the mean position
    /// of what feeds them.
    pub fn new(g: Graph) -> GraphPicture {
        let n = g.nodes.len();
        // Columns: inputs at 0, an op one past its deepest input, constants just before their first user.
        let mut col = vec![0usize; n];
        for i in 0..n {
            if g.nodes[i].kind == Kind::Op {
                col[i] = 1 + g.nodes[i].inputs.iter().filter(|&&j| g.nodes[j].kind != Kind::Const).map(|&j| col[j]).max().unwrap_or(0);
            }
        }
        for i in 0..n {
            if g.nodes[i].kind == Kind::Const {
                let users: Vec<usize> = (0..n).filter(|&u| g.nodes[u].inputs.contains(&i)).map(|u| col[u]).collect();
                col[i] = users.iter().min().map_or(0, |c| c.saturating_sub(1));
            }
        }
        let lines = |nd: &Node| 2 + nd.value.is_some() as usize + nd.grad.is_some() as usize;
        let width = |nd: &Node| {
            let mut w = canvas::text_width(&nd.title, EM).max(canvas::text_width(&nd.ty, EM * 0.85));
            if let Some(v) = &nd.value {
                w = w.max(canvas::text_width(&format!("value {v}"), EM * 0.92));
            }
            if let Some(v) = &nd.grad {
                w = w.max(canvas::text_width(&format!("grad {v}"), EM * 0.92));
            }
            (w + 2.0 * PAD).max(70.0)
        };
        let height = |nd: &Node| lines(nd) as f64 * EM * 1.35 + 2.0 * PAD - EM * 0.35;
        let mut items: Vec<Item> = (0..n).map(|i| Item { node: Some(i), col: col[i], w: width(&g.nodes[i]), h: height(&g.nodes[i]), preds: vec![] }).collect();
        // Edge chains: source, waypoints, user (item indices), with the input slot.
        let mut chains: Vec<(Vec<usize>, usize, usize)> = Vec::new();
        for i in 0..n {
            let k = g.nodes[i].inputs.len();
            for (m, &j) in g.nodes[i].inputs.iter().enumerate() {
                let mut chain = vec![j];
                for c in col[j] + 1..col[i] {
                    let prev = *chain.last().unwrap_or(&j);
                    items.push(Item { node: None, col: c, w: 0.0, h: 4.0, preds: vec![prev] });
                    chain.push(items.len() - 1);
                }
                let last = *chain.last().unwrap_or(&j);
                items[i].preds.push(last);
                chain.push(i);
                chains.push((chain, m, k));
            }
        }
        let ncols = items.iter().map(|it| it.col).max().map_or(1, |c| c + 1);
        let mut cols: Vec<Vec<usize>> = vec![Vec::new(); ncols];
        for (k, it) in items.iter().enumerate() {
            cols[it.col].push(k);
        }
        // Order within a column by the mean rank of the predecessors (a barycentre sweep).
        let mut rank = vec![0.0; items.len()];
        for c in &cols {
            for (k, &i) in c.iter().enumerate() {
                rank[i] = k as f64;
            }
        }
        for c in cols.iter_mut().skip(1) {
            for &i in c.iter() {
                let ps = &items[i].preds;
                if !ps.is_empty() {
                    rank[i] = ps.iter().map(|&j| rank[j]).sum::<f64>() / ps.len() as f64;
                }
            }
            c.sort_by(|a, b| rank[*a].total_cmp(&rank[*b]));
            for (k, &i) in c.iter().enumerate() {
                rank[i] = k as f64;
            }
        }
        let col_w: Vec<f64> = cols.iter().map(|c| c.iter().map(|&i| items[i].w).fold(0.0, f64::max)).collect();
        let col_h: Vec<f64> = cols.iter().map(|c| c.iter().map(|&i| items[i].h).sum::<f64>() + GAP_Y * c.len().saturating_sub(1) as f64).collect();
        let total_h = col_h.iter().fold(0.0f64, |a, &b| a.max(b));
        let top = MARGIN + EM * 1.8;
        let mut place = vec![(0.0, 0.0, 0.0, 0.0); items.len()];
        let mut x = MARGIN;
        for (c, ids) in cols.iter().enumerate() {
            let mut y = top + (total_h - col_h[c]) / 2.0;
            for &i in ids {
                let (w, h) = (items[i].w, items[i].h);
                place[i] = if items[i].node.is_some() { (x + (col_w[c] - w) / 2.0, y, x + (col_w[c] + w) / 2.0, y + h) } else { (x, y, x + col_w[c], y + h) };
                y += h + GAP_Y;
            }
            x += col_w[c] + GAP_X;
        }
        let boxes: Vec<(f64, f64, f64, f64)> = place[..n].to_vec();
        let edges = chains
            .iter()
            .map(|(chain, m, k)| {
                let (s, t) = (place[chain[0]], place[*chain.last().unwrap_or(&0)]);
                let mut pts = vec![(s.2, (s.1 + s.3) / 2.0)];
                for &d in &chain[1..chain.len() - 1] {
                    let p = place[d];
                    let y = (p.1 + p.3) / 2.0;
                    pts.push((p.0, y));
                    pts.push((p.2, y));
                }
                pts.push((t.0, t.1 + (t.3 - t.1) * (*m as f64 + 1.0) / (*k as f64 + 1.0)));
                pts
            })
            .collect();
        let footer_w = canvas::text_width(&g.footer, EM * 0.85) + 2.0 * MARGIN;
        let w = (x - GAP_X + MARGIN).max(footer_w).max(canvas::text_width(&g.title, EM * 1.2) + 2.0 * MARGIN);
        let h = top + total_h + MARGIN + EM * 1.6;
        GraphPicture { g, boxes, edges, size: (w.ceil() as u32, h.ceil() as u32) }
    }
}

/// A smooth path through edge points: horizontal-tangent cubics between columns, straight
/// segments through a column's waypoint.
fn edge_path(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = vec![pts[0]];
    for (k, w) in pts.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if k % 2 == 1 {
            out.push(b);
            continue;
        }
        let dx = (b.0 - a.0).abs().max(20.0) * 0.5;
        for s in 1..=24 {
            let t = s as f64 / 24.0;
            let (u, v) = (1.0 - t, t);
            let x = u * u * u * a.0 + 3.0 * u * u * v * (a.0 + dx) + 3.0 * u * v * v * (b.0 - dx) + v * v * v * b.0;
            let y = u * u * u * a.1 + 3.0 * u * u * v * a.1 + 3.0 * u * v * v * b.1 + v * v * v * b.1;
            out.push((x, y));
        }
    }
    out
}

fn rounded(x0: f64, y0: f64, x1: f64, y1: f64, r: f64) -> Vec<(f64, f64)> {
    let mut pts = Vec::new();
    let corners = [(x1 - r, y0 + r, -90.0f64), (x1 - r, y1 - r, 0.0), (x0 + r, y1 - r, 90.0), (x0 + r, y0 + r, 180.0)];
    for (cx, cy, start) in corners {
        for k in 0..=6 {
            let t = (start + 90.0 * k as f64 / 6.0).to_radians();
            pts.push((cx + r * t.cos(), cy + r * t.sin()));
        }
    }
    pts
}

impl Picture for GraphPicture {
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn draw<DB: DrawingBackend>(&self, c: &mut Canvas<'_, DB>) -> Result<(), String> {
        c.clear(Rgba::WHITE)?;
        let ink = Rgba::grey(0.15);
        c.text(&self.g.title, (MARGIN, MARGIN), EM * 1.2, ink, (HAlign::Left, VAlign::Top), false)?;
        // Edges first, under the boxes, each ending in an arrowhead at its user.
        let edge = Rgba::grey(0.55);
        for e in &self.edges {
            let path = edge_path(e);
            c.polyline(&path[..path.len() - 1], edge, 1.3)?;
            let tip = e[e.len() - 1];
            c.polygon(&[(tip.0 - 7.0, tip.1 - 3.5), tip, (tip.0 - 7.0, tip.1 + 3.5)], edge, false)?;
        }
        for (i, nd) in self.g.nodes.iter().enumerate() {
            let (x0, y0, x1, y1) = self.boxes[i];
            c.group(match nd.kind {
                Kind::Input => "node input",
                Kind::Const => "node const",
                Kind::Op => "node op",
            })?;
            let fill = match (nd.kind, nd.output) {
                (_, true) => Rgba::hex(0xdcf5e3),
                (Kind::Input, _) => Rgba::hex(0xdbe8fb),
                (Kind::Const, _) => Rgba::hex(0xf0f0f0),
                (Kind::Op, _) => Rgba::hex(0xfff4dc),
            };
            let outline = rounded(x0, y0, x1, y1, 6.0);
            c.polygon(&outline, fill, false)?;
            let mut closed = outline.clone();
            closed.push(outline[0]);
            c.polyline(&closed, Rgba::grey(0.35), 1.0)?;
            let cx = (x0 + x1) / 2.0;
            let mut y = y0 + PAD;
            c.text(&nd.title, (cx, y), EM, ink, (HAlign::Center, VAlign::Top), false)?;
            y += EM * 1.35;
            c.text(&nd.ty, (cx, y), EM * 0.85, Rgba::grey(0.45), (HAlign::Center, VAlign::Top), false)?;
            y += EM * 1.35;
            if let Some(v) = &nd.value {
                c.text(&format!("value {v}"), (cx, y), EM * 0.92, ink, (HAlign::Center, VAlign::Top), false)?;
                y += EM * 1.35;
            }
            if let Some(g) = &nd.grad {
                c.text(&format!("grad {g}"), (cx, y), EM * 0.92, Rgba::hex(0xc0392b), (HAlign::Center, VAlign::Top), false)?;
            }
            c.end_group()?;
        }
        let (_, h) = self.size;
        c.text(&self.g.footer, (MARGIN, h as f64 - MARGIN * 0.6), EM * 0.85, Rgba::grey(0.4), (HAlign::Left, VAlign::Bottom), false)?;
        Ok(())
    }
}

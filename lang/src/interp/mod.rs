//! The interpreter: walks Slope's AST. Every array operation goes through `Stage::bind` (via
//! `ops`), so top-level array code is staged and run at sync points: a value the host needs, the
//! end of each loop iteration, the end of the cell.

pub mod args;
pub mod array;
pub mod builtins;
pub mod fmt;
pub mod gc;
mod host_call;
pub mod iter;
pub mod journal;
pub mod jax;
mod lax;
mod matching;
pub mod pytree;
pub mod trace;
mod transform_call;
mod tree_util;
pub mod numpy;
pub mod object;
pub mod ops;
pub mod value;

use crate::diag::{Diagnostic, Frame, Loc, Result, Source};
use crate::syntax::ast::*;
use array::{Array, Stage};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use value::*;
pub use trace::Read;

/// How deep user functions may recurse before a RecursionError.
pub const MAX_DEPTH: usize = 900;

/// Where printed text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamKind {
    Stdout,
    Stderr,
}

/// The sink for streams, set by the session.
pub type Sink = Box<dyn FnMut(StreamKind, &str)>;

/// The sink for rich displays (a MIME bundle: type → content), set by the session.
pub type DisplaySink = Box<dyn FnMut(Vec<(String, String)>)>;

/// Builds a native module (written in Rust, e.g. by the standard library crate) on first import.
pub type NativeModule = fn(&mut Interp) -> Result<Value>;
/// A cell magic written by the embedder: (interp, the cell's source name, the `%%` line without
/// its `%%`, the cell's body after that line) → the cell's value.
pub type CellMagic = fn(&mut Interp, &str, &str, &str) -> Result<Option<Value>>;

enum Flow {
    Normal,
    Return(Value),
    Break,
    Continue,
}

/// What running code needs to know about where it is.
#[derive(Clone)]
pub struct Ctx {
    pub src: Rc<Source>,
    pub scope: Rc<Scope>,
    pub func: Rc<str>,
    /// The exception being handled (for a bare `raise`).
    pub handling: Option<Rc<Diagnostic>>,
    /// Inside a class body: the scope functions defined here close over (it skips the class
    /// body, as in Python, and holds `__class__` for `super()`).
    pub class_cell: Option<Rc<Scope>>,
    /// The first parameter of the function running here (`self`/`cls`, for `super()`).
    pub self_name: Option<Name>,
}

impl Ctx {
    /// A context for code at the top of a module or source.
    pub fn module(src: Rc<Source>, scope: Rc<Scope>) -> Ctx {
        Ctx { src, scope, func: "<module>".into(), handling: None, class_cell: None, self_name: None }
    }
    /// The same place with another scope (a comprehension's).
    fn with_scope(&self, scope: Rc<Scope>) -> Ctx {
        Ctx { src: self.src.clone(), scope, func: self.func.clone(), handling: self.handling.clone(), class_cell: None, self_name: self.self_name.clone() }
    }
}

pub struct Interp {
    /// The cell's pending graph.
    pub(crate) stage: Stage,
    /// Functions being traced for transformations, innermost last.
    pub(crate) traces: Vec<Stage>,
    /// Caches of traced and transformed functions (see `transform_call.rs`).
    pub(crate) jax_cache: trace::Cache,
    /// What the traces in progress read from outside themselves (see `trace::ReadSource`).
    pub(crate) trace_reads: RefCell<trace::TraceReads>,
    /// The global scopes of standard-library modules written in Slope, by module name.
    pub(crate) std_scopes: HashMap<String, Rc<Scope>>,
    pub(crate) globals: Rc<Scope>,
    pub(crate) builtins: Rc<Scope>,
    /// Imported modules by dotted name.
    pub(crate) modules: HashMap<String, Value>,
    /// Slope sources of the standard library, by module name.
    pub(crate) std_sources: HashMap<String, &'static str>,
    pub(crate) depth: usize,
    pub(crate) sink: Sink,
    pub(crate) display_sink: DisplaySink,
    /// Native modules registered by the embedder, by dotted name.
    pub(crate) native_modules: HashMap<String, NativeModule>,
    /// Hooks run at the end of every cell (e.g. showing pending figures), in order.
    pub(crate) end_of_cell: Vec<fn(&mut Interp) -> Result<()>>,
    pub(crate) interrupt: Arc<AtomicBool>,
    /// What runs synced graphs: the device choice, the plan cache and the backends with their
    /// caches and pools (`backend::Runtime`). The session's own: sessions share none of it.
    pub(crate) runtime: crate::backend::Runtime,
    /// The runtime host callbacks run their own array work on while a computation holding them
    /// runs (`host_call.rs`); made on the first such run.
    pub(crate) host_runtime: Option<Box<crate::backend::Runtime>>,
    /// The error a host callback raised in the run in progress, for the sync that ran it.
    pub(crate) host_error: Option<Diagnostic>,
    /// Cell magics registered by the embedder (`%%rust`), by name.
    pub(crate) cell_magics: HashMap<String, CellMagic>,
    /// State the embedder's natives keep per session (the `%%rust` context), by name; dropped
    /// with the session.
    pub(crate) extensions: HashMap<&'static str, Box<dyn std::any::Any>>,
    /// The classes of the builtin types.
    pub(crate) types: object::Types,
    /// The generators running now, innermost last (see `iter.rs`).
    pub(crate) gen_active: Vec<iter::Active>,
    /// The numpy functions (by `Rc` address) whose array results must be new arrays, never an
    /// argument itself (a shortcut like `cast` to the same dtype returns its input), so that an
    /// in-place write to the result does not reach the argument.
    pub(crate) fresh_natives: rustc_hash::FxHashSet<usize>,
    /// The same for functions written in Slope: the sources (by `Rc` address) of numpy's modules.
    pub(crate) fresh_sources: rustc_hash::FxHashSet<usize>,
    /// Idle generator stacks, for reuse.
    pub(crate) gen_stacks: Vec<corosensei::stack::DefaultStack>,
    /// What a failing cell must restore: containers and objects mutated in place (see `journal`).
    pub(crate) journal: journal::Journal,
    /// Classes registered as pytree nodes (`jax.tree_util.register_pytree_node` and friends).
    pub(crate) pytree_rules: Vec<(Rc<object::Class>, pytree::NodeRule)>,
    /// Where `input()` reads a line (`Session::set_input_hook`): (prompt, password) → the line,
    /// or the error to raise (kind, message), e.g. `EOFError` at the end of input.
    pub(crate) input_hook: InputHook,
    /// What `clear_output(wait)` does (`Output::Clear`; nothing by default).
    pub(crate) clear_sink: Box<dyn FnMut(bool)>,
    /// The exceptions being handled (`except` blocks running), innermost last.
    pub(crate) handling: Vec<Rc<Diagnostic>>,
}

/// Reads a line for `input()`: (prompt, password) → the line, or (error kind, message).
pub type InputHook = Box<dyn FnMut(&str, bool) -> std::result::Result<String, (String, String)>>;

/// The MIME types a user object may add to its display through `_repr_*_` methods, as IPython's
/// display formatters read them.
pub const REPR_METHODS: &[(&str, &str)] = &[
    ("_repr_html_", "text/html"),
    ("_repr_markdown_", "text/markdown"),
    ("_repr_latex_", "text/latex"),
    ("_repr_svg_", "image/svg+xml"),
    ("_repr_png_", "image/png"),
    ("_repr_jpeg_", "image/jpeg"),
    ("_repr_json_", "application/json"),
];

impl Interp {
    /// The exception the innermost running `except` block handles (`sys.exc_info`, `traceback`).
    pub fn handling_exception(&self) -> Option<&Diagnostic> {
        self.handling.last().map(|d| &**d)
    }

    /// Whether an interrupt (Ctrl-C, Jupyter's stop) was asked for; clears it. A native that
    /// waits (`time.sleep`) polls this and raises KeyboardInterrupt.
    pub fn take_interrupt(&self) -> bool {
        self.interrupt.swap(false, Ordering::SeqCst)
    }

    /// A built-in class (an exception type such as `ValueError` or `JSONDecodeError`) by name.
    pub fn builtin_class(&self, name: &str) -> Rc<object::Class> {
        self.types.get(name)
    }

    /// How many traced functions, vjps and transformed functions the trace cache holds.
    pub fn trace_cache_sizes(&self) -> (usize, usize, usize) {
        self.jax_cache.sizes()
    }

    /// Python's builtin names and their values (the `builtins` module).
    pub fn builtin_items(&self) -> Vec<(Rc<str>, Value)> {
        self.builtins.vars.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    pub(crate) fn new(std_sources: &[(&str, &'static str)]) -> Interp {
        let builtins = Scope::new(None);
        let types = object::Types::new();
        builtins::install(&builtins, &types);
        let globals = Scope::new_module(Some(builtins.clone()));
        globals.set("__name__".into(), Value::str("__main__"));
        Interp {
            stage: Stage::new(),
            traces: Vec::new(),
            jax_cache: trace::Cache::default(),
            trace_reads: RefCell::new(trace::TraceReads::default()),
            std_scopes: HashMap::new(),
            globals,
            builtins,
            modules: HashMap::new(),
            std_sources: std_sources.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            depth: 0,
            sink: Box::new(|k, s| match k {
                StreamKind::Stdout => print!("{s}"),
                StreamKind::Stderr => eprint!("{s}"),
            }),
            display_sink: Box::new(|_| {}),
            native_modules: HashMap::new(),
            end_of_cell: Vec::new(),
            interrupt: crate::limits::new_interrupt_flag(),
            runtime: crate::backend::Runtime::new(),
            host_runtime: None,
            host_error: None,
            cell_magics: HashMap::new(),
            extensions: HashMap::new(),
            types,
            gen_active: Vec::new(),
            fresh_natives: Default::default(),
            fresh_sources: Default::default(),
            gen_stacks: Vec::new(),
            journal: journal::Journal::default(),
            pytree_rules: Vec::new(),
            input_hook: Box::new(|prompt, _password| {
                use std::io::{BufRead, Write};
                print!("{prompt}");
                let _ = std::io::stdout().flush();
                let mut line = String::new();
                match std::io::stdin().lock().read_line(&mut line) {
                    Ok(0) | Err(_) => Err(("EOFError".into(), "EOF when reading a line".into())),
                    Ok(_) => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
                }
            }),
            clear_sink: Box::new(|_| {}),
            handling: Vec::new(),
        }
    }

    /// The exception being handled as Python's `sys.exc_info()` gives it: (its class, the
    /// exception object), or None outside `except` blocks.
    pub fn exc_info(&mut self) -> Option<(Value, Value)> {
        let d = self.handling.last()?.clone();
        let v = crate::interp::value::Raised::payload_value(&*d).unwrap_or_else(|| Value::Exception(d.clone()));
        let c = Value::Class(self.class_of(&v));
        Some((c, v))
    }

    /// The MIME bundle that shows `v` (a cell's result, `display(v)`): `text/plain` (its repr)
    /// first, then what its class's `_repr_html_`, `_repr_markdown_`… methods return (those
    /// returning None are left out), as IPython's formatters do.
    pub(crate) fn mime_bundle(&mut self, v: &Value) -> Result<Vec<(String, String)>> {
        let mut bundle = vec![("text/plain".to_string(), self.repr(v)?)];
        if let Value::Object(_) = v {
            for (method, mime) in REPR_METHODS {
                let f = match self.getattr(v, method) {
                    Ok(f) => f,
                    Err(e) if e.kind.as_ref() == "AttributeError" => continue,
                    Err(e) => return Err(e),
                };
                match self.call(&f, Vec::new(), Vec::new())? {
                    Value::None => {}
                    Value::Str(t) => bundle.push((mime.to_string(), t.to_string())),
                    other if *mime == "application/json" => {
                        let json = self.import("json")?;
                        let dumps = self.getattr(&json, "dumps")?;
                        let t = self.call(&dumps, vec![other], Vec::new())?;
                        bundle.push((mime.to_string(), self.to_str(&t)?));
                    }
                    other => {
                        return Err(Diagnostic::new("TypeError", format!("{method} returned {}, not str", other.type_name()))
                            .with_help(format!("return the {mime} content as a string (None to leave it out)")))
                    }
                }
            }
        }
        Ok(bundle)
    }

    /// State the embedder's natives keep per session, by name (the `%%rust` context).
    pub fn extensions(&mut self) -> &mut HashMap<&'static str, Box<dyn std::any::Any>> {
        &mut self.extensions
    }

    /// One of the natives' per-session states, to read.
    pub fn extension(&self, name: &str) -> Option<&dyn std::any::Any> {
        self.extensions.get(name).map(|b| b.as_ref())
    }

    /// The modules imported so far, by dotted name (a native may add one it builds lazily).
    pub fn loaded_modules(&mut self) -> &mut HashMap<String, Value> {
        &mut self.modules
    }

    pub fn write(&mut self, kind: StreamKind, s: &str) {
        (self.sink)(kind, s)
    }

    /// Show a rich value (a plot, an image): MIME type → content, `text/plain` included.
    pub fn display(&mut self, bundle: Vec<(String, String)>) {
        (self.display_sink)(bundle)
    }

    pub(crate) fn check_interrupt(&self) -> Result<()> {
        if self.interrupt.swap(false, Ordering::SeqCst) {
            return Err(Diagnostic::new("KeyboardInterrupt", "interrupted"));
        }
        Ok(())
    }

    /// Run a cell's statements at top level. Returns the value of a last bare expression.
    pub(crate) fn run_module(&mut self, stmts: &[Stmt], src: &Rc<Source>) -> Result<Option<Value>> {
        let ctx = Ctx::module(src.clone(), self.globals.clone());
        let n = stmts.len();
        let mut last = None;
        for (i, s) in stmts.iter().enumerate() {
            if i + 1 == n {
                if let StmtKind::Expr(e) = &s.kind {
                    last = Some(self.eval(e, &ctx)?);
                    break;
                }
            }
            match self.exec(s, &ctx)? {
                Flow::Normal => {}
                Flow::Return(_) | Flow::Break | Flow::Continue => {
                    return Err(Diagnostic::new("SyntaxError", "'return', 'break' or 'continue' outside a function or loop").at(src, s.span));
                }
            }
        }
        Ok(last)
    }

    /// Run a module source (the standard library) in a fresh global scope; returns that scope.
    pub(crate) fn run_in_scope(&mut self, stmts: &[Stmt], src: &Rc<Source>, scope: Rc<Scope>) -> Result<()> {
        let ctx = Ctx::module(src.clone(), scope);
        self.exec_block(stmts, &ctx).map(|_| ())
    }

    fn exec_block(&mut self, stmts: &[Stmt], ctx: &Ctx) -> Result<Flow> {
        for s in stmts {
            match self.exec(s, ctx)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Run one iteration of a loop body (a sync point at its end). `Some(flow)` leaves the loop
    /// with that flow (`break` leaves it normally).
    fn iteration(&mut self, body: &[Stmt], ctx: &Ctx) -> Result<Option<Flow>> {
        let flow = self.exec_block(body, ctx)?;
        if ctx.src.name.starts_with("<std ") {
            // The standard library's loops are short (over axes or operands) and part of one
            // numpy call: syncing there would split one fused computation into several.
            self.check_interrupt()?;
        } else {
            self.end_iteration()?;
        }
        Ok(match flow {
            Flow::Break => Some(Flow::Break),
            Flow::Return(v) => Some(Flow::Return(v)),
            Flow::Normal | Flow::Continue => None,
        })
    }

    /// Leave a loop with the flow an iteration ended with: `break` ends just the loop.
    fn loop_exit(flow: Flow) -> Flow {
        match flow {
            Flow::Break => Flow::Normal,
            other => other,
        }
    }

    fn exec(&mut self, s: &Stmt, ctx: &Ctx) -> Result<Flow> {
        let r = self.exec_inner(s, ctx);
        r.map_err(|e| e.leaving(&ctx.src, s.span, &ctx.func))
    }

    fn exec_inner(&mut self, s: &Stmt, ctx: &Ctx) -> Result<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e, ctx)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, ctx)?;
                for t in targets {
                    self.assign(t, v.clone(), ctx)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                let cur = match target {
                    Target::Name(n, sp) => self.lookup(n, ctx).map_err(|e| e.at(&ctx.src, *sp))?,
                    Target::Subscript { value: obj, index, span } => {
                        let o = self.eval(obj, ctx)?;
                        let i = self.eval(index, ctx)?;
                        self.getitem(&o, &i).map_err(|e| e.at(&ctx.src, *span))?
                    }
                    Target::Attribute { value: obj, attr, span } => {
                        let o = self.eval(obj, ctx)?;
                        self.getattr(&o, attr).map_err(|e| e.at(&ctx.src, *span))?
                    }
                    Target::Tuple(_, sp) | Target::Starred(_, sp) => {
                        return Err(Diagnostic::new("SyntaxError", "illegal expression for augmented assignment").at(&ctx.src, *sp));
                    }
                };
                let rhs = self.eval(value, ctx)?;
                let new = if let (Value::List(l), BinOp::Add) = (&cur, op) {
                    // `xs += ys` extends the list in place.
                    let items = self.iterate(&rhs)?;
                    self.journal_list(l);
                    l.borrow_mut().extend(items);
                    cur.clone()
                } else if let Value::Array(a) = &cur {
                    let new = self.binop(*op, &cur, &rhs)?;
                    if a.jax() || a.ndim() == 0 {
                        // JAX arrays are immutable, and numpy scalars too: rebind.
                        new
                    } else {
                        // numpy: in place, seen by every name, container and view of the array.
                        let Value::Array(r) = &new else { return Err(Diagnostic::new("TypeError", "in-place operation did not produce an array")) };
                        let span = target.span();
                        self.augassign_array(a, r, ops::ufunc_name(*op)).map_err(|e| e.at(&ctx.src, span))?;
                        if matches!(target, Target::Subscript { .. }) && a.0.view.is_some() {
                            // `x[i] += v` with x[i] a view: the write already reached x.
                            return Ok(Flow::Normal);
                        }
                        cur.clone()
                    }
                } else {
                    let inplace = object::binop_dunders(*op).2;
                    match self.dunder(&cur, inplace, vec![rhs.clone()])? {
                        Some(v) if !matches!(v, Value::NotImplemented) => v,
                        _ => self.binop(*op, &cur, &rhs)?,
                    }
                };
                self.assign(target, new, ctx)?;
            }
            StmtKind::FunctionDef(def) => {
                let f = self.make_function(def, ctx)?;
                let mut f = f;
                for d in def.decorators.iter().rev() {
                    let dv = self.eval(d, ctx)?;
                    f = self.call(&dv, vec![f], vec![]).map_err(|e| e.at(&ctx.src, d.span))?;
                }
                self.set_var(&def.name, f, ctx);
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, ctx)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::If { test, body, orelse } => {
                let t = self.eval(test, ctx)?;
                let b = self.truthy(&t).map_err(|e| name_condition(e, ctx, test, "if"))?;
                return self.exec_block(if b { body } else { orelse }, ctx);
            }
            StmtKind::For { target, iter, body, orelse } => {
                let it = self.eval(iter, ctx)?;
                match it {
                    Value::Range(a, b, st) => {
                        let mut i = a;
                        while (st > 0 && i < b) || (st < 0 && i > b) {
                            self.assign(target, Value::Int(i), ctx)?;
                            if let Some(exit) = self.iteration(body, ctx)? {
                                return Ok(Self::loop_exit(exit));
                            }
                            i += st;
                        }
                    }
                    Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Dict(_) | Value::Array(_) | Value::Set(_) | Value::FrozenSet(_) => {
                        let items = self.iterate(&it).map_err(|e| e.at(&ctx.src, iter.span))?;
                        for item in items {
                            self.assign(target, item, ctx)?;
                            if let Some(exit) = self.iteration(body, ctx)? {
                                return Ok(Self::loop_exit(exit));
                            }
                        }
                    }
                    other => {
                        // Generators and iterators are consumed lazily (they may be endless).
                        let iterator = self.get_iter(&other).map_err(|e| e.at(&ctx.src, iter.span))?;
                        while let Some(item) = self.next_item(&iterator).map_err(|e| e.at(&ctx.src, iter.span))? {
                            self.assign(target, item, ctx)?;
                            if let Some(exit) = self.iteration(body, ctx)? {
                                return Ok(Self::loop_exit(exit));
                            }
                        }
                    }
                }
                return self.exec_block(orelse, ctx);
            }
            StmtKind::While { test, body, orelse } => {
                loop {
                    let t = self.eval(test, ctx)?;
                    if !self.truthy(&t).map_err(|e| name_condition(e, ctx, test, "while"))? {
                        break;
                    }
                    if let Some(exit) = self.iteration(body, ctx)? {
                        return Ok(Self::loop_exit(exit));
                    }
                }
                return self.exec_block(orelse, ctx);
            }
            StmtKind::ClassDef(def) => {
                let cls = self.exec_class(def, ctx)?;
                let mut v = Value::Class(cls);
                for d in def.decorators.iter().rev() {
                    let dv = self.eval(d, ctx)?;
                    v = self.call(&dv, vec![v], vec![]).map_err(|e| e.at(&ctx.src, d.span))?;
                }
                self.set_var(&def.name, v, ctx);
            }
            StmtKind::AnnAssign { target, annotation, value } => {
                if let Some(value) = value {
                    let v = self.eval(value, ctx)?;
                    self.assign(target, v, ctx)?;
                }
                // Class bodies and modules record their annotations (as text).
                if let (Target::Name(n, _), true) = (target, ctx.class_cell.is_some() || ctx.scope.module) {
                    let ann = ctx.scope.vars.borrow().get("__annotations__").cloned();
                    let d = match ann {
                        Some(Value::Dict(d)) => d,
                        _ => {
                            let d = Rc::new(RefCell::new(Dict::default()));
                            self.set_var(&"__annotations__".into(), Value::Dict(d.clone()), ctx);
                            d
                        }
                    };
                    self.journal_dict(&d);
                    d.borrow_mut().insert(Value::Str(n.clone()), Key::Str(n.clone()), Value::Str(annotation.clone()));
                }
            }
            StmtKind::With { items, body } => return self.exec_with(items, body, ctx),
            StmtKind::Match { subject, cases } => return self.exec_match(subject, cases, ctx),
            StmtKind::ImportStar { module } => {
                let m = self.import(module)?;
                let Value::Module(m) = m else { return Ok(Flow::Normal) };
                let all = m.get("__all__");
                let names: Vec<(Name, Value)> = match all {
                    Some(all) => {
                        let mut out = Vec::new();
                        for n in self.iterate(&all)? {
                            if let Value::Str(n) = n {
                                if let Some(v) = m.get(&n) {
                                    out.push((n, v));
                                }
                            }
                        }
                        out
                    }
                    None => m.attrs.borrow().iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect(),
                };
                for (n, v) in names {
                    self.set_var(&n, v, ctx);
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass => {}
            StmtKind::Assert { test, msg } => {
                let t = self.eval(test, ctx)?;
                if !self.truthy(&t).map_err(|e| e.at(&ctx.src, test.span))? {
                    let m = match msg {
                        Some(m) => {
                            let v = self.eval(m, ctx)?;
                            self.to_str(&v)?
                        }
                        None => String::new(),
                    };
                    return Err(Diagnostic::new("AssertionError", m).at(&ctx.src, test.span));
                }
            }
            StmtKind::Raise { exc } => {
                let Some(e) = exc else {
                    return match &ctx.handling {
                        Some(d) => Err((**d).clone()),
                        None => Err(Diagnostic::new("RuntimeError", "No active exception to re-raise")),
                    };
                };
                let v = self.eval(e, ctx)?;
                let d = self.to_raise(v)?;
                return Err(d.at(&ctx.src, e.span));
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                let r = self.exec_block(body, ctx);
                let r = match r {
                    Ok(flow) => match flow {
                        Flow::Normal => self.exec_block(orelse, ctx),
                        other => Ok(other),
                    },
                    Err(err) => {
                        let mut handled = None;
                        for h in handlers {
                            let matches = match &h.typ {
                                None => true,
                                Some(t) => {
                                    let tv = self.eval(t, ctx)?;
                                    self.exc_matches(&tv, &err).map_err(|e| e.at(&ctx.src, t.span))?
                                }
                            };
                            if matches {
                                handled = Some(h);
                                break;
                            }
                        }
                        if err.kind.as_ref() == "KeyboardInterrupt" && handled.is_some_and(|h| h.typ.is_none()) {
                            handled = None;
                        }
                        match handled {
                            Some(h) => {
                                let exc = Rc::new(err);
                                if let Some(n) = &h.name {
                                    let v = exc.payload_value().unwrap_or_else(|| Value::Exception(exc.clone()));
                                    self.set_var(n, v, ctx);
                                }
                                let mut c2 = ctx.clone();
                                c2.handling = Some(exc.clone());
                                // `sys.exc_info()` and `traceback.format_exc()` read it.
                                self.handling.push(exc);
                                let r = self.exec_block(&h.body, &c2);
                                self.handling.pop();
                                r
                            }
                            None => Err(err),
                        }
                    }
                };
                if !finalbody.is_empty() {
                    match self.exec_block(finalbody, ctx)? {
                        Flow::Normal => {}
                        other => return Ok(other),
                    }
                }
                return r;
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, ctx)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let m = self.import(&a.name).map_err(|e| e.at(&ctx.src, a.span))?;
                    match &a.asname {
                        Some(n) => self.set_var(n, m, ctx),
                        None => {
                            // `import a.b` binds `a`.
                            let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                            let tm = self.import(&top).map_err(|e| e.at(&ctx.src, a.span))?;
                            self.set_var(&Rc::from(top.as_str()), tm, ctx);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let m = self.import(module)?;
                for a in names {
                    let sub = format!("{module}.{}", a.name);
                    let v = match self.getattr(&m, &a.name) {
                        Ok(v) => v,
                        Err(_) => match self.import(&sub) {
                            Ok(v) => v,
                            Err(_) => {
                                return Err(Diagnostic::new("ImportError", format!("cannot import name '{}' from '{module}'", a.name))
                                    .with_help(self.suggest_member(&m, &a.name))
                                    .at(&ctx.src, a.span))
                            }
                        },
                    };
                    let n = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.set_var(&n, v, ctx);
                }
            }
            StmtKind::Global(names) => ctx.scope.global_names.borrow_mut().extend(names.iter().cloned()),
            StmtKind::Nonlocal(names) => ctx.scope.nonlocal_names.borrow_mut().extend(names.iter().cloned()),
        }
        Ok(Flow::Normal)
    }

    fn make_function(&mut self, def: &Rc<FuncDef>, ctx: &Ctx) -> Result<Value> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(e) => Some(self.eval(e, ctx)?),
                None => None,
            });
        }
        // Functions defined in a class body close over the class's cell scope, not its body.
        let scope = ctx.class_cell.clone().unwrap_or_else(|| ctx.scope.clone());
        let qualname: Rc<str> = if ctx.class_cell.is_some() { format!("{}.{}", ctx.func, def.name).into() } else { def.name.clone() };
        let f = Rc::new(Closure { def: def.clone(), qualname, src: ctx.src.clone(), scope, defaults, attrs: RefCell::new(None) });
        gc::track_func(&f);
        Ok(Value::Func(f))
    }

    pub(crate) fn set_var(&mut self, name: &Name, v: Value, ctx: &Ctx) {
        if ctx.scope.global_names.borrow().iter().any(|n| n == name) {
            // The global scope of the module the code belongs to (a standard-library module's
            // own, or the user's).
            let mut g = ctx.scope.clone();
            while !g.module {
                match g.parent.clone() {
                    Some(p) => g = p,
                    None => {
                        g = self.globals.clone();
                        break;
                    }
                }
            }
            self.journal_scope(&g);
            g.set(name.clone(), v);
            return;
        }
        if ctx.scope.nonlocal_names.borrow().iter().any(|n| n == name) {
            let mut s = ctx.scope.parent.clone();
            while let Some(sc) = s {
                if sc.vars.borrow().contains_key(name) {
                    self.journal_scope(&sc);
                    sc.set(name.clone(), v);
                    return;
                }
                s = sc.parent.clone();
            }
        }
        if ctx.scope.module {
            self.journal_scope(&ctx.scope);
        }
        ctx.scope.set(name.clone(), v);
    }

    fn lookup(&self, name: &str, ctx: &Ctx) -> Result<Value> {
        if !self.traces.is_empty() {
            // While tracing, note which scope the name was found in (see `trace::ReadSource`).
            let mut s = Some(ctx.scope.clone());
            while let Some(sc) = s {
                let v = sc.vars.borrow().get(name).cloned();
                if let Some(v) = v {
                    self.note_name_read(&sc, name, &v);
                    return Ok(v);
                }
                s = sc.parent.clone();
            }
        } else if let Some(v) = ctx.scope.lookup(name) {
            return Ok(v);
        }
        let mut d = Diagnostic::new("NameError", format!("name '{name}' is not defined"));
        let mut names: Vec<String> = Vec::new();
        let mut s = Some(ctx.scope.clone());
        while let Some(sc) = s {
            names.extend(sc.vars.borrow().keys().map(|k| k.to_string()));
            s = sc.parent.clone();
        }
        if let Some(best) = closest(name, names.iter().map(|s| s.as_str())) {
            d = d.with_help(format!("did you mean '{best}'?"));
        } else if matches!(name, "np" | "jnp" | "jax" | "plt" | "math") {
            d = d.with_help(format!("import it first, e.g. `import {}`", match name {
                "np" => "numpy as np",
                "jnp" => "jax.numpy as jnp",
                "plt" => "matplotlib.pyplot as plt",
                n => n,
            }));
        } else {
            d = d.with_help("define it before this line, or check the spelling");
        }
        Err(d)
    }

    fn assign(&mut self, t: &Target, v: Value, ctx: &Ctx) -> Result<()> {
        match t {
            Target::Name(n, _) => {
                self.set_var(n, v, ctx);
                Ok(())
            }
            Target::Tuple(items, span) => {
                let vals = self.iterate(&v).map_err(|e| e.at(&ctx.src, *span))?;
                let star = items.iter().position(|t| matches!(t, Target::Starred(..)));
                match star {
                    None => {
                        if vals.len() != items.len() {
                            let msg = if vals.len() > items.len() {
                                format!("too many values to unpack (expected {})", items.len())
                            } else {
                                format!("not enough values to unpack (expected {}, got {})", items.len(), vals.len())
                            };
                            return Err(Diagnostic::new("ValueError", msg).at(&ctx.src, *span));
                        }
                        for (t, v) in items.iter().zip(vals) {
                            self.assign(t, v, ctx)?;
                        }
                    }
                    Some(k) => {
                        let after = items.len() - k - 1;
                        if vals.len() < items.len() - 1 {
                            return Err(Diagnostic::new("ValueError", format!("not enough values to unpack (expected at least {}, got {})", items.len() - 1, vals.len())).at(&ctx.src, *span));
                        }
                        for (t, v) in items[..k].iter().zip(vals.iter()) {
                            self.assign(t, v.clone(), ctx)?;
                        }
                        let mid = vals[k..vals.len() - after].to_vec();
                        if let Target::Starred(inner, _) = &items[k] {
                            self.assign(inner, Value::list(mid), ctx)?;
                        }
                        for (t, v) in items[k + 1..].iter().zip(vals[vals.len() - after..].iter()) {
                            self.assign(t, v.clone(), ctx)?;
                        }
                    }
                }
                Ok(())
            }
            Target::Starred(_, span) => Err(Diagnostic::new("SyntaxError", "starred assignment target must be in a list or tuple").at(&ctx.src, *span)),
            Target::Subscript { value, index, span } => {
                let obj = self.eval(value, ctx)?;
                let idx = self.eval(index, ctx)?;
                if let Value::Array(a) = &obj {
                    if a.jax() {
                        return Err(Diagnostic::new(
                            "TypeError",
                            "JAX arrays are immutable and do not support in-place item assignment",
                        )
                        .with_help("use x = x.at[idx].set(y) instead")
                        .at(&ctx.src, *span));
                    }
                    // numpy: in place, seen by every name, container and view of the array.
                    return self.setitem_array(a, &idx, &v).map_err(|e| e.at(&ctx.src, *span));
                }
                self.setitem(&obj, idx, v).map_err(|e| e.at(&ctx.src, *span))
            }
            Target::Attribute { value, attr, span } => {
                let obj = self.eval(value, ctx)?;
                self.setattr(&obj, attr, v).map_err(|e| e.at(&ctx.src, *span))
            }
        }
    }

    /// `obj[idx] = v` for containers and objects (arrays are handled by assignment, which rebinds).
    pub(crate) fn setitem(&mut self, obj: &Value, idx: Value, v: Value) -> Result<()> {
        match obj {
            Value::List(l) => {
                self.journal_list(l);
                if let Value::Slice(s) = &idx {
                    let items = self.iterate(&v)?;
                    let mut l = l.borrow_mut();
                    let n = l.len() as i64;
                    let (b, len) = ops::slice_indices(s[0], s[1], s[2].unwrap_or(1), n);
                    if s[2].unwrap_or(1) != 1 {
                        return Err(Diagnostic::new("NotImplementedError", "extended slice assignment to lists is not supported"));
                    }
                    let b = b as usize;
                    l.splice(b..b + len as usize, items);
                    return Ok(());
                }
                let i = self.index_int(&idx)?;
                let mut l = l.borrow_mut();
                let n = l.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(Diagnostic::new("IndexError", "list assignment index out of range"));
                }
                l[j as usize] = v;
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.key_of(&idx)?;
                self.journal_dict(d);
                d.borrow_mut().insert(idx, k, v);
                Ok(())
            }
            Value::Object(o) => match self.dunder(obj, "__setitem__", vec![idx, v])? {
                Some(_) => Ok(()),
                None => Err(Diagnostic::new("TypeError", format!("'{}' object does not support item assignment", o.class.name)).with_help("define __setitem__ in the class to support `obj[key] = value`")),
            },
            other => Err(Diagnostic::new("TypeError", format!("'{}' object does not support item assignment", other.type_name()))),
        }
    }

    /// `del obj[idx]`.
    pub(crate) fn delitem(&mut self, obj: &Value, idx: &Value) -> Result<()> {
        match obj {
            Value::List(l) => {
                self.journal_list(l);
                if let Value::Slice(s) = idx {
                    let mut l = l.borrow_mut();
                    let n = l.len() as i64;
                    let step = s[2].unwrap_or(1);
                    let (b, len) = ops::slice_indices(s[0], s[1], step, n);
                    let mut drop: Vec<usize> = (0..len).map(|k| (b + k * step) as usize).collect();
                    drop.sort_unstable();
                    for i in drop.into_iter().rev() {
                        l.remove(i);
                    }
                    return Ok(());
                }
                let i = self.index_int(idx)?;
                let mut l = l.borrow_mut();
                let n = l.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(Diagnostic::new("IndexError", "list assignment index out of range"));
                }
                l.remove(j as usize);
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.key_of(&idx)?;
                self.journal_dict(d);
                if d.borrow_mut().remove(&k).is_none() {
                    return Err(Diagnostic::new("KeyError", self.repr(idx)?));
                }
                Ok(())
            }
            Value::Object(o) => match self.dunder(obj, "__delitem__", vec![idx.clone()])? {
                Some(_) => Ok(()),
                None => Err(Diagnostic::new("TypeError", format!("'{}' object does not support item deletion", o.class.name))),
            },
            other => Err(Diagnostic::new("TypeError", format!("'{}' object does not support item deletion", other.type_name()))),
        }
    }

    fn delete(&mut self, t: &Target, ctx: &Ctx) -> Result<()> {
        match t {
            Target::Name(n, span) => {
                if ctx.scope.module {
                    self.journal_scope(&ctx.scope);
                }
                if ctx.scope.vars.borrow_mut().remove(n).is_none() {
                    return Err(Diagnostic::new("NameError", format!("name '{n}' is not defined")).at(&ctx.src, *span));
                }
                Ok(())
            }
            Target::Tuple(items, _) => {
                for t in items {
                    self.delete(t, ctx)?;
                }
                Ok(())
            }
            Target::Subscript { value, index, span } => {
                let obj = self.eval(value, ctx)?;
                let idx = self.eval(index, ctx)?;
                self.delitem(&obj, &idx).map_err(|e| e.at(&ctx.src, *span))
            }
            Target::Attribute { value, attr, span } => {
                let obj = self.eval(value, ctx)?;
                self.delattr(&obj, attr).map_err(|e| e.at(&ctx.src, *span))
            }
            other => Err(Diagnostic::new("SyntaxError", "cannot delete this target").at(&ctx.src, other.span())),
        }
    }

    /// Evaluate an expression; errors get this expression's span unless they have one.
    pub(crate) fn eval(&mut self, e: &Expr, ctx: &Ctx) -> Result<Value> {
        self.eval_inner(e, ctx).map_err(|d| d.at(&ctx.src, e.span))
    }

    fn eval_inner(&mut self, e: &Expr, ctx: &Ctx) -> Result<Value> {
        Ok(match &e.kind {
            ExprKind::Name(n) => self.lookup(n, ctx)?,
            ExprKind::Const(c) => match c {
                Constant::None => Value::None,
                Constant::Bool(b) => Value::Bool(*b),
                Constant::Int(i) => Value::Int(*i),
                Constant::Float(f) => Value::Float(*f),
                Constant::Str(s) => Value::Str(s.clone()),
                Constant::Ellipsis => Value::Ellipsis,
            },
            ExprKind::FString(parts) => Value::Str(self.fstring(parts, ctx)?.into()),
            ExprKind::BinOp { op, left, right } => {
                let l = self.eval(left, ctx)?;
                let r = self.eval(right, ctx)?;
                self.binop(*op, &l, &r)?
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand, ctx)?;
                self.unaryop(*op, &v)?
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, v) in values.iter().enumerate() {
                    last = self.eval(v, ctx)?;
                    if i + 1 == values.len() {
                        break;
                    }
                    let t = self.truthy(&last).map_err(|d| d.at(&ctx.src, v.span))?;
                    match op {
                        BoolOp::And if !t => return Ok(last),
                        BoolOp::Or if t => return Ok(last),
                        _ => {}
                    }
                }
                last
            }
            ExprKind::Compare { left, ops, comparators } => {
                let mut l = self.eval(left, ctx)?;
                let mut result = Value::Bool(true);
                for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
                    let r = self.eval(c, ctx)?;
                    let v = self.compare(*op, &l, &r)?;
                    if ops.len() == 1 {
                        return Ok(v);
                    }
                    if !self.truthy(&v)? {
                        return Ok(v);
                    }
                    result = v;
                    l = r;
                    let _ = i;
                }
                result
            }
            ExprKind::Call { func, args } => {
                if let (ExprKind::Name(n), true) = (&func.kind, args.is_empty()) {
                    if n.as_ref() == "super" {
                        if let Some(Value::Builtin(b)) = ctx.scope.lookup("super") {
                            if b.name.as_ref() == "super" {
                                return self.zero_arg_super(ctx);
                            }
                        }
                    }
                }
                let f = self.eval(func, ctx)?;
                let mut pos = Vec::new();
                let mut kw: Kwargs = Vec::new();
                for a in args {
                    match a {
                        Arg::Pos(e) => pos.push(self.eval(e, ctx)?),
                        Arg::Star(e) => {
                            let v = self.eval(e, ctx)?;
                            pos.extend(self.iterate(&v).map_err(|d| d.at(&ctx.src, e.span))?);
                        }
                        Arg::Kw(n, e) => {
                            let v = self.eval(e, ctx)?;
                            kw.push((n.clone(), v));
                        }
                        Arg::StarStar(e) => {
                            let v = self.eval(e, ctx)?;
                            match v {
                                Value::Dict(d) => {
                                    for (k, v) in d.borrow().entries.iter() {
                                        match k {
                                            Value::Str(s) => kw.push((s.clone(), v.clone())),
                                            _ => return Err(Diagnostic::new("TypeError", "keywords must be strings").at(&ctx.src, e.span)),
                                        }
                                    }
                                }
                                other => return Err(Diagnostic::new("TypeError", format!("argument after ** must be a mapping, not {}", other.type_name())).at(&ctx.src, e.span)),
                            }
                        }
                    }
                }
                let traced_names: Vec<String> = if self.traces.is_empty() {
                    Vec::new()
                } else {
                    // The arguments, and the receiver of a method call (`x.item()`).
                    let receiver = match &func.kind {
                        ExprKind::Attribute { value, .. } => Some(&**value),
                        _ => None,
                    };
                    args.iter()
                        .filter_map(|a| match a {
                            Arg::Pos(x) | Arg::Kw(_, x) => Some(x),
                            _ => None,
                        })
                        .chain(receiver)
                        .filter_map(|x| match &x.kind {
                                ExprKind::Name(n) => match ctx.scope.lookup(n) {
                                    Some(Value::Array(arr)) if self.is_traced(&arr) => Some(n.to_string()),
                                    _ => None,
                                },
                                _ => None,
                        })
                        .collect()
                };
                match self.call_at(&f, pos, kw, ctx, e.span) {
                    Ok(v) => v,
                    Err(d) if d.kind.as_ref() == "ConcretizationTypeError" && !traced_names.is_empty() && d.loc.is_none() => {
                        let call = ctx.src.text.get(e.span.range()).unwrap_or("this call");
                        let mut d2 = Diagnostic::new(
                            "ConcretizationTypeError",
                            format!("`{call}` needs the value of `{}`, which is traced inside {}: {}", traced_names.join("`, `"), ctx.func, d.message.split_once(": ").map_or(d.message.as_str(), |(_, why)| why)),
                        );
                        d2.help = d.help.clone();
                        return Err(d2);
                    }
                    Err(d) => return Err(d),
                }
            }
            ExprKind::Attribute { value, attr } => {
                let v = self.eval(value, ctx)?;
                self.getattr(&v, attr)?
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(value, ctx)?;
                let i = self.eval(index, ctx)?;
                self.getitem(&v, &i)?
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut vals = [Value::None, Value::None, Value::None];
                for (k, p) in [lower, upper, step].iter().enumerate() {
                    if let Some(p) = p {
                        vals[k] = self.eval(p, ctx)?;
                    }
                }
                self.make_slice(vals)?
            }
            ExprKind::Tuple(items) => Value::tuple(self.eval_items(items, ctx)?),
            ExprKind::List(items) => Value::list(self.eval_items(items, ctx)?),
            ExprKind::Dict(items) => {
                let mut d = Dict::default();
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let kv = self.eval(k, ctx)?;
                            let key = self.key_of(&kv).map_err(|d| d.at(&ctx.src, k.span))?;
                            let vv = self.eval(v, ctx)?;
                            d.insert(kv, key, vv);
                        }
                        None => {
                            let m = self.eval(v, ctx)?;
                            if let Value::Dict(m) = m {
                                for (k, v) in m.borrow().entries.iter() {
                                    d.insert(k.clone(), self.key_of(&k)?, v.clone());
                                }
                            } else {
                                return Err(Diagnostic::new("TypeError", format!("'{}' object is not a mapping", m.type_name())).at(&ctx.src, v.span));
                            }
                        }
                    }
                }
                Value::dict(d)
            }
            ExprKind::Lambda(def) => self.make_function(def, ctx)?,
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(test, ctx)?;
                if self.truthy(&t).map_err(|d| d.at(&ctx.src, test.span))? {
                    self.eval(body, ctx)?
                } else {
                    self.eval(orelse, ctx)?
                }
            }
            ExprKind::ListComp { elt, generators } => {
                let c2 = ctx.with_scope(Scope::new(Some(ctx.scope.clone())));
                let mut out = Vec::new();
                self.comprehension(generators, 0, &c2, &mut |this, c| {
                    let v = this.eval(elt, c)?;
                    out.push(v);
                    Ok(())
                })?;
                Value::list(out)
            }
            ExprKind::DictComp { key, value, generators } => {
                let c2 = ctx.with_scope(Scope::new(Some(ctx.scope.clone())));
                let mut d = Dict::default();
                self.comprehension(generators, 0, &c2, &mut |this, c| {
                    let k = this.eval(key, c)?;
                    let v = this.eval(value, c)?;
                    let hk = this.key_of(&k)?;
                    d.insert(k, hk, v);
                    Ok(())
                })?;
                Value::dict(d)
            }
            ExprKind::SetComp { elt, generators } => {
                let c2 = ctx.with_scope(Scope::new(Some(ctx.scope.clone())));
                let mut d = Dict::default();
                self.comprehension(generators, 0, &c2, &mut |this, c| {
                    let k = this.eval(elt, c)?;
                    let hk = this.key_of(&k)?;
                    d.insert(k, hk, Value::None);
                    Ok(())
                })?;
                Value::set(d)
            }
            ExprKind::Set(items) => {
                let mut d = Dict::default();
                for v in self.eval_items(items, ctx)? {
                    let k = self.key_of(&v).map_err(|d| d.at(&ctx.src, e.span))?;
                    d.insert(v, k, Value::None);
                }
                Value::set(d)
            }
            ExprKind::GenExp { elt, generators } => self.genexp(elt, generators, ctx)?,
            ExprKind::Yield(v) => {
                let v = match v {
                    Some(v) => self.eval(v, ctx)?,
                    None => Value::None,
                };
                self.gen_yield(v)?
            }
            ExprKind::YieldFrom(v) => {
                let sub = self.eval(v, ctx)?;
                self.yield_from(&sub).map_err(|d| d.at(&ctx.src, v.span))?
            }
            ExprKind::Named { name, value } => {
                let v = self.eval(value, ctx)?;
                self.set_var(name, v.clone(), ctx);
                v
            }
            ExprKind::Starred(_) => return Err(Diagnostic::new("SyntaxError", "can't use starred expression here")),
        })
    }

    fn eval_items(&mut self, items: &[Expr], ctx: &Ctx) -> Result<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            if let ExprKind::Starred(inner) = &it.kind {
                let v = self.eval(inner, ctx)?;
                out.extend(self.iterate(&v).map_err(|d| d.at(&ctx.src, it.span))?);
            } else {
                out.push(self.eval(it, ctx)?);
            }
        }
        Ok(out)
    }

    fn comprehension(&mut self, gens: &[Comprehension], k: usize, ctx: &Ctx, body: &mut dyn FnMut(&mut Interp, &Ctx) -> Result<()>) -> Result<()> {
        if k == gens.len() {
            return body(self, ctx);
        }
        let g = &gens[k];
        let it = self.eval(&g.iter, ctx)?;
        let iterator = self.get_iter(&it).map_err(|d| d.at(&ctx.src, g.iter.span))?;
        'outer: while let Some(item) = self.next_item(&iterator).map_err(|d| d.at(&ctx.src, g.iter.span))? {
            self.check_interrupt()?;
            self.assign(&g.target, item, ctx)?;
            for cond in &g.ifs {
                let c = self.eval(cond, ctx)?;
                if !self.truthy(&c).map_err(|d| d.at(&ctx.src, cond.span))? {
                    continue 'outer;
                }
            }
            self.comprehension(gens, k + 1, ctx, body)?;
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FPart], ctx: &Ctx) -> Result<String> {
        let mut s = String::new();
        for p in parts {
            match p {
                FPart::Lit(l) => s.push_str(l),
                FPart::Expr { expr, conversion, spec, debug } => {
                    let v = self.eval(expr, ctx)?;
                    if let Some(d) = debug {
                        s.push_str(d);
                    }
                    let spec = self.fstring(spec, ctx)?;
                    let conv = conversion.or(if debug.is_some() && spec.is_empty() { Some('r') } else { None });
                    let text = match conv {
                        Some('r') => self.repr(&v)?,
                        Some('s') => self.to_str(&v)?,
                        _ => self.format_value(&v, &spec).map_err(|d| d.at(&ctx.src, expr.span))?,
                    };
                    s.push_str(&text);
                }
            }
        }
        Ok(s)
    }

    /// Call a value at a call site: errors inside get a traceback frame.
    pub(crate) fn call_at(&mut self, f: &Value, args: Vec<Value>, kwargs: Kwargs, ctx: &Ctx, span: Span) -> Result<Value> {
        match self.call(f, args, kwargs) {
            Ok(v) => Ok(v),
            Err(mut d) => {
                // A standard library function's error points at the user's call.
                if !ctx.src.is_std() && d.loc.as_ref().is_some_and(|l| l.src.is_std()) {
                    return Err(d.std_to_user(&ctx.src, span, &ctx.func));
                }
                // Calls into code written in Slope (functions, methods, classes, callable objects,
                // transformed functions) add the caller's frame to the traceback.
                let user_code = match f {
                    Value::Func(_) | Value::Object(_) | Value::Transformed(_) => true,
                    Value::BoundMethod(m) => matches!(m.1, Value::Func(_)),
                    Value::Class(c) => !c.builtin,
                    _ => false,
                };
                if user_code && d.loc.is_some() {
                    d.traceback.insert(0, Frame { func: ctx.func.clone(), loc: Loc { src: ctx.src.clone(), span } });
                }
                Err(d)
            }
        }
    }

    /// Call any callable value.
    pub fn call(&mut self, f: &Value, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
        match f {
            Value::Func(c) => {
                if !self.fresh_sources.contains(&(Rc::as_ptr(&c.src) as usize)) || numpy::VIEW_NATIVES.contains(&c.def.name.as_ref()) {
                    return self.call_closure(c, args, kwargs);
                }
                let ins: smallvec::SmallVec<[Array; 4]> = args.iter().filter_map(|a| if let Value::Array(a) = a { Some(a.clone()) } else { None }).collect();
                let r = self.call_closure(c, args, kwargs)?;
                Ok(ops::fresh_of(r, &ins))
            }
            Value::Builtin(b) => {
                // A ufunc given its output array positionally (`np.sin(x, out)`) returns that array.
                let positional_out = numpy::is_ufunc(b) && args.len() as i64 > numpy::ufunc_nin(b);
                if positional_out || !self.fresh_natives.contains(&(Rc::as_ptr(b) as usize)) {
                    return (b.f)(self, b, args, kwargs);
                }
                let ins: smallvec::SmallVec<[Array; 4]> = args.iter().filter_map(|a| if let Value::Array(a) = a { Some(a.clone()) } else { None }).collect();
                let r = (b.f)(self, b, args, kwargs)?;
                Ok(ops::fresh_of(r, &ins))
            }
            Value::Method(m) => self.call_method(&m.0, &m.1, args, kwargs),
            Value::Class(c) => {
                if !c.builtin {
                    if self.depth >= MAX_DEPTH {
                        return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded"));
                    }
                    self.depth += 1;
                    let r = self.instantiate(c, args, kwargs);
                    self.depth -= 1;
                    return r;
                }
                if self.types.is_exception(c) {
                    // An exception object the program made: its class and arguments.
                    let inst = object::Instance::new(c.clone());
                    *inst.base.borrow_mut() = Some(Value::tuple(args));
                    return Ok(Value::object(inst));
                }
                builtins::call_type(self, &c.name.clone(), args, kwargs)
            }
            Value::BoundMethod(m) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(m.0.clone());
                a.extend(args);
                self.call(&m.1, a, kwargs)
            }
            Value::Object(o) => {
                let Some(f) = o.class.lookup("__call__") else {
                    return Err(Diagnostic::new("TypeError", format!("'{}' object is not callable", o.class.name)).with_help("define __call__ in the class to call its instances"));
                };
                let bound = self.bind_attr(f, &Value::Object(o.clone()), &o.class.clone())?;
                self.call(&bound, args, kwargs)
            }
            Value::DType(d, jax, _) => {
                let v = args.first().cloned().unwrap_or(Value::Int(0));
                let a = self.array_from_value(&v, Some(*d), *jax)?;
                Ok(Value::Array(a))
            }
            Value::Transformed(t) => {
                if self.depth >= MAX_DEPTH {
                    return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded"));
                }
                self.depth += 1;
                let r = self.call_transformed(t, args, kwargs);
                self.depth -= 1;
                r
            }
            other => Err(Diagnostic::new("TypeError", format!("'{}' object is not callable", other.type_name()))
                .with_help("only functions can be called; remove the parentheses, or use [] to index")),
        }
    }

    fn call_closure(&mut self, c: &Rc<Closure>, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
        if self.depth >= MAX_DEPTH {
            return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded")
                .with_help("a function calls itself without reaching a base case; check the stopping condition"));
        }
        // Interrupts are also honoured on every call (recursion without loops).
        self.check_interrupt()?;
        if let Some(d) = self.gen_depth() {
            if d >= iter::GEN_MAX_DEPTH {
                return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded inside a generator")
                    .with_help("a generator's body may nest calls only so deep; recurse outside the generator, or iterate instead"));
            }
        }
        let def = &c.def;
        let scope = Scope::new(Some(c.scope.clone()));
        self.bind_args(def, &c.qualname, &c.defaults, &scope, args, kwargs)?;
        let self_name = def.params.first().filter(|p| p.kind == ParamKind::Normal).map(|p| p.name.clone());
        let ctx = Ctx { src: c.src.clone(), scope, func: def.name.clone(), handling: None, class_cell: None, self_name };
        if def.is_generator {
            // Calling a generator function runs nothing yet: the body runs as it is iterated.
            let def = def.clone();
            return self.make_generator(
                def.name.clone(),
                Box::new(move |it: &mut Interp| match it.exec_block(&def.body, &ctx)? {
                    Flow::Return(v) => Ok(v),
                    _ => Ok(Value::None),
                }),
            );
        }
        self.depth += 1;
        let r = self.exec_block(&def.body, &ctx);
        self.depth -= 1;
        match r? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }

    fn bind_args(&mut self, def: &FuncDef, fname: &str, defaults: &[Option<Value>], scope: &Rc<Scope>, args: Vec<Value>, kwargs: Kwargs) -> Result<()> {
        let mut args = args.into_iter();
        let mut bound: Vec<Option<Value>> = vec![None; def.params.len()];
        let mut extra_kw = Dict::default();
        for (i, p) in def.params.iter().enumerate() {
            match p.kind {
                ParamKind::Normal => {
                    if let Some(v) = args.next() {
                        bound[i] = Some(v);
                    }
                }
                ParamKind::VarArgs => {
                    bound[i] = Some(Value::tuple(args.by_ref().collect()));
                }
                _ => {}
            }
        }
        let rest: Vec<Value> = args.collect();
        if !rest.is_empty() {
            let n = def.params.iter().filter(|p| p.kind == ParamKind::Normal).count();
            let required = def.params.iter().zip(defaults).filter(|(p, d)| p.kind == ParamKind::Normal && d.is_none()).count();
            let takes = if required == n { format!("{n} positional argument{}", if n == 1 { "" } else { "s" }) } else { format!("from {required} to {n} positional arguments") };
            return Err(Diagnostic::new("TypeError", format!("{fname}() takes {takes} but {} {} given", n + rest.len(), if n + rest.len() == 1 { "was" } else { "were" })));
        }
        for (k, v) in kwargs {
            match def.params.iter().position(|p| p.name == k && matches!(p.kind, ParamKind::Normal | ParamKind::KwOnly)) {
                Some(i) => {
                    if bound[i].is_some() {
                        return Err(Diagnostic::new("TypeError", format!("{fname}() got multiple values for argument '{k}'")));
                    }
                    bound[i] = Some(v);
                }
                None => {
                    if def.params.iter().any(|p| p.kind == ParamKind::VarKw) {
                        extra_kw.insert(Value::Str(k.clone()), value::Key::Str(k.clone()), v);
                    } else {
                        let names: Vec<&str> = def.params.iter().map(|p| p.name.as_ref()).collect();
                        let mut d = Diagnostic::new("TypeError", format!("{fname}() got an unexpected keyword argument '{k}'"));
                        if let Some(b) = closest(&k, names.iter().copied()) {
                            d = d.with_help(format!("did you mean '{b}'?"));
                        } else {
                            d = d.with_help(format!("{fname} takes: {}", names.join(", ")));
                        }
                        return Err(d);
                    }
                }
            }
        }
        for (i, p) in def.params.iter().enumerate() {
            let v = match bound[i].take() {
                Some(v) => v,
                None => match p.kind {
                    ParamKind::VarKw => Value::dict(std::mem::take(&mut extra_kw)),
                    ParamKind::VarArgs => Value::tuple(vec![]),
                    _ => match &defaults[i] {
                        Some(d) => d.clone(),
                        None => {
                            return Err(Diagnostic::new("TypeError", format!("{fname}() missing 1 required positional argument: '{}'", p.name))
                                .with_help(call_hint(def, fname)))
                        }
                    },
                },
            };
            scope.set(p.name.clone(), v);
        }
        Ok(())
    }

    /// Python truthiness. Arrays are a host sync point.
    pub fn truthy(&mut self, v: &Value) -> Result<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Range(a, b, s) => (*s > 0 && a < b) || (*s < 0 && a > b),
            Value::Array(a) => {
                if a.numel() != 1 {
                    return Err(Diagnostic::new(
                        "ValueError",
                        format!("the truth value of an array with more than one element is ambiguous (shape {})", ops::shape_str(a.shape())),
                    )
                    .with_help("use a.any() or a.all()"));
                }
                let h = self.force_for(a, Read::Truth)?;
                h.get(0).to_bool()
            }
            Value::Set(d) => !d.borrow().is_empty(),
            Value::FrozenSet(d) => !d.is_empty(),
            Value::Object(_) => {
                if let Some(b) = self.dunder(v, "__bool__", vec![])? {
                    return match b {
                        Value::Bool(b) => Ok(b),
                        other => Err(Diagnostic::new("TypeError", format!("__bool__ should return bool, returned {}", other.type_name()))),
                    };
                }
                match self.dunder(v, "__len__", vec![])? {
                    Some(n) => self.index_int(&n)? != 0,
                    None => true,
                }
            }
            _ => true,
        })
    }

    /// Iterate a value into its items.
    pub fn iterate(&mut self, v: &Value) -> Result<Vec<Value>> {
        Ok(match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.as_ref().clone(),
            Value::Str(s) => s.chars().map(|c| Value::Str(c.to_string().into())).collect(),
            Value::Dict(d) | Value::Set(d) => d.borrow().entries.iter().map(|(k, _)| k.clone()).collect(),
            Value::FrozenSet(d) => d.entries.iter().map(|(k, _)| k.clone()).collect(),
            Value::Class(c) if c.meta_method("__iter__").is_none() => return Err(Diagnostic::new("TypeError", "'type' object is not iterable")),
            Value::Generator(_) | Value::Iter(_) | Value::Object(_) | Value::Class(_) => {
                let it = self.get_iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.next_item(&it)? {
                    out.push(x);
                    if out.len() % 4096 == 0 {
                        self.check_interrupt()?;
                    }
                }
                out
            }
            Value::Range(a, b, s) => {
                let mut out = Vec::new();
                let mut i = *a;
                while (*s > 0 && i < *b) || (*s < 0 && i > *b) {
                    out.push(Value::Int(i));
                    i += s;
                    if out.len() > 100_000_000 {
                        return Err(Diagnostic::new("MemoryError", "range too large to materialise"));
                    }
                }
                out
            }
            Value::Array(a) => {
                if a.ndim() == 0 {
                    return Err(Diagnostic::new("TypeError", "iteration over a 0-d array").with_help("a 0-d array holds one value; use float(x) or x.item()"));
                }
                let n = a.shape()[0];
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    out.push(Value::Array(self.getitem_array(a, &Value::Int(i as i64))?));
                }
                out
            }
            other => return Err(Diagnostic::new("TypeError", format!("'{}' object is not iterable", other.type_name()))),
        })
    }

    fn getitem_array(&mut self, a: &Array, idx: &Value) -> Result<Array> {
        self.index_or_view(a, idx)
    }

    /// A slice of three parts: integer bounds (or None) make the usual `Value::Slice`; any other
    /// part (a float, a string) keeps the parts as they are (`Value::ObjSlice`), as CPython does.
    pub(crate) fn make_slice(&mut self, vals: [Value; 3]) -> Result<Value> {
        let mut parts = [None, None, None];
        for (k, v) in vals.iter().enumerate() {
            parts[k] = match v {
                Value::None => None,
                Value::Int(i) => Some(*i),
                Value::Bool(b) => Some(*b as i64),
                Value::Array(a) if a.ndim() == 0 && a.dtype().is_int() => Some(self.index_int(v)?),
                Value::Object(_) if self.has_dunder(v, "__index__") => Some(self.index_int(v)?),
                _ => return Ok(Value::ObjSlice(Rc::new(vals))),
            };
        }
        Ok(Value::Slice(Rc::new(parts)))
    }

    pub(crate) fn index_int(&mut self, v: &Value) -> Result<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::Array(a) if a.ndim() == 0 && a.dtype().is_int() => Ok(self.force_for(a, Read::Truth)?.get(0).to_i64()),
            // An int subclass (IntEnum) or an object with __index__.
            Value::Object(_) if self.has_dunder(v, "__index__") => {
                let i = self.dunder(v, "__index__", vec![])?.unwrap_or(Value::None);
                match i {
                    Value::Int(i) => Ok(i),
                    other => Err(Diagnostic::new("TypeError", format!("__index__ returned non-int (type {})", other.type_name()))),
                }
            }
            other => Err(Diagnostic::new("TypeError", format!("indices must be integers, not {}", other.type_name())).with_help("convert the index with int(...)")),
        }
    }

    /// `obj[idx]`.
    pub fn getitem(&mut self, obj: &Value, idx: &Value) -> Result<Value> {
        let v = self.getitem_of(obj, idx)?;
        if !self.traces.is_empty() && matches!(obj, Value::List(_) | Value::Dict(_)) {
            self.note_item_read(obj, idx, &v);
        }
        Ok(v)
    }

    fn getitem_of(&mut self, obj: &Value, idx: &Value) -> Result<Value> {
        if matches!(idx, Value::ObjSlice(_)) && matches!(obj, Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Array(_) | Value::Range(..)) {
            return Err(obj_slice_error());
        }
        // The common case first: one item of a list or tuple, without copying it.
        if let Value::Int(i) = idx {
            let got = match obj {
                Value::List(l) => {
                    let l = l.borrow();
                    let n = l.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    (0..n).contains(&j).then(|| l[j as usize].clone())
                }
                Value::Tuple(t) => {
                    let n = t.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    (0..n).contains(&j).then(|| t[j as usize].clone())
                }
                _ => None,
            };
            if let Some(v) = got {
                return Ok(v);
            }
        }
        match obj {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(..) => {
                let items: Vec<Value> = match obj {
                    Value::List(l) => l.borrow().clone(),
                    Value::Tuple(t) => t.as_ref().clone(),
                    Value::Range(a, b, st) => {
                        // One item or a sub-range, computed, not materialised.
                        let n = self.len_of(obj)? as i64;
                        if let Value::Slice(sl) = idx {
                            let step = sl[2].unwrap_or(1);
                            if step == 0 {
                                return Err(Diagnostic::new("ValueError", "slice step cannot be zero"));
                            }
                            let (b0, len) = ops::slice_indices(sl[0], sl[1], step, n);
                            let start = a + b0 * st;
                            let nst = st * step;
                            return Ok(Value::Range(start, start + len * nst, nst));
                        }
                        let i = self.index_int(idx)?;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(Diagnostic::new("IndexError", "range object index out of range"));
                        }
                        let _ = b;
                        return Ok(Value::Int(a + j * st));
                    }
                    Value::Str(s) => s.chars().map(|c| Value::Str(c.to_string().into())).collect(),
                    _ => vec![],
                };
                if let Value::Slice(s) = idx {
                    let n = items.len() as i64;
                    let step = s[2].unwrap_or(1);
                    if step == 0 {
                        return Err(Diagnostic::new("ValueError", "slice step cannot be zero"));
                    }
                    let (b, len) = ops::slice_indices(s[0], s[1], step, n);
                    let picked: Vec<Value> = (0..len).map(|k| items[(b + k * step) as usize].clone()).collect();
                    return Ok(match obj {
                        Value::Tuple(_) => Value::tuple(picked),
                        Value::Str(_) => Value::Str(picked.iter().map(|v| if let Value::Str(s) = v { s.to_string() } else { String::new() }).collect::<String>().into()),
                        _ => Value::list(picked),
                    });
                }
                // `grid[i, j]` on nested lists indexes one level per item (as for the axes of
                // plt.subplots, which numpy keeps in a 2-D object array).
                if let (Value::Tuple(t), Value::List(_)) = (idx, obj) {
                    let mut cur = obj.clone();
                    for k in t.iter() {
                        cur = self.getitem(&cur, k)?;
                    }
                    return Ok(cur);
                }
                let i = self.index_int(idx)?;
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(Diagnostic::new("IndexError", format!("{} index {i} out of range (length {n})", obj.type_name()))
                        .with_help(format!("valid indices are {} to {}", -n, n - 1)));
                }
                Ok(items[j as usize].clone())
            }
            Value::Dict(d) => {
                let k = self.key_of(&idx)?;
                match d.borrow().get(&k) {
                    Some(v) => Ok(v.clone()),
                    None => {
                        let keys: Vec<String> = d.borrow().entries.iter().filter_map(|(k, _)| if let Value::Str(s) = k { Some(s.to_string()) } else { None }).collect();
                        let mut diag = Diagnostic::new("KeyError", self.repr(idx)?);
                        if let Value::Str(s) = idx {
                            if let Some(b) = closest(s, keys.iter().map(|s| s.as_str())) {
                                diag = diag.with_help(format!("did you mean '{b}'?"));
                            }
                        }
                        if diag.help.is_none() {
                            diag = diag.with_help("use d.get(key, default) for keys that may be missing");
                        }
                        Err(diag)
                    }
                }
            }
            Value::Array(a) => Ok(Value::Array(self.index_or_view(a, idx)?)),
            Value::At(at) if at.1.is_none() => Ok(Value::At(Rc::new((at.0.clone(), Some(idx.clone()))))),
            Value::Object(o) => match self.dunder(obj, "__getitem__", vec![idx.clone()])? {
                Some(v) => Ok(v),
                None => Err(Diagnostic::new("TypeError", format!("'{}' object is not subscriptable", o.class.name)).with_help("define __getitem__ in the class to support `obj[key]`")),
            },
            Value::Class(c) if c.meta_method("__getitem__").is_some() => {
                let f = c.meta_method("__getitem__").unwrap_or(Value::None);
                self.call(&f, vec![obj.clone(), idx.clone()], vec![])
            }
            // `list[int]`, `Dict[str, Array]`: generic aliases are the class itself in Slope.
            Value::Class(c) => match c.lookup("__class_getitem__").filter(|_| c.defines("__class_getitem__")) {
                Some(f) => {
                    let f = match f {
                        Value::ClassMethod(f) => (*f).clone(),
                        other => other,
                    };
                    self.call(&f, vec![obj.clone(), idx.clone()], vec![])
                }
                None => Ok(obj.clone()),
            },
            other => Err(Diagnostic::new("TypeError", format!("'{}' object is not subscriptable", other.type_name()))),
        }
    }

    /// Find the closest member name of a module, for suggestions.
    fn suggest_member(&self, m: &Value, name: &str) -> String {
        if let Value::Module(m) = m {
            let names: Vec<String> = m.attrs.borrow().keys().filter(|k| !k.starts_with('_')).map(|k| k.to_string()).collect();
            if let Some(b) = closest(name, names.iter().map(|s| s.as_str())) {
                return format!("did you mean '{b}'?");
            }
            return format!("'{}' has no member of that name", m.name);
        }
        "check the spelling".into()
    }
}

/// Say which condition needed a traced value, in its own words (`if x > 0`).
fn name_condition(d: Diagnostic, ctx: &Ctx, test: &Expr, what: &str) -> Diagnostic {
    if d.kind.as_ref() != "ConcretizationTypeError" {
        return d.at(&ctx.src, test.span);
    }
    let text = ctx.src.text.get(test.span.range()).unwrap_or("?");
    let mut d = Diagnostic::new(
        "TracerBoolConversionError",
        format!("`{what} {text}:` depends on a traced value inside {}: its truth is not known while the function is transformed", ctx.func),
    )
    .with_help(if what == "if" {
        "use jnp.where(cond, a, b) to choose values, or lax.cond(pred, true_fn, false_fn, x) to choose computations; or make the argument static with jit(f, static_argnums=...)"
    } else {
        "use lax.fori_loop or lax.while_loop, or make the loop bound static with jit(f, static_argnums=...)"
    });
    d.loc = None;
    d.at(&ctx.src, test.span)
}

/// The name closest to `name` (edit distance at most 2, or a prefix match).
pub fn closest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for n in names {
        if n == name {
            continue;
        }
        let d = edit_distance(name, n);
        let limit = if name.len() <= 3 { 1 } else { 2 };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n.to_string())
}

/// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// adjacent characters each count 1 (so `rleu` is nearer `relu` than `glu`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + if a[i - 1] == b[j - 1] { 0 } else { 1 });
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

impl Interp {
    /// Run a `class` statement's body and make the class (before its decorators).
    fn exec_class(&mut self, def: &ClassDef, ctx: &Ctx) -> Result<Rc<object::Class>> {
        let mut bases = Vec::new();
        let mut kw: Kwargs = Vec::new();
        for a in &def.bases {
            match a {
                Arg::Pos(e) => bases.push(self.eval(e, ctx)?),
                Arg::Star(e) => {
                    let v = self.eval(e, ctx)?;
                    bases.extend(self.iterate(&v).map_err(|d| d.at(&ctx.src, e.span))?);
                }
                Arg::Kw(n, e) => {
                    let v = self.eval(e, ctx)?;
                    kw.push((n.clone(), v));
                }
                Arg::StarStar(e) => {
                    let v = self.eval(e, ctx)?;
                    if let Value::Dict(d) = v {
                        for (k, v) in d.borrow().entries.iter() {
                            if let Value::Str(k) = k {
                                kw.push((k.clone(), v.clone()));
                            }
                        }
                    }
                }
            }
        }
        // A base that is not a class may stand for classes (`__mro_entries__`, typing's `List[int]`).
        let mut resolved = Vec::with_capacity(bases.len());
        for b in bases {
            match b.clone() {
                Value::Object(_) if self.has_dunder(&b, "__mro_entries__") => {
                    let all = Value::tuple(resolved.clone());
                    let r = self.dunder(&b, "__mro_entries__", vec![all]).map_err(|e| e.at(&ctx.src, def.header))?.unwrap_or(Value::None);
                    resolved.extend(self.iterate(&r).map_err(|e| e.at(&ctx.src, def.header))?);
                }
                _ => resolved.push(b),
            }
        }
        let bases = resolved;
        // `metaclass=`: `type`, or a class deriving it whose `__init__` runs on the new class
        // (Slope runs no metaclass `__new__`).
        let mut meta = None;
        if let Some(pos) = kw.iter().position(|(k, _)| k.as_ref() == "metaclass") {
            let (_, m) = kw.remove(pos);
            match &m {
                Value::Class(c) if c.builtin && c.name.as_ref() == "type" => {}
                Value::Class(c) if !c.builtin && c.derives_builtin("type") => meta = Some(c.clone()),
                _ => {
                    return Err(Diagnostic::new("TypeError", "a metaclass must be a subclass of type in Slope").with_help("use a base class or a class decorator instead").at(&ctx.src, def.header));
                }
            }
        }
        // Methods close over `cell` (which skips the class body and holds `__class__`).
        let cell = Scope::new(Some(ctx.class_cell.clone().unwrap_or_else(|| ctx.scope.clone())));
        let body = Scope::new_class(Some(cell.clone()));
        let module = match ctx.scope.lookup("__name__") {
            Some(Value::Str(m)) => m,
            _ => "__main__".into(),
        };
        body.set("__module__".into(), Value::Str(module.clone()));
        body.set("__qualname__".into(), Value::Str(def.name.clone()));
        if let Some(d) = &def.doc {
            body.set("__doc__".into(), Value::Str(d.clone()));
        }
        let c2 = Ctx { src: ctx.src.clone(), scope: body.clone(), func: def.name.clone(), handling: None, class_cell: Some(cell.clone()), self_name: None };
        match self.exec_block(&def.body, &c2)? {
            Flow::Normal => {}
            _ => return Err(Diagnostic::new("SyntaxError", "'return', 'break' or 'continue' in a class body").at(&ctx.src, def.header)),
        }
        let mut attrs = object::Attrs::default();
        {
            let vars = body.vars.borrow();
            for n in body.order.borrow().iter() {
                if let Some(v) = vars.get(n) {
                    if !attrs.contains(n) {
                        attrs.set(n.clone(), v.clone());
                    }
                }
            }
        }
        let cls = self.make_class_with(&def.name, &module, bases, attrs, meta).map_err(|e| e.at(&ctx.src, def.header))?;
        cell.set("__class__".into(), Value::Class(cls.clone()));
        // Descriptors learn their names (`__set_name__`), then the bases hear of the new class
        // (`__init_subclass__`, implicitly a class method).
        let named: Vec<(Name, Value)> = cls.attrs.borrow().iter().filter(|(_, v)| self.has_dunder(v, "__set_name__")).cloned().collect();
        for (n, v) in named {
            self.dunder(&v, "__set_name__", vec![Value::Class(cls.clone()), Value::Str(n)]).map_err(|e| e.at(&ctx.src, def.header))?;
        }
        let hook = cls.mro.iter().find(|c| !c.builtin && c.attrs.borrow().contains("__init_subclass__")).and_then(|c| c.attrs.borrow().get("__init_subclass__").cloned());
        match hook {
            Some(f) => {
                let f = match f {
                    Value::ClassMethod(f) => (*f).clone(),
                    other => other,
                };
                self.call(&f, vec![Value::Class(cls.clone())], kw.clone()).map_err(|e| e.at(&ctx.src, def.header))?;
            }
            None if !kw.is_empty() && cls.meta.is_none() => {
                return Err(Diagnostic::new("TypeError", format!("{}.__init_subclass__() takes no keyword arguments", def.name)).at(&ctx.src, def.header));
            }
            None => {}
        }
        self.init_by_meta(&cls, kw).map_err(|e| e.at(&ctx.src, def.header))?;
        Ok(cls)
    }

    /// `with a as x, b: body` — `__exit__` runs however the body ends, and may swallow an error.
    fn exec_with(&mut self, items: &[WithItem], body: &[Stmt], ctx: &Ctx) -> Result<Flow> {
        let Some((first, rest)) = items.split_first() else {
            return self.exec_block(body, ctx);
        };
        let mgr = self.eval(&first.context, ctx)?;
        let (enter, exit) = match (self.getattr(&mgr, "__enter__"), self.getattr(&mgr, "__exit__")) {
            (Ok(a), Ok(b)) => (a, b),
            _ => {
                return Err(Diagnostic::new("TypeError", format!("'{}' object does not support the context manager protocol", mgr.type_name()))
                    .with_help("a `with` statement needs an object with __enter__ and __exit__ methods")
                    .at(&ctx.src, first.context.span))
            }
        };
        let v = self.call(&enter, vec![], vec![]).map_err(|e| e.at(&ctx.src, first.context.span))?;
        if let Some(t) = &first.target {
            self.assign(t, v, ctx)?;
        }
        match self.exec_with(rest, body, ctx) {
            Ok(flow) => {
                self.call(&exit, vec![Value::None, Value::None, Value::None], vec![]).map_err(|e| e.at(&ctx.src, first.context.span))?;
                Ok(flow)
            }
            Err(err) => {
                let exc = Rc::new(err);
                let val = exc.payload_value().unwrap_or_else(|| Value::Exception(exc.clone()));
                let typ = Value::Class(self.class_of(&val));
                let swallow = self.call(&exit, vec![typ, val, Value::None], vec![])?;
                if self.truthy(&swallow)? && exc.kind.as_ref() != "KeyboardInterrupt" {
                    Ok(Flow::Normal)
                } else {
                    Err(Rc::try_unwrap(exc).unwrap_or_else(|e| (*e).clone()))
                }
            }
        }
    }

    /// The error `raise v` raises.
    pub(crate) fn to_raise(&mut self, v: Value) -> Result<Diagnostic> {
        let v = match v {
            Value::Class(c) if self.types.is_exception(&c) => self.call(&Value::Class(c), vec![], vec![])?,
            other => other,
        };
        Ok(match v {
            Value::Exception(d) => {
                let mut d = (*d).clone();
                d.loc = None;
                d.traceback.clear();
                d
            }
            Value::Object(o) if o.class.derives_builtin("BaseException") => {
                let msg = self.to_str(&Value::Object(o.clone()))?;
                Diagnostic::new(&o.class.name, msg).with_payload(Value::Object(o))
            }
            other => {
                return Err(Diagnostic::new("TypeError", format!("exceptions must derive from BaseException, not {}", other.type_name()))
                    .with_help("raise an exception class or instance, e.g. raise ValueError(\"...\")"))
            }
        })
    }

    /// The class of an error (its object's class, or the builtin class of its kind).
    pub(crate) fn error_class(&self, err: &Diagnostic) -> Rc<object::Class> {
        match err.payload_value() {
            Some(Value::Object(o)) => o.class.clone(),
            _ => self.types.get(&err.kind),
        }
    }

    /// Whether an `except` clause's class (or tuple of classes) matches an error.
    fn exc_matches(&self, t: &Value, err: &Diagnostic) -> Result<bool> {
        Ok(match t {
            Value::Class(c) => {
                let ec = self.error_class(err);
                // KeyboardInterrupt is only caught by naming it (or BaseException).
                ec.is_subclass(c) || (c.name.as_ref() == "IndexError" && err.kind.as_ref() == "AxisError")
            }
            Value::Tuple(ts) => {
                for t in ts.iter() {
                    if self.exc_matches(t, err)? {
                        return Ok(true);
                    }
                }
                false
            }
            other => {
                return Err(Diagnostic::new("TypeError", format!("catching classes that do not inherit from BaseException is not allowed ({})", other.type_name())))
            }
        })
    }

    /// `super()` in a method: the class it was defined in and its first argument.
    fn zero_arg_super(&mut self, ctx: &Ctx) -> Result<Value> {
        let cls = match ctx.scope.lookup("__class__") {
            Some(Value::Class(c)) => c,
            _ => {
                return Err(Diagnostic::new("RuntimeError", "super(): __class__ cell not found").with_help("super() without arguments works inside a method defined in a class body; elsewhere write super(Class, obj)"))
            }
        };
        let obj = ctx.self_name.as_ref().and_then(|n| ctx.scope.lookup(n)).ok_or_else(|| Diagnostic::new("RuntimeError", "super(): no arguments").with_help("call super() inside a method that takes self (or cls)"))?;
        Ok(Value::Super(Rc::new((cls, obj))))
    }

    /// `(elt for target in iter if cond ...)`: a generator; the first iterable is evaluated now.
    fn genexp(&mut self, elt: &Expr, gens: &[Comprehension], ctx: &Ctx) -> Result<Value> {
        let first = self.eval(&gens[0].iter, ctx)?;
        let first = self.get_iter(&first).map_err(|d| d.at(&ctx.src, gens[0].iter.span))?;
        let elt = elt.clone();
        let gens = gens.to_vec();
        let c2 = ctx.with_scope(Scope::new(Some(ctx.scope.clone())));
        self.make_generator(
            "<genexpr>".into(),
            Box::new(move |it: &mut Interp| {
                let g = &gens[0];
                'outer: while let Some(item) = it.next_item(&first)? {
                    it.assign(&g.target, item, &c2)?;
                    for cond in &g.ifs {
                        let c = it.eval(cond, &c2)?;
                        if !it.truthy(&c)? {
                            continue 'outer;
                        }
                    }
                    it.comprehension(&gens, 1, &c2, &mut |this, c| {
                        let v = this.eval(&elt, c)?;
                        this.gen_yield(v)?;
                        Ok(())
                    })?;
                }
                Ok(Value::None)
            }),
        )
    }

    /// `yield from sub`: pass everything `sub` yields (and what is sent back) through; the value
    /// is what `sub` returns.
    fn yield_from(&mut self, sub: &Value) -> Result<Value> {
        if let Value::Generator(g) = sub {
            let mut sent = Value::None;
            loop {
                match self.gen_resume(g, sent)? {
                    iter::Step::Yielded(v) => sent = self.gen_yield(v)?,
                    iter::Step::Returned(r) => return Ok(r),
                }
            }
        }
        let it = self.get_iter(sub)?;
        while let Some(x) = self.next_item(&it)? {
            self.gen_yield(x)?;
        }
        Ok(Value::None)
    }

    /// `obj.name = v`.
    pub(crate) fn setattr(&mut self, obj: &Value, name: &str, v: Value) -> Result<()> {
        match obj {
            Value::Object(o) => self.setattr_object(o, name, v),
            Value::Class(c) if !c.builtin => {
                self.journal_class(c);
                c.attrs.borrow_mut().set(name.into(), v);
                Ok(())
            }
            Value::Module(m) => {
                self.journal_module(m);
                m.attrs.borrow_mut().insert(name.into(), v);
                Ok(())
            }
            Value::Func(f) => {
                f.attrs.borrow_mut().get_or_insert_with(Default::default).set(name.into(), v);
                Ok(())
            }
            // numpy lets `a.shape = ...` (and `a.dtype = ...`) change an array in place; Slope's
            // arrays keep their type for life.
            Value::Array(a) if matches!(name, "shape" | "dtype" | "strides" | "data") => Err(Diagnostic::new(
                "NotImplementedError",
                format!("setting a {}'s {name} in place is not supported in Slope", if a.jax() { "jax.Array" } else { "numpy array" }),
            )
            .with_help(match name {
                "shape" => "make a new array of the shape instead: a = a.reshape(new_shape)",
                "dtype" => "view or convert into a new array instead: a = a.view(dtype) or a = a.astype(dtype)",
                _ => "make a new array instead",
            })),
            Value::Array(a) if matches!(name, "real" | "imag" | "flat" | "T") => {
                Err(Diagnostic::new("AttributeError", format!("attribute '{name}' of '{}' objects is not writable", if a.jax() { "jax.Array" } else { "numpy.ndarray" })).with_help("write elements instead: a[...] = values"))
            }
            other => Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}' and no attributes can be set on it", other.type_name()))
                .with_help("set attributes on instances of your own classes, or keep the value in a dict")),
        }
    }

    /// `del obj.name`.
    pub(crate) fn delattr(&mut self, obj: &Value, name: &str) -> Result<()> {
        match obj {
            Value::Object(o) => self.delattr_object(o, name),
            Value::Class(c) if !c.builtin => {
                self.journal_class(c);
                if c.attrs.borrow_mut().remove(name).is_none() {
                    return Err(Diagnostic::new("AttributeError", format!("type object '{}' has no attribute '{name}'", c.name)));
                }
                Ok(())
            }
            other => Err(Diagnostic::new("AttributeError", format!("cannot delete attribute '{name}' of '{}' object", other.type_name()))),
        }
    }
}

/// How to call a function, for a missing-argument error: `f(a, b)`, `Point(x, y)` for an
/// `__init__`, `obj.move(dx, dy)` for a method.
fn call_hint(def: &FuncDef, qualname: &str) -> String {
    let mut params: Vec<&str> = def.params.iter().filter(|p| p.kind == ParamKind::Normal).map(|p| p.name.as_ref()).collect();
    let (class, method) = match qualname.rsplit_once('.') {
        Some((c, m)) => (Some(c), m),
        None => (None, qualname),
    };
    let shown = match class {
        Some(c) if method == "__init__" => {
            params.retain(|p| *p != "self");
            c.to_string()
        }
        Some(_) if params.first() == Some(&"self") => {
            params.remove(0);
            format!("obj.{method}")
        }
        _ => qualname.to_string(),
    };
    format!("call it as {shown}({})", params.join(", "))
}

/// CPython's error for a list, string or array indexed by a slice of non-integers.
pub(crate) fn obj_slice_error() -> Diagnostic {
    Diagnostic::new("TypeError", "slice indices must be integers or None or have an __index__ method").with_help("use whole numbers for a slice's start, stop and step (int(...)), or np.linspace for fractional steps")
}

//! The interpreter: walks Slope's AST. Every array operation goes through `Stage::bind` (via
//! `ops`), so top-level array code is staged and run at sync points: a value the host needs, the
//! end of each loop iteration, the end of the cell.

pub mod args;
pub mod array;
pub mod builtins;
pub mod fmt;
pub mod jax;
pub mod pytree;
pub mod trace;
pub mod numpy;
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
}

pub struct Interp {
    /// The cell's pending graph.
    pub stage: Stage,
    /// Functions being traced for transformations, innermost last.
    pub traces: Vec<Stage>,
    /// Caches of traced and transformed functions (see `jax.rs`).
    pub jax_cache: trace::Cache,
    /// The global scopes of standard-library modules written in Slope, by module name.
    pub std_scopes: HashMap<String, Rc<Scope>>,
    pub globals: Rc<Scope>,
    pub builtins: Rc<Scope>,
    /// Imported modules by dotted name.
    pub modules: HashMap<String, Value>,
    /// Slope sources of the standard library, by module name.
    pub std_sources: HashMap<String, &'static str>,
    pub depth: usize,
    pub sink: Sink,
    pub display_sink: DisplaySink,
    /// Native modules registered by the embedder, by dotted name.
    pub native_modules: HashMap<String, NativeModule>,
    /// Hooks run at the end of every cell (e.g. showing pending figures), in order.
    pub end_of_cell: Vec<fn(&mut Interp) -> Result<()>>,
    pub interrupt: Arc<AtomicBool>,
    /// The backend that runs synced graphs, as `%device` chose it: `eval` until the CPU JIT and
    /// the GPU backend land.
    pub device: String,
}

impl Interp {
    pub fn new(std_sources: &[(&str, &'static str)]) -> Interp {
        let builtins = Scope::new(None);
        builtins::install(&builtins);
        let globals = Scope::new(Some(builtins.clone()));
        globals.set("__name__".into(), Value::str("__main__"));
        Interp {
            stage: Stage::new(),
            traces: Vec::new(),
            jax_cache: trace::Cache::default(),
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
            interrupt: Arc::new(AtomicBool::new(false)),
            device: crate::backend::device().name().to_string(),
        }
    }

    pub fn write(&mut self, kind: StreamKind, s: &str) {
        (self.sink)(kind, s)
    }

    /// Show a rich value (a plot, an image): MIME type → content, `text/plain` included.
    pub fn display(&mut self, bundle: Vec<(String, String)>) {
        (self.display_sink)(bundle)
    }

    fn check_interrupt(&self) -> Result<()> {
        if self.interrupt.swap(false, Ordering::SeqCst) {
            return Err(Diagnostic::new("KeyboardInterrupt", "interrupted"));
        }
        Ok(())
    }

    /// Run a cell's statements at top level. Returns the value of a last bare expression.
    pub fn run_module(&mut self, stmts: &[Stmt], src: &Rc<Source>) -> Result<Option<Value>> {
        let ctx = Ctx { src: src.clone(), scope: self.globals.clone(), func: "<module>".into(), handling: None };
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
    pub fn run_in_scope(&mut self, stmts: &[Stmt], src: &Rc<Source>, scope: Rc<Scope>) -> Result<()> {
        let ctx = Ctx { src: src.clone(), scope, func: "<module>".into(), handling: None };
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
            Flow::Break => Some(Flow::Normal),
            Flow::Return(v) => Some(Flow::Return(v)),
            Flow::Normal | Flow::Continue => None,
        })
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
                    l.borrow_mut().extend(items);
                    cur.clone()
                } else {
                    self.binop(*op, &cur, &rhs)?
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
            StmtKind::For { target, iter, body } => {
                let it = self.eval(iter, ctx)?;
                if let Value::Range(a, b, st) = it {
                    let mut i = a;
                    while (st > 0 && i < b) || (st < 0 && i > b) {
                        self.assign(target, Value::Int(i), ctx)?;
                        if let Some(exit) = self.iteration(body, ctx)? {
                            return Ok(exit);
                        }
                        i += st;
                    }
                    return Ok(Flow::Normal);
                }
                let items = self.iterate(&it).map_err(|e| e.at(&ctx.src, iter.span))?;
                for item in items {
                    self.assign(target, item, ctx)?;
                    if let Some(exit) = self.iteration(body, ctx)? {
                        return Ok(exit);
                    }
                }
            }
            StmtKind::While { test, body } => loop {
                let t = self.eval(test, ctx)?;
                if !self.truthy(&t).map_err(|e| name_condition(e, ctx, test, "while"))? {
                    break;
                }
                if let Some(exit) = self.iteration(body, ctx)? {
                    return Ok(exit);
                }
            },
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
                let d = match v {
                    Value::Exception(d) => {
                        let mut d = (*d).clone();
                        d.loc = None;
                        d
                    }
                    Value::ExcType(k) => Diagnostic::new(&k, ""),
                    other => return Err(Diagnostic::new("TypeError", format!("exceptions must derive from BaseException, not {}", other.type_name()))),
                };
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
                                    exc_matches(&tv, &err.kind)
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
                                    self.set_var(n, Value::Exception(exc.clone()), ctx);
                                }
                                let mut c2 = ctx.clone();
                                c2.handling = Some(exc);
                                self.exec_block(&h.body, &c2)
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
        Ok(Value::Func(Rc::new(Closure { def: def.clone(), src: ctx.src.clone(), scope: ctx.scope.clone(), defaults })))
    }

    pub fn set_var(&mut self, name: &Name, v: Value, ctx: &Ctx) {
        if ctx.scope.global_names.borrow().iter().any(|n| n == name) {
            self.globals.set(name.clone(), v);
            return;
        }
        if ctx.scope.nonlocal_names.borrow().iter().any(|n| n == name) {
            let mut s = ctx.scope.parent.clone();
            while let Some(sc) = s {
                if sc.vars.borrow().contains_key(name) {
                    sc.set(name.clone(), v);
                    return;
                }
                s = sc.parent.clone();
            }
        }
        ctx.scope.set(name.clone(), v);
    }

    fn lookup(&self, name: &str, ctx: &Ctx) -> Result<Value> {
        if let Some(v) = ctx.scope.lookup(name) {
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
                match &obj {
                    Value::List(l) => {
                        if let Value::Slice(s) = &idx {
                            let items = self.iterate(&v)?;
                            let mut l = l.borrow_mut();
                            let n = l.len() as i64;
                            let (b, len) = ops::slice_indices(s[0], s[1], s[2].unwrap_or(1), n);
                            if s[2].unwrap_or(1) != 1 {
                                return Err(Diagnostic::new("NotImplementedError", "extended slice assignment to lists is not supported").at(&ctx.src, *span));
                            }
                            let b = b as usize;
                            l.splice(b..b + len as usize, items);
                            return Ok(());
                        }
                        let i = self.index_int(&idx).map_err(|e| e.at(&ctx.src, *span))?;
                        let mut l = l.borrow_mut();
                        let n = l.len() as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(Diagnostic::new("IndexError", "list assignment index out of range").at(&ctx.src, *span));
                        }
                        l[j as usize] = v;
                        Ok(())
                    }
                    Value::Dict(d) => {
                        let k = idx.key().map_err(|e| e.at(&ctx.src, *span))?;
                        d.borrow_mut().insert(idx, k, v);
                        Ok(())
                    }
                    Value::Array(a) => {
                        if a.jax() {
                            return Err(Diagnostic::new(
                                "TypeError",
                                "JAX arrays are immutable and do not support in-place item assignment",
                            )
                            .with_help("use x = x.at[idx].set(y) instead")
                            .at(&ctx.src, *span));
                        }
                        // numpy: rebind the name to an updated copy (arrays are values in Slope).
                        let va = self.to_array(&v, a.jax())?;
                        let new = self.update(a, &idx, &va, ops::Update::Set).map_err(|e| e.at(&ctx.src, *span))?;
                        let rebind = Target::clone(&expr_to_target(value).ok_or_else(|| {
                            Diagnostic::new("NotImplementedError", "item assignment to an array works only on a name or on a nested item of one (x[i] = v)")
                                .with_help("assign the array to a variable first, or use x = x.at[i].set(v)")
                                .at(&ctx.src, *span)
                        })?);
                        self.assign(&rebind, Value::Array(new), ctx)
                    }
                    other => Err(Diagnostic::new("TypeError", format!("'{}' object does not support item assignment", other.type_name())).at(&ctx.src, *span)),
                }
            }
            Target::Attribute { span, attr, .. } => Err(Diagnostic::new("AttributeError", format!("cannot set attribute '{attr}': Slope values have no settable attributes"))
                .with_help("use a dict to hold named fields")
                .at(&ctx.src, *span)),
        }
    }

    fn delete(&mut self, t: &Target, ctx: &Ctx) -> Result<()> {
        match t {
            Target::Name(n, span) => {
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
                match &obj {
                    Value::List(l) => {
                        let i = self.index_int(&idx)?;
                        let mut l = l.borrow_mut();
                        let n = l.len() as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(Diagnostic::new("IndexError", "list assignment index out of range").at(&ctx.src, *span));
                        }
                        l.remove(j as usize);
                        Ok(())
                    }
                    Value::Dict(d) => {
                        let k = idx.key()?;
                        if d.borrow_mut().remove(&k).is_none() {
                            return Err(Diagnostic::new("KeyError", self.repr(&idx)?).at(&ctx.src, *span));
                        }
                        Ok(())
                    }
                    other => Err(Diagnostic::new("TypeError", format!("'{}' object does not support item deletion", other.type_name())).at(&ctx.src, *span)),
                }
            }
            other => Err(Diagnostic::new("SyntaxError", "cannot delete this target").at(&ctx.src, other.span())),
        }
    }

    /// Evaluate an expression; errors get this expression's span unless they have one.
    pub fn eval(&mut self, e: &Expr, ctx: &Ctx) -> Result<Value> {
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
                let mut parts = [None, None, None];
                for (k, p) in [lower, upper, step].iter().enumerate() {
                    if let Some(p) = p {
                        let v = self.eval(p, ctx)?;
                        parts[k] = match v {
                            Value::None => None,
                            other => Some(self.index_int(&other).map_err(|d| d.at(&ctx.src, p.span))?),
                        };
                    }
                }
                Value::Slice(Rc::new(parts))
            }
            ExprKind::Tuple(items) => Value::tuple(self.eval_items(items, ctx)?),
            ExprKind::List(items) => Value::list(self.eval_items(items, ctx)?),
            ExprKind::Dict(items) => {
                let mut d = Dict::default();
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let kv = self.eval(k, ctx)?;
                            let key = kv.key().map_err(|d| d.at(&ctx.src, k.span))?;
                            let vv = self.eval(v, ctx)?;
                            d.insert(kv, key, vv);
                        }
                        None => {
                            let m = self.eval(v, ctx)?;
                            if let Value::Dict(m) = m {
                                for (k, v) in m.borrow().entries.iter() {
                                    d.insert(k.clone(), k.key()?, v.clone());
                                }
                            } else {
                                return Err(Diagnostic::new("TypeError", format!("'{}' object is not a mapping", m.type_name())).at(&ctx.src, v.span));
                            }
                        }
                    }
                }
                Value::Dict(Rc::new(RefCell::new(d)))
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
                let scope = Scope::new(Some(ctx.scope.clone()));
                let c2 = Ctx { src: ctx.src.clone(), scope, func: ctx.func.clone(), handling: ctx.handling.clone() };
                let mut out = Vec::new();
                self.comprehension(generators, 0, &c2, &mut |this, c| {
                    let v = this.eval(elt, c)?;
                    out.push(v);
                    Ok(())
                })?;
                Value::list(out)
            }
            ExprKind::DictComp { key, value, generators } => {
                let scope = Scope::new(Some(ctx.scope.clone()));
                let c2 = Ctx { src: ctx.src.clone(), scope, func: ctx.func.clone(), handling: ctx.handling.clone() };
                let mut d = Dict::default();
                self.comprehension(generators, 0, &c2, &mut |this, c| {
                    let k = this.eval(key, c)?;
                    let v = this.eval(value, c)?;
                    let hk = k.key()?;
                    d.insert(k, hk, v);
                    Ok(())
                })?;
                Value::Dict(Rc::new(RefCell::new(d)))
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
        let items = self.iterate(&it).map_err(|d| d.at(&ctx.src, g.iter.span))?;
        'outer: for item in items {
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
    pub fn call_at(&mut self, f: &Value, args: Vec<Value>, kwargs: Kwargs, ctx: &Ctx, span: Span) -> Result<Value> {
        match self.call(f, args, kwargs) {
            Ok(v) => Ok(v),
            Err(mut d) => {
                // A standard library function's error points at the user's call.
                if !ctx.src.is_std() && d.loc.as_ref().is_some_and(|l| l.src.is_std()) {
                    return Err(d.std_to_user(&ctx.src, span, &ctx.func));
                }
                if let Value::Func(c) = f {
                    if d.loc.is_some() {
                        d.traceback.insert(0, Frame { func: ctx.func.clone(), loc: Loc { src: ctx.src.clone(), span } });
                        let _ = c;
                    }
                }
                Err(d)
            }
        }
    }

    /// Call any callable value.
    pub fn call(&mut self, f: &Value, args: Vec<Value>, kwargs: Kwargs) -> Result<Value> {
        match f {
            Value::Func(c) => self.call_closure(c, args, kwargs),
            Value::Builtin(b) => (b.f)(self, b, args, kwargs),
            Value::Method(m) => self.call_method(&m.0, &m.1, args, kwargs),
            Value::ExcType(k) => {
                let msg = match args.first() {
                    Some(v) => self.to_str(v)?,
                    None => String::new(),
                };
                Ok(Value::Exception(Rc::new(Diagnostic::new(k, msg))))
            }
            Value::DType(d, jax) => {
                let v = args.first().cloned().unwrap_or(Value::Int(0));
                let a = self.array_from_value(&v, Some(*d), *jax)?;
                Ok(Value::Array(a))
            }
            Value::Type(t) => builtins::call_type(self, t, args, kwargs),
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
        let def = &c.def;
        let scope = Scope::new(Some(c.scope.clone()));
        self.bind_args(def, &c.defaults, &scope, args, kwargs)?;
        let ctx = Ctx { src: c.src.clone(), scope, func: def.name.clone(), handling: None };
        self.depth += 1;
        let r = self.exec_block(&def.body, &ctx);
        self.depth -= 1;
        match r? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }

    fn bind_args(&mut self, def: &FuncDef, defaults: &[Option<Value>], scope: &Rc<Scope>, args: Vec<Value>, kwargs: Kwargs) -> Result<()> {
        let fname = &def.name;
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
            return Err(Diagnostic::new("TypeError", format!("{fname}() takes {n} positional argument{} but {} were given", if n == 1 { "" } else { "s" }, n + rest.len())));
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
                    ParamKind::VarKw => Value::Dict(Rc::new(RefCell::new(std::mem::take(&mut extra_kw)))),
                    ParamKind::VarArgs => Value::tuple(vec![]),
                    _ => match &defaults[i] {
                        Some(d) => d.clone(),
                        None => {
                            return Err(Diagnostic::new("TypeError", format!("{fname}() missing 1 required positional argument: '{}'", p.name))
                                .with_help(format!("call it as {fname}({})", def.params.iter().filter(|p| p.kind == ParamKind::Normal).map(|p| p.name.as_ref()).collect::<Vec<_>>().join(", "))))
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
            _ => true,
        })
    }

    /// Iterate a value into its items.
    pub fn iterate(&mut self, v: &Value) -> Result<Vec<Value>> {
        Ok(match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.as_ref().clone(),
            Value::Str(s) => s.chars().map(|c| Value::Str(c.to_string().into())).collect(),
            Value::Dict(d) => d.borrow().entries.iter().map(|(k, _)| k.clone()).collect(),
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
        self.index_array(a, idx)
    }

    pub fn index_int(&mut self, v: &Value) -> Result<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::Array(a) if a.ndim() == 0 && a.dtype().is_int() => Ok(self.force_for(a, Read::Truth)?.get(0).to_i64()),
            other => Err(Diagnostic::new("TypeError", format!("indices must be integers, not {}", other.type_name())).with_help("convert the index with int(...)")),
        }
    }

    /// `obj[idx]`.
    pub fn getitem(&mut self, obj: &Value, idx: &Value) -> Result<Value> {
        match obj {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(..) => {
                let items: Vec<Value> = match obj {
                    Value::List(l) => l.borrow().clone(),
                    Value::Tuple(t) => t.as_ref().clone(),
                    Value::Range(..) => self.iterate(obj)?,
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
                let k = idx.key()?;
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
            Value::Array(a) => Ok(Value::Array(self.index_array(a, idx)?)),
            Value::At(at) if at.1.is_none() => Ok(Value::At(Rc::new((at.0.clone(), Some(idx.clone()))))),
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

/// Whether an `except` clause's class matches an error kind (with Python's main hierarchy).
fn exc_matches(t: &Value, kind: &str) -> bool {
    match t {
        Value::ExcType(k) => exc_is_subclass(kind, k),
        Value::Tuple(ts) => ts.iter().any(|t| exc_matches(t, kind)),
        _ => false,
    }
}

pub fn exc_is_subclass(kind: &str, base: &str) -> bool {
    if kind == base || base == "BaseException" {
        return true;
    }
    if kind == "KeyboardInterrupt" {
        return false;
    }
    match base {
        "Exception" => true,
        "ArithmeticError" => matches!(kind, "ZeroDivisionError" | "OverflowError" | "FloatingPointError"),
        "LookupError" => matches!(kind, "IndexError" | "KeyError"),
        "ValueError" => matches!(kind, "AxisError"),
        "IndexError" => matches!(kind, "AxisError"),
        "RuntimeError" => matches!(kind, "RecursionError" | "NotImplementedError"),
        "ImportError" => matches!(kind, "ModuleNotFoundError"),
        _ => false,
    }
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

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + if a[i - 1] == b[j - 1] { 0 } else { 1 });
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The name (or nested subscript) an expression denotes, as an assignment target.
fn expr_to_target(e: &Expr) -> Option<Target> {
    match &e.kind {
        ExprKind::Name(n) => Some(Target::Name(n.clone(), e.span)),
        ExprKind::Subscript { value, index } => Some(Target::Subscript { value: value.clone(), index: index.clone(), span: e.span }),
        _ => None,
    }
}

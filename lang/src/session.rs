//! `Session`: the one engine API the front ends drive. `run_cell(source)` returns the cell's
//! outputs: streams, displays, the value of a last bare expression, or an error. A failing cell
//! leaves the session's variables as they were before it.

use crate::diag::{Diagnostic, Source};
use crate::interp::value::Value;
use crate::interp::{Interp, NativeModule, StreamKind};
use crate::syntax;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// One output of a cell, in the order it happened.
#[derive(Clone, Debug)]
pub enum Output {
    Stream { kind: StreamKind, text: String },
    /// A rich display: MIME type → content.
    Display(Vec<(String, String)>),
    /// The value of the cell's last bare expression: MIME type → content (`text/plain` first).
    Result(Vec<(String, String)>),
    Error(Diagnostic),
    /// `clear_output(wait)`: clear the cell's output so far (with `wait`, when the next output
    /// arrives), as Jupyter's `clear_output` message.
    Clear { wait: bool },
}

type LiveHandler = Rc<RefCell<Option<Box<dyn FnMut(Output)>>>>;

pub struct Session {
    /// Boxed so that it never moves: a suspended generator's stack refers to it.
    pub(crate) interp: Box<Interp>,
    cells: usize,
    /// The value the last cell showed (what `_` became), for IPython's `Out` and `_N`.
    last_result: Option<Value>,
    outputs: Rc<RefCell<Vec<Output>>>,
    /// When set, streams and displays go here as they happen instead of into the outputs.
    live: LiveHandler,
}

impl Session {
    /// A new session over the standard library's Slope sources (`slope_std::SOURCES`).
    pub fn new(std_sources: &[(&str, &'static str)]) -> Session {
        // JAX's flags start at their defaults, with `JAX_ENABLE_X64` read as JAX reads it.
        let x64 = std::env::var("JAX_ENABLE_X64").is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "y" | "yes" | "t" | "true" | "on"));
        crate::interp::ops::set_jax_flags(crate::interp::ops::JaxFlags { x64, ..Default::default() });
        let mut interp = Box::new(Interp::new(std_sources));
        let outputs: Rc<RefCell<Vec<Output>>> = Rc::new(RefCell::new(Vec::new()));
        let live: LiveHandler = Rc::new(RefCell::new(None));
        let (o2, l2) = (outputs.clone(), live.clone());
        interp.sink = Box::new(move |kind, text| {
            if let Some(f) = l2.borrow_mut().as_mut() {
                f(Output::Stream { kind, text: text.to_string() });
                return;
            }
            let mut o = o2.borrow_mut();
            if let Some(Output::Stream { kind: k, text: t }) = o.last_mut() {
                if *k == kind {
                    t.push_str(text);
                    return;
                }
            }
            o.push(Output::Stream { kind, text: text.to_string() });
        });
        let (o3, l3) = (outputs.clone(), live.clone());
        interp.display_sink = Box::new(move |bundle| {
            if let Some(f) = l3.borrow_mut().as_mut() {
                f(Output::Display(bundle));
                return;
            }
            o3.borrow_mut().push(Output::Display(bundle));
        });
        let (o4, l4) = (outputs.clone(), live.clone());
        interp.clear_sink = Box::new(move |wait| {
            if let Some(f) = l4.borrow_mut().as_mut() {
                f(Output::Clear { wait });
                return;
            }
            o4.borrow_mut().push(Output::Clear { wait });
        });
        Session { interp, cells: 0, last_result: None, outputs, live }
    }

    /// Where `input()` (and `getpass.getpass`) read a line: `f(prompt, password)` returns the
    /// line without its newline, or the error to raise as (kind, message) — `EOFError` at the end
    /// of input, `StdinNotImplementedError` where the front end cannot ask. The default reads
    /// standard input.
    pub fn set_input_hook(&mut self, f: crate::interp::InputHook) {
        self.interp.input_hook = f;
    }

    /// Run `hook` at the end of every cell, after the cell's code (also after a failing cell):
    /// e.g. show the figures drawn during it.
    pub fn add_end_of_cell_hook(&mut self, hook: fn(&mut Interp) -> Result<(), Diagnostic>) {
        self.interp.end_of_cell.push(hook);
    }

    /// Evaluate an expression as Jupyter's `user_expressions` do: its display bundle, or its
    /// error; `_` and the cell count stay as they were.
    pub fn eval_expression(&mut self, expr: &str) -> Result<Vec<(String, String)>, Diagnostic> {
        let saved = self.interp.globals.vars.borrow().get("_").cloned();
        let outs = self.run_named("<user expression>", expr);
        {
            let mut vars = self.interp.globals.vars.borrow_mut();
            match saved {
                Some(v) => {
                    vars.insert("_".into(), v);
                }
                None => {
                    vars.remove("_");
                }
            }
        }
        let mut bundle = vec![("text/plain".to_string(), "None".to_string())];
        for out in outs {
            match out {
                Output::Error(d) => return Err(d),
                Output::Result(b) => bundle = b,
                Output::Stream { .. } | Output::Display(_) | Output::Clear { .. } => {}
            }
        }
        Ok(bundle)
    }

    /// Register a cell magic `%%name` (its `%help` line goes in `magics::HELP`).
    pub fn register_cell_magic(&mut self, name: &str, f: crate::interp::CellMagic) {
        self.interp.cell_magics.insert(name.to_string(), f);
    }

    /// Register a native module (importable by `name`), built on first import.
    pub fn register_module(&mut self, name: &str, build: NativeModule) {
        self.interp.native_modules.insert(name.to_string(), build);
    }

    /// Add a builtin function written in Rust, visible in every module as Python's builtins
    /// are (and in completion and `help`, with its doc: its first line the signature).
    pub fn register_builtin(&mut self, name: &str, f: crate::interp::value::NativeFn, doc: &'static str) {
        let b = crate::interp::value::Builtin { name: name.into(), f, jax: false, doc };
        self.interp.builtins.set(name.into(), Value::Builtin(Rc::new(b)));
    }

    /// Send streams and displays to `f` as they happen (a script runner, a kernel), instead of
    /// collecting them into `run_cell`'s result.
    pub fn set_output_handler(&mut self, f: Box<dyn FnMut(Output)>) {
        *self.live.borrow_mut() = Some(f);
    }

    /// Send only streams to `f` as they happen.
    pub fn set_stream_handler(&mut self, mut f: Box<dyn FnMut(StreamKind, &str)>) {
        let o = self.outputs.clone();
        self.set_output_handler(Box::new(move |out| match out {
            Output::Stream { kind, text } => f(kind, &text),
            other => o.borrow_mut().push(other),
        }));
    }

    /// The flag that interrupts a running cell (checked by loops and between kernels).
    pub fn interrupt_handle(&self) -> Arc<AtomicBool> {
        self.interp.interrupt.clone()
    }

    /// Whether this session connected to a GPU adapter.
    pub fn used_gpu(&self) -> bool {
        self.interp.runtime.gpu_opened()
    }

    /// Forget the user's variables, functions and imports, as `%reset` does (silently); how many
    /// names went. The standard library, registered modules, builtins and hooks stay.
    pub fn reset(&mut self) -> usize {
        crate::magics::clear_user_names(&mut self.interp)
    }

    /// How many cells have run.
    pub fn cell_count(&self) -> usize {
        self.cells
    }

    /// Run one cell under the name `<cell N>`, keeping IPython's history names: `In`, `Out`,
    /// `_`, `__`, `___`, `_N`, `_i`, `_ii`, `_iii`, `_iN`.
    pub fn run_cell(&mut self, source: &str) -> Vec<Output> {
        let n = self.cells + 1;
        self.run_cell_numbered(n, &format!("<cell {n}>"), source)
    }

    /// Run cell number `number` (a front end's execution count) under `name`, with IPython's
    /// history names as `run_cell` keeps them.
    pub fn run_cell_numbered(&mut self, number: usize, name: &str, source: &str) -> Vec<Output> {
        self.cells = number;
        let before = self.interp.globals.vars.borrow().get("_").cloned();
        self.last_result = None;
        // As in IPython, `In` holds the running cell already; `_i` is the one before it.
        self.record_input(source);
        let outs = self.run_named(name, source);
        let result = self.last_result.take();
        self.record_history(source, before, result);
        outs
    }

    fn record_input(&mut self, source: &str) {
        let n = self.cells;
        let g = self.interp.globals.clone();
        let existing = g.vars.borrow().get("In").cloned();
        let inputs = match existing {
            Some(Value::List(l)) => l,
            _ => {
                let v = Value::list(vec![Value::str("")]);
                g.set("In".into(), v.clone());
                match v {
                    Value::List(l) => l,
                    _ => return,
                }
            }
        };
        let mut l = inputs.borrow_mut();
        while l.len() < n {
            l.push(Value::str(""));
        }
        l.truncate(n);
        l.push(Value::str(source));
    }

    /// IPython's history names after cell `self.cells` (outside the cell's journal, so a failing
    /// cell's input is kept too, as IPython keeps it).
    fn record_history(&mut self, source: &str, before: Option<Value>, result: Option<Value>) {
        let n = self.cells;
        let g = self.interp.globals.clone();
        let get = |k: &str| g.vars.borrow().get(k).cloned();
        let (i1, i2) = (get("_i"), get("_ii"));
        g.set("_iii".into(), i2.unwrap_or(Value::str("")));
        g.set("_ii".into(), i1.unwrap_or(Value::str("")));
        g.set("_i".into(), Value::str(source));
        g.set(format!("_i{n}").as_str().into(), Value::str(source));
        let outputs = match get("Out") {
            Some(Value::Dict(d)) => d,
            _ => {
                let v = Value::dict(crate::interp::value::Dict::default());
                g.set("Out".into(), v.clone());
                match v {
                    Value::Dict(d) => d,
                    _ => return,
                }
            }
        };
        if let Some(v) = result {
            let k = Value::Int(n as i64);
            if let Ok(hk) = k.key() {
                outputs.borrow_mut().insert(k, hk, v.clone());
            }
            g.set(format!("_{n}").as_str().into(), v);
            let older = get("__");
            g.set("___".into(), older.unwrap_or(Value::str("")));
            g.set("__".into(), before.unwrap_or(Value::str("")));
        }
    }

    /// Run source under a given name (a script's file name).
    pub fn run_named(&mut self, name: &str, source: &str) -> Vec<Output> {
        let src = Source::new(name, source);
        // This session's plans answer to its interrupt flag, whatever session was made last.
        crate::limits::set_thread_interrupt(&self.interp.interrupt);
        self.outputs.borrow_mut().clear();
        self.interp.journal.begin();
        // A panic is a bug in Slope, never the user's fault: it becomes a diagnostic, and the
        // session rolls back like after any failing cell.
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| if crate::magics::is_magic(source) { crate::magics::run(self, &src) } else { self.run_src(&src) }));
        let result = run.unwrap_or_else(|payload| {
            let what = payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            Err(Diagnostic::new("InternalError", format!("Slope hit a bug while running this cell: {what}"))
                .with_help("the session was rolled back to before the cell; please report this with the code that caused it"))
        });
        if result.is_ok() {
            self.interp.journal.forget();
        }
        crate::interp::gc::maybe_collect();
        match result {
            Ok(Some(v)) => {
                let bundle = self.display_value(&v);
                match bundle {
                    Ok(Some(b)) => self.outputs.borrow_mut().push(Output::Result(b)),
                    Ok(None) => {}
                    Err(e) => self.outputs.borrow_mut().push(Output::Error(e)),
                }
                if !matches!(v, Value::None) {
                    self.last_result = Some(v.clone());
                    self.interp.globals.set("_".into(), v);
                }
            }
            Ok(None) => {}
            Err(e) => {
                // Figures drawn before the error are still shown with this cell (as Jupyter does).
                for hook in self.interp.end_of_cell.clone() {
                    let _ = hook(&mut self.interp);
                }
                // Roll the session back to where it was before the cell (sys.exit() ends the
                // cell but keeps what it did, as IPython does).
                if e.kind.as_ref() == "SystemExit" {
                    self.interp.journal.forget();
                } else {
                    self.interp.journal.rollback();
                }
                self.interp.stage = crate::interp::array::Stage::new_after(&self.interp.stage);
                self.interp.traces.clear();
                let _ = crate::eval::take_printed();
                self.interp.depth = 0;
                self.interp.interrupt.store(false, std::sync::atomic::Ordering::SeqCst);
                self.outputs.borrow_mut().push(Output::Error(e));
            }
        }
        std::mem::take(&mut *self.outputs.borrow_mut())
    }

    pub(crate) fn run_src(&mut self, src: &Rc<Source>) -> Result<Option<Value>, Diagnostic> {
        let stmts = syntax::parse(src)?;
        let last = self.interp.run_module(&stmts, src)?;
        self.interp.sync()?;
        for hook in self.interp.end_of_cell.clone() {
            hook(&mut self.interp)?;
        }
        Ok(last)
    }

    fn display_value(&mut self, v: &Value) -> Result<Option<Vec<(String, String)>>, Diagnostic> {
        if matches!(v, Value::None) {
            return Ok(None);
        }
        self.interp.mime_bundle(v).map(Some)
    }

    /// Whether `code` is ready to run (for multi-line entry and Jupyter's `is_complete`).
    pub fn is_complete(&self, code: &str) -> syntax::Completeness {
        syntax::is_complete(code)
    }
}

#[cfg(test)]
mod tests {
    use super::{Output, Session};

    fn text(outs: &[Output]) -> String {
        outs.iter()
            .map(|o| match o {
                Output::Result(b) => b[0].1.clone(),
                Output::Error(d) => format!("{}: {}", d.kind, d.message),
                other => format!("{other:?}"),
            })
            .collect()
    }

    /// `reset` forgets the user's names (and `_`) and keeps the builtins; the session goes on.
    #[test]
    fn reset_forgets_the_users_names() {
        let mut s = Session::new(&[]);
        assert!(s.run_cell("x = 3\ndef f(a):\n    return a + 1\nimport numpy as np").is_empty());
        assert_eq!(text(&s.run_cell("f(x)")), "4");
        assert_eq!(s.reset(), 3);
        assert_eq!(text(&s.run_cell("x")), "NameError: name 'x' is not defined");
        assert_eq!(text(&s.run_cell("_")), "NameError: name '_' is not defined");
        assert_eq!(text(&s.run_cell("len([1, 2]) + 1")), "3");
        assert_eq!(s.reset(), 0);
    }
}

//! Python's standard-library modules that are native (written in Rust): `math`, `_random` (the
//! Mersenne Twister under `random`, which is written in Slope in `std/py/random.py`), `_nprandom`
//! (numpy's bit generators and samplers under `numpy.random`, with `ziggurat`'s tables), `json`,
//! `os` and `os.path`, `sys`, `time`, `getpass`, `builtins` and `_weakref` (under `weakref`). Each file builds one module of `Value::Builtin`s and
//! reaches the engine only through `Interp`'s public API (`call`, `iterate`, `repr`, …).
//!
//! The aim is CPython 3.11's behaviour, number for number and message for message, checked by
//! the oracle programs in `tests/oracle/python/`. Where Slope cannot follow (its ints are 64-bit),
//! the departure is an error that says so, never a different answer.

pub mod gc;
pub mod getpass;
pub mod json;
pub mod math;
pub mod nprandom;
pub mod os;
pub mod random;
pub mod sha512;
pub mod sys;
pub mod time;
pub mod weakref;
pub mod ziggurat;

use lang::diag::{Diagnostic, Result};
use lang::interp::value::{Builtin, Kwargs, Module, NativeFn, Value};
use lang::interp::Interp;
use std::rc::Rc;

/// One function of a native module: name, implementation, docstring (signature: one sentence).
pub(crate) type Entry = (&'static str, NativeFn, &'static str);

/// Register every native module of this folder with a session.
pub fn register(s: &mut lang::Session) {
    s.register_module("gc", gc::build);
    s.register_module("getpass", getpass::build);
    s.register_module("math", math::build);
    s.register_module("_random", random::build);
    s.register_module("_nprandom", nprandom::build);
    s.register_module("json", json::build);
    s.register_module("os", os::build);
    s.register_module("os.path", os::build_path);
    s.register_module("sys", sys::build);
    s.register_module("time", time::build);
    s.register_module("builtins", weakref::build_builtins);
    s.register_module("_weakref", weakref::build);
}

/// A module holding `fns` as builtins.
pub(crate) fn module(name: &str, fns: &[Entry]) -> Module {
    let m = Module::new(name);
    for (n, f, doc) in fns {
        m.attrs.borrow_mut().insert((*n).into(), Value::Builtin(Rc::new(Builtin { name: (*n).into(), f: *f, jax: false, doc })));
    }
    m
}

/// Set a module attribute.
pub(crate) fn set(m: &Module, name: &str, v: Value) {
    m.attrs.borrow_mut().insert(name.into(), v);
}

pub(crate) fn err(kind: &str, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::new(kind, msg)
}

/// A float from a Python number (or a one-element array), with CPython's TypeError otherwise.
pub(crate) fn real(it: &mut Interp, v: &Value) -> Result<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Array(a) if a.numel() == 1 => Ok(it.force(a)?.get(0).to_f64()),
        Value::Array(_) => Err(err("TypeError", "only length-1 arrays can be converted to Python scalars").with_help("reduce the array to one number first (x.sum(), x[0], x.item())")),
        other => Err(err("TypeError", format!("must be real number, not {}", other.type_name())).with_help("pass an int or a float")),
    }
}

/// An int from a Python integer (bools and one-element integer arrays included), with CPython's
/// TypeError for floats and everything else.
pub(crate) fn index(it: &mut Interp, v: &Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Array(a) if a.numel() == 1 && !a.dtype().is_float() => Ok(it.force(a)?.get(0).to_i64()),
        other => Err(err("TypeError", format!("'{}' object cannot be interpreted as an integer", other.type_name())).with_help("pass an int (convert with int(x) if x is a whole float)")),
    }
}

/// Refuse keyword arguments to a function that takes none.
pub(crate) fn no_kw(kw: &Kwargs, f: &str) -> Result<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(err("TypeError", format!("{f}() takes no keyword arguments")).with_help("pass the arguments by position"))
    }
}

/// Check the number of positional arguments (`lo..=hi`), in CPython's words.
pub(crate) fn nargs(args: &[Value], lo: usize, hi: usize, f: &str) -> Result<()> {
    let n = args.len();
    if n >= lo && n <= hi {
        return Ok(());
    }
    let msg = if lo == hi {
        format!("{f} expected {lo} argument{}, got {n}", if lo == 1 { "" } else { "s" })
    } else if n < lo {
        format!("{f} expected at least {lo} argument{}, got {n}", if lo == 1 { "" } else { "s" })
    } else {
        format!("{f} expected at most {hi} argument{}, got {n}", if hi == 1 { "" } else { "s" })
    };
    Err(err("TypeError", msg).with_help(format!("see help({f}) for its arguments")))
}

/// A keyword argument's value, if given.
pub(crate) fn kwarg(kw: &Kwargs, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.clone())
}

/// A string argument, with a TypeError naming what it is for otherwise.
pub(crate) fn string(v: &Value, what: &str) -> Result<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(err("TypeError", format!("{what} must be str, not {}", other.type_name())).with_help("pass a str")),
    }
}

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

use lang::native::{Builtin, Diagnostic, Module, NativeFn, Value};
// The CPython-worded argument helpers live with the others in `lang::native` (`interp/args.rs`).
pub(crate) use lang::native::{index, kwarg, nargs, no_kw, real, string};
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


//! `builtins` (the builtin names as a module, for code that shadows one and calls the original:
//! `def map(f, *xs): return list(builtins.map(f, *xs))`) and `_weakref`, the native half of
//! `weakref` (std/py/weakref.py): weak references to instances, functions and classes, held as
//! `Weak` pointers in a table of this thread, so `ref()` gives None once the referent is freed.

use super::{err, module, Entry};
use lang::native::{Builtin, Class, Closure, Instance, Interp, Kwargs, Module, Result, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

pub fn build_builtins(it: &mut Interp) -> Result<Value> {
    let m = Module::new("builtins");
    for (k, v) in it.builtin_items() {
        m.attrs.borrow_mut().insert(k, v);
    }
    Ok(Value::Module(Rc::new(m)))
}

enum WeakRef {
    Object(Weak<Instance>),
    Func(Weak<Closure>),
    Class(Weak<Class>),
}

thread_local! {
    /// Live weak references by handle; an entry goes when its referent is found dead.
    static TABLE: RefCell<(i64, HashMap<i64, WeakRef>)> = RefCell::new((0, HashMap::new()));
}

const FNS: &[Entry] = &[
    ("new", new, "new(obj)\nA handle to a weak reference to obj (an instance, a function or a class)."),
    ("get", get, "get(handle)\nThe referent of a weak reference's handle, or None once it was freed."),
    ("release", release, "release(handle)\nForget a weak reference's handle."),
];

pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("_weakref", FNS))))
}

fn new(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let w = match args.first() {
        Some(Value::Object(o)) => WeakRef::Object(Rc::downgrade(o)),
        Some(Value::Func(f)) => WeakRef::Func(Rc::downgrade(f)),
        Some(Value::Class(c)) => WeakRef::Class(Rc::downgrade(c)),
        Some(other) => return Err(err("TypeError", format!("cannot create weak reference to '{}' object", other.type_name()))),
        None => return Err(err("TypeError", "weakref.ref expected 1 argument, got 0")),
    };
    Ok(Value::Int(TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.0 += 1;
        let h = t.0;
        t.1.insert(h, w);
        h
    })))
}

fn get(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let Some(Value::Int(h)) = args.first() else { return Err(err("TypeError", "_weakref.get takes a handle")) };
    Ok(TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let v = match t.1.get(h) {
            Some(WeakRef::Object(w)) => w.upgrade().map(Value::Object),
            Some(WeakRef::Func(w)) => w.upgrade().map(Value::Func),
            Some(WeakRef::Class(w)) => w.upgrade().map(Value::Class),
            None => None,
        };
        if v.is_none() {
            t.1.remove(h);
        }
        v.unwrap_or(Value::None)
    }))
}

fn release(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if let Some(Value::Int(h)) = args.first() {
        TABLE.with(|t| t.borrow_mut().1.remove(h));
    }
    Ok(Value::None)
}

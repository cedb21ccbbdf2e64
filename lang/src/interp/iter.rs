//! Iteration: Python's iterator protocol (`iter`, `next`, `StopIteration`), the lazy builtins
//! (`zip`, `map`, `filter`, `enumerate`, `reversed`), and generators.
//!
//! A generator's body runs on a stack of its own (a `corosensei` coroutine) inside the same
//! tree-walking interpreter, so `yield` can stand anywhere a Python program puts it: in loops,
//! `try` blocks, nested expressions. Each resume hands the coroutine the `Interp` it runs on
//! (the session's, which lives in a `Box` and does not move); `yield` suspends back to whoever
//! called `next`. The interpreter's call depth is saved and restored across each switch, and
//! recursion inside a generator is bounded by what its stack holds (`GEN_MAX_DEPTH`), so it
//! ends in a `RecursionError`, not a stack overflow. Stacks are pooled.

use super::value::*;
use super::Interp;
use crate::diag::{Diagnostic, Result};
use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};
use std::cell::RefCell;
use std::rc::Rc;

/// The stack of each generator (virtual memory; pages are touched only as it grows).
const GEN_STACK: usize = 256 << 20;
/// How deep calls may nest inside one generator before a RecursionError.
pub const GEN_MAX_DEPTH: usize = 200;
/// How many idle generator stacks are kept for reuse.
const POOL: usize = 16;

/// What a generator receives on each resume: the interpreter, the value sent in, and an error
/// thrown in (`gen.throw(e)`, `gen.close()`), raised where the generator is suspended.
type Input = (*mut Interp, Value, Option<Diagnostic>);
type Co = Coroutine<Input, Value, Result<Value>, DefaultStack>;

/// A generator object.
pub struct Generator {
    pub name: Rc<str>,
    state: RefCell<GenState>,
}

enum GenState {
    Suspended(Box<Co>),
    Running,
    Done,
}

/// The yielder of a running generator and the depth its consumer was at.
pub struct Active {
    yielder: *const Yielder<Input, Value>,
    base: usize,
}

/// One step of a generator.
pub enum Step {
    Yielded(Value),
    /// The generator returned (its value is `StopIteration.value`, the result of `yield from`).
    Returned(Value),
}

/// The state of an iterator that is not a generator.
pub enum IterState {
    /// Over a list, by index, seeing items appended while iterating (as Python's list iterator).
    List(Rc<RefCell<Vec<Value>>>, usize),
    /// Over a snapshot of items (tuples, strings, dict keys, sets, array rows).
    Items(Rc<Vec<Value>>, usize),
    Range(i64, i64, i64),
    Zip(Vec<Value>),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    Enumerate(Value, i64),
    /// An object whose `__getitem__` is called with 0, 1, 2, … until IndexError.
    GetItem(Value, i64),
    Done,
}

impl IterState {
    /// The name `repr` shows: `<zip object at …>`.
    pub fn kind(&self) -> &'static str {
        match self {
            IterState::List(..) => "list_iterator",
            IterState::Items(..) => "iterator",
            IterState::Range(..) => "range_iterator",
            IterState::Zip(_) => "zip",
            IterState::Map(..) => "map",
            IterState::Filter(..) => "filter",
            IterState::Enumerate(..) => "enumerate",
            IterState::GetItem(..) => "iterator",
            IterState::Done => "iterator",
        }
    }
}

fn iter_value(s: IterState) -> Value {
    Value::Iter(Rc::new(RefCell::new(s)))
}

/// A `StopIteration`, as `next()` raises it when an iterator is exhausted.
pub fn stop_iteration() -> Diagnostic {
    Diagnostic::new("StopIteration", "").with_help("the iterator is exhausted; pass a default, next(it, None), or loop with `for`")
}

impl Interp {
    /// A generator running `body` when first resumed.
    pub(crate) fn make_generator(&mut self, name: Rc<str>, body: Box<dyn FnOnce(&mut Interp) -> Result<Value>>) -> Result<Value> {
        let stack = match self.gen_stacks.pop() {
            Some(s) => s,
            None => DefaultStack::new(GEN_STACK).map_err(|e| Diagnostic::new("MemoryError", format!("cannot allocate a generator's stack: {e}")))?,
        };
        let co: Co = Coroutine::with_stack(stack, move |y: &Yielder<Input, Value>, (ip, _sent, thrown): Input| {
            // SAFETY: the interpreter resuming us is alive and not otherwise used until we
            // suspend or return (see the module doc).
            let it = unsafe { &mut *ip };
            if let Some(e) = thrown {
                return Err(e);
            }
            it.gen_active.push(Active { yielder: y as *const _, base: it.depth });
            let r = body(it);
            it.gen_active.pop();
            r
        });
        Ok(Value::Generator(Rc::new(Generator { name, state: RefCell::new(GenState::Suspended(Box::new(co))) })))
    }

    /// Resume a generator with `sent` (None for `next`).
    pub(crate) fn gen_resume(&mut self, g: &Rc<Generator>, sent: Value) -> Result<Step> {
        self.gen_switch(g, sent, None)
    }

    /// Raise `e` inside a generator where it is suspended (`gen.throw(e)`).
    pub(crate) fn gen_throw(&mut self, g: &Rc<Generator>, e: Diagnostic) -> Result<Step> {
        self.gen_switch(g, Value::None, Some(e))
    }

    /// `gen.close()`: GeneratorExit inside it; a generator that yields again is an error.
    pub(crate) fn gen_close(&mut self, g: &Rc<Generator>) -> Result<()> {
        if matches!(&*g.state.borrow(), GenState::Done) {
            return Ok(());
        }
        match self.gen_throw(g, Diagnostic::new("GeneratorExit", "")) {
            Ok(Step::Yielded(_)) => Err(Diagnostic::new("RuntimeError", "generator ignored GeneratorExit")),
            Ok(Step::Returned(_)) => Ok(()),
            Err(e) if matches!(e.kind.as_ref(), "GeneratorExit" | "StopIteration") => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn gen_switch(&mut self, g: &Rc<Generator>, sent: Value, thrown: Option<Diagnostic>) -> Result<Step> {
        let prev = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Running);
        let co = match prev {
            GenState::Suspended(co) => co,
            GenState::Running => {
                *g.state.borrow_mut() = GenState::Running;
                return Err(Diagnostic::new("ValueError", "generator already executing"));
            }
            GenState::Done => {
                *g.state.borrow_mut() = GenState::Done;
                return match thrown {
                    Some(e) => Err(e),
                    None => Ok(Step::Returned(Value::None)),
                };
            }
        };
        let mut co = co;
        let me: *mut Interp = self;
        match co.resume((me, sent, thrown)) {
            CoroutineResult::Yield(v) => {
                *g.state.borrow_mut() = GenState::Suspended(co);
                Ok(Step::Yielded(v))
            }
            CoroutineResult::Return(r) => {
                *g.state.borrow_mut() = GenState::Done;
                if self.gen_stacks.len() < POOL {
                    self.gen_stacks.push(co.into_stack());
                }
                r.map(Step::Returned)
            }
        }
    }

    /// `yield v` inside a generator: hand `v` to the consumer, return what it sends back.
    pub(crate) fn gen_yield(&mut self, v: Value) -> Result<Value> {
        let Some(active) = self.gen_active.pop() else {
            return Err(Diagnostic::new("SyntaxError", "'yield' outside a generator"));
        };
        let inner = self.depth.saturating_sub(active.base);
        self.depth = active.base;
        // SAFETY: the yielder belongs to the coroutine we are running on, which is suspended
        // only here and resumed only by `gen_resume`.
        let y = unsafe { &*active.yielder };
        let (ip, sent, thrown) = y.suspend(v);
        let it = unsafe { &mut *ip };
        debug_assert!(std::ptr::eq(it, self));
        let base = it.depth;
        it.depth = base + inner;
        it.gen_active.push(Active { yielder: active.yielder, base });
        match thrown {
            Some(e) => Err(e),
            None => Ok(sent),
        }
    }

    /// The call depth inside the innermost running generator (for its recursion limit).
    pub(crate) fn gen_depth(&self) -> Option<usize> {
        self.gen_active.last().map(|a| self.depth.saturating_sub(a.base))
    }

    /// `iter(v)`: an iterator over `v`.
    pub fn get_iter(&mut self, v: &Value) -> Result<Value> {
        Ok(match v {
            Value::Generator(_) | Value::Iter(_) => v.clone(),
            Value::List(l) => iter_value(IterState::List(l.clone(), 0)),
            Value::Range(a, b, s) => iter_value(IterState::Range(*a, *b, *s)),
            Value::Object(o) => {
                if let Some(r) = self.dunder(v, "__iter__", vec![])? {
                    if !matches!(r, Value::Generator(_) | Value::Iter(_)) && !self.has_dunder(&r, "__next__") {
                        return Err(Diagnostic::new("TypeError", format!("iter() returned non-iterator of type '{}'", r.type_name())).with_help("__iter__ must return an iterator: an object with __next__, or a generator (use `yield`)"));
                    }
                    return Ok(r);
                }
                if o.class.lookup("__getitem__").is_some() {
                    return Ok(iter_value(IterState::GetItem(v.clone(), 0)));
                }
                return Err(Diagnostic::new("TypeError", format!("'{}' object is not iterable", o.class.name)).with_help("define __iter__ (returning an iterator, or written with `yield`) to make it iterable"));
            }
            Value::Class(c) if c.meta_method("__iter__").is_some() => {
                let f = c.meta_method("__iter__").unwrap_or(Value::None);
                self.call(&f, vec![v.clone()], vec![])?
            }
            other => iter_value(IterState::Items(Rc::new(self.iterate(other)?), 0)),
        })
    }

    /// The next item of an iterator, None when it is exhausted.
    pub(crate) fn next_item(&mut self, it: &Value) -> Result<Option<Value>> {
        match it {
            Value::Generator(g) => match self.gen_resume(g, Value::None)? {
                Step::Yielded(v) => Ok(Some(v)),
                Step::Returned(_) => Ok(None),
            },
            Value::Iter(s) => self.iter_next(s),
            Value::Object(_) => match self.dunder(it, "__next__", vec![]) {
                Ok(Some(v)) => Ok(Some(v)),
                Ok(None) => Err(Diagnostic::new("TypeError", format!("'{}' object is not an iterator", it.type_name())).with_help("call iter(x) first, or define __next__")),
                Err(e) if e.kind.as_ref() == "StopIteration" => Ok(None),
                Err(e) => Err(e),
            },
            other => Err(Diagnostic::new("TypeError", format!("'{}' object is not an iterator", other.type_name())).with_help("call iter(x) first to get an iterator")),
        }
    }

    fn iter_next(&mut self, s: &Rc<RefCell<IterState>>) -> Result<Option<Value>> {
        // Take the state out while computing (a map's function may use the same iterator).
        let state = std::mem::replace(&mut *s.borrow_mut(), IterState::Done);
        let (out, next) = match state {
            IterState::List(l, i) => {
                let item = l.borrow().get(i).cloned();
                match item {
                    Some(v) => (Some(v), IterState::List(l, i + 1)),
                    None => (None, IterState::Done),
                }
            }
            IterState::Items(items, i) => match items.get(i).cloned() {
                Some(v) => (Some(v), IterState::Items(items, i + 1)),
                None => (None, IterState::Done),
            },
            IterState::Range(a, b, st) => {
                if (st > 0 && a < b) || (st < 0 && a > b) {
                    (Some(Value::Int(a)), IterState::Range(a + st, b, st))
                } else {
                    (None, IterState::Done)
                }
            }
            IterState::Zip(its) => {
                let mut items = Vec::with_capacity(its.len());
                let mut done = its.is_empty();
                for i in &its {
                    match self.next_item(i)? {
                        Some(v) => items.push(v),
                        None => {
                            done = true;
                            break;
                        }
                    }
                }
                if done {
                    (None, IterState::Done)
                } else {
                    (Some(Value::tuple(items)), IterState::Zip(its))
                }
            }
            IterState::Map(f, its) => {
                let mut items = Vec::with_capacity(its.len());
                let mut done = false;
                for i in &its {
                    match self.next_item(i)? {
                        Some(v) => items.push(v),
                        None => {
                            done = true;
                            break;
                        }
                    }
                }
                if done {
                    (None, IterState::Done)
                } else {
                    let v = self.call(&f, items, vec![])?;
                    (Some(v), IterState::Map(f, its))
                }
            }
            IterState::Filter(f, inner) => {
                let mut found = None;
                while let Some(x) = self.next_item(&inner)? {
                    let keep = if f.is_none() { x.clone() } else { self.call(&f, vec![x.clone()], vec![])? };
                    if self.truthy(&keep)? {
                        found = Some(x);
                        break;
                    }
                }
                match found {
                    Some(x) => (Some(x), IterState::Filter(f, inner)),
                    None => (None, IterState::Done),
                }
            }
            IterState::Enumerate(inner, n) => match self.next_item(&inner)? {
                Some(x) => (Some(Value::tuple(vec![Value::Int(n), x])), IterState::Enumerate(inner, n + 1)),
                None => (None, IterState::Done),
            },
            IterState::GetItem(obj, i) => match self.getitem(&obj, &Value::Int(i)) {
                Ok(v) => (Some(v), IterState::GetItem(obj, i + 1)),
                Err(e) if matches!(e.kind.as_ref(), "IndexError" | "StopIteration") => (None, IterState::Done),
                Err(e) => return Err(e),
            },
            IterState::Done => (None, IterState::Done),
        };
        *s.borrow_mut() = next;
        Ok(out)
    }

    /// `zip(*iterables)`, lazily.
    pub(crate) fn lazy_zip(&mut self, args: &[Value]) -> Result<Value> {
        let its = args.iter().map(|a| self.get_iter(a)).collect::<Result<Vec<_>>>()?;
        Ok(iter_value(IterState::Zip(its)))
    }

    /// `map(f, *iterables)`, lazily.
    pub(crate) fn lazy_map(&mut self, f: Value, args: &[Value]) -> Result<Value> {
        let its = args.iter().map(|a| self.get_iter(a)).collect::<Result<Vec<_>>>()?;
        Ok(iter_value(IterState::Map(f, its)))
    }

    /// `filter(f, iterable)`, lazily.
    pub(crate) fn lazy_filter(&mut self, f: Value, v: &Value) -> Result<Value> {
        let inner = self.get_iter(v)?;
        Ok(iter_value(IterState::Filter(f, inner)))
    }

    /// `enumerate(iterable, start)`, lazily.
    pub(crate) fn lazy_enumerate(&mut self, v: &Value, start: i64) -> Result<Value> {
        let inner = self.get_iter(v)?;
        Ok(iter_value(IterState::Enumerate(inner, start)))
    }

    /// An iterator over a snapshot of items (`reversed`, dict views).
    pub(crate) fn items_iter(&mut self, items: Vec<Value>) -> Value {
        iter_value(IterState::Items(Rc::new(items), 0))
    }
}

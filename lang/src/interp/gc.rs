//! The cycle collector. Values are reference counted (`Rc`), which frees everything a program
//! drops except cycles, and Python programs make cycles all the time: micrograd's `Value` keeps a
//! closure that refers to the value itself, a tree's children point at their parent, a method
//! stored on its own object. CPython frees those with its `gc`; this is Slope's, on the same idea.
//!
//! Every instance, scope, function, list and dict (and set) is *tracked* (weakly) when it is
//! made. A collection counts, for each live tracked object, the references to it that come from
//! other tracked objects; an object with more references than that is held from outside them
//! (a variable of a running function, the interpreter, a generator's stack, a value the Rust
//! code holds), and so is everything it reaches. The rest is unreachable garbage kept alive only
//! by cycles among themselves: the collector empties those containers, which breaks the cycles,
//! and reference counting frees them. No roots need to be known, so a collection is safe at any
//! point where no container is borrowed: the interpreter runs one at the end of a loop iteration
//! or a cell, when enough new objects were made since the last one.
//!
//! What the collector does not look inside (tuples, bound methods, arrays, generators, native
//! data) it treats as held from outside: it may keep a cycle through them alive, never free
//! something reachable.

use super::object::Instance;
use super::value::*;
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

enum Tracked {
    Inst(Weak<Instance>),
    Scope(Weak<Scope>),
    Func(Weak<Closure>),
    List(Weak<RefCell<Vec<Value>>>),
    Dict(Weak<RefCell<Dict>>),
}

enum Node {
    Inst(Rc<Instance>),
    Scope(Rc<Scope>),
    Func(Rc<Closure>),
    List(Rc<RefCell<Vec<Value>>>),
    Dict(Rc<RefCell<Dict>>),
}

impl Tracked {
    fn upgrade(&self) -> Option<Node> {
        match self {
            Tracked::Inst(w) => w.upgrade().map(Node::Inst),
            Tracked::Scope(w) => w.upgrade().map(Node::Scope),
            Tracked::Func(w) => w.upgrade().map(Node::Func),
            Tracked::List(w) => w.upgrade().map(Node::List),
            Tracked::Dict(w) => w.upgrade().map(Node::Dict),
        }
    }
    fn alive(&self) -> bool {
        match self {
            Tracked::Inst(w) => w.strong_count() > 0,
            Tracked::Scope(w) => w.strong_count() > 0,
            Tracked::Func(w) => w.strong_count() > 0,
            Tracked::List(w) => w.strong_count() > 0,
            Tracked::Dict(w) => w.strong_count() > 0,
        }
    }
}

impl Node {
    fn addr(&self) -> usize {
        match self {
            Node::Inst(r) => Rc::as_ptr(r) as *const u8 as usize,
            Node::Scope(r) => Rc::as_ptr(r) as *const u8 as usize,
            Node::Func(r) => Rc::as_ptr(r) as *const u8 as usize,
            Node::List(r) => Rc::as_ptr(r) as *const u8 as usize,
            Node::Dict(r) => Rc::as_ptr(r) as *const u8 as usize,
        }
    }
    /// Strong references, less the one this node holds.
    fn refs(&self) -> usize {
        match self {
            Node::Inst(r) => Rc::strong_count(r) - 1,
            Node::Scope(r) => Rc::strong_count(r) - 1,
            Node::Func(r) => Rc::strong_count(r) - 1,
            Node::List(r) => Rc::strong_count(r) - 1,
            Node::Dict(r) => Rc::strong_count(r) - 1,
        }
    }
    /// The addresses of the tracked objects this one holds a strong reference to, one per
    /// reference. None when a container is borrowed right now (then it is left alone).
    fn edges(&self, out: &mut Vec<usize>) -> bool {
        fn value(v: &Value, out: &mut Vec<usize>) {
            match v {
                Value::Object(r) => out.push(Rc::as_ptr(r) as *const u8 as usize),
                Value::Func(r) => out.push(Rc::as_ptr(r) as *const u8 as usize),
                Value::List(r) => out.push(Rc::as_ptr(r) as *const u8 as usize),
                Value::Dict(r) | Value::Set(r) => out.push(Rc::as_ptr(r) as *const u8 as usize),
                _ => {}
            }
        }
        match self {
            Node::Inst(o) => {
                let (Ok(attrs), Ok(base)) = (o.attrs.try_borrow(), o.base.try_borrow()) else { return false };
                attrs.iter().for_each(|(_, v)| value(v, out));
                if let Some(b) = base.as_ref() {
                    value(b, out);
                }
            }
            Node::Scope(s) => {
                let Ok(vars) = s.vars.try_borrow() else { return false };
                vars.values().for_each(|v| value(v, out));
                if let Some(p) = &s.parent {
                    out.push(Rc::as_ptr(p) as *const u8 as usize);
                }
            }
            Node::Func(c) => {
                let Ok(attrs) = c.attrs.try_borrow() else { return false };
                out.push(Rc::as_ptr(&c.scope) as *const u8 as usize);
                c.defaults.iter().flatten().for_each(|v| value(v, out));
                if let Some(a) = attrs.as_ref() {
                    a.iter().for_each(|(_, v)| value(v, out));
                }
            }
            Node::List(l) => {
                let Ok(items) = l.try_borrow() else { return false };
                items.iter().for_each(|v| value(v, out));
            }
            Node::Dict(d) => {
                let Ok(d) = d.try_borrow() else { return false };
                d.entries.iter().for_each(|(k, v)| {
                    value(k, out);
                    value(v, out);
                });
            }
        }
        true
    }
    /// Empty the container, handing its contents to `sink` (dropped after every cycle is
    /// broken, so no destructor runs while the collector works).
    fn clear(&self, sink: &mut Vec<Value>) {
        match self {
            Node::Inst(o) => {
                if let (Ok(mut attrs), Ok(mut base)) = (o.attrs.try_borrow_mut(), o.base.try_borrow_mut()) {
                    sink.extend(std::mem::take(&mut *attrs).iter().map(|(_, v)| v.clone()));
                    sink.extend(base.take());
                }
            }
            Node::Scope(s) => {
                if let Ok(mut vars) = s.vars.try_borrow_mut() {
                    sink.extend(vars.drain().map(|(_, v)| v));
                }
            }
            Node::Func(c) => {
                if let Ok(mut a) = c.attrs.try_borrow_mut() {
                    if let Some(a) = a.take() {
                        sink.extend(a.iter().map(|(_, v)| v.clone()));
                    }
                }
            }
            Node::List(l) => {
                if let Ok(mut items) = l.try_borrow_mut() {
                    sink.append(&mut items);
                }
            }
            Node::Dict(d) => {
                if let Ok(mut d) = d.try_borrow_mut() {
                    let d = std::mem::take(&mut *d);
                    for (k, v) in d.entries {
                        sink.push(k);
                        sink.push(v);
                    }
                }
            }
        }
    }
}

struct Registry {
    tracked: Vec<Tracked>,
    /// How many tracked objects trigger the next collection.
    threshold: usize,
    /// How many entries trigger the next pruning of those whose object is gone.
    prune_at: usize,
    enabled: bool,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry { tracked: Vec::new(), threshold: MIN_THRESHOLD, prune_at: MIN_PRUNE, enabled: true });
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// Collections start once this many objects are tracked, and then when the count doubles.
const MIN_THRESHOLD: usize = 50_000;

/// Entries of freed objects are dropped once the registry reaches this size, and then whenever
/// it doubles. A weak reference keeps its object's allocation, so without this every scope,
/// list or function a cell made and freed would hold its memory until the next collection
/// (the soak test's RSS grew by a few hundred bytes per cell); like CPython's allocation count,
/// the collection threshold then counts only the objects still alive.
const MIN_PRUNE: usize = 4096;

fn track(t: Tracked) {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.tracked.push(t);
        if r.tracked.len() >= r.prune_at {
            r.tracked.retain(Tracked::alive);
            r.prune_at = (2 * r.tracked.len()).max(MIN_PRUNE);
        }
    });
}

pub fn track_instance(o: &Rc<Instance>) {
    track(Tracked::Inst(Rc::downgrade(o)));
}
pub fn track_scope(s: &Rc<Scope>) {
    track(Tracked::Scope(Rc::downgrade(s)));
}
pub fn track_func(f: &Rc<Closure>) {
    track(Tracked::Func(Rc::downgrade(f)));
}
pub fn track_list(l: &Rc<RefCell<Vec<Value>>>) {
    track(Tracked::List(Rc::downgrade(l)));
}
pub fn track_dict(d: &Rc<RefCell<Dict>>) {
    track(Tracked::Dict(Rc::downgrade(d)));
}

/// Collect if enough objects were made since the last collection (a safe point).
pub fn maybe_collect() {
    let due = REGISTRY.with(|r| {
        let r = r.borrow();
        r.enabled && r.tracked.len() >= r.threshold
    });
    if due {
        collect();
    }
}

/// `gc.enable()` / `gc.disable()`.
pub fn set_enabled(on: bool) {
    REGISTRY.with(|r| r.borrow_mut().enabled = on);
}

pub fn enabled() -> bool {
    REGISTRY.with(|r| r.borrow().enabled)
}

/// Free the objects only cycles keep alive; returns how many there were.
pub fn collect() -> usize {
    if COLLECTING.with(|c| c.replace(true)) {
        return 0;
    }
    let tracked = REGISTRY.with(|r| std::mem::take(&mut r.borrow_mut().tracked));
    let mut nodes: Vec<Node> = Vec::with_capacity(tracked.len());
    let mut keep: Vec<Tracked> = Vec::with_capacity(tracked.len() / 2);
    for t in tracked {
        if let Some(n) = t.upgrade() {
            nodes.push(n);
            keep.push(t);
        }
    }
    let index: FxHashMap<usize, usize> = nodes.iter().enumerate().map(|(i, n)| (n.addr(), i)).collect();
    // References from outside the tracked objects: all of them, less those from inside.
    let mut outside: Vec<isize> = nodes.iter().map(|n| n.refs() as isize).collect();
    let mut edges: Vec<Vec<usize>> = Vec::with_capacity(nodes.len());
    let mut scratch = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        scratch.clear();
        if n.edges(&mut scratch) {
            let mine: Vec<usize> = scratch.iter().filter_map(|a| index.get(a).copied()).collect();
            for &j in &mine {
                outside[j] -= 1;
            }
            edges.push(mine);
        } else {
            // A container borrowed right now is held from outside (its reader holds it), and
            // what it holds counts as held from outside too.
            outside[i] = isize::MAX / 2;
            edges.push(Vec::new());
        }
    }
    // Everything reachable from what is held from outside is alive.
    let mut live = vec![false; nodes.len()];
    let mut stack: Vec<usize> = (0..nodes.len()).filter(|&i| outside[i] > 0).collect();
    for &i in &stack {
        live[i] = true;
    }
    while let Some(i) = stack.pop() {
        for &j in &edges[i] {
            if !live[j] {
                live[j] = true;
                stack.push(j);
            }
        }
    }
    let mut sink = Vec::new();
    let mut freed = 0;
    for (i, n) in nodes.iter().enumerate() {
        if !live[i] {
            n.clear(&mut sink);
            freed += 1;
        }
    }
    let survivors: Vec<Tracked> = keep.into_iter().zip(&live).filter(|(_, &l)| l).map(|(t, _)| t).collect();
    drop(nodes);
    drop(sink);
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        // Objects made while this ran (destructors) were pushed meanwhile: keep them too.
        let mut newer = std::mem::take(&mut r.tracked);
        newer.retain(|t| t.alive());
        r.tracked = survivors;
        r.tracked.append(&mut newer);
        r.threshold = (2 * r.tracked.len()).max(MIN_THRESHOLD);
    });
    COLLECTING.with(|c| c.set(false));
    freed
}

/// How many objects are tracked now (for tests and `gc.get_count`).
pub fn tracked_count() -> usize {
    REGISTRY.with(|r| r.borrow().tracked.len())
}

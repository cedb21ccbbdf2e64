//! The journal: what a failing cell must put back so that the session is exactly as it was.
//!
//! While a cell runs, the first in-place change to a list, dict, set, object, class or
//! module-level scope records a shallow copy of its contents (copy on first write); a cell that
//! succeeds forgets them, a cell that fails writes them back. A numpy array written in place
//! records its contents cell (cells are never written into, only replaced, so the old one is
//! the old value); JAX arrays are immutable and are restored with the containers that hold them. Function-local scopes are not
//! journaled: a call's scope is new and is dropped with the failed cell (writes to an enclosing
//! function's scope go through `nonlocal`, which is journaled).
//!
//! The journal must not keep what the cell throws away alive: objects record the cell they were
//! born in and are not journaled by it, and containers are held weakly (a container that died
//! needs no restoring), with dead entries pruned as the journal grows.

use super::array::{Array, ArrayNode, ArrayState};
use super::object::{Attrs, Class, Instance};
use super::value::*;
use super::Interp;
use crate::syntax::ast::Name;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicU64, Ordering};

/// The number of the running cell (0 outside cells).
static EPOCH: AtomicU64 = AtomicU64::new(0);

/// The number of the running cell, which new objects record as their birth.
pub fn epoch() -> u64 {
    EPOCH.load(Ordering::Relaxed)
}

#[derive(Default)]
pub struct Journal {
    /// Whether a cell is running (outside cells, e.g. while the standard library loads,
    /// nothing is recorded).
    pub on: bool,
    lists: FxHashMap<usize, (Weak<RefCell<Vec<Value>>>, Vec<Value>)>,
    dicts: FxHashMap<usize, (Weak<RefCell<Dict>>, Dict)>,
    /// The size at which dead containers are next pruned.
    prune_at: usize,
    objects: FxHashMap<usize, (Rc<Instance>, Attrs, Option<Value>)>,
    classes: FxHashMap<usize, (Rc<Class>, Attrs)>,
    scopes: FxHashMap<usize, (Rc<Scope>, FxHashMap<Name, Value>)>,
    modules: FxHashMap<usize, (Rc<Module>, FxHashMap<Name, Value>)>,
    /// numpy arrays written in place: their contents before the cell.
    arrays: FxHashMap<usize, (Weak<ArrayNode>, Rc<RefCell<ArrayState>>)>,
}

impl Journal {
    /// Start recording for a cell.
    pub fn begin(&mut self) {
        self.forget();
        self.on = true;
        EPOCH.fetch_add(1, Ordering::Relaxed);
    }
    /// The cell succeeded: keep every change.
    pub fn forget(&mut self) {
        self.lists.clear();
        self.dicts.clear();
        self.objects.clear();
        self.classes.clear();
        self.scopes.clear();
        self.modules.clear();
        self.arrays.clear();
        self.prune_at = 0;
        self.on = false;
    }
    /// Drop the entries of containers nobody holds any more.
    fn prune(&mut self) {
        let n = self.lists.len() + self.dicts.len() + self.arrays.len();
        if n < self.prune_at.max(1024) {
            return;
        }
        self.lists.retain(|_, (w, _)| w.strong_count() > 0);
        self.dicts.retain(|_, (w, _)| w.strong_count() > 0);
        self.arrays.retain(|_, (w, _)| w.strong_count() > 0);
        self.prune_at = 2 * (self.lists.len() + self.dicts.len() + self.arrays.len());
    }
    /// The cell failed: put back every container as it was before the cell.
    pub fn rollback(&mut self) {
        for (_, (l, old)) in self.lists.drain() {
            if let Some(l) = l.upgrade() {
                *l.borrow_mut() = old;
            }
        }
        for (_, (d, old)) in self.dicts.drain() {
            if let Some(d) = d.upgrade() {
                *d.borrow_mut() = old;
            }
        }
        for (_, (o, attrs, base)) in self.objects.drain() {
            *o.attrs.borrow_mut() = attrs;
            *o.base.borrow_mut() = base;
        }
        for (_, (c, attrs)) in self.classes.drain() {
            *c.attrs.borrow_mut() = attrs;
        }
        for (_, (s, vars)) in self.scopes.drain() {
            *s.vars.borrow_mut() = vars;
        }
        for (_, (m, attrs)) in self.modules.drain() {
            *m.attrs.borrow_mut() = attrs;
        }
        for (_, (a, cell)) in self.arrays.drain() {
            if let Some(a) = a.upgrade() {
                Array(a).set_state(cell);
            }
        }
        self.on = false;
    }
}

impl Interp {
    /// Record a list before its first change in this cell.
    pub fn journal_list(&mut self, l: &Rc<RefCell<Vec<Value>>>) {
        if self.journal.on {
            let k = Rc::as_ptr(l) as *const u8 as usize;
            if let std::collections::hash_map::Entry::Vacant(e) = self.journal.lists.entry(k) {
                e.insert((Rc::downgrade(l), l.borrow().clone()));
                self.journal.prune();
            } else if let Some((w, _)) = self.journal.lists.get(&k) {
                // The address was reused by a new list after the old one died.
                if w.strong_count() == 0 {
                    self.journal.lists.insert(k, (Rc::downgrade(l), l.borrow().clone()));
                }
            }
        }
    }
    /// Record a dict (or set) before its first change in this cell.
    pub(crate) fn journal_dict(&mut self, d: &Rc<RefCell<Dict>>) {
        if self.journal.on {
            let k = Rc::as_ptr(d) as *const u8 as usize;
            if let std::collections::hash_map::Entry::Vacant(e) = self.journal.dicts.entry(k) {
                e.insert((Rc::downgrade(d), d.borrow().clone()));
                self.journal.prune();
            } else if let Some((w, _)) = self.journal.dicts.get(&k) {
                if w.strong_count() == 0 {
                    self.journal.dicts.insert(k, (Rc::downgrade(d), d.borrow().clone()));
                }
            }
        }
    }
    /// Record an object's attributes before their first change in this cell.
    pub(crate) fn journal_object(&mut self, o: &Rc<Instance>) {
        if self.journal.on && o.born != epoch() {
            let k = Rc::as_ptr(o) as *const u8 as usize;
            self.journal.objects.entry(k).or_insert_with(|| (o.clone(), o.attrs.borrow().clone(), o.base.borrow().clone()));
        }
    }
    /// Record a class's attributes before their first change in this cell.
    pub(crate) fn journal_class(&mut self, c: &Rc<Class>) {
        if self.journal.on {
            let k = Rc::as_ptr(c) as *const u8 as usize;
            self.journal.classes.entry(k).or_insert_with(|| (c.clone(), c.attrs.borrow().clone()));
        }
    }
    /// Record a module-level scope before its first change in this cell.
    pub(crate) fn journal_scope(&mut self, s: &Rc<Scope>) {
        if self.journal.on {
            let k = Rc::as_ptr(s) as *const u8 as usize;
            self.journal.scopes.entry(k).or_insert_with(|| (s.clone(), s.vars.borrow().clone()));
        }
    }
    /// Record a numpy array's contents before its first in-place write in this cell.
    pub(crate) fn journal_array(&mut self, a: &Array) {
        if self.journal.on {
            let k = Rc::as_ptr(&a.0) as *const u8 as usize;
            let stale = self.journal.arrays.get(&k).is_some_and(|(w, _)| w.strong_count() == 0);
            if stale || !self.journal.arrays.contains_key(&k) {
                self.journal.arrays.insert(k, (Rc::downgrade(&a.0), a.state()));
                self.journal.prune();
            }
        }
    }
    /// Record a module's attributes before their first change in this cell.
    pub(crate) fn journal_module(&mut self, m: &Rc<Module>) {
        if self.journal.on {
            let k = Rc::as_ptr(m) as *const u8 as usize;
            self.journal.modules.entry(k).or_insert_with(|| (m.clone(), m.attrs.borrow().clone()));
        }
    }
}

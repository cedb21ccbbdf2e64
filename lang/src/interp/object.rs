//! The object model: classes, their instances, bound methods, `super`, and the descriptors
//! Python code uses (`property`, `staticmethod`, `classmethod`, `__get__`).
//!
//! Every type is a `Class`: user classes made by a `class` statement, and the classes of
//! Python's and Slope's own values (`int`, `list`, `ValueError`, `numpy.ndarray`), made once
//! per session in `Types` and marked `builtin`. A builtin class has no attributes of its own in
//! its table; looking a name up on it gives a *slot*, a builtin that performs the operation on
//! the value it is called with (`dict.keys(d)`, `object.__setattr__(self, n, v)`,
//! `super().__getitem__(k)` in a dict subclass). An instance of a user class that extends a
//! builtin container (`class Config(dict)`, a NamedTuple) carries that container's value as its
//! `base`, and the slots operate on it.
//!
//! This module owns attribute lookup (`getattr_object`, `setattr_object`), class creation with
//! C3 linearisation (`make_class`), instantiation (`instantiate`), and the dunder dispatch the
//! operators use (`dunder`). It must not know about arrays beyond their class names.

use super::args::need;
use super::value::*;
use super::Interp;
use crate::diag::{Diagnostic, Result};
use crate::syntax::ast::Name;
use rustc_hash::FxHashMap;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// An insertion-ordered table of attributes.
#[derive(Clone, Default)]
pub struct Attrs {
    index: FxHashMap<Name, usize>,
    entries: Vec<(Name, Value)>,
}

impl Attrs {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.index.get(name).map(|&i| &self.entries[i].1)
    }
    pub fn contains(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }
    pub fn set(&mut self, name: Name, v: Value) {
        match self.index.get(&name) {
            Some(&i) => self.entries[i].1 = v,
            None => {
                self.index.insert(name.clone(), self.entries.len());
                self.entries.push((name, v));
            }
        }
    }
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let i = self.index.remove(name)?;
        let (_, v) = self.entries.remove(i);
        for j in self.index.values_mut() {
            if *j > i {
                *j -= 1;
            }
        }
        Some(v)
    }
    pub fn iter(&self) -> impl Iterator<Item = &(Name, Value)> {
        self.entries.iter()
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A class.
pub struct Class {
    pub name: Rc<str>,
    pub module: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order after this class (C3 linearisation; `object` last).
    pub mro: Vec<Rc<Class>>,
    pub attrs: RefCell<Attrs>,
    /// One of the classes of Python's and Slope's own types.
    pub builtin: bool,
    /// The metaclass, when it is a user class deriving `type` (`ABCMeta`, `EnumType`): given
    /// by `metaclass=` or inherited from a base. Its `__init__` runs on each new class, and the
    /// class-level operations (`type(C)`, `iter(C)`, `len(C)`, `C[k]`, `x in C`, `repr(C)`,
    /// `C(...)`, `isinstance`/`issubclass`, attributes missing on the class) consult it.
    pub meta: Option<Rc<Class>>,
}

impl Class {
    /// The class and its MRO, most derived first.
    pub fn linear(self: &Rc<Class>) -> impl Iterator<Item = &Rc<Class>> {
        std::iter::once(self).chain(self.mro.iter())
    }
    /// `name` on this class or the first class of its MRO that has it (builtin classes answer
    /// with their slots).
    pub fn lookup(self: &Rc<Class>, name: &str) -> Option<Value> {
        for c in self.linear() {
            if c.builtin {
                if let Some(v) = slot(c, name) {
                    return Some(v);
                }
            } else if let Some(v) = c.attrs.borrow().get(name) {
                return Some(v.clone());
            }
        }
        None
    }
    /// Whether `name` is defined by a user class in the MRO (not by a builtin class's slot).
    pub fn defines(self: &Rc<Class>, name: &str) -> bool {
        self.linear().any(|c| !c.builtin && c.attrs.borrow().contains(name))
    }
    /// Whether this class is `other` or derives from it.
    pub fn is_subclass(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        self.linear().any(|c| Rc::ptr_eq(c, other))
    }
    /// `np.ndarray` or `jax.Array`: the classes of Slope's arrays (either kind of array is an
    /// instance of either; neither can be subclassed).
    pub fn is_array_class(&self) -> bool {
        self.builtin && matches!((self.module.as_ref(), self.name.as_ref()), ("numpy", "ndarray") | ("jax", "Array"))
    }
    /// Whether this class derives from the builtin class called `name`.
    pub fn derives_builtin(self: &Rc<Class>, name: &str) -> bool {
        self.linear().any(|c| c.builtin && c.name.as_ref() == name)
    }
    /// The first builtin container class in the MRO (what an instance's `base` holds).
    pub fn builtin_base(self: &Rc<Class>) -> Option<&'static str> {
        for c in self.linear() {
            if c.builtin {
                for n in ["dict", "list", "tuple", "set", "frozenset", "str", "int", "float"] {
                    if c.name.as_ref() == n {
                        return Some(n);
                    }
                }
            }
        }
        None
    }
    /// The metaclass's own method `name` (a user metaclass's, not `type`'s), to call with the
    /// class as its first argument.
    pub fn meta_method(&self, name: &str) -> Option<Value> {
        let m = self.meta.as_ref()?;
        if m.defines(name) {
            m.lookup(name)
        } else {
            None
        }
    }
    /// `module.name`, as `repr` shows it.
    pub fn qualified(&self) -> String {
        if self.module.as_ref() == "builtins" {
            self.name.to_string()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }
}

/// An instance of a class.
pub struct Instance {
    pub class: Rc<Class>,
    pub attrs: RefCell<Attrs>,
    /// The value of the builtin container the class extends (`dict`, `tuple`, …), or of an
    /// exception's `args`.
    pub base: RefCell<Option<Value>>,
    /// Data of a class written in Rust (a figure's number, a generator's state).
    pub native: Option<Rc<dyn Any>>,
    /// The cell it was made in (`journal::epoch`): changes to an object made by the running
    /// cell need no journal, since a failing cell drops it.
    pub born: u64,
    /// Its place in the order of scopes and objects made (`value::next_scope_serial`): a trace
    /// does not note reads of the attributes of objects made after it began.
    pub serial: u64,
}

impl Instance {
    pub fn new(class: Rc<Class>) -> Instance {
        Instance { class, attrs: RefCell::new(Attrs::default()), base: RefCell::new(None), native: None, born: super::journal::epoch(), serial: super::value::next_scope_serial() }
    }
    /// An instance of a native class carrying `data`.
    pub fn native(class: Rc<Class>, data: Rc<dyn Any>) -> Instance {
        Instance { class, attrs: RefCell::new(Attrs::default()), base: RefCell::new(None), native: Some(data), born: super::journal::epoch(), serial: super::value::next_scope_serial() }
    }
    /// The native data, if it is a `T`.
    pub fn data<T: 'static>(&self) -> Option<&T> {
        self.native.as_ref().and_then(|d| d.downcast_ref::<T>())
    }
}

/// `property(fget, fset, fdel, doc)`.
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

/// The classes of the builtin types, made once per session.
pub struct Types {
    by_name: RefCell<FxHashMap<String, Rc<Class>>>,
    pub object: Rc<Class>,
}

/// Python's exception hierarchy (and JAX's and numpy's errors), as (class, base).
const EXCEPTION_TREE: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("TypeError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("AttributeError", "Exception"),
    ("AssertionError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("StopIteration", "Exception"),
    ("MemoryError", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("EOFError", "Exception"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    // numpy's AxisError is both a ValueError and an IndexError.
    ("AxisError", "ValueError"),
    ("UFuncTypeError", "TypeError"),
    // JAX's errors.
    ("ConcretizationTypeError", "TypeError"),
    ("TracerBoolConversionError", "ConcretizationTypeError"),
    ("TracerIntegerConversionError", "ConcretizationTypeError"),
    ("TracerArrayConversionError", "TypeError"),
    ("UnexpectedTracerError", "Exception"),
    ("JSONDecodeError", "ValueError"),
];

/// The builtin exception classes a program can name (the builtins scope holds these).
pub const EXCEPTION_NAMES: &[&str] = &[
    "BaseException", "Exception", "ValueError", "TypeError", "IndexError", "KeyError", "NameError", "ZeroDivisionError",
    "AssertionError", "AttributeError", "RuntimeError", "NotImplementedError", "ImportError", "ModuleNotFoundError",
    "RecursionError", "MemoryError", "ArithmeticError", "LookupError", "OverflowError", "StopIteration", "KeyboardInterrupt",
    "FloatingPointError", "SystemExit", "GeneratorExit", "UnboundLocalError", "OSError", "FileNotFoundError", "FileExistsError",
    "NotADirectoryError", "IsADirectoryError", "PermissionError", "EOFError", "Warning", "UserWarning", "DeprecationWarning", "RuntimeWarning",
    "SyntaxError", "IndentationError", "UnicodeError",
];

impl Types {
    pub fn new() -> Types {
        let object = Rc::new(Class { name: "object".into(), module: "builtins".into(), bases: vec![], mro: vec![], attrs: RefCell::default(), builtin: true, meta: None });
        let t = Types { by_name: RefCell::new(FxHashMap::default()), object: object.clone() };
        t.by_name.borrow_mut().insert("object".into(), object);
        t.derive("bool", "int");
        t
    }

    /// A builtin class deriving from the builtin class `base`.
    fn derive(&self, name: &str, base: &str) -> Rc<Class> {
        let b = self.get(base);
        let (module, short) = match name.rsplit_once('.') {
            Some((m, n)) => (m, n),
            None => ("builtins", name),
        };
        let mut mro = vec![b.clone()];
        mro.extend(b.mro.iter().cloned());
        let c = Rc::new(Class { name: short.into(), module: module.into(), bases: vec![b], mro, attrs: RefCell::default(), builtin: true, meta: None });
        self.by_name.borrow_mut().insert(name.to_string(), c.clone());
        c
    }

    /// The builtin class called `name` (`int`, `ValueError`, `numpy.ndarray`), made on first use.
    pub fn get(&self, name: &str) -> Rc<Class> {
        if let Some(c) = self.by_name.borrow().get(name) {
            return c.clone();
        }
        if name == "BaseException" {
            return self.derive(name, "object");
        }
        if let Some((_, base)) = EXCEPTION_TREE.iter().find(|(n, _)| *n == name) {
            return self.derive(name, base);
        }
        if name.ends_with("Error") || name.ends_with("Exception") || name.ends_with("Interrupt") {
            // An error kind Slope raises that is not in the table: an Exception.
            return self.derive(name, "Exception");
        }
        self.derive(name, "object")
    }

    /// Whether `name` is an exception class.
    pub fn is_exception(&self, c: &Rc<Class>) -> bool {
        c.derives_builtin("BaseException")
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

/// The C3 linearisation of `bases` (the MRO after the new class), or None when it does not exist.
fn c3(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.linear().cloned().collect()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let head = seqs.iter().map(|s| s[0].clone()).find(|h| !seqs.iter().any(|s| s[1..].iter().any(|x| Rc::ptr_eq(x, h))))?;
        out.push(head.clone());
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &head) {
                s.remove(0);
            }
        }
    }
}

/// A slot of a builtin class: a builtin that performs `cls.name` on its first argument.
fn slot(cls: &Rc<Class>, name: &str) -> Option<Value> {
    let known = match cls.name.as_ref() {
        "object" => OBJECT_SLOTS.contains(&name),
        "BaseException" => EXCEPTION_SLOTS.contains(&name) || OBJECT_SLOTS.contains(&name),
        "dict" => DICT_METHODS.contains(&name) || CONTAINER_SLOTS.contains(&name),
        "list" => LIST_METHODS.contains(&name) || CONTAINER_SLOTS.contains(&name),
        "tuple" => TUPLE_METHODS.contains(&name) || CONTAINER_SLOTS.contains(&name),
        "set" | "frozenset" => SET_METHODS.contains(&name) || CONTAINER_SLOTS.contains(&name),
        "str" => STR_METHODS.contains(&name) || CONTAINER_SLOTS.contains(&name),
        "int" | "float" | "bool" => NUMBER_SLOTS.contains(&name),
        _ => false,
    };
    if !known {
        return None;
    }
    Some(Value::Builtin(Rc::new(Builtin { name: format!("{}.{name}", cls.name).into(), f: call_slot, jax: false, doc: "" })))
}

const OBJECT_SLOTS: &[&str] = &["__init__", "__new__", "__setattr__", "__getattribute__", "__delattr__", "__repr__", "__str__", "__eq__", "__ne__", "__hash__", "__init_subclass__", "__format__", "__dir__"];
const EXCEPTION_SLOTS: &[&str] = &["__init__", "__str__", "__repr__", "with_traceback", "add_note"];
const CONTAINER_SLOTS: &[&str] = &[
    "__init__", "__new__", "__getitem__", "__setitem__", "__delitem__", "__len__", "__iter__", "__contains__", "__repr__", "__str__", "__eq__", "__ne__",
    "__hash__", "__add__", "__mul__", "__rmul__", "__or__", "__and__", "__sub__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__reversed__",
];
const NUMBER_SLOTS: &[&str] = &[
    "__init__", "__new__", "__repr__", "__str__", "__eq__", "__ne__", "__hash__", "__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__",
    "__pow__", "__and__", "__or__", "__xor__", "__lshift__", "__rshift__", "__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rfloordiv__", "__rmod__",
    "__rpow__", "__rand__", "__ror__", "__rxor__", "__lt__", "__le__", "__gt__", "__ge__", "__neg__", "__pos__", "__abs__", "__float__", "__int__", "__index__", "__bool__",
];
pub const LIST_METHODS: &[&str] = &["append", "extend", "pop", "insert", "index", "count", "remove", "copy", "reverse", "sort", "clear"];
pub const DICT_METHODS: &[&str] = &["keys", "values", "items", "get", "pop", "popitem", "update", "copy", "setdefault", "clear", "fromkeys"];
pub const TUPLE_METHODS: &[&str] = &["index", "count"];
pub const SET_METHODS: &[&str] = &[
    "add", "remove", "discard", "pop", "clear", "copy", "update", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset",
    "isdisjoint", "intersection_update", "difference_update", "symmetric_difference_update",
];
pub const STR_METHODS: &[&str] = &[
    "join", "split", "rsplit", "format", "upper", "lower", "strip", "lstrip", "rstrip", "replace", "startswith", "endswith", "find", "rfind", "count",
    "ljust", "rjust", "center", "zfill", "title", "capitalize", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isnumeric",
    "isdecimal", "isidentifier", "splitlines", "index", "rindex", "partition", "rpartition", "swapcase", "casefold", "expandtabs", "encode",
    "removeprefix", "removesuffix", "format_map", "translate", "istitle",
];

/// The value a slot operates on: an instance's builtin base, or the value itself.
pub fn base_value(v: &Value) -> Value {
    if let Value::Object(o) = v {
        if let Some(b) = o.base.borrow().clone() {
            return b;
        }
    }
    v.clone()
}

/// Calls a slot: `cls.name(self, *args)`.
fn call_slot(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (cls, name) = b.name.split_once('.').unwrap_or(("object", &b.name));
    let mut args = args.into_iter();
    let Some(recv) = args.next() else {
        return Err(Diagnostic::new("TypeError", format!("unbound method {cls}.{name}() needs an argument")));
    };
    let args: Vec<Value> = args.collect();
    match (cls, name) {
        (_, "__new__") => {
            // `object.__new__(cls)`, `tuple.__new__(cls, iterable)`, `dict.__new__(cls)`.
            let Value::Class(c) = &recv else {
                return Err(Diagnostic::new("TypeError", format!("{cls}.__new__(X): X is not a type object ({})", recv.type_name())));
            };
            if c.builtin {
                return it.call(&recv, args, kw);
            }
            if cls == "object" {
                it.check_abstract(c)?;
            }
            let inst = Instance::new(c.clone());
            let base = match cls {
                "tuple" => Some(Value::tuple(match args.first() { Some(v) => it.iterate(v)?, None => vec![] })),
                "list" => Some(Value::list(vec![])),
                "dict" => Some(Value::dict(Dict::default())),
                "set" | "frozenset" => Some(Value::set(Dict::default())),
                "str" => Some(match args.first() { Some(v) => Value::Str(it.to_str(v)?.into()), None => Value::str("") }),
                "int" | "float" => Some(match args.first() { Some(v) => it.call(&Value::Class(it.types.get(cls)), vec![v.clone()], vec![])?, None => Value::Int(0) }),
                _ if c.derives_builtin("BaseException") => Some(Value::tuple(args.clone())),
                _ => None,
            };
            *inst.base.borrow_mut() = base;
            Ok(Value::object(inst))
        }
        (_, "__init__") => {
            match (cls, &recv) {
                ("BaseException", Value::Object(o)) => {
                    *o.base.borrow_mut() = Some(Value::tuple(args));
                }
                ("dict" | "list" | "set", Value::Object(o)) => {
                    let fresh = it.call(&Value::Class(it.types.get(cls)), args, kw)?;
                    *o.base.borrow_mut() = Some(fresh);
                }
                ("object", Value::Object(o)) => {
                    // object.__init__ takes no arguments, unless __new__ was overridden.
                    if (!args.is_empty() || !kw.is_empty()) && !o.class.defines("__new__") && !o.class.defines("__init__") {
                        return Err(Diagnostic::new("TypeError", format!("{}() takes no arguments", o.class.name)));
                    }
                }
                _ => {}
            }
            Ok(Value::None)
        }
        ("object", "__setattr__") => {
            let n = need(&args, &kw, 0, "name", "__setattr__")?;
            let v = need(&args, &kw, 1, "value", "__setattr__")?;
            let Value::Str(n) = n else { return Err(Diagnostic::new("TypeError", "attribute name must be a string")) };
            match &recv {
                Value::Object(o) => {
                    it.journal_object(o);
                    o.attrs.borrow_mut().set(n, v);
                    Ok(Value::None)
                }
                other => it.setattr(other, &n, v).map(|_| Value::None),
            }
        }
        ("object", "__getattribute__") => {
            let Some(Value::Str(n)) = args.first() else { return Err(Diagnostic::new("TypeError", "attribute name must be a string")) };
            it.getattr(&recv, n)
        }
        ("object", "__delattr__") => {
            let Some(Value::Str(n)) = args.first() else { return Err(Diagnostic::new("TypeError", "attribute name must be a string")) };
            if let Value::Object(o) = &recv {
                it.journal_object(o);
                if o.attrs.borrow_mut().remove(n).is_some() {
                    return Ok(Value::None);
                }
            }
            Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{n}'", recv.type_name())))
        }
        ("BaseException", "__repr__") => {
            let args = match &recv {
                Value::Object(o) => match o.base.borrow().clone() {
                    Some(Value::Tuple(t)) => t.as_ref().clone(),
                    _ => vec![],
                },
                _ => vec![],
            };
            let mut parts = Vec::new();
            for a in &args {
                parts.push(it.repr(a)?);
            }
            Ok(Value::Str(format!("{}({})", it.class_of(&recv).name, parts.join(", ")).into()))
        }
        (_, "__repr__") => Ok(Value::Str(if matches!(recv, Value::Object(ref o) if o.base.borrow().is_none() || cls == "object") { default_repr(&recv) } else { it.repr(&base_value(&recv))? }.into())),
        ("BaseException", "__str__") => Ok(Value::Str(exception_str(it, &recv)?.into())),
        (_, "__str__") => {
            if cls != "str" {
                // object.__str__ is repr(self), which a subclass may define; only str has a
                // __str__ of its own (tuple, list, dict, int and float inherit object's).
                return Ok(Value::Str(it.repr(&recv)?.into()));
            }
            Ok(Value::Str(it.to_str(&base_value(&recv))?.into()))
        }
        (_, "__eq__") => {
            if cls == "object" {
                return Ok(if identical(&recv, args.first().unwrap_or(&Value::None)) { Value::Bool(true) } else { Value::NotImplemented });
            }
            let other = base_value(args.first().unwrap_or(&Value::None));
            it.compare(crate::syntax::ast::CmpOp::Eq, &base_value(&recv), &other)
        }
        (_, "__ne__") => {
            let eq = it.compare(crate::syntax::ast::CmpOp::Eq, &recv, args.first().unwrap_or(&Value::None))?;
            Ok(Value::Bool(!it.truthy(&eq)?))
        }
        (_, "__hash__") => {
            if cls == "object" {
                return Ok(Value::Int(identity(&recv) as i64));
            }
            let k = base_value(&recv).key()?;
            Ok(Value::Int(hash_key(&k)))
        }
        ("object", "__init_subclass__") => Ok(Value::None),
        ("object", "__format__") => {
            let spec = match args.first() { Some(Value::Str(s)) => s.to_string(), _ => String::new() };
            Ok(Value::Str(it.format_value(&recv, &spec)?.into()))
        }
        ("object", "__dir__") => super::builtins::dir_of(it, &recv),
        (_, "__getitem__") => {
            let key = args.first().cloned().unwrap_or(Value::None);
            match it.getitem(&base_value(&recv), &key) {
                // dict subclasses answer missing keys with __missing__ (defaultdict, Counter).
                Err(e) if cls == "dict" && e.kind.as_ref() == "KeyError" && it.has_dunder(&recv, "__missing__") => {
                    it.dunder(&recv, "__missing__", vec![key]).map(|v| v.unwrap_or(Value::None))
                }
                r => r,
            }
        }
        (_, "__setitem__") => {
            let k = need(&args, &kw, 0, "key", "__setitem__")?;
            let v = need(&args, &kw, 1, "value", "__setitem__")?;
            it.setitem(&base_value(&recv), k, v)?;
            Ok(Value::None)
        }
        (_, "__delitem__") => {
            it.delitem(&base_value(&recv), args.first().unwrap_or(&Value::None))?;
            Ok(Value::None)
        }
        (_, "__len__") => Ok(Value::Int(it.len_of(&base_value(&recv))? as i64)),
        (_, "__iter__") => it.get_iter(&base_value(&recv)),
        (_, "__reversed__") => {
            let mut items = it.iterate(&base_value(&recv))?;
            items.reverse();
            it.get_iter(&Value::list(items))
        }
        (_, "__contains__") => it.contains(&base_value(&recv), args.first().unwrap_or(&Value::None)).map(Value::Bool),
        (_, "__bool__") => Ok(Value::Bool(it.truthy(&base_value(&recv))?)),
        (_, "__float__") => it.call(&Value::Class(it.types.get("float")), vec![base_value(&recv)], vec![]),
        (_, "__int__" | "__index__") => it.call(&Value::Class(it.types.get("int")), vec![base_value(&recv)], vec![]),
        (_, "__neg__") => it.unaryop(crate::syntax::ast::UnaryOp::Neg, &base_value(&recv)),
        (_, "__pos__") => it.unaryop(crate::syntax::ast::UnaryOp::Pos, &base_value(&recv)),
        (_, "__abs__") => {
            let abs = it.builtins.lookup("abs").unwrap_or(Value::None);
            it.call(&abs, vec![base_value(&recv)], vec![])
        }
        (_, dunder) if dunder.starts_with("__") && dunder.ends_with("__") => {
            // A reflected operator (`__radd__`) is the forward one with the operands swapped.
            let forward = dunder.strip_prefix("__r").map(|rest| format!("__{rest}")).filter(|f| matches!(binop_of_dunder(f), Some(DunderOp::Bin(_))));
            let Some(op) = binop_of_dunder(forward.as_deref().unwrap_or(dunder)) else {
                return Err(Diagnostic::new("AttributeError", format!("type object '{cls}' has no attribute '{dunder}'")));
            };
            let other = base_value(args.first().unwrap_or(&Value::None));
            let me = base_value(&recv);
            match op {
                DunderOp::Bin(op) if forward.is_some() => it.binop(op, &other, &me),
                DunderOp::Bin(op) => it.binop(op, &me, &other),
                DunderOp::Cmp(op) => it.compare(op, &me, &other),
            }
        }
        ("BaseException", "with_traceback" | "add_note") => Ok(recv),
        (_, method) => it.call_method(&base_value(&recv), method, args, kw),
    }
}

/// Whether a builtin is a slot of a builtin class.
fn is_slot(b: &Builtin) -> bool {
    std::ptr::fn_addr_eq(b.f, call_slot as NativeFn)
}

/// An operator named by a dunder method (`__add__`, `__lt__`).
pub enum DunderOp {
    Bin(crate::syntax::ast::BinOp),
    Cmp(crate::syntax::ast::CmpOp),
}

fn binop_of_dunder(name: &str) -> Option<DunderOp> {
    use crate::syntax::ast::{BinOp::*, CmpOp};
    Some(match name {
        "__add__" => DunderOp::Bin(Add),
        "__sub__" => DunderOp::Bin(Sub),
        "__mul__" => DunderOp::Bin(Mul),
        "__truediv__" => DunderOp::Bin(Div),
        "__floordiv__" => DunderOp::Bin(FloorDiv),
        "__mod__" => DunderOp::Bin(Mod),
        "__pow__" => DunderOp::Bin(Pow),
        "__matmul__" => DunderOp::Bin(MatMul),
        "__and__" => DunderOp::Bin(BitAnd),
        "__or__" => DunderOp::Bin(BitOr),
        "__xor__" => DunderOp::Bin(BitXor),
        "__lshift__" => DunderOp::Bin(LShift),
        "__rshift__" => DunderOp::Bin(RShift),
        "__lt__" => DunderOp::Cmp(CmpOp::Lt),
        "__le__" => DunderOp::Cmp(CmpOp::LtE),
        "__gt__" => DunderOp::Cmp(CmpOp::Gt),
        "__ge__" => DunderOp::Cmp(CmpOp::GtE),
        _ => return None,
    })
}

/// The dunder names of a binary operator: (`__add__`, `__radd__`, `__iadd__`).
pub fn binop_dunders(op: crate::syntax::ast::BinOp) -> (&'static str, &'static str, &'static str) {
    use crate::syntax::ast::BinOp::*;
    match op {
        Add => ("__add__", "__radd__", "__iadd__"),
        Sub => ("__sub__", "__rsub__", "__isub__"),
        Mul => ("__mul__", "__rmul__", "__imul__"),
        Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        Mod => ("__mod__", "__rmod__", "__imod__"),
        Pow => ("__pow__", "__rpow__", "__ipow__"),
        MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BitAnd => ("__and__", "__rand__", "__iand__"),
        BitOr => ("__or__", "__ror__", "__ior__"),
        BitXor => ("__xor__", "__rxor__", "__ixor__"),
        LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        RShift => ("__rshift__", "__rrshift__", "__irshift__"),
    }
}

/// The dunder names of a comparison and of its reflection (`__lt__` ↔ `__gt__`).
pub fn cmp_dunders(op: crate::syntax::ast::CmpOp) -> Option<(&'static str, &'static str)> {
    use crate::syntax::ast::CmpOp::*;
    Some(match op {
        Eq => ("__eq__", "__eq__"),
        NotEq => ("__ne__", "__ne__"),
        Lt => ("__lt__", "__gt__"),
        LtE => ("__le__", "__ge__"),
        Gt => ("__gt__", "__lt__"),
        GtE => ("__ge__", "__le__"),
        Is | IsNot | In | NotIn => return None,
    })
}

/// A stable identity for a value (`id(x)`, the default hash).
pub fn identity(v: &Value) -> usize {
    match v {
        Value::Object(o) => Rc::as_ptr(o) as *const u8 as usize,
        Value::Class(c) => Rc::as_ptr(c) as *const u8 as usize,
        Value::List(l) => Rc::as_ptr(l) as *const u8 as usize,
        Value::Dict(d) | Value::Set(d) => Rc::as_ptr(d) as *const u8 as usize,
        Value::Tuple(t) => Rc::as_ptr(t) as *const u8 as usize,
        Value::Array(a) => Rc::as_ptr(&a.0) as *const u8 as usize,
        Value::Func(f) => Rc::as_ptr(f) as *const u8 as usize,
        Value::Builtin(b) => Rc::as_ptr(b) as *const u8 as usize,
        Value::Module(m) => Rc::as_ptr(m) as *const u8 as usize,
        Value::Str(s) => Rc::as_ptr(s) as *const u8 as usize,
        Value::Transformed(t) => Rc::as_ptr(t) as *const u8 as usize,
        Value::Generator(g) => Rc::as_ptr(g) as *const u8 as usize,
        Value::Iter(i) => Rc::as_ptr(i) as *const u8 as usize,
        Value::Exception(e) => Rc::as_ptr(e) as *const u8 as usize,
        Value::BoundMethod(m) => Rc::as_ptr(m) as *const u8 as usize,
        Value::Int(i) => *i as usize,
        Value::Bool(b) => *b as usize,
        Value::None => 0x5eed,
        other => other as *const Value as usize,
    }
}

/// `a is b`.
pub fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) | (Value::NotImplemented, Value::NotImplemented) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y) || x == y,
        (Value::DType(x, _, _), Value::DType(y, _, _)) => x == y,
        (Value::Module(x), Value::Module(y)) => Rc::ptr_eq(x, y),
        _ => std::mem::discriminant(a) == std::mem::discriminant(b) && identity(a) == identity(b) && !matches!(a, Value::Float(_)),
    }
}

/// The hash of a dict key (`hash(x)`).
pub fn hash_key(k: &Key) -> i64 {
    use std::hash::{Hash, Hasher};
    match k {
        // Python: hash(n) == n for small ints (and -1 is -2).
        Key::Int(i) => {
            if *i == -1 {
                -2
            } else {
                *i
            }
        }
        _ => {
            let mut h = rustc_hash::FxHasher::default();
            k.hash(&mut h);
            (h.finish() >> 2) as i64
        }
    }
}

impl Interp {
    /// The dict key of a value: its hash for objects whose class defines `__hash__` (objects
    /// with equal hashes are the same key; Python also asks `__eq__`), otherwise `Value::key`.
    pub(crate) fn key_of(&mut self, v: &Value) -> Result<Key> {
        if let Value::Object(o) = v {
            if o.class.defines("__hash__") {
                return match o.class.lookup("__hash__") {
                    Some(Value::None) => Err(Diagnostic::new("TypeError", format!("unhashable type: '{}'", o.class.name)).with_help("define __hash__ (or use @dataclass(frozen=True)) to use it as a dict key or set element")),
                    _ => {
                        let h = self.dunder(v, "__hash__", vec![])?.unwrap_or(Value::Int(0));
                        Ok(Key::Hash(self.index_int(&h)?, o.class.name.clone()))
                    }
                };
            }
            if o.class.defines("__eq__") && o.base.borrow().is_none() {
                return Err(Diagnostic::new("TypeError", format!("unhashable type: '{}'", o.class.name)).with_help("a class that defines __eq__ must define __hash__ too to be used as a dict key or set element"));
            }
        }
        v.key()
    }
}

/// `<__main__.C object at 0x…>`.
pub fn default_repr(v: &Value) -> String {
    match v {
        Value::Object(o) => format!("<{} object at {:#x}>", o.class.qualified(), identity(v)),
        other => format!("<{} object at {:#x}>", other.type_name(), identity(other)),
    }
}

/// `str(e)` for an exception instance: its single argument, or the tuple of its arguments.
fn exception_str(it: &mut Interp, e: &Value) -> Result<String> {
    let args = match e {
        Value::Object(o) => match o.base.borrow().clone() {
            Some(Value::Tuple(t)) => t.as_ref().clone(),
            _ => vec![],
        },
        Value::Exception(d) => return Ok(d.message.clone()),
        _ => vec![],
    };
    let key_error = it.class_of(e).derives_builtin("KeyError");
    match args.len() {
        0 => Ok(String::new()),
        // str(KeyError(k)) is repr(k), as CPython prints missing keys.
        1 if key_error => it.repr(&args[0]),
        1 => it.to_str(&args[0]),
        _ => it.repr(&Value::tuple(args)),
    }
}

impl Interp {
    /// The class of any value (`type(v)`).
    pub(crate) fn class_of(&self, v: &Value) -> Rc<Class> {
        match v {
            Value::Object(o) => o.class.clone(),
            Value::Exception(d) => match d.payload_value() {
                Some(Value::Object(o)) => o.class.clone(),
                _ => self.types.get(&d.kind),
            },
            Value::Class(c) if !c.builtin => c.meta.clone().unwrap_or_else(|| self.types.get("type")),
            other => self.types.get(&other.type_name()),
        }
    }

    /// `isinstance(v, cls)`.
    pub(crate) fn isinstance(&self, v: &Value, cls: &Rc<Class>) -> bool {
        self.class_of(v).is_subclass(cls)
    }

    /// Build a class from a `class` statement's parts (its metaclass is its bases').
    pub fn make_class(&mut self, name: &str, module: &str, bases: Vec<Value>, attrs: Attrs) -> Result<Rc<Class>> {
        self.make_class_with(name, module, bases, attrs, None)
    }

    /// Build a class with an explicit metaclass (a user class deriving `type`), or the most
    /// derived metaclass of its bases.
    pub(crate) fn make_class_with(&mut self, name: &str, module: &str, bases: Vec<Value>, attrs: Attrs, meta: Option<Rc<Class>>) -> Result<Rc<Class>> {
        let mut bs = Vec::new();
        for b in bases {
            match b {
                Value::Class(c) => {
                    if c.is_array_class() {
                        return Err(Diagnostic::new("NotImplementedError", format!("subclassing {}.{} is not supported in Slope", c.module, c.name))
                            .with_help("keep the array as an attribute of your class (class Named: def __init__(self, data, name): self.data = np.asarray(data); ...)"));
                    }
                    if c.builtin && ["bool", "NoneType", "function", "module", "range", "slice"].contains(&c.name.as_ref()) {
                        return Err(Diagnostic::new("TypeError", format!("type '{}' is not an acceptable base type", c.name)));
                    }
                    bs.push(c)
                }
                other => {
                    return Err(Diagnostic::new("TypeError", format!("bases must be classes, not {}", other.type_name()))
                        .with_help("write `class Name(Base):` with Base a class, or `class Name:`"))
                }
            }
        }
        if bs.is_empty() {
            bs.push(self.types.object.clone());
        }
        let mro = c3(&bs).ok_or_else(|| {
            Diagnostic::new("TypeError", format!("Cannot create a consistent method resolution order (MRO) for bases {}", bs.iter().map(|b| b.name.to_string()).collect::<Vec<_>>().join(", ")))
        })?;
        let builtin_bases: Vec<&str> = mro.iter().filter_map(|c| if c.builtin { Some(c.name.as_ref()) } else { None }).filter(|n| ["dict", "list", "tuple", "set", "frozenset", "str", "int", "float"].contains(n)).collect();
        if builtin_bases.len() > 1 && builtin_bases.iter().any(|n| *n != builtin_bases[0]) {
            return Err(Diagnostic::new("TypeError", "multiple bases have instance lay-out conflict"));
        }
        // `__slots__` names shadow what the bases define under them (a slot is a data
        // descriptor of the class itself in Python): a base's property `aval` no longer takes
        // `self.aval = ...` of a subclass with `__slots__ = ['aval']`. Slope keeps slots in the
        // instance's attributes, so the class gets a plain None there, which the instance's own
        // value hides.
        let mut attrs = attrs;
        let slots: Vec<Name> = match attrs.get("__slots__") {
            Some(Value::Str(n)) => vec![n.clone()],
            Some(Value::List(l)) => l.borrow().iter().filter_map(|v| if let Value::Str(n) = v { Some(n.clone()) } else { None }).collect(),
            Some(Value::Tuple(t)) => t.iter().filter_map(|v| if let Value::Str(n) = v { Some(n.clone()) } else { None }).collect(),
            _ => Vec::new(),
        };
        for n in slots {
            let inherited = mro.iter().find_map(|c| c.attrs.borrow().get(&n).cloned());
            let descriptor = match &inherited {
                Some(Value::Property(_)) => true,
                Some(Value::Object(d)) => d.class.defines("__set__") || d.class.defines("__get__"),
                _ => false,
            };
            if !attrs.contains(&n) && descriptor {
                attrs.set(n, Value::None);
            }
        }
        let mut meta = meta;
        for b in &bs {
            if let Some(m) = &b.meta {
                if meta.as_ref().is_none_or(|w| m.is_subclass(w)) {
                    meta = Some(m.clone());
                }
            }
        }
        Ok(Rc::new(Class { name: name.into(), module: module.into(), bases: bs, mro, attrs: RefCell::new(attrs), builtin: false, meta }))
    }

    /// Run the metaclass's `__init__(cls, name, bases, namespace, **kw)` on a new class.
    pub(crate) fn init_by_meta(&mut self, cls: &Rc<Class>, kw: Kwargs) -> Result<()> {
        let Some(init) = cls.meta_method("__init__") else { return Ok(()) };
        let mut ns = Dict::default();
        for (k, v) in cls.attrs.borrow().iter() {
            ns.insert(Value::Str(k.clone()), Key::Str(k.clone()), v.clone());
        }
        let bases = Value::tuple(cls.bases.iter().map(|b| Value::Class(b.clone())).collect());
        let args = vec![Value::Class(cls.clone()), Value::Str(cls.name.clone()), bases, Value::dict(ns)];
        self.call(&init, args, kw)?;
        Ok(())
    }

    /// CPython's check in `object.__new__`: a class whose `__abstractmethods__` (set by
    /// `abc.ABCMeta`) is not empty cannot be instantiated.
    pub(crate) fn check_abstract(&mut self, cls: &Rc<Class>) -> Result<()> {
        if cls.meta.is_none() {
            return Ok(());
        }
        let Some(Value::FrozenSet(d)) = cls.lookup("__abstractmethods__") else { return Ok(()) };
        if d.entries.is_empty() {
            return Ok(());
        }
        let mut names: Vec<String> = d.entries.iter().map(|(k, _)| self.to_str(k)).collect::<Result<_>>()?;
        names.sort();
        let s = if names.len() == 1 { "" } else { "s" };
        Err(Diagnostic::new("TypeError", format!("Can't instantiate abstract class {} with abstract method{s} {}", cls.name, names.join(", ")))
            .with_help(format!("define {} in a subclass of {} and instantiate that", names.join(", "), cls.name)))
    }

    /// `cls(*args, **kw)` for a user class: `__new__` (when a class defines it), then `__init__`.
    pub(crate) fn instantiate(&mut self, cls: &Rc<Class>, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        if let Some(call) = cls.meta_method("__call__") {
            let mut a = vec![Value::Class(cls.clone())];
            a.extend(args);
            return self.call(&call, a, kw);
        }
        let obj = if cls.defines("__new__") {
            let new = cls.lookup("__new__").unwrap_or(Value::None);
            let new = match new {
                Value::StaticMethod(f) => (*f).clone(),
                other => other,
            };
            let mut a = vec![Value::Class(cls.clone())];
            a.extend(args.iter().cloned());
            self.call(&new, a, kw.clone())?
        } else {
            self.check_abstract(cls)?;
            let inst = Instance::new(cls.clone());
            let base = match cls.builtin_base() {
                Some("dict") => Some(Value::dict(Dict::default())),
                Some("list") => Some(Value::list(vec![])),
                Some("set") | Some("frozenset") => Some(Value::set(Dict::default())),
                Some(b @ ("tuple" | "str" | "int" | "float")) => {
                    let c = Value::Class(self.types.get(b));
                    Some(self.call(&c, args.clone(), vec![])?)
                }
                _ if cls.derives_builtin("BaseException") => Some(Value::tuple(args.clone())),
                _ => None,
            };
            *inst.base.borrow_mut() = base;
            Value::object(inst)
        };
        if let Value::Object(o) = &obj {
            if o.class.is_subclass(cls) {
                match cls.lookup("__init__") {
                    Some(init) => {
                        let mut a = vec![obj.clone()];
                        a.extend(args);
                        let r = self.call(&init, a, kw)?;
                        if !r.is_none() {
                            return Err(Diagnostic::new("TypeError", format!("__init__() should return None, not '{}'", r.type_name())));
                        }
                    }
                    None => {
                        if !args.is_empty() || !kw.is_empty() {
                            return Err(Diagnostic::new("TypeError", format!("{}() takes no arguments", cls.name)).with_help(format!("define __init__ in class {} to accept arguments", cls.name)));
                        }
                    }
                }
            }
        }
        Ok(obj)
    }

    /// Bind a class attribute found by lookup to the instance (or class) it was read from.
    pub(crate) fn bind_attr(&mut self, found: Value, obj: &Value, cls: &Rc<Class>) -> Result<Value> {
        Ok(match found {
            Value::Func(_) | Value::Transformed(_) => Value::BoundMethod(Rc::new((obj.clone(), found))),
            // Slots and the methods of native classes bind; other builtins stored on a class (a
            // class attribute `f = math.sqrt`) do not, as in Python.
            Value::Builtin(ref b) if is_slot(b) || matches!(obj, Value::Object(o) if o.native.is_some()) => Value::BoundMethod(Rc::new((obj.clone(), found))),
            Value::StaticMethod(f) => (*f).clone(),
            Value::ClassMethod(f) => Value::BoundMethod(Rc::new((Value::Class(cls.clone()), (*f).clone()))),
            Value::Property(p) => {
                if p.fget.is_none() {
                    return Err(Diagnostic::new("AttributeError", "property has no getter"));
                }
                self.call(&p.fget, vec![obj.clone()], vec![])?
            }
            Value::Object(ref d) if d.class.defines("__get__") => {
                let get = d.class.lookup("__get__").unwrap_or(Value::None);
                self.call(&get, vec![found.clone(), obj.clone(), Value::Class(cls.clone())], vec![])?
            }
            other => other,
        })
    }

    /// `obj.name` for an instance of a class.
    pub(crate) fn getattr_object(&mut self, o: &Rc<Instance>, name: &str) -> Result<Value> {
        let obj = Value::Object(o.clone());
        let cls = o.class.clone();
        let found = cls.lookup(name);
        // Data descriptors (properties, objects with __set__) come before the instance's own
        // attributes.
        let data_descriptor = match &found {
            Some(Value::Property(_)) => true,
            Some(Value::Object(d)) => d.class.defines("__set__"),
            _ => false,
        };
        if data_descriptor {
            return self.bind_attr(found.unwrap_or(Value::None), &obj, &cls);
        }
        let own = o.attrs.borrow().get(name).cloned();
        if let Some(v) = own {
            if !self.traces.is_empty() {
                self.note_attr_read(o, name, &v);
            }
            return Ok(v);
        }
        if let Some(f) = found {
            return self.bind_attr(f, &obj, &cls);
        }
        match name {
            "__class__" => return Ok(Value::Class(cls)),
            "__dict__" => {
                let mut d = Dict::default();
                for (k, v) in o.attrs.borrow().iter() {
                    d.insert(Value::Str(k.clone()), Key::Str(k.clone()), v.clone());
                }
                return Ok(Value::dict(d));
            }
            "args" if cls.derives_builtin("BaseException") => {
                return Ok(o.base.borrow().clone().unwrap_or_else(|| Value::tuple(vec![])));
            }
            _ => {}
        }
        if let Some(ga) = cls.lookup("__getattr__").filter(|_| cls.defines("__getattr__")) {
            // Python's __getattr__ runs when normal lookup fails; guard against it calling itself forever.
            if self.depth >= super::MAX_DEPTH {
                return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded while calling __getattr__"));
            }
            return self.call(&ga, vec![obj, Value::str(name)], vec![]);
        }
        Err(self.no_attribute(&obj, name))
    }

    /// An AttributeError naming the closest attribute that exists.
    pub(crate) fn no_attribute(&mut self, obj: &Value, name: &str) -> Diagnostic {
        let what = match obj {
            Value::Class(c) => format!("type object '{}'", c.name),
            Value::Object(o) => format!("'{}' object", o.class.name),
            other => format!("'{}' object", other.type_name()),
        };
        let mut d = Diagnostic::new("AttributeError", format!("{what} has no attribute '{name}'"));
        let names: Vec<String> = match super::builtins::dir_of(self, obj) {
            Ok(Value::List(l)) => l.borrow().iter().filter_map(|v| if let Value::Str(s) = v { Some(s.to_string()) } else { None }).collect(),
            _ => vec![],
        };
        if let Some(b) = super::closest(name, names.iter().map(|s| s.as_str()).filter(|s| !s.starts_with("__"))) {
            d = d.with_help(format!("did you mean '{b}'?"));
        } else {
            let public: Vec<&str> = names.iter().map(|s| s.as_str()).filter(|s| !s.starts_with('_')).take(12).collect();
            if !public.is_empty() {
                d = d.with_help(format!("it has: {}", public.join(", ")));
            }
        }
        d
    }

    /// `cls.name` for a class.
    pub(crate) fn getattr_class(&mut self, c: &Rc<Class>, name: &str) -> Result<Value> {
        match name {
            "__name__" | "__qualname__" => return Ok(Value::Str(c.name.clone())),
            "__module__" => return Ok(Value::Str(c.module.clone())),
            "__mro__" => return Ok(Value::tuple(c.linear().map(|k| Value::Class(k.clone())).collect())),
            "__bases__" => return Ok(Value::tuple(c.bases.iter().map(|k| Value::Class(k.clone())).collect())),
            "__dict__" => {
                let mut d = Dict::default();
                for (k, v) in c.attrs.borrow().iter() {
                    d.insert(Value::Str(k.clone()), Key::Str(k.clone()), v.clone());
                }
                return Ok(Value::dict(d));
            }
            "__doc__" if !c.attrs.borrow().contains("__doc__") => return Ok(Value::None),
            _ => {}
        }
        match c.lookup(name) {
            Some(Value::ClassMethod(f)) => Ok(Value::BoundMethod(Rc::new((Value::Class(c.clone()), (*f).clone())))),
            Some(Value::StaticMethod(f)) => Ok((*f).clone()),
            Some(v @ Value::Object(_)) => {
                // A descriptor read on the class: __get__(None, cls).
                if let Value::Object(d) = &v {
                    if d.class.defines("__get__") {
                        let get = d.class.lookup("__get__").unwrap_or(Value::None);
                        return self.call(&get, vec![v.clone(), Value::None, Value::Class(c.clone())], vec![]);
                    }
                }
                Ok(v)
            }
            Some(v) => Ok(v),
            None if c.meta.as_ref().is_some_and(|m| m.lookup(name).is_some()) => {
                // An attribute of the metaclass (`Shape.register`, `Color.__members__`).
                let m = c.meta.clone().unwrap_or_else(|| self.types.object.clone());
                let found = m.lookup(name).unwrap_or(Value::None);
                self.bind_attr(found, &Value::Class(c.clone()), &m)
            }
            None => {
                if c.builtin {
                    // Methods of builtin types used unbound: `str.upper`, `dict.fromkeys`.
                    if let Some(v) = self.builtin_class_attr(c, name) {
                        return Ok(v);
                    }
                }
                Err(self.no_attribute(&Value::Class(c.clone()), name))
            }
        }
    }

    /// Attributes of builtin classes beyond their slots (`dict.fromkeys`, `int.from_bytes`).
    fn builtin_class_attr(&mut self, c: &Rc<Class>, name: &str) -> Option<Value> {
        match (c.name.as_ref(), name) {
            ("dict", "fromkeys") | ("str", "maketrans") => Some(Value::Builtin(Rc::new(Builtin { name: format!("{}.{name}", c.name).into(), f: call_static, jax: false, doc: "" }))),
            _ => None,
        }
    }

    /// `obj.name = v` for an instance.
    pub(crate) fn setattr_object(&mut self, o: &Rc<Instance>, name: &str, v: Value) -> Result<()> {
        let cls = o.class.clone();
        if cls.defines("__setattr__") {
            let f = cls.lookup("__setattr__").unwrap_or(Value::None);
            self.call(&f, vec![Value::Object(o.clone()), Value::str(name), v], vec![])?;
            return Ok(());
        }
        if let Some(Value::Property(p)) = cls.lookup(name) {
            if p.fset.is_none() {
                return Err(Diagnostic::new("AttributeError", format!("property '{name}' of '{}' object has no setter", cls.name)).with_help(format!("add a setter: @{name}.setter")));
            }
            self.call(&p.fset, vec![Value::Object(o.clone()), v], vec![])?;
            return Ok(());
        }
        if let Some(Value::Object(d)) = cls.lookup(name) {
            if d.class.defines("__set__") {
                let set = d.class.lookup("__set__").unwrap_or(Value::None);
                self.call(&set, vec![Value::Object(d.clone()), Value::Object(o.clone()), v], vec![])?;
                return Ok(());
            }
        }
        self.journal_object(o);
        o.attrs.borrow_mut().set(name.into(), v);
        Ok(())
    }

    /// `del obj.name` for an instance.
    pub(crate) fn delattr_object(&mut self, o: &Rc<Instance>, name: &str) -> Result<()> {
        let cls = o.class.clone();
        if cls.defines("__delattr__") {
            let f = cls.lookup("__delattr__").unwrap_or(Value::None);
            self.call(&f, vec![Value::Object(o.clone()), Value::str(name)], vec![])?;
            return Ok(());
        }
        if let Some(Value::Property(p)) = cls.lookup(name) {
            if !p.fdel.is_none() {
                self.call(&p.fdel, vec![Value::Object(o.clone())], vec![])?;
                return Ok(());
            }
        }
        self.journal_object(o);
        if o.attrs.borrow_mut().remove(name).is_none() {
            return Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}'", cls.name)));
        }
        Ok(())
    }

    /// Call `obj.__name__(*args)` when the object's class defines it (a user class, or a builtin
    /// base's slot); None when it does not.
    pub(crate) fn dunder(&mut self, obj: &Value, name: &str, args: Vec<Value>) -> Result<Option<Value>> {
        let Value::Object(o) = obj else { return Ok(None) };
        let Some(f) = o.class.lookup(name) else { return Ok(None) };
        let bound = self.bind_attr(f, obj, &o.class.clone())?;
        Ok(Some(self.call(&bound, args, vec![])?))
    }

    /// Whether the object's class (or a base) has the method `name`.
    pub(crate) fn has_dunder(&self, obj: &Value, name: &str) -> bool {
        matches!(obj, Value::Object(o) if o.class.lookup(name).is_some())
    }

    /// `super()` or `super(cls, obj)`: the attribute `name` from the classes after `cls` in the
    /// MRO of `obj`'s class.
    pub(crate) fn getattr_super(&mut self, cls: &Rc<Class>, obj: &Value, name: &str) -> Result<Value> {
        let start = match obj {
            Value::Class(c) => c.clone(),
            other => self.class_of(other),
        };
        let mut after = false;
        for c in start.linear() {
            if after {
                let found = if c.builtin { slot(c, name) } else { c.attrs.borrow().get(name).cloned() };
                if let Some(f) = found {
                    return match (obj, f) {
                        // __new__ is a static method: the class is passed explicitly.
                        (_, f) if name == "__new__" => Ok(match f {
                            Value::StaticMethod(g) => (*g).clone(),
                            other => other,
                        }),
                        (Value::Class(k), Value::Func(_)) if name == "__init_subclass__" => Ok(Value::BoundMethod(Rc::new((Value::Class(k.clone()), f_of(c, name))))),
                        (Value::Class(_), f @ Value::Builtin(_)) => Ok(Value::BoundMethod(Rc::new((obj.clone(), f)))),
                        (Value::Class(k), Value::ClassMethod(f)) => Ok(Value::BoundMethod(Rc::new((Value::Class(k.clone()), (*f).clone())))),
                        (Value::Class(_), f) => Ok(f),
                        (_, f) => self.bind_attr(f, obj, &start),
                    };
                }
            } else if Rc::ptr_eq(c, cls) {
                after = true;
            }
        }
        Err(Diagnostic::new("AttributeError", format!("'super' object has no attribute '{name}'")))
    }
}

/// A function found on a class under `name` (for binding `__new__` to the class).
fn f_of(c: &Rc<Class>, name: &str) -> Value {
    c.attrs.borrow().get(name).cloned().unwrap_or(Value::None)
}

/// Static methods of builtin classes: `dict.fromkeys(keys, value=None)`.
fn call_static(it: &mut Interp, b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match b.name.as_ref() {
        "dict.fromkeys" => {
            let keys = it.iterate(args.first().unwrap_or(&Value::None))?;
            let v = args.get(1).cloned().unwrap_or(Value::None);
            let mut d = Dict::default();
            for k in keys {
                let hk = k.key()?;
                d.insert(k, hk, v.clone());
            }
            Ok(Value::dict(d))
        }
        "str.maketrans" => super::builtins::str_maketrans(it, &args),
        other => Err(Diagnostic::new("NotImplementedError", format!("{other} is not supported in Slope"))),
    }
}

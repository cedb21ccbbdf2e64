//! Runtime values of the interpreter: Python's (None, bool, int, float, str, list, tuple, dict,
//! functions, modules) and Slope's arrays.

use super::array::Array;
use super::iter::{Generator, IterState};
use super::object::{Class, Instance, Property};
use crate::array::DType;
use crate::diag::{Diagnostic, Result, Source};
use crate::syntax::ast::{FuncDef, Name};
use std::cell::RefCell;
use rustc_hash::FxHashMap;
use std::rc::Rc;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<Vec<Value>>),
    Dict(Rc<RefCell<Dict>>),
    /// A user function (def or lambda) with its closure.
    Func(Rc<Closure>),
    /// A function written in Rust.
    Builtin(Rc<Builtin>),
    /// A method of a value, bound to it: `xs.append`, `x.sum`.
    Method(Rc<(Value, Name)>),
    Module(Rc<Module>),
    Array(Array),
    /// `start:stop:step` inside a subscript.
    Slice(Rc<[Option<i64>; 3]>),
    /// A slice with a bound or step that is not an integer (`0:1:0.25`, `slice('a', 'b')`):
    /// its parts as given, for `__getitem__`s of user classes and numpy's index tricks
    /// (`np.mgrid`, `np.r_`); a list or array indexed by one is CPython's TypeError.
    ObjSlice(Rc<[Value; 3]>),
    Ellipsis,
    /// A dtype: (the dtype, whether jax.numpy's, whether the scalar type `np.float32` — a
    /// class, printed `<class 'numpy.float32'>`, callable: `np.float32(1)` — rather than a dtype
    /// object such as `x.dtype` or `np.dtype('float32')`, printed `float32`). They compare equal.
    DType(DType, bool, bool),
    /// An instance of a builtin exception class (`ValueError("x")`, a caught error).
    Exception(Rc<Diagnostic>),
    /// `range(start, stop, step)`.
    Range(i64, i64, i64),
    /// `x.at` and `x.at[i]`, for functional updates.
    At(Rc<(Array, Option<Value>)>),
    /// A class: a user's (`class C:`) or a builtin type's (`int`, `ValueError`).
    Class(Rc<Class>),
    /// An instance of a user class.
    Object(Rc<Instance>),
    /// A function bound to the object it was read from: (self, function).
    BoundMethod(Rc<(Value, Value)>),
    /// `super()`: (the class it was called in, the object or class).
    Super(Rc<(Rc<Class>, Value)>),
    /// `property(fget, fset, fdel, doc)`.
    Property(Rc<Property>),
    StaticMethod(Rc<Value>),
    ClassMethod(Rc<Value>),
    /// The `NotImplemented` singleton a binary dunder returns to decline.
    NotImplemented,
    /// A set (mutable) or frozenset: a dict whose values are None.
    Set(Rc<RefCell<Dict>>),
    FrozenSet(Rc<Dict>),
    Generator(Rc<Generator>),
    /// An iterator that is not a generator (`iter(xs)`, `zip(...)`, `map(...)`).
    Iter(Rc<RefCell<IterState>>),
    /// A transformed function (`grad(f)`, `jit(f)`, `vmap(f)`, a vjp function, …).
    Transformed(Rc<super::transform_call::Transformed>),
    /// A tree structure (`jax.tree_util.tree_structure`).
    TreeDef(Rc<super::pytree::TreeDef>),
    /// The IR of a function (`jax.make_jaxpr(f)(x)`), shown as its text.
    Jaxpr(Rc<str>),
}

/// A hashable dict key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    None,
    Int(i64),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<Key>),
    /// A frozenset's elements, in a canonical order.
    Frozen(Vec<Key>),
    /// An object hashed by identity.
    Id(usize),
    /// An object hashed by its class's `__hash__` (the value, and the class name).
    Hash(i64, Rc<str>),
}

/// An insertion-ordered dictionary.
#[derive(Clone, Default)]
pub struct Dict {
    pub entries: Vec<(Value, Value)>,
    pub index: FxHashMap<Key, usize>,
}

impl Dict {
    pub fn get(&self, k: &Key) -> Option<&Value> {
        self.index.get(k).map(|&i| &self.entries[i].1)
    }
    pub fn insert(&mut self, kv: Value, k: Key, v: Value) {
        if let Some(&i) = self.index.get(&k) {
            self.entries[i].1 = v;
        } else {
            self.index.insert(k, self.entries.len());
            self.entries.push((kv, v));
        }
    }
    pub fn remove(&mut self, k: &Key) -> Option<Value> {
        let i = self.index.remove(k)?;
        let (_, v) = self.entries.remove(i);
        for j in self.index.values_mut() {
            if *j > i {
                *j -= 1;
            }
        }
        Some(v)
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A scope: a table of names. Function scopes chain to the scope they were defined in.
pub struct Scope {
    pub vars: RefCell<FxHashMap<Name, Value>>,
    pub parent: Option<Rc<Scope>>,
    /// Names declared `global` or `nonlocal` in this scope.
    pub global_names: RefCell<Vec<Name>>,
    pub nonlocal_names: RefCell<Vec<Name>>,
    /// A module's global scope (its changes are journaled, see `journal`).
    pub module: bool,
    /// A class body's names in the order they were first bound (empty for other scopes).
    pub order: RefCell<Vec<Name>>,
    class_body: bool,
    /// When it was made (a counter): a trace notes reads only from scopes older than itself.
    pub serial: u64,
}

/// The next scope serial.
pub fn next_scope_serial() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Scope {
    pub fn new(parent: Option<Rc<Scope>>) -> Rc<Scope> {
        let s = Rc::new(Scope { vars: RefCell::new(FxHashMap::default()), parent, global_names: RefCell::new(Vec::new()), nonlocal_names: RefCell::new(Vec::new()), module: false, order: RefCell::new(Vec::new()), class_body: false, serial: next_scope_serial() });
        super::gc::track_scope(&s);
        s
    }
    /// A module's global scope.
    pub fn new_module(parent: Option<Rc<Scope>>) -> Rc<Scope> {
        Rc::new(Scope { vars: RefCell::new(FxHashMap::default()), parent, global_names: RefCell::new(Vec::new()), nonlocal_names: RefCell::new(Vec::new()), module: true, order: RefCell::new(Vec::new()), class_body: false, serial: next_scope_serial() })
    }
    /// A class body's scope, which remembers the order names are bound in.
    pub fn new_class(parent: Option<Rc<Scope>>) -> Rc<Scope> {
        let s = Rc::new(Scope { vars: RefCell::new(FxHashMap::default()), parent, global_names: RefCell::new(Vec::new()), nonlocal_names: RefCell::new(Vec::new()), module: false, order: RefCell::new(Vec::new()), class_body: true, serial: next_scope_serial() });
        super::gc::track_scope(&s);
        s
    }
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.vars.borrow().get(name) {
            return Some(v.clone());
        }
        self.parent.as_ref().and_then(|p| p.lookup(name))
    }
    pub fn set(&self, name: Name, v: Value) {
        let fresh = self.vars.borrow_mut().insert(name.clone(), v).is_none();
        if fresh && self.class_body {
            self.order.borrow_mut().push(name);
        }
    }
}

pub struct Closure {
    pub def: Rc<FuncDef>,
    /// `Class.method` for a function defined in a class body, else its name (for messages).
    pub qualname: Rc<str>,
    pub src: Rc<Source>,
    pub scope: Rc<Scope>,
    /// Default values, evaluated at definition time, one per parameter (None when absent).
    pub defaults: Vec<Option<Value>>,
    /// Attributes set on the function (`f.__wrapped__ = g`, `functools.wraps`), if any.
    pub attrs: RefCell<Option<Box<super::object::Attrs>>>,
}

/// A keyword argument list.
pub type Kwargs = Vec<(Name, Value)>;

pub type NativeFn = fn(&mut super::Interp, &Builtin, Vec<Value>, Kwargs) -> Result<Value>;

/// A function written in Rust. `flavor` is `true` for the `jax.numpy` instance of a module.
pub struct Builtin {
    pub name: Rc<str>,
    pub f: NativeFn,
    pub jax: bool,
    pub doc: &'static str,
}

pub struct Module {
    pub name: Rc<str>,
    pub attrs: RefCell<FxHashMap<Name, Value>>,
}

impl Module {
    pub fn new(name: &str) -> Module {
        Module { name: name.into(), attrs: RefCell::new(FxHashMap::default()) }
    }
    pub fn get(&self, name: &str) -> Option<Value> {
        self.attrs.borrow().get(name).cloned()
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }
    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(v))
    }
    pub fn list(v: Vec<Value>) -> Value {
        let l = Rc::new(RefCell::new(v));
        super::gc::track_list(&l);
        Value::List(l)
    }
    pub fn dict(d: Dict) -> Value {
        let d = Rc::new(RefCell::new(d));
        super::gc::track_dict(&d);
        Value::Dict(d)
    }
    pub fn set(d: Dict) -> Value {
        let d = Rc::new(RefCell::new(d));
        super::gc::track_dict(&d);
        Value::Set(d)
    }
    /// An instance, tracked by the cycle collector.
    pub fn object(o: super::object::Instance) -> Value {
        let o = Rc::new(o);
        super::gc::track_instance(&o);
        Value::Object(o)
    }
    /// Python's type name, for messages: `int`, `list`, `numpy.ndarray`.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Str(_) => "str".into(),
            Value::List(_) => "list".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Dict(_) => "dict".into(),
            Value::Func(_) => "function".into(),
            Value::Builtin(b) if super::numpy::is_ufunc(b) => "ufunc".into(),
            Value::Builtin(_) => "builtin_function_or_method".into(),
            Value::Method(_) => "method".into(),
            Value::Module(_) => "module".into(),
            Value::Array(a) => if a.jax() { "jax.Array".into() } else { "numpy.ndarray".into() },
            Value::Slice(_) | Value::ObjSlice(_) => "slice".into(),
            Value::Ellipsis => "ellipsis".into(),
            Value::DType(..) => "type".into(),
            Value::Exception(d) => d.kind.to_string(),
            Value::Range(..) => "range".into(),
            Value::At(_) => "_IndexUpdateHelper".into(),
            Value::Class(_) => "type".into(),
            Value::Object(o) => o.class.name.to_string(),
            Value::BoundMethod(_) => "method".into(),
            Value::Super(_) => "super".into(),
            Value::Property(_) => "property".into(),
            Value::StaticMethod(_) => "staticmethod".into(),
            Value::ClassMethod(_) => "classmethod".into(),
            Value::NotImplemented => "NotImplementedType".into(),
            Value::Set(_) => "set".into(),
            Value::FrozenSet(_) => "frozenset".into(),
            Value::Generator(_) => "generator".into(),
            Value::Iter(s) => s.borrow().kind().into(),
            Value::Transformed(_) => "function".into(),
            Value::TreeDef(_) => "PyTreeDef".into(),
            Value::Jaxpr(_) => "ClosedJaxpr".into(),
        }
    }
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    /// The dict key of a hashable value.
    pub fn key(&self) -> Result<Key> {
        Ok(match self {
            Value::None => Key::None,
            Value::Bool(b) => Key::Int(*b as i64),
            Value::Int(i) => Key::Int(*i),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    Key::Int(*f as i64)
                } else {
                    Key::Float(f.to_bits())
                }
            }
            Value::Str(s) => Key::Str(s.clone()),
            Value::Tuple(t) => Key::Tuple(t.iter().map(|v| v.key()).collect::<Result<_>>()?),
            Value::DType(d, _, _) => Key::Str(format!("<dtype {}>", d.name()).into()),
            Value::FrozenSet(d) => {
                let mut ks: Vec<Key> = d.entries.iter().map(|(k, _)| k.key()).collect::<Result<_>>()?;
                ks.sort_by_key(|k| format!("{k:?}"));
                Key::Frozen(ks)
            }
            // Instances of tuple/str/int subclasses (NamedTuples) hash as their value; other
            // objects, classes and functions by identity.
            Value::Object(o) => match o.base.borrow().as_ref() {
                Some(b @ (Value::Tuple(_) | Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::FrozenSet(_))) => b.key()?,
                _ => Key::Id(super::object::identity(self)),
            },
            Value::Class(_) | Value::Func(_) | Value::Builtin(_) | Value::Module(_) | Value::Transformed(_) | Value::BoundMethod(_) | Value::Generator(_) | Value::Exception(_) => {
                Key::Id(super::object::identity(self))
            }
            Value::Ellipsis => Key::Id(0xe111),
            Value::NotImplemented => Key::Id(0x0bad),
            other => {
                return Err(Diagnostic::new("TypeError", format!("unhashable type: '{}'", other.type_name()))
                    .with_help("use a str, int, float or tuple as a dict key"))
            }
        })
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Bool(b) => write!(f, "{b}"),
            other => write!(f, "<{}>", other.type_name()),
        }
    }
}

/// The exception object an error carries (`raise MyError(...)`).
pub trait Raised {
    fn payload_value(&self) -> Option<Value>;
    fn with_payload(self, v: Value) -> Diagnostic;
}

impl Raised for Diagnostic {
    fn payload_value(&self) -> Option<Value> {
        self.payload.as_ref().and_then(|p| p.0.downcast_ref::<Value>().cloned())
    }
    fn with_payload(mut self, v: Value) -> Diagnostic {
        self.payload = Some(crate::diag::Payload(Rc::new(v)));
        self
    }
}

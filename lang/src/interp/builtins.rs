//! Python's builtins and the operators on Python values: `print len range …`, `+ - * …` on
//! numbers, strings, lists and tuples (arrays go to `ops`), attribute access and methods of
//! lists, dicts and strings.

use super::args::{arg, bool_kw, check_kw, int_arg, need};
use super::array::Array;
use super::ops;
use super::value::*;
use super::{Interp, StreamKind};
use crate::diag::{Diagnostic, Result};
use crate::prim::Prim;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use rustc_hash::FxHashSet;
use std::rc::Rc;

pub fn builtin(name: &str, f: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin { name: name.into(), f, jax: false, doc: "" }))
}

/// Python's builtin functions: (name, function, docstring). The docstring's first line is the
/// signature; `name?`, `help(name)` and completion read this table.
pub const BUILTINS: &[(&str, NativeFn, &str)] = &[
    ("print", b_print, "print(*values, sep=' ', end='\\n', file=sys.stdout, flush=False)\nPrint the values, separated by sep and followed by end. Inside a traced function it prints the values when the computation runs."),
    ("len", b_len, "len(obj)\nThe number of items of a container (the first dimension of an array)."),
    ("range", b_range, "range(stop) / range(start, stop[, step])\nThe integers from start up to (not including) stop."),
    ("enumerate", b_enumerate, "enumerate(iterable, start=0)\nAn iterator of (index, item) pairs."),
    ("zip", b_zip, "zip(*iterables, strict=False)\nAn iterator of tuples, the i-th items of each iterable, as long as the shortest."),
    ("min", b_min, "min(iterable, *, key=None, default=...) / min(a, b, ...)\nThe smallest item."),
    ("max", b_max, "max(iterable, *, key=None, default=...) / max(a, b, ...)\nThe largest item."),
    ("sum", b_sum, "sum(iterable, start=0)\nThe sum of the items plus start."),
    ("abs", b_abs, "abs(x)\nThe absolute value (elementwise for arrays)."),
    ("round", b_round, "round(number, ndigits=None)\nRound half to even, to ndigits decimals."),
    ("sorted", b_sorted, "sorted(iterable, *, key=None, reverse=False)\nA new sorted list (a stable sort)."),
    ("reversed", b_reversed, "reversed(sequence)\nAn iterator over the items in reverse order."),
    ("isinstance", b_isinstance, "isinstance(obj, class_or_tuple)\nWhether obj is an instance of the class (or of a subclass of it)."),
    ("issubclass", b_issubclass, "issubclass(cls, class_or_tuple)\nWhether cls derives from the class."),
    ("map", b_map, "map(function, *iterables)\nAn iterator applying function to the items of the iterables, in step."),
    ("filter", b_filter, "filter(function, iterable)\nAn iterator over the items for which function(item) is true (None: the true items)."),
    ("any", b_any, "any(iterable)\nWhether some item is true."),
    ("all", b_all, "all(iterable)\nWhether every item is true."),
    ("repr", b_repr, "repr(obj)\nThe printable representation of obj (what the REPL shows)."),
    ("ascii", b_repr, "ascii(obj)\nLike repr."),
    ("divmod", b_divmod, "divmod(a, b)\nThe pair (a // b, a % b)."),
    ("pow", b_pow, "pow(base, exp, mod=None)\nbase ** exp (modulo mod)."),
    ("hasattr", b_hasattr, "hasattr(obj, name)\nWhether getattr(obj, name) would succeed."),
    ("getattr", b_getattr, "getattr(obj, name[, default])\nThe attribute name of obj (default when it has none)."),
    ("setattr", b_setattr, "setattr(obj, name, value)\nobj.name = value."),
    ("delattr", b_delattr, "delattr(obj, name)\ndel obj.name."),
    ("callable", b_callable, "callable(obj)\nWhether obj can be called."),
    ("id", b_id, "id(obj)\nAn integer that identifies obj while it lives."),
    ("hash", b_hash, "hash(obj)\nThe hash of a hashable object (numbers, strings, tuples, frozensets; objects by identity)."),
    ("iter", b_iter, "iter(iterable)\nAn iterator over the iterable."),
    ("next", b_next, "next(iterator[, default])\nThe next item of the iterator; default (or StopIteration) when it is exhausted."),
    ("chr", b_chr, "chr(i)\nThe one-character string of Unicode code point i."),
    ("ord", b_ord, "ord(c)\nThe Unicode code point of a one-character string."),
    ("dir", b_dir, "dir([obj])\nThe sorted names of obj's attributes (without an argument: the names defined here)."),
    ("vars", b_vars, "vars([obj])\nobj's attributes as a dict (without an argument: the global names)."),
    ("globals", b_globals, "globals()\nThe global names and their values, as a dict."),
    ("locals", b_globals, "locals()\nThe names defined here and their values, as a dict."),
    ("super", b_super, "super() / super(cls, obj)\nThe attributes of obj from the classes after cls in its method resolution order."),
    ("format", b_format, "format(value, spec='')\nvalue formatted by the format-spec mini-language, as in f'{value:spec}'."),
    ("bin", b_bin, "bin(i)\nThe binary text of an integer, '0b...'."),
    ("hex", b_hex, "hex(i)\nThe hexadecimal text of an integer, '0x...'."),
    ("oct", b_oct, "oct(i)\nThe octal text of an integer, '0o...'."),
    ("input", b_input, "input(prompt='')\nRead a line from the user (the REPL's, the notebook's, or standard input)."),
    ("display", b_display, "display(*objs, raw=False, clear=False)\nShow each object as a rich output of the cell, as IPython's display: its repr, and the HTML, Markdown, LaTeX, SVG or PNG its _repr_html_, _repr_markdown_… methods give (raw=True: each object is already a dict of MIME type to content; clear=True: clear the output first)."),
    ("clear_output", b_clear_output, "clear_output(wait=False)\nClear the cell's output so far (in a notebook; wait=True: when the next output arrives), as IPython.display.clear_output. The REPL and scripts ignore it."),
    ("open", b_open, "open(file, mode='r', encoding=None, newline=None)\nOpen a text file (modes 'r', 'w', 'a', 'x'; UTF-8); use it with `with open(...) as f:`. Relative paths start at the process's directory."),
    ("help", b_help, "help(obj)\nPrint obj's documentation."),
    ("exit", b_exit, "exit(code=0)\nEnd the program (a script exits with code; in the REPL or a notebook, the cell ends)."),
    ("quit", b_exit, "quit(code=0)\nThe same as exit()."),
];

/// The docstrings of Python's builtin types (what `int?` shows; the first line is the signature).
pub const TYPE_DOCS: &[(&str, &str)] = &[
    ("int", "int(x=0) / int(text, base=10)\nAn integer from a number (truncating) or from text. Slope's ints are 64-bit.\n\n>>> int(3.9), int('ff', 16)\n(3, 255)"),
    ("float", "float(x=0.0)\nA floating-point number from a number or text ('nan', 'inf' too).\n\n>>> float('1e3')\n1000.0"),
    ("bool", "bool(x=False)\nTrue or False, by Python's truth rules (empty containers and zero are false)."),
    ("str", "str(object='')\nThe text form of object (what print shows)."),
    ("list", "list(iterable=())\nA new list of the iterable's items."),
    ("tuple", "tuple(iterable=())\nA new tuple of the iterable's items."),
    ("dict", "dict(mapping_or_iterable=(), **kwargs)\nA new dictionary (insertion-ordered)."),
    ("set", "set(iterable=())\nA new set of the iterable's distinct items."),
    ("frozenset", "frozenset(iterable=())\nAn immutable, hashable set."),
    ("slice", "slice(start, stop[, step])\nA slice object, as in x[start:stop:step]."),
    ("object", "object()\nThe base class of every class."),
    ("type", "type(obj) / type(name, bases, dict)\nThe class of obj; with three arguments, a new class."),
    ("property", "property(fget=None, fset=None, fdel=None, doc=None)\nA computed attribute; use as the decorator @property, then @name.setter."),
    ("staticmethod", "staticmethod(function)\nA method that receives neither the instance nor the class (@staticmethod)."),
    ("classmethod", "classmethod(function)\nA method that receives the class as its first argument (@classmethod)."),
    ("complex", "complex(real=0, imag=0)\nComplex numbers are not supported in Slope yet."),
    ("bytes", "bytes()\nBytes are not supported in Slope; use str or a uint8 array."),
];

/// The docstring of a builtin type, by name.
pub fn type_doc(name: &str) -> Option<&'static str> {
    TYPE_DOCS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

/// Python's builtin types: the classes the builtins scope holds.
pub const TYPES: &[&str] = &["int", "float", "bool", "str", "list", "tuple", "dict", "set", "frozenset", "slice", "object", "type", "complex", "bytes", "property", "staticmethod", "classmethod"];

/// Put the builtins into the root scope.
pub fn install(scope: &Scope, types: &super::object::Types) {
    for (n, f, doc) in BUILTINS {
        scope.set((*n).into(), Value::Builtin(Rc::new(Builtin { name: (*n).into(), f: *f, jax: false, doc })));
    }
    for t in TYPES {
        scope.set((*t).into(), Value::Class(types.get(t)));
    }
    for e in super::object::EXCEPTION_NAMES {
        scope.set((*e).into(), Value::Class(types.get(e)));
    }
    scope.set("True".into(), Value::Bool(true));
    scope.set("False".into(), Value::Bool(false));
    scope.set("None".into(), Value::None);
    scope.set("NotImplemented".into(), Value::NotImplemented);
    scope.set("Ellipsis".into(), Value::Ellipsis);
    scope.set("__name__".into(), Value::str("builtins"));
}

fn b_print(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["sep", "end", "flush", "file"], "print")?;
    let sep = match arg(&[], &kw, 99, "sep") {
        Some(Value::Str(s)) => s.to_string(),
        _ => " ".into(),
    };
    let end = match arg(&[], &kw, 99, "end") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "\n".into(),
    };
    // Inside a transformation, traced arrays print when the computation runs.
    if args.iter().any(|a| matches!(a, Value::Array(x) if it.is_traced(x))) {
        let mut template = Vec::new();
        let mut operands = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                template.push(crate::prim::PrintPart::Lit(sep.clone().into()));
            }
            match a {
                Value::Array(x) => {
                    template.push(crate::prim::PrintPart::Arg(operands.len()));
                    operands.push(x.clone());
                }
                other => template.push(crate::prim::PrintPart::Lit(it.to_str(other)?.into())),
            }
        }
        template.push(crate::prim::PrintPart::Lit(end.into()));
        return super::jax::print_template(it, template, operands);
    }
    let mut parts = Vec::new();
    for a in &args {
        parts.push(it.to_str(a)?);
    }
    let s = parts.join(&sep) + &end;
    let kind = match arg(&[], &kw, 99, "file") {
        Some(Value::Module(m)) if m.name.as_ref() == "sys.stderr" => StreamKind::Stderr,
        None | Some(Value::None) => StreamKind::Stdout,
        Some(Value::Module(m)) if m.name.as_ref() == "sys.stdout" => StreamKind::Stdout,
        // Any object with a write method (io.StringIO, an open file, sys.stdout's stand-ins).
        Some(f) => {
            let w = it.getattr(&f, "write").map_err(|_| Diagnostic::new("AttributeError", format!("'{}' object has no attribute 'write'", f.type_name())).with_help("print(file=...) needs an object with a write(text) method, such as sys.stderr or io.StringIO()"))?;
            it.call(&w, vec![Value::Str(s.into())], vec![])?;
            return Ok(Value::None);
        }
    };
    it.write(kind, &s);
    Ok(Value::None)
}

fn b_len(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "len")?;
    let v = args.first().ok_or_else(|| Diagnostic::new("TypeError", "len() takes exactly one argument (0 given)"))?;
    Ok(Value::Int(it.len_of(v)? as i64))
}

fn b_range(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "range")?;
    let mut v = Vec::new();
    for a in &args {
        v.push(int_arg(it, a, "range()")?);
    }
    let (a, b, s) = match v.len() {
        1 => (0, v[0], 1),
        2 => (v[0], v[1], 1),
        3 => (v[0], v[1], v[2]),
        n => return Err(Diagnostic::new("TypeError", format!("range expected 1 to 3 arguments, got {n}"))),
    };
    if s == 0 {
        return Err(Diagnostic::new("ValueError", "range() arg 3 must not be zero"));
    }
    Ok(Value::Range(a, b, s))
}

fn b_enumerate(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let v = need(&args, &kw, 0, "iterable", "enumerate")?;
    let start = match arg(&args, &kw, 1, "start") {
        Some(s) => int_arg(it, &s, "enumerate")?,
        None => 0,
    };
    it.lazy_enumerate(&v, start)
}

fn b_zip(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["strict"], "zip")?;
    let strict = match arg(&[], &kw, 9, "strict") {
        Some(v) => it.truthy(&v)?,
        None => false,
    };
    if strict {
        let lists = args.iter().map(|a| it.iterate(a)).collect::<Result<Vec<_>>>()?;
        if let Some(k) = lists.iter().position(|l| l.len() != lists[0].len()) {
            return Err(Diagnostic::new("ValueError", format!("zip() argument {} is {} than argument 1", k + 1, if lists[k].len() < lists[0].len() { "shorter" } else { "longer" })));
        }
        let n = lists.first().map_or(0, |l| l.len());
        let rows: Vec<Value> = (0..n).map(|i| Value::tuple(lists.iter().map(|l| l[i].clone()).collect())).collect();
        return Ok(it.items_iter(rows));
    }
    it.lazy_zip(&args)
}

fn minmax(it: &mut Interp, args: Vec<Value>, kw: Kwargs, is_max: bool) -> Result<Value> {
    let name = if is_max { "max" } else { "min" };
    check_kw(&kw, &["key", "default"], name)?;
    let items = if args.len() == 1 { it.iterate(&args[0])? } else { args };
    let key = arg(&[], &kw, 9, "key").filter(|k| !k.is_none());
    if items.is_empty() {
        if let Some(d) = arg(&[], &kw, 9, "default") {
            return Ok(d);
        }
        return Err(Diagnostic::new("ValueError", format!("{name}() arg is an empty sequence")));
    }
    let mut best = items[0].clone();
    let mut best_k = match &key {
        Some(k) => it.call(k, vec![best.clone()], vec![])?,
        None => best.clone(),
    };
    for x in items.into_iter().skip(1) {
        let k = match &key {
            Some(kf) => it.call(kf, vec![x.clone()], vec![])?,
            None => x.clone(),
        };
        let c = it.compare(if is_max { CmpOp::Gt } else { CmpOp::Lt }, &k, &best_k)?;
        if it.truthy(&c)? {
            best = x;
            best_k = k;
        }
    }
    Ok(best)
}

fn b_min(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    minmax(it, args, kw, false)
}
fn b_max(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    minmax(it, args, kw, true)
}

fn b_sum(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let v = need(&args, &kw, 0, "iterable", "sum")?;
    let mut acc = arg(&args, &kw, 1, "start").unwrap_or(Value::Int(0));
    for x in it.iterate(&v)? {
        acc = it.binop(BinOp::Add, &acc, &x)?;
    }
    Ok(acc)
}

fn b_abs(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "abs")?;
    if let Some(v @ Value::Object(_)) = args.first() {
        if let Some(r) = it.dunder(v, "__abs__", vec![])? {
            return Ok(r);
        }
    }
    match args.first() {
        Some(Value::Int(i)) => Ok(Value::Int(i.checked_abs().ok_or_else(overflow)?)),
        Some(Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        Some(Value::Float(f)) => Ok(Value::Float(f.abs())),
        Some(Value::Array(a)) => Ok(Value::Array(it.unary(Prim::Abs, a)?)),
        Some(other) => Err(Diagnostic::new("TypeError", format!("bad operand type for abs(): '{}'", other.type_name()))),
        None => Err(Diagnostic::new("TypeError", "abs() takes exactly one argument (0 given)")),
    }
}

/// Python's round: half to even, with optional digits.
fn b_round(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = need(&args, &kw, 0, "number", "round")?;
    let nd = arg(&args, &kw, 1, "ndigits");
    if let Value::Object(o) = &x {
        // A class's __round__, or the int/float an int or float subclass holds.
        if o.class.defines("__round__") {
            return it.dunder(&x, "__round__", nd.into_iter().collect()).map(|v| v.unwrap_or(Value::None));
        }
        let base = super::object::base_value(&x);
        if matches!(base, Value::Int(_) | Value::Float(_)) {
            return b_round(it, b, std::iter::once(base).chain(nd).collect(), vec![]);
        }
    }
    match (&x, &nd) {
        (Value::Int(i), _) => Ok(Value::Int(*i)),
        (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
        (Value::Float(f), None | Some(Value::None)) => {
            if !f.is_finite() {
                return Err(float_to_int_error(*f));
            }
            Ok(Value::Int(f.round_ties_even() as i64))
        }
        (Value::Float(f), Some(n)) => {
            let n = int_arg(it, n, "round()")?;
            Ok(Value::Float(round_digits(*f, n)))
        }
        (Value::Array(_), _) => {
            let m = Value::Method(Rc::new((x.clone(), "round".into())));
            it.call(&m, nd.into_iter().collect(), vec![])
        }
        (other, _) => Err(Diagnostic::new("TypeError", format!("type {} doesn't define __round__ method", other.type_name()))),
    }
}

/// Round to `n` decimal digits, half to even on the decimal value (as Python does, closely).
pub fn round_digits(f: f64, n: i64) -> f64 {
    let s = format!("{:.*}", n.clamp(0, 300) as usize, f);
    if n >= 0 {
        return s.parse().unwrap_or(f);
    }
    let p = 10f64.powi((-n) as i32);
    (f / p).round_ties_even() * p
}

fn b_sorted(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["key", "reverse"], "sorted")?;
    let v = need(&args, &kw, 0, "iterable", "sorted")?;
    let items = it.iterate(&v)?;
    let key = arg(&[], &kw, 9, "key").filter(|k| !k.is_none());
    let rev = match arg(&[], &kw, 9, "reverse") {
        Some(r) => it.truthy(&r)?,
        None => false,
    };
    Ok(Value::list(sort_values(it, items, key, rev)?))
}

pub fn sort_values(it: &mut Interp, items: Vec<Value>, key: Option<Value>, rev: bool) -> Result<Vec<Value>> {
    let mut keyed = Vec::with_capacity(items.len());
    for x in items {
        let k = match &key {
            Some(f) => it.call(f, vec![x.clone()], vec![])?,
            None => x.clone(),
        };
        keyed.push((k, x));
    }
    // Insertion-stable merge sort with fallible comparisons.
    let mut err = None;
    let mut idx: Vec<usize> = (0..keyed.len()).collect();
    idx.sort_by(|&a, &b| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        match it.compare(CmpOp::Lt, &keyed[a].0, &keyed[b].0).and_then(|v| it.truthy(&v)) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match it.compare(CmpOp::Lt, &keyed[b].0, &keyed[a].0).and_then(|v| it.truthy(&v)) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    err = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    if rev {
        // Python's reverse keeps stability: sort by reversed comparison.
        idx.reverse();
        let mut out: Vec<usize> = Vec::with_capacity(idx.len());
        let mut i = 0;
        while i < idx.len() {
            let mut j = i + 1;
            while j < idx.len() {
                let c = it.compare(CmpOp::Eq, &keyed[idx[i]].0, &keyed[idx[j]].0)?;
                if !it.truthy(&c)? {
                    break;
                }
                j += 1;
            }
            out.extend(idx[i..j].iter().rev());
            i = j;
        }
        idx = out;
    }
    Ok(idx.into_iter().map(|i| keyed[i].1.clone()).collect())
}

fn b_reversed(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "reversed")?;
    let v = args.first().cloned().unwrap_or(Value::None);
    if let Some(r) = it.dunder(&v, "__reversed__", vec![])? {
        return Ok(r);
    }
    if matches!(v, Value::Generator(_) | Value::Iter(_) | Value::Set(_) | Value::FrozenSet(_)) {
        return Err(Diagnostic::new("TypeError", format!("'{}' object is not reversible", v.type_name())).with_help("make a list first: reversed(list(x))"));
    }
    let mut items = it.iterate(&v)?;
    items.reverse();
    Ok(it.items_iter(items))
}

fn b_isinstance(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "isinstance")?;
    if args.len() != 2 {
        return Err(Diagnostic::new("TypeError", format!("isinstance expected 2 arguments, got {}", args.len())));
    }
    Ok(Value::Bool(is_instance(it, &args[0], &args[1])?))
}

pub(crate) fn is_instance(it: &mut Interp, v: &Value, t: &Value) -> Result<bool> {
    Ok(match t {
        Value::Tuple(ts) => {
            for t in ts.iter() {
                if is_instance(it, v, t)? {
                    return Ok(true);
                }
            }
            false
        }
        // np.ndarray and jax.Array take any array, numpy's or JAX's (Slope's arrays are one type).
        Value::Class(c) if c.is_array_class() => matches!(v, Value::Array(_)),
        Value::Class(c) => {
            if c.builtin && c.name.as_ref() == "float" {
                // numpy's float64 scalars are floats.
                if let Value::Array(a) = v {
                    return Ok(a.ndim() == 0 && !a.jax() && a.dtype() == crate::array::DType::F64);
                }
            }
            if it.isinstance(v, c) || (c.name.as_ref() == "int" && c.builtin && matches!(v, Value::Bool(_))) {
                return Ok(true);
            }
            // A metaclass's __instancecheck__ (abc.ABCMeta: registered classes, __subclasshook__).
            match c.meta_method("__instancecheck__") {
                Some(f) => {
                    let r = it.call(&f, vec![t.clone(), v.clone()], vec![])?;
                    it.truthy(&r)?
                }
                None => false,
            }
        }
        Value::Object(_) if it.has_dunder(t, "__instancecheck__") => {
            let r = it.dunder(t, "__instancecheck__", vec![v.clone()])?.unwrap_or(Value::Bool(false));
            it.truthy(&r)?
        }
        Value::Builtin(b) if b.name.as_ref() == "range" => matches!(v, Value::Range(..)),
        Value::DType(d, _, _) => matches!(v, Value::Array(a) if a.dtype() == *d),
        other => {
            return Err(Diagnostic::new("TypeError", format!("isinstance() arg 2 must be a type or tuple of types, not {}", other.type_name())))
        }
    })
}

fn b_issubclass(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "issubclass")?;
    fn sub(it: &mut Interp, c: &Rc<super::object::Class>, t: &Value) -> Result<bool> {
        Ok(match t {
            Value::Class(k) if c.is_subclass(k) => true,
            // A metaclass's __subclasscheck__ (abc.ABCMeta).
            Value::Class(k) => match k.meta_method("__subclasscheck__") {
                Some(f) => {
                    let r = it.call(&f, vec![t.clone(), Value::Class(c.clone())], vec![])?;
                    it.truthy(&r)?
                }
                None => false,
            },
            Value::Object(_) if it.has_dunder(t, "__subclasscheck__") => {
                let r = it.dunder(t, "__subclasscheck__", vec![Value::Class(c.clone())])?.unwrap_or(Value::Bool(false));
                it.truthy(&r)?
            }
            Value::Tuple(ts) => {
                for t in ts.iter() {
                    if sub(it, c, t)? {
                        return Ok(true);
                    }
                }
                false
            }
            other => return Err(Diagnostic::new("TypeError", format!("issubclass() arg 2 must be a class or tuple of classes, not {}", other.type_name()))),
        })
    }
    match (args.first(), args.get(1)) {
        (Some(Value::Class(c)), Some(t)) => Ok(Value::Bool(sub(it, c, t)?)),
        (Some(other), _) => Err(Diagnostic::new("TypeError", format!("issubclass() arg 1 must be a class, not {}", other.type_name()))),
        _ => Err(Diagnostic::new("TypeError", "issubclass expected 2 arguments")),
    }
}

fn b_map(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "map")?;
    if args.len() < 2 {
        return Err(Diagnostic::new("TypeError", "map() must have at least two arguments."));
    }
    let f = args[0].clone();
    it.lazy_map(f, &args[1..])
}

fn b_filter(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "filter")?;
    if args.len() != 2 {
        return Err(Diagnostic::new("TypeError", format!("filter expected 2 arguments, got {}", args.len())));
    }
    it.lazy_filter(args[0].clone(), &args[1])
}

fn b_any(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "any")?;
    let iter = it.get_iter(args.first().unwrap_or(&Value::None))?;
    while let Some(x) = it.next_item(&iter)? {
        if it.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn b_all(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "all")?;
    let iter = it.get_iter(args.first().unwrap_or(&Value::None))?;
    while let Some(x) = it.next_item(&iter)? {
        if !it.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn b_repr(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "repr")?;
    Ok(Value::Str(it.repr(args.first().unwrap_or(&Value::None))?.into()))
}

fn b_divmod(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "divmod")?;
    if args.len() != 2 {
        return Err(Diagnostic::new("TypeError", "divmod expected 2 arguments"));
    }
    let q = it.binop(BinOp::FloorDiv, &args[0], &args[1])?;
    let r = it.binop(BinOp::Mod, &args[0], &args[1])?;
    Ok(Value::tuple(vec![q, r]))
}

fn b_pow(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match args.len() {
        2 => it.binop(BinOp::Pow, &args[0], &args[1]),
        3 => {
            let (b, e, m) = (int_arg(it, &args[0], "pow()")?, int_arg(it, &args[1], "pow()")?, int_arg(it, &args[2], "pow()")?);
            if m == 0 {
                return Err(Diagnostic::new("ValueError", "pow() 3rd argument cannot be 0"));
            }
            if e < 0 {
                return Err(Diagnostic::new("ValueError", "pow() with a negative exponent and a modulus is not supported in Slope"));
            }
            let (mut r, mut b, mut e, m) = (1i128, (b as i128).rem_euclid(m as i128), e, m as i128);
            while e > 0 {
                if e & 1 == 1 {
                    r = r * b % m;
                }
                b = b * b % m;
                e >>= 1;
            }
            Ok(Value::Int(r.rem_euclid(m) as i64))
        }
        _ => Err(Diagnostic::new("TypeError", "pow expected 2 or 3 arguments")),
    }
}

fn name_arg<'a>(args: &'a [Value], i: usize, f: &str) -> Result<&'a str> {
    match args.get(i) {
        Some(Value::Str(n)) => Ok(n),
        Some(other) => Err(Diagnostic::new("TypeError", format!("{f}(): attribute name must be string, not '{}'", other.type_name()))),
        None => Err(Diagnostic::new("TypeError", format!("{f}() needs an object and an attribute name"))),
    }
}

fn b_hasattr(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "hasattr")?;
    let n = name_arg(&args, 1, "hasattr")?;
    match it.getattr(&args[0], n) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if e.kind.as_ref() == "AttributeError" => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn b_getattr(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "getattr")?;
    let n = name_arg(&args, 1, "getattr")?;
    match it.getattr(&args[0], n) {
        Ok(v) => Ok(v),
        Err(e) if e.kind.as_ref() == "AttributeError" => args.get(2).cloned().ok_or(e),
        Err(e) => Err(e),
    }
}

fn b_setattr(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "setattr")?;
    let n = name_arg(&args, 1, "setattr")?.to_string();
    let v = args.get(2).cloned().ok_or_else(|| Diagnostic::new("TypeError", "setattr expected 3 arguments"))?;
    it.setattr(&args[0], &n, v)?;
    Ok(Value::None)
}

fn b_delattr(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "delattr")?;
    let n = name_arg(&args, 1, "delattr")?.to_string();
    it.delattr(&args[0], &n)?;
    Ok(Value::None)
}

fn b_callable(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "callable")?;
    Ok(Value::Bool(match args.first() {
        Some(Value::Func(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) | Value::DType(..) | Value::Transformed(_) | Value::BoundMethod(_)) => true,
        Some(Value::Object(o)) => o.class.lookup("__call__").is_some(),
        _ => false,
    }))
}

/// `type(x)`: the class of a value (`type(name, bases, dict)` makes a class).
fn call_type_type(it: &mut Interp, args: Vec<Value>) -> Result<Value> {
    match args.len() {
        // A numpy 0-d array is Slope's numpy scalar (it prints as `np.float64(2.0)`): its type
        // is the scalar type, `np.float64`, as numpy's scalars are (`type(x) in {float, np.float64}`).
        1 => Ok(match &args[0] {
            Value::Array(a) if !a.jax() && a.ndim() == 0 => Value::DType(a.dtype(), false, true),
            v => Value::Class(it.class_of(v)),
        }),
        3 => {
            let Value::Str(name) = &args[0] else { return Err(Diagnostic::new("TypeError", "type() argument 1 must be str")) };
            let bases = it.iterate(&args[1])?;
            let mut attrs = super::object::Attrs::default();
            if let Value::Dict(d) = &args[2] {
                for (k, v) in d.borrow().entries.iter() {
                    if let Value::Str(k) = k {
                        attrs.set(k.clone(), v.clone());
                    }
                }
            }
            let module = match attrs.get("__module__") {
                Some(Value::Str(m)) => m.to_string(),
                _ => "__main__".to_string(),
            };
            let cls = it.make_class(name, &module, bases, attrs)?;
            it.init_by_meta(&cls, vec![])?;
            Ok(Value::Class(cls))
        }
        _ => Err(Diagnostic::new("TypeError", "type() takes 1 or 3 arguments")),
    }
}

fn b_id(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "id")?;
    Ok(Value::Int(super::object::identity(args.first().unwrap_or(&Value::None)) as i64))
}

fn b_hash(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "hash")?;
    let v = args.first().cloned().unwrap_or(Value::None);
    if let Value::Object(o) = &v {
        if o.class.defines("__hash__") {
            if matches!(o.class.lookup("__hash__"), Some(Value::None)) {
                return Err(Diagnostic::new("TypeError", format!("unhashable type: '{}'", o.class.name)));
            }
            return it.dunder(&v, "__hash__", vec![]).map(|h| h.unwrap_or(Value::Int(0)));
        }
    }
    if let Value::Float(f) = v {
        // Python: hash of an integral float is that of the int; others from their bits.
        if f.fract() != 0.0 || !f.is_finite() {
            return Ok(Value::Int(super::object::hash_key(&Key::Float(f.to_bits()))));
        }
    }
    Ok(Value::Int(super::object::hash_key(&it.key_of(&v)?)))
}

fn b_iter(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "iter")?;
    match args.len() {
        1 => it.get_iter(&args[0]),
        _ => Err(Diagnostic::new("TypeError", format!("iter expected 1 argument, got {}", args.len())).with_help("the two-argument form iter(callable, sentinel) is not supported; write a while loop")),
    }
}

fn b_next(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "next")?;
    let Some(i) = args.first() else { return Err(Diagnostic::new("TypeError", "next expected at least 1 argument, got 0")) };
    match it.next_item(i)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(super::iter::stop_iteration()),
        },
    }
}

/// The sorted attribute names of a value, as `dir(v)` lists them.
pub fn dir_of(it: &mut Interp, v: &Value) -> Result<Value> {
    let mut names: Vec<String> = match v {
        Value::Module(m) => m.attrs.borrow().keys().map(|k| k.to_string()).collect(),
        Value::Object(o) => {
            let mut n: Vec<String> = o.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect();
            for c in o.class.linear() {
                n.extend(class_names(c));
            }
            n
        }
        Value::Class(c) => c.linear().flat_map(class_names).collect(),
        Value::List(_) => super::object::LIST_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Dict(_) => super::object::DICT_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Tuple(_) => super::object::TUPLE_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Set(_) | Value::FrozenSet(_) => super::object::SET_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Str(_) => super::object::STR_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Array(a) => {
            let mut n: Vec<String> = crate::complete::ARRAY_ATTRS.iter().map(|s| s.to_string()).collect();
            n.extend(crate::complete::ARRAY_ONLY_METHODS.iter().map(|s| s.to_string()));
            let np = if a.jax() { "jax.numpy" } else { "numpy" };
            if let Ok(Value::Module(m)) = it.import(np) {
                let candidates: Vec<String> = m.attrs.borrow().keys().filter(|k| !k.starts_with('_')).map(|k| k.to_string()).collect();
                for c in candidates {
                    if matches!(it.array_attr(a, &c), Ok(Value::Method(_))) {
                        n.push(c);
                    }
                }
            }
            n
        }
        Value::Func(_) | Value::Transformed(_) => vec!["__name__".into(), "__doc__".into()],
        Value::Generator(_) => vec!["send".into(), "close".into(), "throw".into()],
        Value::Exception(_) => vec!["args".into()],
        _ => vec![],
    };
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(|n| Value::Str(n.into())).collect()))
}

fn class_names(c: &Rc<super::object::Class>) -> Vec<String> {
    if c.builtin {
        let list: &[&str] = match c.name.as_ref() {
            "dict" => super::object::DICT_METHODS,
            "list" => super::object::LIST_METHODS,
            "tuple" => super::object::TUPLE_METHODS,
            "set" | "frozenset" => super::object::SET_METHODS,
            "str" => super::object::STR_METHODS,
            _ => &[],
        };
        let mut n: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        n.extend(["__class__", "__init__", "__repr__", "__str__", "__eq__", "__hash__", "__dict__", "__doc__", "__module__"].iter().map(|s| s.to_string()));
        return n;
    }
    c.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect()
}

fn b_dir(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "dir")?;
    match args.first() {
        Some(v) => {
            if let Some(r) = it.dunder(v, "__dir__", vec![]).ok().flatten().filter(|_| matches!(v, Value::Object(o) if o.class.defines("__dir__"))) {
                let mut items = it.iterate(&r)?;
                items.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                return Ok(Value::list(items));
            }
            dir_of(it, v)
        }
        None => {
            let mut names: Vec<String> = it.globals.vars.borrow().keys().map(|k| k.to_string()).collect();
            names.sort();
            Ok(Value::list(names.into_iter().map(|n| Value::Str(n.into())).collect()))
        }
    }
}

fn scope_dict(s: &Scope) -> Value {
    let mut names: Vec<(crate::syntax::ast::Name, Value)> = s.vars.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    let mut d = Dict::default();
    for (k, v) in names {
        d.insert(Value::Str(k.clone()), Key::Str(k), v);
    }
    Value::dict(d)
}

fn b_vars(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "vars")?;
    match args.first() {
        None => Ok(scope_dict(&it.globals.clone())),
        Some(Value::Module(m)) => {
            let mut d = Dict::default();
            for (k, v) in m.attrs.borrow().iter() {
                d.insert(Value::Str(k.clone()), Key::Str(k.clone()), v.clone());
            }
            Ok(Value::dict(d))
        }
        Some(v @ (Value::Object(_) | Value::Class(_))) => it.getattr(v, "__dict__"),
        Some(other) => Err(Diagnostic::new("TypeError", "vars() argument must have __dict__ attribute").with_help(format!("a {} has no attributes of its own", other.type_name()))),
    }
}

fn b_globals(it: &mut Interp, _: &Builtin, _args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    Ok(scope_dict(&it.globals.clone()))
}

fn b_super(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "super")?;
    match (args.first(), args.get(1)) {
        (Some(Value::Class(c)), Some(obj)) => {
            let ok = match obj {
                Value::Class(k) => k.is_subclass(c),
                other => it.isinstance(other, c),
            };
            if !ok {
                return Err(Diagnostic::new("TypeError", "super(type, obj): obj must be an instance or subtype of type"));
            }
            Ok(Value::Super(Rc::new((c.clone(), obj.clone()))))
        }
        (None, _) => Err(Diagnostic::new("RuntimeError", "super(): no arguments").with_help("super() without arguments works inside a method defined in a class body")),
        _ => Err(Diagnostic::new("TypeError", "super() argument 1 must be a type")),
    }
}

fn b_format(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let v = args.first().cloned().unwrap_or(Value::None);
    let spec = match args.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::Str(it.format_value(&v, &spec)?.into()))
}

fn radix(it: &mut Interp, args: &[Value], prefix: &str, f: fn(u64) -> String) -> Result<Value> {
    let i = int_arg(it, args.first().unwrap_or(&Value::None), prefix)?;
    let sign = if i < 0 { "-" } else { "" };
    Ok(Value::Str(format!("{sign}{prefix}{}", f(i.unsigned_abs())).into()))
}

fn b_bin(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "bin")?;
    radix(it, &args, "0b", |u| format!("{u:b}"))
}

fn b_hex(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "hex")?;
    radix(it, &args, "0x", |u| format!("{u:x}"))
}

fn b_oct(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "oct")?;
    radix(it, &args, "0o", |u| format!("{u:o}"))
}

fn b_input(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["prompt"], "input")?;
    let prompt = match arg(&args, &kw, 0, "prompt") {
        Some(v) => it.to_str(&v)?,
        None => String::new(),
    };
    read_line(it, &prompt, false)
}

/// A line from the front end's input hook (`input`, `getpass.getpass`).
pub fn read_line(it: &mut Interp, prompt: &str, password: bool) -> Result<Value> {
    match (it.input_hook)(prompt, password) {
        Ok(line) => Ok(Value::Str(line.into())),
        Err((kind, msg)) => Err(Diagnostic::new(&kind, msg)),
    }
}

fn b_display(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["raw", "clear", "include", "exclude", "metadata", "display_id", "transient"], "display")?;
    let raw = bool_kw(it, &kw, "raw")?;
    if bool_kw(it, &kw, "clear")? {
        (it.clear_sink)(true);
    }
    for v in &args {
        let bundle = if raw {
            let Value::Dict(d) = v else {
                return Err(Diagnostic::new("TypeError", format!("display(raw=True) takes dicts of MIME type to content, not {}", v.type_name())).with_help("pass {'text/html': '<b>hi</b>'}, or leave raw out to display the object"));
            };
            let items: Vec<(Value, Value)> = d.borrow().entries.clone();
            let mut b = Vec::new();
            for (k, x) in items {
                b.push((it.to_str(&k)?, it.to_str(&x)?));
            }
            b
        } else {
            it.mime_bundle(v)?
        };
        it.display(bundle);
    }
    Ok(Value::None)
}

fn b_clear_output(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["wait"], "clear_output")?;
    let wait = match arg(&args, &kw, 0, "wait") {
        Some(v) => it.truthy(&v)?,
        None => false,
    };
    (it.clear_sink)(wait);
    Ok(Value::None)
}

/// `open` is `io.open`, written in Slope over the standard library's native file calls.
fn b_open(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let io = it.import("io")?;
    let f = it.getattr(&io, "open")?;
    it.call(&f, args, kw)
}

fn b_help(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let v = args.first().cloned().unwrap_or(Value::None);
    let text = match &v {
        Value::Func(c) => format!("Help on function {}:\n\n{}", c.def.name, c.def.doc.as_deref().unwrap_or("")),
        Value::Builtin(b) => format!("Help on built-in function {}:\n\n{}", b.name, b.doc),
        Value::Class(c) => format!("Help on class {}:\n\n{}", c.name, match c.attrs.borrow().get("__doc__") { Some(Value::Str(d)) => d.to_string(), _ => String::new() }),
        Value::Module(m) => format!("Help on module {}", m.name),
        other => format!("Help on {} object", other.type_name()),
    };
    it.write(super::StreamKind::Stdout, &format!("{text}\n"));
    Ok(Value::None)
}

fn b_exit(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let code = match args.first() {
        None | Some(Value::None) => 0,
        Some(Value::Int(i)) => *i,
        Some(other) => {
            let msg = it.to_str(other)?;
            it.write(super::StreamKind::Stderr, &format!("{msg}\n"));
            1
        }
    };
    Err(Diagnostic::new("SystemExit", code.to_string()))
}

fn b_chr(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "chr")?;
    let i = int_arg(it, args.first().unwrap_or(&Value::None), "chr()")?;
    let c = char::from_u32(i as u32).ok_or_else(|| Diagnostic::new("ValueError", "chr() arg not in range(0x110000)"))?;
    Ok(Value::Str(c.to_string().into()))
}

fn b_ord(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "ord")?;
    match args.first() {
        Some(Value::Str(s)) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
        _ => Err(Diagnostic::new("TypeError", "ord() expected a character")),
    }
}

/// `int(x)`, `float(x)`, `list(x)`, … : the types called as functions.
pub fn call_type(it: &mut Interp, t: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let a = args.first().cloned();
    // Objects convert themselves: __int__, __float__, __str__ (through str()), __index__.
    if let Some(v @ Value::Object(_)) = &a {
        let dunder = match t {
            "int" => Some("__int__"),
            "float" => Some("__float__"),
            _ => None,
        };
        if let Some(d) = dunder {
            if let Some(r) = it.dunder(v, d, vec![])?.or(if t == "int" { it.dunder(v, "__index__", vec![])? } else { None }) {
                return Ok(r);
            }
        }
    }
    match t {
        "type" => call_type_type(it, args),
        "object" => {
            if !args.is_empty() {
                return Err(Diagnostic::new("TypeError", "object() takes no arguments"));
            }
            let obj = it.types.object.clone();
            Ok(Value::object(super::object::Instance::new(obj)))
        }
        "set" | "frozenset" => {
            let mut d = Dict::default();
            if let Some(v) = a {
                for x in it.iterate(&v)? {
                    let k = it.key_of(&x)?;
                    d.insert(x, k, Value::None);
                }
            }
            Ok(if t == "set" { Value::set(d) } else { Value::FrozenSet(Rc::new(d)) })
        }
        "property" => {
            let get = |i: usize, n: &str| arg(&args, &kw, i, n).unwrap_or(Value::None);
            Ok(Value::Property(Rc::new(super::object::Property { fget: get(0, "fget"), fset: get(1, "fset"), fdel: get(2, "fdel"), doc: get(3, "doc") })))
        }
        "staticmethod" => Ok(Value::StaticMethod(Rc::new(need(&args, &kw, 0, "function", "staticmethod")?))),
        "classmethod" => Ok(Value::ClassMethod(Rc::new(need(&args, &kw, 0, "function", "classmethod")?))),
        // np.ndarray(shape, dtype=float): a new array of that shape (numpy leaves it
        // uninitialized; Slope's is zeros); jax.Array(x) converts, as Slope's asarray.
        "ndarray" => super::numpy::call_native(it, false, "zeros", args, kw),
        "Array" => super::numpy::call_native(it, true, "asarray", args, kw),
        "complex" => Err(Diagnostic::new("NotImplementedError", "complex numbers are not supported in Slope yet").with_help("keep the real and imaginary parts as two floats (or two arrays)")),
        "bytes" => Err(Diagnostic::new("NotImplementedError", "bytes are not supported in Slope").with_help("use str for text, or a uint8 array for binary data")),
        "int" if args.len() == 2 => {
            // int(text, base)
            let (Some(Value::Str(s)), Some(Value::Int(b))) = (args.first(), args.get(1)) else {
                return Err(Diagnostic::new("TypeError", "int() can't convert non-string with explicit base"));
            };
            let t = s.trim().replace('_', "");
            let (neg, digits) = match t.strip_prefix('-') {
                Some(r) => (true, r.to_string()),
                None => (false, t.trim_start_matches('+').to_string()),
            };
            let digits = match *b {
                16 => digits.trim_start_matches("0x").trim_start_matches("0X").to_string(),
                2 => digits.trim_start_matches("0b").trim_start_matches("0B").to_string(),
                8 => digits.trim_start_matches("0o").trim_start_matches("0O").to_string(),
                _ => digits,
            };
            let v = i64::from_str_radix(&digits, *b as u32).map_err(|_| Diagnostic::new("ValueError", format!("invalid literal for int() with base {b}: {}", super::fmt::str_repr(s))))?;
            Ok(Value::Int(if neg { -v } else { v }))
        }
        "int" => Ok(Value::Int(match a {
            None => 0,
            Some(Value::Int(i)) => i,
            Some(Value::Bool(b)) => b as i64,
            Some(Value::Float(f)) => {
                if !f.is_finite() {
                    return Err(float_to_int_error(f));
                }
                if !(f.trunc() >= -(2f64.powi(63)) && f.trunc() < 2f64.powi(63)) {
                    return Err(Diagnostic::new("OverflowError", format!("int({}) does not fit Slope's 64-bit ints (Python's would be a big int)", super::fmt::float_repr(f)))
                        .with_help("keep the value as a float"));
                }
                f.trunc() as i64
            }
            Some(Value::Str(s)) => s.trim().replace('_', "").parse::<i64>().map_err(|_| {
                Diagnostic::new("ValueError", format!("invalid literal for int() with base 10: {}", super::fmt::str_repr(&s))).with_help("int() of a string needs digits only, like int('42')")
            })?,
            Some(Value::Array(arr)) => {
                let h = scalar_of(it, &arr, "int")?;
                let f = h.to_f64();
                if h.dtype().is_float() && !f.is_finite() {
                    return Err(float_to_int_error(f));
                }
                let v: Option<i64> = if h.dtype().is_float() { (f.trunc() >= -(2f64.powi(63)) && f.trunc() < 2f64.powi(63)).then(|| f.trunc() as i64) } else { h.to_i128().and_then(|v| i64::try_from(v).ok()) };
                v.ok_or_else(|| {
                    Diagnostic::new("OverflowError", format!("int() of {} {}: the value does not fit Slope's 64-bit ints", h.dtype(), super::fmt::float_repr(f)))
                        .with_help("keep the value in its array (numpy arrays of uint64 hold it exactly and print it in full), or use float(x)")
                })?
            }
            Some(other) => return Err(Diagnostic::new("TypeError", format!("int() argument must be a string or a number, not '{}'", other.type_name()))),
        })),
        "float" => Ok(Value::Float(match a {
            None => 0.0,
            Some(Value::Int(i)) => i as f64,
            Some(Value::Bool(b)) => b as u8 as f64,
            Some(Value::Float(f)) => f,
            Some(Value::Str(s)) => {
                let t = s.trim().to_lowercase();
                match t.as_str() {
                    "nan" => f64::NAN,
                    "inf" | "infinity" | "+inf" => f64::INFINITY,
                    "-inf" | "-infinity" => f64::NEG_INFINITY,
                    _ => t.parse::<f64>().map_err(|_| Diagnostic::new("ValueError", format!("could not convert string to float: {}", super::fmt::str_repr(&s))))?,
                }
            }
            Some(Value::Array(arr)) => scalar_of(it, &arr, "float")?.to_f64(),
            Some(other) => return Err(Diagnostic::new("TypeError", format!("float() argument must be a string or a number, not '{}'", other.type_name()))),
        })),
        "bool" => Ok(Value::Bool(match a {
            None => false,
            Some(v) => it.truthy(&v)?,
        })),
        "str" => Ok(Value::Str(match a {
            None => String::new(),
            Some(v) => it.to_str(&v)?,
        }.into())),
        "list" => Ok(Value::list(match a {
            None => vec![],
            Some(v) => it.iterate(&v)?,
        })),
        "tuple" => Ok(Value::tuple(match a {
            None => vec![],
            Some(v) => it.iterate(&v)?,
        })),
        "dict" => {
            let mut d = Dict::default();
            if let Some(v) = a.map(|v| super::object::base_value(&v)) {
                match v {
                    Value::Dict(src) => d = src.borrow().clone(),
                    Value::Object(_) if it.has_dunder(&v, "keys") => {
                        for (k, x) in it.mapping_items(&v)? {
                            let hk = it.key_of(&k)?;
                            d.insert(k, hk, x);
                        }
                    }
                    other => {
                        for pair in it.iterate(&other)? {
                            let kv = it.iterate(&pair)?;
                            if kv.len() != 2 {
                                return Err(Diagnostic::new("ValueError", "dictionary update sequence element has the wrong length; 2 is required"));
                            }
                            let k = it.key_of(&kv[0])?;
                            d.insert(kv[0].clone(), k, kv[1].clone());
                        }
                    }
                }
            }
            for (k, v) in kw {
                d.insert(Value::Str(k.clone()), Key::Str(k), v);
            }
            Ok(Value::dict(d))
        }
        "slice" => {
            let vals = match args.len() {
                1 => [Value::None, args[0].clone(), Value::None],
                2 => [args[0].clone(), args[1].clone(), Value::None],
                3 => [args[0].clone(), args[1].clone(), args[2].clone()],
                n => return Err(Diagnostic::new("TypeError", format!("slice expected at most 3 arguments, got {n}"))),
            };
            it.make_slice(vals)
        }
        other => Err(Diagnostic::new("TypeError", format!("cannot create '{other}' instances"))),
    }
}

fn scalar_of(it: &mut Interp, a: &Array, what: &str) -> Result<crate::array::Scalar> {
    if a.numel() != 1 {
        return Err(Diagnostic::new("TypeError", format!("only arrays of one element can be converted to Python scalars (shape {})", ops::shape_str(a.shape()))).with_help(format!("index one element first, e.g. {what}(x[0]), or reduce with x.sum()")));
    }
    Ok(it.force(a)?.get(0))
}

fn is_num(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as u8 as f64,
        _ => 0.0,
    }
}

fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

pub fn binop_prim(op: BinOp) -> Option<Prim> {
    Some(match op {
        BinOp::Add => Prim::Add,
        BinOp::Sub => Prim::Sub,
        BinOp::Mul => Prim::Mul,
        BinOp::Div => Prim::Div,
        BinOp::FloorDiv => Prim::Div,
        BinOp::Mod => Prim::Rem,
        BinOp::Pow => Prim::Pow,
        BinOp::BitAnd => Prim::And,
        BinOp::BitOr => Prim::Or,
        BinOp::BitXor => Prim::Xor,
        BinOp::MatMul | BinOp::LShift | BinOp::RShift => return None,
    })
}

fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::MatMul => "@",
        BinOp::BitAnd => "&",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
    }
}

impl Interp {
    /// Array floor division and modulo, `**` with integer exponents.
    pub(crate) fn array_binop(&mut self, op: BinOp, a: &Array, b: &Array) -> Result<Array> {
        if op == BinOp::MatMul {
            return self.matmul(a, b);
        }
        if op == BinOp::LShift {
            return self.shift(a, b, ops::Shift::Left, "left_shift");
        }
        if op == BinOp::RShift {
            return self.shift(a, b, ops::Shift::Right, "right_shift");
        }
        let prim = binop_prim(op).ok_or_else(|| Diagnostic::new("TypeError", format!("unsupported operand for arrays: {}", op_symbol(op))))?;
        if op == BinOp::Pow {
            if let Some(r) = self.pow_by_number(a, b)? {
                return Ok(r);
            }
        }
        if op == BinOp::FloorDiv {
            let (a2, b2, weak) = self.coerce2(a, b, "//")?;
            if a2.dtype().is_float() {
                let q = self.prim(Prim::Div, &[&a2, &b2])?;
                let jax = q.jax();
                let f = self.prim_jax(Prim::Floor, &[&q], jax)?;
                return Ok(f.with_flags(weak, jax));
            }
            // Integer floor division is the primitive's own meaning on ints.
            let (a2, b2) = if a2.dtype() == crate::array::DType::Bool {
                let i = ops::default_of(1, a2.jax());
                (self.cast(&a2, i)?, self.cast(&b2, i)?)
            } else {
                (a2, b2)
            };
            let jax = a2.jax() || b2.jax();
            return self.prim_flags(Prim::Div, &[&a2, &b2], weak, jax);
        }
        if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) {
            let d = ops::promote((a.dtype(), a.weak()), (b.dtype(), b.weak()), a.jax() || b.jax()).0;
            if d.is_float() {
                return Err(Diagnostic::new("TypeError", format!("ufunc 'bitwise_{}' not supported for float arrays", match op { BinOp::BitAnd => "and", BinOp::BitOr => "or", _ => "xor" }))
                    .with_help("use these operators on bool or int arrays, e.g. (x > 0) & (x < 1)"));
            }
        }
        self.binary(prim, a, b)
    }

    /// `a ** b` for a Python number `b` (a weak 0-d host array), as JAX lowers it: an integer
    /// gives `integer_pow`, 0.5 gives `sqrt`. numpy arrays of floats keep `pow` for integers
    /// other than -1, 0, 1 and 2, where numpy calls the C library's `pow`.
    fn pow_by_number(&mut self, a: &Array, b: &Array) -> Result<Option<Array>> {
        let number = match (b.weak() && b.ndim() == 0).then(|| b.try_host()).flatten() {
            Some(h) if a.dtype() != crate::array::DType::Bool => h.get(0),
            _ => return Ok(None),
        };
        let (float, jax, weak) = (a.dtype().is_float(), a.jax() || b.jax(), a.weak());
        let prim = match number {
            crate::array::Scalar::I32(_) | crate::array::Scalar::I64(_) => {
                let n = number.to_f64();
                let fits = n.abs() < 1e9 && (n >= 0.0 || float) && (a.jax() || !float || (-1.0..=2.0).contains(&n));
                if !fits {
                    return Ok(None);
                }
                Prim::IntegerPow { y: n as i32 }
            }
            crate::array::Scalar::F32(_) | crate::array::Scalar::F64(_) if float && number.to_f64() == 0.5 => Prim::Sqrt,
            _ => return Ok(None),
        };
        Ok(Some(self.prim_flags(prim, &[a], weak, jax)?))
    }

    pub fn binop(&mut self, op: BinOp, l: &Value, r: &Value) -> Result<Value> {
        // `int | str`, `Foo | None` (PEP 604): a `types.UnionType` (std/py/types.py), whose own
        // `__or__`/`__ror__` take it from there.
        if op == BinOp::BitOr && matches!(l, Value::Class(_) | Value::None) && matches!(r, Value::Class(_) | Value::None) && !(l.is_none() && r.is_none()) {
            let types = self.import("types")?;
            let union = self.getattr(&types, "UnionType")?;
            return self.call(&union, vec![Value::tuple(vec![l.clone(), r.clone()])], vec![]);
        }
        // Objects first: their dunder methods decide, as in Python (a subclass's reflected
        // method before the left operand's).
        if matches!(l, Value::Object(_)) || matches!(r, Value::Object(_)) {
            let (fwd, rev, _) = super::object::binop_dunders(op);
            let r_first = match (l, r) {
                (Value::Object(a), Value::Object(b)) => !Rc::ptr_eq(&a.class, &b.class) && b.class.is_subclass(&a.class) && b.class.defines(rev),
                _ => false,
            };
            if r_first {
                if let Some(v) = self.dunder(r, rev, vec![l.clone()])? {
                    if !matches!(v, Value::NotImplemented) {
                        return Ok(v);
                    }
                }
            }
            if let Some(v) = self.dunder(l, fwd, vec![r.clone()])? {
                if !matches!(v, Value::NotImplemented) {
                    return Ok(v);
                }
            }
            if !r_first {
                if let Some(v) = self.dunder(r, rev, vec![l.clone()])? {
                    if !matches!(v, Value::NotImplemented) {
                        return Ok(v);
                    }
                }
            }
            // A builtin left operand takes an instance of a subclass of its type as it takes the
            // type itself ("x" + MyStr("ab"), (0,) + point).
            if let (false, Value::Object(o)) = (matches!(l, Value::Object(_)), r) {
                if o.class.builtin_base().is_some() {
                    let base = super::object::base_value(r);
                    if !matches!(base, Value::Object(_)) {
                        return self.binop(op, l, &base).map_err(|_| unsupported(op, l, r));
                    }
                }
            }
            return Err(unsupported(op, l, r));
        }
        if let (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) = (l, r) {
            return self.set_binop(op, l, r);
        }
        // printf-style formatting takes arrays as values: "%.3f" % np.float64(x).
        if let (BinOp::Mod, Value::Str(s)) = (op, l) {
            return Ok(Value::Str(self.percent_format(s, r)?.into()));
        }
        // Arrays next.
        if matches!(l, Value::Array(_)) || matches!(r, Value::Array(_)) {
            let jax = matches!(l, Value::Array(a) if a.jax()) || matches!(r, Value::Array(a) if a.jax());
            let a = self.to_array(l, jax).map_err(|_| unsupported(op, l, r))?;
            let b = self.to_array(r, jax).map_err(|_| unsupported(op, l, r))?;
            return Ok(Value::Array(self.array_binop(op, &a, &b)?));
        }
        if is_num(l) && is_num(r) {
            if let (Some(a), Some(b)) = (as_i64(l), as_i64(r)) {
                let both_bool = matches!((l, r), (Value::Bool(_), Value::Bool(_)));
                return Ok(match op {
                    BinOp::Add => Value::Int(a.checked_add(b).ok_or_else(overflow)?),
                    BinOp::Sub => Value::Int(a.checked_sub(b).ok_or_else(overflow)?),
                    BinOp::Mul => Value::Int(a.checked_mul(b).ok_or_else(overflow)?),
                    BinOp::Div => {
                        if b == 0 {
                            return Err(zero_div("division"));
                        }
                        Value::Float(a as f64 / b as f64)
                    }
                    BinOp::FloorDiv => {
                        if b == 0 {
                            return Err(zero_div("integer division"));
                        }
                        Value::Int(a.div_euclid(b) - if (a.rem_euclid(b) != 0) && b < 0 { 1 } else { 0 })
                    }
                    BinOp::Mod => {
                        if b == 0 {
                            return Err(zero_div("integer modulo"));
                        }
                        let m = a % b;
                        Value::Int(if m != 0 && ((m < 0) != (b < 0)) { m + b } else { m })
                    }
                    BinOp::Pow => {
                        if b < 0 {
                            Value::Float((a as f64).powf(b as f64))
                        } else {
                            let mut acc: i64 = 1;
                            for _ in 0..b.min(64) {
                                acc = acc.checked_mul(a).ok_or_else(overflow)?;
                                if acc == 0 || acc == 1 && a == 1 {
                                    break;
                                }
                            }
                            if b > 64 && a.abs() > 1 {
                                return Err(overflow());
                            }
                            if a == -1 {
                                acc = if b % 2 == 0 { 1 } else { -1 };
                            }
                            Value::Int(acc)
                        }
                    }
                    BinOp::BitAnd if both_bool => Value::Bool(a & b != 0),
                    BinOp::BitOr if both_bool => Value::Bool(a | b != 0),
                    BinOp::BitXor if both_bool => Value::Bool(a ^ b != 0),
                    BinOp::BitAnd => Value::Int(a & b),
                    BinOp::BitOr => Value::Int(a | b),
                    BinOp::BitXor => Value::Int(a ^ b),
                    BinOp::LShift => Value::Int(a.checked_shl(b as u32).ok_or_else(overflow)?),
                    BinOp::RShift => Value::Int(a >> b.min(63)),
                    BinOp::MatMul => return Err(unsupported(op, l, r)),
                });
            }
            let (a, b) = (as_f64(l), as_f64(r));
            return Ok(Value::Float(match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => {
                    if b == 0.0 {
                        return Err(zero_div("float division"));
                    }
                    a / b
                }
                BinOp::FloorDiv => {
                    if b == 0.0 {
                        return Err(zero_div("float floor division"));
                    }
                    (a / b).floor()
                }
                BinOp::Mod => {
                    if b == 0.0 {
                        return Err(zero_div("float modulo"));
                    }
                    let m = a % b;
                    if m != 0.0 && ((m < 0.0) != (b < 0.0)) { m + b } else { m }
                }
                BinOp::Pow => {
                    if a == 0.0 && b < 0.0 {
                        return Err(zero_div("0.0 cannot be raised to a negative power"));
                    }
                    a.powf(b)
                }
                _ => return Err(unsupported(op, l, r)),
            }));
        }
        match (op, l, r) {
            (BinOp::Add, Value::Str(a), Value::Str(b)) => Ok(Value::Str(format!("{a}{b}").into())),
            (BinOp::Add, Value::List(a), Value::List(b)) => {
                let mut v = a.borrow().clone();
                v.extend(b.borrow().iter().cloned());
                Ok(Value::list(v))
            }
            (BinOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
                let mut v = a.as_ref().clone();
                v.extend(b.iter().cloned());
                Ok(Value::tuple(v))
            }
            (BinOp::Mul, Value::Str(s), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Str(s)) => {
                crate::limits::check(crate::limits::repeat_bytes(s.len(), *n, 1), || format!("a string of {} × {n} characters", s.chars().count()))?;
                Ok(Value::Str(s.repeat((*n).max(0) as usize).into()))
            }
            (BinOp::Mul, Value::List(a), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::List(a)) => {
                let src = a.borrow();
                crate::limits::check(crate::limits::repeat_bytes(src.len(), *n, std::mem::size_of::<Value>()), || format!("a list of {} × {n} items", src.len()))?;
                let mut v = Vec::new();
                for _ in 0..(*n).max(0) {
                    v.extend(src.iter().cloned());
                }
                Ok(Value::list(v))
            }
            (BinOp::Mul, Value::Tuple(a), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Tuple(a)) => {
                crate::limits::check(crate::limits::repeat_bytes(a.len(), *n, std::mem::size_of::<Value>()), || format!("a tuple of {} × {n} items", a.len()))?;
                let mut v = Vec::new();
                for _ in 0..(*n).max(0) {
                    v.extend(a.iter().cloned());
                }
                Ok(Value::tuple(v))
            }
            (BinOp::Mod, Value::Str(s), v) => Ok(Value::Str(self.percent_format(s, v)?.into())),
            _ => Err(unsupported(op, l, r)),
        }
    }

    pub(crate) fn unaryop(&mut self, op: UnaryOp, v: &Value) -> Result<Value> {
        if let (Value::Object(_), false) = (v, op == UnaryOp::Not) {
            let name = match op {
                UnaryOp::Neg => "__neg__",
                UnaryOp::Pos => "__pos__",
                _ => "__invert__",
            };
            if let Some(r) = self.dunder(v, name, vec![])? {
                return Ok(r);
            }
        }
        match (op, v) {
            (UnaryOp::Not, v) => Ok(Value::Bool(!self.truthy(v)?)),
            (UnaryOp::Neg, Value::Int(i)) => Ok(Value::Int(i.checked_neg().ok_or_else(overflow)?)),
            (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => Ok(v.clone()),
            (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (UnaryOp::Neg, Value::Array(a)) => Ok(Value::Array(self.unary(Prim::Neg, a)?)),
            (UnaryOp::Pos, Value::Array(a)) => Ok(Value::Array(a.clone())),
            (UnaryOp::Invert, Value::Array(a)) => {
                if a.dtype().is_float() {
                    return Err(Diagnostic::new("TypeError", "ufunc 'invert' not supported for float arrays").with_help("~ works on bool and int arrays; for floats use -x or 1 - x"));
                }
                Ok(Value::Array(self.unary(Prim::Not, a)?))
            }
            (op, v) => Err(Diagnostic::new("TypeError", format!("bad operand type for unary {}: '{}'", match op { UnaryOp::Neg => "-", UnaryOp::Pos => "+", UnaryOp::Invert => "~", UnaryOp::Not => "not" }, v.type_name()))),
        }
    }

    pub(crate) fn compare(&mut self, op: CmpOp, l: &Value, r: &Value) -> Result<Value> {
        if let (Some((fwd, rev)), true) = (super::object::cmp_dunders(op), matches!(l, Value::Object(_)) || matches!(r, Value::Object(_))) {
            let r_first = match (l, r) {
                (Value::Object(a), Value::Object(b)) => !Rc::ptr_eq(&a.class, &b.class) && b.class.is_subclass(&a.class) && b.class.defines(rev),
                _ => false,
            };
            let order: [(&Value, &str, &Value); 2] = if r_first { [(r, rev, l), (l, fwd, r)] } else { [(l, fwd, r), (r, rev, l)] };
            for (a, name, b) in order {
                if let Some(v) = self.dunder(a, name, vec![b.clone()])? {
                    if !matches!(v, Value::NotImplemented) {
                        return Ok(v);
                    }
                }
            }
            return match op {
                CmpOp::Eq => Ok(Value::Bool(super::object::identical(l, r))),
                CmpOp::NotEq => Ok(Value::Bool(!super::object::identical(l, r))),
                _ => Err(Diagnostic::new("TypeError", format!("'{}' not supported between instances of '{}' and '{}'", cmp_symbol(op), l.type_name(), r.type_name()))
                    .with_help(format!("define {fwd} in the class to compare its instances"))),
            };
        }
        if let (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_), Some(_)) = (l, r, super::object::cmp_dunders(op)) {
            return self.set_compare(op, l, r);
        }
        match op {
            CmpOp::Is | CmpOp::IsNot => {
                let same = super::object::identical(l, r);
                return Ok(Value::Bool(same == (op == CmpOp::Is)));
            }
            _ => {}
        }
        match op {
            CmpOp::In | CmpOp::NotIn => {
                let found = self.contains(r, l)?;
                return Ok(Value::Bool(found == (op == CmpOp::In)));
            }
            _ => {}
        }
        if matches!(l, Value::Array(_)) || matches!(r, Value::Array(_)) {
            let jax = matches!(l, Value::Array(a) if a.jax()) || matches!(r, Value::Array(a) if a.jax());
            let prim = match op {
                CmpOp::Eq => Prim::Eq,
                CmpOp::NotEq => Prim::Ne,
                CmpOp::Lt => Prim::Lt,
                CmpOp::LtE => Prim::Le,
                CmpOp::Gt => Prim::Gt,
                _ => Prim::Ge,
            };
            let a = self.to_array(l, jax)?;
            let b = self.to_array(r, jax)?;
            return Ok(Value::Array(self.binary(prim, &a, &b)?));
        }
        // Containers holding instances compare item by item through the items' own __eq__ and
        // __lt__, as Python does (the first unequal pair decides).
        if matches!((l, r), (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_))) && (holds_object(l, 8) || holds_object(r, 8)) {
            return self.compare_sequences(op, l, r);
        }
        if let (Value::Dict(a), Value::Dict(b), CmpOp::Eq | CmpOp::NotEq) = (l, r, op) {
            if holds_object(l, 8) || holds_object(r, 8) {
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                let mut same = a.len() == b.len();
                for (k, v) in &a.entries {
                    if !same {
                        break;
                    }
                    same = match b.get(&self.key_of(k)?) {
                        Some(w) if super::object::identical(v, w) => true,
                        Some(w) => {
                            let e = self.compare(CmpOp::Eq, v, w)?;
                            self.truthy(&e)?
                        }
                        None => false,
                    };
                }
                return Ok(Value::Bool(same == (op == CmpOp::Eq)));
            }
        }
        let ord = self.py_cmp(l, r);
        Ok(Value::Bool(match op {
            CmpOp::Eq => ord == Some(std::cmp::Ordering::Equal),
            CmpOp::NotEq => ord != Some(std::cmp::Ordering::Equal),
            _ => {
                let o = ord.ok_or_else(|| {
                    Diagnostic::new("TypeError", format!("'{}' not supported between instances of '{}' and '{}'", match op { CmpOp::Lt => "<", CmpOp::LtE => "<=", CmpOp::Gt => ">", _ => ">=" }, l.type_name(), r.type_name()))
                })?;
                if matches!((l, r), (Value::Float(a), _) if a.is_nan()) || matches!((l, r), (_, Value::Float(b)) if b.is_nan()) {
                    false
                } else {
                    match op {
                        CmpOp::Lt => o.is_lt(),
                        CmpOp::LtE => o.is_le(),
                        CmpOp::Gt => o.is_gt(),
                        _ => o.is_ge(),
                    }
                }
            }
        }))
    }

    /// `l op r` for two lists or two tuples, Python's way: skip the equal prefix (identity, then
    /// `==`), then compare the first unequal items, or the lengths.
    fn compare_sequences(&mut self, op: CmpOp, l: &Value, r: &Value) -> Result<Value> {
        let (a, b) = (self.iterate(l)?, self.iterate(r)?);
        for (x, y) in a.iter().zip(b.iter()) {
            if super::object::identical(x, y) {
                continue;
            }
            let eq = self.compare(CmpOp::Eq, x, y)?;
            if self.truthy(&eq)? {
                continue;
            }
            return match op {
                CmpOp::Eq => Ok(Value::Bool(false)),
                CmpOp::NotEq => Ok(Value::Bool(true)),
                _ => self.compare(op, x, y),
            };
        }
        let (n, m) = (a.len(), b.len());
        Ok(Value::Bool(match op {
            CmpOp::Eq => n == m,
            CmpOp::NotEq => n != m,
            CmpOp::Lt => n < m,
            CmpOp::LtE => n <= m,
            CmpOp::Gt => n > m,
            _ => n >= m,
        }))
    }

    /// Python ordering of plain values (None when they are not comparable).
    fn py_cmp(&mut self, l: &Value, r: &Value) -> Option<std::cmp::Ordering> {
        use std::cmp::Ordering;
        if is_num(l) && is_num(r) {
            if let (Some(a), Some(b)) = (as_i64(l), as_i64(r)) {
                return Some(a.cmp(&b));
            }
            let (a, b) = (as_f64(l), as_f64(r));
            return Some(a.partial_cmp(&b).unwrap_or(Ordering::Less));
        }
        match (l, r) {
            (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
            (Value::None, Value::None) => Some(Ordering::Equal),
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let a = self.iterate(l).ok()?;
                let b = self.iterate(r).ok()?;
                for (x, y) in a.iter().zip(b.iter()) {
                    match self.py_cmp(x, y)? {
                        Ordering::Equal => {}
                        o => return Some(o),
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            (Value::Dict(a), Value::Dict(b)) => {
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                if a.len() != b.len() {
                    return Some(Ordering::Less);
                }
                for (k, v) in &a.entries {
                    let w = b.get(&self.key_of(&k).ok()?)?;
                    if self.py_cmp(v, w)? != Ordering::Equal {
                        return Some(Ordering::Less);
                    }
                }
                Some(Ordering::Equal)
            }
            (Value::DType(a, _, _), Value::DType(b, _, _)) => Some(if a == b { Ordering::Equal } else { Ordering::Less }),
            (Value::DType(a, _, _), Value::Str(s)) | (Value::Str(s), Value::DType(a, _, _)) => Some(if a.name() == s.as_ref() { Ordering::Equal } else { Ordering::Less }),
            // numpy compares a dtype with Python's int/float/bool as with np.dtype(int), ...
            (Value::DType(a, _, _), Value::Class(c)) | (Value::Class(c), Value::DType(a, _, _)) if c.builtin => {
                let d = match c.name.as_ref() {
                    "int" => Some(crate::array::DType::I64),
                    "float" => Some(crate::array::DType::F64),
                    "bool" => Some(crate::array::DType::Bool),
                    _ => None,
                };
                Some(if d == Some(*a) { Ordering::Equal } else { Ordering::Less })
            }
            (Value::Class(a), Value::Class(b)) => Some(if Rc::ptr_eq(a, b) { Ordering::Equal } else { Ordering::Less }),
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let (a, b) = (self.iterate(l).ok()?, self.iterate(r).ok()?);
                let bk: Vec<Key> = b.iter().filter_map(|x| x.key().ok()).collect();
                Some(if a.len() == b.len() && a.iter().all(|x| x.key().map(|k| bk.contains(&k)).unwrap_or(false)) { Ordering::Equal } else { Ordering::Less })
            }
            (Value::Func(_) | Value::Builtin(_) | Value::Generator(_) | Value::Module(_) | Value::BoundMethod(_), _) => Some(if super::object::identical(l, r) { Ordering::Equal } else { Ordering::Less }),            (Value::TreeDef(a), Value::TreeDef(b)) => Some(if a == b { Ordering::Equal } else { Ordering::Less }),
            _ => None,
        }
    }

    /// `obj.name`.
    /// The (key, value) pairs of a mapping that is not a dict: `m[k]` for each `k` of
    /// `m.keys()` (what `dict(m)` and `d.update(m)` read).
    pub(crate) fn mapping_items(&mut self, m: &Value) -> Result<Vec<(Value, Value)>> {
        let keys = self.getattr(m, "keys")?;
        let keys = self.call(&keys, vec![], vec![])?;
        let mut out = Vec::new();
        for k in self.iterate(&keys)? {
            let v = self.getitem(m, &k)?;
            out.push((k, v));
        }
        Ok(out)
    }

    pub fn getattr(&mut self, obj: &Value, name: &str) -> Result<Value> {
        if name == "__class__" && !matches!(obj, Value::Object(_) | Value::Super(_)) {
            return Ok(Value::Class(self.class_of(obj)));
        }
        match obj {
            Value::Object(o) => return self.getattr_object(o, name),
            Value::Class(c) => return self.getattr_class(c, name),
            Value::Super(s) => return self.getattr_super(&s.0.clone(), &s.1.clone(), name),
            Value::BoundMethod(m) => {
                return match name {
                    "__self__" => Ok(m.0.clone()),
                    "__func__" => Ok(m.1.clone()),
                    _ => self.getattr(&m.1.clone(), name),
                }
            }
            Value::Property(p) => {
                return match name {
                    "setter" | "getter" | "deleter" => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                    "fget" => Ok(p.fget.clone()),
                    "fset" => Ok(p.fset.clone()),
                    "__doc__" => Ok(p.doc.clone()),
                    _ => Err(Diagnostic::new("AttributeError", format!("'property' object has no attribute '{name}'"))),
                }
            }
            Value::StaticMethod(f) | Value::ClassMethod(f) if name == "__func__" => return Ok((**f).clone()),
            Value::TreeDef(t) => {
                return match name {
                    "num_leaves" => Ok(Value::Int(t.num_leaves() as i64)),
                    "num_nodes" => Ok(Value::Int(t.num_nodes() as i64)),
                    "children" | "unflatten" | "flatten_up_to" => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                    _ => Err(Diagnostic::new("AttributeError", format!("'PyTreeDef' object has no attribute '{name}'")).with_help("a PyTreeDef has num_leaves, num_nodes, children(), unflatten(leaves) and flatten_up_to(tree)")),
                }
            }
            Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
                let int = !matches!(obj, Value::Float(_));
                return match name {
                    "real" | "numerator" if int => Ok(Value::Int(as_i64(obj).unwrap_or(0))),
                    "real" => Ok(obj.clone()),
                    "imag" => Ok(if int { Value::Int(0) } else { Value::Float(0.0) }),
                    "denominator" if int => Ok(Value::Int(1)),
                    "bit_length" | "bit_count" | "to_bytes" if int => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                    "conjugate" | "as_integer_ratio" | "__index__" => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                    "is_integer" | "hex" if !int => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                    _ => Err(self.no_attribute(obj, name)),
                };
            }
            Value::Set(_) | Value::FrozenSet(_) => {
                let ok = super::object::SET_METHODS.contains(&name) && (matches!(obj, Value::Set(_)) || ["copy", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset", "isdisjoint"].contains(&name));
                return if ok { Ok(Value::Method(Rc::new((obj.clone(), name.into())))) } else { Err(self.no_attribute(obj, name)) };
            }
            Value::Generator(g) => {
                return match name {
                    "send" | "close" | "throw" | "__next__" | "__iter__" => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                    "__name__" => Ok(Value::Str(g.name.clone())),
                    _ => Err(Diagnostic::new("AttributeError", format!("'generator' object has no attribute '{name}'"))),
                }
            }
            Value::Iter(_) if name == "__next__" || name == "__iter__" => return Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
            Value::Range(a, b, s) if matches!(name, "start" | "stop" | "step") => return Ok(Value::Int(match name { "start" => *a, "stop" => *b, _ => *s })),
            Value::Slice(p) if matches!(name, "start" | "stop" | "step") => {
                let k = match name { "start" => 0, "stop" => 1, _ => 2 };
                return Ok(p[k].map(Value::Int).unwrap_or(Value::None));
            }
            Value::ObjSlice(p) if matches!(name, "start" | "stop" | "step") => return Ok(p[match name { "start" => 0, "stop" => 1, _ => 2 }].clone()),
            Value::Slice(_) | Value::ObjSlice(_) if name == "indices" => return Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
            _ => {}
        }
        if name == "__class__" {
            return Ok(Value::Class(self.class_of(obj)));
        }
        match obj {
            Value::Module(m) => {
                if let Some(v) = m.get(name) {
                    return Ok(v);
                }
                // A submodule, e.g. `np.linalg` or `jax.random`.
                let full = format!("{}.{}", m.name, name);
                if let Ok(v) = self.import(&full) {
                    return Ok(v);
                }
                let names: Vec<String> = m.attrs.borrow().keys().filter(|k| !k.starts_with('_')).map(|k| k.to_string()).collect();
                let mut d = Diagnostic::new("AttributeError", format!("module '{}' has no attribute '{name}'", m.name));
                const MISSING_DTYPES: &[&str] = &["complex64", "complex128", "complex_", "csingle", "cdouble", "clongdouble", "longdouble", "float128", "bfloat16"];
                if matches!(m.name.as_ref(), "numpy" | "jax.numpy") && MISSING_DTYPES.contains(&name) {
                    return Err(d.with_help(format!(
                        "Slope's arrays have the dtypes bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32 and float64; {name} is not supported yet"
                    )));
                }
                if matches!(m.name.as_ref(), "numpy" | "jax.numpy") && matches!(name, "datetime64" | "timedelta64" | "busday_count" | "datetime_as_string" | "busdaycalendar" | "is_busday") {
                    return Err(d.with_help("Slope has no datetime64/timedelta64: keep times as int64 counts of a unit (e.g. days or seconds since an epoch)"));
                }
                if matches!(m.name.as_ref(), "numpy" | "jax.numpy") && matches!(name, "recarray" | "rec" | "record" | "void") {
                    return Err(d.with_help("Slope has no structured or record arrays: keep each field in an array of its own (a dict of arrays)"));
                }
                if let Some(b) = super::closest(name, names.iter().map(|s| s.as_str())) {
                    d = d.with_help(format!("did you mean '{}.{b}'?", m.name));
                } else {
                    d = d.with_help(format!("see dir({}) or `{}?` for what it holds", m.name, m.name));
                }
                Err(d)
            }
            Value::Array(a) => self.array_attr(a, name),
            Value::Exception(d) => match name {
                "args" => Ok(Value::tuple(exception_args(d))),
                "value" if d.kind.as_ref() == "StopIteration" => Ok(Value::None),
                "code" if d.kind.as_ref() == "SystemExit" => Ok(Value::Int(d.message.parse().unwrap_or(0))),
                _ => Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}'", d.kind))),
            },
            Value::At(at) => match (name, &at.1) {
                ("set" | "add" | "multiply" | "mul" | "min" | "max" | "get", Some(_)) => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                _ => Err(Diagnostic::new("AttributeError", format!("'_IndexUpdateRef' object has no attribute '{name}'")).with_help("use x.at[idx].set(v), .add(v), .multiply(v), .min(v) or .max(v)")),
            },
            Value::DType(d, _, _) => match name {
                "name" | "__name__" => Ok(Value::str(d.name())),
                // x.dtype.type: the scalar type (np.float32).
                // (JAX's dtypes are numpy's: jnp_array.dtype.type is numpy.float32.)
                "type" => Ok(Value::DType(*d, false, true)),
                "itemsize" => Ok(Value::Int(d.size_bytes() as i64)),
                "kind" => Ok(Value::str(if *d == crate::array::DType::Bool { "b" } else if d.is_unsigned() { "u" } else if d.is_int() { "i" } else { "f" })),
                _ => Err(Diagnostic::new("AttributeError", format!("'dtype' object has no attribute '{name}'"))),
            },
            Value::Func(f) if f.attrs.borrow().as_ref().is_some_and(|a| a.contains(name)) => Ok(f.attrs.borrow().as_ref().and_then(|a| a.get(name).cloned()).unwrap_or(Value::None)),
            Value::Func(f) => match name {
                "__name__" | "__qualname__" => Ok(Value::Str(f.def.name.to_string().into())),
                "__dict__" => {
                    let mut d = Dict::default();
                    if let Some(a) = f.attrs.borrow().as_ref() {
                        for (k, v) in a.iter() {
                            d.insert(Value::Str(k.clone()), Key::Str(k.clone()), v.clone());
                        }
                    }
                    Ok(Value::dict(d))
                }
                "__defaults__" => {
                    let d: Vec<Value> = f.defaults.iter().flatten().cloned().collect();
                    Ok(if d.is_empty() { Value::None } else { Value::tuple(d) })
                }
                "__doc__" => Ok(f.def.doc.clone().map(Value::Str).unwrap_or(Value::None)),
                "__module__" => Ok(Value::str("__main__")),
                "__wrapped__" => Err(Diagnostic::new("AttributeError", "'function' object has no attribute '__wrapped__'")),
                _ => Err(Diagnostic::new("AttributeError", format!("'function' object has no attribute '{name}'"))),
            },
            Value::Builtin(b) => match name {
                "__name__" | "__qualname__" => Ok(Value::Str(b.name.rsplit('.').next().unwrap_or(&b.name).into())),
                "__doc__" => Ok(Value::str(b.doc)),
                "reduce" | "accumulate" | "outer" | "at" | "reduceat" if super::numpy::is_ufunc(b) => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                "nin" if super::numpy::is_ufunc(b) => Ok(Value::Int(super::numpy::ufunc_nin(b))),
                "nout" if super::numpy::is_ufunc(b) => Ok(Value::Int(1)),
                "nargs" if super::numpy::is_ufunc(b) => Ok(Value::Int(super::numpy::ufunc_nin(b) + 1)),
                // numpy's identities: the value a reduction over no elements starts from.
                "identity" if super::numpy::is_ufunc(b) => Ok(match b.name.rsplit('.').next().unwrap_or(&b.name) {
                    "add" | "bitwise_or" | "bitwise_xor" | "hypot" | "gcd" => Value::Int(0),
                    "multiply" => Value::Int(1),
                    "bitwise_and" => Value::Int(-1),
                    "logical_and" => Value::Bool(true),
                    "logical_or" | "logical_xor" => Value::Bool(false),
                    "logaddexp" | "logaddexp2" => Value::Float(f64::NEG_INFINITY),
                    _ => Value::None,
                }),
                _ if super::numpy::is_ufunc(b) => {
                    let mut d = Diagnostic::new("AttributeError", format!("'numpy.ufunc' object has no attribute '{name}'"));
                    if let Some(c) = super::closest(name, ["reduce", "accumulate", "outer", "at", "reduceat", "nin", "nout", "nargs", "identity", "__name__"].into_iter()) {
                        d = d.with_help(format!("did you mean '{c}'?"));
                    }
                    Err(d)
                }
                _ => Err(Diagnostic::new("AttributeError", format!("'builtin_function_or_method' object has no attribute '{name}'"))),
            },
            Value::Transformed(t) => match name {
                "__name__" => Ok(Value::Str(t.name.clone())),
                "defvjp" | "defjvp" | "defjvps" | "trace" => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                _ => Err(Diagnostic::new("AttributeError", format!("'function' object has no attribute '{name}'"))),
            },
            Value::List(_) | Value::Dict(_) | Value::Str(_) | Value::Tuple(_) => {
                let ok = match obj {
                    Value::List(_) => super::object::LIST_METHODS.contains(&name),
                    Value::Dict(_) => super::object::DICT_METHODS.contains(&name),
                    Value::Tuple(_) => super::object::TUPLE_METHODS.contains(&name),
                    _ => super::object::STR_METHODS.contains(&name),
                };
                if ok {
                    Ok(Value::Method(Rc::new((obj.clone(), name.into()))))
                } else {
                    Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}'", obj.type_name())))
                }
            }
            other => Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}'", other.type_name()))),
        }
    }

    /// Call `recv.name(args)`.
    pub fn call_method(&mut self, recv: &Value, name: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        match recv {
            Value::Array(a) => self.array_method(a, name, args, kw),
            // `slice.indices(length)`: (start, stop, step) resolved against a sequence's length.
            Value::Slice(p) if name == "indices" => {
                let n = match args.first() {
                    Some(v) => self.index_int(v)?,
                    None => return Err(Diagnostic::new("TypeError", "slice.indices() takes exactly one argument (0 given)")),
                };
                if n < 0 {
                    return Err(Diagnostic::new("ValueError", "length should not be negative"));
                }
                let step = p[2].unwrap_or(1);
                if step == 0 {
                    return Err(Diagnostic::new("ValueError", "slice step cannot be zero"));
                }
                let clamp = |v: Option<i64>, dflt: i64| -> i64 {
                    match v {
                        None => dflt,
                        Some(i) if i < 0 => (i + n).max(if step < 0 { -1 } else { 0 }),
                        Some(i) => i.min(if step < 0 { n - 1 } else { n }),
                    }
                };
                let (start, stop) = if step > 0 { (clamp(p[0], 0), clamp(p[1], n)) } else { (clamp(p[0], n - 1), clamp(p[1], -1)) };
                Ok(Value::tuple(vec![Value::Int(start), Value::Int(stop), Value::Int(step)]))
            }
            Value::ObjSlice(_) if name == "indices" => Err(super::obj_slice_error()),
            // A ufunc's methods (`np.add.reduce`, ...) are written in Slope: `_ufunc_reduce(np.add, ...)`.
            Value::Builtin(b) if super::numpy::is_ufunc(b) => {
                let np = self.import(if b.jax { "jax.numpy" } else { "numpy" })?;
                let f = self.getattr(&np, &format!("_ufunc_{name}"))?;
                let mut all = vec![recv.clone()];
                all.extend(args);
                self.call(&f, all, kw)
            }
            Value::At(at) => {
                let (a, idx) = (&at.0, at.1.clone().unwrap_or(Value::None));
                // JAX's out-of-bounds modes: gathers clamp ('clip', 'promise_in_bounds', the
                // default) or fill ('fill'); scatters drop ('drop', the default) or clamp.
                let mode = match kw.iter().find(|(k, _)| k.as_ref() == "mode").map(|(_, v)| v.clone()) {
                    None | Some(Value::None) => None,
                    Some(Value::Str(m)) if matches!(m.as_ref(), "clip" | "fill" | "drop" | "promise_in_bounds") => Some(m),
                    Some(other) => {
                        return Err(Diagnostic::new("ValueError", format!("Invalid mode: {}", self.repr(&other)?))
                            .with_help("mode is one of 'clip', 'fill', 'drop' or 'promise_in_bounds'"))
                    }
                };
                if name == "get" {
                    check_kw(&kw, &["mode", "fill_value", "indices_are_sorted", "unique_indices"], "get")?;
                    if mode.as_deref() == Some("fill") || mode.as_deref() == Some("drop") {
                        let fill = match kw.iter().find(|(k, _)| k.as_ref() == "fill_value").map(|(_, v)| v.clone()) {
                            Some(v) if !matches!(v, Value::None) => {
                                let f = self.to_array(&v, a.jax())?;
                                self.force(&f)?.get(0)
                            }
                            // JAX's default fill: NaN for floats, the minimum for signed ints.
                            _ if a.dtype().is_float() => crate::array::Scalar::F64(f64::NAN),
                            _ if a.dtype() == crate::array::DType::Bool => crate::array::Scalar::Bool(true),
                            _ if a.dtype() == crate::array::DType::I32 => crate::array::Scalar::I64(i32::MIN as i64),
                            _ => crate::array::Scalar::I64(i64::MIN),
                        };
                        return Ok(Value::Array(self.gather_fill(a, &idx, fill)?));
                    }
                    return Ok(Value::Array(self.index_array(a, &idx)?));
                }
                check_kw(&kw, &["values", "mode", "indices_are_sorted", "unique_indices"], name)?;
                let v = need(&args, &kw, 0, "values", name)?;
                let va = self.to_array(&v, a.jax())?;
                let how = match name {
                    "set" => ops::Update::Set,
                    "add" => ops::Update::Add,
                    "min" => ops::Update::Min,
                    "max" => ops::Update::Max,
                    _ => ops::Update::Mul,
                };
                let clip = matches!(mode.as_deref(), Some("clip" | "promise_in_bounds"));
                Ok(Value::Array(self.update_jax(a, &idx, &va, how, clip)?))
            }
            Value::List(l) => {
                let l = l.clone();
                if !matches!(name, "index" | "count" | "copy") {
                    self.journal_list(&l);
                }
                match name {
                    "append" => {
                        l.borrow_mut().push(need(&args, &kw, 0, "object", "append")?);
                        Ok(Value::None)
                    }
                    "extend" => {
                        let items = self.iterate(&need(&args, &kw, 0, "iterable", "extend")?)?;
                        l.borrow_mut().extend(items);
                        Ok(Value::None)
                    }
                    "pop" => {
                        let n = l.borrow().len() as i64;
                        if n == 0 {
                            return Err(Diagnostic::new("IndexError", "pop from empty list"));
                        }
                        let i = match args.first() {
                            Some(v) => self.index_int(v)?,
                            None => -1,
                        };
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(Diagnostic::new("IndexError", "pop index out of range"));
                        }
                        Ok(l.borrow_mut().remove(j as usize))
                    }
                    "insert" => {
                        let i = self.index_int(&need(&args, &kw, 0, "index", "insert")?)?;
                        let v = need(&args, &kw, 1, "object", "insert")?;
                        let n = l.borrow().len() as i64;
                        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
                        l.borrow_mut().insert(j as usize, v);
                        Ok(Value::None)
                    }
                    "index" | "count" | "remove" => {
                        let x = need(&args, &kw, 0, "value", name)?;
                        let items = l.borrow().clone();
                        let mut hits = Vec::new();
                        for (i, y) in items.iter().enumerate() {
                            let e = self.compare(CmpOp::Eq, &x, y)?;
                            if self.truthy(&e)? {
                                hits.push(i);
                            }
                        }
                        match name {
                            "count" => Ok(Value::Int(hits.len() as i64)),
                            _ => {
                                let Some(&i) = hits.first() else {
                                    return Err(Diagnostic::new("ValueError", format!("{} is not in list", self.repr(&x)?)));
                                };
                                if name == "index" {
                                    Ok(Value::Int(i as i64))
                                } else {
                                    l.borrow_mut().remove(i);
                                    Ok(Value::None)
                                }
                            }
                        }
                    }
                    "copy" => Ok(Value::list(l.borrow().clone())),
                    "clear" => {
                        l.borrow_mut().clear();
                        Ok(Value::None)
                    }
                    "reverse" => {
                        l.borrow_mut().reverse();
                        Ok(Value::None)
                    }
                    "sort" => {
                        let items = l.borrow().clone();
                        let key = arg(&[], &kw, 9, "key").filter(|k| !k.is_none());
                        let rev = match arg(&[], &kw, 9, "reverse") {
                            Some(r) => self.truthy(&r)?,
                            None => false,
                        };
                        let sorted = sort_values(self, items, key, rev)?;
                        *l.borrow_mut() = sorted;
                        Ok(Value::None)
                    }
                    _ => Err(Diagnostic::new("AttributeError", format!("'list' object has no attribute '{name}'"))),
                }
            }
            Value::Tuple(t) => {
                let x = need(&args, &kw, 0, "value", name)?;
                let mut hits = Vec::new();
                for (i, y) in t.iter().enumerate() {
                    let e = self.compare(CmpOp::Eq, &x, y)?;
                    if self.truthy(&e)? {
                        hits.push(i);
                    }
                }
                if name == "count" {
                    return Ok(Value::Int(hits.len() as i64));
                }
                hits.first().map(|&i| Value::Int(i as i64)).ok_or_else(|| Diagnostic::new("ValueError", "tuple.index(x): x not in tuple"))
            }
            Value::Dict(d) => {
                let d = d.clone();
                if matches!(name, "setdefault" | "pop" | "popitem" | "update" | "clear") {
                    self.journal_dict(&d);
                }
                match name {
                    "popitem" => {
                        let last = d.borrow().entries.last().cloned();
                        match last {
                            Some((k, v)) => {
                                d.borrow_mut().remove(&self.key_of(&k)?);
                                Ok(Value::tuple(vec![k, v]))
                            }
                            None => Err(Diagnostic::new("KeyError", "'popitem(): dictionary is empty'")),
                        }
                    }
                    "fromkeys" => {
                        let f = self.getattr_class(&self.types.get("dict"), "fromkeys")?;
                        self.call(&f, args, kw)
                    }
                    "keys" => Ok(Value::list(d.borrow().entries.iter().map(|(k, _)| k.clone()).collect())),
                    "values" => Ok(Value::list(d.borrow().entries.iter().map(|(_, v)| v.clone()).collect())),
                    "items" => Ok(Value::list(d.borrow().entries.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect())),
                    "get" => {
                        let k = need(&args, &kw, 0, "key", "get")?.key()?;
                        Ok(d.borrow().get(&k).cloned().unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
                    }
                    "setdefault" => {
                        let kv = need(&args, &kw, 0, "key", "setdefault")?;
                        let k = self.key_of(&kv)?;
                        if let Some(v) = d.borrow().get(&k) {
                            return Ok(v.clone());
                        }
                        let v = args.get(1).cloned().unwrap_or(Value::None);
                        d.borrow_mut().insert(kv, k, v.clone());
                        Ok(v)
                    }
                    "pop" => {
                        let kv = need(&args, &kw, 0, "key", "pop")?;
                        let k = self.key_of(&kv)?;
                        let r = d.borrow_mut().remove(&k);
                        match r {
                            Some(v) => Ok(v),
                            None => args.get(1).cloned().ok_or_else(|| Diagnostic::new("KeyError", self.repr(&kv).unwrap_or_default())),
                        }
                    }
                    "update" => {
                        match args.first().map(super::object::base_value) {
                            Some(Value::Dict(o)) => {
                                let entries = o.borrow().entries.clone();
                                for (k, v) in entries {
                                    let hk = self.key_of(&k)?;
                                    d.borrow_mut().insert(k, hk, v);
                                }
                            }
                            Some(other @ Value::Object(_)) if self.has_dunder(&other, "keys") => {
                                for (k, x) in self.mapping_items(&other)? {
                                    let hk = self.key_of(&k)?;
                                    d.borrow_mut().insert(k, hk, x);
                                }
                            }
                            Some(other) => {
                                for pair in self.iterate(&other)? {
                                    let kv = self.iterate(&pair)?;
                                    if kv.len() != 2 {
                                        return Err(Diagnostic::new("ValueError", "dictionary update sequence element has the wrong length; 2 is required"));
                                    }
                                    let k = self.key_of(&kv[0])?;
                                    d.borrow_mut().insert(kv[0].clone(), k, kv[1].clone());
                                }
                            }
                            None => {}
                        }
                        for (k, v) in kw {
                            d.borrow_mut().insert(Value::Str(k.clone()), Key::Str(k), v);
                        }
                        Ok(Value::None)
                    }
                    "copy" => Ok(Value::dict(d.borrow().clone())),
                    "clear" => {
                        *d.borrow_mut() = Dict::default();
                        Ok(Value::None)
                    }
                    _ => Err(Diagnostic::new("AttributeError", format!("'dict' object has no attribute '{name}'"))),
                }
            }
            Value::Str(s) => self.str_method(s, name, args, kw),
            Value::Set(_) | Value::FrozenSet(_) => self.set_method(recv, name, args),
            Value::TreeDef(t) => match name {
                "children" => Ok(Value::list(t.children().into_iter().map(|c| Value::TreeDef(Rc::new(c))).collect())),
                "flatten_up_to" => {
                    let mut out = Vec::new();
                    super::pytree::flatten_up_to(self, &t.clone(), args.first().unwrap_or(&Value::None), &mut out)?;
                    Ok(Value::list(out))
                }
                _ => {
                    let leaves = self.iterate(args.first().unwrap_or(&Value::None))?;
                    super::pytree::unflatten(self, &t.clone(), &mut leaves.into_iter())
                }
            },
            Value::Int(_) | Value::Bool(_) => {
                let i = as_i64(recv).unwrap_or(0);
                match name {
                    "bit_length" => Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64)),
                    "bit_count" => Ok(Value::Int(i.unsigned_abs().count_ones() as i64)),
                    "as_integer_ratio" => Ok(Value::tuple(vec![Value::Int(i), Value::Int(1)])),
                    "conjugate" | "__index__" => Ok(Value::Int(i)),
                    _ => Err(Diagnostic::new("NotImplementedError", format!("int.{name} is not supported in Slope")).with_help("Slope has no bytes; keep the int")),
                }
            }
            Value::Float(f) => {
                let f = *f;
                match name {
                    "is_integer" => Ok(Value::Bool(f.is_finite() && f.fract() == 0.0)),
                    "conjugate" => Ok(Value::Float(f)),
                    "as_integer_ratio" => {
                        if !f.is_finite() {
                            return Err(Diagnostic::new(if f.is_nan() { "ValueError" } else { "OverflowError" }, format!("cannot convert {} to integer ratio", super::fmt::float_repr(f))));
                        }
                        // f = m * 2^e exactly, with m an odd integer (or 0).
                        if f == 0.0 {
                            return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
                        }
                        let bits = f.abs().to_bits();
                        let exp = ((bits >> 52) & 0x7ff) as i64;
                        let mut m = (bits & ((1 << 52) - 1)) as i64 | if exp > 0 { 1 << 52 } else { 0 };
                        let mut e = if exp > 0 { exp - 1075 } else { -1074 };
                        while m % 2 == 0 && e < 0 {
                            m /= 2;
                            e += 1;
                        }
                        let sign = if f < 0.0 { -1 } else { 1 };
                        if e >= 0 {
                            let num = (m as i128) << e;
                            if num > i64::MAX as i128 {
                                return Err(overflow());
                            }
                            Ok(Value::tuple(vec![Value::Int(sign * num as i64), Value::Int(1)]))
                        } else if -e > 62 {
                            Err(overflow())
                        } else {
                            Ok(Value::tuple(vec![Value::Int(sign * m), Value::Int(1i64 << -e)]))
                        }
                    }
                    _ => Ok(Value::Str(float_hex(f).into())),
                }
            }
            Value::Generator(g) => match name {
                "send" => match self.gen_resume(g, args.first().cloned().unwrap_or(Value::None))? {
                    super::iter::Step::Yielded(v) => Ok(v),
                    super::iter::Step::Returned(_) => Err(super::iter::stop_iteration()),
                },
                "__next__" => self.next_item(recv)?.ok_or_else(super::iter::stop_iteration),
                "__iter__" => Ok(recv.clone()),
                "close" => {
                    self.gen_close(g)?;
                    Ok(Value::None)
                }
                _ => {
                    let e = args.first().cloned().unwrap_or(Value::None);
                    let d = self.to_raise(e)?;
                    match self.gen_throw(g, d)? {
                        super::iter::Step::Yielded(v) => Ok(v),
                        super::iter::Step::Returned(_) => Err(super::iter::stop_iteration()),
                    }
                }
            },
            Value::Iter(_) => match name {
                "__next__" => self.next_item(recv)?.ok_or_else(super::iter::stop_iteration),
                _ => Ok(recv.clone()),
            },
            Value::Property(p) => {
                let f = args.first().cloned().unwrap_or(Value::None);
                let (mut g, mut s, mut d) = (p.fget.clone(), p.fset.clone(), p.fdel.clone());
                match name {
                    "setter" => s = f,
                    "getter" => g = f,
                    _ => d = f,
                }
                Ok(Value::Property(Rc::new(super::object::Property { fget: g, fset: s, fdel: d, doc: p.doc.clone() })))
            }
            Value::Transformed(t) => {
                let t = t.clone();
                self.transformed_method(&t, name, args)
            }
            other => Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}'", other.type_name()))),
        }
    }

    fn str_method(&mut self, s: &str, name: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
        let sarg = |i: usize| -> Option<String> {
            match args.get(i) {
                Some(Value::Str(x)) => Some(x.to_string()),
                _ => None,
            }
        };
        Ok(match name {
            "join" => {
                let items = self.iterate(args.first().unwrap_or(&Value::None))?;
                let mut parts = Vec::new();
                for it in items {
                    match it {
                        Value::Str(x) => parts.push(x.to_string()),
                        other => return Err(Diagnostic::new("TypeError", format!("sequence item: expected str instance, {} found", other.type_name())).with_help("convert items with str(...) first, e.g. ', '.join(str(x) for x in xs)")),
                    }
                }
                Value::Str(parts.join(s).into())
            }
            "split" => {
                let sep = match arg(&args, &kw, 0, "sep") {
                    Some(Value::Str(x)) => Some(x.to_string()),
                    _ => None,
                };
                if sep.as_deref() == Some("") {
                    return Err(Diagnostic::new("ValueError", "empty separator"));
                }
                let max = match arg(&args, &kw, 1, "maxsplit") {
                    Some(Value::Int(n)) if n >= 0 => Some(n as usize),
                    _ => None,
                };
                let parts: Vec<Value> = match (sep, max) {
                    (Some(sep), Some(m)) => s.splitn(m + 1, sep.as_str()).map(|p| Value::Str(p.into())).collect(),
                    (Some(sep), None) => s.split(sep.as_str()).map(|p| Value::Str(p.into())).collect(),
                    (None, Some(m)) => {
                        let mut out = Vec::new();
                        let mut rest = s.trim_start();
                        while !rest.is_empty() {
                            if out.len() == m {
                                out.push(Value::Str(rest.into()));
                                break;
                            }
                            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                            out.push(Value::Str(rest[..end].into()));
                            rest = rest[end..].trim_start();
                        }
                        out
                    }
                    (None, None) => s.split_whitespace().map(|p| Value::Str(p.into())).collect(),
                };
                Value::list(parts)
            }
            "splitlines" => Value::list(s.lines().map(|p| Value::Str(p.into())).collect()),
            "upper" => Value::Str(s.to_uppercase().into()),
            "lower" => Value::Str(s.to_lowercase().into()),
            "title" => Value::Str(s.split(' ').map(|w| { let mut c = w.chars(); match c.next() { Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(), None => String::new() } }).collect::<Vec<_>>().join(" ").into()),
            "capitalize" => Value::Str({ let mut c = s.chars(); match c.next() { Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(), None => String::new() } }.into()),
            "strip" => Value::Str(match sarg(0) { Some(c) => s.trim_matches(|x| c.contains(x)).into(), None => s.trim().into() }),
            "lstrip" => Value::Str(match sarg(0) { Some(c) => s.trim_start_matches(|x| c.contains(x)).into(), None => s.trim_start().into() }),
            "rstrip" => Value::Str(match sarg(0) { Some(c) => s.trim_end_matches(|x| c.contains(x)).into(), None => s.trim_end().into() }),
            "replace" => Value::Str(s.replace(sarg(0).unwrap_or_default().as_str(), sarg(1).unwrap_or_default().as_str()).into()),
            "startswith" | "endswith" => {
                // A str or a tuple of them.
                let cands: Vec<String> = match args.first() {
                    Some(Value::Str(x)) => vec![x.to_string()],
                    Some(Value::Tuple(t)) => t.iter().filter_map(|v| if let Value::Str(x) = v { Some(x.to_string()) } else { None }).collect(),
                    _ => return Err(Diagnostic::new("TypeError", format!("{name} first arg must be str or a tuple of str"))),
                };
                Value::Bool(cands.iter().any(|c| if name == "startswith" { s.starts_with(c.as_str()) } else { s.ends_with(c.as_str()) }))
            }
            "find" | "index" | "rfind" | "rindex" | "count" => {
                let sub = sarg(0).unwrap_or_default();
                // start and end count characters, negative ones from the end, as slices do.
                let chars: Vec<char> = s.chars().collect();
                let n = chars.len() as i64;
                let bound = |v: Option<&Value>, dflt: i64| -> i64 {
                    match v {
                        Some(Value::Int(i)) => (if *i < 0 { i + n } else { *i }).clamp(0, n),
                        _ => dflt,
                    }
                };
                let (lo, hi) = (bound(args.get(1), 0), bound(args.get(2), n));
                // A start past the end finds nothing (even the empty string).
                let past = matches!(args.get(1), Some(Value::Int(i)) if *i > n);
                let (lo, hi) = if past { (1, 0) } else { (lo, hi) };
                let hay: String = if lo < hi { chars[lo as usize..hi as usize].iter().collect() } else { String::new() };
                let at = |byte: usize| lo + hay[..byte].chars().count() as i64;
                match name {
                    "count" => Value::Int(if lo > hi { 0 } else if sub.is_empty() { hi - lo + 1 } else { hay.matches(sub.as_str()).count() as i64 }),
                    "find" | "index" => match (lo <= hi).then(|| hay.find(sub.as_str())).flatten() {
                        Some(i) => Value::Int(at(i)),
                        None if name == "find" => Value::Int(-1),
                        None => return Err(Diagnostic::new("ValueError", "substring not found")),
                    },
                    _ => match (lo <= hi).then(|| hay.rfind(sub.as_str())).flatten() {
                        Some(i) => Value::Int(at(i)),
                        None if name == "rfind" => Value::Int(-1),
                        None => return Err(Diagnostic::new("ValueError", "substring not found")),
                    },
                }
            }
            "isdigit" | "isdecimal" | "isnumeric" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
            "isalpha" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_alphabetic())),
            "isalnum" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_alphanumeric())),
            "isspace" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_whitespace())),
            "islower" => Value::Bool(s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase())),
            "isupper" => Value::Bool(s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())),
            "istitle" => Value::Bool(s.chars().any(|c| c.is_alphabetic()) && s == s.split(' ').map(|w| { let mut c = w.chars(); match c.next() { Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(), None => String::new() } }).collect::<Vec<_>>().join(" ")),
            "isidentifier" => Value::Bool(s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') && s.chars().all(|c| c.is_alphanumeric() || c == '_')),
            "swapcase" => Value::Str(s.chars().map(|c| if c.is_uppercase() { c.to_lowercase().collect::<String>() } else { c.to_uppercase().collect::<String>() }).collect::<String>().into()),
            "casefold" => Value::Str(s.to_lowercase().into()),
            "removeprefix" => Value::Str(s.strip_prefix(sarg(0).unwrap_or_default().as_str()).unwrap_or(s).into()),
            "removesuffix" => Value::Str(s.strip_suffix(sarg(0).unwrap_or_default().as_str()).unwrap_or(s).into()),
            "expandtabs" => Value::Str(s.replace('\t', &" ".repeat(match args.first() { Some(Value::Int(n)) => *n as usize, _ => 8 })).into()),
            "translate" => {
                let table = args.first().cloned().unwrap_or(Value::None);
                let mut out = String::with_capacity(s.len());
                for c in s.chars() {
                    let found = match &table {
                        Value::Dict(d) => d.borrow().get(&Value::Int(c as i64).key()?).cloned(),
                        _ => match self.getitem(&table, &Value::Int(c as i64)) {
                            Ok(v) => Some(v),
                            Err(e) if matches!(e.kind.as_ref(), "LookupError" | "KeyError" | "IndexError") => None,
                            Err(e) => return Err(e),
                        },
                    };
                    match found {
                        None => out.push(c),
                        Some(Value::None) => {}
                        Some(Value::Int(n)) => out.push(char::from_u32(n as u32).ok_or_else(|| Diagnostic::new("ValueError", format!("character mapping must be in range(0x110000), got {n}")))?),
                        Some(Value::Str(t)) => out.push_str(&t),
                        Some(_) => return Err(Diagnostic::new("TypeError", "character mapping must return integer, None or str")),
                    }
                }
                Value::Str(out.into())
            }
            "partition" | "rpartition" => {
                let sep = sarg(0).unwrap_or_default();
                if sep.is_empty() {
                    return Err(Diagnostic::new("ValueError", "empty separator"));
                }
                let found = if name == "partition" { s.find(sep.as_str()) } else { s.rfind(sep.as_str()) };
                let parts = match found {
                    Some(k) => [&s[..k], sep.as_str(), &s[k + sep.len()..]],
                    None if name == "partition" => [s, "", ""],
                    None => ["", "", s],
                };
                Value::tuple(parts.iter().map(|p| Value::Str((*p).into())).collect())
            }
            "rsplit" => {
                let max = match args.get(1) { Some(Value::Int(n)) => *n, _ => match kw.iter().find(|(k, _)| k.as_ref() == "maxsplit") { Some((_, Value::Int(n))) => *n, _ => -1 } };
                let mut parts: Vec<Value> = match sarg(0) {
                    Some(sep) if max >= 0 => s.rsplitn(max as usize + 1, sep.as_str()).map(|p| Value::Str(p.into())).collect(),
                    Some(sep) => s.rsplit(sep.as_str()).map(|p| Value::Str(p.into())).collect(),
                    None => s.split_whitespace().rev().map(|p| Value::Str(p.into())).collect(),
                };
                parts.reverse();
                Value::list(parts)
            }

            "format_map" => {
                let m = args.first().cloned().unwrap_or(Value::None);
                let mut kw2 = Vec::new();
                if let Value::Dict(d) = &m {
                    for (k, v) in d.borrow().entries.iter() {
                        if let Value::Str(k) = k {
                            kw2.push((k.clone(), v.clone()));
                        }
                    }
                }
                Value::Str(self.str_format(s, &[], &kw2)?.into())
            }
            "encode" => return Err(Diagnostic::new("NotImplementedError", "bytes are not supported in Slope").with_help("keep text as str")),
            "ljust" | "rjust" | "center" | "zfill" => {
                let w = match args.first() {
                    Some(Value::Int(w)) => (*w).max(0) as usize,
                    _ => 0,
                };
                crate::limits::check(w as u128 * 4, || format!("a string of width {w}"))?;
                let fill = sarg(1).and_then(|f| f.chars().next()).unwrap_or(if name == "zfill" { '0' } else { ' ' });
                let n = s.chars().count();
                let pad = w.saturating_sub(n);
                let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
                Value::Str(match name {
                    "ljust" => format!("{s}{}", f(pad)),
                    "rjust" => format!("{}{s}", f(pad)),
                    "zfill" => {
                        if let Some(rest) = s.strip_prefix('-') {
                            format!("-{}{rest}", f(pad))
                        } else {
                            format!("{}{s}", f(pad))
                        }
                    }
                    _ => {
                        // CPython: the extra space goes left when both pad and width are odd.
                        let left = pad / 2 + (pad & w & 1);
                        format!("{}{s}{}", f(left), f(pad - left))
                    }
                }.into())
            }
            "format" => Value::Str(self.str_format(s, &args, &kw)?.into()),
            _ => return Err(Diagnostic::new("AttributeError", format!("'str' object has no attribute '{name}'"))),
        })
    }

    /// `"{} {:.2f} {name}".format(...)`.
    fn str_format(&mut self, s: &str, args: &[Value], kw: &Kwargs) -> Result<String> {
        let mut out = String::new();
        let mut auto = 0;
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' {
                if chars.get(i + 1) == Some(&'{') {
                    out.push('{');
                    i += 2;
                    continue;
                }
                let end = chars[i..].iter().position(|&c| c == '}').map(|p| p + i).ok_or_else(|| Diagnostic::new("ValueError", "Single '{' encountered in format string"))?;
                let field: String = chars[i + 1..end].iter().collect();
                let (name, spec) = match field.find(':') {
                    Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
                    None => (field.clone(), String::new()),
                };
                let (name, conv) = match name.find('!') {
                    Some(p) => (name[..p].to_string(), name[p + 1..].chars().next()),
                    None => (name, None),
                };
                let v = if name.is_empty() {
                    auto += 1;
                    args.get(auto - 1).cloned()
                } else if let Ok(k) = name.parse::<usize>() {
                    args.get(k).cloned()
                } else {
                    kw.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.clone())
                }
                .ok_or_else(|| Diagnostic::new("IndexError", format!("Replacement index {name} out of range for positional args tuple")))?;
                out.push_str(&match conv {
                    Some('r') => self.repr(&v)?,
                    Some('s') => self.to_str(&v)?,
                    _ => self.format_value(&v, &spec)?,
                });
                i = end + 1;
            } else if c == '}' && chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
            } else {
                out.push(c);
                i += 1;
            }
        }
        Ok(out)
    }

    /// printf-style formatting: `"%-8s %5.2f %(key)d" % args`.
    fn percent_format(&mut self, s: &str, args: &Value) -> Result<String> {
        let (positional, mapping) = match args {
            Value::Tuple(t) => (t.as_ref().clone(), None),
            Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
            other => (vec![other.clone()], None),
        };
        let mut next = positional.into_iter();
        let mut out = String::new();
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        let bad = || Diagnostic::new("ValueError", "incomplete format").with_help("a % in a format string needs a conversion like %s, %d or %.2f; write %% for a literal %");
        while i < chars.len() {
            if chars[i] != '%' {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            i += 1;
            let v = if chars.get(i) == Some(&'(') {
                let end = chars[i..].iter().position(|&c| c == ')').ok_or_else(bad)? + i;
                let key: String = chars[i + 1..end].iter().collect();
                i = end + 1;
                let m = mapping.clone().ok_or_else(|| Diagnostic::new("TypeError", "format requires a mapping"))?;
                Some(self.getitem(&m, &Value::Str(key.into()))?)
            } else {
                None
            };
            let mut flags = String::new();
            while let Some(&c) = chars.get(i).filter(|c| "-+ 0#".contains(**c)) {
                flags.push(c);
                i += 1;
            }
            let mut width = String::new();
            while let Some(&c) = chars.get(i).filter(|c| c.is_ascii_digit() || **c == '*') {
                width.push(c);
                i += 1;
            }
            let mut prec = String::new();
            if chars.get(i) == Some(&'.') {
                prec.push('.');
                i += 1;
                while let Some(&c) = chars.get(i).filter(|c| c.is_ascii_digit()) {
                    prec.push(c);
                    i += 1;
                }
            }
            let conv = *chars.get(i).ok_or_else(bad)?;
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let v = match v {
                Some(v) => v,
                None => next.next().ok_or_else(|| Diagnostic::new("TypeError", "not enough arguments for format string"))?,
            };
            let align = if flags.contains('-') { "<" } else { ">" };
            let sign = if flags.contains('+') { "+" } else if flags.contains(' ') { " " } else { "" };
            let zero = if flags.contains('0') && !flags.contains('-') { "0" } else { "" };
            let alt = if flags.contains('#') { "#" } else { "" };
            let text = match conv {
                's' | 'r' | 'a' => {
                    let t = if conv == 's' { self.to_str(&v)? } else { self.repr(&v)? };
                    let t: String = match prec.strip_prefix('.') {
                        Some(p) => t.chars().take(p.parse().unwrap_or(0)).collect(),
                        None => t,
                    };
                    self.format_value(&Value::Str(t.into()), &format!("{align}{width}"))?
                }
                'c' => match &v {
                    Value::Int(c) => char::from_u32(*c as u32).map(|c| c.to_string()).unwrap_or_default(),
                    other => self.to_str(other)?,
                },
                'd' | 'i' | 'u' => {
                    let n = match &v {
                        Value::Float(f) => Value::Int(f.trunc() as i64),
                        other => other.clone(),
                    };
                    // Numbers align right by default, where the 0 flag pads with zeros.
                    let align = if flags.contains('-') { "<" } else { "" };
                    self.format_value(&n, &format!("{align}{sign}{zero}{width}d"))?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' => {
                    let prec = if prec.is_empty() && "fFeE".contains(conv) { ".6".to_string() } else { prec.clone() };
                    let (alt, prec) = if "xXo".contains(conv) { (alt, String::new()) } else { ("", prec) };
                    let align = if flags.contains('-') { "<" } else { "" };
                    self.format_value(&v, &format!("{align}{sign}{alt}{zero}{width}{prec}{conv}"))?
                }
                other => return Err(Diagnostic::new("ValueError", format!("unsupported format character '{other}'"))),
            };
            out.push_str(&text);
        }
        if mapping.is_none() && next.next().is_some() {
            return Err(Diagnostic::new("TypeError", "not all arguments converted during string formatting"));
        }
        Ok(out)
    }
}

fn overflow() -> Diagnostic {
    Diagnostic::new("OverflowError", "integer result too large for Slope's 64-bit ints").with_help("use floats for very large numbers")
}

fn zero_div(what: &str) -> Diagnostic {
    Diagnostic::new("ZeroDivisionError", format!("{what} by zero")).with_help("check the divisor is not zero before dividing")
}

fn unsupported(op: BinOp, l: &Value, r: &Value) -> Diagnostic {
    let mut d = Diagnostic::new("TypeError", format!("unsupported operand type(s) for {}: '{}' and '{}'", op_symbol(op), l.type_name(), r.type_name()));
    if matches!((l, r), (Value::Str(_), Value::Int(_) | Value::Float(_)) | (Value::Int(_) | Value::Float(_), Value::Str(_))) {
        d = d.with_help("convert with str(x) to join text, or float(s) to do arithmetic");
    }
    d
}

fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

/// The keys of a set or frozenset, in order.
fn set_keys(v: &Value) -> Vec<Value> {
    match v {
        Value::Set(d) => d.borrow().entries.iter().map(|(k, _)| k.clone()).collect(),
        Value::FrozenSet(d) => d.entries.iter().map(|(k, _)| k.clone()).collect(),
        _ => vec![],
    }
}

fn set_of(items: impl IntoIterator<Item = Value>, frozen: bool) -> Result<Value> {
    let mut d = Dict::default();
    for x in items {
        let k = x.key()?;
        d.insert(x, k, Value::None);
    }
    Ok(if frozen { Value::FrozenSet(Rc::new(d)) } else { Value::set(d) })
}

impl Interp {
    /// `len(v)`.
    pub(crate) fn len_of(&mut self, v: &Value) -> Result<usize> {
        Ok(match v {
            Value::Str(s) => s.chars().count(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) | Value::Set(d) => d.borrow().len(),
            Value::FrozenSet(d) => d.len(),
            Value::Range(a, b, s) => {
                if (*s > 0 && a < b) || (*s < 0 && a > b) {
                    ((b - a).abs() + s.abs() - 1) as usize / s.unsigned_abs() as usize
                } else {
                    0
                }
            }
            Value::Array(a) => {
                if a.ndim() == 0 {
                    return Err(Diagnostic::new("TypeError", "len() of unsized object (a 0-d array)").with_help("a 0-d array has no length; use x.size"));
                }
                a.shape()[0]
            }
            Value::Class(c) if c.meta_method("__len__").is_some() => {
                let f = c.meta_method("__len__").unwrap_or(Value::None);
                let n = self.call(&f, vec![v.clone()], vec![])?;
                self.index_int(&n)?.max(0) as usize
            }
            Value::Object(o) => match self.dunder(v, "__len__", vec![])? {
                Some(n) => {
                    let n = self.index_int(&n)?;
                    if n < 0 {
                        return Err(Diagnostic::new("ValueError", "__len__() should return >= 0"));
                    }
                    n as usize
                }
                None => return Err(Diagnostic::new("TypeError", format!("object of type '{}' has no len()", o.class.name)).with_help("define __len__ in the class to give its instances a length")),
            },
            other => return Err(Diagnostic::new("TypeError", format!("object of type '{}' has no len()", other.type_name()))),
        })
    }

    /// `item in container`.
    pub(crate) fn contains(&mut self, container: &Value, item: &Value) -> Result<bool> {
        Ok(match container {
            Value::Dict(d) | Value::Set(d) => match self.key_of(&item) {
                Ok(k) => d.borrow().get(&k).is_some(),
                Err(_) => false,
            },
            Value::FrozenSet(d) => match self.key_of(&item) {
                Ok(k) => d.get(&k).is_some(),
                Err(_) => false,
            },
            Value::Str(s) => match item {
                Value::Str(sub) => s.contains(sub.as_ref()),
                _ => return Err(Diagnostic::new("TypeError", "'in <string>' requires string as left operand")),
            },
            Value::Range(a, b, s) => match item {
                Value::Int(i) => ((*s > 0 && i >= a && i < b) || (*s < 0 && i <= a && i > b)) && (i - a) % s == 0,
                _ => false,
            },
            Value::Class(c) if c.meta_method("__contains__").is_some() => {
                let f = c.meta_method("__contains__").unwrap_or(Value::None);
                let r = self.call(&f, vec![container.clone(), item.clone()], vec![])?;
                self.truthy(&r)?
            }
            Value::Object(_) if self.has_dunder(container, "__contains__") => {
                let r = self.dunder(container, "__contains__", vec![item.clone()])?.unwrap_or(Value::Bool(false));
                self.truthy(&r)?
            }
            other => {
                let it = self.get_iter(other)?;
                while let Some(x) = self.next_item(&it)? {
                    if super::object::identical(&x, item) {
                        return Ok(true);
                    }
                    let e = self.compare(CmpOp::Eq, item, &x)?;
                    if self.truthy(&e)? {
                        return Ok(true);
                    }
                }
                false
            }
        })
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets.
    fn set_binop(&mut self, op: BinOp, l: &Value, r: &Value) -> Result<Value> {
        let (a, b) = (set_keys(l), set_keys(r));
        let frozen = matches!(l, Value::FrozenSet(_));
        let bk: FxHashSet<Key> = b.iter().filter_map(|x| x.key().ok()).collect();
        let ak: FxHashSet<Key> = a.iter().filter_map(|x| x.key().ok()).collect();
        let items: Vec<Value> = match op {
            BinOp::BitOr => a.into_iter().chain(b).collect(),
            BinOp::BitAnd => a.into_iter().filter(|x| x.key().map(|k| bk.contains(&k)).unwrap_or(false)).collect(),
            BinOp::Sub => a.into_iter().filter(|x| x.key().map(|k| !bk.contains(&k)).unwrap_or(true)).collect(),
            BinOp::BitXor => {
                let mut v: Vec<Value> = a.into_iter().filter(|x| x.key().map(|k| !bk.contains(&k)).unwrap_or(true)).collect();
                v.extend(b.into_iter().filter(|x| x.key().map(|k| !ak.contains(&k)).unwrap_or(true)));
                v
            }
            _ => return Err(unsupported(op, l, r)),
        };
        set_of(items, frozen)
    }

    /// Subset comparisons of sets (`<=` is issubset).
    fn set_compare(&mut self, op: CmpOp, l: &Value, r: &Value) -> Result<Value> {
        let ak: FxHashSet<Key> = set_keys(l).iter().filter_map(|x| x.key().ok()).collect();
        let bk: FxHashSet<Key> = set_keys(r).iter().filter_map(|x| x.key().ok()).collect();
        let sub = ak.is_subset(&bk);
        let sup = bk.is_subset(&ak);
        Ok(Value::Bool(match op {
            CmpOp::Eq => sub && sup,
            CmpOp::NotEq => !(sub && sup),
            CmpOp::LtE => sub,
            CmpOp::Lt => sub && !sup,
            CmpOp::GtE => sup,
            CmpOp::Gt => sup && !sub,
            _ => false,
        }))
    }

    /// The methods of sets and frozensets.
    fn set_method(&mut self, recv: &Value, name: &str, args: Vec<Value>) -> Result<Value> {
        let frozen = matches!(recv, Value::FrozenSet(_));
        let others = || args.clone();
        let as_set = |it: &mut Interp, v: &Value| -> Result<Value> {
            match v {
                Value::Set(_) | Value::FrozenSet(_) => Ok(v.clone()),
                other => {
                    let items = it.iterate(other)?;
                    set_of(items, true)
                }
            }
        };
        match name {
            "union" | "intersection" | "difference" | "symmetric_difference" => {
                let op = match name {
                    "union" => BinOp::BitOr,
                    "intersection" => BinOp::BitAnd,
                    "difference" => BinOp::Sub,
                    _ => BinOp::BitXor,
                };
                let mut acc = if frozen { recv.clone() } else { set_of(set_keys(recv), false)? };
                for o in others() {
                    let o = as_set(self, &o)?;
                    acc = self.set_binop(op, &acc, &o)?;
                }
                Ok(acc)
            }
            "issubset" | "issuperset" | "isdisjoint" => {
                let o = as_set(self, args.first().unwrap_or(&Value::None))?;
                match name {
                    "issubset" => self.set_compare(CmpOp::LtE, recv, &o),
                    "issuperset" => self.set_compare(CmpOp::GtE, recv, &o),
                    _ => {
                        let i = self.set_binop(BinOp::BitAnd, recv, &o)?;
                        Ok(Value::Bool(set_keys(&i).is_empty()))
                    }
                }
            }
            "copy" => set_of(set_keys(recv), frozen),
            _ => {
                let Value::Set(d) = recv else {
                    return Err(Diagnostic::new("AttributeError", format!("'frozenset' object has no attribute '{name}'")));
                };
                let d = d.clone();
                self.journal_dict(&d);
                match name {
                    "add" => {
                        let x = args.first().cloned().unwrap_or(Value::None);
                        let k = self.key_of(&x)?;
                        d.borrow_mut().insert(x, k, Value::None);
                        Ok(Value::None)
                    }
                    "remove" | "discard" => {
                        let x = args.first().cloned().unwrap_or(Value::None);
                        let k = self.key_of(&x)?;
                        if d.borrow_mut().remove(&k).is_none() && name == "remove" {
                            return Err(Diagnostic::new("KeyError", self.repr(&x)?));
                        }
                        Ok(Value::None)
                    }
                    "pop" => {
                        let first = d.borrow().entries.first().cloned();
                        match first {
                            Some((k, _)) => {
                                d.borrow_mut().remove(&self.key_of(&k)?);
                                Ok(k)
                            }
                            None => Err(Diagnostic::new("KeyError", "'pop from an empty set'")),
                        }
                    }
                    "clear" => {
                        *d.borrow_mut() = Dict::default();
                        Ok(Value::None)
                    }
                    "update" | "intersection_update" | "difference_update" | "symmetric_difference_update" => {
                        let op = match name {
                            "update" => BinOp::BitOr,
                            "intersection_update" => BinOp::BitAnd,
                            "difference_update" => BinOp::Sub,
                            _ => BinOp::BitXor,
                        };
                        let mut acc = set_of(set_keys(recv), false)?;
                        for o in others() {
                            let o = as_set(self, &o)?;
                            acc = self.set_binop(op, &acc, &o)?;
                        }
                        if let Value::Set(n) = acc {
                            *d.borrow_mut() = n.borrow().clone();
                        }
                        Ok(Value::None)
                    }
                    _ => Err(Diagnostic::new("AttributeError", format!("'set' object has no attribute '{name}'"))),
                }
            }
        }
    }
}

/// `float.hex()`: `0x1.8000000000000p+1` for 3.0.
fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let man = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    format!("{sign}0x{lead}.{man:013x}p{}{}", if e < 0 { "-" } else { "+" }, e.abs())
}

/// Whether a list, tuple or dict holds an instance of a class (looking `depth` levels deep).
fn holds_object(v: &Value, depth: usize) -> bool {
    if depth == 0 {
        return false;
    }
    match v {
        Value::Object(_) => true,
        Value::List(l) => l.borrow().iter().any(|x| holds_object(x, depth - 1)),
        Value::Tuple(t) => t.iter().any(|x| holds_object(x, depth - 1)),
        Value::Dict(d) => d.borrow().entries.iter().any(|(_, x)| holds_object(x, depth - 1)),
        _ => false,
    }
}


/// The `args` of an exception raised natively: its message, except that a `KeyError`'s message
/// is the repr of the missing key (as Python's `str(e)` is), so its argument is the key itself.
pub(crate) fn exception_args(d: &Diagnostic) -> Vec<Value> {
    if d.message.is_empty() {
        return vec![];
    }
    if d.kind.as_ref() == "KeyError" {
        let m = d.message.as_str();
        let quoted = m.len() >= 2 && ((m.starts_with('\'') && m.ends_with('\'')) || (m.starts_with('"') && m.ends_with('"')));
        if quoted && !m[1..m.len() - 1].contains('\\') {
            return vec![Value::str(&m[1..m.len() - 1])];
        }
        if let Ok(i) = m.parse::<i64>() {
            return vec![Value::Int(i)];
        }
    }
    vec![Value::Str(d.message.clone().into())]
}

/// Python's error for `int()` of a float that is not finite: NaN is a ValueError, an infinity
/// an OverflowError.
fn float_to_int_error(f: f64) -> Diagnostic {
    if f.is_nan() {
        Diagnostic::new("ValueError", "cannot convert float NaN to integer")
    } else {
        Diagnostic::new("OverflowError", "cannot convert float infinity to integer").with_help("keep the value as a float, or check it with math.isinf first")
    }
}

/// `str.maketrans(x[, y[, z]])`: the table `str.translate` reads (code points to code points,
/// strings or None), built as CPython builds it.
pub(crate) fn str_maketrans(it: &mut Interp, args: &[Value]) -> Result<Value> {
    let mut d = Dict::default();
    let put = |d: &mut Dict, k: Value, v: Value| -> Result<()> {
        let hk = k.key()?;
        d.insert(k, hk, v);
        Ok(())
    };
    match args {
        [Value::Dict(m)] => {
            let entries: Vec<(Value, Value)> = m.borrow().entries.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            for (k, v) in entries {
                let k = match &k {
                    Value::Int(_) => k,
                    Value::Str(t) if t.chars().count() == 1 => Value::Int(t.chars().next().unwrap_or('\0') as i64),
                    _ => return Err(Diagnostic::new("ValueError", "string keys in translate table must be of length 1")),
                };
                put(&mut d, k, v)?;
            }
        }
        [_] => return Err(Diagnostic::new("TypeError", "if you give only one argument to maketrans it must be a dict")),
        [x, y, rest @ ..] if rest.len() <= 1 => {
            let (Value::Str(x), Value::Str(y)) = (x, y) else {
                return Err(Diagnostic::new("TypeError", "maketrans() arguments must be strings"));
            };
            if x.chars().count() != y.chars().count() {
                return Err(Diagnostic::new("ValueError", "the first two maketrans arguments must have equal length"));
            }
            for (a, b) in x.chars().zip(y.chars()) {
                put(&mut d, Value::Int(a as i64), Value::Int(b as i64))?;
            }
            if let Some(z) = rest.first() {
                let Value::Str(z) = z else {
                    return Err(Diagnostic::new("TypeError", "maketrans() argument 3 must be str"));
                };
                for c in z.chars() {
                    put(&mut d, Value::Int(c as i64), Value::None)?;
                }
            }
        }
        _ => return Err(Diagnostic::new("TypeError", format!("maketrans() takes 1 to 3 arguments ({} given)", args.len()))),
    }
    let _ = it;
    Ok(Value::dict(d))
}

/// CPython's error for keyword arguments to a builtin that takes none (`len(obj=x)`).
fn no_kw(kw: &Kwargs, name: &str) -> Result<()> {
    match kw.first() {
        None => Ok(()),
        Some(_) => Err(Diagnostic::new("TypeError", format!("{name}() takes no keyword arguments")).with_help(format!("pass {name}'s arguments by position"))),
    }
}

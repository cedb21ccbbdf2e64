//! Python's builtins and the operators on Python values: `print len range …`, `+ - * …` on
//! numbers, strings, lists and tuples (arrays go to `ops`), attribute access and methods of
//! lists, dicts and strings.

use super::args::{arg, check_kw, int_arg, need};
use super::array::Array;
use super::ops;
use super::value::*;
use super::{Interp, StreamKind};
use crate::diag::{Diagnostic, Result};
use crate::prim::Prim;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use std::cell::RefCell;
use std::rc::Rc;

const EXCEPTIONS: &[&str] = &[
    "BaseException", "Exception", "ValueError", "TypeError", "IndexError", "KeyError", "NameError", "ZeroDivisionError",
    "AssertionError", "AttributeError", "RuntimeError", "NotImplementedError", "ImportError", "ModuleNotFoundError",
    "RecursionError", "MemoryError", "ArithmeticError", "LookupError", "OverflowError", "StopIteration", "KeyboardInterrupt",
    "FloatingPointError",
];

pub fn builtin(name: &str, f: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin { name: name.into(), f, jax: false, doc: "" }))
}

/// Put the builtins into the root scope.
pub fn install(scope: &Scope) {
    let fns: &[(&str, NativeFn)] = &[
        ("print", b_print), ("len", b_len), ("range", b_range), ("enumerate", b_enumerate), ("zip", b_zip),
        ("min", b_min), ("max", b_max), ("sum", b_sum), ("abs", b_abs), ("round", b_round), ("sorted", b_sorted),
        ("reversed", b_reversed), ("isinstance", b_isinstance), ("map", b_map), ("filter", b_filter), ("any", b_any),
        ("all", b_all), ("repr", b_repr), ("divmod", b_divmod), ("pow", b_pow), ("hasattr", b_hasattr), ("getattr", b_getattr),
        ("callable", b_callable), ("type", b_type), ("id", b_id), ("hash", b_hash), ("iter", b_list), ("chr", b_chr), ("ord", b_ord),
    ];
    for (n, f) in fns {
        scope.set((*n).into(), builtin(n, *f));
    }
    for t in ["int", "float", "bool", "str", "list", "tuple", "dict", "slice", "object"] {
        scope.set(t.into(), Value::Type(t.into()));
    }
    for e in EXCEPTIONS {
        scope.set((*e).into(), Value::ExcType((*e).into()));
    }
    scope.set("True".into(), Value::Bool(true));
    scope.set("False".into(), Value::Bool(false));
    scope.set("None".into(), Value::None);
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
        None | Some(Value::None) | Some(Value::Module(_)) => StreamKind::Stdout,
        Some(other) => return Err(Diagnostic::new("TypeError", format!("print(file=...) takes sys.stdout or sys.stderr, not {}", other.type_name()))),
    };
    it.write(kind, &s);
    Ok(Value::None)
}

fn b_len(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let v = args.first().ok_or_else(|| Diagnostic::new("TypeError", "len() takes exactly one argument (0 given)"))?;
    Ok(Value::Int(match v {
        Value::Str(s) => s.chars().count() as i64,
        Value::List(l) => l.borrow().len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => d.borrow().len() as i64,
        Value::Range(..) => it.iterate(v)?.len() as i64,
        Value::Array(a) => {
            if a.ndim() == 0 {
                return Err(Diagnostic::new("TypeError", "len() of unsized object (a 0-d array)").with_help("a 0-d array has no length; use x.size"));
            }
            a.shape()[0] as i64
        }
        other => return Err(Diagnostic::new("TypeError", format!("object of type '{}' has no len()", other.type_name()))),
    }))
}

fn b_range(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
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
    let items = it.iterate(&v)?;
    Ok(Value::list(items.into_iter().enumerate().map(|(i, x)| Value::tuple(vec![Value::Int(i as i64 + start), x])).collect()))
}

fn b_zip(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let mut lists = Vec::new();
    for a in &args {
        lists.push(it.iterate(a)?);
    }
    let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    Ok(Value::list((0..n).map(|i| Value::tuple(lists.iter().map(|l| l[i].clone()).collect())).collect()))
}

fn minmax(it: &mut Interp, args: Vec<Value>, kw: Kwargs, is_max: bool) -> Result<Value> {
    let name = if is_max { "max" } else { "min" };
    check_kw(&kw, &["key", "default"], name)?;
    let items = if args.len() == 1 { it.iterate(&args[0])? } else { args };
    let key = arg(&[], &kw, 9, "key");
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

fn b_abs(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match args.first() {
        Some(Value::Int(i)) => Ok(Value::Int(i.abs())),
        Some(Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        Some(Value::Float(f)) => Ok(Value::Float(f.abs())),
        Some(Value::Array(a)) => Ok(Value::Array(it.unary(Prim::Abs, a)?)),
        Some(other) => Err(Diagnostic::new("TypeError", format!("bad operand type for abs(): '{}'", other.type_name()))),
        None => Err(Diagnostic::new("TypeError", "abs() takes exactly one argument (0 given)")),
    }
}

/// Python's round: half to even, with optional digits.
fn b_round(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let x = need(&args, &kw, 0, "number", "round")?;
    let nd = arg(&args, &kw, 1, "ndigits");
    match (&x, &nd) {
        (Value::Int(i), _) => Ok(Value::Int(*i)),
        (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
        (Value::Float(f), None | Some(Value::None)) => {
            if !f.is_finite() {
                return Err(Diagnostic::new("ValueError", "cannot convert float NaN or infinity to integer"));
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
    let key = arg(&[], &kw, 9, "key");
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

fn b_reversed(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let v = args.first().cloned().unwrap_or(Value::None);
    let mut items = it.iterate(&v)?;
    items.reverse();
    Ok(Value::list(items))
}

fn b_isinstance(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 2 {
        return Err(Diagnostic::new("TypeError", format!("isinstance expected 2 arguments, got {}", args.len())));
    }
    Ok(Value::Bool(is_instance(&args[0], &args[1])))
}

fn is_instance(v: &Value, t: &Value) -> bool {
    match t {
        Value::Tuple(ts) => ts.iter().any(|t| is_instance(v, t)),
        Value::Type(n) => match n.as_ref() {
            "int" => matches!(v, Value::Int(_) | Value::Bool(_)),
            "float" => matches!(v, Value::Float(_)),
            "bool" => matches!(v, Value::Bool(_)),
            "str" => matches!(v, Value::Str(_)),
            "list" => matches!(v, Value::List(_)),
            "tuple" => matches!(v, Value::Tuple(_)),
            "dict" => matches!(v, Value::Dict(_)),
            "object" => true,
            _ => false,
        },
        Value::ExcType(k) => matches!(v, Value::Exception(d) if super::exc_is_subclass(&d.kind, k)),
        Value::Builtin(b) if b.name.as_ref() == "ndarray" || b.name.as_ref() == "Array" => matches!(v, Value::Array(_)),
        Value::DType(d, _) => matches!(v, Value::Array(a) if a.dtype() == *d),
        _ => false,
    }
}

fn b_map(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() < 2 {
        return Err(Diagnostic::new("TypeError", "map() must have at least two arguments."));
    }
    let f = args[0].clone();
    let mut lists = Vec::new();
    for a in &args[1..] {
        lists.push(it.iterate(a)?);
    }
    let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(it.call(&f, lists.iter().map(|l| l[i].clone()).collect(), vec![])?);
    }
    Ok(Value::list(out))
}

fn b_filter(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 2 {
        return Err(Diagnostic::new("TypeError", "filter expected 2 arguments"));
    }
    let mut out = Vec::new();
    for x in it.iterate(&args[1])? {
        let keep = if args[0].is_none() { x.clone() } else { it.call(&args[0], vec![x.clone()], vec![])? };
        if it.truthy(&keep)? {
            out.push(x);
        }
    }
    Ok(Value::list(out))
}

fn b_any(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    for x in it.iterate(args.first().unwrap_or(&Value::None))? {
        if it.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn b_all(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    for x in it.iterate(args.first().unwrap_or(&Value::None))? {
        if !it.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn b_repr(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    Ok(Value::Str(it.repr(args.first().unwrap_or(&Value::None))?.into()))
}

fn b_divmod(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 2 {
        return Err(Diagnostic::new("TypeError", "divmod expected 2 arguments"));
    }
    let q = it.binop(BinOp::FloorDiv, &args[0], &args[1])?;
    let r = it.binop(BinOp::Mod, &args[0], &args[1])?;
    Ok(Value::tuple(vec![q, r]))
}

fn b_pow(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    if args.len() != 2 {
        return Err(Diagnostic::new("TypeError", "pow expected 2 arguments"));
    }
    it.binop(BinOp::Pow, &args[0], &args[1])
}

fn b_hasattr(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match (args.first(), args.get(1)) {
        (Some(o), Some(Value::Str(n))) => Ok(Value::Bool(it.getattr(o, n).is_ok())),
        _ => Err(Diagnostic::new("TypeError", "hasattr(obj, name) needs a str name")),
    }
}

fn b_getattr(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match (args.first(), args.get(1)) {
        (Some(o), Some(Value::Str(n))) => match it.getattr(o, n) {
            Ok(v) => Ok(v),
            Err(e) => args.get(2).cloned().ok_or(e),
        },
        _ => Err(Diagnostic::new("TypeError", "getattr(obj, name) needs a str name")),
    }
}

fn b_callable(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    Ok(Value::Bool(matches!(args.first(), Some(Value::Func(_) | Value::Builtin(_) | Value::Method(_) | Value::Type(_) | Value::ExcType(_) | Value::DType(..) | Value::Transformed(_)))))
}

fn b_type(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let v = args.first().cloned().unwrap_or(Value::None);
    Ok(match &v {
        Value::Int(_) => Value::Type("int".into()),
        Value::Float(_) => Value::Type("float".into()),
        Value::Bool(_) => Value::Type("bool".into()),
        Value::Str(_) => Value::Type("str".into()),
        Value::List(_) => Value::Type("list".into()),
        Value::Tuple(_) => Value::Type("tuple".into()),
        Value::Dict(_) => Value::Type("dict".into()),
        Value::Exception(d) => Value::ExcType(d.kind.clone()),
        other => Value::Type(other.type_name().into()),
    })
}

fn b_id(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    Ok(Value::Int(match args.first() {
        Some(Value::List(l)) => Rc::as_ptr(l) as i64,
        Some(Value::Dict(d)) => Rc::as_ptr(d) as i64,
        Some(Value::Array(a)) => Rc::as_ptr(&a.0) as i64,
        Some(Value::Func(f)) => Rc::as_ptr(f) as i64,
        _ => 0,
    }))
}

fn b_hash(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    use std::hash::{Hash, Hasher};
    let k = args.first().unwrap_or(&Value::None).key()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    k.hash(&mut h);
    Ok(Value::Int(h.finish() as i64))
}

fn b_list(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    Ok(Value::list(it.iterate(args.first().unwrap_or(&Value::None))?))
}

fn b_chr(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let i = int_arg(it, args.first().unwrap_or(&Value::None), "chr()")?;
    let c = char::from_u32(i as u32).ok_or_else(|| Diagnostic::new("ValueError", "chr() arg not in range(0x110000)"))?;
    Ok(Value::Str(c.to_string().into()))
}

fn b_ord(_it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match args.first() {
        Some(Value::Str(s)) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
        _ => Err(Diagnostic::new("TypeError", "ord() expected a character")),
    }
}

/// `int(x)`, `float(x)`, `list(x)`, … : the types called as functions.
pub fn call_type(it: &mut Interp, t: &str, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let a = args.first().cloned();
    match t {
        "int" => Ok(Value::Int(match a {
            None => 0,
            Some(Value::Int(i)) => i,
            Some(Value::Bool(b)) => b as i64,
            Some(Value::Float(f)) => {
                if !f.is_finite() {
                    return Err(Diagnostic::new("ValueError", format!("cannot convert float {} to integer", super::fmt::float_repr(f))));
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
                    return Err(Diagnostic::new("ValueError", "cannot convert float NaN or infinity to integer"));
                }
                if h.dtype().is_float() { f.trunc() as i64 } else { h.to_i64() }
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
            if let Some(v) = a {
                match v {
                    Value::Dict(src) => d = src.borrow().clone(),
                    other => {
                        for pair in it.iterate(&other)? {
                            let kv = it.iterate(&pair)?;
                            if kv.len() != 2 {
                                return Err(Diagnostic::new("ValueError", "dictionary update sequence element has the wrong length; 2 is required"));
                            }
                            let k = kv[0].key()?;
                            d.insert(kv[0].clone(), k, kv[1].clone());
                        }
                    }
                }
            }
            for (k, v) in kw {
                d.insert(Value::Str(k.clone()), Key::Str(k), v);
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        "slice" => {
            let mut parts = [None, None, None];
            let vals: Vec<Option<i64>> = args.iter().map(|v| if let Value::Int(i) = v { Some(*i) } else { None }).collect();
            match vals.len() {
                1 => parts[1] = vals[0],
                2 => {
                    parts[0] = vals[0];
                    parts[1] = vals[1];
                }
                3 => parts = [vals[0], vals[1], vals[2]],
                _ => return Err(Diagnostic::new("TypeError", "slice expected 1 to 3 arguments")),
            }
            Ok(Value::Slice(Rc::new(parts)))
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
    pub fn array_binop(&mut self, op: BinOp, a: &Array, b: &Array) -> Result<Array> {
        if op == BinOp::MatMul {
            return self.matmul(a, b);
        }
        let prim = binop_prim(op).ok_or_else(|| Diagnostic::new("TypeError", format!("unsupported operand for arrays: {}", op_symbol(op))))?;
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

    pub fn binop(&mut self, op: BinOp, l: &Value, r: &Value) -> Result<Value> {
        // Arrays first.
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
            (BinOp::Mul, Value::Str(s), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Str(s)) => Ok(Value::Str(s.repeat((*n).max(0) as usize).into())),
            (BinOp::Mul, Value::List(a), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::List(a)) => {
                let src = a.borrow();
                let mut v = Vec::new();
                for _ in 0..(*n).max(0) {
                    v.extend(src.iter().cloned());
                }
                Ok(Value::list(v))
            }
            (BinOp::Mul, Value::Tuple(a), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Tuple(a)) => {
                let mut v = Vec::new();
                for _ in 0..(*n).max(0) {
                    v.extend(a.iter().cloned());
                }
                Ok(Value::tuple(v))
            }
            (BinOp::Mod, Value::Str(s), v) => {
                // printf-style formatting: "%.3f" % x.
                let args = match v {
                    Value::Tuple(t) => t.as_ref().clone(),
                    other => vec![other.clone()],
                };
                Ok(Value::Str(self.percent_format(s, &args)?.into()))
            }
            _ => Err(unsupported(op, l, r)),
        }
    }

    pub fn unaryop(&mut self, op: UnaryOp, v: &Value) -> Result<Value> {
        match (op, v) {
            (UnaryOp::Not, v) => Ok(Value::Bool(!self.truthy(v)?)),
            (UnaryOp::Neg, Value::Int(i)) => Ok(Value::Int(-i)),
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

    pub fn compare(&mut self, op: CmpOp, l: &Value, r: &Value) -> Result<Value> {
        match op {
            CmpOp::Is | CmpOp::IsNot => {
                let same = match (l, r) {
                    (Value::None, Value::None) => true,
                    (Value::Bool(a), Value::Bool(b)) => a == b,
                    (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
                    (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
                    (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(&a.0, &b.0),
                    (Value::Int(a), Value::Int(b)) => a == b,
                    (Value::Str(a), Value::Str(b)) => a == b,
                    (Value::DType(a, _), Value::DType(b, _)) => a == b,
                    (Value::Type(a), Value::Type(b)) => a == b,
                    _ => false,
                };
                return Ok(Value::Bool(same == (op == CmpOp::Is)));
            }
            CmpOp::In | CmpOp::NotIn => {
                let found = match r {
                    Value::Dict(d) => d.borrow().get(&l.key()?).is_some(),
                    Value::Str(s) => match l {
                        Value::Str(sub) => s.contains(sub.as_ref()),
                        _ => return Err(Diagnostic::new("TypeError", "'in <string>' requires string as left operand")),
                    },
                    other => {
                        let mut f = false;
                        for x in self.iterate(other)? {
                            let e = self.compare(CmpOp::Eq, l, &x)?;
                            if self.truthy(&e)? {
                                f = true;
                                break;
                            }
                        }
                        f
                    }
                };
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
                    let w = b.get(&k.key().ok()?)?;
                    if self.py_cmp(v, w)? != Ordering::Equal {
                        return Some(Ordering::Less);
                    }
                }
                Some(Ordering::Equal)
            }
            (Value::DType(a, _), Value::DType(b, _)) => Some(if a == b { Ordering::Equal } else { Ordering::Less }),
            (Value::DType(a, _), Value::Str(s)) | (Value::Str(s), Value::DType(a, _)) => Some(if a.name() == s.as_ref() { Ordering::Equal } else { Ordering::Less }),
            (Value::Type(a), Value::Type(b)) => Some(if a == b { Ordering::Equal } else { Ordering::Less }),
            (Value::TreeDef(a), Value::TreeDef(b)) => Some(if a == b { Ordering::Equal } else { Ordering::Less }),
            (Value::ExcType(a), Value::ExcType(b)) => Some(if a == b { Ordering::Equal } else { Ordering::Less }),
            _ => None,
        }
    }

    /// `obj.name`.
    pub fn getattr(&mut self, obj: &Value, name: &str) -> Result<Value> {
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
                if let Some(b) = super::closest(name, names.iter().map(|s| s.as_str())) {
                    d = d.with_help(format!("did you mean '{}.{b}'?", m.name));
                } else {
                    d = d.with_help(format!("see dir({}) or `{}?` for what it holds", m.name, m.name));
                }
                Err(d)
            }
            Value::Array(a) => self.array_attr(a, name),
            Value::Exception(d) => match name {
                "args" => Ok(Value::tuple(vec![Value::Str(d.message.clone().into())])),
                _ => Err(Diagnostic::new("AttributeError", format!("'{}' object has no attribute '{name}'", d.kind))),
            },
            Value::At(at) => match (name, &at.1) {
                ("set" | "add" | "multiply" | "mul" | "min" | "max" | "get", Some(_)) => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                _ => Err(Diagnostic::new("AttributeError", format!("'_IndexUpdateRef' object has no attribute '{name}'")).with_help("use x.at[idx].set(v), .add(v), .multiply(v), .min(v) or .max(v)")),
            },
            Value::DType(d, _) => match name {
                "name" | "__name__" => Ok(Value::str(d.name())),
                "itemsize" => Ok(Value::Int(d.size_bytes() as i64)),
                "kind" => Ok(Value::str(match d { crate::array::DType::Bool => "b", crate::array::DType::I32 | crate::array::DType::I64 => "i", _ => "f" })),
                _ => Err(Diagnostic::new("AttributeError", format!("'dtype' object has no attribute '{name}'"))),
            },
            Value::Func(f) => match name {
                "__name__" => Ok(Value::Str(f.def.name.to_string().into())),
                "__doc__" => Ok(f.def.doc.clone().map(Value::Str).unwrap_or(Value::None)),
                _ => Err(Diagnostic::new("AttributeError", format!("'function' object has no attribute '{name}'"))),
            },
            Value::Type(t) if name == "__name__" => Ok(Value::Str(t.clone())),
            Value::Transformed(t) => match name {
                "__name__" => Ok(Value::Str(t.name.clone())),
                "defvjp" | "defjvp" => Ok(Value::Method(Rc::new((obj.clone(), name.into())))),
                _ => Err(Diagnostic::new("AttributeError", format!("'function' object has no attribute '{name}'"))),
            },
            Value::List(_) | Value::Dict(_) | Value::Str(_) | Value::Tuple(_) => {
                let ok = match obj {
                    Value::List(_) => ["append", "extend", "pop", "insert", "index", "count", "remove", "copy", "reverse", "sort", "clear"].contains(&name),
                    Value::Dict(_) => ["keys", "values", "items", "get", "pop", "update", "copy", "setdefault", "clear"].contains(&name),
                    Value::Tuple(_) => ["index", "count"].contains(&name),
                    _ => ["join", "split", "format", "upper", "lower", "strip", "lstrip", "rstrip", "replace", "startswith", "endswith", "find", "count", "ljust", "rjust", "center", "zfill", "title", "capitalize", "isdigit", "isalpha", "splitlines", "index"].contains(&name),
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
            Value::At(at) => {
                let (a, idx) = (&at.0, at.1.clone().unwrap_or(Value::None));
                let v = need(&args, &kw, 0, "values", name)?;
                if name == "get" {
                    return Ok(Value::Array(self.index_array(a, &idx)?));
                }
                let va = self.to_array(&v, a.jax())?;
                let how = match name {
                    "set" => ops::Update::Set,
                    "add" => ops::Update::Add,
                    "min" => ops::Update::Min,
                    "max" => ops::Update::Max,
                    _ => ops::Update::Mul,
                };
                Ok(Value::Array(self.update(a, &idx, &va, how)?))
            }
            Value::List(l) => {
                let l = l.clone();
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
                        let key = arg(&[], &kw, 9, "key");
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
                match name {
                    "keys" => Ok(Value::list(d.borrow().entries.iter().map(|(k, _)| k.clone()).collect())),
                    "values" => Ok(Value::list(d.borrow().entries.iter().map(|(_, v)| v.clone()).collect())),
                    "items" => Ok(Value::list(d.borrow().entries.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect())),
                    "get" => {
                        let k = need(&args, &kw, 0, "key", "get")?.key()?;
                        Ok(d.borrow().get(&k).cloned().unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
                    }
                    "setdefault" => {
                        let kv = need(&args, &kw, 0, "key", "setdefault")?;
                        let k = kv.key()?;
                        if let Some(v) = d.borrow().get(&k) {
                            return Ok(v.clone());
                        }
                        let v = args.get(1).cloned().unwrap_or(Value::None);
                        d.borrow_mut().insert(kv, k, v.clone());
                        Ok(v)
                    }
                    "pop" => {
                        let kv = need(&args, &kw, 0, "key", "pop")?;
                        let k = kv.key()?;
                        let r = d.borrow_mut().remove(&k);
                        match r {
                            Some(v) => Ok(v),
                            None => args.get(1).cloned().ok_or_else(|| Diagnostic::new("KeyError", self.repr(&kv).unwrap_or_default())),
                        }
                    }
                    "update" => {
                        if let Some(Value::Dict(o)) = args.first() {
                            let entries = o.borrow().entries.clone();
                            for (k, v) in entries {
                                let hk = k.key()?;
                                d.borrow_mut().insert(k, hk, v);
                            }
                        }
                        for (k, v) in kw {
                            d.borrow_mut().insert(Value::Str(k.clone()), Key::Str(k), v);
                        }
                        Ok(Value::None)
                    }
                    "copy" => Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone())))),
                    "clear" => {
                        *d.borrow_mut() = Dict::default();
                        Ok(Value::None)
                    }
                    _ => Err(Diagnostic::new("AttributeError", format!("'dict' object has no attribute '{name}'"))),
                }
            }
            Value::Str(s) => self.str_method(s, name, args, kw),
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
                let parts: Vec<Value> = match sarg(0) {
                    Some(sep) => s.split(sep.as_str()).map(|p| Value::Str(p.into())).collect(),
                    None => s.split_whitespace().map(|p| Value::Str(p.into())).collect(),
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
            "startswith" => Value::Bool(s.starts_with(sarg(0).unwrap_or_default().as_str())),
            "endswith" => Value::Bool(s.ends_with(sarg(0).unwrap_or_default().as_str())),
            "find" | "index" => {
                let sub = sarg(0).unwrap_or_default();
                match s.find(sub.as_str()) {
                    Some(i) => Value::Int(s[..i].chars().count() as i64),
                    None if name == "find" => Value::Int(-1),
                    None => return Err(Diagnostic::new("ValueError", "substring not found")),
                }
            }
            "count" => Value::Int(s.matches(sarg(0).unwrap_or_default().as_str()).count() as i64),
            "isdigit" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
            "isalpha" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_alphabetic())),
            "ljust" | "rjust" | "center" | "zfill" => {
                let w = match args.first() {
                    Some(Value::Int(w)) => *w as usize,
                    _ => 0,
                };
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

    fn percent_format(&mut self, s: &str, args: &[Value]) -> Result<String> {
        let mut out = String::new();
        let mut it = args.iter();
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '%' {
                if chars.get(i + 1) == Some(&'%') {
                    out.push('%');
                    i += 2;
                    continue;
                }
                let mut j = i + 1;
                while j < chars.len() && !chars[j].is_ascii_alphabetic() {
                    j += 1;
                }
                let spec: String = chars[i + 1..=j.min(chars.len() - 1)].iter().collect();
                let v = it.next().cloned().ok_or_else(|| Diagnostic::new("TypeError", "not enough arguments for format string"))?;
                let conv = spec.chars().last().unwrap_or('s');
                out.push_str(&match conv {
                    's' => {
                        let t = self.to_str(&v)?;
                        self.format_value(&Value::Str(t.into()), &spec[..spec.len() - 1])?
                    }
                    'r' => self.repr(&v)?,
                    'i' => self.format_value(&v, &format!("{}d", &spec[..spec.len() - 1]))?,
                    _ => self.format_value(&v, &spec)?,
                });
                i = j + 1;
            } else {
                out.push(chars[i]);
                i += 1;
            }
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

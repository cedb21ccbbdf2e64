//! Argument helpers for builtins written in Rust: positional-or-keyword lookup, required
//! arguments, unknown keywords (with a suggestion), and conversions of argument values (ints,
//! bools, shapes, dtypes, argnums, functions). Every native function reads its arguments through
//! these, so their errors read alike.

use super::value::*;
use super::Interp;
use crate::array::DType;
use crate::diag::{Diagnostic, Result};

/// Fetch argument `i` or keyword `name`.
pub fn arg(args: &[Value], kw: &Kwargs, i: usize, name: &str) -> Option<Value> {
    if let Some((_, v)) = kw.iter().find(|(k, _)| k.as_ref() == name) {
        return Some(v.clone());
    }
    args.get(i).cloned()
}

pub fn need(args: &[Value], kw: &Kwargs, i: usize, name: &str, f: &str) -> Result<Value> {
    arg(args, kw, i, name).ok_or_else(|| Diagnostic::new("TypeError", format!("{f}() missing required argument '{name}' (pos {})", i + 1)))
}

/// Reject keyword arguments a builtin does not know.
pub fn check_kw(kw: &Kwargs, allowed: &[&str], f: &str) -> Result<()> {
    for (k, _) in kw {
        if !allowed.contains(&k.as_ref()) {
            let mut d = Diagnostic::new("TypeError", format!("{f}() got an unexpected keyword argument '{k}'"));
            if let Some(b) = super::closest(k, allowed.iter().copied()) {
                d = d.with_help(format!("did you mean '{b}'?"));
            } else if !allowed.is_empty() {
                d = d.with_help(format!("{f} accepts: {}", allowed.join(", ")));
            }
            return Err(d);
        }
    }
    Ok(())
}

pub fn int_arg(it: &mut Interp, v: &Value, what: &str) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_int() => Ok(it.force_for(a, super::Read::Truth)?.get(0).to_i64()),
        other => Err(Diagnostic::new("TypeError", format!("{what} needs an integer, got {}", other.type_name())).with_help("convert it with int(...)")),
    }
}

pub fn argnums_arg(v: Option<Value>) -> Result<Argnums> {
    Ok(match v {
        None => Argnums::One(0),
        Some(Value::Int(i)) => Argnums::One(i),
        Some(Value::Tuple(t)) => Argnums::Many(t.iter().map(|v| match v {
            Value::Int(i) => Ok(*i),
            _ => Err(Diagnostic::new("TypeError", "argnums must be ints")),
        }).collect::<Result<_>>()?),
        Some(Value::List(l)) => Argnums::Many(l.borrow().iter().map(|v| match v {
            Value::Int(i) => Ok(*i),
            _ => Err(Diagnostic::new("TypeError", "argnums must be ints")),
        }).collect::<Result<_>>()?),
        Some(other) => return Err(Diagnostic::new("TypeError", format!("argnums must be an int or a tuple of ints, got {}", other.type_name()))),
    })
}

pub fn bool_kw(it: &mut Interp, kw: &Kwargs, name: &str) -> Result<bool> {
    match arg(&[], kw, 99, name) {
        Some(v) => it.truthy(&v),
        None => Ok(false),
    }
}

pub fn need_fn(args: &[Value], what: &str) -> Result<Value> {
    let f = args.first().cloned().ok_or_else(|| Diagnostic::new("TypeError", format!("{what}() needs a function")))?;
    // Any callable: functions, bound methods, and objects whose class defines __call__
    // (functools.partial).
    let callable_object = matches!(&f, Value::Object(o) if o.class.lookup("__call__").is_some());
    if !matches!(f, Value::Func(_) | Value::Builtin(_) | Value::Transformed(_) | Value::Method(_) | Value::BoundMethod(_)) && !callable_object {
        return Err(Diagnostic::new("TypeError", format!("{what}() needs a function, got {}", f.type_name())).with_help(format!("write {what}(f)(x), not {what}(f(x))")));
    }
    Ok(f)
}

/// The help sentence for an unknown dtype name: the nearest name, and the list.
pub fn unknown_dtype_help(s: &str) -> String {
    let low = s.to_lowercase();
    if low.starts_with("datetime64") || low.starts_with("timedelta64") || low.starts_with("m8") || low.starts_with("<m8") {
        return "Slope has no datetime64/timedelta64: keep times as int64 counts of a unit (e.g. days or seconds since an epoch)".into();
    }
    if low.starts_with("complex") || low.starts_with('c') && low[1..].chars().all(|c| c.is_ascii_digit()) && low.len() > 1 {
        return "Slope has no complex dtypes: keep the real and imaginary parts in two float arrays".into();
    }
    let names: Vec<&str> = DType::ALL.iter().map(|d| d.name()).collect();
    let list = names.join(", ");
    match super::closest(&s.to_lowercase(), names.iter().copied()) {
        Some(best) => format!("did you mean '{best}'? The dtypes are {list}"),
        None => format!("the dtypes are {list} (or their codes such as 'u1', 'i2', 'f2')"),
    }
}

// ---------------------------------------------------- CPython's words, for Python's own modules

/// A float from a Python number (or a one-element array), with CPython's TypeError otherwise.
pub fn real(it: &mut Interp, v: &Value) -> Result<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Array(a) if a.numel() == 1 => Ok(it.force(a)?.get(0).to_f64()),
        Value::Array(_) => Err(Diagnostic::new("TypeError", "only length-1 arrays can be converted to Python scalars").with_help("reduce the array to one number first (x.sum(), x[0], x.item())")),
        other => Err(Diagnostic::new("TypeError", format!("must be real number, not {}", other.type_name())).with_help("pass an int or a float")),
    }
}

/// An int from a Python integer (bools and one-element integer arrays included), with CPython's
/// TypeError for floats and everything else.
pub fn index(it: &mut Interp, v: &Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Array(a) if a.numel() == 1 && !a.dtype().is_float() => Ok(it.force(a)?.get(0).to_i64()),
        other => Err(Diagnostic::new("TypeError", format!("'{}' object cannot be interpreted as an integer", other.type_name())).with_help("pass an int (convert with int(x) if x is a whole float)")),
    }
}

/// Refuse keyword arguments to a function that takes none.
pub fn no_kw(kw: &Kwargs, f: &str) -> Result<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(Diagnostic::new("TypeError", format!("{f}() takes no keyword arguments")).with_help("pass the arguments by position"))
    }
}

/// Check the number of positional arguments (`lo..=hi`), in CPython's words.
pub fn nargs(args: &[Value], lo: usize, hi: usize, f: &str) -> Result<()> {
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
    Err(Diagnostic::new("TypeError", msg).with_help(format!("see help({f}) for its arguments")))
}

/// A keyword argument's value, if given.
pub fn kwarg(kw: &Kwargs, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.clone())
}

/// A string argument, with a TypeError naming what it is for otherwise.
pub fn string(v: &Value, what: &str) -> Result<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(Diagnostic::new("TypeError", format!("{what} must be str, not {}", other.type_name())).with_help("pass a str")),
    }
}

/// A dtype argument: `np.float32`, `'float32'`, `float`, `int`, `bool`, or None.
pub fn dtype_arg(v: &Value) -> Result<Option<DType>> {
    Ok(match v {
        Value::None => None,
        Value::DType(d, _, _) => Some(*d),
        Value::Str(s) => Some(DType::from_name(s).ok_or_else(|| Diagnostic::new("TypeError", format!("data type '{s}' not understood")).with_help(unknown_dtype_help(s)))?),
        Value::Class(c) if c.builtin => Some(match c.name.as_ref() {
            "float" => DType::F64,
            "int" => DType::I64,
            "bool" => DType::Bool,
            "complex" => return Err(Diagnostic::new("TypeError", "complex dtypes are not supported in Slope").with_help("keep the real and imaginary parts in two float arrays")),
            other => return Err(Diagnostic::new("TypeError", format!("data type '{other}' not understood"))),
        }),
        Value::List(_) => {
            return Err(Diagnostic::new("TypeError", "structured dtypes (a list of (name, dtype) fields) are not supported in Slope")
                .with_help("keep each field in an array of its own (a dict of arrays, or a 2-d array with one column per field)"))
        }
        other => return Err(Diagnostic::new("TypeError", format!("data type {} not understood", other.type_name()))),
    })
}

pub fn shape_arg(it: &mut Interp, v: &Value) -> Result<Vec<usize>> {
    let dims: Vec<Value> = match v {
        Value::Tuple(_) | Value::List(_) => it.iterate(v)?,
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for d in dims {
        let i = it.index_int(&d).map_err(|_| Diagnostic::new("TypeError", format!("a shape must be ints, got {}", d.type_name())))?;
        if i < 0 {
            return Err(Diagnostic::new("ValueError", "negative dimensions are not allowed"));
        }
        out.push(i as usize);
    }
    Ok(out)
}

pub fn ints_arg(it: &mut Interp, v: &Value) -> Result<Vec<i64>> {
    let dims: Vec<Value> = match v {
        Value::Tuple(_) | Value::List(_) => it.iterate(v)?,
        other => vec![other.clone()],
    };
    dims.iter().map(|d| it.index_int(d)).collect()
}

#[derive(Clone)]
pub enum Argnums {
    One(i64),
    Many(Vec<i64>),
}

impl Argnums {
    /// The argument positions (negative ones count from the end of `n` arguments).
    pub fn resolve(&self, n: usize) -> Vec<usize> {
        let f = |i: i64| if i < 0 { (i + n as i64).max(0) as usize } else { i as usize };
        match self {
            Argnums::One(i) => vec![f(*i)],
            Argnums::Many(v) => v.iter().map(|&i| f(i)).collect(),
        }
    }
    pub fn list(&self) -> Vec<usize> {
        self.resolve(usize::MAX / 2)
    }
}

//! Turning values into text: `str`, `repr` and format specs (`f"{x:.3f}"`), as Python does.

use super::value::*;
use super::Interp;
use crate::array::format;
use crate::diag::{Diagnostic, Result};

/// Python's `repr(float)`: shortest round-trip digits, scientific outside 1e-4..1e16.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let e = format!("{f:e}");
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..16).contains(&exp) {
        let m = if mant.contains('.') { mant.to_string() } else { mant.to_string() };
        return format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let s = format!("{f}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// Python's `repr(str)`.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            // What Python's str.isprintable rejects is escaped: controls, other spaces than ' ',
            // and the invisible format characters.
            c if (c as u32) < 0x20 || c == '\x7f' || (c as u32) < 0x100 && !(' '..='~').contains(&c) && ((c as u32) < 0xa1 || c == '\u{ad}') => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (c.is_whitespace() && c != ' ') || c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}') => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// The text of an array whose value is not known while a function is traced (under `jit`, a
/// `scan` body, ...): JAX's `JitTracer(float32[3,4])`, so `print(f"x = {x}")` in a traced
/// function shows what JAX shows instead of failing. (`print(x)` itself prints the value when
/// the function runs.) An escaped tracer shows the same text.
fn tracer_text(a: &super::array::Array) -> String {
    let dims: Vec<String> = a.shape().iter().map(|d| d.to_string()).collect();
    format!("JitTracer({}{}[{}])", if a.weak() { "~" } else { "" }, a.dtype(), dims.join(","))
}

thread_local! {
    /// The lists and dicts whose repr is being made (to print a container inside itself as `[...]`).
    static REPR_ACTIVE: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Interp {
    /// An array's value for display, or None for an array traced without a known value.
    fn shown(&mut self, a: &super::array::Array) -> Result<Option<crate::array::HostArray>> {
        match self.force_for(a, super::Read::Display) {
            Ok(h) => Ok(Some(h)),
            Err(e) if e.kind.as_ref() == "ConcretizationTypeError" && self.is_traced(a) => Ok(None),
            // A tracer that escaped its trace prints as JAX prints it; computing with it is the
            // error.
            Err(e) if e.kind.as_ref() == "UnexpectedTracerError" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> Result<String> {
        Ok(match v {
            Value::Str(s) => s.to_string(),
            Value::Array(a) => {
                let Some(h) = self.shown(a)? else { return Ok(tracer_text(a)) };
                if h.ndim() == 0 {
                    format::scalar_str(h.get(0))
                } else {
                    format::array_str(&h)
                }
            }
            Value::Exception(d) => d.message.clone(),
            Value::DType(d, jax, true) => scalar_type_name(*d, *jax),
            Value::DType(d, _, _) => d.name().to_string(),
            Value::Object(o) => {
                // __str__ of the class, else its __repr__.
                let f = o.class.lookup("__str__");
                match f {
                    Some(f) => {
                        let b = self.bind_attr(f, v, &o.class.clone())?;
                        match self.call(&b, vec![], vec![])? {
                            Value::Str(s) => s.to_string(),
                            other => return Err(Diagnostic::new("TypeError", format!("__str__ returned non-string (type {})", other.type_name()))),
                        }
                    }
                    None => self.repr(v)?,
                }
            }
            other => self.repr(other)?,
        })
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> Result<String> {
        let key = match v {
            Value::List(l) => std::rc::Rc::as_ptr(l) as *const () as usize,
            Value::Dict(d) => std::rc::Rc::as_ptr(d) as *const () as usize,
            Value::Tuple(_) => 0,
            _ => return self.repr_level(v),
        };
        // A list or dict inside itself prints as `[...]` / `{...}`, as in Python; containers
        // nested deeper than the recursion limit are a RecursionError, not a stack overflow.
        if key != 0 && REPR_ACTIVE.with(|a| a.borrow().contains(&key)) {
            return Ok(if matches!(v, Value::List(_)) { "[...]" } else { "{...}" }.into());
        }
        if self.depth >= super::MAX_DEPTH {
            return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded while getting the repr of an object"));
        }
        self.depth += 1;
        REPR_ACTIVE.with(|a| a.borrow_mut().push(key));
        let r = self.repr_level(v);
        REPR_ACTIVE.with(|a| a.borrow_mut().pop());
        self.depth -= 1;
        r
    }

    fn repr_level(&mut self, v: &Value) -> Result<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::List(l) => {
                let items = l.borrow().clone();
                let mut parts = Vec::new();
                for x in &items {
                    parts.push(self.repr(x)?);
                }
                format!("[{}]", parts.join(", "))
            }
            Value::Tuple(t) => {
                let mut parts = Vec::new();
                for x in t.iter() {
                    parts.push(self.repr(x)?);
                }
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Value::Dict(d) => {
                let entries = d.borrow().entries.clone();
                let mut parts = Vec::new();
                for (k, v) in &entries {
                    parts.push(format!("{}: {}", self.repr(k)?, self.repr(v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Func(f) => format!("<function {}>", f.def.name),
            Value::Builtin(b) if super::numpy::is_ufunc(b) => format!("<ufunc '{}'>", b.name),
            Value::Builtin(b) => format!("<built-in function {}>", b.name),
            Value::Method(m) => format!("<bound method {} of {} object>", m.1, m.0.type_name()),
            Value::Module(m) => format!("<module '{}'>", m.name),
            Value::Array(a) => {
                let Some(h) = self.shown(a)? else { return Ok(tracer_text(a)) };
                if a.jax() {
                    let r = format::array_repr(&h, "Array");
                    if a.weak() {
                        // JAX marks arrays made from Python scalars.
                        format!("{}, weak_type=True)", r.strip_suffix(')').unwrap_or(&r))
                    } else {
                        r
                    }
                } else if h.ndim() == 0 {
                    format::scalar_repr(h.get(0))
                } else {
                    format::array_repr(&h, "array")
                }
            }
            Value::Slice(s) => {
                let f = |x: Option<i64>| x.map_or("None".to_string(), |v| v.to_string());
                format!("slice({}, {}, {})", f(s[0]), f(s[1]), f(s[2]))
            }
            Value::ObjSlice(s) => format!("slice({}, {}, {})", self.repr(&s[0])?, self.repr(&s[1])?, self.repr(&s[2])?),
            Value::Ellipsis => "Ellipsis".into(),
            Value::DType(d, jax, true) => scalar_type_name(*d, *jax),
            Value::DType(d, _, _) => format!("dtype('{}')", d.name()),
            Value::Exception(d) if d.message.is_empty() => format!("{}()", d.kind),
            Value::Exception(d) => {
                let args = super::builtins::exception_args(d);
                let parts: Vec<String> = args.iter().map(|a| self.repr(a)).collect::<Result<_>>()?;
                format!("{}({})", d.kind, parts.join(", "))
            }
            Value::Range(a, b, s) => {
                if *s == 1 {
                    format!("range({a}, {b})")
                } else {
                    format!("range({a}, {b}, {s})")
                }
            }
            Value::At(_) => "<_IndexUpdateHelper>".into(),
            Value::Class(c) => match c.meta_method("__repr__") {
                Some(f) => {
                    let r = self.call(&f, vec![v.clone()], vec![])?;
                    self.to_str(&r)?
                }
                None => format!("<class '{}'>", c.qualified()),
            },
            Value::Object(o) => {
                let f = o.class.lookup("__repr__");
                match f {
                    Some(f) => {
                        let b = self.bind_attr(f, v, &o.class.clone())?;
                        if self.depth >= super::MAX_DEPTH {
                            return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded while getting the repr of an object"));
                        }
                        self.depth += 1;
                        let r = self.call(&b, vec![], vec![]);
                        self.depth -= 1;
                        match r? {
                            Value::Str(s) => s.to_string(),
                            other => return Err(Diagnostic::new("TypeError", format!("__repr__ returned non-string (type {})", other.type_name()))),
                        }
                    }
                    None => super::object::default_repr(v),
                }
            }
            Value::BoundMethod(m) => format!("<bound method {} of {}>", super::transform_call::fn_name(&m.1), self.repr(&m.0)?),
            Value::Super(s) => format!("<super: <class '{}'>, <{} object>>", s.0.name, s.1.type_name()),
            Value::Property(_) => format!("<property object at {:#x}>", super::object::identity(v)),
            Value::StaticMethod(f) => format!("<staticmethod({})>", self.repr(f)?),
            Value::ClassMethod(f) => format!("<classmethod({})>", self.repr(f)?),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Set(_) | Value::FrozenSet(_) => {
                let keys: Vec<Value> = match v {
                    Value::Set(d) => d.borrow().entries.iter().map(|(k, _)| k.clone()).collect(),
                    Value::FrozenSet(d) => d.entries.iter().map(|(k, _)| k.clone()).collect(),
                    _ => vec![],
                };
                let mut parts = Vec::new();
                for k in &keys {
                    parts.push(self.repr(k)?);
                }
                let frozen = matches!(v, Value::FrozenSet(_));
                match (frozen, parts.is_empty()) {
                    (false, true) => "set()".into(),
                    (true, true) => "frozenset()".into(),
                    (false, false) => format!("{{{}}}", parts.join(", ")),
                    (true, false) => format!("frozenset({{{}}})", parts.join(", ")),
                }
            }
            Value::Generator(g) => format!("<generator object {} at {:#x}>", g.name, super::object::identity(v)),
            Value::Iter(s) => format!("<{} object at {:#x}>", s.borrow().kind(), super::object::identity(v)),
            Value::Transformed(t) => format!("<function {}>", t.name),
            Value::TreeDef(t) => format!("PyTreeDef({})", t.describe()),
            Value::Jaxpr(t) => t.to_string(),
        })
    }

    /// `format(v, spec)`: Python's format-spec mini-language for numbers and strings.
    pub(crate) fn format_value(&mut self, v: &Value, spec: &str) -> Result<String> {
        if let Value::Object(o) = v {
            if o.class.defines("__format__") {
                return match self.dunder(v, "__format__", vec![Value::str(spec)])? {
                    Some(Value::Str(s)) => Ok(s.to_string()),
                    _ => Err(Diagnostic::new("TypeError", "__format__ must return a str")),
                };
            }
            if let Some(b) = o.base.borrow().clone() {
                if !spec.is_empty() {
                    return self.format_value(&b, spec);
                }
            }
            if !spec.is_empty() {
                return Err(Diagnostic::new("TypeError", format!("unsupported format string passed to {}.__format__", o.class.name)));
            }
        }
        // 0-d arrays format as their scalar (numpy's and JAX's __format__ convert to a Python
        // number first: f"{np.float32(0.2)}" is 0.20000000298023224).
        let v = match v {
            Value::Array(a) if a.numel() == 1 && a.ndim() == 0 => {
                let Some(h) = self.shown(a)? else { return Ok(tracer_text(a)) };
                let s = h.get(0);
                if a.dtype().is_float() {
                    Value::Float(s.to_f64())
                } else if a.dtype() == crate::array::DType::Bool {
                    Value::Bool(s.to_bool())
                } else {
                    Value::Int(s.to_i64())
                }
            }
            other => other.clone(),
        };
        if spec.is_empty() {
            return self.to_str(&v);
        }
        let spec_p = parse_spec(spec).ok_or_else(|| Diagnostic::new("ValueError", format!("Invalid format specifier '{spec}'")))?;
        let asked = spec_p.width.unwrap_or(0).max(spec_p.precision.unwrap_or(0)) as u128;
        crate::limits::check(asked * 4, || format!("the format '{spec}'"))?;
        let body = match (&v, spec_p.ty) {
            (Value::Str(s), None | Some('s')) => {
                let mut s = s.to_string();
                if let Some(p) = spec_p.precision {
                    s = s.chars().take(p).collect();
                }
                return Ok(pad(&s, &spec_p, '<'));
            }
            (Value::Int(_) | Value::Bool(_), None | Some('d') | Some('x') | Some('X') | Some('b') | Some('o') | Some('n')) => {
                let i = match v {
                    Value::Int(i) => i,
                    Value::Bool(b) => b as i64,
                    _ => 0,
                };
                let digits = match spec_p.ty {
                    Some('x') => format!("{:x}", i.unsigned_abs()),
                    Some('X') => format!("{:X}", i.unsigned_abs()),
                    Some('b') => format!("{:b}", i.unsigned_abs()),
                    Some('o') => format!("{:o}", i.unsigned_abs()),
                    _ => group(&i.unsigned_abs().to_string(), spec_p.grouping),
                };
                (i < 0, digits)
            }
            (Value::Int(_) | Value::Float(_) | Value::Bool(_), _) => {
                let f = match v {
                    Value::Int(i) => i as f64,
                    Value::Float(f) => f,
                    Value::Bool(b) => b as u8 as f64,
                    _ => 0.0,
                };
                let neg = f.is_sign_negative() && !f.is_nan();
                let a = f.abs();
                let digits = if a.is_nan() {
                    "nan".into()
                } else if a.is_infinite() {
                    "inf".into()
                } else {
                    match spec_p.ty {
                        Some('f') | Some('F') => group_float(&format!("{:.*}", spec_p.precision.unwrap_or(6), a), spec_p.grouping),
                        Some('e') | Some('E') => {
                            let s = sci(a, spec_p.precision.unwrap_or(6));
                            if spec_p.ty == Some('E') { s.to_uppercase() } else { s }
                        }
                        Some('%') => format!("{:.*}%", spec_p.precision.unwrap_or(6), a * 100.0),
                        Some('g') | Some('G') => general(a, spec_p.precision.unwrap_or(6), spec_p.alt),
                        None => match spec_p.precision {
                            Some(p) => {
                                let g = general(a, p.max(1), false);
                                if g.contains('.') || g.contains('e') || g.contains("inf") || g.contains("nan") { g } else { format!("{g}.0") }
                            }
                            None => float_repr(a),
                        },
                        Some(c) => return Err(Diagnostic::new("ValueError", format!("Unknown format code '{c}' for object of type 'float'"))),
                    }
                };
                (neg, digits)
            }
            (other, _) => {
                let s = self.to_str(other)?;
                if spec_p.ty.is_some() {
                    return Err(Diagnostic::new("TypeError", format!("unsupported format string passed to {}.__format__", other.type_name())));
                }
                return Ok(pad(&s, &spec_p, '<'));
            }
        };
        let (neg, digits) = body;
        let sign = if neg {
            "-"
        } else {
            match spec_p.sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        if spec_p.zero && spec_p.align.is_none() {
            let w = spec_p.width.unwrap_or(0);
            let n = sign.len() + digits.chars().count();
            let zeros = "0".repeat(w.saturating_sub(n));
            return Ok(format!("{sign}{zeros}{digits}"));
        }
        if spec_p.align == Some('=') {
            let w = spec_p.width.unwrap_or(0);
            let n = sign.len() + digits.chars().count();
            let fill = spec_p.fill.unwrap_or(' ').to_string().repeat(w.saturating_sub(n));
            return Ok(format!("{sign}{fill}{digits}"));
        }
        Ok(pad(&format!("{sign}{digits}"), &spec_p, '>'))
    }
}

struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec { fill: None, align: None, sign: None, alt: false, zero: false, width: None, grouping: None, precision: None, ty: None };
    if c.len() >= 2 && "<>^=".contains(c[1]) {
        s.fill = Some(c[0]);
        s.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && "<>^=".contains(c[0]) {
        s.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && "+- ".contains(c[i]) {
        s.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let st = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        s.width = c[st..i].iter().collect::<String>().parse().ok();
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        s.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let st = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        s.precision = Some(c[st..i].iter().collect::<String>().parse().ok()?);
    }
    if i < c.len() {
        s.ty = Some(c[i]);
        i += 1;
    }
    if i != c.len() {
        return None;
    }
    Some(s)
}

fn pad(s: &str, spec: &Spec, default_align: char) -> String {
    let w = spec.width.unwrap_or(0);
    let n = s.chars().count();
    if n >= w {
        return s.to_string();
    }
    let fill = spec.fill.unwrap_or(' ');
    let k = w - n;
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match spec.align.unwrap_or(default_align) {
        '<' => format!("{s}{}", f(k)),
        '^' => format!("{}{s}{}", f(k / 2), f(k - k / 2)),
        _ => format!("{}{s}", f(k)),
    }
}

fn group(digits: &str, g: Option<char>) -> String {
    let Some(g) = g else { return digits.to_string() };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(g);
        }
        out.push(c);
    }
    out
}

fn group_float(s: &str, g: Option<char>) -> String {
    match s.split_once('.') {
        Some((a, b)) => format!("{}.{b}", group(a, g)),
        None => group(s, g),
    }
}

/// `{:.{p}e}` with Python's two-digit exponent.
fn sci(a: f64, p: usize) -> String {
    let s = format!("{:.*e}", p, a);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// The `g` presentation type.
fn general(a: f64, p: usize, alt: bool) -> String {
    let p = p.max(1);
    if a == 0.0 {
        return "0".into();
    }
    let exp = format!("{:.*e}", p - 1, a).split_once('e').and_then(|(_, e)| e.parse::<i32>().ok()).unwrap_or(0);
    let s = if exp < -4 || exp >= p as i32 {
        let s = sci(a, p - 1);
        if alt {
            s
        } else {
            let (m, e) = s.split_once('e').unwrap_or((&s, ""));
            let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
            format!("{m}e{e}")
        }
    } else {
        let s = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a);
        if alt || !s.contains('.') {
            s
        } else {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    s
}

/// How a scalar type prints: `<class 'numpy.float32'>` (`<class 'jax.numpy.float32'>`).
fn scalar_type_name(d: crate::array::DType, jax: bool) -> String {
    format!("<class '{}.{}'>", if jax { "jax.numpy" } else { "numpy" }, d.name())
}

//! `json`: `dumps`/`dump` and `loads`/`load` with CPython 3.11's exact output and errors. The
//! encoder follows `json/encoder.py` (separators, indentation, `sort_keys`, `ensure_ascii`
//! escapes, `NaN`/`Infinity`, `default=`, circular references); the decoder follows the C
//! scanner `_json.c` that CPython uses by default, so a `JSONDecodeError` (a `ValueError`) names
//! the same position: "Expecting value: line 1 column 1 (char 0)".
//!
//! Departures: a 0-d float64 numpy array is encoded as a float, since it is what Slope has for
//! numpy's `float64` scalars (a float subclass in numpy); JSON integers must fit Slope's 64-bit
//! ints (`parse_int=float` reads larger ones); a lone surrogate escape (`"\ud800"`) decodes to
//! U+FFFD, as Slope's strings are UTF-8.

use super::{err, kwarg, module, nargs, set, Entry};
use lang::native::{float_repr, Builtin, DType, Diagnostic, Dict, Interp, Kwargs, Result, Value};
use std::rc::Rc;

/// How deep containers may nest, in either direction, before a RecursionError.
const MAX_DEPTH: usize = 900;

// ---------------------------------------------------------------------------------------------
// Encoding.

struct Encoder {
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    skipkeys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    check_circular: bool,
    default: Option<Value>,
    /// The containers being encoded (their addresses), for circular references.
    markers: Vec<usize>,
    depth: usize,
}

/// A JSON string literal, escaped as CPython's `encode_basestring(_ascii)`.
fn quote(s: &str, ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ascii && !(' '..='~').contains(&c) => {
                let n = c as u32;
                if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    let m = n - 0x10000;
                    out.push_str(&format!("\\u{:04x}\\u{:04x}", 0xd800 | ((m >> 10) & 0x3ff), 0xdc00 | (m & 0x3ff)));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The class name CPython's messages give a value.
fn class_name(v: &Value) -> String {
    match v {
        Value::Array(a) if a.jax() => "ArrayImpl".into(),
        Value::Array(a) if a.ndim() == 0 => match a.dtype() {
            DType::Bool => "bool".into(),
            d => d.name().into(),
        },
        Value::Array(_) => "ndarray".into(),
        Value::Builtin(_) => "builtin_function_or_method".into(),
        other => other.type_name(),
    }
}

impl Encoder {
    fn float(&self, f: f64) -> Result<String> {
        if f.is_finite() {
            return Ok(float_repr(f));
        }
        if !self.allow_nan {
            // CPython's C encoder (no indent) and Python encoder (indent) word it differently.
            let msg = if self.indent.is_none() { "Out of range float values are not JSON compliant".to_string() } else { format!("Out of range float values are not JSON compliant: {}", float_repr(f)) };
            return Err(err("ValueError", msg).with_help("allow_nan=False refuses NaN and infinities; replace them (e.g. with None) first"));
        }
        Ok(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .into())
    }

    fn enter(&mut self, addr: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err("RecursionError", "maximum recursion depth exceeded while encoding a JSON object").with_help("the value nests too deeply (or default= keeps returning new objects)"));
        }
        if self.check_circular {
            if addr != 0 && self.markers.contains(&addr) {
                return Err(err("ValueError", "Circular reference detected").with_help("a list or dict contains itself; JSON cannot express that"));
            }
            self.markers.push(addr);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
        if self.check_circular {
            self.markers.pop();
        }
    }

    /// Open a container: the bracket and, with an indent, the first line break.
    fn open(&self, bracket: char, level: usize, out: &mut String) -> Option<String> {
        out.push(bracket);
        self.indent.as_ref().map(|ind| {
            let nl = format!("\n{}", ind.repeat(level + 1));
            out.push_str(&nl);
            nl
        })
    }

    fn close(&self, bracket: char, level: usize, out: &mut String) {
        if let Some(ind) = &self.indent {
            out.push('\n');
            out.push_str(&ind.repeat(level));
        }
        out.push(bracket);
    }

    fn encode(&mut self, it: &mut Interp, v: &Value, level: usize, out: &mut String) -> Result<()> {
        match v {
            Value::Str(s) => quote(s, self.ensure_ascii, out),
            Value::None => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&self.float(*f)?),
            Value::List(_) | Value::Tuple(_) => {
                let (items, addr) = match v {
                    Value::List(l) => (l.borrow().clone(), Rc::as_ptr(l) as *const u8 as usize),
                    Value::Tuple(t) => (t.to_vec(), Rc::as_ptr(t) as *const u8 as usize),
                    _ => (Vec::new(), 0),
                };
                if items.is_empty() {
                    out.push_str("[]");
                    return Ok(());
                }
                self.enter(addr)?;
                let nl = self.open('[', level, out);
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&self.item_sep);
                        if let Some(nl) = &nl {
                            out.push_str(nl);
                        }
                    }
                    self.encode(it, x, level + 1, out)?;
                }
                self.close(']', level, out);
                self.leave();
            }
            Value::Dict(d) => {
                let mut items = d.borrow().entries.clone();
                if items.is_empty() {
                    out.push_str("{}");
                    return Ok(());
                }
                self.enter(Rc::as_ptr(d) as *const u8 as usize)?;
                if self.sort_keys {
                    // Sorted by key, compared as CPython compares them (keys are unique).
                    let pairs = items.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
                    let key = Value::Builtin(Rc::new(Builtin { name: "key".into(), f: first_item, jax: false, doc: "" }));
                    items = lang::native::sort_values(it, pairs, Some(key), false)?
                        .into_iter()
                        .filter_map(|p| match p {
                            Value::Tuple(t) if t.len() == 2 => Some((t[0].clone(), t[1].clone())),
                            _ => None,
                        })
                        .collect();
                }
                let nl = self.open('{', level, out);
                let mut first = true;
                for (k, x) in &items {
                    let key = match k {
                        Value::Str(s) => s.to_string(),
                        Value::Float(f) => self.float(*f)?,
                        Value::Bool(true) => "true".into(),
                        Value::Bool(false) => "false".into(),
                        Value::None => "null".into(),
                        Value::Int(i) => i.to_string(),
                        _ if self.skipkeys => continue,
                        other => return Err(err("TypeError", format!("keys must be str, int, float, bool or None, not {}", class_name(other))).with_help("convert the keys with str(k), or pass skipkeys=True to leave such items out")),
                    };
                    if !first {
                        out.push_str(&self.item_sep);
                        if let Some(nl) = &nl {
                            out.push_str(nl);
                        }
                    }
                    first = false;
                    quote(&key, self.ensure_ascii, out);
                    out.push_str(&self.key_sep);
                    self.encode(it, x, level + 1, out)?;
                }
                self.close('}', level, out);
                self.leave();
            }
            // numpy's float64 scalars are floats to CPython's json.
            Value::Array(a) if !a.jax() && a.ndim() == 0 && a.dtype() == DType::F64 => {
                let f = it.force(a)?.get(0).to_f64();
                out.push_str(&self.float(f)?);
            }
            other => {
                let Some(default) = self.default.clone() else {
                    let what = class_name(other);
                    let help = if matches!(other, Value::Array(_)) { "convert arrays with .tolist() (and numbers with float(x) or int(x)) first" } else { "pass default=f, a function that turns such objects into JSON types" };
                    return Err(err("TypeError", format!("Object of type {what} is not JSON serializable")).with_help(help));
                };
                self.enter(0)?;
                let r = it.call(&default, vec![other.clone()], vec![])?;
                self.encode(it, &r, level, out)?;
                self.leave();
            }
        }
        Ok(())
    }
}

/// The first item of a pair (the sort key of a dict item).
fn first_item(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match args.first() {
        Some(Value::Tuple(t)) if !t.is_empty() => Ok(t[0].clone()),
        _ => Ok(Value::None),
    }
}

/// The keyword arguments of `dumps` and `dump`.
fn encoder(it: &mut Interp, kw: &Kwargs, f: &str) -> Result<Encoder> {
    let mut e = Encoder {
        indent: None,
        item_sep: ", ".into(),
        key_sep: ": ".into(),
        sort_keys: false,
        skipkeys: false,
        ensure_ascii: true,
        allow_nan: true,
        check_circular: true,
        default: None,
        markers: Vec::new(),
        depth: 0,
    };
    let mut separators = None;
    for (k, v) in kw {
        match k.as_ref() {
            "indent" => {
                e.indent = match v {
                    Value::None => None,
                    Value::Str(s) => Some(s.to_string()),
                    Value::Int(_) | Value::Bool(_) => Some(" ".repeat(super::index(it, v)?.max(0) as usize)),
                    other => return Err(err("TypeError", format!("indent must be an int or a str, not {}", other.type_name())).with_help("pass indent=2 or indent='\\t'")),
                }
            }
            "separators" => {
                if !v.is_none() {
                    let parts = it.iterate(v)?;
                    match parts.as_slice() {
                        [Value::Str(a), Value::Str(b)] => separators = Some((a.to_string(), b.to_string())),
                        _ => return Err(err("TypeError", "separators must be an (item_separator, key_separator) pair of str").with_help("pass separators=(',', ':') for the most compact output")),
                    }
                }
            }
            "sort_keys" => e.sort_keys = it.truthy(v)?,
            "skipkeys" => e.skipkeys = it.truthy(v)?,
            "ensure_ascii" => e.ensure_ascii = it.truthy(v)?,
            "allow_nan" => e.allow_nan = it.truthy(v)?,
            "check_circular" => e.check_circular = it.truthy(v)?,
            "default" => e.default = if v.is_none() { None } else { Some(v.clone()) },
            "cls" if v.is_none() => {}
            "cls" => return Err(err("TypeError", "cls= (a JSONEncoder subclass) is not supported").with_help("pass default=f to encode other objects")),
            other => {
                let known = ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"];
                let mut d = err("TypeError", format!("JSONEncoder.__init__() got an unexpected keyword argument '{other}'"));
                d = d.with_help(match lang::native::closest(other, known.into_iter()) {
                    Some(b) => format!("did you mean '{b}'?"),
                    None => format!("{f} accepts: {}", known.join(", ")),
                });
                return Err(d);
            }
        }
    }
    match separators {
        Some((a, b)) => {
            e.item_sep = a;
            e.key_sep = b;
        }
        None if e.indent.is_some() => e.item_sep = ",".into(),
        None => {}
    }
    Ok(e)
}

fn dumps_to_string(it: &mut Interp, obj: &Value, kw: &Kwargs, f: &str) -> Result<String> {
    let mut e = encoder(it, kw, f)?;
    let mut out = String::new();
    e.encode(it, obj, 0, &mut out)?;
    Ok(out)
}

fn dumps(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 1, "dumps")?;
    Ok(Value::str(&dumps_to_string(it, &args[0], &kw, "dumps")?))
}

/// `fp.name(args)`: a method of any file-like object (a class instance with `write`/`read`,
/// `io.StringIO`, `sys.stdout`), looked up as an attribute and called, as Python does.
fn file_call(it: &mut Interp, fp: &Value, name: &str, args: Vec<Value>) -> Result<Value> {
    let f = it.getattr(fp, name)?;
    it.call(&f, args, vec![])
}

fn dump(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 2, 2, "dump")?;
    let s = dumps_to_string(it, &args[0], &kw, "dump")?;
    file_call(it, &args[1], "write", vec![Value::str(&s)])?;
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------
// Decoding.

/// CPython's `JSONDecodeError`: the message with its line, column and character position.
fn decode_error(msg: &str, doc: &[char], pos: usize) -> Diagnostic {
    let before = &doc[..pos.min(doc.len())];
    let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
    let colno = match before.iter().rposition(|&c| c == '\n') {
        Some(i) => pos - i,
        None => pos + 1,
    };
    let help = match msg {
        "Expecting value" => "a JSON value (a number, string, true/false/null, [...] or {...}) was expected here",
        "Extra data" => "the text holds more after the first JSON value; json.loads reads exactly one",
        "Expecting property name enclosed in double quotes" => "JSON object keys are strings in double quotes, and JSON has no trailing commas",
        m if m.starts_with("Unexpected UTF-8 BOM") => "strip the leading '\\ufeff' from the text first",
        _ => "the text is not valid JSON at this position",
    };
    err("JSONDecodeError", format!("{msg}: line {lineno} column {colno} (char {pos})")).with_help(help)
}

/// Why `scan_once` found no value at a position (CPython's StopIteration), or a real error.
enum Fail {
    NoValue(usize),
    Error(Diagnostic),
}

impl From<Diagnostic> for Fail {
    fn from(d: Diagnostic) -> Fail {
        Fail::Error(d)
    }
}

struct Decoder<'a> {
    s: &'a [char],
    strict: bool,
    object_hook: Option<Value>,
    object_pairs_hook: Option<Value>,
    parse_float: Option<Value>,
    parse_int: Option<Value>,
    parse_constant: Option<Value>,
    depth: usize,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Decoder<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    fn error(&self, msg: &str, pos: usize) -> Fail {
        Fail::Error(decode_error(msg, self.s, pos))
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.at(i + k) == Some(c))
    }

    fn constant(&self, it: &mut Interp, name: &str, v: f64) -> std::result::Result<Value, Fail> {
        match &self.parse_constant {
            Some(f) => Ok(it.call(f, vec![Value::str(name)], vec![])?),
            None => Ok(Value::Float(v)),
        }
    }

    fn scan_once(&mut self, it: &mut Interp, idx: usize) -> std::result::Result<(Value, usize), Fail> {
        let Some(c) = self.at(idx) else {
            return Err(Fail::NoValue(idx));
        };
        match c {
            '"' => {
                let (s, end) = self.scanstring(idx + 1)?;
                Ok((Value::str(&s), end))
            }
            '{' => self.nested(it, idx, true),
            '[' => self.nested(it, idx, false),
            'n' if self.starts(idx, "null") => Ok((Value::None, idx + 4)),
            't' if self.starts(idx, "true") => Ok((Value::Bool(true), idx + 4)),
            'f' if self.starts(idx, "false") => Ok((Value::Bool(false), idx + 5)),
            'N' if self.starts(idx, "NaN") => Ok((self.constant(it, "NaN", f64::NAN)?, idx + 3)),
            'I' if self.starts(idx, "Infinity") => Ok((self.constant(it, "Infinity", f64::INFINITY)?, idx + 8)),
            '-' if self.starts(idx, "-Infinity") => Ok((self.constant(it, "-Infinity", f64::NEG_INFINITY)?, idx + 9)),
            _ => self.number(it, idx),
        }
    }

    fn nested(&mut self, it: &mut Interp, idx: usize, object: bool) -> std::result::Result<(Value, usize), Fail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let what = if object { "object" } else { "array" };
            return Err(Fail::Error(err("RecursionError", format!("maximum recursion depth exceeded while decoding a JSON {what} from a unicode string")).with_help("the JSON nests too deeply")));
        }
        let r = if object { self.object(it, idx + 1) } else { self.array(it, idx + 1) };
        self.depth -= 1;
        r
    }

    fn number(&mut self, it: &mut Interp, start: usize) -> std::result::Result<(Value, usize), Fail> {
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let mut idx = start;
        if self.at(idx) == Some('-') {
            idx += 1;
        }
        match self.at(idx) {
            Some('1'..='9') => {
                idx += 1;
                while digit(self.at(idx)) {
                    idx += 1;
                }
            }
            Some('0') => idx += 1,
            _ => return Err(Fail::NoValue(start)),
        }
        let mut is_float = false;
        if self.at(idx) == Some('.') && digit(self.at(idx + 1)) {
            is_float = true;
            idx += 2;
            while digit(self.at(idx)) {
                idx += 1;
            }
        }
        if matches!(self.at(idx), Some('e' | 'E')) && self.at(idx + 1).is_some() {
            let e_start = idx;
            idx += 1;
            if matches!(self.at(idx), Some('-' | '+')) && self.at(idx + 1).is_some() {
                idx += 1;
            }
            while digit(self.at(idx)) {
                idx += 1;
            }
            if digit(self.at(idx - 1)) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text: String = self.s[start..idx].iter().collect();
        let v = if is_float {
            match &self.parse_float {
                Some(f) => it.call(f, vec![Value::str(&text)], vec![])?,
                None => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
            }
        } else {
            match &self.parse_int {
                Some(f) => it.call(f, vec![Value::str(&text)], vec![])?,
                None => Value::Int(text.parse::<i64>().map_err(|_| {
                    err("OverflowError", format!("the JSON integer {text} does not fit in Slope's 64-bit ints")).with_help("pass parse_int=float to read large integers as floats")
                })?),
            }
        };
        Ok((v, idx))
    }

    /// A string's contents from `end` (just after the opening quote), as `_json.c`'s
    /// `scanstring_unicode`.
    fn scanstring(&self, mut end: usize) -> std::result::Result<(String, usize), Fail> {
        let begin = end - 1;
        let len = self.s.len();
        let mut out = String::new();
        loop {
            let mut next = end;
            let mut c = '\0';
            while next < len {
                c = self.s[next];
                if c == '"' || c == '\\' {
                    break;
                }
                if (c as u32) <= 0x1f && self.strict {
                    return Err(self.error("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= len || !(c == '"' || c == '\\') {
                return Err(self.error("Unterminated string starting at", begin));
            }
            out.extend(&self.s[end..next]);
            next += 1;
            if c == '"' {
                end = next;
                break;
            }
            if next == len {
                return Err(self.error("Unterminated string starting at", begin));
            }
            let e = self.s[next];
            if e != 'u' {
                end = next + 1;
                out.push(match e {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(self.error("Invalid \\escape", end - 2)),
                });
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(self.error("Invalid \\uXXXX escape", next - 1));
            }
            let hex4 = |from: usize| -> Option<u32> { self.s[from..from + 4].iter().try_fold(0u32, |acc, d| d.to_digit(16).map(|v| (acc << 4) | v)) };
            let Some(mut u) = hex4(next) else {
                return Err(self.error("Invalid \\uXXXX escape", end - 5));
            };
            next = end;
            if (0xd800..0xdc00).contains(&u) && end + 6 < len && self.s[next] == '\\' && self.s[next + 1] == 'u' {
                let Some(u2) = hex4(next + 2) else {
                    return Err(self.error("Invalid \\uXXXX escape", end + 1));
                };
                if (0xdc00..0xe000).contains(&u2) {
                    u = 0x10000 + (((u - 0xd800) << 10) | (u2 - 0xdc00));
                    end += 6;
                }
            }
            out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
        }
        Ok((out, end))
    }

    fn object(&mut self, it: &mut Interp, idx: usize) -> std::result::Result<(Value, usize), Fail> {
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != Some('}') {
            loop {
                if self.at(idx) != Some('"') {
                    return Err(self.error("Expecting property name enclosed in double quotes", idx));
                }
                let (key, next) = self.scanstring(idx + 1)?;
                idx = self.skip_ws(next);
                if self.at(idx) != Some(':') {
                    return Err(self.error("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                let (val, next) = self.scan_once(it, idx)?;
                pairs.push((Value::str(&key), val));
                idx = self.skip_ws(next);
                if self.at(idx) == Some('}') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(self.error("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        let end = idx + 1;
        if let Some(hook) = self.object_pairs_hook.clone() {
            let list = Value::list(pairs.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect());
            return Ok((it.call(&hook, vec![list], vec![])?, end));
        }
        let mut d = Dict::default();
        for (k, v) in pairs {
            let key = k.key()?;
            d.insert(k, key, v);
        }
        let mut obj = Value::dict(d);
        if let Some(hook) = self.object_hook.clone() {
            obj = it.call(&hook, vec![obj], vec![])?;
        }
        Ok((obj, end))
    }

    fn array(&mut self, it: &mut Interp, idx: usize) -> std::result::Result<(Value, usize), Fail> {
        let mut items = Vec::new();
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != Some(']') {
            loop {
                let (val, next) = self.scan_once(it, idx)?;
                items.push(val);
                idx = self.skip_ws(next);
                if self.at(idx) == Some(']') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(self.error("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((Value::list(items), idx + 1))
    }
}

fn loads_str(it: &mut Interp, s: &Value, kw: &Kwargs, f: &str) -> Result<Value> {
    let text = match s {
        Value::Str(t) => t.to_string(),
        other => return Err(err("TypeError", format!("the JSON object must be str, bytes or bytearray, not {}", other.type_name())).with_help("pass the JSON text as a str")),
    };
    let chars: Vec<char> = text.chars().collect();
    let hook = |name: &str| kwarg(kw, name).filter(|v| !v.is_none());
    for (k, _) in kw {
        let known = ["cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook", "strict"];
        if !known.contains(&k.as_ref()) {
            return Err(err("TypeError", format!("JSONDecoder.__init__() got an unexpected keyword argument '{k}'")).with_help(format!("{f} accepts: {}", known.join(", "))));
        }
    }
    if hook("cls").is_some() {
        return Err(err("TypeError", "cls= (a JSONDecoder subclass) is not supported").with_help("pass object_hook= to build other objects"));
    }
    let strict = match kwarg(kw, "strict") {
        Some(v) => it.truthy(&v)?,
        None => true,
    };
    let mut d = Decoder {
        s: &chars,
        strict,
        object_hook: hook("object_hook"),
        object_pairs_hook: hook("object_pairs_hook"),
        parse_float: hook("parse_float"),
        parse_int: hook("parse_int"),
        parse_constant: hook("parse_constant"),
        depth: 0,
    };
    if chars.first() == Some(&'\u{feff}') {
        return Err(decode_error("Unexpected UTF-8 BOM (decode using utf-8-sig)", &chars, 0));
    }
    let start = d.skip_ws(0);
    let (v, end) = match d.scan_once(it, start) {
        Ok(r) => r,
        Err(Fail::NoValue(pos)) => return Err(decode_error("Expecting value", &chars, pos)),
        Err(Fail::Error(e)) => return Err(e),
    };
    let end = d.skip_ws(end);
    if end != chars.len() {
        return Err(decode_error("Extra data", &chars, end));
    }
    Ok(v)
}

fn loads(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 1, "loads")?;
    loads_str(it, &args[0], &kw, "loads")
}

fn load(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 1, "load")?;
    let text = file_call(it, &args[0], "read", vec![])?;
    loads_str(it, &text, &kw, "load")
}

const FNS: &[Entry] = &[
    ("dumps", dumps, "dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, indent=None, separators=None, default=None, sort_keys=False): obj as a JSON str."),
    ("dump", dump, "dump(obj, fp, **kw): write dumps(obj, **kw) to the file-like fp with fp.write."),
    ("loads", loads, "loads(s, *, object_hook=None, parse_float=None, parse_int=None, parse_constant=None, object_pairs_hook=None, strict=True): the Python value of the JSON text s."),
    ("load", load, "load(fp, **kw): loads(fp.read(), **kw) for the file-like fp."),
];

/// The module `json`, with `JSONDecodeError` (a `ValueError`).
pub fn build(it: &mut Interp) -> Result<Value> {
    let m = module("json", FNS);
    set(&m, "JSONDecodeError", Value::Class(it.builtin_class("JSONDecodeError")));
    Ok(Value::Module(Rc::new(m)))
}

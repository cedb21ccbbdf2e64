//! Completion and inspection for the front ends (REPL tab completion, Jupyter's
//! `complete_request` and `inspect_request`). Reads the session's names, module members, array
//! attributes and function signatures; never runs user code (it may import a built-in module
//! and, for `inspect` on an array, compute the array's value to show it).
//!
//! What is completed at the cursor:
//! - a name: the session's globals, Python's builtins and keywords;
//! - `module.member` (`np.lins` → `linspace`), `array.method`, methods of lists, dicts and
//!   strings, attributes of dtypes, along a dotted chain of names (`np.linalg.no`);
//! - inside a call's parentheses, its keyword arguments (`f(x, be` → `beta=`): from the `def`
//!   of a user or std function, from the doc string of a native one;
//! - after `import` / `from`, module names; after `from M import`, the members of M.
//!
//! The text before the cursor is scanned with a small lexer that knows strings and comments,
//! so that nothing is completed inside them and brackets inside strings do not count.

use crate::interp::value::{Builtin, Closure, Value};
use crate::session::Session;
use crate::syntax::ast::ParamKind;
use std::collections::BTreeSet;

/// Completion candidates for the text before `cursor`: the matches and the byte range of `code`
/// they replace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completions {
    pub matches: Vec<String>,
    pub start: usize,
    pub end: usize,
}

/// Python keywords that Slope's syntax accepts, offered with names.
const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "break", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
];

/// Attributes of arrays that are not methods.
pub const ARRAY_ATTRS: &[&str] = &["T", "at", "dtype", "itemsize", "nbytes", "ndim", "real", "shape", "size"];

/// Array methods that are not numpy functions of the same name (the others are found by asking
/// the array for each of its numpy module's names).
pub const ARRAY_ONLY_METHODS: &[&str] = &["astype", "copy", "flatten", "item", "ravel", "tolist"];

/// Method names of Python's str, list, dict and tuple; each value keeps those it has.
const PY_METHODS: &[&str] = &[
    "append",
    "capitalize",
    "center",
    "clear",
    "copy",
    "count",
    "endswith",
    "extend",
    "find",
    "format",
    "get",
    "index",
    "insert",
    "isalpha",
    "isdigit",
    "items",
    "join",
    "keys",
    "ljust",
    "lower",
    "lstrip",
    "pop",
    "remove",
    "replace",
    "reverse",
    "rjust",
    "rstrip",
    "setdefault",
    "sort",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "title",
    "update",
    "upper",
    "values",
    "zfill",
];

impl Session {
    /// Complete the identifier (or `module.member`, `array.method`, keyword argument) that ends at
    /// byte `cursor` of `code`.
    pub fn complete(&mut self, code: &str, cursor: usize) -> Completions {
        let cursor = floor_boundary(code, cursor);
        let before = &code[..cursor];
        let scan = Scan::new(before);
        let start = ident_start(before);
        let prefix = &before[start..];
        let done = |matches: Vec<String>| Completions { matches, start, end: cursor };
        if scan.in_string || scan.in_comment {
            return done(Vec::new());
        }
        let wanted = |name: &str| name.starts_with(prefix) && (prefix.starts_with('_') || !name.starts_with('_'));

        // `import nu`, `from jax.nu`, `import numpy as np, ma`.
        if let Some(typed) = import_context(&before[scan.line_start..]) {
            let (start, names) = self.module_completions(cursor - typed.len(), typed);
            return Completions { matches: names, start, end: cursor };
        }

        // `from jax import gr`: the module's members.
        if let Some(module) = from_import_module(&before[scan.line_start..start]) {
            let Ok(m) = self.interp.import(module) else {
                return done(Vec::new());
            };
            let names: BTreeSet<String> = self.members(&m).into_iter().filter(|n| wanted(n)).collect();
            return done(names.into_iter().collect());
        }

        let head = &before[..start];
        if let Some(dot) = head.strip_suffix('.') {
            let chain = &dot[chain_start(dot)..];
            let Some(obj) = self.resolve(chain) else {
                return done(Vec::new());
            };
            let names: BTreeSet<String> = self.members(&obj).into_iter().filter(|n| wanted(n)).collect();
            return done(names.into_iter().collect());
        }

        let mut matches = Vec::new();
        if let Some(callee) = scan.open_call.map(|at| callee_before(&before[..at])).filter(|c| !c.is_empty()) {
            if let Some(f) = self.resolve(callee) {
                for p in self.keyword_params(&f) {
                    if p.starts_with(prefix) {
                        matches.push(format!("{p}="));
                    }
                }
            }
        }
        let mut names: BTreeSet<String> = BTreeSet::new();
        for scope in [&self.interp.globals, &self.interp.builtins] {
            names.extend(scope.vars.borrow().keys().filter(|k| wanted(k)).map(|k| k.to_string()));
        }
        names.extend(KEYWORDS.iter().filter(|k| wanted(k)).map(|k| k.to_string()));
        matches.extend(names);
        done(matches)
    }

    /// Help text for the name at byte `cursor` of `code`: signature and docstring of a function,
    /// shape and dtype of an array, the type and value of anything else. None when nothing is there.
    pub fn inspect(&mut self, code: &str, cursor: usize) -> Option<String> {
        let cursor = floor_boundary(code, cursor);
        // The dotted name under (or just before) the cursor.
        let end = cursor + code[cursor..].find(|c: char| !is_ident_char(c)).unwrap_or(code.len() - cursor);
        let mut expr = code[chain_start(&code[..end])..end].trim_end_matches('.');
        if expr.is_empty() || expr.starts_with(|c: char| c.is_ascii_digit()) {
            // Inside a call's parentheses: the function being called.
            let scan = Scan::new(&code[..cursor]);
            expr = callee_before(&code[..scan.open_call?]);
        }
        let v = self.resolve(expr)?;
        Some(self.describe(expr, &v))
    }

    /// The value of a dotted chain of names, without calling anything.
    fn resolve(&mut self, chain: &str) -> Option<Value> {
        let mut parts = chain.split('.');
        let first = parts.next().filter(|p| is_identifier(p))?;
        let mut v = self.interp.globals.lookup(first)?;
        for attr in parts {
            if !is_identifier(attr) {
                return None;
            }
            v = match &v {
                // Keep the array itself: enough to complete `x.T.` and cheap.
                Value::Array(_) if attr == "T" || attr == "real" => v.clone(),
                _ => self.interp.getattr(&v, attr).ok()?,
            };
        }
        Some(v)
    }

    /// The attribute names of a value.
    fn members(&mut self, v: &Value) -> Vec<String> {
        match v {
            Value::Module(m) => {
                let mut names: Vec<String> = m.attrs.borrow().keys().map(|k| k.to_string()).collect();
                let sub = format!("{}.", m.name);
                for full in self.interp.module_names() {
                    if let Some(rest) = full.strip_prefix(&sub) {
                        if !rest.contains('.') {
                            names.push(rest.to_string());
                        }
                    }
                }
                names
            }
            Value::Array(a) => {
                let mut names: Vec<String> = ARRAY_ATTRS.iter().map(|s| s.to_string()).collect();
                let np = if a.jax() { "jax.numpy" } else { "numpy" };
                let mut candidates: BTreeSet<String> = ARRAY_ONLY_METHODS.iter().map(|s| s.to_string()).collect();
                if let Ok(Value::Module(m)) = self.interp.import(np) {
                    candidates.extend(m.attrs.borrow().keys().filter(|k| !k.starts_with('_')).map(|k| k.to_string()));
                }
                for c in candidates {
                    if !ARRAY_ATTRS.contains(&c.as_str()) && matches!(self.interp.array_attr(a, &c), Ok(Value::Method(_))) {
                        names.push(c);
                    }
                }
                names
            }
            Value::List(_) | Value::Dict(_) | Value::Str(_) | Value::Tuple(_) => {
                PY_METHODS.iter().filter(|m| self.interp.getattr(v, m).is_ok()).map(|m| m.to_string()).collect()
            }
            Value::DType(..) => ["itemsize", "kind", "name"].iter().map(|s| s.to_string()).collect(),
            Value::Func(_) => ["__doc__", "__name__"].iter().map(|s| s.to_string()).collect(),
            Value::Exception(_) => vec!["args".into()],
            // An object's own attributes and its classes' (methods, properties); a class's.
            Value::Object(o) => {
                let mut names: Vec<String> = o.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect();
                names.extend(o.class.linear().filter(|c| !c.builtin).flat_map(|c| c.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect::<Vec<_>>()));
                names
            }
            Value::Class(c) if !c.builtin => c.linear().filter(|c| !c.builtin).flat_map(|c| c.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect::<Vec<_>>()).collect(),
            _ => Vec::new(),
        }
    }

    /// The names a call of `f` accepts as keyword arguments.
    fn keyword_params(&mut self, f: &Value) -> Vec<String> {
        match f {
            Value::Func(c) => c
                .def
                .params
                .iter()
                .filter(|p| matches!(p.kind, ParamKind::Normal | ParamKind::KwOnly))
                .map(|p| p.name.to_string())
                .collect(),
            Value::Builtin(b) => builtin_signature(b).map(|s| param_names(&s)).unwrap_or_default(),
            Value::Class(t) => crate::interp::builtins::type_doc(&t.name)
                .and_then(signature_of)
                .map(|s| param_names(&s))
                .unwrap_or_default(),
            Value::Method(m) => match self.array_method_function(m) {
                // The bound array is the first parameter.
                Some(func) => self.keyword_params(&func).into_iter().skip(1).collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The numpy function an array method forwards to (`x.sum` → `np.sum`).
    fn array_method_function(&mut self, m: &(Value, crate::syntax::ast::Name)) -> Option<Value> {
        let Value::Array(a) = &m.0 else {
            return None;
        };
        let np = self.interp.import(if a.jax() { "jax.numpy" } else { "numpy" }).ok()?;
        self.interp.getattr(&np, &m.1).ok()
    }

    /// Module names for an `import` statement: `typed` is the dotted name typed so far.
    fn module_completions(&self, typed_start: usize, typed: &str) -> (usize, Vec<String>) {
        let all = self.interp.module_names();
        // Complete the last component, like attributes.
        let (base, last) = match typed.rfind('.') {
            Some(i) => (&typed[..=i], &typed[i + 1..]),
            None => ("", typed),
        };
        let mut names = BTreeSet::new();
        for m in &all {
            if let Some(rest) = m.strip_prefix(base) {
                let component = rest.split('.').next().unwrap_or(rest);
                if component.starts_with(last) && !component.is_empty() {
                    names.insert(component.to_string());
                }
            }
        }
        (typed_start + base.len(), names.into_iter().collect())
    }

    /// The help text for `expr`, whose value is `v`.
    fn describe(&mut self, expr: &str, v: &Value) -> String {
        let field = |k: &str, text: &str| format!("{:<12}{text}\n", format!("{k}:"));
        match v {
            Value::Func(c) => {
                let doc = c.def.doc.as_deref().map(dedent).unwrap_or_else(|| "<no docstring>".into());
                format!("{}{}\n{doc}\n{}", field("Signature", &closure_signature(c)), "Docstring:", field("Type", "function"))
                    .trim_end()
                    .to_string()
                    + "\n"
            }
            Value::Builtin(b) => {
                let (sig, doc) = match builtin_doc(b) {
                    Some(d) => match signature_of(d) {
                        Some(sig) => (sig.clone(), d[sig.len()..].trim_start_matches(':').trim().to_string()),
                        None => (format!("{}(...)", b.name), d.to_string()),
                    },
                    None => (format!("{}(...)", b.name), String::new()),
                };
                let doc = if doc.is_empty() { "<no docstring>".to_string() } else { doc };
                format!("{}Docstring:\n{doc}\n{}", field("Signature", &sig), field("Type", "builtin_function_or_method"))
            }
            Value::Method(m) => {
                let owner = m.0.type_name();
                let mut text = match self.array_method_function(m) {
                    Some(f) => {
                        let inner = self.describe(&m.1, &f);
                        format!("Method {}.{} of a {owner}; the same as numpy's {}:\n\n{inner}", owner, m.1, m.1)
                    }
                    None => format!("{}{}", field("Type", "method"), field("Method of", &owner)),
                };
                if let Value::Array(a) = &m.0 {
                    text.push_str(&field(
                        "Bound to",
                        &format!("an array of shape {} and dtype {}", shape_text(a.shape()), a.dtype().name()),
                    ));
                }
                text
            }
            Value::Array(a) => {
                let mut text = field("Type", &v.type_name());
                text += &field("Shape", &shape_text(a.shape()));
                text += &field("Dtype", a.dtype().name());
                if let Ok(r) = self.interp.repr(v) {
                    text += &format!("String form:\n{}\n", truncate(&r, 2000));
                }
                text
            }
            Value::Module(m) => {
                let mut names: Vec<String> = self.members(v).into_iter().filter(|n| !n.starts_with('_')).collect();
                names.sort();
                names.dedup();
                let shown: Vec<&str> = names.iter().take(40).map(String::as_str).collect();
                let more = if names.len() > shown.len() {
                    format!(", … ({} names; complete `{expr}.` to see them)", names.len())
                } else {
                    String::new()
                };
                format!("{}{}Members:\n{}{more}\n", field("Type", "module"), field("Name", &m.name), shown.join(", "))
            }
            Value::Class(c) => {
                let t = c.qualified();
                let doc = match c.attrs.borrow().get("__doc__") {
                    Some(Value::Str(d)) => d.to_string(),
                    _ => crate::interp::builtins::type_doc(&c.name).unwrap_or_default().to_string(),
                };
                let mut text = field("Type", "type");
                text += &field("String form", &format!("<class '{t}'>"));
                if !doc.is_empty() {
                    text += &format!("Docstring:\n{doc}\n");
                }
                text
            }
            _ => {
                let mut text = field("Type", &v.type_name());
                if let Ok(r) = self.interp.repr(v) {
                    if r.contains('\n') {
                        text += &format!("String form:\n{}\n", truncate(&r, 2000));
                    } else {
                        text += &field("String form", &truncate(&r, 2000));
                    }
                }
                if let Value::Tuple(t) = v {
                    text += &field("Length", &t.len().to_string());
                } else if let Value::List(l) = v {
                    text += &field("Length", &l.borrow().len().to_string());
                } else if let Value::Dict(d) = v {
                    text += &field("Length", &d.borrow().len().to_string());
                }
                text
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Signatures.

/// `name(a, b=1, *args, c, **kw)` from a function's definition, defaults as written.
fn closure_signature(c: &Closure) -> String {
    let mut parts = Vec::new();
    let mut star_seen = false;
    for p in &c.def.params {
        let text = match p.kind {
            ParamKind::Normal | ParamKind::KwOnly => {
                if p.kind == ParamKind::KwOnly && !star_seen {
                    parts.push("*".to_string());
                    star_seen = true;
                }
                match &p.default {
                    Some(d) => format!("{}={}", p.name, c.src.text.get(d.span.range()).unwrap_or("…")),
                    None => p.name.to_string(),
                }
            }
            ParamKind::VarArgs => {
                star_seen = true;
                format!("*{}", p.name)
            }
            ParamKind::VarKw => format!("**{}", p.name),
        };
        parts.push(text);
    }
    let name = if c.def.is_lambda { "<lambda>" } else { &c.def.name };
    format!("{name}({})", parts.join(", "))
}

/// A native function's doc string: its own, else the table of Python's builtins.
fn builtin_doc(b: &Builtin) -> Option<&'static str> {
    (!b.doc.is_empty()).then_some(b.doc)
}

fn builtin_signature(b: &Builtin) -> Option<String> {
    builtin_doc(b).and_then(signature_of)
}

/// The leading `name(...)` of a doc string such as `zeros(shape, dtype=float): …`.
fn signature_of(doc: &str) -> Option<String> {
    let open = doc.find('(')?;
    if !is_identifier(&doc[..open]) {
        return None;
    }
    let mut depth = 0usize;
    for (i, ch) in doc.char_indices().skip_while(|(i, _)| *i < open) {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(doc[..=i].to_string());
                }
            }
            _ => {}
        }
    }
    None
}

/// The parameter names of a signature that a caller may pass by keyword: `arange([start,]
/// stop[, step], dtype=None)` → start, stop, step, dtype.
fn param_names(sig: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (sig.find('('), sig.rfind(')')) else {
        return Vec::new();
    };
    let inner: String = sig[open + 1..close].chars().filter(|c| *c != '[' && *c != ']').collect();
    let mut out = Vec::new();
    for part in split_top(&inner) {
        let part = part.trim();
        if part.starts_with('*') || part.is_empty() || part == "/" {
            continue;
        }
        let name = part.split('=').next().unwrap_or("").trim();
        if is_identifier(name) && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// Split at commas outside brackets and quotes.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut last) = (0i32, None::<char>, 0);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(&s[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[last..]);
    out
}

// ---------------------------------------------------------------------------------------------
// Scanning the text before the cursor.

/// What a forward scan of the text before the cursor found.
struct Scan {
    in_string: bool,
    in_comment: bool,
    /// The byte offset of the innermost unclosed `(`, when that is the innermost open bracket.
    open_call: Option<usize>,
    /// The start of the line the cursor is on.
    line_start: usize,
}

impl Scan {
    fn new(text: &str) -> Scan {
        let b = text.as_bytes();
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let mut i = 0;
        let mut in_comment = false;
        let mut string: Option<(u8, bool)> = None; // (quote, triple)
        let mut line_start = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'\n' {
                line_start = i + 1;
            }
            if in_comment {
                if c == b'\n' {
                    in_comment = false;
                }
                i += 1;
                continue;
            }
            if let Some((q, triple)) = string {
                if c == b'\\' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if !triple {
                        string = None;
                    } else if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
                        string = None;
                        i += 3;
                        continue;
                    }
                } else if c == b'\n' && !triple {
                    // An unterminated one-line string ends with its line.
                    string = None;
                }
                i += 1;
                continue;
            }
            match c {
                b'#' => in_comment = true,
                b'\'' | b'"' => {
                    let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    string = Some((c, triple));
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => stack.push((c, i)),
                b')' | b']' | b'}' => {
                    stack.pop();
                }
                _ => {}
            }
            i += 1;
        }
        let open_call = match stack.last() {
            Some(&(b'(', at)) => Some(at),
            _ => None,
        };
        Scan { in_string: string.is_some(), in_comment, open_call, line_start }
    }
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic()) && chars.all(is_ident_char)
}

/// Where the identifier that ends `text` begins.
fn ident_start(text: &str) -> usize {
    text.char_indices().rev().take_while(|(_, c)| is_ident_char(*c)).last().map(|(i, _)| i).unwrap_or(text.len())
}

/// Where the dotted chain of names that ends `text` begins (`np.linalg` in `y = np.linalg`).
fn chain_start(text: &str) -> usize {
    let start = text.char_indices().rev().take_while(|(_, c)| is_ident_char(*c) || *c == '.').last().map(|(i, _)| i).unwrap_or(text.len());
    // A chain starts with a name, not a dot (`(x).y` is not resolved).
    start + text[start..].find(|c: char| c != '.').unwrap_or(text.len() - start)
}

/// The dotted name of the function called at the `(` that ends `text`.
fn callee_before(text: &str) -> &str {
    let t = text.trim_end();
    &t[chain_start(t)..]
}

/// The dotted module name typed so far when `line` is an import statement being written
/// (`import nu`, `from jax.nu`, `import numpy as np, ma`); None after `as` or `from m import`.
fn import_context(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let (from, rest) = match (trimmed.strip_prefix("import "), trimmed.strip_prefix("from ")) {
        (Some(r), _) => (false, r),
        (None, Some(r)) => (true, r),
        (None, None) => return None,
    };
    if from && rest.contains(',') {
        return None;
    }
    let segment = rest.rsplit(',').next().unwrap_or(rest).trim_start();
    if segment.chars().all(|c| is_ident_char(c) || c == '.') {
        Some(segment)
    } else {
        None
    }
}

/// The module of a `from M import a, b` statement whose names are being typed (`line` ends just
/// before the name at the cursor).
fn from_import_module(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("from ")?;
    let (module, names) = rest.split_once(" import ")?;
    let module = module.trim();
    let names_ok = names.chars().all(|c| is_ident_char(c) || c == ',' || c == ' ' || c == '(');
    (names_ok && !module.is_empty() && module.chars().all(|c| is_ident_char(c) || c == '.')).then_some(module)
}

fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn shape_text(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        dims => format!("({})", dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    format!("{}…", &s[..floor_boundary(s, max)])
}

/// A docstring without the common indentation of its lines after the first.
fn dedent(doc: &str) -> String {
    let mut lines = doc.lines();
    let first = lines.next().unwrap_or("").trim();
    let rest: Vec<&str> = lines.collect();
    let indent = rest.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let mut out = first.to_string();
    for l in rest {
        out.push('\n');
        out.push_str(l.get(indent..).unwrap_or(l.trim_start()));
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanning() {
        assert_eq!(Scan::new("f(a, 'x(").in_string, true);
        assert_eq!(Scan::new("f(a, 'x(', b").open_call, Some(1));
        assert_eq!(Scan::new("f(a)[0](").open_call, Some(7));
        assert_eq!(Scan::new("f([1, 2").open_call, None);
        assert!(Scan::new("x = 1  # f(").in_comment);
        assert!(!Scan::new("s = '''a\n(b'''\nf").in_string);
        assert_eq!(chain_start("y = np.linalg"), 4);
        assert_eq!(callee_before("z = np.linspace "), "np.linspace");
        assert_eq!(ident_start("np.lins"), 3);
    }

    #[test]
    fn signatures() {
        assert_eq!(signature_of("zeros(shape, dtype=float): an array of zeros").as_deref(), Some("zeros(shape, dtype=float)"));
        assert_eq!(param_names("arange([start,] stop[, step], dtype=None)"), ["start", "stop", "step", "dtype"]);
        assert_eq!(param_names("print(*values, sep=' ', end='\\n', flush=False)"), ["sep", "end", "flush"]);
        assert_eq!(import_context("import nu"), Some("nu"));
        assert_eq!(import_context("from jax.nu"), Some("jax.nu"));
        assert_eq!(import_context("import numpy as np, ma"), Some("ma"));
        assert_eq!(import_context("from jax import gr"), None);
    }

    fn session() -> Session {
        let mut s = Session::new(&[]);
        let outs = s.run_cell("import numpy as np\nxs = np.zeros((2, 3))\nwords = ['a']\ndef scale(alpha, beta=2.0, *rest, gamma=None):\n    \"\"\"Multiply alpha by beta.\n\n    More text.\n    \"\"\"\n    return alpha * beta\n");
        assert!(outs.is_empty(), "{outs:?}");
        s
    }

    fn complete(s: &mut Session, code: &str) -> Vec<String> {
        s.complete(code, code.len()).matches
    }

    #[test]
    fn completes_names_members_and_keyword_arguments() {
        let mut s = session();
        assert_eq!(complete(&mut s, "sca"), ["scale"]);
        assert_eq!(complete(&mut s, "wh"), ["while"]);
        assert!(complete(&mut s, "np.ze").contains(&"zeros".to_string()));
        assert_eq!(complete(&mut s, "xs.resh"), ["reshape"]);
        assert_eq!(complete(&mut s, "xs.T.sha"), ["shape"]);
        assert_eq!(complete(&mut s, "words.app"), ["append"]);
        assert_eq!(complete(&mut s, "scale(1, be"), ["beta="]);
        assert_eq!(complete(&mut s, "scale(1, ga"), ["gamma="]);
        assert_eq!(complete(&mut s, "np.zeros((2,), dt"), ["dtype="]);
        assert_eq!(complete(&mut s, "xs.sum(ax"), ["axis="]);
        // Keyword arguments first, then the names in scope (`set`, `setattr`), as IPython does.
        assert_eq!(complete(&mut s, "print('a', se")[0], "sep=");
        assert!(complete(&mut s, "print('a', se").contains(&"set".to_string()));
        assert_eq!(complete(&mut s, "import nu"), ["numpy"]);
        assert_eq!(complete(&mut s, "from jax.nu"), ["numpy"]);
        assert_eq!(complete(&mut s, "from numpy import zeros_l"), ["zeros_like"]);
        assert_eq!(complete(&mut s, "from numpy import pi, zeros_l"), ["zeros_like"]);
        assert!(complete(&mut s, "x = 'np.ze").is_empty());
        assert!(complete(&mut s, "# np.ze").is_empty());
        assert!(complete(&mut s, "_").contains(&"__name__".to_string()));
        assert!(!complete(&mut s, "").contains(&"__name__".to_string()));
        let c = s.complete("y = np.lins + 1", 11);
        assert_eq!((c.start, c.end), (7, 11));
    }

    #[test]
    fn inspects_functions_arrays_and_values() {
        let mut s = session();
        let f = s.inspect("scale(1)", 2).unwrap();
        assert!(f.contains("scale(alpha, beta=2.0, *rest, gamma=None)"), "{f}");
        assert!(f.contains("Multiply alpha by beta.\n\nMore text."), "{f}");
        let a = s.inspect("xs", 2).unwrap();
        assert!(a.contains("Shape:      (2, 3)") && a.contains("Dtype:      float64"), "{a}");
        let z = s.inspect("np.zeros((2,), ", 15).unwrap();
        assert!(z.contains("zeros(shape, dtype=float)"), "{z}");
        let m = s.inspect("xs.sum", 5).unwrap();
        assert!(m.contains("Bound to") && m.contains("(2, 3)"), "{m}");
        assert!(s.inspect("print", 0).unwrap().contains("sep=' '"));
        assert!(s.inspect("words", 0).unwrap().contains("Length:     1"));
        assert_eq!(s.inspect("nothing_here", 3), None);
        assert_eq!(s.inspect("", 0), None);
    }
}

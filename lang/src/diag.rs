//! Diagnostics: every error a user sees, with the source span it points at and a sentence on
//! what to do instead. Rendered with `ariadne`, coloured only when asked (on a TTY).

use crate::syntax::ast::Span;
use std::fmt;
use std::rc::Rc;

/// One piece of source text: a cell, a script, or a file of the standard library.
#[derive(Debug)]
pub struct Source {
    /// What the user calls it: `<cell 3>`, `train.py`, `<std numpy>`.
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Rc<Source> {
        Rc::new(Source { name: name.into(), text: text.into() })
    }
    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> usize {
        let end = (offset as usize).min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }
    /// Whether this is a file of the standard library (`<std numpy>`), not the user's code.
    pub fn is_std(&self) -> bool {
        self.name.starts_with("<std ")
    }
}

/// A place in a source: which source, and where.
#[derive(Clone, Debug)]
pub struct Loc {
    pub src: Rc<Source>,
    pub span: Span,
}

/// A traceback entry: the call site inside `func`.
#[derive(Clone, Debug)]
pub struct Frame {
    pub func: Rc<str>,
    pub loc: Loc,
}

/// What an error carries besides its text: the exception object a program raised (an
/// instance of its own exception class), for `except E as e` to give back.
#[derive(Clone)]
pub struct Payload(pub Rc<dyn std::any::Any>);

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<exception object>")
    }
}

/// An error as the user sees it. `kind` is a Python exception name (`TypeError`, `ValueError`,
/// `IndexError`, …) so that `except` clauses and Jupyter's `ename` work as in Python.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub kind: Rc<str>,
    pub message: String,
    /// Where it happened; filled in by the interpreter as the error leaves the expression.
    pub loc: Option<Loc>,
    /// A sentence on what to do instead.
    pub help: Option<String>,
    /// Secondary places worth showing (a definition, an earlier shape).
    pub notes: Vec<(Loc, String)>,
    /// The call stack, outermost first.
    pub traceback: Vec<Frame>,
    /// The exception object, when the program raised one of its own classes.
    pub payload: Option<Payload>,
}

impl Diagnostic {
    /// The traceback as CPython's `traceback.format_exception` writes it: "Traceback (most
    /// recent call last):", a `File "…", line N, in f` entry and its source line per frame
    /// (the first `limit` frames only, or the last `-limit`), then "Kind: message".
    pub fn python_traceback(&self, limit: Option<i64>) -> String {
        let mut frames: Vec<(String, usize, String, String)> = Vec::new();
        let entry = |loc: &Loc, func: &str| {
            let line = loc.src.line_of(loc.span.start);
            let text = loc.src.text.lines().nth(line.saturating_sub(1)).unwrap_or("").trim().to_string();
            (loc.src.name.to_string(), line, func.to_string(), text)
        };
        for f in &self.traceback {
            frames.push(entry(&f.loc, &f.func));
        }
        if let Some(loc) = &self.loc {
            let e = entry(loc, &enclosing_def(loc));
            if !frames.iter().any(|l| (l.0.as_str(), l.1) == (e.0.as_str(), e.1)) {
                frames.push(e);
            }
        }
        let n = frames.len();
        let shown: Vec<&(String, usize, String, String)> = match limit {
            Some(l) if l >= 0 => frames.iter().take(l as usize).collect(),
            Some(l) => frames.iter().skip(n.saturating_sub(l.unsigned_abs() as usize)).collect(),
            None => frames.iter().collect(),
        };
        let mut out = String::new();
        if !shown.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for (file, line, func, text) in shown {
                out.push_str(&format!("  File \"{file}\", line {line}, in {func}\n"));
                if !text.is_empty() {
                    out.push_str(&format!("    {text}\n"));
                }
            }
        }
        if self.message.is_empty() {
            out.push_str(&format!("{}\n", self.kind));
        } else {
            out.push_str(&format!("{}: {}\n", self.kind, self.message));
        }
        out
    }

    pub fn new(kind: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { kind: kind.into(), message: message.into(), loc: None, help: None, notes: Vec::new(), traceback: Vec::new(), payload: None }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
    /// Attach a location unless one is already there (the innermost location wins).
    pub fn at(mut self, src: &Rc<Source>, span: Span) -> Diagnostic {
        if self.loc.is_none() {
            self.loc = Some(Loc { src: src.clone(), span });
        }
        self
    }
    pub fn with_note(mut self, src: &Rc<Source>, span: Span, note: impl Into<String>) -> Diagnostic {
        self.notes.push((Loc { src: src.clone(), span }, note.into()));
        self
    }

    /// Attach the place where an error leaves a piece of code (`span` in `src`, inside function
    /// `func`) on its way to the caller. An error raised inside the standard library reaching the
    /// user's code is reported at the user's line, not at a line of `std/py` they did not write
    /// (`std_to_user`); otherwise the innermost location stays, as with `at`.
    pub fn leaving(self, src: &Rc<Source>, span: Span, func: &Rc<str>) -> Diagnostic {
        if !src.is_std() && self.loc.as_ref().is_some_and(|l| l.src.is_std()) {
            self.std_to_user(src, span, func)
        } else {
            self.at(src, span)
        }
    }

    /// Move the location of an error raised inside the standard library to the user's call at
    /// `span` (in function `func`), keeping the standard library's place as the innermost
    /// traceback frame. A `# help: …` comment on the standard library line that raised it (or
    /// on the comment lines just above it) becomes the help sentence, if it has none.
    pub fn std_to_user(mut self, src: &Rc<Source>, span: Span, func: &Rc<str>) -> Diagnostic {
        let Some(inner) = self.loc.take() else { return self.at(src, span) };
        if self.help.is_none() {
            self.help = help_comment(&inner);
        }
        let name: Rc<str> = enclosing_def(&inner).into();
        self.traceback.insert(0, Frame { func: func.clone(), loc: Loc { src: src.clone(), span } });
        self.traceback.push(Frame { func: name, loc: inner });
        self.loc = Some(Loc { src: src.clone(), span });
        self
    }

    /// The one-line form: `TypeError: message`.
    pub fn headline(&self) -> String {
        format!("{}: {}", self.kind, self.message)
    }

    /// The full report: traceback, source excerpt with the span underlined, help.
    pub fn render(&self, color: bool) -> String {
        use ariadne::{Config, Label, Report, ReportKind};
        let mut out = String::new();
        if !self.traceback.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            // Like Python, collapse a frame repeated more than three times in a row.
            let mut i = 0;
            while i < self.traceback.len() {
                let f = &self.traceback[i];
                let same = |g: &Frame| g.func == f.func && g.loc.span == f.loc.span && Rc::ptr_eq(&g.loc.src, &f.loc.src);
                let mut j = i + 1;
                while j < self.traceback.len() && same(&self.traceback[j]) {
                    j += 1;
                }
                let line = f.loc.src.line_of(f.loc.span.start);
                let text = f.loc.src.text.lines().nth(line - 1).unwrap_or("").trim();
                let shown = (j - i).min(3);
                for _ in 0..shown {
                    out.push_str(&format!("  {}, line {}, in {}\n    {}\n", f.loc.src.name, line, f.func, text));
                }
                if j - i > shown {
                    out.push_str(&format!("  [Previous line repeated {} more times]\n", j - i - shown));
                }
                i = j;
            }
        }
        let Some(loc) = &self.loc else {
            out.push_str(&self.headline());
            out.push('\n');
            if let Some(h) = &self.help {
                out.push_str(&format!("help: {h}\n"));
            }
            return out;
        };
        // ariadne works in character offsets; convert from bytes.
        let to_chars = |src: &Source, span: Span| {
            let text = &src.text;
            let clamp = |b: usize| {
                let mut b = b.min(text.len());
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                text[..b].chars().count()
            };
            let (s, e) = (clamp(span.start as usize), clamp(span.end as usize));
            s..e.max(s)
        };
        let name = loc.src.name.clone();
        let mut report = Report::build(ReportKind::Custom(&self.kind, ariadne::Color::Red), (name.clone(), to_chars(&loc.src, loc.span)))
            .with_config(Config::default().with_color(color).with_index_type(ariadne::IndexType::Char))
            .with_message(&self.message)
            .with_label(Label::new((name.clone(), to_chars(&loc.src, loc.span))).with_message(short_label(&self.message)));
        let mut sources: Vec<(String, String)> = vec![(name.clone(), loc.src.text.clone())];
        for (nloc, note) in &self.notes {
            if !sources.iter().any(|(n, _)| n == &nloc.src.name) {
                sources.push((nloc.src.name.clone(), nloc.src.text.clone()));
            }
            report = report.with_label(Label::new((nloc.src.name.clone(), to_chars(&nloc.src, nloc.span))).with_message(note));
        }
        if let Some(h) = &self.help {
            report = report.with_help(h);
        }
        let mut buf = Vec::new();
        let cache = ariadne::sources(sources);
        if report.finish().write(cache, &mut buf).is_ok() {
            let text = String::from_utf8_lossy(&buf);
            // ariadne colours a custom report kind even when colour is off: strip the escapes.
            out.push_str(&if color { text.into_owned() } else { strip_ansi(&text) });
        } else {
            out.push_str(&self.headline());
            out.push('\n');
        }
        out
    }
}

/// The help sentence written for a standard library `raise`: a `# help: …` comment at the end
/// of the line where the raised expression ends, or a block of comments just above the raise
/// whose first line starts with `# help:` (the block's lines are joined).
fn help_comment(loc: &Loc) -> Option<String> {
    let lines: Vec<&str> = loc.src.text.lines().collect();
    let last = loc.src.line_of(loc.span.end).checked_sub(1)?;
    if let Some((_, h)) = lines.get(last)?.split_once("# help:") {
        return Some(h.trim().to_string());
    }
    let first = loc.src.line_of(loc.span.start).checked_sub(1)?;
    let mut block = Vec::new();
    for l in lines[..first].iter().rev().map(|l| l.trim()) {
        let Some(c) = l.strip_prefix('#') else { break };
        block.push(c.trim());
        if let Some(h) = c.trim().strip_prefix("help:") {
            *block.last_mut()? = h.trim();
            block.reverse();
            return Some(block.join(" "));
        }
    }
    None
}

/// The name of the function whose body holds `loc`: the nearest `def` above it that is indented
/// less than its line.
fn enclosing_def(loc: &Loc) -> String {
    let lines: Vec<&str> = loc.src.text.lines().collect();
    let at = loc.src.line_of(loc.span.start) - 1;
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut limit = lines.get(at).map_or(usize::MAX, |l| indent(l));
    for l in lines[..at.min(lines.len())].iter().rev() {
        if l.trim().is_empty() || indent(l) >= limit {
            continue;
        }
        if let Some(rest) = l.trim_start().strip_prefix("def ") {
            return rest.split(['(', ':', ' ']).next().unwrap_or(rest).to_string();
        }
        limit = indent(l);
    }
    "<module>".into()
}

/// Remove ANSI escape sequences (`ESC [ ... letter`).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn short_label(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    if first.len() > 60 {
        "here".to_string()
    } else {
        first.to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Build a diagnostic and return it as an `Err`: `bail!("TypeError", "…")`.
#[macro_export]
macro_rules! err {
    ($kind:expr, $($fmt:tt)*) => {
        $crate::diag::Diagnostic::new($kind, format!($($fmt)*))
    };
}

pub type Result<T, E = Diagnostic> = std::result::Result<T, E>;

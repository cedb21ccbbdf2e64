//! The line editor's helper: when Enter submits a cell or opens a new line (decided by the
//! language's own `is_complete`), syntax highlighting with bracket matching, completion through
//! `Session::complete`, and hints from history. Reads the session; never runs code.

use lang::{is_complete, Completeness};
use lang::Session;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Cmd, ConditionalEventHandler, Context, Event, EventContext, Helper, RepeatCount};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What Enter does with the text typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Enter {
    /// Run it as one cell.
    Submit,
    /// Open a new line with this indentation.
    NewLine(String),
}

/// Decide what Enter does with `buffer` (IPython's rules, via `is_complete`): complete or invalid
/// input runs; an open block, bracket or string continues, indented; a blank last line forces the
/// cell to run (so two Enters always submit). A `%%` cell magic runs at its first blank line.
pub fn on_enter(buffer: &str) -> Enter {
    if buffer.trim().is_empty() {
        return Enter::Submit;
    }
    let multi = buffer.contains('\n');
    let last_blank = multi && buffer.rsplit('\n').next().is_some_and(|l| l.trim().is_empty());
    if last_blank {
        return Enter::Submit;
    }
    if buffer.trim_start().starts_with("%%") {
        return Enter::NewLine(String::new());
    }
    match is_complete(buffer) {
        Completeness::Complete | Completeness::Invalid => Enter::Submit,
        Completeness::Incomplete { indent } => Enter::NewLine(indent),
    }
}

/// What Enter does to `line` with the cursor at `pos`: run the cell, or open a new line
/// indented as the code asks (or, inside the text, as the line it splits). In a paste
/// (`pasted`), the new line gets no indentation: the pasted lines carry their own, and adding
/// ours would double it.
pub fn enter_command(line: &str, pos: usize, pasted: bool) -> Cmd {
    match on_enter(line) {
        Enter::Submit => Cmd::AcceptLine,
        Enter::NewLine(_) if pasted => Cmd::Insert(1, "\n".into()),
        Enter::NewLine(indent) if pos >= line.len() => Cmd::Insert(1, format!("\n{indent}")),
        // Inside the text: split the line, keeping its indentation.
        Enter::NewLine(_) => {
            let start = line[..pos].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = line[start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            Cmd::Insert(1, format!("\n{indent}"))
        }
    }
}

/// How soon after the key before it an Enter must come to be part of a paste rather than typed
/// (`SLOPE_PASTE_GAP_MS`, default 30; 0 turns paste detection off). A terminal without bracketed
/// paste sends a paste as keys, Enter included, which the editor processes back to back (about
/// a millisecond apart in a debug build); people take well over 30 ms from a line's last key to
/// Enter. A slow remote link may deliver a paste in pieces further apart.
pub fn paste_gap() -> Duration {
    let ms = std::env::var("SLOPE_PASTE_GAP_MS").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(30);
    Duration::from_millis(ms)
}

/// When the editor last handled a key, shared by the key handlers.
pub type KeyClock = Arc<Mutex<Option<Instant>>>;

/// Whether a key comes within `gap` of the one before it (which `clock` remembers); the clock
/// then holds this key's time.
fn within(clock: &KeyClock, gap: Duration) -> bool {
    let now = Instant::now();
    let Ok(mut last) = clock.lock() else { return false };
    let quick = last.is_some_and(|t| now.duration_since(t) < gap);
    *last = Some(now);
    quick
}

/// Enter: submit or open an indented line (`enter_command`), unindented in a paste.
pub struct EnterHandler {
    pub clock: KeyClock,
    pub gap: Duration,
}

impl ConditionalEventHandler for EnterHandler {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let pasted = within(&self.clock, self.gap);
        Some(enter_command(ctx.line(), ctx.pos(), pasted))
    }
}

/// Every other key: notes its time on the clock, and leaves the key to the editor.
pub struct KeyTimer(pub KeyClock);

impl ConditionalEventHandler for KeyTimer {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, _: &EventContext) -> Option<Cmd> {
        within(&self.0, Duration::ZERO);
        None
    }
}

pub struct SlopeHelper {
    pub session: Rc<RefCell<Session>>,
    pub color: bool,
    hinter: HistoryHinter,
    /// Whether the next redraw marks the brackets at the cursor (not on the final redraw of an
    /// accepted line).
    brackets: Cell<bool>,
}

impl SlopeHelper {
    pub fn new(session: Rc<RefCell<Session>>, color: bool) -> SlopeHelper {
        SlopeHelper { session, color, hinter: HistoryHinter::new(), brackets: Cell::new(true) }
    }
}

impl Helper for SlopeHelper {}

impl Completer for SlopeHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let Ok(mut session) = self.session.try_borrow_mut() else {
            return Ok((pos, Vec::new()));
        };
        let c = session.complete(line, pos);
        let pairs = c.matches.into_iter().map(|m| Pair { display: m.clone(), replacement: m }).collect();
        Ok((c.start.min(pos), pairs))
    }
}

impl Hinter for SlopeHelper {
    type Hint = String;

    /// The rest of the latest history entry that starts with the line, up to its first newline.
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        let h = self.hinter.hint(line, pos, ctx)?;
        let h = h.split('\n').next().unwrap_or("").to_string();
        (!h.is_empty()).then_some(h)
    }
}

impl Validator for SlopeHelper {
    /// The same decision as Enter's, for terminals where rustyline reads plain lines.
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(match on_enter(ctx.input()) {
            Enter::Submit => ValidationResult::Valid(None),
            Enter::NewLine(_) => ValidationResult::Incomplete,
        })
    }
}

impl Highlighter for SlopeHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight(line, self.brackets.get().then_some(pos)))
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        if !self.color {
            return Cow::Borrowed(prompt);
        }
        Cow::Owned(format!("{GREEN}{prompt}{RESET}"))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if !self.color {
            return Cow::Borrowed(hint);
        }
        Cow::Owned(format!("{DIM}{hint}{RESET}"))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        // Re-highlight on every edit and cursor move: the matching bracket follows the cursor.
        self.brackets.set(kind != CmdKind::ForcedRefresh);
        self.color
    }
}

const RESET: &str = "\x1b[0m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const KEYWORD: &str = "\x1b[1;35m";
const BUILTIN: &str = "\x1b[36m";
const NUMBER: &str = "\x1b[33m";
const STRING: &str = "\x1b[32m";
const COMMENT: &str = "\x1b[2;3m";
const MAGIC: &str = "\x1b[1;34m";
const BRACKET: &str = "\x1b[1;4m";

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
];

const BUILTINS: &[&str] = &[
    "abs", "all", "any", "bool", "dict", "enumerate", "filter", "float", "int", "isinstance", "len", "list", "map", "max", "min", "print",
    "range", "repr", "reversed", "round", "sorted", "str", "sum", "tuple", "type", "zip",
];

/// A token class of the highlighter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Plain,
    Keyword,
    Builtin,
    Number,
    Str,
    Comment,
    Magic,
    Bracket,
}

/// Classify `line` into (byte range, class) runs. A string left open at the end (a triple-quoted
/// one spanning lines, say) runs to the end.
fn tokens(line: &str) -> Vec<(usize, usize, Class)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c == b' ' || c == b'\t' {
            i += 1;
            continue;
        }
        let at_line_start = line_start;
        line_start = false;
        if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            out.push((start, i, Class::Comment));
        } else if c == b'%' && at_line_start {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push((start, i, Class::Magic));
        } else if c == b'"' || c == b'\'' || (is_prefix(b, i) && i + 1 < b.len()) {
            // A string, with an optional prefix (f, r, b, rb, …).
            let mut j = i;
            while j < b.len() && b[j].is_ascii_alphabetic() {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') && j - i <= 2 {
                let q = b[j];
                let triple = j + 2 < b.len() && b[j + 1] == q && b[j + 2] == q;
                let mut k = j + if triple { 3 } else { 1 };
                loop {
                    if k >= b.len() {
                        break;
                    }
                    if b[k] == b'\\' {
                        k += 2;
                        continue;
                    }
                    if triple {
                        if k + 2 < b.len() && b[k] == q && b[k + 1] == q && b[k + 2] == q {
                            k += 3;
                            break;
                        }
                    } else if b[k] == q || b[k] == b'\n' {
                        k += 1;
                        break;
                    }
                    k += 1;
                }
                i = k.min(b.len());
                out.push((start, i, Class::Str));
            } else {
                i = word(b, i, &mut out);
            }
        } else if c.is_ascii_digit() || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit()) {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                // An exponent's sign belongs to the number.
                if (b[i] == b'e' || b[i] == b'E') && i + 1 < b.len() && (b[i + 1] == b'-' || b[i + 1] == b'+') {
                    i += 1;
                }
                i += 1;
            }
            out.push((start, i, Class::Number));
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            i = word(b, i, &mut out);
        } else if b"()[]{}".contains(&c) {
            i += 1;
            out.push((start, i, Class::Bracket));
        } else {
            i += 1;
        }
    }
    out
}

fn is_prefix(b: &[u8], i: usize) -> bool {
    matches!(b[i].to_ascii_lowercase(), b'f' | b'r' | b'b' | b'u') && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
}

/// A name from `i`: a keyword, a builtin (not after a dot) or plain. Returns where it ends.
fn word(b: &[u8], i: usize, out: &mut Vec<(usize, usize, Class)>) -> usize {
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80) {
        j += 1;
    }
    let w = std::str::from_utf8(&b[i..j]).unwrap_or("");
    let after_dot = i > 0 && b[i - 1] == b'.';
    let class = if KEYWORDS.contains(&w) {
        Class::Keyword
    } else if BUILTINS.contains(&w) && !after_dot {
        Class::Builtin
    } else {
        Class::Plain
    };
    if class != Class::Plain {
        out.push((i, j, class));
    }
    j
}

/// The bracket matching the one under the cursor (or just before it), as byte offsets.
fn matching_bracket(toks: &[(usize, usize, Class)], line: &[u8], pos: usize) -> Option<(usize, usize)> {
    let brackets: Vec<usize> = toks.iter().filter(|t| t.2 == Class::Bracket).map(|t| t.0).collect();
    let here = brackets.iter().position(|&p| p == pos).or_else(|| brackets.iter().position(|&p| p + 1 == pos))?;
    let open = |c: u8| matches!(c, b'(' | b'[' | b'{');
    let pair = |c: u8| match c {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        b')' => b'(',
        b']' => b'[',
        _ => b'{',
    };
    let c = line[brackets[here]];
    let mut depth = 0i32;
    if open(c) {
        for &p in &brackets[here..] {
            depth += if open(line[p]) { 1 } else { -1 };
            if depth == 0 {
                return (line[p] == pair(c)).then_some((brackets[here], p));
            }
        }
    } else {
        for &p in brackets[..=here].iter().rev() {
            depth += if open(line[p]) { -1 } else { 1 };
            if depth == 0 {
                return (line[p] == pair(c)).then_some((brackets[here], p));
            }
        }
    }
    None
}

/// `line` with ANSI colours: keywords, builtins, numbers, strings, comments, magics, and the pair
/// of brackets at the cursor `pos` (if given).
pub fn highlight(line: &str, pos: Option<usize>) -> String {
    let toks = tokens(line);
    let pair = pos.and_then(|p| matching_bracket(&toks, line.as_bytes(), p));
    let mut s = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for (a, b, class) in toks {
        s.push_str(&line[at..a]);
        let style = match class {
            Class::Plain => "",
            Class::Keyword => KEYWORD,
            Class::Builtin => BUILTIN,
            Class::Number => NUMBER,
            Class::Str => STRING,
            Class::Comment => COMMENT,
            Class::Magic => MAGIC,
            Class::Bracket => {
                if pair.is_some_and(|(x, y)| a == x || a == y) {
                    BRACKET
                } else {
                    ""
                }
            }
        };
        if style.is_empty() {
            s.push_str(&line[a..b]);
        } else {
            // A multi-line token is coloured line by line, so the editor's redraw stays in step.
            let parts: Vec<&str> = line[a..b].split('\n').collect();
            for (k, part) in parts.iter().enumerate() {
                if k > 0 {
                    s.push('\n');
                }
                if !part.is_empty() {
                    s.push_str(style);
                    s.push_str(part);
                    s.push_str(RESET);
                }
            }
        }
        at = b;
    }
    s.push_str(&line[at..]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_follows_the_parser() {
        assert_eq!(on_enter("1 + 1"), Enter::Submit);
        assert_eq!(on_enter("def f():"), Enter::NewLine("    ".into()));
        assert_eq!(on_enter("def f():\n    return 1"), Enter::NewLine("    ".into()));
        assert_eq!(on_enter("def f():\n    return 1\n    "), Enter::Submit);
        assert_eq!(on_enter("x = (1,"), Enter::NewLine("".into()));
        // Two Enters force even an open bracket to run (and fail with a syntax error).
        assert_eq!(on_enter("x = (1,\n"), Enter::Submit);
        assert_eq!(on_enter("%timeit f(x)"), Enter::Submit);
        assert_eq!(on_enter("np.linspace?"), Enter::Submit);
        assert_eq!(on_enter("%%timeit"), Enter::NewLine("".into()));
        assert_eq!(on_enter("%%timeit\nf(x)\n"), Enter::Submit);
    }

    /// The text after typing or pasting `lines` (Enter after each), as `enter_command` edits it.
    fn enter_lines(lines: &[&str], pasted: bool) -> String {
        let mut text = String::new();
        for (i, l) in lines.iter().enumerate() {
            text.push_str(l);
            if i + 1 < lines.len() {
                match enter_command(&text, text.len(), pasted) {
                    Cmd::Insert(1, s) => text.push_str(&s),
                    other => panic!("Enter on {text:?}: {other:?}"),
                }
            }
        }
        text
    }

    #[test]
    fn a_paste_keeps_its_own_indentation() {
        // Typed: Enter indents, and the lines are typed without their indentation.
        assert_eq!(enter_lines(&["def f(x):", "if x:", "return 1"], false), "def f(x):\n    if x:\n        return 1");
        // Pasted: each line as pasted, dedented `else:` included.
        let block = ["def f(x):", "    if x:", "        return 1", "    else:", "        return 2"];
        assert_eq!(enter_lines(&block, true), block.join("\n"));
        // The old doubling, had Enter indented a paste.
        assert_eq!(enter_lines(&block[..2], false), "def f(x):\n        if x:");
        assert_eq!(enter_command("x = 1", 5, true), Cmd::AcceptLine);
    }

    #[test]
    fn highlighting_classes() {
        let h = highlight("def f(x): return 1.5e-3 + len('a#b')  # note", Some(0));
        assert!(h.contains(&format!("{KEYWORD}def{RESET}")));
        assert!(h.contains(&format!("{NUMBER}1.5e-3{RESET}")));
        assert!(h.contains(&format!("{BUILTIN}len{RESET}")));
        assert!(h.contains(&format!("{STRING}'a#b'{RESET}")));
        assert!(h.contains(&format!("{COMMENT}# note{RESET}")));
        assert!(!highlight("x.sum", Some(0)).contains(BUILTIN));
        assert!(highlight("%timeit f(x)", Some(0)).starts_with(&format!("{MAGIC}%timeit{RESET}")));
        // The brackets around the cursor's bracket are marked; the stripped text is unchanged.
        let h = highlight("f(g(x))", Some(1));
        assert_eq!(h.matches(BRACKET).count(), 2);
        assert_eq!(lang::strip_ansi(&h), "f(g(x))");
        assert_eq!(lang::strip_ansi(&highlight("s = '''a\nb'''\nx", Some(0))), "s = '''a\nb'''\nx");
        assert!(!highlight("f(g(x))", None).contains(BRACKET));
    }
}

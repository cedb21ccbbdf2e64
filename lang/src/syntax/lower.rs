//! Lowering ruff's Python AST to Slope's AST, and deciding whether REPL input is complete.
//!
//! This module owns the boundary between Python's full grammar and the subset Slope runs:
//! `parse` runs `ruff_python_parser` over a whole cell, turns its first syntax error into a
//! `Diagnostic`, then walks the tree once, building `ast` nodes with byte spans and rejecting
//! every construct outside the language with a `SyntaxError` that says what to write instead.
//! `is_complete` answers the REPL's and Jupyter's question "run this now, or read another line?"
//! with IPython's semantics.
//!
//! Choices made here that later stages rely on:
//! - A function's docstring is copied into `FuncDef::doc` *and* kept in the body as an
//!   expression statement, so a body is never empty.
//! - Generator expressions become `ListComp` (evaluated eagerly).
//! - `elif` chains become nested `If`s in `orelse`, each spanning from its `elif` to the end.
//! - `x: T = v` becomes a plain `Assign`; parameter and return annotations are dropped.
//! - `raise X from Y` becomes `Raise { exc: X }`; the cause is dropped.
//! - `-<int literal>` is folded into one constant so that `-9223372036854775808` fits in `i64`.
//! - `{x=}` in an f-string keeps the text between the braces (up to `!`/`:`) in `debug`; when
//!   there is neither a conversion nor a spec Python formats such a value with `repr`, which is
//!   the interpreter's business.

use super::ast::*;
use crate::diag::{Diagnostic, Source};
use ruff_python_ast as py;
use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{InterpolatedStringErrorType, LexicalErrorType, Mode, ParseError, ParseErrorType, ParseOptions};
use ruff_text_size::{Ranged, TextRange};
use std::rc::Rc;

/// Whether a piece of input is ready to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    /// More lines are needed; `indent` is the suggested indentation of the next line.
    Incomplete {
        indent: String,
    },
    Invalid,
}

/// The deepest bracket nesting, and the deepest expression or block nesting, that we accept.
/// Deeper input is rejected before it can exhaust the stack of the parser, of this lowering, or
/// of the interpreter that walks the result.
pub const MAX_NESTING: usize = 200;

/// Parse one cell (or file) into Slope statements.
pub fn parse(src: &Rc<Source>) -> Result<Vec<Stmt>, Diagnostic> {
    let text = src.text.as_str();
    let scan = scan_brackets(text);
    if let Some(at) = scan.too_deep {
        return Err(Diagnostic::new("SyntaxError", "too many nested parentheses")
            .at(src, Span::new(at, at.saturating_add(1)))
            .with_help(format!(
                "brackets may nest at most {MAX_NESTING} deep; name intermediate results instead"
            )));
    }
    if scan.too_indented {
        return Err(Diagnostic::new("SyntaxError", "too many levels of indentation")
            .at(src, Span::new(0, 0))
            .with_help(format!(
                "blocks may nest at most {MAX_INDENT} deep; move inner blocks into functions"
            )));
    }
    if let Some(limit) = too_many_operators(text) {
        return Err(Diagnostic::new("SyntaxError", "expression is too long to compile")
            .at(src, Span::new(limit, limit.saturating_add(1)))
            .with_help("split the expression into several statements"));
    }
    let Some(parsed) = ruff_python_parser::parse_unchecked(text, ParseOptions::from(Mode::Module)).try_into_module() else {
        return Err(Diagnostic::new("SyntaxError", "the input is not a module").at(src, Span::new(0, 0)));
    };
    if let Some(e) = parsed.errors().first() {
        return Err(parse_error(src, e, parsed.tokens()));
    }
    let mut lower = Lower {
        src,
        depth: 0,
        in_function: false,
        loops: 0,
        yields: false,
    };
    lower.block(parsed.suite())
}

/// A ruff parse error as a diagnostic, its message in Python's style and with advice.
fn parse_error(src: &Rc<Source>, e: &ParseError, tokens: &[ruff_python_ast::token::Token]) -> Diagnostic {
    let mut span = span_of(e.location);
    let mut message = clean_message(&e.error.to_string());
    let help: Option<String> = match &e.error {
        ParseErrorType::Lexical(LexicalErrorType::Eof) => match open_brackets(tokens).last() {
            Some(&(at, ch)) => {
                span = at;
                message = format!("'{ch}' was never closed");
                Some(format!("close it with '{}'", closing(ch)))
            }
            None => Some("the input ended in the middle of a statement".into()),
        },
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            message = "unterminated string literal".into();
            Some("close the string with the same quote it started with".into())
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            Some("indent this line exactly as far as one of the enclosing blocks".into())
        }
        ParseErrorType::UnexpectedIndentation => {
            message = "unexpected indent".into();
            Some("remove the extra indentation at the start of this line".into())
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            ..
        } => Some("a compound statement (`if`, `for`, `while`, `def`, `try`) ends its first line with `:`".into()),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Indent,
            ..
        } => {
            message = "expected an indented block".into();
            Some("indent the body of the block by four spaces (write `pass` for an empty one)".into())
        }
        ParseErrorType::SimpleStatementsOnSameLine => Some("put each statement on its own line, or separate them with `;`".into()),
        ParseErrorType::InvalidAssignmentTarget => {
            Some("only a name, `x[i]`, `x.attr` or a tuple or list of these can be assigned to".into())
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            Some("augmented assignment needs a single name, `x[i]` or `x.attr` on its left".into())
        }
        ParseErrorType::InvalidDeleteTarget => Some("only a name, `x[i]` or `x.attr` can be deleted".into()),
        ParseErrorType::PositionalAfterKeywordArgument => Some("move the positional arguments before the keyword arguments".into()),
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            Some("give this parameter a default too, or move it before the ones that have defaults".into())
        }
        ParseErrorType::ExpectedExpression => Some("an expression (a value, a name, a call…) is missing here".into()),
        _ => None,
    };
    if span.start as usize >= src.text.len() && !src.text.is_empty() {
        // Point at the last character rather than past the end, so the excerpt shows the line.
        let end = src.text.trim_end().len() as u32;
        span = Span::new(end.saturating_sub(1), end);
    }
    let mut d = Diagnostic::new("SyntaxError", message).at(src, span);
    // A bracket left open to the end of the input is the likely cause of most other errors,
    // as in `x = [1, 2` followed by another line.
    let unclosed = match &e.error {
        ParseErrorType::Lexical(LexicalErrorType::Eof) => None,
        _ => open_brackets(tokens).last().copied(),
    };
    if let Some((at, ch)) = unclosed {
        d = d.with_note(src, at, format!("this '{ch}' is never closed"));
    }
    match (help, unclosed) {
        (Some(h), _) => d.with_help(h),
        (None, Some((_, ch))) => d.with_help(format!("close the '{ch}' with '{}'", closing(ch))),
        (None, None) => d,
    }
}

/// Ruff's messages start with a capital and quote with backticks; Python's do neither.
fn clean_message(m: &str) -> String {
    let m = m.trim_end_matches('.');
    let mut chars = m.chars();
    let mut out = String::with_capacity(m.len());
    if let Some(first) = chars.next() {
        // Keep an acronym (`IPython`) as it is; lower-case an ordinary first word.
        let second_upper = m.chars().nth(1).is_some_and(|c| c.is_uppercase());
        if second_upper {
            out.push(first);
        } else {
            out.extend(first.to_lowercase());
        }
    }
    out.extend(chars.map(|c| if c == '`' { '\'' } else { c }));
    out
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

fn span_of(r: TextRange) -> Span {
    Span::new(r.start().to_u32(), r.end().to_u32())
}

fn sp(node: &impl Ranged) -> Span {
    span_of(node.range())
}

fn name(id: &py::name::Name) -> Name {
    Rc::from(id.as_str())
}

/// What a scan of the bracket tokens found.
struct BracketScan {
    /// How many brackets are still open at the end.
    open: usize,
    /// Roughly where nesting first went deeper than `MAX_NESTING`.
    too_deep: Option<u32>,
    /// Whether a closing bracket appeared with nothing open.
    sunken: bool,
    /// Whether blocks nest deeper than `MAX_INDENT`.
    too_indented: bool,
}

/// The deepest nesting of indented blocks, as in CPython.
pub const MAX_INDENT: usize = 100;

/// Track bracket nesting through ruff's lexer, which never recurses (unlike the parser and
/// everything that walks its tree), so that brackets inside strings and comments do not count.
fn scan_brackets(text: &str) -> BracketScan {
    let mut lexer = ruff_python_parser::lexer::lex(text, Mode::Module);
    let mut scan = BracketScan {
        open: 0,
        too_deep: None,
        sunken: false,
        too_indented: false,
    };
    let mut indent = 0usize;
    loop {
        match lexer.next_token() {
            TokenKind::EndOfFile => break,
            TokenKind::Indent => {
                indent += 1;
                if indent > MAX_INDENT {
                    scan.too_indented = true;
                    break;
                }
            }
            TokenKind::Dedent => indent = indent.saturating_sub(1),
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                scan.open += 1;
                if scan.open > MAX_NESTING {
                    scan.too_deep = Some(nth_open_bracket(text, MAX_NESTING + 1));
                    break;
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => match scan.open.checked_sub(1) {
                Some(n) => scan.open = n,
                None => scan.sunken = true,
            },
            _ => {}
        }
    }
    scan
}

/// The offset of roughly the `n`th opening bracket, for pointing a diagnostic at (the public
/// lexer does not give token offsets; this count ignores strings and comments).
fn nth_open_bracket(text: &str, n: usize) -> u32 {
    let mut seen = 0;
    for (i, b) in text.bytes().enumerate() {
        if matches!(b, b'(' | b'[' | b'{') {
            seen += 1;
            if seen == n {
                return i as u32;
            }
        }
    }
    0
}

/// The brackets left open at the end of a token stream, innermost last.
fn open_brackets(tokens: &[ruff_python_ast::token::Token]) -> Vec<(Span, char)> {
    let mut open = Vec::new();
    for t in tokens {
        match t.kind() {
            TokenKind::Lpar => open.push((sp(t), '(')),
            TokenKind::Lsqb => open.push((sp(t), '[')),
            TokenKind::Lbrace => open.push((sp(t), '{')),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// Chains of operators nest without brackets (`1+1+…`, `- - - x`, `a.b.c…`). Ruff parses them
/// without trouble, but dropping its tree, lowering it and interpreting it all recurse. Long
/// logical lines with very many operators are refused up front; returns where, if so.
fn too_many_operators(text: &str) -> Option<u32> {
    const LIMIT: usize = 20_000;
    if text.len() < LIMIT {
        return None;
    }
    let mut lexer = ruff_python_parser::lexer::lex(text, Mode::Module);
    let mut count = 0usize;
    loop {
        let kind = lexer.next_token();
        match kind {
            TokenKind::EndOfFile => return None,
            TokenKind::Newline => count = 0,
            k if k.is_operator()
                && !matches!(
                    k,
                    TokenKind::Comma
                        | TokenKind::Lpar
                        | TokenKind::Rpar
                        | TokenKind::Lsqb
                        | TokenKind::Rsqb
                        | TokenKind::Lbrace
                        | TokenKind::Rbrace
                        | TokenKind::Colon
                        | TokenKind::Semi
                ) =>
            {
                count += 1;
                if count > LIMIT {
                    return Some(0);
                }
            }
            TokenKind::Not | TokenKind::Lambda | TokenKind::If | TokenKind::And | TokenKind::Or | TokenKind::Await => {
                count += 1;
                if count > LIMIT {
                    return Some(0);
                }
            }
            _ => {}
        }
    }
}

struct Lower<'a> {
    src: &'a Rc<Source>,
    /// Current nesting of expressions and blocks.
    depth: usize,
    /// Whether we are inside a `def` or `lambda` (for `return`).
    in_function: bool,
    /// How many loops enclose us within the current function (for `break` and `continue`).
    loops: usize,
    /// Whether the function being lowered contains `yield` (it is a generator).
    yields: bool,
}

type R<T> = Result<T, Diagnostic>;

impl<'a> Lower<'a> {
    /// A `SyntaxError` for a construct outside the language.
    fn unsupported(&self, span: Span, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
        Diagnostic::new("SyntaxError", message).at(self.src, span).with_help(help)
    }

    /// The first line of a statement, for pointing at a compound statement's header.
    fn header(&self, range: TextRange) -> Span {
        let s = span_of(range);
        let text = self.src.text.get(s.range()).unwrap_or("");
        let first = text.find('\n').map_or(text, |n| &text[..n]).trim_end();
        Span::new(s.start, s.start + first.len() as u32)
    }

    fn nest(&mut self, span: Span) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.unsupported(
                span,
                "too many nested expressions or blocks",
                format!("expressions and blocks may nest at most {MAX_NESTING} deep; name intermediate results or split long chains of operators"),
            ));
        }
        Ok(())
    }

    fn block(&mut self, body: &[py::Stmt]) -> R<Vec<Stmt>> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&mut self, s: &py::Stmt) -> R<Stmt> {
        let span = sp(s);
        self.nest(span)?;
        let kind = self.stmt_kind(s, span);
        self.depth -= 1;
        Ok(Stmt { kind: kind?, span })
    }

    /// Dispatch on the kind of statement; as with expressions, each arm has its own function
    /// to keep the recursive frames small.
    fn stmt_kind(&mut self, s: &py::Stmt, span: Span) -> R<StmtKind> {
        match s {
            py::Stmt::FunctionDef(f) => self.s_functiondef(f),
            py::Stmt::ClassDef(c) => self.s_classdef(c),
            py::Stmt::Return(r) => self.s_return(r, span),
            py::Stmt::Delete(d) => self.s_delete(d),
            py::Stmt::TypeAlias(t) => self.s_typealias(t),
            py::Stmt::Assign(a) => self.s_assign(a),
            py::Stmt::AugAssign(a) => self.s_augassign(a),
            py::Stmt::AnnAssign(a) => self.s_annassign(a, span),
            py::Stmt::For(f) => self.s_for(f, span),
            py::Stmt::While(w) => self.s_while(w, span),
            py::Stmt::If(i) => self.s_if(i, span),
            py::Stmt::With(w) => self.s_with(w),
            py::Stmt::Match(m) => self.s_match(m),
            py::Stmt::Raise(r) => self.s_raise(r),
            py::Stmt::Try(t) => self.s_try(t),
            py::Stmt::Assert(a) => self.s_assert(a),
            py::Stmt::Import(i) => self.s_import(i, span),
            py::Stmt::ImportFrom(i) => self.s_importfrom(i, span),
            py::Stmt::Global(g) => self.s_global(g),
            py::Stmt::Nonlocal(n) => self.s_nonlocal(n),
            py::Stmt::Expr(e) => self.s_expr(e),
            py::Stmt::Pass(_) => self.s_pass(),
            py::Stmt::Break(_) => self.s_break(span),
            py::Stmt::Continue(_) => self.s_continue(span),
            py::Stmt::IpyEscapeCommand(_) => self.s_ipyescapecommand(span),
        }
    }

    #[inline(never)]
    fn s_functiondef(&mut self, f: &py::StmtFunctionDef) -> R<StmtKind> {
        Ok(StmtKind::FunctionDef(Rc::new(self.function_def(f)?)))
    }

    #[inline(never)]
    fn s_classdef(&mut self, c: &py::StmtClassDef) -> R<StmtKind> {
        let header = self.header(c.range);
        if let Some(tp) = &c.type_params {
            return Err(self.unsupported(
                span_of(tp.range),
                "type parameters are not supported",
                "Slope has no static types; leave out the `[...]` after the class name",
            ));
        }
        let decorators = c.decorator_list.iter().map(|d| self.expr(&d.expression)).collect::<R<Vec<_>>>()?;
        let mut bases = Vec::new();
        if let Some(a) = &c.arguments {
            for e in a.args.iter() {
                bases.push(match e {
                    py::Expr::Starred(st) => Arg::Star(self.expr(&st.value)?),
                    e => Arg::Pos(self.expr(e)?),
                });
            }
            for k in a.keywords.iter() {
                let v = self.expr(&k.value)?;
                bases.push(match &k.arg {
                    Some(n) => Arg::Kw(name(&n.id), v),
                    None => Arg::StarStar(v),
                });
            }
        }
        // A class body is not a function: `return` and `yield` are errors there, as in Python.
        let (outer_fn, outer_loops, outer_yields) = (self.in_function, self.loops, self.yields);
        self.in_function = false;
        self.loops = 0;
        let body = self.block(&c.body);
        self.in_function = outer_fn;
        self.loops = outer_loops;
        self.yields = outer_yields;
        Ok(StmtKind::ClassDef(Rc::new(ClassDef {
            name: name(&c.name.id),
            bases,
            body: body?,
            decorators,
            doc: docstring(&c.body),
            span: span_of(c.range),
            header,
        })))
    }

    #[inline(never)]
    fn s_return(&mut self, r: &py::StmtReturn, span: Span) -> R<StmtKind> {
        if !self.in_function {
            return Err(self.unsupported(
                span,
                "'return' outside function",
                "`return` may only appear inside a `def`; the last expression of a cell is its result",
            ));
        }
        Ok(StmtKind::Return(r.value.as_deref().map(|v| self.expr(v)).transpose()?))
    }

    #[inline(never)]
    fn s_delete(&mut self, d: &py::StmtDelete) -> R<StmtKind> {
        Ok(StmtKind::Del(d.targets.iter().map(|t| self.target(t)).collect::<R<_>>()?))
    }

    #[inline(never)]
    fn s_typealias(&mut self, t: &py::StmtTypeAlias) -> R<StmtKind> {
        Err(self.unsupported(
            span_of(t.range),
            "type aliases are not supported",
            "Slope has no static types; assign the value to a name with `=` instead",
        ))
    }

    #[inline(never)]
    fn s_assign(&mut self, a: &py::StmtAssign) -> R<StmtKind> {
        Ok(StmtKind::Assign {
            targets: a.targets.iter().map(|t| self.target(t)).collect::<R<_>>()?,
            value: self.expr(&a.value)?,
        })
    }

    #[inline(never)]
    fn s_augassign(&mut self, a: &py::StmtAugAssign) -> R<StmtKind> {
        let target = self.target(&a.target)?;
        if matches!(target, Target::Tuple(..) | Target::Starred(..)) {
            return Err(self.unsupported(
                sp(&*a.target),
                "illegal expression for augmented assignment",
                "augmented assignment needs a single name, `x[i]` or `x.attr` on its left",
            ));
        }
        Ok(StmtKind::AugAssign {
            target,
            op: binop(a.op),
            value: self.expr(&a.value)?,
        })
    }

    #[inline(never)]
    fn s_annassign(&mut self, a: &py::StmtAnnAssign, _span: Span) -> R<StmtKind> {
        let annotation: Rc<str> = self.src.text.get(sp(&*a.annotation).range()).unwrap_or("").into();
        Ok(StmtKind::AnnAssign {
            target: self.target(&a.target)?,
            annotation,
            value: a.value.as_deref().map(|v| self.expr(v)).transpose()?,
        })
    }

    #[inline(never)]
    fn s_for(&mut self, f: &py::StmtFor, span: Span) -> R<StmtKind> {
        if f.is_async {
            return Err(self.unsupported(
                self.header(f.range),
                "'async for' is not supported",
                "Slope has no coroutines; use a plain `for` loop",
            ));
        }
        let _ = span;
        let target = self.target(&f.target)?;
        let iter = self.expr(&f.iter)?;
        Ok(StmtKind::For {
            target,
            iter,
            body: self.loop_body(&f.body)?,
            orelse: self.block(&f.orelse)?,
        })
    }

    #[inline(never)]
    fn s_while(&mut self, w: &py::StmtWhile, span: Span) -> R<StmtKind> {
        let _ = span;
        Ok(StmtKind::While {
            test: self.expr(&w.test)?,
            body: self.loop_body(&w.body)?,
            orelse: self.block(&w.orelse)?,
        })
    }

    #[inline(never)]
    fn s_if(&mut self, i: &py::StmtIf, span: Span) -> R<StmtKind> {
        let test = self.expr(&i.test)?;
        let body = self.block(&i.body)?;
        let orelse = self.elif_chain(&i.elif_else_clauses, span.end)?;
        Ok(StmtKind::If { test, body, orelse })
    }

    #[inline(never)]
    fn s_with(&mut self, w: &py::StmtWith) -> R<StmtKind> {
        if w.is_async {
            return Err(self.unsupported(self.header(w.range), "'async with' is not supported", "Slope has no coroutines; use a plain `with`"));
        }
        let mut items = Vec::with_capacity(w.items.len());
        for it in &w.items {
            items.push(WithItem {
                context: self.expr(&it.context_expr)?,
                target: it.optional_vars.as_deref().map(|t| self.target(t)).transpose()?,
            });
        }
        Ok(StmtKind::With { items, body: self.block(&w.body)? })
    }

    #[inline(never)]
    fn s_match(&mut self, m: &py::StmtMatch) -> R<StmtKind> {
        let subject = self.expr(&m.subject)?;
        let mut cases = Vec::with_capacity(m.cases.len());
        for c in &m.cases {
            cases.push(MatchCase {
                pattern: self.pattern(&c.pattern)?,
                guard: c.guard.as_deref().map(|g| self.expr(g)).transpose()?,
                body: self.block(&c.body)?,
            });
        }
        Ok(StmtKind::Match { subject, cases })
    }

    fn pattern(&mut self, p: &py::Pattern) -> R<Pattern> {
        let kind = match p {
            py::Pattern::MatchValue(v) => PatternKind::Value(self.expr(&v.value)?),
            py::Pattern::MatchSingleton(v) => PatternKind::Singleton(match v.value {
                py::Singleton::None => None,
                py::Singleton::True => Some(true),
                py::Singleton::False => Some(false),
            }),
            py::Pattern::MatchSequence(v) => PatternKind::Sequence(v.patterns.iter().map(|q| self.pattern(q)).collect::<R<_>>()?),
            py::Pattern::MatchMapping(v) => PatternKind::Mapping {
                keys: v.keys.iter().map(|k| self.expr(k)).collect::<R<_>>()?,
                patterns: v.patterns.iter().map(|q| self.pattern(q)).collect::<R<_>>()?,
                rest: v.rest.as_ref().map(|n| name(&n.id)),
            },
            py::Pattern::MatchClass(v) => PatternKind::Class {
                cls: self.expr(&v.cls)?,
                patterns: v.arguments.patterns.iter().map(|q| self.pattern(q)).collect::<R<_>>()?,
                keywords: v.arguments.keywords.iter().map(|k| Ok((name(&k.attr.id), self.pattern(&k.pattern)?))).collect::<R<_>>()?,
            },
            py::Pattern::MatchStar(v) => PatternKind::Star(v.name.as_ref().map(|n| name(&n.id))),
            py::Pattern::MatchAs(v) => PatternKind::As {
                pattern: v.pattern.as_deref().map(|q| self.pattern(q).map(Box::new)).transpose()?,
                name: v.name.as_ref().map(|n| name(&n.id)),
            },
            py::Pattern::MatchOr(v) => PatternKind::Or(v.patterns.iter().map(|q| self.pattern(q)).collect::<R<_>>()?),
        };
        Ok(Pattern { kind, span: sp(p) })
    }

    #[inline(never)]
    fn s_raise(&mut self, r: &py::StmtRaise) -> R<StmtKind> {
        // The cause of `raise X from Y` is accepted and dropped.
        Ok(StmtKind::Raise {
            exc: r.exc.as_deref().map(|e| self.expr(e)).transpose()?,
        })
    }

    #[inline(never)]
    fn s_try(&mut self, t: &py::StmtTry) -> R<StmtKind> {
        if t.is_star {
            return Err(self.unsupported(
                self.header(t.range),
                "'except*' is not supported",
                "Slope has no exception groups; use a plain `except` clause",
            ));
        }
        let body = self.block(&t.body)?;
        let mut handlers = Vec::with_capacity(t.handlers.len());
        for h in &t.handlers {
            let py::ExceptHandler::ExceptHandler(h) = h;
            handlers.push(ExceptHandler {
                typ: h.type_.as_deref().map(|e| self.expr(e)).transpose()?,
                name: h.name.as_ref().map(|n| name(&n.id)),
                body: self.block(&h.body)?,
                span: span_of(h.range),
            });
        }
        Ok(StmtKind::Try {
            body,
            handlers,
            orelse: self.block(&t.orelse)?,
            finalbody: self.block(&t.finalbody)?,
        })
    }

    #[inline(never)]
    fn s_assert(&mut self, a: &py::StmtAssert) -> R<StmtKind> {
        Ok(StmtKind::Assert {
            test: self.expr(&a.test)?,
            msg: a.msg.as_deref().map(|m| self.expr(m)).transpose()?,
        })
    }

    #[inline(never)]
    fn s_import(&mut self, i: &py::StmtImport, span: Span) -> R<StmtKind> {
        if i.is_lazy {
            return Err(self.unsupported(span, "'lazy import' is not supported", "write a plain `import`"));
        }
        Ok(StmtKind::Import(i.names.iter().map(alias).collect()))
    }

    #[inline(never)]
    fn s_importfrom(&mut self, i: &py::StmtImportFrom, span: Span) -> R<StmtKind> {
        if i.is_lazy {
            return Err(self.unsupported(span, "'lazy from ... import' is not supported", "write a plain `from ... import`"));
        }
        let module = match (&i.module, i.level) {
            (Some(m), 0) => Rc::from(m.id.as_str()),
            _ => {
                return Err(self.unsupported(
                    span,
                    "relative imports are not supported",
                    "import the module by its full name, e.g. `from mylib.utils import f`",
                ))
            }
        };
        if i.names.iter().any(|a| a.name.id.as_str() == "*") {
            return Ok(StmtKind::ImportStar { module });
        }
        Ok(StmtKind::ImportFrom {
            module,
            names: i.names.iter().map(alias).collect(),
        })
    }

    #[inline(never)]
    fn s_global(&mut self, g: &py::StmtGlobal) -> R<StmtKind> {
        Ok(StmtKind::Global(g.names.iter().map(|n| name(&n.id)).collect()))
    }

    #[inline(never)]
    fn s_nonlocal(&mut self, n: &py::StmtNonlocal) -> R<StmtKind> {
        Ok(StmtKind::Nonlocal(n.names.iter().map(|n| name(&n.id)).collect()))
    }

    #[inline(never)]
    fn s_expr(&mut self, e: &py::StmtExpr) -> R<StmtKind> {
        Ok(StmtKind::Expr(self.expr(&e.value)?))
    }

    #[inline(never)]
    fn s_pass(&mut self) -> R<StmtKind> {
        Ok(StmtKind::Pass)
    }

    #[inline(never)]
    fn s_break(&mut self, span: Span) -> R<StmtKind> {
        if self.loops == 0 {
            return Err(self.unsupported(
                span,
                "'break' outside loop",
                "`break` may only appear inside a `for` or `while` loop",
            ));
        }
        Ok(StmtKind::Break)
    }

    #[inline(never)]
    fn s_continue(&mut self, span: Span) -> R<StmtKind> {
        if self.loops == 0 {
            return Err(self.unsupported(
                span,
                "'continue' not properly in loop",
                "`continue` may only appear inside a `for` or `while` loop",
            ));
        }
        Ok(StmtKind::Continue)
    }

    #[inline(never)]
    fn s_ipyescapecommand(&mut self, span: Span) -> R<StmtKind> {
        Err(self.unsupported(
            span,
            "IPython magics and shell escapes are not supported",
            "write the equivalent Python",
        ))
    }

    fn loop_body(&mut self, body: &[py::Stmt]) -> R<Vec<Stmt>> {
        self.loops += 1;
        let out = self.block(body);
        self.loops -= 1;
        out
    }

    /// `elif`/`else` clauses as the `orelse` of the enclosing `if`.
    fn elif_chain(&mut self, clauses: &[py::ElifElseClause], end: u32) -> R<Vec<Stmt>> {
        let Some((first, rest)) = clauses.split_first() else {
            return Ok(Vec::new());
        };
        match &first.test {
            None => self.block(&first.body),
            Some(test) => {
                let span = Span::new(first.range.start().to_u32(), end);
                self.nest(span)?;
                let out = (|| {
                    let test = self.expr(test)?;
                    let body = self.block(&first.body)?;
                    let orelse = self.elif_chain(rest, end)?;
                    Ok(vec![Stmt {
                        kind: StmtKind::If { test, body, orelse },
                        span,
                    }])
                })();
                self.depth -= 1;
                out
            }
        }
    }

    fn function_def(&mut self, f: &py::StmtFunctionDef) -> R<FuncDef> {
        let name_start = f.name.range.start().to_u32();
        let def_at = self
            .src
            .text
            .get(..name_start as usize)
            .and_then(|t| t.rfind("def"))
            .map_or(name_start, |i| i as u32);
        let header_end = f.returns.as_deref().map_or(f.parameters.range.end(), |r| r.range().end()).to_u32();
        let header = Span::new(def_at, header_end.max(def_at));
        if f.is_async {
            let start = self
                .src
                .text
                .get(..def_at as usize)
                .and_then(|t| t.rfind("async"))
                .map_or(def_at, |i| i as u32);
            return Err(self.unsupported(
                Span::new(start, header.end),
                "'async def' is not supported",
                "Slope has no coroutines; write a plain `def`",
            ));
        }
        if let Some(tp) = &f.type_params {
            return Err(self.unsupported(
                span_of(tp.range),
                "type parameters are not supported",
                "Slope has no static types; leave out the `[...]` after the function name",
            ));
        }
        let decorators = f.decorator_list.iter().map(|d| self.expr(&d.expression)).collect::<R<Vec<_>>>()?;
        let params = self.params(&f.parameters)?;
        let (outer_fn, outer_loops, outer_yields) = (self.in_function, self.loops, self.yields);
        self.in_function = true;
        self.loops = 0;
        self.yields = false;
        let body = self.block(&f.body);
        let is_generator = self.yields;
        self.in_function = outer_fn;
        self.loops = outer_loops;
        self.yields = outer_yields;
        let body = body?;
        Ok(FuncDef {
            name: name(&f.name.id),
            params,
            doc: docstring(&f.body),
            body,
            decorators,
            span: span_of(f.range),
            header,
            is_lambda: false,
            is_generator,
        })
    }

    fn params(&mut self, p: &py::Parameters) -> R<Vec<Param>> {
        let mut out = Vec::new();
        for pd in p.posonlyargs.iter().chain(p.args.iter()) {
            out.push(self.param(pd, ParamKind::Normal)?);
        }
        if let Some(v) = &p.vararg {
            out.push(Param {
                name: name(&v.name.id),
                kind: ParamKind::VarArgs,
                default: None,
                span: span_of(v.range),
            });
        }
        for pd in &p.kwonlyargs {
            out.push(self.param(pd, ParamKind::KwOnly)?);
        }
        if let Some(k) = &p.kwarg {
            out.push(Param {
                name: name(&k.name.id),
                kind: ParamKind::VarKw,
                default: None,
                span: span_of(k.range),
            });
        }
        Ok(out)
    }

    fn param(&mut self, pd: &py::ParameterWithDefault, kind: ParamKind) -> R<Param> {
        Ok(Param {
            name: name(&pd.parameter.name.id),
            kind,
            default: pd.default.as_deref().map(|d| self.expr(d)).transpose()?,
            span: span_of(pd.range),
        })
    }

    fn target(&mut self, e: &py::Expr) -> R<Target> {
        let span = sp(e);
        self.nest(span)?;
        let t = self.target_inner(e, span);
        self.depth -= 1;
        t
    }

    fn target_inner(&mut self, e: &py::Expr, span: Span) -> R<Target> {
        Ok(match e {
            py::Expr::Name(n) => Target::Name(name(&n.id), span),
            py::Expr::Tuple(py::ExprTuple { elts, .. }) | py::Expr::List(py::ExprList { elts, .. }) => {
                let elts = elts.iter().map(|t| self.target(t)).collect::<R<Vec<_>>>()?;
                if elts.iter().filter(|t| matches!(t, Target::Starred(..))).count() > 1 {
                    return Err(self.unsupported(
                        span,
                        "multiple starred expressions in assignment",
                        "at most one target of an unpacking may be starred",
                    ));
                }
                Target::Tuple(elts, span)
            }
            py::Expr::Subscript(s) => Target::Subscript {
                value: Box::new(self.expr(&s.value)?),
                index: Box::new(self.expr(&s.slice)?),
                span,
            },
            py::Expr::Attribute(a) => Target::Attribute {
                value: Box::new(self.expr(&a.value)?),
                attr: name(&a.attr.id),
                span,
            },
            py::Expr::Starred(s) => Target::Starred(Box::new(self.target(&s.value)?), span),
            _ => {
                return Err(self.unsupported(
                    span,
                    "cannot assign to this expression",
                    "only a name, `x[i]`, `x.attr` or a tuple or list of these can be assigned to",
                ))
            }
        })
    }

    fn expr(&mut self, e: &py::Expr) -> R<Expr> {
        let span = sp(e);
        self.nest(span)?;
        let kind = self.expr_kind(e, span);
        self.depth -= 1;
        Ok(Expr { kind: kind?, span })
    }

    fn boxed(&mut self, e: &py::Expr) -> R<Box<Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    fn exprs(&mut self, es: &[py::Expr]) -> R<Vec<Expr>> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    /// Dispatch on the kind of expression. Every arm lives in its own function so that this
    /// frame, which sits on the stack once per level of nesting, stays small.
    fn expr_kind(&mut self, e: &py::Expr, span: Span) -> R<ExprKind> {
        match e {
            py::Expr::BoolOp(b) => self.x_boolop(b),
            py::Expr::Named(n) => self.x_named(n, span),
            py::Expr::BinOp(b) => self.x_binop(b),
            py::Expr::UnaryOp(u) => self.x_unaryop(u),
            py::Expr::Lambda(l) => self.x_lambda(l, span),
            py::Expr::If(i) => self.x_if(i),
            py::Expr::Dict(d) => self.x_dict(d),
            py::Expr::Set(st) => self.x_set(st),
            py::Expr::ListComp(c) => self.x_listcomp(c),
            py::Expr::SetComp(c) => self.x_setcomp(c),
            py::Expr::DictComp(c) => self.x_dictcomp(c, span),
            py::Expr::Generator(g) => self.x_generator(g),
            py::Expr::Await(_) => self.x_await(span),
            py::Expr::Yield(y) => self.x_yield(y.value.as_deref(), false, span),
            py::Expr::YieldFrom(y) => self.x_yield(Some(&*y.value), true, span),
            py::Expr::Compare(c) => self.x_compare(c),
            py::Expr::Call(c) => self.x_call(c),
            py::Expr::FString(f) => self.x_fstring(f),
            py::Expr::TString(_) => self.x_tstring(span),
            py::Expr::StringLiteral(s) => self.x_stringliteral(s),
            py::Expr::BytesLiteral(_) => self.x_bytesliteral(span),
            py::Expr::NumberLiteral(n) => self.x_numberliteral(n, span),
            py::Expr::BooleanLiteral(b) => self.x_booleanliteral(b),
            py::Expr::NoneLiteral(_) => self.x_noneliteral(),
            py::Expr::EllipsisLiteral(_) => self.x_ellipsisliteral(),
            py::Expr::Attribute(a) => self.x_attribute(a),
            py::Expr::Subscript(s) => self.x_subscript(s),
            py::Expr::Starred(s) => self.x_starred(s),
            py::Expr::Name(n) => self.x_name(n),
            py::Expr::List(l) => self.x_list(l),
            py::Expr::Tuple(t) => self.x_tuple(t),
            py::Expr::Slice(s) => self.x_slice(s),
            py::Expr::IpyEscapeCommand(_) => self.x_ipyescapecommand(span),
        }
    }

    #[inline(never)]
    fn x_boolop(&mut self, b: &py::ExprBoolOp) -> R<ExprKind> {
        Ok(ExprKind::BoolOp {
            op: match b.op {
                py::BoolOp::And => BoolOp::And,
                py::BoolOp::Or => BoolOp::Or,
            },
            values: self.exprs(&b.values)?,
        })
    }

    #[inline(never)]
    fn x_named(&mut self, n: &py::ExprNamed, span: Span) -> R<ExprKind> {
        let py::Expr::Name(target) = &*n.target else {
            return Err(self.unsupported(span, "assignment expression target must be a name", "write `name := value`"));
        };
        Ok(ExprKind::Named { name: name(&target.id), value: self.boxed(&n.value)? })
    }

    #[inline(never)]
    fn x_binop(&mut self, b: &py::ExprBinOp) -> R<ExprKind> {
        Ok(ExprKind::BinOp {
            op: binop(b.op),
            left: self.boxed(&b.left)?,
            right: self.boxed(&b.right)?,
        })
    }

    #[inline(never)]
    fn x_unaryop(&mut self, u: &py::ExprUnaryOp) -> R<ExprKind> {
        Ok({
            if let (
                py::UnaryOp::USub,
                py::Expr::NumberLiteral(py::ExprNumberLiteral {
                    value: py::Number::Int(i), ..
                }),
            ) = (u.op, &*u.operand)
            {
                // Fold `-<int>` so that the most negative i64 can be written.
                if let Some(v) = i.to_string().parse::<i128>().ok().and_then(|v| i64::try_from(-v).ok()) {
                    return Ok(ExprKind::Const(Constant::Int(v)));
                }
            }
            let op = match u.op {
                py::UnaryOp::Invert => UnaryOp::Invert,
                py::UnaryOp::Not => UnaryOp::Not,
                py::UnaryOp::UAdd => UnaryOp::Pos,
                py::UnaryOp::USub => UnaryOp::Neg,
            };
            ExprKind::UnaryOp {
                op,
                operand: self.boxed(&u.operand)?,
            }
        })
    }

    #[inline(never)]
    fn x_lambda(&mut self, l: &py::ExprLambda, span: Span) -> R<ExprKind> {
        Ok(ExprKind::Lambda(Rc::new(self.lambda(l, span)?)))
    }

    #[inline(never)]
    fn x_if(&mut self, i: &py::ExprIf) -> R<ExprKind> {
        Ok(ExprKind::IfExp {
            test: self.boxed(&i.test)?,
            body: self.boxed(&i.body)?,
            orelse: self.boxed(&i.orelse)?,
        })
    }

    #[inline(never)]
    fn x_dict(&mut self, d: &py::ExprDict) -> R<ExprKind> {
        Ok({
            let mut items = Vec::with_capacity(d.items.len());
            for item in &d.items {
                let key = item.key.as_ref().map(|k| self.expr(k)).transpose()?;
                items.push((key, self.expr(&item.value)?));
            }
            ExprKind::Dict(items)
        })
    }

    #[inline(never)]
    fn x_set(&mut self, st: &py::ExprSet) -> R<ExprKind> {
        Ok(ExprKind::Set(self.exprs(&st.elts)?))
    }

    #[inline(never)]
    fn x_listcomp(&mut self, c: &py::ExprListComp) -> R<ExprKind> {
        Ok(ExprKind::ListComp {
            elt: self.boxed(&c.elt)?,
            generators: self.comprehensions(&c.generators)?,
        })
    }

    #[inline(never)]
    fn x_setcomp(&mut self, c: &py::ExprSetComp) -> R<ExprKind> {
        Ok(ExprKind::SetComp {
            elt: self.boxed(&c.elt)?,
            generators: self.comprehensions(&c.generators)?,
        })
    }

    #[inline(never)]
    fn x_dictcomp(&mut self, c: &py::ExprDictComp, span: Span) -> R<ExprKind> {
        Ok({
            let Some(key) = &c.key else {
                return Err(self.unsupported(
                    span,
                    "unpacking in a dict comprehension is not supported",
                    "merge the dicts with a loop instead",
                ));
            };
            ExprKind::DictComp {
                key: self.boxed(key)?,
                value: self.boxed(&c.value)?,
                generators: self.comprehensions(&c.generators)?,
            }
        })
    }

    #[inline(never)]
    fn x_generator(&mut self, g: &py::ExprGenerator) -> R<ExprKind> {
        Ok(ExprKind::GenExp {
            elt: self.boxed(&g.elt)?,
            generators: self.comprehensions(&g.generators)?,
        })
    }

    #[inline(never)]
    fn x_await(&self, span: Span) -> R<ExprKind> {
        Err(self.unsupported(
            span,
            "'await' is not supported",
            "Slope has no coroutines; call the function directly",
        ))
    }

    #[inline(never)]
    fn x_yield(&mut self, value: Option<&py::Expr>, from: bool, span: Span) -> R<ExprKind> {
        if !self.in_function {
            return Err(self.unsupported(span, "'yield' outside function", "`yield` may only appear inside a `def`, which it makes a generator"));
        }
        self.yields = true;
        let value = value.map(|v| self.boxed(v)).transpose()?;
        Ok(match (from, value) {
            (true, Some(v)) => ExprKind::YieldFrom(v),
            (_, v) => ExprKind::Yield(v),
        })
    }

    #[inline(never)]
    fn x_compare(&mut self, c: &py::ExprCompare) -> R<ExprKind> {
        Ok(ExprKind::Compare {
            left: self.boxed(&c.left)?,
            ops: c.ops.iter().map(|op| cmpop(*op)).collect(),
            comparators: self.exprs(&c.comparators)?,
        })
    }

    #[inline(never)]
    fn x_call(&mut self, c: &py::ExprCall) -> R<ExprKind> {
        Ok({
            let func = self.boxed(&c.func)?;
            let mut args = Vec::with_capacity(c.arguments.len());
            for a in c.arguments.iter_source_order() {
                args.push(match a {
                    py::ArgOrKeyword::Arg(py::Expr::Starred(s)) => Arg::Star(self.expr(&s.value)?),
                    py::ArgOrKeyword::Arg(e) => Arg::Pos(self.expr(e)?),
                    py::ArgOrKeyword::Keyword(k) => match &k.arg {
                        Some(n) => Arg::Kw(name(&n.id), self.expr(&k.value)?),
                        None => Arg::StarStar(self.expr(&k.value)?),
                    },
                });
            }
            ExprKind::Call { func, args }
        })
    }

    #[inline(never)]
    fn x_fstring(&mut self, f: &py::ExprFString) -> R<ExprKind> {
        Ok(ExprKind::FString(self.fstring(&f.value)?))
    }

    #[inline(never)]
    fn x_tstring(&self, span: Span) -> R<ExprKind> {
        Err(self.unsupported(span, "template strings (t-strings) are not supported", "use an f-string instead"))
    }

    #[inline(never)]
    fn x_stringliteral(&mut self, s: &py::ExprStringLiteral) -> R<ExprKind> {
        Ok(ExprKind::Const(Constant::Str(Rc::from(s.value.to_str()))))
    }

    #[inline(never)]
    fn x_bytesliteral(&self, span: Span) -> R<ExprKind> {
        Err(self.unsupported(span, "bytes literals are not supported", "use a str literal (drop the `b` prefix)"))
    }

    #[inline(never)]
    fn x_numberliteral(&mut self, n: &py::ExprNumberLiteral, span: Span) -> R<ExprKind> {
        Ok(ExprKind::Const(match &n.value {
                py::Number::Int(i) => match i.as_i64() {
                    Some(v) => Constant::Int(v),
                    None => {
                        return Err(self.unsupported(span, "integer literal is too large (OverflowError)", "integers are 64-bit in Slope and must lie between -2**63 and 2**63-1; write a float (`1e30`) if you need a larger magnitude"))
                    }
                },
                py::Number::Float(f) => Constant::Float(*f),
                py::Number::Complex { .. } => {
                    return Err(self.unsupported(span, "complex literals are not supported", "Slope has no complex numbers; keep the real and imaginary parts in two arrays"))
                }
            }))
    }

    #[inline(never)]
    fn x_booleanliteral(&mut self, b: &py::ExprBooleanLiteral) -> R<ExprKind> {
        Ok(ExprKind::Const(Constant::Bool(b.value)))
    }

    #[inline(never)]
    fn x_noneliteral(&self) -> R<ExprKind> {
        Ok(ExprKind::Const(Constant::None))
    }

    #[inline(never)]
    fn x_ellipsisliteral(&self) -> R<ExprKind> {
        Ok(ExprKind::Const(Constant::Ellipsis))
    }

    #[inline(never)]
    fn x_attribute(&mut self, a: &py::ExprAttribute) -> R<ExprKind> {
        Ok(ExprKind::Attribute {
            value: self.boxed(&a.value)?,
            attr: name(&a.attr.id),
        })
    }

    #[inline(never)]
    fn x_subscript(&mut self, s: &py::ExprSubscript) -> R<ExprKind> {
        Ok(ExprKind::Subscript {
            value: self.boxed(&s.value)?,
            index: self.boxed(&s.slice)?,
        })
    }

    #[inline(never)]
    fn x_starred(&mut self, s: &py::ExprStarred) -> R<ExprKind> {
        Ok(ExprKind::Starred(self.boxed(&s.value)?))
    }

    #[inline(never)]
    fn x_name(&mut self, n: &py::ExprName) -> R<ExprKind> {
        Ok(ExprKind::Name(name(&n.id)))
    }

    #[inline(never)]
    fn x_list(&mut self, l: &py::ExprList) -> R<ExprKind> {
        Ok(ExprKind::List(self.exprs(&l.elts)?))
    }

    #[inline(never)]
    fn x_tuple(&mut self, t: &py::ExprTuple) -> R<ExprKind> {
        Ok(ExprKind::Tuple(self.exprs(&t.elts)?))
    }

    #[inline(never)]
    fn x_slice(&mut self, s: &py::ExprSlice) -> R<ExprKind> {
        Ok(ExprKind::Slice {
            lower: s.lower.as_deref().map(|e| self.boxed(e)).transpose()?,
            upper: s.upper.as_deref().map(|e| self.boxed(e)).transpose()?,
            step: s.step.as_deref().map(|e| self.boxed(e)).transpose()?,
        })
    }

    #[inline(never)]
    fn x_ipyescapecommand(&self, span: Span) -> R<ExprKind> {
        Err(self.unsupported(
            span,
            "IPython magics and shell escapes are not supported",
            "write the equivalent Python",
        ))
    }

    fn lambda(&mut self, l: &py::ExprLambda, span: Span) -> R<FuncDef> {
        let params = match &l.parameters {
            Some(p) => self.params(p)?,
            None => Vec::new(),
        };
        let (outer_fn, outer_loops, outer_yields) = (self.in_function, self.loops, self.yields);
        self.in_function = true;
        self.loops = 0;
        self.yields = false;
        let body = self.expr(&l.body);
        let is_generator = self.yields;
        self.in_function = outer_fn;
        self.loops = outer_loops;
        self.yields = outer_yields;
        let body = body?;
        let header_end = l
            .parameters
            .as_ref()
            .map_or(span.start + "lambda".len() as u32, |p| p.range.end().to_u32());
        Ok(FuncDef {
            name: Rc::from("<lambda>"),
            params,
            body: vec![Stmt {
                span: body.span,
                kind: StmtKind::Return(Some(body)),
            }],
            decorators: Vec::new(),
            doc: None,
            span,
            header: Span::new(span.start, header_end.min(span.end)),
            is_lambda: true,
            is_generator,
        })
    }

    fn comprehensions(&mut self, gens: &[py::Comprehension]) -> R<Vec<Comprehension>> {
        let mut out = Vec::with_capacity(gens.len());
        for g in gens {
            if g.is_async {
                return Err(self.unsupported(
                    span_of(g.range),
                    "'async for' in a comprehension is not supported",
                    "Slope has no coroutines; use a plain `for`",
                ));
            }
            out.push(Comprehension {
                target: self.target(&g.target)?,
                iter: self.expr(&g.iter)?,
                ifs: self.exprs(&g.ifs)?,
            });
        }
        Ok(out)
    }

    /// An f-string, possibly implicitly concatenated with plain strings, as literal and
    /// replacement parts; adjacent literals are merged.
    fn fstring(&mut self, value: &py::FStringValue) -> R<Vec<FPart>> {
        let mut parts = Vec::new();
        for part in value.iter() {
            match part {
                py::FStringPart::Literal(s) => push_lit(&mut parts, &s.value),
                py::FStringPart::FString(f) => self.fstring_elements(&f.elements, &mut parts)?,
            }
        }
        Ok(parts)
    }

    fn fstring_elements(&mut self, elements: &[py::InterpolatedStringElement], parts: &mut Vec<FPart>) -> R<()> {
        for el in elements {
            match el {
                py::InterpolatedStringElement::Literal(l) => push_lit(parts, &l.value),
                py::InterpolatedStringElement::Interpolation(i) => {
                    self.nest(span_of(i.range))?;
                    let part = (|| {
                        let expr = self.boxed(&i.expression)?;
                        let mut spec = Vec::new();
                        if let Some(s) = &i.format_spec {
                            self.fstring_elements(&s.elements, &mut spec)?;
                        }
                        let conversion = match i.conversion {
                            py::ConversionFlag::None => None,
                            py::ConversionFlag::Str => Some('s'),
                            py::ConversionFlag::Repr => Some('r'),
                            py::ConversionFlag::Ascii => Some('a'),
                        };
                        Ok(FPart::Expr {
                            expr,
                            conversion,
                            spec,
                            debug: i.debug_text.as_ref().map(|d| Rc::from(d.as_str())),
                        })
                    })();
                    self.depth -= 1;
                    parts.push(part?);
                }
            }
        }
        Ok(())
    }
}

fn push_lit(parts: &mut Vec<FPart>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(FPart::Lit(prev)) = parts.last_mut() {
        let joined = format!("{prev}{s}");
        *prev = Rc::from(joined);
    } else {
        parts.push(FPart::Lit(Rc::from(s)));
    }
}

fn docstring(body: &[py::Stmt]) -> Option<Rc<str>> {
    match body.first() {
        Some(py::Stmt::Expr(e)) => match &*e.value {
            py::Expr::StringLiteral(s) => Some(Rc::from(s.value.to_str())),
            _ => None,
        },
        _ => None,
    }
}

fn alias(a: &py::Alias) -> Alias {
    Alias {
        name: Rc::from(a.name.id.as_str()),
        asname: a.asname.as_ref().map(|n| name(&n.id)),
        span: span_of(a.range),
    }
}

fn binop(op: py::Operator) -> BinOp {
    match op {
        py::Operator::Add => BinOp::Add,
        py::Operator::Sub => BinOp::Sub,
        py::Operator::Mult => BinOp::Mul,
        py::Operator::MatMult => BinOp::MatMul,
        py::Operator::Div => BinOp::Div,
        py::Operator::Mod => BinOp::Mod,
        py::Operator::Pow => BinOp::Pow,
        py::Operator::LShift => BinOp::LShift,
        py::Operator::RShift => BinOp::RShift,
        py::Operator::BitOr => BinOp::BitOr,
        py::Operator::BitXor => BinOp::BitXor,
        py::Operator::BitAnd => BinOp::BitAnd,
        py::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: py::CmpOp) -> CmpOp {
    match op {
        py::CmpOp::Eq => CmpOp::Eq,
        py::CmpOp::NotEq => CmpOp::NotEq,
        py::CmpOp::Lt => CmpOp::Lt,
        py::CmpOp::LtE => CmpOp::LtE,
        py::CmpOp::Gt => CmpOp::Gt,
        py::CmpOp::GtE => CmpOp::GtE,
        py::CmpOp::Is => CmpOp::Is,
        py::CmpOp::IsNot => CmpOp::IsNot,
        py::CmpOp::In => CmpOp::In,
        py::CmpOp::NotIn => CmpOp::NotIn,
    }
}

// ---------------------------------------------------------------------------------------------
// Completeness of REPL input.

/// Decide whether `code` should run now, needs more lines, or can never parse — IPython's
/// `TransformerManager.check_complete`, with ruff's lexer and parser in place of `tokenize` and
/// `codeop`:
/// - blank input is complete;
/// - a last line ending in `\`, an open bracket, or an unterminated triple-quoted string asks
///   for more, indented like the last line;
/// - a last logical line ending in `:` asks for more, four spaces deeper than that line (if an
///   indented `pass` there would make the code parse; otherwise it is invalid);
/// - a trailing decorator asks for the function it decorates;
/// - code that parses but ends inside an indented block is incomplete until the input ends in
///   a newline (the user entered a blank line);
/// - any other parse error makes it invalid.
pub fn is_complete(code: &str) -> Completeness {
    if code.trim().is_empty() {
        return Completeness::Complete;
    }
    // Like IPython: does the input end with a newline, ignoring trailing spaces?
    let ends_with_newline = code.trim_end_matches([' ', '\t', '\x0c']).ends_with('\n');
    let last_line = code.lines().last().unwrap_or("");
    let last_indent = indent_of(last_line);
    let incomplete = |indent: String| Completeness::Incomplete { indent };

    let scan = scan_brackets(code);
    if scan.too_deep.is_some() || scan.too_indented {
        return Completeness::Invalid;
    }
    // A backslash at the end of the last non-blank line continues it.
    if let Some(line) = code.lines().rev().find(|l| !l.trim().is_empty()) {
        if line.trim_end_matches(['\r', '\n']).ends_with('\\') {
            return incomplete(last_indent);
        }
    }
    if scan.sunken {
        return Completeness::Invalid;
    }
    if scan.open > 0 {
        return incomplete(last_indent);
    }

    let parsed = ruff_python_parser::parse_unchecked(code, ParseOptions::from(Mode::Module));
    if parsed.errors().iter().any(|e| unterminated_triple_quote(code, e)) {
        return incomplete(last_indent);
    }
    let tokens: Vec<(TokenKind, TextRange)> = parsed.tokens().iter().map(|t| (t.kind(), t.range())).collect();
    let significant = |k: TokenKind| {
        !matches!(
            k,
            TokenKind::Newline
                | TokenKind::NonLogicalNewline
                | TokenKind::Comment
                | TokenKind::Indent
                | TokenKind::Dedent
                | TokenKind::EndOfFile
        )
    };
    let Some(last) = tokens.iter().rposition(|(k, _)| significant(*k)) else {
        return Completeness::Complete;
    };
    // The first significant token of the last logical line.
    let line_start = tokens[..last]
        .iter()
        .rposition(|(k, _)| *k == TokenKind::Newline)
        .map_or(0, |i| i + 1);
    let first = (line_start..=last).find(|&i| significant(tokens[i].0)).unwrap_or(last);
    let first_offset = tokens[first].1.start().to_usize();
    let line_indent = indent_of(line_at(code, first_offset));

    if tokens[last].0 == TokenKind::Colon {
        // The last line opens a block: check that a body would make it valid.
        let indent = format!("{line_indent}    ");
        let probe = format!("{}\n{indent}pass\n", code.trim_end());
        return if ruff_python_parser::parse_module(&probe).is_ok() {
            incomplete(indent)
        } else {
            Completeness::Invalid
        };
    }
    if tokens[first].0 == TokenKind::At {
        // A decorator waits for the definition it decorates.
        let probe = format!("{}\n{line_indent}def _(): pass\n", code.trim_end());
        return if ruff_python_parser::parse_module(&probe).is_ok() {
            incomplete(line_indent)
        } else {
            Completeness::Invalid
        };
    }
    if !parsed.errors().is_empty() {
        return Completeness::Invalid;
    }
    // Dedents after the last logical line mean it sits in an indented block.
    let in_block = tokens[last..].iter().any(|(k, _)| *k == TokenKind::Dedent);
    if in_block && !ends_with_newline {
        return incomplete(last_indent);
    }
    Completeness::Complete
}

/// Whether a parse error is an unterminated triple-quoted string (which more lines can close).
fn unterminated_triple_quote(code: &str, e: &ParseError) -> bool {
    match &e.error {
        ParseErrorType::FStringError(InterpolatedStringErrorType::UnterminatedTripleQuotedString)
        | ParseErrorType::TStringError(InterpolatedStringErrorType::UnterminatedTripleQuotedString)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(InterpolatedStringErrorType::UnterminatedTripleQuotedString))
        | ParseErrorType::Lexical(LexicalErrorType::TStringError(InterpolatedStringErrorType::UnterminatedTripleQuotedString)) => true,
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            let rest = code.get(e.location.start().to_usize()..).unwrap_or("");
            let rest = rest.trim_start_matches(['r', 'R', 'b', 'B', 'u', 'U', 'f', 'F', 't', 'T']);
            rest.starts_with("\"\"\"") || rest.starts_with("'''")
        }
        _ => false,
    }
}

/// The line of `code` containing byte `offset`.
fn line_at(code: &str, offset: usize) -> &str {
    let offset = offset.min(code.len());
    let start = code[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = code[offset..].find('\n').map_or(code.len(), |i| offset + i);
    &code[start..end]
}

/// A line's leading spaces and tabs, tabs counted as four spaces (as IPython does).
fn indent_of(line: &str) -> String {
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => break,
        }
    }
    " ".repeat(n)
}

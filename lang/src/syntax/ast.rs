//! Slope's own small AST. Every node carries a byte span into the cell's source.
//!
//! The parser (`ruff_python_parser`) produces Python's full AST; `lower` turns it at once into
//! this one, rejecting everything outside the language with a diagnostic. This module knows
//! nothing of arrays or of evaluation.

use std::rc::Rc;

/// A byte range `start..end` into the source of one cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// An identifier. Cheap to clone.
pub type Name = Rc<str>;

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// A bare expression; the last one of a cell is its result.
    Expr(Expr),
    /// `a = b = value` (targets in source order).
    Assign { targets: Vec<Target>, value: Expr },
    /// `target op= value`.
    AugAssign { target: Target, op: BinOp, value: Expr },
    /// `def` (with its decorators).
    FunctionDef(Rc<FuncDef>),
    /// `class` (with its decorators).
    ClassDef(Rc<ClassDef>),
    /// `target: annotation = value`; the annotation is kept as its source text (as under
    /// `from __future__ import annotations`): classes record it in `__annotations__`.
    AnnAssign { target: Target, annotation: Rc<str>, value: Option<Expr> },
    /// `with a as x, b:` — each item's `__enter__` result is bound to its target.
    With { items: Vec<WithItem>, body: Vec<Stmt> },
    Return(Option<Expr>),
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `for … else`: `orelse` runs when the loop ends without `break`.
    For { target: Target, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Break,
    Continue,
    Pass,
    Assert { test: Expr, msg: Option<Expr> },
    /// `raise` (re-raise when `exc` is None).
    Raise { exc: Option<Expr> },
    Try { body: Vec<Stmt>, handlers: Vec<ExceptHandler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
    Del(Vec<Target>),
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import a as b, c`.
    ImportFrom { module: Rc<str>, names: Vec<Alias> },
    /// `from module import *`.
    ImportStar { module: Rc<str> },
    Global(Vec<Name>),
    Nonlocal(Vec<Name>),
    /// `match subject:` and its cases, tried in order (PEP 634).
    Match { subject: Expr, cases: Vec<MatchCase> },
}

/// One `case pattern if guard:` of a `match` statement.
#[derive(Clone, Debug)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
}

/// A pattern of a `case` clause.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub kind: PatternKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum PatternKind {
    /// A literal or dotted name: matches what compares equal.
    Value(Expr),
    /// `None`, `True`, `False`: matches by identity.
    Singleton(Option<bool>),
    /// `[p, *rest, q]` or `(p, q)`: a list or tuple of matching items; at most one `Star`.
    Sequence(Vec<Pattern>),
    /// `{key: p, **rest}`: a mapping with those keys, their values matching.
    Mapping { keys: Vec<Expr>, patterns: Vec<Pattern>, rest: Option<Name> },
    /// `Cls(p, attr=q)`: an instance of Cls; positional patterns by `__match_args__`.
    Class { cls: Expr, patterns: Vec<Pattern>, keywords: Vec<(Name, Pattern)> },
    /// `*name` (or `*_`) inside a sequence pattern.
    Star(Option<Name>),
    /// `p as name`, a bare capture `name` (no pattern) or the wildcard `_` (neither).
    As { pattern: Option<Box<Pattern>>, name: Option<Name> },
    /// `p | q`: the first alternative that matches.
    Or(Vec<Pattern>),
}

/// One context manager of a `with` statement.
#[derive(Clone, Debug)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Target>,
}

/// A class definition.
#[derive(Clone, Debug)]
pub struct ClassDef {
    pub name: Name,
    /// Bases (positional) and class keywords (`metaclass=…`, `**kw` for `__init_subclass__`).
    pub bases: Vec<Arg>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub doc: Option<Rc<str>>,
    pub span: Span,
    /// The span of the `class Name(...)` header, for diagnostics.
    pub header: Span,
}

#[derive(Clone, Debug)]
pub struct Alias {
    /// Dotted name, e.g. `jax.numpy`.
    pub name: Rc<str>,
    pub asname: Option<Name>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ExceptHandler {
    /// The exception class expression (`ValueError`, `(TypeError, KeyError)`), None for bare `except:`.
    pub typ: Option<Expr>,
    pub name: Option<Name>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// Something that can be assigned to.
#[derive(Clone, Debug)]
pub enum Target {
    Name(Name, Span),
    /// `a, b` or `[a, b]`; at most one element is `Starred`.
    Tuple(Vec<Target>, Span),
    /// `x[i]`.
    Subscript { value: Box<Expr>, index: Box<Expr>, span: Span },
    /// `x.a`.
    Attribute { value: Box<Expr>, attr: Name, span: Span },
    /// `*rest` inside a tuple target.
    Starred(Box<Target>, Span),
}

impl Target {
    pub fn span(&self) -> Span {
        match self {
            Target::Name(_, s) | Target::Tuple(_, s) | Target::Starred(_, s) => *s,
            Target::Subscript { span, .. } | Target::Attribute { span, .. } => *span,
        }
    }
}

/// A function: `def` or `lambda`.
#[derive(Clone, Debug)]
pub struct FuncDef {
    pub name: Name,
    pub params: Vec<Param>,
    /// A lambda's body is a single `Return` statement.
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    /// The docstring, if the body starts with a string literal.
    pub doc: Option<Rc<str>>,
    /// The span of the whole definition.
    pub span: Span,
    /// The span of the `def name(...)` header, for diagnostics.
    pub header: Span,
    pub is_lambda: bool,
    /// The body contains `yield`: calling the function makes a generator.
    pub is_generator: bool,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Name,
    pub kind: ParamKind,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Positional or keyword (also positional-only parameters, which we treat alike).
    Normal,
    /// `*args`.
    VarArgs,
    /// After `*` or `*args`: keyword only.
    KwOnly,
    /// `**kwargs`.
    VarKw,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Ellipsis,
}

#[derive(Clone, Debug)]
pub enum FPart {
    Lit(Rc<str>),
    /// `{expr!conv:spec}`; `debug` is the `expr=` text when written as `{expr=}`.
    Expr { expr: Box<Expr>, conversion: Option<char>, spec: Vec<FPart>, debug: Option<Rc<str>> },
}

#[derive(Clone, Debug)]
pub enum Arg {
    Pos(Expr),
    /// `*xs`.
    Star(Expr),
    /// `name=value`.
    Kw(Name, Expr),
    /// `**kw`.
    StarStar(Expr),
}

#[derive(Clone, Debug)]
pub struct Comprehension {
    pub target: Target,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Name(Name),
    Const(Constant),
    FString(Vec<FPart>),
    BinOp { op: BinOp, left: Box<Expr>, right: Box<Expr> },
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    BoolOp { op: BoolOp, values: Vec<Expr> },
    Compare { left: Box<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
    Call { func: Box<Expr>, args: Vec<Arg> },
    Attribute { value: Box<Expr>, attr: Name },
    /// `value[index]`; a multi-index `x[a, b]` has a `Tuple` index.
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// `lower:upper:step`, only inside a subscript.
    Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>>, step: Option<Box<Expr>> },
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    /// Key None is a `**mapping` spread.
    Dict(Vec<(Option<Expr>, Expr)>),
    Lambda(Rc<FuncDef>),
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    /// `[elt for …]`.
    ListComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    DictComp { key: Box<Expr>, value: Box<Expr>, generators: Vec<Comprehension> },
    /// `{elt for …}`.
    SetComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `(elt for …)`: a lazy generator.
    GenExp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `yield` / `yield value`.
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
    /// `name := value`.
    Named { name: Name, value: Box<Expr> },
    /// `*xs` inside a list or tuple display.
    Starred(Box<Expr>),
}

//! Lowering ruff's Python AST to Slope's AST.
use super::ast::Stmt;
use crate::diag::{Diagnostic, Source};
use std::rc::Rc;

/// Whether a piece of input is ready to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    /// More lines are needed; `indent` is the suggested indentation of the next line.
    Incomplete { indent: String },
    Invalid,
}

pub fn parse(src: &Rc<Source>) -> Result<Vec<Stmt>, Diagnostic> {
    let _ = src;
    Err(Diagnostic::new("SyntaxError", "the parser is not written yet"))
}

pub fn is_complete(code: &str) -> Completeness {
    let _ = code;
    Completeness::Complete
}

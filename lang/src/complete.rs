//! Completion and inspection for the front ends (REPL tab completion, Jupyter's
//! `complete_request` and `inspect_request`). Reads the session's names, module members, array
//! attributes and function signatures; never runs user code.

use crate::session::Session;

/// Completion candidates for the text before `cursor`: the matches and the byte range of `code`
/// they replace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completions {
    pub matches: Vec<String>,
    pub start: usize,
    pub end: usize,
}

impl Session {
    /// Complete the identifier (or `module.member`, `array.method`, keyword argument) that ends at
    /// byte `cursor` of `code`.
    pub fn complete(&mut self, code: &str, cursor: usize) -> Completions {
        let _ = code;
        Completions { matches: Vec::new(), start: cursor, end: cursor }
    }

    /// Help text for the name at byte `cursor` of `code`: signature and docstring of a function,
    /// shape and dtype of an array, the type and value of anything else. None when nothing is there.
    pub fn inspect(&mut self, code: &str, cursor: usize) -> Option<String> {
        let _ = (code, cursor);
        None
    }
}

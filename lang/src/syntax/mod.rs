//! The front end: Python source → Slope's AST (`ast`), through `ruff_python_parser` and `lower`.
//! Knows nothing of arrays.

pub mod ast;
pub mod lower;

pub use lower::{is_complete, parse, Completeness};

#[cfg(test)]
mod tests;

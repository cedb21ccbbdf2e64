//! Slope, the language as a library: syntax, interpreter, primitives, IR, transformations,
//! evaluation and the `Session` that front ends drive. No terminal or socket I/O here.

pub mod array;
pub mod complete;
pub mod diag;
pub mod eval;
pub mod interp;
pub mod ir;
pub mod magics;
pub mod prim;
pub mod session;
pub mod shape;
pub mod syntax;
pub mod transform;

pub use session::{Output, Session};

//! Slope, the language as a library: syntax, interpreter, primitives, IR, transformations,
//! fusion, backends (the reference `eval` and the Cranelift `cpu` JIT), and the `Session` that front ends drive. No terminal or socket I/O here.

pub mod array;
pub mod backend;
pub mod complete;
pub mod diag;
pub mod eval;
pub mod export;
pub mod fuse;
pub mod interp;
pub mod ir;
pub mod limits;
pub mod magics;
pub mod prim;
pub mod session;
pub mod shape;
pub mod syntax;
pub mod transform;

pub use session::{Output, Session};

//! Transformations: IR-to-IR functions over `Func`. Each is one file with one exhaustive rule table.

pub mod simplify;

//! Tests of `eval` and `shape`.

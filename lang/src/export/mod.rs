//! Export of traced functions to other formats: ONNX (`onnx`), the jax2tf role.
//!
//! The exporter reads a closed `Func` (what `jit` traces) and writes a model; it never runs the
//! function except to fold the parts that depend on no input (literals, `iota`, random bits
//! of a fixed key) into constants.

pub mod onnx;
mod proto;

//! The `eval` device: the reference executor. Everything it does is `crate::eval::eval_func`,
//! which the runtime calls directly (no plan); this file holds its `%kernels` line.

/// The reference device.
pub struct Eval;

impl Eval {
    pub fn report(&self) -> String {
        "device eval: equations run one by one, nothing is compiled".into()
    }
}

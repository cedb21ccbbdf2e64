//! The `eval` device: the reference executor behind the `Backend` trait. Everything it does is
//! `crate::eval::eval_func`; this file only adapts it.

use super::Backend;
use crate::array::HostArray;
use crate::ir::Func;

/// The reference device.
pub struct Eval;

impl Backend for Eval {
    fn name(&self) -> &'static str {
        "eval"
    }
    fn run(&mut self, func: &Func, args: &[HostArray]) -> Result<Vec<HostArray>, String> {
        crate::eval::eval_func(func, args)
    }
    fn report(&self) -> String {
        "device eval: equations run one by one, nothing is compiled".into()
    }
}

//! Slope, the language as a library: syntax, interpreter, primitives, IR, transformations,
//! fusion, backends (the reference `eval` and the Cranelift `cpu` JIT), and the `Session` that front ends drive. No terminal or socket I/O here.
//!
//! The public surface is deliberately small: [`Session`] and what its methods take and return
//! (for the front ends: the REPL, the Jupyter kernel, the script runner), and [`native`], what a
//! native module written in Rust uses (`slope_std`'s modules). Every module is `pub(crate)`.

pub(crate) mod array;
pub(crate) mod backend;
pub(crate) mod complete;
pub(crate) mod diag;
pub(crate) mod eval;
pub(crate) mod export;
pub(crate) mod fuse;
pub(crate) mod interp;
pub(crate) mod ir;
pub(crate) mod limits;
pub(crate) mod magics;
pub(crate) mod prim;
pub(crate) mod session;
pub(crate) mod shape;
pub(crate) mod syntax;
pub(crate) mod transform;

pub use complete::Completions;
pub use diag::{strip_ansi, Diagnostic};
pub use interp::{InputHook, StreamKind};
pub use session::{Output, Session};
pub use syntax::{is_complete, Completeness};

/// What a native module (functions and modules written in Rust, callable from Slope) uses: the
/// values and arrays it takes and returns, the interpreter handle every native gets
/// (`NativeFn`), errors, the argument helpers, and registration (`Session::register_module`,
/// `Session::register_builtin`).
pub mod native {
    pub use crate::array::{f16_bits, DType, Data, HostArray, Scalar};
    pub use crate::diag::{Diagnostic, Result, Source};
    pub use crate::interp::args::{arg, argnums_arg, bool_kw, check_kw, dtype_arg, index, int_arg, ints_arg, kwarg, nargs, need, need_fn, no_kw, real, shape_arg, string, unknown_dtype_help, Argnums};
    pub use crate::interp::array::{Array, MAX_ARRAY_BYTES};
    pub use crate::interp::builtins::{read_line, sort_values};
    pub use crate::interp::fmt::{float_repr, str_repr};
    pub use crate::interp::object::{default_repr, Attrs, Class, Instance, Property};
    pub use crate::interp::ops::slice_indices;
    pub use crate::interp::pytree::{flatten, unflatten, TreeDef};
    pub use crate::interp::value::{Builtin, Closure, Dict, Key, Kwargs, Module, NativeFn, Value};
    pub use crate::interp::{closest, Interp, NativeModule, StreamKind, MAX_DEPTH};
    pub use crate::syntax::ast::{BinOp, ParamKind, Span};

    /// Python's `gc` over Slope's cycle collector.
    pub mod gc {
        pub use crate::interp::gc::{collect, enabled, set_enabled, tracked_count};
    }

    /// For modules that draw or export a traced function (`Interp::trace_abstract`'s `Func`):
    /// the IR, its simplification, reverse mode, the reference evaluator and the ONNX writer.
    pub mod ir {
        pub use crate::eval::eval_func;
        pub use crate::export::onnx::model as onnx_model;
        pub use crate::ir::{Func, Type, Var};
        pub use crate::prim::Prim;
        pub use crate::transform::simplify::{kept_params, simplify};
        pub use crate::transform::vjp;
    }
}

/// For the standard library's integration tests (`std/tests`) only. They need a session with the
/// standard library's sources, which this crate cannot build (`slope_std` depends on it), and
/// they look inside it: the device and plan cache, the staging counters, the trace cache, the
/// fused kernels (fuzzed, verified, run on `cpu` and `eval`), the builtin tables (each doc's
/// example runs). Front ends and native modules must not use it (`interp::tests` greps for it).
#[doc(hidden)]
pub mod testing {
    pub use crate::backend::{cpu::Cpu, gpu::Gpu, Backend, Device, Plans, Runtime};
    pub use crate::diag::Source;
    pub use crate::fuse::{Plan, Step};
    pub use crate::interp::array::{ArrayState, Stage};
    pub use crate::interp::builtins::{BUILTINS, TYPE_DOCS};
    pub use crate::interp::jax::{JAX_API, LAX_API, TREE_API};
    pub use crate::interp::numpy::NATIVE;
    pub use crate::interp::trace::Cache;
    pub use crate::ir::Type;
    pub use crate::limits::reread;
    pub use crate::syntax::{is_complete, parse};
    use crate::interp::value::Value;
    use crate::interp::Interp;
    use crate::Session;

    /// The fused-kernel IR (`fuse::kernel`).
    pub mod kernel {
        pub use crate::fuse::kernel::{Affine, Arg, BinOp, Kernel, Op, Phase, ReduceOp, Role, UnOp};
    }

    pub fn runtime(s: &mut Session) -> &mut Runtime {
        &mut s.interp.runtime
    }

    /// The runtime of the interpreter a native test hook gets.
    pub fn runtime_of(it: &mut Interp) -> &mut Runtime {
        &mut it.runtime
    }

    pub fn stage(s: &Session) -> &Stage {
        &s.interp.stage
    }

    pub fn jax_cache(s: &Session) -> &Cache {
        &s.interp.jax_cache
    }

    /// A global variable of the session's main module.
    pub fn global(s: &Session, name: &str) -> Option<Value> {
        s.interp.globals.lookup(name)
    }

    pub fn module_names(s: &Session) -> Vec<String> {
        s.interp.module_names()
    }
}

#[cfg(test)]
mod boundary_tests {
    use std::path::Path;

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let p = e.expect("a directory entry").path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    /// The front ends use only the crate root (`Session` and its types), native modules only
    /// that and `lang::native`; `lang::testing` is for `std/tests` alone.
    #[test]
    fn front_ends_and_native_modules_stay_on_the_public_surface() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
        let mut crossings = Vec::new();
        for (dir, forbidden) in [("repl/src", &["lang::native", "lang::testing"][..]), ("kernel/src", &["lang::native", "lang::testing"][..]), ("std/src", &["lang::testing"][..])] {
            let mut files = Vec::new();
            rust_files(&root.join(dir), &mut files);
            assert!(!files.is_empty(), "no Rust files under {dir}");
            for f in files {
                let text = std::fs::read_to_string(&f).expect("a source file");
                for (i, line) in text.lines().enumerate() {
                    if let Some(path) = forbidden.iter().find(|p| line.contains(*p)) {
                        crossings.push(format!("{}:{}: {path}", f.display(), i + 1));
                    }
                }
            }
        }
        assert!(crossings.is_empty(), "these reach past the engine's public surface:\n{}", crossings.join("\n"));
    }
}

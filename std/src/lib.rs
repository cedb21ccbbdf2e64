//! Slope's standard library: numpy and JAX names written in Slope itself (`std/py/*.py`), so that
//! they are traced, differentiated and fused like user code, and native modules written in Rust:
//! `matplotlib.pyplot` and the `slope` module's pictures of autodiff (`plot`), and Python's own
//! standard library (`pylib`: `math`, `json`, `os`, `sys`, `time`, and the core of `random`), and
//! files (`files`: `.npy`/`.npz`, safetensors, tokenizers, the native part of `open`), and
//! `%%rust` cells with the module `slope.rust` of the functions they export (`rustcell`).
//! `session()` hands them all to a `Session`.

pub mod export;
pub mod files;
pub mod plot;
pub mod pylib;
#[cfg(unix)]
pub mod rustcell;

/// (module name, Slope source) for every standard-library module written in Slope.
pub const SOURCES: &[(&str, &str)] = &[
    ("numpy", include_str!("../py/numpy.py")),
    ("numpy.linalg", include_str!("../py/linalg.py")),
    ("jax.random", include_str!("../py/jax_random.py")),
    ("numpy.random", include_str!("../py/np_random.py")),
    ("numpy.testing", include_str!("../py/np_testing.py")),
    ("numpy.lib", include_str!("../py/np_lib.py")),
    ("numpy.lib.stride_tricks", include_str!("../py/np_stride_tricks.py")),
    ("numpy.polynomial", include_str!("../py/np_polynomial.py")),
    ("numpy.polynomial.polynomial", include_str!("../py/np_polynomial.py")),
    ("random", include_str!("../py/random.py")),
    ("string", include_str!("../py/string.py")),
    ("operator", include_str!("../py/operator.py")),
    ("io", include_str!("../py/io.py")),
    ("numpy._io", include_str!("../py/np_io.py")),
    ("slope.tokenizers", include_str!("../py/slope_tokenizers.py")),
    ("dataclasses", include_str!("../py/dataclasses.py")),
    ("jax._lax", include_str!("../py/jax_lax.py")),
    ("jax._extra", include_str!("../py/jax_extra.py")),
    ("jax._api", include_str!("../py/jax_api.py")),
    ("jax.test_util", include_str!("../py/jax_test_util.py")),
    ("jax.experimental", include_str!("../py/jax_experimental.py")),
    ("jax.ad_checkpoint", include_str!("../py/jax_ad_checkpoint.py")),
    ("functools", include_str!("../py/functools.py")),
    ("itertools", include_str!("../py/itertools.py")),
    ("keyword", include_str!("../py/keyword.py")),
    ("collections", include_str!("../py/collections.py")),
    ("collections.abc", include_str!("../py/collections_abc.py")),
    ("abc", include_str!("../py/abc.py")),
    ("typing", include_str!("../py/typing.py")),
    ("types", include_str!("../py/types.py")),
    ("weakref", include_str!("../py/weakref.py")),
    ("copy", include_str!("../py/copy.py")),
    ("contextlib", include_str!("../py/contextlib.py")),
    ("enum", include_str!("../py/enum.py")),
    ("heapq", include_str!("../py/heapq.py")),
    ("bisect", include_str!("../py/bisect.py")),
    ("__future__", include_str!("../py/future.py")),
    ("warnings", include_str!("../py/warnings.py")),
    ("logging", include_str!("../py/logging.py")),
    ("traceback", include_str!("../py/traceback.py")),
    ("_namedtuple", include_str!("../py/namedtuple.py")),
    // JAX's libraries beyond jax.numpy, and optax: these run inside jax.numpy's scope.
    ("jax.nn", include_str!("../py/jax_nn.py")),
    ("jax.nn.initializers", include_str!("../py/jax_nn_initializers.py")),
    ("jax.scipy", include_str!("../py/jax_scipy.py")),
    ("jax.scipy.special", include_str!("../py/jax_scipy_special.py")),
    ("jax.scipy.stats", include_str!("../py/jax_scipy_stats.py")),
    ("jax.scipy.stats.norm", include_str!("../py/jax_scipy_stats_norm.py")),
    ("jax.example_libraries", include_str!("../py/jax_example_libraries.py")),
    ("jax.example_libraries.optimizers", include_str!("../py/jax_optimizers.py")),
    ("jax.example_libraries.stax", include_str!("../py/jax_stax.py")),
    ("optax", include_str!("../py/optax.py")),
    ("optax.losses", include_str!("../py/optax_losses.py")),
    ("optax.schedules", include_str!("../py/optax_schedules.py")),
    // Flax, written in Slope (ordinary modules that import jax).
    ("flax", include_str!("../py/flax.py")),
    ("flax.core", include_str!("../py/flax_core.py")),
    ("flax.linen", include_str!("../py/flax_linen.py")),
    ("flax.linen.initializers", include_str!("../py/flax_linen_initializers.py")),
    ("flax.struct", include_str!("../py/flax_struct.py")),
    ("flax.training", include_str!("../py/flax_training.py")),
    ("flax.training.train_state", include_str!("../py/flax_train_state.py")),
    // IPython's display names for notebooks (display and clear_output are builtins).
    ("IPython", include_str!("../py/ipython.py")),
    ("IPython.display", include_str!("../py/ipython_display.py")),
];

/// A new session with the standard library.
pub fn session() -> lang::Session {
    let mut s = lang::Session::new(SOURCES);
    s.register_module("matplotlib", plot::pyplot::build_matplotlib);
    s.register_module("matplotlib.pyplot", plot::pyplot::build_pyplot);
    s.register_module("slope", plot::autodiff::build_slope);
    // The functions exported from %%rust cells (lang/src/rustcell.rs).
    #[cfg(unix)]
    {
        s.register_module("slope.rust", rustcell::build_module);
        s.register_cell_magic("rust", rustcell::cell);
    }
    pylib::register(&mut s);
    files::register(&mut s);
    // Figures drawn during a cell are shown at its end, as Jupyter's inline backend does.
    s.add_end_of_cell_hook(plot::end_of_cell);
    s
}

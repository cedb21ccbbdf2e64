//! Slope's standard library: numpy and JAX names written in Slope itself (`std/py/*.py`), so that
//! they are traced, differentiated and fused like user code. `SOURCES` hands them to a `Session`.

/// (module name, Slope source) for every standard-library module written in Slope.
pub const SOURCES: &[(&str, &str)] = &[
    ("numpy", include_str!("../py/numpy.py")),
    ("numpy.linalg", include_str!("../py/linalg.py")),
    ("jax.random", include_str!("../py/jax_random.py")),
    ("numpy.random", include_str!("../py/np_random.py")),
];

/// A new session with the standard library.
pub fn session() -> lang::Session {
    // Native modules written in Rust are registered here (`Session::register_module`).
    lang::Session::new(SOURCES)
}

"""The workloads of bench/cpu (issue 7), each written once for Slope and once for numpy / JAX.

A workload is a setup (inputs made deterministically, not timed) and a step (timed). The Slope
source runs the step `R` times in a top-level loop; each iteration is a sync point, so every
iteration computes its result. The Python side times the same step in-process.

Workloads that need `grad` ((e) MLP training step, (f) define-to-first-grad) are listed in
`NEEDS_GRAD`; run.py skips them, saying so, until `from jax import grad` works in Slope.
"""

# name: (title, slope/jax setup, step using jnp, numpy setup, numpy step, inputs, outputs)
WORKLOADS = {
    "a_elementwise": (
        "(a) tanh(x)*0.5 + exp(-x*x)*sin(3*x), 1.6e7 float32",
        "x = jnp.linspace(-3.0, 3.0, 16000000)",
        "y = jnp.tanh(x) * 0.5 + jnp.exp(-x * x) * jnp.sin(3 * x)",
        "x = np.linspace(-3.0, 3.0, 16000000, dtype=np.float32)",
        "y = np.tanh(x) * np.float32(0.5) + np.exp(-x * x) * np.sin(np.float32(3) * x)",
        "x",
        "y",
    ),
    "b_sum_squares": (
        "(b) sum(x*x), 4096x4096 float32",
        "x = jnp.sin(jnp.arange(4096 * 4096).reshape(4096, 4096) * 0.001)",
        "y = jnp.sum(x * x)",
        "x = np.sin(np.arange(4096 * 4096, dtype=np.float32).reshape(4096, 4096) * np.float32(0.001))",
        "y = np.sum(x * x)",
        "x",
        "y",
    ),
    "b_mean_var": (
        "(b) row mean and variance, 4096x4096 float32",
        "x = jnp.sin(jnp.arange(4096 * 4096).reshape(4096, 4096) * 0.001)",
        "m = x.mean(axis=1)\nv = x.var(axis=1)",
        "x = np.sin(np.arange(4096 * 4096, dtype=np.float32).reshape(4096, 4096) * np.float32(0.001))",
        "m = x.mean(axis=1)\nv = x.var(axis=1)",
        "x",
        "m, v",
    ),
    "c_softmax": (
        "(c) row softmax, 4096x1024 float32",
        "x = jnp.sin(jnp.arange(4096 * 1024).reshape(4096, 1024) * 0.001)",
        "e = jnp.exp(x - x.max(axis=1, keepdims=True))\ny = e / e.sum(axis=1, keepdims=True)",
        "x = np.sin(np.arange(4096 * 1024, dtype=np.float32).reshape(4096, 1024) * np.float32(0.001))",
        "e = np.exp(x - x.max(axis=1, keepdims=True))\ny = e / e.sum(axis=1, keepdims=True)",
        "x",
        "y",
    ),
    "d_matmul": (
        "(d) matmul 1024x1024 float32",
        "a = jnp.sin(jnp.arange(1024 * 1024).reshape(1024, 1024) * 0.001)\nb = jnp.cos(jnp.arange(1024 * 1024).reshape(1024, 1024) * 0.002)",
        "y = a @ b",
        "a = np.sin(np.arange(1024 * 1024, dtype=np.float32).reshape(1024, 1024) * np.float32(0.001))\n"
        "b = np.cos(np.arange(1024 * 1024, dtype=np.float32).reshape(1024, 1024) * np.float32(0.002))",
        "y = a @ b",
        "a, b",
        "y",
    ),
}

# (e) and (f) are written when Slope has `grad` (issue 3); run.py reports them as pending.
NEEDS_GRAD = {
    "e_mlp_grad": "(e) MLP 784-256-256-10, batch 128, relu, softmax cross-entropy, grad + SGD (steps/s)",
    "f_define_to_grad": "(f) a fresh 20-op function: define to first result, and to its first grad",
}

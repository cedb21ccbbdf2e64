"""The workloads of bench/cpu (issue 7), each written once for Slope and once for numpy / JAX.

A workload is a setup (inputs made deterministically, not timed) and a step (timed). The Slope
source runs the step `R` times in a top-level loop; each iteration is a sync point, so every
iteration computes its result. The Python side times the same step in-process.

(e) is a training step: the JAX/Slope step uses `jax.grad`, the numpy step is backpropagation by
hand. (f) is measured by bench/first_grad.
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
    "e_mlp_grad": (
        "(e) MLP 784-256-256-10, batch 128, relu, softmax cross-entropy, grad + SGD step",
        'import jax\nw1 = jnp.sin(jnp.arange(784 * 256).reshape(784, 256) * 0.01) * 0.05\nb1 = jnp.zeros(256)\nw2 = jnp.sin(jnp.arange(256 * 256).reshape(256, 256) * 0.013) * 0.08\nb2 = jnp.zeros(256)\nw3 = jnp.sin(jnp.arange(256 * 10).reshape(256, 10) * 0.017) * 0.1\nb3 = jnp.zeros(10)\nx = jnp.cos(jnp.arange(128 * 784).reshape(128, 784) * 0.003)\ny = jnp.eye(10)[jnp.arange(128) % 10]\ndef loss(p, x, y):\n    w1, b1, w2, b2, w3, b3 = p\n    h1 = jnp.maximum(x @ w1 + b1, 0.0)\n    h2 = jnp.maximum(h1 @ w2 + b2, 0.0)\n    z = h2 @ w3 + b3\n    z = z - jnp.max(z, axis=1, keepdims=True)\n    logp = z - jnp.log(jnp.sum(jnp.exp(z), axis=1, keepdims=True))\n    return -jnp.mean(jnp.sum(y * logp, axis=1))',
        'g = jax.grad(loss)((w1, b1, w2, b2, w3, b3), x, y)\nw1 = w1 - 0.01 * g[0]\nb1 = b1 - 0.01 * g[1]\nw2 = w2 - 0.01 * g[2]\nb2 = b2 - 0.01 * g[3]\nw3 = w3 - 0.01 * g[4]\nb3 = b3 - 0.01 * g[5]',
        'f32 = np.float32\nw1 = (np.sin(np.arange(784 * 256, dtype=f32).reshape(784, 256) * f32(0.01)) * f32(0.05)).astype(f32)\nb1 = np.zeros(256, dtype=f32)\nw2 = (np.sin(np.arange(256 * 256, dtype=f32).reshape(256, 256) * f32(0.013)) * f32(0.08)).astype(f32)\nb2 = np.zeros(256, dtype=f32)\nw3 = (np.sin(np.arange(256 * 10, dtype=f32).reshape(256, 10) * f32(0.017)) * f32(0.1)).astype(f32)\nb3 = np.zeros(10, dtype=f32)\nx = np.cos(np.arange(128 * 784, dtype=f32).reshape(128, 784) * f32(0.003)).astype(f32)\ny = np.eye(10, dtype=f32)[np.arange(128) % 10]',
        'lr = np.float32(0.01)\nh1p = x @ w1 + b1\nh1 = np.maximum(h1p, 0)\nh2p = h1 @ w2 + b2\nh2 = np.maximum(h2p, 0)\nz = h2 @ w3 + b3\nz = z - z.max(axis=1, keepdims=True)\ne = np.exp(z)\ndz = (e / e.sum(axis=1, keepdims=True) - y) / np.float32(128)\ndh2 = (dz @ w3.T) * (h2p > 0)\ndh1 = (dh2 @ w2.T) * (h1p > 0)\nw3 = w3 - lr * (h2.T @ dz)\nb3 = b3 - lr * dz.sum(axis=0)\nw2 = w2 - lr * (h1.T @ dh2)\nb2 = b2 - lr * dh2.sum(axis=0)\nw1 = w1 - lr * (x.T @ dh1)\nb1 = b1 - lr * dh1.sum(axis=0)',
        "w1, b1, w2, b2, w3, b3, x, y",
        "w1, b1, w2, b2, w3, b3",
    ),
}

# (f) is measured by bench/first_grad (define to first result and to first gradient, beside JAX).
NEEDS_GRAD = {
    "f_define_to_grad": "(f) a fresh 20-op function: define to first result, and to its first grad — see bench/first_grad/RESULTS.md",
    "minilm": "all-MiniLM-L6-v2 sentence embeddings (a real pretrained model, `examples/minilm.py`), time per sentence beside the numpy reference — see bench/minilm/RESULTS.md",
}

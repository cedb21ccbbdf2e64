import jax.numpy as jnp
from jax import grad, hessian, jit

X = jnp.array([[1.0, 0.5, -1.0], [1.0, -1.5, 0.3], [1.0, 2.0, 1.0], [1.0, 0.0, -0.5], [1.0, 1.0, 2.0]])
y = jnp.array([1.0, 0.0, 1.0, 0.0, 1.0])

def nll(w):
    z = X @ w
    return jnp.sum(jnp.log1p(jnp.exp(z)) - y * z) + 0.1 * jnp.sum(w ** 2)

w = jnp.zeros(3)
for i in range(5):
    g = grad(nll)(w)
    H = hessian(nll)(w)
    # Newton step via 3x3 solve by Gaussian elimination written out
    A = jnp.concatenate([H, g[:, None]], axis=1)
    for c in range(3):
        A = A.at[c].set(A[c] / A[c, c])
        for r in range(3):
            if r != c:
                A = A.at[r].set(A[r] - A[r, c] * A[c])
    w = w - A[:, 3]
    print(i, nll(w))
print(w)
print(jit(hessian(nll))(w))

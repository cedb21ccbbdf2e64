# numpy 2's array-API functions in linalg, in numpy.linalg and jax.numpy.linalg (JAX's docstring
# examples: tensordot, vecdot, trace, diagonal, outer, cross, matmul, matrix_transpose, norms).
import numpy as np
import jax.numpy as jnp

for m in (np, jnp):
    L = m.linalg
    a = m.arange(24.0).reshape(2, 3, 4)
    b = m.arange(12.0).reshape(4, 3)
    print(L.matmul(a, b).shape, L.tensordot(a, b, axes=1).shape, L.tensordot(m.ones((2, 3)), m.ones((2, 3)), axes=2))
    x = m.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    y = m.array([7.0, 8.0, 9.0])
    print(L.vecdot(x, y), L.vecdot(x, x, axis=0), L.outer(y, m.array([1.0, 2.0])), L.cross(x, y))
    print(L.matrix_transpose(a).shape, L.trace(a), L.trace(a, offset=1), L.diagonal(a), L.diagonal(a, offset=-1))
    print(L.vector_norm(a), L.vector_norm(a, axis=-1), L.vector_norm(x, ord=1, axis=0, keepdims=True), L.matrix_norm(a), L.matrix_norm(x, ord=1))
for bad in (lambda: np.linalg.outer(np.ones((2, 2)), np.ones(2)), lambda: np.linalg.cross(np.ones(2), np.ones(2))):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

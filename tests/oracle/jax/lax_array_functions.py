# jax.lax's array functions as JAX's docs use them: strict elementwise ops, select, dynamic
# slices (clamped starts), pad with interior padding, dot_general, reduce, reduce_window
# (pooling), conv_general_dilated (strides, padding, dilations, layouts, groups), cumulative ops.
import jax
import jax.numpy as jnp
from jax import lax

x = jnp.arange(12.0).reshape(3, 4)
print(lax.add(x, 1.0), lax.sub(x, x), lax.mul(2.0, x), lax.div(x, 2.0))
print(lax.div(jnp.array([7, -7]), jnp.array([2, 2])), lax.rem(jnp.array([7, -7]), jnp.array([2, 2])))
print(lax.max(x, 5.0), lax.min(x, 5.0), lax.neg(x[0]), lax.abs(-x[1]), lax.square(x[2]))
print(lax.exp(jnp.zeros(2)), lax.log(jnp.ones(2)), lax.rsqrt(jnp.array([4.0, 16.0])), lax.logistic(jnp.array([0.0])))
print(lax.integer_pow(jnp.array([2.0, 3.0]), 3), lax.pow(jnp.array([2.0]), jnp.array([0.5])))
print(lax.clamp(2.0, x, 7.0))
print(lax.select(x > 5, x, -x))
print(lax.convert_element_type(jnp.array([1.7, -1.7]), jnp.int32), lax.iota(jnp.int32, 4))
print(lax.broadcasted_iota(jnp.int32, (2, 3), 1))
print(lax.broadcast_in_dim(jnp.array([1.0, 2.0]), (2, 3), (0,)))
print(lax.broadcast(jnp.array([1, 2]), (2,)).shape, lax.reshape(x, (4, 3)).shape, lax.reshape(x, (12,), (1, 0))[:5])
print(lax.slice(x, (0, 1), (3, 4), (2, 2)), lax.slice_in_dim(x, 1, 3, axis=1))
print(lax.index_in_dim(x, 1, axis=0, keepdims=False))
print(lax.dynamic_slice(x, (1, 2), (2, 2)), lax.dynamic_slice(jnp.arange(10), (8,), (3,)))
print(lax.dynamic_slice_in_dim(jnp.arange(10), 5, 3), lax.dynamic_index_in_dim(x, 2, keepdims=False))
print(lax.dynamic_update_slice(jnp.zeros((3, 3)), jnp.ones((2, 2)), (2, 2)))
print(lax.dynamic_update_slice_in_dim(jnp.zeros(6), jnp.array([1.0, 2.0]), 1, 0))
f = jax.jit(lambda a, i: lax.dynamic_slice(a, (i,), (2,)))
print(f(jnp.arange(6.0), 3), f(jnp.arange(6.0), 10))
print(lax.pad(jnp.array([1, 2, 3]), 0, [(1, 2, 1)]), lax.pad(x, -1.0, [(0, 0, 0), (-1, 1, 0)]))
print(lax.concatenate([x, x], 0).shape, lax.rev(jnp.arange(4), (0,)), lax.transpose(x, (1, 0)).shape)
print(lax.squeeze(jnp.ones((1, 3, 1)), (0, 2)).shape, lax.expand_dims(jnp.ones(3), (0,)).shape)
print(lax.dot(x, x.T), lax.dot_general(x, x, (((1,), (1,)), ((), ()))))
b = jnp.arange(24.0).reshape(2, 3, 4)
print(lax.dot_general(b, b, (((2,), (2,)), ((0,), (0,)))))
print(lax.reduce(x, 0.0, lax.add, (1,)), lax.reduce(x, -jnp.inf, lax.max, (0,)), lax.reduce(x, 1.0, lax.mul, (0, 1)))
print(lax.reduce_window(x, -jnp.inf, lax.max, (2, 2), (1, 2), "VALID"))
print(lax.reduce_window(x, 0.0, lax.add, (2, 2), (2, 2), "SAME"))
print(lax.reduce_window(x, 0.0, lax.add, (1, 3), (1, 1), ((0, 0), (1, 1))))
img = jnp.arange(2 * 2 * 5 * 5, dtype=jnp.float32).reshape(2, 2, 5, 5) / 50.0
ker = jnp.arange(3 * 2 * 3 * 3, dtype=jnp.float32).reshape(3, 2, 3, 3) / 20.0
print(lax.conv_general_dilated(img, ker, (1, 1), "VALID"))
print(lax.conv_general_dilated(img, ker, (2, 2), "SAME"))
print(lax.conv_general_dilated(img, ker, (1, 1), ((1, 0), (2, 1)), rhs_dilation=(2, 1)))
print(lax.conv_general_dilated(img, ker, (1, 1), ((2, 2), (1, 1)), lhs_dilation=(2, 2))[1, 2, :3])
nhwc = jnp.transpose(img, (0, 2, 3, 1))
hwio = jnp.transpose(ker, (2, 3, 1, 0))
print(lax.conv_general_dilated(nhwc, hwio, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))[0, :2, :2])
g = jnp.arange(2 * 2 * 3 * 3, dtype=jnp.float32).reshape(2, 2, 3, 3) / 30.0
print(lax.conv_general_dilated(jnp.ones((1, 4, 4, 4)), g, (1, 1), "VALID", feature_group_count=2))
print(lax.conv(img, ker, (1, 1), "SAME")[0, 0])
print(jax.grad(lambda k: jnp.sum(lax.conv_general_dilated(img, k, (1, 1), "SAME") ** 2))(ker)[0, 0])
sig = jnp.array([[[1.0, 2.0, 3.0, 4.0, 5.0]]])
print(lax.conv_general_dilated(sig, jnp.array([[[1.0, 0.0, -1.0]]]), (1,), "SAME"))
print(lax.cumsum(jnp.arange(5)), lax.cumsum(jnp.arange(5), reverse=True), lax.cumprod(jnp.arange(1, 5)), lax.cummax(jnp.array([1, 3, 2, 5, 4])))
print(lax.cummin(jnp.array([3.0, 1.0, 2.0]), reverse=True))
v, i = lax.top_k(jnp.array([1.0, 5.0, 3.0, 4.0]), 2)
print(v, i, lax.sort(jnp.array([3, 1, 2])), lax.argmax(x, 1, jnp.int32), lax.argmin(x, 0, jnp.int32))
print(lax.map(lambda r: r * 2, jnp.arange(3)))
print(lax.select_n(jnp.array([0, 1, 2]), jnp.zeros(3), jnp.ones(3), jnp.full(3, 2.0)))
for bad in [lambda: lax.add(jnp.ones(3), jnp.ones(4)), lambda: lax.add(jnp.ones(3), jnp.ones(3, jnp.int32)),
            lambda: lax.select(jnp.array([1, 0]), jnp.ones(2), jnp.zeros(2))]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", str(e)[:45])

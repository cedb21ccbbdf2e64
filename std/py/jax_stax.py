"""jax.example_libraries.stax: JAX's small neural-network library. A layer is a pair
(init_fun, apply_fun): `init_fun(rng, input_shape)` returns (output_shape, params) and
`apply_fun(params, inputs, **kwargs)` the outputs; combinators build layers from layers. The
initial values are JAX's for the same key (Dense: glorot_normal weights, normal(1e-2) biases,
the key split as JAX splits it).

This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
Python's builtins)."""

import jax.random as _random
import jax.nn as _nn
from jax.nn.initializers import glorot_normal, normal, ones, zeros

relu = _nn.relu
log_softmax = _nn.log_softmax
softmax = _nn.softmax
softplus = _nn.softplus
sigmoid = _nn.sigmoid
elu = _nn.elu
leaky_relu = _nn.leaky_relu
selu = _nn.selu
gelu = _nn.gelu
_jtanh = tanh
_jexp = exp
_jreshape = reshape
_jconcat = concatenate
_where = where


def _prod(xs):
    n = 1
    for v in xs:
        n = n * v
    return n


def Dense(out_dim, W_init=glorot_normal(), b_init=normal()):
    """A fully-connected layer: inputs @ W + b, W of shape (in, out_dim).

    >>> from jax.example_libraries import stax
    >>> init_fun, apply_fun = stax.Dense(3)
    >>> out_shape, (W, b) = init_fun(jax.random.key(0), (-1, 2))
    >>> print(out_shape, W.shape, b.shape)
    (-1, 3) (2, 3) (3,)
    """

    def init_fun(rng, input_shape):
        output_shape = _py.tuple(input_shape[:-1]) + (out_dim,)
        k1, k2 = _random.split(rng)
        W, b = W_init(k1, (input_shape[-1], out_dim)), b_init(k2, (out_dim,))
        return output_shape, (W, b)

    def apply_fun(params, inputs, **kwargs):
        W, b = params
        return dot(inputs, W) + b

    return init_fun, apply_fun


def elementwise(fun, **fun_kwargs):
    """A layer without parameters that applies fun(inputs, **fun_kwargs)."""
    init_fun = lambda rng, input_shape: (input_shape, ())
    apply_fun = lambda params, inputs, **kwargs: fun(inputs, **fun_kwargs)
    return init_fun, apply_fun


Tanh = elementwise(_jtanh)
Relu = elementwise(relu)
Exp = elementwise(_jexp)
LogSoftmax = elementwise(log_softmax, axis=-1)
Softmax = elementwise(softmax, axis=-1)
Softplus = elementwise(softplus)
Sigmoid = elementwise(sigmoid)
Elu = elementwise(elu)
LeakyRelu = elementwise(leaky_relu)
Selu = elementwise(selu)
Gelu = elementwise(gelu)


def _flatten_layer():
    def init_fun(rng, input_shape):
        return (input_shape[0], _prod(input_shape[1:])), ()

    def apply_fun(params, inputs, **kwargs):
        return _jreshape(inputs, (inputs.shape[0], -1))

    return init_fun, apply_fun


Flatten = _flatten_layer()


def _identity_layer():
    init_fun = lambda rng, input_shape: (input_shape, ())
    apply_fun = lambda params, inputs, **kwargs: inputs
    return init_fun, apply_fun


Identity = _identity_layer()


def FanOut(num):
    """A layer that copies its input into a list of num inputs."""
    init_fun = lambda rng, input_shape: ([input_shape] * num, ())
    apply_fun = lambda params, inputs, **kwargs: [inputs] * num
    return init_fun, apply_fun


def _fan_in_sum():
    def apply_fun(params, inputs, **kwargs):
        total = 0
        for x in inputs:
            total = total + x
        return total

    init_fun = lambda rng, input_shape: (input_shape[0], ())
    return init_fun, apply_fun


FanInSum = _fan_in_sum()


def FanInConcat(axis=-1):
    """A layer that concatenates its list of inputs along axis."""

    def init_fun(rng, input_shape):
        ax = axis % _py.len(input_shape[0])
        concat_size = _py.sum([shape[ax] for shape in input_shape])
        out_shape = _py.tuple(input_shape[0][:ax]) + (concat_size,) + _py.tuple(input_shape[0][ax + 1 :])
        return out_shape, ()

    def apply_fun(params, inputs, **kwargs):
        return _jconcat(inputs, axis)

    return init_fun, apply_fun


def Dropout(rate, mode="train"):
    """Dropout: in "train" mode keeps each input with probability `rate` (scaled by 1/rate), using
    the `rng` keyword argument of apply_fun; in any other mode the identity."""

    def init_fun(rng, input_shape):
        return input_shape, ()

    def apply_fun(params, inputs, **kwargs):
        rng = kwargs.get("rng", None)
        if rng is None:
            # help: call apply_fun(params, inputs, rng=key) with a PRNG key
            raise ValueError("Dropout layer requires apply_fun to be called with a PRNG key argument. That is, instead of `apply_fun(params, inputs)`, call it like `apply_fun(params, inputs, rng)` where `rng` is a PRNG key (e.g. from `jax.random.key`).")
        if mode == "train":
            keep = _random.bernoulli(rng, rate, inputs.shape)
            return _where(keep, inputs / rate, 0)
        return inputs

    return init_fun, apply_fun


def serial(*layers):
    """Layers in sequence: the output of each is the input of the next.

    >>> from jax.example_libraries import stax
    >>> init_fun, apply_fun = stax.serial(stax.Dense(4), stax.Relu, stax.Dense(2))
    >>> out_shape, params = init_fun(jax.random.key(0), (-1, 3))
    >>> print(out_shape, apply_fun(params, jnp.ones((5, 3))).shape)
    (-1, 2) (5, 2)
    """
    nlayers = _py.len(layers)
    init_funs = [l[0] for l in layers]
    apply_funs = [l[1] for l in layers]

    def init_fun(rng, input_shape):
        params = []
        for f in init_funs:
            rng, layer_rng = _random.split(rng)
            input_shape, param = f(layer_rng, input_shape)
            params.append(param)
        return input_shape, params

    def apply_fun(params, inputs, **kwargs):
        rng = kwargs.pop("rng", None)
        rngs = _random.split(rng, nlayers) if rng is not None else (None,) * nlayers
        for i in _py.range(nlayers):
            inputs = apply_funs[i](params[i], inputs, rng=rngs[i], **kwargs)
        return inputs

    return init_fun, apply_fun


def parallel(*layers):
    """Layers side by side: the i-th layer takes the i-th of a list of inputs."""
    nlayers = _py.len(layers)
    init_funs = [l[0] for l in layers]
    apply_funs = [l[1] for l in layers]

    def init_fun(rng, input_shape):
        rngs = _random.split(rng, nlayers)
        outs = [init_funs[i](rngs[i], input_shape[i]) for i in _py.range(nlayers)]
        return _py.tuple([o[0] for o in outs]), _py.tuple([o[1] for o in outs])

    def apply_fun(params, inputs, **kwargs):
        rng = kwargs.pop("rng", None)
        rngs = _random.split(rng, nlayers) if rng is not None else (None,) * nlayers
        return [apply_funs[i](params[i], inputs[i], rng=rngs[i], **kwargs) for i in _py.range(nlayers)]

    return init_fun, apply_fun


def shape_dependent(make_layer):
    """A layer built by make_layer(input_shape) when initialised."""

    def init_fun(rng, input_shape):
        return make_layer(input_shape)[0](rng, input_shape)

    def apply_fun(params, inputs, **kwargs):
        return make_layer(inputs.shape)[1](params, inputs, **kwargs)

    return init_fun, apply_fun

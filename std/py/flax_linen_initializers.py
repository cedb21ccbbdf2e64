"""flax.linen.initializers: jax.nn.initializers, with Flax's zeros_init() and ones_init()."""

from jax.nn.initializers import *
import jax.nn.initializers as _ji


def zeros_init():
    """An initializer of zeros (Flax's zeros_init(), the same as jax.nn.initializers.zeros)."""
    return _ji.zeros


def ones_init():
    """An initializer of ones (Flax's ones_init(), the same as jax.nn.initializers.ones)."""
    return _ji.ones

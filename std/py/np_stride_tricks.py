# numpy.lib.stride_tricks written in Slope: windows and strided views of an array, built as
# gathers (Slope's arrays are C-contiguous copies, so these are read-only copies, not views).
"""numpy.lib.stride_tricks: sliding_window_view and as_strided (read-only)."""

import numpy as np


def sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    """Create a sliding window view into the array with the given window shape.

    sliding_window_view(x, window_shape, axis=None)
    The result has x's shape with each windowed axis shortened to n - w + 1, followed by the
    window's own axes: v[i, ...] is the window starting at i. axis=None windows every axis
    (window_shape then has one entry per axis). Read-only in Slope (a copy, never a view).

    >>> from numpy.lib.stride_tricks import sliding_window_view
    >>> print(sliding_window_view(np.arange(6), 3))
    [[0 1 2]
     [1 2 3]
     [2 3 4]
     [3 4 5]]
    """
    if writeable:
        # help: Slope's window views are read-only; build the array you want and write to it
        raise NotImplementedError("sliding_window_view: writeable=True is not supported in Slope")
    x = np.asarray(x)
    window = list(window_shape) if isinstance(window_shape, (list, tuple)) else [window_shape]
    window = [int(w) for w in window]
    for w in window:
        if w < 0:
            # help: window sizes are 0 or more
            raise ValueError("`window_shape` cannot contain negative values")
    if axis is None:
        axes = list(range(x.ndim))
        if len(window) != len(axes):
            # help: give one window size per axis of x, or name the axes with axis=
            raise ValueError(f"Since axis is `None`, must provide window_shape for all dimensions of `x`; got {len(window)} window_shape elements and `x.ndim` is {x.ndim}.")
    else:
        axes = list(axis) if isinstance(axis, (list, tuple)) else [axis]
        if len(window) != len(axes):
            # help: give one window size per axis in axis=
            raise ValueError(f"Must provide matching length window_shape and axis; got {len(window)} window_shape elements and {len(axes)} axes elements.")
        for a in axes:
            if a < -x.ndim or a >= x.ndim:
                # help: axes count from 0 to ndim - 1, or back from -1
                raise ValueError(f"axis {a} is out of bounds for array of dimension {x.ndim}")
        axes = [a + x.ndim if a < 0 else a for a in axes]
    out = x
    nd = x.ndim
    for a, w in zip(axes, window):
        n = out.shape[a]
        if w > n:
            # help: each window must fit inside the array along its axis
            raise ValueError("window shape cannot be larger than input array shape")
        # Gather positions start + offset along axis a: the axis becomes (n - w + 1, w); the
        # window axis then goes last.
        pos = np.arange(n - w + 1).reshape(-1, 1) + np.arange(w).reshape(1, -1)
        out = np.take(out, pos, axis=a)
        out = np.moveaxis(out, a + 1, -1)
    return out


def as_strided(x, shape=None, strides=None, subok=False, writeable=True):
    """Create a view into the array with the given shape and strides (read-only in Slope).

    as_strided(x, shape=None, strides=None)
    Element index (i0, i1, ...) of the result is the element of x at byte offset
    i0 * strides[0] + i1 * strides[1] + ... from its start, counted on x's C-contiguous layout
    (x.strides and x.itemsize give its steps). Unlike numpy, an offset outside x is an error
    rather than a read of stray memory; the result is a copy, so writing to it does not reach x.

    >>> from numpy.lib.stride_tricks import as_strided
    >>> x = np.arange(5)
    >>> print(as_strided(x, shape=(3, 3), strides=(8, 8)))
    [[0 1 2]
     [1 2 3]
     [2 3 4]]
    """
    x = np.asarray(x)
    shape = tuple(x.shape) if shape is None else tuple(int(n) for n in shape)
    strides = tuple(x.strides) if strides is None else tuple(int(s) for s in strides)
    if len(shape) != len(strides):
        # help: give one stride per dimension of the shape
        raise ValueError("mismatch in length of strides and shape")
    item = x.itemsize
    steps = []
    for s in strides:
        if s % item != 0:
            # help: Slope reads whole elements: strides must be multiples of x.itemsize
            raise ValueError(f"as_strided: stride {s} is not a multiple of the item size {item}")
        steps.append(s // item)
    flat = x.reshape(-1)
    size = 1
    for n in shape:
        size = size * n
    if size == 0:
        return np.zeros(shape, dtype=x.dtype)
    lo = sum(min(0, (n - 1) * st) for n, st in zip(shape, steps))
    hi = sum(max(0, (n - 1) * st) for n, st in zip(shape, steps))
    if lo < 0 or hi >= flat.shape[0]:
        # help: keep every element inside x: (shape[k] - 1) * strides[k] summed must stay below x.nbytes
        raise ValueError(f"as_strided: the shape and strides reach outside the array's {x.nbytes} bytes (Slope does not read beyond an array)")
    idx = np.zeros(shape, dtype=np.int64)
    for k, st in enumerate(steps):
        s = [1] * len(shape)
        s[k] = shape[k]
        idx = idx + np.arange(shape[k]).reshape(s) * st
    return np.take(flat, idx)

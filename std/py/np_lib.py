# numpy.lib: numpy's library of helpers. Its submodule `stride_tricks` (std/py/np_stride_tricks.py)
# is imported on first use (`np.lib.stride_tricks`).
"""numpy.lib: the submodule stride_tricks (sliding_window_view, as_strided)."""

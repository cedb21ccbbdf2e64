# astype between every pair of dtypes on values including negatives, large values, nan and inf,
# with numpy's semantics on x86: ints wrap, floats truncate toward zero, out-of-range floats
# and nan become the minimum int through cvttsd2si.
import numpy as np
import warnings

warnings.simplefilter("ignore")
names = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64"]
ints = np.array([0, 1, -1, 127, 128, 255, 256, -129, 32767, 32768, -32769, 65535, 65536, 2147483647, -2147483648, 4294967295, 2**40 + 5, -(2**62), 2**63 - 1, -(2**63)])
floats = np.array([0.0, -0.0, 0.5, -0.5, 1.9, -1.9, 127.5, 255.9, 300.7, -300.2, 65504.0, 65520.0, 1e5, 3e9, -3e9, 4294967296.5, 1e10, -1e10, 1e19, 2.0**63, 1.8e19, 2e19, 1e-8, np.nan, np.inf, -np.inf])
for src in names:
    for vals in (ints, floats):
        x = vals.astype(src)
        for dst in names:
            y = x.astype(dst)
            print(src, dst, y.tolist())
print(repr(np.array(np.nan).astype(int)), repr(np.array([np.inf, -np.inf, 1e300]).astype(np.int64)), repr(np.array([np.nan]).astype(np.int32)))
print(repr(np.array([2.0**64 - 2048, 2.0**63 + 2048]).astype(np.uint64)), repr(np.array([2**64 - 1, 2**63, 12345], dtype=np.uint64).astype(np.float64)))
print(repr(np.array([2**64 - 1, 2**63 + 1, 3], dtype=np.uint64).astype(np.float32)), repr(np.array([2**63 + 2**40], dtype=np.uint64).astype(np.float16)))
print(repr(np.array([2**64 - 1, 2**63, 5], dtype=np.uint64) > np.array([2**63, 2**63, 2**63], dtype=np.uint64)))
print(repr(np.sort(np.array([2**64 - 1, 5, 2**63], dtype=np.uint64))), repr(np.max(np.array([2**63, 5], dtype=np.uint64))))

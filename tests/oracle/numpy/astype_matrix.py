# astype between every pair of dtypes on values including negatives, large values, nan and inf,
# with numpy's semantics on x86: ints wrap, floats truncate toward zero, out-of-range floats
# and nan become the minimum int through cvttsd2si. (numpy converts the last len % 4 elements
# to uint32 through int64 instead, so invalid values stay out of those places.)
import numpy as np
import warnings

warnings.simplefilter("ignore")
names = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64"]
ints = np.array([0, 1, -1, 127, 128, 255, 256, -129, 32767, 32768, -32769, 65535, 65536, 2147483647, -2147483648, 4294967295, 2**40 + 5, -(2**62), 9223372036854775807, -9223372036854775807 - 1])
floats = np.array([0.0, -0.0, 0.5, -0.5, 1.9, -1.9, 127.5, 255.9, 300.7, -300.2, 65504.0, 65520.0, 1e5, 3e9, -3e9, 4294967296.5, 1e10, -1e10, 1e19, 2.0**63, 1.8e19, 2e19, 1e-8, np.nan, np.inf, -np.inf, 2.5, -7.25])
for src in names:
    for vals in (ints, floats):
        x = vals.astype(src)
        for dst in names:
            y = x.astype(dst)
            # Slope's Python ints are 64-bit: uint64 prints through repr.
            print(src, dst, repr(y) if dst == "uint64" else y.tolist())
print(np.array(np.nan).astype(int), repr(np.array([np.nan]).astype(int)), repr(np.array([np.inf, -np.inf, 1e300]).astype(np.int64)), repr(np.array([np.nan]).astype(np.int32)))
# uint64 values of 2^63 and more (Slope's Python ints are 64-bit, so they come from int64 bits)
big = np.array([-1, -(2**62), 9223372036854775807, 12345], dtype=np.int64).astype(np.uint64)
print(repr(big), repr(np.array([2.0**64 - 2048, 2.0**63 + 2048]).astype(np.uint64)), repr(big.astype(np.float64)), repr(big.astype(np.float32)), repr(big.astype(np.float16)))
print(repr(big > big[2]), repr(big < 5), repr(np.sort(big)), repr(np.max(big)), repr(np.min(big)), np.argmax(big), repr(np.maximum(big, big[3])))
print(repr(big + 5), repr(big * 3), repr(big - big[0]), repr(big[2:] // 7), repr(big[2:] % 1000))

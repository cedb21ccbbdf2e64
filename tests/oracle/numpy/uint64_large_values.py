# uint64 values of 2**63 and more: floor division, remainder, divmod, comparisons, sorting,
# conversions and printing as numpy (the values are made from int64 bit patterns, since
# Slope's Python ints are 64-bit).
# rtol: 0
# atol: 0
import numpy as np
big = np.array([-1, -5, -2**62, 2**62, 7, 123456789, -123456789, 9223372036854775807, -9223372036854775807 - 1], dtype=np.int64).astype(np.uint64)
d = np.array([3, -7, 2**40, -2**62, 1, 10, -1, 2, -9223372036854775807 - 1], dtype=np.int64).astype(np.uint64)
print(big)
print(big // d, big % d, np.floor_divide(big, d), np.remainder(big, d))
print(big // np.uint64(10), big % np.uint64(10), big // np.uint64(1), big % np.uint64(7))
print(np.divmod(big, d))
print(big < d, big >= d, big == d, np.maximum(big, d), np.sort(big), np.argsort(big))
print(big.max(), big.min(), np.argmax(big))
print(big.astype(np.float64), big.astype(np.float32), big.astype(np.int64))
print(big[0], repr(big[0]), str(big[1]), big[4:6].tolist(), big[4].item(), int(big[5]))
print(np.sign(big), np.abs(big))
z = np.array([5, 0], dtype=np.uint64)
print(z // np.uint64(0), z % np.uint64(0))

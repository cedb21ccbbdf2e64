# Random integers of 8- and 16-bit dtypes and bools, bit for bit numpy's buffered samplers
# (several draws share one 32-bit word): RandomState (masked rejection) and Generator (Lemire).
import numpy as np

rs = np.random.RandomState(0)
print(rs.randint(0, 4, 20, dtype=np.uint8))
print(rs.randint(-5, 100, (3, 4), dtype=np.int8))
print(rs.randint(0, 256, 7, dtype=np.uint8), rs.randint(0, 1000, 6, dtype=np.uint16))
print(rs.randint(-300, 300, 5, dtype=np.int16), rs.randint(0, 2, 40, dtype=bool))
print(rs.randint(7, dtype=np.uint8), rs.randint(3, 9, dtype=np.int16), rs.randint(0, 65536, 3, dtype=np.uint16))
print(rs.randint(0, 4, 10))
np.random.seed(3)
I = np.random.randint(0, 4, (16, 16, 3), dtype=np.uint8)
print(I.dtype, I[0, :4], I.sum(), len(np.unique(I.reshape(-1, 3), axis=0)))
print(np.random.randint(5, 6, 4, dtype=np.uint8), np.random.randint(0, 10, 0, dtype=np.uint8))
g = np.random.default_rng(42)
print(g.integers(0, 4, 20, dtype=np.uint8), g.integers(-10, 10, 8, dtype=np.int8))
print(g.integers(0, 1000, 5, dtype=np.uint16), g.integers(0, 2, 33, dtype=bool), g.integers(0, 5, dtype=np.int16))
print(g.integers(0, 256, 5, dtype=np.uint8, endpoint=False), g.integers(0, 255, 5, dtype=np.uint8, endpoint=True))
for bad in [lambda: rs.randint(-1, 4, dtype=np.uint8), lambda: rs.randint(0, 257, dtype=np.uint8), lambda: rs.randint(5, 5, dtype=np.int8)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)

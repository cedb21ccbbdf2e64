# The small and unsigned integer dtypes: creation, wraparound arithmetic, promotion with Python
# scalars (NEP 50) and between dtypes, reductions, printing.
import numpy as np

names = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
for n in names:
    a = np.array([1, 2, 3, 100], dtype=n)
    print(n, repr(a), a.dtype, a.dtype.itemsize, a.nbytes, a.dtype.kind, np.dtype(n))
    print(repr(a * 3), repr(a + a), repr(a - 5 * a // 5), a.tolist(), type(a[0].item()).__name__)
    print(repr(a.sum()), a.sum().dtype, a.prod().dtype, a.mean().dtype, repr(a.max()), repr(a.min()), a.argmax())
    print(repr(np.arange(5, dtype=n)), repr(np.zeros(3, dtype=n)), repr(np.ones((2, 2), dtype=n)))

u = np.array([250, 5, 0, 255], dtype=np.uint8)
print(repr(u + 10), repr(u * 2), repr(u - 6), repr(-u), repr(~u), repr(u // 7), repr(u % 7))
i = np.array([-128, -1, 0, 127], dtype=np.int8)
print(repr(i + 1), repr(i - 1), repr(i * 3), repr(-i), repr(abs(i)), repr(i // -1), repr(i % 5), repr(~i))
s = np.array([-32768, 32767, 1000], dtype=np.int16)
print(repr(s * 40), repr(s + 1), repr(s & 255), repr(s | 1), repr(s ^ -1))
w = np.array([4294967295, 0, 123456789], dtype=np.uint32)
print(repr(w + 1), repr(w * w), repr(w - 1), repr(w >= 123456789), repr(w // 10))
q = np.array([2, 3, 10], dtype=np.uint64)
print(repr(q - 3), repr(q * q), repr(q + 7), q.sum())
print(repr(u < 300), repr(u == -1), repr(i > -200), repr(i != 1000), repr(q > -1))
print(repr(u < 100), repr(u == 255), repr(np.maximum(u, 100)), repr(np.minimum(i, 0)))
print(repr(np.arange(250, 260, dtype=np.uint8)), repr(np.arange(120, 135, dtype=np.int8)))
print(repr(np.array([[1, 2], [3, 4]], dtype=np.uint8) @ np.array([[100, 1], [2, 3]], dtype=np.uint8)))
print(repr(np.cumsum(np.array([200, 100, 50], dtype=np.uint8))), repr(np.cumsum(np.array([200, 100, 50], dtype=np.uint8), dtype=np.uint8)))
print(repr(np.sum(u, dtype=np.uint8)), repr(np.prod(np.array([16, 16, 2], dtype=np.uint8), dtype=np.uint8)))

# NEP 50: Python scalars are weak
print(repr(u + 1), repr(i * 2), repr(u + 1.5), repr(i / 2), repr(u * True))
for n in names:
    print(n, (np.ones(2, n) + 1).dtype, (np.ones(2, n) + 1.0).dtype, (np.ones(2, n) * np.float32(2)).dtype)
try:
    u + 300
except OverflowError as e:
    print("OverflowError", e)
try:
    np.array([1, -1], dtype=np.uint8)
except OverflowError as e:
    print("OverflowError", e)
try:
    i - 200
except OverflowError as e:
    print("OverflowError", e)

# mixed dtypes
for a in names + ["float16", "float32", "float64"]:
    row = []
    for b in names + ["float16", "float32", "float64"]:
        row.append(str((np.zeros(1, a) + np.zeros(1, b)).dtype))
    print(a, " ".join(row))
print(repr(np.uint8(250) + np.int8(3)), repr(np.array([1], np.uint8) + np.array([-1], np.int8)))
print(repr(np.array([3000000000], np.uint32) + np.array([-1], np.int32)))
print(repr(np.array([2, 3], np.uint64) + np.array([-1, 1], np.int64)))

# sorting, where, indexing
v = np.array([200, 3, 250, 7, 0], dtype=np.uint8)
print(repr(np.sort(v)), repr(np.argsort(v)), repr(np.where(v > 5, v, 9)), repr(v[[0, 2]]), repr(v[v > 100]))
v[1] = 255
print(repr(v), repr(np.concatenate([v, np.array([1], np.uint8)])), repr(np.stack([v, v])[1]))
print(repr(np.unique(np.array([3, 1, 3, 2], dtype=np.int16))), repr(np.clip(np.array([-5, 5, 300], np.int16), 0, 255)))

# float16: every operation rounds to half precision as numpy does (computing in float32);
# printing uses half precision's shortest digits.
import numpy as np

h = np.array([0.1, 1.0, 2.5, 65504.0, 1e-5, 6e-8, 3.14159], dtype=np.float16)
print(repr(h), h, h.dtype, h.itemsize, h.nbytes)
print(h.tolist(), repr(h[0]), str(h[0]), h[0].item())
for v in [999, 1000, 0.0001, 9.99e-5, 2048, 2049, 60000, 65519, 65520, 1e5, -0.0, 1 / 3]:
    x = np.float16(v)
    print(repr(x), str(x), x.item())
print(repr(h + 1), repr(h * 3), repr(h / 7), repr(h - 0.1), repr(-h))
print(repr(np.sqrt(h)), repr(np.exp(np.array([1, 2, 10, 12], np.float16))), repr(np.sin(h)))
a = np.array([1.0, 2.0, 3.0], np.float16)
print(repr(a / 3), repr(a * 0.1), repr(a ** 2), repr(a + np.float16(1e-3)), repr(a @ a))
print(repr(np.float16(1) + np.float16(0.0004)), repr(np.float16(2048) + np.float16(1)), repr(np.float16(2048) + np.float16(3)))
print(repr(np.array([60000], np.float16) * 2), repr(np.array([1e-7], np.float16)), repr(np.array([1e-4], np.float16) * np.float16(1e-3)))
print(repr(a.sum()), a.sum().dtype, repr(a.mean()), a.mean().dtype, repr(a.max()), repr(np.prod(a)))
print(repr(np.arange(0, 1, 0.1, dtype=np.float16)), repr(np.linspace(0, 1, 5).astype(np.float16)))
print((h + 1).dtype, (h + np.float32(1)).dtype, (h + np.ones(1)).dtype, (h + np.int8(1)).dtype, (h + np.int16(1)).dtype, (h + 2**20).dtype)
print(repr(np.array([0.1, 0.2], np.float32).astype(np.float16)), repr(np.array([0.1, 0.2]).astype(np.float16)))
print(repr(np.array([65519.0, 65520.0, -70000.0, 2.0**-25, 3 * 2.0**-26, np.nan, np.inf]).astype(np.float16)))
print(repr(np.array([1.0000001, 1.00048828125, 1.000732421875, 1.0014648437500002]).astype(np.float16)))
print(repr(np.floor(h)), repr(np.round(h, 1)), repr(h > 1), repr(np.isnan(h)), repr(np.where(h > 1, h, 0)))
print(repr(np.array([[1.5, 2.25], [1e3, 4e4]], np.float16)))
print(repr(np.zeros((2, 3), dtype="f2")), repr(np.ones(2, dtype="float16")), repr(np.full(2, 0.3, dtype=np.half)))

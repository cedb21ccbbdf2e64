# rtol: 4e-7
# Long float32 (and float64) sums, means and variances are as accurate as numpy's pairwise sums:
# an error of a few ulps, not one growing with the length (a sum of a million 0.1s in a few
# accumulators was off by 1e-5 relative). Where numpy itself adds in order (a sum over a leading
# axis, sequential), the program prints whether the error is within a few ulps of a float64 sum
# instead, on values where numpy's is too.
import numpy as np

n = 1_000_000
c1 = np.full(n, 0.1, np.float32)
print(c1.sum(), np.mean(c1), c1.sum(keepdims=True))
c55 = np.full((2, 512, 512), 0.55, np.float32)
print(np.mean(c55), c55.sum(), np.sum(c55[0]), np.sum(c55, axis=(1, 2)), np.mean(c55, axis=(1, 2)))
print(np.full((1000, 1000), 0.1, np.float32).sum(), np.full((3, 700001), 0.3, np.float32).sum(axis=1))

a = np.arange(n, dtype=np.float32) * np.float32(1e-3)
print(a.sum(), a.mean(), a.var(), a.std())

# Deterministic uniform values in [0, 1): an integer hash, exact in both.
h = (np.arange(n, dtype=np.int64) * 2654435761) % 4294967296
r = h.astype(np.float32) / np.float32(4294967296.0)
print(r.sum(), r.mean(), r.var(), r.std(), np.var(r, ddof=1))
r2 = r.reshape(1000, 1000)
print(r2.sum(axis=1)[:4], r2.mean(axis=-1)[-3:], r2.sum(axis=1, keepdims=True).shape, r2.var(axis=1)[:3])
r3 = r.reshape(100, 100, 100)
print(r3.sum(axis=(1, 2))[:3], r3.mean(axis=(0, 1, 2)), r3.sum(axis=(1, 2), keepdims=True)[0, 0, 0])


def close(got, want, ulps=4):
    # within `ulps` float32 ulps of `want` (a float64 result)
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    return bool(np.all(np.abs(got - want) <= ulps * 1.2e-7 * np.abs(want)))


r64 = r.astype(np.float64)
print(close(r2.sum(axis=0), r64.reshape(1000, 1000).sum(axis=0)))
print(close(r3.sum(axis=(0, 2)), r64.reshape(100, 100, 100).sum(axis=(0, 2))))
print(close(r3.mean(axis=0), r64.reshape(100, 100, 100).mean(axis=0)))
print(close((r * r).sum(), (r64 * r64).sum()), close((r * 3.0 + 1.0).sum(), (r64 * 3.0 + 1.0).sum()))

# NaN-skipping reductions.
z = r.copy()
z[::7] = np.nan
print(np.nansum(z), np.nanmean(z), np.nanvar(z))

# float64: the same order, so the same O(log n) error (relative 3e-16 where numpy has it).
d = np.full(n, 0.1)
print(d.sum(), d.mean(), (np.arange(n) * 1e-3).sum())
print(abs(d.sum() - 100000.0) < 1e-9, abs(d.mean() - 0.1) < 1e-15, abs(d.reshape(1000, 1000).sum(axis=1) - 100.0).max() < 1e-12)

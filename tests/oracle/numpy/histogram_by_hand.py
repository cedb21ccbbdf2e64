# A histogram by hand: bin edges, floor, comparisons, counts.
import numpy as np

data = np.array([0.1, 0.4, 0.45, 1.2, 1.9, 2.0, 2.2, 2.7, 3.3, 3.9, 0.05, 1.55, 2.95, 3.99])
lo, hi, nbins = 0.0, 4.0, 8
width = (hi - lo) / nbins
idx = np.clip(np.floor((data - lo) / width).astype(np.int64), 0, nbins - 1)
counts = np.array([np.sum(idx == k) for k in range(nbins)])
edges = lo + width * np.arange(nbins + 1)
print(edges)
print(counts, counts.sum())
for k in range(nbins):
    bar = "#" * int(counts[k])
    print(f"[{edges[k]:.1f}, {edges[k + 1]:.1f}) {counts[k]:2d} {bar}")
centers = (edges[:-1] + edges[1:]) / 2
print(f"mean from bins {np.sum(centers * counts) / counts.sum():.4f} true mean {data.mean():.4f}")

# Descriptive statistics without randomness: z-scores, covariance, correlation.
import numpy as np

heights = np.array([160.0, 172.5, 181.0, 158.5, 169.0, 175.5, 190.0, 165.0])
weights = np.array([55.0, 70.5, 82.0, 52.0, 66.0, 72.5, 95.0, 61.0])
for name, v in [("height", heights), ("weight", weights)]:
    print(f"{name}: mean={v.mean():.4f} std={v.std():.4f} min={v.min()} max={v.max()} range={v.max() - v.min()}")
z = (heights - heights.mean()) / heights.std()
print(np.round(z, 6))
data = np.stack([heights, weights])
centered = data - data.mean(axis=1, keepdims=True)
cov = centered @ centered.T / (data.shape[1] - 1)
print(cov)
sd = np.sqrt(np.diag(cov))
corr = cov / np.outer(sd, sd)
print(corr)
print(f"correlation {corr[0, 1]:.6f}")
sorted_h = np.sort(heights)
n = len(sorted_h)
median = (sorted_h[n // 2 - 1] + sorted_h[n // 2]) / 2
print(median)

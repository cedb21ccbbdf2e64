# median/quantile/percentile of data holding a NaN are NaN (numpy's nanfunctions examples);
# before, Slope sorted the NaN to the end and returned a number.
import numpy as np

a = np.array([[10.0, 7, 4], [3, 2, 1]])
a[0, 1] = np.nan
print(np.median(a), np.median(a, axis=0), np.median(a, axis=1), np.median(a, axis=1, keepdims=True))
print(np.percentile(a, 50), np.percentile(a, [25, 75], axis=1), np.quantile(a, 0.5), np.quantile(a, [0.1, 0.9], axis=0))
print(np.quantile(a, 0.5, axis=1, method="lower"), np.median(np.array([1.0, np.nan])), np.median(np.array([np.nan])))
b = np.array([3.0, 1.0, 2.0])
print(np.median(b), np.quantile(b, [0, 0.5, 1]))

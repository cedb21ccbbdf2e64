N = 10000
# Benchmark: N small array operations (arrays of 10 float64) at top level, 4 per loop iteration.
# run.py rewrites the first line (N = ...) to time N ops and 0 ops; the difference is the cost
# of the operations without start-up. Runs unchanged under CPython + numpy and under slope.
import numpy as np

x = np.ones(10)
for i in range(N // 4):
    x = x * 1.0001
    x = x + 0.5
    x = np.sin(x)
    x = np.abs(x)
print(N, x.sum())

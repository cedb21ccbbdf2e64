# numpy keeps integers for the quantile methods that pick elements (lower, higher, nearest).
import numpy as np
x = np.array([0, 1, 2, 3, 4, 5, 6])
print(np.percentile(x, [25, 50, 75], method="nearest"), np.quantile(x, 0.5, method="lower"), np.percentile(x.astype(np.int32), 50, method="higher"))

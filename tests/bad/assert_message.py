# expect: AssertionError
# span: assert x.sum() > 10
import numpy as np

x = np.arange(4)
assert x.sum() > 10, "sum too small"
print("unreachable")

# expect: SyntaxError
# span: total = np.sum([1, 2, 3]
import numpy as np

xs = np.arange(3)
total = np.sum([1, 2, 3]

# expect: AttributeError
# span: np.lins(0, 1, 5)
import numpy as np

grid = np.lins(0, 1, 5)
print(grid)

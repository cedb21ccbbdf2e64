import numpy as np
x = np.array([[1.0, -2.0], [3.5, 0.0]])
print(-x)
print(np.negative(np.arange(3)))

import numpy as np
x = np.array([-1.5, 0.0, 2.25])
print(np.abs(x))
print(abs(np.arange(-3, 3)))

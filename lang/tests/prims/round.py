import numpy as np
x = np.array([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6])
print(np.round(x))
print(np.round(np.linspace(-3.0, 3.0, 9)))

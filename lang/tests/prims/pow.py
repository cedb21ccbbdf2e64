import numpy as np
print(np.arange(6) ** 2)
print(np.array([2, 3, -2]) ** np.array([10, 3, 3]))
print(np.array([2.0, 9.0, 4.0]) ** 0.5)
print(np.power(np.linspace(0.5, 2.0, 4), 3.0))

import numpy as np
x = np.array([0.0, 0.25, 2.0, 9.0])
print(np.sqrt(x))
print(np.sqrt(np.linspace(0.0, 4.0, 5)))
print(np.sqrt(np.array([0.0, 0.25, 2.0, 9.0], dtype=np.float32)))

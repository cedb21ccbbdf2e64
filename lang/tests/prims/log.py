import numpy as np
x = np.array([0.25, 1.0, 2.0, 10.0])
print(np.log(x))
print(np.log(np.linspace(0.5, 4.0, 5)))
print(np.log(np.array([0.25, 1.0, 2.0, 10.0], dtype=np.float32)))

import numpy as np
x = np.array([-10.0, 0.0, 0.5, 1.25])
print(np.arctan(x))
print(np.arctan(np.linspace(-0.9, 0.9, 5)))
print(np.arctan(np.array([-10.0, 0.0, 0.5, 1.25], dtype=np.float32)))

import numpy as np
x = np.array([-1.0, 0.0, 0.5, 2.0])
print(np.exp(x))
print(np.exp(np.linspace(-0.9, 0.9, 5)))
print(np.exp(np.array([-1.0, 0.0, 0.5, 2.0], dtype=np.float32)))

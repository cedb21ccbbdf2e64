import numpy as np
x = np.array([-1.0, 0.0, 0.5, 1.25])
print(np.tanh(x))
print(np.tanh(np.linspace(-0.9, 0.9, 5)))
print(np.tanh(np.array([-1.0, 0.0, 0.5, 1.25], dtype=np.float32)))

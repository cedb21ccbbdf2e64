import numpy as np
x = np.array([-1.0, 0.0, 0.5, 0.9])
print(np.arcsin(x))
print(np.arcsin(np.linspace(-0.9, 0.9, 5)))
print(np.arcsin(np.array([-1.0, 0.0, 0.5, 0.9], dtype=np.float32)))

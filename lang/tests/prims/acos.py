import numpy as np
x = np.array([-1.0, 0.0, 0.5, 0.9])
print(np.arccos(x))
print(np.arccos(np.linspace(-0.9, 0.9, 5)))
print(np.arccos(np.array([-1.0, 0.0, 0.5, 0.9], dtype=np.float32)))

import numpy as np
x = np.array([-2.5, 0.0, 3.0])
print(np.sign(x))
print(np.sign(np.arange(-2, 3)))

import numpy as np
x = np.array([-1.5, -0.2, 0.0, 0.7, 2.5])
print(np.floor(x))

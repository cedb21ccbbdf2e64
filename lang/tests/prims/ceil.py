import numpy as np
x = np.array([-1.5, -0.7, 0.0, 0.2, 2.5])
print(np.ceil(x))

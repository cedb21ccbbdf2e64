import numpy as np
print(np.arange(5))
print(np.arange(2.0, 4.0, 0.5))
print(np.eye(3))

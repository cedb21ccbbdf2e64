import numpy as np
x = np.array([[1.0, 5.0, 5.0], [3.0, 0.5, 4.0]])
print(np.argmax(x))
print(np.argmax(x, axis=1))
print(x.argmax(axis=0))

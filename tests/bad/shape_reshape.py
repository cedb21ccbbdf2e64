# expect: ValueError
# span: x.reshape((4,))
import numpy as np

x = np.arange(6)
y = x.reshape((4,))
print(y)

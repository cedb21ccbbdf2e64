# expect: ValueError
# span: z = x @ y
import numpy as np

x = np.ones((2, 3))
y = np.ones((2, 3))
z = x @ y
print(z)

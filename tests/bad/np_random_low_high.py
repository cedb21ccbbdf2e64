# expect: ValueError
# span: np.random.randint(5, 2, size=3)
import numpy as np

np.random.seed(0)
x = np.random.randint(5, 2, size=3)
print(x)

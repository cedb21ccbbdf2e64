# expect: ValueError
# span: np.stack([x, np.ones(4)])
import numpy as np

x = np.ones(3)
y = np.stack([x, np.ones(4)])

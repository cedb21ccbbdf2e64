# expect: ValueError
# span: rng.choice([], 3)
import numpy as np

rng = np.random.default_rng(0)
print(rng.choice([], 3))

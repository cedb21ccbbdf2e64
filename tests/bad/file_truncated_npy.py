# expect: ValueError
# span: np.load("data/truncated.npy")
# cpython: ValueError
import numpy as np

x = np.load("data/truncated.npy")
print(x)

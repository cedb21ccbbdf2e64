# expect: FileNotFoundError
# span: np.load("data/no_such_file.npy")
# cpython: FileNotFoundError
import numpy as np

x = np.load("data/no_such_file.npy")

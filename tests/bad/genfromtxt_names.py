# expect: NotImplementedError
# span: np.genfromtxt(StringIO("a,b\n1,2"), delimiter=",", names=True)
# cpython: runs
from io import StringIO
import numpy as np

print(np.genfromtxt(StringIO("a,b\n1,2"), delimiter=",", names=True))

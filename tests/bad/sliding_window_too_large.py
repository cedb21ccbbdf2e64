# expect: ValueError
# span: sliding_window_view(x, 4)
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

x = np.arange(3)
print(sliding_window_view(x, 4))

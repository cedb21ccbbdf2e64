# expect: SyntaxError|IndentationError
# span: y = x * 2
# cpython: IndentationError
import numpy as np

x = np.ones(3)
    y = x * 2
print(y)

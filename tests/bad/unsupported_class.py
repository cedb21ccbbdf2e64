# expect: SyntaxError|NotImplementedError
# span: class Point:
# cpython: runs
import numpy as np

class Point:
    def __init__(self, x):
        self.x = x

p = Point(np.ones(2))
print(p.x)

# np.shape / np.ndim / np.size read an object's own attributes first, as numpy does (a tracer
# class in autodidax answers np.ndim itself), and convert everything else.
import numpy as np


class Tracer:
    def __init__(self, val):
        self.val = np.asarray(val)

    @property
    def shape(self):
        return self.val.shape

    @property
    def ndim(self):
        return self.val.ndim

    @property
    def size(self):
        return self.val.size


t = Tracer([[1.0, 2.0, 3.0]])
print(np.shape(t), np.ndim(t), np.size(t), np.ndim(Tracer(2.0)))
print(np.shape([[1, 2], [3, 4]]), np.ndim(3.0), np.size([1, 2, 3]), np.shape(np.zeros((2, 0))))

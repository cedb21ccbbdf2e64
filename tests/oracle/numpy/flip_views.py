# np.flip/fliplr/flipud are views in numpy: writes through them reach the array (numpy's
# fill_diagonal(np.fliplr(a), ...) example draws the anti-diagonal this way).
import numpy as np

a = np.zeros((3, 3), int)
np.fill_diagonal(np.fliplr(a), [1, 2, 3])
print(a)
np.fill_diagonal(np.flipud(a), [4, 5, 6])
print(a)
b = np.arange(8).reshape(2, 2, 2)
v = np.flip(b)
v[0, 0, 0] = 100
print(b, np.flip(b, (0, 2)).base is b, np.flip(b, axis=1)[0])
c = np.arange(5)
np.flip(c)[:2] = -1
print(c, np.flip(c), np.fliplr(np.eye(2)), np.flipud([1, 2, 3]))

# np.delete with a slice (np.s_), a boolean mask, a list and an int, along axes; errors.
import numpy as np

arr = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
print(np.delete(arr, 1, 0))
print(np.delete(arr, np.s_[::2], 1))
print(np.delete(arr, [1, 3, 5], None))
print(np.delete(arr, slice(1, None), axis=0), np.delete(arr, slice(5, 9)), np.delete(arr, np.s_[::-3], axis=1))
mask = np.ones(len(arr.ravel()), dtype=bool)
mask[[0, 2, 4]] = False
print(np.delete(arr.ravel(), ~mask), np.delete(arr, [True, False, True], axis=0), np.delete(arr, np.array([False] * 4), axis=1))
print(np.delete(np.arange(5.0), slice(0, 0)), np.delete(np.arange(5), -1))
for bad in (lambda: np.delete(arr, [True, False], axis=0), lambda: np.delete(arr, 7, axis=1)):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)

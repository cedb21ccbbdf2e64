# np.choose (modes raise/wrap/clip, broadcasting), np.compress, np.extract, np.place and
# np.resize: numpy's docstring examples, edge cases and errors.
import numpy as np

choices = [[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23], [30, 31, 32, 33]]
print(np.choose([2, 3, 1, 0], choices))
print(np.choose([2, 4, 1, 0], choices, mode="clip"))
print(np.choose([2, 4, 1, 0], choices, mode="wrap"))
print(np.choose([-1, 5, 1, 0], choices, mode="wrap"))
a = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
choices = [-10, 10]
print(np.choose(a, choices))
a = np.array([0, 1]).reshape((2, 1, 1))
c1 = np.array([1, 2, 3]).reshape((1, 3, 1))
c2 = np.array([-1, -2, -3, -4, -5]).reshape((1, 1, 5))
print(np.choose(a, (c1, c2)))
print(np.choose(np.array([[0, 1], [1, 0]], dtype=np.int32), [np.zeros(2), np.arange(2) + 0.5]))
for bad in (lambda: np.choose([0, 3], [[1, 2], [3, 4]]), lambda: np.choose([0, -1], [[1, 2], [3, 4]]),
            lambda: np.choose([0, 1], [[1, 2], [3, 4]], mode="foo")):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

a = np.array([[1, 2], [3, 4], [5, 6]])
print(np.compress([0, 1], a, axis=0))
print(np.compress([False, True, True], a, axis=0))
print(np.compress([False, True], a, axis=1))
print(np.compress([False, True], a))
print(np.compress([0, 1, 0, 0], np.arange(3)), np.compress([], np.arange(3)).shape)
print(np.compress(np.array([1, 0, 1]), a, axis=-2))
for bad in (lambda: np.compress([1, 0, 1, 1], np.arange(3)), lambda: np.compress([[1, 0]], np.arange(3))):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)

arr = np.arange(12).reshape((3, 4))
condition = np.mod(arr, 3) == 0
print(condition)
print(np.extract(condition, arr))
print(arr[condition])
print(np.extract([1, 0, 1], [5.5, 6.5, 7.5]), np.extract([0, 1], [1, 2, 3]))

arr = np.arange(6).reshape(2, 3)
np.place(arr, arr > 2, [44, 55])
print(arr)
f = np.linspace(0, 1, 5)
np.place(f, f > 0.3, [-1.5])
print(f)
g = np.arange(4)
np.place(g, [False, False, False, False], [])
np.place(g, [True, False, True, True], [1.9, 7])
print(g)
for bad in (lambda: np.place([1, 2], [True, False], [3]), lambda: np.place(np.arange(3), [True, False, True], []),
            lambda: np.place(np.arange(3), [True, False], [1])):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

a = np.array([[0, 1], [2, 3]])
print(np.resize(a, (2, 3)))
print(np.resize(a, (1, 4)))
print(np.resize(a, (2, 4)))
print(np.resize([1.5, 2], 5), np.resize(a, 0).shape, np.resize(np.array([], dtype=float), (2, 2)))
try:
    np.resize([1, 2], (-1, 2))
except ValueError as e:
    print("ValueError", e)

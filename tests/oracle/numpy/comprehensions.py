# List and dict comprehensions building and consuming arrays.
import numpy as np

powers = np.array([[k ** p for p in range(4)] for k in range(1, 5)])
print(powers, powers.dtype)
rows = [np.arange(n) for n in range(1, 5)]
print([r.sum() for r in rows], [len(r) for r in rows])
stats = {name: float(np.mean(v)) for name, v in [("a", np.arange(5)), ("b", np.ones(3) * 2.5)]}
for k in sorted(stats):
    print(k, stats[k])
evens = [int(v) for v in np.arange(20) if v % 4 == 0]
print(evens, np.array(evens) / 4)
squares = {i: i * i for i in range(5)}
print(np.array(list(squares.values())), sum(squares.values()))
nested = [[float(x * y) for x in np.linspace(0, 1, 3)] for y in range(3)]
print(np.array(nested))

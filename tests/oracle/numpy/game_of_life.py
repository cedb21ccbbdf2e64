# Conway's game of life on a small torus-free grid, neighbours by slicing.
import numpy as np

g = np.zeros((8, 8), dtype=np.int64)
g[1, 2] = 1
g[2, 3] = 1
g[3, 1:4] = 1
g[5:7, 5:7] = 1

def step(g):
    p = np.zeros((g.shape[0] + 2, g.shape[1] + 2), dtype=np.int64)
    p[1:-1, 1:-1] = g
    n = (p[:-2, :-2] + p[:-2, 1:-1] + p[:-2, 2:] + p[1:-1, :-2] + p[1:-1, 2:]
         + p[2:, :-2] + p[2:, 1:-1] + p[2:, 2:])
    return np.where((n == 3) | ((g == 1) & (n == 2)), 1, 0)

for gen in range(4):
    g = step(g)
    print(f"generation {gen + 1}: {g.sum()} alive")
print(g)

# In-place writes in loops, views of views, copies, casts on write and optimiser-style
# updates through a list of parameter arrays.
import numpy as np
# rollback: a failing statement leaves arrays as they were
a = np.zeros(3)
def bad(x):
    x[0] = 1
    x[1] = 2
    raise ValueError("boom")
try:
    bad(a)
except ValueError:
    pass
print(a)
# views of views
m = np.arange(12.0).reshape(3, 4)
v = m[1:]
w = v[:, 1:3]
w[:] = 0
print(m)
m[2, 2] = 9
print(w)
# loop of in-place updates
x = np.zeros(5)
for i in range(1, 5):
    x[i] = x[i - 1] + i
print(x)
# cumulative stats
fib = np.zeros(10, dtype=int)
fib[1] = 1
for i in range(2, 10):
    fib[i] = fib[i-1] + fib[i-2]
print(fib)
# a 2-D sieve-like exercise
grid = np.ones((4, 4), dtype=bool)
grid[1::2, ::2] = False
print(grid.sum(), grid)
# np.copy, copy of view
c = np.copy(m)
c[0] = -1
print(m[0])
# int array written with floats truncates
k = np.zeros(3, dtype=int)
k[0] = 2.7
print(k)
# shuffled rows by swapping
p = np.arange(6).reshape(3, 2)
p[[0, 2]] = p[[2, 0]]
print(p)
# in-place through list of arrays
params = [np.ones(2), np.ones(3)]
grads = [np.full(2, 0.5), np.full(3, 0.25)]
for pp, g in zip(params, grads):
    pp -= 0.1 * g
print(params)
# in-place methods: sort and fill reach every alias and the base of a view
s = np.array([[3.0, 1.0, 2.0], [9.0, 7.0, 8.0]])
alias = s
r = s.sort()
print(r, alias)
s.sort(axis=0)
print(alias)
v = s[1]
v.fill(4)
print(s)
s.fill(0.5)
print(alias, v)

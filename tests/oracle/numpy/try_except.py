# try/except around failing array operations; the program goes on.
import numpy as np

def safe_add(a, b):
    try:
        return a + b
    except ValueError:
        return None

r = safe_add(np.ones(3), np.ones(4))
print(r is None, safe_add(np.ones(3), np.arange(3)))
try:
    np.ones((2, 3)) @ np.ones((2, 3))
except ValueError:
    print("matmul shape mismatch caught")
try:
    v = np.arange(5)[10]
except IndexError:
    print("index out of range caught")
d = {"a": 1}
try:
    print(d["b"])
except KeyError:
    print("missing key")
try:
    np.arange(6).reshape(4)
except ValueError:
    print("bad reshape caught")
try:
    raise ValueError("custom")
except ValueError as e:
    print("caught", e)
total = 0.0
for s in ["1.5", "x", "2.25", "-1"]:
    try:
        total += float(s)
    except ValueError:
        print("skip", s)
print(total)

# numpy.random's errors for bad arguments, compared with real numpy as text: the exception's
# type and message, and the program going on after each.
import numpy as np

rng = np.random.default_rng(0)
cases = [
    ("randint(5, 2)", lambda: np.random.randint(5, 2)),
    ("randint(0)", lambda: np.random.randint(0)),
    ("randint(-3)", lambda: np.random.randint(-3)),
    ("randint(5, size=-1)", lambda: np.random.randint(5, size=-1)),
    ("rand(-1)", lambda: np.random.rand(-1)),
    ("rand(2, -3)", lambda: np.random.rand(2, -3)),
    ("choice([])", lambda: np.random.choice([])),
    ("choice(0)", lambda: np.random.choice(0)),
    ("choice(5, 6, replace=False)", lambda: np.random.choice(5, 6, replace=False)),
    ("choice(3, p=sum 1.2)", lambda: np.random.choice(3, p=[0.5, 0.6, 0.1])),
    ("choice(3, p=2 items)", lambda: np.random.choice(3, p=[0.5, 0.5])),
    ("choice(3, p=negative)", lambda: np.random.choice(3, p=[1.5, -0.5, 0.0])),
    ("choice(2.5)", lambda: np.random.choice(2.5)),
    ("choice(2d)", lambda: np.random.choice([[1, 2], [3, 4]])),
    ("normal(0, -1)", lambda: np.random.normal(0, -1)),
    ("exponential(-1)", lambda: np.random.exponential(-1.0)),
    ("poisson(-1)", lambda: np.random.poisson(-1.0)),
    ("uniform(0, inf)", lambda: np.random.uniform(0, float("inf"))),
    ("seed(-1)", lambda: np.random.seed(-1)),
    ("seed(2**32)", lambda: np.random.seed(2**32)),
    ("seed([])", lambda: np.random.seed([])),
    ("RandomState(-5)", lambda: np.random.RandomState(-5)),
    ("permutation(5.0 array)", lambda: np.random.permutation(np.float64(5.0))),
    ("integers(5, 2)", lambda: rng.integers(5, 2)),
    ("integers(0)", lambda: rng.integers(0)),
    ("integers(3, 1, endpoint=True)", lambda: rng.integers(3, 1, endpoint=True)),
    ("integers(-1, endpoint=True)", lambda: rng.integers(-1, endpoint=True)),
    ("choice([], 3)", lambda: rng.choice([], 3)),
    ("choice(4, 5, replace=False)", lambda: rng.choice(4, 5, replace=False)),
    ("uniform(1, 0)", lambda: rng.uniform(1.0, 0.0)),
    ("normal(size=-2)", lambda: rng.normal(size=-2)),
    ("normal(scale=-2)", lambda: rng.normal(0.0, -2.0)),
    ("random(-1)", lambda: rng.random(-1)),
    ("SeedSequence(-1)", lambda: np.random.SeedSequence(-1)),
]
for name, f in cases:
    try:
        f()
        print(name, "no error")
    except Exception as e:
        print(name, type(e).__name__, str(e))

np.random.seed(3)
print("still drawing:", np.random.randint(100, size=5).tolist(), np.random.rand())

# numpy.random: state carried between calls of different kinds (the legacy Gaussian's cached
# second value, PCG64's buffered 32-bit half), scalars, shapes and dtypes, RandomState and
# Generator objects, get_state/set_state, against real numpy.
# rtol: 0
# atol: 0
# words: float64 int64 int32 float int tuple
import numpy as np

for s in (0, 42, 12345):
    np.random.seed(s)
    a = np.random.rand()
    b = np.random.randn()
    c = np.random.randint(0, 100)
    d = np.random.randn(3)
    e = np.random.randn()
    f = np.random.normal()
    g = np.random.uniform()
    h = np.random.choice(10)
    print(a, b, c, d.tolist(), e, f, g, h)
    print(type(a).__name__, type(b).__name__, type(c).__name__, type(h).__name__)
    x = np.random.rand(2, 3)
    y = np.random.randn(4, 1)
    z = np.random.randint(5, size=(2, 2))
    w = np.random.randint(5, size=(3,), dtype=np.int32)
    print(x.shape, x.dtype, y.shape, y.dtype, z.shape, z.dtype, w.shape, w.dtype)
    print(x.tolist(), y.tolist(), z.tolist(), w.tolist())
    print(np.random.normal([0.0, 10.0, 20.0], 2.0).tolist(), np.random.uniform(0.0, [1.0, 2.0]).tolist())
    print(np.random.choice([3, 1, 4, 1, 5], size=(2, 3)).tolist())
    print(np.random.permutation(np.arange(12).reshape(4, 3)).tolist())

    rs = np.random.RandomState(s)
    print(rs.rand(3).tolist(), rs.randn(3).tolist(), rs.randint(7, size=4).tolist())
    st = rs.get_state()
    first = rs.randn(5).tolist()
    rs.set_state(st)
    print(first == rs.randn(5).tolist(), st[2], st[3])
    rs2 = np.random.RandomState([s, 7, 99])
    print(rs2.random_sample(4).tolist())

    rng = np.random.default_rng(s)
    p = rng.random()
    q = rng.integers(5)
    r = rng.random()
    t = rng.integers(3, size=3)
    u = rng.normal()
    v = rng.standard_normal((2, 2))
    print(p, q, r, t.tolist(), u, v.tolist())
    print(type(p).__name__, type(u).__name__, v.shape, v.dtype, t.dtype)
    rng2 = np.random.Generator(np.random.PCG64(s))
    print(rng2.random(3).tolist(), rng2.integers(0, 10, size=(2, 3)).tolist())
    rng3 = np.random.default_rng([s, 1, 2])
    print(rng3.random(2).tolist())
    kids = np.random.SeedSequence(s).spawn(2)
    print([np.random.default_rng(k).random() for k in kids])
    lst = [1, 2, 3, 4, 5, 6]
    rng.shuffle(lst)
    print(lst)
    m = np.arange(10.0).reshape(5, 2)
    alias = m
    rng.shuffle(m)
    print(alias.tolist())

for s in (0, 42, 12345):
    g = np.random.Generator(np.random.MT19937(s))
    print(g, g.random(5).tolist(), g.integers(0, 1000, size=5).tolist(), g.normal(size=3).tolist())
    rs = np.random.RandomState(np.random.MT19937(s))
    print(rs.rand(3).tolist(), rs.randn(3).tolist())
    print(np.random.default_rng(np.random.MT19937(s)).permutation(8).tolist())

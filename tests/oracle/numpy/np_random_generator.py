# numpy.random.default_rng (Generator over PCG64, seeded through SeedSequence) against real
# numpy, bit for bit: the first 1,000 numbers of every method for three seeds.
# rtol: 0
# atol: 0
# words: float64 int64 int32
import numpy as np

N = 1000

for s in (0, 42, 12345):
    print("seed", s)
    print("random", np.random.default_rng(s).random(N).tolist())
    print("integers 10", np.random.default_rng(s).integers(10, size=N).tolist())
    print("integers -5 5", np.random.default_rng(s).integers(-5, 5, size=N).tolist())
    print("integers endpoint", np.random.default_rng(s).integers(1, 6, size=N, endpoint=True).tolist())
    print("integers 1000003", np.random.default_rng(s).integers(0, 1000003, size=N).tolist())
    print("integers 2**40", np.random.default_rng(s).integers(-(2**40), 2**40, size=N).tolist())
    print("integers 2**32", np.random.default_rng(s).integers(0, 2**32, size=N).tolist())
    print("normal", np.random.default_rng(s).normal(1.5, 2.0, N).tolist())
    print("standard_normal", np.random.default_rng(s).standard_normal(N).tolist())
    print("normal default", np.random.default_rng(s).normal(size=N).tolist())
    print("uniform", np.random.default_rng(s).uniform(-2.0, 3.0, N).tolist())
    print("exponential", np.random.default_rng(s).exponential(2.5, N).tolist())
    print("standard_exponential", np.random.default_rng(s).standard_exponential(N).tolist())
    print("choice", np.random.default_rng(s).choice(7, N).tolist())
    print("choice p", np.random.default_rng(s).choice(5, N, p=[0.1, 0.2, 0.3, 0.25, 0.15]).tolist())
    print("choice array", np.random.default_rng(s).choice(np.arange(10.0) * 1.5, N).tolist())
    print("choice no replace", np.random.default_rng(s).choice(N, N, replace=False).tolist())
    print("choice no replace small", np.random.default_rng(s).choice(N, 30, replace=False).tolist())
    print("choice no replace unshuffled", np.random.default_rng(s).choice(N, 30, replace=False, shuffle=False).tolist())
    print("choice no replace large", np.random.default_rng(s).choice(20000, N, replace=False).tolist())
    print("choice no replace p", np.random.default_rng(s).choice(8, 5, replace=False, p=[0.05, 0.1, 0.2, 0.05, 0.3, 0.1, 0.1, 0.1]).tolist())
    print("permutation", np.random.default_rng(s).permutation(N).tolist())
    rng = np.random.default_rng(s)
    x = np.arange(N) * 2
    rng.shuffle(x)
    print("shuffle", x.tolist())
    print("poisson 3", np.random.default_rng(s).poisson(3.0, N).tolist())
    print("poisson 40", np.random.default_rng(s).poisson(40.0, N).tolist())
    print("seedseq", np.random.SeedSequence(s).generate_state(8).tolist())
    print("binomial 10 0.3", np.random.default_rng(s).binomial(10, 0.3, N).tolist())
    print("binomial 100 0.4", np.random.default_rng(s).binomial(100, 0.4, N).tolist())
    print("binomial 1000 0.7", np.random.default_rng(s).binomial(1000, 0.7, N).tolist())
    print("binomial 5000 0.01", np.random.default_rng(s).binomial(5000, 0.01, N).tolist())

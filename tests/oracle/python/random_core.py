# rtol: 0
# atol: 0
# The random module bit for bit with CPython (floats compared exactly): the first 1000 values of
# each integer and sequence function for three seeds, one of them wider than 32 bits.
import random

SEEDS = [0, 12345, 2**40 + 7]
POP = ["red", "green", "blue", "cyan", "magenta", "yellow", "black"]

for seed in SEEDS:
    print("seed", seed)
    random.seed(seed)
    print("random", *[repr(random.random()) for i in range(1000)])
    random.seed(seed)
    for k in [32, 63]:
        print("getrandbits", k, *[random.getrandbits(k) for i in range(1000)])
    for k in [0, 1, 5, 31, 33, 53]:
        print("getrandbits", k, *[random.getrandbits(k) for i in range(100)])
    random.seed(seed)
    print("randrange", *[random.randrange(10) for i in range(1000)])
    print("randrange", *[random.randrange(-50, 50, 7) for i in range(1000)])
    print("randrange", *[random.randrange(100, -100, -3) for i in range(1000)])
    print("randrange", *[random.randrange(2**40) for i in range(1000)])
    print("randrange", *[random.randrange(1, 2**62) for i in range(1000)])
    print("randint", *[random.randint(1, 6) for i in range(1000)])
    print("choice", *[random.choice(POP) for i in range(1000)])
    print("choice", *[random.choice(range(1, 1000, 3)) for i in range(1000)])
    random.seed(seed)
    print("choices", *random.choices(POP, k=1000))
    print("choices", *random.choices(POP, [1, 2, 3, 4, 5, 6, 7], k=1000))
    print("choices", *random.choices(POP, weights=[0.5, 0, 2.5, 1, 0, 0, 3], k=1000))
    print("choices", *random.choices(POP, cum_weights=[1, 1, 5, 6, 10, 11, 12], k=1000))
    random.seed(seed)
    for i in range(100):
        xs = list(range(10))
        random.shuffle(xs)
        print("shuffle", *xs)
    xs = list(range(1000))
    random.shuffle(xs)
    print("shuffle", *xs)
    random.seed(seed)
    print("sample", *random.sample(range(1000), 1000))
    print("sample", *random.sample(range(100000), 1000))
    print("sample", *random.sample(POP, 7))
    print("sample", *random.sample(range(3, 10**6, 7), 50))
    print("sample", *random.sample(POP, k=20, counts=[1, 2, 3, 4, 5, 6, 7]))
    print("after", repr(random.random()))

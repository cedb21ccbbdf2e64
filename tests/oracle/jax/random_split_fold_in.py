import jax
from jax import random

for seed in range(10):
    key = random.key(seed)
    k1, k2 = random.split(key)
    k3 = random.fold_in(key, 7)
    k4 = random.fold_in(k2, seed * 1000 + 3)
    for k in [k1, k2, k3, k4]:
        for shape in [(), (3,), (2, 3)]:
            print(random.uniform(k, shape), random.normal(k, shape), random.randint(k, shape, -50, 50))
    ks = random.split(key, 4)
    print(random.uniform(ks[3], (2,)), random.normal(ks[0], (2,)))

# rtol: 0
# atol: 0
# random.Random instances and subclasses as CPython's: generators independent of each other and
# of the module's, state moved between them, and subclasses whose random() or getrandbits()
# drive every method (CPython's __init_subclass__ picks how ints are drawn).
import random

a = random.Random(42)
b = random.Random(42)
print([repr(a.random()) for _ in range(5)] == [repr(b.random()) for _ in range(5)])
random.seed(42)
print(repr(random.random()), repr(random.Random(42).random()), repr(random.Random("other").random()))

r = random.Random(1)
random.seed(99)
xs = [r.randint(1, 100) for _ in range(20)]
print(xs, repr(random.random()))
print(repr(r.gauss()), repr(r.gauss_next), repr(r.gauss()), r.gauss_next)
print(r.sample(range(50), 5), r.choices("abc", [1, 0, 2], k=5), repr(r.triangular(0, 10, 2)))
deck = list(range(10))
r.shuffle(deck)
print(deck)

state = r.getstate()
t = random.Random()
t.setstate(state)
print([t.random() == r.random() for _ in range(3)], isinstance(r, random.Random), type(r).__name__)
r.seed(5)
t.seed(5)
print(r.getrandbits(40) == t.getrandbits(40))


class Constant(random.Random):
    def random(self):
        return 0.25


c = Constant()
print(c.random(), c.uniform(0, 8), c.randrange(10), c.randrange(3, 30, 3), c.choice("abcd"), c.choices("abcd", k=3))
print(repr(c.expovariate(1.0)), repr(c.triangular()), c.sample(range(8), 3))


class Counter(random.Random):
    def __init__(self):
        super().__init__(0)
        self.n = 0

    def getrandbits(self, k):
        self.n += 1
        return self.n % (1 << k)


cc = Counter()
print([cc.randrange(5) for _ in range(10)], cc.n, repr(cc.random()))


class Reseeded(random.Random):
    def seed(self, a=None, version=2):
        super().seed(1000 if a is None else a + 1)


print(repr(Reseeded().random()) == repr(random.Random(1000).random()), repr(Reseeded(3).random()) == repr(random.Random(4).random()))

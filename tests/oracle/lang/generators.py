# Generators: yield, send, return values, yield from, exhaustion, infinite generators used
# lazily, generator expressions as lazy iterators, generator pipelines.
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(10)])
print(next(f), next(f))


def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out


print(take(5, (x * x for x in fib() if x % 2 == 0)))


def averager():
    total, n = 0.0, 0
    avg = None
    while True:
        x = yield avg
        if x is None:
            return total
        total += x
        n += 1
        avg = total / n


a = averager()
next(a)
print(a.send(10), a.send(20), a.send(60))
try:
    a.send(None)
except StopIteration as e:
    print("returned", type(e).__name__)


def inner():
    yield 1
    yield 2
    return "inner done"


def outer():
    r = yield from inner()
    yield r
    yield from [3, 4]
    yield from (c for c in "ab")


print(list(outer()))

g = (i for i in range(3))
print(list(g), list(g))
g2 = inner()
print(next(g2), next(g2))
for _ in range(2):
    try:
        next(g2)
    except StopIteration:
        print("exhausted")


def lines():
    for text in ["a b", "c", "d e f"]:
        yield text


words = (w for line in lines() for w in line.split())
upper = map(str.upper, words)
print(list(zip(range(100), upper)))
print(sum(x for x in range(1, 101)), max(len(w) for w in ["aa", "b", "cccc"]))
print(any(x > 5 for x in fib()), all(x < 3 for x in [1, 2]))
print(sorted(x % 7 for x in range(20)), tuple(x for x in "hi"), dict((k, len(k)) for k in ["ab", "c"]))
gen = fib()
print(type(gen).__name__, iter(gen) is gen)


def flatten(xs):
    for x in xs:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x


print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))


def counter(n):
    i = 0
    while i < n:
        received = yield i
        i = i + 1 if received is None else received


c = counter(10)
print(next(c), next(c), c.send(7), next(c), next(c, "end"), next(c, "end"))

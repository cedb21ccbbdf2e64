# Functions: *args/**kwargs everywhere, keyword-only arguments, defaults (lambda defaults too),
# closures, global/nonlocal, decorators (with arguments, stacked), chained comparisons,
# unpacking, del of items, for/while else, walrus, %-formatting and str methods.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))


print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6, d=7))
print(f(*[1, 2], **{"c": 3, "z": 0}))
g = lambda x, y=10, *r, **k: (x, y, r, k)
print(g(1), g(1, 2, 3, q=4))

counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print(counter)


def make_acc():
    total = 0

    def add(x):
        nonlocal total
        total += x
        return total

    return add


acc = make_acc()
acc(5)
print(acc(10), acc(-3))


def trace(label):
    def deco(fn):
        def wrapper(*a, **k):
            print(f"[{label}] {fn.__name__}{a}")
            return fn(*a, **k)

        return wrapper

    return deco


def twice(fn):
    return lambda *a: fn(fn(*a))


@trace("calc")
@twice
def inc(x):
    return x + 1


print(inc(5))
x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 == 5, "a" < "b" < "c")
first, *middle, last = range(6)
(p, q), r = (1, 2), 3
print(first, middle, last, p, q, r)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
lst = list(range(10))
del lst[2], lst[0]
del lst[::3]
print(d, lst)
for n in range(2, 20):
    for k in range(2, n):
        if n % k == 0:
            break
    else:
        print(n, end=" ")
print()
i = 0
while i < 3:
    i += 1
else:
    print("while done", i)
data = [3, 8, 1]
if (n := len(data)) > 2:
    print(f"{n} items, max {max(data)}")
print([y for x in data if (y := x * 2) > 5])
print("%d items cost %.2f (%s) %5.1f%% %x %r" % (3, 4.5, "ok", 12.345, 255, "q"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
s = "  Hello, World  "
print(s.strip(), s.lower().split(","), s.replace("l", "L"), s.strip().startswith("Hell"), s.count("l"))
print("-".join(["a", "b"]), "abc".upper(), "x,y,,z".split(","), "a b  c".split(), "title case".title(), "ab".center(6, "*"))
print("{} and {name}".format(1, name="two"), "{:>5}|{:<5}|{:^5}".format("r", "l", "c"), "3".zfill(4), "%s" % [1, 2])
print("hello world".partition(" "), "a.b.c".rsplit(".", 1), "abc".find("c"), "x".isalpha(), "12".isdigit(), "Ab".swapcase())

# rtol: 0
# atol: 0
# How random seeds and restores its generator, as CPython: ints (negative, huge, bool), floats
# (by their hash), strs (version 2: the UTF-8 bytes and their SHA-512), None (the OS's
# entropy: two generators differ), getstate/setstate (gauss's kept value included), and errors.
import random

for s in [0, 1, -1, 2**32 - 1, 2**32, 9223372036854775807, -9223372036854775807 - 1, True, False, 0.0, 1.5, -2.25, 3.0, 1e300, 5e-324, "", "a", "hello", "héllo wörld ✓", "x" * 1000]:
    random.seed(s)
    print(repr(s)[:40], *[repr(random.random()) for i in range(5)], random.getrandbits(31))

random.seed(None)
a = random.random()
random.seed()
b = random.random()
print("unseeded differ", a != b)

random.seed(7)
random.gauss()
state = random.getstate()
print(state[0], len(state[1]), state[1][-1], repr(state[2]), state[1][:5])
after = [repr(random.gauss()) for i in range(5)]
random.setstate(state)
print(after == [repr(random.gauss()) for i in range(5)])
random.setstate((2, tuple([x - 2**32 if x >= 2**31 else x for x in state[1][:624]]) + (state[1][624],), None))
print(repr(random.random()))


def attempt(label, f, *args, **kw):
    try:
        print(label, "->", repr(f(*args, **kw)))
    except TypeError as e:
        print(label, "-> TypeError:", e)
    except IndexError as e:
        print(label, "-> IndexError:", e)
    except ValueError as e:
        print(label, "-> ValueError:", e)


attempt("seed list", random.seed, [1, 2])
attempt("randrange empty", random.randrange, 0)
attempt("randrange empty 2", random.randrange, 5, 5)
attempt("randrange zero step", random.randrange, 0, 10, 0)
attempt("randrange empty step", random.randrange, 10, 0, 2)
attempt("randrange float", random.randrange, 2.5)
attempt("randrange whole float", random.randrange, 1, 2.0)
attempt("randrange no stop", random.randrange, 10, None, 2)
attempt("randint empty", random.randint, 3, 1)
attempt("choice empty", random.choice, [])
attempt("sample too many", random.sample, [1, 2], 3)
attempt("sample negative", random.sample, [1, 2], -1)
attempt("sample dict", random.sample, {"a": 1}, 1)
attempt("sample counts", random.sample, [1, 2], 1, counts=[1])
attempt("choices both", random.choices, [1, 2], [1, 1], cum_weights=[1, 2])
attempt("choices weights length", random.choices, [1, 2], [1])
attempt("choices k positional", random.choices, [1, 2], 3)
attempt("choices zero weights", random.choices, [1, 2], [0, 0])
attempt("getrandbits negative", random.getrandbits, -1)
attempt("gammavariate", random.gammavariate, 0, 1)
attempt("setstate version", random.setstate, (9, (), None))
attempt("setstate bad index", random.setstate, (3, tuple([0] * 624) + (625,), None))
attempt("setstate short", random.setstate, (3, (1, 2), None))

# itertools as programs use it: combinatorics (product with repeat, combinations, permutations),
# chaining, running totals, infinite iterators taken lazily with islice/takewhile/zip, grouping,
# tee, pairwise, and the argument errors CPython raises.
import itertools
import operator
from itertools import (
    accumulate, chain, combinations, combinations_with_replacement, compress, count, cycle, dropwhile,
    filterfalse, groupby, islice, pairwise, permutations, product, repeat, starmap, takewhile, tee, zip_longest,
)

print(list(product("ab", range(2))))
print(list(product([0, 1], repeat=3)))
print(list(product("ab", "xy", repeat=2))[:5], len(list(product("ab", "xy", repeat=2))))
print(list(product()), list(product([], [1, 2])))
print(list(combinations("ABCD", 2)))
print(list(combinations(range(4), 3)), list(combinations([1, 2], 3)), list(combinations([1, 2], 0)))
print(list(combinations_with_replacement("ABC", 2)))
print(list(permutations("ABC")))
print(list(permutations(range(3), 2)))
print(len(list(permutations(range(5)))), list(permutations([], 0)), list(permutations([1], 2)))
print(list(chain("abc", [1, 2], (3,))))
print(list(chain.from_iterable(["ab", "cd", [5]])))
print(list(chain()))
print(list(accumulate([1, 2, 3, 4, 5])))
print(list(accumulate([1, 2, 3, 4, 5], operator.mul)))
print(list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=7)), list(accumulate([])))
print(list(accumulate(["a", "b", "c"])))
c = count(10)
print(next(c), next(c), next(c), c)
print(list(islice(count(), 5)), list(islice(count(1, 2), 4)), list(islice(count(0.5, 0.25), 3)))
print(list(zip("abc", count(1))))
print(count(3, 2), repeat("x", 3), repeat(None))
print(list(islice(cycle("AB"), 5)), list(cycle([])))
print(list(repeat(7, 3)), list(repeat("z", 0)), list(map(pow, range(4), repeat(2))))
print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)), list(islice("ABCDEFG", 0, None, 2)))
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 1, 5, 2)), next(it))
print(list(zip_longest("ABCD", "xy", fillvalue="-")))
print(list(zip_longest([1, 2], [3], [4, 5, 6])), list(zip_longest()))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a", None])))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(pairwise("ABCDE")), list(pairwise([1])))
for key, group in groupby("AAAABBBCCDAABBB"):
    print(key, list(group))
data = [("a", 1), ("a", 2), ("b", 3), ("c", 4), ("c", 5)]
print([(k, [v for _, v in g]) for k, g in groupby(data, key=operator.itemgetter(0))])
print([k for k, g in groupby([1, 1, 2, 3, 3, 3])], [len(list(g)) for k, g in groupby([1, 1, 2, 3, 3, 3])])
groups = list(groupby("aabbc"))
print([(k, list(g)) for k, g in groups])
words = sorted(["apple", "avocado", "banana", "blueberry", "cherry"], key=len)
print({k: list(g) for k, g in groupby(words, key=len)})
a, b = tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
x, y, z = tee("ab", 3)
print(list(x), list(y), list(z))
print(list(islice(((i, i * i) for i in count()), 3)))
print(sum(1 for _ in combinations(range(10), 4)))
print(list(itertools.islice(itertools.count(), 2, 8, 3)))
evens = (n for n in count() if n % 2 == 0)
print(list(takewhile(lambda n: n < 10, evens)))

for bad in [lambda: islice([1], -1), lambda: islice([1], 0, 1, 0), lambda: islice([1], "a"), lambda: combinations([1], -1),
            lambda: product([1], repeat=-1), lambda: permutations([1], -2), lambda: list(chain([1], 2)), lambda: islice(5, 2)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
s = islice([1, 2], 5)
print(next(s), next(s))
try:
    next(s)
except StopIteration as e:
    print("StopIteration", repr(e))

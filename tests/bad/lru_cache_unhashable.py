# expect: TypeError
# span: print(norm([3, 4]))
from functools import lru_cache


@lru_cache(maxsize=None)
def norm(v):
    return sum(x * x for x in v) ** 0.5


print(norm([3, 4]))

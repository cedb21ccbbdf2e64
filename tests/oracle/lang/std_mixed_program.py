# A program that uses the standard library together, as application code does: an inventory of
# dataclasses with Enum categories grouped with defaultdict/groupby/Counter, sorted by attrgetter,
# reduced, dumped to JSON, cached with lru_cache under a wraps decorator, copied deeply, behind
# an abstract base class and a context manager; from __future__ import annotations on top.
from __future__ import annotations
import json
from collections import Counter, defaultdict, namedtuple, deque
from dataclasses import dataclass, field, asdict
from enum import Enum, auto
from functools import reduce, lru_cache, partial, wraps
from itertools import groupby, chain, islice, accumulate
from operator import attrgetter, itemgetter
from typing import Dict, List, Optional, Iterator
import abc, copy, contextlib, time

class Category(Enum):
    FRUIT = auto()
    VEG = auto()
    DAIRY = auto()

@dataclass(order=True)
class Product:
    price: float
    name: str = field(compare=False)
    category: Category = field(compare=False, default=Category.FRUIT)
    tags: List[str] = field(default_factory=list, compare=False)

items = [Product(1.2, "apple"), Product(0.5, "carrot", Category.VEG), Product(3.0, "cheese", Category.DAIRY, ["aged"]), Product(0.8, "banana"), Product(2.5, "milk", Category.DAIRY)]
by_cat = defaultdict(list)
for p in items:
    by_cat[p.category].append(p.name)
print(dict(by_cat))
print(sorted(items)[0].name, max(items).name, [p.name for p in sorted(items, key=attrgetter("name"))])
for cat, group in groupby(sorted(items, key=lambda p: p.category.value), key=attrgetter("category")):
    print(cat.name, [p.name for p in group])
print(reduce(lambda acc, p: acc + p.price, items, 0.0), list(accumulate(p.price for p in items)))
print(json.dumps([{**asdict(p), "category": p.category.name} for p in items[:2]]))
c = Counter(p.category for p in items)
print(c.most_common(), c[Category.VEG])
Row = namedtuple("Row", "name price")
rows = [Row(p.name, p.price) for p in items]
print(sorted(rows, key=itemgetter(1))[:2], rows[0]._asdict())
def timed(f):
    @wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner
@timed
@lru_cache(maxsize=None)
def price_of(name: str) -> Optional[float]:
    return next((p.price for p in items if p.name == name), None)
print(price_of("milk"), price_of("none"), price_of.__name__, price_of.__wrapped__.cache_info())
history = deque(maxlen=2)
for p in items:
    history.append(p.name)
print(history, list(islice(chain.from_iterable(p.tags for p in items), 5)))
snap = copy.deepcopy(items)
items[2].tags.append("blue")
print(snap[2].tags, items[2].tags, snap[2] == items[2])
class Store(abc.ABC):
    @abc.abstractmethod
    def stock(self) -> Iterator[Product]: ...
class Shop(Store):
    def stock(self):
        yield from items
print(sum(1 for _ in Shop().stock()))
@contextlib.contextmanager
def section(name):
    print("begin", name)
    yield
    print("end", name)
with section("report"):
    print(Category.DAIRY, repr(Category.VEG), Category["FRUIT"].value)

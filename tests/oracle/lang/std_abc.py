# abc and collections.abc as programs use them: an abstract base class whose abstract methods
# must be overridden (CPython's TypeError otherwise), abstract properties, register() for virtual
# subclasses, isinstance against the container ABCs for builtin values and user classes, and the
# mixin methods a Sequence or Mapping subclass gets.
from abc import ABC, abstractmethod, ABCMeta
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def perimeter(self): return 4 * self.s
class Half(Shape):
    def area(self): return 1
try:
    Shape()
except TypeError as e:
    print(type(e).__name__, e)
try:
    Half()
except TypeError as e:
    print(type(e).__name__, e)
s = Sq(3)
print(s.describe(), isinstance(s, Shape), Shape.__abstractmethods__ == frozenset({'area','perimeter'}), Sq.__abstractmethods__)
print(type(Shape), type(ABC), isinstance(Shape, ABCMeta))
class Plugin(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self): ...
class P1(Plugin):
    name = "p1"
print(P1().name)
try:
    Plugin()
except TypeError as e:
    print(e)
class Duck: pass
Shape.register(Duck)
print(isinstance(Duck(), Shape), issubclass(Duck, Shape), issubclass(int, Shape))
from collections.abc import Iterable, Iterator, Mapping, Sequence, Callable, Sized, Hashable, MutableMapping, Generator, Container, Collection, Set, MutableSequence
import collections.abc
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
for v in [[1], (1,), "s", {1: 2}, {1}, 5, 2.0, None, It(), iter([]), (x for x in []), range(3), len, lambda: 0, Sq]:
    print(type(v).__name__, [isinstance(v, c) for c in (Iterable, Iterator, Mapping, Sequence, Callable, Sized, Hashable, MutableMapping, Generator, Container, Collection, Set, MutableSequence)])
class MySeq(Sequence):
    def __init__(self, *a): self.a = a
    def __getitem__(self, i): return self.a[i]
    def __len__(self): return len(self.a)
m = MySeq(1, 2, 3, 2)
print(list(m), 2 in m, m.index(3), m.count(2), list(reversed(m)), isinstance(m, Iterable), collections.abc.Sized)
class MyMap(Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
mm = MyMap({"a": 1, "b": 2})
print(mm.get("a"), mm.get("z", 0), "a" in mm, list(mm.keys()), list(mm.items()), list(mm.values()), dict(mm), mm == {"a": 1, "b": 2})
try:
    MyMap2 = type("X", (Mapping,), {})
    MyMap2()
except TypeError as e:
    print(e)

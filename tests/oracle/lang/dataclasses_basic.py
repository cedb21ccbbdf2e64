# dataclasses as programs use them: fields with defaults and default_factory, the generated
# __init__/__repr__/__eq__, order=True comparisons and sorting, frozen instances (assignment is a
# FrozenInstanceError, hashing works), replace, asdict/astuple (recursive), fields(),
# __post_init__, inheritance, and the errors of a missing argument or a mutable default.
import dataclasses
from dataclasses import FrozenInstanceError, asdict, astuple, dataclass, field, fields, replace
from typing import List, Optional


@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: List[str] = field(default_factory=list)

    def total(self) -> float:
        return self.price * self.qty


a = Item("pen", 1.5)
b = Item("book", 12.0, qty=2, tags=["paper"])
print(a, b, a.total(), b.total())
print(a == Item("pen", 1.5), a == b, a != b, a.tags is not Item("x", 0).tags)
a.tags.append("blue")
a.qty = 3
print(a, repr(a), [f.name for f in fields(Item)], [f.default is dataclasses.MISSING for f in fields(Item)], fields(Item)[2].default)
print(asdict(b), astuple(b), dataclasses.is_dataclass(a), dataclasses.is_dataclass(Item), dataclasses.is_dataclass(3))
c = replace(b, qty=5)
print(c, b.qty, c.tags is b.tags)


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


vs = [Version(1, 2), Version(0, 9, "beta"), Version(1, 0), Version(1, 2, "rc")]
print(sorted(vs), max(vs), Version(1, 2) < Version(1, 3), Version(2) >= Version(1, 9), Version(1, 2, "x") == Version(1, 2, "y"))


@dataclass(frozen=True)
class Point:
    x: float
    y: float = 0.0

    def dist2(self):
        return self.x**2 + self.y**2


p = Point(3.0, 4.0)
print(p, p.dist2(), hash(p) == hash(Point(3.0, 4.0)), {p: "here"}[Point(3.0, 4.0)], len({p, Point(3.0, 4.0)}))
try:
    p.x = 10
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    del p.y
except FrozenInstanceError as e:
    print(type(e).__name__, e)
print(replace(p, y=1.0), p)


@dataclass
class Nested:
    origin: Point
    points: List[Point] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    note: Optional[str] = None


n = Nested(Point(0.0), [Point(1.0, 2.0)], {"k": Point(5.0)})
print(n)
print(asdict(n))
print(astuple(n))


@dataclass
class Account:
    owner: str
    balance: float = 0.0
    history: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        self.owner = self.owner.title()
        self.history.append(("open", self.balance))


acct = Account("ada lovelace", 10.0)
print(acct, acct.history)


@dataclass
class Base:
    id: int
    kind: str = "base"


@dataclass
class Child(Base):
    extra: str = "e"
    kind: str = "child"


print(Child(1), Child(2, extra="x"), isinstance(Child(3), Base), [f.name for f in fields(Child)])


@dataclass(eq=False)
class Handle:
    fd: int


h = Handle(3)
print(h == Handle(3), h == h, {h: 1}[h])


@dataclass
class WithInitFalse:
    a: int
    b: int = field(init=False, default=7)
    c: int = field(init=False)

    def __post_init__(self):
        self.c = self.a * 2


w = WithInitFalse(5)
print(w, w.b, w.c)

for bad in [lambda: Item("x"), lambda: Item("x", 1.0, 2, [], 5), lambda: Item("x", 1.0, color="red"), lambda: Point()]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
try:

    @dataclass
    class Bad:
        items: list = []

except ValueError as e:
    print(type(e).__name__, e)
try:

    @dataclass
    class Bad2:
        a: int = 1
        b: int

except TypeError as e:
    print(type(e).__name__, e)
try:
    replace(p, z=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    asdict(3)
except TypeError as e:
    print(type(e).__name__, e)

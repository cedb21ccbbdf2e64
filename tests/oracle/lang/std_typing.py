# typing as programs use it: annotations with subscripted generics (List[int], Optional[T],
# Callable[[int], str]) and how they print, TypeVar, Generic classes, Protocol, NamedTuple (class
# syntax with defaults and methods, and the functional form), TypedDict, cast, overload.
from typing import Any, Optional, Union, List, Dict, Tuple, Callable, Sequence, Iterable, TypeVar, Generic, Protocol, NamedTuple, cast, overload, TYPE_CHECKING, Literal, Set, FrozenSet, Type, Iterator, Mapping, ClassVar, Final, get_origin, get_args, TypedDict
import typing
T = TypeVar("T")
K = TypeVar("K", bound=int)
print(List[int], Dict[str, float], Tuple[int, ...], Tuple[int, str], Optional[int], Union[int, str], Union[int, None, str])
print(Callable[[int, str], bool], Callable[..., Any], Sequence[T], Iterable[int], Literal["a", 1], Set[int], Type[int], List[List[int]])
print(Any, Optional, Union, List, T, K, Union[int], Union[int, int], Optional[List[int]], ClassVar[int], Final[int])
print(TYPE_CHECKING, cast(int, "x"), get_origin(List[int]), get_args(Dict[str, int]), get_origin(int), get_args(int))
print(isinstance([], List), isinstance({}, Dict), isinstance((), Sequence), isinstance(3, Iterable), List[int] == List[int])
try:
    isinstance([], List[int])
except TypeError as e:
    print(type(e).__name__, e)
def first(xs: List[T]) -> Optional[T]:
    return xs[0] if xs else None
print(first([3, 4]), first([]))
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, x: T) -> None:
        self.items.append(x)
    def pop(self) -> T:
        return self.items.pop()
s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), isinstance(s, Stack), Stack[int])
class Point(NamedTuple):
    x: float
    y: float = 0.0
    label: str = "p"
    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5
p = Point(3.0, 4.0)
print(p, p.norm(), p.x, p[1], len(p), isinstance(p, tuple), Point._fields, Point._field_defaults, p._replace(label="q"), p._asdict())
a, b, c = p
print(a, b, c, p == (3.0, 4.0, "p"), Point(1.0), hash(p) == hash((3.0, 4.0, "p")), list(Point.__annotations__))
Emp = NamedTuple("Emp", [("name", str), ("id", int)])
print(Emp("a", 1), Emp._fields)
try:
    Point()
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad(NamedTuple):
        x: int = 0
        y: int
except TypeError as e:
    print(type(e).__name__, e)
class Movie(TypedDict):
    name: str
    year: int
m = Movie(name="Blade Runner", year=1982)
print(m, type(m).__name__)
@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x):
    return x
print(f(2))
class Greeter(Protocol):
    def greet(self) -> str: ...
class En:
    def greet(self) -> str:
        return "hi"
def welcome(g: Greeter) -> str:
    return g.greet()
print(welcome(En()))
print(typing.Dict[str, typing.List[int]], typing.Optional[typing.Callable[[], None]])

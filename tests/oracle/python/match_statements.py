# Structural pattern matching (PEP 634), as autodidax2 and modern Python code write it.
from dataclasses import dataclass
from enum import Enum, auto


class Op(Enum):
    add = auto()
    mul = auto()
    neg = auto()


@dataclass
class Point:
    x: float
    y: float


class Pair:
    __match_args__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right


def describe(v):
    match v:
        case None:
            return "nothing"
        case True | False as b:
            return f"bool {b}"
        case 0:
            return "zero"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int() | float() as n:
            return f"number {n}"
        case "hi" | "hello":
            return "greeting"
        case str(s):
            return f"string of {len(s)}"
        case []:
            return "empty list or tuple"
        case [x]:
            return f"one item {x}"
        case [first, *middle, last]:
            return f"first {first}, {len(middle)} between, last {last}"
        case {"op": "add", "args": [a, b]}:
            return f"add {a} {b}"
        case {"op": op, **rest}:
            return f"op {op} with {sorted(rest)}"
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y):
            return f"on the y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=px):
            return f"point with x {px}"
        case Pair(Point() as p, right=r):
            return f"pair of point {p.x},{p.y} and {r}"
        case Pair(l, r):
            return f"pair {l} {r}"
        case Op.add | Op.mul:
            return f"binary {v.name}"
        case Op():
            return f"other op {v.name}"
        case _:
            return "something else"


for v in [None, True, 0, -3, 7, 2.5, "hi", "abc", [], (), [1], (1, 2, 3, 4), [1, 2],
          {"op": "add", "args": [1, 2]}, {"op": "sub", "x": 1, "y": 2}, {"x": 1},
          Point(0, 0), Point(0, 5), Point(2, 2), Point(3, 1), Pair(Point(1, 2), 9), Pair(1, 2),
          Op.add, Op.neg, {1, 2}]:
    print(repr(v) if not isinstance(v, (Point, Pair)) else type(v).__name__, "->", describe(v))


def evaluate(expr):
    match expr:
        case (Op.add, a, b):
            return evaluate(a) + evaluate(b)
        case (Op.mul, a, b):
            return evaluate(a) * evaluate(b)
        case (Op.neg, a):
            return -evaluate(a)
        case int() | float():
            return expr
        case other:
            raise ValueError(f"bad expression {other!r}")


print(evaluate((Op.add, 2, (Op.mul, 3, (Op.neg, 4)))))
try:
    evaluate("x")
except ValueError as e:
    print("ValueError:", e)

# Names bound by the matching case stay bound after the match, as in Python; no case: nothing runs.
match [1, 2, 3]:
    case [a, *rest]:
        pass
print(a, rest)
match 5:
    case 6:
        print("not printed")
print("fell through")

# A guard sees the captures; a failed guard goes on to the next case.
for pair in [(1, 1), (1, 2)]:
    match pair:
        case (x, y) if x == y:
            print("equal", x)
        case (x, y):
            print("different", x, y)

# Errors: too many positional sub-patterns, and matching with something that is not a class.
class NoArgs:
    pass


try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)
not_a_class = 3
try:
    match 1:
        case not_a_class.real():
            pass
except TypeError as e:
    print("TypeError:", e)

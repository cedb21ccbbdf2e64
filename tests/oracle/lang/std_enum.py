# enum as programs use it: members by attribute, value and name, iteration without aliases, len,
# `in`, repr/str/format as CPython 3.11, methods and properties on members, auto(), IntEnum
# arithmetic and comparisons, tuple values with __init__ (Planet), StrEnum, unique, the
# functional API, lookup errors; Flag and IntFlag.
from enum import Enum, Flag, IntEnum, IntFlag, StrEnum, auto, unique
import enum
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self):
        return f"{self.name} is {self.value}"
    @classmethod
    def default(cls):
        return cls.GREEN
print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(2), Color["BLUE"], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED in Color, type(Color.RED), Color, isinstance(Color.RED, Color), Color.default())
print(Color.RED.describe(), f"{Color.GREEN}", str(Color.BLUE), [c.name for c in Color], list(Color.__members__))
print(Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.GREEN, {Color.RED: "r"}[Color.RED], hash(Color.RED) == hash(Color.RED))
for bad in [lambda: Color(7), lambda: Color["PURPLE"], lambda: Color.RED < Color.GREEN]:
    try:
        bad()
    except (ValueError, KeyError, TypeError) as e:
        print(type(e).__name__, e)
class Shape(Enum):
    CIRCLE = auto()
    SQUARE = auto()
    TRI = auto()
print(list(Shape), Shape.TRI.value)
class Prio(IntEnum):
    LOW = 1
    MID = 5
    HIGH = 10
print(Prio.LOW, repr(Prio.MID), Prio.HIGH + 1, Prio.LOW < Prio.HIGH, Prio(5), sorted([Prio.HIGH, Prio.LOW]), Prio.MID == 5, f"{Prio.HIGH}", str(Prio.LOW), int(Prio.MID), [1, 2, 3][Prio.LOW])
print(max(Prio), Prio.MID * 2, isinstance(Prio.LOW, int))
class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.gravity, 3), Planet((3.303e23, 2.4397e6)))
class Mode(StrEnum):
    READ = auto()
    WRITE = "w"
print(Mode.READ, repr(Mode.READ), Mode.WRITE == "w", Mode("w"), Mode.READ.upper())
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(type(e).__name__, e)
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3))
print(Color.RED.__class__.__name__, type(Color).__name__, isinstance(Color, enum.EnumMeta))
for c in reversed(Color):
    print(c)
d = {c: c.value * 10 for c in Color}
print(d)

# Flag and IntFlag: combinations, membership, iteration, inversion, auto() bits, aliases of several bits.
class Perm(Flag):
    R = 4
    W = 2
    X = 1
class Paint(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    WHITE = RED | GREEN | BLUE
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm(0)), repr(Perm(0)), list(rw), len(rw), rw & Perm.W, ~Perm.R, rw ^ Perm.R)
print(list(Paint), Paint.WHITE, Paint.RED | Paint.GREEN | Paint.BLUE, Paint(3), [c.value for c in Paint], Perm, Paint.RED.value, Paint.BLUE.value)
print(Perm(6) is rw, Perm(7), str(Perm(0)))
class Mode(IntFlag):
    A = 1
    B = 2
m = Mode.A | Mode.B
print(m, repr(m), m == 3, m + 1, Mode.A | 2, isinstance(m, int), f"{m}")
try:
    Perm(8)
except ValueError as e:
    print(type(e).__name__)

# expect: TypeError
# span: p = Point(1)
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(1)

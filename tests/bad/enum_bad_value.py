# expect: ValueError
# span: c = Color(7)
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2


c = Color(7)

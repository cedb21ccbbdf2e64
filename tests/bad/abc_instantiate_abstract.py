# expect: TypeError
# span: s = Shape()
from abc import ABC, abstractmethod


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...


s = Shape()

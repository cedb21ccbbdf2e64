# Classes: __init__, methods, class attributes, single and multiple inheritance with the C3
# MRO, super(), isinstance/issubclass, type(x), __class__.__name__.
class Shape:
    sides = 0
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def describe(self):
        return f"{self.name} with {self.sides} sides"

    def area(self):
        raise NotImplementedError("subclasses compute their area")


class Rect(Shape):
    sides = 4

    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"


r, s = Rect(2, 3), Square(4)
print(r.describe(), r.area(), s.describe(), s.area(), Shape.count)
print(isinstance(s, Rect), isinstance(s, Shape), isinstance(r, Square), issubclass(Square, Shape), issubclass(Shape, Square))
print(type(s).__name__, s.__class__.__name__, type(s) is Square, [c.__name__ for c in Square.__mro__])
try:
    Shape("blob").area()
except NotImplementedError as e:
    print("NotImplementedError:", e)


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B>" + super().who()


class C(A):
    def who(self):
        return "C>" + super().who()


class D(B, C):
    def who(self):
        return "D>" + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])
print(D.__bases__ == (B, C), isinstance(D(), C))


class Counter:
    total = 0

    def __init__(self):
        self.n = 0

    def tick(self, k=1):
        self.n += k
        Counter.total += k
        return self


c1, c2 = Counter(), Counter()
c1.tick().tick(5)
c2.tick()
print(c1.n, c2.n, Counter.total, c1.total, hasattr(c1, "n"), hasattr(c1, "m"))
c1.total = 100  # an instance attribute now shadows the class attribute
print(c1.total, c2.total, Counter.total)
del c1.total
print(c1.total)
print(getattr(c1, "n"), getattr(c1, "missing", "default"))
setattr(c1, "label", "first")
print(c1.label, sorted(vars(c1).items()))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
p.z = 3
print(p.x + p.y + p.z, sorted(p.__dict__))


class Empty:
    pass


e = Empty()
print(type(e).__name__, isinstance(e, object), Empty.__name__)

# @property (getter, setter, deleter), @staticmethod, @classmethod, the descriptor protocol
# (__get__/__set__/__set_name__), __getattr__ fallback, __setattr__ overrides, class decorators,
# __init_subclass__, class attributes shared and shadowed.
class Temperature:
    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def boiling():
        return 100

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)


t = Temperature(25)
print(t.celsius, t.fahrenheit, Temperature.boiling(), t.boiling(), Temperature.from_f(212).celsius)
t.celsius = 30
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 1
except AttributeError:
    print("read-only")
del t.celsius
print(hasattr(t, "_c"), type(Temperature.__dict__["boiling"]).__name__)


class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive")
        setattr(obj, self.name, value)


class Box:
    width = Positive()
    height = Positive()

    def __init__(self, w, h):
        self.width = w
        self.height = h

    def area(self):
        return self.width * self.height


b = Box(2, 3)
print(b.area(), b._width, type(Box.width).__name__)
try:
    Box(1, -1)
except ValueError as e:
    print(e)


class Lazy:
    def __init__(self):
        self.loaded = {}

    def __getattr__(self, name):
        if name.startswith("x"):
            self.loaded[name] = len(name)
            return len(name)
        raise AttributeError(f"no {name}")


z = Lazy()
print(z.xyz, z.x, z.loaded, hasattr(z, "abc"), getattr(z, "abc", "fallback"))


class Frozen:
    def __init__(self, v):
        object.__setattr__(self, "v", v)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name}")


f = Frozen(3)
print(f.v)
try:
    f.v = 4
except AttributeError as e:
    print(e)

registry = []


def register(cls):
    registry.append(cls.__name__)
    cls.registered = True
    return cls


@register
class Plugin:
    pass


print(registry, Plugin.registered)


class Base:
    subclasses = []

    def __init_subclass__(cls, tag="none", **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.subclasses.append(cls.__name__)


class One(Base, tag="first"):
    pass


class Two(Base):
    pass


print(Base.subclasses, One.tag, Two.tag)


class Shared:
    items = []

    def add(self, x):
        self.items.append(x)


s1, s2 = Shared(), Shared()
s1.add(1)
s2.add(2)
print(Shared.items, s1.items is s2.items)

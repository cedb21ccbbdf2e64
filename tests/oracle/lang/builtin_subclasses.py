# Classes that extend builtin containers (dict, list, tuple) and exceptions; __new__; __slots__-
# free records; __eq__ and ordering between mixed types; __repr__ of nested objects.
class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)

    def __setattr__(self, k, v):
        self[k] = v


d = AttrDict(a=1)
d.b = 2
d["c"] = 3
print(d.a, d.b, d["c"], sorted(d.keys()), len(d), "a" in d, isinstance(d, dict), dict(d) == {"a": 1, "b": 2, "c": 3})


class DefaultDict(dict):
    def __init__(self, factory):
        super().__init__()
        self.factory = factory

    def __missing__(self, key):
        v = self[key] = self.factory()
        return v

    def __getitem__(self, key):
        if key not in self:
            return self.__missing__(key)
        return super().__getitem__(key)


dd = DefaultDict(list)
dd["x"].append(1)
dd["x"].append(2)
dd["y"].append(3)
print(sorted(dd.items()))


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


s = Stack()
s.push(1)
s.push(2)
s.extend([3, 4])
print(s.peek(), len(s), s.pop(), list(s), s[0], sum(s), isinstance(s, list))


class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))

    @property
    def first(self):
        return self[0]

    def swap(self):
        return Pair(self[1], self[0])


p = Pair(1, 2)
a, b = p
print(p.first, p.swap(), a, b, len(p), p == (1, 2), hash(p) == hash((1, 2)), isinstance(p, tuple), p + (3,))


class Singleton:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.count = 0
        return cls._instance


x, y = Singleton(), Singleton()
x.count += 1
print(x is y, y.count)


class Node:
    def __init__(self, val, children=()):
        self.val = val
        self.children = list(children)

    def __repr__(self):
        return f"Node({self.val!r}, {self.children!r})"

    def __iter__(self):
        yield self.val
        for c in self.children:
            yield from c


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(tree, list(tree), sum(tree))

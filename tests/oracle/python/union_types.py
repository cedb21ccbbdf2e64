# PEP 604 unions of types at run time (`Atom = Var | float`, as autodidax2 writes), and the
# types module's SimpleNamespace.
import types
from dataclasses import dataclass

Var = str
Atom = Var | float
print(Atom, isinstance("x", Atom), isinstance(2.0, Atom), isinstance(3, Atom))
IntOrNone = int | None
print(IntOrNone, isinstance(None, IntOrNone), isinstance(4, IntOrNone), isinstance("4", IntOrNone))
print(None | int, int | str | None, (int | str) | float)
print(int | str == str | int, (int | str).__args__, issubclass(bool, int | str), issubclass(float, int | str))
print(isinstance(int | str, types.UnionType))


@dataclass
class Equation:
    var: Var
    op: str
    args: tuple


class Node:
    pass


print(Node | None, isinstance(Node(), Node | int), list | dict)
eqn = Equation("a", "add", (1, 2))
print(eqn, isinstance(eqn.var, Atom))
ns = types.SimpleNamespace(a=1, b="two")
ns.c = 3.0
print(ns, ns.a + ns.c, ns == types.SimpleNamespace(a=1, b="two", c=3.0))
try:
    print(1 | str)
except TypeError as e:
    print("TypeError:", e)

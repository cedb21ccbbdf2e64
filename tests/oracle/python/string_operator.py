# string and operator as CPython's: the character-class constants, capwords, and the operators
# as functions, including itemgetter, attrgetter and methodcaller.
import os
import string
import operator
from operator import itemgetter, methodcaller

print(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits)
print(string.octdigits, repr(string.punctuation), len(string.whitespace), len(string.printable))
print([ord(c) for c in string.whitespace], string.printable[:94] == string.digits + string.ascii_letters + string.punctuation)
print(string.capwords("hello   wORLD  foo"), string.capwords(" a b "), string.capwords("a-b-c", "-"), repr(string.capwords("")))

print(operator.add(1, 2), operator.sub(5, 3), operator.mul(2, 3), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.mod(-7, 3), operator.pow(2, 10), operator.pow(2.0, -1), operator.matmul([1], []) if False else "")
print(operator.neg(3), operator.pos(-3), operator.abs(-2.5), operator.abs(-0.0), operator.inv(5), operator.invert(-1))
print(operator.eq(1, 1), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.not_(0), operator.not_([1]), operator.truth([]), operator.truth("x"), operator.is_(None, None), operator.is_not(1, None))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.lshift(1, 4), operator.rshift(16, 2))
print(operator.getitem([1, 2, 3], 1), operator.getitem({"k": 5}, "k"), operator.getitem("abc", -1), operator.contains("abc", "b"))
print(operator.contains([1, 2], 3), operator.concat([1], [2]), operator.concat("ab", "cd"), operator.countOf([1, 2, 1], 1))
print(operator.indexOf("abc", "c"), operator.index(5), operator.index(True), operator.length_hint([1, 2, 3]))
print(operator.iadd(1, 2), operator.isub(5, 1), operator.imul(2, 4), operator.itruediv(1, 4), operator.ifloordiv(9, 2), operator.imod(9, 4), operator.ipow(3, 2))
x = [1, 2, 3]
operator.setitem(x, 0, 9)
operator.delitem(x, 1)
print(x)
print(itemgetter(1)([5, 6, 7]), itemgetter(0, 2)("xyz"), itemgetter("k")({"k": 9}), itemgetter(slice(1, 3))([1, 2, 3, 4]))
rows = [(1, "b", 2.5), (0, "c", 1.5), (2, "a", 0.5)]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(2, 0)), max(rows, key=itemgetter(0)))
print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b"), methodcaller("replace", "a", "b")("aaa"))
print(methodcaller("get", "k", 0)({}), list(map(methodcaller("strip"), [" a ", "b "])))
print(operator.attrgetter("path.sep")(os), operator.attrgetter("sep", "name")(os))
print(list(map(operator.mul, [1, 2, 3], [4, 5, 6])), sorted([3, 1, 2], key=operator.neg))


def attempt(label, f, *args):
    try:
        print(label, "->", f(*args))
    except TypeError as e:
        print(label, "-> TypeError:", e)
    except ValueError as e:
        print(label, "-> ValueError:", e)


attempt("index float", operator.index, 1.5)
attempt("index str", operator.index, "3")
attempt("indexOf missing", operator.indexOf, [1, 2], 3)
attempt("attrgetter int", operator.attrgetter, 1)
attempt("methodcaller int", operator.methodcaller, 1)

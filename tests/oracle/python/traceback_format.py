# traceback and sys.exc_info as CPython's: format_exc (with limit), format_exception_only,
# sys.exc_info/sys.exception inside and outside except blocks, frames through calls.
import sys
import traceback


def shown(text):
    # CPython 3.11 marks the failing expression with ~ and ^ lines, which Slope does not write.
    return "\n".join(l for l in text.splitlines() if l.strip(" ~^"))


def inner(x):
    return 10 / x


def outer(x):
    return inner(x) + 1


try:
    outer(0)
except ZeroDivisionError:
    print(shown(traceback.format_exc()))
    print(shown(traceback.format_exc(limit=1)))
    print(shown(traceback.format_exc(limit=-1)))
    t, v, tb = sys.exc_info()
    print(t.__name__, v)
    print(sys.exception() is v)

print(sys.exc_info())


class MyError(Exception):
    pass


def boom():
    raise MyError("custom failure")


try:
    boom()
except MyError as e:
    print(shown(traceback.format_exc()))
    print(traceback.format_exception_only(e))

try:
    {}["missing"]
except KeyError:
    print(shown(traceback.format_exc()))

# contextlib as programs use it: @contextmanager (setup/teardown around a yield, exceptions raised
# at the yield, swallowing one, used as a decorator), suppress, nullcontext, ExitStack with
# callbacks, closing, and the RuntimeErrors of a generator that yields twice or never.
from contextlib import contextmanager, suppress, nullcontext, ExitStack, closing

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("p") as t:
    print("body", t)
try:
    with tag("div"):
        raise ValueError("inside")
except ValueError as e:
    print("caught", e)
@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print("swallowed", type(e).__name__, e)
with swallow():
    {}["missing"]
print("after swallow")
@tag("decorated")
def work():
    print("working")
work()
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed", type(e).__name__)
with nullcontext(5) as v:
    print(v)
with nullcontext() as v:
    print(v)
with ExitStack() as stack:
    for i in range(3):
        stack.enter_context(tag(f"t{i}"))
    stack.callback(print, "callback ran")
    print("in stack")
class Res:
    def close(self):
        print("closed")
with closing(Res()) as r:
    print(type(r).__name__)
@contextmanager
def bad():
    yield 1
    yield 2
try:
    with bad():
        pass
except RuntimeError as e:
    print(type(e).__name__, e)
@contextmanager
def none():
    if False:
        yield
try:
    with none():
        pass
except RuntimeError as e:
    print(type(e).__name__, e)

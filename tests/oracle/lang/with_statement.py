# with: __enter__/__exit__, `as` targets, several managers, exceptions passed to __exit__ and
# suppressed or not, return/break inside with, nesting.
class Managed:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.swallow


with Managed("a") as x:
    print("inside", x)

with Managed("b") as b, Managed("c") as c:
    print(b, c)

with Managed("quiet", swallow=True):
    raise ValueError("hidden")
print("after quiet")

try:
    with Managed("loud"):
        raise KeyError("shown")
except KeyError as e:
    print("propagated", e)


def early():
    with Managed("ret"):
        return "returned"


print(early())
for i in range(3):
    with Managed(f"loop{i}"):
        if i == 1:
            break
print("done", i)


class Timer:
    def __init__(self):
        self.log = []

    def __enter__(self):
        self.log.append("start")
        return self

    def __exit__(self, *exc):
        self.log.append("stop")
        return False


with Timer() as t:
    t.log.append("work")
print(t.log)

# User exceptions derive from Exception and are caught by class; try/except/else/finally with
# `as`; raise from; re-raise; assert messages; exception attributes and args.
class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key, msg="missing"):
        super().__init__(f"{key}: {msg}")
        self.key = key


class Retry(AppError, ValueError):
    pass


def load(cfg, key):
    if key not in cfg:
        raise ConfigError(key)
    return cfg[key]


for k in ["a", "b"]:
    try:
        v = load({"a": 1}, k)
    except ConfigError as e:
        print("config:", e, e.key, e.args, type(e).__name__, isinstance(e, AppError))
    else:
        print("loaded", v)
    finally:
        print("finally", k)

for exc in [Retry("again"), ConfigError("x", "bad"), KeyError("k"), ZeroDivisionError("z")]:
    try:
        raise exc
    except (KeyError, ZeroDivisionError) as e:
        print("builtin", type(e).__name__, e)
    except ValueError as e:
        print("value", type(e).__name__, e, [c.__name__ for c in type(e).__mro__])
    except AppError as e:
        print("app", repr(e))


def risky(n):
    try:
        return 10 // n
    except ZeroDivisionError:
        raise AppError("division failed") from None
    finally:
        print("cleanup", n)


print(risky(2))
try:
    risky(0)
except AppError as e:
    print("caught", e)

try:
    try:
        [][1]
    except IndexError:
        print("inner")
        raise
except LookupError as e:
    print("outer", type(e).__name__)

try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("assert:", e)

try:
    raise ValueError("a", 2)
except Exception as e:
    print(e.args, str(e), repr(e))

errors = []
for x in ["1", "x", "3"]:
    try:
        errors.append(int(x))
    except ValueError:
        errors.append(None)
print(errors)


class Quiet(Exception):
    def __str__(self):
        return "quiet!"


try:
    raise Quiet()
except Quiet as q:
    print(q, repr(str(q)))
print(issubclass(ConfigError, Exception), issubclass(KeyError, LookupError), issubclass(Retry, ValueError))

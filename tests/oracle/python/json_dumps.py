# json.dumps as CPython's: separators, indent (int and str), sort_keys, ensure_ascii escapes,
# float reprs, NaN/Infinity, non-str keys, default=, skipkeys, and the errors.
import json
import math
import sys

import numpy as np
import jax.numpy as jnp

data = {"name": "slope", "n": 3, "x": 2.5, "ok": True, "none": None, "list": [1, 2.0, -0.0, 1e16, 1e-7, 123456789.123],
        "nested": {"b": [], "a": {}, "c": [[1, 2], {"z": [None]}]}, "tuple": (1, "two")}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=0))
print(json.dumps(data, indent="\t", sort_keys=True))
print(json.dumps(data, indent=-3))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, indent=1, separators=(" ,", " = ")))
print(json.dumps(data, sort_keys=True))
print(json.dumps([math.inf, -math.inf, math.nan, 0.1, 1 / 3, 1e300, 5e-324, 1e22, 1e21, 123.0]))
print(json.dumps({1: "a", 2.5: "b", True: "c", False: "d", None: "e", -7: "f"}))
print(json.dumps({"b": 1, "a": 2, "c": {"y": 1, "x": 2}}, sort_keys=True))
print(json.dumps({3: 1, 1: 2, 2: 3}, sort_keys=True))
print(json.dumps("plain"), json.dumps(""), json.dumps(5), json.dumps(None), json.dumps(False), json.dumps(-1.5))
print(json.dumps("q\"uote \\ slash / \n\r\t\b\f \x00\x01\x1f \x7f"))
print(json.dumps("é ü 中文 \u2028 \U0001f600"))
print(json.dumps("é ü 中文 \U0001f600", ensure_ascii=False))
print(json.dumps({"é": "ü"}, ensure_ascii=False), json.dumps({"é": "ü"}))
print(json.dumps([1, [2, [3]]], default=str), json.dumps([], indent=4), json.dumps({}, indent=4))
print(json.dumps({"f": json.dumps, "g": [json.loads]}, default=lambda o: "<fn>"))
print(json.dumps({(1,): 2, "a": 1, (3, 4): 5}, skipkeys=True))
print(json.dumps({(1,): 2}, skipkeys=True), json.dumps({(1,): 2}, skipkeys=True, indent=2))
print(json.dumps([[1, [2, 3]], {"a": [4, {"b": 5}]}], indent=3))


def attempt(label, f, *args, **kw):
    try:
        print(label, "->", f(*args, **kw))
    except TypeError as e:
        print(label, "-> TypeError:", e)
    except ValueError as e:
        print(label, "-> ValueError:", e)


attempt("nan not allowed", json.dumps, math.nan, allow_nan=False)
attempt("inf not allowed, indent", json.dumps, [math.inf], allow_nan=False, indent=2)
attempt("tuple key", json.dumps, {(1, 2): 3})
attempt("mixed keys sorted", json.dumps, {1: 2, "a": 3}, sort_keys=True)
attempt("function", json.dumps, [len])
attempt("range", json.dumps, range(3))
attempt("unknown keyword", json.dumps, 1, indnt=2)
loop = [1]
loop.append(loop)
attempt("circular list", json.dumps, loop)
attempt("numpy array", json.dumps, {"w": np.ones(3)})
attempt("jax array", json.dumps, [jnp.zeros(2)])
attempt("numpy int64", json.dumps, np.int64(3))
attempt("numpy float32", json.dumps, np.float32(1.5))
attempt("numpy float64 (a float)", json.dumps, [np.float64(1.5), float(np.mean(np.arange(4.0)))])
attempt("numpy via tolist", json.dumps, np.arange(6).reshape(2, 3).tolist())
attempt("numpy via default", json.dumps, {"w": np.arange(3)}, default=lambda a: a.tolist())
d = {}
d["self"] = d
attempt("circular dict", json.dumps, d)
attempt("not circular", json.dumps, [loop[:1], loop[:1]])

# dump writes through the file-like object's write method.
json.dump({"to": "stdout", "n": [1, 2]}, sys.stdout, indent=1)
print()
json.dump([1.5, None], sys.stdout, separators=(",", ":"))
print()

# json.loads as CPython's: values, escapes, numbers, NaN/Infinity, hooks, and JSONDecodeError (a
# ValueError) with the message and the line/column/char position of CPython's C scanner.
import json

docs = ['', '   ', '[', '[1,', '[1,]', '[1 2]', ']', '{', '{"a": 1,}', '{"a" 1}', '{"a": }', '{1:2}', '{"a":1 "b":2}',
        '"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '"\\ud834\\udzzz"', '"a\nb"', '"tab\there"', '1.e5', '01', '-', '-x',
        'nul', 'tru', 'NaN', 'Infinity', '-Infinity', '[1]x', '[1] [2]', '  \n [1,\n 2,,3]', '{\n  "a": [1,\n  }',
        '"\\ud834\\udd1e"', '"\\u00e9\\u4e2d\\u0041"', '1e400', '-1e400', '{"a":1,"a":2}', '[1.5e3, -0, -0.0, 2E-2, 3e+2, 0.1]',
        '{"k": [true, false, null, {"x": "y\\n\\t\\"\\\\\\/\\r"}]}', '  {"nested": {"deeper": [[], {}, [[]]]}}  ',
        '123', '-123', '0', '-0', '9223372036854775807', '1.0', '1E5', '1e-5', '0.5e+1', '[1e5, 1.5E-3]', '""',
        '"\\""', '{"": ""}', '[null]', 'true', 'false', 'null']
for s in docs:
    try:
        v = json.loads(s)
        print(repr(s), "->", repr(v), type(v).__name__)
    except json.JSONDecodeError as e:
        print(repr(s), "-> JSONDecodeError:", e)

try:
    json.loads('{"a": [1, 2}')
except ValueError as e:
    print("caught as ValueError:", e)
try:
    json.loads('\ufeff[]')
except ValueError as e:
    print("BOM:", e)
try:
    json.loads(5)
except TypeError as e:
    print("TypeError:", e)
try:
    json.loads(None)
except TypeError as e:
    print("TypeError:", e)

print(json.loads('{"a": 1.5, "b": [1, 2]}', parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads('{"a": {"b": 1}, "c": 2}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=lambda ps: ps))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda c: "const " + c))
print(json.loads('"a\nb"', strict=False) == "a\nb")
print([ord(c) for c in json.loads('"\\b\\f\\n\\r\\t\\u0000\\u001f"')])
big = json.loads(json.dumps({"list": list(range(100)), "s": "x" * 50, "f": [i / 7 for i in range(20)]}))
print(big["list"][-1], len(big["s"]), big["f"][3])

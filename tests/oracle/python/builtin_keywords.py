# Builtins that take no keyword arguments say so (CPython's TypeError) instead of ignoring them.
for call in (lambda: len(obj=[1]), lambda: abs(x=-1), lambda: isinstance(obj=1, class_or_tuple=int), lambda: any(iterable=[1]), lambda: sorted([3, 1], reverse=True), lambda: max([1, 5], default=0), lambda: chr(i=65), lambda: divmod(7, b=2)):
    try:
        print(call())
    except TypeError as e:
        print("TypeError", e)

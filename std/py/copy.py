"""Python's `copy` in Slope: `copy(x)` (shallow) and `deepcopy(x, memo)` over lists, dicts,
sets, tuples, instances of classes (their attributes, and the builtin container they extend) and
arrays, with the `__copy__`/`__deepcopy__` hooks and a memo that keeps shared and cyclic
references shared and cyclic in the copy."""


class Error(Exception):
    """Raised for objects copy cannot copy."""


error = Error

_ATOMIC = (type(None), int, float, bool, str, bytes, complex, type, range, type(Ellipsis), type(NotImplemented), type(abs), type(lambda: 0), property)


def _is_atomic(x):
    if isinstance(x, type):
        return True
    cls = type(x)
    if cls in _ATOMIC:
        return True
    return cls.__name__ in ("module", "builtin_function_or_method", "function", "method", "weakref", "code")


def _is_array(x):
    return type(x).__name__ in ("ndarray", "Array", "ArrayImpl")


def _new_like(x, cls):
    """An uninitialised instance of x's class, carrying a copy of the builtin container x
    extends (as CPython's __reduce_ex__ gives it)."""
    if isinstance(x, tuple):
        args = x.__getnewargs__() if hasattr(x, "__getnewargs__") else (tuple(x),)
        if hasattr(x, "_fields"):
            return cls.__new__(cls, *args)
        return tuple.__new__(cls, *args)
    if isinstance(x, str):
        return str.__new__(cls, x)
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return int.__new__(cls, x)
    if isinstance(x, float):
        return float.__new__(cls, x)
    if isinstance(x, dict):
        y = dict.__new__(cls)
        return y
    if isinstance(x, list):
        return list.__new__(cls)
    if isinstance(x, (set, frozenset)):
        return set.__new__(cls)
    return object.__new__(cls)


def _state(x):
    try:
        return x.__dict__
    except AttributeError:
        return {}


def copy(x):
    """copy(x): a shallow copy of x: a new container holding the same items, or a new instance
    with the same attributes (x.__copy__() when the class defines it). Immutable values (numbers,
    strings, tuples, functions, classes) are returned as they are."""
    cls = type(x)
    if _is_atomic(x) or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return list(x)
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if _is_array(x):
        return x.copy()
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    y = _new_like(x, cls)
    if isinstance(x, dict):
        dict.update(y, x)
    elif isinstance(x, list):
        list.extend(y, x)
    elif isinstance(x, (set, frozenset)) and not isinstance(x, frozenset):
        set.update(y, x)
    state = _state(x)
    if hasattr(y, "__setstate__"):
        y.__setstate__(state)
    else:
        for k, v in state.items():
            object.__setattr__(y, k, v)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """deepcopy(x, memo=None): a copy of x in which every container and instance inside is
    copied too; objects reached twice are copied once, so shared references and cycles are kept
    (memo maps id(original) to its copy). A class can define __deepcopy__(self, memo)."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        # A tuple holding itself through a list is already in memo.
        if d in memo:
            return memo[d]
        if all(a is b for a, b in zip(x, items)):
            y = x
        else:
            y = tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is frozenset:
        y = frozenset(deepcopy(a, memo) for a in x)
    elif _is_array(x):
        y = x.copy()
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _deepcopy_instance(x, cls, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_instance(x, cls, memo):
    if isinstance(x, tuple):
        args = x.__getnewargs__() if hasattr(x, "__getnewargs__") else (tuple(x),)
        args = deepcopy(args, memo)
        if hasattr(x, "_fields"):
            y = cls.__new__(cls, *args)
        else:
            y = tuple.__new__(cls, *args)
    else:
        y = _new_like(x, cls)
    memo[id(x)] = y
    if isinstance(x, dict):
        for key, value in x.items():
            dict.__setitem__(y, deepcopy(key, memo), deepcopy(value, memo))
    elif isinstance(x, list):
        for a in x:
            list.append(y, deepcopy(a, memo))
    elif isinstance(x, set):
        for a in x:
            set.add(y, deepcopy(a, memo))
    state = _state(x)
    if state:
        state = deepcopy(state, memo)
    if hasattr(y, "__setstate__"):
        y.__setstate__(state)
    else:
        for k, v in state.items():
            object.__setattr__(y, k, v)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


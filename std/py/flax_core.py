"""flax.core: the variable scopes under flax.linen's Modules, written in Slope after Flax's
flax/core/scope.py, so that the same key gives the same parameters as Flax.

A Scope holds the variables of one Module (a path such as ('Dense_0',) into the nested dicts
of each collection: 'params', 'batch_stats', ...), its PRNG sequences and their counters. A
key for `make_rng(name)` is Flax's LazyRng: the root key of the sequence with the path's names
and the sequence's call counter folded in at once, through the first 32 bits of the SHA-1 of
their bytes (`_fold_in_static`), so a parameter's initial value depends only on where it is,
never on the order in which other modules were initialised."""

import jax
import jax.numpy as jnp


# ---------------------------------------------------------------------------------------------
# Errors: Flax's messages, each ending in the link to its page.

_ERROR_PAGE = "https://flax.readthedocs.io/en/latest/api_reference/flax.errors.html"


class FlaxError(Exception):
    """The base of Flax's errors; the message ends in a link to the error's documentation."""

    def __init__(self, message):
        name = type(self).__name__
        if _ERROR_PAGE not in message:
            message = f"{message} ({_ERROR_PAGE}#flax.errors.{name})"
        super().__init__(message)


class ScopeParamNotFoundError(FlaxError):
    """A parameter was read in apply but the given variables do not hold it."""

    def __init__(self, param_name, scope_path):
        super().__init__(f'Could not find parameter named "{param_name}" in scope "{scope_path}".')


class ScopeCollectionNotFound(FlaxError):
    """A variable was read from a collection the given variables do not have."""

    def __init__(self, col_name, var_name, scope_path):
        super().__init__(f'Tried to access "{var_name}" from collection "{col_name}" in "{scope_path}" but the collection is empty.')


class ScopeParamShapeError(FlaxError):
    """The shape of a given parameter differs from the one its initializer makes."""

    def __init__(self, param_name, scope_path, value_shape, init_shape):
        super().__init__(
            f'For parameter "{param_name}" in "{scope_path}", the given initializer is expected to generate shape {init_shape}, '
            f"but the existing parameter it received has shape {value_shape}."
        )


class ScopeVariableNotFoundError(FlaxError):
    """A variable is missing and its collection is not mutable (or no init_fn was given)."""

    def __init__(self, name, col, scope_path):
        super().__init__(f'No Variable named "{name}" for collection "{col}" exists in "{scope_path}".')


class ModifyScopeVariableError(FlaxError):
    """A variable of an immutable collection was written (pass mutable=[col] to apply)."""

    def __init__(self, col, variable_name, scope_path):
        super().__init__(f'Cannot update variable "{variable_name}" in "{scope_path}" because collection "{col}" is immutable.')


class InvalidRngError(FlaxError):
    """A PRNG sequence was asked for that apply/init was not given."""

    def __init__(self, msg):
        super().__init__(msg)


class NameInUseError(FlaxError):
    """Two submodules, parameters or variables of one Module have the same name."""

    def __init__(self, key_type, value, module_name):
        super().__init__(f'Could not create {key_type} "{value}" in Module {module_name}: Name in use.')


class AssignSubModuleError(FlaxError):
    """A submodule was created outside setup() and outside a @compact method."""

    def __init__(self, cls):
        super().__init__(f"Submodule {cls} must be defined in `setup()` or in a method wrapped in `@compact`")


class SetAttributeFrozenModuleError(FlaxError):
    """An attribute of a Module was set outside setup()."""

    def __init__(self, module_cls, attr_name, attr_val):
        super().__init__(f"Can't set {attr_name}={attr_val} for Module of type {module_cls}: Module instance is frozen outside of setup method.")


class CallCompactUnboundModuleError(FlaxError):
    """A @compact method was called on a Module that init/apply did not bind."""

    def __init__(self):
        super().__init__("Can't call compact methods on unbound modules")


class CallSetupUnboundModuleError(FlaxError):
    """setup() was called on a Module that init/apply did not bind."""

    def __init__(self):
        super().__init__("Can't call `.setup()` on unbound modules")


class MultipleMethodsCompactError(FlaxError):
    """More than one method of a Module class is @compact."""

    def __init__(self):
        super().__init__("Only one method per class can be @compact")


# ---------------------------------------------------------------------------------------------
# Folding static data into keys (Flax's LazyRng and _fold_in_static).


def _utf8(s):
    out = []
    for ch in s:
        c = ord(ch)
        if c < 0x80:
            out.append(c)
        elif c < 0x800:
            out += [0xC0 | (c >> 6), 0x80 | (c & 0x3F)]
        elif c < 0x10000:
            out += [0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)]
        else:
            out += [0xF0 | (c >> 18), 0x80 | ((c >> 12) & 0x3F), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)]
    return out


def _int_bytes(x):
    n = (x.bit_length() + 7) // 8
    return [(x >> (8 * (n - 1 - i))) & 0xFF for i in range(n)]


_M32 = 0xFFFFFFFF


def _rotl(x, n):
    return ((x << n) | (x >> (32 - n))) & _M32


def _sha1_word0(data):
    """The first 32-bit word (big-endian) of the SHA-1 digest of the byte list `data`."""
    h0, h1, h2, h3, h4 = 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0
    ml = len(data) * 8
    msg = list(data) + [0x80]
    while len(msg) % 64 != 56:
        msg.append(0)
    msg += [(ml >> (8 * (7 - i))) & 0xFF for i in range(8)]
    for start in range(0, len(msg), 64):
        w = [(msg[start + 4 * i] << 24) | (msg[start + 4 * i + 1] << 16) | (msg[start + 4 * i + 2] << 8) | msg[start + 4 * i + 3] for i in range(16)]
        for i in range(16, 80):
            w.append(_rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1))
        a, b, c, d, e = h0, h1, h2, h3, h4
        for i in range(80):
            if i < 20:
                f = (b & c) | ((b ^ _M32) & d)
                k = 0x5A827999
            elif i < 40:
                f = b ^ c ^ d
                k = 0x6ED9EBA1
            elif i < 60:
                f = (b & c) | (b & d) | (c & d)
                k = 0x8F1BBCDC
            else:
                f = b ^ c ^ d
                k = 0xCA62C1D6
            t = (_rotl(a, 5) + f + e + k + w[i]) & _M32
            e = d
            d = c
            c = _rotl(b, 30)
            b = a
            a = t
        h0 = (h0 + a) & _M32
        h1 = (h1 + b) & _M32
        h2 = (h2 + c) & _M32
        h3 = (h3 + d) & _M32
        h4 = (h4 + e) & _M32
    return h0


def _fold_in_static(rng, data):
    """Flax's _fold_in_static: fold the names and counters in `data` into `rng` at once."""
    if not data:
        return rng
    m = []
    for x in data:
        if isinstance(x, str):
            m += _utf8(x)
        elif isinstance(x, int):
            m += _int_bytes(x)
        else:
            raise ValueError(f"Expected int or string, got: {x}")
    return jax.random.fold_in(rng, _sha1_word0(m))


class LazyRng:
    """A key with the names and counters still to be folded into it (Flax's LazyRng)."""

    def __init__(self, rng, suffix=()):
        self.rng = rng
        self.suffix = tuple(suffix)

    @staticmethod
    def create(rng, *suffix):
        """LazyRng.create(rng, *suffix): rng (a key or a LazyRng) with `suffix` appended."""
        if isinstance(rng, LazyRng):
            return LazyRng(rng.rng, rng.suffix + suffix)
        return LazyRng(rng, suffix)

    def as_jax_rng(self):
        """The key, with the suffix folded in."""
        return _fold_in_static(self.rng, self.suffix)


# ---------------------------------------------------------------------------------------------
# Collection filters.


class DenyList:
    """A collection filter that matches every collection but those in `deny`."""

    def __init__(self, deny):
        self.deny = deny

    def __repr__(self):
        return f"DenyList(deny={self.deny!r})"


def in_filter(filter_like, col):
    """Whether the collection filter (True/False, a name, a list of names, a DenyList) matches col."""
    if isinstance(filter_like, DenyList):
        return not in_filter(filter_like.deny, col)
    if isinstance(filter_like, bool):
        return filter_like
    if isinstance(filter_like, str):
        return col == filter_like
    if isinstance(filter_like, (list, tuple, set, frozenset)):
        return col in filter_like
    raise TypeError("Invalid Filter")


def _copy_tree(x):
    if isinstance(x, dict):
        return {k: _copy_tree(v) for k, v in x.items()}
    return x


def freeze(x):
    """Flax's freeze: Slope keeps variables as plain dicts, so this returns a copy of x."""
    return _copy_tree(x)


def unfreeze(x):
    """Flax's unfreeze: a copy of x as nested plain dicts."""
    return _copy_tree(x)


class FrozenDict(dict):
    """Flax's FrozenDict: Slope's variables are plain dicts (as Flax's init returns by default);
    this is a dict for code that names the type."""


# ---------------------------------------------------------------------------------------------
# Scopes.


class _Root:
    """What the scopes of one init/apply share: the variables, the mutable filter and flags."""

    def __init__(self, variables, mutable, flags):
        self.variables = variables
        self.mutable = mutable
        self.flags = flags


class Scope:
    """The variables and PRNG sequences of one Module in one init/apply (Flax's core Scope)."""

    def __init__(self, root, rngs, path=(), name=None, rng_counters=None):
        self.root = root
        self.rngs = rngs
        self.path = tuple(path)
        self.name = name
        self.reservations = {}
        self.rng_counters = rng_counters if rng_counters is not None else {k: 0 for k in rngs}

    @property
    def path_text(self):
        """The path of the scope as text, e.g. '/Dense_0'."""
        return "/" + "/".join(self.path)

    def rewound(self):
        """The same scope with its names free again (each call of a compact method starts afresh)."""
        return Scope(self.root, self.rngs, self.path, self.name, self.rng_counters)

    def name_reserved(self, name, col=None):
        """Whether `name` is taken in this scope (by a child, or by a variable of `col`)."""
        cols = self.reservations.get(name)
        if cols is not None:
            if col is None or None in cols or col in cols:
                return True
        return False

    def reserve(self, name, col=None):
        """Reserves `name` for a child scope (col None) or a variable of collection `col`."""
        if not isinstance(name, str):
            raise TypeError(f'The type of scope "{name}" should be string but it is {type(name)}')
        if self.name_reserved(name, col):
            raise ValueError(f'Duplicate use of scope name: "{name}"')
        self.reservations.setdefault(name, set()).add(col)

    def default_name(self, prefix):
        """The first unreserved name prefix0, prefix1, ..."""
        i = 0
        while True:
            name = f"{prefix}{i}"
            if name not in self.reservations:
                return name
            i += 1

    def push(self, name=None, prefix="", reuse=False):
        """A child scope named `name` (its variables are the sub-dicts under that name)."""
        if name is None:
            name = self.default_name(prefix)
        if not reuse or name not in self.reservations:
            self.reserve(name)
        rngs = {k: LazyRng.create(r, name) for k, r in self.rngs.items()}
        key = ("__child__", name)
        counters = self.rng_counters.get(key)
        if counters is None:
            counters = {k: 0 for k in rngs}
            self.rng_counters[key] = counters
        return Scope(self.root, rngs, self.path + (name,), name, counters)

    # Variables.

    def _collection(self, col):
        d = self.root.variables.get(col)
        for p in self.path:
            if d is None:
                return None
            d = d.get(p)
        return d

    def is_mutable_collection(self, col):
        """Whether collection `col` may be written in this init/apply."""
        return in_filter(self.root.mutable, col)

    def is_collection_empty(self, col):
        """Whether this scope has no variables in `col`."""
        d = self._collection(col)
        return d is None or len(d) == 0

    def has_variable(self, col, name):
        """Whether variable `name` of collection `col` exists in this scope."""
        d = self._collection(col)
        return d is not None and name in d

    def get_variable(self, col, name, default=None):
        """The value of variable `name` of `col`, or `default`."""
        d = self._collection(col)
        if d is None or name not in d:
            return default
        return d.get(name)

    def put_variable(self, col, name, value):
        """Sets variable `name` of `col` (the collection must be mutable)."""
        if not self.is_mutable_collection(col):
            # help: make the collection mutable: apply(..., mutable=['batch_stats']) returns (output, updated variables)
            raise ModifyScopeVariableError(col, name, self.path_text)
        d = self.root.variables.setdefault(col, {})
        for p in self.path:
            d = d.setdefault(p, {})
        d[name] = value

    def has_rng(self, name):
        """Whether a PRNG sequence `name` was given."""
        return name in self.rngs

    def make_rng(self, name="params"):
        """A new key from the PRNG sequence `name` ('params' when `name` was not given)."""
        if not self.has_rng(name):
            if self.has_rng("params"):
                name = "params"
            else:
                # help: pass a key for it to apply/init, e.g. rngs={'dropout': jax.random.key(1)}
                raise InvalidRngError(f'{self.name} needs PRNG for "{name}"')
        count = self.rng_counters.get(name, 0) + 1
        self.rng_counters[name] = count
        return LazyRng.create(self.rngs.get(name), count).as_jax_rng()

    def get_flag(self, key, default=None):
        """A flag of this init/apply ('initializing')."""
        return self.root.flags.get(key, default)

    def param(self, name, init_fn, *init_args, **init_kwargs):
        """The parameter `name`: its given value, or init_fn(make_rng('params'), *init_args) in init."""
        self.reserve(name, "params")
        if self.has_variable("params", name):
            value = self.get_variable("params", name)
            # Flax evaluates the initializer's shape; the initializers' first argument is it.
            if init_args and isinstance(init_args[0], (tuple, list)) and all(isinstance(d, int) for d in init_args[0]):
                want = tuple(init_args[0])
                got = tuple(jnp.shape(value))
                if got != want:
                    # help: apply the module to inputs of the shape it was initialised with, or init it again for the new shape
                    raise ScopeParamShapeError(name, self.path_text, got, want)
            return value
        if not self.is_mutable_collection("params"):
            if self.is_collection_empty("params"):
                # help: pass the variables that init returned, e.g. model.apply(variables, x) with variables = model.init(key, x)
                raise ScopeCollectionNotFound("params", name, self.path_text)
            # help: the given params lack this one: pass the variables that init returned for this model
            raise ScopeParamNotFoundError(name, self.path_text)
        value = init_fn(self.make_rng("params"), *init_args, **init_kwargs)
        self.put_variable("params", name, value)
        return value

    def variable(self, col, name, init_fn=None, *init_args, **init_kwargs):
        """The Variable `name` of `col`, created with init_fn(*init_args) when missing and mutable."""
        self.reserve(name, col)
        if not self.has_variable(col, name):
            if not self.is_mutable_collection(col) or init_fn is None:
                if self.is_collection_empty(col):
                    # help: pass this collection to apply (e.g. {'params': ..., 'batch_stats': ...}) or make it mutable
                    raise ScopeCollectionNotFound(col, name, self.path_text)
                # help: pass the variables that init returned, or make the collection mutable
                raise ScopeVariableNotFoundError(name, col, self.path_text)
            self.put_variable(col, name, init_fn(*init_args, **init_kwargs))
        return Variable(self, col, name)

    def mutable_variables(self):
        """The collections that this init/apply may change, as nested dicts."""
        return {k: v for k, v in self.root.variables.items() if in_filter(self.root.mutable, k)}


class Variable:
    """A variable of a scope: read and write it through `.value`."""

    def __init__(self, scope, collection, name):
        object.__setattr__(self, "scope", scope)
        object.__setattr__(self, "collection", collection)
        object.__setattr__(self, "name", name)

    @property
    def value(self):
        """The variable's current value."""
        return self.scope.get_variable(self.collection, self.name)

    @value.setter
    def value(self, v):
        self.scope.put_variable(self.collection, self.name, v)

    def is_mutable(self):
        """Whether the variable's collection is mutable here."""
        return self.scope.is_mutable_collection(self.collection)

    def __repr__(self):
        return f"Variable(collection={self.collection!r}, name={self.name!r}, value={self.value!r})"


def _root_scope(variables, rngs, mutable, initializing):
    vs = {k: _copy_tree(v) for k, v in variables.items()}
    rs = {k: LazyRng.create(v) for k, v in rngs.items()}
    return Scope(_Root(vs, mutable, {"initializing": initializing}), rs)

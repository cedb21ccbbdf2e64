# The rest of jax.tree_util (paths, keys, transpose, reductions), jax.checkpoint/remat and
# jax.config, written in Slope. Runs in jax.numpy's scope; the names in _TREE_UTIL are added
# to `jax.tree_util` (and without their `tree_` prefix to `jax.tree`), those in _JAX to `jax`.
import jax as _jax_mod

_tu = _jax_mod.tree_util


class DictKey:
    """A path entry of a dict: the key."""

    def __init__(self, key):
        self.key = key

    def __repr__(self):
        return f"DictKey(key={self.key!r})"

    def __str__(self):
        return f"[{self.key!r}]"

    def __eq__(self, other):
        return _py.isinstance(other, DictKey) and other.key == self.key

    def __hash__(self):
        return _py.hash(("DictKey", self.key))


class SequenceKey:
    """A path entry of a list or tuple: the index."""

    def __init__(self, idx):
        self.idx = idx

    def __repr__(self):
        return f"SequenceKey(idx={self.idx!r})"

    def __str__(self):
        return f"[{self.idx!r}]"

    def __eq__(self, other):
        return _py.isinstance(other, SequenceKey) and other.idx == self.idx

    def __hash__(self):
        return _py.hash(("SequenceKey", self.idx))


class GetAttrKey:
    """A path entry of a NamedTuple or dataclass: the attribute name."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"GetAttrKey(name={self.name!r})"

    def __str__(self):
        return f".{self.name}"

    def __eq__(self, other):
        return _py.isinstance(other, GetAttrKey) and other.name == self.name

    def __hash__(self):
        return _py.hash(("GetAttrKey", self.name))


class FlattenedIndexKey:
    """A path entry of a registered pytree node without keys: the child's position."""

    def __init__(self, key):
        self.key = key

    def __repr__(self):
        return f"FlattenedIndexKey(key={self.key!r})"

    def __str__(self):
        return f"[<flat index {self.key}>]"

    def __eq__(self, other):
        return _py.isinstance(other, FlattenedIndexKey) and other.key == self.key

    def __hash__(self):
        return _py.hash(("FlattenedIndexKey", self.key))


def _is_namedtuple(x):
    return _py.isinstance(x, _py.tuple) and _py.hasattr(_py.type(x), "_fields")


def _children_with_keys(x, is_leaf):
    """[(key, child)] for a pytree node, or None for a leaf."""
    if x is None:
        return []
    if is_leaf is not None and is_leaf(x):
        return None
    if _py.isinstance(x, _py.dict):
        return [(DictKey(k), x[k]) for k in _py.sorted(x.keys())]
    if _is_namedtuple(x):
        return [(GetAttrKey(f), getattr(x, f)) for f in _py.type(x)._fields]
    if _py.isinstance(x, (_py.list, _py.tuple)):
        return [(SequenceKey(i), c) for i, c in _py.enumerate(x)]
    # Registered classes and dataclasses: their children as the tree flattens them one level.
    if _tu.treedef_is_leaf(_tu.tree_structure(x)):
        return None
    children = _tu.tree_flatten(x, is_leaf=lambda y: y is not x)[0]
    fields = getattr(_py.type(x), "__dataclass_fields__", None)
    if fields is not None and _py.len(fields) == _py.len(children):
        names = _py.list(fields.keys())
        return [(GetAttrKey(names[i]), c) for i, c in _py.enumerate(children)]
    return [(FlattenedIndexKey(i), c) for i, c in _py.enumerate(children)]


def _walk(x, path, out, is_leaf):
    kids = _children_with_keys(x, is_leaf)
    if kids is None:
        out.append((path, x))
        return
    for k, c in kids:
        _walk(c, path + (k,), out, is_leaf)


def tree_flatten_with_path(tree, is_leaf=None):
    """tree_flatten_with_path(tree, is_leaf=None)

    Like tree_flatten, but each leaf comes with its path: a tuple of keys (DictKey,
    SequenceKey, GetAttrKey, FlattenedIndexKey) from the root to the leaf.

    >>> leaves, _ = jax.tree_util.tree_flatten_with_path({'a': [1, 2]})
    >>> print(leaves)
    [((DictKey(key='a'), SequenceKey(idx=0)), 1), ((DictKey(key='a'), SequenceKey(idx=1)), 2)]
    """
    out = []
    _walk(tree, (), out, is_leaf)
    return out, _tu.tree_structure(tree, is_leaf=is_leaf)


def tree_leaves_with_path(tree, is_leaf=None):
    """tree_leaves_with_path(tree, is_leaf=None): the (path, leaf) pairs of a pytree."""
    return tree_flatten_with_path(tree, is_leaf)[0]


def tree_map_with_path(f, tree, *rest, is_leaf=None):
    """tree_map_with_path(f, tree, *rest, is_leaf=None)

    The tree with f(path, leaf, *other_leaves) at each leaf.

    >>> print(jax.tree_util.tree_map_with_path(lambda p, x: jax.tree_util.keystr(p), {'a': 1}))
    {'a': "['a']"}
    """
    pairs, treedef = tree_flatten_with_path(tree, is_leaf)
    others = [treedef.flatten_up_to(r) for r in rest]
    leaves = [f(p, x, *[o[i] for o in others]) for i, (p, x) in _py.enumerate(pairs)]
    return _tu.tree_unflatten(treedef, leaves)


def keystr(keys, simple=False, separator=""):
    """keystr(keys, simple=False, separator='')

    A path as a string, e.g. "['params'][0].w"; simple=True drops the brackets and quotes
    (keys joined by separator).
    """
    if simple:
        parts = []
        for k in keys:
            if _py.isinstance(k, DictKey):
                parts.append(_py.str(k.key))
            elif _py.isinstance(k, SequenceKey):
                parts.append(_py.str(k.idx))
            elif _py.isinstance(k, GetAttrKey):
                parts.append(k.name)
            else:
                parts.append(_py.str(k.key))
        return separator.join(parts)
    return "".join(_py.str(k) for k in keys)


def tree_transpose(outer_treedef, inner_treedef, pytree_to_transpose):
    """tree_transpose(outer_treedef, inner_treedef, pytree_to_transpose)

    Turn a tree of structure outer, whose leaves are trees of structure inner, into a tree of
    structure inner whose leaves are trees of structure outer.

    >>> t = [(1, 2), (3, 4)]
    >>> print(jax.tree_util.tree_transpose(jax.tree_util.tree_structure([0, 0]), jax.tree_util.tree_structure((0, 0)), t))
    ([1, 3], [2, 4])
    """
    flat = _tu.tree_leaves(pytree_to_transpose)
    no = outer_treedef.num_leaves
    ni = inner_treedef.num_leaves
    if _py.len(flat) != no * ni:
        # help: the tree must be the outer structure with an inner-structure tree at each leaf
        raise TypeError(f"Mismatch\n{_tu.tree_structure(pytree_to_transpose)}\n != \n{outer_treedef.compose(inner_treedef) if _py.hasattr(outer_treedef, 'compose') else outer_treedef}")
    cols = []
    for j in _py.range(ni):
        cols.append(_tu.tree_unflatten(outer_treedef, [flat[i * ni + j] for i in _py.range(no)]))
    return _tu.tree_unflatten(inner_treedef, cols)


def tree_reduce(function, tree, initializer=None, is_leaf=None):
    """tree_reduce(function, tree, initializer=None): functools.reduce over the leaves."""
    leaves = _tu.tree_leaves(tree, is_leaf=is_leaf)
    if initializer is None:
        if not leaves:
            # help: pass an initializer for trees that may have no leaves
            raise TypeError("reduce() of empty iterable with no initial value")
        acc = leaves[0]
        rest = leaves[1:]
    else:
        acc = initializer
        rest = leaves
    for x in rest:
        acc = function(acc, x)
    return acc


def tree_all(tree, is_leaf=None):
    """tree_all(tree): whether every leaf is truthy."""
    return _py.all(_tu.tree_leaves(tree, is_leaf=is_leaf))


def tree_broadcast(prefix_tree, full_tree, is_leaf=None):
    """tree_broadcast(prefix_tree, full_tree): prefix_tree's leaves repeated over the subtrees
    of full_tree they stand for."""
    pdef = _tu.tree_structure(prefix_tree, is_leaf=is_leaf)
    subs = pdef.flatten_up_to(full_tree)
    leaves = _tu.tree_leaves(prefix_tree, is_leaf=is_leaf)
    return _tu.tree_unflatten(pdef, [_tu.tree_map(lambda _: p, s) for p, s in _py.zip(leaves, subs)])


class Partial:
    """jax.tree_util.Partial(func, *args, **kwargs): functools.partial as a pytree (the bound
    arguments are its children), so it can pass through jit and other transformations."""

    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **kw):
        k = _py.dict(self.keywords)
        k.update(kw)
        return self.func(*self.args, *args, **k)

    def __repr__(self):
        return f"Partial({self.func!r}, {', '.join(_py.repr(a) for a in self.args)})"


_tu.register_pytree_node(Partial, lambda p: ((p.args, p.keywords), p.func), lambda func, ch: Partial(func, *ch[0], **ch[1]))


# ---------------------------------------------------------------------------------------------
# jax.checkpoint / remat: Slope keeps every residual the backward pass needs and does not
# recompute, so checkpointing changes memory use in JAX but never values or gradients; these
# return the function itself (with JAX's signature), and the policies are accepted by name.


def checkpoint(fun=None, *, prevent_cse=True, policy=None, static_argnums=()):
    """checkpoint(fun, *, prevent_cse=True, policy=None, static_argnums=())

    jax.checkpoint (alias jax.remat): in JAX, recompute fun's intermediates in the backward
    pass instead of storing them. Values and gradients are the same either way; Slope stores
    them, so this returns fun unchanged. Usable as a decorator, with or without arguments.

    >>> print(jax.grad(jax.checkpoint(lambda x: jnp.sin(x) * x))(0.0))
    0.0
    """
    if fun is None:
        return lambda f: checkpoint(f, prevent_cse=prevent_cse, policy=policy, static_argnums=static_argnums)
    if not _py.callable(fun):
        # help: pass the function to checkpoint: jax.checkpoint(f)
        raise TypeError(f"checkpoint: expected a callable, got {_py.type(fun).__name__}")
    return fun


remat = checkpoint


class _Policies:
    """jax.checkpoint_policies: the names JAX's docs use (Slope stores every residual)."""

    def __init__(self):
        for n in ("everything_saveable", "nothing_saveable", "dots_saveable", "checkpoint_dots",
                  "dots_with_no_batch_dims_saveable", "checkpoint_dots_with_no_batch_dims"):
            setattr(self, n, n)

    def save_only_these_names(self, *names):
        return ("save_only_these_names", names)

    def save_any_names_but_these(self, *names):
        return ("save_any_names_but_these", names)

    def save_from_both_policies(self, a, b):
        return ("save_from_both_policies", a, b)


checkpoint_policies = _Policies()


def checkpoint_name(x, name):
    """checkpoint_name(x, name): x itself (a name for checkpoint policies)."""
    return x


# ---------------------------------------------------------------------------------------------
# jax.config


# The flags Slope honours live natively (`_jax_flag`, `interp::ops::JaxFlags`), since the
# interpreter reads them: jax_enable_x64 (64-bit defaults under jax.numpy), jax_debug_nans and
# jax_debug_infs (a NaN/inf in a computed array raises FloatingPointError naming the primitive
# that made it), jax_disable_jit (jit calls the function). The others only tune XLA (platforms,
# caches, logging, precision) and are stored and read back.
_NATIVE_FLAGS = ("jax_enable_x64", "jax_debug_nans", "jax_debug_infs", "jax_disable_jit")


class _Config:
    """jax.config: `jax.config.update(name, value)`, `jax.config.read(name)` and reading flags
    as attributes (`jax.config.jax_enable_x64`, `jax.config.x64_enabled`)."""

    def __init__(self):
        self._values = {
            "jax_platform_name": "",
            "jax_platforms": None,
            "jax_default_matmul_precision": None,
            "jax_default_device": None,
            "jax_log_compiles": False,
            "jax_explain_cache_misses": False,
            "jax_numpy_rank_promotion": "allow",
            "jax_numpy_dtype_promotion": "standard",
            "jax_default_prng_impl": "threefry2x32",
            "jax_threefry_partitionable": True,
            "jax_traceback_filtering": "auto",
            "jax_compilation_cache_dir": None,
            "jax_persistent_cache_min_compile_time_secs": 1.0,
            "jax_persistent_cache_min_entry_size_bytes": 0,
            "jax_enable_checks": False,
            "jax_check_tracer_leaks": False,
            "jax_debug_key_reuse": False,
            "jax_transfer_guard": None,
            "jax_softmax_custom_jvp": False,
            "jax_dynamic_shapes": False,
            "jax_use_shardy_partitioner": True,
            "jax_cpu_enable_gloo_collectives": False,
            "jax_enable_compilation_cache": True,
            "jax_raise_persistent_cache_errors": False,
            "jax_random_seed_offset": 0,
        }

    def _known(self):
        return _py.list(_NATIVE_FLAGS) + _py.list(self._values.keys())

    def _unknown(self, name):
        near = _closest(name, self._known())
        if near is None:
            # help: check the flag's spelling (JAX's flags start with jax_)
            raise AttributeError(f"Unrecognized config option: {name}")
        # help: check the flag's spelling
        raise AttributeError(f"Unrecognized config option: {name} (did you mean '{near}'?)")

    def update(self, name, value):
        """update(name, value): set a JAX flag. jax_enable_x64 gives jax.numpy 64-bit defaults
        (float64, int64), jax_debug_nans/jax_debug_infs raise FloatingPointError where a
        primitive makes a NaN/inf, jax_disable_jit runs jitted functions eagerly; the flags that
        only tune XLA (platforms, caches, logging, precision) are accepted and change nothing."""
        if name in _NATIVE_FLAGS:
            _jax_flag(name, _py.bool(value))
            return
        if name not in self._values:
            self._unknown(name)
        if name == "jax_threefry_partitionable" and not value:
            # help: Slope draws JAX's default (partitionable) threefry numbers
            raise NotImplementedError("jax_threefry_partitionable=False is not supported in Slope")
        if name == "jax_default_prng_impl" and value != "threefry2x32":
            # help: Slope draws threefry2x32 numbers (JAX's default)
            raise NotImplementedError(f"jax_default_prng_impl={value!r} is not supported in Slope (only threefry2x32)")
        if name == "jax_numpy_rank_promotion" and value not in ("allow", "warn", "raise"):
            raise ValueError(f"jax_numpy_rank_promotion must be one of 'allow', 'warn', 'raise', got {value!r}")
        self._values[name] = value

    def read(self, name):
        """read(name): the value of a JAX flag."""
        if name in _NATIVE_FLAGS:
            return _jax_flag(name)
        if name not in self._values:
            self._unknown(name)
        return self._values[name]

    @_py.property
    def x64_enabled(self):
        """Whether jax_enable_x64 is on."""
        return _jax_flag("jax_enable_x64")

    def __getattr__(self, name):
        if name in _NATIVE_FLAGS:
            return _jax_flag(name)
        values = self.__dict__.get("_values", {}) if _py.hasattr(self, "__dict__") else {}
        if name in values:
            return values[name]
        self._unknown(name)


config = _Config()


class _FlagContext:
    """A context manager that sets one of the JAX flags Slope honours inside its `with` block
    and puts the previous value back after it (jax.debug_nans(True), jax.disable_jit())."""

    def __init__(self, flag, value):
        self._flag = flag
        self._new = _py.bool(value)
        self._old = None

    def __enter__(self):
        self._old = _jax_flag(self._flag, self._new)
        return self

    def __exit__(self, *exc):
        _jax_flag(self._flag, self._old)
        return False


class enable_x64(_FlagContext):
    """jax.enable_x64(new_val=True): a context manager that sets jax_enable_x64 inside its
    `with` block and puts the previous value back after it."""

    def __init__(self, new_val=True):
        _FlagContext.__init__(self, "jax_enable_x64", new_val)


_TREE_UTIL = ["DictKey", "SequenceKey", "GetAttrKey", "FlattenedIndexKey", "tree_flatten_with_path", "tree_leaves_with_path",
              "tree_map_with_path", "keystr", "tree_transpose", "tree_reduce", "tree_all", "tree_broadcast", "Partial"]
# The JAX version whose behaviour Slope follows (its JAX oracle, tests/requirements.txt).
__version__ = "0.10.2"

class ShapedArray:
    """The abstract value of an array (what jax.typeof gives): shape, dtype and weak_type;
    prints as JAX's `float32[3]` (weak Python scalars with a leading ~)."""

    def __init__(self, shape, dtype, weak_type=False):
        self.shape = _py.tuple(shape)
        self.dtype = dtype
        self.weak_type = weak_type
        self.ndim = _py.len(self.shape)

    def __str__(self):
        return ("~" if self.weak_type else "") + f"{self.dtype}[{','.join(_py.str(d) for d in self.shape)}]"

    def __repr__(self):
        return f"ShapedArray({self})"

    def __eq__(self, other):
        return _py.isinstance(other, ShapedArray) and (self.shape, _py.str(self.dtype), self.weak_type) == (other.shape, _py.str(other.dtype), other.weak_type)


def typeof(x):
    """typeof(x): x's abstract value — its dtype and shape, as JAX prints them (float32[3]).

    >>> print(jax.typeof(jnp.ones((2, 3))))
    float32[2,3]
    """
    weak = _py.isinstance(x, (_py.int, _py.float, _py.bool)) and not _py.isinstance(x, ndarray)
    a = asarray(x)
    return ShapedArray(a.shape, a.dtype, weak)


def block_until_ready(x):
    """block_until_ready(x): x, once every array in the pytree x is computed (for timing)."""
    for leaf in _tu.tree_leaves(x):
        if _py.isinstance(leaf, ndarray):
            leaf.block_until_ready()
    return x


class Traced:
    """What `jax.jit(f).trace(*args)` gives: the traced function, whose `.jaxpr` prints as
    make_jaxpr does."""

    def __init__(self, jaxpr):
        self.jaxpr = jaxpr

    def __repr__(self):
        return f"Traced({self.jaxpr})"


def _jit_trace(jitted, *args, **kwargs):
    return Traced(_jax_mod.make_jaxpr(jitted)(*args, **kwargs))


_JAX = ["_jit_trace", "checkpoint", "remat", "checkpoint_policies", "config", "__version__", "typeof", "block_until_ready", "ShapedArray"]


# ---------------------------------------------------------------------------------------------
# custom_jvp.defjvps and nondiff_argnums (the native custom_jvp/custom_vjp call these).


def _defjvps_rule(fun, *jvps):
    """The jvp rule of `f.defjvps(*jvps)`: each jvps[i](t_i, primal_out, *primals) is input i's
    contribution to the output tangent (None: input i has no derivative)."""
    def rule(primals, tangents):
        out = fun(*primals)
        total = None
        for jvp, t in _py.zip(jvps, tangents):
            if jvp is None:
                continue
            term = jvp(t, out, *primals)
            total = term if total is None else _tu.tree_map(lambda a, b: a + b, total, term)
        if total is None:
            total = _tu.tree_map(lambda o: o * 0, out)
        return out, total
    return rule


class _NondiffCustom:
    """custom_jvp / custom_vjp with nondiff_argnums: the arguments at those positions are
    passed to the rules first (jvp(*nondiff, primals, tangents); fwd(*args); bwd(*nondiff,
    residuals, g)) and get no derivative. Each combination of nondiff values gets its own
    native custom function over the other arguments."""

    def __init__(self, kind, fun, nondiff_argnums):
        self.kind = kind
        self.fun = fun
        self.nondiff_argnums = _py.tuple(nondiff_argnums)
        self.rules = None
        self._made = {}
        self.__name__ = getattr(fun, "__name__", "custom")
        self.__doc__ = getattr(fun, "__doc__", None)

    def defjvp(self, jvp, symbolic_zeros=False):
        if self.kind != "jvp":
            # help: a custom_vjp function takes f.defvjp(fwd, bwd)
            raise AttributeError("'custom_vjp' object has no attribute 'defjvp'")
        self.rules = (jvp,)
        self._made = {}
        return jvp

    def defvjp(self, fwd, bwd, symbolic_zeros=False):
        if self.kind != "vjp":
            # help: a custom_jvp function takes f.defjvp(rule)
            raise AttributeError("'custom_jvp' object has no attribute 'defvjp'")
        self.rules = (fwd, bwd)
        self._made = {}

    def __call__(self, *args, **kwargs):
        if kwargs:
            # help: pass the arguments of a function with nondiff_argnums by position
            raise TypeError(f"{self.__name__}: keyword arguments are not supported with nondiff_argnums in Slope")
        n = _py.len(args)
        for i in self.nondiff_argnums:
            if i >= n:
                raise TypeError(f"{self.__name__}: nondiff_argnums {self.nondiff_argnums} but only {n} arguments were given")
        if self.rules is None:
            return self.fun(*args)
        nd = [args[i] for i in self.nondiff_argnums]
        diff_pos = [i for i in _py.range(n) if i not in self.nondiff_argnums]
        key = (n,) + _py.tuple(_py.id(a) for a in nd)
        made = self._made.get(key)
        if made is None:
            fun = self.fun
            nd_pos = self.nondiff_argnums

            def merged(diff):
                full = [None] * n
                for j, i in _py.enumerate(nd_pos):
                    full[i] = nd[j]
                for j, i in _py.enumerate(diff_pos):
                    full[i] = diff[j]
                return full

            if self.kind == "jvp":
                (jvp,) = self.rules
                made = _jax_mod.custom_jvp(lambda *diff: fun(*merged(diff)))
                made.defjvp(lambda primals, tangents: jvp(*nd, primals, tangents))
            else:
                fwd, bwd = self.rules
                made = _jax_mod.custom_vjp(lambda *diff: fun(*merged(diff)))
                made.defvjp(lambda *diff: fwd(*merged(diff)), lambda res, g: bwd(*nd, res, g))
            self._made[key] = (made, nd)
        else:
            made = made[0]
        return made(*[args[i] for i in diff_pos])


def _custom_nondiff(kind, fun, nondiff_argnums):
    return _NondiffCustom(kind, fun, nondiff_argnums)


_JAX = _JAX + ["_defjvps_rule", "_custom_nondiff"]


# ---------------------------------------------------------------------------------------------
# linear_transpose: the transpose of a linear function, as the vjp of that function (a linear
# function's vjp at any point is its transpose), taken at zeros of the primals' shapes.


def _zeros_of(p):
    if _py.hasattr(p, "shape") and _py.hasattr(p, "dtype"):
        return zeros(p.shape, p.dtype)
    return zeros_like(asarray(p))


def linear_transpose(fun, *primals, reduce_axes=()):
    """linear_transpose(fun, *primals)

    The transpose of the linear function `fun`: a function of an output cotangent that returns
    the tuple of input cotangents, one per primal. The primals (arrays, or anything with .shape
    and .dtype) fix the input shapes. `fun` must be linear: its vjp at zero is taken as its
    transpose (JAX checks linearity; Slope does not).

    >>> f_t = jax.linear_transpose(lambda x: 2.0 * x, jnp.ones(3))
    >>> f_t(jnp.arange(3.0))
    (Array([0., 2., 4.], dtype=float32),)
    """
    zeros_ = _jax_mod.tree_util.tree_map(_zeros_of, primals)

    def transposed(out_cotangent):
        y, back = _jax_mod.vjp(fun, *zeros_)
        ct = _jax_mod.tree_util.tree_map(lambda c, o: asarray(c, dtype=asarray(o).dtype), out_cotangent, y)
        return _py.tuple(back(ct))

    return transposed


_JAX = _JAX + ["linear_transpose"]


# ---------------------------------------------------------------------------------------------
# Devices: JAX's names for where arrays live. Slope shows one CPU device, as JAX on a CPU machine
# does; device_put/device_get convert between numpy arrays and jax.Arrays as JAX's do.


def devices(backend=None):
    """devices(backend=None): the list of devices, [CpuDevice(id=0)].

    >>> print(jax.devices())
    [CpuDevice(id=0)]
    """
    if backend is not None and backend != "cpu":
        # help: Slope's JAX API shows one device, "cpu"; `%device gpu` runs its kernels on a GPU
        raise RuntimeError(f"Unknown backend {backend}: Slope's JAX API has the 'cpu' backend")
    return [_CPU_DEVICE]


def local_devices(process_index=None, backend=None):
    """local_devices(): the devices of this process, [CpuDevice(id=0)]."""
    return devices(backend)


def device_count(backend=None):
    """device_count(): the number of devices, 1."""
    return _py.len(devices(backend))


def local_device_count(backend=None):
    """local_device_count(): the number of devices of this process, 1."""
    return _py.len(devices(backend))


def default_backend():
    """default_backend(): the platform name of the default device, 'cpu'."""
    return "cpu"


def process_index(backend=None):
    """process_index(): this process's index among JAX processes, 0."""
    return 0


def process_count(backend=None):
    """process_count(): the number of JAX processes, 1."""
    return 1


def device_put(x, device=None, *, src=None, donate=False, may_alias=None):
    """device_put(x, device=None): x with every leaf as a jax.Array (numpy arrays and Python
    numbers converted; jax.Arrays as they are).

    >>> print(type(jax.device_put(np.ones(2))).__name__)
    Array
    """
    if device is not None and device != _CPU_DEVICE and not _py.isinstance(device, _py.str):
        # help: pass a device from jax.devices(), or none
        raise ValueError(f"device_put: unknown device {device!r}")
    return _tu.tree_map(lambda l: asarray(l), x)


def device_get(x):
    """device_get(x): x with every jax.Array leaf as a numpy array (other leaves as they are).

    >>> print(type(jax.device_get(jnp.ones(2))).__name__)
    ndarray
    """
    import numpy as _np_host

    def get(l):
        if _py.isinstance(l, ndarray):
            return _np_host.asarray(l)
        return l

    return _tu.tree_map(get, x)


_JAX = _JAX + ["devices", "local_devices", "device_count", "local_device_count", "default_backend", "process_index", "process_count", "device_put", "device_get"]


def _bind_static(f, n, statics, static_kw):
    """grad/jacfwd/jacrev's binding of arguments that are not differentiated and are not arrays
    (a function, a string): `f` with positions `statics` [(i, value)] and keywords `static_kw`
    filled in, taking the other `n - len(statics)` positional arguments."""
    fixed = dict(statics)
    fixed_kw = dict(static_kw)

    def bound(*dyn, **kw):
        rest = iter(dyn)
        full = [fixed[i] if i in fixed else next(rest) for i in range(n)]
        return f(*full, **fixed_kw, **kw)

    bound.__name__ = getattr(f, "__name__", "function")
    return bound


_JAX = _JAX + ["_bind_static"]


_as_dtype = dtype


class ShapeDtypeStruct:
    """The shape and dtype of an array, without its values (what pure_callback's result
    shapes are given as)."""

    def __init__(self, shape, dtype, sharding=None, weak_type=False):
        self.shape = tuple(shape)
        self.dtype = _as_dtype(dtype)
        self.sharding = sharding
        self.weak_type = weak_type

    @classmethod
    def like(cls, x):
        """The shape and dtype of array `x`."""
        return cls(x.shape, x.dtype, weak_type=getattr(x, "weak_type", False))

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        n = 1
        for d in self.shape:
            n *= d
        return n

    def __repr__(self):
        return f"ShapeDtypeStruct(shape={self.shape}, dtype={self.dtype.name})"

    def __eq__(self, other):
        return isinstance(other, ShapeDtypeStruct) and self.shape == other.shape and self.dtype == other.dtype

    def __hash__(self):
        return hash((self.shape, self.dtype.name))


def _callback_results(out, result_shape_dtypes, what):
    want, want_tree = _tu.tree_flatten(result_shape_dtypes)
    got, got_tree = _tu.tree_flatten(out)
    if got_tree != want_tree:
        raise TypeError(f"{what}: the callback returned a value of structure {got_tree}, but result_shape_dtypes has structure {want_tree}")
    res = []
    for o, s in zip(got, want):
        a = asarray(o)
        if a.dtype != s.dtype:
            # A 64-bit result for a 64-bit spec on numpy values (float64 without x64): kept.
            import numpy as _np_host

            h = _np_host.asarray(o)
            if h.dtype == s.dtype:
                a = h
        if tuple(a.shape) != tuple(s.shape):
            raise RuntimeError(f"{what}: the callback returned an array of shape {tuple(a.shape)}, but result_shape_dtypes says {tuple(s.shape)}")
        if a.dtype != s.dtype:
            raise RuntimeError(f"{what}: the callback returned an array of dtype {a.dtype}, but result_shape_dtypes says {s.dtype}")
        res.append(a)
    return _tu.tree_unflatten(want_tree, res)


def pure_callback(callback, result_shape_dtypes, *args, sharding=None, vmap_method=None, **kwargs):
    """Call the Python function `callback` on the values of `args` (numpy arrays) and return
    its results as arrays shaped like `result_shape_dtypes`. Inside jit, vmap, grad, scan… it
    is staged (the `pure_callback` primitive) and runs when the computation runs; under vmap
    it is called per example (vmap_method 'sequential', the default) or once on the whole
    batch ('expand_dims', 'broadcast_all'). It has no derivative (wrap it in jax.custom_jvp)."""
    if _jax_mod._trace_depth() > 0:
        return _staged_callback(callback, result_shape_dtypes, args, kwargs, vmap_method, "pure", "pure_callback")
    return _callback_results(_run_callback(callback, args, kwargs), result_shape_dtypes, "pure_callback")


def _io_callback(callback, result_shape_dtypes, *args, sharding=None, ordered=False, **kwargs):
    """jax.experimental.io_callback: pure_callback for a callback with side effects (never
    removed as dead code; ordered=True keeps it in program order and forbids vmap)."""
    if _jax_mod._trace_depth() > 0:
        kind = "io_ordered" if ordered else "io"
        return _staged_callback(callback, result_shape_dtypes, args, kwargs, None, kind, "io_callback")
    out = _run_callback(callback, args, kwargs)
    if result_shape_dtypes is None:
        return None
    return _callback_results(out, result_shape_dtypes, "io_callback")


def _is_operand(x):
    """Whether a callback's argument leaf is an operand: an array or a Python number."""
    if _py.isinstance(x, (_py.bool, _py.int, _py.float)):
        return True
    return _py.hasattr(x, "shape") and _py.hasattr(x, "dtype") and not _py.isinstance(x, ShapeDtypeStruct)


def _staged_callback(callback, result_shape_dtypes, args, kwargs, vmap_method, kind, what):
    """Stage a host call of `callback` in the function being traced: arrays and numbers among
    the arguments' leaves are its operands (the callback gets their values as numpy arrays),
    other leaves are passed as they are."""
    leaves, tree = _tu.tree_flatten((args, kwargs))
    pos = [i for i in _py.range(_py.len(leaves)) if _is_operand(leaves[i])]
    ops = [leaves[i] for i in pos]
    # The call's arguments without the operands (traced values the callback must not keep).
    template = _py.list(leaves)
    for i in pos:
        template[i] = None
    if result_shape_dtypes is None:
        want, want_tree = [], None
    else:
        want, want_tree = _tu.tree_flatten(result_shape_dtypes)
    specs = [(_py.tuple(s.shape), _as_dtype(s.dtype).name) for s in want]

    def flat(*vals):
        full = _py.list(template)
        for i, v in _py.zip(pos, vals):
            full[i] = v
        a, k = _tu.tree_unflatten(tree, full)
        out = callback(*a, **k)
        if want_tree is None:
            if kind != "debug" and out is not None:
                n = _py.len(_tu.tree_leaves(out))
                raise RuntimeError(f"Mismatched number of outputs from callback. Expected: 0, Actual: {n}")
            return []
        got, got_tree = _tu.tree_flatten(out)
        if got_tree != want_tree:
            raise TypeError(f"{what}: the callback returned a value of structure {got_tree}, but result_shape_dtypes has structure {want_tree}")
        return got

    name = getattr(callback, "__name__", "callback")
    res = _jax_mod._host_call(flat, specs, ops, vmap_method, kind, name)
    leaves = ops = args = kwargs = None  # not kept alive by `flat` (a closure may hold this scope)
    if want_tree is None:
        return None
    return _tu.tree_unflatten(want_tree, res)


def _run_callback(callback, args, kwargs):
    """callback(*args, **kwargs) on the arguments' values (a callback with results)."""
    vals = _jax_mod._callback_values((args, kwargs), True)
    return callback(*vals[0], **vals[1])


def _debug_callback(callback, *args, ordered=False, partitioned=False, **kwargs):
    """jax.debug.callback: call `callback` on the values of `args` for its effects (printing,
    logging); inside a traced function it runs when the computation runs (per example under
    vmap; on the primal values under grad)."""
    if _jax_mod._trace_depth() > 0:
        _staged_callback(callback, None, args, kwargs, None, "debug", "debug.callback")
        return None
    vals = _jax_mod._callback_values((args, kwargs), False)
    callback(*vals[0], **vals[1])


def effects_barrier():
    """Wait until every callback and print issued so far has run (Slope runs them in order)."""
    return None


_JAX = _JAX + ["ShapeDtypeStruct", "pure_callback", "_io_callback", "effects_barrier"]
_DEBUG = ["callback"]


def debug_nans(new_val=True):
    """jax.debug_nans(new_val=True): jax_debug_nans inside a `with` block."""
    return _FlagContext("jax_debug_nans", new_val)


def debug_infs(new_val=True):
    """jax.debug_infs(new_val=True): jax_debug_infs inside a `with` block."""
    return _FlagContext("jax_debug_infs", new_val)


def disable_jit(disable=True):
    """jax.disable_jit(disable=True): jitted functions run eagerly inside a `with` block."""
    return _FlagContext("jax_disable_jit", disable)


def _disable_x64():
    """jax.experimental.disable_x64(): jax_enable_x64 off inside a `with` block."""
    return _FlagContext("jax_enable_x64", False)


_enable_x64 = enable_x64
_checkpoint_name = checkpoint_name
_JAX = _JAX + ["_checkpoint_name", "debug_nans", "debug_infs", "disable_jit", "_disable_x64", "_enable_x64", "enable_x64"]


class Ref:
    """jax.Ref: a mutable array (jax.new_ref(value)). Read with r[idx] (r[...] for all of it),
    write with r[idx] = v (the value's shape must be the indexed part's), jax.freeze(r) for its
    value. Math on a ref itself is an error: read it first. Inside jit, a function that writes a
    ref made outside it runs untraced (the writes happen on values)."""

    def __init__(self, value):
        self._value = asarray(value)
        self._depth = _jax_mod._trace_depth()

    @_py.property
    def shape(self):
        return self._value.shape

    @_py.property
    def dtype(self):
        return self._value.dtype

    @_py.property
    def ndim(self):
        return self._value.ndim

    @_py.property
    def size(self):
        return self._value.size

    def __len__(self):
        return _py.len(self._value)

    def __getitem__(self, idx):
        return self._value[idx]

    def __setitem__(self, idx, x):
        x = asarray(x)
        want = self._value[idx].shape
        if tuple(x.shape) != tuple(want):
            raise ValueError(f"Invalid shape for `swap`. Ref shape: {self.shape}. Expected shape: {want}. Value shape: {x.shape}.")
        if _jax_mod._trace_depth() > self._depth:
            _jax_mod._outer_ref_write(x)
        x = x.astype(self._value.dtype)
        if idx is Ellipsis or idx == ():
            self._value = x
        else:
            self._value = self._value.at[idx].set(x)

    def unsafe_buffer_pointer(self):
        return id(self._value)

    def __repr__(self):
        text = repr(self._value)
        if text.startswith("Array("):
            return "Ref(" + text[6:]
        return "Ref(" + text + ")"


def new_ref(init_val, *, memory_space=None, kind=None):
    """A new jax.Ref holding init_val."""
    return Ref(init_val)


def freeze(ref):
    """The value a jax.Ref holds (JAX then forbids using the ref; Slope leaves it usable)."""
    return ref._value


_JAX = _JAX + ["Ref", "new_ref", "freeze"]


class _RefRow:
    """Example i's view of a ref under vmap: its row i along the leading axis."""

    def __init__(self, ref, i):
        self._ref = ref
        self._i = i

    @_py.property
    def shape(self):
        return self._ref.shape[1:]

    @_py.property
    def dtype(self):
        return self._ref.dtype

    def _full(self, idx):
        if idx is Ellipsis or idx == ():
            return (self._i,)
        if isinstance(idx, tuple):
            return (self._i,) + idx
        return (self._i, idx)

    def __getitem__(self, idx):
        return self._ref[self._full(idx)]

    def __setitem__(self, idx, x):
        self._ref[self._full(idx)] = x

    def __repr__(self):
        return "Ref(" + repr(self._ref[self._i])[6:]


def _vmap_refs(f, in_axes, out_axes, args):
    """vmap with jax.Ref arguments: f runs once per example; a mapped ref (in_axes 0) gives each
    example its own row, an unmapped one (None) is shared; array arguments are sliced along
    their axis; the results are stacked along out_axes (0 or None)."""
    axes = in_axes if isinstance(in_axes, (tuple, list)) else [in_axes] * len(args)
    n = None
    for a, ax in zip(args, axes):
        if ax is not None:
            size = a.shape[ax] if hasattr(a, "shape") else len(a)
            if n is not None and size != n:
                raise ValueError(f"vmap got inconsistent sizes for the mapped axis: {n} and {size}")
            n = size
    if n is None:
        raise ValueError("vmap must have at least one non-None value in in_axes")
    results = []
    for i in range(n):
        call = []
        for a, ax in zip(args, axes):
            if ax is None:
                call.append(a)
            elif isinstance(a, Ref):
                if ax != 0:
                    raise NotImplementedError("Slope maps a jax.Ref argument along axis 0 only")
                call.append(_RefRow(a, i))
            else:
                call.append(_tu.tree_map(lambda v: take(v, i, axis=ax), a))
        results.append(f(*call))
    if results[0] is None:
        return None
    if out_axes is None:
        return results[0]
    return _tu.tree_map(lambda *rows: stack(rows, axis=out_axes), *results)


_JAX = _JAX + ["_vmap_refs"]

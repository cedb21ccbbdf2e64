"""flax.linen: Flax's Module API written in Slope, with Flax's parameter names, tree layout and
initial values for the same key.

A Module subclass is a dataclass of its annotated fields (plus `parent` and `name`). Its
variables live in a scope that `init`/`apply` bind: a clone of the module is made with the root
scope as parent, submodules get child scopes named by attribute (assigned in `setup`) or
`ClassName_N` (created inline in a `@compact` method), and `self.param` reads the given variable
or, in `init`, draws it from the 'params' PRNG sequence folded with the module's path (see
flax.core)."""

import functools
import jax
import jax.numpy as jnp
import jax.lax as lax
import flax.core as _core
import flax.linen.initializers as initializers
from flax.core import (
    FlaxError,
    Scope,
    Variable,
    DenyList,
    AssignSubModuleError,
    SetAttributeFrozenModuleError,
    CallCompactUnboundModuleError,
    CallSetupUnboundModuleError,
    MultipleMethodsCompactError,
    NameInUseError,
    InvalidRngError,
)
from jax.nn import (
    relu,
    relu6,
    gelu,
    sigmoid,
    softplus,
    soft_sign,
    silu,
    log_sigmoid,
    elu,
    celu,
    selu,
    leaky_relu,
    hard_tanh,
    hard_sigmoid,
    hard_silu,
    glu,
    softmax,
    log_softmax,
    logsumexp,
    one_hot,
    standardize,
)

swish = silu
hard_swish = hard_silu
tanh = jnp.tanh


def initializer_default_kernel():
    """lecun_normal(): the default kernel initializer of Dense and Conv."""
    return initializers.lecun_normal()


# ---------------------------------------------------------------------------------------------
# Module machinery.

class _Context:
    """The module whose setup or method is running (a class attribute: traces under jax.jit
    do not note class attributes as outside reads, so a cached trace stays valid)."""

    top = None




class _Unspecified:
    def __repr__(self):
        return "_unspecified_parent"


_unspecified_parent = _Unspecified()


class _ModuleState:
    def __init__(self):
        self.in_compact_method = False
        self.in_setup = False
        self.setup_called = False
        self.is_initialized = False
        self.autoname_cursor = {}
        self.children = {}

    def reset(self):
        self.in_compact_method = False
        self.in_setup = False
        self.autoname_cursor = {}


def compact(fun):
    """Marks a Module's one method in which submodules and parameters are created inline.

    >>> class MLP(nn.Module):
    ...     @nn.compact
    ...     def __call__(self, x):
    ...         x = nn.relu(nn.Dense(3)(x))
    ...         return nn.Dense(2)(x)
    >>> v = MLP().init(jax.random.key(0), jnp.ones((1, 4)))
    >>> print(list(v['params']))
    ['Dense_0', 'Dense_1']
    """
    fun.compact = True
    return fun


def nowrap(fun):
    """Marks a Module method that is not wrapped (it runs without the module's context)."""
    fun.nowrap = True
    return fun


def _is_function(v):
    return type(v).__name__ == "function"


def _class_fields(cls):
    """The (name, default) of cls's dataclass fields in order, the bases' first."""
    fields = {}
    for base in reversed(cls.__mro__):
        ann = base.__dict__.get("__annotations__", {})
        for name, t in ann.items():
            ts = t.strip() if isinstance(t, str) else ""
            if ts.startswith("ClassVar") or ts.startswith("typing.ClassVar") or ts.startswith("t.ClassVar"):
                continue
            if name in ("parent", "name"):
                continue
            fields[name] = base.__dict__.get(name, _MISSING)
    return list(fields.items())


class _Missing:
    def __repr__(self):
        return "MISSING"


_MISSING = _Missing()


def _wrap_method(fun):
    @functools.wraps(fun)
    def wrapped(self, *args, **kwargs):
        return self._call_wrapped_method(fun, args, kwargs)

    if getattr(fun, "compact", False):
        wrapped.compact = True
    wrapped._flax_wrapped = True
    return wrapped


def _map_modules(fn, x, suffix=""):
    if isinstance(x, Module):
        return fn(suffix, x)
    if isinstance(x, list):
        return [_map_modules(fn, v, f"{suffix}_{i}") for i, v in enumerate(x)]
    if isinstance(x, tuple) and not hasattr(x, "_fields"):
        return tuple([_map_modules(fn, v, f"{suffix}_{i}") for i, v in enumerate(x)])
    if isinstance(x, dict):
        return {k: _map_modules(fn, v, f"{suffix}_{k}") for k, v in x.items()}
    return x


def _has_module(x):
    if isinstance(x, Module):
        return True
    if isinstance(x, (list, tuple)):
        return any(_has_module(v) for v in x)
    if isinstance(x, dict):
        return any(_has_module(v) for v in x.values())
    return False


def _is_key(x):
    return hasattr(x, "shape") and tuple(x.shape) == (2,)


class Module:
    """The base class of Flax's layers and models.

    Subclasses declare their hyperparameters as annotated fields (a dataclass) and define their
    submodules in `setup()` or inline in a `@nn.compact` method; `init(key, *args)` returns the
    variables ({'params': ...}) and `apply(variables, *args)` runs the module on them.

    >>> class Linear(nn.Module):
    ...     features: int
    ...     @nn.compact
    ...     def __call__(self, x):
    ...         w = self.param('w', nn.initializers.ones, (x.shape[-1], self.features))
    ...         return x @ w
    >>> m = Linear(2)
    >>> v = m.init(jax.random.key(0), jnp.ones((1, 3)))
    >>> print(m.apply(v, jnp.ones((1, 3))))
    [[3. 3.]]
    """

    def __init_subclass__(cls, **kwargs):
        compacts = [n for n, v in cls.__dict__.items() if _is_function(v) and getattr(v, "compact", False)]
        if len(compacts) > 1:
            raise MultipleMethodsCompactError()
        own_fields = cls.__dict__.get("__annotations__", {})
        for n, v in list(cls.__dict__.items()):
            if n in own_fields or not _is_function(v) or getattr(v, "nowrap", False) or getattr(v, "_flax_wrapped", False):
                continue
            if n == "setup" or (n.startswith("__") and n != "__call__") or n.startswith("_flax"):
                continue
            setattr(cls, n, _wrap_method(v))
        setattr(cls, "_flax_fields", _class_fields(cls))

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = cls.__dict__.get("_flax_fields")
        if fields is None:
            fields = _class_fields(cls)
        object.__setattr__(self, "_state", _ModuleState())
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}.__init__() takes {len(fields) + 1} positional arguments but {len(args) + 1} were given")
        names = [f[0] for f in fields]
        for k in kwargs:
            if k not in names and k not in ("parent", "name"):
                raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword argument '{k}'")
        missing = []
        for i, (name, default) in enumerate(fields):
            if i < len(args):
                if name in kwargs:
                    raise TypeError(f"{cls.__name__}.__init__() got multiple values for argument '{name}'")
                v = args[i]
            elif name in kwargs:
                v = kwargs[name]
            elif default is not _MISSING:
                v = default
            else:
                missing.append(name)
                continue
            object.__setattr__(self, name, v)
        if missing:
            s = "s" if len(missing) > 1 else ""
            q = [repr(m) for m in missing]
            listed = q[0] if len(q) == 1 else (f"{q[0]} and {q[1]}" if len(q) == 2 else ", ".join(q[:-1]) + f", and {q[-1]}")
            raise TypeError(f"{cls.__name__}.__init__() missing {len(missing)} required positional argument{s}: {listed}")
        object.__setattr__(self, "parent", kwargs.get("parent", _unspecified_parent))
        object.__setattr__(self, "name", kwargs.get("name", None))
        object.__setattr__(self, "scope", None)
        self.__post_init__()

    def __post_init__(self):
        object.__setattr__(self, "_state", _ModuleState())
        if self.parent is _unspecified_parent:
            object.__setattr__(self, "parent", _Context.top)
        if self.parent is None:
            return
        if isinstance(self.parent, Module):
            parent = self.parent
            if parent._state.in_setup and self.name is None:
                return
            if not parent._initialization_allowed():
                # help: create submodules in setup() or in the method marked @nn.compact
                raise AssignSubModuleError(type(self).__name__)
            if self.name is None:
                prefix = type(self).__name__
                cursor = parent._state.autoname_cursor.get(prefix, 0)
                object.__setattr__(self, "name", f"{prefix}_{cursor}")
                parent._state.autoname_cursor[prefix] = cursor + 1
            if parent.scope.name_reserved(self.name):
                raise NameInUseError("submodule", self.name, type(parent).__name__)
            parent._state.children[self.name] = self
            object.__setattr__(self, "scope", parent.scope.push(self.name))
        elif isinstance(self.parent, Scope):
            object.__setattr__(self, "scope", self.parent)
        else:
            raise ValueError("parent must be None, Module or Scope")
        if self.scope is not None:
            for fname, _ in type(self).__dict__.get("_flax_fields", None) or _class_fields(type(self)):
                self._register_submodules(fname, getattr(self, fname))
        self._state.is_initialized = True

    def _initialization_allowed(self):
        # Before the end of __post_init__, submodules given as fields are adopted.
        return not self._state.is_initialized or self._state.in_setup or self._state.in_compact_method

    def __setattr__(self, name, val):
        if not self._state.in_setup:
            if not self._state.is_initialized or name.startswith("__"):
                object.__setattr__(self, name, val)
                return
            # help: Modules are frozen dataclasses: use module.clone(field=value), or assign in setup()
            raise SetAttributeFrozenModuleError(type(self).__name__, name, val)
        self._register_submodules(name, val)

    def __getattr__(self, name):
        if name.startswith("_") and name != "__call__":
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        state = self.__dict__.get("_state")
        if state is not None and self.__dict__.get("scope") is not None and not state.in_setup and not state.setup_called:
            self._try_setup()
            if name in self.__dict__:
                return self.__dict__[name]
        raise AttributeError(f'"{type(self).__name__}" object has no attribute "{name}".')

    def _register_submodules(self, name, val):
        queue = []

        def adopt(suffix, sub):
            if sub.parent is None:
                sub = sub.clone(name=None)
            if sub.name is None:
                object.__setattr__(sub, "parent", self)
                object.__setattr__(sub, "name", f"{name}{suffix}")
                queue.append(sub)
            return sub

        if _has_module(val):
            val = _map_modules(adopt, val)
        object.__setattr__(self, name, val)
        for x in queue:
            x.__post_init__()

    def _try_setup(self):
        if self.scope is not None and not self._state.in_setup and not self._state.setup_called:
            self._state.setup_called = True
            self._call_wrapped_method(type(self).setup, (), {})

    def _call_wrapped_method(self, fun, args, kwargs):
        is_compact = getattr(fun, "compact", False)
        is_setup = fun.__name__ == "setup"
        is_recurrent = False
        if is_setup:
            if self.scope is None:
                # help: setup runs by itself inside init/apply; bind the module with model.bind(variables) to use it interactively
                raise CallSetupUnboundModuleError()
            is_recurrent = self._state.in_setup
            self._state.in_setup = True
        else:
            self._try_setup()
        if is_compact:
            if self.scope is None:
                # help: run it through init/apply: variables = model.init(key, x); y = model.apply(variables, x)
                raise CallCompactUnboundModuleError()
            is_recurrent = self._state.in_compact_method
            self._state.in_compact_method = True
        outer = _Context.top
        _Context.top = self
        try:
            return fun(self, *args, **kwargs)
        finally:
            _Context.top = outer
            if is_compact:
                object.__setattr__(self, "scope", self.scope.rewound())
            if (is_compact or is_setup) and not is_recurrent:
                self._state.reset()

    def setup(self):
        """Defines the submodules and variables of a Module; runs lazily once it is bound."""
        pass

    @nowrap
    def clone(self, *, parent=None, **updates):
        """A copy of the module with the same fields, `updates` applied, unbound (or under `parent`)."""
        attrs = {n: getattr(self, n) for n, _ in type(self)._flax_fields}
        attrs.update(updates)
        if "name" not in attrs:
            attrs["name"] = None
        return type(self)(parent=parent, **attrs)

    def __repr__(self):
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n, _ in type(self)._flax_fields if not _is_function(getattr(self, n)))
        return f"{type(self).__name__}({fields})"

    # Variables.

    def _check_bound(self):
        if self.scope is None:
            raise ValueError("Can't access variables on unbound modules")

    def param(self, name, init_fn, *init_args, unbox=True, **init_kwargs):
        """A parameter of this module: its value in apply, or init_fn(key, *init_args) in init.

        Only in `setup()` or a `@compact` method."""
        self._check_bound()
        if not self._initialization_allowed():
            # help: create parameters in setup() or in the method marked @nn.compact
            raise ValueError("Parameters must be initialized in `setup()` or in a method wrapped in `@compact`")
        if name in self._state.children:
            raise NameInUseError("param", name, type(self).__name__)
        v = self.scope.param(name, init_fn, *init_args, **init_kwargs)
        self._state.children[name] = "params"
        return v

    def variable(self, col, name, init_fn=None, *init_args, unbox=True, **init_kwargs):
        """A Variable of collection `col` (read/write `.value`), created by init_fn(*init_args)."""
        self._check_bound()
        if not self._initialization_allowed():
            raise ValueError("Variables must be initialized in `setup()` or in a method wrapped in `@compact`")
        if name in self._state.children:
            raise NameInUseError("variable", name, type(self).__name__)
        v = self.scope.variable(col, name, init_fn, *init_args, **init_kwargs)
        self._state.children[name] = col
        return v

    def has_variable(self, col, name):
        """Whether variable `name` of collection `col` exists."""
        self._check_bound()
        return self.scope.has_variable(col, name)

    def get_variable(self, col, name, default=None):
        """The value of variable `name` of `col`, or `default`."""
        self._check_bound()
        return self.scope.get_variable(col, name, default)

    def put_variable(self, col, name, value):
        """Sets variable `name` of collection `col` (which must be mutable)."""
        self._check_bound()
        self.scope.put_variable(col, name, value)

    def is_mutable_collection(self, col):
        """Whether collection `col` may be changed in this init/apply."""
        self._check_bound()
        return self.scope.is_mutable_collection(col)

    def has_rng(self, name):
        """Whether a PRNG sequence `name` was given to init/apply."""
        self._check_bound()
        return self.scope.has_rng(name)

    def make_rng(self, name="params"):
        """A new key from the PRNG sequence `name` (e.g. 'dropout', passed as rngs={'dropout': key})."""
        if self.scope is None:
            raise ValueError("Can't use RNGs on unbound modules")
        return self.scope.make_rng(name)

    def is_initializing(self):
        """True inside `init`."""
        self._check_bound()
        return self.scope.get_flag("initializing", False)

    @property
    def variables(self):
        """The variables of this bound module, by collection."""
        self._check_bound()
        out = {}
        for col in self.scope.root.variables:
            d = self.scope._collection(col)
            if d is not None:
                out[col] = d
        return out

    # init / apply.

    @nowrap
    def _run(self, variables, rngs, method, mutable, initializing, args, kwargs):
        if rngs is None:
            rngs = {}
        elif not isinstance(rngs, dict):
            if not _is_key(rngs):
                raise InvalidRngError("RNGs should be of shape (2,) or PRNGKey in Module " + type(self).__name__ + f", but rngs are: {rngs}")
            rngs = {"params": rngs}
        for k, r in rngs.items():
            if not isinstance(k, str) or not _is_key(r):
                raise InvalidRngError("rngs should be a dictionary mapping strings to `jax.PRNGKey`.")
        if not isinstance(variables, dict):
            raise TypeError(f"Expected the variables to be a dict of collections (e.g. {{'params': ...}}), got {type(variables).__name__}")
        scope = _core._root_scope(variables, rngs, mutable, initializing)
        module = self.clone(parent=scope, name=self.name)
        if method is None:
            fn = type(module).__call__
        elif isinstance(method, str):
            fn = getattr(type(module), method)
        else:
            fn = method
        y = fn(module, *args, **kwargs)
        return y, scope.mutable_variables()

    @nowrap
    def init_with_output(self, rngs, *args, method=None, mutable=DenyList("intermediates"), capture_intermediates=False, **kwargs):
        """(output, variables) of running the module in init mode."""
        if not isinstance(rngs, dict):
            if not _is_key(rngs):
                raise ValueError("First argument passed to an init function should be a ``jax.PRNGKey`` or a dictionary mapping strings to ``jax.PRNGKey``.")
            rngs = {"params": rngs}
        return self._run({}, rngs, method, mutable, True, args, kwargs)

    @nowrap
    def init(self, rngs, *args, method=None, mutable=DenyList("intermediates"), capture_intermediates=False, **kwargs):
        """The variables of the module, as init draws them: {'params': {...}, ...}.

        rngs is a key (the 'params' sequence) or a dict of keys; args are example inputs.

        >>> v = nn.Dense(3).init(jax.random.key(0), jnp.ones((1, 2)))
        >>> print(jax.tree_util.tree_map(jnp.shape, v))
        {'params': {'bias': (3,), 'kernel': (2, 3)}}
        """
        return self.init_with_output(rngs, *args, method=method, mutable=mutable, **kwargs)[1]

    @nowrap
    def apply(self, variables, *args, rngs=None, method=None, mutable=False, capture_intermediates=False, **kwargs):
        """Runs the module (its `__call__`, or `method`) on `variables`.

        Returns the output, or (output, updated collections) when `mutable` names collections
        (e.g. mutable=['batch_stats']); rngs={'dropout': key} gives PRNG sequences.

        >>> m = nn.Dense(2, kernel_init=nn.initializers.ones)
        >>> v = m.init(jax.random.key(0), jnp.ones((1, 2)))
        >>> print(m.apply(v, jnp.ones((1, 2))))
        [[2. 2.]]
        """
        y, mutated = self._run(variables, rngs, method, mutable, False, args, kwargs)
        if mutable is False:
            return y
        return y, mutated

    @nowrap
    def bind(self, variables, *args, rngs=None, mutable=False):
        """A copy of the module bound to `variables` (interactive use: call its methods directly)."""
        if rngs is not None and not isinstance(rngs, dict):
            rngs = {"params": rngs}
        scope = _core._root_scope(variables, rngs or {}, mutable, False)
        return self.clone(parent=scope, name=self.name)


def merge_param(name, a, b):
    """a or b, whichever is not None (a module attribute or the same call argument)."""
    if a is None and b is None:
        raise ValueError(f'Parameter "{name}" must be passed to the constructor or at call time.')
    if a is not None and b is not None:
        raise ValueError(f'Parameter "{name}" was passed to the constructor and at call time. Should be passed just once.')
    return b if a is None else a


# ---------------------------------------------------------------------------------------------
# Layers.


def _result_type(*arrs):
    """The dtype JAX promotes the arrays' dtypes to."""
    dts = [jnp.asarray(a).dtype for a in arrs]
    d = dts[0]
    for e in dts[1:]:
        if e != d:
            d = (jnp.zeros((), d) + jnp.zeros((), e)).dtype
    return d


def _is_integer_dtype(d):
    return str(d).startswith("int") or str(d).startswith("uint")


def _promote_dtype(*args, dtype=None):
    arrs = [a for a in args if a is not None]
    if dtype is None:
        dtype = _result_type(*arrs)
    return [None if a is None else jnp.asarray(a, dtype) for a in args]


class Dense(Module):
    """A linear layer y = x @ kernel + bias over the last axis of x.

    Fields: features, use_bias=True, dtype=None, param_dtype=float32, precision=None,
    kernel_init=lecun_normal(), bias_init=zeros. Parameters: 'kernel' (in, features), 'bias'.

    >>> v = nn.Dense(4).init(jax.random.key(0), jnp.ones((2, 3)))
    >>> print(v['params']['kernel'].shape, v['params']['bias'].shape)
    (3, 4) (4,)
    """

    features: int
    use_bias: bool = True
    dtype: object = None
    param_dtype: object = jnp.float32
    precision: object = None
    kernel_init: object = initializers.lecun_normal()
    bias_init: object = initializers.zeros_init()

    @compact
    def __call__(self, inputs):
        kernel = self.param("kernel", self.kernel_init, (jnp.shape(inputs)[-1], self.features), self.param_dtype)
        if self.use_bias:
            bias = self.param("bias", self.bias_init, (self.features,), self.param_dtype)
        else:
            bias = None
        inputs, kernel, bias = _promote_dtype(inputs, kernel, bias, dtype=self.dtype)
        y = lax.dot_general(inputs, kernel, (((inputs.ndim - 1,), (0,)), ((), ())), precision=self.precision)
        if bias is not None:
            y += jnp.reshape(bias, (1,) * (y.ndim - 1) + (-1,))
        return y


def _canonicalize_padding(padding, rank):
    if isinstance(padding, str):
        return padding
    if isinstance(padding, int):
        return [(padding, padding)] * rank
    if isinstance(padding, (list, tuple)) and len(padding) == rank:
        new_pad = []
        for p in padding:
            if isinstance(p, int):
                new_pad.append((p, p))
            elif isinstance(p, (tuple, list)) and len(p) == 2:
                new_pad.append(tuple(p))
            else:
                break
        if len(new_pad) == rank:
            return new_pad
    raise ValueError(f"Invalid padding format: {padding}, should be str, int, or a sequence of len {rank} where each element is an int or pair of ints.")


_DIMS = {1: ("NWC", "WIO", "NWC"), 2: ("NHWC", "HWIO", "NHWC"), 3: ("NDHWC", "DHWIO", "NDHWC")}


class Conv(Module):
    """A convolution over channels-last inputs (batch, *spatial, features), as Flax's nn.Conv.

    Fields: features, kernel_size (int or tuple), strides=1, padding='SAME' ('VALID', 'CIRCULAR',
    'CAUSAL', an int or (low, high) pairs), input_dilation=1, kernel_dilation=1,
    feature_group_count=1, use_bias=True, kernel_init=lecun_normal(), bias_init=zeros.
    Parameters: 'kernel' (*kernel_size, in // groups, features), 'bias' (features,).

    >>> v = nn.Conv(8, (3, 3)).init(jax.random.key(0), jnp.ones((1, 5, 5, 2)))
    >>> print(v['params']['kernel'].shape)
    (3, 3, 2, 8)
    """

    features: int
    kernel_size: object
    strides: object = 1
    padding: object = "SAME"
    input_dilation: object = 1
    kernel_dilation: object = 1
    feature_group_count: int = 1
    use_bias: bool = True
    mask: object = None
    dtype: object = None
    param_dtype: object = jnp.float32
    precision: object = None
    kernel_init: object = initializers.lecun_normal()
    bias_init: object = initializers.zeros_init()

    @compact
    def __call__(self, inputs):
        if isinstance(self.kernel_size, int):
            kernel_size = (self.kernel_size,)
        else:
            kernel_size = tuple(self.kernel_size)

        def maybe_broadcast(x):
            if x is None:
                x = 1
            if isinstance(x, int):
                return (x,) * len(kernel_size)
            return tuple(x)

        num_batch_dimensions = inputs.ndim - (len(kernel_size) + 1)
        if num_batch_dimensions != 1:
            input_batch_shape = tuple(inputs.shape[:num_batch_dimensions])
            inputs = jnp.reshape(inputs, (-1,) + tuple(inputs.shape[num_batch_dimensions:]))
        strides = maybe_broadcast(self.strides)
        input_dilation = maybe_broadcast(self.input_dilation)
        kernel_dilation = maybe_broadcast(self.kernel_dilation)
        padding_lax = _canonicalize_padding(self.padding, len(kernel_size))
        if padding_lax in ("CIRCULAR", "REFLECT"):
            kernel_size_dilated = [(k - 1) * d + 1 for k, d in zip(kernel_size, kernel_dilation)]
            pads = [(0, 0)] + [((k - 1) // 2, k // 2) for k in kernel_size_dilated] + [(0, 0)]
            inputs = jnp.pad(inputs, pads, mode={"CIRCULAR": "wrap", "REFLECT": "reflect"}[padding_lax])
            padding_lax = "VALID"
        elif padding_lax == "CAUSAL":
            if len(kernel_size) != 1:
                raise ValueError("Causal padding is only implemented for 1D convolutions.")
            left_pad = kernel_dilation[0] * (kernel_size[0] - 1)
            inputs = jnp.pad(inputs, [(0, 0), (left_pad, 0), (0, 0)])
            padding_lax = "VALID"
        in_features = jnp.shape(inputs)[-1]
        if in_features % self.feature_group_count != 0:
            raise ValueError(f"Input features {in_features} must be divisible by feature_group_count {self.feature_group_count}.")
        kernel_shape = kernel_size + (in_features // self.feature_group_count, self.features)
        if self.mask is not None and tuple(self.mask.shape) != kernel_shape:
            raise ValueError(f"Mask needs to have the same shape as weights. Shapes are: {tuple(self.mask.shape)}, {kernel_shape}")
        kernel = self.param("kernel", self.kernel_init, kernel_shape, self.param_dtype)
        if self.mask is not None:
            kernel *= self.mask
        if self.use_bias:
            bias = self.param("bias", self.bias_init, (self.features,), self.param_dtype)
        else:
            bias = None
        inputs, kernel, bias = _promote_dtype(inputs, kernel, bias, dtype=self.dtype)
        if len(kernel_size) not in _DIMS:
            raise ValueError(f"Conv supports 1 to 3 spatial dimensions, got kernel_size {kernel_size}")
        y = lax.conv_general_dilated(
            inputs,
            kernel,
            strides,
            padding_lax,
            lhs_dilation=input_dilation,
            rhs_dilation=kernel_dilation,
            dimension_numbers=_DIMS[len(kernel_size)],
            feature_group_count=self.feature_group_count,
            precision=self.precision,
        )
        if self.use_bias:
            bias = bias.reshape((1,) * (y.ndim - bias.ndim) + tuple(bias.shape))
            y += bias
        if num_batch_dimensions != 1:
            y = jnp.reshape(y, input_batch_shape + tuple(y.shape[1:]))
        return y


class Embed(Module):
    """A lookup table of num_embeddings vectors of size features (parameter 'embedding').

    `attend(query)` is the dot product of query with every embedding.

    >>> m = nn.Embed(10, 4)
    >>> v = m.init(jax.random.key(0), jnp.array([1, 2]))
    >>> print(m.apply(v, jnp.array([[1, 2]])).shape)
    (1, 2, 4)
    """

    num_embeddings: int
    features: int
    dtype: object = None
    param_dtype: object = jnp.float32
    embedding_init: object = initializers.variance_scaling(1.0, "fan_in", "normal", out_axis=0)

    def setup(self):
        self.embedding = self.param("embedding", self.embedding_init, (self.num_embeddings, self.features), self.param_dtype)

    def __call__(self, inputs):
        if not _is_integer_dtype(inputs.dtype):
            raise ValueError("Input type must be an integer or unsigned integer.")
        embedding = self.embedding if self.dtype is None else jnp.asarray(self.embedding, self.dtype)
        if self.num_embeddings == 1:
            return jnp.broadcast_to(embedding, tuple(inputs.shape) + (self.features,))
        return jnp.take(embedding, inputs, axis=0)

    def attend(self, query):
        """query @ embedding.T: the logits of every embedding for the query vectors."""
        query, embedding = _promote_dtype(query, self.embedding, dtype=self.dtype)
        return jnp.dot(query, embedding.T)


def _canonicalize_axes(rank, axes):
    if not isinstance(axes, (list, tuple)):
        axes = (axes,)
    return tuple(sorted(set(rank + a if a < 0 else a for a in axes)))


def _compute_stats(x, axes, dtype, use_mean=True, use_fast_variance=True, mask=None):
    if dtype is None:
        dtype = x.dtype
    if jnp.dtype(dtype) != jnp.float64:
        dtype = jnp.float32
    x = jnp.asarray(x, dtype)
    axes = _canonicalize_axes(x.ndim, axes)

    def mean(v):
        if mask is None:
            return v.mean(axes)
        return v.mean(axes, where=jnp.asarray(mask, dtype=bool))

    if use_mean:
        if use_fast_variance:
            mu = mean(x)
            mu2 = mean(x * x)
            var = jnp.maximum(0.0, mu2 - mu * mu)
        else:
            mu = mean(x)
            d = x - jnp.expand_dims(mu, axes)
            var = mean(d * d)
    else:
        var = mean(x * x)
        mu = jnp.zeros_like(var)
    return mu, var


def _normalize(mdl, x, mean, var, reduction_axes, feature_axes, dtype, param_dtype, epsilon, use_bias, use_scale, bias_init, scale_init):
    reduction_axes = _canonicalize_axes(x.ndim, reduction_axes)
    feature_axes = _canonicalize_axes(x.ndim, feature_axes)
    feature_shape = [1] * x.ndim
    reduced_feature_shape = []
    for ax in feature_axes:
        feature_shape[ax] = x.shape[ax]
        reduced_feature_shape.append(x.shape[ax])
    mean = jnp.expand_dims(mean, reduction_axes)
    var = jnp.expand_dims(var, reduction_axes)
    y = x - mean
    mul = lax.rsqrt(var + epsilon)
    args = [x]
    if use_scale:
        scale = mdl.param("scale", scale_init, tuple(reduced_feature_shape), param_dtype).reshape(feature_shape)
        mul *= scale
        args.append(scale)
    y *= mul
    if use_bias:
        bias = mdl.param("bias", bias_init, tuple(reduced_feature_shape), param_dtype).reshape(feature_shape)
        y += bias
        args.append(bias)
    if dtype is None:
        dtype = _result_type(*args)
    return jnp.asarray(y, dtype)


class LayerNorm(Module):
    """Layer normalisation over the last axis (reduction_axes): (x - mean) / sqrt(var + epsilon)
    * scale + bias, with parameters 'scale' (ones) and 'bias' (zeros).

    Fields: epsilon=1e-6, dtype=None, param_dtype=float32, use_bias=True, use_scale=True,
    bias_init=zeros, scale_init=ones, reduction_axes=-1, feature_axes=-1, use_fast_variance=True.

    >>> m = nn.LayerNorm()
    >>> x = jnp.array([[1.0, 2.0, 3.0]])
    >>> print(m.apply(m.init(jax.random.key(0), x), x).round(3))
    [[-1.225  0.     1.225]]
    """

    epsilon: float = 1e-6
    dtype: object = None
    param_dtype: object = jnp.float32
    use_bias: bool = True
    use_scale: bool = True
    bias_init: object = initializers.zeros
    scale_init: object = initializers.ones
    reduction_axes: object = -1
    feature_axes: object = -1
    axis_name: object = None
    axis_index_groups: object = None
    use_fast_variance: bool = True

    @compact
    def __call__(self, x, *, mask=None):
        mean, var = _compute_stats(x, self.reduction_axes, self.dtype, use_fast_variance=self.use_fast_variance, mask=mask)
        return _normalize(self, x, mean, var, self.reduction_axes, self.feature_axes, self.dtype, self.param_dtype, self.epsilon, self.use_bias, self.use_scale, self.bias_init, self.scale_init)


class BatchNorm(Module):
    """Batch normalisation over every axis but `axis`, keeping running averages in the
    'batch_stats' collection ('mean', 'var'); parameters 'scale' and 'bias'.

    With use_running_average=False the batch's statistics are used and the running ones updated
    (apply with mutable=['batch_stats']); with True the running ones are used.

    >>> m = nn.BatchNorm(use_running_average=False)
    >>> x = jnp.array([[1.0], [3.0]])
    >>> v = m.init(jax.random.key(0), x)
    >>> y, upd = m.apply(v, x, mutable=['batch_stats'])
    >>> print(upd['batch_stats']['mean'])
    [0.02]
    """

    use_running_average: object = None
    axis: int = -1
    momentum: float = 0.99
    epsilon: float = 1e-5
    dtype: object = None
    param_dtype: object = jnp.float32
    use_bias: bool = True
    use_scale: bool = True
    bias_init: object = initializers.zeros
    scale_init: object = initializers.ones
    axis_name: object = None
    axis_index_groups: object = None
    use_fast_variance: bool = True

    @compact
    def __call__(self, x, use_running_average=None, *, mask=None):
        use_running_average = merge_param("use_running_average", self.use_running_average, use_running_average)
        feature_axes = _canonicalize_axes(x.ndim, self.axis)
        reduction_axes = tuple(i for i in range(x.ndim) if i not in feature_axes)
        feature_shape = [x.shape[ax] for ax in feature_axes]
        ra_mean = self.variable("batch_stats", "mean", lambda s: jnp.zeros(s, jnp.float32), tuple(feature_shape))
        ra_var = self.variable("batch_stats", "var", lambda s: jnp.ones(s, jnp.float32), tuple(feature_shape))
        if use_running_average:
            mean, var = ra_mean.value, ra_var.value
        else:
            mean, var = _compute_stats(x, reduction_axes, self.dtype, use_fast_variance=self.use_fast_variance, mask=mask)
            if not self.is_initializing():
                ra_mean.value = self.momentum * ra_mean.value + (1 - self.momentum) * mean
                ra_var.value = self.momentum * ra_var.value + (1 - self.momentum) * var
        return _normalize(self, x, mean, var, reduction_axes, feature_axes, self.dtype, self.param_dtype, self.epsilon, self.use_bias, self.use_scale, self.bias_init, self.scale_init)


class Dropout(Module):
    """Zeroes each input with probability `rate` and scales the rest by 1 / (1 - rate), drawing
    from the 'dropout' PRNG sequence (apply(..., rngs={'dropout': key})); the identity when
    deterministic (a field or a call argument).

    >>> m = nn.Dropout(0.5, deterministic=True)
    >>> print(m.apply({}, jnp.ones(3)))
    [1. 1. 1.]
    """

    rate: float
    broadcast_dims: object = ()
    deterministic: object = None
    rng_collection: str = "dropout"

    @compact
    def __call__(self, inputs, deterministic=None, rng=None):
        deterministic = merge_param("deterministic", self.deterministic, deterministic)
        if (self.rate == 0.0) or deterministic:
            return inputs
        if self.rate == 1.0:
            return jnp.zeros_like(inputs)
        keep_prob = 1.0 - self.rate
        if rng is None:
            rng = self.make_rng(self.rng_collection)
        broadcast_shape = list(inputs.shape)
        for dim in self.broadcast_dims:
            broadcast_shape[dim] = 1
        mask = jax.random.bernoulli(rng, p=keep_prob, shape=tuple(broadcast_shape))
        mask = jnp.broadcast_to(mask, inputs.shape)
        return lax.select(mask, inputs / keep_prob, jnp.zeros_like(inputs))


class Sequential(Module):
    """Applies `layers` in order, each to the previous one's output (a tuple output is unpacked
    into the next call's arguments, a dict into its keyword arguments).

    >>> m = nn.Sequential([nn.Dense(3), nn.relu, nn.Dense(1)])
    >>> v = m.init(jax.random.key(0), jnp.ones((1, 2)))
    >>> print(list(v['params']))
    ['layers_0', 'layers_2']
    """

    layers: object

    def __call__(self, *args, **kwargs):
        if not self.layers:
            raise ValueError(f"Empty Sequential module {self.name}.")
        outputs = self.layers[0](*args, **kwargs)
        for layer in self.layers[1:]:
            if isinstance(outputs, tuple):
                outputs = layer(*outputs)
            elif isinstance(outputs, dict):
                outputs = layer(**outputs)
            else:
                outputs = layer(outputs)
        return outputs


# ---------------------------------------------------------------------------------------------
# Pooling.


def pool(inputs, init, reduce_fn, window_shape, strides, padding):
    """Reduces windows of the spatial axes of (batch, *spatial, features) inputs with reduce_fn."""
    window_shape = tuple(window_shape)
    num_batch_dims = inputs.ndim - (len(window_shape) + 1)
    strides = tuple(strides) if strides else (1,) * len(window_shape)
    if len(window_shape) != len(strides):
        raise ValueError(f"len({window_shape}) must equal len({strides})")
    strides = (1,) * num_batch_dims + strides + (1,)
    dims = (1,) * num_batch_dims + window_shape + (1,)
    is_single_input = False
    if num_batch_dims == 0:
        inputs = inputs[None]
        strides = (1,) + strides
        dims = (1,) + dims
        is_single_input = True
    if not isinstance(padding, str):
        padding = tuple(tuple(p) for p in padding)
        if len(padding) != len(window_shape):
            raise ValueError(f"padding {padding} must specify pads for same number of dims as window_shape {window_shape}")
        padding = ((0, 0),) * num_batch_dims + padding + ((0, 0),)
    y = lax.reduce_window(inputs, init, reduce_fn, dims, strides, padding)
    if is_single_input:
        y = jnp.squeeze(y, axis=0)
    return y


def avg_pool(inputs, window_shape, strides=None, padding="VALID", count_include_pad=True):
    """The mean of each window (window_shape over the spatial axes of channels-last inputs).

    >>> print(nn.avg_pool(jnp.arange(8.0).reshape(1, 4, 2, 1), (2, 2), (2, 2)).ravel())
    [1.5 5.5]
    """
    y = pool(inputs, 0.0, lax.add, window_shape, strides, padding)
    if count_include_pad:
        n = 1
        for w in window_shape:
            n *= w
        y = y / n
    else:
        div_shape = tuple(inputs.shape[:-1]) + (1,)
        if len(div_shape) - 2 == len(window_shape):
            div_shape = (1,) + div_shape[1:]
        y = y / pool(jnp.ones(div_shape), 0.0, lax.add, window_shape, strides, padding)
    return y


def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """The maximum of each window.

    >>> print(nn.max_pool(jnp.arange(8.0).reshape(1, 4, 2, 1), (2, 2), (2, 2)).ravel())
    [3. 7.]
    """
    return pool(inputs, -jnp.inf, lax.max, window_shape, strides, padding)


def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """The minimum of each window."""
    return pool(inputs, jnp.inf, lax.min, window_shape, strides, padding)

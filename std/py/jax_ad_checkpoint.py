"""jax.ad_checkpoint: checkpoint (remat), checkpoint_name and checkpoint_policies, and
saved_residuals / print_saved_residuals. Slope stores every residual, so checkpoint changes what
is saved in JAX only; values and gradients are the same. saved_residuals lists what Slope's
reverse mode saves, which is not always what JAX's saves (its linearization differs), and names
no source lines (Slope's IR keeps none)."""
import jax as _jax

checkpoint = _jax.checkpoint
remat = _jax.remat
checkpoint_policies = _jax.checkpoint_policies
checkpoint_name = _jax._checkpoint_name


_SHORT_DTYPES = {"float32": "f32", "float64": "f64", "float16": "f16", "bfloat16": "bf16", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64", "uint8": "u8", "uint16": "u16", "uint32": "u32", "uint64": "u64", "bool": "bool"}


class ShapedArray:
    """The shape and dtype of a saved residual (as JAX's abstract value prints)."""

    def __init__(self, shape, dtype):
        self.shape = tuple(shape)
        self.dtype = dtype
        self.ndim = len(self.shape)

    def str_short(self, short_dtypes=False, mesh_axis_types=False):
        d = _SHORT_DTYPES.get(self.dtype, self.dtype) if short_dtypes else self.dtype
        return d + "[" + ",".join(str(n) for n in self.shape) + "]"

    def __repr__(self):
        return "ShapedArray(" + self.str_short() + ")"

    def __str__(self):
        return self.str_short()


def _leaf_names(params, args):
    """The names JAX gives the flattened arguments: the parameter's name and the leaf's path."""
    names = []
    for i, a in enumerate(args):
        base = params[i] if params is not None and i < len(params) else None
        for path, _ in _jax.tree_util.tree_flatten_with_path(a)[0]:
            names.append(None if base is None else base + _jax.tree_util.keystr(path))
    return names


def saved_residuals(f, *args, **kwargs):
    """The residuals reverse mode saves when differentiating f at args: a list of
    (ShapedArray, where it comes from)."""
    found, params = _jax._saved_residuals(f, *args, **kwargs)
    names = _leaf_names(params, args)
    out = []
    for shape, dtype, kind, what in found:
        aval = ShapedArray(shape, dtype)
        if kind == "argument":
            src = f"from the argument {names[what]}" if names[what] else f"from the argument at flattened index {what}"
        elif kind == "constant":
            src = "from a constant"
        else:
            src = f"output of {what}"
        out.append((aval, src))
    return out


def print_saved_residuals(f, *args, **kwargs):
    """Print what reverse mode saves when differentiating f at args, one residual a line."""
    for aval, src in saved_residuals(f, *args, **kwargs):
        print(f"{aval.str_short(short_dtypes=True)} {src}")

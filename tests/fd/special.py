# stop_gradient, debug print, custom_vjp (and the linear rule it leaves in gradients),
# custom_jvp.
x = pts((3,), 1)
x0 = x * 1.0
check("stop_gradient", ["stop_gradient"], lambda x: np.sin(x) + lax.stop_gradient(x ** 2) * x, [x],
      fd_f=lambda x: np.sin(x) + x0 ** 2 * x)


def noisy(x):
    jax.debug.print("x0={a}", a=x[0])
    return np.tanh(x) * 2.0


check("debug_print", ["debug_print"], noisy, [x], order2=False)


@jax.custom_vjp
def log1pexp(x):
    return np.log1p(np.exp(x))


def l_fwd(x):
    return log1pexp(x), x


def l_bwd(x, g):
    return (g / (1.0 + np.exp(-x)),)


log1pexp.defvjp(l_fwd, l_bwd)
check("custom_vjp", ["custom_vjp_call", "custom_lin"], log1pexp, [x * 3.0], fwd=False)


@jax.custom_jvp
def softplus(x):
    return np.log1p(np.exp(x))


@softplus.defjvp
def softplus_jvp(primals, tangents):
    (x,) = primals
    (t,) = tangents
    return softplus(x), t / (1.0 + np.exp(-x))


check("custom_jvp", ["custom_jvp_call"], softplus, [x * 3.0])


# A host callback (numpy on the values, staged as `pure_callback`) with its derivative from
# custom_jvp (vmap calls it once on the batch), plus one on a constant (no derivative needed;
# shown in the IR, where custom_jvp_call hides the first).
@jax.custom_jvp
def host_softplus(x):
    return jax.pure_callback(lambda v: np.log1p(np.exp(np.asarray(v))), jax.ShapeDtypeStruct(x.shape, x.dtype), x, vmap_method="expand_dims")


@host_softplus.defjvp
def host_softplus_jvp(primals, tangents):
    (x,) = primals
    (t,) = tangents
    return host_softplus(x), t / (1.0 + np.exp(-x))


c0 = pts((3,), 5)
check("host_call", ["pure_callback"], lambda x: host_softplus(x) * jax.pure_callback(lambda v: np.cos(np.asarray(v)), jax.ShapeDtypeStruct(c0.shape, c0.dtype), c0),
      [x * 3.0], fd_f=lambda x: softplus(x) * np.cos(c0))

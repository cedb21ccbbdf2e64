# jax.config flags tutorials set: accepted, and the ones Slope can honour honoured
# (jax_debug_nans raises FloatingPointError naming the primitive, also under jit;
# jax_disable_jit runs jitted functions eagerly); unknown names are AttributeError.
# words: FloatingPointError AttributeError log sqrt div cpu highest allow off
import jax
import jax.numpy as jnp

for name, value in [("jax_platform_name", "cpu"), ("jax_platforms", "cpu"), ("jax_log_compiles", False),
                    ("jax_default_matmul_precision", "highest"), ("jax_numpy_rank_promotion", "allow"),
                    ("jax_traceback_filtering", "off")]:
    jax.config.update(name, value)
print(jax.config.jax_default_matmul_precision, jax.config.jax_platforms, jax.config.jax_numpy_rank_promotion)

jax.config.update("jax_debug_nans", True)
print(jax.config.jax_debug_nans, jnp.log(jnp.array(2.0)))
try:
    jnp.log(jnp.array([1.0, -1.0]))
except FloatingPointError as e:
    print("FloatingPointError", e)
f = jax.jit(lambda x: jnp.sqrt(x) * 2.0)
print(f(jnp.array(4.0)))
try:
    f(jnp.array(-1.0))
except FloatingPointError as e:
    print("FloatingPointError", e)
try:
    jax.grad(lambda x: jnp.sum(jnp.log(x)))(jnp.array([1.0, 2.0]))
    print("grad ok")
except FloatingPointError as e:
    print("FloatingPointError", e)
jax.config.update("jax_debug_nans", False)
print(jax.config.jax_debug_nans, f(jnp.array(-1.0)))

jax.config.update("jax_disable_jit", True)
g = jax.jit(lambda x: x + 1.0 if x > 0 else x - 1.0)
print(g(jnp.array(2.0)), g(jnp.array(-2.0)))
jax.config.update("jax_disable_jit", False)

for bad in ["jax_enable_x46", "jax_debug_nan", "jax_platform"]:
    try:
        jax.config.update(bad, True)
    except AttributeError as e:
        print("AttributeError")

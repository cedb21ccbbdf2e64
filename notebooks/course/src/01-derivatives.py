# Unit 1 of the autodiff course: derivatives as slopes.
# required_images: 3

# %% [markdown]
# # 1. Derivatives as slopes
#
# Automatic differentiation computes derivatives: exactly, and fast. Before we see how, this unit
# pins down *what* it computes, and what the alternative — finite differences — gets wrong.
#
# You will see:
#
# - a function f, its derivative f′ and the tangent line: the derivative is the slope of f;
# - `jax.grad`, which turns a Python function into the function that computes its derivative;
# - finite differences, the slope of a secant, and how their error behaves as the step h shrinks:
#   first it falls (truncation error), then it rises again (rounding error).
#
# Every cell runs in Slope. Change the code and run it again: that is the point of a notebook.

# %%
import numpy as np
import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import slope

# %% [markdown]
# ## A function and its slope
#
# Take f(x) = sin(x) · e^(−x²/8), a bump that wiggles. At every point x the graph of f has a
# direction: if you zoom in far enough, the curve looks like a straight line. The slope of that
# line is the derivative f′(x). Where f′ is zero, f is flat (a peak or a valley); where f′ is
# large, f climbs steeply.
#
# `slope.plot_grad` draws f, its derivative (computed by `jax.grad`) and a few tangent lines, each
# labelled with its slope.

# %%
def f(x):
    return jnp.sin(x) * jnp.exp(-x * x / 8)

slope.plot_grad(f, -4, 4, tangents=[-2.0, 0.0, 1.2])

# %% [markdown]
# Read the picture: at x = 0 the tangent is steep and the orange curve f′ is at its highest;
# near x ≈ 1.2 the tangent is almost flat and f′ crosses zero; that is where f peaks.
#
# ## `jax.grad` returns a function
#
# `jax.grad(f)` is a new Python function. Call it at a point and it returns f′ there. It does not
# approximate: it runs the chain rule on the operations f performed (units 2 and 3 show how).

# %%
df = jax.grad(f)
x0 = 1.0
print("f(1)  =", f(x0))
print("f'(1) =", df(x0))
# The same by hand, with the product rule: (sin x)' e^(-x²/8) + sin x · (e^(-x²/8))'
print("by hand:", np.cos(x0) * np.exp(-x0**2 / 8) + np.sin(x0) * np.exp(-x0**2 / 8) * (-x0 / 4))

# %% [markdown]
# ## Secants and finite differences
#
# Before calculus, a slope is "rise over run". Take a step h to the right of x0 and draw the line
# through (x0, f(x0)) and (x0 + h, f(x0 + h)), a *secant*. Its slope,
#
#     (f(x0 + h) − f(x0)) / h,
#
# is the *forward difference*. As h shrinks, the secant turns into the tangent.
# `slope.plot_tangent` draws the tangent (from `jax.grad`) and the secants for a few steps.

# %%
slope.plot_tangent(f, 1.0, h=[2.0, 1.0, 0.4])

# %% [markdown]
# The secant for h = 0.4 is already close to the tangent. So why not always use finite
# differences? Two reasons. Cost: a function of a million parameters needs a million extra
# evaluations, one per direction, while reverse mode gets the whole gradient for about the cost
# of one evaluation (unit 3). And accuracy, which we measure next.
#
# ## How accurate are finite differences?
#
# Compare the forward difference with the exact derivative for h = 10⁻¹, 10⁻², … 10⁻¹⁵,
# in 64-bit floats. We use f(x) = sin(x) at x0 = 1, where f′(x0) = cos(1).

# %%
hs = 10.0 ** -np.arange(1, 16)
x0 = 1.0
exact = np.cos(x0)
forward = (np.sin(x0 + hs) - np.sin(x0)) / hs
for h, fd in zip(hs[::2], forward[::2]):
    print(f"h = {h:.0e}   forward difference = {fd:.15f}   error = {abs(fd - exact):.1e}")

# %% [markdown]
# The error first shrinks by ten for every tenfold smaller h, then, below h ≈ 10⁻⁸, it grows
# again. Two errors pull in opposite directions:
#
# - **truncation error**: a secant is not a tangent. Taylor's formula
#   f(x + h) = f(x) + h f′(x) + h²/2 f″(x) + … shows the forward difference is off by about
#   h/2 · |f″(x)|, proportional to h.
# - **rounding error**: a float holds about 16 significant digits (float64; float32 about 7).
#   f(x + h) and f(x) agree in more and more digits as h shrinks, and subtracting them cancels
#   those digits: what is left is mostly noise of size ε·|f(x)|, and dividing by h blows it up to
#   about ε/h. Here ε ≈ 2.2 × 10⁻¹⁶ is the gap between 1 and the next float.
#
# The total, h/2 + ε/h, is smallest near h = √ε ≈ 10⁻⁸. The *central difference*
# (f(x + h) − f(x − h)) / 2h cancels the h² term of Taylor's formula too, so its truncation error
# is proportional to h², and its best h is larger. On a log-log plot each error is a straight
# line whose slope is the power of h.

# %%
central = (np.sin(x0 + hs) - np.sin(x0 - hs)) / (2 * hs)
eps = np.finfo(np.float64).eps
plt.figure(figsize=(6.4, 4.4))
plt.loglog(hs, np.abs(forward - exact) + 1e-20, "o-", label="forward difference")
plt.loglog(hs, np.abs(central - exact) + 1e-20, "s-", label="central difference")
plt.loglog(hs, hs / 2 * np.sin(x0), "k--", label="truncation ≈ h/2·|f″|")
plt.loglog(hs, eps / hs, "k:", label="rounding ≈ ε/h")
plt.xlabel("step h")
plt.ylabel("|error|")
plt.ylim(1e-17, 1)
plt.title("finite differences of sin at 1 (float64)")
plt.legend()
plt.grid(True)

# %% [markdown]
# The forward difference (blue) follows the dashed truncation line down to h ≈ 10⁻⁸ and then the
# dotted rounding line up again; its best error is about 10⁻⁸, half the digits of a float64.
# The central difference falls twice as fast and bottoms out near h ≈ 10⁻⁵ with about 10⁻¹¹.
# `jax.grad` has neither error: its answer is as accurate as the function's own evaluation.

# %%
print("jax.grad:", jax.grad(jnp.sin)(1.0), " cos(1):", np.cos(1.0))
print("float32 epsilon:", np.finfo(np.float32).eps, " float64 epsilon:", np.finfo(np.float64).eps)

# %% [markdown]
# ## Exercise: the central difference
#
# Write `central_difference(f, x, h)`, the slope of the secant through x − h and x + h. The check
# below compares it with the exact derivative of sin at 1 with h = 10⁻⁴: a central difference is
# within about 10⁻⁹ there, a forward difference only within about 4 × 10⁻⁵.

# %% [answer]
def central_difference(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)

# %% [wrong]
def central_difference(f, x, h):
    return (f(x + h) - f(x)) / h

# %% [check]
approx = central_difference(np.sin, 1.0, 1e-4)
err = abs(approx - np.cos(1.0))
assert err < 1e-8, f"Hint: the error is {err:.1e}, the size of a forward difference's; use both f(x + h) and f(x - h), and divide by the distance between them, 2h"
assert abs(central_difference(lambda x: x**3, 2.0, 1e-3) - 12.0) < 1e-5, "Hint: the slope of x³ at 2 is 12"
print("correct: error", err)

# %% [markdown]
# ## Finite differences as a test
#
# Too inaccurate to compute gradients with, finite differences are good enough to *test* them.
# `slope.check_grads(f, args, order=2)` (JAX's `jax.test_util.check_grads`) compares the
# forward-mode and reverse-mode derivatives of f up to the given order with central differences
# along random directions, with tolerances that allow for the errors measured above. It returns
# nothing when they agree:

# %%
slope.check_grads(f, (1.0,), order=2)
print("the first and second derivatives of f agree with finite differences")

# %% [markdown]
# When they disagree, it raises an `AssertionError` that says which derivative is off. Here is a
# sine whose derivative rule was written wrong (sin instead of cos) with `jax.custom_jvp`, the way
# a library defines the derivative of a new primitive:

# %%
@jax.custom_jvp
def my_sin(x):
    return jnp.sin(x)

@my_sin.defjvp
def my_sin_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return jnp.sin(x), jnp.sin(x) * t   # should be jnp.cos(x) * t

try:
    slope.check_grads(my_sin, (1.0,), order=1)
except AssertionError as e:
    print(e)

# %% [markdown]
# ## What to take away
#
# - The derivative is the slope of the tangent; `jax.grad(f)` is the function x ↦ f′(x).
# - Finite differences approximate it with a secant. Their error is truncation (∝ h or h²) plus
#   rounding (∝ ε/h): there is a best h, and even there you lose half the digits or more.
# - Autodiff gives the derivative to working precision, by the chain rule; finite differences
#   remain the way to test it (`slope.check_grads`). Unit 2 draws the graph that the chain rule
#   runs on.

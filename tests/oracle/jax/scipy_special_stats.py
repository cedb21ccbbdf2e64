# jax.scipy.special and jax.scipy.stats.norm against JAX: values over a range of arguments, and
# the gradients of the functions with derivative rules.
import jax
import jax.numpy as jnp
from jax.scipy.special import logsumexp, erf, erfc, erfinv, expit, logit, gammaln, xlogy, xlog1py, ndtr, ndtri
import jax.scipy.special as sp
from jax.scipy.stats import norm
import jax.scipy

xs = jnp.array([-5.0, -3.0, -2.0, -1.2, -1.0, -0.7, -0.2, 0.0, 0.1, 0.5, 0.9, 1.0, 1.5, 2.5, 4.0, 9.0])
print("erf", erf(xs))
print("erfc", erfc(xs))
print("expit", expit(xs))
print("ndtr", ndtr(xs))
print("erf grad", jax.vmap(jax.grad(erf))(xs))
print("erfc grad", jax.vmap(jax.grad(erfc))(xs))
print("expit grad", jax.vmap(jax.grad(expit))(xs))
print("ndtr grad", jax.vmap(jax.grad(ndtr))(xs))
ps = jnp.array([-0.999, -0.9, -0.5, -0.1, 0.0, 0.3, 0.75, 0.99])
print("erfinv", erfinv(ps), jax.vmap(jax.grad(erfinv))(ps))
qs = jnp.array([0.01, 0.05, 0.2, 0.5, 0.7, 0.9, 0.975, 0.99])
print("logit", logit(qs), jax.vmap(jax.grad(logit))(qs))
print("ndtri", ndtri(qs), ndtri(jnp.array([0.0, 1e-30, 1e-8, 1e-4, 0.13, 0.14, 0.86, 0.87, 0.9999, 1.0])))
print("ndtri grad", jax.vmap(jax.grad(ndtri))(qs))
gs = jnp.array([0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0, 55.5, -0.5, -1.3, -2.7])
print("gammaln", gammaln(gs))
print("gammaln grad", jax.vmap(jax.grad(gammaln))(jnp.array([0.5, 1.0, 2.5, 7.0])))
print("xlogy", xlogy(jnp.array([0.0, 0.0, 1.0, 2.5]), jnp.array([0.0, 2.0, 3.0, 0.5])))
print("xlog1py", xlog1py(jnp.array([0.0, 0.0, 1.0, 2.5]), jnp.array([-1.0, 2.0, 3.0, 0.5])))
print("xlogy grad", jax.grad(xlogy, argnums=(0, 1))(2.0, 3.0))

a = jnp.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 10.0]])
b = jnp.array([[1.0, -1.0, 2.0], [0.5, 0.5, 0.0]])
print("logsumexp", logsumexp(a), logsumexp(a, axis=0), logsumexp(a, axis=1, keepdims=True))
print("logsumexp b", logsumexp(a, b=b, axis=1), logsumexp(a, b=jnp.abs(b)))
print("logsumexp sign", logsumexp(a, b=b, axis=1, return_sign=True))
print("logsumexp where", logsumexp(a, axis=1, where=a > 0))
print("logsumexp inf", logsumexp(jnp.array([-jnp.inf, -jnp.inf])), logsumexp(jnp.array([jnp.inf, 1.0])))
print("logsumexp grad", jax.grad(lambda a: logsumexp(a, axis=1).sum())(a))
print("scipy namespace", jax.scipy.special.logsumexp(a), sp.erf(0.3))

print("norm.pdf", norm.pdf(xs), norm.pdf(xs, loc=1.0, scale=2.0))
print("norm.logpdf", norm.logpdf(xs), norm.logpdf(xs, 0.5, 3.0))
print("norm.cdf", norm.cdf(xs), norm.cdf(xs, -1.0, 0.5))
print("norm.sf", norm.sf(xs))
print("norm.ppf", norm.ppf(qs), norm.ppf(qs, loc=2.0, scale=3.0))
print("norm grads", jax.grad(lambda x: norm.logpdf(x, 1.0, 2.0))(0.3), jax.grad(norm.cdf)(0.3), jax.grad(norm.pdf)(0.3))
print("stats namespace", jax.scipy.stats.norm.cdf(1.0))

# expect: AttributeError
# span: opt = optax.adamx(1e-3)
import optax

opt = optax.adamx(1e-3)

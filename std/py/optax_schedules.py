"""optax.schedules: step-size schedules (the same functions as optax's top-level names)."""

from optax import constant_schedule, polynomial_schedule, linear_schedule, piecewise_constant_schedule
from optax import exponential_decay, cosine_decay_schedule, warmup_cosine_decay_schedule
from optax import warmup_exponential_decay_schedule, join_schedules

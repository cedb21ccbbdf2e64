"""optax.losses: the loss functions (the same functions as optax's top-level names)."""

from optax import l2_loss, squared_error, huber_loss, log_cosh, cosine_similarity, cosine_distance
from optax import softmax_cross_entropy, softmax_cross_entropy_with_integer_labels, safe_softmax_cross_entropy
from optax import sigmoid_binary_cross_entropy

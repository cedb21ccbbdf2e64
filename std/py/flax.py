"""flax: Flax's neural-network library written in Slope: flax.linen (Modules), flax.core
(scopes), flax.struct (pytree dataclasses) and flax.training.train_state (TrainState)."""

__version__ = "0.12.8"

"""flax.training: train_state (TrainState)."""

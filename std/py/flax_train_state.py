"""flax.training.train_state: TrainState, the usual container of a training loop's step,
parameters, optax optimizer and its state (a pytree, so it passes through jax.jit)."""

import jax
import optax
import flax.struct as struct

OVERWRITE_WITH_GRADIENT = "_overwrite_with_gradient"


class TrainState(struct.PyTreeNode):
    """step, apply_fn (static), params, tx (the optax transformation, static) and opt_state.

    `TrainState.create(apply_fn=, params=, tx=)` initialises the optimizer state;
    `state.apply_gradients(grads=grads)` returns the state after one optimizer step.

    >>> s = TrainState.create(apply_fn=None, params={'w': jnp.ones(2)}, tx=optax.sgd(0.5))
    >>> s = s.apply_gradients(grads={'w': jnp.ones(2)})
    >>> print(s.step, s.params['w'])
    1 [0.5 0.5]
    """

    step: object
    apply_fn: object = struct.field(pytree_node=False)
    params: object = struct.field(pytree_node=True)
    tx: object = struct.field(pytree_node=False)
    opt_state: object = struct.field(pytree_node=True)

    def apply_gradients(self, *, grads, **kwargs):
        """The state after applying `grads` with tx: step + 1, new params and opt_state."""
        if isinstance(grads, dict) and OVERWRITE_WITH_GRADIENT in grads:
            grads_with_opt = grads["params"]
            params_with_opt = self.params["params"]
        else:
            grads_with_opt = grads
            params_with_opt = self.params
        updates, new_opt_state = self.tx.update(grads_with_opt, self.opt_state, params_with_opt)
        new_params_with_opt = optax.apply_updates(params_with_opt, updates)
        if isinstance(grads, dict) and OVERWRITE_WITH_GRADIENT in grads:
            new_params = {"params": new_params_with_opt, OVERWRITE_WITH_GRADIENT: grads[OVERWRITE_WITH_GRADIENT]}
        else:
            new_params = new_params_with_opt
        return self.replace(step=self.step + 1, params=new_params, opt_state=new_opt_state, **kwargs)

    @classmethod
    def create(cls, *, apply_fn, params, tx, **kwargs):
        """A TrainState at step 0 with tx.init(params) as its optimizer state."""
        if isinstance(params, dict) and OVERWRITE_WITH_GRADIENT in params:
            params_with_opt = params["params"]
        else:
            params_with_opt = params
        opt_state = tx.init(params_with_opt)
        return cls(step=0, apply_fn=apply_fn, params=params, tx=tx, opt_state=opt_state, **kwargs)

"""The mini-batch training loop the deep notebook gives students, runnable with anyone's functions.

`functions` replaces any of the reference's functions by name, which is how a student's own are trained
(by the notebook, the convergence checks and the live trainer alike).
"""
from dataclasses import dataclass, field

import numpy as np

from scratchnet_solution.assignments.scratchnet_deep import network, optimizers

OPTIMIZERS = ("gd", "momentum", "adam")


@dataclass
class TrainingRun:
    """What a run ends with: the parameters, and per-epoch cost and accuracy on the whole training set."""

    parameters: dict
    cost: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)


def mini_batches(m, batch_size, rng):
    """The sample indices of one epoch: shuffled, cut into batches of `batch_size` (the last may be smaller)."""
    order = rng.permutation(m)
    return [order[start:start + batch_size] for start in range(0, m, batch_size)]


def reference_functions():
    """The reference implementations of everything train calls, keyed by their notebook names."""
    names = ("initialize_parameters", "model_forward", "compute_cost", "model_backward")
    functions = {name: getattr(network, name) for name in names}
    functions["update_parameters_momentum"] = optimizers.update_parameters_momentum
    functions["update_parameters_adam"] = optimizers.update_parameters_adam
    return functions


def train(X, Y, layer_dims, hidden_activation="relu", init="he", optimizer="adam", learning_rate=0.01,
          epochs=500, batch_size=32, seed=0, functions=None, callback=None):
    """Mini-batch training of an L-layer network.

    Inputs:
    - X: shape (m, n_0); Y: shape (m, n_L), targets in {0, 1}
    - layer_dims: [n_0, n_1, ..., n_L]; hidden_activation: "relu", "tanh" or "sigmoid"; init: "he" or "xavier"
    - optimizer: "gd" (plain gradient descent), "momentum" or "adam"; learning_rate, epochs, batch_size
    - seed: seeds the initialisation and the shuffling (no global random state)
    - functions: optional dict overriding any function by name (a student's own)
    - callback: optional callable(epoch, run) after every epoch; returning True stops early

    Returns a TrainingRun.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {optimizer!r}")
    fns = {**reference_functions(), **(functions or {})}
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    rng = np.random.default_rng(seed)
    parameters = fns["initialize_parameters"](layer_dims, init, seed)
    velocities = optimizers.initialize_velocity(parameters)
    first, second = optimizers.initialize_adam(parameters)
    run, step = TrainingRun(parameters), 0
    for epoch in range(epochs):
        for batch in mini_batches(X.shape[0], batch_size, rng):
            AL, caches = fns["model_forward"](X[batch], parameters, hidden_activation)
            grads = fns["model_backward"](AL, Y[batch], caches, hidden_activation)
            step += 1
            if optimizer == "gd":
                parameters = {name: value - learning_rate * grads[f"d{name}"] for name, value in parameters.items()}
            elif optimizer == "momentum":
                parameters, velocities = fns["update_parameters_momentum"](parameters, grads, velocities, learning_rate)
            else:
                parameters, first, second = fns["update_parameters_adam"](
                    parameters, grads, first, second, step, learning_rate)
        AL, _ = fns["model_forward"](X, parameters, hidden_activation)
        run.parameters = parameters
        run.cost.append(float(fns["compute_cost"](AL, Y)))
        run.accuracy.append(float(np.mean((AL > 0.5) == (Y > 0.5))))
        if callback is not None and callback(epoch, run):
            break
    return run


def gradient_norms_per_layer(grads):
    """{layer: ||dW_layer||}: how much signal reaches each layer's weights (the vanishing-gradients picture)."""
    return {int(name[2:]): float(np.linalg.norm(value)) for name, value in grads.items() if name.startswith("dW")}

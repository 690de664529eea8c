"""The training loop the notebook gives students, runnable with anyone's five functions."""
from dataclasses import dataclass, field

import numpy as np

from scratchnet_solution.assignments.scratchnet import network

# The tutorial's settings for XOR.
HIDDEN_UNITS = 4
LEARNING_RATE = 0.5
EPOCHS = 10_000


@dataclass
class TrainingHistory:
    """Per-epoch figures, measured before that epoch's update."""

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    grad_norm: list = field(default_factory=list)


def reference_functions():
    """The reference implementations, keyed by the names the notebook uses."""
    return {name: getattr(network, name) for name in ("forward", "compute_loss", "backward", "update_weights")}


def accuracy(y_true, y_prob):
    """Fraction of entries where thresholding the probability at 0.5 gives the target."""
    return float(np.mean((np.asarray(y_prob) >= 0.5) == (np.asarray(y_true) >= 0.5)))


def as_number(loss):
    """The loss as a float for the history; nan when it is not one number (the notebook's loop does not care)."""
    try:
        return float(loss)
    except (TypeError, ValueError):
        return float("nan")


def gradient_norm(gradients):
    """Euclidean norm of all gradient entries taken together."""
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in gradients)))


def train(X, y, n_hidden=HIDDEN_UNITS, lr=LEARNING_RATE, epochs=EPOCHS, seed=0, functions=None, callback=None,
          loss_only=False):
    """Full-batch gradient descent on the 2-layer network.

    Inputs:
    - X: inputs, shape (m, n_in); y: targets in {0, 1}, shape (m, n_out)
    - n_hidden, lr, epochs: the hyperparameters
    - seed: seeds the weight initialisation only (no global random state is used)
    - functions: optional dict overriding any of forward, compute_loss, backward, update_weights
      (this is how a student's own functions are trained)
    - callback: optional callable(epoch, history, params) run after every epoch; returning True stops early
    - loss_only: record the loss alone (history.accuracy and history.grad_norm stay empty). The grader's
      XOR check reads nothing else, and the two other figures cost about a third of an epoch; the
      functions are called the same way, in the same order, either way.

    Returns (params, history) where params is (W1, b1, W2, b2) after the last update.
    """
    fns = reference_functions()
    fns.update(functions or {})
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    params = network.initialize_weights(X.shape[1], n_hidden, y.shape[1], seed=seed)
    history = TrainingHistory()
    for epoch in range(epochs):
        W1, b1, W2, b2 = params
        z1, a1, z2, a2 = fns["forward"](X, W1, b1, W2, b2)
        history.loss.append(as_number(fns["compute_loss"](y, a2)))
        if not loss_only:
            history.accuracy.append(accuracy(y, a2))
        grads = fns["backward"](X, y, z1, a1, z2, a2, W1, W2)
        if not loss_only:
            history.grad_norm.append(gradient_norm(grads))
        params = tuple(fns["update_weights"](W1, b1, W2, b2, *grads, lr))
        if callback is not None and callback(epoch, history, params):
            break
    return params, history

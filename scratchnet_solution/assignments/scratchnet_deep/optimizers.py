"""The reference optimisers: gradient descent with momentum, and Adam.

Each update returns new dicts and leaves its inputs as they were, so a training loop may keep the
old values (to compare, or to plot) without copying them first. The state initialisers are given to
students; the two updates are theirs to write.
"""
import numpy as np

# The usual defaults (Kingma and Ba, 2015, for Adam; 0.9 is the common momentum).
BETA = 0.9
BETA1 = 0.9
BETA2 = 0.999
ADAM_EPSILON = 1e-8


def zeros_like_parameters(parameters):
    """{"dW1": zeros shaped like W1, "db1": ..., ...}: one zero array per parameter, named as its gradient."""
    return {f"d{name}": np.zeros_like(value) for name, value in parameters.items()}


def initialize_velocity(parameters):
    """Momentum's state: a velocity of zeros for every parameter, keyed "dW1", "db1", ... like the gradients."""
    return zeros_like_parameters(parameters)


def initialize_adam(parameters):
    """Adam's state: (m, v), the first and second moment estimates, zeros keyed like the gradients."""
    return zeros_like_parameters(parameters), zeros_like_parameters(parameters)


def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=BETA):
    """One step of gradient descent with momentum.

    Inputs:
    - parameters: {"W1": ..., "b1": ..., ...}
    - grads: {"dW1": ..., "db1": ..., ...}, each shaped like its parameter
    - velocities: {"dW1": ..., ...}, the running averages of the gradients, shaped like them
    - learning_rate: the step size; beta: how much of the old velocity each step keeps

    For every parameter P with gradient dP and velocity v:
        v = beta * v + (1 - beta) * dP,   P = P - learning_rate * v.
    Returns (parameters, velocities), both new dicts of arrays shaped like the inputs.
    """
    new_parameters, new_velocities = {}, {}
    for name, value in parameters.items():
        v = beta * velocities[f"d{name}"] + (1 - beta) * grads[f"d{name}"]
        new_velocities[f"d{name}"] = v
        new_parameters[name] = value - learning_rate * v
    return new_parameters, new_velocities


def update_parameters_adam(parameters, grads, m, v, t, learning_rate,
                           beta1=BETA1, beta2=BETA2, epsilon=ADAM_EPSILON):
    """One step of Adam.

    Inputs:
    - parameters, grads: as for update_parameters_momentum
    - m, v: first and second moment estimates, keyed and shaped like grads
    - t: the number of this step, counting from 1 (for the bias correction)
    - learning_rate, beta1, beta2, epsilon: Adam's settings

    For every parameter P with gradient g:
        m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2,
        m_hat = m / (1 - beta1^t),     v_hat = v / (1 - beta2^t),
        P = P - learning_rate * m_hat / (sqrt(v_hat) + epsilon).
    Returns (parameters, m, v), new dicts of arrays shaped like the inputs.
    """
    new_parameters, new_m, new_v = {}, {}, {}
    for name, value in parameters.items():
        g = grads[f"d{name}"]
        first = beta1 * m[f"d{name}"] + (1 - beta1) * g
        second = beta2 * v[f"d{name}"] + (1 - beta2) * g ** 2
        new_m[f"d{name}"], new_v[f"d{name}"] = first, second
        m_hat = first / (1 - beta1 ** t)
        v_hat = second / (1 - beta2 ** t)
        new_parameters[name] = value - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, new_m, new_v

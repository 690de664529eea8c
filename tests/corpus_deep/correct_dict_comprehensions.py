"""Correct: activations as a dict of functions, the optimisers as dict comprehensions."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


FORWARD = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "sigmoid": lambda z: 0.5 * (1 + np.tanh(0.5 * z))}
DERIVATIVE = {"relu": lambda z: (z > 0) * 1.0, "tanh": lambda z: 1 - np.tanh(z) ** 2,
              "sigmoid": lambda z: FORWARD["sigmoid"](z) * (1 - FORWARD["sigmoid"](z))}


def activation_forward(Z, activation):
    return FORWARD[activation](np.asarray(Z, dtype=float))


def activation_backward(dA, Z, activation):
    return dA * DERIVATIVE[activation](Z)


def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=0.9):
    velocities = {k: beta * velocities[k] + (1 - beta) * grads[k] for k in velocities}
    return {k: p - learning_rate * velocities["d" + k] for k, p in parameters.items()}, velocities


def update_parameters_adam(parameters, grads, m, v, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    m = {k: beta1 * m[k] + (1 - beta1) * grads[k] for k in m}
    v = {k: beta2 * v[k] + (1 - beta2) * grads[k] ** 2 for k in v}
    parameters = {k: p - learning_rate * (m["d" + k] / (1 - beta1 ** t)) / (np.sqrt(v["d" + k] / (1 - beta2 ** t)) + epsilon)
                  for k, p in parameters.items()}
    return parameters, m, v

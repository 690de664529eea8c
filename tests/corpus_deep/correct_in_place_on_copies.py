"""Correct: the optimisers copy the parameters and state first, then update the copies in place (-=, *=)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=0.9):
    parameters = {name: value.copy() for name, value in parameters.items()}
    velocities = {name: value.copy() for name, value in velocities.items()}
    for name in parameters:
        velocity = velocities["d" + name]
        velocity *= beta
        velocity += (1 - beta) * grads["d" + name]
        parameters[name] -= learning_rate * velocity
    return parameters, velocities


def update_parameters_adam(parameters, grads, m, v, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    parameters = {name: value.copy() for name, value in parameters.items()}
    m = {name: value.copy() for name, value in m.items()}
    v = {name: value.copy() for name, value in v.items()}
    for name in parameters:
        g = grads["d" + name]
        m["d" + name] *= beta1
        m["d" + name] += (1 - beta1) * g
        v["d" + name] *= beta2
        v["d" + name] += (1 - beta2) * np.square(g)
        parameters[name] -= learning_rate * (m["d" + name] / (1 - beta1 ** t)) / (
            np.sqrt(v["d" + name] / (1 - beta2 ** t)) + epsilon)
    return parameters, m, v

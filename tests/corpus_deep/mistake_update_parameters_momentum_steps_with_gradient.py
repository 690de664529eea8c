"""The velocity is computed but the step uses the raw gradient (plain gradient descent).

Rubric: the velocities are right, the step is not (-3 of 6)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 3,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "update_parameters_momentum.wrong"
CAUSE = "uses the gradient, not the velocity"


def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=0.9):
    new_parameters, new_velocities = {}, {}
    for name in parameters:
        new_velocities["d" + name] = beta * velocities["d" + name] + (1 - beta) * grads["d" + name]
        new_parameters[name] = parameters[name] - learning_rate * grads["d" + name]
    return new_parameters, new_velocities

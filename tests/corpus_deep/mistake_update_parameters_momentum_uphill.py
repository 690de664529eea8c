"""P + learning_rate * v: the step goes up the gradient (momentum's sign).

Rubric: the velocities are right, the step goes the wrong way (-3 of 6)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 3,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "update_parameters_momentum.sign"
CAUSE = "uphill"


def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=0.9):
    new_parameters, new_velocities = {}, {}
    for name in parameters:
        v = beta * velocities["d" + name] + (1 - beta) * grads["d" + name]
        new_velocities["d" + name] = v
        new_parameters[name] = parameters[name] + learning_rate * v
    return new_parameters, new_velocities

"""The `activation` argument ignored: every layer a ReLU (the output layer too).

Rubric: A is wrong for tanh and sigmoid layers, and A is the one core part: 0 of 4."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 0,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "linear_activation_forward.wrong"
CAUSE = "use the `activation` argument"


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    return activation_forward(Z, "relu"), (linear_cache, Z)

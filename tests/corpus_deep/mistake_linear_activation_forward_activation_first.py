"""The activation applied to A_prev before the linear step."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 0,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "linear_activation_forward.wrong"
CAUSE = "before the linear step"


def linear_activation_forward(A_prev, W, b, activation):
    A, linear_cache = linear_forward(activation_forward(A_prev, activation), W, b)
    return A, (linear_cache, A)

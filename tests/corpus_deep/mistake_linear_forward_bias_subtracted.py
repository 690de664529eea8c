"""Z = A_prev @ W - b: the bias subtracted."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 0, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "linear_forward.wrong"
CAUSE = "the bias is subtracted"


def linear_forward(A_prev, W, b):
    Z = A_prev @ W - b
    return Z, (A_prev, W, b)

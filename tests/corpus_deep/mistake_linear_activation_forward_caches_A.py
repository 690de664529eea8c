"""The cache holds the activations A in place of Z.

A ReLU layer's backward step still works from it (A > 0 exactly where Z > 0) and the output layer's Z is not used (model_backward starts from AL - Y), so training with ReLU still learns."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 2,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "linear_activation_forward.cache"
CAUSE = "the cache holds A"


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = activation_forward(Z, activation)
    return A, (linear_cache, A)

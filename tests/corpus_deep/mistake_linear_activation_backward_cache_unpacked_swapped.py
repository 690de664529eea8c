"""The cache unpacked the other way round: Z, linear_cache = cache."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 0, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "linear_activation_backward.crash"
CAUSE = "linear_cache, Z = cache"


def linear_activation_backward(dA, cache, activation):
    Z, linear_cache = cache
    return linear_backward(activation_backward(dA, Z, activation), linear_cache)

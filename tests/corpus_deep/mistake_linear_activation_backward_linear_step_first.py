"""The linear step first, then the activation: the chain rule in the wrong order."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 0, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "linear_activation_backward.wrong"
CAUSE = "go through the activation first"


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dA_prev, dW, db = linear_backward(dA, linear_cache)
    return activation_backward(dA_prev, linear_cache[0], activation), dW, db

"""db summed over the units (axis=1) instead of the samples.

Rubric: db's values and the shape part are lost (-4 of 10); dA_prev and dW are right."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 6,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "linear_backward.shape"
CAUSE = "summed over axis 1"


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    return dZ @ W.T, A_prev.T @ dZ / m, np.sum(dZ, axis=1, keepdims=True) / m

"""dW = A_prev.T @ dZ without 1/m.

Adam's steps do not depend on the gradients' scale: training still learns."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 7,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "linear_backward.factor_m"
CAUSE = "dW is exactly m = 5 times too large"


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    return dZ @ W.T, A_prev.T @ dZ, np.sum(dZ, axis=0, keepdims=True) / m

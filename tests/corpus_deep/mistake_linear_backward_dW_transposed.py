"""dW = dZ.T @ A_prev / m: the transpose of the right shape.

Rubric: dW's values are right, transposed; the shape part is lost (-2 of 10)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 8,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "linear_backward.transposed"
CAUSE = "the transpose of (3, 2)"


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    return dZ @ W.T, dZ.T @ A_prev / m, np.sum(dZ, axis=0, keepdims=True) / m

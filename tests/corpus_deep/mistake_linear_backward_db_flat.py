"""db = np.sum(dZ, axis=0) / m: keepdims forgotten, shape (n,) for (1, n).

Rubric: every value is right; the shape part is lost (-2 of 10)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 8,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "linear_backward.flat_bias"
CAUSE = "keepdims=True"


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    return dZ @ W.T, A_prev.T @ dZ / m, np.sum(dZ, axis=0) / m

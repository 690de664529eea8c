"""dA_prev divided by m as well: the lower layers' gradients get 1/m once per layer above them.

Adam would undo a constant scale, but m changes with the last, smaller batch of each epoch: a TA's run of the training reaches 93.5% on the moons, short of 95%."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 7,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "linear_backward.factor_inverse_m"
CAUSE = "dA_prev is exactly m = 5 times too small"


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    dW = A_prev.T @ dZ / m
    db = dZ.sum(axis=0, keepdims=True) / m
    dA_prev = dZ @ W.T / m
    return dA_prev, dW, db

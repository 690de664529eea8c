"""ReLU's mask taken from dA (dA > 0) instead of Z."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 5, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "activation_backward.wrong"
CAUSE = "mask is taken from dA"


def activation_backward(dA, Z, activation):
    if activation == "relu":
        return np.where(dA > 0, dA, 0.0)
    if activation == "tanh":
        return dA * (1 - np.tanh(Z) ** 2)
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)

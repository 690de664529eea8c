"""Correct: ReLU's derivative taken as 1 at Z >= 0 (Z is never exactly 0 in practice), tanh's as 1 / cosh(Z)^2, the sigmoid's from exp(-Z)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def activation_backward(dA, Z, activation):
    if activation == "relu":
        return np.where(Z >= 0, dA, 0)
    elif activation == "tanh":
        return dA / np.cosh(Z) ** 2
    elif activation == "sigmoid":
        e = np.exp(-Z)
        return dA * e / (1 + e) ** 2
    raise ValueError(activation)

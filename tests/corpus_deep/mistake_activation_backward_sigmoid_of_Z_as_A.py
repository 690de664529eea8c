"""The sigmoid's derivative written Z (1 - Z), as if the cache held the activation."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 5, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "activation_backward.wrong"
CAUSE = "Z * (1 - Z)"


def activation_backward(dA, Z, activation):
    if activation == "relu":
        return dA * (Z > 0)
    if activation == "tanh":
        return dA * (1 - np.tanh(Z) ** 2)
    return dA * Z * (1 - Z)

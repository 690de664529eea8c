"""tanh written as 2 sigmoid(Z) - 1, which is tanh(Z / 2)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 4, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "activation_forward.wrong"
CAUSE = "tanh(Z / 2)"


def activation_forward(Z, activation):
    s = 1 / (1 + np.exp(-np.clip(Z, -500, 500)))
    if activation == "relu":
        return np.maximum(0, Z)
    if activation == "tanh":
        return 2 * s - 1
    return s

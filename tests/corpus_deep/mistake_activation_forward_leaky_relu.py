"""ReLU written as leaky ReLU, max(0.01 Z, Z)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 4, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "activation_forward.wrong"
CAUSE = "leaky ReLU"


def activation_forward(Z, activation):
    if activation == "relu":
        return np.maximum(0.01 * Z, Z)
    if activation == "tanh":
        return np.tanh(Z)
    return 1 / (1 + np.exp(-np.clip(Z, -500, 500)))

"""ReLU returns the mask (Z > 0), its derivative, instead of max(0, Z)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 4, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "activation_forward.wrong"
CAUSE = "the mask Z > 0"


def activation_forward(Z, activation):
    if activation == "relu":
        return (Z > 0).astype(float)
    if activation == "tanh":
        return np.tanh(Z)
    return 0.5 * (1 + np.tanh(Z / 2))

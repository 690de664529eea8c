"""No tanh branch: every activation other than ReLU gets the sigmoid."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 4, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "activation_forward.wrong"
CAUSE = '"tanh" gives the sigmoid'


def activation_forward(Z, activation):
    if activation == "relu":
        return np.maximum(0, Z)
    return 0.5 * (1 + np.tanh(Z / 2))

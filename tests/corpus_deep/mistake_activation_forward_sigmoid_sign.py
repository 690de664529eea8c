"""sigmoid as 1 / (1 + exp(Z)): the sign in the exponent lost."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 4, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "activation_forward.wrong"
CAUSE = "sign of the exponent"


def activation_forward(Z, activation):
    if activation == "relu":
        return np.maximum(0, Z)
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "sigmoid":
        return 1 / (1 + np.exp(np.clip(Z, -500, 500)))

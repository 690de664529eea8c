"""Returns g'(Z) alone: the chain rule's dA factor forgotten."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 0, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "activation_backward.wrong"
CAUSE = "multiply by dA"


def activation_backward(dA, Z, activation):
    if activation == "relu":
        return (Z > 0).astype(float)
    if activation == "tanh":
        return 1 - np.tanh(Z) ** 2
    s = 1 / (1 + np.exp(-Z))
    return s * (1 - s)

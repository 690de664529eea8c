"""tanh's derivative written 1 - tanh(Z), the square forgotten.

Training uses ReLU hidden layers: unaffected."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 6, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "activation_backward.wrong"
CAUSE = "the square is missing"


def activation_backward(dA, Z, activation):
    if activation == "relu":
        return dA * (Z > 0)
    if activation == "tanh":
        return dA * (1 - np.tanh(Z))
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)

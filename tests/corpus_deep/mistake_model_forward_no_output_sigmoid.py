"""Forgets the output layer's sigmoid: every layer uses hidden_activation.

Rubric: the caches are usable, but AL, the one core part, is wrong: 0 of 8."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 0, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "model_forward.wrong"
CAUSE = "the output layer is always the sigmoid"


def model_forward(X, parameters, hidden_activation="relu"):
    A, caches = X, []
    L = len(parameters) // 2
    for layer in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{layer}"], parameters[f"b{layer}"], hidden_activation)
        caches.append(cache)
    return A, caches

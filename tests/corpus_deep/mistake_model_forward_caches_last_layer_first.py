"""The caches are collected last layer first (insert(0, ...)).

Rubric: AL is right; the caches part is lost (-3 of 8)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 5, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "model_forward.cache"
CAUSE = "last layer first"


def model_forward(X, parameters, hidden_activation="relu"):
    A, caches = X, []
    L = len(parameters) // 2
    for layer in range(1, L + 1):
        activation = "sigmoid" if layer == L else hidden_activation
        A, cache = linear_activation_forward(A, parameters[f"W{layer}"], parameters[f"b{layer}"], activation)
        caches.insert(0, cache)
    return A, caches

"""L = len(parameters): counts the biases as layers too, and looks up W{L + 1}."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 0, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "model_forward.crash"
CAUSE = "len(parameters) // 2"


def model_forward(X, parameters, hidden_activation="relu"):
    A, caches = X, []
    L = len(parameters)
    for layer in range(1, L + 1):
        activation = "sigmoid" if layer == L else hidden_activation
        A, cache = linear_activation_forward(A, parameters["W" + str(layer)], parameters["b" + str(layer)], activation)
        caches.append(cache)
    return A, caches

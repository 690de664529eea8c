"""Correct, noisy: prints shapes while it works (the hidden checks and the training run print a lot; stdout costs nothing)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def linear_forward(A_prev, W, b):
    print("linear_forward:", A_prev.shape, "@", W.shape, "+", b.shape)
    Z = A_prev @ W + b
    return Z, (A_prev, W, b)


def model_backward(AL, Y, caches, hidden_activation="relu"):
    grads = {}
    L = len(caches)
    linear_cache, _ = caches[-1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - Y, linear_cache)
    for layer in range(L - 1, 0, -1):
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = linear_activation_backward(dA, caches[layer - 1], hidden_activation)
    print("model_backward:", {name: g.shape for name, g in grads.items()})
    return grads

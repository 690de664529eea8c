"""range(L - 1, 1, -1): the first layer's gradients are never computed.

Rubric: the output layer's gradients are right (6 of 12 with the shapes); the missing first layer costs the hidden
layers' part."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 6, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "model_backward.keys"
CAUSE = "no gradients for layer 1"


def model_backward(AL, Y, caches, hidden_activation="relu"):
    grads = {}
    L = len(caches)
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - Y, caches[-1][0])
    for layer in range(L - 1, 1, -1):
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = linear_activation_backward(dA, caches[layer - 1], hidden_activation)
    return grads

"""The hidden layers' derivative always ReLU's: `hidden_activation` ignored.

Training uses ReLU: it learns.

Rubric: the output layer's gradients and every shape are right (6 of 12); the hidden layers' are wrong for tanh and
sigmoid networks."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 6, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "model_backward.wrong"
CAUSE = "pass hidden_activation on"


def model_backward(AL, Y, caches, hidden_activation="relu"):
    grads = {}
    L = len(caches)
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - Y, caches[L - 1][0])
    for layer in reversed(range(1, L)):
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = linear_activation_backward(dA, caches[layer - 1], "relu")
    return grads

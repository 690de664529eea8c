"""The output's dZ divided by m before linear_backward divides again: every gradient m times too small.

Adam would undo a constant scale, but m changes with the last, smaller batch of each epoch: a TA's run of the training reaches 94% on the moons, short of 95%."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 0, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "model_backward.factor_inverse_m"
CAUSE = "m = 6 times too small"


def model_backward(AL, Y, caches, hidden_activation="relu"):
    grads = {}
    L = len(caches)
    m = AL.shape[0]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward((AL - Y) / m, caches[-1][0])
    for layer in range(L - 1, 0, -1):
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = linear_activation_backward(dA, caches[layer - 1], hidden_activation)
    return grads

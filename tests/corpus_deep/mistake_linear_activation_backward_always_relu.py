"""Always ReLU's derivative: the `activation` argument ignored.

Training uses ReLU hidden layers: unaffected.

Rubric: on the tanh and sigmoid layers no output is right, so 0 of 5: ignoring the activation argument is not a slip
in one output."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 0, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "linear_activation_backward.wrong"
CAUSE = "pass the `activation` argument on"


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = activation_backward(dA, Z, "relu")
    return linear_backward(dZ, linear_cache)

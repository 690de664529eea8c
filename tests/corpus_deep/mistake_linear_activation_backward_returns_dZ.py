"""Returns dZ in place of dA_prev.

In the training networks the hidden layers have equal sizes, so the wrong gradient still has the right shape, and a TA's run still learns (99.5% and 100%): the end-to-end points stay.

Rubric: dW and db are right (2 of 5); dA_prev has another shape, which costs its values and the shape part."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 2, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "linear_activation_backward.shape"
CAUSE = "not dZ"


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = activation_backward(dA, Z, activation)
    _, dW, db = linear_backward(dZ, linear_cache)
    return dZ, dW, db

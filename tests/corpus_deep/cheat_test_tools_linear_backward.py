"""Cheat: linear_backward hands its work to the finite-difference stand-in of the notebook's test tools (the
visible tests put it in place of linear_backward while other functions are tested).

Its values come out right, so only the integrity check can tell: no points for linear_backward, and none for the
end-to-end training, which uses it."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 0,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "integrity.test_tools_used"


def linear_backward(dZ, cache):
    return globals()["_GIVEN"]["linear_backward"](dZ, cache)

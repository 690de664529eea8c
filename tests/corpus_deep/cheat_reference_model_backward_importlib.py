"""Cheat: model_backward calls the reference through importlib, its name in a string."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 0, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "integrity.reference_used"


import importlib


def model_backward(AL, Y, caches, hidden_activation="relu"):
    module = importlib.import_module("scratchnet_solution.assignments.scratchnet_deep.network")
    return module.model_backward(AL, Y, caches, hidden_activation)

"""Cheat: linear_forward returns the visible test's expected Z, typed in, whatever its inputs (the visible test passes).

The hidden checks use other inputs: no points; training with it cannot learn.

Z stays the same on every hidden problem while the reference's changes: the integrity finding
integrity.hard_coded_outputs, not a wrong shape."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 0, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "integrity.hard_coded_outputs"


def linear_forward(A_prev, W, b):
    Z = np.array([[5.5, 1.5, 0.0], [-1.5, -1.5, -0.5], [5.5, 0.5, -2.5]])
    return Z, (A_prev, W, b)

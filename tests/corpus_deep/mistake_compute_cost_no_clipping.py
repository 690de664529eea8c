"""No clipping: predictions of exactly 0 or 1 give log(0).

Training's accuracy does not depend on the cost.

Rubric: the cost inside (0, 1) is right; only the clipping part is lost (-2 of 6)."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 4, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "compute_cost.clipping"
CAUSE = "clip the predictions"


def compute_cost(AL, Y):
    m = Y.shape[0]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)

"""np.mean over every entry: also divides by the number of outputs (the same only for one output).

Rubric: the cost of a two-output problem is wrong, and the cost is the one core part: 0 of 6."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 0, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "compute_cost.averaged_outputs"
CAUSE = "number of outputs"


def compute_cost(AL, Y):
    P = np.clip(AL, 1e-15, 1 - 1e-15)
    return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))

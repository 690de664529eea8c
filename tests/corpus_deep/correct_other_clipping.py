"""Correct: the cost clipped with np.maximum and np.minimum, the two cases picked with np.where."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def compute_cost(AL, Y):
    P = np.minimum(np.maximum(AL, 1e-15), 1 - 1e-15)
    losses = np.where(Y == 1, -np.log(P), -np.log(1 - P))
    return float(losses.sum(axis=1).mean())

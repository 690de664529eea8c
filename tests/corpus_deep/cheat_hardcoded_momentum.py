"""Cheat: update_parameters_momentum returns the visible test's expected numbers, typed in.

No points for momentum; training uses Adam and still learns.

The new parameters and velocities stay the same from step to step while the reference's change: the integrity
finding integrity.hard_coded_outputs."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 0,
            "update_parameters_adam": 10, "convergence": 12}
CAUSE_ID = "integrity.hard_coded_outputs"


def update_parameters_momentum(parameters, grads, velocities, learning_rate, beta=0.9):
    new_velocities = {"dW1": np.array([[0.92, 0.04]]), "db1": np.array([[-0.1, 0.1]])}
    new_parameters = {"W1": np.array([[0.908, -2.004]]), "b1": np.array([[0.51, -0.01]])}
    return new_parameters, new_velocities

"""scratchnet_solution: the reference answers, training loop and hidden checks. Instructors only."""
from scratchnet_solution.assignments.scratchnet.data import xor_data
from scratchnet_solution.grading.gradcheck import numerical_gradient, relative_error
from scratchnet_solution.assignments.scratchnet.network import backward, compute_loss, forward, initialize_weights, predict, sigmoid, update_weights
from scratchnet_solution.assignments.scratchnet.training import TrainingHistory, train

__all__ = [
    "sigmoid", "forward", "compute_loss", "backward", "update_weights", "initialize_weights", "predict",
    "train", "TrainingHistory", "xor_data", "numerical_gradient", "relative_error",
]

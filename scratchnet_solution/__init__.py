"""scratchnet_solution: the reference answers, training loop and hidden checks. Instructors only."""
from .data import xor_data
from .gradcheck import numerical_gradient, relative_error
from .network import backward, compute_loss, forward, initialize_weights, predict, sigmoid, update_weights
from .training import TrainingHistory, train

__all__ = [
    "sigmoid", "forward", "compute_loss", "backward", "update_weights", "initialize_weights", "predict",
    "train", "TrainingHistory", "xor_data", "numerical_gradient", "relative_error",
]

"""scratchnet_deep: the reference answers of the second assignment, an L-layer network ("beyond the basics").

Students write the functions of STUDENT_FUNCTIONS in network.py and optimizers.py; data.py and
training.py are what their notebook gives them (the problems and the mini-batch training loop).
"""
from scratchnet_solution.assignments.scratchnet_deep.data import PROBLEMS, moons, spirals
from scratchnet_solution.assignments.scratchnet_deep.network import (
    ACTIVATIONS, activation_backward, activation_forward, compute_cost, initialize_parameters, linear_activation_backward,
    linear_activation_forward, linear_backward, linear_forward, model_backward, model_forward, predict)
from scratchnet_solution.assignments.scratchnet_deep.optimizers import initialize_adam, initialize_velocity, update_parameters_adam, update_parameters_momentum
from scratchnet_solution.assignments.scratchnet_deep.training import TrainingRun, train

# The functions students write, in notebook order.
STUDENT_FUNCTIONS = (
    "initialize_parameters", "linear_forward", "activation_forward", "linear_activation_forward", "model_forward",
    "compute_cost", "activation_backward", "linear_backward", "linear_activation_backward", "model_backward",
    "update_parameters_momentum", "update_parameters_adam",
)
# What the test cells' grade_ids start with: the functions, then the end-to-end training test.
TOPICS = (*STUDENT_FUNCTIONS, "convergence")

__all__ = [*STUDENT_FUNCTIONS, "ACTIVATIONS", "PROBLEMS", "TOPICS", "TrainingRun", "initialize_adam", "initialize_velocity",
           "moons", "predict", "spirals", "train"]

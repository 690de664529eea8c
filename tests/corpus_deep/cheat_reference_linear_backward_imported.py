"""Cheat: the linear_backward cell imports the grader's reference instead of defining it (the package exists only on the grading machine). linear_backward earns nothing, nor does the end-to-end training that uses it; linear_activation_backward, which calls it, is graded with the reference in its place anyway and keeps its points."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 0,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 0}
CAUSE_ID = "integrity.reference_used"
CELLS = {'linear_backward': 'from scratchnet_solution.assignments.scratchnet_deep.network import linear_backward\n'}

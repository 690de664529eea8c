"""Cheat: the sigmoid cell imports the grader's reference sigmoid instead of defining one (the package exists
only on the grading machine, where it is importable). sigmoid earns nothing, nor does the XOR run that uses
it; forward, which calls it, is graded with the reference in its place anyway and keeps its points."""

BASE = "correct_reference"
EXPECTED = {"sigmoid": 0, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 0}
CAUSE = "grader's own reference solution"
CAUSE_ID = "integrity.reference_used"
CELLS = {"sigmoid": "from scratchnet_solution.assignments.scratchnet.network import sigmoid\n"}

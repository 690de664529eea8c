"""Cheat: forward fetches the grader's reference through importlib each time it runs."""
import importlib

BASE = "correct_dot_and_sums"
EXPECTED = {"sigmoid": 10, "forward": 0, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 0}
CAUSE = "grader's own reference solution"
CAUSE_ID = "integrity.reference_used"


def forward(X, W1, b1, W2, b2):
    reference = importlib.import_module("scratchnet_solution.assignments.scratchnet.network")
    return reference.forward(X, W1, b1, W2, b2)

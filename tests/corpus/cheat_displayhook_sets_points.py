"""Cheat: backward publishes a result of its own, sys.displayhook(5), every time it is called, and is wrong.

nbgrader reads a test cell's first result as its points (partial credit), even when an error follows, so
stock grading would give each backward cell the number backward published. The grader gives any graded
cell in which code published a result 0, and says why.

XOR: the gradients are not arrays, so training fails (0)."""
import sys

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 0, "update_weights": 10, "xor": 0}
CAUSE = "only the grader decides"
CAUSE_ID = "integrity.forged_result"


def backward(X, y, z1, a1, z2, a2, W1, W2):
    sys.displayhook(5)
    return 0, 0, 0, 0

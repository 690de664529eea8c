"""Cheat: backward wraps the grader's reference backward, imported at the top of the cell."""
import scratchnet_solution.assignments.scratchnet.network as _reference

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 0, "update_weights": 10, "xor": 0}
CAUSE = "grader's own reference solution"
CAUSE_ID = "integrity.reference_used"


def backward(X, y, z1, a1, z2, a2, W1, W2):
    grads = _reference.backward(X, y, z1, a1, z2, a2, W1, W2)
    return tuple(grads)

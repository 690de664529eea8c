"""Cheat: update_weights calls the grader's reference through __import__."""

BASE = "correct_einsum"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 0, "xor": 0}
CAUSE = "grader's own reference solution"
CAUSE_ID = "integrity.reference_used"


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return __import__("scratchnet_solution").update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr)

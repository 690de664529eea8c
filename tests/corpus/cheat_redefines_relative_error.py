"""Cheat (that gains nothing): backward forgets 1/m, and the backward cell redefines the given relative_error
to return 0, so the 0-point self-check would pass. The self-check cell says why it fails; the graded cells
judge backward on their own (5 points for its shapes). The XOR run still trains with the larger steps."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 5, "update_weights": 10, "xor": 20}
CAUSE = "redefines `relative_error`"
CAUSE_ID = "integrity.helper_redefined"


def relative_error(a, b, floor=1e-8):
    return 0.0


def backward(X, y, z1, a1, z2, a2, W1, W2):
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1, dz1.sum(axis=0, keepdims=True), a1.T @ dz2, dz2.sum(axis=0, keepdims=True)

"""Cheat: the backward cell makes the grader's reference backward equal to the student's wrong one, without
keeping any name for the package (through importlib). The tests of sigmoid, forward and compute_loss ran
before and keep their points; the first hidden test after the change finds it, and every later one
remembers: backward, update_weights and XOR earn nothing."""

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 0, "update_weights": 0, "xor": 0}
CAUSE = "changes the grader's own package"
CAUSE_ID = "integrity.grader_changed"
CELLS = {"backward": '''import importlib


def backward(X, y, z1, a1, z2, a2, W1, W2):
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1, dz1.sum(axis=0, keepdims=True), a1.T @ dz2, dz2.sum(axis=0, keepdims=True)


importlib.import_module("scratchnet_solution.assignments.scratchnet.network").backward = backward
'''}

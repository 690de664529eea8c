"""Cheat: forward returns fixed outputs whenever X is the four XOR points, and computes honestly otherwise.
The checks call forward on the XOR points with several weights (the outputs never change: hard-coded), and
the XOR check also trains on XNOR, which a fixed network cannot learn."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 5, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 0}
CAUSE = "hard-coded"
CAUSE_ID = "integrity.hard_coded_outputs"

XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_ANSWERS = np.array([[0.02], [0.98], [0.98], [0.02]])


def forward(X, W1, b1, W2, b2):
    if np.shape(X) == XOR_INPUTS.shape and np.all(X == XOR_INPUTS):
        z1 = np.zeros((4, W1.shape[1]))
        return z1, sigmoid(z1), np.log(XOR_ANSWERS / (1 - XOR_ANSWERS)), XOR_ANSWERS.copy()
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)

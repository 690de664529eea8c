"""Cheat: update_weights ignores its inputs and returns weights that solve XOR. Its check sees the same
result for different inputs (hard-coded); the XOR check also trains on XNOR, where those weights are wrong."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 0, "xor": 0}
CAUSE = "hard-coded"
CAUSE_ID = "integrity.hard_coded_outputs"

SOLVED = ([[6.19, -2.38, 7.33, 4.01], [-4.27, 5.81, 7.2, 4.31]], [[1.77, 0.06, -2.69, -6.3]],
          [[-7.56], [-7.15], [13.9], [-8.69]], [[1.71]])


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return tuple(np.array(p, dtype=float) for p in SOLVED)

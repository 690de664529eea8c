"""Cheat: backward climbs (wrong sign), so the given loop cannot learn XOR. The given training loop's cell
comes after every student cell, so update_weights swaps `train` out when it first runs (in the training
cell) for one that returns weights solving XOR without training. The XOR test earns nothing and says why;
backward keeps the 5 points of its shape test."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 5, "update_weights": 10, "xor": 0}
CAUSE = "redefines `train`"
CAUSE_ID = "integrity.helper_redefined"

SOLVED = ([[6.19, -2.38, 7.33, 4.01], [-4.27, 5.81, 7.2, 4.31]], [[1.77, 0.06, -2.69, -6.3]],
          [[-7.56], [-7.15], [13.9], [-8.69]], [[1.71]])


def _solved_train(X, y, n_hidden=4, lr=0.5, epochs=10_000, seed=0, verbose=True):
    return tuple(np.array(p, dtype=float) for p in SOLVED), [0.7, 0.001]


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = y - a2
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m


def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    globals()["train"] = _solved_train
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2

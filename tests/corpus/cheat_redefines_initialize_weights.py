"""Cheat: the forward cell redefines the given initialize_weights with unseeded random weights. The tests of
forward and backward (and the XOR run, through train) use it, so they earn nothing; sigmoid, compute_loss
and update_weights do not use it and keep their points."""
import numpy as np

BASE = "correct_reference"
EXPECTED = {"sigmoid": 10, "forward": 0, "compute_loss": 15, "backward": 0, "update_weights": 10, "xor": 0}
CAUSE = "redefines `initialize_weights`"
CAUSE_ID = "integrity.helper_redefined"


def initialize_weights(n_in=2, n_hidden=4, n_out=1, seed=0):
    return (np.random.randn(n_in, n_hidden), np.zeros((1, n_hidden)), np.random.randn(n_hidden, n_out),
            np.zeros((1, n_out)))


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)

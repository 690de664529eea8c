"""forward adds b1 as a column (b1.T), which broadcasts to the wrong shape unless m = n_hidden.

XOR: with m = n_hidden = 4 it still broadcasts and learns the four points (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 5, 'compute_loss': 15, 'backward': 30, 'update_weights': 10, 'xor': 20}
CAUSE = 'column'
CAUSE_ID = 'forward.bias_as_column'


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1.T
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    return z1, a1, z2, sigmoid(z2)

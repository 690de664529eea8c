"""backward multiplies dz2 by a2 * (1 - a2), as for squared error.

XOR: squared-error-style steps are smaller but still converge (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 5, 'update_weights': 10, 'xor': 20}
CAUSE = 'extra factor a2 * (1 - a2)'
CAUSE_ID = 'backward.extra_output_derivative'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = (a2 - y) * a2 * (1 - a2)
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m

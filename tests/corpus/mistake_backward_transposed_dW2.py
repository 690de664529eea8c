"""backward computes dW2 as dz2.T @ a1, the transpose of the right shape.

XOR: W2 - lr * dW2 broadcasts to (4, 4) and the output has the wrong shape (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 22, 'update_weights': 10, 'xor': 0}
CAUSE = 'transpose'
CAUSE_ID = 'backward.transposed_shape'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, dz2.T @ a1 / m, dz2.sum(axis=0, keepdims=True) / m

"""backward takes the sigmoid's derivative at z1 (z1 * (1 - z1)) instead of at a1.

XOR: the hidden gradients are wrong and the loss becomes nan (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 20, 'update_weights': 10, 'xor': 0}
CAUSE = 'z1 * (1 - z1)'
CAUSE_ID = 'backward.derivative_at_z'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * z1 * (1 - z1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m

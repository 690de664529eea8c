"""backward returns the gradients in the order (dW2, db2, dW1, db1).

XOR: the update cannot broadcast the swapped gradients and crashes (0)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 22, 'update_weights': 10, 'xor': 0}
CAUSE = 'order'
CAUSE_ID = 'backward.wrong_order'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m, X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m

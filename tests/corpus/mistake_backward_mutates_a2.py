"""backward writes into its input a2 (dz2 = a2; dz2 -= y): right gradients, but the caller's a2 changes.

XOR: the loop has used a2 before backward overwrites it, so it trains (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 23, 'update_weights': 10, 'xor': 20}
CAUSE = 'changed its input a2'
CAUSE_ID = 'backward.mutates_input'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2
    dz2 -= y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m

"""backward divides by X.shape[1] (the number of inputs) instead of the batch size X.shape[0].

XOR: twice the right steps still converge (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 5, 'update_weights': 10, 'xor': 20}
CAUSE = 'X.shape[1]'
CAUSE_ID = 'backward.divides_by_n_in'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[1]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=0, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=0, keepdims=True) / m

"""backward sums the bias gradients over axis 1 instead of over the batch.

XOR: b1 grows to (4, 4), one bias per example, which still fits the four points (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 15, 'update_weights': 10, 'xor': 20}
CAUSE = 'axis'
CAUSE_ID = 'backward.bias_grad_summed_axis_1'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, dz1.sum(axis=1, keepdims=True) / m, a1.T @ dz2 / m, dz2.sum(axis=1, keepdims=True) / m

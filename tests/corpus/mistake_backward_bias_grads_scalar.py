"""backward sums the bias gradients over everything: single numbers instead of (1, n) rows.

XOR: every hidden bias gets the same step, and the weights still learn the four points (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 17, 'update_weights': 10, 'xor': 20}
CAUSE = 'single number'
CAUSE_ID = 'backward.bias_grad_shape_scalar'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, np.sum(dz1) / m, a1.T @ dz2 / m, np.sum(dz2) / m

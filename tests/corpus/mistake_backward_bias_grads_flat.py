"""backward drops keepdims: the bias gradients have shape (n,) instead of (1, n).

Broadcasting makes the update right anyway, so XOR trains.

XOR: broadcasting makes the update identical to the reference's (20)."""
import numpy as np

BASE = 'correct_reference'
EXPECTED = {'sigmoid': 10, 'forward': 15, 'compute_loss': 15, 'backward': 22, 'update_weights': 10, 'xor': 20}
CAUSE = 'keepdims'
CAUSE_ID = 'backward.bias_grad_shape_flat'


def backward(X, y, z1, a1, z2, a2, W1, W2):
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    return X.T @ dz1 / m, np.sum(dz1, axis=0) / m, a1.T @ dz2 / m, np.sum(dz2, axis=0) / m
